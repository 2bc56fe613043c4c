// Tasks and who is responsible for them.
//
// Two styles carry responsibility in the genre:
//   a trailing parenthesis  "(市卫生健康委员会牵头,市委宣传部,市教育局、科学技术局等按职责分工负责)"
//   labelled lines          "牵头单位:市卫健委" / "责任单位:…" / "配合单位:…"
// Lists write a shared prefix once ("市教育局、科学技术局" = 市教育局, 市科学技术局);
// each unit keeps its name as written beside the expanded name.
#include <algorithm>
#include <array>
#include <cstdint>

#include "extract/document.hpp"
#include "extract/grammar.hpp"
#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract {
namespace {

struct Piece {
    std::size_t b = 0, e = 0;
};

std::string_view sv(std::string_view t, Piece p) { return t.substr(p.b, p.e - p.b); }

// Splits [b, e) at top-level separators (not inside brackets).
std::vector<Piece> split_top(std::string_view t, std::size_t b, std::size_t e, bool on_dunhao) {
    std::vector<Piece> out;
    int depth = 0;
    std::size_t start = b;
    for (std::size_t i = b; i < e;) {
        std::size_t n;
        char32_t c = cp_at(t, i, &n);
        if (c == '(' || c == 0xFF08)
            ++depth;
        else if ((c == ')' || c == 0xFF09) && depth > 0)
            --depth;
        else if (depth == 0 && (c == ',' || c == 0xFF0C || c == ';' || c == 0xFF1B || (on_dunhao && c == 0x3001))) {
            Piece p{start, i};
            trim(t, p.b, p.e);
            if (p.e > p.b) out.push_back(p);
            start = i + n;
        }
        i += n;
    }
    Piece p{start, e};
    trim(t, p.b, p.e);
    if (p.e > p.b) out.push_back(p);
    return out;
}

bool strip_suffix(std::string_view t, Piece& p, std::string_view suf) {
    if (p.e - p.b > suf.size() && ends_at(t, p.e, suf)) {
        p.e -= suf.size();
        return true;
    }
    return false;
}

constexpr std::array<std::string_view, 6> level_chars = {"市", "区", "县", "旗", "省", "州"};

// The prefix an item starts with: "市委" / "市" / …, or empty.
std::string_view own_prefix(std::string_view item) {
    if (at(item, 0, "市场")) return {};
    // A street office's units: "街道党政办、社会事务办" = 街道社会事务办.
    if (at(item, 0, "街道") && !at(item, 6, "办事处")) return item.substr(0, 6);
    for (auto c : level_chars)
        if (at(item, 0, c)) {
            if (at(item, 3, "委") && !at(item, 6, "员")) return item.substr(0, 6);
            return item.substr(0, 3);
        }
    return {};
}

bool department_like(std::string_view item) {
    static constexpr std::array<std::string_view, 24> suf = {"局", "委", "会", "部",   "办",   "办公室", "中心", "院",
                                                             "所", "站", "社", "队",   "处",   "科",     "厅",   "署",
                                                             "团", "馆", "台", "公司", "集团", "段",     "场",   "关"};
    for (auto s : suf)
        if (ends_at(item, item.size(), s)) return true;
    return false;
}

// Does `item` contain the level character outside words that merely
// contain it (城市, 市场, 社区, 园区 …)?
bool mentions_level(std::string_view item, std::string_view level) {
    static constexpr std::array<std::string_view, 9> words = {"城市", "市场", "都市", "社区", "园区",
                                                              "区域", "小区", "县域", "城区"};
    for (std::size_t p = item.find(level); p != std::string_view::npos; p = item.find(level, p + 3)) {
        bool inside_word = false;
        for (auto w : words) {
            for (std::size_t off : {std::size_t{0}, std::size_t{3}})
                if (p >= off && at(item, p - off, w)) inside_word = true;
        }
        if (!inside_word) return true;
    }
    return false;
}

struct UnitNamer {
    std::string place_stem;  // "乌海" for 乌海市

