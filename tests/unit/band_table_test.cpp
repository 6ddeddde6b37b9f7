/// @file band_table_test.cpp
/// The in-memory band table (common/src/band_table.hpp) finds the clusters the XSIG postlists find.
#include "band_table.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "document_builder.hpp"
#include "newsdex/schema.hpp"

namespace newsdex::detail {
namespace {

/// A corpus of stories with edited copies: word ids drawn from a small
/// vocabulary, every copy with a few words replaced, so that clusters,
/// near misses and chains all occur.
struct Story {
    std::string id;
    Signature sig;
};

std::vector<Story> make_stories(unsigned originals, unsigned copies, std::uint32_t seed) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> word(0, 400);
    std::vector<std::vector<std::string>> texts;
    for (unsigned s = 0; s < originals; ++s) {
        std::vector<std::string> words;
        const int length = 8 + static_cast<int>(random() % 120);  // short (word-set) and long texts
        for (int i = 0; i < length; ++i) words.push_back("w" + std::to_string(word(random)));
        texts.push_back(words);
    }
    std::vector<Story> stories;
    for (unsigned round = 0; round <= copies; ++round) {
        for (unsigned s = 0; s < originals; ++s) {
            std::vector<std::string> words = texts[s];
            for (unsigned edit = 0; edit < round * 2 && !words.empty(); ++edit) {
                words[random() % words.size()] = "e" + std::to_string(word(random));
            }
            stories.push_back({"s" + std::to_string(s) + "-" + std::to_string(round), make_signature(words)});
        }
    }
    return stories;
}

/// Writes @p story like IndexWriter does: band terms, signature and cluster values, id term.
void add_to(Xapian::WritableDatabase& db, const Story& story, const std::string& cluster) {
    Xapian::Document doc;
    add_near_duplicate_data(doc, story.sig, cluster);
    doc.add_boolean_term(id_term(story.id));
    db.replace_document(id_term(story.id), doc);
}

std::uint32_t docid_of(const Xapian::Database& db, const std::string& id) {
    const std::string term = id_term(id);
    auto it = db.postlist_begin(term);
    return it == db.postlist_end(term) ? 0 : *it;
}

TEST(BandTable, FindsTheSameClustersAsTheBandPostlists) {
    const std::vector<Story> stories = make_stories(60, 4, 7);
    // Reference: every article looked up in the index itself (XSIG postlists).
    Xapian::WritableDatabase reference(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::vector<std::string> expected;
    for (const Story& s : stories) {
        expected.push_back(assign_cluster(reference, s.sig, s.id));
        add_to(reference, s, expected.back());
    }
    std::size_t joined = 0;
    for (std::size_t i = 0; i < stories.size(); ++i) joined += expected[i] != stories[i].id;
    ASSERT_GT(joined, 100u) << "the fixture must have many copies to find";

    // Everything in memory (a bulk build that has not spilled)...
    Xapian::WritableDatabase unused(std::string(), Xapian::DB_BACKEND_INMEMORY);
    BandTable table;
    // ... and the index committed every 37 articles, the table holding what came since.
    Xapian::WritableDatabase committed(std::string(), Xapian::DB_BACKEND_INMEMORY);
    BandTable since_commit;
    for (std::size_t i = 0; i < stories.size(); ++i) {
        const Story& s = stories[i];
        SCOPED_TRACE(s.id);
        const auto docid = static_cast<std::uint32_t>(i + 1);
        ClusterLookupStats stats;
        const std::string in_memory = assign_cluster(unused, table, true, s.sig, s.id, 0, &stats);
        EXPECT_EQ(in_memory, expected[i]);
        table.add(docid, s.sig, in_memory);

        const std::string mixed = assign_cluster(committed, since_commit, false, s.sig, s.id, 0);
        EXPECT_EQ(mixed, expected[i]);
        since_commit.add(docid, s.sig, mixed);
        add_to(committed, s, mixed);
        if (i % 37 == 36) since_commit.clear();
    }
    EXPECT_EQ(table.size(), stories.size());
    EXPECT_GT(table.memory_bytes(), stories.size() * sizeof(Signature));
    // Signature, postings, hash slots at 35-70% load, vectors up to twice their size; 40 empty tables.
    EXPECT_LT(table.memory_bytes(), stories.size() * 1600 + 40 * 64 * 12);
}

TEST(BandTable, AReplacedArticleIsFoundOnlyByItsNewVersion) {
    const std::vector<Story> stories = make_stories(2, 1, 11);  // s0-0 s1-0 s0-1 s1-1
    Xapian::WritableDatabase none(std::string(), Xapian::DB_BACKEND_INMEMORY);
    BandTable table;
    table.add(1, stories[0].sig, "s0-0");
    ASSERT_EQ(assign_cluster(none, table, true, stories[2].sig, "x", 0), "s0-0");
    // Docid 1 now holds the text of story 1: a copy of story 0 no longer finds it ...
    table.add(1, stories[1].sig, "s0-0");
    EXPECT_EQ(table.size(), 1u);
    EXPECT_EQ(assign_cluster(none, table, true, stories[2].sig, "x", 0), "x");
    // ... a copy of story 1 does, once, and not when it is the article itself.
    ClusterLookupStats stats;
    EXPECT_EQ(assign_cluster(none, table, true, stories[3].sig, "x", 0, &stats), "s0-0");
    EXPECT_EQ(stats.verified, 1u);
    EXPECT_EQ(assign_cluster(none, table, true, stories[3].sig, "x", 1), "x");
    // Back to the first text: every band is counted once.
    table.add(1, stories[0].sig, "s0-0");
    std::unordered_map<std::uint32_t, unsigned> shared;
    table.count_shared_bands(stories[0].sig, 0, shared);
    EXPECT_EQ(shared.at(1), lsh_bands);
}

TEST(BandTable, TheTablesVersionReplacesTheCommittedOne) {
    const std::vector<Story> stories = make_stories(2, 1, 11);
    Xapian::WritableDatabase committed(std::string(), Xapian::DB_BACKEND_INMEMORY);
    add_to(committed, stories[0], "s0-0");  // docid 1
    ASSERT_EQ(docid_of(committed, "s0-0"), 1u);
    BandTable table;
    EXPECT_EQ(assign_cluster(committed, table, false, stories[2].sig, "x", 0), "s0-0");
    table.add(1, stories[1].sig, "s1-0");  // rewritten since the commit with another text
    EXPECT_EQ(assign_cluster(committed, table, false, stories[2].sig, "x", 0), "x");
    EXPECT_EQ(assign_cluster(committed, table, false, stories[3].sig, "x", 0), "s1-0");
}

TEST(BandTable, EmptySignaturesAreNeitherStoredNorMatched) {
    BandTable table;
    table.add(1, Signature{}, "a");
    EXPECT_TRUE(table.empty());
    Xapian::WritableDatabase none(std::string(), Xapian::DB_BACKEND_INMEMORY);
    EXPECT_EQ(assign_cluster(none, table, true, Signature{}, "own", 0), "own");
    table.clear();
    EXPECT_EQ(table.memory_bytes() < 4096, true);
}

}  // namespace
}  // namespace newsdex::detail
