/// @file ranking.hpp
/// How newsdex weighs matches (library-internal): the BM25 parameters,
/// pseudo-relevance feedback and score regularisation, in one place (the
/// stopwords natural queries drop are in languages.hpp).
///
/// Every value here was measured with scripts/eval-ranking on four test
/// collections (cran, med, cisi, lisa) with one setting for all of them and
/// chosen by leave-one-collection-out cross-validation; the tables are in
/// docs/RANKING.md. Change them only with a new table there.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "query_evidence.hpp"
#include "stem_vector.hpp"

namespace newsdex::detail {

/// BM25 term-frequency saturation. Xapian's default (1.0) saturates too early
/// for abstracts and news stories: without feedback every leave-one-out fold
/// picked 2.0, with feedback 1.6 (with feedback, 1.2 and 2.0-2.5 lose 0.002-0.007 mean nDCG@10).
inline constexpr double bm25_k1 = 1.6;
/// BM25 document-length normalisation (0 = none, 1 = full); 0.5 won on every fold.
inline constexpr double bm25_b = 0.5;
/// Xapian's defaults for these: no k2 term, query-frequency saturation k3 = 1.
inline constexpr double bm25_k3 = 1.0;
/// Shortest length BM25 normalises by, as a share of the average. Xapian's
/// default, 0.5, scores every article under half the average as if it were
/// that long, which takes BM25's preference for the short one away exactly
/// where news needs it: a short wire item (an earnings table, a one-paragraph
/// flash) against a long feature that mentions the same words in passing.
/// 0 (plain BM25) against 0.5, all eleven collections, both modes: nDCG@10
/// the same or higher on every collection in natural mode (+0.000 to +0.006;
/// 0.25 the same within 0.001) and in AND mode on all but wikinews-words
/// (-0.0025, one query); leave-one-collection-out by the worst ratio to the
/// better baseline picks 0 on every fold (docs/RANKING.md, "Length normalisation").
inline constexpr double bm25_min_normlen = 0.0;

/// Pseudo-relevance feedback: the top feedback_docs of a first pass are taken
/// as relevant; the feedback_terms best stems in them (Xapian's TradEWeight:
/// relevance weight x mean saturated frequency) re-rank what the query
/// matched, the best at feedback_weight of a query word. +0.021 mean nDCG@10.
inline constexpr Xapian::doccount feedback_docs = 10;
inline constexpr Xapian::termcount feedback_terms = 10;  ///< 20: no better, slower
inline constexpr double feedback_weight = 0.5;           ///< 0.7 and 1.0: worse on cisi and cran
/// Feedback rounds: each later round takes its top documents from the first
/// pass's top feedback_pool re-ranked by the previous round's terms. With
/// score regularisation, 3 rounds give the same mean nDCG@10 as 1 (0.5193
/// against 0.5199; med +0.015, cisi -0.013, cran -0.005), are what
/// leave-one-collection-out picks on three folds of four, and are the only
/// setting that clears issue 5's target on med; the rounds after the first
/// cost only look-ups (docs/RANKING.md). 1-3 on request (SearchRequest::feedback_rounds).
inline constexpr unsigned feedback_rounds = 3;
inline constexpr unsigned max_feedback_rounds = 3;
/// A feedback stem must be in at least this many of the feedback_docs (as
/// good as 1 and far cheaper: fewer frequency look-ups) ...
inline constexpr unsigned feedback_min_top_docs = 2;
/// ... in at least this many articles of the index: rarer ones are typos and
/// one-off names, not the topic (+0.004 mean nDCG@10) ...
inline constexpr Xapian::doccount feedback_min_articles = 3;
/// ... and in at most this share of them: commoner ones add next to nothing
/// to BM25 but cost the most to match ("said", "year" in news).
inline constexpr double feedback_max_share = 0.1;

/// Later feedback rounds take their top documents from the first pass's top
/// feedback_pool documents re-scored with the previous round's terms, not
/// from a new pass over the index: a few look-ups instead of a search.
inline constexpr Xapian::doccount feedback_pool = 30;

/// Score regularisation (Diaz, 2005; the cluster hypothesis: similar
/// documents are relevant to the same queries). Each of the final ranking's
/// top regularise_depth documents scores (1 - regularise_weight) x its own
/// score + regularise_weight x the similarity-weighted mean score of its
/// regularise_neighbours most similar documents among them; similarity is the
/// cosine of (1 + log wdf) over stems, stopwords left out. 30 x 0.4 x 5 won
/// leave-one-collection-out over 95 settings: +0.008 to +0.019 nDCG@10 on
/// each collection with feedback (docs/RANKING.md).
inline constexpr Xapian::doccount regularise_depth = 30;
inline constexpr double regularise_weight = 0.4;
inline constexpr unsigned regularise_neighbours = 5;

/// How strongly feedback and regularisation act (cluster_strength()): fully
/// while the first pass's top 10 are at most strength_coherence_full alike
/// (top_coherence(): mean cosine of their stems), not at all from
/// strength_coherence_none, linearly between. Chosen by
/// scripts/tune-rerank-strength (leave-one-collection-out over cran, med,
/// cisi, lisa and the four news sets, by the worst held-out ratio to plain
/// BM25; the rule chosen on 7 folds of 8): on news, top hits alike are a
/// story's other articles and its follow-ups, which feedback drifts to
/// (docs/RANKING.md, issue 13).
inline constexpr double strength_coherence_full = 0.05;
inline constexpr double strength_coherence_none = 0.15;

/// Exact forms: a natural query matches every word by its stem ("troops"
/// finds "troop"); an article that also has the word as the query spells it
/// (case-folded, unstemmed) gains exact_word_weight x that word's BM25
/// weight. Measured on all eight collections at 0.05, 0.1, 0.2, 0.25, 0.5
/// (docs/RANKING.md, "Exact forms"): 0.1 is at least as good as none on
/// every one (+0.001 to +0.009 nDCG@10) and is what leave-one-collection-out
/// picks on every fold, by the worst ratio to the setting without it; 0.5
/// costs lisa and cisi. Applied to the ranked pass's top exact_form_depth
/// only (exact_form_scores()), not as query terms: as OP_AND_MAYBE terms the
/// matcher checked every matching article's postings for them (+4% of a
/// natural query's instructions, callgrind); on the top 30 it is a few
/// posting-list skips.
inline constexpr double exact_word_weight = 0.1;
/// How many of the ranked pass's best articles the exact forms re-rank (the
/// same depth as regularisation: a 0.1 bonus rarely lifts an article from below it).
inline constexpr Xapian::doccount exact_form_depth = 30;

/// Xapian's BM25Weight term weight of @p term (no relevance set, wqf 1):
/// odds below 2 softened as Xapian does. 0 for a term no article has.
double bm25_term_weight(const Xapian::Database& db, const std::string& term);

/// Keyword coordination: a natural query of at most keyword_max_words word
/// stems ("palm oil Malaysia", "Serena world number two" minus its
/// stopwords) is a list of things the article must be about, so an article
/// with all of them should rank above one that repeats only the rarest.
/// BM25 alone lets the repetition win (a term's weight grows with its
/// frequency up to (k1 + 1) times its single-occurrence weight). Each of the
/// ranked pass's top exact_form_depth articles gains keyword_word_weight x
/// the BM25 term weight (idf x (k1 + 1), frequency and length left out) of
/// every query stem it has. Longer queries (questions, headlines, sentences)
/// are left as they are: there the bonus costs 1-3% nDCG@10 on the classic
/// four at every weight tried (docs/RANKING.md, "Keyword coordination").
inline constexpr std::size_t keyword_max_words = 3;
inline constexpr double keyword_word_weight = 0.3;

/// The distinct word stem terms (Z + stem, no title or field terms) of @p query, in its order.
std::vector<std::string> word_stem_terms(const Xapian::Query& query);

/// What keyword coordination adds to each of @p docs' scores: @p weight x
/// the BM25 term weight (Xapian's, wqf 1, at full saturation) of each of
/// @p stem_terms the article has, from the terms' posting lists (one skip per
/// article and term).
std::vector<double> keyword_scores(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                   const std::vector<std::string>& stem_terms, double weight);

/// What the exact forms of a query's words add to some articles' scores.
struct ExactFormScores {
    std::vector<std::string> forms;            ///< the distinct words found in the index, in query order
    std::vector<std::vector<double>> by_doc;   ///< [article][form]: what that form adds to its score
    /// The bonus of article @p i (0 when nothing was found).
    double total(std::size_t i) const;
};

/// The exact forms of @p words (ParsedQuery::words, a repeated word counted
/// once per time, as its stem is) scored in each of @p docs at @p weight x
/// the word's BM25 weight there (Xapian's BM25Weight with make_weighting()'s
/// parameters, wqf 1: what OP_SCALE_WEIGHT of the term in the query would
/// add), from the words' posting lists (one skip per article and word) and
/// one pass over the document-length list.
ExactFormScores exact_form_scores(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                  const std::vector<std::string>& words, double weight);

/// Lead words (the inverted pyramid: a news story states what it is about in
/// its first sentences). In the query language's default AND mode every match
/// has every word, so BM25 tells them apart by frequency and length only, and
/// a long article that mentions the words in passing outranks the story about
/// them. Each of the ranked pass's top lead_depth articles whose body has a
/// query word (any form of its stem) among its first lead_words words gains
/// lead_word_weight x that word's BM25 term weight. Chosen on bbc-words,
/// bbc-caps and reuters-topics by the worst ratio to the ranking without it,
/// (25, 50 words) x (0.05-0.3): 50 x 0.2, +0.8% to +1.6% nDCG@10 there
/// (top 10); reported on reuters-words, wikinews-words, reuters-ki
/// (docs/RANKING.md, "The default AND mode"). Matches are unchanged: only their order.
inline constexpr unsigned lead_words = 50;
inline constexpr double lead_word_weight = 0.2;
/// The first page: as good as 30 in the screen (bbc-words 1.016 against 1.020,
/// reuters-words 1.009 against 1.007, reuters-topics 1.008 against 1.012) at a third of the reads.
inline constexpr Xapian::doccount lead_depth = 10;
/// How many index terms after a stem are read to find its forms ("oil": oil,
/// oiled, oils, ...; more only for very short stems, whose rarer forms are then missed).
inline constexpr unsigned lead_forms_scanned = 64;

/// A query word for lead_scores(): its stem term and the unstemmed forms of it the index holds.
struct LeadWord {
    std::string stem_term;           ///< Z + stem
    std::vector<std::string> forms;  ///< index terms whose stem it is (they have positions; stems do not)
};

/// The stem (Z) terms of @p query (no title or other field terms) with the
/// forms of each that the index holds: the terms from the stem on (from the
/// stem less a final "i", which Snowball makes of "y": "treasuri" is
/// "treasury"), at most lead_forms_scanned of them, that @p stemmer maps to it.
std::vector<LeadWord> lead_words_of(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Stem& stemmer);

/// What the lead words add to each of @p docs' scores: @p weight x the BM25
/// term weight (Xapian's, wqf 1) of every word of @p words one of whose forms
/// is among the body's first lead_words positions (body positions start at
/// document_builder's title_body_gap after the title's, so a headline's own
/// words take a few of them). One posting-list skip per article and form.
std::vector<double> lead_scores(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                const std::vector<LeadWord>& words, double weight);

/// The weighting every newsdex search uses (a new object: Enquire clones it).
/// BM25 on purpose: Xapian's DFR and LM schemes, and fusions of them with
/// BM25, did no better on collections they were not tuned on (docs/RANKING.md).
Xapian::BM25Weight make_weighting();

/// What feedback and regularisation read from the index: the stem run of
/// each top document's termlist (documents recur from round to round, in
/// the final ranking and, over a long-lived Searcher, from query to query)
/// and the number of articles of each stem. Stems are compared by a 64-bit
/// hash of the term (sorting and merging integers instead of strings; a
/// collision among one query's few thousand stems has odds of about 1e-12).
/// Kept between queries on one database revision (the owner drops it when
/// the index changes); bounded: it starts afresh past max_documents
/// documents or max_terms article counts.
class StemReader {
  public:
    explicit StemReader(const Xapian::Database& db);

