#include "readers.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include <unistd.h>

#include "newsdex/analyzer.hpp"
#include "newsdex/dates.hpp"

namespace fs = std::filesystem;

namespace newsdex::indexer {

std::string Diagnostic::message() const {
    if (line == 0) return path + ": " + reason;
    return path + ":" + std::to_string(line) + ": " + reason;
}

bool is_language_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 35) return false;
    std::size_t begin = 0;
    for (std::size_t subtag = 0; begin <= tag.size(); ++subtag) {
        std::size_t end = tag.find_first_of("-_", begin);
        if (end == std::string_view::npos) end = tag.size();
        const std::string_view part = tag.substr(begin, end - begin);
        const bool letters = std::all_of(part.begin(), part.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
        const bool alnum = std::all_of(part.begin(), part.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
        if (part.empty() || part.size() > 8 || !alnum) return false;
        if (subtag == 0 && (part.size() < 2 || !letters)) return false;
        begin = end + 1;
    }
    return true;
}

namespace {

const char* type_name(simdjson::dom::element_type type) {
    using T = simdjson::dom::element_type;
    switch (type) {
        case T::ARRAY: return "an array";
        case T::OBJECT: return "an object";
        case T::INT64:
        case T::UINT64:
        case T::DOUBLE: return "a number";
        case T::STRING: return "a string";
        case T::BOOL: return "a boolean";
        case T::NULL_VALUE: return "null";
    }
    return "something else";
}

// A string field: absent and null are empty; anything else but a string is an error.
std::string string_field(const simdjson::dom::object& object, const char* name, std::string& out) {
    simdjson::dom::element value;
    if (object.at_key(name).get(value) != simdjson::SUCCESS) return {};
    if (value.is_null()) return {};
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
        return std::string("field \"") + name + "\" must be a string, not " + type_name(value.type());
    }
    out.assign(text);
    return {};
}

bool ends_with(const std::string& s, const char* suffix) {
    std::size_t n = std::strlen(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// UTF-16 to UTF-8 from byte @p start (2 after a BOM); unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(const std::string& bytes, bool little_endian, std::size_t start) {
    std::string out;
    out.reserve(bytes.size());
    auto unit = [&](std::size_t i) -> unsigned {
        auto a = static_cast<unsigned char>(bytes[i]);
        auto b = static_cast<unsigned char>(bytes[i + 1]);
        return little_endian ? (a | (b << 8)) : ((a << 8) | b);
    };
    auto put = [&](unsigned cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    };
    for (std::size_t i = start; i + 1 < bytes.size(); i += 2) {
        unsigned u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
            unsigned low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                put(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        put(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
    }
    return out;
}

enum class Encoding { utf8, utf16le, utf16be, utf16le_no_bom, utf16be_no_bom };

// The encoding of a file from its first bytes: a UTF-16 byte order mark, or
// UTF-16 without one, recognised by NUL bytes in every other position
// (text in Latin scripts: "{\"" is 7B 00 22 00 in UTF-16LE).
Encoding detect_encoding(const std::string& head) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
    if (head.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) return Encoding::utf16le;
    if (head.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) return Encoding::utf16be;
    std::size_t pairs = std::min<std::size_t>(head.size(), 4096) / 2;
    if (pairs < 4) return Encoding::utf8;
    std::size_t even_nul = 0, odd_nul = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
        even_nul += head[2 * i] == '\0';
        odd_nul += head[2 * i + 1] == '\0';
    }
    if (odd_nul * 10 >= pairs * 4 && even_nul * 20 < pairs) return Encoding::utf16le_no_bom;
    if (even_nul * 10 >= pairs * 4 && odd_nul * 20 < pairs) return Encoding::utf16be_no_bom;
    return Encoding::utf8;
}

// Converts @p content (whole file) to UTF-8; @return the repair note ("" if none).
std::string to_utf8(std::string& content, Encoding encoding) {
    switch (encoding) {
        case Encoding::utf8:
            if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) content.erase(0, 3);
            return {};
        case Encoding::utf16le: content = utf16_to_utf8(content, true, 2); return "converted from UTF-16LE";
        case Encoding::utf16be: content = utf16_to_utf8(content, false, 2); return "converted from UTF-16BE";
        case Encoding::utf16le_no_bom:
            content = utf16_to_utf8(content, true, 0);
            return "converted from UTF-16LE (no byte order mark; recognised by its NUL bytes)";
        case Encoding::utf16be_no_bom:
            content = utf16_to_utf8(content, false, 0);
            return "converted from UTF-16BE (no byte order mark; recognised by its NUL bytes)";
    }
    return {};
}

std::string read_error(int error) {
    return std::string("read error: ") + std::strerror(error != 0 ? error : EIO);
}

// Binary, not an article: at least 1% NUL bytes, or at least 10% bytes that
// no text has (control characters other than tab, newline, CR, form feed and
// escape; bytes that are not UTF-8). A stray NUL in a text file, as a crash can
// leave, is repaired line by line instead.
bool looks_binary(const std::string& content) {
    const std::size_t n = std::min<std::size_t>(content.size(), 8192);
    std::size_t nul = 0;
    std::size_t odd = 0;
    for (std::size_t i = 0; i < n;) {
        auto c = static_cast<unsigned char>(content[i]);
        if (c < 0x80) {
            nul += c == 0;
            odd += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b;
            ++i;
            continue;
        }
        std::size_t length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (length != 0 && i + length > n) break;  // cut by the end of the sample
        bool valid = length != 0;
        for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(content[i + k]) & 0xC0) == 0x80;
        if (!valid) {
            ++odd;
            ++i;
            continue;
        }
        i += length;
    }
    return (nul > 0 && nul * 100 >= n) || (odd > 0 && odd * 10 >= n);
}

