// evaluate(): matching series to targets, units, and the rules for each kind.
// Level thresholds are judged by detail::judge_level (evaluate_level.cpp);
// this file resolves what the threshold is and explains the outcome.
#include "healthplan/evaluate.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "evaluate/format_number.hpp"
#include "evaluate/judge.hpp"
#include "evaluate/kinds.hpp"
#include "evaluate/level.hpp"
#include "evaluate/text_index.hpp"
#include "healthplan/error.hpp"
#include "healthplan/evaluate_table.hpp"
#include "healthplan/trend.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

using detail::inf;
using detail::nan;

// printf's "%.<precision>g" ("%+.<precision>g" with `plus`): std::to_chars's
// text, which the standard defines as printf's in the C locale (a
// 12-million-value comparison with snprintf found no difference), written by
// detail::format_general at a fraction of to_chars's cost (formatting numbers
// was the largest single cost of judging a target; see format_number.hpp).
std::string_view general(char (&buf)[40], double v, int precision, bool plus = false) {
    char* p = buf;
    if (plus && !std::signbit(v)) *p++ = '+';
    p = detail::format_general(p, buf + sizeof buf, v, precision);
    return {buf, static_cast<std::size_t>(p - buf)};
}

// A number to be written as num() or signed_num() write it, and the unit
// written after it (with_unit). Formatted where it is written — straight into
// an explanation's buffer (Text) — rather than into a buffer of its own that
// was then copied; turned into a std::string only where a message is built with +.
class Formatted {
  public:
    enum class Style : std::uint8_t { general4, signed3 };
    Formatted(double v, Style style) : v_(v), style_(style) {}
    // Writes the number and its unit at `out`, which has room for 40 bytes and the unit.
    char* write(char* out) const {
        out = digits(out);
        if (!unit_.empty()) {
            *out++ = ' ';
            std::memcpy(out, unit_.data(), unit_.size());
            out += unit_.size();
        }
        return out;
    }
    std::size_t max_size() const { return 40 + 1 + unit_.size(); }
    void append_to(std::string& s) const {
        char buf[40];
        // (pointer, length): append(first, last) is a replace of the end, ~2x the instructions
        s.append(buf, static_cast<std::size_t>(digits(buf) - buf));
        if (!unit_.empty()) {
            s += ' ';
            s += unit_;
        }
    }
    operator std::string() const {  // NOLINT: implicit, for messages built with + and ?:
        std::string s;
        append_to(s);
        return s;
    }
    Formatted& with(std::string_view unit) {
        unit_ = unit;
        return *this;
    }

  private:
    static char* copy(char* out, std::string_view text) {
        std::memcpy(out, text.data(), text.size());
        return out + text.size();
    }
    // The number alone: NaN as "n/a"; num(): infinities as "never" / "-inf", 4
    // significant digits; signed_num(): a sign always, 3 significant digits.
    char* digits(char* out) const {
        if (std::isnan(v_)) return copy(out, "n/a");
        if (style_ == Style::general4) {
            if (std::isinf(v_)) return copy(out, v_ > 0 ? "never" : "-inf");
            return detail::format_general_p<4>(out, out + 40, v_);
        }
        if (!std::signbit(v_)) *out++ = '+';
        return detail::format_general_p<3>(out, out + 39, v_);
    }
    double v_;
    Style style_;
    std::string_view unit_;
};

std::string operator+(std::string a, const Formatted& f) {
    f.append_to(a);
    return a;
}
std::string operator+(const char* a, const Formatted& f) { return std::string(a) + f; }

Formatted num(double v) { return Formatted(v, Formatted::Style::general4); }
Formatted signed_num(double v) { return Formatted(v, Formatted::Style::signed3); }
// `unit` must outlive the result (it is appended, not copied).
Formatted with_unit(double v, const std::string& unit) { return num(v).with(unit); }

// The explanation builder: what std::ostringstream printed — texts as they are,
// integers in decimal, doubles as "%g" (a stream's default format) — without a
// stream's locale set-up per target. The text is built in a buffer on the stack
// and handed to the string once (into), so each of the ~30 pieces of an
// explanation is a copy of known size — literals' sizes known when compiled,
// so the copy is inlined — instead of a call to std::string::append (the
// appends were a fifth of the instructions judging a target took, callgrind).
// A text longer than the buffer goes on in `buffer`, a string the caller
// reuses from target to target (Scratch::text or the result's explanation).
class Text {
  public:
    explicit Text(std::string& buffer) : s_(buffer) { s_.clear(); }
    Text(const Text&) = delete;
    Text& operator=(const Text&) = delete;
    // A string literal (or an array as full as one): its length is N − 1.
    template <std::size_t N>
    [[gnu::always_inline]] Text& operator<<(const char (&s)[N]) {
        put(s, N - 1);
        return *this;
    }
    // Any other C string (cmp_text, a choice between literals of two lengths).
    template <class P>
    requires std::same_as<P, const char*> Text& operator<<(P s) { return *this << std::string_view(s); }
    Text& operator<<(std::string_view s) {
        put(s.data(), s.size());
        return *this;
    }
    Text& operator<<(const std::string& s) { return *this << std::string_view(s); }
    Text& operator<<(const Formatted& f) {
        if (f.max_size() > sizeof buf_ - len_) {  // rare: formatted aside, then put
            std::string text = f;
            return *this << std::string_view(text);
        }
        len_ = static_cast<std::size_t>(f.write(buf_ + len_) - buf_);
        return *this;
    }
    Text& operator<<(char c) {
        put(&c, 1);
        return *this;
    }
    // A stream prints 1 / 0: say it in words instead. (A template, so that a
    // const char* goes to the string_view overload rather than to this one.)
    template <class B>
    requires std::same_as<B, bool> Text& operator<<(B) = delete;
    Text& operator<<(int v) {
        char buf[16];
        const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
        put(buf, static_cast<std::size_t>(end - buf));
        return *this;
    }
    Text& operator<<(double v) {
        char buf[40];
        return *this << general(buf, v, 6);
    }
    // Leaves the text in `out` (`out` may be the buffer given to the constructor).
    void into(std::string& out) {
        if (&out == &s_) {
            s_.append(buf_, len_);
        } else if (s_.empty()) {
            out.assign(buf_, len_);  // keeps out's storage when it is large enough
        } else {
            out.assign(s_);
            out.append(buf_, len_);
        }
        len_ = 0;
    }

