// Government units and places, as plans name them.
#pragma once

#include <string>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// A responsible unit. Plans write a shared prefix once ("市教育局、科学技术局"),
// so the name as written can differ from the full name it stands for.
struct Agency {
    std::string as_written;  // exactly as in the document
    std::string name;        // expanded full name ("市科学技术局")

    bool operator==(const Agency&) const = default;
};

enum class AdminLevel { unknown, national, province, prefecture, county, district };

struct Region {
    std::string name;  // "乌海市"
    AdminLevel level = AdminLevel::unknown;
    std::string province;  // "内蒙古自治区"; empty for national or unknown

    bool operator==(const Region&) const = default;
};

HEALTHPLAN_END_NAMESPACE
