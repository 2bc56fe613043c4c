// The JSON schema of a Plan (README "JSON schema"), read and written with
// nlohmann/json. The reader walks the document with a JSON pointer in hand so
// every error can name the exact value it is about, and it insists that every
// field of an object is consumed, so an unknown field is reported rather than
// dropped.
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "healthplan/error.hpp"
#include "healthplan/files.hpp"
#include "healthplan/json.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

using json = nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------- writing --

json span_to_json(const std::optional<Span>& s) {
    if (!s) return nullptr;
    return json{{"begin", s->begin}, {"end", s->end}, {"evidence", s->evidence}};
}

template <class T>
json optional_to_json(const std::optional<T>& v) {
    if (!v) return nullptr;
    return *v;
}

json agencies_to_json(const std::vector<Agency>& agencies) {
    json out = json::array();
    for (const auto& a : agencies) out.push_back({{"as_written", a.as_written}, {"name", a.name}});
    return out;
}

json section_to_json(const Section& s) {
    json children = json::array();
    for (const auto& c : s.children) children.push_back(section_to_json(c));
    return {{"label", s.label}, {"title", s.title}, {"span", span_to_json(s.span)}, {"children", children}};
}

json indicator_to_json(const Indicator& i) {
    return {{"id", i.id},
            {"name", i.name},
            {"unit", i.unit.symbol()},
            {"category", i.category},
            {"direction", to_string(i.direction)},
            {"nature", to_string(i.nature)},
            {"code", i.code},
            {"span", span_to_json(i.span)}};
}

json target_to_json(const Target& t) {
    json reference = nullptr;
    if (t.reference)
        reference = {{"year", optional_to_json(t.reference->year)},
                     {"label", t.reference->label},
                     {"value", optional_to_json(t.reference->value)},
                     {"mode", to_string(t.reference->mode)}};
    json baseline = nullptr;
    if (t.baseline) baseline = {{"year", optional_to_json(t.baseline->year)}, {"value", t.baseline->value}};
    return {{"id", t.id},
            {"indicator_id", t.indicator_id},
            {"indicator", t.indicator},
            {"year", optional_to_json(t.year)},
            {"kind", to_string(t.kind)},
            {"comparator", to_string(t.comparator)},
            {"value", optional_to_json(t.value)},
            {"unit", t.unit.symbol()},
            {"unit_text", t.unit_text},
            {"reference", reference},
            {"baseline", baseline},
            {"nature", to_string(t.nature)},
            {"soft", t.soft},
            {"benchmark", t.benchmark},
            {"certainty", to_string(t.certainty)},
            {"note", t.note},
            {"task_id", t.task_id},
            {"lead", agencies_to_json(t.lead)},
            {"responsible", agencies_to_json(t.responsible)},
            {"section", t.section},
            {"span", span_to_json(t.span)}};
}

json task_to_json(const Task& k) {
    json j = {{"id", k.id},
              {"number", k.number},
              {"title", k.title},
              {"text", k.text()},
              {"lead", agencies_to_json(k.lead)},
              {"responsible", agencies_to_json(k.responsible)},
              {"others", k.others},
              {"target_ids", k.target_ids},
              {"span", span_to_json(k.span)}};
    // Optional: files written before tasks had a certainty stay byte-identical on save.
    if (k.certainty != Certainty::certain) j["certainty"] = to_string(k.certainty);
    return j;
}

