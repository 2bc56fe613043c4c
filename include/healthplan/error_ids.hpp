// The one list of error ids (README.md "Error ids" is checked against it by
// tests/cpp/model/test_error_ids.cpp) and the class each belongs to. Kept out
// of error.hpp so adding an id recompiles only what reads the table.
#pragma once

#include <string_view>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// The class an id belongs to (ParseError, SchemaError, ...).
enum class ErrorKind { parse, schema, validation, unit, data };

struct ErrorId {
    std::string_view id;
    ErrorKind kind;
};

// Every id the library raises. A new id goes here and into README.md's table
// (tests/cpp/model/test_error_ids.cpp fails until both agree, and until every
// id literal in src/ is listed here).
inline constexpr ErrorId error_ids[] = {
    {"json.syntax", ErrorKind::parse},
    {"text.invalid_utf8", ErrorKind::parse},
    {"text.undecodable", ErrorKind::parse},
    {"text.encoding_unknown", ErrorKind::parse},
    {"text.encoding_unsupported", ErrorKind::parse},
    {"text.too_large", ErrorKind::parse},
    {"io.open", ErrorKind::parse},
    {"io.write", ErrorKind::parse},
    {"io.missing", ErrorKind::parse},
    {"io.not_a_file", ErrorKind::parse},
    {"io.unreadable", ErrorKind::parse},
    {"io.same_file", ErrorKind::parse},
    {"input.unsupported_format", ErrorKind::parse},
    {"input.no_text_layer", ErrorKind::parse},
    {"input.reader_missing", ErrorKind::parse},
    {"input.unreadable", ErrorKind::parse},
    {"csv.fields", ErrorKind::parse},
    {"csv.quote", ErrorKind::parse},
    {"json.schema", ErrorKind::schema},
    {"json.missing_field", ErrorKind::schema},
    {"json.unknown_field", ErrorKind::schema},
    {"json.duplicate_key", ErrorKind::schema},
    {"json.too_deep", ErrorKind::schema},
    {"json.schema_version", ErrorKind::schema},
    {"enum.unknown", ErrorKind::schema},
    {"csv.column", ErrorKind::schema},
    {"catalog.schema", ErrorKind::schema},
    {"catalog.unknown_field", ErrorKind::schema},
    {"catalog.duplicate_code", ErrorKind::schema},
    {"catalog.unknown_source", ErrorKind::schema},
    {"model.invalid", ErrorKind::validation},
    {"model.duplicate_id", ErrorKind::validation},
    {"model.span", ErrorKind::validation},
    {"date.invalid", ErrorKind::validation},
    {"json.invalid_utf8", ErrorKind::validation},
    {"policy.invalid", ErrorKind::validation},
    {"catalog.invalid_entry", ErrorKind::validation},
    {"catalog.unknown_code", ErrorKind::validation},
    {"catalog.empty_alias", ErrorKind::validation},
    {"unit.unknown", ErrorKind::unit},
    {"unit.incompatible", ErrorKind::unit},
    {"observations.duplicate", ErrorKind::data},
    {"observations.conflict", ErrorKind::data},
    {"observations.nan", ErrorKind::data},
    {"observations.year", ErrorKind::data},
    {"observations.code", ErrorKind::data},
    {"observations.flag", ErrorKind::data},
    {"observations.milestone", ErrorKind::data},
    {"observations.published", ErrorKind::data},
    {"observations.shape", ErrorKind::data},
    {"observations.size", ErrorKind::data},
    {"csv.empty", ErrorKind::data},
    {"csv.key", ErrorKind::data},
    {"csv.year", ErrorKind::data},
    {"csv.value", ErrorKind::data},
    {"csv.published", ErrorKind::data},
    {"bulk.shape", ErrorKind::data},
    {"bulk.size", ErrorKind::data},
    {"bulk.comparator", ErrorKind::data},
    {"bulk.threshold", ErrorKind::data},
    {"bulk.kind", ErrorKind::data},
    {"bulk.change_mode", ErrorKind::data},
    {"bulk.nature", ErrorKind::data},
    {"bulk.benchmark", ErrorKind::data},
};

// The entry for `id`, or nullptr when the library does not define it.
constexpr const ErrorId* find_error_id(std::string_view id) noexcept {
    for (const auto& e : error_ids)
        if (e.id == id) return &e;
    return nullptr;
}

HEALTHPLAN_END_NAMESPACE
