// detail::format_general (the explanations' "%.<P>g") against std::to_chars,
// which it stands in for: the same text, byte for byte, on values of every
// magnitude, on the short decimals that observed data are (27.78, 0.5), on
// integers, on rounding ties and carries, zeros and non-finite values.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <string_view>

#include "evaluate/format_number.hpp"

namespace {

std::string fast(double v, int p) {
    char buf[64];
    return {buf, healthplan::detail::format_general(buf, buf + sizeof buf, v, p)};
}

std::string reference(double v, int p) {
    char buf[64];
    return {buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, p).ptr};
}

// Checks every precision on v and −v; counts the values checked.
int check(double v) {
    int checked = 0;
    for (int p = 1; p <= 6; ++p) {
        for (const double x : {v, -v}) {
            const std::string got = fast(x, p), want = reference(x, p);
            if (got != want) {
                INFO("value " << reference(x, 17) << " precision " << p);
                CHECK(got == want);
            }
            ++checked;
        }
    }
    return checked;
}

}  // namespace

TEST_CASE("format_general writes what std::to_chars writes", "[evaluate][format]") {
    int checked = 0;
    SECTION("hand-picked: ties, carries, boundaries, specials") {
        const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
        for (const double v : {0.0,
                               1.0,
                               9.9995,
                               9999.5,
                               9999.7,
                               99999.5,
                               0.5,
                               0.125,
                               1234.5,
                               0.00012345,
                               0.0001,
                               0.00009999,
                               1e-5,
                               1e-4,
                               1e-15,
                               9.99e-16,
                               1e15,
                               9.99999e14,
                               123456.0,
                               1e5,
                               1e6,
                               27.78,
                               29.7,
                               2.54,
                               0.0429,
                               47.87,
                               100.0,
                               1e22,
                               1e-300,
                               5e-324,
                               1.7976931348623157e308,
                               nan,
                               inf,
                               0.30000000000000004,
                               2.675,
                               1.005,
                               8.5,
                               0.95,
                               0.6,
                               2024.0,
                               2030.0,
                               999999.0,
                               1000000.0,
                               99999.0,
                               100000.0,
                               9999.0,
                               10000.0,
                               12.0,
                               7.0})
            checked += check(v);
        CHECK(checked > 0);
    }
    SECTION("random doubles of every magnitude") {
        std::mt19937_64 rng(11);
        std::uniform_real_distribution<double> mant(1.0, 10.0);
        std::uniform_int_distribution<int> exp10(-20, 20);
        for (int i = 0; i < 200000; ++i) checked += check(mant(rng) * std::pow(10.0, exp10(rng)));
        CHECK(checked == 200000 * 12);
    }
    SECTION("short decimals and integers, as observed data and their differences are") {
        std::mt19937_64 rng(7);
        std::uniform_int_distribution<int> whole(0, 2000000);
        std::uniform_int_distribution<int> places(0, 6);
        for (int i = 0; i < 200000; ++i) {
            const int w = whole(rng);
            const double v = w / std::pow(10.0, places(rng));
            checked += check(v);
            checked += check(v - 0.001 * (w % 97));  // differences and sums of such numbers
        }
        CHECK(checked == 400000 * 12);
    }
    SECTION("values on every four-digit rounding boundary") {
        for (int n = 1000; n < 10000; ++n)
            for (const int e : {-6, -3, -1, 0, 1, 3, 6}) {
                const double base = n * std::pow(10.0, e);
                const double step = std::pow(10.0, e);
                for (const double v : {base, base + 0.5 * step, std::nextafter(base + 0.5 * step, 0.0),
                                       std::nextafter(base + 0.5 * step, 1e300)})
                    checked += check(v);
            }
        CHECK(checked == 9000 * 7 * 4 * 12);
    }
    SECTION("whole numbers, as years and counts are") {
        for (int i = 0; i <= 2000000; i += (i < 20000 ? 1 : 997)) checked += check(i);
        CHECK(checked > 20000 * 12);
    }
}
