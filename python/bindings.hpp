/// @file bindings.hpp
/// The classes and functions of the newsdex Python module, one register
/// function per file.
#pragma once

#include <pybind11/pybind11.h>

namespace newsdex::python {

/// newsdex.Searcher (searcher_binding.cpp).
void register_searcher(pybind11::module_& module);

/// newsdex.IndexWriter and newsdex.extract_entities (writer_binding.cpp).
void register_writer(pybind11::module_& module);

}  // namespace newsdex::python
