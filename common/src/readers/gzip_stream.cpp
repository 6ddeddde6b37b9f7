/// @file gzip_stream.cpp
#include "gzip_stream.hpp"

#include <cerrno>
#include <cstring>

#include "input.hpp"

namespace newsdex::detail {

bool looks_gzip(std::string_view head) {
    return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
}

GzipBuffer::GzipBuffer(std::string already_read, std::istream& raw) : raw_(raw), pending_(std::move(already_read)) {
    // 15 + 16: gzip framing only (a zlib or raw stream is not a .gz file).
    if (inflateInit2(&zs_, 15 + 16) != Z_OK) error_ = "cannot start gzip decompression (out of memory)";
    setg(out_, out_, out_);
}

GzipBuffer::~GzipBuffer() { inflateEnd(&zs_); }

bool GzipBuffer::refill_input() {
    if (!pending_.empty()) {
        const std::size_t n = std::min(pending_.size(), sizeof in_);
        std::memcpy(in_, pending_.data(), n);
        pending_.erase(0, n);
        zs_.next_in = reinterpret_cast<Bytef*>(in_);
        zs_.avail_in = static_cast<uInt>(n);
        return true;
    }
    raw_.read(in_, sizeof in_);
    const std::streamsize n = raw_.gcount();
    if (raw_.bad()) {
        error_ = read_error(errno);
        return false;
    }
    zs_.next_in = reinterpret_cast<Bytef*>(in_);
    zs_.avail_in = static_cast<uInt>(n);
    return n > 0;
}

GzipBuffer::int_type GzipBuffer::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    // Errors end the stream instead of throwing: an exception in the middle of
    // istream::read() would lose the bytes it had already copied.
    if (!error_.empty()) return traits_type::eof();
    while (!finished_) {
        if (zs_.avail_in == 0 && !refill_input()) {
            if (error_.empty()) error_ = "compressed data cut short (the gzip file is truncated)";
            return traits_type::eof();
        }
        zs_.next_out = reinterpret_cast<Bytef*>(out_);
        zs_.avail_out = sizeof out_;
        const int status = inflate(&zs_, Z_NO_FLUSH);
        const std::size_t produced = sizeof out_ - zs_.avail_out;
        if (status == Z_STREAM_END) {
            // Another member may follow (concatenated .gz files); else this is the end.
            if (zs_.avail_in == 0 && !refill_input() && error_.empty()) {
                finished_ = true;
            } else if (!error_.empty()) {
                return traits_type::eof();
            } else {
                inflateReset(&zs_);
            }
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            error_ = std::string("damaged gzip data: ") + (zs_.msg ? zs_.msg : "inflate failed");
            if (produced == 0) return traits_type::eof();
        }
        if (produced > 0) {
            setg(out_, out_, out_ + produced);
            return traits_type::to_int_type(*gptr());
        }
    }
    return traits_type::eof();
}

bool stream_failed(const std::istream& in) {
    if (in.bad()) return true;
    const auto* gzip = dynamic_cast<const GzipBuffer*>(in.rdbuf());
    return gzip && !gzip->error().empty();
}

std::string stream_error(const std::istream& in) {
    if (const auto* gzip = dynamic_cast<const GzipBuffer*>(in.rdbuf()); gzip && !gzip->error().empty()) {
        return gzip->error();
    }
    return read_error(errno);
}

}  // namespace newsdex::detail
