// Internal: the numeric judgement of one level threshold against one series.
// Shared by evaluate() (plans) and evaluate_level_columns() (bulk), so the two
// paths cannot disagree. No strings are built here: the rich path turns the
// outcome into an explanation afterwards.
#pragma once

#include <cstdint>
#include <limits>

#include "healthplan/policy.hpp"
#include "healthplan/target.hpp"
#include "healthplan/trend.hpp"
#include "healthplan/verdict.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr double inf = std::numeric_limits<double>::infinity();

// Method-specific classes; names in category_name().
enum class Category : std::uint8_t {
    none,
    met_at_target_year,
    missed_at_target_year,
    already_met,
    maintained,
    not_maintained,
    // growth_ratio
    on_track,
    acceleration_needed,
    limited_progress,
    deterioration,
    // linear_extrapolation
    reachable,
    slightly_off,
    off,
    wrong_direction,
    // years_to_target
    substantial_progress,
    some_progress,
    insufficient_progress,
    // binding rule
    binding_projection_short,
    // statcan (substantial_progress, limited_progress, deterioration shared above)
    moderate_progress,
    // target year passed without its observation: judged on the latest one
    met_before_target_year,
    missed_before_target_year,
    // rate
    met_every_year,
    met_cumulatively,
    behind,
    // trend
    holds,
    does_not_hold,
    // benchmark
    at_or_better_than_benchmark,
    worse_than_benchmark,
    gap_closing,
    gap_not_closing,
    // milestone
    done,
    done_late,
    not_done,
    pending,
    count_,
};
const char* category_name(Category c) noexcept;

// Why a level outcome is insufficient_data (names in reason_text()).
enum class Reason : std::uint8_t {
    none,
    no_observation,
    single_point,
    no_target_year_value,
    non_positive_for_growth,
    no_target_year,
    stale,
    statcan_not_available,
    non_positive_for_rate,
    slowing_needs_three,
    single_point_direction,
    mann_kendall_needs_three,
    no_aligned_year,
    no_aligned_target_year,
    single_aligned_point,
    no_milestone_report,
    before_base_year,
    no_direction,
    no_reference,
    no_benchmark_series,
};
const char* reason_text(Reason r) noexcept;

struct LevelSpec {
    double threshold = 0;
    Comparator comparator = Comparator::ge;
    bool has_year = false;
    int year = 0;
    double lower = -inf;  // natural bounds of projections
    double upper = inf;
    bool binding = false;
    // Evaluation year: after the target year without its observation, the
    // latest observation decides (stale) within policy.stale_years.
    int as_of = std::numeric_limits<int>::max();
};

struct LevelOutcome {
    Verdict verdict = Verdict::insufficient_data;
    Category category = Category::none;
    Reason reason = Reason::none;
    double latest_year = nan;
    double latest_value = nan;
    double base_year = nan;
    double base_value = nan;
    double projected = nan;
    double required_pace = nan;
    double observed_pace = nan;
    double years_to_target = nan;
    double probability = nan;
    double progress = nan;
    double score = nan;  // statcan's −5…5
    bool stale = false;
    int points = 0;
};

// The desired direction of a comparator: +1 for more (≥ > increase), -1 for less
// (≤ < decrease); for one that says neither (= ~), `otherwise` (the indicator's
// direction as +1, -1 or 0, or the side of the threshold a level starts on).
// Shared by evaluate(), the level judgement and the bulk path.
inline int comparator_sign(Comparator c, int otherwise) noexcept {
    switch (c) {
        case Comparator::increase:
        case Comparator::ge:
        case Comparator::gt:
            return 1;
        case Comparator::decrease:
        case Comparator::le:
        case Comparator::lt:
            return -1;
        default:
            return otherwise > 0 ? 1 : otherwise < 0 ? -1 : 0;
    }
}

// `t`, `y`: n points, years ascending, all ≤ as_of, already in the threshold's
// unit and already restricted to the window. Never throws.
LevelOutcome judge_level(const double* t, const double* y, int n, const LevelSpec& spec, LevelMethod method,
                         const EvaluationPolicy& policy) noexcept;

// Probability that the least-squares prediction at year T satisfies the
// comparator (Student t prediction interval); NaN with fewer than
// policy.min_points_probability points.
// Student t CDF for integer degrees of freedom: exact finite sums (A&S
// 26.7.3/4) up to 200, Boost.Math beyond. 10× faster than the incomplete beta
// route, which matters for millions of targets; tests compare both.
double student_t_cdf(double x, int nu) noexcept;

// The least-squares line of judge_level, from one pass of sums centred on the
// first point (x0, y0); the residual spread is a second pass, made only when a
// probability needs it. Same line as fit_line up to the last bits.
struct LineFit : LinearFit {
    double x0 = 0, y0 = 0;  // the centre
    double mx = 0, my = 0;  // means of x − x0, y − y0
};
LineFit fit_sums(const double* t, const double* y, int n) noexcept;
void add_residual_sd(LineFit& fit, const double* t, const double* y) noexcept;
// probability_from_fit after add_residual_sd (t, y: the points of the fit).
double probability_of_fit(LineFit& fit, const double* t, const double* y, double year, Comparator c, double threshold,
                          double tolerance, int min_points) noexcept;
double probability_from_fit(const LinearFit& fit, double year, Comparator c, double threshold, double tolerance,
                            int min_points) noexcept;
double probability_of_meeting(const double* t, const double* y, int n, double year, Comparator c, double threshold,
                              double tolerance, int min_points) noexcept;

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
