// Searcher features of issue 4 on a small on-disk index: near-duplicate
// collapsing, --expand, --since/--until, sorting undated last, spelling,
// --explain and --like.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/searcher.hpp"
#include "articles.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;

const test::ArticleMaker article{"en", "", "Wire"};

const char* flood =
    "Torrential rain caused flash floods across the Valencia region on Tuesday night, sweeping cars through the "
    "streets and cutting power to thousands of homes. Emergency services said rescue teams were searching for "
    "people reported missing after rivers burst their banks. The regional government opened shelters in schools.";

class SearcherFeatures : public ::testing::Test {
  protected:
    void SetUp() override {
        IndexWriterOptions options;
        options.extract_entities = false;
        IndexWriter writer(dir.path() / "db", options);
        writer.upsert(article.on("2024-10-30")("afp", "Flash floods hit Valencia", flood));
        writer.upsert(article.on("2024-10-30T14:00:00Z")("copy", "Flash floods hit Valencia", flood));
        writer.upsert(article.on("2024-10-31")("update", "Valencia floods: toll climbs", std::string(flood) + " The army was deployed."));
        writer.upsert(article.on("2023-05-02")("other", "Elections in Valencia", "Voters in Valencia elect a new parliament in May."));
        writer.upsert(article.on("")("undated", "Flood defences in Valencia", "Engineers moved a river out of Valencia."));
        writer.commit();
        searcher = std::make_unique<Searcher>(std::vector<std::filesystem::path>{dir.path() / "db"});
    }
    std::vector<std::string> ids(const SearchRequest& request) {
        std::vector<std::string> out;
        for (const Hit& h : searcher->search(request).hits) out.push_back(h.article.id);
        return out;
    }
    SearchRequest request(std::string q) {
        SearchRequest r;
        r.query = std::move(q);
        r.snippets_per_hit = 0;
        return r;
    }
    test::TempDir dir;
    std::unique_ptr<Searcher> searcher;
};

TEST_F(SearcherFeatures, CollapsesNearDuplicatesWithACount) {
    SearchResults r = searcher->search(request("flash floods"));
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_TRUE(r.collapsed);
    EXPECT_EQ(r.hits[0].similar, 2u);
    EXPECT_EQ(r.hits[0].cluster, "afp");

    SearchRequest all = request("flash floods");
    all.collapse = false;
    EXPECT_EQ(searcher->search(all).hits.size(), 3u);

    SearchRequest expand = request("");
    expand.expand_id = "copy";
    expand.sort = SortOrder::date_ascending;
    EXPECT_EQ(ids(expand), (std::vector<std::string>{"afp", "copy", "update"}));
    expand.expand_id = "nope";
    EXPECT_THROW((void)searcher->search(expand), QueryError);
}

TEST_F(SearcherFeatures, SinceUntilAndUndatedLast) {
    SearchRequest r = request("valencia");
    r.collapse = false;
    r.since = "2024";
    r.sort = SortOrder::date_ascending;
    EXPECT_EQ(ids(r), (std::vector<std::string>{"afp", "copy", "update"}));
    r.since = "";
    r.until = "2024-10-30";
    EXPECT_EQ(ids(r), (std::vector<std::string>{"other", "afp", "copy"}));
    r.until = "";
    EXPECT_EQ(ids(r).back(), "undated");
    r.sort = SortOrder::date_descending;
    EXPECT_EQ(ids(r), (std::vector<std::string>{"update", "copy", "afp", "other", "undated"}));
    r.since = "2024-02-30";
    EXPECT_THROW((void)searcher->search(r), UsageError);
}

TEST_F(SearcherFeatures, SuggestsSpellingOnlyForUnknownWords) {
    SearchResults r = searcher->search(request("Valencia flods"));
    EXPECT_EQ(r.suggestion, "Valencia floods");
    EXPECT_TRUE(r.hits.empty());
    EXPECT_TRUE(searcher->search(request("Valencia floods")).suggestion.empty());
    SearchRequest fix = request("Valencia flods");
    fix.auto_correct = true;
    r = searcher->search(fix);
    EXPECT_TRUE(r.auto_corrected);
    EXPECT_FALSE(r.hits.empty());
}

