// IndexWriter + Searcher together on a temporary on-disk index.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <thread>

#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/searcher.hpp"
#include "articles.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;

const test::ArticleMaker article{"en", "2025-03-14", "Test Wire"};

class IndexSearch : public ::testing::Test {
  protected:
    void SetUp() override {
        IndexWriterOptions options;
        options.extract_entities = false;
        IndexWriter writer(dir.path() / "db", options);
        EXPECT_EQ(writer.upsert(article("kursk", "Putin urges Ukrainian troops in Kursk to surrender",
                                        "President Vladimir Putin called on Ukrainian troops in the Kursk region to "
                                        "surrender. Zelensky accused him of sabotage.")),
                  UpsertResult::added);
        writer.upsert(article("rubio", "G7 ministers meet in Canada",
                              "Marco Rubio said both sides must make concessions. The troops surrendered nothing."));
        writer.upsert(article.in("fr", "2024-07-14")("fr1", "L'armée française en manœuvre", "Les soldats de l'armée ont défilé à Paris."));
        writer.upsert(article.in("ja", "")("ja1", "東京都知事選挙", "東京都知事選挙の投票が行われた。"));
        writer.commit();
    }
    SearchResults search(const std::string& q, SortOrder sort = SortOrder::relevance) {
        Searcher searcher({dir.path() / "db"});
        SearchRequest request;
        request.query = q;
        request.sort = sort;
        return searcher.search(request);
    }
    std::vector<std::string> ids(const SearchResults& r) {
        std::vector<std::string> out;
        for (const auto& h : r.hits) out.push_back(h.article.id);
        return out;
    }
    newsdex::test::TempDir dir;
};

TEST_F(IndexSearch, RanksTitleAndBodyMatchFirstAndHighlights) {
    auto r = search("Kursk surrender");
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits[0].article.id, "kursk");
    EXPECT_EQ(r.hits[0].article.title, "Putin urges Ukrainian troops in Kursk to surrender");
    ASSERT_FALSE(r.hits[0].snippets.empty());
    const Snippet& s = r.hits[0].snippets[0];
    std::vector<std::string> marked;
    for (auto [b, e] : s.highlights) marked.push_back(s.text.substr(b, e - b));
    EXPECT_NE(std::find(marked.begin(), marked.end(), "Kursk"), marked.end()) << s.text;
    EXPECT_NE(std::find(marked.begin(), marked.end(), "surrender"), marked.end()) << s.text;
    EXPECT_EQ(r.hits[0].title_highlights.size(), 2u) << r.parsed_query;
}

TEST_F(IndexSearch, FindsStemmedForms) {
    auto r = search("surrendered");
    EXPECT_EQ(ids(r), (std::vector<std::string>{"kursk", "rubio"}));
}

TEST_F(IndexSearch, PhraseTitleAndFilters) {
    EXPECT_EQ(ids(search("\"Kursk region\"")), std::vector<std::string>{"kursk"});
    EXPECT_EQ(ids(search("title:canada")), std::vector<std::string>{"rubio"});
    EXPECT_TRUE(search("title:Zelensky").hits.empty());
    EXPECT_EQ(ids(search("troops source:\"test wire\" id:rubio")), std::vector<std::string>{"rubio"});
    EXPECT_EQ(ids(search("lang:FR armee")), std::vector<std::string>{"fr1"});
}

TEST_F(IndexSearch, FoldsDiacriticsIdenticallyForQueryAndDocument) {
    EXPECT_EQ(ids(search("armee francaise")), std::vector<std::string>{"fr1"});
    EXPECT_EQ(ids(search("ZELÉNSKY")), std::vector<std::string>{"kursk"});
    EXPECT_EQ(ids(search("manoeuvre")), std::vector<std::string>{"fr1"});
}

TEST_F(IndexSearch, FindsJapaneseWordsAndPhrases) {
    EXPECT_EQ(ids(search("選挙")), std::vector<std::string>{"ja1"});
    EXPECT_EQ(ids(search("東京都知事選挙")), std::vector<std::string>{"ja1"});
}

