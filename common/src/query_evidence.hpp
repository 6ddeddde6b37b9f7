/// @file query_evidence.hpp
/// Query performance predictors (library-internal): what a query's own
/// ranking says about whether re-ranking by its top hits will help it.
///
/// Pseudo-relevance feedback and score regularisation both trust the top
/// hits as a cluster of relevant articles. That holds for a topical query
/// with many relevant articles (the test abstracts: med has about 23 a
/// query), and fails for a news query with one or a few: the top hit stands
/// out and the rest are about something else, so feedback drifts to them
/// (issue 13: -0.15 nDCG@10 on headline queries). The predictors here are
/// read from scores and similarities the ranking computes anyway, and
/// cluster_strength() turns them into how strongly to re-rank: 0 (not at
/// all) to 1 (as tuned on the abstracts). Numbers: docs/RANKING.md.
#pragma once

#include <cstddef>
#include <vector>

namespace newsdex::detail {

struct QueryEvidence {
    std::size_t scored = 0;  ///< scores the predictors were read from (at most evidence_depth)
    double score_drop = 0;   ///< 1 - score at rank evidence_top / the top score
    double first_gap = 0;    ///< 1 - second score / the top score
    double spread = 0;       ///< standard deviation / mean of the scores (Shtok et al.'s NQC, unnormalised)
    double coherence = 0;    ///< mean cosine similarity of the top evidence_top hits, pair by pair
};

/// How many of a ranking's scores the spread reads, and how many top hits
/// the drop and the coherence describe (feedback's top documents).
inline constexpr std::size_t evidence_depth = 30;
inline constexpr std::size_t evidence_top = 10;

/// 1 - scores[k - 1] / scores[0] for k = min(evidence_top, scores.size());
/// 0 for fewer than two scores or a top score <= 0. Scores best first.
double score_drop(const std::vector<double>& scores);
/// 1 - scores[1] / scores[0] (0 as score_drop()).
double first_gap(const std::vector<double>& scores);
/// Standard deviation / mean of the first evidence_depth scores (0 for fewer than two).
double score_spread(const std::vector<double>& scores);
/// Mean of similarity[i][j] over the pairs i < j < min(evidence_top, size) (0 below two).
double top_coherence(const std::vector<std::vector<double>>& similarity);

/// All of the above for a ranking's @p scores (best first) and its top hits' @p similarity.
QueryEvidence query_evidence(const std::vector<double>& scores, const std::vector<std::vector<double>>& similarity);

/// (x - from) / (to - from), clamped to [0, 1]; @p to < @p from ramps down.
/// A step at @p from when the two are equal.
double ramp(double x, double from, double to);

/// How strongly feedback and regularisation act on a query with @p evidence,
/// from 0 (not at all: its own ranking stays) to 1 (fully).
double cluster_strength(const QueryEvidence& evidence);

}  // namespace newsdex::detail
