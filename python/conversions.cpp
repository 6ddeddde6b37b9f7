/// @file conversions.cpp
/// Python values <-> the library's requests and JSON, with no option logic of
/// its own: every search keyword goes to RequestBuilder by name.
#include "conversions.hpp"

#include <algorithm>
#include <string_view>

namespace py = pybind11;

namespace newsdex::python {

std::string type_name(py::handle value) {
    return py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>();
}

std::filesystem::path to_path(py::handle value, const char* what) {
    py::module_ os = py::module_::import("os");
    if (!py::isinstance<py::str>(value) && !py::hasattr(value, "__fspath__")) {
        throw py::type_error(std::string(what) + " must be a str or os.PathLike, not " + type_name(value));
    }
    py::object path = os.attr("fspath")(value);
    if (!py::isinstance<py::str>(path)) {
        throw py::type_error(std::string(what) + " must be a str or os.PathLike, not " + type_name(path));
    }
    return std::filesystem::path(path.cast<std::string>());
}

std::vector<std::filesystem::path> to_paths(py::handle value) {
    if (py::isinstance<py::str>(value) || py::hasattr(value, "__fspath__")) return {to_path(value, "an index path")};
    if (!py::isinstance<py::sequence>(value) || py::isinstance<py::bytes>(value)) {
        throw py::type_error("Searcher() takes an index path or a list of them, not " + type_name(value));
    }
    std::vector<std::filesystem::path> paths;
    for (py::handle item : value) paths.push_back(to_path(item, "each index path"));
    if (paths.empty()) throw py::value_error("Searcher() needs at least one index path");
    return paths;
}

namespace {

bool is_request_field(std::string_view name) {
    const auto& fields = request_fields();
    return std::any_of(fields.begin(), fields.end(), [&](const RequestField& f) { return f.name == name; });
}

void apply_one(RequestBuilder& builder, const std::string& name, py::handle value) {
    if (value.is_none()) return;
    if (py::isinstance<py::bool_>(value)) {
        builder.set_flag(name, value.cast<bool>());
    } else if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) || py::isinstance<py::str>(value)) {
        builder.set(name, py::str(value).cast<std::string>());
    } else if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
        std::vector<std::string> items;
        for (py::handle item : value) {
            if (!py::isinstance<py::str>(item)) {
                throw py::type_error("search() keyword '" + name + "' must be a list of str, not of " +
                                     type_name(item));
            }
            items.push_back(item.cast<std::string>());
        }
        builder.set_list(name, items);
    } else {
        throw py::type_error("search() keyword '" + name + "' must be a str, int, float, bool or list of str, not " +
                             type_name(value));
    }
}

}  // namespace

void apply_search_options(RequestBuilder& builder, const py::kwargs& options) {
    for (const auto& [key, value] : options) {
        const std::string name = key.cast<std::string>();
        try {
            apply_one(builder, name, value);
        } catch (const RequestError& e) {
            // An unknown keyword is a TypeError in Python; a bad value stays newsdex.UsageError (a ValueError).
            if (!is_request_field(e.field())) throw py::type_error("search() got an unexpected keyword argument '" +
                                                                   name + "' (" + e.what() + ")");
            throw;
        }
    }
}

py::object json_to_python(const std::string& json) {
    return py::module_::import("json").attr("loads")(py::bytes(json));
}

}  // namespace newsdex::python
