// Pseudo-relevance feedback (issue 5): which terms it adds, that a second
// round reads its documents from the first pass re-ranked by the first
// round's terms, and score regularisation.
#include <gtest/gtest.h>

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "document_builder.hpp"
#include "newsdex/analyzer.hpp"
#include "ranking.hpp"

namespace {

using newsdex::Analyzer;
using newsdex::detail::Expansion;
using newsdex::detail::feedback_scores;
using newsdex::detail::Regularised;
using newsdex::detail::StemReader;
using newsdex::detail::with_feedback;

Expansion feedback_expansion(const Xapian::Database& db, const Xapian::Query& query, const Analyzer& analyzer,
                             const char* language, unsigned rounds) {
    StemReader reader(db);
    // At full strength: these tests are about which terms feedback finds (the
    // predicted strength is tested in query_evidence_test.cpp and below).
    return newsdex::detail::feedback_expansion(db, query, analyzer, language, rounds, reader, 1.0);
}

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
/// "Zgamma"; ten long ones that rank below them on the word (11th to 20th,
/// within the first pass's feedback_pool) but are about beta and gamma, and
/// share "Zdelta", which no short article has; forty, longer still, with the
/// word and nothing else of note. Eighty more on other things.
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
        for (int i = 0; i < 40; ++i) add({{"Zalpha", 1}, {"Zfiller", 20}});
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

TEST_F(FeedbackRounds, LaterRoundsScoreThePoolAsXapianWould) {
    Expansion one = feedback_expansion(db, query, analyzer, "en", 1);
    ASSERT_FALSE(one.terms.empty());
    Xapian::Enquire plain(db), expanded(db);
    plain.set_weighting_scheme(newsdex::detail::make_weighting());
    expanded.set_weighting_scheme(newsdex::detail::make_weighting());
    plain.set_query(query);
    expanded.set_query(with_feedback(query, one));
    Xapian::MSet before = plain.get_mset(0, 100);
    Xapian::MSet after = expanded.get_mset(0, 100);
    ASSERT_EQ(before.size(), after.size());
    StemReader reader(db);
    std::vector<Xapian::docid> docs(after.begin(), after.end());
    const std::vector<double> added = feedback_scores(docs, one, reader);
    std::size_t i = 0;
    for (auto it = after.begin(); it != after.end(); ++it, ++i) {
        Xapian::MSetIterator was = before.begin();
        while (*was != *it) ++was;
        EXPECT_NEAR(was.get_weight() + added[i], it.get_weight(), 1e-9) << "docid " << *it;
    }
}

TEST_F(FeedbackRounds, TheDictionaryGivesTheSameTermsAsTermlists) {
    StemReader fresh(db);
    fresh.begin_query();
    ASSERT_EQ(fresh.dictionary(), nullptr);  // a one-off search reads termlists
    StemReader warm(db);
    warm.begin_query();
    warm.begin_query();  // the second query builds it
    ASSERT_NE(warm.dictionary(), nullptr);
    EXPECT_EQ(warm.dictionary()->at(newsdex::detail::stem_hash32("Zdelta")).articles, 10u);
    for (unsigned rounds = 1; rounds <= 3; ++rounds) {
        Expansion a = newsdex::detail::feedback_expansion(db, query, analyzer, "en", rounds, fresh, 1.0);
        Expansion b = newsdex::detail::feedback_expansion(db, query, analyzer, "en", rounds, warm, 1.0);
        EXPECT_EQ(a.terms, b.terms) << rounds << " rounds";
    }
}

TEST_F(FeedbackRounds, StrengthScalesTheTermsAndZeroAddsNone) {
    const Xapian::Query query{"Zalpha"};
    Expansion full = feedback_expansion(db, query, analyzer, "en", 1);
    ASSERT_FALSE(full.terms.empty());
    newsdex::detail::StemReader reader(db);
    reader.begin_query();
    Expansion half = newsdex::detail::feedback_expansion(db, query, analyzer, "en", 1, reader, 0.5);
    ASSERT_EQ(half.terms.size(), full.terms.size());
    EXPECT_DOUBLE_EQ(half.strength, 0.5);
    for (std::size_t i = 0; i < full.terms.size(); ++i) {
        EXPECT_EQ(half.terms[i].first, full.terms[i].first);
        EXPECT_NEAR(half.terms[i].second, full.terms[i].second / 2, 1e-12);
    }
    Expansion none = newsdex::detail::feedback_expansion(db, query, analyzer, "en", 1, reader, 0.0);
    EXPECT_TRUE(none.terms.empty());
    EXPECT_TRUE(none.query.empty());
    EXPECT_EQ(none.evidence.scored, full.evidence.scored);  // the evidence is read all the same
    // Predicted: the strength cluster_strength() gives the first pass's evidence.
    Expansion predicted = newsdex::detail::feedback_expansion(db, query, analyzer, "en", 1, reader);
    EXPECT_DOUBLE_EQ(predicted.strength, newsdex::detail::cluster_strength(predicted.evidence));
}

TEST_F(FeedbackRounds, NoMatchesNoTerms) {
    Expansion none = feedback_expansion(db, Xapian::Query("Znowhere"), analyzer, "en", 2);
    EXPECT_TRUE(none.terms.empty());
    EXPECT_TRUE(none.query.empty());
}

/// Five articles: 1 and 2 alike (stems a, b), 3 and 4 alike (c, d), 5 shares
/// nothing with the others. "Zthe" is a stopword stem and must not count.
class Regularise : public ::testing::Test {
  protected:
    Regularise() : db("", Xapian::DB_BACKEND_INMEMORY) {
        auto add = [this](const std::vector<std::string>& terms) {
            Xapian::Document doc;
            for (const std::string& term : terms) doc.add_term(term);
            doc.add_term("Zthe");
            db.add_document(doc);
        };
        add({"Za", "Zb"});
        add({"Za", "Zb"});
        add({"Zc", "Zd"});
        add({"Zc", "Zd"});
        add({"Ze"});
    }
    Xapian::WritableDatabase db;
    std::set<std::string> stopwords{"Zthe"};
};

TEST_F(Regularise, NeighboursLiftEachOther) {
    // 3 scores 10 but its twin 4 only 1; 1 and 2 score 8 and 7.
    std::vector<std::pair<Xapian::docid, double>> ranked = {{3, 10}, {1, 8}, {2, 7}, {5, 6}, {4, 1}};
    StemReader reader(db);
    std::vector<Regularised> out = newsdex::detail::regularise(ranked, reader, stopwords);
    ASSERT_EQ(out.size(), 5u);
    const double w = newsdex::detail::regularise_weight;
    // Each has one neighbour (cosine 1), except 5, which has none and gets
    // the last score within the depth (1) as its neighbours'.
    auto find = [&](Xapian::docid doc) { return *std::find_if(out.begin(), out.end(), [&](const Regularised& r) { return r.doc == doc; }); };
    EXPECT_DOUBLE_EQ(find(3).neighbours, 1);
    EXPECT_DOUBLE_EQ(find(3).score, (1 - w) * 10 + w * 1);
    EXPECT_DOUBLE_EQ(find(1).neighbours, 7);
    EXPECT_DOUBLE_EQ(find(2).neighbours, 8);
    EXPECT_DOUBLE_EQ(find(5).neighbours, 1);
    EXPECT_DOUBLE_EQ(find(4).neighbours, 10);
    EXPECT_DOUBLE_EQ(find(4).own, 1);
    EXPECT_EQ(find(4).rank, 4u);
    // With w = 0.4: 1 -> 7.6, 2 -> 7.4, 3 -> 6.4, 5 -> 4.0, 4 -> 4.6.
    std::vector<Xapian::docid> order;
    for (const Regularised& r : out) order.push_back(r.doc);
    EXPECT_EQ(order, (std::vector<Xapian::docid>{1, 2, 3, 4, 5}));
    for (std::size_t i = 1; i < out.size(); ++i) EXPECT_GE(out[i - 1].score, out[i].score);
}

TEST_F(Regularise, BelowTheDepthTheOrderStaysAndScoresStillFall) {
    // The same five articles many times over (docids repeat: regularise only
    // reads their stems), more than regularise_depth of them.
    std::vector<std::pair<Xapian::docid, double>> ranked;
    const std::size_t n = newsdex::detail::regularise_depth + 10;
    for (std::size_t i = 0; i < n; ++i) ranked.emplace_back(static_cast<Xapian::docid>(i % 5 + 1), 100.0 - i);
    StemReader reader(db);
    std::vector<Regularised> out = newsdex::detail::regularise(ranked, reader, stopwords);
    ASSERT_EQ(out.size(), n);
    const double floor = ranked[newsdex::detail::regularise_depth - 1].second;
    for (std::size_t i = newsdex::detail::regularise_depth; i < n; ++i) {
        EXPECT_EQ(out[i].rank, i);
        EXPECT_DOUBLE_EQ(out[i].neighbours, floor);
    }
    for (std::size_t i = 1; i < n; ++i) EXPECT_GE(out[i - 1].score, out[i].score) << "at " << i;
}

TEST_F(Regularise, OneDocumentIsLeftAlone) {
    StemReader reader(db);
    std::vector<Regularised> out = newsdex::detail::regularise({{1, 3.5}}, reader, stopwords);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_DOUBLE_EQ(out[0].score, 3.5);
}

// Issue 13: the exact forms of a natural query's words re-rank its top articles at exact_word_weight of a word.
class ExactForms : public ::testing::Test {
  protected:
    void SetUp() override {
        // One stem, two spellings; article 3 is twice as long and has "troops" once, article 4 twice.
        add({"troop"});
        add({"troops"});
        add({"troops", "filler"});
        add({"troops", "troops"});
    }
    void add(const std::vector<std::string>& words) {
        Xapian::Document doc;
        Xapian::termpos pos = 0;
        for (const std::string& w : words) doc.add_posting(w, ++pos);
        doc.add_term("Ztroop");
        db.add_document(doc);
    }
    /// What Xapian itself gives @p term in @p doc at @p scale (OP_SCALE_WEIGHT, make_weighting()).
    double xapian_weight(const std::string& term, Xapian::docid doc, double scale) {
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(newsdex::detail::make_weighting());
        enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale));
        Xapian::MSet m = enquire.get_mset(0, 10);
        for (auto it = m.begin(); it != m.end(); ++it) {
            if (*it == doc) return it.get_weight();
        }
        return 0;
    }
    Xapian::WritableDatabase db{"", Xapian::DB_BACKEND_INMEMORY};
};

