// Hand-computed verdicts for every target kind and level method.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <healthplan/error.hpp>
#include <healthplan/evaluate.hpp>

using namespace healthplan;
using Catch::Matchers::Contains;

namespace {

// A one-indicator plan in region 全国 with one target and a task led by 市卫生健康委.
struct Fixture {
    Plan plan;
    std::vector<ObservationRow> rows;

    explicit Fixture(std::string unit = "%") {
        plan.id = "p";
        plan.region.name = "全国";
        Indicator ind;
        ind.id = "i1";
        ind.name = "居民健康素养水平";
        ind.unit = Unit::parse(unit);
        plan.indicators.push_back(ind);
        Task k;
        k.id = "k1";
        k.lead = {{"卫生健康委", "市卫生健康委员会"}};
        plan.tasks.push_back(k);
    }
    Target& target(TargetKind kind, Comparator cmp, std::optional<double> value, std::optional<int> year,
                   std::string unit = "%") {
        Target t;
        t.id = "t" + std::to_string(plan.targets.size() + 1);
        t.indicator_id = "i1";
        t.indicator = "居民健康素养水平";
        t.kind = kind;
        t.comparator = cmp;
        t.value = value;
        t.year = year;
        t.unit = Unit::parse(unit);
        t.task_id = "k1";
        plan.targets.push_back(t);
        return plan.targets.back();
    }
    void obs(std::int64_t year, double value, std::string unit = "%", std::string region = "全国",
             std::string key = "居民健康素养水平") {
        rows.push_back({key, region, year, value, unit, "test", 0});
    }
    TargetResult run(int as_of, EvaluationPolicy policy = {}) {
        const auto o = Observations::from_rows(rows);
        return evaluate(plan, o, policy, as_of).back();
    }
};

}  // namespace

TEST_CASE("level after the target year: inclusive vs strict comparators", "[evaluate][level]") {
    for (auto [cmp, verdict] :
         {std::pair{Comparator::ge, Verdict::achieved}, std::pair{Comparator::gt, Verdict::missed},
          std::pair{Comparator::le, Verdict::achieved}, std::pair{Comparator::lt, Verdict::missed}}) {
        Fixture f;
        f.target(TargetKind::level, cmp, 22.0, 2022);
        f.obs(2020, 20);
        f.obs(2022, 22.0);  // exactly on the threshold
        f.obs(2023, 40);    // after the target year: ignored for the verdict
        const auto r = f.run(2024);
        CHECK(r.verdict == verdict);
        CHECK(r.method == "observed_at_target_year");
        CHECK(r.latest_year == 2022);
        CHECK(r.latest_value == 22.0);
    }
}

TEST_CASE("linear extrapolation: Destatis distance classes", "[evaluate][level]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 30.0, 2030);
    for (int y = 2017; y <= 2020; ++y) f.obs(y, 14 + (y - 2017));  // 14, 15, 16, 17: +1 a year
    auto r = f.run(2020);
    // projected 2030: 27; missing (30 − 27) / max(|30 − 14|, |30 − 17|) = 3/16
    CHECK(r.projected_value == Approx(27.0));
    CHECK(r.progress == Approx(3.0 / 16));
    CHECK(r.verdict == Verdict::off_track);
    CHECK(r.category == "slightly_off");
    CHECK(r.required_pace == Approx(1.3));  // (30 − 17) / 10
    CHECK(r.observed_pace == Approx(1.0));
    CHECK(r.years_to_target == Approx(13.0));
    CHECK(r.probability == 0.0);  // a perfect fit that falls short
    CHECK(r.lead == std::vector<std::string>{"市卫生健康委员会"});
    CHECK_THAT(r.explanation, Contains("needs +1.3 a year from now to 2030; observed +1"));
    CHECK_THAT(r.explanation, Contains("Lead: 市卫生健康委员会"));

    f.plan.targets.back().value = 27.0;  // the projection meets it exactly
    r = f.run(2020);
    CHECK(r.verdict == Verdict::on_track);
    CHECK(r.category == "reachable");
    CHECK(r.probability == 1.0);

    f.plan.targets.back().value = 27.5;  // 0.5/13.5 = 3.7% missing < 5%: reachable
    r = f.run(2020);
    CHECK(r.verdict == Verdict::on_track);
    f.plan.targets.back().nature = Nature::binding;  // binding: the projection must meet it
    r = f.run(2020);
    CHECK(r.verdict == Verdict::off_track);
    CHECK(r.category == "binding_projection_short");

    f.plan.targets.back().nature = Nature::expected;
    f.plan.targets.back().value = 60.0;  // far: (60 − 27)/46 > 20%
    CHECK(f.run(2020).category == "off");
    f.plan.targets.back().comparator = Comparator::le;
    f.plan.targets.back().value = 10.0;  // wants lower, series rises
    CHECK(f.run(2020).category == "wrong_direction");
}

