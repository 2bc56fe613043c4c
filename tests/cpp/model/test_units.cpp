#include <catch2/catch.hpp>

#include <healthplan/error.hpp>
#include <healthplan/units.hpp>

using namespace healthplan;

TEST_CASE("units parse canonical symbols and forms as written", "[units]") {
    CHECK(Unit::parse("%") == Unit::percent());
    CHECK(Unit::parse("％") == Unit::percent());
    CHECK(Unit::parse("‰") == Unit::permille());
    CHECK(Unit::parse("/10万") == Unit::per_100000());
    CHECK(Unit::parse("1/100000") == Unit::per_100000());
    CHECK(Unit::parse("个百分点") == Unit::percentage_point());
    CHECK(Unit::parse("岁") == Unit::years());
    CHECK(Unit::parse("张").dimension() == Dimension::count);
    CHECK(Unit::parse("万人").noun() == "人");
    CHECK(Unit::parse("").is_none());
}

TEST_CASE("unknown units are an error naming the text", "[units]") {
    CHECK_THROWS_AS(Unit::parse("furlong"), UnitError);
    try {
        Unit::parse("斗");
        FAIL("expected UnitError");
    } catch (const UnitError& e) {
        CHECK(e.id() == "unit.unknown");
        CHECK(std::string(e.what()).find("斗") != std::string::npos);
    }
    CHECK_FALSE(Unit::try_parse("furlong").has_value());
}

TEST_CASE("ratio units convert exactly", "[units]") {
    CHECK(convert(5.4, Unit::permille(), Unit::percent()) == 0.54);
    CHECK(convert(0.54, Unit::percent(), Unit::permille()) == 5.4);
    CHECK(convert(18.3, Unit::per_100000(), Unit::per_100000()) == 18.3);
    CHECK(convert(1.0, Unit::percent(), Unit::per_100000()) == 1000.0);
    CHECK(convert(250.0, Unit::per_100000(), Unit::permille()) == 2.5);
    CHECK(convert(3.0, Unit::parse("万人"), Unit::parse("人")) == 30000.0);
}

TEST_CASE("incompatible units are an error, never a silent mismatch", "[units]") {
    CHECK_THROWS_AS(convert(1.0, Unit::percent(), Unit::percentage_point()), UnitError);
    CHECK_THROWS_AS(convert(1.0, Unit::percent(), Unit::years()), UnitError);
    CHECK_THROWS_AS(convert(1.0, Unit::parse("张"), Unit::parse("人")), UnitError);
    CHECK_THROWS_AS(convert(1.0, Unit::none(), Unit::percent()), UnitError);
    try {
        convert(1.0, Unit::permille(), Unit::parse("张"));
    } catch (const UnitError& e) {
        CHECK(e.id() == "unit.incompatible");
    }
}
