#include "bindings.hpp"

// Bindings for the evaluate area (owned by that area's work; empty until it lands).
void register_evaluate(py::module_& m) { (void)m; }
