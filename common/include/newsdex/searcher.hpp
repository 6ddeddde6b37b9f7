/// @file searcher.hpp
/// Searcher: ranked queries with highlighted snippets over one or more indexes.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/article.hpp"
#include "newsdex/index_stats.hpp"

namespace newsdex {

enum class SortOrder { relevance, date_ascending, date_descending };

/// Limits of the query language: queries beyond them are refused with a QueryError.
namespace query_limits {
/// How many words a trailing wildcard expands to (the most frequent win).
inline constexpr unsigned wildcard_expansion = 500;
/// Terms in one query: the match time grows faster than the number of terms
/// (1,000 ORed terms: 0.3 s; 10,000: over 20 s).
inline constexpr std::size_t terms = 1000;
/// "word*" patterns in one query (each expands to up to wildcard_expansion
/// words; 26 ORed wildcards take 0.8 s, 200 take 15 s).
inline constexpr std::size_t wildcards = 32;
}  // namespace query_limits

/// How the query text is read.
enum class QueryMode {
    /// The query language: words must all match, "phrases", OR, NOT, field:value, ...
    boolean,
    /// A sentence or question: no syntax (operators and special characters are
    /// text), stopwords dropped, every word stemmed, any word may match; BM25
    /// ranks by how many and how rare.
    natural,
};

struct SearchRequest {
    std::string query;               ///< may be empty with like_id or expand_id
    QueryMode mode = QueryMode::boolean;
    /// Pseudo-relevance feedback: the best stems of the first-pass top
    /// documents are added to the query at a lower weight. Unset = the
    /// default for the mode (see uses_feedback()).
    std::optional<bool> feedback;
    /// Feedback rounds, 1 to 3 (unset: 3): each later round takes its top
    /// articles from the first pass's top 30 re-ranked by the previous
    /// round's terms (better articles, better terms; docs/RANKING.md).
    /// @throws UsageError from search() when out of range.
    std::optional<unsigned> feedback_rounds;
    /// Score regularisation: the top 30 by relevance re-ranked with their
    /// most similar neighbours' scores (articles like other good hits rank
    /// higher). Unset = the default for the mode (see uses_regularisation()).
    /// Relevance order only: with a date sort it does nothing.
    std::optional<bool> regularise;
    /// How strongly feedback and regularisation act, 0 (not at all) to 1 (as
    /// tuned on topical queries). Unset = predicted per query from how its
    /// own ranking looks (a top hit that stands out: little or none; a flat
    /// top of similar articles: fully; docs/RANKING.md). Values outside
    /// [0, 1] are clamped.
    std::optional<double> rerank_strength;
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::relevance;
    std::string language;            ///< query language for stemming ("" = index default)
    std::size_t snippets_per_hit = 2;  ///< 0 = no snippets
    std::size_t snippet_bytes = 200;   ///< target length of one snippet
    std::vector<std::string> facets;   ///< "person", "place", "org", "source", "lang", "year", "month"
    std::size_t facet_limit = 10;

    /// Only articles published on or after the start of this date (query date
    /// syntax: "2025", "2025-03", "2025-03-14", "2025-03-14T10:20Z", or
    /// relative: "7d", "yesterday", "2 months ago"); "" = no limit.
    std::string since;
    /// Only articles published up to the end of this date (same syntax); "" = no limit.
    std::string until;

    /// Show one article per near-duplicate story cluster (the best), with a count of the rest.
    bool collapse = true;
    /// Show every member of this article's story cluster (collapsing off).
    std::string expand_id;
    /// More like this article: its best terms become the query; `query` then only filters.
    std::string like_id;

    /// Recency-aware ranking: BM25 plus a bonus halving every half-life of age
    /// (0 = off). Age counts back from recency_reference, else the newest match.
    std::chrono::seconds recency_half_life{0};
    std::string recency_reference;  ///< a date in query date syntax, "" = newest match

    /// The moment relative dates (in since, until, recency_reference and the
    /// query's date:) count from: an absolute date ("2025-03-14T12:00Z"); ""
    /// = the current time. For tests and reproducible research.
    std::string now;

    /// Offer a "did you mean" correction when the query finds few articles.
    bool suggest = true;
    /// Run the corrected query instead (when there is one).
    bool auto_correct = false;

