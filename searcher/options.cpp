#include "options.hpp"

#include <cxxopts.hpp>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "newsdex/error.hpp"
#include "newsdex/request.hpp"
#include "newsdex/schema.hpp"
#include "run_main.hpp"

namespace newsdex::searcher {

namespace {

/// A request field as the command line spells it: recency_ref -> --recency-ref.
std::string flag_spelling(std::string_view field) {
    std::string flag = "--" + std::string(field);
    std::replace(flag.begin(), flag.end(), '_', '-');
    return flag;
}

/// Options of the program, not of a search.
bool is_cli_option(const std::string& name) {
    return name == "db" || name == "format" || name == "color" || name == "queries" || name == "stats" ||
           name == "article" || name == "serve" || name == "workers" || name == "queue" || name == "quiet" ||
           name == "export" || name == "allow-missing-shards";
}

/// A whole number option of --serve between 1 and @p max.
unsigned serve_count(const cxxopts::ParseResult& result, const char* name, unsigned max) {
    const std::string text = result[name].as<std::string>();
    const bool digits = !text.empty() && text.size() <= 6 && text.find_first_not_of("0123456789") == std::string::npos;
    const unsigned long value = digits ? std::stoul(text) : 0;
    if (value < 1 || value > max) {
        throw UsageError("--" + std::string(name) + " must be a whole number from 1 to " + std::to_string(max) +
                         ", not \"" + text + "\"");
    }
    return static_cast<unsigned>(value);
}

/// --serve: the server's options; search options belong in each request, except
/// --timeout, which bounds every request.
server::ServeOptions serve_options(const cxxopts::ParseResult& result) {
    server::ServeOptions options;
    server::parse_listen_address(result["serve"].as<std::string>(), options);
    for (const cxxopts::KeyValue& option : result.arguments()) {
        const std::string& name = option.key();
        if (name == "query") throw UsageError("--serve answers queries over HTTP: give no QUERY argument");
        if (!is_cli_option(name) && name != "timeout") {
            throw UsageError("--" + name + " applies to one search: with --serve give it as a request parameter "
                             "(/search?q=...&" + name + "=...)");
        }
    }
    if (result.count("queries")) throw UsageError("--serve and --queries do not combine");
    if (result.count("export")) throw UsageError("--serve and --export do not combine");
    if (result.count("workers")) options.workers = serve_count(result, "workers", 256);
    if (result.count("queue")) options.queue_limit = serve_count(result, "queue", 100000);
    if (result.count("timeout")) {
        options.limits.time_limit_seconds = RequestBuilder(flag_spelling).set("timeout", result["timeout"].as<std::string>())
                                                .build().timeout_seconds;
        if (options.limits.time_limit_seconds <= 0) throw UsageError("--timeout with --serve must be more than 0 seconds");
    }
    options.quiet = result.count("quiet") > 0;
    return options;
}

/// Every search option given on the command line, in order, through the
/// library's request builder (the checks and messages an HTTP parameter or a
/// Python keyword gets too); the query words are joined by spaces.
RequestBuilder request_builder(const cxxopts::ParseResult& result) {
    RequestBuilder builder(flag_spelling);
    std::string query;
    for (const cxxopts::KeyValue& option : result.arguments()) {
        const std::string& name = option.key();
        if (name == "query") {
            if (!query.empty()) query += ' ';
            query += option.value();
        } else if (!is_cli_option(name)) {
            builder.set(name, option.value());
        }
    }
    builder.set("query", query);
    return builder;
}

/// The command line: request options (read by the library's RequestBuilder)
/// and the CLI's own (--db, --format, --color, --queries, --help, --version).
cxxopts::Options search_spec() {
    // Field and facet names come from the field table (schema.hpp).
    const std::string facet_list = schema::facet_names(",");
    cxxopts::Options spec("newsdex-search", "Search a newsdex index: ranked results with highlighted snippets.");
    spec.custom_help("[OPTION...]");
    spec.positional_help("QUERY...");
    spec.add_options()
        ("d,db", "index directory or Xapian stub file; repeat for shards (default: $NEWSDEX_DB, else ./newsdex.db)",
         cxxopts::value<std::string>())
        ("natural", "read the query as a sentence or question: no syntax, any word may match, "
                    "stopwords dropped, ranked by BM25 with feedback")
        ("feedback", "pseudo-relevance feedback: add the best words of the top hits to the query "
                     "(default: on with --natural)")
        ("no-feedback", "no pseudo-relevance feedback")
        ("feedback-rounds", "feedback rounds, 1 to 3: each later one takes its top hits from the first 30 "
                            "re-ranked by the last round's words (default 3)", cxxopts::value<std::string>())
        ("regularise", "re-rank the top 30 with the scores of their most similar articles "
                       "(default: on with --natural)")
        ("no-regularise", "no score regularisation")
        ("rerank-strength", "how strongly feedback and regularisation act, 0 to 1 (default: predicted per "
                            "query from its own first ranking)", cxxopts::value<std::string>())
        ("n,limit", "number of hits", cxxopts::value<std::string>()->default_value("10"))
        ("offset", "skip this many hits first", cxxopts::value<std::string>()->default_value("0"))
        ("f,format", "text or json", cxxopts::value<std::string>()->default_value("text"))
        ("sort", "relevance, date (oldest first) or -date (newest first)",
         cxxopts::value<std::string>()->default_value("relevance"))
        ("lang", "query language for stemming (default: from the script, else the index's)",
         cxxopts::value<std::string>()->default_value(""))
        ("facets", "count values: " + facet_list,
         cxxopts::value<std::string>()->implicit_value("person,place,org,source,year"))
        ("facet-limit", "values shown per facet", cxxopts::value<std::string>()->default_value("10"))
        ("related", "the N people, places and organisations most associated with the top results (default 5)",
         cxxopts::value<std::string>()->implicit_value("5"))
        ("snippets", "snippets per hit (0 for none)", cxxopts::value<std::string>()->default_value("2"))
        ("snippet-bytes", "target snippet length", cxxopts::value<std::string>()->default_value("200"))
        ("count", "print only the exact number of matches")
        ("timeout", "seconds the match may spend beyond the requested page (exact counts, facets); "
         "then they are estimated (0 = no limit)", cxxopts::value<std::string>()->default_value("0"))
        ("since", "only articles published on or after DATE (2025, 2025-03, 2025-03-14, ..., or relative: "
                  "7d, 12h, 2w, 3mo, 1y, today, yesterday, \"2 months ago\", \"last week\")",
         cxxopts::value<std::string>()->default_value(""))
        ("until", "only articles published up to the end of DATE", cxxopts::value<std::string>()->default_value(""))
        ("no-collapse", "show every near-duplicate (wire copy) instead of one per story")
        ("expand", "show every version of the story of article ID", cxxopts::value<std::string>()->default_value(""))
        ("like", "articles like article ID (the query, if any, only filters)",
         cxxopts::value<std::string>()->default_value(""))
        ("recency", "favour recent articles: a bonus halving every HALF_LIFE (30d, 12h, 2w)",
         cxxopts::value<std::string>()->default_value(""))
        ("recency-ref", "measure age from DATE instead of the newest match",
         cxxopts::value<std::string>()->default_value(""))
        ("now", "count relative dates back from DATE instead of the current time (reproducible searches)",
         cxxopts::value<std::string>()->default_value(""))
        ("auto-correct", "run the \"did you mean\" correction instead of the query")
        ("no-suggest", "never look for a spelling correction")
        ("queries", "batch mode: read one query per line from FILE (- for stdin), open the index once and "
         "write one JSON object per line (with an \"error\" key for a bad query); other options apply to each",
         cxxopts::value<std::string>())
        ("stats", "what the index holds: articles, languages, sources, date range, size, schema; no search")
        ("article", "print the whole article with this id (every field, entities, the body); no search",
         cxxopts::value<std::string>())
        ("export", "write every matching article, not a page of hits: jsonl (records newsdex-index reads back "
                   "as the same articles) or csv (id, date, source, lang, title, url); no QUERY: every article",
         cxxopts::value<std::string>())
        ("allow-missing-shards", "answer from the shards that can be reached when some cannot "
         "(the JSON lists the others in \"missing_shards\"; a warning on stderr)")
        ("explain", "show which terms matched where and what each added to the score")
        ("serve", "serve the HTTP API (/search, /articles/ID, /health, /stats) and a web page (/) on "
                  "[ADDR:]PORT, loopback unless ADDR is given, until SIGINT/SIGTERM; search options are "
                  "then request parameters, --timeout bounds each request (default 10)", cxxopts::value<std::string>())
        ("workers", "with --serve: searches at once (default: one per core, at least 2)", cxxopts::value<std::string>())
        ("queue", "with --serve: requests that may wait for a worker; beyond them 503 (default 64)",
         cxxopts::value<std::string>())
        ("quiet", "with --serve: no log line per request on stderr")
        ("color", "auto, always or never", cxxopts::value<std::string>()->default_value("auto"))
        ("h,help", "show this help")
        ("version", "show the version")
        ("query", "the query", cxxopts::value<std::vector<std::string>>());
    spec.parse_positional({"query"});
    return spec;
}

/// "--facets person,place" (a space, not '='): cxxopts would take the list
/// as query words; bind it to --facets when it names only facets.
std::vector<std::string> bind_facet_lists(int argc, const char* const* argv) {
    std::vector<std::string> args(argv, argv + argc);
    for (std::size_t i = 1; i + 1 < args.size(); ++i) {
        if (args[i] != "--facets") continue;
        bool all_facets = args[i + 1].find_first_not_of(", ") != std::string::npos;
        try {
            RequestBuilder().set("facets", args[i + 1]);
        } catch (const RequestError&) {
            all_facets = false;
        }
        if (all_facets) {
            args[i] += "=" + args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        }
    }
    return args;
}

/// The argument a shell user meant as an excluded query word (`-oil`), which
/// cxxopts read as a group of short options; empty when none looks like one.
std::string query_word_taken_for_option(const std::vector<std::string>& args) {
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") break;
        const bool single_dash_word = arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
                                      std::isalpha(static_cast<unsigned char>(arg[1])) != 0;
        if (single_dash_word) return arg;
    }
    return {};
}

/// Whether cxxopts' "Option 'x' does not exist" names one letter of @p word,
/// rather than an unknown long option given beside it.
bool names_a_letter_of(const std::string& message, const std::string& word) {
    const std::size_t end = message.find(" does not exist");
    if (end == std::string::npos || end < 2) return false;
    // The name sits between quote marks that may be UTF-8 (‘x’) or ASCII ('x').
    const std::size_t open = message.rfind(' ', end - 1);
    if (open == std::string::npos) return false;
    std::string name = message.substr(open + 1, end - open - 1);
    name.erase(std::remove_if(name.begin(), name.end(),
                              [](char c) { return c == '\'' || (static_cast<unsigned char>(c) & 0x80) != 0; }),
               name.end());
    return name.size() == 1 && word.find(name[0], 1) != std::string::npos;
}

cxxopts::ParseResult parse_arguments(cxxopts::Options& spec, const std::vector<std::string>& args) {
    std::vector<const char*> rewritten;
    for (const std::string& arg : args) rewritten.push_back(arg.c_str());
    try {
        return spec.parse(static_cast<int>(rewritten.size()), rewritten.data());
    } catch (const cxxopts::exceptions::no_such_option& e) {
        const std::string word = query_word_taken_for_option(args);
        if (word.empty() || !names_a_letter_of(e.what(), word)) throw;
        // `newsdex-search oil -price` is how a shell user excludes a word;
        // the option parser sees -p -r -i -c -e, so say how to write it.
        throw UsageError(std::string(e.what()) + ": '" + word + "' was read as options; to exclude a word, " +
                         "put the query after '--' (newsdex-search -- oil -price) or quote it as one argument " +
                         "('oil -price')");
    }
}

}  // namespace

