// The numeric judgement of level thresholds (see evaluate_level.hpp).
#include "evaluate/level.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <boost/math/distributions/students_t.hpp>

#include "healthplan/evaluate.hpp"
#include "healthplan/trend.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

const char* category_name(Category c) noexcept {
    switch (c) {
        case Category::none:
            return "";
        case Category::met_at_target_year:
            return "met_at_target_year";
        case Category::missed_at_target_year:
            return "missed_at_target_year";
        case Category::already_met:
            return "already_met";
        case Category::maintained:
            return "maintained";
        case Category::not_maintained:
            return "not_maintained";
        case Category::on_track:
            return "on_track";
        case Category::acceleration_needed:
            return "acceleration_needed";
        case Category::limited_progress:
            return "limited_progress";
        case Category::deterioration:
            return "deterioration";
        case Category::reachable:
            return "reachable";
        case Category::slightly_off:
            return "slightly_off";
        case Category::off:
            return "off";
        case Category::wrong_direction:
            return "wrong_direction";
        case Category::substantial_progress:
            return "substantial_progress";
        case Category::some_progress:
            return "some_progress";
        case Category::insufficient_progress:
            return "insufficient_progress";
        case Category::binding_projection_short:
            return "binding_projection_short";
        case Category::moderate_progress:
            return "moderate_progress";
        case Category::met_before_target_year:
            return "met_before_target_year";
        case Category::missed_before_target_year:
            return "missed_before_target_year";
        case Category::met_every_year:
            return "met_every_year";
        case Category::met_cumulatively:
            return "met_cumulatively";
        case Category::behind:
            return "behind";
        case Category::holds:
            return "holds";
        case Category::does_not_hold:
            return "does_not_hold";
        case Category::at_or_better_than_benchmark:
            return "at_or_better_than_benchmark";
        case Category::worse_than_benchmark:
            return "worse_than_benchmark";
        case Category::gap_closing:
            return "gap_closing";
        case Category::gap_not_closing:
            return "gap_not_closing";
        case Category::done:
            return "done";
        case Category::done_late:
            return "done_late";
        case Category::not_done:
            return "not_done";
        case Category::pending:
            return "pending";
        case Category::count_:
            break;
    }
    return "";
}

const char* reason_text(Reason r) noexcept {
    switch (r) {
        case Reason::none:
            return "";
        case Reason::no_observation:
            return "no observation up to the as-of year";
        case Reason::single_point:
            return "a single data point: no pace can be measured";
        case Reason::no_target_year_value:
            return "no observation for the target year although later years exist";
        case Reason::non_positive_for_growth:
            return "growth rates need positive base, latest and target values (zero or negative value)";
        case Reason::no_target_year:
            return "the target has no year";
        case Reason::stale:
            return "the target year has passed and the latest observation is too old to judge it "
                   "(more than EvaluationPolicy::stale_years before the target year)";
        case Reason::statcan_not_available:
            return "the StatCan measure is not computable (base and latest values of opposite signs)";
        case Reason::non_positive_for_rate:
            return "relative change from a zero or negative value";
        case Reason::slowing_needs_three:
            return "slowing growth needs at least 3 points (2 growth figures)";
        case Reason::single_point_direction:
            return "a single data point: no direction can be seen";
        case Reason::mann_kendall_needs_three:
            return "the Mann–Kendall test needs at least 3 points";
        case Reason::no_aligned_year:
            return "no year where both series have data";
        case Reason::no_aligned_target_year:
            return "no aligned observation for the target year";
        case Reason::single_aligned_point:
            return "a single aligned point: the gap's trend cannot be measured";
        case Reason::no_milestone_report:
            return "no observation of whether the milestone is done";
        case Reason::before_base_year:
            return "every observation precedes the base year";
        case Reason::no_direction:
            return "the wanted direction is unknown";
        case Reason::no_reference:
            return "no reference value";
        case Reason::no_benchmark_series:
            return "no observations of the benchmark series";
    }
    return "";
}

namespace {

// Same meaning as healthplan::satisfies, without exceptions, for the hot loop;
// increase / decrease read as "at least" / "at most".
inline bool meets(double v, Comparator c, double th, double tol) noexcept {
    switch (c) {
        case Comparator::ge:
        case Comparator::increase:
            return v >= th;
        case Comparator::gt:
            return v > th;
        case Comparator::le:
        case Comparator::decrease:
            return v <= th;
        case Comparator::lt:
            return v < th;
        case Comparator::eq:
            return v == th;
        case Comparator::approx:
            return std::fabs(v - th) <= tol * std::fabs(th);
    }
    return false;
}

inline double clamp_to(double v, const LevelSpec& s, bool bound) noexcept {
    if (!bound || std::isnan(v)) return v;
    return std::min(std::max(v, s.lower), s.upper);
}

}  // namespace

