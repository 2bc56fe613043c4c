// Plan metadata: title, issuer, 文号, dates, place and level, period, status
// and the documents the plan implements.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "extract/document.hpp"
#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract {
namespace {

std::string_view line_sv(const Document& d, std::size_t i) {
    return d.text.substr(d.lines[i].begin, d.lines[i].end - d.lines[i].begin);
}

// Finds `label` in `s`, allowing white space between its characters
// ("文  号", "标       题"). Returns the offset just past it, or npos.
std::size_t find_spaced_label(std::string_view s, std::string_view label, std::size_t from = 0) {
    for (std::size_t i = from; i < s.size(); i += u8len(static_cast<unsigned char>(s[i]))) {
        std::size_t j = i, k = 0;
        while (k < label.size()) {
            std::size_t n = u8len(static_cast<unsigned char>(label[k]));
            if (!at(s, j, label.substr(k, n))) break;
            j += n;
            k += n;
            if (k < label.size()) {
                std::size_t j2 = skip_ws(s, j, std::min(s.size(), j + 48));
                j = j2;
            }
        }
        if (k == label.size()) return j;
    }
    return std::string_view::npos;
}

// The first characters of the header's field labels, and which of them a
// line holds: one pass over the line answers for every label, so the label
// searches (each a walk over the line) run only for labels that can be there.
constexpr std::array<std::string_view, 7> label_first_chars = {"发", "文", "成", "印", "公", "时", "有"};

// The 3-byte code point at i (the caller checked the lead byte and the length).
inline char32_t cp3(std::string_view s, std::size_t i) noexcept {
    return (static_cast<char32_t>(static_cast<unsigned char>(s[i]) & 0x0F) << 12) |
           (static_cast<char32_t>(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3F);
}

struct LabelChars {
    std::uint32_t mask = 0;
    // False only when `label`'s first character is not in the line, so the
    // label cannot be found there.
    bool may_hold(std::string_view label) const noexcept {
        for (std::size_t k = 0; k < label_first_chars.size(); ++k)
            if (at(label, 0, label_first_chars[k])) return (mask >> k) & 1U;
        return true;  // a label this table does not list: always searched
    }
};

LabelChars label_chars_in(std::string_view l) {
    static const std::array<std::uint64_t, 1024> bits = [] {
        std::array<std::uint64_t, 1024> b{};
        for (std::string_view c : label_first_chars) {
            const char32_t cp = cp_at(c, 0);
            b[cp >> 6] |= std::uint64_t{1} << (cp & 63);
        }
        return b;
    }();
    LabelChars out;
    for (std::size_t i = 0; i + 3 <= l.size(); i += u8len(static_cast<unsigned char>(l[i]))) {
        if ((static_cast<unsigned char>(l[i]) & 0xF0) != 0xE0) continue;
        const char32_t cp = cp3(l, i);
        if (!((bits[cp >> 6] >> (cp & 63)) & 1U)) continue;
        for (std::size_t k = 0; k < label_first_chars.size(); ++k)
            if (at(l, i, label_first_chars[k])) out.mask |= 1U << k;
    }
    return out;
}

// The value after a label: skips ':' and spaces, runs to the next space.
std::string_view value_after(std::string_view s, std::size_t p) {
    while (p < s.size()) {
        std::size_t n;
        char32_t c = cp_at(s, p, &n);
        if (!(is_space_cp(c) || c == ':' || c == 0xFF1A)) break;
        p += n;
    }
    std::size_t e = p;
    while (e < s.size()) {
        std::size_t n;
        char32_t c = cp_at(s, e, &n);
        if (is_space_cp(c)) break;
        e += n;
    }
    return s.substr(p, e - p);
}

// Like value_after, but a date value may contain one space before the time.
std::optional<Date> parse_date_text(std::string_view v) {
    // Accepts 2022-01-05, 2022/1/5, 2022.01.05 and 2022年1月5日.
    int parts[3] = {0, 0, 0};
    int k = 0;
    std::size_t i = 0;
    while (i < v.size() && k < 3) {
        auto num = number_at(v, i);
        // Range first: converting a double beyond int is undefined behaviour (UBSan found "99999999999年").
        if (!num || !num->integral || !(num->value >= 0 && num->value <= 9999)) break;
        parts[k++] = static_cast<int>(num->value);
        i = num->end;
        if (k == 3) break;
        if (at(v, i, "-") || at(v, i, "/") || at(v, i, "."))
            i += 1;
        else if (at(v, i, "年") || at(v, i, "月"))
            i += 3;
        else
            break;
    }
    if (k < 3) return std::nullopt;
    Date d{parts[0], parts[1], parts[2]};
    if (!d.valid() || d.year < 1949 || d.year > 2100) return std::nullopt;
    return d;
}

// A line that opens with a date and goes on with a clock time or the source
// ("2012-08-18 07:31:00", "2013年02月17日 10:55 来源于 财新网") or is a wire's
// ("2016年10月26日讯", "…日电"): a report's dateline.
bool dateline(std::string_view l) {
    if (l.empty() || !(l[0] == '1' || l[0] == '2') || !parse_date_text(l)) return false;
    if (l.find("来源") != std::string_view::npos || l.find("來源") != std::string_view::npos) return true;
    for (std::string_view wire : {"日讯", "日电", "日訊", "日電"})
        if (const std::size_t w = l.find(wire); w != std::string_view::npos && w < 24) return true;
    for (std::size_t c = l.find(':'); c != std::string_view::npos; c = l.find(':', c + 1))
        if (c >= 1 && c + 1 < l.size() && std::isdigit(static_cast<unsigned char>(l[c - 1])) &&
            std::isdigit(static_cast<unsigned char>(l[c + 1])))
            return true;
    return false;
}

// The first date followed by a clock time in `v` ("2011年01月06日 15:43",
// "2012-08-18 07:31:00"), or none.
std::optional<Date> timed_date_near(std::string_view v) {
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!(v[i] == '1' || v[i] == '2') || (i > 0 && std::isdigit(static_cast<unsigned char>(v[i - 1])))) continue;
        const std::optional<Date> d = parse_date_text(v.substr(i, 24));
        if (!d) continue;
        // The date's end: three numbers and their separators, then 日 / 号.
        std::size_t k = i;
        for (int part = 0; part < 3 && k < v.size(); ++part) {
            while (k < v.size() && std::isdigit(static_cast<unsigned char>(v[k]))) ++k;
            if (part < 2) k += (at(v, k, "年") || at(v, k, "月")) ? 3 : 1;
        }
        if (at(v, k, "日") || at(v, k, "号")) k += 3;
        while (k < v.size() && v[k] == ' ') ++k;
        if (k + 4 < v.size() && std::isdigit(static_cast<unsigned char>(v[k])) &&
            std::isdigit(static_cast<unsigned char>(v[k + 1])) && v[k + 2] == ':' &&
            std::isdigit(static_cast<unsigned char>(v[k + 3])))
            return d;
    }
    return std::nullopt;
}

