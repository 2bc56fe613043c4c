// Enum spellings and the invariants of the model objects.
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "healthplan/error.hpp"
#include "healthplan/plan.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

// One table per enum keeps to_string, parse and the Python binding from
// drifting apart: {value, identifier, JSON text}.
template <class E, std::size_t N>
std::string_view spell(const EnumName<E> (&table)[N], E v) {
    for (const auto& s : table)
        if (s.value == v) return s.text;
    return "?";
}

template <class E, std::size_t N>
E unspell(const EnumName<E> (&table)[N], std::string_view text, std::string_view what) {
    for (const auto& s : table)
        if (s.text == text) return s.value;
    std::string accepted;
    for (const auto& s : table) accepted += (accepted.empty() ? "'" : ", '") + std::string(s.text) + "'";
    throw SchemaError("enum.unknown",
                      "unknown " + std::string(what) + " '" + std::string(text) + "' (accepted: " + accepted + ")");
}

constexpr EnumName<TargetKind> kKinds[] = {{TargetKind::level, "level", "level"},
                                           {TargetKind::change, "change", "change"},
                                           {TargetKind::rate, "rate", "rate"},
                                           {TargetKind::trend, "trend", "trend"},
                                           {TargetKind::benchmark, "benchmark", "benchmark"},
                                           {TargetKind::milestone, "milestone", "milestone"}};
constexpr EnumName<Comparator> kComparators[] = {{Comparator::ge, "ge", ">="},
                                                 {Comparator::gt, "gt", ">"},
                                                 {Comparator::le, "le", "<="},
                                                 {Comparator::lt, "lt", "<"},
                                                 {Comparator::eq, "eq", "="},
                                                 {Comparator::approx, "approx", "~"},
                                                 {Comparator::increase, "increase", "increase"},
                                                 {Comparator::decrease, "decrease", "decrease"}};
constexpr EnumName<ChangeMode> kModes[] = {{ChangeMode::relative, "relative", "relative"},
                                           {ChangeMode::points, "points", "points"},
                                           {ChangeMode::absolute, "absolute", "absolute"}};
constexpr EnumName<Certainty> kCertainties[] = {{Certainty::certain, "certain", "certain"},
                                                {Certainty::uncertain, "uncertain", "uncertain"}};
constexpr EnumName<Nature> kNatures[] = {{Nature::unspecified, "unspecified", ""},
                                         {Nature::binding, "binding", "binding"},
                                         {Nature::expected, "expected", "expected"},
                                         {Nature::advocacy, "advocacy", "advocacy"}};
constexpr EnumName<Direction> kDirections[] = {{Direction::unknown, "unknown", "unknown"},
                                               {Direction::higher, "higher", "higher"},
                                               {Direction::lower, "lower", "lower"}};
constexpr EnumName<PlanStatus> kStatuses[] = {{PlanStatus::unknown, "unknown", "unknown"},
                                              {PlanStatus::in_force, "in_force", "in_force"},
                                              {PlanStatus::draft, "draft", "draft"},
                                              {PlanStatus::expired, "expired", "expired"}};
constexpr EnumName<AdminLevel> kLevels[] = {
    {AdminLevel::unknown, "unknown", "unknown"},    {AdminLevel::national, "national", "national"},
    {AdminLevel::province, "province", "province"}, {AdminLevel::prefecture, "prefecture", "prefecture"},
    {AdminLevel::county, "county", "county"},       {AdminLevel::district, "district", "district"}};

bool plausible_year(int y) { return y >= 1949 && y <= 2100; }

[[noreturn]] void invalid(const std::string& where, const std::string& message) {
    throw ValidationError("model.invalid", message, where);
}

}  // namespace

