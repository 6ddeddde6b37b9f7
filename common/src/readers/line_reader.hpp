/// @file line_reader.hpp
/// Lines of a stream in bounded memory (library-internal).
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace newsdex::detail {

/// Splits a stream into lines without ever holding more than @p limit bytes of
/// one line: a 2 GB log line costs a 64 KB buffer, not 2 GB of memory.
class LineReader {
  public:
    /// @p head: bytes already taken from @p in, read first.
    LineReader(std::istream& in, std::string head) : in_(in), buffer_(std::move(head)) {}

    /// The next line (without '\n') in @p line, or empty with @p length > @p limit
    /// when it is too long. @return false at the end of the input.
    bool next(std::string& line, std::size_t limit, std::size_t& length);

    /// Whether reading failed (a read error, or damaged compressed data).
    bool bad() const;
    /// Why the stream went bad (see bad()): the decompressor's or the system's reason.
    std::string error() const;

  private:
    void append(std::string& line, std::size_t n, std::size_t limit, std::size_t& length);
    bool refill();

    std::istream& in_;
    std::string buffer_;
    std::size_t pos_ = 0;
};

}  // namespace newsdex::detail
