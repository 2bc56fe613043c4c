// The target grammar's examples as data: every file in
// tests/cpp/extract/examples/*.tsv is a list of sentences with the targets
// they must give (or none), run by this one generic runner. Adding a form
// means adding lines there, not a TEST_CASE here. Format: examples/README.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/clause.hpp"
#include "healthplan/extract.hpp"

using namespace healthplan;

namespace {

namespace fs = std::filesystem;

const std::string kPreamble = "某市卫生健康发展规划\n\n一、发展目标\n\n";

std::string unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
            out += '\n';
            ++i;
        } else if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 't') {
            out += '\t';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(' ');
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(' ');
    return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split(std::string_view s, std::string_view sep) {
    std::vector<std::string> out;
    std::size_t b = 0;
    for (std::size_t f; (f = s.find(sep, b)) != std::string_view::npos; b = f + sep.size())
        out.push_back(trim(s.substr(b, f - b)));
    out.push_back(trim(s.substr(b)));
    return out;
}

std::string number(double v) {
    if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<long long>(std::llround(v)));
    std::ostringstream o;
    o.precision(12);
    o << v;
    return o.str();
}

// One target as the examples write it: "name | year | kind | op | value | unit [| flags]".
std::string render(const Target& t) {
    std::string r = t.indicator + " | " + (t.year ? std::to_string(*t.year) : "-") + " | " +
                    std::string(to_string(t.kind)) + " | " + std::string(to_string(t.comparator)) + " | " +
                    (t.value ? number(*t.value) : "-") + " | " + (t.unit.is_none() ? "-" : t.unit.symbol());
    if (t.certainty == Certainty::uncertain) r += " | uncertain";
    if (t.soft) r += " | soft";
    return r;
}

struct Example {
    std::string file;
    int line = 0;
    std::string raw;  // the sentence as the file writes it (\n escaped)
    std::string body;
    std::vector<std::string> expected;  // sorted
    bool todo = false;                  // a known gap: must still fail (strict)
};

std::vector<Example> load_examples() {
    std::vector<Example> out;
    const fs::path dir = fs::path(HEALTHPLAN_SOURCE_DIR) / "tests/cpp/extract/examples";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".tsv") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || line[0] == '#') continue;
            Example ex;
            ex.file = f.filename().string();
            ex.line = n;
            std::string_view rest = line;
            if (rest.rfind("todo\t", 0) == 0) {
                ex.todo = true;
                rest.remove_prefix(5);
            }
            const auto tab = rest.find('\t');
            if (tab == std::string_view::npos) FAIL(ex.file << ":" << n << ": no tab between sentence and targets");
            ex.raw = std::string(rest.substr(0, tab));
            ex.body = unescape(ex.raw);
            const std::string targets = trim(rest.substr(tab + 1));
            if (targets != "-")
                for (auto& t : split(targets, " || ")) ex.expected.push_back(t);
            std::sort(ex.expected.begin(), ex.expected.end());
            out.push_back(std::move(ex));
        }
    }
    return out;
}

std::vector<std::string> run(const Example& ex) {
    ExtractOptions o;
    o.name = "example";
    const Plan p = extract(kPreamble + ex.body + "\n", o);
    std::vector<std::string> got;
    for (const auto& t : p.targets) got.push_back(render(t));
    std::sort(got.begin(), got.end());
    return got;
}

std::string joined(const std::vector<std::string>& v) {
    if (v.empty()) return "-";
    std::string r;
    for (const auto& s : v) r += (r.empty() ? "" : "\n    ") + s;
    return r;
}

}  // namespace

TEST_CASE("every example sentence gives exactly its targets", "[extract][examples]") {
    const auto examples = load_examples();
    REQUIRE(examples.size() >= 50);
    int todo = 0;
    for (const auto& ex : examples) {
        const auto got = run(ex);
        INFO(ex.file << ":" << ex.line << "\n  " << ex.body << "\n  expected:\n    " << joined(ex.expected)
                     << "\n  got:\n    " << joined(got));
        if (ex.todo) {
            ++todo;
            CHECK(got != ex.expected);  // fixed? drop its "todo" mark
        } else {
            CHECK(got == ex.expected);
        }
    }
    WARN(examples.size() << " examples, " << todo << " marked todo");
}

TEST_CASE("every grammar rule's doc and negative example is an example line", "[extract][examples][rules]") {
    // The rule table (src/extract/rules.cpp) names each rule's doc example and
    // negative example; the .tsv files hold their exact targets, so a rule's
    // pair is checked by the runner above and stays in step with its code.
    const auto examples = load_examples();
    const auto& rules = detail::extract::grammar_rules();
    REQUIRE(rules.size() >= 10);
    for (const auto& rule : rules) {
        INFO("rule " << rule.name << ": add its example lines to tests/cpp/extract/examples/*.tsv");
        auto line = [&](std::string_view sentence) {
            return std::find_if(examples.begin(), examples.end(),
                                [&](const Example& ex) { return !ex.todo && ex.raw == sentence; });
        };
        const auto pos = line(rule.example);
        const auto neg = line(rule.negative);
        REQUIRE(pos != examples.end());
        CHECK(!pos->expected.empty());
        REQUIRE(neg != examples.end());
        CHECK(neg->expected.empty());
    }
}
