// Stringency signs against national targets, for both directions.
#include <catch2/catch.hpp>

#include "healthplan/compare.hpp"

using namespace healthplan;

namespace {
CatalogEntry entry(Direction d, Unit unit, double national_2030, Comparator c) {
    CatalogEntry e;
    e.code = "T1";
    e.name = "test";
    e.unit = unit;
    e.direction = d;
    CatalogTarget t;
    t.year = 2030;
    t.comparator = c;
    t.value = national_2030;
    t.unit = unit;
    e.targets.push_back(t);
    return e;
}
Target level(double value, Unit unit, Comparator c = Comparator::ge, int year = 2030) {
    Target t;
    t.id = "t";
    t.year = year;
    t.value = value;
    t.unit = unit;
    t.comparator = c;
    return t;
}
}  // namespace

TEST_CASE("higher is better: a higher threshold is stricter", "[stringency]") {
    const auto e = entry(Direction::higher, Unit::percent(), 30, Comparator::ge);
    const auto s = stringency(level(35, Unit::percent()), e);
    CHECK(s.verdict == Stringency::stricter);
    CHECK(*s.margin == Approx(5));
    CHECK(*s.relative_margin == Approx(5.0 / 30));
    const auto l = stringency(level(25, Unit::percent()), e);
    CHECK(l.verdict == Stringency::looser);
    CHECK(*l.margin == Approx(-5));
    CHECK(stringency(level(30, Unit::percent()), e).verdict == Stringency::equal);
}

TEST_CASE("lower is better: a lower threshold is stricter, across units", "[stringency]") {
    const auto e = entry(Direction::lower, Unit::permille(), 5, Comparator::le);
    const auto s = stringency(level(4.5, Unit::permille(), Comparator::le), e);
    CHECK(s.verdict == Stringency::stricter);
    CHECK(*s.margin == Approx(0.5));
    const auto l = stringency(level(6, Unit::permille(), Comparator::le), e);
    CHECK(l.verdict == Stringency::looser);
    CHECK(*l.margin == Approx(-1));
    // 0.5% is 5‰: equal once converted.
    const auto same = stringency(level(0.5, Unit::percent(), Comparator::lt), e);
    CHECK(same.verdict == Stringency::equal);
    CHECK(same.reason.find("plan excludes") != std::string::npos);
}

TEST_CASE("not comparable: other years, kinds, units, unknown direction", "[stringency]") {
    const auto e = entry(Direction::lower, Unit::permille(), 5, Comparator::le);
    CHECK(stringency(level(4, Unit::permille(), Comparator::le, 2025), e).verdict == Stringency::not_comparable);
    CHECK(stringency(level(4, Unit::permille(), Comparator::le, 2025), e).reason == "no national target for 2025");
    Target trend = level(0, Unit::permille(), Comparator::decrease);
    trend.kind = TargetKind::trend;
    trend.value.reset();
    CHECK(stringency(trend, e).verdict == Stringency::not_comparable);
    CHECK(stringency(level(4, Unit::years()), e).verdict == Stringency::not_comparable);
    const auto unitless = stringency(level(4, Unit::none(), Comparator::le), e);
    CHECK(unitless.verdict == Stringency::stricter);
    CHECK(unitless.reason.find("no unit") != std::string::npos);
    auto unknown = e;
    unknown.direction = Direction::unknown;
    CHECK(stringency(level(4, Unit::permille()), unknown).verdict == Stringency::not_comparable);
}

TEST_CASE("rate targets: a larger yearly change in the right direction is stricter", "[stringency]") {
    CatalogEntry e = entry(Direction::lower, Unit::percent(), 0, Comparator::decrease);
    e.targets[0].kind = TargetKind::rate;
    e.targets[0].value = 0.5;
    e.targets[0].unit = Unit::percentage_point();
    Target t = level(1, Unit::percentage_point(), Comparator::decrease);
    t.kind = TargetKind::rate;
    const auto s = stringency(t, e);
    CHECK(s.verdict == Stringency::stricter);
    CHECK(*s.margin == Approx(0.5));
    t.comparator = Comparator::increase;
    CHECK(stringency(t, e).verdict == Stringency::not_comparable);
}
