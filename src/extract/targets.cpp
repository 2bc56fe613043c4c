// Targets in running text.
//
// A target clause reads  [indicator] [adverbs] [reference] verb values
// ("居民健康素养水平分别不低于22%和30%"), or [indicator] modifier direction
// ("新发近视率明显下降"), or [indicator] verb benchmark ("达到国家平均水平").
// A sentence-initial year frame ("到2022年和2030年,") gives the years, and
// values are distributed over them. Everything is a linear scan over the
// clause; no backtracking, no regular expressions.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "extract/clause.hpp"
#include "extract/document.hpp"
#include "extract/grammar.hpp"
#include "extract/lexicon_bits.hpp"
#include "extract/prefilter.hpp"  // speed branch: the sentence pre-filter
#include "extract/rule.hpp"
#include "extract/scan.hpp"
#include "extract/targets.hpp"
#include "extract/trie.hpp"
#include "healthplan/error.hpp"

namespace healthplan::v0::detail::extract {

namespace {

// "2023—2025年", "2021-2023年", "2021年至2023年": returns where the last year's
// number starts when a range begins with `first`, else first.end.
std::size_t year_range_end(std::string_view s, const Number& first) {
    std::size_t k = first.end;
    if (at(s, k, "年")) k += 3;
    for (std::string_view dash : year_range_dashes) {
        if (!at(s, k, dash)) continue;
        const std::size_t r = k + dash.size();
        auto y = number_at(s, r);
        if (y && y->is_year() && y->value > first.value && at(s, y->end, "年")) return r;
        break;
    }
    return first.end;
}

// "经过多措并举、不懈努力" (to the clause's end e): the effort behind the results
// the sentence reports. Not "经过3年努力" / "经过三年的努力": a count of years may be a promise.
bool result_clause(std::string_view s, std::size_t p, std::size_t e) {
    if (!at(s, p, result_lead)) return false;
    const std::string_view c = s.substr(p, e - p);
    bool effort = false;
    for (std::string_view w : effort_words) effort = effort || c.find(w) != std::string_view::npos;
    if (!effort) return false;
    std::size_t q = p + result_lead.size();
    if (at(s, q, "近") || at(s, q, "约")) q += 3;
    const std::string_view clause = s.substr(0, e);
    if (auto n = number_at(clause, q); n && at(s, n->end, "年")) return false;
    if (auto n = cn_numeral_at(clause, q); n && at(s, n->second, "年")) return false;
    return true;
}

// Parses a year frame at i: "到2022年和2030年", "2022年", "“十四五”期间",
// "截至2020年" (past). Returns the end (after a following comma) or i.
std::size_t frame_at(const ScanState& st, std::size_t i, std::size_t e, Frame& f) {
    std::string_view s = st.s;
    std::size_t p = skip_bullets(s, i, e);
    // "一、目标到2023年，": a heading glued to its first sentence in flattened text.
    if (const std::size_t l = heading_label_end(s.substr(0, e), p, e); l != p && frame_lead_at(s.substr(0, e), l))
        p = l;
    bool to = false, past = false;
    bool soft = false;
    // Lead-ins: "力争到2025年", "要求到2025年，", "目标是到2025年", "或到2025年达到…",
    // "实现“到2025年，…”的目标" (the frame inside quotation marks).
    for (int lead = 0; lead < 3; ++lead) {
        const std::size_t n = frame_lead_at(s.substr(0, e), p);
        if (!n) break;
        const std::string_view w = s.substr(p, n);
        soft = soft || w == "力争" || w == "争取";
        p = skip_ws(s, p + n, e);
    }
    if (at(s, p, "“")) p += 3;
    // "健康中国行动实施3年来,", "党的十八大以来,": a short clause that ends looking back
    // opens what was achieved.
    if (std::size_t ce = e; p < e) {
        while (ce > p && is_space_cp(cp_at(s, prev_cp(s, ce)))) ce = prev_cp(s, ce);
        if (ce - p <= retrospective_clause_bytes)
            for (std::string_view w : retrospective_ends)
                if (ce > p + w.size() && ends_at(s, ce, w)) {
                    f.years.clear();
                    f.past = true;
                    f.soft = false;
                    return e;
                }
    }
    // Every frame starts with a digit or one of these characters: most clauses
    // are rejected here with one decode.
    if (p >= e) return i;
    if (!is_digit_at(s, p)) {
        const char32_t c = cp_at(s, p);
        if (c != U'截' && c != U'近' && c != U'五' && c != U'过' && c != U'多' && c != U'展' && c != U'远' &&
            c != U'到' && c != U'至' && c != U'在' && c != U'“' && c != U'十' && c != U'经' && c != U'目')
            return i;
    }
    if (result_clause(s, p, e)) {
        f.years.clear();
        f.past = true;
        f.soft = false;
        return e;
    }
    for (std::string_view w : past_frame_leads)
        if (at(s, p, w)) p += w.size(), past = true;
    // "近年来", "五年来": what was achieved, not what is promised.
    for (std::string_view w : retrospective_words)
        if (at(s, p, w)) {
            f.years.clear();
            f.past = true;
            f.soft = false;
            std::size_t after = skip_ws(s, p + w.size(), e);
            if (after < e && is_comma(cp_at(s, after))) after = next_cp(s, after);
            return after;
        }
    if (!past)
        // "展望2035年，…": the long-range horizon of a five-year plan.
        for (std::string_view w : future_frame_leads)
            if (at(s, p, w)) {
                p = skip_ws(s, p + w.size(), e);  // "到 2020年" in text taken from a PDF
                to = true;
                break;
            }
    std::vector<int> years;
    bool five_year_period = false;
    std::size_t q = p;
    // Five-year-plan periods.
    {
        std::size_t r = q;
        if (at(s, r, "“")) r += 3;
        for (const FiveYearPeriod& fy : five_year_periods)
            if (at(s, r, fy.name)) {
                r += fy.name.size();
                if (at(s, r, "”")) r += 3;
                bool ok = false;
                if (at(s, r, "以来")) {  // "“十三五”以来": looking back
                    r += 6;
                    years.push_back(fy.end);
                    past = true;
                    q = r;
                    break;
                }
                for (std::string_view w : period_words)
                    if (at(s, r, w)) {
                        r += w.size();
                        ok = true;
                        break;
                    }
                if (!ok) return i;
                five_year_period = true;
                years.push_back(fy.end);
                if (st.doc_year && fy.end < st.doc_year) past = true;
                q = r;
                break;
            }
    }
    bool deadline = false;    // "2027年底前实现…": a deadline frames what follows it, comma or not
    bool stage = false;       // "2023—2025年，…": a stage of the plan, dated by its last year
    bool stage_word = false;  // "2021-2023年期间"
    while (years.empty() || q < e) {
        auto y = number_at(s.substr(0, e), q);
        if (!y || !y->is_year()) break;
        if (years.empty())
            if (std::size_t r = year_range_end(s.substr(0, e), *y); r != y->end) {
                auto last = number_at(s.substr(0, e), r);
                years.push_back(static_cast<int>(last->value));
                q = last->end + 3;
                stage = true;
                for (std::string_view w : stage_words)
                    if (at(s, q, w)) {
                        q += w.size();
                        stage_word = true;
                        break;
                    }
                break;
            }
        // "到2020-,": a copy that turned every 年 into '-' (only after 到, before a comma).
        const bool lost_nian =
            to && years.empty() && at(s, y->end, "-") && (y->end + 1 >= e || is_comma(cp_at(s, y->end + 1)));
        if (!at(s, y->end, "年") && !lost_nian) break;
        years.push_back(static_cast<int>(y->value));
        q = y->end + (lost_nian ? 1 : 3);
        // "2024年6月底前", "2025年12月31日前": a deadline's month and day go with its year.
        bool month = false;
        if (auto m = number_at(s.substr(0, e), q);
            m && m->integral && m->digits <= 2 && m->value >= 1 && m->value <= 12 && at(s, m->end, "月")) {
            q = m->end + 3;
            month = true;
            if (auto d = number_at(s.substr(0, e), q); d && d->integral && d->digits <= 2 && d->value >= 1 &&
                                                       d->value <= 31 && (at(s, d->end, "日") || at(s, d->end, "号")))
                q = d->end + 3;
        }
        bool suffixed = false;
        for (int suffixes = 0; suffixes < 2; ++suffixes) {
            const std::size_t n = rules::word_at(s, q, frame_year_suffixes);
            if (!n) break;
            deadline = deadline || ends_at(s, q + n, "前");
            q += n;
            suffixed = true;
        }
        // "2017年9月,《…纲要》提出:": a month with no 到 before it and no 底 / 前 after
        // it dates an event, not the targets the sentence goes on to quote.
        if (month && !suffixed && !to) return i;
        std::size_t k = q;
        bool more = false;
        for (std::string_view w : frame_year_joiners)
            if (at(s, k, w) && is_digit_at(s, k + w.size())) {
                q = k + w.size();
                more = true;
                break;
            }
        if (!more) break;
    }
    if (years.empty()) return i;
    std::size_t after = skip_ws(s, q, e);
    const bool comma_or_end = after >= e || is_comma(cp_at(s, after));
    // "2020年全市…" is a statement, not a frame; "“十四五”期间至少…" is one.
    // "2021年全市居民健康素养水平为22.7%，较上年增长…" in a plan issued later:
    // a year before the plan's own opening a statement reports the past, and
    // the rest of its sentence with it.
    // "2002—2012年平均每年增长约5.3%": a range running into its statement
    // describes that period (a baseline), it does not frame a target.
    if (stage && !stage_word && !comma_or_end && !to) past = true;
    if (!to && !past && !comma_or_end && !five_year_period && !stage && !deadline) {
        bool all_before = st.doc_year != 0;
        for (int y : years) all_before = all_before && y < st.doc_year;
        if (!all_before) return i;
        past = true;
    }
    if (!to && !past && st.doc_year)
        for (int y : years)
            if (y < st.doc_year) past = true;
    f.years = std::move(years);
    f.past = past;
    f.soft = soft;
    if (after < e && is_comma(cp_at(s, after))) after = next_cp(s, after);
    return after;
}

}  // namespace

std::size_t reference_at(std::string_view s, std::size_t i, std::size_t e, std::vector<Reference>& refs) {
    std::size_t p = i;
    if (at(s, p, "分别")) p += 6;
    auto years_then = [&](std::size_t q, std::vector<int>& ys) {
        for (int guard = 0; guard < 8; ++guard) {
            auto y = number_at(s.substr(0, e), q);
            if (!y || !y->is_year() || !at(s, y->end, "年")) break;  // "较3934年": no reference
            ys.push_back(static_cast<int>(y->value));
            q = y->end + 3;
            if (at(s, q, "底") || at(s, q, "末")) q += 3;
            if ((at(s, q, "和") || at(s, q, "、")) && is_digit_at(s, q + 3))
                q += 3;
            else
                break;
        }
        return q;
    };
    auto make = [&](std::vector<int> ys, std::string_view label_base, std::size_t lb, std::size_t le) {
        refs.clear();
        if (ys.empty()) {
            Reference r;
            r.label = std::string(label_base.empty() ? s.substr(lb, le - lb) : label_base);
            refs.push_back(r);
        } else {
            for (int y : ys) {
                Reference r;
                r.year = y;
                r.label = std::to_string(y) + "年";
                refs.push_back(r);
            }
        }
    };
    if (at(s, p, "比") || at(s, p, "较")) {
        std::size_t q = p + 3;
        for (std::string_view w : base_period_words)
            if (at(s, q, w)) {
                make({}, w == "基线" || w == "基准年" ? std::string_view("基期") : w, q, q + w.size());
                if (w == "基线" || w == "基准年") refs.back().label = std::string(w);
                return q + w.size();
            }
        std::vector<int> ys;
        std::size_t r = years_then(q, ys);
        if (!ys.empty()) {
            make(ys, {}, q, r);
            return r;
        }
        // "较3934年": a year no plan means (damaged digits). Kept as written,
        // without a year; emit() marks the target uncertain.
        if (auto y = number_at(s.substr(0, e), q); y && y->integral && y->digits == 4 && at(s, y->end, "年")) {
            make({}, {}, q, y->end + 3);
            return y->end + 3;
        }
        return i;
    }
    if (at(s, p, "在")) {
        std::size_t q = p + 3;
        // The length of 基础上 / 基础之上 at k, or 0.
        auto base_word = [&](std::size_t k) { return rules::word_at(s, k, base_words); };
        if (at(s, q, "现有") && base_word(q + 6)) {
            make({}, "现有基础", q, q + 6 + base_word(q + 6));
            return q + 6 + base_word(q + 6);
        }
        std::vector<int> ys;
        std::size_t r = years_then(q, ys);
        if (!ys.empty()) {
            if (at(s, r, "的")) r += 3;
            if (const std::size_t n = base_word(r)) {
                make(ys, {}, q, r);
                return r + n;
            }
            return i;
        }
        // "在基线数据基础上", "在 X 年的基础上" (a template whose years are blanked):
        // a short phrase naming the baseline or a period, kept as the label.
        std::size_t m = q;
        for (int n = 0; n < 8 && m < e && !base_word(m) && !(at(s, m, "的") && base_word(m + 3)); ++n) {
            const char32_t c = cp_at(s, m);
            if (c < 0x80 ? !(std::isalnum(static_cast<unsigned char>(c)) || c == ' ') : !(c >= 0x4E00 && c <= 0x9FFF))
                break;
            m = next_cp(s, m);
        }
        std::size_t lb = q, le = m;
        trim(s, lb, le);
        const std::size_t de = at(s, m, "的") ? 3 : 0;
        if (le > lb && base_word(m + de) && (rules::word_at(s, lb, base_period_words) || ends_at(s, le, "年"))) {
            make({}, {}, lb, le);
            return m + de + base_word(m + de);
        }
        return i;
    }
    if (at(s, p, "与")) {
        std::vector<int> ys;
        std::size_t r = years_then(p + 3, ys);
        if (!ys.empty() && at(s, r, "相比")) {
            make(ys, {}, p, r);
            return r + 6;
        }
    }
    return i;
}

// After the last run of two or more dashes inside [b, e) that opens a list item
// ("提高孕产妇保健水平 --孕产妇系统管理率": a heading's title, then an item), or b.
std::size_t after_inline_bullet(std::string_view s, std::size_t b, std::size_t e) {
    // Asked of every subject: most hold no dash at all ('-', or a dash's lead byte E2).
    // (A byte loop: find_first_of calls memchr on the set for every byte.)
    if (std::none_of(s.begin() + static_cast<std::ptrdiff_t>(b), s.begin() + static_cast<std::ptrdiff_t>(e),
                     [](char c) { return c == '-' || c == '\xE2'; }))
        return b;
    std::size_t out = b;
    for (std::size_t i = b; i < e;) {
        std::size_t k = i;
        int dashes = 0;
        while (k < e) {
            const char32_t c = cp_at(s, k);
            if (c != '-' && c != 0x2014 && c != 0x2E3A && c != 0x2E3B) break;
            dashes += c == 0x2E3A || c == 0x2E3B ? 2 : 1;
            k = next_cp(s, k);
        }
        if (dashes >= 2 && k < e && i > b) out = k;
        i = k > i ? k : next_cp(s, i);
    }
    return out;
}

void strip_trailing_words(std::string_view s, Range& r, bool* soft) {
    for (bool again = true; again && !r.empty();) {
        again = false;
        // Each list is read only when one of its words may end r (WordBits).
        if (verb_adverb_ends().may_end(s, r.e))
            for (auto w : verb_adverbs)
                if (ends_with_any(s, r.b, r.e, w) && r.e - w.size() > r.b) {
                    if (w == "力争" || w == "争取") *soft = true;
                    r.e -= w.size();
                    again = true;
                }
        if (name_trailing_ends().may_end(s, r.e))
            for (std::string_view w : name_trailing_words)
                if (ends_with_any(s, r.b, r.e, w) && r.e - w.size() > r.b) r.e -= w.size(), again = true;
        std::size_t p = prev_cp(s, r.e);
        if (r.e > r.b && (is_comma(cp_at(s, p)) || cp_at(s, p) == 0x3001)) r.e = p, again = true;
        trim(s, r.b, r.e);
    }
}

// After the example word of the last bracket the range leaves open, or b: a
// name inside an example in brackets ("扩大筛查覆盖范围(如宫颈癌筛查率达70%)")
// starts there. (Only after an example word: a bracket a copy lost the close
// of, "执业(助理医师数", stays in the name.)
std::size_t after_open_bracket(std::string_view s, std::size_t b, std::size_t e) {
    std::size_t open = b;
    int depth = 0;
    for (std::size_t i = b, n = 0; i < e; i += n) {
        n = 1;
        if (is_open_paren(s, i, &n)) {
            if (depth++ == 0) open = i + n;
        } else if (is_close_paren(s, i, &n)) {
            depth = depth > 0 ? depth - 1 : 0;
        } else {
            n = next_cp(s, i) - i;
        }
    }
    if (depth == 0 || open >= e) return b;
    for (std::string_view w : example_leads)
        if (at(s, open, w) && open + w.size() < e) return open + w.size();
    return b;
}

Range clean_subject(std::string_view s, Range r, bool* soft) {
    trim(s, r.b, r.e);
    r.b = after_open_bracket(s, r.b, r.e);
    r.b = after_inline_bullet(s, r.b, r.e);
    for (bool again = true; again && !r.empty();) {
        again = false;
        // The lead words (and their exceptions) are read only when one may start at r.b (WordBits).
        if (subject_lead_starts().may_start(s, r.b)) {
            bool name_word = false;
            for (auto x : subject_lead_exceptions) name_word = name_word || at(s, r.b, x);
            for (auto w : subject_lead_words)
                if (!name_word && r.e > r.b + w.size() && at(s, r.b, w)) {
                    if (w == "力争" || w == "争取") *soft = true;
                    r.b += w.size();
                    again = true;
                }
        }
        std::size_t n;
        if (!r.empty()) {
            const char32_t c = cp_at(s, r.b, &n);
            // Commas, list bullets, dashes and a subheading's bracket in front of a name
            // ("——人均预期寿命", "【体育产业总规模超过7200亿元】").
            if (is_comma(c) || c == 0x3001 || is_bullet(c) || c == U'【') r.b += n, again = true;
            // "中国的人均预期寿命": a name never opens with the 的 a lead word left.
            else if (c == U'的' && r.e > r.b + n)
                r.b += n, again = true;
        }
        for (std::string_view w : place_goal_verbs)
            if (const std::size_t f = s.substr(r.b, std::min(r.e - r.b, place_goal_bytes + w.size())).find(w);
                f != std::string_view::npos && r.b + f + w.size() < r.e) {
                r.b += f + w.size();
                again = true;
                break;
            }
        // "以乡镇为单位…": the unit of measurement, not part of the name.
        if (at(s, r.b, "以")) {
            std::string_view head = s.substr(r.b, std::min<std::size_t>(r.e - r.b, 40));
            std::size_t f = head.find("为单位");
            if (f != std::string_view::npos && r.b + f + 9 < r.e) r.b += f + 9, again = true;
        }
        r.b = skip_ws(s, r.b, r.e);
    }
    strip_trailing_words(s, r, soft);
    // "到2025年，实现全覆盖。": a subject that is nothing but a lead or trailing
    // word ("实现", "确保", "全市") names nothing; the subject is elided.
    const std::string_view rest = s.substr(r.b, r.e - r.b);
    for (auto w : subject_lead_words)
        if (rest == w) return {r.b, r.b};
    for (auto w : name_trailing_words)
        if (rest == w) return {r.b, r.b};
    return r;
}

bool weak_head(std::string_view name) {
    for (auto h : weak_indicator_heads)
        if (ends_at(name, name.size(), h)) return true;
    return false;
}

bool vague_modifiers_only(std::string_view mods) {
    for (auto m : vague_trend_modifiers)
        if (mods == m) return true;
    return false;
}

bool indicator_like(std::string_view name) {
    for (auto h : indicator_heads)
        if (ends_at(name, name.size(), h)) return true;
    return false;
}

// A name that is a list of indicators ("婴儿死亡率、孕产妇死亡率") splits
// into its parts when every part is indicator-like. 、 is tried first, so
// "基本知识和理念素养水平、基本技能素养水平" keeps its 和 inside a name.
// "孕产妇中、重度贫血患病率", "轻、中度": a 、 between two grade characters lists
// grades of one thing, not two indicators.
bool grade_pair_at(std::string_view s, std::size_t b, std::size_t i, std::size_t e) {
    auto grade = [](char32_t c) {
        return c == U'轻' || c == U'中' || c == U'重' || c == U'高' || c == U'低' || c == U'大' || c == U'小';
    };
    return i > b && i + 3 < e && grade(cp_at(s, prev_cp(s, i))) && grade(cp_at(s, i + 3));
}

namespace {

// "新生儿死亡率、婴儿死亡率和5岁以下儿童死亡率": a 、 list closes with 和 / 及
// before its last item, so the last part of a 、 split holds two names when
// both sides of its conjunction are indicator-like.
void split_closing_and(std::string_view s, std::vector<Range>& parts) {
    Range last = parts.back();
    for (std::size_t i = last.b; i < last.e;) {
        std::size_t n;
        char32_t c = cp_at(s, i, &n);
        if (c == U'和' || c == U'及') {
            Range a{last.b, i}, b{i + n, last.e};
            trim(s, a.b, a.e);
            trim(s, b.b, b.e);
            if (!a.empty() && !b.empty() && indicator_like(s.substr(a.b, a.e - a.b)) &&
                indicator_like(s.substr(b.b, b.e - b.b))) {
                parts.back() = a;
                parts.push_back(b);
                return;
            }
        }
        i += n;
    }
}

}  // namespace

// "苯丙酮尿症、先天性甲状腺功能减低症等新生儿遗传代谢病2周内诊断率、2周内治疗率": the
// examples before 等 belong to the first name; a list of names starts after the last 等
// that follows a 、. Returns where the list may split.
std::size_t after_example_list(std::string_view s, Range r) {
    const std::size_t f = rfind_word(s.substr(r.b, r.e - r.b), example_list_end);
    if (f == std::string_view::npos) return r.b;
    const std::size_t sep = s.substr(r.b, f).find("、");
    // (not "…服务比例、…挂号就医等便利服务绿色通道比例": a name before the 、 lists names)
    if (sep == std::string_view::npos || indicator_like(s.substr(r.b, sep))) return r.b;
    return r.b + f + example_list_end.size();
}

std::vector<Range> split_indicators(std::string_view s, Range r) {
    const std::size_t split_from = after_example_list(s, r);
    for (bool also_and : {false, true}) {
        std::vector<Range> parts;
        std::size_t start = r.b;
        for (std::size_t i = split_from; i < r.e;) {
            std::size_t n;
            char32_t c = cp_at(s, i, &n);
            if ((c == 0x3001 && !grade_pair_at(s, r.b, i, r.e)) || (also_and && (c == U'和' || c == U'及'))) {
                parts.push_back({start, i});
                start = i + n;
            }
            i += n;
        }
        parts.push_back({start, r.e});
        if (parts.size() < 2) continue;
        bool all = true;
        for (auto& p : parts) {
            trim(s, p.b, p.e);
            if (p.empty() || !indicator_like(s.substr(p.b, p.e - p.b))) all = false;
        }
        if (all) {
            if (!also_and) split_closing_and(s, parts);
            return parts;
        }
    }
    return {r};
}

// The per-population base that opens `name` ("每千人口" of "每千人口床位数"), or "".
std::string_view population_base(std::string_view name) {
    if (!at(name, 0, per_population_lead)) return {};
    std::size_t i = per_population_lead.size();
    for (int chars = 0; i < name.size() && chars < 6; ++chars, i += u8len(static_cast<unsigned char>(name[i])))
        for (std::string_view h : per_population_heads)
            if (at(name, i, h)) return name.substr(0, i + h.size());
    return {};
}

namespace {

// "新生儿听力障碍3个月内诊断率、6个月内干预率": a later name opening with a count whose
// word matches one inside the first name (个月内 / 个月内) shares what stands before it
// there. Returns where that count starts in `first`, or npos.
std::size_t parallel_qualifier(std::string_view first, std::string_view part) {
    if (part.empty() || !is_digit_at(part, 0)) return std::string_view::npos;
    std::size_t pk = 0;
    while (pk < part.size() && (is_digit_at(part, pk) || part[pk] == '.')) pk = next_cp(part, pk);
    if (pk >= part.size() || cp_at(part, pk) < 0x4E00) return std::string_view::npos;
    // The first count of `first`, after a head of words only ("0—6岁…" has no head).
    std::size_t d = 0;
    while (d < first.size() && !is_digit_at(first, d)) d = next_cp(first, d);
    if (d == 0 || d == first.size() || cp_at(first, prev_cp(first, d)) < 0x4E00) return std::string_view::npos;
    std::size_t fk = d;
    while (fk < first.size() && (is_digit_at(first, fk) || first[fk] == '.')) fk = next_cp(first, fk);
    return fk < first.size() && cp_at(first, fk) == cp_at(part, pk) ? d : std::string_view::npos;
}

// "高血压治疗率、控制率": a short later name shares the first name's prefix
// (高血压控制率); "每千人口执业（助理）医师数、注册护士数": a later name shares the
// first one's per-population base (每千人口注册护士数). Returns the completed
// name, or the part as written.
std::string complete_name(std::string_view s, const std::vector<Range>& parts, std::size_t k) {
    std::string_view part = s.substr(parts[k].b, parts[k].e - parts[k].b);
    if (k == 0) return strip_noise(part);
    std::string_view first = s.substr(parts[0].b, parts[0].e - parts[0].b);
    if (const std::string_view base = population_base(first); !base.empty() && !at(part, 0, per_population_lead))
        return strip_noise(std::string(base) + std::string(part));
    if (const std::size_t d = parallel_qualifier(first, part); d != std::string_view::npos)
        return strip_noise(std::string(first.substr(0, d)) + std::string(part));
    for (std::string_view w : cause_markers)
        if (const std::size_t f = first.find(w); f != std::string_view::npos && part.find(w) == std::string_view::npos)
            return strip_noise(std::string(first.substr(0, f + w.size())) + std::string(part));
    std::size_t part_chars = 0, first_chars = 0;
    for (std::size_t i = 0; i < part.size(); i += u8len(static_cast<unsigned char>(part[i]))) ++part_chars;
    for (std::size_t i = 0; i < first.size(); i += u8len(static_cast<unsigned char>(first[i]))) ++first_chars;
    if (part_chars > 4 || first_chars < part_chars + 2) return strip_noise(part);
    // Drop as many characters from the end of the first name as the part has.
    std::size_t cut = first.size();
    for (std::size_t n = 0; n < part_chars; ++n) cut = prev_cp(first, cut);
    return strip_noise(std::string(first.substr(0, cut)) + std::string(part));
}

// "高血压、2型糖尿病患者基层规范管理服务率", "健康社区、健康村覆盖率": only the
// last item of a 、 list ends like an indicator; the items before it are
// short nouns that share its tail. The tail starts at the population noun
// (患者, 人群 …) of the last item, else it is the last item's head word
// (覆盖率, 达标率, 比例 …). Returns the completed names, or nothing when the
// name is not such a list.
// The names of "PREFIX STEM1、STEM2 TAIL" where STEM1 and STEM2 have as many
// characters (spaces aside): "12月龄儿童建卡、建证率" → 12月龄儿童建卡率, 12月龄儿童建证率;
// "“五苗”单 苗、全程接种率" → “五苗”单苗接种率, “五苗”全程接种率. The tail is the last
// item after its two-character stem, or its 率 alone when it is that short.
std::vector<std::string> prefixed_pair_names(std::string_view s, Range first, std::string_view last) {
    std::vector<std::size_t> lc;  // character starts of `last`
    for (std::size_t i = 0; i < last.size(); i += u8len(static_cast<unsigned char>(last[i]))) lc.push_back(i);
    if (lc.size() < 3 || lc.size() > 5 || !ends_at(last, last.size(), "率")) return {};
    const std::size_t stem_chars = 2;
    const std::string_view tail = last.substr(lc[stem_chars]);
    // The first item's last two characters that are not spaces.
    std::size_t b = first.e;
    for (std::size_t n = 0; n < stem_chars && b > first.b;) {
        b = prev_cp(s, b);
        if (!is_space_cp(cp_at(s, b)))
            ++n;
        else if (n == 0)
            return {};
    }
    for (std::size_t i = b; i < first.e; i = next_cp(s, i)) {
        const char32_t c = cp_at(s, i);
        if (!is_space_cp(c) && (c < 0x4E00 || c > 0x9FFF)) return {};
    }
    if (b <= first.b) return {};
    const std::string prefix = strip_noise(s.substr(first.b, b - first.b));
    return {prefix + strip_noise(s.substr(b, first.e - b)) + std::string(tail), prefix + std::string(last)};
}

std::vector<std::string> shared_tail_names(std::string_view s, Range r, std::size_t part_bytes) {
    std::vector<Range> parts;
    std::size_t start = r.b;
    for (std::size_t i = r.b; i < r.e;) {
        std::size_t n;
        if (cp_at(s, i, &n) == 0x3001 && !grade_pair_at(s, r.b, i, r.e)) parts.push_back({start, i}), start = i + n;
        i += n;
    }
    parts.push_back({start, r.e});
    if (parts.size() < 2 || parts.size() > 8) return {};
    for (auto& p : parts) {
        trim(s, p.b, p.e);
        if (p.empty()) return {};
    }
    std::string_view last = s.substr(parts.back().b, parts.back().e - parts.back().b);
    if (!indicator_like(last)) return {};
    // "高血压、糖尿病患者等重点人群…签约服务率": examples of a group (等), one name.
    if (const std::size_t f = last.find("等");
        f != std::string_view::npos && !at(last, f + 3, "级") &&
        !(f >= 3 && (at(last, f - 3, "甲") || at(last, f - 3, "乙") || at(last, f - 3, "丙") || at(last, f - 3, "同"))))
        return {};
    // "12月龄儿童建卡、建证率", "“五苗”单 苗、全程接种率": two items, the first long,
    // its last characters pairing with the last item's stem — what comes before
    // them is a prefix both share (pairs_with_stem below).
    const bool prefixed_pair =
        parts.size() == 2 && (s.substr(parts[0].b, parts[0].e - parts[0].b).size() > part_bytes || last.size() <= 9);
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
        std::string_view item = s.substr(parts[k].b, parts[k].e - parts[k].b);
        // An earlier item that is an indicator of its own, long, or holds a
        // number with a unit is not a short noun waiting for the tail.
        if (indicator_like(item) || (item.size() > part_bytes && !prefixed_pair)) return {};
        for (std::size_t i = 0; i < item.size(); i += u8len(static_cast<unsigned char>(item[i])))
            if (is_comma(cp_at(item, i)) || percent_at(item, i)) return {};
    }
    if (prefixed_pair) return prefixed_pair_names(s, parts[0], last);
    std::size_t tail = std::string_view::npos;
    for (std::string_view w : population_nouns) {
        std::size_t f = last.find(w);
        if (f != std::string_view::npos && f > 0 && (tail == std::string_view::npos || f < tail)) tail = f;
    }
    if (tail == std::string_view::npos) {
        // The head word: a two-character word before 率, or 比例 / 占比 / 比重.
        std::size_t e = last.size();
        if (ends_at(last, e, "率") && e >= 9) {
            // Two characters before 率, counted in characters: a name may hold ASCII ("保健q率").
            tail = prev_cp(last, prev_cp(last, e - 3));
        } else
            for (std::string_view h : shared_head_words)
                if (ends_at(last, e, h) && e > h.size()) {
                    tail = e - h.size();
                    break;
                }
    }
    if (tail == std::string_view::npos || tail == 0) return {};
    std::string_view shared = last.substr(tail);
    std::vector<std::string> out;
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
        std::string_view item = s.substr(parts[k].b, parts[k].e - parts[k].b);
        // "高血压患者、糖尿病患者规范管理率": the item already ends with the tail's first word.
        std::string name(item);
        std::string_view add = shared;
        for (std::string_view w : {"患者", "人群", "人员"})
            if (ends_at(item, item.size(), w) && at(add, 0, w)) add.remove_prefix(w.size());
        name += add;
        out.push_back(strip_noise(name));
    }
    out.push_back(strip_noise(last));
    return out;
}

}  // namespace