namespace {

// (k − 1) / k for the A&S sums below, rounded once at compile time: a division
// per term sat on the sum's dependency chain (about 14 cycles each, ~20 % of
// the bulk path's probability); this changes the sums in their last bits only.
constexpr int max_exact_nu = 200;
constexpr auto step_ratios = [] {
    std::array<double, max_exact_nu + 1> r{};
    for (int k = 1; k <= max_exact_nu; ++k)
        r[static_cast<std::size_t>(k)] = static_cast<double>(k - 1) / static_cast<double>(k);
    return r;
}();
constexpr const double* step_ratio = step_ratios.data();

}  // namespace

LineFit fit_sums(const double* t, const double* y, int n) noexcept {
    LineFit f;
    f.n = n;
    f.slope = f.intercept = f.residual_sd = nan;
    if (n <= 0) return f;
    // Centred on the first point: years become small whole numbers (their sums
    // exact), and a large level (cases per 100,000) drops out of the products.
    // Four independent sums in one pass, where three dependent passes were.
    f.x0 = t[0];
    f.y0 = y[0];
    double sx = 0, sxx = 0, sy = 0, sxy = 0;
    for (int i = 0; i < n; ++i) {
        const double dx = t[i] - f.x0, dy = y[i] - f.y0;
        sx += dx;
        sxx += dx * dx;
        sy += dy;
        sxy += dx * dy;
    }
    const double nd = static_cast<double>(n);
    f.mx = sx / nd;
    f.my = sy / nd;
    f.x_mean = f.x0 + f.mx;
    f.sxx = sxx - sx * f.mx;
    if (n < 2 || !(f.sxx > 0)) {
        f.intercept = f.y0 + f.my;
        return f;
    }
    f.slope = (sxy - sx * f.my) / f.sxx;
    f.intercept = (f.y0 + f.my) - f.slope * f.x_mean;
    return f;
}

void add_residual_sd(LineFit& f, const double* t, const double* y) noexcept {
    if (f.n < 3 || !std::isfinite(f.slope)) return;
    // Residuals from the centred line, in a second pass: exact for points on a
    // line (a perfect fit must give probability 0 or 1), where Σy² − b·Σxy
    // would leave rounding noise of the size of the values.
    double ssr = 0;
    for (int i = 0; i < f.n; ++i) {
        const double r = ((y[i] - f.y0) - f.my) - f.slope * ((t[i] - f.x0) - f.mx);
        ssr += r * r;
    }
    f.residual_sd = std::sqrt(ssr / static_cast<double>(f.n - 2));
}

double probability_of_fit(LineFit& fit, const double* t, const double* y, double year, Comparator c, double threshold,
                          double tolerance, int min_points) noexcept {
    if (fit.n < std::max(3, min_points)) return nan;
    add_residual_sd(fit, t, y);
    return probability_from_fit(fit, year, c, threshold, tolerance, min_points);
}

double student_t_cdf(double x, int nu) noexcept {
    if (nu <= 0 || std::isnan(x)) return nan;
    if (nu > max_exact_nu) {
        try {
            using namespace boost::math::policies;
            using no_promote = policy<promote_float<false>, promote_double<false>>;
            return boost::math::cdf(boost::math::students_t_distribution<double, no_promote>(nu), x);
        } catch (...) {
            return nan;
        }
    }
    // Abramowitz & Stegun 26.7.3 / 26.7.4: exact finite sums for integer
    // degrees of freedom, with theta = atan(x / sqrt(nu)); sin and cos of theta
    // are algebraic (x / r, sqrt(nu) / r with r = sqrt(nu + x²)), so only odd
    // nu needs the angle itself.
    const double nu_d = static_cast<double>(nu);
    const double r = std::sqrt(nu_d + x * x);
    const double s = x / r, c = std::sqrt(nu_d) / r, c2 = nu_d / (nu_d + x * x);
    double a;
    if (nu % 2 == 1) {
        double sum = 0;
        if (nu > 1) {
            double term = c;
            sum = c;
            for (int k = 3; k <= nu - 2; k += 2) {
                term *= c2 * step_ratio[k];
                sum += term;
            }
        }
        const double theta = std::atan(x / std::sqrt(nu_d));
        a = 2.0 / 3.14159265358979323846 * (theta + s * sum);
    } else {
        double term = 1, sum = 1;
        for (int k = 2; k <= nu - 2; k += 2) {
            term *= c2 * step_ratio[k];
            sum += term;
        }
        a = s * sum;
    }
    return 0.5 + 0.5 * a;
}

