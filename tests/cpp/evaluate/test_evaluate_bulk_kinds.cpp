// The bulk path and evaluate() agree field by field on random plans of every
// target kind and nature (the property issue 11 asks for).
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include <healthplan/error.hpp>
#include <healthplan/evaluate.hpp>
#include <healthplan/evaluate_bulk.hpp>

using namespace healthplan;

namespace {

bool same(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (std::isinf(a) || std::isinf(b)) return a == b;
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a));
}

// One random plan, its observations, and the same targets as columns.
struct Case {
    Plan plan;
    std::vector<ObservationRow> rows;
    std::vector<std::int64_t> obs_series, obs_year;
    std::vector<double> obs_value;
    std::vector<std::int64_t> series, year, baseline_year, reference_year, benchmark_series;
    std::vector<std::uint8_t> kind, change_mode, nature, trend_flags;
    std::vector<std::int8_t> comparator, direction;
    std::vector<double> value, baseline_value, reference_value, lower, upper;

    void observe(const std::string& key, const std::string& region, std::int64_t id, std::int64_t y, double v) {
        rows.push_back({key, region, y, v, "%", "test", 0, 0});
        obs_series.push_back(id);
        obs_year.push_back(y);
        obs_value.push_back(v);
    }
};

Case random_case(std::mt19937& rng) {
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    auto uniform = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    Case c;
    c.plan.id = "p";
    c.plan.region.name = "某市";
    const int targets = 24;
    for (int i = 0; i < targets; ++i) {
        const auto kind = static_cast<TargetKind>(pick(6));
        Indicator ind;
        ind.id = "i" + std::to_string(i);
        const bool growth_rate = kind == TargetKind::trend && pick(3) == 0;
        ind.name = "指标" + std::to_string(i) + (growth_rate ? "增长率" : "");
        ind.unit = Unit::percent();
        ind.direction = static_cast<Direction>(pick(3));
        c.plan.indicators.push_back(ind);

        Target t;
        t.id = "t" + std::to_string(i);
        t.indicator_id = ind.id;
        t.indicator = ind.name;
        t.kind = kind;
        t.unit = Unit::percent();
        t.nature = static_cast<Nature>(pick(4));
        if (pick(4) > 0) t.year = 2014 + pick(17);
        if (pick(3) == 0) t.baseline = Baseline{2012 + pick(10), uniform(5, 80)};
        ChangeMode mode = static_cast<ChangeMode>(pick(3));
        std::int64_t ref_year = 0;
        double ref_value = NAN;
        switch (kind) {
            case TargetKind::level: {
                const Comparator cs[] = {Comparator::ge, Comparator::gt, Comparator::le,
                                         Comparator::lt, Comparator::eq, Comparator::approx};
                t.comparator = cs[pick(6)];
                t.value = uniform(5, 90);
                break;
            }
            case TargetKind::change: {
                const Comparator cs[] = {Comparator::increase, Comparator::decrease, Comparator::gt, Comparator::lt,
                                         Comparator::eq};
                t.comparator = cs[pick(5)];
                t.value = uniform(1, 20);
                Reference r;
                r.mode = mode;
                const int how = pick(3);
                if (how == 0) ref_value = *(r.value = uniform(5, 80));
                if (how <= 1 && pick(2)) ref_year = *(r.year = 2012 + pick(10));
                if (how > 0 || pick(2)) {
                    t.reference = r;
                } else {  // no reference at all: the stated baseline, "%" read as relative
                    mode = ChangeMode::relative;
                    ref_value = NAN;
                    ref_year = 0;
                }
                break;
            }
            case TargetKind::rate: {
                t.comparator = pick(2) ? Comparator::increase : Comparator::decrease;
                t.value = uniform(0.1, 3);
                if (pick(2)) {
                    Reference r;
                    r.mode = mode;
                    if (pick(2)) ref_year = *(r.year = 2012 + pick(8));
                    t.reference = r;
                } else {
                    mode = ChangeMode::relative;
                }
                break;
            }
            case TargetKind::trend:
                t.comparator = pick(2) ? Comparator::increase : Comparator::decrease;
                if (pick(3) == 0) t.note = "持续减缓";
                break;
            case TargetKind::benchmark:
                t.comparator = pick(2) ? Comparator::ge : Comparator::le;
                t.benchmark = "国家平均水平";
                break;
            case TargetKind::milestone:
                t.comparator = Comparator::eq;
                break;
        }
        c.plan.targets.push_back(t);

        // Own series (region 某市), and the national one for benchmarks.
        const std::int64_t id = 2 * i, bench_id = 2 * i + 1;
        double v = uniform(5, 80);
        for (int y = 2012; y <= 2026; ++y) {
            if (pick(3) == 0) continue;
            v = std::clamp(v + uniform(-4, 4), 0.5, 99.0);
            c.observe(ind.name, "某市", id, y, kind == TargetKind::milestone ? (v > 50 ? 1.0 : 0.0) : v);
            if (kind == TargetKind::benchmark && pick(4) > 0)
                c.observe(ind.name, "全国", bench_id, y, std::clamp(v + uniform(-6, 6), 0.5, 99.0));
        }
        c.series.push_back(id);
        c.kind.push_back(static_cast<std::uint8_t>(kind));
        c.comparator.push_back(static_cast<std::int8_t>(t.comparator));
        c.value.push_back(t.value.value_or(NAN));
        c.year.push_back(t.year.value_or(0));
        c.baseline_year.push_back(t.baseline && t.baseline->year ? *t.baseline->year : 0);
        c.baseline_value.push_back(t.baseline ? t.baseline->value : NAN);
        c.reference_year.push_back(ref_year);
        c.reference_value.push_back(ref_value);
        c.change_mode.push_back(static_cast<std::uint8_t>(mode));
        c.direction.push_back(ind.direction == Direction::higher ? 1 : ind.direction == Direction::lower ? -1 : 0);
        c.nature.push_back(static_cast<std::uint8_t>(t.nature));
        c.benchmark_series.push_back(bench_id);
        c.trend_flags.push_back(static_cast<std::uint8_t>((t.note.empty() ? 0 : 1) | (growth_rate ? 2 : 0)));
        c.lower.push_back(0);
        c.upper.push_back(100);
    }
    return c;
}

}  // namespace

