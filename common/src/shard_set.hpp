/// @file shard_set.hpp
/// Opening the databases a search names, shard by shard, so that a shard
/// that is down is named, or with allow_missing left out (library-internal).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace newsdex::detail {

struct OpenedShards {
    Xapian::Database db;            ///< every shard that opened, as one
    std::string analyzer_settings;  ///< of the first shard
    bool local = true;              ///< no shard is remote
    std::size_t shards = 0;         ///< databases named (opened or missing)
    std::vector<std::string> missing;  ///< ShardLocation::describe() of each shard that did not open
    int schema_version = 0;               ///< the oldest schema version of the shards that opened
    std::vector<std::string> local_dirs;  ///< the database directory of each local shard that opened
};

/** Opens every database @p paths name (directories, stub files, directories
 *  holding a XAPIANDB stub; see expand_shards()), checking that each is a
 *  newsdex index this build reads.
 *  @throws IndexError naming the shard (Kind::unavailable for a server that
 *  cannot be reached) when one does not open, unless @p allow_missing and
 *  more than one database is named: then it is listed in `missing`, and only
 *  if none opens is the first error thrown. */
OpenedShards open_shards(const std::vector<std::string>& paths, bool allow_missing);

}  // namespace newsdex::detail
