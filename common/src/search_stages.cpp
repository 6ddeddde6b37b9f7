/// @file search_stages.cpp
/// Stages 2-4 of a search (search_stages.hpp): rank, count and facet, assemble hits.
#include "search_stages.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "explain.hpp"
#include "highlighter.hpp"
#include "languages.hpp"
#include "near_duplicates.hpp"
#include "newsdex/schema.hpp"
#include "related_entities.hpp"
#include "result_order.hpp"
#include "snippet_windows.hpp"
#include "stored_article.hpp"
#include "term_matcher.hpp"

namespace newsdex::detail {

namespace {

/// The ranked pass's order: the request's sort over result_order.hpp's keys.
void set_sort(const SearchContext& context, const SearchRequest& request, Ranking& ranking) {
    if (request.sort == SortOrder::relevance) {
        order_by_relevance(ranking.enquire, context.db);
    } else {
        ranking.by_date = order_by_date(ranking.enquire, context.db, request.sort == SortOrder::date_descending);
    }
}

}  // namespace

void record_evidence(SearchResults& results, const QueryEvidence& evidence, double strength) {
    results.rerank_strength = std::clamp(strength, 0.0, 1.0);
    results.evidence = {{"score_drop", evidence.score_drop},
                        {"first_gap", evidence.first_gap},
                        {"spread", evidence.spread},
                        {"coherence", evidence.coherence}};
}

namespace {

/// One article of the ranked pass's top while it is re-ranked.
struct Reranked {
    Xapian::doccount mset_rank = 0;  ///< its place in the ranked pass
    Xapian::docid doc = 0;
    double score = 0;
    std::vector<std::pair<std::string, double>> exact;  ///< for --explain
    double lead = 0;                                     ///< for --explain
    double keywords = 0;                                 ///< for --explain
};

/// Adds the exact forms' bonus to the first @p depth of @p top.
void add_exact_forms(const SearchContext& context, const SearchRequest& request, const QueryPlan& plan,
                     const std::vector<Xapian::docid>& docs, std::vector<Reranked>& top) {
    const ExactFormScores exact = exact_form_scores(context.db, docs, plan.exact_words, exact_word_weight);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        top[i].score += exact.total(i);
        if (!request.explain) continue;
        for (std::size_t f = 0; f < exact.forms.size(); ++f) {
            if (exact.by_doc[i][f] > 0) top[i].exact.emplace_back(exact.forms[f], exact.by_doc[i][f]);
        }
    }
}

/// Adds keyword coordination's bonus to the first docs.size() of @p top.
void add_keywords(const SearchContext& context, const QueryPlan& plan, const std::vector<Xapian::docid>& docs,
                  std::vector<Reranked>& top) {
    const std::vector<double> bonus = keyword_scores(context.db, docs, plan.keyword_stems, keyword_word_weight);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        top[i].score += bonus[i];
        top[i].keywords = bonus[i];
    }
}

/// The ranked pass's top exact_form_depth (lead_depth) with their exact
/// forms' and keywords' (lead words') bonus, best first (a bonus only raises
/// scores, so the rest stay below them).
std::vector<Reranked> with_top_bonuses(const SearchContext& context, const SearchRequest& request,
                                       const QueryPlan& plan, const Xapian::MSet& mset) {
    std::vector<Reranked> top;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        top.push_back({static_cast<Xapian::doccount>(top.size()), *it, it.get_weight(), {}, 0, 0});
    }
    if (plan.exact_words.empty() && !plan.lead_words) return top;
    const std::size_t depth = std::min<std::size_t>(
        top.size(), std::max(plan.exact_words.empty() ? 0 : exact_form_depth, plan.lead_words ? lead_depth : 0));
    std::vector<Xapian::docid> docs;
    for (std::size_t i = 0; i < depth; ++i) docs.push_back(top[i].doc);
    if (!plan.exact_words.empty()) add_exact_forms(context, request, plan, docs, top);
    if (!plan.keyword_stems.empty()) add_keywords(context, plan, docs, top);
    // One match (common with every word required) has nothing to be re-ordered against.
    if (plan.lead_words && depth >= 2) {
        const std::vector<LeadWord> words =
            lead_words_of(context.db, plan.parsed.query, make_stemmer(plan.parsed.stem_language));
        docs.resize(std::min<std::size_t>(depth, lead_depth));
        const std::vector<double> lead = lead_scores(context.db, docs, words, lead_word_weight);
        for (std::size_t i = 0; i < docs.size(); ++i) {
            top[i].score += lead[i];
            top[i].lead = lead[i];
        }
    }
    std::stable_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(depth),
                     [](const Reranked& a, const Reranked& b) { return a.score > b.score; });
    return top;
}

