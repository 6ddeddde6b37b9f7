/// @file near_duplicates_test.cpp
/// MinHash signatures, LSH keys and story clusters (common/src/near_duplicates.hpp).
#include "near_duplicates.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/schema.hpp"

namespace newsdex::detail {
namespace {

/// Lower-cased ASCII words: stands in for the Analyzer, which these tests do not exercise.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (unsigned char c : text + " ") {
        if (std::isalnum(c)) {
            word.push_back(static_cast<char>(std::tolower(c)));
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    return words;
}

Signature sign(const std::string& text) { return make_signature(words_of(text)); }

const std::string rates_story =
    "The central bank held its main interest rate at 4.75% on Thursday, as policymakers weighed "
    "slowing house prices against a rise in consumer spending over the Christmas period. "
    "Economists had widely expected the decision, although two members of the monetary policy "
    "committee were thought to favour a further increase to curb inflation. "
    "The bank said the economy had grown by 0.7% in the last three months of the year, "
    "slightly faster than forecast, while manufacturing output remained weak. "
    "Retailers reported mixed sales in January, with clothing and electrical goods selling well "
    "but furniture shops struggling as the housing market cooled. "
    "Analysts said the next move in rates was still likely to be upwards, but not before the summer, "
    "and the pound fell slightly against the dollar after the announcement.";

const std::string appended_paragraph =
    "Separately, figures from the statistics office showed that unemployment fell to its lowest "
    "level for almost thirty years, with the number of people claiming benefits down by 8,000.";

/// A different story on the same topic, sharing much of the vocabulary.
const std::string other_rates_story =
    "Interest rates in the eurozone were left unchanged at 2% for the nineteenth month in a row, "
    "the European Central Bank said on Thursday. Its president said inflation was expected to "
    "remain close to the target this year, but warned that higher oil prices posed a risk. "
    "The decision was expected by economists, who said the strong euro was holding back exports "
    "from Germany and France. Some analysts believe the bank could cut rates later in the year if "
    "growth slows, while others expect an increase as consumer spending picks up.";

const std::string football_story =
    "Chelsea moved five points clear at the top of the Premiership after a late goal from their "
    "striker secured a 1-0 win away at Birmingham on Saturday afternoon. The visitors dominated "
    "possession but struggled to break down a well organised defence until the final minutes, "
    "when a low cross from the left was turned in at the near post. The manager praised his "
    "players for their patience and said the title race was far from over with fourteen games left.";

TEST(NearDuplicates, IdenticalTextsHaveIdenticalSignatures) {
    const Signature a = sign(rates_story);
    const Signature b = sign(rates_story);
    EXPECT_EQ(a, b);
    EXPECT_EQ(band_keys(a), band_keys(b));
    EXPECT_DOUBLE_EQ(estimated_jaccard(a, b), 1.0);
    EXPECT_TRUE(is_near_duplicate(a, b));
}

/// The hash functions as the on-disk format defines them (splitmix64 of
/// feature ^ seed_i, seed_i = splitmix64("newsdex" + i)), written out plainly.
std::uint64_t reference_mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

TEST(NearDuplicates, EveryMinhashKernelGivesTheReferenceMinima) {
    std::mt19937_64 random(19);
    std::size_t run = 0;
    for (const MinhashKernel& kernel : minhash_kernels()) {
        if (!kernel.supported) {
            std::printf("note: this CPU cannot run the %s kernel; not compared\n", kernel.name);
            continue;
        }
        ++run;
        for (std::size_t count : {0, 1, 2, 7, 8, 9, 31, 64, 1000}) {
            std::vector<std::uint64_t> features(count);
            for (auto& f : features) f = random();
            // Start from arbitrary minima too: a kernel must keep a smaller one.
            std::array<std::uint64_t, minhash_count> start;
            for (auto& m : start) m = random() >> (random() % 64);
            std::array<std::uint64_t, minhash_count> expected = start;
            for (std::uint64_t f : features) {
                for (std::size_t i = 0; i < minhash_count; ++i) {
                    const std::uint64_t h = reference_mix(f ^ reference_mix(0x6e657773646578ULL + i));
                    if (h < expected[i]) expected[i] = h;
                }
            }
            std::array<std::uint64_t, minhash_count> got = start;
            kernel.fold(features.data(), features.size(), got.data());
            EXPECT_EQ(got, expected) << kernel.name << ", " << count << " features";
        }
    }
    EXPECT_GE(run, 1u);
    EXPECT_EQ(std::string(minhash_kernels().back().name), "default");
}

TEST(NearDuplicates, SignatureMinimaAreThoseOfTheOnDiskFormat) {
    // Pinned from the scalar loop that wrote every existing index (main at
    // 6f27d7f gives this digest): a kernel
    // that changed a single minimum would change band terms and clusters.
    const Signature sig = sign(rates_story);
    ASSERT_FALSE(sig.empty());
    std::uint64_t digest = 0xcbf29ce484222325ULL;
    for (std::uint16_t m : sig.minima) digest = (digest ^ m) * 0x100000001b3ULL;
    EXPECT_EQ(digest, 13640236137663236846ULL) << "first minima " << sig.minima[0] << " " << sig.minima[1];
}

TEST(NearDuplicates, ContentHashDistinguishesWordOrder) {
    EXPECT_NE(sign("a b c d").content_hash, sign("b a c d").content_hash);
    EXPECT_NE(sign("ab c").content_hash, sign("a bc").content_hash);
}

TEST(NearDuplicates, EditedCopiesAreNearDuplicates) {
    const Signature original = sign(rates_story);

    std::string appended = rates_story + " " + appended_paragraph;
    std::string edited = rates_story;  // a few words changed, as an agency update would
    edited.replace(edited.find("Thursday"), 8, "Wednesday");
    edited.replace(edited.find("0.7%"), 4, "0.8%");
    edited.replace(edited.find("furniture"), 9, "DIY");
    std::string truncated = rates_story.substr(0, rates_story.find("Retailers"));

    struct Row {
        const char* name;
        std::string text;
    };
    for (const Row& row : {Row{"appended paragraph", appended}, Row{"three words edited", edited},
                           Row{"last paragraphs cut", truncated}}) {
        SCOPED_TRACE(row.name);
        const Signature copy = sign(row.text);
        EXPECT_NE(copy.content_hash, original.content_hash);
        EXPECT_TRUE(is_near_duplicate(original, copy)) << estimated_jaccard(original, copy);
    }
}

TEST(NearDuplicates, UnrelatedAndSameTopicStoriesAreNotNearDuplicates) {
    const Signature rates = sign(rates_story);
    EXPECT_LT(estimated_jaccard(rates, sign(other_rates_story)), 0.2);
    EXPECT_FALSE(is_near_duplicate(rates, sign(other_rates_story)));
    EXPECT_FALSE(is_near_duplicate(rates, sign(football_story)));
}

TEST(NearDuplicates, EmptyTextMatchesNothing) {
    const Signature empty = make_signature({});
    EXPECT_TRUE(empty.empty());
    EXPECT_TRUE(band_keys(empty).empty());
    EXPECT_FALSE(is_near_duplicate(empty, empty));
}

TEST(NearDuplicates, ShortTextsUseWordsAndStillMatchExactly) {
    const Signature a = sign("Minister resigns over expenses");
    EXPECT_TRUE(a.unigrams);
    EXPECT_EQ(a.feature_count, 4u);
    EXPECT_TRUE(is_near_duplicate(a, sign("Minister resigns over expenses")));
    EXPECT_FALSE(is_near_duplicate(a, sign("Striker signs new contract")));
}

TEST(NearDuplicates, TinyBodiesAreSignedWithTheirHeadline) {
    const Analyzer analyzer;
    using Words = std::vector<std::string>;
    EXPECT_EQ(signed_words(analyzer, "Floods in Valencia", {"toll", "rises"}),
              (Words{"floods", "in", "valencia", "toll", "rises"}));
    EXPECT_EQ(signed_words(analyzer, "Floods", {}), Words{"floods"});
    const Words body{"one", "two", "three", "four", "five", "six", "seven", "eight"};
    ASSERT_EQ(body.size(), min_body_words);
    EXPECT_EQ(signed_words(analyzer, "A changed headline", body), body);
}

TEST(NearDuplicates, BandKeysAreShortDistinctStrings) {
    const std::vector<std::string> keys = band_keys(sign(rates_story));
    ASSERT_EQ(keys.size(), lsh_bands);
    EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), lsh_bands);
    for (const std::string& key : keys) {
        EXPECT_EQ(key.size(), 2 + 4 * lsh_rows);
        EXPECT_LE(schema::prefix_signature.size() + key.size(), schema::max_term_bytes);
    }
    EXPECT_EQ(keys[0].substr(0, 2), "00");
    EXPECT_EQ(keys[lsh_bands - 1].substr(0, 2), "13");  // band 19 of 20
    // Word-set signatures of short texts use their own key space.
    EXPECT_EQ(band_keys(sign("Minister resigns"))[0].substr(0, 2), "80");
}

