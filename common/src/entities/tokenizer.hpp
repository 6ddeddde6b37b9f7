/// @file tokenizer.hpp
/// Splits ordinary UTF-8 text into the entity model's tokens and sentences (CoNLL-like).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::entities {

/// One token: byte offsets into the source text plus a normalised form for features.
struct Token {
    std::size_t start = 0;  ///< UTF-8 byte offset of the first byte
    std::size_t end = 0;    ///< one past the last byte
    std::string text;       ///< surface with typographic quotes/apostrophes made ASCII
    std::uint64_t lower_hash = 0;  ///< phrase hash of the lowercased text (see hash_token)
};

/// Sets t.lower_hash from t.text: computed once per token, read by every feature and filter.
void hash_token(Token& t);

/// Token index range [begin, end) of one sentence.
struct SentenceSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct TokenizedText {
    std::vector<Token> tokens;
    std::vector<SentenceSpan> sentences;
};

/// Whether tokens [begin, end) read as a wire sign-off line ("Reuter", "REUTER TAW",
/// "REUTER..."): at most three tokens, every word capitalised, no digits and no full stop (a
/// wrapped sentence's last words, "the U.S." or "Luxembourg.", are story text).
bool is_signoff_line(const std::vector<Token>& tokens, std::size_t begin, std::size_t end);

/**
 * Tokenises text the way CoNLL-2003 was tokenised: punctuation and quotes stand
 * apart, possessive "'s" and "n't" are split off ("Putin's" -> "Putin" "'s"),
 * abbreviations keep their dots ("U.S.", "Mr."), hyphenated words stay whole.
 * Sentences end at ".", "!", "?" (plus closing quotes), at blank lines and at a line break
 * followed by indentation (an indented paragraph or table row of wire copy).
 */
TokenizedText tokenize(std::string_view text);
/// The same into @p out, reusing its storage (no allocation per token in the steady state).
void tokenize(std::string_view text, TokenizedText& out);

}  // namespace newsdex::entities
