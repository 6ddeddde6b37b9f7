/// @file searcher.cpp
/// Searcher: opens the indexes, keeps what serves more than one search, and runs each search in stages.
#include "newsdex/searcher.hpp"

#include <xapian.h>

#include <cctype>
#include <cstdlib>

#include "document_builder.hpp"
#include "facets.hpp"
#include "newsdex/error.hpp"
#include "newsdex/request.hpp"
#include "newsdex/schema.hpp"
#include "ranking.hpp"
#include "search_stages.hpp"
#include "shard_set.hpp"
#include "stats_reader.hpp"
#include "stored_article.hpp"
#include "xapian_errors.hpp"

namespace newsdex {

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
    SearcherOptions options;
    Xapian::Database db;
    /// Shards that did not open (SearcherOptions::allow_missing_shards).
    std::vector<std::string> missing;
    std::vector<std::string> local_dirs;  ///< database directories of the local shards
    int schema_version = 0;               ///< the oldest of the shards'
    std::unique_ptr<Analyzer> analyzer;
    /// Every shard is a local database (no remote server).
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
    /// detail::sampled_story_share() of this revision, once it is needed.
    mutable std::optional<double> story_share;

    /// @p read (a function of the database) at the latest commit, retried when
    /// a writer commits meanwhile; Xapian errors become IndexError naming @p action.
    template <typename Read>
    auto at_latest_commit(const char* action, Read read) {
        for (int attempt = 0;; ++attempt) {
            try {
                if (db.reopen()) forget_cached();
                return read(db);
            } catch (const Xapian::DatabaseModifiedError& e) {
                if (attempt >= 9) detail::rethrow_index_error(e, paths.front(), action);
            } catch (const Xapian::Error& e) {
                detail::rethrow_index_error(e, paths.front(), action);
            }
        }
    }

    /// After the database changed: what was cached describes the old revision.
    void forget_cached() const {
        facet_cache.reset();
        facet_searches = 0;
        stem_reader.reset();
        story_share.reset();
    }
    double story_share_for_search() const {
        if (!story_share) story_share = detail::sampled_story_share(db);
        return *story_share;
    }
    detail::StemReader& stems_for_query() const {
        if (!stem_reader) stem_reader = std::make_unique<detail::StemReader>(db);
        stem_reader->begin_query();
        return *stem_reader;
    }
    const detail::FacetCache* facet_cache_for_search() const {
        if (!local || db.size() != 1) return nullptr;
        if (!facet_cache && ++facet_searches >= 2) facet_cache = std::make_unique<detail::FacetCache>(db);
        return facet_cache.get();
    }

    void open() {
        detail::OpenedShards opened = detail::open_shards(paths, options.allow_missing_shards);
        db = opened.db;
        local = opened.local;
        missing = std::move(opened.missing);
        local_dirs = std::move(opened.local_dirs);
        schema_version = opened.schema_version;
        analyzer = std::make_unique<Analyzer>(AnalyzerSettings::unserialise(opened.analyzer_settings));
        forget_cached();
    }

    /// One search, stage by stage (search_stages.hpp).
    SearchResults run(const SearchRequest& request) const;
};

Searcher::Searcher(const std::vector<std::filesystem::path>& indexes, SearcherOptions options)
    : impl_(std::make_unique<Impl>()) {
    if (indexes.empty()) throw UsageError("no index given");
    for (const auto& path : indexes) impl_->paths.push_back(path.string());
    impl_->options = options;
    impl_->open();
}

std::vector<std::string> Searcher::missing_shards() const { return impl_->missing; }

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

std::size_t Searcher::article_count() const {
    return impl_->at_latest_commit("counting articles",
                                   [](Xapian::Database& db) { return static_cast<std::size_t>(db.get_doccount()); });
}

namespace {

/// Hands every document the matcher accepts to a function, as an article.
class ExportSpy : public Xapian::MatchSpy {
  public:
    explicit ExportSpy(const std::function<void(const Article&)>& on_article) : on_article_(on_article) {}
    void operator()(const Xapian::Document& doc, double) override {
        on_article_(detail::read_article(doc, true));
        ++count;
    }
    std::size_t count = 0;

