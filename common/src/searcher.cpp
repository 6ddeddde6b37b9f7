#include "newsdex/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "highlighter.hpp"
#include "date_range_processor.hpp"
#include "document_builder.hpp"
#include "facets.hpp"
#include "near_duplicates.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "query_builder.hpp"
#include "query_shape.hpp"
#include "query_syntax.hpp"
#include "ranking.hpp"
#include "recency.hpp"
#include "related_entities.hpp"
#include "stored_article.hpp"
#include "xapian_errors.hpp"

namespace newsdex {

namespace {

/// Weights of the query's terms, used to find and rank matches in stored text.
/// Terms that only occur inside a phrase or NEAR group count only where the
/// whole group occurs.
class TermMatcher {
  public:
    TermMatcher(const Xapian::MSet& mset, const Xapian::Query& query, const Analyzer& analyzer,
                std::string language, std::vector<std::string> wildcards)
        : analyzer_(analyzer), language_(std::move(language)), wildcards_(std::move(wildcards)),
          shape_(detail::query_shape(query)) {
        for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
            double weight = mset.get_termweight(*it);
            // Terms missing from every matching document still deserve a mark.
            double w = weight > 0 ? weight : 0.5;
            if (shape_.free_terms.count(*it)) weights_[*it] = w;
            all_weights_[*it] = w;
        }
    }

    const detail::QueryShape& shape() const { return shape_; }

    /// One weight per token (0 = no match) for text of @p field.
    std::vector<double> weigh(const std::vector<Token>& tokens, bool title) const {
        std::vector<double> out(tokens.size(), 0.0);
        if (all_weights_.empty() && wildcards_.empty()) return out;
        // Ten bodies repeat most of their words: weigh each distinct word once.
        auto& known = title ? title_word_weights_ : body_word_weights_;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const std::string& term = tokens[i].term;
            auto it = known.find(term);
            if (it == known.end()) it = known.emplace(term, weigh_word(term, title)).first;
            out[i] = it->second;
        }
        // A phrase occurrence outweighs its words found apart, so that
        // snippets prefer passages with the phrase.
        for (const detail::PhraseGroup& group : shape_.phrases) {
            double sum = 0;
            for (const auto& slot : group.slots) {
                double best = 0;
                for (const std::string& t : slot) {
                    auto it = all_weights_.find(t);
                    if (it != all_weights_.end()) best = std::max(best, it->second);
                }
                sum += best;
            }
            detail::mark_phrase_occurrences(tokens, group, title, 1.5 * std::max(sum, 0.5), out);
        }
        return out;
    }

  private:
    double weigh_word(const std::string& term, bool title) const {
        double w = lookup(term);
        std::string stem;
        if (!language_.empty()) {
            stem = analyzer_.stem(term, language_);
            w = std::max(w, lookup(std::string(schema::prefix_stem) + stem));
        }
        if (title) {
            w = std::max(w, lookup(std::string(schema::prefix_title) + term));
            if (!stem.empty()) {
                w = std::max(w, lookup(std::string(schema::prefix_title_stem) + stem));
            }
        }
        if (w == 0) {
            for (const std::string& prefix : wildcards_) {
                if (term.compare(0, prefix.size(), prefix) == 0) w = 1.0;
            }
        }
        return w;
    }

    double lookup(const std::string& term) const {
        auto it = weights_.find(term);
        return it == weights_.end() ? 0.0 : it->second;
    }

    const Analyzer& analyzer_;
    std::string language_;  ///< "" when the query was not stemmed
    std::vector<std::string> wildcards_;
    detail::QueryShape shape_;
    std::unordered_map<std::string, double> weights_;      ///< free terms
    std::unordered_map<std::string, double> all_weights_;  ///< free and phrase terms
    mutable std::unordered_map<std::string, double> body_word_weights_;   ///< weigh_word() of body words seen
    mutable std::unordered_map<std::string, double> title_word_weights_;  ///< and of title words
};

/// Only plain words make good "more like this" terms (no ids, filters, stems).
class WordsOnly : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        auto first = static_cast<unsigned char>(term[0]);
        if (!((first >= 'a' && first <= 'z') || first >= 0xC0)) return false;
        return term.size() >= 3;
    }
};

}  // namespace

bool uses_feedback(const SearchRequest& request) {
    // Off by default for the query language: its users say exactly what they
    // want, and feedback would bring in articles without their words.
    return request.feedback.value_or(request.mode == QueryMode::natural);
}