void emit(ScanState& st, const Frame& frame, Emit& em) {
    std::string_view s = st.s;
    const std::vector<int>& ys = frame.years;
    std::vector<std::optional<int>> years;
    std::vector<std::size_t> value_index;
    std::vector<TargetKind> kinds;
    bool uncertain = false;
    std::string note = em.note;
    bool glued = false, damaged = false;
    for (const auto& v : em.values) glued = glued || v.glued, damaged = damaged || v.damaged;
    if (damaged) {
        uncertain = true;
        note += (note.empty() ? "" : "; ") +
                std::string("characters lost next to a value ('?'); the number may be incomplete");
    }
    for (const auto& r : em.refs)
        if (!r.year && !r.label.empty() && is_digit_at(r.label, 0)) {
            uncertain = true;
            note += (note.empty() ? "" : "; ") + ("the reference year " + r.label + " is out of range");
            break;
        }
    if (glued) {
        uncertain = true;
        if (!note.empty()) note += "; ";
        note += "values are not separated in the text (characters lost?); read in order";
    }
    const std::size_t nv = std::max<std::size_t>(em.values.size(), 1);
    if (ys.empty()) {
        for (std::size_t k = 0; k < nv; ++k)
            years.push_back(std::nullopt), value_index.push_back(k), kinds.push_back(em.kind);
        if (em.values.size() > 1) {
            uncertain = true;
            note += (note.empty() ? "" : "; ") + std::string("several values without target years");
        }
    } else if (nv == ys.size()) {
        for (std::size_t k = 0; k < nv; ++k) years.push_back(ys[k]), value_index.push_back(k), kinds.push_back(em.kind);
    } else if (nv == 1) {
        for (std::size_t k = 0; k < ys.size(); ++k) {
            years.push_back(ys[k]);
            value_index.push_back(0);
            kinds.push_back(k > 0 && em.then_trend ? TargetKind::trend : em.kind);
        }
    } else {
        const std::size_t n = std::min(nv, ys.size());
        for (std::size_t k = 0; k < n; ++k) years.push_back(ys[k]), value_index.push_back(k), kinds.push_back(em.kind);
        uncertain = true;
        note += (note.empty() ? "" : "; ") + std::string("number of values does not match the number of years");
    }
    // Suffix of the last value applies to the ones without their own.
    std::optional<Comparator> shared_suffix;
    Unit shared_unit;
    std::string shared_unit_text;
    for (auto it = em.values.rbegin(); it != em.values.rend(); ++it) {
        if (!shared_suffix && it->suffix) shared_suffix = it->suffix;
        if (shared_unit_text.empty() && !it->unit_text.empty())
            shared_unit = it->unit, shared_unit_text = it->unit_text;
    }
    // The evidence never reaches further back than the limit, on a character boundary.
    std::size_t evidence_b = em.evidence.b;
    if (em.evidence.e - evidence_b > st.limits.evidence_bytes) {
        evidence_b = em.evidence.e - st.limits.evidence_bytes;
        while (evidence_b < em.evidence.e && (static_cast<unsigned char>(s[evidence_b]) & 0xC0) == 0x80) ++evidence_b;
    }
    std::vector<Range> names = split_indicators(s, em.subject);
    // "高血压、糖尿病患者规范管理率": the earlier items share the last one's tail.
    std::vector<std::string> tail_names;
    if (names.size() == 1) tail_names = shared_tail_names(s, em.subject, st.limits.part_bytes);
    const std::size_t name_count = tail_names.empty() ? names.size() : tail_names.size();
    // "孕产妇死亡率和婴儿死亡率分别控制在18/10万和7‰以下": one value per indicator.
    // "A、B、C分别提高到30%、20%、20%和45%、25%、30%" under two years: a grid,
    // the values grouped by year.
    const bool grid = name_count >= 2 && ys.size() >= 2 && em.values.size() == name_count * ys.size();
    const bool per_indicator = name_count >= 2 && em.values.size() == name_count && ys.size() <= 1;
    if (grid) {
        years.clear();
        kinds.clear();
        for (int y : ys) years.push_back(y), kinds.push_back(em.kind);
        uncertain = glued || damaged;
        note = em.note;
    }
    if (per_indicator) {
        years.assign(1, ys.empty() ? std::nullopt : std::optional<int>(ys.front()));
        kinds.assign(1, em.kind);
        value_index.assign(1, 0);
        // The count remarks above do not apply: the values pair with the names.
        uncertain = glued || damaged;
        note = em.note;
        if (glued) note += (note.empty() ? "" : "; ") + std::string("values are not separated in the text");
        if (damaged) note += (note.empty() ? "" : "; ") + std::string("characters lost next to a value ('?')");
    }
    for (std::size_t ni = 0; ni < name_count; ++ni) {
        Range name = names[tail_names.empty() ? ni : 0];
        if (per_indicator) value_index.assign(1, ni);
        if (grid) {
            value_index.clear();
            for (std::size_t yi = 0; yi < ys.size(); ++yi) value_index.push_back(yi * name_count + ni);
        }
        std::string indicator = !tail_names.empty() ? tail_names[ni]
                                : names.size() > 1  ? complete_name(s, names, ni)
                                                    : strip_noise(s.substr(name.b, name.e - name.b));
        if (indicator.empty()) continue;
        for (std::size_t k = 0; k < years.size(); ++k) {
            Target t;
            t.indicator = indicator;
            t.year = years[k];
            t.kind = kinds[k];
            t.soft = em.soft;
            t.span = make_span(evidence_b, em.evidence.e);
            if (t.kind == TargetKind::trend) {
                t.comparator =
                    em.then_trend ? (em.then_trend > 0 ? Comparator::increase : Comparator::decrease) : em.op;
            } else if (t.kind == TargetKind::benchmark) {
                t.comparator = em.op;
                t.benchmark = em.benchmark;
            } else {
                const ValueText& v = em.values[value_index[k]];
                t.value = v.value;
                t.unit = v.unit_text.empty() && v.unit.is_none() ? shared_unit : v.unit;
                t.unit_text = v.unit_text.empty() ? shared_unit_text : v.unit_text;
                if (v.upper) {
                    note += (note.empty() ? "" : "; ") + std::string("the range ") +
                            std::string(s.substr(v.begin, v.end - v.begin)) + " is read as at least its lower end";
                }
                if (t.kind == TargetKind::level) {
                    std::optional<Comparator> suf = v.suffix ? v.suffix : shared_suffix;
                    t.comparator = em.op;
                    if (suf && !em.strict_verb) t.comparator = *suf;
                    if (v.upper && !suf) t.comparator = Comparator::ge;
                } else {
                    t.comparator = em.op;
                    if (!em.refs.empty() && t.kind == TargetKind::change) {
                        t.reference = em.refs.size() == years.size() ? em.refs[k] : em.refs.front();
                        // 降低10% is relative to the reference; 下降2个百分点, 提高1岁, 增加500张 are absolute.
                        if (t.unit == Unit::percentage_point())
                            t.reference->mode = ChangeMode::points;
                        else if (t.unit == Unit::percent())
                            t.reference->mode = ChangeMode::relative;
                        else
                            t.reference->mode = ChangeMode::absolute;
                    }
                }
            }
            if (t.kind == TargetKind::change && !t.reference) {
                Reference r;  // the plan's base period, not named
                r.label = "";
                t.reference = r;
                note += (note.empty() ? "" : "; ") + std::string("reference not stated");
            }
            if (uncertain) t.certainty = Certainty::uncertain;
            t.nature = em.nature;
            t.note = note;
            st.out.push_back(std::move(t));
        }
    }
}

