// Plans as JSON: the documented, versioned schema (README "JSON schema").
//
// Loading never drops data silently. Malformed text is a ParseError naming
// line and column; a value of the wrong shape, a missing field or an unknown
// field is a SchemaError naming its JSON pointer; a broken invariant is a
// ValidationError; an unknown unit is a UnitError — the latter two also carry
// the JSON pointer of the offending object.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/plan.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// Bumped whenever the JSON layout changes; loaders accept every version up to it.
inline constexpr int schema_version = 2;  // 2: target lead/responsible, source format/text; 1 still loads

struct JsonReadOptions {
    // Unknown fields are an error by default. When false they are skipped, and
    // each one is reported in `warnings` (if given) by its JSON pointer.
    bool strict = true;
    std::vector<std::string>* warnings = nullptr;
};

std::string to_json(const Plan& plan, int indent = 2);
Plan plan_from_json(std::string_view text, const JsonReadOptions& options = {});

// One target or task as its object in the plan schema (for pickling and
// messages). Reading checks the object's own invariants, not references.
std::string to_json(const Target& target);
std::string to_json(const Task& task);
Target target_from_json(std::string_view text);
Task task_from_json(std::string_view text);

// File variants; errors name the file as well as the place inside it.
Plan load_plan(const std::filesystem::path& path, const JsonReadOptions& options = {});
void save_plan(const Plan& plan, const std::filesystem::path& path, int indent = 2);

HEALTHPLAN_END_NAMESPACE