bool json_output_requested(int argc, const char* const* argv) {
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") break;  // the query follows
        const bool next_is_value = (arg == "--format" || arg == "-f") && i + 1 < argc;
        if (next_is_value) {
            json = std::string(argv[++i]) == "json";
        } else if (arg == "--format=json" || arg == "-fjson") {
            json = true;
        } else if (arg.rfind("--format=", 0) == 0 || (arg.rfind("-f", 0) == 0 && arg.size() > 2 && arg[1] == 'f')) {
            json = false;
        } else if (arg == "--queries" || arg.rfind("--queries=", 0) == 0) {
            json = true;
        }
    }
    return json;
}

SearchOptions parse_search_options(int argc, const char* const* argv) {
    cxxopts::Options spec = search_spec();
    std::vector<std::string> args = bind_facet_lists(argc, argv);
    auto result = parse_arguments(spec, args);

    SearchOptions options;
    options.help_text = spec.help() +
        "\nQuery language: words (all must match), \"exact phrases\", OR, AND, NOT, +must, -mustnot,\n"
        "(grouping), prefix*, NEAR, ADJ; fields " + schema::query_field_names(": ") + ":\n"
        "date:2025, date:2025-03, date:2025-03-14, date:2025-03-01..2025-03-31, date:..2024-12-31;\n"
        "relative: date:7d (the last 7 days), date:yesterday, date:\"2 months ago\", date:2w..1w.\n"
        "Lower-case and/or between two terms act as AND/OR. Undated articles never match a date filter.\n"
        "With --natural the query is plain text (a question, a sentence, a paragraph): any of its\n"
        "words may match, and articles with more of the rarer ones rank first.\n"
        "-word alone (no other term) excludes from every article, like NOT word.\n"
        "Limits: at most " + std::to_string(query_limits::terms) + " terms and " +
        std::to_string(query_limits::wildcards) + " wildcards a query (longer queries are refused);\n"
        "a wildcard matches the " + std::to_string(query_limits::wildcard_expansion) +
        " most frequent words it expands to.\n\n"
        "Exit status: 0 hits found; 1 no hits (or no article with the --article ID); 2 usage error\n"
        "or bad query; 66 index missing;\n"
        "69 a shard cannot be opened or reached (see --allow-missing-shards), or --serve cannot\n"
        "listen on the address; 74 index unreadable, corrupt or from a newer newsdex.\n";
    options.show_help = result.count("help") > 0;
    options.show_version = result.count("version") > 0;
    if (options.show_help || options.show_version) return options;

    options.db_given = result.count("db") > 0;
    if (options.db_given) {
        // Each --db taken whole, in order: a cxxopts vector value would split
        // "archive,2025" at its comma into two shards that do not exist.
        for (const cxxopts::KeyValue& argument : result.arguments()) {
            if (argument.key() != "db") continue;
            if (argument.value().empty()) throw UsageError("--db must not be empty");
            options.dbs.push_back(argument.value());
        }
    } else {
        options.dbs = {cli::default_db()};
    }
    options.searcher.allow_missing_shards = result.count("allow-missing-shards") > 0;
    if (result.count("serve")) {
        options.serve = true;
        options.server = serve_options(result);
        return options;
    }
    if (result.count("workers") || result.count("queue") || result.count("quiet")) {
        throw UsageError("--workers, --queue and --quiet go with --serve");
    }
    options.batch_builder = request_builder(result);
    options.request = options.batch_builder.build();
    options.count_only = options.request.exact_count;

    std::string format = result["format"].as<std::string>();
    if (format == "text") options.format = OutputFormat::text;
    else if (format == "json") options.format = OutputFormat::json;
    else throw UsageError("--format must be text or json, not \"" + format + "\"");

    std::string colour = result["color"].as<std::string>();
    if (colour == "auto") options.colour = ColourMode::automatic;
    else if (colour == "always") options.colour = ColourMode::always;
    else if (colour == "never") options.colour = ColourMode::never;
    else throw UsageError("--color must be auto, always or never, not \"" + colour + "\"");

    SearchRequest& request = options.request;
    if (result.count("queries")) {
        options.queries_file = result["queries"].as<std::string>();
        if (options.queries_file.empty()) throw UsageError("--queries needs a FILE (or - for stdin)");
        if (!request.query.empty()) throw UsageError("--queries reads the queries from FILE: give no QUERY argument");
        if (result.count("format") && options.format != OutputFormat::json) {
            throw UsageError("--queries writes JSON lines: --format text is not supported");
        }
        options.format = OutputFormat::json;
        return options;
    }
    options.stats = result.count("stats") > 0;
    if (result.count("article")) {
        options.article_id = result["article"].as<std::string>();
        if (options.article_id.empty()) throw UsageError("--article needs an ID");
    }
    if (result.count("export")) {
        options.export_format = result["export"].as<std::string>();
        if (options.export_format != "jsonl" && options.export_format != "csv") {
            throw UsageError("--export must be jsonl or csv, not \"" + options.export_format + "\"");
        }
        for (const char* other : {"stats", "article", "count", "format"}) {
            if (result.count(other)) {
                throw UsageError(std::string("--export and --") + other + " cannot be combined");
            }
        }
        return options;  // no QUERY: every article
    }
    if (options.stats || !options.article_id.empty()) {
        if (options.stats && !options.article_id.empty()) throw UsageError("--stats and --article cannot be combined");
        if (!request.query.empty()) {
            throw UsageError(std::string(options.stats ? "--stats" : "--article") + " takes no QUERY");
        }
        return options;
    }
    // --since/--until alone list the articles of that window (newest first).
    if (request.query.find_first_not_of(" \t\n") == std::string::npos && request.like_id.empty() &&
        request.expand_id.empty() && request.since.empty() && request.until.empty()) {
        throw UsageError("no QUERY given (or --since/--until to list the articles of a time window)");
    }
    return options;
}

}  // namespace newsdex::searcher
