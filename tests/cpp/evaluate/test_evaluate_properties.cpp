// Generated properties of evaluation, and the trend statistics by hand.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include <healthplan/error.hpp>
#include <healthplan/evaluate.hpp>
#include <healthplan/evaluate_bulk.hpp>
#include <healthplan/trend.hpp>

#include <boost/math/distributions/students_t.hpp>

#include "evaluate/level.hpp"

using namespace healthplan;

namespace {

// Better verdicts rank higher; the properties compare ranks.
int rank(Verdict v) {
    switch (v) {
        case Verdict::achieved:
        case Verdict::achieved_early:
            return 4;
        case Verdict::on_track:
            return 3;
        case Verdict::off_track:
            return 2;
        case Verdict::missed:
            return 1;
        default:
            return 0;
    }
}

LevelResultColumns judge(const std::vector<std::int64_t>& years, const std::vector<double>& values, double threshold,
                         Comparator cmp, int target_year, int as_of, const EvaluationPolicy& policy) {
    std::vector<std::int64_t> series(years.size(), 7);
    SeriesColumns o{series, years, values};
    std::vector<std::int64_t> ts{7}, ty{target_year};
    std::vector<double> th{threshold}, lo{0}, hi{100};
    std::vector<std::int8_t> c{static_cast<std::int8_t>(cmp)};
    LevelTargetColumns t{ts, th, c, ty, {}, lo, hi};
    return evaluate_level_columns(o, t, policy, as_of);
}

}  // namespace

TEST_CASE("improving the latest value never worsens a verdict", "[evaluate][property]") {
    std::mt19937 rng(20240601);
    std::uniform_real_distribution<double> val(1, 60), step(0.01, 10);
    std::uniform_int_distribution<int> npts(1, 8), cmpd(0, 3), yearoff(-2, 8);
    for (auto method : {LevelMethod::linear_extrapolation, LevelMethod::growth_ratio, LevelMethod::years_to_target}) {
        EvaluationPolicy p;
        p.method = method;
        for (int trial = 0; trial < 400; ++trial) {
            const int n = npts(rng);
            std::vector<std::int64_t> years;
            std::vector<double> values;
            for (int i = 0; i < n; ++i) {
                years.push_back(2015 + i);
                values.push_back(val(rng));
            }
            const Comparator cmp = static_cast<Comparator>(cmpd(rng));
            const int dir = (cmp == Comparator::ge || cmp == Comparator::gt) ? 1 : -1;
            const double th = val(rng);
            const int target_year = 2015 + n - 1 + yearoff(rng);
            const int as_of = 2015 + n - 1;
            const auto before = judge(years, values, th, cmp, target_year, as_of, p);
            auto better = values;
            better.back() = std::clamp(better.back() + dir * step(rng), 0.001, 100.0);
            const auto after = judge(years, better, th, cmp, target_year, as_of, p);
            INFO("method " << to_string(method) << " trial " << trial << " n " << n << " cmp " << static_cast<int>(cmp)
                           << " th " << th << " year " << target_year << " latest " << values.back() << " → "
                           << better.back());
            const auto vb = static_cast<Verdict>(before.verdict[0]);
            const auto va = static_cast<Verdict>(after.verdict[0]);
            if (rank(vb) > 0 && rank(va) > 0) CHECK(rank(va) >= rank(vb));
        }
    }
}

TEST_CASE("as-of evaluation ignores later data", "[evaluate][property]") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> val(1, 60);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<std::int64_t> years;
        std::vector<double> values;
        for (int i = 0; i < 10; ++i) {
            years.push_back(2015 + i);
            values.push_back(val(rng));
        }
        const int as_of = 2017 + trial % 6;
        const auto full = judge(years, values, 30, Comparator::ge, 2030, as_of, {});
        std::vector<std::int64_t> cut_years;
        std::vector<double> cut_values;
        for (std::size_t i = 0; i < years.size(); ++i)
            if (years[i] <= as_of) {
                cut_years.push_back(years[i]);
                cut_values.push_back(values[i]);
            }
        auto later = values;
        for (std::size_t i = 0; i < later.size(); ++i)
            if (years[i] > as_of) later[i] = val(rng);  // change the future
        const auto changed = judge(years, later, 30, Comparator::ge, 2030, as_of, {});
        const auto cut = judge(cut_years, cut_values, 30, Comparator::ge, 2030, as_of, {});
        CHECK(full.verdict == cut.verdict);
        CHECK(full.verdict == changed.verdict);
        CHECK(full.latest_year == cut.latest_year);
        CHECK(full.projected_value == changed.projected_value);
    }
}