bool uses_regularisation(const SearchRequest& request) {
    // With the query language, as feedback: its users' own ranking first.
    return request.regularise.value_or(request.mode == QueryMode::natural);
}

std::chrono::seconds parse_half_life(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
        ++digits;
    }
    std::string_view unit = text.substr(digits);
    double number = digits > 0 && digits < 12 ? std::strtod(std::string(text.substr(0, digits)).c_str(), nullptr) : 0;
    double scale = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400
                 : unit == "w" ? 7 * 86400 : unit == "y" ? 365 * 86400 : 0;
    if (number <= 0 || scale == 0 || number * scale < 1) {
        throw UsageError("bad half-life \"" + std::string(text) +
                         "\": write a positive number and a unit s, m, h, d, w or y (e.g. 30d, 12h, 2w)");
    }
    return std::chrono::seconds(static_cast<long long>(number * scale));
}

struct Searcher::Impl {
    std::vector<std::string> paths;
    Xapian::Database db;
    std::unique_ptr<Analyzer> analyzer;
    /// Every index is a local database (not a stub file, which may name a remote server).
    bool local = true;
    /// Facet values of every article, built at the second facet search of
    /// one database revision (a one-off search never pays for it). One local
    /// index only: with shards, the document a MatchSpy sees carries its
    /// shard's docid, not the combined one, so a docid-keyed cache cannot be
    /// used (Xapian 1.4's ValueStreamDocument).
    mutable std::unique_ptr<detail::FacetCache> facet_cache;
    mutable unsigned facet_searches = 0;
    /// Stems of top articles and articles per stem, for feedback and
    /// regularisation: queries on related topics read many of the same.
    mutable std::unique_ptr<detail::StemReader> stem_reader;

    /// After the database changed: what was cached describes the old revision.
    void forget_cached() const {
        facet_cache.reset();
        facet_searches = 0;
        stem_reader.reset();
    }
    detail::StemReader& stems_for_query() const {
        if (!stem_reader) stem_reader = std::make_unique<detail::StemReader>(db);
        stem_reader->begin_query();
        return *stem_reader;
    }
    const detail::FacetCache* facet_cache_for_search() const {
        if (!local || paths.size() != 1) return nullptr;
        if (!facet_cache && ++facet_searches >= 2) facet_cache = std::make_unique<detail::FacetCache>(db);
        return facet_cache.get();
    }

    void open() {
        Xapian::Database combined;
        std::string settings_text;
        for (const std::string& path : paths) {
            try {
                Xapian::Database shard(path);
                std::string version = shard.get_metadata(std::string(schema::meta_schema_version));
                if (version.empty()) {
                    throw IndexError(IndexError::Kind::other, path, "not a newsdex index (no schema version)");
                }
                detail::check_schema_version(path, version);
                if (settings_text.empty()) settings_text = shard.get_metadata(std::string(schema::meta_analyzer));
                combined.add_database(shard);
                if (!std::filesystem::is_directory(path)) local = false;
            } catch (const Xapian::Error& e) {
                detail::rethrow_index_error(e, path, "opening for search");
            }
        }
        db = combined;
        analyzer = std::make_unique<Analyzer>(AnalyzerSettings::unserialise(settings_text));
    }

    SearchResults run(const SearchRequest& request) const;

    /// The docid of article @p id. @throws QueryError when there is none.
    Xapian::docid docid_of(const std::string& id, const std::string& option) const {
        Xapian::PostingIterator p = db.postlist_begin(detail::id_term(id));
        if (p == db.postlist_end(detail::id_term(id))) {
            throw QueryError(id, option + ": no article with id \"" + id + "\"");
        }
        return *p;
    }

    /// Matches of @p query, counted exactly up to @p at_most (the matcher
    /// stops there: "did you mean" only needs to know whether a query finds few).
    Xapian::doccount count_up_to(const Xapian::Query& query, Xapian::doccount at_most) const {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        return enquire.get_mset(0, at_most, at_most).size();
    }

    std::string suggest_spelling(const std::string& query) const;
    std::vector<TermExplanation> explain(const Xapian::Enquire& enquire, const Xapian::MSetIterator& it,
                                         const TermMatcher& matcher, const Article& article,
                                         const detail::RecencyPostingSource* recency,
                                         const std::vector<std::pair<std::string, double>>& feedback) const;
};

