// Lines, the content region and the heading outline of a plan's text.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "extract/document.hpp"
#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract {

bool prose_line(std::string_view l) { return l.size() >= 60 && l.find("。") != std::string_view::npos; }

std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t b = 0;
    const std::size_t n = text.size();
    while (b <= n) {
        const void* nl = b < n ? std::memchr(text.data() + b, '\n', n - b) : nullptr;
        std::size_t e = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : n;
        // A lone CR also ends a line (old Mac text); CRLF is trimmed as space.
        const void* cr = std::memchr(text.data() + b, '\r', e - b);
        if (cr) {
            std::size_t c = static_cast<std::size_t>(static_cast<const char*>(cr) - text.data());
            if (c + 1 < e) e = c;
        }
        std::size_t lb = b, le = e;
        trim(text, lb, le);
        if (le > lb) lines.push_back(Line{static_cast<std::uint32_t>(lb), static_cast<std::uint32_t>(le)});
        if (e >= n) break;
        b = e + 1;
    }
    return lines;
}

namespace {

int rank(HeadingStyle s) { return static_cast<int>(s); }

// Recognises a heading label at the start of [b, e). Fills label range,
// style and the normalised label. Returns false for body text.
bool heading_label(std::string_view t, std::size_t b, std::size_t e, Heading& h) {
    std::size_t n = 0;
    if (at(t, b, "第")) {
        std::size_t j = b + 3;
        std::size_t k = j;
        if (auto cn = cn_numeral_at(t, j))
            k = cn->second;
        else
            while (k < e && is_digit_at(t, k)) k += (digit_at(t, k, &n), n);
        if (k == j || k > e) return false;
        if (at(t, k, "章") || at(t, k, "部分"))
            h.style = HeadingStyle::chapter;
        else if (at(t, k, "节"))
            h.style = HeadingStyle::section;
        else
            return false;
        h.label_begin = b;
        h.label_end = k + (at(t, k, "部分") ? 6 : 3);
        h.label = std::string(t.substr(b, h.label_end - b));
        return true;
    }
    if (at(t, b, "专栏")) {
        std::size_t j = b + 6, k = j;
        while (k < e && is_digit_at(t, k)) k += (digit_at(t, k, &n), n);
        if (k == j)
            if (auto cn = cn_numeral_at(t, j)) k = cn->second;
        if (k == j) return false;
        h.style = HeadingStyle::box;
        h.label_begin = b;
        h.label_end = k;
        h.label = std::string(t.substr(b, k - b));
        return true;
    }
    if (auto cn = cn_numeral_at(t, b)) {
        std::size_t k = cn->second;
        if (cn->first <= 0 || cn->first > 99) return false;
        std::size_t p = 0;
        if (at(t, k, "、"))
            p = 3;
        else if (at(t, k, "．"))
            p = 3;
        else if (at(t, k, ".") && !is_digit_at(t, k + 1))
            p = 1;
        if (!p) return false;
        // "一是…" style enumerations never take 、, so this is a heading.
        h.style = HeadingStyle::cn_list;
        h.label_begin = b;
        h.label_end = k + p;
        h.label = std::string(t.substr(b, k - b));
        return true;
    }
    if (is_open_paren(t, b, &n)) {
        std::size_t j = b + n, k = j;
        bool cn = false;
        if (auto c = cn_numeral_at(t, j)) {
            if (c->first <= 0 || c->first > 99) return false;
            k = c->second;
            cn = true;
        } else {
            std::size_t d = 0;
            while (k < e && is_digit_at(t, k) && d < 4) k += (digit_at(t, k, &n), n), ++d;
            if (k == j || d >= 4) return false;
        }
        std::size_t c = 0;
        if (!is_close_paren(t, k, &c)) return false;
        h.style = cn ? HeadingStyle::paren_cn : HeadingStyle::paren_arabic;
        h.label_begin = b;
        h.label_end = k + c;
        // Normalise full-width brackets so labels read the same everywhere.
        h.label = "(" + std::string(t.substr(j, k - j)) + ")";
        return true;
    }
    if (is_digit_at(t, b)) {
        std::size_t k = b, d = 0;
        long v = 0;
        int dv;
        while ((dv = digit_at(t, k, &n)) >= 0 && d < 4) v = v * 10 + dv, k += n, ++d;
        if (d >= 4 || v == 0 || v > 500) return false;
        std::size_t p = 0;
        if (at(t, k, "、") || at(t, k, "．"))
            p = 3;
        else if (at(t, k, ".") && !is_digit_at(t, k + 1))
            p = 1;
        if (!p) {
            // "1）" / "1)" with a closing bracket only: the (1) level.
            std::size_t c = 0;
            if (!is_close_paren(t, k, &c)) return false;
            h.style = HeadingStyle::paren_arabic;
            h.label_begin = b;
            h.label_end = k + c;
            h.label = "(" + std::string(t.substr(b, k - b)) + ")";
            return true;
        }
        // "1." followed directly by a year or a number reads as a heading too
        // ("1. 2022年,…"), but "1.5" never (handled above).
        h.style = HeadingStyle::arabic;
        h.label_begin = b;
        h.label_end = k + p;
        h.label = std::string(t.substr(b, k - b));
        return true;
    }
    return false;
}

// The title after the label: up to the first full stop (kept out), with
// lost-character marks and spaces removed.
void heading_title(std::string_view t, std::size_t e, Heading& h) {
    std::size_t b = h.label_end;
    while (b < e) {
        std::size_t n;
        char32_t c = cp_at(t, b, &n);
        if (!(is_space_cp(c) || c == '?' || c == 0xFF1F || c == ':' || c == 0xFF1A)) break;
        b += n;
    }
    // The title runs to the first 。 or ；: two byte searches (both are 3-byte
    // characters led by a lead byte, so a match is a character of the walk from b).
    const std::string_view rest = t.substr(b, e - b);
    std::size_t stop = std::min(rest.find("。"), rest.size());
    stop = b + std::min(stop, rest.substr(0, stop).find("；"));
    std::size_t te = stop;
    trim(t, b, te);
    h.title_begin = b;
    h.title_end = te;
    // Most titles hold no noise: asked first, without the copy.
    if (has_noise(t.substr(b, te - b))) {
        h.cleaned_title = strip_noise(t.substr(b, te - b));
        h.cleaned = true;
    }
}

bool is_footer_line(std::string_view t, const Line& l) {
    // Anywhere in the line, and (附件) only opening it.
    static constexpr std::array<std::string_view, 26> markers = {
        "下载文件", "上一条",   "下一条",   "上一篇",         "下一篇",   "网站地图", "相关链接",
        "扫一扫",   "返回顶部", "打印本页", "关闭本页",       "【打印】", "【关闭】", "版权所有",
        "主办单位", "ICP备",    "公网安备", "标签:",          "标签：",   "分享到",   "责任编辑",
        "相关推荐", "返回首页", "相关文件", "政府网站标识码", "联系我们"};
    static constexpr std::array<std::string_view, 2> opening_markers = {"附件:", "附件："};
    std::string_view line = t.substr(l.begin, l.end - l.begin);
    if (line.size() > 300) return false;
    for (auto m : opening_markers)
        if (at(line, 0, m)) return true;
    // One walk over the line's characters (a marker, valid UTF-8 in valid UTF-8,
    // starts on one), the markers compared only where one bit says one may start:
    // a byte search per marker was 26 searches of every line of the document.
    static const WordBits starts = WordBits::starts(markers);
    for (std::size_t i = 0; i < line.size(); i += u8len(static_cast<unsigned char>(line[i])))
        if (starts.may_start(line, i))
            for (auto m : markers)
                if (at(line, i, m)) return true;
    return false;
}

std::string_view line_text(const Document& d, std::size_t i) {
    return d.text.substr(d.lines[i].begin, d.lines[i].end - d.lines[i].begin);
}

// The plan's own title: the document named by the notice ("关于印发《X》的通知"),
// found again as a line of its own; else the first title-like line.
std::size_t find_title_line(const Document& d, std::size_t* lines_used) {
    *lines_used = 1;
    const std::size_t limit = std::min<std::size_t>(d.lines.size(), 400);
    std::string_view named;
    for (std::size_t i = 0; i < limit && named.empty(); ++i) {
        std::string_view l = line_text(d, i);
        if (l.size() > 600) continue;
        std::size_t g = l.find("关于");
        std::size_t tz = l.rfind("通知");
        if (g == std::string_view::npos || tz == std::string_view::npos || tz < g) continue;
        std::size_t ob = l.find("《", g), cb = l.find("》", g);
        if (ob != std::string_view::npos && cb != std::string_view::npos && cb > ob && cb < tz) {
            named = l.substr(ob + 3, cb - ob - 3);
        } else {
            std::size_t s = g + 6;
            if (at(l, s, "印发"))
                s += 6;
            else if (at(l, s, "转发"))
                s += 6;
            std::size_t de = l.rfind("的通知");
            if (de != std::string_view::npos && de > s) named = l.substr(s, de - s);
        }
    }
    if (!named.empty()) {
        const std::string want = strip_noise(named);
        for (std::size_t i = 0; i < d.lines.size(); ++i) {
            std::string_view l = line_text(d, i);
            if (l.size() > want.size() + 64) continue;
            if (l.size() + 8 >= want.size() && strip_noise(l) == want) return i;
            // A title broken over two lines ("…卫生健康事业" / "发展规划").
            if (i + 1 < d.lines.size() && l.size() < want.size() && l.size() >= 6) {
                std::string both = strip_noise(l);
                if (want.compare(0, both.size(), both) != 0) continue;
                both += strip_noise(line_text(d, i + 1).substr(0, want.size() + 8));
                if (both == want) {
                    *lines_used = 2;
                    return i + 1;
                }
            }
        }
    }
    // No notice names it: the first short line ending with a plan word, above the
    // body. A numbered line ("1. 农村环境整治攻坚行动") is a heading, not the title,
    // and the title stands above the first heading: a line further down would make
    // everything above it (the goals) the page's header.
    static constexpr std::array<std::string_view, 10> kinds = {"方案", "规划", "意见", "计划", "纲要",
                                                               "办法", "要点", "行动", "建议", "清单"};
    for (std::size_t i = 0; i < limit; ++i) {
        std::string_view l = line_text(d, i);
        if (Heading h; heading_label(d.text, d.lines[i].begin, d.lines[i].end, h)) break;
        if (l.empty() || l.size() > 180 || l.find("。") != std::string_view::npos ||
            l.find("通知") != std::string_view::npos)
            continue;
        // Navigation ("首页 > 政务公开 > 规划计划") is not a title.
        if (l.find(">") != std::string_view::npos || l.find("|") != std::string_view::npos ||
            l.find("首页") != std::string_view::npos || l.find("位置") != std::string_view::npos ||
            l.find("＞") != std::string_view::npos)
            continue;
        std::size_t e = l.size();
        if (ends_at(l, e, ")") || ends_at(l, e, "）")) {
            std::size_t p = l.rfind("(");
            if (p == std::string_view::npos) p = l.rfind("（");
            if (p != std::string_view::npos) e = p;
        }
        for (auto k : kinds)
            if (ends_at(l, e, k)) return i;
    }
    return static_cast<std::size_t>(-1);
}

}  // namespace

