/// @file related_entities.hpp
/// The people, places and organisations most distinctive of a query's top
/// results (library-internal; see SearchRequest::related).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "newsdex/searcher.hpp"

namespace newsdex::detail {

/// How many of the best results (relevance order) form the relevance set.
inline constexpr Xapian::doccount related_depth = 50;
/// From a relevance set this large on, an entity must occur in at least two
/// of its articles (one mention is noise there; in a handful of results it is not).
inline constexpr Xapian::doccount related_min_depth_for_pairs = 10;

/// What related_entities() found.
struct RelatedEntities {
    std::map<std::string, std::vector<RelatedEntity>> by_type;  ///< "person", "place", "org" (always all three)
    std::size_t sample = 0;  ///< size of the relevance set the counts refer to
};

/** Relevance feedback restricted to entity terms: the top related_depth
 *  matches of @p query in relevance order (newsdex's BM25; one per story
 *  when @p collapse) are a relevance set, and Xapian's expand weights
 *  (Enquire::get_eset, TradEWeight, a probabilistic relevance-feedback
 *  weight: high for terms in many set articles and few others) rank the
 *  XPER/XLOC/XORG terms of those articles. Entities the query itself names (a filter on
 *  them, or a word of their name, tokenised by @p analyzer) are left out,
 *  as are single-article entities of a large set. Stock Xapian only, so it
 *  works on sharded and remote databases alike.
 *  @param per_type how many entities to keep per type (0 = none)
 *  @throws Xapian::Error (the caller maps it). */
RelatedEntities related_entities(const Xapian::Database& db, const Xapian::Query& query, const Analyzer& analyzer,
                                 std::size_t per_type, bool collapse);

}  // namespace newsdex::detail
