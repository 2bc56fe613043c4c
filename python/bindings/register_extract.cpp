#include "bindings.hpp"

#include <healthplan/extract.hpp>

#include <memory>
#include <string>
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

}  // namespace

void register_extract(py::module_& m) {
    m.def(
        "extract",
        [](const std::string& text, const std::string& name) {
            hp::ExtractOptions options;
            options.name = name;
            py::gil_scoped_release release;
            return hp::extract(text, options);
        },
        py::arg("text"), py::arg("name") = "", "Extracts a Plan from UTF-8 text. Raises ParseError for invalid UTF-8.");
    m.def(
        "extract_file",
        [](const std::filesystem::path& path, const std::string& encoding) {
            py::gil_scoped_release release;
            return hp::extract_file(path, encoding);
        },
        py::arg("path"), py::arg("encoding") = "",
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
