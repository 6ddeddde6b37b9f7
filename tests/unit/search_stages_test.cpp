// The stages of one search (search_stages.hpp), each on its own: plan the
// query, rank, count and facet, assemble hits; and the parts they call
// (snippet weighting, spelling, explanations).
#include "search_stages.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "explain.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/schema.hpp"
#include "spelling.hpp"
#include "stored_article.hpp"
#include "temp_dir.hpp"
#include "term_matcher.hpp"

namespace {

using namespace newsdex;
using namespace newsdex::detail;

Article article(std::string id, std::string title, std::string body, std::string date) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = std::move(date);
    a.lang = "en";
    a.source = "Wire";
    return a;
}

const char* flood =
    "Torrential rain caused flash floods across the Valencia region on Tuesday night, sweeping cars through the "
    "streets. Emergency services said rescue teams were searching for people reported missing.";

class SearchStages : public ::testing::Test {
  protected:
    void SetUp() override {
        IndexWriterOptions options;
        options.extract_entities = false;
        IndexWriter writer(dir.path() / "db", options);
        writer.upsert(article("afp", "Flash floods hit Valencia", flood, "2024-10-30"));
        writer.upsert(article("copy", "Flash floods hit Valencia", flood, "2024-10-30T14:00:00Z"));
        writer.upsert(article("update", "Valencia floods: toll climbs", std::string(flood) + " The army was deployed.",
                              "2024-10-31"));
        writer.upsert(article("vote", "Elections in Valencia", "Voters in Valencia elect a new parliament.", "2023-05-02"));
        writer.upsert(article("region", "Valencia region", "The Valencia region grows oranges; a flood region too.", ""));
        writer.commit();
        db = Xapian::Database((dir.path() / "db").string());
        analyzer = std::make_unique<Analyzer>(
            AnalyzerSettings::unserialise(db.get_metadata(std::string(schema::meta_analyzer))));
    }

    SearchContext context() {
        return SearchContext{db, *analyzer, true,
                             [this]() -> StemReader& {
                                 ++stem_reads;
                                 if (!stems) stems = std::make_unique<StemReader>(db);
                                 stems->begin_query();
                                 return *stems;
                             },
                             [this]() -> const FacetCache* {
                                 ++facet_cache_asks;
                                 return nullptr;
                             },
                             [this] { return sampled_story_share(db); }};
    }
    static SearchRequest request(std::string q) {
        SearchRequest r;
        r.query = std::move(q);
        return r;
    }
    static std::string id_of(const RankedHit& hit) { return read_article(hit.it.get_document(), false).id; }

    test::TempDir dir;
    Xapian::Database db;
    std::unique_ptr<Analyzer> analyzer;
    std::unique_ptr<StemReader> stems;
    int stem_reads = 0;
    int facet_cache_asks = 0;
};

TEST_F(SearchStages, PlanAddsFiltersAroundTheUsersQuery) {
    SearchResults results;
    SearchRequest r = request("valencia");
    r.since = "2024";
    QueryPlan plan = plan_query(context(), r, results);
    EXPECT_TRUE(plan.has_text);
    EXPECT_EQ(plan.parsed.query.get_description(), "Query(Zvalencia@1)");
    EXPECT_NE(results.parsed_query.find("FILTER"), std::string::npos) << results.parsed_query;
    EXPECT_NE(results.parsed_query.find("VALUE_GE"), std::string::npos) << results.parsed_query;
    EXPECT_FALSE(results.feedback);  // the query language: no feedback unless asked
    EXPECT_EQ(stem_reads, 0);
    EXPECT_EQ(plan.recency, nullptr);
}

TEST_F(SearchStages, PlanReadsStemsOnlyForFeedback) {
    SearchResults results;
    SearchRequest r = request("valencia floods");
    r.mode = QueryMode::natural;
    QueryPlan plan = plan_query(context(), r, results);
    EXPECT_TRUE(results.feedback);
    EXPECT_EQ(results.mode, QueryMode::natural);
    EXPECT_EQ(stem_reads, 1);
}