namespace {

// "各省份确定本年度居民健康素养水平目标": the indicator of a clause that sets a
// target, between its verb and 目标; the range as it is when there is none.
Range goal_name(std::string_view s, Range r) {
    if (!ends_with_any(s, r.b, r.e, "目标")) return r;
    const std::size_t e = r.e - std::string_view("目标").size();
    std::size_t b = std::string_view::npos;
    for (auto v : goal_verbs)
        if (std::size_t f = rfind_word(s.substr(r.b, e - r.b), v); f != std::string_view::npos)
            if (b == std::string_view::npos || r.b + f + v.size() > b) b = r.b + f + v.size();
    if (b == std::string_view::npos) return r;
    b = skip_ws(s, b, e);
    for (auto q : goal_qualifiers)
        if (at(s, b, q)) {
            b += q.size();
            break;
        }
    Range name{b, e};
    trim(s, name.b, name.e);
    if (name.empty() || !indicator_like(s.substr(name.b, name.e - name.b))) return r;
    return name;
}

}  // namespace

void clean_carried(std::string_view s, Carry& carry) {
    if (carry.subject_clean) return;
    bool soft = false;
    carry.subject = goal_name(s, clean_subject(s, carry.subject, &soft));
    carry.soft = carry.soft || soft;
    carry.subject_clean = true;
}

