// IndexWriter::remove (issue 18): deleting articles keeps counts, story
// clusters, spellings and facets right, also for a searcher that stays open.
#include <gtest/gtest.h>

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "articles.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/searcher.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;

const test::ArticleMaker article{"en", "2024-10-30", "Wire"};

const std::string floods =
    "Torrential rain caused flash floods across the Valencia region on Tuesday night, sweeping cars through "
    "the streets of Paiporta and cutting power to thousands of homes. Emergency services said rescue teams "
    "were searching for people reported missing after rivers burst their banks.";

IndexWriterOptions quiet_options() {
    IndexWriterOptions options;
    options.extract_entities = false;
    return options;
}

std::vector<std::string> ids(const SearchResults& results) {
    std::vector<std::string> out;
    for (const Hit& hit : results.hits) out.push_back(hit.article.id + "+" + std::to_string(hit.similar));
    return out;
}

/// How often the spelling table of the index at @p path counts @p word (0 if not at all).
Xapian::doccount spelling_count(const std::filesystem::path& path, const std::string& word) {
    Xapian::Database db(path.string());
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
        if (*it == word) return it.get_termfreq();
    }
    return 0;
}

SearchRequest query(const std::string& text) {
    SearchRequest request;
    request.query = text;
    request.facets = {"source"};
    return request;
}

TEST(Remove, DeletesByIdAndCountsUnknownIds) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "db", quiet_options());
    writer.upsert(article("a", "Alpha", "first story"));
    writer.upsert(article("b", "Beta", "second story"));
    writer.commit();
    EXPECT_TRUE(writer.remove("b"));
    EXPECT_FALSE(writer.remove("b"));  // deleting twice: the second is "not found"
    EXPECT_FALSE(writer.remove("nope"));
    writer.commit();
    EXPECT_EQ(writer.article_count(), 1u);
    EXPECT_EQ(writer.stats().removed, 1u);
    EXPECT_EQ(writer.stats().not_found, 2u);
}

TEST(Remove, AnArticleAddedAndDeletedInOneBatchIsGoneAndCanComeBack) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "db", quiet_options());
    writer.upsert(article("a", "Alpha", "first story"));
    EXPECT_TRUE(writer.remove("a"));
    writer.commit();
    EXPECT_EQ(writer.article_count(), 0u);
    EXPECT_EQ(writer.upsert(article("a", "Alpha", "first story again")), UpsertResult::added);
    writer.commit();
    EXPECT_EQ(writer.article_count(), 1u);
}

TEST(Remove, AnOpenSearcherStopsShowingTheArticleAndItsFacetCounts) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "db", quiet_options());
    writer.upsert(article("afp", "Flash floods hit Valencia", floods));
    writer.upsert(test::ArticleMaker{"en", "2024-10-31", "Other"}("other", "Valencia votes", "Voters in Valencia."));
    writer.commit();
    Searcher searcher({dir.path() / "db"});
    for (int i = 0; i < 2; ++i) {  // twice: a long-lived searcher caches facet values
        const SearchResults before = searcher.search(query("valencia"));
        EXPECT_EQ(before.hits.size(), 2u);
        EXPECT_EQ(before.facets.at("source").size(), 2u);
    }
    EXPECT_TRUE(writer.remove("afp"));
    writer.commit();
    const SearchResults after = searcher.search(query("valencia"));
    EXPECT_EQ(ids(after), std::vector<std::string>{"other+0"});
    ASSERT_EQ(after.facets.at("source").size(), 1u);
    EXPECT_EQ(after.facets.at("source")[0].value, "Other");
    EXPECT_EQ(after.facets.at("source")[0].count, 1u);
}

TEST(Remove, ClusterMatesStillCollapseAndLaterCopiesStillJoinThem) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "db", quiet_options());
    writer.upsert(article("first", "Flash floods hit Valencia", floods));
    writer.upsert(article("copy", "Flash floods hit Valencia region", floods + " Roads were closed."));
    writer.upsert(article("update", "Valencia floods: toll rises", floods + " The army was deployed."));
    writer.commit();
    Searcher searcher({dir.path() / "db"});
    EXPECT_EQ(ids(searcher.search(query("paiporta"))), std::vector<std::string>{"first+2"});
    writer.remove("first");  // the article the story cluster is named after
    writer.commit();
    const std::vector<std::string> mates = ids(searcher.search(query("paiporta")));
    ASSERT_EQ(mates.size(), 1u);
    EXPECT_EQ(mates[0].substr(mates[0].find('+')), "+1");
    writer.upsert(article("late", "Floods in Valencia", floods + " Schools stay closed."));
    writer.commit();
    const std::vector<std::string> joined = ids(searcher.search(query("paiporta")));
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_EQ(joined[0].substr(joined[0].find('+')), "+2");
}

TEST(Remove, SpellingsOfTheDeletedArticleAreTakenBack) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "db", quiet_options());
    writer.upsert(article("afp", "Flash floods hit Valencia", floods));
    writer.upsert(article("other", "Valencia votes", "Voters in Valencia."));
    writer.commit();
    EXPECT_EQ(spelling_count(dir.path() / "db", "paiporta"), 1u);
    EXPECT_EQ(spelling_count(dir.path() / "db", "valencia"), 2u);
    writer.remove("afp");
    writer.commit();
    EXPECT_EQ(spelling_count(dir.path() / "db", "paiporta"), 0u);
    EXPECT_EQ(spelling_count(dir.path() / "db", "valencia"), 1u);
}

TEST(Archive, WholeArticleAndStatisticsFollowDeletionsAndCompaction) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "db", quiet_options());
    writer.upsert(article("afp", "Flash floods hit Valencia", floods));
    writer.upsert(test::ArticleMaker{"fr", "", "Le Monde"}("lm", "Inondations", "Des pluies torrentielles."));
    writer.commit();
    Searcher searcher({dir.path() / "db"});
    const std::optional<Article> whole = searcher.article("afp");
    ASSERT_TRUE(whole.has_value());
    EXPECT_EQ(whole->body, floods);
    EXPECT_EQ(whole->source, "Wire");
    EXPECT_FALSE(searcher.article("nope").has_value());
    IndexStats stats = searcher.stats();
    EXPECT_EQ(stats.articles, 2u);
    EXPECT_EQ(stats.undated, 1u);
    EXPECT_EQ(stats.first_date, "2024-10-30");
    EXPECT_EQ(stats.last_date, "2024-10-30");
    EXPECT_EQ(stats.languages, (std::vector<std::pair<std::string, std::size_t>>{{"en", 1}, {"fr", 1}}));
    writer.remove("afp");
    const CompactionResult compacted = writer.compact();
    EXPECT_TRUE(compacted.compacted) << compacted.skipped;
    EXPECT_FALSE(searcher.article("afp").has_value());
    stats = searcher.stats();
    EXPECT_EQ(stats.articles, 1u);
    EXPECT_EQ(stats.first_date, "");
    EXPECT_EQ(stats.sources, (std::vector<std::pair<std::string, std::size_t>>{{"Le Monde", 1}}));
    EXPECT_TRUE(searcher.article("lm").has_value());
}

}  // namespace
