/// @file query_lexer.cpp
/// Splits query text into lexemes (see query_lexer.hpp).
#include "query_lexer.hpp"

#include <algorithm>
#include <cctype>

namespace newsdex::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

/// Fills in signs and the field of @p l (whose text is query[l.begin, l.end)).
void read_field(std::string_view query, Lexeme& l) {
    std::size_t i = l.begin;
    while (i < l.end && (query[i] == '+' || query[i] == '-')) ++i;
    l.body = l.value = i;
    std::size_t name_end = i;
    while (name_end < l.end && is_ascii_letter(query[name_end])) ++name_end;
    // The character after ':' is looked up in the query, not the lexeme:
    // "title:(a b)" names a field whose value is the bracketed group.
    if (name_end == i || name_end + 1 >= query.size() || query[name_end] != ':' || is_space(query[name_end + 1]) ||
        query[name_end + 1] == ':') {
        return;
    }
    l.field_name.assign(query.substr(i, name_end - i));
    l.field = schema::find_query_field(ascii_lower(l.field_name));
    if (l.field) l.value = name_end + 1;
}

}  // namespace

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_operator_word(std::string_view w) {
    if (w == "AND" || w == "OR" || w == "XOR" || w == "NOT" || w == "NEAR" || w == "ADJ") return true;
    return w.size() > 5 && (w.substr(0, 5) == "NEAR/" || w.substr(0, 4) == "ADJ/");
}

std::vector<Lexeme> lex_query(std::string_view q) {
    std::vector<Lexeme> out;
    std::size_t i = 0;
    const std::size_t n = q.size();
    while (i < n) {
        const char c = q[i];
        if (is_space(c)) {
            ++i;
            continue;
        }
        Lexeme l;
        l.begin = i;
        if (c == '(' || c == ')') {
            l.kind = c == '(' ? LexemeKind::open : LexemeKind::close;
            l.end = l.body = l.value = ++i;
            l.text.assign(1, c);
            out.push_back(std::move(l));
            continue;
        }
        bool quoted = false;
        while (i < n && !is_space(q[i]) && q[i] != '(' && q[i] != ')') {
            if (q[i] == '"') {
                quoted = true;
                const std::size_t close = q.find('"', i + 1);
                l.unclosed_quote = close == std::string_view::npos;
                i = l.unclosed_quote ? n : close + 1;
                continue;
            }
            ++i;
        }
        l.end = i;
        l.text.assign(q.substr(l.begin, i - l.begin));
        l.kind = quoted ? LexemeKind::phrase : is_operator_word(l.text) ? LexemeKind::op : LexemeKind::word;
        read_field(q, l);
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace newsdex::detail
