/// @file schema.hpp
/// The one table that maps fields to Xapian term prefixes and value slots.
///
/// Everything that writes or reads the index (IndexWriter, the query parser,
/// facets, JSON output) takes prefixes and slots from here and nowhere else.
///
/// Terms (prefixes follow Omega's conventions, X... for our own):
///   (none)  body and title words, positional; title words get extra wdf
///   Z       stem of a body/title word, no positions (Xapian's STEM_SOME)
///   S, ZS   title words and their stems (title: searches only these)
///   Q       unique id (boolean)          -- id:
///   L       language, lower case         -- lang:
///   XSRC    source, case-folded          -- source:
///   U       url (boolean, hashed if long)
///   XPER, XLOC, XORG  canonical entity, case-folded -- person:, place:, org:
///   XCL     near-duplicate story cluster id
///   XSIG    near-duplicate LSH band keys (internal)
///   XY, XM  year "2025" and month "2025-03" of the date (boolean filters)
///   XT      cross-script key of a non-Latin name (capitalised mid-sentence) and of its stem
///           (common/src/transliteration.hpp; written since 2026-12-03: "Курске" -> XTkursk),
///           no positions, wdf 1 per occurrence
///   XA      accented form of a body/title word, case-folded with its marks kept, for words
///           whose folded term differs ("grève" -> XAgrève beside greve; schema 3,
///           common/src/accent_forms.hpp), no positions, wdf 0: a query with the marks ranks
///           the articles that write them first
/// Values:
///   0 date: Xapian::sortable_serialise(seconds since epoch, UTC)
///   1 year "2025", 2 month "2025-03", 3 source (as given), 4 lang,
///   5 cluster id,
///   102 entity facet values, all types packed in one value (schema 2;
///       common/src/facets.hpp): one value read per matching article,
///   103 the article body, deflated (schema 2; common/src/stored_article.hpp),
///   104 the article's stems and their wdf, packed (common/src/stem_vector.hpp;
///       written since 2026-11-27, optional: ranking reads the termlist of an
///       article without it),
///   105, 106 the result order's keys (common/src/result_order.hpp): a date
///       key then the id, undated first in 105 and last in 106, so equal
///       scores and equal dates come in an order of the articles themselves,
///       the same in one index and over shards (written since 2026-12-03,
///       optional: an index where some article lacks them breaks ties by docid),
///   200 near-duplicate MinHash signature (common/src/near_duplicates.hpp).
/// Document data: the fields shown per hit (id, title, date, source, url,
/// lang, entities), without the body, so a hit is read without the body.
///
/// Schema 1 (still searched, not written to): the body was the last field of
/// the document data, and slots 6..101 held one entity each (legacy_entity_slot()).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/article.hpp"

