// Layouts the normaliser undoes before the grammar, with spans still pointing
// into the original text; format detection and UTF-16. Every text is composed
// for the test.
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/error.hpp"
#include "healthplan/extract.hpp"

using namespace healthplan;

namespace {

Plan plan_of(const std::string& text) {
    ExtractOptions o;
    o.name = "layout";
    return extract(text, o);
}

void check_spans(const Plan& p, const std::string& text) {
    for (const auto& t : p.targets) {
        REQUIRE(t.span);
        CHECK(text.substr(t.span->begin, t.span->end - t.span->begin) == t.span->evidence);
    }
    for (const auto& k : p.tasks)
        if (k.span) CHECK(text.substr(k.span->begin, k.span->end - k.span->begin) == k.span->evidence);
}

const Target* find(const Plan& p, std::string_view indicator, std::optional<int> year) {
    for (const auto& t : p.targets)
        if (t.indicator == indicator && t.year == year) return &t;
    return nullptr;
}

const std::string kPipeTable =
    "某市人均预期寿命提升行动计划(2024-2027年)\n"
    "序号 |\n指标名称 |\n单位 |\n2023年 |\n2025年 |\n2027年 |\n牵头单位 |\n"
    "1 |\n人均预期寿命 |\n岁 |\n78.2(2021年) |\n≥79.2 |\n≥80 |\n市卫健局 |\n"
    "2 |\n婴儿死亡率 |\n‰ |\n2.21 |\n持续改善 |\n持续改善 |\n市卫健局 |\n"
    "序号 |\n指标名称 |\n单位 |\n2023年 |\n2025年 |\n2027年 |\n牵头单位 |\n"
    "3 |\n道路交通事故死亡率 |\n/10万 |\n7.45 |\n较2022年 下降3% |\n较2025年 下降3% |\n市公安局 市交通运输局 |\n";

}  // namespace

TEST_CASE("a ' |' cell table with a unit column, a lead column and a repeated header", "[extract][layouts]") {
    const Plan p = plan_of(kPipeTable);
    check_spans(p, kPipeTable);
    const Target* life = find(p, "人均预期寿命", 2025);
    REQUIRE(life);
    CHECK(life->value == 79.2);
    CHECK(life->comparator == Comparator::ge);
    REQUIRE(life->baseline);
    CHECK(life->baseline->year == 2021);
    REQUIRE(life->lead.size() == 1);
    CHECK(life->lead[0].name == "市卫健局");
    const Target* infant = find(p, "婴儿死亡率", 2025);
    REQUIRE(infant);
    CHECK(infant->kind == TargetKind::trend);
    CHECK(infant->comparator == Comparator::decrease);
    const Target* road = find(p, "道路交通事故死亡率", 2027);
    REQUIRE(road);
    CHECK(road->kind == TargetKind::change);
    REQUIRE(road->reference);
    CHECK(road->reference->year == 2025);
    REQUIRE(road->lead.size() == 2);  // two units with only a space between them
    CHECK(road->lead[1].name == "市交通运输局");
    // The rows are tasks too, numbered by the row.
    bool row3 = false;
    for (const auto& k : p.tasks)
        if (k.number == std::vector<std::string>{"3"}) row3 = k.lead.size() == 2;
    CHECK(row3);
}

TEST_CASE("markdown, tab and multi-space rows read like cells per line", "[extract][layouts]") {
    const std::string head = "某县卫生健康规划(2021-2025年)\n一、主要指标\n";
    for (const std::string& table :
         {std::string("| 序号 | 指标 | 2020年 | 2025年 | 属性 |\n|---|---|---|---|---|\n"
                      "| 1 | 人均预期寿命(岁) | 78 | 79 | 预期性 |\n| 2 | 婴儿死亡率(‰) | 5 | ≤4.5 | 约束性 |\n"),
          // (A bare "5" before "≤4.5" in a tab row defeats the table reader: a known gap, see docs/extraction.md.)
          std::string("序号\t指标\t2020年\t2025年\t属性\n1\t人均预期寿命(岁)\t78\t79\t预期性\n"
                      "2\t婴儿死亡率(‰)\t5.6\t≤4.5\t约束性\n"),
          std::string("序号  指标  2020年  2025年  属性\n1  人均预期寿命(岁)  78  79  预期性\n"
                      "2  婴儿死亡率(‰)  5  ≤4.5  约束性\n")}) {
        const std::string text = head + table;
        const Plan p = plan_of(text);
        check_spans(p, text);
        const Target* infant = find(p, "婴儿死亡率", 2025);
        REQUIRE(infant);
        CHECK(infant->value == 4.5);
        CHECK(infant->nature == Nature::binding);
    }
}

