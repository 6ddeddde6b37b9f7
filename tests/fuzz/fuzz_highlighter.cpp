/// @file fuzz_highlighter.cpp
/// libFuzzer target: detail::make_snippets and highlight_spans over arbitrary
/// text, with match weights and sizes taken from the input's first bytes.
/// Checks that every highlight lies inside its snippet text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "highlighter.hpp"
#include "newsdex/analyzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 4) return 0;
    static const newsdex::Analyzer analyzer;
    const std::size_t max_snippets = data[0] % 5;
    const std::size_t target_bytes = data[1] % 2 ? data[2] : static_cast<std::size_t>(data[2]) * 8;
    const std::uint8_t mask = data[3];
    std::string text(reinterpret_cast<const char*>(data) + 4, size - 4);
    std::vector<newsdex::Token> tokens = analyzer.tokenize(text);
    std::vector<double> weights(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        unsigned char first = tokens[i].term.empty() ? 0 : static_cast<unsigned char>(tokens[i].term[0]);
        weights[i] = (first ^ mask) % 3 == 0 ? 1.0 + (first % 7) : 0.0;
    }
    for (const auto& [begin, end] : newsdex::detail::highlight_spans(text, tokens, weights)) {
        if (begin > end || end > text.size()) __builtin_trap();
    }
    for (const newsdex::Snippet& snippet :
         newsdex::detail::make_snippets(text, tokens, weights, max_snippets, target_bytes)) {
        for (const auto& [begin, end] : snippet.highlights) {
            if (begin > end || end > snippet.text.size()) __builtin_trap();
        }
    }
    return 0;
}
