/// @file cross_script_query.cpp
/// The query side of names across scripts (transliteration.hpp): which index
/// terms a query word matches in other scripts, and the parser field that
/// ORs them in at cross_script_weight.
#include <algorithm>

#include "cross_script_query.hpp"
#include "languages.hpp"
#include "query_builder.hpp"
#include "query_lexer.hpp"
#include "newsdex/schema.hpp"
#include "transliteration.hpp"

namespace newsdex::detail {

namespace {

bool is_ascii_word(std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

/// The first two letters of @p ascii, "" if it has fewer.
std::string head_of(std::string_view ascii) {
    std::string head;
    for (char c : ascii) {
        if (c >= 'a' && c <= 'z') head.push_back(c);
        if (head.size() == 2) return head;
    }
    return {};
}

CrossScriptKeys& query_keys() {
    thread_local CrossScriptKeys keys;  // its transliterator is made once per thread, on first use
    return keys;
}

bool is_proximity_operator(const Lexeme& l) {
    return l.kind == LexemeKind::op && (l.text.rfind("NEAR", 0) == 0 || l.text.rfind("ADJ", 0) == 0);
}

}  // namespace

bool index_has_cross_script_keys(const Xapian::Database& db) {
    const std::string prefix(schema::prefix_cross_script);
    const std::string version = db.get_metadata(std::string(schema::meta_cross_script));
    if (!version.empty() && version != cross_script_key_version) return false;  // keys that no query would meet
    return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

std::vector<std::string> cross_script_alternatives(const Analyzer& analyzer, const Xapian::Database& db,
                                                   bool index_has_keys, const std::string& word) {
    std::vector<std::string> out;
    auto add = [&](std::string term) {
        if (std::find(out.begin(), out.end(), term) == out.end()) out.push_back(std::move(term));
    };
    const std::string prefix(schema::prefix_cross_script);
    if (!has_cross_script_letters(word)) {
        // A Latin word meets the keys of other scripts' names ("kursk": "Курске").
        if (!index_has_keys || !is_ascii_word(word) || word.size() < min_cross_script_key_bytes) return out;
        const std::string key = prefix + loose_name_key(word);
        if (db.term_exists(key)) add(key);
        return out;
    }
    CrossScriptKeys& maker = query_keys();
    const std::string stem_language = cross_script_stem_language(language_of_script(word), word);
    const std::string stem = stem_language.empty() ? std::string() : analyzer.stem(word, stem_language);
    const std::vector<std::string> keys = maker.keys(word, stem);
    for (const std::string& key : keys) {
        if (index_has_keys && db.term_exists(prefix + key)) add(prefix + key);
    }
    // Latin articles carry no keys: their words whose key is one of ours are
    // found among the index's words that begin like the transliteration.
    std::vector<std::string> heads;
    std::vector<std::string> forms = keys;  // "kursk" for "κουρσκ" (koursk)
    forms.push_back(maker.to_ascii(word));
    forms.push_back(maker.to_ascii(stem));
    for (const std::string& form : forms) {
        std::string head = head_of(form);
        if (!head.empty() && std::find(heads.begin(), heads.end(), head) == heads.end()) heads.push_back(head);
    }
    for (const std::string& head : heads) {
        unsigned read = 0;
        for (auto t = db.allterms_begin(head); t != db.allterms_end(head) && read < max_cross_script_scan; ++t, ++read) {
            const std::string& term = *t;
            if (!is_ascii_word(term)) continue;
            if (std::find(keys.begin(), keys.end(), loose_name_key(term)) != keys.end()) add(term);
        }
    }
    return out;
}

std::string with_cross_script_words(const Analyzer& analyzer, const Xapian::Database& db, bool index_has_keys,
                                    const std::string& prepared, std::vector<CrossScriptWord>& words) {
    const std::vector<Lexeme> lexemes = lex_query(prepared);
    std::string out;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < lexemes.size(); ++i) {
        const Lexeme& l = lexemes[i];
        if (l.kind != LexemeKind::word || !l.field_name.empty()) continue;
        if ((i > 0 && is_proximity_operator(lexemes[i - 1])) ||
            (i + 1 < lexemes.size() && is_proximity_operator(lexemes[i + 1]))) {
            continue;  // NEAR and ADJ join terms only
        }
        const std::string word = prepared.substr(l.value, l.end - l.value);
        // A Latin word meets only keys: in an index without them (every
        // Latin-script index), nothing to look up, so no work per query word.
        if (!index_has_keys && !has_cross_script_letters(word)) continue;
        // One analysed word as it is: not a wildcard, a hyphenated phrase or an acronym with dots.
        const std::vector<Token> tokens = analyzer.tokenize(word);
        if (tokens.size() != 1 || tokens[0].term != word) continue;
        std::vector<std::string> alternatives = cross_script_alternatives(analyzer, db, index_has_keys, word);
        if (alternatives.empty()) continue;
        out.append(prepared, copied, l.value - copied);
        out += std::string(cross_script_field) + ":" + std::to_string(words.size());
        copied = l.end;
        words.push_back(CrossScriptWord{word, std::move(alternatives)});
    }
    out.append(prepared, copied, std::string::npos);
    return out;
}

Xapian::Query with_cross_script_alternatives(Xapian::Query own, const std::vector<std::string>& alternatives) {
    if (alternatives.empty()) return own;
    const Xapian::Query others(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    return Xapian::Query(Xapian::Query::OP_OR, own, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, others, cross_script_weight));
}

CrossScriptField::CrossScriptField(const std::vector<CrossScriptWord>& words, const std::string& stem_language)
    : words_(words), stem_(!stem_language.empty()), stemmer_(stem_ ? make_stemmer(stem_language) : Xapian::Stem()) {}

Xapian::Query CrossScriptField::operator()(const std::string& value) {
    std::size_t index = 0;
    for (char c : value) index = index * 10 + static_cast<std::size_t>(c - '0');
    if (index >= words_.size()) return Xapian::Query();  // never: with_cross_script_words() wrote it
    const CrossScriptWord& w = words_[index];
    // What Xapian's STEM_SOME makes of the lower-case word, plus the alternatives.
    const std::string own = stem_ ? std::string(schema::prefix_stem) + stemmer_(w.word) : w.word;
    return with_cross_script_alternatives(Xapian::Query(own), w.alternatives);
}

}  // namespace newsdex::detail