    using Hash = std::uint64_t;  ///< stem_hash() of the term

    struct Stem {
        Hash hash;
        Xapian::termcount wdf;
        std::uint32_t offset;  ///< of the term in Document::terms
        std::uint32_t size;
        double saturated_wdf;  ///< 2 wdf / (length / average + wdf): BM25's, k = 1
    };
    struct Document {
        double length = 0;
        std::string terms;        ///< the stems' terms, one after another
        std::vector<Stem> stems;  ///< Z and ZS terms, by hash
        std::string_view term(const Stem& stem) const { return std::string_view(terms).substr(stem.offset, stem.size); }
    };

    /// Call before each query: starts afresh if the cache is full (references
    /// to documents stay valid from one begin_query() to the next).
    void begin_query();
    /// The stems of @p doc, with their terms (from its termlist).
    const Document& document(Xapian::docid doc);
    /// The stems of @p doc by 32-bit hash, without their terms: from its
    /// schema::slot_stems value, far cheaper than a termlist (from
    /// document() for an article indexed without one).
    const StemVector& vector(Xapian::docid doc);
    /// Number of articles with @p term (whose hash is @p h).
    Xapian::doccount articles(Hash h, std::string_view term);
    const Xapian::Database& db() const { return db_; }
    double average_length() const { return average_length_; }

