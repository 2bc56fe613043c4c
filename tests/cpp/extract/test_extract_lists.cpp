// Target forms of the genre that generalise beyond the seed documents: value
// lists under a lead-in, indicator boxes written as lists, 为 / 分别为, names
// sharing a tail, long-range frames, slowing growth, shares that can do
// something, adverbial phrases. Every sentence is composed for the test.
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/extract.hpp"

using namespace healthplan;

namespace {

const std::string kHead = "某县卫生健康事业发展方案\n\n一、发展目标\n\n";

Plan plan_of(const std::string& body) {
    ExtractOptions o;
    o.name = "test";
    return extract(kHead + body + "\n", o);
}

const Target* find(const Plan& p, std::string_view indicator, std::optional<int> year = std::nullopt) {
    for (const auto& t : p.targets)
        if (t.indicator == indicator && (!year || t.year == year)) return &t;
    return nullptr;
}

void check_spans(const Plan& p, const std::string& body) {
    const std::string text = kHead + body + "\n";
    for (const auto& t : p.targets) {
        REQUIRE(t.span);
        CHECK(text.substr(t.span->begin, t.span->size()) == t.span->evidence);
    }
}

}  // namespace

TEST_CASE("numbered value items after a colon-ended lead-in keep its year", "[extract][targets][lists]") {
    const std::string body =
        "到2026年，全县卫生健康事业稳步发展。核心指标：\n"
        "1、新生儿死亡率控制在3‰以下；\n"
        "2、每千人口注册护士数达到3.8人；\n"
        "3、学生体质健康达标率不低于92%。\n"
        "二、重点任务\n"
        "1、加强基层能力。乡镇卫生院门诊量占比达到65%。\n";
    Plan p = plan_of(body);
    const Target* a = find(p, "新生儿死亡率");
    const Target* b = find(p, "每千人口注册护士数");
    const Target* c = find(p, "学生体质健康达标率");
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(c);
    CHECK(a->year == 2026);
    CHECK(a->comparator == Comparator::le);
    CHECK(b->year == 2026);
    CHECK(b->unit_text == "人");
    CHECK(c->year == 2026);
    // A higher heading ends the list; a task item (title sentence, then body) is not an item of it.
    const Target* d = find(p, "乡镇卫生院门诊量占比");
    REQUIRE(d);
    CHECK_FALSE(d->year.has_value());
    check_spans(p, body);
}

TEST_CASE("a value list goes on while its numbering does, and ends where it restarts", "[extract][targets][lists]") {
    // A task-like item (a title sentence, then a body) numbered on from the list is
    // still its item: "到2012年,…达到以下目标任务:" then 1. … 7. (blind5 f01). Until
    // stop 19 such an item ended the list; the real goal lists read showed otherwise.
    const std::string body =
        "到2026年，主要目标如下：\n"
        "1、孕产妇系统管理率达到93%；\n"
        "2、完善急救网络。院前急救平均反应时间缩短到12分钟。\n"
        "3、儿童健康管理率达到90%。\n"
        "主要任务：\n"
        "1、加强妇幼保健。新生儿访视率达到95%。\n";
    Plan p = plan_of(body);
    REQUIRE(find(p, "孕产妇系统管理率"));
    CHECK(find(p, "孕产妇系统管理率")->year == 2026);
    REQUIRE(find(p, "儿童健康管理率"));
    CHECK(find(p, "儿童健康管理率")->year == 2026);
    REQUIRE(find(p, "新生儿访视率"));
    CHECK_FALSE(find(p, "新生儿访视率")->year.has_value());
}

TEST_CASE("展望 frames a long-range year after the plan's own", "[extract][targets][frames]") {
    Plan p = plan_of(
        "到2025年，居民健康素养水平达到30%以上。展望2035年，居民健康素养水平达到40%以上，人均预期寿命达到82岁。");
    REQUIRE(find(p, "居民健康素养水平", 2025));
    REQUIRE(find(p, "居民健康素养水平", 2035));
    CHECK(*find(p, "居民健康素养水平", 2035)->value == 40);
    REQUIRE(find(p, "人均预期寿命", 2035));
}

