// The bulk path: level targets as columns against series as columns.
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

// Category codes of LevelResultColumns::category (see level_category_name).
std::string_view level_category_name(std::uint8_t code);

struct LevelResultColumns {
    std::vector<std::uint8_t> verdict;      // Verdict values
    std::vector<std::uint8_t> category;     // level_category_name(code)
    std::vector<std::int64_t> latest_year;  // 0 when none
    std::vector<double> latest_value;
    std::vector<double> projected_value;
    std::vector<double> required_pace;
    std::vector<double> observed_pace;
    std::vector<double> years_to_target;
    std::vector<double> probability;
    std::vector<double> progress;
    std::vector<std::int32_t> points;
};

// Judges every target with `policy.method` (binding rules do not apply: the
// columns carry no nature). Throws DataError / ValidationError for bad input,
// before any judging starts. `threads` > 1 splits the targets into that many
// contiguous slices judged in parallel (results are identical; default 1,
// because the caller — a Dask or Spark worker — usually owns the cores).
LevelResultColumns evaluate_level_columns(const SeriesColumns& observations, const LevelTargetColumns& targets,
                                          const EvaluationPolicy& policy, int as_of, int threads = 1);

HEALTHPLAN_END_NAMESPACE
