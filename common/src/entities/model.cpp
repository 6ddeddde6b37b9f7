/// @file model.cpp
/// Model file parsing, Viterbi decoding and quantised scoring.
#include "model.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#include "newsdex/error.hpp"

namespace newsdex::entities {

namespace {
// BILOU tag parts, 0-3 within a type's four tags.
enum : int { kB = 0, kI = 1, kL = 2, kU = 3 };
inline int bilou_type(int tag) { return tag == 0 ? -1 : (tag - 1) / 4; }
inline int bilou_part(int tag) { return (tag - 1) % 4; }
inline int bilou_tag(int type, int part) { return 1 + 4 * type + part; }
}  // namespace

bool scheme_transition_allowed(TagScheme s, int prev, int tag) {
    if (s == TagScheme::bio) return transition_allowed(prev, tag);
    // After B-X or I-X a name goes on (I-X) or ends (L-X); anywhere else one may not.
    const bool open = prev > 0 && (bilou_part(prev) == kB || bilou_part(prev) == kI);
    const bool continues = tag != 0 && (bilou_part(tag) == kI || bilou_part(tag) == kL);
    if (open) return continues && bilou_type(prev) == bilou_type(tag);
    return !continues;
}

bool scheme_can_end(TagScheme s, int tag) {
    return s == TagScheme::bio || tag == 0 || bilou_part(tag) == kL || bilou_part(tag) == kU;
}

void bio_to_scheme(TagScheme s, std::vector<std::uint8_t>& tags) {
    if (s == TagScheme::bio) return;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const int type = tag_type(tags[i]);
        if (type < 0) continue;
        const bool ends = i + 1 == tags.size() || tags[i + 1] != inside_tag(type);
        const int part = tag_inside(tags[i]) ? (ends ? kL : kI) : (ends ? kU : kB);
        tags[i] = static_cast<std::uint8_t>(bilou_tag(type, part));
    }
}

void scheme_to_bio(TagScheme s, std::vector<std::uint8_t>& tags) {
    if (s == TagScheme::bio) return;
    for (std::uint8_t& t : tags) {
        if (t == 0) continue;
        const int type = bilou_type(t), part = bilou_part(t);
        t = static_cast<std::uint8_t>(part == kB || part == kU ? begin_tag(type) : inside_tag(type));
    }
}

template <class S>
void viterbi(const S* em, std::size_t n, const S* tr, std::vector<std::uint8_t>& tags, TagScheme scheme) {
    tags.assign(n, 0);
    if (n == 0) return;
    const int T = tag_count(scheme);
    // Which transitions the scheme allows, computed once per scheme.
    static const auto allowed = [] {
        std::array<std::array<std::array<bool, kMaxTags>, kMaxTags + 1>, 2> a{};
        for (int sc = 0; sc < 2; ++sc) {
            const auto s = static_cast<TagScheme>(sc);
            for (int p = -1; p < tag_count(s); ++p) {
                for (int t = 0; t < tag_count(s); ++t) a[sc][p + 1][t] = scheme_transition_allowed(s, p, t);
            }
        }
        return a;
    }();
    const auto& ok = allowed[static_cast<int>(scheme)];
    thread_local std::vector<S> score;
    thread_local std::vector<std::uint8_t> back;
    score.resize(n * T);
    back.resize(n * T);
    const S neg = std::numeric_limits<S>::lowest() / 4;
    for (int t = 0; t < T; ++t) {
        score[t] = ok[0][t] ? em[t] + tr[T * T + t] : neg;
    }
    for (std::size_t i = 1; i < n; ++i) {
        const S* prev = &score[(i - 1) * T];
        for (int t = 0; t < T; ++t) {
            S best = neg;
            int arg = 0;
            for (int p = 0; p < T; ++p) {
                if (!ok[p + 1][t]) continue;
                const S s = prev[p] + tr[p * T + t];
                if (s > best) {
                    best = s;
                    arg = p;
                }
            }
            score[i * T + t] = best + em[i * T + t];
            back[i * T + t] = static_cast<std::uint8_t>(arg);
        }
    }
    int best = -1;
    for (int t = 0; t < T; ++t) {
        if (!scheme_can_end(scheme, t)) continue;
        if (best < 0 || score[(n - 1) * T + t] > score[(n - 1) * T + best]) best = t;
    }
    for (std::size_t i = n; i-- > 0;) {
        tags[i] = static_cast<std::uint8_t>(best);
        best = back[i * T + best];
    }
}

template void viterbi<float>(const float*, std::size_t, const float*, std::vector<std::uint8_t>&, TagScheme);
template void viterbi<std::int32_t>(const std::int32_t*, std::size_t, const std::int32_t*,
                                    std::vector<std::uint8_t>&, TagScheme);

namespace {
constexpr std::string_view kMagic = "NDXNER02";
constexpr std::size_t kAlign = 64;

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

std::size_t aligned(std::size_t pos) { return (pos + kAlign - 1) / kAlign * kAlign; }
}  // namespace

void ModelFile::index(std::string_view bytes) {
    if (bytes.substr(0, kMagic.size()) != kMagic) {
        if (bytes.substr(0, 6) == "NDXNER")
            throw Error("entity model: format " + std::string(bytes.substr(6, 2)) + " is not 02 (retrain with scripts/train-ner)");
        throw Error("entity model: not a newsdex NER model (bad magic)");
    }
    std::size_t pos = kMagic.size();
    const auto count = read_le<std::uint32_t>(bytes, pos);
    for (std::uint32_t k = 0; k < count; ++k) {
        const auto name_len = read_le<std::uint32_t>(bytes, pos);
        if (pos + name_len > bytes.size()) throw Error("entity model: truncated section name");
        std::string name(bytes.substr(pos, name_len));
        pos += name_len;
        const auto size = read_le<std::uint64_t>(bytes, pos);
        pos = aligned(pos);
        if (pos > bytes.size() || size > bytes.size() - pos)
            throw Error("entity model: truncated section \"" + name + "\"");
        sections_.emplace_back(std::move(name), bytes.substr(pos, size));
        pos += size;
    }
}