TEST_CASE("the bulk path and evaluate() agree on level targets", "[evaluate][bulk]") {
    Plan plan;
    plan.id = "p";
    plan.region.name = "全国";
    Indicator ind;
    ind.id = "i";
    ind.name = "x";
    ind.unit = Unit::percent();
    plan.indicators.push_back(ind);
    Target t;
    t.id = "t";
    t.indicator_id = "i";
    t.indicator = "x";
    t.kind = TargetKind::level;
    t.comparator = Comparator::ge;
    t.value = 40;
    t.year = 2030;
    t.unit = Unit::percent();
    plan.targets.push_back(t);
    std::vector<ObservationRow> rows;
    std::vector<std::int64_t> years;
    std::vector<double> values;
    const double v[] = {20, 23, 22, 26, 27};
    for (int i = 0; i < 5; ++i) {
        rows.push_back({"x", "全国", 2016 + i, v[i], "%", "", 0});
        years.push_back(2016 + i);
        values.push_back(v[i]);
    }
    const auto obs = Observations::from_rows(rows);
    for (auto m : {LevelMethod::linear_extrapolation, LevelMethod::growth_ratio, LevelMethod::years_to_target}) {
        EvaluationPolicy p;
        p.method = m;
        const auto rich = evaluate(plan, obs, p, 2020).at(0);
        const auto bulk = judge(years, values, 40, Comparator::ge, 2030, 2020, p);
        CHECK(static_cast<int>(rich.verdict) == bulk.verdict[0]);
        CHECK(rich.category == level_category_name(bulk.category[0]));
        CHECK(rich.projected_value == bulk.projected_value[0]);
        CHECK(rich.probability == bulk.probability[0]);
    }
}

TEST_CASE("bulk input errors are named", "[evaluate][bulk]") {
    std::vector<std::int64_t> years{2015, 2015};
    std::vector<double> values{1, 2};
    CHECK_THROWS_AS(judge(years, values, 3, Comparator::ge, 2030, 2020, {}), DataError);
    years = {2015, 2016};
    values = {1, std::nan("")};
    CHECK_THROWS_AS(judge(years, values, 3, Comparator::ge, 2030, 2020, {}), DataError);
}

// Theil–Sen's median as std::nth_element selects it: the reference the
// branch-free selection of small arrays (trend.cpp, select_small) is held to.
static double theil_sen_reference(const std::vector<double>& x, const std::vector<double>& y) {
    std::vector<double> slopes;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j)
            if (x[j] != x[i]) slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
    if (slopes.empty()) return std::nan("");
    const std::size_t m = slopes.size() / 2;
    std::nth_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(m), slopes.end());
    const double hi = slopes[m];
    if (slopes.size() % 2 == 1) return hi;
    return (*std::max_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(m)) + hi) / 2;
}

TEST_CASE("Theil–Sen's median of small and large slope sets equals nth_element's", "[trend]") {
    std::mt19937_64 rng(11);
    for (int round = 0; round < 20000; ++round) {
        const std::size_t n = 2 + rng() % 14;  // 1 to 91 slopes: both selections
        std::vector<double> x(n), y(n);
        const bool ties = rng() % 2 == 0;  // values from a few levels: many equal slopes
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = static_cast<double>(2010 + i + (rng() % 3 == 0 ? 1 : 0));  // some repeated years
            y[i] = ties ? static_cast<double>(rng() % 4) : std::ldexp(static_cast<double>(rng() % 100000), -10);
        }
        std::sort(x.begin(), x.end());
        const double want = theil_sen_reference(x, y), got = theil_sen_slope(x, y);
        INFO("round " << round << ", n " << n);
        if (std::isnan(want))
            CHECK(std::isnan(got));
        else
            CHECK(std::bit_cast<std::uint64_t>(got) == std::bit_cast<std::uint64_t>(want));
    }
}

