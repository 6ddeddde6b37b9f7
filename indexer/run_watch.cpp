/// @file run_watch.cpp
/// newsdex-index --watch DIR: index what is in DIR, then every file written,
/// copied or moved into it (Linux inotify), committing once the folder has
/// been quiet for a moment or a batch is full, until SIGINT/SIGTERM.
#include "run_watch.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "exit_codes.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "run_index.hpp"

#ifdef __linux__
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>
#endif

namespace newsdex::indexer {

#ifdef __linux__

namespace {

namespace fs = std::filesystem;

/// Thrown through the reader to unwind when a stop is requested.
struct Stop {};

/// The inotify watches on DIR and every folder below it (hidden ones and
/// symlinked ones left out, as a directory walk does).
class FolderWatch {
  public:
    explicit FolderWatch(const std::string& root) : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)), root_(root) {
        if (fd_ < 0) throw UsageError(std::string("--watch: cannot use inotify: ") + std::strerror(errno));
    }
    ~FolderWatch() { ::close(fd_); }
    FolderWatch(const FolderWatch&) = delete;
    FolderWatch& operator=(const FolderWatch&) = delete;

    /// Watches @p dir and the folders below it; @return the files already in them.
    std::vector<std::string> add_tree(const std::string& dir, std::ostream& err) {
        std::vector<std::string> files;
        add(dir, err);
        std::error_code ec;
        for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            std::error_code entry_ec;
            if (!name.empty() && name[0] == '.') {
                if (it->is_directory(entry_ec)) it.disable_recursion_pending();
            } else if (it->is_symlink(entry_ec) && it->is_directory(entry_ec)) {
                it.disable_recursion_pending();
            } else if (it->is_directory(entry_ec)) {
                add(it->path().string(), err);
            } else {
                files.push_back(it->path().string());
            }
        }
        return files;
    }

    /// Waits up to @p timeout for changes; @return the files written or moved
    /// in (folders that appeared are watched, and their files returned).
    /// Returns early, with nothing, when a signal arrives.
    std::vector<std::string> wait(std::chrono::milliseconds timeout, std::ostream& err) {
        std::vector<std::string> files;
        pollfd pfd{fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
        if (ready <= 0) return files;  // quiet, or EINTR (a signal)
        alignas(inotify_event) char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(fd_, buffer, sizeof buffer);
            if (n <= 0) break;
            for (char* p = buffer; p < buffer + n;) {
                const auto* event = reinterpret_cast<const inotify_event*>(p);
                p += sizeof(inotify_event) + event->len;
                handle(*event, files, err);
            }
        }
        return files;
    }

  private:
    void add(const std::string& dir, std::ostream& err) {
        const int wd = inotify_add_watch(fd_, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR);
        if (wd < 0) {
            // ENOSPC: the user's inotify watches are used up (fs.inotify.max_user_watches).
            err << "newsdex-index: " << dir << ": cannot watch: " << std::strerror(errno) << "\n";
            return;
        }
        dirs_[wd] = dir;
    }

    void handle(const inotify_event& event, std::vector<std::string>& files, std::ostream& err) {
        if (event.mask & IN_Q_OVERFLOW) {  // events were lost: look at everything again
            std::vector<std::string> all = add_tree(root_, err);
            files.insert(files.end(), all.begin(), all.end());
            return;
        }
        if (event.mask & IN_IGNORED) {
            dirs_.erase(event.wd);
            return;
        }
        auto dir = dirs_.find(event.wd);
        if (dir == dirs_.end() || event.len == 0) return;
        const std::string name = event.name;
        if (name.empty() || name[0] == '.') return;  // hidden: editors' and downloaders' temporary files
        const std::string path = (fs::path(dir->second) / name).string();
        if (event.mask & IN_ISDIR) {
            if (event.mask & (IN_CREATE | IN_MOVED_TO)) {
                std::vector<std::string> inside = add_tree(path, err);
                files.insert(files.end(), inside.begin(), inside.end());
            }
            return;
        }
        if (event.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) files.push_back(path);
    }

    int fd_;
    std::string root_;
    std::map<int, std::string> dirs_;
};

/// Reads files into the writer and commits in batches, counting as run_index() does.
class WatchIndexer {
  public:
    WatchIndexer(const IndexOptions& options, IndexWriter& writer, std::ostream& out, std::ostream& err)
        : options_(options), writer_(writer), out_(out), err_(err) {}

