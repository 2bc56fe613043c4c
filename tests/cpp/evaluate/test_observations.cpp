// The observation store: CSV, validation, duplicates, units, series lookup.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <healthplan/error.hpp>
#include <healthplan/observations.hpp>

using namespace healthplan;

namespace {
std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return std::string(e.id()) + " | " + e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("CSV with quotes, regions, units and flags", "[observations]") {
    const auto obs = Observations::from_csv_text(
        "indicator,region,year,value,unit,source,flags\n"
        "婴儿死亡率,全国,2016,7.5,‰,\"bulletin, 2016\",\n"
        "婴儿死亡率,全国,2015,8.1,‰,\"say \"\"hi\"\"\",provisional\n"
        "婴儿死亡率,全国,2017,,‰,,missing\n"
        "婴儿死亡率,乌海市,2015,6.0,‰,,\n",
        "t.csv");
    REQUIRE(obs.size() == 4);
    const auto s = obs.series("婴儿死亡率", "全国");
    REQUIRE(s.size() == 3);
    CHECK(s[0].year == 2015);  // sorted by year
    CHECK(s[0].value == 8.1);
    CHECK(s[0].flags == flag_provisional);
    CHECK(s[2].flags == flag_missing);
    CHECK(std::isnan(s[2].value));
    CHECK(obs.source(s[0].row) == "say \"hi\"");
    CHECK(obs.source(s[1].row) == "bulletin, 2016");
    CHECK(obs.row_name(s[1].row) == "t.csv:2");
    CHECK(obs.unit(s[0].unit)->symbol() == Unit::permille().symbol());
    CHECK(obs.regions_of("婴儿死亡率").size() == 2);
    CHECK(obs.max_year() == 2017);
}

TEST_CASE("NaN or empty values need the missing flag", "[observations]") {
    const auto m =
        message_of([] { Observations::from_csv_text("indicator,year,value\nx,2015,1\nx,2016,\n", "t.csv"); });
    CHECK(m.find("observations.nan") != std::string::npos);
    CHECK(m.find("t.csv:3") != std::string::npos);
    ObservationRow r{"x", "", 2015, std::nan(""), "%", "", 0};
    CHECK_THROWS_AS(Observations::from_rows({r}), DataError);
    r.flags = flag_missing;
    CHECK(Observations::from_rows({r}).size() == 1);
}

TEST_CASE("conflicting and duplicate rows are errors naming both rows", "[observations]") {
    const auto conflict = message_of([] {
        Observations::from_csv_text("indicator,year,value,unit\nx,2015,2.21,人\nx,2016,2.3,人\nx,2015,2.22,人\n",
                                    "d.csv");
    });
    CHECK(conflict.find("observations.conflict") != std::string::npos);
    CHECK(conflict.find("d.csv:2") != std::string::npos);
    CHECK(conflict.find("d.csv:4") != std::string::npos);
    const auto dup = message_of(
        [] { Observations::from_csv_text("indicator,year,value,unit\nx,2015,0.5,%\nx,2015,5,‰\n", "d.csv"); });
    CHECK(dup.find("observations.duplicate") != std::string::npos);  // same value in ‰ and %
    // A revised figure: the replaced row is flagged and kept, not used.
    const auto ok = Observations::from_csv_text(
        "indicator,year,value,unit,flags\nx,2015,2.21,人,superseded\nx,2015,2.22,人,\n", "d.csv");
    REQUIRE(ok.series("x", "").size() == 1);
    CHECK(ok.series("x", "")[0].value == 2.22);
}

TEST_CASE("bad input is named: unit, year, columns, quotes", "[observations]") {
    CHECK(message_of([] {
              Observations::from_csv_text("indicator,year,value,unit\nx,2015,1,furlong\n", "u.csv");
          }).find("u.csv:2") != std::string::npos);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value,unit\nx,2015,1,furlong\n"), UnitError);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value\nx,20x5,1\n"), DataError);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value\nx,15,1\n"), DataError);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value\nx,2015,abc\n"), DataError);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,value\nx,1\n"), SchemaError);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value\nx,2015\n"), ParseError);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value\n\"x,2015,1\n"), ParseError);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value,flags\nx,2015,1,bogus\n"), DataError);
}

TEST_CASE("columns are read in place; codes are checked", "[observations]") {
    std::vector<std::int64_t> key{0, 0, 1}, year{2016, 2015, 2015};
    std::vector<double> value{2.0, 1.0, 3.0};
    ObservationColumns c;
    c.key = key;
    c.year = year;
    c.value = value;
    c.key_names = {"a", "b"};
    c.unit_names = {"%"};
    const auto obs = Observations::from_columns(c);
    CHECK(obs.values().data() == value.data());  // no copy
    CHECK(obs.years().data() == year.data());
    CHECK(obs.series("a", "").size() == 2);
    CHECK(obs.series("a", "")[0].value == 1.0);
    std::vector<std::int64_t> bad{0, 0, 5};
    c.key = bad;
    CHECK_THROWS_AS(Observations::from_columns(c), DataError);
}

TEST_CASE("flags parse and print", "[observations]") {
    CHECK(parse_flags("missing;estimated") == (flag_missing | flag_estimated));
    CHECK(parse_flags("") == 0);
    CHECK(flags_to_string(flag_superseded | flag_provisional) == "provisional;superseded");
    CHECK_THROWS_AS(parse_flags("maybe"), DataError);
}