    /// Every stem of the index by the 32-bit hash stem vectors use, with its
    /// article count: feedback then needs no termlist at all. Built at the
    /// second query of a long-lived reader (a one-off search never pays for
    /// it: 50,000 stems, tens of ms, on Reuters-21578), not for indexes of
    /// more than max_dictionary stems. Hashes shared by two stems are marked
    /// (empty term): feedback reads termlists when it meets one.
    struct Entry {
        std::string term;
        Xapian::doccount articles = 0;
    };
    const std::unordered_map<std::uint32_t, Entry>* dictionary() const { return dictionary_.get(); }

    static constexpr std::size_t max_documents = 10000;
    static constexpr std::size_t max_terms = 1000000;
    static constexpr std::size_t max_dictionary = 500000;  ///< about 40 MB

  private:
    const Xapian::Database& db_;
    const double average_length_;
    std::unordered_map<Xapian::docid, Document> documents_;
    std::unordered_map<Xapian::docid, StemVector> vectors_;
    std::unordered_map<Hash, Xapian::doccount> articles_;
    std::unique_ptr<std::unordered_map<std::uint32_t, Entry>> dictionary_;
    unsigned queries_ = 0;  ///< the dictionary is built at the second
};

/// The hashes of @p terms, sorted (for binary_search); their low 32 bits.
std::vector<StemReader::Hash> sorted_hashes(const std::set<std::string>& terms);
std::vector<std::uint32_t> sorted_hashes32(const std::set<std::string>& terms);

/// The stem terms (Z + stem) of @p language's stopwords (empty when it has no list).
const std::set<std::string>& stopword_stems(const Analyzer& analyzer, std::string_view language);

/// Cosine similarity of (1 + log wdf) over stems, stems in @p skip (sorted
/// 32-bit hashes: stopwords) left out, for every pair of @p docs.
std::vector<std::vector<double>> similarity_matrix(const std::vector<Xapian::docid>& docs, StemReader& reader,
                                                   const std::vector<std::uint32_t>& skip);

/// The predictors of @p ranked ((docid, score), best first): its scores and
/// the similarity of its top evidence_top (stems in @p skip left out).
QueryEvidence ranking_evidence(const std::vector<std::pair<Xapian::docid, double>>& ranked, StemReader& reader,
                               const std::vector<std::uint32_t>& skip);

/// The terms pseudo-relevance feedback adds, and with what weight.
struct Expansion {
    Xapian::Query query;  ///< OR of the scaled terms; empty when there are none
    std::vector<std::pair<std::string, double>> terms;  ///< term, scale (feedback_weight x strength for the best)
    QueryEvidence evidence;  ///< of the first pass
    double strength = 1;     ///< cluster_strength() of the evidence, or as forced; 0: no terms
};

/// @p query re-ranked by @p expansion: the terms only re-rank what the query
/// matches (OP_AND_MAYBE); @p query itself when there are no terms.
Xapian::Query with_feedback(const Xapian::Query& query, const Expansion& expansion);

/// What @p expansion's terms add to each of @p docs' scores under
/// with_feedback (Xapian's BM25Weight, worked out here from the stems @p reader read).
std::vector<double> feedback_scores(const std::vector<Xapian::docid>& docs, const Expansion& expansion,
                                    StemReader& reader);

/** Expansion terms for @p query: runs it, takes the top feedback_docs as
 *  relevant and returns the best stem (Z) terms of those documents that are
 *  not already in the query, not (stems of) stopwords of @p language and in
 *  at least feedback_min_articles and at most feedback_max_share of the
 *  articles. @p rounds rounds: each later round takes its top documents from
 *  the first pass's top feedback_pool re-scored with the previous round's
 *  terms (BM25, as with_feedback would score them). The terms of the last
 *  round, scaled by the strength: @p strength if given, else
 *  cluster_strength() of the first pass (no terms, and no rounds run, at 0).
 *  @p reader keeps what was read for the rest of the query. */
Expansion feedback_expansion(const Xapian::Database& db, const Xapian::Query& query, const Analyzer& analyzer,
                             std::string_view language, unsigned rounds, StemReader& reader,
                             std::optional<double> strength = std::nullopt);

/// One document of a regularised ranking.
struct Regularised {
    Xapian::docid doc = 0;
    std::size_t rank = 0;    ///< its position (0-based) in the ranking given
    double own = 0;          ///< its score in the ranking given
    double neighbours = 0;   ///< the weighted mean score of its neighbours
    double score = 0;        ///< (1 - weight) own + weight neighbours
};

/** Score regularisation of @p ranked ((docid, score), best first): the top
 *  regularise_depth re-ordered by their regularised score ((1 - @p weight)
 *  x own + @p weight x neighbours), the rest after
 *  them in their order. Below the depth, and for a document that shares no
 *  stem with the others, the neighbours' score is that of the last document
 *  within the depth, so scores still fall with rank (every neighbour mean
 *  within the depth is at least that). Stems in @p ignored (stopwords) do not
 *  count towards similarity. */
std::vector<Regularised> regularise(const std::vector<std::pair<Xapian::docid, double>>& ranked, StemReader& reader,
                                    const std::set<std::string>& ignored, double weight = regularise_weight);

}  // namespace newsdex::detail
