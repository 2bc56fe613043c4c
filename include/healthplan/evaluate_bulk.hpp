// The bulk path: targets of every kind as columns against series as columns.
//
// For millions of targets (every district × indicator × milestone), where
// building Plan objects would cost more than judging them. Inputs are read in
// place (numpy arrays from Python, without copying); the judgement is the same
// code the per-plan `evaluate` uses for level targets, so both agree exactly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/policy.hpp"
#include "healthplan/target.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// Observations: one row per (series, year); values already in the targets' unit.
// Rows sorted by (series, year) are used as they are; otherwise a sorted order
// is computed once (memory: one index per row). Duplicate (series, year) rows
// are a DataError naming the row indices. NaN values are a DataError.
struct SeriesColumns {
    std::span<const std::int64_t> series;
    std::span<const std::int64_t> year;
    std::span<const double> value;
};

// Level targets: one row per target. `comparator` holds Comparator values
// (0 ge, 1 gt, 2 le, 3 lt, 4 eq, 5 approx). `baseline_year` (optional, empty
// span = none) restricts points to years ≥ it. `lower`/`upper` (optional)
// bound projections (use ±inf for none); empty spans = unbounded.
struct LevelTargetColumns {
    std::span<const std::int64_t> series;
    std::span<const double> threshold;
    std::span<const std::int8_t> comparator;
    std::span<const std::int64_t> year;
    std::span<const std::int64_t> baseline_year;
    std::span<const double> lower;
    std::span<const double> upper;
};

// Targets of every kind: one row per target. Optional columns are empty spans.
//   kind             TargetKind codes (0 level, 1 change, 2 rate, 3 trend, 4 benchmark, 5 milestone); empty = all level
//   value            level: the threshold; change: the amount; rate: the amount a year (in the series'
//                    unit; relative modes in %); NaN for trend, benchmark and milestone
//   year             target year, 0 = none
//   baseline_year    0 = none: points from this year on (change: the reference year when none is given)
//   baseline_value   NaN = none: the plan's stated baseline, added as a point when not observed
//   reference_year   change / rate: the reference year (0 = none); reference_value: stated value (NaN = none)
//   change_mode      ChangeMode codes (0 relative, 1 points, 2 absolute); empty = relative
//   direction        the indicator's direction: +1 more is better, −1 less, 0 unknown (bare numbers)
//   nature           Nature codes (0 unspecified, 1 binding, 2 expected, 3 advocacy)
//   benchmark_series the benchmark region's series id (benchmark targets)
//   trend_flags      bit 0: 持续减缓 (slowing); bit 1: the indicator is itself a growth rate
//   lower / upper    natural bounds of projections (±inf = none)
struct TargetColumns {
    std::span<const std::int64_t> series;
    std::span<const std::uint8_t> kind;
    std::span<const std::int8_t> comparator;
    std::span<const double> value;
    std::span<const std::int64_t> year;
    std::span<const std::int64_t> baseline_year;
    std::span<const double> baseline_value;
    std::span<const std::int64_t> reference_year;
    std::span<const double> reference_value;
    std::span<const std::uint8_t> change_mode;
    std::span<const std::int8_t> direction;
    std::span<const std::uint8_t> nature;
    std::span<const std::int64_t> benchmark_series;
    std::span<const std::uint8_t> trend_flags;
    std::span<const double> lower;
    std::span<const double> upper;
};

// Category codes of TargetResultColumns::category (see level_category_name).
std::string_view level_category_name(std::uint8_t code);
// Insufficient-data reason codes of TargetResultColumns::reason ("" for 0).
std::string_view bulk_reason_text(std::uint8_t code);

namespace detail {
// Memory of result columns. On Linux, blocks of 4 MiB and more are mapped on
// their own and marked for transparent huge pages (honoured when the system's
// setting is "madvise" or "always"): a million-row column then takes a few
// 2 MiB page faults instead of two thousand 4 KiB ones, each of which costs a
// kernel entry, a page allocation and a memory-cgroup charge — the faults were
// a fifth of the bulk path's time. Elsewhere, and for small blocks, operator new.
void* allocate_column(std::size_t bytes);
void free_column(void* p, std::size_t bytes) noexcept;
}  // namespace detail

// An allocator whose resize() leaves numbers uninitialised: evaluate_columns
// writes every row of every result column, so zeroing them first only costs a
// second pass over fresh pages — and faults them all in on one thread, where
// the judging threads would each touch their own slice.
template <class T>
struct UninitializedAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = UninitializedAllocator<U>;
    };
    UninitializedAllocator() noexcept = default;
    template <class U>
    UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
        return static_cast<T*>(detail::allocate_column(n * sizeof(T)));
    }
    void deallocate(T* p, std::size_t n) noexcept { detail::free_column(p, n * sizeof(T)); }
    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;  // default-, not value-initialised
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};
template <class T, class U>
bool operator==(const UninitializedAllocator<T>&, const UninitializedAllocator<U>&) noexcept {
    return true;  // stateless: any instance frees what another allocated
}

// A result column (a std::vector whose resize() does not zero).
template <class T>
using ResultColumn = std::vector<T, UninitializedAllocator<T>>;

// One column per field of TargetResult that is a number; the same values as
// evaluate() gives for the same target (NaN where it gives NaN).
struct TargetResultColumns {
    ResultColumn<std::uint8_t> verdict;      // Verdict values
    ResultColumn<std::uint8_t> category;     // level_category_name(code)
    ResultColumn<std::uint8_t> reason;       // bulk_reason_text(code)
    ResultColumn<std::int64_t> latest_year;  // 0 when none
    ResultColumn<double> latest_value;
    ResultColumn<double> threshold;  // as judged (change, rate: derived; benchmark: the benchmark value)
    ResultColumn<double> reference_value;
    ResultColumn<double> projected_value;
    ResultColumn<double> required_pace;
    ResultColumn<double> observed_pace;
    ResultColumn<double> years_to_target;
    ResultColumn<double> probability;
    ResultColumn<double> progress;
    ResultColumn<double> score;
    ResultColumn<std::int32_t> points;
    ResultColumn<std::uint8_t> stale;
};
using LevelResultColumns = TargetResultColumns;

// Judges every target, each by its kind and nature, with the rules of
// evaluate(). Throws DataError / ValidationError for bad input (shapes, codes,
// NaN values, a milestone observation other than 0/1) before any judging
// starts. `threads` > 1 splits the targets into that many contiguous slices
// judged in parallel (results are identical; default 1, because the caller — a
// Dask or Spark worker — usually owns the cores).
TargetResultColumns evaluate_columns(const SeriesColumns& observations, const TargetColumns& targets,
                                     const EvaluationPolicy& policy, int as_of, int threads = 1);

// Level targets only (the first bulk API): the same as evaluate_columns with
// every target of kind level.
LevelResultColumns evaluate_level_columns(const SeriesColumns& observations, const LevelTargetColumns& targets,
                                          const EvaluationPolicy& policy, int as_of, int threads = 1);

HEALTHPLAN_END_NAMESPACE
