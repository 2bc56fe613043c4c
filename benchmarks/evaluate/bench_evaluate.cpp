// Bulk level evaluation through the C++ core: N targets against N series of
// 10 years each (default N = 1,000,000). Prints throughput and peak memory as
// one JSON line, so benchmarks/evaluate/bench_evaluate.py can compare it with the
// Python bulk path and with pandas on the same data.
//
//   bench_evaluate [--n N] [--repeat R] [--verdicts FILE]
//
// The data are a deterministic function of (series, year), identical to
// bench_evaluate.py's generator (see there).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <healthplan/evaluate_bulk.hpp>
#include <healthplan/verdict.hpp>

#include "../common/measure.hpp"

using namespace healthplan;
using healthplan_bench::cpu_seconds;
using healthplan_bench::peak_mib;

namespace {

constexpr int first_year = 2015;
constexpr int years = 10;
constexpr int as_of = 2024;

}  // namespace

int main(int argc, char** argv) {
    long long n = 1'000'000;
    int repeat = 3;
    int threads = 1;
    std::string verdict_file;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--n") && i + 1 < argc)
            n = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--verdicts") && i + 1 < argc)
            verdict_file = argv[++i];
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_evaluate [--n N] [--repeat R] [--threads T] [--verdicts FILE]\n");
            return 2;
        }
    }
    const std::size_t rows = static_cast<std::size_t>(n) * years;
    std::vector<std::int64_t> series(rows), year(rows);
    std::vector<double> value(rows);
    for (long long s = 0; s < n; ++s) {
        const double slope = static_cast<double>((s * 7919) % 101 - 50) / 50.0;
        for (int k = 0; k < years; ++k) {
            const std::size_t r = static_cast<std::size_t>(s) * years + static_cast<std::size_t>(k);
            const int y = first_year + k;
            series[r] = s;
            year[r] = y;
            value[r] = 20.0 + static_cast<double>(s % 37) * 0.5 + k * slope +
                       static_cast<double>((s * 31 + y * 17) % 13 - 6) * 0.05;
        }
    }
    std::vector<std::int64_t> t_series(static_cast<std::size_t>(n)), t_year(static_cast<std::size_t>(n));
    std::vector<double> t_threshold(static_cast<std::size_t>(n)), lower(static_cast<std::size_t>(n), 0.0),
        upper(static_cast<std::size_t>(n), 100.0);
    std::vector<std::int8_t> t_cmp(static_cast<std::size_t>(n));
    for (long long s = 0; s < n; ++s) {
        const auto i = static_cast<std::size_t>(s);
        t_series[i] = s;
        t_threshold[i] = 25.0 + static_cast<double>(s % 41);
        t_cmp[i] = static_cast<std::int8_t>(s % 4);
        t_year[i] = 2022 + s % 9;
    }
    const double input_mib = static_cast<double>(rows * 24 + static_cast<std::size_t>(n) * 41) / (1024.0 * 1024.0);

    SeriesColumns obs{series, year, value};
    LevelTargetColumns targets{t_series, t_threshold, t_cmp, t_year, {}, lower, upper};
    EvaluationPolicy policy;
    double best = 1e300, best_cpu = 1e300;
    LevelResultColumns result;
    for (int r = 0; r < repeat; ++r) {
        result = {};  // the previous run's result is freed outside the timed call
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_seconds();
        result = evaluate_level_columns(obs, targets, policy, as_of, threads);
        const double cpu = cpu_seconds() - c0;
        const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::min(best, sec);
        best_cpu = std::min(best_cpu, cpu);
    }
    int counts[verdict_count] = {};
    for (auto v : result.verdict) ++counts[v];
    if (!verdict_file.empty()) {
        std::ofstream out(verdict_file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(result.verdict.data()),
                  static_cast<std::streamsize>(result.verdict.size()));
    }
    std::printf(
        "{\"path\": \"cpp\", \"threads\": %d, \"targets\": %lld, \"observations\": %zu, \"seconds\": %.4f, "
        "\"cpu_seconds\": %.4f, "
        "\"targets_per_second\": %.0f, \"peak_mib\": %.1f, \"input_mib\": %.1f, \"verdicts\": {",
        threads, n, rows, best, best_cpu, static_cast<double>(n) / best, peak_mib(), input_mib);
    for (int v = 0; v < verdict_count; ++v)
        std::printf("%s\"%s\": %d", v ? ", " : "", std::string(to_string(static_cast<Verdict>(v))).c_str(), counts[v]);
    std::printf("}}\n");
    return 0;
}
