/// @file formats.cpp
/// The list of input formats, choosing one by file name or by content, and
/// opening a file for the chosen reader.
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "input.hpp"

namespace fs = std::filesystem;

namespace newsdex {

namespace detail {

namespace {

/// Every format, in the order content sniffing tries them; text comes last
/// and takes whatever no other format claims.
const FormatReader* const all_formats[] = {&jsonl_format, &markdown_format, &text_format};

}  // namespace

const FormatReader& reader_for(InputFormat format) {
    for (const FormatReader* reader : all_formats) {
        if (reader->format == format) return *reader;
    }
    return text_format;
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
    if (input.in.bad()) {
        on_diagnostic({input.name, 0, read_error(errno), Diagnostic::Severity::skipped});
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
    for (const detail::FormatReader* reader : detail::all_formats) {
        if (reader->claims_name(name)) return reader->format;
    }
    return InputFormat::unknown;
}

void read_file(const std::string& path, InputFormat format, const ReadOptions& options,
               const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    read_file(path, fs::path(path).filename().generic_string(), format, options, on_article, on_diagnostic);
}

void read_file(const std::string& path, const std::string& id_path, InputFormat format, const ReadOptions& options,
               const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        on_diagnostic({path, 0, std::string("cannot read: ") + std::strerror(errno), Diagnostic::Severity::skipped});
        return;
    }
    detail::Input input{in, std::string(8192, '\0'), path, {}};
    in.read(input.head.data(), static_cast<std::streamsize>(input.head.size()));
    input.head.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        on_diagnostic({path, 0, detail::read_error(errno), Diagnostic::Severity::skipped});
        return;
    }
    input.encoding = detail::detect_encoding(input.head);
    if (input.encoding == detail::Encoding::utf8 && detail::looks_binary(input.head)) {
        const char* expected = detail::reader_for(format == InputFormat::unknown ? InputFormat::text : format).name;
        on_diagnostic({path, 0, std::string("binary file, not ") + expected, Diagnostic::Severity::skipped});
        return;
    }
    if (format == InputFormat::unknown) format = detail::sniff_format(input.head);
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        input.size = fs::file_size(path, ec);
        if (ec) input.size = 0;
    }
    input.id_hint = "file:" + id_path;
    detail::reader_for(format).read(input, options, on_article, on_diagnostic);
}

}  // namespace newsdex
