// Extraction: read the text of a Chinese health plan (as copied from a
// government web page, navigation and footers included) into a Plan.
//
// Everything extracted carries a Span into the UTF-8 text it was read from,
// so `text.substr(span.begin, span.size()) == span.evidence` always holds.
// What cannot be read with certainty (transcription damage such as
// "分别达到25%40%") is kept and marked Certainty::uncertain with a note.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/plan.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// The target grammar's limits, named: how far a name, a carried indicator,
// a statement's evidence or a look-back may reach, in bytes of UTF-8 (a
// Chinese character is 3 bytes). They bound every clause's work and every
// target's size, so time and memory stay linear in the text; the defaults
// are what the quality sets were measured with (docs/extraction.md).
struct ExtractLimits {
    // An indicator's name (55 characters: the national "30岁~70岁人群因心脑血管疾病、癌症、
    // 慢性呼吸系统疾病和糖尿病等重大慢性病导致的过早死亡率" is 45); a longer subject is not a name.
    std::size_t name_bytes = 165;
    // A clause going on about the indicator stated this far before it
    // ("人均预期寿命达到80岁，比2020年提高1岁").
    std::size_t carry_bytes = 240;
    // A target's evidence, counted back from the end of its statement.
    std::size_t evidence_bytes = 1024;
    // The places of a minimum count ("各旗县区至少确定1家…": 各旗县区).
    std::size_t place_bytes = 60;
    // The units and the object of "所有…均设置…" / "各区全部建成…".
    std::size_t establishment_bytes = 90;
    // A short part of a name: the population of "其中农村地区不低于93%", an
    // item of a list sharing the last item's tail ("高血压、2型糖尿病患者…").
    std::size_t part_bytes = 24;
    // How far after a verb "…总数的" is looked for ("提高到全省县区总数的60%").
    std::size_t whole_bytes = 36;
    // The places of "优于国家、自治区平均水平", from one 、 to the next.
    std::size_t benchmark_list_bytes = 48;
    // The noun shared by the places of a distributive share ("城区50%、农村20%的学校开设…").
    std::size_t share_noun_bytes = 30;

    bool operator==(const ExtractLimits&) const = default;
};

struct ExtractOptions {
    // Document name recorded in Plan::source.name (and used as Plan::id when
    // no better id is known). extract_file defaults it to the file's name.
    std::string name;
    // Encoding recorded in Plan::source.encoding; extract_file sets it.
    std::string encoding = "utf-8";
    // What the text was read from, recorded in Plan::source.format: "text"
    // (the default), or "html", "docx", "pdf" for a text a reader extracted
    // from such a document; then the text is kept in Plan::source.text, as
    // the spans index into it. A reader hands the core its document as text:
    // one paragraph a line, a table row a line of tab-separated cells.
    std::string format = "text";
    // Run Plan::validate() on the result (cheap; on by default so a broken
    // invariant is a bug report, never silently bad data).
    bool validate = true;
    // The target grammar's limits (see ExtractLimits).
    ExtractLimits limits;
};

// Extracts a plan from UTF-8 text. Throws ParseError("text.invalid_utf8")
// naming the byte offset when the text is not valid UTF-8. Runs in time
// linear in the input; any valid UTF-8 string yields a Plan.
Plan extract(std::string_view utf8_text, const ExtractOptions& options = {});

// The same, taking the text over (pass it with std::move): the same Plan, with
// a lower peak of memory. Once normalisation has made its copy of the text
// (when it changes anything), the text is released while the grammar runs
// and rebuilt in that copy's buffer for the evidence, so the input and its
// normalised copy are never both held beside the result. extract_file uses it.
Plan extract_owned(std::string utf8_text, const ExtractOptions& options = {});

// Reads a file and extracts it. `encoding` is "" to detect (UTF-8 with or
// without BOM, UTF-16 with BOM, else GB18030, a superset of GBK and GB2312),
// or one of "utf-8", "utf-16le", "utf-16be", "gb18030", "gbk", "gb2312".
// Documents that are not text (see sniff_format) are a ParseError. Spans index into the UTF-8 text
// (after conversion and without the BOM). Throws ParseError naming the file
// for unreadable files, unknown encodings and undecodable bytes.
Plan extract_file(const std::filesystem::path& path, std::string_view encoding = "", ExtractOptions options = {});

// The format of a document's bytes, from their content (magic bytes, the
// parts of a ZIP, "<html"), not the file's name: "text", "html", "pdf",
// "docx", "xlsx", "pptx", "odf", "zip", "ole" (.doc/.xls/.wps), "image",
// "rtf", "json" or "mhtml" (a web page saved as one file). extract_file reads "text" and rejects the others with a
// ParseError (id "input.unsupported_format") that says how to convert them.
std::string_view sniff_format(std::string_view bytes);

// Throws that ParseError for `format` (as returned by sniff_format).
[[noreturn]] void reject_format(std::string_view format, const std::string& where);

// Converts file bytes to UTF-8 as extract_file does (a UTF-16 BOM is
// honoured: "utf-16le" / "utf-16be"); returns the encoding
// used ("utf-8", "gb18030", ...) in `detected`.
std::string decode_to_utf8(std::string_view bytes, std::string_view encoding, std::string* detected,
                           std::string_view source_name = {});

// Extracts many files in parallel (`threads` = 0: all hardware threads).
// Results are in input order. The first failure is rethrown after all
// workers stop; `progress`, when given, is called after each file with
// (done, total) from worker threads (serialised by the library).
std::vector<Plan> extract_many(const std::vector<std::filesystem::path>& paths, unsigned threads = 0);

using ProgressFn = void (*)(void* context, std::size_t done, std::size_t total);
std::vector<Plan> extract_many(const std::vector<std::filesystem::path>& paths, unsigned threads, ProgressFn progress,
                               void* context);

// The same with the options every file is extracted with: their `limits`
// (the target grammar's bounds, as for extract and extract_file), `validate`
// and `format`. `name` and `encoding` are each file's own (its file name, the
// encoding detected), whatever `options` holds.
std::vector<Plan> extract_many(const std::vector<std::filesystem::path>& paths, unsigned threads,
                               const ExtractOptions& options, ProgressFn progress = nullptr, void* context = nullptr);

HEALTHPLAN_END_NAMESPACE
