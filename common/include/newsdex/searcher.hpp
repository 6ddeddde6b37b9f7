/// @file searcher.hpp
/// Searcher: ranked queries with highlighted snippets over one or more indexes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsdex/article.hpp"

namespace newsdex {

enum class SortOrder { relevance, date_ascending, date_descending };

struct SearchRequest {
    std::string query;
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::relevance;
    std::string language;            ///< query language for stemming ("" = index default)
    std::size_t snippets_per_hit = 2;  ///< 0 = no snippets
    std::size_t snippet_bytes = 200;   ///< target length of one snippet
    std::vector<std::string> facets;   ///< "person", "place", "org", "source", "lang", "year", "month"
    std::size_t facet_limit = 10;
};

/// A passage of an article with the byte ranges that matched the query.
struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;  ///< [start, end) UTF-8 bytes
    std::string field = "body";  ///< "title" or "body"
    bool starts_mid_text = false;  ///< text is cut before this passage (show "…")
    bool ends_mid_text = false;    ///< text continues after this passage
};

struct Hit {
    std::size_t rank = 0;  ///< 1-based, counting from the first result overall
    double score = 0;
    Article article;       ///< stored fields (body omitted unless asked)
    std::vector<Snippet> snippets;
    std::vector<std::pair<std::size_t, std::size_t>> title_highlights;
};

struct FacetValue {
    std::string value;
    std::size_t count = 0;
};

struct SearchResults {
    std::string query;              ///< as given
    std::string parsed_query;       ///< Xapian's description of what ran
    std::size_t total_estimate = 0;
    std::size_t total_lower_bound = 0;
    std::size_t total_upper_bound = 0;
    std::size_t offset = 0;
    std::vector<Hit> hits;
    std::map<std::string, std::vector<FacetValue>> facets;
};

/// Answers ranked queries over one or more newsdex indexes (local paths or
/// Xapian stub files). Reopens on concurrent modification.
class Searcher {
  public:
    /// @throws IndexError if an index is missing, locked, corrupt or from a newer schema version.
    explicit Searcher(const std::vector<std::filesystem::path>& indexes);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// @throws QueryError naming the offending part of the query; IndexError on database failure.
    [[nodiscard]] SearchResults search(const SearchRequest& request) const;

    /// Number of articles in all the indexes.
    std::size_t article_count() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
