/// @file formats.cpp
/// The list of input formats, choosing one by file name or by content, and
/// opening a file for the chosen reader.
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gzip_stream.hpp"
#include "input.hpp"

namespace fs = std::filesystem;

namespace newsdex {

namespace detail {

namespace {

/// Every format, in the order content sniffing tries them; text comes last
/// and takes whatever no other format claims.
const FormatReader* const all_formats[] = {&jsonl_format, &feed_format, &html_format, &markdown_format,
                                           &text_format};

}  // namespace

const FormatReader& reader_for(InputFormat format) {
    for (const FormatReader* reader : all_formats) {
        if (reader->format == format) return *reader;
    }
    return text_format;
}

std::string claimed_extensions() {
    std::string list;
    for (const FormatReader* reader : all_formats) {
        std::istringstream suffixes(reader->extensions);
        for (std::string suffix; suffixes >> suffix;) list += (list.empty() ? "" : ", ") + suffix;
    }
    return list + ", each also .gz";
}

InputFormat sniff_format(std::string_view head) {
    for (const FormatReader* reader : all_formats) {
        if (reader->sniff && reader->sniff(head)) return reader->format;
    }
    return InputFormat::text;
}

std::optional<std::string> read_whole(Input& input, std::size_t limit, const ReadOptions& options,
                                      const DiagnosticHandler& on_diagnostic) {
    auto too_big = [&](std::uintmax_t bytes, bool exact) {
        on_diagnostic({input.name, 0,
                       std::string("file of ") + (exact ? "" : "more than ") + std::to_string(bytes) +
                           " bytes exceeds the article limit of " + std::to_string(options.max_article_bytes) +
                           " (--max-article-bytes)",
                       Diagnostic::Severity::skipped});
    };
    if (input.size > limit) {
        too_big(input.size, true);
        return std::nullopt;
    }
    std::string content = std::move(input.head);
    char chunk[65536];
    while (content.size() <= limit) {
        input.in.read(chunk, sizeof chunk);
        if (input.in.gcount() <= 0) break;
        content.append(chunk, static_cast<std::size_t>(input.in.gcount()));
    }
    if (stream_failed(input.in)) {
        on_diagnostic({input.name, 0, stream_error(input.in), Diagnostic::Severity::skipped});
        return std::nullopt;
    }
    if (content.size() > limit) {
        too_big(limit, false);
        return std::nullopt;
    }
    return content;
}

}  // namespace detail

InputFormat format_of(const std::string& path) {
    std::string name = path;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // "wire.jsonl.gz" is JSON Lines, compressed (read_file() recognises gzip by its content).
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) name.resize(name.size() - 3);
    for (const detail::FormatReader* reader : detail::all_formats) {
        std::istringstream suffixes(reader->extensions);
        for (std::string suffix; suffixes >> suffix;) {
            if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
                return reader->format;
            }
        }
    }
    return InputFormat::unknown;
}

void read_file(const std::string& path, InputFormat format, const ReadOptions& options,
               const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    read_file(path, fs::path(path).filename().generic_string(), format, options, on_article, on_diagnostic);
}

namespace {

/// Takes the first 8 KB (or less) of @p in. @return false after a read error.
bool read_head(std::istream& in, std::string& head) {
    head.assign(8192, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return !detail::stream_failed(in);
}

/// Checks, picks the format of and reads an opened input.
void read_opened(detail::Input& input, InputFormat format, const ReadOptions& options,
                 const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    input.encoding = detail::detect_encoding(input.head);
    if (input.encoding == detail::Encoding::utf8 && detail::looks_binary(input.head)) {
        const char* expected = detail::reader_for(format == InputFormat::unknown ? InputFormat::text : format).name;
        on_diagnostic({input.name, 0, std::string("binary file, not ") + expected, Diagnostic::Severity::skipped});
        return;
    }
    // Feeds (and pages) are recognised by content whatever the name: a feed
    // saved as "latest.txt" is a feed. A name saying JSON Lines is trusted
    // (its errors are then reported line by line).
    if (format == InputFormat::unknown || format == InputFormat::text || format == InputFormat::markdown) {
        const InputFormat sniffed = detail::sniff_format(input.head);
        if (format == InputFormat::unknown || detail::reader_for(sniffed).structured) format = sniffed;
    }
    detail::reader_for(format).read(input, options, on_article, on_diagnostic);
}

}  // namespace

void read_file(const std::string& path, const std::string& id_path, InputFormat format, const ReadOptions& options,
               const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        on_diagnostic({path, 0, std::string("cannot read: ") + std::strerror(errno), Diagnostic::Severity::skipped});
        return;
    }
    std::string head;
    if (!read_head(in, head)) {
        on_diagnostic({path, 0, detail::read_error(errno), Diagnostic::Severity::skipped});
        return;
    }
    if (detail::looks_gzip(head)) {
        // Compressed, whatever the name says: read through zlib, streamed; the
        // format is what the name without ".gz" says, or else the content.
        std::string raw_head = head;
        detail::GzipBuffer gzip(std::move(head), in);
        std::istream unzipped(&gzip);
        detail::Input input{unzipped, {}, path, "file:" + id_path};
        if (!read_head(unzipped, input.head) && input.head.empty()) {
            // Nothing decompresses: as good as random bytes behind a gzip header.
            input.head = std::move(raw_head);
            read_opened(input, format, options, on_article, on_diagnostic);
            return;
        }
        read_opened(input, format, options, on_article, on_diagnostic);
        return;
    }
    detail::Input input{in, std::move(head), path, "file:" + id_path};
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        input.size = fs::file_size(path, ec);
        if (ec) input.size = 0;
    }
    read_opened(input, format, options, on_article, on_diagnostic);
}

}  // namespace newsdex
