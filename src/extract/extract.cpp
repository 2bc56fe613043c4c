// Entry points of extraction: text, files (UTF-8 / GB18030), many files.
#include "healthplan/extract.hpp"

#include <iconv.h>
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "extract/document.hpp"
#include "extract/normalize.hpp"
#include "extract/restore.hpp"
#include "extract/scan.hpp"
#include "extract/targets.hpp"
#include "healthplan/error.hpp"
#include "healthplan/files.hpp"
#include "healthplan/text.hpp"
#include "text/traditional.hpp"
#include "text/utf8.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

// The original text for the steps after the grammar: the caller's, or (when
// extract_owned released it) rebuilt piece by piece from the normalised text.
struct Original {
    std::string_view whole;                             // the caller's text, unless released
    const detail::extract::Restore* restore = nullptr;  // else this, over `norm`
    std::string_view norm;
    std::size_t size() const { return restore ? restore->size() : whole.size(); }
    std::string_view slice(std::size_t b, std::size_t e, std::string& scratch) const {
        return restore ? restore->slice(norm, b, e, scratch) : whole.substr(b, e - b);
    }
};

// Points a span found in the normalised text back into the original text
// (offsets only: `write_evidence` writes every span's evidence after).
void remap(std::optional<Span>& span, const detail::extract::Normalized& norm, const Original& original) {
    if (!span) return;
    auto [b, e] = norm.original(span->begin, span->end, original.size());
    span->begin = b;
    span->end = e;
}

void remap_section(Section& s, const detail::extract::Normalized& norm, const Original& original) {
    remap(s.span, norm, original);
    for (auto& c : s.children) remap_section(c, norm, original);
}

// The original characters of the normalised text [b, e), when they stand for
// its characters one for one — the same character, its traditional form or its
// full-width form — with whatever normalisation dropped between them (a pinyin
// gloss a mirror put after a character) left out; nullopt else (a Chinese
// numeral made digits, a space dropped inside the piece).
std::optional<std::string> written_piece(std::size_t b, std::size_t e, const detail::extract::Normalized& norm,
                                         const Original& original) {
    const auto [ob, oe] = norm.original(b, e, original.size());
    std::string scratch;
    const std::string_view whole = original.slice(ob, oe, scratch);
    const std::u32string was = detail::utf8_decode(whole);
    const std::u32string now = detail::utf8_decode(std::string_view(norm.text).substr(b, e - b));
    auto same = [](char32_t w, char32_t n) {
        return w == n || detail::simplified(w) == n || detail::fold_width(w) == n;
    };
    if (was.size() == now.size()) {
        for (std::size_t i = 0; i < was.size(); ++i)
            if (!same(was[i], now[i])) return std::nullopt;
        return std::string(whole);
    }
    // Character by character, each through the offset map.
    std::string out;
    for (std::size_t k = b; k < e;) {
        const std::size_t n = detail::extract::u8len(static_cast<unsigned char>(norm.text[k]));
        const auto [cb, ce] = norm.original(k, k + n, original.size());
        std::string sc;
        const std::string_view one = original.slice(cb, ce, sc);
        const std::u32string w = detail::utf8_decode(one);
        if (w.size() != 1 || !same(w[0], detail::utf8_decode(norm.text.substr(k, n))[0])) return std::nullopt;
        out += one;
        k += n;
    }
    return out;
}

