// The bulk path (see evaluate_bulk.hpp): one pass over sorted series, every
// target judged by the same numeric cores as evaluate() (level.hpp, kinds.hpp).
#include "healthplan/evaluate_bulk.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <numeric>
#include <string>
#include <thread>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__linux__)
#include <sys/mman.h>
#define HEALTHPLAN_HUGE_PAGES 1
#else
#define HEALTHPLAN_HUGE_PAGES 0
#endif

#include "evaluate/kinds.hpp"
#include "evaluate/level.hpp"
#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace detail {

namespace {
constexpr std::size_t huge_page = std::size_t{2} << 20;
constexpr std::size_t mapped_from = 2 * huge_page;  // smaller blocks: operator new
std::size_t mapped_size(std::size_t bytes) { return (bytes + huge_page - 1) / huge_page * huge_page; }
}  // namespace

void* allocate_column(std::size_t bytes) {
#if HEALTHPLAN_HUGE_PAGES
    if (bytes >= mapped_from) {
        void* p = ::mmap(nullptr, mapped_size(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        ::madvise(p, mapped_size(bytes), MADV_HUGEPAGE);  // a hint; refused, the pages are 4 KiB
        return p;
    }
#endif
    return ::operator new(bytes);
}

void free_column(void* p, std::size_t bytes) noexcept {
#if HEALTHPLAN_HUGE_PAGES
    if (bytes >= mapped_from) {
        ::munmap(p, mapped_size(bytes));
        return;
    }
#endif
    ::operator delete(p);
}

}  // namespace detail

std::string_view level_category_name(std::uint8_t code) {
    if (code >= static_cast<std::uint8_t>(detail::Category::count_)) return "";
    return detail::category_name(static_cast<detail::Category>(code));
}

std::string_view bulk_reason_text(std::uint8_t code) { return detail::reason_text(static_cast<detail::Reason>(code)); }

namespace {

using detail::inf;
using detail::nan;

// Whether rows [a, b) (a ≥ 1) break the sorted-input rules: a value that is
// not finite, or a row that does not strictly follow the previous one in
// (series, year) order (unsorted input, or a duplicate). Written as one
// reduction without branches so that it vectorises; built twice (AVX2 and the
// baseline), chosen when the library loads, where the CPU and compiler allow.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
bool breaks_order(const std::int64_t* s, const std::int64_t* y, const double* v, std::size_t a,
                  std::size_t b) noexcept {
    constexpr std::uint64_t exponent = 0x7ff0000000000000ull;  // all ones: inf or NaN
    std::uint64_t bad = 0;
    for (std::size_t i = a; i < b; ++i) {
        std::uint64_t bits;
        std::memcpy(&bits, v + i, sizeof bits);
        bad |= static_cast<std::uint64_t>((bits & exponent) == exponent);
        bad |= static_cast<std::uint64_t>(s[i] < s[i - 1]);
        bad |= static_cast<std::uint64_t>((s[i] == s[i - 1]) & (y[i] <= y[i - 1]));
    }
    return bad != 0;
}

// Rows [a, b) of sorted observations: writes the rows that start a series into
// out (room for b − a) and returns how many. `clean` turns false when a row
// breaks the sorted-input rules (breaks_order): the caller then redoes the
// checks one by one for the exact error. Blocks of rows are checked, then
// indexed while they are cached: about a nanosecond a row.
std::size_t scan_sorted(const SeriesColumns& obs, std::size_t a, std::size_t b, std::uint32_t* out,
                        bool& clean) noexcept {
    const std::int64_t* s = obs.series.data();
    const std::int64_t* y = obs.year.data();
    const double* v = obs.value.data();
    constexpr std::size_t block = 2048;
    std::size_t count = 0;
    clean = true;
    std::size_t i = a;
    if (i == 0 && i < b) {
        out[count++] = 0;
        clean = std::isfinite(v[0]);
        i = 1;
    }
    for (; i < b && clean; i += block) {
        const std::size_t end = std::min(b, i + block);
        if (breaks_order(s, y, v, i, end)) clean = false;
        for (std::size_t k = i; k < end; ++k) {
            out[count] = static_cast<std::uint32_t>(k);
            count += static_cast<std::size_t>(s[k] != s[k - 1]);
        }
    }
    return count;
}

// Runs fn(w, a, b) over `workers` contiguous slices of [0, n), in threads when
// more than one.
template <class Fn>
void in_slices(std::size_t n, std::size_t workers, Fn&& fn) {
    if (workers <= 1) {
        fn(std::size_t{0}, std::size_t{0}, n);
        return;
    }
    std::vector<std::thread> pool;
    const std::size_t chunk = (n + workers - 1) / workers;
    for (std::size_t w = 0; w < workers; ++w) {
        const std::size_t a = std::min(n, w * chunk), b = std::min(n, a + chunk);
        if (a < b) pool.emplace_back([&fn, w, a, b] { fn(w, a, b); });
    }
    for (auto& th : pool) th.join();
}

// Threads worth starting for n items: a slice should keep a thread busy for
// longer than starting it takes (tens of microseconds).
std::size_t workers_for(std::size_t n, int threads, std::size_t per_worker) {
    return std::max<std::size_t>(
        1, std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), n / per_worker + 1));
}

