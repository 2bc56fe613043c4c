#include "healthplan/text.hpp"

#include <openssl/evp.h>

#include <cstdint>
#include <stdexcept>

#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept {
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

void require_utf8(std::string_view text, std::string_view source) {
    if (auto at = find_invalid_utf8(text)) {
        std::string where = source.empty() ? std::string() : std::string(source) + ": ";
        where += "byte " + std::to_string(*at);
        throw ParseError("text.invalid_utf8", "the text is not valid UTF-8", where);
    }
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
std::size_t utf8_length_at(std::string_view s, std::size_t i) noexcept {
    const std::size_t n = s.size() - i;
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80                 ? 1
                            : c >= 0xC2 && c <= 0xDF ? 2
                            : c >= 0xE0 && c <= 0xEF ? 3
                            : c >= 0xF0 && c <= 0xF4 ? 4
                                                     : 0;
    if (len == 0 || len > n) return 0;
    return find_invalid_utf8(s.substr(i, len)) ? 0 : len;
}

bool is_control(std::string_view s, std::size_t i, std::size_t len) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (len == 1) return c < 0x20 || c == 0x7F;
    // U+0080..U+009F (C1 controls, CSI among them) are C2 80..C2 9F.
    return len == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

}  // namespace

bool needs_escape(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = utf8_length_at(text, i);
        if (len == 0 || is_control(text, i, len)) return true;
        i += len;
    }
    return false;
}

std::string escape_for_display(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = utf8_length_at(text, i);
        if (len != 0 && !is_control(text, i, len)) {
            out.append(text.substr(i, len));
            i += len;
            continue;
        }
        // A C1 control is one code point (\u0085); a bad or control byte is \xNN.
        const bool c1 = len == 2;
        const auto b = static_cast<unsigned char>(c1 ? text[i + 1] : text[i]);
        out += c1 ? "\\u00" : "\\x";
        out += hex[b >> 4];
        out += hex[b & 0xF];
        i += c1 ? 2 : 1;
    }
    return out;
}

// OpenSSL's SHA-256 uses the CPU's SHA extensions where there are any: about
// 1.7 GB/s on the development machine against ~0.3 GB/s for the portable
// FIPS 180-4 code this replaced (8 % of extraction time on the seed corpus).
namespace {

// The digest, looked up once. OpenSSL 3 resolves EVP_sha256() through its
// providers on every EVP_Digest call ("implicit fetch": ~100 000 instructions,
// as much as hashing 30 KB); an explicitly fetched EVP_MD is resolved once and
// may be shared between threads.
const EVP_MD* sha256_md() {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (md) return md;
#endif
    return EVP_sha256();
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha256_md(), nullptr) != 1 || length != 32)
        throw std::runtime_error("OpenSSL could not compute SHA-256");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int k = 0; k < length; ++k) {
        out.push_back(hex[digest[k] >> 4]);
        out.push_back(hex[digest[k] & 0xF]);
    }
    return out;
}

HEALTHPLAN_END_NAMESPACE
