// The original text, recoverable from the normalised text: normalisation
// copies most of a document byte for byte (Normalized's linear segments), so
// the original is those runs of the normalised text plus the few bytes it
// replaced or dropped, kept here. With it, extract_owned releases the caller's
// text while the grammar runs — the original and its normalised copy are then
// never both alive beside the result — and rebuilds the original in the
// normalised copy's own buffer when the spans' evidence is written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/normalize.hpp"

namespace healthplan::v0::detail::extract {

class Restore {
  public:
    // The runs of `original` in `norm`, and the bytes that are not in any;
    // nullopt when the linear segments do not tile the original in order
    // (then the original has to be kept).
    static std::optional<Restore> build(const Normalized& norm, std::string_view original);

    std::size_t size() const noexcept { return size_; }
    // The original's bytes [b, e): a view into `norm` when they are one run
    // of it or one stored piece, else assembled in `scratch`.
    std::string_view slice(std::string_view norm, std::size_t b, std::size_t e, std::string& scratch) const;
    // Turns the normalised text into the original, in its own buffer (grown
    // to the original's size when it is shorter; reserve first to avoid a copy).
    void rebuild_in_place(std::string& norm) const;
    // The bytes kept: what releasing the original costs.
    std::size_t stored_bytes() const noexcept { return stored_.size(); }

  private:
    struct Run {
        std::uint32_t at = 0;      // first byte in the original
        std::uint32_t len = 0;     // bytes
        std::uint32_t source = 0;  // first byte in the normalised text, or in stored_
        bool stored = false;
    };
    const Run& run_at(std::size_t b) const;
    std::vector<Run> runs_;  // in the original's order, tiling [0, size_)
    std::string stored_;
    std::size_t size_ = 0;
};

}  // namespace healthplan::v0::detail::extract
