// The extractor's view of a document: lines, the content region (without
// the web page around it), headings and their nesting. Each stage of
// extraction (metadata, sections, tasks, targets, tables) reads this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/plan.hpp"

namespace healthplan::v0::detail::extract {

// A non-empty line, trimmed: [begin, end). 32-bit offsets keep the line
// table at 8 bytes a line, so even a text of one-character lines stays within
// the memory budget (inputs are limited to 4 GiB).
struct Line {
    std::uint32_t begin = 0, end = 0;
    bool empty() const noexcept { return begin == end; }
};

// Heading styles, outermost first. A document uses a subset; nesting
// follows this order, which is the genre's convention.
enum class HeadingStyle { chapter, section, cn_list, box, paren_cn, arabic, paren_arabic };

// Offsets and line numbers are 32-bit, like Line's: the index of headings lives
// beside the result through the whole extraction (inputs are limited to 4 GiB).
struct Heading {
    HeadingStyle style{};
    std::uint32_t line = 0;                        // index into Document::lines
    std::uint32_t label_begin = 0, label_end = 0;  // "第一章", "一、", "(一)", "1.", "(1)", "专栏1"
    std::uint32_t title_begin = 0, title_end = 0;  // heading text up to the first full stop
    std::string label;                             // as written, trailing punctuation removed: "一", "(一)", "1"
    // The title with lost-character marks and spaces removed ("第二节??加强…"),
    // kept only when that differs from the text; use title_in().
    std::string cleaned_title;
    bool cleaned = false;
    std::string_view title_in(std::string_view text) const {
        return cleaned ? std::string_view(cleaned_title) : text.substr(title_begin, title_end - title_begin);
    }
    int parent = -1;
    std::uint32_t body_end_line = 0;     // first line after this heading's own text (next heading)
    std::uint32_t subtree_end_line = 0;  // first line after everything nested under it
};

struct Document {
    std::string_view text;
    std::vector<Line> lines;
    std::size_t content_begin = 0;                          // first line of the plan itself (its inner title, else 0)
    std::size_t content_end = 0;                            // one past the last line before the page footer
    std::size_t title_line = static_cast<std::size_t>(-1);  // its (last) line
    std::size_t title_lines = 1;                            // a title broken over two lines has 2
    std::vector<Heading> headings;                          // in document order, only within the content region
};

// A table cell: a line, or one field of a line flattened with tabs.
struct Cell {
    std::size_t b, e;
};

// Appends the cells of line `l` to `out` (see extract_table.cpp).
void add_cells(std::string_view text, const Line& l, std::vector<Cell>& out);

// Splits into trimmed, non-empty lines (LF, CRLF or CR); blank lines carry
// nothing the extractor reads.
std::vector<Line> split_lines(std::string_view text);

// A line of running text: long enough and holding a sentence's full stop (the
// page footer is looked for after the first one; a paragraph of prose stating
// nothing ends a carried year frame).
bool prose_line(std::string_view line);

// True when [b, e) opens with a heading label (第一章, 一、, (一), 1., (1), 专栏1).
bool starts_heading(std::string_view text, std::size_t b, std::size_t e);
// The number of a heading's label ("二" → 2, "(3)" → 3), or 0.
int label_number(const Heading& h);
// Where the heading label that opens [b, e) ends, or b when none does.
std::size_t heading_label_end(std::string_view text, std::size_t b, std::size_t e);

// Fills lines, the content region and headings.
Document analyse(std::string_view text);

// Section tree from the headings.
std::vector<Section> build_sections(const Document& doc);

// Metadata: title, issuer, 文号, dates, place, period, status, references.
void extract_metadata(const Document& doc, Plan& plan);

// Tasks with their responsibility assignments.
void extract_tasks(const Document& doc, Plan& plan);

// Targets in running text and in indicator tables; links them to tasks.
void extract_targets(const Document& doc, Plan& plan);

// Who answers for each target: the units of the task it is stated in, else
// of the table row (a target responsibility list) its span lies in.
void link_units(const Document& doc, Plan& plan);

// Makes a Span over [b, e) of the text, offsets only: the evidence is written once
// at the end, from the original text (extract.cpp, `write_evidence`), after the
// normalised copy and the line index are gone, so the result's strings are never
// alive beside them.
inline Span make_span(std::size_t b, std::size_t e) { return Span{b, e, {}}; }

// Label path of heading h (outermost first).
std::vector<std::string> label_path(const Document& doc, int h);

// Index of the innermost heading whose subtree contains line `line`, or -1.
int heading_at_line(const Document& doc, std::size_t line);

// Plan period as the extractor determined it (also used to date "十四五期间").
struct PlanContext {
    int period_start = 0, period_end = 0;
    int doc_year = 0;  // year of issue or publication, 0 if unknown
};

}  // namespace healthplan::v0::detail::extract