// The first full date written anywhere in `l`.
std::optional<Date> first_date_in(std::string_view l) {
    for (std::size_t i = 0; i < l.size(); ++i)
        if ((l[i] == '1' || l[i] == '2') && (i == 0 || !std::isdigit(static_cast<unsigned char>(l[i - 1]))))
            if (auto d = parse_date_text(l.substr(i, 24))) return d;
    return std::nullopt;
}

// A newspaper page's line: a date beside its edition ("2021-08-06 第05版:五版",
// "( 2016年10月27日 第 01 版)").
bool edition_line(std::string_view l) {
    for (std::size_t v = l.find("版"); v != std::string_view::npos; v = l.find("版", v + 3)) {
        std::size_t k = v;
        while (k > 0 && (l[k - 1] == ' ' || std::isdigit(static_cast<unsigned char>(l[k - 1])))) --k;
        if (k < v && k >= 3 && at(l, k - 3, "第") &&
            std::isdigit(static_cast<unsigned char>(l[v - 1 - (l[v - 1] == ' ')])))
            return true;
    }
    return false;
}

// A short line ending in a numeric date, alone or after a name ("健康报 2017-02-15",
// whose space normalisation drops): the source and its day.
std::optional<Date> source_and_date(std::string_view l) {
    if (l.size() > 60) return std::nullopt;
    std::size_t k = l.size();
    while (k > 0 && (std::isdigit(static_cast<unsigned char>(l[k - 1])) || l[k - 1] == '-' || l[k - 1] == '/' ||
                     l[k - 1] == '.' || l[k - 1] == ' '))
        --k;
    while (k < l.size() && !std::isdigit(static_cast<unsigned char>(l[k]))) ++k;
    const std::string_view v = l.substr(k);
    if (v.size() < 8 || v.size() > 10) return std::nullopt;
    return parse_date_text(v);
}

