// stripped_is, strip_noise_into and has_noise (src/extract/scan.hpp) answer questions
// about strip_noise(s) without the string: the table scans ask them of every cell,
// the outline of every heading's title. It must agree with the definition on
// cells with spaces, ideographic spaces, '?' and '？' anywhere, on prefixes and
// extensions of the word, and on a cut multi-byte character at the end.
#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <vector>

#include "extract/scan.hpp"

namespace ex = healthplan::detail::extract;

TEST_CASE("stripped_is is strip_noise compared", "[extract][stripped]") {
    const std::vector<std::string> words = {"序号", "编号", "预期性", "单位", "计量单位", "", "a b"};
    const std::vector<std::string> pieces = {"序", "号", "编", "预期", "性", " ", "\u3000",   "?",    "？",
                                             "\t", "单", "位", "计量", "a",  "b", "\xC2\xA0", "\xE5", "x"};
    // Every string of up to three pieces, against every word: 18^3 + 18^2 + 18 + 1 cells.
    std::vector<std::string> cells = {""};
    for (int len = 0; len < 3; ++len) {
        const std::size_t n = cells.size();
        for (std::size_t k = 0; k < n; ++k)
            for (const auto& p : pieces) cells.push_back(cells[k] + p);
    }
    std::size_t equal = 0;
    for (const auto& c : cells)
        for (const auto& w : words) {
            const bool want = ex::strip_noise(c) == w;
            INFO("cell [" << c << "] word [" << w << "]");
            REQUIRE(ex::stripped_is(c, {w}) == want);
            REQUIRE(ex::has_noise(c) == (ex::strip_noise(c) != c));
            if (want) REQUIRE(ex::may_strip_to(c, {w}));
            std::array<char, 6> buf;
            std::size_t len = 0;
            const bool fits = ex::strip_noise_into(c, buf, len);
            REQUIRE(fits == (ex::strip_noise(c).size() <= buf.size()));
            if (fits) REQUIRE(std::string(buf.data(), len) == ex::strip_noise(c));
            equal += want ? 1 : 0;
        }
    REQUIRE(equal > 50);  // the set holds matches, not only mismatches
}