// A name the grammar read in the normalised text, as the original writes it
// ("兒童死亡率", "５岁以下儿童死亡率"): the original characters of the name's
// first occurrence inside `span` (still a normalised span), when they stand for
// its characters one for one (written_piece). A name composed of pieces of the
// span ("建立…小組的鄉鎮比例") has each piece as written and its own words as
// they are. Anything else keeps the normalised name.
std::string as_written(const std::string& name, const std::optional<Span>& span,
                       const detail::extract::Normalized& norm, const Original& original) {
    if (!span || name.empty() || span->end > norm.text.size()) return name;
    // Most spans lie in text normalisation left alone: the name is as written.
    if (norm.copied(span->begin, span->end)) return name;
    const std::string_view read = std::string_view(norm.text).substr(span->begin, span->end - span->begin);
    if (const std::size_t at = read.find(name); at != std::string_view::npos) {
        const auto w = written_piece(span->begin + at, span->begin + at + name.size(), norm, original);
        return w ? *w : name;
    }
    // Pieces: the longest run of the name's characters found in the span, each in turn.
    std::string out;
    const std::string_view nm = name;
    for (std::size_t p = 0; p < nm.size();) {
        std::size_t best = p, best_at = std::string_view::npos;
        for (std::size_t q = p + detail::extract::u8len(static_cast<unsigned char>(nm[p])); q <= nm.size();
             q += q < nm.size() ? detail::extract::u8len(static_cast<unsigned char>(nm[q])) : 1) {
            const std::size_t f = read.find(nm.substr(p, q - p));
            if (f == std::string_view::npos) break;
            best = q, best_at = f;
            if (q == nm.size()) break;
        }
        if (best_at == std::string_view::npos || best - p < 6) {  // a word of the name's own (的, 比例)
            const std::size_t n = best > p ? best - p : detail::extract::u8len(static_cast<unsigned char>(nm[p]));
            out += nm.substr(p, n);
            p += n;
            continue;
        }
        const auto w = written_piece(span->begin + best_at, span->begin + best_at + (best - p), norm, original);
        out += w ? std::string_view(*w) : nm.substr(p, best - p);
        p = best;
    }
    return out;
}

// Units keep their normalised `name` (they compare across plans); `as_written` is
// the original's, looked up in the span they were read from.
void units_as_written(std::vector<Agency>& units, const std::optional<Span>& span,
                      const detail::extract::Normalized& norm, const Original& original) {
    for (auto& a : units) a.as_written = as_written(a.as_written, span, norm, original);
}

void remap_spans(Plan& plan, const detail::extract::Normalized& norm, const Original& original) {
    for (auto& s : plan.sections) remap_section(s, norm, original);
    // Names are reported as written (issue 9 §2); evidence already is, by its span.
    for (auto& t : plan.targets) {
        t.indicator = as_written(t.indicator, t.span, norm, original);
        // A target's units come from its table row (its span) or from its task.
        const Task* task = t.task_id.empty() ? nullptr : plan.find_task(t.task_id);
        const std::optional<Span>& from = task && task->span ? task->span : t.span;
        units_as_written(t.lead, from, norm, original);
        units_as_written(t.responsible, from, norm, original);
    }
    for (auto& t : plan.targets) remap(t.span, norm, original);
    for (auto& k : plan.tasks) {
        units_as_written(k.lead, k.span, norm, original);
        units_as_written(k.responsible, k.span, norm, original);
        remap(k.span, norm, original);
    }
    for (auto& i : plan.indicators) {
        i.name = as_written(i.name, i.span, norm, original);
        remap(i.span, norm, original);
    }
}

// Every span's evidence, from the text its offsets index into. Written last,
// when the normalised copy and the line index are gone (see make_span).
void write_evidence(std::optional<Span>& span, std::string_view text) {
    if (span) span->evidence.assign(text.substr(span->begin, span->end - span->begin));
}

void write_evidence(Section& s, std::string_view text) {
    write_evidence(s.span, text);
    for (auto& c : s.children) write_evidence(c, text);
}

void write_evidence(Plan& plan, std::string_view text) {
    for (auto& s : plan.sections) write_evidence(s, text);
    for (auto& i : plan.indicators) write_evidence(i.span, text);
    for (auto& t : plan.targets) write_evidence(t.span, text);
    for (auto& k : plan.tasks) write_evidence(k.span, text);
}

// Collects every span of the plan.
void spans_of(std::vector<Section>& sections, std::vector<Span*>& out) {
    for (auto& s : sections) {
        if (s.span) out.push_back(&*s.span);
        spans_of(s.children, out);
    }
}

// Gives the whole pages of [b, e) of `text` back to the system: they read
// as zeros afterwards, so only bytes no span will be cut from go.
void release_pages(std::string& text, std::size_t b, std::size_t e) {
#ifdef __linux__
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto from = (reinterpret_cast<std::uintptr_t>(text.data() + b) + page - 1) / page * page;
    const auto to = reinterpret_cast<std::uintptr_t>(text.data() + e) / page * page;
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
#else
    (void)text, (void)b, (void)e;
#endif
}

