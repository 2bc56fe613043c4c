// evaluate(): matching series to targets, units, and the rules for each kind.
// Level thresholds are judged by detail::judge_level (evaluate_level.cpp);
// this file resolves what the threshold is and explains the outcome.
#include "healthplan/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "evaluate/level.hpp"
#include "healthplan/error.hpp"
#include "healthplan/trend.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

using detail::inf;
using detail::nan;

std::string num(double v) {
    if (std::isnan(v)) return "n/a";
    if (std::isinf(v)) return v > 0 ? "never" : "-inf";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}
std::string signed_num(double v) {
    if (std::isnan(v)) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.3g", v);
    return buf;
}
std::string with_unit(double v, const std::string& unit) {
    if (unit.empty()) return num(v);
    return num(v) + " " + unit;
}

// Display of a comparator in explanations.
const char* cmp_text(Comparator c) {
    switch (c) {
        case Comparator::ge:
            return "≥";
        case Comparator::gt:
            return ">";
        case Comparator::le:
            return "≤";
        case Comparator::lt:
            return "<";
        case Comparator::eq:
            return "=";
        case Comparator::approx:
            return "≈";
        case Comparator::increase:
            return "up";
        case Comparator::decrease:
            return "down";
    }
    return "?";
}

// A point in the comparison unit.
struct Pt {
    double t;
    double y;
};

// What the matching step found for a target.
struct Matched {
    std::string key;
    std::string region;
    std::vector<SeriesPoint> points;  // usable and missing-flagged, all years
};

std::vector<std::string> candidate_keys(const Target& t, const Indicator* ind) {
    std::vector<std::string> keys;
    auto add = [&](const std::string& k) {
        if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    };
    add(t.indicator_id);
    if (ind) {
        add(ind->code);
        add(ind->name);
    }
    add(t.indicator);
    return keys;
}

