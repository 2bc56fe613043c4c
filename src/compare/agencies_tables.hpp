// Internal: the tables agency normalisation is driven by (agencies_tables.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

struct KindRow {
    std::string id;
    std::string label;
    std::string label_zh;
    std::vector<std::string> keywords;  // found anywhere in the expanded core
};

const std::vector<KindRow>& kind_rows();
const std::vector<std::pair<std::string, std::string>>& short_form_rows();
const std::vector<std::string>& level_rows();
const std::vector<std::string>& place_rows();

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