json plan_to_json(const Plan& p) {
    json j;
    j["schema_version"] = schema_version;
    j["id"] = p.id;
    j["title"] = p.title;
    j["issuer"] = p.issuer;
    j["doc_number"] = p.doc_number;
    j["region"] = {{"name", p.region.name}, {"level", to_string(p.region.level)}, {"province", p.region.province}};
    j["issue_date"] = p.issue_date ? json(p.issue_date->iso()) : json(nullptr);
    j["publication_date"] = p.publication_date ? json(p.publication_date->iso()) : json(nullptr);
    j["period"] = {{"start", optional_to_json(p.period_start)}, {"end", optional_to_json(p.period_end)}};
    j["status"] = to_string(p.status);
    j["references"] = p.references;
    j["source"] = {{"name", p.source.name},         {"sha256", p.source.sha256}, {"size", p.source.size},
                   {"encoding", p.source.encoding}, {"format", p.source.format}, {"text", p.source.text}};
    json sections = json::array(), indicators = json::array(), targets = json::array(), tasks = json::array();
    for (const auto& s : p.sections) sections.push_back(section_to_json(s));
    for (const auto& i : p.indicators) indicators.push_back(indicator_to_json(i));
    for (const auto& t : p.targets) targets.push_back(target_to_json(t));
    for (const auto& k : p.tasks) tasks.push_back(task_to_json(k));
    j["sections"] = std::move(sections);
    j["indicators"] = std::move(indicators);
    j["targets"] = std::move(targets);
    j["tasks"] = std::move(tasks);
    return j;
}

// ---------------------------------------------------------------- reading --

std::string escape_pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

const char* type_name(const json& v) { return v.type_name(); }

[[noreturn]] void schema_error(const std::string& pointer, const std::string& message, std::string id = "json.schema") {
    throw SchemaError(std::move(id), message, pointer.empty() ? "/" : pointer);
}

// A view of one JSON object that remembers which fields were read.
class ObjectReader {
  public:
    ObjectReader(const json& value, std::string pointer, const JsonReadOptions& options)
        : value_(value), pointer_(std::move(pointer)), options_(options) {
        if (!value_.is_object()) schema_error(pointer_, std::string("expected an object, found ") + type_name(value_));
    }

    std::string pointer_to(std::string_view key) const { return pointer_ + "/" + escape_pointer_token(key); }

    // The field, or nullptr when absent or null.
    const json* get(std::string_view key) {
        seen_.insert(std::string(key));
        auto it = value_.find(std::string(key));
        if (it == value_.end() || it->is_null()) return nullptr;
        return &*it;
    }

    const json& require(std::string_view key) {
        const json* v = get(key);
        if (!v) schema_error(pointer_to(key), "required field is missing", "json.missing_field");
        return *v;
    }

    std::string string(std::string_view key, bool required = false) {
        const json* v = required ? &require(key) : get(key);
        if (!v) return {};
        if (!v->is_string()) schema_error(pointer_to(key), std::string("expected a string, found ") + type_name(*v));
        return v->get<std::string>();
    }

