/// @file features.hpp
/// Hashed features of tokens in a sentence: word, shape, affixes, context, gazetteers, word
/// clusters, and what the rest of the article says about the same word.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "lexicons.hpp"
#include "tokenizer.hpp"

namespace newsdex::entities {

/// Feature templates a model was trained with (the "weights" header says which).
enum FeatureSet : std::uint32_t {
    kFeatClusters = 1,    ///< word-cluster paths of the word and its neighbours
    kFeatDocContext = 2,  ///< how the same word is used elsewhere in the article
    kFeatRuns = 4,        ///< the capitalised run a word stands in: its head and first word, org words in it
};

/// How a sentence is cased: ordinary, Title Case (headlines) or ALL CAPS.
enum class SentenceMode : std::uint8_t { normal = 0, title = 1, upper = 2 };

SentenceMode sentence_mode(const Token* tokens, std::size_t n);

/**
 * What the rest of the document says about a word: seen capitalised mid-sentence, seen
 * lowercase, and (for the non-local features) each occurrence's neighbours and its place in a
 * run of capitalised words, plus the acronyms the article spells out ("European Community").
 * Fill it with add() for every sentence, then finish(), then tag.
 */
class DocContext {
  public:
    static constexpr std::uint8_t kCapMid = 1, kLower = 2;
    /// Capitalised right after "a"/"an" ("a Tory MP", "an Oscar"): a class of things, not one
    /// person. A filter reads it; tagger features see only kCapMid | kLower.
    static constexpr std::uint8_t kAfterIndefinite = 4, kFeatureFlags = kCapMid | kLower;
    /// Records the words of one sentence.
    void add(const Token* tokens, std::size_t n, SentenceMode mode);
    /// Sorts the occurrences for look-up; call after the last add().
    void finish();
    /// Forgets everything, keeping storage.
    void clear();
    std::uint8_t flags(std::uint64_t lower_hash) const { return map_.get(lower_hash); }

    /// One capitalised occurrence of a word: its neighbours and where it stands in its run.
    struct Occurrence {
        std::uint64_t word = 0;
        std::uint64_t prev = 0, next = 0;  // lower hashes of the neighbouring tokens (1/2 at edges)
        std::uint8_t run = 0;              // 1 alone, 2 first, 3 middle, 4 last of a capitalised run
        std::uint8_t run_length = 0;       // words in that run (capped at 4)
    };
    /// Occurrences of a word, at most @p max of them (first ones in the article).
    std::pair<const Occurrence*, std::size_t> occurrences(std::uint64_t lower_hash, std::size_t max) const;
    /// Lower hash of the last word of a run whose initials spell this word ("EC"), 0 if none.
    std::uint64_t expansion_head(std::uint64_t lower_hash) const;

  private:
    HashByteMap map_;
    std::vector<Occurrence> occ_;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> acronyms_;  // initials hash -> head hash
    bool sorted_ = true;
};

/// Feature ids (bucket indices) for each token of one sentence: ids[offsets[i], offsets[i+1]).
struct SentenceFeatures {
    std::vector<std::uint32_t> ids;
    std::vector<std::uint32_t> offsets;
    /// Training only: set mark_lexical, and lexical[k] says whether ids[k] is a word-identity
    /// feature (the word, cased or not, and word bigrams), which the trainer can drop out so
    /// that shape, affix, cluster and context features carry more of the weight.
    bool mark_lexical = false;
    std::vector<std::uint8_t> lexical;
};

/**
 * Computes hashed feature ids into [0, bucket_mask] for tokens[0, n) with the templates in
 * @p feature_set (FeatureSet bits; the base templates always). Tokens must carry lower_hash.
 * Reuses out's storage; thread-safe given distinct out objects.
 */
void extract_features(const Lexicons& lexicons, const DocContext& doc, const Token* tokens, std::size_t n,
                      SentenceMode mode, std::uint32_t bucket_mask, SentenceFeatures& out,
                      std::uint32_t feature_set = ~0u);

/// Index of the first word-like token (the sentence-initial one), n if none.
std::size_t first_word_index(const Token* tokens, std::size_t n);

}  // namespace newsdex::entities
