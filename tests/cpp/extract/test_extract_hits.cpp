// find_hits (src/extract/tokens.hpp), the engine's pass: over every development
// document, line by line and as whole paragraphs of several lines (words that run
// past the range's end count, as in tokenize), and on damaged text (full-width
// digits, a cut UTF-8-encoded 4-byte character, “ inside numbers), it gives
// exactly tokenize()'s hits — the hits tokenize() is checked against a byte
// search for (test_extract_tokens.cpp) —, no tokens, and as marks exactly the
// characters scan_line's sentence and clause splitters act on.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/scan.hpp"
#include "extract/tokens.hpp"

namespace fs = std::filesystem;
namespace ex = healthplan::detail::extract;

namespace {

void require_same_hits(const std::string& s, std::size_t b, std::size_t e) {
    ex::Tokens full, hits;
    ex::tokenize(s, b, e, full);
    ex::find_hits(s, b, e, hits);
    REQUIRE(hits.tokens.empty());
    // The marks: every character of [b, e) the splitters act on, in order.
    std::vector<ex::Mark> expected;
    for (std::size_t i = b; i < e;) {
        std::size_t n = 1;
        const char32_t c = ex::cp_at(s, i, &n);
        if (ex::is_mark(c)) expected.push_back({static_cast<std::uint32_t>(i), c, static_cast<std::uint32_t>(n)});
        i += n;
    }
    REQUIRE(hits.marks.size() == expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        REQUIRE(hits.marks[k].pos == expected[k].pos);
        REQUIRE(hits.marks[k].c == expected[k].c);
        REQUIRE(hits.marks[k].len == expected[k].len);
    }
    REQUIRE(hits.hits.size() == full.hits.size());
    for (std::size_t k = 0; k < full.hits.size(); ++k) {
        INFO("byte " << full.hits[k].pos);
        REQUIRE(hits.hits[k].pos == full.hits[k].pos);
        REQUIRE(hits.hits[k].classes == full.hits[k].classes);
    }
}

}  // namespace

TEST_CASE("find_hits gives tokenize's hits on every development document", "[extract][tokens]") {
    const fs::path root(HEALTHPLAN_SOURCE_DIR);
    std::vector<fs::path> docs;
    for (const fs::path dir : {root / "python/healthplan/data/plans", root / "tests/quality/heldout/docs",
                               root / "tests/quality/heldout2/docs", root / "tests/quality/real/docs"})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".txt") docs.push_back(e.path());
    REQUIRE(docs.size() > 20);
    std::size_t lines = 0;
    for (const auto& p : docs) {
        INFO(p.filename().string());
        std::ifstream in(p, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string s = ss.str();
        for (std::size_t b = 0; b < s.size(); ++lines) {
            std::size_t e = s.find('\n', b);
            if (e == std::string::npos) e = s.size();
            require_same_hits(s, b, e);
            b = e + 1;
        }
        // Ranges across lines, ending anywhere (a word may run past the end).
        for (std::size_t b = 0; b < s.size(); b += 997) {
            while (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
            std::size_t e = std::min(s.size(), b + 1500);
            while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) ++e;
            require_same_hits(s, b, e);
        }
    }
    CHECK(lines > 1000);
}

TEST_CASE("find_hits on numbers, ranges, comparators and rare characters", "[extract][tokens]") {
    for (const std::string s : {"到２０２５年，人均预期寿命≥78.5岁，比2020年提高1岁",
                                "2021—2025年期间“十四五”提高到90%以上", "≤5‰、＜＝3.0、≥ 9", "𠀀𠀁提高𠀂2025年",
                                "（一）达到（90%）。再，是；否:可！吗？(a,b;c)", "“2025”年达到“全覆盖”", "1.2.3..4"}) {
        INFO(s);
        for (std::size_t b = 0; b < s.size(); ++b) {
            if ((static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) continue;
            require_same_hits(s, b, s.size());
        }
    }
}