    std::optional<int> integer(std::string_view key) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_number_integer())
            schema_error(pointer_to(key), std::string("expected an integer, found ") + type_name(*v) +
                                              (v->is_number_float() ? " with a fraction" : ""));
        const auto n = v->get<std::int64_t>();
        if (n < INT32_MIN || n > INT32_MAX) schema_error(pointer_to(key), "integer out of range");
        return static_cast<int>(n);
    }

    std::uint64_t unsigned_integer(std::string_view key) {
        const json* v = get(key);
        if (!v) return 0;
        if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<std::int64_t>() >= 0))
            schema_error(pointer_to(key), std::string("expected a non-negative integer, found ") + type_name(*v));
        return v->get<std::uint64_t>();
    }

    std::optional<double> number(std::string_view key) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_number()) schema_error(pointer_to(key), std::string("expected a number, found ") + type_name(*v));
        return v->get<double>();
    }

    bool boolean(std::string_view key) {
        const json* v = get(key);
        if (!v) return false;
        if (!v->is_boolean())
            schema_error(pointer_to(key), std::string("expected true or false, found ") + type_name(*v));
        return v->get<bool>();
    }

    std::vector<std::string> strings(std::string_view key) {
        std::vector<std::string> out;
        const json* v = get(key);
        if (!v) return out;
        if (!v->is_array()) schema_error(pointer_to(key), std::string("expected an array, found ") + type_name(*v));
        for (std::size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_string())
                schema_error(pointer_to(key) + "/" + std::to_string(i),
                             std::string("expected a string, found ") + type_name((*v)[i]));
            out.push_back((*v)[i].get<std::string>());
        }
        return out;
    }

    // Calls `read(element, pointer)` for each element of an array field.
    template <class F>
    void each(std::string_view key, F&& read) {
        const json* v = get(key);
        if (!v) return;
        if (!v->is_array()) schema_error(pointer_to(key), std::string("expected an array, found ") + type_name(*v));
        for (std::size_t i = 0; i < v->size(); ++i) read((*v)[i], pointer_to(key) + "/" + std::to_string(i));
    }

    // Converts a string field with `parse`, re-throwing its error at this field's pointer.
    template <class F>
    auto parsed(std::string_view key, F&& parse) {
        const std::string text = string(key);
        try {
            return parse(text);
        } catch (const Error& e) {
            rethrow_at(e, pointer_to(key));
        }
    }

    // Every field must have been read; the rest are unknown.
    void finish() const {
        for (auto it = value_.begin(); it != value_.end(); ++it) {
            if (seen_.count(it.key())) continue;
            const std::string where = pointer_to(it.key());
            if (options_.strict) schema_error(where, "unknown field '" + it.key() + "'", "json.unknown_field");
            if (options_.warnings) options_.warnings->push_back(where + ": unknown field '" + it.key() + "' skipped");
        }
    }

    [[noreturn]] static void rethrow_at(const Error& e, const std::string& pointer) {
        if (dynamic_cast<const UnitError*>(&e)) throw UnitError(e.id(), e.message(), pointer);
        if (dynamic_cast<const ValidationError*>(&e)) throw ValidationError(e.id(), e.message(), pointer);
        throw SchemaError(e.id(), e.message(), pointer);
    }

  private:
    const json& value_;
    std::string pointer_;
    const JsonReadOptions& options_;
    std::set<std::string> seen_;
};

std::optional<Span> read_span(ObjectReader& parent, std::string_view key, const JsonReadOptions& o) {
    const json* v = parent.get(key);
    if (!v) return std::nullopt;
    ObjectReader r(*v, parent.pointer_to(key), o);
    Span s;
    const auto begin = r.require("begin");
    const auto end = r.require("end");
    if (!begin.is_number_unsigned() && !(begin.is_number_integer() && begin.get<std::int64_t>() >= 0))
        schema_error(r.pointer_to("begin"), "expected a non-negative integer byte offset");
    if (!end.is_number_unsigned() && !(end.is_number_integer() && end.get<std::int64_t>() >= 0))
        schema_error(r.pointer_to("end"), "expected a non-negative integer byte offset");
    s.begin = begin.get<std::size_t>();
    s.end = end.get<std::size_t>();
    if (s.end < s.begin) throw ValidationError("model.span", "span ends before it begins", r.pointer_to("end"));
    s.evidence = r.string("evidence");
    r.finish();
    return s;
}

std::vector<Agency> read_agencies(ObjectReader& parent, std::string_view key, const JsonReadOptions& o) {
    std::vector<Agency> out;
    parent.each(key, [&](const json& v, const std::string& ptr) {
        ObjectReader r(v, ptr, o);
        Agency a;
        a.as_written = r.string("as_written");
        a.name = r.string("name", true);
        r.finish();
        out.push_back(std::move(a));
    });
    return out;
}

Section read_section(const json& v, const std::string& ptr, const JsonReadOptions& o) {
    ObjectReader r(v, ptr, o);
    Section s;
    s.label = r.string("label");
    s.title = r.string("title");
    s.span = read_span(r, "span", o);
    r.each("children", [&](const json& c, const std::string& cp) { s.children.push_back(read_section(c, cp, o)); });
    r.finish();
    return s;
}

