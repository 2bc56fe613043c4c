// Random but valid plans for property-style tests: every field gets a value
// of every shape it can take (absent optionals, empty strings, nested
// sections, Chinese text, fractional values), from a seeded generator.
#pragma once

#include <random>
#include <string>

#include <healthplan/plan.hpp>

namespace testing_support {

class PlanGenerator {
  public:
    explicit PlanGenerator(unsigned seed) : rng_(seed) {}

    healthplan::Plan plan() {
        using namespace healthplan;
        Plan p;
        p.id = word();
        p.title = chinese(12);
        p.issuer = maybe(chinese(8));
        p.doc_number = maybe("乌海政办发〔2021〕" + std::to_string(pick(1, 99)) + "号");
        p.region = {chinese(3) + "市", static_cast<AdminLevel>(pick(0, 5)), maybe(chinese(4))};
        if (coin()) p.issue_date = Date{pick(2015, 2025), pick(1, 12), pick(1, 28)};
        if (coin()) p.publication_date = Date{pick(2015, 2025), pick(1, 12), pick(1, 28)};
        if (coin()) {
            p.period_start = pick(2016, 2021);
            p.period_end = *p.period_start + pick(0, 10);
        }
        p.status = static_cast<PlanStatus>(pick(0, 3));
        for (int i = pick(0, 3); i > 0; --i) p.references.push_back("《" + chinese(6) + "》");
        for (int i = pick(0, 3); i > 0; --i) p.sections.push_back(section(2));
        const int n_ind = pick(1, 6);
        for (int i = 0; i < n_ind; ++i) {
            Indicator ind;
            ind.id = "i" + std::to_string(i);
            ind.name = chinese(pick(2, 10));
            ind.unit = unit();
            ind.category = maybe(chinese(4));
            ind.direction = static_cast<Direction>(pick(0, 2));
            ind.nature = static_cast<Nature>(pick(0, 3));
            ind.code = maybe("HC" + std::to_string(pick(1, 99)));
            if (coin()) ind.span = span();
            p.indicators.push_back(ind);
        }
        const int n_tasks = pick(0, 4);
        for (int i = 0; i < n_tasks; ++i) {
            Task k;
            k.id = "k" + std::to_string(i);
            k.number = {"三", "(一)", std::to_string(i + 1)};
            k.title = chinese(6);
            k.set_text(maybe(chinese(30)));
            for (int j = pick(0, 2); j > 0; --j) k.lead.push_back({chinese(5), "市" + chinese(5)});
            for (int j = pick(0, 5); j > 0; --j) k.responsible.push_back({chinese(4), "市" + chinese(4)});
            if (coin()) k.others.push_back("各区人民政府分别负责");
            if (coin()) k.span = span();
            p.tasks.push_back(k);
        }
        const int n_targets = pick(0, 12);
        for (int i = 0; i < n_targets; ++i) {
            Target t = target(i, p.indicators[pick(0, n_ind - 1)]);
            if (n_tasks && coin()) {
                auto& k = p.tasks[pick(0, n_tasks - 1)];
                t.task_id = k.id;
                k.target_ids.push_back(t.id);
            }
            p.targets.push_back(t);
        }
        p.source = {word() + ".txt", std::string(64, 'a'),
                    coin() ? 0 : static_cast<std::uint64_t>(pick(200000, 1 << 20)),  // 0: unknown size
                    coin() ? "utf-8" : "gb18030"};
        return p;
    }

  private:
    healthplan::Target target(int i, const healthplan::Indicator& ind) {
        using namespace healthplan;
        Target t;
        t.id = "t" + std::to_string(i);
        t.indicator_id = ind.id;
        t.indicator = ind.name;
        if (coin()) t.year = pick(2020, 2035);
        t.kind = static_cast<TargetKind>(pick(0, 5));
        t.unit = ind.unit;
        t.unit_text = t.unit.symbol();
        const bool directional = coin();
        switch (t.kind) {
            case TargetKind::level:
                t.comparator = static_cast<Comparator>(pick(0, 5));
                t.value = value();
                break;
            case TargetKind::change:
                t.comparator = directional ? Comparator::increase : Comparator::decrease;
                t.value = value();
                t.reference = Reference{
                    coin() ? std::optional<int>(pick(2015, 2022)) : std::nullopt, coin() ? "基期" : "现有基础",
                    coin() ? std::optional<double>(value()) : std::nullopt, static_cast<ChangeMode>(pick(0, 2))};
                break;
            case TargetKind::rate:
                t.comparator = directional ? Comparator::increase : Comparator::decrease;
                t.value = value();
                break;
            case TargetKind::trend:
                t.comparator = directional ? Comparator::increase : Comparator::decrease;
                break;
            case TargetKind::benchmark:
                t.comparator = static_cast<Comparator>(pick(0, 5));
                t.benchmark = "国家平均水平";
                break;
            case TargetKind::milestone:
                t.comparator = Comparator::eq;
                break;
        }
        if (coin()) t.baseline = Baseline{coin() ? std::optional<int>(pick(2015, 2021)) : std::nullopt, value()};
        t.nature = static_cast<Nature>(pick(0, 3));
        t.soft = coin();
        t.certainty = static_cast<Certainty>(pick(0, 1));
        t.note = maybe(chinese(10));
        if (coin()) t.section = {"三", "(一)"};
        if (coin()) t.span = span();
        return t;
    }

    healthplan::Section section(int depth) {
        healthplan::Section s{"(" + std::to_string(pick(1, 9)) + ")", chinese(6), std::nullopt, {}};
        if (coin()) s.span = span();
        if (depth > 0)
            for (int i = pick(0, 2); i > 0; --i) s.children.push_back(section(depth - 1));
        return s;
    }

    healthplan::Unit unit() {
        static const char* symbols[] = {"%", "‰", "1/100000", "percentage_point", "years", "张", "人", "", "万人"};
        return healthplan::Unit::parse(symbols[pick(0, 8)]);
    }

    healthplan::Span span() {
        // A valid span: the evidence is as long as the span, which ends inside the source.
        const auto b = static_cast<std::size_t>(pick(0, 100000));
        std::string evidence = chinese(pick(1, 20));
        const std::size_t e = b + evidence.size();
        return {b, e, std::move(evidence)};
    }

    // Values with fractions of every length, to check the JSON number round trip.
    double value() {
        std::uniform_real_distribution<double> d(-1000.0, 100000.0);
        switch (pick(0, 2)) {
            case 0:
                return pick(0, 100);
            case 1:
                return pick(0, 1000) / 10.0;
            default:
                return d(rng_);
        }
    }

    std::string chinese(int n) {
        static const char* chars[] = {"健", "康", "乌", "海", "行", "动", "率", "水", "平", "卫", "生",
                                      "委", "员", "会", "市", "局", "“",  "》", "(",  "—",  "a",  "1"};
        std::string s;
        for (int i = 0; i < n; ++i) s += chars[pick(0, 21)];
        return s;
    }

    std::string word() { return "w" + std::to_string(pick(0, 1000000)); }
    std::string maybe(std::string s) { return coin() ? s : std::string(); }
    bool coin() { return pick(0, 1) == 1; }
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

    std::mt19937 rng_;
};

}  // namespace testing_support