double probability_from_fit(const LinearFit& fit, double year, Comparator c, double threshold, double tolerance,
                            int min_points) noexcept {
    const int n = fit.n;
    if (n < std::max(3, min_points)) return nan;
    if (!std::isfinite(fit.slope) || !std::isfinite(fit.residual_sd)) return nan;
    const double pred = fit.at(year);
    const double d = year - fit.x_mean;
    const double se = fit.residual_sd * std::sqrt(1.0 + 1.0 / n + d * d / fit.sxx);
    if (!(se > 0)) {  // a perfect fit: the projection is certain under the model
        return meets(pred, c, threshold, tolerance) ? 1.0 : 0.0;
    }
    auto cdf = [&](double x) { return student_t_cdf((x - pred) / se, n - 2); };
    switch (c) {
        case Comparator::ge:
        case Comparator::gt:
        case Comparator::increase:
            return 1.0 - cdf(threshold);
        case Comparator::le:
        case Comparator::lt:
        case Comparator::decrease:
            return cdf(threshold);
        case Comparator::eq:
        case Comparator::approx: {
            const double half = tolerance * std::fabs(threshold);
            return cdf(threshold + half) - cdf(threshold - half);
        }
    }
    return nan;
}

double probability_of_meeting(const double* t, const double* y, int n, double year, Comparator c, double threshold,
                              double tolerance, int min_points) noexcept {
    if (n < std::max(3, min_points)) return nan;
    LineFit fit = fit_sums(t, y, n);
    return probability_of_fit(fit, t, y, year, c, threshold, tolerance, min_points);
}

