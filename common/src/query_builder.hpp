/// @file query_builder.hpp
/// User query text -> Xapian::Query: the one QueryParser configuration
/// (library-internal). It reads prefixes from schema.hpp and words through the
/// same Analyzer that indexed the articles.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "newsdex/analyzer.hpp"

namespace newsdex::detail {

/// How many terms a trailing wildcard may expand to (the most frequent win).
inline constexpr unsigned max_wildcard_expansion = 500;
/// Longer queries are refused with a QueryError: the match time grows faster
/// than the number of terms (1,000 ORed terms: 0.3 s; 10,000: over 20 s).
inline constexpr std::size_t max_query_terms = 1000;
/// More "word*" patterns than this are refused (each expands to up to
/// max_wildcard_expansion terms; 26 ORed wildcards take 0.8 s, 200 take 15 s).
inline constexpr std::size_t max_query_wildcards = 32;

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