/// Words of @p query that are unknown (or rare) in the index and have a known
/// (far more common) spelling within two edits; "" when no word needs correcting. Common words
/// are never corrected, however few articles the whole query finds.
std::string Searcher::Impl::suggest_spelling(const std::string& query) const {
    const Xapian::doccount common = std::max<Xapian::doccount>(3, db.get_doccount() / 20000);
    bool changed = false;
    std::string corrected = detail::rewrite_words(query, [&](const std::string& word) -> std::string {
        std::vector<Token> tokens = analyzer->tokenize(word);
        if (tokens.size() != 1) return {};
        const std::string& term = tokens[0].term;
        // Edits in proportion to the word: one from 4 characters, two from 8
        // (two edits turned the 3-character 乌克兰 into 克).
        const auto characters = static_cast<std::size_t>(
            std::count_if(term.begin(), term.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
        const unsigned edits = characters >= 8 ? 2 : characters >= 4 ? 1 : 0;
        if (edits == 0) return {};
        Xapian::doccount freq = db.get_termfreq(term);
        if (freq >= common) return {};
        std::string better = db.get_spelling_suggestion(term, edits);
        if (better.empty() || better == term) return {};
        // An unknown word takes any known spelling; a rare one only a far more common one.
        Xapian::doccount better_freq = db.get_termfreq(better);
        if (freq == 0 ? better_freq == 0 : better_freq < std::max<Xapian::doccount>(common, 20 * freq)) return {};
        // Keep the writer's capital ("Surender" -> "Surrender").
        if (std::isupper(static_cast<unsigned char>(word[0])) && std::islower(static_cast<unsigned char>(better[0]))) {
            better[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(better[0])));
        }
        changed = true;
        return better;
    });
    return changed ? corrected : std::string();
}

/// Per matched term: its BM25 contribution, computed by running the term alone
/// restricted to this article (BM25 with k2 = 0 is a sum over terms, so this is
/// exact for each term; a term repeated in the query (wqf > 1) is shown at wqf 1).
std::vector<TermExplanation> Searcher::Impl::explain(const Xapian::Enquire& enquire, const Xapian::MSetIterator& it,
                                                     const TermMatcher& matcher, const Article& article,
                                                     const detail::RecencyPostingSource* recency,
                                                     const std::vector<std::pair<std::string, double>>& feedback) const {
    std::vector<TermExplanation> out;
    const Xapian::Query only_this(detail::id_term(article.id));
    Xapian::Document doc = it.get_document();
    auto weight_of = [&](const Xapian::Query& q) {
        Xapian::Enquire one(db);
        one.set_weighting_scheme(detail::make_weighting());
        one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, only_this));
        Xapian::MSet m = one.get_mset(0, 1);
        return m.empty() ? 0.0 : m.begin().get_weight();
    };
    auto wdf_of = [&](const std::string& term) -> unsigned {
        Xapian::TermIterator t = doc.termlist_begin();
        t.skip_to(term);
        return t != doc.termlist_end() && *t == term ? t.get_wdf() : 0;
    };
    const std::string stem_prefix(schema::prefix_stem);
    const std::string title_prefix(schema::prefix_title);
    const unsigned title_wdf = 1 + detail::title_wdf_boost;
    std::unordered_map<std::string, double> feedback_scale(feedback.begin(), feedback.end());
    for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
        const std::string& term = *t;
        auto added = feedback_scale.find(term);
        if (added != feedback_scale.end() && !matcher.shape().free_terms.count(term)) {
            // A term pseudo-relevance feedback added, at its reduced weight.
            TermExplanation e;
            e.term = term;
            e.kind = "feedback";
            e.wdf = wdf_of(term);
            if (schema::has_prefix(term, schema::prefix_title_stem)) {
                e.fields = {"title"};
            } else {
                unsigned in_title = wdf_of(stem_prefix + title_prefix + term.substr(stem_prefix.size()));
                if (in_title) e.fields.push_back("title");
                if (e.wdf > in_title * title_wdf) e.fields.push_back("body");
            }
            e.weight = weight_of(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), added->second));
            out.push_back(std::move(e));
            continue;
        }
        if (!matcher.shape().free_terms.count(term)) continue;  // phrase members: reported with their phrase
        TermExplanation e;
        e.term = term;
        e.wdf = wdf_of(term);
        if (schema::has_prefix(term, schema::prefix_title_stem)) {
            e.kind = "title-stem";
            e.fields = {"title"};
        } else if (schema::has_prefix(term, title_prefix)) {
            e.kind = "title";
            e.fields = {"title"};
        } else if (schema::has_prefix(term, stem_prefix)) {
            e.kind = "stem";
            unsigned in_title = wdf_of(stem_prefix + title_prefix + term.substr(stem_prefix.size()));
            if (in_title) e.fields.push_back("title");
            if (e.wdf > in_title * title_wdf) e.fields.push_back("body");
        } else if (!term.empty() && std::isupper(static_cast<unsigned char>(term[0]))) {
            continue;  // a boolean filter term (id:, lang:, ...): no weight
        } else {
            e.kind = "word";
            unsigned in_title = wdf_of(title_prefix + term);
            if (in_title) e.fields.push_back("title");
            if (e.wdf > in_title * title_wdf) e.fields.push_back("body");
        }
        e.weight = weight_of(Xapian::Query(term));
        out.push_back(std::move(e));
    }
    for (const detail::PhraseGroup& group : matcher.shape().phrases) {
        double w = weight_of(group.query);
        if (w <= 0) continue;
        TermExplanation e;
        e.kind = "phrase";
        for (const auto& slot : group.slots) {
            if (!e.term.empty()) e.term += ' ';
            e.term += *slot.begin();
        }
        // Where the phrase occurs: look in the stored text, as the highlighter does.
        std::vector<Token> title_tokens = analyzer->tokenize(article.title);
        std::vector<double> marks(title_tokens.size(), 0.0);
        detail::mark_phrase_occurrences(title_tokens, group, true, 1.0, marks);
        if (std::find(marks.begin(), marks.end(), 1.0) != marks.end()) e.fields.push_back("title");
        std::vector<Token> body_tokens = analyzer->tokenize(article.body);
        marks.assign(body_tokens.size(), 0.0);
        detail::mark_phrase_occurrences(body_tokens, group, false, 1.0, marks);
        e.wdf = static_cast<unsigned>(std::count(marks.begin(), marks.end(), 1.0) / std::max<std::size_t>(1, group.slots.size()));
        if (e.wdf > 0) e.fields.push_back("body");
        e.weight = w;
        out.push_back(std::move(e));
    }
    if (recency) {
        std::string value = doc.get_value(schema::slot_date);
        if (!value.empty()) {
            TermExplanation e;
            e.kind = "recency";
            e.term = article.date;
            e.weight = recency->bonus(Xapian::sortable_unserialise(value));
            out.push_back(std::move(e));
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TermExplanation& a, const TermExplanation& b) { return a.weight > b.weight; });
    return out;
}

