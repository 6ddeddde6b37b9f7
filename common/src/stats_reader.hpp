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
/// Sizes and the last commit time are those of the database directories
/// @p local_shards; @p schema_version is the oldest of the shards'.
IndexStats collect_stats(const Xapian::Database& db, const std::vector<std::string>& local_shards,
                         int schema_version);

}  // namespace newsdex::detail
