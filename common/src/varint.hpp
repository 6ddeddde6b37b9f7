/// @file varint.hpp
/// LEB128 varints, the integers of newsdex's packed values (stored
/// articles, entity facets, stem vectors): 7 bits a byte, low bits first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::detail {

inline void put_varint(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

/// Reads a varint of @p in at @p pos into @p value and moves @p pos past it;
/// false (value undefined) if @p in ends first or the varint is over 64 bits.
inline bool get_varint(std::string_view in, std::size_t& pos, std::uint64_t& value) {
    value = 0;
    for (unsigned shift = 0; shift < 64 && pos < in.size(); shift += 7) {
        const auto byte = static_cast<unsigned char>(in[pos++]);
        value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return true;
    }
    return false;
}

}  // namespace newsdex::detail
