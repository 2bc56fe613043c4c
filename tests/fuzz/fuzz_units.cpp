// Units: parsing any text gives a unit or a UnitError; converting between two
// parsed units is exact for compatible ones and a UnitError otherwise.
#include <cmath>
#include <cstring>

#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // First 8 bytes: a value; the rest: two unit spellings separated by a NUL.
    double value = 1.0;
    if (size >= 8) {
        std::memcpy(&value, data, 8);
        data += 8;
        size -= 8;
    }
    const std::string_view rest(reinterpret_cast<const char*>(data), size);
    const auto cut = rest.find('\0');
    const std::string_view a = rest.substr(0, cut);
    const std::string_view b = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    try {
        const auto from = healthplan::Unit::parse(a);
        const auto to = healthplan::Unit::parse(b);
        fuzz::require_utf8(from.symbol(), "unit symbol");
        if (healthplan::Unit::parse(from.symbol()).symbol() != from.symbol()) fuzz::fail("symbol does not re-parse");
        const double x = healthplan::convert(value, from, to);
        if (!from.compatible_with(to)) fuzz::fail("incompatible units converted");
        if (std::isfinite(value) && from == to && x != value) fuzz::fail("identity conversion changed the value");
    } catch (const healthplan::Error& e) {
        fuzz::check_error(e);
    }
    return 0;
}
