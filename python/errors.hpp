/// @file errors.hpp
/// newsdex's exceptions as Python exception classes, and the translator that
/// raises them for the library's C++ errors (same messages as the CLI).
#pragma once

#include <pybind11/pybind11.h>

#include <string>

namespace newsdex::python {

/// Creates newsdex.Error and its subclasses in @p module and registers the translator.
void register_errors(pybind11::module_& module);

/// Raises newsdex.InputError for a record given as a Python object (no file, no line).
[[noreturn]] void raise_input_error(const std::string& reason);

}  // namespace newsdex::python
