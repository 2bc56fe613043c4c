// Normalisation with an offset map (see normalize.hpp for the rules).
#include "extract/normalize.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "extract/document.hpp"
#include "extract/scan.hpp"
#include "text/radicals.hpp"
#include "text/traditional.hpp"
#include "text/utf8.hpp"

namespace healthplan::v0::detail::extract {
namespace {

// Output under construction. While nothing has changed, nothing is copied:
// the output is the source's prefix [0, clean). The first change copies that
// prefix once, so a text in the seeds' layout costs one scan and no map.
class Builder {
  public:
    explicit Builder(std::string_view src) : src_(src) {}

    void copy(std::size_t b, std::size_t e) {
        if (b >= e) return;
        if (!out_.changed && b == clean_) {
            clean_ = e;
            return;
        }
        dirty();
        linear(b, e);
    }
    // Writes `repl` for the original bytes [b, e).
    void put(std::string_view repl, std::size_t b, std::size_t e) {
        if (!out_.changed && b == clean_ && repl == src_.substr(b, e - b)) {
            clean_ = e;
            return;
        }
        dirty();
        if (repl.empty()) return;
        out_.segments.push_back(Normalized::Segment{static_cast<std::uint32_t>(out_.text.size()),
                                                    static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e),
                                                    false});
        out_.text.append(repl);
    }
    void drop(std::size_t b, std::size_t e) {
        if (b < e) dirty();
    }
    Normalized finish() && { return std::move(out_); }

  private:
    void dirty() {
        if (out_.changed) return;
        out_.changed = true;
        out_.text.reserve(src_.size() + 16);
        out_.segments.push_back(Normalized::Segment{0, 0, 0, true});
        out_.text.append(src_.substr(0, clean_));
        out_.segments.back().to = static_cast<std::uint32_t>(clean_);
    }
    // Appends original [b, e) byte for byte, extending the last run when it continues it.
    void linear(std::size_t b, std::size_t e) {
        auto& segs = out_.segments;
        if (segs.empty() || !segs.back().linear || segs.back().to != b ||
            segs.back().at + (segs.back().to - segs.back().from) != out_.text.size())
            segs.push_back(Normalized::Segment{static_cast<std::uint32_t>(out_.text.size()),
                                               static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b), true});
        segs.back().to = static_cast<std::uint32_t>(e);
        out_.text.append(src_.substr(b, e - b));
    }
    std::string_view src_;
    Normalized out_;
    std::size_t clean_ = 0;
};

