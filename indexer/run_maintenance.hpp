/// @file run_maintenance.hpp
/// newsdex-index on an existing index without reading articles: --delete,
/// --delete-from and --compact.
#pragma once

#include <iosfwd>

#include "newsdex/index_writer.hpp"
#include "options.hpp"

namespace newsdex::indexer {

/// Deletes the articles named by options.inputs (with --delete) and by the
/// lines of options.delete_from from options.db. Each id the index does not
/// hold is reported on @p err and counted; the summary goes to @p out.
/// @return exit_ok, or exit_partial if some id was not in the index, or
/// exit_no_input if the id file cannot be read.
/// @throws newsdex::IndexError when the index is missing or cannot be written.
int run_delete(const IndexOptions& options, std::ostream& out, std::ostream& err);

/// Compacts options.db in place (--compact without INPUT).
/// @return exit_ok, or exit_io_error (with the reason on @p err) if it cannot be done here.
/// @throws newsdex::IndexError when the index is missing, locked or cannot be written.
int run_compact(const IndexOptions& options, std::ostream& out, std::ostream& err);

/// "compacted DB: 1.2 MB -> 0.7 MB" for @p result.
void print_compaction(const CompactionResult& result, const std::string& db, std::ostream& out);

}  // namespace newsdex::indexer
