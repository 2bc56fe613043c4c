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

#include "extract/document.hpp"
#include "extract/grammar.hpp"
#include "extract/scan.hpp"
#include "extract/targets.hpp"

namespace healthplan::extract_detail {
namespace {

struct Cell {
    std::size_t b, e;
};

std::string_view cell_text(std::string_view t, Cell c) { return t.substr(c.b, c.e - c.b); }

// A line that is only a positive integer: a row number.
std::optional<int> row_number(std::string_view t, Cell c) {
    auto n = number_at(t.substr(0, c.e), c.b);
    if (!n || !n->integral || n->end != c.e || n->value < 1 || n->value > 999) return std::nullopt;
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

Nature nature_cell(std::string_view s) {
    std::string clean = strip_noise(s);
    if (clean == "预期" || clean == "预期性") return Nature::expected;
    if (clean == "约束" || clean == "约束性") return Nature::binding;
    if (clean == "倡导" || clean == "倡导性") return Nature::advocacy;
    return Nature::unspecified;
}

bool value_like(std::string_view s) {
    std::size_t i = skip_ws(s, 0, s.size());
    for (std::string_view c : {"≥", "≤", ">", "<", "＞", "＜", "≧", "≦", "+", "-"})
        if (at(s, i, c)) return true;
    return is_digit_at(s, i);
}

// Reads a target cell into `t`. Returns false when the cell states nothing measurable.
bool read_target_cell(std::string_view text, Cell c, Target& t) {
    std::string_view s = text.substr(0, c.e);
    std::size_t i = skip_ws(s, c.b, c.e);
    struct Sym {
        std::string_view text;
        Comparator op;
    };
    static constexpr Sym symbols[] = {{"≥", Comparator::ge}, {"≧", Comparator::ge}, {">=", Comparator::ge},
                                      {"≤", Comparator::le}, {"≦", Comparator::le}, {"<=", Comparator::le},
                                      {">", Comparator::gt}, {"＞", Comparator::gt}, {"<", Comparator::lt},
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
    for (const auto& verb : verbs) {
        std::size_t p = cell.find(verb.text);
        if (p == std::string_view::npos) continue;
        std::size_t r = i + p + verb.text.size();
        if (auto v = value_at(s, r, c.e)) {
            t.value = v->value;
            if (!v->unit_text.empty()) t.unit = v->unit, t.unit_text = v->unit_text;
            if (verb.kind == VerbKind::level) {
                t.kind = TargetKind::level;
                t.comparator = v->suffix && !verb.strict ? *v->suffix : verb.op;
            } else {
                t.kind = TargetKind::change;
                t.comparator = verb.op;
                Reference ref;
                std::string_view before = cell.substr(0, p);
                if (before.find("基期") != std::string_view::npos) ref.label = "基期";
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
    for (std::string_view w : {"优于", "好于"}) {
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

std::vector<Target> extract_tables(const Document& d) {
    std::vector<Target> out;
    const std::string_view t = d.text;
    // The content's lines are the cells (lines are never empty).
    struct Cells {
        const Document& d;
        std::size_t size() const { return d.content_end - d.content_begin; }
        Cell operator[](std::size_t k) const {
            const Line& l = d.lines[d.content_begin + k];
            return Cell{l.begin, l.end};
        }
    } cells{d};

    std::size_t k = 0;
    while (k < cells.size()) {
        // A table starts with row 1 and has row 2 within a few cells.
        auto first = row_number(t, cells[k]);
        if (!first || *first != 1) {
            ++k;
            continue;
        }
        std::size_t probe = k + 1;
        bool has_two = false;
        for (; probe < cells.size() && probe < k + 10; ++probe)
            if (auto n = row_number(t, cells[probe]); n && *n == 2) {
                has_two = true;
                break;
            }
        if (!has_two) {
            ++k;
            continue;
        }
        // Header: year columns (first = baseline, last = target) before row 1.
        std::vector<int> years;
        bool nature_column = false;
        for (std::size_t h = k; h-- > 0 && k - h <= 12;) {
            std::string_view c = cell_text(t, cells[h]);
            if (auto y = year_cell(t, cells[h])) years.insert(years.begin(), *y);
            else if (c.find("性质") != std::string_view::npos || c.find("属性") != std::string_view::npos)
                nature_column = true;
            if (c.find("专栏") != std::string_view::npos) break;
        }
        const std::optional<int> target_year = years.empty() ? std::nullopt : std::optional<int>(years.back());
        const std::optional<int> base_year =
            years.size() >= 2 ? std::optional<int>(years.front()) : std::nullopt;

        int expected = 1;
        std::size_t r = k;
        while (r < cells.size()) {
            auto n = row_number(t, cells[r]);
            if (!n || *n != expected) break;
            // The row's cells run to the next row number (or a heading-like end).
            std::size_t e = r + 1;
            std::size_t stop = std::min(cells.size(), r + 12);
            while (e < stop) {
                auto m = row_number(t, cells[e]);
                if (m && *m == expected + 1 && e > r + 2) break;
                ++e;
            }
            const bool last_row = !(e < cells.size() && row_number(t, cells[e]) == expected + 1);
            std::vector<Cell> row;
            for (std::size_t c = r + 1; c < e; ++c) row.push_back(cells[c]);
            // Cut at the nature cell; anything after it is the next group's category.
            Nature nature = Nature::unspecified;
            for (std::size_t c = 1; c < row.size(); ++c)
                if (nature_cell(cell_text(t, row[c])) != Nature::unspecified) {
                    nature = nature_cell(cell_text(t, row[c]));
                    row.resize(c);
                    break;
                }
            if (last_row && nature == Nature::unspecified && nature_column) row.resize(std::min<std::size_t>(row.size(), 3));
            if (row.size() < 2) break;
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
                    std::size_t o = open == std::string_view::npos ? open_fw
                                    : open_fw == std::string_view::npos ? open
                                                                         : std::max(open, open_fw);
                    if (o != std::string_view::npos) {
                        std::size_t ol = at(nm, o, "(") ? 1 : 3;
                        std::string_view u = nm.substr(o + ol, close - o - ol);
                        if (auto parsed = Unit::try_parse(u); parsed && !u.empty()) {
                            unit = *parsed;
                            unit_text = std::string(u);
                            name.e = name.b + o;
                        }
                    }
                }
            }
            // A unit column of its own: "人均预期寿命 / 岁 / 77.3 / 78".
            std::size_t first_middle = 1;
            if (row.size() >= 3 && !value_like(cell_text(t, row[1]))) {
                std::string_view u = cell_text(t, row[1]);
                if (auto parsed = Unit::try_parse(u); parsed && !u.empty() && u.size() <= 24) {
                    unit = *parsed;
                    unit_text = std::string(u);
                    first_middle = 2;
                }
            }
            // Middle cells: glue text fragments a line break split ("达到国家" / "平均水平").
            std::vector<Cell> middle;
            for (std::size_t c = first_middle; c < row.size(); ++c) {
                if (!middle.empty() && !value_like(cell_text(t, row[c])) && !value_like(cell_text(t, middle.back())))
                    middle.back().e = row[c].e;
                else
                    middle.push_back(row[c]);
            }
            Target tg;
            tg.indicator = strip_noise(cell_text(t, name));
            tg.year = target_year;
            tg.nature = nature;
            tg.unit = unit;
            tg.unit_text = unit_text;
            Cell target_cell = middle.back();
            if (middle.size() >= 2) {
                if (auto b = value_at(t, skip_ws(t, middle.front().b, middle.front().e), middle.front().e);
                    b && skip_ws(t, b->end, middle.front().e) == middle.front().e) {
                    Baseline base;
                    base.year = base_year;
                    base.value = b->value;
                    tg.baseline = base;
                }
                if (middle.size() > 2) {
                    tg.certainty = Certainty::uncertain;
                    tg.note = "more cells than columns in this row";
                }
            } else if (base_year) {
                tg.certainty = Certainty::uncertain;
                tg.note = "one value for two columns; read as the target";
            }
            // Soft glue for multi-line cells: the span runs over the line breaks.
            Cell tc{target_cell.b, target_cell.e};
            const Unit name_unit = tg.unit;
            const std::string name_unit_text = tg.unit_text;
            if (read_target_cell(t, tc, tg) && !tg.indicator.empty()) {
                if (tg.kind == TargetKind::benchmark || tg.kind == TargetKind::trend) {
                    tg.unit = Unit();
                    tg.unit_text.clear();
                } else if (tg.unit_text.empty()) {
                    tg.unit = name_unit;
                    tg.unit_text = name_unit_text;
                }
                tg.span = make_span(t, cells[r + 1].b, target_cell.e);
                out.push_back(std::move(tg));
            }
            ++expected;
            r = e;
            if (last_row) break;
        }
        k = std::max(r, k + 1);
    }
    return out;
}

}  // namespace healthplan::extract_detail
