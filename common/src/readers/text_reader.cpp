/// @file text_reader.cpp
/// Plain text and Markdown: one article per file, the first non-empty line
/// its title.
#include <cctype>
#include <filesystem>

#include "input.hpp"
#include "newsdex/analyzer.hpp"

namespace newsdex {

Article parse_text_article(std::string content, const std::string& id_hint, bool markdown) {
    repair_utf8(content);
    Article article;
    article.id = id_hint;
    std::size_t pos = 0;
    while (pos < content.size()) {
        std::size_t end = content.find('\n', pos);
        if (end == std::string::npos) end = content.size();
        std::string line = content.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos) continue;
        line = line.substr(first);
        if (markdown) {
            std::size_t hashes = line.find_first_not_of('#');
            if (hashes != std::string::npos && hashes > 0 && line[hashes] == ' ') line = line.substr(hashes + 1);
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
        article.title = line;
        break;
    }
    if (pos < content.size()) {
        std::size_t start = content.find_first_not_of(" \t\r\n", pos);
        article.body = start == std::string::npos ? "" : content.substr(start);
        while (!article.body.empty() && std::isspace(static_cast<unsigned char>(article.body.back()))) article.body.pop_back();
    }
    return article;
}

namespace detail {

namespace {


// Read whole, up to the article limit.
void read_text_article(Input& input, bool markdown, const ReadOptions& options, const ArticleHandler& on_article,
                       const DiagnosticHandler& on_diagnostic) {
    std::optional<std::string> content = read_whole(input, options.max_article_bytes, options, on_diagnostic);
    if (!content) return;
    std::string note = to_utf8(*content, input.encoding);
    if (!note.empty()) on_diagnostic({input.name, 0, note, Diagnostic::Severity::repaired});
    if (content->size() > options.max_article_bytes) {
        on_diagnostic({input.name, 0,
                       "file of " + std::to_string(content->size()) + " bytes exceeds the article limit of " +
                           std::to_string(options.max_article_bytes) + " (--max-article-bytes)",
                       Diagnostic::Severity::skipped});
        return;
    }
    Article article = parse_text_article(std::move(*content), input.id_hint, markdown);
    if (article.title.empty() && article.body.empty()) {
        on_diagnostic({input.name, 0, "empty file", Diagnostic::Severity::skipped});
        return;
    }
    if (article.body.empty()) {
        on_diagnostic({input.name, 0, "empty body; indexed by its title", Diagnostic::Severity::notice});
    }
    on_article(std::move(article));
}

void read_text(Input& input, const ReadOptions& options, const ArticleHandler& on_article,
               const DiagnosticHandler& on_diagnostic) {
    read_text_article(input, false, options, on_article, on_diagnostic);
}

void read_markdown(Input& input, const ReadOptions& options, const ArticleHandler& on_article,
                   const DiagnosticHandler& on_diagnostic) {
    read_text_article(input, true, options, on_article, on_diagnostic);
}

}  // namespace

// Text is the fallback for content no other format claims, so it sniffs nothing itself.
const FormatReader text_format{InputFormat::text, "text", ".txt .text", nullptr, read_text};
// Binary files are "not text" whichever of the two their name says.
const FormatReader markdown_format{InputFormat::markdown, "text", ".md .markdown", nullptr, read_markdown};

}  // namespace detail

}  // namespace newsdex
