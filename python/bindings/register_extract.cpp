#include "bindings.hpp"

#include <pybind11/operators.h>
#include <healthplan/extract.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hp = healthplan;

namespace {

// Progress from extract_many's worker threads: each call takes the GIL for
// the Python callable; an exception it raises is kept and re-raised after
// the workers finish (a worker thread cannot unwind into Python).
struct ProgressBridge {
    py::object callback;
    std::unique_ptr<py::error_already_set> error;
    bool failed = false;

    static void call(void* ctx, std::size_t done, std::size_t total) {
        auto* self = static_cast<ProgressBridge*>(ctx);
        py::gil_scoped_acquire gil;
        if (self->failed) return;
        try {
            self->callback(done, total);
        } catch (py::error_already_set& e) {
            self->failed = true;
            self->error = std::make_unique<py::error_already_set>(std::move(e));
        }
    }
};

// The grammar's limits, by keyword: ExtractLimits(name_bytes=150). An unknown
// keyword is a TypeError, never ignored.
void register_extract_limits(py::module_& m) {
    using L = hp::ExtractLimits;
    py::class_<L>(m, "ExtractLimits",
                  "The target grammar's limits in UTF-8 bytes (a Chinese character is 3); see "
                  "docs/extraction.md. Fields may be given by keyword: ExtractLimits(name_bytes=150).")
        .def(py::init<>())
        .def(py::init([](const py::kwargs& kwargs) {
            py::object obj = py::cast(L{});
            for (auto item : kwargs) {
                const auto key = py::str(item.first);
                if (!py::hasattr(obj, key) || std::string(key).rfind('_', 0) == 0)
                    throw py::type_error("ExtractLimits() got an unexpected keyword argument '" + std::string(key) +
                                         "'");
                py::setattr(obj, key, item.second);
            }
            return obj.cast<L>();
        }))
        .def("__repr__",
             [](const L& l) {
                 return "<ExtractLimits name_bytes=" + std::to_string(l.name_bytes) +
                        " carry_bytes=" + std::to_string(l.carry_bytes) +
                        " evidence_bytes=" + std::to_string(l.evidence_bytes) + " …>";
             })
        .def(py::self == py::self)
        .def_readwrite("name_bytes", &L::name_bytes)
        .def_readwrite("carry_bytes", &L::carry_bytes)
        .def_readwrite("evidence_bytes", &L::evidence_bytes)
        .def_readwrite("place_bytes", &L::place_bytes)
        .def_readwrite("establishment_bytes", &L::establishment_bytes)
        .def_readwrite("part_bytes", &L::part_bytes)
        .def_readwrite("whole_bytes", &L::whole_bytes)
        .def_readwrite("benchmark_list_bytes", &L::benchmark_list_bytes)
        .def_readwrite("share_noun_bytes", &L::share_noun_bytes);
}

}  // namespace

void register_extract(py::module_& m) {
    register_extract_limits(m);
    m.def(
        "extract",
        // A view of the str's UTF-8 (which CPython caches on the str): a
        // std::string parameter would copy the whole document once more.
        [](std::string_view text, const std::string& name, const std::string& format, const std::string& encoding,
           const hp::ExtractLimits& limits) {
            hp::ExtractOptions options;
            options.limits = limits;
            options.name = name;
            options.format = format.empty() ? "text" : format;
            if (!encoding.empty()) options.encoding = encoding;
            py::gil_scoped_release release;
            return hp::extract(text, options);
        },
        py::arg("text"), py::arg("name") = "", py::arg("format") = "text", py::arg("encoding") = "",
        py::arg("limits") = hp::ExtractLimits{},
        "Extracts a Plan from UTF-8 text (format: what it was read from; not 'text' keeps it in "
        "plan.source.text). Raises ParseError for invalid UTF-8.");
    m.def(
        "sniff_format", [](const py::bytes& b) { return std::string(hp::sniff_format(std::string_view(b))); },
        py::arg("data"), "The format of a document's bytes from their content: text, html, pdf, docx, ole, …");
    m.def(
        "reject_format", [](const std::string& format, const std::string& where) { hp::reject_format(format, where); },
        py::arg("format"), py::arg("where"),
        "Raises the ParseError (input.unsupported_format) for a format the readers cannot read.");
    m.def(
        "decode_text",
        [](const py::bytes& b, const std::string& encoding, const std::string& source) {
            std::string detected;
            std::string text = hp::decode_to_utf8(std::string_view(b), encoding, &detected, source);
            return py::make_tuple(py::str(text), detected);
        },
        py::arg("data"), py::arg("encoding") = "", py::arg("source") = "",
        "Decodes text bytes as extract_file does; returns (text, encoding detected).");
    m.def(
        "extract_file",
        [](const std::filesystem::path& path, const std::string& encoding, const hp::ExtractLimits& limits) {
            hp::ExtractOptions options;
            options.limits = limits;
            py::gil_scoped_release release;
            return hp::extract_file(path, encoding, options);
        },
        py::arg("path"), py::arg("encoding") = "", py::arg("limits") = hp::ExtractLimits{},
        "Reads a file (UTF-8 or GB18030/GBK, detected when encoding is '') and extracts it.");
    m.def(
        "extract_many",
        [](const std::vector<std::filesystem::path>& paths, unsigned threads, py::object progress) {
            ProgressBridge bridge;
            bridge.callback = progress;
            std::vector<hp::Plan> plans;
            {
                py::gil_scoped_release release;
                plans = progress.is_none() ? hp::extract_many(paths, threads)
                                           : hp::extract_many(paths, threads, &ProgressBridge::call, &bridge);
            }
            if (bridge.error) throw std::move(*bridge.error);
            return plans;
        },
        py::arg("paths"), py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Extracts many files in parallel (threads=0: all cores); progress(done, total) is called after each.");
}