TEST_F(SearcherFeatures, ExplainAddsUpToTheScore) {
    SearchRequest r = request("valencia \"flash floods\"");
    r.explain = true;
    SearchResults results = searcher->search(r);
    ASSERT_FALSE(results.hits.empty());
    const Hit& hit = results.hits[0];
    double sum = 0;
    bool phrase = false;
    for (const TermExplanation& e : hit.explain) {
        sum += e.weight;
        phrase = phrase || (e.kind == "phrase" && e.term == "flash floods");
    }
    EXPECT_TRUE(phrase);
    EXPECT_NEAR(sum, hit.score, 1e-9);
}

TEST_F(SearcherFeatures, NaturalModeMatchesAnyWordAndRanksByHowMany) {
    // In the query language every word must match: no article has all of these.
    EXPECT_EQ(ids(request("valencia floods parliament")).size(), 0u);
    SearchRequest r = request("Which floods hit \"Valencia (or AND)?");
    r.mode = QueryMode::natural;
    r.feedback = false;
    SearchResults results = searcher->search(r);
    EXPECT_EQ(results.mode, QueryMode::natural);
    EXPECT_FALSE(results.feedback);
    EXPECT_TRUE(results.feedback_terms.empty());
    ASSERT_GE(results.hits.size(), 3u);
    std::vector<std::string> found;
    for (const Hit& h : results.hits) found.push_back(h.article.id);
    // The election story matches one word of three: found, but last.
    EXPECT_EQ(found.back(), "other");
    EXPECT_EQ(results.parsed_query, "Query((Zflood@2 OR Zhit@3 OR Zvalencia@4))");
}

TEST_F(SearcherFeatures, FeedbackIsOnForNaturalQueriesAndExplained) {
    SearchRequest r = request("valencia flooding rescue");
    r.mode = QueryMode::natural;
    r.rerank_strength = 1.0;  // the mechanics at full strength (the prediction: RerankStrength... below)
    EXPECT_TRUE(uses_feedback(r));
    r.explain = true;
    SearchResults results = searcher->search(r);
    EXPECT_TRUE(results.feedback);
    ASSERT_FALSE(results.feedback_terms.empty());
    for (const auto& [term, weight] : results.feedback_terms) {
        EXPECT_EQ(term[0], 'Z') << term;
        EXPECT_NE(term, "Zvalencia");  // already asked for
        EXPECT_NE(term, "Zthe");       // a stopword
        EXPECT_GT(weight, 0);
        EXPECT_LE(weight, 0.5 + 1e-12);
    }
    ASSERT_FALSE(results.hits.empty());
    const Hit& hit = results.hits[0];
    double sum = 0;
    bool feedback = false;
    for (const TermExplanation& e : hit.explain) {
        sum += e.weight;
        feedback = feedback || e.kind == "feedback";
    }
    EXPECT_TRUE(feedback);
    EXPECT_NEAR(sum, hit.score, 1e-9);
}

TEST_F(SearcherFeatures, RerankStrengthZeroIsThePlainRankingAndThePredictionIsReported) {
    SearchRequest r = request("valencia flooding rescue");
    r.mode = QueryMode::natural;
    r.collapse = false;
    SearchRequest plain = r;
    plain.feedback = false;
    plain.regularise = false;
    SearchRequest zero = r;
    zero.rerank_strength = 0.0;
    const SearchResults a = searcher->search(plain), b = searcher->search(zero);
    EXPECT_TRUE(b.feedback_terms.empty());
    EXPECT_FALSE(b.regularised);
    EXPECT_DOUBLE_EQ(b.rerank_strength, 0.0);
    ASSERT_EQ(b.evidence.size(), 4u);
    ASSERT_EQ(a.hits.size(), b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
        EXPECT_EQ(a.hits[i].article.id, b.hits[i].article.id);
        EXPECT_NEAR(a.hits[i].score, b.hits[i].score, 1e-9);
    }
    // Predicted: within 0-1, with the predictors it came from.
    const SearchResults c = searcher->search(r);
    EXPECT_GE(c.rerank_strength, 0.0);
    EXPECT_LE(c.rerank_strength, 1.0);
    EXPECT_EQ(c.evidence.size(), 4u);
    EXPECT_EQ(c.evidence[3].first, "coherence");
}

