/// @file writer_binding.cpp
/// newsdex.IndexWriter (upserts of JSONL-like dicts and of files through the
/// library's readers, deletes, commits; a context manager) and
/// newsdex.extract_entities; the GIL released while the library works.
#include <pybind11/pybind11.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "conversions.hpp"
#include "errors.hpp"
#include "newsdex/entities.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/readers.hpp"

namespace py = pybind11;

namespace newsdex::python {

namespace {

/// IndexWriter(path, **options): the newsdex-index options a program needs.
struct WriterSettings {
    IndexWriterOptions writer;
    ReadOptions read;
    /// Articles without lang get this one when detection is off (as newsdex-index does).
    std::string default_language = "en";
};

constexpr const char* writer_option_names =
    "lang, detect_language, entities, dedup, batch_size, threads, parallel_writers, memory, max_word_bytes, "
    "max_article_bytes, wait";

std::size_t whole_number(const std::string& name, py::handle value, std::size_t min, std::size_t max) {
    if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value)) {
        throw py::type_error("IndexWriter() option " + name + " must be an int, not " + type_name(value));
    }
    const long long number = value.cast<long long>();
    if (number < 0 || static_cast<unsigned long long>(number) < min || static_cast<unsigned long long>(number) > max) {
        throw UsageError(name + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ", not " +
                         std::to_string(number));
    }
    return static_cast<std::size_t>(number);
}

bool boolean(const std::string& name, py::handle value) {
    if (!py::isinstance<py::bool_>(value)) {
        throw py::type_error("IndexWriter() option " + name + " must be a bool, not " + type_name(value));
    }
    return value.cast<bool>();
}

WriterSettings writer_settings(const py::kwargs& options) {
    WriterSettings settings;
    settings.writer.parallel_writers = false;  // only with parallel_writers=True: the index stays empty until commit()
    bool lang_given = false;
    std::optional<bool> detect;
    for (const auto& [key, value] : options) {
        const std::string name = key.cast<std::string>();
        if (name == "lang") {
            if (!py::isinstance<py::str>(value)) throw py::type_error("IndexWriter() option lang must be a str");
            settings.default_language = value.cast<std::string>();
            if (!is_language_tag(settings.default_language)) {
                throw UsageError("lang must be a BCP 47 language tag such as en, fr or zh-Hans, not \"" +
                                 settings.default_language + "\"");
            }
            lang_given = true;
        } else if (name == "detect_language") {
            detect = boolean(name, value);
        } else if (name == "entities") {
            settings.writer.extract_entities = boolean(name, value);
        } else if (name == "dedup") {
            settings.writer.detect_duplicates = boolean(name, value);
        } else if (name == "wait") {
            settings.writer.wait_for_lock = boolean(name, value);
        } else if (name == "parallel_writers") {
            settings.writer.parallel_writers = boolean(name, value);
        } else if (name == "batch_size") {
            settings.writer.batch_size = whole_number(name, value, 1, std::size_t(1) << 32);
        } else if (name == "threads") {
            settings.writer.threads = static_cast<unsigned>(whole_number(name, value, 0, 1024));
        } else if (name == "memory") {
            settings.writer.memory_limit = whole_number(name, value, 0, std::size_t(1) << 50);
        } else if (name == "max_word_bytes") {
            settings.writer.analyzer.max_word_bytes = whole_number(name, value, 4, 240);
        } else if (name == "max_article_bytes") {
            settings.read.max_article_bytes = whole_number(name, value, 1, std::size_t(1) << 30);
        } else {
            throw py::type_error("IndexWriter() got an unexpected keyword argument '" + name + "' (options: " +
                                 writer_option_names + ")");
        }
    }
    settings.writer.analyzer.default_language = settings.default_language;
    // As newsdex-index: a language given says what the articles without one are in; believe it.
    settings.writer.detect_language = detect.value_or(!lang_given);
    return settings;
}

const char* upsert_result_name(UpsertResult result) {
    switch (result) {
        case UpsertResult::added: return "added";
        case UpsertResult::replaced: return "replaced";
        case UpsertResult::queued: return "queued";
    }
    return "queued";
}

/// One writer for Python: calls from several threads take turns (a mutex, taken without the GIL).
class WriterBinding {
  public:
    WriterBinding(std::filesystem::path path, WriterSettings settings)
        : path_(std::move(path)), settings_(std::move(settings)),
          writer_(std::make_unique<IndexWriter>(path_, settings_.writer)) {}

    std::string upsert(Article article) {
        std::lock_guard<std::mutex> lock(mutex_);
        return upsert_result_name(open().upsert(complete(std::move(article))));
    }