TEST_CASE("spaces, '.' as a full stop, hard wraps with page numbers, traditional script", "[extract][layouts]") {
    const std::string plain = "某区健康促进行动方案\n一、主要目标\n到2025年，全区居民健康素养水平提高到26%以上。\n";
    const Target* t = nullptr;
    SECTION("spaces and '.'") {
        const std::string text = "某区健康促进行动方案\n一、主要目标\n到 2025年,全区居民 健康素养水平提高到 26%以上.\n";
        const Plan p = plan_of(text);
        check_spans(p, text);
        t = find(p, "居民健康素养水平", 2025);
        REQUIRE(t);
        CHECK(t->value == 26);
    }
    SECTION("a wrapped text with page numbers") {
        // Paragraphs wrapped at 24 characters, a page number inside a sentence:
        // the genre as a PDF converter lays it out.
        const std::string para =
            "为全面提升居民健康水平，推进健康城区建设，结合本区实际，制定本方案，请各单位认真贯彻落实执行好。"
            "到2025年，全区居民健康素养水平提高到26%以上，经常参加体育锻炼人数比例达到40%以上，"
            "人均预期寿命达到80岁，婴儿死亡率控制在5‰以下，孕产妇死亡率控制在12/10万以下。";
        std::string text = "某区健康促进行动方案\n一、主要目标\n";
        std::size_t chars = 0, lines = 0;
        for (std::size_t i = 0; i < para.size();) {
            const unsigned char c = static_cast<unsigned char>(para[i]);
            const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
            text += para.substr(i, n);
            i += n;
            if (++chars == 24 && i < para.size()) {
                text += ++lines == 3 ? "\n\n- 2 -\n\n" : "\n";
                chars = 0;
            }
        }
        text += "\n";
        const Plan p = plan_of(text);
        check_spans(p, text);
        t = find(p, "经常参加体育锻炼人数比例", 2025);
        REQUIRE(t);
        CHECK(t->value == 40);
        CHECK(find(p, "孕产妇死亡率", 2025));
    }
    SECTION("traditional script") {
        const std::string text =
            "某區健康促進行動方案\n一、主要目標\n到2025年，全區居民健康素養水平提高到26%以上，"
            "人均預期壽命達到79歲。\n";
        const Plan p = plan_of(text);
        check_spans(p, text);
        // Read in simplified script, reported as written (the unit text stays normalised).
        t = find(p, "人均預期壽命", 2025);
        REQUIRE(t);
        CHECK(t->value == 79);
        CHECK(t->unit_text == "岁");
        CHECK(find(p, "居民健康素養水平", 2025));
        for (const auto& ind : p.indicators) {
            const bool as_written =
                ind.name.find("預期") != std::string::npos || ind.name.find("素養") != std::string::npos;
            CHECK(as_written);
        }
    }
    SECTION("traditional script: units keep their simplified name and are written as in the text") {
        const std::string text =
            "某區健康促進行動方案\n一、主要任務\n（一）推進控煙行動。建設無煙機關。（市衛健委牽頭，市教育局按職責分工負"
            "責）\n";
        const Plan p = plan_of(text);
        check_spans(p, text);
        REQUIRE(p.tasks.size() == 1);
        REQUIRE(p.tasks[0].lead.size() == 1);
        CHECK(p.tasks[0].lead[0].name == "市卫健委");
        CHECK(p.tasks[0].lead[0].as_written == "市衛健委");
    }
    SECTION("full-width digits: the name as written") {
        const std::string text = "某区健康促进行动方案\n一、主要目标\n到2025年，５岁以下儿童死亡率控制在６‰以下。\n";
        const Plan p = plan_of(text);
        check_spans(p, text);
        t = find(p, "５岁以下儿童死亡率", 2025);
        REQUIRE(t);
        CHECK(t->value == 6);
    }
    (void)plain;
}

TEST_CASE("a responsibility parenthesis broken over lines", "[extract][layouts]") {
    const std::string text =
        "工作要点\n一、重点工作\n(一)开展健康知识普及活动,加强应急救护培训。(健康中国行动推进办、中国红十字会总会牵头,"
        "中央宣传部、教育\n部、交通运输部、中国民航\n局、中国科协等部门单位参与)\n(二)推进控烟工作。(国家卫生健\n"
        "\n              康委牵头负责)\n";
    const Plan p = plan_of(text);
    check_spans(p, text);
    REQUIRE(p.tasks.size() >= 2);
    const Task& a = p.tasks[0];
    CHECK(a.lead.size() == 2);
    REQUIRE(a.responsible.size() == 5);
    CHECK(a.responsible[1].name == "教育部");
    CHECK(a.responsible[3].name == "中国民航局");
    const Task& b = p.tasks[1];
    REQUIRE(b.lead.size() == 1);
    CHECK(b.lead[0].name == "国家卫生健康委");
}

