// Internal: printf's "%.<P>g" for the explanations, P = 1…6 — the text
// std::to_chars(general, P) gives, at a fraction of its cost.
//
// Why: an explanation formats about eight numbers, and std::to_chars with a
// precision (exact multi-precision rounding in libstdc++) was the largest single
// cost of judging a target on the explained path (perf, docs/evaluation.md,
// "General path"). Here the value is scaled by an exact power of ten in one
// correctly rounded operation and rounded to P digits; the scaled value is off
// the exact one by less than 1e-9, so the rounding is the exact one unless the
// value lies within 1e-6 of a rounding tie — those, non-finite values and
// magnitudes outside 1e-15…1e15 go to std::to_chars itself. Whole numbers of at
// most P digits (years, zero) are written as integers. The same text, byte
// for byte, is checked against std::to_chars on millions of values
// (tests/cpp/evaluate/test_format_number.cpp). The digits are made two at a
// time from a table into a word and stored in fixed 8-byte moves (the
// byte-by-byte loops were most of the ~180 instructions a number cost,
// callgrind): the function may write up to 24 bytes past `out` whatever the
// length of the text.
#pragma once

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

// The number of decimal digits of i (1 for 0), i < 10^7.
inline int decimal_digits(std::uint32_t i) noexcept {
    return i < 10 ? 1 : i < 100 ? 2 : i < 1000 ? 3 : i < 10000 ? 4 : i < 100000 ? 5 : i < 1000000 ? 6 : 7;
}

// The LEN ≤ 8 decimal digits of i (i < 10^LEN, zeros in front) as the bytes of
// a word, the first digit lowest, then '0's up to the eighth byte; made two
// digits at a time from a table of "00".."99". Kept in a register and stored
// whole: digits stored byte by byte (or two by two) and then copied 8 bytes at
// a time made every copy wait for the narrow stores to drain (a failed store
// forward: a quarter of the formatter's time, perf).
template <int LEN>
std::uint64_t digit_word(std::uint32_t i) noexcept {
    static_assert(LEN >= 1 && LEN <= 8);
    static constexpr char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    std::uint64_t w = LEN < 8 ? 0x3030303030303030ull << (8 * (LEN % 8)) : 0;
    int pos = LEN;
    while (pos >= 2) {
        pos -= 2;
        const std::size_t k = 2 * (i % 100);
        const std::uint64_t pair =
            static_cast<std::uint8_t>(pairs[k]) | std::uint64_t{static_cast<std::uint8_t>(pairs[k + 1])} << 8;
        w |= pair << (8 * pos);
        i /= 100;
    }
    if (pos == 1) w |= '0' + i;
    return w;
}

// Byte j of a digit word.
inline char digit_at(std::uint64_t w, int j) noexcept { return static_cast<char>(w >> (8 * j)); }

// Stores the eight bytes of a word at out, the lowest first.
inline void store_word(char* out, std::uint64_t w) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(out, &w, 8);
    } else {
        for (int j = 0; j < 8; ++j) out[j] = digit_at(w, j);
    }
}

