// The result order (result_order.hpp): its keys sort by date then id, undated
// first or last; and equal scores come in the same order, and page the same,
// in one index and over shards (docids differ between the two).
#include "result_order.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsdex/index_writer.hpp"
#include "newsdex/searcher.hpp"
#include "ranking.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;
using newsdex::detail::order_key;

Timestamp at(std::int64_t seconds) { return Timestamp{seconds, true}; }

TEST(OrderKey, DateOrderThenIdOrder) {
    for (bool undated_last : {false, true}) {
        SCOPED_TRACE(undated_last);
        const std::vector<std::string> ascending = {
            order_key(at(-86400 * 365 * 30), "z", undated_last),  // 1940: before the epoch
            order_key(at(-1), "a", undated_last),
            order_key(at(0), "a", undated_last),
            order_key(at(1), "a", undated_last),
            order_key(at(1), "a1", undated_last),
            order_key(at(1), "b", undated_last),
            order_key(at(86400), "", undated_last),
            order_key(at(4102444800), "a", undated_last),  // 2100
        };
        for (std::size_t i = 1; i < ascending.size(); ++i) EXPECT_LT(ascending[i - 1], ascending[i]) << i;
    }
}

TEST(OrderKey, UndatedFirstOrLast) {
    const std::string undated_low = order_key(std::nullopt, "m", false);
    const std::string undated_high = order_key(std::nullopt, "m", true);
    for (std::int64_t s : {std::int64_t{-62167219200}, std::int64_t{0}, std::int64_t{4102444800}}) {
        EXPECT_LT(undated_low, order_key(at(s), "a", false)) << s;
        EXPECT_GT(undated_high, order_key(at(s), "z", true)) << s;
    }
    EXPECT_LT(order_key(std::nullopt, "a", true), order_key(std::nullopt, "b", true));
}

/// Articles whose scores tie for "oil": the same title and body, in many
/// dates (several on one day, some undated), ids not in date order.
std::vector<Article> tied_articles() {
    std::vector<Article> out;
    for (int i = 0; i < 40; ++i) {
        Article a;
        a.id = "tie-" + std::to_string((i * 17) % 40);
        a.title = "Oil";
        a.body = "Oil prices.";
        a.lang = "en";
        if (i % 5 != 0) a.date = "2024-0" + std::to_string(1 + i % 3) + "-1" + std::to_string(i % 4);
        out.push_back(a);
    }
    return out;
}

using Hits = std::vector<std::pair<std::string, double>>;

Hits ranked(const Searcher& searcher, SortOrder sort, std::size_t offset,
                                                   std::size_t limit) {
    SearchRequest request;
    request.query = "oil";
    request.sort = sort;
    request.offset = offset;
    request.limit = limit;
    request.snippets_per_hit = 0;
    request.collapse = false;
    Hits out;
    for (const Hit& hit : searcher.search(request).hits) out.emplace_back(hit.article.id, hit.score);
    return out;
}

TEST(ResultOrder, EqualScoresSameInOneIndexAndOverShardsAndPagedAlike) {
    test::TempDir dir;
    for (unsigned shards : {0u, 3u}) {
        IndexWriterOptions options;
        options.extract_entities = false;
        options.detect_duplicates = false;
        options.shards = shards;
        IndexWriter writer(dir.path() / (shards ? "sharded" : "one"), options);
        for (const Article& a : tied_articles()) writer.upsert(a);
        writer.commit();
    }
    const Searcher one({dir.path() / "one"});
    const Searcher sharded({dir.path() / "sharded"});
    for (SortOrder sort : {SortOrder::relevance, SortOrder::date_ascending, SortOrder::date_descending}) {
        SCOPED_TRACE(static_cast<int>(sort));
        const auto all = ranked(one, sort, 0, 100);
        ASSERT_EQ(all.size(), 40U);
        // The scores are meant to tie; by relevance the top lead_depth have the word in their
        // lead and gain its bonus alike (ranking.hpp), so the ties are within them and within the rest.
        const std::size_t lead = sort == SortOrder::relevance ? newsdex::detail::lead_depth : 0;
        if (lead > 0) {
            EXPECT_EQ(all.front().second, all[lead - 1].second) << "the scores are meant to tie";
        }
        EXPECT_EQ(all[lead].second, all.back().second) << "the scores are meant to tie";
        EXPECT_EQ(ranked(sharded, sort, 0, 100), all);
        Hits paged;
        for (std::size_t offset = 0; offset < 40; offset += 7) {
            for (const auto& hit : ranked(sharded, sort, offset, 7)) paged.push_back(hit);
        }
        EXPECT_EQ(paged, all);
    }
    // Equal scores: oldest first, undated last, then by id.
    const auto by_relevance = ranked(one, SortOrder::relevance, 0, 100);
    // i = 12, 24 and 36 are of 2024-01-10, the oldest date: tie-4, tie-8 and
    // tie-12, in byte order of the ids.
    EXPECT_EQ(by_relevance[0].first, "tie-12");
    EXPECT_EQ(by_relevance[1].first, "tie-4");
    EXPECT_EQ(by_relevance[2].first, "tie-8");
    EXPECT_EQ(by_relevance.back().first, "tie-5");  // undated (i = 0, 5, ..., 35: tie-0, tie-5, ..., tie-35)
    const auto newest = ranked(one, SortOrder::date_descending, 0, 100);
    const auto oldest = ranked(one, SortOrder::date_ascending, 0, 100);
    // Newest first is oldest first reversed, but for the undated 8, last both ways.
    const Hits reversed(oldest.rbegin() + 8, oldest.rend());
    const Hits newest_dated(newest.begin(), newest.end() - 8);
    EXPECT_EQ(newest_dated, reversed);
}

}  // namespace
