/// @file run_index.hpp
/// The work of newsdex-index once options are parsed: read, index, report.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "newsdex/index_writer.hpp"
#include "options.hpp"

namespace newsdex::indexer {

/// Indexes options.inputs into options.db; messages go to @p err, the summary
/// to @p out. @return the exit code (see common/cli/exit_codes.hpp).
/// @throws newsdex::IndexError when the index cannot be opened or written.
int run_index(const IndexOptions& options, std::ostream& out, std::ostream& err);

/// Asks a running run_index() or run_watch() to stop after committing (async-signal-safe).
void request_stop();
/// Whether request_stop() was called.
bool stop_was_requested();

/// Creates the missing folders above index directory @p db (`--db news/2025/idx`
/// in a fresh checkout), as `mkdir -p` would. @return the folders created,
/// outermost first, for remove_made_directories() if nothing gets indexed.
/// @throws newsdex::IndexError (unwritable) naming the folder that could not be made.
std::vector<std::filesystem::path> make_parent_directories(const std::string& db);
/// Removes the folders make_parent_directories() made, innermost first, if still empty.
void remove_made_directories(const std::vector<std::filesystem::path>& made);

/// The writer settings options ask for (parallel writers and sync are the caller's).
IndexWriterOptions writer_options_for(const IndexOptions& options);

}  // namespace newsdex::indexer
