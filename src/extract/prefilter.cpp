// The sentence pre-filter (prefilter.hpp): one pass over the sentence's bytes.
#include "extract/prefilter.hpp"

#include <atomic>
#include <string>
#include <vector>

#include "extract/grammar.hpp"
#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract {
namespace {

std::atomic<bool> enabled{true};

// Words that let a sentence through, besides digits, taken from the
// lexicon (grammar.hpp) so a word added there reaches the filter too: the
// trend verbs, the benchmark head, the coverage and all-units words, and the
// frames written without digits.
const std::vector<std::string_view>& trigger_words() {
    static const std::vector<std::string_view> words = [] {
        std::vector<std::string_view> w;
        for (const auto& v : trend_verbs) w.push_back(v.text);
        w.push_back(benchmark_head);
        w.push_back(coverage_word);
        for (std::string_view x : all_units_words) w.push_back(x);
        for (std::string_view x : retrospective_words) w.push_back(x);
        for (const auto& p : five_year_periods) w.push_back(p.name);
        return w;
    }();
    return words;
}

// The first character of every trigger word, so most characters are
// rejected by one lookup after their decoding.
const std::vector<bool>& first_chars() {
    static const std::vector<bool> bits = [] {
        std::vector<bool> t(0x10000);
        for (std::string_view w : trigger_words()) t[cp_at(w, 0)] = true;
        return t;
    }();
    return bits;
}

}  // namespace

bool may_state_target(std::string_view s) noexcept {
    if (!enabled.load(std::memory_order_relaxed)) return true;
    const auto& first = first_chars();
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        if (lead < 0x80) {
            if (lead >= '0' && lead <= '9') return true;
            ++i;
            continue;
        }
        std::size_t n;
        const char32_t c = cp_at(s, i, &n);
        if (c >= 0xFF10 && c <= 0xFF19) return true;  // full-width digit
        if (c < 0x10000 && first[c])
            for (std::string_view w : trigger_words())
                if (at(s, i, w)) return true;
        i += n;
    }
    return false;
}

void set_prefilter_enabled(bool on) noexcept { enabled.store(on, std::memory_order_relaxed); }
bool prefilter_enabled() noexcept { return enabled.load(std::memory_order_relaxed); }

}  // namespace healthplan::v0::detail::extract
