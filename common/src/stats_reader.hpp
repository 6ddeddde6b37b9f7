/// @file stats_reader.hpp
/// Reading IndexStats from an open database (library-internal; Searcher::stats()).
#pragma once

#include <string>
#include <vector>

#include "newsdex/index_stats.hpp"

namespace Xapian {
class Database;
}

namespace newsdex::detail {

/// What @p db (opened from @p paths) holds. @throws Xapian::Error.
IndexStats collect_stats(const Xapian::Database& db, const std::vector<std::string>& paths);

}  // namespace newsdex::detail
