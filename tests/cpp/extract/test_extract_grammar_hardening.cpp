// What the target grammar makes is always valid: every string valid UTF-8,
// never a target the model's validate() rejects, and a target's size bounded
// so memory stays linear in a line's length (issue 9 findings 2, 4 and 5).
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "healthplan/extract.hpp"

using namespace healthplan;

namespace {

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

Plan plan_of(const std::string& body) {
    ExtractOptions o;
    o.name = "hardening";
    return extract("某市卫生健康发展规划\n\n一、发展目标\n\n" + body + "\n", o);  // validate() runs
}

void all_valid(const Plan& p) {
    for (const auto& t : p.targets) {
        INFO(t.indicator);
        CHECK(valid_utf8(t.indicator));
        CHECK(valid_utf8(t.benchmark));
        CHECK(valid_utf8(t.note));
        CHECK(valid_utf8(t.span->evidence));
        if (t.reference) CHECK(valid_utf8(t.reference->label));
    }
}

}  // namespace

TEST_CASE("names holding ASCII are cut by characters", "[extract][grammar][robust]") {
    const Plan p = plan_of("到2025年，吸烟、保健q率持续增加。");
    REQUIRE_FALSE(p.targets.empty());
    all_valid(p);
}

TEST_CASE("an implausible reference year drops the reference, not the document", "[extract][grammar][robust]") {
    const Plan p = plan_of("到2025年，吸烟率较3934年下降1。人均预期寿命达到80岁。");
    all_valid(p);
    bool life = false;
    for (const auto& t : p.targets) {
        if (t.reference && t.reference->year) CHECK(*t.reference->year < 2101);
        life = life || t.indicator == "人均预期寿命";
    }
    CHECK(life);
}

TEST_CASE("a long line of repeated statements keeps each target small", "[extract][grammar][robust]") {
    std::string line;
    while (line.size() < 64 * 1024) line += "人均预期寿命达到80岁，比2020年提高1岁";
    const Plan p = plan_of(line);
    std::size_t evidence = 0;
    for (const auto& t : p.targets) evidence += t.span->evidence.size();
    // Linear: the evidence of all targets together is a small multiple of the line.
    CHECK(evidence <= 4 * line.size());
    all_valid(p);
}

TEST_CASE("random sentences of the genre's words give only valid targets", "[extract][grammar][robust]") {
    const std::vector<std::string> words = {"到2025年，", "2023—2025年，",
                                            "吸烟",       "、",
                                            "保健",       "q",
                                            "率",         "婴儿死亡率",
                                            "不得",       "不",
                                            "高于",       "低于",
                                            "等于",       "或",
                                            "达到",       "提高到",
                                            "较",         "比",
                                            "3934年",     "2020年",
                                            "在",         "基础上",
                                            "下降",       "提高",
                                            "1",          "5",
                                            "%",          "‰",
                                            "/10万",      "以上",
                                            "以下",       "持续",
                                            "明显",       "显著地",
                                            "改善",       "，",
                                            "。",         "；",
                                            "：",         "“",
                                            "”",          "其中",
                                            "分别",       "和",
                                            "40%的",      "县城",
                                            "的",         "全覆盖",
                                            "至少",       "1家",
                                            "由",         "的基础上",
                                            "?",          "x",
                                            "≥",          "≦",
                                            "总数的",     "60%",
                                            "放缓",       "素养",
                                            "覆盖面",     "\n",
                                            "1.",         "（三）"};
    std::mt19937 rng(20261130);
    for (int round = 0; round < 400; ++round) {
        std::string body;
        const int n = 5 + static_cast<int>(rng() % 30);
        for (int k = 0; k < n; ++k) body += words[rng() % words.size()];
        INFO(body);
        const Plan p = plan_of(body);  // throws if validate() rejects a target
        all_valid(p);
    }
}