  private:
    // Inlined where it is called, so that a literal's copy is a move of its known size.
    [[gnu::always_inline]] void put(const char* p, std::size_t n) {
        if (n > sizeof buf_ - len_) [[unlikely]] {  // full: what is built so far goes on in the string
            spill(p, n);
            return;
        }
        std::memcpy(buf_ + len_, p, n);
        len_ += n;
    }

    // The buffer is full: its text goes on in the string, and `p` after it
    // (in the buffer when it fits there, else in the string too).
    [[gnu::noinline]] void spill(const char* p, std::size_t n) {
        s_.append(buf_, len_);
        len_ = 0;
        if (n > sizeof buf_) {
            s_.append(p, n);
            return;
        }
        std::memcpy(buf_, p, n);
        len_ = n;
    }

    std::string& s_;
    std::size_t len_ = 0;
    char buf_[1024];
};

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

// The percent unit, built once (Unit::percent() builds its strings on every
// call, and the change and rate rules ask for it per target).
const Unit& percent() {
    static const Unit unit = Unit::percent();
    return unit;
}

// The result's unit: the comparison unit's symbol, or none (assigned from a
// view: `unit ? unit->symbol() : ""` built a temporary string per target).
void set_unit(TargetResult& r, const Unit* unit) {
    r.unit.assign(unit ? std::string_view(unit->symbol()) : std::string_view());
}

// A point in the comparison unit.
struct Pt {
    double t;
    double y;
};

// The keys a target's series may be filed under, in the order they are tried
// (views of the plan's strings: no copies per target). The first `from_indicator`
// come from the target's indicator (its id, code and name), the same for every
// target of that indicator; the last may be the name written at the target.
struct Keys {
    std::array<std::string_view, 4> k{};
    std::size_t n = 0;
    std::size_t from_indicator = 0;
    const std::string_view* begin() const { return k.data(); }
    const std::string_view* end() const { return k.data() + n; }
};

void add_key(Keys& keys, std::string_view s) {
    if (!s.empty() && std::find(keys.begin(), keys.end(), s) == keys.end()) keys.k[keys.n++] = s;
}

// An indicator's own keys: its id, code and name (a target of it names it by
// its id), the empty and repeated ones left out; `kept` says which are kept
// (bits 0-2), so that they are listed again without comparing them.
Keys indicator_keys(const Indicator& ind, std::uint8_t& kept) {
    Keys keys;
    kept = 0;
    const std::string_view texts[3] = {ind.id, ind.code, ind.name};
    for (std::size_t j = 0; j < 3; ++j) {
        const std::size_t before = keys.n;
        add_key(keys, texts[j]);
        if (keys.n > before) kept = static_cast<std::uint8_t>(kept | (1u << j));
    }
    keys.from_indicator = keys.n;
    return keys;
}

// The keys a target's series may be filed under; `kept`: indicator_keys' when
// the target's indicator is known (its id is t.indicator_id, found by it).
Keys candidate_keys(const Target& t, const Indicator* ind, std::uint8_t kept) {
    Keys keys;
    if (ind) {
        // Each view built where it is stored: copied out of an array of views
        // just written, each 16-byte copy waited for the two 8-byte stores before
        // it (a failed store forward: a third of judge()'s own time, perf annotate).
        if (kept & 1u) keys.k[keys.n++] = ind->id;
        if (kept & 2u) keys.k[keys.n++] = ind->code;
        if (kept & 4u) keys.k[keys.n++] = ind->name;
        keys.from_indicator = keys.n;
    } else {
        add_key(keys, t.indicator_id);
    }
    add_key(keys, t.indicator);
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

// What the matching step found for a target: the key and region as views of
// the store's and the call's names (alive for the whole call), and the points.
struct Matched {
    std::string_view key;
    std::int64_t key_code = -1;
    std::string_view region;
    std::int64_t region_code = -1;
    SeriesView points;  // usable and missing-flagged, all years, read in the store
};

// Store codes of a target's candidate keys (-1: no row has the key).
struct KeyCodes {
    std::array<std::int64_t, 4> code{-1, -1, -1, -1};
};

// The store codes of an indicator's own keys (its id, code and name, as
// candidate_keys lists them), looked up once per call for every indicator of
// the plan (PlanJudge::Data): hashing the key texts was most of the matching
// cost, plans state several targets per indicator (2022 and 2030, or a
// benchmark and a level), and looked up together the reads of a large store's
// index overlap (one read out of cache per key, waited for one by one when
// looked up target by target: a sixth of a 40,000-target plan's time, perf).
// 16 bytes an indicator: the memo of a large plan is written on every call.
// Codes fit 32 bits: the store's key index holds 32-bit positions.
struct KeyMemo {
    std::array<std::int32_t, 3> code{-1, -1, -1};
    std::uint8_t kept = 0;  // which of the id, code and name indicator_keys kept (bits 0-2)
};

// Buffers one thread reuses from target to target, so judging a target
// allocates almost nothing once they have grown (allocation and release were a
// fifth of the judging time): the matched series, points in the comparison
// unit, the arrays the numeric cores read, the explanation being built.
struct Scratch {
    Matched own, bench;
    std::vector<Pt> all, pts, ref;
    std::vector<double> x, y, rx, ry, xs, ys, gap, ownv, refv;
    std::vector<int> missing, missed_steps;
    std::string text;
    std::string words;      // a trend's texts searched for 减缓, 增长率 …
    std::string threshold;  // "≥ 22 % by 2030"
    detail::JudgedRow row;  // the codes and views the table's writer reads (judged_row)
    // Whether the result's category and reason are written as texts (Fill::all);
    // evaluate_table's writer reads their codes in `row` instead.
    bool texts = true;
    // Where the next lookups are tried first (TextIndex::find_near): after the
    // last indicator, store key and task found.
    std::size_t next_indicator = 0, next_key = 0, last_task = SIZE_MAX;
};

// Plan indicator id, then canonical code, then name, then the name written at
// the target; the region exactly, then rows without a region (`unspecified`,
// when given). Fills `out` and returns true when a series is found.
bool match_series(const Observations& obs, const Keys& keys, const KeyCodes& codes, const RegionCode& region,
                  const RegionCode* unspecified, Matched& out) {
    for (std::size_t i = 0; i < keys.n; ++i) {
        const std::int64_t kc = codes.code[i];
        if (kc < 0) continue;
        for (const RegionCode* r : {&region, region.name.empty() ? nullptr : unspecified}) {
            if (!r || !r->code) continue;
            const SeriesView pts = obs.series_view(kc, *r->code);
            if (pts.empty()) continue;
            out = Matched{keys.k[i], kc, r->name, *r->code, pts};
            return true;
        }
    }
    return false;
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
    Scratch& s;
    const KeyCodes& key_codes;                         // of candidate_keys(target, indicator)
    const std::vector<RegionCode>& benchmark_regions;  // of policy.benchmark_regions, in order
};

// The unit values are compared in. Level targets: the target's unit, else the
// indicator's, else the series' first known unit. Other kinds (prefer_indicator):
// the target's unit describes the change or rate (10 %, 0.5 percentage points),
// not the level, so the indicator's unit comes first, then the series', and the
// target's only when it is a unit of the level itself (增加500张). None: nullptr;
// else the plan's or the store's unit, not a copy (copying its strings per
// target showed in the profile).
const Unit* comparison_unit(const Context& c, const SeriesView& pts, bool prefer_indicator) {
    if (!prefer_indicator && !c.target.unit.is_none()) return &c.target.unit;
    // Plans saved before the extractor fix give the indicator of "提高2个百分点" the unit
    // percentage_point: the points belong to the change, the level is in the series' unit.
    if (c.indicator && !c.indicator->unit.is_none() && c.indicator->unit.dimension() != Dimension::ratio_difference)
        return &c.indicator->unit;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const auto& u = c.obs.unit(c.obs.unit_code(pts.row(i)));
        if (u) return &*u;
    }
    if (prefer_indicator && !c.target.unit.is_none() && c.target.unit.dimension() != Dimension::ratio_difference &&
        !(c.target.unit.dimension() == Dimension::ratio && c.target.kind != TargetKind::benchmark &&
          c.target.kind != TargetKind::trend))
        return &c.target.unit;
    return nullptr;
}

