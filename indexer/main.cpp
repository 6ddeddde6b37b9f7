// newsdex-index: parse options, run, map errors to exit codes.
#include <csignal>
#include <iostream>

#include "exit_codes.hpp"
#include "options.hpp"
#include "run_index.hpp"
#include "run_main.hpp"

namespace {
extern "C" void on_signal(int) { newsdex::indexer::request_stop(); }
}  // namespace

int main(int argc, char** argv) {
    return newsdex::cli::run_main("newsdex-index", [&] {
        auto options = newsdex::indexer::parse_index_options(argc, argv);
        if (options.show_help) {
            std::cout << options.help_text;
            return 0;
        }
        if (options.show_version) {
            std::cout << "newsdex-index " << NEWSDEX_VERSION << "\n";
            return 0;
        }
        // Stop cleanly: finish the current article, commit, report, exit 130.
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        return newsdex::indexer::run_index(options, std::cout, std::cerr);
    });
}