// The points of one series up to as-of: years as doubles, values in place.
struct View {
    const double* t = nullptr;
    const double* y = nullptr;
    std::size_t n = 0;
    bool empty() const { return n == 0; }
};

// Sorted view of the observations with a directory of series.
struct SeriesIndex {
    const SeriesColumns& obs;
    bool sorted = true;
    std::vector<std::uint32_t> order;  // the sorted order, when the input is not sorted
    // Position (in sorted order) of each series' first row, then the row count.
    // Uninitialised allocation: only the pages written are faulted in.
    ResultColumn<std::uint32_t> starts;
    std::vector<std::int64_t> ids;    // series ids by slot, unless consecutive
    std::vector<std::int64_t> dense;  // series id − min → slot, −1 when absent
    std::int64_t min_id = 0;
    std::size_t count = 0;     // series
    bool consecutive = false;  // ids are min_id, min_id + 1, …: no table needed

    SeriesIndex(const SeriesColumns& o, int threads) : obs(o) {
        const std::size_t n_obs = obs.series.size();
        if (obs.year.size() != n_obs || obs.value.size() != n_obs)
            throw DataError("bulk.shape", "observation columns differ in length", "observations");
        if (n_obs > std::numeric_limits<std::uint32_t>::max())
            throw DataError("bulk.size", "more than 2^32 observation rows; split the input", "observations");
        if (!scan_in_slices(threads)) index_one_by_one();
        min_id = count ? id_of(0) : 0;
        // Strictly ascending ids (checked above) are consecutive exactly when they
        // span as many values as there are series: the usual 0..N−1 are their own
        // slot. Dense ones index a table directly; sparse ones use binary search.
        consecutive = count && static_cast<std::size_t>(id_of(count - 1) - min_id) + 1 == count;
        if (!count || consecutive) return;
        ids.resize(count);
        for (std::size_t k = 0; k < count; ++k) ids[k] = id_of(k);
        if (static_cast<double>(ids.back() - ids.front()) < 4.0 * static_cast<double>(ids.size()) + 16) {
            dense.assign(static_cast<std::size_t>(ids.back() - ids.front() + 1), -1);
            for (std::size_t k = 0; k < count; ++k)
                dense[static_cast<std::size_t>(ids[k] - min_id)] = static_cast<std::int64_t>(k);
        }
    }

