/// @file ranking.hpp
/// How newsdex weighs matches (library-internal): the BM25 parameters, the
/// natural-language stopwords and pseudo-relevance feedback, in one place.
///
/// Every value here was measured with scripts/eval-ranking on four test
/// collections (cran, med, cisi, lisa) with one setting for all of them and
/// chosen by leave-one-collection-out cross-validation; the tables are in
/// docs/RANKING.md. Change them only with a new table there.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/analyzer.hpp"

namespace newsdex::detail {

/// BM25 term-frequency saturation. Xapian's default (1.0) saturates too early
/// for abstracts and news stories: without feedback every leave-one-out fold
/// picked 2.0, with feedback 1.6 (with feedback, 1.2 and 2.0-2.5 lose 0.002-0.007 mean nDCG@10).
inline constexpr double bm25_k1 = 1.6;
/// BM25 document-length normalisation (0 = none, 1 = full); 0.5 won on every fold.
inline constexpr double bm25_b = 0.5;
/// Xapian's defaults for the rest: no k2 term, query-frequency saturation k3 = 1,
/// documents count as at least half the average length.
inline constexpr double bm25_k3 = 1.0;
inline constexpr double bm25_min_normlen = 0.5;

/// Pseudo-relevance feedback: the top feedback_docs of a first pass are taken
/// as relevant; the feedback_terms best stems in them (Xapian's TradEWeight:
/// relevance weight x mean saturated frequency) re-rank what the query
/// matched, the best at feedback_weight of a query word. +0.021 mean nDCG@10.
inline constexpr Xapian::doccount feedback_docs = 10;
inline constexpr Xapian::termcount feedback_terms = 10;  ///< 20: no better, slower
inline constexpr double feedback_weight = 0.5;           ///< 0.7 and 1.0: worse on cisi and cran
/// Feedback rounds: each takes its top documents from the query re-ranked by
/// the previous round's terms. 2 rounds: +0.002 mean nDCG@10 (med +0.011,
/// lisa +0.005, cisi -0.007), 3: +0.004; but each is another pass (2 rounds:
/// 2.2x the median latency of a natural query without feedback, more than
/// issue 5 allows by default) and leave-one-out does not pick them. So 1,
/// and 2-3 on request (SearchRequest::feedback_rounds).
inline constexpr unsigned feedback_rounds = 1;
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

/// The weighting every newsdex search uses (a new object: Enquire clones it).
/// BM25 on purpose: Xapian's DFR and LM schemes, and fusions of them with
/// BM25, did no better on collections they were not tuned on (docs/RANKING.md).
Xapian::BM25Weight make_weighting();

/// True for words a natural-language query in @p language is better off
/// without ("the", "of", "what" in English). Only English has a list; other
/// languages keep every word.
bool is_stopword(std::string_view term, std::string_view language);

/// The terms pseudo-relevance feedback adds, and with what weight.
struct Expansion {
    Xapian::Query query;  ///< OR of the scaled terms; empty when there are none
    std::vector<std::pair<std::string, double>> terms;  ///< term, scale (feedback_weight for the best)
};

/** Expansion terms for @p query: runs it, takes the top feedback_docs as
 *  relevant and returns the best stem (Z) terms of those documents that are
 *  not already in the query, not (stems of) stopwords of @p language and in
 *  at least feedback_min_articles and at most feedback_max_share of the
 *  articles; feedback_rounds times, each round on the query re-ranked by the
 *  previous one's terms (with_feedback); @p rounds rounds. The terms of
 *  the last round. */
/// @p query re-ranked by @p expansion: the terms only re-rank what the query
/// matches (OP_AND_MAYBE); @p query itself when there are no terms.
Xapian::Query with_feedback(const Xapian::Query& query, const Expansion& expansion);

Expansion feedback_expansion(const Xapian::Database& db, const Xapian::Query& query, const Analyzer& analyzer,
                             std::string_view language, unsigned rounds);

}  // namespace newsdex::detail
