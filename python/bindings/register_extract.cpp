#include "bindings.hpp"

// Bindings for the extract area (owned by that area's work; empty until it lands).
void register_extract(py::module_& m) { (void)m; }
