// Pseudo-relevance feedback (issue 5): which terms it adds, and that a
// second round reads its documents from the query re-ranked by the first.
#include <gtest/gtest.h>

#include <xapian.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "ranking.hpp"

namespace {

using newsdex::Analyzer;
using newsdex::detail::Expansion;
using newsdex::detail::feedback_expansion;
using newsdex::detail::with_feedback;

std::vector<std::string> terms_of(const Expansion& expansion) {
    std::vector<std::string> out;
    for (const auto& [term, scale] : expansion.terms) out.push_back(term);
    return out;
}

bool has(const std::vector<std::string>& terms, const std::string& term) {
    return std::find(terms.begin(), terms.end(), term) != terms.end();
}

/// A common query word ("Zalpha") in three kinds of article: ten short ones
/// that rank first on the word alone and share the rarer "Zbeta" and
/// "Zgamma"; ten long ones that rank below them on the word but are about
/// beta and gamma, and share "Zdelta", which no short article has; forty
/// with the word and nothing else of note. Eighty more on other things.
class FeedbackRounds : public ::testing::Test {
  protected:
    FeedbackRounds() : db("", Xapian::DB_BACKEND_INMEMORY) {
        auto add = [this](const std::vector<std::pair<std::string, Xapian::termcount>>& terms) {
            Xapian::Document doc;
            for (const auto& [term, wdf] : terms) doc.add_term(term, wdf);
            db.add_document(doc);
        };
        for (int i = 0; i < 10; ++i) add({{"Zalpha", 1}, {"Zbeta", 1}, {"Zgamma", 1}});
        for (int i = 0; i < 10; ++i) add({{"Zalpha", 1}, {"Zbeta", 4}, {"Zgamma", 4}, {"Zdelta", 3}});
        for (int i = 0; i < 40; ++i) add({{"Zalpha", 1}, {"Zfiller", 6}});
        for (int i = 0; i < 80; ++i) add({{"Zother" + std::to_string(i % 20), 3}, {"Zfiller", 2}});
    }
    Xapian::WritableDatabase db;
    Analyzer analyzer;
    Xapian::Query query{"Zalpha"};
};

TEST_F(FeedbackRounds, OneRoundTakesTheStemsOfTheTopArticles) {
    Expansion one = feedback_expansion(db, query, analyzer, "en", 1);
    std::vector<std::string> terms = terms_of(one);
    EXPECT_TRUE(has(terms, "Zbeta"));
    EXPECT_TRUE(has(terms, "Zgamma"));
    EXPECT_FALSE(has(terms, "Zalpha"));  // already in the query
    EXPECT_FALSE(has(terms, "Zdelta"));  // in none of the top ten
    ASSERT_FALSE(one.terms.empty());
    EXPECT_DOUBLE_EQ(one.terms.front().second, newsdex::detail::feedback_weight);
}

TEST_F(FeedbackRounds, SecondRoundReadsTheArticlesTheFirstRoundLifted) {
    Expansion two = feedback_expansion(db, query, analyzer, "en", 2);
    EXPECT_TRUE(has(terms_of(two), "Zdelta"));
    EXPECT_FALSE(has(terms_of(two), "Zalpha"));
}

TEST_F(FeedbackRounds, FeedbackOnlyReRanksWhatTheQueryMatches) {
    Expansion one = feedback_expansion(db, query, analyzer, "en", 1);
    EXPECT_EQ(with_feedback(query, Expansion{}).get_description(), query.get_description());
    Xapian::Query ranked = with_feedback(query, one);
    EXPECT_EQ(ranked.get_type(), Xapian::Query::OP_AND_MAYBE);
    Xapian::Enquire enquire(db);
    enquire.set_query(ranked);
    EXPECT_EQ(enquire.get_mset(0, 1000).size(), 60u);  // the articles with "alpha", no more
}

TEST_F(FeedbackRounds, NoMatchesNoTerms) {
    Expansion none = feedback_expansion(db, Xapian::Query("Znowhere"), analyzer, "en", 2);
    EXPECT_TRUE(none.terms.empty());
    EXPECT_TRUE(none.query.empty());
}

}  // namespace