    // Expanded name of `item` given the prefix in force (may be empty).
    std::string expand(std::string_view item, std::string_view prefix) const {
        std::string name(item);
        // "市市场监督管理局等行业主管部门": the unit is the one named before 等.
        std::size_t deng = item.find("等");
        if (deng != std::string_view::npos && deng > 0) name = std::string(item.substr(0, deng));
        if (prefix.empty() || !own_prefix(name).empty()) return name;
        for (std::string_view start : {"各", "全", "所有", "有关", "相关", "其他", "共青团", "中国", "国家", "团"})
            if (at(name, 0, start)) return name;
        // Townships and streets are places of their own ("小拐乡政府", "各街道办事处"),
        // but 城乡 / 乡村 inside a department's name are not ("住房和城乡建设局").
        for (std::string_view place :
             {"乡政府", "镇政府", "乡人民政府", "镇人民政府", "街道", "办事处", "村委", "居委"})
            if (name.find(place) != std::string::npos) return name;
        for (std::string_view place : {"乡", "镇", "村"})
            if (ends_at(name, name.size(), place)) return name;
        if (!place_stem.empty() && name.find(place_stem) != std::string::npos) return name;
        if (mentions_level(name, prefix.substr(0, 3))) return name;
        if (!department_like(name)) return name;
        return std::string(prefix) + name;
    }
};

// Appends the units of one comma group (items separated by 、) to `out`.
// Items of a 、 list, with "市公安局 市交通运输局" (a table cell naming two
// units with only a space between) split in two.
std::vector<Piece> unit_items(std::string_view t, Piece group) {
    std::vector<Piece> out;
    for (Piece item : split_top(t, group.b, group.e, true)) {
        std::size_t b = item.b;
        for (std::size_t i = item.b; i < item.e;) {
            std::size_t n;
            const char32_t c = cp_at(t, i, &n);
            if ((c == ' ' || c == 0x3000) && i > b) {
                Piece left{b, i};
                trim(t, left.b, left.e);
                const std::size_t next = skip_ws(t, i, item.e);
                if (left.e > left.b && next < item.e && department_like(sv(t, left))) {
                    out.push_back(left);
                    b = next;
                    i = next;
                    continue;
                }
            }
            i += n;
        }
        Piece last{b, item.e};
        trim(t, last.b, last.e);
        if (last.e > last.b) out.push_back(last);
    }
    return out;
}

void add_units(std::string_view t, Piece group, const UnitNamer& namer, std::vector<Agency>& out) {
    std::string_view prefix;
    for (Piece item : unit_items(t, group)) {
        while (strip_suffix(t, item, "等")) {}
        trim(t, item.b, item.e);
        if (item.e <= item.b) continue;
        std::string_view w = sv(t, item);
        std::string_view own = own_prefix(w);
        if (!own.empty()) prefix = own;
        Agency a;
        a.as_written = std::string(w);
        a.name = namer.expand(w, prefix);
        if (!a.name.empty()) out.push_back(std::move(a));
    }
}

enum class Role { none, lead, responsible, other };

// Parses a responsibility parenthesis's inside [b, e). Returns false when
// it is not one (no 牵头 / 负责 / 配合 in it).
bool parse_parenthesis(std::string_view t, std::size_t b, std::size_t e, const UnitNamer& namer, Task& task) {
    std::string_view inside = t.substr(b, e - b);
    if (inside.find("牵头") == std::string_view::npos && inside.find("负责") == std::string_view::npos &&
        inside.find("配合") == std::string_view::npos && inside.find("责任单位") == std::string_view::npos &&
        inside.find("责任部门") == std::string_view::npos)
        return false;
    std::vector<Piece> pending;
    bool any = false;
    for (Piece g : split_top(t, b, e, false)) {
        std::string_view gs = sv(t, g);
        // A labelled group inside the parenthesis: "牵头单位:X".
        std::size_t colon = gs.find(":");
        if (colon == std::string_view::npos) colon = gs.find("：");
        if (colon != std::string_view::npos && colon <= 18) {
            std::string_view label = gs.substr(0, colon);
            Piece rest{g.b + colon + (gs[colon] == ':' ? 1 : 3), g.e};
            if (label.find("牵头") != std::string_view::npos) {
                add_units(t, rest, namer, task.lead), any = true;
                continue;
            }
            // "（责任单位：县卫健局牵头，县教育局按职责分工负责）": the label opens the
            // whole parenthesis; a group ending in 牵头 still names the lead.
            if (label.find("责任") != std::string_view::npos &&
                (strip_suffix(t, rest, "共同牵头") || strip_suffix(t, rest, "联合牵头") ||
                 strip_suffix(t, rest, "牵头"))) {
                add_units(t, rest, namer, task.lead), any = true;
                continue;
            }
            if (label.find("责任") != std::string_view::npos || label.find("配合") != std::string_view::npos ||
                label.find("协办") != std::string_view::npos || label.find("参与") != std::string_view::npos) {
                add_units(t, rest, namer, task.responsible), any = true;
                continue;
            }
        }
        Piece u = g;
        if (strip_suffix(t, u, "牵头负责") || strip_suffix(t, u, "共同牵头") || strip_suffix(t, u, "联合牵头") ||
            strip_suffix(t, u, "牵头")) {
            for (Piece p : pending) add_units(t, p, namer, task.lead);
            pending.clear();
            add_units(t, u, namer, task.lead);
            any = true;
            continue;
        }
        // "各区人民政府分别负责", "各县区人民政府抓好落实": every unit of a kind, not a named one.
        if (at(gs, 0, "各") && (ends_at(t, g.e, "负责") || ends_at(t, g.e, "落实") || ends_at(t, g.e, "组织实施") ||
                                ends_at(t, g.e, "具体实施"))) {
            task.others.emplace_back(gs);
            any = true;
            continue;
        }
        bool resp = false;
        for (std::string_view m :
             {"按职责分工负责", "按照职责分工负责", "按职责负责", "分工负责", "配合", "参与", "协助", "负责"})
            if (strip_suffix(t, u, m)) {
                resp = true;
                break;
            }
        if (resp) {
            for (Piece p : pending) add_units(t, p, namer, task.responsible);
            pending.clear();
            add_units(t, u, namer, task.responsible);
            any = true;
            continue;
        }
        pending.push_back(g);
    }
    if (!task.lead.empty())
        for (Piece p : pending) add_units(t, p, namer, task.responsible);
    return any;
}

// The responsibility label that opens s ("牵头单位", "主要协作单位", "牵头"):
// its length and role, or Role::none. Composed from the tables of grammar.hpp.
// The first three bytes of each qualifier and role word (all open with a 3-byte
// CJK character), packed: label_at is asked at every 。/； of a labelled line and six
// times back from each colon, and most text is answered by these 14 compares of one
// integer instead of 14 word tests.
constexpr std::uint32_t pack3(std::string_view w) {
    return w.size() < 3 ? 0
                        : (std::uint32_t{static_cast<unsigned char>(w[0])} << 16) |
                              (std::uint32_t{static_cast<unsigned char>(w[1])} << 8) | static_cast<unsigned char>(w[2]);
}
constexpr auto label_openings = [] {
    std::array<std::uint32_t, label_qualifiers.size() + label_role_words.size()> out{};
    std::size_t k = 0;
    for (const std::string_view q : label_qualifiers) out[k++] = pack3(q);
    for (const RoleWord& w : label_role_words) out[k++] = pack3(w.text);
    return out;
}();
static_assert(std::find(label_openings.begin(), label_openings.end(), 0U) == label_openings.end(),
              "every qualifier and role word opens with three bytes");

bool label_may_open(std::string_view s) {
    if (s.size() < 3) return false;
    const std::uint32_t v = pack3(s);
    return std::find(label_openings.begin(), label_openings.end(), v) != label_openings.end();
}

Role label_at(std::string_view s, std::size_t& len) {
    if (!label_may_open(s)) return Role::none;
    std::size_t p = 0;
    for (std::string_view q : label_qualifiers)
        if (at(s, p, q)) {
            p += q.size();
            break;
        }
    int words = 0;
    bool lead = false;
    for (bool more = true; more && words < 2;) {
        more = false;
        for (const RoleWord& w : label_role_words)
            if (at(s, p, w.text)) {
                p += w.text.size(), ++words, lead = lead || w.lead, more = true;
                break;
            }
    }
    if (words == 0) return Role::none;
    bool head = false;
    for (std::string_view h : label_heads)
        if (at(s, p, h)) {
            p += h.size(), head = true;
            break;
        }
    // Without a head noun only a lead word is a label ("牵头：市卫健委"):
    // "责任：" or "实施：" open prose as often as they label.
    if (!head && !(words == 1 && lead)) return Role::none;
    len = p;
    return lead ? Role::lead : Role::responsible;
}

// "牵头单位:X" lines. Returns the role and the value range.
Role labelled_line(std::string_view t, const Line& l, Piece& value) {
    std::string_view s = t.substr(l.begin, l.end - l.begin);
    std::size_t len = 0;
    const Role role = label_at(s, len);
    if (role != Role::none) {
        std::size_t p = skip_ws(s, len, s.size());
        if (at(s, p, ":"))
            p += 1;
        else if (at(s, p, "："))
            p += 3;
        else
            return Role::none;
        value = Piece{l.begin + p, l.end};
        trim(t, value.b, value.e);
        // A trailing full stop is punctuation, not part of the last unit.
        if (ends_at(t, value.e, "。") || ends_at(t, value.e, "；") || ends_at(t, value.e, ";"))
            value.e -= ends_at(t, value.e, ";") ? 1 : 3;
        return role;
    }
    return Role::none;
}

// The labels of a line: "牵头单位：X" opening it (when `from_start`), and labels
// opening a sentence inside it ("…达到40%以上。责任单位：县文旅体育局，各乡镇人民政府。",
// "牵头单位：X；配合单位：Y"). Each value runs to the next label or the line's end.
struct LineLabel {
    Role role;
    Piece value;
};
// Where a responsibility label ending at the colon at `colon` starts (its
// longest reading: "主要牵头单位" before "牵头单位"), or `colon` when none does.
std::size_t label_start_before(std::string_view t, std::size_t b, std::size_t colon) {
    std::size_t found = colon;
    std::size_t p = colon;
    for (int chars = 0; chars < 6 && p > b; ++chars) {
        p = prev_cp(t, p);
        std::size_t len = 0;
        if (label_at(t.substr(p, colon - p), len) != Role::none && p + len == colon) found = p;
    }
    return found;
}

// Whether a sentence or clause ends right before b (the labels there are read already).
bool sentence_end_before(std::string_view t, std::size_t lb, std::size_t b) {
    std::size_t p = b;
    while (p > lb && is_space_cp(cp_at(t, prev_cp(t, p)))) p = prev_cp(t, p);
    return p > lb && (ends_at(t, p, "。") || ends_at(t, p, "；") || ends_at(t, p, ";"));
}

std::vector<LineLabel> line_labels(std::string_view t, const Line& l, bool from_start) {
    std::vector<LineLabel> out;
    // Every label is followed by a colon inside the line (labelled_line), and
    // most lines of a task have none: they are answered by two byte searches
    // instead of a walk decoding each character (6 % of an extraction).
    if (!has_colon(t.substr(l.begin, l.end - l.begin))) return out;
    std::vector<std::size_t> starts;  // where each label's separator begins (its value ends there)
    auto try_at = [&](std::size_t from, std::size_t sep) {
        const std::size_t p = skip_ws(t, from, l.end);
        Piece value;
        const Role role = labelled_line(t, Line{static_cast<std::uint32_t>(p), l.end}, value);
        if (role == Role::none) return;
        out.push_back(LineLabel{role, value});
        starts.push_back(sep);
    };
    if (from_start) try_at(l.begin, l.begin);
    int depth = 0;  // a label inside a parenthesis is the parenthesis's (parse_parenthesis)
    for (std::size_t i = l.begin; i < l.end;) {
        // The characters acted on are ASCII or led by E3 (。) or EF (（）；): a
        // CJK character is stepped over by its lead byte, undecoded.
        const auto lead = static_cast<unsigned char>(t[i]);
        if (lead >= 0x80 && lead != 0xE3 && lead != 0xEF) {
            i += u8len(lead);
            continue;
        }
        std::size_t n = 0;
        const char32_t c = cp_at(t, i, &n);
        if (c == U'（' || c == U'(')
            ++depth;
        else if ((c == U'）' || c == U')') && depth > 0)
            --depth;
        else if (depth == 0 && (c == U'。' || c == U'；' || c == U';'))
            try_at(i + n, i);
        else if (depth == 0 && (c == U'：' || c == U':') && i > l.begin)
            // A label run into the value before it, as a flattened copy has them
            // ("牵头单位:市委宣传部责任单位:市融媒体中心"): found back from its colon.
            if (const std::size_t b = label_start_before(t, l.begin, i);
                b != i && b != l.begin && (starts.empty() || starts.back() < b) && !sentence_end_before(t, l.begin, b))
                try_at(b, b);
        i += n ? n : 1;
    }
    // A value ends where the next label's sentence begins.
    for (std::size_t k = 0; k + 1 < out.size(); ++k) {
        Piece& v = out[k].value;
        v.e = std::max(v.b, std::min(v.e, starts[k + 1]));
        trim(t, v.b, v.e);
    }
    return out;
}

// The trailing responsibility parenthesis of a line: returns the inside range.
std::optional<Piece> trailing_parenthesis(std::string_view t, const Line& l) {
    std::size_t e = l.end;
    // Allow a final full stop after the parenthesis.
    if (ends_at(t, e, "。")) e -= 3;
    std::size_t n;
    std::size_t last = prev_cp(t, e);
    if (e <= l.begin || !is_close_paren(t, last, &n)) return std::nullopt;
    int depth = 0;
    std::size_t i = last;
    for (int guard = 0; guard < 2000; ++guard) {
        std::size_t m;
        if (is_close_paren(t, i, &m))
            ++depth;
        else if (is_open_paren(t, i, &m)) {
            if (--depth == 0) return Piece{i + m, last};
        }
        if (i <= l.begin) break;
        i = prev_cp(t, i);
    }
    return std::nullopt;
}

// A responsibility parenthesis the end of the document cuts off: "…。（牵头单位：
// 市卫健委，责任单位：市教育局、" as the last line. The inside up to the end,
// without the dangling separator; nothing when the line has no open parenthesis
// left unclosed or its inside names no responsibility.
std::optional<Piece> cut_parenthesis(std::string_view t, const Line& l) {
    std::size_t open = std::string_view::npos, n = 0;
    int depth = 0;
    for (std::size_t i = l.begin; i < l.end; i += u8len(static_cast<unsigned char>(t[i]))) {
        std::size_t m;
        if (is_open_paren(t, i, &m)) {
            if (depth++ == 0) open = i, n = m;
        } else if (is_close_paren(t, i, &m) && depth > 0) {
            --depth;
        }
    }
    if (depth == 0 || open == std::string_view::npos) return std::nullopt;
    Piece inside{open + n, l.end};
    for (bool cut = true; cut;) {
        trim(t, inside.b, inside.e);
        cut = strip_suffix(t, inside, "、") || strip_suffix(t, inside, "，") || strip_suffix(t, inside, ",") ||
              strip_suffix(t, inside, "；") || strip_suffix(t, inside, "：");
    }
    const std::string_view s = sv(t, inside);
    for (std::string_view w : {"牵头", "负责", "配合", "责任单位", "责任部门"})
        if (s.find(w) != std::string_view::npos) return inside;
    return std::nullopt;
}

// A closing assignment sentence of a line: "…。由市城管局负责，市住建局配合。"
// (or 由X牵头，Y按职责分工负责), or a line that is only "X、Y按职责分工负责".
// Returns the range after 由 up to the final full stop.
std::optional<Piece> trailing_assignment(std::string_view t, const Line& l, bool heading_line) {
    std::size_t e = l.end;
    if (ends_at(t, e, "。")) e -= 3;
    if (e <= l.begin) return std::nullopt;
    // The last sentence: back to the previous full stop or the line start
    // (after a paragraph of any length; the sentence itself is short).
    std::size_t b = e;
    const std::size_t stop_at = e - l.begin > 900 ? e - 900 : l.begin;
    while (b > stop_at) {
        std::size_t p = prev_cp(t, b);
        if (at(t, p, "。") || at(t, p, "！") || at(t, p, "；")) break;
        b = p;
    }
    b = skip_ws(t, b, e);
    std::string_view sent = t.substr(b, e - b);
    const bool has_word = sent.find("负责") != std::string_view::npos || sent.find("牵头") != std::string_view::npos ||
                          sent.find("配合") != std::string_view::npos;
    if (at(t, b, "由") && has_word && sent.size() <= 400) return Piece{b + 3, e};
    // A line of its own naming the units: "县农业农村局、县住建局按职责分工负责".
    if (!heading_line && b == skip_ws(t, l.begin, l.end) && sent.size() <= 300 &&
        (ends_at(t, e, "按职责分工负责") || ends_at(t, e, "按照职责分工负责")) &&
        sent.find("，") == std::string_view::npos)
        return Piece{b, e};
    return std::nullopt;
}

std::string task_title(std::string_view text, const Heading& h) {
    std::string_view s = h.title_in(text);
    std::size_t cut = s.size();
    // A responsibility parenthesis after the heading is not part of the title.
    for (std::string_view open : {"（", "("}) {
        std::size_t p = s.find(open);
        if (p == std::string_view::npos) continue;
        std::string_view rest = s.substr(p);
        if (rest.find("牵头") != std::string_view::npos || rest.find("负责") != std::string_view::npos ||
            rest.find("配合") != std::string_view::npos)
            cut = std::min(cut, p);
    }
    for (std::string_view sep : {",", "，", ";", "；", ":", "："}) cut = std::min(cut, s.find(sep));
    std::string out(s.substr(0, cut));
    while (!out.empty() && (ends_at(out, out.size(), "。") || ends_at(out, out.size(), ".")))
        out.resize(out.size() - (out.back() == '.' ? 1 : 3));
    return out;
}

// Task tables ("序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限"), flattened to
// one cell per line or tab-separated rows. Rows are found by their running
// numbers; a task text broken over several lines is joined, the other
// columns are taken from the row's end.
void task_tables(const Document& d, const UnitNamer& namer, Plan& plan, int& n) {
    const std::string_view t = d.text;
    std::vector<Cell> cells;
    auto text_of = [&](Cell c) { return t.substr(c.b, c.e - c.b); };
    auto row_no = [&](Cell c) -> std::optional<int> {
        auto num = number_at(t.substr(0, c.e), c.b);
        if (!num || !num->integral || num->end != c.e || num->value < 1 || num->value > 9999) return std::nullopt;
        return static_cast<int>(num->value);
    };
    auto header_repeat = [&](Cell c) {
        const std::string h = strip_noise(text_of(c));
        return h == "序号" || h == "编号";
    };
    for (std::size_t li = d.content_begin; li < d.content_end; ++li) {
        std::string_view line = t.substr(d.lines[li].begin, d.lines[li].end - d.lines[li].begin);
        // A header cell ("牵头单位" alone), or a tab-separated header row with 序号.
        const bool header_cell = line.size() <= 36 && at(line, 0, "牵头") && line.find(":") == std::string_view::npos &&
                                 line.find("：") == std::string_view::npos;
        const bool header_row = line.size() <= 400 && line.find('\t') != std::string_view::npos &&
                                line.find("牵头") != std::string_view::npos &&
                                line.find("序号") != std::string_view::npos;
        if (!header_cell && !header_row) continue;
        bool numbered = header_row;
        for (std::size_t k = li; !numbered && k-- > d.content_begin && li - k <= 8;) {
            std::string_view prev = t.substr(d.lines[k].begin, d.lines[k].end - d.lines[k].begin);
            numbered = prev == "序号" || prev == "编号";
        }
        if (!numbered) continue;
        cells.clear();
        const std::size_t from = li >= d.content_begin + 8 ? li - 8 : d.content_begin;
        // The window grows as rows are read (doubling), so failed headers cost little.
        std::size_t to = std::min(d.content_end, li + 32);
        for (std::size_t w = from; w < to; ++w) add_cells(t, d.lines[w], cells);
        auto ensure = [&](std::size_t idx) {
            while (idx >= cells.size() && to < d.content_end) {
                const std::size_t more = std::min(d.content_end, to + std::max<std::size_t>(32, to - from));
                for (std::size_t w = to; w < more; ++w) add_cells(t, d.lines[w], cells);
                to = more;
            }
            return idx < cells.size();
        };
        // The header: from 序号 to the first row number.
        std::size_t lead_cell = cells.size();
        for (std::size_t k = 0; k < cells.size() && k < 40; ++k)
            if (text_of(cells[k]).find("牵头") != std::string_view::npos && text_of(cells[k]).size() <= 30) {
                lead_cell = k;
                break;
            }
        if (lead_cell == cells.size()) continue;
        std::size_t start = lead_cell;
        for (std::size_t k = lead_cell; k-- > 0 && lead_cell - k <= 8;)
            if (strip_noise(text_of(cells[k])) == "序号" || strip_noise(text_of(cells[k])) == "编号") start = k;
        if (start == lead_cell) continue;
        std::size_t first_row = lead_cell + 1;
        while (first_row < cells.size() && first_row < lead_cell + 8 && row_no(cells[first_row]) != 1) ++first_row;
        if (first_row >= cells.size() || row_no(cells[first_row]) != 1) continue;
        const std::size_t ncols = first_row - start - 1;  // data columns (without 序号)
        int lead_col = -1, task_col = -1;
        std::vector<int> resp_cols;
        for (std::size_t c = 0; c < ncols; ++c) {
            std::string_view h = text_of(cells[start + 1 + c]);
            if (h.find("牵头") != std::string_view::npos)
                lead_col = static_cast<int>(c);
            else if (h.find("责任") != std::string_view::npos || h.find("配合") != std::string_view::npos ||
                     h.find("参与") != std::string_view::npos || h.find("协办") != std::string_view::npos)
                resp_cols.push_back(static_cast<int>(c));
            else if (task_col < 0 &&
                     (h.find("任务") != std::string_view::npos || h.find("内容") != std::string_view::npos ||
                      h.find("措施") != std::string_view::npos || h.find("事项") != std::string_view::npos ||
                      h.find("工作") != std::string_view::npos))
                task_col = static_cast<int>(c);
        }
        if (lead_col < 0 || ncols < 2) continue;
        if (task_col < 0) task_col = 0;
        int expected = 1;
        std::size_t r = first_row;
        std::size_t last_used = first_row;
        while (ensure(r + 1 + ncols + 31), r < cells.size() && row_no(cells[r]) == expected) {
            std::size_t e = r + 1;
            while (e < cells.size() && e < r + 1 + ncols + 30 &&
                   !(row_no(cells[e]) == expected + 1 && e >= r + 1 + ncols) && !header_repeat(cells[e]))
                ++e;
            // A header repeated after a page break: the next row follows it.
            std::size_t next_row = e;
            if (e < cells.size() && header_repeat(cells[e]))
                while (next_row < cells.size() && next_row < e + ncols + 4 && row_no(cells[next_row]) != expected + 1)
                    ++next_row;
            const bool last = !(next_row < cells.size() && row_no(cells[next_row]) == expected + 1);
            if (last) {
                // The last row runs to the next heading (or a few cells past its columns).
                e = r + 1;
                while (e < cells.size() && e < r + 1 + ncols + 6 && !starts_heading(t, cells[e].b, cells[e].e)) ++e;
            }
            std::vector<Cell> row(cells.begin() + static_cast<std::ptrdiff_t>(r + 1),
                                  cells.begin() + static_cast<std::ptrdiff_t>(e));
            if (row.size() < ncols) break;
            // Extra cells belong to the task text (it wrapped over lines). The
            // last row may be followed by other text: there, the extra is the
            // smallest that puts a unit's name in the lead column.
            std::size_t extra = row.size() - ncols;
            if (last) {
                std::size_t chosen = 0;
                for (std::size_t x = 0; x <= row.size() - ncols; ++x) {
                    std::string_view cell =
                        text_of(row[static_cast<std::size_t>(lead_col) + (lead_col > task_col ? x : 0)]);
                    std::size_t sep = std::min({cell.find("、"), cell.find("，"), cell.find(","), cell.size()});
                    std::string_view first = cell.substr(0, sep);
                    if (department_like(first) || ends_at(first, first.size(), "政府")) {
                        chosen = x;
                        break;
                    }
                }
                extra = chosen;
                row.resize(ncols + extra);
            }
            std::vector<Cell> cols;
            for (std::size_t c = 0; c < ncols; ++c) {
                if (static_cast<int>(c) < task_col)
                    cols.push_back(row[c]);
                else if (static_cast<int>(c) == task_col)
                    cols.push_back(Cell{row[c].b, row[c + extra].e});
                else
                    cols.push_back(row[c + extra]);
            }
            Task task;
            task.number = {std::string(text_of(cells[r]))};
            std::string_view body = text_of(cols[static_cast<std::size_t>(task_col)]);
            std::size_t cut = body.size();
            for (std::string_view sep : {"，", ",", "。", "；", ";", "：", ":"}) cut = std::min(cut, body.find(sep));
            task.title = strip_noise(body.substr(0, cut));
            add_units(t, Piece{cols[static_cast<std::size_t>(lead_col)].b, cols[static_cast<std::size_t>(lead_col)].e},
                      namer, task.lead);
            for (int rc : resp_cols)
                add_units(t, Piece{cols[static_cast<std::size_t>(rc)].b, cols[static_cast<std::size_t>(rc)].e}, namer,
                          task.responsible);
            task.span = make_span(cells[r].b, cols.back().e);
            task.id = "task" + std::to_string(++n);
            plan.tasks.push_back(std::move(task));
            last_used = r + 1 + row.size();
            ++expected;
            if (last) break;
            r = next_row;
        }
        // Continue after the table.
        if (last_used > first_row) {
            const std::size_t last_byte = cells[last_used - 1].e;
            while (li + 1 < to && d.lines[li + 1].begin < last_byte) ++li;
        }
    }
}

}  // namespace

