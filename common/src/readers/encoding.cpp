/// @file encoding.cpp
/// Recognising the encoding of an input (UTF-8, UTF-16 with or without a BOM)
/// and binary files that are no article at all.
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "input.hpp"

namespace newsdex::detail {

namespace {

// UTF-16 to UTF-8 from byte @p start (2 after a BOM); unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(const std::string& bytes, bool little_endian, std::size_t start) {
    std::string out;
    out.reserve(bytes.size());
    auto unit = [&](std::size_t i) -> unsigned {
        auto a = static_cast<unsigned char>(bytes[i]);
        auto b = static_cast<unsigned char>(bytes[i + 1]);
        return little_endian ? (a | (b << 8)) : ((a << 8) | b);
    };
    auto put = [&](unsigned cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    };
    for (std::size_t i = start; i + 1 < bytes.size(); i += 2) {
        unsigned u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
            unsigned low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                put(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        put(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
    }
    return out;
}

}  // namespace

// Text in Latin scripts in UTF-16LE without a BOM: "{\"" is 7B 00 22 00.
Encoding detect_encoding(std::string_view head) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
    if (head.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) return Encoding::utf16le;
    if (head.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) return Encoding::utf16be;
    std::size_t pairs = std::min<std::size_t>(head.size(), 4096) / 2;
    if (pairs < 4) return Encoding::utf8;
    std::size_t even_nul = 0, odd_nul = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
        even_nul += head[2 * i] == '\0';
        odd_nul += head[2 * i + 1] == '\0';
    }
    if (odd_nul * 10 >= pairs * 4 && even_nul * 20 < pairs) return Encoding::utf16le_no_bom;
    if (even_nul * 10 >= pairs * 4 && odd_nul * 20 < pairs) return Encoding::utf16be_no_bom;
    return Encoding::utf8;
}

std::string to_utf8(std::string& content, Encoding encoding) {
    switch (encoding) {
        case Encoding::utf8:
            if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) content.erase(0, 3);
            return {};
        case Encoding::utf16le: content = utf16_to_utf8(content, true, 2); return "converted from UTF-16LE";
        case Encoding::utf16be: content = utf16_to_utf8(content, false, 2); return "converted from UTF-16BE";
        case Encoding::utf16le_no_bom:
            content = utf16_to_utf8(content, true, 0);
            return "converted from UTF-16LE (no byte order mark; recognised by its NUL bytes)";
        case Encoding::utf16be_no_bom:
            content = utf16_to_utf8(content, false, 0);
            return "converted from UTF-16BE (no byte order mark; recognised by its NUL bytes)";
    }
    return {};
}

std::string read_error(int error) {
    return std::string("read error: ") + std::strerror(error != 0 ? error : EIO);
}

// Control characters other than tab, newline, CR, form feed and escape, and
// bytes that are not UTF-8, count as "no text has". A stray NUL in a text
// file, as a crash can leave, is repaired line by line instead.
bool looks_binary(std::string_view content) {
    const std::size_t n = std::min<std::size_t>(content.size(), 8192);
    std::size_t nul = 0;
    std::size_t odd = 0;
    for (std::size_t i = 0; i < n;) {
        auto c = static_cast<unsigned char>(content[i]);
        if (c < 0x80) {
            nul += c == 0;
            odd += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b;
            ++i;
            continue;
        }
        std::size_t length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (length != 0 && i + length > n) break;  // cut by the end of the sample
        bool valid = length != 0;
        for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(content[i + k]) & 0xC0) == 0x80;
        if (!valid) {
            ++odd;
            ++i;
            continue;
        }
        i += length;
    }
    return (nul > 0 && nul * 100 >= n) || (odd > 0 && odd * 10 >= n);
}

}  // namespace newsdex::detail