// Plan indicator id, then canonical code, then name; the region exactly, then
// rows without a region.
std::optional<Matched> match_series(const Observations& obs, const std::vector<std::string>& keys,
                                    const std::string& region, bool allow_unspecified) {
    for (const auto& k : keys) {
        auto kc = obs.key_code(k);
        if (!kc) continue;
        std::vector<std::string> regions = {region};
        if (allow_unspecified && !region.empty()) regions.emplace_back();
        for (const auto& r : regions) {
            auto rc = obs.region_code(r);
            if (!rc) continue;
            auto pts = obs.series(*kc, *rc);
            if (!pts.empty()) return Matched{k, r, std::move(pts)};
        }
    }
    return std::nullopt;
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

// Raised inside one target's evaluation to record insufficient data.
struct Insufficient {
    std::string reason;
};

struct Context {
    const Plan& plan;
    const Target& target;
    const Indicator* indicator;
    const Observations& obs;
    const EvaluationPolicy& policy;
    int as_of;
    TargetResult& r;
};

// The unit values are compared in. Level targets: the target's unit, else the
// indicator's, else the series' first known unit. Other kinds (prefer_indicator):
// the target's unit describes the change or rate (10 %, 0.5 percentage points),
// not the level, so the indicator's unit comes first, then the series', and the
// target's only when it is a unit of the level itself (增加500张).
std::optional<Unit> comparison_unit(const Context& c, const std::vector<SeriesPoint>& pts, bool prefer_indicator) {
    if (!prefer_indicator && !c.target.unit.is_none()) return c.target.unit;
    // Plans saved before the extractor fix give the indicator of "提高2个百分点" the unit
    // percentage_point: the points belong to the change, the level is in the series' unit.
    if (c.indicator && !c.indicator->unit.is_none() && c.indicator->unit.dimension() != Dimension::ratio_difference)
        return c.indicator->unit;
    for (const auto& p : pts) {
        const auto& u = c.obs.unit(p.unit);
        if (u) return *u;
    }
    if (prefer_indicator && !c.target.unit.is_none() && c.target.unit.dimension() != Dimension::ratio_difference &&
        !(c.target.unit.dimension() == Dimension::ratio && c.target.kind != TargetKind::benchmark &&
          c.target.kind != TargetKind::trend))
        return c.target.unit;
    return std::nullopt;
}

// Points up to as_of, in `unit`, missing-flagged rows dropped (listed in
// `missing_years`). Unknown or incompatible units are reported.
std::vector<Pt> convert_points(const Context& c, const std::vector<SeriesPoint>& pts, const std::optional<Unit>& unit,
                               std::vector<int>* missing_years) {
    std::vector<Pt> out;
    out.reserve(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const auto& p = pts[i];
        if (p.year > c.as_of || p.published > c.as_of) continue;  // not known yet as of then
        // Vintages of one year come oldest first: keep the latest known by as_of.
        if (i + 1 < pts.size() && pts[i + 1].year == p.year && pts[i + 1].published <= c.as_of) continue;
        if (p.flags & flag_missing) {
            if (missing_years) missing_years->push_back(static_cast<int>(p.year));
            continue;
        }
        const auto& u = c.obs.unit(p.unit);
        double v = p.value;
        if (unit && !unit->is_none()) {
            if (!u) {
                throw Insufficient{"observation unit unknown (" + c.obs.row_name(p.row) + "), the target is in " +
                                   unit->symbol()};
            }
            if (!(*u == *unit)) {
                if (!u->compatible_with(*unit)) {
                    const std::string msg = "observation in '" + u->symbol() + "' cannot be compared with target " +
                                            c.target.id + " in '" + unit->symbol() + "'";
                    if (c.policy.on_unit_mismatch == UnitMismatch::error)
                        throw UnitError("unit.incompatible", msg, c.obs.row_name(p.row));
                    throw Insufficient{msg + " (" + c.obs.row_name(p.row) + ")"};
                }
                v = convert(v, *u, *unit);
            }
        }
        out.push_back({static_cast<double>(p.year), v});
    }
    return out;
}

// Natural bounds of a quantity in `unit`.
void bounds_for(const std::optional<Unit>& unit, double& lo, double& hi) {
    lo = -inf;
    hi = inf;
    if (!unit) return;
    switch (unit->dimension()) {
        case Dimension::ratio:
            lo = 0;
            hi = convert(100.0, Unit::percent(), *unit);
            break;
        case Dimension::count:
        case Dimension::duration:
            lo = 0;
            break;
        default:
            break;
    }
}

// Keep points from `from_year` on (and within the policy window).
std::vector<Pt> window(std::vector<Pt> pts, std::optional<int> from_year, const EvaluationPolicy& p) {
    if (from_year) {
        pts.erase(std::remove_if(pts.begin(), pts.end(), [&](const Pt& x) { return x.t < *from_year; }), pts.end());
    }
    if (p.window_years > 0 && !pts.empty()) {
        const double last = pts.back().t;
        pts.erase(std::remove_if(pts.begin(), pts.end(), [&](const Pt& x) { return x.t < last - p.window_years; }),
                  pts.end());
    }
    return pts;
}

// Adds the plan's stated baseline as a point when no observation has its year.
void add_stated_baseline(const Context& c, std::vector<Pt>& pts) {
    const auto& b = c.target.baseline;
    if (!c.policy.use_stated_baseline || !b || !b->year || *b->year > c.as_of) return;
    for (const auto& p : pts)
        if (p.t == *b->year) return;
    pts.push_back({static_cast<double>(*b->year), b->value});
    std::sort(pts.begin(), pts.end(), [](const Pt& a, const Pt& b2) { return a.t < b2.t; });
}

void split(const std::vector<Pt>& pts, std::vector<double>& t, std::vector<double>& y) {
    t.clear();
    y.clear();
    for (const auto& p : pts) {
        t.push_back(p.t);
        y.push_back(p.y);
    }
}

// Throws the true reason when no point is left after selecting from `from_year`:
// either nothing was observed up to as_of, or everything observed precedes the base year.
void require_points(const Context& c, const std::vector<Pt>& selected, const std::vector<Pt>& all,
                    std::optional<int> from_year) {
    if (!selected.empty()) return;
    if (all.empty() || !from_year) throw Insufficient{"no observation up to the as-of year " + std::to_string(c.as_of)};
    std::string why = "every observation up to " + std::to_string(c.as_of) + " (" + num(all.front().t) + "–" +
                      num(all.back().t) + ") precedes the base year " + std::to_string(*from_year) +
                      ": no point from the base year on";
    if (c.as_of < *from_year) why += " (the as-of year is before the base year)";
    throw Insufficient{why};
}

// The target year has passed without its observation (pts end before it): the
// data up to the latest observation decide, flagged stale, when that is at most
// policy.stale_years before the target year. Returns true when judged that way.
bool passed_without_observation(const Context& c, const std::vector<Pt>& pts, std::optional<int> year) {
    if (!year || c.as_of < *year || pts.empty() || pts.back().t >= *year) return false;
    const int gap = *year - static_cast<int>(pts.back().t);
    if (gap > c.policy.stale_years)
        throw Insufficient{"the target year " + std::to_string(*year) + " has passed and the latest observation (" +
                           num(pts.back().t) + ") is more than " + std::to_string(c.policy.stale_years) +
                           " year(s) older (EvaluationPolicy::stale_years)"};
    c.r.stale = true;
    return true;
}

std::string stale_note(const Context& c) {
    return "; the target year " + std::to_string(*c.target.year) + " has passed without its observation: judged on data to " +
           std::to_string(*c.r.latest_year) + " (stale)";
}

std::string years_list(const std::vector<int>& ys) {
    std::string out;
    for (int y : ys) {
        if (!out.empty()) out += ", ";
        out += std::to_string(y);
    }
    return out;
}

// Fills the numeric fields of the result from a level outcome and explains it.
void apply_level(const Context& c, const detail::LevelOutcome& o, const detail::LevelSpec& spec, LevelMethod method,
                 const std::string& threshold_text) {
    TargetResult& r = c.r;
    r.verdict = o.verdict;
    r.category = detail::category_name(o.category);
    r.reason = detail::reason_text(o.reason);
    r.points = o.points;
    if (!std::isnan(o.latest_year)) {
        r.latest_year = static_cast<int>(o.latest_year);
        r.latest_value = o.latest_value;
    }
    r.projected_value = o.projected;
    r.required_pace = o.required_pace;
    r.observed_pace = o.observed_pace;
    r.years_to_target = o.years_to_target;
    r.probability = o.probability;
    r.progress = o.progress;
    r.score = o.score;
    r.stale = o.stale;
    const bool final =
        o.category == detail::Category::met_at_target_year || o.category == detail::Category::missed_at_target_year;
    const bool no_year_rule =
        o.category == detail::Category::maintained || o.category == detail::Category::not_maintained;
    r.method = final ? "observed_at_target_year"
               : o.stale ? "latest_before_target_year"
               : no_year_rule ? "latest_value"
                              : std::string(to_string(method));

    std::ostringstream e;
    const std::string& u = r.unit;
    if (o.verdict == Verdict::insufficient_data) {
        e << "insufficient data: " << r.reason;
        if (o.points > 0) e << " (latest " << with_unit(o.latest_value, u) << " in " << num(o.latest_year) << ")";
        e << "; target " << threshold_text;
        c.r.explanation = e.str();
        return;
    }
    if (final) {
        e << spec.year << " value " << with_unit(o.latest_value, u)
          << (o.verdict == Verdict::achieved ? " meets " : " misses ") << threshold_text << ": "
          << to_string(o.verdict);
        c.r.explanation = e.str();
        return;
    }
    if (o.stale) {
        e << "the target year " << spec.year << " has passed without its observation; the latest, "
          << with_unit(o.latest_value, u) << " (" << num(o.latest_year) << ", " << (spec.year - o.latest_year)
          << " year(s) before), " << (o.verdict == Verdict::achieved ? "meets " : "misses ") << threshold_text << ": "
          << to_string(o.verdict) << " (stale: judged on the latest observation, not projected)";
        if (!std::isnan(o.probability)) e << "; P(meet in " << spec.year << ") = " << num(o.probability);
        c.r.explanation = e.str();
        return;
    }
    e << "latest " << with_unit(o.latest_value, u) << " (" << num(o.latest_year) << ") against " << threshold_text;
    if (no_year_rule) {
        e << (o.verdict == Verdict::on_track ? ": holds" : ": does not hold");
        c.r.explanation = e.str();
        return;
    }
    if (o.category == detail::Category::already_met) {
        e << ": already met " << (spec.year - static_cast<int>(o.latest_year)) << " year(s) before the target year";
    } else {
        e << ": needs " << signed_num(o.required_pace) << " a year from now to " << spec.year << "; observed "
          << signed_num(o.observed_pace) << " a year (least squares over " << o.points << " points, "
          << num(o.base_year) << "–" << num(o.latest_year) << ")";
    }
    if (!std::isnan(o.projected)) {
        e << "; projected " << spec.year << ": " << with_unit(o.projected, u) << " (" << to_string(method) << ")";
    }
    if (!std::isnan(o.progress) && o.category != detail::Category::already_met) {
        switch (method) {
            case LevelMethod::growth_ratio:
                e << "; growth ratio R = " << num(o.progress);
                break;
            case LevelMethod::linear_extrapolation:
                e << "; share of the distance still missing " << num(o.progress);
                break;
            case LevelMethod::years_to_target:
                break;
            case LevelMethod::statcan:
                e << "; StatCan growth ratio " << num(o.progress) << ", score " << num(o.score) << " of −5…5";
                break;
        }
    }
    if (!std::isnan(o.years_to_target) && o.category != detail::Category::already_met)
        e << "; years to target " << num(o.years_to_target);
    if (!std::isnan(o.probability)) e << "; P(meet) = " << num(o.probability);
    if (c.as_of >= spec.year)
        e << "; the target year has passed but its value is not reported yet: judged from data to "
          << num(o.latest_year);
    e << " → " << to_string(o.verdict);
    if (!r.category.empty() && r.category != to_string(o.verdict)) e << " (" << r.category << ")";
    if (o.category == detail::Category::binding_projection_short)
        e << "; binding (约束性) target: the projection itself must meet the threshold";
    c.r.explanation = e.str();
}

std::string threshold_text(Comparator cmp, double th, const std::string& unit, std::optional<int> year) {
    std::string s = std::string(cmp_text(cmp)) + " " + with_unit(th, unit);
    if (year) s += " by " + std::to_string(*year);
    return s;
}

detail::LevelSpec make_spec(const Context& c, double th, Comparator cmp, const std::optional<Unit>& unit) {
    detail::LevelSpec spec;
    spec.threshold = th;
    spec.comparator = cmp;
    if (c.target.year) {
        spec.has_year = true;
        spec.year = *c.target.year;
    }
    bounds_for(unit, spec.lower, spec.upper);
    spec.binding = c.r.nature == Nature::binding;
    spec.as_of = c.as_of;
    return spec;
}

void judge_threshold(const Context& c, std::vector<Pt> pts, double th, Comparator cmp,
                     const std::optional<Unit>& unit) {
    std::vector<double> t, y;
    split(pts, t, y);
    const auto spec = make_spec(c, th, cmp, unit);
    const auto o = detail::judge_level(t.data(), y.data(), static_cast<int>(t.size()), spec, c.policy.method, c.policy);
    apply_level(c, o, spec, c.policy.method, threshold_text(cmp, th, c.r.unit, c.target.year));
}

// The indicator's direction: the plan's, else the policy's table by catalog code,
// then by name (extracted indicators leave it unknown when the plan gives a bare number).
Direction indicator_direction(const Context& c) {
    if (c.indicator && c.indicator->direction != Direction::unknown) return c.indicator->direction;
    const auto& table = c.policy.indicator_directions;
    for (const std::string* key : {c.indicator ? &c.indicator->code : nullptr,
                                   c.indicator ? &c.indicator->name : nullptr, &c.target.indicator}) {
        if (!key || key->empty()) continue;
        for (const auto& [k, d] : table)
            if (k == *key) return d;
    }
    return Direction::unknown;
}

// A bare number (=, from a table cell or 为) states a level to reach in the
// indicator's direction: at least it when more is better, at most when less is.
// Equality only when the direction is unknown.
Comparator level_comparator(const Context& c) {
    if (c.target.comparator != Comparator::eq) return c.target.comparator;
    switch (indicator_direction(c)) {
        case Direction::higher:
            return Comparator::ge;
        case Direction::lower:
            return Comparator::le;
        case Direction::unknown:
            break;
    }
    return Comparator::eq;
}

// --- per kind ----------------------------------------------------------------

void eval_level(const Context& c, const Matched& m) {
    if (!c.target.value) throw Insufficient{"the target states no threshold value"};
    const auto unit = comparison_unit(c, m.points, false);
    c.r.unit = unit ? unit->symbol() : "";
    double th = *c.target.value;
    if (unit && !c.target.unit.is_none() && !(c.target.unit == *unit)) th = convert(th, c.target.unit, *unit);
    c.r.threshold = th;
    std::vector<int> missing;
    const auto from = c.target.baseline ? c.target.baseline->year : std::nullopt;
    const auto all = convert_points(c, m.points, unit, &missing);
    auto pts = window(all, from, c.policy);
    add_stated_baseline(c, pts);
    require_points(c, pts, all, from);
    const Comparator cmp = level_comparator(c);
    c.r.comparator = cmp;
    judge_threshold(c, std::move(pts), th, cmp, unit);
    if (c.target.comparator == Comparator::eq)
        c.r.explanation = (cmp == Comparator::eq
                               ? "[bare number: the indicator's direction is unknown, judged as equality] "
                               : std::string("[bare number read in the indicator's direction: ") + cmp_text(cmp) +
                                     "] ") +
                          c.r.explanation;
    if (!missing.empty()) c.r.explanation += "; reported missing: " + years_list(missing);
}

int sign_of(const Context& c, Comparator cmp) {
    switch (cmp) {
        case Comparator::increase:
        case Comparator::ge:
        case Comparator::gt:
            return 1;
        case Comparator::decrease:
        case Comparator::le:
        case Comparator::lt:
            return -1;
        default:
            break;
    }
    const Direction dir = indicator_direction(c);
    if (dir == Direction::lower) return -1;
    if (dir == Direction::higher) return 1;
    return 0;
}

ChangeMode change_mode(const Target& t) {
    if (t.reference) return t.reference->mode;
    if (t.unit.dimension() == Dimension::ratio_difference) return ChangeMode::points;
    if (t.unit == Unit::percent()) return ChangeMode::relative;
    return ChangeMode::absolute;
}

void eval_change(const Context& c, const Matched& m) {
    const Target& t = c.target;
    if (!t.value) throw Insufficient{"the target states no change value"};
    const int d = sign_of(c, t.comparator);
    if (d == 0) throw Insufficient{"the direction of the change is unknown"};
    const auto unit = comparison_unit(c, m.points, true);
    c.r.unit = unit ? unit->symbol() : "";
    const auto all = convert_points(c, m.points, unit, nullptr);

    // The reference: the plan's stated value, else the reference year's
    // observation, else the stated baseline.
    std::optional<int> ref_year;
    double ref_value = nan;
    std::string ref_from;
    if (t.reference && t.reference->value) {
        ref_year = t.reference->year ? t.reference->year : (t.baseline ? t.baseline->year : std::nullopt);
        ref_value = *t.reference->value;
        ref_from = "stated reference";
    } else if (t.reference && t.reference->year) {
        ref_year = t.reference->year;
        for (const auto& p : all)
            if (p.t == *ref_year) ref_value = p.y;
        ref_from = "observed reference";
        // Not observed: the plan's stated baseline stands in when it is the base of that
        // same year (or names no year) — "比2015年提高10%" with "baseline {2015, 20}".
        if (std::isnan(ref_value) && t.baseline && (!t.baseline->year || *t.baseline->year == *ref_year)) {
            ref_value = t.baseline->value;
            ref_from = "stated baseline, no observation for the reference year";
        }
        if (std::isnan(ref_value)) {
            std::string why = "no observation for the reference year " + std::to_string(*ref_year);
            if (t.baseline && t.baseline->year)
                why += " and the stated baseline is for " + std::to_string(*t.baseline->year);
            else
                why += " and the plan states no baseline";
            throw Insufficient{why};
        }
    } else if (t.baseline) {
        ref_year = t.baseline->year;
        ref_value = t.baseline->value;
        ref_from = "stated baseline";
    } else {
        throw Insufficient{"no reference value: the plan states none and names no reference year"};
    }
    c.r.reference_year = ref_year;
    c.r.reference_value = ref_value;

    const double v = *t.value;
    const ChangeMode mode = change_mode(t);
    double th = ref_value;
    switch (mode) {
        case ChangeMode::relative:
            th = ref_value * (1.0 + d * v / 100.0);
            break;
        case ChangeMode::points:
            th = ref_value +
                 d * ((unit && unit->dimension() == Dimension::ratio) ? convert(v, Unit::percent(), *unit) : v);
            break;
        case ChangeMode::absolute:
            th = ref_value +
                 d * ((unit && !t.unit.is_none() && t.unit.compatible_with(*unit)) ? convert(v, t.unit, *unit) : v);
            break;
    }
    c.r.threshold = th;
    const Comparator cmp = t.comparator == Comparator::gt   ? Comparator::gt
                           : t.comparator == Comparator::lt ? Comparator::lt
                           : d > 0                          ? Comparator::ge
                                                            : Comparator::le;
    c.r.comparator = cmp;
    auto pts = window(all, ref_year, c.policy);
    if (ref_year && c.policy.use_stated_baseline && *ref_year <= c.as_of &&
        std::none_of(pts.begin(), pts.end(), [&](const Pt& p) { return p.t == *ref_year; })) {
        pts.insert(pts.begin(), {static_cast<double>(*ref_year), ref_value});
    }
    require_points(c, pts, all, ref_year);
    judge_threshold(c, std::move(pts), th, cmp, unit);
    std::ostringstream e;
    e << (d > 0 ? "raise by " : "lower by ") << num(v)
      << (mode == ChangeMode::relative ? "%"
          : mode == ChangeMode::points ? " percentage points"
                                       : " " + t.unit.symbol())
      << " from " << with_unit(ref_value, c.r.unit) << (ref_year ? " (" + std::to_string(*ref_year) + ", " : " (")
      << ref_from << ") gives " << cmp_text(cmp) << " " << with_unit(th, c.r.unit) << "; " << c.r.explanation;
    c.r.explanation = e.str();
}

void eval_rate(const Context& c, const Matched& m) {
    const Target& t = c.target;
    if (!t.value) throw Insufficient{"the target states no rate"};
    const int d = sign_of(c, t.comparator);
    if (d == 0) throw Insufficient{"the direction of the rate is unknown"};
    const ChangeMode mode = change_mode(t);
    std::optional<Unit> unit;
    if (mode == ChangeMode::points)
        unit = (c.indicator && c.indicator->unit.dimension() == Dimension::ratio) ? c.indicator->unit : Unit::percent();
    else
        unit = comparison_unit(c, m.points, true);
    c.r.unit = unit ? unit->symbol() : "";
    const double v = mode == ChangeMode::points && unit && unit->dimension() == Dimension::ratio
                         ? convert(*t.value, Unit::percent(), *unit)
                         : *t.value;
    std::optional<int> from = t.reference && t.reference->year ? t.reference->year
                              : t.baseline                     ? t.baseline->year
                                                               : std::nullopt;
    const auto all = convert_points(c, m.points, unit, nullptr);
    auto pts = window(all, from, c.policy);
    add_stated_baseline(c, pts);
    require_points(c, pts, all, from);
    const std::optional<int> T = t.year;
    bool final = false;
    if (T) {
        const bool has_T = std::any_of(pts.begin(), pts.end(), [&](const Pt& p) { return p.t == *T; });
        if (has_T) {
            pts.erase(std::remove_if(pts.begin(), pts.end(), [&](const Pt& p) { return p.t > *T; }), pts.end());
            final = true;
        } else if (!pts.empty() && pts.back().t > *T) {
            throw Insufficient{"no observation for the target year " + std::to_string(*T) +
                               " although later years exist"};
        } else {
            final = passed_without_observation(c, pts, T);
        }
    }
    c.r.points = static_cast<int>(pts.size());
    if (pts.empty()) throw Insufficient{"no observation up to the as-of year"};
    c.r.latest_year = static_cast<int>(pts.back().t);
    c.r.latest_value = pts.back().y;
    if (pts.size() < 2) throw Insufficient{"a single data point: no change can be measured"};

    const Pt first = pts.front(), last = pts.back();
    const double years = last.t - first.t;
    // Year by year.
    int met_years = 0, steps = 0;
    std::vector<std::string> missed;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const double gap = pts[i].t - pts[i - 1].t;
        double change;
        if (mode == ChangeMode::relative) {
            if (!(pts[i - 1].y > 0)) throw Insufficient{"relative change from a zero or negative value"};
            change = (std::pow(pts[i].y / pts[i - 1].y, 1.0 / gap) - 1.0) * 100.0;
        } else {
            change = (pts[i].y - pts[i - 1].y) / gap;
        }
        ++steps;
        if (d * change >= v)
            ++met_years;
        else
            missed.push_back(num(pts[i].t) + " (" + signed_num(change) + ")");
    }
    // Cumulatively from the first point.
    double required_level;
    if (mode == ChangeMode::relative) {
        if (!(first.y > 0)) throw Insufficient{"relative change from a zero or negative value"};
        required_level = first.y * std::pow(1.0 + d * v / 100.0, years);
    } else {
        required_level = first.y + d * v * years;
    }
    const bool cumulative_ok = d * (last.y - required_level) >= 0;
    const bool ok = cumulative_ok && (!c.policy.rate_every_year || met_years == steps);

    const double observed = mode == ChangeMode::relative ? (std::pow(last.y / first.y, 1.0 / years) - 1.0) * 100.0
                                                         : (last.y - first.y) / years;
    c.r.observed_pace = observed;
    c.r.required_pace = d * v;
    c.r.progress = d * observed / v;
    c.r.baseline_year = static_cast<int>(first.t);
    c.r.baseline_value = first.y;
    c.r.method = c.policy.rate_every_year ? "rate_every_year" : "rate_cumulative";
    const Comparator cmp = d > 0 ? Comparator::ge : Comparator::le;
    if (T) {
        const double span_T = *T - first.t;
        c.r.threshold =
            mode == ChangeMode::relative ? first.y * std::pow(1.0 + d * v / 100.0, span_T) : first.y + d * v * span_T;
        if (!final || c.r.stale) {
            std::vector<double> tt, yy;
            split(pts, tt, yy);
            const LinearFit fit = fit_line(tt, yy);
            double lo, hi;
            bounds_for(unit, lo, hi);
            c.r.projected_value = std::clamp(fit.at(*T), lo, hi);
            c.r.probability = detail::probability_of_meeting(tt.data(), yy.data(), static_cast<int>(tt.size()), *T, cmp,
                                                             c.r.threshold, 0, c.policy.min_points_probability);
        }
    } else {
        c.r.threshold = required_level;
    }
    c.r.verdict = final ? (ok ? Verdict::achieved : Verdict::missed) : (ok ? Verdict::on_track : Verdict::off_track);
    c.r.category = met_years == steps && cumulative_ok ? "met_every_year"
                   : cumulative_ok                     ? "met_cumulatively"
                                                       : "behind";

    std::ostringstream e;
    const char* per = mode == ChangeMode::relative ? "% a year"
                      : mode == ChangeMode::points ? " percentage points a year"
                                                   : " a year";
    e << "needs " << (d > 0 ? "+" : "-") << num(v) << per << " from " << num(first.t) << "; observed "
      << signed_num(observed) << per << " on average to " << num(last.t) << " (" << with_unit(first.y, c.r.unit)
      << " → " << with_unit(last.y, c.r.unit) << ", required " << cmp_text(cmp) << " "
      << with_unit(required_level, c.r.unit) << "); the rate was met in " << met_years << " of " << steps
      << " year-on-year steps";
    if (!missed.empty()) e << " (not in " << join(missed) << ")";
    if (c.r.stale) e << stale_note(c);
    e << " → " << to_string(c.r.verdict);
    c.r.explanation = e.str();
}

