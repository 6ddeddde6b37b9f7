/// @file model.cpp
/// Model file parsing, Viterbi decoding and quantised scoring.
#include "model.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "newsdex/error.hpp"

namespace newsdex::entities {

template <class S>
void viterbi(const S* em, std::size_t n, const S* tr, std::vector<std::uint8_t>& tags) {
    tags.assign(n, 0);
    if (n == 0) return;
    thread_local std::vector<S> score;
    thread_local std::vector<std::uint8_t> back;
    score.resize(n * kTags);
    back.resize(n * kTags);
    const S neg = std::numeric_limits<S>::lowest() / 4;
    for (int t = 0; t < kTags; ++t) {
        score[t] = transition_allowed(-1, t) ? em[t] + tr[kTags * kTags + t] : neg;
    }
    for (std::size_t i = 1; i < n; ++i) {
        const S* prev = &score[(i - 1) * kTags];
        for (int t = 0; t < kTags; ++t) {
            S best = neg;
            int arg = 0;
            for (int p = 0; p < kTags; ++p) {
                if (!transition_allowed(p, t)) continue;
                const S s = prev[p] + tr[p * kTags + t];
                if (s > best) {
                    best = s;
                    arg = p;
                }
            }
            score[i * kTags + t] = best + em[i * kTags + t];
            back[i * kTags + t] = static_cast<std::uint8_t>(arg);
        }
    }
    int best = 0;
    for (int t = 1; t < kTags; ++t) {
        if (score[(n - 1) * kTags + t] > score[(n - 1) * kTags + best]) best = t;
    }
    for (std::size_t i = n; i-- > 0;) {
        tags[i] = static_cast<std::uint8_t>(best);
        best = back[i * kTags + best];
    }
}

template void viterbi<float>(const float*, std::size_t, const float*, std::vector<std::uint8_t>&);
template void viterbi<std::int32_t>(const std::int32_t*, std::size_t, const std::int32_t*,
                                    std::vector<std::uint8_t>&);

namespace {
constexpr std::string_view kMagic = "NDXNER01";

template <class T>
T read_le(std::string_view bytes, std::size_t& pos) {
    if (pos + sizeof(T) > bytes.size()) throw Error("entity model: truncated file");
    T v;
    std::memcpy(&v, bytes.data() + pos, sizeof(T));
    pos += sizeof(T);
    return v;
}

template <class T>
void write_le(std::string& out, T v) {
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out.append(buf, sizeof(T));
}
}  // namespace

ModelFile ModelFile::parse(std::string_view bytes) {
    if (bytes.substr(0, kMagic.size()) != kMagic) throw Error("entity model: not a newsdex NER model (bad magic)");
    std::size_t pos = kMagic.size();
    ModelFile f;
    const auto count = read_le<std::uint32_t>(bytes, pos);
    for (std::uint32_t k = 0; k < count; ++k) {
        const auto name_len = read_le<std::uint32_t>(bytes, pos);
        if (pos + name_len > bytes.size()) throw Error("entity model: truncated section name");
        std::string name(bytes.substr(pos, name_len));
        pos += name_len;
        const auto size = read_le<std::uint64_t>(bytes, pos);
        if (pos + size > bytes.size()) throw Error("entity model: truncated section \"" + name + "\"");
        f.sections.emplace_back(std::move(name), std::string(bytes.substr(pos, size)));
        pos += size;
    }
    return f;
}

std::string ModelFile::serialise() const {
    std::string out(kMagic);
    write_le<std::uint32_t>(out, static_cast<std::uint32_t>(sections.size()));
    for (const auto& [name, payload] : sections) {
        write_le<std::uint32_t>(out, static_cast<std::uint32_t>(name.size()));
        out += name;
        write_le<std::uint64_t>(out, payload.size());
        out += payload;
    }
    return out;
}

const std::string* ModelFile::find(std::string_view name) const {
    for (const auto& s : sections) {
        if (s.first == name) return &s.second;
    }
    return nullptr;
}

void ModelFile::set(const std::string& name, std::string payload) {
    for (auto& s : sections) {
        if (s.first == name) {
            s.second = std::move(payload);
            return;
        }
    }
    sections.emplace_back(name, std::move(payload));
}

void load_lexicons(const ModelFile& file, Lexicons& lex) {
    static const std::pair<const char*, std::uint8_t> lists[] = {
        {"gaz-place", kGazPlace}, {"gaz-person", kGazPerson}, {"gaz-first", kGazFirst},
        {"gaz-name", kGazName},   {"gaz-org", kGazOrg},       {"org-words", kGazOrgWord},
        {"stop", kStop}};
    for (const auto& [name, bit] : lists) {
        if (const std::string* s = file.find(name)) lex.add_list(*s, bit);
    }
    if (const std::string* s = file.find("case-lexicon")) lex.add_case_lexicon(*s);
}

Tagger::Tagger(const ModelFile& file) {
    const std::string* w = file.find("weights");
    const std::string* t = file.find("transitions");
    if (!w || !t) throw Error("entity model: missing weights or transitions");
    std::size_t pos = 0;
    const auto bits = read_le<std::uint32_t>(*w, pos);
    if (bits < 8 || bits > 26) throw Error("entity model: bad bucket count");
    mask_ = (1u << bits) - 1;
    const std::size_t count = static_cast<std::size_t>(mask_ + 1) * kTags;
    if (w->size() != pos + count * sizeof(std::int16_t)) throw Error("entity model: weights have the wrong size");
    const std::size_t rows = static_cast<std::size_t>(mask_) + 1;
    storage_.assign(rows * kStride + 32, 0);
    auto addr = reinterpret_cast<std::uintptr_t>(storage_.data());
    const std::size_t skip = ((32 - addr % 32) % 32) / sizeof(std::int16_t);
    std::int16_t* dst = storage_.data() + skip;
    for (std::size_t r = 0; r < rows; ++r) {
        std::memcpy(dst + r * kStride, w->data() + pos + r * kTags * sizeof(std::int16_t), kTags * sizeof(std::int16_t));
    }
    weights_ = dst;
    if (t->size() != (kTags + 1) * kTags * sizeof(std::int32_t)) throw Error("entity model: bad transitions");
    transitions_.resize((kTags + 1) * kTags);
    std::memcpy(transitions_.data(), t->data(), t->size());
    load_lexicons(file, lexicons_);
}

void Tagger::tag(const DocContext& doc, const Token* tokens, std::size_t n, SentenceMode mode,
                 std::vector<std::uint8_t>& tags) const {
    thread_local SentenceFeatures feats;
    thread_local std::vector<std::int32_t> em;
    extract_features(lexicons_, doc, tokens, n, mode, mask_, feats);
    em.assign(n * kTags, 0);
    for (std::size_t i = 0; i < n; ++i) {
        std::int32_t acc[kStride] = {};
        for (std::uint32_t k = feats.offsets[i]; k < feats.offsets[i + 1]; ++k) {
            const std::int16_t* row = weights_ + static_cast<std::size_t>(feats.ids[k]) * kStride;
            for (std::size_t tg = 0; tg < kStride; ++tg) acc[tg] += row[tg];
        }
        std::copy(acc, acc + kTags, &em[i * kTags]);
    }
    viterbi(em.data(), n, transitions_.data(), tags);
}

}  // namespace newsdex::entities