TEST_CASE("growth ratio (StatCan / Eurostat): 0.95 and 0.60 cut-offs", "[evaluate][level]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 20.0, 2025);
    f.obs(2018, 10);
    f.obs(2020, 12.1);  // CAGR 10%
    EvaluationPolicy p;
    p.method = LevelMethod::growth_ratio;
    auto r = f.run(2020, p);
    const double req = std::pow(2.0, 1.0 / 7) - 1;  // from 10 (2018) to 20 (2025)
    CHECK(r.progress == Approx(0.1 / req));         // 0.9607
    CHECK(r.verdict == Verdict::on_track);
    CHECK(r.method == "growth_ratio/healthplan");
    CHECK(r.projected_value == Approx(12.1 * std::pow(1.1, 5)));
    f.plan.targets.back().value = 25.0;
    r = f.run(2020, p);
    CHECK(r.progress == Approx(0.1 / (std::pow(2.5, 1.0 / 7) - 1)));  // 0.715
    CHECK(r.category == "acceleration_needed");
    CHECK(r.verdict == Verdict::off_track);
    p.growth_acceleration = 0.8;  // the cut-offs are policy
    CHECK(f.run(2020, p).category == "limited_progress");
}

TEST_CASE("growth ratio with a zero base is insufficient data, not a division by zero", "[evaluate][level]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 20.0, 2025);
    f.obs(2018, 0);
    f.obs(2020, 5);
    EvaluationPolicy p;
    p.method = LevelMethod::growth_ratio;
    auto r = f.run(2020, p);
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("positive"));
    // The linear default handles it: 0 → 5 in 2 years projects 17.5 by 2025.
    r = f.run(2020);
    CHECK(r.projected_value == Approx(17.5));
}

TEST_CASE("years to target (Defra)", "[evaluate][level]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 20.0, 2025);
    f.obs(2018, 10);
    f.obs(2020, 12);  // average relative change (2/10)/2 = 10% a year
    EvaluationPolicy p;
    p.method = LevelMethod::years_to_target;
    auto r = f.run(2020, p);
    const double n = std::fabs(std::log(12.0 / 20.0) / std::log(1.1));  // 5.36 years
    CHECK(r.years_to_target == Approx(n));
    CHECK(r.verdict == Verdict::off_track);  // 5 years left, reached within the 5-year grace
    CHECK(r.category == "some_progress");
    f.plan.targets.back().year = 2026;
    CHECK(f.run(2020, p).category == "substantial_progress");
    f.plan.targets.back().year = 2021;  // 1 year left: 5.36 ≤ 1 + 5 years of grace
    CHECK(f.run(2020, p).category == "some_progress");
    p.years_grace = 0;
    CHECK(f.run(2020, p).category == "insufficient_progress");
}

TEST_CASE("one point, already met, missing years, target year passed", "[evaluate][level]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 22.0, 2030);
    f.obs(2020, 20);
    auto r = f.run(2020);
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("single data point"));
    f.rows.clear();
    f.obs(2020, 25);
    CHECK(f.run(2020).verdict == Verdict::achieved_early);

    // Missing years: a gap and an explicit missing row are both fine.
    f.rows.clear();
    f.obs(2016, 10);
    f.obs(2019, 13);
    f.rows.push_back({"居民健康素养水平", "全国", 2018, std::nan(""), "%", "", flag_missing});
    r = f.run(2020);
    CHECK(r.points == 2);
    CHECK(r.observed_pace == Approx(1.0));
    CHECK_THAT(r.explanation, Contains("reported missing: 2018"));

    // The target year has passed without its own observation, but later ones exist.
    f.plan.targets.back().year = 2017;
    r = f.run(2020);
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("target year"));
}

