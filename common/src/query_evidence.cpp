/// @file query_evidence.cpp
/// Query performance predictors and the re-ranking strength they give (see query_evidence.hpp).
#include "query_evidence.hpp"

#include <algorithm>
#include <cmath>

#include "ranking.hpp"

namespace newsdex::detail {

double score_drop(const std::vector<double>& scores) {
    if (scores.size() < 2 || scores.front() <= 0) return 0;
    const std::size_t k = std::min(scores.size(), evidence_top);
    return 1 - scores[k - 1] / scores.front();
}

double first_gap(const std::vector<double>& scores) {
    if (scores.size() < 2 || scores.front() <= 0) return 0;
    return 1 - scores[1] / scores.front();
}

double score_spread(const std::vector<double>& scores) {
    const std::size_t n = std::min(scores.size(), evidence_depth);
    if (n < 2) return 0;
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += scores[i];
    const double mean = sum / static_cast<double>(n);
    if (mean <= 0) return 0;
    double squares = 0;
    for (std::size_t i = 0; i < n; ++i) squares += (scores[i] - mean) * (scores[i] - mean);
    return std::sqrt(squares / static_cast<double>(n)) / mean;
}

double top_coherence(const std::vector<std::vector<double>>& similarity) {
    const std::size_t n = std::min(similarity.size(), evidence_top);
    if (n < 2) return 0;
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) sum += similarity[i][j];
    }
    return sum / static_cast<double>(n * (n - 1) / 2);
}

QueryEvidence query_evidence(const std::vector<double>& scores, const std::vector<std::vector<double>>& similarity) {
    QueryEvidence e;
    e.scored = std::min(scores.size(), evidence_depth);
    e.score_drop = score_drop(scores);
    e.first_gap = first_gap(scores);
    e.spread = score_spread(scores);
    e.coherence = top_coherence(similarity);
    return e;
}

double ramp(double x, double from, double to) {
    if (from == to) return x >= from ? 1.0 : 0.0;
    return std::clamp((x - from) / (to - from), 0.0, 1.0);
}

double cluster_strength(const QueryEvidence& evidence) {
    return ramp(evidence.coherence, strength_coherence_none, strength_coherence_full);
}

}  // namespace newsdex::detail