TEST_CASE("an indicator box written as a list: name (unit): YEAR年 op value", "[extract][targets][boxes]") {
    const std::string body =
        "专栏2　主要健康指标\n"
        "1.孕产妇系统管理率（%）：2026年≥92，2030年≥95\n"
        "2.每万人口全科医生数（人）：2026年4.5，2030年5\n"
        "3.新生儿死亡率（‰）：2026年＜3，2030年≤2.5。\n"
        "4.甲类传染病报告率（%）：2026年达到100\n";
    Plan p = plan_of(body);
    const Target* a = find(p, "孕产妇系统管理率", 2026);
    const Target* b = find(p, "孕产妇系统管理率", 2030);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->comparator == Comparator::ge);
    CHECK(*a->value == 92);
    CHECK(a->unit == Unit::percent());
    CHECK(*b->value == 95);
    const Target* g = find(p, "每万人口全科医生数", 2030);
    REQUIRE(g);
    CHECK(g->comparator == Comparator::eq);  // a bare value
    CHECK(*g->value == 5);
    CHECK(g->unit_text == "人");
    REQUIRE(find(p, "新生儿死亡率", 2026));
    CHECK(find(p, "新生儿死亡率", 2026)->comparator == Comparator::lt);
    CHECK(find(p, "新生儿死亡率", 2030)->comparator == Comparator::le);
    CHECK(find(p, "新生儿死亡率", 2030)->unit == Unit::parse("‰"));
    REQUIRE(find(p, "甲类传染病报告率", 2026));
    CHECK(find(p, "甲类传染病报告率", 2026)->comparator == Comparator::ge);
    check_spans(p, body);
}

TEST_CASE("a colon line that is not all year-value pairs is running text", "[extract][targets][boxes]") {
    Plan p = plan_of("工作要求：2026年前完成全部村卫生室标准化建设，逐步推进。");
    CHECK(p.targets.empty());
}

TEST_CASE("为 and 分别为 state values after an indicator", "[extract][targets]") {
    const std::string body = "到2025年和2030年，新生儿死亡率分别为3‰和2.5‰。以县为单位开展评估，确定为3个试点。";
    Plan p = plan_of(body);
    const Target* a = find(p, "新生儿死亡率", 2025);
    const Target* b = find(p, "新生儿死亡率", 2030);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->comparator == Comparator::eq);
    CHECK(*a->value == 3);
    CHECK(*b->value == 2.5);
    CHECK(p.targets.size() == 2);  // 确定为3个 has no indicator
    check_spans(p, body);
}

TEST_CASE("names before the last item of a 、 list share its tail", "[extract][targets]") {
    const std::string body =
        "到2025年，结核病、艾滋病患者治疗成功率分别为90%和92%，健康学校、健康机关覆盖率分别达到40％和30％，"
        "冠心病、慢阻肺患者随访管理率均不低于60%。";
    Plan p = plan_of(body);
    REQUIRE(find(p, "结核病患者治疗成功率", 2025));
    CHECK(*find(p, "结核病患者治疗成功率")->value == 90);
    REQUIRE(find(p, "艾滋病患者治疗成功率", 2025));
    CHECK(*find(p, "艾滋病患者治疗成功率")->value == 92);
    REQUIRE(find(p, "健康学校覆盖率"));
    CHECK(*find(p, "健康学校覆盖率")->value == 40);
    REQUIRE(find(p, "健康机关覆盖率"));
    CHECK(*find(p, "健康机关覆盖率")->value == 30);
    REQUIRE(find(p, "冠心病患者随访管理率"));
    REQUIRE(find(p, "慢阻肺患者随访管理率"));
    CHECK(*find(p, "冠心病患者随访管理率")->value == 60);
    CHECK(*find(p, "慢阻肺患者随访管理率")->value == 60);
    check_spans(p, body);
}

TEST_CASE("indicator lists are still split at every name", "[extract][targets]") {
    Plan p = plan_of("到2025年，孕产妇死亡率、婴儿死亡率持续下降。");
    REQUIRE(find(p, "孕产妇死亡率"));
    REQUIRE(find(p, "婴儿死亡率"));
}

TEST_CASE("slowing growth: 增长速度有所减缓", "[extract][targets][trends]") {
    Plan p = plan_of("到2025年，老年人肥胖率增长速度有所减缓，儿童龋齿患病率有所下降。");
    const Target* a = find(p, "老年人肥胖率增长速度", 2025);
    REQUIRE(a);
    CHECK(a->kind == TargetKind::trend);
    CHECK(a->comparator == Comparator::decrease);
    REQUIRE(find(p, "儿童龋齿患病率", 2025));
    CHECK(find(p, "儿童龋齿患病率")->comparator == Comparator::decrease);
}

TEST_CASE("a share of units that can do something", "[extract][targets]") {
    Plan p = plan_of("到2025年，90％的村卫生室能够提供中医药服务。");
    const Target* a = find(p, "能够提供中医药服务的村卫生室比例", 2025);
    REQUIRE(a);
    CHECK(*a->value == 90);
    CHECK(a->unit == Unit::percent());
    CHECK(a->comparator == Comparator::eq);
}

