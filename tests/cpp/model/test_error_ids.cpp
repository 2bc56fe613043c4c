// The error-id table in error_ids.hpp is the one list: README.md's table must name
// exactly those ids, and every id literal in src/ must be in it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <healthplan/error.hpp>
#include <healthplan/error_ids.hpp>

using namespace healthplan;

namespace {
std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::set<std::string> table_ids() {
    std::set<std::string> out;
    for (const auto& e : error_ids) out.insert(std::string(e.id));
    return out;
}

// Ids in backticks in the rows of README.md's "Error ids" table.
std::set<std::string> readme_ids() {
    const std::string readme = read(std::filesystem::path(HEALTHPLAN_SOURCE_DIR) / "README.md");
    const auto start = readme.find("## Error ids");
    const auto end = readme.find("\n## ", start + 1);
    std::istringstream section(readme.substr(start, end - start));
    std::set<std::string> out;
    const std::regex id(R"(`([a-z_]+\.[a-z_0-9]+)`)");
    for (std::string line; std::getline(section, line);) {
        if (line.rfind("| `", 0) != 0) continue;
        const std::string first_cell = line.substr(0, line.find(" | ", 2));
        for (std::sregex_iterator it(first_cell.begin(), first_cell.end(), id), stop; it != stop; ++it)
            out.insert((*it)[1]);
    }
    return out;
}
}  // namespace

TEST_CASE("README's error table lists exactly the ids of healthplan::error_ids", "[error]") {
    const auto readme = readme_ids();
    const auto table = table_ids();
    for (const auto& id : table) {
        INFO("in error_ids but not in README.md: " << id);
        CHECK(readme.count(id) == 1);
    }
    for (const auto& id : readme) {
        INFO("in README.md but not in error_ids: " << id);
        CHECK(table.count(id) == 1);
    }
    CHECK(table.size() == std::size(error_ids));  // no id listed twice
}

TEST_CASE("every error id literal in src/ is in healthplan::error_ids", "[error]") {
    // An id is "<area>.<name>" with an area the table already uses.
    std::set<std::string> areas;
    for (const auto& e : error_ids) areas.insert(std::string(e.id.substr(0, e.id.find('.'))));
    std::string alternatives;
    for (const auto& a : areas) alternatives += (alternatives.empty() ? "" : "|") + a;
    const std::regex literal("\"((" + alternatives + ")\\.[a-z_0-9]+)\"");
    for (const auto& f :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(HEALTHPLAN_SOURCE_DIR) / "src")) {
        if (!f.is_regular_file()) continue;
        const std::string text = read(f.path());
        for (std::sregex_iterator it(text.begin(), text.end(), literal), stop; it != stop; ++it) {
            const std::string id = (*it)[1];
            INFO(f.path().string() << " uses " << id);
            CHECK(find_error_id(id) != nullptr);
        }
    }
}

TEST_CASE("errors copy without throwing and keep their parts", "[error]") {
    STATIC_REQUIRE(std::is_nothrow_copy_constructible_v<ParseError>);
    const ParseError e("json.syntax", "malformed", "plan.json:1:2");
    const ParseError copy = e;  // shares the message, allocates nothing
    CHECK(copy.id() == "json.syntax");
    CHECK(&copy.message() == &e.message());
    CHECK(std::string(copy.what()) == "[json.syntax] plan.json:1:2: malformed");
}

TEST_CASE("error messages quoting damaged input are valid UTF-8", "[error]") {
    // A message that quotes bytes cut inside a character, and a terminal escape.
    const ParseError e("json.syntax", "last read: '\"\xE4\xB8'", "f\x1B[31m.json");
    CHECK(e.message() == "last read: '\"\\xE4\\xB8'");
    CHECK(e.where() == "f\\x1B[31m.json");
    CHECK(std::string(e.what()).find('\x1B') == std::string::npos);
}
