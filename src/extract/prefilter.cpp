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

// Words that let a sentence through, besides digits: the lexicon's trend
// verbs and the few literal words of the rules that read no number.
const std::vector<std::string_view>& trigger_words() {
    static const std::vector<std::string_view> words = [] {
        std::vector<std::string_view> w;
        for (const auto& v : trend_verbs) w.push_back(v.text);
        for (std::string_view x : {"水平", "全覆盖", "全部", "均", "近年", "近几年", "年来", "过去五年", "十二五",
                                   "十三五", "十四五", "十五五"})
            w.push_back(x);
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
