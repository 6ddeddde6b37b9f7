/// @file near_duplicates.hpp
/// Near-duplicate (wire copy) detection: MinHash signatures, LSH band keys and story clusters.
///
/// Integration (IndexWriter::add, for each article, before replace_document):
/// @code
///   std::vector<std::string> words;                 // analysed, case-folded terms, in order
///   for (const Token& t : analyzer.tokenize(article.body)) words.push_back(t.term);
///   words = detail::signed_words(analyzer, article.title, std::move(words));  // tiny body: headline too
///   const detail::Signature sig = detail::make_signature(words);
///   // Against the WritableDatabase being written: it sees uncommitted documents.
///   const std::string cluster = detail::assign_cluster(db, sig, article.id);
///   detail::add_near_duplicate_data(doc, sig, cluster);  // XSIG terms, XCL term, two values
///   db.replace_document("Q" + article.id, doc);
/// @endcode
/// The signature is taken over body words only, so a changed headline still
/// collapses; pass the same words (same Analyzer settings) at every indexing
/// run, or copies indexed under different settings will not meet.
/// Terms: "XSIG" + band key (boolean, one per LSH band), "XCL" + cluster id.
/// Values: schema::slot_signature (serialise()), schema::slot_cluster (cluster id).
/// A cluster id is the id of the first article of the story that was indexed;
/// the searcher collapses on schema::slot_cluster (Enquire::set_collapse_key).
/// assign_cluster() throws whatever Xapian throws (DatabaseError ...): the
/// caller wraps it into newsdex::IndexError like every other Xapian call.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Xapian {
class Database;
class Document;
}  // namespace Xapian

namespace newsdex {
class Analyzer;
}

namespace newsdex::detail {

/// Number of MinHash functions. 128 gives a Jaccard estimate with standard
/// error <= 0.045, enough to separate lightly edited copies (J >= 0.6) from
/// different stories on the same topic (J < 0.3 for all but 19 of 2.47M BBC News pairs).
inline constexpr std::size_t minhash_count = 128;
/// LSH: lsh_bands bands of lsh_rows minhashes. A pair with Jaccard s becomes a
/// candidate with probability 1 - (1 - s^2)^20: 0.96 at s=0.4, 0.997 at 0.5,
/// 0.9999 at 0.6; 0.85 at 0.3 (containment matches), 0.18 at 0.1 (then
/// rejected by the check). On BBC News: 1.5 postings read, 0.13 signatures
/// verified per article; eval-dedup precision and recall as with the earlier
/// 42 bands x 3 rows (within 0.004), with 20 instead of 42 XSIG terms per
/// article (-54% distinct terms, -20% index size and indexing CPU on Reuters).
inline constexpr std::size_t lsh_bands = 20;
inline constexpr std::size_t lsh_rows = 2;

/// The band layout of an index's XSIG terms, stored in its metadata
/// (meta_lsh_layout, "20x2") so an index keeps the layout it was built with.
struct LshLayout {
    std::size_t bands = lsh_bands;
    std::size_t rows = lsh_rows;
    friend bool operator==(LshLayout a, LshLayout b) { return a.bands == b.bands && a.rows == b.rows; }
};
/// Layout of indexes made before meta_lsh_layout existed (no such key).
inline constexpr LshLayout legacy_lsh_layout{42, 3};
inline constexpr const char* meta_lsh_layout = "newsdex.lsh_layout";
/// "BANDSxROWS".
std::string layout_name(LshLayout layout);
/// Inverse of layout_name(); nullopt unless 1 <= rows <= 4, 1 <= bands < 0x80, bands * rows <= minhash_count.
std::optional<LshLayout> parse_layout(std::string_view name);
static_assert(lsh_bands * lsh_rows <= minhash_count && lsh_rows <= 4 && lsh_bands < 0x80);
/// Words per shingle. 3 keeps a copy with 5% of its words replaced at J ~ 0.75
/// (each changed word spoils 3 shingles) while unrelated articles share almost none.
inline constexpr std::size_t shingle_words = 3;
/// Below this many words a text is compared by its set of words instead of
/// shingles (a few shingles would make every small edit look like a new story).
inline constexpr std::size_t min_shingle_words = 12;
/// Bodies shorter than this should be signed together with their headline.
inline constexpr std::size_t min_body_words = 8;
/// Estimated Jaccard similarity from which two texts are the same story.
/// On BBC News, follow-up stories that reuse background paragraphs reach
/// 0.40-0.53; a copy with a new paragraph, 5% changed words and a cut end ~0.55.
inline constexpr double near_duplicate_jaccard = 0.45;
/// An expanded or cut version of a story (one text mostly inside the other)
/// is the same story from this estimated containment, if also Jaccard >= 0.3 ...
inline constexpr double near_duplicate_containment = 0.8;
/// ... so a short brief quoted in a long round-up does not collapse into it.
inline constexpr double min_containment_jaccard = 0.3;

/// A MinHash sketch of a text plus an exact hash of its word sequence.
struct Signature {
    /// FNV-1a/splitmix hash of the whole word sequence: equal for identical texts.
    std::uint64_t content_hash = 0;
    /// Distinct features (shingles, or words for short texts) that were hashed;
    /// 0 means the text was empty and matches nothing.
    std::uint32_t feature_count = 0;
    /// True when the features are single words (short text), false for shingles.
    bool unigrams = false;
    /// Low 16 bits of the minimum of each of the minhash_count hash functions
    /// (b-bit minwise hashing: chance collisions add < 2e-5 to the estimate).
    std::array<std::uint16_t, minhash_count> minima{};

