// Target grammar, with sentences composed for the tests (not taken from the
// seed documents): every form of the genre, including ones the seeds lack.
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/extract.hpp"

using namespace healthplan;

namespace {

// A minimal plan around `body`: a title line and one heading.
Plan plan_of(const std::string& body) {
    const std::string text = "某市卫生健康发展规划\n\n一、发展目标\n\n" + body + "\n";
    ExtractOptions o;
    o.name = "test";
    return extract(text, o);
}

const Target* find(const Plan& p, std::string_view indicator, std::optional<int> year = std::nullopt) {
    for (const auto& t : p.targets)
        if (t.indicator == indicator && (!year || t.year == year)) return &t;
    return nullptr;
}

void check_spans(const Plan& p, const std::string& text_body) {
    const std::string text = "某市卫生健康发展规划\n\n一、发展目标\n\n" + text_body + "\n";
    for (const auto& t : p.targets) {
        REQUIRE(t.span);
        CHECK(text.substr(t.span->begin, t.span->size()) == t.span->evidence);
    }
}

}  // namespace

TEST_CASE("years are distributed over values with 分别", "[extract][targets]") {
    const std::string body = "到2023年和2030年，全市居民健康素养水平分别不低于25%和35%。";
    Plan p = plan_of(body);
    const Target* a = find(p, "居民健康素养水平", 2023);
    const Target* b = find(p, "居民健康素养水平", 2030);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->kind == TargetKind::level);
    CHECK(a->comparator == Comparator::ge);
    CHECK(*a->value == 25);
    CHECK(*b->value == 35);
    CHECK(a->unit == Unit::percent());
    CHECK(a->unit_text == "%");
    check_spans(p, body);
}

TEST_CASE("one value applies to every year of the frame; 并持续 turns later years into a trend", "[extract][targets]") {
    Plan p = plan_of("到2023年和2030年，儿童免疫规划疫苗接种率均保持在95%以上，早诊率达到60%以上并持续提高。");
    REQUIRE(find(p, "儿童免疫规划疫苗接种率", 2023));
    REQUIRE(find(p, "儿童免疫规划疫苗接种率", 2030));
    CHECK(*find(p, "儿童免疫规划疫苗接种率", 2030)->value == 95);
    const Target* level = find(p, "早诊率", 2023);
    const Target* trend = find(p, "早诊率", 2030);
    REQUIRE(level);
    REQUIRE(trend);
    CHECK(level->kind == TargetKind::level);
    CHECK(trend->kind == TargetKind::trend);
    CHECK(trend->comparator == Comparator::increase);
}

TEST_CASE("comparators keep their inclusive or strict meaning", "[extract][targets]") {
    Plan p = plan_of(
        "到2025年，婴儿死亡率控制在4‰以内，孕产妇死亡率不超过10/10万，5岁以下儿童死亡率低于6‰，"
        "成人吸烟率降至20%以下，产前筛查率超过85%，人均预期寿命达到80岁左右，"
        "高血压患者规范管理率不低于70%，肺结核发病率下降到40/10万及以下，每千人口床位数为6.5张。");
    struct Case {
        const char* name;
        Comparator op;
        double value;
        std::string unit;
    };
    for (const Case& c :
         {Case{"婴儿死亡率", Comparator::le, 4, "‰"}, Case{"孕产妇死亡率", Comparator::le, 10, "1/100000"},
          Case{"5岁以下儿童死亡率", Comparator::lt, 6, "‰"}, Case{"成人吸烟率", Comparator::le, 20, "%"},
          Case{"产前筛查率", Comparator::gt, 85, "%"}, Case{"人均预期寿命", Comparator::approx, 80, "years"},
          Case{"高血压患者规范管理率", Comparator::ge, 70, "%"},
          Case{"肺结核发病率", Comparator::le, 40, "1/100000"}}) {
        INFO(c.name);
        const Target* t = find(p, c.name, 2025);
        REQUIRE(t);
        CHECK(t->comparator == c.op);
        CHECK(*t->value == c.value);
        CHECK(t->unit.symbol() == c.unit);
    }
}

