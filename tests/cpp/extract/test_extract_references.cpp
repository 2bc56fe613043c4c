// Referenced documents (《…》 with an optional 文号 in parentheses) are cut
// only at character boundaries: found by fuzz_extract, where a parenthesis not
// closed within the look-ahead made the reference end inside a character.
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/extract.hpp"
#include "healthplan/text.hpp"

using namespace healthplan;

TEST_CASE("a 文号 parenthesis left open keeps the reference whole and valid", "[extract][meta][robust]") {
    std::string tail;
    while (tail.size() < 200) tail += "健康";  // more than the look-ahead, no closing parenthesis
    const std::string text = "关于印发健康乌海行动实施方案的通知\n根据《健康中国行动》（国发〔2019〕13号" + tail +
                             "\n一、总体要求\n到2025年，居民健康素养水平达到25%。\n";
    const Plan p = extract(text);
    REQUIRE_FALSE(p.references.empty());
    for (const auto& r : p.references) {
        CHECK_FALSE(find_invalid_utf8(r));
        CHECK(r == "《健康中国行动》");
    }
}

TEST_CASE("a closed 文号 parenthesis stays part of the reference", "[extract][meta]") {
    const Plan p =
        extract("关于印发健康乌海行动实施方案的通知\n根据《健康中国行动》（国发〔2019〕13号）要求。\n一、总体要求\n");
    REQUIRE(p.references.size() == 1);
    CHECK(p.references[0] == "《健康中国行动》（国发〔2019〕13号）");
}