bool is_cjk(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           c == 0x3007 /* 〇 */;
}
bool is_cjk_punct(char32_t c) { return (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) || c == 0xFF1A; }
bool is_digit_cp(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
bool is_cn_digit(char32_t c) {
    switch (c) {
        case U'〇':
        case U'零':
        case U'一':
        case U'二':
        case U'三':
        case U'四':
        case U'五':
        case U'六':
        case U'七':
        case U'八':
        case U'九':
            return true;
        default:
            return false;
    }
}
// The CJK characters the numeral rules read (the digits of is_cn_digit and
// 百), as one bit each: asked of nearly every character of a plan.
bool cn_numeral_char(char32_t c) {
    static const std::vector<bool> bits = [] {
        std::vector<bool> b(0x10000);
        for (char32_t d = 0x3000; d < 0x10000; ++d) b[d] = is_cn_digit(d);
        b[0x767E] = true;  // 百
        return b;
    }();
    return c < 0x10000 && bits[c];
}
bool is_hspace(char32_t c) { return c == ' ' || c == 0x3000 || c == 0xA0; }
// Text after a space that starts another unit of a list ("市公安局 市交通运输局"):
// that space separates two names and stays.
bool starts_unit_name(std::string_view t, std::size_t i) {
    static constexpr std::array<std::string_view, 10> prefixes = {"市", "县", "区", "省",   "州",
                                                                  "镇", "乡", "各", "国家", "自治区"};
    for (auto p : prefixes)
        if (at(t, i, p)) return true;
    return false;
}

struct LineInfo {
    std::size_t b = 0, e = 0;  // content without the line break; e excludes trailing spaces
    std::size_t next = 0;      // start of the following line
    std::size_t chars = 0;     // code points of the trimmed content
    bool blank = false;
    bool tab_row = false;  // tab-separated cells: a table row, never a wrapped line of prose
};

std::vector<LineInfo> lines_of(std::string_view t) {
    std::vector<LineInfo> out;
    std::size_t b = 0;
    while (b < t.size()) {
        std::size_t nl = t.find('\n', b);
        const std::size_t end = nl == std::string_view::npos ? t.size() : nl;
        LineInfo l;
        l.b = b;
        l.e = end;
        while (l.e > l.b && (t[l.e - 1] == '\r' || t[l.e - 1] == ' ' || t[l.e - 1] == '\t')) --l.e;
        l.next = nl == std::string_view::npos ? t.size() : nl + 1;
        std::size_t cb = skip_ws(t, l.b, l.e);
        l.blank = cb >= l.e;
        l.tab_row = t.substr(cb, l.e - cb).find('\t') != std::string_view::npos;
        // Code points are their lead bytes (the text is valid UTF-8): a count
        // the compiler vectorises, not a walk character by character.
        for (std::size_t i = cb; i < l.e; ++i) l.chars += (static_cast<unsigned char>(t[i]) & 0xC0) != 0x80;
        out.push_back(l);
        b = l.next;
    }
    return out;
}

// "- 3 -", "— 3 —", "第3页", "第 3 页 共 9 页", "3/9": a page number alone on its line.
bool page_number_line(std::string_view t, const LineInfo& l) {
    std::size_t b = skip_ws(t, l.b, l.e), e = l.e;
    if (b >= e || e - b > 40) return false;
    // Every form opens with a dash or 第 (after spaces, which skip_ws took):
    // any other line is no page number, and is answered before a copy is made.
    bool opens = false;
    for (std::string_view lead : {"-", "—", "–", "－", "第"}) opens = opens || at(t, b, lead);
    if (!opens) return false;
    std::string s;
    for (std::size_t i = b; i < e;) {
        std::size_t n;
        char32_t c = cp_at(t, i, &n);
        if (!is_space_cp(c)) s.append(t.substr(i, n));
        i += n;
    }
    auto digits = [](std::string_view v, std::size_t i) {
        std::size_t j = i;
        while (j < v.size() && v[j] >= '0' && v[j] <= '9') ++j;
        return j;
    };
    for (std::string_view dash : {"-", "—", "–", "－"}) {
        if (at(s, 0, dash)) {
            std::size_t j = digits(s, dash.size());
            if (j > dash.size() && s.substr(j) == dash) return true;
        }
    }
    if (at(s, 0, "第")) {
        std::size_t j = digits(s, 3);
        if (j > 3 && at(s, j, "页")) {
            std::string_view rest = std::string_view(s).substr(j + 3);
            if (rest.empty()) return true;
            if (at(rest, 0, "共")) {
                std::size_t k = digits(rest, 3);
                return k > 3 && rest.substr(k) == "页";
            }
        }
    }
    return false;
}

// "|---|:---:|": the rule line under a markdown header.
bool markdown_rule(std::string_view t, const LineInfo& l) {
    std::size_t b = skip_ws(t, l.b, l.e);
    if (b >= l.e || t[b] != '|') return false;
    bool dash = false;
    for (std::size_t i = b; i < l.e; ++i) {
        const char c = t[i];
        if (c == '-') dash = true;
        if (c != '|' && c != '-' && c != ':' && c != ' ') return false;
    }
    return dash;
}

// A line whose '|' separate or close table cells ("人均预期寿命 |", "| 1 | 人均预期寿命 |").
bool pipe_line(std::string_view t, const LineInfo& l) {
    std::size_t b = skip_ws(t, l.b, l.e);
    if (b >= l.e) return false;
    return t[l.e - 1] == '|' || t[b] == '|' ||
           std::string_view(t.substr(b, l.e - b)).find(" | ") != std::string_view::npos;
}

bool ends_sentence(std::string_view t, const LineInfo& l) {
    if (l.e <= l.b) return true;
    const std::size_t p = prev_cp(t, l.e);
    const char32_t c = cp_at(t, p);
    return c == 0x3002 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == 0xFF1A || c == ':' || c == ';' ||
           c == '!' || c == '?' || c == 0x201D || c == '|';
}

// A line that is one value and nothing else ("17.6", "≥90%", "—"): a table cell
// laid out on its own line. Wrapped prose never breaks before a last line
// like that (its last line ends the sentence), so no wrap joins it.
bool bare_value_line(std::string_view t, std::size_t b, std::size_t e) {
    while (e > b && is_space_cp(cp_at(t, prev_cp(t, e)))) e = prev_cp(t, e);
    if (e <= b || e - b > 24) return false;
    for (std::size_t i = b; i < e;) {
        std::size_t n;
        const char32_t c = cp_at(t, i, &n);
        if (!((c >= '0' && c <= '9') || c == '.' || c == '%' || c == 0x2030 || c == 0x2264 || c == 0x2265 || c == '<' ||
              c == '>' || c == '~' || c == '-' || c == '+' || c == 0x2014 || c == '/'))
            return false;
        i += n;
    }
    return true;
}

// Whether a wrap split a number: the line ends in a digit (or a comparator
// or decimal point) and the next line starts with a digit, a decimal point or
// a percent sign ("…2030年≤1" / "3.5", "…2030年7" / ".5", "…不低于43.6" / "%46.6%").
bool number_split(std::string_view t, std::size_t line_end, std::size_t next_begin) {
    std::size_t e = line_end;
    while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r')) --e;
    if (e == 0 || next_begin >= t.size()) return false;
    const char32_t last = cp_at(t, prev_cp(t, e));
    const char first = t[next_begin];
    const bool ends_number = (last >= '0' && last <= '9') || last == '.' || last == 0x2264 || last == 0x2265;
    return ends_number && ((first >= '0' && first <= '9') || first == '.' || first == '%' || at(t, next_begin, "‰") ||
                           at(t, next_begin, "％"));
}

// The wrap width of a text hard-wrapped at a fixed number of characters, or 0.
std::size_t wrap_width(const std::vector<LineInfo>& lines) {
    std::array<std::size_t, 128> count{};
    std::size_t long_lines = 0;
    for (const auto& l : lines)
        if (l.chars >= 20 && l.chars < count.size() && !l.tab_row) ++count[l.chars], ++long_lines;
    // Lines of exactly the width count twice (a wrapped line of CJK text
    // reaches it; ASCII digits may leave it a character or two short), and a
    // tie goes to the wider: a page's few lines of a shorter common length
    // (headlines, footer links) are no wrap.
    std::size_t best = 0, best_score = 0, best_n = 0;
    for (std::size_t w = 20; w <= 80; ++w) {
        const std::size_t score = 2 * count[w] + count[w - 1] + count[w - 2];
        if (score >= best_score && score > 0)
            best = w, best_score = score, best_n = count[w] + count[w - 1] + count[w - 2];
    }
    // Wrapped text: many lines end at the same width. A plan written with
    // one paragraph per line has widths spread over hundreds of characters.
    if (best_n >= 4 && best_n * 10 >= long_lines * 4) return best;
    return 0;
}

// The parentheses open at the end of a run of joined lines. Carried from
// line to line of the run, so a long run of joined lines is read once, not
// once per line (which made a 4 MB table-like text take minutes).
struct ParenDepth {
    std::size_t scanned = 0;  // bytes of the text read so far
    int depth = 0;
    std::size_t open = std::string_view::npos;  // the outermost open parenthesis

    void reset(std::size_t from) { *this = ParenDepth{from, 0, std::string_view::npos}; }
    // Byte by byte: "(" and ")" are ASCII, "（" and "）" are EF BC 88 / 89, and
    // neither byte value occurs inside another character of valid UTF-8.
    // Eight bytes holding none of 28, 29, EF are passed over at once (the
    // text is read here once more after normalise_line: it is every byte).
    void read_to(std::string_view t, std::size_t e) {
        constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        auto has_zero_byte = [](std::uint64_t v) { return ((v - ones) & ~v & highs) != 0; };
        for (std::size_t i = scanned; i < e;) {
            if (i + 8 <= e) {
                std::uint64_t v;
                std::memcpy(&v, t.data() + i, 8);
                if (!has_zero_byte((v & ~ones) ^ (0x28 * ones)) && !has_zero_byte(v ^ (0xEF * ones))) {
                    i += 8;
                    continue;
                }
            }
            for (const std::size_t stop = std::min(e, i + 8); i < stop; ++i) {
                const char b = t[i];
                const bool wide = b == '\xEF' && i + 2 < t.size() && t[i + 1] == '\xBC';
                if (b == '(' || (wide && t[i + 2] == '\x88')) {
                    if (depth == 0) open = i;
                    ++depth;
                } else if ((b == ')' || (wide && t[i + 2] == '\x89')) && depth > 0) {
                    --depth;
                }
            }
        }
        scanned = std::max(scanned, e);
    }
};

// True when the line ends inside an open parenthesis that names units and
// closes within the next few hundred bytes: "(科技部、…中国科协按" / "职责分工负责)".
// `parens` holds the parentheses from the start of the line's run of joined lines.
bool open_responsibility_paren(std::string_view t, const LineInfo& l, ParenDepth& parens, bool trad) {
    parens.read_to(t, l.e);
    const int depth = parens.depth;
    const std::size_t open = parens.open;
    if (depth != 1) return false;
    const std::size_t limit = std::min(t.size(), l.e + 600);
    std::size_t close = std::string_view::npos;
    for (std::size_t i = l.e; i < limit;) {
        std::size_t n;
        const char32_t c = cp_at(t, i, &n);
        if (c == ')' || c == 0xFF09) {
            close = i;
            break;
        }
        if (c == '(' || c == 0xFF08 || c == 0x3002) return false;
        i += n;
    }
    if (close == std::string_view::npos) return false;
    std::string inside;
    for (std::size_t i = open; i < close;) {
        std::size_t n;
        const char32_t c = cp_at(t, i, &n);
        if (!is_space_cp(c)) utf8_append(inside, trad ? simplified(c) : c);
        i += n;
    }
    for (std::string_view role : {"负责", "牵头", "参与", "配合"})
        if (inside.find(role) != std::string::npos) return true;
    return false;
}

// Four Chinese-numeral digits and 年: "二〇三〇年" → 2030. Returns the end or i.
std::size_t cn_year_at(std::string_view t, std::size_t i, std::string& digits) {
    static constexpr std::array<std::string_view, 11> cn = {"〇", "一", "二", "三", "四", "五",
                                                            "六", "七", "八", "九", "零"};
    std::size_t j = i;
    digits.clear();
    while (digits.size() < 4) {
        int d = -1;
        for (int k = 0; k < 11; ++k)
            if (at(t, j, cn[k])) d = k == 10 ? 0 : k;
        if (d < 0) break;
        digits.push_back(static_cast<char>('0' + d));
        j += 3;
    }
    if (digits.size() != 4 || !at(t, j, "年") || (digits[0] != '1' && digits[0] != '2')) return i;
    return j;
}

// "百分之三十" → "30%"; returns the end or i.
std::size_t cn_percent_at(std::string_view t, std::size_t i, std::string& out) {
    if (!at(t, i, "百分之")) return i;
    auto n = cn_numeral_at(t, i + 9);
    if (!n || n->first <= 0 || n->first > 100) return i;
    out = std::to_string(n->first) + "%";
    return n->second;
}

// A table row laid out with runs of spaces: at least two runs of two or more
// spaces between text ("1  人均预期寿命  岁  78.09"); indentation does not count.
bool field_space(char32_t c) { return c == ' ' || c == 0x3000; }  // not NBSP: pages space letters with it

bool space_fields(std::string_view t, std::size_t b, std::size_t e) {
    if (e - b > 400) return false;
    std::size_t i = skip_ws(t, b, e), runs = 0;
    while (i < e) {
        std::size_t n;
        const char32_t c = cp_at(t, i, &n);
        if (field_space(c) && i + n < e && field_space(cp_at(t, i + n))) {
            ++runs;
            while (i < e && field_space(cp_at(t, i, &n))) i += n;
            continue;
        }
        i += n;
    }
    return runs >= 2;
}

// Markup a mirror site left in the text: a tag ("<font color=red>",
// "</font>"), a tag cut at its start ("/font>") or an entity cut at its
// "&" ("#30465;"). Returns the end of the junk at i, or i.
std::size_t markup_junk_at(std::string_view t, std::size_t i, std::size_t e) {
    auto letters = [&](std::size_t j) {
        std::size_t k = j;
        while (k < e && k - j < 10 && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z'))) ++k;
        return k;
    };
    if (t[i] == '<') {
        std::size_t j = i + 1 < e && t[i + 1] == '/' ? i + 2 : i + 1;
        const std::size_t k = letters(j);
        if (k == j) return i;
        std::size_t m = k;
        while (m < e && m - k < 160 && t[m] != '>' && t[m] != '<' && t[m] != '\n') ++m;
        return m < e && t[m] == '>' && (m == k || t[k] == ' ') ? m + 1 : i;
    }
    if (t[i] == '/') {
        const std::size_t k = letters(i + 1);
        return k > i + 1 && k < e && t[k] == '>' ? k + 1 : i;
    }
    if (t[i] == '#') {
        std::size_t k = i + 1;
        while (k < e && k - i <= 6 && t[k] >= '0' && t[k] <= '9') ++k;
        return k - i >= 3 && k < e && t[k] == ';' ? k + 1 : i;
    }
    return i;
}

// A pinyin gloss a mirror site put after a character ("衛(wèi)生", "規(guī)劃"): an
// ASCII bracket right after a CJK character holding one syllable of Latin
// letters with at least one tone mark. Returns the end of the gloss at i, or i.
// (A tone mark is what no bracket of a plan holds: "(a)", "(km)" stay.)
// The bracket may be full-width and its letters too ("（ｗèｉ）"); it may open a
// line a wrap broke before it ("衛" / "(wèi)生").
std::size_t pinyin_gloss_at(std::string_view t, std::size_t i, std::size_t b, std::size_t e) {
    std::size_t open = 0;
    if (at(t, i, "(")) open = 1;
    if (at(t, i, "（")) open = 3;
    if (!open) return i;
    std::size_t before = i;
    if (i == b)  // the last character of the line before
        while (before > 0 && (t[before - 1] == '\n' || t[before - 1] == '\r')) --before;
    if (before == 0 || !is_cjk(cp_at(t, prev_cp(t, before)))) return i;
    bool toned = false;
    std::size_t k = i + open;
    for (int letters = 0; k < e && t[k] != ')' && !at(t, k, "）"); ++letters) {
        std::size_t n = 0;
        const char32_t c = cp_at(t, k, &n);
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 0xFF41 && c <= 0xFF5A);
        const bool tone = (c >= 0xE0 && c <= 0xFC) || (c >= 0x101 && c <= 0x16B) || (c >= 0x1CE && c <= 0x1DC);
        if (letters >= 7 || !(plain || tone)) return i;
        toned = toned || tone;
        k += n;
    }
    if (!toned || k >= e || k == i + open) return i;
    return k + (t[k] == ')' ? 1 : 3);
}

// Whether no rule of normalise_line touches character c: copied with its run.
bool plain_char(char32_t c, bool trad) {
    if (c < 0x80) return c != '<' && c != '/' && c != '#' && c != '|' && c != '.' && c != ' ' && c != '(';
    if (c >= 0x4E00 && c <= 0x9FFF) return !cn_numeral_char(c) && !(trad && simplified(c) != c);
    // The punctuation of running text (、。“”《》（），：；！？ and dashes), which
    // no rule below reads: every few characters of a plan are one of them.
    // Not 〇 (a numeral), U+3000 (a space), ．／ or full-width digits and letters.
    // Not （ either: a pinyin gloss may open with it (pinyin_gloss_at).
    const bool punct = (c >= 0x3001 && c <= 0x303F && c != 0x3007) || (c >= 0xFF01 && c <= 0xFF0D && c != 0xFF08) ||
                       (c >= 0xFF1A && c <= 0xFF20) || (c >= 0x2010 && c <= 0x2027);
    return punct && !(trad && simplified(c) != c);
}

// plain_char of every BMP character as one bit (8 KiB, L1-resident), for a text
// in simplified and one in traditional script: asked of every character of a
// plan, it was a chain of range tests, a lookup in a 64 Ki-entry vector<bool>
// behind a static guard and, in traditional text, a table search. Characters
// above the BMP are never plain (no rule reads them, but none copies them in a run).
struct PlainChars {
    std::array<std::uint64_t, 0x10000 / 64> bits{};
    bool test(char32_t c) const noexcept { return c < 0x10000 && ((bits[c >> 6] >> (c & 63)) & 1U); }
    bool all_plain(std::size_t block) const noexcept { return bits[block] == ~std::uint64_t{0}; }
};

const PlainChars& plain_chars(bool trad) {
    auto build = [](bool tr) {
        PlainChars p;
        for (char32_t c = 0; c < 0x10000; ++c)
            if (plain_char(c, tr)) p.bits[c >> 6] |= std::uint64_t{1} << (c & 63);
        return p;
    };
    if (trad) {
        static const PlainChars traditional = build(true);
        return traditional;
    }
    static const PlainChars simple = build(false);
    return simple;
}

// A numeral character no numeral rule can start at: a Chinese-numeral year
// ("二〇三〇年", cn_year_at) needs a second numeral digit right after the first,
// a percentage ("百分之三十", cn_percent_at) opens with 百分之. 一, 二, 三 … are
// common in running text (进一步, 统一): such a one is copied with its run, as
// step() would copy it after failing both rules (numerals are the same
// character in both scripts and are no radicals).
bool lone_numeral(std::string_view t, std::size_t i, std::size_t n, char32_t c) {
    if (c == 0x767E) return !at(t, i, "百分之");
    if (!is_cn_digit(c)) return false;
    return i + n >= t.size() || !is_cn_digit(cp_at(t, i + n));
}

// The characters of one line [b, e), with the line's table markers handled.
void normalise_line(std::string_view t, std::size_t b, std::size_t e, bool pipes, bool trad, Builder& out) {
    std::size_t i = b;
    if (pipes) {
        // Leading "|" and the spaces after it go; so do trailing " |".
        std::size_t s = skip_ws(t, b, e);
        if (s < e && t[s] == '|') {
            out.copy(b, s);
            out.drop(s, s + 1);
            i = skip_ws(t, s + 1, e);
            out.drop(s + 1, i);
        }
        std::size_t te = e;
        if (te > i && t[te - 1] == '|') {
            --te;
            while (te > i && (t[te - 1] == ' ' || t[te - 1] == '\t')) --te;
            out.drop(te, e);  // recorded now; the bytes are simply never copied
            e = te;
        }
    }
    std::string buf;
    // Whether the line is a row of space-separated fields, and whether it is
    // prose, are asked only at a space: most lines have none, so both are
    // worked out on first use (each a pass over the line).
    const std::size_t fields_from = i;
    int fields_known = -1, prose_known = -1;
    auto fields = [&] {
        if (fields_known < 0) fields_known = space_fields(t, fields_from, e);
        return fields_known == 1;
    };
    // A space between two CJK characters goes in prose only: a line without
    // sentence punctuation may be a label and its value ("发文字号 乌海政办发…").
    auto prose = [&] {
        if (prose_known < 0) {
            const std::string_view line = t.substr(b, e - b);
            prose_known =
                !fields() && (line.find_first_of(",;") != std::string_view::npos ||
                              line.find("，") != std::string_view::npos || line.find("。") != std::string_view::npos ||
                              line.find("；") != std::string_view::npos || line.find("、") != std::string_view::npos);
        }
        return prose_known == 1;
    };
    // A character no rule below touches is copied with the run it is part of,
    // not one by one: most of a plan is such characters (plain_char, one bit).
    const PlainChars& plain = plain_chars(trad);
    auto step = [&](char32_t c, std::size_t n) {
        if (c == '<' || c == '/' || c == '#') {
            if (const std::size_t junk = markup_junk_at(t, i, e); junk != i) {
                out.drop(i, junk);
                i = junk;
                return;
            }
        }
        if (c == '(' || c == 0xFF08) {
            if (const std::size_t gloss = pinyin_gloss_at(t, i, b, e); gloss != i) {
                out.drop(i, gloss);
                i = gloss;
                return;
            }
        }
        if (pipes && c == '|') {
            // A cell separator inside the row: one tab for "  |  ".
            std::size_t sb = i, se = i + 1;
            while (sb > b && t[sb - 1] == ' ') --sb;
            se = skip_ws(t, se, e);
            // the spaces before were copied already; a tab for the bar and what follows
            out.put("\t", i, se);
            i = se;
            return;
        }
        if (c >= 0xFF10 && c <= 0xFF19) {
            out.put(std::string(1, static_cast<char>('0' + (c - 0xFF10))), i, i + n);
        } else if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
            out.put(std::string(1, static_cast<char>(c - 0xFF21 + 'A')), i, i + n);
        } else if (c == 0xFF0F) {
            out.put("/", i, i + n);
        } else if (c == 0xFF0E && i > b && is_digit_cp(cp_at(t, prev_cp(t, i))) && i + n < e &&
                   is_digit_cp(cp_at(t, i + n))) {
            out.put(".", i, i + n);
        } else if (c == '.' && i > b && i + 1 <= e) {
            const char32_t p = cp_at(t, prev_cp(t, i));
            const char32_t nx = i + 1 < e ? cp_at(t, i + 1) : U'\n';
            const bool stop = (is_cjk(p) || p == '%' || p == 0x2030 || p == ')' || p == 0xFF09) &&
                              (i + 1 >= e || is_cjk(nx) || is_hspace(nx));
            if (stop)
                out.put("。", i, i + 1);
            else
                out.copy(i, i + 1);
        } else if (field_space(c) && i > b && i + n < e && field_space(cp_at(t, i + n)) && fields()) {
            // A run of spaces between the fields of a table row: one tab.
            std::size_t r = i;
            while (r < e && (field_space(cp_at(t, r)) || t[r] == '\t')) r += u8len(static_cast<unsigned char>(t[r]));
            out.put("\t", i, r);
            i = r;
            return;
        } else if (is_hspace(c) && i > b) {
            // One space (not a run: runs separate table fields).
            const std::size_t after = i + n;
            const bool single = after < e && !is_hspace(cp_at(t, after)) && t[after] != '\t' &&
                                !is_hspace(cp_at(t, prev_cp(t, i))) && t[i - 1] != '\t';
            bool gap = false;
            if (single) {
                const char32_t p = cp_at(t, prev_cp(t, i));
                const char32_t nx = cp_at(t, after);
                const bool p_num = is_digit_cp(p) || p == '%' || p == 0x2030 || p == 0xFF05;
                if ((is_cjk(p) || is_cjk_punct(p)) && is_digit_cp(nx)) gap = true;
                if (p_num && is_cjk(nx)) gap = true;
                if (is_cjk(p) && is_cjk(nx) && !starts_unit_name(t, after) && prose()) gap = true;
            }
            if (gap)
                out.drop(i, after);
            else
                out.copy(i, after);
        } else if (std::string dg; is_cn_digit(c) && cn_year_at(t, i, dg) != i) {
            const std::size_t end = cn_year_at(t, i, dg);
            out.put(dg, i, end - 3);
            out.copy(end - 3, end);
            i = end;
            return;
        } else if (std::string pc; c == 0x767E && cn_percent_at(t, i, pc) != i) {
            const std::size_t end = cn_percent_at(t, i, pc);
            out.put(pc, i, end);
            i = end;
            return;
        } else if (is_radical(c) && unified_ideograph(c) != c) {
            // A radical a PDF's font map put for an ideograph ("⼈" for 人). The
            // Kangxi radicals have traditional shapes (⾨ 門): read, like the
            // rest of the text, in simplified form.
            buf.clear();
            utf8_append(buf, simplified(unified_ideograph(c)));
            out.put(buf, i, i + n);
        } else if (const char32_t s = trad ? simplified(c) : c; s != c) {
            buf.clear();
            utf8_append(buf, s);
            out.put(buf, i, i + n);
        } else {
            out.copy(i, i + n);
        }
        i += n;
    };
    std::size_t run = i;  // start of the plain characters not yet copied
    const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());
    while (i < e) {
        // Valid UTF-8 (checked before): ASCII and the 3-byte form of CJK text
        // decoded inline, the rest by cp_at.
        std::size_t n;
        char32_t c;
        // A CJK character of a block of 64 code points that are all plain (most
        // blocks of ideographs) is known plain from its first two bytes.
        if (const unsigned char lead = bytes[i]; (lead & 0xF0) == 0xE0 && i + 3 <= t.size() &&
                                                 plain.all_plain((lead & 0x0FU) << 6 | (bytes[i + 1] & 0x3FU))) {
            i += 3;
            continue;
        }
        if (const unsigned char lead = bytes[i]; lead < 0x80)
            c = lead, n = 1;
        else if ((lead >> 4) == 0xE && i + 3 <= t.size())
            c = static_cast<char32_t>(((lead & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)),
            n = 3;
        else
            c = cp_at(t, i, &n);
        if (plain.test(c) || lone_numeral(t, i, n, c)) {
            i += n;
            continue;
        }
        out.copy(run, i);
        step(c, n);
        run = i;
    }
    out.copy(run, i);
}

}  // namespace

