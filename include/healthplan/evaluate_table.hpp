// The results of evaluate() as columns: what a DataFrame is built from without
// a loop over rows (Python's hp.evaluate frame).
//
//   auto table = healthplan::evaluate_table(plans, obs, policy, 2023, 2);
//   table.verdict[i], table.explanation.text(i), table.kind.text(i) ...
//
// One row per (plan, target), in the order evaluate() gives them, with the same
// values as the TargetResult fields of the same name. Texts that repeat from
// row to row (plan id, kind, method, unit, lead units ...) are dictionary-
// encoded; texts that are mostly their own per row (target id, indicator and
// its key, explanation) are one UTF-8 buffer with offsets (the layout of an
// Arrow large_string array: Python wraps it without a string object per row).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/evaluate.hpp"
#include "healthplan/evaluate_bulk.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// A text column, in one of two layouts. Dictionary: `codes[i]` indexes
// `names`. One text per row (when `offsets` is not empty): row i is
// utf8[offsets[i], offsets[i + 1]).
// The number columns are ResultColumns (evaluate_bulk.hpp): every row is
// written, so they are not zeroed first (a second pass over fresh pages).
struct TextColumn {
    ResultColumn<std::int32_t> codes;
    std::vector<std::string> names;
    ResultColumn<std::int64_t> offsets;
    std::string utf8;

    bool per_row() const noexcept { return !offsets.empty(); }
    std::string_view text(std::size_t row) const {
        if (per_row()) {
            const auto b = static_cast<std::size_t>(offsets[row]);
            return std::string_view(utf8).substr(b, static_cast<std::size_t>(offsets[row + 1]) - b);
        }
        return names[static_cast<std::size_t>(codes[row])];
    }
};

// An optional year per row: `value` where `valid` is 1.
struct YearColumn {
    ResultColumn<std::int64_t> value;
    ResultColumn<std::uint8_t> valid;
};

struct ResultTable {
    std::size_t rows = 0;
    // Texts as hp.RESULT_COLUMNS shows them: `kind` and `nature` by their
    // identifier (nature "" when unspecified), `comparator` by its symbol,
    // `section` labels joined by " > ", `lead` units joined by "、".
    TextColumn plan_id, target_id, indicator, indicator_key, region, kind, comparator, nature, section, category,
        reason, method, method_version, unit, task_id, lead, explanation;
    YearColumn year, baseline_year, reference_year, latest_year;
    ResultColumn<std::int64_t> as_of;
    ResultColumn<std::uint8_t> verdict;  // Verdict values
    ResultColumn<double> threshold, baseline_value, reference_value, latest_value, projected_value, required_pace,
        observed_pace, years_to_target, probability, progress, score;
    ResultColumn<std::int64_t> points;
    ResultColumn<std::uint8_t> stale;
};

// Judges every target of every plan, as evaluate() does (as of `as_of`, or of
// the latest year in `observations` when none), and lays the results out as
// columns. `threads` > 1 judges contiguous slices of a plan's targets in
// parallel; the results, and the error raised for bad data (the first target's
// in plan order), are the same as with one thread.
ResultTable evaluate_table(std::span<const Plan* const> plans, const Observations& observations,
                           const EvaluationPolicy& policy, std::optional<int> as_of, int threads = 1);

// evaluate() with `threads` (see evaluate_table): the same results in the same order.
std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy,
                                   int as_of, int threads);

HEALTHPLAN_END_NAMESPACE
