// Sharded indexes: the routing hash (stable across runs and machines, balanced,
// consistent when the count grows), stub files read shard by shard, and a
// sharded IndexWriter + Searcher answering like one index.
#include <gtest/gtest.h>

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "articles.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/searcher.hpp"
#include "newsdex/shards.hpp"
#include "shard_stub.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;
namespace fs = std::filesystem;

TEST(ShardHash, IsFnv1a64) {
    // Published FNV-1a 64 test vectors: the routing is part of the on-disk format.
    EXPECT_EQ(shard_hash(""), 0xcbf29ce484222325ULL);
    EXPECT_EQ(shard_hash("a"), 0xaf63dc4c8601ec8cULL);
    EXPECT_EQ(shard_hash("foobar"), 0x85944171f73967e8ULL);
}

TEST(ShardOf, StableValues) {
    // Fixed forever: a change would send upserts and deletes of existing ids to the wrong shard.
    EXPECT_EQ(shard_of("wire-afp", 3), shard_of("wire-afp", 3));
    EXPECT_EQ(shard_of("anything", 1), 0u);
    const std::vector<std::size_t> expected = {shard_of("a", 3), shard_of("b", 3), shard_of("c", 3)};
    for (int run = 0; run < 3; ++run) {
        EXPECT_EQ((std::vector<std::size_t>{shard_of("a", 3), shard_of("b", 3), shard_of("c", 3)}), expected);
    }
    // Golden values, from an independent Python implementation of FNV-1a 64
    // and Lamping and Veach's jump consistent hash.
    EXPECT_EQ(shard_of("wire-afp", 3), 2u);
    EXPECT_EQ(shard_of("wire-copy", 3), 1u);
    EXPECT_EQ(shard_of("wire-update", 3), 0u);
    EXPECT_EQ(shard_of("afp-2025-03-14-kursk-ceasefire", 16), 8u);
    EXPECT_THROW((void)shard_of("x", 0), UsageError);
}

TEST(ShardOf, Balanced) {
    for (std::size_t shards : {2u, 3u, 7u, 16u}) {
        std::vector<std::size_t> counts(shards, 0);
        const std::size_t ids = 30000;
        for (std::size_t i = 0; i < ids; ++i) {
            const std::size_t s = shard_of("reuters-" + std::to_string(i), shards);
            ASSERT_LT(s, shards);
            ++counts[s];
        }
        const double mean = static_cast<double>(ids) / static_cast<double>(shards);
        for (std::size_t s = 0; s < shards; ++s) {
            EXPECT_GT(counts[s], mean * 0.93) << shards << " shards, shard " << s;
            EXPECT_LT(counts[s], mean * 1.07) << shards << " shards, shard " << s;
        }
    }
}

TEST(ShardOf, ConsistentWhenGrowing) {
    // From N to N + 1 shards only ids that move to the new shard move.
    std::size_t moved = 0;
    const std::size_t ids = 20000;
    for (std::size_t i = 0; i < ids; ++i) {
        const std::string id = "id-" + std::to_string(i);
        const std::size_t before = shard_of(id, 4);
        const std::size_t after = shard_of(id, 5);
        if (before != after) {
            EXPECT_EQ(after, 4u) << id;
            ++moved;
        }
    }
    EXPECT_GT(moved, ids / 5 * 0.9);
    EXPECT_LT(moved, ids / 5 * 1.1);
}

TEST(ShardPath, Names) {
    EXPECT_EQ(shard_path("/srv/news", 0), fs::path("/srv/news/shard-000"));
    EXPECT_EQ(shard_path("idx", 12), fs::path("idx/shard-012"));
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
}

TEST(ExpandShards, StubLines) {
    test::TempDir dir;
    fs::create_directories(dir.path() / "local");
    write_file(dir.path() / "all.stub",
               "# comment\n\nauto local\nglass /abs/db\nremote 10.0.0.2:33333\n  remote tcp news-3 4444  \n"
               "remote :ssh host xapian-progsrv /srv/db\n");
    const auto shards = detail::expand_shards((dir.path() / "all.stub").string());
    ASSERT_TRUE(shards);
    ASSERT_EQ(shards->size(), 5u);
    const std::string stub = (dir.path() / "all.stub").string();
    EXPECT_EQ((*shards)[0].kind, detail::ShardLocation::Kind::local);
    EXPECT_EQ((*shards)[0].path, (dir.path() / "local").string());
    EXPECT_EQ((*shards)[0].describe(), (dir.path() / "local").string() + " (listed in " + stub + ")");
    EXPECT_EQ((*shards)[1].path, "/abs/db");
    EXPECT_EQ((*shards)[2].kind, detail::ShardLocation::Kind::remote_tcp);
    EXPECT_EQ((*shards)[2].host, "10.0.0.2");
    EXPECT_EQ((*shards)[2].port, 33333u);
    EXPECT_EQ((*shards)[2].describe(), "remote 10.0.0.2:33333 (listed in " + stub + ")");
    EXPECT_EQ((*shards)[3].kind, detail::ShardLocation::Kind::remote_tcp);
    EXPECT_EQ((*shards)[3].host, "news-3");
    EXPECT_EQ((*shards)[3].port, 4444u);
    EXPECT_EQ((*shards)[4].kind, detail::ShardLocation::Kind::remote_program);
    EXPECT_EQ((*shards)[4].program, "ssh");
    EXPECT_EQ((*shards)[4].args, "host xapian-progsrv /srv/db");
}

