// The statement rules: what a clause states at a position where a statement
// word starts — a minimum count, every unit establishing something, coverage,
// slowing growth, and a verb with its values or benchmark. Each rule has its
// name, doc example and negative example in `statement_rules` / `verb_forms`.
#include <algorithm>
#include <cctype>
#include <optional>

#include "extract/lexicon_bits.hpp"
#include "extract/prefilter.hpp"
#include "extract/rule.hpp"

namespace healthplan::v0::detail::extract::rules {

namespace {

const Starts& statement_starts() {
    static const Starts st = [] {
        Starts x;
        for (const auto& v : all_verbs()) x.add(v.text);
        for (auto w : reference_starts) x.add(w);
        for (auto w : soft_words) x.add(w);
        for (auto w : minimum_words) x.add(w);
        for (auto w : all_units_words) x.add(w);
        x.add(coverage_word);
        for (auto w : slowing_growth_phrases) x.add(w);
        x.add(copula_word);
        x.add(bare_fall_word);
        return x;
    }();
    return st;
}

// ---------------------------------------------------------------------------
// Statement rules, tried at a position q of the clause.

// A minimum count: "各旗县区至少确定1家公立医疗卫生机构承担职业健康检查工作" is
// ">= 1 家" of "各旗县区承担职业健康检查工作的公立医疗卫生机构"; "市、区均有1所…
// 机构": exactly that many in each.
Outcome minimum_count(Clause& cl, std::size_t q) {
    std::string_view s = cl.s;
    const bool each = at(s, q, "均有");
    if (!at(s, q, "至少") && !(each && value_at(s, q + 6, cl.c.e))) return Outcome::pass;
    std::size_t r = q + 6;
    for (auto w : minimum_verbs)
        if (at(s, r, w) && value_at(s, r + w.size(), cl.c.e)) {
            r += w.size();
            break;
        }
    auto v = value_at(s, r, cl.c.e);
    if (!v || v->unit_text.empty() || v->unit.dimension() != Dimension::count) return Outcome::pass;
    Range subj = clean_subject(s, {cl.p, q}, &cl.soft);
    std::size_t ob = v->end, oe = cl.c.e;
    trim(s, ob, oe);
    if (!(oe > ob && oe - ob <= cl.limits().name_bytes && subj.e - subj.b <= cl.limits().place_bytes))
        return Outcome::pass;
    // The object's activity goes before it: "承担职业健康检查工作的公立医疗卫生机构".
    std::string_view object = s.substr(ob, oe - ob);
    std::size_t split = std::string_view::npos;
    for (auto w : minimum_activity_verbs) {
        std::size_t f = object.find(w);
        if (f != std::string_view::npos && f > 0 && f < split) split = f;
    }
    std::string name(s.substr(subj.b, subj.e - subj.b));
    if (split != std::string_view::npos)
        name += std::string(object.substr(split)) + "的" + std::string(object.substr(0, split));
    else
        name += std::string(object);
    Emit em;
    em.subject = {ob, oe};  // renamed
    em.evidence = {subj.empty() ? q : subj.b, oe};
    em.op = each ? Comparator::eq : Comparator::ge;
    em.values = {*v};
    em.values[0].suffix.reset();
    em.soft = cl.soft;
    emit_named(cl, em, name);
    return Outcome::done;
}

// Every unit establishes something: "各区全部建成…系统", "所有…均设置新生儿科"
// read as 100% (establishments only; 均开展 / 全面实施 are activities).
Outcome all_units_establish(Clause& cl, std::size_t q) {
    std::string_view s = cl.s;
    const std::size_t all = word_at(s, q, all_units_words);
    if (!all) return Outcome::pass;
    const std::size_t r = q + all;
    const std::size_t w = word_at(s, r, establish_verbs);
    if (!w) return Outcome::pass;
    Range subj = clean_subject(s, {cl.p, q}, &cl.soft);
    for (auto lead : all_units_leads)
        if (subj.e > subj.b + lead.size() && at(s, subj.b, lead)) subj.b += lead.size();
    std::size_t oe = cl.c.e, ob = r + w;
    trim(s, ob, oe);
    if (subj.empty() || oe <= ob || subj.e - subj.b > cl.limits().establishment_bytes ||
        oe - ob > cl.limits().establishment_bytes)
        return Outcome::pass;
    Emit em;
    em.subject = subj;  // renamed
    em.evidence = {subj.b, oe};
    em.op = Comparator::eq;
    ValueText v;
    v.value = 100;
    v.unit = Unit::percent();
    em.values = {v};
    em.soft = cl.soft;
    em.note = std::string(s.substr(q, r + w - q)) + " read as 100%";
    const std::size_t before = cl.st.out.size();
    emit_named(cl, em, std::string(s.substr(subj.b, subj.e - subj.b)) + std::string(s.substr(r, oe - r)));
    for (std::size_t k = before; k < cl.st.out.size(); ++k) cl.st.out[k].unit_text.clear();
    return Outcome::done;
}

// Coverage: "…实现全覆盖" reads as 100%.
Outcome full_coverage(Clause& cl, std::size_t q) {
    std::string_view s = cl.s;
    if (!at(s, q, coverage_word)) return Outcome::pass;
    Range subj = clean_subject(s, {cl.p, q}, &cl.soft);
    if (subj.empty() || subj.e - subj.b > cl.limits().name_bytes) return Outcome::done;
    Emit em;
    em.subject = subj;
    em.evidence = {subj.b, q + coverage_word.size()};
    em.op = Comparator::eq;
    ValueText v;
    v.value = 100;
    v.unit = Unit::percent();
    em.values = {v};
    em.soft = cl.soft;
    em.note = "全覆盖 read as 100%";
    const std::size_t before = cl.st.out.size();
    emit(cl.st, cl.frame, em);
    for (std::size_t k = before; k < cl.st.out.size(); ++k) cl.st.out[k].unit_text.clear();
    return Outcome::done;
}

// Slowing growth: "增速下降", "上升趋势得到遏制", "上升趋势减缓".
Outcome slowing_growth(Clause& cl, std::size_t q) {
    std::string_view s = cl.s;
    const std::size_t w = word_at(s, q, slowing_growth_phrases);
    if (!w) return Outcome::pass;
    Range subj = clean_subject(s, {cl.p, q}, &cl.soft);
    if (subj.empty() || subj.e - subj.b > cl.limits().name_bytes) return Outcome::done;
    Emit em;
    em.subject = subj;
    em.evidence = {subj.b, q + w};
    em.kind = TargetKind::trend;
    em.op = Comparator::decrease;
    em.soft = cl.soft;
    emit(cl.st, cl.frame, em);
    return Outcome::done;
}

// "婴儿死亡率分别为5‰和4.5‰", "…管理率均为90%": 为 states a value only right
// before a number and after an indicator's name (checked by the statement).
constexpr Verb copula{copula_word, VerbKind::level, Comparator::eq, false};
// "总体近视率每年降0.5%以上": 降 alone is a change verb only right before a number
// (降压, 降糖 are words of their own).
constexpr Verb bare_fall{bare_fall_word, VerbKind::change, Comparator::decrease, false};
bool bare_fall_at(std::string_view s, std::size_t q) {
    // (not the 降 of 下降, a verb of its own read at its 下)
    return at(s, q, bare_fall.text) && is_digit_at(s, q + bare_fall.text.size()) && !(q >= 3 && at(s, q - 3, "下"));
}

// The verb of a statement and what follows it up to its values.
struct VerbPhrase {
    const Verb* verb = nullptr;
    std::size_t r = 0;  // after the verb and its adverbs: the values or the benchmark
    Comparator bench_op = Comparator::ge;
    bool about = false;             // "达到约80%"
    std::string whole;              // "提高到全省县区总数的60%": a share of this whole
    std::optional<int> value_year;  // "提高到2025年的30%"
    std::string per_base;           // "达到每10万人口4.2名": the base joins the name
    std::vector<ValueText> values;  // may be empty (a benchmark, a trend)
    std::size_t vend = 0;
};

// An ASCII "<" or ">" (grammar.hpp symbols) that is not right before a number,
// or follows a letter, "/", "=" or a quote: a piece of leaked markup.
bool markup_like(std::string_view s, std::size_t q, std::size_t r, std::size_t e, const Verb& v) {
    if (v.text != "<" && v.text != ">") return false;
    if (q > 0) {
        const char p = s[q - 1];
        if (std::isalpha(static_cast<unsigned char>(p)) || p == '/' || p == '=' || p == '"' || p == '\'') return true;
    }
    return !is_digit_at(s, skip_ws(s, r, e));
}

std::optional<VerbPhrase> verb_phrase_at(const Clause& cl, std::size_t q) {
    std::string_view s = cl.s;
    const std::size_t e = cl.c.e;
    VerbPhrase vp;
    vp.verb = verb_at(s, q);
    if (!vp.verb && at(s, q, copula.text) && is_digit_at(s, q + copula.text.size())) vp.verb = &copula;
    if (!vp.verb && bare_fall_at(s, q)) vp.verb = &bare_fall;
    if (!vp.verb) return std::nullopt;
    std::size_t r = q + vp.verb->text.size();
    if (markup_like(s, q, r, e, *vp.verb)) return std::nullopt;
    vp.bench_op = vp.verb->op;
    // A benchmark without a verb of its own: "达到或接近国家先进城市水平".
    if (vp.verb->text == "达到" && at(s, r, "或接近")) r += 9, vp.bench_op = Comparator::approx;
    r = skip_ws(s, r, e);  // "提高到 26%以上" in text taken from a PDF
    // Adverbs between verb and value: "达到了", "分别为", "达到约80%".
    for (auto w : value_adverbs)
        if (at(s, r, w) && is_digit_at(s, r + w.size())) {
            vp.about = vp.about || w == "约" || w == "大约";
            r += w.size();
        }
    // "提高到全省县区总数的60%": a share of a whole; the value is the share.
    if (!is_digit_at(s, r))
        for (auto w : whole_words) {
            const std::size_t f = s.substr(0, std::min(e, r + cl.limits().whole_bytes)).find(w, r);
            if (f != std::string_view::npos && is_digit_at(s, f + w.size())) {
                vp.whole = std::string(s.substr(r, f + w.size() - 3 - r));
                r = f + w.size();
                break;
            }
        }
    // "由2020年的20%提高到2025年的30%": the target year right before the value.
    if (auto y = number_at(s.substr(0, e), r); y && y->is_year() && at(s, y->end, "年")) {
        std::size_t k = y->end + 3;
        if (at(s, k, "底") || at(s, k, "末")) k += 3;
        if (at(s, k, "的")) k += 3;
        if (is_digit_at(s, k)) vp.value_year = static_cast<int>(y->value), r = k;
    }
    // "达到每10万人口4.2名以上": the population base belongs to the indicator's name.
    if (at(s, r, "每")) {
        std::size_t k = r + 3;
        for (int n = 0; n < 8 && k < e && !at(s, k, "人口"); ++n) k = next_cp(s, k);
        if (at(s, k, "人口") && is_digit_at(s, k + 6)) {
            vp.per_base = std::string(s.substr(r, k + 6 - r));
            r = k + 6;
        }
    }
    vp.r = r;
    vp.vend = r;
    vp.values = values_at(s, r, e, &vp.vend);
    return vp;
}

// "达到60%以上、65岁以上老年人健康管理率达到70%": a later value followed by a
// noun and a statement of its own opens that statement; it is not this one's.
void drop_next_statement_value(const Clause& cl, VerbPhrase& vp);

// "人均预期寿命比2020年提高1岁以上，达到80岁": a clause with values and no name right
// after (a comma, no semicolon) a statement whose value is in the same kind of unit.
bool continues_in_unit(const Clause& cl, const VerbPhrase& vp) {
    const Carry& carry = cl.carry;
    if (!carry.stated_just_before || carry.stated_out == std::string_view::npos ||
        carry.stated_out >= cl.st.out.size() || vp.values.empty())
        return false;
    auto kind = [](Dimension d) { return d == Dimension::ratio_difference ? Dimension::ratio : d; };
    const Dimension was = kind(cl.st.out[carry.stated_out].unit.dimension());
    return was != Dimension::none && was == kind(vp.values.front().unit.dimension());
}

// The indicator a statement is about.
struct Subject {
    Range name;
    bool rate = false;              // "每年降低0.5个百分点": per year
    std::vector<int> inline_years;  // "X2025年达到30%", "２０３０年每万常住人口…"
    bool from_carry = false;        // the clause before named it
    bool from_stated = false;       // the last statement's indicator
    bool sub_population = false;    // "其中农村地区…"
    int rate_level = 0;             // "年均增长不低于10%": a rate in this direction, with a level word
    std::size_t evidence_b = 0;
};

// "X年均增长不低于10%", "较上一年度增长不少于2个百分点": a rate marker and a
// trend verb before a level word make a rate. Cuts them from `pre`; returns
// the direction (+1 / -1) or 0. The name may be left empty (elided: "原则上应
// 较上一年度增长不少于2个百分点" goes on about the clause before).
int strip_rate_with_level_word(std::string_view s, Range& pre) {
    // Asked at every verb, up to six times (statement_subject): the 10 x 16 pairs
    // run only when a trend verb may end `pre` (one bit, scan.hpp WordBits).
    if (!trend_verb_ends().may_end(s, pre.e)) return 0;
    for (auto marker : rate_level_markers)
        for (const auto& tv : trend_verbs) {
            if (tv.direction == 0 || !ends_with_any(s, pre.b, pre.e, tv.text)) continue;
            const std::size_t m = pre.e - tv.text.size();
            if (!ends_with_any(s, pre.b, m, marker)) continue;
            pre.e = m - marker.size();
            return tv.direction;
        }
    return 0;
}

// The years written between the name and the verb: "X２０２７年、２０３０年分别达到…".
// Returns where the name ends; `p` (the statement's start) is trimmed.
std::size_t inline_years_before(std::string_view s, std::size_t& p, std::size_t subj_end, std::vector<int>& years) {
    std::size_t te = subj_end;
    trim(s, p, te);
    int year = 0;
    std::size_t yb = trailing_year(s, p, te, &year);
    if (yb == te) return subj_end;
    subj_end = yb;
    years.push_back(year);
    // Earlier years of a list: "２０２７年、" / "2025年和".
    for (int more = 0; more < 4; ++more) {
        std::size_t k = yb;
        bool joined = false;
        for (auto w : year_list_joiners)
            if (ends_with_any(s, p, k, w)) {
                k -= w.size();
                joined = true;
                break;
            }
        int y = 0;
        std::size_t nb = joined ? trailing_year(s, p, k, &y) : k;
        if (!joined || nb == k) break;
        years.insert(years.begin(), y);
        subj_end = yb = nb;
    }
    // "X到2022年达到22%": the frame's lead word goes with its year, not the name.
    for (auto w : future_frame_leads)
        if (ends_with_any(s, p, subj_end, w)) {
            subj_end -= w.size();
            break;
        }
    return subj_end;
}

// The name limit holds for each indicator of a list: "养老机构以不同形式为入住老年人
// 提供医疗卫生服务比例、医疗机构为老年人提供挂号就医等便利服务绿色通道比例分别达到100".
bool name_fits(std::string_view s, Range name, std::size_t limit) {
    if (name.e - name.b <= limit) return true;
    if (name.e - name.b > 4 * limit) return false;
    const std::vector<Range> parts = split_indicators(s, name);
    if (parts.size() < 2) return false;
    for (const Range& p : parts)
        if (p.e - p.b > limit) return false;
    return true;
}

// Whether `text` names a document or its issuing (grammar.hpp announcing_documents):
// "《…规划》出台", "…提升计划发布".
bool names_document(std::string_view text) {
    for (std::string_view w : announcing_documents)
        if (text.find(w) != std::string_view::npos) return true;
    return false;
}

// "《中国防治慢性病中长期规划》出台 重大慢病过早死亡率要降20%", "…能力提升计划发布
// 至2027年产前筛查率将保持在90%以上": a headline's parts stand apart by a space; after a
// document or its issuing (grammar.hpp announcing_documents) the name starts after the last
// space, and a year frame opening that part (到 / 至 YYYY年) dates the statement.
void headline_part(std::string_view s, Subject& sb) {
    std::size_t sp = std::string_view::npos;
    for (std::size_t k = sb.name.b; k < sb.name.e; k = next_cp(s, k))
        if (is_space_cp(cp_at(s, k))) sp = k;
    if (sp == std::string_view::npos || sp == sb.name.b) return;
    if (!names_document(s.substr(sb.name.b, sp - sb.name.b))) return;
    std::size_t b = skip_ws(s, sp, sb.name.e);
    if (at(s, b, "到") || at(s, b, "至"))
        if (auto y = number_at(s.substr(0, sb.name.e), b + 3); y && y->is_year() && at(s, y->end, "年")) {
            sb.inline_years.push_back(static_cast<int>(y->value));
            b = skip_ws(s, y->end + 3, sb.name.e);
        }
    if (b < sb.name.e) sb.name.b = b;
}

// The subject before the verb at q, without the reference phrase, adverbs and
// years; else the carried or stated indicator. nullopt: no indicator.
std::optional<Subject> statement_subject(Clause& cl, std::size_t q, const VerbPhrase& vp) {
    std::string_view s = cl.s;
    Subject sb;
    // "每年降低0.5个百分点": a rate; "在…基础上提高10%": a change.
    Range pre{cl.p, q};
    for (int guard = 0; guard < 6; ++guard) {
        bool hit = false;
        // (Each list is read only when one of its words may end `pre`: WordBits.)
        if (rate_marker_ends().may_end(s, pre.e))
            for (auto w : rate_markers)
                if (ends_with_any(s, pre.b, pre.e, w)) {
                    pre.e -= w.size();
                    sb.rate = true;
                    hit = true;
                }
        if (verb_adverb_ends().may_end(s, pre.e))
            for (auto w : verb_adverbs)
                if (ends_with_any(s, pre.b, pre.e, w)) {
                    if (w == "力争" || w == "争取") cl.soft = true;
                    pre.e -= w.size();
                    hit = true;
                }
        // "较2022年 下降3%": spaces between the reference and the verb.
        if (cl.ref_e && skip_ws(s, cl.ref_e, pre.e) == pre.e && pre.e != cl.ref_b) pre.e = cl.ref_b, hit = true;
        if (const int dir = strip_rate_with_level_word(s, pre)) sb.rate_level = dir, hit = true;
        if (!hit) break;
    }
    std::size_t subj_end = inline_years_before(s, cl.p, pre.e, sb.inline_years);
    // "２０３０年每万常住人口全科医生数≥4.5人": the year opens the statement
    // (a past year there made the sentence a review, see frame_at).
    if (sb.inline_years.empty() && !value_year_possible_past(cl.st, s, cl.p, subj_end)) {
        if (auto y = number_at(s.substr(0, subj_end), cl.p);
            y && y->is_year() && at(s, y->end, "年") && y->end + 3 < subj_end && !is_digit_at(s, y->end + 3)) {
            sb.inline_years.push_back(static_cast<int>(y->value));
            cl.p = y->end + 3;
        }
    }
    sb.name = clean_subject(s, {cl.p, subj_end}, &cl.soft);
    if (!sb.name.empty() && !vp.values.empty()) sb.name.b = leading_verbless_items(cl, sb.name);
    // "作为实现“2030年15岁以上人群吸烟率降低到20%”控烟目标": a statement quoted whole starts
    // at its open quote, left open before the verb.
    if (!sb.name.empty())
        if (const std::size_t f = rfind_word(s.substr(sb.name.b, sb.name.e - sb.name.b), "“");
            f != std::string_view::npos && sb.name.b + f + 3 < sb.name.e &&
            s.substr(sb.name.b + f, sb.name.e - sb.name.b - f).find("”") == std::string_view::npos)
            sb.name.b += f + 3;
    // "其中控烟行动目标的结果性指标为15岁以上人群吸烟率2022年<24.5%": the category goes.
    if (!sb.name.empty())
        for (std::string_view w : category_copulas)
            if (const std::size_t f = rfind_word(s.substr(sb.name.b, sb.name.e - sb.name.b), w);
                f != std::string_view::npos && sb.name.b + f + w.size() < sb.name.e) {
                sb.name.b += f + w.size();
                break;
            }
    // "卫生部提出2020年居民人均寿命增至77岁": who announces it and the verb go, the year stays.
    if (sb.inline_years.empty() && !sb.name.empty())
        for (std::string_view v : announcing_verbs)
            if (const std::size_t f = s.substr(sb.name.b, sb.name.e - sb.name.b).find(v); f != std::string_view::npos)
                if (const std::size_t y = sb.name.b + f + v.size(); is_digit_at(s, y))
                    if (auto n = number_at(s.substr(0, sb.name.e), y); n && n->is_year() && at(s, n->end, "年")) {
                        sb.name.b = y;
                        break;
                    }
    // "《“十四五”国民健康规划》公布 提出中国人均预期寿命将达80岁以上": a document (its title, or
    // its issuing) announcing the indicator goes with the verb, when what follows ends like one.
    if (!sb.name.empty())
        for (std::string_view v : announcing_verbs)
            if (const std::size_t f = s.substr(sb.name.b, sb.name.e - sb.name.b).find(v);
                f != std::string_view::npos && f > 0) {
                const std::size_t after = sb.name.b + f + v.size();
                // (not "规划提出的指标完成率": 的 makes the verb part of the name)
                if (names_document(s.substr(sb.name.b, f)) && after < sb.name.e && !at(s, after, "的") &&
                    indicator_like(s.substr(after, sb.name.e - after))) {
                    sb.name.b = after;
                    break;
                }
            }
    if (!sb.name.empty()) headline_part(s, sb);
    // "原则上全县2022 年度居民健康素养水平": the year opens the name once its lead words are gone.
    if (sb.inline_years.empty() && !sb.name.empty() && sb.name.b != cl.p)
        if (auto y = number_at(s.substr(0, sb.name.e), sb.name.b); y && y->is_year()) {
            std::size_t k = skip_ws(s, y->end, sb.name.e);
            // (not "2022年10月…": a month; "2030年15岁以上人群…" is a name after its year)
            const auto after = number_at(s.substr(0, sb.name.e), k + 3);
            if (at(s, k, "年") && !(after && at(s, after->end, "月"))) {
                k += at(s, k + 3, "度") ? 6 : 3;
                if (k < sb.name.e && !value_year_possible_past(cl.st, s, sb.name.b, sb.name.e)) {
                    sb.inline_years.push_back(static_cast<int>(y->value));
                    sb.name.b = k;
                }
            }
        }
    if (verb_only(s.substr(sb.name.b, sb.name.e - sb.name.b))) sb.name = {};
    sb.sub_population = at(s, skip_bullets(s, cl.p, cl.c.e), "其中");
    Carry& carry = cl.carry;
    clean_carried(s, carry);
    if (sb.name.empty() && !carry.subject.empty()) {
        sb.name = carry.subject;
        sb.from_carry = true;
        if (cl.refs.empty()) cl.refs = carry.refs;
        cl.soft = cl.soft || carry.soft;
    } else if (sb.name.empty() && !carry.stated.empty() && !vp.values.empty() && !carry.quiet &&
               (!sb.inline_years.empty() || cl.ref_e || carry.framed || continues_in_unit(cl, vp)) &&
               q - carry.stated.b <= cl.limits().carry_bytes) {
        sb.name = carry.stated;  // a clause going on about the last statement's indicator
        sb.from_stated = true;
    }
    if (sb.name.empty() || !name_fits(s, sb.name, cl.limits().name_bytes)) return std::nullopt;
    sb.evidence_b = sb.from_carry ? carry.subject.b : sb.from_stated ? carry.stated.b : sb.name.b;
    return sb;
}

// "随财力状况年均增长5%", "按…", "根据…": an adverbial phrase, not an
// indicator's name, unless it ends like one.
bool adverbial_phrase(std::string_view name) {
    for (auto w : adverbial_leads)
        if (at(name, 0, w)) return !indicator_like(name);
    return false;
}

// "我国有超过1600万…": the subject states what exists (grammar.hpp existence_verb).
bool existence_subject(std::string_view name) { return name.ends_with(existence_verb); }

// "比例高达75%", "健康预期寿命仅为68.7岁": a verb that reports how high or low a
// figure is (grammar.hpp report_verb_heads before the verb).
bool report_verb(const Clause& cl, std::size_t q, const VerbPhrase& vp) {
    if (vp.verb->text != "达" && vp.verb != &copula) return false;  // not "身高达到170厘米"
    for (std::string_view h : report_verb_heads)
        if (q >= h.size() && ends_at(cl.s, q, h)) return true;
    return false;
}

// "而糖尿病患病率更是达到11.2%": an adverb of fact before the verb (grammar.hpp fact_adverbs).
bool fact_subject(std::string_view name) {
    for (auto w : fact_adverbs)
        if (name.ends_with(w)) return true;
    // "…预计至少": an estimate (grammar.hpp estimate_word).
    for (std::string_view a : estimate_adverbs)
        if (name.ends_with(a)) name.remove_suffix(a.size());
    return name.ends_with(estimate_word);
}

// A clause without a name of its own distributing two values with 分别 over
// the sentence's last two statements, each about its own indicator.
bool both_stated(const Clause& cl, const VerbPhrase& vp) {
    const Carry& carry = cl.carry;
    if (vp.values.size() != 2 || carry.stated_out == std::string_view::npos ||
        carry.stated_prev_out == std::string_view::npos)
        return false;
    const std::deque<Target>& out = cl.st.out;
    if (carry.stated_out >= out.size() || out[carry.stated_out].indicator == out[carry.stated_prev_out].indicator)
        return false;
    return cl.s.substr(cl.c.b, cl.c.e - cl.c.b).find(distributive_word) != std::string_view::npos;
}

// Whether a statement with values at q is followed, in its clause, by a level
// or change verb with values of its own.
bool value_statement_after(const Clause& cl, std::size_t from) {
    for (std::size_t m = from; m < cl.c.e; m = next_cp(cl.s, m))
        if (verb_at(cl.s, m) || bare_fall_at(cl.s, m))
            if (auto vp = verb_phrase_at(cl, m); vp && !vp->values.empty()) return true;
    return false;
}

void drop_next_statement_value(const Clause& cl, VerbPhrase& vp) {
    if (vp.values.size() < 2) return;
    const std::size_t k = vp.values.back().end;
    const char32_t c = cp_at(cl.s, k);
    if (c < 0x4E00 || c > 0x9FFF || rules::word_at(cl.s, k, statement_joiners) || !value_statement_after(cl, k)) return;
    vp.values.pop_back();
    vp.vend = vp.values.back().end;
}

// A value that qualifies a noun (grammar.hpp attributive_tails): "超过50度的学生比例
// 降至15%以下" — the statement is part of the next one's name. Directly before
// 的 (after at most a short unit), or opening a 、 list whose subject is no
// indicator and which ends in "以上的 + noun" before a statement with values.
bool qualifier_value(const Clause& cl, const VerbPhrase& vp, Range subj) {
    std::string_view s = cl.s;
    const std::size_t e = cl.c.e;
    std::size_t k = skip_ws(s, vp.vend, e);
    std::size_t de = std::string_view::npos;  // after the attributive 的
    for (int n = 0; n <= 2 && k < e && de == std::string_view::npos; ++n) {
        const char32_t c = cp_at(s, k);
        if (at(s, k, "的"))
            de = k + 3;
        else if (c < 0x4E00 || c > 0x9FFF)  // a unit is a CJK character or two ("度")
            break;
        else
            k = next_cp(s, k);
    }
    if (de == std::string_view::npos && at(s, skip_ws(s, vp.vend, e), "、") &&
        !indicator_like(s.substr(subj.b, subj.e - subj.b)))
        for (std::size_t m = skip_ws(s, vp.vend, e); m < e; m = next_cp(s, m))
            if (std::size_t n = word_at(s, m, attributive_tails)) {
                de = m + n;
                break;
            }
    if (de == std::string_view::npos || word_at(s, de, goal_nouns)) return false;
    return value_statement_after(cl, de);
}

// "X由2020年的75%提高到80%": the stated baseline, cut from the name. "由目前的50%"
// (no year) and "由目前的8835万人…提高到1亿人" (another unit) leave the name too but are
// not kept: a baseline is a year's value in the target's unit.
std::optional<Baseline> stated_baseline(std::string_view s, Range& subj, std::string_view target_unit) {
    for (auto from : baseline_leads) {
        std::size_t fp = rfind_word(s.substr(subj.b, subj.e - subj.b), from);
        if (fp == std::string_view::npos || fp == 0) continue;
        std::size_t bp = subj.b + fp + from.size();
        std::optional<int> by;
        if (auto y = number_at(s.substr(0, subj.e), bp); y && y->is_year() && at(s, y->end, "年")) {
            by = static_cast<int>(y->value);
            bp = y->end + 3;
            if (at(s, bp, "底") || at(s, bp, "末")) bp += 3;
            if (at(s, bp, "的")) bp += 3;
        } else if (std::size_t n = word_at(s, bp, base_period_words)) {
            bp += n;
            if (at(s, bp, "的")) bp += 3;
        }
        if (auto bv = value_at(s, bp, subj.e); bv && skip_ws(s, bv->end, subj.e) == subj.e) {
            subj.e = subj.b + fp;
            trim(s, subj.b, subj.e);
            // "12岁儿童龋患率应从2016年的34.5%…": an adverb before the baseline is no part of the name.
            bool soft = false;  // the statement's softness was read with its subject
            strip_trailing_words(s, subj, &soft);
            if (!by || bv->unit_text != target_unit) return std::nullopt;
            return Baseline{by, bv->value};
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// "不低于22%和30%（预期性）": the nature in parentheses after the values.
Nature nature_after(std::string_view s, std::size_t vend, std::size_t e, Nature otherwise) {
    std::size_t np = skip_ws(s, vend, e), pl = 0;
    if (!is_open_paren(s, np, &pl)) return otherwise;
    for (const auto& n : nature_words)
        if (at(s, np + pl, n.word)) {
            std::size_t cl = 0;
            if (is_close_paren(s, np + pl + n.word.size(), &cl)) otherwise = n.nature;
        }
    return otherwise;
}

// A statement with values: level, change or rate ("不低于22%", "比2020年提高
// 10%", "每年降低0.5个百分点", "年均增长不低于10%").
Outcome value_statement(Clause& cl, std::size_t q, const VerbPhrase& vp, Subject& sb) {
    (void)q;
    std::string_view s = cl.s;
    const std::size_t e = cl.c.e;
    const Verb* verb = vp.verb;
    Range subj = sb.name;
    // A verb followed by numbers that are years or project counts is not a target.
    if (vp.values.front().unit_text.empty() && at(s, vp.values.front().end, "年")) return Outcome::done;
    // A qualifier of the next statement's noun: read on; that statement's name includes it.
    if (!sb.from_carry && !sb.from_stated && qualifier_value(cl, vp, subj)) return Outcome::pass;
    std::optional<Baseline> baseline = stated_baseline(s, subj, vp.values.front().unit_text);
    // "总规模年均增长不低于10%": a rate stated with a level word.
    TargetKind rate_kind = TargetKind::level;
    Comparator rate_dir = Comparator::increase;
    // (Marker and verb compared in place: building each of the 160 pairs as a
    // string at every statement was a tenth of the grammar's instructions; and
    // only when a trend verb may end the name at all: WordBits.)
    if (trend_verb_ends().may_end(s, subj.e))
        for (auto marker : rate_level_markers)
            for (const auto& tv : trend_verbs) {
                const std::size_t w = marker.size() + tv.text.size();
                if (tv.direction != 0 && subj.e >= subj.b + w && at(s, subj.e - w, marker) &&
                    at(s, subj.e - tv.text.size(), tv.text) && subj.e - w > subj.b) {
                    rate_kind = TargetKind::rate;
                    rate_dir = tv.direction > 0 ? Comparator::increase : Comparator::decrease;
                    subj.e -= w;
                    trim(s, subj.b, subj.e);
                }
            }
    Emit em;
    em.subject = subj;
    em.evidence = {sb.evidence_b, vp.vend};
    em.values = vp.values;
    em.soft = cl.soft;
    em.strict_verb = verb->strict;
    // "提倡人均每日食盐摄入量不高于5g": advocated, not promised.
    {
        std::size_t a = skip_bullets(s, cl.p, e);
        if (word_at(s, a, advocacy_leads)) em.nature = Nature::advocacy;
    }
    if (sb.rate_level) {
        rate_kind = TargetKind::rate;
        rate_dir = sb.rate_level > 0 ? Comparator::increase : Comparator::decrease;
    }
    if (rate_kind == TargetKind::rate && verb->kind == VerbKind::level) {
        em.kind = TargetKind::rate;
        em.op = rate_dir;
        em.note = std::string("per year, ") + std::string(verb->text) + " the value";
    } else if (verb->kind == VerbKind::level) {
        em.kind = TargetKind::level;
        em.op = vp.about ? Comparator::approx : verb->op;
        em.strict_verb = verb->strict || vp.about;
    } else {
        em.kind = sb.rate ? TargetKind::rate : TargetKind::change;
        em.op = verb->op;
        em.refs = cl.refs;
        if (sb.rate && !cl.refs.empty()) em.note = "per year, from " + cl.refs.front().label;
    }
    em.nature = nature_after(s, vp.vend, e, em.nature);
    // "达到55%以上并持续提高": later years continue as a trend.
    std::size_t k = skip_ws(s, vp.vend, e);
    if (at(s, k, "并") || at(s, k, "且")) {
        std::size_t m = k + 3;
        if (const std::size_t mod = trend_modifier_at(s.substr(0, e), m)) {
            m += mod;
            if (const TrendVerb* tv = trend_verb_at(s.substr(0, e), m)) {
                em.then_trend = tv->direction ? tv->direction : improve_direction(s.substr(subj.b, subj.e - subj.b));
                em.evidence.e = m + tv->text.size();
            }
        }
    }
    std::deque<Target>& out = cl.st.out;
    const std::size_t before = out.size();
    Frame use = cl.frame;
    Carry& carry = cl.carry;
    if (vp.value_year)
        use.years = {*vp.value_year};
    else if (!sb.inline_years.empty())
        use.years = sb.inline_years;
    else if (sb.from_stated && carry.stated_year && use.years.empty())
        use.years = {carry.stated_year};
    if (sb.from_stated && both_stated(cl, vp)) {
        // "A达到18%以上,B达到7%以上,分别比2007年提高4.9和2.9个百分点": one value each.
        const std::size_t named[2] = {carry.stated_prev_out, carry.stated_out};
        for (std::size_t k = 0; k < 2; ++k) {
            Emit one = em;
            one.values = {vp.values[k]};
            if (one.values[0].unit_text.empty()) {  // "4.9和2.9个百分点": the unit is written once
                one.values[0].unit_text = vp.values[1].unit_text;
                one.values[0].unit = vp.values[1].unit;
                if (!one.values[0].suffix) one.values[0].suffix = vp.values[1].suffix;
            }
            const std::size_t mark = out.size();
            emit(cl.st, use, one);
            for (std::size_t i = mark; i < out.size(); ++i) out[i].indicator = out[named[k]].indicator;
        }
        return Outcome::done;
    }
    emit(cl.st, use, em);
    if (!vp.whole.empty())
        for (std::size_t i = before; i < out.size(); ++i)
            out[i].note += (out[i].note.empty() ? "" : "; ") + ("a share of " + vp.whole);
    if (!vp.per_base.empty())
        for (std::size_t i = before; i < out.size(); ++i)
            if (out[i].indicator.find(vp.per_base) == std::string::npos)
                out[i].indicator = vp.per_base + out[i].indicator;
    if (baseline)
        for (std::size_t i = before; i < out.size(); ++i) out[i].baseline = baseline;
    if (!sb.from_stated && out.size() != before) carry.stated_prev_out = carry.stated_out, carry.stated_out = before;
    // "…参保率不低于95%，其中农村地区不低于93%": the part names a population of the indicator.
    if (sb.sub_population && !sb.from_carry && !sb.from_stated && !carry.stated.empty() &&
        !indicator_like(s.substr(subj.b, subj.e - subj.b)) && subj.e - subj.b <= cl.limits().part_bytes) {
        const std::string name = strip_noise(s.substr(subj.b, subj.e - subj.b)) +
                                 strip_noise(s.substr(carry.stated.b, carry.stated.e - carry.stated.b));
        for (std::size_t i = before; i < out.size(); ++i) out[i].indicator = name;
    } else if (!sb.from_stated && out.size() != before) {
        carry.stated = subj;
        carry.stated_year = sb.inline_years.size() == 1 ? sb.inline_years.front() : 0;
    } else if (sb.from_stated && out.size() != before && before > 0 && out[before - 1].kind == TargetKind::trend &&
               out[before - 1].indicator == out[before].indicator && out[before - 1].span->begin == carry.stated.b) {
        // "X逐年提高，2030年达到45%": the direction is the way to the dated level.
        out.erase(out.begin() + static_cast<std::ptrdiff_t>(before - 1));
    }
    return Outcome::done;
}

// A level verb before a benchmark: "达到国家平均水平", "高于自治区平均水平".
Outcome verb_benchmark(Clause& cl, std::size_t q, const VerbPhrase& vp, Subject& sb) {
    (void)q;
    const std::size_t bend = benchmark_phrase_at(cl.s, vp.r, cl.c.e);
    if (bend == vp.r || vp.verb->kind != VerbKind::level) return Outcome::pass;
    if (aim_like(cl.s.substr(sb.name.b, sb.name.e - sb.name.b))) return Outcome::done;  // an aim, not a target
    Emit em;
    em.subject = sb.name;
    em.evidence = {sb.evidence_b, bend};
    em.kind = TargetKind::benchmark;
    em.op = vp.bench_op;
    em.benchmark = strip_noise(cl.s.substr(vp.r, bend - vp.r));
    em.soft = cl.soft;
    Frame use = cl.frame;
    if (!sb.inline_years.empty()) use.years = sb.inline_years;
    const std::size_t before = cl.st.out.size();
    emit(cl.st, use, em);
    // "…达到全省平均水平，并较上一年度增长不少于3个百分点": the next clause goes on about it.
    if (cl.st.out.size() != before && !sb.from_stated) {
        cl.carry.stated = sb.name;
        cl.carry.stated_year = sb.inline_years.size() == 1 ? sb.inline_years.front() : 0;
    }
    return Outcome::done;
}

// The forms of a statement with a verb, tried in order once its subject is known.
struct VerbForm {
    RuleInfo info;
    Outcome (*read)(Clause&, std::size_t, const VerbPhrase&, Subject&);
    bool needs_values;
};

const VerbForm verb_forms[] = {
    {{"value_statement", "到2025年，居民健康素养水平不低于25%。", "到2025年，居民健康素养水平不低于2024年。"},
     value_statement,
     true},
    {{"verb_benchmark", "到2025年，主要健康指标达到全省平均水平。", "到2025年，应急处置能力达到省内领先水平。"},
     verb_benchmark,
     false},
};

// "较2015年增幅达45%": a name that is only a comparison and the size of a change.
bool comparison_only(std::string_view name) {
    for (std::string_view w : change_nouns)
        if (name.ends_with(w)) {
            std::string_view rest = name.substr(0, name.size() - w.size());
            return rest.empty() || at(rest, 0, "较") || at(rest, 0, "比") || at(rest, 0, "同比");
        }
    return false;
}

// "下降了33.12%", "人均预期寿命达到了81.6岁": a verb followed by 了 (grammar.hpp
// completed_particle) tells what happened; a plan's target is never written so.
bool completed_statement(const Clause& cl, std::size_t q, const VerbPhrase& vp) {
    return at(cl.s, q + vp.verb->text.size(), completed_particle);
}

// "从2005年的47.7/10万下降到2009年的31.9/10万" in a text dated 2011: the value's
// own year was past when the text was written.
bool past_value_year(const Clause& cl, const VerbPhrase& vp) {
    return vp.value_year && cl.st.doc_year && *vp.value_year < cl.st.doc_year;
}

// "人均预期寿命达到79岁究竟意味着什么？": the statement is asked about — a question mark
// follows its values in the clause (grammar.hpp question_mark; an ASCII one only right after
// a question word, since a copy's lost character is one too).
bool question_clause(const Clause& cl, const VerbPhrase& vp) {
    std::string_view s = cl.s;
    const std::size_t from = vp.values.empty() ? vp.vend : vp.values.back().end;
    const std::size_t to = std::min(s.size(), cl.c.e + question_mark.size());
    for (std::size_t k = from; k < to; ++k) {
        if (at(s, k, question_mark)) return true;
        if (s[k] != ascii_question_mark[0]) continue;
        for (std::string_view w : question_words)
            if (k >= from + w.size() && at(s, k - w.size(), w)) return true;
    }
    return false;
}

// A statement with a verb: the verb phrase, its subject, then the first form
// that reads them.
Outcome verb_statement(Clause& cl, std::size_t q) {
    std::optional<VerbPhrase> vp = verb_phrase_at(cl, q);
    if (!vp) return Outcome::pass;
    drop_next_statement_value(cl, *vp);
    std::optional<Subject> sb = statement_subject(cl, q, *vp);
    // A value with no indicator (or only an adverbial phrase, or a count of what
    // exists) is not a target.
    const std::string_view name = sb ? cl.s.substr(sb->name.b, sb->name.e - sb->name.b) : std::string_view{};
    if (!sb || adverbial_phrase(name) || existence_subject(name) || fact_subject(name) || comparison_only(name) ||
        completed_statement(cl, q, *vp) || report_verb(cl, q, *vp) || past_value_year(cl, *vp) ||
        question_clause(cl, *vp))
        return vp->values.empty() ? Outcome::pass : Outcome::done;
    if (vp->verb == &copula) {
        for (std::string_view w : copula_goal_tails)
            if (ends_with_any(cl.s, sb->name.b, sb->name.e, w) && sb->name.e - w.size() > sb->name.b) {
                sb->name.e -= w.size();
                break;
            }
        std::vector<Range> parts = split_indicators(cl.s, sb->name);
        std::string_view last = cl.s.substr(parts.back().b, parts.back().e - parts.back().b);
        if (vp->values.empty() || !indicator_like(last)) return Outcome::pass;
    }
    for (const auto& form : verb_forms)
        if (form.needs_values == !vp->values.empty())
            if (form.read(cl, q, *vp, *sb) == Outcome::done) return Outcome::done;
    return Outcome::pass;
}

struct StatementRule {
    RuleInfo info;
    Outcome (*at)(Clause&, std::size_t q);
};

const StatementRule statement_rules[] = {
    {{"minimum_count", "到2025年，各旗县区至少确定1家公立医疗卫生机构承担职业健康检查工作。",
      "各旗县区至少确定专人负责职业健康检查工作。"},
     minimum_count},
    {{"all_units_establish", "到2025年，所有二级以上综合医院均设置老年医学科。",
      "到2025年，所有二级以上综合医院均开展老年健康服务。"},
     all_units_establish},
    {{"full_coverage", "到2025年，家庭医生签约服务实现全覆盖。", "到2025年，全覆盖。"}, full_coverage},
    {{"slowing_growth", "到2030年，肥胖率上升趋势得到遏制。", "到2030年，上升趋势得到遏制。"}, slowing_growth},
    {{"verb_statement", "到2025年，婴儿死亡率控制在4‰以内。", "到2025年，随财力状况年均增长5%。"}, verb_statement},
};

// Remembers a reference phrase at q for a change verb further on; returns its end or q.
std::size_t note_reference(Clause& cl, std::size_t q) {
    if (!word_at(cl.s, q, reference_starts)) return q;
    std::vector<Reference> r;
    const std::size_t end = reference_at(cl.s, q, cl.c.e, r);
    if (end != q) {
        cl.refs = std::move(r);
        cl.ref_b = q;
        cl.ref_e = end;
    }
    return end;
}

// The statement scan at q: a reference phrase is noted (returns its end), a
// soft word marks the clause, then each statement rule is tried (returns q).
std::size_t statement_at(Clause& cl, std::size_t q, Outcome& outcome) {
    if (const std::size_t end = note_reference(cl, q); end != q) return end;
    if (word_at(cl.s, q, soft_words)) cl.soft = true;
    for (const auto& rule : statement_rules)
        if (rule.at(cl, q) == Outcome::done) {
            outcome = Outcome::done;
            break;
        }
    return q;
}

}  // namespace

Outcome statements(Clause& cl) {
    Outcome outcome = Outcome::pass;
    // With the paragraph's tokens: only the positions where a statement word
    // starts (every rule tried at q reads one of those words at q, so the
    // other positions pass every rule). Without (the pre-filter switched off
    // for the equivalence test): every position whose first character may
    // start one.
    if (const Tokens* tk = cl.st.tokens; tk && prefilter_enabled()) {
        std::size_t from = cl.p;
        for (const Hit* h = tk->first_hit(cl.p); h != tk->hits_end() && h->pos < cl.c.e; ++h) {
            if (h->pos < from || !(h->classes & word::statement)) continue;
            const std::size_t end = statement_at(cl, h->pos, outcome);
            if (outcome == Outcome::done) return outcome;
            from = end == h->pos ? end + 1 : end;
        }
        return outcome;
    }
    std::string_view s = cl.s;
    const Starts& starts = statement_starts();
    for (std::size_t q = cl.p; q < cl.c.e; q = next_cp(s, q)) {
        if (!starts.has(s, q)) continue;
        const std::size_t end = statement_at(cl, q, outcome);
        if (outcome == Outcome::done) return outcome;
        if (end != q) q = prev_cp(s, end);
    }
    return outcome;
}

std::vector<RuleInfo> statement_rule_infos() {
    std::vector<RuleInfo> v;
    for (const auto& sr : statement_rules) v.push_back(sr.info);
    for (const auto& f : verb_forms) v.push_back(f.info);
    return v;
}

}  // namespace healthplan::v0::detail::extract::rules
