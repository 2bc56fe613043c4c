// Normalisation before the grammar: the text as a PDF converter, a forum
// repost or a table flattener left it becomes the text the grammar knows,
// and every byte of it remembers where it came from, so spans found in the
// normalised text point back into the original (`text[span] == evidence`).
//
// What is undone (each rule is conservative: a text in the seeds' layout
// comes out unchanged, and then no offset map is built at all):
// - table layouts: a cell line ending in " |" loses the marker; a markdown
//   row "| a | b |" becomes a tab row, its "|---|" rule line is dropped;
// - page-number lines ("- 3 -", "第3页", "第 3 页 共 9 页") are dropped;
// - hard wraps: in a text wrapped at a fixed width, a full-width line that
//   does not end a sentence is joined to the next; a responsibility
//   parenthesis "(…按职\n责分工负责)" broken over lines is joined wherever;
// - a single space between CJK and a number ("提高到 35%", "到 2025年",
//   "0.5 个百分点"), and between CJK characters in prose lines ("城、乡 居民");
// - full-width digits, letters and ／ become ASCII (％ is read as written); "." used as a full
//   stop after CJK becomes "。";
// - traditional characters become simplified (a table from OpenCC's data,
//   see traditional.hpp); Chinese-numeral years ("二〇三〇年") become digits.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>

#include <string>
#include <string_view>
#include <vector>
#include "healthplan/span.hpp"  // opens the inline namespace healthplan::v0 first

namespace healthplan::v0::detail::extract {

struct Normalized {
    bool changed = false;  // false: `text` is empty and spans need no mapping
    std::string text;
    // The offset map, one segment per run: a copied run maps byte for byte
    // (linear), a replacement maps all its bytes to the original range it
    // replaced. Sorted by `at`; a few segments per edit, not per byte.
    struct Segment {
        std::uint32_t at = 0;            // first byte in `text`
        std::uint32_t from = 0, to = 0;  // original range
        bool linear = false;
    };
    std::vector<Segment> segments;

    // The original range of the normalised range [b, e).
    std::pair<std::size_t, std::size_t> original(std::size_t b, std::size_t e, std::size_t original_size) const {
        if (!changed) return {b, e};
        const std::size_t ob = b < text.size() ? start_of(b) : original_size;
        const std::size_t oe = e == 0 ? ob : (e - 1 < text.size() ? end_of(e - 1) : original_size);
        return {ob, std::max(ob, oe)};
    }

    // Whether the normalised range [b, e) is the original's bytes unchanged
    // (inside one copied run), so anything read in it is as written.
    bool copied(std::size_t b, std::size_t e) const {
        if (!changed) return true;
        if (b >= e || e > text.size()) return false;
        const Segment& s = segment(b);
        return s.linear && e - s.at <= s.to - s.from;
    }

  private:
    const Segment& segment(std::size_t i) const {
        auto it = std::upper_bound(segments.begin(), segments.end(), i,
                                   [](std::size_t v, const Segment& s) { return v < s.at; });
        return *(it - 1);  // segments[0].at == 0
    }
    std::size_t start_of(std::size_t i) const {
        const Segment& s = segment(i);
        return s.linear ? s.from + (i - s.at) : s.from;
    }
    std::size_t end_of(std::size_t i) const {
        const Segment& s = segment(i);
        return s.linear ? s.from + (i - s.at) + 1 : s.to;
    }
};

Normalized normalize(std::string_view text);
// The same, for a caller that has decided the script already (`traditional`:
// traditional_script(text), which extract() learns in its UTF-8 check's pass).
Normalized normalize(std::string_view text, bool traditional);

}  // namespace healthplan::v0::detail::extract
