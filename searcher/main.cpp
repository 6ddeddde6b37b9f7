// newsdex-search: parse options, search, print, map errors to exit codes.
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "exit_codes.hpp"
#include "newsdex/error.hpp"
#include "newsdex/json.hpp"
#include "newsdex/searcher.hpp"
#include "options.hpp"
#include "http_server.hpp"
#include "output/printers.hpp"
#include "run_main.hpp"
#include "terminal.hpp"

namespace {

/// Runs @p open; a missing index the user never named (no --db) gets a hint
/// saying which path was tried and how to name another.
template <class Open>
auto naming_the_default_db(const newsdex::searcher::SearchOptions& options, Open&& open) {
    using newsdex::IndexError;
    try {
        return open();
    } catch (const IndexError& e) {
        if (options.db_given || e.kind() != IndexError::Kind::missing) throw;
        const std::string what = e.what();
        const std::string reason = what.compare(0, e.path().size() + 2, e.path() + ": ") == 0
                                       ? what.substr(e.path().size() + 2)
                                       : what;
        throw IndexError(e.kind(), e.path(), reason + newsdex::cli::default_db_hint());
    }
}

/// --queries FILE: one Searcher, one query per line, one JSON object per line.
/// Exit 0 if every query ran (hits or not), 2 if any line was a bad query.
int run_batch(newsdex::Searcher& searcher, const newsdex::RequestBuilder& base, const std::string& path) {
    using namespace newsdex;
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) throw InputError(path, 0, "cannot open the queries file");
        in = &file;
    }
    bool any_bad = false;
    std::string line;
    while (std::getline(*in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t\f\v") == std::string::npos) continue;
        try {
            const SearchRequest request = RequestBuilder(base).set("query", line).build();
            SearchResults results = searcher.search(request);
            std::cout << to_json(results, request) << '\n';
        } catch (const QueryError& e) {
            any_bad = true;
            std::cout << error_json(line, e.what(), "query", cli::exit_usage) << '\n';
        } catch (const UsageError& e) {
            any_bad = true;
            std::cout << error_json(line, e.what(), "usage", cli::exit_usage) << '\n';
        }
        std::cout.flush();  // a reader on a pipe gets each answer as soon as it is ready
    }
    if (in->bad()) throw InputError(path, 0, "reading the queries failed");
    return any_bad ? static_cast<int>(cli::exit_usage) : static_cast<int>(cli::exit_ok);
}

/// --stats and --article: what the index holds, or one whole article.
int run_archive_query(const newsdex::Searcher& searcher, const newsdex::searcher::SearchOptions& options) {
    using namespace newsdex;
    const bool json = options.format == searcher::OutputFormat::json;
    if (options.stats) {
        const IndexStats stats = searcher.stats();
        if (json) {
            std::cout << to_json(stats) << "\n";
        } else {
            searcher::print_stats_text(stats, options.dbs, std::cout);
        }
        return static_cast<int>(cli::exit_ok);
    }
    const std::optional<Article> article = searcher.article(options.article_id);
    if (!article) {
        std::cerr << "newsdex-search: no article with id \"" << options.article_id << "\"\n";
        return static_cast<int>(cli::exit_no_results);
    }
    if (json) {
        std::cout << to_json(*article) << "\n";
    } else {
        searcher::print_article_text(*article, std::cout);
    }
    return static_cast<int>(cli::exit_ok);
}

/// --export jsonl|csv: every matching article, streamed. Exit 0 if any, 1 if none.
int run_export(const newsdex::Searcher& searcher, const newsdex::searcher::SearchOptions& options) {
    using namespace newsdex;
    const bool csv = options.export_format == "csv";
    if (csv) searcher::print_csv_header(std::cout);
    const std::size_t exported = searcher.export_matches(options.request, [&](const Article& article) {
        if (csv) {
            searcher::print_csv_record(article, std::cout);
        } else {
            std::cout << to_jsonl_record(article) << '\n';
        }
    });
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "newsdex-search: writing the export to standard output failed\n";
        return static_cast<int>(cli::exit_io_error);
    }
    return static_cast<int>(exported > 0 ? cli::exit_ok : cli::exit_no_results);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace newsdex;
    // In JSON mode every answer is JSON, errors too: {"error", "kind", ...} on
    // stdout, the same message on stderr, the same exit code.
    std::function<void(const cli::ErrorReport&)> report;
    if (searcher::json_output_requested(argc, argv)) {
        report = [](const cli::ErrorReport& e) {
            std::cout << error_json(e.query, e.message, e.kind, e.exit_code) << '\n';
        };
    }
    return cli::run_main("newsdex-search", [&] {
        auto options = searcher::parse_search_options(argc, argv);
        if (options.show_help) {
            std::cout << options.help_text;
            return static_cast<int>(cli::exit_ok);
        }
        if (options.show_version) {
            std::cout << "newsdex-search " << NEWSDEX_VERSION << "\n";
            return static_cast<int>(cli::exit_ok);
        }
        std::vector<std::filesystem::path> dbs(options.dbs.begin(), options.dbs.end());
        if (options.serve) {
            server::ServeOptions serve_options = options.server;
            serve_options.searcher = options.searcher;  // --allow-missing-shards: every worker answers from the others
            return naming_the_default_db(options, [&] { return server::serve(dbs, serve_options, std::cerr); });
        }
        Searcher searcher = naming_the_default_db(options, [&] { return Searcher(dbs, options.searcher); });
        for (const std::string& shard : searcher.missing_shards()) {
            std::cerr << "newsdex-search: warning: shard " << shard << " is unavailable; answering from the others\n";
        }
        if (options.stats || !options.article_id.empty()) return run_archive_query(searcher, options);
        if (!options.export_format.empty()) return run_export(searcher, options);
        const SearchRequest& request = options.request;  // with --count: no hits, no snippets
        if (!options.queries_file.empty()) return run_batch(searcher, options.batch_builder, options.queries_file);
        SearchResults results = searcher.search(request);
        if (options.count_only && options.format == searcher::OutputFormat::json) {
            std::cout << count_json(results) << "\n";
        } else if (options.count_only) {
            std::cout << results.total_estimate << "\n";
        } else if (options.format == searcher::OutputFormat::json) {
            searcher::print_json(results, request, std::cout);
        } else {
            searcher::TextStyle style;
            style.colour = options.colour == searcher::ColourMode::always ||
                           (options.colour == searcher::ColourMode::automatic && cli::use_colour(stdout));
            style.width = cli::is_terminal(stdout) ? cli::terminal_width() : 80;
            searcher::print_text(results, request, style, std::cout);
        }
        bool found = options.count_only ? results.total_estimate > 0 : !results.hits.empty() || results.total_estimate > 0;
        return static_cast<int>(found ? cli::exit_ok : cli::exit_no_results);
    }, report);
}