TEST_CASE("‰ against a % target converts exactly; incompatible units are an error", "[evaluate][units]") {
    Fixture f("‰");
    f.target(TargetKind::level, Comparator::lt, 0.5, 2022, "%");  // < 0.5 % = < 5 ‰
    f.obs(2021, 5.0, "‰");
    f.obs(2022, 4.9, "‰");
    auto r = f.run(2022);
    CHECK(r.verdict == Verdict::achieved);
    CHECK(r.unit == "%");
    CHECK(r.latest_value == Approx(0.49));
    f.rows.back().value = 5.0;  // exactly 5 ‰ is not < 0.5 %
    CHECK(f.run(2022).verdict == Verdict::missed);

    f.rows.back().unit = "张";
    CHECK_THROWS_AS(f.run(2022), UnitError);
    EvaluationPolicy p;
    p.on_unit_mismatch = UnitMismatch::insufficient_data;
    r = f.run(2022, p);
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("张"));

    f.rows.back().unit = "";  // unknown unit
    r = f.run(2022);
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("unit unknown"));
}

TEST_CASE("projections respect natural bounds", "[evaluate][level]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 99.9, 2030);
    f.obs(2018, 90);
    f.obs(2020, 98);
    auto r = f.run(2020);
    CHECK(r.projected_value == 100.0);  // 98 + 4·10 = 138 clamped to 100 %
    CHECK(r.verdict == Verdict::on_track);
    EvaluationPolicy p;
    p.bound_projections = false;
    CHECK(f.run(2020, p).projected_value == Approx(138.0));
}

TEST_CASE("as-of ignores later data; advocacy is never scored; no-year targets", "[evaluate]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::ge, 30.0, 2025);
    f.obs(2018, 20);
    f.obs(2019, 21);
    f.obs(2020, 22);
    f.obs(2021, 35);
    CHECK(f.run(2020).verdict == Verdict::off_track);
    CHECK(f.run(2021).verdict == Verdict::achieved_early);
    CHECK(f.run(2020).latest_year == 2020);

    f.plan.targets.back().nature = Nature::advocacy;
    auto r = f.run(2021);
    CHECK(r.verdict == Verdict::not_evaluable);
    CHECK_THAT(r.reason, Contains("倡导性"));

    f.plan.targets.back().nature = Nature::expected;
    f.plan.targets.back().year.reset();  // 保持在30%以上
    CHECK(f.run(2021).verdict == Verdict::on_track);
    CHECK(f.run(2020).verdict == Verdict::off_track);

    f.plan.targets.back().indicator_id = "nope";
    f.plan.targets.back().indicator = "不存在";
    r = f.run(2021);
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK_THAT(r.reason, Contains("no observations"));
}

TEST_CASE("matching by indicator id, canonical code or name; region fallback", "[evaluate]") {
    Fixture f;
    f.plan.indicators[0].code = "HC01";
    f.target(TargetKind::level, Comparator::ge, 10.0, 2020);
    f.obs(2020, 12, "%", "全国", "HC01");
    CHECK(f.run(2020).indicator_key == "HC01");
    f.rows.clear();
    f.obs(2020, 12, "%", "全国", "i1");
    CHECK(f.run(2020).indicator_key == "i1");
    f.rows.clear();
    f.obs(2020, 12, "%", "", "居民健康素养水平");  // no region stated: matches any
    CHECK(f.run(2020).verdict == Verdict::achieved);
    f.rows.clear();
    f.obs(2020, 12, "%", "北京市");  // another region: no match
    CHECK(f.run(2020).verdict == Verdict::insufficient_data);
}

