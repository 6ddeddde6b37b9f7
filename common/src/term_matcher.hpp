/// @file term_matcher.hpp
/// Snippet weighting: how much each word of stored text matches the query, for
/// the highlighter (highlighter.hpp) and for choosing snippets.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "newsdex/article.hpp"
#include "query_shape.hpp"
#include "transliteration.hpp"

namespace newsdex::detail {

/// Weights of the query's terms, used to find and rank matches in stored text.
/// Terms that only occur inside a phrase or NEAR group count only where the
/// whole group occurs. Remembers the words it has weighed: one matcher serves
/// the hits of one search.
class TermMatcher {
  public:
    /** @param mset gives each query term's weight (a term matching no hit still gets 0.5)
     *  @param language the stemming language of the query, "" when it was not stemmed (a
     *         stemmed query's words are matched by each article's own stems: see weigh())
     *  @param wildcards analysed prefixes of the query's "word*" patterns */
    TermMatcher(const Xapian::MSet& mset, const Xapian::Query& query, const Analyzer& analyzer, std::string language,
                std::vector<std::string> wildcards);

    const QueryShape& shape() const { return shape_; }

    /// Byte strings one of which occurs in every word weigh() can match in an
    /// article in @p article_language, for tokenize_near_matches()
    /// (snippet_windows.hpp); nullopt when unknown.
    std::optional<std::vector<std::string>> scan_keys(std::string_view article_language = {}) const;

    /// One weight per token (0 = no match) for title (@p title) or body text
    /// of an article in @p article_language ("" = the index default): its words
    /// are stemmed the way they were indexed, whatever language stemmed the query.
    /// @p hit_names: alias_names() of the article, marked as phrases too.
    std::vector<double> weigh(const std::vector<Token>& tokens, bool title, std::string_view article_language = {},
                              const std::vector<PhraseGroup>& hit_names = {}) const;

    /// The full names among an article's @p entities that an entity filter's
    /// one-word alias stands for (person:volcker -> "Paul Volcker"): the
    /// filter matched the alias, so only the article says whose name it is.
    std::vector<PhraseGroup> alias_names(const std::vector<Entity>& entities) const;

  private:
    void mark_entity_name(const std::string& term);
    void mark_phrase(const std::vector<Token>& tokens, const PhraseGroup& group, bool title,
                     std::vector<double>& weights) const;
    double weigh_word(const std::string& term, bool title, std::string_view article_language) const;
    double lookup(const std::string& term) const;

    const Analyzer& analyzer_;
    std::string language_;  ///< "" when the query was not stemmed
    std::vector<std::string> wildcards_;
    QueryShape shape_;
    std::vector<PhraseGroup> name_phrases_;  ///< full names of the query's entity filters
    std::vector<std::pair<EntityType, std::string>> alias_words_;  ///< one-word aliases of entity filters
    std::unordered_map<std::string, double> weights_;      ///< free terms
    std::unordered_map<std::string, double> all_weights_;  ///< free and phrase terms
    /// weigh_word() of body words seen, keyed by language + '\n' + word
    mutable std::unordered_map<std::string, double> body_word_weights_;
    mutable std::unordered_map<std::string, double> title_word_weights_;  ///< and of title words
    bool cross_script_ = false;  ///< the query has XT keys: non-Latin words are weighed by theirs too
    mutable CrossScriptKeys cross_script_keys_;
};

}  // namespace newsdex::detail
