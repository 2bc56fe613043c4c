// The verdict vocabulary of evaluation, shared by the policy and the results.
#pragma once

#include <string_view>

#include "healthplan/config.hpp"
#include "healthplan/enum_names.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// What evaluation says about one target as of a year.
//   achieved / missed     — the target year's observation exists and is judged;
//   achieved_early        — before the target year the latest value already meets it;
//   on_track / off_track  — before the target year, judged by the method's projection;
//   not_evaluable         — the target is never scored (advocacy 倡导性, no criterion);
//   insufficient_data     — it could be scored, but the data do not allow it (the
//                           result's `reason` says why: no observation, a single
//                           point, unknown unit, ...).
enum class Verdict : unsigned char {
    achieved,
    achieved_early,
    on_track,
    off_track,
    missed,
    not_evaluable,
    insufficient_data,
};

inline constexpr int verdict_count = 7;

// "achieved", "achieved_early", "on_track", "off_track", "missed",
// "not_evaluable", "insufficient_data".
std::string_view to_string(Verdict verdict);
// Throws SchemaError("enum.unknown") listing the accepted spellings.
Verdict parse_verdict(std::string_view text);
std::span<const EnumName<Verdict>> enum_names(Verdict);

// True for the verdicts that count in a score (everything except
// not_evaluable and insufficient_data).
constexpr bool is_scored(Verdict v) noexcept { return v != Verdict::not_evaluable && v != Verdict::insufficient_data; }

HEALTHPLAN_END_NAMESPACE
