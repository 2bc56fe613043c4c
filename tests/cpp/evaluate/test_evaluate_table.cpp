// evaluate_table() lays out exactly what evaluate() returns, and evaluate()
// with threads returns exactly what it returns with one (issue 11: hp.evaluate's
// frame is built from these columns).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <healthplan/error.hpp>
#include <healthplan/evaluate.hpp>
#include <healthplan/evaluate_table.hpp>

using namespace healthplan;

namespace {

bool same_number(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Many targets of every kind (more than one thread's minimum slice), some with
// sections, tasks and no data, against one store.
struct Fixture {
    Plan plan;
    std::vector<ObservationRow> rows;

    explicit Fixture(int n, const std::string& id = "p") {
        plan.id = id;
        plan.region.name = "某市";
        Task lead_task;
        lead_task.id = "k";
        Agency a;
        a.name = "市卫生健康委员会";
        lead_task.lead = {a};
        plan.tasks.push_back(lead_task);
        for (int i = 0; i < n; ++i) {
            const auto kind = static_cast<TargetKind>(i % 6);
            Target t;
            t.id = id + "-t" + std::to_string(i);
            t.indicator = "指标" + std::to_string(i % 96);
            t.kind = kind;
            t.unit = Unit::percent();
            t.year = 2020 + i % 11;
            t.nature = static_cast<Nature>(i % 4 == 3 ? 0 : i % 4);
            if (i % 3 == 0) t.section = {"三、重点任务", "（一）" + std::to_string(i % 5)};
            if (i % 2 == 0) t.task_id = "k";
            switch (kind) {
                case TargetKind::level:
                    t.comparator = i % 4 ? Comparator::ge : Comparator::lt;
                    t.value = 20 + i % 40;
                    break;
                case TargetKind::change:
                case TargetKind::rate:
                    t.comparator = Comparator::increase;
                    t.value = 1 + i % 5;
                    t.reference = Reference{};
                    t.reference->year = 2016;
                    break;
                case TargetKind::trend:
                    t.comparator = Comparator::decrease;
                    break;
                case TargetKind::benchmark:
                    t.comparator = Comparator::ge;
                    t.benchmark = "国家平均水平";
                    break;
                case TargetKind::milestone:
                    t.comparator = Comparator::eq;
                    break;
            }
            plan.targets.push_back(t);
        }
        for (int k = 0; k < 96; ++k)
            for (int y = 2015; y <= 2024; ++y) {
                if ((k + y) % 7 == 0) continue;
                const std::string key = "指标" + std::to_string(k);
                const double v = k % 6 == 5 ? (y > 2019 ? 1.0 : 0.0) : 30 + (k % 9) * 0.7 * (y - 2015) - (k % 4);
                rows.push_back({key, "某市", y, v, "%", "s", 0, 0});
                rows.push_back({key, "全国", y, v + 1, "%", "s", 0, 0});
            }
    }
};

void require_same(const TargetResult& a, const TargetResult& b) {
    INFO(a.target_id << ": " << a.explanation);
    REQUIRE(a.target_id == b.target_id);
    REQUIRE(a.verdict == b.verdict);
    REQUIRE(a.explanation == b.explanation);
    REQUIRE(a.method == b.method);
    REQUIRE(a.category == b.category);
    REQUIRE(same_number(a.projected_value, b.projected_value));
    REQUIRE(same_number(a.probability, b.probability));
}

}  // namespace

TEST_CASE("evaluate() with threads gives the results of one thread", "[evaluate][table][threads]") {
    const Fixture f(2000);
    const auto obs = Observations::from_rows(f.rows);
    const EvaluationPolicy p;
    const auto one = evaluate(f.plan, obs, p, 2023);
    for (int threads : {2, 3, 64}) {
        const auto many = evaluate(f.plan, obs, p, 2023, threads);
        REQUIRE(many.size() == one.size());
        for (std::size_t i = 0; i < one.size(); ++i) require_same(many[i], one[i]);
    }
}

TEST_CASE("with threads, the first bad target in plan order is the error raised", "[evaluate][table][threads]") {
    Fixture f(3000);
    auto rows = f.rows;
    // Milestone series 指标5 gets a 2 in 2019: every target on it is a DataError; the first is t5.
    for (auto& r : rows)
        if (r.key == "指标5" && r.year == 2019 && r.region == "某市") r.value = 2;
    const auto obs = Observations::from_rows(rows);
    std::string one, two;
    try {
        (void)evaluate(f.plan, obs, EvaluationPolicy{}, 2023, 1);
    } catch (const DataError& e) {
        one = e.what();
    }
    try {
        (void)evaluate(f.plan, obs, EvaluationPolicy{}, 2023, 2);
    } catch (const DataError& e) {
        two = e.what();
    }
    REQUIRE_FALSE(one.empty());
    CHECK(one == two);
    CHECK(one.ends_with("for target p-t5"));
}

TEST_CASE("evaluate_table lays out evaluate()'s results, plan after plan", "[evaluate][table]") {
    const Fixture a(700, "a"), b(300, "b");
    auto rows = a.rows;
    const auto obs = Observations::from_rows(rows);
    EvaluationPolicy p;
    p.method = LevelMethod::growth_ratio;
    const Plan* plans[] = {&a.plan, &b.plan};
    const auto table = evaluate_table(plans, obs, p, 2022, 2);
    auto expected = evaluate(a.plan, obs, p, 2022);
    for (auto& r : evaluate(b.plan, obs, p, 2022)) expected.push_back(std::move(r));
    REQUIRE(table.rows == expected.size());
    auto join = [](const std::vector<std::string>& v, const std::string& sep) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
        return s;
    };
    for (std::size_t i = 0; i < table.rows; ++i) {
        const auto& r = expected[i];
        INFO(r.target_id);
        REQUIRE(table.plan_id.text(i) == r.plan_id);
        REQUIRE(table.target_id.text(i) == r.target_id);
        REQUIRE(table.indicator.text(i) == r.indicator);
        REQUIRE(table.indicator_key.text(i) == r.indicator_key);
        REQUIRE(table.region.text(i) == r.region);
        REQUIRE(table.kind.text(i) == to_string(r.kind));
        REQUIRE(table.comparator.text(i) == to_string(r.comparator));
        REQUIRE(table.nature.text(i) == (r.nature == Nature::unspecified ? "" : std::string(to_string(r.nature))));
        REQUIRE(table.section.text(i) == join(r.section, " > "));
        REQUIRE(table.category.text(i) == r.category);
        REQUIRE(table.reason.text(i) == r.reason);
        REQUIRE(table.method.text(i) == r.method);
        REQUIRE(table.method_version.text(i) == r.method_version);
        REQUIRE(table.unit.text(i) == r.unit);
        REQUIRE(table.task_id.text(i) == r.task_id);
        REQUIRE(table.lead.text(i) == join(r.lead, "、"));
        REQUIRE(table.explanation.text(i) == r.explanation);
        REQUIRE(static_cast<bool>(table.year.valid[i]) == r.year.has_value());
        REQUIRE(table.year.value[i] == r.year.value_or(0));
        REQUIRE(static_cast<bool>(table.latest_year.valid[i]) == r.latest_year.has_value());
        REQUIRE(table.latest_year.value[i] == r.latest_year.value_or(0));
        REQUIRE(table.baseline_year.value[i] == r.baseline_year.value_or(0));
        REQUIRE(table.reference_year.value[i] == r.reference_year.value_or(0));
        REQUIRE(table.as_of[i] == r.as_of);
        REQUIRE(table.verdict[i] == static_cast<std::uint8_t>(r.verdict));
        REQUIRE(same_number(table.threshold[i], r.threshold));
        REQUIRE(same_number(table.latest_value[i], r.latest_value));
        REQUIRE(same_number(table.projected_value[i], r.projected_value));
        REQUIRE(same_number(table.probability[i], r.probability));
        REQUIRE(same_number(table.years_to_target[i], r.years_to_target));
        REQUIRE(table.points[i] == r.points);
        REQUIRE(static_cast<bool>(table.stale[i]) == r.stale);
    }
    // Repeating texts are stored once.
    CHECK(table.plan_id.names.size() == 2);
    CHECK(table.kind.names.size() == 6);
}

TEST_CASE("evaluate_table gives the same table, codes included, with any number of threads",
          "[evaluate][table][threads]") {
    const Fixture a(1500, "a"), b(400, "b");
    const auto obs = Observations::from_rows(a.rows);
    const Plan* plans[] = {&a.plan, &b.plan};
    const auto one = evaluate_table(plans, obs, EvaluationPolicy{}, 2023, 1);
    auto same_text = [](const TextColumn& x, const TextColumn& y) {
        return x.codes == y.codes && x.names == y.names && x.offsets == y.offsets && x.utf8 == y.utf8;
    };
    for (int threads : {2, 3, 64}) {
        INFO(threads << " threads");
        const auto many = evaluate_table(plans, obs, EvaluationPolicy{}, 2023, threads);
        REQUIRE(many.rows == one.rows);
        for (auto member :
             {&ResultTable::plan_id, &ResultTable::target_id, &ResultTable::indicator, &ResultTable::indicator_key,
              &ResultTable::region, &ResultTable::kind, &ResultTable::comparator, &ResultTable::nature,
              &ResultTable::section, &ResultTable::category, &ResultTable::reason, &ResultTable::method,
              &ResultTable::method_version, &ResultTable::unit, &ResultTable::task_id, &ResultTable::lead,
              &ResultTable::explanation})
            REQUIRE(same_text(many.*member, one.*member));
        CHECK(many.verdict == one.verdict);
        CHECK(many.latest_year.value == one.latest_year.value);
        CHECK(many.points == one.points);
        for (std::size_t i = 0; i < one.rows; ++i) REQUIRE(same_number(many.probability[i], one.probability[i]));
    }
}

TEST_CASE("small and large plans find the same series (the store's index or the call's own)", "[evaluate][table]") {
    // 96 keys in the store: 40 targets look keys up in the store's index, 60 in one built for the call.
    const Fixture small(40), large(60);
    const auto obs = Observations::from_rows(small.rows);
    const auto a = evaluate(small.plan, obs, EvaluationPolicy{}, 2023);
    const auto b = evaluate(large.plan, obs, EvaluationPolicy{}, 2023);
    for (std::size_t i = 0; i < a.size(); ++i) {
        require_same(a[i], b[i]);
        REQUIRE(a[i].indicator_key == b[i].indicator_key);
        REQUIRE(a[i].region == b[i].region);
    }
}

TEST_CASE("an indicator id given twice is the first indicator, as Plan::find_indicator has it", "[evaluate][table]") {
    Plan plan;
    plan.id = "p";
    plan.region.name = "全国";
    Indicator first, second;
    first.id = second.id = "i";
    first.name = second.name = "指标";
    first.nature = Nature::binding;
    second.nature = Nature::advocacy;
    plan.indicators = {first, second};
    Target t;
    t.id = "t";
    t.indicator_id = "i";
    t.indicator = "指标";
    t.comparator = Comparator::ge;
    t.value = 30;
    t.year = 2030;
    plan.targets = {t};
    const auto obs = Observations::from_rows({{"指标", "全国", 2020, 20, "", "", 0, 0}});
    const auto r = evaluate(plan, obs, EvaluationPolicy{}, 2023);
    REQUIRE(plan.find_indicator("i")->nature == Nature::binding);
    CHECK(r.at(0).nature == Nature::binding);
    CHECK(r.at(0).verdict != Verdict::not_evaluable);
}