    bool empty() const { return feature_count == 0; }
    friend bool operator==(const Signature& a, const Signature& b) {
        return a.content_hash == b.content_hash && a.feature_count == b.feature_count &&
               a.unigrams == b.unigrams && a.minima == b.minima;
    }
    friend bool operator!=(const Signature& a, const Signature& b) { return !(a == b); }
};

/// The words an article is signed by, given its analysed @p body_words: the
/// body only, so a changed headline still finds its story, but a body under
/// min_body_words words (empty or tiny) is signed with the headline's words
/// (analysed by @p analyzer) in front. The indexer and tools/dedup-eval both use this.
std::vector<std::string> signed_words(const Analyzer& analyzer, std::string_view title,
                                      std::vector<std::string> body_words);

/// One compiled version of MinHash's inner loop: for each of @p count
/// features f, minima[i] = min(minima[i], h_i(f)) for the minhash_count hash
/// functions. make_signature() uses the first supported kernel (chosen once at
/// start-up from the CPU); they give identical minima (unit.near_duplicates).
struct MinhashKernel {
    using Fold = void (*)(const std::uint64_t* features, std::size_t count, std::uint64_t* minima);
    const char* name;
    Fold fold;
    bool supported;  ///< whether this CPU can run it
};
/// Every kernel, widest first: AVX-512 (F + DQ), AVX2, default (the build's baseline ISA).
const std::vector<MinhashKernel>& minhash_kernels();

/// Signature of a text given as its analysed, case-folded words in order.
Signature make_signature(const std::vector<std::string>& words);

/// One LSH key per band (layout.bands keys of 2 + 4 x rows hex digits: band number, +0x80
/// for word-set signatures, then the band's minima); empty for an empty signature. Stored as boolean terms
/// schema::prefix_signature + key.
std::vector<std::string> band_keys(const Signature& sig, LshLayout layout = {});

/// Compact binary form (~270 bytes) for the schema::slot_signature value.
std::string serialise(const Signature& sig);
/// Inverse of serialise(); returns an empty Signature for anything that is
/// not a serialised signature of this version (so a damaged value only costs a match).
Signature unserialise(std::string_view data);

/// Estimated Jaccard similarity of the two feature sets, 1.0 for identical
/// texts and 0.0 if either text is empty or they use different feature kinds.
double estimated_jaccard(const Signature& a, const Signature& b);

/// Estimated share of the smaller feature set that is in the larger one
/// (from the Jaccard estimate and the exact set sizes); 0.0 as for estimated_jaccard().
double estimated_containment(const Signature& a, const Signature& b);

/// True if @p a and @p b are the same story: identical, estimated Jaccard >=
/// near_duplicate_jaccard, or containment >= near_duplicate_containment with
/// Jaccard >= min_containment_jaccard.
bool is_near_duplicate(const Signature& a, const Signature& b);

/// How similar two signatures are, for ranking candidates: estimated Jaccard
/// if is_near_duplicate(), else 0.
double near_duplicate_score(const Signature& a, const Signature& b);

/// The story cluster for a new or re-indexed article: the cluster of the most
/// similar near-duplicate already in @p db, else @p own_id. The document whose
/// id term is "Q" + @p own_id (an earlier version of the same article) is
/// ignored. Costs lsh_bands postlist look-ups plus one value read per candidate
/// (at most max_verified_candidates). Clusters are never merged afterwards: if
/// B joins A's cluster, a later C like B joins it too (chains), but when B
/// arrives after A and C it joins the closer of the two.
/// @throws Xapian::Error from the database (the caller adds context).
/// Work done by one assign_cluster() call (for measurements).
struct ClusterLookupStats {
    std::size_t postings = 0;  ///< band postlist entries read
    std::size_t verified = 0;  ///< candidate signatures read and compared
};
std::string assign_cluster(const Xapian::Database& db, const Signature& sig, std::string_view own_id,
                           ClusterLookupStats* stats = nullptr, LshLayout layout = {});

/// Candidates are verified in order of shared bands; beyond this many the rest
/// are ignored (protects against a pathological bucket, e.g. boilerplate text).
inline constexpr std::size_t max_verified_candidates = 50;

/// The boolean term for @p cluster: "XCL" + id, or for ids too long for a
/// Xapian term a truncated id plus a hash of the whole id. The searcher uses
/// it for `--expand ID`.
std::string cluster_term(std::string_view cluster);

/// Adds the XSIG band terms, the XCL cluster term and the slot_signature and
/// slot_cluster values to @p doc.
void add_near_duplicate_data(Xapian::Document& doc, const Signature& sig, std::string_view cluster,
                             LshLayout layout = {});

/// Replaces the XSIG band terms of @p doc by those of @p layout (for an index with another layout).
void set_band_terms(Xapian::Document& doc, const Signature& sig, LshLayout layout);

}  // namespace newsdex::detail