std::size_t heading_label_end(std::string_view text, std::size_t b, std::size_t e) {
    Heading h;
    return heading_label(text, b, e, h) ? h.label_end : b;
}

bool starts_heading(std::string_view text, std::size_t b, std::size_t e) { return heading_label_end(text, b, e) != b; }

// The number of a heading label ("二" → 2, "(3)" → 3), or 0.
int label_number(const Heading& h) {
    std::string_view l = h.label;
    if (l.size() >= 2 && l.front() == '(' && l.back() == ')') l = l.substr(1, l.size() - 2);
    if (auto cn = cn_numeral_at(l, 0); cn && cn->second == l.size()) return cn->first;
    int v = 0;
    for (std::size_t i = 0; i < l.size(); ++i) {
        std::size_t n = 0;
        const int d = digit_at(l, i, &n);
        if (d < 0) return 0;
        v = v * 10 + d;
        i += n - 1;
    }
    return v;
}

namespace {

// Whether a heading label may start inside a line after the character
// `prev` (spaces skipped): after the end of a sentence or of a parenthesis
// ("…制定本方案。一、…", "…(…负责)2. …"), or — for a "(一)" label — right after
// a heading's title ("二、重点任务(一)加强…"), but not in a reference to one
// ("第(一)项", "按(一)").
bool label_may_follow(char32_t prev, bool paren) {
    if (prev == U'。' || prev == U'；' || prev == U';' || prev == U'：' || prev == U':' || prev == U'）' ||
        prev == U')')
        return true;
    return paren && prev >= 0x4E00 && prev <= 0x9FFF && prev != U'第' && prev != U'按' && prev != U'照' &&
           prev != U'见';
}

// The characters a heading label may open with: a digit, a bracket, 第, 专(栏) or a
// Chinese numeral (the characters cn_numeral_at reads first). A bit per code point
// of the BMP (8 KiB): split_flattened asks at every character of every long line,
// and a call to cn_numeral_at or a switch there made the walk an eighth of a seed
// extraction's instructions.
constexpr std::array<std::uint64_t, 1024> label_openers = [] {
    std::array<std::uint64_t, 1024> bits{};
    for (const char32_t c :
         {U'0',  U'1',  U'2',  U'3',  U'4',  U'5',  U'6',  U'7',  U'8',  U'9',  U'(',  U'（', U'第', U'专',
          U'零', U'一', U'二', U'两', U'三', U'四', U'五', U'六', U'七', U'八', U'九', U'十', U'百', U'千'})
        bits[c >> 6] |= std::uint64_t{1} << (c & 63);
    return bits;
}();

bool label_opener(char32_t c) { return c < 0x10000 && (label_openers[c >> 6] >> (c & 63)) & 1; }

// The code point at i and its length, as cp_at reads them; the 3-byte form (CJK)
// and ASCII decoded inline, since split_flattened reads every character of a long line.
char32_t char_at(std::string_view t, std::size_t i, std::size_t& n) {
    const auto lead = static_cast<unsigned char>(t[i]);
    if (lead < 0x80) {
        n = 1;
        return lead;
    }
    if ((lead & 0xF0) == 0xE0 && i + 3 <= t.size()) {
        n = 3;
        return static_cast<char32_t>(((lead & 0x0F) << 12) | ((static_cast<unsigned char>(t[i + 1]) & 0x3F) << 6) |
                                     (static_cast<unsigned char>(t[i + 2]) & 0x3F));
    }
    return cp_at(t, i, &n);
}

// The last character of [floor, i) that is not a space, or 0 (the text is valid
// UTF-8, so stepping back finds the characters a forward walk from floor reads).
char32_t last_non_space(std::string_view t, std::size_t floor, std::size_t i) {
    while (i > floor) {
        i = prev_cp(t, i);
        if (i < floor) break;
        if (const char32_t c = cp_at(t, i); !is_space_cp(c)) return c;
    }
    return 0;
}

// Where a body opening with a year frame ("到2025年，", "2025年，") starts inside a
// short title run into it ("加强慢性病综合防治到2025年，…"), or `b` when it does not.
std::size_t body_frame_after_title(std::string_view t, std::size_t b, std::size_t e) {
    std::size_t i = b;
    for (int chars = 0; chars < 30 && i < e; ++chars) {
        const char32_t c = cp_at(t, i);
        if (c == U'。' || c == U'，' || c == U',' || c == U'；' || c == U'：' || c == U':') return b;
        const std::size_t y = at(t, i, "到") ? i + 3 : i;
        if (i > b && is_digit_at(t, y)) {
            std::size_t k = y, digits = 0;
            while (k < e && is_digit_at(t, k) && digits < 5) ++k, ++digits;
            if (digits == 4 && at(t, k, "年") &&
                (y != i || at(t, k + 3, "，") || at(t, k + 3, ",") || at(t, k + 3, "底") || at(t, k + 3, "前")))
                return i;
            return b;
        }
        i += u8len(static_cast<unsigned char>(t[i]));
    }
    return b;
}

// A plan flattened into one line (a document-sharing site's copy: "…制定本方案。
// 一、主要目标…。二、重点任务(一)加强…。1. 推动…(…负责)2. 贯彻…"): the line is
// split where a heading label opens a sentence, so the outline, the tasks and
// their responsibility parentheses read as in the original. Only labels that
// number in order within their style (一 then 二; a style starts at 1), and
// only in a line holding two or more of them; lines are ranges, the text is
// not touched.
void split_flattened(std::string_view t, std::vector<Line>& lines) {
    std::vector<Line> out;
    bool changed = false;
    for (const Line& l : lines) {
        std::vector<std::size_t> cuts;
        if (l.end - l.begin >= 120) {
            int last[8] = {};
            int ever[8] = {};  // not restarted by a parent: some plans number items on across sections
            // The last character before i that is not a space, counted from `floor`
            // (the line's start, or the end of the label last cut at): read back
            // from an opener only, so the walk passes other characters on one test.
            std::size_t floor = 0;
            std::size_t title_end = 0;  // a parent label's end: its title follows, then perhaps its first child
            int parent_rank = -1;
            std::size_t i = l.begin;
            // The label the line opens with starts the series ("第三章　主要任务第一节　…").
            if (Heading h0; heading_label(t, l.begin, l.end, h0)) {
                const auto st = static_cast<std::size_t>(h0.style);
                last[st] = ever[st] = label_number(h0);
                parent_rank = static_cast<int>(st);
                i = title_end = h0.label_end;
            }
            floor = i;
            while (i < l.end) {
                // A CJK character whose block of 64 code points holds no opener (most
                // of them) is known from its first two bytes: stepped over undecoded.
                if (const auto lead = static_cast<unsigned char>(t[i]);
                    (lead & 0xF0) == 0xE0 && i + 3 <= t.size() &&
                    label_openers[((lead & 0x0FU) << 6) | (static_cast<unsigned char>(t[i + 1]) & 0x3FU)] == 0) {
                    i += 3;
                    continue;
                }
                std::size_t n = 0;
                const char32_t c = char_at(t, i, n);
                // A label opens with a digit, a bracket, a Chinese numeral, 第 or 专(栏).
                if (!label_opener(c)) {
                    i += n ? n : 1;
                    continue;
                }
                const char32_t prev = last_non_space(t, floor, i);
                const bool after_text = prev >= 0x4E00 && prev <= 0x9FFF;
                // After text, without punctuation: the next number of a series
                // ("…市爱卫办二、工作要求"), or the first child right after its
                // parent's title ("(一)全方位干预健康影响因素1.实施…").
                if (prev && (label_may_follow(prev, c == U'(' || c == U'（') || after_text)) {
                    Heading h;
                    if (heading_label(t, i, l.end, h) && h.label_end < l.end) {
                        const int num = label_number(h);
                        const auto st = static_cast<std::size_t>(h.style);
                        const bool punctuated = label_may_follow(prev, c == U'(' || c == U'（');
                        const bool next =
                            (num == last[st] + 1 && last[st] > 0) || (num == ever[st] + 1 && ever[st] > 0);
                        const bool first_child =
                            num == 1 && parent_rank >= 0 && parent_rank < static_cast<int>(st) && i - title_end <= 60;
                        if (num > 0 && (punctuated ? (num == 1 || next) : (next || first_child))) {
                            last[st] = ever[st] = num;
                            for (std::size_t k = st + 1; k < 8; ++k) last[k] = 0;  // a parent restarts its children
                            cuts.push_back(i);
                            floor = h.label_end;
                            i = title_end = h.label_end;
                            parent_rank = static_cast<int>(st);
                            // "二、加强慢性病综合防治到2025年，…": the title ends where the body's year frame opens.
                            if (const std::size_t f = body_frame_after_title(t, h.label_end, l.end); f != h.label_end)
                                cuts.push_back(f);
                            continue;
                        }
                    }
                }
                i += n ? n : 1;
            }
        }
        if (cuts.size() < 2) {
            out.push_back(l);
            continue;
        }
        changed = true;
        std::size_t b = l.begin;
        cuts.push_back(l.end);
        for (const std::size_t e : cuts) {
            std::size_t lb = b, le = e;
            trim(t, lb, le);
            if (le > lb) out.push_back(Line{static_cast<std::uint32_t>(lb), static_cast<std::uint32_t>(le)});
            b = e;
        }
    }
    if (changed) lines = std::move(out);
}

}  // namespace

