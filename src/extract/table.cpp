// Indicator tables laid out one cell per line, as web pages flatten them:
//
//   2020年 / 2025年 / 指标性质          header: baseline year, target year, nature
//   健康水平                            a category (optional)
//   1 / 人均期望寿命(岁) / 77.34 / 78.05 / 预期
//   5 / 重大慢性疾病过早死亡率(%) / 18.17 / 比基期降低10% / 预期
//
// Rows are found by their running numbers (1, 2, 3 …), so a value that
// happens to be a small integer ("10") is never taken for a row.
#include <algorithm>
#include <array>
#include <deque>
#include <utility>

#include "extract/document.hpp"
#include "extract/grammar.hpp"
#include "extract/scan.hpp"
#include "extract/targets.hpp"

namespace healthplan::v0::detail::extract {
namespace {

std::string_view cell_text(std::string_view t, Cell c) { return t.substr(c.b, c.e - c.b); }

// A line that is only a positive integer: a row number.
std::optional<int> row_number(std::string_view t, Cell c) {
    auto n = number_at(t.substr(0, c.e), c.b);
    if (!n || !n->integral || n->end != c.e || n->value < 1 || n->value > 99999) return std::nullopt;
    return static_cast<int>(n->value);
}

std::optional<int> year_cell(std::string_view t, Cell c) {
    auto n = number_at(t.substr(0, c.e), c.b);
    if (!n || n->digits != 4 || n->value < 1949 || n->value > 2100) return std::nullopt;
    std::string_view rest = t.substr(n->end, c.e - n->end);
    if (!at(rest, 0, "年")) return std::nullopt;
    if (rest.size() > 3 + 24) return std::nullopt;  // "2025年(目标值)" at most
    return static_cast<int>(n->value);
}

// A year written inside a header cell after a word: "基期水平（2019年）".
std::optional<int> year_inside(std::string_view t, Cell c) {
    for (std::size_t i = c.b; i + 4 < c.e; ++i) {
        if (!is_digit_at(t, i) || (i > c.b && is_digit_at(t, i - 1))) continue;
        if (auto n = number_at(t.substr(0, c.e), i);
            n && n->digits == 4 && at(t, n->end, "年") && n->value >= 1949 && n->value <= 2100) {
            return static_cast<int>(n->value);
        }
    }
    return std::nullopt;
}

Nature nature_cell(std::string_view s) {
    // Asked of every cell of a row: stripped into a small buffer, no string, and a
    // cell opening with a byte none of the words opens with is answered at once.
    if (!may_strip_to(s, {"预", "约", "倡"})) return Nature::unspecified;
    std::array<char, 12> buf;
    std::size_t len = 0;
    if (!strip_noise_into(s, buf, len)) return Nature::unspecified;
    const std::string_view clean(buf.data(), len);
    if (clean == "预期" || clean == "预期性") return Nature::expected;
    if (clean == "约束" || clean == "约束性") return Nature::binding;
    if (clean == "倡导" || clean == "倡导性") return Nature::advocacy;
    return Nature::unspecified;
}

// Unit::try_parse (a pure function of the text), remembered for the last few
// texts asked: a table asks it of every row's unit cell or parenthesis, and its
// rows share a handful of units (each parse compares the text with every known
// spelling and builds the unit's strings).
std::optional<Unit> parse_unit(std::string_view text) {
    struct Entry {
        bool filled = false;
        std::string text;
        std::optional<Unit> unit;
    };
    thread_local std::array<Entry, 8> memo;
    thread_local std::size_t next = 0;
    for (const Entry& m : memo)
        if (m.filled && m.text == text) return m.unit;
    Entry& m = memo[next];
    next = (next + 1) % memo.size();
    m.filled = true;
    m.text.assign(text);
    m.unit = Unit::try_parse(text);
    return m.unit;
}

// The comparators and placeholders a value cell may open with.
constexpr std::string_view value_marks[] = {"≥", "≤", ">", "<", "＞", "＜", "≧",  "≦",
                                            "+", "-", "—", "/", "／", "无", "——", "--"};
// Whether a mark of value_marks opens with this byte.
bool value_mark_lead(unsigned char c) {
    static const std::array<bool, 256> leads = [] {
        std::array<bool, 256> a{};
        for (std::string_view m : value_marks) a[static_cast<unsigned char>(m[0])] = true;
        return a;
    }();
    return leads[c];
}

// A value cell, or a placeholder for a missing value ("—", "/", "无"):
// neither is glued to a neighbouring text fragment.
bool value_like(std::string_view s) {
    std::size_t i = skip_ws(s, 0, s.size());
    // Asked of every cell of every row: a first byte that opens none of the
    // marks (most cells: a digit or an ideograph) skips their 16 compares.
    if (i < s.size() && value_mark_lead(static_cast<unsigned char>(s[i])))
        for (std::string_view c : value_marks)
            if (at(s, i, c)) return true;
    return is_digit_at(s, i);
}

// A row's name cell: not a value, or a name that opens with a number
// ("5岁以下儿童死亡率（‰）", "65岁及以上老年人…"): two ideographs or more after it.
bool name_like(std::string_view s) {
    if (!value_like(s)) return !s.empty();
    if (!is_digit_at(s, skip_ws(s, 0, s.size()))) return false;
    int ideographs = 0;  // U+4E00–U+9FFF: three bytes led by 0xE4–0xE9
    for (unsigned char c : s) ideographs += c >= 0xE4 && c <= 0xE9;
    return ideographs >= 2;
}

// Reads a target cell into `t`. Returns false when the cell states nothing measurable.
bool read_target_cell(std::string_view text, Cell c, Target& t) {
    std::string_view s = text.substr(0, c.e);
    std::size_t i = skip_ws(s, c.b, c.e);
    struct Sym {
        std::string_view text;
        Comparator op;
    };
    static constexpr Sym symbols[] = {{"≥", Comparator::ge},  {"≧", Comparator::ge},      {">=", Comparator::ge},
                                      {"≤", Comparator::le},  {"≦", Comparator::le},      {"<=", Comparator::le},
                                      {">", Comparator::gt},  {"＞", Comparator::gt},     {"<", Comparator::lt},
                                      {"＜", Comparator::lt}, {"约", Comparator::approx}, {"~", Comparator::approx}};
    std::optional<Comparator> op;
    for (const auto& sym : symbols)
        if (at(s, i, sym.text)) {
            op = sym.op;
            i = skip_ws(s, i + sym.text.size(), c.e);
            break;
        }
    if (auto v = value_at(s, i, c.e); v && skip_ws(s, v->end, c.e) == c.e) {
        t.kind = TargetKind::level;
        t.value = v->value;
        t.comparator = op ? *op : (v->suffix ? *v->suffix : Comparator::eq);
        if (!v->unit_text.empty()) t.unit = v->unit, t.unit_text = v->unit_text;
        return true;
    }
    // Words: "比基期降低10%", "高于自治区平均水平", "达到国家平均水平".
    std::string_view cell = s.substr(i, c.e - i);
    for (const auto& verb : all_verbs()) {
        std::size_t p = cell.find(verb.text);
        if (p == std::string_view::npos) continue;
        std::size_t r = i + p + verb.text.size();
        if (auto v = value_at(s, r, c.e)) {
            t.value = v->value;
            if (!v->unit_text.empty()) t.unit = v->unit, t.unit_text = v->unit_text;
            if (verb.kind == VerbKind::level) {
                t.kind = TargetKind::level;
                t.comparator = v->suffix && !verb.strict ? *v->suffix : verb.op;
            } else if (std::string_view before = cell.substr(0, p);
                       before.find("每年") != std::string_view::npos || before.find("年均") != std::string_view::npos) {
                // "每年提升2%左右": a rate per year, not a change against a reference.
                t.kind = TargetKind::rate;
                t.comparator = verb.op;
            } else {
                t.kind = TargetKind::change;
                t.comparator = verb.op;
                Reference ref;
                if (before.find("基期") != std::string_view::npos)
                    ref.label = "基期";
                else if (auto y = number_at(before, before.find_first_of("0123456789") == std::string_view::npos
                                                        ? before.size()
                                                        : before.find_first_of("0123456789"));
                         y && y->digits == 4) {
                    ref.year = static_cast<int>(y->value);
                    ref.label = std::to_string(*ref.year) + "年";
                } else {
                    ref.label = std::string(before);
                }
                if (t.unit == Unit::percentage_point()) ref.mode = ChangeMode::points;
                t.reference = ref;
            }
            return true;
        }
        std::size_t bend = benchmark_phrase_at(s, r, c.e);
        if (bend != r && verb.kind == VerbKind::level) {
            t.kind = TargetKind::benchmark;
            t.comparator = verb.op;
            t.benchmark = strip_noise(s.substr(r, bend - r));
            return true;
        }
    }
    // Direction only: "持续下降", "逐步提高", "明显改善".
    for (const auto& tv : trend_verbs) {
        if (cell.find(tv.text) == std::string_view::npos || is_digit_at(s, i)) continue;
        int dir = tv.direction;
        if (dir == 0) dir = improve_direction(t.indicator);  // the same rule as running text
        t.kind = TargetKind::trend;
        t.comparator = dir < 0 ? Comparator::decrease : Comparator::increase;
        t.value.reset();
        return true;
    }
    for (std::string_view w : better_than_words) {  // the same words as running text
        std::size_t p = cell.find(w);
        if (p == std::string_view::npos) continue;
        std::size_t r = i + p + w.size();
        std::size_t bend = benchmark_phrase_at(s, r, c.e);
        if (bend != r) {
            t.kind = TargetKind::benchmark;
            t.comparator = Comparator::gt;
            t.benchmark = strip_noise(s.substr(r, bend - r));
            return true;
        }
    }
    return false;
}

}  // namespace

// Appends the cells of one line: the line itself, or its fields when a
// table row was flattened with tabs or runs of spaces ("1\t人均预期寿命(岁)\t77.3").
void add_cells(std::string_view t, const Line& l, std::vector<Cell>& out) {
    std::string_view line = t.substr(l.begin, l.end - l.begin);
    const bool fielded =
        line.size() <= 400 && (line.find('\t') != std::string_view::npos || line.find("  ") != std::string_view::npos ||
                               line.find("\u3000") != std::string_view::npos);
    if (!fielded) {
        out.push_back(Cell{l.begin, l.end});
        return;
    }
    std::size_t i = l.begin;
    while (i < l.end) {
        std::size_t b = i, e = i;
        // A field ends at a tab, an ideographic space or two spaces in a row.
        // (The ideographic space tested only after its lead byte E3: this loop reads every byte of a table.)
        while (e < l.end && t[e] != '\t' && !(t[e] == '\xE3' && at(t, e, "\u3000")) &&
               !(t[e] == ' ' && e + 1 < l.end && t[e + 1] == ' '))
            e += u8len(static_cast<unsigned char>(t[e]));
        std::size_t fb = b, fe = e;
        trim(t, fb, fe);
        if (fe > fb) out.push_back(Cell{fb, fe});
        i = skip_ws(t, e, l.end);
        if (i == e) i = e + 1;
    }
}

namespace {

std::size_t parse_table(std::string_view t, const std::vector<Cell>& cells, std::size_t k, int first_plan_year,
                        std::deque<Target>* out);
std::size_t parse_unnumbered(std::string_view t, const std::vector<Cell>& cells, std::size_t k, int first_plan_year,
                             std::deque<Target>* out);

std::size_t parse_line_rows(std::string_view t, const std::vector<Cell>& cells, std::size_t k, int first_plan_year,
                            std::deque<Target>* out);

// Whether cells a and b (a before b) stand on one line of the text.
bool same_line(std::string_view t, Cell a, Cell b) {
    return t.substr(a.e, b.b - a.e).find('\n') == std::string_view::npos;
}

// A header row of fields naming year columns, the layout HTML, Word and PDF
// tables take in text (one row per line, cells split by tabs): "指标\t单位\t2020年\t2025年".
// Its rows need neither running numbers nor a nature column: each line is a row.
bool year_header_line(std::string_view t, const Line& l) {
    if (l.end - l.begin > 400) return false;
    std::vector<Cell> fields;
    add_cells(t, l, fields);
    if (fields.size() < 2) return false;
    // The corner cell names the name column ("指标") or is blank ("-" from a reader, "/").
    const std::string corner = strip_noise(cell_text(t, fields[0]));
    const bool blank_corner = corner == "-" || corner == "—" || corner == "/" || corner == "／";
    if (!blank_corner && (value_like(cell_text(t, fields[0])) || year_cell(t, fields[0]))) return false;
    for (std::size_t f = 1; f < fields.size(); ++f)
        if (year_cell(t, fields[f]) || (fields[f].e - fields[f].b <= 48 && year_inside(t, fields[f]))) return true;
    return false;
}

// A header naming the nature column, alone on its line or in a tab row.
bool nature_header_line(std::string_view t, const Line& l) {
    std::string_view line = t.substr(l.begin, l.end - l.begin);
    if (line.size() > 400) return false;
    const std::string clean = line.size() <= 30 ? strip_noise(line) : std::string();
    if (clean == "指标性质" || clean == "属性" || clean == "指标属性" || clean == "性质" || clean == "指标类型")
        return true;
    return line.find('\t') != std::string_view::npos &&
           (line.find("性质") != std::string_view::npos || line.find("属性") != std::string_view::npos) &&
           line.find("年") != std::string_view::npos;
}

// A line that may open a table: "1" alone, or "1" and a separator.
bool row_one_line(std::string_view t, const Line& l) {
    std::string_view line = t.substr(l.begin, l.end - l.begin);
    if (line == "1") return true;
    return line.size() > 2 && line[0] == '1' && (line[1] == '\t' || line[1] == ' ' || at(line, 1, "\u3000"));
}

}  // namespace

void extract_tables(const Document& d, int first_plan_year, std::deque<Target>& out,
                    std::vector<std::pair<std::size_t, std::size_t>>* covered) {
    const std::string_view t = d.text;
    // Tables are read from a window of cells around each line that may open
    // one, so the cell list never grows with the document.
    // The window starts small and doubles while the table runs on, so a
    // text full of lines "1" costs a few cells per line, not thousands.
    std::vector<Cell> cells;
    for (std::size_t li = d.content_begin; li < d.content_end; ++li) {
        const bool numbered = row_one_line(t, d.lines[li]);
        bool unnumbered = !numbered && nature_header_line(t, d.lines[li]);
        bool line_rows = !numbered && !unnumbered && year_header_line(t, d.lines[li]);
        // A numbered table's header: its rows are read from their row numbers.
        // A "1" after the first row's values is a value ("年均增长(%)" / "1").
        for (std::size_t a = li + 1; (unnumbered || line_rows) && a < d.content_end && a <= li + 6; ++a) {
            if (row_one_line(t, d.lines[a])) {
                unnumbered = line_rows = false;
            } else if (const std::string_view l = t.substr(d.lines[a].begin, d.lines[a].end - d.lines[a].begin);
                       !l.empty() && value_like(l)) {
                break;
            }
        }
        if (!numbered && !unnumbered && !line_rows) continue;
        // The header: up to 12 lines with text above (blank lines between cells
        // do not count); a header row of fields is its own line.
        std::size_t from = li;
        for (int with_text = 0; !line_rows && from > d.content_begin && with_text < 12 && li - from < 48; --from)
            if (d.lines[from - 1].end > d.lines[from - 1].begin) ++with_text;
        std::size_t span = 32, k = 0, table_end = 0, to = 0;
        const std::size_t mark = out.size();
        auto parse = [&](std::deque<Target>* rows) {
            return numbered    ? parse_table(t, cells, k, first_plan_year, rows)
                   : line_rows ? parse_line_rows(t, cells, k, first_plan_year, rows)
                               : parse_unnumbered(t, cells, k, first_plan_year, rows);
        };
        // The first window reads its rows into `out`. Once the table has run past a
        // window, the larger windows only look for its end (a parser's end never
        // depends on the rows it read), and the rows are read once, from the last
        // window: a long table's rows were read again at every doubling (2.9 times
        // each in the table-only document).
        bool ends_only = false;
        for (;;) {
            cells.clear();
            to = std::min(d.content_end, li + span);
            for (std::size_t w = from; w < to; ++w) {
                if (w == li) k = cells.size();
                add_cells(t, d.lines[w], cells);
                if (w == li && (unnumbered || line_rows)) k = cells.size();  // rows start after the header line
            }
            table_end = parse(ends_only ? nullptr : &out);
            // The table may go on past the window: read again with a larger one.
            if (to < d.content_end && table_end + 24 >= cells.size() && table_end > k) {
                span *= 2;
                if (!ends_only) {
                    // Rows read straight into `out`, never into a scratch copy, are
                    // dropped when the window is read again.
                    while (out.size() > mark) out.pop_back();
                    ends_only = true;
                }
                continue;
            }
            break;
        }
        if (ends_only) parse(&out);
        // Continue after the table's last line.
        if (table_end > k) {
            const std::size_t last_byte = cells[table_end - 1].e;
            if (covered) covered->emplace_back(cells[k].b, last_byte);
            while (li + 1 < to && d.lines[li + 1].begin < last_byte) ++li;
        }
    }
}

namespace {

struct Column {
    std::optional<int> year;
    int role = 0;  // -1 baseline, +1 target, 0 not yet known, +2 annual growth ("年均增长(%)")
};

// "年均增长(%)", "年均增速": a column of the growth per year the plan expects
// between the baseline and the target year (十二五 and 十三五 tables).
bool growth_header(std::string_view c) {
    return c.size() <= 30 &&
           (c.find("年均增长") != std::string_view::npos || c.find("年均增速") != std::string_view::npos);
}

struct Header {
    std::vector<Column> columns;
    bool nature_column = false;
    std::optional<std::size_t> base_col;
    // Columns after the values that name units or remarks (牵头单位, 责任单位,
    // 配合单位, 备注): cut off a row before its values are read.
    std::size_t trailing = 0;
    bool unit_column = false;  // "单位": a unit cell of its own in each row
    // Cells from "序号" to the first row: a row's width when every row has every cell.
    std::size_t width = 0;
};

// Whether cell c opens its line: a row number of a tab row stands first on the
// line, so a bare value inside a row ("2\t婴儿死亡率\t‰\t3\t≤4.5") is never one.
bool opens_line(std::string_view t, Cell c) {
    std::size_t i = c.b;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t')) --i;
    return i == 0 || t[i - 1] == '\n' || t[i - 1] == '\r';
}

bool unit_header(std::string_view c) {
    if (c.size() > 24) return false;
    for (std::string_view w : {"牵头", "责任单位", "配合", "参与单位", "备注", "完成时限", "责任部门"})
        if (c.find(w) != std::string_view::npos) return true;
    return false;
}

bool header_repeat(std::string_view t, Cell c) {
    const std::string_view h = cell_text(t, c);
    return stripped_is(h, {"序号", "编号"});
}

// The header before cell k: the value columns ("2020年" / "2025年", or
// "基期水平" / "2022年" / "2030年") and whether a nature column follows.
Header read_header(std::string_view t, const std::vector<Cell>& cells, std::size_t k, int first_plan_year) {
    Header hd;
    std::vector<Column>& columns = hd.columns;
    std::size_t header_begin = k;
    for (std::size_t h = k; h-- > 0 && k - h <= 12;) {
        std::string_view c = cell_text(t, cells[h]);
        if (c.find("专栏") != std::string_view::npos) break;
        header_begin = h;
        // "序号" opens the header: the title line above it ("…(2024-2027年)主要目标任务") is not a column.
        if (header_repeat(t, cells[h])) {
            hd.width = k - h;
            break;
        }
    }
    for (std::size_t h = header_begin; h < k; ++h) {
        std::string_view c = cell_text(t, cells[h]);
        // A heading above the table ("一、发展目标") is not a column: its 目标 names none.
        if (starts_heading(t, cells[h].b, cells[h].e)) continue;
        const bool base_word = c.find("基期") != std::string_view::npos || c.find("基线") != std::string_view::npos ||
                               c.find("现状") != std::string_view::npos || c.find("基数") != std::string_view::npos ||
                               c.find("现值") != std::string_view::npos;
        std::optional<int> y = year_cell(t, cells[h]);
        // "基期水平（2019年）", "基期（2020年）": the year sits inside a short header cell.
        if (!y && c.size() <= 48) y = year_inside(t, cells[h]);
        if (growth_header(c)) {
            columns.push_back(Column{std::nullopt, 2});
        } else if (y) {
            columns.push_back(Column{*y, base_word ? -1 : (c.find("目标") != std::string_view::npos ? 1 : 0)});
        } else if (c.find("性质") != std::string_view::npos || c.find("属性") != std::string_view::npos) {
            hd.nature_column = true;
        } else if (stripped_is(c, {"单位", "计量单位"})) {
            hd.unit_column = true;
        } else if (unit_header(c)) {
            if (!columns.empty()) ++hd.trailing;
        } else if (c.size() <= 24 && base_word) {
            columns.push_back(Column{std::nullopt, -1});
        } else if (c.size() <= 24 && c.find("目标") != std::string_view::npos) {
            columns.push_back(Column{std::nullopt, 1});
        }
    }
    // A year before the plan starts is the baseline ("2020年" in a 2021–2025 plan).
    // With no plan year known, the first of several year columns is, when it is
    // the earliest: plans set the current value before the targets
    // ("2020年 / 2025年 / 2030年"); "基期" / "目标" words decide before this.
    // The columns with years (a growth column has none and takes no part).
    const auto dated = static_cast<std::size_t>(
        std::count_if(columns.begin(), columns.end(), [](const Column& col) { return col.role != 2; }));
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].role != 0) continue;
        const bool before_plan = first_plan_year && columns[c].year && *columns[c].year < first_plan_year;
        bool first_earliest = !first_plan_year && c == 0 && columns.size() >= 2 && dated >= 2;
        for (std::size_t o = 1; first_earliest && o < columns.size(); ++o)
            if (columns[o].role != 2)
                first_earliest =
                    dated == 2 || (columns[0].year && columns[o].year && *columns[o].year > *columns[0].year);
        columns[c].role = before_plan || first_earliest ? -1 : 1;
    }
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (columns[c].role < 0 && !hd.base_col) hd.base_col = c;
    return hd;
}

