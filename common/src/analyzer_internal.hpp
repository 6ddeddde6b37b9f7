/// @file analyzer_internal.hpp
/// Pieces of the analysis chain shared inside the library (not installed).
#pragma once

#include <cstdint>
#include <string>

namespace newsdex::detail {

/// NFKC + case folding (+ diacritic folding when @p fold) of one word given as UTF-16.
std::string normalise_word(const char16_t* begin, int32_t length, bool fold);

}  // namespace newsdex::detail
