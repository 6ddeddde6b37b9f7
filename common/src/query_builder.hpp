/// @file query_builder.hpp
/// User query text -> Xapian::Query: the one QueryParser configuration
/// (library-internal). It reads prefixes from schema.hpp and words through the
/// same Analyzer that indexed the articles.
#pragma once

#include <xapian.h>

#include <functional>
#include <string_view>
#include <string>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "cross_script_query.hpp"
#include "languages.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/searcher.hpp"

namespace newsdex::detail {

/// The query language's limits (public in searcher.hpp, so that front ends can document them).
inline constexpr unsigned max_wildcard_expansion = newsdex::query_limits::wildcard_expansion;
inline constexpr std::size_t max_query_terms = newsdex::query_limits::terms;
inline constexpr std::size_t max_query_wildcards = newsdex::query_limits::wildcards;

/// A query without a language is stemmed in every language of the index; the
/// matches of the languages other than the query's (its script's, else the
/// index default) count this much, so that on a word both read alike the
/// query's own language ranks first.
inline constexpr double other_language_weight = 0.9;

enum class DefaultOperator { all, any };

/// One reading of a query without a language, by one stemmer, for the articles
/// indexed with it (ParsedQuery::branches).
struct LanguageBranch {
    Xapian::Query query;                  ///< the query as this branch's stemmer reads it, unfiltered
    std::vector<std::string> lang_terms;  ///< it matches the articles of these languages (L terms) ...
    bool holds_default = false;           ///< ... or, for the default's branch, every article of no other branch
    double weight = 1;                    ///< 1 for the query's own language, else other_language_weight
};

/// The branch of @p branches that matches an article in @p article_language ("" = none stored).
const LanguageBranch* branch_of(const std::vector<LanguageBranch>& branches, std::string_view article_language);

struct ParsedQuery {
    Xapian::Query query;
    /// Empty when one stemmer read the query for every article (--lang, lang:, one
    /// language in the index); else the readings OR-ed into query.
    std::vector<LanguageBranch> branches;
    std::string language;                   ///< query language tag used ("en")
    std::string stem_language;              ///< Xapian stemmer used ("" = none)
    std::vector<std::string> wildcard_prefixes;  ///< analysed stems of "word*" patterns
    /// A natural query's words as the article must spell them (case-folded,
    /// unstemmed, the stopwords it drops left out), in query order:
    /// exact_words_query() boosts these forms.
    std::vector<std::string> words;
};

class QueryBuilder {
  public:
    /// @param now the moment relative dates in `date:` count from (UTC seconds)
    QueryBuilder(const Analyzer& analyzer, const Xapian::Database& db, std::int64_t now = current_time());

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
    Xapian::Query parse_prepared(const std::string& prepared, const std::string& original,
                                 const std::string& stem_language, DefaultOperator op) const;
    std::string language_of_stopwords_among(const std::string& prepared, const std::vector<StemmingGroup>& groups) const;
    /// The index's languages grouped by stemmer (from its lang terms).
    std::vector<StemmingGroup> index_stemming_groups() const;
    /// @p parse(group) per group, groups that read the query alike merged; the groups
    /// not of @p preferred's stemmer weighed by other_language_weight.
    std::vector<LanguageBranch> across_languages(const std::vector<StemmingGroup>& groups, const std::string& preferred,
                                                 const std::function<Xapian::Query(const StemmingGroup&)>& parse) const;

    const Analyzer& analyzer_;
    Xapian::Database db_;
    std::int64_t now_;
    /// Whether the index holds XT keys (Latin words then look for them).
    bool has_cross_script_keys_ = false;
    /// What parse_prepared()'s "xscript:N" field reads (set by parse()).
    mutable const std::vector<CrossScriptWord>* cross_script_words_ = nullptr;
};

}  // namespace newsdex::detail
