#include "newsdex/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <unordered_map>

#include "highlighter.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "query_builder.hpp"
#include "stored_article.hpp"
#include "xapian_errors.hpp"

namespace newsdex {

namespace {

/// Weights of the query's terms, used to find and rank matches in stored text.
class TermMatcher {
  public:
    TermMatcher(const Xapian::MSet& mset, const Xapian::Query& query, const Analyzer& analyzer,
                std::string language, std::vector<std::string> wildcards)
        : analyzer_(analyzer), language_(std::move(language)), wildcards_(std::move(wildcards)) {
        for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
            double weight = mset.get_termweight(*it);
            // Terms missing from every matching document still deserve a mark.
            weights_[*it] = weight > 0 ? weight : 0.5;
        }
    }

    /// One weight per token (0 = no match) for text of @p field.
    std::vector<double> weigh(const std::vector<Token>& tokens, bool title) const {
        std::vector<double> out(tokens.size(), 0.0);
        if (weights_.empty() && wildcards_.empty()) return out;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const std::string& term = tokens[i].term;
            double w = lookup(term);
            std::string stem;
            if (!language_.empty()) {
                stem = analyzer_.stem(term, language_);
                w = std::max(w, lookup(std::string(schema::prefix_stem) + stem));
            }
            if (title) {
                w = std::max(w, lookup(std::string(schema::prefix_title) + term));
                if (!stem.empty()) {
                    w = std::max(w, lookup(std::string(schema::prefix_stem) + std::string(schema::prefix_title) + stem));
                }
            }
            if (w == 0) {
                for (const std::string& prefix : wildcards_) {
                    if (term.compare(0, prefix.size(), prefix) == 0) w = 1.0;
                }
            }
            out[i] = w;
        }
        return out;
    }

  private:
    double lookup(const std::string& term) const {
        auto it = weights_.find(term);
        return it == weights_.end() ? 0.0 : it->second;
    }

    const Analyzer& analyzer_;
    std::string language_;  ///< "" when the query was not stemmed
    std::vector<std::string> wildcards_;
    std::unordered_map<std::string, double> weights_;
};

struct FacetSpies {
    std::string name;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
};

std::vector<unsigned> facet_slots(const std::string& name) {
    if (name == "source") return {schema::slot_source};
    if (name == "lang") return {schema::slot_lang};
    if (name == "year") return {schema::slot_year};
    if (name == "month") return {schema::slot_month};
    if (auto type = schema::entity_type_from_name(name)) {
        std::vector<unsigned> slots;
        for (unsigned i = 0; i < schema::max_entities_per_type; ++i) slots.push_back(schema::entity_slot(*type, i));
        return slots;
    }
    return {};
}

}  // namespace

struct Searcher::Impl {
    std::vector<std::string> paths;
    Xapian::Database db;
    std::unique_ptr<Analyzer> analyzer;

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
            } catch (const Xapian::Error& e) {
                detail::rethrow_index_error(e, path, "opening for search");
            }
        }
        db = combined;
        analyzer = std::make_unique<Analyzer>(AnalyzerSettings::unserialise(settings_text));
    }

    SearchResults run(const SearchRequest& request) const;
};

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
        if (facet_slots(facet).empty()) {
            throw UsageError("unknown facet \"" + facet + "\" (facets: person, place, org, source, lang, year, month)");
        }
    }
    // A writer may commit while we read: reopen at the new revision and retry.
    for (int attempt = 0;; ++attempt) {
        try {
            return impl_->run(request);
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt >= 3) detail::rethrow_index_error(e, impl_->paths.front(), "searching");
            impl_->db.reopen();
        } catch (const Xapian::Error& e) {
            detail::rethrow_index_error(e, impl_->paths.front(), "searching");
        }
    }
}

SearchResults Searcher::Impl::run(const SearchRequest& request) const {
    SearchResults results;
    results.query = request.query;
    results.offset = request.offset;

    detail::QueryBuilder builder(*analyzer, db);
    detail::ParsedQuery parsed = builder.parse(request.query, request.language, detail::DefaultOperator::all);
    results.parsed_query = parsed.query.get_description();

    Xapian::Enquire enquire(db);
    enquire.set_query(parsed.query);
    switch (request.sort) {
        case SortOrder::relevance: break;
        case SortOrder::date_ascending: enquire.set_sort_by_value_then_relevance(schema::slot_date, false); break;
        case SortOrder::date_descending: enquire.set_sort_by_value_then_relevance(schema::slot_date, true); break;
    }

    std::vector<FacetSpies> facets;
    for (const std::string& name : request.facets) {
        FacetSpies f{name, {}};
        for (unsigned slot : facet_slots(name)) {
            f.spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
            enquire.add_matchspy(f.spies.back().get());
        }
        facets.push_back(std::move(f));
    }
    // Facet counts must cover the whole match set, not a sample.
    Xapian::doccount check_at_least = facets.empty() ? 0 : db.get_doccount();
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                         static_cast<Xapian::doccount>(request.limit), check_at_least);
    results.total_estimate = mset.get_matches_estimated();
    results.total_lower_bound = mset.get_matches_lower_bound();
    results.total_upper_bound = mset.get_matches_upper_bound();

    TermMatcher matcher(mset, parsed.query, *analyzer, parsed.stem_language.empty() ? "" : parsed.language,
                        parsed.wildcard_prefixes);
    std::size_t rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.rank = ++rank;
        hit.score = it.get_weight();
        Xapian::Document doc = it.get_document();
        hit.article = detail::unserialise_article(doc.get_data(), true);
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

    for (FacetSpies& f : facets) {
        std::unordered_map<std::string, std::size_t> counts;
        for (auto& spy : f.spies) {
            for (auto v = spy->values_begin(); v != spy->values_end(); ++v) counts[*v] += v.get_termfreq();
        }
        std::vector<FacetValue> values;
        for (auto& [value, count] : counts) values.push_back({value, count});
        std::sort(values.begin(), values.end(), [&](const FacetValue& a, const FacetValue& b) {
            // Histograms read in time order; the rest by count.
            if (f.name == "year" || f.name == "month") return a.value < b.value;
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        if (f.name != "year" && f.name != "month" && values.size() > request.facet_limit) {
            values.resize(request.facet_limit);
        }
        results.facets[f.name] = std::move(values);
    }
    return results;
}

}  // namespace newsdex
