// Agency normalisation: long/short names, levels, places, kinds.
#include <catch2/catch.hpp>

#include "healthplan/agencies.hpp"

using namespace healthplan;

TEST_CASE("the health commission of every plan lines up", "[agencies]") {
    const auto a = normalize_agency("市卫生健康委员会");
    const auto b = normalize_agency("市卫健委");
    const auto c = normalize_agency("乌海市卫生健康委员会");
    const auto d = normalize_agency("区卫生健康委员会");
    const auto e = normalize_agency("卫生健康局");
    for (const auto& x : {a, b, c, d, e}) {
        INFO(x.as_written);
        CHECK(x.kind == "health");
    }
    CHECK(a.canonical == "市卫生健康委员会");
    CHECK(b.canonical == a.canonical);
    CHECK(c.canonical == a.canonical);
    CHECK(c.place == "乌海市");
    CHECK(c.level == "市");
    CHECK(d.level == "区");
    CHECK(e.level.empty());
}

TEST_CASE("level prefixes are not cut out of words", "[agencies]") {
    const auto m = normalize_agency("市场监督管理局");
    CHECK(m.level.empty());
    CHECK(m.kind == "market_regulation");
    const auto mm = normalize_agency("市市场监督管理局");
    CHECK(mm.level == "市");
    CHECK(mm.core == "市场监督管理局");
    CHECK(normalize_agency("市乡村振兴局").kind == "agriculture");
    CHECK(normalize_agency("小拐乡政府").kind == "local_government");
    CHECK(normalize_agency("区委宣传部").kind == "propaganda");
    CHECK(normalize_agency("区委宣传部").level == "区");
}

TEST_CASE("places, short forms and the youth league", "[agencies]") {
    CHECK(normalize_agency("团市委").canonical == normalize_agency("共青团乌海市委员会").canonical);
    CHECK(normalize_agency("团市委").kind == "mass_organizations");
    CHECK(normalize_agency("市妇联").canonical == "市妇女联合会");
    CHECK(normalize_agency("市残联").canonical == normalize_agency("市残疾人联合会").canonical);
    CHECK(normalize_agency("市医保局").canonical == "市医疗保障局");
    CHECK(normalize_agency("市人社局").canonical == "市人力资源和社会保障局");
    CHECK(normalize_agency("市发改委").canonical == "市发展和改革委员会");
    CHECK(normalize_agency("市爱卫办").kind == "health");
    CHECK(normalize_agency("克拉玛依区卫生健康委员会").level == "区");
    CHECK(normalize_agency("武隆区教育委员会", {"武隆区"}).place == "武隆区");
    CHECK(normalize_agency("某某县教育局", {"某某县"}).canonical == "县教育局");
    CHECK(normalize_agency("乌海海关").place == "乌海市");
    CHECK(normalize_agency("ＸＹＺ").kind == "other");
}

TEST_CASE("department kinds of the bundled plans' units", "[agencies]") {
    struct Case {
        const char* name;
        const char* kind;
    };
    for (const Case k :
         {Case{"市教育局", "education"}, Case{"区文化体育广播电视和旅游局", "culture_tourism"},
          Case{"市民政局", "civil_affairs"}, Case{"市财政局", "finance"}, Case{"区公安局", "public_security"},
          Case{"市生态环境局", "ecology_environment"}, Case{"市住建局", "housing"}, Case{"市农牧局", "agriculture"},
          Case{"市交通运输局", "transport"}, Case{"市融媒体中心", "media"}, Case{"区总工会", "mass_organizations"},
          Case{"市科学技术协会", "mass_organizations"}, Case{"市科学技术局", "science_technology"},
          Case{"各街道办事处", "local_government"}, Case{"市人民医院", "health_institution"},
          Case{"市委网信办", "propaganda"}, Case{"市城市管理综合执法局", "urban_management"},
          Case{"相关镇(区)", "local_government"}}) {
        INFO(k.name);
        CHECK(normalize_agency(k.name).kind == k.kind);
    }
    CHECK(department_kinds().back().id == "other");
    CHECK(department_kind("health").label_zh == "卫生健康");
    CHECK(department_kind("nonsense").id == "other");
}

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

TEST_CASE("every unit of the gold tasks gets a kind; health units are health", "[agencies]") {
    const auto gold = std::filesystem::path(HEALTHPLAN_SOURCE_DIR) / "tests/quality/seeds/seed_tasks.jsonl";
    REQUIRE(std::filesystem::exists(gold));
    std::ifstream in(gold);
    std::set<std::string> units;
    for (std::string line; std::getline(in, line);) {
        const auto task = nlohmann::json::parse(line);
        for (const char* role : {"lead", "responsible"})
            for (const auto& u : task[role]) units.insert(u.get<std::string>());
    }
    REQUIRE(units.size() > 50);
    std::size_t other = 0;
    for (const auto& u : units) {
        INFO(u);
        const auto n = normalize_agency(u);
        CHECK_FALSE(n.canonical.empty());
        if (u.find("卫生健康委员会") != std::string::npos || u.find("卫健委") != std::string::npos)
            CHECK(n.kind == "health");
        if (u.find("教育局") != std::string::npos) CHECK(n.kind == "education");
        other += n.kind == "other";
    }
    // Only central vertical agencies (海关, 气象局, 烟草专卖局) and collective phrases remain.
    CHECK(other * 10 <= units.size());
}
