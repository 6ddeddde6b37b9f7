// Query performance predictors (issue 13) on hand-made score lists and
// similarity matrices, and the re-ranking strength they yield.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "query_evidence.hpp"
#include "ranking.hpp"

namespace {

using namespace newsdex::detail;

TEST(QueryEvidence, ScoreDropIsHowFarTheTopStandsAboveTheTenth) {
    // 10 scores: 10 down to 1; the 10th is a tenth of the top.
    std::vector<double> scores;
    for (int s = 10; s >= 1; --s) scores.push_back(s);
    EXPECT_DOUBLE_EQ(score_drop(scores), 0.9);
    // More than 10: still the 10th.
    scores.push_back(0.5);
    EXPECT_DOUBLE_EQ(score_drop(scores), 0.9);
    // Fewer: the last one.
    EXPECT_DOUBLE_EQ(score_drop({4, 3, 1}), 0.75);
    // A flat top does not drop.
    EXPECT_DOUBLE_EQ(score_drop(std::vector<double>(12, 2.5)), 0.0);
    // Nothing to compare.
    EXPECT_DOUBLE_EQ(score_drop({3}), 0.0);
    EXPECT_DOUBLE_EQ(score_drop({}), 0.0);
    EXPECT_DOUBLE_EQ(score_drop({0, 0}), 0.0);
}

TEST(QueryEvidence, FirstGapIsTheSecondScoreBelowTheFirst) {
    EXPECT_DOUBLE_EQ(first_gap({8, 2, 1}), 0.75);
    EXPECT_DOUBLE_EQ(first_gap({8, 8}), 0.0);
    EXPECT_DOUBLE_EQ(first_gap({8}), 0.0);
}

TEST(QueryEvidence, SpreadIsTheCoefficientOfVariationOfTheTop30) {
    // 2 and 4: mean 3, standard deviation 1.
    EXPECT_DOUBLE_EQ(score_spread({4, 2}), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(score_spread(std::vector<double>(5, 7.0)), 0.0);
    // Only the first 30 count: 30 equal scores and then a tail.
    std::vector<double> scores(30, 5.0);
    scores.push_back(0.1);
    EXPECT_DOUBLE_EQ(score_spread(scores), 0.0);
    EXPECT_DOUBLE_EQ(score_spread({1}), 0.0);
}

TEST(QueryEvidence, CoherenceIsTheMeanSimilarityOfTheTopPairs) {
    // Three documents: pairs (0,1) 0.6, (0,2) 0.0, (1,2) 0.3 -> mean 0.3.
    std::vector<std::vector<double>> sim = {{1, 0.6, 0.0}, {0.6, 1, 0.3}, {0.0, 0.3, 1}};
    EXPECT_NEAR(top_coherence(sim), 0.3, 1e-12);
    EXPECT_DOUBLE_EQ(top_coherence({{1}}), 0.0);
    // Beyond the top 10 nothing counts: 12 documents, only the last two alike.
    std::vector<std::vector<double>> wide(12, std::vector<double>(12, 0.0));
    wide[10][11] = wide[11][10] = 1.0;
    EXPECT_DOUBLE_EQ(top_coherence(wide), 0.0);
}

TEST(QueryEvidence, RampIsClampedAndGoesEitherWay) {
    EXPECT_DOUBLE_EQ(ramp(0.5, 0.0, 1.0), 0.5);
    EXPECT_DOUBLE_EQ(ramp(-1, 0.0, 1.0), 0.0);
    EXPECT_DOUBLE_EQ(ramp(2, 0.0, 1.0), 1.0);
    EXPECT_DOUBLE_EQ(ramp(0.25, 1.0, 0.0), 0.75);  // down
    EXPECT_DOUBLE_EQ(ramp(0.3, 0.3, 0.3), 1.0);    // a step
    EXPECT_DOUBLE_EQ(ramp(0.29, 0.3, 0.3), 0.0);
}

/// Ten hits whose pairs are all @p alike similar.
std::vector<std::vector<double>> alike(double similarity) {
    std::vector<std::vector<double>> sim(10, std::vector<double>(10, similarity));
    for (int i = 0; i < 10; ++i) sim[i][i] = 1;
    return sim;
}

TEST(QueryEvidence, StrengthFallsFromFullToNoneAsTheTopHitsGetAlike) {
    const std::vector<double> scores = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    EXPECT_DOUBLE_EQ(cluster_strength(query_evidence(scores, alike(0.0))), 1.0);
    EXPECT_DOUBLE_EQ(cluster_strength(query_evidence(scores, alike(strength_coherence_full))), 1.0);
    EXPECT_DOUBLE_EQ(cluster_strength(query_evidence(scores, alike(strength_coherence_none))), 0.0);
    EXPECT_DOUBLE_EQ(cluster_strength(query_evidence(scores, alike(0.9))), 0.0);
    const double mid = (strength_coherence_full + strength_coherence_none) / 2;
    EXPECT_NEAR(cluster_strength(query_evidence(scores, alike(mid))), 0.5, 1e-9);
    double last = 2;
    for (double c = 0; c <= 1.0; c += 0.02) {
        const double s = cluster_strength(query_evidence(scores, alike(c)));
        EXPECT_LE(s, last) << "coherence " << c;
        last = s;
    }
}

}  // namespace