/// The page cut from the ranked pass's top re-ranked: by the exact forms of
/// the query's words, then by score regularisation when asked (at the
/// strength feedback found, else predicted from this ranking, the query's own).
void reranked_page(const SearchContext& context, const SearchRequest& request, const QueryPlan& plan,
                   Ranking& ranking, SearchResults& results) {
    std::vector<Reranked> top = with_top_bonuses(context, request, plan, ranking.mset);
    auto page_entry = [&](const Reranked& r, double score, std::optional<Regularised> regularised) {
        ranking.page.push_back(
            {ranking.mset[r.mset_rank], score, std::move(regularised), r.exact, r.lead, r.keywords, std::nullopt});
    };
    if (!results.regularised) {
        for (std::size_t i = request.offset; i < top.size() && i < request.offset + request.limit; ++i) {
            page_entry(top[i], top[i].score, std::nullopt);
        }
        return;
    }
    std::vector<std::pair<Xapian::docid, double>> ranked;
    for (const Reranked& r : top) ranked.emplace_back(r.doc, r.score);
    const std::set<std::string>& stopwords = stopword_stems(context.analyzer, plan.parsed.language);
    StemReader& stems = context.stems();
    if (!results.feedback) {
        const QueryEvidence evidence = ranking_evidence(ranked, stems, sorted_hashes32(stopwords));
        record_evidence(results, evidence, request.rerank_strength.value_or(cluster_strength(evidence)));
    }
    const double weight = regularise_weight * results.rerank_strength;
    results.regularised = weight > 0;
    std::vector<Regularised> order = regularise(ranked, stems, stopwords, weight);
    for (std::size_t i = request.offset; i < order.size() && i < request.offset + request.limit; ++i) {
        page_entry(top[order[i].rank], order[i].score,
                   results.regularised ? std::optional<Regularised>(order[i]) : std::nullopt);
    }
}

/// How often @p doc has the exact form @p form (its wdf; 0 if not at all).
unsigned exact_wdf(const Xapian::Database& db, const std::string& form, Xapian::docid doc) {
    Xapian::TermIterator t = db.termlist_begin(doc);
    t.skip_to(form);
    return t != db.termlist_end(doc) && *t == form ? t.get_wdf() : 0;
}

/// One hit of the page: stored fields, story, highlights, snippets, explanation.
Hit make_hit(const SearchContext& context, const SearchRequest& request, const RankedHit& ranked,
             const TermMatcher& matcher, const ExplainContext& explain, bool collapsed) {
    const Xapian::MSetIterator& it = ranked.it;
    const Analyzer& analyzer = context.analyzer;
    Hit hit;
    hit.score = ranked.score;
    Xapian::Document doc = it.get_document();
    // The body is read (and inflated) only for snippets and explain.
    hit.article = read_article(doc, request.snippets_per_hit > 0 || request.explain);
    // Collapsing read the cluster as the hit's collapse key already; a value
    // read on its own costs ~8,000 instructions (a B-tree look-up and a chunk).
    hit.cluster = collapsed ? it.get_collapse_key() : doc.get_value(schema::slot_cluster);
    if (collapsed) hit.similar = ranked.similar ? *ranked.similar : it.get_collapse_count();
    if (request.explain) {
        hit.explain = explain_hit(explain, it, hit.article);
        for (const auto& [form, weight] : ranked.exact) {
            // Added after the ranked pass (rank()): Xapian's rows above do not hold it.
            TermExplanation e;
            e.term = form;
            e.kind = "exact";
            e.wdf = exact_wdf(context.db, form, *it);
            e.weight = weight;
            hit.explain.push_back(std::move(e));
        }
        // Added after the ranked pass too: the query's words among the article's
        // first lead_words; each of a keyword query's words the article has; and
        // the row that makes the rows above (the relevance score) the hit's score.
        auto add_row = [&hit](const char* kind, const char* term, double weight) {
            TermExplanation e;
            e.kind = kind;
            e.term = term;
            e.weight = weight;
            hit.explain.push_back(std::move(e));
        };
        if (ranked.lead > 0) add_row("lead", "words in the lead", ranked.lead);
        if (ranked.keywords > 0) add_row("keywords", "query words present", ranked.keywords);
        if (ranked.regularised) {
            add_row("neighbours", "similar top articles", ranked.regularised->score - ranked.regularised->own);
        }
    }
    std::vector<Token> title_tokens = analyzer.tokenize(hit.article.title);
    const std::vector<PhraseGroup> names = matcher.alias_names(hit.article.entities);
    hit.title_highlights =
        highlight_spans(hit.article.title, title_tokens, matcher.weigh(title_tokens, true, hit.article.lang, names));
    if (request.snippets_per_hit > 0) {
        // Only the stretches around possible matches: enough for any snippet the full text would give.
        const auto scan_keys = matcher.scan_keys(hit.article.lang);
        const std::size_t reach = std::max<std::size_t>(request.snippet_bytes, 40) + 32;
        std::vector<Token> body_tokens = tokenize_near_matches(analyzer, hit.article.body, scan_keys, reach);
        hit.snippets = make_snippets(hit.article.body, body_tokens, matcher.weigh(body_tokens, false, hit.article.lang, names),
                                     request.snippets_per_hit, request.snippet_bytes);
    }
    hit.article.body.clear();  // callers get snippets; the full text stays in the index
    return hit;
}

}  // namespace

