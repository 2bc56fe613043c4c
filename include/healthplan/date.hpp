// A calendar date as plans state them (成文日期, 公开日期).
#pragma once

#include <string>
#include <string_view>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

struct Date {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31, checked against the month

    // "2021-12-29". Throws ValidationError("date.invalid") for anything else.
    static Date parse(std::string_view iso);
    std::string iso() const;
    bool valid() const noexcept;

    auto operator<=>(const Date&) const = default;
};

HEALTHPLAN_END_NAMESPACE