TEST_CASE("change targets keep their reference; points and relative changes differ", "[extract][targets]") {
    Plan p = plan_of(
        "到2025年，重大慢性病过早死亡率比2015年降低20%，15岁以上人群吸烟率较2020年下降3个百分点，"
        "抑郁症治疗率在现有基础上提高30%，居民营养知识知晓率在2019年的基础上提高10%。");
    const Target* a = find(p, "重大慢性病过早死亡率", 2025);
    REQUIRE(a);
    CHECK(a->kind == TargetKind::change);
    CHECK(a->comparator == Comparator::decrease);
    REQUIRE(a->reference);
    CHECK(a->reference->year == 2015);
    CHECK(a->reference->mode == ChangeMode::relative);
    const Target* b = find(p, "15岁以上人群吸烟率", 2025);
    REQUIRE(b);
    CHECK(b->unit == Unit::percentage_point());
    CHECK(b->reference->mode == ChangeMode::points);
    CHECK(b->reference->year == 2020);
    const Target* c = find(p, "抑郁症治疗率", 2025);
    REQUIRE(c);
    CHECK(c->reference->label == "现有基础");
    CHECK_FALSE(c->reference->year);
    REQUIRE(find(p, "居民营养知识知晓率", 2025));
    CHECK(find(p, "居民营养知识知晓率", 2025)->reference->year == 2019);
}

TEST_CASE("rates: 每年 / 年均, also with a level word after the verb", "[extract][targets]") {
    Plan p = plan_of("到2025年，儿童青少年总体近视率力争每年降低0.5个百分点以上，卫生总费用年均增长不超过8%。");
    const Target* a = find(p, "儿童青少年总体近视率", 2025);
    REQUIRE(a);
    CHECK(a->kind == TargetKind::rate);
    CHECK(a->comparator == Comparator::decrease);
    CHECK(*a->value == 0.5);
    CHECK(a->soft);  // 力争
    const Target* b = find(p, "卫生总费用", 2025);
    REQUIRE(b);
    CHECK(b->kind == TargetKind::rate);
    CHECK(b->comparator == Comparator::increase);
}

TEST_CASE("trends need a modifier and an indicator-like name", "[extract][targets]") {
    Plan p = plan_of(
        "到2030年，新发近视率明显下降，心理相关疾病发生的上升趋势减缓，老年期痴呆患病率增速下降，"
        "服务能力明显提升，不断提高居民健康素养水平。");
    const Target* a = find(p, "新发近视率", 2030);
    REQUIRE(a);
    CHECK(a->kind == TargetKind::trend);
    CHECK(a->comparator == Comparator::decrease);
    CHECK_FALSE(a->value);
    REQUIRE(find(p, "心理相关疾病发生", 2030));
    REQUIRE(find(p, "老年期痴呆患病率", 2030));
    // "服务能力" is not an indicator; "不断提高X" is a task verb, not a target.
    CHECK_FALSE(find(p, "服务能力"));
    CHECK(p.targets.size() == 3);
}

TEST_CASE("benchmarks name what they compare with", "[extract][targets]") {
    Plan p = plan_of("到2025年，每万人口全科医生数高于全省平均水平，居民主要健康指标达到或接近国家先进水平。");
    const Target* a = find(p, "每万人口全科医生数", 2025);
    REQUIRE(a);
    CHECK(a->kind == TargetKind::benchmark);
    CHECK(a->comparator == Comparator::gt);
    CHECK(a->benchmark == "全省平均水平");
    const Target* b = find(p, "居民主要健康指标", 2025);
    REQUIRE(b);
    CHECK(b->comparator == Comparator::approx);
}

TEST_CASE("units: counting nouns, scaled counts, full-width digits and ％", "[extract][targets]") {
    Plan p = plan_of(
        "到２０２５年，每千人口医疗卫生机构床位数达到７．２张，经常参加体育锻炼人数达到50万人，"
        "居民健康素养水平力争达到３０％。");
    const Target* a = find(p, "每千人口医疗卫生机构床位数", 2025);
    REQUIRE(a);
    CHECK(*a->value == 7.2);
    CHECK(a->unit.symbol() == "张");
    const Target* b = find(p, "经常参加体育锻炼人数", 2025);
    REQUIRE(b);
    CHECK(b->unit.symbol() == "万人");
    const Target* c = find(p, "居民健康素养水平", 2025);
    REQUIRE(c);
    CHECK(*c->value == 30);
    CHECK(c->unit == Unit::percent());
    CHECK(c->unit_text == "％");
    CHECK(c->soft);
}