void extract_tasks(const Document& d, Plan& plan) {
    const std::string_view t = d.text;
    UnitNamer namer;
    if (plan.region.name.size() > 3 && plan.region.level != AdminLevel::national)
        namer.place_stem = plan.region.name.substr(0, plan.region.name.size() - 3);
    for (const auto& suffix : {std::string("自治区"), std::string("特别行政区")})
        if (plan.region.name.size() > suffix.size() && plan.region.name.ends_with(suffix))
            namer.place_stem = plan.region.name.substr(0, plan.region.name.size() - suffix.size());

    // First decide which headings are tasks, then build only those (a task
    // copies its text, so building and dropping the rest would double the
    // memory a long document needs).
    struct Candidate {
        std::size_t heading;
        std::size_t last_text;  // last line of the task's own text
        bool assigned;
        bool cut = false;  // by a parenthesis the end of the document cuts off
    };
    // The document's last line with text: where a parenthesis can be cut off.
    std::size_t final_line = d.content_end;
    while (final_line > 0 && d.lines[final_line - 1].end == d.lines[final_line - 1].begin) --final_line;
    --final_line;  // wraps to npos for an empty document: then no line matches
    std::vector<Candidate> candidates;
    std::vector<std::size_t> parenthesis_line(d.headings.size(), static_cast<std::size_t>(-1));
    bool any_assigned = false;
    for (std::size_t k = 0; k < d.headings.size(); ++k) {
        const Heading& h = d.headings[k];
        if (h.style == HeadingStyle::box || h.style == HeadingStyle::chapter || h.style == HeadingStyle::section)
            continue;
        bool assigned = false;
        for (std::size_t i = h.line; i < h.body_end_line && !assigned; ++i)
            assigned = !line_labels(t, d.lines[i], i != h.line).empty();
        // The parenthesis closes the task's last paragraph, or its heading
        // ("（一）加强组织领导（县卫健局牵头，…配合）").
        std::size_t last = std::size_t{h.body_end_line} - 1;
        auto responsibility_at = [&](std::size_t line) {
            auto p = trailing_parenthesis(t, d.lines[line]);
            if (!p) return false;
            std::string_view inside = t.substr(p->b, p->e - p->b);
            return inside.find("牵头") != std::string_view::npos || inside.find("负责") != std::string_view::npos ||
                   inside.find("配合") != std::string_view::npos || inside.find("责任单位") != std::string_view::npos ||
                   inside.find("责任部门") != std::string_view::npos;
        };
        if (!assigned) {
            assigned = responsibility_at(last) || trailing_assignment(t, d.lines[last], last == h.line);
            if (!assigned && last != h.line && responsibility_at(h.line)) {
                assigned = true;
                parenthesis_line[k] = h.line;
            }
        }
        bool cut = false;
        if (!assigned && last == final_line && cut_parenthesis(t, d.lines[last])) assigned = cut = true;
        any_assigned = any_assigned || assigned;
        candidates.push_back(Candidate{k, last, assigned, cut});
    }
    // Without any assignment in the document, the tasks are the leaf items
    // under its task parts (主要任务 / 重点任务 / 保障措施 …).
    auto in_task_part = [&](std::size_t k) {
        const Heading& h = d.headings[k];
        if (h.subtree_end_line != h.body_end_line) return false;  // has children
        for (int p = h.parent; p >= 0; p = d.headings[p].parent) {
            std::string_view title = d.headings[p].title_in(d.text);
            for (std::string_view w : {"任务", "措施", "行动"})
                if (title.find(w) != std::string_view::npos) return true;
        }
        return false;
    };
    std::size_t count = 0;
    for (const Candidate& c : candidates) count += any_assigned ? c.assigned : in_task_part(c.heading);
    plan.tasks.reserve(plan.tasks.size() + count);
    int n = 0;
    for (const Candidate& c : candidates) {
        if (any_assigned ? !c.assigned : !in_task_part(c.heading)) continue;
        const Heading& h = d.headings[c.heading];
        Task task;
        bool parsed = false;
        for (std::size_t i = h.line; i < h.body_end_line; ++i) {
            std::vector<LineLabel> labels = line_labels(t, d.lines[i], i != h.line);
            // "牵头单位:" with the units on the next line.
            if (!labels.empty() && labels.back().value.e <= labels.back().value.b && i + 1 < h.body_end_line &&
                line_labels(t, d.lines[i + 1], true).empty()) {
                ++i;
                labels.back().value = Piece{d.lines[i].begin, d.lines[i].end};
            }
            for (auto [role, value] : labels) {
                if (role == Role::lead)
                    add_units(t, value, namer, task.lead), parsed = true;
                else if (role == Role::responsible) {
                    // "县卫生健康局、县文体旅游局（牵头），县教育局": the mark after a
                    // 、 group makes every unit of the group a lead.
                    for (Piece g : split_top(t, value.b, value.e, false)) {
                        Piece u = g;
                        trim(t, u.b, u.e);
                        if (strip_suffix(t, u, "（牵头）") || strip_suffix(t, u, "(牵头)"))
                            add_units(t, u, namer, task.lead);
                        else
                            add_units(t, g, namer, task.responsible);
                    }
                    parsed = true;
                }
            }
        }
        if (!parsed && c.cut) {
            // Read what it names; the rest of the list is lost, so the reading is uncertain.
            const Piece inside = *cut_parenthesis(t, d.lines[c.last_text]);
            parse_parenthesis(t, inside.b, inside.e, namer, task);
            task.certainty = Certainty::uncertain;
        } else if (!parsed && c.assigned) {
            const std::size_t line =
                parenthesis_line[c.heading] != static_cast<std::size_t>(-1) ? parenthesis_line[c.heading] : c.last_text;
            if (auto p = trailing_parenthesis(t, d.lines[line]))
                parse_parenthesis(t, p->b, p->e, namer, task);
            else if (auto a = trailing_assignment(t, d.lines[line], line == h.line))
                parse_parenthesis(t, a->b, a->e, namer, task);
        }
        // "责任单位：市卫健委（牵头）、市教育局": a lead marked inside a list.
        for (auto it = task.responsible.begin(); it != task.responsible.end();) {
            bool marked = false;
            for (std::string_view m : {"(牵头)", "（牵头）", "牵头"})
                if (it->name.size() > m.size() && it->name.ends_with(m)) {
                    it->name.resize(it->name.size() - m.size());
                    marked = true;
                    break;
                }
            if (marked) {
                task.lead.push_back(std::move(*it));
                it = task.responsible.erase(it);
            } else {
                ++it;
            }
        }
        task.id = "task" + std::to_string(++n);
        task.number = label_path(d, static_cast<int>(c.heading));
        task.title = task_title(t, h);
        task.span = make_span(d.lines[h.line].begin, d.lines[c.last_text].end);
        plan.tasks.push_back(std::move(task));
    }
    // Task tables: when the headings carry no assignment, the table's rows
    // are the tasks (not the heading the table sits under).
    Plan table_plan;
    int m = n;
    task_tables(d, namer, table_plan, m);
    if (!table_plan.tasks.empty()) {
        if (!any_assigned) {
            plan.tasks.clear();
            m = 0;
            table_plan.tasks.clear();
            task_tables(d, namer, table_plan, m);
        }
        for (auto& k : table_plan.tasks) plan.tasks.push_back(std::move(k));
    }
}