bool contains(const std::string& hay, std::string_view needle) { return hay.find(needle) != std::string::npos; }

void eval_trend(const Context& c, const Matched& m) {
    const Target& t = c.target;
    std::string text = t.unit_text + " " + t.note + " " + t.indicator;
    if (t.span) text += " " + t.span->evidence;
    const bool slowing = contains(text, "减缓") || contains(text, "放缓");
    const std::string name = t.indicator + (c.indicator ? c.indicator->name : "");
    const bool is_growth_rate = contains(name, "增长率") || contains(name, "增速") || contains(name, "增幅");
    int d = slowing ? -1 : sign_of(c, t.comparator);
    if (d == 0) throw Insufficient{"the wanted direction is unknown (neither 上升 nor 下降 stated)"};
    const auto unit = comparison_unit(c, m.points, true);
    c.r.unit = unit ? unit->symbol() : "";
    const auto from = t.baseline ? t.baseline->year : std::nullopt;
    const auto all = convert_points(c, m.points, unit, nullptr);
    auto pts = window(all, from, c.policy);
    add_stated_baseline(c, pts);
    require_points(c, pts, all, from);
    bool final = false;
    if (t.year) {
        const bool has_T = std::any_of(pts.begin(), pts.end(), [&](const Pt& p) { return p.t == *t.year; });
        if (has_T) {
            pts.erase(std::remove_if(pts.begin(), pts.end(), [&](const Pt& p) { return p.t > *t.year; }), pts.end());
            final = true;
        } else {
            final = passed_without_observation(c, pts, t.year);
        }
    }
    c.r.points = static_cast<int>(pts.size());
    if (pts.empty()) throw Insufficient{"no observation up to the as-of year"};
    c.r.latest_year = static_cast<int>(pts.back().t);
    c.r.latest_value = pts.back().y;
    c.r.baseline_year = static_cast<int>(pts.front().t);
    c.r.baseline_value = pts.front().y;

    std::vector<double> x, y;
    split(pts, x, y);
    std::string subject = "the values";
    // 持续减缓 of a level (not itself a growth rate): judge its growth per year.
    if (slowing && !is_growth_rate) {
        if (x.size() < 3) throw Insufficient{"slowing growth needs at least 3 points (2 growth figures)"};
        std::vector<double> g(x.size() - 1);
        per_year_changes(x, y, g.data());
        x.erase(x.begin());
        y = g;
        subject = "the growth per year";
    }
    const std::size_t need = c.policy.trend == TrendDefinition::theil_sen_mann_kendall ? 3 : 2;
    if (x.size() < need) {
        throw Insufficient{x.size() == 1 ? "a single data point: no direction can be seen"
                                         : "the Mann–Kendall test needs at least 3 points"};
    }
    const int reversals = count_reversals(y, d);
    const double net = y.back() - y.front();
    const double slope = theil_sen_slope(x, y);
    const MannKendall mk = mann_kendall(y);
    const double p = d > 0 ? mk.p_increasing : mk.p_decreasing;
    const bool strict_ok = reversals == 0;
    const bool k_ok = d * net > 0 && reversals <= c.policy.k_reversals;
    const bool ts_ok = y.size() >= 3 && d * slope > 0 && p < c.policy.mann_kendall_alpha;
    bool ok = false;
    switch (c.policy.trend) {
        case TrendDefinition::strictly_monotone:
            ok = strict_ok;
            c.r.progress = reversals;
            break;
        case TrendDefinition::net_with_k_reversals:
            ok = k_ok;
            c.r.progress = reversals;
            break;
        case TrendDefinition::theil_sen_mann_kendall:
            ok = ts_ok;
            c.r.progress = p;
            break;
    }
    c.r.method = "trend:" + std::string(to_string(c.policy.trend));
    c.r.category = ok ? "holds" : "does_not_hold";
    std::string statcan_text;
    if (c.policy.method == LevelMethod::statcan && !slowing) {
        // StatCan's method for indicators without a numeric target: growth rate from
        // the first to the latest point, thresholds scaled near the natural limit.
        StatcanInputs in;
        in.base_value = y.front();
        in.base_year = x.front();
        in.current_value = y.back();
        in.current_year = x.back();
        in.target_year = t.year ? *t.year : 2030;
        in.direction = d;
        double lo, hi;
        bounds_for(unit, lo, hi);
        if (d > 0 && std::isfinite(hi)) in.limit = hi;
        const StatcanProgress sp = statcan_progress(in);
        if (std::isnan(sp.progress_value)) throw Insufficient{"StatCan growth-rate measure not computable: " + sp.note};
        ok = sp.status == "substantial_progress" || sp.status == "moderate_progress";
        c.r.progress = sp.progress_value;
        c.r.score = sp.score;
        c.r.method = "statcan";
        c.r.category = sp.status;
        statcan_text = "StatCan growth rate " + num(sp.progress_value) + " a year against cut-offs " + num(sp.high) +
                       " / " + num(sp.med) + " / " + num(sp.low) +
                       (in.limit ? " (scaled by " + num(sp.coefficient) + " near the limit " + num(*in.limit) + ")"
                                 : std::string()) +
                       ": " + sp.status + ", score " + num(sp.score) + " of −5…5 → ";
    }
    c.r.observed_pace = slope;
    c.r.threshold = nan;
    c.r.verdict = final ? (ok ? Verdict::achieved : Verdict::missed) : (ok ? Verdict::on_track : Verdict::off_track);
    std::ostringstream e;
    e << statcan_text;
    e << subject << " should keep " << (d > 0 ? "rising" : "falling") << (slowing ? " (持续减缓: slowing growth)" : "")
      << "; " << num(x.front()) << "–" << num(x.back()) << ": net " << signed_num(net) << ", " << reversals
      << " step(s) against, Theil–Sen " << signed_num(slope) << " a year, Mann–Kendall p = " << num(p)
      << ". Definitions: strictly_monotone " << (strict_ok ? "yes" : "no") << ", net_with_" << c.policy.k_reversals
      << "_reversals " << (k_ok ? "yes" : "no") << ", theil_sen_mann_kendall (alpha "
      << num(c.policy.mann_kendall_alpha) << ") " << (ts_ok ? "yes" : "no") << " → " << to_string(c.r.verdict) << " by "
      << to_string(c.policy.trend);
    if (strict_ok != k_ok || k_ok != ts_ok) e << " (definitions disagree)";
    if (c.r.stale) e << stale_note(c);
    c.r.explanation = e.str();
}