TEST_CASE("the bundled national observations load", "[observations]") {
    const auto obs = Observations::from_csv(
        std::string(HEALTHPLAN_SOURCE_DIR) + "/python/healthplan/data/observed/china_observed.csv", {"全国", ""});
    CHECK(obs.size() >= 78);
    const auto s = obs.series("婴儿死亡率", "全国");
    REQUIRE(s.size() >= 10);
    CHECK(s.front().year == 2015);
    for (std::size_t i = 0; i < obs.size(); ++i) CHECK_FALSE(obs.source(i).empty());
}

TEST_CASE("vintages: revised figures are kept and chosen by publication year", "[observations]") {
    const auto obs = Observations::from_csv_text(
        "indicator,year,value,unit,published\n"
        "x,2015,29.97,%,2016\n"
        "x,2015,29.3,%,2020\n"
        "x,2016,28.8,%,2017\n",
        "v.csv");
    const auto s = obs.series("x", "");
    REQUIRE(s.size() == 3);
    CHECK(s[0].published == 2016);
    CHECK(s[1].published == 2020);
    // Without distinct publication years the same rows are a conflict.
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value,published\nx,2015,1,2016\nx,2015,2,2016\n"),
                    DataError);
    CHECK_THROWS_AS(Observations::from_csv_text("indicator,year,value,published\nx,2015,1,2014\n"), DataError);
}

TEST_CASE("key codes: the first of equal names, with or without a hint; a series read in place", "[observations]") {
    // Names given twice (columns built by hand may do that): the first code wins, as
    // the former hash map's emplace gave, whatever position the hint names.
    std::vector<std::int64_t> key{0, 1, 2, 2, 3}, year{2015, 2015, 2015, 2016, 2015};
    std::vector<double> value{1, 2, 3, 4, 5};
    ObservationColumns c;
    c.key = key;
    c.year = year;
    c.value = value;
    c.key_names = {"a", "b", "a", "c"};
    const auto obs = Observations::from_columns(c);
    CHECK(obs.key_code("a") == 0);
    CHECK(obs.key_code("a", 2) == 0);
    CHECK(obs.key_code("c", 3) == 3);
    CHECK(obs.key_code("c", 99) == 3);
    CHECK_FALSE(obs.key_code("d", 0).has_value());
    // Distinct names: a right hint and a wrong one give the same code.
    c.key_names = {"a", "b", "x", "c"};
    const auto distinct = Observations::from_columns(c);
    for (std::size_t hint = 0; hint < 6; ++hint) {
        CHECK(distinct.key_code("x", hint) == 2);
        CHECK(distinct.key_code("c", hint) == 3);
        CHECK_FALSE(distinct.key_code("", hint).has_value());
    }
    // series_view reads what series() copies, row for row.
    const auto view = distinct.series_view(2, 0);
    const auto copy = distinct.series("x", "");
    REQUIRE(view.size() == 2);
    REQUIRE(copy.size() == 2);
    for (std::size_t i = 0; i < view.size(); ++i) {
        CHECK(view[i].year == copy[i].year);
        CHECK(view[i].value == copy[i].value);
        CHECK(view[i].row == copy[i].row);
        CHECK(view.row(i) == copy[i].row);
    }
    CHECK(distinct.series_view(9, 0).empty());  // no such key
    CHECK(distinct.series_view(2, 1).empty());  // no such region
    CHECK(distinct.series_view(-1, 0).empty());
    CHECK(distinct.regions_of("x") == std::vector<std::string>{""});
}

TEST_CASE("key codes in a batch: key_code's answers, in order, names given twice or not", "[observations]") {
    // More keys than one block of prefetched slots (16), in and out of the store's
    // order, absent, empty and repeated, so both the hint and the hashed lookups answer.
    std::vector<std::int64_t> key, year;
    std::vector<double> value;
    ObservationColumns c;
    for (int k = 0; k < 40; ++k) {
        c.key_names.push_back("key" + std::to_string(k));
        key.push_back(k);
        year.push_back(2015);
        value.push_back(k);
    }
    c.key = key;
    c.year = year;
    c.value = value;
    std::vector<std::string> asked;
    for (int k = 0; k < 40; ++k) asked.push_back("key" + std::to_string(k));      // in order: the hint
    for (int k = 39; k >= 0; k -= 3) asked.push_back("key" + std::to_string(k));  // backwards: hashed
    for (const char* other : {"", "key", "key40", "key7", "key7", "key8"}) asked.push_back(other);
    const std::vector<std::string_view> keys(asked.begin(), asked.end());
    for (const bool twice : {false, true}) {
        if (twice) c.key_names[30] = "key7";  // the first, code 7, wins
        const auto obs = Observations::from_columns(c);
        std::vector<std::int64_t> out(keys.size(), -7);
        obs.key_codes(keys, out);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            INFO(keys[i] << (twice ? " (key7 twice)" : ""));
            CHECK(out[i] == obs.key_code(keys[i]).value_or(-1));
        }
        CHECK(out[7] == 7);
        CHECK(out[30] == (twice ? -1 : 30));  // "key30" is no longer a key
    }
}