TEST_F(SearchStages, PlanOffersAndAppliesSpelling) {
    SearchResults offered;
    (void)plan_query(context(), request("Valencia flods"), offered);
    EXPECT_EQ(offered.suggestion, "Valencia floods");
    EXPECT_FALSE(offered.auto_corrected);
    SearchResults applied;
    SearchRequest r = request("Valencia flods");
    r.auto_correct = true;
    QueryPlan plan = plan_query(context(), r, applied);
    EXPECT_TRUE(applied.auto_corrected);
    EXPECT_NE(plan.parsed.query.get_description().find("flood"), std::string::npos);
    EXPECT_EQ(suggest_spelling(db, *analyzer, "valencia floods"), "");  // nothing to correct
}

TEST_F(SearchStages, PlanRefusesWhatCannotRun) {
    SearchResults results;
    EXPECT_THROW((void)plan_query(context(), request("  "), results), UsageError);
    SearchRequest like = request("");
    like.like_id = "nobody";
    try {
        (void)plan_query(context(), like, results);
        FAIL() << "no QueryError";
    } catch (const QueryError& e) {
        EXPECT_STREQ(e.what(), "like: no article with id \"nobody\"");
    }
    SearchRequest rounds = request("valencia");
    rounds.feedback = true;
    rounds.feedback_rounds = 0;
    EXPECT_THROW((void)plan_query(context(), rounds, results), UsageError);
}

TEST_F(SearchStages, RankCutsThePageAndCollapsesStories) {
    SearchResults results;
    SearchRequest r = request("valencia");
    r.sort = SortOrder::date_ascending;
    r.limit = 2;
    r.offset = 1;
    QueryPlan plan = plan_query(context(), r, results);
    Ranking ranking = rank(context(), r, plan, results);
    EXPECT_TRUE(results.collapsed);
    EXPECT_FALSE(results.regularised);
    ASSERT_EQ(ranking.page.size(), 2u);
    // Oldest first, one per story: vote (2023), the flood story (afp, copy
    // and update), the undated last; the page is the second and third.
    const std::string second = id_of(ranking.page[0]);
    EXPECT_TRUE(second == "afp" || second == "copy" || second == "update") << second;
    EXPECT_EQ(id_of(ranking.page[1]), "region");
    EXPECT_EQ(stem_reads, 0);
}

TEST_F(SearchStages, RankRegularisesOnlyRelevanceOrder) {
    SearchResults results;
    SearchRequest r = request("valencia floods");
    r.regularise = true;
    r.rerank_strength = 1.0;
    QueryPlan plan = plan_query(context(), r, results);
    Ranking ranking = rank(context(), r, plan, results);
    EXPECT_TRUE(results.regularised);
    ASSERT_FALSE(ranking.page.empty());
    EXPECT_TRUE(ranking.page.front().regularised.has_value());
    for (std::size_t i = 1; i < ranking.page.size(); ++i) EXPECT_GE(ranking.page[i - 1].score, ranking.page[i].score);
    EXPECT_EQ(stem_reads, 1);
}

TEST_F(SearchStages, CountAndFacetCountEveryMatchExactly) {
    SearchRequest r = request("valencia");
    r.facets = {"year", "source"};
    SearchResults results;
    QueryPlan plan = plan_query(context(), r, results);
    Ranking ranking = rank(context(), r, plan, results);
    count_and_facet(context(), r, plan.query, ranking, results);
    EXPECT_TRUE(results.exact);
    EXPECT_EQ(results.total_estimate, 3u);  // five articles, three stories (afp, copy, update are one)
    EXPECT_EQ(facet_cache_asks, 1);
    ASSERT_EQ(results.facets["year"].size(), 2u);
    EXPECT_EQ(results.facets["year"][0].value, "2023");
    EXPECT_EQ(results.facets["year"][1].count, 3u);  // articles, not stories
    EXPECT_EQ(results.facets["source"][0].count, 5u);
    // Without facets or an exact count, no second pass and no cache.
    SearchResults estimated;
    SearchRequest plain = request("valencia");
    QueryPlan again = plan_query(context(), plain, estimated);
    Ranking plain_ranking = rank(context(), plain, again, estimated);
    count_and_facet(context(), plain, again.query, plain_ranking, estimated);
    EXPECT_TRUE(estimated.facets.empty());
    EXPECT_EQ(facet_cache_asks, 1);
}

