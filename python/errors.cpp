/// @file errors.cpp
/// C++ errors -> Python exceptions. The message is the library's what(), which
/// is what newsdex-search prints after "newsdex-search: " (and "bad query: ")
/// and what its JSON error object carries in "error".
#include "errors.hpp"

#include <Python.h>

#include "newsdex/error.hpp"
#include "newsdex/request.hpp"

namespace py = pybind11;

namespace newsdex::python {

namespace {

// The classes live as long as the interpreter (module attributes hold them too).
PyObject* error_class = nullptr;
PyObject* query_error_class = nullptr;
PyObject* usage_error_class = nullptr;
PyObject* database_error_class = nullptr;
PyObject* input_error_class = nullptr;

/// A new exception class newsdex.NAME with @p bases and class attributes set to None.
PyObject* make_class(py::module_& module, const char* name, const char* doc, py::tuple bases,
                     std::initializer_list<const char*> attributes) {
    const std::string qualified = std::string("newsdex.") + name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (cls == nullptr) throw py::error_already_set();
    py::handle handle(cls);
    for (const char* attribute : attributes) handle.attr(attribute) = py::none();
    module.add_object(name, py::reinterpret_borrow<py::object>(handle));
    return cls;
}

/// Raises an instance of @p cls with message @p what and the given attributes.
void raise(PyObject* cls, const char* what, std::initializer_list<std::pair<const char*, py::object>> attributes) {
    py::object instance = py::handle(cls)(py::str(what));
    for (const auto& [name, value] : attributes) instance.attr(name) = value;
    PyErr_SetObject(cls, instance.ptr());
}

const char* kind_name(IndexError::Kind kind) {
    switch (kind) {
        case IndexError::Kind::missing: return "missing";
        case IndexError::Kind::locked: return "locked";
        case IndexError::Kind::corrupt: return "corrupt";
        case IndexError::Kind::version: return "version";
        case IndexError::Kind::io: return "io";
        case IndexError::Kind::other: return "other";
        case IndexError::Kind::unwritable: return "unwritable";
        case IndexError::Kind::unavailable: return "unavailable";
    }
    return "other";
}

void translate(std::exception_ptr pointer) {
    try {
        std::rethrow_exception(pointer);
    } catch (const QueryError& e) {
        raise(query_error_class, e.what(), {{"query", py::str(e.query())}});
    } catch (const RequestError& e) {
        raise(usage_error_class, e.what(), {{"field", py::str(e.field())}});
    } catch (const UsageError& e) {
        raise(usage_error_class, e.what(), {});
    } catch (const IndexError& e) {
        raise(database_error_class, e.what(), {{"kind", py::str(kind_name(e.kind()))}, {"path", py::str(e.path())}});
    } catch (const InputError& e) {
        raise(input_error_class, e.what(),
              {{"path", py::str(e.path())}, {"line", py::int_(e.line())}, {"reason", py::str(e.reason())}});
    } catch (const Error& e) {
        raise(error_class, e.what(), {});
    }
    // Anything else goes on to pybind11's own translators (MemoryError, RuntimeError, ...).
}

}  // namespace

void register_errors(py::module_& module) {
    py::handle value_error(PyExc_ValueError);
    error_class = make_class(module, "Error", "Base class of every error newsdex raises.",
                             py::make_tuple(py::handle(PyExc_Exception)), {});
    py::handle base(error_class);
    query_error_class = make_class(module, "QueryError",
                                   "A query that cannot be parsed or run as written (the CLI's \"bad query\", exit 2). "
                                   "Attribute query: the query text.",
                                   py::make_tuple(base, value_error), {"query"});
    usage_error_class = make_class(module, "UsageError",
                                   "A bad option value, or options that contradict each other (the CLI's usage "
                                   "error, exit 2). Attribute field: the option's name, or None.",
                                   py::make_tuple(base, value_error), {"field"});
    database_error_class = make_class(module, "DatabaseError",
                                      "An index that is missing, locked, corrupt, unwritable or from a newer newsdex, "
                                      "or a failed read or write. Attributes kind (\"missing\", \"locked\", "
                                      "\"corrupt\", \"version\", \"io\", \"unwritable\", \"unavailable\", \"other\") and path.",
                                      py::make_tuple(base), {"kind", "path"});
    input_error_class = make_class(module, "InputError",
                                   "An article record that cannot be indexed. Attributes path and line (None for a "
                                   "dict given to IndexWriter.upsert) and reason.",
                                   py::make_tuple(base, value_error), {"path", "line", "reason"});
    py::register_exception_translator(&translate);
}

void raise_input_error(const std::string& reason) {
    raise(input_error_class, reason.c_str(), {{"path", py::none()}, {"line", py::none()}, {"reason", py::str(reason)}});
    throw py::error_already_set();
}

}  // namespace newsdex::python
