#include "run_index.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>

#include "exit_codes.hpp"
#include "extract_entities.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "run_maintenance.hpp"
#include "terminal.hpp"

namespace newsdex::indexer {

namespace {

std::atomic<bool> stop_requested{false};

/// Thrown through the reader to unwind when a stop is requested.
struct Stop {};

/// Caps messages per file so that a binary or garbage file cannot flood stderr.
class DiagnosticPrinter {
  public:
    explicit DiagnosticPrinter(std::ostream& err) : err_(err) {}
    void print(const Diagnostic& d) {
        std::size_t& count = per_file_[d.path];
        if (++count <= max_per_file) {
            err_ << "newsdex-index: " << d.message() << "\n";
        } else if (count == max_per_file + 1) {
            err_ << "newsdex-index: " << d.path << ": more problems; not reporting them one by one\n";
        }
    }

  private:
    static constexpr std::size_t max_per_file = 50;
    std::ostream& err_;
    std::map<std::string, std::size_t> per_file_;
};

class Progress {
  public:
    explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}
    void update(std::size_t articles, const std::string& file) {
        if (!enabled_) return;
        auto now = Clock::now();
        if (now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        double seconds = std::chrono::duration<double>(now - start_).count();
        std::string name = file.size() > 40 ? "…" + file.substr(file.size() - 39) : file;
        std::fprintf(stderr, "\r\033[K%zu articles, %.0f/s  %s", articles, seconds > 0 ? articles / seconds : 0.0,
                     name.c_str());
        std::fflush(stderr);
        drawn_ = true;
    }
    void clear() {
        if (drawn_) std::fprintf(stderr, "\r\033[K");
    }

  private:
    using Clock = std::chrono::steady_clock;
    bool enabled_;
    bool drawn_ = false;
    Clock::time_point start_;
    Clock::time_point last_;
};

/// Bytes in the input files and directories (stdin and unreadable paths count 0).
std::uintmax_t input_bytes(const std::vector<std::string>& inputs) {
    namespace fs = std::filesystem;
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const std::string& input : inputs) {
        if (input == "-") continue;
        if (fs::is_regular_file(input, ec)) {
            total += fs::file_size(input, ec);
            continue;
        }
        if (!fs::is_directory(input, ec)) continue;
        for (fs::recursive_directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code size_ec;
            if (it->is_regular_file(size_ec)) total += it->file_size(size_ec);
        }
    }
    return total;
}

}  // namespace

void request_stop() { stop_requested.store(true); }

bool stop_was_requested() { return stop_requested.load(); }

std::vector<std::filesystem::path> make_parent_directories(const std::string& db) {
    namespace fs = std::filesystem;
    std::vector<fs::path> missing;  // outermost last
    std::error_code ec;
    for (fs::path dir = fs::path(db).lexically_normal().parent_path(); !dir.empty() && !fs::exists(dir, ec);
         dir = dir.parent_path()) {
        if (ec) break;
        missing.push_back(dir);
        if (dir == dir.parent_path()) break;
    }
    std::vector<fs::path> made;
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (!fs::create_directory(*it, ec) && ec) {
            remove_made_directories(made);
            throw IndexError(IndexError::Kind::unwritable, db,
                             "cannot create the index: cannot create its folder " + it->string() + ": " + ec.message());
        }
        made.push_back(*it);
    }
    return made;
}

void remove_made_directories(const std::vector<std::filesystem::path>& made) {
    std::error_code ec;  // only empty ones: another program may have put something there meanwhile
    for (auto it = made.rbegin(); it != made.rend(); ++it) std::filesystem::remove(*it, ec);
}

IndexWriterOptions writer_options_for(const IndexOptions& options) {
    IndexWriterOptions writer_options;
    writer_options.analyzer.default_language = options.default_language;
    writer_options.analyzer.max_word_bytes = options.max_word_bytes;
    writer_options.extract_entities = options.entities;
    if (options.entities) writer_options.entity_extractor = load_entity_extractor(options.aliases_file);
    writer_options.detect_language = options.detect_language;
    writer_options.detect_duplicates = options.duplicates;
    writer_options.batch_size = options.batch_size;
    writer_options.wait_for_lock = options.wait_for_lock;
    writer_options.threads = options.threads;
    writer_options.memory_limit = options.memory_limit;
    writer_options.compact_min_articles = options.compact_min_articles;
    writer_options.shards = options.shards;
    return writer_options;
}