TEST_F(ExactForms, ScoresAreXapiansBm25ForTheWordAtTheWeightGiven) {
    newsdex::detail::StemReader reader(db);
    const auto s = newsdex::detail::exact_form_scores(db, {4, 1, 3, 2}, {"troops"}, 0.25);
    ASSERT_EQ(s.forms, std::vector<std::string>{"troops"});
    ASSERT_EQ(s.by_doc.size(), 4u);
    EXPECT_NEAR(s.total(0), xapian_weight("troops", 4, 0.25), 1e-9);
    EXPECT_EQ(s.total(1), 0);  // spells it "troop"
    EXPECT_NEAR(s.total(2), xapian_weight("troops", 3, 0.25), 1e-9);
    EXPECT_NEAR(s.total(3), xapian_weight("troops", 2, 0.25), 1e-9);
    EXPECT_GT(s.total(3), s.total(2));  // same wdf, shorter article
    EXPECT_GT(s.total(0), s.total(3));  // wdf 2
    EXPECT_EQ(s.total(99), 0);          // out of range: nothing
}

TEST_F(ExactForms, RepeatedWordsCountEachTimeUnknownWordsAndNoWeightGiveNothing) {
    using newsdex::detail::exact_form_scores;
    const auto once = exact_form_scores(db, {2}, {"troops"}, 0.1);
    const auto twice = exact_form_scores(db, {2}, {"troops", "unheard", "troops"}, 0.1);
    EXPECT_EQ(twice.forms, std::vector<std::string>{"troops"});  // "unheard" is in no article
    EXPECT_NEAR(twice.total(0), 2 * once.total(0), 1e-12);
    EXPECT_EQ(exact_form_scores(db, {2}, {"troops"}, 0).total(0), 0);
    EXPECT_TRUE(exact_form_scores(db, {}, {"troops"}, 0.1).by_doc.empty());
    EXPECT_GT(newsdex::detail::exact_word_weight, 0);
    EXPECT_LT(newsdex::detail::exact_word_weight, 1);  // a bonus, never more than the stem's own weight
}