// A category column before the names ("序号 / 领域 / 指标 / 单位 / 2020年 / 2025年", a
// merged cell repeated in every row of an HTML or Word table): in a row of fields
// wider than its `values_end` cells (name, unit, values), a name cell followed on its
// line by another name cell is the category. (Cells of separate lines may be one
// name wrapped, so they stay.)
void drop_category(std::string_view t, std::vector<Cell>& row, std::size_t values_end) {
    while (row.size() > values_end && row.size() >= 3 && same_line(t, row[0], row[1]) &&
           !value_like(cell_text(t, row[0])) && name_like(cell_text(t, row[1])) && !parse_unit(cell_text(t, row[1])) &&
           nature_cell(cell_text(t, row[1])) == Nature::unspecified)
        row.erase(row.begin());
}

// The annual-growth cell of a row: a rate target ("年均增长(%)" / "8": the
// indicator grows 8% a year up to the target year); "—" states none.
void read_growth_cell(std::string_view t, std::size_t row_begin, Cell c, const Target& proto, std::optional<int> year,
                      std::deque<Target>& out) {
    const std::size_t b = skip_ws(t, c.b, c.e);
    const auto v = value_at(t, b, c.e);
    if (!v || skip_ws(t, v->end, c.e) != c.e) return;
    Target tg = proto;
    tg.kind = TargetKind::rate;
    tg.year = year;
    tg.baseline.reset();                   // the row's baseline is its level's; a rate states only its growth
    tg.comparator = Comparator::increase;  // value_at reads no sign: a "-1" cell is no value, so no target
    tg.value = v->value;
    tg.unit = *Unit::try_parse("%");
    tg.unit_text = "%";
    tg.note = "per year: the table's annual-growth column";
    tg.span = make_span(row_begin, c.e);
    out.push_back(std::move(tg));
}

