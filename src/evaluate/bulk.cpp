// The bulk path (see evaluate_bulk.hpp): one pass over sorted series, every
// target judged by the same numeric cores as evaluate() (level.hpp, kinds.hpp).
#include "healthplan/evaluate_bulk.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <thread>

#include "evaluate/kinds.hpp"
#include "evaluate/level.hpp"
#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

std::string_view level_category_name(std::uint8_t code) {
    if (code >= static_cast<std::uint8_t>(detail::Category::count_)) return "";
    return detail::category_name(static_cast<detail::Category>(code));
}

std::string_view bulk_reason_text(std::uint8_t code) { return detail::reason_text(static_cast<detail::Reason>(code)); }

namespace {

using detail::inf;
using detail::nan;

// Sorted view of the observations with a directory of series.
struct SeriesIndex {
    const SeriesColumns& obs;
    bool sorted = true;
    std::vector<std::uint32_t> order;
    std::vector<std::int64_t> ids;
    std::vector<std::size_t> starts;
    std::vector<std::int64_t> dense;  // series id − min → directory slot, −1 when absent
    std::int64_t min_id = 0;
    bool consecutive = false;  // ids are min_id, min_id + 1, …: no table needed

    explicit SeriesIndex(const SeriesColumns& o) : obs(o) {
        const std::size_t n_obs = obs.series.size();
        if (obs.year.size() != n_obs || obs.value.size() != n_obs)
            throw DataError("bulk.shape", "observation columns differ in length", "observations");
        if (n_obs > std::numeric_limits<std::uint32_t>::max())
            throw DataError("bulk.size", "more than 2^32 observation rows; split the input", "observations");
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
        // Sorted input (the usual case) is checked and indexed in one pass over the
        // columns: finite values, order, duplicates (reported after every value was
        // found finite, as when these were separate passes) and the directory.
        // Reserved, not touched: only the pages the directory fills are faulted in,
        // and it never reallocates (a copy and a second set of fresh pages per doubling).
        ids.reserve(n_obs);
        starts.reserve(n_obs + 1);
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
            ids.push_back(obs.series[i]);
            starts.push_back(i);
        }
        if (sorted && first_duplicate) throw duplicate(first_duplicate - 1, first_duplicate);
        if (!sorted) {
            for (; i < n_obs; ++i)
                if (!std::isfinite(obs.value[i])) throw not_finite(i);
            ids.clear();
            starts.clear();
            order.resize(n_obs);
            std::iota(order.begin(), order.end(), 0u);
            std::stable_sort(order.begin(), order.end(),
                             [&](std::uint32_t a, std::uint32_t b) { return key_less(a, b); });
            for (std::size_t k = 0; k < n_obs; ++k) {
                const std::size_t r = row(k);
                if (k > 0 && obs.series[row(k - 1)] == obs.series[r] && obs.year[row(k - 1)] == obs.year[r])
                    throw duplicate(row(k - 1), r);
                if (k == 0 || obs.series[row(k - 1)] != obs.series[r]) {
                    ids.push_back(obs.series[r]);
                    starts.push_back(k);
                }
            }
        }
        starts.push_back(n_obs);
        // Consecutive ids (the usual 0..N−1) are their own slot (id − min); dense ones
        // index a table directly; sparse ones use binary search.
        min_id = ids.empty() ? 0 : ids.front();
        consecutive = !ids.empty() && static_cast<std::size_t>(ids.back() - ids.front()) + 1 == ids.size();
        if (!ids.empty() && !consecutive &&
            static_cast<double>(ids.back() - ids.front()) < 4.0 * static_cast<double>(ids.size()) + 16) {
            dense.assign(static_cast<std::size_t>(ids.back() - ids.front() + 1), -1);
            for (std::size_t s = 0; s < ids.size(); ++s)
                dense[static_cast<std::size_t>(ids[s] - min_id)] = static_cast<std::int64_t>(s);
        }
    }
    std::size_t row(std::size_t k) const { return sorted ? k : order[k]; }
    std::int64_t slot(std::int64_t id) const {
        if (consecutive) {
            const std::int64_t k = id - min_id;
            return (k < 0 || k >= static_cast<std::int64_t>(ids.size())) ? -1 : k;
        }
        if (!dense.empty()) {
            const std::int64_t k = id - min_id;
            return (k < 0 || k >= static_cast<std::int64_t>(dense.size())) ? -1 : dense[static_cast<std::size_t>(k)];
        }
        auto it = std::lower_bound(ids.begin(), ids.end(), id);
        return (it != ids.end() && *it == id) ? static_cast<std::int64_t>(it - ids.begin()) : -1;
    }
    // Points of a series ≤ as_of into t, y.
    void points(std::int64_t id, std::int64_t as_of, std::vector<double>& t, std::vector<double>& y) const {
        t.clear();
        y.clear();
        const std::int64_t found = slot(id);
        if (found < 0) return;
        const std::size_t s = static_cast<std::size_t>(found);
        for (std::size_t k = starts[s]; k < starts[s + 1]; ++k) {
            const std::size_t r = row(k);
            if (obs.year[r] > as_of) break;
            t.push_back(static_cast<double>(obs.year[r]));
            y.push_back(obs.value[r]);
        }
    }
};

