// Extraction: read the text of a Chinese health plan (as copied from a
// government web page, navigation and footers included) into a Plan.
//
// Everything extracted carries a Span into the UTF-8 text it was read from,
// so `text.substr(span.begin, span.size()) == span.evidence` always holds.
// What cannot be read with certainty (transcription damage such as
// "分别达到25%40%") is kept and marked Certainty::uncertain with a note.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/plan.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

struct ExtractOptions {
    // Document name recorded in Plan::source.name (and used as Plan::id when
    // no better id is known). extract_file defaults it to the file's name.
    std::string name;
    // Encoding recorded in Plan::source.encoding; extract_file sets it.
    std::string encoding = "utf-8";
    // Run Plan::validate() on the result (cheap; on by default so a broken
    // invariant is a bug report, never silently bad data).
    bool validate = true;
};

// Extracts a plan from UTF-8 text. Throws ParseError("text.invalid_utf8")
// naming the byte offset when the text is not valid UTF-8. Runs in time
// linear in the input; any valid UTF-8 string yields a Plan.
Plan extract(std::string_view utf8_text, const ExtractOptions& options = {});

// Reads a file and extracts it. `encoding` is "" to detect (UTF-8 with or
// without BOM, else GB18030, a superset of GBK and GB2312), or one of
// "utf-8", "gb18030", "gbk", "gb2312". Spans index into the UTF-8 text
// (after conversion and without the BOM). Throws ParseError naming the file
// for unreadable files, unknown encodings and undecodable bytes.
Plan extract_file(const std::filesystem::path& path, std::string_view encoding = "", ExtractOptions options = {});

// Converts file bytes to UTF-8 as extract_file does; returns the encoding
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

HEALTHPLAN_END_NAMESPACE
