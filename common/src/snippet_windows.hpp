/// @file snippet_windows.hpp
/// Snippets need the words around the matches, not every word of the body:
/// ICU word-breaking of whole bodies was 40% of a search with snippets. This
/// finds where a query word can occur by a cheap byte scan and tokenises only
/// those stretches, falling back to the whole text whenever the scan could
/// miss a match.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/analyzer.hpp"

namespace newsdex::detail {

/// Byte strings one of which occurs (ASCII case-insensitively) inside every
/// word of a text that a query term can match; nullopt when no such set is
/// known (a stemmer other than English's, a non-ASCII term).
/// @param terms the query's terms ("Z"/"ZS" stems, "S" title words, plain words)
/// @param wildcards analysed prefixes of "word*" patterns
std::optional<std::vector<std::string>> match_scan_keys(const std::vector<std::string>& terms,
                                                        const std::vector<std::string>& wildcards,
                                                        std::string_view stem_language);

/// Tokens of @p text, or of just the stretches around where one of @p keys
/// occurs when that is safe and cheaper: each stretch reaches @p reach bytes
/// either side of an occurrence, starts and ends at white space, and keeps
/// the byte offsets of the whole text; positions jump between stretches so
/// no phrase spans two. The whole text is tokenised when @p keys is nullopt,
/// when the text holds non-ASCII letters or digits (folding and NFKC could
/// make them match a key the scan does not see), when no key occurs, or when
/// the stretches would cover most of the text.
std::vector<Token> tokenize_near_matches(const Analyzer& analyzer, std::string_view text,
                                         const std::optional<std::vector<std::string>>& keys, std::size_t reach);

}  // namespace newsdex::detail
