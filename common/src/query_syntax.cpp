/// @file query_syntax.cpp
/// Lexical checks and rewrites of query text (see query_syntax.hpp).
#include "query_syntax.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "newsdex/error.hpp"
#include "query_lexer.hpp"

namespace newsdex::detail {

namespace {

using Kind = LexemeKind;

std::vector<Lexeme> lex(std::string_view q) { return lex_query(q); }
std::string lower(std::string_view s) { return ascii_lower(s); }
bool is_operator(std::string_view w) { return is_operator_word(w); }

bool ends_operand(const Lexeme& l) { return l.kind == Kind::word || l.kind == Kind::phrase || l.kind == Kind::close; }
bool starts_operand(const Lexeme& l) { return l.kind == Kind::word || l.kind == Kind::phrase || l.kind == Kind::open; }

/// "and", "or", "not" in any case but ALLCAPS (those already are operators).
std::string candidate(const Lexeme& l) {
    if (l.kind != Kind::word) return {};
    std::string w = lower(l.text);
    return w == "and" || w == "or" || w == "not" ? w : std::string();
}

std::string where(const Lexeme& l) { return "at character " + std::to_string(l.begin + 1); }

}  // namespace

std::string normalise_operators(std::string_view query) {
    std::vector<Lexeme> lexemes = lex(query);
    std::vector<bool> upper(lexemes.size(), false);
    auto operand_end_at = [&](std::size_t k) { return ends_operand(lexemes[k]) && candidate(lexemes[k]).empty(); };
    auto operand_start_at = [&](std::size_t k) {
        return starts_operand(lexemes[k]) && candidate(lexemes[k]).empty();
    };
    for (std::size_t k = 1; k + 1 < lexemes.size(); ++k) {
        std::string word = candidate(lexemes[k]);
        if (word.empty() || !operand_end_at(k - 1)) continue;
        if ((word == "and" || word == "or") && operand_start_at(k + 1)) {
            upper[k] = true;  // "kursk or belgorod"
        } else if (word == "and" && candidate(lexemes[k + 1]) == "not" && k + 2 < lexemes.size() &&
                   operand_start_at(k + 2)) {
            upper[k] = upper[k + 1] = true;  // "kursk and not belgorod"
        }
        // A lone lower-case "not" stays a word: "did not surrender" is news prose.
    }
    std::string out;
    std::size_t copied = 0;
    for (std::size_t k = 0; k < lexemes.size(); ++k) {
        if (!upper[k]) continue;
        out.append(query.substr(copied, lexemes[k].begin - copied));
        for (char c : lexemes[k].text) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        copied = lexemes[k].end;
    }
    out.append(query.substr(copied));
    return out;
}

void validate_operators(const std::string& query) {
    std::vector<Lexeme> lexemes = lex(query);
    bool any_operand = false;
    for (std::size_t k = 0; k < lexemes.size(); ++k) {
        const Lexeme& l = lexemes[k];
        const Lexeme* prev = k > 0 ? &lexemes[k - 1] : nullptr;
        const Lexeme* next = k + 1 < lexemes.size() ? &lexemes[k + 1] : nullptr;
        if (l.kind == Kind::word || l.kind == Kind::phrase) {
            // "+", "-" or "title:" alone search for nothing.
            bool has_text = false;
            for (char c : l.text) has_text = has_text || (c != '+' && c != '-' && c != '"');
            any_operand = any_operand || has_text;
            continue;
        }
        if (l.kind == Kind::open && next && next->kind == Kind::close) {
            throw QueryError(query, "empty brackets \"()\" " + where(l));
        }
        if (l.kind != Kind::op) continue;
        if (l.text.find('/') != std::string::npos) {
            std::string distance = l.text.substr(l.text.find('/') + 1);
            bool digits = !distance.empty() && distance.size() <= 4;
            for (char c : distance) digits = digits && std::isdigit(static_cast<unsigned char>(c));
            if (!digits || std::stoi(distance) == 0) {
                throw QueryError(query, l.text + " " + where(l) + ": the distance must be a number from 1 to 9999");
            }
        }
        const bool is_not = l.text == "NOT";
        const bool positional = l.text.rfind("NEAR", 0) == 0 || l.text.rfind("ADJ", 0) == 0;
        if (is_not && next && next->text == "NOT") {  // Xapian's own message was "Syntax: <expression> NOT <expression>"
            throw QueryError(query, "NOT " + where(l) + " is followed by another NOT (write NOT once)");
        }
        if (!is_not && (!prev || !ends_operand(*prev))) {
            throw QueryError(query, l.text + " " + where(l) + " has no search term before it");
        }
        bool next_ok = next && (starts_operand(*next) || (!positional && next->text == "NOT"));
        if (positional && next && next->kind == Kind::open) next_ok = false;
        if (positional && prev && prev->kind == Kind::close) {
            throw QueryError(query, l.text + " " + where(l) + " joins words or phrases, not bracketed groups");
        }
        if (!next_ok) {
            if (positional && next && next->kind == Kind::open) {
                throw QueryError(query, l.text + " " + where(l) + " joins words or phrases, not bracketed groups");
            }
            throw QueryError(query, l.text + " " + where(l) + " has no search term after it");
        }
    }
    if (!any_operand) throw QueryError(query, "nothing to search for (only operators or brackets)");
}

bool has_operator_syntax(std::string_view query) {
    for (const Lexeme& l : lex(query)) {
        if (l.kind == Kind::op) return true;
        // A one-word "phrase" is the unstemmed word, with or without flags.
        // A quoted filter value (person:"nancy pelosi") is no phrase either.
        if (l.kind == Kind::phrase && l.text.find_first_of(" \t") != std::string::npos &&
            l.text.find(':') > l.text.find('"')) {
            return true;
        }
        if (l.kind != Kind::word) continue;
        if (l.text.find('*') != std::string::npos) return true;
        if (l.text.size() > 1 && l.text[0] == '-' && l.text[1] != '-') return true;
    }
    return false;
}

void validate_wildcards(const std::string& query) {
    for (const Lexeme& l : lex(query)) {
        std::size_t star = l.text.find('*');
        if (star == std::string::npos) continue;
        if (l.kind == Kind::phrase) {
            throw QueryError(query, "'*' at character " + std::to_string(l.begin + star + 1) +
                                        ": wildcards do not work inside a \"phrase\"");
        }
        if (l.kind != Kind::word) continue;
        std::string_view word(l.text);
        std::size_t begin = 0;
        while (begin < word.size() && (word[begin] == '+' || word[begin] == '-')) ++begin;
        std::size_t colon = word.find(':', begin);
        if (colon != std::string_view::npos && colon < star) {
            // Filter values (source:, id:, date:) are exact; only title: holds words.
            if (lower(word.substr(begin, colon - begin)) != "title") continue;
            begin = colon + 1;
        }
        const std::string at = "'*' at character " + std::to_string(l.begin + star + 1);
        if (star == begin) throw QueryError(query, at + ": a wildcard needs the start of a word before it (sanction*)");
        if (star + 1 != word.size()) {
            throw QueryError(query, at + ": '*' works only at the end of a word (sanction*)");
        }
    }
}

std::string exclusions_as_not(std::string_view query, const std::function<bool(std::string_view)>& has_terms) {
    std::vector<Lexeme> lexemes = lex(query);
    // A group is a run of operands at one bracket depth between Boolean
    // operators (NEAR and ADJ join words into one operand, so they do not end it).
    struct Group {
        std::vector<std::size_t> excluded;  // lexemes "-word", "-\"phrase\""
        bool positive = false;              // a word, phrase, filter or bracket that can match
    };
    std::vector<Group> open_groups(1);
    std::vector<std::size_t> rewrite;
    auto close_group = [&]() {
        Group& g = open_groups.back();
        if (!g.positive) rewrite.insert(rewrite.end(), g.excluded.begin(), g.excluded.end());
        g = Group();
    };
    for (std::size_t k = 0; k < lexemes.size(); ++k) {
        const Lexeme& l = lexemes[k];
        if (l.kind == Kind::open) {
            open_groups.back().positive = true;  // "(...)" matches something once rewritten
            open_groups.emplace_back();
        } else if (l.kind == Kind::close) {
            close_group();
            if (open_groups.size() > 1) open_groups.pop_back();
        } else if (l.kind == Kind::op) {
            if (l.text.rfind("NEAR", 0) != 0 && l.text.rfind("ADJ", 0) != 0) close_group();
        } else {
            std::string_view text(l.text);
            const bool excluded = text.size() > 1 && text.front() == '-';
            while (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
            if (text.empty()) continue;
            if (excluded) {
                open_groups.back().excluded.push_back(k);
            } else if (text.find(':') != std::string_view::npos || has_terms(text)) {
                open_groups.back().positive = true;  // a field:value always counts: filters match
            }
        }
    }
    while (!open_groups.empty()) {
        close_group();
        open_groups.pop_back();
    }
    if (rewrite.empty()) return std::string(query);
    std::sort(rewrite.begin(), rewrite.end());
    std::string out;
    std::size_t copied = 0;
    for (std::size_t k : rewrite) {
        const Lexeme& l = lexemes[k];
        out.append(query.substr(copied, l.begin - copied));
        out.append("NOT ");
        copied = l.begin + 1;  // drop the '-'
    }
    out.append(query.substr(copied));
    return out;
}

std::string rewrite_words(std::string_view query, const std::function<std::string(const std::string&)>& replace) {
    auto is_word_byte = [](char c) {
        auto u = static_cast<unsigned char>(c);
        return std::isalnum(u) || u >= 0x80;
    };
    std::string out;
    std::size_t copied = 0;
    auto rewrite_range = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end;) {
            if (!is_word_byte(query[i])) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < end && is_word_byte(query[j])) ++j;
            std::string word(query.substr(i, j - i));
            std::string replacement = is_operator(word) ? std::string() : replace(word);
            if (!replacement.empty() && replacement != word) {
                out.append(query.substr(copied, i - copied));
                out.append(replacement);
                copied = j;
            }
            i = j;
        }
    };
    for (const Lexeme& l : lex(query)) {
        if (l.kind == Kind::op || l.kind == Kind::open || l.kind == Kind::close) continue;
        // Only free-text fields (title:) hold words; the others hold exact
        // filter values, and an unknown name is left as the user wrote it.
        if (!l.field_name.empty() && (!l.field || l.field->kind != schema::FieldKind::free_text)) continue;
        rewrite_range(l.value, l.end);
    }
    out.append(query.substr(copied));
    return out;
}

