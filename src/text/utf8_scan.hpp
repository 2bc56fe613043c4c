// The UTF-8 validation pass of find_invalid_utf8 (text.cpp), with a hook for a
// caller that reads the text's characters in the same pass (the script test of
// traditional.cpp counts the CJK characters): one pass over a plan's bytes
// instead of one per question. find_invalid_utf8 keeps its own copy of the loop:
// it is the benchmarks' reference pass, and the template instantiated with a
// no-op hook ran 12 % slower (code layout). tests/cpp/text/test_utf8_script.cpp
// holds the two to the same answers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "healthplan/span.hpp"  // opens the inline namespace healthplan::v0 first

namespace healthplan::v0::detail {

// The offset of the first byte that is not valid UTF-8, or nothing.
// on_three(lead, second, third) is called for every character of the common
// 3-byte form (led by E1..EC or EE..EF, which includes every CJK character
// U+3400..U+9FFF), in text order; characters of other lengths are validated
// without it.
template <class OnThree>
std::optional<std::size_t> scan_utf8(std::string_view text, OnThree&& on_three) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        // The common case of Chinese text: a 3-byte character led by E1..EC or
        // EE..EF, which is valid with any two continuation bytes (only E0 can
        // be overlong and only ED a surrogate).
        if (c >= 0xE1 && c != 0xED && c <= 0xEF && i + 3 <= n && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80) {
            on_three(c, s[i + 1], s[i + 2]);
            i += 3;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else
            return i;  // stray continuation byte, overlong lead (C0/C1) or F5..FF
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        // Reject overlong forms, surrogates and code points past U+10FFFF.
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::nullopt;
}

}  // namespace healthplan::v0::detail
