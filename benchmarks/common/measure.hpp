// What every C++ benchmark reports besides its own figures: the process's peak
// memory and its CPU time. One copy, so the benchmarks of every stage measure
// alike (bench_evaluate and bench_evaluate_plans use it; bench_extract may).
// Header only: the benchmarks are one source file each (benchmarks/CMakeLists.txt)
// and include it by its path relative to theirs, "../common/measure.hpp".
#pragma once

#include <sys/resource.h>

#include <ctime>

namespace healthplan_bench {

// Peak resident memory of this process so far, in MiB (getrusage's ru_maxrss is kB on Linux).
inline double peak_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// CPU seconds this process has used, every thread summed: on a shared machine a
// steadier figure than the wall clock (std::clock, which is process CPU time on Linux).
inline double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace healthplan_bench
