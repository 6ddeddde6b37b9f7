/// @file readers.hpp
/// Input formats of newsdex-index: bytes -> Article, with precise diagnostics.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/article.hpp"

namespace newsdex::indexer {

/// Something wrong with one input record or file, reported as "path:line: reason".
struct Diagnostic {
    enum class Severity {
        repaired,  ///< indexed after fixing the input (invalid UTF-8, bad date dropped, ...)
        skipped,   ///< the record or file was not indexed
        notice,    ///< indexed as it is; worth a note under --verbose (a headline-only article)
    };
    std::string path;
    std::size_t line = 0;  ///< 1-based; 0 when the whole file is concerned
    std::string reason;
    Severity severity = Severity::skipped;

    /// "path:line: reason" (or "path: reason").
    std::string message() const;
};

struct ReadOptions {
    std::size_t max_article_bytes = 16u << 20;  ///< longer records are skipped
};

using ArticleHandler = std::function<void(Article&&)>;
using DiagnosticHandler = std::function<void(const Diagnostic&)>;

/// Reads JSON Lines (one article object per line) from @p in; @p name is used in diagnostics.
/// Fields: id (string or integer), title, body, date (ISO 8601), source, url, lang; others ignored.
/// @return number of lines read.
std::size_t read_jsonl(std::istream& in, const std::string& name, const ReadOptions& options,
                       const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic);

/// Parses one JSONL line into @p article. @return empty on success, else the
/// reason the record must be skipped; @p repairs gets the reasons for repairs made.
std::string parse_jsonl_record(std::string& line, Article& article, std::vector<std::string>& repairs);

/// A plain-text or Markdown article: the first non-empty line is the title
/// (Markdown '#' marks removed), the rest the body. @p id_hint becomes the id.
Article parse_text_article(std::string content, const std::string& id_hint, bool markdown);

/// True if @p tag is well-formed BCP 47 (or POSIX, with '_'): a 2-8 letter
/// language subtag, then subtags of 1-8 letters or digits ("en", "zh-Hans",
/// "pt_BR", "sr-Latn-RS"); false for "xx-!!", "e", "english language".
bool is_language_tag(std::string_view tag);

/// The input formats a file name maps to.
enum class InputFormat { jsonl, text, markdown, unknown };
InputFormat format_of(const std::string& path);

/// Reads every INPUT: a JSONL, text or Markdown file, a directory (recursively,
/// in sorted order, not following directory symlinks), or "-" for JSONL on stdin.
/// @return number of files read.
std::size_t read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                        const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic,
                        const std::function<void(const std::string&)>& on_file = {});

}  // namespace newsdex::indexer
