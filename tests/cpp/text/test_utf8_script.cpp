// find_invalid_utf8_and_script (src/text/traditional.hpp): the UTF-8 check and
// the script test in one pass give what the two separate passes give — on every
// development document, on texts around the 5 % threshold of traditional
// characters (with 2- and 4-byte characters between them), and on damaged bytes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "healthplan/text.hpp"
#include "text/traditional.hpp"

namespace fs = std::filesystem;
namespace hd = healthplan::detail;

namespace {

void require_same(const std::string& s) {
    bool trad = true;
    const std::optional<std::size_t> bad = hd::find_invalid_utf8_and_script(s, &trad);
    REQUIRE(bad == healthplan::find_invalid_utf8(s));
    REQUIRE(trad == (!bad && hd::traditional_script(s)));
}

}  // namespace

TEST_CASE("UTF-8 check and script test in one pass: development documents", "[text][traditional]") {
    const fs::path root(HEALTHPLAN_SOURCE_DIR);
    std::size_t docs = 0;
    for (const fs::path dir : {root / "python/healthplan/data/plans", root / "tests/quality/heldout/docs",
                               root / "tests/quality/heldout2/docs", root / "tests/quality/real/docs"})
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.path().extension() != ".txt") continue;
            std::ifstream in(e.path(), std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            INFO(e.path().filename().string());
            require_same(ss.str());
            ++docs;
        }
    CHECK(docs > 20);
}

TEST_CASE("UTF-8 check and script test in one pass: around the threshold", "[text][traditional]") {
    // 衛 兒 藥 醫 have a different simplified form; 健 康 水 平 do not.
    for (int traditional = 0; traditional <= 12; ++traditional) {
        std::string s;
        for (int k = 0; k < 100; ++k) {
            s += k < traditional ? (k % 2 ? "衛" : "兒") : (k % 2 ? "健" : "康");
            if (k % 7 == 0) s += "·𠀀a1";  // a 2-byte and a 4-byte character, ASCII
        }
        INFO(traditional << " of 100");
        require_same(s);
        bool trad = false;
        hd::find_invalid_utf8_and_script(s, &trad);
        CHECK(trad == (traditional >= 5));
    }
    require_same("");
    require_same("衛兒藥醫");  // fewer than 20 CJK characters: never traditional
}

TEST_CASE("UTF-8 check and script test in one pass: damaged bytes", "[text][traditional]") {
    const std::string body = "衛生健康水平達到90%";
    for (const std::string bad : {std::string("\xE5\xBA"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                                  std::string("\xF8"), std::string("\x80"), std::string("\xE0\x80\xAF")}) {
        for (std::size_t cut = 0; cut <= body.size(); cut += 3) {
            const std::string s = body.substr(0, cut) + bad + body.substr(cut);
            require_same(s);
            bool trad = true;
            CHECK(hd::find_invalid_utf8_and_script(s, &trad).has_value());
            CHECK_FALSE(trad);
        }
    }
}