Normalized normalize(std::string_view t) { return normalize(t, traditional_script(t)); }

Normalized normalize(std::string_view t, bool trad) {
    Builder out(t);
    const std::vector<LineInfo> lines = lines_of(t);
    const std::size_t width = wrap_width(lines);
    // Paragraphs set apart by blank lines: a line that fills the width is inside
    // one even when it ends a sentence (the sentence ended just at the margin).
    std::size_t blank = 0;
    for (const auto& l : lines) blank += l.blank;
    const bool blank_separated = width && blank * 10 >= lines.size();
    std::size_t i = 0;
    std::size_t resume = 0;  // where the current line's content starts (after a join)
    ParenDepth parens;       // parentheses from the start of the lines being joined
    while (i < lines.size()) {
        const LineInfo& l = lines[i];
        const std::size_t start = std::max(l.b, resume);
        if (!l.blank && (page_number_line(t, l) || markdown_rule(t, l))) {
            out.drop(start, l.next);
            ++i;
            continue;
        }
        if (!resume) parens.reset(l.b);
        const bool pipes = pipe_line(t, l);
        normalise_line(t, start, l.e, pipes, trad, out);
        // The line break: kept, or removed when the sentence runs on.
        std::size_t j = i + 1;
        bool join = false;
        if (!l.blank && !pipes && j < lines.size()) {
            // From the start of the sentence's first line, so a parenthesis
            // broken over three lines keeps joining.
            if (open_responsibility_paren(t, l, parens, trad)) {
                join = true;
                while (j < lines.size() && lines[j].blank) ++j;
            } else if (width && !l.tab_row && l.chars + 4 >= width && l.chars <= width &&
                       (!ends_sentence(t, l) || (blank_separated && l.chars == width))) {
                // Page-number lines and blank lines around them sit inside the sentence.
                bool page_break = false;
                std::size_t k = j;
                while (k < lines.size() && (lines[k].blank || page_number_line(t, lines[k]))) {
                    if (!lines[k].blank) page_break = true;
                    ++k;
                }
                if (k < lines.size() && (k == j || page_break)) {
                    const std::size_t nb = skip_ws(t, lines[k].b, lines[k].e);
                    if (!starts_heading(t, nb, lines[k].e) &&
                        !(bare_value_line(t, nb, lines[k].e) && !number_split(t, l.e, nb))) {
                        join = true;
                        j = k;
                    }
                }
            }
        }
        if (join && j < lines.size()) {
            const std::size_t nb = skip_ws(t, lines[j].b, lines[j].e);
            out.drop(l.e, nb);
            resume = nb;
            i = j;
            continue;
        }
        out.copy(l.e, l.next);
        resume = 0;
        ++i;
    }
    return std::move(out).finish();
}

}  // namespace healthplan::v0::detail::extract