template <class T>
T at_or(std::span<const T> col, std::size_t i, T fallback) {
    return col.empty() ? fallback : col[i];
}

using detail::comparator_sign;

// Scratch buffers of one worker, reused across its targets.
struct Scratch {
    std::vector<double> all_t, all_y, t, y, xs, ys, yrs, gap, own, ref, bt, by;
};

// Points from `from` on (window applied) with a stated point added when its year
// is not observed, into s.t / s.y.
void select(Scratch& s, std::int64_t from, double stated_year, double stated_value, const EvaluationPolicy& policy,
            int as_of) {
    std::vector<double>& t = s.t;
    std::vector<double>& y = s.y;
    const bool stated =
        !std::isnan(stated_value) && stated_year > 0 && stated_year <= as_of && policy.use_stated_baseline;
    auto missing_from = [&](const std::vector<double>& years) {
        return std::find(years.begin(), years.end(), stated_year) == years.end();
    };
    // Every point kept and nothing added (the usual case): the buffers change hands
    // instead of being copied. The judging reads s.all_t / s.all_y only before this
    // call or when s.t is empty (never, here); the next target refills them.
    if (!s.all_t.empty() && s.all_t.front() >= static_cast<double>(from) && policy.window_years <= 0 &&
        !(stated && missing_from(s.all_t))) {
        t.swap(s.all_t);
        y.swap(s.all_y);
        return;
    }
    t.clear();
    y.clear();
    for (std::size_t k = 0; k < s.all_t.size(); ++k)
        if (s.all_t[k] >= static_cast<double>(from)) t.push_back(s.all_t[k]), y.push_back(s.all_y[k]);
    if (policy.window_years > 0 && !t.empty()) {
        const double last = t.back();
        std::size_t drop = 0;
        while (drop < t.size() && t[drop] < last - policy.window_years) ++drop;
        t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(drop));
        y.erase(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(drop));
    }
    if (stated && missing_from(t)) {
        const auto pos = std::lower_bound(t.begin(), t.end(), stated_year) - t.begin();
        t.insert(t.begin() + pos, stated_year);
        y.insert(y.begin() + pos, stated_value);
    }
}

}  // namespace

