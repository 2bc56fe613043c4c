// The lexicon: its automaton, and the unit spellings it scans for (the unit
// system decides what a unit means; the two tables must not drift apart).
#include <catch2/catch.hpp>

#include <string>

#include "extract/grammar.hpp"
#include "extract/trie.hpp"
#include "healthplan/units.hpp"

TEST_CASE("every unit spelling the extractor scans for is a unit the model knows", "[extract][units]") {
    for (auto spelling : healthplan::detail::extract::unit_spellings) {
        INFO(std::string(spelling));
        CHECK(healthplan::Unit::try_parse(spelling).has_value());
        CHECK_FALSE(healthplan::Unit::parse(spelling).is_none());
    }
}

// The lexicon's automaton: the longest word wins whatever the order words
// were added in, backwards matching stops at its lower bound, and a word added
// twice keeps its first payload.
TEST_CASE("the lexicon trie matches the longest word, forwards and backwards", "[extract][lexicon]") {
    using healthplan::detail::extract::Trie;
    Trie<int> t;
    t.add("高于", 1);
    t.add("不得高于", 2);
    t.add("不", 3);
    t.add("高于", 4);  // a duplicate: the first payload stays
    const std::string s = "婴儿死亡率不得高于5‰";
    const std::size_t at = s.find("不");
    std::size_t len = 0;
    REQUIRE(t.longest(s, at, &len) != nullptr);
    CHECK(*t.longest(s, at) == 2);
    CHECK(len == std::string("不得高于").size());
    CHECK(*t.longest(s, s.find("高于")) == 1);
    CHECK(t.longest(s, 0) == nullptr);
    CHECK(t.longest(s, s.size()) == nullptr);
    CHECK(t.longest("不得", 0) != nullptr);  // "不" matches; "不得高于" runs past the text
    CHECK(*t.longest("不得", 0) == 3);

    Trie<int> back;
    back.add_reversed("显著", 1);
    back.add_reversed("显著地", 2);
    const std::string m = "发病率显著地下降";
    const std::size_t end = m.find("下降");
    CHECK(*back.longest_before(m, 0, end, &len) == 2);
    CHECK(len == std::string("显著地").size());
    // The lower bound cuts the longer word: only "地"… is after it, so nothing matches.
    CHECK(back.longest_before(m, m.find("著"), end) == nullptr);
    CHECK(back.longest_before(m, end, end) == nullptr);
}
