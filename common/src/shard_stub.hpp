/// @file shard_stub.hpp
/// Xapian stub files read shard by shard, and the stub of a sharded index (library-internal).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::detail {

/// Metadata of each shard of a sharded index: "INDEX/COUNT" ("2/4"), so a
/// stub whose lines were reordered or shortened is caught instead of
/// sending articles to the wrong shard.
inline constexpr const char* meta_shard = "newsdex.shard";
/// Metadata naming the routing function (shard_of()), for a future change of it.
inline constexpr const char* meta_shard_hash = "newsdex.shard_hash";
inline constexpr const char* shard_hash_name = "fnv1a64-jump";

/// One database a search path stands for: a local database or a remote server.
struct ShardLocation {
    enum class Kind { local, remote_tcp, remote_program };
    Kind kind = Kind::local;
    std::string path;        ///< local: the database directory
    std::string host;        ///< remote_tcp
    unsigned port = 0;       ///< remote_tcp
    std::string program;     ///< remote_program: the command Xapian runs
    std::string args;        ///< remote_program: its arguments
    std::string listed_in;   ///< the stub file that named it ("" when given directly)

    /// How errors name it: the path, or "remote HOST:PORT", plus the stub it is listed in.
    std::string describe() const;
};

/** The databases @p path stands for, in Xapian's order: a database directory
 *  is itself; a stub file (or a directory holding a XAPIANDB stub) is every
 *  database its lines name, stubs within stubs expanded, relative paths taken
 *  from the stub's directory, as Xapian 1.4 reads them (`auto`, `glass`,
 *  `chert`, `remote HOST:PORT`, `remote tcp HOST PORT`, `remote :PROGRAM ARGS`;
 *  `#` comments); `tcp://HOST:PORT` is one remote database.
 *  @throws UsageError for a malformed `tcp://` path.
 *  @return nullopt for a stub with a line newsdex does not know (`inmemory`,
 *  old formats): the caller lets Xapian open it as a whole. */
std::optional<std::vector<ShardLocation>> expand_shards(const std::string& path);

/// Writes @p dir/XAPIANDB naming @p count shards (atomically: a temporary file renamed).
/// @throws IndexError when it cannot be written.
void write_shard_stub(const std::filesystem::path& dir, std::size_t count);

}  // namespace newsdex::detail