    /// Per hit: which query terms matched in which field and what each added to the score.
    bool explain = false;
    /// Count every match exactly (slower on big indexes) instead of estimating.
    bool exact_count = false;
    /// Time limit in seconds for the match's extra work (0 = none): after it,
    /// Xapian's Enquire::set_time_limit stops checking documents beyond those
    /// needed for the requested page, so exact counts and facets become
    /// estimates. It does not bound query parsing (bounded instead by the
    /// wildcard expansion limit and the query size limit) or reading hits.
    double timeout_seconds = 0;
    /// Related entities: up to this many people, places and organisations per
    /// type that distinguish the top results from the collection (0 = off; see
    /// SearchResults::related).
    std::size_t related = 0;
};

/// Whether @p request runs with pseudo-relevance feedback: its own choice, else
/// the default (on for natural-language queries, off for the query language).
bool uses_feedback(const SearchRequest& request);

/// Whether @p request's relevance ranking is regularised: its own choice, else
/// the default (on for natural-language queries, off for the query language).
bool uses_regularisation(const SearchRequest& request);

/** Parse a half-life such as "30d", "12h", "2w", "90m", "45s" (also "1y" = 365d).
 *  @throws UsageError naming the text when it is not a positive number and unit. */
std::chrono::seconds parse_half_life(std::string_view text);

/// A passage of an article with the byte ranges that matched the query.
struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;  ///< [start, end) UTF-8 bytes
    std::string field = "body";  ///< "title" or "body"
    bool starts_mid_text = false;  ///< text is cut before this passage (show "…")
    bool ends_mid_text = false;    ///< text continues after this passage
};

/// What one query term (or phrase) added to a hit's score (see Hit::explain).
struct TermExplanation {
    std::string term;         ///< as indexed: "kursk", stem "Zsurrend", title "Skursk"
    std::string kind;         ///< "word", "stem", "title", "title-stem", "phrase", "feedback", "exact", "accent", "keywords", "lead", "recency", "neighbours"
    std::vector<std::string> fields;  ///< where it occurs in the article: "title", "body"
    unsigned wdf = 0;         ///< within-document frequency of the term
    double weight = 0;        ///< its BM25 contribution to the score (feedback: already scaled;
                              ///< neighbours: what score regularisation added or took away)
};

struct Hit {
    std::size_t rank = 0;  ///< 1-based, counting from the first result overall
    double score = 0;
    std::string cluster;   ///< near-duplicate story cluster id ("" = none recorded)
    /// How many more articles of this story matched (collapsing on): exact
    /// with facets or an exact count (their pass sees every match), else a lower
    /// bound, as Xapian stops counting collapsed documents it can prove irrelevant.
    std::size_t similar = 0;
    std::vector<TermExplanation> explain;  ///< filled when SearchRequest::explain
    Article article;       ///< stored fields (body omitted unless asked)
    std::vector<Snippet> snippets;
    std::vector<std::pair<std::size_t, std::size_t>> title_highlights;
};

struct FacetValue {
    std::string value;
    std::size_t count = 0;
};

/// An entity associated with a query's top results (SearchResults::related).
struct RelatedEntity {
    std::string value;      ///< display name, as the articles name it ("Nancy Pelosi")
    double score = 0;       ///< Xapian expand weight: frequent in the top results, rare elsewhere
    std::size_t count = 0;  ///< in how many of the top results it occurs (of related_sample)
};

