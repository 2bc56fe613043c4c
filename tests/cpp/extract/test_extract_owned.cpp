// extract_owned (include/healthplan/extract.hpp) releases the caller's text
// while the grammar runs and rebuilds it from the normalised copy
// (src/extract/restore.hpp): the plan must be the one extract() gives, and
// the rebuilt text the original, byte for byte, for texts normalisation
// changes in every way it can (full-width digits, page-number lines, cell
// markers, hard wraps, traditional script) and for texts it leaves alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "extract/normalize.hpp"
#include "extract/restore.hpp"
#include "healthplan/extract.hpp"
#include "healthplan/json.hpp"

namespace fs = std::filesystem;
namespace ex = healthplan::detail::extract;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

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

// The text with what normalisation undoes: full-width digits, a page-number
// line every 20 lines, a " |" cell marker on short lines, traditional 们/发/为.
std::string damaged(const std::string& t) {
    std::string out;
    int line = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            out += "\xEF\xBC";
            out += static_cast<char>(0x90 + (c - '0'));
        } else if (c == '\n') {
            const std::size_t b = out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1;
            if (out.size() - b < 12 && out.size() > b) out += " |";
            out += '\n';
            if (++line % 20 == 0) out += "- " + std::to_string(line / 20) + " -\n";
        } else {
            out += c;
        }
    }
    for (auto [s, tr] : {std::pair<std::string, std::string>{"们", "們"}, {"发", "發"}, {"为", "為"}})
        for (std::size_t p = 0; (p = out.find(s, p)) != std::string::npos; p += tr.size()) out.replace(p, s.size(), tr);
    return out;
}

}  // namespace

TEST_CASE("Restore rebuilds the original from the normalised text, in place and by slices", "[extract][owned]") {
    std::mt19937 rng(7);
    int changed = 0;
    for (const auto& p : development_documents()) {
        for (const std::string& text : {read(p), damaged(read(p))}) {
            const ex::Normalized norm = ex::normalize(text);
            if (!norm.changed) continue;
            ++changed;
            const auto r = ex::Restore::build(norm, text);
            REQUIRE(r);
            REQUIRE(r->size() == text.size());
            CHECK(r->stored_bytes() < text.size());
            std::string scratch;
            for (int k = 0; k < 200; ++k) {
                std::size_t b = rng() % (text.size() + 1), e = rng() % (text.size() + 1);
                if (b > e) std::swap(b, e);
                REQUIRE(r->slice(norm.text, b, e, scratch) == std::string_view(text).substr(b, e - b));
            }
            std::string buf = norm.text;
            r->rebuild_in_place(buf);
            REQUIRE(buf == text);
        }
    }
    CHECK(changed > 20);
}

TEST_CASE("extract_owned gives extract's plan, spans and evidence included", "[extract][owned]") {
    for (const auto& p : development_documents()) {
        for (const std::string& text : {read(p), damaged(read(p))}) {
            INFO(p.filename().string());
            healthplan::ExtractOptions o;
            o.name = p.filename().string();
            const std::string kept = healthplan::to_json(healthplan::extract(text, o));
            std::string given = text;
            CHECK(healthplan::to_json(healthplan::extract_owned(std::move(given), o)) == kept);
        }
    }
}

TEST_CASE("extract_owned on texts of several MiB, whose pages are released behind the evidence", "[extract][owned]") {
    // The seeds repeated to 3 MB: normalisation changes them (the restore
    // path), and 1.5 MB of tab rows it leaves alone (the text
    // handed over is the one read).
    std::string seeds;
    for (const auto& p : development_documents())
        if (p.parent_path().filename() == "plans") seeds += read(p) + "\n";
    std::string rows = "某市健康指标\n\n一、主要指标\n\n序号\t指标名称\t2025年目标值\n";
    for (int row = 1; rows.size() < 1'500'000; ++row)
        rows += std::to_string(row) + "\t第" + std::to_string(row) + "项指标达标率（%）\t≥" + std::to_string(row % 90) +
                "\n";
    std::string big;
    while (big.size() < 3'000'000) big += seeds;
    for (const bool changed : {true, false}) {
        const std::string& text = changed ? big : rows;
        CHECK(ex::normalize(text).changed == changed);
        const std::string kept = healthplan::to_json(healthplan::extract(text));
        std::string given = text;
        CHECK(healthplan::to_json(healthplan::extract_owned(std::move(given))) == kept);
    }
}