bool value_year_possible_past(const ScanState& st, std::string_view s, std::size_t b, std::size_t e) {
    auto y = number_at(s.substr(0, e), b);
    return y && y->is_year() && st.doc_year && y->value < st.doc_year;
}

std::size_t trailing_year(std::string_view s, std::size_t b, std::size_t e, int* year) {
    std::size_t k = e;
    for (std::string_view w : {"底", "末"})
        if (ends_with_any(s, b, k, w)) k -= w.size();
    if (!ends_with_any(s, b, k, "年")) return e;
    k -= 3;
    std::size_t d = k;
    for (int n = 0; n < 4; ++n) {
        if (d == b) return e;
        std::size_t p = prev_cp(s, d);
        if (!is_digit_at(s, p)) return e;
        d = p;
    }
    if (d > b && is_digit_at(s, prev_cp(s, d))) return e;
    auto y = number_at(s.substr(0, k), d);
    if (!y || !y->is_year() || y->end != k) return e;
    *year = static_cast<int>(y->value);
    return d;
}

namespace {

// A list line of an indicator box: "居民健康素养水平（%）：2025年≥25，2030年≥30",
// "每千人口医疗卫生机构床位数（张）：2025年6.8，2030年7.5" — the name, its unit
// in parentheses, a colon, then "YEAR年 [comparator] value" pairs. A bare value
// is "=". The whole rest of the line must be pairs, so running text with a
// colon is left to the sentence scan. Returns whether the line was read.
bool year_value_list(ScanState& st, std::size_t b, std::size_t e) {
    std::string_view s = st.s;
    trim(s, b, e);
    // Trailing full stop or semicolon.
    while (e > b) {
        std::size_t p = prev_cp(s, e);
        const char32_t c = cp_at(s, p);
        if (!is_stop(c) && !is_semicolon(c) && c != 0xFF0C && c != ',') break;
        e = p;
    }
    // The colon, outside parentheses. Every line comes here first, so a
    // character that is none of ( ) （ ） : ： (each ASCII or led by EF) is
    // stepped over by its lead byte, undecoded.
    std::size_t colon = e, colon_len = 0;
    if (!has_colon(s.substr(b, e - b))) return false;  // most lines: two byte searches
    int depth = 0;
    for (std::size_t i = b; i < e;) {
        if (const auto lead = static_cast<unsigned char>(s[i]); lead >= 0x80 && lead != 0xEF) {
            i += u8len(lead);
            continue;
        }
        std::size_t n;
        const char32_t c = cp_at(s, i, &n);
        if (c == '(' || c == 0xFF08)
            ++depth;
        else if ((c == ')' || c == 0xFF09) && depth > 0)
            --depth;
        else if (depth == 0 && (c == ':' || c == 0xFF1A)) {
            colon = i, colon_len = n;
            break;
        }
        i += n;
    }
    if (colon == e || colon == b) return false;
    std::size_t i = skip_ws(s, colon + colon_len, e);
    auto y0 = number_at(s.substr(0, e), i);
    if (!y0 || !y0->is_year() || !at(s, y0->end, "年")) return false;
    // The name and an optional unit in the last parenthesis before the colon.
    std::size_t nb = skip_bullets(s, b, colon), ne = colon;
    trim(s, nb, ne);
    Unit unit;
    std::string unit_text;
    {
        std::size_t cl = 0, p = prev_cp(s, ne);
        if (ne > nb && is_close_paren(s, p, &cl)) {
            std::size_t ob = p, ol = 0;
            while (ob > nb && !is_open_paren(s, ob, &ol)) ob = prev_cp(s, ob);
            if (is_open_paren(s, ob, &ol)) {
                std::string_view inner = s.substr(ob + ol, p - ob - ol);
                if (auto u = Unit::try_parse(std::string(inner)); u && !inner.empty()) {
                    unit = *u;
                    unit_text = std::string(inner);
                    ne = ob;
                }
            }
        }
    }
    trim(s, nb, ne);
    if (ne <= nb || ne - nb > st.limits.name_bytes) return false;
    bool soft = false;
    Range name = clean_subject(s, {nb, ne}, &soft);
    if (name.empty()) return false;
    struct Pair {
        int year;
        Comparator op;
        ValueText v;
    };
    struct Sym {
        std::string_view text;
        Comparator op;
    };
    static constexpr Sym symbols[] = {
        {">=", Comparator::ge},     {"<=", Comparator::le},    {"≥", Comparator::ge},     {"≧", Comparator::ge},
        {"≤", Comparator::le},      {"≦", Comparator::le},     {">", Comparator::gt},     {"＞", Comparator::gt},
        {"<", Comparator::lt},      {"＜", Comparator::lt},    {"=", Comparator::eq},     {"＝", Comparator::eq},
        {"约", Comparator::approx}, {"~", Comparator::approx}, {"～", Comparator::approx}};
    std::vector<Pair> pairs;
    for (int guard = 0; guard < 16 && i < e; ++guard) {
        auto y = number_at(s.substr(0, e), i);
        if (!y || !y->is_year() || !at(s, y->end, "年")) return false;
        std::size_t j = y->end + 3;
        for (std::string_view w : {"底", "末"})
            if (at(s, j, w)) j += w.size();
        if (at(s, j, ":") || at(s, j, "：")) j += at(s, j, ":") ? 1 : 3;
        j = skip_ws(s, j, e);
        std::optional<Comparator> op;
        bool strict = false;
        for (const auto& sym : symbols)
            if (at(s, j, sym.text)) {
                op = sym.op;
                j = skip_ws(s, j + sym.text.size(), e);
                break;
            }
        if (!op)
            for (const auto& v : verbs)
                if (v.kind == VerbKind::level && at(s, j, v.text)) {
                    op = v.op;
                    strict = v.strict;
                    j += v.text.size();
                    break;
                }
        auto v = value_at(s, j, e);
        if (!v) return false;
        Comparator use = op ? *op : Comparator::eq;
        if (v->suffix && (!op || (!strict && use != Comparator::eq))) use = *v->suffix;
        pairs.push_back({static_cast<int>(y->value), use, *v});
        i = skip_ws(s, v->end, e);
        if (i >= e) break;
        std::size_t n;
        const char32_t c = cp_at(s, i, &n);
        if (!is_comma(c) && c != 0x3001 && !is_semicolon(c)) return false;
        i = skip_ws(s, i + n, e);
    }
    if (pairs.empty() || i < e) return false;
    for (const auto& pr : pairs) {
        Target t;
        t.indicator = strip_noise(s.substr(name.b, name.e - name.b));
        t.year = pr.year;
        t.kind = TargetKind::level;
        t.comparator = pr.op;
        t.value = pr.v.value;
        if (!pr.v.unit_text.empty())
            t.unit = pr.v.unit, t.unit_text = pr.v.unit_text;
        else
            t.unit = unit, t.unit_text = unit_text;
        t.soft = soft;
        t.span = make_span(name.b, pr.v.end);
        if (pr.v.damaged) {
            t.certainty = Certainty::uncertain;
            t.note = "characters lost next to a value ('?'); the number may be incomplete";
        }
        st.out.push_back(std::move(t));
    }
    return true;
}

// Whether a title holds a word of `past_section_words`: one pass over the
// title with the words' trie (a search per word went over every title 16 times).
bool past_title(std::string_view title) {
    static const Trie<char> words = [] {
        Trie<char> t;
        for (auto w : past_section_words) t.add(w, 1);
        return t;
    }();
    // A title is short; a heading line run into its body without a full stop
    // (a flattened copy: "一、总体思路坚持以人民健康为中心,…推动经济社会高质量进展")
    // is asked about its opening only.
    std::size_t i = 0;
    for (int chars = 0; i < title.size() && chars < 24; i += u8len(static_cast<unsigned char>(title[i])), ++chars)
        if (words.longest(title, i)) return true;
    return false;
}

bool past_section(const Document& d, int h) {
    for (int k = h; k >= 0; k = d.headings[k].parent)
        if (past_title(d.headings[k].title_in(d.text))) return true;
    return false;
}

// Boxes that list construction projects (重点工程 / 项目) hold specifications, not targets.
bool project_box(const Document& d, int h) {
    for (int k = h; k >= 0; k = d.headings[k].parent)
        if (d.headings[k].style == HeadingStyle::box) {
            std::string_view t = d.headings[k].title_in(d.text);
            return t.find("工程") != std::string_view::npos || t.find("项目") != std::string_view::npos ||
                   t.find("指标") != std::string_view::npos;  // indicator tables are read as tables
        }
    return false;
}

// The box of heading h (if any) lists indicators: 专栏1 主要指标.
bool indicator_box(const Document& d, int h) {
    for (int k = h; k >= 0; k = d.headings[k].parent)
        if (d.headings[k].style == HeadingStyle::box) {
            std::string_view t = d.headings[k].title_in(d.text);
            return t.find("指标") != std::string_view::npos && t.find("工程") == std::string_view::npos &&
                   t.find("项目") == std::string_view::npos;
        }
    return false;
}

// A numbered heading that is an item of a value list, not a task: a lower
// (arabic) numbering, one statement on its line — no full stop before the
// line's end, so no title sentence followed by a body.
// Whether heading h numbers on from item p: same style, same parent, the next number.
bool next_item(const Document& d, int p, int h) {
    const Heading& a = d.headings[static_cast<std::size_t>(p)];
    const Heading& b = d.headings[static_cast<std::size_t>(h)];
    const int n = label_number(a);
    return a.style == b.style && a.parent == b.parent && n > 0 && label_number(b) == n + 1;
}

bool value_list_item(const Document& d, int h) {
    const Heading& hd = d.headings[h];
    if (hd.style != HeadingStyle::arabic && hd.style != HeadingStyle::paren_arabic) return false;
    const Line& l = d.lines[hd.line];
    std::string_view s = d.text;
    std::size_t e = l.end;
    while (e > hd.label_end) {
        std::size_t p = prev_cp(s, e);
        const char32_t c = cp_at(s, p);
        if (!is_stop(c) && !is_semicolon(c) && !is_space_cp(c)) break;
        e = p;
    }
    for (std::size_t i = hd.label_end; i < e;) {
        std::size_t n;
        if (is_stop(cp_at(s, i, &n))) return false;
        i += n;
    }
    return e > hd.label_end;
}

// Whether the text of the sentence before clause b (from sentence start i) is
// one clause ending in a verb that announces goals or a goal word: "行动计划要求,",
// "《规划》提出,", "总体目标是,".
bool announced_before(std::string_view s, std::size_t i, std::size_t b) {
    std::size_t e = b;
    while (e > i && (is_space_cp(cp_at(s, prev_cp(s, e))) || is_comma(cp_at(s, prev_cp(s, e))))) e = prev_cp(s, e);
    if (e <= i) return false;
    const std::string_view lead = s.substr(i, e - i);
    if (lead.find("，") != std::string_view::npos || lead.find(',') != std::string_view::npos) return false;
    for (std::string_view v : announcing_verbs)
        if (lead.ends_with(v)) return true;
    for (std::string_view w : goal_copulas)
        if (lead.ends_with(w)) return true;
    return false;
}

// Whether [b, e) holds a dated speech: a day ("7日", "9月7日") then, perhaps
// after "在…上", a verb of speech (grammar.hpp speech_verbs).
bool dated_speech(std::string_view s, std::size_t b, std::size_t e) {
    const std::string_view text = s.substr(b, e - b);
    for (std::size_t f = text.find("日"); f != std::string_view::npos; f = text.find("日", f + 3)) {
        if (f == 0 || !is_digit_at(text, f - 1)) continue;
        std::size_t k = f + 3;
        if (at(text, k, "在")) {
            const std::size_t on = text.substr(k, 60).find("上");
            if (on == std::string_view::npos) continue;
            k += on + 3;
        }
        for (std::string_view v : speech_verbs)
            if (at(text, k, v)) return true;
    }
    return false;
}

// Where a frame may start after a verb that announces the document's goals
// ("《实施计划》确定了到2025年"), or clause.b. The frame must start right after
// the verb (and 了). A frame ending the clause dates the paragraph; one running
// on into it ("设定了到2025年12岁儿童…") dates the sentence (scan_line).
std::size_t announced_frame_at(std::string_view s, Range clause) {
    const std::string_view c = s.substr(clause.b, clause.e - clause.b);
    for (std::string_view v : announcing_verbs)
        for (std::size_t at_ = c.find(v); at_ != std::string_view::npos; at_ = c.find(v, at_ + v.size())) {
            std::size_t p = at_ + v.size();
            if (at(c, p, "了")) p += 3;
            if (at(c, p, "到") || at(c, p, "至")) return clause.b + p;
        }
    return clause.b;
}

// Reads one paragraph. `inherited` is the frame of an earlier paragraph that
// ended introducing a list ("到2025年，主要目标是：" then "——…" lines); on return
// it holds the frame the following lines inherit (or none). Returns the dated
// frame the paragraph opens with ("到2015年,…"), or none for a paragraph
// introducing a list. `carried` dates a paragraph that opens with no frame of
// its own (the frame of an earlier paragraph of its section); `opened_past`
// tells whether the paragraph opened with a frame that looks back.
Frame scan_line(ScanState& st, std::size_t b, std::size_t e, std::vector<int>& para_years, Frame& inherited,
                const Frame& carried, bool& opened_past) {
    std::string_view s = st.s;
    std::size_t i = b;
    const Tokens& tk = *st.tokens;
    find_hits(s, b, e, *st.tokens);  // the rules read the hits only
    const bool filter = prefilter_enabled();
    // A paragraph that opens with its years ("到2025年,…") dates every sentence in it.
    Frame para_frame = inherited.years.empty() ? carried : inherited;
    // A carried frame is the weakest: the paragraph's own first frame ends it.
    bool carrying = inherited.years.empty() && !carried.years.empty();
    Frame opening;
    bool opened = false;
    opened_past = false;
    {
        Frame f;
        if (frame_at(st, skip_ws(s, b, e), e, f) != skip_ws(s, b, e)) {
            // A paragraph opening with the past or the present ("近年来,", "目前,",
            // "截至2020年底,") reports through to its end: its sentences without
            // a frame of their own state no target.
            para_frame = f;
            if (!f.past) opening = f;
            inherited = Frame{};
            opened = true;
            carrying = false;
            opened_past = f.past;
        }
    }
    Frame last_frame;
    Frame latest_frame;  // the paragraph's last dated frame: "到2020年，…。主要指标实现以下目标："
    const std::size_t para_out = st.out.size();
    const std::size_t para_start = skip_ws(s, b, e);
    while (i < e) {
        // One sentence: up to a stop outside parentheses. The splitters read
        // only the paragraph's marks (find_hits), not its bytes.
        const Mark* const marks = tk.first_mark(i);
        std::size_t se = e;
        int depth = 0;
        for (const Mark* m = marks; m != tk.marks_end() && m->pos < e; ++m) {
            const char32_t c = m->c;
            if (c == '(' || c == 0xFF08)
                ++depth;
            else if ((c == ')' || c == 0xFF09) && depth > 0)
                --depth;
            else if (depth == 0 && is_stop(c)) {
                se = m->pos;
                break;
            }
        }
        // --- pre-filter (speed branch; extract/prefilter.hpp) ---
        // A sentence that can state neither a target nor a frame skips the
        // clause scan; all the scan would have left is the paragraph's frame.
        if (filter && !(tk.classes_in(i, se) & (word::trigger | word::digit))) {
            last_frame = para_frame;
            if (!para_frame.years.empty() && !para_frame.past) latest_frame = para_frame;
            i = se < e ? next_cp(s, se) : e;
            continue;
        }
        // --- end of pre-filter ---
        if (dated_speech(s, i, se)) {
            para_frame = Frame{};
            para_frame.past = true;
            carrying = false;
        }
        Frame frame = para_frame;
        Carry carry;
        bool sentence_soft = false;
        const std::size_t sentence_out = st.out.size();
        // Clauses.
        std::size_t cb = i;
        bool sentence_has_frame = false;
        // Clauses: at the marks of the sentence, then at its end (the depth
        // goes on from the sentence's, as it always has).
        for (const Mark* m = marks;; ++m) {
            const bool last = m == tk.marks_end() || m->pos >= se;
            const std::size_t k = last ? se : m->pos;
            const std::size_t n = last ? 0 : m->len;
            const char32_t c = last ? 0 : m->c;
            bool boundary = last;
            if (!boundary && (c == '(' || c == 0xFF08))
                ++depth;
            else if (!boundary && (c == ')' || c == 0xFF09) && depth > 0)
                --depth;
            // A colon ends a clause too: "行动目标：到2022年…", "其中：A、B分别…".
            else if (!boundary && depth == 0 && (c == ',' || c == 0xFF0C || is_semicolon(c) || c == 0xFF1A || c == ':'))
                boundary = true;
            if (boundary) {
                Range clause{cb, k};
                trim(s, clause.b, clause.e);
                bool frame_only = false;  // "到2025年，" standing alone dates the next clause
                if (!clause.empty()) {
                    Frame f;
                    std::size_t after = frame_at(st, clause.b, clause.e, f);
                    // "确保实现…中关于“到2030年，…”的目标": a quoted frame closing the clause.
                    const std::uint16_t words = filter ? tk.classes_in(clause.b, clause.e) : 0xFFFF;
                    if (after == clause.b && (words & word::open_quote))
                        if (std::size_t qt = rfind_word(s.substr(clause.b, clause.e - clause.b), "“");
                            qt != std::string_view::npos && qt > 0) {
                            Frame g;
                            const std::size_t from = clause.b + qt;
                            if (frame_at(st, from, clause.e, g) == clause.e) f = g, after = clause.e;
                        }
                    // "该《实施计划》确定了到2025年，": the document announcing its goals.
                    // It dates the rest of the paragraph too, as a paragraph opening with its years.
                    if (after == clause.b && (words & word::announcing))
                        if (std::size_t from = announced_frame_at(s, clause); from != clause.b) {
                            Frame g;
                            const std::size_t ge = frame_at(st, from, clause.e, g);
                            if (ge == clause.e && !g.past) f = g, after = clause.e, para_frame = g;
                            // "设定了到2025年12岁儿童龋患率控制在30%以内", "提出到2022年要完成的
                            // 三个目标:…": the frame runs on into its clause and dates the sentence.
                            else if (ge != from && !g.past && !g.years.empty())
                                f = g, after = ge;
                        }
                    if (after != clause.b) {
                        frame = f;
                        // "总体目标是,到2015年,…。…": a frame that follows only a lead-in in
                        // the paragraph's first sentence dates the paragraph, as one opening it.
                        if (!f.past && i == para_start && !opened && inherited.years.empty() &&
                            st.out.size() == para_out)
                            para_frame = opening = f, opened = true, carrying = false;
                        // "…。行动计划要求,到2015年底,…。…": a frame announced later in the
                        // paragraph dates the sentences after it (paragraphs run into one line).
                        // It goes on to the paragraphs after, as an opening frame does (a
                        // wrap may have set the report's sentences apart as paragraphs).
                        else if (!f.past && !opened && inherited.years.empty() && st.out.size() == sentence_out &&
                                 announced_before(s, i, clause.b))
                            para_frame = opening = f, opened = true, carrying = false;
                        else if (carrying)
                            para_frame = Frame{}, carrying = false;
                        sentence_has_frame = true;
                        if (!f.past) para_years = f.years;
                        clause.b = after;
                        frame_only = skip_ws(s, clause.b, clause.e) >= clause.e;
                        carry.restart();
                        carry.framed = true;
                    }
                    if (!clause.empty() && !frame.past) {
                        // A sentence without years that distributes values with 分别
                        // over as many years as the paragraph's last frame has.
                        // (The sentence's frame is read in place, not copied, for
                        // every other clause: a copy allocated its years each time.)
                        Frame distributed;
                        const bool distributes =
                            !sentence_has_frame && para_frame.years.empty() && para_years.size() >= 2 &&
                            (words & word::distributive) &&
                            s.substr(clause.b, clause.e - clause.b).find(distributive_word) != std::string_view::npos;
                        if (distributes) distributed = frame, distributed.years = para_years;
                        const Frame& use = distributes ? distributed : frame;
                        const std::size_t before = st.out.size();
                        read_clause(st, clause, use, carry, sentence_soft);
                        // Two statements joined by 和 / 并 in one clause
                        // ("…每年降低0.5个百分点以上和新发近视率明显下降"): read on after the first.
                        for (int more = 0; more < 8 && st.out.size() != before; ++more) {
                            const std::size_t done = st.out.back().span->end;
                            if (done <= clause.b || done >= clause.e) break;
                            std::size_t r = skip_ws(s, done, clause.e);
                            bool joined = false;
                            for (std::string_view w : statement_joiners)
                                if (at(s, r, w)) {
                                    r += w.size();
                                    joined = true;
                                    break;
                                }
                            if (!joined || clause.e - r < 9) break;
                            const std::size_t mark = st.out.size();
                            Carry none;
                            read_clause(st, Range{r, clause.e}, use, none, sentence_soft);
                            if (st.out.size() == mark) break;
                        }
                        if (st.out.size() != before) carry.subject = {};
                        carry.stated_just_before = st.out.size() != before;
                        carry.quiet = st.out.size() == before;
                        if (st.out.size() == before && (words & word::soft) &&
                            s.substr(clause.b, clause.e - clause.b).find("力争") != std::string_view::npos)
                            sentence_soft = true;
                    }
                }
                cb = k + n;
                // A frame in a clause of its own goes on to the next: "…；到2025年，达到90%"
                // continues the last statement's indicator (rules_statement.cpp, from_stated).
                carry.framed = frame_only;
                if (!last && is_semicolon(c)) carry.restart();
                if (last) break;
            }
        }
        last_frame = frame;
        if (!frame.years.empty() && !frame.past) latest_frame = frame;
        i = se < e ? next_cp(s, se) : e;
    }
    // A paragraph ending in a colon introduces the lines after it.
    std::size_t end = e;
    while (end > b && is_space_cp(cp_at(s, prev_cp(s, end)))) end = prev_cp(s, end);
    if (end > b && (ends_at(s, end, "：") || ends_at(s, end, ":"))) {
        if (!last_frame.years.empty() && !last_frame.past)
            inherited = last_frame;
        else if (!last_frame.past && !latest_frame.years.empty())
            inherited = latest_frame;
        return Frame{};  // a list's frame, which ends with the list
    }
    return opening;
}

// The frame a heading's section inherits from the text of its nearest
// ancestor that opened with one ("二、目标任务 到2015年,…" dates "(一)…").
Frame section_frame(const Document& d, int h, const std::vector<Frame>& intro, const std::vector<char>& mixed) {
    for (int k = d.headings[static_cast<std::size_t>(h)].parent; k >= 0;
         k = d.headings[static_cast<std::size_t>(k)].parent) {
        const auto u = static_cast<std::size_t>(k);
        if (mixed[u]) return Frame{};
        if (!intro[u].years.empty()) return intro[u];
    }
    return Frame{};
}

// Whether Target::validate() accepts `t` once it has its id.
bool valid_target(const Target& t) {
    Target probe;
    probe.id = "probe";
    probe.indicator = t.indicator;
    probe.year = t.year;
    probe.kind = t.kind;
    probe.comparator = t.comparator;
    probe.value = t.value;
    probe.reference = t.reference;
    probe.baseline = t.baseline;
    probe.benchmark = t.benchmark;
    try {
        probe.validate();
    } catch (const Error&) {
        return false;
    }
    return true;
}

// Targets in document order, equal positions in the order found (a stable
// sort by span start). Tables come first and text after, each already in
// order: an ordered list is left as it is, and otherwise positions are sorted
// and each target moved once, instead of a merge sort moving whole targets
// (a table-only document spent 9 % of its time there).
void sort_by_position(std::vector<Target>& targets) {
    // GCC 12 cannot see that every target here has a span (-Wmaybe-uninitialized)
    auto begin = [](const Target& t) { return t.span ? t.span->begin : 0; };
    if (std::is_sorted(targets.begin(), targets.end(),
                       [&](const Target& a, const Target& b) { return begin(a) < begin(b); }))
        return;
    std::vector<std::pair<std::size_t, std::size_t>> order(targets.size());  // (start, index)
    for (std::size_t k = 0; k < targets.size(); ++k) order[k] = {begin(targets[k]), k};
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Target> sorted;
    sorted.reserve(targets.size());
    for (const auto& o : order) sorted.push_back(std::move(targets[o.second]));
    targets = std::move(sorted);
}

// Merge: table rows, then text targets that do not restate one already
// found. A text restating a table row names it loosely (similar name, same
// year and number); two text targets are the same only under the same name.
// Run as targets are found (after the tables, then after each line), so a
// restatement is dropped at once instead of held until the end: a target's
// fate depends only on the targets before it. Hash keys keep this linear in
// the number of targets.
class Merge {
  public:
    explicit Merge(std::deque<Target>& found) : found_(found) {}

