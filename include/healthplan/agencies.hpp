// Agency normalisation: line up "the health commission" of every plan.
//
// Plans write the same unit as 市卫生健康委员会, 市卫健委, 乌海市卫生健康委员会
// or 区卫生健康局. Normalisation splits a name into the place, the level
// prefix and the department core, expands short forms (卫健委 → 卫生健康委员会)
// and classifies the core into a department kind (health, education, sport,
// civil affairs, …). All of it is driven by tables (agencies_tables.cpp), so
// a new short form or kind is one line of data, not a new branch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// A department kind of the vocabulary: a stable id ("health") and labels.
struct DepartmentKind {
    std::string id;        // "health", "education", ..., "other"
    std::string label;     // English label: "Health commission / bureau"
    std::string label_zh;  // Chinese label: "卫生健康"
};

struct NormalizedAgency {
    std::string as_written;
    std::string place;  // a place name found in front: "乌海市"; empty if none
    // The level prefix: "市", "区", "县", "旗", "盟", "省", "自治区", "镇",
    // "乡"; empty when the name has none (卫生健康局) or only a place name
    // that carries no level.
    std::string level;
    // Party organs ("市委宣传部") keep their 委 marker in `core` after the
    // level: core is "委宣传部" → expanded "委宣传部". Government
    // departments: "卫生健康委员会", "教育局".
    std::string core;
    std::string kind;  // DepartmentKind id; "other" when no keyword matched
    // The name a comparison groups by: level + expanded core
    // ("市卫生健康委员会"), without the place, so the same department of two
    // cities of one level compares equal.
    std::string canonical;
};

// Normalises one agency name. `places` are extra place names to strip
// (e.g. the plan's own region, "乌海市"); a built-in table covers the
// bundled plans' places and the province-level units.
NormalizedAgency normalize_agency(std::string_view name, const std::vector<std::string>& places = {});

// The vocabulary, in the order reports list it.
const std::vector<DepartmentKind>& department_kinds();
// The kind record for an id; the "other" kind for unknown ids.
const DepartmentKind& department_kind(std::string_view id);

// Short forms and their full spellings, as used for expansion ("卫健委" → "卫生健康委员会").
const std::vector<std::pair<std::string, std::string>>& agency_short_forms();

HEALTHPLAN_END_NAMESPACE