bool org_suffix(std::string_view v) {
    static constexpr std::array<std::string_view, 14> suf = {
        "政府", "办公室", "办公厅", "委员会", "局", "厅", "部", "委", "院", "中心", "政府办", "领导小组", "署", "会"};
    for (auto s : suf)
        if (ends_at(v, v.size(), s)) return true;
    return false;
}

struct Province {
    std::string_view full, short_name;
};
constexpr std::array<Province, 34> provinces = {{
    {"北京市", "北京"},         {"天津市", "天津"},         {"上海市", "上海"},         {"重庆市", "重庆"},
    {"河北省", "河北"},         {"山西省", "山西"},         {"辽宁省", "辽宁"},         {"吉林省", "吉林"},
    {"黑龙江省", "黑龙江"},     {"江苏省", "江苏"},         {"浙江省", "浙江"},         {"安徽省", "安徽"},
    {"福建省", "福建"},         {"江西省", "江西"},         {"山东省", "山东"},         {"河南省", "河南"},
    {"湖北省", "湖北"},         {"湖南省", "湖南"},         {"广东省", "广东"},         {"海南省", "海南"},
    {"四川省", "四川"},         {"贵州省", "贵州"},         {"云南省", "云南"},         {"陕西省", "陕西"},
    {"甘肃省", "甘肃"},         {"青海省", "青海"},         {"台湾省", "台湾"},         {"内蒙古自治区", "内蒙古"},
    {"广西壮族自治区", "广西"}, {"西藏自治区", "西藏"},     {"宁夏回族自治区", "宁夏"}, {"新疆维吾尔自治区", "新疆"},
    {"香港特别行政区", "香港"}, {"澳门特别行政区", "澳门"},
}};

const Province* province_named(std::string_view place) {
    for (const auto& p : provinces)
        if (place == p.full || place == p.short_name) return &p;
    return nullptr;
}

