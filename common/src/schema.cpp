#include "newsdex/schema.hpp"

namespace newsdex::schema {

std::optional<EntityType> entity_type_from_name(std::string_view name) {
    if (name == "person" || name == "people" || name == "per") return EntityType::person;
    if (name == "place" || name == "places" || name == "loc" || name == "location") return EntityType::place;
    if (name == "org" || name == "orgs" || name == "organisation" || name == "organization") return EntityType::org;
    return std::nullopt;
}

}  // namespace newsdex::schema