    // Sorted input (the usual case) is checked and indexed in one branch-free
    // pass, in parallel slices when `threads` allows; false when a row fails a
    // check (the slow pass below then finds which).
    bool scan_in_slices(int threads) {
        const std::size_t n_obs = obs.series.size();
        starts.resize(n_obs + 1);  // virtual room; written pages only
        const std::size_t workers = workers_for(n_obs, threads, 1u << 18);
        std::vector<std::size_t> found(workers, 0), first(workers, 0);
        std::vector<char> clean(workers, 1);
        in_slices(n_obs, workers, [&](std::size_t w, std::size_t a, std::size_t b) {
            bool ok = true;
            first[w] = a;
            found[w] = scan_sorted(obs, a, b, starts.data() + a, ok);
            clean[w] = ok;
        });
        if (std::find(clean.begin(), clean.end(), 0) != clean.end()) return false;
        // Each slice wrote its starts at its own first row; close the gaps.
        count = 0;
        for (std::size_t w = 0; w < workers; ++w) {
            if (count != first[w])
                std::copy(starts.begin() + static_cast<std::ptrdiff_t>(first[w]),
                          starts.begin() + static_cast<std::ptrdiff_t>(first[w] + found[w]),
                          starts.begin() + static_cast<std::ptrdiff_t>(count));
            count += found[w];
        }
        starts[count] = static_cast<std::uint32_t>(n_obs);
        starts.resize(count + 1);
        return true;
    }

    // The checks one row at a time, in the order that decides which error is
    // reported: a value that is not finite, then (sorted input) the first
    // duplicate; unsorted input is sorted once and its duplicates reported in
    // sorted order.
    void index_one_by_one() {
        const std::size_t n_obs = obs.series.size();
        auto key_less = [&](std::size_t a, std::size_t b) {
            return obs.series[a] != obs.series[b] ? obs.series[a] < obs.series[b] : obs.year[a] < obs.year[b];
        };
        auto not_finite = [&](std::size_t i) {
            return DataError("observations.nan", "value is not a finite number",
                             "observations row " + std::to_string(i));
        };
        auto duplicate = [&](std::size_t first, std::size_t second) {
            return DataError("observations.duplicate",
                             "two rows for series " + std::to_string(obs.series[second]) + ", year " +
                                 std::to_string(obs.year[second]) + " (rows " + std::to_string(first) + " and " +
                                 std::to_string(second) + ")",
                             "observations row " + std::to_string(second));
        };
        sorted = true;
        count = 0;
        std::size_t first_duplicate = 0;  // row of the second of the first duplicate pair, 0 = none
        std::size_t i = 0;
        for (; i < n_obs; ++i) {
            if (!std::isfinite(obs.value[i])) throw not_finite(i);
            if (i > 0) {
                if (key_less(i, i - 1)) {
                    sorted = false;
                    break;
                }
                if (obs.series[i] == obs.series[i - 1]) {
                    if (obs.year[i] == obs.year[i - 1] && !first_duplicate) first_duplicate = i;
                    continue;
                }
            }
            starts[count++] = static_cast<std::uint32_t>(i);
        }
        if (sorted && first_duplicate) throw duplicate(first_duplicate - 1, first_duplicate);
        if (!sorted) {
            for (; i < n_obs; ++i)
                if (!std::isfinite(obs.value[i])) throw not_finite(i);
            count = 0;
            order.resize(n_obs);
            std::iota(order.begin(), order.end(), 0u);
            std::stable_sort(order.begin(), order.end(),
                             [&](std::uint32_t a, std::uint32_t b) { return key_less(a, b); });
            for (std::size_t k = 0; k < n_obs; ++k) {
                const std::size_t r = row(k);
                if (k > 0 && obs.series[row(k - 1)] == obs.series[r] && obs.year[row(k - 1)] == obs.year[r])
                    throw duplicate(row(k - 1), r);
                if (k == 0 || obs.series[row(k - 1)] != obs.series[r]) starts[count++] = static_cast<std::uint32_t>(k);
            }
        }
        starts[count] = static_cast<std::uint32_t>(n_obs);
        starts.resize(count + 1);
    }

