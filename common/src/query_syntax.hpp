/// @file query_syntax.hpp
/// Lexical checks and rewrites of query text before Xapian's QueryParser sees
/// it (library-internal): unbalanced quotes and brackets, unknown fields,
/// lower-case operators, misplaced operators, the query language named by
/// `lang:`. All read the query through query_lexer.hpp.
///
/// Xapian's parser never reports most syntax errors: on "Kursk AND" it
/// silently re-parses the text with every flag off, which runs a different
/// query than the user wrote. These functions find such text first.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace newsdex::detail {

/** Upper-cases the words `and`, `or` and `not` where they can only be
 *  operators: between two search terms (a word, a "phrase", a field:value or
 *  a bracketed group), outside quotes, never first or last, never next to
 *  another operator, and `not` only as `and not`. So `kursk or belgorod` is
 *  `kursk OR belgorod` and `kursk and not belgorod` is `kursk AND NOT belgorod`, while
 *  `to be or not to be`, `or`, `rock and` and `"war and peace"` stay words.
 *  (Xapian's FLAG_BOOLEAN_ANY_CASE would take all of them as operators.)
 */
std::string normalise_operators(std::string_view query);

/** Rejects operators without operands (`AND`, `Kursk AND`, `OR Kursk`,
 *  `a AND OR b`, `NOT`, `()`, `a NEAR/x b`) and queries with nothing to search.
 *  Expects normalise_operators() to have run.
 *  @throws QueryError naming the operator and its 1-based word position. */
void validate_operators(const std::string& query);

/// True if @p query uses syntax that Xapian's parser reads only with its
/// flags on: an operator, a "phrase", a `-word` or a `word*`.
bool has_operator_syntax(std::string_view query);

/** Rejects wildcards Xapian would silently drop or misread: `*` alone,
 *  `*word`, `wo*rd` and `*` inside a phrase (only a trailing `word*` works).
 *  @throws QueryError naming the character position. */
void validate_wildcards(const std::string& query);

/** Rewrites excluded terms that have nothing to be excluded from: in a group
 *  of terms (the whole query, a bracket, one side of AND/OR/XOR) made only of
 *  `-word` or `-"phrase"`, each becomes `NOT word`, so `-oil -gas` finds the
 *  articles with neither word (Xapian's parser would fail on such a group
 *  and silently search `oil gas` instead). @p has_terms tells whether an
 *  operand text yields any search term (an emoji alone does not).
 *  Expects normalise_operators() to have run. */
std::string exclusions_as_not(std::string_view query, const std::function<bool(std::string_view)>& has_terms);

/** Rewrites the search words of @p query (in free text, phrases and
 *  `title:` values; not operators, field names or filter values such as
 *  `source:` or `date:`) with @p replace, which returns the new word or ""
 *  to keep it. Used by "did you mean".  */
std::string rewrite_words(std::string_view query, const std::function<std::string(const std::string&)>& replace);

/// Checks what Xapian's parser would silently reinterpret: unbalanced quotes
/// and brackets, unknown "field:" names. @throws QueryError.
void validate_query_syntax(const std::string& query);

/** True if @p query holds a search term that scores: a word, a `"phrase"`, a
 *  `word*` or a `title:` value that is not excluded (`-word`, `NOT word`,
 *  `AND NOT (...)`). False for a query made only of filters (`person:putin`,
 *  `date:7d`, `source:AFP lang:fr`) and exclusions, whose every hit scores 0,
 *  and for an empty query. Lower-case operators count as operators (it runs
 *  normalise_operators() itself). Never throws: a malformed query is the
 *  parser's to reject. */
bool has_ranked_words(std::string_view query);

/// The value of the first `lang:` field in @p query ("fr" for `lang:fr`), "" if none.
std::string query_language_field(std::string_view query);

}  // namespace newsdex::detail