TEST_CASE("change targets: relative percent vs percentage points, reference year", "[evaluate][change]") {
    Fixture f;
    auto& t = f.target(TargetKind::change, Comparator::decrease, 10.0, 2020);  // 比基期降低10%
    t.baseline = Baseline{2015, 20.0};
    t.reference = Reference{std::nullopt, "基期", std::nullopt, ChangeMode::relative};
    f.obs(2015, 20);
    f.obs(2020, 18.0);
    auto r = f.run(2020);
    CHECK(r.threshold == Approx(18.0));
    CHECK(r.comparator == Comparator::le);
    CHECK(r.verdict == Verdict::achieved);  // exactly on 18: inclusive
    CHECK(r.reference_value == 20.0);
    CHECK_THAT(r.explanation, Contains("lower by 10%"));

    f.plan.targets.back().reference->mode = ChangeMode::points;  // 降低10个百分点 → 10
    r = f.run(2020);
    CHECK(r.threshold == Approx(10.0));
    CHECK(r.verdict == Verdict::missed);

    // 在2016年基础上提高10%: reference from the 2016 observation.
    Fixture g;
    auto& u = g.target(TargetKind::change, Comparator::increase, 10.0, 2022);
    u.reference = Reference{2016, "2016年", std::nullopt, ChangeMode::relative};
    g.obs(2016, 30);
    g.obs(2018, 31);
    g.obs(2020, 32);
    r = g.run(2020);
    CHECK(r.threshold == Approx(33.0));
    CHECK(r.reference_year == 2016);
    CHECK(r.verdict == Verdict::on_track);  // +0.5 a year since 2016 projects 33 in 2022
    g.rows.erase(g.rows.begin());
    CHECK(g.run(2020).verdict == Verdict::insufficient_data);
}

TEST_CASE("rate targets: year by year and cumulatively", "[evaluate][rate]") {
    Fixture f;
    auto& t = f.target(TargetKind::rate, Comparator::decrease, 0.5, std::nullopt, "percentage_point");
    t.baseline = Baseline{2018, 50.0};
    f.obs(2018, 50);
    f.obs(2019, 49.4);  // −0.6 ok
    f.obs(2020, 49.0);  // −0.4 not
    f.obs(2021, 48.5);  // −0.5 ok (inclusive)
    auto r = f.run(2021);
    CHECK(r.verdict == Verdict::on_track);  // cumulatively 50 − 1.5 = 48.5 reached exactly
    CHECK(r.category == "met_cumulatively");
    CHECK(r.observed_pace == Approx(-0.5));
    CHECK(r.required_pace == Approx(-0.5));
    CHECK_THAT(r.explanation, Contains("2 of 3"));
    EvaluationPolicy p;
    p.rate_every_year = true;
    CHECK(f.run(2021, p).verdict == Verdict::off_track);
    CHECK(f.run(2020).verdict == Verdict::on_track);  // 50 − 2·0.5 = 49.0 reached exactly
    f.rows[2].value = 49.01;
    CHECK(f.run(2020).verdict == Verdict::off_track);
}

TEST_CASE("rate target with a year is decided at that year", "[evaluate][rate]") {
    Fixture f;
    f.target(TargetKind::rate, Comparator::decrease, 0.5, 2020, "percentage_point");
    f.obs(2018, 50);
    f.obs(2020, 48.9);
    f.obs(2021, 60);  // after the year: ignored
    auto r = f.run(2022);
    CHECK(r.verdict == Verdict::achieved);
    CHECK(r.threshold == Approx(49.0));
    f.rows.pop_back();
    f.rows.pop_back();
    f.obs(2019, 49.8);
    r = f.run(2019);
    CHECK(r.verdict == Verdict::off_track);  // −0.2 in one year
    CHECK(r.projected_value == Approx(49.6));
}

