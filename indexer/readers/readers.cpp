#include "readers.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "newsdex/analyzer.hpp"
#include "newsdex/dates.hpp"

namespace fs = std::filesystem;

namespace newsdex::indexer {

std::string Diagnostic::message() const {
    if (line == 0) return path + ": " + reason;
    return path + ":" + std::to_string(line) + ": " + reason;
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

// UTF-16 (by BOM) to UTF-8; unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(const std::string& bytes, bool little_endian) {
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
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
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

// Reads a whole file, converting UTF-16 (with BOM) and dropping a UTF-8 BOM.
bool slurp(const std::string& path, std::string& content, std::string& error, std::string& note) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::string("cannot read: ") + std::strerror(errno);
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        error = std::string("read error: ") + std::strerror(errno);
        return false;
    }
    content = buffer.str();
    if (content.size() >= 2 && static_cast<unsigned char>(content[0]) == 0xFF &&
        static_cast<unsigned char>(content[1]) == 0xFE) {
        content = utf16_to_utf8(content, true);
        note = "converted from UTF-16LE";
    } else if (content.size() >= 2 && static_cast<unsigned char>(content[0]) == 0xFE &&
               static_cast<unsigned char>(content[1]) == 0xFF) {
        content = utf16_to_utf8(content, false);
        note = "converted from UTF-16BE";
    } else if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        content.erase(0, 3);
    }
    return true;
}

// Text whose NUL bytes make up a noticeable share is binary, not an article.
bool looks_binary(const std::string& content) {
    std::size_t sample = std::min<std::size_t>(content.size(), 8192);
    std::size_t nul = static_cast<std::size_t>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(sample), '\0'));
    return nul > 0 && nul * 100 >= sample;  // >= 1% NUL bytes
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

}  // namespace

std::string parse_jsonl_record(std::string& line, Article& article, std::vector<std::string>& repairs) {
    if (repair_utf8(line)) repairs.emplace_back("invalid UTF-8 or control characters replaced");
    // One parser per thread: reusing its buffers avoids an allocation per line.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    auto error = parser.parse(line).get(root);
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
    if (article.title.empty() && article.body.empty()) return "article has no title and no body";
    if (article.body.empty()) repairs.emplace_back("empty body; indexed by its title");
    return {};
}

std::size_t read_jsonl(std::istream& in, const std::string& name, const ReadOptions& options,
                       const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    std::string line;
    std::size_t number = 0;
    std::vector<std::string> repairs;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        if (line.size() > options.max_article_bytes) {
            on_diagnostic({name, number,
                           "record of " + std::to_string(line.size()) + " bytes exceeds the limit of " +
                               std::to_string(options.max_article_bytes) + " (--max-article-bytes)",
                           Diagnostic::Severity::skipped});
            continue;
        }
        Article article;
        repairs.clear();
        std::string problem = parse_jsonl_record(line, article, repairs);
        if (!problem.empty()) {
            on_diagnostic({name, number, problem, Diagnostic::Severity::skipped});
            continue;
        }
        for (const std::string& repair : repairs) on_diagnostic({name, number, repair, Diagnostic::Severity::repaired});
        on_article(std::move(article));
    }
    if (in.bad()) on_diagnostic({name, number, std::string("read error: ") + std::strerror(errno), Diagnostic::Severity::skipped});
    return number;
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

void read_file(const std::string& path, InputFormat format, const ReadOptions& options,
               const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    if (format == InputFormat::jsonl) {
        // Stream JSONL (inputs can be far larger than memory); only UTF-16
        // files, recognised by their BOM, are read whole to be converted.
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            on_diagnostic({path, 0, std::string("cannot read: ") + std::strerror(errno), Diagnostic::Severity::skipped});
            return;
        }
        char head[8192];
        in.read(head, sizeof head);
        std::string start(head, static_cast<std::size_t>(in.gcount()));
        bool utf16 = start.size() >= 2 && ((static_cast<unsigned char>(start[0]) == 0xFF && static_cast<unsigned char>(start[1]) == 0xFE) ||
                                           (static_cast<unsigned char>(start[0]) == 0xFE && static_cast<unsigned char>(start[1]) == 0xFF));
        if (!utf16) {
            if (looks_binary(start)) {
                on_diagnostic({path, 0, "binary file (NUL bytes), not JSON Lines", Diagnostic::Severity::skipped});
                return;
            }
            in.clear();
            in.seekg(0);
            read_jsonl(in, path, options, on_article, on_diagnostic);
            return;
        }
    }
    std::string content;
    std::string error;
    std::string note;
    if (!slurp(path, content, error, note)) {
        on_diagnostic({path, 0, error, Diagnostic::Severity::skipped});
        return;
    }
    if (!note.empty()) on_diagnostic({path, 0, note, Diagnostic::Severity::repaired});
    if (looks_binary(content)) {
        on_diagnostic({path, 0, "binary file (NUL bytes), not text", Diagnostic::Severity::skipped});
        return;
    }
    if (format == InputFormat::jsonl) {
        std::istringstream in(std::move(content));
        read_jsonl(in, path, options, on_article, on_diagnostic);
        return;
    }
    if (content.size() > options.max_article_bytes) {
        on_diagnostic({path, 0,
                       "file of " + std::to_string(content.size()) + " bytes exceeds the article limit of " +
                           std::to_string(options.max_article_bytes) + " (--max-article-bytes)",
                       Diagnostic::Severity::skipped});
        return;
    }
    std::error_code ec;
    fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
    Article article = parse_text_article(std::move(content), "file:" + absolute.string(), format == InputFormat::markdown);
    if (article.title.empty() && article.body.empty()) {
        on_diagnostic({path, 0, "empty file", Diagnostic::Severity::skipped});
        return;
    }
    if (article.body.empty()) on_diagnostic({path, 0, "empty body; indexed by its title", Diagnostic::Severity::repaired});
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
                if (it->is_symlink(entry_ec) && it->is_directory(entry_ec)) {
                    it.disable_recursion_pending();  // symlinked directories can loop
                    continue;
                }
                std::string name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {  // hidden files and .git-like folders
                    if (it->is_directory(entry_ec)) it.disable_recursion_pending();
                    continue;
                }
                if (!it->is_regular_file(entry_ec)) continue;
                if (is_documentation_file(name)) continue;
                std::string path = it->path().string();
                if (format_of(path) != InputFormat::unknown) paths.push_back(path);
            }
            std::sort(paths.begin(), paths.end());
            for (const std::string& path : paths) {
                if (on_file) on_file(path);
                read_file(path, format_of(path), options, on_article, on_diagnostic);
                ++files;
            }
            continue;
        }
        InputFormat format = format_of(input);
        // A file named explicitly is read even without a known extension: as
        // JSONL if it starts like JSON, otherwise as text.
        if (format == InputFormat::unknown) {
            std::ifstream probe(input, std::ios::binary);
            char c = 0;
            while (probe.get(c) && std::isspace(static_cast<unsigned char>(c))) {}
            format = c == '{' ? InputFormat::jsonl : InputFormat::text;
        }
        if (on_file) on_file(input);
        read_file(input, format, options, on_article, on_diagnostic);
        ++files;
    }
    return files;
}

}  // namespace newsdex::indexer
