// Provenance: where in the source text a fact came from.
#pragma once

#include <cstddef>
#include <string>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// Byte offsets [begin, end) into the plan's UTF-8 source text, plus the exact
// evidence string, so that `text.substr(begin, end - begin) == evidence`. The
// evidence is kept beside the offsets so a fact stays readable (and checkable)
// without the source at hand.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string evidence;

    std::size_t size() const noexcept { return end - begin; }
    bool operator==(const Span&) const = default;
};

HEALTHPLAN_END_NAMESPACE