// README, LICENSE and the like describe a folder of articles; they are not
// articles (files named on the command line are still read).
bool is_documentation_file(const std::string& name) {
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const char* doc : {"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE", "AUTHORS"}) {
        if (upper.compare(0, std::strlen(doc), doc) == 0) return true;
    }
    return false;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The code unit of a "\uXXXX" escape at @p i (the backslash), or -1.
long escape_at(const std::string& line, std::size_t i) {
    if (i + 6 > line.size() || line[i] != '\\' || line[i + 1] != 'u') return -1;
    long value = 0;
    for (std::size_t k = i + 2; k < i + 6; ++k) {
        int digit = hex_value(line[k]);
        if (digit < 0) return -1;
        value = value * 16 + digit;
    }
    return value;
}

// Replaces "\uD800".."\uDFFF" escapes that are not a surrogate pair (which
// JSON parsers reject, but JavaScript and Python emit) by "\uFFFD".
// @return whether anything was replaced.
bool repair_lone_surrogates(std::string& line) {
    bool changed = false;
    for (std::size_t i = 0; i + 6 <= line.size(); ++i) {
        if (line[i] != '\\') continue;
        long unit = escape_at(line, i);
        if (unit < 0) {
            ++i;  // skip the escaped character ("\\" must not start an escape)
            continue;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            long low = escape_at(line, i + 6);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                i += 11;
                continue;
            }
        }
        if (unit >= 0xD800 && unit <= 0xDFFF) {
            line.replace(i, 6, "\\uFFFD");
            changed = true;
        }
        i += 5;
    }
    return changed;
}

}  // namespace

