#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <healthplan/error.hpp>
#include <healthplan/json.hpp>

#include "support/plan_generator.hpp"

using namespace healthplan;

namespace {
const std::string kExample = std::string(HEALTHPLAN_SOURCE_DIR) + "/examples/data/wuhai_example.plan.json";

std::string minimal(const std::string& target_json) {
    return R"({"schema_version": 1, "id": "p", "targets": [)" + target_json + "]}";
}

template <class E>
E error_of(const std::string& text) {
    try {
        plan_from_json(text);
    } catch (const E& e) {
        return e;
    }
    FAIL("expected an error of the given type");
    throw;
}
}  // namespace

TEST_CASE("save then load gives an equal plan, over many generated plans", "[json][property]") {
    for (unsigned seed = 1; seed <= 300; ++seed) {
        testing_support::PlanGenerator gen(seed);
        const Plan plan = gen.plan();
        plan.validate();
        const Plan again = plan_from_json(to_json(plan));
        INFO("seed " << seed);
        REQUIRE(again == plan);
        // Compact and pretty output read back the same.
        REQUIRE(plan_from_json(to_json(plan, -1)) == plan);
    }
}

TEST_CASE("the bundled example plan loads, validates and round-trips through a file", "[json]") {
    const Plan plan = load_plan(kExample);
    CHECK(plan.title == "健康乌海行动工作推进方案");
    CHECK(plan.targets.size() >= 10);
    const auto tmp = std::filesystem::temp_directory_path() / "healthplan_test_roundtrip.json";
    save_plan(plan, tmp);
    CHECK(load_plan(tmp) == plan);
    std::filesystem::remove(tmp);
}

TEST_CASE("malformed JSON names line and column", "[json][errors]") {
    const auto e = error_of<ParseError>("{\n  \"schema_version\": 1,\n  \"id\": \n}");
    CHECK(e.id() == "json.syntax");
    CHECK(e.where() == "4:1");
}

TEST_CASE("a value of the wrong type names its JSON pointer", "[json][errors]") {
    const auto e = error_of<SchemaError>(
        minimal(R"({"id": "t1", "indicator": "x", "kind": "level", "comparator": ">=", "value": "22"})"));
    CHECK(e.where() == "/targets/0/value");
    CHECK(e.id() == "json.schema");
}

TEST_CASE("a year with a fraction is rejected at its pointer", "[json][errors]") {
    const auto e = error_of<SchemaError>(
        minimal(R"({"id": "t1", "indicator": "x", "kind": "level", "comparator": ">=", "value": 2, "year": 2022.5})"));
    CHECK(e.where() == "/targets/0/year");
}

TEST_CASE("unknown fields are reported, not dropped", "[json][errors]") {
    const std::string text =
        minimal(R"({"id": "t1", "indicator": "x", "kind": "level", "comparator": ">=", "value": 2, "valeu": 3})");
    const auto e = error_of<SchemaError>(text);
    CHECK(e.id() == "json.unknown_field");
    CHECK(e.where() == "/targets/0/valeu");
    std::vector<std::string> warnings;
    const Plan p = plan_from_json(text, {false, &warnings});
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("/targets/0/valeu") != std::string::npos);
    CHECK(p.targets.at(0).value == 2.0);
}

TEST_CASE("an unknown unit is a UnitError at its pointer", "[json][errors][units]") {
    const auto e = error_of<UnitError>(minimal(
        R"({"id": "t1", "indicator": "x", "kind": "level", "comparator": ">=", "value": 2, "unit": "furlong"})"));
    CHECK(e.where() == "/targets/0/unit");
}

TEST_CASE("an unknown enum spelling lists what is accepted", "[json][errors]") {
    const auto e = error_of<SchemaError>(
        minimal(R"({"id": "t1", "indicator": "x", "kind": "level", "comparator": "=>", "value": 2})"));
    CHECK(e.where() == "/targets/0/comparator");
    CHECK(e.message().find("'>='") != std::string::npos);
}

TEST_CASE("broken invariants and duplicate ids are ValidationErrors naming the object", "[json][errors]") {
    const auto missing_value =
        error_of<ValidationError>(minimal(R"({"id": "t1", "indicator": "x", "kind": "level", "comparator": ">="})"));
    CHECK(missing_value.where().find("/targets/0") == 0);
    CHECK(missing_value.where().find("value") != std::string::npos);
    const auto dup = error_of<ValidationError>(minimal(
        R"({"id": "t1", "indicator": "x", "kind": "trend", "comparator": "decrease"},
           {"id": "t1", "indicator": "y", "kind": "trend", "comparator": "increase"})"));
    CHECK(dup.id() == "model.duplicate_id");
    CHECK(dup.where() == "/targets/1");
    const auto year = error_of<ValidationError>(
        minimal(R"({"id": "t1", "indicator": "x", "kind": "level", "comparator": "<", "value": 5, "year": 1066})"));
    CHECK(year.message().find("1066") != std::string::npos);
}

TEST_CASE("NaN and infinities cannot enter a plan", "[json][errors]") {
    CHECK_THROWS_AS(
        plan_from_json(minimal(R"({"id": "t1", "indicator": "x", "kind": "level", "comparator": ">=", "value": NaN})")),
        ParseError);
    Target t;
    t.id = "t";
    t.indicator = "x";
    t.value = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(t.validate(), ValidationError);
}

TEST_CASE("unsupported schema versions are refused", "[json][errors]") {
    const auto e = error_of<SchemaError>(R"({"schema_version": 99})");
    CHECK(e.id() == "json.schema_version");
    CHECK(error_of<SchemaError>(R"({"id": "x"})").where() == "/schema_version");
}

TEST_CASE("file errors name the file", "[json][errors]") {
    const auto tmp = std::filesystem::temp_directory_path() / "healthplan_test_bad.json";
    {
        std::ofstream out(tmp);
        out << R"({"schema_version": 1, "targets": [{"id": 3}]})";
    }
    try {
        load_plan(tmp);
        FAIL("expected SchemaError");
    } catch (const SchemaError& e) {
        CHECK(e.where() == tmp.string() + "#/targets/0/id");
    }
    std::filesystem::remove(tmp);
    CHECK_THROWS_AS(load_plan("/nonexistent/plan.json"), ParseError);
}