void link_units(const Document&, Plan& plan) {
    std::vector<const Task*> by_begin;
    for (const auto& k : plan.tasks)
        if (k.span && (!k.lead.empty() || !k.responsible.empty())) by_begin.push_back(&k);
    std::sort(by_begin.begin(), by_begin.end(),
              [](const Task* a, const Task* b) { return a->span->begin < b->span->begin; });
    std::vector<std::pair<std::string_view, const Task*>> by_id;
    for (const auto& k : plan.tasks) by_id.emplace_back(k.id, &k);
    std::sort(by_id.begin(), by_id.end());
    for (auto& tg : plan.targets) {
        if (!tg.lead.empty() || !tg.responsible.empty()) continue;
        const Task* task = nullptr;
        if (!tg.task_id.empty()) {
            auto it = std::lower_bound(by_id.begin(), by_id.end(),
                                       std::make_pair(std::string_view(tg.task_id), static_cast<const Task*>(nullptr)));
            if (it != by_id.end() && it->first == tg.task_id) task = it->second;
        }
        if (!task && tg.span) {
            // The innermost task whose span holds the target's (a table row).
            auto it = std::upper_bound(by_begin.begin(), by_begin.end(), tg.span->begin,
                                       [](std::size_t v, const Task* k) { return v < k->span->begin; });
            while (it != by_begin.begin()) {
                --it;
                if ((*it)->span->end >= tg.span->end) {
                    task = *it;
                    break;
                }
                if (tg.span->begin - (*it)->span->begin > 4096) break;
            }
        }
        if (!task) continue;
        tg.lead = task->lead;
        tg.responsible = task->responsible;
    }
}

}  // namespace healthplan::v0::detail::extract
