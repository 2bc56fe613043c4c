// Small statistics on short annual series, used to judge direction targets and
// to project level targets. Inputs are time-ordered; x are years.
#pragma once

#include <span>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// Ordinary least squares y = intercept + slope·x. With n < 2 (or all x equal)
// slope is NaN. residual_sd is NaN for n < 3.
struct LinearFit {
    int n = 0;
    double slope = 0;
    double intercept = 0;
    double x_mean = 0;
    double sxx = 0;          // Σ (x − x̄)²
    double residual_sd = 0;  // √(SSR / (n − 2))

    double at(double x) const noexcept { return intercept + slope * x; }
};
LinearFit fit_line(std::span<const double> x, std::span<const double> y) noexcept;

// Median of the pairwise slopes (y_j − y_i)/(x_j − x_i), i < j; NaN for n < 2.
double theil_sen_slope(std::span<const double> x, std::span<const double> y);

// Mann–Kendall trend test with the tie correction of the variance and the
// continuity correction of z; p-values are one-sided, from the normal
// approximation (Boost.Math).
struct MannKendall {
    double s = 0;
    double variance = 0;
    double z = 0;
    double p_increasing = 1;  // P(S ≥ s | no trend)
    double p_decreasing = 1;  // P(S ≤ s | no trend)
};
MannKendall mann_kendall(std::span<const double> y);

// Year-on-year steps that go against `direction` (+1 up is wanted, −1 down);
// a flat step counts as against (it is not "continued" movement).
int count_reversals(std::span<const double> y, int direction) noexcept;

// Per-year change of consecutive points: (y_i − y_{i−1}) / (x_i − x_{i−1});
// n − 1 values, positioned at x_i.
void per_year_changes(std::span<const double> x, std::span<const double> y, double* out) noexcept;

HEALTHPLAN_END_NAMESPACE