TEST_F(SearcherFeatures, RegularisationIsOnForNaturalQueriesAndExplained) {
    SearchRequest r = request("valencia flooding rescue");
    r.mode = QueryMode::natural;
    r.collapse = false;
    r.rerank_strength = 1.0;
    EXPECT_TRUE(newsdex::uses_regularisation(r));
    r.explain = true;
    SearchResults results = searcher->search(r);
    EXPECT_TRUE(results.regularised);
    ASSERT_GE(results.hits.size(), 3u);
    for (const Hit& hit : results.hits) {
        double sum = 0;
        int neighbours = 0;
        for (const TermExplanation& e : hit.explain) {
            sum += e.weight;
            neighbours += e.kind == "neighbours";
        }
        EXPECT_EQ(neighbours, 1) << hit.article.id;
        EXPECT_NEAR(sum, hit.score, 1e-9) << hit.article.id;
    }
    for (std::size_t i = 1; i < results.hits.size(); ++i) EXPECT_GE(results.hits[i - 1].score, results.hits[i].score);

    // Off: the same articles, no neighbours row, relevance scores only.
    r.regularise = false;
    SearchResults plain = searcher->search(r);
    EXPECT_FALSE(plain.regularised);
    ASSERT_EQ(plain.hits.size(), results.hits.size());
    for (const Hit& hit : plain.hits) {
        for (const TermExplanation& e : hit.explain) EXPECT_NE(e.kind, "neighbours");
    }
    // Off by default in the query language, and never with a date order.
    EXPECT_FALSE(newsdex::uses_regularisation(request("valencia")));
    EXPECT_FALSE(searcher->search(request("valencia")).regularised);
    r.regularise = true;
    r.sort = newsdex::SortOrder::date_descending;
    EXPECT_FALSE(searcher->search(r).regularised);
}

TEST_F(SearcherFeatures, ALongLivedSearcherRanksAsAFreshOne) {
    // Later searches read stems from caches and a dictionary the first did not have.
    SearchRequest r = request("valencia flooding rescue army");
    r.mode = QueryMode::natural;
    r.collapse = false;
    SearchResults first = searcher->search(r);
    for (int again = 0; again < 3; ++again) {
        SearchResults later = searcher->search(r);
        ASSERT_EQ(later.hits.size(), first.hits.size());
        for (std::size_t i = 0; i < first.hits.size(); ++i) {
            EXPECT_EQ(later.hits[i].article.id, first.hits[i].article.id);
            EXPECT_DOUBLE_EQ(later.hits[i].score, first.hits[i].score);
        }
        EXPECT_EQ(later.feedback_terms, first.feedback_terms);
    }
}

TEST_F(SearcherFeatures, RegularisedPagesAddUpToTheWholeRanking) {
    SearchRequest r = request("valencia floods army voters engineers");
    r.mode = QueryMode::natural;
    r.collapse = false;
    std::vector<std::string> whole = ids(r);
    ASSERT_EQ(whole.size(), 5u);
    std::vector<std::string> paged;
    r.limit = 2;
    for (std::size_t offset = 0; offset < 6; offset += 2) {
        r.offset = offset;
        SearchResults page = searcher->search(r);
        for (const Hit& h : page.hits) {
            EXPECT_EQ(h.rank, paged.size() + 1);
            paged.push_back(h.article.id);
        }
    }
    EXPECT_EQ(paged, whole);
}

// Issue 13: a natural query's words as spelt re-rank its top articles, also without regularisation.
TEST_F(SearcherFeatures, ExactFormsRerankTheTopAndPagesStillAddUp) {
    SearchRequest r = request("flood valencia");
    r.mode = QueryMode::natural;
    r.feedback = false;
    r.regularise = false;
    r.collapse = false;
    r.explain = true;
    SearchResults results = searcher->search(r);
    ASSERT_EQ(results.hits.size(), 5u);
    for (const Hit& h : results.hits) {
        SCOPED_TRACE(h.article.id);
        bool flood = false, valencia = false;
        double sum = 0;
        for (const TermExplanation& e : h.explain) {
            sum += e.weight;
            if (e.kind != "exact") continue;
            EXPECT_GT(e.weight, 0);
            EXPECT_GT(e.wdf, 0u);
            flood = flood || e.term == "flood";
            valencia = valencia || e.term == "valencia";
        }
        // Only the undated article spells "flood" (the others say "floods"); all spell "valencia".
        EXPECT_EQ(flood, h.article.id == "undated");
        EXPECT_TRUE(valencia);
        EXPECT_NEAR(sum, h.score, 1e-9 * h.score);
    }
    r.explain = false;
    std::vector<std::string> whole = ids(r);
    std::vector<std::string> paged;
    r.limit = 1;
    for (r.offset = 0; r.offset < 5; ++r.offset) {
        for (const Hit& h : searcher->search(r).hits) paged.push_back(h.article.id);
    }
    EXPECT_EQ(paged, whole);
}

