/// @file module.cpp
/// The newsdex Python module: a thin binding over the public C++ API (no
/// search or indexing logic here; README "Python", ARCHITECTURE "python/").
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "errors.hpp"
#include "newsdex/json.hpp"
#include "newsdex/request.hpp"

namespace py = pybind11;

PYBIND11_MODULE(newsdex, module) {
    module.doc() =
        "newsdex: full-text search for news archives (Xapian + ICU).\n\n"
        "  Searcher(indexes).search(query, **options) -> the --format json object as dicts\n"
        "  Searcher.article(id), Searcher.stats()\n"
        "  IndexWriter(path, **options): upsert(dict), add_file(path), remove(id), commit()\n"
        "  extract_entities(text, lang='en')\n"
        "Errors: newsdex.Error > QueryError, UsageError, InputError (also ValueError), DatabaseError.";
    module.attr("__version__") = NEWSDEX_VERSION;
    module.attr("JSON_FORMAT_VERSION") = newsdex::json_format_version;
    newsdex::python::register_errors(module);
    newsdex::python::register_searcher(module);
    newsdex::python::register_writer(module);
    module.def(
        "request_fields",
        [] {
            py::list out;
            for (const newsdex::RequestField& field : newsdex::request_fields()) {
                const char* kind = field.kind == newsdex::RequestFieldKind::flag     ? "flag"
                                   : field.kind == newsdex::RequestFieldKind::number ? "number"
                                   : field.kind == newsdex::RequestFieldKind::list   ? "list"
                                                                                      : "text";
                out.append(py::make_tuple(std::string(field.name), kind, std::string(field.help)));
            }
            return out;
        },
        "request_fields() -> list of (name, kind, help)\n\n"
        "Every option search() takes (kind 'flag', 'number', 'list' or 'text'), from the library's table.");
}
