#include "bindings.hpp"

#include <healthplan/files.hpp>

// The one reader and the one atomic writer of the C++ core, for the Python
// writers (compare -o, report -o, templates, Excel) so every file the package
// writes goes through the same O_EXCL-temporary + fsync + rename recipe.
void register_files(py::module_& m) {
    m.def(
        "_write_file_atomic",
        [](const std::filesystem::path& path, py::bytes data, const std::vector<std::filesystem::path>& inputs) {
            const std::string_view bytes = data;  // a view of the Python object's buffer
            py::gil_scoped_release release;       // fsync can take a while
            healthplan::write_file_atomic(path, bytes, inputs);
        },
        py::arg("path"), py::arg("data"), py::arg("inputs") = std::vector<std::filesystem::path>{},
        "Atomically replaces `path` with `data`; refuses when `path` is one of `inputs`.");
    m.def("_read_file", [](const std::filesystem::path& path) { return py::bytes(healthplan::read_file(path)); });
    m.def("max_input_bytes", &healthplan::max_input_bytes,
          "The largest input in bytes the readers accept (text.too_large beyond it).");
    m.def("set_max_input_bytes", &healthplan::set_max_input_bytes, py::arg("limit"),
          "Sets the process-wide input size limit (default 64 MiB).");
}
