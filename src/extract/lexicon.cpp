// The lexicon of the target grammar, built once from the tables of
// grammar.hpp: comparisons composed with negations and 或等于, every word list
// compiled into a byte trie (trie.hpp), so "the longest word wins" is a
// property of the automaton and not of how a table happens to be ordered.
#include <algorithm>
#include <array>
#include <deque>
#include <string>
#include <vector>

#include "extract/grammar.hpp"
#include "extract/scan.hpp"
#include "extract/trie.hpp"

namespace healthplan::v0::detail::extract {

namespace {

Comparator negated(Comparator op) { return op == Comparator::lt ? Comparator::ge : Comparator::le; }
Comparator inclusive(Comparator op) { return op == Comparator::lt ? Comparator::le : Comparator::ge; }

template <class T, class Text>
void longest_first(std::vector<T>& v, Text text) {
    std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) { return text(a).size() > text(b).size(); });
}

// Words a Verb's text can point into: composed spellings need storage.
struct VerbTable {
    std::deque<std::string> storage;  // a deque: its elements never move, so views into them stay valid
    std::vector<Verb> verbs;
};

VerbTable build_verbs() {
    VerbTable t;
    auto add = [&](std::string text, Comparator op, bool strict) {
        t.storage.push_back(std::move(text));
        t.verbs.push_back(Verb{t.storage.back(), VerbKind::level, op, strict});
    };
    for (const auto& c : comparisons) {
        add(std::string(c.text), c.op, true);
        for (auto n : negations) add(std::string(n) + std::string(c.text), negated(c.op), false);
        for (auto eq : or_equal) add(std::string(c.text) + std::string(eq), inclusive(c.op), false);
    }
    for (const auto& v : verbs) t.verbs.push_back(v);
    for (const auto& sym : symbols)
        if (sym.in_text)
            t.verbs.push_back(
                Verb{sym.text, VerbKind::level, sym.op, sym.op == Comparator::gt || sym.op == Comparator::lt});
    longest_first(t.verbs, [](const Verb& v) { return v.text; });
    return t;
}

const VerbTable& verb_table() {
    static const VerbTable t = build_verbs();
    return t;
}

const Trie<const Verb*>& verb_trie() {
    static const Trie<const Verb*> t = [] {
        Trie<const Verb*> x;
        for (const auto& verb : verb_table().verbs) x.add(verb.text, &verb);
        return x;
    }();
    return t;
}

// A word list as two automata: forwards (the word at i) and backwards (the
// word ending at e). Lengths are the payload.
struct WordTable {
    Trie<std::size_t> forward, backward;
    std::size_t match(std::string_view s, std::size_t i) const noexcept {
        const std::size_t* n = forward.longest(s, i);
        return n ? *n : 0;
    }
    std::size_t match_before(std::string_view s, std::size_t b, std::size_t e) const noexcept {
        const std::size_t* n = backward.longest_before(s, b, e);
        return n ? *n : 0;
    }
};

template <std::size_t N>
WordTable build_words(const std::array<std::string_view, N>& list) {
    WordTable t;
    for (auto w : list) t.forward.add(w, w.size()), t.backward.add_reversed(w, w.size());
    return t;
}

const WordTable& modifiers() {
    static const WordTable t = build_words(trend_modifiers);
    return t;
}

const WordTable& leads() {
    static const WordTable t = build_words(frame_leads);
    return t;
}

const Trie<const TrendVerb*>& trend_verb_trie() {
    static const Trie<const TrendVerb*> t = [] {
        Trie<const TrendVerb*> x;
        for (const auto& tv : trend_verbs) x.add(tv.text, &tv);
        return x;
    }();
    return t;
}

}  // namespace

const std::vector<Verb>& all_verbs() { return verb_table().verbs; }

const Verb* verb_at(std::string_view s, std::size_t i) noexcept {
    const Verb* const* v = verb_trie().longest(s, i);
    return v ? *v : nullptr;
}

std::size_t trend_modifier_at(std::string_view s, std::size_t i) noexcept { return modifiers().match(s, i); }

std::size_t trend_modifier_before(std::string_view s, std::size_t b, std::size_t e) noexcept {
    return modifiers().match_before(s, b, e);
}

std::size_t frame_lead_at(std::string_view s, std::size_t i) noexcept { return leads().match(s, i); }

const TrendVerb* trend_verb_at(std::string_view s, std::size_t i) noexcept {
    const TrendVerb* const* v = trend_verb_trie().longest(s, i);
    return v ? *v : nullptr;
}

bool lower_is_better(std::string_view indicator) noexcept {
    for (auto w : lower_is_better_words)
        if (indicator.find(w) != std::string_view::npos) return true;
    return false;
}

int improve_direction(std::string_view indicator) noexcept { return lower_is_better(indicator) ? -1 : 1; }

}  // namespace healthplan::v0::detail::extract