int run_index(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    auto start = std::chrono::steady_clock::now();
    IndexWriterOptions writer_options = writer_options_for(options);
    // Parallel writers only pay for bulk builds (and make them all-or-nothing).
    writer_options.parallel_writers =
        options.parallel_writers && input_bytes(options.inputs) >= options.parallel_min_input_bytes;
    // Intermediate commits need not reach the disk; commit() below syncs once.
    writer_options.sync = false;
    // A run that creates the index and indexes nothing leaves nothing behind.
    std::error_code exists_ec;
    const bool new_index = !std::filesystem::exists(options.db, exists_ec) && !exists_ec;
    const std::vector<std::filesystem::path> made_folders = make_parent_directories(options.db);
    auto owned_writer = std::make_unique<IndexWriter>(options.db, writer_options);
    IndexWriter& writer = *owned_writer;

    std::size_t submitted = 0;
    std::size_t skipped = 0;
    std::size_t empty = 0;  // records with nothing to index: named, but no failure
    std::size_t repaired = 0;
    std::size_t missing_inputs = 0;
    std::string current_file;
    DiagnosticPrinter printer(err);
    Progress progress(!options.quiet && cli::is_terminal(stderr));

    auto on_article = [&](Article&& article) {
        if (stop_requested.load()) throw Stop{};
        // With detection the library gives it the detected language, or the index default.
        if (article.lang.empty() && !options.detect_language) article.lang = options.default_language;
        writer.upsert(std::move(article));
        progress.update(++submitted, current_file);
    };
    auto on_diagnostic = [&](const Diagnostic& d) {
        if (d.severity == Diagnostic::Severity::notice) {  // not a problem: a note for --verbose
            if (options.verbose) {
                progress.clear();
                err << "newsdex-index: note: " << d.message() << "\n";
            }
            return;
        }
        progress.clear();
        printer.print(d);
        if (d.severity == Diagnostic::Severity::empty) {
            ++empty;
        } else if (d.severity == Diagnostic::Severity::skipped) {
            ++skipped;
            if (d.line == 0 && d.reason == "no such file or directory") ++missing_inputs;
        } else {
            ++repaired;
        }
    };
    auto on_file = [&](const std::string& path) {
        current_file = path;
        if (options.verbose) {
            progress.clear();
            err << "newsdex-index: reading " << path << "\n";
        }
    };

    bool interrupted = false;
    try {
        read_inputs(options.inputs, options.read, on_article, on_diagnostic, on_file);
    } catch (const Stop&) {
        interrupted = true;
    }
    writer.commit();
    progress.clear();
    CompactionResult compaction;
    if (!interrupted) compaction = options.compact ? writer.compact() : writer.compact_fresh_build();
    if (!compaction.skipped.empty()) err << "newsdex-index: note: index not compacted: " << compaction.skipped << "\n";
    const std::size_t added = writer.stats().added;
    const std::size_t replaced = writer.stats().replaced;

    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t indexed = added + replaced;
    if (interrupted) {
        err << "newsdex-index: interrupted; committed " << indexed << " articles read so far\n";
    }
    // A run that created the index and indexed nothing leaves nothing behind.
    const std::size_t article_count = writer.article_count();
    const std::size_t shard_count = writer.shard_count();
    const bool removed = new_index && article_count == 0;
    if (removed) {
        owned_writer.reset();  // closes the database and releases its lock
        std::error_code remove_ec;
        std::filesystem::remove_all(options.db, remove_ec);
        remove_made_directories(made_folders);
        err << "newsdex-index: nothing indexed; " << options.db << " not created\n";
    }
    if (!options.quiet) {
        out << "indexed " << indexed << " articles (" << added << " added, " << replaced << " replaced), "
            << skipped << " skipped, " << (empty > 0 ? std::to_string(empty) + " empty, " : "") << repaired << " repaired in " << std::fixed << std::setprecision(2) << seconds
            << " s (" << std::setprecision(0) << (seconds > 0 ? indexed / seconds : 0.0) << " articles/s); ";
        if (removed) {
            out << "no index created at " << options.db << "\n";
        } else {
            out << "index " << options.db << " holds " << article_count << " articles";
            if (shard_count > 1) out << " in " << shard_count << " shards";
            out << "\n";
        }
        if (compaction.compacted) print_compaction(compaction, options.db, out);
    }
    if (interrupted) return cli::exit_interrupted;
    if (missing_inputs == options.inputs.size()) return cli::exit_no_input;
    if (indexed == 0 && skipped + empty > 0) return cli::exit_data_error;
    if (skipped > 0 || repaired > 0) return cli::exit_partial;
    return cli::exit_ok;
}

}  // namespace newsdex::indexer