Document analyse(std::string_view text) {
    Document d;
    d.text = text;
    d.lines = split_lines(text);
    split_flattened(text, d.lines);
    d.title_line = find_title_line(d, &d.title_lines);
    d.content_begin = d.title_line == static_cast<std::size_t>(-1) ? 0 : d.title_line + 1;
    d.content_end = d.lines.size();

    std::vector<int> stack;
    for (std::size_t i = d.content_begin; i < d.lines.size(); ++i) {
        const Line& l = d.lines[i];
        Heading h;
        if (!heading_label(text, l.begin, l.end, h)) continue;
        h.line = i;
        heading_title(text, l.end, h);
        while (!stack.empty() && rank(d.headings[stack.back()].style) >= rank(h.style)) stack.pop_back();
        h.parent = stack.empty() ? -1 : stack.back();
        stack.push_back(static_cast<int>(d.headings.size()));
        d.headings.push_back(std::move(h));
    }
    // The index lives through the whole extraction, beside the result: no
    // doubling slack (up to half of a vector of 136-byte headings).
    d.headings.shrink_to_fit();
    d.lines.shrink_to_fit();
    // The page footer starts at the first footer-like line after the last
    // heading (a plan's own text may mention 附件 or 联系 earlier).
    // A page's head holds footer words too ("责任编辑:", "分享到" under a report's
    // headline): with no heading, the footer is looked for after the first line of prose.
    std::size_t from = d.headings.empty() ? d.content_begin : d.headings.back().line + 1;
    if (d.headings.empty())
        for (std::size_t i = from; i < d.lines.size(); ++i)
            if (prose_line(line_text(d, i))) {
                from = i + 1;
                break;
            }
    for (std::size_t i = from; i < d.lines.size(); ++i)
        if (is_footer_line(text, d.lines[i])) {
            d.content_end = i;
            break;
        }
    // Extents: own text runs to the next heading; the subtree to the next
    // heading that is not nested under it.
    const std::size_t nh = d.headings.size();
    for (std::size_t k = 0; k < nh; ++k) {
        d.headings[k].body_end_line = k + 1 < nh ? d.headings[k + 1].line : d.content_end;
        d.headings[k].subtree_end_line = d.content_end;
    }
    std::vector<std::size_t> open;
    for (std::size_t k = 0; k < nh; ++k) {
        while (!open.empty() && static_cast<int>(open.back()) != d.headings[k].parent) {
            d.headings[open.back()].subtree_end_line = d.headings[k].line;
            open.pop_back();
        }
        open.push_back(k);
    }
    return d;
}

