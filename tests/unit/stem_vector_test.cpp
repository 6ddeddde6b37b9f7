// Stem vectors (schema::slot_stems): the packed stems ranking compares top
// articles by, and that they say what the termlist says.
#include <gtest/gtest.h>

#include <xapian.h>

#include <string>

#include "document_builder.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/schema.hpp"
#include "ranking.hpp"
#include "stem_vector.hpp"

namespace {

using newsdex::detail::StemVector;

TEST(StemVector, RoundTripsAndRefusesWhatIsNotOne) {
    StemVector v;
    v.length = 42;
    v.stems = {{3, 1}, {70000, 2}, {0xffffffffu, 300}};
    std::string packed = newsdex::detail::serialise_stem_vector(v);
    std::optional<StemVector> back = newsdex::detail::unserialise_stem_vector(packed);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->length, 42);
    EXPECT_EQ(back->stems, v.stems);
    EXPECT_FALSE(newsdex::detail::unserialise_stem_vector(""));
    EXPECT_FALSE(newsdex::detail::unserialise_stem_vector(packed.substr(0, packed.size() - 1)));
    EXPECT_FALSE(newsdex::detail::unserialise_stem_vector(packed + "x"));
    EXPECT_FALSE(newsdex::detail::unserialise_stem_vector("\x01\xff"));
}

TEST(StemVector, CountsEveryTermInTheLengthAndOnlyStemsInTheVector) {
    Xapian::Document doc;
    doc.add_term("Zflood", 3);
    doc.add_term("ZSflood", 1);
    doc.add_term("flood", 3);
    doc.add_boolean_term("Qid");
    StemVector v = newsdex::detail::stem_vector(doc);
    EXPECT_EQ(v.length, 7);
    ASSERT_EQ(v.stems.size(), 2u);
    for (const auto& [hash, wdf] : v.stems) {
        EXPECT_TRUE(hash == newsdex::detail::stem_hash32("Zflood") ? wdf == 3 : hash == newsdex::detail::stem_hash32("ZSflood") && wdf == 1);
    }
}

// An indexed article's stored vector is what its termlist gives (the
// fallback for articles indexed before the slot existed).
TEST(StemVector, StoredVectorMatchesTheTermlist) {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    newsdex::Analyzer analyzer;
    newsdex::IndexWriterOptions options;
    options.extract_entities = false;
    newsdex::detail::DocumentBuilder builder(analyzer, options);
    newsdex::Article a;
    a.id = "a";
    a.title = "Floods hit Valencia";
    a.body = "Flash floods hit Valencia on Tuesday. Rescuers searched flooded streets in Valencia.";
    Xapian::docid with_slot = db.add_document(builder.build(a, db));
    Xapian::Document copy = db.get_document(with_slot);
    copy.remove_value(newsdex::schema::slot_stems);
    Xapian::docid without_slot = db.add_document(copy);
    db.commit();

    newsdex::detail::StemReader reader(db);
    const StemVector stored = reader.vector(with_slot);
    const StemVector derived = reader.vector(without_slot);
    EXPECT_FALSE(db.get_document(with_slot).get_value(newsdex::schema::slot_stems).empty());
    EXPECT_EQ(stored.length, db.get_doclength(with_slot));
    EXPECT_EQ(stored.length, derived.length);
    EXPECT_EQ(stored.stems, derived.stems);
    EXPECT_GE(stored.stems.size(), 6u);
}

}  // namespace
