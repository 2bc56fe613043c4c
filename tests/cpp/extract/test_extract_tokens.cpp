// The tokenizer in front of the target grammar (src/extract/tokens.hpp):
// - examples/tokens/tokens.tsv: sentences with their exact tokens and hits;
// - over every development document, line by line: the tokens tile the line,
//   and the hits of each word class are exactly the positions where a byte
//   search finds a word of that class (what the rules' tests at a position
//   would find), and every digit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extract/scan.hpp"
#include "extract/tokens.hpp"

namespace fs = std::filesystem;
namespace ex = healthplan::detail::extract;

namespace {

const char* kind_name(ex::TokenKind k) {
    switch (k) {
        case ex::TokenKind::number:
            return "number";
        case ex::TokenKind::year:
            return "year";
        case ex::TokenKind::year_range:
            return "year_range";
        case ex::TokenKind::cn_numeral:
            return "cn_numeral";
        case ex::TokenKind::comparator:
            return "comparator";
        case ex::TokenKind::punct:
            return "punct";
        case ex::TokenKind::space:
            return "space";
        case ex::TokenKind::text:
            return "text";
    }
    return "?";
}

const char* punct_name(ex::Punct p) {
    switch (p) {
        case ex::Punct::none:
            return "";
        case ex::Punct::comma:
            return ".comma";
        case ex::Punct::colon:
            return ".colon";
        case ex::Punct::semicolon:
            return ".semicolon";
        case ex::Punct::stop:
            return ".stop";
        case ex::Punct::open:
            return ".open";
        case ex::Punct::close:
            return ".close";
        case ex::Punct::open_quote:
            return ".open_quote";
        case ex::Punct::close_quote:
            return ".close_quote";
        case ex::Punct::list_comma:
            return ".list_comma";
        case ex::Punct::other:
            return ".other";
    }
    return "?";
}

struct ClassName {
    std::uint16_t bit;
    const char* name;
};
constexpr ClassName class_names[] = {
    {ex::word::trigger, "trigger"},
    {ex::word::statement, "statement"},
    {ex::word::statement_rule, "rule"},
    {ex::word::reference, "reference"},
    {ex::word::soft, "soft"},
    {ex::word::better_than, "better_than"},
    {ex::word::trend_verb, "trend_verb"},
    {ex::word::distributive, "distributive"},
    {ex::word::announcing, "announcing"},
    {ex::word::digit, "digit"},
    {ex::word::open_quote, "open_quote"},
};

// "kind:text" for each token, a space written as ␣.
std::string show_tokens(std::string_view s, const ex::Tokens& t) {
    std::string out;
    for (const auto& k : t.tokens) {
        if (!out.empty()) out += ' ';
        std::string text(s.substr(k.b, k.e - k.b));
        for (std::size_t p; (p = text.find(' ')) != std::string::npos;) text.replace(p, 1, "␣");
        out += std::string(kind_name(k.kind)) + punct_name(k.punct) + ":" + text;
    }
    return out;
}

// "word@class+class" for each hit; the word is the longest lexicon word there,
// or the character (a digit, a quote); "-" when there is none.
std::string show_hits(std::string_view s, const ex::Tokens& t) {
    std::string out;
    for (const auto& h : t.hits) {
        if (!out.empty()) out += ' ';
        std::size_t len = 0;
        ex::lexicon_classes_at(s, h.pos, &len);
        if (!len) len = ex::u8len(static_cast<unsigned char>(s[h.pos]));
        out += std::string(s.substr(h.pos, len)) + "@";
        bool first = true;
        for (const auto& c : class_names)
            if (h.classes & c.bit) out += (first ? "" : "+") + std::string(c.name), first = false;
    }
    return out.empty() ? "-" : out;
}

std::vector<std::string> split_tab(const std::string& line) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    return f;
}

}  // namespace

TEST_CASE("tokens: the examples of examples/tokens/tokens.tsv", "[extract][tokens]") {
    std::ifstream in(fs::path(HEALTHPLAN_SOURCE_DIR) / "tests/cpp/extract/examples/tokens/tokens.tsv");
    REQUIRE(in);
    int n = 0;
    ex::Tokens t;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto f = split_tab(line);
        REQUIRE(f.size() == 3);
        ex::tokenize(f[0], 0, f[0].size(), t);
        INFO("sentence: " << f[0]);
        CHECK(show_tokens(f[0], t) == f[1]);
        CHECK(show_hits(f[0], t) == f[2]);
        ++n;
    }
    CHECK(n >= 10);
}

TEST_CASE("tokens: tiling and hits equal a byte search on every development document", "[extract][tokens]") {
    const fs::path root(HEALTHPLAN_SOURCE_DIR);
    std::vector<fs::path> docs;
    for (const fs::path dir : {root / "python/healthplan/data/plans", root / "tests/quality/heldout/docs",
                               root / "tests/quality/heldout2/docs", root / "tests/quality/real/docs"})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".txt") docs.push_back(e.path());
    REQUIRE(docs.size() > 20);
    const auto& words = ex::lexicon_words();
    std::size_t lines = 0, hits = 0;
    ex::Tokens t;
    for (const auto& p : docs) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string s = ss.str();
        for (std::size_t b = 0; b < s.size();) {
            std::size_t e = s.find('\n', b);
            if (e == std::string::npos) e = s.size();
            ex::tokenize(s, b, e, t);
            ++lines;
            // The tokens tile [b, e).
            std::size_t at_ = b;
            for (const auto& k : t.tokens) {
                REQUIRE(k.b == at_);
                REQUIRE(k.e > k.b);
                at_ = k.e;
            }
            REQUIRE(at_ == e);
            // The hits: for each position, the classes a byte search gives.
            std::vector<std::pair<std::size_t, std::uint16_t>> expected;
            for (std::size_t i = b; i < e; i += ex::u8len(static_cast<unsigned char>(s[i]))) {
                std::uint16_t c = 0;
                for (const auto& [w, cls] : words)
                    if (ex::at(s, i, w)) c |= cls;
                if (ex::is_digit_at(s, i)) c |= ex::word::digit;
                if (ex::at(s, i, "“")) c |= ex::word::open_quote;
                if (c) expected.emplace_back(i, c);
            }
            REQUIRE(t.hits.size() == expected.size());
            for (std::size_t k = 0; k < expected.size(); ++k) {
                INFO(p.filename().string() << " byte " << expected[k].first);
                REQUIRE(t.hits[k].pos == expected[k].first);
                REQUIRE(t.hits[k].classes == expected[k].second);
            }
            hits += expected.size();
            b = e + 1;
        }
    }
    CHECK(lines > 1000);
    CHECK(hits > 1000);
}