// One row (name cell first, nature cell already cut off) into targets.
void read_row(std::string_view t, std::vector<Cell> row, Nature nature, const Header& header, std::deque<Target>& out) {
    const auto& columns = header.columns;
    const auto& base_col = header.base_col;
    drop_category(t, row, 1 + (header.unit_column ? 1 : 0) + columns.size());
    // Name and unit: "人均期望寿命(岁)".
    Cell name = row[0];
    std::string unit_text;
    Unit unit;
    {
        std::string_view nm = cell_text(t, name);
        std::size_t cl = 0;
        std::size_t close = prev_cp(nm, nm.size());
        if (is_close_paren(nm, close, &cl)) {
            std::size_t open = nm.rfind("(");
            std::size_t open_fw = nm.rfind("（");
            std::size_t o = open == std::string_view::npos      ? open_fw
                            : open_fw == std::string_view::npos ? open
                                                                : std::max(open, open_fw);
            if (o != std::string_view::npos) {
                std::size_t ol = at(nm, o, "(") ? 1 : 3;
                std::string_view u = nm.substr(o + ol, close - o - ol);
                if (auto parsed = parse_unit(u); parsed && !u.empty()) {
                    unit = *parsed;
                    unit_text = std::string(u);
                    name.e = name.b + o;
                }
            }
        }
    }
    // A unit column of its own: "人均预期寿命 / 岁 / 77.3 / 78".
    std::size_t first_middle = 1;
    // "1/10万" starts with a digit but is a unit, not a value.
    if (row.size() >= 3 && (!value_like(cell_text(t, row[1])) || at(cell_text(t, row[1]), 0, "1/") ||
                            (at(cell_text(t, row[1]), 0, "/") && cell_text(t, row[1]).size() > 1))) {
        std::string_view u = cell_text(t, row[1]);
        if (auto parsed = parse_unit(u); parsed && !u.empty() && u.size() <= 24) {
            unit = *parsed;
            unit_text = std::string(u);
            first_middle = 2;
        }
    }
    // Middle cells: glue text fragments a line break split ("达到国家" / "平均水平").
    // Only when the row has more cells than columns: two cells that each say
    // "持续改善" under two year columns are two cells.
    std::vector<Cell> middle(row.begin() + static_cast<std::ptrdiff_t>(std::min(first_middle, row.size())), row.end());
    for (std::size_t c = 1; c < middle.size() && (columns.empty() || middle.size() > columns.size());) {
        // Only a line break splits a cell: fields of one tab row ("明显下降\t持续下降") stay apart.
        const bool line_break =
            t.substr(middle[c - 1].e, middle[c].b - middle[c - 1].e).find('\n') != std::string_view::npos;
        if (line_break && !value_like(cell_text(t, middle[c])) && !value_like(cell_text(t, middle[c - 1]))) {
            middle[c - 1].e = middle[c].e;
            middle.erase(middle.begin() + static_cast<std::ptrdiff_t>(c));
        } else {
            ++c;
        }
    }
    Target proto;
    proto.indicator = strip_noise(cell_text(t, name));
    proto.nature = nature;
    proto.unit = unit;
    proto.unit_text = unit_text;
    // Map the value cells onto the header's columns.
    std::vector<std::pair<Cell, std::optional<int>>> target_cells;  // cell, year
    std::optional<Cell> base_cell;
    std::optional<int> base_year;
    std::optional<Cell> growth_cell;
    if (!columns.empty() && middle.size() == columns.size()) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (base_col && c == *base_col)
                base_cell = middle[c], base_year = columns[c].year;
            else if (columns[c].role == 1)
                target_cells.emplace_back(middle[c], columns[c].year);
            else if (columns[c].role == 2)
                growth_cell = middle[c];
        }
    } else if (const std::size_t targets = static_cast<std::size_t>(
                   std::count_if(columns.begin(), columns.end(), [](const Column& col) { return col.role == 1; }));
               base_col && targets >= 2 && !middle.empty() && middle.size() <= targets) {
        // Fewer cells than a baseline and the target columns (the national table's
        // "90 / 100" under 基期水平 / 2022年 / 2030年, or "2002—2012年…约5.3% / 持续减缓"):
        // a cell that dates itself is the baseline's; the cells left are the target
        // columns' in order, and one cell left spans them all (a merged cell).
        std::size_t first = 0;
        if (year_inside(t, middle[0]) && middle.size() >= 2) {
            base_cell = middle[0];
            base_year = columns[*base_col].year;
            first = 1;
        }
        const std::size_t left = middle.size() - first;
        std::size_t m = first;
        for (const auto& col : columns) {
            if (col.role != 1) continue;
            target_cells.emplace_back(middle[left == 1 ? first : m], col.year);
            if (left != 1 && ++m == middle.size()) break;
        }
        // Which column a cell stands under is read from the count, not the layout.
        if (left != 1 || first == 0) {
            proto.certainty = Certainty::uncertain;
            proto.note = "fewer cells than columns in this row; the cells are read as the target columns'";
        }
    } else {
        // Fewer or more cells than columns: the last cell is the last target column's.
        std::optional<int> last_year;
        for (const auto& col : columns)
            if (col.role == 1) last_year = col.year;
        if (middle.size() >= 2) {
            base_cell = middle.front();
            if (base_col) base_year = columns[*base_col].year;
        }
        target_cells.emplace_back(middle.back(), last_year);
        if (!columns.empty() || middle.size() > 2) {
            proto.certainty = Certainty::uncertain;
            proto.note = middle.size() < columns.size()
                             ? "fewer cells than columns in this row; the value is read as the target"
                             : "cells and columns of this row do not line up";
        }
    }
    if (base_cell)
        if (auto b = value_at(t, skip_ws(t, base_cell->b, base_cell->e), base_cell->e)) {
            const std::size_t after = skip_ws(t, b->end, base_cell->e);
            if (after == base_cell->e) {
                proto.baseline = Baseline{base_year, b->value};
            } else if (std::size_t open = 0; is_open_paren(t, after, &open)) {
                // "78.2(2021年)": the baseline's own year; "35(邵阳市)": a qualifier.
                const Cell inside{after + open, base_cell->e};
                proto.baseline = Baseline{year_inside(t, inside).value_or(base_year.value_or(0)), b->value};
                if (proto.baseline->year == 0) proto.baseline->year.reset();
            }
        }
    for (const auto& [tc, year] : target_cells) {
        Target tg = proto;
        tg.year = year;
        if (read_target_cell(t, tc, tg) && !tg.indicator.empty()) {
            // "提高10%" in a table row: the reference is the row's baseline.
            if (tg.reference && tg.reference->label.empty()) {
                if (base_year) {
                    tg.reference->year = base_year;
                    tg.reference->label = std::to_string(*base_year) + "年";
                } else {
                    tg.reference->label = "基期";
                }
            }
            if (tg.kind == TargetKind::benchmark || tg.kind == TargetKind::trend) {
                tg.unit = Unit();
                tg.unit_text.clear();
            } else if (tg.unit_text.empty()) {
                tg.unit = proto.unit;
                tg.unit_text = proto.unit_text;
            }
            tg.span = make_span(row[0].b, tc.e);
            out.push_back(std::move(tg));
        }
    }
    if (growth_cell && !target_cells.empty())
        read_growth_cell(t, row[0].b, *growth_cell, proto, target_cells.back().second, out);
}

