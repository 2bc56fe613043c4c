// EvaluationPolicy: every threshold and choice evaluation makes, in one place.
//
// Nothing in the evaluator is a hidden constant: the defaults below are the
// published values of the methods they are named after (see docs/evaluation.md
// for sources), and a caller changes them by changing a field. Every result
// records the method and version it was judged with, so two policies can be
// run side by side on the same data.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/enum_names.hpp"
#include "healthplan/indicator.hpp"
#include "healthplan/verdict.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// How a level target is judged before its year (after the year it is always
// the observed value at the target year against the threshold).
enum class LevelMethod : unsigned char {
    // Destatis style: extrapolate the least-squares line through the points to
    // the target year; classes by the share of the distance still missing.
    linear_extrapolation,
    // Statistics Canada / Eurostat (Open SDG): ratio of observed to required
    // compound annual growth, with 0.95 / 0.60 / 0 cut-offs.
    growth_ratio,
    // Defra OIF pilot: years until the target is reached at the average rate
    // of change, against the years left.
    years_to_target,
    // Statistics Canada's progress measure as Open SDG's sdg-build computes it
    // (sdg/ProgressMeasure.py): growth ratio with 0.95 / 0.6 / 0 cut-offs for a
    // numeric target, the published edge rules (0.001 for a zero base or target,
    // sign flip of negative series, a current 0 is −100 %), and a −5…5 score.
    // Trend targets (no numeric value) get its growth-rate method with the
    // natural-limit scaling. See statcan_progress() in evaluate.hpp.
    statcan,
};

// Operational definitions of 持续下降 / 持续上升 / 持续减缓 (direction targets).
enum class TrendDefinition : unsigned char {
    strictly_monotone,       // every year-on-year step goes the right way
    net_with_k_reversals,    // net change the right way, at most k steps against it
    theil_sen_mann_kendall,  // Theil–Sen slope the right way and a one-sided
                             // Mann–Kendall test significant at alpha
};

// What happens when an observation's unit cannot be converted to the target's.
enum class UnitMismatch : unsigned char {
    error,              // throw UnitError naming target and observation (default)
    insufficient_data,  // record the target as insufficient_data with the reason
};

std::string_view to_string(LevelMethod);
std::string_view to_string(TrendDefinition);
std::span<const EnumName<LevelMethod>> enum_names(LevelMethod);
std::span<const EnumName<TrendDefinition>> enum_names(TrendDefinition);
std::span<const EnumName<UnitMismatch>> enum_names(UnitMismatch);
LevelMethod parse_level_method(std::string_view);  // SchemaError on unknown
TrendDefinition parse_trend_definition(std::string_view);

// Points per verdict for the 0–100 score of a scorecard (mean over scored
// targets; not_evaluable and insufficient_data are not scored).
struct ScoreWeights {
    double achieved = 100;
    double achieved_early = 100;
    double on_track = 75;
    double off_track = 25;
    double missed = 0;

    double of(Verdict v) const noexcept;
};

struct EvaluationPolicy {
    // --- level targets before their year -----------------------------------
    LevelMethod method = LevelMethod::linear_extrapolation;

    // growth_ratio: R = d·CAGR_observed / |CAGR_required|; R ≥ on_track → on
    // track, ≥ acceleration → "acceleration needed", ≥ limited → "limited
    // progress", below → "deterioration" (Open SDG 2.4 / StatCan values).
    double growth_on_track = 0.95;
    double growth_acceleration = 0.60;
    double growth_limited = 0.0;

    // linear_extrapolation (Destatis classes): share of the distance from the
    // base value to the threshold still missing at the target year. Below
    // `distance_near` counts as reachable (on track); up to `distance_far` is
    // "slightly off"; beyond and still moving the right way is "off"; moving
    // the wrong way or not at all is "wrong direction".
    double distance_near = 0.05;
    double distance_far = 0.20;

    // years_to_target (Defra): reached within the years left → on track;
    // within `years_grace` more years → "some progress"; later → "insufficient".
    int years_grace = 5;

    // --- data selection -----------------------------------------------------
    // Use the plan's stated baseline (year and value) as a data point when no
    // observation exists for the baseline year.
    bool use_stated_baseline = true;
    // Only points from the baseline year on (or, without a baseline, all
    // points) are used; a positive window keeps only the last N years before
    // the latest observation as well.
    int window_years = 0;

    // --- judging ------------------------------------------------------------
    // Tolerance of the "approx" (左右 / 约) comparator, as a fraction of |threshold|.
    double approx_tolerance = 0.05;
    // Clamp projections to natural bounds: a ratio (%, ‰, 1/100000) to
    // [0, 100%], counts and durations to ≥ 0.
    bool bound_projections = true;
    // Binding (约束性) targets: before the year, on track only if the projected
    // value itself meets the threshold (pace alone is not enough).
    bool binding_strict = true;
    // Advocacy (倡导性) targets are never scored (verdict not_evaluable). Set
    // to false to judge them like expected ones.
    bool advocacy_never_scored = true;
    // Probability of meeting the target from the residual spread of the
    // least-squares fit (Student t prediction interval) needs this many points.
    int min_points_probability = 3;

    // --- rate targets (每年降低0.5个百分点) ------------------------------------
    // false: judged cumulatively from the first point (the average pace must
    // meet the rate); true: every year-on-year step must meet it as well.
    bool rate_every_year = false;

    // --- trend targets ------------------------------------------------------
    TrendDefinition trend = TrendDefinition::net_with_k_reversals;
    int k_reversals = 1;
    double mann_kendall_alpha = 0.05;

    // --- milestone targets ---------------------------------------------------
    // Verdict for a milestone not done yet whose deadline has not passed.
    Verdict pending_milestone = Verdict::off_track;

    // --- benchmark targets ---------------------------------------------------
    // The benchmark value for year t is the benchmark region's value at
    // t − benchmark_lag (statistics are often published a year late).
    int benchmark_lag = 0;
    // Benchmark label as written in the plan → region name in the observations.
    // "{province}" stands for the plan's province.
    std::vector<std::pair<std::string, std::string>> benchmark_regions = {
        {"国家平均水平", "全国"},         {"全国平均水平", "全国"},       {"全国平均", "全国"},
        {"自治区平均水平", "{province}"}, {"全省平均水平", "{province}"}, {"省平均水平", "{province}"},
        {"全区平均水平", "{province}"},   {"全市平均水平", "{province}"},
    };

    // --- matching -----------------------------------------------------------
    // Region whose series are used; empty → the plan's region name. Series
    // with an empty region (region not stated) match any region.
    std::string region;
    UnitMismatch on_unit_mismatch = UnitMismatch::error;

    ScoreWeights score;

    // Direction of indicators by catalog code or name, used when the plan's
    // indicator leaves it unknown (extracted plans do for bare numbers). The
    // Python `evaluate` fills it from the bundled catalog when empty.
    std::vector<std::pair<std::string, Direction>> indicator_directions;

    // --- target year passed without its observation -------------------------
    // (as of 2023, data to 2021, target 2022) the latest observation decides
    // achieved / missed and the result is flagged `stale`, when it is at most
    // this many years before the target year; older → insufficient_data.
    // healthplan's own rule (no published method covers it).
    int stale_years = 2;

    // Throws ValidationError naming the field when a value is out of range
    // (cut-offs out of order, negative tolerance, alpha outside (0, 1) ...).
    void validate() const;
};

// Identifies the rules: bump when a default or a formula changes so stored
// results can say which rules produced them.
inline constexpr std::string_view evaluation_version = "2";

HEALTHPLAN_END_NAMESPACE