bool has_ranked_words(std::string_view query) {
    const std::string text = normalise_operators(query);
    auto word_bytes = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (std::isalnum(c) || c >= 0x80) return true;
        }
        return false;
    };
    // Per open bracket: whether the group is excluded or a filter's value.
    struct Group {
        bool excluded = false;
        bool filter = false;
    };
    std::vector<Group> groups{Group{}};
    bool not_next = false;     // after NOT (also AND NOT): the next operand is excluded
    Group prefix_next;         // a sign or `field:` written just before an open bracket
    for (const Lexeme& l : lex(text)) {
        if (l.kind == Kind::op) {
            not_next = l.text == "NOT";
            continue;
        }
        if (l.kind == Kind::close) {
            if (groups.size() > 1) groups.pop_back();
            continue;
        }
        const bool minus = text.substr(l.begin, l.body - l.begin).find('-') != std::string::npos;
        const bool excluded = groups.back().excluded || not_next || minus || prefix_next.excluded;
        const bool filter_field = !l.field_name.empty() && l.field && l.field->kind != schema::FieldKind::free_text;
        const bool filter = groups.back().filter || filter_field || prefix_next.filter;
        if (l.kind == Kind::open) {
            groups.push_back(Group{excluded, filter});
            not_next = false;
            prefix_next = Group{};
            continue;
        }
        if (l.value == l.end) {  // "-" or "title:" before a bracket: the group takes it
            prefix_next = Group{excluded, filter};
            continue;
        }
        not_next = false;
        prefix_next = Group{};
        if (!excluded && !filter && word_bytes(l.value, l.end)) return true;
    }
    return false;
}

