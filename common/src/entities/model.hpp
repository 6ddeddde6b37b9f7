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

  private:
    std::uint32_t mask_ = 0;
    std::uint32_t features_ = 0;
    const std::int16_t* weights_ = nullptr;     // row r (kTags weights) at weights_[r * kTags]
    const std::int32_t* transitions_ = nullptr;  // (kTags + 1) * kTags
    Lexicons lexicons_;
};

/// The "weights" section: header, then (mask + 1) * kTags int16 weights.
struct WeightsHeader {
    std::uint32_t bits;
    std::uint32_t tags;
    std::uint32_t features;
    std::uint32_t reserved;
};

}  // namespace newsdex::entities
