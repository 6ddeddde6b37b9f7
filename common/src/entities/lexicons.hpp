/// @file lexicons.hpp
/// Gazetteers, the case lexicon, word clusters and the stop list as one hash table over token
/// phrases; built from text lists by the trainer and shipped pre-decoded in the model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::entities {

/// Open-addressing map from 64-bit hashes to one byte (0 = absent); grows by doubling, and
/// clear() keeps its storage so a per-thread map allocates nothing in the steady state.
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
    void clear();

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

/// What the lexicons know of one phrase hash, unpacked from one 32-bit table value.
struct LexEntry {
    std::uint8_t bits = 0;      ///< GazBit
    std::uint8_t case_bucket = 5;  ///< 0..4 mid-sentence capitalisation, 5 unknown
    std::uint16_t cluster = 0;  ///< word-cluster path with a leading 1 bit (0 = none)
};

/**
 * One table: phrase hash -> gazetteer bits, case bucket and word cluster. Built with the add_*
 * calls (the trainer, tests), then freeze()d into the compact form the model ships: 2^k slots of
 * a 32-bit key fingerprint (the hash's high half; slot from the low bits, linear probing) and a
 * 32-bit value. A frozen table can view bytes it does not own (the embedded model), so loading
 * the shipped model decodes nothing.
 */
class Lexicons {
  public:
    Lexicons() = default;
    Lexicons(Lexicons&&) noexcept = default;  // a moved vector keeps its buffer, so views stay valid
    Lexicons& operator=(Lexicons&&) noexcept = default;
    Lexicons(const Lexicons&) = delete;
    Lexicons& operator=(const Lexicons&) = delete;

    /// Adds every line of a list (blank lines and "#" comments skipped) with the given bit.
    void add_list(std::string_view list, std::uint8_t bit);
    /// Adds "word<TAB>bucket" lines of the case lexicon.
    void add_case_lexicon(std::string_view tsv);
    /// Adds "word<TAB>path" lines of word clusters (path: '0'/'1' string of up to 15 bits).
    void add_clusters(std::string_view tsv);

    /// Builds the compact table from what was added (lookups before that use the build map).
    void freeze();
    /// The frozen table as bytes for a model section.
    std::string serialise() const;
    /// Views a serialised table (bytes 4-aligned and kept alive by the caller).
    /// @throws newsdex::Error if the bytes are not a table.
    static Lexicons view(std::string_view bytes);

    LexEntry lookup(std::uint64_t phrase_hash) const {
        const std::uint32_t v = frozen_keys_ ? frozen_get(phrase_hash) : build_get(phrase_hash);
        LexEntry e;
        e.bits = static_cast<std::uint8_t>(v);
        const unsigned c = (v >> 8) & 0xF;
        e.case_bucket = static_cast<std::uint8_t>(c == 0 ? 5 : c - 1);
        e.cluster = static_cast<std::uint16_t>(v >> 16);
        return e;
    }
    /// Bits for a phrase hash (see GazBit).
    std::uint8_t phrase_bits(std::uint64_t phrase_hash) const { return lookup(phrase_hash).bits; }
    /// Mid-sentence capitalisation bucket 0..4 of a lowercased word, 5 when unknown.
    int case_bucket(std::uint64_t lower_hash) const { return lookup(lower_hash).case_bucket; }
    /// Whether any word clusters were loaded.
    bool has_clusters() const { return clusters_ > 0; }
    std::size_t size() const { return build_keys_.empty() ? used_ : build_used_; }

  private:
    static std::uint32_t fingerprint(std::uint64_t h) {
        const auto f = static_cast<std::uint32_t>(h >> 32);
        return f == 0 ? 1 : f;
    }
    std::uint32_t frozen_get(std::uint64_t h) const {
        const std::uint32_t f = fingerprint(h);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            if (frozen_keys_[i] == f) return frozen_vals_[i];
            if (frozen_keys_[i] == 0) return 0;
        }
    }
    std::uint32_t build_get(std::uint64_t h) const;
    std::uint32_t& build_slot(std::uint64_t h);

    // Build form: full 64-bit keys.
    std::vector<std::uint64_t> build_keys_;
    std::vector<std::uint32_t> build_vals_;
    std::size_t build_used_ = 0;
    std::size_t clusters_ = 0;
    // Frozen form: owned storage or a view of model bytes.
    std::vector<std::uint32_t> owned_;
    const std::uint32_t* frozen_keys_ = nullptr;
    const std::uint32_t* frozen_vals_ = nullptr;
    std::size_t mask_ = 0;
    std::size_t used_ = 0;
};

}  // namespace newsdex::entities
