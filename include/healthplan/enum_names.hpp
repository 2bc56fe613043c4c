// The one table of names each public enum has.
//
// Every enum of the API is spelled in exactly one place, a table of
// EnumName rows in the .cpp file that owns the enum: `name` is the identifier
// (the Python binding's member name, e.g. Comparator::ge is "ge") and `text` the
// spelling of the JSON schema and of to_string/parse_* (">="). The bindings
// iterate `enum_names(E{})`, so adding an enumerator means adding one row.
#pragma once

#include <span>
#include <string_view>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

template <class E>
struct EnumName {
    E value;
    std::string_view name;  // identifier, as bound in Python
    std::string_view text;  // JSON / to_string spelling
};

// The `text` of `value` in its table (`fallback` when the table lacks it).
template <class E>
constexpr std::string_view enum_text(std::span<const EnumName<E>> table, E value,
                                     std::string_view fallback = "?") noexcept {
    for (const auto& row : table)
        if (row.value == value) return row.text;
    return fallback;
}

HEALTHPLAN_END_NAMESPACE