bool is_cjk_ideograph(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Place names in `s` in order: runs of 2..8 ideographs ending in a
// place suffix. Words that precede a place in titles are skipped.
std::vector<std::pair<std::string, AdminLevel>> places_in(std::string_view s) {
    static constexpr std::array<std::string_view, 10> lead_words = {"关于", "印发", "推进", "加快", "实施",
                                                                    "健康", "建设", "全面", "深入", "开展"};
    std::vector<std::pair<std::string, AdminLevel>> out;
    std::size_t i = 0;
    while (i < s.size()) {
        bool skipped = true;
        while (skipped) {
            skipped = false;
            for (auto w : lead_words)
                if (at(s, i, w)) i += w.size(), skipped = true;
        }
        if (i >= s.size()) break;
        // Try the longest province name first.
        bool prov = false;
        for (const auto& p : provinces)
            if (at(s, i, p.full)) {
                out.emplace_back(std::string(p.full), AdminLevel::province);
                i += p.full.size();
                prov = true;
                break;
            }
        if (prov) continue;
        std::size_t j = i, count = 0;
        std::size_t hit = 0;
        AdminLevel lvl = AdminLevel::unknown;
        while (j < s.size() && count < 9) {
            std::size_t n;
            char32_t c = cp_at(s, j, &n);
            if (!is_cjk_ideograph(c)) break;
            ++count;
            j += n;
            if (count >= 2) {
                std::string_view tail = s.substr(j - 3, 3);
                AdminLevel l = AdminLevel::unknown;
                if (tail == "市" || tail == "州" || tail == "盟")
                    l = AdminLevel::prefecture;
                else if (tail == "区")
                    l = AdminLevel::district;
                else if (tail == "县" || tail == "旗")
                    l = AdminLevel::county;
                else if (tail == "省")
                    l = AdminLevel::province;
                if (l != AdminLevel::unknown) {
                    hit = j;
                    lvl = l;
                    break;
                }
            }
        }
        if (hit) {
            out.emplace_back(std::string(s.substr(i, hit - i)), lvl);
            i = hit;
        } else {
            i += u8len(static_cast<unsigned char>(s[i]));
        }
    }
    return out;
}

// "X〔2021〕37号" ending at the 号; returns [b, e) or nothing.
std::optional<std::pair<std::size_t, std::size_t>> doc_number_in(std::string_view s, std::size_t from = 0) {
    for (std::size_t p = s.find("〔", from); p != std::string_view::npos; p = s.find("〔", p + 3)) {
        auto y = number_at(s, p + 3);
        if (!y || y->value < 1949 || y->value > 2100 || !at(s, y->end, "〕")) continue;
        auto n = number_at(s, y->end + 3);
        if (!n || !at(s, n->end, "号")) continue;
        std::size_t b = p, count = 0;
        while (b > 0 && count < 12) {
            std::size_t q = prev_cp(s, b);
            if (!is_cjk_ideograph(cp_at(s, q))) break;
            b = q;
            ++count;
        }
        if (count == 0) continue;
        return std::make_pair(b, n->end + 3);
    }
    return std::nullopt;
}

void find_period(std::string_view title, Plan& plan) {
    // "(2021-2025)", "（2021—2030年）", "2021-2025年"
    for (std::size_t i = 0; i < title.size(); i += u8len(static_cast<unsigned char>(title[i]))) {
        auto a = number_at(title, i);
        if (!a || !a->integral || a->value < 1949 || a->value > 2100 || a->digits != 4) continue;
        std::size_t j = a->end;
        if (at(title, j, "年")) j += 3;
        std::size_t dash = 0;
        for (std::string_view d : {"-", "—", "–", "－", "~", "～", "至", "——"})
            if (at(title, j, d)) dash = std::max(dash, d.size());
        if (!dash) continue;
        auto b = number_at(title, j + dash);
        if (!b || !b->integral || b->value < a->value || b->value > 2100 || b->digits != 4) continue;
        plan.period_start = static_cast<int>(a->value);
        plan.period_end = static_cast<int>(b->value);
        return;
    }
    struct Fy {
        std::string_view name;
        int start;
    };
    for (Fy f : {Fy{"十二五", 2011}, Fy{"十三五", 2016}, Fy{"十四五", 2021}, Fy{"十五五", 2026}, Fy{"十六五", 2031}})
        if (title.find(f.name) != std::string_view::npos) {
            plan.period_start = f.start;
            plan.period_end = f.start + 4;
            return;
        }
    // An annual work plan: "2021年…工作计划 / 要点".
    if (title.find("计划") != std::string_view::npos || title.find("要点") != std::string_view::npos) {
        for (std::size_t i = 0; i < title.size(); i += u8len(static_cast<unsigned char>(title[i]))) {
            auto a = number_at(title, i);
            if (a && a->integral && a->digits == 4 && at(title, a->end, "年") && a->value >= 1949 && a->value <= 2100) {
                plan.period_start = plan.period_end = static_cast<int>(a->value);
                return;
            }
            if (a) i = a->end - 1;
        }
    }
}

}  // namespace

