// First include of every binding translation unit: the pybind11 headers, the
// `py` alias, and the declarations of each area's register function.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace py = pybind11;

// One function per area, each in its own register_<area>.cpp, so the files
// compile in parallel and stay readable. module.cpp calls them in order.
void register_errors(py::module_& m);
void register_files(py::module_& m);
void register_model(py::module_& m);
void register_extract(py::module_& m);
void register_evaluate(py::module_& m);
void register_compare(py::module_& m);
