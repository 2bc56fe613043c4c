// Text utilities the model needs at its edges: UTF-8 checking and hashing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// Byte offset of the first invalid UTF-8 sequence, or none when `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept;

// Throws ParseError("text.invalid_utf8") naming `source` and the byte offset.
void require_utf8(std::string_view text, std::string_view source = {});

// True when `text` holds bytes that escape_for_display would change.
bool needs_escape(std::string_view text) noexcept;

// `text` made safe to print on one line: invalid UTF-8 bytes, C0/C1 control
// characters and DEL become \xNN (or \u00NN for C1), everything else is kept.
// Error messages and `healthplan show` use it so quoted input can neither
// break decoding nor drive the terminal.
std::string escape_for_display(std::string_view text);

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

HEALTHPLAN_END_NAMESPACE
