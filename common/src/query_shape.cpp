/// @file query_shape.cpp
/// Free terms and phrase groups of a Xapian::Query (see query_shape.hpp).
#include "query_shape.hpp"

#include <algorithm>
#include <cstdlib>

namespace newsdex::detail {

namespace {

void all_terms(const Xapian::Query& q, std::set<std::string>& out) {
    for (auto it = q.get_terms_begin(); it != q.get_terms_end(); ++it) out.insert(*it);
}

/// Xapian 1.4 has no accessor for the window: read it from "(a PHRASE 2 b)".
unsigned window_of(const Xapian::Query& q, const char* name, unsigned fallback) {
    std::string description = q.get_description();
    std::string needle = std::string(" ") + name + " ";
    std::size_t at = description.find(needle);
    if (at == std::string::npos) return fallback;
    unsigned long w = std::strtoul(description.c_str() + at + needle.size(), nullptr, 10);
    return w > 0 ? static_cast<unsigned>(w) : fallback;
}

/// The terms a filter requires (not those it excludes with AND_NOT).
void walk_filter(const Xapian::Query& q, QueryShape& shape) {
    if (q.get_type() == Xapian::Query::LEAF_TERM) {
        all_terms(q, shape.filter_terms);
        return;
    }
    const bool excluding = q.get_type() == Xapian::Query::OP_AND_NOT;
    const std::size_t n = excluding ? std::min<std::size_t>(1, q.get_num_subqueries()) : q.get_num_subqueries();
    for (std::size_t i = 0; i < n; ++i) walk_filter(q.get_subquery(i), shape);
}

void walk(const Xapian::Query& q, QueryShape& shape) {
    switch (q.get_type()) {
        case Xapian::Query::LEAF_TERM: all_terms(q, shape.free_terms); return;
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR: {
            PhraseGroup group;
            group.ordered = q.get_type() == Xapian::Query::OP_PHRASE;
            for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
                std::set<std::string> slot;
                all_terms(q.get_subquery(i), slot);
                if (!slot.empty()) group.slots.push_back(std::move(slot));
            }
            const unsigned n = static_cast<unsigned>(group.slots.size());
            group.window = window_of(q, group.ordered ? "PHRASE" : "NEAR", n);
            group.query = q;
            if (!group.slots.empty()) shape.phrases.push_back(std::move(group));
            return;
        }
        case Xapian::Query::OP_AND_NOT:
            // Only the left side can match visibly; the rest excludes.
            if (q.get_num_subqueries() > 0) walk(q.get_subquery(0), shape);
            return;
        case Xapian::Query::OP_FILTER:
            // The left side matches visibly; the rest filters (person:, date: ...).
            if (q.get_num_subqueries() > 0) walk(q.get_subquery(0), shape);
            for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) walk_filter(q.get_subquery(i), shape);
            return;
        default:
            for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) walk(q.get_subquery(i), shape);
            return;
    }
}

}  // namespace

QueryShape query_shape(const Xapian::Query& query) {
    QueryShape shape;
    walk(query, shape);
    return shape;
}

}  // namespace newsdex::detail