std::string benchmark_region(const Context& c) {
    const std::string& label = c.target.benchmark;
    for (const auto& [l, region] : c.policy.benchmark_regions) {
        if (label == l || (!label.empty() && contains(label, l))) {
            if (region == "{province}") return c.plan.region.province;
            return region;
        }
    }
    return {};
}

void eval_benchmark(const Context& c, const Matched& m, const std::vector<std::string>& keys) {
    const Target& t = c.target;
    const std::string region = benchmark_region(c);
    if (region.empty())
        throw Insufficient{"no benchmark region for '" + t.benchmark + "' (see EvaluationPolicy::benchmark_regions)"};
    auto bm = match_series(c.obs, keys, region, false);
    if (!bm) throw Insufficient{"no observations of the benchmark region '" + region + "'"};
    int d = sign_of(c, t.comparator);
    if (d == 0) d = 1;
    const bool strict = t.comparator == Comparator::gt || t.comparator == Comparator::lt;
    const auto unit = comparison_unit(c, m.points, true);
    c.r.unit = unit ? unit->symbol() : "";
    const auto own = convert_points(c, m.points, unit, nullptr);
    const auto ref = convert_points(c, bm->points, unit, nullptr);
    const int lag = c.policy.benchmark_lag;
    // Aligned pairs: own year t against the benchmark at t − lag.
    std::vector<double> yrs, gap, ownv, refv;
    for (const auto& p : own) {
        for (const auto& q : ref) {
            if (q.t == p.t - lag) {
                yrs.push_back(p.t);
                gap.push_back(d * (p.y - q.y));
                ownv.push_back(p.y);
                refv.push_back(q.y);
            }
        }
    }
    c.r.points = static_cast<int>(yrs.size());
    if (yrs.empty()) throw Insufficient{"no year where both series have data (lag " + std::to_string(lag) + ")"};
    auto good = [&](double g) { return strict ? g > 0 : g >= 0; };
    std::size_t at = yrs.size() - 1;
    bool final = false;
    if (t.year) {
        for (std::size_t i = 0; i < yrs.size(); ++i)
            if (yrs[i] == *t.year) {
                at = i;
                final = true;
            }
        if (!final && yrs.back() > *t.year)
            throw Insufficient{"no aligned observation for the target year " + std::to_string(*t.year)};
    }
    c.r.latest_year = static_cast<int>(yrs[at]);
    c.r.latest_value = ownv[at];
    c.r.threshold = refv[at];
    c.r.reference_year = static_cast<int>(yrs[at]) - lag;
    c.r.reference_value = refv[at];
    c.r.comparator = d > 0 ? (strict ? Comparator::gt : Comparator::ge) : (strict ? Comparator::lt : Comparator::le);
    c.r.method = "benchmark_gap";
    const bool ok_now = good(gap[at]);
    std::ostringstream e;
    e << with_unit(ownv[at], c.r.unit) << " (" << num(yrs[at]) << ") against " << t.benchmark << " " << region << " "
      << with_unit(refv[at], c.r.unit) << " (" << num(yrs[at] - lag) << ", lag " << lag << ")";
    if (final || !t.year) {
        c.r.verdict =
            final ? (ok_now ? Verdict::achieved : Verdict::missed) : (ok_now ? Verdict::on_track : Verdict::off_track);
        c.r.category = ok_now ? "at_or_better_than_benchmark" : "worse_than_benchmark";
    } else if (ok_now) {
        c.r.verdict = Verdict::achieved_early;
        c.r.category = "at_or_better_than_benchmark";
    } else if (yrs.size() < 2) {
        c.r.verdict = Verdict::insufficient_data;
        c.r.reason = "a single aligned point: the gap's trend cannot be measured";
    } else {
        const LinearFit fit = fit_line(yrs, gap);
        const double proj_gap = fit.at(*t.year);
        c.r.observed_pace = d * fit.slope;  // in the value's sign: change of own − benchmark per year
        c.r.required_pace = -d * gap[at] / (*t.year - yrs[at]);
        c.r.projected_value = refv[at] + d * proj_gap;  // own value if the gap keeps its trend (benchmark held)
        c.r.years_to_target = fit.slope > 0 ? -gap[at] / fit.slope : inf;
        c.r.probability = detail::probability_of_meeting(yrs.data(), gap.data(), static_cast<int>(yrs.size()), *t.year,
                                                         Comparator::ge, 0.0, 0, c.policy.min_points_probability);
        const bool on = good(proj_gap);
        c.r.verdict = on ? Verdict::on_track : Verdict::off_track;
        c.r.category = on ? "gap_closing" : "gap_not_closing";
        e << "; gap " << signed_num(-gap[at]) << " to close, changing " << signed_num(fit.slope)
          << " a year in the wanted direction; projected gap at " << *t.year << ": " << signed_num(-proj_gap);
    }
    if (!std::isnan(c.r.probability)) e << "; P(meet) = " << num(c.r.probability);
    e << " → " << to_string(c.r.verdict);
    c.r.explanation = e.str();
}

