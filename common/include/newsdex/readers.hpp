/// @file readers.hpp
/// Input formats: bytes -> Article, with precise "file:line: reason" diagnostics.
/// The indexer, and any program that reads articles (a server, a binding),
/// goes through these functions; a new format is one file in src/readers/.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/article.hpp"

namespace newsdex {

/// Something wrong with one input record or file, reported as "path:line: reason".
struct Diagnostic {
    enum class Severity {
        repaired,  ///< indexed after fixing the input (invalid UTF-8, bad date dropped, ...)
        skipped,   ///< the record or file was not indexed
        notice,    ///< indexed as it is; worth a note under --verbose (a headline-only article)
        empty,     ///< a record with nothing to index (no title, no body): left out, but not a failure
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

/// Receives each article read, in input order (a file may hold many).
using ArticleHandler = std::function<void(Article&&)>;
/// Receives each repair and skip, as it happens.
using DiagnosticHandler = std::function<void(const Diagnostic&)>;

/// The input formats newsdex reads.
enum class InputFormat { jsonl, text, markdown, feed, html, unknown };

/// The format a file name says (by extension; unknown if it says none).
InputFormat format_of(const std::string& path);

/// Why a directory walk leaves out the file at @p path by its name ("not
/// read: a hidden file", "not read: describes the folder ...", "not read: its
/// name is not one of an input format (...)"); "" if it reads it.
std::string why_name_not_read(const std::string& path);

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

/**
 * Reads one file (or FIFO, or /dev/fd/N) through a single open, so that pipes
 * work and nothing is read twice. @p format is what the caller knows (from
 * the file name, say); if unknown, the content decides (JSONL if it starts
 * like a JSON object, else text). Problems go to @p on_diagnostic, never thrown.
 */
void read_file(const std::string& path, InputFormat format, const ReadOptions& options,
               const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic);

/// As read_file(), with @p id_path, the file's path relative to its input
/// root, naming a text article ("file:" + id_path): the same corpus copied
/// elsewhere keeps its ids. read_file() uses the file name.
void read_file(const std::string& path, const std::string& id_path, InputFormat format, const ReadOptions& options,
               const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic);

/// Reads every INPUT: a JSONL, text or Markdown file, a directory (recursively,
/// in sorted order, not following directory symlinks), or "-" for JSONL on stdin.
/// @p on_file is told each file before it is read.
/// @return number of files read.
std::size_t read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                        const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic,
                        const std::function<void(const std::string&)>& on_file = {});

}  // namespace newsdex