// Issue 13: the query language's words in an article's lead (its first lead_words body words) re-rank its top articles.
class LeadWords : public ::testing::Test {
  protected:
    void SetUp() override {
        // 1: "treasury" opens the body; 2: only after lead_words words of filler; 3: "treasuries" in
        // the headline only (positions before the gap) and late in the body; 4: no such word.
        add({{"treasury", body}});
        add({{"treasury", body + lead_words + 5}});
        add({{"treasuries", 2}, {"treasuries", body + lead_words + 1}});
        add({{"oil", body}});
    }
    void add(const std::vector<std::pair<std::string, Xapian::termpos>>& postings) {
        Xapian::Document doc;
        for (const auto& [w, pos] : postings) {
            doc.add_posting(w, pos);
            doc.add_term("Z" + std::string(stemmer(w)));
        }
        db.add_document(doc);
    }
    static constexpr Xapian::termpos body = newsdex::detail::title_body_gap;
    static constexpr Xapian::termpos lead_words = newsdex::detail::lead_words;
    Xapian::Stem stemmer{"english"};
    Xapian::WritableDatabase db{"", Xapian::DB_BACKEND_INMEMORY};
};

TEST_F(LeadWords, FormsAreTheIndexTermsOfTheStemIncludingYMadeI) {
    const Xapian::Query q(Xapian::Query::OP_AND, Xapian::Query("Ztreasuri"), Xapian::Query("ZStreasuri"));
    const auto words = newsdex::detail::lead_words_of(db, q, stemmer);
    ASSERT_EQ(words.size(), 1u);  // the title stem (ZS) is a field term: not a lead word
    EXPECT_EQ(words[0].stem_term, "Ztreasuri");
    EXPECT_EQ(words[0].forms, (std::vector<std::string>{"treasuries", "treasury"}));
    EXPECT_TRUE(newsdex::detail::lead_words_of(db, Xapian::Query("Zgold"), stemmer).empty());  // no form indexed
}

