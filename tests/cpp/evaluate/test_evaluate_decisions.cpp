// The four faults of issue 11 and the decisions documented in docs/evaluation.md
// ("Decisions"), each with the hand-computed example the docs give.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <healthplan/error.hpp>
#include <healthplan/evaluate.hpp>

using namespace healthplan;
using Catch::Matchers::Contains;

namespace {

struct Fixture {
    Plan plan;
    std::vector<ObservationRow> rows;

    Fixture(std::string name = "居民健康素养水平", std::string unit = "%", Direction dir = Direction::higher) {
        plan.id = "p";
        plan.region.name = "全国";
        Indicator ind;
        ind.id = "i1";
        ind.name = name;
        ind.unit = Unit::parse(unit);
        ind.direction = dir;
        plan.indicators.push_back(ind);
    }
    Indicator& indicator() { return plan.indicators.front(); }
    Target& target(TargetKind kind, Comparator cmp, std::optional<double> value, std::optional<int> year,
                   std::string unit = "%") {
        Target t;
        t.id = "t" + std::to_string(plan.targets.size() + 1);
        t.indicator_id = "i1";
        t.indicator = plan.indicators.front().name;
        t.kind = kind;
        t.comparator = cmp;
        t.value = value;
        t.year = year;
        t.unit = Unit::parse(unit);
        plan.targets.push_back(t);
        return plan.targets.back();
    }
    void obs(std::int64_t year, double value, std::string unit = "%", std::string region = "全国",
             std::int64_t published = 0) {
        rows.push_back({plan.indicators.front().name, region, year, value, unit, "test", 0, published});
    }
    TargetResult run(int as_of, EvaluationPolicy policy = {}) {
        const auto o = Observations::from_rows(rows);
        return evaluate(plan, o, policy, as_of).back();
    }
};

}  // namespace

// --- faults ------------------------------------------------------------------

TEST_CASE("fault 1: an unobserved reference year falls back to the stated base of that year",
          "[evaluate][decisions][change]") {
    Fixture f;
    auto& t = f.target(TargetKind::change, Comparator::increase, 10.0, 2020);  // 比2015年提高10%
    t.reference = Reference{2015, "2015年", std::nullopt, ChangeMode::relative};
    t.baseline = Baseline{2015, 20.0};
    f.obs(2016, 21);
    f.obs(2018, 21.5);
    f.obs(2020, 22.5);  // no 2015 row
    auto r = f.run(2020);
    CHECK(r.threshold == Approx(22.0));  // 20 × 1.1
    CHECK(r.reference_year == 2015);
    CHECK(r.reference_value == 20.0);
    CHECK(r.verdict == Verdict::achieved);
    CHECK_THAT(r.explanation, Contains("stated baseline, no observation for the reference year"));

    // A stated base of another year is not the reference: say so.
    f.plan.targets.back().baseline = Baseline{2016, 20.0};
    r = f.run(2020);
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("no observation for the reference year 2015 and the stated baseline is for 2016"));
}

