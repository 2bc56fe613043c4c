// Any byte string gives a Plan or a clear error: no crash, no hang, no
// super-linear blow-up. (Speed itself is measured in benchmarks/, not here;
// these inputs would take minutes if any scan were quadratic.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "healthplan/error.hpp"
#include "healthplan/extract.hpp"
#include "healthplan/text.hpp"

using namespace healthplan;

namespace {

std::string seed_text() {
    const auto path =
        std::filesystem::path(HEALTHPLAN_SOURCE_DIR) / "python/healthplan/data/plans/000_197f2d321f6d73e8.txt";
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void spans_hold(const Plan& p, const std::string& text) {
    for (const auto& t : p.targets) REQUIRE(text.substr(t.span->begin, t.span->size()) == t.span->evidence);
    for (const auto& k : p.tasks) REQUIRE(text.substr(k.span->begin, k.span->size()) == k.span->evidence);
}

}  // namespace

TEST_CASE("invalid UTF-8 is a ParseError naming the byte offset", "[extract][robust]") {
    std::string text = "某市规划\n到2025年，婴儿死亡率低于5‰。";
    text.insert(13, "\xC3\x28");  // after "某市规划\n"
    try {
        extract(text, ExtractOptions{"bad.txt"});
        FAIL("no error");
    } catch (const ParseError& e) {
        CHECK(e.id() == "text.invalid_utf8");
        CHECK(e.where().find("byte 13") != std::string::npos);
        CHECK(e.where().find("bad.txt") != std::string::npos);
    }
}

TEST_CASE("empty and whitespace-only texts give an empty plan", "[extract][robust]") {
    for (std::string t : {std::string(), std::string("\n\n\r\n   \t"), std::string("\xE3\x80\x80")}) {
        Plan p = extract(t);
        CHECK(p.targets.empty());
        CHECK(p.sections.empty());
    }
}

TEST_CASE("random bytes and random valid UTF-8 never crash", "[extract][robust]") {
    std::mt19937 rng(12345);
    // Characters the grammar reacts to, mixed with noise.
    const std::vector<std::string> pieces = {
        "到",   "2025",   "年",    "，", "。",   "率",   "达到",      "不低于", "%",  "‰",        "/10万",
        "以上", "以下",   "分别",  "和", "、",   "(",    ")",         "（",     "）", "一、",     "1.",
        "(1)",  "第一章", "专栏1", "\n", "牵头", "负责", "牵头单位:", "市",     "局", "持续下降", "?",
        "１",   "．",     "％",    "《", "》",   "〔",   "〕",        "号",     "x",  " "};
    for (int round = 0; round < 200; ++round) {
        std::string text;
        const int n = static_cast<int>(rng() % 400);
        for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
        Plan p = extract(text);
        spans_hold(p, text);
        std::string bytes(static_cast<std::size_t>(rng() % 300), '\0');
        for (auto& c : bytes) c = static_cast<char>(rng() & 0xFF);
        try {
            extract(bytes);
        } catch (const ParseError& e) {
            CHECK(e.id() == "text.invalid_utf8");
        }
    }
}

TEST_CASE("a 10 MB document, a 1 MB line and deep nesting finish", "[extract][robust][slow]") {
    const std::string seed = seed_text();
    REQUIRE_FALSE(seed.empty());
    std::string big;
    while (big.size() < 10'000'000) big += seed;
    Plan p = extract(big);
    CHECK(p.targets.size() > 100);
    CHECK(p.tasks.size() > 1000);

    // One line of 1 MB: a sentence without a full stop, full of verbs and numbers.
    std::string line = "某市规划\n到2025年，";
    while (line.size() < 1'000'000) line += "居民健康素养水平达到提高不低于持续下降和、25%以上";
    Plan q = extract(line);
    spans_hold(q, line);

    // A line of digits and one of brackets.
    std::string digits(1'000'000, '7');
    CHECK_NOTHROW(extract("某市规划\n" + digits));
    std::string brackets;
    for (int k = 0; k < 200'000; ++k) brackets += "(";
    brackets += "牵头)";
    CHECK_NOTHROW(extract("某市规划\n一、任务\n1.做事。" + brackets));

    // Table-like layouts everywhere: every line could open a table.
    std::string rows = "某市规划\n";
    while (rows.size() < 2'000'000) rows += "1\n2\n序号\n牵头单位\n1\n2020年\n指标性质\n率\n预期\n";
    CHECK_NOTHROW(extract(rows));
    std::string table = "某市规划\n指标\n2020年\n2025年\n";
    for (int k = 1; k <= 20'000; ++k) table += std::to_string(k) + "\n率(%)\n1\n≥2\n预期\n";
    Plan tp = extract(table);
    CHECK(tp.targets.size() == 1);  // 20000 rows stating the same target

    // Deep nesting: every heading style repeated many levels deep.
    std::string nested = "某市规划\n";
    for (int k = 1; k <= 3000; ++k)
        nested +=
            "第" + std::to_string(k) + "章 章\n第1节 节\n一、甲\n(一)乙\n1.丙\n(1)丁。到2025年，婴儿死亡率低于5‰。\n";
    Plan r = extract(nested);
    CHECK(r.sections.size() == 3000);
    CHECK(r.targets.size() == 1);  // the same target restated is one target
}

TEST_CASE("GB18030 files are detected and converted; unknown encodings are errors", "[extract][robust]") {
    const auto dir = std::filesystem::temp_directory_path() / "healthplan_extract_test";
    std::filesystem::create_directories(dir);
    // "到2025年，婴儿死亡率低于5‰。" in GB18030, after a title line.
    const std::string gb =
        "\xC4\xB3\xCA\xD0\xB9\xE6\xBB\xAE\n"  // 某市规划
        "\xB5\xBD"
        "2025"
        "\xC4\xEA\xA3\xAC\xD3\xA4\xB6\xF9\xCB\xC0\xCD\xF6\xC2\xCA"  // 到2025年，婴儿死亡率
        "\xB5\xCD\xD3\xDA"
        "5"
        "\xA1\xEB\xA1\xA3\n";  // 低于5‰。
    const auto path = dir / "gbk.txt";
    std::ofstream(path, std::ios::binary) << gb;
    Plan p = extract_file(path);
    CHECK(p.source.encoding == "gb18030");
    REQUIRE(p.targets.size() == 1);
    CHECK(p.targets[0].indicator == "婴儿死亡率");
    CHECK(p.targets[0].unit.symbol() == "‰");
    Plan q = extract_file(path, "gbk");
    CHECK(q.targets.size() == 1);
    CHECK_THROWS_AS(extract_file(path, "latin-9"), ParseError);
    CHECK_THROWS_AS(extract_file(path, "utf-8"), ParseError);
    CHECK_THROWS_AS(extract_file(dir / "missing.txt"), ParseError);
    CHECK_THROWS_AS(extract_file(dir), ParseError);  // a directory
    // A UTF-8 BOM is dropped; spans index the text after it.
    const auto bom = dir / "bom.txt";
    std::ofstream(bom, std::ios::binary) << "\xEF\xBB\xBF"
                                         << "某市规划\n到2025年，婴儿死亡率低于5‰。\n";
    Plan b = extract_file(bom);
    REQUIRE(b.targets.size() == 1);
    CHECK(b.targets[0].span->begin == std::string("某市规划\n").size() + std::string("到2025年，").size());
    std::filesystem::remove_all(dir);
}

TEST_CASE("extract_many keeps input order and reports progress", "[extract][robust]") {
    const auto dir = std::filesystem::path(HEALTHPLAN_SOURCE_DIR) / "python/healthplan/data/plans";
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".txt") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    std::size_t last = 0;
    auto progress = [](void* ctx, std::size_t done, std::size_t) { *static_cast<std::size_t*>(ctx) = done; };
    std::vector<Plan> plans = extract_many(paths, 3, progress, &last);
    REQUIRE(plans.size() == paths.size());
    CHECK(last == paths.size());
    for (std::size_t k = 0; k < paths.size(); ++k) CHECK(plans[k].source.name == paths[k].filename().string());
    paths.push_back(dir / "no_such_file.txt");
    CHECK_THROWS_AS(extract_many(paths, 2), ParseError);
}

TEST_CASE("extract_many applies the limits and options it is given to every file", "[extract][robust]") {
    const auto dir = std::filesystem::temp_directory_path() / "healthplan_many_limits";
    std::filesystem::create_directories(dir);
    std::vector<std::filesystem::path> paths;
    for (const char* name : {"a.txt", "b.txt"}) {
        paths.push_back(dir / name);
        std::ofstream(paths.back(), std::ios::binary)
            << "某市卫生健康发展规划\n\n一、发展目标\n\n到2025年，全市居民健康素养水平不低于25%。\n";
    }
    for (const Plan& p : extract_many(paths, 2)) CHECK(p.targets.size() == 1);
    // 居民健康素养水平 is 24 bytes: a name of at most 12 bytes cannot hold it.
    ExtractOptions options;
    options.name = "ignored";  // each plan is named after its file
    options.limits.name_bytes = 12;
    std::size_t last = 0;
    auto progress = [](void* ctx, std::size_t done, std::size_t) { *static_cast<std::size_t*>(ctx) = done; };
    const std::vector<Plan> bounded = extract_many(paths, 2, options, progress, &last);
    REQUIRE(bounded.size() == 2);
    CHECK(last == 2);
    for (std::size_t k = 0; k < 2; ++k) {
        CHECK(bounded[k].targets.empty());
        CHECK(bounded[k].source.name == paths[k].filename().string());
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("UTF-8 validation of every 3-byte sequence matches the definition", "[extract][robust]") {
    // The validator's fast path for 3-byte characters must reject what the
    // definition rejects: overlong forms (E0 below A0), surrogates (ED above
    // 9F), and a missing continuation byte.
    std::size_t valid = 0;
    for (unsigned lead = 0xE0; lead <= 0xEF; ++lead)
        for (unsigned x = 0; x < 256; ++x)
            for (unsigned y = 0; y < 256; y += (x & 0xC0) == 0x80 ? 1 : 37) {
                const bool cont = (x & 0xC0) == 0x80 && (y & 0xC0) == 0x80;
                const unsigned cp = ((lead & 0x0F) << 12) | ((x & 0x3F) << 6) | (y & 0x3F);
                const bool ok = cont && cp >= 0x800 && !(cp >= 0xD800 && cp <= 0xDFFF);
                const std::string s{static_cast<char>(lead), static_cast<char>(x), static_cast<char>(y), 'a'};
                const auto at = find_invalid_utf8(s);
                if (ok != !at.has_value() || (at && *at != 0)) FAIL("lead " << lead << " x " << x << " y " << y);
                valid += ok;
            }
    CHECK(valid == 0xFFFF - 0x800 + 1 - 0x800);                  // U+0800..U+FFFF without the surrogates
    CHECK(find_invalid_utf8(std::string("\xE4\xB8", 2)) == 0u);  // cut short at the end
}