TEST_CASE("ranges read as at least their lower end, with a note", "[extract][targets]") {
    Plan p = plan_of("到2025年，孕产妇系统管理率保持在85%-90%。");
    const Target* t = find(p, "孕产妇系统管理率", 2025);
    REQUIRE(t);
    CHECK(t->comparator == Comparator::ge);
    CHECK(*t->value == 85);
    CHECK(t->note.find("85%-90%") != std::string::npos);
}

TEST_CASE("a stated baseline is kept apart from the indicator name", "[extract][targets]") {
    Plan p = plan_of("到2025年，居民健康素养水平由2020年的20.3%提高到28%。");
    const Target* t = find(p, "居民健康素养水平", 2025);
    REQUIRE(t);
    CHECK(*t->value == 28);
    REQUIRE(t->baseline);
    CHECK(t->baseline->year == 2020);
    CHECK(t->baseline->value == Approx(20.3));
}

TEST_CASE("several indicators in one clause: a list shares a trend, a paired list splits values",
          "[extract][targets]") {
    Plan p = plan_of(
        "到2025年，婴儿死亡率、孕产妇死亡率持续下降。2025年，孕产妇死亡率和婴儿死亡率分别控制在12/10万和5‰以下。");
    CHECK(find(p, "婴儿死亡率", 2025));
    CHECK(find(p, "孕产妇死亡率", 2025));
    const Target* m = nullptr;
    const Target* i = nullptr;
    for (const auto& t : p.targets) {
        if (t.kind != TargetKind::level) continue;
        if (t.indicator == "孕产妇死亡率") m = &t;
        if (t.indicator == "婴儿死亡率") i = &t;
    }
    REQUIRE(m);
    REQUIRE(i);
    CHECK(*m->value == 12);
    CHECK(m->unit.symbol() == "1/100000");
    CHECK(*i->value == 5);
    CHECK(i->unit.symbol() == "‰");
    // A trend is dropped where the same indicator has a value for the year.
    for (const auto& t : p.targets) CHECK(t.kind == TargetKind::level);
}

TEST_CASE("shares of units meeting a standard and coverage read as percentages", "[extract][targets]") {
    Plan p = plan_of("到2025年，80%以上的社区卫生服务中心达到服务能力推荐标准，家庭医生签约服务实现全覆盖。");
    const Target* a = find(p, "达到服务能力推荐标准的社区卫生服务中心比例", 2025);
    REQUIRE(a);
    CHECK(a->comparator == Comparator::ge);
    CHECK(*a->value == 80);
    const Target* b = find(p, "家庭医生签约服务", 2025);
    REQUIRE(b);
    CHECK(*b->value == 100);
    CHECK(b->comparator == Comparator::eq);
    CHECK(b->unit == Unit::percent());
}

TEST_CASE("past achievements and bare statements are not targets", "[extract][targets]") {
    Plan p = plan_of("截至2020年，全市每千人口床位数达到6.1张，孕产妇死亡率降至8/10万。建设10个社区卫生服务中心。");
    CHECK(p.targets.empty());
}

TEST_CASE("a frame at the start of a paragraph dates its later sentences; 分别 borrows the last frame",
          "[extract][targets]") {
    Plan p = plan_of(
        "到2025年，健康服务体系基本建成。人均预期寿命达到79岁。\n"
        "推进控烟。到2023年和2030年，成人吸烟率分别低于24%和20%。无烟环境覆盖率分别达到50%和80%。"
        "职业健康检查覆盖率达到90%。");
    CHECK(find(p, "人均预期寿命", 2025));
    CHECK(find(p, "无烟环境覆盖率", 2023));
    CHECK(find(p, "无烟环境覆盖率", 2030));
    const Target* t = find(p, "职业健康检查覆盖率");
    REQUIRE(t);
    CHECK_FALSE(t->year);  // its sentence states no year and the paragraph does not open with one
}