LevelOutcome judge_level(const double* t, const double* y, int n, const LevelSpec& spec, LevelMethod method,
                         const EvaluationPolicy& policy) noexcept {
    LevelOutcome o;
    o.points = n;
    if (n <= 0) {
        o.reason = Reason::no_observation;
        return o;
    }
    const double th = spec.threshold;
    const double tol = policy.approx_tolerance;
    const Comparator cmp = spec.comparator;
    const double t0 = t[0], y0 = y[0], tn = t[n - 1], yn = y[n - 1];
    o.base_year = t0;
    o.base_value = y0;
    o.latest_year = tn;
    o.latest_value = yn;
    // = and ~ say no direction: the side of the threshold the series starts on.
    const int dir = comparator_sign(cmp, th >= y0 ? 1 : -1);

    // Initialised in place: assigning the returned fit copied it through a
    // store-forwarding stall that cost a third of this function.
    LineFit fit = n >= 2 ? fit_sums(t, y, n) : LineFit{};
    if (n >= 2) o.observed_pace = fit.slope;

    // A target without a year ("保持在90%以上") holds when the latest value does.
    if (!spec.has_year) {
        const bool ok = meets(yn, cmp, th, tol);
        o.verdict = ok ? Verdict::on_track : Verdict::off_track;
        o.category = ok ? Category::maintained : Category::not_maintained;
        return o;
    }

    const double T = spec.year;
    // The target year has an observation: the milestone is decided, whatever came after.
    for (int i = n - 1; i >= 0; --i) {
        if (t[i] == T) {
            const bool ok = meets(y[i], cmp, th, tol);
            o.verdict = ok ? Verdict::achieved : Verdict::missed;
            o.category = ok ? Category::met_at_target_year : Category::missed_at_target_year;
            o.projected = y[i];
            o.latest_year = t[i];
            o.latest_value = y[i];
            return o;
        }
        if (t[i] < T) break;
    }
    if (tn > T) {
        o.reason = Reason::no_target_year_value;
        return o;
    }
    // The target year has passed without its observation: the latest observation
    // decides (achieved / missed, flagged stale) when recent enough, never a projection.
    if (spec.as_of >= T) {
        if (T - tn > policy.stale_years) {
            o.reason = Reason::stale;
            return o;
        }
        const bool ok = meets(yn, cmp, th, tol);
        o.verdict = ok ? Verdict::achieved : Verdict::missed;
        o.category = ok ? Category::met_before_target_year : Category::missed_before_target_year;
        o.stale = true;
        if (n >= 2) o.probability = probability_of_fit(fit, t, y, T, cmp, th, tol, policy.min_points_probability);
        return o;
    }

    const double left = T - tn;  // > 0
    o.required_pace = (th - yn) / left;
    const bool met_now = meets(yn, cmp, th, tol);
    if (n == 1) {
        if (met_now) {
            o.verdict = Verdict::achieved_early;
            o.category = Category::already_met;
        } else {
            o.reason = Reason::single_point;
        }
        return o;
    }

    const bool bound = policy.bound_projections;
    o.probability = probability_of_fit(fit, t, y, T, cmp, th, tol, policy.min_points_probability);

    Category cat = Category::none;
    switch (method) {
        case LevelMethod::linear_extrapolation: {
            o.projected = clamp_to(fit.at(T), spec, bound);
            o.years_to_target = dir * fit.slope > 0 ? std::max(0.0, (th - yn) / fit.slope) : inf;
            double den = std::max(std::fabs(th - y0), std::fabs(th - yn));
            if (!(den > 0)) den = std::fabs(th) > 0 ? std::fabs(th) : 1.0;
            const double missing = std::max(0.0, dir * (th - o.projected) / den);
            o.progress = missing;
            if (meets(o.projected, cmp, th, tol) || missing < policy.distance_near) {
                cat = Category::reachable;
            } else if (!(dir * fit.slope > 0)) {
                cat = Category::wrong_direction;
            } else if (missing <= policy.distance_far) {
                cat = Category::slightly_off;
            } else {
                cat = Category::off;
            }
            break;
        }
        case LevelMethod::growth_ratio: {
            if (!(y0 > 0 && yn > 0 && th > 0)) {
                if (!met_now) {
                    o.reason = Reason::non_positive_for_growth;
                    return o;
                }
                break;
            }
            const double cagr = std::pow(yn / y0, 1.0 / (tn - t0)) - 1.0;
            const double req = std::pow(th / y0, 1.0 / (T - t0)) - 1.0;
            const double moved = dir * cagr;
            o.progress = req != 0 ? moved / std::fabs(req) : (moved > 0 ? inf : (moved < 0 ? -inf : 0.0));
            o.projected = clamp_to(yn * std::pow(1.0 + cagr, left), spec, bound);
            o.years_to_target = moved > 0 ? std::max(0.0, std::log(th / yn) / std::log1p(cagr)) : inf;
            if (o.progress >= policy.growth_on_track)
                cat = Category::on_track;
            else if (o.progress >= policy.growth_acceleration)
                cat = Category::acceleration_needed;
            else if (o.progress >= policy.growth_limited)
                cat = Category::limited_progress;
            else
                cat = Category::deterioration;
            break;
        }
        case LevelMethod::statcan: {
            StatcanInputs in;
            in.base_value = y0;
            in.base_year = t0;
            in.current_value = yn;
            in.current_year = tn;
            in.target = th;
            in.target_year = T;
            in.direction = dir;
            const StatcanProgress p = statcan_progress(in);
            o.progress = p.progress_value;
            o.score = p.score;
            if (std::isnan(p.progress_value) && !met_now) {
                o.reason = Reason::statcan_not_available;
                return o;
            }
            const double cagr = std::pow(yn / (y0 == 0 ? 0.001 : y0), 1.0 / (tn - t0)) - 1.0;
            if (std::isfinite(cagr) && cagr > -1) {
                o.projected = clamp_to(yn * std::pow(1.0 + cagr, left), spec, bound);
                o.years_to_target =
                    dir * cagr > 0 && th / yn > 0 ? std::max(0.0, std::log(th / yn) / std::log1p(cagr)) : inf;
            }
            cat = p.status == "substantial_progress" ? Category::substantial_progress
                  : p.status == "moderate_progress"  ? Category::moderate_progress
                  : p.status == "limited_progress"   ? Category::limited_progress
                                                     : Category::deterioration;
            break;
        }
        case LevelMethod::years_to_target: {
            if (!(y0 != 0 && yn > 0 && th > 0)) {
                if (!met_now) {
                    o.reason = Reason::non_positive_for_growth;
                    return o;
                }
                break;
            }
            // Defra: average relative change per year, then n = |log(final/target) / log(1 + rate)|.
            const double rate = ((yn - y0) / y0) / (tn - t0);
            if (dir * rate > 0 && rate > -1) {
                o.years_to_target = std::fabs(std::log(yn / th) / std::log1p(rate));
            } else {
                o.years_to_target = inf;
            }
            o.progress = o.years_to_target;
            o.projected =
                rate > -1 ? clamp_to(yn * std::pow(1.0 + rate, left), spec, bound) : clamp_to(spec.lower, spec, bound);
            if (o.years_to_target <= left)
                cat = Category::substantial_progress;
            else if (o.years_to_target <= left + policy.years_grace)
                cat = Category::some_progress;
            else
                cat = Category::insufficient_progress;
            break;
        }
    }

    if (met_now) {
        o.verdict = Verdict::achieved_early;
        o.category = Category::already_met;
        return o;
    }
    const bool on = cat == Category::reachable || cat == Category::on_track || cat == Category::substantial_progress;
    // (statcan: substantial progress is on track, as R ≥ 0.95 is for growth_ratio)
    o.verdict = on ? Verdict::on_track : Verdict::off_track;
    o.category = cat;
    if (on && spec.binding && policy.binding_strict && !meets(o.projected, cmp, th, tol)) {
        o.verdict = Verdict::off_track;
        o.category = Category::binding_projection_short;
    }
    return o;
}

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
