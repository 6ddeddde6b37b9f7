/// @file extract_entities.hpp
/// newsdex-index --extract-entities: read articles as the indexer does and
/// print their entity mentions as JSON Lines instead of indexing them.
#pragma once

#include <iosfwd>

#include "options.hpp"

namespace newsdex::indexer {

/// One line per article on @p out:
/// {"id", "entities": [{"type", "text", "canonical", "field", "start", "end"}]}
/// with start/end as UTF-8 byte offsets into that field's text as given.
/// Input problems go to @p err as the indexer reports them. @return the exit code.
int run_extract_entities(const IndexOptions& options, std::ostream& out, std::ostream& err);

}  // namespace newsdex::indexer
