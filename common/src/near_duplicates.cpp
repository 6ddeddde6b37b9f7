/// @file near_duplicates.cpp
/// MinHash over word shingles, LSH banding and cluster assignment against a Xapian database.
#include "near_duplicates.hpp"

#include "document_builder.hpp"

#include <xapian.h>

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "newsdex/analyzer.hpp"
#include "newsdex/schema.hpp"

namespace newsdex::detail {
namespace {

constexpr unsigned char signature_format = 1;
constexpr std::size_t serialised_size = 2 + 8 + 4 + 2 * minhash_count;
/// Entries read per band postlist: a band shared by thousands of identical
/// copies still costs bounded time, and those copies share one cluster anyway.
constexpr Xapian::doccount max_postlist_scan = 1000;

/// Stable 64-bit finaliser (splitmix64): the hashes are stored on disk, so
/// std::hash (implementation-defined) must not be used.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

constexpr std::uint64_t fnv_offset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t fnv_prime = 0x100000001b3ULL;

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= fnv_prime;
    }
    return h;
}

/// Hash of words[first, first + n), words separated by a byte no term contains.
std::uint64_t hash_words(const std::vector<std::string>& words, std::size_t first, std::size_t n) {
    std::uint64_t h = fnv_offset;
    for (std::size_t i = first; i < first + n; ++i) {
        h = fnv1a(h, words[i]);
        h = fnv1a(h, "\x1f");
    }
    return mix64(h);
}

/// Seeds of the minhash_count hash functions h_i(x) = mix64(x ^ seed_i).
const std::array<std::uint64_t, minhash_count>& seeds() {
    static const std::array<std::uint64_t, minhash_count> table = [] {
        std::array<std::uint64_t, minhash_count> t{};
        for (std::size_t i = 0; i < minhash_count; ++i) t[i] = mix64(0x6e657773646578ULL + i);  // "newsdex"
        return t;
    }();
    return table;
}

void put_le(std::string& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint64_t get_le(std::string_view in, std::size_t pos, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= std::uint64_t{static_cast<unsigned char>(in[pos + i])} << (8 * i);
    return v;
}

std::string to_hex(std::uint64_t v, int digits) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string s(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = hex[v & 0xf];
    return s;
}

/// MinHash's inner loop, the body every kernel compiles: each feature against
/// all minhash_count hash functions at once (independent lanes, so the
/// vectoriser can take 4 or 8 seeds per instruction). Integer arithmetic only:
/// every kernel gives the same minima, bit for bit.
[[gnu::always_inline]] inline void fold_features(const std::uint64_t* features, std::size_t count,
                                                  std::uint64_t* minima) {
    const std::uint64_t* seed = seeds().data();
    for (std::size_t k = 0; k < count; ++k) {
        const std::uint64_t f = features[k];
        for (std::size_t i = 0; i < minhash_count; ++i) {
            const std::uint64_t h = mix64(f ^ seed[i]);
            minima[i] = h < minima[i] ? h : minima[i];
        }
    }
}

void fold_default(const std::uint64_t* features, std::size_t count, std::uint64_t* minima) {
    fold_features(features, count, minima);
}

// AVX2 has no 64-bit multiply or unsigned minimum (GCC composes them from
// 32-bit multiplies and signed compares); AVX-512DQ/F have both (vpmullq, vpminuq).
[[gnu::target("avx2")]] void fold_avx2(const std::uint64_t* features, std::size_t count, std::uint64_t* minima) {
    fold_features(features, count, minima);
}

[[gnu::target("avx512f,avx512dq")]] void fold_avx512(const std::uint64_t* features, std::size_t count,
                                                     std::uint64_t* minima) {
    fold_features(features, count, minima);
}

/// The kernel make_signature() uses: the first supported one, chosen once.
MinhashKernel::Fold chosen_fold() {
    static const MinhashKernel::Fold fold = [] {
        for (const MinhashKernel& kernel : minhash_kernels()) {
            if (kernel.supported) return kernel.fold;
        }
        return &fold_default;
    }();
    return fold;
}

}  // namespace