TEST_F(SearcherFeatures, FeedbackRoundsOneToThree) {
    SearchRequest r = request("valencia flooding rescue");
    r.mode = QueryMode::natural;
    r.feedback_rounds = 2;
    SearchResults two = searcher->search(r);
    EXPECT_TRUE(two.feedback);
    EXPECT_FALSE(two.hits.empty());
    for (unsigned rounds : {0u, 4u}) {
        r.feedback_rounds = rounds;
        try {
            (void)searcher->search(r);
            FAIL() << "no UsageError for " << rounds << " rounds";
        } catch (const newsdex::UsageError& e) {
            EXPECT_EQ(std::string(e.what()), "feedback rounds must be between 1 and 3, not " + std::to_string(rounds));
        }
    }
}

TEST_F(SearcherFeatures, FeedbackIsOffForTheQueryLanguageAndNeverWidensIt) {
    SearchRequest r = request("valencia parliament");
    EXPECT_FALSE(uses_feedback(r));
    EXPECT_FALSE(searcher->search(r).feedback);
    r.feedback = true;
    SearchResults results = searcher->search(r);
    EXPECT_TRUE(results.feedback);
    // Feedback terms only re-rank what the query matches.
    ASSERT_EQ(results.hits.size(), 1u);
    EXPECT_EQ(results.hits[0].article.id, "other");
}

TEST_F(SearcherFeatures, LikeLeavesOutTheArticleAndItsCopies) {
    SearchRequest r = request("");
    r.like_id = "afp";
    for (const std::string& id : ids(r)) {
        EXPECT_NE(id, "afp");
        EXPECT_NE(id, "copy");
        EXPECT_NE(id, "update");
    }
}

TEST_F(SearcherFeatures, CountIsExact) {
    SearchRequest r = request("valencia");
    r.exact_count = true;
    r.limit = 0;
    r.collapse = false;
    SearchResults results = searcher->search(r);
    EXPECT_TRUE(results.exact);
    EXPECT_EQ(results.total_estimate, 5u);
}

TEST_F(SearcherFeatures, ExportHandsOverEveryMatchWholeWhateverTheLimit) {
    std::vector<Article> got;
    auto collect = [&](const Article& a) { got.push_back(a); };
    SearchRequest r = request("valencia");
    r.limit = 1;  // a page of one: the export ignores it, and collapsing
    EXPECT_EQ(searcher->export_matches(r, collect), 5u);
    ASSERT_EQ(got.size(), 5u);
    std::vector<std::string> ids;
    for (const Article& a : got) ids.push_back(a.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"afp", "copy", "update", "other", "undated"}));  // index order
    EXPECT_EQ(got[0].body, flood);  // whole, with the body
    EXPECT_EQ(got[0].date, "2024-10-30");
    EXPECT_EQ(got[0].source, "Wire");

    got.clear();
    r.since = "2024-10-31";
    EXPECT_EQ(searcher->export_matches(r, collect), 1u);
    EXPECT_EQ(got.at(0).id, "update");

    got.clear();
    EXPECT_EQ(searcher->export_matches(request(""), collect), 5u);  // no query: every article
    got.clear();
    EXPECT_EQ(searcher->export_matches(request("army"), collect), 1u);
    EXPECT_EQ(searcher->export_matches(request("nothingmatchesthis"), collect), 0u);
    EXPECT_THROW((void)searcher->export_matches(request("valencia AND"), collect), QueryError);
}

