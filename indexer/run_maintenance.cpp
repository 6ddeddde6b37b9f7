/// @file run_maintenance.cpp
/// Deleting articles by id and compacting an index from the command line.
#include "run_maintenance.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "exit_codes.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"

namespace newsdex::indexer {

namespace {

/// An id to delete and where it was named ("" and 0 for the command line).
struct IdToDelete {
    std::string id;
    std::string file;
    std::size_t line = 0;
};

/// The ids of @p in, one per line (surrounding blanks and a CR dropped; blank lines skipped).
void read_ids(std::istream& in, const std::string& name, std::vector<IdToDelete>& ids) {
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        const std::size_t last = line.find_last_not_of(" \t\r");
        ids.push_back({line.substr(first, last - first + 1), name, number});
    }
}

/// @throws IndexError(missing) if there is no index at options.db: a mistyped
/// path must not get an empty index.
void require_index(const IndexOptions& options, const char* what) {
    std::error_code ec;
    if (!std::filesystem::exists(options.db, ec)) {
        throw IndexError(IndexError::Kind::missing, options.db, std::string("no index here (nothing to ") + what + ")");
    }
}

}  // namespace

void print_compaction(const CompactionResult& result, const std::string& db, std::ostream& out) {
    out << "compacted " << db << ": " << std::fixed << std::setprecision(1) << result.bytes_before / 1e6 << " MB -> "
        << result.bytes_after / 1e6 << " MB\n";
}

int run_compact(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    require_index(options, "compact");
    IndexWriterOptions writer_options;
    writer_options.wait_for_lock = options.wait_for_lock;
    writer_options.threads = 1;
    IndexWriter writer(options.db, writer_options);
    const CompactionResult result = writer.compact();
    if (!result.compacted) {
        err << "newsdex-index: " << options.db << ": not compacted: " << result.skipped << "\n";
        return cli::exit_io_error;
    }
    if (!options.quiet) print_compaction(result, options.db, out);
    return cli::exit_ok;
}

int run_delete(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    std::vector<IdToDelete> ids;
    if (options.delete_ids) {
        for (const std::string& id : options.inputs) ids.push_back({id, {}, 0});
    }
    if (!options.delete_from.empty()) {
        if (options.delete_from == "-") {
            read_ids(std::cin, "-", ids);
        } else {
            std::ifstream in(options.delete_from);
            if (!in) {
                err << "newsdex-index: " << options.delete_from << ": cannot read: " << std::strerror(errno) << "\n";
                return cli::exit_no_input;
            }
            read_ids(in, options.delete_from, ids);
        }
    }
    require_index(options, "delete from");
    IndexWriterOptions writer_options;
    writer_options.batch_size = options.batch_size;
    writer_options.wait_for_lock = options.wait_for_lock;
    writer_options.threads = 1;
    IndexWriter writer(options.db, writer_options);
    for (const IdToDelete& entry : ids) {
        if (writer.remove(entry.id)) continue;
        err << "newsdex-index: ";
        if (!entry.file.empty()) err << entry.file << ":" << entry.line << ": ";
        err << "no article with id \"" << entry.id << "\"\n";
    }
    writer.commit();
    const IndexWriterStats stats = writer.stats();
    if (!options.quiet) {
        out << "deleted " << stats.removed << " articles, " << stats.not_found << " not found; index " << options.db
            << " holds " << writer.article_count() << " articles\n";
    }
    return stats.not_found > 0 ? cli::exit_partial : cli::exit_ok;
}

}  // namespace newsdex::indexer
