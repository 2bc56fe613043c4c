// The one place the library version is written. CMake reads the three numbers
// from here (project(VERSION)), the Python package's metadata is read from here
// by scikit-build-core (pyproject.toml), and `healthplan.__version__` comes from
// that metadata; everything else is derived below.
#pragma once

#define HEALTHPLAN_VERSION_MAJOR 0
#define HEALTHPLAN_VERSION_MINOR 1
#define HEALTHPLAN_VERSION_PATCH 0

#define HEALTHPLAN_VERSION \
    (HEALTHPLAN_VERSION_MAJOR * 10000 + HEALTHPLAN_VERSION_MINOR * 100 + HEALTHPLAN_VERSION_PATCH)
#define HEALTHPLAN_DETAIL_STR(x) #x
#define HEALTHPLAN_DETAIL_XSTR(x) HEALTHPLAN_DETAIL_STR(x)
#define HEALTHPLAN_VERSION_STRING                    \
    HEALTHPLAN_DETAIL_XSTR(HEALTHPLAN_VERSION_MAJOR) \
    "." HEALTHPLAN_DETAIL_XSTR(HEALTHPLAN_VERSION_MINOR) "." HEALTHPLAN_DETAIL_XSTR(HEALTHPLAN_VERSION_PATCH)

namespace healthplan {
inline constexpr const char* version_string = HEALTHPLAN_VERSION_STRING;
}  // namespace healthplan