Searcher::Searcher(const std::vector<std::filesystem::path>& indexes) : impl_(std::make_unique<Impl>()) {
    if (indexes.empty()) throw UsageError("no index given");
    for (const auto& path : indexes) impl_->paths.push_back(path.string());
    impl_->open();
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

std::size_t Searcher::article_count() const { return impl_->db.get_doccount(); }

SearchResults Searcher::search(const SearchRequest& request) const {
    for (const std::string& facet : request.facets) {
        if (!detail::is_facet_name(facet)) {
            throw UsageError("unknown facet \"" + facet + "\" (facets: " + schema::facet_names() + ")");
        }
    }
    // A writer may commit while we read: reopen at the new revision and retry.
    // Each search also starts from the latest commit (reopen() is a cheap
    // no-op when nothing changed), so a long-lived Searcher follows the writer.
    // reopen() stays inside the try: it can itself meet a concurrent commit,
    // and no Xapian exception may escape to the caller.
    for (int attempt = 0;; ++attempt) {
        try {
            if (impl_->db.reopen()) impl_->forget_cached();
            return impl_->run(request);
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt >= 9) detail::rethrow_index_error(e, impl_->paths.front(), "searching");
        } catch (const Xapian::Error& e) {
            detail::rethrow_index_error(e, impl_->paths.front(), "searching");
        }
    }
}

