#include "xapian_errors.hpp"

#include <xapian.h>

#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"

namespace newsdex::detail {

void rethrow_index_error(const Xapian::Error& e, const std::string& path, const std::string& action) {
    using Kind = IndexError::Kind;
    std::string what = e.get_description();
    Kind kind = Kind::other;
    std::string message;
    const std::string type = e.get_type();
    if (type == "DatabaseLockError") {
        kind = Kind::locked;
        message = "index is locked by another writer (another newsdex-index running?)";
    } else if (type == "DatabaseNotFoundError") {
        kind = Kind::missing;
        message = "no index here";
    } else if (type == "DatabaseCorruptError") {
        kind = Kind::corrupt;
        message = "index is corrupt";
    } else if (type == "DatabaseVersionError") {
        kind = Kind::version;
        message = "index format not supported by this Xapian";
    } else if (type == "DatabaseCreateError") {
        kind = Kind::unwritable;
        message = "cannot create index";
    } else if (type == "DatabaseOpeningError") {
        kind = Kind::corrupt;
        message = "cannot open index (not a Xapian database, or damaged)";
    } else if (type == "NetworkError" || type == "NetworkTimeoutError") {
        kind = Kind::unavailable;
        message = "shard unavailable (its server is down, refuses the connection or does not answer)";
    } else if (type == "DatabaseError" || type == "DatabaseModifiedError") {
        kind = Kind::io;
        message = "database error";
    } else {
        message = "Xapian error";
    }
    // The cause matters more than the exception type: name it first.
    auto mentions = [&](const char* text) { return what.find(text) != std::string::npos; };
    if (mentions("No space left on device") || mentions("File too large") || mentions("Disk quota exceeded")) {
        kind = Kind::io;
        message = "disk full (or file size limit reached); the index keeps its last commit";
    } else if (mentions("Permission denied") || mentions("Read-only file system")) {
        kind = Kind::unwritable;
        message = "cannot write here (permission denied or read-only file system)";
    } else if (mentions("EOF reading block") || mentions("Error reading block") || mentions("checksum")) {
        kind = Kind::corrupt;
        message = "index is corrupt (a table file is truncated or damaged; xapian-check tells more)";
    } else if (mentions("Input/output error")) {
        kind = Kind::io;
        message = "I/O error";
    }
    throw IndexError(kind, path, message + " while " + action + " (" + what + ")");
}

void check_schema_version(const std::string& path, const std::string& found) {
    int version = 0;
    try {
        version = std::stoi(found);
    } catch (...) {
        throw IndexError(IndexError::Kind::version, path,
                         "unreadable schema version \"" + found + "\"");
    }
    if (version > schema::version) {
        throw IndexError(IndexError::Kind::version, path,
                         "index has schema version " + std::to_string(version) +
                             " but this newsdex supports up to " + std::to_string(schema::version) +
                             "; upgrade newsdex");
    }
}

}  // namespace newsdex::detail