    // Merges the targets found since the last call: keeps each that restates
    // none kept before it, in order, and drops the others from `found`.
    // `tables`: they are table rows (read first, once).
    void take_new(bool tables) {
        std::size_t w = done_;
        for (std::size_t i = done_; i < found_.size(); ++i) {
            std::string exact = key(found_[i], true);
            if (restated(found_[i], exact, !tables)) continue;
            if (w != i) found_[w] = std::move(found_[i]);
            remember(found_[w], std::move(exact), tables, w);
            ++w;
        }
        while (found_.size() > w) found_.pop_back();
        done_ = w;
    }
    // Whether a value (not a trend or benchmark) was kept for t's indicator and year.
    bool valued(const Target& t) const { return valued_years_.count(key(t, false)) > 0; }
    void release() {
        decltype(table_rows_)().swap(table_rows_);
        decltype(seen_exact_)().swap(seen_exact_);
        decltype(valued_years_)().swap(valued_years_);
    }

  private:
    static bool same_number(const Target& a, const Target& b) {
        if (a.value.has_value() != b.value.has_value()) return false;
        return !a.value || std::fabs(*a.value - *b.value) <= 1e-9 * std::max(1.0, std::fabs(*a.value));
    }
    // The keys are built in one string, numbers written with std::to_chars:
    // std::to_string(double) went through vsnprintf for every target (2.5 % of
    // a table-only document). Fixed notation with 6 decimals is what
    // to_string writes ("%f"), both correctly rounded, so the keys are the same.
    static void append_number(std::string& k, const std::optional<double>& v) {
        if (!v) {
            k += '-';
            return;
        }
        // A whole number below 2^53 (most values: rows' targets, years, counts) is
        // its digits and ".000000", what the correctly rounded fixed form writes;
        // libstdc++'s fixed-precision to_chars cost ~570 instructions a call.
        // -0.0 keeps its sign there, so it takes the general path.
        if (const double x = *v;
            x == std::trunc(x) && std::fabs(x) < 9007199254740992.0 && !(x == 0 && std::signbit(x))) {
            char buf[32];
            const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(x));
            k.append(buf, r.ptr);
            k += ".000000";
            return;
        }
        char buf[400];  // the longest double in fixed notation: 309 digits, a sign, 6 decimals
        const auto r = std::to_chars(buf, buf + sizeof buf, *v, std::chars_format::fixed, 6);
        k.append(buf, r.ptr);
    }
    static void append_year(std::string& k, const std::optional<int>& y) {
        if (!y) {
            k += '-';
            return;
        }
        char buf[16];
        const auto r = std::to_chars(buf, buf + sizeof buf, *y);
        k.append(buf, r.ptr);
    }
    static std::string key(const Target& t, bool with_value) {
        std::string k = t.indicator;  // no reserve: the sets keep every key's capacity
        k += '\x1f';
        append_year(k, t.year);
        if (with_value) {
            k += '\x1f';
            k += to_string(t.kind);
            k += '\x1f';
            k += to_string(t.comparator);
            k += '\x1f';
            append_number(k, t.value);
            k += '\x1f';
            k += t.unit.symbol();
            // Two changes from different bases are two targets ("在现有基础上提高10%"
            // and, later, "在2025年的基础上继续提高10%").
            if (t.reference) {
                k += '\x1f';
                k += t.reference->label;
            }
        }
        return k;
    }
    // Table rows by (year, value, unit): a text target is compared with
    // the rows that state the same number only.
    static std::string number_key(const Target& t) {
        std::string k;
        append_year(k, t.year);
        k += '\x1f';
        append_number(k, t.value);
        k += '\x1f';
        k += t.unit.symbol();
        return k;
    }
    bool restated(const Target& t, const std::string& exact, bool text) const {
        if (seen_exact_.count(exact)) return true;
        if (!text) return false;
        const auto rows = table_rows_.find(number_key(t));
        if (rows == table_rows_.end()) return false;
        for (const std::size_t j : rows->second) {
            const Target& u = found_[j];
            if (u.year != t.year || u.unit != t.unit || !same_number(u, t)) continue;
            const bool same_statement = (u.kind == t.kind && u.comparator == t.comparator) ||
                                        (t.kind == TargetKind::level && u.kind == TargetKind::level);
            if (same_statement && name_similarity(u.indicator, t.indicator) >= 0.5) return true;
        }
        return false;
    }
    // `at`: the kept target's place in `found`, which no later merge moves
    // (tables are merged first, and later merges only touch what follows).
    void remember(const Target& t, std::string exact, bool table, std::size_t at) {
        if (table) {
            auto& bucket = table_rows_[number_key(t)];
            if (bucket.size() < 64) bucket.push_back(at);  // enough to recognise a restatement
        }
        seen_exact_.insert(std::move(exact));
        if (t.kind != TargetKind::trend && t.kind != TargetKind::benchmark) valued_years_.insert(key(t, false));
    }

