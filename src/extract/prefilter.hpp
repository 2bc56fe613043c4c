// The pre-filter in front of the target grammar: most sentences of a plan
// state no target and no year frame, and cannot, because they hold none of
// the characters or words every target and frame needs. Those sentences skip
// the clause scan (see scan_line in targets.cpp). It changes no result: a
// sentence passes when it holds any of
// - a digit (ASCII or full-width): every value, every year;
// - a trend verb of the lexicon (grammar.hpp `trend_verbs`): trends, and the
//   slowing-growth phrases (增速下降, 上升趋势得到遏制 …), which hold one;
// - `benchmark_head` (水平): every benchmark phrase ends with it;
// - `coverage_word`, `all_units_words` (全覆盖, 全部, 均): coverage and
//   "every unit establishes" statements;
// - the frames without digits: `retrospective_words` (近年来, 五年来 …) and
//   `five_year_periods` (“十四五”期间 …).
// The words are read from those lexicon tables, never spelled here: a word
// added to one of them reaches the filter with no second edit.
// tests/cpp/extract/test_extract_prefilter.cpp extracts every document of
// tests/quality with and without the filter and requires equal plans.
#pragma once

#include <string_view>

#include "healthplan/span.hpp"  // opens the inline namespace healthplan::v0 first

namespace healthplan::v0::detail::extract {

// Whether the sentence may state a target or a year frame.
bool may_state_target(std::string_view sentence) noexcept;

// On by default; the equivalence test turns it off to compare.
void set_prefilter_enabled(bool on) noexcept;
bool prefilter_enabled() noexcept;

}  // namespace healthplan::v0::detail::extract
