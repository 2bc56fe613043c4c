// Indicator tables with several target-year columns, flattened to one row per
// line with tab-separated cells: every target column gives a target, the
// baseline year comes from a header cell such as "基期水平（2018年）", and
// fields of one line are never glued together. Every table is composed for
// the test.
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/extract.hpp"

using namespace healthplan;

namespace {

Plan plan_of(const std::string& body) {
    ExtractOptions o;
    o.name = "test";
    return extract("某市健康促进行动实施方案\n\n附表\n" + body + "\n", o);
}

const Target* find(const Plan& p, std::string_view indicator, int year) {
    for (const auto& t : p.targets)
        if (t.indicator == indicator && t.year == year) return &t;
    return nullptr;
}

}  // namespace

TEST_CASE("a tab row with two target-year columns gives a target per column", "[extract][targets][tables]") {
    const std::string body =
        "序号\t指标名称\t基期水平（2018年）\t2023年目标值\t2028年目标值\t指标性质\n"
        "1\t成人吸烟率（%）\t26.1\t≤24\t≤21.5\t预期性\n"
        "2\t每千人口注册护士数（人）\t2.9\t3.4\t4.1\t预期性\n"
        "3\t老年人健康管理率（%）\t—\t≥65\t＞70\t约束性\n"
        "4\t职业病发病率（%）\t—\t明显下降\t持续下降\t预期性\n"
        "5\t学生近视筛查率（%）\t—\t较基期提高\t较基期提高\t预期性\n";
    const Plan p = plan_of(body);

    const Target* a = find(p, "成人吸烟率", 2023);
    REQUIRE(a);
    CHECK(a->comparator == Comparator::le);
    CHECK(*a->value == Approx(24));
    REQUIRE(a->baseline);
    CHECK(a->baseline->year == 2018);
    CHECK(a->baseline->value == Approx(26.1));
    CHECK(a->certainty == Certainty::certain);
    const Target* b = find(p, "成人吸烟率", 2028);
    REQUIRE(b);
    CHECK(*b->value == Approx(21.5));
    CHECK(b->nature == Nature::expected);

    const Target* n = find(p, "每千人口注册护士数", 2023);
    REQUIRE(n);
    CHECK(n->comparator == Comparator::eq);
    CHECK(*n->value == Approx(3.4));

    // "—" is no baseline; "＞70" is strict.
    const Target* o = find(p, "老年人健康管理率", 2028);
    REQUIRE(o);
    CHECK(o->comparator == Comparator::gt);
    CHECK_FALSE(o->baseline);
    CHECK(o->nature == Nature::binding);

    // Two direction cells side by side on one line stay two cells.
    for (int y : {2023, 2028}) {
        const Target* d = find(p, "职业病发病率", y);
        REQUIRE(d);
        CHECK(d->kind == TargetKind::trend);
        CHECK(d->comparator == Comparator::decrease);
        const Target* u = find(p, "学生近视筛查率", y);
        REQUIRE(u);
        CHECK(u->kind == TargetKind::trend);
        CHECK(u->comparator == Comparator::increase);
    }
}

namespace {

const std::string kNotice =
    "关于印发某县健康促进行动方案的通知\n某县人民政府\n2023年5月10日\n\n某县健康促进行动方案\n\n一、主要目标\n\n";

Plan text_plan(const std::string& body) {
    ExtractOptions o;
    o.name = "test";
    return extract(kNotice + body + "\n", o);
}

}  // namespace

TEST_CASE("a review sentence opened by a year before the plan's is not a target", "[extract][targets][past]") {
    const Plan p = text_plan(
        "　　2022年全县儿童免疫接种率为96.5%，较上年增长1.2个百分点；全县新生儿死亡率为2.1‰，均已优于全省平均水平。\n"
        "　　到2025年，全县儿童免疫接种率达到98%以上。\n");
    for (const auto& t : p.targets) CHECK(t.year == 2025);
    const Target* a = find(p, "儿童免疫接种率", 2025);
    REQUIRE(a);
    CHECK(*a->value == Approx(98));
}

TEST_CASE("years written after the name, a year opening the statement, ≥ in text, 缩短", "[extract][targets][years]") {
    const Plan p = text_plan(
        "　　——健康水平。婴儿死亡率２０２６年、２０２９年分别控制在5‰和4.5‰以下；２０２９年每千人口药师数≥0.6人；"
        "县医院平均住院日比2022年缩短1天。\n");
    const Target* a = find(p, "婴儿死亡率", 2026);
    REQUIRE(a);
    CHECK(*a->value == Approx(5));
    CHECK(a->comparator == Comparator::le);
    const Target* b = find(p, "婴儿死亡率", 2029);
    REQUIRE(b);
    CHECK(*b->value == Approx(4.5));
    const Target* c = find(p, "每千人口药师数", 2029);
    REQUIRE(c);
    CHECK(c->comparator == Comparator::ge);
    CHECK(*c->value == Approx(0.6));
    bool shortened = false;
    for (const auto& t : p.targets)
        if (t.indicator == "县医院平均住院日" && t.kind == TargetKind::change) {
            shortened = true;
            CHECK(t.comparator == Comparator::decrease);
            CHECK(*t.value == Approx(1));
            CHECK(t.unit_text == "天");
            REQUIRE(t.reference);
            CHECK(t.reference->year == 2022);
        }
    CHECK(shortened);
}

TEST_CASE("a per-population base after the verb belongs to the indicator", "[extract][targets][names]") {
    const Plan p = text_plan("　　到2025年，全县注册护士数达到每千人口3.8人以上。\n");
    const Target* a = find(p, "每千人口注册护士数", 2025);
    REQUIRE(a);
    CHECK(a->comparator == Comparator::ge);
    CHECK(*a->value == Approx(3.8));
}

TEST_CASE("a unit cell 1/10万 in a one-cell-per-line table is the unit column", "[extract][targets][tables]") {
    const std::string body =
        "序号\n指标名称\n单位\n2020年\n2025年\n属性\n"
        "1\n结核病发病率\n1/10万\n40.2\n≤35\n预期性\n"
        "2\n婴儿死亡率\n‰\n6.1\n≤5\n约束性\n";
    const Plan p = plan_of(body);
    const Target* a = find(p, "结核病发病率", 2025);
    REQUIRE(a);
    CHECK(*a->value == Approx(35));
    CHECK(a->unit == Unit::per_100000());
    REQUIRE(a->baseline);
    CHECK(a->baseline->value == Approx(40.2));
    CHECK(a->certainty == Certainty::certain);
}

TEST_CASE("a direction then a dated level of the same indicator is one target", "[extract][targets][years]") {
    const Plan p = text_plan("　　——健康生活。儿童青少年体质达标率逐年提高，2030年达到60%。\n");
    const Target* a = find(p, "儿童青少年体质达标率", 2030);
    REQUIRE(a);
    CHECK(a->kind == TargetKind::level);
    CHECK(*a->value == Approx(60));
    for (const auto& t : p.targets) CHECK(t.kind != TargetKind::trend);
}