TEST_CASE("the bulk path and evaluate() agree on every kind and nature", "[evaluate][bulk][property]") {
    std::mt19937 rng(11);
    int compared = 0, judged = 0;
    for (int trial = 0; trial < 150; ++trial) {
        Case c = random_case(rng);
        EvaluationPolicy p;
        p.method = static_cast<LevelMethod>(trial % 4);
        p.trend = static_cast<TrendDefinition>((trial / 4) % 3);
        p.window_years = trial % 5 == 0 ? 3 : 0;
        p.rate_every_year = trial % 7 == 0;
        p.use_stated_baseline = trial % 6 != 0;
        p.stale_years = trial % 3 == 0 ? 0 : 2;
        p.benchmark_lag = trial % 2;
        const int as_of = 2015 + trial % 12;

        const auto obs = Observations::from_rows(c.rows);
        const auto rich = evaluate(c.plan, obs, p, as_of);
        TargetColumns t;
        t.series = c.series;
        t.kind = c.kind;
        t.comparator = c.comparator;
        t.value = c.value;
        t.year = c.year;
        t.baseline_year = c.baseline_year;
        t.baseline_value = c.baseline_value;
        t.reference_year = c.reference_year;
        t.reference_value = c.reference_value;
        t.change_mode = c.change_mode;
        t.direction = c.direction;
        t.nature = c.nature;
        t.benchmark_series = c.benchmark_series;
        t.trend_flags = c.trend_flags;
        t.lower = c.lower;
        t.upper = c.upper;
        const auto bulk = evaluate_columns({c.obs_series, c.obs_year, c.obs_value}, t, p, as_of, 1 + trial % 2);
        for (std::size_t i = 0; i < rich.size(); ++i) {
            const auto& r = rich[i];
            INFO("trial " << trial << " target " << r.target_id << " kind " << to_string(r.kind) << ": "
                          << r.explanation << " | " << r.reason);
            REQUIRE(static_cast<int>(bulk.verdict[i]) == static_cast<int>(r.verdict));
            ++compared;
            if (r.verdict == Verdict::insufficient_data || r.verdict == Verdict::not_evaluable) continue;
            ++judged;
            CHECK(level_category_name(bulk.category[i]) == r.category);
            CHECK(bulk.points[i] == r.points);
            CHECK(bulk.latest_year[i] == r.latest_year.value_or(0));
            CHECK(same(bulk.latest_value[i], r.latest_value));
            CHECK(same(bulk.threshold[i], r.threshold));
            CHECK(same(bulk.projected_value[i], r.projected_value));
            CHECK(same(bulk.required_pace[i], r.required_pace));
            CHECK(same(bulk.observed_pace[i], r.observed_pace));
            CHECK(same(bulk.years_to_target[i], r.years_to_target));
            CHECK(same(bulk.probability[i], r.probability));
            CHECK(same(bulk.progress[i], r.progress));
            CHECK(same(bulk.score[i], r.score));
            CHECK(static_cast<bool>(bulk.stale[i]) == r.stale);
            if (r.kind == TargetKind::change || r.kind == TargetKind::benchmark)
                CHECK(same(bulk.reference_value[i], r.reference_value));
        }
    }
    CHECK(compared == 150 * 24);
    CHECK(judged > 1500);  // most targets are judged, not refused
}