namespace newsdex::schema {

/// Bumped when the on-disk layout changes incompatibly; stored in the index.
/// Searches read every version from 1 up; IndexWriter adds only to indexes of this version.
/// 3: accented forms (XA terms); a schema 2 index is searched without their bonus.
inline constexpr int version = 3;
/// Metadata keys written by IndexWriter and read back by Searcher.
inline constexpr std::string_view meta_schema_version = "newsdex.schema_version";
inline constexpr std::string_view meta_analyzer = "newsdex.analyzer";
/// Version of the cross-script key function the XT terms were made with (absent before 2026-12-03).
inline constexpr std::string_view meta_cross_script = "newsdex.cross_script_keys";

inline constexpr std::string_view prefix_stem = "Z";
inline constexpr std::string_view prefix_title = "S";
inline constexpr std::string_view prefix_title_stem = "ZS";  ///< prefix_stem + prefix_title
inline constexpr std::string_view prefix_id = "Q";
inline constexpr std::string_view prefix_lang = "L";
inline constexpr std::string_view prefix_source = "XSRC";
inline constexpr std::string_view prefix_url = "U";
inline constexpr std::string_view prefix_person = "XPER";
inline constexpr std::string_view prefix_place = "XLOC";
inline constexpr std::string_view prefix_org = "XORG";
/// Names an article's entities also answer to (internal; a person:, place:, org: filter
/// matches them besides the canonical name): the surname of a person's full name
/// ("volcker" for Paul Volcker, so person:volcker finds every Volcker, the facet telling
/// them apart) and each surface form that resolved to another canonical name in the article
/// ("ec" where the article writes "European Community (EC)"). Values folded like filters;
/// the upper-case A keeps them apart from XPER + a folded (lower-case) name.
inline constexpr std::string_view prefix_person_alias = "XPERA";
inline constexpr std::string_view prefix_place_alias = "XLOCA";
inline constexpr std::string_view prefix_org_alias = "XORGA";
inline constexpr std::string_view prefix_cluster = "XCL";
inline constexpr std::string_view prefix_signature = "XSIG";
inline constexpr std::string_view prefix_year = "XY";
inline constexpr std::string_view prefix_month = "XM";
/// Cross-script name keys (internal): matched by the query's words in any script.
inline constexpr std::string_view prefix_cross_script = "XT";
/// Accented forms of words (internal, schema 3): the query's accented words rank them first.
inline constexpr std::string_view prefix_accent_form = "XA";

enum Slot : unsigned {
    slot_date = 0,
    slot_year = 1,
    slot_month = 2,
    slot_source = 3,
    slot_lang = 4,
    slot_cluster = 5,
    slot_legacy_entities_begin = 6,  ///< schema 1: one entity per slot (6..101)
    slot_entities = 102,      ///< entity facet values, packed (binary, internal)
    slot_body = 103,          ///< the body, deflated (binary, internal)
    slot_stems = 104,         ///< stem hashes and wdf, packed (binary, internal)
    slot_order_undated_first = 105,  ///< date key (undated lowest) + id: newest-first
    slot_order_undated_last = 106,   ///< date key (undated highest) + id: oldest-first and score ties
    slot_signature = 200,     ///< near-duplicate MinHash signature (binary, internal)
};

/// How many entities of one type an article keeps as facet values (the most
/// mentioned); every entity is a filter term regardless.
inline constexpr unsigned max_entities_per_type = 32;

/// Schema 1 only: value slot i (0 <= i < max_entities_per_type) for entities
/// of @p type, one entity per slot, counted with Xapian's ValueCountMatchSpy.
constexpr unsigned legacy_entity_slot(EntityType type, unsigned i) {
    return slot_legacy_entities_begin + static_cast<unsigned>(type) * max_entities_per_type + i;
}

// Schema 1 slots stay unused in schema 2, so a search can count both kinds.
static_assert(legacy_entity_slot(EntityType::org, max_entities_per_type - 1) < slot_entities,
              "schema 1 entity slots must not reach slot_entities");

/// Whether @p term starts with @p prefix (terms are prefix + text).
constexpr bool has_prefix(std::string_view term, std::string_view prefix) {
    return term.substr(0, prefix.size()) == prefix;
}

/// What a field is to a query.
enum class FieldKind {
    free_text,  ///< analysed words, stemmed, ranked (`title:`)
    boolean,    ///< an exact filter term, not ranked (`source:`, `person:`)
    range,      ///< a value range over a slot (`date:`)
    internal,   ///< written and read by the library only; no query field
};

/// "No value slot" in the field table.
inline constexpr unsigned no_slot = ~0U;

/// One row of the field table: everything that knows a field by name (the
/// query parser, the query lexer, facets, the search options, error
/// messages) reads it here, as notmuch's lib/prefix.cc does.
struct Field {
    std::string_view name;    ///< in queries, facets and JSON
    std::string_view prefix;  ///< term prefix ("" for none)
    unsigned slot;            ///< value slot, or no_slot
    FieldKind kind;
    bool facet;               ///< --facets can count it
    bool histogram = false;   ///< facet values listed in value (time) order, not by count
};

/// The field table, in the order field lists are given in messages.
inline constexpr std::array<Field, 17> fields{{
    {"date", "", slot_date, FieldKind::range, false},
    {"title", prefix_title, no_slot, FieldKind::free_text, false},
    {"id", prefix_id, no_slot, FieldKind::boolean, false},
    {"source", prefix_source, slot_source, FieldKind::boolean, true},
    {"lang", prefix_lang, slot_lang, FieldKind::boolean, true},
    {"url", prefix_url, no_slot, FieldKind::boolean, false},
    {"person", prefix_person, slot_entities, FieldKind::boolean, true},
    {"place", prefix_place, slot_entities, FieldKind::boolean, true},
    {"org", prefix_org, slot_entities, FieldKind::boolean, true},
    {"year", prefix_year, slot_year, FieldKind::internal, true, true},
    {"month", prefix_month, slot_month, FieldKind::internal, true, true},
    {"cluster", prefix_cluster, slot_cluster, FieldKind::internal, false},
    {"signature", prefix_signature, slot_signature, FieldKind::internal, false},
    {"person-alias", prefix_person_alias, no_slot, FieldKind::internal, false},
    {"place-alias", prefix_place_alias, no_slot, FieldKind::internal, false},
    {"org-alias", prefix_org_alias, no_slot, FieldKind::internal, false},
    {"cross-script", prefix_cross_script, no_slot, FieldKind::internal, false},
}};

/// The row named @p name (exact, lower case), or nullptr.
constexpr const Field* find_field(std::string_view name) {
    for (const Field& field : fields) {
        if (field.name == name) return &field;
    }
    return nullptr;
}

/// The field users can type before ':' (any kind but internal) named @p name, or nullptr.
constexpr const Field* find_query_field(std::string_view name) {
    const Field* field = find_field(name);
    return field && field->kind != FieldKind::internal ? field : nullptr;
}

/// The facet named @p name, or nullptr.
constexpr const Field* find_facet(std::string_view name) {
    const Field* field = find_field(name);
    return field && field->facet ? field : nullptr;
}

/// The name of an entity type in queries, facets and JSON: "person", "place", "org".
constexpr std::string_view entity_type_name(EntityType type) {
    switch (type) {
        case EntityType::person: return "person";
        case EntityType::place: return "place";
        case EntityType::org: return "org";
    }
    return "person";
}

/// The filter-term prefix of an entity type (XPER, XLOC, XORG).
constexpr std::string_view entity_prefix(EntityType type) { return find_field(entity_type_name(type))->prefix; }

/// The alias-term prefix of an entity type (XPERA, XLOCA, XORGA).
constexpr std::string_view entity_alias_prefix(EntityType type) {
    switch (type) {
        case EntityType::person: return prefix_person_alias;
        case EntityType::place: return prefix_place_alias;
        case EntityType::org: return prefix_org_alias;
    }
    return prefix_person_alias;
}

/// The entity type a field, facet or alias-table name stands for ("person",
/// also "people", "per"; "place", "loc", "location"; "org", "organisation").
std::optional<EntityType> entity_type_from_name(std::string_view name);

/// Every query field in table order, joined by @p separator ("date, title, id, ..."), for messages.
std::string query_field_names(std::string_view separator = ", ");
/// Every facet, entity types first, joined by @p separator ("person, place, org, source, ..."), for messages.
std::string facet_names(std::string_view separator = ", ");

/// Terms are capped by Xapian (245 bytes); longer boolean values are hashed.
inline constexpr std::size_t max_term_bytes = 240;

}  // namespace newsdex::schema
