// Statistics for short annual series (see trend.hpp).
#include "healthplan/trend.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include <boost/math/distributions/normal.hpp>

HEALTHPLAN_BEGIN_NAMESPACE

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}

LinearFit fit_line(std::span<const double> x, std::span<const double> y) noexcept {
    LinearFit f;
    const std::size_t n = std::min(x.size(), y.size());
    f.n = static_cast<int>(n);
    f.slope = f.intercept = f.residual_sd = nan;
    if (n == 0) return f;
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= static_cast<double>(n);
    my /= static_cast<double>(n);
    f.x_mean = mx;
    double sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = x[i] - mx;
        sxx += dx * dx;
        sxy += dx * (y[i] - my);
    }
    f.sxx = sxx;
    if (n < 2 || !(sxx > 0)) {
        f.intercept = my;
        return f;
    }
    f.slope = sxy / sxx;
    f.intercept = my - f.slope * mx;
    if (n >= 3) {
        double ssr = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double r = y[i] - f.at(x[i]);
            ssr += r * r;
        }
        f.residual_sd = std::sqrt(ssr / static_cast<double>(n - 2));
    }
    return f;
}

double theil_sen_slope(std::span<const double> x, std::span<const double> y) {
    const std::size_t n = std::min(x.size(), y.size());
    std::vector<double> slopes;
    slopes.reserve(n * (n - (n > 0)) / 2);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            if (x[j] != x[i]) slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
    if (slopes.empty()) return nan;
    const std::size_t m = slopes.size() / 2;
    std::nth_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(m), slopes.end());
    const double hi = slopes[m];
    if (slopes.size() % 2 == 1) return hi;
    const double lo = *std::max_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(m));
    return (lo + hi) / 2;
}

MannKendall mann_kendall(std::span<const double> y) {
    MannKendall mk;
    const std::size_t n = y.size();
    if (n < 2) return mk;
    double s = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) s += (y[j] > y[i]) - (y[j] < y[i]);
    // Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of tied values.
    std::map<double, int> ties;
    for (double v : y) ++ties[v];
    const double nn = static_cast<double>(n);
    double var = nn * (nn - 1) * (2 * nn + 5);
    for (const auto& [v, t] : ties) var -= static_cast<double>(t) * (t - 1) * (2.0 * t + 5);
    var /= 18.0;
    mk.s = s;
    mk.variance = var;
    if (!(var > 0)) return mk;  // all values equal: no evidence either way
    const double sd = std::sqrt(var);
    mk.z = s > 0 ? (s - 1) / sd : (s < 0 ? (s + 1) / sd : 0.0);
    const boost::math::normal_distribution<double> normal;
    mk.p_increasing = boost::math::cdf(boost::math::complement(normal, mk.z));
    mk.p_decreasing = boost::math::cdf(normal, mk.z);
    return mk;
}

int count_reversals(std::span<const double> y, int direction) noexcept {
    int r = 0;
    for (std::size_t i = 1; i < y.size(); ++i)
        if (!(direction * (y[i] - y[i - 1]) > 0)) ++r;
    return r;
}

void per_year_changes(std::span<const double> x, std::span<const double> y, double* out) noexcept {
    const std::size_t n = std::min(x.size(), y.size());
    for (std::size_t i = 1; i < n; ++i) out[i - 1] = (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
}

HEALTHPLAN_END_NAMESPACE
