// The tokenizer (tokens.hpp): one forward pass, each code point decoded once.
#include "extract/tokens.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "extract/grammar.hpp"
#include "extract/scan.hpp"
#include "extract/trie.hpp"

namespace healthplan::v0::detail::extract {
namespace {

// The token lexicon: every word of the grammar tables a rule looks for at a
// position, with its classes. A word in several tables has all their classes.
std::vector<std::pair<std::string_view, std::uint16_t>> build_words() {
    std::map<std::string_view, std::uint16_t> words;
    auto add = [&](std::string_view w, std::uint16_t c) { words[w] |= c; };
    // The pre-filter's words (prefilter.hpp says why each).
    for (const auto& v : trend_verbs) add(v.text, word::trigger | word::trend_verb);
    add(benchmark_head, word::trigger);
    constexpr std::uint16_t rule_word = word::statement | word::statement_rule;
    add(coverage_word, word::trigger | rule_word);
    for (auto w : all_units_words) add(w, word::trigger | rule_word);
    for (auto w : retrospective_words) add(w, word::trigger);
    for (const auto& p : five_year_periods) add(p.name, word::trigger);
    // The statement scan's words (rules_statement.cpp `statements`).
    // A reference phrase or a soft word is noted for a later verb; the other
    // words start a statement rule.
    for (const auto& v : all_verbs()) add(v.text, rule_word);
    for (auto w : reference_starts) add(w, word::statement | word::reference);
    for (auto w : soft_words) add(w, word::statement | word::soft);
    for (auto w : minimum_words) add(w, rule_word);
    for (auto w : slowing_growth_phrases) add(w, rule_word);
    add(copula_word, rule_word);
    add(bare_fall_word, rule_word);
    // Words the clause rules and the sentence scanner search a clause for.
    for (auto w : better_than_words) add(w, word::better_than);
    add(distributive_word, word::distributive);
    for (auto w : announcing_verbs) add(w, word::announcing);
    return {words.begin(), words.end()};
}

const Trie<std::uint16_t>& lexicon() {
    static const Trie<std::uint16_t> t = [] {
        Trie<std::uint16_t> x;
        for (const auto& [w, c] : lexicon_words()) x.add(w, c);
        return x;
    }();
    return t;
}

bool is_cn_numeral(char32_t c) {
    switch (c) {
        case U'零':
        case U'〇':
        case U'一':
        case U'二':
        case U'两':
        case U'三':
        case U'四':
        case U'五':
        case U'六':
        case U'七':
        case U'八':
        case U'九':
        case U'十':
        case U'百':
        case U'千':
            return true;
        default:
            return false;
    }
}

Punct punct_of(char32_t c) {
    switch (c) {
        case U',':
        case U'，':
            return Punct::comma;
        case U':':
        case U'：':
            return Punct::colon;
        case U';':
        case U'；':
            return Punct::semicolon;
        case U'。':
        case U'!':
        case U'！':
        case U'？':
            return Punct::stop;
        case U'(':
        case U'（':
            return Punct::open;
        case U')':
        case U'）':
            return Punct::close;
        case U'“':
            return Punct::open_quote;
        case U'”':
            return Punct::close_quote;
        case U'、':
            return Punct::list_comma;
        default:
            break;
    }
    const bool ascii =
        c < 0x80 && c > 0x20 && !(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z');
    const bool cjk = (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
                     (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x2010 && c <= 0x2027);
    return ascii || cjk ? Punct::other : Punct::none;
}

// The comparator symbol at i (grammar.hpp `symbols`, longest), or 0.
std::size_t comparator_at(std::string_view s, std::size_t i, std::size_t e) {
    std::size_t best = 0;
    for (const auto& sym : symbols)
        if (sym.text.size() > best && sym.text.size() <= e - i && at(s, i, sym.text)) best = sym.text.size();
    return best;
}

// The end of the number at i (digits, one decimal point followed by a digit, digits).
std::size_t number_end(std::string_view s, std::size_t i, std::size_t e, int* digits, bool* integral) {
    std::size_t n = 0;
    *digits = 0;
    *integral = true;
    while (i < e && digit_at(s, i, &n) >= 0) i += n, ++*digits;
    if (const std::size_t p = decimal_point_at(s, i); p && i + p < e && digit_at(s, i + p) >= 0) {
        *integral = false;
        i += p;
        while (i < e && digit_at(s, i, &n) >= 0) i += n;
    }
    return i;
}

bool year_number(std::string_view s, std::size_t b, std::size_t e, int digits, bool integral) {
    if (!integral || digits != 4) return false;
    const auto v = number_at(s.substr(0, e), b);
    return v && v->is_year();
}

// After a year token ending at k: "—2025", "年至2025" as the rest of a year range, or k.
std::size_t year_range_rest(std::string_view s, std::size_t first_b, std::size_t k, std::size_t e) {
    std::size_t r = k;
    if (at(s, r, "年") && r + 3 <= e) r += 3;
    for (std::string_view dash : year_range_dashes) {
        if (r + dash.size() > e || !at(s, r, dash)) continue;
        const std::size_t y = r + dash.size();
        int digits = 0;
        bool integral = true;
        const std::size_t ye = number_end(s, y, e, &digits, &integral);
        if (ye == y || !year_number(s, y, e, digits, integral)) return k;
        const auto a = number_at(s.substr(0, e), first_b), b = number_at(s.substr(0, e), y);
        return a && b && b->value > a->value ? ye : k;
    }
    return k;
}

}  // namespace

const std::vector<std::pair<std::string_view, std::uint16_t>>& lexicon_words() {
    static const auto words = build_words();
    return words;
}

std::uint16_t lexicon_classes_at(std::string_view s, std::size_t i, std::size_t* len) noexcept {
    std::uint16_t classes = 0;
    std::size_t longest = 0;
    lexicon().each_match(s, i, [&](std::uint16_t c, std::size_t n) { classes |= c, longest = n; });
    if (len) *len = longest;
    return classes;
}

std::uint16_t Tokens::classes_in(std::size_t b, std::size_t e) const noexcept {
    std::uint16_t c = 0;
    for (const Hit* h = first_hit(b); h != hits_end() && h->pos < e; ++h) c |= h->classes;
    return c;
}

const Mark* Tokens::first_mark(std::size_t b) const noexcept {
    return std::lower_bound(marks.data(), marks_end(), b, [](const Mark& m, std::size_t p) { return m.pos < p; });
}

const Hit* Tokens::first_hit(std::size_t b) const noexcept {
    const auto before = [](const Hit& h, std::size_t p) { return h.pos < p; };
    std::size_t k = hit_hint_ <= hits.size() ? hit_hint_ : 0;
    const Hit* found;
    if (k > 0 && hits[k - 1].pos >= b) {
        found = std::lower_bound(hits.data(), hits.data() + k, b, before);  // behind the hint
    } else {
        // At or after the hint: a few steps forward, else a binary search of the rest.
        const std::size_t stop = std::min(hits.size(), k + 8);
        while (k < stop && hits[k].pos < b) ++k;
        found =
            k < stop || k == hits.size() ? hits.data() + k : std::lower_bound(hits.data() + k, hits_end(), b, before);
    }
    hit_hint_ = static_cast<std::size_t>(found - hits.data());
    return found;
}

namespace {

// What one code point of the BMP can be, in one table entry, so the pass
// decodes a character and looks it up once: its punctuation role (low bits)
// and whether it is a space, a digit, a Chinese numeral, the first character
// of a comparator symbol or of a lexicon word.
namespace cc {
constexpr std::uint16_t punct_mask = 0x0F;  // a Punct value
constexpr std::uint16_t space = 1 << 4;
constexpr std::uint16_t digit = 1 << 5;
constexpr std::uint16_t numeral = 1 << 6;
constexpr std::uint16_t comparator = 1 << 7;
constexpr std::uint16_t word_start = 1 << 8;
constexpr std::uint16_t open_quote = 1 << 9;
}  // namespace cc

std::vector<std::uint16_t> build_char_classes() {
    std::vector<std::uint16_t> t(0x10000);
    for (char32_t c = 0; c < 0x10000; ++c) {
        std::uint16_t v = static_cast<std::uint16_t>(punct_of(c));
        if (is_space_cp(c)) v = cc::space;  // • is a list bullet, read as a space (scan.hpp)
        if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) v = cc::digit;
        if (is_cn_numeral(c)) v |= cc::numeral;
        if (c == U'“') v |= cc::open_quote;
        t[c] = v;
    }
    for (const auto& sym : symbols) t[cp_at(sym.text, 0)] |= cc::comparator;
    lexicon().for_each_first([&](char32_t c) { t[c] |= cc::word_start; });
    return t;
}

const std::vector<std::uint16_t>& char_classes() {
    static const std::vector<std::uint16_t> t = build_char_classes();
    return t;
}

// Decodes the code point at i of valid UTF-8 (4-byte ones are not decoded:
// no table entry describes them, they are text).
char32_t decode(const unsigned char* p, std::size_t* n) {
    const unsigned char c = *p;
    if (c < 0x80) return *n = 1, c;
    if (c < 0xE0) return *n = 2, static_cast<char32_t>(((c & 0x1F) << 6) | (p[1] & 0x3F));
    if (c < 0xF0) return *n = 3, static_cast<char32_t>(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
    return *n = 4, 0x10000;
}

// The characters where a hit may be (a lexicon word's first character, a
// digit, “) or that are marks, one bit each: the rest of a paragraph is passed
// over on one test.
struct HitGate {
    std::array<std::uint64_t, 0x10000 / 64> bits{};
    bool test(char32_t c) const noexcept { return c < 0x10000 && ((bits[c >> 6] >> (c & 63)) & 1U); }
};

const HitGate& hit_gate() {
    static const HitGate g = [] {
        HitGate x;
        const std::uint16_t* table = char_classes().data();
        for (char32_t c = 0; c < 0x10000; ++c)
            if ((table[c] & (cc::word_start | cc::digit | cc::open_quote)) || is_mark(c))
                x.bits[c >> 6] |= std::uint64_t{1} << (c & 63);
        return x;
    }();
    return g;
}

}  // namespace

void find_hits(std::string_view s, std::size_t b, std::size_t e, Tokens& out) {
    out.clear();
    e = std::min(e, s.size());
    const Trie<std::uint16_t>& lex = lexicon();
    const HitGate& gate = hit_gate();
    const std::uint16_t* table = char_classes().data();
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    // tokenize() visits every character once, whatever token it is part of,
    // and gives it: word::digit for a digit, word::open_quote for “, and the
    // classes of the lexicon words starting there. So does this, per character.
    for (std::size_t i = b; i < e;) {
        std::size_t n = 1;
        const char32_t c = decode(bytes + i, &n);
        if (gate.test(c)) {
            if (is_mark(c)) out.marks.push_back({static_cast<std::uint32_t>(i), c, static_cast<std::uint32_t>(n)});
            const std::uint16_t v = table[c];
            std::uint16_t w = static_cast<std::uint16_t>((v & cc::digit ? word::digit : 0) |
                                                         (v & cc::open_quote ? word::open_quote : 0));
            if (v & cc::word_start) lex.each_match_unchecked(s, i, [&](std::uint16_t x, std::size_t) { w |= x; });
            if (w) out.hits.push_back({static_cast<std::uint32_t>(i), w});
        }
        i += n;
    }
}

void tokenize(std::string_view s, std::size_t b, std::size_t e, Tokens& out) {
    out.clear();
    e = std::min(e, s.size());
    const Trie<std::uint16_t>& lex = lexicon();
    const std::uint16_t* table = char_classes().data();
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    auto push = [&](std::size_t tb, std::size_t te, TokenKind k, Punct p = Punct::none) {
        out.tokens.push_back({static_cast<std::uint32_t>(tb), static_cast<std::uint32_t>(te), k, p});
    };
    // The word classes starting at i, for a character whose entry says one may.
    auto hit = [&](std::size_t i, std::uint16_t extra) {
        std::uint16_t w = extra;
        lex.each_match_unchecked(s, i, [&](std::uint16_t x, std::size_t) { w |= x; });
        if (w) out.hits.push_back({static_cast<std::uint32_t>(i), w});
    };
    for (std::size_t i = b; i < e;) {
        std::size_t n = 1;
        const char32_t c = decode(bytes + i, &n);
        const std::uint16_t v = c < 0x10000 ? table[c] : 0;
        if (v & (cc::word_start | cc::open_quote)) hit(i, v & cc::open_quote ? word::open_quote : 0);
        if (v == 0 || v == cc::word_start) {
            // Text: extends the run before it.
            if (!out.tokens.empty() && out.tokens.back().kind == TokenKind::text && out.tokens.back().e == i)
                out.tokens.back().e = static_cast<std::uint32_t>(i + n);
            else
                push(i, i + n, TokenKind::text);
            i += n;
            continue;
        }
        if (v & cc::digit) {
            int digits = 0;
            bool integral = true;
            const std::size_t ne = number_end(s, i, e, &digits, &integral);
            TokenKind k = TokenKind::number;
            std::size_t te = ne;
            if (year_number(s, i, e, digits, integral)) {
                k = TokenKind::year;
                if (const std::size_t r = year_range_rest(s, i, ne, e); r != ne) k = TokenKind::year_range, te = r;
            }
            push(i, te, k);
            // Every digit is a hit (a rule may read from any of them), and a
            // word may start inside the token ("2021年至2025").
            if (out.hits.empty() || out.hits.back().pos != i) out.hits.push_back({static_cast<std::uint32_t>(i), 0});
            out.hits.back().classes |= word::digit;
            for (std::size_t d = i + n; d < te;) {
                std::size_t dn = 1;
                const char32_t dc = decode(bytes + d, &dn);
                const std::uint16_t dv = dc < 0x10000 ? table[dc] : 0;
                if (dv & (cc::word_start | cc::digit)) hit(d, dv & cc::digit ? word::digit : 0);
                d += dn;
            }
            i = te;
            continue;
        }
        if (v & cc::comparator)
            if (const std::size_t cmp = comparator_at(s, i, e)) {
                push(i, i + cmp, TokenKind::comparator);
                for (std::size_t k = i + n; k < i + cmp; k += u8len(bytes[k]))
                    if (const std::uint16_t w = lexicon_classes_at(s, k))
                        out.hits.push_back({static_cast<std::uint32_t>(k), w});
                i += cmp;
                continue;
            }
        if (v & cc::space)
            push(i, i + n, TokenKind::space);
        else if (v & cc::numeral) {
            if (!out.tokens.empty() && out.tokens.back().kind == TokenKind::cn_numeral && out.tokens.back().e == i)
                out.tokens.back().e = static_cast<std::uint32_t>(i + n);
            else
                push(i, i + n, TokenKind::cn_numeral);
        } else if (const auto p = static_cast<Punct>(v & cc::punct_mask); p != Punct::none)
            push(i, i + n, TokenKind::punct, p);
        else
            push(i, i + n, TokenKind::text);
        i += n;
    }
}

}  // namespace healthplan::v0::detail::extract