    std::size_t row(std::size_t k) const { return sorted ? k : order[k]; }
    std::int64_t id_of(std::size_t slot) const { return obs.series[row(starts[slot])]; }
    std::size_t begin_of(std::size_t slot) const { return starts[slot]; }
    std::size_t end_of(std::size_t slot) const { return starts[slot + 1]; }
    std::int64_t slot(std::int64_t id) const {
        const std::int64_t k = id - min_id;
        if (consecutive) return (k < 0 || k >= static_cast<std::int64_t>(count)) ? -1 : k;
        if (!dense.empty())
            return (k < 0 || k >= static_cast<std::int64_t>(dense.size())) ? -1 : dense[static_cast<std::size_t>(k)];
        auto it = std::lower_bound(ids.begin(), ids.end(), id);
        return (it != ids.end() && *it == id) ? static_cast<std::int64_t>(it - ids.begin()) : -1;
    }
    // Points of a series ≤ as_of: years converted into tb, values read in place
    // when the input is sorted (else gathered into yb).
    // (Written field by field into the caller's view: a returned struct was copied
    // with wide loads of narrow stores, a store-forwarding stall per target.)
    void points(std::int64_t id, std::int64_t as_of, std::vector<double>& tb, std::vector<double>& yb,
                View& out) const {
        out.n = 0;
        const std::int64_t found = slot(id);
        if (found < 0) return;
        const std::size_t a = begin_of(static_cast<std::size_t>(found)), b = end_of(static_cast<std::size_t>(found));
        std::size_t n = b - a;
        if (tb.size() < n) tb.resize(n);
        if (sorted) {
            const std::int64_t* years = obs.year.data() + a;
            while (n > 0 && years[n - 1] > as_of) --n;  // years ascend
            std::size_t k = 0;
#if defined(__SSE2__)
            // Stored in pairs, as the fit's vectorised loop loads them: a pair loaded
            // from two separate stores cannot be forwarded and waits for the cache.
            for (; k + 1 < n; k += 2)
                _mm_storeu_pd(tb.data() + k,
                              _mm_set_pd(static_cast<double>(years[k + 1]), static_cast<double>(years[k])));
#endif
            for (; k < n; ++k) tb[k] = static_cast<double>(years[k]);
            out.t = tb.data();
            out.y = obs.value.data() + a;
            out.n = n;
            return;
        }
        if (yb.size() < n) yb.resize(n);
        std::size_t k = 0;
        for (; k < n; ++k) {
            const std::size_t r = order[a + k];
            if (obs.year[r] > as_of) break;
            tb[k] = static_cast<double>(obs.year[r]);
            yb[k] = obs.value[r];
        }
        out.t = tb.data();
        out.y = yb.data();
        out.n = k;
    }
};

template <class T>
T at_or(std::span<const T> col, std::size_t i, T fallback) {
    return col.empty() ? fallback : col[i];
}

using detail::comparator_sign;

// Scratch buffers of one worker, reused across its targets (not copied: sel
// may point at its own member).
struct Scratch {
    Scratch() = default;
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    std::vector<double> all_t, all_y, t, y, bt, by, xs, ys, yrs, gap, own, ref;
    View all;                // the series' points up to as-of
    View copy;               // selected points, when not all of them (select)
    const View* sel = &all;  // the points judged: &all or &copy
    View bench;              // the benchmark series' points
};

// Points from `from` on (window applied) with a stated point added when its year
// is not observed, into s.sel.
void select(Scratch& s, std::int64_t from, double stated_year, double stated_value, const EvaluationPolicy& policy,
            int as_of) {
    const View& all = s.all;
    const bool stated =
        !std::isnan(stated_value) && stated_year > 0 && stated_year <= as_of && policy.use_stated_baseline;
    auto missing_from = [&](const double* years, std::size_t n) {
        return std::find(years, years + n, stated_year) == years + n;
    };
    // Every point kept and nothing added (the usual case): judged where they are.
    if (!all.empty() && all.t[0] >= static_cast<double>(from) && policy.window_years <= 0 &&
        !(stated && missing_from(all.t, all.n))) {
        s.sel = &s.all;
        return;
    }
    std::vector<double>& t = s.t;
    std::vector<double>& y = s.y;
    t.clear();
    y.clear();
    for (std::size_t k = 0; k < all.n; ++k)
        if (all.t[k] >= static_cast<double>(from)) t.push_back(all.t[k]), y.push_back(all.y[k]);
    if (policy.window_years > 0 && !t.empty()) {
        const double last = t.back();
        std::size_t drop = 0;
        while (drop < t.size() && t[drop] < last - policy.window_years) ++drop;
        t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(drop));
        y.erase(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(drop));
    }
    if (stated && missing_from(t.data(), t.size())) {
        const auto pos = std::lower_bound(t.begin(), t.end(), stated_year) - t.begin();
        t.insert(t.begin() + pos, stated_year);
        y.insert(y.begin() + pos, stated_value);
    }
    s.copy.t = t.data();
    s.copy.y = y.data();
    s.copy.n = t.size();
    s.sel = &s.copy;
}

}  // namespace

