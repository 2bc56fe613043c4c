#include "bindings.hpp"

// Bindings for the compare area (owned by that area's work; empty until it lands).
void register_compare(py::module_& m) { (void)m; }