TEST(ExpandShards, TcpUrl) {
    const auto shards = detail::expand_shards("tcp://news-3.example:33333");
    ASSERT_TRUE(shards);
    ASSERT_EQ(shards->size(), 1u);
    EXPECT_EQ((*shards)[0].kind, detail::ShardLocation::Kind::remote_tcp);
    EXPECT_EQ((*shards)[0].host, "news-3.example");
    EXPECT_EQ((*shards)[0].port, 33333u);
    EXPECT_EQ((*shards)[0].describe(), "remote news-3.example:33333");
    EXPECT_THROW((void)detail::expand_shards("tcp://news-3"), UsageError);
    EXPECT_THROW((void)detail::expand_shards("tcp://news-3:0"), UsageError);
    EXPECT_THROW((void)detail::expand_shards("tcp://:80"), UsageError);
}

TEST(ExpandShards, NestedStubsAndDirectories) {
    test::TempDir dir;
    fs::create_directories(dir.path() / "idx" / "shard-000");
    fs::create_directories(dir.path() / "idx" / "shard-001");
    write_file(dir.path() / "idx" / "XAPIANDB", "auto shard-000\nauto shard-001\n");
    write_file(dir.path() / "outer.stub", "auto idx\nremote 127.0.0.1:9\n");
    const auto shards = detail::expand_shards((dir.path() / "outer.stub").string());
    ASSERT_TRUE(shards);
    ASSERT_EQ(shards->size(), 3u);
    EXPECT_EQ((*shards)[0].path, (dir.path() / "idx" / "shard-000").string());
    EXPECT_EQ((*shards)[0].listed_in, (dir.path() / "idx" / "XAPIANDB").string());
    EXPECT_EQ((*shards)[1].path, (dir.path() / "idx" / "shard-001").string());
    EXPECT_EQ((*shards)[2].describe(), "remote 127.0.0.1:9 (listed in " + (dir.path() / "outer.stub").string() + ")");
}

TEST(ExpandShards, UnknownLinesLeftToXapian) {
    test::TempDir dir;
    write_file(dir.path() / "odd.stub", "inmemory\n");
    EXPECT_FALSE(detail::expand_shards((dir.path() / "odd.stub").string()));
    write_file(dir.path() / "bad.stub", "remote 10.0.0.2:notaport\n");
    EXPECT_FALSE(detail::expand_shards((dir.path() / "bad.stub").string()));
    write_file(dir.path() / "self.stub", "auto self.stub\n");
    EXPECT_FALSE(detail::expand_shards((dir.path() / "self.stub").string()));
}

TEST(ShardedIndexCount, WhatNewsdexWrote) {
    test::TempDir dir;
    EXPECT_EQ(sharded_index_count(dir.path()), 0u);
    detail::write_shard_stub(dir.path(), 4);
    EXPECT_EQ(sharded_index_count(dir.path()), 4u);
    write_file(dir.path() / shard_stub_name, "auto shard-000\nauto elsewhere\n");
    EXPECT_THROW((void)sharded_index_count(dir.path()), IndexError);
}

const test::ArticleMaker article{"en", "2024-10-30", "Wire"};

const std::string floods =
    "Torrential rain caused flash floods across the Valencia region on Tuesday night, sweeping cars through "
    "the streets of Paiporta and cutting power to thousands of homes. Emergency services said rescue teams "
    "were searching for people reported missing after rivers burst their banks.";

IndexWriterOptions options_with(unsigned shards) {
    IndexWriterOptions options;
    options.extract_entities = false;
    options.shards = shards;
    options.threads = 1;
    return options;
}

void index_wire(const fs::path& path, unsigned shards) {
    IndexWriter writer(path, options_with(shards));
    writer.upsert(article("wire-afp", "Flash floods hit Valencia region", floods));
    writer.upsert(article("wire-copy", "Floods in Valencia", floods));
    writer.upsert(article("wire-update", "Flash floods hit Valencia: dozens missing", floods + " Dozens are missing."));
    for (int i = 0; i < 30; ++i) {
        writer.upsert(article("other-" + std::to_string(i), "Market report " + std::to_string(i),
                              "Shares rose on day " + std::to_string(i) + " as floods of orders came in."));
    }
    writer.commit();
}