// Points up to as_of, in `unit`, missing-flagged rows dropped (listed in
// `missing_years`). Unknown or incompatible units are reported.
// The loop is compiled once for each combination of the store's optional
// vintage and flags columns: tested per point, they were a third of the
// loop's instructions (callgrind), and most stores have neither.
template <bool Published, bool Flags>
void convert_points_of(const Context& c, const SeriesView& pts, const Unit* unit, std::vector<int>* missing_years,
                       std::vector<Pt>& out) {
    // Read from the store's columns directly (SeriesView::columns), written
    // into `out` sized once: per point a handful of loads and compares.
    const std::size_t n = pts.size();
    const auto col = pts.columns();
    const std::int64_t as_of = c.as_of;
    const auto published = [&](std::size_t i) -> std::int64_t {
        if constexpr (Published)
            return col.published[col.rows[i]];
        else
            return 0;
    };
    out.resize(n);
    Pt* o = out.data();
    std::int64_t same_unit = -1;
    const bool check_units = unit && !unit->is_none();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t row = col.rows[i];
        const std::int64_t year = col.year[row];
        if (year > as_of || published(i) > as_of) continue;  // not known yet as of then
        // Vintages of one year come oldest first: keep the latest known by as_of.
        if (i + 1 < n && col.year[col.rows[i + 1]] == year && published(i + 1) <= as_of) continue;
        if constexpr (Flags) {
            if (col.flags[row] & flag_missing) {
                if (missing_years) missing_years->push_back(static_cast<int>(year));
                continue;
            }
        }
        double v = col.value[row];
        // A series keeps one unit, as a rule: once a unit code is found to be the
        // comparison unit, its rows need no comparison of unit symbols.
        const std::int64_t unit_code = col.unit ? col.unit[row] : 0;
        if (check_units && unit_code != same_unit) {
            const auto& u = c.obs.unit(unit_code);
            if (!u) {
                throw Insufficient{"observation unit unknown (" + c.obs.row_name(row) + "), the target is in " +
                                   unit->symbol()};
            }
            if (!(*u == *unit)) {
                if (!u->compatible_with(*unit)) {
                    const std::string msg = "observation in '" + u->symbol() + "' cannot be compared with target " +
                                            c.target.id + " in '" + unit->symbol() + "'";
                    if (c.policy.on_unit_mismatch == UnitMismatch::error)
                        throw UnitError("unit.incompatible", msg, c.obs.row_name(row));
                    throw Insufficient{msg + " (" + c.obs.row_name(row) + ")"};
                }
                v = convert(v, *u, *unit);
            } else {
                same_unit = unit_code;
            }
        }
        *o++ = {static_cast<double>(year), v};
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
}

void convert_points(const Context& c, const SeriesView& pts, const Unit* unit, std::vector<int>* missing_years,
                    std::vector<Pt>& out) {
    const auto col = pts.columns();
    if (col.published)
        col.flags ? convert_points_of<true, true>(c, pts, unit, missing_years, out)
                  : convert_points_of<true, false>(c, pts, unit, missing_years, out);
    else
        col.flags ? convert_points_of<false, true>(c, pts, unit, missing_years, out)
                  : convert_points_of<false, false>(c, pts, unit, missing_years, out);
}

// Natural bounds of a quantity in `unit`.
void bounds_for(const Unit* unit, double& lo, double& hi) {
    lo = -inf;
    hi = inf;
    if (!unit) return;
    switch (unit->dimension()) {
        case Dimension::ratio:
            lo = 0;
            hi = convert(100.0, percent(), *unit);
            break;
        case Dimension::count:
        case Dimension::duration:
            lo = 0;
            break;
        default:
            break;
    }
}

