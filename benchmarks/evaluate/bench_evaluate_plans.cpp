// The general path's C++ part: evaluate_table() on the plans and stores that
// bench_evaluate_plans.py --dump DIR writes (the Python benchmark's mixed-kind
// plans, planN.plan.json and obsN.csv per size), without Python — the process
// to profile.
//
//   python benchmarks/evaluate/bench_evaluate_plans.py --sizes 40000 --dump plans
//   bench_evaluate_plans plans [--repeat R] [--threads T]
//   perf record -g bench_evaluate_plans plans --repeat 20
//
// Prints one line per size: targets, CPU seconds per call (best of R), targets
// per CPU second, peak memory. Loading the files is not timed.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <healthplan/evaluate_table.hpp>
#include <healthplan/files.hpp>
#include <healthplan/json.hpp>

#include "../common/measure.hpp"

using healthplan_bench::cpu_seconds;
using healthplan_bench::peak_mib;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_evaluate_plans DIR [--repeat R] [--threads T]\n");
        return 2;
    }
    int repeat = 5, threads = 1;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
        if (std::strcmp(argv[i], "--threads") == 0) threads = std::max(1, std::atoi(argv[i + 1]));
    }
    // The 200,000-target plan's JSON is ~160 MB, above the default input limit (a guard
    // against hostile files, not meant for the benchmark's own).
    healthplan::set_max_input_bytes(std::size_t{1} << 31);
    // The sizes dumped, smallest first.
    std::vector<long> sizes;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("plan", 0) == 0 && name.size() > 14 && name.ends_with(".plan.json"))
            sizes.push_back(std::atol(name.c_str() + 4));
    }
    std::sort(sizes.begin(), sizes.end());
    if (sizes.empty()) {
        std::fprintf(stderr, "%s: no planN.plan.json (write them with bench_evaluate_plans.py --dump)\n", argv[1]);
        return 2;
    }
    for (const long n : sizes) {
        const std::filesystem::path dir = argv[1];
        const auto plan = healthplan::load_plan(dir / ("plan" + std::to_string(n) + ".plan.json"));
        const auto obs = healthplan::Observations::from_csv(dir / ("obs" + std::to_string(n) + ".csv"));
        const healthplan::Plan* plans[] = {&plan};
        double best = 1e300;
        std::size_t rows = 0;
        for (int r = 0; r < repeat; ++r) {
            const double c0 = cpu_seconds();
            rows = healthplan::evaluate_table(plans, obs, {}, 2024, threads).rows;
            best = std::min(best, cpu_seconds() - c0);
        }
        std::printf("%8zu targets, %d thread(s): %.4f cpu s, %9.0f targets per cpu s, peak %.0f MiB\n", rows, threads,
                    best, static_cast<double>(rows) / best, peak_mib());
    }
    return 0;
}