// format_general with the precision known when compiled (P = 1…6): the digit
// loops unroll and the powers of ten are constants (the explanations ask for 3
// and 4 digits; a run-time precision cost ~40 of the ~150 instructions a number).
template <int P>
char* format_general_p(char* out, char* end, double v) noexcept {
    static_assert(P >= 1 && P <= 6);
    // Powers of ten as doubles: exact up to 1e22; below 1, the nearest doubles
    // (used only to estimate the exponent, which the digits then confirm).
    static constexpr double pow10[] = {1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7,
                                       1e-6,  1e-5,  1e-4,  1e-3,  1e-2,  1e-1,  1e0,   1e1,  1e2,  1e3,
                                       1e4,   1e5,   1e6,   1e7,   1e8,   1e9,   1e10,  1e11, 1e12, 1e13,
                                       1e14,  1e15,  1e16,  1e17,  1e18,  1e19,  1e20,  1e21, 1e22};
    constexpr int zero = 16;  // pow10[zero + k] = 10^k
    static constexpr std::uint32_t ipow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    const double a = std::fabs(v);
    auto exact = [&] { return std::to_chars(out, end, v, std::chars_format::general, P).ptr; };
    constexpr int p = P;
    // Whole numbers of at most p digits (years, counts, zero) print as integers.
    if (a < ipow10[p] && a == static_cast<double>(static_cast<std::uint32_t>(a))) {
        const auto i = static_cast<std::uint32_t>(a);
        char* o = out;
        if (std::signbit(v)) *o++ = '-';
        const int len = decimal_digits(i);
        store_word(o, digit_word<p>(i) >> (8 * (p - len)));  // the leading zeros shifted out; len ≤ 6
        return o + len;
    }
    if (!(a >= 1e-15 && a < 1e15)) return exact();
    // The decimal exponent: from the binary one (log10(2) ≈ 1233/4096, which
    // gives it or one less), then one comparison; the digits confirm it below.
    // Bits and integer casts rather than frexp and floor, which are calls into
    // libm on the baseline x86-64 the library is built for.
    const int e2 = static_cast<int>((std::bit_cast<std::uint64_t>(a) >> 52) & 0x7ff) - 1023;
    int e = (e2 * 1233) >> 12;
    if (a >= pow10[zero + e + 1]) ++e;
    std::uint32_t n = 0;
    for (int attempt = 0;; ++attempt) {
        if (attempt == 3) return exact();
        const int k = p - 1 - e;  // a · 10^k has p digits before the point
        if (k > 22 || k < -22) return exact();
        const double scaled = k >= 0 ? a * pow10[zero + k] : a / pow10[zero - k];
        const auto whole = static_cast<std::uint32_t>(scaled);  // floor: 0 < scaled < 10^7
        const double frac = scaled - whole;
        if (std::fabs(frac - 0.5) < 1e-6) return exact();  // near a tie: let the exact rounding decide
        n = whole + (frac > 0.5 ? 1 : 0);
        if (n >= ipow10[p]) {
            ++e;  // rounding carried into a new digit (9999.7 → 1e+04)
        } else if (n < ipow10[p - 1]) {
            --e;
        } else {
            break;
        }
    }
    const std::uint64_t w = digit_word<p>(n);  // p digits, then '0's
    int nd = p;                                // significant digits left once trailing zeros go (no '#' flag)
    while (nd > 1 && digit_at(w, nd - 1) == '0') --nd;
    char* o = out;
    if (std::signbit(v)) *o++ = '-';
    if (e >= -4 && e < p) {  // style f, precision p − 1 − e
        if (e >= 0) {
            store_word(o, w);  // e + 1 ≤ 6 digits before the point
            o += e + 1;
            if (nd > e + 1) {
                *o++ = '.';
                store_word(o, w >> (8 * (e + 1)));
                o += nd - (e + 1);
            }
        } else {
            std::memcpy(o, "0.000000", 8);  // "0." and the −e − 1 ≤ 3 zeros after the point
            o += 1 - e;
            store_word(o, w);
            o += nd;
        }
        return o;
    }
    // style e, precision p − 1; the exponent has at least two digits
    *o++ = digit_at(w, 0);
    if (nd > 1) {
        *o++ = '.';
        for (int i = 1; i < nd; ++i) *o++ = digit_at(w, i);
    }
    *o++ = 'e';
    *o++ = e < 0 ? '-' : '+';
    const int x = e < 0 ? -e : e;
    if (x >= 100) *o++ = static_cast<char>('0' + x / 100);
    *o++ = static_cast<char>('0' + x / 10 % 10);
    *o++ = static_cast<char>('0' + x % 10);
    return o;
}

// Writes v as "%.<precision>g" into [out, end) (at least 32 bytes); returns the end of the text.
inline char* format_general(char* out, char* end, double v, int precision) noexcept {
    switch (precision) {
        case 1:
            return format_general_p<1>(out, end, v);
        case 2:
            return format_general_p<2>(out, end, v);
        case 3:
            return format_general_p<3>(out, end, v);
        case 4:
            return format_general_p<4>(out, end, v);
        case 5:
            return format_general_p<5>(out, end, v);
        case 6:
            return format_general_p<6>(out, end, v);
        default:
            return std::to_chars(out, end, v, std::chars_format::general, precision).ptr;
    }
}

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
