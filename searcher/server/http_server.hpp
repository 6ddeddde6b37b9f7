/// @file http_server.hpp
/// newsdex-search --serve: the HTTP API (http_api.hpp) on cpp-httplib, with a
/// bounded worker pool, a per-request log line and a clean stop on SIGINT/SIGTERM.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "http_api.hpp"
#include "newsdex/searcher.hpp"

namespace newsdex::server {

struct ServeOptions {
    std::string address = "127.0.0.1";  ///< loopback unless an address is given
    int port = 0;
    unsigned workers = 0;       ///< searches at once (0 = one per core, at least 2)
    unsigned queue_limit = 64;  ///< requests waiting for a worker beyond which: 503
    ApiLimits limits;
    bool quiet = false;         ///< no log line per request
    SearcherOptions searcher;   ///< --allow-missing-shards, as for a search
};

/** Parses "[ADDR:]PORT" ("8080", "0.0.0.0:8080", "[::1]:8080") into @p options.
 *  @throws UsageError naming the text. */
void parse_listen_address(const std::string& text, ServeOptions& options);

/** Serves @p indexes until SIGINT or SIGTERM; logs to @p log. Returns the exit
 *  code: 0 after a clean stop, exit_unavailable when it cannot listen.
 *  @throws IndexError when an index cannot be opened. */
int serve(const std::vector<std::filesystem::path>& indexes, const ServeOptions& options, std::ostream& log);

}  // namespace newsdex::server
