/// @file entities.hpp
/// Named-entity extraction (people, places, organisations) with canonical names.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/article.hpp"

namespace newsdex {

/// One occurrence of a named entity in an article field.
struct EntityMention {
    EntityType type = EntityType::person;
    std::string text;       ///< the field bytes [start, end), e.g. "Putin" (no possessive "'s")
    std::string canonical;  ///< e.g. "Vladimir Putin"
    std::string field;      ///< "title" or "body"
    std::size_t start = 0;  ///< UTF-8 byte offset into that field's text as given
    std::size_t end = 0;    ///< one past the last byte
};

/// "person", "place" or "org" (the names used in JSON output).
const char* to_string(EntityType type) noexcept;

/**
 * Finds people, places and organisations in English news text with an averaged
 * perceptron sequence tagger (trained on CoNLL-2003 by scripts/train-ner) and
 * maps each mention to a canonical name: within an article a surname resolves to
 * the full name used elsewhere in it ("Putin" -> "Vladimir Putin"), and across the
 * corpus variants come from the alias table shipped with the model
 * ("U.S." -> "United States", "Kiev" -> "Kyiv").
 *
 * English (lang "en", "en-*" or unknown "") is analysed as above; so are the languages with
 * name forms in common/data/ner/name-forms.tsv (French, German, Spanish, Italian, Portuguese,
 * Dutch, the Nordic languages, Finnish, Hungarian, Russian, Ukrainian, Bulgarian), whose
 * mentions get English canonical names where the name forms know them ("Allemagne",
 * "Германии" -> "Germany"; Cyrillic names otherwise transliterated). For any other language
 * extract() returns no mentions.
 */
class EntityExtractor {
  public:
    /// The model compiled into the library (no file needed at run time).
    /// @throws Error if the library was built without a model.
    static const EntityExtractor& builtin();

    /// Loads a model file written by the trainer (tools/ner).
    /// @throws Error if the file cannot be read or is not a model.
    explicit EntityExtractor(const std::filesystem::path& model_file);
    ~EntityExtractor();
    EntityExtractor(EntityExtractor&&) noexcept;
    EntityExtractor& operator=(EntityExtractor&&) noexcept;

    /// Mentions in the title, then the body, each in text order. Thread-safe.
    [[nodiscard]] std::vector<EntityMention> extract(std::string_view title, std::string_view body,
                                                     std::string_view lang = "en") const;

    /// Canonical entities of an article with mention counts, most mentioned first
    /// (ties in order of first mention).
    static std::vector<Entity> summarise(const std::vector<EntityMention>& mentions);

    /// Canonical form of a user-typed name for filters: "putin" -> "Vladimir Putin" when the
    /// alias table knows it, otherwise the name with whitespace collapsed and lowercase words
    /// capitalised ("new york" -> "New York").
    [[nodiscard]] std::string canonicalise(EntityType type, std::string_view name) const;

    /// This extractor with a user's alias table added (the user's entries win): lines
    /// "type<TAB>canonical name<TAB>alias|alias...", type person, place or org; blank lines and
    /// lines starting with '#' are skipped. The model is shared, not copied.
    /// @throws InputError with @p source and the line number for a malformed line.
    [[nodiscard]] EntityExtractor with_aliases(std::string_view tsv, const std::string& source) const;

    /// Builds an extractor from model bytes in memory (what builtin() uses).
    /// @throws Error if the bytes are not a model.
    static EntityExtractor from_bytes(std::string_view model_bytes);

  private:
    EntityExtractor() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
