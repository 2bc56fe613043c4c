// evaluate(): matching series to targets, units, and the rules for each kind.
// Level thresholds are judged by detail::judge_level (evaluate_level.cpp);
// this file resolves what the threshold is and explains the outcome.
#include "healthplan/evaluate.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "evaluate/kinds.hpp"
#include "evaluate/level.hpp"
#include "healthplan/error.hpp"
#include "healthplan/evaluate_table.hpp"
#include "healthplan/trend.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

using detail::inf;
using detail::nan;

// printf's "%.<precision>g" ("%+.<precision>g" with `plus`) by std::to_chars,
// which the standard defines as the same text in the C locale, at a fraction of
// snprintf's cost (formatting numbers was a fifth of judging a target; a
// 12-million-value comparison with snprintf found no difference).
std::string_view general(char (&buf)[40], double v, int precision, bool plus = false) {
    char* p = buf;
    if (plus && !std::signbit(v)) *p++ = '+';
    p = std::to_chars(p, buf + sizeof buf, v, std::chars_format::general, precision).ptr;
    return {buf, static_cast<std::size_t>(p - buf)};
}

// The explanation builder: what std::ostringstream printed — texts as they are,
// integers in decimal, doubles as "%g" (a stream's default format) — without a
// stream's locale set-up per target.
class Text {
  public:
    Text() { s_.reserve(256); }
    Text& operator<<(std::string_view s) {
        s_ += s;
        return *this;
    }
    Text& operator<<(const char* s) { return *this << std::string_view(s); }
    Text& operator<<(const std::string& s) { return *this << std::string_view(s); }
    Text& operator<<(char c) {
        s_ += c;
        return *this;
    }
    Text& operator<<(bool) = delete;  // a stream prints 1 / 0: say it in words instead
    Text& operator<<(int v) {
        char buf[16];
        const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
        s_.append(buf, end);
        return *this;
    }
    Text& operator<<(double v) {
        char buf[40];
        s_ += general(buf, v, 6);
        return *this;
    }
    std::string take() { return std::move(s_); }

  private:
    std::string s_;
};

std::string num(double v) {
    if (std::isnan(v)) return "n/a";
    if (std::isinf(v)) return v > 0 ? "never" : "-inf";
    char buf[40];
    return std::string(general(buf, v, 4));
}
std::string signed_num(double v) {
    if (std::isnan(v)) return "n/a";
    char buf[40];
    return std::string(general(buf, v, 3, true));
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
    std::int64_t key_code = 0;
    std::string region;
    std::vector<SeriesPoint> points;  // usable and missing-flagged, all years
};

// The keys a target's series may be filed under, in the order they are tried
// (views of the plan's strings: no copies per target).
struct Keys {
    std::array<std::string_view, 4> k{};
    std::size_t n = 0;
    const std::string_view* begin() const { return k.data(); }
    const std::string_view* end() const { return k.data() + n; }
};

Keys candidate_keys(const Target& t, const Indicator* ind) {
    Keys keys;
    auto add = [&](std::string_view s) {
        if (!s.empty() && std::find(keys.begin(), keys.end(), s) == keys.end()) keys.k[keys.n++] = s;
    };
    add(t.indicator_id);
    if (ind) {
        add(ind->code);
        add(ind->name);
    }
    add(t.indicator);
    return keys;
}

// A region and its code in the store (none when no row has it).
struct RegionCode {
    std::string name;
    std::optional<std::int64_t> code;
    RegionCode(const Observations& obs, std::string region) : name(std::move(region)), code(obs.region_code(name)) {}
};

// The plan's series region and the rows without a region, looked up once per plan.
struct Regions {
    RegionCode own;
    RegionCode unspecified;
    Regions(const Observations& obs, const Plan& plan, const EvaluationPolicy& policy)
        : own(obs, !policy.region.empty() ? policy.region : plan.region.name), unspecified(obs, "") {}
};

// Plan indicator id, then canonical code, then name; the region exactly, then
// rows without a region (`unspecified`, when given).
std::optional<Matched> match_series(const Observations& obs, const Keys& keys, const RegionCode& region,
                                    const RegionCode* unspecified) {
    for (const auto k : keys) {
        auto kc = obs.key_code(k);
        if (!kc) continue;
        for (const RegionCode* r : {&region, region.name.empty() ? nullptr : unspecified}) {
            if (!r || !r->code) continue;
            auto pts = obs.series(*kc, *r->code);
            if (!pts.empty()) return Matched{std::string(k), *kc, r->name, std::move(pts)};
        }
    }
    return std::nullopt;
}

