/// @file fuzz_jsonl.cpp
/// libFuzzer target: one JSONL record, and the same bytes as a JSONL stream
/// (with a small record limit), through the indexer's reader.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "newsdex/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsdex;
    std::string line(reinterpret_cast<const char*>(data), size);
    newsdex::Article article;
    std::vector<std::string> repairs;
    parse_jsonl_record(line, article, repairs);

    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    ReadOptions options;
    options.max_article_bytes = 4096;
    std::size_t articles = 0;
    read_jsonl(in, "fuzz", options, [&](newsdex::Article&&) { ++articles; }, [](const Diagnostic& d) {
        if (d.message().empty()) __builtin_trap();
    });
    return 0;
}
