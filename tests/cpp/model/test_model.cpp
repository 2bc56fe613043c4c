#include <catch2/catch.hpp>

#include <healthplan/error.hpp>
#include <healthplan/plan.hpp>

using namespace healthplan;

namespace {
Target level(double value, Comparator c) {
    Target t;
    t.id = "t";
    t.indicator = "居民健康素养水平";
    t.year = 2030;
    t.kind = TargetKind::level;
    t.comparator = c;
    t.value = value;
    t.unit = Unit::percent();
    return t;
}
}  // namespace

TEST_CASE("comparators keep inclusive and strict meanings", "[model]") {
    CHECK(satisfies(30.0, Comparator::ge, 30.0));
    CHECK_FALSE(satisfies(30.0, Comparator::gt, 30.0));
    CHECK(satisfies(5.0, Comparator::le, 5.0));
    CHECK_FALSE(satisfies(5.0, Comparator::lt, 5.0));
    CHECK(satisfies(10.4, Comparator::approx, 10.0));
    CHECK_FALSE(satisfies(11.0, Comparator::approx, 10.0));
    CHECK_THROWS_AS(satisfies(1.0, Comparator::increase, 0.0), ValidationError);
}

TEST_CASE("target invariants name the field", "[model]") {
    CHECK_NOTHROW(level(30, Comparator::ge).validate());
    auto no_value = level(30, Comparator::ge);
    no_value.value.reset();
    try {
        no_value.validate();
        FAIL();
    } catch (const ValidationError& e) {
        CHECK(e.where() == "target t: value");
    }
    auto change = level(10, Comparator::increase);
    change.kind = TargetKind::change;
    CHECK_THROWS_WITH(change.validate(), Catch::Contains("reference"));
    change.reference = Reference{2019, "2019年", std::nullopt, ChangeMode::relative};
    CHECK_NOTHROW(change.validate());
    auto trend = level(1, Comparator::decrease);
    trend.kind = TargetKind::trend;
    CHECK_THROWS_WITH(trend.validate(), Catch::Contains("no value"));
    auto bench = level(1, Comparator::ge);
    bench.kind = TargetKind::benchmark;
    bench.value.reset();
    CHECK_THROWS_WITH(bench.validate(), Catch::Contains("benchmark"));
}

TEST_CASE("plan validation checks references between objects", "[model]") {
    Plan p;
    p.targets.push_back(level(22, Comparator::ge));
    p.targets[0].task_id = "k9";
    CHECK_THROWS_WITH(p.validate(), Catch::Contains("k9"));
    p.targets[0].task_id.clear();
    p.targets[0].indicator_id = "missing";
    CHECK_THROWS_WITH(p.validate(), Catch::Contains("missing"));
    p.indicators.push_back({.id = "missing", .name = "居民健康素养水平"});
    CHECK_NOTHROW(p.validate());
    p.period_start = 2025;
    p.period_end = 2021;
    CHECK_THROWS_AS(p.validate(), ValidationError);
}

TEST_CASE("dates are checked against the calendar", "[model]") {
    CHECK(Date::parse("2024-02-29").iso() == "2024-02-29");
    CHECK_THROWS_AS(Date::parse("2023-02-29"), ValidationError);
    CHECK_THROWS_AS(Date::parse("2023-1-5"), ValidationError);
    CHECK_THROWS_AS(Date::parse("2023-13-01"), ValidationError);
}

TEST_CASE("task number joins the label path", "[model]") {
    Task k;
    k.number = {"三", "(一)", "1"};
    CHECK(k.number_string() == "三.(一).1");
}
