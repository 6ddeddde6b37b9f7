/// @file input_walk.cpp
/// Reading what a user names: files, directories (walked in sorted order) and "-".
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "gzip_stream.hpp"
#include "input.hpp"

namespace fs = std::filesystem;

namespace newsdex {

std::string Diagnostic::message() const {
    if (line == 0) return path + ": " + reason;
    return path + ":" + std::to_string(line) + ": " + reason;
}

namespace {

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

std::string why_name_not_read(const std::string& path) {
    const std::string name = fs::path(path).filename().string();
    if (!name.empty() && name[0] == '.') return "not read: a hidden file";
    if (is_documentation_file(name)) return "not read: describes the folder (README, LICENSE, ...), not an article";
    if (format_of(path) == InputFormat::unknown) {
        return "not read: its name is not one of an input format (" + detail::claimed_extensions() + ")";
    }
    return {};
}

namespace {

/// The files to read under @p dir, sorted; what cannot be read is reported.
std::vector<std::string> files_in_directory(const std::string& dir, const DiagnosticHandler& on_diagnostic) {
    std::vector<std::string> paths;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        on_diagnostic({dir, 0, "cannot read directory: " + ec.message(), Diagnostic::Severity::skipped});
        return paths;
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
        // Said under --verbose: a user who wonders why a file was left out sees why.
        if (std::string why = why_name_not_read(path); !why.empty()) {
            on_diagnostic({path, 0, std::move(why), Diagnostic::Severity::notice});
            continue;
        }
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
    return paths;
}

}  // namespace

namespace {

/// "-": JSON Lines on standard input, gzipped or not. Only two bytes are
/// taken before the first line is read, so a writer feeding a pipe line by
/// line sees each article indexed as it comes.
void read_stdin(const ReadOptions& options, const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic) {
    std::string head;
    for (int i = 0; i < 2; ++i) {
        const int c = std::cin.get();
        if (c == std::char_traits<char>::eof()) break;
        head.push_back(static_cast<char>(c));
    }
    if (detail::looks_gzip(head)) {
        detail::GzipBuffer gzip(std::move(head), std::cin);
        std::istream unzipped(&gzip);
        read_jsonl(unzipped, "-", options, on_article, on_diagnostic);
        return;
    }
    std::cin.clear(std::cin.rdstate() & std::ios::badbit);  // an empty stdin is read as an empty file
    detail::read_jsonl_after(std::cin, std::move(head), "-", options, on_article, on_diagnostic);
}

}  // namespace

std::size_t read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                        const ArticleHandler& on_article, const DiagnosticHandler& on_diagnostic,
                        const std::function<void(const std::string&)>& on_file) {
    std::size_t files = 0;
    for (const std::string& input : inputs) {
        if (input == "-") {
            if (on_file) on_file("-");
            read_stdin(options, on_article, on_diagnostic);
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
            for (const std::string& path : files_in_directory(input, on_diagnostic)) {
                if (on_file) on_file(path);
                std::string id_path = fs::path(path).lexically_relative(input).generic_string();
                if (id_path.empty() || id_path.rfind("..", 0) == 0) id_path = fs::path(path).filename().generic_string();
                read_file(path, id_path, format_of(path), options, on_article, on_diagnostic);
                ++files;
            }
            continue;
        }
        // A file named explicitly is read even without a known extension
        // (read_file decides by content: JSONL if it starts like JSON, otherwise
        // text), and is its own root: its id is its name.
        if (on_file) on_file(input);
        read_file(input, format_of(input), options, on_article, on_diagnostic);
        ++files;
    }
    return files;
}

}  // namespace newsdex
