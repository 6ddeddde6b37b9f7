/// The field table (schema.hpp): every list of fields reads it.
#include <gtest/gtest.h>

#include <set>

#include "facets.hpp"
#include "newsdex/entities.hpp"
#include "newsdex/schema.hpp"

using namespace newsdex;

TEST(Schema, EveryFieldHasOneNameAndEveryPrefixOneField) {
    std::set<std::string_view> names, prefixes;
    for (const schema::Field& field : schema::fields) {
        SCOPED_TRACE(std::string(field.name));
        EXPECT_TRUE(names.insert(field.name).second);
        if (!field.prefix.empty()) {
            EXPECT_TRUE(prefixes.insert(field.prefix).second);
        }
        EXPECT_EQ(schema::find_field(field.name), &field);
    }
}

TEST(Schema, QueryFieldsAreTheFieldsThatAreNotInternal) {
    EXPECT_EQ(schema::query_field_names(), "date, title, id, source, lang, url, person, place, org");
    EXPECT_NE(schema::find_query_field("date"), nullptr);
    EXPECT_EQ(schema::find_query_field("date")->kind, schema::FieldKind::range);
    EXPECT_EQ(schema::find_query_field("title")->kind, schema::FieldKind::free_text);
    EXPECT_EQ(schema::find_query_field("source")->kind, schema::FieldKind::boolean);
    EXPECT_EQ(schema::find_query_field("year"), nullptr);     // a facet, not a query field
    EXPECT_EQ(schema::find_query_field("cluster"), nullptr);  // internal
    EXPECT_EQ(schema::find_query_field("Title"), nullptr);    // names are lower case
}

TEST(Schema, FacetsAreTheFieldsMarkedFacetEntityTypesFirst) {
    EXPECT_EQ(schema::facet_names(), "person, place, org, source, lang, year, month");
    EXPECT_EQ(schema::facet_names(","), "person,place,org,source,lang,year,month");
    for (const schema::Field& field : schema::fields) {
        SCOPED_TRACE(std::string(field.name));
        EXPECT_EQ(detail::is_facet_name(field.name), field.facet);
        EXPECT_EQ(schema::find_facet(field.name) != nullptr, field.facet);
    }
    EXPECT_TRUE(schema::find_facet("year")->histogram);
    EXPECT_FALSE(schema::find_facet("source")->histogram);
    EXPECT_FALSE(detail::is_facet_name("people"));  // aliases are for the alias table only
}

TEST(Schema, EntityTypesMapToTheirFieldsBothWays) {
    for (EntityType type : {EntityType::person, EntityType::place, EntityType::org}) {
        const schema::Field* field = schema::find_field(schema::entity_type_name(type));
        ASSERT_NE(field, nullptr);
        EXPECT_EQ(schema::entity_prefix(type), field->prefix);
        EXPECT_EQ(schema::entity_type_from_name(field->name), type);
        EXPECT_STREQ(to_string(type), std::string(field->name).c_str());
    }
    EXPECT_EQ(schema::entity_prefix(EntityType::place), "XLOC");
    EXPECT_EQ(schema::entity_type_from_name("organisation"), EntityType::org);
    EXPECT_FALSE(schema::entity_type_from_name("colour"));
}

TEST(Schema, PrefixesAreComparedWhole) {
    EXPECT_TRUE(schema::has_prefix("ZSkursk", schema::prefix_title_stem));
    EXPECT_TRUE(schema::has_prefix("Zkursk", schema::prefix_stem));
    EXPECT_FALSE(schema::has_prefix("Skursk", schema::prefix_title_stem));
    EXPECT_FALSE(schema::has_prefix("Z", schema::prefix_title_stem));
    EXPECT_EQ(std::string(schema::prefix_stem) + std::string(schema::prefix_title), schema::prefix_title_stem);
}