Ranking rank(const SearchContext& context, const SearchRequest& request, const QueryPlan& plan,
             SearchResults& results) {
    Ranking ranking(context.db);
    Xapian::Enquire& enquire = ranking.enquire;
    enquire.set_weighting_scheme(make_weighting());
    enquire.set_query(plan.query);
    if (request.timeout_seconds > 0) enquire.set_time_limit(request.timeout_seconds);
    set_sort(context, request, ranking);
    results.collapsed = request.collapse && request.expand_id.empty();
    if (results.collapsed) enquire.set_collapse_key(schema::slot_cluster);
    // Regularisation, the exact forms and the lead words re-order the top
    // regularise_depth (exact_form_depth, lead_depth), so those are fetched
    // whatever the page; the page is then cut from the new order.
    const bool by_relevance = plan.has_text && request.like_id.empty() && request.sort == SortOrder::relevance;
    results.regularised = by_relevance && uses_regularisation(request);
    const bool reranked =
        results.regularised || (by_relevance && (!plan.exact_words.empty() || plan.lead_words));
    const auto first = static_cast<Xapian::doccount>(reranked ? 0 : request.offset);
    const std::size_t rerank_depth =
        std::max({results.regularised ? regularise_depth : 0, by_relevance && !plan.exact_words.empty() ? exact_form_depth : 0,
                  by_relevance && plan.lead_words ? lead_depth : 0});
    const auto wanted = static_cast<Xapian::doccount>(
        reranked ? std::max<std::size_t>(request.offset + request.limit, rerank_depth) : request.limit);
    // Xapian stops counting once the page is certain, and its estimate can
    // then be 5-8x off ("About 50" for 382 matches of "crude oil"). Counting
    // on to count_at_least matches brings estimates within a few percent and
    // makes small totals exact; not needed when count_and_facet() counts
    // every match anyway.
    const Xapian::doccount check = counts_every_match(request)
                                       ? first + wanted
                                       : std::max<Xapian::doccount>(count_at_least, first + wanted);
    ranking.mset = enquire.get_mset(first, wanted, check);
    results.total_estimate = ranking.mset.get_matches_estimated();
    results.total_lower_bound = ranking.mset.get_matches_lower_bound();
    results.total_upper_bound = ranking.mset.get_matches_upper_bound();
    // Fewer matches than were to be checked: Xapian saw every one, so the
    // lower bound is the count (also of collapsed stories, whose upper bound
    // Xapian leaves loose). A time limit may have cut the pass short instead.
    if (request.timeout_seconds <= 0 && ranking.mset.get_uncollapsed_matches_lower_bound() < check) {
        results.total_estimate = results.total_upper_bound = results.total_lower_bound;
    } else if (results.collapsed && context.story_share && !counts_every_match(request)) {
        results.total_estimate = collapsed_estimate(ranking.mset, context.story_share());
    }
    if (reranked) {
        reranked_page(context, request, plan, ranking, results);
    } else {
        for (auto it = ranking.mset.begin(); it != ranking.mset.end(); ++it) {
            ranking.page.push_back({it, it.get_weight(), std::nullopt, {}, 0, 0, std::nullopt});
        }
    }
    return ranking;
}

