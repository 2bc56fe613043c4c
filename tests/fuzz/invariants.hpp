// The invariants every fuzz target asserts. A violation calls fail(), which
// prints the reason and aborts, so libFuzzer saves the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <healthplan/healthplan.hpp>

namespace fuzz {

[[noreturn]] inline void fail(const std::string& why) {
    std::fprintf(stderr, "INVARIANT BROKEN: %s\n", why.c_str());
    std::abort();
}

inline void require_utf8(std::string_view s, const char* what) {
    if (auto at = healthplan::find_invalid_utf8(s))
        fail(std::string(what) + " is not valid UTF-8 at byte " + std::to_string(*at));
}

// A library error: a known id of the class it is thrown as, and a message
// that is valid UTF-8 (it is shown to people and decoded by Python).
inline void check_error(const healthplan::Error& e) {
    using K = healthplan::ErrorKind;
    const auto* entry = healthplan::find_error_id(e.id());
    if (!entry) fail("error id '" + e.id() + "' is not in healthplan::error_ids");
    const bool right_class = (entry->kind == K::parse && dynamic_cast<const healthplan::ParseError*>(&e)) ||
                             (entry->kind == K::schema && dynamic_cast<const healthplan::SchemaError*>(&e)) ||
                             (entry->kind == K::validation && dynamic_cast<const healthplan::ValidationError*>(&e)) ||
                             (entry->kind == K::unit && dynamic_cast<const healthplan::UnitError*>(&e)) ||
                             (entry->kind == K::data && dynamic_cast<const healthplan::DataError*>(&e));
    if (!right_class) fail("error '" + e.id() + "' thrown as the wrong class");
    require_utf8(e.what(), "error message");
}

inline void check_span(const std::optional<healthplan::Span>& span, std::string_view text, const char* what) {
    if (!span) return;
    if (span->begin > span->end || span->end > text.size()) fail(std::string(what) + ": span out of range");
    if (text.substr(span->begin, span->end - span->begin) != span->evidence)
        fail(std::string(what) + ": text[span] != evidence");
    require_utf8(span->evidence, what);
}

// Every string of an extracted plan is valid UTF-8 and every span quotes the text.
inline void check_strings_and_spans(const healthplan::Plan& p, std::string_view text) {
    for (const auto* s : {&p.id, &p.title, &p.issuer, &p.doc_number, &p.region.name, &p.region.province})
        require_utf8(*s, "plan field");
    for (const auto& r : p.references) require_utf8(r, "reference");
    std::vector<const healthplan::Section*> stack;
    for (const auto& s : p.sections) stack.push_back(&s);
    while (!stack.empty()) {
        const auto* s = stack.back();
        stack.pop_back();
        require_utf8(s->label, "section label");
        require_utf8(s->title, "section title");
        check_span(s->span, text, "section");
        for (const auto& c : s->children) stack.push_back(&c);
    }
    for (const auto& i : p.indicators) {
        for (const auto* s : {&i.id, &i.name, &i.category, &i.code}) require_utf8(*s, "indicator field");
        check_span(i.span, text, "indicator");
    }
    for (const auto& t : p.targets) {
        for (const auto* s : {&t.id, &t.indicator_id, &t.indicator, &t.unit_text, &t.benchmark, &t.note, &t.task_id})
            require_utf8(*s, "target field");
        if (t.reference) require_utf8(t.reference->label, "target reference label");
        for (const auto& s : t.section) require_utf8(s, "target section");
        check_span(t.span, text, "target");
    }
    for (const auto& k : p.tasks) {
        for (const auto* s : {&k.id, &k.title}) require_utf8(*s, "task field");
        require_utf8(k.text(), "task field");
        for (const auto& v : {k.number, k.others, k.target_ids})
            for (const auto& s : v) require_utf8(s, "task list field");
        for (const auto& v : {k.lead, k.responsible})
            for (const auto& a : v) {
                require_utf8(a.as_written, "agency as written");
                require_utf8(a.name, "agency name");
            }
        check_span(k.span, text, "task");
    }
}

// What extract returns must pass the model's own validation and survive
// save -> load -> save byte for byte.
inline void check_round_trip(const healthplan::Plan& p) {
    std::string first;
    try {
        p.validate();
        first = healthplan::to_json(p);
        const healthplan::Plan back = healthplan::plan_from_json(first);
        if (healthplan::to_json(back) != first) fail("save -> load -> save is not byte-identical");
    } catch (const healthplan::Error& e) {
        fail(std::string("extracted plan fails its own model: ") + e.what());
    }
}

}  // namespace fuzz