TEST(ShardedWriter, ClustersAcrossShardsAndSameAnswers) {
    test::TempDir dir;
    const fs::path one = dir.path() / "one";
    const fs::path sharded = dir.path() / "sharded";
    index_wire(one, 0);
    index_wire(sharded, 3);
    // The three copies are routed to three different shards (golden values above).
    std::set<std::size_t> wire_shards{shard_of("wire-afp", 3), shard_of("wire-copy", 3), shard_of("wire-update", 3)};
    ASSERT_EQ(wire_shards.size(), 3u);
    for (std::size_t s = 0; s < 3; ++s) EXPECT_TRUE(fs::is_directory(shard_path(sharded, s)));

    Searcher a({one});
    Searcher b({sharded});
    EXPECT_EQ(a.article_count(), 33u);
    EXPECT_EQ(b.article_count(), 33u);
    EXPECT_TRUE(b.missing_shards().empty());
    SearchRequest request;
    request.query = "floods";
    request.facets = {"source", "year"};
    const SearchResults ra = a.search(request);
    const SearchResults rb = b.search(request);
    EXPECT_EQ(ra.total_estimate, rb.total_estimate);
    ASSERT_EQ(ra.facets.size(), rb.facets.size());
    for (const auto& [name, values] : ra.facets) {
        const auto& other = rb.facets.at(name);
        ASSERT_EQ(values.size(), other.size()) << name;
        for (std::size_t i = 0; i < values.size(); ++i) {
            EXPECT_EQ(values[i].value, other[i].value) << name;
            EXPECT_EQ(values[i].count, other[i].count) << name;
        }
    }
    ASSERT_EQ(ra.hits.size(), rb.hits.size());
    for (std::size_t i = 0; i < ra.hits.size(); ++i) {
        EXPECT_DOUBLE_EQ(ra.hits[i].score, rb.hits[i].score);
        EXPECT_EQ(ra.hits[i].similar, rb.hits[i].similar);
    }
    // One story of three versions, in both.
    request.query = "Valencia";
    const SearchResults story = b.search(request);
    ASSERT_EQ(story.hits.size(), 1u);
    EXPECT_EQ(story.hits[0].similar, 2u);
}

TEST(ShardedWriter, UpsertDeleteAndCountRefused) {
    test::TempDir dir;
    const fs::path path = dir.path() / "idx";
    index_wire(path, 3);
    {
        IndexWriter writer(path, options_with(0));  // an existing sharded index keeps its count
        EXPECT_EQ(writer.shard_count(), 3u);
        EXPECT_EQ(writer.upsert(article("wire-copy", "Floods in Valencia", floods)), UpsertResult::replaced);
        EXPECT_TRUE(writer.remove("other-3"));
        EXPECT_FALSE(writer.remove("no-such-id"));
        writer.commit();
        EXPECT_EQ(writer.article_count(), 32u);
        EXPECT_EQ(writer.stats().removed, 1u);
        EXPECT_EQ(writer.stats().not_found, 1u);
    }
    Searcher searcher({path});
    EXPECT_EQ(searcher.article_count(), 32u);
    EXPECT_FALSE(searcher.article("other-3"));
    EXPECT_TRUE(searcher.article("wire-copy"));
    EXPECT_THROW(IndexWriter(path, options_with(4)), UsageError);
    // Shards into a plain index: refused too.
    const fs::path plain = dir.path() / "plain";
    index_wire(plain, 0);
    EXPECT_THROW(IndexWriter(plain, options_with(2)), UsageError);
}

TEST(ShardedSearcher, MissingShard) {
    test::TempDir dir;
    const fs::path path = dir.path() / "idx";
    index_wire(path, 3);
    fs::rename(shard_path(path, 1), dir.path() / "away");
    try {
        Searcher searcher({path});
        FAIL() << "opened with a shard missing";
    } catch (const IndexError& e) {
        EXPECT_EQ(e.kind(), IndexError::Kind::unavailable);
        EXPECT_NE(std::string(e.what()).find("shard-001"), std::string::npos) << e.what();
    }
    SearcherOptions allow;
    allow.allow_missing_shards = true;
    Searcher searcher({path}, allow);
    const std::string expected =
        shard_path(path, 1).string() + " (listed in " + (path / shard_stub_name).string() + ")";
    EXPECT_EQ(searcher.missing_shards(), std::vector<std::string>{expected});
    SearchRequest request;
    request.query = "floods";
    const SearchResults results = searcher.search(request);
    EXPECT_EQ(results.missing_shards, std::vector<std::string>{expected});
    EXPECT_FALSE(results.hits.empty());
    // Writing while a shard is missing is refused, and creates nothing.
    EXPECT_THROW(IndexWriter(path, options_with(0)), IndexError);
    EXPECT_FALSE(fs::exists(shard_path(path, 1)));
}

}  // namespace
