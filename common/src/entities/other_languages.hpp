/// @file other_languages.hpp
/// Entities beyond English: what the extractor needs to know of another language to run the
/// English tagger on its text and map what it finds to English canonical names.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsdex/article.hpp"
#include "tokenizer.hpp"

namespace newsdex::entities {

/// An English canonical name and its type, as a language's name forms give it.
struct NameForm {
    EntityType type = EntityType::place;
    std::string canonical;
    std::string form_key;  ///< the form as looked up (lowercase words), to check an inflected match
};

/**
 * One language the extractor analyses besides English (see language_profile()): its stopwords
 * and the titles that stand before names ("M.", "Herr"), whether it capitalises every noun
 * (German), whether its script is transliterated for the tagger (Cyrillic, Greek), and its name forms
 * ("Allemagne" -> Germany), looked up as written or by the stems of their words ("Москвы" ->
 * Moscow, "Deutschlands" -> Germany).
 */
class LanguageProfile {
  public:
    /// @p lang a primary language tag ("fr"); @p forms the shipped name-forms table.
    LanguageProfile(std::string lang, std::string_view forms);
    ~LanguageProfile();
    LanguageProfile(const LanguageProfile&) = delete;
    LanguageProfile& operator=(const LanguageProfile&) = delete;

    const std::string& lang() const { return lang_; }
    /// German, Luxembourgish: a capitalised word is no sign of a name.
    bool capitalises_nouns() const { return capitalises_nouns_; }
    /// Cyrillic languages and Greek: tokens are transliterated to Latin before tagging.
    bool transliterates() const { return transliterates_; }

    /// A lowercased word that is a function word of the language ("le", "selon" is not).
    bool is_stopword(std::string_view lower) const;
    /// A lowercased word that is a function word or the name of a month or weekday in the
    /// language (CLDR's, by ICU: "ekim", "cumartesi", "montag"): never a name's first or last word.
    bool is_common_word(std::string_view lower) const;
    /// A title or honorific that precedes names ("M.", "Mme", "Herr"), as written.
    bool is_title(std::string_view word) const;
    /// The Snowball stem of a lowercased word (Russian's for Ukrainian and Bulgarian); the
    /// word itself for a language without a stemmer.
    std::string stem(const std::string& lower) const;
    /// The English canonical of a name written in this language, or nullptr.
    const NameForm* find(std::string_view name) const;

    /// Splits elided articles off words ("L'équipe" -> "L'" "équipe", "dell'Europa") and, for a
    /// transliterating language, gives each token its Latin form (offsets stay on the source).
    void adapt_tokens(TokenizedText& tok) const;

  private:
    std::string key(std::string_view name, bool stemmed) const;
    std::string lang_;
    bool capitalises_nouns_ = false;
    bool transliterates_ = false;
    bool truncates_ = false;  ///< no stemmer: forms keyed by inflection_free_prefix()
    const std::unordered_set<std::string>* stopwords_ = nullptr;
    std::unordered_set<std::string> titles_;
    std::unordered_set<std::string> calendar_words_;  ///< months and weekdays, lowercased
    std::unordered_map<std::string, NameForm> exact_, stemmed_;
    struct Stemmer;
    std::unique_ptr<Stemmer> stemmer_;
};

/// The profile of @p lang's primary language, built on first use and kept; nullptr for English
/// and for languages the extractor does not analyse. Thread-safe.
const LanguageProfile* language_profile(std::string_view lang);

/// The shipped name-forms table (common/data/ner/name-forms.tsv, compiled in).
std::string_view builtin_name_forms();

/// Latin transliteration of Cyrillic or Greek text, letter case kept ("Путина" -> "Putina"), by
/// ICU's BGN/PCGN rules of @p lang (Ukrainian's, Bulgarian's, Greek's, else Russian's) made ASCII.
/// Thread-safe (transliterators per thread).
std::string to_latin(std::string_view text, std::string_view lang = "ru");

}  // namespace newsdex::entities
