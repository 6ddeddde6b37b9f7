// newsdex-search: parse options, search, print, map errors to exit codes.
#include <iostream>

#include "exit_codes.hpp"
#include "newsdex/searcher.hpp"
#include "options.hpp"
#include "output/printers.hpp"
#include "run_main.hpp"
#include "terminal.hpp"

int main(int argc, char** argv) {
    using namespace newsdex;
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
        Searcher searcher(dbs);
        SearchRequest request = options.request;
        if (options.count_only) {
            request.limit = 0;
            request.snippets_per_hit = 0;
        }
        SearchResults results = searcher.search(request);
        if (options.count_only) {
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
    });
}
