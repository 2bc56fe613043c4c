// The general path's C++ part: evaluate_table() on a plan and a store written
// by bench_evaluate_plans.py --dump DIR (the Python benchmark's mixed-kind plan),
// without Python — the process to profile.
//
//   python benchmarks/evaluate/bench_evaluate_plans.py --sizes 40000 --dump /tmp/plans
//   bench_evaluate_plans /tmp/plans/plan40000.plan.json /tmp/plans/obs40000.csv [--repeat R] [--threads T]
//   perf record -g bench_evaluate_plans ... --repeat 20
//
// Prints one line: rows, CPU seconds per call (best of R), targets per CPU
// second, peak memory. Loading the files is not timed.
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include <healthplan/evaluate_table.hpp>
#include <healthplan/json.hpp>

namespace {

double peak_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;  // kB on Linux
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_evaluate_plans PLAN.json OBS.csv [--repeat R] [--threads T]\n");
        return 2;
    }
    int repeat = 5, threads = 1;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
        if (std::strcmp(argv[i], "--threads") == 0) threads = std::max(1, std::atoi(argv[i + 1]));
    }
    const auto plan = healthplan::load_plan(argv[1]);
    const auto obs = healthplan::Observations::from_csv(argv[2]);
    const healthplan::Plan* plans[] = {&plan};
    double best = 1e300;
    std::size_t rows = 0;
    for (int r = 0; r < repeat; ++r) {
        const std::clock_t c0 = std::clock();
        rows = healthplan::evaluate_table(plans, obs, {}, 2024, threads).rows;
        best = std::min(best, static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    }
    std::printf("%zu targets, %d thread(s): %.4f cpu s, %.0f targets per cpu s, peak %.0f MiB\n", rows, threads, best,
                static_cast<double>(rows) / best, peak_mib());
    return 0;
}