TEST_CASE("an adverbial phrase is not an indicator", "[extract][targets]") {
    Plan p = plan_of("县财政每年安排专项经费，并随财力状况年均增长6%。根据工作需要提高到30%。");
    CHECK(p.targets.empty());
}

TEST_CASE("common genre forms", "[extract][targets]") {
    const std::string body =
        "到2025年，重大慢性病过早死亡率较2020年下降12%，经常参加体育锻炼人数比例比2020年提高3个百分点，"
        "卫生总费用年均增长6%，参保率稳定在96%以上，每千人口注册护士数不少于3.5人，产前筛查率达到85%及以上，"
        "县域就诊率达到88%左右，人均体育场地面积力争达到2.6平方米，人均每日食盐摄入量不高于５克，"
        "每万人口全科医生数达到３．５人，每千人口医疗卫生机构床位数达到6张。";
    Plan p = plan_of(body);
    const Target* t = find(p, "重大慢性病过早死亡率", 2025);
    REQUIRE(t);
    CHECK(t->kind == TargetKind::change);
    CHECK(t->comparator == Comparator::decrease);
    REQUIRE(t->reference);
    CHECK(t->reference->year == 2020);
    t = find(p, "经常参加体育锻炼人数比例");
    REQUIRE(t);
    CHECK(t->unit == Unit::percentage_point());
    t = find(p, "卫生总费用");
    REQUIRE(t);
    CHECK(t->kind == TargetKind::rate);
    t = find(p, "参保率");
    REQUIRE(t);
    CHECK(t->comparator == Comparator::ge);
    CHECK(find(p, "每千人口注册护士数")->comparator == Comparator::ge);
    CHECK(find(p, "产前筛查率")->comparator == Comparator::ge);
    CHECK(find(p, "县域就诊率")->comparator == Comparator::approx);
    t = find(p, "人均体育场地面积");
    REQUIRE(t);
    CHECK(t->soft);
    CHECK(t->unit_text == "平方米");
    t = find(p, "人均每日食盐摄入量");
    REQUIRE(t);
    CHECK(*t->value == 5);
    CHECK(t->comparator == Comparator::le);
    t = find(p, "每万人口全科医生数");
    REQUIRE(t);
    CHECK(*t->value == 3.5);
    CHECK(find(p, "每千人口医疗卫生机构床位数")->unit_text == "张");
    check_spans(p, body);
}

TEST_CASE("a target year written with the value or after the indicator", "[extract][targets][frames]") {
    const std::string body =
        "老年人健康管理率由2020年的65%提高到2025年的72%。"
        "居民健康素养水平2025年达到30%，2030年达到35%。";
    Plan p = plan_of(body);
    const Target* a = find(p, "老年人健康管理率", 2025);
    REQUIRE(a);
    CHECK(*a->value == 72);
    REQUIRE(a->baseline);
    CHECK(a->baseline->year == 2020);
    CHECK(a->baseline->value == 65);
    REQUIRE(find(p, "居民健康素养水平", 2025));
    REQUIRE(find(p, "居民健康素养水平", 2030));
    CHECK(*find(p, "居民健康素养水平", 2030)->value == 35);
    check_spans(p, body);
}

TEST_CASE("a clause going on about the last statement's indicator", "[extract][targets]") {
    const std::string body =
        "到2025年，人均预期寿命达到80岁，比2020年提高1岁；全县参保率不低于95%，其中农村地区不低于93%。";
    Plan p = plan_of(body);
    const Target* change = nullptr;
    for (const auto& t : p.targets)
        if (t.indicator == "人均预期寿命" && t.kind == TargetKind::change) change = &t;
    REQUIRE(change);
    CHECK(change->comparator == Comparator::increase);
    CHECK(*change->value == 1);
    REQUIRE(change->reference);
    CHECK(change->reference->year == 2020);
    REQUIRE(find(p, "农村地区参保率", 2025));
    CHECK(*find(p, "农村地区参保率")->value == 93);
    check_spans(p, body);
}

TEST_CASE("达到或超过, and 以…为单位 is not part of a name", "[extract][targets]") {
    Plan p = plan_of("到2025年，以乡镇为单位适龄儿童免疫规划疫苗接种率保持在90%以上，居民健康素养水平达到或超过30%。");
    REQUIRE(find(p, "适龄儿童免疫规划疫苗接种率", 2025));
    const Target* t = find(p, "居民健康素养水平", 2025);
    REQUIRE(t);
    CHECK(t->comparator == Comparator::ge);
}
