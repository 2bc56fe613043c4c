// Robustness: random plans against random observations never crash and every
// result explains itself; random CSV text either loads or raises a named error.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

#include <healthplan/error.hpp>
#include <healthplan/evaluate.hpp>

#include "support/plan_generator.hpp"

using namespace healthplan;

TEST_CASE("random plans against random observations: verdicts, never crashes", "[evaluate][robustness]") {
    std::mt19937 rng(424242);
    const char* units[] = {"%", "‰", "1/10万", "", "张", "岁"};
    int judged = 0, unit_errors = 0;
    for (unsigned seed = 1; seed <= 150; ++seed) {
        testing_support::PlanGenerator gen(seed);
        const Plan plan = gen.plan();
        std::vector<ObservationRow> rows;
        std::uniform_int_distribution<int> year(2014, 2032), count(0, 8), unit_pick(0, 5), coin(0, 3);
        std::uniform_real_distribution<double> val(0, 120);
        for (const auto& ind : plan.indicators) {
            for (const std::string region : {plan.region.name, std::string("全国")}) {
                std::vector<int> years;
                for (int k = count(rng); k > 0; --k) years.push_back(year(rng));
                std::sort(years.begin(), years.end());
                years.erase(std::unique(years.begin(), years.end()), years.end());
                // One unit per series, usually the indicator's own.
                const std::string unit = coin(rng) ? ind.unit.symbol() : units[unit_pick(rng)];
                for (int y : years) {
                    const bool flagged = coin(rng) == 0 && coin(rng) == 0;
                    rows.push_back({coin(rng) ? ind.name : ind.id, region, y, flagged ? std::nan("") : val(rng), unit,
                                    "", static_cast<std::uint8_t>(flagged ? flag_missing : 0)});
                }
            }
        }
        Observations obs;
        try {
            obs = Observations::from_rows(rows);
        } catch (const DataError&) {
            continue;  // the same year under the id and the name: a duplicate, reported
        }
        for (int as_of : {2019, 2023, 2031}) {
            EvaluationPolicy policy;
            policy.on_unit_mismatch = (seed % 2) ? UnitMismatch::insufficient_data : UnitMismatch::error;
            policy.method = static_cast<LevelMethod>(seed % 3);
            policy.trend = static_cast<TrendDefinition>((seed / 3) % 3);
            std::vector<TargetResult> results;
            try {
                results = evaluate(plan, obs, policy, as_of);
            } catch (const UnitError&) {
                ++unit_errors;
                CHECK(policy.on_unit_mismatch == UnitMismatch::error);
                continue;
            } catch (const DataError& e) {
                // Only milestones read 0/1 and random values are not.
                CHECK(std::string(e.id()) == "observations.milestone");
                continue;
            }
            REQUIRE(results.size() == plan.targets.size());
            for (const auto& r : results) {
                INFO("seed " << seed << " target " << r.target_id << " " << r.explanation);
                CHECK_FALSE(r.explanation.empty());
                CHECK_FALSE(r.method.empty());
                if (!is_scored(r.verdict)) {
                    CHECK_FALSE(r.reason.empty());
                }
                if (r.latest_year) {
                    CHECK(*r.latest_year <= as_of);
                }
                if (!std::isnan(r.probability)) {
                    CHECK(r.probability >= 0);
                    CHECK(r.probability <= 1);
                }
                if (r.kind == TargetKind::level && !std::isnan(r.projected_value) && r.unit == "%") {
                    CHECK(r.projected_value >= 0);
                    CHECK(r.projected_value <= 100);
                }
                ++judged;
            }
        }
    }
    CHECK(judged > 500);
    CHECK(unit_errors > 0);  // the error path is exercised, not only the lenient one
}

TEST_CASE("random CSV text loads or fails with a named error", "[observations][robustness]") {
    std::mt19937 rng(99);
    const std::string pieces[] = {"indicator", "year", "value", "unit", "flags", "region", ",",       "\n",      "\"",
                                  "\"\"",      "2020", "1.5",   "nan",  "%",     "‰",      "furlong", "missing", "x",
                                  "乌海",      " ",    "\r\n",  "-3",   "1e400", "2020.5", "\xff"};
    std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1), len(0, 40);
    int loaded = 0, refused = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        std::string text = trial % 2 ? "indicator,year,value,unit\n" : "";
        for (std::size_t k = len(rng); k > 0; --k) text += pieces[pick(rng)];
        try {
            const auto obs = Observations::from_csv_text(text, "fuzz.csv");
            for (std::size_t i = 0; i < obs.size(); ++i)
                CHECK((std::isfinite(obs.value(i)) || (obs.flags(i) & flag_missing)));
            ++loaded;
        } catch (const Error& e) {
            CHECK_FALSE(std::string(e.what()).empty());
            ++refused;
        }
    }
    CHECK(loaded > 0);
    CHECK(refused > 0);
}
