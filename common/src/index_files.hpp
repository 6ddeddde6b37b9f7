/// @file index_files.hpp
/// The index as files on disk: syncing, sizes, the sibling directory a rebuilt
/// copy is made in, and the one atomic swap that puts it in place (library-internal).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace newsdex::detail {

/// Resident set size of this process in bytes (0 where /proc is missing).
std::size_t resident_bytes();

/// fsyncs every file of a (glass) database directory and the directory itself:
/// the one synced commit at the end of a DB_NO_SYNC bulk build.
void sync_directory(const std::filesystem::path& path);

/// The index directory named by @p path ("db/" -> "db").
std::filesystem::path index_directory(const std::string& path);

/// Where a rebuilt copy of the index @p target is made before it is swapped
/// in: beside it, so the swap is a rename on one file system. Compaction and
/// parallel builds use the same name, so either cleans up after the other.
std::filesystem::path swap_path_beside(const std::filesystem::path& target);

/// Whether @p target can be replaced by swap_in(): a plain directory, not a symlink.
bool swappable(const std::filesystem::path& target);

/// Bytes of the regular files directly in @p dir (a glass database has no subdirectories).
std::uintmax_t directory_bytes(const std::filesystem::path& dir);

/**
 * Puts the complete database at @p built in place of @p target in one atomic
 * step (Linux renameat2 RENAME_EXCHANGE): @p built is synced first and the
 * parent directory after, so a crash at any point leaves either the old or
 * the new index at the path. The old index (and any lock held on it) ends up
 * at @p built, for the caller to remove.
 * @return empty on success, else why the exchange is impossible here (nothing changed).
 */
[[nodiscard]] std::string swap_in(const std::filesystem::path& built, const std::filesystem::path& target);

/// Opens @p path for writing. A writer that waited for the lock
/// (DB_RETRY_LOCK) may have waited on a directory that a finishing bulk
/// build or compaction has since swapped out: it then holds the lock of the
/// old directory while Xapian opens the files of the new one, so it opens again.
Xapian::WritableDatabase open_writable(const std::string& path, int flags);

}  // namespace newsdex::detail
