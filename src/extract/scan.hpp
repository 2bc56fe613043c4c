// Byte-level scanning helpers over valid UTF-8 for the extractor.
//
// The extractor never uses std::regex: every pattern is a hand-written scan
// over the bytes, so run time is linear and a 1 MB line costs what 1 MB of
// short lines costs. Literals in this code are UTF-8, so comparing bytes
// compares characters. Offsets are always byte offsets into the text.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "healthplan/span.hpp"  // opens the inline namespace healthplan::v0 first

namespace healthplan::v0::detail::extract {

// Length of the UTF-8 sequence starting with byte `c` (1 for stray bytes,
// which never occur in validated text).
inline std::size_t u8len(unsigned char c) noexcept {
    if (c < 0x80) return 1;
    if ((c >> 5) == 0x6) return 2;
    if ((c >> 4) == 0xE) return 3;
    if ((c >> 3) == 0x1E) return 4;
    return 1;
}

// Decodes the code point at `i` (text must be valid UTF-8 there).
inline char32_t cp_at(std::string_view s, std::size_t i, std::size_t* len = nullptr) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = u8len(c);
    if (i + n > s.size()) n = 1;
    if (len) *len = n;
    if (n == 1) return c;
    char32_t v = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return v;
}

// Offset of the code point before `i` (i > 0).
inline std::size_t prev_cp(std::string_view s, std::size_t i) noexcept {
    if (i == 0) return 0;
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
}

inline bool is_space_cp(char32_t c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' || c == 0x3000 || c == 0xA0 ||
           c == 0x2002 || c == 0x2003 || c == 0x2009 || c == 0x200B || c == 0xFEFF ||
           c == 0x2022 /* • list bullet of web pages */;
}

// True when `lit` occurs in `s` at byte i. An inline byte loop, not
// memcmp: almost every probe fails on its first bytes, and a library call
// per probe dominated the extractor's profile.
inline bool at(std::string_view s, std::size_t i, std::string_view lit) noexcept {
    if (i > s.size() || s.size() - i < lit.size()) return false;
    const char* p = s.data() + i;
    for (std::size_t k = 0; k < lit.size(); ++k)
        if (p[k] != lit[k]) return false;
    return true;
}

// h.rfind(w), with a first-byte test before each compare: libstdc++'s rfind
// calls memcmp at every position from the end, and the rules ask it of names
// and clauses at every statement.
inline std::size_t rfind_word(std::string_view h, std::string_view w) noexcept {
    if (w.size() > h.size()) return std::string_view::npos;
    if (w.empty()) return h.size();
    for (std::size_t p = h.size() - w.size() + 1; p-- > 0;)
        if (h[p] == w[0] && at(h, p, w)) return p;
    return std::string_view::npos;
}

inline bool ends_at(std::string_view s, std::size_t e, std::string_view lit) noexcept {
    return e <= s.size() && e >= lit.size() && s.compare(e - lit.size(), lit.size(), lit) == 0;
}

// A necessary condition for "one word of this list starts at i" (`may_start`) or
// "ends at e" (`may_end`), answered by one bit: two bytes of each word (its second
// and third from the start, or its last two), folded to 12 bits — for a CJK
// character the low 12 bits of its code point. The rules' loops over literal
// lists (lead words, adverbs, trend verbs …) are asked at nearly every subject
// and verb, and nearly always fail: the bit skips the whole loop. Only a filter:
// when it answers true the list's own loop decides, in its own order, so a rule
// reads exactly what it read without it. A word shorter than the bytes read
// makes the filter always true.
class WordBits {
  public:
    template <class Words>
    static WordBits starts(const Words& words) {
        WordBits b;
        for (std::string_view w : words) w.size() < 3 ? void(b.always_ = true) : b.set(key(w[1], w[2]));
        return b;
    }
    template <class Words>
    static WordBits ends(const Words& words) {
        WordBits b;
        for (std::string_view w : words) w.size() < 2 ? void(b.always_ = true) : b.set(key(w[w.size() - 2], w.back()));
        return b;
    }
    // Whether a word of the list may start at i of s.
    bool may_start(std::string_view s, std::size_t i) const noexcept {
        return always_ || i + 3 > s.size() || test(key(s[i + 1], s[i + 2]));
    }
    // Whether a word of the list may end at e of s.
    bool may_end(std::string_view s, std::size_t e) const noexcept {
        return always_ || e < 2 || e > s.size() || test(key(s[e - 2], s[e - 1]));
    }

  private:
    static unsigned key(char a, char b) noexcept {
        return (static_cast<unsigned char>(a) & 0x3FU) << 6 | (static_cast<unsigned char>(b) & 0x3FU);
    }
    void set(unsigned k) noexcept { bits_[k >> 6] |= std::uint64_t{1} << (k & 63); }
    bool test(unsigned k) const noexcept { return (bits_[k >> 6] >> (k & 63)) & 1U; }
    std::array<std::uint64_t, 64> bits_{};
    bool always_ = false;
};

