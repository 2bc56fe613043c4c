// The error hierarchy. Every error carries a stable id (documented in
// README.md, "Errors") and the place it is about: a file and line, a JSON
// pointer, a byte offset or span. Python maps each class to an exception that
// derives from both `healthplan.Error` and the matching builtin.
#pragma once

#include <stdexcept>
#include <string>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

class Error : public std::runtime_error {
  public:
    // `id` is stable across releases ("json.syntax", "unit.unknown", ...);
    // `where` names the place ("plan.json:3:14", "/targets/2/value", "byte 1207").
    Error(std::string id, std::string message, std::string where = {});

    const std::string& id() const noexcept { return id_; }
    const std::string& where() const noexcept { return where_; }
    // The message without the id and place prefix.
    const std::string& message() const noexcept { return message_; }

  private:
    std::string id_;
    std::string where_;
    std::string message_;
};

// Input that cannot be read at all: JSON syntax, invalid UTF-8, unknown encoding.
class ParseError : public Error {
    using Error::Error;
};

// Well-formed JSON whose shape is wrong: wrong type, missing or unknown field,
// unsupported schema version. `where` is a JSON pointer.
class SchemaError : public Error {
    using Error::Error;
};

// An object that breaks an invariant (a level target without a value, a year
// of 1066, a duplicate id). `where` names the object and field.
class ValidationError : public Error {
    using Error::Error;
};

// A unit that is unknown, or two units that cannot be converted into each other.
class UnitError : public Error {
    using Error::Error;
};

// Observed data that contradicts itself (duplicate keys with different values,
// NaN where a number is required). `where` names the row.
class DataError : public Error {
    using Error::Error;
};

HEALTHPLAN_END_NAMESPACE