TEST_CASE("fault 2: a bare number is read in the indicator's direction", "[evaluate][decisions][level]") {
    SECTION("人均预期寿命 = 79, 79.5 observed: achieved") {
        Fixture f("人均预期寿命", "岁", Direction::higher);
        f.target(TargetKind::level, Comparator::eq, 79.0, 2022, "岁");
        f.obs(2021, 79.1, "岁");
        f.obs(2022, 79.5, "岁");
        const auto r = f.run(2023);
        CHECK(r.verdict == Verdict::achieved);
        CHECK(r.comparator == Comparator::ge);
        CHECK_THAT(r.explanation, Contains("bare number read in the indicator's direction: ≥"));
    }
    SECTION("婴儿死亡率为5‰, 4.0‰ observed: achieved") {
        Fixture f("婴儿死亡率", "‰", Direction::lower);
        f.target(TargetKind::level, Comparator::eq, 5.0, 2022, "‰");
        f.obs(2022, 4.0, "‰");
        const auto r = f.run(2022);
        CHECK(r.verdict == Verdict::achieved);
        CHECK(r.comparator == Comparator::le);
    }
    SECTION("direction unknown: equality, and the explanation says so") {
        Fixture f("某指标", "岁", Direction::unknown);
        f.target(TargetKind::level, Comparator::eq, 79.0, 2022, "岁");
        f.obs(2022, 79.5, "岁");
        auto r = f.run(2022);
        CHECK(r.verdict == Verdict::missed);
        CHECK(r.comparator == Comparator::eq);
        CHECK_THAT(r.explanation, Contains("direction is unknown, judged as equality"));
        // The catalog's direction, by code, settles it.
        f.indicator().code = "HC01-01";
        EvaluationPolicy p;
        p.indicator_directions = {{"HC01-01", Direction::higher}};
        r = f.run(2022, p);
        CHECK(r.verdict == Verdict::achieved);
        // ... or by name when the plan carries no code.
        f.indicator().code.clear();
        p.indicator_directions = {{"某指标", Direction::lower}};
        CHECK(f.run(2022, p).verdict == Verdict::missed);  // 79.5 > 79 with less is better
    }
}

TEST_CASE("fault 3: percentage points belong to the change (saved plans give the indicator pp)",
          "[evaluate][decisions][change]") {
    Fixture f("高血压患者规范管理率", "个百分点", Direction::higher);  // the saved shape
    auto& t = f.target(TargetKind::change, Comparator::increase, 2.0, 2023, "个百分点");
    t.reference = Reference{2020, "2020年", std::nullopt, ChangeMode::points};
    f.obs(2020, 30.0, "%");
    f.obs(2023, 32.5, "%");
    const auto r = f.run(2023);
    CHECK(r.unit == "%");
    CHECK(r.threshold == Approx(32.0));  // 30 % + 2 points
    CHECK(r.verdict == Verdict::achieved);
}

TEST_CASE("fault 4: a base year after the observations gives the true reason", "[evaluate][decisions][level]") {
    Fixture f;
    auto& t = f.target(TargetKind::level, Comparator::ge, 30.0, 2025);
    t.baseline = Baseline{2020, 25.0};
    for (int y = 2015; y <= 2019; ++y) f.obs(y, 20 + y - 2015);
    auto r = f.run(2019);  // the as-of year precedes the base year
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("every observation up to 2019 (2015–2019) precedes the base year 2020"));
    CHECK_THAT(r.reason, Contains("the as-of year is before the base year"));
    CHECK_THAT(r.reason, !Contains("no observation up to"));
    EvaluationPolicy p;
    p.use_stated_baseline = false;
    r = f.run(2023, p);
    CHECK_THAT(r.reason, Contains("every observation up to 2023 (2015–2019) precedes the base year 2020"));
}

// --- decisions ---------------------------------------------------------------

TEST_CASE("decision: target year passed without its observation → latest decides, stale",
          "[evaluate][decisions][level]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 22.0, 2022);
    f.obs(2019, 20);
    f.obs(2020, 21);
    f.obs(2021, 22.5);
    auto r = f.run(2023);  // as of 2023, data to 2021, target 2022
    CHECK(r.verdict == Verdict::achieved);
    CHECK(r.stale);
    CHECK(r.method == "latest_before_target_year/healthplan");
    CHECK(r.category == "met_before_target_year");
    CHECK_THAT(r.explanation, Contains("has passed without its observation"));

    f.rows.back().value = 21.5;  // 21.5 < 22
    r = f.run(2023);
    CHECK(r.verdict == Verdict::missed);
    CHECK(r.category == "missed_before_target_year");

    f.rows.pop_back();  // data to 2020: 2 years before, still within stale_years = 2
    CHECK(f.run(2023).verdict == Verdict::missed);
    f.rows.pop_back();  // data to 2019: 3 years before the target year
    r = f.run(2023);
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("too old"));
    CHECK_FALSE(f.run(2021).stale);  // before the target year: projected as before
}