TEST(NearDuplicates, LayoutsNameAndParse) {
    EXPECT_EQ(layout_name(LshLayout{}), "20x2");
    EXPECT_EQ(layout_name(legacy_lsh_layout), "42x3");
    ASSERT_TRUE(parse_layout("42x3").has_value());
    EXPECT_TRUE(*parse_layout("42x3") == legacy_lsh_layout);
    for (const char* bad : {"", "x", "42", "42x", "x3", "0x2", "20x0", "20x5", "128x1", "64x3", "2a x2", "-1x2"}) {
        EXPECT_FALSE(parse_layout(bad).has_value()) << bad;
    }
    // The legacy layout: 42 keys of 3 rows.
    const std::vector<std::string> keys = band_keys(sign(rates_story), legacy_lsh_layout);
    ASSERT_EQ(keys.size(), 42u);
    EXPECT_EQ(keys[0].size(), 2u + 12u);
    EXPECT_EQ(keys[41].substr(0, 2), "29");
}

TEST(AssignCluster, AnIndexKeepsItsLegacyLayout) {
    // An index made with 42 bands x 3 rows: copies added later must find
    // the originals through the old band terms.
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    auto add = [&](const std::string& id, const std::string& text, LshLayout layout) {
        const Signature sig = sign(text);
        Xapian::Document doc;
        doc.add_boolean_term(std::string(schema::prefix_id) + id);
        add_near_duplicate_data(doc, sig, id);  // built with the current layout ...
        set_band_terms(doc, sig, layout);       // ... as IndexWriter rewrites it for the index's own
        const std::string cluster = assign_cluster(db, sig, id, nullptr, layout);
        db.replace_document(std::string(schema::prefix_id) + id, doc);
        return std::make_pair(cluster, doc);
    };
    add("a", rates_story, legacy_lsh_layout);
    auto [cluster, doc] = add("b", rates_story + " " + appended_paragraph, legacy_lsh_layout);
    EXPECT_EQ(cluster, "a");
    std::size_t xsig = 0;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        if ((*it).rfind("XSIG", 0) == 0) {
            ++xsig;
            EXPECT_EQ((*it).size(), 4u + 14u) << *it;
        }
    }
    EXPECT_EQ(xsig, 42u);
    // The current layout's keys do not meet the legacy ones.
    EXPECT_EQ(assign_cluster(db, sign(rates_story), "c"), "c");
}

