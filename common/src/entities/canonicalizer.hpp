/// @file canonicalizer.hpp
/// Canonical names: the alias table and within-article name resolution.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsdex/article.hpp"

namespace newsdex::entities {

/// Look-up key of a name: lowercase, dots and possessives dropped, whitespace collapsed.
std::string alias_key(std::string_view name);

/// Whitespace collapsed, typographic apostrophes made ASCII, lowercase words capitalised.
std::string tidy_name(std::string_view name);

/// Type + alias key -> canonical name, read from "type<TAB>canonical<TAB>alias|alias" lines.
class AliasTable {
  public:
    void load(std::string_view tsv);
    /// Adds a user's table in the same format (its entries win over loaded ones), strictly:
    /// @throws InputError naming @p source and the line for a line that is not
    /// "type<TAB>canonical<TAB>alias|alias..." with type person, place or org.
    void load_user(std::string_view tsv, const std::string& source);
    /// Canonical name for the alias, or nullptr.
    const std::string* find(EntityType type, std::string_view name) const;
    std::size_t size() const { return map_.size(); }

  private:
    std::unordered_map<std::string, std::string> map_;  // "<type>\x1f<key>" -> canonical
};

/// A mention as found by the tagger, before canonicalisation.
struct RawMention {
    EntityType type;
    std::string text;  ///< tidy surface form
    std::vector<std::string> words;  ///< its word tokens
};

/// A name the alias table knows under one type only takes that type ("Kremlin" tagged as a
/// place becomes an org, "US" tagged as an org a place).
void retype_from_aliases(const AliasTable& aliases, std::vector<RawMention>& mentions);

/// One article, one type per name: a lone word that ends a multi-word person name is a
/// person; otherwise a lone word takes the type most of its mentions have (ties: first seen).
void harmonise_types(std::vector<RawMention>& mentions);

/// A legal-form word that does not tell companies apart: Inc, Corp, Co, Ltd, Plc, AG, SA, ...
bool is_legal_suffix(std::string_view word);

/// "Sony Corp" -> "Sony", "Alex. Brown and Sons Inc" -> "Alex. Brown and Sons": legal-form
/// suffixes (Inc, Corp, Co, Ltd, Plc, AG, ...) dropped from an organisation's name.
std::string strip_legal_suffix(std::string_view name);

/// The mention of the same type that mention @p i stands for in its article, or
/// mentions.size(): an ALL-CAPS form takes the article's mixed-case spelling ("REAGAN" ->
/// "Reagan"); a lone person word the full name ending or starting with it; a lone org word the
/// company name it starts ("Moody's" -> "Moody's Investors Service Inc") or, in capitals, whose
/// initials it spells ("EC" -> "European Community"). Nearest earlier mention first.
std::size_t linked_mention(const std::vector<RawMention>& mentions, std::size_t i);

/// Canonical names for an article's mentions, in order (see EntityExtractor docs).
std::vector<std::string> resolve_article(const AliasTable& aliases, const std::vector<RawMention>& mentions);

}  // namespace newsdex::entities