void extract_metadata(const Document& d, Plan& plan) {
    const std::string_view t = d.text;
    const bool has_title = d.title_line != static_cast<std::size_t>(-1);
    const std::size_t header_end =
        has_title ? d.title_line + 1 - d.title_lines : std::min<std::size_t>(d.lines.size(), 30);

    if (has_title) {
        std::string joined;
        for (std::size_t i = d.title_line + 1 - d.title_lines; i <= d.title_line; ++i) joined += line_sv(d, i);
        std::string_view l = joined;
        std::size_t draft = l.find("征求意见稿");
        if (draft != std::string_view::npos) {
            plan.status = PlanStatus::draft;
            std::size_t cut = draft;
            std::size_t p = prev_cp(l, cut);
            if (cp_at(l, p) == '(' || cp_at(l, p) == 0xFF08) cut = p;
            std::size_t b = 0, e = cut;
            trim(l, b, e);
            l = l.substr(b, e - b);
        }
        plan.title = std::string(l);
        for (std::size_t i = d.title_line + 1; i < d.lines.size() && i < d.title_line + 4; ++i)
            if (line_sv(d, i).find("征求意见稿") != std::string_view::npos) plan.status = PlanStatus::draft;
    }

    std::string notice_issuer;
    for (std::size_t i = 0; i < header_end; ++i) {
        std::string_view l = line_sv(d, i);
        if (l.size() > 2000) continue;
        const LabelChars holds = label_chars_in(l);
        std::size_t p;
        if (plan.doc_number.empty()) {
            for (std::string_view lab : {"发文字号", "文号", "发文号"})
                if (holds.may_hold(lab) && (p = find_spaced_label(l, lab)) != std::string_view::npos) {
                    if (auto dn = doc_number_in(l, p))
                        plan.doc_number = std::string(l.substr(dn->first, dn->second - dn->first));
                    break;
                }
        }
        if (plan.issuer.empty()) {
            for (std::string_view lab : {"发文机关", "发文机构", "发文单位", "发布机构"})
                if (holds.may_hold(lab) && (p = find_spaced_label(l, lab)) != std::string_view::npos) {
                    std::string_view v = value_after(l, p);
                    if (org_suffix(v)) plan.issuer = std::string(v);
                    break;
                }
        }
        if (!plan.issue_date) {
            for (std::string_view lab : {"成文日期", "印发日期", "发文日期"})
                if (holds.may_hold(lab) && (p = find_spaced_label(l, lab)) != std::string_view::npos) {
                    plan.issue_date = parse_date_text(value_after(l, p));
                    break;
                }
        }
        if (!plan.publication_date) {
            for (std::string_view lab : {"公开日期", "发布日期", "发布时间", "公开时间", "出版日期"})
                if (holds.may_hold(lab) && (p = find_spaced_label(l, lab)) != std::string_view::npos) {
                    plan.publication_date = parse_date_text(value_after(l, p));
                    break;
                }
        }
        if (plan.status == PlanStatus::unknown) {
            for (std::string_view lab : {"公文时效", "时效性", "有效性"})
                if (holds.may_hold(lab) && (p = find_spaced_label(l, lab)) != std::string_view::npos) {
                    std::string_view v = value_after(l, p);
                    if (v.find("失效") != std::string_view::npos || v.find("废止") != std::string_view::npos)
                        plan.status = PlanStatus::expired;
                    else if (v.find("有效") != std::string_view::npos)
                        plan.status = PlanStatus::in_force;
                }
        }
        // The notice title names its issuer before 关于.
        if (notice_issuer.empty() && l.size() < 600) {
            std::size_t g = l.find("关于");
            if (g != std::string_view::npos && l.find("通知", g) != std::string_view::npos && g > 0) {
                std::size_t b = 0;
                std::size_t colon = l.rfind(":", g);
                if (colon == std::string_view::npos) colon = l.rfind("：", g);
                if (colon != std::string_view::npos) b = colon + (l[colon] == ':' ? 1 : 3);
                std::size_t e = g;
                // "标 题 X关于…": skip a label word.
                std::size_t lab = find_spaced_label(l.substr(0, g), "标题");
                if (lab != std::string_view::npos) b = std::max(b, lab);
                trim(l, b, e);
                std::string_view v = l.substr(b, e - b);
                if (org_suffix(v) && v.size() < 120) notice_issuer = std::string(v);
            }
        }
    }
    // Doc number and dates without labels: a line of its own in the header.
    for (std::size_t i = 0; i < header_end; ++i) {
        std::string_view l = line_sv(d, i);
        // "2016年10月26日讯,中共中央…": a wire's dateline opens the report's first paragraph.
        if (!plan.publication_date && l.size() > 200 && dateline(l.substr(0, 60)))
            plan.publication_date = parse_date_text(l);
        if (l.size() > 200) continue;
        if (plan.doc_number.empty()) {
            if (auto dn = doc_number_in(l)) {
                std::string_view num = l.substr(dn->first, dn->second - dn->first);
                if (l.find("《") == std::string_view::npos && l.find("下载") == std::string_view::npos)
                    plan.doc_number = std::string(num);
            }
        }
        if (at(l, 0, "2") && l.find("年") != std::string_view::npos && ends_at(l, l.size(), "日")) {
            // A dated line under the notice: the date of issue, except under a
            // call for comments, where it is the date the draft was published.
            if (plan.status == PlanStatus::draft) {
                if (!plan.publication_date) plan.publication_date = parse_date_text(l);
            } else if (!plan.issue_date) {
                plan.issue_date = parse_date_text(l);
            }
        }
        // A news dateline: "2013年02月17日 10:55 来源于 财新网", "2019-09-24  来源:中国新闻网".
        if (!plan.publication_date && dateline(l)) plan.publication_date = parse_date_text(l);
        for (std::string_view lab : {"日期", "时间"}) {
            if (plan.publication_date) break;
            std::size_t p = find_spaced_label(l, lab);
            if (p != std::string_view::npos && p <= 12) plan.publication_date = parse_date_text(value_after(l, p));
        }
        if (!plan.publication_date && edition_line(l)) plan.publication_date = first_date_in(l);
        if (!plan.publication_date) plan.publication_date = source_and_date(l);
    }
    // A text run into one line (a document-sharing site's copy) keeps its dateline
    // inside the line: a date with a clock time after it, near the start.
    if (!plan.publication_date && !plan.issue_date)
        plan.publication_date = timed_date_near(t.substr(0, std::min<std::size_t>(t.size(), 1500)));
    if (plan.issuer.empty()) plan.issuer = notice_issuer;
    if (plan.issuer.empty()) {
        // A signature: an organisation's name on its own line above the date.
        for (std::size_t i = 0; i + 1 < header_end; ++i) {
            std::string_view l = line_sv(d, i);
            if (l.empty() || l.size() > 90 || !org_suffix(l)) continue;
            std::size_t j = i + 1;
            while (j < header_end && d.lines[j].empty()) ++j;
            if (j < header_end && parse_date_text(line_sv(d, j))) plan.issuer = std::string(l);
        }
    }

    // Place and level: from the issuer, else the title.
    std::string province;
    for (std::string_view src : {std::string_view(plan.issuer), std::string_view(plan.title)}) {
        if (!plan.region.name.empty()) break;
        for (auto& [name, level] : places_in(src)) {
            if (const Province* p = province_named(name)) {
                province = std::string(p->full);
                continue;
            }
            plan.region.name = name;
            plan.region.level = level;
            break;
        }
    }
    // No issuer named: a notice that says "经区人民政府研究同意" was issued by
    // that government; the bare level ("区") stands for the plan's place.
    if (plan.issuer.empty() && !plan.region.name.empty()) {
        for (std::size_t i = 0; i < header_end && plan.issuer.empty(); ++i) {
            std::string_view l = line_sv(d, i);
            if (l.size() > 600) continue;
            std::size_t gov = l.find("人民政府");
            std::size_t agree = l.find("同意");
            if (gov == std::string_view::npos || agree == std::string_view::npos || agree < gov) continue;
            std::size_t jing = l.rfind("经", gov);
            if (jing == std::string_view::npos || gov - jing > 3 * 8) continue;
            std::string_view who = l.substr(jing + 3, gov - jing - 3);
            if (at(who, 0, "已")) who.remove_prefix(3);
            const std::string_view level = plan.region.name.size() >= 3
                                               ? std::string_view(plan.region.name).substr(plan.region.name.size() - 3)
                                               : std::string_view();
            if (who == level)
                plan.issuer = plan.region.name + "人民政府";
            else if (!who.empty() && plan.region.name.find(who) != std::string::npos)
                plan.issuer = std::string(who) + "人民政府";
        }
    }
    if (plan.region.name.empty() && !province.empty()) {
        plan.region.name = province;
        plan.region.level = AdminLevel::province;
        province.clear();
    }
    if (plan.issuer.find("国务院") != std::string::npos && plan.region.name.empty()) {
        plan.region.name = "中国";
        plan.region.level = AdminLevel::national;
    }
    if (!plan.region.name.empty()) {
        if (const Province* p = province_named(plan.region.name)) {
            plan.region.level = AdminLevel::province;
            plan.region.province = std::string(p->full);
        } else if (!province.empty()) {
            plan.region.province = province;
        } else if (plan.region.level != AdminLevel::national) {
            // The province the text mentions most often (within its first 64 KB),
            // counted in one pass: a text that says bare 自治区 (or 省) is about an
            // autonomous region (or a province), so only names of that kind compete.
            std::string_view scope = t.substr(0, std::min<std::size_t>(t.size(), 65536));
            std::array<std::size_t, provinces.size()> counts{};
            std::size_t bare_region = 0, bare_province = 0;
            // Every word counted opens with a 3-byte character: a character of
            // another length, or one whose bit is clear, is stepped over without a call.
            static const std::array<std::uint64_t, 1024> first_chars = [] {
                std::array<std::uint64_t, 1024> bits{};
                auto set = [&](std::string_view w) {
                    const char32_t c = cp_at(w, 0);
                    bits[c >> 6] |= std::uint64_t{1} << (c & 63);
                };
                for (const auto& p : provinces) set(p.short_name);
                for (std::string_view w : {"自治区", "全省", "省委", "省政府", "省级"}) set(w);
                return bits;
            }();
            static const std::array<char32_t, provinces.size()> province_first = [] {
                std::array<char32_t, provinces.size()> first{};
                for (std::size_t k = 0; k < provinces.size(); ++k) first[k] = cp_at(provinces[k].short_name, 0);
                return first;
            }();
            for (std::size_t q = 0; q < scope.size(); q += u8len(static_cast<unsigned char>(scope[q]))) {
                if ((static_cast<unsigned char>(scope[q]) & 0xF0) != 0xE0 || q + 3 > scope.size()) continue;
                // The first two bytes name the character's block of 64: most blocks hold no first character.
                if (first_chars[(static_cast<unsigned char>(scope[q]) & 0x0FU) << 6 |
                                (static_cast<unsigned char>(scope[q + 1]) & 0x3FU)] == 0)
                    continue;
                const char32_t c = cp3(scope, q);
                if (!((first_chars[c >> 6] >> (c & 63)) & 1U)) continue;
                if (at(scope, q, "自治区"))
                    ++bare_region;
                else if (at(scope, q, "全省") || at(scope, q, "省委") || at(scope, q, "省政府") || at(scope, q, "省级"))
                    ++bare_province;
                for (std::size_t k = 0; k < provinces.size(); ++k)
                    if (province_first[k] == c && at(scope, q, provinces[k].short_name)) ++counts[k];
            }
            const bool region_kind = bare_region >= 3, province_kind = bare_province >= 3;
            std::size_t best = 0;
            for (std::size_t k = 0; k < provinces.size(); ++k) {
                const auto& p = provinces[k];
                const bool autonomous = p.full.find("自治区") != std::string_view::npos;
                if (region_kind != province_kind && (region_kind ? !autonomous : autonomous)) continue;
                if (counts[k] > best) best = counts[k], plan.region.province = std::string(p.full);
            }
        }
    }

    find_period(plan.title, plan);
    if (plan.status == PlanStatus::unknown && plan.title.find("征求意见稿") != std::string::npos)
        plan.status = PlanStatus::draft;

    // Referenced documents: every 《…》 in the preamble (before the first
    // heading), and any 《…》 followed by its number anywhere in the content.
    const std::size_t pre_end = d.headings.empty() ? d.content_end : d.headings.front().line;
    for (std::size_t i = d.content_begin; i < d.content_end; ++i) {
        std::string_view l = line_sv(d, i);
        for (std::size_t ob = l.find("《"); ob != std::string_view::npos; ob = l.find("《", ob + 3)) {
            std::size_t cb = l.substr(0, std::min(l.size(), ob + 400)).find("》", ob);
            if (cb == std::string_view::npos) continue;
            std::size_t e = cb + 3;
            std::size_t n = 0;
            bool numbered = false;
            if (is_open_paren(l, e, &n)) {
                // Look for the closing parenthesis within 120 bytes; only a
                // parenthesis actually closed there ends the reference (n is
                // then the closer's length, not the opener's).
                std::size_t close = e + n;
                bool closed = false;
                while (close < l.size() && close - e < 120 && !(closed = is_close_paren(l, close, &n)))
                    close += u8len(static_cast<unsigned char>(l[close]));
                std::string_view inside = l.substr(e, close - e);
                if (closed && inside.find("〔") != std::string_view::npos &&
                    inside.find("号") != std::string_view::npos) {
                    e = close + n;
                    numbered = true;
                }
            }
            if (!numbered && i >= pre_end) continue;
            std::string ref(l.substr(ob, e - ob));
            std::string inner(l.substr(ob + 3, cb - ob - 3));
            if (inner == plan.title) continue;
            if (std::find(plan.references.begin(), plan.references.end(), ref) == plan.references.end())
                plan.references.push_back(std::move(ref));
        }
    }
}

}  // namespace healthplan::v0::detail::extract
