// The WordBits filters (scan.hpp) of the word lists the clause rules loop over
// at every subject and verb: one bit says whether any word of the list can
// start or end at a position, so the list's loop runs only where it may match.
// Built once from grammar.hpp's tables; nothing is spelled here.
#pragma once

#include <array>
#include <string_view>

#include "extract/grammar.hpp"
#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract {

// Where a word of `verb_adverbs` may end (statement_subject, strip_trailing_words).
inline const WordBits& verb_adverb_ends() {
    static const WordBits b = WordBits::ends(verb_adverbs);
    return b;
}

// Where a word of `rate_markers` may end (statement_subject).
inline const WordBits& rate_marker_ends() {
    static const WordBits b = WordBits::ends(rate_markers);
    return b;
}

// Where a word of `name_trailing_words` may end (strip_trailing_words).
inline const WordBits& name_trailing_ends() {
    static const WordBits b = WordBits::ends(name_trailing_words);
    return b;
}

// Where a word of `subject_lead_words` may start (clean_subject, share).
inline const WordBits& subject_lead_starts() {
    static const WordBits b = WordBits::starts(subject_lead_words);
    return b;
}

// Where a trend verb may end (strip_rate_with_level_word).
inline const WordBits& trend_verb_ends() {
    static const WordBits b = [] {
        std::array<std::string_view, trend_verbs.size()> w{};
        for (std::size_t k = 0; k < w.size(); ++k) w[k] = trend_verbs[k].text;
        return WordBits::ends(w);
    }();
    return b;
}

}  // namespace healthplan::v0::detail::extract
