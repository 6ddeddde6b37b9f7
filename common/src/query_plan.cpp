/// @file query_plan.cpp
/// Stage 1 of a search (search_stages.hpp): the request -> the Xapian query that runs.
#include <algorithm>

#include "date_range_processor.hpp"
#include "document_builder.hpp"
#include "languages.hpp"
#include "near_duplicates.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "search_stages.hpp"
#include "spelling.hpp"

namespace newsdex::detail {

namespace {

/// Only plain words make good "more like this" terms (no ids, filters, stems).
class WordsOnly : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        auto first = static_cast<unsigned char>(term[0]);
        if (!((first >= 'a' && first <= 'z') || first >= 0xC0)) return false;
        return term.size() >= 3;
    }
};

/// The docid of article @p id. @throws QueryError naming @p field when there is none.
Xapian::docid docid_of(const Xapian::Database& db, const std::string& id, const std::string& field) {
    Xapian::PostingIterator p = db.postlist_begin(id_term(id));
    if (p == db.postlist_end(id_term(id))) throw QueryError(id, field + ": no article with id \"" + id + "\"");
    return *p;
}

/// Matches of @p query, counted exactly up to @p at_most (the matcher stops
/// there: "did you mean" only needs to know whether a query finds few).
Xapian::doccount count_up_to(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount at_most) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, at_most, at_most).size();
}

/// The user's query, parsed; "did you mean" only when it finds few articles,
/// and only if the corrected query finds more.
ParsedQuery parse_with_spelling(const SearchContext& context, const SearchRequest& request, SearchResults& results) {
    QueryBuilder builder(context.analyzer, context.db, parse_now(request.now));
    const bool natural = request.mode == QueryMode::natural;
    auto parse = [&](const std::string& text) {
        return natural ? builder.parse_natural(text, request.language)
                       : builder.parse(text, request.language, DefaultOperator::all);
    };
    ParsedQuery parsed = parse(request.query);
    constexpr Xapian::doccount few_hits = 3;
    // Counts up to few_hits + 1 decide both questions exactly.
    const auto count = [&](const Xapian::Query& q) { return count_up_to(context.db, q, few_hits + 1); };
    if (!request.suggest || !request.like_id.empty() || count(parsed.query) > few_hits) return parsed;
    std::string corrected = suggest_spelling(context.db, context.analyzer, request.query);
    if (corrected.empty()) return parsed;
    ParsedQuery better = parse(corrected);
    if (count(better.query) <= count(parsed.query)) return parsed;
    results.suggestion = corrected;
    if (!request.auto_correct) return parsed;
    results.auto_corrected = true;
    return better;
}

/// Pseudo-relevance feedback widens the ranked query itself (before any
/// filter); the highlighter and --explain's word rows keep the user's terms.
void add_feedback(const SearchContext& context, const SearchRequest& request, QueryPlan& plan, SearchResults& results) {
    results.feedback = true;
    const unsigned rounds = request.feedback_rounds.value_or(feedback_rounds);
    if (rounds < 1 || rounds > max_feedback_rounds) {
        throw UsageError("feedback rounds must be between 1 and " + std::to_string(max_feedback_rounds) + ", not " +
                         std::to_string(rounds));
    }
    Expansion expansion = feedback_expansion(context.db, plan.parsed.query, context.analyzer, plan.parsed.language,
                                             rounds, context.stems(), request.rerank_strength);
    record_evidence(results, expansion.evidence, expansion.strength);
    if (expansion.terms.empty()) return;
    // Feedback terms only re-rank what the query matches: as good as OR on
    // the test collections (nDCG@10 within 0.001) and several times cheaper,
    // as common expansion terms then drive no match.
    plan.query = with_feedback(plan.query, expansion);
    results.feedback_terms = std::move(expansion.terms);
}

/// More like this: the article's most distinctive words (relevance
/// feedback), the user's query only filtering; never the article itself or
/// its own near-duplicates (see expand for those).
void apply_like(const SearchContext& context, const SearchRequest& request, QueryPlan& plan) {
    const Xapian::Database& db = context.db;
    Xapian::docid like = docid_of(db, request.like_id, "like");
    Xapian::RSet rset;
    rset.add_document(like);
    Xapian::Enquire expander(db);
    WordsOnly words_only;
    // Exact term frequencies: with shards Xapian otherwise estimates them, and
    // picks other words than one index of the same articles would.
    Xapian::ESet eset = expander.get_eset(30, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &words_only);
    std::vector<Xapian::Query> terms;
    for (auto e = eset.begin(); e != eset.end(); ++e) terms.emplace_back(*e);
    Xapian::Query like_query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    if (plan.has_text) like_query = Xapian::Query(Xapian::Query::OP_FILTER, like_query, plan.parsed.query);
    Xapian::Query exclude(id_term(request.like_id));
    std::string cluster = db.get_document(like).get_value(schema::slot_cluster);
    if (!cluster.empty()) exclude = Xapian::Query(Xapian::Query::OP_OR, exclude, Xapian::Query(cluster_term(cluster)));
    plan.query = Xapian::Query(Xapian::Query::OP_AND_NOT, like_query, exclude);
    plan.parsed.query = like_query;
}