TEST_CASE("trend definitions name themselves and can disagree", "[evaluate][trend]") {
    Fixture f;
    f.target(TargetKind::trend, Comparator::decrease, std::nullopt, 2030);
    const double v[] = {10, 9, 9.5, 8, 7};
    for (int i = 0; i < 5; ++i) f.obs(2016 + i, v[i]);
    EvaluationPolicy p;
    p.trend = TrendDefinition::strictly_monotone;
    auto r = f.run(2020, p);
    CHECK(r.verdict == Verdict::off_track);
    CHECK(r.method == "trend:strictly_monotone/healthplan");
    CHECK_THAT(r.explanation, Contains("definitions disagree"));
    p.trend = TrendDefinition::net_with_k_reversals;
    CHECK(f.run(2020, p).verdict == Verdict::on_track);
    p.k_reversals = 0;
    CHECK(f.run(2020, p).verdict == Verdict::off_track);
    p.trend = TrendDefinition::theil_sen_mann_kendall;
    r = f.run(2020, p);
    CHECK(r.method == "trend:theil_sen_mann_kendall/healthplan");
    // S = −8 of 10 pairs; var 50/3; z = (−8+1)/4.08 = −1.71; p = 0.0433 < 0.05
    CHECK(r.progress == Approx(0.0433).margin(0.001));
    CHECK(r.verdict == Verdict::on_track);
    p.mann_kendall_alpha = 0.01;
    CHECK(f.run(2020, p).verdict == Verdict::off_track);
    CHECK(f.run(2016, p).verdict == Verdict::insufficient_data);  // a single point
}

TEST_CASE("持续减缓: the growth itself must keep falling", "[evaluate][trend]") {
    Fixture f;
    auto& t = f.target(TargetKind::trend, Comparator::decrease, std::nullopt, std::nullopt);
    t.unit_text = "上升趋势减缓";
    f.obs(2016, 2.0);
    f.obs(2017, 2.5);
    f.obs(2018, 2.9);
    f.obs(2019, 3.2);  // growth 0.5, 0.4, 0.3: slowing although the level rises
    EvaluationPolicy p;
    p.trend = TrendDefinition::strictly_monotone;
    auto r = f.run(2019, p);
    CHECK(r.verdict == Verdict::on_track);
    CHECK_THAT(r.explanation, Contains("growth per year"));
    f.rows.back().value = 3.7;  // growth 0.8: speeding up
    CHECK(f.run(2019, p).verdict == Verdict::off_track);
    // An indicator that is itself a growth rate (成人肥胖增长率) is judged as is.
    f.plan.targets.back().indicator = "成人肥胖增长率";
    f.rows.back().value = 2.4;
    CHECK(f.run(2019, p).verdict == Verdict::off_track);  // 2.0, 2.5, 2.9, 2.4 is not falling
}

TEST_CASE("benchmark targets against another region with a lag", "[evaluate][benchmark]") {
    Fixture f;
    auto& t = f.target(TargetKind::benchmark, Comparator::ge, std::nullopt, 2020);
    t.benchmark = "国家平均水平";
    f.plan.region.name = "乌海市";
    f.obs(2018, 5, "%", "乌海市");
    f.obs(2019, 6, "%", "乌海市");
    f.obs(2020, 7, "%", "乌海市");
    f.obs(2018, 6.5);
    f.obs(2019, 6.8);
    f.obs(2020, 7.0);
    auto r = f.run(2020);
    CHECK(r.verdict == Verdict::achieved);  // 7 ≥ 7.0
    CHECK(r.threshold == 7.0);
    CHECK(r.region == "乌海市");
    EvaluationPolicy p;
    p.benchmark_lag = 1;
    r = f.run(2020, p);
    CHECK(r.reference_year == 2019);
    CHECK(r.threshold == 6.8);
    f.plan.targets.back().year = 2025;
    r = f.run(2019);  // gaps −1.5, −0.8: closing 0.7 a year → +3.4 by 2025
    CHECK(r.verdict == Verdict::on_track);
    CHECK(r.projected_value == Approx(6.8 + 3.4));
    f.plan.targets.back().benchmark = "世界平均水平";
    CHECK(f.run(2019).verdict == Verdict::insufficient_data);
}

