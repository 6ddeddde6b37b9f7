/// @file snippet_windows.cpp
/// Tokenising only near the possible matches (see snippet_windows.hpp).
#include "snippet_windows.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <utility>

#include "newsdex/schema.hpp"
#include "query_lexer.hpp"  // ascii_lower(), is_ascii()

namespace newsdex::detail {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// True when a non-ASCII letter, digit or mark occurs: folded or NFKC-mapped
/// ("é" -> "e", "ﬁ" -> "fi"), it could match a key no byte scan finds.
bool has_non_ascii_word_characters(std::string_view text) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return true;  // undecodable: let the tokenizer decide
        const int8_t type = u_charType(c);
        const bool harmless = u_isUWhiteSpace(c) || u_ispunct(c) || type == U_MATH_SYMBOL ||
                              type == U_CURRENCY_SYMBOL || type == U_MODIFIER_SYMBOL || type == U_OTHER_SYMBOL;
        if (!harmless) return true;
    }
    return false;
}

/// The spellings a key can have in text where the analyzer joins pieces of a
/// word: acronym dots ("U.S.A." -> "usa") and a glued short ending after an
/// apostrophe ("we've" -> "weve").
std::vector<std::string> spellings(const std::string& key, const std::vector<std::string_view>& apostrophes) {
    std::vector<std::string> out{key};
    const bool letters = std::all_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (letters && key.size() > 1 && key.size() <= 8) {
        std::string dotted(1, key[0]);
        for (std::size_t i = 1; i < key.size(); ++i) (dotted += '.') += key[i];
        out.push_back(std::move(dotted));
    }
    for (std::string_view apostrophe : apostrophes) {
        for (std::size_t ending = 1; ending <= 2 && ending < key.size(); ++ending) {
            std::string spelling = key.substr(0, key.size() - ending);
            (spelling += apostrophe) += key.substr(key.size() - ending);
            out.push_back(std::move(spelling));
        }
    }
    return out;
}

/// Byte offsets of every ASCII case-insensitive occurrence of a key (keys lower case).
std::vector<std::size_t> key_occurrences(std::string_view text, const std::vector<std::string>& keys) {
    const std::string lower = ascii_lower(text);
    std::vector<std::string_view> apostrophes;  // only those the text holds: each costs a search per key
    for (std::string_view a : {"'", "\u2019", "\u02BC", "\uFF07"}) {
        if (lower.find(a) != std::string::npos) apostrophes.push_back(a);
    }
    std::vector<std::size_t> found;
    for (const std::string& key : keys) {
        for (const std::string& spelling : spellings(key, apostrophes)) {
            for (std::size_t at = lower.find(spelling); at != std::string::npos; at = lower.find(spelling, at + 1)) {
                found.push_back(at);
            }
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/// [begin, end) stretches around @p found, widened to white space and merged.
std::vector<std::pair<std::size_t, std::size_t>> stretches(std::string_view text, const std::vector<std::size_t>& found,
                                                           std::size_t reach) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t at : found) {
        std::size_t begin = at > reach ? at - reach : 0;
        while (begin > 0 && !is_space(text[begin - 1])) --begin;
        std::size_t end = std::min(text.size(), at + reach);
        while (end < text.size() && !is_space(text[end])) ++end;
        if (!out.empty() && begin <= out.back().second) {
            out.back().second = std::max(out.back().second, end);
        } else {
            out.emplace_back(begin, end);
        }
    }
    return out;
}

}  // namespace

std::optional<std::vector<std::string>> match_scan_keys(const std::vector<std::string>& terms,
                                                        const std::vector<std::string>& wildcards,
                                                        std::string_view stem_language) {
    const bool english = stem_language == "english" || stem_language == "en";
    std::vector<std::string> keys;
    auto add = [&](std::string_view key) {
        if (key.empty() || !is_ascii(key)) return false;
        keys.emplace_back(key);
        return true;
    };
    for (const std::string& term : terms) {
        std::string_view t(term);
        bool ok = true;
        // Cross-script keys match non-Latin words that no byte string of the key finds.
        if (starts_with(t, schema::prefix_cross_script)) return std::nullopt;
        if (starts_with(t, schema::prefix_title_stem) || starts_with(t, schema::prefix_stem)) {
            if (!english) return std::nullopt;
            t.remove_prefix(starts_with(t, schema::prefix_title_stem) ? schema::prefix_title_stem.size()
                                                                    : schema::prefix_stem.size());
            // An English (Porter2) stem less its last byte begins the word it
            // came from ("happi" <- "happy", "lie" <- "lying"), checked over
            // the whole Reuters-21578 vocabulary.
            ok = add(t.size() >= 3 ? t.substr(0, t.size() - 1) : t);
        } else if (starts_with(t, schema::prefix_title)) {
            ok = add(t.substr(schema::prefix_title.size()));
        } else if (!t.empty() && (t[0] < 'A' || t[0] > 'Z')) {
            ok = add(t);  // a plain word; other prefixes are fields never matched in the body
        }
        if (!ok) return std::nullopt;
    }
    for (const std::string& prefix : wildcards) {
        if (!add(prefix)) return std::nullopt;
    }
    return keys;
}

std::vector<Token> tokenize_near_matches(const Analyzer& analyzer, std::string_view text,
                                         const std::optional<std::vector<std::string>>& keys, std::size_t reach) {
    if (!keys || keys->empty() || has_non_ascii_word_characters(text)) return analyzer.tokenize(text);
    const std::vector<std::size_t> found = key_occurrences(text, *keys);
    if (found.empty()) return analyzer.tokenize(text);  // the opening is shown: tokenise it all as before
    const auto parts = stretches(text, found, reach);
    std::size_t covered = 0;
    for (const auto& [begin, end] : parts) covered += end - begin;
    if (covered * 3 > text.size() * 2) return analyzer.tokenize(text);

    std::vector<Token> tokens;
    unsigned position = 1;
    for (const auto& [begin, end] : parts) {
        std::vector<Token> part = analyzer.tokenize(text.substr(begin, end - begin), position);
        for (Token& token : part) {
            token.start += begin;
            token.end += begin;
        }
        // A gap in positions: no phrase or adjacency across two stretches.
        if (!part.empty()) position = part.back().position + 1000;
        tokens.insert(tokens.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    return tokens;
}

}  // namespace newsdex::detail
