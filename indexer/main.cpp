// newsdex-index: parse options, run, map errors to exit codes.
#include <csignal>
#include <iostream>

#include <unistd.h>

#include "exit_codes.hpp"
#include "extract_entities.hpp"
#include "options.hpp"
#include "run_maintenance.hpp"
#include "run_index.hpp"
#include "run_watch.hpp"
#include "run_main.hpp"

namespace {
volatile std::sig_atomic_t signals_seen = 0;

// First SIGINT/SIGTERM: finish the current article, commit, exit 130. A second
// one (say, while blocked on a silent stdin) exits at once: the index keeps
// its last commit, as after a crash.
extern "C" void on_signal(int) {
    if (signals_seen++ == 0) {
        newsdex::indexer::request_stop();
        return;
    }
    static const char message[] =
        "newsdex-index: second signal; exiting without committing (the index keeps its last commit)\n";
    ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    ::_exit(newsdex::cli::exit_interrupted);
}
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
        if (options.extract_entities) return newsdex::indexer::run_extract_entities(options, std::cout, std::cerr);
        if (options.delete_ids || !options.delete_from.empty()) {
            return newsdex::indexer::run_delete(options, std::cout, std::cerr);
        }
        if (options.compact && options.inputs.empty()) return newsdex::indexer::run_compact(options, std::cout, std::cerr);
        // Stop cleanly: finish the current article, commit, report, exit 130.
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        // Over a file size limit (ulimit -f), fail the write with EFBIG and
        // report it instead of dying from SIGXFSZ.
        std::signal(SIGXFSZ, SIG_IGN);
        if (!options.watch_dir.empty()) return newsdex::indexer::run_watch(options, std::cout, std::cerr);
        return newsdex::indexer::run_index(options, std::cout, std::cerr);
    });
}