struct SearchResults {
    std::string query;              ///< as given
    std::string parsed_query;       ///< Xapian's description of what ran
    QueryMode mode = QueryMode::boolean;
    /// Terms pseudo-relevance feedback added (empty when off), with their
    /// weight relative to a query word.
    std::vector<std::pair<std::string, double>> feedback_terms;
    bool feedback = false;          ///< feedback was on for this search
    bool regularised = false;       ///< the relevance ranking was regularised (SearchRequest::regularise)
    /// The strength feedback and regularisation acted with (0-1; 0 when neither ran).
    double rerank_strength = 0;
    /// The query performance predictors it was read from (when feedback or
    /// regularisation ran): name, value ("score_drop", "first_gap", "spread", "coherence").
    std::vector<std::pair<std::string, double>> evidence;
    std::size_t total_estimate = 0;
    std::size_t total_lower_bound = 0;
    std::size_t total_upper_bound = 0;
    std::size_t offset = 0;
    bool exact = false;             ///< total_estimate is the exact number of matches
    bool collapsed = false;         ///< near-duplicates were collapsed
    /// "Did you mean": the query with misspelt words replaced ("" = none).
    std::string suggestion;
    /// The hits are for `suggestion`, not `query` (SearchRequest::auto_correct).
    bool auto_corrected = false;
    /// Recency ranking: the reference date ("" when off) and the half-life in seconds.
    std::string recency_reference;
    long long recency_half_life = 0;
    std::vector<Hit> hits;
    std::map<std::string, std::vector<FacetValue>> facets;
    /// With SearchRequest::related: "person", "place", "org" -> the entities
    /// most distinctive of the best related_sample results (relevance order,
    /// one per story when collapsing), best first. Entities the query names
    /// (person:putin, or a word of the name) and, from 10 results on,
    /// entities found in only one of them are left out.
    std::map<std::string, std::vector<RelatedEntity>> related;
    std::size_t related_sample = 0;  ///< how many top results `related` was drawn from
    /// Shards left out because they could not be opened (only with
    /// SearcherOptions::allow_missing_shards): how errors name them, e.g.
    /// "remote 10.0.0.2:33333 (listed in /srv/news/remote.stub)". Totals,
    /// facets and scores are then those of the other shards.
    std::vector<std::string> missing_shards;
};

struct SearcherOptions {
    /// Search the shards that open when some do not (a server down, a
    /// directory missing), listing the others in SearchResults::missing_shards,
    /// instead of throwing IndexError. At least one must open.
    bool allow_missing_shards = false;
};

/// Answers ranked queries over one or more newsdex indexes (local paths or
/// Xapian stub files). Every search answers from the latest commit (readers
/// take no lock: a writer may be committing meanwhile). A long-lived Searcher
/// on one local index keeps every article's facet values in memory from its
/// second facet search on (about 100 bytes per article; rebuilt after the
/// index changes), and, for natural-language ranking, the stems of articles
/// it has ranked (at most 10,000 articles) and from its second search a
/// dictionary of the index's stems (about 80 bytes a stem; not for indexes
/// of more than 500,000 stems). Like a Xapian::Database, one Searcher serves one thread.
class Searcher {
  public:
    /// Each path is an index directory, a Xapian stub file, or a sharded
    /// index (a directory with a XAPIANDB stub); every database they name is
    /// opened on its own, so an error names the shard.
    /// @throws IndexError if an index is missing, corrupt or from a newer
    /// schema version, or a remote shard cannot be reached (Kind::unavailable;
    /// see SearcherOptions::allow_missing_shards).
    explicit Searcher(const std::vector<std::filesystem::path>& indexes, SearcherOptions options = {});
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// @throws QueryError naming the offending part of the query; IndexError on database failure.
    [[nodiscard]] SearchResults search(const SearchRequest& request) const;

    /**
     * Every article matching @p request's query and filters (like, expand,
     * since, until; an empty query: every article), whole (the body too), in
     * index order, handed one at a time to @p on_article: memory stays
     * bounded whatever the number of matches. Paging, sort, collapsing,
     * ranking, feedback and facets do not apply: it is the match set. Reads
     * one revision; local indexes only (remote shards cannot stream).
     * @return the number of articles handed over.
     * @throws QueryError, UsageError as search(); IndexError if the index
     *         changes too much while it is read (run it again).
     */
    std::size_t export_matches(const SearchRequest& request,
                               const std::function<void(const Article&)>& on_article) const;

    /// Number of articles in all the indexes, at the latest commit. @throws IndexError on a database failure.
    std::size_t article_count() const;

    /// The whole stored article with id @p id (every field, the body and the
    /// entities), from the latest commit; nothing if no article has that id.
    /// @throws IndexError on a database failure.
    [[nodiscard]] std::optional<Article> article(const std::string& id) const;

    /// What the indexes hold (counts per language and source, date range,
    /// size, schema version, last commit), from the latest commit.
    /// @throws IndexError on a database failure.
    [[nodiscard]] IndexStats stats() const;

    /// Shards left out when opening (SearcherOptions::allow_missing_shards); also in each SearchResults.
    std::vector<std::string> missing_shards() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
