// The bulk path: targets of every kind as columns against series as columns.
//
// For millions of targets (every district × indicator × milestone), where
// building Plan objects would cost more than judging them. Inputs are read in
// place (numpy arrays from Python, without copying); the judgement is the same
// code the per-plan `evaluate` uses for level targets, so both agree exactly.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/policy.hpp"
#include "healthplan/target.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// Observations: one row per (series, year); values already in the targets' unit.
// Rows sorted by (series, year) are used as they are; otherwise a sorted order
// is computed once (memory: one index per row). Duplicate (series, year) rows
// are a DataError naming the row indices. NaN values are a DataError.
struct SeriesColumns {
    std::span<const std::int64_t> series;
    std::span<const std::int64_t> year;
    std::span<const double> value;
};

// Level targets: one row per target. `comparator` holds Comparator values
// (0 ge, 1 gt, 2 le, 3 lt, 4 eq, 5 approx). `baseline_year` (optional, empty
// span = none) restricts points to years ≥ it. `lower`/`upper` (optional)
// bound projections (use ±inf for none); empty spans = unbounded.
struct LevelTargetColumns {
    std::span<const std::int64_t> series;
    std::span<const double> threshold;
    std::span<const std::int8_t> comparator;
    std::span<const std::int64_t> year;
    std::span<const std::int64_t> baseline_year;
    std::span<const double> lower;
    std::span<const double> upper;
};

// Targets of every kind: one row per target. Optional columns are empty spans.
//   kind             TargetKind codes (0 level, 1 change, 2 rate, 3 trend, 4 benchmark, 5 milestone); empty = all level
//   value            level: the threshold; change: the amount; rate: the amount a year (in the series'
//                    unit; relative modes in %); NaN for trend, benchmark and milestone
//   year             target year, 0 = none
//   baseline_year    0 = none: points from this year on (change: the reference year when none is given)
//   baseline_value   NaN = none: the plan's stated baseline, added as a point when not observed
//   reference_year   change / rate: the reference year (0 = none); reference_value: stated value (NaN = none)
//   change_mode      ChangeMode codes (0 relative, 1 points, 2 absolute); empty = relative
//   direction        the indicator's direction: +1 more is better, −1 less, 0 unknown (bare numbers)
//   nature           Nature codes (0 unspecified, 1 binding, 2 expected, 3 advocacy)
//   benchmark_series the benchmark region's series id (benchmark targets)
//   trend_flags      bit 0: 持续减缓 (slowing); bit 1: the indicator is itself a growth rate
//   lower / upper    natural bounds of projections (±inf = none)
struct TargetColumns {
    std::span<const std::int64_t> series;
    std::span<const std::uint8_t> kind;
    std::span<const std::int8_t> comparator;
    std::span<const double> value;
    std::span<const std::int64_t> year;
    std::span<const std::int64_t> baseline_year;
    std::span<const double> baseline_value;
    std::span<const std::int64_t> reference_year;
    std::span<const double> reference_value;
    std::span<const std::uint8_t> change_mode;
    std::span<const std::int8_t> direction;
    std::span<const std::uint8_t> nature;
    std::span<const std::int64_t> benchmark_series;
    std::span<const std::uint8_t> trend_flags;
    std::span<const double> lower;
    std::span<const double> upper;
};

// Category codes of TargetResultColumns::category (see level_category_name).
std::string_view level_category_name(std::uint8_t code);
// Insufficient-data reason codes of TargetResultColumns::reason ("" for 0).
std::string_view bulk_reason_text(std::uint8_t code);

// One column per field of TargetResult that is a number; the same values as
// evaluate() gives for the same target (NaN where it gives NaN).
struct TargetResultColumns {
    std::vector<std::uint8_t> verdict;      // Verdict values
    std::vector<std::uint8_t> category;     // level_category_name(code)
    std::vector<std::uint8_t> reason;       // bulk_reason_text(code)
    std::vector<std::int64_t> latest_year;  // 0 when none
    std::vector<double> latest_value;
    std::vector<double> threshold;  // as judged (change, rate: derived; benchmark: the benchmark value)
    std::vector<double> reference_value;
    std::vector<double> projected_value;
    std::vector<double> required_pace;
    std::vector<double> observed_pace;
    std::vector<double> years_to_target;
    std::vector<double> probability;
    std::vector<double> progress;
    std::vector<double> score;
    std::vector<std::int32_t> points;
    std::vector<std::uint8_t> stale;
};
using LevelResultColumns = TargetResultColumns;

// Judges every target, each by its kind and nature, with the rules of
// evaluate(). Throws DataError / ValidationError for bad input (shapes, codes,
// NaN values, a milestone observation other than 0/1) before any judging
// starts. `threads` > 1 splits the targets into that many contiguous slices
// judged in parallel (results are identical; default 1, because the caller — a
// Dask or Spark worker — usually owns the cores).
TargetResultColumns evaluate_columns(const SeriesColumns& observations, const TargetColumns& targets,
                                     const EvaluationPolicy& policy, int as_of, int threads = 1);

// Level targets only (the first bulk API): the same as evaluate_columns with
// every target of kind level.
LevelResultColumns evaluate_level_columns(const SeriesColumns& observations, const LevelTargetColumns& targets,
                                          const EvaluationPolicy& policy, int as_of, int threads = 1);

HEALTHPLAN_END_NAMESPACE
