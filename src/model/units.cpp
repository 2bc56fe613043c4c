#include "healthplan/units.hpp"

#include <array>
#include <cmath>
#include <string>

#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

// Counting nouns the genre uses. A unit outside this list is an error rather
// than a guess, so a typo in a data file cannot create a new dimension.
constexpr std::array<std::string_view, 64> kCountNouns = {
    "张",     "人",   "个",   "家", "所", "名",   "次",   "项",   "台",   "辆", "公里", "千米",   "米",
    "平方米", "小时", "分钟", "天", "日", "周",   "元",   "万元", "亿元", "级", "床",   "支",     "例",
    "户",     "座",   "处",   "种", "类", "部",   "份",   "批",   "人次", "条", "篇",   "场",     "期",
    "本",     "套",   "间",   "件", "位", "公斤", "千克", "克",   "斤",   "亩", "公顷", "立方米", "吨",
    "岗",     "队",   "站",   "村", "镇", "社区", "学校", "医院", "步",   "分", "颗",   "块"};

bool is_count_noun(std::string_view s) {
    for (auto n : kCountNouns)
        if (n == s) return true;
    return false;
}

// Strips surrounding ASCII and ideographic white space.
std::string_view trim(std::string_view s) {
    auto starts = [&](std::string_view p) { return s.substr(0, p.size()) == p; };
    auto ends = [&](std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; };
    for (bool again = true; again;) {
        again = false;
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
            s.remove_prefix(1);
            again = true;
        }
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
            s.remove_suffix(1);
            again = true;
        }
        if (starts("\xE3\x80\x80")) {
            s.remove_prefix(3);
            again = true;
        }  // U+3000
        if (ends("\xE3\x80\x80")) {
            s.remove_suffix(3);
            again = true;
        }
    }
    return s;
}

}  // namespace

Unit::Unit(std::string symbol, Dimension dimension, std::int64_t scale, std::string noun)
    : symbol_(std::move(symbol)), dimension_(dimension), scale_(scale), noun_(std::move(noun)) {}

namespace {
constexpr EnumName<Dimension> kDimensions[] = {{Dimension::none, "none", "none"},
                                               {Dimension::ratio, "ratio", "ratio"},
                                               {Dimension::ratio_difference, "ratio_difference", "ratio_difference"},
                                               {Dimension::duration, "duration", "duration"},
                                               {Dimension::count, "count", "count"}};
}  // namespace

std::span<const EnumName<Dimension>> enum_names(Dimension) { return kDimensions; }

Unit Unit::percent() { return Unit("%", Dimension::ratio, 1000); }
Unit Unit::permille() { return Unit("‰", Dimension::ratio, 100); }
Unit Unit::per_10000() { return Unit("1/10000", Dimension::ratio, 10); }
Unit Unit::per_100000() { return Unit("1/100000", Dimension::ratio, 1); }
Unit Unit::percentage_point() { return Unit("percentage_point", Dimension::ratio_difference, 1); }
Unit Unit::years() { return Unit("years", Dimension::duration, 1); }

Unit Unit::count(std::string noun, std::int64_t scale) {
    if (!is_count_noun(noun)) throw UnitError("unit.unknown", "unknown counting unit '" + noun + "'", noun);
    std::string symbol = noun;
    if (scale == 10000)
        symbol = "万" + noun;
    else if (scale == 100000000)
        symbol = "亿" + noun;
    else if (scale == 1000)
        symbol = "千" + noun;
    else if (scale != 1)
        throw UnitError("unit.unknown", "unsupported scale " + std::to_string(scale) + " for '" + noun + "'", noun);
    return Unit(std::move(symbol), Dimension::count, scale, std::move(noun));
}

std::optional<Unit> Unit::try_parse(std::string_view raw) noexcept {
    try {
        const std::string_view t = trim(raw);
        if (t.empty()) return Unit();
        // Ratio units, canonical and as written ("％" is the full-width percent sign).
        if (t == "%" || t == "％" || t == "percent") return percent();
        if (t == "‰" || t == "permille") return permille();
        if (t == "1/100000" || t == "/10万" || t == "1/10万" || t == "/十万" || t == "每10万" || t == "/100000" ||
            t == "per_100000")
            return per_100000();
        if (t == "1/10000" || t == "/万" || t == "1/万" || t == "/10000" || t == "‱" || t == "per_10000")
            return per_10000();
        if (t == "percentage_point" || t == "个百分点" || t == "百分点" || t == "pp") return percentage_point();
        if (t == "years" || t == "岁" || t == "年" || t == "year") return years();
        if (t == "none" || t == "1") return Unit();
        if (is_count_noun(t)) return count(std::string(t));
        // Scaled counting units: 万人, 亿元 is listed itself, 千人 ...
        struct Prefix {
            std::string_view text;
            std::int64_t scale;
        };
        for (const Prefix p : {Prefix{"万", 10000}, Prefix{"亿", 100000000}, Prefix{"千", 1000}}) {
            if (t.substr(0, p.text.size()) == p.text && is_count_noun(t.substr(p.text.size())))
                return count(std::string(t.substr(p.text.size())), p.scale);
        }
        return std::nullopt;
    } catch (...) {
        return std::nullopt;
    }
}

Unit Unit::parse(std::string_view text) {
    if (auto u = try_parse(text)) return *u;
    throw UnitError(
        "unit.unknown",
        "unknown unit '" + std::string(text) +
            "' (known: %, ‰, 1/10000, 1/100000, percentage_point, years, counting units such as 张, 人, 个)",
        std::string(text));
}

bool Unit::compatible_with(const Unit& other) const noexcept {
    if (dimension_ != other.dimension_) return false;
    if (dimension_ == Dimension::count) return noun_ == other.noun_;
    return true;
}

double convert(double value, const Unit& from, const Unit& to) {
    if (!from.compatible_with(to))
        throw UnitError("unit.incompatible",
                        "cannot convert a value in '" +
                            (from.symbol().empty() ? std::string("(none)") : from.symbol()) + "' to '" +
                            (to.symbol().empty() ? std::string("(none)") : to.symbol()) + "'",
                        from.symbol() + " -> " + to.symbol());
    if (from.scale_ == to.scale_) return value;
    // One multiplication or one division by an exact integer factor, so the
    // result is the correctly rounded value of the exact conversion.
    if (from.scale_ > to.scale_) return value * static_cast<double>(from.scale_ / to.scale_);
    return value / static_cast<double>(to.scale_ / from.scale_);
}

HEALTHPLAN_END_NAMESPACE