TEST_F(IndexSearch, UpsertReplacesById) {
    {
        IndexWriterOptions options;
        options.extract_entities = false;
        IndexWriter writer(dir.path() / "db", options);
        EXPECT_EQ(writer.upsert(article("rubio", "Rubio in Canada", "Nothing about troops now.")), UpsertResult::replaced);
        writer.commit();
        EXPECT_EQ(writer.article_count(), 4u);
    }
    EXPECT_EQ(ids(search("concessions")), std::vector<std::string>{});
}

TEST_F(IndexSearch, SortsByDateAndCountsFacets) {
    Searcher searcher({dir.path() / "db"});
    SearchRequest request;
    request.query = "troops OR soldats OR 選挙";
    request.sort = SortOrder::date_descending;
    request.facets = {"year", "lang", "source"};
    auto r = searcher.search(request);
    ASSERT_EQ(r.hits.size(), 4u);
    EXPECT_EQ(r.hits[3].article.id, "ja1");  // undated sorts last
    EXPECT_EQ(r.hits[2].article.id, "fr1");
    ASSERT_EQ(r.facets["year"].size(), 2u);
    EXPECT_EQ(r.facets["year"][0].value, "2024");
    EXPECT_EQ(r.facets["year"][1].count, 2u);
    EXPECT_EQ(r.facets["lang"][0].value, "en");
    EXPECT_EQ(r.facets["lang"][0].count, 2u);
}

// Issue 17: without --lang or lang:, each article is matched by the query stemmed
// in its own language ("défilaient" is French-stemmed for the French article,
// "defil" as its "défilé"; the English stem "defilai" misses it), highlighted the same way,
// and explained by the reading it matched.
TEST_F(IndexSearch, AQueryWithoutLanguageIsStemmedInEachArticlesLanguage) {
    Searcher searcher({dir.path() / "db"});
    SearchRequest request;
    request.query = "défilaient";
    request.explain = true;
    SearchResults r = searcher.search(request);
    ASSERT_EQ(ids(r), std::vector<std::string>{"fr1"}) << r.parsed_query;
    ASSERT_FALSE(r.hits[0].snippets.empty());
    const Snippet& s = r.hits[0].snippets[0];
    ASSERT_EQ(s.highlights.size(), 1u);
    EXPECT_EQ(s.text.substr(s.highlights[0].first, s.highlights[0].second - s.highlights[0].first), "défilé");
    double sum = 0;
    for (const TermExplanation& e : r.hits[0].explain) sum += e.weight;
    EXPECT_NEAR(sum, r.hits[0].score, 1e-9);
    // English queries keep their English stems for English articles, and one
    // stemmer when the language is given.
    EXPECT_EQ(ids(search("surrendered")), (std::vector<std::string>{"kursk", "rubio"}));
    request.language = "en";
    request.explain = false;
    EXPECT_TRUE(searcher.search(request).hits.empty());
    EXPECT_TRUE(search("lang:en défilaient").hits.empty());
}

TEST_F(IndexSearch, RejectsMalformedQueriesWithTheReason) {
    try {
        search("\"Kursk surrender");
        FAIL() << "no error";
    } catch (const QueryError& e) {
        EXPECT_STREQ(e.what(), "unbalanced '\"' at character 1");
    }
    EXPECT_THROW(search("(Kursk"), QueryError);
    try {
        search("colour:red");
        FAIL() << "no error";
    } catch (const QueryError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown field \"colour:\""), std::string::npos);
    }
}

TEST(Searcher, MissingIndexIsAnIndexError) {
    try {
        Searcher searcher({"/nonexistent/newsdex"});
        FAIL();
    } catch (const IndexError& e) {
        EXPECT_EQ(e.kind(), IndexError::Kind::missing) << e.what();
    }
}

TEST(IndexWriter, SecondWriterGetsLockedError) {
    newsdex::test::TempDir dir;
    IndexWriter first(dir.path() / "db");
    try {
        IndexWriter second(dir.path() / "db");
        FAIL();
    } catch (const IndexError& e) {
        EXPECT_EQ(e.kind(), IndexError::Kind::locked) << e.what();
    }
}

