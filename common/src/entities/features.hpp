/// @file features.hpp
/// Hashed features of tokens in a sentence: word, shape, affixes, context, gazetteers, document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "lexicons.hpp"
#include "tokenizer.hpp"

namespace newsdex::entities {

/// How a sentence is cased: ordinary, Title Case (headlines) or ALL CAPS.
enum class SentenceMode : std::uint8_t { normal = 0, title = 1, upper = 2 };

SentenceMode sentence_mode(const Token* tokens, std::size_t n);

/// What the rest of the document says about a word: seen capitalised mid-sentence, seen lowercase.
class DocContext {
  public:
    static constexpr std::uint8_t kCapMid = 1, kLower = 2;
    /// Records the words of one sentence.
    void add(const Token* tokens, std::size_t n, SentenceMode mode);
    std::uint8_t flags(std::uint64_t lower_hash) const { return map_.get(lower_hash); }

  private:
    HashByteMap map_;
};

/// Feature ids (bucket indices) for each token of one sentence: ids[offsets[i], offsets[i+1]).
struct SentenceFeatures {
    std::vector<std::uint32_t> ids;
    std::vector<std::uint32_t> offsets;
};

/**
 * Computes hashed feature ids into [0, bucket_mask] for tokens[0, n).
 * Reuses out's storage; thread-safe given distinct out objects.
 */
void extract_features(const Lexicons& lexicons, const DocContext& doc, const Token* tokens, std::size_t n,
                      SentenceMode mode, std::uint32_t bucket_mask, SentenceFeatures& out);

/// Index of the first word-like token (the sentence-initial one), n if none.
std::size_t first_word_index(const Token* tokens, std::size_t n);

}  // namespace newsdex::entities
