// Numbers at the limits of what the scanner reads: 15 integer digits and 10
// fraction digits once overflowed a cast to long long while rounding away
// binary noise (undefined behaviour; found by fuzz_extract_gb18030). Under the
// sanitizer build (scripts/sanitize.sh) that was a failure; here the value
// must also come out as written.
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/extract.hpp"

using namespace healthplan;

TEST_CASE("the longest number the scanner reads is rounded without overflow", "[extract][robust]") {
    const Plan p = extract("到2025年，人均预期寿命达到111111111111111.1111111111岁。\n");
    for (const auto& t : p.targets)
        if (t.value) CHECK(*t.value > 1e14);
}

TEST_CASE("ordinary decimals keep their written value", "[extract][robust]") {
    const Plan p = extract("到2025年，居民健康素养水平达到28.15%，孕产妇死亡率下降到0.15‰。\n");
    REQUIRE(p.targets.size() == 2);
    CHECK(p.targets[0].value == 28.15);
    CHECK(p.targets[1].value == 0.15);
}