TargetResultColumns evaluate_columns(const SeriesColumns& obs, const TargetColumns& tg, const EvaluationPolicy& policy,
                                     int as_of, int threads) {
    policy.validate();
    const SeriesIndex index(obs, threads);
    const std::size_t m = tg.series.size();
    auto check = [&](std::size_t size, const char* name, bool optional) {
        if ((optional && size == 0) || size == m) return;
        throw DataError("bulk.shape",
                        std::string("target column '") + name + "' has " + std::to_string(size) + " rows, expected " +
                            std::to_string(m),
                        "targets");
    };
    check(tg.kind.size(), "kind", true);
    check(tg.comparator.size(), "comparator", false);
    check(tg.value.size(), "value", false);
    check(tg.year.size(), "year", false);
    check(tg.baseline_year.size(), "baseline_year", true);
    check(tg.baseline_value.size(), "baseline_value", true);
    check(tg.reference_year.size(), "reference_year", true);
    check(tg.reference_value.size(), "reference_value", true);
    check(tg.change_mode.size(), "change_mode", true);
    check(tg.direction.size(), "direction", true);
    check(tg.nature.size(), "nature", true);
    check(tg.benchmark_series.size(), "benchmark_series", true);
    check(tg.trend_flags.size(), "trend_flags", true);
    check(tg.lower.size(), "lower", true);
    check(tg.upper.size(), "upper", true);

    // Validate every target first, so the judging below cannot throw (and can run in threads).
    std::vector<char> milestone_checked;  // by series slot; sized at the first milestone target
    for (std::size_t i = 0; i < m; ++i) {
        const auto where = [&] { return "targets row " + std::to_string(i); };
        const std::int8_t cc = tg.comparator[i];
        if (cc < 0 || cc > static_cast<std::int8_t>(Comparator::decrease))
            throw DataError("bulk.comparator", "comparator code " + std::to_string(cc) + " is not 0..7", where());
        const auto kind = static_cast<TargetKind>(at_or<std::uint8_t>(tg.kind, i, 0));
        if (static_cast<int>(kind) > static_cast<int>(TargetKind::milestone))
            throw DataError("bulk.kind", "kind code " + std::to_string(static_cast<int>(kind)) + " is not 0..5",
                            where());
        if (at_or<std::uint8_t>(tg.change_mode, i, 0) > static_cast<std::uint8_t>(ChangeMode::absolute))
            throw DataError("bulk.change_mode", "change mode code is not 0..2", where());
        if (at_or<std::uint8_t>(tg.nature, i, 0) > static_cast<std::uint8_t>(Nature::advocacy))
            throw DataError("bulk.nature", "nature code is not 0..3", where());
        const bool needs_value = kind == TargetKind::level || kind == TargetKind::change || kind == TargetKind::rate;
        if (needs_value && std::isnan(tg.value[i]))
            throw DataError("bulk.threshold", "the value (threshold or amount) is NaN", where());
        if (kind == TargetKind::benchmark && tg.benchmark_series.empty())
            throw DataError("bulk.benchmark", "a benchmark target needs the benchmark_series column", where());
        if (kind == TargetKind::milestone) {
            const std::int64_t s = index.slot(tg.series[i]);
            if (milestone_checked.empty()) milestone_checked.assign(index.count, 0);
            if (s >= 0 && !milestone_checked[static_cast<std::size_t>(s)]) {
                milestone_checked[static_cast<std::size_t>(s)] = 1;
                const auto slot = static_cast<std::size_t>(s);
                for (std::size_t k = index.begin_of(slot); k < index.end_of(slot); ++k) {
                    const std::size_t r = index.row(k);
                    if (obs.year[r] <= as_of && obs.value[r] != 0 && obs.value[r] != 1)
                        throw DataError("observations.milestone",
                                        "milestone observation must be 1 (done) or 0 (not done), got " +
                                            std::to_string(obs.value[r]) + " for " + where(),
                                        "observations row " + std::to_string(r));
                }
            }
        }
    }

    TargetResultColumns out;
    out.verdict.resize(m);
    out.category.resize(m);
    out.reason.resize(m);
    out.latest_year.resize(m);
    out.latest_value.resize(m);
    out.threshold.resize(m);
    out.reference_value.resize(m);
    out.projected_value.resize(m);
    out.required_pace.resize(m);
    out.observed_pace.resize(m);
    out.years_to_target.resize(m);
    out.probability.resize(m);
    out.progress.resize(m);
    out.score.resize(m);
    out.points.resize(m);
    out.stale.resize(m);

    auto store = [&](std::size_t i, const detail::LevelOutcome& o, double threshold, double reference) {
        out.verdict[i] = static_cast<std::uint8_t>(o.verdict);
        out.category[i] =
            static_cast<std::uint8_t>(o.verdict == Verdict::insufficient_data ? detail::Category::none : o.category);
        out.reason[i] = static_cast<std::uint8_t>(o.reason);
        out.latest_year[i] = std::isnan(o.latest_year) ? 0 : static_cast<std::int64_t>(o.latest_year);
        out.latest_value[i] = o.latest_value;
        out.threshold[i] = threshold;
        out.reference_value[i] = reference;
        out.projected_value[i] = o.projected;
        out.required_pace[i] = o.required_pace;
        out.observed_pace[i] = o.observed_pace;
        out.years_to_target[i] = o.years_to_target;
        out.probability[i] = o.probability;
        out.progress[i] = o.progress;
        out.score[i] = o.score;
        out.points[i] = o.points;
        out.stale[i] = o.stale ? 1 : 0;
    };
    // Insufficient data before any judging (no point, no direction, no reference).
    auto insufficient = [&](std::size_t i, detail::Reason why, double threshold = nan, double reference = nan) {
        detail::LevelOutcome o;
        o.reason = why;
        store(i, o, threshold, reference);
    };

    auto judge_one = [&](std::size_t i, Scratch& s) {
        const auto kind = static_cast<TargetKind>(at_or<std::uint8_t>(tg.kind, i, 0));
        const auto nature = static_cast<Nature>(at_or<std::uint8_t>(tg.nature, i, 0));
        if (nature == Nature::advocacy && policy.advocacy_never_scored) {
            detail::LevelOutcome o;
            o.verdict = Verdict::not_evaluable;
            store(i, o, kind == TargetKind::level ? tg.value[i] : nan, nan);
            return;
        }
        const auto cmp = static_cast<Comparator>(tg.comparator[i]);
        const int direction = at_or<std::int8_t>(tg.direction, i, 0);
        const std::int64_t year = tg.year[i];
        const bool has_year = year != 0;
        const std::int64_t base_year = at_or<std::int64_t>(tg.baseline_year, i, 0);
        const double base_value = at_or<double>(tg.baseline_value, i, nan);
        const double lower = at_or<double>(tg.lower, i, -inf), upper = at_or<double>(tg.upper, i, inf);
        index.points(tg.series[i], as_of, s.all_t, s.all_y, s.all);
        const std::int64_t no_from = std::numeric_limits<std::int64_t>::min();
        auto empty_reason = [&](std::int64_t from) {
            // The same distinction as evaluate(): nothing observed, or all before the base year.
            return s.all.empty() || from == no_from ? detail::Reason::no_observation : detail::Reason::before_base_year;
        };
        auto level = [&](double threshold, Comparator c, double reference) {
            detail::LevelSpec spec;
            spec.threshold = threshold;
            spec.comparator = c;
            spec.has_year = has_year;
            spec.year = static_cast<int>(year);
            spec.lower = lower;
            spec.upper = upper;
            spec.binding = nature == Nature::binding;
            spec.as_of = as_of;
            const auto o =
                detail::judge_level(s.sel->t, s.sel->y, static_cast<int>(s.sel->n), spec, policy.method, policy);
            store(i, o, threshold, reference);
        };
        switch (kind) {
            case TargetKind::level: {
                const std::int64_t from = base_year ? base_year : no_from;
                select(s, from, static_cast<double>(base_year), base_value, policy, as_of);
                if (s.sel->empty()) return insufficient(i, empty_reason(from), tg.value[i]);
                Comparator c = cmp;
                if (c == Comparator::eq && direction != 0) c = direction > 0 ? Comparator::ge : Comparator::le;
                return level(tg.value[i], c, nan);
            }
            case TargetKind::change: {
                const int d = comparator_sign(cmp, direction);
                if (d == 0) return insufficient(i, detail::Reason::no_direction);
                const std::int64_t ref_year_col = at_or<std::int64_t>(tg.reference_year, i, 0);
                const double ref_value_col = at_or<double>(tg.reference_value, i, nan);
                std::int64_t ref_year = 0;
                double ref = nan;
                if (!std::isnan(ref_value_col)) {
                    ref_year = ref_year_col ? ref_year_col : base_year;
                    ref = ref_value_col;
                } else if (ref_year_col) {
                    ref_year = ref_year_col;
                    for (std::size_t k = 0; k < s.all.n; ++k)
                        if (s.all.t[k] == static_cast<double>(ref_year)) ref = s.all.y[k];
                    if (std::isnan(ref) && !std::isnan(base_value) && (!base_year || base_year == ref_year))
                        ref = base_value;
                    if (std::isnan(ref)) return insufficient(i, detail::Reason::no_reference);
                } else if (!std::isnan(base_value)) {
                    ref_year = base_year;
                    ref = base_value;
                } else {
                    return insufficient(i, detail::Reason::no_reference);
                }
                const auto mode = static_cast<ChangeMode>(at_or<std::uint8_t>(tg.change_mode, i, 0));
                const double th = detail::change_threshold(ref, tg.value[i], mode, d);
                const std::int64_t from = ref_year ? ref_year : no_from;
                select(s, from, static_cast<double>(ref_year), ref, policy, as_of);
                if (s.sel->empty()) return insufficient(i, empty_reason(from), th, ref);
                return level(th, detail::change_comparator(cmp, d), ref);
            }
            case TargetKind::rate: {
                const int d = comparator_sign(cmp, direction);
                if (d == 0) return insufficient(i, detail::Reason::no_direction);
                const std::int64_t ref_year = at_or<std::int64_t>(tg.reference_year, i, 0);
                const std::int64_t from_year = ref_year ? ref_year : base_year;
                const std::int64_t from = from_year ? from_year : no_from;
                select(s, from, static_cast<double>(base_year), base_value, policy, as_of);
                if (s.sel->empty()) return insufficient(i, empty_reason(from));
                detail::RateSpec spec;
                spec.v = tg.value[i];
                spec.d = d;
                spec.relative =
                    static_cast<ChangeMode>(at_or<std::uint8_t>(tg.change_mode, i, 0)) == ChangeMode::relative;
                spec.has_year = has_year;
                spec.year = static_cast<int>(year);
                spec.as_of = as_of;
                spec.lower = lower;
                spec.upper = upper;
                const auto o =
                    detail::judge_rate(s.sel->t, s.sel->y, static_cast<int>(s.sel->n), spec, policy, nullptr);
                return store(i, o, o.threshold, nan);
            }
            case TargetKind::trend: {
                const std::uint8_t flags = at_or<std::uint8_t>(tg.trend_flags, i, 0);
                const bool slowing = flags & 1;
                const int d = slowing ? -1 : comparator_sign(cmp, direction);
                if (d == 0) return insufficient(i, detail::Reason::no_direction);
                const std::int64_t from = base_year ? base_year : no_from;
                select(s, from, static_cast<double>(base_year), base_value, policy, as_of);
                if (s.sel->empty()) return insufficient(i, empty_reason(from));
                detail::TrendSpec spec;
                spec.d = d;
                spec.slowing = slowing;
                spec.slowing_of_level = slowing && !(flags & 2);
                spec.has_year = has_year;
                spec.year = static_cast<int>(year);
                spec.as_of = as_of;
                if (d > 0 && std::isfinite(upper)) spec.limit = upper;
                const auto o =
                    detail::judge_trend(s.sel->t, s.sel->y, static_cast<int>(s.sel->n), spec, policy, s.xs, s.ys);
                return store(i, o, nan, nan);
            }
            case TargetKind::benchmark: {
                int d = comparator_sign(cmp, direction);
                if (d == 0) d = 1;
                index.points(tg.benchmark_series[i], as_of, s.bt, s.by, s.bench);
                if (s.all.empty()) return insufficient(i, detail::Reason::no_observation);
                if (s.bench.empty()) return insufficient(i, detail::Reason::no_benchmark_series);
                detail::BenchmarkSpec spec;
                spec.d = d;
                spec.strict = cmp == Comparator::gt || cmp == Comparator::lt;
                spec.has_year = has_year;
                spec.year = static_cast<int>(year);
                spec.lag = policy.benchmark_lag;
                spec.as_of = as_of;
                const auto o =
                    detail::judge_benchmark(s.all.t, s.all.y, static_cast<int>(s.all.n), s.bench.t, s.bench.y,
                                            static_cast<int>(s.bench.n), spec, policy, s.yrs, s.gap, s.own, s.ref);
                return store(i, o, o.threshold, o.reference_value);
            }
            case TargetKind::milestone: {
                const auto o = detail::judge_milestone(s.all.t, s.all.y, static_cast<int>(s.all.n), has_year,
                                                       static_cast<int>(year), as_of, policy);
                return store(i, o, o.threshold, nan);
            }
        }
    };

    // The points of the target `ahead` rows on are requested from memory while this
    // one is judged: with ~20 column streams open the hardware prefetcher loses
    // track of the two that matter, and the judging waited on them (half its time).
    constexpr std::size_t ahead = 8;
    auto prefetch = [&](std::size_t i) {
        const std::int64_t slot = index.slot(tg.series[i]);
        if (slot < 0) return;
        const std::size_t a = index.row(index.begin_of(static_cast<std::size_t>(slot)));
        __builtin_prefetch(obs.year.data() + a);
        __builtin_prefetch(obs.value.data() + a);
        __builtin_prefetch(obs.year.data() + a + 7);  // a series may straddle two lines
        __builtin_prefetch(obs.value.data() + a + 7);
    };
    auto judge_range = [&](std::size_t first, std::size_t last) noexcept {
        Scratch s;
        for (std::size_t i = first; i < std::min(last, first + ahead); ++i) prefetch(i);
        for (std::size_t i = first; i < last; ++i) {
            if (i + ahead < last) prefetch(i + ahead);
            judge_one(i, s);
        }
    };
    // Contiguous slices, one per thread; each writes only its own rows.
    in_slices(m, workers_for(m, threads, 4096), [&](std::size_t, std::size_t a, std::size_t b) { judge_range(a, b); });
    return out;
}

LevelResultColumns evaluate_level_columns(const SeriesColumns& obs, const LevelTargetColumns& tg,
                                          const EvaluationPolicy& policy, int as_of, int threads) {
    const std::size_t m = tg.series.size();
    if (tg.comparator.size() != m)
        throw DataError("bulk.shape", "target column 'comparator' differs in length", "targets");
    for (std::size_t i = 0; i < m; ++i) {
        const std::int8_t cc = tg.comparator[i];
        if (cc < 0 || cc > static_cast<std::int8_t>(Comparator::approx))
            throw DataError("bulk.comparator", "comparator code " + std::to_string(cc) + " is not 0..5",
                            "targets row " + std::to_string(i));
    }
    TargetColumns t;
    t.series = tg.series;
    t.comparator = tg.comparator;
    t.value = tg.threshold;
    t.year = tg.year;
    t.baseline_year = tg.baseline_year;
    t.lower = tg.lower;
    t.upper = tg.upper;
    return evaluate_columns(obs, t, policy, as_of, threads);
}

HEALTHPLAN_END_NAMESPACE
