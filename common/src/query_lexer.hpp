/// @file query_lexer.hpp
/// The one lexer of query text (library-internal): every pass that reads a
/// query before Xapian's QueryParser does (syntax checks, lower-case
/// operators, the analysis of words, "did you mean", the `lang:` field)
/// splits it here, so they agree on what a word, a phrase, an operator and
/// a `field:` are.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/schema.hpp"

namespace newsdex::detail {

enum class LexemeKind {
    word,    ///< a run of text without a double quote (may carry signs and a field)
    phrase,  ///< a run of text with a double quote ("a b", title:"a b")
    open,    ///< (
    close,   ///< )
    op,      ///< AND OR XOR NOT NEAR ADJ NEAR/n ADJ/n (upper case, as Xapian reads them)
};

/** One lexeme: text between white space and brackets, where a double quote
 *  runs to the next double quote (or to the end: `unclosed_quote`). */
struct Lexeme {
    LexemeKind kind = LexemeKind::word;
    std::size_t begin = 0;  ///< byte offsets into the query
    std::size_t end = 0;
    std::string text;       ///< query[begin, end)
    std::size_t body = 0;   ///< after the leading '+' and '-' signs
    /// "name" of a `name:value` lexeme as written (ASCII letters before a ':'
    /// that is followed by something other than white space or ':'), "" if none.
    std::string field_name;
    /// The query field it names (case-insensitively), nullptr if none or unknown.
    const schema::Field* field = nullptr;
    std::size_t value = 0;  ///< where the text to search starts: after "name:", else body
    bool unclosed_quote = false;  ///< a '"' without its closing one runs to the end
};

/// The lexemes of @p query in order. Never throws: checks are the callers'.
std::vector<Lexeme> lex_query(std::string_view query);

/// AND OR XOR NOT NEAR ADJ and NEAR/n, ADJ/n as Xapian's parser reads them (upper case only).
bool is_operator_word(std::string_view word);

/// ASCII lower case (field names, operators).
std::string ascii_lower(std::string_view text);

/// Every byte of @p text is ASCII.
bool is_ascii(std::string_view text);

}  // namespace newsdex::detail