TEST_CASE("decision: a milestone past its deadline last reported not done is missed",
          "[evaluate][decisions][milestone]") {
    Fixture f("健康促进机制", "");
    f.target(TargetKind::milestone, Comparator::eq, std::nullopt, 2022, "");
    f.obs(2020, 0, "");
    f.obs(2021, 0, "");
    auto r = f.run(2023);
    CHECK(r.verdict == Verdict::missed);
    CHECK(r.category == "not_done");
    CHECK(r.stale);                                    // the last report (2021) predates the deadline
    CHECK(f.run(2021).verdict == Verdict::off_track);  // before the deadline: pending
}

TEST_CASE("decision: targets without a year hold on the latest value", "[evaluate][decisions]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 22.0, std::nullopt);  // 保持在22%以上
    f.obs(2021, 21);
    f.obs(2022, 23);
    auto r = f.run(2022);
    CHECK(r.verdict == Verdict::on_track);
    CHECK(r.category == "maintained");

    Fixture g("婴儿死亡率", "‰", Direction::lower);
    g.target(TargetKind::trend, Comparator::decrease, std::nullopt, std::nullopt, "");  // 持续下降
    for (auto [y, v] : {std::pair{2019, 5.6}, {2020, 5.4}, {2021, 5.0}}) g.obs(y, v, "‰");
    r = g.run(2021);
    CHECK(r.verdict == Verdict::on_track);
    CHECK(r.category == "holds");

    Fixture h;
    h.target(TargetKind::rate, Comparator::increase, 1.0, std::nullopt, "个百分点");  // 每年提高1个百分点
    for (auto [y, v] : {std::pair{2019, 20.0}, {2020, 21.0}, {2021, 22.5}}) h.obs(y, v);
    r = h.run(2021);
    CHECK(r.verdict == Verdict::on_track);  // +1.25 points a year on average
    CHECK(r.threshold == Approx(22.0));     // 20 + 1 × 2 years
}

TEST_CASE("decision: window_years spans N years, both ends included", "[evaluate][decisions]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 40.0, 2030);
    for (int y = 2015; y <= 2023; ++y) f.obs(y, 10 + y - 2015);
    EvaluationPolicy p;
    p.window_years = 5;  // Eurostat short term: 2018–2023
    const auto r = f.run(2023, p);
    CHECK(r.points == 6);
}

TEST_CASE("decision: a regional series is used whole and region-less rows are named", "[evaluate][decisions]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 22.0, 2022);
    f.obs(2022, 23.0);
    f.obs(2022, 20.0, "%", "");  // region not stated
    const auto r = f.run(2022);
    CHECK(r.region == "全国");
    CHECK(r.latest_value == 23.0);
    CHECK_THAT(r.explanation, Contains("1 row(s) of '居民健康素养水平' without a region were not used"));
}

TEST_CASE("decision: an undated vintage is the oldest", "[evaluate][decisions][observations]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 22.0, 2025);
    f.obs(2020, 19.0);
    f.obs(2021, 20.0);                     // publication year unknown
    f.obs(2021, 21.0, "%", "全国", 2023);  // revised, published 2023
    CHECK(f.run(2022).latest_value == 20.0);
    CHECK(f.run(2023).latest_value == 21.0);
}

TEST_CASE("decision: years to target and required pace count from the latest observation", "[evaluate][decisions]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 30.0, 2030);
    for (int y = 2017; y <= 2020; ++y) f.obs(y, 14 + (y - 2017));  // +1 a year to 17 in 2020
    const auto r = f.run(2022);                                    // as of 2022, nothing newer
    CHECK(r.years_to_target == Approx(13.0));                      // (30 − 17) / 1, from 2020
    CHECK(r.required_pace == Approx(1.3));                         // (30 − 17) / (2030 − 2020)
}

// --- Statistics Canada / Open SDG ----------------------------------------------

