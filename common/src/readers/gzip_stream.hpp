/// @file gzip_stream.hpp
/// Streamed gzip decompression for input files (library-internal): a .gz
/// file is read through zlib in 64 KB steps, never whole, whatever its size.
#pragma once

#include <zlib.h>

#include <istream>
#include <streambuf>
#include <string>
#include <string_view>

namespace newsdex::detail {

/// Whether @p head starts like gzip data (magic 1F 8B).
bool looks_gzip(std::string_view head);

/// The decompressed bytes of a gzip stream (one or more members, as `cat a.gz
/// b.gz` makes). Damaged or cut-short data ends the stream early (the bytes
/// before the damage are delivered), and error() says why: check
/// stream_failed(), not only bad().
class GzipBuffer : public std::streambuf {
  public:
    /// @p already_read: the first bytes of the compressed data, taken from
    /// @p raw before (to sniff the format); the rest comes from @p raw.
    GzipBuffer(std::string already_read, std::istream& raw);
    ~GzipBuffer() override;
    GzipBuffer(const GzipBuffer&) = delete;
    GzipBuffer& operator=(const GzipBuffer&) = delete;

    /// Why decompression stopped early ("" if it did not).
    const std::string& error() const { return error_; }

  protected:
    int_type underflow() override;

  private:
    bool refill_input();

    std::istream& raw_;
    std::string pending_;  ///< compressed bytes read before construction
    z_stream zs_{};
    bool finished_ = false;  ///< the last member ended at the end of the input
    std::string error_;
    char in_[64 * 1024];
    char out_[64 * 1024];
};

/// Whether reading @p in failed: a read error, or damaged compressed data.
bool stream_failed(const std::istream& in);

/// The message a bad input stream gets: the decompressor's reason when @p in
/// reads through a GzipBuffer, else the system's ("read error: ...").
std::string stream_error(const std::istream& in);

}  // namespace newsdex::detail
