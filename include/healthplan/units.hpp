// A small, explicit unit system for health indicators.
//
// Plans state values in %, ‰, per 100,000, percentage points, years (岁) and
// counting units (张, 人, 个 ...). Observed data may use another unit of the
// same dimension (婴儿死亡率 in ‰ against a target in %), so conversions
// between ratio units are exact (integer factors, one rounding), and anything
// incompatible is a UnitError, never a silent mismatch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "healthplan/config.hpp"
#include "healthplan/enum_names.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

enum class Dimension {
    none,              // a bare number (an index, a score)
    ratio,             // %, ‰, 1/10000, 1/100000: a share or rate
    ratio_difference,  // percentage points: a difference of two percentages
    duration,          // years (岁, 年)
    count,             // counting units; only the same counting noun converts
};
std::span<const EnumName<Dimension>> enum_names(Dimension);

class Unit {
  public:
    // The dimensionless unit.
    Unit() = default;

    static Unit none() { return Unit(); }
    static Unit percent();
    static Unit permille();
    static Unit per_10000();
    static Unit per_100000();
    static Unit percentage_point();
    static Unit years();
    // A counting unit such as "张" or "人"; `scale` for prefixed forms (万人 = 10000 人).
    static Unit count(std::string noun, std::int64_t scale = 1);

    // Parses a canonical symbol ("%", "‰", "1/100000", "percentage_point",
    // "years", "张") or a form as written in plans ("/10万", "个百分点", "岁",
    // "万人"). The empty string is the dimensionless unit.
    // Throws UnitError("unit.unknown") naming the text.
    static Unit parse(std::string_view text);
    static std::optional<Unit> try_parse(std::string_view text) noexcept;

    // Canonical spelling, as used in JSON and in the gold format.
    const std::string& symbol() const noexcept { return symbol_; }
    Dimension dimension() const noexcept { return dimension_; }
    // For count units, the noun without its scale prefix ("人" for "万人").
    const std::string& noun() const noexcept { return noun_; }
    bool is_none() const noexcept { return dimension_ == Dimension::none; }
    // True when values convert between the two units.
    bool compatible_with(const Unit& other) const noexcept;

    bool operator==(const Unit& other) const noexcept { return symbol_ == other.symbol_; }

  private:
    Unit(std::string symbol, Dimension dimension, std::int64_t scale, std::string noun = {});
    friend double convert(double, const Unit&, const Unit&);

    std::string symbol_;
    Dimension dimension_ = Dimension::none;
    // Size of one unit in multiples of the dimension's smallest base:
    // ratio → 1/100000 (so % = 1000, ‰ = 100); counts → one item.
    std::int64_t scale_ = 1;
    std::string noun_;
};

// Converts `value` from one unit to another. Exact up to one floating-point
// rounding. Throws UnitError("unit.incompatible") when the dimensions differ.
double convert(double value, const Unit& from, const Unit& to);

HEALTHPLAN_END_NAMESPACE
