/// @file query_shape.hpp
/// Which terms of a parsed Xapian::Query stand alone and which only count
/// as part of a phrase or NEAR group (library-internal): the highlighter and
/// --explain need to know, since a phrase term alone is not a match.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

namespace newsdex::detail {

/// A phrase ("a b", a-b, ADJ) or NEAR group: one set of alternative terms per slot.
struct PhraseGroup {
    std::vector<std::set<std::string>> slots;
    unsigned window = 0;   ///< all slots fall within this many positions
    bool ordered = true;   ///< PHRASE/ADJ: in slot order; NEAR: any order
    Xapian::Query query;   ///< the group as a query (for --explain)
};

struct QueryShape {
    std::set<std::string> free_terms;  ///< match on their own (words, stems, field terms)
    std::vector<PhraseGroup> phrases;
    std::set<std::string> filter_terms;  ///< required by OP_FILTER's right side (person:, date: ...)
};

/// Walks @p query: terms under AND_NOT's right side (excluded) are skipped;
/// the filters of OP_FILTER (boolean, never weighted) are kept apart.
QueryShape query_shape(const Xapian::Query& query);

}  // namespace newsdex::detail
