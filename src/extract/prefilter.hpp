// The pre-filter in front of the target grammar: most sentences of a plan
// state no target and no year frame, and cannot, because they hold none of
// the characters or words every target and frame needs. Those sentences skip
// the clause scan (see scan_line in targets.cpp). It changes no result: a
// sentence passes when it holds any of
// - a digit (ASCII or full-width): every value, every year;
// - a trend verb of the lexicon (grammar.hpp `trend_verbs`): trends, and the
//   slowing-growth phrases (增速下降, 上升趋势得到遏制 …), which hold one;
// - 水平: every benchmark phrase ends with it (benchmark_phrase_at);
// - 全覆盖, 全部, 均: coverage and "every unit establishes" statements;
// - the frames without digits: 近年来 / 五年来 / 过去五年 …, “十四五”期间 ….
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
