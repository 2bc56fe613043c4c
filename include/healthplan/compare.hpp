// Stringency: is a plan's target stricter than, equal to, or looser than the
// national target for the same indicator and year?
//
// "Stricter" respects the indicator's direction: for a higher-is-better
// indicator (健康素养水平) a higher threshold is stricter; for a
// lower-is-better one (婴儿死亡率) a lower threshold is. Values are first
// converted into the national target's unit, so 0.5% and 5‰ compare equal.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "healthplan/catalog.hpp"
#include "healthplan/config.hpp"
#include "healthplan/target.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

enum class Stringency { stricter, equal, looser, not_comparable };
std::string_view to_string(Stringency);

struct StringencyResult {
    Stringency verdict = Stringency::not_comparable;
    std::optional<double> plan_value;      // in `unit`
    std::optional<double> national_value;  // in `unit`
    Unit unit;                             // the national target's unit
    // Signed distance from the national value, positive when the plan is
    // stricter, in `unit` (percentage points for %, ‰ for ‰ ...).
    std::optional<double> margin;
    // margin / |national value|; none when the national value is 0.
    std::optional<double> relative_margin;
    std::string reason;  // why not comparable, or remarks (unit assumed, strictness of < vs ≤)
};

// Compares one plan target with the entry's national target for `year`
// (the target's own year when not given). Level targets compare thresholds;
// rate targets compare the yearly change when both are stated in
// compatible units; trend, change, benchmark and milestone targets are
// not comparable by value and say so in `reason`. A plan value without a
// unit is read in the national unit, and `reason` says it was assumed.
StringencyResult stringency(const Target& target, const CatalogEntry& entry, std::optional<int> year = std::nullopt);

// Relative tolerance under which two thresholds count as equal.
inline constexpr double stringency_equal_tolerance = 1e-9;

HEALTHPLAN_END_NAMESPACE
