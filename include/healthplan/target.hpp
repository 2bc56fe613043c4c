// A target: what a plan promises about one indicator at one year.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/agency.hpp"
#include "healthplan/config.hpp"
#include "healthplan/enum_names.hpp"
#include "healthplan/indicator.hpp"
#include "healthplan/span.hpp"
#include "healthplan/units.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// The forms a target takes in the genre (see README "Targets").
enum class TargetKind {
    level,      // 不低于22%: compare the value at the year with a threshold
    change,     // 比基期降低10%: threshold derived from a reference value
    rate,       // 每年降低0.5个百分点以上: change per year
    trend,      // 持续下降: direction only
    benchmark,  // 达到国家平均水平: compared with another jurisdiction's value
    milestone,  // 建立…机制: done or not done
};

// Comparators keep the document's exact inclusive / strict meaning:
// 不低于 / 以上 → ge, 高于 / 超过 → gt, 以下 / 不超过 → le, 低于 → lt,
// 左右 / 约 → approx. Change, rate and trend targets use increase / decrease.
enum class Comparator { ge, gt, le, lt, eq, approx, increase, decrease };

// How a change or rate value applies to its reference.
enum class ChangeMode {
    relative,  // 降低10%: threshold = reference × (1 − 0.10)
    points,    // 降低2个百分点: threshold = reference − 2 (in the indicator's % unit)
    absolute,  // 增加500张: threshold = reference + 500 (same unit)
};

// The reference a change is measured from ("比基期", "在2019年基础上").
struct Reference {
    std::optional<int> year;      // 2019, or none for 基期 / 现有基础
    std::string label;            // as written: "基期", "现有基础", "2019年"
    std::optional<double> value;  // when the plan states it
    ChangeMode mode = ChangeMode::relative;

    bool operator==(const Reference&) const = default;
};

// A baseline the plan states (the 2020 column of an indicator table).
struct Baseline {
    std::optional<int> year;
    double value = 0;

    bool operator==(const Baseline&) const = default;
};

// Whether the extractor is sure of a fact. Transcription damage in real pages
// ("分别达到25%40%") must never become a wrong number silently: what cannot be
// read with certainty is kept, marked uncertain, and explained in `note`.
enum class Certainty { certain, uncertain };

struct Target {
    std::string id;            // unique within the plan
    std::string indicator_id;  // the plan's Indicator this target is about
    std::string indicator;     // indicator name as written at this target
    std::optional<int> year;   // target year; none for "保持在90%以上"
    TargetKind kind = TargetKind::level;
    Comparator comparator = Comparator::ge;
    std::optional<double> value;  // none for trend, benchmark, milestone
    Unit unit;
    std::string unit_text;               // unit exactly as written ("/10万", "个百分点")
    std::optional<Reference> reference;  // change targets (and rates, when stated)
    std::optional<Baseline> baseline;
    Nature nature = Nature::unspecified;
    bool soft = false;      // 力争: strive to, not promise
    std::string benchmark;  // benchmark targets: "国家平均水平", "自治区平均水平"
    Certainty certainty = Certainty::certain;
    std::string note;     // why uncertain, or other remarks
    std::string task_id;  // the task it is stated in, if any
    // Who answers for it (schema 2): the 牵头单位 / 责任单位 columns of a target
    // responsibility table, else the units of the task it is stated in.
    std::vector<Agency> lead;
    std::vector<Agency> responsible;
    std::vector<std::string> section;  // label path of the enclosing section
    std::optional<Span> span;

    // Throws ValidationError naming the field (`where` = "target <id>: <field>").
    void validate() const;
    bool operator==(const Target&) const = default;
};

// Spellings used in JSON, the gold format and the CLI. Parsing throws
// SchemaError("enum.unknown") listing the accepted spellings.
std::string_view to_string(TargetKind);
std::string_view to_string(Comparator);  // ">=", ">", "<=", "<", "=", "~", "increase", "decrease"
std::string_view to_string(ChangeMode);
std::string_view to_string(Certainty);
std::string_view to_string(Nature);     // "binding", "expected", "advocacy", "" (unspecified)
std::string_view to_string(Direction);  // "higher", "lower", "unknown"
// The name tables behind to_string / parse_* (see enum_names.hpp).
std::span<const EnumName<TargetKind>> enum_names(TargetKind);
std::span<const EnumName<Comparator>> enum_names(Comparator);
std::span<const EnumName<ChangeMode>> enum_names(ChangeMode);
std::span<const EnumName<Certainty>> enum_names(Certainty);
std::span<const EnumName<Nature>> enum_names(Nature);
std::span<const EnumName<Direction>> enum_names(Direction);
TargetKind parse_target_kind(std::string_view);
Comparator parse_comparator(std::string_view);
ChangeMode parse_change_mode(std::string_view);
Certainty parse_certainty(std::string_view);
Nature parse_nature(std::string_view);
Direction parse_direction(std::string_view);

// True when `value` satisfies `comparator threshold`; approx allows
// `tolerance` as a fraction of |threshold|. Only for ge/gt/le/lt/eq/approx.
bool satisfies(double value, Comparator comparator, double threshold, double tolerance = 0.05);

HEALTHPLAN_END_NAMESPACE
