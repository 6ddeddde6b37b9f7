/// @file lexicons.hpp
/// Gazetteers, the case lexicon and the stop list, as fast hash look-ups over token phrases.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::entities {

/// Open-addressing map from 64-bit hashes to one byte (0 = absent); grows by doubling.
class HashByteMap {
  public:
    HashByteMap() { keys_.assign(16, 0); vals_.assign(16, 0); }
    void or_value(std::uint64_t key, std::uint8_t bits);
    void set_value(std::uint64_t key, std::uint8_t value);
    std::uint8_t get(std::uint64_t key) const {
        if (key == 0) key = 1;
        std::size_t mask = keys_.size() - 1;
        for (std::size_t i = key & mask;; i = (i + 1) & mask) {
            if (keys_[i] == key) return vals_[i];
            if (keys_[i] == 0) return 0;
        }
    }
    std::size_t size() const { return used_; }

  private:
    std::size_t slot(std::uint64_t key);
    std::vector<std::uint64_t> keys_;
    std::vector<std::uint8_t> vals_;
    std::size_t used_ = 0;
};

/// Gazetteer bits of a phrase; kPrefix marks a proper prefix of some longer phrase.
enum GazBit : std::uint8_t {
    kGazPlace = 1,
    kGazPerson = 2,
    kGazFirst = 4,
    kGazName = 8,
    kGazOrg = 16,
    kGazOrgWord = 32,
    kStop = 64,
    kPrefix = 128,
};
constexpr int kGazCount = 6;
constexpr int kMaxPhraseTokens = 5;

/// Seed of the phrase hash; phrases hash as their lowercased tokens joined by single spaces.
constexpr std::uint64_t kPhraseSeed = 0xcbf29ce484222325ULL;

class Lexicons {
  public:
    /// Adds every line of a list (blank lines and "#" comments skipped) with the given bit.
    void add_list(std::string_view list, std::uint8_t bit);
    /// Adds "word<TAB>bucket" lines of the case lexicon.
    void add_case_lexicon(std::string_view tsv);

    /// Bits for a phrase hash (see GazBit).
    std::uint8_t phrase_bits(std::uint64_t phrase_hash) const { return phrases_.get(phrase_hash); }
    /// Mid-sentence capitalisation bucket 0..4 of a lowercased word, 5 when unknown.
    int case_bucket(std::uint64_t lower_hash) const {
        const std::uint8_t v = case_.get(lower_hash);
        return v == 0 ? 5 : v - 1;
    }

  private:
    HashByteMap phrases_;
    HashByteMap case_;
};

}  // namespace newsdex::entities