Indicator read_indicator(const json& v, const std::string& ptr, const JsonReadOptions& o) {
    ObjectReader r(v, ptr, o);
    Indicator i;
    i.id = r.string("id", true);
    i.name = r.string("name", true);
    i.unit = r.parsed("unit", [](const std::string& s) { return Unit::parse(s); });
    i.category = r.string("category");
    i.direction =
        r.parsed("direction", [](const std::string& s) { return s.empty() ? Direction::unknown : parse_direction(s); });
    i.nature = r.parsed("nature", [](const std::string& s) { return parse_nature(s); });
    i.code = r.string("code");
    i.span = read_span(r, "span", o);
    r.finish();
    return i;
}

Target read_target(const json& v, const std::string& ptr, const JsonReadOptions& o) {
    ObjectReader r(v, ptr, o);
    Target t;
    t.id = r.string("id", true);
    t.indicator_id = r.string("indicator_id");
    t.indicator = r.string("indicator", true);
    t.year = r.integer("year");
    t.kind = r.parsed("kind", [](const std::string& s) { return parse_target_kind(s); });
    r.require("comparator");
    t.comparator = r.parsed("comparator", [](const std::string& s) { return parse_comparator(s); });
    t.value = r.number("value");
    t.unit = r.parsed("unit", [](const std::string& s) { return Unit::parse(s); });
    t.unit_text = r.string("unit_text");
    if (const json* ref = r.get("reference")) {
        ObjectReader rr(*ref, r.pointer_to("reference"), o);
        Reference x;
        x.year = rr.integer("year");
        x.label = rr.string("label");
        x.value = rr.number("value");
        x.mode = rr.parsed(
            "mode", [](const std::string& s) { return s.empty() ? ChangeMode::relative : parse_change_mode(s); });
        rr.finish();
        t.reference = std::move(x);
    }
    if (const json* base = r.get("baseline")) {
        ObjectReader br(*base, r.pointer_to("baseline"), o);
        Baseline b;
        b.year = br.integer("year");
        br.require("value");
        b.value = *br.number("value");
        br.finish();
        t.baseline = b;
    }
    t.nature = r.parsed("nature", [](const std::string& s) { return parse_nature(s); });
    t.soft = r.boolean("soft");
    t.benchmark = r.string("benchmark");
    t.certainty =
        r.parsed("certainty", [](const std::string& s) { return s.empty() ? Certainty::certain : parse_certainty(s); });
    t.note = r.string("note");
    t.task_id = r.string("task_id");
    t.lead = read_agencies(r, "lead", o);
    t.responsible = read_agencies(r, "responsible", o);
    t.section = r.strings("section");
    t.span = read_span(r, "span", o);
    r.finish();
    return t;
}

Task read_task(const json& v, const std::string& ptr, const JsonReadOptions& o) {
    ObjectReader r(v, ptr, o);
    Task k;
    k.id = r.string("id", true);
    k.number = r.strings("number");
    k.title = r.string("title");
    std::string text = r.string("text");
    k.lead = read_agencies(r, "lead", o);
    k.responsible = read_agencies(r, "responsible", o);
    k.others = r.strings("others");
    k.target_ids = r.strings("target_ids");
    k.span = read_span(r, "span", o);
    k.set_text(std::move(text));  // after the span: a body that is its evidence is not stored twice
    k.certainty =
        r.parsed("certainty", [](const std::string& s) { return s.empty() ? Certainty::certain : parse_certainty(s); });
    r.finish();
    return k;
}