const std::vector<MinhashKernel>& minhash_kernels() {
    static const std::vector<MinhashKernel> kernels = [] {
        __builtin_cpu_init();
        return std::vector<MinhashKernel>{
            {"avx512", &fold_avx512, __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")},
            {"avx2", &fold_avx2, __builtin_cpu_supports("avx2") != 0},
            {"default", &fold_default, true},
        };
    }();
    return kernels;
}

Signature make_signature(const std::vector<std::string>& words) {
    Signature sig;
    if (words.empty()) return sig;
    sig.content_hash = hash_words(words, 0, words.size());

    sig.unigrams = words.size() < min_shingle_words;
    const std::size_t width = sig.unigrams ? 1 : shingle_words;
    std::vector<std::uint64_t> features;
    features.reserve(words.size() - width + 1);
    for (std::size_t i = 0; i + width <= words.size(); ++i) features.push_back(hash_words(words, i, width));
    std::sort(features.begin(), features.end());
    features.erase(std::unique(features.begin(), features.end()), features.end());
    sig.feature_count = static_cast<std::uint32_t>(features.size());

    std::array<std::uint64_t, minhash_count> minima;
    minima.fill(~std::uint64_t{0});
    chosen_fold()(features.data(), features.size(), minima.data());
    for (std::size_t i = 0; i < minhash_count; ++i) sig.minima[i] = static_cast<std::uint16_t>(minima[i]);
    return sig;
}

std::string layout_name(LshLayout layout) { return std::to_string(layout.bands) + "x" + std::to_string(layout.rows); }

std::optional<LshLayout> parse_layout(std::string_view name) {
    const auto x = name.find('x');
    if (x == std::string_view::npos || x == 0 || x + 1 >= name.size() || name.size() > 8) return std::nullopt;
    LshLayout layout{0, 0};
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (i == x) continue;
        if (name[i] < '0' || name[i] > '9') return std::nullopt;
        std::size_t& field = i < x ? layout.bands : layout.rows;
        field = field * 10 + static_cast<std::size_t>(name[i] - '0');
    }
    if (layout.rows < 1 || layout.rows > 4 || layout.bands < 1 || layout.bands >= 0x80 ||
        layout.bands * layout.rows > minhash_count) {
        return std::nullopt;
    }
    return layout;
}

std::vector<std::string> band_keys(const Signature& sig, LshLayout layout) {
    std::vector<std::string> keys;
    if (sig.empty()) return keys;
    keys.reserve(layout.bands);
    for (std::size_t b = 0; b < layout.bands; ++b) {
        // rows 16-bit minima fit in 64 bits: no hashing, so bands
        // collide only when their minima are really equal.
        std::uint64_t packed = 0;
        for (std::size_t r = 0; r < layout.rows; ++r) packed = (packed << 16) | sig.minima[b * layout.rows + r];
        // Word-set and shingle signatures never share a key.
        keys.push_back(to_hex(b + (sig.unigrams ? 0x80 : 0), 2) + to_hex(packed, 4 * static_cast<int>(layout.rows)));
    }
    return keys;
}

std::string serialise(const Signature& sig) {
    std::string out;
    out.reserve(serialised_size);
    out.push_back(static_cast<char>(signature_format));
    out.push_back(static_cast<char>(sig.unigrams ? 1 : 0));
    put_le(out, sig.content_hash, 8);
    put_le(out, sig.feature_count, 4);
    for (std::uint16_t m : sig.minima) put_le(out, m, 2);
    return out;
}

Signature unserialise(std::string_view data) {
    Signature sig;
    if (data.size() != serialised_size || static_cast<unsigned char>(data[0]) != signature_format ||
        static_cast<unsigned char>(data[1]) > 1) {
        return sig;
    }
    sig.unigrams = data[1] == 1;
    sig.content_hash = get_le(data, 2, 8);
    sig.feature_count = static_cast<std::uint32_t>(get_le(data, 10, 4));
    for (std::size_t i = 0; i < minhash_count; ++i) {
        sig.minima[i] = static_cast<std::uint16_t>(get_le(data, 14 + 2 * i, 2));
    }
    return sig;
}

double estimated_jaccard(const Signature& a, const Signature& b) {
    if (a.empty() || b.empty()) return 0.0;
    if (a.content_hash == b.content_hash) return 1.0;
    if (a.unigrams != b.unigrams) return 0.0;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < minhash_count; ++i) equal += a.minima[i] == b.minima[i];
    return static_cast<double>(equal) / static_cast<double>(minhash_count);
}

double estimated_containment(const Signature& a, const Signature& b) {
    const double j = estimated_jaccard(a, b);
    if (j <= 0.0) return 0.0;
    // |A n B| = J (|A| + |B|) / (1 + J)
    const double common = j * (double(a.feature_count) + double(b.feature_count)) / (1.0 + j);
    return std::min(1.0, common / double(std::min(a.feature_count, b.feature_count)));
}