TEST(IndexWriter, MaxWordLengthIsAnIndexSetting) {
    newsdex::test::TempDir dir;
    std::string long_word(80, 'k');
    IndexWriterOptions options;
    options.extract_entities = false;
    options.analyzer.max_word_bytes = 100;
    {
        IndexWriter writer(dir.path() / "db", options);
        writer.upsert(article("long", "Long words", "A " + long_word + " here."));
        writer.commit();
    }
    // Reopened with the default limit: the index keeps the one it was created with.
    {
        IndexWriter writer(dir.path() / "db");
        writer.upsert(article("long2", "More", "Another " + long_word + " there."));
        writer.commit();
    }
    Searcher searcher({dir.path() / "db"});
    SearchRequest request;
    request.query = long_word;
    auto r = searcher.search(request);
    EXPECT_EQ(r.hits.size(), 2u);

    newsdex::test::TempDir other;
    {
        IndexWriter writer(other.path() / "db", IndexWriterOptions{});
        writer.upsert(article("long", "Long words", "A " + long_word + " here."));
        writer.commit();
    }
    EXPECT_TRUE(Searcher({other.path() / "db"}).search(request).hits.empty());  // default: 64 bytes
}

TEST(IndexWriter, ContentIdIsStable) {
    Article a = article("", "Title", "Body");
    EXPECT_EQ(content_id(a), content_id(a));
    EXPECT_EQ(content_id(a).size(), 17u);
    Article b = article("", "Title", "Body!");
    EXPECT_NE(content_id(a), content_id(b));
}

}  // namespace

namespace {

/// 30 articles: 10 stories told three times (near-duplicates), one id repeated.
std::vector<Article> wire_copies() {
    const char* topics[] = {"cocoa harvest in Ghana", "oil prices in Saudi Arabia", "coffee exports from Brazil",
                            "steel tariffs in Europe", "rice prices in Thailand", "wheat crop in Kansas",
                            "copper mines in Chile", "gold reserves in Russia", "tea auctions in Kenya",
                            "sugar quotas in Cuba"};
    std::vector<Article> out;
    for (int copy = 0; copy < 3; ++copy) {
        for (int t = 0; t < 10; ++t) {
            std::string body = "Traders reported on the " + std::string(topics[t]) +
                               " as the market opened, citing officials who said the outlook for the season "
                               "remained uncertain after weeks of weather and shipping problems in the region.";
            if (copy == 2) body += " A later version added this sentence.";
            out.push_back(article("s" + std::to_string(t) + "-" + std::to_string(copy), topics[t], body));
        }
    }
    out.push_back(article("s3-0", "steel tariffs in Europe (corrected)", out[3].body + " Corrected."));
    return out;
}

std::vector<std::pair<std::string, std::string>> ranked(const std::filesystem::path& db, const std::string& q) {
    SearchRequest request;
    request.query = q;
    request.limit = 50;
    request.collapse = false;
    std::vector<std::pair<std::string, std::string>> out;
    for (const Hit& h : Searcher({db}).search(request).hits) out.emplace_back(h.article.id, h.cluster);
    return out;
}

}  // namespace

// Issue 6: a new index built by parallel segment writers is invisible until
// commit() merges it, then holds what one writer would have written.
TEST(IndexWriter, ParallelBuildIsMergedOnCommitAndMatchesOneWriter) {
    newsdex::test::TempDir dir;
    const auto one = dir.path() / "one";
    const auto parallel = dir.path() / "parallel";
    for (unsigned threads : {1u, 3u}) {
        IndexWriterOptions options;
        options.extract_entities = false;
        options.threads = threads;
        options.batch_size = 4;
        IndexWriter writer(threads == 1 ? one : parallel, options);
        for (Article& a : wire_copies()) writer.upsert(std::move(a));
        if (threads > 1) {
            SearchRequest everything;
            everything.query = "traders";
            EXPECT_EQ(Searcher({parallel}).search(everything).total_estimate, 0u) << "visible before the merge";
        }
        writer.commit();
        EXPECT_EQ(writer.article_count(), 30u);
        EXPECT_EQ(writer.stats().replaced, 1u);
        // Still usable afterwards, now as one writer on the merged index.
        writer.upsert(article("late", "Late news about cocoa", "Cocoa traders in Ghana waited."));
        writer.commit();
        EXPECT_EQ(writer.article_count(), 31u);
    }
    EXPECT_FALSE(std::filesystem::exists(dir.path() / ".parallel.newsdex-compact"));
    std::size_t clustered = 0;
    for (const char* q : {"traders", "cocoa", "steel corrected", "\"outlook for the season\"", "late"}) {
        SCOPED_TRACE(q);
        const auto expected = ranked(one, q);
        EXPECT_FALSE(expected.empty());
        EXPECT_EQ(ranked(parallel, q), expected);
        for (const auto& [id, cluster] : expected) clustered += cluster != id;
    }
    EXPECT_GT(clustered, 0u) << "no near-duplicate joined a story: clusters were not compared";
}