Plan read_plan(const json& root, const JsonReadOptions& o) {
    ObjectReader r(root, "", o);
    const auto version = r.integer("schema_version");
    if (!version) schema_error("/schema_version", "required field is missing", "json.missing_field");
    if (*version < 1 || *version > schema_version)
        schema_error("/schema_version",
                     "unsupported schema version " + std::to_string(*version) + " (this library reads 1 to " +
                         std::to_string(schema_version) + ")",
                     "json.schema_version");
    Plan p;
    p.id = r.string("id");
    p.title = r.string("title");
    p.issuer = r.string("issuer");
    p.doc_number = r.string("doc_number");
    if (const json* reg = r.get("region")) {
        ObjectReader rr(*reg, "/region", o);
        p.region.name = rr.string("name");
        p.region.level = rr.parsed(
            "level", [](const std::string& s) { return s.empty() ? AdminLevel::unknown : parse_admin_level(s); });
        p.region.province = rr.string("province");
        rr.finish();
    }
    auto date = [&](std::string_view key) -> std::optional<Date> {
        if (!r.get(key)) return std::nullopt;
        return r.parsed(key, [](const std::string& s) { return Date::parse(s); });
    };
    p.issue_date = date("issue_date");
    p.publication_date = date("publication_date");
    if (const json* per = r.get("period")) {
        ObjectReader pr(*per, "/period", o);
        p.period_start = pr.integer("start");
        p.period_end = pr.integer("end");
        pr.finish();
    }
    p.status =
        r.parsed("status", [](const std::string& s) { return s.empty() ? PlanStatus::unknown : parse_plan_status(s); });
    p.references = r.strings("references");
    if (const json* src = r.get("source")) {
        ObjectReader sr(*src, "/source", o);
        p.source.name = sr.string("name");
        p.source.sha256 = sr.string("sha256");
        p.source.size = sr.unsigned_integer("size");
        p.source.encoding = sr.string("encoding");
        p.source.format = sr.string("format");
        p.source.text = sr.string("text");
        sr.finish();
    }
    r.each("sections", [&](const json& v, const std::string& ptr) { p.sections.push_back(read_section(v, ptr, o)); });
    r.each("indicators",
           [&](const json& v, const std::string& ptr) { p.indicators.push_back(read_indicator(v, ptr, o)); });
    r.each("targets", [&](const json& v, const std::string& ptr) { p.targets.push_back(read_target(v, ptr, o)); });
    r.each("tasks", [&](const json& v, const std::string& ptr) { p.tasks.push_back(read_task(v, ptr, o)); });
    r.finish();
    p.validate();
    return p;
}

// "line 3, column 14" for a byte offset, so a parse error can be found in an editor.
std::string line_column(std::string_view text, std::size_t byte) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++column;
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

// Where the number quoted in nlohmann's "number overflow parsing '1e400'" first occurs.
std::string number_position(std::string_view text, std::string_view what) {
    const auto open = what.find('\'');
    const auto close = what.rfind('\'');
    if (open == std::string_view::npos || close <= open + 1) return "";
    const auto at = text.find(what.substr(open + 1, close - open - 1));
    return at == std::string_view::npos ? "" : line_column(text, at);
}

// Walks the parse events to refuse what nlohmann accepts but a plan must not
// have: a key repeated in one object (nlohmann keeps the last value and drops
// the first silently) and nesting deeper than any plan needs (the reader and
// writer recurse per section level, so depth must be bounded before them).
// Keeps the JSON pointer of the current value to name the place.
class StructureGuard {
  public:
    // 2 JSON levels per section level: room for ~120 nested sections; real plans use under 8.
    static constexpr std::size_t max_depth = 256;

    bool operator()(int /*depth*/, nlohmann::detail::parse_event_t event, json& parsed) {
        using E = nlohmann::detail::parse_event_t;
        switch (event) {
            case E::object_start:
            case E::array_start:
                if (frames_.size() >= max_depth)
                    throw SchemaError("json.too_deep", "nested more than " + std::to_string(max_depth) + " levels deep",
                                      pointer());
                frames_.push_back(Frame{event == E::array_start, 0, {}, {}});
                break;
            case E::key: {
                Frame& f = frames_.back();
                f.key = parsed.get<std::string>();
                if (!f.keys.insert(f.key).second)
                    throw SchemaError("json.duplicate_key", "key '" + f.key + "' appears twice in one object",
                                      pointer());
                break;
            }
            case E::object_end:
            case E::array_end:
                frames_.pop_back();
                element_done();
                break;
            case E::value:
                element_done();
                break;
        }
        return true;
    }

