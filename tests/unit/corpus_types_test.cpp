// Corpus-level entity types: the vote rule, the contested-name table read from the filter
// terms, and facets counting a contested name under the type the archive files it under, on
// every counting path (packed values, the FacetCache, the portable spy of remote shards).
#include <gtest/gtest.h>

#include <xapian.h>

#include <map>

#include "corpus_types.hpp"
#include "document_builder.hpp"
#include "facets.hpp"
#include "newsdex/schema.hpp"

namespace {

using namespace newsdex;
using detail::corpus_type;
using detail::TypeVotes;

constexpr EntityType per = EntityType::person, loc = EntityType::place, org = EntityType::org;

TEST(CorpusType, TheDominantTypeTakesOverTheArticlesOfAWeakOne) {
    const TypeVotes goldman{3, 0, 57};
    EXPECT_EQ(corpus_type(per, goldman), org);
    EXPECT_EQ(corpus_type(org, goldman), org);
    EXPECT_EQ(corpus_type(loc, goldman), org);  // no article, still filed like the rest
    const TypeVotes sony{8, 20, 15};             // BBC: split almost evenly between place and org
    EXPECT_EQ(corpus_type(per, sony), loc);      // 20 >= 2 x 8
    EXPECT_EQ(corpus_type(org, sony), org);      // 20 < 2 x 15: each article keeps its reading
    EXPECT_EQ(corpus_type(loc, sony), loc);
    const TypeVotes tie{5, 5, 1};
    EXPECT_EQ(corpus_type(per, tie), per);
    EXPECT_EQ(corpus_type(loc, tie), loc);
    EXPECT_EQ(corpus_type(org, tie), org);  // two winners: no type to file it under
    EXPECT_EQ(corpus_type(org, TypeVotes{0, 0, 0}), org);
    EXPECT_EQ(corpus_type(per, TypeVotes{2, 0, 4}), org);  // exactly the dominance
    EXPECT_EQ(corpus_type(per, TypeVotes{3, 0, 5}), per);
}

/// Articles tagging one name, each with its filter term and packed facet value as the
/// document builder writes them.
class Archive : public ::testing::Test {
  protected:
    Xapian::WritableDatabase db{"", Xapian::DB_BACKEND_INMEMORY};

    void add(std::vector<Entity> entities) {
        Xapian::Document doc;
        for (const Entity& e : entities) doc.add_boolean_term(detail::filter_term(schema::entity_prefix(e.type), e.canonical));
        doc.add_boolean_term("XARTICLE");
        doc.add_value(schema::slot_entities, detail::pack_entities(entities));
        db.add_document(doc);
    }
    void SetUp() override {
        for (int i = 0; i < 3; ++i) add({{per, "Goldman Sachs", 1}, {loc, "New York", 1}});
        for (int i = 0; i < 7; ++i) add({{org, "Goldman Sachs", 2}});
        add({{per, "Jordan", 1}});
        add({{loc, "Jordan", 1}});  // an even split stays as tagged
        Xapian::Document alias_only;  // alias terms are no votes
        alias_only.add_boolean_term(std::string(schema::prefix_org_alias) + "jordan");
        db.add_document(alias_only);
        db.commit();
    }

    std::map<std::string, std::size_t> facet(const std::string& name, bool local, const detail::FacetCache* cache) {
        detail::FacetCounter counter(db, {"person", "place", "org"}, local, cache, false);
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query("XARTICLE"));
        counter.attach(enquire);
        enquire.get_mset(0, 0, db.get_doccount());
        std::map<std::string, std::size_t> out;
        for (const FacetValue& v : counter.values(name, 100)) out[v.value] = v.count;
        return out;
    }
};

TEST_F(Archive, ContestedNamesAndTheirVotesComeFromTheFilterTerms) {
    const detail::CorpusTypes types(db);
    EXPECT_EQ(types.contested(), 2u);  // Goldman Sachs and Jordan; New York is a place only
    EXPECT_EQ(types.filed_under(per, "Goldman Sachs"), org);
    EXPECT_EQ(types.filed_under(per, "GOLDMAN  sachs"), org);  // folded like a filter
    EXPECT_EQ(types.filed_under(per, "Jordan"), per);
    EXPECT_EQ(types.filed_under(loc, "Jordan"), loc);
    EXPECT_EQ(types.filed_under(per, "Someone Else"), per);
    const TypeVotes votes = detail::type_votes(db, "goldman sachs");
    EXPECT_EQ(votes, (TypeVotes{3, 0, 7}));
    EXPECT_EQ(detail::type_votes(db, "Jordan"), (TypeVotes{1, 1, 0}));
}

TEST_F(Archive, NamesLookedUpOrTheWholeTableReadGiveTheSameVotes) {
    // 3 names of 13 articles: look-ups; 9 names: more than articles / 3, the whole table.
    const detail::CorpusTypes few = detail::CorpusTypes::of_names(db, {"Goldman Sachs", "New York", "goldman sachs"});
    EXPECT_EQ(few.contested(), 1u);  // only the names asked for
    std::vector<std::string_view> many = {"Goldman Sachs", "Jordan", "New York", "A", "B", "C", "D", "E", "F"};
    const detail::CorpusTypes all = detail::CorpusTypes::of_names(db, many);
    EXPECT_EQ(all.contested(), 2u);
    for (const detail::CorpusTypes* types : {&few, &all}) {
        EXPECT_EQ(types->filed_under(per, "Goldman Sachs"), org);
        EXPECT_EQ(types->filed_under(loc, "New York"), loc);
    }
}

TEST_F(Archive, FacetsCountAContestedNameUnderItsCorpusTypeOnEveryPath) {
    const detail::FacetCache cache(db);
    for (auto [local, with_cache] : {std::pair{true, false}, {true, true}, {false, false}}) {
        SCOPED_TRACE(std::string(local ? "local" : "portable") + (with_cache ? " cached" : ""));
        const detail::FacetCache* c = with_cache ? &cache : nullptr;
        EXPECT_EQ(facet("org", local, c), (std::map<std::string, std::size_t>{{"Goldman Sachs", 10}}));
        EXPECT_EQ(facet("person", local, c), (std::map<std::string, std::size_t>{{"Jordan", 1}}));
        EXPECT_EQ(facet("place", local, c), (std::map<std::string, std::size_t>{{"Jordan", 1}, {"New York", 3}}));
    }
}

TEST(CorpusTypes, AnIndexWithoutEntitiesContestsNothing) {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document doc;
    doc.add_term("oil");
    db.add_document(doc);
    EXPECT_EQ(detail::CorpusTypes(db).contested(), 0u);
    EXPECT_EQ(detail::CorpusTypes().filed_under(per, "Goldman Sachs"), per);
}

}  // namespace
