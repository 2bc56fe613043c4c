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
    const auto y2025 = stringency(level(4, Unit::permille(), Comparator::le, 2025), e);
    CHECK(y2025.reason.rfind("no national target for 2025", 0) == 0);
    CHECK(y2025.reference.basis == NationalBasis::none);
    CHECK(y2025.reference.label().empty());
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

namespace {
// 居民健康素养水平-like: 2022 ≥22%, 2030 ≥30%, baseline 14.18% in 2017.
CatalogEntry literacy() {
    CatalogEntry e = entry(Direction::higher, Unit::percent(), 30, Comparator::ge);
    CatalogTarget t2022 = e.targets[0];
    t2022.year = 2022;
    t2022.value = 22;
    t2022.text = "≥22";
    t2022.source = "S01";
    e.targets[0].text = "≥30";
    e.targets[0].source = "S02";
    e.targets.insert(e.targets.begin(), t2022);
    return e;
}
// 婴儿死亡率-like: bare numbers 7.5‰ (2022) and 5‰ (2030).
CatalogEntry infant() {
    CatalogEntry e = entry(Direction::lower, Unit::permille(), 5, Comparator::le);
    e.targets[0].comparator.reset();
    CatalogTarget t2022 = e.targets[0];
    t2022.year = 2022;
    t2022.value = 7.5;
    e.targets.insert(e.targets.begin(), t2022);
    return e;
}
}  // namespace

TEST_CASE("interpolated national path: higher is better", "[stringency][interpolation]") {
    const auto e = literacy();
    // 2025 on the line 22 → 30 over 2022–2030: 22 + 8 × 3/8 = 25.
    const auto ref = national_reference(e, 2025);
    REQUIRE(ref.basis == NationalBasis::interpolated);
    CHECK(*ref.value == Approx(25));
    CHECK(ref.from_year == 2022);
    CHECK(ref.to_year == 2030);
    CHECK(ref.label() == "interpolated(2022\u20132030)");
    CHECK(ref.comparator == Comparator::ge);
    CHECK(ref.source == "S01, S02");
    CHECK(ref.text.find("not a stated national target") != std::string::npos);

    const auto above = stringency(level(27, Unit::percent(), Comparator::ge, 2025), e);
    CHECK(above.verdict == Stringency::stricter);
    CHECK(*above.margin == Approx(2));
    CHECK(*above.relative_margin == Approx(2.0 / 25));
    CHECK(above.reference.label() == "interpolated(2022\u20132030)");
    CHECK(above.reason.find("not a stated target") != std::string::npos);

    // 2024: 22 + 8 × 2/8 = 24, so 23% is 1 point looser.
    const auto below = stringency(level(23, Unit::percent(), Comparator::ge, 2024), e);
    CHECK(below.verdict == Stringency::looser);
    CHECK(*below.margin == Approx(-1));
    CHECK(*below.national_value == Approx(24));

    // Exactly on the line is equal; also after an exact unit conversion (250‰ = 25%).
    const auto on_line = stringency(level(25, Unit::percent(), Comparator::ge, 2025), e);
    CHECK(on_line.verdict == Stringency::equal);
    CHECK(*on_line.margin == 0);
    CHECK(stringency(level(250, Unit::permille(), Comparator::ge, 2025), e).verdict == Stringency::equal);

    // A stated target still wins over the path, and says so.
    const auto stated = stringency(level(22, Unit::percent(), Comparator::ge, 2022), e);
    CHECK(stated.verdict == Stringency::equal);
    CHECK(stated.reference.basis == NationalBasis::national_target);
    CHECK(stated.reference.label() == "national_target");
    CHECK(stated.reason.empty());
}