  private:
    struct Frame {
        bool array;
        std::size_t index;
        std::string key;
        std::set<std::string> keys;
    };

    void element_done() {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    }

    std::string pointer() const {
        std::string out;
        for (const auto& f : frames_) out += "/" + (f.array ? std::to_string(f.index) : escape_pointer_token(f.key));
        return out.empty() ? "/" : out;
    }

    std::vector<Frame> frames_;
};

std::string with_file(const std::filesystem::path& path, const std::string& where) {
    return path.string() + (where.empty() ? "" : (where.front() == '/' ? "#" : ":") + where);
}

}  // namespace

std::string to_json(const Plan& plan, int indent) {
    try {
        return plan_to_json(plan).dump(indent, ' ', false, json::error_handler_t::strict);
    } catch (const json::exception& e) {
        // Only reachable when a string field holds invalid UTF-8.
        throw ValidationError("json.invalid_utf8", std::string("cannot write plan: ") + e.what(), "plan " + plan.id);
    }
}

namespace {
json parse_guarded(std::string_view text) {
    StructureGuard guard;
    try {
        return json::parse(text.begin(), text.end(), std::ref(guard));
    } catch (const json::parse_error& e) {
        const std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: "; keep the reason.
        if (auto pos = what.find(": "); pos != std::string::npos) what = what.substr(pos + 2);
        throw ParseError("json.syntax", "malformed JSON: " + what, line_column(text, at));
    } catch (const json::out_of_range& e) {
        // A number too large for a double (1e400): nlohmann quotes it but gives no position.
        throw ParseError("json.syntax", "number out of range", number_position(text, e.what()));
    } catch (const json::exception& e) {
        throw ParseError("json.syntax", std::string("malformed JSON: ") + e.what(), "");
    }
}

template <class T>
std::string dump_strict(const T& value, const std::string& what) {
    try {
        return value.dump(-1, ' ', false, json::error_handler_t::strict);
    } catch (const json::exception& e) {
        throw ValidationError("json.invalid_utf8", std::string("cannot write: ") + e.what(), what);
    }
}
}  // namespace

std::string to_json(const Target& target) { return dump_strict(target_to_json(target), "target " + target.id); }
std::string to_json(const Task& task) { return dump_strict(task_to_json(task), "task " + task.id); }

Target target_from_json(std::string_view text) {
    const JsonReadOptions options;
    Target t = read_target(parse_guarded(text), "", options);
    t.validate();
    return t;
}

Task task_from_json(std::string_view text) {
    const JsonReadOptions options;
    Task k = read_task(parse_guarded(text), "", options);
    k.validate();
    return k;
}

Plan plan_from_json(std::string_view text, const JsonReadOptions& options) {
    json root = parse_guarded(text);
    return read_plan(root, options);
}

Plan load_plan(const std::filesystem::path& path, const JsonReadOptions& options) {
    const std::string text = read_file(path);
    try {
        return plan_from_json(text, options);
    } catch (const ParseError& e) {
        throw ParseError(e.id(), e.message(), with_file(path, e.where()));
    } catch (const SchemaError& e) {
        throw SchemaError(e.id(), e.message(), with_file(path, e.where()));
    } catch (const UnitError& e) {
        throw UnitError(e.id(), e.message(), with_file(path, e.where()));
    } catch (const ValidationError& e) {
        throw ValidationError(e.id(), e.message(), with_file(path, e.where()));
    }
}

void save_plan(const Plan& plan, const std::filesystem::path& path, int indent) {
    write_file_atomic(path, to_json(plan, indent) + '\n');
}

HEALTHPLAN_END_NAMESPACE