TEST_CASE("statcan: series measures by hand", "[evaluate][statcan]") {
    // Numeric target (CIF 1-1-1 as published): base 14.5 (2015), current 10.2 (2023), target 7.25 by 2030, lower.
    StatcanInputs in{14.5, 2015, 10.2, 2023, 7.25, 2030, -1, std::nullopt};
    auto p = statcan_progress(in);
    const double cagr_o = std::pow(10.2 / 14.5, 1.0 / 8) - 1, cagr_r = std::pow(0.5, 1.0 / 15) - 1;
    CHECK(p.progress_value == Approx(-cagr_o / std::fabs(cagr_r)));
    CHECK(p.progress_value == Approx(0.9525901792032172));
    CHECK(p.status == "substantial_progress");
    CHECK(p.score == Approx(7.1429 * p.progress_value - 4.2857));

    // No target, limit 100 (CIF 1-2-1): thresholds × (1 − 0.666^4.44).
    p = statcan_progress({66.6, 2016, 71.4, 2023, std::nullopt, 2030, 1, 100.0});
    CHECK(p.coefficient == Approx(1 - std::pow(0.666, 4.44)));
    CHECK(p.status == "moderate_progress");
    CHECK(p.score == Approx(1.739752850099936));

    // Edge rules: a zero base becomes 0.001; a current 0 is −100 %; negative series flip.
    p = statcan_progress({0, 2015, 2, 2020, std::nullopt, 2030, 1, std::nullopt});
    CHECK(p.progress_value == Approx(std::pow(2 / 0.001, 0.2) - 1));
    p = statcan_progress({4, 2015, 0, 2020, std::nullopt, 2030, 1, std::nullopt});
    CHECK(p.progress_value == Approx(-1.0));
    CHECK(p.score == -5.0);
    p = statcan_progress({-4, 2015, -2, 2020, std::nullopt, 2030, 1, std::nullopt});
    CHECK(p.sign == -1);
    CHECK(p.progress_value == Approx(-(std::pow(0.5, 0.2) - 1)));           // less negative = more, flipped
    p = statcan_progress({4, 2015, 2, 2020, 0.0, 2030, -1, std::nullopt});  // target 0 → 0.001
    CHECK(p.progress_value == Approx(-(std::pow(0.5, 0.2) - 1) / std::fabs(std::pow(0.001 / 4, 1.0 / 15) - 1)));
    p = statcan_progress({4, 2015, -2, 2020, std::nullopt, 2030, 1, std::nullopt});
    CHECK(p.status == "not_available");
    CHECK(std::isnan(p.score));

    // Indicator level: the mean score; status of the mean.
    std::vector<StatcanProgress> s(2);
    s[0].score = -3.842343121245121;
    s[1].score = -3.7120450615348832;
    const auto ind = statcan_indicator(s);
    CHECK(ind.score == Approx(-3.777194091390002));
    CHECK(ind.status == "deterioration");
}

TEST_CASE("statcan: level and trend targets through evaluate", "[evaluate][statcan]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 30.0, 2030);
    f.obs(2015, 20);
    f.obs(2020, 24);
    EvaluationPolicy p;
    p.method = LevelMethod::statcan;
    auto r = f.run(2020, p);
    const double R = (std::pow(24.0 / 20, 0.2) - 1) / (std::pow(30.0 / 20, 1.0 / 15) - 1);  // 1.35
    CHECK(r.progress == Approx(R));
    CHECK(r.score == 5.0);
    CHECK(r.category == "substantial_progress");
    CHECK(r.verdict == Verdict::on_track);
    CHECK(r.method == "statcan");

    Fixture g("婴儿死亡率", "‰", Direction::lower);
    g.target(TargetKind::trend, Comparator::decrease, std::nullopt, 2030, "");
    g.obs(2015, 8.1, "‰");
    g.obs(2020, 5.4, "‰");
    r = g.run(2020, p);
    const double rate = -(std::pow(5.4 / 8.1, 0.2) - 1);  // 0.078 a year falling
    CHECK(r.progress == Approx(rate));
    CHECK(r.category == "substantial_progress");
    CHECK(r.score == 5.0);
    CHECK(r.verdict == Verdict::on_track);
}