std::string parse_jsonl_record(std::string& line, Article& article, std::vector<std::string>& repairs) {
    if (repair_utf8(line)) repairs.emplace_back("invalid UTF-8 or control characters replaced");
    // One parser per thread: reusing its buffers avoids an allocation per line.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    auto error = parser.parse(line).get(root);
    if (error == simdjson::STRING_ERROR && repair_lone_surrogates(line)) {
        repairs.emplace_back("unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF) replaced");
        error = parser.parse(line).get(root);
    }
    if (error) return std::string("malformed JSON: ") + simdjson::error_message(error);
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) {
        return std::string("expected a JSON object, found ") + type_name(root.type());
    }
    simdjson::dom::element id;
    if (object.at_key("id").get(id) == simdjson::SUCCESS && !id.is_null()) {
        std::string_view text;
        int64_t number = 0;
        uint64_t unsigned_number = 0;
        if (id.get_string().get(text) == simdjson::SUCCESS) {
            article.id.assign(text);
        } else if (id.get_int64().get(number) == simdjson::SUCCESS) {
            article.id = std::to_string(number);
        } else if (id.get_uint64().get(unsigned_number) == simdjson::SUCCESS) {
            article.id = std::to_string(unsigned_number);
        } else {
            return std::string("field \"id\" must be a string or an integer, not ") + type_name(id.type());
        }
    }
    for (auto [name, target] : {std::pair<const char*, std::string*>{"title", &article.title},
                                {"body", &article.body},
                                {"source", &article.source},
                                {"url", &article.url},
                                {"lang", &article.lang}}) {
        std::string problem = string_field(object, name, *target);
        if (!problem.empty()) return problem;
    }
    std::string date;
    std::string problem = string_field(object, "date", date);
    if (!problem.empty()) {
        repairs.push_back(problem + "; indexed without a date");
    } else if (!date.empty()) {
        article.published = parse_published_date(date);
        if (article.published) {
            article.date = date;
        } else {
            repairs.push_back("field \"date\" is not an ISO 8601 date: \"" + date.substr(0, 40) + "\"; indexed without a date");
        }
    }
    // Escapes can smuggle in what the raw-byte repair above removed ("\u0000").
    if (line.find("\\u00") != std::string::npos || line.find("\\u007") != std::string::npos) {
        bool escaped_controls = false;
        for (std::string* field : {&article.id, &article.title, &article.body, &article.source, &article.url, &article.lang}) {
            escaped_controls = repair_utf8(*field) || escaped_controls;
        }
        if (escaped_controls) repairs.emplace_back("escaped control characters (\\u0000-\\u001F) removed");
    }
    if (article.title.empty() && article.body.empty()) return "article has no title and no body";
    if (!article.lang.empty() && !is_language_tag(article.lang)) {
        repairs.push_back("field \"lang\" is not a BCP 47 language tag: \"" + article.lang.substr(0, 40) +
                          "\"; indexed in the default language (--lang)");
        article.lang.clear();
    }
    return {};
}

namespace {

/// Splits a stream into lines without ever holding more than @p limit bytes of
/// one line: a 2 GB log line costs a 64 KB buffer, not 2 GB of memory.
class LineReader {
  public:
    LineReader(std::istream& in, std::string head) : in_(in), buffer_(std::move(head)) {}

    /// The next line (without '\n') in @p line, or empty with @p length > @p limit
    /// when it is too long. @return false at the end of the input.
    bool next(std::string& line, std::size_t limit, std::size_t& length) {
        line.clear();
        length = 0;
        bool any = false;
        for (;;) {
            if (pos_ < buffer_.size()) {
                any = true;
                std::size_t newline = buffer_.find('\n', pos_);
                std::size_t end = newline == std::string::npos ? buffer_.size() : newline;
                append(line, end - pos_, limit, length);
                pos_ = end;
                if (newline != std::string::npos) {
                    ++pos_;
                    return true;
                }
            }
            if (!refill()) return any;
        }
    }

    bool bad() const { return in_.bad(); }

  private:
    void append(std::string& line, std::size_t n, std::size_t limit, std::size_t& length) {
        length += n;
        if (length <= limit) {
            line.append(buffer_, pos_, n);
        } else {
            line.clear();
            line.shrink_to_fit();
        }
    }

    bool refill() {
        buffer_.resize(64 * 1024);
        pos_ = 0;
        in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        buffer_.resize(static_cast<std::size_t>(in_.gcount()));
        return !buffer_.empty();
    }