std::size_t parse_table(std::string_view t, const std::vector<Cell>& cells, std::size_t k, int first_plan_year,
                        std::deque<Target>* out) {
    {
        // A table starts with row 1 and has row 2 within a few cells.
        auto first = row_number(t, cells[k]);
        if (!first || *first != 1) return k;
        std::size_t probe = k + 1;
        bool has_two = false;
        for (; probe < cells.size() && probe < k + 10; ++probe)
            if (auto n = row_number(t, cells[probe]); n && *n == 2) {
                has_two = true;
                break;
            }
        if (!has_two) return k;
        const Header header = read_header(t, cells, k, first_plan_year);
        const auto& columns = header.columns;
        const bool nature_column = header.nature_column;

        int expected = 1;
        std::size_t r = k;
        while (r < cells.size()) {
            auto n = row_number(t, cells[r]);
            if (!n || *n != expected) break;
            // The row's cells run to the next row number (or a heading-like end):
            // where the header's width puts it when that cell is the next number,
            // else the first next number that opens its line, so a value equal to
            // it ("3" under 2020年 in row 2) is not taken for it.
            std::size_t e = r + 1;
            std::size_t stop = std::min(cells.size(), r + 12);
            if (const std::size_t w = header.width; w > 2 && r + w < cells.size() &&
                                                    row_number(t, cells[r + w]) == expected + 1 &&
                                                    opens_line(t, cells[r + w]))
                e = r + w;
            else
                while (e < stop) {
                    auto m = row_number(t, cells[e]);
                    if (m && *m == expected + 1 && e > r + 2 && opens_line(t, cells[e])) break;
                    ++e;
                }
            // A header repeated after a page break ends the row; the next row follows it.
            std::size_t row_end = e;
            for (std::size_t c = r + 1; c < e; ++c)
                if (header_repeat(t, cells[c])) {
                    row_end = c;
                    std::size_t nx = c;
                    while (nx < cells.size() && nx < c + 16 && row_number(t, cells[nx]) != expected + 1) ++nx;
                    e = nx;
                    break;
                }
            const bool last_row = !(e < cells.size() && row_number(t, cells[e]) == expected + 1);
            // One allocation per row (push_back grew it 1, 2, 4, 8: a tenth of the
            // table document's allocations), handed on to read_row without a copy.
            std::vector<Cell> row(cells.begin() + static_cast<std::ptrdiff_t>(std::min(r + 1, row_end)),
                                  cells.begin() + static_cast<std::ptrdiff_t>(row_end));
            std::size_t used = row.size();  // cells of this row, the nature cell included
            // The unit and remark columns are read by the task tables, not here.
            if (header.trailing && !last_row && row.size() > header.trailing + 2) {
                const bool nature_last = nature_cell(cell_text(t, row.back())) != Nature::unspecified;
                const auto end = row.end() - (nature_last ? 1 : 0);
                row.erase(end - static_cast<std::ptrdiff_t>(header.trailing), end);
            }
            // Cut at the nature cell; anything after it is the next group's category.
            Nature nature = Nature::unspecified;
            for (std::size_t c = 1; c < row.size(); ++c)
                if (nature_cell(cell_text(t, row[c])) != Nature::unspecified) {
                    nature = nature_cell(cell_text(t, row[c]));
                    used = c + 1;
                    row.resize(c);
                    break;
                }
            if (last_row && nature == Nature::unspecified) {
                // The last row has no next row number to end it: take the cells its columns need.
                const std::size_t need = 1 + std::max<std::size_t>(columns.size(), 2) + (nature_column ? 1 : 0) +
                                         header.trailing + (header.unit_column ? 1 : 0);
                row.resize(std::min(row.size(), need - (nature_column ? 1 : 0)));
                used = row.size();
            }
            // The unit and remark columns are read by the task tables, not here. A row cut
            // at its nature cell has lost them already ("…≤10 | 约束性 | 市卫生健康委"
            // lost its last value to a second cut before).
            if (last_row && header.trailing && nature == Nature::unspecified && row.size() > header.trailing + 2)
                row.resize(row.size() - header.trailing);
            // A row with only its name and nature (倡导性) states no value; the table goes on.
            if (row.size() < 2 && (row.empty() || nature == Nature::unspecified)) break;
            if (row.size() >= 2 && out) read_row(t, std::move(row), nature, header, *out);
            ++expected;
            r = last_row ? r + 1 + used : e;
            if (last_row) break;
        }
        return r;
    }
}