// write_evidence for a text extraction owns (extract_owned): the spans in the
// order of their starts, the text's pages behind the next start released as
// the evidence grows, so the text and the evidence cut from it are not both
// held in full. The text is left with zero pages: only destroy it after.
void write_evidence_releasing(Plan& plan, std::string& text) {
    std::vector<Span*> spans;
    spans_of(plan.sections, spans);
    for (auto& i : plan.indicators)
        if (i.span) spans.push_back(&*i.span);
    for (auto& x : plan.targets)
        if (x.span) spans.push_back(&*x.span);
    for (auto& k : plan.tasks)
        if (k.span) spans.push_back(&*k.span);
    std::stable_sort(spans.begin(), spans.end(), [](const Span* a, const Span* b) { return a->begin < b->begin; });
    const std::string_view view = text;
    constexpr std::size_t step = std::size_t{1} << 20;  // released a MiB at a time
    std::size_t released = 0;
    for (Span* s : spans) {
        if (s->begin >= released + step) {
            release_pages(text, released, s->begin);
            released = s->begin;
        }
        s->evidence.assign(view.substr(s->begin, s->end - s->begin));
    }
}

// A task's body is the text the extractor read: the normalised text of its span.
// Where that is the original's bytes (normalisation changed nothing inside it),
// the body is its evidence and is not stored; the others' bodies are taken here,
// while the normalised text is still there (task index, body).
std::vector<std::pair<std::size_t, std::string>> normalised_bodies(const Plan& plan,
                                                                   const detail::extract::Normalized& norm,
                                                                   const Original& original) {
    std::vector<std::pair<std::size_t, std::string>> out;
    const std::string_view read = norm.text;
    std::string scratch;
    for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
        const auto& span = plan.tasks[i].span;
        if (!span || span->begin > span->end || span->end > read.size()) continue;
        if (norm.copied(span->begin, span->end)) continue;  // one copied run: the original's bytes
        const std::string_view body = read.substr(span->begin, span->end - span->begin);
        const auto [b, e] = norm.original(span->begin, span->end, original.size());
        if (body != original.slice(b, e, scratch)) out.emplace_back(i, std::string(body));
    }
    return out;
}

}  // namespace

namespace {

// extract() and extract_owned(): `owned`, when given, holds `text` and may be
// released once normalisation has copied it (see restore.hpp).
Plan extract_text(std::string_view text, std::string* owned, const ExtractOptions& options) {
    // The configurable input cap (files.hpp); spans are 32-bit inside, so 4 GiB is a hard ceiling.
    const std::size_t limit = std::min(max_input_bytes(), (std::size_t{1} << 32) - 2);
    if (text.size() > limit)
        throw ParseError("text.too_large",
                         "text of " + std::to_string(text.size()) + " bytes is larger than the limit of " +
                             std::to_string(limit) + " (healthplan::set_max_input_bytes)",
                         options.name.empty() ? std::string("text") : options.name);
    // Validated, and its script decided, in one pass over the bytes.
    bool traditional = false;
    if (detail::find_invalid_utf8_and_script(text, &traditional))
        require_utf8(text, options.name);  // throws, naming the byte
    namespace ex = detail::extract;
    Plan plan;
    plan.id = options.name.empty() ? "plan" : options.name;
    plan.source.name = options.name;
    plan.source.size = text.size();
    plan.source.encoding = options.encoding.empty() ? "utf-8" : options.encoding;
    plan.source.sha256 = sha256_hex(text);
    plan.source.format = options.format.empty() ? "text" : options.format;
    if (plan.source.format != "text") plan.source.text = std::string(text);

    // The grammar reads the normalised text; spans are mapped back after.
    ex::Normalized norm = ex::normalize(text, traditional);
    // A text we own and normalisation copied is released for the grammar:
    // the original comes back from the normalised copy and the bytes it
    // replaced or dropped (restore.hpp), in the copy's own buffer.
    std::optional<ex::Restore> restore;
    if (owned && norm.changed && plan.source.format == "text" && (restore = ex::Restore::build(norm, text))) {
        norm.text.reserve(text.size());  // room to rebuild the original in place, taken while nothing else is held
        std::string().swap(*owned);
        text = {};
    }
    {
        const std::string_view read = norm.changed ? std::string_view(norm.text) : text;
        const ex::Document doc = ex::analyse(read);
        ex::extract_metadata(doc, plan);
        plan.sections = ex::build_sections(doc);
        ex::extract_tasks(doc, plan);
        ex::extract_targets(doc, plan, options.limits);
        ex::link_units(doc, plan);
    }  // the line and heading index go here
    std::vector<std::pair<std::size_t, std::string>> bodies;
    if (norm.changed) {
        const Original original{text, restore ? &*restore : nullptr, norm.text};
        bodies = normalised_bodies(plan, norm, original);
        remap_spans(plan, norm, original);
    }
    if (restore) {
        restore->rebuild_in_place(norm.text);  // the normalised copy becomes the original
        write_evidence_releasing(plan, norm.text);
    } else if (owned && !norm.changed && plan.source.format == "text") {
        write_evidence_releasing(plan, *owned);  // the text handed over, never copied
    } else {
        std::string().swap(norm.text);  // the normalised copy goes before the evidence is written
        write_evidence(plan, text);
    }
    for (auto& [i, body] : bodies) plan.tasks[i].set_text(std::move(body));
    if (options.validate) plan.validate();
    return plan;
}

}  // namespace

