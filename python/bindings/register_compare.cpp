#include "bindings.hpp"

#include <healthplan/agencies.hpp>
#include <healthplan/catalog.hpp>
#include <healthplan/compare.hpp>
#include <healthplan/plan.hpp>

namespace hp = healthplan;

// The compare area: the indicator catalog and matcher, agency
// normalisation and stringency. The DataFrames are built in
// healthplan/compare.py on top of these.
void register_compare(py::module_& m) {
    bind_enum<hp::MatchReason>(m, "MatchReason", "How an indicator name was matched to a catalog code.");
    bind_enum<hp::Stringency>(m, "Stringency", "A plan target against the national target.");

    py::class_<hp::CatalogTarget>(m, "CatalogTarget", "A national target of a catalog indicator, with its source.")
        .def_readonly("year", &hp::CatalogTarget::year)
        .def_readonly("kind", &hp::CatalogTarget::kind)
        .def_readonly("comparator", &hp::CatalogTarget::comparator)
        .def_readonly("value", &hp::CatalogTarget::value)
        .def_readonly("unit", &hp::CatalogTarget::unit)
        .def_readonly("text", &hp::CatalogTarget::text)
        .def_readonly("source", &hp::CatalogTarget::source)
        .def_readonly("note", &hp::CatalogTarget::note)
        .def("__repr__", [](const hp::CatalogTarget& t) {
            return "<CatalogTarget " + std::to_string(t.year) + " " + t.text + " [" + t.source + "]>";
        });
    py::class_<hp::CatalogBaseline>(m, "CatalogBaseline")
        .def_readonly("year", &hp::CatalogBaseline::year)
        .def_readonly("value", &hp::CatalogBaseline::value)
        .def_readonly("text", &hp::CatalogBaseline::text)
        .def_readonly("source", &hp::CatalogBaseline::source);
    py::class_<hp::CatalogEntry>(m, "CatalogEntry", "One canonical indicator of the catalog.")
        .def_readonly("code", &hp::CatalogEntry::code)
        .def_readonly("name", &hp::CatalogEntry::name)
        .def_readonly("action_no", &hp::CatalogEntry::action_no)
        .def_readonly("action", &hp::CatalogEntry::action)
        .def_readonly("unit", &hp::CatalogEntry::unit)
        .def_readonly("direction", &hp::CatalogEntry::direction)
        .def_readonly("nature", &hp::CatalogEntry::nature)
        .def_readonly("aliases", &hp::CatalogEntry::aliases)
        .def_readonly("baseline", &hp::CatalogEntry::baseline)
        .def_readonly("targets", &hp::CatalogEntry::targets)
        .def_readonly("source", &hp::CatalogEntry::source)
        .def_readonly("note", &hp::CatalogEntry::note)
        .def(
            "target_for",
            [](const hp::CatalogEntry& e, int year) -> std::optional<hp::CatalogTarget> {
                if (const auto* t = e.target_for(year)) return *t;
                return std::nullopt;
            },
            py::arg("year"), "The national target for `year`, or None.")
        .def("__repr__", [](const hp::CatalogEntry& e) { return "<CatalogEntry " + e.code + " " + e.name + ">"; });
    py::class_<hp::CatalogSource>(m, "CatalogSource")
        .def_readonly("id", &hp::CatalogSource::id)
        .def_readonly("url", &hp::CatalogSource::url)
        .def_readonly("title", &hp::CatalogSource::title);
    py::class_<hp::IndicatorMatch>(m, "IndicatorMatch", "The catalog code an indicator name maps to, and why.")
        .def_readonly("name", &hp::IndicatorMatch::name)
        .def_readonly("code", &hp::IndicatorMatch::code)
        .def_readonly("confidence", &hp::IndicatorMatch::confidence)
        .def_readonly("reason", &hp::IndicatorMatch::reason)
        .def_readonly("matched", &hp::IndicatorMatch::matched)
        .def_readonly("detail", &hp::IndicatorMatch::detail)
        .def("__bool__", &hp::IndicatorMatch::matched_ok)
        .def("__repr__", [](const hp::IndicatorMatch& x) {
            return "<IndicatorMatch " + x.name + " -> " + (x.code.empty() ? std::string("(none)") : x.code) + " " +
                   std::string(hp::to_string(x.reason)) + " " + std::to_string(x.confidence).substr(0, 4) + ">";
        });

    py::class_<hp::Catalog>(m, "Catalog",
                            "A canonical indicator catalog: codes, names, aliases, directions and national targets.")
        .def(py::init<>())
        .def_static("from_json", &hp::Catalog::from_json, py::arg("text"), py::arg("source_name") = "catalog")
        .def_static("load", &hp::Catalog::load, py::arg("path"))
        .def("merge", &hp::Catalog::merge, py::arg("other"),
             "Adds another catalog's entries and aliases (entries with the same code are replaced).")
        .def("add_alias", &hp::Catalog::add_alias, py::arg("code"), py::arg("alias"))
        .def_property_readonly("entries", &hp::Catalog::entries)
        .def_property_readonly("sources", &hp::Catalog::sources)
        .def_property_readonly("name", &hp::Catalog::name)
        .def(
            "find",
            [](const hp::Catalog& c, std::string_view code) -> std::optional<hp::CatalogEntry> {
                if (const auto* e = c.find(code)) return *e;
                return std::nullopt;
            },
            py::arg("code"))
        .def(
            "find_source",
            [](const hp::Catalog& c, std::string_view id) -> std::optional<hp::CatalogSource> {
                if (const auto* s = c.find_source(id)) return *s;
                return std::nullopt;
            },
            py::arg("id"))
        .def(
            "match",
            [](const hp::Catalog& c, std::string_view name, double fuzzy_threshold, bool fuzzy) {
                return c.match(name, hp::MatchOptions{fuzzy_threshold, fuzzy});
            },
            py::arg("name"), py::kw_only(), py::arg("fuzzy_threshold") = hp::MatchOptions{}.fuzzy_threshold,
            py::arg("fuzzy") = true)
        .def("__len__", &hp::Catalog::size)
        .def("__contains__", [](const hp::Catalog& c, std::string_view code) { return c.find(code) != nullptr; })
        .def("__copy__", [](const hp::Catalog& c) { return hp::Catalog(c); })
        .def(
            "__deepcopy__", [](const hp::Catalog& c, py::dict) { return hp::Catalog(c); }, py::arg("memo"))
        .def("__repr__", [](const hp::Catalog& c) {
            return "<Catalog " + (c.name().empty() ? std::string("(unnamed)") : c.name()) + ": " +
                   std::to_string(c.size()) + " indicators>";
        });

    m.def("normalize_indicator_name", &hp::normalize_indicator_name, py::arg("name"));
    m.def("bigram_dice", &hp::bigram_dice, py::arg("a"), py::arg("b"));
    m.def("indicator_qualifiers", &hp::indicator_qualifiers, py::arg("name"));

    bind_enum<hp::NationalBasis>(m, "NationalBasis",
                                 "What a plan target was compared with: a stated national target or the "
                                 "interpolated national path.");
    py::class_<hp::NationalReference>(m, "NationalReference",
                                      "The national value for one year: a stated target, or a point on the "
                                      "straight line between the nearest national points (never extrapolated).")
        .def_readonly("basis", &hp::NationalReference::basis)
        .def_readonly("year", &hp::NationalReference::year)
        .def_readonly("kind", &hp::NationalReference::kind)
        .def_readonly("comparator", &hp::NationalReference::comparator)
        .def_readonly("value", &hp::NationalReference::value)
        .def_readonly("unit", &hp::NationalReference::unit)
        .def_readonly("from_year", &hp::NationalReference::from_year)
        .def_readonly("to_year", &hp::NationalReference::to_year)
        .def_readonly("from_value", &hp::NationalReference::from_value)
        .def_readonly("to_value", &hp::NationalReference::to_value)
        .def_readonly("from_baseline", &hp::NationalReference::from_baseline)
        .def_readonly("text", &hp::NationalReference::text)
        .def_readonly("source", &hp::NationalReference::source)
        .def_readonly("reason", &hp::NationalReference::reason)
        .def_property_readonly("label", &hp::NationalReference::label,
                               "'national_target', 'interpolated(2022–2030)', or '' when there is none.")
        .def("__repr__", [](const hp::NationalReference& r) {
            return "<NationalReference " + std::to_string(r.year) + " " +
                   (r.basis == hp::NationalBasis::none ? "none: " + r.reason : r.label() + " " + r.text) + ">";
        });
    m.def("national_reference", &hp::national_reference, py::arg("entry"), py::arg("year"),
          py::arg("interpolate") = true,
          "The stated national target for `year`, or (interpolate=True) the national path interpolated "
          "between the nearest national points before and after it.");

    py::class_<hp::StringencyResult>(m, "StringencyResult")
        .def_readonly("verdict", &hp::StringencyResult::verdict)
        .def_readonly("plan_value", &hp::StringencyResult::plan_value)
        .def_readonly("national_value", &hp::StringencyResult::national_value)
        .def_readonly("unit", &hp::StringencyResult::unit)
        .def_readonly("margin", &hp::StringencyResult::margin)
        .def_readonly("relative_margin", &hp::StringencyResult::relative_margin)
        .def_readonly("reason", &hp::StringencyResult::reason)
        .def_readonly("reference", &hp::StringencyResult::reference);
    m.def(
        "stringency",
        [](const hp::Target& target, const hp::CatalogEntry& entry, std::optional<int> year, bool interpolate) {
            return hp::stringency(target, entry, year, hp::StringencyOptions{interpolate});
        },
        py::arg("target"), py::arg("entry"), py::arg("year") = py::none(), py::kw_only(), py::arg("interpolate") = true,
        "Compares a plan target with the national target of its year, or with the interpolated national path "
        "when there is none (interpolate=False: same-year targets only). `result.reference` tells which.");

    py::class_<hp::DepartmentKind>(m, "DepartmentKind")
        .def_readonly("id", &hp::DepartmentKind::id)
        .def_readonly("label", &hp::DepartmentKind::label)
        .def_readonly("label_zh", &hp::DepartmentKind::label_zh)
        .def("__repr__", [](const hp::DepartmentKind& k) { return "<DepartmentKind " + k.id + ">"; });
    py::class_<hp::NormalizedAgency>(m, "NormalizedAgency")
        .def_readonly("as_written", &hp::NormalizedAgency::as_written)
        .def_readonly("place", &hp::NormalizedAgency::place)
        .def_readonly("level", &hp::NormalizedAgency::level)
        .def_readonly("core", &hp::NormalizedAgency::core)
        .def_readonly("kind", &hp::NormalizedAgency::kind)
        .def_readonly("canonical", &hp::NormalizedAgency::canonical)
        .def("__repr__", [](const hp::NormalizedAgency& a) {
            return "<NormalizedAgency " + a.as_written + " -> " + a.canonical + " (" + a.kind + ")>";
        });
    m.def("normalize_agency", &hp::normalize_agency, py::arg("name"), py::arg("places") = std::vector<std::string>{},
          "Splits an agency name into place, level and core, expands short forms and classifies its kind.");
    m.def("department_kinds", &hp::department_kinds, "The department-kind vocabulary, in report order.");
    m.def("department_kind", &hp::department_kind, py::arg("id"));
}
