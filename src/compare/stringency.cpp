// Stringency of a plan target against the national target.
#include "healthplan/compare.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {
constexpr EnumName<Stringency> kStringencies[] = {{Stringency::stricter, "stricter", "stricter"},
                                                  {Stringency::equal, "equal", "equal"},
                                                  {Stringency::looser, "looser", "looser"},
                                                  {Stringency::not_comparable, "not_comparable", "not_comparable"}};
constexpr EnumName<NationalBasis> kBases[] = {{NationalBasis::none, "none", "none"},
                                              {NationalBasis::national_target, "national_target", "national_target"},
                                              {NationalBasis::interpolated, "interpolated", "interpolated"}};
}  // namespace

std::span<const EnumName<Stringency>> enum_names(Stringency) { return kStringencies; }
std::string_view to_string(Stringency s) { return enum_text<Stringency>(kStringencies, s, "not_comparable"); }
std::span<const EnumName<NationalBasis>> enum_names(NationalBasis) { return kBases; }
std::string_view to_string(NationalBasis b) { return enum_text<NationalBasis>(kBases, b, "none"); }

namespace {

bool is_strict(std::optional<Comparator> c) { return c && (*c == Comparator::gt || *c == Comparator::lt); }

// +1 for a floor (≥ >), -1 for a ceiling (≤ <), 0 for anything else.
int side(std::optional<Comparator> c) {
    if (!c) return 0;
    switch (*c) {
        case Comparator::ge:
        case Comparator::gt:
            return 1;
        case Comparator::le:
        case Comparator::lt:
            return -1;
        default:
            return 0;
    }
}

std::string fmt(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

// Converts `value` stated in `from` into `to`; a unitless plan value is read
// in `to` (plans often drop the unit in running text), noted in `note`.
std::optional<double> to_unit(double value, const Unit& from, const Unit& to, std::string& note, std::string& error) {
    if (from.is_none() && !to.is_none()) {
        note = "plan value has no unit; read as " + to.symbol();
        return value;
    }
    try {
        return convert(value, from, to);
    } catch (const UnitError& e) {
        error = "units differ: plan " + (from.symbol().empty() ? std::string("(none)") : from.symbol()) +
                ", national " + (to.symbol().empty() ? std::string("(none)") : to.symbol());
        return std::nullopt;
    }
}

// A national point of the path: a level target with a value, or the dated baseline.
struct PathPoint {
    int year = 0;
    double value = 0;
    const Unit* unit = nullptr;
    std::optional<Comparator> comparator;
    const std::string* text = nullptr;  // into the entry, which outlives the points
    const std::string* source = nullptr;
    bool baseline = false;
};

std::vector<PathPoint> path_points(const CatalogEntry& entry) {
    std::vector<PathPoint> points;
    for (const auto& t : entry.targets)
        if (t.kind == TargetKind::level && t.value)
            points.push_back({t.year, *t.value, &t.unit, t.comparator, &t.text, &t.source, false});
    if (entry.baseline && entry.baseline->year && !entry.target_for(*entry.baseline->year))
        points.push_back({*entry.baseline->year, entry.baseline->value, &entry.unit, std::nullopt,
                          &entry.baseline->text, &entry.baseline->source, true});
    return points;
}

std::string years_of(const std::vector<PathPoint>& points) {
    std::vector<int> years;
    for (const auto& p : points) years.push_back(p.year);
    std::sort(years.begin(), years.end());
    std::string out;
    for (int y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
    return out;
}

std::string describe(const PathPoint& p) {
    return std::to_string(p.year) + (p.baseline ? " baseline " : " ") + "(" + *p.text + ")";
}

}  // namespace

std::string NationalReference::label() const {
    switch (basis) {
        case NationalBasis::national_target:
            return "national_target";
        case NationalBasis::interpolated:
            return "interpolated(" + std::to_string(from_year) + "\u2013" + std::to_string(to_year) + ")";
        case NationalBasis::none:
            break;
    }
    return {};
}

NationalReference national_reference(const CatalogEntry& entry, int year, bool interpolate) {
    NationalReference r;
    r.year = year;
    r.unit = entry.unit;
    if (const CatalogTarget* t = entry.target_for(year)) {
        r.basis = NationalBasis::national_target;
        r.kind = t->kind;
        r.comparator = t->comparator;
        r.value = t->value;
        r.unit = t->unit;
        r.text = t->text;
        r.source = t->source;
        return r;
    }
    r.reason = "no national target for " + std::to_string(year);
    if (!interpolate) return r;

    const auto points = path_points(entry);
    const PathPoint* before = nullptr;
    const PathPoint* after = nullptr;
    for (const auto& p : points) {
        if (p.year < year && (!before || p.year > before->year)) before = &p;
        if (p.year > year && (!after || p.year < after->year)) after = &p;
    }
    if (!before || !after) {
        if (points.empty())
            r.reason += " and no national level target with a value to interpolate from";
        else
            r.reason += "; the national points (" + years_of(points) + ") all come " + (before ? "before" : "after") +
                        " it, and the path is not extrapolated";
        return r;
    }
    const int s0 = side(before->comparator), s1 = side(after->comparator);
    if (s0 != 0 && s1 != 0 && s0 != s1) {
        r.reason +=
            "; the national points around it point different ways: " + describe(*before) + ", " + describe(*after);
        return r;
    }
    // The later point's unit: the one the national plan states for the end of the period.
    const PathPoint& unit_point = after->baseline ? *before : *after;
    double v0 = before->value, v1 = after->value;
    try {
        v0 = convert(v0, *before->unit, *unit_point.unit);
        v1 = convert(v1, *after->unit, *unit_point.unit);
    } catch (const UnitError&) {
        r.reason += "; the national points around it have units that do not convert: " + before->unit->symbol() + ", " +
                    after->unit->symbol();
        return r;
    }
    const double f = static_cast<double>(year - before->year) / static_cast<double>(after->year - before->year);
    r.basis = NationalBasis::interpolated;
    r.kind = TargetKind::level;
    if (before->comparator == after->comparator) r.comparator = after->comparator;
    r.value = v0 + (v1 - v0) * f;
    r.unit = *unit_point.unit;
    r.from_year = before->year;
    r.to_year = after->year;
    r.from_value = v0;
    r.to_value = v1;
    r.from_baseline = before->baseline || after->baseline;
    r.text = "interpolated between " + describe(*before) + " and " + describe(*after) + ": " + fmt(*r.value) + " in " +
             std::to_string(year) + " (not a stated national target)";
    const std::string &src0 = *before->source, &src1 = *after->source;
    r.source = src0 == src1 || src1.empty() ? src0 : src0.empty() ? src1 : src0 + ", " + src1;
    r.reason.clear();
    return r;
}

StringencyResult stringency(const Target& target, const CatalogEntry& entry, std::optional<int> year,
                            const StringencyOptions& options) {
    StringencyResult r;
    const std::optional<int> y = year ? year : target.year;
    if (!y) {
        r.reason = "the plan target states no year";
        return r;
    }
    r.reference = national_reference(entry, *y, options.interpolate);
    const NationalReference& national = r.reference;
    if (national.basis == NationalBasis::none) {
        r.reason = national.reason;
        return r;
    }
    const bool interpolated = national.basis == NationalBasis::interpolated;
    // Said first, so an interpolated verdict is never read as against a stated target.
    std::string note = interpolated ? "against the national path " + national.label() + ", not a stated target" : "";
    auto fail = [&](std::string why) {
        r.reason = interpolated ? why + " (national path " + national.label() + ")" : std::move(why);
        return r;
    };
    r.unit = national.unit;
    if (entry.direction == Direction::unknown) return fail("the indicator has no known direction");
    const bool same_kind = target.kind == national.kind;
    const bool comparable_kind = same_kind && (target.kind == TargetKind::level || target.kind == TargetKind::rate);
    if (same_kind && target.kind == TargetKind::trend)
        return fail("both are trend targets, which state a direction only (national: " + national.text + ")");
    if (!comparable_kind) {
        if (interpolated)
            return fail("plan target is " + std::string(to_string(target.kind)) +
                        "; only level targets are compared with an interpolated national path");
        return fail("plan target is " + std::string(to_string(target.kind)) + ", national target is " +
                    std::string(to_string(national.kind)) + " (" + national.text + ")");
    }
    if (!target.value || !national.value) return fail("no value to compare");
    if (interpolated) {
        // The path is a floor for higher-is-better indicators, a ceiling for
        // lower-is-better ones; a plan threshold on the other side is another kind of promise.
        const int path_side = side(national.comparator) != 0         ? side(national.comparator)
                              : entry.direction == Direction::higher ? 1
                                                                     : -1;
        if (side(target.comparator) != 0 && side(target.comparator) != path_side)
            return fail(std::string("plan comparator ") + (side(target.comparator) > 0 ? "≥" : "≤") +
                        " points against the national path");
    }
    std::string unit_note, error;
    const auto plan_value = to_unit(*target.value, target.unit, national.unit, unit_note, error);
    if (!plan_value) return fail(error);
    if (!unit_note.empty()) note += std::string(note.empty() ? "" : "; ") + unit_note;
    r.plan_value = plan_value;
    r.national_value = national.value;

    double margin = 0;
    if (target.kind == TargetKind::level) {
        margin = entry.direction == Direction::higher ? *plan_value - *national.value : *national.value - *plan_value;
    } else {
        // Rates: both must move the same way; a larger yearly change is stricter.
        const auto want = entry.direction == Direction::higher ? Comparator::increase : Comparator::decrease;
        if (target.comparator != want || (national.comparator && *national.comparator != want)) {
            r.plan_value.reset();
            r.national_value.reset();
            return fail("rate targets move in different directions");
        }
        margin = *plan_value - *national.value;
    }
    const double scale = std::max(1.0, std::fabs(*national.value));
    if (std::fabs(margin) <= stringency_equal_tolerance * scale) margin = 0;
    r.margin = margin;
    if (*national.value != 0) r.relative_margin = margin / std::fabs(*national.value);
    r.verdict = margin > 0 ? Stringency::stricter : margin < 0 ? Stringency::looser : Stringency::equal;
    if (r.verdict == Stringency::equal && target.kind == TargetKind::level &&
        is_strict(target.comparator) != is_strict(national.comparator)) {
        note += std::string(note.empty() ? "" : "; ") + "same threshold " + fmt(*national.value) + ", " +
                (is_strict(target.comparator) ? "plan excludes it" : "national excludes it");
    }
    r.reason = note;
    return r;
}

HEALTHPLAN_END_NAMESPACE