// Whether a character led by this byte may be a space of is_space_cp: ASCII
// controls and space, and the leads of U+00A0, U+2002..U+2022, U+3000 and
// U+FEFF. A CJK character (led by E4..E9) is answered without decoding.
inline bool may_be_space_lead(unsigned char c) noexcept {
    return c <= 0x20 || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF;
}

// Skips spaces (ASCII, ideographic, NBSP) forward from i, not past e.
inline std::size_t skip_ws(std::string_view s, std::size_t i, std::size_t e) noexcept {
    while (i < e && may_be_space_lead(static_cast<unsigned char>(s[i]))) {
        std::size_t n;
        if (!is_space_cp(cp_at(s, i, &n))) break;
        i += n;
    }
    return i;
}

// Whether `s` holds ':' or '：' (EF BC 9A): two byte searches, for the scans
// that act only at a colon (labels, year-value lists) and are asked of every line.
inline bool has_colon(std::string_view s) noexcept {
    return s.find(':') != std::string_view::npos || s.find("\xEF\xBC\x9A") != std::string_view::npos;
}

// Trims spaces on both sides of [b, e).
inline void trim(std::string_view s, std::size_t& b, std::size_t& e) noexcept {
    b = skip_ws(s, b, e);
    while (e > b) {
        std::size_t p = prev_cp(s, e);
        if (!may_be_space_lead(static_cast<unsigned char>(s[p])) || !is_space_cp(cp_at(s, p))) break;
        e = p;
    }
}

// ASCII or full-width digit value at i, or -1; `len` gets its byte length.
inline int digit_at(std::string_view s, std::size_t i, std::size_t* len = nullptr) noexcept {
    if (i >= s.size()) return -1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') {
        if (len) *len = 1;
        return c - '0';
    }
    // U+FF10..U+FF19: EF BC 90..99
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
        const auto d = static_cast<unsigned char>(s[i + 2]);
        if (d >= 0x90 && d <= 0x99) {
            if (len) *len = 3;
            return d - 0x90;
        }
    }
    return -1;
}

inline bool is_digit_at(std::string_view s, std::size_t i) noexcept { return digit_at(s, i) >= 0; }

// '.' or full-width '．' at i; returns byte length or 0.
inline std::size_t decimal_point_at(std::string_view s, std::size_t i) noexcept {
    if (at(s, i, ".")) return 1;
    if (at(s, i, "．")) return 3;
    return 0;
}

// '%' or '％' at i; returns byte length or 0.
inline std::size_t percent_at(std::string_view s, std::size_t i) noexcept {
    if (at(s, i, "%")) return 1;
    if (at(s, i, "％")) return 3;
    return 0;
}

inline bool is_open_paren(std::string_view s, std::size_t i, std::size_t* len) noexcept {
    if (at(s, i, "(")) return *len = 1, true;
    if (at(s, i, "（")) return *len = 3, true;
    return false;
}
inline bool is_close_paren(std::string_view s, std::size_t i, std::size_t* len) noexcept {
    if (at(s, i, ")")) return *len = 1, true;
    if (at(s, i, "）")) return *len = 3, true;
    return false;
}

// A decimal number at i: digits, optionally one decimal point and digits.
// Returns the end offset, or i when there is none. Values are parsed from
// the digits themselves (not strtod) so full-width digits work and the
// result does not depend on the C locale.
struct Number {
    double value = 0;
    std::size_t begin = 0, end = 0;
    bool integral = true;
    int digits = 0;  // digits before the decimal point (a year has 4, in any width)
    bool is_year() const noexcept { return integral && digits == 4 && value >= 1949 && value <= 2100; }
};
inline std::optional<Number> number_at(std::string_view s, std::size_t i) noexcept {
    std::size_t j = i, n = 0;
    int d = digit_at(s, j, &n);
    if (d < 0) return std::nullopt;
    double v = 0;
    int digits = 0;
    while ((d = digit_at(s, j, &n)) >= 0) {
        v = v * 10 + d;
        j += n;
        if (++digits > 15) return std::nullopt;  // not a plan value; avoids precision games
    }
    Number num;
    num.begin = i;
    num.digits = digits;
    std::size_t p = decimal_point_at(s, j);
    if (p && digit_at(s, j + p) >= 0) {
        j += p;
        double scale = 0.1;
        int frac = 0;
        while ((d = digit_at(s, j, &n)) >= 0) {
            v += d * scale;
            scale /= 10;
            j += n;
            if (++frac > 10) return std::nullopt;
        }
        num.integral = false;
        // Round away binary noise so 0.15 prints as 0.15.
        double f = 1;
        for (int k = 0; k < frac; ++k) f *= 10;
        // floor, not a cast to an integer: 15 integer and 10 fraction digits
        // exceed long long (undefined behaviour, found by fuzz_extract_gb18030);
        // for every value a cast could hold the two agree (v is never negative).
        v = std::floor(v * f + 0.5) / f;
    }
    num.value = v;
    num.end = j;
    return num;
}

