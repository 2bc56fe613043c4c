// The bulk level path (see evaluate_bulk.hpp): one pass over sorted series.
#include "healthplan/evaluate_bulk.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <thread>

#include "evaluate/level.hpp"
#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

std::string_view level_category_name(std::uint8_t code) {
    if (code >= static_cast<std::uint8_t>(detail::Category::count_)) return "";
    return detail::category_name(static_cast<detail::Category>(code));
}

LevelResultColumns evaluate_level_columns(const SeriesColumns& obs, const LevelTargetColumns& tg,
                                          const EvaluationPolicy& policy, int as_of, int threads) {
    policy.validate();
    const std::size_t n_obs = obs.series.size();
    if (obs.year.size() != n_obs || obs.value.size() != n_obs)
        throw DataError("bulk.shape", "observation columns differ in length", "observations");
    const std::size_t m = tg.series.size();
    auto check = [&](std::size_t size, const char* name, bool optional) {
        if ((optional && size == 0) || size == m) return;
        throw DataError("bulk.shape",
                        std::string("target column '") + name + "' has " + std::to_string(size) + " rows, expected " +
                            std::to_string(m),
                        "targets");
    };
    check(tg.threshold.size(), "threshold", false);
    check(tg.comparator.size(), "comparator", false);
    check(tg.year.size(), "year", false);
    check(tg.baseline_year.size(), "baseline_year", true);
    check(tg.lower.size(), "lower", true);
    check(tg.upper.size(), "upper", true);

    // Order of the observations by (series, year): in place when already sorted.
    std::vector<std::uint32_t> order;
    auto key_less = [&](std::size_t a, std::size_t b) {
        return obs.series[a] != obs.series[b] ? obs.series[a] < obs.series[b] : obs.year[a] < obs.year[b];
    };
    if (n_obs > std::numeric_limits<std::uint32_t>::max())
        throw DataError("bulk.size", "more than 2^32 observation rows; split the input", "observations");
    // One pass: sortedness, finite values.
    bool sorted = true;
    for (std::size_t i = 0; i < n_obs; ++i) {
        if (!std::isfinite(obs.value[i]))
            throw DataError("observations.nan", "value is not a finite number",
                            "observations row " + std::to_string(i));
        if (i > 0 && sorted && key_less(i, i - 1)) sorted = false;
    }
    if (!sorted) {
        order.resize(n_obs);
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key_less(a, b); });
    }
    auto row = [&](std::size_t k) -> std::size_t { return sorted ? k : order[k]; };

    // Series directory: unique ids with their [begin, end) in sorted order; checks rows.
    std::vector<std::int64_t> ids;
    std::vector<std::size_t> starts;
    for (std::size_t k = 0; k < n_obs; ++k) {
        const std::size_t r = row(k);
        if (k > 0 && obs.series[row(k - 1)] == obs.series[r] && obs.year[row(k - 1)] == obs.year[r])
            throw DataError("observations.duplicate",
                            "two rows for series " + std::to_string(obs.series[r]) + ", year " +
                                std::to_string(obs.year[r]) + " (rows " + std::to_string(row(k - 1)) + " and " +
                                std::to_string(r) + ")",
                            "observations row " + std::to_string(r));
        if (k == 0 || obs.series[row(k - 1)] != obs.series[r]) {
            ids.push_back(obs.series[r]);
            starts.push_back(k);
        }
    }
    starts.push_back(n_obs);

    // Dense ids (the usual 0..N−1) index a table directly; sparse ones use binary search.
    std::vector<std::int64_t> dense;  // series id − min → directory slot, −1 when absent
    std::int64_t min_id = ids.empty() ? 0 : ids.front();
    if (!ids.empty() && static_cast<double>(ids.back() - ids.front()) < 4.0 * static_cast<double>(ids.size()) + 16) {
        dense.assign(static_cast<std::size_t>(ids.back() - ids.front() + 1), -1);
        for (std::size_t s = 0; s < ids.size(); ++s)
            dense[static_cast<std::size_t>(ids[s] - min_id)] = static_cast<std::int64_t>(s);
    }
    auto slot = [&](std::int64_t id) -> std::int64_t {
        if (!dense.empty()) {
            const std::int64_t k = id - min_id;
            return (k < 0 || k >= static_cast<std::int64_t>(dense.size())) ? -1 : dense[static_cast<std::size_t>(k)];
        }
        auto it = std::lower_bound(ids.begin(), ids.end(), id);
        return (it != ids.end() && *it == id) ? static_cast<std::int64_t>(it - ids.begin()) : -1;
    };

    LevelResultColumns out;
    out.verdict.resize(m);
    out.category.resize(m);
    out.latest_year.resize(m);
    out.latest_value.resize(m);
    out.projected_value.resize(m);
    out.required_pace.resize(m);
    out.observed_pace.resize(m);
    out.years_to_target.resize(m);
    out.probability.resize(m);
    out.progress.resize(m);
    out.points.resize(m);

    // Validate every target first, so the judging below cannot throw (and can run in threads).
    for (std::size_t i = 0; i < m; ++i) {
        const std::int8_t cc = tg.comparator[i];
        if (cc < 0 || cc > static_cast<std::int8_t>(Comparator::approx))
            throw DataError("bulk.comparator", "comparator code " + std::to_string(cc) + " is not 0..5",
                            "targets row " + std::to_string(i));
        if (std::isnan(tg.threshold[i]))
            throw DataError("bulk.threshold", "threshold is NaN", "targets row " + std::to_string(i));
    }

    auto judge_range = [&](std::size_t first, std::size_t last) noexcept {
        std::vector<double> t, y;
        t.reserve(64);
        y.reserve(64);
        for (std::size_t i = first; i < last; ++i) {
            detail::LevelSpec spec;
            spec.threshold = tg.threshold[i];
            spec.comparator = static_cast<Comparator>(tg.comparator[i]);
            spec.has_year = true;
            spec.year = static_cast<int>(tg.year[i]);
            spec.as_of = as_of;
            if (!tg.lower.empty()) spec.lower = tg.lower[i];
            if (!tg.upper.empty()) spec.upper = tg.upper[i];
            const std::int64_t from =
                tg.baseline_year.empty() ? std::numeric_limits<std::int64_t>::min() : tg.baseline_year[i];

            t.clear();
            y.clear();
            const std::int64_t found = slot(tg.series[i]);
            if (found >= 0) {
                const std::size_t s = static_cast<std::size_t>(found);
                for (std::size_t k = starts[s]; k < starts[s + 1]; ++k) {
                    const std::size_t r = row(k);
                    const std::int64_t yr = obs.year[r];
                    if (yr > as_of) break;
                    if (yr < from) continue;
                    t.push_back(static_cast<double>(yr));
                    y.push_back(obs.value[r]);
                }
            }
            if (policy.window_years > 0 && !t.empty()) {
                const double last_year = t.back();
                std::size_t drop = 0;
                while (drop < t.size() && t[drop] < last_year - policy.window_years) ++drop;
                t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(drop));
                y.erase(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(drop));
            }
            const auto o =
                detail::judge_level(t.data(), y.data(), static_cast<int>(t.size()), spec, policy.method, policy);
            out.verdict[i] = static_cast<std::uint8_t>(o.verdict);
            out.category[i] = static_cast<std::uint8_t>(o.category);
            out.latest_year[i] = std::isnan(o.latest_year) ? 0 : static_cast<std::int64_t>(o.latest_year);
            out.latest_value[i] = o.latest_value;
            out.projected_value[i] = o.projected;
            out.required_pace[i] = o.required_pace;
            out.observed_pace[i] = o.observed_pace;
            out.years_to_target[i] = o.years_to_target;
            out.probability[i] = o.probability;
            out.progress[i] = o.progress;
            out.points[i] = o.points;
        }
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

HEALTHPLAN_END_NAMESPACE
