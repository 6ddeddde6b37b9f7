/// @file accent_forms.hpp
/// Accented forms (library-internal): the word as its article writes it, marks kept, beside
/// the folded word every query matches, so that `grève` ranks the article with "grève" above
/// the one with "greve" while `greve` still finds both the same.
///
/// A word whose case-folded form keeps marks that diacritic folding drops ("grève",
/// "straße", "résumé") is indexed with one more term, `XA` + that form, at wdf 0 (no
/// positions, no weight of its own, so no article's length or BM25 score changes). A query
/// word with such marks, where the index holds its form, adds a fixed bonus to the articles
/// that have it: accent_form_weight x the folded word's BM25 weight (OP_AND_MAYBE, so what
/// matches is unchanged). Written since schema 3; an older index has no XA terms and ranks
/// as before.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "newsdex/analyzer.hpp"

namespace newsdex::detail {

/// The bonus of an accented form, as a share of its folded word's BM25 weight (ranking.hpp's
/// bm25_term_weight()): high enough that an article that writes the word as the query does
/// comes first unless another matches the folded word far better.
inline constexpr double accent_form_weight = 0.5;

/// The case-folded, NFKC form of @p surface with its marks kept, when it differs from
/// @p folded_term (the analysed word): what the XA term holds; "" for ASCII and for words
/// folding leaves as they are.
std::string accent_form(std::string_view surface, std::string_view folded_term);

/// The XA term of @p form.
std::string accent_form_term(std::string_view form);

/// What an article with the accented form of @p folded_term (the analysed word) gains.
double accent_form_bonus(const Xapian::Database& db, const std::string& folded_term);

/// The bonus an article gains for the XA term @p term (--explain).
double accent_term_bonus(const Xapian::Database& db, std::string_view term);

/** @p query with the bonus of each accented word of @p text (the query as typed; in the
 *  query language, the words of negated lexemes and of non-text fields are left out) whose
 *  form the index holds; @p query itself when there is none. @p natural: @p text is a natural
 *  query (no syntax). */
Xapian::Query with_accent_forms(const Xapian::Query& query, const Analyzer& analyzer, const Xapian::Database& db,
                                std::string_view text, bool natural);

}  // namespace newsdex::detail
