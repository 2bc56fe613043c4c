// The sentence grammar of targets as named rules: the clause rules and their
// table (the statement rules are in rules_statement.cpp).
//
// A clause is read by trying the rules of `clause_rules` in order; the first
// that reads the clause ends it. One of them, the statement scan, walks the
// clause and tries the `statement_rules` at every position where a statement
// word starts (a verb, 全覆盖, 至少 …); a reference phrase met on the way
// (比2020年, 在现有基础上) is remembered for a change verb further on. What no
// rule reads is left to the next clause as its indicator (the carry).
//
// Every rule has a name, a doc example and a negative example; both are
// lines of tests/cpp/extract/examples/*.tsv with their exact targets (or `-`),
// and test_extract_examples.cpp checks that each rule's pair is there. The words
// the rules look for are data in grammar.hpp.
#include <algorithm>
#include <optional>

#include "extract/lexicon_bits.hpp"
#include "extract/prefilter.hpp"
#include "extract/rule.hpp"

namespace healthplan::v0::detail::extract::rules {

// Emits a statement and renames its targets (rules that compose the name).
void emit_named(Clause& cl, Emit& em, const std::string& name) {
    const std::size_t before = cl.st.out.size();
    emit(cl.st, cl.frame, em);
    for (std::size_t k = before; k < cl.st.out.size(); ++k) cl.st.out[k].indicator = strip_noise(name);
}

// "应急处置能力达到省内领先水平": a capability's level is an aim.
bool aim_like(std::string_view name) {
    for (auto h : aim_heads)
        if (ends_at(name, name.size(), h)) return true;
    return false;
}

// "下降不少于0.5个百分点" on a line of its own: a verb alone is never a name.
bool verb_only(std::string_view name) {
    if (const Verb* v = verb_at(name, 0); v && v->text.size() == name.size()) return true;
    const TrendVerb* tv = trend_verb_at(name, 0);
    return tv && tv->text.size() == name.size();
}

namespace {

const Starts& trend_starts() {
    static const Starts st = [] {
        Starts x;
        for (const auto& v : trend_verbs) x.add(v.text);
        return x;
    }();
    return st;
}

// ---------------------------------------------------------------------------
// Shares: "60%以上的旗县区达到国家卫生县城标准".

// Shares of units that do something, the name composed as "<what they do>的
// <units>比例":
//   "60%以上的旗县区达到…标准", "100％的乡镇卫生院能够提供中医药服务";
//   served: "为70%以上符合条件的成瘾者提供…服务";
//   distributive: "40%的县城、25%的乡镇达到卫生标准" (a share per unit),
//   "城区50%、农村20%的学校开设…" (places sharing the unit noun).
Outcome share(Clause& cl) {
    ScanState& st = cl.st;
    const Range c{cl.p, cl.c.e};
    std::string_view s = st.s.substr(0, c.e);
    struct Share {
        ValueText v;
        std::string units;
    };
    std::vector<Share> shares;
    std::size_t verb = 0;
    auto percent_at_pos = [&](std::size_t i) {
        auto v = value_at(s, i, c.e);
        return v && v->unit == Unit::percent() ? v : std::nullopt;
    };
    // "为70%以上符合条件的成瘾者提供…服务": the share of the units served.
    const std::size_t lead = word_at(s, c.b, share_lead_words);
    const std::size_t first = lead && percent_at_pos(c.b + lead) ? c.b + lead : c.b;
    if (percent_at_pos(first)) {
        // "40%的县城、25%的乡镇达到…"
        for (std::size_t pos = first; pos < c.e && !verb;) {
            auto v = percent_at_pos(pos);
            if (!v) return Outcome::pass;
            pos = v->end;
            if (at(s, pos, "的")) pos += 3;
            const std::size_t nb = pos;
            for (; pos < c.e; pos = next_cp(s, pos)) {
                if (at(s, pos, "、") && percent_at_pos(pos + 3)) break;
                if (word_at(s, pos, share_verbs)) break;
            }
            if (pos >= c.e) return Outcome::pass;
            // "70%以上的乡镇(街道)都要建立…": the adverbs before the verb are not the units'.
            std::size_t ne = pos;
            for (bool again = true; again;) {
                again = false;
                for (std::string_view w : share_adverbs)
                    if (ends_with_any(s, nb, ne, w) && ne - w.size() > nb) ne -= w.size(), again = true;
            }
            shares.push_back({*v, std::string(s.substr(nb, ne - nb))});
            if (at(s, pos, "、"))
                pos += 3;
            else
                verb = pos;
        }
    } else {
        // "城区50%、农村20%的学校开设…", "全区城市 30%中小学、农村 10%中小学开设…":
        // short place words, each with its share and perhaps its own noun
        // (else the last item's noun is every item's).
        std::size_t pos = skip_bullets(s, c.b, c.e);
        if (const std::size_t n = subject_lead_starts().may_start(s, pos) ? word_at(s, pos, subject_lead_words) : 0;
            n && !is_digit_at(s, pos + n))
            pos += n;
        struct Place {
            std::string place;
            ValueText v;
            std::string noun;
        };
        std::vector<Place> places;
        auto place_at = [&](std::size_t at_, std::size_t* value_b) {
            int chars = 0;
            std::size_t k = at_;
            while (k < c.e && chars <= 4 && !is_digit_at(s, k) && !is_space_cp(cp_at(s, k))) k = next_cp(s, k), ++chars;
            const std::size_t pe = k;
            k = skip_ws(s, k, c.e);
            if (chars == 0 || chars > 4 || !percent_at_pos(k)) return std::string_view{};
            *value_b = k;
            return s.substr(at_, pe - at_);
        };
        for (int guard = 0; guard < 6 && !verb; ++guard) {
            std::size_t vb = 0;
            const std::string_view place = place_at(pos, &vb);
            if (place.empty()) return Outcome::pass;
            const ValueText v = *percent_at_pos(vb);
            pos = v.end;
            if (at(s, pos, "的")) pos += 3;
            const std::size_t nb = pos;
            std::size_t next_vb = 0;
            for (; pos < c.e; pos = next_cp(s, pos)) {
                if (at(s, pos, "、") && !place_at(pos + 3, &next_vb).empty()) break;
                if (word_at(s, pos, share_verbs)) break;
            }
            if (pos >= c.e || pos - nb > cl.limits().share_noun_bytes) return Outcome::pass;
            std::size_t ne = pos;
            std::size_t nb2 = nb;
            trim(s, nb2, ne);
            places.push_back({std::string(place), v, std::string(s.substr(nb2, ne - nb2))});
            if (at(s, pos, "、"))
                pos += 3;
            else
                verb = pos;
        }
        if (places.size() < 2 || !verb || places.back().noun.empty()) return Outcome::pass;
        for (auto& pl : places) shares.push_back({pl.v, pl.place + (pl.noun.empty() ? places.back().noun : pl.noun)});
    }
    if (shares.empty() || !verb) return Outcome::pass;
    const std::string what(s.substr(verb, c.e - verb));
    for (const auto& sh : shares) {
        // The units may be unnamed ("到2025年，40%以上达到自治区推荐标准": of the units named before).
        if (sh.units.size() > cl.limits().name_bytes) return Outcome::pass;
        Emit em;
        em.subject = {verb, c.e};  // renamed below
        em.evidence = {c.b, c.e};
        em.op = sh.v.suffix ? *sh.v.suffix : Comparator::eq;
        em.values = {sh.v};
        em.values[0].suffix = em.op;
        emit_named(cl, em, what + "的" + sh.units + "比例");
    }
    return Outcome::done;
}

// ---------------------------------------------------------------------------
// Clause rules after the statement scan.

// Benchmarks with 优于 (not a level verb): "优于国家、自治区平均水平".
Outcome better_than(Clause& cl) {
    std::string_view s = cl.s;
    const std::size_t e = cl.c.e;
    // Only the first 优于/好于 of the clause is tried. Found by a byte search
    // (memchr-driven) instead of a test at every character: a UTF-8 word found
    // from a character boundary starts on one.
    std::size_t q = std::string_view::npos, w = 0;
    if (clause_hits(cl)) {
        // With the paragraph's hits: the first where a better_than word starts
        // (the byte search below finds that one), the first word of the table there.
        HitWalk words(cl, word::better_than, cl.p, e);
        if (const std::size_t f = words.first(); f < e)
            for (std::string_view word : better_than_words)
                if (at(s, f, word)) {
                    q = f, w = word.size();
                    break;
                }
    } else {
        // Bounded by the clause (a word may run past its end, as a test at a position did).
        for (std::string_view word : better_than_words)
            if (const std::size_t f = s.substr(0, std::min(s.size(), e + word.size() - 1)).find(word, cl.p); f < q)
                q = f, w = word.size();
    }
    if (q < e) {
        std::size_t r = q + w;
        std::size_t bend = r;
        // "优于国家、自治区平均水平": several places, one phrase.
        std::size_t probe = r;
        for (int guard = 0; guard < 4 && bend == r; ++guard) {
            bend = benchmark_phrase_at(s, probe, e);
            if (bend != probe) break;
            bend = r;
            std::size_t comma = s.substr(0, std::min(e, probe + cl.limits().benchmark_list_bytes)).find("、", probe);
            if (comma == std::string_view::npos || comma >= e) break;
            probe = comma + 3;
            std::size_t b2 = benchmark_phrase_at(s, probe, e);
            if (b2 != probe) {
                bend = b2;
                break;
            }
        }
        if (bend == r) return Outcome::pass;
        Range subj = clean_subject(s, {cl.p, q}, &cl.soft);
        if (subj.empty() || subj.e - subj.b > cl.limits().name_bytes) return Outcome::pass;
        if (aim_like(s.substr(subj.b, subj.e - subj.b))) return Outcome::done;  // an aim, not a target
        Emit em;
        em.subject = subj;
        em.evidence = {subj.b, bend};
        em.kind = TargetKind::benchmark;
        em.op = Comparator::gt;
        em.benchmark = strip_noise(s.substr(r, bend - r));
        em.soft = cl.soft;
        emit(cl.st, cl.frame, em);
        return Outcome::done;
    }
    return Outcome::pass;
}

// The text between indicator and verb is only modifiers (at least one).
bool trend_between(std::string_view s, std::size_t b, std::size_t e) {
    std::size_t p = b;
    bool any = false;
    for (int guard = 0; guard < 8 && p < e; ++guard) {
        const std::size_t m = trend_modifier_at(s.substr(0, e), p);
        if (m) {
            p += m;
            any = true;
        } else {
            if (at(s, p, "并") || at(s, p, "进而")) {
                p += at(s, p, "并") ? 3 : 6;
                continue;
            }
            return false;
        }
    }
    return any && p == e;
}

// "--妇女卫生保健知识知晓率提高。", "--剖宫产率降低。": a trend verb with no
// modifier that ends its clause, after a rate or share, in an item of a goal
// list (a bullet before it) or under a year frame.
bool bare_goal_trend(const Clause& cl, std::size_t q, std::size_t verb_end) {
    std::string_view s = cl.s;
    if (skip_ws(s, verb_end, cl.c.e) != cl.c.e) return false;
    std::size_t b = q;  // where the subject starts: back over its characters to a bullet, space or clause start
    while (b > cl.p) {
        const std::size_t p = prev_cp(s, b);
        const char32_t c = cp_at(s, p);
        if (is_bullet(c) || is_space_cp(c)) break;
        b = p;
    }
    const std::string_view name = s.substr(b, q - b);
    if (!(ends_at(name, name.size(), "率") || ends_at(name, name.size(), "比例") || ends_at(name, name.size(), "寿命")))
        return false;
    if (!cl.frame.years.empty() && !cl.frame.past) return true;
    std::size_t k = b;
    while (k > cl.c.b && is_space_cp(cp_at(s, prev_cp(s, k)))) k = prev_cp(s, k);
    return k > cl.c.b && is_bullet(cp_at(s, prev_cp(s, k)));
}

// Whether the verb ending at k has an object: text other than a joined
// second verb ("并持续下降") before the clause ends.
bool object_after(std::string_view s, std::size_t k, std::size_t e) {
    k = skip_ws(s, k, e);
    if (k >= e || at(s, k, "并") || at(s, k, "且")) return false;
    const char32_t c = cp_at(s, k);
    return c >= 0x4E00 && c <= 0x9FFF;
}

// Units named before their share: "村(社区)80%要设立心理健康咨询室" is the share of
// 村(社区) that set one up — "设立心理健康咨询室的村(社区)比例".
Outcome units_share(Clause& cl) {
    std::string_view s = cl.s.substr(0, cl.c.e);
    const Range c{cl.p, cl.c.e};
    // A share starts at a digit: only the clause's digits are visited (HitWalk).
    HitWalk digits(cl, word::digit, c.b, c.e);
    for (std::size_t q = digits.first(); q < c.e; q = digits.next(q)) {
        if (!is_digit_at(s, q) || (q > c.b && is_digit_at(s, prev_cp(s, q)))) continue;
        auto v = value_at(s, q, c.e);
        if (!v || v->unit != Unit::percent()) continue;
        // The units: back from the share over a few characters to a delimiter.
        std::size_t ub = q;
        for (int chars = 0; ub > c.b && chars < 8; ++chars) {
            const std::size_t p = prev_cp(s, ub);
            const char32_t ch = cp_at(s, p);
            bool lead = false;
            for (auto w : share_unit_leads) lead = lead || ends_with_any(s, c.b, ub, w);
            if (lead || is_space_cp(ch) || is_comma(ch) || ch == 0x3001 || is_digit_at(s, p)) break;
            ub = p;
        }
        std::size_t k = v->end;
        if (const std::size_t n = word_at(s, k, share_adverbs)) k += n;
        const std::string_view units = s.substr(ub, q - ub);
        // "全市各乡镇100%建立…" names every unit: all_units_establish reads it.
        if (ub == q || !word_at(s, k, share_verbs) || indicator_like(units) ||
            units.find("各") != std::string_view::npos)
            continue;
        Emit em;
        em.subject = {k, c.e};  // renamed below
        em.evidence = {ub, c.e};
        em.op = v->suffix ? *v->suffix : Comparator::eq;
        em.values = {*v};
        em.values[0].suffix = em.op;
        emit_named(cl, em, std::string(s.substr(k, c.e - k)) + "的" + std::string(units) + "比例");
        return Outcome::done;
    }
    return Outcome::pass;
}

// Trends: indicator, modifiers, direction ("明显下降", "持续减缓", "有所改善").
Outcome trend(Clause& cl) {
    std::string_view s = cl.s;
    const std::size_t e = cl.c.e;
    const std::size_t p = cl.p;
    const Starts& tstarts = trend_starts();
    HitWalk verbs(cl, word::trend_verb, p, e);  // only where a trend verb starts
    for (std::size_t q = verbs.first(); q < e; q = verbs.next(q)) {
        if (!tstarts.has(s, q)) continue;
        const TrendVerb* tv = trend_verb_at(s.substr(0, e), q);
        if (!tv) continue;
        // Find where the modifiers start: walk back over modifier words.
        std::size_t mb = q;
        for (int guard = 0; guard < 8; ++guard) {
            const std::size_t m = trend_modifier_before(s, p, mb);
            bool hit = m > 0;
            mb -= m;
            if (!hit && ends_with_any(s, p, mb, "并")) {
                mb -= 3;
                hit = true;
            }
            if (!hit) break;
        }
        // A bare verb is an imperative or part of a name (增长率) — except closing
        // an item of a goal list: "--妇女卫生保健知识知晓率提高。" (bare_goal_trend).
        if (mb == q && bare_goal_trend(cl, q, q + tv->text.size())) {
            // read on below with no modifiers
        } else if (mb == q || !trend_between(s, mb, q)) {
            continue;
        }
        // The reference phrase "在现有基础上持续改善" sits between indicator and modifiers.
        std::size_t se = mb;
        if (cl.ref_e && skip_ws(s, cl.ref_e, se) == se) se = cl.ref_b;
        Range subj = clean_subject(s, {p, se}, &cl.soft);
        clean_carried(s, cl.carry);
        const bool carried = subj.empty() && !cl.carry.subject.empty();
        if (carried) subj = cl.carry.subject;
        if (subj.empty() || subj.e - subj.b > cl.limits().name_bytes) return Outcome::done;
        // "减缓近视进展速度，切实提升儿童青少年眼健康水平": a verb with an object of
        // its own is an imperative, not a trend of the clause before.
        if (carried && object_after(s, q + tv->text.size(), e)) return Outcome::done;
        std::string_view name = s.substr(subj.b, subj.e - subj.b);
        // "婴儿死亡率、孕产妇死亡率" passes through split_indicators; other names must end like an indicator.
        if (!indicator_like(name)) return Outcome::done;
        // "居民健康素养全面提升": a weak head under only a vague modifier is an
        // aspiration; "居民营养健康素养得到明显提高" is a trend.
        if (weak_head(name) && vague_modifiers_only(s.substr(mb, q - mb))) return Outcome::done;
        // "主要慢性病的患病率呈现持续上升趋势": a rate that should fall, rising, is a
        // problem the plan reports; no plan aims at it (a slowing rise is slowing_growth).
        if (tv->direction > 0 && lower_is_better(name)) return Outcome::done;
        int dir = tv->direction ? tv->direction : improve_direction(name);
        Emit em;
        em.subject = subj;
        em.evidence = {subj.b, q + tv->text.size()};
        // "明显下降并持续下降": the evidence runs to the end of the pair.
        std::size_t k = em.evidence.e;
        if (at(s, k, "并") || at(s, k, ",并")) {
            std::size_t m = k + (at(s, k, "并") ? 3 : 4);
            if (const std::size_t mod = trend_modifier_at(s.substr(0, e), m)) {
                m += mod;
                if (const TrendVerb* v2 = trend_verb_at(s.substr(0, e), m)) em.evidence.e = m + v2->text.size();
            }
        }
        em.kind = TargetKind::trend;
        em.op = dir < 0 ? Comparator::decrease : Comparator::increase;
        em.soft = cl.soft;
        const std::size_t before = cl.st.out.size();
        emit(cl.st, cl.frame, em);
        if (cl.st.out.size() == before + 1) cl.carry.stated = subj;  // "…逐年提高，2030年达到45%"
        return Outcome::done;
    }
    return Outcome::pass;
}

// A verbless item's name: one ending like an indicator, a count per population
// ("每千人拥有社会体育指导员2.16名"), or a share of a whole ("增加值占全省地区生产总值2%以上":
// 占 after the first character, the value a percentage).
bool verbless_name(std::string_view name, const ValueText& v) {
    if (indicator_like(name) || !population_base(name).empty()) return true;
    const std::size_t share = name.find(share_of_word);
    return share != std::string_view::npos && share > 0 && share + share_of_word.size() < name.size() &&
           v.unit_text == "%";
}

// One "NAME VALUE" item of [b, e): the name ending like an indicator and the
// value carrying its unit, nothing after it. Returns the name and value.
struct VerblessItem {
    Range name;
    ValueText v;
};
std::optional<VerblessItem> verbless_at(Clause& cl, std::size_t b, std::size_t e, bool* soft) {
    std::string_view s = cl.s;
    trim(s, b, e);
    // The value starts after the last non-digit of the name.
    std::size_t vb = e;
    for (std::size_t i = b; i < e; i = next_cp(s, i))
        if (is_digit_at(s, i) && (i == b || !is_digit_at(s, prev_cp(s, i)))) vb = i;
    if (vb == e || vb == b) return std::nullopt;
    // A decimal value: step back over the "12." of "12.5%".
    if (std::size_t p = prev_cp(s, vb); p > b && decimal_point_at(s, p) && is_digit_at(s, prev_cp(s, p))) {
        vb = prev_cp(s, p);
        while (vb > b && is_digit_at(s, prev_cp(s, vb))) vb = prev_cp(s, vb);
    }
    if (vb == b) return std::nullopt;
    auto v = value_at(s, vb, e);
    if (!v || v->unit_text.empty() || skip_ws(s, v->end, e) != e) return std::nullopt;
    Range name = clean_subject(s, {b, vb}, soft);
    if (name.empty() || name.e - name.b > cl.limits().name_bytes ||
        !verbless_name(s.substr(name.b, name.e - name.b), *v))
        return std::nullopt;
    return VerblessItem{name, *v};
}

// A verbless item stated as a level: "NAME VALUE" is NAME = VALUE (以上 / 以下 after the
// value set the comparator when the target is built).
Emit verbless_emit(const VerblessItem& item, bool soft) {
    Emit em;
    em.subject = item.name;
    em.evidence = {item.name.b, item.v.end};
    em.kind = TargetKind::level;
    em.op = Comparator::eq;
    em.values = {item.v};
    em.soft = soft;
    return em;
}

}  // namespace

// "农村自来水普及率99.93%以上、城乡规模化供水工程人口覆盖率达96%": verbless items joined by 、
// before a statement's own name are levels of their own (under a frame that looks ahead);
// the name starts after them. Returns where it starts.
std::size_t leading_verbless_items(Clause& cl, Range name) {
    std::string_view s = cl.s;
    if (cl.frame.past || cl.frame.years.empty()) return name.b;
    std::size_t b = name.b;
    for (std::size_t sep = s.substr(0, name.e).find("、", b); sep != std::string_view::npos;
         sep = s.substr(0, name.e).find("、", b)) {
        bool soft = cl.soft;
        auto item = verbless_at(cl, b, sep, &soft);
        if (!item) break;
        Emit em = verbless_emit(*item, soft);
        emit(cl.st, cl.frame, em);
        b = sep + 3;
    }
    return b;
}

namespace {

// Whether the clause follows a colon after a goal word: "明确核心指标：A 3.7人、B 5.1人".
bool after_goal_colon(std::string_view s, std::size_t b) {
    std::size_t k = b;
    while (k > 0 && is_space_cp(cp_at(s, prev_cp(s, k)))) k = prev_cp(s, k);
    if (k == 0) return false;
    const std::size_t colon = prev_cp(s, k);
    if (!at(s, colon, "：") && !at(s, colon, ":")) return false;
    for (std::string_view w : goal_list_heads)
        if (ends_at(s, colon, w)) return true;
    return false;
}

// "NAME VALUE" with nothing else, the name ending like an indicator and the
// value carrying its unit: a level stated without a verb; several joined by 、
// ("每千人口拥有执业医师数3.7人、注册护士数5.1人"). Read only under a year frame
// (a goal list's items), where it cannot be a report of the past, or right
// after a goal list's colon ("核心指标：").
Outcome verbless_item(Clause& cl) {
    std::string_view s = cl.s;
    const Frame& frame = cl.frame;
    const Range c{cl.p, cl.c.e};
    bool soft = cl.soft;
    if (frame.past || (frame.years.empty() && !after_goal_colon(s, cl.c.b))) return Outcome::pass;
    std::vector<VerblessItem> items;
    for (std::size_t b = c.b; b < c.e;) {
        std::size_t e = s.substr(0, c.e).find("、", b);
        if (e == std::string_view::npos) e = c.e;
        auto item = verbless_at(cl, b, e, &soft);
        if (!item) return Outcome::pass;
        items.push_back(*item);
        b = e < c.e ? e + 3 : c.e;
    }
    // "每千人口拥有执业医师数3.7人、注册护士数5.1人": the population base heads every item.
    std::string_view head;
    if (!items.empty()) {
        const std::string_view first = s.substr(items[0].name.b, items[0].name.e - items[0].name.b);
        head = population_base(first);
        if (!head.empty() && at(first, head.size(), "拥有")) head = first.substr(0, head.size() + 6);
    }
    for (const VerblessItem& item : items) {
        Emit em = verbless_emit(item, soft);
        if (!head.empty() && !at(s, item.name.b, per_population_lead))
            emit_named(cl, em, std::string(head) + std::string(s.substr(item.name.b, item.name.e - item.name.b)));
        else
            emit(cl.st, frame, em);
    }
    return items.empty() ? Outcome::pass : Outcome::done;
}

struct ClauseRule {
    RuleInfo info;
    Outcome (*read)(Clause&);
};

// The clause rules in the order they are tried.
const ClauseRule clause_rules[] = {
    {{"share", "到2025年，60%以上的旗县区达到国家卫生县城标准。", "到2025年，60%以上。"}, share},
    {{"units_share", "到2021年，村(社区)80%要设立心理健康咨询室。", "到2021年，覆盖率80%要达到。"}, units_share},
    {{"statements", "到2025年，婴儿死亡率、孕产妇死亡率分别控制在5‰和12/10万以下。", "加强妇幼健康服务。"}, statements},
    {{"better_than", "到2025年，主要健康指标优于全国平均水平。", "到2025年，主要健康指标优于往年。"}, better_than},
    {{"trend", "到2025年，孕产妇死亡率持续下降。", "降低孕产妇死亡率。"}, trend},
    {{"verbless_item", "到2025年，主要目标是：\\n基层医疗卫生机构标准化建设达标率100%",
      "基层医疗卫生机构标准化建设达标率100%"},
     verbless_item},
};

}  // namespace

}  // namespace healthplan::v0::detail::extract::rules

