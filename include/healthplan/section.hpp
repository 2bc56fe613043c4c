// The plan's outline.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/span.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// One heading and what is nested under it. The label is kept exactly as
// written ("第一章", "一、", "(一)", "1.", "(1)", "专栏1") because documents
// mix numeral styles and readers cite them that way.
struct Section {
    std::string label;
    std::string title;
    std::optional<Span> span;  // the heading line
    std::vector<Section> children;

    bool operator==(const Section&) const = default;
};

HEALTHPLAN_END_NAMESPACE
