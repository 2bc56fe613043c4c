// The bulk path's series directory, built in parallel slices when threads
// allow, and the one-pass line fit of level targets: same results as one
// thread and as the former fit, the same errors wherever the bad row falls.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

#include <healthplan/error.hpp>
#include <healthplan/evaluate_bulk.hpp>
#include <healthplan/trend.hpp>

#include "evaluate/level.hpp"

using namespace healthplan;

namespace {

// Enough rows for two directory slices (a slice is at least 2^18 rows).
constexpr std::size_t series_count = 150000;
constexpr int years_per_series = 4;

struct Data {
    std::vector<std::int64_t> os, oy, ts, ty;
    std::vector<double> ov, th;
    std::vector<std::int8_t> cmp;
    SeriesColumns obs() const { return {os, oy, ov}; }
    LevelTargetColumns targets() const { return {ts, th, cmp, ty, {}, {}, {}}; }
};

// Series ids 3·s (not consecutive: the directory's table), targets for every
// series and for ids that have no series.
Data make_data() {
    Data d;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> val(1, 60);
    for (std::size_t s = 0; s < series_count; ++s) {
        const auto id = static_cast<std::int64_t>(3 * s);
        for (int k = 0; k < years_per_series; ++k) {
            d.os.push_back(id);
            d.oy.push_back(2017 + k);
            d.ov.push_back(val(rng));
        }
        for (std::int64_t target_id : {id, id + 1}) {
            d.ts.push_back(target_id);
            d.th.push_back(val(rng));
            d.cmp.push_back(static_cast<std::int8_t>(s % 4));
            d.ty.push_back(2019 + static_cast<std::int64_t>(s % 8));
        }
    }
    return d;
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

void check_same(const LevelResultColumns& a, const LevelResultColumns& b) {
    REQUIRE(a.verdict == b.verdict);
    REQUIRE(a.category == b.category);
    REQUIRE(a.reason == b.reason);
    REQUIRE(a.latest_year == b.latest_year);
    REQUIRE(a.points == b.points);
    for (std::size_t i = 0; i < a.verdict.size(); ++i) {
        if (!same_number(a.probability[i], b.probability[i]) ||
            !same_number(a.projected_value[i], b.projected_value[i]))
            FAIL("row " << i << " differs");
    }
}

// The error (id and message) evaluating `d` raises with `threads`.
std::string error_of(const Data& d, int threads) {
    try {
        evaluate_level_columns(d.obs(), d.targets(), {}, 2021, threads);
    } catch (const Error& e) {
        return std::string(e.id()) + ": " + e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("bulk: the directory built in slices gives the results of one thread", "[evaluate][bulk]") {
    const Data d = make_data();
    const auto one = evaluate_level_columns(d.obs(), d.targets(), {}, 2021, 1);
    const auto two = evaluate_level_columns(d.obs(), d.targets(), {}, 2021, 2);
    check_same(one, two);
    // Targets without a series are insufficient data, the others are judged.
    CHECK(one.verdict[1] == static_cast<std::uint8_t>(Verdict::insufficient_data));
    CHECK(one.points[0] > 0);

    // The same rows reversed (unsorted: sorted once) give the same results.
    Data r = d;
    std::reverse(r.os.begin(), r.os.end());
    std::reverse(r.oy.begin(), r.oy.end());
    std::reverse(r.ov.begin(), r.ov.end());
    check_same(one, evaluate_level_columns(r.obs(), r.targets(), {}, 2021, 2));
}

TEST_CASE("bulk: a bad row is reported the same wherever the slices fall", "[evaluate][bulk]") {
    const Data good = make_data();
    const std::size_t rows = good.os.size();
    for (std::size_t at : {std::size_t{0}, rows / 2 - 1, rows / 2, rows / 2 + 1, rows - 1}) {
        INFO("row " << at);
        Data nan_row = good;
        nan_row.ov[at] = std::nan("");
        CHECK(error_of(nan_row, 2) == error_of(nan_row, 1));
        CHECK_THAT(error_of(nan_row, 2),
                   Catch::Contains("observations.nan") && Catch::Contains("row " + std::to_string(at)));
        if (at == 0) continue;
        Data duplicate = good;  // the row repeats the year of the row before it
        duplicate.os[at] = duplicate.os[at - 1];
        duplicate.oy[at] = duplicate.oy[at - 1];
        const std::string dup_error = error_of(duplicate, 2);
        CHECK(dup_error == error_of(duplicate, 1));
        CHECK_THAT(dup_error, Catch::Contains("observations.duplicate"));
    }
    // Unsorted only in the second half: sorted once, same results as sorted input.
    Data swapped = good;
    const std::size_t at = rows / 2 + 5;
    std::swap(swapped.oy[at], swapped.oy[at + 1]);
    std::swap(swapped.ov[at], swapped.ov[at + 1]);
    check_same(evaluate_level_columns(good.obs(), good.targets(), {}, 2021, 1),
               evaluate_level_columns(swapped.obs(), swapped.targets(), {}, 2021, 2));
}

TEST_CASE("the level fit from one pass of sums is the least-squares line", "[evaluate][level]") {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> val(-50, 5000);
    for (int round = 0; round < 200; ++round) {
        const int n = 3 + round % 12;
        std::vector<double> t, y;
        double year = 2000;
        for (int i = 0; i < n; ++i) {
            year += 1 + round % 3 * (i % 2);  // gaps in some series
            t.push_back(year);
            y.push_back(val(rng));
        }
        auto fit = detail::fit_sums(t.data(), y.data(), n);
        detail::add_residual_sd(fit, t.data(), y.data());
        const LinearFit ref = fit_line(t, y);
        CHECK(fit.slope == Approx(ref.slope).epsilon(1e-10).margin(1e-9));
        CHECK(fit.at(2030) == Approx(ref.at(2030)).epsilon(1e-10));
        CHECK(fit.sxx == Approx(ref.sxx).epsilon(1e-12));
        CHECK(fit.x_mean == Approx(ref.x_mean).epsilon(1e-14));
        CHECK(fit.residual_sd == Approx(ref.residual_sd).epsilon(1e-8));
    }
    // Points on a line: exactly no residual (a perfect fit's probability is 0 or 1).
    const std::vector<double> t{2016, 2017, 2018, 2019, 2020}, y{10.5, 12, 13.5, 15, 16.5};
    auto fit = detail::fit_sums(t.data(), y.data(), 5);
    detail::add_residual_sd(fit, t.data(), y.data());
    CHECK(fit.slope == 1.5);
    CHECK(fit.residual_sd == 0.0);
    CHECK(fit.at(2030) == 31.5);
}
