// Related entities (issue 3): the people, places and organisations that
// distinguish a query's top results from the collection, not just the most
// frequent ones.
#include <gtest/gtest.h>

#include <algorithm>

#include "newsdex/index_writer.hpp"
#include "newsdex/searcher.hpp"
#include "articles.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;

const test::ArticleMaker article;

/// Donald Trump is in every article about politics (12 of 18); Nancy Pelosi
/// only in two of the three about impeachment; Justin Trudeau in one article.
class RelatedEntities : public ::testing::Test {
  protected:
    void SetUp() override {
        IndexWriterOptions options;
        options.detect_duplicates = false;  // every article counts on its own
        IndexWriter writer(dir.path() / "db", options);
        writer.upsert(article("imp1", "House opens impeachment inquiry",
                              "House Speaker Nancy Pelosi announced a formal impeachment inquiry into President "
                              "Donald Trump on Tuesday. Nancy Pelosi said no one is above the law."));
        writer.upsert(article("imp2", "Impeachment vote scheduled",
                              "Nancy Pelosi told reporters the impeachment vote against President Donald Trump "
                              "would take place next week. Pelosi spoke after a long meeting."));
        writer.upsert(article("imp3", "Senate prepares for impeachment trial",
                              "Senators prepared for the impeachment trial of President Donald Trump, which is "
                              "expected to start in January."));
        const char* topics[][2] = {
            {"Trump announces steel tariffs", "new tariffs on steel imports from Canada, angering Justin Trudeau"},
            {"Trump visits a car factory", "a visit to a car factory where he praised the workers"},
            {"Trump speaks on immigration", "a speech on immigration and border security at a rally"},
            {"Trump signs a tax bill", "the signing of a tax bill that cuts rates for companies"},
            {"Trump meets farmers", "a meeting with farmers worried about falling soybean prices"},
            {"Trump holds a rally", "a rally where thousands of supporters filled the arena"},
            {"Trump plays golf", "a weekend of golf at his club while aides worked on a budget"},
            {"Trump praises the economy", "remarks praising the economy and record stock prices"},
            {"Trump names an ambassador", "the nomination of a new ambassador to the United Nations"},
        };
        int n = 0;
        for (const auto& [title, what] : topics) {
            writer.upsert(article("bg" + std::to_string(++n), title,
                                  std::string("President Donald Trump was in the news again with ") + what +
                                      ". President Donald Trump said it went well."));
        }
        // Articles without entities, so that the twelve above are not the whole collection.
        const char* weather[] = {"rain", "snow", "fog", "wind", "hail", "heat"};
        for (const char* w : weather) {
            writer.upsert(article(std::string("weather-") + w, std::string("Forecast: ") + w,
                                  std::string("Forecasters expect ") + w + " across the region over the weekend."));
        }
        writer.commit();
        searcher = std::make_unique<Searcher>(std::vector<std::filesystem::path>{dir.path() / "db"});
    }

    SearchResults related(const std::string& query, std::size_t n = 5) {
        SearchRequest r;
        r.query = query;
        r.snippets_per_hit = 0;
        r.related = n;
        return searcher->search(r);
    }

    static std::vector<std::string> names(const SearchResults& r, const std::string& type) {
        std::vector<std::string> out;
        for (const RelatedEntity& e : r.related.at(type)) out.push_back(e.value);
        return out;
    }

    static const RelatedEntity* find(const SearchResults& r, const std::string& type, const std::string& value) {
        for (const RelatedEntity& e : r.related.at(type)) {
            if (e.value == value) return &e;
        }
        return nullptr;
    }

    test::TempDir dir;
    std::unique_ptr<Searcher> searcher;
};

TEST_F(RelatedEntities, RanksTheDistinctiveEntityAboveTheUbiquitousOne) {
    SearchResults r = related("impeachment");
    EXPECT_EQ(r.related_sample, 3u);
    ASSERT_EQ(r.related.size(), 3u);  // person, place, org: always all three
    const RelatedEntity* pelosi = find(r, "person", "Nancy Pelosi");
    ASSERT_NE(pelosi, nullptr);
    EXPECT_EQ(pelosi->count, 2u);
    EXPECT_GT(pelosi->score, 0.0);
    EXPECT_EQ(names(r, "person").front(), "Nancy Pelosi");
    // Trump is in more of the results (3 of 3) but also in 12 of the 18 articles.
    const RelatedEntity* trump = find(r, "person", "Donald Trump");
    ASSERT_NE(trump, nullptr);
    EXPECT_EQ(trump->count, 3u);
    EXPECT_LT(trump->score, pelosi->score);
    EXPECT_EQ(names(r, "person"), (std::vector<std::string>{"Nancy Pelosi", "Donald Trump"}));
}

TEST_F(RelatedEntities, LeavesOutWhatTheQueryNames) {
    // A filter on the entity.
    SearchResults filtered = related("impeachment person:\"nancy pelosi\"");
    EXPECT_EQ(filtered.related_sample, 2u);
    EXPECT_EQ(find(filtered, "person", "Nancy Pelosi"), nullptr);
    // A word of the entity's name.
    SearchResults named = related("Pelosi impeachment");
    EXPECT_EQ(find(named, "person", "Nancy Pelosi"), nullptr);
}

TEST_F(RelatedEntities, DropsSingleArticleEntitiesOnlyFromALargeSet) {
    // 3 results: one article is evidence enough.
    ASSERT_NE(find(related("tariffs OR impeachment"), "person", "Justin Trudeau"), nullptr);
    // All 12 articles on Trump: an entity of one of them is noise.
    SearchResults all = related("president");
    EXPECT_EQ(all.related_sample, 12u);
    EXPECT_EQ(find(all, "person", "Justin Trudeau"), nullptr);
    EXPECT_NE(find(all, "person", "Nancy Pelosi"), nullptr);
}

TEST_F(RelatedEntities, KeepsAtMostNPerTypeAndIsOffByDefault) {
    EXPECT_LE(related("president", 1).related.at("person").size(), 1u);
    SearchRequest plain;
    plain.query = "impeachment";
    SearchResults r = searcher->search(plain);
    EXPECT_TRUE(r.related.empty());
    EXPECT_EQ(r.related_sample, 0u);
}

}  // namespace
