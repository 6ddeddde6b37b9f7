/// @file cross_script_query.hpp
/// The query side of names across scripts (library-internal; the index side
/// is transliteration.hpp): `Kursk` also matches the XT keys of "Курске",
/// `Курск` also the Latin word "kursk", each at cross_script_weight.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "newsdex/analyzer.hpp"

namespace newsdex::detail {

/// A query word's matches in other scripts (Kursk in "Курске", Курск in
/// "Kursk") count this much of a same-script match, so that the articles
/// that write the name as the query does rank first.
inline constexpr double cross_script_weight = 0.5;

/// At most this many index terms are read per head to find the Latin spellings
/// of a non-Latin query word (the words beginning like its transliteration).
inline constexpr unsigned max_cross_script_scan = 5000;

/// The parser field (never typed by users: the lexer refuses unknown fields)
/// that with_cross_script_words() writes: "xscript:N".
inline constexpr std::string_view cross_script_field = "xscript";

/// One query word with matches in other scripts.
struct CrossScriptWord {
    std::string word;                       ///< the analysed query word
    std::vector<std::string> alternatives;  ///< index terms: XT keys, Latin spellings
};

/// Whether @p db holds XT keys made by this newsdex's key function.
bool index_has_cross_script_keys(const Xapian::Database& db);

/** The index terms that @p word (analysed) matches in other scripts, only
 *  those @p db holds: for a non-Latin word its XT keys (if @p index_has_keys)
 *  and the Latin words with one of its keys; for a Latin word its XT key. */
std::vector<std::string> cross_script_alternatives(const Analyzer& analyzer, const Xapian::Database& db,
                                                   bool index_has_keys, const std::string& word);

/** @p prepared (Analyzer::prepare_query() text) with each plain word that has
 *  alternatives replaced by "xscript:N", N its index in @p words (appended);
 *  phrases, fields, wildcards and NEAR/ADJ operands are left as they are. */
std::string with_cross_script_words(const Analyzer& analyzer, const Xapian::Database& db, bool index_has_keys,
                                    const std::string& prepared, std::vector<CrossScriptWord>& words);

/// @p own OR (the @p alternatives at cross_script_weight); @p own when there are none.
Xapian::Query with_cross_script_alternatives(Xapian::Query own, const std::vector<std::string>& alternatives);

/// The parser's "xscript:N" field: word N as the branch's stemmer reads it
/// (what STEM_SOME makes of a lower-case word), OR its alternatives.
class CrossScriptField : public Xapian::FieldProcessor {
  public:
    /// @param stem_language Snowball name, "" for no stemming
    CrossScriptField(const std::vector<CrossScriptWord>& words, const std::string& stem_language);
    Xapian::Query operator()(const std::string& value) override;

  private:
    const std::vector<CrossScriptWord>& words_;
    bool stem_;
    Xapian::Stem stemmer_;
};

}  // namespace newsdex::detail
