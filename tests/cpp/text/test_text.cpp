#include <catch2/catch.hpp>

#include <healthplan/error.hpp>
#include <healthplan/text.hpp>

using namespace healthplan;

TEST_CASE("invalid UTF-8 is found at its byte offset", "[text]") {
    CHECK_FALSE(find_invalid_utf8("健康乌海 ok").has_value());
    CHECK(find_invalid_utf8(std::string("ab\xFF", 3)) == 2u);
    CHECK(find_invalid_utf8(std::string("健\xE5\x81", 5)) == 3u);        // truncated sequence
    CHECK(find_invalid_utf8(std::string("\xC0\xAF", 2)) == 0u);          // overlong
    CHECK(find_invalid_utf8(std::string("x\xED\xA0\x80", 4)) == 1u);     // surrogate
    CHECK(find_invalid_utf8(std::string("\xF4\x90\x80\x80", 4)) == 0u);  // past U+10FFFF
    try {
        require_utf8(std::string("abc\x80", 4), "plan.txt");
        FAIL("expected ParseError");
    } catch (const ParseError& e) {
        CHECK(e.id() == "text.invalid_utf8");
        CHECK(e.where() == "plan.txt: byte 3");
    }
}

TEST_CASE("sha256 matches the FIPS test vectors", "[text]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