/// Many matches in many stories: a ranked pass that counts no further than
/// its page sees few of the collapsed versions, so "+N similar", totals and
/// facets must come from the counting pass (search_stages.hpp,
/// counts_every_match()).
class SearcherCounts : public ::testing::Test {
  protected:
    void SetUp() override {
        IndexWriterOptions options;
        options.extract_entities = false;
        IndexWriter writer(dir.path() / "db", options);
        // 60 stories of 1-6 versions (a word changed per copy) and 120 lone
        // articles, all about markets; scores differ by how often they say it.
        unsigned seed = 7;
        auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
        const char* words[] = {"grain", "copper", "bonds", "shares", "coffee", "sugar", "cocoa", "steel",
                               "wheat", "tin", "rubber", "zinc", "oil", "gold", "silver", "cotton"};
        auto text = [&](unsigned n) {
            std::string t;
            for (unsigned i = 0; i < n; ++i) t += std::string(words[next() % 16]) + " trader" + std::to_string(next() % 500) + " ";
            return t;
        };
        for (unsigned story = 0; story < 60; ++story) {
            const std::string body = text(40) + std::string(1 + story % 4, ' ') + "market " + text(40);
            const std::string year = std::to_string(1987 + story % 3);
            for (unsigned copy = 0; copy <= story % 6; ++copy) {
                const std::string id = "s" + std::to_string(story) + "-" + std::to_string(copy);
                Article a = article.on(year + "-0" + std::to_string(1 + copy % 9) + "-01")(
                    id, "Markets report " + std::to_string(story), body + (copy > 0 ? "update" + std::to_string(copy) : ""));
                a.source = copy % 2 ? "AFP" : "Reuters";
                writer.upsert(a);
            }
        }
        for (unsigned lone = 0; lone < 120; ++lone) {
            std::string body = text(30) + " market " + (lone % 3 == 0 ? "market " : "") + text(30);
            writer.upsert(article.on("1988-06-0" + std::to_string(1 + lone % 9))("l" + std::to_string(lone),
                                                                             "Lone " + std::to_string(lone), body));
        }
        writer.commit();
        searcher = std::make_unique<Searcher>(std::vector<std::filesystem::path>{dir.path() / "db"});
    }
    /// Matching versions of @p id's story, counted through --expand.
    std::size_t versions(const std::string& query, const std::string& id) {
        SearchRequest r;
        r.query = query;
        r.expand_id = id;
        r.exact_count = true;
        r.limit = 0;
        return searcher->search(r).total_estimate;
    }
    static std::vector<std::string> flat(const SearchResults& r) {
        std::vector<std::string> out;
        for (const auto& [facet, values] : r.facets) {
            for (const FacetValue& v : values) out.push_back(facet + ":" + v.value + "=" + std::to_string(v.count));
        }
        return out;
    }
    test::TempDir dir;
    std::unique_ptr<Searcher> searcher;
};

TEST_F(SearcherCounts, FacetedSearchesCountEveryVersionAndTotalsAsAnUncutPass) {
    for (QueryMode mode : {QueryMode::boolean, QueryMode::natural}) {
        for (std::size_t offset : {0u, 10u}) {
            SCOPED_TRACE(std::string(mode == QueryMode::natural ? "natural" : "query language") + ", offset " +
                         std::to_string(offset));
            SearchRequest r;
            r.query = "market";
            r.mode = mode;
            r.offset = offset;
            r.snippets_per_hit = 0;
            r.facets = {"source", "year"};
            // A time limit keeps the ranked pass counting (count_at_least
            // matches, more than there are here): the reference figures.
            SearchRequest reference = r;
            reference.timeout_seconds = 600;
            const SearchResults expected = searcher->search(reference);
            std::size_t stories = 0;
            for (const Hit& h : expected.hits) stories += h.similar > 0 ? 1 : 0;
            EXPECT_GT(stories, 3u);  // the page has stories with versions to count
            // The first search counts without the facet cache, the second builds it, the third uses it again.
            for (int pass = 0; pass < 3; ++pass) {
                SCOPED_TRACE("search " + std::to_string(pass + 1));
                const SearchResults got = searcher->search(r);
                EXPECT_TRUE(got.exact);
                EXPECT_EQ(got.total_estimate, expected.total_estimate);
                EXPECT_EQ(got.total_estimate, 180u);  // 60 stories + 120 lone articles
                EXPECT_EQ(flat(got), flat(expected));
                ASSERT_EQ(got.hits.size(), expected.hits.size());
                for (std::size_t i = 0; i < got.hits.size(); ++i) {
                    const Hit& h = got.hits[i];
                    SCOPED_TRACE(h.article.id);
                    EXPECT_EQ(h.article.id, expected.hits[i].article.id);
                    EXPECT_EQ(h.similar, expected.hits[i].similar);
                    EXPECT_EQ(h.similar + 1, versions("market", h.article.id));
                }
            }
            // --count alone: the same total, without the cache.
            SearchRequest count = r;
            count.facets.clear();
            count.exact_count = true;
            const SearchResults counted = searcher->search(count);
            EXPECT_EQ(counted.total_estimate, 180u);
            for (const Hit& h : counted.hits) EXPECT_EQ(h.similar + 1, versions("market", h.article.id)) << h.article.id;
        }
    }
}

}  // namespace
