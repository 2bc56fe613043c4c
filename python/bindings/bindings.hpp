// First include of every binding translation unit: the pybind11 headers, the
// `py` alias, and the declarations of each area's register function.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace py = pybind11;

// An enum bound from the library's own name table (healthplan/enum_names.hpp),
// so each enumerator is spelled once, in the .cpp file that owns the enum.
template <class E>
py::enum_<E> bind_enum(py::module_& m, const char* name, const char* doc) {
    py::enum_<E> e(m, name, doc);
    for (const auto& row : enum_names(E{})) e.value(std::string(row.name).c_str(), row.value);
    return e;
}

// One function per area, each in its own register_<area>.cpp, so the files
// compile in parallel and stay readable. module.cpp calls them in order.
void register_errors(py::module_& m);
void register_files(py::module_& m);
void register_model(py::module_& m);
void register_extract(py::module_& m);
void register_evaluate(py::module_& m);
void register_compare(py::module_& m);
