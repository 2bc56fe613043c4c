// The single place the library version lives; CMake parses it from here.
#pragma once

#define HEALTHPLAN_VERSION_MAJOR 0
#define HEALTHPLAN_VERSION_MINOR 1
#define HEALTHPLAN_VERSION_PATCH 0
#define HEALTHPLAN_VERSION \
    (HEALTHPLAN_VERSION_MAJOR * 10000 + HEALTHPLAN_VERSION_MINOR * 100 + HEALTHPLAN_VERSION_PATCH)

namespace healthplan {
inline constexpr const char* version_string = "0.1.0";
}  // namespace healthplan
