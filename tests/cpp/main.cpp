// Catch2's main lives alone here so the test files compile independently.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