namespace healthplan::v0::detail::extract {

using rules::Clause;
using rules::Outcome;

const Tokens* rules::clause_hits(const Clause& cl) { return prefilter_enabled() ? cl.st.tokens : nullptr; }

void read_clause(ScanState& st, Range c, const Frame& frame, Carry& carry, bool sentence_soft) {
    Clause cl{st, c, frame, carry, st.s, skip_ws(st.s, c.b, c.e), sentence_soft || frame.soft, {}, 0, 0};
    // A clause without a candidate token (no digit, no trend verb, no word a
    // statement rule starts with …, tokens.hpp `word::candidate`) states
    // nothing: every rule passes, and all it leaves the next clause is its
    // text and a reference phrase or soft word, which the statement scan notes.
    if (st.tokens && prefilter_enabled() && !(st.tokens->classes_in(c.b, c.e) & word::candidate)) {
        rules::statements(cl);
    } else {
        for (const auto& rule : rules::clause_rules)
            if (rule.read(cl) == Outcome::done) return;
    }
    // No statement in this clause: its text may be the indicator of the next
    // ("儿童青少年总体近视率在2020年的基础上,力争每年降低0.5个百分点以上").
    // Cleaned only when a later clause uses it: most clauses are never used so.
    Range subj{cl.p, c.e};
    if (cl.ref_e && cl.ref_e == c.e) subj.e = cl.ref_b;
    carry.subject = subj;
    carry.subject_clean = false;
    carry.refs = cl.refs;
    carry.soft = cl.soft;
}

const std::vector<RuleInfo>& grammar_rules() {
    static const std::vector<RuleInfo> all = [] {
        std::vector<RuleInfo> v;
        for (const auto& r : rules::clause_rules) {
            v.push_back(r.info);
            if (r.read == rules::statements)
                for (const auto& sr : rules::statement_rule_infos()) v.push_back(sr);
        }
        return v;
    }();
    return all;
}

}  // namespace healthplan::v0::detail::extract
