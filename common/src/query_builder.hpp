/// @file query_builder.hpp
/// User query text -> Xapian::Query: the one QueryParser configuration
/// (library-internal). It reads prefixes from schema.hpp and words through the
/// same Analyzer that indexed the articles.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "newsdex/searcher.hpp"

namespace newsdex::detail {

/// The query language's limits (public in searcher.hpp, so that front ends can document them).
inline constexpr unsigned max_wildcard_expansion = newsdex::query_limits::wildcard_expansion;
inline constexpr std::size_t max_query_terms = newsdex::query_limits::terms;
inline constexpr std::size_t max_query_wildcards = newsdex::query_limits::wildcards;

enum class DefaultOperator { all, any };

struct ParsedQuery {
    Xapian::Query query;
    std::string language;                   ///< query language tag used ("en")
    std::string stem_language;              ///< Xapian stemmer used ("" = none)
    std::vector<std::string> wildcard_prefixes;  ///< analysed stems of "word*" patterns
};

class QueryBuilder {
  public:
    QueryBuilder(const Analyzer& analyzer, const Xapian::Database& db);

    /// @param language query language ("" = guess from script, else index default)
    /// @throws QueryError naming the problem (unbalanced quotes or brackets,
    ///         unknown field, bad date, wildcard expanding too far).
    ParsedQuery parse(const std::string& query, const std::string& language, DefaultOperator op) const;

    /** A natural-language query (a sentence, a question, a pasted paragraph):
     *  no syntax, so operators, quotes, brackets and "field:" are plain text;
     *  every word is analysed and stemmed (whatever its case), the
     *  language's stopwords are dropped (all kept if nothing else is left), and the
     *  words are OR-ed, to be ranked by BM25. Never throws on odd text.
     *  @param language query language ("" = guess from script, else index default) */
    ParsedQuery parse_natural(const std::string& text, const std::string& language) const;

  private:
    const Analyzer& analyzer_;
    Xapian::Database db_;
};

}  // namespace newsdex::detail
