// Namespace and ABI macros shared by every public header.
//
// Everything public lives in `healthplan::v0` behind an inline namespace: code
// says `healthplan::Plan`, while the mangled names carry the ABI generation, so
// an application linked against one generation cannot silently load another.
#pragma once

#include "healthplan/version.hpp"

#define HEALTHPLAN_BEGIN_NAMESPACE \
    namespace healthplan {         \
    inline namespace v0 {
#define HEALTHPLAN_END_NAMESPACE \
    }                            \
    }
