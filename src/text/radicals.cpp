// Radical → ideograph lookup (see radicals.hpp).
#include "text/radicals.hpp"

#include <algorithm>
#include <iterator>

namespace healthplan::v0::detail {
namespace {

struct Pair {
    char32_t from, to;
};

constexpr Pair table[] = {
#include "text/radicals_table.inc"
};

static_assert(std::is_sorted(std::begin(table), std::end(table),
                             [](const Pair& a, const Pair& b) { return a.from < b.from; }));

}  // namespace

char32_t unified_ideograph(char32_t c) noexcept {
    if (!is_radical(c)) return c;
    const auto* it =
        std::lower_bound(std::begin(table), std::end(table), c, [](const Pair& p, char32_t v) { return p.from < v; });
    return it != std::end(table) && it->from == c ? it->to : c;
}

}  // namespace healthplan::v0::detail
