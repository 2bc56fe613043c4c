// Matching and normalisation throughput: every indicator name and agency
// name of the gold annotation of the five seed documents (tests/quality/seeds; a
// built-in list when it is absent), matched against the bundled catalog
// --repeat times. Prints one JSON line: names per second for the matcher
// (exact / alias / normalised / fuzzy mix as in real plans), for agency
// normalisation and for stringency, and the peak memory.
//
//   bench_compare [--repeat R] [--catalog FILE] [--gold DIR]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <healthplan/agencies.hpp>
#include <healthplan/catalog.hpp>
#include <healthplan/compare.hpp>

using namespace healthplan;

namespace {

double peak_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// The string values of `"key": "..."` and `"key": ["...", ...]` in JSON lines;
// enough for the gold files, and keeps the benchmark free of a JSON dependency.
void collect(const std::string& line, const std::string& key, std::set<std::string>& out) {
    const std::string tag = "\"" + key + "\": ";
    auto pos = line.find(tag);
    if (pos == std::string::npos) return;
    pos += tag.size();
    const bool list = line[pos] == '[';
    const auto end = list ? line.find(']', pos) : line.find("\", ", pos + 1);
    std::size_t i = pos;
    while (i < end) {
        const auto open = line.find('"', i);
        if (open == std::string::npos || open >= end + 1) break;
        const auto close = line.find('"', open + 1);
        if (close == std::string::npos) break;
        out.insert(line.substr(open + 1, close - open - 1));
        i = close + 1;
        if (!list) break;
    }
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 2000;
    // Defaults relative to the repository root, where the docs run it (as bench_extract):
    // __FILE__ is no anchor, ccache's CCACHE_BASEDIR makes it relative to the build folder.
    std::string catalog_path = "python/healthplan/data/catalog/healthy_china_2019_2030.json";
    std::string gold = "tests/quality/seeds";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--catalog"))
            catalog_path = argv[i + 1];
        else if (!std::strcmp(argv[i], "--gold"))
            gold = argv[i + 1];
    }
    const Catalog catalog = Catalog::load(catalog_path);

    std::set<std::string> indicators, agencies;
    {
        std::ifstream t(gold + "/seed_targets.jsonl"), k(gold + "/seed_tasks.jsonl");
        for (std::string line; std::getline(t, line);) collect(line, "indicator", indicators);
        for (std::string line; std::getline(k, line);) {
            collect(line, "lead", agencies);
            collect(line, "responsible", agencies);
        }
    }
    if (indicators.empty())
        indicators = {"15岁以上人群吸烟率", "成人吸烟率", "全市居民健康素养水平(%)", "婴儿死亡率", "肺结核发病率"};
    if (agencies.empty()) agencies = {"市卫生健康委员会", "市卫健委", "区教育局", "团市委", "市场监督管理局"};
    const std::vector<std::string> names(indicators.begin(), indicators.end());
    const std::vector<std::string> units(agencies.begin(), agencies.end());

    using clock = std::chrono::steady_clock;
    std::size_t matched = 0;
    auto t0 = clock::now();
    for (int r = 0; r < repeat; ++r)
        for (const auto& n : names) matched += catalog.match(n).matched_ok();
    const double match_s = std::chrono::duration<double>(clock::now() - t0).count();

    std::size_t kinds = 0;
    t0 = clock::now();
    for (int r = 0; r < repeat; ++r)
        for (const auto& u : units) kinds += normalize_agency(u).kind != "other";
    const double agency_s = std::chrono::duration<double>(clock::now() - t0).count();

    // Stringency: a level target against every entry's national 2030 target.
    std::size_t verdicts = 0, calls = 0;
    Target target;
    target.id = "t";
    target.year = 2030;
    target.value = 50;
    target.unit = Unit::percent();
    t0 = clock::now();
    for (int r = 0; r < repeat * 10; ++r)
        for (const auto& e : catalog.entries()) {
            verdicts += stringency(target, e).verdict != Stringency::not_comparable;
            ++calls;
        }
    const double str_s = std::chrono::duration<double>(clock::now() - t0).count();

    std::printf(
        "{\"names\": %zu, \"matched_share\": %.3f, \"match_per_s\": %.0f, \"agencies\": %zu, "
        "\"classified_share\": %.3f, \"agency_per_s\": %.0f, \"stringency_per_s\": %.0f, \"peak_mib\": %.1f}\n",
        names.size(), static_cast<double>(matched) / (repeat * names.size()), repeat * names.size() / match_s,
        units.size(), static_cast<double>(kinds) / (repeat * units.size()), repeat * units.size() / agency_s,
        calls / str_s, peak_mib());
    return verdicts == 0 ? 1 : 0;
}