SearchResults Searcher::Impl::run(const SearchRequest& request) const {
    SearchResults results;
    results.query = request.query;
    results.offset = request.offset;

    const bool has_text = request.query.find_first_not_of(" \t\n\r") != std::string::npos;
    if (!has_text && request.like_id.empty() && request.expand_id.empty()) {
        throw UsageError("no query given (a query, a like id or an expand id is needed)");
    }

    // The user's query: ranked on its own, or a filter under --like.
    detail::QueryBuilder builder(*analyzer, db);
    std::string query_text = request.query;
    const bool natural = request.mode == QueryMode::natural;
    results.mode = request.mode;
    auto parse = [&](const std::string& text) {
        return natural ? builder.parse_natural(text, request.language)
                       : builder.parse(text, request.language, detail::DefaultOperator::all);
    };
    detail::ParsedQuery parsed;
    if (has_text) parsed = parse(query_text);

    // "Did you mean": only when the query finds few articles, and only if the
    // corrected query finds more.
    constexpr Xapian::doccount few_hits = 3;
    // Counts up to few_hits + 1 decide both questions exactly.
    const auto count = [&](const Xapian::Query& q) { return count_up_to(q, few_hits + 1); };
    if (has_text && request.suggest && request.like_id.empty() && count(parsed.query) <= few_hits) {
        std::string corrected = suggest_spelling(query_text);
        if (!corrected.empty()) {
            detail::ParsedQuery better = parse(corrected);
            if (count(better.query) > count(parsed.query)) {
                results.suggestion = corrected;
                if (request.auto_correct) {
                    parsed = std::move(better);
                    query_text = corrected;
                    results.auto_corrected = true;
                }
            }
        }
    }

    Xapian::Query query = has_text ? parsed.query : Xapian::Query::MatchAll;
    // Stems of the top articles, read once for feedback and regularisation
    // (only searches that use either start the reader and its dictionary).
    detail::StemReader* stem_reader = nullptr;
    auto stems = [&]() -> detail::StemReader& {
        if (!stem_reader) stem_reader = &stems_for_query();
        return *stem_reader;
    };
    // Pseudo-relevance feedback widens the ranked query itself (before any
    // filter); the highlighter and --explain's word rows keep the user's terms.
    if (has_text && request.like_id.empty() && uses_feedback(request)) {
        results.feedback = true;
        const unsigned rounds = request.feedback_rounds.value_or(detail::feedback_rounds);
        if (rounds < 1 || rounds > detail::max_feedback_rounds) {
            throw UsageError("feedback rounds must be between 1 and " + std::to_string(detail::max_feedback_rounds) +
                             ", not " + std::to_string(rounds));
        }
        detail::Expansion expansion = detail::feedback_expansion(db, parsed.query, *analyzer, parsed.language, rounds, stems());
        if (!expansion.terms.empty()) {
            // Feedback terms only re-rank what the query matches: as good as
            // OR on the test collections (nDCG@10 within 0.001) and several
            // times cheaper, as common expansion terms then drive no match.
            query = detail::with_feedback(query, expansion);
            results.feedback_terms = std::move(expansion.terms);
        }
    }
    if (!request.like_id.empty()) {
        // More like this: the article's most distinctive words (relevance
        // feedback), the user's query only filtering; never the article itself
        // or its own near-duplicates (see --expand for those).
        Xapian::docid like = docid_of(request.like_id, "like");
        Xapian::RSet rset;
        rset.add_document(like);
        Xapian::Enquire expander(db);
        WordsOnly words_only;
        Xapian::ESet eset = expander.get_eset(30, rset, &words_only);
        std::vector<Xapian::Query> terms;
        for (auto e = eset.begin(); e != eset.end(); ++e) terms.emplace_back(*e);
        Xapian::Query like_query(Xapian::Query::OP_OR, terms.begin(), terms.end());
        if (has_text) like_query = Xapian::Query(Xapian::Query::OP_FILTER, like_query, parsed.query);
        Xapian::Query exclude(detail::id_term(request.like_id));
        std::string cluster = db.get_document(like).get_value(schema::slot_cluster);
        if (!cluster.empty()) exclude = Xapian::Query(Xapian::Query::OP_OR, exclude, Xapian::Query(detail::cluster_term(cluster)));
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, like_query, exclude);
        parsed.query = like_query;
    }
    if (!request.expand_id.empty()) {
        Xapian::docid member = docid_of(request.expand_id, "expand");
        std::string cluster = db.get_document(member).get_value(schema::slot_cluster);
        Xapian::Query story = cluster.empty() ? Xapian::Query(detail::id_term(request.expand_id))
                                              : Xapian::Query(detail::cluster_term(cluster));
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, story);
    }
    if (!request.since.empty() || !request.until.empty()) {
        DateRange range;
        auto parse = [](const std::string& text, const char* option) {
            try {
                return parse_date_range(text);
            } catch (const QueryError& e) {
                throw UsageError(std::string(option) + ": " + e.what());
            }
        };
        if (!request.since.empty()) range.begin = parse(request.since, "--since").begin;
        if (!request.until.empty()) range.end = parse(request.until, "--until").end;
        if (range.begin && range.end && *range.end <= *range.begin) {
            throw UsageError("--since " + request.since + " is after --until " + request.until);
        }
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, detail::date_range_query(range));
    }
    results.parsed_query = query.get_description();

    // Recency: BM25 + a bonus that halves with every half-life of age. The
    // bonus for an article of reference age equals the best BM25 score, so the
    // two are on one scale whatever the query.
    std::unique_ptr<detail::RecencyPostingSource> recency;
    if (request.recency_half_life.count() > 0) {
        double reference = 0;
        if (!request.recency_reference.empty()) {
            DateRange r;
            try {
                r = parse_date_range(request.recency_reference);
            } catch (const QueryError& e) {
                throw UsageError(std::string("--recency-ref: ") + e.what());
            }
            reference = static_cast<double>(r.end ? *r.end : *r.begin);
        } else {
            Xapian::Enquire newest(db);
            newest.set_query(query);
            newest.set_sort_by_value(schema::slot_date, true);
            Xapian::MSet m = newest.get_mset(0, 1);
            std::string value = m.empty() ? std::string() : m.begin().get_document().get_value(schema::slot_date);
            if (!value.empty()) reference = Xapian::sortable_unserialise(value);
        }
        if (reference != 0 || !request.recency_reference.empty()) {
            Xapian::Enquire best(db);
            best.set_weighting_scheme(detail::make_weighting());
            best.set_query(query);
            Xapian::MSet m = best.get_mset(0, 1);
            double top = m.empty() ? 1.0 : std::max(m.begin().get_weight(), 1e-3);
            recency = std::make_unique<detail::RecencyPostingSource>(
                reference, static_cast<double>(request.recency_half_life.count()), top);
            query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(recency.get()));
            Timestamp t;
            t.seconds = static_cast<std::int64_t>(reference);
            t.has_time = true;
            results.recency_reference = format_iso(t);
            results.recency_half_life = static_cast<long long>(request.recency_half_life.count());
        }
    }

    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(detail::make_weighting());
    enquire.set_query(query);
    if (request.timeout_seconds > 0) enquire.set_time_limit(request.timeout_seconds);
    // Undated articles sort last both ways: an empty value would sort first
    // oldest-first, so it stands in as "\xff" (after every sortable_serialise()).
    Xapian::MultiValueKeyMaker by_date;
    switch (request.sort) {
        case SortOrder::relevance: break;
        case SortOrder::date_ascending:
            by_date.add_value(schema::slot_date, false, std::string(1, '\xff'));
            enquire.set_sort_by_key_then_relevance(&by_date, false);
            break;
        case SortOrder::date_descending:
            by_date.add_value(schema::slot_date, true);
            enquire.set_sort_by_key_then_relevance(&by_date, false);
            break;
    }
    results.collapsed = request.collapse && request.expand_id.empty();
    if (results.collapsed) enquire.set_collapse_key(schema::slot_cluster);

    // The ranked pass keeps Xapian's pruning. Facets and exact counts, which
    // must cover the whole match set, come from a second pass that only
    // visits the matches: no BM25, no collapsing (stories are counted from
    // each match's cluster value instead: Xapian's collapsed count over every
    // match is not the number of stories, as it forgets the keys of documents
    // that drop out of the top).
    // Regularisation re-orders the top regularise_depth, so those are fetched
    // whatever the page; the page is then cut from the new order.
    results.regularised = has_text && request.like_id.empty() && request.sort == SortOrder::relevance &&
                          uses_regularisation(request);
    const auto first = static_cast<Xapian::doccount>(results.regularised ? 0 : request.offset);
    const auto wanted = static_cast<Xapian::doccount>(
        results.regularised ? std::max<std::size_t>(request.offset + request.limit, detail::regularise_depth)
                            : request.limit);
    Xapian::MSet mset = enquire.get_mset(first, wanted);
    results.total_estimate = mset.get_matches_estimated();
    results.total_lower_bound = mset.get_matches_lower_bound();
    results.total_upper_bound = mset.get_matches_upper_bound();
    std::unique_ptr<detail::FacetCounter> facets;
    if (!request.facets.empty() || request.exact_count) {
        const detail::FacetCache* cache = request.facets.empty() ? nullptr : facet_cache_for_search();
        facets = std::make_unique<detail::FacetCounter>(db, request.facets, local, cache, results.collapsed);
        Xapian::Enquire every_match(db);
        every_match.set_query(query);
        every_match.set_weighting_scheme(Xapian::BoolWeight());
        if (request.timeout_seconds > 0) every_match.set_time_limit(request.timeout_seconds);
        facets->attach(every_match);
        Xapian::MSet all = every_match.get_mset(0, 0, db.get_doccount());
        if (all.get_matches_lower_bound() == all.get_matches_upper_bound()) {  // not cut short by the time limit
            const std::size_t matches = all.get_matches_estimated();
            results.total_estimate = results.collapsed ? facets->stories(matches) : matches;
            results.total_lower_bound = results.total_upper_bound = results.total_estimate;
        }
    }
    results.exact = results.total_lower_bound == results.total_upper_bound;

    TermMatcher matcher(mset, has_text || !request.like_id.empty() ? parsed.query : Xapian::Query(), *analyzer, parsed.stem_language.empty() ? "" : parsed.language,
                        parsed.wildcard_prefixes);
    // The page, in ranked order, with each hit's score and regularisation.
    struct Ranked {
        Xapian::MSetIterator it;
        double score;
        std::optional<detail::Regularised> regularised;
    };
    std::vector<Ranked> page;
    if (results.regularised) {
        std::vector<std::pair<Xapian::docid, double>> ranked;
        for (auto it = mset.begin(); it != mset.end(); ++it) ranked.emplace_back(*it, it.get_weight());
        std::vector<detail::Regularised> order =
            detail::regularise(ranked, stems(), detail::stopword_stems(*analyzer, parsed.language));
        for (std::size_t i = request.offset; i < order.size() && i < request.offset + request.limit; ++i) {
            page.push_back({mset[static_cast<Xapian::doccount>(order[i].rank)], order[i].score, order[i]});
        }
    } else {
        for (auto it = mset.begin(); it != mset.end(); ++it) page.push_back({it, it.get_weight(), std::nullopt});
    }
    std::size_t rank = request.offset;
    for (const Ranked& ranked : page) {
        const Xapian::MSetIterator& it = ranked.it;
        Hit hit;
        hit.rank = ++rank;
        hit.score = ranked.score;
        Xapian::Document doc = it.get_document();
        // The body is read (and inflated) only for snippets and --explain.
        hit.article = detail::read_article(doc, request.snippets_per_hit > 0 || request.explain);
        hit.cluster = doc.get_value(schema::slot_cluster);
        if (results.collapsed) hit.similar = it.get_collapse_count();
        if (request.explain) {
            hit.explain = explain(enquire, it, matcher, hit.article, recency.get(), results.feedback_terms);
            if (ranked.regularised) {
                // The rows above add up to the relevance score; this one makes them the hit's score.
                TermExplanation e;
                e.kind = "neighbours";
                e.term = "similar top articles";
                e.weight = ranked.regularised->score - ranked.regularised->own;
                hit.explain.push_back(std::move(e));
            }
        }
        std::vector<Token> title_tokens = analyzer->tokenize(hit.article.title);
        hit.title_highlights = detail::highlight_spans(title_tokens, matcher.weigh(title_tokens, true));
        if (request.snippets_per_hit > 0) {
            std::vector<Token> body_tokens = analyzer->tokenize(hit.article.body);
            hit.snippets = detail::make_snippets(hit.article.body, body_tokens, matcher.weigh(body_tokens, false),
                                                 request.snippets_per_hit, request.snippet_bytes);
        }
        hit.article.body.clear();  // callers get snippets; the full text stays in the index
        results.hits.push_back(std::move(hit));
    }

    if (request.related > 0) {
        detail::RelatedEntities related = detail::related_entities(db, query, *analyzer, request.related, results.collapsed);
        results.related = std::move(related.by_type);
        results.related_sample = related.sample;
    }
    for (const std::string& name : request.facets) {
        if (facets) results.facets[name] = facets->values(name, request.facet_limit);
    }
    return results;
}

}  // namespace newsdex
