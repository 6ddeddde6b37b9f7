/// @file input.hpp
/// What every input format shares (library-internal): an open input with its
/// first bytes sniffed, the encoding, and the FormatReader interface a format
/// implements. A new format is one file defining a FormatReader, listed in
/// formats.cpp.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/readers.hpp"

namespace newsdex::detail {

enum class Encoding { utf8, utf16le, utf16be, utf16le_no_bom, utf16be_no_bom };

/// The encoding of a file from its first bytes: a UTF-16 byte order mark, or
/// UTF-16 without one, recognised by NUL bytes in every other position.
Encoding detect_encoding(std::string_view head);

/// Converts @p content (whole file) to UTF-8; @return the repair note ("" if none).
std::string to_utf8(std::string& content, Encoding encoding);

/// Binary, not an article: at least 1% NUL bytes, or at least 10% bytes that
/// no text has, in the first 8 KB of @p content.
bool looks_binary(std::string_view content);

/// "read error: <strerror>" (EIO when @p error is 0).
std::string read_error(int error);

/// An open input as a format reader sees it. Formats read from `in` after
/// `head`; they never reopen the file, so pipes and (later) decompressing
/// streams work the same.
struct Input {
    std::istream& in;        ///< the bytes after `head`
    std::string head;        ///< the first bytes (up to 8 KB), already taken from `in`
    std::string name;        ///< in diagnostics: the path as given, or "-"
    std::string id_hint;     ///< the id of a file that is one article without one ("file:" + path from the input root)
    Encoding encoding = Encoding::utf8;
    std::uintmax_t size = 0; ///< bytes of the file if known before reading (a regular file), else 0
};

/**
 * The whole input (head and rest) as one string, if it has at most @p limit
 * bytes; otherwise reports it as too big (or the read error) and returns nothing.
 */
std::optional<std::string> read_whole(Input& input, std::size_t limit, const ReadOptions& options,
                                      const DiagnosticHandler& on_diagnostic);

/// One input format. `read` hands every article it finds to the handler (a
/// file may hold one, or thousands) and reports each problem with its line;
/// it never throws for bad input.
struct FormatReader {
    InputFormat format;
    const char* name;  ///< in messages: "binary file, not <name>"
    /// The file name suffixes that say this format, lower case, space-separated (".rss .atom .xml").
    const char* extensions;
    /// Whether the first bytes say this format, whatever the file name (nullptr: never).
    bool (*sniff)(std::string_view head);
    void (*read)(Input& input, const ReadOptions& options, const ArticleHandler& on_article,
                 const DiagnosticHandler& on_diagnostic);
    /// Markup recognised by content even in a file named .txt or .md (feeds, pages).
    bool structured = false;
};

/// Every claimed file name suffix, for messages: ".jsonl, .ndjson, ..., each also .gz".
std::string claimed_extensions();

/// The readers of each format (jsonl_reader.cpp, text_reader.cpp, ...).
extern const FormatReader jsonl_format;
extern const FormatReader text_format;
extern const FormatReader markdown_format;
extern const FormatReader feed_format;
extern const FormatReader html_format;

/// read_jsonl() of @p head (bytes already taken from @p in) followed by the rest of @p in.
std::size_t read_jsonl_after(std::istream& in, std::string head, const std::string& name, const ReadOptions& options,
                             const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic);

/// The reader of @p format (text for unknown).
const FormatReader& reader_for(InputFormat format);

/// The format the first bytes say: the first reader whose sniff() matches, else text.
InputFormat sniff_format(std::string_view head);

}  // namespace newsdex::detail
