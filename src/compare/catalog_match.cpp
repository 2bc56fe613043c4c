// Name normalisation, bigram similarity and the qualifier guard used by
// Catalog::match. The word lists are data: extend them, not the logic.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/catalog.hpp"
#include "healthplan/units.hpp"
#include "text/traditional.hpp"
#include "text/utf8.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

// Punctuation removed before comparing (after width folding). Hyphen-like
// marks are unified to '-' instead, because "65-74岁" keeps its meaning.
constexpr std::u32string_view kDropped = U" \t\r\n,.;:!?'\"()[]{}<>、,。;:!?“”‘’《》〈〉【】〔〕「」『』·•";
constexpr std::u32string_view kDashes = U"-~—–―-~～";

// Qualifiers of place and population scope that do not change which
// indicator is meant: 全市居民健康素养水平 is 居民健康素养水平 is 健康素养水平.
constexpr std::array<std::string_view, 19> kScopeWords = {"全市", "全区", "全县", "全旗", "全盟",    "全省", "全国",
                                                          "我市", "我区", "我县", "我旗", "本市",    "本区", "全体",
                                                          "城乡", "居民", "人群", "群众", "常住人口"};

// Population and disease words that make indicators different even when
// the rest of the name is alike (婴儿 vs 儿童; 高血压患者规范管理率 vs
// 糖尿病患者规范管理率). Longest first, so 中小学生 is found before 学生.
constexpr std::array<std::string_view, 40> kQualifierWords = {"慢性呼吸系统疾病",
                                                              "心脑血管疾病",
                                                              "严重精神障碍",
                                                              "儿童青少年",
                                                              "中小学生",
                                                              "心脑血管",
                                                              "传染病",
                                                              "职业病",
                                                              "新生儿",
                                                              "孕产妇",
                                                              "老年人",
                                                              "青少年",
                                                              "劳动者",
                                                              "大学生",
                                                              "婴幼儿",
                                                              "高血压",
                                                              "糖尿病",
                                                              "慢阻肺",
                                                              "艾滋病",
                                                              "结核",
                                                              "肝炎",
                                                              "癌症",
                                                              "抑郁",
                                                              "焦虑",
                                                              "痴呆",
                                                              "失能",
                                                              "尘肺",
                                                              "近视",
                                                              "肥胖",
                                                              "吸烟",
                                                              "婴儿",
                                                              "儿童",
                                                              "学生",
                                                              "孕妇",
                                                              "产妇",
                                                              "妇女",
                                                              "老年",
                                                              "成人",
                                                              "男性",
                                                              "女性"};

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Drops a trailing bracketed unit: "(%)", "(‰)", "(1/10万)", "(岁)".
std::u32string drop_unit_suffix(std::u32string s) {
    while (!s.empty() && s.back() == U')') {
        const auto open = s.rfind(U'(');
        if (open == std::u32string::npos) break;
        const std::string inner = detail::utf8_encode(s.substr(open + 1, s.size() - open - 2));
        if (inner.empty() || !Unit::try_parse(inner)) break;
        s.erase(open);
    }
    return s;
}

}  // namespace

std::string normalize_indicator_name(std::string_view name) {
    std::u32string folded;
    for (char32_t cp : detail::utf8_decode(name)) {
        cp = detail::fold_width(cp);
        // A plan in traditional script reports its names as written
        // (人均預期壽命); both sides fold to simplified so it still matches.
        cp = detail::simplified(cp);
        if (cp >= U'A' && cp <= U'Z') cp = cp - U'A' + U'a';
        // Brackets of either width become ASCII so the unit suffix is found.
        if (cp == U'(') cp = U'(';
        if (cp == U')') cp = U')';
        folded.push_back(cp);
    }
    folded = drop_unit_suffix(std::move(folded));

    std::u32string kept;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        char32_t cp = folded[i];
        if (kDashes.find(cp) != std::u32string_view::npos) {
            kept.push_back(U'-');
            continue;
        }
        // "65岁至74岁" and "65-74岁" name one age band.
        if (cp == U'至' && i > 0 && i + 1 < folded.size() && (is_digit(folded[i - 1]) || folded[i - 1] == U'岁') &&
            is_digit(folded[i + 1])) {
            kept.push_back(U'-');
            continue;
        }
        if (kDropped.find(cp) != std::u32string_view::npos) continue;
        kept.push_back(cp);
    }
    std::string s = detail::utf8_encode(kept);
    detail::replace_all(s, "岁-", "-");  // "65岁-74岁" → "65-74岁"
    detail::replace_all(s, "及以上", "以上");
    detail::replace_all(s, "及以下", "以下");
    detail::replace_all(s, "的", "");
    for (std::string_view w : kScopeWords) detail::replace_all(s, w, "");
    // 率 / 水平 endings vary freely between plans (健康素养水平 / 健康素养率).
    for (std::string_view suffix : {std::string_view("水平"), std::string_view("率")}) {
        if (detail::ends_with(s, suffix) && s.size() > suffix.size()) s.erase(s.size() - suffix.size());
    }
    return s;
}

namespace detail {

// Sorted character bigrams as 64-bit keys: Dice is then a merge of two
// sorted vectors, with no hashing or allocation per pair.
std::vector<std::uint64_t> bigram_keys(std::string_view s) {
    const std::u32string x = detail::utf8_decode(s);
    std::vector<std::uint64_t> keys;
    if (x.size() >= 2) keys.reserve(x.size() - 1);
    for (std::size_t i = 0; i + 1 < x.size(); ++i)
        keys.push_back((static_cast<std::uint64_t>(x[i]) << 32) | static_cast<std::uint64_t>(x[i + 1]));
    std::sort(keys.begin(), keys.end());
    return keys;
}

double dice_of_keys(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty() || b.empty()) return 0.0;
    // Multiset intersection: a repeated pair counts as often as both have it.
    std::size_t i = 0, j = 0, common = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] < b[j])
            ++i;
        else if (b[j] < a[i])
            ++j;
        else
            ++common, ++i, ++j;
    }
    return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

}  // namespace detail

double bigram_dice(std::string_view a, std::string_view b) {
    if (a == b) return a.empty() ? 0.0 : 1.0;
    return detail::dice_of_keys(detail::bigram_keys(a), detail::bigram_keys(b));
}

std::vector<std::string> indicator_qualifiers(std::string_view name) {
    const std::string norm = normalize_indicator_name(name);
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < norm.size()) {
        const auto c = static_cast<unsigned char>(norm[i]);
        if (c >= '0' && c <= '9') {
            std::size_t j = i;
            while (j < norm.size() && ((norm[j] >= '0' && norm[j] <= '9') || norm[j] == '.')) ++j;
            out.push_back(norm.substr(i, j - i));
            i = j;
            continue;
        }
        bool found = false;
        for (std::string_view w : kQualifierWords) {
            if (std::string_view(norm).substr(i, w.size()) == w) {
                out.emplace_back(w);
                i += w.size();
                found = true;
                break;
            }
        }
        if (found) continue;
        // Advance one UTF-8 character.
        std::size_t len = 1;
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        i += len;
    }
    return out;
}

HEALTHPLAN_END_NAMESPACE
