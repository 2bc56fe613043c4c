// The indicator catalog: loading, matching, guards, user additions.
#include <catch2/catch.hpp>

#include <filesystem>

#include "healthplan/catalog.hpp"
#include "healthplan/error.hpp"

using namespace healthplan;

namespace {
const std::filesystem::path kBundled =
    std::filesystem::path(HEALTHPLAN_SOURCE_DIR) / "python/healthplan/data/catalog/healthy_china_2019_2030.json";

const Catalog& bundled() {
    static const Catalog c = Catalog::load(kBundled);
    return c;
}
}  // namespace

TEST_CASE("the bundled catalog loads with sources for every target", "[catalog]") {
    const Catalog& c = bundled();
    REQUIRE(c.size() >= 40);
    for (const auto& e : c.entries()) {
        INFO(e.code);
        CHECK(e.code.rfind("HC", 0) == 0);
        for (const auto& t : e.targets) {
            CHECK_FALSE(t.source.empty());
            CHECK(c.find_source(t.source) != nullptr);
        }
        if (e.targets.empty()) CHECK_FALSE(e.source.empty());
    }
    const CatalogEntry* smoking = c.find("HC04-01");
    REQUIRE(smoking);
    CHECK(smoking->direction == Direction::lower);
    REQUIRE(smoking->target_for(2030));
    CHECK(*smoking->target_for(2030)->value == Approx(20));
    CHECK(smoking->target_for(2030)->comparator == Comparator::lt);
    CHECK(c.find("HC07-01")->unit == Unit::permille());
}

TEST_CASE("matcher: the required pairs", "[catalog][match]") {
    const Catalog& c = bundled();
    const auto a = c.match("15岁以上人群吸烟率");
    const auto b = c.match("成人吸烟率");
    REQUIRE(a.matched_ok());
    REQUIRE(b.matched_ok());
    CHECK(a.code == b.code);
    CHECK(a.reason == MatchReason::exact);
    CHECK(b.reason == MatchReason::alias);

    const auto infant = c.match("婴儿死亡率");
    const auto under5 = c.match("5岁以下儿童死亡率");
    REQUIRE(infant.matched_ok());
    REQUIRE(under5.matched_ok());
    CHECK(infant.code != under5.code);
}

TEST_CASE("matcher: normalised names", "[catalog][match]") {
    const Catalog& c = bundled();
    struct Case {
        const char* name;
        const char* code;
    };
    for (const Case k :
         {Case{"全市居民健康素养水平(%)", "HC01-01"}, Case{"居民健康素养水平(%)", "HC01-01"},
          Case{"健康素养率", "HC01-01"}, Case{"城乡居民达到《国民体质测定标准》合格以上人数比例", "HC03-01"},
          Case{"婴儿死亡率(‰)", "HC07-01"}, Case{"孕产妇死亡率(1/10万)", "HC07-03"},
          Case{"70岁以下人群慢性呼吸系统疾病死亡率", "HC13-01"}, Case{"65岁以上人群老年期痴呆患病率", "HC10-02"},
          Case{"人均预期寿命(岁)", "HC00-01"}}) {
        INFO(k.name);
        const auto m = c.match(k.name);
        CHECK(m.code == k.code);
        CHECK(m.confidence >= 0.85);
    }
}

TEST_CASE("matcher: fuzzy matches rewordings, the guard blocks different populations", "[catalog][match]") {
    const Catalog& c = bundled();
    const auto m = c.match("国家学生体质健康达标优良率");
    CHECK(m.code == "HC08-01");
    CHECK(m.reason != MatchReason::none);

    // Different population or disease: similar names, different indicators.
    const auto newborn = c.match("新生儿死亡率");
    CHECK(newborn.code.empty());
    CHECK(newborn.detail.find("other qualifiers") != std::string::npos);  // said why, for review
    CHECK(c.match("高血压患者规范管理率").code == "HC11-03");
    const auto diabetes = c.match("糖尿病患者规范管理率");
    CHECK(diabetes.code == "HC14-02");
    const auto tb = c.match("肺结核发病率");
    CHECK_FALSE(tb.matched_ok());
    CHECK_FALSE(tb.detail.empty());
    CHECK(c.match("").detail == "empty name");
}

