#include "healthplan/date.hpp"

#include <charconv>
#include <cstdio>

#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
    static constexpr int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}
}  // namespace

bool Date::valid() const noexcept {
    return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

Date Date::parse(std::string_view iso) {
    Date d;
    auto field = [&](std::size_t pos, std::size_t len, int& out) {
        if (iso.size() < pos + len) return false;
        auto r = std::from_chars(iso.data() + pos, iso.data() + pos + len, out);
        return r.ec == std::errc() && r.ptr == iso.data() + pos + len;
    };
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !field(0, 4, d.year) || !field(5, 2, d.month) ||
        !field(8, 2, d.day) || !d.valid())
        throw ValidationError("date.invalid", "expected a date as YYYY-MM-DD, got '" + std::string(iso) + "'");
    return d;
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

HEALTHPLAN_END_NAMESPACE
