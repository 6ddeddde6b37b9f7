#include "options.hpp"

#include <cxxopts.hpp>

#include <sstream>

#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "run_main.hpp"

namespace newsdex::searcher {

namespace {
std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (!item.empty()) items.push_back(item);
    }
    return items;
}
}  // namespace

SearchOptions parse_search_options(int argc, const char* const* argv) {
    // Field and facet names come from the field table (schema.hpp).
    const std::string facet_list = schema::facet_names(",");
    const std::string field_list = schema::query_field_names(": ") + ":";
    cxxopts::Options spec("newsdex-search", "Search a newsdex index: ranked results with highlighted snippets.");
    spec.custom_help("[OPTION...]");
    spec.positional_help("QUERY...");
    spec.add_options()
        ("d,db", "index directory or Xapian stub file; repeat for shards (default: $NEWSDEX_DB, else ./newsdex.db)",
         cxxopts::value<std::vector<std::string>>())
        ("natural", "read the query as a sentence or question: no syntax, any word may match, "
                    "stopwords dropped, ranked by BM25 with feedback")
        ("feedback", "pseudo-relevance feedback: add the best words of the top hits to the query "
                     "(default: on with --natural)")
        ("no-feedback", "no pseudo-relevance feedback")
        ("feedback-rounds", "feedback rounds, 1 to 3: each later one takes its top hits from the first 30 "
                            "re-ranked by the last round's words (default 3)", cxxopts::value<unsigned>())
        ("regularise", "re-rank the top 30 with the scores of their most similar articles "
                       "(default: on with --natural)")
        ("no-regularise", "no score regularisation")
        ("n,limit", "number of hits", cxxopts::value<std::size_t>()->default_value("10"))
        ("offset", "skip this many hits first", cxxopts::value<std::size_t>()->default_value("0"))
        ("f,format", "text or json", cxxopts::value<std::string>()->default_value("text"))
        ("sort", "relevance, date (oldest first) or -date (newest first)",
         cxxopts::value<std::string>()->default_value("relevance"))
        ("lang", "query language for stemming (default: from the script, else the index's)",
         cxxopts::value<std::string>()->default_value(""))
        ("facets", "count values: " + facet_list,
         cxxopts::value<std::string>()->implicit_value("person,place,org,source,year"))
        ("facet-limit", "values shown per facet", cxxopts::value<std::size_t>()->default_value("10"))
        ("related", "the N people, places and organisations most associated with the top results (default 5)",
         cxxopts::value<std::size_t>()->implicit_value("5"))
        ("snippets", "snippets per hit (0 for none)", cxxopts::value<std::size_t>()->default_value("2"))
        ("snippet-bytes", "target snippet length", cxxopts::value<std::size_t>()->default_value("200"))
        ("count", "print only the exact number of matches")
        ("timeout", "seconds the match may spend beyond the requested page (exact counts, facets); "
         "then they are estimated (0 = no limit)", cxxopts::value<double>()->default_value("0"))
        ("since", "only articles published on or after DATE (2025, 2025-03, 2025-03-14, ...)",
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
        ("auto-correct", "run the \"did you mean\" correction instead of the query")
        ("no-suggest", "never look for a spelling correction")
        ("queries", "batch mode: read one query per line from FILE (- for stdin), open the index once and "
         "write one JSON object per line (with an \"error\" key for a bad query); other options apply to each",
         cxxopts::value<std::string>())
        ("explain", "show which terms matched where and what each added to the score")
        ("color", "auto, always or never", cxxopts::value<std::string>()->default_value("auto"))
        ("h,help", "show this help")
        ("version", "show the version")
        ("query", "the query", cxxopts::value<std::vector<std::string>>());
    spec.parse_positional({"query"});
    // "--facets person,place" (a space, not '='): cxxopts would take the list
    // as query words; bind it to --facets when it names only facets.
    std::vector<std::string> args(argv, argv + argc);
    for (std::size_t i = 1; i + 1 < args.size(); ++i) {
        if (args[i] != "--facets") continue;
        auto names = split_list(args[i + 1]);
        bool all_facets = !names.empty();
        for (const std::string& name : names) {
            all_facets = all_facets && schema::find_facet(name) != nullptr;
        }
        if (all_facets) {
            args[i] += "=" + args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        }
    }
    std::vector<const char*> rewritten;
    for (const std::string& arg : args) rewritten.push_back(arg.c_str());
    auto result = spec.parse(static_cast<int>(rewritten.size()), rewritten.data());

    SearchOptions options;
    options.help_text = spec.help() +
        "\nQuery language: words (all must match), \"exact phrases\", OR, AND, NOT, +must, -mustnot,\n"
        "(grouping), prefix*, NEAR, ADJ; fields " + field_list + "\n"
        "date:2025, date:2025-03, date:2025-03-14, date:2025-03-01..2025-03-31, date:..2024-12-31.\n"
        "Lower-case and/or between two terms act as AND/OR. Undated articles never match a date filter.\n"
        "With --natural the query is plain text (a question, a sentence, a paragraph): any of its\n"
        "words may match, and articles with more of the rarer ones rank first.\n\n"
        "Exit status: 0 hits found; 1 no hits; 2 usage error or bad query; 66 index missing;\n"
        "74 index unreadable, corrupt or from a newer newsdex.\n";
    options.show_help = result.count("help") > 0;
    options.show_version = result.count("version") > 0;
    if (options.show_help || options.show_version) return options;

    if (result.count("db")) {
        options.dbs = result["db"].as<std::vector<std::string>>();
    } else {
        options.dbs = {cli::default_db()};
    }
    SearchRequest& request = options.request;
    request.limit = result["limit"].as<std::size_t>();
    request.offset = result["offset"].as<std::size_t>();
    request.language = result["lang"].as<std::string>();
    request.snippets_per_hit = result["snippets"].as<std::size_t>();
    request.snippet_bytes = result["snippet-bytes"].as<std::size_t>();
    request.facet_limit = result["facet-limit"].as<std::size_t>();
    if (result.count("facets")) request.facets = split_list(result["facets"].as<std::string>());
    if (result.count("related")) {
        request.related = result["related"].as<std::size_t>();
        if (request.related < 1 || request.related > 100) throw UsageError("--related must be between 1 and 100");
    }
    options.count_only = result.count("count") > 0;
    request.timeout_seconds = result["timeout"].as<double>();
    if (!(request.timeout_seconds >= 0) || request.timeout_seconds > 86400) {
        throw UsageError("--timeout must be a number of seconds between 0 and 86400");
    }
    request.exact_count = options.count_only;
    request.collapse = result.count("no-collapse") == 0 && !options.count_only;  // --count counts articles
    request.since = result["since"].as<std::string>();
    request.until = result["until"].as<std::string>();
    request.expand_id = result["expand"].as<std::string>();
    request.like_id = result["like"].as<std::string>();
    if (!result["recency"].as<std::string>().empty()) {
        request.recency_half_life = parse_half_life(result["recency"].as<std::string>());
    }
    request.recency_reference = result["recency-ref"].as<std::string>();
    if (!request.recency_reference.empty() && request.recency_half_life.count() == 0) {
        throw UsageError("--recency-ref needs --recency HALF_LIFE");
    }
    request.auto_correct = result.count("auto-correct") > 0;
    request.suggest = result.count("no-suggest") == 0;
    request.explain = result.count("explain") > 0;
    request.mode = result.count("natural") ? QueryMode::natural : QueryMode::boolean;
    if (result.count("feedback") && result.count("no-feedback")) {
        throw UsageError("--feedback and --no-feedback contradict each other");
    }
    if (result.count("feedback")) request.feedback = true;
    if (result.count("no-feedback")) request.feedback = false;
    if (result.count("feedback-rounds")) {
        if (result.count("no-feedback")) throw UsageError("--feedback-rounds and --no-feedback contradict each other");
        request.feedback_rounds = result["feedback-rounds"].as<unsigned>();  // the Searcher checks the range
    }

    if (result.count("regularise") && result.count("no-regularise")) {
        throw UsageError("--regularise and --no-regularise contradict each other");
    }
    if (result.count("regularise")) request.regularise = true;
    if (result.count("no-regularise")) request.regularise = false;

    std::string format = result["format"].as<std::string>();
    if (format == "text") options.format = OutputFormat::text;
    else if (format == "json") options.format = OutputFormat::json;
    else throw UsageError("--format must be text or json, not \"" + format + "\"");

    std::string sort = result["sort"].as<std::string>();
    if (sort == "relevance") request.sort = SortOrder::relevance;
    else if (sort == "date") request.sort = SortOrder::date_ascending;
    else if (sort == "-date") request.sort = SortOrder::date_descending;
    else throw UsageError("--sort must be relevance, date or -date, not \"" + sort + "\"");
    if (request.regularise.value_or(false) && request.sort != SortOrder::relevance) {
        throw UsageError("--regularise re-ranks by relevance; it does not combine with --sort " + sort);
    }

    std::string colour = result["color"].as<std::string>();
    if (colour == "auto") options.colour = ColourMode::automatic;
    else if (colour == "always") options.colour = ColourMode::always;
    else if (colour == "never") options.colour = ColourMode::never;
    else throw UsageError("--color must be auto, always or never, not \"" + colour + "\"");

    if (request.limit > 100000) throw UsageError("--limit must be at most 100000");
    if (result.count("query")) {
        for (const std::string& word : result["query"].as<std::vector<std::string>>()) {
            if (!request.query.empty()) request.query += ' ';
            request.query += word;
        }
    }
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
    if (request.query.find_first_not_of(" \t\n") == std::string::npos && request.like_id.empty() &&
        request.expand_id.empty()) {
        throw UsageError("no QUERY given");
    }
    return options;
}

}  // namespace newsdex::searcher
