// The numeric judgement of change, rate, trend, benchmark and milestone
// targets (see kinds.hpp). The rules are documented in docs/evaluation.md.
#include "evaluate/kinds.hpp"

#include <algorithm>
#include <cmath>

#include "healthplan/evaluate.hpp"
#include "healthplan/trend.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

double change_threshold(double reference, double v, ChangeMode mode, int d) noexcept {
    switch (mode) {
        case ChangeMode::relative:
            return reference * (1.0 + d * v / 100.0);
        case ChangeMode::points:
        case ChangeMode::absolute:
            return reference + d * v;
    }
    return reference;
}

Comparator change_comparator(Comparator written, int d) noexcept {
    if (written == Comparator::gt || written == Comparator::lt) return written;
    return d > 0 ? Comparator::ge : Comparator::le;
}

bool settle_target_year(const double* t, int& n, bool has_year, int year, int as_of, bool later_years_block,
                        const EvaluationPolicy& policy, KindOutcome& o) noexcept {
    if (!has_year || n == 0) return true;
    const double T = year;
    for (int i = n - 1; i >= 0 && t[i] >= T; --i) {
        if (t[i] == T) {
            n = i + 1;
            o.final = true;
            return true;
        }
    }
    if (t[n - 1] > T) {
        if (!later_years_block) return true;
        o.reason = Reason::no_target_year_value;
        return false;
    }
    if (as_of < year) return true;
    // The target year has passed without its observation.
    if (T - t[n - 1] > policy.stale_years) {
        o.reason = Reason::stale;
        return false;
    }
    o.final = o.stale = true;
    return true;
}

namespace {

void latest_and_base(const double* t, const double* y, int n, KindOutcome& o) {
    o.points = n;
    if (n == 0) return;
    o.latest_year = t[n - 1];
    o.latest_value = y[n - 1];
    o.base_year = t[0];
    o.base_value = y[0];
}

}  // namespace

KindOutcome judge_rate(const double* t, const double* y, int n, const RateSpec& s, const EvaluationPolicy& policy,
                       std::vector<int>* missed_steps) noexcept {
    KindOutcome o;
    if (!settle_target_year(t, n, s.has_year, s.year, s.as_of, true, policy, o)) return o;
    latest_and_base(t, y, n, o);
    if (n == 0) {
        o.reason = Reason::no_observation;
        return o;
    }
    if (n < 2) {
        o.reason = Reason::single_point;
        return o;
    }
    const double t0 = t[0], y0 = y[0], tn = t[n - 1], yn = y[n - 1];
    const double years = tn - t0;
    for (int i = 1; i < n; ++i) {
        const double gap = t[i] - t[i - 1];
        double change;
        if (s.relative) {
            if (!(y[i - 1] > 0)) {
                o.reason = Reason::non_positive_for_rate;
                return o;
            }
            change = (std::pow(y[i] / y[i - 1], 1.0 / gap) - 1.0) * 100.0;
        } else {
            change = (y[i] - y[i - 1]) / gap;
        }
        ++o.steps;
        if (s.d * change >= s.v)
            ++o.met_steps;
        else if (missed_steps)
            missed_steps->push_back(i);
    }
    if (s.relative && !(y0 > 0)) {
        o.reason = Reason::non_positive_for_rate;
        return o;
    }
    auto level_after = [&](double span) {
        return s.relative ? y0 * std::pow(1.0 + s.d * s.v / 100.0, span) : y0 + s.d * s.v * span;
    };
    o.required_level = level_after(years);
    const bool cumulative_ok = s.d * (yn - o.required_level) >= 0;
    const bool ok = cumulative_ok && (!policy.rate_every_year || o.met_steps == o.steps);
    const double observed = s.relative ? (std::pow(yn / y0, 1.0 / years) - 1.0) * 100.0 : (yn - y0) / years;
    o.observed_pace = observed;
    o.required_pace = s.d * s.v;
    o.progress = s.d * observed / s.v;
    const Comparator cmp = s.d > 0 ? Comparator::ge : Comparator::le;
    if (s.has_year) {
        o.threshold = level_after(s.year - t0);
        if (!o.final || o.stale) {
            const LinearFit fit = fit_line({t, static_cast<std::size_t>(n)}, {y, static_cast<std::size_t>(n)});
            o.projected = std::clamp(fit.at(s.year), s.lower, s.upper);
            o.probability = probability_from_fit(fit, s.year, cmp, o.threshold, 0, policy.min_points_probability);
        }
    } else {
        o.threshold = o.required_level;
    }
    o.verdict = o.final ? (ok ? Verdict::achieved : Verdict::missed) : (ok ? Verdict::on_track : Verdict::off_track);
    o.category = o.met_steps == o.steps && cumulative_ok ? Category::met_every_year
                 : cumulative_ok                         ? Category::met_cumulatively
                                                         : Category::behind;
    return o;
}