Plan extract(std::string_view text, const ExtractOptions& options) { return extract_text(text, nullptr, options); }

Plan extract_owned(std::string text, const ExtractOptions& options) {
    const std::string_view view = text;
    return extract_text(view, &text, options);
}

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.erase(std::remove(out.begin(), out.end(), '_'), out.end());
    return out;
}

// Converts with iconv; throws ParseError naming the first bad byte.
std::string convert_with_iconv(std::string_view bytes, const char* from, std::string_view source) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw ParseError("text.encoding_unsupported", std::string("cannot decode ") + from + " on this system",
                         std::string(source));
    std::string out;
    out.resize(bytes.size() * 3 / 2 + 16);
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t done = 0;
    while (in_left > 0) {
        char* o = out.data() + done;
        std::size_t o_left = out.size() - done;
        std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        done = out.size() - o_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        const std::size_t offset = bytes.size() - in_left;
        iconv_close(cd);
        throw ParseError(
            "text.undecodable", std::string("bytes are not valid ") + from,
            (source.empty() ? std::string() : std::string(source) + ": ") + "byte " + std::to_string(offset));
    }
    iconv_close(cd);
    out.resize(done);
    return out;
}

// The offset of the first invalid UTF-8 byte when the bytes before it hold at
// least `min_chars` multi-byte UTF-8 characters, i.e. the document is UTF-8 and
// damaged there. GBK text forms a valid UTF-8 character by chance about one time
// in fifty, so four in a row before the damage do not happen in a GBK file.
std::optional<std::size_t> damaged_utf8_offset(std::string_view bytes, std::size_t min_chars) {
    const auto at = find_invalid_utf8(bytes);
    if (!at) return std::nullopt;
    const std::string_view before = bytes.substr(0, *at);
    // Lead bytes of multi-byte characters (everything before `at` is valid UTF-8).
    const auto chars = static_cast<std::size_t>(std::count_if(
        before.begin(), before.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0xC0; }));
    return chars >= min_chars ? at : std::nullopt;
}

std::string utf8_damage_where(std::string_view source, std::size_t offset) {
    return (source.empty() ? std::string() : std::string(source) + ": ") + "byte " + std::to_string(offset);
}

}  // namespace