std::string_view to_string(TargetKind v) { return spell(kKinds, v); }
std::string_view to_string(Comparator v) { return spell(kComparators, v); }
std::string_view to_string(ChangeMode v) { return spell(kModes, v); }
std::string_view to_string(Certainty v) { return spell(kCertainties, v); }
std::string_view to_string(Nature v) { return spell(kNatures, v); }
std::string_view to_string(Direction v) { return spell(kDirections, v); }
std::string_view to_string(PlanStatus v) { return spell(kStatuses, v); }
std::string_view to_string(AdminLevel v) { return spell(kLevels, v); }
std::span<const EnumName<TargetKind>> enum_names(TargetKind) { return kKinds; }
std::span<const EnumName<Comparator>> enum_names(Comparator) { return kComparators; }
std::span<const EnumName<ChangeMode>> enum_names(ChangeMode) { return kModes; }
std::span<const EnumName<Certainty>> enum_names(Certainty) { return kCertainties; }
std::span<const EnumName<Nature>> enum_names(Nature) { return kNatures; }
std::span<const EnumName<Direction>> enum_names(Direction) { return kDirections; }
std::span<const EnumName<PlanStatus>> enum_names(PlanStatus) { return kStatuses; }
std::span<const EnumName<AdminLevel>> enum_names(AdminLevel) { return kLevels; }
TargetKind parse_target_kind(std::string_view s) { return unspell(kKinds, s, "target kind"); }
Comparator parse_comparator(std::string_view s) { return unspell(kComparators, s, "comparator"); }
ChangeMode parse_change_mode(std::string_view s) { return unspell(kModes, s, "change mode"); }
Certainty parse_certainty(std::string_view s) { return unspell(kCertainties, s, "certainty"); }
Nature parse_nature(std::string_view s) { return unspell(kNatures, s, "nature"); }
Direction parse_direction(std::string_view s) { return unspell(kDirections, s, "direction"); }
PlanStatus parse_plan_status(std::string_view s) { return unspell(kStatuses, s, "plan status"); }
AdminLevel parse_admin_level(std::string_view s) { return unspell(kLevels, s, "administrative level"); }

bool satisfies(double value, Comparator c, double threshold, double tolerance) {
    switch (c) {
        case Comparator::ge:
            return value >= threshold;
        case Comparator::gt:
            return value > threshold;
        case Comparator::le:
            return value <= threshold;
        case Comparator::lt:
            return value < threshold;
        case Comparator::eq:
            return value == threshold;
        case Comparator::approx:
            return std::fabs(value - threshold) <= tolerance * std::fabs(threshold);
        case Comparator::increase:
        case Comparator::decrease:
            break;
    }
    throw ValidationError("model.invalid",
                          "satisfies() needs a level comparator, got '" + std::string(to_string(c)) + "'");
}

void Target::validate() const {
    const std::string where = "target " + (id.empty() ? std::string("(no id)") : id);
    if (id.empty()) invalid(where, "id: must not be empty");
    if (indicator.empty()) invalid(where + ": indicator", "must name the indicator");
    if (year && !plausible_year(*year)) invalid(where + ": year", "implausible year " + std::to_string(*year));
    if (value && !std::isfinite(*value)) invalid(where + ": value", "must be a finite number");
    const bool directional = comparator == Comparator::increase || comparator == Comparator::decrease;
    switch (kind) {
        case TargetKind::level:
            if (!value) invalid(where + ": value", "a level target needs a value");
            if (directional) invalid(where + ": comparator", "a level target needs >=, >, <=, <, = or ~");
            break;
        case TargetKind::change:
            if (!value) invalid(where + ": value", "a change target needs a value");
            if (!directional) invalid(where + ": comparator", "a change target needs increase or decrease");
            if (!reference) invalid(where + ": reference", "a change target needs a reference");
            break;
        case TargetKind::rate:
            if (!value) invalid(where + ": value", "a rate target needs a value");
            if (!directional) invalid(where + ": comparator", "a rate target needs increase or decrease");
            break;
        case TargetKind::trend:
            if (!directional) invalid(where + ": comparator", "a trend target needs increase or decrease");
            if (value) invalid(where + ": value", "a trend target has no value");
            break;
        case TargetKind::benchmark:
            if (directional) invalid(where + ": comparator", "a benchmark target needs >=, >, <=, <, = or ~");
            if (benchmark.empty())
                invalid(where + ": benchmark", "a benchmark target must name what it is compared with");
            break;
        case TargetKind::milestone:
            if (comparator != Comparator::eq) invalid(where + ": comparator", "a milestone target uses '='");
            break;
    }
    if (reference) {
        if (reference->year && !plausible_year(*reference->year))
            invalid(where + ": reference.year", "implausible year " + std::to_string(*reference->year));
        if (reference->value && !std::isfinite(*reference->value))
            invalid(where + ": reference.value", "must be a finite number");
    }
    if (baseline) {
        if (baseline->year && !plausible_year(*baseline->year))
            invalid(where + ": baseline.year", "implausible year " + std::to_string(*baseline->year));
        if (!std::isfinite(baseline->value)) invalid(where + ": baseline.value", "must be a finite number");
    }
    if (span && span->end < span->begin) invalid(where + ": span", "end before begin");
}

