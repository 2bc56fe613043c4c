// The original text from the normalised text and the bytes it does not hold (restore.hpp).
#include "extract/restore.hpp"

#include <algorithm>
#include <cstring>

namespace healthplan::v0::detail::extract {

std::optional<Restore> Restore::build(const Normalized& norm, std::string_view original) {
    Restore r;
    r.size_ = original.size();
    std::size_t cursor = 0;  // the original is rebuilt up to here
    auto keep = [&](std::size_t b, std::size_t e) {
        if (b >= e) return;
        r.runs_.push_back(Run{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e - b),
                              static_cast<std::uint32_t>(r.stored_.size()), true});
        r.stored_.append(original.substr(b, e - b));
    };
    for (const auto& seg : norm.segments) {
        if (!seg.linear || seg.to == seg.from) continue;
        if (seg.from < cursor || seg.to > original.size() || seg.at + (seg.to - seg.from) > norm.text.size())
            return std::nullopt;
        keep(cursor, seg.from);
        r.runs_.push_back(Run{seg.from, seg.to - seg.from, seg.at, false});
        cursor = seg.to;
    }
    keep(cursor, original.size());
    r.stored_.shrink_to_fit();
    r.runs_.shrink_to_fit();
    return r;
}

const Restore::Run& Restore::run_at(std::size_t b) const {
    auto it = std::upper_bound(runs_.begin(), runs_.end(), b, [](std::size_t v, const Run& x) { return v < x.at; });
    return *(it - 1);
}

std::string_view Restore::slice(std::string_view norm, std::size_t b, std::size_t e, std::string& scratch) const {
    e = std::min(e, size_);
    if (b >= e || runs_.empty()) return {};
    auto piece = [&](const Run& x, std::size_t from, std::size_t to) {
        const std::string_view src = x.stored ? std::string_view(stored_) : norm;
        return src.substr(x.source + (from - x.at), to - from);
    };
    const Run* x = &run_at(b);
    if (e <= x->at + x->len) return piece(*x, b, e);
    scratch.clear();
    for (std::size_t p = b; p < e; ++x) {
        const std::size_t to = std::min<std::size_t>(e, x->at + x->len);
        scratch.append(piece(*x, p, to));
        p = to;
    }
    return scratch;
}

void Restore::rebuild_in_place(std::string& norm) const {
    if (norm.size() < size_) norm.resize(size_);
    char* buf = norm.data();
    // Runs moving left are moved first, in order, then runs moving right, in
    // reverse order: the runs' sources and destinations both ascend, so no
    // move overwrites a source still to be read. Stored bytes go in last
    // (they fill the gaps between runs, where sources may still lie).
    for (const Run& x : runs_)
        if (!x.stored && x.at < x.source) std::memmove(buf + x.at, buf + x.source, x.len);
    for (auto it = runs_.rbegin(); it != runs_.rend(); ++it)
        if (!it->stored && it->at > it->source) std::memmove(buf + it->at, buf + it->source, it->len);
    for (const Run& x : runs_)
        if (x.stored) std::memcpy(buf + x.at, stored_.data() + x.source, x.len);
    norm.resize(size_);
}

}  // namespace healthplan::v0::detail::extract