    std::deque<Target>& found_;
    std::size_t done_ = 0;                                                  // found_[0, done_) are merged
    std::unordered_map<std::string, std::vector<std::size_t>> table_rows_;  // the table rows kept
    std::unordered_set<std::string> seen_exact_, valued_years_;
};

// Whether `text` names a year from `doc_year` on ("2025年", "2023年度") or a
// five-year period not yet over when it was written ("十四五"): a text that
// names neither sets no target, however its sentences read.
bool looks_ahead(std::string_view text, int doc_year) {
    for (std::size_t k = text.find("年"); k != std::string_view::npos; k = text.find("年", k + 3)) {
        std::size_t b = k;
        while (b > 0 && k - b < 4 && std::isdigit(static_cast<unsigned char>(text[b - 1]))) --b;
        if (k - b == 4 && (b == 0 || !std::isdigit(static_cast<unsigned char>(text[b - 1])))) {
            int y = 0;
            for (std::size_t i = b; i < k; ++i) y = y * 10 + (text[i] - '0');
            if (y >= doc_year) return true;
        }
    }
    for (const FiveYearPeriod& fy : five_year_periods)
        if (fy.end >= doc_year && text.find(fy.name) != std::string_view::npos) return true;
    return false;
}

}  // namespace

void extract_targets(const Document& d, Plan& plan) { extract_targets(d, plan, ExtractLimits{}); }