std::string Task::number_string() const {
    std::string out;
    for (const auto& part : number) {
        if (!out.empty()) out += '.';
        out += part;
    }
    return out;
}

void Task::set_text(std::string body) {
    if (span && body == span->evidence)
        own_text.reset();
    else
        own_text = std::move(body);
}

bool Task::operator==(const Task& o) const {
    return id == o.id && number == o.number && title == o.title && text() == o.text() && lead == o.lead &&
           responsible == o.responsible && others == o.others && target_ids == o.target_ids && span == o.span &&
           certainty == o.certainty;
}

void Task::validate() const {
    const std::string where = "task " + (id.empty() ? std::string("(no id)") : id);
    if (id.empty()) invalid(where, "id: must not be empty");
    for (std::size_t i = 0; i < lead.size(); ++i)
        if (lead[i].name.empty()) invalid(where + ": lead[" + std::to_string(i) + "]", "agency name is empty");
    for (std::size_t i = 0; i < responsible.size(); ++i)
        if (responsible[i].name.empty())
            invalid(where + ": responsible[" + std::to_string(i) + "]", "agency name is empty");
    if (span && span->end < span->begin) invalid(where + ": span", "end before begin");
}

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) noexcept {
    for (const auto& item : items)
        if (item.id == id) return &item;
    return nullptr;
}

// The ids, hashed once: the set that proves them unique is the one the links
// are checked against (each list was hashed twice, 3 % of a table document).
template <class T>
std::unordered_set<std::string_view> require_unique_ids(const std::vector<T>& items, std::string_view what) {
    std::unordered_set<std::string_view> seen;
    seen.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!seen.insert(items[i].id).second)
            throw ValidationError("model.duplicate_id", "duplicate id '" + items[i].id + "'",
                                  "/" + std::string(what) + "/" + std::to_string(i));
    }
    return seen;
}
// A span must lie inside the source and quote exactly its bytes' length
// (text[begin:end] == evidence cannot be checked without the text, but these can).
// `where` (a callable giving the JSON pointer) is asked only for the error: a
// plan of 50 000 tasks built 50 000 pointer strings to check spans that were fine.
template <class Where>
void check_span(const std::optional<Span>& span, std::uint64_t source_size, const Where& where) {
    if (!span) return;
    if (span->end < span->begin) throw ValidationError("model.span", "span ends before it begins", where());
    if (source_size > 0 && span->end > source_size)
        throw ValidationError("model.span",
                              "span ends at byte " + std::to_string(span->end) + ", past the end of the source (" +
                                  std::to_string(source_size) + " bytes)",
                              where());
    if (!span->evidence.empty() && span->evidence.size() != span->end - span->begin)
        throw ValidationError("model.span",
                              "evidence is " + std::to_string(span->evidence.size()) + " bytes but the span covers " +
                                  std::to_string(span->end - span->begin),
                              where());
}