    /// Reads a file or directory with the library's readers and upserts every article.
    py::dict add_file(const std::string& input) {
        std::size_t articles = 0, skipped = 0, empty = 0, repaired = 0;
        std::vector<std::string> problems;
        {
            py::gil_scoped_release release;
            std::lock_guard<std::mutex> lock(mutex_);
            IndexWriter& writer = open();
            auto on_article = [&](Article&& article) {
                writer.upsert(complete(std::move(article)));
                ++articles;
            };
            auto on_diagnostic = [&](const Diagnostic& d) {
                if (d.severity == Diagnostic::Severity::notice) return;  // headline-only briefs are fine
                switch (d.severity) {
                    case Diagnostic::Severity::skipped: ++skipped; break;
                    case Diagnostic::Severity::empty: ++empty; break;  // named, but no failure
                    default: ++repaired;
                }
                problems.push_back(d.message());
            };
            read_inputs({input}, settings_.read, on_article, on_diagnostic);
        }
        py::dict out;
        out["articles"] = articles;
        out["skipped"] = skipped;
        out["empty"] = empty;
        out["repaired"] = repaired;
        py::list messages;
        for (const std::string& problem : problems) messages.append(py::str(problem));
        out["problems"] = messages;
        return out;
    }

    bool remove(const std::string& id) {
        std::lock_guard<std::mutex> lock(mutex_);
        return open().remove(id);
    }

    void commit() {
        std::lock_guard<std::mutex> lock(mutex_);
        open().commit();
    }

    CompactionResult compact() {
        std::lock_guard<std::mutex> lock(mutex_);
        return open().compact();
    }

    IndexWriterStats stats(std::size_t& articles) {
        std::lock_guard<std::mutex> lock(mutex_);
        articles = open().article_count();
        return open().stats();
    }

    /// Commits and closes (releases the lock); a second close does nothing.
    void close() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!writer_) return;
        writer_->commit();  // errors surface here, not swallowed by the destructor
        writer_.reset();
    }

    bool closed() {
        std::lock_guard<std::mutex> lock(mutex_);
        return !writer_;
    }

    const std::filesystem::path& path() const { return path_; }

  private:
    IndexWriter& open() {
        if (!writer_) throw py::value_error("operation on a closed newsdex.IndexWriter (" + path_.string() + ")");
        return *writer_;
    }

    Article complete(Article article) const {
        if (article.lang.empty() && !settings_.writer.detect_language) article.lang = settings_.default_language;
        return article;
    }

    const std::filesystem::path path_;
    const WriterSettings settings_;
    std::mutex mutex_;
    std::unique_ptr<IndexWriter> writer_;
};

/// A dict with the fields of a JSONL record, read as newsdex-index reads that record.
Article article_from_dict(py::handle record) {
    if (!py::isinstance<py::dict>(record)) {
        throw py::type_error("IndexWriter.upsert() takes a dict with the fields of a JSONL record, not " +
                             type_name(record));
    }
    std::string line = py::module_::import("json")
                           .attr("dumps")(record, py::arg("ensure_ascii") = false)
                           .cast<std::string>();
    Article article;
    std::vector<std::string> repairs;
    const std::string reason = parse_jsonl_record(line, article, repairs);
    if (!reason.empty()) raise_input_error(reason);
    py::module_ warnings = py::module_::import("warnings");
    for (const std::string& repair : repairs) warnings.attr("warn")(py::str("newsdex: " + repair), py::arg("stacklevel") = 2);
    return article;
}

py::list extract_entities(const std::string& text, const std::string& lang, const std::string& title) {
    std::vector<EntityMention> mentions;
    {
        py::gil_scoped_release release;
        mentions = EntityExtractor::builtin().extract(title, text, lang);
    }
    py::list out;  // the keys of newsdex-index --extract-entities
    for (const EntityMention& m : mentions) {
        py::dict mention;
        mention["type"] = to_string(m.type);
        mention["text"] = m.text;
        mention["canonical"] = m.canonical;
        mention["field"] = m.field;
        mention["start"] = m.start;
        mention["end"] = m.end;
        out.append(mention);
    }
    return out;
}

}  // namespace

