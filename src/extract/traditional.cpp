// Traditional → simplified table lookup and script detection.
#include "extract/traditional.hpp"

#include <algorithm>
#include <iterator>

#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract {
namespace {

struct Pair {
    char32_t from, to;
};

constexpr Pair table[] = {
#include "extract/traditional_table.inc"
};

}  // namespace

char32_t simplified(char32_t c) noexcept {
    if (c < 0x3400) return c;
    const Pair* it =
        std::lower_bound(std::begin(table), std::end(table), c, [](const Pair& p, char32_t v) { return p.from < v; });
    return it != std::end(table) && it->from == c ? it->to : c;
}

bool traditional_script(std::string_view t) noexcept {
    std::size_t cjk = 0, trad = 0;
    for (std::size_t i = 0; i < t.size();) {
        std::size_t n;
        const char32_t c = cp_at(t, i, &n);
        i += n;
        if (c < 0x3400 || c > 0x9FFF) continue;
        ++cjk;
        if (simplified(c) != c) ++trad;
    }
    // Traditional prose differs in about a quarter of its characters; a
    // simplified plan in well under one in a hundred.
    return cjk >= 20 && trad * 100 >= cjk * 5;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

}  // namespace healthplan::v0::detail::extract
