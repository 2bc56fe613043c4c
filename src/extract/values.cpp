// Values as written in targets ("22%", "209.7/10万以下", "1-1.5名", "1.2万张"),
// benchmark phrases ("国家平均水平") and the similarity of indicator names.
#include <array>
#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "extract/grammar.hpp"
#include "extract/scan.hpp"
#include "extract/targets.hpp"

namespace healthplan::v0::detail::extract {

namespace {

// The first bytes of the unit spellings: a value followed by any other byte has no unit spelling.
const std::array<bool, 256>& unit_first_bytes() {
    static const std::array<bool, 256> first = [] {
        std::array<bool, 256> f{};
        for (std::string_view u : unit_spellings) f[static_cast<unsigned char>(u[0])] = true;
        return f;
    }();
    return first;
}

// Unit::try_parse of each unit spelling, parsed once: value_at asks it of the
// spelling it found after every value (a pure function of the spelling).
const std::optional<Unit>& spelling_unit(std::size_t k) {
    static const auto units = [] {
        std::array<std::optional<Unit>, unit_spellings.size()> a;
        for (std::size_t n = 0; n < a.size(); ++n) a[n] = Unit::try_parse(unit_spellings[n]);
        return a;
    }();
    return units[k];
}

// A number in Chinese numerals with an optional decimal part: "七十九", "两", "六点五".
std::optional<std::pair<double, std::size_t>> cn_number_at(std::string_view s, std::size_t i, std::size_t e) {
    auto n = cn_numeral_at(s.substr(0, e), i);
    if (!n) return std::nullopt;
    double v = n->first;
    std::size_t j = n->second;
    if (at(s, j, "点")) {
        double scale = 0.1;
        std::size_t k = j + 3;
        for (int guard = 0; guard < 4 && k < e; ++guard) {
            auto d = cn_numeral_at(s.substr(0, std::min(e, k + 3)), k);  // one digit at a time
            if (!d || d->first > 9) break;
            v += d->first * scale, scale /= 10, k = d->second;
        }
        if (k != j + 3) j = k;
    }
    return std::make_pair(v, j);
}

// Values written in Chinese numerals (grammar.hpp cn_fraction_bases, cn_count_units):
// "十万分之十二" → 12 /10万, "千分之五" → 5 ‰, "六成" → 60 %, "一半" → 50 %,
// "七十九岁" → 79 岁. The suffix ("以下") is read by the caller.
std::optional<ValueText> cn_value_at(std::string_view s, std::size_t i, std::size_t e) {
    ValueText v;
    v.begin = i;
    for (const auto& f : cn_fraction_bases)
        if (at(s, i, f.text)) {
            auto n = cn_number_at(s, i + f.text.size(), e);
            auto unit = Unit::try_parse(f.unit);
            if (!n || !unit) return std::nullopt;
            v.value = n->first;
            v.unit = *unit;
            v.unit_text = std::string(f.text);
            v.end = n->second;
            return v;
        }
    if (at(s, i, cn_half)) {
        v.value = 50;
        v.unit = Unit::percent();
        v.unit_text = std::string(cn_half);
        v.end = i + cn_half.size();
        return v;
    }
    auto n = cn_number_at(s, i, e);
    if (!n) return std::nullopt;
    if (at(s, n->second, cn_doublings) && n->first >= 1 && n->first <= 4 && i >= 3 && at(s, i - 3, "翻")) {
        v.value = (std::exp2(n->first) - 1) * 100;
        v.unit = Unit::percent();
        v.unit_text = std::string(s.substr(i, n->second + cn_doublings.size() - i));
        v.end = n->second + cn_doublings.size();
        return v;
    }
    if (at(s, n->second, cn_tenths) && n->first > 0 && n->first <= 10) {
        v.value = n->first * 10;
        v.unit = Unit::percent();
        v.unit_text = std::string(cn_tenths);
        v.end = n->second + cn_tenths.size();
        return v;
    }
    for (auto u : cn_count_units)
        if (at(s, n->second, u))
            if (auto unit = Unit::try_parse(u)) {
                v.value = n->first;
                v.unit = *unit;
                v.unit_text = std::string(u);
                v.end = n->second + u.size();
                return v;
            }
    return std::nullopt;
}

}  // namespace

std::optional<ValueText> value_at(std::string_view s, std::size_t i, std::size_t e) {
    auto num = number_at(s.substr(0, e), i);
    if (!num) {
        auto v = cn_value_at(s, i, e);
        if (!v) return std::nullopt;
        for (const auto& suf : suffixes)
            if (v->end + suf.text.size() <= e && at(s, v->end, suf.text)) {
                v->suffix = suf.op;
                v->end += suf.text.size();
                break;
            }
        return v;
    }
    ValueText v;
    v.value = num->value;
    v.begin = i;
    std::size_t j = num->end;
    // "2?5%": characters were lost inside or next to the number.
    auto lost_mark = [&](std::size_t k) {
        return k < s.size() && (s[k] == '?' || at(s, k, "？") || at(s, k, "\uFFFD"));
    };
    if ((i > 0 && lost_mark(prev_cp(s, i))) || lost_mark(j)) v.damaged = true;
    // A range: 1-1.5名, 22%—30%.
    for (std::string_view dash : value_range_dashes) {
        std::size_t k = j;
        if (percent_at(s, k)) k += percent_at(s, k);
        if (at(s, k, dash)) {
            if (auto hi = number_at(s.substr(0, e), k + dash.size()); hi && hi->value >= v.value) {
                v.upper = hi->value;
                j = hi->end;
            }
            break;
        }
    }
    bool matched = false;
    for (const auto& r : scaled_rate_units)
        if (!matched && j + r.text.size() <= e && at(s, j, r.text))
            if (auto unit = Unit::try_parse(r.unit)) {
                v.value *= r.factor;
                v.unit = *unit;
                v.unit_text = std::string(r.text);
                j += r.text.size();
                matched = true;
            }
    // Latin mass units as written in the national indicator set ("不高于5g").
    for (auto [latin, noun] : {std::pair<std::string_view, std::string_view>{"kg", "千克"}, {"g", "克"}}) {
        if (matched) break;
        if (j + latin.size() <= e && at(s, j, latin) &&
            !(j + latin.size() < s.size() && std::isalpha(static_cast<unsigned char>(s[j + latin.size()])))) {
            v.unit = Unit::count(std::string(noun));
            v.unit_text = std::string(latin);
            j += latin.size();
            matched = true;
            break;
        }
    }
    for (std::size_t n = 0; n < unit_spellings.size(); ++n) {
        const std::string_view u = unit_spellings[n];
        // No spelling starts with this byte (a tab, a digit, most CJK lead
        // bytes): no test below can match, and 55 would be made for nothing.
        if (matched || j >= s.size() || !unit_first_bytes()[static_cast<unsigned char>(s[j])]) break;
        if (j + u.size() <= e && at(s, j, u)) {
            if (const auto& unit = spelling_unit(n)) {
                v.unit = *unit;
                v.unit_text = std::string(u);
                j += u.size();
                matched = true;
            }
            break;
        }
    }
    // Scaled counts: "1.2万张" (万 + a counting noun), or a bare "万" / "亿".
    if (!matched)
        for (auto [scale_text, factor] : {std::pair<std::string_view, double>{"万", 1e4}, {"亿", 1e8}}) {
            if (!at(s, j, scale_text)) continue;
            std::size_t k = j + scale_text.size();
            for (auto u : unit_spellings)
                if (k + u.size() <= e && at(s, k, u)) {
                    if (auto unit = Unit::try_parse(std::string(scale_text) + std::string(u));
                        unit && unit->dimension() == Dimension::count) {
                        v.unit = *unit;
                        v.unit_text = std::string(scale_text) + std::string(u);
                        j = k + u.size();
                        matched = true;
                    }
                    break;
                }
            if (!matched) {
                // No noun: the number itself is scaled; the text keeps what was written.
                v.value *= factor;
                v.unit_text = std::string(scale_text);
                j = k;
                matched = true;
            }
            break;
        }
    for (const auto& suf : suffixes)
        if (j + suf.text.size() <= e && at(s, j, suf.text)) {
            v.suffix = suf.op;
            j += suf.text.size();
            break;
        }
    v.end = j;
    return v;
}

std::vector<ValueText> values_at(std::string_view s, std::size_t i, std::size_t e, std::size_t* end) {
    std::vector<ValueText> out;
    std::size_t j = i;
    *end = i;
    for (int guard = 0; guard < 64; ++guard) {
        auto v = value_at(s, j, e);
        if (!v) break;
        if (!out.empty() && v->begin == out.back().end) v->glued = true;
        j = v->end;
        *end = j;
        out.push_back(std::move(*v));
        std::size_t k = skip_ws(s, j, e);
        bool sep = false;
        for (std::string_view w : value_joiners)
            if (at(s, k, w) && is_digit_at(s, k + w.size())) {
                k += w.size();
                sep = true;
                break;
            }
        if (sep) {
            j = k;
            continue;
        }
        if (is_digit_at(s, k) && out.back().unit_text.size() > 0) {
            j = k;  // glued: "25%40%" — the next value follows directly
            continue;
        }
        break;
    }
    return out;
}

std::size_t benchmark_phrase_at(std::string_view s, std::size_t i, std::size_t e) {
    // [国家|全国|全省|自治区|…][的]?[平均|先进|领先|中等|…]?[城市]?水平
    std::size_t limit = std::min(e, i + 3 * 16);
    std::size_t p = s.substr(0, limit).find(benchmark_head, i);
    if (p == std::string_view::npos || p + benchmark_head.size() > limit) return i;
    std::string_view before = s.substr(i, p - i);
    bool place = false;
    for (std::string_view w : benchmark_places)
        if (at(before, 0, w)) place = true;
    if (!place) return i;
    bool level = false;
    for (std::string_view w : benchmark_levels)
        if (before.find(w) != std::string_view::npos) level = true;
    if (!level) return i;
    return p + benchmark_head.size();
}

double name_similarity(std::string_view a, std::string_view b) {
    auto norm = [](std::string_view s) {
        std::u32string out;
        for (std::size_t i = 0; i < s.size();) {
            std::size_t n;
            char32_t c = cp_at(s, i, &n);
            i += n;
            if (is_space_cp(c)) continue;
            switch (c) {
                case ',':
                case 0xFF0C:
                case 0x3001:
                case 0x3002:
                case ';':
                case 0xFF1B:
                case ':':
                case 0xFF1A:
                case '(':
                case ')':
                case 0xFF08:
                case 0xFF09:
                case 0x300A:
                case 0x300B:
                case 0x201C:
                case 0x201D:
                case '"':
                case '\'':
                case 0x2018:
                case 0x2019:
                case 0xB7:
                    continue;
                default:
                    out.push_back(c);
            }
        }
        return out;
    };
    // Names the genre uses interchangeably for one indicator.
    auto canon = [](std::string_view s) {
        std::string out(s);
        for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"期望寿命", "预期寿命"},
                                {"每千人口", "每千人"},
                                {"每万人口", "每万人"}}) {
            for (std::size_t p = out.find(from); p != std::string::npos; p = out.find(from, p + to.size()))
                out.replace(p, from.size(), to);
        }
        return out;
    };
    std::u32string x = norm(canon(a)), y = norm(canon(b));
    if (x.empty() || y.empty()) return 0;
    if (x.find(y) != std::u32string::npos || y.find(x) != std::u32string::npos) return 1;
    auto grams = [](const std::u32string& s) {
        std::set<std::pair<char32_t, char32_t>> g;
        for (std::size_t i = 0; i + 1 < s.size(); ++i) g.emplace(s[i], s[i + 1]);
        if (g.empty()) g.emplace(s[0], 0);
        return g;
    };
    auto gx = grams(x), gy = grams(y);
    std::size_t common = 0;
    for (const auto& g : gx) common += gy.count(g);
    return 2.0 * static_cast<double>(common) / static_cast<double>(gx.size() + gy.size());
}

}  // namespace healthplan::v0::detail::extract