TEST(AssignCluster, IndexWriterUsesTheIndexsLayout) {
    char dir_template[] = "/tmp/newsdex-layout.XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    const std::string dir = dir_template;
    auto article = [](const std::string& id, const std::string& body) {
        newsdex::Article a;
        a.id = id;
        a.title = "Rates";
        a.body = body;
        return a;
    };
    auto band_term_sizes = [&](const std::string& id) {
        Xapian::Database db(dir);
        const Xapian::Document doc = db.get_document(*db.postlist_begin(std::string(schema::prefix_id) + id));
        std::set<std::size_t> sizes;
        std::size_t count = 0;
        for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
            if ((*it).rfind("XSIG", 0) == 0) ++count, sizes.insert((*it).size());
        }
        return std::make_pair(count, sizes);
    };
    newsdex::IndexWriterOptions options;
    options.extract_entities = false;
    {
        newsdex::IndexWriter writer(dir, options);
        writer.upsert(article("a", rates_story));
        writer.commit();
    }
    EXPECT_EQ(Xapian::Database(dir).get_metadata(meta_lsh_layout), "20x2");
    EXPECT_EQ(band_term_sizes("a"), std::make_pair(std::size_t{20}, std::set<std::size_t>{4 + 10}));
    {
        // Made by an older newsdex: no layout key, 42 x 3 band terms.
        Xapian::WritableDatabase db(dir);
        db.set_metadata(meta_lsh_layout, "");
        Xapian::Document doc = db.get_document(*db.postlist_begin("Qa"));
        set_band_terms(doc, unserialise(doc.get_value(schema::slot_signature)), legacy_lsh_layout);
        db.replace_document("Qa", doc);
        db.commit();
    }
    {
        newsdex::IndexWriter writer(dir, options);
        writer.upsert(article("b", rates_story + " " + appended_paragraph));
        writer.commit();
    }
    EXPECT_EQ(band_term_sizes("b"), std::make_pair(std::size_t{42}, std::set<std::size_t>{4 + 14}));
    Xapian::Database db(dir);
    EXPECT_EQ(db.get_document(*db.postlist_begin("Qb")).get_value(schema::slot_cluster), "a");
    EXPECT_EQ(db.get_metadata(meta_lsh_layout), "");
    std::filesystem::remove_all(dir);
}