// `all` from `from_year` on (and within the policy window), into `pts`. `all`
// is in ascending years (convert_points keeps one point a year, in the store's
// year order), so what the two cuts drop is a prefix: one copy of the rest
// (a copy of all, then two erasing passes, before).
void window(const std::vector<Pt>& all, std::optional<int> from_year, const EvaluationPolicy& p, std::vector<Pt>& pts) {
    auto first = all.begin();
    if (from_year)
        while (first != all.end() && first->t < *from_year) ++first;
    if (p.window_years > 0 && first != all.end()) {
        const double last = all.back().t;
        while (first->t < last - p.window_years) ++first;  // stops at the last point at the latest
    }
    pts.assign(first, all.end());
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
    t.resize(pts.size());  // sized once, then written (no capacity check per point)
    y.resize(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        t[i] = pts[i].t;
        y[i] = pts[i].y;
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

// The points a level, rate or trend target is judged on (Scratch::pts): the
// matched series up to as_of in `unit` (Scratch::all; missing-flagged years
// listed in `missing` when given), from the base year `from` on and within the
// policy's window, with the plan's stated baseline added when no observation
// has its year; Insufficient when none is left.
const std::vector<Pt>& judged_points(const Context& c, const Matched& m, const Unit* unit, std::optional<int> from,
                                     std::vector<int>* missing = nullptr) {
    convert_points(c, m.points, unit, missing, c.s.all);
    window(c.s.all, from, c.policy, c.s.pts);
    add_stated_baseline(c, c.s.pts);
    require_points(c, c.s.pts, c.s.all, from);
    return c.s.pts;
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
void copy_shared_numbers(const Context& c, const Outcome& o) {
    TargetResult& r = c.r;
    r.verdict = o.verdict;
    c.s.row.category = static_cast<std::uint8_t>(o.category);
    if (c.s.texts) r.category = detail::category_name(o.category);
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
    copy_shared_numbers(c, o);
    const std::string_view reason = detail::reason_text(o.reason);
    const std::string_view category = detail::category_name(o.category);
    if (c.s.texts) r.reason = reason;
    c.s.row.reason = static_cast<std::uint8_t>(o.reason);
    const bool final =
        o.category == detail::Category::met_at_target_year || o.category == detail::Category::missed_at_target_year;
    const bool no_year_rule =
        o.category == detail::Category::maintained || o.category == detail::Category::not_maintained;
    // Assigned from a view: a temporary std::string of a method name longer than
    // 15 bytes ("linear_extrapolation") was an allocation per target.
    r.method.assign(final          ? std::string_view("observed_at_target_year")
                    : o.stale      ? std::string_view("latest_before_target_year")
                    : no_year_rule ? std::string_view("latest_value")
                                   : std::string_view(to_string(method)));

    Text e(c.r.explanation);
    const std::string& u = r.unit;
    if (o.verdict == Verdict::insufficient_data) {
        e << "insufficient data: " << reason;
        if (o.points > 0) e << " (latest " << with_unit(o.latest_value, u) << " in " << num(o.latest_year) << ")";
        e << "; target " << threshold_text;
        e.into(c.r.explanation);
        return;
    }
    if (final) {
        e << spec.year << " value " << with_unit(o.latest_value, u)
          << (o.verdict == Verdict::achieved ? " meets " : " misses ") << threshold_text << ": "
          << to_string(o.verdict);
        e.into(c.r.explanation);
        return;
    }
    if (o.stale) {
        e << "the target year " << spec.year << " has passed without its observation; the latest, "
          << with_unit(o.latest_value, u) << " (" << num(o.latest_year) << ", " << (spec.year - o.latest_year)
          << " year(s) before), " << (o.verdict == Verdict::achieved ? "meets " : "misses ") << threshold_text << ": "
          << to_string(o.verdict) << " (stale: judged on the latest observation, not projected)";
        if (!std::isnan(o.probability)) e << "; P(meet in " << spec.year << ") = " << num(o.probability);
        e.into(c.r.explanation);
        return;
    }
    e << "latest " << with_unit(o.latest_value, u) << " (" << num(o.latest_year) << ") against " << threshold_text;
    if (no_year_rule) {
        e << (o.verdict == Verdict::on_track ? ": holds" : ": does not hold");
        e.into(c.r.explanation);
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
    if (!category.empty() && category != to_string(o.verdict)) e << " (" << category << ")";
    if (o.category == detail::Category::binding_projection_short)
        e << "; binding (约束性) target: the projection itself must meet the threshold";
    e.into(c.r.explanation);
}

// "≥ 22 % by 2030", written into `out` (a buffer the thread reuses).
const std::string& threshold_text(std::string& out, Comparator cmp, double th, const std::string& unit,
                                  std::optional<int> year) {
    Text e(out);  // built in one buffer and assigned once (five string operations before)
    e << cmp_text(cmp) << ' ' << with_unit(th, unit);
    if (year) e << " by " << *year;
    e.into(out);
    return out;
}

detail::LevelSpec make_spec(const Context& c, double th, Comparator cmp, const Unit* unit) {
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

void judge_threshold(const Context& c, const std::vector<Pt>& pts, double th, Comparator cmp, const Unit* unit) {
    auto& t = c.s.x;
    auto& y = c.s.y;
    split(pts, t, y);
    const auto spec = make_spec(c, th, cmp, unit);
    const auto o = detail::judge_level(t.data(), y.data(), static_cast<int>(t.size()), spec, c.policy.method, c.policy);
    apply_level(c, o, spec, c.policy.method, threshold_text(c.s.threshold, cmp, th, c.r.unit, c.target.year));
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
    set_unit(c.r, unit);
    double th = *c.target.value;
    if (unit && !c.target.unit.is_none() && !(c.target.unit == *unit)) th = convert(th, c.target.unit, *unit);
    c.r.threshold = th;
    auto& missing = c.s.missing;
    missing.clear();
    const auto from = c.target.baseline ? c.target.baseline->year : std::nullopt;
    const auto& pts = judged_points(c, m, unit, from, &missing);
    const Comparator cmp = level_comparator(c);
    c.r.comparator = cmp;
    judge_threshold(c, pts, th, cmp, unit);
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
    if (t.unit == percent()) return ChangeMode::relative;
    return ChangeMode::absolute;
}

void eval_change(const Context& c, const Matched& m) {
    const Target& t = c.target;
    if (!t.value) throw Insufficient{"the target states no change value"};
    const int d = sign_of(c, t.comparator);
    if (d == 0) throw Insufficient{"the direction of the change is unknown"};
    const auto unit = comparison_unit(c, m.points, true);
    set_unit(c.r, unit);
    auto& all = c.s.all;
    convert_points(c, m.points, unit, nullptr, all);

    // The reference: the plan's stated value, else the reference year's
    // observation, else the stated baseline.
    std::optional<int> ref_year;
    double ref_value = nan;
    std::string_view ref_from;  // a literal: no string per target
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
        amount = convert(v, percent(), *unit);
    else if (mode == ChangeMode::absolute && unit && !t.unit.is_none() && t.unit.compatible_with(*unit))
        amount = convert(v, t.unit, *unit);
    const double th = detail::change_threshold(ref_value, amount, mode, d);
    c.r.threshold = th;
    const Comparator cmp = detail::change_comparator(t.comparator, d);
    c.r.comparator = cmp;
    auto& pts = c.s.pts;
    window(all, ref_year, c.policy, pts);
    if (ref_year && c.policy.use_stated_baseline && *ref_year <= c.as_of &&
        std::none_of(pts.begin(), pts.end(), [&](const Pt& p) { return p.t == *ref_year; })) {
        pts.insert(pts.begin(), {static_cast<double>(*ref_year), ref_value});
    }
    require_points(c, pts, all, ref_year);
    judge_threshold(c, pts, th, cmp, unit);
    Text e(c.s.text);
    // Pieces written one by one (no temporary strings: each was an allocation per target).
    e << (d > 0 ? "raise by " : "lower by ") << num(v);
    if (mode == ChangeMode::relative)
        e << "%";
    else if (mode == ChangeMode::points)
        e << " percentage points";
    else
        e << " " << t.unit.symbol();
    e << " from " << with_unit(ref_value, c.r.unit) << " (";
    if (ref_year) e << *ref_year << ", ";
    e << ref_from << ") gives " << cmp_text(cmp) << " " << with_unit(th, c.r.unit) << "; " << c.r.explanation;
    e.into(c.r.explanation);
}

// Copies the numbers every kind's outcome shares into the result.
void apply_outcome(const Context& c, const detail::KindOutcome& o) {
    copy_shared_numbers(c, o);
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
    const Unit* unit;
    if (mode == ChangeMode::points)
        unit = (c.indicator && c.indicator->unit.dimension() == Dimension::ratio) ? &c.indicator->unit : &percent();
    else
        unit = comparison_unit(c, m.points, true);
    set_unit(c.r, unit);
    const double v = mode == ChangeMode::points && unit && unit->dimension() == Dimension::ratio
                         ? convert(*t.value, percent(), *unit)
                         : *t.value;
    std::optional<int> from = t.reference && t.reference->year ? t.reference->year
                              : t.baseline                     ? t.baseline->year
                                                               : std::nullopt;
    const auto& pts = judged_points(c, m, unit, from);

    detail::RateSpec spec;
    spec.v = v;
    spec.d = d;
    spec.relative = mode == ChangeMode::relative;
    spec.has_year = t.year.has_value();
    spec.year = t.year.value_or(0);
    spec.as_of = c.as_of;
    bounds_for(unit, spec.lower, spec.upper);
    auto& x = c.s.x;
    auto& y = c.s.y;
    split(pts, x, y);
    auto& missed_steps = c.s.missed_steps;
    missed_steps.clear();
    const auto o = detail::judge_rate(x.data(), y.data(), static_cast<int>(x.size()), spec, c.policy, &missed_steps);
    if (o.verdict == Verdict::insufficient_data) insufficient(c, o, pts);
    apply_outcome(c, o);
    c.r.baseline_year = static_cast<int>(o.base_year);
    c.r.baseline_value = o.base_value;
    c.r.method = c.policy.rate_every_year ? "rate_every_year" : "rate_cumulative";

    const Comparator cmp = d > 0 ? Comparator::ge : Comparator::le;
    Text e(c.r.explanation);
    const char* per = mode == ChangeMode::relative ? "% a year"
                      : mode == ChangeMode::points ? " percentage points a year"
                                                   : " a year";
    e << "needs " << (d > 0 ? "+" : "-") << num(v) << per << " from " << num(o.base_year) << "; observed "
      << signed_num(o.observed_pace) << per << " on average to " << num(o.latest_year) << " ("
      << with_unit(o.base_value, c.r.unit) << " → " << with_unit(o.latest_value, c.r.unit) << ", required "
      << cmp_text(cmp) << " " << with_unit(o.required_level, c.r.unit) << "); the rate was met in " << o.met_steps
      << " of " << o.steps << " year-on-year steps";
    if (!missed_steps.empty()) {
        // "2020 (-0.4), 2022 (+0.1)": the steps that missed the rate, written where they are
        // said (built aside first, each piece was a string append).
        e << " (not in ";
        for (std::size_t k = 0; k < missed_steps.size(); ++k) {
            const int i = missed_steps[k];
            const double gap = x[i] - x[i - 1];
            const double change =
                spec.relative ? (std::pow(y[i] / y[i - 1], 1.0 / gap) - 1.0) * 100.0 : (y[i] - y[i - 1]) / gap;
            if (k) e << ", ";
            e << num(x[i]) << " (" << signed_num(change) << ')';
        }
        e << ")";
    }
    if (c.r.stale) e << stale_note(c);
    e << " → " << to_string(c.r.verdict);
    e.into(c.r.explanation);
}

bool contains(const std::string& hay, std::string_view needle) { return hay.find(needle) != std::string::npos; }

void eval_trend(const Context& c, const Matched& m) {
    const Target& t = c.target;
    // The texts searched are joined in a buffer the thread reuses (no string per target).
    std::string& text = c.s.words;
    text.assign(t.unit_text).append(1, ' ').append(t.note).append(1, ' ').append(t.indicator);
    if (t.span) text.append(1, ' ').append(t.span->evidence);
    const bool slowing = contains(text, "减缓") || contains(text, "放缓");
    text.assign(t.indicator).append(c.indicator ? std::string_view(c.indicator->name) : std::string_view());
    const bool is_growth_rate = contains(text, "增长率") || contains(text, "增速") || contains(text, "增幅");
    int d = slowing ? -1 : sign_of(c, t.comparator);
    if (d == 0) throw Insufficient{"the wanted direction is unknown (neither 上升 nor 下降 stated)"};
    const auto unit = comparison_unit(c, m.points, true);
    set_unit(c.r, unit);
    const auto from = t.baseline ? t.baseline->year : std::nullopt;
    const auto& pts = judged_points(c, m, unit, from);

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
    auto& x = c.s.x;
    auto& y = c.s.y;
    auto& xs = c.s.xs;
    auto& ys = c.s.ys;
    split(pts, x, y);
    const auto o = detail::judge_trend(x.data(), y.data(), static_cast<int>(x.size()), spec, c.policy, xs, ys);
    if (o.verdict == Verdict::insufficient_data) insufficient(c, o, pts);
    apply_outcome(c, o);
    c.r.baseline_year = static_cast<int>(o.base_year);
    c.r.baseline_value = o.base_value;
    const bool statcan = !std::isnan(o.statcan_high);
    if (statcan) {
        c.r.method.assign("statcan");
    } else {  // no temporary string (an allocation per target)
        c.r.method.assign("trend:");
        c.r.method.append(to_string(c.policy.trend));
    }

    Text e(c.r.explanation);
    if (statcan) {
        e << "StatCan growth rate " << num(o.progress) << " a year against cut-offs " << num(o.statcan_high) << " / "
          << num(o.statcan_med) << " / " << num(o.statcan_low);
        if (!std::isnan(o.statcan_limit))
            e << " (scaled by " << num(o.statcan_coefficient) << " near the limit " << num(o.statcan_limit) << ")";
        e << ": " << std::string_view(detail::category_name(o.category)) << ", score " << num(o.score) << " of −5…5 → ";
    }
    e << (spec.slowing_of_level ? "the growth per year" : "the values") << " should keep "
      << (d > 0 ? "rising" : "falling") << (slowing ? " (持续减缓: slowing growth)" : "") << "; " << num(xs.front())
      << "–" << num(xs.back()) << ": net " << signed_num(o.net) << ", " << o.reversals << " step(s) against, Theil–Sen "
      << signed_num(o.observed_pace) << " a year, Mann–Kendall p = " << num(o.mk_p)
      << ". Definitions: strictly_monotone " << (o.strict_ok ? "yes" : "no") << ", net_with_" << c.policy.k_reversals
      << "_reversals " << (o.k_ok ? "yes" : "no") << ", theil_sen_mann_kendall (alpha "
      << num(c.policy.mann_kendall_alpha) << ") " << (o.ts_ok ? "yes" : "no") << " → " << to_string(c.r.verdict)
      << " by " << (statcan ? std::string_view("statcan") : std::string_view(to_string(c.policy.trend)));
    if (o.strict_ok != o.k_ok || o.k_ok != o.ts_ok) e << " (definitions disagree)";
    if (c.r.stale) e << stale_note(c);
    e.into(c.r.explanation);
}

// The region of the benchmark label (policy.benchmark_regions, "{province}" read
// as the plan's province); none when no label matches.
const RegionCode* benchmark_region(const Context& c) {
    const std::string& label = c.target.benchmark;
    const auto& table = c.policy.benchmark_regions;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const std::string& l = table[i].first;
        if (label == l || (!label.empty() && contains(label, l))) return &c.benchmark_regions[i];
    }
    return nullptr;
}

void eval_benchmark(const Context& c, const Matched& m, const Keys& keys) {
    const Target& t = c.target;
    const RegionCode* bregion = benchmark_region(c);
    if (!bregion || bregion->name.empty())
        throw Insufficient{"no benchmark region for '" + t.benchmark + "' (see EvaluationPolicy::benchmark_regions)"};
    const std::string& region = bregion->name;
    Matched& bm = c.s.bench;
    if (!match_series(c.obs, keys, c.key_codes, *bregion, nullptr, bm))
        throw Insufficient{"no observations of the benchmark region '" + region + "'"};
    int d = sign_of(c, t.comparator);
    if (d == 0) d = 1;
    const bool strict = t.comparator == Comparator::gt || t.comparator == Comparator::lt;
    const auto unit = comparison_unit(c, m.points, true);
    set_unit(c.r, unit);
    auto& own = c.s.all;
    auto& ref = c.s.ref;
    convert_points(c, m.points, unit, nullptr, own);
    convert_points(c, bm.points, unit, nullptr, ref);
    detail::BenchmarkSpec spec;
    spec.d = d;
    spec.strict = strict;
    spec.has_year = t.year.has_value();
    spec.year = t.year.value_or(0);
    spec.lag = c.policy.benchmark_lag;
    spec.as_of = c.as_of;
    auto &ot = c.s.x, &oy = c.s.y, &rt = c.s.rx, &ry = c.s.ry;
    split(own, ot, oy);
    split(ref, rt, ry);
    const auto o =
        detail::judge_benchmark(ot.data(), oy.data(), static_cast<int>(ot.size()), rt.data(), ry.data(),
                                static_cast<int>(rt.size()), spec, c.policy, c.s.xs, c.s.gap, c.s.ownv, c.s.refv);
    c.r.comparator = d > 0 ? (strict ? Comparator::gt : Comparator::ge) : (strict ? Comparator::lt : Comparator::le);
    c.r.method = "benchmark_gap";
    if (o.verdict == Verdict::insufficient_data) insufficient(c, o, own);
    apply_outcome(c, o);
    c.r.reference_year = static_cast<int>(o.reference_year);
    c.r.reference_value = o.reference_value;
    Text e(c.r.explanation);
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
    e.into(c.r.explanation);
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
    auto& pts = c.s.all;
    convert_points(c, m.points, nullptr, nullptr, pts);
    auto& x = c.s.x;
    auto& y = c.s.y;
    split(pts, x, y);
    const auto T = c.target.year;
    const auto o = detail::judge_milestone(x.data(), y.data(), static_cast<int>(x.size()), T.has_value(), T.value_or(0),
                                           c.as_of, c.policy);
    if (o.verdict == Verdict::insufficient_data) insufficient(c, o, pts);
    apply_outcome(c, o);
    Text e(c.r.explanation);
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
    e.into(c.r.explanation);
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

void lead_names(const Task* task, TargetResult& r) {
    r.lead.clear();
    r.task_id.clear();
    if (!task) return;
    r.task_id = task->id;
    for (const auto& a : task->lead) r.lead.push_back(a.name.empty() ? a.as_written : a.name);
}

// Every judged field back to its value before judging, keeping the strings'
// storage (a result reused from the previous target).
void reset_judged(TargetResult& r) {
    r.indicator_key.clear();
    r.region.clear();
    r.category.clear();
    r.reason.clear();
    r.method.clear();
    r.unit.clear();
    r.explanation.clear();
    r.verdict = Verdict::insufficient_data;
    r.baseline_year.reset();
    r.latest_year.reset();
    r.reference_year.reset();
    r.points = 0;
    r.stale = false;
    r.threshold = r.baseline_value = r.latest_value = r.reference_value = nan;
    r.projected_value = r.required_pace = r.observed_pace = r.years_to_target = r.probability = r.progress = nan;
    r.score = nan;
}

}  // namespace

namespace detail {

struct JudgeScratch : Scratch {};

void JudgeScratchDeleter::operator()(JudgeScratch* s) const noexcept { delete s; }

const JudgedRow& judged_row(const JudgeScratch& s) noexcept { return s.row; }

// Lookups of a whole plan built once, so judging n targets is linear in n
// (Plan::find_* scan; per target they made evaluate() quadratic in plan size).
struct PlanJudge::Data {
    struct IndicatorId {
        const Plan* plan;
        std::string_view operator()(std::size_t i) const { return plan->indicators[i].id; }
    };
    struct TaskId {
        const Plan* plan;
        std::string_view operator()(std::size_t i) const { return plan->tasks[i].id; }
    };
    struct ListedId {
        const std::vector<std::pair<std::string_view, const Task*>>* listed;
        std::string_view operator()(std::size_t i) const { return (*listed)[i].first; }
    };

    const Observations& obs;
    const EvaluationPolicy& policy;
    int as_of;
    Regions regions;
    std::vector<RegionCode> benchmark_regions;                     // policy.benchmark_regions' regions, in order
    TextIndex<IndicatorId> indicators;                             // id → position in plan.indicators
    TextIndex<TaskId> tasks;                                       // id → position in plan.tasks
    std::vector<std::pair<std::string_view, const Task*>> listed;  // (target id, task listing it)
    TextIndex<ListedId> task_of_target;
    std::vector<KeyMemo> memo;  // by indicator position in the plan

    Data(const Plan& plan, const Observations& o, const EvaluationPolicy& p, int year)
        : obs(o),
          policy(p),
          as_of(year),
          regions(o, plan, p),
          indicators(plan.indicators.size(), IndicatorId{&plan}),
          tasks(plan.tasks.size(), TaskId{&plan}),
          listed(listed_targets(plan)),
          task_of_target(listed.size(), ListedId{&listed}) {
        for (const auto& [label, region] : p.benchmark_regions)
            benchmark_regions.emplace_back(o, region == "{province}" ? plan.region.province : region);
        memo = indicator_key_codes(plan, o);
    }

    // Every indicator's KeyMemo, its keys looked up in one batch.
    // In chunks of indicators, so that the batch's buffers stay small and
    // cached whatever the plan's size.
    static std::vector<KeyMemo> indicator_key_codes(const Plan& plan, const Observations& obs) {
        constexpr std::size_t chunk = 256;
        // Keys kept per mask (bits 0-2): std::popcount is a call into libgcc on
        // the baseline x86-64 the library is built for (no POPCNT), per indicator.
        static constexpr std::size_t kept_count[8] = {0, 1, 1, 2, 1, 2, 2, 3};
        const std::size_t n = plan.indicators.size();
        std::vector<KeyMemo> memo(n);
        std::vector<std::string_view> keys;
        std::vector<std::int64_t> codes;
        for (std::size_t first = 0; first < n; first += chunk) {
            const std::size_t last = std::min(n, first + chunk);
            keys.clear();
            for (std::size_t i = first; i < last; ++i) {
                const Keys own = indicator_keys(plan.indicators[i], memo[i].kept);
                keys.insert(keys.end(), own.begin(), own.end());
            }
            codes.resize(keys.size());
            obs.key_codes(keys, codes);
            std::size_t k = 0;  // the keys come in the memo's order: indicator, then kept key
            for (std::size_t i = first; i < last; ++i)
                for (std::size_t j = 0; j < kept_count[memo[i].kept & 7u]; ++j)
                    memo[i].code[j] = static_cast<std::int32_t>(codes[k++]);
        }
        return memo;
    }

    static std::vector<std::pair<std::string_view, const Task*>> listed_targets(const Plan& plan) {
        std::vector<std::pair<std::string_view, const Task*>> out;
        for (const auto& k : plan.tasks)
            for (const auto& id : k.target_ids) out.emplace_back(id, &k);
        return out;
    }

    // `hint`: where the key is tried first; moved past the key when found.
    std::int64_t key_code(std::string_view key, std::size_t& hint) const {
        const auto code = obs.key_code(key, hint);
        if (!code) return -1;
        hint = static_cast<std::size_t>(*code) + 1;
        return *code;
    }
};

PlanJudge::PlanJudge(const Plan& plan, const Observations& obs, const EvaluationPolicy& policy, int as_of)
    : plan_(plan), data_(std::make_unique<Data>(plan, obs, policy, as_of)) {}

PlanJudge::~PlanJudge() = default;

JudgeScratchPtr PlanJudge::scratch() const { return JudgeScratchPtr(new JudgeScratch); }

const Task* PlanJudge::task(const Target& t) const {
    std::size_t no_hint = SIZE_MAX;
    return task_near(t, no_hint);
}

const Task* PlanJudge::task(const Target& t, JudgeScratch& s) const { return task_near(t, s.last_task); }

const Task* PlanJudge::task_near(const Target& t, std::size_t& last) const {
    if (!t.task_id.empty()) {
        // Targets of one task come together, or tasks in turn: the last task, then the next.
        const auto pos = data_->tasks.find_near(t.task_id, last, last == SIZE_MAX ? 0 : last + 1);
        if (pos) {
            last = *pos;
            return &plan_.tasks[*pos];
        }
    }
    const auto pos = data_->task_of_target.find(t.id);
    return pos ? data_->listed[*pos].second : nullptr;
}

}  // namespace detail

namespace {

// The store codes of the candidate keys; those of the indicator's own keys
// from the memo.
template <class CodeOf>  // std::int64_t CodeOf(std::string_view key): -1 when absent
KeyCodes key_codes(const Keys& keys, const KeyMemo* memo, const CodeOf& code_of) {
    KeyCodes codes;
    std::size_t i = 0;
    if (memo)
        for (; i < keys.from_indicator; ++i) codes.code[i] = memo->code[i];
    for (; i < keys.n; ++i) codes.code[i] = code_of(keys.k[i]);
    return codes;
}

}  // namespace

namespace detail {

void PlanJudge::judge(const Target& target, const Task* task, TargetResult& r, JudgeScratch& s, Fill fill,
                      std::string_view lead) const {
    const Data& d = *data_;
    const Observations& obs = d.obs;
    const EvaluationPolicy& policy = d.policy;
    const auto found = d.indicators.find_near(target.indicator_id, s.next_indicator);
    if (found) s.next_indicator = *found + 1;
    const Indicator* ind = found ? &plan_.indicators[*found] : nullptr;
    reset_judged(r);
    s.row = {};
    s.texts = fill == Fill::all;
    std::string joined_lead;
    if (fill == Fill::all) {
        r.method_version = evaluation_version;
        r.plan_id = plan_.id;
        r.target_id = target.id;
        r.indicator = target.indicator;
        r.section = target.section;
        lead_names(task, r);
        joined_lead = join(r.lead, "、");
        lead = joined_lead;
    }
    r.year = target.year;
    r.kind = target.kind;
    r.comparator = target.comparator;
    r.as_of = d.as_of;
    r.nature = target.nature != Nature::unspecified ? target.nature : ind ? ind->nature : Nature::unspecified;
    if (target.baseline) {
        r.baseline_year = target.baseline->year;
        r.baseline_value = target.baseline->value;
    }
    if (target.value && target.kind == TargetKind::level) r.threshold = *target.value;
    r.unit = target.unit.symbol();

    auto lead_suffix = [&] {
        if (!lead.empty()) {
            r.explanation += std::string_view(". Lead: ");  // a view: no strlen
            r.explanation += lead;
        }
    };
    if (r.nature == Nature::advocacy && policy.advocacy_never_scored) {
        r.verdict = Verdict::not_evaluable;
        r.reason = "advocacy (倡导性) targets are shown, never scored";
        s.row.reason = JudgedRow::other_reason;
        r.method = "none";
        r.explanation = "not evaluable: " + r.reason;
        return;
    }
    const auto keys = candidate_keys(target, ind, ind ? d.memo[*found].kept : 0);
    const auto codes =
        key_codes(keys, ind ? &d.memo[*found] : nullptr, [&](std::string_view k) { return d.key_code(k, s.next_key); });
    Context c{plan_, target, ind, obs, policy, d.as_of, r, s, codes, d.benchmark_regions};
    const std::string& region = d.regions.own.name;
    try {
        Matched& m = s.own;
        if (!match_series(obs, keys, codes, d.regions.own, &d.regions.unspecified, m)) {
            throw Insufficient{"no observations for '" + join(keys, "' / '") + "'" +
                               (region.empty() ? std::string() : " in " + region)};
        }
        s.row.indicator_key = m.key;
        s.row.region = m.region;
        if (fill == Fill::all) {
            r.indicator_key = m.key;
            r.region = m.region;
        }
        switch (target.kind) {
            case TargetKind::level:
                eval_level(c, m);
                break;
            case TargetKind::change:
                eval_change(c, m);
                break;
            case TargetKind::rate:
                eval_rate(c, m);
                break;
            case TargetKind::trend:
                eval_trend(c, m);
                break;
            case TargetKind::benchmark:
                eval_benchmark(c, m, keys);
                break;
            case TargetKind::milestone:
                eval_milestone(c, m);
                break;
        }
        // A regional series is used whole; rows without a region for the same key are
        // not mixed in (two sources, possibly two definitions) — said, not silent.
        if (!m.region.empty() && d.regions.unspecified.code) {
            const auto unspecified = obs.series_view(m.key_code, *d.regions.unspecified.code);
            if (!unspecified.empty())
                r.explanation += "; " + std::to_string(unspecified.size()) + " row(s) of '" + std::string(m.key) +
                                 "' without a region were not used (the " + std::string(m.region) +
                                 " series is used whole)";
        }
    } catch (const Insufficient& why) {
        r.verdict = Verdict::insufficient_data;
        r.reason = why.reason;
        r.category.clear();
        s.row.category = 0;
        s.row.reason = JudgedRow::other_reason;
        r.explanation = "insufficient data: " + why.reason;
    }
    if (r.method.empty()) r.method = "none";  // nothing was judged (no series matched)
    label_own_rules(r);
    // A value the extractor could not read with certainty is judged, but never silently.
    if (target.certainty == Certainty::uncertain)
        r.explanation = "[target uncertain: " + (target.note.empty() ? std::string("see the plan text") : target.note) +
                        "] " + r.explanation;
    lead_suffix();
}

std::size_t slice_count(std::size_t n, int threads) noexcept {
    return std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1, n / 256 + 1);
}

void run_slices(std::size_t n, std::size_t slices,
                const std::function<void(std::size_t slice, std::size_t begin, std::size_t end)>& fn) {
    if (slices <= 1) {
        fn(0, 0, n);
        return;
    }
    std::vector<std::exception_ptr> errors(slices);
    std::vector<std::thread> workers;
    workers.reserve(slices - 1);
    auto run = [&](std::size_t s) {
        try {
            fn(s, n * s / slices, n * (s + 1) / slices);
        } catch (...) {
            errors[s] = std::current_exception();
        }
    };
    for (std::size_t s = 1; s < slices; ++s) workers.emplace_back(run, s);
    run(0);
    for (auto& w : workers) w.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace detail

TargetResult evaluate_target(const Plan& plan, const Target& target, const Observations& obs,
                             const EvaluationPolicy& policy, int as_of) {
    const detail::PlanJudge judge(plan, obs, policy, as_of);
    TargetResult r;
    judge.judge(target, judge.task(target), r, *judge.scratch(), detail::PlanJudge::Fill::all);
    return r;
}

std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy,
                                   int as_of) {
    return evaluate(plan, observations, policy, as_of, 1);
}

std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy,
                                   int as_of, int threads) {
    policy.validate();
    const std::size_t n = plan.targets.size();
    std::vector<TargetResult> out(n);
    const detail::PlanJudge judge(plan, observations, policy, as_of);
    detail::run_slices(n, detail::slice_count(n, threads), [&](std::size_t, std::size_t begin, std::size_t end) {
        const auto scratch = judge.scratch();
        for (std::size_t i = begin; i < end; ++i) {
            const Target& t = plan.targets[i];
            judge.judge(t, judge.task(t, *scratch), out[i], *scratch, detail::PlanJudge::Fill::all);
        }
    });
    return out;
}

std::vector<TargetResult> evaluate(const Plan& plan, const Observations& observations, const EvaluationPolicy& policy) {
    return evaluate(plan, observations, policy, static_cast<int>(observations.max_year()));
}

HEALTHPLAN_END_NAMESPACE
