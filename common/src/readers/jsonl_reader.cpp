/// @file jsonl_reader.cpp
/// JSON Lines: one article object per line, streamed (inputs can be far
/// larger than memory), each bad line reported with its number and skipped.
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <limits>
#include <sstream>

#include "gzip_stream.hpp"
#include "input.hpp"
#include "line_reader.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/dates.hpp"

namespace newsdex {

using detail::LineReader;

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

constexpr std::string_view empty_record_reason = "empty record (no title and no body); left out";

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
    if (article.title.empty() && article.body.empty()) return std::string(empty_record_reason);
    if (!article.lang.empty() && !is_language_tag(article.lang)) {
        repairs.push_back("field \"lang\" is not a BCP 47 language tag: \"" + article.lang.substr(0, 40) +
                          "\"; indexed in the default language (--lang)");
        article.lang.clear();
    }
    return {};
}

namespace {

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
            // Archives hold the odd empty record (Reuters-21578 has one): nothing lost, nothing to repair.
            const auto severity =
                problem == empty_record_reason ? Diagnostic::Severity::empty : Diagnostic::Severity::skipped;
            on_diagnostic({name, number, problem, severity});
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
        on_diagnostic({name, number, reader.error(), Diagnostic::Severity::skipped});
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

std::size_t detail::read_jsonl_after(std::istream& in, std::string head, const std::string& name,
                                     const ReadOptions& options, const ArticleHandler& on_article,
                                     const DiagnosticHandler& on_diagnostic) {
    LineReader reader(in, std::move(head));
    return read_jsonl_lines(reader, name, options, on_article, on_diagnostic);
}

namespace detail {

namespace {

// Starts like a JSON object (after blanks).
bool sniff_jsonl(std::string_view head) {
    std::size_t first = head.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && head[first] == '{';
}

void read_jsonl_input(Input& input, const ReadOptions& options, const ArticleHandler& on_article,
                      const DiagnosticHandler& on_diagnostic) {
    if (input.encoding == Encoding::utf8) {
        LineReader reader(input.in, std::move(input.head));
        read_jsonl_lines(reader, input.name, options, on_article, on_diagnostic);
        return;
    }
    // UTF-16 is converted whole; the article limit then applies per record.
    std::optional<std::string> content =
        read_whole(input, std::numeric_limits<std::size_t>::max() / 2, options, on_diagnostic);
    if (!content) return;
    std::string note = to_utf8(*content, input.encoding);
    if (!note.empty()) on_diagnostic({input.name, 0, note, Diagnostic::Severity::repaired});
    std::istringstream converted(std::move(*content));
    read_jsonl(converted, input.name, options, on_article, on_diagnostic);
}

}  // namespace

const FormatReader jsonl_format{InputFormat::jsonl, "JSON Lines", ".jsonl .ndjson .json", sniff_jsonl, read_jsonl_input};

}  // namespace detail

}  // namespace newsdex
