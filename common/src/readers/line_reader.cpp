/// @file line_reader.cpp
#include "line_reader.hpp"

#include "gzip_stream.hpp"

namespace newsdex::detail {

bool LineReader::next(std::string& line, std::size_t limit, std::size_t& length) {
    line.clear();
    length = 0;
    bool any = false;
    for (;;) {
        if (pos_ < buffer_.size()) {
            any = true;
            std::size_t newline = buffer_.find('\n', pos_);
            std::size_t end = newline == std::string::npos ? buffer_.size() : newline;
            append(line, end - pos_, limit, length);
            pos_ = end;
            if (newline != std::string::npos) {
                ++pos_;
                return true;
            }
        }
        if (!refill()) return any;
    }
}

void LineReader::append(std::string& line, std::size_t n, std::size_t limit, std::size_t& length) {
    length += n;
    if (length <= limit) {
        line.append(buffer_, pos_, n);
    } else {
        line.clear();
        line.shrink_to_fit();
    }
}

bool LineReader::bad() const { return stream_failed(in_); }

std::string LineReader::error() const { return stream_error(in_); }

bool LineReader::refill() {
    buffer_.resize(64 * 1024);
    pos_ = 0;
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.resize(static_cast<std::size_t>(in_.gcount()));
    return !buffer_.empty();
}

}  // namespace newsdex::detail