// Chinese numeral 零〇一二…九十百 (small counts and heading labels) at i.
// Returns value and end, or nullopt. Accepts up to 9999.
inline std::optional<std::pair<int, std::size_t>> cn_numeral_at(std::string_view s, std::size_t i) noexcept {
    long total = 0, cur = -1;
    std::size_t j = i;
    bool any = false;
    for (int guard = 0; guard < 12 && j < s.size(); ++guard) {
        // One decoding and a switch per character (a comparison with each of
        // the 15 numeral characters was a line start's main cost).
        std::size_t n = 0;
        const char32_t c = cp_at(s, j, &n);
        int dv = -1;
        long unit = 0;
        switch (c) {
            case U'零':
            case U'〇':
                dv = 0;
                break;
            case U'一':
                dv = 1;
                break;
            case U'二':
            case U'两':
                dv = 2;
                break;
            case U'三':
                dv = 3;
                break;
            case U'四':
                dv = 4;
                break;
            case U'五':
                dv = 5;
                break;
            case U'六':
                dv = 6;
                break;
            case U'七':
                dv = 7;
                break;
            case U'八':
                dv = 8;
                break;
            case U'九':
                dv = 9;
                break;
            case U'十':
                unit = 10;
                break;
            case U'百':
                unit = 100;
                break;
            case U'千':
                unit = 1000;
                break;
            default:
                break;
        }
        if (dv >= 0) {
            cur = dv;
            j += n;
            any = true;
            continue;
        }
        if (!unit) break;
        total += (cur < 0 ? 1 : cur) * unit;
        cur = -1;
        j += n;
        any = true;
    }
    if (!any) return std::nullopt;
    if (cur > 0) total += cur;
    return std::make_pair(static_cast<int>(total), j);
}

// Appends the text with '?' (lost characters) and spaces removed: used for
// titles read from damaged headings ("第二节??加强…").
inline std::string strip_noise(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t run = 0;  // the characters kept since the last noise, copied as one run
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        if (lead != '?' && lead != 0xEF && !may_be_space_lead(lead)) {  // neither ? nor ？ nor a space
            i += u8len(lead);
            continue;
        }
        std::size_t n;
        const char32_t c = cp_at(s, i, &n);
        if (c == '?' || c == 0xFF1F || is_space_cp(c)) {
            out.append(s.substr(run, i - run));
            run = i + n;
        }
        i += n;
    }
    if (run < s.size()) out.append(s.substr(run));
    return out;
}

// Whether strip_noise(s) != s: s holds a '?', '？' or a space (same steps).
inline bool has_noise(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        std::size_t n = u8len(lead);
        if (lead == '?' || lead == 0xEF || may_be_space_lead(lead)) {
            const char32_t c = cp_at(s, i, &n);
            if (c == '?' || c == 0xFF1F || is_space_cp(c)) return true;
        }
        i += n;
    }
    return false;
}

// strip_noise(s) written into `out` when it fits there, else false: the table
// scans ask every cell of every row whether it is a short word ("序号", "预期性"),
// where building the string for the question was a tenth of a table document's
// instructions. Stops at the first byte past the buffer; same steps as strip_noise.
template <std::size_t Cap>
bool strip_noise_into(std::string_view s, std::array<char, Cap>& out, std::size_t& len) noexcept {
    len = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        std::size_t n = u8len(lead);
        if (lead == '?' || lead == 0xEF || may_be_space_lead(lead)) {
            const char32_t c = cp_at(s, i, &n);
            if (c == '?' || c == 0xFF1F || is_space_cp(c)) {
                i += n;
                continue;
            }
        }
        const std::size_t m = std::min(n, s.size() - i);
        if (len + m > Cap) return false;
        for (std::size_t k = 0; k < m; ++k) out[len++] = s[i + k];
        i += n;
    }
    return true;
}

// False when strip_noise(s) can be none of `words` by its first character alone: s
// opens with a character that is no noise and opens no word (a value cell, "41", or
// a name, "第3项…"), which strip_noise keeps first. The whole first character is
// compared: a first byte is shared by most CJK text (第 and 约 both lead with E7).
inline bool may_strip_to(std::string_view s, std::initializer_list<std::string_view> words) noexcept {
    if (s.empty()) return true;
    const auto lead = static_cast<unsigned char>(s[0]);
    if (lead == '?' || lead == 0xEF || may_be_space_lead(lead)) return true;
    const std::size_t n = u8len(lead);
    for (const std::string_view w : words)
        if (w.size() >= n && at(s, 0, w.substr(0, n))) return true;
    return false;
}

// Whether strip_noise(s) is one of `words` (each at most 12 bytes), without a copy.
inline bool stripped_is(std::string_view s, std::initializer_list<std::string_view> words) noexcept {
    if (!may_strip_to(s, words)) return false;
    std::array<char, 12> buf;
    std::size_t len = 0;
    if (!strip_noise_into(s, buf, len)) return false;
    const std::string_view clean(buf.data(), len);
    for (const std::string_view w : words)
        if (clean == w) return true;
    return false;
}

}  // namespace healthplan::v0::detail::extract