TEST_CASE("qualifiers and bigram similarity", "[catalog]") {
    CHECK(indicator_qualifiers("婴儿死亡率") == std::vector<std::string>{"婴儿"});
    CHECK(indicator_qualifiers("5岁以下儿童死亡率") == std::vector<std::string>{"5", "儿童"});
    CHECK(indicator_qualifiers("65～74岁老年人失能发生率") == indicator_qualifiers("65-74岁老年人失能发生率"));
    CHECK(bigram_dice("abc", "abc") == Approx(1.0));
    CHECK(bigram_dice("ab", "cd") == Approx(0.0));
    CHECK(bigram_dice("婴儿死亡率", "5岁以下儿童死亡率") < 0.5);
    CHECK(normalize_indicator_name("全市居民健康素养水平(%)") == "健康素养");
    CHECK(normalize_indicator_name("ＡＢＣ") == "abc");
    CHECK(normalize_indicator_name("15岁及以上人群吸烟率") == normalize_indicator_name("15岁以上人群吸烟率"));
}

TEST_CASE("a name written in traditional script matches like its simplified form", "[catalog]") {
    // Extraction reports names as written, so a traditional plan's names
    // reach the catalog in traditional script.
    CHECK(normalize_indicator_name("城鄉居民健康素養水平") == normalize_indicator_name("城乡居民健康素养水平"));
    CHECK(normalize_indicator_name("人均預期壽命(歲)") == normalize_indicator_name("人均预期寿命(岁)"));
    const Catalog c = bundled();
    CHECK(c.match("嬰兒死亡率").code == c.match("婴儿死亡率").code);
    CHECK(c.match("嬰兒死亡率").matched_ok());
}

TEST_CASE("users add aliases and whole catalogs", "[catalog]") {
    Catalog c = bundled();
    CHECK_FALSE(c.match("控烟率").matched_ok());
    c.add_alias("HC04-01", "控烟率");
    CHECK(c.match("控烟率").code == "HC04-01");
    CHECK_THROWS_AS(c.add_alias("XX99-99", "x"), ValidationError);

    const Catalog extra = Catalog::from_json(R"json({
      "schema": "healthplan.catalog", "version": 1,
      "indicators": [{"code": "L01", "name": "每千人口医疗卫生机构床位数", "unit": "张", "direction": "higher",
                      "targets": [{"year": 2025, "op": ">=", "value": 7.0, "text": "7.0"}]}],
      "aliases": {"HC07-01": ["婴儿死亡率(本地口径)"]}
    })json",
                                             "extra.json");
    c.merge(extra);
    CHECK(c.match("每千人口医疗卫生机构床位数").code == "L01");
    CHECK(c.match("婴儿死亡率(本地口径)").code == "HC07-01");
    CHECK(c.find("L01")->target_for(2025)->unit.symbol() == "张");
}

TEST_CASE("catalog JSON errors name the place", "[catalog]") {
    try {
        Catalog::from_json(R"json({"indicators": [{"code": "A", "name": "x", "unit": "furlongs"}]})json", "bad.json");
        FAIL("expected a UnitError");
    } catch (const UnitError& e) {
        CHECK(e.where() == "bad.json:/indicators/0/unit");
    }
    try {
        Catalog::from_json(
            R"json({"indicators": [{"code": "A", "name": "x", "targets": [{"year": 2030, "kind": "level"}]}]})json",
            "bad.json");
        FAIL("expected a SchemaError");
    } catch (const SchemaError& e) {
        CHECK(e.where() == "bad.json:/indicators/0/targets/0/value");
    }
    CHECK_THROWS_AS(Catalog::from_json(R"json({"indicators": [{"code": "A", "name": "x", "colour": 1}]})json"),
                    SchemaError);
    CHECK_THROWS_AS(Catalog::from_json("{", "x"), ParseError);
    CHECK_THROWS_AS(Catalog::from_json(R"json({"version": 7})json"), SchemaError);
    CHECK_THROWS_AS(
        Catalog::from_json(R"json({"indicators": [{"code": "A", "name": "x"}, {"code": "A", "name": "y"}]})json"),
        SchemaError);
    const Catalog aliases_only = Catalog::from_json(R"json({"aliases": {"NOPE": ["x"]}})json");
    Catalog base = bundled();
    CHECK_THROWS_AS(base.merge(aliases_only), ValidationError);
}
