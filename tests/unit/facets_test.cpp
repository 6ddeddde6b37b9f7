// Entity facets (schema 2: one packed value per article) count exactly what
// schema 1's one-slot-per-entity ValueCountMatchSpys counted, with and without
// the Searcher's FacetCache; schema 1 indexes still answer the same.
#include <gtest/gtest.h>

#include <xapian.h>

#include <set>

#include "facets.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/schema.hpp"
#include "newsdex/searcher.hpp"
#include "newsdex/readers.hpp"
#include "stored_article.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;

TEST(PackedEntities, KeepOrderAndTheCapPerType) {
    std::vector<Entity> entities;
    for (int i = 0; i < 40; ++i) entities.push_back({EntityType::person, "Person " + std::to_string(i), 40 - i});
    entities.push_back({EntityType::place, "Kursk", 2});
    entities.push_back({EntityType::org, std::string(300, 'x'), 1});  // a length needing two varint bytes
    std::vector<std::pair<EntityType, std::string>> out;
    detail::for_each_packed_entity(detail::pack_entities(entities),
                                   [&](EntityType t, std::string_view name) { out.emplace_back(t, name); });
    ASSERT_EQ(out.size(), schema::max_entities_per_type + 2);
    EXPECT_EQ(out[0].second, "Person 0");
    EXPECT_EQ(out[schema::max_entities_per_type - 1].second, "Person 31");
    EXPECT_EQ(out[schema::max_entities_per_type].first, EntityType::place);
    EXPECT_EQ(out.back().second.size(), 300u);
    EXPECT_TRUE(detail::pack_entities({}).empty());
}

TEST(PackedEntities, MalformedValueThrows) {
    auto ignore = [](EntityType, std::string_view) {};
    EXPECT_THROW(detail::for_each_packed_entity(std::string("\0\x09Kursk", 7), ignore), Error);  // too short
    EXPECT_THROW(detail::for_each_packed_entity(std::string("\x05\x01x", 3), ignore), Error);    // no such type
    EXPECT_THROW(detail::for_each_packed_entity(std::string("\x01\x80", 2), ignore), Error);     // cut varint
}

/// Schema 1's document data: the hit fields, then the body.
std::string schema_one_data(const Article& a) {
    std::string out(1, '\1');
    auto varint = [&](std::size_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<char>(v));
    };
    auto string = [&](const std::string& s) {
        varint(s.size());
        out += s;
    };
    for (const std::string* s : {&a.id, &a.title, &a.date, &a.source, &a.url, &a.lang}) string(*s);
    varint(a.entities.size());
    for (const Entity& e : a.entities) {
        varint(static_cast<std::size_t>(e.type));
        string(e.canonical);
        varint(static_cast<std::size_t>(e.mentions));
    }
    string(a.body);
    return out;
}

/// A copy of a schema 2 index as schema 1 wrote it (same docids, terms, other values).
void write_schema_one_copy(const std::filesystem::path& from, const std::filesystem::path& to) {
    Xapian::Database in(from.string());
    Xapian::WritableDatabase out(to.string(), Xapian::DB_CREATE);
    for (auto k = in.metadata_keys_begin(); k != in.metadata_keys_end(); ++k) out.set_metadata(*k, in.get_metadata(*k));
    out.set_metadata(std::string(schema::meta_schema_version), "1");
    for (auto p = in.postlist_begin(""); p != in.postlist_end(""); ++p) {
        Xapian::Document doc = in.get_document(*p);
        Article a = detail::read_article(doc, true);
        doc.set_data(schema_one_data(a));
        unsigned used[3] = {0, 0, 0};
        detail::for_each_packed_entity(doc.get_value(schema::slot_entities), [&](EntityType t, std::string_view name) {
            doc.add_value(schema::legacy_entity_slot(t, used[static_cast<unsigned>(t)]++), std::string(name));
        });
        doc.add_value(schema::slot_entities, "");  // removes it (if present)
        doc.add_value(schema::slot_body, "");
        out.replace_document(*p, doc);
    }
    out.commit();
}

class SchemaVersions : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir = new test::TempDir;
        IndexWriter writer(dir->path() / "v2");
        // Plus a second copy of every tenth article: near-duplicate stories to collapse.
        std::size_t n = 0;
        std::vector<Article> copies;
        read_inputs({NEWSDEX_SOURCE_DIR "/corpus"}, {},
                             [&](Article&& a) {
                                 if (n++ % 10 == 0) {
                                     copies.push_back(a);
                                     copies.back().id = "copy-" + a.id;
                                 }
                                 writer.upsert(std::move(a));
                             },
                             [](const Diagnostic&) {});
        for (Article& a : copies) writer.upsert(std::move(a));
        writer.commit();
        try {
            write_schema_one_copy(dir->path() / "v2", dir->path() / "v1");
        } catch (const Xapian::Error& e) {
            throw std::runtime_error("writing the schema 1 copy: " + e.get_description());
        }
    }
    static void TearDownTestSuite() { delete dir; }
    static test::TempDir* dir;

    static SearchRequest request(const std::string& query) {
        SearchRequest r;
        r.query = query;
        r.limit = 20;
        r.facets = {"person", "place", "org", "source", "lang", "year", "month"};
        r.facet_limit = 1000;
        return r;
    }
};
test::TempDir* SchemaVersions::dir = nullptr;

