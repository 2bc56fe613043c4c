// The lexicon of the target grammar, built once from the tables of
// grammar.hpp: comparisons composed with negations and 或等于, every word list
// sorted longest first, so "the longest word wins" is a property of the
// construction and not of how a table happens to be ordered.
#include <algorithm>
#include <array>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/grammar.hpp"
#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract {

namespace {

Comparator negated(Comparator op) { return op == Comparator::lt ? Comparator::ge : Comparator::le; }
Comparator inclusive(Comparator op) { return op == Comparator::lt ? Comparator::le : Comparator::ge; }

template <class T, class Text>
void longest_first(std::vector<T>& v, Text text) {
    std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) { return text(a).size() > text(b).size(); });
}

// Words bucketed by their first character, each bucket longest first: a
// lookup decodes one character, rejects it with one bit test at almost every
// position of a text, and otherwise compares only the words that start with it.
template <class T>
class Buckets {
  public:
    template <class Text>
    Buckets(const std::vector<T>& items, Text text) : has_(0x10000) {
        for (const T& item : items) {
            const char32_t c = cp_at(text(item), 0);
            if (c < 0x10000) has_[c] = true;
            by_first_[c].push_back(item);
        }
    }
    // The bucket of the character at i, or nullptr.
    const std::vector<T>* at_char(std::string_view s, std::size_t i) const noexcept {
        if (i >= s.size()) return nullptr;
        const char32_t c = cp_at(s, i);
        if (c < 0x10000 && !has_[c]) return nullptr;
        auto it = by_first_.find(c);
        return it == by_first_.end() ? nullptr : &it->second;
    }

  private:
    std::vector<bool> has_;
    std::unordered_map<char32_t, std::vector<T>> by_first_;
};

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

const Buckets<const Verb*>& verb_buckets() {
    static const Buckets<const Verb*> b = [] {
        std::vector<const Verb*> v;
        for (const auto& verb : verb_table().verbs) v.push_back(&verb);
        return Buckets<const Verb*>(v, [](const Verb* x) { return x->text; });
    }();
    return b;
}

struct WordTable {
    std::vector<std::string_view> words;  // longest first
    Buckets<std::string_view> first;
    std::array<bool, 256> last{};  // last bytes, for matching backwards
    explicit WordTable(std::vector<std::string_view> w)
        : words(std::move(w)), first(words, [](std::string_view x) { return x; }) {
        for (auto x : words) last[static_cast<unsigned char>(x.back())] = true;
    }
    std::size_t match(std::string_view s, std::size_t i) const noexcept {
        if (const auto* bucket = first.at_char(s, i))
            for (auto w : *bucket)
                if (at(s, i, w)) return w.size();
        return 0;
    }
};

template <std::size_t N>
WordTable build_words(const std::array<std::string_view, N>& list) {
    std::vector<std::string_view> words(list.begin(), list.end());
    longest_first(words, [](std::string_view w) { return w; });
    return WordTable(std::move(words));
}

const WordTable& modifiers() {
    static const WordTable t = build_words(trend_modifiers);
    return t;
}

const WordTable& leads() {
    static const WordTable t = build_words(frame_leads);
    return t;
}

std::vector<const TrendVerb*> build_trend_verbs() {
    std::vector<const TrendVerb*> v;
    for (const auto& tv : trend_verbs) v.push_back(&tv);
    longest_first(v, [](const TrendVerb* t) { return t->text; });
    return v;
}

}  // namespace

const std::vector<Verb>& all_verbs() { return verb_table().verbs; }

const Verb* verb_at(std::string_view s, std::size_t i) noexcept {
    if (const auto* bucket = verb_buckets().at_char(s, i))
        for (const Verb* v : *bucket)
            if (at(s, i, v->text)) return v;
    return nullptr;
}

std::size_t trend_modifier_at(std::string_view s, std::size_t i) noexcept { return modifiers().match(s, i); }

std::size_t trend_modifier_before(std::string_view s, std::size_t b, std::size_t e) noexcept {
    const WordTable& t = modifiers();
    if (e == 0 || e > s.size() || !t.last[static_cast<unsigned char>(s[e - 1])]) return 0;
    for (auto w : t.words)
        if (e >= b + w.size() && at(s, e - w.size(), w)) return w.size();
    return 0;
}

std::size_t frame_lead_at(std::string_view s, std::size_t i) noexcept { return leads().match(s, i); }

const TrendVerb* trend_verb_at(std::string_view s, std::size_t i) noexcept {
    static const Buckets<const TrendVerb*> buckets(build_trend_verbs(), [](const TrendVerb* t) { return t->text; });
    if (const auto* bucket = buckets.at_char(s, i))
        for (const TrendVerb* tv : *bucket)
            if (at(s, i, tv->text)) return tv;
    return nullptr;
}

bool lower_is_better(std::string_view indicator) noexcept {
    for (auto w : lower_is_better_words)
        if (indicator.find(w) != std::string_view::npos) return true;
    return false;
}

int improve_direction(std::string_view indicator) noexcept { return lower_is_better(indicator) ? -1 : 1; }

}  // namespace healthplan::v0::detail::extract
