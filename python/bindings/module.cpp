#include "bindings.hpp"

#include <healthplan/version.hpp>

PYBIND11_MODULE(_core, m) {
    m.doc() = "healthplan's compiled core; use the public API in `healthplan`.";
    m.attr("__version__") = healthplan::version_string;
    register_errors(m);
    register_files(m);
    register_model(m);
    register_extract(m);
    register_evaluate(m);
    register_compare(m);
}