// A table without row numbers: after a header that names a nature column
// ("指标 / 2020年 / 2025年 / 指标性质"), each row ends at its nature cell.
// `k` is the first cell after the header. Returns the cell after the table.
std::size_t parse_unnumbered(std::string_view t, const std::vector<Cell>& cells, std::size_t k, int first_plan_year,
                             std::deque<Target>* out) {
    const Header header = read_header(t, cells, k, first_plan_year);
    if (!header.nature_column || header.columns.empty() || k >= cells.size() || row_number(t, cells[k]) == 1) return k;
    // The row is the name, an optional unit cell, then one cell per column.
    const std::size_t width = 1 + header.columns.size();
    std::size_t r = k, done = k;
    for (int rows = 0; r < cells.size() && rows < 100000; ++rows) {
        std::size_t e = r;
        while (e < cells.size() && e < r + width + 4 && nature_cell(cell_text(t, cells[e])) == Nature::unspecified &&
               !starts_heading(t, cells[e].b, cells[e].e))
            ++e;
        if (e >= cells.size() || e >= r + width + 4 || nature_cell(cell_text(t, cells[e])) == Nature::unspecified)
            break;
        const Nature nature = nature_cell(cell_text(t, cells[e]));
        // Leading cells beyond the row's width are a category ("健康水平"); a
        // unit cell of its own stays (read_row recognises it).
        std::size_t b = r;
        std::size_t keep = width;
        if (e - r > width) {
            std::string_view maybe_unit = cell_text(t, cells[e - header.columns.size() - 1]);
            if (!value_like(maybe_unit) && parse_unit(maybe_unit) && !maybe_unit.empty()) keep = width + 1;
            if (e - r > keep) b = e - keep;
        }
        if (e - b < 2) break;
        std::vector<Cell> row(cells.begin() + static_cast<std::ptrdiff_t>(b),
                              cells.begin() + static_cast<std::ptrdiff_t>(e));
        if (out) read_row(t, std::move(row), nature, header, *out);
        done = e + 1;
        r = e + 1;
    }
    return done;
}