TEST_CASE("formats are told from the content; UTF-16 is read", "[extract][formats]") {
    CHECK(sniff_format("%PDF-1.7\n") == "pdf");
    CHECK(sniff_format(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) == "ole");
    CHECK(sniff_format("  <!DOCTYPE html><html>") == "html");
    CHECK(sniff_format("{\"schema_version\": 2}") == "json");
    CHECK(sniff_format("到2025年，居民健康素养水平达到25%。") == "text");
    CHECK(sniff_format("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n") ==
          "mhtml");
    CHECK(sniff_format("MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n") == "mhtml");
    CHECK(sniff_format("From: 市卫生健康委\n到2025年，居民健康素养水平达到25%。") == "text");
    const std::string utf16 = std::string("\xFF\xFE", 2) + std::string("\x30\x52\x32\x00", 4);  // 到2
    std::string detected;
    CHECK(decode_to_utf8(utf16, "", &detected) == "到2");
    CHECK(detected == "utf-16le");
    CHECK_THROWS_AS(reject_format("ole", "x.doc"), ParseError);
    try {
        reject_format("ole", "x.doc");
    } catch (const ParseError& e) {
        CHECK(e.id() == "input.unsupported_format");
        CHECK(std::string(e.what()).find("soffice --headless --convert-to docx") != std::string::npos);
    }
}

TEST_CASE("tab rows of one width are a table, not a hard-wrapped text", "[extract][layouts]") {
    // Every row has the same number of characters, which is what the wrap
    // detection looks for; rows with tab-separated cells are never joined.
    std::string text = "某市健康指标\n\n一、主要指标\n\n序号\t指标名称\t基期水平（2020年）\t2025年目标值\t指标性质\n";
    for (int row = 1; row <= 40; ++row)
        text += std::to_string(row) + "\t第" + std::to_string(row) + "项指标达标率（%）\t" +
                std::to_string(40 + row % 50) + "\t≥" + std::to_string(50 + row % 50) + "\t预期性\n";
    const Plan p = plan_of(text);
    check_spans(p, text);
    REQUIRE(p.targets.size() == 40);
    const Target* t = find(p, "第7项指标达标率", 2025);
    REQUIRE(t);
    CHECK(t->value == 57);
    REQUIRE(t->baseline);
    CHECK(t->baseline->value == 47);
}

TEST_CASE("a wrapped report among short page lines; a cell line is never joined", "[extract][layouts]") {
    // A report hard-wrapped at 34 characters under a page of short links as
    // common as its wrapped lines: the wrap width is the wider one.
    const std::string text =
        "某报讯\n\n"
        "国家卫健委5日发布《健康儿童行动提升计划(2021—2025年)》,\n"
        "提出系列目标:到2025年,新生儿死亡率、婴儿死亡率和5岁以下儿童死\n"
        "亡率分别控制在3.1‰、5.2‰和6.6‰以下;6个月内婴儿纯母乳喂\n"
        "养率达到50%以上;5岁以下儿童生长迟缓率控制在5%以下;适龄儿童免\n"
        "疫规划疫苗接种率保持在90%以上。\n\n"
        "中越国资监管和国企改革交流座谈会在京召开\n第七届中国企业改革发展峰会暨成果发布会召开\n"
        "戴和根履新中国铁建100天,干了啥,见了谁呢\n某某某某某某某某某某某某某某某某某某某某某\n";
    const Plan p = plan_of(text);
    check_spans(p, text);
    CHECK(find(p, "5岁以下儿童死亡率", 2025));
    CHECK(find(p, "6个月内婴儿纯母乳喂养率", 2025));
    CHECK(find(p, "适龄儿童免疫规划疫苗接种率", 2025));
    // A table one cell a line whose name cells share a length: a value line after one is a cell.
    std::string cells = "某市规划\n具体指标\n2010年\n2015年\n属性\n";
    for (const char* name : {"中医医院诊疗人次占医院诊疗人次比重(%)", "中医医院出院人数占医院出院人数比重(%)",
                             "中医医院门诊人次占医院门诊人次比重(%)", "中医医院床位数占医院床位数的比重(%)"})
        cells += std::string(name) + "\n17.6\n18.5\n预期性\n";
    const Plan q = plan_of(cells);
    CHECK(q.targets.size() == 4);
    CHECK(find(q, "中医医院出院人数占医院出院人数比重", 2015));
}