void eval_milestone(const Context& c, const Matched& m) {
    std::optional<int> done_year;
    int latest = 0;
    int observations = 0;
    for (const auto& p : m.points) {
        if (p.year > c.as_of || p.published > c.as_of || (p.flags & flag_missing)) continue;
        if (p.value != 0 && p.value != 1) {
            throw DataError("observations.milestone",
                            "milestone observation must be 1 (done) or 0 (not done), got " + num(p.value) +
                                " for target " + c.target.id,
                            c.obs.row_name(p.row));
        }
        ++observations;
        latest = std::max(latest, static_cast<int>(p.year));
        if (p.value == 1 && !done_year) done_year = static_cast<int>(p.year);
    }
    c.r.points = observations;
    c.r.method = "milestone";
    if (observations == 0) throw Insufficient{"no observation of whether the milestone is done"};
    c.r.latest_year = latest;
    c.r.latest_value = done_year ? 1 : 0;
    c.r.threshold = 1;
    const auto T = c.target.year;
    std::ostringstream e;
    if (done_year) {
        const bool late = T && *done_year > *T;
        c.r.verdict = late ? Verdict::missed : (T && c.as_of < *T) ? Verdict::achieved_early : Verdict::achieved;
        c.r.category = late ? "done_late" : "done";
        e << "done in " << *done_year;
        if (T) e << " (deadline " << *T << ")";
    } else if (T && c.as_of >= *T) {
        // The deadline has passed and the last report says not done: missed, even when
        // that report predates the deadline (then flagged stale: nothing says it was done).
        c.r.verdict = Verdict::missed;
        c.r.category = "not_done";
        c.r.stale = latest < *T;
        e << "not done by the deadline " << *T << " (latest report " << latest
          << (c.r.stale ? ", before the deadline: stale)" : ")");
    } else {
        c.r.verdict = c.policy.pending_milestone;
        c.r.category = "pending";
        e << "not done as of " << latest;
        if (T) e << "; deadline " << *T;
    }
    e << " → " << to_string(c.r.verdict);
    c.r.explanation = e.str();
}