TEST_CASE("transcription damage is kept but marked uncertain", "[extract][targets]") {
    Plan p = plan_of("到2023年和2030年，居民健康素养水平分别达到25%40%，肺结核发病率降至3?5/10万。");
    const Target* a = find(p, "居民健康素养水平", 2023);
    const Target* b = find(p, "居民健康素养水平", 2030);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a->value == 25);
    CHECK(*b->value == 40);
    CHECK(a->certainty == Certainty::uncertain);
    CHECK_FALSE(a->note.empty());
    for (const auto& t : p.targets)
        if (t.indicator == "肺结核发病率") CHECK(t.certainty == Certainty::uncertain);
}

TEST_CASE("indicator tables laid out one cell per line", "[extract][targets][table]") {
    const std::string text =
        "某市“十四五”卫生健康规划\n第一章 目标\n专栏1 主要指标\n指标\n2020年\n2025年\n指标性质\n健康水平\n"
        "1\n人均预期寿命(岁)\n78.1\n79\n预期\n"
        "2\n孕产妇死亡率(/10万)\n9.5\n≤10\n约束\n"
        "3\n重大慢性病过早死亡率(%)\n15.2\n比基期降低10%\n预期\n"
        "资源配置\n4\n每千人口床位数(张)\n6.0\n>7\n预期\n"
        "5\n每万人口全科医生数(人)\n2.5\n达到全省\n平均水平\n预期\n"
        "6\n个人卫生支出占卫生总费用的比重(%)\n<27\n预期\n"
        "第二章 任务\n";
    Plan p = extract(text);
    REQUIRE(p.targets.size() == 6);
    const Target& a = p.targets[0];
    CHECK(a.indicator == "人均预期寿命");
    CHECK(a.year == 2025);
    CHECK(a.comparator == Comparator::eq);
    CHECK(*a.value == 79);
    CHECK(a.unit == Unit::years());
    REQUIRE(a.baseline);
    CHECK(a.baseline->year == 2020);
    CHECK(a.baseline->value == Approx(78.1));
    CHECK(a.nature == Nature::expected);
    CHECK(p.targets[1].comparator == Comparator::le);
    CHECK(p.targets[1].nature == Nature::binding);
    CHECK(p.targets[2].kind == TargetKind::change);
    CHECK(p.targets[2].reference->label == "基期");
    CHECK(p.targets[3].comparator == Comparator::gt);
    CHECK(p.targets[3].unit.symbol() == "张");
    CHECK(p.targets[4].kind == TargetKind::benchmark);
    CHECK(p.targets[4].benchmark == "全省平均水平");
    CHECK_FALSE(p.targets[5].baseline);
    CHECK(p.targets[5].certainty == Certainty::uncertain);
    for (const auto& t : p.targets) CHECK(text.substr(t.span->begin, t.span->size()) == t.span->evidence);
}

TEST_CASE("tables with a base-period column and two target years give one target per year",
          "[extract][targets][table]") {
    const std::string text =
        "某市健康行动实施方案\n一、主要指标\n表1 主要指标\n序号\n指标\n基期水平\n2022年目标值\n2030年目标值\n指标性质\n"
        "1\n居民健康素养水平(%)\n18.1\n≥22\n≥30\n预期性\n"
        "2\n婴儿死亡率\n‰\n6.1\n<7.5\n<5\n约束性\n"
        "二、主要任务\n";
    Plan p = extract(text);
    REQUIRE(p.targets.size() == 4);
    CHECK(p.targets[0].year == 2022);
    CHECK(*p.targets[0].value == 22);
    CHECK(p.targets[1].year == 2030);
    CHECK(*p.targets[1].value == 30);
    REQUIRE(p.targets[0].baseline);
    CHECK_FALSE(p.targets[0].baseline->year);  // "基期水平" has no year
    CHECK(p.targets[0].baseline->value == Approx(18.1));
    CHECK(p.targets[0].nature == Nature::expected);
    // A unit column of its own.
    CHECK(p.targets[2].indicator == "婴儿死亡率");
    CHECK(p.targets[2].unit.symbol() == "‰");
    CHECK(p.targets[3].comparator == Comparator::lt);
    CHECK(p.targets[3].nature == Nature::binding);
}

TEST_CASE("bullets and dashes in front of an indicator are not part of its name; 力争到 is soft",
          "[extract][targets]") {
    Plan p = plan_of("——到2025年，人均预期寿命达到79岁。\n力争到2025年，①居民健康素养水平达到30%。");
    const Target* a = find(p, "人均预期寿命", 2025);
    REQUIRE(a);
    CHECK_FALSE(a->soft);
    const Target* b = find(p, "居民健康素养水平", 2025);
    REQUIRE(b);
    CHECK(b->soft);
}

