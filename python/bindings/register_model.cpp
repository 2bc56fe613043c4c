#include "bindings.hpp"

#include <pybind11/operators.h>

#include <sstream>

#include <healthplan/healthplan.hpp>

namespace hp = healthplan;

namespace {

// Keyword construction for every plain model type: Target(indicator="…", year=2030).
// Unknown keywords are a TypeError, so a misspelt field is never dropped.
template <class T, class... Extra>
py::class_<T, Extra...>& keyword_init(py::class_<T, Extra...>& cls) {
    cls.def(py::init([](const py::kwargs& kwargs) {
                py::object obj = py::cast(T{});
                for (auto item : kwargs) {
                    const auto key = py::str(item.first);
                    if (!py::hasattr(obj, key))
                        throw py::type_error(std::string(py::str(py::type::of(obj).attr("__name__"))) +
                                             "() got an unexpected keyword argument '" + std::string(key) + "'");
                    py::setattr(obj, key, item.second);
                }
                return obj.cast<T>();
            }),
            "Creates the object; every field may be given by keyword.");
    cls.def(py::self == py::self);  // NOLINT(misc-redundant-expression)
    cls.def("__copy__", [](const T& self) { return T(self); });
    cls.def(
        "__deepcopy__", [](const T& self, py::dict) { return T(self); }, py::arg("memo"));
    return cls;
}

std::string optional_int(const std::optional<int>& v) { return v ? std::to_string(*v) : "None"; }

std::string number(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

}  // namespace

void register_model(py::module_& m) {
    bind_enum<hp::TargetKind>(m, "TargetKind", "The form of a target.");
    bind_enum<hp::Comparator>(m, "Comparator", "How the value compares with the threshold.")
        .def_property_readonly("symbol", [](hp::Comparator c) { return std::string(hp::to_string(c)); });
    bind_enum<hp::ChangeMode>(m, "ChangeMode", "How a change applies to its reference.");
    bind_enum<hp::Certainty>(m, "Certainty", "certain, or uncertain (transcription damage).");
    bind_enum<hp::Nature>(m, "Nature", "约束性 binding, 预期性 expected, 倡导性 advocacy.");
    bind_enum<hp::Direction>(m, "Direction", "Which way is better.");
    bind_enum<hp::AdminLevel>(m, "AdminLevel", "The administrative level of a plan's region.");
    bind_enum<hp::PlanStatus>(m, "PlanStatus", "Whether a plan is in force.");
    bind_enum<hp::Dimension>(m, "Dimension", "What a unit measures: ratio, ratio difference, duration or count.");

    py::class_<hp::Unit>(m, "Unit", "A unit: %, ‰, 1/100000, percentage_point, years or a counting unit.")
        .def(py::init([](const std::string& text) { return hp::Unit::parse(text); }), py::arg("text") = "",
             "Parses a canonical symbol or a form as written ('/10万', '个百分点', '岁').")
        .def_static("parse", &hp::Unit::parse, py::arg("text"))
        .def_property_readonly("symbol", &hp::Unit::symbol)
        .def_property_readonly("dimension", &hp::Unit::dimension)
        .def_property_readonly("noun", &hp::Unit::noun)
        .def("compatible_with", &hp::Unit::compatible_with, py::arg("other"))
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__hash__", [](const hp::Unit& u) { return py::hash(py::str(u.symbol())); })
        .def("__str__", &hp::Unit::symbol)
        .def("__repr__", [](const hp::Unit& u) { return "Unit('" + u.symbol() + "')"; })
        .def(py::pickle([](const hp::Unit& u) { return u.symbol(); },
                        [](const std::string& s) { return hp::Unit::parse(s); }));
    m.def(
        "convert",
        [](double value, py::object from, py::object to) {
            auto unit = [](const py::object& u) -> hp::Unit {
                if (py::isinstance<hp::Unit>(u)) return u.cast<hp::Unit>();
                return hp::Unit::parse(std::string(py::str(u)));
            };
            return hp::convert(value, unit(from), unit(to));
        },
        py::arg("value"), py::arg("from_unit"), py::arg("to_unit"),
        "Converts a value between compatible units exactly; raises UnitError otherwise.");

    py::class_<hp::Span> span(m, "Span", "Byte offsets [begin, end) into the UTF-8 source, and the evidence text.");
    span.def_readwrite("begin", &hp::Span::begin)
        .def_readwrite("end", &hp::Span::end)
        .def_readwrite("evidence", &hp::Span::evidence)
        .def("__repr__", [](const hp::Span& s) {
            return "Span(" + std::to_string(s.begin) + ", " + std::to_string(s.end) + ", '" + s.evidence + "')";
        });
    keyword_init(span);

    py::class_<hp::Agency> agency(m, "Agency", "A responsible unit: the name as written and its full name.");
    agency.def_readwrite("as_written", &hp::Agency::as_written)
        .def_readwrite("name", &hp::Agency::name)
        .def("__repr__", [](const hp::Agency& a) { return "Agency('" + a.name + "')"; });
    keyword_init(agency);

    py::class_<hp::Region> region(m, "Region");
    region.def_readwrite("name", &hp::Region::name)
        .def_readwrite("level", &hp::Region::level)
        .def_readwrite("province", &hp::Region::province)
        .def("__repr__", [](const hp::Region& r) {
            return "Region('" + r.name + "', " + std::string(hp::to_string(r.level)) + ")";
        });
    keyword_init(region);

    py::class_<hp::Date> date(m, "Date");
    date.def_readwrite("year", &hp::Date::year)
        .def_readwrite("month", &hp::Date::month)
        .def_readwrite("day", &hp::Date::day)
        .def_static("parse", &hp::Date::parse, py::arg("iso"))
        .def("iso", &hp::Date::iso)
        .def("__str__", &hp::Date::iso)
        .def("__repr__", [](const hp::Date& d) { return "Date('" + d.iso() + "')"; });
    keyword_init(date);

    py::class_<hp::Indicator> indicator(m, "Indicator", "What a plan measures.");
    indicator.def_readwrite("id", &hp::Indicator::id)
        .def_readwrite("name", &hp::Indicator::name)
        .def_readwrite("unit", &hp::Indicator::unit)
        .def_readwrite("category", &hp::Indicator::category)
        .def_readwrite("direction", &hp::Indicator::direction)
        .def_readwrite("nature", &hp::Indicator::nature)
        .def_readwrite("code", &hp::Indicator::code)
        .def_readwrite("span", &hp::Indicator::span)
        .def("__repr__", [](const hp::Indicator& i) { return "Indicator('" + i.id + "', '" + i.name + "')"; });
    keyword_init(indicator);

    py::class_<hp::Reference> reference(m, "Reference", "What a change target is measured from.");
    reference.def_readwrite("year", &hp::Reference::year)
        .def_readwrite("label", &hp::Reference::label)
        .def_readwrite("value", &hp::Reference::value)
        .def_readwrite("mode", &hp::Reference::mode)
        .def("__repr__", [](const hp::Reference& r) {
            return "Reference(year=" + optional_int(r.year) + ", label='" + r.label + "')";
        });
    keyword_init(reference);

    py::class_<hp::Baseline> baseline(m, "Baseline", "A baseline value the plan states.");
    baseline.def_readwrite("year", &hp::Baseline::year)
        .def_readwrite("value", &hp::Baseline::value)
        .def("__repr__", [](const hp::Baseline& b) {
            return "Baseline(year=" + optional_int(b.year) + ", value=" + number(b.value) + ")";
        });
    keyword_init(baseline);

    py::class_<hp::Target> target(m, "Target", "What a plan promises about one indicator at one year.");
    target.def_readwrite("id", &hp::Target::id)
        .def_readwrite("indicator_id", &hp::Target::indicator_id)
        .def_readwrite("indicator", &hp::Target::indicator)
        .def_readwrite("year", &hp::Target::year)
        .def_readwrite("kind", &hp::Target::kind)
        .def_readwrite("comparator", &hp::Target::comparator)
        .def_readwrite("value", &hp::Target::value)
        .def_readwrite("unit", &hp::Target::unit)
        .def_readwrite("unit_text", &hp::Target::unit_text)
        .def_readwrite("reference", &hp::Target::reference)
        .def_readwrite("baseline", &hp::Target::baseline)
        .def_readwrite("nature", &hp::Target::nature)
        .def_readwrite("soft", &hp::Target::soft)
        .def_readwrite("benchmark", &hp::Target::benchmark)
        .def_readwrite("certainty", &hp::Target::certainty)
        .def_readwrite("note", &hp::Target::note)
        .def_readwrite("task_id", &hp::Target::task_id)
        .def_readwrite("lead", &hp::Target::lead)
        .def_readwrite("responsible", &hp::Target::responsible)
        .def_readwrite("section", &hp::Target::section)
        .def_readwrite("span", &hp::Target::span)
        .def("validate", &hp::Target::validate, "Raises ValidationError naming the bad field.")
        .def("__repr__",
             [](const hp::Target& t) {
                 std::string s =
                     "<Target " + t.id + ": " + t.indicator + " " + std::string(hp::to_string(t.comparator));
                 if (t.value) s += " " + number(*t.value) + t.unit.symbol();
                 if (!t.benchmark.empty()) s += " " + t.benchmark;
                 s += " by " + optional_int(t.year) + " (" + std::string(hp::to_string(t.kind)) + ")>";
                 return s;
             })
        // Pickled as its JSON object (the plan schema's), like Plan.
        .def(py::pickle([](const hp::Target& t) { return hp::to_json(t); },
                        [](const std::string& s) { return hp::target_from_json(s); }));
    keyword_init(target);

    py::class_<hp::Task> task(m, "Task", "A numbered measure with the units responsible for it.");
    task.def_readwrite("id", &hp::Task::id)
        .def_readwrite("number", &hp::Task::number)
        .def_readwrite("title", &hp::Task::title)
        // The body: the span's evidence unless the task has one of its own (Task::set_text).
        .def_property(
            "text", [](const hp::Task& k) { return std::string(k.text()); },
            [](hp::Task& k, std::string body) { k.set_text(std::move(body)); })
        .def_readwrite("lead", &hp::Task::lead)
        .def_readwrite("responsible", &hp::Task::responsible)
        .def_readwrite("others", &hp::Task::others)
        .def_readwrite("certainty", &hp::Task::certainty)
        .def_readwrite("target_ids", &hp::Task::target_ids)
        .def_readwrite("span", &hp::Task::span)
        .def("number_string", &hp::Task::number_string)
        .def("validate", &hp::Task::validate)
        .def("__repr__",
             [](const hp::Task& k) {
                 return "<Task " + k.number_string() + " " + k.title + " (" + std::to_string(k.lead.size()) +
                        " lead, " + std::to_string(k.responsible.size()) + " responsible)>";
             })
        .def(py::pickle([](const hp::Task& k) { return hp::to_json(k); },
                        [](const std::string& s) { return hp::task_from_json(s); }));
    keyword_init(task);

    py::class_<hp::Section> section(m, "Section", "A heading of the outline and what is nested under it.");
    section.def_readwrite("label", &hp::Section::label)
        .def_readwrite("title", &hp::Section::title)
        .def_readwrite("span", &hp::Section::span)
        .def_readwrite("children", &hp::Section::children)
        .def("__repr__", [](const hp::Section& s) {
            return "<Section " + s.label + s.title + " (" + std::to_string(s.children.size()) + " children)>";
        });
    keyword_init(section);

    py::class_<hp::SourceInfo> source(m, "SourceInfo", "The identity of the text a plan was read from.");
    source.def_readwrite("name", &hp::SourceInfo::name)
        .def_readwrite("sha256", &hp::SourceInfo::sha256)
        .def_readwrite("size", &hp::SourceInfo::size)
        .def_readwrite("encoding", &hp::SourceInfo::encoding)
        .def_readwrite("format", &hp::SourceInfo::format)
        .def_readwrite("text", &hp::SourceInfo::text)
        .def("__repr__", [](const hp::SourceInfo& s) { return "SourceInfo('" + s.name + "')"; });
    keyword_init(source);

    py::class_<hp::Plan> plan(m, "Plan", "A health plan: metadata, outline, indicators, targets and tasks.");
    plan.def_readwrite("id", &hp::Plan::id)
        .def_readwrite("title", &hp::Plan::title)
        .def_readwrite("issuer", &hp::Plan::issuer)
        .def_readwrite("doc_number", &hp::Plan::doc_number)
        .def_readwrite("region", &hp::Plan::region)
        .def_readwrite("issue_date", &hp::Plan::issue_date)
        .def_readwrite("publication_date", &hp::Plan::publication_date)
        .def_readwrite("period_start", &hp::Plan::period_start)
        .def_readwrite("period_end", &hp::Plan::period_end)
        .def_readwrite("status", &hp::Plan::status)
        .def_readwrite("references", &hp::Plan::references)
        .def_readwrite("sections", &hp::Plan::sections)
        .def_readwrite("indicators", &hp::Plan::indicators)
        .def_readwrite("targets", &hp::Plan::targets)
        .def_readwrite("tasks", &hp::Plan::tasks)
        .def_readwrite("source", &hp::Plan::source)
        .def("validate", &hp::Plan::validate, "Checks every invariant; raises ValidationError naming the place.")
        .def(
            "find_indicator",
            [](const hp::Plan& p, const std::string& id) -> std::optional<hp::Indicator> {
                if (auto* x = p.find_indicator(id)) return *x;
                return std::nullopt;
            },
            py::arg("id"))
        .def(
            "find_target",
            [](const hp::Plan& p, const std::string& id) -> std::optional<hp::Target> {
                if (auto* x = p.find_target(id)) return *x;
                return std::nullopt;
            },
            py::arg("id"))
        .def(
            "find_task",
            [](const hp::Plan& p, const std::string& id) -> std::optional<hp::Task> {
                if (auto* x = p.find_task(id)) return *x;
                return std::nullopt;
            },
            py::arg("id"))
        .def(
            "to_json", [](const hp::Plan& p, int indent) { return hp::to_json(p, indent); }, py::arg("indent") = 2,
            "The plan as JSON text in the versioned schema.")
        .def_static(
            "from_json",
            [](const std::string& text, bool strict) {
                std::vector<std::string> warnings;
                hp::JsonReadOptions options{strict, &warnings};
                hp::Plan p = hp::plan_from_json(text, options);
                if (!warnings.empty()) {
                    auto warn = py::module_::import("warnings").attr("warn");
                    for (const auto& w : warnings) warn(w);
                }
                return p;
            },
            py::arg("text"), py::arg("strict") = true,
            "Reads a plan from JSON; errors name the JSON pointer. With strict=False unknown fields are warned about.")
        .def("__repr__",
             [](const hp::Plan& p) {
                 return "<Plan " + (p.id.empty() ? std::string("?") : p.id) + " '" + p.title +
                        "': " + std::to_string(p.targets.size()) + " targets, " + std::to_string(p.tasks.size()) +
                        " tasks, " + std::to_string(p.indicators.size()) + " indicators>";
             })
        .def(py::pickle([](const hp::Plan& p) { return hp::to_json(p, -1); },
                        [](const std::string& s) { return hp::plan_from_json(s); }));
    keyword_init(plan);

    m.def(
        "_load_plan",
        [](const std::filesystem::path& path, bool strict) {
            std::vector<std::string> warnings;
            hp::Plan p = hp::load_plan(path, {strict, &warnings});
            if (!warnings.empty()) {
                auto warn = py::module_::import("warnings").attr("warn");
                for (const auto& w : warnings) warn(w);
            }
            return p;
        },
        py::arg("path"), py::arg("strict") = true);
    m.def(
        "_save_plan",
        [](const hp::Plan& p, const std::filesystem::path& path, int indent) { hp::save_plan(p, path, indent); },
        py::arg("plan"), py::arg("path"), py::arg("indent") = 2);
    m.def(
        "find_invalid_utf8", [](const py::bytes& b) { return hp::find_invalid_utf8(std::string_view(b)); },
        py::arg("data"), "Byte offset of the first invalid UTF-8 sequence, or None.");
    m.attr("SCHEMA_VERSION") = hp::schema_version;
}