// Rules and thresholds that are healthplan's own, not a published method's, are
// labelled "/healthplan" in the method string, so a reader never mistakes them for
// the published method they sit beside (docs/evaluation.md, "Whose rule is it").
// Published as implemented: statcan (Open SDG), years_to_target (Defra), and a
// plain comparison at the target year. The 左右 tolerance is ours wherever used.
void label_own_rules(TargetResult& r) {
    static constexpr std::string_view published[] = {"statcan", "years_to_target", "observed_at_target_year", "none"};
    const bool is_published =
        std::find(std::begin(published), std::end(published), r.method) != std::end(published);
    if (!is_published || (r.comparator == Comparator::approx && r.method != "none")) r.method += "/healthplan";
}

std::vector<std::string> lead_names(const Plan& plan, const Target& t, std::string& task_id) {
    const Task* task = t.task_id.empty() ? nullptr : plan.find_task(t.task_id);
    if (!task) {
        for (const auto& tk : plan.tasks) {
            if (std::find(tk.target_ids.begin(), tk.target_ids.end(), t.id) != tk.target_ids.end()) {
                task = &tk;
                break;
            }
        }
    }
    std::vector<std::string> out;
    if (!task) return out;
    task_id = task->id;
    for (const auto& a : task->lead) out.push_back(a.name.empty() ? a.as_written : a.name);
    return out;
}

}  // namespace

