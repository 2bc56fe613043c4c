// Internal: the numeric judgement of change, rate, trend, benchmark and
// milestone targets, shared by evaluate() (plans) and evaluate_columns()
// (bulk) so the two paths cannot disagree — as judge_level is for levels.
// Points arrive already converted to the comparison unit, restricted to the
// window and ≤ as_of, years ascending. Nothing here throws or builds strings:
// the rich path explains an outcome from its numbers and reason code.
#pragma once

#include <span>
#include <vector>

#include "evaluate/level.hpp"
#include "healthplan/policy.hpp"
#include "healthplan/target.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

// Extra numbers a kind's explanation needs, beside the LevelOutcome fields.
struct KindOutcome : LevelOutcome {
    double threshold = nan;
    double reference_year = nan;
    double reference_value = nan;
    bool final = false;  // judged at (or, stale, after) the target year
    // rate
    int met_steps = 0;
    int steps = 0;
    double required_level = nan;  // what the latest value had to reach
    // trend
    int reversals = 0;
    double net = nan;
    double mk_p = nan;
    bool strict_ok = false, k_ok = false, ts_ok = false;
    double statcan_high = nan, statcan_med = nan, statcan_low = nan, statcan_coefficient = nan, statcan_limit = nan;
    // milestone
    double done_year = nan;
};

// --- change ------------------------------------------------------------------

// Threshold of a change target from its reference value: relative (× (1 ± v/100)),
// points or absolute (± v, `v` already in the comparison unit).
double change_threshold(double reference, double v, ChangeMode mode, int d) noexcept;
// ≥ for increases and ≤ for decreases, strict when the plan's was.
Comparator change_comparator(Comparator written, int d) noexcept;

// --- target year ---------------------------------------------------------------

// Settles the target year for rate and trend targets: `n` shrinks to the points
// ≤ T when T is observed (final); the stale rule applies when T has passed
// without its observation. Returns false with o.reason set when the data do not
// allow a verdict. `later_years_block`: rate targets refuse later years without T.
bool settle_target_year(const double* t, int& n, bool has_year, int year, int as_of, bool later_years_block,
                        const EvaluationPolicy& policy, KindOutcome& o) noexcept;

// --- rate (每年降低0.5个百分点) ----------------------------------------------------

struct RateSpec {
    double v = 0;           // required change a year, in the unit (relative: percent)
    int d = 1;              // +1 increase, −1 decrease
    bool relative = false;  // compound % a year
    bool has_year = false;
    int year = 0;
    int as_of = 0;
    double lower = -inf, upper = inf;
};
// `missed_steps` (optional) receives the indices i of the steps (i−1 → i) that missed the rate.
KindOutcome judge_rate(const double* t, const double* y, int n, const RateSpec& spec, const EvaluationPolicy& policy,
                       std::vector<int>* missed_steps) noexcept;

// --- trend (持续下降, 持续减缓) ------------------------------------------------------

struct TrendSpec {
    int d = 1;                      // wanted direction of the judged values
    bool slowing_of_level = false;  // 持续减缓 of a level: judge its per-year changes
    bool slowing = false;           // 持续减缓 at all (statcan does not apply)
    bool has_year = false;
    int year = 0;
    int as_of = 0;
    double limit = nan;  // statcan's natural limit (NaN = none)
};
// `scratch` holds the per-year changes of a slowing level (reused across calls).
KindOutcome judge_trend(const double* t, const double* y, int n, const TrendSpec& spec, const EvaluationPolicy& policy,
                        std::vector<double>& scratch_t, std::vector<double>& scratch_y) noexcept;

// --- benchmark (达到国家平均水平) ------------------------------------------------------

struct BenchmarkSpec {
    int d = 1;
    bool strict = false;
    bool has_year = false;
    int year = 0;
    int lag = 0;
    int as_of = 0;
};
// `own` and `ref` series; aligned pairs own(t) against ref(t − lag) go to the scratch vectors.
KindOutcome judge_benchmark(const double* ot, const double* oy, int on, const double* rt, const double* ry, int rn,
                            const BenchmarkSpec& spec, const EvaluationPolicy& policy, std::vector<double>& years,
                            std::vector<double>& gap, std::vector<double>& own, std::vector<double>& ref) noexcept;

// --- milestone (建立…机制) -----------------------------------------------------------

// Values are 1 (done) or 0 (not done), checked by the caller.
KindOutcome judge_milestone(const double* t, const double* y, int n, bool has_year, int year, int as_of,
                            const EvaluationPolicy& policy) noexcept;

// mann_kendall(y).p_increasing when direction > 0, else .p_decreasing, the
// same number: judging reads one tail, and each is a Boost erfc (trend.cpp).
double mann_kendall_p(std::span<const double> y, int direction);

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
