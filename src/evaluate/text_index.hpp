// Internal: a read-only index from a text to the position of the first equal
// text in a list (plan indicator ids, task ids, the store's keys), for the
// explained path's per-target lookups.
//
// Why not std::unordered_map: one heap node per text and, for the store's index
// (whose hash is not cached), a re-hash of neighbouring keys on every probe made
// these lookups a third of judging a target (perf, docs/evaluation.md, "General
// path"). Boost's flat maps need Boost 1.81, newer than Debian's. Here: one
// array of slots, open addressing with linear probing, each slot a 32-bit hash
// tag and the text's position, so a probe reads one slot and compares a text
// only when the tags agree. Texts stay where they are (read through `text_of`).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

// The slot table itself, with the texts read through `text_of` at each call:
// what TextIndex holds, and what the observation store keeps for its keys
// (Observations::key_code), whose header cannot name this one.
// A table is a vector of slots, each (hash tag << 32) | (position + 1), 0 when
// empty, and whether every text is distinct.
struct TextSlots {
    static std::size_t hash(std::string_view text) noexcept {
        // std::hash is 64-bit on the platforms built for; the low bits pick the
        // slot, the high ones are the tag.
        return std::hash<std::string_view>{}(text);
    }

    template <class TextOf>  // std::string_view TextOf(std::size_t position)
    static void build(std::vector<std::uint64_t>& slots, bool& distinct, std::size_t n, const TextOf& text_of) {
        // At most half full: short probe runs, also for texts that are absent.
        slots.assign(std::bit_ceil(std::max<std::size_t>(2 * n, 8)), 0);
        distinct = true;
        const std::size_t mask = slots.size() - 1;
        // Texts hashed a block ahead and their slots prefetched: a large table is
        // out of cache, and its reads, one per text, then overlap (building the
        // plan's indicator index per call was a tenth of judging 40,000 targets).
        constexpr std::size_t block = 16;
        std::array<std::size_t, block> hashes{};
        for (std::size_t pos = 0; pos < n; ++pos) {
            if (pos % block == 0)
                for (std::size_t j = pos; j < std::min(n, pos + block); ++j) {
                    hashes[j - pos] = hash(text_of(j));
                    __builtin_prefetch(&slots[hashes[j - pos] & mask]);
                }
            const std::string_view text = text_of(pos);
            const std::size_t h = hashes[pos % block];
            const std::uint64_t tag = static_cast<std::uint32_t>(h >> 32);
            std::size_t s = h & mask;
            bool seen = false;
            for (;; s = (s + 1) & mask) {
                const std::uint64_t slot = slots[s];
                if (slot == 0) break;
                if ((slot >> 32) == tag && text_of(static_cast<std::uint32_t>(slot) - 1) == text) {
                    seen = true;  // first wins
                    break;
                }
            }
            if (seen)
                distinct = false;
            else
                slots[s] = (tag << 32) | static_cast<std::uint64_t>(pos + 1);
        }
    }

    // Position of the first text equal to `text`; none when there is none.
    template <class TextOf>
    static std::optional<std::uint32_t> find(const std::vector<std::uint64_t>& slots, std::string_view text,
                                             const TextOf& text_of) {
        return probe(slots, hash(text), text, text_of);
    }

    // find(), first trying the positions `hint` and `other_hint` — the text
    // after the last one found, say: plans list targets in the order of their
    // indicators and tasks, and a store lists keys in the order its rows first
    // name them, so consecutive lookups tend to land on consecutive positions.
    // A hit costs one comparison instead of a hash and a random slot read (the
    // slot table of a large store is out of cache). Only when every text is
    // distinct, so that the hint's text is the first equal one, as find() answers.
    template <class TextOf>
    static std::optional<std::uint32_t> find_near(const std::vector<std::uint64_t>& slots, bool distinct, std::size_t n,
                                                  std::string_view text, const TextOf& text_of, std::size_t hint,
                                                  std::size_t other_hint = SIZE_MAX) {
        if (distinct) {
            for (const std::size_t h : {hint, other_hint})
                if (h < n && text_of(h) == text) return static_cast<std::uint32_t>(h);
        }
        return find(slots, text, text_of);
    }

    // find_near() of many texts: out[i] is the position of texts[i] (-1 when
    // absent), each tried first at the position after the last one found by
    // that hint. The others are hashed a block ahead and their slots
    // prefetched, so a large table's reads (out of cache, one per text) overlap
    // instead of stalling one after the other. The same answers as find().
    template <class TextOf>
    static void find_many(const std::vector<std::uint64_t>& slots, bool distinct, std::size_t n,
                          std::span<const std::string_view> texts, const TextOf& text_of, std::span<std::int64_t> out) {
        constexpr std::size_t block = 16;  // slot reads in flight at once
        const std::size_t mask = slots.size() - 1;
        std::array<std::size_t, block> hashes{};
        std::array<bool, block> pending{};
        std::size_t hint = 0;
        for (std::size_t b = 0; b < texts.size(); b += block) {
            const std::size_t e = std::min(texts.size(), b + block);
            for (std::size_t i = b; i < e; ++i) {
                pending[i - b] = !(distinct && hint < n && text_of(hint) == texts[i]);
                if (!pending[i - b]) {
                    out[i] = static_cast<std::int64_t>(hint++);
                    continue;
                }
                hashes[i - b] = hash(texts[i]);
                __builtin_prefetch(&slots[hashes[i - b] & mask]);
            }
            for (std::size_t i = b; i < e; ++i) {
                if (!pending[i - b]) continue;
                const auto pos = probe(slots, hashes[i - b], texts[i], text_of);
                out[i] = pos ? static_cast<std::int64_t>(*pos) : -1;
                if (pos) hint = *pos + 1;
            }
        }
    }

  private:
    template <class TextOf>
    static std::optional<std::uint32_t> probe(const std::vector<std::uint64_t>& slots, std::size_t h,
                                              std::string_view text, const TextOf& text_of) {
        const std::size_t mask = slots.size() - 1;
        const std::uint64_t tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t s = h & mask;; s = (s + 1) & mask) {
            const std::uint64_t slot = slots[s];
            if (slot == 0) return std::nullopt;
            if ((slot >> 32) == tag) {
                const auto pos = static_cast<std::uint32_t>(slot) - 1;
                if (text_of(pos) == text) return pos;
            }
        }
    }
};

template <class TextOf>  // std::string_view TextOf(std::size_t position)
class TextIndex {
  public:
    TextIndex(std::size_t n, TextOf text_of) : text_of_(std::move(text_of)), size_(n) {
        TextSlots::build(slots_, distinct_, n, text_of_);
    }

    // Position of the first text equal to `text`; none when there is none.
    std::optional<std::uint32_t> find(std::string_view text) const { return TextSlots::find(slots_, text, text_of_); }

    // find(), trying `hint` and then `other_hint` first (TextSlots::find_near).
    std::optional<std::uint32_t> find_near(std::string_view text, std::size_t hint,
                                           std::size_t other_hint = SIZE_MAX) const {
        return TextSlots::find_near(slots_, distinct_, size_, text, text_of_, hint, other_hint);
    }

  private:
    TextOf text_of_;
    std::size_t size_ = 0;
    bool distinct_ = true;
    std::vector<std::uint64_t> slots_;
};

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
