// newsdex-bench-search: per-query latency of newsdex::Searcher, in process.
//   newsdex-bench-search DB QUERIES.txt [--facets LIST] [--snippets N] [--no-snippets]
//                        [--natural] [--feedback | --no-feedback] [--feedback-rounds N] [--regularise | --no-regularise]
//                        [--no-collapse] [--no-suggest] [--count]   (to see what each costs)
// One Searcher is opened once and reused (the embedding case); each query is
// timed around Searcher::search() only. Prints one line per query:
// wall microseconds, hits, estimate, snippet bytes, thread CPU microseconds.
#include <cstdlib>
#include <cstring>

#include "bench_common.hpp"
#include "newsdex/error.hpp"
#include "newsdex/searcher.hpp"

namespace {

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: newsdex-bench-search DB QUERIES [--facets LIST] [--snippets N] [--no-snippets] "
                     "[--natural] [--feedback | --no-feedback] [--feedback-rounds N] [--regularise | --no-regularise] [--no-collapse] [--no-suggest] "
                     "[--count]\n";
        return 2;
    }
    newsdex::SearchRequest base;
    base.limit = 10;
    base.snippets_per_hit = 1;
    for (int i = 3; i < argc; ++i) {
        if (std::strcmp(argv[i], "--facets") == 0 && i + 1 < argc) base.facets = split_list(argv[++i]);
        else if (std::strcmp(argv[i], "--snippets") == 0 && i + 1 < argc) base.snippets_per_hit = std::strtoul(argv[++i], nullptr, 10);
        else if (std::strcmp(argv[i], "--no-snippets") == 0) base.snippets_per_hit = 0;
        else if (std::strcmp(argv[i], "--natural") == 0) base.mode = newsdex::QueryMode::natural;
        else if (std::strcmp(argv[i], "--feedback") == 0) base.feedback = true;
        else if (std::strcmp(argv[i], "--no-feedback") == 0) base.feedback = false;
        else if (std::strcmp(argv[i], "--feedback-rounds") == 0 && i + 1 < argc) {
            base.feedback_rounds = static_cast<unsigned>(std::stoul(argv[++i]));
        }
        else if (std::strcmp(argv[i], "--regularise") == 0) base.regularise = true;
        else if (std::strcmp(argv[i], "--no-regularise") == 0) base.regularise = false;
        else if (std::strcmp(argv[i], "--no-collapse") == 0) base.collapse = false;
        else if (std::strcmp(argv[i], "--no-suggest") == 0) base.suggest = false;
        else if (std::strcmp(argv[i], "--count") == 0) base.exact_count = true;
    }
    try {
        newsdex::Searcher searcher({std::filesystem::path(argv[1])});
        for (const std::string& q : bench::read_queries(argv[2])) {
            newsdex::SearchRequest request = base;
            request.query = q;
            double t0 = bench::now_us();
        double c0 = bench::thread_cpu_us();
            std::size_t hits = 0, estimate = 0, bytes = 0;
            try {
                newsdex::SearchResults results = searcher.search(request);
                hits = results.hits.size();
                estimate = results.total_estimate;
                for (const auto& hit : results.hits)
                    for (const auto& s : hit.snippets) bytes += s.text.size();
            } catch (const newsdex::QueryError& e) {
                std::cerr << "newsdex-bench-search: " << e.what() << "\n";
            }
            double t1 = bench::now_us();
            double c1 = bench::thread_cpu_us();
            std::printf("%.1f\t%zu\t%zu\t%zu\t%.1f\n", t1 - t0, hits, estimate, bytes, c1 - c0);
        }
    } catch (const newsdex::Error& e) {
        std::cerr << "newsdex-bench-search: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