std::vector<Section> build_sections(const Document& doc) {
    // Iterative: children are appended through a stack of pointers into the
    // tree, so depth is bounded by the number of heading styles.
    // Children counted first, so every vector of the tree is allocated once at
    // its size (the tree is part of the result, alive to the end).
    std::vector<std::uint32_t> children(doc.headings.size() + 1, 0);  // [k + 1]: heading k's; [0]: roots
    for (const Heading& h : doc.headings) ++children[static_cast<std::size_t>(h.parent + 1)];
    std::vector<Section> roots;
    roots.reserve(children[0]);
    std::vector<std::pair<int, Section*>> stack;  // heading index, node
    for (std::size_t k = 0; k < doc.headings.size(); ++k) {
        const Heading& h = doc.headings[k];
        Section s;
        s.children.reserve(children[k + 1]);
        s.label = std::string(doc.text.substr(h.label_begin, h.label_end - h.label_begin));
        s.title = std::string(h.title_in(doc.text));
        // The heading itself (label and title), not the paragraph that may
        // follow it on the same line.
        const Line& l = doc.lines[h.line];
        s.span = make_span(l.begin, std::max<std::size_t>(h.label_end, h.title_end));
        while (!stack.empty() && stack.back().first != h.parent) stack.pop_back();
        std::vector<Section>& into = stack.empty() ? roots : stack.back().second->children;
        into.push_back(std::move(s));
        stack.emplace_back(static_cast<int>(k), &into.back());
    }
    return roots;
}

std::vector<std::string> label_path(const Document& doc, int h) {
    std::size_t depth = 0;
    for (int k = h; k >= 0; k = doc.headings[k].parent) ++depth;
    std::vector<std::string> path(depth);  // one allocation: every task keeps its path
    for (int k = h; k >= 0; k = doc.headings[k].parent) path[--depth] = doc.headings[k].label;
    return path;
}

int heading_at_line(const Document& doc, std::size_t line) {
    // Headings are sorted by line: the last one at or before `line`, then up
    // its ancestors to one whose subtree still contains the line.
    auto it = std::upper_bound(doc.headings.begin(), doc.headings.end(), line,
                               [](std::size_t l, const Heading& h) { return l < h.line; });
    if (it == doc.headings.begin()) return -1;
    int k = static_cast<int>(it - doc.headings.begin()) - 1;
    while (k >= 0 && doc.headings[k].subtree_end_line <= line) k = doc.headings[k].parent;
    return k;
}

}  // namespace healthplan::v0::detail::extract