void extract_targets(const Document& d, Plan& plan, const ExtractLimits& limits) {
    std::deque<Target> found;
    Tokens tokens;  // one paragraph's, reused: no allocation per line once grown
    ScanState st{d, d.text, 0, plan.period_end.value_or(0), found, limits, &tokens};
    if (plan.issue_date)
        st.doc_year = plan.issue_date->year;
    else if (plan.publication_date)
        st.doc_year = plan.publication_date->year;
    else if (plan.period_start)
        st.doc_year = *plan.period_start;

    // Tables first: they carry baselines and nature, so a text restating a
    // table row adds nothing. Text targets are appended to the same deque and
    // merged after each line (Merge), so restatements are never held and no
    // second copy of the targets is made (a long document has tens of thousands).
    const int first_plan_year = plan.period_start ? *plan.period_start : st.doc_year;
    std::vector<std::pair<std::size_t, std::size_t>> tables;
    extract_tables(d, first_plan_year, found, &tables);
    Merge merge(found);
    merge.take_new(true);
    std::size_t next_table = 0;
    std::vector<int> para_years;
    Frame inherited;     // a list's frame, from "到2025年，主要目标是：" to the next heading
    int list_hits = 0;   // items of the current list that stated a target
    int last_item = -1;  // the heading of the list's last item
    // The year frame a section's own text opens with, before its first
    // sub-heading ("二、目标任务" then "到2015年,…。" then "(一)…"): its
    // sub-sections inherit it. Two different frames there date nothing.
    std::vector<Frame> intro(d.headings.size());
    std::vector<Frame> sibling_frame(d.headings.size() + 1);  // by section, [0] before any heading
    std::vector<char> intro_mixed(d.headings.size());
    // 1 = past or project box: nothing is read; 2 = an indicator box not read
    // as a table: only its year-value list lines are read.
    // A heading is past when its own title or an ancestor's is: one look at
    // each title, the ancestors' answers reused (parents come first).
    std::vector<char> skip(d.headings.size()), past(d.headings.size());
    for (std::size_t k = 0; k < d.headings.size(); ++k) {
        const int parent = d.headings[k].parent;
        past[k] = parent >= 0 && static_cast<std::size_t>(parent) < k ? past[static_cast<std::size_t>(parent)]
                                                                      : past_section(d, parent);
        if (!past[k]) past[k] = past_title(d.headings[k].title_in(d.text));
        skip[k] = past[k] || project_box(d, static_cast<int>(k));
        if (skip[k] && !past[k] && indicator_box(d, static_cast<int>(k))) skip[k] = 2;
    }
    for (std::size_t i = d.content_begin; i < d.content_end; ++i) {
        const Line& l = d.lines[i];
        if (l.empty()) continue;
        while (next_table < tables.size() && tables[next_table].second <= l.begin) ++next_table;
        if (next_table < tables.size() && tables[next_table].first <= l.begin) continue;  // read as a table
        int h = heading_at_line(d, i);
        if (h >= 0 && skip[h] == 1) continue;
        std::size_t b = l.begin;
        const bool heading_line = h >= 0 && d.headings[h].line == i;
        if (heading_line) b = d.headings[h].label_end;
        if (year_value_list(st, b, l.end)) {
            if (heading_line) inherited = Frame{};  // its own years; a list before it has ended
            continue;
        }
        if (h >= 0 && skip[h]) continue;
        // A heading line: read after its label; it ends any list before it,
        // unless it is an item of that list: "主要指标：" then "1、人均预期寿命达到
        // 79岁以上；" — a numbered line of one statement and no task body.
        bool list_item = false;
        bool list_goes_on = false;  // the next number of the list's items: "到2012年,…达到以下目标任务:" then 1. … 7.
        if (heading_line) {
            list_goes_on = !inherited.years.empty() && last_item >= 0 && next_item(d, last_item, h);
            list_item = !inherited.years.empty() && (value_list_item(d, h) || list_goes_on);
            if (!list_item) inherited = section_frame(d, h, intro, intro_mixed);
            last_item = list_item ? h : -1;
        }
        para_years.clear();
        const std::size_t before = st.out.size();
        const bool had_list = !inherited.years.empty();
        // A paragraph with no frame of its own takes the last one a paragraph of
        // its section opened with ("行动计划要求,到2015年底,…。" then "行动计划具体要求,…");
        // a paragraph opening with a past frame ("截至2020年,…") ends that.
        Frame& sibling = sibling_frame[static_cast<std::size_t>(h + 1)];
        bool opened_past = false;
        const Frame opening =
            scan_line(st, b, l.end, para_years, inherited, heading_line ? Frame{} : sibling, opened_past);
        // A paragraph of prose that states nothing ends it too: the frame dates a
        // run of statements, not the prose after them (page furniture between
        // them, "回复" / "使用道具 举报", does not).
        const bool quiet_prose = st.out.size() == before && prose_line(d.text.substr(b, l.end - b));
        if (opened_past || (opening.years.empty() && quiet_prose))
            sibling = Frame{};
        else if (!opening.years.empty())
            sibling = opening;
        if (h >= 0 && !heading_line && !opening.years.empty() && !intro_mixed[h]) {
            if (intro[h].years.empty())
                intro[h] = opening;
            else if (intro[h].years != opening.years)
                intro[h] = Frame{}, intro_mixed[h] = 1;
        }
        if (!had_list) list_hits = 0;
        if (list_item && st.out.size() != before) ++list_hits;
        // An item without a target ends the list once the list has stated
        // targets; qualitative aims may open it ("1.服务体系更加完善。" then
        // "2.居民健康素养水平达到25%").
        if (list_item && !list_goes_on && st.out.size() == before && list_hits > 0) inherited = Frame{};
        merge.take_new(false);
    }

    merge.take_new(false);
    // A trend is dropped where the same indicator has a value for that year
    // (总体目标 says 稳步提高, the task says 不低于30%).
    std::vector<char> drop(found.size());
    for (std::size_t i = 0; i < found.size(); ++i)
        if (found[i].kind == TargetKind::trend && merge.valued(found[i])) drop[i] = 1;
    // A dated text that never looks ahead reports: what it states with no year
    // is the present ("麗水市森林覆蓋率達到81.7%" in a 2022 news item).
    if (st.doc_year && !looks_ahead(d.text, st.doc_year))
        for (std::size_t i = 0; i < found.size(); ++i)
            if (!found[i].year) drop[i] = 1;
    // The keys are done with: released before the kept targets are moved,
    // which is when this function holds the most (a key is a copy of a name).
    merge.release();
    // Move the kept targets into an exactly sized vector, releasing the
    // deque's blocks as they empty.
    std::vector<Target> kept;
    kept.reserve(static_cast<std::size_t>(std::count(drop.begin(), drop.end(), 0)));
    for (std::size_t i = 0; !found.empty(); ++i) {
        if (!drop[i]) kept.push_back(std::move(found.front()));
        found.pop_front();
    }
    // Never hand the model what it rejects: a target that fails its own
    // check (a reference or baseline year out of range …) is dropped here, so
    // one damaged statement cannot cost the whole document.
    kept.erase(std::remove_if(kept.begin(), kept.end(), [](const Target& t) { return !valid_target(t); }), kept.end());
    sort_by_position(kept);

    // Ids, indicators, sections and tasks.
    // Names are looked up, never listed in order: hashed views of the kept
    // targets' names (which stay put) instead of a tree of copies; the
    // indicators are counted first, so their vector is allocated once.
    std::unordered_map<std::string_view, std::size_t> indicator_index;
    {
        std::unordered_set<std::string_view> names;
        for (const auto& t : kept) names.insert(t.indicator);
        plan.indicators.reserve(plan.indicators.size() + names.size());
    }
    std::vector<std::size_t> line_starts;
    line_starts.reserve(d.lines.size());
    for (const auto& l : d.lines) line_starts.push_back(l.begin);
    // Tasks do not overlap and are in document order: binary search by start.
    std::vector<std::size_t> task_order(plan.tasks.size());
    for (std::size_t k = 0; k < task_order.size(); ++k) task_order[k] = k;
    std::sort(task_order.begin(), task_order.end(),
              [&](std::size_t a, std::size_t b) { return plan.tasks[a].span->begin < plan.tasks[b].span->begin; });
    int n = 0;
    for (auto& t : kept) {
        t.id = "t" + std::to_string(++n);
        auto it = indicator_index.find(t.indicator);
        if (it == indicator_index.end()) {
            Indicator ind;
            ind.id = "i" + std::to_string(indicator_index.size() + 1);
            ind.name = t.indicator;
            // "比2020年提高2个百分点": the points are the change's unit; the level is a share.
            ind.unit = t.unit.dimension() == Dimension::ratio_difference ? Unit::percent() : t.unit;
            ind.nature = t.nature;
            ind.span = t.span;
            if (t.comparator == Comparator::ge || t.comparator == Comparator::gt ||
                t.comparator == Comparator::increase)
                ind.direction = Direction::higher;
            else if (t.comparator == Comparator::le || t.comparator == Comparator::lt ||
                     t.comparator == Comparator::decrease)
                ind.direction = Direction::lower;
            it = indicator_index.emplace(t.indicator, plan.indicators.size()).first;
            plan.indicators.push_back(std::move(ind));
        }
        Indicator& ind = plan.indicators[it->second];
        t.indicator_id = ind.id;
        const std::size_t line = static_cast<std::size_t>(
            std::upper_bound(line_starts.begin(), line_starts.end(), t.span->begin) - line_starts.begin());
        const int h = line == 0 ? -1 : heading_at_line(d, line - 1);
        if (h >= 0) {
            t.section = label_path(d, h);
            for (int k = h; k >= 0 && ind.category.empty(); k = d.headings[k].parent)
                if (d.headings[k].style == HeadingStyle::box)
                    ind.category = d.headings[k].label + " " + std::string(d.headings[k].title_in(d.text));
        }
        auto pos = std::upper_bound(task_order.begin(), task_order.end(), t.span->begin,
                                    [&](std::size_t b, std::size_t k) { return b < plan.tasks[k].span->begin; });
        if (pos != task_order.begin()) {
            Task& task = plan.tasks[*(pos - 1)];
            if (task.span->begin <= t.span->begin && t.span->end <= task.span->end) {
                t.task_id = task.id;
                task.target_ids.push_back(t.id);
            }
        }
    }
    plan.targets = std::move(kept);
}

}  // namespace healthplan::v0::detail::extract
