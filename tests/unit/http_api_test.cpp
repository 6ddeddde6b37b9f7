// The HTTP API without sockets (searcher/server/http_api.hpp): parameters in,
// status and JSON out; the searcher pool's bound; new commits seen by the
// next request.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "http_api.hpp"
#include "newsdex/index_writer.hpp"
#include "searcher_pool.hpp"
#include "articles.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;
using namespace newsdex::server;
using nlohmann::json;

const test::ArticleMaker article{"en", "2024-10-30", "Wire"};

class HttpApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        IndexWriterOptions options;
        options.extract_entities = false;
        IndexWriter writer(db(), options);
        writer.upsert(article("floods", "Flash floods hit Valencia", "Torrential rain caused flash floods."));
        writer.upsert(article("vote", "Elections in Valencia", "Voters in Valencia elect a new parliament."));
        writer.commit();
        pool = std::make_unique<SearcherPool>(std::vector<std::filesystem::path>{db()}, 1, 1);
        api = std::make_unique<HttpApi>(*pool, ApiLimits{});
    }
    std::filesystem::path db() const { return dir.path() / "db"; }
    static json parsed(const HttpReply& reply) { return json::parse(reply.body); }

    test::TempDir dir;
    std::unique_ptr<SearcherPool> pool;
    std::unique_ptr<HttpApi> api;
};

TEST_F(HttpApiTest, SearchAnswersTheCommandLineJsonObject) {
    const HttpReply reply = api->search({{"q", "valencia"}, {"limit", "1"}, {"sort", "-date"}});
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json doc = parsed(reply);
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["query"], "valencia");
    EXPECT_EQ(doc["limit"], 1);
    EXPECT_EQ(doc["sort"], "-date");
    EXPECT_EQ(doc["hits"].size(), 1u);
    EXPECT_EQ(doc["total_estimate"], 2);
}

TEST_F(HttpApiTest, RepeatedListParametersAddUp) {
    const json doc = parsed(api->search({{"q", "valencia"}, {"facets", "source"}, {"facets", "year"}}));
    EXPECT_TRUE(doc["facets"].contains("source"));
    EXPECT_TRUE(doc["facets"].contains("year"));
    EXPECT_EQ(doc["facets"]["year"][0]["value"], "2024");
}

TEST_F(HttpApiTest, CountAnswersTheCountObject) {
    const json doc = parsed(api->search({{"q", "valencia"}, {"count", "1"}}));
    EXPECT_EQ(doc["count"], 2);
    EXPECT_EQ(doc["exact"], true);
    EXPECT_FALSE(doc.contains("hits"));
}

TEST_F(HttpApiTest, BadQueriesAndParametersAre400WithTheLibraryMessage) {
    HttpReply reply = api->search({{"q", "valencia AND"}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(parsed(reply)["kind"], "query");
    EXPECT_EQ(parsed(reply)["error"], "AND at character 10 has no search term after it");
    EXPECT_EQ(parsed(reply)["query"], "valencia AND");

    reply = api->search({{"q", "valencia"}, {"limit", "ten"}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(parsed(reply)["error"], "limit must be a whole number, not \"ten\"");

    reply = api->search({{"q", "valencia"}, {"colour", "red"}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(parsed(reply)["error"], "unknown search option \"colour\"");
}

TEST_F(HttpApiTest, OverlongQueryIs400) {
    const HttpReply reply = api->search({{"q", std::string(5000, 'a')}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(parsed(reply)["error"], "q is 5000 bytes long; at most 4096 are searched");
}

TEST_F(HttpApiTest, ArticlesAndUnknownIds) {
    HttpReply reply = api->article("vote");
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(parsed(reply)["title"], "Elections in Valencia");
    EXPECT_EQ(parsed(reply)["body"], "Voters in Valencia elect a new parliament.");
    reply = api->article("nope");
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(parsed(reply)["error"], "no article with id \"nope\"");
    EXPECT_EQ(parsed(reply)["kind"], "not_found");
}

TEST_F(HttpApiTest, HealthAndStatsCountArticles) {
    const json health = parsed(api->health());
    EXPECT_EQ(health["status"], "ok");
    EXPECT_EQ(health["articles"], 2);
    EXPECT_EQ(health["workers"], 1);
    EXPECT_EQ(health["busy"], 0);
    EXPECT_EQ(parsed(api->stats())["articles"], 2);
}

TEST_F(HttpApiTest, TheNextRequestSeesANewCommit) {
    EXPECT_EQ(parsed(api->search({{"q", "storm"}}))["total_estimate"], 0);
    {
        IndexWriter writer(db());
        writer.upsert(article("storm", "Storm over Valencia", "A storm reached the coast."));
        writer.commit();
    }
    EXPECT_EQ(parsed(api->search({{"q", "storm"}}))["total_estimate"], 1);
    EXPECT_EQ(parsed(api->health())["articles"], 3);
    EXPECT_EQ(api->article("storm").status, 200);
}

TEST_F(HttpApiTest, BeyondTheQueueLimitRequestsAre503) {
    // The one Searcher is lent out; one request may wait, the next is refused at once.
    SearcherPool::Refusal refusal{};
    auto held = pool->acquire(std::chrono::milliseconds(0), refusal);
    ASSERT_TRUE(held);
    std::thread waiter([&] {
        SearcherPool::Refusal why{};
        auto lease = pool->acquire(std::chrono::seconds(30), why);
        EXPECT_TRUE(lease) << "the waiting request gets the Searcher once it is given back";
    });
    while (pool->load().waiting == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const HttpReply reply = api->search({{"q", "valencia"}});
    EXPECT_EQ(reply.status, 503);
    EXPECT_EQ(parsed(reply)["kind"], "overloaded");
    EXPECT_EQ(parsed(reply)["error"], "overloaded: 1 searches running and 1 waiting; retry later");
    held.reset();
    waiter.join();
    EXPECT_EQ(api->search({{"q", "valencia"}}).status, 200);
}

TEST_F(HttpApiTest, AWaitLongerThanTheTimeLimitIs503) {
    ApiLimits limits;
    limits.time_limit_seconds = 0.05;
    SearcherPool small({db()}, 1, 4);
    HttpApi impatient(small, limits);
    SearcherPool::Refusal refusal{};
    auto held = small.acquire(std::chrono::milliseconds(0), refusal);
    const HttpReply reply = impatient.search({{"q", "valencia"}});
    EXPECT_EQ(reply.status, 503);
    EXPECT_EQ(parsed(reply)["error"], "overloaded: no worker was free within the time limit; retry later");
}

}  // namespace
