// What the sentence scanner (targets.cpp) and the clause rules (rules.cpp)
// share: the state of a scan, the year frame and carry of a sentence, the
// statement a rule hands to emit(), and the name helpers every rule uses.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.hpp"
#include "extract/scan.hpp"
#include "extract/targets.hpp"
#include "extract/tokens.hpp"
#include "healthplan/extract.hpp"

namespace healthplan::v0::detail::extract {

struct Range {
    std::size_t b = 0, e = 0;
    bool empty() const { return e <= b; }
};

inline std::size_t next_cp(std::string_view s, std::size_t i) { return i + u8len(static_cast<unsigned char>(s[i])); }

inline bool is_comma(char32_t c) { return c == ',' || c == 0xFF0C || c == ':' || c == 0xFF1A; }
inline bool is_stop(char32_t c) { return c == 0x3002 || c == '!' || c == 0xFF01 || c == 0xFF1F; }
// Semicolons end a clause (and its indicator), not the sentence's year frame.
inline bool is_semicolon(char32_t c) { return c == 0xFF1B || c == ';'; }

// List bullets and dashes that open a line or clause ("——", "①", "●"; "⸺", the
// two-em dash one glyph, as a PDF's text layer may give "——").
inline bool is_bullet(char32_t c) {
    return c == 0x2014 || c == 0x2015 || c == 0x2013 || c == 0x2E3A || c == 0x2E3B || c == '-' || c == 0xFF0D ||
           c == 0xB7 || c == 0x30FB || c == 0x25CF || c == 0x25CB || c == 0x25C6 || c == 0x25A0 || c == 0x25B2 ||
           c == 0x2605 || c == 0x2606 || c == 0x221A || (c >= 0x2460 && c <= 0x249B) || c == '*';
}

inline std::size_t skip_bullets(std::string_view s, std::size_t i, std::size_t e) {
    while (i < e) {
        std::size_t n;
        const char32_t c = cp_at(s, i, &n);
        if (!is_bullet(c) && !is_space_cp(c)) break;
        i += n;
    }
    return i;
}

inline bool ends_with_any(std::string_view s, std::size_t b, std::size_t e, std::string_view w) {
    return e >= b + w.size() && at(s, e - w.size(), w);
}

struct Frame {
    std::vector<int> years;
    bool past = false;
    bool soft = false;  // "力争到2025年"
};

struct ScanState {
    const Document& d;
    std::string_view s;
    int doc_year = 0;
    int period_end = 0;
    std::deque<Target>& out;  // a deque: growing it never copies the targets found so far
    const ExtractLimits& limits;
    // The paragraph being read, tokenized (tokens.hpp); null outside scan_line.
    Tokens* tokens = nullptr;
};

// One statement, as a rule read it, for emit() to turn into targets.
struct Emit {
    Range subject;   // indicator name
    Range evidence;  // whole statement
    TargetKind kind = TargetKind::level;
    Comparator op = Comparator::ge;
    std::vector<ValueText> values;
    std::vector<Reference> refs;
    std::string benchmark;
    bool soft = false;
    bool strict_verb = false;
    int then_trend = 0;                   // "并持续提高": later years become trends in this direction
    Nature nature = Nature::unspecified;  // "（约束性）" after the values
    std::string note;
};

// What a clause leaves to the next ones of its sentence. `subject` is the
// indicator of an earlier clause, for clauses that start with their verb.
struct Carry {
    Range subject;
    std::vector<Reference> refs;
    bool soft = false;
    // The indicator of the last statement in the sentence, for a clause that
    // goes on about it: "人均预期寿命达到80岁，比2020年提高1岁", "X2025年达到30%，
    // 2030年达到35%", "参保率不低于95%，其中农村地区不低于93%".
    bool subject_clean = true;  // `subject` is still the raw clause until a clause uses it
    Range stated;
    // Where the targets of the sentence's last two statements start in
    // ScanState::out (npos: none), for a clause that goes on about both:
    // "城市居民达到18%以上,农村居民达到7%以上,分别比2007年提高4.9和2.9个百分点".
    std::size_t stated_out = std::string_view::npos, stated_prev_out = std::string_view::npos;
    // The year written in the last statement's name ("全县2022年度居民健康素养水平"), or 0.
    int stated_year = 0;
    // The clause before this one (after a comma) stated a target: "人均预期寿命比2020年提高
    // 1岁以上，达到80岁" goes on about it. A semicolon or a frame clears it (restart).
    bool stated_just_before = false;
    // The clause opened with its own year frame ("…，或到2020年达到20%"): with no
    // name of its own it goes on about the stated indicator too.
    bool framed = false;
    // A clause since the last statement said something else and stated nothing
    // ("食物中毒发生率大幅度降低;遏制并扭转艾滋病的蔓延速度,到2020年小于150万例"): a clause
    // with no name after it is not about the stated indicator.
    bool quiet = false;

    // A new clause after a frame or a semicolon: what it says about the
    // statements before it is kept, the rest starts afresh.
    void restart() {
        Carry kept;
        kept.stated = stated;
        kept.stated_out = stated_out;
        kept.stated_prev_out = stated_prev_out;
        kept.stated_year = stated_year;
        kept.quiet = quiet;
        *this = std::move(kept);
    }
};

// Turns a statement into targets, one per indicator and year (targets.cpp).
void emit(ScanState& st, const Frame& frame, Emit& em);

// A reference phrase at i: 比基期 / 比2015年 / 较2020年 / 在现有基础上 /
// 在2019年(的)基础上 / 分别在2019年和2022年基础上 / 与2020年相比.
// Returns the end or i; fills refs (one per year when several).
std::size_t reference_at(std::string_view s, std::size_t i, std::size_t e, std::vector<Reference>& refs);

// Removes lead words and trailing adverbs from an indicator range.
Range clean_subject(std::string_view s, Range r, bool* soft);
// Removes the adverbs, trailing words and commas that end r (clean_subject's
// end); sets *soft on 力争 / 争取.
void strip_trailing_words(std::string_view s, Range& r, bool* soft);
void clean_carried(std::string_view s, Carry& carry);

// Whether a name ends like an indicator (率, 比例, 寿命 …).
bool indicator_like(std::string_view name);
bool weak_head(std::string_view name);
bool vague_modifiers_only(std::string_view mods);

// "婴儿死亡率、孕产妇死亡率": the parts of a name that lists indicators.
std::vector<Range> split_indicators(std::string_view s, Range r);
// The per-population base that opens `name` ("每千人口" of "每千人口床位数"), or "".
std::string_view population_base(std::string_view name);

// A year before the plan's own at [b, e): such a statement reports the past.
bool value_year_possible_past(const ScanState& st, std::string_view s, std::size_t b, std::size_t e);

// "居民健康素养水平2025年达到30%": the start of a "YEAR年[底|末]" ending
// [b, e), or e; `year` gets the year.
std::size_t trailing_year(std::string_view s, std::size_t b, std::size_t e, int* year);

// Reads one clause with the named rules of rules.cpp. `carry` is what the
// sentence's earlier clauses left; `sentence_soft` marks every target soft.
void read_clause(ScanState& st, Range c, const Frame& frame, Carry& carry, bool sentence_soft);

// The sentence grammar's rules, in the order a clause tries them, each with
// its doc example (a sentence it reads) and negative example (a sentence of
// the same shape it must leave alone). Both are lines of
// tests/cpp/extract/examples/*.tsv, which a test checks.
struct RuleInfo {
    std::string_view name;
    std::string_view example;
    std::string_view negative;
};
const std::vector<RuleInfo>& grammar_rules();

}  // namespace healthplan::v0::detail::extract