/// Every version of one article's story (the article alone when it has none).
void apply_expand(const SearchContext& context, const SearchRequest& request, QueryPlan& plan) {
    Xapian::docid member = docid_of(context.db, request.expand_id, "expand");
    std::string cluster = context.db.get_document(member).get_value(schema::slot_cluster);
    Xapian::Query story = cluster.empty() ? Xapian::Query(id_term(request.expand_id))
                                          : Xapian::Query(cluster_term(cluster));
    plan.query = Xapian::Query(Xapian::Query::OP_FILTER, plan.query, story);
}

/// since/until, already checked by check_request().
void apply_dates(const SearchRequest& request, QueryPlan& plan) {
    const DateRange range = since_until_range(request.since, request.until, parse_now(request.now));
    plan.query = Xapian::Query(Xapian::Query::OP_FILTER, plan.query, date_range_query(range));
}

/// Recency: BM25 + a bonus that halves with every half-life of age. The
/// bonus for an article of reference age equals the best BM25 score, so the
/// two are on one scale whatever the query.
void add_recency(const SearchContext& context, const SearchRequest& request, QueryPlan& plan, SearchResults& results) {
    const Xapian::Database& db = context.db;
    double reference = 0;
    if (!request.recency_reference.empty()) {
        DateRange r = parse_date_range(request.recency_reference, parse_now(request.now));  // checked by check_request()
        reference = static_cast<double>(r.end ? *r.end : *r.begin);
    } else {
        Xapian::Enquire newest(db);
        newest.set_query(plan.query);
        newest.set_sort_by_value(schema::slot_date, true);
        Xapian::MSet m = newest.get_mset(0, 1);
        std::string value = m.empty() ? std::string() : m.begin().get_document().get_value(schema::slot_date);
        if (!value.empty()) reference = Xapian::sortable_unserialise(value);
    }
    if (reference == 0 && request.recency_reference.empty()) return;  // nothing dated matches
    Xapian::Enquire best(db);
    best.set_weighting_scheme(make_weighting());
    best.set_query(plan.query);
    Xapian::MSet m = best.get_mset(0, 1);
    double top = m.empty() ? 1.0 : std::max(m.begin().get_weight(), 1e-3);
    plan.recency = std::make_unique<RecencyPostingSource>(reference, static_cast<double>(request.recency_half_life.count()),
                                                          top);
    plan.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, plan.query, Xapian::Query(plan.recency.get()));
    Timestamp t;
    t.seconds = static_cast<std::int64_t>(reference);
    t.has_time = true;
    results.recency_reference = format_iso(t);
    results.recency_half_life = static_cast<long long>(request.recency_half_life.count());
}

}  // namespace

Xapian::Query match_set_query(const SearchContext& context, const SearchRequest& request) {
    SearchRequest plain = request;
    plain.feedback = false;
    plain.recency_half_life = std::chrono::seconds(0);
    plain.suggest = false;
    plain.auto_correct = false;
    const bool has_text = request.query.find_first_not_of(" \t\n\r") != std::string::npos;
    if (has_text || !request.like_id.empty() || !request.expand_id.empty()) {
        SearchResults ignored;
        return plan_query(context, plain, ignored).query;
    }
    QueryPlan everything;
    everything.query = Xapian::Query::MatchAll;
    if (!request.since.empty() || !request.until.empty()) apply_dates(request, everything);
    return everything.query;
}

QueryPlan plan_query(const SearchContext& context, const SearchRequest& request, SearchResults& results) {
    results.query = request.query;
    results.offset = request.offset;
    results.mode = request.mode;
    QueryPlan plan;
    plan.has_text = request.query.find_first_not_of(" \t\n\r") != std::string::npos;
    const bool has_dates = !request.since.empty() || !request.until.empty();
    if (!plan.has_text && request.like_id.empty() && request.expand_id.empty() && !has_dates) {
        throw UsageError("no query given (a query, a like id, an expand id or a since/until date is needed)");
    }
    if (plan.has_text) plan.parsed = parse_with_spelling(context, request, results);
    plan.query = plan.has_text ? plan.parsed.query : Xapian::Query::MatchAll;
    if (plan.has_text && request.like_id.empty() && uses_feedback(request)) add_feedback(context, request, plan, results);
    // A natural query's words as spelt re-rank its top articles (rank(), ranking.hpp's exact_word_weight).
    if (plan.has_text && request.like_id.empty() && request.mode == QueryMode::natural) {
        plan.exact_words = plan.parsed.words;
        // ... and a keyword query's words by their presence (ranking.hpp's keyword_max_words).
        std::vector<std::string> stems = word_stem_terms(plan.parsed.query);
        if (stems.size() >= 2 && stems.size() <= keyword_max_words) plan.keyword_stems = std::move(stems);
    }
    // The query language's words in an article's lead re-rank its top articles (rank(), ranking.hpp's lead_words).
    if (plan.has_text && request.like_id.empty() && request.mode == QueryMode::boolean &&
        !plan.parsed.stem_language.empty()) {
        plan.lead_words = true;
    }
    if (!request.like_id.empty()) apply_like(context, request, plan);
    if (!request.expand_id.empty()) apply_expand(context, request, plan);
    if (has_dates) apply_dates(request, plan);
    results.parsed_query = plan.query.get_description();
    if (request.recency_half_life.count() > 0) add_recency(context, request, plan, results);
    return plan;
}

}  // namespace newsdex::detail
