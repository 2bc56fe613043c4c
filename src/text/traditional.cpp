// Traditional → simplified table lookup and script detection.
#include "text/traditional.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "text/utf8_scan.hpp"

namespace healthplan::v0::detail {
namespace {

// The code point at i of valid UTF-8 and its length (the text layer keeps its
// own decoder: it sits below the extractor and must not include it).
char32_t decode_at(std::string_view s, std::size_t i, std::size_t* len) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + n > s.size()) n = 1;
    *len = n;
    if (n == 1) return c;
    char32_t v = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return v;
}

struct Pair {
    char32_t from, to;
};

constexpr Pair table[] = {
#include "text/traditional_table.inc"
};

// The table's characters of the CJK blocks U+3400..U+9FFF as a bitset, so the
// common answer (a simplified character: unchanged) is one bit test instead of
// a binary search; deciding the script of a 10 MB text spent 17 % of the
// extraction's time in that search.
constexpr char32_t kFirst = 0x3400, kLast = 0x9FFF;
struct Changes {
    std::array<std::uint64_t, (kLast - kFirst + 1 + 63) / 64> bits{};
    constexpr Changes() {
        for (const Pair& p : table)
            if (p.from >= kFirst && p.from <= kLast)
                bits[(p.from - kFirst) / 64] |= std::uint64_t{1} << ((p.from - kFirst) % 64);
    }
    bool has(char32_t c) const noexcept { return (bits[(c - kFirst) / 64] >> ((c - kFirst) % 64)) & 1; }
};
constexpr Changes changes{};

}  // namespace

char32_t simplified(char32_t c) noexcept {
    if (c < 0x3400) return c;
    if (c <= kLast && !changes.has(c)) return c;
    const Pair* it =
        std::lower_bound(std::begin(table), std::end(table), c, [](const Pair& p, char32_t v) { return p.from < v; });
    return it != std::end(table) && it->from == c ? it->to : c;
}

namespace {

// Traditional prose differs in about a quarter of its characters; a
// simplified plan in well under one in a hundred.
bool traditional_share(std::size_t cjk, std::size_t trad) noexcept { return cjk >= 20 && trad * 100 >= cjk * 5; }

}  // namespace

bool traditional_script(std::string_view t) noexcept {
    std::size_t cjk = 0, trad = 0;
    for (std::size_t i = 0; i < t.size();) {
        // U+3400..U+9FFF are the 3-byte sequences led by E3..E9: other
        // characters are stepped over by their lead byte, undecoded (the
        // same lengths decode_at gives).
        const auto lead = static_cast<unsigned char>(t[i]);
        if (lead < 0xE3 || lead > 0xE9) {
            std::size_t n = lead < 0x80           ? 1
                            : (lead >> 5) == 0x6  ? 2
                            : (lead >> 4) == 0xE  ? 3
                            : (lead >> 3) == 0x1E ? 4
                                                  : 1;
            if (i + n > t.size()) n = 1;
            i += n;
            continue;
        }
        std::size_t n;
        const char32_t c = decode_at(t, i, &n);
        i += n;
        if (c < 0x3400 || c > 0x9FFF) continue;
        ++cjk;
        if (changes.has(c)) ++trad;
    }
    return traditional_share(cjk, trad);
}

std::optional<std::size_t> find_invalid_utf8_and_script(std::string_view text, bool* traditional) noexcept {
    std::size_t cjk = 0, trad = 0;
    // Every character U+3400..U+9FFF is a 3-byte sequence led by E3..E9, the
    // validator's common form: counted as it is validated.
    const auto bad = scan_utf8(text, [&](unsigned char a, unsigned char b, unsigned char c) {
        if (a < 0xE3 || a > 0xE9) return;
        const auto cp = static_cast<char32_t>(((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (c & 0x3F));
        if (cp < 0x3400) return;  // E9 leads end at U+9FFF
        ++cjk;
        trad += changes.has(cp) ? 1 : 0;
    });
    *traditional = !bad && traditional_share(cjk, trad);
    return bad;
}

}  // namespace healthplan::v0::detail