void expect_same_facets(const SearchResults& a, const SearchResults& b);

void expect_same(const SearchResults& a, const SearchResults& b) {
    EXPECT_EQ(a.total_estimate, b.total_estimate);
    EXPECT_EQ(a.exact, b.exact);
    ASSERT_EQ(a.hits.size(), b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
        SCOPED_TRACE("hit " + std::to_string(i));
        EXPECT_EQ(a.hits[i].article.id, b.hits[i].article.id);
        EXPECT_EQ(a.hits[i].article.title, b.hits[i].article.title);
        EXPECT_EQ(a.hits[i].title_highlights, b.hits[i].title_highlights);
        ASSERT_EQ(a.hits[i].snippets.size(), b.hits[i].snippets.size());
        for (std::size_t s = 0; s < a.hits[i].snippets.size(); ++s) {
            EXPECT_EQ(a.hits[i].snippets[s].text, b.hits[i].snippets[s].text);
            EXPECT_EQ(a.hits[i].snippets[s].highlights, b.hits[i].snippets[s].highlights);
        }
    }
    expect_same_facets(a, b);
}

void expect_same_facets(const SearchResults& a, const SearchResults& b) {
    ASSERT_EQ(a.facets.size(), b.facets.size());
    for (const auto& [name, values] : a.facets) {
        SCOPED_TRACE("facet " + name);
        const auto& other = b.facets.at(name);
        ASSERT_EQ(values.size(), other.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            EXPECT_EQ(values[i].value, other[i].value);
            EXPECT_EQ(values[i].count, other[i].count);
        }
    }
}

TEST_F(SchemaVersions, SchemaOneIndexAnswersLikeSchemaTwoWithAndWithoutTheFacetCache) {
    const std::vector<std::string> queries = {"Trump", "election", "the OR la OR il", "Kursk", "person:trump",
                                              "government", "東京"};
    Searcher v1({dir->path() / "v1"});
    Searcher v2({dir->path() / "v2"});
    std::size_t entity_counts = 0;
    for (int round = 0; round < 2; ++round) {  // round 1: the schema 2 searcher counts from its FacetCache
        for (const std::string& q : queries) {
            SCOPED_TRACE("round " + std::to_string(round) + " query " + q);
            SearchResults old_results = v1.search(request(q));
            SearchResults new_results = v2.search(request(q));
            expect_same(old_results, new_results);
            for (const char* type : {"person", "place", "org"}) entity_counts += new_results.facets[type].size();
        }
    }
    EXPECT_GT(entity_counts, 100u);  // the comparison covered real entity facets
}

TEST_F(SchemaVersions, ExactTotalsCountArticlesOrStoriesWithAndWithoutTheCache) {
    // Facets and --count come with an exact total: the matching articles, or
    // with collapsing one per near-duplicate story (and one per article
    // without a story), checked here against every hit listed.
    for (bool warm : {false, true}) {
        Searcher searcher({dir->path() / "v2"});
        if (warm) (void)searcher.search(request("Trump"));  // the next facet search builds the cache
        for (std::string q : {"Trump", "election", "the OR la OR il", "government", "Kursk"}) {
            SCOPED_TRACE(q + (warm ? " (cached)" : " (first search)"));
            SearchRequest everything = request(q);
            everything.facets.clear();
            everything.collapse = false;
            everything.limit = 100000;
            everything.snippets_per_hit = 0;
            SearchResults all = searcher.search(everything);
            std::set<std::string> stories;
            std::size_t alone = 0;
            for (const Hit& h : all.hits) h.cluster.empty() ? (void)++alone : (void)stories.insert(h.cluster);
            ASSERT_GT(all.hits.size(), 0u);

            SearchRequest collapsed = request(q);
            SearchResults c = searcher.search(collapsed);
            EXPECT_TRUE(c.exact);
            EXPECT_EQ(c.total_estimate, stories.size() + alone);
            SearchRequest articles = request(q);
            articles.collapse = false;
            SearchResults a = searcher.search(articles);
            EXPECT_TRUE(a.exact);
            EXPECT_EQ(a.total_estimate, all.hits.size());
            expect_same_facets(a, c);
            SearchRequest count = everything;
            count.exact_count = true;
            count.limit = 0;
            EXPECT_EQ(searcher.search(count).total_estimate, all.hits.size());
            count.collapse = true;
            EXPECT_EQ(searcher.search(count).total_estimate, stories.size() + alone);
        }
    }
}

TEST_F(SchemaVersions, SchemaOneIsSearchedButNotWritten) {
    try {
        IndexWriter writer(dir->path() / "v1");
        FAIL() << "adding to a schema 1 index must be refused";
    } catch (const IndexError& e) {
        EXPECT_EQ(e.kind(), IndexError::Kind::version);
        EXPECT_NE(std::string(e.what()).find("index has schema version 1 but this newsdex writes version 3"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