void register_writer(py::module_& module) {
    using Binding = WriterBinding;
    auto released = py::call_guard<py::gil_scoped_release>();
    auto upsert = [](Binding& self, const py::object& record) {
        Article article = article_from_dict(record);  // with the GIL: it reads Python objects
        py::gil_scoped_release release;
        return self.upsert(std::move(article));
    };
    py::class_<Binding>(module, "IndexWriter",
                        "IndexWriter(path, **options)\n\n"
                        "Opens (or creates) the index at path for writing; one writer per index.\n"
                        "Options, as newsdex-index's: lang (str, the language of articles without\n"
                        "one; default en, detected when not given), detect_language (bool),\n"
                        "entities (bool), dedup (bool), batch_size (int, articles per commit, 2000),\n"
                        "threads (int, analysis threads; 0 = one per core; default 1),\n"
                        "parallel_writers (bool, with threads > 1 into an empty index: parallel\n"
                        "segment writers, nothing visible until commit()), memory (int, bytes),\n"
                        "max_word_bytes (int), max_article_bytes (int, for add_file), wait (bool,\n"
                        "wait for another writer instead of raising).\n"
                        "As a context manager it commits and closes at the end of the block (also when\n"
                        "the block raises: what was added is kept, as newsdex-index keeps what it read).\n"
                        "Raises newsdex.DatabaseError (kind 'locked', 'unwritable', 'version', ...).")
        .def(py::init([](const py::object& path, const py::kwargs& options) {
                 std::filesystem::path where = to_path(path, "IndexWriter() path");
                 WriterSettings settings = writer_settings(options);
                 py::gil_scoped_release release;
                 return std::make_unique<Binding>(std::move(where), std::move(settings));
             }),
             py::arg("path"))
        .def(
            "upsert",
            upsert,
            py::arg("article"),
            "upsert(article: dict) -> str\n\n"
            "Adds an article, replacing the one with the same id: a dict with the fields of\n"
            "a JSONL record (id str or int, title, body, date ISO 8601, source, url, lang;\n"
            "others ignored). Without id it gets a stable one (a hash of title and body).\n"
            "Returns 'added', 'replaced' or 'queued' (threads > 1). Visible after commit().\n"
            "Raises newsdex.InputError for a record newsdex-index would skip; repairs (a bad\n"
            "date dropped) are warnings.")
        .def(
            "add",
            upsert,
            py::arg("article"), "add(article: dict) -> str\n\nThe same as upsert().")
        .def(
            "add_file",
            [](Binding& self, const py::object& path) { return self.add_file(to_path(path, "add_file() path").string()); },
            py::arg("path"),
            "add_file(path) -> dict\n\n"
            "Upserts every article of a JSONL, text or Markdown file, or of every such file\n"
            "under a directory, read as newsdex-index reads them. Returns {'articles': N,\n"
            "'skipped': S, 'empty': E, 'repaired': R, 'problems': ['FILE:LINE: reason', ...]}.")
        .def("remove", &Binding::remove, py::arg("id"), released,
             "remove(id) -> bool\n\nDeletes the article with this id at the next commit; False if there is none.")
        .def("delete", &Binding::remove, py::arg("id"), released, "delete(id) -> bool\n\nThe same as remove().")
        .def("commit", &Binding::commit, released,
             "Makes everything added and deleted so far durable and visible to searchers.")
        .def(
            "compact",
            [](Binding& self) {
                CompactionResult result;
                {
                    py::gil_scoped_release release;
                    result = self.compact();
                }
                py::dict out;
                out["compacted"] = result.compacted;
                out["bytes_before"] = result.bytes_before;
                out["bytes_after"] = result.bytes_after;
                out["skipped"] = result.skipped.empty() ? py::object(py::none()) : py::object(py::str(result.skipped));
                return out;
            },
            "compact() -> dict\n\n"
            "Commits, then compacts the index in place (newsdex-index --compact): "
            "{'compacted', 'bytes_before', 'bytes_after', 'skipped'}.")
        .def(
            "stats",
            [](Binding& self) {
                std::size_t articles = 0;
                IndexWriterStats stats;
                {
                    py::gil_scoped_release release;
                    stats = self.stats(articles);
                }
                py::dict out;
                out["articles"] = articles;
                out["added"] = stats.added;
                out["replaced"] = stats.replaced;
                out["removed"] = stats.removed;
                out["not_found"] = stats.not_found;
                out["commits"] = stats.commits;
                return out;
            },
            "stats() -> dict\n\n"
            "{'articles' (in the index, committed or not), 'added', 'replaced', 'removed',\n"
            "'not_found', 'commits'} for this writer.")
        .def("close", &Binding::close, released, "Commits and closes the index (releases its lock).")
        .def_property_readonly("closed", &Binding::closed)
        .def_property_readonly("path", [](const Binding& self) { return self.path().string(); })
        .def("__enter__", [](py::object self) { return self; })
        .def("__exit__", [](Binding& self, const py::args&) {
            py::gil_scoped_release release;
            self.close();
        })
        .def("__repr__", [](const Binding& self) {
            return "newsdex.IndexWriter(" + py::repr(py::str(self.path().string())).cast<std::string>() + ")";
        });

    module.def("extract_entities", &extract_entities, py::arg("text"), py::arg("lang") = "en", py::kw_only(),
               py::arg("title") = "",
               "extract_entities(text, lang='en', *, title='') -> list of dict\n\n"
               "The people, places and organisations newsdex finds in an article body (and\n"
               "title), as newsdex-index --extract-entities prints them: {'type' ('person',\n"
               "'place', 'org'), 'text', 'canonical', 'field' ('title' or 'body'), 'start',\n"
               "'end' (UTF-8 byte offsets into that field)}. English only: other languages\n"
               "give [].");
}

}  // namespace newsdex::python