TargetResult evaluate_target(const Plan& plan, const Target& target, const Observations& obs,
                             const EvaluationPolicy& policy, int as_of) {
    TargetResult r;
    r.plan_id = plan.id;
    r.target_id = target.id;
    r.indicator = target.indicator;
    r.year = target.year;
    r.kind = target.kind;
    r.comparator = target.comparator;
    r.section = target.section;
    r.as_of = as_of;
    r.method_version = std::string(evaluation_version);
    r.threshold = r.baseline_value = r.latest_value = r.reference_value = nan;
    r.projected_value = r.required_pace = r.observed_pace = r.years_to_target = r.probability = r.progress = nan;
    r.score = nan;
    const Indicator* ind = plan.find_indicator(target.indicator_id);
    r.nature = target.nature != Nature::unspecified ? target.nature : ind ? ind->nature : Nature::unspecified;
    r.lead = lead_names(plan, target, r.task_id);
    if (target.baseline) {
        r.baseline_year = target.baseline->year;
        r.baseline_value = target.baseline->value;
    }
    if (target.value && target.kind == TargetKind::level) r.threshold = *target.value;
    r.unit = target.unit.symbol();

    Context c{plan, target, ind, obs, policy, as_of, r};
    auto lead_suffix = [&] {
        if (!r.lead.empty()) r.explanation += ". Lead: " + join(r.lead, "、");
    };
    if (r.nature == Nature::advocacy && policy.advocacy_never_scored) {
        r.verdict = Verdict::not_evaluable;
        r.reason = "advocacy (倡导性) targets are shown, never scored";
        r.method = "none";
        r.explanation = "not evaluable: " + r.reason;
        return r;
    }
    const auto keys = candidate_keys(target, ind);
    const std::string region = !policy.region.empty() ? policy.region : plan.region.name;
    try {
        auto m = match_series(obs, keys, region, true);
        if (!m) {
            throw Insufficient{"no observations for '" + join(keys, "' / '") + "'" +
                               (region.empty() ? std::string() : " in " + region)};
        }
        r.indicator_key = m->key;
        r.region = m->region;
        switch (target.kind) {
            case TargetKind::level:
                eval_level(c, *m);
                break;
            case TargetKind::change:
                eval_change(c, *m);
                break;
            case TargetKind::rate:
                eval_rate(c, *m);
                break;
            case TargetKind::trend:
                eval_trend(c, *m);
                break;
            case TargetKind::benchmark:
                eval_benchmark(c, *m, keys);
                break;
            case TargetKind::milestone:
                eval_milestone(c, *m);
                break;
        }
        // A regional series is used whole; rows without a region for the same key are
        // not mixed in (two sources, possibly two definitions) — said, not silent.
        if (!m->region.empty()) {
            const auto unspecified = obs.series(m->key, "");
            if (!unspecified.empty())
                r.explanation += "; " + std::to_string(unspecified.size()) + " row(s) of '" + m->key +
                                 "' without a region were not used (the " + m->region + " series is used whole)";
        }
    } catch (const Insufficient& why) {
        r.verdict = Verdict::insufficient_data;
        r.reason = why.reason;
        r.category.clear();
        r.explanation = "insufficient data: " + why.reason;
    }
    if (r.method.empty()) r.method = "none";  // nothing was judged (no series matched)
    label_own_rules(r);
    // A value the extractor could not read with certainty is judged, but never silently.
    if (target.certainty == Certainty::uncertain)
        r.explanation = "[target uncertain: " + (target.note.empty() ? std::string("see the plan text") : target.note) +
                        "] " + r.explanation;
    lead_suffix();
    return r;
}

std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy,
                                   int as_of) {
    policy.validate();
    std::vector<TargetResult> out;
    out.reserve(plan.targets.size());
    for (const auto& t : plan.targets) out.push_back(evaluate_target(plan, t, observations, policy, as_of));
    return out;
}

std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy) {
    return evaluate(plan, observations, policy, static_cast<int>(observations.max_year()));
}

HEALTHPLAN_END_NAMESPACE
