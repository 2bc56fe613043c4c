#include "bindings.hpp"

#include <filesystem>

#include <healthplan/error.hpp>

// C++ errors become Python exceptions that derive from both healthplan.Error
// and the builtin a Python caller would expect (ValueError for bad input),
// carrying the stable `id` and the `where` of the C++ error as attributes.
namespace {

PyObject* make_type(py::module_& m, const char* name, PyObject* bases, const char* doc) {
    const std::string qualified = std::string("healthplan.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
    if (!type) throw py::error_already_set();
    m.add_object(name, py::reinterpret_borrow<py::object>(type));
    return type;
}

void raise(PyObject* type, const healthplan::Error& e) {
    py::object exc = py::reinterpret_borrow<py::object>(type)(e.what());
    exc.attr("id") = e.id();
    exc.attr("where") = e.where();
    exc.attr("detail") = e.message();
    PyErr_SetObject(type, exc.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
    // Types live for the life of the interpreter; they are owned by the module.
    static PyObject* error = make_type(m, "Error", PyExc_Exception,
                                       "Base of every healthplan error; has .id (stable), .where (place) and .detail.");
    auto with_value_error = [](PyObject* base) {
        return py::make_tuple(py::handle(base), py::handle(PyExc_ValueError)).release().ptr();
    };
    static PyObject* parse = make_type(m, "ParseError", with_value_error(error),
                                       "Input that cannot be read: JSON syntax, invalid UTF-8, unknown encoding.");
    static PyObject* schema = make_type(m, "SchemaError", with_value_error(error),
                                        "Well-formed JSON of the wrong shape; .where is a JSON pointer.");
    static PyObject* validation = make_type(m, "ValidationError", with_value_error(error),
                                            "An object that breaks an invariant; .where names object and field.");
    static PyObject* unit =
        make_type(m, "UnitError", with_value_error(error), "An unknown unit, or units that cannot be converted.");
    static PyObject* data =
        make_type(m, "DataError", with_value_error(error), "Observed data that contradicts itself (duplicates, NaN).");

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const healthplan::ParseError& e) {
            raise(parse, e);
        } catch (const healthplan::SchemaError& e) {
            raise(schema, e);
        } catch (const healthplan::ValidationError& e) {
            raise(validation, e);
        } catch (const healthplan::UnitError& e) {
            raise(unit, e);
        } catch (const healthplan::DataError& e) {
            raise(data, e);
        } catch (const healthplan::Error& e) {
            raise(error, e);
        } catch (const std::filesystem::filesystem_error& e) {
            // The library reports file problems as io.* errors; should a filesystem
            // call still throw, it reaches Python typed and with the path, not as RuntimeError.
            raise(parse, healthplan::ParseError("io.open", e.code().message(), e.path1().string()));
        }
    });
}