  private:
    const std::function<void(const Article&)>& on_article_;
};

}  // namespace

std::size_t Searcher::export_matches(const SearchRequest& request,
                                     const std::function<void(const Article&)>& on_article) const {
    check_request(request);
    if (!impl_->local) throw UsageError("export reads local indexes only (a stub file may name a remote server)");
    ExportSpy spy(on_article);
    for (int attempt = 0;; ++attempt) {
        try {
            if (impl_->db.reopen()) impl_->forget_cached();
            const detail::SearchContext context{impl_->db, *impl_->analyzer, impl_->local, nullptr, nullptr, nullptr};
            Xapian::Enquire enquire(impl_->db);
            enquire.set_query(detail::match_set_query(context, request));
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            enquire.set_docid_order(Xapian::Enquire::ASCENDING);
            enquire.add_matchspy(&spy);
            // No hits kept (0): the spy sees every match as the matcher passes it.
            const auto all = static_cast<Xapian::doccount>(impl_->db.get_doccount());
            (void)enquire.get_mset(0, 0, all);
            return spy.count;
        } catch (const Xapian::DatabaseModifiedError& e) {
            // Retried only while nothing was handed over: a retry would repeat articles.
            if (attempt >= 9 || spy.count > 0) detail::rethrow_index_error(e, impl_->paths.front(), "exporting");
        } catch (const Xapian::Error& e) {
            detail::rethrow_index_error(e, impl_->paths.front(), "exporting");
        }
    }
}

std::optional<Article> Searcher::article(const std::string& id) const {
    return impl_->at_latest_commit("reading an article", [&](Xapian::Database& db) -> std::optional<Article> {
        const std::string term = detail::id_term(id);
        Xapian::PostingIterator it = db.postlist_begin(term);
        if (it == db.postlist_end(term)) return std::nullopt;
        return detail::read_article(db.get_document(*it), true);
    });
}

IndexStats Searcher::stats() const {
    return impl_->at_latest_commit("reading statistics",
                                   [&](Xapian::Database& db) { return detail::collect_stats(db, impl_->local_dirs, impl_->schema_version); });
}

SearchResults Searcher::search(const SearchRequest& request) const {
    check_request(request);
    // A writer may commit while we read: reopen at the new revision and retry.
    // Each search also starts from the latest commit (reopen() is a cheap
    // no-op when nothing changed), so a long-lived Searcher follows the writer.
    // reopen() stays inside the try: it can itself meet a concurrent commit,
    // and no Xapian exception may escape to the caller.
    bool reconnected = false;
    for (int attempt = 0;; ++attempt) {
        try {
            if (impl_->db.reopen()) impl_->forget_cached();
            SearchResults results = impl_->run(request);
            results.missing_shards = impl_->missing;
            return results;
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt >= 9) detail::rethrow_index_error(e, impl_->paths.front(), "searching");
        } catch (const Xapian::NetworkError& e) {
            // A remote shard went away since opening: open again, shard by
            // shard, which names the one that is down (or, allowing missing
            // shards, leaves it out), and search once more.
            if (reconnected) detail::rethrow_index_error(e, impl_->paths.front(), "searching");
            reconnected = true;
            impl_->open();
        } catch (const Xapian::Error& e) {
            detail::rethrow_index_error(e, impl_->paths.front(), "searching");
        }
    }
}

SearchResults Searcher::Impl::run(const SearchRequest& request) const {
    detail::StemReader* reader = nullptr;  // begun once per search, on first use
    const detail::SearchContext context{
        db, *analyzer, local,
        [&]() -> detail::StemReader& {
            if (!reader) reader = &stems_for_query();
            return *reader;
        },
        [&] { return facet_cache_for_search(); },
        // Sampled on local indexes only: a remote one would pay a round trip per sample.
        local ? std::function<double()>([&] { return story_share_for_search(); }) : std::function<double()>()};
    SearchResults results;
    detail::QueryPlan plan = detail::plan_query(context, request, results);
    detail::Ranking ranking = detail::rank(context, request, plan, results);
    detail::count_and_facet(context, request, plan.query, ranking, results);
    detail::assemble_hits(context, request, plan, ranking, results);
    return results;
}

}  // namespace newsdex