TEST(NearDuplicates, SerialiseRoundTrips) {
    for (const std::string& text : {rates_story, std::string("Minister resigns"), std::string()}) {
        SCOPED_TRACE(text.substr(0, 20));
        const Signature sig = sign(text);
        const std::string data = serialise(sig);
        EXPECT_EQ(data.size(), 270u);
        EXPECT_EQ(unserialise(data), sig);
    }
}

TEST(NearDuplicates, UnserialiseRejectsDamagedValues) {
    std::string data = serialise(sign(rates_story));
    EXPECT_TRUE(unserialise(data.substr(0, 100)).empty());
    EXPECT_TRUE(unserialise("").empty());
    data[0] = '\x7f';  // unknown format version
    EXPECT_TRUE(unserialise(data).empty());
}

TEST(NearDuplicates, ClusterTermHashesIdsTooLongForATerm) {
    EXPECT_EQ(cluster_term("bbc-001"), "XCLbbc-001");
    const std::string long_id(400, 'x');
    const std::string term = cluster_term(long_id);
    EXPECT_EQ(term.size(), schema::max_term_bytes);
    EXPECT_NE(term, cluster_term(std::string(399, 'x') + "y"));
}

/// Indexes @p text as article @p id the way IndexWriter does; returns its cluster.
std::string index_article(Xapian::WritableDatabase& db, const std::string& id, const std::string& text) {
    const Signature sig = sign(text);
    const std::string cluster = assign_cluster(db, sig, id);
    Xapian::Document doc;
    doc.add_boolean_term(std::string(schema::prefix_id) + id);
    add_near_duplicate_data(doc, sig, cluster);
    db.replace_document(std::string(schema::prefix_id) + id, doc);
    return cluster;
}

TEST(AssignCluster, CopiesJoinTheFirstArticlesCluster) {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    EXPECT_EQ(index_article(db, "a", rates_story), "a");
    EXPECT_EQ(index_article(db, "b", football_story), "b");
    EXPECT_EQ(index_article(db, "c", rates_story), "a");                               // identical
    EXPECT_EQ(index_article(db, "d", rates_story + " " + appended_paragraph), "a");  // updated
    EXPECT_EQ(index_article(db, "e", other_rates_story), "e");                        // same topic

    EXPECT_EQ(db.get_termfreq("XCLa"), 3u);
    EXPECT_EQ(db.get_document(db.postlist_begin("Qd").operator*()).get_value(schema::slot_cluster), "a");
}

TEST(AssignCluster, ReindexingAnArticleKeepsItsCluster) {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    EXPECT_EQ(index_article(db, "a", rates_story), "a");
    EXPECT_EQ(index_article(db, "a", rates_story), "a");  // must not match its own old version
    EXPECT_EQ(index_article(db, "b", rates_story), "a");
    EXPECT_EQ(index_article(db, "b", rates_story), "a");  // joins a, not its own old cluster id
    EXPECT_EQ(index_article(db, "a", rates_story), "a");
    EXPECT_EQ(db.get_doccount(), 2u);
    EXPECT_EQ(db.get_termfreq("XCLa"), 2u);
}

TEST(AssignCluster, ChainsOfEditsStayInOneCluster) {
    // Each version differs from the previous one by a little, from the first by more.
    std::string version = rates_story;
    const std::vector<std::pair<std::string, std::string>> edits{
        {"Thursday", "Wednesday"}, {"4.75%", "4.5%"}, {"furniture", "DIY"}, {"dollar", "euro"}};
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    EXPECT_EQ(index_article(db, "v0", version), "v0");
    for (std::size_t i = 0; i < edits.size(); ++i) {
        version.replace(version.find(edits[i].first), edits[i].first.size(), edits[i].second);
        if (i % 2 == 1) version += " " + appended_paragraph.substr(0, 40 * i);
        EXPECT_EQ(index_article(db, "v" + std::to_string(i + 1), version), "v0") << "version " << i + 1;
    }
}

TEST(AssignCluster, EmptyTextGetsItsOwnCluster) {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    EXPECT_EQ(index_article(db, "a", ""), "a");
    EXPECT_EQ(index_article(db, "b", ""), "b");
}

}  // namespace
}  // namespace newsdex::detail
