/// @file accent_forms.cpp
/// Accented forms: the XA term of a word and the query's bonus for it.
#include "accent_forms.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "analyzer_internal.hpp"
#include "query_lexer.hpp"
#include "ranking.hpp"
#include "newsdex/schema.hpp"

namespace newsdex::detail {

namespace {

/// The parts of a query-language query whose words rank: not negated (-word, NOT word) and
/// free text (no field, or a text field such as title:).
std::vector<std::string_view> ranked_parts(std::string_view text) {
    std::vector<std::string_view> out;
    bool after_not = false;
    for (const Lexeme& l : lex_query(text)) {
        if (l.kind == LexemeKind::op) {
            after_not = l.text == "NOT";
            continue;
        }
        const bool negated = after_not || (l.body > 0 && l.text.find('-') < l.body);
        after_not = false;
        if (l.kind != LexemeKind::word && l.kind != LexemeKind::phrase) continue;
        if (negated || (!l.field_name.empty() && (!l.field || l.field->kind != schema::FieldKind::free_text))) continue;
        out.push_back(text.substr(l.value, l.end - l.value));
    }
    return out;
}

/// Whether @p surface is @p term letter for letter once case-folded: most words of every
/// script, answered without ICU's normalisation (the indexing hot path).
bool folds_to_itself(std::string_view surface, std::string_view term) {
    const auto* s = reinterpret_cast<const uint8_t*>(surface.data());
    const auto* t = reinterpret_cast<const uint8_t*>(term.data());
    const auto sn = static_cast<int32_t>(surface.size()), tn = static_cast<int32_t>(term.size());
    int32_t i = 0, j = 0;
    while (i < sn && j < tn) {
        UChar32 a, b;
        U8_NEXT(s, i, sn, a);
        U8_NEXT(t, j, tn, b);
        if (a < 0 || u_foldCase(a, U_FOLD_CASE_DEFAULT) != b) return false;
    }
    return i == sn && j == tn;
}

}  // namespace

std::string accent_form(std::string_view surface, std::string_view folded_term) {
    if (is_ascii(surface) || folds_to_itself(surface, folded_term)) return {};
    const icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(surface.data(), static_cast<int32_t>(surface.size())));
    std::string form = normalise_word(reinterpret_cast<const char16_t*>(u.getBuffer()), u.length(), false);
    if (form == folded_term) return {};
    return form;
}

std::string accent_form_term(std::string_view form) { return std::string(schema::prefix_accent_form) + std::string(form); }

double accent_form_bonus(const Xapian::Database& db, const std::string& folded_term) {
    return accent_form_weight * bm25_term_weight(db, folded_term);
}

double accent_term_bonus(const Xapian::Database& db, std::string_view term) {
    if (!schema::has_prefix(term, schema::prefix_accent_form)) return 0;
    return accent_form_bonus(db, fold_filter_value(term.substr(schema::prefix_accent_form.size())));
}

Xapian::Query with_accent_forms(const Xapian::Query& query, const Analyzer& analyzer, const Xapian::Database& db,
                                std::string_view text, bool natural) {
    if (is_ascii(text) || !analyzer.settings().fold_diacritics) return query;
    std::vector<std::string_view> parts;
    if (natural) parts.push_back(text);
    else parts = ranked_parts(text);
    std::vector<Xapian::Query> bonuses;
    std::vector<std::string> seen;
    for (std::string_view part : parts) {
        for (const Token& token : analyzer.tokenize(part)) {
            const std::string form = accent_form(part.substr(token.start, token.end - token.start), token.term);
            if (form.empty() || std::find(seen.begin(), seen.end(), form) != seen.end()) continue;
            seen.push_back(form);
            const std::string term = accent_form_term(form);
            if (!db.term_exists(term)) continue;
            const double bonus = accent_form_bonus(db, token.term);
            if (bonus <= 0) continue;
            // A fixed score for the articles with the form: the XA term itself has wdf 0.
            bonuses.emplace_back(Xapian::Query::OP_FILTER,
                                 Xapian::Query((new Xapian::FixedWeightPostingSource(bonus))->release()),
                                 Xapian::Query(term));
        }
    }
    if (bonuses.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, bonuses.begin(), bonuses.end()));
}

}  // namespace newsdex::detail
