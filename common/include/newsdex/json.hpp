/// @file json.hpp
/// The versioned JSON format of newsdex (documented in README.md, "JSON output"):
/// what `newsdex-search --format json`, an HTTP server and a Python module all return.
#pragma once

#include <string>

#include "newsdex/article.hpp"
#include "newsdex/index_stats.hpp"
#include "newsdex/searcher.hpp"

namespace newsdex {

/// Version of the JSON format; additions keep it, incompatible changes bump it.
inline constexpr int json_format_version = 1;

/** One search as a JSON object: {"format_version", "query", "hits", ...}.
 *  @p request decides what is echoed (limit, sort, since, ...) and which
 *  optional keys appear (facets, related, explain). Never throws on bad
 *  UTF-8 (it is replaced); the text has no trailing newline. */
std::string to_json(const SearchResults& results, const SearchRequest& request);

/// A stored article as a JSON object: id, title, body, date, source, url,
/// lang ("" fields as null) and entities {"person": [...], "place": [...], "org": [...]}.
std::string to_json(const Article& article);

/// @p article as one JSON Lines record that newsdex-index reads back as the
/// same article: id, title, body, date, source, url, lang (empty ones left
/// out); what the index derives (entities, clusters) is derived again.
std::string to_jsonl_record(const Article& article);

/** An answer that could not be given: {"format_version", "error", "kind",
 *  "exit_code", "query"}: @p kind names the error ("query", "usage",
 *  "index_missing", ... as in README "JSON output"), @p query is null when "".
 *  One line of `--queries` output for a query that failed, and what
 *  `newsdex-search --format json` prints on stdout for any error. */
std::string error_json(const std::string& query, const std::string& message, const std::string& kind = "query",
                       int exit_code = 2);

/// `--count` in JSON: {"format_version", "query", "count", "exact"}.
std::string count_json(const SearchResults& results);

/// What an index holds (Searcher::stats()): {"format_version", "articles",
/// "languages" and "sources" ([{"value", "count"}], most first), "undated",
/// "first_date", "last_date", "bytes", "schema_version", "last_modified"}.
std::string to_json(const IndexStats& stats);


}  // namespace newsdex
