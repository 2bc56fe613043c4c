// Many threads extracting, loading, evaluating and saving at once. In the
// normal build it checks the results agree; under ThreadSanitizer
// (scripts/sanitize.sh, the 'tsan' preset) it is the data-race check.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include <healthplan/healthplan.hpp>

using namespace healthplan;
namespace fs = std::filesystem;

TEST_CASE("extract, load, evaluate and save from many threads at once", "[stress][threads]") {
    const fs::path root(HEALTHPLAN_SOURCE_DIR);
    std::vector<fs::path> docs;
    for (const auto& f : fs::directory_iterator(root / "python/healthplan/data/plans"))
        if (f.path().extension() == ".txt") docs.push_back(f.path());
    std::sort(docs.begin(), docs.end());
    REQUIRE(!docs.empty());
    const Observations obs =
        Observations::from_csv(root / "python/healthplan/data/observed/china_observed.csv", CsvOptions{"全国", ""});
    const fs::path dir = fs::temp_directory_path() / ("hp-stress-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path shared = dir / "shared.plan.json";  // every thread saves here too

    // The reference results, computed on one thread.
    std::vector<std::string> expected;
    for (const auto& d : docs) expected.push_back(to_json(extract_file(d)));

    constexpr int kThreads = 8, kRounds = 3;
    std::vector<std::string> failures(kThreads);
    std::vector<std::thread> pool;
    for (int t = 0; t < kThreads; ++t)
        pool.emplace_back([&, t] {
            try {
                for (int r = 0; r < kRounds; ++r) {
                    const std::size_t i = static_cast<std::size_t>(t + r) % docs.size();
                    const Plan plan = extract_file(docs[i]);
                    if (to_json(plan) != expected[i]) failures[t] = "extract differs on " + docs[i].string();
                    save_plan(plan, shared);
                    const Plan back = load_plan(dir / "shared.plan.json");  // some thread's plan, whole
                    back.validate();
                    (void)evaluate(plan, obs, EvaluationPolicy{});
                }
            } catch (const std::exception& e) {
                failures[t] = e.what();
            }
        });
    for (auto& th : pool) th.join();
    for (const auto& f : failures) CHECK(f.empty());
    const auto leftovers = std::distance(fs::directory_iterator(dir), fs::directory_iterator());
    CHECK(leftovers == 1);  // only shared.plan.json: no temporary left behind
    fs::remove_all(dir);
}