TEST_CASE("约 before a value and change modes by unit", "[extract][targets]") {
    Plan p = plan_of(
        "到2025年，城乡居民医保参保率达到约97%，人均预期寿命在2020年基础上提高1岁，"
        "每千人口床位数比2020年增加1.5张。");
    const Target* a = find(p, "城乡居民医保参保率", 2025);
    REQUIRE(a);
    CHECK(a->comparator == Comparator::approx);
    const Target* b = find(p, "人均预期寿命", 2025);
    REQUIRE(b);
    CHECK(b->kind == TargetKind::change);
    CHECK(b->reference->mode == ChangeMode::absolute);
    const Target* c = find(p, "每千人口床位数", 2025);
    REQUIRE(c);
    CHECK(c->reference->mode == ChangeMode::absolute);
    CHECK(c->unit.symbol() == "张");
}

TEST_CASE("万 and 亿 scale a value; they never vanish silently", "[extract][targets]") {
    Plan p = plan_of("到2025年，医疗卫生机构床位数达到1.2万张，家庭医生签约人数达到30万，健康产业规模超过50亿元。");
    const Target* a = find(p, "医疗卫生机构床位数", 2025);
    REQUIRE(a);
    CHECK(*a->value == 1.2);
    CHECK(a->unit.symbol() == "万张");
    const Target* b = find(p, "家庭医生签约人数", 2025);
    REQUIRE(b);
    CHECK(*b->value == 300000);
    CHECK(b->unit_text == "万");
    const Target* c = find(p, "健康产业规模", 2025);
    REQUIRE(c);
    CHECK(c->unit.symbol() == "亿元");
    CHECK(c->comparator == Comparator::gt);
}

TEST_CASE("several indicators over several years: values grouped by year", "[extract][targets]") {
    Plan p = plan_of(
        "到2022年和2030年，其中：基本知识和理念素养水平、健康生活方式与行为素养水平、基本技能素养水平"
        "分别提高到30%、20%、20%及以上和45%、25%、30%及以上。");
    const Target* a = find(p, "基本知识和理念素养水平", 2022);
    const Target* b = find(p, "健康生活方式与行为素养水平", 2030);
    const Target* c = find(p, "基本技能素养水平", 2030);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(c);
    CHECK(*a->value == 30);
    CHECK(*b->value == 25);
    CHECK(*c->value == 30);
    CHECK(a->comparator == Comparator::ge);
    CHECK(p.targets.size() == 6);
    for (const auto& t : p.targets) CHECK(t.certainty == Certainty::certain);
}

TEST_CASE("tables flattened with tabs, placeholders and trend cells", "[extract][targets][table]") {
    const std::string text =
        "某市健康事业发展规划（2021-2025年）\n一、主要指标\n序号\t指标\t单位\t2020年\t2025年\t属性\n"
        "1\t人均预期寿命\t岁\t78.2\t79\t预期性\n"
        "2\t重大慢性病过早死亡率\t%\t—\t持续下降\t预期性\n"
        "3\t每千人口执业(助理)医师数\t人\t2.9\t提高10%\t预期性\n"
        "二、主要任务\n1）加强健康教育。\n";
    Plan p = extract(text);
    REQUIRE(p.targets.size() == 3);
    CHECK(p.targets[0].indicator == "人均预期寿命");
    CHECK(p.targets[0].unit == Unit::years());
    CHECK(p.targets[0].baseline->value == Approx(78.2));
    CHECK(p.targets[1].kind == TargetKind::trend);
    CHECK(p.targets[1].comparator == Comparator::decrease);
    CHECK_FALSE(p.targets[1].baseline);
    CHECK(p.targets[2].kind == TargetKind::change);
    CHECK(p.targets[2].reference->year == 2020);
    for (const auto& t : p.targets) CHECK(text.substr(t.span->begin, t.span->size()) == t.span->evidence);
    REQUIRE(p.sections.size() == 2);
    CHECK(p.sections[1].children.at(0).label == "1）");
}

