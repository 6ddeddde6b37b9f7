/// @file http_api.hpp
/// The HTTP API's answers, without sockets (unit-testable): parameters in,
/// status and JSON out. http_server.cpp wires them to cpp-httplib.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "searcher_pool.hpp"

namespace newsdex::server {

struct HttpReply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json; charset=utf-8";
};

/// Query parameters in the order given (a name may repeat: facets=person&facets=place).
using Params = std::vector<std::pair<std::string, std::string>>;

struct ApiLimits {
    std::size_t max_query_bytes = 4096;  ///< longer q: 400
    /// Per request: the most a search may spend matching beyond its page
    /// (SearchRequest::timeout_seconds; a smaller timeout parameter wins),
    /// and the longest a request waits for a free worker before 503.
    double time_limit_seconds = 10;
};

class HttpApi {
  public:
    HttpApi(SearcherPool& pool, ApiLimits limits);

    /// GET /search: every request field as a parameter (RequestBuilder), the --format json object.
    HttpReply search(const Params& params) const;
    /// GET /articles/{id}: the stored article; 404 when unknown.
    HttpReply article(const std::string& id) const;
    /// GET /health: {"status": "ok", "articles", "workers", "busy", "waiting", "queue_limit"}.
    HttpReply health() const;
    /// GET /stats: what the index holds (Searcher::stats()).
    HttpReply stats() const;
    /// GET /: the web page.
    static HttpReply page();

    /// A JSON error {"format_version", "error", "kind", "status", "query"}.
    static HttpReply error(int status, const std::string& kind, const std::string& message,
                           const std::string& query = {});

  private:
    template <class Answer>
    HttpReply with_searcher(const std::string& query, Answer&& answer) const;

    SearcherPool& pool_;
    ApiLimits limits_;
};

}  // namespace newsdex::server