// A table of field rows under a header row naming year columns: each line
// after the header is a row (name, an optional unit cell, one cell per
// column, an optional nature cell and trailing unit/remark cells). A line of
// one short field is a category ("健康水平"); a longer one, or a heading, ends
// the table. `k` is the first cell after the header. Returns the cell after the table.
std::size_t parse_line_rows(std::string_view t, const std::vector<Cell>& cells, std::size_t k, int first_plan_year,
                            std::deque<Target>* out) {
    const Header header = read_header(t, cells, k, first_plan_year);
    if (header.columns.empty()) return k;
    constexpr std::size_t category_bytes = 8 * 3;  // eight CJK characters
    // The header's second field is "序号": each row opens with its category, then its number.
    const bool number_second = k >= 2 && header_repeat(t, cells[1]);
    std::size_t r = k, done = k;
    while (r < cells.size()) {
        std::size_t e = r + 1;
        while (e < cells.size() && same_line(t, cells[e - 1], cells[e])) ++e;
        if (starts_heading(t, cells[r].b, cells[r].e)) break;
        if (e - r == 1) {
            if (cells[r].e - cells[r].b > category_bytes || value_like(cell_text(t, cells[r]))) break;
            r = e;  // a category row
            continue;
        }
        std::vector<Cell> row(cells.begin() + static_cast<std::ptrdiff_t>(r),
                              cells.begin() + static_cast<std::ptrdiff_t>(e));
        if (row_number(t, row.front())) row.erase(row.begin());
        // "类别 / 序号 / 指标 …": a category cell before the row number.
        else if (number_second && row.size() > 2 && row_number(t, row[1]) && !value_like(cell_text(t, row[0])))
            row.erase(row.begin(), row.begin() + 2);
        const std::size_t values_end = 1 + (header.unit_column ? 1 : 0) + header.columns.size();
        drop_category(t, row, values_end + header.trailing + (header.nature_column ? 1 : 0));
        // Trailing unit/remark columns are cut only where the row has their cells
        // (an empty 备注 cell is no field of the line).
        if (header.trailing && row.size() > values_end)
            row.resize(row.size() - std::min(header.trailing, row.size() - values_end));
        Nature nature = Nature::unspecified;
        for (std::size_t c = 1; c < row.size(); ++c)
            if (nature_cell(cell_text(t, row[c])) != Nature::unspecified) {
                nature = nature_cell(cell_text(t, row[c]));
                row.resize(c);
                break;
            }
        if (row.size() < 2 || !name_like(cell_text(t, row.front()))) break;
        if (out) read_row(t, std::move(row), nature, header, *out);
        done = r = e;
    }
    return done;
}

}  // namespace

}  // namespace healthplan::v0::detail::extract