// Explanations are built in a 1 KiB buffer on the stack and go on in a string
// past it (evaluate.cpp, Text): a benchmark label of any length, put at every
// position around the buffer's end, must come out whole and in its place.
TEST_CASE("explanations longer than the builder's buffer", "[evaluate][benchmark]") {
    Fixture f;
    auto& t = f.target(TargetKind::benchmark, Comparator::ge, std::nullopt, 2025);
    const std::string label = "国家平均水平";
    t.benchmark = label;
    f.plan.region.name = "乌海市";
    for (int y = 2018; y <= 2020; ++y) {
        f.obs(y, 4.0 + y - 2018, "%", "乌海市");
        f.obs(y, 6.5 + 0.1 * (y - 2018));
    }
    const std::string base = f.run(2020).explanation;
    const auto at = base.find(label);
    REQUIRE(at != std::string::npos);
    REQUIRE(at < 200);
    for (const std::size_t extra : {0, 800, 1000, 1010, 1017, 1018, 1019, 1024, 1030, 2047, 2048, 5000}) {
        const std::string longer = label + std::string(extra, 'x');
        f.plan.targets.back().benchmark = longer;
        std::string expected = base;
        expected.replace(at, label.size(), longer);
        CHECK(f.run(2020).explanation == expected);
    }
}

TEST_CASE("milestones: done, pending, missed, bad values", "[evaluate][milestone]") {
    Fixture f;
    f.target(TargetKind::milestone, Comparator::eq, std::nullopt, 2022, "");
    CHECK(f.run(2023).verdict == Verdict::insufficient_data);  // no observation at all
    f.obs(2021, 0, "");
    f.obs(2022, 1, "");
    CHECK(f.run(2023).verdict == Verdict::achieved);
    CHECK(f.run(2021).verdict == Verdict::off_track);  // pending, policy default
    EvaluationPolicy p;
    p.pending_milestone = Verdict::on_track;
    CHECK(f.run(2021, p).verdict == Verdict::on_track);
    f.rows.back().value = 0;
    CHECK(f.run(2023).verdict == Verdict::missed);
    f.rows.back().value = 2;
    CHECK_THROWS_AS(f.run(2023), DataError);
}

TEST_CASE("scorecards count verdicts and score 0–100", "[evaluate][scorecard]") {
    std::vector<TargetResult> rs(4);
    rs[0].verdict = Verdict::achieved;
    rs[0].lead = {"A"};
    rs[1].verdict = Verdict::on_track;
    rs[1].lead = {"A", "B"};
    rs[2].verdict = Verdict::off_track;
    rs[2].lead = {"B"};
    rs[3].verdict = Verdict::insufficient_data;
    for (auto& r : rs) r.plan_id = "p";
    auto by_plan = scorecard(rs, ScorecardBy::plan);
    REQUIRE(by_plan.size() == 1);
    CHECK(by_plan[0].targets == 4);
    CHECK(by_plan[0].scored == 3);
    CHECK(by_plan[0].score == Approx((100 + 75 + 25) / 3.0));
    CHECK(by_plan[0].counts[static_cast<int>(Verdict::insufficient_data)] == 1);
    auto by_lead = scorecard(rs, ScorecardBy::lead);
    REQUIRE(by_lead.size() == 3);
    CHECK(by_lead[0].group == "A");
    CHECK(by_lead[0].score == Approx(87.5));
    CHECK(by_lead[1].group == "B");
    CHECK(by_lead[1].score == Approx(50));
    CHECK(by_lead[2].group == "(no lead)");
    CHECK(std::isnan(by_lead[2].score));
}

TEST_CASE("policy is validated", "[evaluate][policy]") {
    EvaluationPolicy p;
    p.growth_acceleration = 2;
    CHECK_THROWS_AS(p.validate(), ValidationError);
    CHECK(parse_level_method("growth_ratio") == LevelMethod::growth_ratio);
    CHECK_THROWS_AS(parse_level_method("magic"), SchemaError);
    CHECK(to_string(Verdict::achieved_early) == "achieved_early");
    CHECK(parse_verdict("off_track") == Verdict::off_track);
}

