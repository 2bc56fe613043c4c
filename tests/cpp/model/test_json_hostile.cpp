// Hostile and damaged plan JSON: each is refused with the right error naming
// the place, never a crash, a foreign exception or silently dropped data.
#include <catch2/catch.hpp>

#include <healthplan/error.hpp>
#include <healthplan/json.hpp>
#include <healthplan/text.hpp>

using namespace healthplan;

namespace {
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

std::string nested_sections(int depth) {
    std::string s = R"({"schema_version": 1, "sections": [)";
    for (int i = 0; i < depth; ++i) s += R"({"label": "x", "children": [)";
    for (int i = 0; i < depth; ++i) s += "]}";
    return s + "]}";
}
}  // namespace

TEST_CASE("deeply nested sections are refused, not a stack overflow", "[json][hostile]") {
    // ~16,000 levels used to crash `validate` with SIGSEGV (read_section recursed per level).
    const auto e = error_of<SchemaError>(nested_sections(16000));
    CHECK(e.id() == "json.too_deep");
    CHECK(e.where().rfind("/sections/0/children/0/children/0", 0) == 0);
    // Nesting a real plan uses still loads.
    CHECK(plan_from_json(nested_sections(20)).sections.size() == 1);
}

TEST_CASE("a duplicate key is an error naming it, not a dropped value", "[json][hostile]") {
    const auto e = error_of<SchemaError>(R"({"schema_version": 1, "title": "a", "title": "b"})");
    CHECK(e.id() == "json.duplicate_key");
    CHECK(e.where() == "/title");
    const auto nested = error_of<SchemaError>(
        R"({"schema_version": 1, "targets": [{"id": "t1", "indicator": "x", "comparator": ">=", "year": 2030, "year": 2025}]})");
    CHECK(nested.where() == "/targets/0/year");
}

TEST_CASE("a number out of range is a ParseError with its position", "[json][hostile]") {
    const auto e = error_of<ParseError>("{\n  \"schema_version\": 1e400}");
    CHECK(e.id() == "json.syntax");
    CHECK(e.where() == "2:21");
}

TEST_CASE("invalid UTF-8 and lone surrogates in JSON strings give decodable messages", "[json][hostile]") {
    const auto bad = error_of<ParseError>("{\"schema_version\": 1, \"title\": \"\xE5\x81\"}");
    CHECK_FALSE(find_invalid_utf8(bad.what()));
    const auto surrogate = error_of<ParseError>(R"({"schema_version": 1, "title": "\ud800"})");
    CHECK(surrogate.id() == "json.syntax");
    CHECK_FALSE(find_invalid_utf8(surrogate.what()));
}

TEST_CASE("spans past the source or with evidence of the wrong length are refused", "[json][hostile]") {
    const std::string head = R"({"schema_version": 1, "source": {"size": 10}, "sections": [{"label": "一、", "span": )";
    const auto past = error_of<ValidationError>(head + R"({"begin": 4, "end": 40, "evidence": ""}}]})");
    CHECK(past.id() == "model.span");
    CHECK(past.where() == "/sections/0/span");
    const auto length = error_of<ValidationError>(head + R"({"begin": 0, "end": 2, "evidence": "一二"}}]})");
    CHECK(length.id() == "model.span");
    CHECK(plan_from_json(head + R"({"begin": 0, "end": 3, "evidence": "一"}}]})").sections.size() == 1);
}