TargetResultColumns evaluate_columns(const SeriesColumns& obs, const TargetColumns& tg, const EvaluationPolicy& policy,
                                     int as_of, int threads) {
    policy.validate();
    const SeriesIndex index(obs);
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
    std::vector<char> milestone_checked(index.ids.size(), 0);
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
            if (s >= 0 && !milestone_checked[static_cast<std::size_t>(s)]) {
                milestone_checked[static_cast<std::size_t>(s)] = 1;
                for (std::size_t k = index.starts[s]; k < index.starts[s + 1]; ++k) {
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
        index.points(tg.series[i], as_of, s.all_t, s.all_y);
        const std::int64_t no_from = std::numeric_limits<std::int64_t>::min();
        auto empty_reason = [&](std::int64_t from) {
            // The same distinction as evaluate(): nothing observed, or all before the base year.
            return s.all_t.empty() || from == no_from ? detail::Reason::no_observation
                                                      : detail::Reason::before_base_year;
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
                detail::judge_level(s.t.data(), s.y.data(), static_cast<int>(s.t.size()), spec, policy.method, policy);
            store(i, o, threshold, reference);
        };
        switch (kind) {
            case TargetKind::level: {
                const std::int64_t from = base_year ? base_year : no_from;
                select(s, from, static_cast<double>(base_year), base_value, policy, as_of);
                if (s.t.empty()) return insufficient(i, empty_reason(from), tg.value[i]);
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
                    for (std::size_t k = 0; k < s.all_t.size(); ++k)
                        if (s.all_t[k] == static_cast<double>(ref_year)) ref = s.all_y[k];
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
                if (s.t.empty()) return insufficient(i, empty_reason(from), th, ref);
                return level(th, detail::change_comparator(cmp, d), ref);
            }
            case TargetKind::rate: {
                const int d = comparator_sign(cmp, direction);
                if (d == 0) return insufficient(i, detail::Reason::no_direction);
                const std::int64_t ref_year = at_or<std::int64_t>(tg.reference_year, i, 0);
                const std::int64_t from_year = ref_year ? ref_year : base_year;
                const std::int64_t from = from_year ? from_year : no_from;
                select(s, from, static_cast<double>(base_year), base_value, policy, as_of);
                if (s.t.empty()) return insufficient(i, empty_reason(from));
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
                    detail::judge_rate(s.t.data(), s.y.data(), static_cast<int>(s.t.size()), spec, policy, nullptr);
                return store(i, o, o.threshold, nan);
            }
            case TargetKind::trend: {
                const std::uint8_t flags = at_or<std::uint8_t>(tg.trend_flags, i, 0);
                const bool slowing = flags & 1;
                const int d = slowing ? -1 : comparator_sign(cmp, direction);
                if (d == 0) return insufficient(i, detail::Reason::no_direction);
                const std::int64_t from = base_year ? base_year : no_from;
                select(s, from, static_cast<double>(base_year), base_value, policy, as_of);
                if (s.t.empty()) return insufficient(i, empty_reason(from));
                detail::TrendSpec spec;
                spec.d = d;
                spec.slowing = slowing;
                spec.slowing_of_level = slowing && !(flags & 2);
                spec.has_year = has_year;
                spec.year = static_cast<int>(year);
                spec.as_of = as_of;
                if (d > 0 && std::isfinite(upper)) spec.limit = upper;
                const auto o =
                    detail::judge_trend(s.t.data(), s.y.data(), static_cast<int>(s.t.size()), spec, policy, s.xs, s.ys);
                return store(i, o, nan, nan);
            }
            case TargetKind::benchmark: {
                int d = comparator_sign(cmp, direction);
                if (d == 0) d = 1;
                index.points(tg.benchmark_series[i], as_of, s.bt, s.by);
                if (s.all_t.empty()) return insufficient(i, detail::Reason::no_observation);
                if (s.bt.empty()) return insufficient(i, detail::Reason::no_benchmark_series);
                detail::BenchmarkSpec spec;
                spec.d = d;
                spec.strict = cmp == Comparator::gt || cmp == Comparator::lt;
                spec.has_year = has_year;
                spec.year = static_cast<int>(year);
                spec.lag = policy.benchmark_lag;
                spec.as_of = as_of;
                const auto o = detail::judge_benchmark(s.all_t.data(), s.all_y.data(), static_cast<int>(s.all_t.size()),
                                                       s.bt.data(), s.by.data(), static_cast<int>(s.bt.size()), spec,
                                                       policy, s.yrs, s.gap, s.own, s.ref);
                return store(i, o, o.threshold, o.reference_value);
            }
            case TargetKind::milestone: {
                const auto o = detail::judge_milestone(s.all_t.data(), s.all_y.data(), static_cast<int>(s.all_t.size()),
                                                       has_year, static_cast<int>(year), as_of, policy);
                return store(i, o, o.threshold, nan);
            }
        }
    };

    auto judge_range = [&](std::size_t first, std::size_t last) noexcept {
        Scratch s;
        for (std::size_t i = first; i < last; ++i) judge_one(i, s);
    };
    // Contiguous slices, one per thread; each writes only its own rows.
    const std::size_t workers =
        std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), m / 4096 + 1));
    if (workers == 1) {
        judge_range(0, m);
    } else {
        std::vector<std::thread> pool;
        const std::size_t chunk = (m + workers - 1) / workers;
        for (std::size_t w = 0; w < workers; ++w) {
            const std::size_t a = w * chunk, b = std::min(m, a + chunk);
            if (a < b) pool.emplace_back(judge_range, a, b);
        }
        for (auto& th : pool) th.join();
    }
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
