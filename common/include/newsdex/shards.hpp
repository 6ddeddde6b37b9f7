/// @file shards.hpp
/// Sharded indexes: which shard an article id belongs to, and what a sharded index looks like on disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace newsdex {

/// The routing hash of an article id: FNV-1a 64 over its UTF-8 bytes
/// (offset 14695981039346656037, prime 1099511628211). Part of the on-disk
/// format: every run, every version, every machine computes the same.
std::uint64_t shard_hash(std::string_view id);

/** The shard (0 to @p shard_count - 1) that holds article @p id: Lamping and
 *  Veach's jump consistent hash of shard_hash(id). Stable, so a later run sends
 *  an upsert (or delete) of the same id to the same shard; consistent, so a
 *  future move from N to N + 1 shards would move only 1/(N + 1) of the ids.
 *  @throws UsageError when @p shard_count is 0. */
std::size_t shard_of(std::string_view id, std::size_t shard_count);

/// The stub file inside a sharded index directory, which Xapian opens as all
/// its shards: `DIR/XAPIANDB`, one line `auto shard-NNN` per shard.
inline constexpr const char* shard_stub_name = "XAPIANDB";

/// The directory of shard @p shard inside the sharded index @p dir ("shard-000", ...).
std::filesystem::path shard_path(const std::filesystem::path& dir, std::size_t shard);

/** Number of shards of the newsdex sharded index at @p dir: 0 when @p dir is
 *  no sharded index (missing, empty, or one plain database).
 *  @throws IndexError when @p dir holds a stub file newsdex did not write. */
std::size_t sharded_index_count(const std::filesystem::path& dir);

}  // namespace newsdex
