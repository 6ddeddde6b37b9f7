/// @file http_api.cpp
/// HttpApi: the same request builder, Searcher and to_json() as the command line.
#include "http_api.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

#include "newsdex/error.hpp"
#include "newsdex/json.hpp"
#include "newsdex/request.hpp"
#include "web_page.hpp"

namespace newsdex::server {

namespace {

std::string dump(const nlohmann::json& doc) { return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

HttpApi::HttpApi(SearcherPool& pool, ApiLimits limits) : pool_(pool), limits_(limits) {}

HttpReply HttpApi::error(int status, const std::string& kind, const std::string& message, const std::string& query) {
    nlohmann::json doc;
    doc["format_version"] = json_format_version;
    doc["error"] = message;
    doc["kind"] = kind;
    doc["status"] = status;
    doc["query"] = query.empty() ? nlohmann::json(nullptr) : nlohmann::json(query);
    return {status, dump(doc)};
}

/// Runs @p answer with a lent Searcher; every failure becomes a JSON error
/// with its status: 400 for what the client asked, 503 when overloaded or
/// the index cannot be read, 500 only for a bug.
template <class Answer>
HttpReply HttpApi::with_searcher(const std::string& query, Answer&& answer) const {
    SearcherPool::Refusal refusal = SearcherPool::Refusal::none;
    const auto wait = std::chrono::milliseconds(static_cast<long long>(limits_.time_limit_seconds * 1000));
    std::unique_ptr<SearcherPool::Lease> lease = pool_.acquire(wait, refusal);
    if (!lease) {
        const SearcherPool::Load load = pool_.load();
        const std::string why = refusal == SearcherPool::Refusal::queue_full
                                    ? "overloaded: " + std::to_string(load.busy) + " searches running and " +
                                          std::to_string(load.waiting) + " waiting; retry later"
                                    : "overloaded: no worker was free within the time limit; retry later";
        return error(503, "overloaded", why, query);
    }
    try {
        return answer(**lease);
    } catch (const QueryError& e) {
        return error(400, "query", e.what(), query);
    } catch (const UsageError& e) {
        return error(400, "usage", e.what(), query);
    } catch (const IndexError& e) {
        return error(503, "index", e.what(), query);
    } catch (const std::exception& e) {
        return error(500, "internal", std::string("internal error: ") + e.what(), query);
    }
}

HttpReply HttpApi::search(const Params& params) const {
    RequestBuilder builder;
    std::string query;
    SearchRequest request;
    try {
        for (const auto& [name, value] : params) {
            if (name == "q" || name == "query") query = value;
            builder.set(name, value);
        }
        if (query.size() > limits_.max_query_bytes) {
            return error(400, "usage",
                         "q is " + std::to_string(query.size()) + " bytes long; at most " +
                             std::to_string(limits_.max_query_bytes) + " are searched",
                         query.substr(0, 200));
        }
        request = builder.build();
    } catch (const UsageError& e) {
        return error(400, "usage", e.what(), query);
    }
    // The server's time limit bounds every search; a smaller one asked for wins.
    if (request.timeout_seconds <= 0 || request.timeout_seconds > limits_.time_limit_seconds) {
        request.timeout_seconds = limits_.time_limit_seconds;
    }
    const bool count_only = builder.count_only();
    return with_searcher(query, [&](Searcher& searcher) {
        const SearchResults results = searcher.search(request);
        return HttpReply{200, count_only ? count_json(results) : to_json(results, request)};
    });
}

HttpReply HttpApi::article(const std::string& id) const {
    return with_searcher({}, [&](Searcher& searcher) {
        std::optional<Article> article = searcher.article(id);
        if (!article) return error(404, "not_found", "no article with id \"" + id + "\"");
        return HttpReply{200, to_json(*article)};
    });
}

HttpReply HttpApi::health() const {
    return with_searcher({}, [&](Searcher& searcher) {
        const SearcherPool::Load load = pool_.load();
        nlohmann::json doc;
        doc["format_version"] = json_format_version;
        doc["status"] = "ok";
        doc["articles"] = searcher.article_count();
        doc["workers"] = load.workers;
        doc["busy"] = load.busy - 1;  // not counting this request
        doc["waiting"] = load.waiting;
        doc["queue_limit"] = load.queue_limit;
        return HttpReply{200, dump(doc)};
    });
}

HttpReply HttpApi::stats() const {
    return with_searcher({}, [&](Searcher& searcher) { return HttpReply{200, to_json(searcher.stats())}; });
}

HttpReply HttpApi::page() { return {200, std::string(web_page_html()), "text/html; charset=utf-8"}; }

}  // namespace newsdex::server
