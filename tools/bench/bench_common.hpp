/// @file bench_common.hpp
/// What the benchmark programs share: reading a JSONL corpus and a query list,
/// and the clocks (wall and thread CPU). Not part of newsdex; used only by scripts/bench.
#pragma once

#include <simdjson.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

struct Record {
    std::string id, title, body;
};

/// Calls @p fn for each JSONL record with an id/title/body (others ignored).
inline std::size_t for_each_record(const std::string& path, const std::function<void(const Record&)>& fn) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    simdjson::dom::parser parser;
    std::string line;
    Record rec;
    std::size_t n = 0;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        simdjson::dom::element root;
        if (parser.parse(line).get(root)) continue;
        auto field = [&](const char* name, std::string& out) {
            out.clear();
            std::string_view v;
            if (!root[name].get_string().get(v)) out.assign(v);
        };
        field("id", rec.id);
        field("title", rec.title);
        field("body", rec.body);
        fn(rec);
        ++n;
    }
    return n;
}

inline std::vector<std::string> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::vector<std::string> queries;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        queries.push_back(line);
    }
    return queries;
}

/// CPU time of the calling thread: under load from other processes this
/// stays close to the unloaded cost, while wall time does not.
inline double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

inline double now_us() {
    using namespace std::chrono;
    return duration<double, std::micro>(steady_clock::now().time_since_epoch()).count();
}

/// The command line both baselines take: `NAME index DB CORPUS.jsonl` or
/// `NAME search DB QUERIES [--no-snippets]`. Errors from @p index or @p search
/// should reach here as std::exception (exit 1); bad usage exits 2.
inline int baseline_main(const char* name, int argc, char** argv,
                         int (*index)(const std::string& db, const std::string& corpus),
                         int (*search)(const std::string& db, const std::string& queries, bool snippets)) {
    try {
        const std::string command = argc >= 4 ? argv[1] : "";
        if (command == "index") return index(argv[2], argv[3]);
        if (command == "search") return search(argv[2], argv[3], !(argc >= 5 && std::string(argv[4]) == "--no-snippets"));
        std::cerr << "usage: " << name << " index DB CORPUS.jsonl | search DB QUERIES [--no-snippets]\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << name << ": " << e.what() << "\n";
    }
    return 1;
}

}  // namespace bench
