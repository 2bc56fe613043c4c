// A health plan: the document, its outline, and what it promises.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "healthplan/agency.hpp"
#include "healthplan/config.hpp"
#include "healthplan/date.hpp"
#include "healthplan/indicator.hpp"
#include "healthplan/section.hpp"
#include "healthplan/target.hpp"
#include "healthplan/task.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

enum class PlanStatus { unknown, in_force, draft, expired };

std::string_view to_string(PlanStatus);
std::string_view to_string(AdminLevel);
std::span<const EnumName<PlanStatus>> enum_names(PlanStatus);
std::span<const EnumName<AdminLevel>> enum_names(AdminLevel);
PlanStatus parse_plan_status(std::string_view);
AdminLevel parse_admin_level(std::string_view);

// The identity of the text a plan was read from, so facts' spans can be
// checked against the right document.
struct SourceInfo {
    std::string name;    // file base name, or a caller-given name
    std::string sha256;  // of the UTF-8 text the spans index into
    std::uint64_t size = 0;
    std::string encoding;  // of the original bytes: "utf-8", "gb18030", "utf-16le"
    // What was read (schema 2): "text", "html", "docx", "pdf". For every
    // format but text, `text` keeps the document's extracted text, which the
    // spans index into (a text document is its own text and is not copied).
    std::string format;
    std::string text;

    bool operator==(const SourceInfo&) const = default;
};

struct Plan {
    std::string id;
    std::string title;                     // the plan's own title, not the notice's
    std::string issuer;                    // 发文机关
    std::string doc_number;                // 文号: "乌海政办发〔2021〕37号"
    Region region;                         // place and administrative level
    std::optional<Date> issue_date;        // 成文日期
    std::optional<Date> publication_date;  // 公开日期
    std::optional<int> period_start;       // plan period, e.g. 2021–2025
    std::optional<int> period_end;
    PlanStatus status = PlanStatus::unknown;
    std::vector<std::string> references;  // documents it implements (《…》(国发〔2019〕13号))
    std::vector<Section> sections;
    std::vector<Indicator> indicators;
    std::vector<Target> targets;
    std::vector<Task> tasks;
    SourceInfo source;

    const Indicator* find_indicator(std::string_view id) const noexcept;
    const Target* find_target(std::string_view id) const noexcept;
    const Task* find_task(std::string_view id) const noexcept;

    // Checks every invariant: each object's own (Target::validate, ...),
    // unique ids, and that every id a target or task refers to exists.
    // Throws ValidationError naming the first bad object and field.
    void validate() const;
    bool operator==(const Plan&) const = default;
};

HEALTHPLAN_END_NAMESPACE
