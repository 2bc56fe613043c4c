// The tokenizer in front of the target grammar: one forward pass over a
// paragraph that classifies every code point once, so the sentence scanner
// and the clause rules (targets.cpp, rules*.cpp) read tokens instead of
// rescanning the bytes.
//
// It gives two lists, both in text order:
// - tokens: the paragraph cut into runs that do not overlap — numbers (ASCII or
//   full-width digits with one decimal point; a 4-digit number 1949–2100 is
//   marked as a year, and "2021—2025" is one year-range token), Chinese
//   numerals (一二…十百千两〇零), comparator symbols (≥ ＜＝ …, grammar.hpp
//   `symbols`), punctuation (each mark its own token, with its role: clause
//   comma, colon, semicolon, sentence stop, parentheses, quotes), spaces, and
//   runs of other characters (CJK text, Latin letters);
// - hits: every position where a word of the token lexicon starts, with the
//   classes of all the lexicon words that start there (a word inside a longer
//   one is a hit too, as a byte search would find it). The lexicon is one trie
//   built from the tables of grammar.hpp — nothing is spelled here — so the
//   longest match is a property of the automaton.
//
// Rules ask the hits whether a clause holds a candidate at all (a digit, a
// trend verb, a statement word …) and walk only the positions where one
// starts. tests/cpp/extract/test_extract_tokens.cpp checks the classes on
// examples (tests/cpp/extract/examples/tokens.tsv) and against a byte search
// over every development document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "healthplan/span.hpp"  // opens the inline namespace healthplan::v0 first

namespace healthplan::v0::detail::extract {

enum class TokenKind : std::uint8_t {
    number,      // 12, ２０２５, 0.5 (digits with at most one decimal point)
    year,        // a number of 4 digits from 1949 to 2100
    year_range,  // 2021—2025, 2021-2025年 (the dash of grammar.hpp `year_range_dashes`, not 至/到)
    cn_numeral,  // 十四, 两, 〇
    comparator,  // ≥, ＜＝ (grammar.hpp `symbols`)
    punct,       // one punctuation mark, its role in `Token::punct`
    space,       // ASCII and ideographic spaces, NBSP
    text,        // a run of any other characters (CJK, Latin letters, symbols)
};

// The role of a punctuation token in a sentence.
enum class Punct : std::uint8_t {
    none,
    comma,        // , ，
    colon,        // : ：
    semicolon,    // ; ；
    stop,         // 。 ! ！ ？ (ends a sentence)
    open,         // ( （
    close,        // ) ）
    open_quote,   // “
    close_quote,  // ”
    list_comma,   // 、
    other,        // any other punctuation mark
};

struct Token {
    std::uint32_t b = 0, e = 0;  // byte offsets into the text
    TokenKind kind = TokenKind::text;
    Punct punct = Punct::none;
};

// Word classes of the token lexicon (bits of Hit::classes).
namespace word {
inline constexpr std::uint16_t trigger = 1 << 0;          // the pre-filter's words (prefilter.hpp)
inline constexpr std::uint16_t statement = 1 << 1;        // where the statement scan tries its rules (all below)
inline constexpr std::uint16_t reference = 1 << 2;        // grammar.hpp `reference_starts`
inline constexpr std::uint16_t soft = 1 << 3;             // `soft_words`
inline constexpr std::uint16_t better_than = 1 << 4;      // `better_than_words`
inline constexpr std::uint16_t trend_verb = 1 << 5;       // `trend_verbs`
inline constexpr std::uint16_t distributive = 1 << 6;     // `distributive_word` (分别)
inline constexpr std::uint16_t announcing = 1 << 7;       // `announcing_verbs`
inline constexpr std::uint16_t digit = 1 << 9;            // not a word: an ASCII or full-width digit starts here
inline constexpr std::uint16_t open_quote = 1 << 10;      // not a word: “
inline constexpr std::uint16_t statement_rule = 1 << 11;  // a statement rule's own word (a verb, 至少, 全覆盖 …)
// What a clause needs for any clause rule to state a target: a clause with
// none of these can only note a reference phrase or a soft word for the next.
inline constexpr std::uint16_t candidate = digit | trigger | statement_rule | better_than | trend_verb;
}  // namespace word

struct Hit {
    std::uint32_t pos = 0;
    std::uint16_t classes = 0;
};

// A character the sentence and clause splitters of scan_line act on: ( ) （ ）,
// the sentence stops (。!！？) and the clause separators (, ， ; ； : ：).
struct Mark {
    std::uint32_t pos = 0;
    char32_t c = 0;
    std::uint32_t len = 0;  // its bytes
};

// Whether scan_line's splitters act on c (the characters of Mark).
constexpr bool is_mark(char32_t c) noexcept {
    switch (c) {
        case U'(':
        case U')':
        case U'（':
        case U'）':
        case U'。':
        case U'!':
        case U'！':
        case U'？':
        case U',':
        case U'，':
        case U';':
        case U'；':
        case U':':
        case U'：':
            return true;
        default:
            return false;
    }
}

struct Tokens {
    std::vector<Token> tokens;
    std::vector<Hit> hits;
    std::vector<Mark> marks;  // find_hits only: the splitters' characters, in text order
    void clear() {
        tokens.clear();
        hits.clear();
        marks.clear();
    }
    // The classes of every hit starting in [b, e), or-ed.
    std::uint16_t classes_in(std::size_t b, std::size_t e) const noexcept;
    // The first hit at or after b.
    const Hit* first_hit(std::size_t b) const noexcept;
    const Hit* hits_end() const noexcept { return hits.data() + hits.size(); }
    // The first mark at or after b.
    const Mark* first_mark(std::size_t b) const noexcept;
    const Mark* marks_end() const noexcept { return marks.data() + marks.size(); }

  private:
    // Where the last first_hit answer was: the rules ask it several times a
    // clause, at positions that mostly move forward through the paragraph.
    // Only a hint: first_hit checks it against the hits before trusting it.
    mutable std::size_t hit_hint_ = 0;
};

// Tokenizes [b, e) of `s` into `out` (cleared first). Lexicon words are
// matched against the whole of `s`, as the rules' byte tests are: a word
// starting before e may end after it. `s` must be valid UTF-8 and shorter
// than 4 GiB (the offsets are 32-bit, like Line's).
void tokenize(std::string_view s, std::size_t b, std::size_t e, Tokens& out);

// The hits of tokenize() alone (`out.tokens` left empty) and the marks: what the
// engine reads (scan_line splits sentences and clauses at the marks, the clause
// rules ask the hits), in one pass that decodes a
// character and tests one bit of an 8 KiB table (L1-resident, unlike the 128 KiB
// class table) for most characters. tests/cpp/extract/test_extract_hits.cpp
// holds it equal to tokenize()'s hits on every development document.
void find_hits(std::string_view s, std::size_t b, std::size_t e, Tokens& out);

// The token lexicon: each word with its classes (every table it comes from).
const std::vector<std::pair<std::string_view, std::uint16_t>>& lexicon_words();

// The classes of the lexicon words starting at i (0 when none), and the
// byte length of the longest of them in `len`.
std::uint16_t lexicon_classes_at(std::string_view s, std::size_t i, std::size_t* len = nullptr) noexcept;

}  // namespace healthplan::v0::detail::extract