TEST_CASE("nature written after the values, and more units", "[extract][targets]") {
    Plan p = plan_of(
        "到2022年和2030年，居民健康素养水平分别不低于22%和30%（约束性），人均每日食盐摄入量不高于5克（倡导性），"
        "学生体质健康测试平均成绩达到80分以上。");
    const Target* a = find(p, "居民健康素养水平", 2030);
    REQUIRE(a);
    CHECK(a->nature == Nature::binding);
    const Target* b = find(p, "人均每日食盐摄入量", 2022);
    REQUIRE(b);
    CHECK(b->unit.symbol() == "克");
    CHECK(b->nature == Nature::advocacy);
    const Target* c = find(p, "学生体质健康测试平均成绩", 2022);
    REQUIRE(c);
    CHECK(c->unit.symbol() == "分");
}

TEST_CASE("looking back is not a target: 近年来, “十三五”以来, background chapters", "[extract][targets]") {
    Plan p = plan_of(
        "近年来，全市婴儿死亡率下降到3.5‰。“十三五”以来，孕产妇死亡率控制在10/10万以下。\n"
        "到2025年，婴儿死亡率控制在5‰以下。");
    REQUIRE(p.targets.size() == 1);
    CHECK(p.targets[0].year == 2025);
    Plan q = extract(
        "某市卫生健康规划\n第一章 规划背景\n全市人均预期寿命达到78.5岁。\n第二章 "
        "目标\n到2025年，人均预期寿命达到79岁。\n");
    REQUIRE(q.targets.size() == 1);
    CHECK(*q.targets[0].value == 79);
}

TEST_CASE("行动目标: a labelled target paragraph keeps its frame across semicolons", "[extract][targets]") {
    Plan p = plan_of(
        "（一）实施全民健身行动。\n行动目标：到2022年和2030年，国民体质合格人数比例分别不低于90.86%和92.17%；"
        "经常参加体育锻炼人数比例达到37%及以上和40%及以上；学校体育场地设施开放率超过70%和90%。");
    REQUIRE(p.targets.size() == 6);
    for (const auto& t : p.targets) {
        CHECK(t.year);
        CHECK(t.certainty == Certainty::certain);
    }
    CHECK(*find(p, "学校体育场地设施开放率", 2030)->value == 90);
    CHECK(find(p, "学校体育场地设施开放率", 2030)->comparator == Comparator::gt);
}

TEST_CASE("a frame that introduces a list dates the lines of the list", "[extract][targets]") {
    Plan p = extract(
        "某市卫生健康规划\n一、发展目标\n到2025年，主要发展指标是：\n——人均预期寿命达到79岁；\n"
        "——婴儿死亡率控制在5‰以下。\n二、主要任务\n高血压患者规范管理率达到70%。\n");
    REQUIRE(p.targets.size() == 3);
    CHECK(p.targets[0].year == 2025);
    CHECK(p.targets[1].year == 2025);
    CHECK_FALSE(p.targets[2].year);  // a heading ends the list
}

TEST_CASE("two statements in one clause, and short names sharing a prefix", "[extract][targets]") {
    Plan p = plan_of(
        "到2022年和2030年，儿童青少年总体近视率力争每年降低0.5个百分点以上和新发近视率明显下降；"
        "高血压治疗率、控制率持续提高；失眠现患率、焦虑障碍患病率上升趋势减缓。");
    CHECK(find(p, "儿童青少年总体近视率", 2030));
    const Target* a = find(p, "新发近视率", 2022);
    REQUIRE(a);
    CHECK(a->kind == TargetKind::trend);
    CHECK(find(p, "高血压治疗率", 2022));
    CHECK(find(p, "高血压控制率", 2030));
    CHECK(find(p, "失眠现患率", 2022));
    CHECK(find(p, "焦虑障碍患病率", 2030));
    CHECK(p.targets.size() == 12);
}

TEST_CASE("advocated targets and Latin mass units", "[extract][targets]") {
    Plan p = plan_of("到2030年，提倡人均每日食盐摄入量不高于5g，成人人均每日食用油摄入量不高于25g。");
    const Target* a = find(p, "人均每日食盐摄入量", 2030);
    REQUIRE(a);
    CHECK(a->nature == Nature::advocacy);
    CHECK(a->unit.symbol() == "克");
    CHECK(a->unit_text == "g");
    CHECK(*a->value == 5);
    const Target* b = find(p, "成人人均每日食用油摄入量", 2030);
    REQUIRE(b);
    CHECK(b->nature == Nature::unspecified);
}

