// A byte trie over UTF-8 words: the lexicon's automaton. Built once from a
// word table; a lookup walks the text's bytes from a position and returns the
// longest word that ends on a node marked terminal, so "the longest word
// wins" (不得高于 over 高于, 显著地 over 显著) holds by construction, whatever
// the order of the table. Matching backwards (a word that ends at a position)
// is the same trie built over the reversed words.
//
// Each lookup costs at most as many steps as the longest word has bytes,
// independent of the number of words: at almost every position of a text the
// walk stops at the root's table (one array index) or one level below it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract {

template <class T>
class Trie {
  public:
    Trie() : nodes_(1) { root_.fill(-1); }

    // Adds a word with its payload. A word added twice keeps its first payload
    // (the table's first spelling is the one meant).
    void add(std::string_view word, T value) { add_bytes(word, std::move(value), false); }
    // Adds the word reversed, for matching backwards (see longest_before).
    void add_reversed(std::string_view word, T value) { add_bytes(word, std::move(value), true); }

    // The longest word starting at i in s, or nullptr; `len` gets its bytes.
    const T* longest(std::string_view s, std::size_t i, std::size_t* len = nullptr) const noexcept {
        if (i >= s.size() || !may_start(s, i)) return nullptr;
        int node = root_[static_cast<unsigned char>(s[i])];
        const T* best = nullptr;
        std::size_t best_len = 0;
        for (std::size_t k = i + 1; node >= 0; ++k) {
            if (nodes_[node].value >= 0) best = &values_[nodes_[node].value], best_len = k - i;
            if (k >= s.size()) break;
            node = child(node, static_cast<unsigned char>(s[k]));
        }
        if (len) *len = best_len;
        return best;
    }

    // Calls f(value, length) for every word starting at i in s, shortest
    // first: the words a byte search at i would find, not only the longest.
    template <class F>
    void each_match(std::string_view s, std::size_t i, F&& f) const {
        if (i >= s.size() || !may_start(s, i)) return;
        each_match_unchecked(s, i, f);
    }
    // each_match for a caller that knows a word may start at i (its own
    // table of first characters said so): no second decoding.
    template <class F>
    void each_match_unchecked(std::string_view s, std::size_t i, F&& f) const {
        int node = root_[static_cast<unsigned char>(s[i])];
        for (std::size_t k = i + 1; node >= 0; ++k) {
            if (nodes_[node].value >= 0) f(values_[nodes_[node].value], k - i);
            if (k >= s.size()) break;
            node = child(node, static_cast<unsigned char>(s[k]));
        }
    }

    // Calls f(c) for every character a word starts with (below U+10000).
    template <class F>
    void for_each_first(F&& f) const {
        for (char32_t c = 0; c < 0x10000; ++c)
            if (first_[c]) f(c);
    }

    // On a trie of reversed words: the longest word ending at e and starting
    // at or after b, or nullptr; `len` gets its bytes.
    const T* longest_before(std::string_view s, std::size_t b, std::size_t e,
                            std::size_t* len = nullptr) const noexcept {
        if (e == 0 || e > s.size() || e <= b || !may_end(s, e)) return nullptr;
        int node = root_[static_cast<unsigned char>(s[e - 1])];
        const T* best = nullptr;
        std::size_t best_len = 0;
        for (std::size_t k = e - 1; node >= 0; --k) {
            if (nodes_[node].value >= 0) best = &values_[nodes_[node].value], best_len = e - k;
            if (k == b) break;
            node = child(node, static_cast<unsigned char>(s[k - 1]));
        }
        if (len) *len = best_len;
        return best;
    }

  private:
    // Most positions of a text start no word: one decode and one bit test
    // reject them before the walk (CJK words share few lead bytes, so the
    // walk alone would go two levels deep at almost every character).
    bool may_start(std::string_view s, std::size_t i) const noexcept {
        const char32_t c = cp_at(s, i);
        return c >= 0x10000 || first_[c];
    }
    bool may_end(std::string_view s, std::size_t e) const noexcept {
        const char32_t c = cp_at(s, prev_cp(s, e));
        return c >= 0x10000 || first_[c];
    }

    struct Node {
        std::vector<std::pair<unsigned char, int>> next;  // while building
        int value = -1;
    };

    // The children of every node side by side (edges_[edge_begin_[n] ..
    // edge_begin_[n + 1]) are node n's), rebuilt after each word: a lookup
    // scans a few adjacent bytes instead of following a vector per node.
    struct Edge {
        unsigned char byte;
        int to;
    };
    int child(int node, unsigned char c) const noexcept {
        const Edge* e = edges_.data() + edge_begin_[static_cast<std::size_t>(node)];
        const Edge* end = edges_.data() + edge_begin_[static_cast<std::size_t>(node) + 1];
        for (; e != end; ++e)
            if (e->byte == c) return e->to;
        return -1;
    }
    int building_child(int node, unsigned char c) const noexcept {
        for (const auto& [byte, to] : nodes_[node].next)
            if (byte == c) return to;
        return -1;
    }
    void flatten() {
        edges_.clear();
        edge_begin_.assign(nodes_.size() + 1, 0);
        for (std::size_t n = 0; n < nodes_.size(); ++n) {
            edge_begin_[n] = static_cast<std::uint32_t>(edges_.size());
            for (const auto& [byte, to] : nodes_[n].next) edges_.push_back(Edge{byte, to});
        }
        edge_begin_[nodes_.size()] = static_cast<std::uint32_t>(edges_.size());
    }

    void add_bytes(std::string_view word, T value, bool reversed) {
        if (word.empty()) return;
        // The character a match starts with (forwards) or ends with (backwards).
        const char32_t edge = reversed ? cp_at(word, prev_cp(word, word.size())) : cp_at(word, 0);
        if (edge < 0x10000) first_[edge] = true;
        auto byte = [&](std::size_t k) {
            return static_cast<unsigned char>(reversed ? word[word.size() - 1 - k] : word[k]);
        };
        int& first = root_[byte(0)];
        if (first < 0) first = new_node();
        int node = first;
        for (std::size_t k = 1; k < word.size(); ++k) {
            int next = building_child(node, byte(k));
            if (next < 0) {
                next = new_node();
                nodes_[node].next.emplace_back(byte(k), next);
            }
            node = next;
        }
        if (nodes_[node].value < 0) {
            nodes_[node].value = static_cast<int>(values_.size());
            values_.push_back(std::move(value));
        }
        flatten();
    }

    int new_node() {
        nodes_.emplace_back();
        return static_cast<int>(nodes_.size() - 1);
    }

    std::vector<bool> first_ = std::vector<bool>(0x10000);  // first (last, reversed) characters of the words
    std::array<int, 256> root_{};
    std::vector<Node> nodes_;  // nodes_[0] unused: the root is root_
    std::vector<Edge> edges_;
    std::vector<std::uint32_t> edge_begin_ = std::vector<std::uint32_t>(2, 0);
    std::vector<T> values_;
};

}  // namespace healthplan::v0::detail::extract
