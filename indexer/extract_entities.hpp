/// @file extract_entities.hpp
/// newsdex-index --extract-entities: read articles as the indexer does and
/// print their entity mentions as JSON Lines instead of indexing them.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>


#include "newsdex/entities.hpp"
#include "options.hpp"

namespace newsdex::indexer {

/// One line per article on @p out:
/// {"id", "entities": [{"type", "text", "canonical", "field", "start", "end"}]}
/// with start/end as UTF-8 byte offsets into that field's text as given.
/// Input problems go to @p err as the indexer reports them. @return the exit code.
/// The extractor for --aliases FILE: the built-in one with the user's table added, or null
/// without a file. @throws InputError if the file cannot be read, UsageError naming FILE:LINE
/// for a malformed line.
std::shared_ptr<const EntityExtractor> load_entity_extractor(const std::string& aliases_file);

int run_extract_entities(const IndexOptions& options, std::ostream& out, std::ostream& err);

}  // namespace newsdex::indexer
