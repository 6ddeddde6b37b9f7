/// @file searcher_binding.cpp
/// newsdex.Searcher: Searcher::search() with keywords read by RequestBuilder,
/// answers as the dicts of to_json(), the GIL released while searching.
#include <pybind11/pybind11.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "conversions.hpp"
#include "newsdex/json.hpp"
#include "newsdex/request.hpp"
#include "newsdex/searcher.hpp"

namespace py = pybind11;

namespace newsdex::python {

namespace {

/**
 * One Python Searcher over the same indexes for any number of threads. A
 * newsdex::Searcher serves one thread at a time (like a Xapian::Database), so
 * each search borrows an idle one, or opens another when every one is busy:
 * as many stay open as threads ever searched at once, each keeping its own
 * caches warm.
 */
class SearcherPool {
  public:
    explicit SearcherPool(std::vector<std::filesystem::path> paths) : paths_(std::move(paths)) {
        idle_.push_back(std::make_unique<Searcher>(paths_));  // a missing index fails here, not at the first search
    }

    /// Runs @p use with a Searcher of its own (call without the GIL).
    template <typename Use>
    auto with_searcher(Use&& use) {
        std::unique_ptr<Searcher> searcher = take();
        struct GiveBack {
            SearcherPool& pool;
            std::unique_ptr<Searcher>& searcher;
            ~GiveBack() { pool.give_back(std::move(searcher)); }
        } give_back{*this, searcher};
        return use(*searcher);
    }

    /// Closes the idle searchers; busy ones close when their search ends.
    void close() {
        std::lock_guard<std::mutex> lock(mutex_);
        closed_ = true;
        idle_.clear();
    }

    bool closed() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return closed_;
    }

    const std::vector<std::filesystem::path>& paths() const { return paths_; }

  private:
    std::unique_ptr<Searcher> take() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (closed_) throw py::value_error("search on a closed newsdex.Searcher");
            if (!idle_.empty()) {
                std::unique_ptr<Searcher> searcher = std::move(idle_.back());
                idle_.pop_back();
                return searcher;
            }
        }
        return std::make_unique<Searcher>(paths_);  // outside the lock: opening may wait for a remote shard
    }

    void give_back(std::unique_ptr<Searcher> searcher) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!closed_) idle_.push_back(std::move(searcher));
    }

    const std::vector<std::filesystem::path> paths_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Searcher>> idle_;
    bool closed_ = false;
};

py::object search(SearcherPool& pool, const std::string& query, const py::kwargs& options) {
    RequestBuilder builder;  // messages name fields as the keywords do: "limit", "recency_ref"
    builder.set("query", query);
    apply_search_options(builder, options);
    const SearchRequest request = builder.build();
    const bool count_only = builder.count_only();
    std::string json;
    {
        py::gil_scoped_release release;
        json = pool.with_searcher([&](const Searcher& searcher) {
            SearchResults results = searcher.search(request);
            return count_only ? count_json(results) : to_json(results, request);
        });
    }
    return json_to_python(json);
}

py::object article(SearcherPool& pool, const std::string& id) {
    std::optional<std::string> json;
    {
        py::gil_scoped_release release;
        json = pool.with_searcher([&](const Searcher& searcher) -> std::optional<std::string> {
            std::optional<Article> found = searcher.article(id);
            if (!found) return std::nullopt;
            return to_json(*found);
        });
    }
    return json ? json_to_python(*json) : py::object(py::none());
}

py::object stats(SearcherPool& pool) {
    std::string json;
    {
        py::gil_scoped_release release;
        json = pool.with_searcher([](const Searcher& searcher) { return to_json(searcher.stats()); });
    }
    return json_to_python(json);
}

/// search()'s docstring: the request fields, from the library's own table.
std::string search_doc() {
    std::string doc =
        "search(query='', **options) -> dict\n\n"
        "Runs one search and returns the object `newsdex-search --format json` prints,\n"
        "as dicts and lists with the same keys: format_version, query, parsed_query,\n"
        "total_estimate, hits (rank, id, title, title_highlights, date, source, url,\n"
        "lang, score, snippets, entities, cluster, similar), suggestion, facets, ...\n"
        "(README, \"JSON output\"). With count=True: {format_version, query, count, exact}.\n\n"
        "Options are the HTTP parameters and the CLI options without '--' ('-' as '_'):\n"
        "a bool for a flag, an int or float for a number, a str for any option, a list\n"
        "of str for facets; None leaves the default.\n\n";
    for (const RequestField& field : request_fields()) {
        if (field.name == "query") continue;
        const char* kind = field.kind == RequestFieldKind::flag     ? "bool"
                           : field.kind == RequestFieldKind::number ? "number"
                           : field.kind == RequestFieldKind::list   ? "list of str"
                                                                    : "str";
        doc += "  " + std::string(field.name) + " (" + kind + "): " + std::string(field.help) + "\n";
    }
    doc +=
        "\nRaises newsdex.QueryError (a ValueError) for a malformed query,\n"
        "newsdex.UsageError (a ValueError) for a bad option value, TypeError for an\n"
        "unknown keyword or a value of the wrong type, newsdex.DatabaseError when an\n"
        "index cannot be read. The messages are those of newsdex-search.";
    return doc;
}

}  // namespace

void register_searcher(py::module_& module) {
    py::class_<SearcherPool>(module, "Searcher",
                             "Searcher(indexes)\n\n"
                             "Searches one index, or several as one: an index directory, a Xapian stub file\n"
                             "(remote shards), or a list of them (str or os.PathLike). Every search answers\n"
                             "from the latest commit. Safe to share between threads: searches release the GIL\n"
                             "and run at once, each on a database of its own.\n"
                             "Raises newsdex.DatabaseError if an index is missing, corrupt or newer.")
        .def(py::init([](const py::object& indexes) {
                 std::vector<std::filesystem::path> paths = to_paths(indexes);
                 py::gil_scoped_release release;
                 return std::make_unique<SearcherPool>(std::move(paths));
             }),
             py::arg("indexes"))
        .def("search", &search, py::arg("query") = "", search_doc().c_str())
        .def("article", &article, py::arg("id"),
             "article(id) -> dict or None\n\n"
             "The whole stored article (id, title, body, date, source, url, lang, entities),\n"
             "as `newsdex-search --article ID --format json` prints it; None for an unknown id.")
        .def("stats", &stats,
             "stats() -> dict\n\n"
             "What the indexes hold, as `newsdex-search --stats --format json` prints it:\n"
             "articles, undated, languages, sources, first_date, last_date, bytes,\n"
             "schema_version, last_modified.")
        .def("close", &SearcherPool::close, "Closes the databases; later searches raise ValueError.")
        .def_property_readonly("closed", &SearcherPool::closed)
        .def_property_readonly(
            "indexes",
            [](const SearcherPool& pool) {
                py::list out;
                for (const auto& path : pool.paths()) out.append(py::str(path.string()));
                return out;
            },
            "The index paths, as given.")
        .def("__enter__", [](py::object self) { return self; })
        .def("__exit__", [](SearcherPool& pool, const py::args&) { pool.close(); })
        .def("__repr__", [](const SearcherPool& pool) {
            std::string text = "newsdex.Searcher([";
            for (std::size_t i = 0; i < pool.paths().size(); ++i) {
                text += (i ? ", " : "") + py::repr(py::str(pool.paths()[i].string())).cast<std::string>();
            }
            return text + "])";
        });
}

}  // namespace newsdex::python
