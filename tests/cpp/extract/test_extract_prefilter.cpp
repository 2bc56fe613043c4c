// The sentence pre-filter (src/extract/prefilter.hpp) changes no result: every
// document of the development sets gives the same plan, spans and evidence
// included, with the filter on and off. A new grammar rule that reads a word
// the filter does not know fails here on the documents that use it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/grammar.hpp"
#include "extract/prefilter.hpp"
#include "healthplan/extract.hpp"
#include "healthplan/json.hpp"

namespace fs = std::filesystem;
namespace ex = healthplan::detail::extract;

namespace {

std::vector<fs::path> development_documents() {
    const fs::path root(HEALTHPLAN_SOURCE_DIR);
    std::vector<fs::path> out;
    for (const fs::path dir : {root / "python/healthplan/data/plans", root / "tests/quality/heldout/docs",
                               root / "tests/quality/heldout2/docs", root / "tests/quality/real/docs"})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".txt") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Turns the filter back on however the test ends.
struct FilterOff {
    FilterOff() { ex::set_prefilter_enabled(false); }
    ~FilterOff() { ex::set_prefilter_enabled(true); }
};

}  // namespace

TEST_CASE("the pre-filter passes the sentences that state targets or frames", "[extract][prefilter]") {
    CHECK(ex::may_state_target("到2025年，居民健康素养水平达到25%"));
    CHECK(ex::may_state_target("婴儿死亡率持续下降"));
    CHECK(ex::may_state_target("人均预期寿命达到国家平均水平"));
    CHECK(ex::may_state_target("村卫生室实现全覆盖"));
    CHECK(ex::may_state_target("“十四五”期间，重点人群健康管理不断加强"));
    CHECK(ex::may_state_target("近年来，我市卫生健康事业取得长足进步"));
    CHECK(ex::may_state_target("达到２５％"));  // full-width digits
    CHECK_FALSE(ex::may_state_target("加强组织领导，健全工作机制"));
    CHECK_FALSE(ex::may_state_target(""));
}

TEST_CASE("the pre-filter's words are the lexicon's", "[extract][prefilter]") {
    // A word added to one of these tables lets its sentences through with no
    // edit of the filter (it reads the tables).
    for (const auto& v : ex::trend_verbs) CHECK(ex::may_state_target(std::string("居民") + std::string(v.text)));
    CHECK(ex::may_state_target(ex::benchmark_head));
    CHECK(ex::may_state_target(ex::coverage_word));
    for (std::string_view w : ex::all_units_words) CHECK(ex::may_state_target(w));
    for (std::string_view w : ex::retrospective_words) CHECK(ex::may_state_target(w));
    for (const auto& p : ex::five_year_periods) CHECK(ex::may_state_target(p.name));
    // A word the grammar does not read is no trigger ("十年来" is no retrospective frame of the lexicon).
    CHECK_FALSE(ex::may_state_target("十年来，工作机制不断健全"));
}

TEST_CASE("the pre-filter changes no plan of the development documents", "[extract][prefilter]") {
    const auto docs = development_documents();
    REQUIRE(docs.size() >= 40);
    for (const auto& path : docs) {
        INFO(path.filename().string());
        REQUIRE(ex::prefilter_enabled());
        const healthplan::Plan filtered = healthplan::extract_file(path);
        healthplan::Plan unfiltered;
        {
            FilterOff off;
            unfiltered = healthplan::extract_file(path);
        }
        CHECK(healthplan::to_json(filtered) == healthplan::to_json(unfiltered));
    }
}
