/// @file run_index.hpp
/// The work of newsdex-index once options are parsed: read, index, report.
#pragma once

#include <iosfwd>

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

/// The writer settings options ask for (parallel writers and sync are the caller's).
IndexWriterOptions writer_options_for(const IndexOptions& options);

}  // namespace newsdex::indexer