namespace {

bool starts_with_bytes(std::string_view b, std::string_view magic) { return b.substr(0, magic.size()) == magic; }

// A web page saved as one file by a browser ("Save as MHTML", .mht/.mhtml):
// mail headers ("From: <Saved by Blink>", "MIME-Version: 1.0") announcing a
// multipart/related body, the page's HTML one of its parts.
bool mhtml_head(std::string_view b) {
    const std::string head = [&] {
        std::string out(b.substr(0, std::min<std::size_t>(b.size(), 4096)));
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    }();
    bool mail_header = false;
    for (std::string_view h :
         {"from:", "mime-version:", "content-type:", "subject:", "date:", "snapshot-content-location:"})
        mail_header = mail_header || starts_with_bytes(head, h);
    return mail_header && head.find("multipart/related") != std::string::npos;
}

// The first non-blank bytes, lower-cased (for "<html", "<!doctype", "{").
std::string head_lower(std::string_view b) {
    std::size_t i = 0;
    if (starts_with_bytes(b, "\xEF\xBB\xBF")) i = 3;
    while (i < b.size() && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) ++i;
    std::string out(b.substr(i, 64));
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

std::string_view sniff_format(std::string_view b) {
    if (starts_with_bytes(b, "%PDF-")) return "pdf";
    if (starts_with_bytes(b, "PK\x03\x04")) {
        // A ZIP: DOCX, XLSX, ODT … are told apart by their parts' names.
        const std::string_view head = b.substr(0, std::min<std::size_t>(b.size(), 1 << 16));
        if (head.find("word/") != std::string_view::npos) return "docx";
        if (head.find("xl/") != std::string_view::npos) return "xlsx";
        if (head.find("ppt/") != std::string_view::npos) return "pptx";
        if (head.find("opendocument") != std::string_view::npos) return "odf";
        return "zip";
    }
    if (starts_with_bytes(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "ole";  // .doc / .xls / .wps
    if (starts_with_bytes(b, "\x89PNG") || starts_with_bytes(b, "\xFF\xD8\xFF") || starts_with_bytes(b, "GIF8") ||
        starts_with_bytes(b, "II*\x00") || starts_with_bytes(b, "MM\x00*"))
        return "image";
    if (starts_with_bytes(b, "{\\rtf")) return "rtf";
    if (starts_with_bytes(b, "\xFF\xFE") || starts_with_bytes(b, "\xFE\xFF")) return "text";
    const std::string h = head_lower(b);
    if (starts_with_bytes(h, "<!doctype html") || starts_with_bytes(h, "<html") || starts_with_bytes(h, "<?xml") ||
        starts_with_bytes(h, "<head") || starts_with_bytes(h, "<meta") || starts_with_bytes(h, "<body"))
        return "html";
    if (starts_with_bytes(h, "{") || starts_with_bytes(h, "[")) return "json";
    if (mhtml_head(b)) return "mhtml";
    return "text";
}

std::string decode_to_utf8(std::string_view bytes, std::string_view encoding, std::string* detected,
                           std::string_view source) {
    std::string enc = lower_ascii(encoding);
    // A UTF-16 byte-order mark decides the encoding (Windows Notepad saves so).
    if (enc.empty() && starts_with_bytes(bytes, "\xFF\xFE")) enc = "utf-16le";
    if (enc.empty() && starts_with_bytes(bytes, "\xFE\xFF")) enc = "utf-16be";
    if (enc == "utf-16le" || enc == "utf-16be" || enc == "utf16le" || enc == "utf16be") {
        const bool le = enc.find("le") != std::string::npos;
        std::string_view b = bytes;
        if (starts_with_bytes(b, le ? "\xFF\xFE" : "\xFE\xFF")) b = b.substr(2);
        if (detected) *detected = le ? "utf-16le" : "utf-16be";
        return convert_with_iconv(b, le ? "UTF-16LE" : "UTF-16BE", source);
    }
    auto strip_bom = [](std::string_view b) {
        return b.size() >= 3 && b.compare(0, 3, "\xEF\xBB\xBF") == 0 ? b.substr(3) : b;
    };
    if (enc.empty()) {
        std::string_view b = strip_bom(bytes);
        if (!find_invalid_utf8(b)) {
            if (detected) *detected = "utf-8";
            return std::string(b);
        }
        const std::size_t bom = bytes.size() - b.size();
        if (const auto at = damaged_utf8_offset(b, 4))
            throw ParseError("text.invalid_utf8",
                             "not valid UTF-8 here; the text before is UTF-8, so it was not read as GB18030",
                             utf8_damage_where(source, *at + bom));
        // Not UTF-8: government pages that are not are GBK / GB18030.
        try {
            std::string out = convert_with_iconv(bytes, "GB18030", source);
            if (detected) *detected = "gb18030";
            return out;
        } catch (const ParseError&) {
            // Neither fits. If the text was UTF-8 up to the bad byte (a damaged
            // or truncated UTF-8 file), say so at that offset; else it is bad GB18030.
            if (const auto at = damaged_utf8_offset(b, 1))
                throw ParseError("text.invalid_utf8",
                                 "not valid UTF-8 here (GB18030 was tried and does not fit either)",
                                 utf8_damage_where(source, *at + bom));
            throw;
        }
    }
    if (enc == "utf-8" || enc == "utf8") {
        std::string_view b = strip_bom(bytes);
        require_utf8(b, source);
        if (detected) *detected = "utf-8";
        return std::string(b);
    }
    const char* from = nullptr;
    if (enc == "gb18030")
        from = "GB18030";
    else if (enc == "gbk" || enc == "cp936")
        from = "GBK";
    else if (enc == "gb2312" || enc == "euc-cn" || enc == "euccn")
        from = "GB2312";
    if (!from)
        throw ParseError("text.encoding_unknown",
                         "unknown encoding '" + std::string(encoding) + "' (use utf-8, gb18030, gbk or gb2312)",
                         std::string(source));
    if (detected) *detected = lower_ascii(from);
    return convert_with_iconv(bytes, from, source);
}

[[noreturn]] void reject_format(std::string_view format, const std::string& where) {
    std::string how;
    if (format == "html")
        how =
            "an HTML page: read it with the Python package (healthplan.extract_file, the healthplan command), "
            "or hand healthplan::extract its text";
    else if (format == "docx" || format == "pdf")
        how = "a " + std::string(format == "docx" ? "Word .docx" : "PDF") +
              " document: read it with the Python package (healthplan.extract_file, the healthplan command; "
              "pip install 'healthplan[documents]'), or hand healthplan::extract its text";
    else if (format == "mhtml")
        how =
            "a web page archive (MHTML, .mht/.mhtml): read it with the Python package (healthplan.extract_file, "
            "the healthplan command), or save the page as HTML";
    else if (format == "ole")
        how =
            "an old Office or WPS file (.doc/.xls/.wps), which cannot be read: convert it first, "
            "e.g. soffice --headless --convert-to docx FILE";
    else if (format == "xlsx" || format == "pptx" || format == "odf" || format == "zip" || format == "rtf")
        how = "a " + std::string(format) +
              " file, which cannot be read: convert it to .docx or text first, e.g. soffice --headless "
              "--convert-to docx FILE";
    else if (format == "image")
        how = "an image (a scan): it has no text to read; run OCR first (e.g. tesseract FILE out -l chi_sim)";
    else if (format == "json")
        how = "JSON, not a plan document (load a plan .json with healthplan::load_plan)";
    else
        how = "an unsupported format";
    throw ParseError("input.unsupported_format", "this file is " + how, where);
}

Plan extract_file(const std::filesystem::path& path, std::string_view encoding, ExtractOptions options) {
    std::string bytes = read_file(path);
    if (const std::string_view format = sniff_format(bytes); format != "text") reject_format(format, path.string());
    std::string detected;
    std::string text = decode_to_utf8(bytes, encoding, &detected, path.string());
    bytes.clear();
    bytes.shrink_to_fit();
    if (options.name.empty()) options.name = path.filename().string();
    options.encoding = detected;
    return extract_owned(std::move(text), options);
}

std::vector<Plan> extract_many(const std::vector<std::filesystem::path>& paths, unsigned threads,
                               const ExtractOptions& options, ProgressFn progress, void* context) {
    ExtractOptions each = options;
    each.name.clear();  // each plan is named after its file (extract_file)
    std::vector<Plan> plans(paths.size());
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(paths.size(), 1)));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::mutex mutex;
    std::size_t done = 0;
    auto work = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= paths.size() || failed.load()) return;
            try {
                plans[i] = extract_file(paths[i], "", each);
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!first_error) first_error = std::current_exception();
                failed.store(true);
                return;
            }
            std::lock_guard<std::mutex> lock(mutex);
            ++done;
            if (progress) progress(context, done, paths.size());
        }
    };
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < threads; ++k) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (first_error) std::rethrow_exception(first_error);
    return plans;
}

std::vector<Plan> extract_many(const std::vector<std::filesystem::path>& paths, unsigned threads, ProgressFn progress,
                               void* context) {
    return extract_many(paths, threads, ExtractOptions{}, progress, context);
}

std::vector<Plan> extract_many(const std::vector<std::filesystem::path>& paths, unsigned threads) {
    return extract_many(paths, threads, ExtractOptions{}, nullptr, nullptr);
}

HEALTHPLAN_END_NAMESPACE
