/// @file text.hpp
/// UTF-8 helpers for entity extraction: code point decoding, classes, lowercasing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::entities {

/// Decodes the code point at s[i] and advances i; invalid bytes decode as U+FFFD (one byte).
char32_t next_code_point(std::string_view s, std::size_t& i);

/// Appends the UTF-8 encoding of c.
void append_utf8(std::string& out, char32_t c);

bool is_space(char32_t c);
bool is_letter(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
bool is_digit(char32_t c);
char32_t to_lower(char32_t c);
char32_t to_upper(char32_t c);

/// Full lowercase of a UTF-8 string (simple case mapping per code point).
std::string lowercase(std::string_view s);
/// The same into @p out, reusing its storage.
void lowercase_into(std::string_view s, std::string& out);
/// hash_bytes(lowercase(s), seed) without building the string.
std::uint64_t lower_hash(std::string_view s, std::uint64_t seed);

/// 64-bit FNV-1a hash of bytes, seeded.
inline std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed = 0xcbf29ce484222325ULL) {
    std::uint64_t h = seed;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/// Mixes two hashes into one (murmur3 finaliser over a combination).
inline std::uint64_t hash_mix(std::uint64_t a, std::uint64_t b) {
    std::uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/// Calls @p f for each line of a shipped data list, with trailing spaces and
/// CR removed, skipping empty lines and '#' comments.
template <class F>
void for_each_line(std::string_view list, F f) {
    std::size_t pos = 0;
    while (pos < list.size()) {
        std::size_t nl = list.find('\n', pos);
        if (nl == std::string_view::npos) nl = list.size();
        std::string_view line = list.substr(pos, nl - pos);
        pos = nl + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        f(line);
    }
}

}  // namespace newsdex::entities