// Issue 19: near-duplicate look-ups of a build into an empty index come from
// the in-memory band table; once it outgrows band_table_bytes they go to the
// index (one writer) or the look-up database (parallel writers) again, with
// the same clusters. A budget of 1 byte spills at the first commit.
TEST(IndexWriter, BandTableSpillGivesTheSameClusters) {
    newsdex::test::TempDir dir;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> answers;
    for (unsigned threads : {1u, 2u}) {
        for (std::size_t budget : {std::size_t(0), std::size_t(1)}) {
            const std::string name = "t" + std::to_string(threads) + "-b" + std::to_string(budget);
            IndexWriterOptions options;
            options.extract_entities = false;
            options.threads = threads;
            options.batch_size = 4;
            options.band_table_bytes = budget;
            IndexWriter writer(dir.path() / name, options);
            for (Article& a : wire_copies()) writer.upsert(std::move(a));
            writer.commit();
            // An addition after the build finds its story too.
            writer.upsert(article("late", "Cocoa again", wire_copies()[0].body));
            writer.commit();
            for (const char* q : {"traders", "cocoa"}) answers[name + q] = ranked(dir.path() / name, q);
        }
    }
    std::size_t clustered = 0;
    for (const char* q : {"traders", "cocoa"}) {
        SCOPED_TRACE(q);
        const auto& expected = answers[std::string("t1-b0") + q];
        for (const char* name : {"t1-b1", "t2-b0", "t2-b1"}) EXPECT_EQ(answers[name + std::string(q)], expected) << name;
        for (const auto& [id, cluster] : expected) clustered += cluster != id;
    }
    EXPECT_GT(clustered, 10u) << "copies must join their stories";
    const auto cocoa = answers["t1-b0cocoa"];
    EXPECT_NE(std::find(cocoa.begin(), cocoa.end(), std::make_pair(std::string("late"), std::string("s0-0"))),
              cocoa.end());
}

// A writer waiting for the lock while a parallel build is merged and swapped
// in ends up holding the lock of the merged index, not of the old directory.
TEST(IndexWriter, WaitingWriterLocksTheMergedIndex) {
    newsdex::test::TempDir dir;
    const auto db = dir.path() / "db";
    IndexWriterOptions options;
    options.extract_entities = false;
    options.threads = 2;
    auto builder = std::make_unique<IndexWriter>(db, options);
    for (Article& a : wire_copies()) builder->upsert(std::move(a));

    IndexWriterOptions waiting;
    waiting.wait_for_lock = true;
    std::thread waiter([&] {
        IndexWriter second(db, waiting);
        second.upsert(article("second", "From the waiting writer", "It waited for the lock."));
        second.commit();
        // While it is open, nobody else may write.
        try {
            IndexWriter third(db);
            ADD_FAILURE() << "a third writer opened the index while the second held it";
        } catch (const IndexError& e) {
            EXPECT_EQ(e.kind(), IndexError::Kind::locked) << e.what();
        }
    });
    // Give the waiter time to block on the lock (if it has not, it simply opens later).
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    builder->commit();
    builder.reset();
    waiter.join();
    EXPECT_EQ(ranked(db, "waiting").size(), 1u);
    EXPECT_EQ(ranked(db, "traders").size(), 30u);
}
