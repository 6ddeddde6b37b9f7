/// @file schema.cpp
/// The parts of the field table that are not constexpr (see schema.hpp).
#include "newsdex/schema.hpp"

namespace newsdex::schema {

std::optional<EntityType> entity_type_from_name(std::string_view name) {
    if (name == "person" || name == "people" || name == "per") return EntityType::person;
    if (name == "place" || name == "places" || name == "loc" || name == "location") return EntityType::place;
    if (name == "org" || name == "orgs" || name == "organisation" || name == "organization") return EntityType::org;
    return std::nullopt;
}

std::string query_field_names(std::string_view separator) {
    std::string out;
    for (const Field& field : fields) {
        if (field.kind == FieldKind::internal) continue;
        if (!out.empty()) out += separator;
        out += field.name;
    }
    return out;
}

std::string facet_names(std::string_view separator) {
    std::string out;
    for (EntityType type : {EntityType::person, EntityType::place, EntityType::org}) {
        if (!out.empty()) out += separator;
        out += entity_type_name(type);
    }
    for (const Field& field : fields) {
        if (!field.facet || entity_type_from_name(field.name)) continue;
        out += separator;
        out += field.name;
    }
    return out;
}

}  // namespace newsdex::schema
