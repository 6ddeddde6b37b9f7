/// @file options.hpp
/// newsdex-search command line -> SearchOptions (unit-testable without a process).
#pragma once

#include <string>
#include <vector>

#include "http_server.hpp"
#include "newsdex/request.hpp"
#include "newsdex/searcher.hpp"

namespace newsdex::searcher {

enum class OutputFormat { text, json };
enum class ColourMode { automatic, always, never };

struct SearchOptions {
    std::vector<std::string> dbs;  ///< --db (repeatable: shards), else $NEWSDEX_DB, else ./newsdex.db
    bool db_given = false;         ///< --db was on the command line (else the default, named in errors)
    SearchRequest request;
    /// The options as given, for --queries: each line is built by it with its
    /// own query, so what depends on the query (nothing to rank: newest first) is decided per line.
    RequestBuilder batch_builder;
    SearcherOptions searcher;      ///< --allow-missing-shards
    OutputFormat format = OutputFormat::text;
    ColourMode colour = ColourMode::automatic;
    bool count_only = false;
    bool stats = false;        ///< --stats: what the index holds instead of a search
    std::string article_id;    ///< --article ID: the whole article instead of a search
    std::string queries_file;  ///< --queries FILE ("-" = stdin): one query per line, JSON lines out
    bool serve = false;        ///< --serve [ADDR:]PORT: the HTTP API and web page (server below)
    server::ServeOptions server;
    std::string export_format; ///< --export jsonl|csv: every matching article instead of a page of hits
    bool show_help = false;
    bool show_version = false;
    std::string help_text;
};

/// @throws UsageError (or cxxopts exceptions) for bad arguments.
SearchOptions parse_search_options(int argc, const char* const* argv);

/// Whether the command line asks for JSON output (--format json, -f json,
/// --format=json, or --queries), read before the options are parsed so
/// that even an option error can be answered in JSON.
bool json_output_requested(int argc, const char* const* argv);

}  // namespace newsdex::searcher