ModelFile ModelFile::parse(std::string_view bytes) {
    ModelFile f;
    f.bytes_.resize((bytes.size() + 7) / 8);
    if (!bytes.empty()) std::memcpy(f.bytes_.data(), bytes.data(), bytes.size());
    f.index(std::string_view(reinterpret_cast<const char*>(f.bytes_.data()), bytes.size()));
    return f;
}

ModelFile ModelFile::view(std::string_view bytes) {
    if (reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(std::uint64_t) != 0) return parse(bytes);
    ModelFile f;
    f.index(bytes);
    return f;
}

std::string ModelFile::serialise() const {
    std::string out(kMagic);
    write_le<std::uint32_t>(out, static_cast<std::uint32_t>(sections_.size()));
    for (const auto& [name, payload] : sections_) {
        write_le<std::uint32_t>(out, static_cast<std::uint32_t>(name.size()));
        out += name;
        write_le<std::uint64_t>(out, payload.size());
        out.resize(aligned(out.size()), '\0');
        out.append(payload.data(), payload.size());
    }
    return out;
}

const std::string_view* ModelFile::find(std::string_view name) const {
    for (const auto& s : sections_) {
        if (s.first == name) return &s.second;
    }
    return nullptr;
}

void ModelFile::set(const std::string& name, std::string payload) {
    payloads_.push_back(std::move(payload));
    const std::string_view v = payloads_.back();
    for (auto& s : sections_) {
        if (s.first == name) {
            s.second = v;
            return;
        }
    }
    sections_.emplace_back(name, v);
}

std::vector<std::string> ModelFile::names() const {
    std::vector<std::string> out;
    for (const auto& s : sections_) out.push_back(s.first);
    return out;
}

Tagger::Tagger(const ModelFile& file) {
    const std::string_view* w = file.find("weights");
    const std::string_view* t = file.find("transitions");
    const std::string_view* lex = file.find("lexicon");
    if (!w || !t || !lex) throw Error("entity model: missing weights, transitions or lexicon");
    WeightsHeader h{};
    if (w->size() < sizeof h) throw Error("entity model: truncated weights");
    std::memcpy(&h, w->data(), sizeof h);
    if (h.bits < 8 || h.bits > 26) throw Error("entity model: bad bucket count");
    if (h.tags != static_cast<std::uint32_t>(kTags) && h.tags != static_cast<std::uint32_t>(kBilouTags))
        throw Error("entity model: " + std::to_string(h.tags) + " tags, expected " + std::to_string(kTags) +
                    " (BIO) or " + std::to_string(kBilouTags) + " (BILOU)");
    scheme_ = h.tags == static_cast<std::uint32_t>(kTags) ? TagScheme::bio : TagScheme::bilou;
    tags_ = tag_count(scheme_);
    mask_ = (1u << h.bits) - 1;
    features_ = h.features;
    const std::size_t count = static_cast<std::size_t>(mask_ + 1) * static_cast<std::size_t>(tags_);
    if (w->size() != sizeof h + count * sizeof(std::int16_t)) throw Error("entity model: weights have the wrong size");
    weights_ = reinterpret_cast<const std::int16_t*>(w->data() + sizeof h);
    if (t->size() != static_cast<std::size_t>((tags_ + 1) * tags_) * sizeof(std::int32_t))
        throw Error("entity model: bad transitions");
    transitions_ = reinterpret_cast<const std::int32_t*>(t->data());
    lexicons_ = Lexicons::view(*lex);
}

namespace {
/// Adds the weight rows of every token's features into its emissions (T weights a row).
template <int T>
void add_rows(const std::int16_t* weights, const SentenceFeatures& feats, std::size_t n, std::int32_t* em) {
    // The rows are scattered over megabytes: fetch a few features ahead so that the loads of
    // one row overlap the additions of the previous ones.
    constexpr std::uint32_t kAhead = 12;
    const std::uint32_t total = feats.offsets[n];
    for (std::uint32_t k = 0; k < kAhead && k < total; ++k) __builtin_prefetch(weights + static_cast<std::size_t>(feats.ids[k]) * T);
    for (std::size_t i = 0; i < n; ++i) {
        std::int32_t* e = &em[i * T];
        for (std::uint32_t k = feats.offsets[i]; k < feats.offsets[i + 1]; ++k) {
            if (k + kAhead < total) __builtin_prefetch(weights + static_cast<std::size_t>(feats.ids[k + kAhead]) * T);
            const std::int16_t* row = weights + static_cast<std::size_t>(feats.ids[k]) * T;
            for (int tg = 0; tg < T; ++tg) e[tg] += row[tg];
        }
    }
}
}  // namespace

void Tagger::tag(const DocContext& doc, const Token* tokens, std::size_t n, SentenceMode mode,
                 std::vector<std::uint8_t>& tags) const {
    thread_local SentenceFeatures feats;
    thread_local std::vector<std::int32_t> em;
    extract_features(lexicons_, doc, tokens, n, mode, mask_, feats, features_);
    em.assign(n * static_cast<std::size_t>(tags_), 0);
    if (scheme_ == TagScheme::bio) add_rows<kTags>(weights_, feats, n, em.data());
    else add_rows<kBilouTags>(weights_, feats, n, em.data());
    viterbi(em.data(), n, transitions_, tags, scheme_);
    scheme_to_bio(scheme_, tags);
}

}  // namespace newsdex::entities