double near_duplicate_score(const Signature& a, const Signature& b) {
    const double j = estimated_jaccard(a, b);
    if (j >= near_duplicate_jaccard) return j;
    if (j >= min_containment_jaccard && estimated_containment(a, b) >= near_duplicate_containment) return j;
    return 0.0;
}

bool is_near_duplicate(const Signature& a, const Signature& b) { return near_duplicate_score(a, b) > 0.0; }

std::string assign_cluster(const Xapian::Database& db, const Signature& sig, std::string_view own_id,
                           ClusterLookupStats* stats, LshLayout layout) {
    ClusterLookupStats local;
    if (!stats) stats = &local;
    std::string own(own_id);
    if (sig.empty()) return own;

    Xapian::docid own_docid = 0;
    const std::string own_term = id_term(own);
    if (auto it = db.postlist_begin(own_term); it != db.postlist_end(own_term)) own_docid = *it;

    // Candidates: documents sharing at least one band, counted per band.
    std::unordered_map<Xapian::docid, unsigned> shared_bands;
    for (const std::string& key : band_keys(sig, layout)) {
        const std::string term = std::string(schema::prefix_signature) + key;
        Xapian::doccount scanned = 0;
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && scanned < max_postlist_scan;
             ++it, ++scanned) {
            ++stats->postings;
            if (*it != own_docid) ++shared_bands[*it];
        }
    }
    if (shared_bands.empty()) return own;

    std::vector<std::pair<Xapian::docid, unsigned>> candidates(shared_bands.begin(), shared_bands.end());
    std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
        return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    if (candidates.size() > max_verified_candidates) candidates.resize(max_verified_candidates);

    double best_similarity = 0.0;
    std::string best_cluster;
    for (const auto& [docid, bands] : candidates) {
        (void)bands;
        const Xapian::Document doc = db.get_document(docid);
        ++stats->verified;
        const double similarity = near_duplicate_score(sig, unserialise(doc.get_value(schema::slot_signature)));
        if (similarity <= best_similarity) continue;
        std::string cluster = doc.get_value(schema::slot_cluster);
        if (cluster.empty()) continue;  // indexed without clusters: cannot join it
        best_similarity = similarity;
        best_cluster = std::move(cluster);
        if (similarity >= 1.0) break;  // identical text: nothing can be closer
    }
    return best_cluster.empty() ? own : best_cluster;
}

std::string cluster_term(std::string_view cluster) {
    std::string term(schema::prefix_cluster);
    if (term.size() + cluster.size() <= schema::max_term_bytes) return term.append(cluster);
    // Keep a readable head, make it unique with a hash of the whole id.
    const std::size_t head = schema::max_term_bytes - term.size() - 17;
    term.append(cluster.substr(0, head));
    term.push_back('#');
    return term.append(to_hex(mix64(fnv1a(fnv_offset, cluster)), 16));
}

void set_band_terms(Xapian::Document& doc, const Signature& sig, LshLayout layout) {
    const std::string prefix(schema::prefix_signature);
    std::vector<std::string> old;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        it.skip_to(prefix);
        if (it == doc.termlist_end() || (*it).compare(0, prefix.size(), prefix) != 0) break;
        old.push_back(*it);
    }
    for (const std::string& term : old) doc.remove_term(term);
    for (const std::string& key : band_keys(sig, layout)) doc.add_boolean_term(prefix + key);
}

void add_near_duplicate_data(Xapian::Document& doc, const Signature& sig, std::string_view cluster,
                             LshLayout layout) {
    for (const std::string& key : band_keys(sig, layout)) doc.add_boolean_term(std::string(schema::prefix_signature) + key);
    doc.add_value(schema::slot_signature, serialise(sig));
    doc.add_boolean_term(cluster_term(cluster));
    doc.add_value(schema::slot_cluster, std::string(cluster));
}

std::vector<std::string> signed_words(const Analyzer& analyzer, std::string_view title,
                                      std::vector<std::string> body_words) {
    if (body_words.size() >= min_body_words) return body_words;
    std::vector<std::string> words;
    analyzer.for_each_token(title, 1, [&](const Token& t) { words.push_back(t.term); });
    words.insert(words.end(), body_words.begin(), body_words.end());
    return words;
}

}  // namespace newsdex::detail