TEST_CASE("tables without row numbers end each row at its nature cell", "[extract][targets][table]") {
    const std::string text =
        "某市“十四五”卫生健康规划\n第一章 目标\n专栏1 主要指标\n领域\n指标\n2020年\n2025年\n指标性质\n"
        "健康水平\n人均预期寿命(岁)\n78.1\n79\n预期性\n婴儿死亡率(‰)\n4.2\n<5\n约束性\n"
        "健康服务\n每千人口床位数\n张\n6.0\n7.5\n预期性\n第二章 任务\n到2025年，人均预期寿命达到79岁。\n";
    Plan p = extract(text);
    REQUIRE(p.targets.size() == 3);
    CHECK(p.targets[0].indicator == "人均预期寿命");
    CHECK(p.targets[0].baseline->value == Approx(78.1));
    CHECK(p.targets[1].indicator == "婴儿死亡率");
    CHECK(p.targets[1].comparator == Comparator::lt);
    CHECK(p.targets[1].nature == Nature::binding);
    CHECK(p.targets[2].indicator == "每千人口床位数");
    CHECK(p.targets[2].unit.symbol() == "张");
    CHECK(*p.targets[2].value == 7.5);
    for (const auto& t : p.targets) CHECK(text.substr(t.span->begin, t.span->size()) == t.span->evidence);
}

TEST_CASE("minimum counts: 至少 N 家 of a facility", "[extract][targets]") {
    Plan p = plan_of(
        "“十四五”期间至少打造1家国家级示范区。各县区至少确定1家公立医疗机构承担职业健康检查工作。"
        "每个乡镇卫生院至少配备2名全科医生。确保县、乡均有1所标准化预防接种门诊。");
    const Target* a = find(p, "国家级示范区", 2025);
    REQUIRE(a);
    CHECK(a->comparator == Comparator::ge);
    CHECK(a->unit.symbol() == "家");
    const Target* b = find(p, "各县区承担职业健康检查工作的公立医疗机构");
    REQUIRE(b);
    CHECK(*b->value == 1);
    const Target* c = find(p, "每个乡镇卫生院全科医生");
    REQUIRE(c);
    CHECK(*c->value == 2);
    CHECK(c->unit.symbol() == "名");
    const Target* d = find(p, "县、乡标准化预防接种门诊");
    REQUIRE(d);
    CHECK(d->comparator == Comparator::eq);
}

TEST_CASE("establishments in every unit read as 100%; activities do not", "[extract][targets]") {
    Plan p = plan_of(
        "到2025年，二级以上医疗机构全部接入全民健康信息平台，所有县级妇幼保健机构均开设儿科，各乡镇均开展健康讲座。");
    const Target* a = find(p, "二级以上医疗机构接入全民健康信息平台", 2025);
    REQUIRE(a);
    CHECK(*a->value == 100);
    CHECK(a->comparator == Comparator::eq);
    CHECK(a->unit == Unit::percent());
    CHECK(a->unit_text.empty());
    CHECK(find(p, "县级妇幼保健机构开设儿科", 2025));
    CHECK(p.targets.size() == 2);  // 均开展 is an activity
}

TEST_CASE("a plan's 基本状况 / 基本情况 section reports the present, not targets", "[extract][targets]") {
    // "一、某省居民营养基本状况" opens a plan with what was reached; the goals follow later.
    for (const std::string section : {"基本状况", "基本情况"}) {
        const std::string text = "某省居民营养计划\n\n一、某省居民营养" + section +
                                 "\n\n2015年全省居民人均预期寿命达77.04岁，农林牧渔业总产值年均增长4.3%。\n\n"
                                 "二、主要目标\n\n到2030年，全省居民人均预期寿命达到79岁。\n";
        ExtractOptions o;
        o.name = "test";
        const Plan p = extract(text, o);
        INFO(section);
        REQUIRE(p.targets.size() == 1);
        CHECK(p.targets[0].year == 2030);
        CHECK(p.targets[0].value == 79);
    }
}
