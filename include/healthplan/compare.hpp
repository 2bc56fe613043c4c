// Stringency: is a plan's target stricter than, equal to, or looser than the
// national target for the same indicator and year — or, when the national
// plan states no target for that year, than the national path drawn
// straight between the two nearest national points around it?
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
std::span<const EnumName<Stringency>> enum_names(Stringency);

// What a plan target was compared with. Most local plans are 十四五 plans
// with 2025 targets, while 健康中国行动 states targets for 2022 and 2030:
// comparing only same-year targets would leave them all not comparable.
// An interpolated value is a point on the straight line between two national
// points, never a stated national target, and is always labelled so.
enum class NationalBasis {
    none,             // nothing to compare with (see NationalReference::reason)
    national_target,  // the national target stated for that year
    interpolated,     // linear between the nearest national points before and after
};
std::string_view to_string(NationalBasis);
std::span<const EnumName<NationalBasis>> enum_names(NationalBasis);

// The national value a plan target of one year is measured against.
struct NationalReference {
    NationalBasis basis = NationalBasis::none;
    int year = 0;
    TargetKind kind = TargetKind::level;
    // As stated (national_target); for an interpolated path, the comparator
    // both ends share, none when they differ in strictness or are bare numbers.
    std::optional<Comparator> comparator;
    std::optional<double> value;  // in `unit`
    Unit unit;
    // interpolated: the two national points (year, value in `unit`); a point
    // may be the catalog's dated baseline rather than a target.
    int from_year = 0, to_year = 0;
    double from_value = 0, to_value = 0;
    bool from_baseline = false;
    // national_target: the source's wording ("≥22"); interpolated: how the
    // value was obtained ("interpolated between 2022 (≥22) and 2030 (≥30)").
    std::string text;
    std::string source;  // source id(s) of the national value(s): "S01" or "S01, S02"
    std::string reason;  // basis none: why there is nothing to compare with

    // "national_target", "interpolated(2022–2030)" (an en dash), or "" for none.
    std::string label() const;
};

struct StringencyOptions {
    // Compare with the interpolated national path when no national target
    // exists for the plan target's year. Never extrapolates: a year before
    // the first or after the last national point stays not comparable.
    bool interpolate = true;
};

// The national value for `year`: the stated target when the catalog has one
// (of any kind), else — with `interpolate` — the linear interpolation between
// the nearest national level points with values before and after `year`
// (national level targets, plus the entry's baseline when it states its
// year), converted exactly into the later point's unit. Not interpolated,
// with a reason: nothing on one side, ends whose comparators point different
// ways (≥ vs ≤), or units that do not convert.
NationalReference national_reference(const CatalogEntry& entry, int year, bool interpolate = true);

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
    // What the plan was compared with: a stated national target or the
    // interpolated national path (basis none when there was nothing).
    NationalReference reference;
};

// Compares one plan target with the entry's national target for `year`
// (the target's own year when not given) or, when there is none and
// `options.interpolate`, with the interpolated national path (level targets
// only; a plan comparator pointing against the path, ≥ on a ≤ path, is not
// comparable). `reference` says which. Level targets compare thresholds;
// rate targets compare the yearly change when both are stated in
// compatible units; trend, change, benchmark and milestone targets are
// not comparable by value and say so in `reason`. A plan value without a
// unit is read in the national unit, and `reason` says it was assumed.
StringencyResult stringency(const Target& target, const CatalogEntry& entry, std::optional<int> year = std::nullopt,
                            const StringencyOptions& options = {});

// Relative tolerance under which two thresholds count as equal.
inline constexpr double stringency_equal_tolerance = 1e-9;

HEALTHPLAN_END_NAMESPACE
