/// @file document_builder.hpp
/// Article -> Xapian::Document: the one place that decides which terms,
/// positions and values an article gets (library-internal).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "newsdex/analyzer.hpp"
#include "newsdex/article.hpp"
#include "newsdex/entities.hpp"
#include "newsdex/index_writer.hpp"
#include "transliteration.hpp"

namespace newsdex::detail {

/// Extra wdf for title words in the body field, so a title match outweighs a body match.
inline constexpr unsigned title_wdf_boost = 3;
/// Position gap between title and body so that phrases never span the two.
inline constexpr unsigned title_body_gap = 100;

/// The unique-id term of an article id (hashed when too long for a Xapian term).
std::string id_term(std::string_view id);

/// A boolean filter term: @p prefix + folded @p value (hashed when too long).
std::string filter_term(std::string_view prefix, std::string_view value);

/// The alias terms (schema::prefix_person_alias ...) of an article's mentions: surnames of
/// people's full names and surface forms that resolved to another canonical name.
std::vector<std::string> entity_alias_terms(const std::vector<EntityMention>& mentions);

class DocumentBuilder {
  public:
    DocumentBuilder(Analyzer analyzer, const IndexWriterOptions& options);

    /// Builds the document for @p article (filling article.entities and the
    /// parsed date). @p db is used to find near-duplicate clusters.
    Xapian::Document build(Article& article, const Xapian::Database& db);

    const Analyzer& analyzer() const { return analyzer_; }

  private:
    /// Adds the terms of one field and gathers its capitalised non-Latin words
    /// into @p names; @return the number of word positions it used.
    unsigned index_text(Xapian::Document& doc, std::string_view text, std::string_view lang,
                        unsigned first_position, bool title, std::vector<std::string>* words, ArticleNames& names);

    /// Extracts the article's entities (English only) into filter terms and facet slots.
    void add_entities(Xapian::Document& doc, Article& article);

    /// The stem a non-Latin word of an article in @p lang is keyed by ("" for none).
    std::string cross_script_stem(const std::string& term, std::string_view lang) const;

    /// The cross-script keys (XT terms) of the article's words that read as names.
    void add_cross_script_keys(Xapian::Document& doc, const ArticleNames& names);

    Analyzer analyzer_;
    IndexWriterOptions options_;
    CrossScriptKeys cross_script_;
};

}  // namespace newsdex::detail
