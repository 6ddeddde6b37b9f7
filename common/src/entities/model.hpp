/// @file model.hpp
/// The tagger model: BIO tags, Viterbi decoding, the model file format and the quantised tagger.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "features.hpp"
#include "lexicons.hpp"

namespace newsdex::entities {

/// BIO tags over PER, LOC, ORG, MISC (MISC is learned so that it is not confused with the others).
constexpr int kTags = 9;
constexpr int kTypes = 4;
enum : int { kPer = 0, kLoc = 1, kOrg = 2, kMisc = 3 };
inline int tag_type(int tag) { return tag == 0 ? -1 : (tag - 1) / 2; }
inline bool tag_inside(int tag) { return tag != 0 && (tag - 1) % 2 == 1; }
inline int begin_tag(int type) { return 1 + 2 * type; }
inline int inside_tag(int type) { return 2 + 2 * type; }
/// I-X may only follow B-X or I-X; prev = -1 at sentence start.
inline bool transition_allowed(int prev, int tag) {
    if (!tag_inside(tag)) return true;
    return prev > 0 && tag_type(prev) == tag_type(tag);
}

/// Best tag sequence: emissions[n * kTags], transitions[(kTags + 1) * kTags] (last row = start).
template <class S>
void viterbi(const S* emissions, std::size_t n, const S* transitions, std::vector<std::uint8_t>& tags);

/// A model file: magic "NDXNER01", then named sections (u32 name length, name, u64 size, bytes).
struct ModelFile {
    std::vector<std::pair<std::string, std::string>> sections;

    /// @throws newsdex::Error if the bytes are not a model file.
    static ModelFile parse(std::string_view bytes);
    std::string serialise() const;
    /// Section payload, or nullptr.
    const std::string* find(std::string_view name) const;
    void set(const std::string& name, std::string payload);
};

/// Loads the gazetteer sections ("gaz-place", ..., "stop", "case-lexicon") into lexicons.
void load_lexicons(const ModelFile& file, Lexicons& lexicons);

/// Tags sentences with the quantised weights of a model file; immutable, thread-safe.
class Tagger {
  public:
    /// @throws newsdex::Error if the file lacks weights or is malformed.
    explicit Tagger(const ModelFile& file);
    void tag(const DocContext& doc, const Token* tokens, std::size_t n, SentenceMode mode,
             std::vector<std::uint8_t>& tags) const;
    const Lexicons& lexicons() const { return lexicons_; }

  private:
    std::uint32_t mask_ = 0;
    /// Row r of the weights at weights_[r * kStride], rows 32-byte aligned so that one feature
    /// touches one cache line and the row sum vectorises.
    static constexpr std::size_t kStride = 16;
    std::vector<std::int16_t> storage_;
    const std::int16_t* weights_ = nullptr;
    std::vector<std::int32_t> transitions_;  // (kTags + 1) * kTags
    Lexicons lexicons_;
};

}  // namespace newsdex::entities