template <class Strings>
std::string join(const Strings& v, const char* sep = ", ") {
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

std::string stale_note(const Context& c) {
    return "; the target year " + std::to_string(*c.target.year) +
           " has passed without its observation: judged on data to " + std::to_string(*c.r.latest_year) + " (stale)";
}

std::string years_list(const std::vector<int>& ys) {
    std::string out;
    for (int y : ys) {
        if (!out.empty()) out += ", ";
        out += std::to_string(y);
    }
    return out;
}

// The fields a level outcome and every other kind's outcome share, copied into
// the result (one place, so the two paths cannot drift apart).
template <class Outcome>
void copy_shared_numbers(TargetResult& r, const Outcome& o) {
    r.verdict = o.verdict;
    r.category = detail::category_name(o.category);
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
}

// Fills the numeric fields of the result from a level outcome and explains it.
void apply_level(const Context& c, const detail::LevelOutcome& o, const detail::LevelSpec& spec, LevelMethod method,
                 const std::string& threshold_text) {
    TargetResult& r = c.r;
    copy_shared_numbers(r, o);
    r.reason = detail::reason_text(o.reason);
    const bool final =
        o.category == detail::Category::met_at_target_year || o.category == detail::Category::missed_at_target_year;
    const bool no_year_rule =
        o.category == detail::Category::maintained || o.category == detail::Category::not_maintained;
    r.method = final          ? "observed_at_target_year"
               : o.stale      ? "latest_before_target_year"
               : no_year_rule ? "latest_value"
                              : std::string(to_string(method));

    Text e;
    const std::string& u = r.unit;
    if (o.verdict == Verdict::insufficient_data) {
        e << "insufficient data: " << r.reason;
        if (o.points > 0) e << " (latest " << with_unit(o.latest_value, u) << " in " << num(o.latest_year) << ")";
        e << "; target " << threshold_text;
        c.r.explanation = e.take();
        return;
    }
    if (final) {
        e << spec.year << " value " << with_unit(o.latest_value, u)
          << (o.verdict == Verdict::achieved ? " meets " : " misses ") << threshold_text << ": "
          << to_string(o.verdict);
        c.r.explanation = e.take();
        return;
    }
    if (o.stale) {
        e << "the target year " << spec.year << " has passed without its observation; the latest, "
          << with_unit(o.latest_value, u) << " (" << num(o.latest_year) << ", " << (spec.year - o.latest_year)
          << " year(s) before), " << (o.verdict == Verdict::achieved ? "meets " : "misses ") << threshold_text << ": "
          << to_string(o.verdict) << " (stale: judged on the latest observation, not projected)";
        if (!std::isnan(o.probability)) e << "; P(meet in " << spec.year << ") = " << num(o.probability);
        c.r.explanation = e.take();
        return;
    }
    e << "latest " << with_unit(o.latest_value, u) << " (" << num(o.latest_year) << ") against " << threshold_text;
    if (no_year_rule) {
        e << (o.verdict == Verdict::on_track ? ": holds" : ": does not hold");
        c.r.explanation = e.take();
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
    c.r.explanation = e.take();
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
        c.r.explanation =
            (cmp == Comparator::eq
                 ? "[bare number: the indicator's direction is unknown, judged as equality] "
                 : std::string("[bare number read in the indicator's direction: ") + cmp_text(cmp) + "] ") +
            c.r.explanation;
    if (!missing.empty()) c.r.explanation += "; reported missing: " + years_list(missing);
}

int sign_of(const Context& c, Comparator cmp) {
    if (const int s = detail::comparator_sign(cmp, 0)) return s;
    // = and ~ say no direction: the indicator's, looked up only then.
    const Direction dir = indicator_direction(c);
    return detail::comparator_sign(cmp, dir == Direction::higher ? 1 : dir == Direction::lower ? -1 : 0);
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
    // The amount in the comparison unit (points of a share in its unit; 增加500张 as is).
    double amount = v;
    if (mode == ChangeMode::points && unit && unit->dimension() == Dimension::ratio)
        amount = convert(v, Unit::percent(), *unit);
    else if (mode == ChangeMode::absolute && unit && !t.unit.is_none() && t.unit.compatible_with(*unit))
        amount = convert(v, t.unit, *unit);
    const double th = detail::change_threshold(ref_value, amount, mode, d);
    c.r.threshold = th;
    const Comparator cmp = detail::change_comparator(t.comparator, d);
    c.r.comparator = cmp;
    auto pts = window(all, ref_year, c.policy);
    if (ref_year && c.policy.use_stated_baseline && *ref_year <= c.as_of &&
        std::none_of(pts.begin(), pts.end(), [&](const Pt& p) { return p.t == *ref_year; })) {
        pts.insert(pts.begin(), {static_cast<double>(*ref_year), ref_value});
    }
    require_points(c, pts, all, ref_year);
    judge_threshold(c, std::move(pts), th, cmp, unit);
    Text e;
    e << (d > 0 ? "raise by " : "lower by ") << num(v)
      << (mode == ChangeMode::relative ? "%"
          : mode == ChangeMode::points ? " percentage points"
                                       : " " + t.unit.symbol())
      << " from " << with_unit(ref_value, c.r.unit) << (ref_year ? " (" + std::to_string(*ref_year) + ", " : " (")
      << ref_from << ") gives " << cmp_text(cmp) << " " << with_unit(th, c.r.unit) << "; " << c.r.explanation;
    c.r.explanation = e.take();
}

// Copies the numbers every kind's outcome shares into the result.
void apply_outcome(const Context& c, const detail::KindOutcome& o) {
    copy_shared_numbers(c.r, o);
    c.r.threshold = o.threshold;
}

// The reason of an insufficient outcome, with the numbers that make it concrete.
[[noreturn]] void insufficient(const Context& c, const detail::KindOutcome& o, const std::vector<Pt>& pts) {
    using detail::Reason;
    std::string why = detail::reason_text(o.reason);
    switch (o.reason) {
        case Reason::no_target_year_value:
        case Reason::no_aligned_target_year:
            why = (o.reason == Reason::no_target_year_value ? "no observation" : "no aligned observation") +
                  std::string(" for the target year ") + std::to_string(*c.target.year) + " although later years exist";
            break;
        case Reason::stale:
            why = "the target year " + std::to_string(*c.target.year) + " has passed and the latest observation (" +
                  (pts.empty() ? std::string("none") : num(pts.back().t)) + ") is more than " +
                  std::to_string(c.policy.stale_years) + " year(s) older (EvaluationPolicy::stale_years)";
            break;
        case Reason::no_aligned_year:
            why += " (lag " + std::to_string(c.policy.benchmark_lag) + ")";
            break;
        default:
            break;
    }
    c.r.points = o.points;
    if (!std::isnan(o.latest_year)) {
        c.r.latest_year = static_cast<int>(o.latest_year);
        c.r.latest_value = o.latest_value;
    }
    throw Insufficient{why};
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

    detail::RateSpec spec;
    spec.v = v;
    spec.d = d;
    spec.relative = mode == ChangeMode::relative;
    spec.has_year = t.year.has_value();
    spec.year = t.year.value_or(0);
    spec.as_of = c.as_of;
    bounds_for(unit, spec.lower, spec.upper);
    std::vector<double> x, y;
    split(pts, x, y);
    std::vector<int> missed_steps;
    const auto o = detail::judge_rate(x.data(), y.data(), static_cast<int>(x.size()), spec, c.policy, &missed_steps);
    if (o.verdict == Verdict::insufficient_data) insufficient(c, o, pts);
    apply_outcome(c, o);
    c.r.baseline_year = static_cast<int>(o.base_year);
    c.r.baseline_value = o.base_value;
    c.r.method = c.policy.rate_every_year ? "rate_every_year" : "rate_cumulative";

    const Comparator cmp = d > 0 ? Comparator::ge : Comparator::le;
    std::vector<std::string> missed;
    for (int i : missed_steps) {
        const double gap = x[i] - x[i - 1];
        const double change =
            spec.relative ? (std::pow(y[i] / y[i - 1], 1.0 / gap) - 1.0) * 100.0 : (y[i] - y[i - 1]) / gap;
        missed.push_back(num(x[i]) + " (" + signed_num(change) + ")");
    }
    Text e;
    const char* per = mode == ChangeMode::relative ? "% a year"
                      : mode == ChangeMode::points ? " percentage points a year"
                                                   : " a year";
    e << "needs " << (d > 0 ? "+" : "-") << num(v) << per << " from " << num(o.base_year) << "; observed "
      << signed_num(o.observed_pace) << per << " on average to " << num(o.latest_year) << " ("
      << with_unit(o.base_value, c.r.unit) << " → " << with_unit(o.latest_value, c.r.unit) << ", required "
      << cmp_text(cmp) << " " << with_unit(o.required_level, c.r.unit) << "); the rate was met in " << o.met_steps
      << " of " << o.steps << " year-on-year steps";
    if (!missed.empty()) e << " (not in " << join(missed) << ")";
    if (c.r.stale) e << stale_note(c);
    e << " → " << to_string(c.r.verdict);
    c.r.explanation = e.take();
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

    detail::TrendSpec spec;
    spec.d = d;
    spec.slowing = slowing;
    spec.slowing_of_level = slowing && !is_growth_rate;
    spec.has_year = t.year.has_value();
    spec.year = t.year.value_or(0);
    spec.as_of = c.as_of;
    double lo, hi;
    bounds_for(unit, lo, hi);
    if (d > 0 && std::isfinite(hi)) spec.limit = hi;  // a share's 100 % (StatCan's natural limit)
    std::vector<double> x, y, xs, ys;
    split(pts, x, y);
    const auto o = detail::judge_trend(x.data(), y.data(), static_cast<int>(x.size()), spec, c.policy, xs, ys);
    if (o.verdict == Verdict::insufficient_data) insufficient(c, o, pts);
    apply_outcome(c, o);
    c.r.baseline_year = static_cast<int>(o.base_year);
    c.r.baseline_value = o.base_value;
    const bool statcan = !std::isnan(o.statcan_high);
    c.r.method = statcan ? "statcan" : "trend:" + std::string(to_string(c.policy.trend));

    Text e;
    if (statcan) {
        e << "StatCan growth rate " << num(o.progress) << " a year against cut-offs " << num(o.statcan_high) << " / "
          << num(o.statcan_med) << " / " << num(o.statcan_low);
        if (!std::isnan(o.statcan_limit))
            e << " (scaled by " << num(o.statcan_coefficient) << " near the limit " << num(o.statcan_limit) << ")";
        e << ": " << c.r.category << ", score " << num(o.score) << " of −5…5 → ";
    }
    e << (spec.slowing_of_level ? "the growth per year" : "the values") << " should keep "
      << (d > 0 ? "rising" : "falling") << (slowing ? " (持续减缓: slowing growth)" : "") << "; " << num(xs.front())
      << "–" << num(xs.back()) << ": net " << signed_num(o.net) << ", " << o.reversals << " step(s) against, Theil–Sen "
      << signed_num(o.observed_pace) << " a year, Mann–Kendall p = " << num(o.mk_p)
      << ". Definitions: strictly_monotone " << (o.strict_ok ? "yes" : "no") << ", net_with_" << c.policy.k_reversals
      << "_reversals " << (o.k_ok ? "yes" : "no") << ", theil_sen_mann_kendall (alpha "
      << num(c.policy.mann_kendall_alpha) << ") " << (o.ts_ok ? "yes" : "no") << " → " << to_string(c.r.verdict)
      << " by " << (statcan ? std::string("statcan") : std::string(to_string(c.policy.trend)));
    if (o.strict_ok != o.k_ok || o.k_ok != o.ts_ok) e << " (definitions disagree)";
    if (c.r.stale) e << stale_note(c);
    c.r.explanation = e.take();
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

void eval_benchmark(const Context& c, const Matched& m, const Keys& keys) {
    const Target& t = c.target;
    const std::string region = benchmark_region(c);
    if (region.empty())
        throw Insufficient{"no benchmark region for '" + t.benchmark + "' (see EvaluationPolicy::benchmark_regions)"};
    auto bm = match_series(c.obs, keys, RegionCode(c.obs, region), nullptr);
    if (!bm) throw Insufficient{"no observations of the benchmark region '" + region + "'"};
    int d = sign_of(c, t.comparator);
    if (d == 0) d = 1;
    const bool strict = t.comparator == Comparator::gt || t.comparator == Comparator::lt;
    const auto unit = comparison_unit(c, m.points, true);
    c.r.unit = unit ? unit->symbol() : "";
    const auto own = convert_points(c, m.points, unit, nullptr);
    const auto ref = convert_points(c, bm->points, unit, nullptr);
    detail::BenchmarkSpec spec;
    spec.d = d;
    spec.strict = strict;
    spec.has_year = t.year.has_value();
    spec.year = t.year.value_or(0);
    spec.lag = c.policy.benchmark_lag;
    spec.as_of = c.as_of;
    std::vector<double> ot, oy, rt, ry, yrs, gap, ownv, refv;
    split(own, ot, oy);
    split(ref, rt, ry);
    const auto o = detail::judge_benchmark(ot.data(), oy.data(), static_cast<int>(ot.size()), rt.data(), ry.data(),
                                           static_cast<int>(rt.size()), spec, c.policy, yrs, gap, ownv, refv);
    c.r.comparator = d > 0 ? (strict ? Comparator::gt : Comparator::ge) : (strict ? Comparator::lt : Comparator::le);
    c.r.method = "benchmark_gap";
    if (o.verdict == Verdict::insufficient_data) insufficient(c, o, own);
    apply_outcome(c, o);
    c.r.reference_year = static_cast<int>(o.reference_year);
    c.r.reference_value = o.reference_value;
    Text e;
    e << with_unit(o.latest_value, c.r.unit) << " (" << num(o.latest_year) << ") against " << t.benchmark << " "
      << region << " " << with_unit(o.reference_value, c.r.unit) << " (" << num(o.reference_year) << ", lag "
      << spec.lag << ")";
    if (o.category == detail::Category::gap_closing || o.category == detail::Category::gap_not_closing) {
        const double proj_gap = d * (o.projected - o.reference_value);
        e << "; gap " << signed_num(d * (o.reference_value - o.latest_value)) << " to close, changing "
          << signed_num(d * o.observed_pace) << " a year in the wanted direction; projected gap at " << *t.year << ": "
          << signed_num(-proj_gap);
    }
    if (c.r.stale) e << stale_note(c);
    if (!std::isnan(c.r.probability)) e << "; P(meet) = " << num(c.r.probability);
    e << " → " << to_string(c.r.verdict);
    c.r.explanation = e.take();
}

void eval_milestone(const Context& c, const Matched& m) {
    for (const auto& p : m.points) {
        if (p.year > c.as_of || p.published > c.as_of || (p.flags & flag_missing)) continue;
        if (p.value != 0 && p.value != 1) {
            throw DataError("observations.milestone",
                            "milestone observation must be 1 (done) or 0 (not done), got " + num(p.value) +
                                " for target " + c.target.id,
                            c.obs.row_name(p.row));
        }
    }
    c.r.method = "milestone";
    const auto pts = convert_points(c, m.points, std::nullopt, nullptr);
    std::vector<double> x, y;
    split(pts, x, y);
    const auto T = c.target.year;
    const auto o = detail::judge_milestone(x.data(), y.data(), static_cast<int>(x.size()), T.has_value(), T.value_or(0),
                                           c.as_of, c.policy);
    if (o.verdict == Verdict::insufficient_data) insufficient(c, o, pts);
    apply_outcome(c, o);
    Text e;
    const int latest = static_cast<int>(o.latest_year);
    if (!std::isnan(o.done_year)) {
        e << "done in " << num(o.done_year);
        if (T) e << " (deadline " << *T << ")";
    } else if (o.category == detail::Category::not_done) {
        e << "not done by the deadline " << *T << " (latest report " << latest
          << (o.stale ? ", before the deadline: stale)" : ")");
    } else {
        e << "not done as of " << latest;
        if (T) e << "; deadline " << *T;
    }
    e << " → " << to_string(c.r.verdict);
    c.r.explanation = e.take();
}

// Rules and thresholds that are healthplan's own, not a published method's, are
// labelled "/healthplan" in the method string, so a reader never mistakes them for
// the published method they sit beside (docs/evaluation.md, "Whose rule is it").
// Published as implemented: statcan (Open SDG), years_to_target (Defra), and a
// plain comparison at the target year. The 左右 tolerance is ours wherever used.
void label_own_rules(TargetResult& r) {
    static constexpr std::string_view published[] = {"statcan", "years_to_target", "observed_at_target_year", "none"};
    const bool is_published = std::find(std::begin(published), std::end(published), r.method) != std::end(published);
    if (!is_published || (r.comparator == Comparator::approx && r.method != "none")) r.method += "/healthplan";
}

// The task a target belongs to: its task_id, else the task listing it.
const Task* task_of(const Plan& plan, const Target& t) {
    const Task* task = t.task_id.empty() ? nullptr : plan.find_task(t.task_id);
    if (task) return task;
    for (const auto& tk : plan.tasks)
        if (std::find(tk.target_ids.begin(), tk.target_ids.end(), t.id) != tk.target_ids.end()) return &tk;
    return nullptr;
}

// Lookups of a whole plan built once, so judging n targets is linear in n
// (Plan::find_* scan; per target they made evaluate() quadratic in plan size).
struct PlanIndex {
    std::unordered_map<std::string_view, const Indicator*> indicators;
    std::unordered_map<std::string_view, const Task*> tasks;
    std::unordered_map<std::string_view, const Task*> task_of_target;

    explicit PlanIndex(const Plan& plan) {
        indicators.reserve(plan.indicators.size());
        for (const auto& i : plan.indicators) indicators.emplace(i.id, &i);
        for (const auto& k : plan.tasks) {
            tasks.emplace(k.id, &k);
            for (const auto& id : k.target_ids) task_of_target.emplace(id, &k);
        }
    }
    const Indicator* indicator(const Target& t) const {
        auto it = indicators.find(t.indicator_id);
        return it == indicators.end() ? nullptr : it->second;
    }
    const Task* task(const Target& t) const {
        if (!t.task_id.empty()) {
            auto it = tasks.find(t.task_id);
            if (it != tasks.end()) return it->second;
        }
        auto it = task_of_target.find(t.id);
        return it == task_of_target.end() ? nullptr : it->second;
    }
};

std::vector<std::string> lead_names(const Task* task, std::string& task_id) {
    std::vector<std::string> out;
    if (!task) return out;
    task_id = task->id;
    for (const auto& a : task->lead) out.push_back(a.name.empty() ? a.as_written : a.name);
    return out;
}

TargetResult judge_target(const Plan& plan, const Target& target, const Indicator* ind, const Task* task,
                          const Observations& obs, const EvaluationPolicy& policy, int as_of, const Regions& regions);

}  // namespace

TargetResult evaluate_target(const Plan& plan, const Target& target, const Observations& obs,
                             const EvaluationPolicy& policy, int as_of) {
    return judge_target(plan, target, plan.find_indicator(target.indicator_id), task_of(plan, target), obs, policy,
                        as_of, Regions(obs, plan, policy));
}

namespace {

TargetResult judge_target(const Plan& plan, const Target& target, const Indicator* ind, const Task* task,
                          const Observations& obs, const EvaluationPolicy& policy, int as_of, const Regions& regions) {
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
    r.nature = target.nature != Nature::unspecified ? target.nature : ind ? ind->nature : Nature::unspecified;
    r.lead = lead_names(task, r.task_id);
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
    const std::string& region = regions.own.name;
    try {
        auto m = match_series(obs, keys, regions.own, &regions.unspecified);
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
        if (!m->region.empty() && regions.unspecified.code) {
            const auto unspecified = obs.series(m->key_code, *regions.unspecified.code);
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

}  // namespace

std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy,
                                   int as_of) {
    return evaluate(plan, observations, policy, as_of, 1);
}

std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy,
                                   int as_of, int threads) {
    policy.validate();
    const std::size_t n = plan.targets.size();
    std::vector<TargetResult> out(n);
    const PlanIndex index(plan);
    const Regions regions(observations, plan, policy);
    auto judge_slice = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const Target& t = plan.targets[i];
            out[i] = judge_target(plan, t, index.indicator(t), index.task(t), observations, policy, as_of, regions);
        }
    };
    // Below a few hundred targets a thread costs more than it saves.
    const std::size_t slices = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1, n / 256 + 1);
    if (slices == 1) {
        judge_slice(0, n);
        return out;
    }
    // Contiguous slices; each stops at its first error, so the lowest slice that
    // failed holds the error a single thread would have raised first.
    std::vector<std::exception_ptr> errors(slices);
    std::vector<std::thread> workers;
    workers.reserve(slices - 1);
    auto run = [&](std::size_t s) {
        try {
            judge_slice(n * s / slices, n * (s + 1) / slices);
        } catch (...) {
            errors[s] = std::current_exception();
        }
    };
    for (std::size_t s = 1; s < slices; ++s) workers.emplace_back(run, s);
    run(0);
    for (auto& w : workers) w.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    return out;
}

std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy) {
    return evaluate(plan, observations, policy, static_cast<int>(observations.max_year()));
}

HEALTHPLAN_END_NAMESPACE
