/// @file search_stages.hpp
/// One search in four stages, each testable alone: plan the query, rank,
/// count and facet, assemble hits. Searcher::search() runs them in order.
#pragma once

#include <xapian.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "facets.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/searcher.hpp"
#include "query_builder.hpp"
#include "ranking.hpp"
#include "recency.hpp"

namespace newsdex::detail {

/// The ranked pass counts at least this many matches (Xapian's
/// check_at_least) before it estimates the total: estimates within a few
/// percent, and exact totals below it (issue 14; cost in BENCHMARKS.md).
inline constexpr Xapian::doccount count_at_least = 1000;

/// What every stage reads: the open indexes and what the Searcher keeps across searches.
struct SearchContext {
    const Xapian::Database& db;
    const Analyzer& analyzer;
    /// Every index is a local database (not a stub file): custom match spies may run.
    bool local = true;
    /// Stems of top articles for feedback and regularisation; started on
    /// first use, so that only searches using either pay for it.
    std::function<StemReader&()> stems;
    /// Every article's facet values, for a search that counts facets (nullptr: count without).
    std::function<const FacetCache*()> facet_cache;
    /// Stories per article over the whole index (sampled_story_share()), for
    /// the estimated count of a collapsed search; empty: Xapian's estimate.
    std::function<double()> story_share;
};

/// Stories per article of @p db (1 = no near-duplicates), from the cluster
/// sizes of up to @p samples evenly spaced documents: the mean of 1 / the
/// size of each one's story.
double sampled_story_share(const Xapian::Database& db, unsigned samples = 128);

/// The number of stories a collapsed search matches when Xapian only
/// estimates it: the uncollapsed estimate (exact for one word) times
/// @p story_share, to two significant figures, within Xapian's bounds.
/// Xapian's own collapsed estimate is cut to a power of ten below the upper
/// bound: "About 10000" for the 17,994 stories of "Reuter" in Reuters-21578.
Xapian::doccount collapsed_estimate(const Xapian::MSet& mset, double story_share);

/// Stage 1's answer: what runs, and what the user asked for.
struct QueryPlan {
    bool has_text = false;  ///< the request has a query (it may also be only a like or expand id)
    /// The user's query as parsed (under like: the article's terms): what the
    /// highlighter marks and --explain reports as words.
    ParsedQuery parsed;
    /// What is matched and ranked: the user's query with feedback, like,
    /// expand, the date filter and the recency bonus.
    Xapian::Query query;
    /// The recency bonus, which `query` points to (owned here).
    std::unique_ptr<RecencyPostingSource> recency;
    /// The words as spelt whose exact forms re-rank the top articles (exact_form_scores()); empty: none.
    std::vector<std::string> exact_words;
    /// A natural keyword query's word stems (at most keyword_max_words), whose presence re-ranks the
    /// top articles (keyword_scores()); empty: none.
    std::vector<std::string> keyword_stems;
    /// The query language: its words in an article's lead re-rank the top articles (lead_scores(); the
    /// words and their forms are read from parsed.query only when there are two articles to re-order).
    bool lead_words = false;
};

/** Stage 1, plan the query: parse it (natural or query language), offer or
 *  apply a spelling correction, add feedback terms, like, expand, the date
 *  filter and the recency bonus. Fills results' query, mode, suggestion,
 *  auto_corrected, feedback, feedback_terms, parsed_query and recency.
 *  @throws QueryError for a malformed query or an unknown like/expand id;
 *          UsageError for a request without query, like or expand, or bad feedback rounds. */
/// Records in @p results the predictors feedback or regularisation read and
/// the strength (clamped to 0-1) they act with (SearchResults::rerank_strength).
void record_evidence(SearchResults& results, const QueryEvidence& evidence, double strength);

QueryPlan plan_query(const SearchContext& context, const SearchRequest& request, SearchResults& results);

/** What an export matches: the request's query with like, expand and the
 *  date filter, without feedback, recency or a spelling correction (the
 *  boolean match set, not a ranking); an empty query (and no like or
 *  expand id) matches every article.
 *  @throws QueryError as plan_query(). */
Xapian::Query match_set_query(const SearchContext& context, const SearchRequest& request);

/// One hit of the requested page, in ranked order.
struct RankedHit {
    Xapian::MSetIterator it;
    double score = 0;
    std::optional<Regularised> regularised;  ///< with score regularisation: how it moved
    /// What each exact form added to its score (filled for --explain only).
    std::vector<std::pair<std::string, double>> exact;
    /// What the query's words in the article's lead added to its score (lead_scores()).
    double lead = 0;
    /// What the presence of a keyword query's words added to its score (keyword_scores()).
    double keywords = 0;
    /// "+N similar" counted exactly by count_and_facet() (unset: Xapian's
    /// collapse count, a lower bound, is the figure).
    std::optional<std::size_t> similar;
};

/// Stage 2's answer: the ranked pass and the page cut from it.
struct Ranking {
    explicit Ranking(const Xapian::Database& db) : enquire(db) {}
    std::unique_ptr<Xapian::KeyMaker> by_date;  ///< an older index's date sort, which enquire points to
    Xapian::Enquire enquire;
    Xapian::MSet mset;
    std::vector<RankedHit> page;
};

/** Stage 2, rank: BM25 (with Xapian's pruning) in relevance or date order,
 *  collapsing near-duplicates, regularising the top scores when asked; the
 *  page offset..offset+limit of that order. Fills results' collapsed,
 *  regularised and the estimated totals. */
Ranking rank(const SearchContext& context, const SearchRequest& request, const QueryPlan& plan,
             SearchResults& results);

/// Whether count_and_facet() passes over every match and so gives the exact
/// totals (and "+N similar"): facets or an exact count, and no time limit
/// that could cut that pass short. rank() then counts no further than its page.
bool counts_every_match(const SearchRequest& request);

/** Stage 3, count and facet: with facets or an exact count, a second pass
 *  over every match (no weights, no collapsing) counts them, their stories,
 *  the matching versions of the page's stories and their facet values
 *  exactly (unless the time limit cuts it short). Fills results' totals,
 *  exact and facets, and with collapsing each page hit's similar. */
void count_and_facet(const SearchContext& context, const SearchRequest& request, const Xapian::Query& query,
                     Ranking& ranking, SearchResults& results);

/** Stage 4, assemble hits: per ranked hit the stored article, its story,
 *  highlighted title and snippets and (with explain) its score explained;
 *  then the related entities of the top results. Fills results' hits and related. */
void assemble_hits(const SearchContext& context, const SearchRequest& request, const QueryPlan& plan,
                   const Ranking& ranking, SearchResults& results);

}  // namespace newsdex::detail