    std::istream& in_;
    std::string buffer_;
    std::size_t pos_ = 0;
};

std::size_t read_jsonl_lines(LineReader& reader, const std::string& name, const ReadOptions& options,
                             const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    std::string line;
    std::size_t number = 0;
    std::size_t records = 0;
    std::size_t length = 0;
    std::vector<std::string> repairs;
    while (reader.next(line, options.max_article_bytes, length)) {
        ++number;
        if (length > options.max_article_bytes) {
            ++records;
            on_diagnostic({name, number,
                           "record of " + std::to_string(length) + " bytes exceeds the limit of " +
                               std::to_string(options.max_article_bytes) + " (--max-article-bytes)",
                           Diagnostic::Severity::skipped});
            continue;
        }
        if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        ++records;
        Article article;
        repairs.clear();
        std::string problem = parse_jsonl_record(line, article, repairs);
        if (!problem.empty()) {
            on_diagnostic({name, number, problem, Diagnostic::Severity::skipped});
            continue;
        }
        for (const std::string& repair : repairs) on_diagnostic({name, number, repair, Diagnostic::Severity::repaired});
        // Wire briefs are headlines only: news, not damage.
        if (article.body.empty()) {
            on_diagnostic({name, number, "empty body; indexed by its title", Diagnostic::Severity::notice});
        }
        on_article(std::move(article));
    }
    if (reader.bad()) {
        on_diagnostic({name, number, read_error(errno), Diagnostic::Severity::skipped});
    } else if (records == 0) {
        on_diagnostic({name, 0, number == 0 ? "empty file" : "no records (only blank lines)",
                       Diagnostic::Severity::skipped});
    }
    return number;
}

}  // namespace

std::size_t read_jsonl(std::istream& in, const std::string& name, const ReadOptions& options,
                       const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    LineReader reader(in, {});
    return read_jsonl_lines(reader, name, options, on_article, on_diagnostic);
}

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

InputFormat format_of(const std::string& path) {
    std::string name = lower(path);
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson") || ends_with(name, ".json")) return InputFormat::jsonl;
    if (ends_with(name, ".md") || ends_with(name, ".markdown")) return InputFormat::markdown;
    if (ends_with(name, ".txt") || ends_with(name, ".text")) return InputFormat::text;
    return InputFormat::unknown;
}

namespace {

// Reads one file (or FIFO, or /dev/fd/N) through a single open, so that
// pipes work and nothing is read twice; format unknown: JSONL if it starts
// with '{', else text.
/// @param id_path the file's path relative to its input root, which makes
/// the id of a text article: the same corpus copied elsewhere keeps its ids.
void read_file(const std::string& path, const std::string& id_path, InputFormat format, const ReadOptions& options,
               const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        on_diagnostic({path, 0, std::string("cannot read: ") + std::strerror(errno), Diagnostic::Severity::skipped});
        return;
    }
    std::string head(8192, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        on_diagnostic({path, 0, read_error(errno), Diagnostic::Severity::skipped});
        return;
    }
    Encoding encoding = detect_encoding(head);
    if (encoding == Encoding::utf8 && looks_binary(head)) {
        on_diagnostic({path, 0, std::string("binary file, not ") +
                                    (format == InputFormat::jsonl ? "JSON Lines" : "text"),
                       Diagnostic::Severity::skipped});
        return;
    }
    if (format == InputFormat::unknown) {
        std::size_t first = head.find_first_not_of(" \t\r\n");
        format = first != std::string::npos && head[first] == '{' ? InputFormat::jsonl : InputFormat::text;
    }
    if (format == InputFormat::jsonl && encoding == Encoding::utf8) {
        // Streamed: JSONL inputs can be far larger than memory.
        LineReader reader(in, std::move(head));
        read_jsonl_lines(reader, path, options, on_article, on_diagnostic);
        return;
    }
    // Text, Markdown and UTF-16 files are read whole, up to the article limit
    // (for UTF-16 JSONL, the limit applies per record after conversion).
    std::error_code ec;
    std::uintmax_t size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
    const std::size_t limit = format == InputFormat::jsonl ? std::numeric_limits<std::size_t>::max() / 2
                                                           : options.max_article_bytes;
    auto too_big = [&](std::uintmax_t bytes, bool exact) {
        on_diagnostic({path, 0,
                       std::string("file of ") + (exact ? "" : "more than ") + std::to_string(bytes) +
                           " bytes exceeds the article limit of " + std::to_string(options.max_article_bytes) +
                           " (--max-article-bytes)",
                       Diagnostic::Severity::skipped});
    };
    if (!ec && size > limit) {
        too_big(size, true);
        return;
    }
    std::string content = std::move(head);
    char chunk[65536];
    while (content.size() <= limit) {
        in.read(chunk, sizeof chunk);
        if (in.gcount() <= 0) break;
        content.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        on_diagnostic({path, 0, read_error(errno), Diagnostic::Severity::skipped});
        return;
    }
    if (content.size() > limit) {
        too_big(limit, false);
        return;
    }
    std::string note = to_utf8(content, encoding);
    if (!note.empty()) on_diagnostic({path, 0, note, Diagnostic::Severity::repaired});
    if (format == InputFormat::jsonl) {
        std::istringstream converted(std::move(content));
        read_jsonl(converted, path, options, on_article, on_diagnostic);
        return;
    }
    if (content.size() > options.max_article_bytes) {
        too_big(content.size(), true);
        return;
    }
    Article article = parse_text_article(std::move(content), "file:" + id_path, format == InputFormat::markdown);
    if (article.title.empty() && article.body.empty()) {
        on_diagnostic({path, 0, "empty file", Diagnostic::Severity::skipped});
        return;
    }
    if (article.body.empty()) on_diagnostic({path, 0, "empty body; indexed by its title", Diagnostic::Severity::notice});
    on_article(std::move(article));
}

}  // namespace