TEST_F(SearchStages, AssembleHitsNumbersHighlightsAndExplains) {
    SearchRequest r = request("flash floods");
    r.offset = 1;
    r.explain = true;
    r.collapse = false;
    SearchResults results;
    QueryPlan plan = plan_query(context(), r, results);
    Ranking ranking = rank(context(), r, plan, results);
    assemble_hits(context(), r, plan, ranking, results);
    ASSERT_EQ(results.hits.size(), ranking.page.size());
    ASSERT_FALSE(results.hits.empty());
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
        const Hit& hit = results.hits[i];
        SCOPED_TRACE(hit.article.id);
        EXPECT_EQ(hit.rank, r.offset + i + 1);
        EXPECT_TRUE(hit.article.body.empty());  // snippets, not the text
        EXPECT_FALSE(hit.snippets.empty());
        EXPECT_FALSE(hit.title_highlights.empty());
        double sum = 0;
        for (const TermExplanation& e : hit.explain) sum += e.weight;
        EXPECT_NEAR(sum, hit.score, 1e-6 * hit.score);
    }
}

TEST_F(SearchStages, TermMatcherMarksPhraseWordsOnlyInThePhrase) {
    SearchResults results;
    SearchRequest r = request("\"valencia region\"");
    QueryPlan plan = plan_query(context(), r, results);
    Ranking ranking = rank(context(), r, plan, results);
    TermMatcher matcher(ranking.mset, plan.parsed.query, *analyzer, plan.parsed.language, {});
    std::vector<Token> tokens = analyzer->tokenize("The Valencia region grows oranges; a flood region too.");
    std::vector<double> weights = matcher.weigh(tokens, false);
    ASSERT_EQ(tokens.size(), weights.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        SCOPED_TRACE(tokens[i].term + " at " + std::to_string(i));
        EXPECT_EQ(weights[i] > 0, i == 1 || i == 2);  // "Valencia region", not the lone second "region"
    }
}

TEST_F(SearchStages, NaturalQueriesExplainTheirExactFormsAndStillAddUp) {
    SearchRequest r = request("flash floods in Valencia");
    r.mode = QueryMode::natural;
    r.explain = true;
    r.collapse = false;
    SearchResults results;
    QueryPlan plan = plan_query(context(), r, results);
    ASSERT_EQ(plan.exact_words.size(), 3u);  // flash, floods, valencia ("in" is a stopword)
    // Three words: a keyword query, whose words also count by their presence.
    EXPECT_EQ(plan.keyword_stems.size(), 3u);
    Ranking ranking = rank(context(), r, plan, results);
    assemble_hits(context(), r, plan, ranking, results);
    ASSERT_FALSE(results.hits.empty());
    bool exact_rows = false, keyword_rows = false;
    for (const Hit& hit : results.hits) {
        SCOPED_TRACE(hit.article.id);
        double sum = 0;
        for (const TermExplanation& e : hit.explain) {
            sum += e.weight;
            if (e.kind == "exact") {
                exact_rows = true;
                EXPECT_GT(e.weight, 0);
                EXPECT_NE(e.term[0], 'Z');  // the word as spelt, not its stem
            }
            if (e.kind == "keywords") {
                keyword_rows = true;
                EXPECT_GT(e.weight, 0);
            }
        }
        EXPECT_NEAR(sum, hit.score, 1e-6 * hit.score);
    }
    EXPECT_TRUE(exact_rows);
    EXPECT_TRUE(keyword_rows);
    // Four words are more than a keyword list (ranking.hpp's keyword_max_words): no presence bonus.
    SearchRequest longer = request("flash floods hit Valencia region");
    longer.mode = QueryMode::natural;
    SearchResults more;
    EXPECT_TRUE(plan_query(context(), longer, more).keyword_stems.empty());
}

