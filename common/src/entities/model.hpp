/// @file model.hpp
/// The tagger model: BIO tags, Viterbi decoding, the model file format and the quantised tagger.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "features.hpp"
#include "lexicons.hpp"

namespace newsdex::entities {

/// BIO tags over PER, LOC, ORG, MISC (MISC is learned so that it is not confused with the others).
/// Every tagger reports BIO tags; a BILOU model (see TagScheme) decodes in its own tags and
/// converts.
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

/**
 * The tags a model is trained and decoded in. BIO: O, B-X, I-X (9 tags). BILOU (Ratinov & Roth
 * 2009): O, B-X (begins a multi-word name), I-X (inside), L-X (last word), U-X (a one-word
 * name), 17 tags; the weights header's tag count says which. BILOU tags are numbered
 * 0 = O, 1 + 4t + {0 B, 1 I, 2 L, 3 U} for type t.
 */
enum class TagScheme : std::uint8_t { bio, bilou };
constexpr int kBilouTags = 1 + 4 * kTypes;
constexpr int kMaxTags = kBilouTags;
inline int tag_count(TagScheme s) { return s == TagScheme::bio ? kTags : kBilouTags; }
/// Whether @p tag may follow @p prev (-1 at sentence start) in scheme @p s.
bool scheme_transition_allowed(TagScheme s, int prev, int tag);
/// Whether a sentence may end on @p tag (not inside an unfinished BILOU name).
bool scheme_can_end(TagScheme s, int tag);
/// BIO tags in the scheme's tags (in place); BIO input must be well formed (I-X after B-X/I-X).
void bio_to_scheme(TagScheme s, std::vector<std::uint8_t>& tags);
/// The scheme's tags as BIO tags (in place).
void scheme_to_bio(TagScheme s, std::vector<std::uint8_t>& tags);

/// Best tag sequence: emissions[n * T], transitions[(T + 1) * T] (last row = start), T the
/// scheme's tag count; tags come out in the scheme's tags.
template <class S>
void viterbi(const S* emissions, std::size_t n, const S* transitions, std::vector<std::uint8_t>& tags,
             TagScheme scheme = TagScheme::bio);

/**
 * A model file: magic "NDXNER02", u32 section count, then for each section a u32 name length,
 * the name, a u64 payload size, zero padding up to a multiple of 64 bytes from the start of the
 * file, and the payload. Payloads are therefore aligned, and the tagger reads its weights and
 * lexicon table in place: loading the embedded model copies and decodes nothing.
 */
class ModelFile {
  public:
    ModelFile() = default;
    ModelFile(ModelFile&&) noexcept = default;  // views into owned_ stay valid (deque, vector moves)
    ModelFile& operator=(ModelFile&&) noexcept = default;
    ModelFile(const ModelFile&) = delete;
    ModelFile& operator=(const ModelFile&) = delete;

    /// Copies the bytes (into aligned storage) and indexes the sections.
    /// @throws newsdex::Error if the bytes are not a model file.
    static ModelFile parse(std::string_view bytes);
    /// Indexes bytes that outlive the result without copying them (copies if misaligned).
    /// @throws newsdex::Error if the bytes are not a model file.
    static ModelFile view(std::string_view bytes);
    std::string serialise() const;
    /// Section payload, or nullptr.
    const std::string_view* find(std::string_view name) const;
    void set(const std::string& name, std::string payload);
    /// Section names in file order.
    std::vector<std::string> names() const;

  private:
    void index(std::string_view bytes);
    std::vector<std::pair<std::string, std::string_view>> sections_;
    std::vector<std::uint64_t> bytes_;  // 8-byte aligned copy of parsed bytes
    std::deque<std::string> payloads_;  // payloads given to set()
};

/// Tags sentences with the quantised weights of a model file; immutable, thread-safe. Holds
/// views into the file's bytes: the ModelFile must outlive the Tagger.
class Tagger {
  public:
    /// @throws newsdex::Error if the file lacks weights or is malformed.
    explicit Tagger(const ModelFile& file);
    void tag(const DocContext& doc, const Token* tokens, std::size_t n, SentenceMode mode,
             std::vector<std::uint8_t>& tags) const;
    const Lexicons& lexicons() const { return lexicons_; }
    std::uint32_t features() const { return features_; }
    TagScheme scheme() const { return scheme_; }

  private:
    std::uint32_t mask_ = 0;
    TagScheme scheme_ = TagScheme::bio;
    int tags_ = kTags;  // tag_count(scheme_): the width of a weight row
    std::uint32_t features_ = 0;
    const std::int16_t* weights_ = nullptr;     // row r (tags_ weights) at weights_[r * tags_]
    const std::int32_t* transitions_ = nullptr;  // (tags_ + 1) * tags_
    Lexicons lexicons_;
};

/// The "weights" section: header, then (mask + 1) * tags int16 weights (tags 9: BIO, 17: BILOU).
struct WeightsHeader {
    std::uint32_t bits;
    std::uint32_t tags;
    std::uint32_t features;
    std::uint32_t reserved;
};

}  // namespace newsdex::entities