std::size_t read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                        const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic,
                        const std::function<void(const std::string&)>& on_file) {
    std::size_t files = 0;
    for (const std::string& input : inputs) {
        if (input == "-") {
            if (on_file) on_file("-");
            read_jsonl(std::cin, "-", options, on_article, on_diagnostic);
            ++files;
            continue;
        }
        std::error_code ec;
        fs::file_status status = fs::status(input, ec);
        if (ec || !fs::exists(status)) {
            on_diagnostic({input, 0, ec && ec != std::errc::no_such_file_or_directory
                                         ? "cannot access: " + ec.message()
                                         : "no such file or directory",
                           Diagnostic::Severity::skipped});
            continue;
        }
        if (fs::is_directory(status)) {
            std::vector<std::string> paths;
            fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
            if (ec) {
                on_diagnostic({input, 0, "cannot read directory: " + ec.message(), Diagnostic::Severity::skipped});
                continue;
            }
            for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) {
                    on_diagnostic({it->path().string(), 0, "cannot read directory: " + ec.message(),
                                   Diagnostic::Severity::skipped});
                    break;
                }
                std::error_code entry_ec;
                std::string name = it->path().filename().string();
                std::string path = it->path().string();
                if (!name.empty() && name[0] == '.') {  // hidden files and .git-like folders
                    if (it->is_directory(entry_ec)) it.disable_recursion_pending();
                    continue;
                }
                fs::file_status target = fs::status(it->path(), entry_ec);
                if (it->is_symlink(entry_ec) && fs::is_directory(target)) {
                    continue;  // symlinked directories are not followed: they can loop
                }
                if (fs::is_directory(target)) {
                    // Root reads everything; others learn here what they could not read.
                    if (::access(path.c_str(), R_OK | X_OK) != 0) {
                        on_diagnostic({path, 0, std::string("cannot read directory: ") + std::strerror(errno),
                                       Diagnostic::Severity::skipped});
                        it.disable_recursion_pending();
                    }
                    continue;
                }
                if (format_of(path) == InputFormat::unknown || is_documentation_file(name)) continue;
                if (entry_ec) {  // a dangling symlink or a symlink loop
                    on_diagnostic({path, 0, "cannot read: " + entry_ec.message(), Diagnostic::Severity::skipped});
                    continue;
                }
                if (!fs::is_regular_file(target)) {
                    on_diagnostic({path, 0, "not a regular file (FIFO, socket or device); not read",
                                   Diagnostic::Severity::skipped});
                    continue;
                }
                paths.push_back(path);
            }
            std::sort(paths.begin(), paths.end());
            for (const std::string& path : paths) {
                if (on_file) on_file(path);
                std::string id_path = fs::path(path).lexically_relative(input).generic_string();
                if (id_path.empty() || id_path.rfind("..", 0) == 0) id_path = fs::path(path).filename().generic_string();
                read_file(path, id_path, format_of(path), options, on_article, on_diagnostic);
                ++files;
            }
            continue;
        }
        // A file named explicitly is read even without a known extension
        // (read_file decides: JSONL if it starts like JSON, otherwise text).
        if (on_file) on_file(input);
        // A file named explicitly is its own root: its id is its name.
        read_file(input, fs::path(input).filename().generic_string(), format_of(input), options, on_article,
                  on_diagnostic);
        ++files;
    }
    return files;
}

}  // namespace newsdex::indexer
