/// @file fuzz_text.cpp
/// libFuzzer target: a plain-text or Markdown article (first byte picks which),
/// then tokenizing its title and body the way the indexer does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "newsdex/analyzer.hpp"
#include "newsdex/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const newsdex::Analyzer analyzer;
    bool markdown = (data[0] & 1) != 0;
    std::string content(reinterpret_cast<const char*>(data) + 1, size - 1);
    newsdex::Article article = newsdex::parse_text_article(content, "fuzz", markdown);
    for (const std::string* text : {&article.title, &article.body}) {
        for (const newsdex::Token& token : analyzer.tokenize(*text)) {
            if (token.start > token.end || token.end > text->size()) __builtin_trap();
            (void)analyzer.stem(token.term, "en");
        }
    }
    return 0;
}