    /// Reads @p path (its id relative to the watched folder, as a directory walk gives).
    void read(const std::string& path) {
        if (std::string why = why_name_not_read(path); !why.empty()) {
            if (options_.verbose && why != "not read: a hidden file") {
                err_ << "newsdex-index: note: " << Diagnostic{path, 0, why}.message() << "\n";
            }
            return;
        }
        if (options_.verbose) err_ << "newsdex-index: reading " << path << "\n";
        const std::string id_path = fs::path(path).lexically_relative(options_.watch_dir).generic_string();
        read_file(
            path, id_path, format_of(path), options_.read,
            [&](Article&& article) {
                if (stop_was_requested()) throw Stop{};
                if (article.lang.empty() && !options_.detect_language) article.lang = options_.default_language;
                writer_.upsert(std::move(article));
                ++uncommitted_;
            },
            [&](const Diagnostic& d) { report(d); });
        ++files_;
    }

    bool has_uncommitted() const { return uncommitted_ > 0; }

    /// Commits what was read; one line on stdout unless --quiet.
    void commit() {
        writer_.commit();
        if (!options_.quiet) {
            out_ << "committed " << uncommitted_ << " articles from " << files_ << " files; index " << options_.db
                 << " holds " << writer_.article_count() << " articles" << std::endl;
        }
        uncommitted_ = 0;
        files_ = 0;
    }

    std::size_t skipped = 0;
    std::size_t repaired = 0;

  private:
    void report(const Diagnostic& d) {
        if (d.severity == Diagnostic::Severity::notice) {
            if (options_.verbose) err_ << "newsdex-index: note: " << d.message() << "\n";
            return;
        }
        err_ << "newsdex-index: " << d.message() << "\n";
        (d.severity == Diagnostic::Severity::skipped ? skipped : repaired) += 1;
    }

    const IndexOptions& options_;
    IndexWriter& writer_;
    std::ostream& out_;
    std::ostream& err_;
    std::size_t uncommitted_ = 0;
    std::size_t files_ = 0;
};

}  // namespace

int run_watch(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    const auto start = std::chrono::steady_clock::now();
    std::error_code ec;
    if (!fs::is_directory(options.watch_dir, ec)) {
        err << "newsdex-index: " << options.watch_dir << ": not a directory to watch\n";
        return cli::exit_no_input;
    }
    FolderWatch watch(options.watch_dir);
    IndexWriterOptions writer_options = writer_options_for(options);
    writer_options.parallel_writers = false;  // every batch is committed as it comes
    make_parent_directories(options.db);
    IndexWriter writer(options.db, writer_options);
    WatchIndexer indexer(options, writer, out, err);
    if (!options.quiet) out << "watching " << options.watch_dir << " (SIGINT or SIGTERM to stop)" << std::endl;
    try {
        // What is there already (watched first, so that nothing written meanwhile is missed).
        std::vector<std::string> present = watch.add_tree(options.watch_dir, err);
        std::sort(present.begin(), present.end());
        for (const std::string& path : present) indexer.read(path);
        if (indexer.has_uncommitted()) indexer.commit();
        while (!stop_was_requested()) {
            std::vector<std::string> changed = watch.wait(options.watch_quiet, err);
            if (changed.empty()) {  // quiet for a moment (or a signal): commit what was read
                if (indexer.has_uncommitted()) indexer.commit();
                continue;
            }
            // A file written twice in one wake-up is read once.
            std::set<std::string> unique(changed.begin(), changed.end());
            for (const std::string& path : unique) indexer.read(path);
        }
    } catch (const Stop&) {
    }
    if (indexer.has_uncommitted()) indexer.commit();
    const IndexWriterStats& stats = writer.stats();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!options.quiet) {
        out << "stopped watching; indexed " << stats.added + stats.replaced << " articles (" << stats.added
            << " added, " << stats.replaced << " replaced), " << indexer.skipped << " skipped, " << indexer.repaired
            << " repaired in " << std::fixed << std::setprecision(0) << seconds << " s; index " << options.db
            << " holds " << writer.article_count() << " articles\n";
    }
    // Stopping is how a watch ends: not an interruption of unfinished work.
    return indexer.skipped > 0 || indexer.repaired > 0 ? cli::exit_partial : cli::exit_ok;
}

#else

int run_watch(const IndexOptions&, std::ostream&, std::ostream& err) {
    err << "newsdex-index: --watch needs Linux (inotify)\n";
    return cli::exit_usage;
}

#endif

}  // namespace newsdex::indexer
