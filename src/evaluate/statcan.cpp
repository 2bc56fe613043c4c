// Statistics Canada's progress measure, as Open SDG's sdg-build computes it
// (open-sdg/sdg-build, sdg/ProgressMeasure.py, read at commit 139fede7): the
// order of the steps below follows that code, because its edge rules depend on
// it (the limit coefficient is computed before a zero base becomes 0.001).
#include <algorithm>
#include <cmath>

#include "evaluate/level.hpp"
#include "healthplan/evaluate.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

// The published defaults: growth-rate cut-offs without a target, growth-ratio
// cut-offs with one, and the exponent of the natural-limit scaling.
constexpr double rate_high = 0.015, rate_med = 0.005, rate_low = 0;
constexpr double ratio_high = 0.95, ratio_med = 0.6, ratio_low = 0;
constexpr double limit_exponent = 4.44;
constexpr double zero_replacement = 0.001;

// Compound annual growth from (t2, v2) to (t1, v1). NaN where the power is not
// real (sdg-build would produce a complex number and fail later).
double growth(double v1, double v2, double t1, double t2) { return std::pow(v1 / v2, 1.0 / (t1 - t2)) - 1.0; }

// Natural-limit coefficient: thresholds shrink as the base value nears the limit.
double limit_coefficient(double base_value, double limit) {
    const double b = std::fabs(base_value), l = std::fabs(limit);
    if (b >= 2 * l) return 1;  // checked first: both zero gives 1
    if (b <= l) return 1 - std::pow(b / l, limit_exponent);
    return 1 - std::pow((2 * l - b) / l, limit_exponent);
}

const char* status_of(double value, double high, double med, double low) {
    if (std::isnan(value)) return "not_available";
    if (value >= high) return "substantial_progress";
    if (value >= med) return "moderate_progress";
    if (value >= low) return "limited_progress";
    return "deterioration";
}

double score_of(const StatcanProgress& p, bool qualitative) {
    const double v = p.progress_value;
    if (p.target_achieved) return 5;
    if (std::isnan(v)) return detail::nan;
    if (qualitative) {
        const double coeff = p.coefficient;
        if (v < p.low) return std::max(125 * v - 2.5, -5.0);
        if (coeff == 0) return 5;  // base at the limit and holding it
        if (v >= p.high) return std::min(500 * v / coeff - 5, 5.0);
        if (v >= p.med) return 250 * v / coeff - 1.25;
        return 500 * v / coeff - 2.5;
    }
    if (v >= p.med) return std::min(7.1429 * v - 4.2857, 5.0);
    return std::max(4.1667 * v - 2.5, -5.0);
}

}  // namespace

StatcanProgress statcan_progress(const StatcanInputs& in) {
    StatcanProgress p;
    std::optional<double> target = in.target;
    if (target && *target == 0) {
        target = zero_replacement;
        p.note = "target 0 replaced by 0.001";
    }
    const bool qualitative = !target;
    double base = in.base_value;
    const double current = in.current_value;
    p.sign = base < 0 ? -1 : 1;

    // Thresholds (the limit only matters without a target).
    if (qualitative) {
        p.high = rate_high, p.med = rate_med, p.low = rate_low;
        if (in.limit) {
            p.coefficient = limit_coefficient(base, *in.limit);
            p.high *= p.coefficient, p.med *= p.coefficient, p.low *= p.coefficient;
        }
    } else {
        p.high = ratio_high, p.med = ratio_med, p.low = ratio_low;
    }

    p.target_achieved =
        target && ((in.direction == -1 && current <= *target) || (in.direction == 1 && current >= *target));

    // Progress value.
    p.progress_value = detail::nan;
    if (base == 0) {
        base = zero_replacement;
        p.note += std::string(p.note.empty() ? "" : "; ") + "base 0 replaced by 0.001";
    }
    if ((base > 0 && current < 0) || (base < 0 && current > 0)) {
        p.note = "base and current values of opposite signs";
    } else if (in.base_year > in.current_year) {
        p.note = "base year after the most recent data";
    } else if (in.current_year - in.base_year < 1) {
        p.note = "fewer than 2 data points";
    } else {
        const double cagr_o = growth(current, base, in.current_year, in.base_year);
        if (qualitative) {
            p.progress_value = p.sign * in.direction * cagr_o;
        } else {
            const double cagr_r = growth(*target, base, in.target_year, in.base_year);
            p.progress_value = p.sign * in.direction * cagr_o / std::fabs(cagr_r);
        }
    }
    p.status = p.target_achieved ? "target_achieved" : status_of(p.progress_value, p.high, p.med, p.low);
    p.score = score_of(p, qualitative);
    return p;
}

StatcanIndicator statcan_indicator(const std::vector<StatcanProgress>& series) {
    StatcanIndicator out;
    out.score = detail::nan;
    double sum = 0;
    bool all_achieved = true;
    for (const auto& s : series) {
        if (std::isnan(s.score)) continue;
        sum += s.score;
        all_achieved = all_achieved && s.target_achieved;
        ++out.series;
    }
    if (out.series == 0) return out;
    out.score = sum / out.series;
    const double v = out.score;
    out.status = all_achieved ? "target_achieved"
                 : v >= 2.5   ? "substantial_progress"
                 : v >= 0     ? "moderate_progress"
                 : v >= -2.5  ? "limited_progress"
                              : "deterioration";
    return out;
}

HEALTHPLAN_END_NAMESPACE
