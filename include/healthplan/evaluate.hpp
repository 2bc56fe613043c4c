// Judging a plan's targets against observed data.
//
//   auto obs = healthplan::Observations::from_csv("observed.csv");
//   auto results = healthplan::evaluate(plan, obs, {}, 2023);
//   for (auto& r : results) std::cout << r.target_id << ' ' << to_string(r.verdict)
//                                     << ": " << r.explanation << '\n';
//
// Each result is self-explaining: the inputs used, the threshold, the method
// and its version, the projection, the required and observed pace, and the
// lead units of the task the target belongs to. Only data up to `as_of` are
// used, so a past verdict can be reproduced. docs/evaluation.md documents every
// rule; the thresholds live in EvaluationPolicy.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/observations.hpp"
#include "healthplan/plan.hpp"
#include "healthplan/policy.hpp"
#include "healthplan/verdict.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// NaN marks a number that does not apply or could not be computed.
struct TargetResult {
    std::string plan_id;
    std::string target_id;
    std::string indicator;      // name as written at the target
    std::string indicator_key;  // observation key matched ("" when none)
    std::string region;         // region of the series used
    std::optional<int> year;    // target year
    TargetKind kind = TargetKind::level;
    Comparator comparator = Comparator::ge;
    Nature nature = Nature::unspecified;  // target's, else its indicator's
    std::vector<std::string> section;
    int as_of = 0;

    Verdict verdict = Verdict::insufficient_data;
    // Method-specific class ("acceleration_needed", "slightly_off",
    // "some_progress", "wrong_direction", "met_at_target_year", ...).
    std::string category;
    // Why not_evaluable / insufficient_data (empty otherwise).
    std::string reason;
    std::string method;          // "linear_extrapolation", "trend:net_with_k_reversals", ...
    std::string method_version;  // evaluation_version

    double threshold = 0;  // in `unit`; NaN when none
    std::string unit;      // unit of threshold and values
    std::optional<int> baseline_year;
    double baseline_value = 0;  // NaN when none
    std::optional<int> latest_year;
    double latest_value = 0;
    std::optional<int> reference_year;  // change targets
    double reference_value = 0;
    int points = 0;  // observations used

    double projected_value = 0;  // at the target year, bounded
    double required_pace = 0;    // units a year needed from the latest year to the target year
    double observed_pace = 0;    // least-squares slope, units a year
    double years_to_target = 0;  // at the method's pace; +inf when never
    double probability = 0;      // of meeting the target; NaN when not computable
    double progress = 0;         // method's ratio: R, missing share, years ...
    double score = 0;            // method's own score (statcan: −5…5); NaN for the others
    // Judged after the target year on an observation from before it (see
    // EvaluationPolicy::stale_years); the explanation names both years.
    bool stale = false;

    std::string task_id;
    std::vector<std::string> lead;  // lead units' full names
    std::string explanation;
};

// Evaluates every target of `plan`. Throws UnitError when a series' unit
// cannot be converted (unless the policy says insufficient_data), DataError
// for a milestone observation other than 0/1, ValidationError for a bad policy.
std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy,
                                   int as_of);
// As of the latest year in `observations`.
std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations,
                                   const EvaluationPolicy& policy = {});
// One target.
TargetResult evaluate_target(const Plan& plan, const Target& target, const Observations& observations,
                             const EvaluationPolicy& policy, int as_of);

// --- Statistics Canada / Open SDG progress measure --------------------------
//
// One series as sdg-build (open-sdg/sdg-build sdg/ProgressMeasure.py) computes
// it, inputs as in its published indicator_calculation_components.yml. Faithful
// to the published code, including its edge rules; healthplan's stricter
// growth_ratio method stays available separately.
struct StatcanInputs {
    double base_value = 0;
    double base_year = 2015;
    double current_value = 0;
    double current_year = 0;
    std::optional<double> target;  // none: the method for indicators without a numeric target
    double target_year = 2030;
    int direction = -1;           // +1 "positive" (more is better), −1 otherwise (sdg-build's default)
    std::optional<double> limit;  // natural limit (100 for a share), only without a target
};

struct StatcanProgress {
    double progress_value = 0;  // growth (no target) or growth ratio; NaN = not computable
    double score = 0;           // −5…5; NaN when not computable
    std::string status;         // target_achieved, substantial_progress, moderate_progress,
                                // limited_progress, deterioration, not_available
    bool target_achieved = false;
    int sign = 1;                       // −1 when the base value is negative (the series is read flipped)
    double coefficient = 1;             // natural-limit reduction of the thresholds (no target)
    double high = 0, med = 0, low = 0;  // thresholds used (after the reduction)
    std::string note;                   // why not_available, or which edge rule applied
};

StatcanProgress statcan_progress(const StatcanInputs& in);

// Indicator level: the mean score of the series with a score, and the status of
// that mean (target_achieved only when every scored series achieved its target);
// status "" and NaN score when no series has a score.
struct StatcanIndicator {
    double score = 0;
    std::string status;
    int series = 0;  // series that counted
};
StatcanIndicator statcan_indicator(const std::vector<StatcanProgress>& series);

// --- aggregation --------------------------------------------------------------

enum class ScorecardBy : unsigned char { plan, section, lead, nature, region, kind };
std::string_view to_string(ScorecardBy);
ScorecardBy parse_scorecard_by(std::string_view);

struct ScorecardRow {
    std::string group;                        // plan id, top-level section label, lead unit, nature, region, kind
    std::array<int, verdict_count> counts{};  // indexed by Verdict
    int targets = 0;
    int scored = 0;
    // Mean of policy.score weights over scored targets, 0–100; NaN when none.
    double score = 0;
};

// Groups in order of first appearance. By lead, a target counts once for each
// of its lead units ("(no lead)" when it has none); by section, by its
// outermost section label ("(no section)").
std::vector<ScorecardRow> scorecard(const std::vector<TargetResult>& results, ScorecardBy by,
                                    const ScoreWeights& weights = {});

HEALTHPLAN_END_NAMESPACE