TEST_CASE("a relative change's % is not the level's unit", "[evaluate][change][units]") {
    Fixture f("");  // the indicator states no unit; the data are per 100,000
    f.plan.indicators[0].name = "心脑血管疾病死亡率";
    auto& t = f.target(TargetKind::change, Comparator::decrease, 10.0, 2020, "%");  // 比基期下降10%
    t.indicator = "心脑血管疾病死亡率";
    t.baseline = Baseline{2015, 200.0};
    f.obs(2015, 200.0, "1/10万", "全国", "心脑血管疾病死亡率");
    f.obs(2020, 175.0, "1/10万", "全国", "心脑血管疾病死亡率");
    const auto r = f.run(2020);
    CHECK(r.threshold == Approx(180.0));
    CHECK(r.unit == Unit::per_100000().symbol());
    CHECK(r.verdict == Verdict::achieved);
}

TEST_CASE("national targets against the bundled national figures", "[evaluate][real]") {
    // 健康中国行动 (2019—2030) targets; figures from python/healthplan/data/observed (each row sourced).
    const auto obs = Observations::from_csv(
        std::string(HEALTHPLAN_SOURCE_DIR) + "/python/healthplan/data/observed/china_observed.csv", {"全国", ""});
    Plan plan;
    plan.id = "healthy-china-2019";
    plan.region = {"全国", AdminLevel::national, ""};
    auto add = [&](std::string id, std::string name, Unit unit, Comparator cmp, double value, int year) {
        Indicator ind;
        ind.id = "i_" + id;
        ind.name = name;
        ind.unit = unit;
        plan.indicators.push_back(ind);
        Target t;
        t.id = id;
        t.indicator_id = ind.id;
        t.indicator = name;
        t.comparator = cmp;
        t.value = value;
        t.year = year;
        t.unit = unit;
        plan.targets.push_back(t);
    };
    add("literacy2030", "居民健康素养水平", Unit::percent(), Comparator::ge, 30, 2030);
    add("mmr2030", "孕产妇死亡率", Unit::per_100000(), Comparator::lt, 12, 2030);
    add("imr2022", "婴儿死亡率", Unit::permille(), Comparator::le, 7.5, 2022);
    const auto r2021 = evaluate(plan, obs, {}, 2021);
    CHECK(r2021[0].verdict == Verdict::on_track);  // 25.4 % in 2021, rising ~2.5 points a year
    CHECK(r2021[0].latest_value == 25.4);
    const auto r = evaluate(plan, obs, {}, 2024);
    CHECK(r[0].verdict == Verdict::achieved_early);  // 31.87 % in 2024
    CHECK(r[1].verdict == Verdict::on_track);        // 14.3 /10万 in 2024, falling ~0.6 a year
    CHECK(r[1].required_pace == Approx((12 - 14.3) / 6));
    CHECK(r[1].probability > 0.5);
    CHECK(r[2].verdict == Verdict::achieved);  // 4.9 ‰ in 2022
    CHECK(r[2].latest_year == 2022);
}

TEST_CASE("an uncertain target is judged but says so", "[evaluate]") {
    Fixture f;
    auto& t = f.target(TargetKind::level, Comparator::ge, 25.0, 2022);
    t.certainty = Certainty::uncertain;
    t.note = "分别达到25%40%: values run together";
    f.obs(2022, 26);
    const auto r = f.run(2022);
    CHECK(r.verdict == Verdict::achieved);
    CHECK_THAT(r.explanation, Contains("[target uncertain: 分别达到25%40%"));
}

TEST_CASE("as-of uses the figures published by then (vintages)", "[evaluate][vintage]") {
    Fixture f;
    f.target(TargetKind::level, Comparator::le, 29.5, 2015);
    f.rows.push_back({"居民健康素养水平", "全国", 2015, 29.97, "%", "initial", 0, 2016});
    f.rows.push_back({"居民健康素养水平", "全国", 2015, 29.3, "%", "revised", 0, 2020});
    auto r = f.run(2018);  // only the initial figure was known
    CHECK(r.verdict == Verdict::missed);
    CHECK(r.latest_value == 29.97);
    r = f.run(2021);  // the revision replaces it
    CHECK(r.verdict == Verdict::achieved);
    CHECK(r.latest_value == 29.3);
    CHECK(f.run(2015).verdict == Verdict::insufficient_data);  // nothing published yet
}
