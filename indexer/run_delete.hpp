/// @file run_delete.hpp
/// newsdex-index --delete / --delete-from: delete articles by id, report, exit.
#pragma once

#include <iosfwd>

#include "options.hpp"

namespace newsdex::indexer {

/// Deletes the articles named by options.inputs (with --delete) and by the
/// lines of options.delete_from from options.db. Each id the index does not
/// hold is reported on @p err and counted; the summary goes to @p out.
/// @return exit_ok, or exit_partial if some id was not in the index, or
/// exit_no_input if the id file cannot be read.
/// @throws newsdex::IndexError when the index is missing or cannot be written.
int run_delete(const IndexOptions& options, std::ostream& out, std::ostream& err);

}  // namespace newsdex::indexer
