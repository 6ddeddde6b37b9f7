/// @file highlighter.hpp
/// ICU-aware snippets: picks the passages with the most and best query matches
/// and marks exactly the matched words (stems, folded diacritics, CJK/Thai
/// words, phrases as one span), with byte offsets into the snippet text.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "newsdex/searcher.hpp"
#include "query_shape.hpp"

namespace newsdex::detail {

using ByteRange = std::pair<std::size_t, std::size_t>;

/// Highlight spans over @p tokens of @p text (weights > 0 match);
/// consecutive matched tokens form one span when only white space (or a
/// hyphen) separates them: "oil prices" is one span, "music." and "Music"
/// across `."` and a paragraph break are two, without the punctuation.
std::vector<ByteRange> highlight_spans(std::string_view text, const std::vector<Token>& tokens,
                                       const std::vector<double>& weights);

/// Finds the real occurrences of @p group in @p tokens (title tokens also
/// match the group's "S"-prefixed title terms) and raises the weight of each
/// token of each occurrence to at least @p weight. A phrase term outside an
/// occurrence stays unmarked: "Kursk region" does not light up a lone "region".
void mark_phrase_occurrences(const std::vector<Token>& tokens, const PhraseGroup& group, bool title,
                             double weight, std::vector<double>& weights);

/// Up to @p max_snippets passages of about @p target_bytes from @p text, best
/// first picked, returned in text order. With no match, the opening of the text.
std::vector<Snippet> make_snippets(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<double>& weights, std::size_t max_snippets,
                                   std::size_t target_bytes);

}  // namespace newsdex::detail
