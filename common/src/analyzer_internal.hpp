/// @file analyzer_internal.hpp
/// Pieces of the analysis chain shared inside the library (not installed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>

#include "newsdex/analyzer.hpp"

namespace newsdex::detail {

/// NFKC + case folding (+ diacritic folding when @p fold) of one word given as UTF-16.
std::string normalise_word(const char16_t* begin, int32_t length, bool fold);

/// ASCII white space: always a word boundary before and after it for UAX #29
/// when the neighbour is ASCII too.
bool is_break_space(unsigned char c);
/// Printable ASCII other than space: the bytes the tokenizer's fast path reads.
bool is_fast_chunk_byte(unsigned char c);

/// The terms of text[chunk_start, chunk_end), a run of printable ASCII
/// between white space, exactly as ICU's word breaking would give them
/// (Analyzer::for_each_token's fast path). @p terms and @p word are scratch.
void ascii_chunk_words(std::string_view text, std::size_t chunk_start, std::size_t chunk_end, Token& token,
                       std::vector<std::string>& terms, std::string& word,
                       const std::function<void(const Token&)>& fn);

/// The terms of @p text by ICU word breaking with @p bi (any script);
/// offsets are shifted by @p offset. Used for what the fast path does not
/// read, and by the tests as the reference the fast path must match.
void icu_words(icu::BreakIterator& bi, std::string_view text, std::size_t offset, bool fold, Token& token,
               std::vector<std::string>& terms, const std::function<void(const Token&)>& fn);

}  // namespace newsdex::detail
