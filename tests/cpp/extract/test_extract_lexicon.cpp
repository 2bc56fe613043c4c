// The extractor scans with its own longest-first list of unit spellings; the
// unit system decides what a unit means. The two tables must not drift apart.
#include <catch2/catch.hpp>

#include <string>

#include "extract/grammar.hpp"
#include "healthplan/units.hpp"

TEST_CASE("every unit spelling the extractor scans for is a unit the model knows", "[extract][units]") {
    for (auto spelling : healthplan::detail::extract::unit_spellings) {
        INFO(std::string(spelling));
        CHECK(healthplan::Unit::try_parse(spelling).has_value());
        CHECK_FALSE(healthplan::Unit::parse(spelling).is_none());
    }
}
