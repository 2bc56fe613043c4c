// evaluate_table(): evaluate()'s results laid out as columns, so Python builds
// its DataFrame from arrays instead of a loop over TargetResult objects (the
// loop cost 75–89 % of hp.evaluate's time, issue 11).
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>

#include "healthplan/evaluate_table.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Dictionary-encodes one text column. Neighbouring rows often repeat a text
// (one plan id, one method), so the previous text is tried before the hash.
class Encoder {
  public:
    explicit Encoder(TextColumn& column) : col_(column) {}
    void add(std::string_view text) {
        if (last_ >= 0 && col_.names[static_cast<std::size_t>(last_)] == text) {
            col_.codes.push_back(last_);
            return;
        }
        auto it = index_.find(text);
        if (it == index_.end()) {
            it = index_.emplace(std::string(text), static_cast<std::int32_t>(col_.names.size())).first;
            col_.names.emplace_back(text);
        }
        last_ = it->second;
        col_.codes.push_back(last_);
    }

  private:
    TextColumn& col_;
    std::unordered_map<std::string, std::int32_t, TextHash, std::equal_to<>> index_;
    std::int32_t last_ = -1;
};

void add_year(YearColumn& c, const std::optional<int>& y) {
    c.value.push_back(y.value_or(0));
    c.valid.push_back(y.has_value() ? 1 : 0);
}

// Python's enum member name (Comparator::ge is "ge"; the table shows `kind` and `nature` so).
template <class E>
std::string_view identifier(E value) {
    for (const auto& row : enum_names(E{}))
        if (row.value == value) return row.name;
    return "?";
}

const std::string& joined(const std::vector<std::string>& parts, std::string_view sep, std::string& buffer) {
    buffer.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) buffer += sep;
        buffer += parts[i];
    }
    return buffer;
}

// The encoders of every text column, kept across plans so codes stay shared.
struct TableWriter {
    explicit TableWriter(ResultTable& t)
        : table(t),
          plan_id(t.plan_id),
          region(t.region),
          kind(t.kind),
          comparator(t.comparator),
          nature(t.nature),
          section(t.section),
          category(t.category),
          reason(t.reason),
          method(t.method),
          method_version(t.method_version),
          unit(t.unit),
          task_id(t.task_id),
          lead(t.lead) {}

    void reserve(std::size_t n) {
        for (auto* c : {&table.year, &table.baseline_year, &table.reference_year, &table.latest_year}) {
            c->value.reserve(n);
            c->valid.reserve(n);
        }
        for (auto* c : {&table.threshold, &table.baseline_value, &table.reference_value, &table.latest_value,
                        &table.projected_value, &table.required_pace, &table.observed_pace, &table.years_to_target,
                        &table.probability, &table.progress, &table.score})
            c->reserve(n);
        for (auto* c : {&table.target_id, &table.indicator, &table.indicator_key, &table.explanation})
            c->names.reserve(n);
    }

    void add(TargetResult&& r) {
        ResultTable& t = table;
        plan_id.add(r.plan_id);
        t.target_id.names.push_back(std::move(r.target_id));
        t.indicator.names.push_back(std::move(r.indicator));
        t.indicator_key.names.push_back(std::move(r.indicator_key));
        region.add(r.region);
        add_year(t.year, r.year);
        kind.add(identifier(r.kind));
        comparator.add(to_string(r.comparator));
        nature.add(r.nature == Nature::unspecified ? std::string_view() : identifier(r.nature));
        section.add(joined(r.section, " > ", buffer));
        t.as_of.push_back(r.as_of);
        t.verdict.push_back(static_cast<std::uint8_t>(r.verdict));
        category.add(r.category);
        reason.add(r.reason);
        method.add(r.method);
        method_version.add(r.method_version);
        t.threshold.push_back(r.threshold);
        unit.add(r.unit);
        add_year(t.baseline_year, r.baseline_year);
        t.baseline_value.push_back(r.baseline_value);
        add_year(t.reference_year, r.reference_year);
        t.reference_value.push_back(r.reference_value);
        add_year(t.latest_year, r.latest_year);
        t.latest_value.push_back(r.latest_value);
        t.points.push_back(r.points);
        t.projected_value.push_back(r.projected_value);
        t.required_pace.push_back(r.required_pace);
        t.observed_pace.push_back(r.observed_pace);
        t.years_to_target.push_back(r.years_to_target);
        t.probability.push_back(r.probability);
        t.progress.push_back(r.progress);
        t.score.push_back(r.score);
        t.stale.push_back(r.stale ? 1 : 0);
        task_id.add(r.task_id);
        lead.add(joined(r.lead, "、", buffer));
        t.explanation.names.push_back(std::move(r.explanation));
        ++t.rows;
    }

    ResultTable& table;
    Encoder plan_id, region, kind, comparator, nature, section, category, reason, method, method_version, unit, task_id,
        lead;
    std::string buffer;
};

}  // namespace

ResultTable evaluate_table(std::span<const Plan* const> plans, const Observations& observations,
                           const EvaluationPolicy& policy, std::optional<int> as_of, int threads) {
    policy.validate();
    const int year = as_of ? *as_of : static_cast<int>(observations.max_year());
    ResultTable table;
    TableWriter writer(table);
    std::size_t n = 0;
    for (const Plan* p : plans) n += p->targets.size();
    writer.reserve(n);
    for (const Plan* p : plans)
        for (auto& r : evaluate(*p, observations, policy, year, threads)) writer.add(std::move(r));
    return table;
}

HEALTHPLAN_END_NAMESPACE
