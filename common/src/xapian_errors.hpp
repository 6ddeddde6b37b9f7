/// @file xapian_errors.hpp
/// Turning Xapian exceptions into newsdex errors with context (library-internal).
#pragma once

#include <string>

namespace Xapian {
class Error;
}

namespace newsdex::detail {

/// Throws the IndexError that describes @p e for the index at @p path while
/// doing @p action ("opening", "committing", ...).
[[noreturn]] void rethrow_index_error(const Xapian::Error& e, const std::string& path, const std::string& action);

/// Throws IndexError(version) if @p found (the stored schema version) is newer
/// than this build supports or unreadable.
void check_schema_version(const std::string& path, const std::string& found);

}  // namespace newsdex::detail