TEST_F(LeadWords, OnlyAWordAmongTheBodysFirstWordsScoresAtTheWeightOfItsTerm) {
    using newsdex::detail::lead_scores;
    const auto words = newsdex::detail::lead_words_of(db, Xapian::Query("Ztreasuri"), stemmer);
    const std::vector<double> s = lead_scores(db, {4, 3, 2, 1}, words, 0.5);
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0], 0);  // no such word
    EXPECT_EQ(s[1], 0);  // in the headline and late in the body only
    EXPECT_EQ(s[2], 0);  // after the lead
    // Xapian's BM25 term weight at 0.5: 3 of 4 articles have the stem (odds softened below 2).
    const double odds = (4 - 3 + 0.5) / (3 + 0.5) * 0.5 + 1;
    EXPECT_NEAR(s[3], 0.5 * std::log(odds) * (newsdex::detail::bm25_k1 + 1), 1e-12);
    EXPECT_EQ(lead_scores(db, {1}, words, 0)[0], 0);
    EXPECT_TRUE(lead_scores(db, {}, words, 0.5).empty());
}

// Issue 13: a natural keyword query's words re-rank its top articles by their presence, not their frequency.
class KeywordCoordination : public ::testing::Test {
  protected:
    void SetUp() override {
        // 1: "palm" many times, nothing else; 2: palm, oil and malaysia once each; 3: oil only; 4: none.
        add({"Zpalm"}, 9);
        add({"Zpalm", "Zoil", "Zmalaysia"}, 1);
        add({"Zoil"}, 1);
        add({"Zgold"}, 1);
    }
    void add(const std::vector<std::string>& terms, Xapian::termcount wdf) {
        Xapian::Document doc;
        for (const std::string& t : terms) doc.add_term(t, wdf);
        db.add_document(doc);
    }
    /// Xapian's BM25 term weight (wqf 1, full saturation) of a term in @p articles of the 4.
    static double term_weight(double articles) {
        double odds = (4 - articles + 0.5) / (articles + 0.5);
        if (odds < 2) odds = odds * 0.5 + 1;
        return std::log(odds) * (newsdex::detail::bm25_k1 + 1);
    }
    Xapian::WritableDatabase db{"", Xapian::DB_BACKEND_INMEMORY};
};

TEST_F(KeywordCoordination, WordStemsAreTheQuerysZTermsOnceEachWithoutFields) {
    const std::vector<Xapian::Query> parts = {Xapian::Query("Zpalm"), Xapian::Query("ZSpalm"), Xapian::Query("Zoil"),
                                              Xapian::Query("Zpalm"), Xapian::Query("XPmalaysia"), Xapian::Query("palm")};
    const Xapian::Query q(Xapian::Query::OP_OR, parts.begin(), parts.end());
    EXPECT_EQ(newsdex::detail::word_stem_terms(q), (std::vector<std::string>{"Zoil", "Zpalm"}));  // Xapian's term order
}

TEST_F(KeywordCoordination, EachWordPresentAddsItsTermWeightWhateverItsFrequency) {
    using newsdex::detail::keyword_scores;
    const std::vector<std::string> stems = {"Zpalm", "Zoil", "Zmalaysia", "Zunheard"};
    const std::vector<double> s = keyword_scores(db, {4, 2, 1, 3}, stems, 0.5);
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0], 0);  // none of the words
    const double palm = 0.5 * term_weight(2), oil = 0.5 * term_weight(2), malaysia = 0.5 * term_weight(1);
    EXPECT_NEAR(s[1], palm + oil + malaysia, 1e-12);  // all three, once each
    EXPECT_NEAR(s[2], palm, 1e-12);                   // palm nine times counts as once
    EXPECT_NEAR(s[3], oil, 1e-12);
    EXPECT_GT(s[1], s[2]);  // the article with every word gains most
    EXPECT_EQ(keyword_scores(db, {1, 2}, stems, 0), (std::vector<double>{0, 0}));
    EXPECT_TRUE(keyword_scores(db, {}, stems, 0.5).empty());
}

}  // namespace
