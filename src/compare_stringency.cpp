// Stringency of a plan target against the national target.
#include "healthplan/compare.hpp"

#include <cmath>
#include <sstream>

#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

std::string_view to_string(Stringency s) {
    switch (s) {
        case Stringency::stricter: return "stricter";
        case Stringency::equal: return "equal";
        case Stringency::looser: return "looser";
        case Stringency::not_comparable: break;
    }
    return "not_comparable";
}

namespace {

bool is_strict(std::optional<Comparator> c) { return c && (*c == Comparator::gt || *c == Comparator::lt); }

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

}  // namespace

StringencyResult stringency(const Target& target, const CatalogEntry& entry, std::optional<int> year) {
    StringencyResult r;
    const std::optional<int> y = year ? year : target.year;
    if (!y) {
        r.reason = "the plan target states no year";
        return r;
    }
    const CatalogTarget* national = entry.target_for(*y);
    if (!national) {
        r.reason = "no national target for " + std::to_string(*y);
        return r;
    }
    r.unit = national->unit;
    if (entry.direction == Direction::unknown) {
        r.reason = "the indicator has no known direction";
        return r;
    }
    const bool same_kind = target.kind == national->kind;
    const bool comparable_kind = same_kind && (target.kind == TargetKind::level || target.kind == TargetKind::rate);
    if (same_kind && target.kind == TargetKind::trend) {
        r.reason = "both are trend targets, which state a direction only (national: " + national->text + ")";
        return r;
    }
    if (!comparable_kind) {
        r.reason = "plan target is " + std::string(to_string(target.kind)) + ", national target is " +
                   std::string(to_string(national->kind)) + " (" + national->text + ")";
        return r;
    }
    if (!target.value || !national->value) {
        r.reason = "no value to compare";
        return r;
    }
    std::string note, error;
    const auto plan_value = to_unit(*target.value, target.unit, national->unit, note, error);
    if (!plan_value) {
        r.reason = error;
        return r;
    }
    r.plan_value = plan_value;
    r.national_value = national->value;

    double margin = 0;
    if (target.kind == TargetKind::level) {
        margin = entry.direction == Direction::higher ? *plan_value - *national->value : *national->value - *plan_value;
    } else {
        // Rates: both must move the same way; a larger yearly change is stricter.
        const auto want = entry.direction == Direction::higher ? Comparator::increase : Comparator::decrease;
        if (target.comparator != want || (national->comparator && *national->comparator != want)) {
            r.reason = "rate targets move in different directions";
            r.plan_value.reset();
            r.national_value.reset();
            return r;
        }
        margin = *plan_value - *national->value;
    }
    const double scale = std::max(1.0, std::fabs(*national->value));
    if (std::fabs(margin) <= stringency_equal_tolerance * scale) margin = 0;
    r.margin = margin;
    if (*national->value != 0) r.relative_margin = margin / std::fabs(*national->value);
    r.verdict = margin > 0 ? Stringency::stricter : margin < 0 ? Stringency::looser : Stringency::equal;
    if (r.verdict == Stringency::equal && target.kind == TargetKind::level &&
        is_strict(target.comparator) != is_strict(national->comparator)) {
        note += std::string(note.empty() ? "" : "; ") + "same threshold " + fmt(*national->value) + ", " +
                (is_strict(target.comparator) ? "plan excludes it" : "national excludes it");
    }
    r.reason = note;
    return r;
}

HEALTHPLAN_END_NAMESPACE
