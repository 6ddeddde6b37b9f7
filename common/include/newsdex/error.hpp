/// @file error.hpp
/// The one exception hierarchy of newsdex: every failure an embedder can see.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace newsdex {

/// Base of every error newsdex throws; what() reads well on its own.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Bad input data: names the file (or "-"), the 1-based line (0 if none) and the reason.
class InputError : public Error {
  public:
    InputError(std::string path, std::size_t line, std::string reason);
    const std::string& path() const noexcept { return path_; }
    std::size_t line() const noexcept { return line_; }
    const std::string& reason() const noexcept { return reason_; }

  private:
    std::string path_;
    std::size_t line_;
    std::string reason_;
};

/// A problem with an index as a whole: missing, locked, corrupt, unwritable, newer schema.
class IndexError : public Error {
  public:
    enum class Kind {
        missing,     ///< no index at the path
        locked,      ///< another writer holds the lock
        corrupt,     ///< unreadable structure (truncated or damaged files)
        version,     ///< newer schema or Xapian format than this build reads
        io,          ///< reading or writing failed: disk full, file size limit, I/O error
        other,       ///< not a newsdex index, or another database failure
        unwritable,  ///< cannot be created or written: permissions, read-only file system
        unavailable, ///< a remote shard's server cannot be reached (down, refused, timed out)
    };
    IndexError(Kind kind, std::string path, const std::string& message);
    Kind kind() const noexcept { return kind_; }
    const std::string& path() const noexcept { return path_; }

  private:
    Kind kind_;
    std::string path_;
};

/// A query that cannot be parsed or run as written; names the problem.
class QueryError : public Error {
  public:
    QueryError(std::string query, const std::string& message);
    const std::string& query() const noexcept { return query_; }

  private:
    std::string query_;
};

/// A caller asked for something invalid (bad option value, bad setting).
class UsageError : public Error {
  public:
    using Error::Error;
};

}  // namespace newsdex