std::string query_language_field(std::string_view query) {
    for (const Lexeme& l : lex(query)) {
        if (l.kind == Kind::word && l.field && l.field->name == "lang") return l.text.substr(l.value - l.begin);
    }
    return {};
}

void validate_query_syntax(const std::string& query) {
    int depth = 0;
    for (const Lexeme& l : lex(query)) {
        if (l.kind == Kind::open) ++depth;
        if (l.kind == Kind::close && --depth < 0) {
            throw QueryError(query, "unbalanced ')' at character " + std::to_string(l.begin + 1));
        }
        if (!l.field_name.empty() && !l.field) {
            throw QueryError(query, "unknown field \"" + l.field_name + ":\" (fields: " + schema::query_field_names() + ")");
        }
        if (l.unclosed_quote) {
            throw QueryError(query, "unbalanced '\"' at character " + std::to_string(query.rfind('"') + 1));
        }
        // "person:" alone would search the word "person": say what is missing instead.
        const std::size_t signs = l.body - l.begin;
        if (l.kind == Kind::word && l.field_name.empty() && l.text.size() > signs + 1 && l.text.back() == ':') {
            const std::string name = l.text.substr(signs, l.text.size() - signs - 1);
            if (schema::find_query_field(ascii_lower(name))) {
                throw QueryError(query, "field \"" + name + ":\" at character " + std::to_string(l.body + 1) +
                                            " has no value (write " + ascii_lower(name) + ":VALUE, without a space)");
            }
        }
    }
    if (depth > 0) throw QueryError(query, "unbalanced '(': " + std::to_string(depth) + " not closed");
}

}  // namespace newsdex::detail