TEST_F(SearchStages, ExplainRowsAddUpToTheScore) {
    SearchResults results;
    SearchRequest r = request("valencia AND floods");
    QueryPlan plan = plan_query(context(), r, results);
    Ranking ranking = rank(context(), r, plan, results);
    ASSERT_FALSE(ranking.page.empty());
    TermMatcher matcher(ranking.mset, plan.parsed.query, *analyzer, plan.parsed.language, {});
    ExplainContext explain{db, *analyzer, ranking.enquire, matcher, nullptr, results.feedback_terms, plan.parsed.branches};
    for (const RankedHit& hit : ranking.page) {
        const Article article = read_article(hit.it.get_document(), true);
        SCOPED_TRACE(article.id);
        std::vector<TermExplanation> rows = explain_hit(explain, hit.it, article);
        double sum = 0;
        for (const TermExplanation& e : rows) {
            EXPECT_TRUE(e.kind == "word" || e.kind == "stem") << e.kind;
            EXPECT_GT(e.weight, 0);
            sum += e.weight;
        }
        // Xapian's rows, plus the lead words' bonus added after the ranked pass (make_hit() shows it as a row).
        EXPECT_NEAR(sum + hit.lead, hit.score, 1e-6 * hit.score);
        for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_GE(rows[i - 1].weight, rows[i].weight);
    }
}

}  // namespace

// Xapian cuts a collapsed estimate to a power of ten below its upper bound
// ("About 2000" here, for 2,700 stories); the story share sampled from the
// index puts it within a few percent.
TEST(SearchStagesEstimates, CollapsedEstimateFollowsTheStoryShare) {
    test::TempDir dir;
    IndexWriterOptions options;
    options.extract_entities = false;
    IndexWriter writer(dir.path() / "db", options);
    const unsigned stories = 2700, copied = 300;
    std::mt19937 random(7);  // stories of random words, far from near-duplicates of each other
    std::uniform_int_distribution<unsigned> word(0, 5000);
    for (unsigned i = 0; i < stories; ++i) {
        const std::string n = std::to_string(i);
        std::string body = "Harbour";
        for (unsigned w = 0; w < 20 + i % 40; ++w) body += " w" + std::to_string(word(random));  // BM25 weights differ
        writer.upsert(article("s" + n, "Harbour report " + n, body, ""));
        if (i % (stories / copied) == 0) writer.upsert(article("c" + n, "Harbour report " + n, body, ""));
    }
    writer.commit();
    const Xapian::Database db((dir.path() / "db").string());
    ASSERT_EQ(db.get_doccount(), stories + copied);
    EXPECT_NEAR(sampled_story_share(db), double(stories) / (stories + copied), 0.03);
    EXPECT_DOUBLE_EQ(sampled_story_share(db, 100000), double(stories) / (stories + copied));

    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("harbour"));
    enquire.set_collapse_key(schema::slot_cluster);
    const Xapian::MSet mset = enquire.get_mset(0, 10, count_at_least);
    ASSERT_LT(mset.get_matches_lower_bound(), mset.get_matches_upper_bound());
    const Xapian::doccount estimate = collapsed_estimate(mset, sampled_story_share(db));
    EXPECT_NEAR(double(estimate), double(stories), 0.05 * stories);
    // Xapian 1.4.22 says 2000 of [1043, 2884] here.
    EXPECT_LT(std::abs(double(estimate) - stories), std::abs(double(mset.get_matches_estimated()) - stories));
    EXPECT_GE(estimate, mset.get_matches_lower_bound());
    EXPECT_LE(estimate, mset.get_matches_upper_bound());
    // The estimate a reader sees: two significant figures.
    EXPECT_EQ(estimate % 100, 0u);
}
