// The error hierarchy. Every error carries a stable id (listed once, in
// healthplan/error_ids.hpp; README.md's "Error ids" table is checked against it
// by a test) and the place it is about: a file and line, a JSON pointer, a byte
// offset or span. Python maps each class to an exception that derives from
// both `healthplan.Error` and the matching builtin.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

class Error : public std::runtime_error {
  public:
    // `id` is stable across releases ("json.syntax", "unit.unknown", ...);
    // `where` names the place ("plan.json:3:14", "/targets/2/value", "byte 1207").
    // Bytes that are not valid UTF-8 and control characters in any of the
    // three are escaped as \xNN, so a message quoting damaged input can
    // always be printed and decoded (Python str, a terminal, a log).
    Error(std::string id, std::string message, std::string where = {});

    const std::string& id() const noexcept { return data_->id; }
    const std::string& where() const noexcept { return data_->where; }
    // The message without the id and place prefix.
    const std::string& message() const noexcept { return data_->message; }

  private:
    // Shared and immutable, so copying an Error (as `throw`, `catch` by value
    // and std::exception_ptr do) cannot throw — the nlohmann/json recipe.
    struct Data {
        std::string id, where, message;
    };
    explicit Error(Data data);
    std::shared_ptr<const Data> data_;
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

static_assert(std::is_nothrow_copy_constructible_v<Error>);
static_assert(std::is_nothrow_copy_assignable_v<Error>);

HEALTHPLAN_END_NAMESPACE
