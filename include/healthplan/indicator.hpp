// What a plan measures.
#pragma once

#include <optional>
#include <string>

#include "healthplan/config.hpp"
#include "healthplan/span.hpp"
#include "healthplan/units.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// Which way is better.
enum class Direction { unknown, higher, lower };

// 约束性 / 预期性 / 倡导性: binding targets are the ones a government is held
// to; advocacy indicators are shown but never scored.
enum class Nature { unspecified, binding, expected, advocacy };

struct Indicator {
    std::string id;        // unique within the plan
    std::string name;      // as written ("15岁以上人群吸烟率")
    Unit unit;             // the unit its targets are stated in, if one
    std::string category;  // a grouping the plan uses (a 专栏 or action name)
    Direction direction = Direction::unknown;
    Nature nature = Nature::unspecified;
    std::string code;  // canonical catalog code once matched; empty if not
    std::optional<Span> span;

    bool operator==(const Indicator&) const = default;
};

HEALTHPLAN_END_NAMESPACE