// Every span in the plan, sections walked with an explicit stack (no recursion on input depth).
void check_spans(const Plan& p) {
    const std::uint64_t n = p.source.size;
    auto pointer = [](const char* array, std::size_t i) { return std::string(array) + std::to_string(i) + "/span"; };
    for (std::size_t i = 0; i < p.indicators.size(); ++i)
        check_span(p.indicators[i].span, n, [&] { return pointer("/indicators/", i); });
    for (std::size_t i = 0; i < p.targets.size(); ++i)
        check_span(p.targets[i].span, n, [&] { return pointer("/targets/", i); });
    for (std::size_t i = 0; i < p.tasks.size(); ++i)
        check_span(p.tasks[i].span, n, [&] { return pointer("/tasks/", i); });
    std::vector<std::pair<const Section*, std::string>> stack;
    for (std::size_t i = 0; i < p.sections.size(); ++i)
        stack.emplace_back(&p.sections[i], "/sections/" + std::to_string(i));
    while (!stack.empty()) {
        // Not a structured binding: Clang before 16 cannot capture one in the lambda below
        // (the fuzz and sanitizer builds use Clang).
        const std::pair<const Section*, std::string> top = std::move(stack.back());
        stack.pop_back();
        const Section* s = top.first;
        const std::string& ptr = top.second;
        check_span(s->span, n, [&] { return ptr + "/span"; });
        for (std::size_t i = 0; i < s->children.size(); ++i)
            stack.emplace_back(&s->children[i], ptr + "/children/" + std::to_string(i));
    }
}

}  // namespace

const Indicator* Plan::find_indicator(std::string_view id) const noexcept { return find_by_id(indicators, id); }
const Target* Plan::find_target(std::string_view id) const noexcept { return find_by_id(targets, id); }
const Task* Plan::find_task(std::string_view id) const noexcept { return find_by_id(tasks, id); }

void Plan::validate() const {
    if (period_start && !plausible_year(*period_start))
        invalid("plan: period_start", "implausible year " + std::to_string(*period_start));
    if (period_end && !plausible_year(*period_end))
        invalid("plan: period_end", "implausible year " + std::to_string(*period_end));
    if (period_start && period_end && *period_end < *period_start)
        invalid("plan: period_end", "the period ends before it starts");
    if (issue_date && !issue_date->valid()) invalid("plan: issue_date", "not a valid date");
    if (publication_date && !publication_date->valid()) invalid("plan: publication_date", "not a valid date");
    const auto indicator_ids = require_unique_ids(indicators, "indicators");
    const auto target_ids = require_unique_ids(targets, "targets");
    const auto task_ids = require_unique_ids(tasks, "tasks");
    for (const auto& ind : indicators)
        if (ind.id.empty() || ind.name.empty()) invalid("indicator " + ind.id, "id and name must not be empty");
    // Each object's own check names its field; the plan adds the JSON pointer
    // of the object so the message leads straight to the place in a file.
    auto at = [](std::string_view list, std::size_t i, const auto& item) {
        try {
            item.validate();
        } catch (const ValidationError& e) {
            throw ValidationError(e.id(), e.message(),
                                  "/" + std::string(list) + "/" + std::to_string(i) + " (" + e.where() + ")");
        }
    };
    for (std::size_t i = 0; i < targets.size(); ++i) at("targets", i, targets[i]);
    for (std::size_t i = 0; i < tasks.size(); ++i) at("tasks", i, tasks[i]);
    // Links are checked against hashed ids, not by a scan per link: a plan of
    // 86k targets would otherwise take seconds (quadratic in the targets).
    for (const auto& t : targets) {
        if (!t.indicator_id.empty() && !indicator_ids.count(t.indicator_id))
            invalid("target " + t.id + ": indicator_id", "no indicator with id '" + t.indicator_id + "'");
        if (!t.task_id.empty() && !task_ids.count(t.task_id))
            invalid("target " + t.id + ": task_id", "no task with id '" + t.task_id + "'");
    }
    check_spans(*this);
    for (const auto& k : tasks) {
        for (const auto& tid : k.target_ids)
            if (!target_ids.count(tid)) invalid("task " + k.id + ": target_ids", "no target with id '" + tid + "'");
    }
}

HEALTHPLAN_END_NAMESPACE