TEST_CASE("interpolated national path: lower is better", "[stringency][interpolation]") {
    const auto e = infant();
    // 2025 on the line 7.5 → 5 over 2022–2030: 7.5 − 2.5 × 3/8 = 6.5625‰.
    REQUIRE(national_reference(e, 2025).basis == NationalBasis::interpolated);
    CHECK(*national_reference(e, 2025).value == Approx(6.5625));
    CHECK_FALSE(national_reference(e, 2025).comparator.has_value());  // bare numbers stay bare

    const auto s = stringency(level(5, Unit::permille(), Comparator::lt, 2025), e);
    CHECK(s.verdict == Stringency::stricter);
    CHECK(*s.margin == Approx(1.5625));
    const auto l = stringency(level(7, Unit::permille(), Comparator::le, 2025), e);
    CHECK(l.verdict == Stringency::looser);
    CHECK(*l.margin == Approx(-0.4375));
    // 0.65625% is 6.5625‰: on the line.
    const auto eq = stringency(level(0.65625, Unit::percent(), Comparator::le, 2025), e);
    CHECK(eq.verdict == Stringency::equal);
    CHECK(*eq.plan_value == Approx(6.5625));
    // A floor (≥) on a ceiling path is another kind of promise.
    const auto wrong_way = stringency(level(5, Unit::permille(), Comparator::ge, 2025), e);
    CHECK(wrong_way.verdict == Stringency::not_comparable);
    CHECK(wrong_way.reason.find("against the national path") != std::string::npos);
}

TEST_CASE("interpolated national path: no extrapolation, level only, opt-out", "[stringency][interpolation]") {
    const auto e = literacy();
    for (int y : {2020, 2035}) {
        const auto s = stringency(level(40, Unit::percent(), Comparator::ge, y), e);
        CHECK(s.verdict == Stringency::not_comparable);
        CHECK(s.reference.basis == NationalBasis::none);
        CHECK(s.reason.find("not extrapolated") != std::string::npos);
        CHECK_FALSE(s.margin.has_value());
    }
    // Switched off: only same-year targets compare.
    const auto off =
        stringency(level(27, Unit::percent(), Comparator::ge, 2025), e, std::nullopt, StringencyOptions{false});
    CHECK(off.verdict == Stringency::not_comparable);
    CHECK(off.reason == "no national target for 2025");
    // Rate targets are not compared with an interpolated path.
    Target rate = level(1, Unit::percentage_point(), Comparator::increase, 2025);
    rate.kind = TargetKind::rate;
    const auto r = stringency(rate, e);
    CHECK(r.verdict == Stringency::not_comparable);
    CHECK(r.reason.find("only level targets") != std::string::npos);
    // Ends pointing different ways (≥ then ≤) are not a path.
    auto mixed = e;
    mixed.targets[1].comparator = Comparator::le;
    const auto m = national_reference(mixed, 2025);
    CHECK(m.basis == NationalBasis::none);
    CHECK(m.reason.find("different ways") != std::string::npos);
}

TEST_CASE("interpolated national path: a dated baseline is a point, a later unit is the path's unit",
          "[stringency][interpolation]") {
    auto e = literacy();
    e.baseline = CatalogBaseline{2017, 14.18, "14.18", "S03"};
    // 2020 between the 2017 baseline (14.18) and 2022 (22): 14.18 + 7.82 × 3/5 = 18.872.
    const auto ref = national_reference(e, 2020);
    REQUIRE(ref.basis == NationalBasis::interpolated);
    CHECK(ref.from_baseline);
    CHECK(*ref.value == Approx(18.872));
    CHECK(ref.label() == "interpolated(2017\u20132022)");
    CHECK_FALSE(ref.comparator.has_value());  // the baseline has none
    CHECK(ref.text.find("2017 baseline") != std::string::npos);
    CHECK(stringency(level(19, Unit::percent(), Comparator::ge, 2020), e).verdict == Stringency::stricter);
    // Before the baseline there is nothing.
    CHECK(national_reference(e, 2016).basis == NationalBasis::none);

    // Mixed units: 2022 stated as 75‰ (7.5%), 2030 as 5%: the path is in the later point's unit, %.
    auto m = infant();
    m.targets[0].unit = Unit::permille();
    m.targets[0].value = 75;
    m.targets[1].unit = Unit::percent();
    m.targets[1].value = 5;
    const auto mr = national_reference(m, 2026);
    REQUIRE(mr.basis == NationalBasis::interpolated);
    CHECK(mr.unit == Unit::percent());
    CHECK(*mr.value == Approx(7.5 - 2.5 * 0.5));  // 6.25%
}