double sampled_story_share(const Xapian::Database& db, unsigned samples) {
    const Xapian::docid last = db.get_lastdocid();
    if (last == 0 || samples == 0) return 1.0;
    const Xapian::docid step = std::max<Xapian::docid>(1, last / samples);
    double share = 0;
    unsigned seen = 0;
    for (Xapian::docid did = 1 + step / 2; did <= last && seen < samples; did += step) {
        std::string cluster;
        try {
            cluster = db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(schema::slot_cluster);
        } catch (const Xapian::DocNotFoundError&) {
            continue;  // deleted
        }
        const Xapian::doccount size = cluster.empty() ? 1 : db.get_termfreq(cluster_term(cluster));
        share += 1.0 / std::max<Xapian::doccount>(1, size);
        ++seen;
    }
    return seen == 0 ? 1.0 : share / seen;
}

Xapian::doccount collapsed_estimate(const Xapian::MSet& mset, double story_share) {
    const double stories = mset.get_uncollapsed_matches_estimated() * story_share;
    double scale = 1;
    while (stories >= 100 * scale) scale *= 10;
    const auto rounded = static_cast<Xapian::doccount>(std::lround(stories / scale) * scale);
    return std::clamp(rounded, mset.get_matches_lower_bound(), mset.get_matches_upper_bound());
}

// The ranked pass keeps Xapian's pruning. Facets and exact counts, which must
// cover the whole match set, come from a second pass that only visits the
// matches: no BM25, no collapsing (stories are counted from each match's
// cluster value instead: Xapian's collapsed count over every match is not the
// number of stories, as it forgets the keys of documents that drop out of the top).
bool counts_every_match(const SearchRequest& request) {
    return (!request.facets.empty() || request.exact_count) && request.timeout_seconds <= 0;
}

void count_and_facet(const SearchContext& context, const SearchRequest& request, const Xapian::Query& query,
                     Ranking& ranking, SearchResults& results) {
    if (!request.facets.empty() || request.exact_count) {
        const Xapian::Database& db = context.db;
        const FacetCache* cache = request.facets.empty() || !context.facet_cache ? nullptr : context.facet_cache();
        FacetCounter facets(db, request.facets, context.local, cache, results.collapsed);
        if (results.collapsed) {
            // The ranked pass stopped counting at its page: its collapse
            // counts are lower bounds; this pass sees every version.
            std::vector<std::pair<Xapian::docid, std::string>> page;
            for (const RankedHit& hit : ranking.page) page.emplace_back(*hit.it, hit.it.get_collapse_key());
            facets.watch_stories(std::move(page));
        }
        Xapian::Enquire every_match(db);
        every_match.set_query(query);
        every_match.set_weighting_scheme(Xapian::BoolWeight());
        if (request.timeout_seconds > 0) every_match.set_time_limit(request.timeout_seconds);
        facets.attach(every_match);
        Xapian::MSet all = every_match.get_mset(0, 0, db.get_doccount());
        if (all.get_matches_lower_bound() == all.get_matches_upper_bound()) {  // not cut short by the time limit
            const std::size_t matches = all.get_matches_estimated();
            results.total_estimate = results.collapsed ? facets.stories(matches) : matches;
            results.total_lower_bound = results.total_upper_bound = results.total_estimate;
            if (results.collapsed) {
                const std::vector<std::size_t> sizes = facets.story_sizes();
                for (std::size_t i = 0; i < sizes.size(); ++i) ranking.page[i].similar = sizes[i] - 1;
            }
        }
        for (const std::string& name : request.facets) results.facets[name] = facets.values(name, request.facet_limit);
    }
    results.exact = results.total_lower_bound == results.total_upper_bound;
}

void assemble_hits(const SearchContext& context, const SearchRequest& request, const QueryPlan& plan,
                   const Ranking& ranking, SearchResults& results) {
    const bool user_terms = plan.has_text || !request.like_id.empty();
    TermMatcher matcher(ranking.mset, user_terms ? plan.parsed.query : Xapian::Query(), context.analyzer,
                        plan.parsed.stem_language.empty() ? "" : plan.parsed.language, plan.parsed.wildcard_prefixes);
    const ExplainContext explain{context.db, context.analyzer, ranking.enquire, matcher, plan.recency.get(),
                                 results.feedback_terms, plan.parsed.branches};
    std::size_t rank = request.offset;
    for (const RankedHit& ranked : ranking.page) {
        Hit hit = make_hit(context, request, ranked, matcher, explain, results.collapsed);
        hit.rank = ++rank;
        results.hits.push_back(std::move(hit));
    }
    if (request.related > 0) {
        RelatedEntities related = related_entities(context.db, plan.query, context.analyzer, request.related,
                                                   results.collapsed);
        results.related = std::move(related.by_type);
        results.related_sample = related.sample;
    }
}

}  // namespace newsdex::detail