KindOutcome judge_trend(const double* t, const double* y, int n, const TrendSpec& s, const EvaluationPolicy& policy,
                        std::vector<double>& xs, std::vector<double>& ys) noexcept {
    KindOutcome o;
    if (!settle_target_year(t, n, s.has_year, s.year, s.as_of, false, policy, o)) return o;
    latest_and_base(t, y, n, o);
    if (n == 0) {
        o.reason = Reason::no_observation;
        return o;
    }
    xs.assign(t, t + n);
    ys.assign(y, y + n);
    // 持续减缓 of a level (not itself a growth rate): judge its growth per year.
    if (s.slowing_of_level) {
        if (n < 3) {
            o.reason = Reason::slowing_needs_three;
            return o;
        }
        std::vector<double> g(xs.size() - 1);
        per_year_changes(xs, ys, g.data());
        xs.erase(xs.begin());
        ys = std::move(g);
    }
    const std::size_t need = policy.trend == TrendDefinition::theil_sen_mann_kendall ? 3 : 2;
    if (xs.size() < need) {
        o.reason = xs.size() == 1 ? Reason::single_point_direction : Reason::mann_kendall_needs_three;
        return o;
    }
    const int d = s.d;
    try {
        o.reversals = count_reversals(ys, d);
        o.net = ys.back() - ys.front();
        const double slope = theil_sen_slope(xs, ys);
        o.mk_p = mann_kendall_p(ys, d);  // mann_kendall()'s p_increasing (d > 0) or p_decreasing
        o.strict_ok = o.reversals == 0;
        o.k_ok = d * o.net > 0 && o.reversals <= policy.k_reversals;
        o.ts_ok = ys.size() >= 3 && d * slope > 0 && o.mk_p < policy.mann_kendall_alpha;
        o.observed_pace = slope;
    } catch (...) {  // allocation failure only
        o.reason = Reason::no_observation;
        return o;
    }
    bool ok = false;
    switch (policy.trend) {
        case TrendDefinition::strictly_monotone:
            ok = o.strict_ok;
            o.progress = o.reversals;
            break;
        case TrendDefinition::net_with_k_reversals:
            ok = o.k_ok;
            o.progress = o.reversals;
            break;
        case TrendDefinition::theil_sen_mann_kendall:
            ok = o.ts_ok;
            o.progress = o.mk_p;
            break;
    }
    o.category = ok ? Category::holds : Category::does_not_hold;
    if (policy.method == LevelMethod::statcan && !s.slowing) {
        // StatCan's method for indicators without a numeric target: growth rate
        // from the first to the latest point, cut-offs scaled near the natural limit.
        StatcanInputs in;
        in.base_value = ys.front();
        in.base_year = xs.front();
        in.current_value = ys.back();
        in.current_year = xs.back();
        in.target_year = s.has_year ? s.year : 2030;
        in.direction = d;
        if (!std::isnan(s.limit)) in.limit = s.limit;
        const StatcanProgress sp = statcan_progress(in);
        if (std::isnan(sp.progress_value)) {
            o.reason = Reason::statcan_not_available;
            return o;
        }
        ok = sp.status == "substantial_progress" || sp.status == "moderate_progress";
        o.progress = sp.progress_value;
        o.score = sp.score;
        o.category = sp.status == "substantial_progress" ? Category::substantial_progress
                     : sp.status == "moderate_progress"  ? Category::moderate_progress
                     : sp.status == "limited_progress"   ? Category::limited_progress
                                                         : Category::deterioration;
        o.statcan_high = sp.high, o.statcan_med = sp.med, o.statcan_low = sp.low;
        o.statcan_coefficient = sp.coefficient;
        o.statcan_limit = s.limit;
    }
    o.verdict = o.final ? (ok ? Verdict::achieved : Verdict::missed) : (ok ? Verdict::on_track : Verdict::off_track);
    return o;
}

