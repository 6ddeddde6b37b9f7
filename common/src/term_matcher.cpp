/// @file term_matcher.cpp
/// TermMatcher: query term weights -> one weight per word of stored text.
#include "term_matcher.hpp"

#include <algorithm>

#include "highlighter.hpp"
#include "newsdex/schema.hpp"
#include "snippet_windows.hpp"
#include "transliteration.hpp"

namespace newsdex::detail {

TermMatcher::TermMatcher(const Xapian::MSet& mset, const Xapian::Query& query, const Analyzer& analyzer,
                         std::string language, std::vector<std::string> wildcards)
    : analyzer_(analyzer), language_(std::move(language)), wildcards_(std::move(wildcards)),
      shape_(query_shape(query)) {
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        double weight = mset.get_termweight(*it);
        // Terms missing from every matching document still deserve a mark.
        double w = weight > 0 ? weight : 0.5;
        if (shape_.free_terms.count(*it)) weights_[*it] = w;
        all_weights_[*it] = w;
        if (schema::has_prefix(*it, schema::prefix_cross_script)) cross_script_ = true;
    }
    for (const std::string& term : shape_.filter_terms) mark_entity_name(term);
    for (const std::string& term : shape_.free_terms) mark_entity_name(term);  // a filter alone: 0 * (person:...)
}

/// person:volcker is a filter, not a word, yet the reader wants to see where
/// the article names him: the filter's name (its canonical form "Paul
/// Volcker" as a phrase, a person's surname or the alias as typed alone)
/// lights up in titles and snippets, at the weight of a term no hit had.
void TermMatcher::mark_entity_name(const std::string& term) {
    constexpr double name_weight = 0.5;
    for (EntityType type : {EntityType::person, EntityType::place, EntityType::org}) {
        const std::string_view alias_prefix = schema::entity_alias_prefix(type);
        const std::string_view name_prefix = schema::entity_prefix(type);
        const bool alias = schema::has_prefix(term, alias_prefix);  // XPERA before XPER: one begins the other
        if (!alias && !schema::has_prefix(term, name_prefix)) continue;
        const std::size_t prefix_size = alias ? alias_prefix.size() : name_prefix.size();
        const std::vector<Token> words = analyzer_.tokenize(std::string_view(term).substr(prefix_size));
        if (words.empty()) return;
        auto mark_word = [&](const std::string& word) {
            weights_.emplace(word, name_weight);
            all_weights_.emplace(word, name_weight);
        };
        if (words.size() == 1 || (type == EntityType::person && !alias)) mark_word(words.back().term);
        if (alias && words.size() == 1) alias_words_.emplace_back(type, words.front().term);
        if (words.size() > 1) {
            PhraseGroup name;
            for (const Token& word : words) {
                name.slots.push_back({word.term});
                all_weights_.emplace(word.term, name_weight);
            }
            name.window = static_cast<unsigned>(words.size());
            name_phrases_.push_back(std::move(name));
        }
        return;
    }
}

std::vector<PhraseGroup> TermMatcher::alias_names(const std::vector<Entity>& entities) const {
    std::vector<PhraseGroup> names;
    for (const auto& [type, word] : alias_words_) {
        for (const Entity& entity : entities) {
            if (entity.type != type) continue;
            const std::vector<Token> words = analyzer_.tokenize(entity.canonical);
            const bool named = std::any_of(words.begin(), words.end(), [&](const Token& t) { return t.term == word; });
            if (words.size() < 2 || !named) continue;
            PhraseGroup name;
            for (const Token& t : words) name.slots.push_back({t.term});
            name.window = static_cast<unsigned>(words.size());
            names.push_back(std::move(name));
        }
    }
    return names;
}

std::vector<double> TermMatcher::weigh(const std::vector<Token>& tokens, bool title, std::string_view article_language,
                                       const std::vector<PhraseGroup>& hit_names) const {
    std::vector<double> out(tokens.size(), 0.0);
    if (all_weights_.empty() && wildcards_.empty()) return out;
    // Ten bodies repeat most of their words: weigh each distinct word once.
    // (Hits in several languages: the same word stems differently in each.)
    auto& known = title ? title_word_weights_ : body_word_weights_;
    std::string key(article_language);
    key += '\n';
    const std::size_t word_at = key.size();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& term = tokens[i].term;
        key.replace(word_at, std::string::npos, term);
        auto it = known.find(key);
        if (it == known.end()) it = known.emplace(key, weigh_word(term, title, article_language)).first;
        out[i] = it->second;
    }
    // A phrase occurrence outweighs its words found apart, so that
    // snippets prefer passages with the phrase.
    for (const auto* phrases : {&shape_.phrases, &name_phrases_, &hit_names}) {
        for (const PhraseGroup& group : *phrases) mark_phrase(tokens, group, title, out);
    }
    return out;
}

void TermMatcher::mark_phrase(const std::vector<Token>& tokens, const PhraseGroup& group, bool title,
                              std::vector<double>& weights) const {
    double sum = 0;
    for (const auto& slot : group.slots) {
        double best = 0;
        for (const std::string& t : slot) {
            auto it = all_weights_.find(t);
            if (it != all_weights_.end()) best = std::max(best, it->second);
        }
        sum += best;
    }
    mark_phrase_occurrences(tokens, group, title, 1.5 * std::max(sum, 0.5), weights);
}

double TermMatcher::weigh_word(const std::string& term, bool title, std::string_view article_language) const {
    double w = lookup(term);
    std::string stem;
    if (!language_.empty()) {
        // The index holds the article's stems only: those are what the query matched.
        stem = analyzer_.stem(term, article_language);
        w = std::max(w, lookup(std::string(schema::prefix_stem) + stem));
    }
    if (title) {
        w = std::max(w, lookup(std::string(schema::prefix_title) + term));
        if (!stem.empty()) {
            w = std::max(w, lookup(std::string(schema::prefix_title_stem) + stem));
        }
    }
    if (w == 0 && cross_script_ && has_cross_script_letters(term)) {
        // A name the query wrote in another script ("Kursk" lights up "Курске").
        const std::string language = cross_script_stem_language(
            article_language.empty() ? std::string_view(analyzer_.settings().default_language) : article_language, term);
        const std::string key_stem = language.empty() ? std::string() : analyzer_.stem(term, language);
        for (const std::string& key : cross_script_keys_.keys(term, key_stem)) {
            w = std::max(w, lookup(std::string(schema::prefix_cross_script) + key));
        }
    }
    if (w == 0) {
        for (const std::string& prefix : wildcards_) {
            if (term.compare(0, prefix.size(), prefix) == 0) w = 1.0;
        }
    }
    return w;
}

std::optional<std::vector<std::string>> TermMatcher::scan_keys(std::string_view article_language) const {
    std::vector<std::string> terms;
    terms.reserve(all_weights_.size());
    for (const auto& [term, weight] : all_weights_) {
        // weigh_word() matches stems only when the query was stemmed.
        const bool stem = term.compare(0, schema::prefix_stem.size(), schema::prefix_stem) == 0;
        if (!stem || !language_.empty()) terms.push_back(term);
    }
    const std::string_view language = article_language.empty() ? std::string_view(analyzer_.settings().default_language)
                                                                : article_language;
    return match_scan_keys(terms, wildcards_, Analyzer::stemmer_language(language));
}

double TermMatcher::lookup(const std::string& term) const {
    auto it = weights_.find(term);
    return it == weights_.end() ? 0.0 : it->second;
}

}  // namespace newsdex::detail
