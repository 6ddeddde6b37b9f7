/// @file conversions.hpp
/// Python values <-> what the library takes and gives: paths, search keywords
/// (through RequestBuilder), and the library's JSON as dicts and lists.
#pragma once

#include <pybind11/pybind11.h>

#include <filesystem>
#include <string>
#include <vector>

#include "newsdex/request.hpp"

namespace newsdex::python {

/// A str or os.PathLike as a path. @throws TypeError naming @p what otherwise.
std::filesystem::path to_path(pybind11::handle value, const char* what);

/// One path or a sequence of paths (index directories, stub files).
std::vector<std::filesystem::path> to_paths(pybind11::handle value);

/**
 * Hands every keyword of @p options to @p builder under its own name: None
 * leaves the default, a bool is a flag, an int or float a number, a str any
 * field (as an HTTP parameter), a list or tuple of str a list field (facets).
 * The library checks the values and names the field in its messages.
 * @throws TypeError for an unknown keyword or a value of another type;
 *         newsdex::RequestError (newsdex.UsageError) for a bad value.
 */
void apply_search_options(RequestBuilder& builder, const pybind11::kwargs& options);

/// The library's JSON text (to_json(), count_json()) as Python objects: json.loads.
pybind11::object json_to_python(const std::string& json);

/// The Python type name of @p value ("list"), for messages.
std::string type_name(pybind11::handle value);

}  // namespace newsdex::python
