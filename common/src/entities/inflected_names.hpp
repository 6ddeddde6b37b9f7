/// @file inflected_names.hpp
/// Names in languages that inflect them and write them in another script (Russian, Ukrainian,
/// Bulgarian): "Курске" and "Курской" are Kursk, "Трампа" is the article's "Трамп", "Путина" is
/// Putin. The tagger sees transliterations ("Kurske"), which neither the English alias table nor
/// the gazetteers know; these helpers find the name under its case ending.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsdex/article.hpp"

namespace newsdex::entities {

class AliasTable;
class LanguageProfile;
class Lexicons;

/**
 * The capitalised words of one article grouped by their stem, so that an inflected mention can
 * take the article's own base form: the stem itself when the article writes it ("Трамп" beside
 * "Трампа"), else the shortest form written, cut to the stem when that form ends only as an
 * oblique case does ("Курске" -> "Курск"). Cleared per article; keeps its storage.
 */
class ArticleStems {
  public:
    void clear() { forms_.clear(); }
    /// Records a lowercased word and its stem.
    void add(const std::string& lower_word, const std::string& stem);
    /// The base form (lowercase) of @p lower_word, whose stem is @p stem.
    std::string base_form(const std::string& lower_word, const std::string& stem) const;

  private:
    std::unordered_map<std::string, std::vector<std::string>> forms_;  // stem -> forms, first seen first
};

/// What an inflected mention resolves to: an English name the tables know (and its type), or
/// else the Latin spelling of its base forms.
struct InflectedName {
    std::string text;
    std::optional<EntityType> type;  ///< set when the tables know the name as one type
};

/**
 * The name a mention written in @p source_words (as the article writes them, in its own script)
 * stands for. Tried in order, for the whole mention: the words as written, their article base
 * forms, their stems, and the stems with a final -y/-a (Зеленского -> Zelensky), each in Latin,
 * against the alias table and the English gazetteers; the first known one wins, under the type
 * the mention has when the tables give it that type. Nothing known: the base forms in Latin.
 * Empty text when the mention has no word in the profile's script.
 */
InflectedName resolve_inflected(const LanguageProfile& lp, const Lexicons& lex, const AliasTable& aliases,
                                const ArticleStems& stems, const std::vector<std::string_view>& source_words,
                                EntityType type);

}  // namespace newsdex::entities