KindOutcome judge_benchmark(const double* ot, const double* oy, int on, const double* rt, const double* ry, int rn,
                            const BenchmarkSpec& s, const EvaluationPolicy& policy, std::vector<double>& yrs,
                            std::vector<double>& gap, std::vector<double>& own, std::vector<double>& ref) noexcept {
    KindOutcome o;
    yrs.clear(), gap.clear(), own.clear(), ref.clear();
    const int d = s.d;
    // Aligned pairs: own year t against the benchmark at t − lag (both ascending).
    for (int i = 0, j = 0; i < on; ++i) {
        const double want = ot[i] - s.lag;
        while (j < rn && rt[j] < want) ++j;
        if (j < rn && rt[j] == want) {
            yrs.push_back(ot[i]);
            gap.push_back(d * (oy[i] - ry[j]));
            own.push_back(oy[i]);
            ref.push_back(ry[j]);
        }
    }
    const int n = static_cast<int>(yrs.size());
    o.points = n;
    if (n == 0) {
        o.reason = Reason::no_aligned_year;
        return o;
    }
    auto good = [&](double g) { return s.strict ? g > 0 : g >= 0; };
    int at = n - 1;
    if (s.has_year) {
        for (int i = 0; i < n; ++i)
            if (yrs[i] == s.year) {
                at = i;
                o.final = true;
            }
        if (!o.final && yrs.back() > s.year) {
            o.reason = Reason::no_aligned_target_year;
            return o;
        }
    }
    o.latest_year = yrs[at];
    o.latest_value = own[at];
    o.threshold = ref[at];
    o.reference_year = yrs[at] - s.lag;
    o.reference_value = ref[at];
    const bool ok_now = good(gap[at]);
    // The target year has passed without an aligned observation: the latest pair decides (stale).
    if (s.has_year && !o.final && s.as_of >= s.year) {
        if (s.year - yrs.back() > policy.stale_years) {
            o.reason = Reason::stale;
            return o;
        }
        o.final = o.stale = true;
    }
    if (o.final || !s.has_year) {
        o.verdict = o.final ? (ok_now ? Verdict::achieved : Verdict::missed)
                            : (ok_now ? Verdict::on_track : Verdict::off_track);
        o.category = ok_now ? Category::at_or_better_than_benchmark : Category::worse_than_benchmark;
        return o;
    }
    if (ok_now) {
        o.verdict = Verdict::achieved_early;
        o.category = Category::at_or_better_than_benchmark;
        return o;
    }
    if (n < 2) {
        o.reason = Reason::single_aligned_point;
        return o;
    }
    const LinearFit fit = fit_line(yrs, gap);
    const double proj_gap = fit.at(s.year);
    o.observed_pace = d * fit.slope;  // change of own − benchmark a year, in the value's sign
    o.required_pace = -d * gap[at] / (s.year - yrs[at]);
    o.projected = ref[at] + d * proj_gap;  // own value if the gap keeps its trend (benchmark held)
    o.years_to_target = fit.slope > 0 ? -gap[at] / fit.slope : inf;
    o.probability = probability_from_fit(fit, s.year, Comparator::ge, 0.0, 0, policy.min_points_probability);
    const bool closing = good(proj_gap);
    o.verdict = closing ? Verdict::on_track : Verdict::off_track;
    o.category = closing ? Category::gap_closing : Category::gap_not_closing;
    return o;
}

KindOutcome judge_milestone(const double* t, const double* y, int n, bool has_year, int year, int as_of,
                            const EvaluationPolicy& policy) noexcept {
    KindOutcome o;
    o.points = n;
    o.threshold = 1;
    if (n == 0) {
        o.reason = Reason::no_milestone_report;
        return o;
    }
    for (int i = 0; i < n; ++i)
        if (y[i] == 1) {
            o.done_year = t[i];
            break;
        }
    const bool done = !std::isnan(o.done_year);
    o.latest_year = t[n - 1];
    o.latest_value = done ? 1 : 0;
    if (done) {
        const bool late = has_year && o.done_year > year;
        o.verdict = late ? Verdict::missed : (has_year && as_of < year) ? Verdict::achieved_early : Verdict::achieved;
        o.category = late ? Category::done_late : Category::done;
    } else if (has_year && as_of >= year) {
        // Deadline passed, last report "not done": missed — flagged stale when that
        // report predates the deadline (nothing says it was done since).
        o.verdict = Verdict::missed;
        o.category = Category::not_done;
        o.stale = t[n - 1] < year;
    } else {
        o.verdict = policy.pending_milestone;
        o.category = Category::pending;
    }
    return o;
}

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