TEST_CASE("trend statistics by hand", "[trend]") {
    const std::vector<double> x{1, 2, 3, 4, 5}, y{1, 2, 3, 4, 100};
    CHECK(theil_sen_slope(x, y) == Approx(1.0));  // robust to the outlier
    const auto f = fit_line(x, std::vector<double>{2, 4, 6, 8, 10});
    CHECK(f.slope == Approx(2.0));
    CHECK(f.intercept == Approx(0.0).margin(1e-12));
    CHECK(f.residual_sd == Approx(0.0).margin(1e-12));
    const auto mk = mann_kendall(std::vector<double>{1, 2, 3, 4, 5});
    CHECK(mk.s == 10);
    CHECK(mk.variance == Approx(50.0 / 3));
    CHECK(mk.z == Approx(9 / std::sqrt(50.0 / 3)));
    CHECK(mk.p_increasing == Approx(0.01374).margin(1e-4));
    const auto tied = mann_kendall(std::vector<double>{1, 1, 2});
    CHECK(tied.variance == Approx((3 * 2 * 11 - 2 * 1 * 9) / 18.0));
    CHECK(count_reversals(std::vector<double>{5, 4, 4, 3, 3.5}, -1) == 2);  // a flat step counts against
    CHECK(std::isnan(fit_line(std::vector<double>{1}, std::vector<double>{1}).slope));
}

TEST_CASE("the closed-form Student t CDF matches Boost.Math", "[trend]") {
    for (int nu = 1; nu <= 40; ++nu) {
        const boost::math::students_t_distribution<double> dist(nu);
        for (double x : {-30.0, -4.0, -1.5, -0.3, 0.0, 0.2, 1.0, 2.5, 7.0}) {
            INFO("nu " << nu << " x " << x);
            CHECK(detail::student_t_cdf(x, nu) == Approx(boost::math::cdf(dist, x)).epsilon(1e-12).margin(1e-14));
        }
    }
    CHECK(detail::student_t_cdf(1.0, 500) == Approx(0.841).margin(0.002));
}

TEST_CASE("the bulk path gives the same results with threads", "[evaluate][bulk]") {
    const std::size_t n = 20000;
    std::vector<std::int64_t> os, oy, ts, ty;
    std::vector<double> ov, th;
    std::vector<std::int8_t> cmp;
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> val(1, 60);
    for (std::size_t s = 0; s < n; ++s) {
        for (int k = 0; k < 6; ++k) {
            os.push_back(static_cast<std::int64_t>(s));
            oy.push_back(2016 + k);
            ov.push_back(val(rng));
        }
        ts.push_back(static_cast<std::int64_t>(s));
        th.push_back(val(rng));
        cmp.push_back(static_cast<std::int8_t>(s % 4));
        ty.push_back(2019 + static_cast<std::int64_t>(s % 12));
    }
    const SeriesColumns o{os, oy, ov};
    const LevelTargetColumns t{ts, th, cmp, ty, {}, {}, {}};
    const auto one = evaluate_level_columns(o, t, {}, 2021, 1);
    const auto two = evaluate_level_columns(o, t, {}, 2021, 3);
    CHECK(one.verdict == two.verdict);
    CHECK(one.category == two.category);
    CHECK(one.latest_year == two.latest_year);
    for (std::size_t i = 0; i < n; ++i) {
        const bool same = (one.probability[i] == two.probability[i]) ||
                          (std::isnan(one.probability[i]) && std::isnan(two.probability[i]));
        if (!same) FAIL("probability differs at " << i);
    }
}
