#include "newsdex/index_writer.hpp"

#include <xapian.h>

#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <unordered_set>

#include "document_builder.hpp"
#include "near_duplicates.hpp"
#include "newsdex/error.hpp"
#include "segment_writers.hpp"
#include "newsdex/schema.hpp"
#include "xapian_errors.hpp"

namespace newsdex {

std::string content_id(const Article& article) {
    // FNV-1a 64 over title and body: stable across runs, platforms and versions.
    std::uint64_t hash = 1469598103934665603ULL;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) {
            hash ^= c;
            hash *= 1099511628211ULL;
        }
        hash ^= 0xff;
        hash *= 1099511628211ULL;
    };
    mix(article.title);
    mix(article.body);
    char buffer[20];
    std::snprintf(buffer, sizeof buffer, "h%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

namespace {

/// Resident set size of this process in bytes (0 where /proc is missing).
std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    if (!(statm >> pages >> resident)) return 0;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

/// fsyncs every file of a (glass) database directory and the directory itself:
/// the one synced commit at the end of a DB_NO_SYNC bulk build.
void sync_directory(const std::string& path) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        ::fsync(fd);
        ::close(fd);
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/// The index directory named by @p path ("db/" -> "db").
std::filesystem::path index_directory(const std::string& path) {
    std::filesystem::path target(path);
    if (!target.has_filename()) target = target.parent_path();
    return target;
}

/// The directory holding @p path ("db" -> ".").
std::filesystem::path parent_directory(const std::filesystem::path& path) {
    return path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
}

/// Where a rebuilt copy of the index @p target is made before it is swapped
/// in: beside it, so the swap is a rename on one file system. Compaction and
/// parallel builds use the same name, so either cleans up after the other.
std::filesystem::path swap_path_beside(const std::filesystem::path& target) {
    return parent_directory(target) / ("." + target.filename().string() + ".newsdex-compact");
}

/// fsyncs the directory that holds @p path (after a rename in it).
void sync_parent(const std::filesystem::path& path) {
    int fd = ::open(parent_directory(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/// Device and inode of @p path ({0, 0} if it does not exist).
std::pair<dev_t, ino_t> file_identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {0, 0};
    return {st.st_dev, st.st_ino};
}

/// Opens @p path for writing. A writer that waited for the lock
/// (DB_RETRY_LOCK) may have waited on a directory that a finishing bulk
/// build or compaction has since swapped out: it then holds the lock of the
/// old directory while Xapian opens the files of the new one, so it opens again.
Xapian::WritableDatabase open_writable(const std::string& path, int flags) {
    for (;;) {
        const auto before = file_identity(path);
        Xapian::WritableDatabase db(path, flags);
        if (!(flags & Xapian::DB_RETRY_LOCK) || file_identity(path) == before) return db;
        db.close();
    }
}

/// Bytes of the regular files directly in @p dir (a glass database has no subdirectories).
std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::error_code size_ec;
        if (entry.is_regular_file(size_ec)) {
            auto size = entry.file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

/// Bytes of Xapian's in-memory change buffer per byte of article text, measured
/// on Reuters-21578 (positional terms, stems, title terms, stored data). Used to
/// commit before memory_limit is reached.
constexpr std::size_t buffer_bytes_per_text_byte = 12;

/// Parallel writers only when memory_limit allows at least this much per writer.
constexpr std::size_t min_memory_per_writer = std::size_t(256) << 20;

/// An article on its way through the analysis threads.
struct Built {
    std::string id;
    std::size_t text_bytes = 0;
    Xapian::Document doc;
    std::exception_ptr error;
};

/// Analysis in parallel, results handed back in input order.
///
/// Each worker owns a DocumentBuilder (Analyzer, ICU state) and builds documents
/// against an empty in-memory database, as the single-threaded path does, so
/// every article starts as its own story cluster; the writer then assigns the
/// real cluster in input order, so the index does not depend on the thread count.
class AnalysisPool {
  public:
    AnalysisPool(unsigned threads, const Analyzer& analyzer, const IndexWriterOptions& options,
                 std::size_t max_in_flight)
        : max_in_flight_(max_in_flight) {
        for (unsigned i = 0; i < threads; ++i) {
            workers_.emplace_back([this, analyzer, options] { work(analyzer, options); });
        }
    }
    ~AnalysisPool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        work_ready_.notify_all();
        for (auto& t : workers_) t.join();
    }

    bool full() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return next_seq_ - next_out_ >= max_in_flight_;
    }
    bool empty() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return next_seq_ == next_out_;
    }

    void submit(Article article) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            queue_.emplace_back(next_seq_++, std::move(article));
        }
        work_ready_.notify_one();
    }

    /// The next document in input order: waits for it if @p wait, else returns
    /// false when it is not ready yet (or nothing is queued).
    bool next(Built& out, bool wait) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (next_out_ == next_seq_) return false;
        auto ready = [&] { return done_.count(next_out_) != 0; };
        if (!ready()) {
            if (!wait) return false;
            result_ready_.wait(lock, ready);
        }
        auto it = done_.find(next_out_);
        out = std::move(it->second);
        done_.erase(it);
        ++next_out_;
        return true;
    }

  private:
    void work(Analyzer analyzer, IndexWriterOptions options) {
        detail::DocumentBuilder builder(std::move(analyzer), options);
        Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            auto [seq, article] = std::move(queue_.front());
            queue_.pop_front();
            lock.unlock();
            Built built;
            built.id = article.id;
            built.text_bytes = article.title.size() + article.body.size();
            try {
                built.doc = builder.build(article, empty);
            } catch (...) {
                built.error = std::current_exception();
            }
            lock.lock();
            done_.emplace(seq, std::move(built));
            result_ready_.notify_all();
        }
    }

    const std::size_t max_in_flight_;
    mutable std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable result_ready_;
    std::deque<std::pair<std::uint64_t, Article>> queue_;
    std::map<std::uint64_t, Built> done_;
    std::uint64_t next_seq_ = 0;
    std::uint64_t next_out_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace

/// A small stand-in for a document written since the last commit: just what
/// assign_cluster() reads (id term, band terms, signature and cluster values).
Xapian::Document cluster_stub(const Xapian::Document& doc, const std::string& id_term) {
    Xapian::Document stub;
    stub.add_boolean_term(id_term);
    const std::string prefix(schema::prefix_signature);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        it.skip_to(prefix);
        if (it == doc.termlist_end() || (*it).compare(0, prefix.size(), prefix) != 0) break;
        stub.add_boolean_term(*it);
    }
    stub.add_value(schema::slot_signature, doc.get_value(schema::slot_signature));
    stub.add_value(schema::slot_cluster, doc.get_value(schema::slot_cluster));
    return stub;
}

/// A bulk build into an empty index (IndexWriterOptions::parallel_writers):
/// documents go to segment databases written in parallel next to the index,
/// merged into it at commit(); the serial writer keeps only what id and
/// near-duplicate look-ups need, as stubs at the documents' final docids.
struct BulkBuild {
    std::filesystem::path dir;              ///< ".NAME.newsdex-compact" next to the index
    Xapian::WritableDatabase stubs;         ///< cluster_stub() of every document, at its docid
    Xapian::WritableDatabase replacements;  ///< later versions of ids already written in this build
    bool has_replacements = false;
    detail::Segment segment;                ///< documents since the last flush
    std::unique_ptr<detail::SegmentWriters> writers;

    BulkBuild(std::filesystem::path build_dir, unsigned threads) : dir(std::move(build_dir)) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);  // left by a run that died: ours, we hold the lock
        std::filesystem::create_directory(dir);
        stubs = Xapian::WritableDatabase((dir / "lookup").string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
        writers = std::make_unique<detail::SegmentWriters>(dir, threads);
    }
    ~BulkBuild() {
        writers.reset();
        try {
            stubs.close();
            replacements.close();
        } catch (const Xapian::Error&) {
            // Only temporary files are at stake; they are removed below.
        }
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string lookup_path() const { return (dir / "lookup").string(); }

    /// Stands in for add_document()/replace_document() on the index: @return the docid.
    Xapian::docid write(const std::string& id_term, Xapian::Document& doc, const Xapian::Document& stub,
                        bool existed) {
        if (!existed) {
            const Xapian::docid docid = stubs.add_document(stub);
            segment.emplace_back(docid, std::move(doc));
            return docid;
        }
        // Already in a segment (maybe one being written): applied after the merge.
        const Xapian::docid docid = stubs.replace_document(id_term, stub);
        if (!has_replacements) {
            replacements = Xapian::WritableDatabase((dir / "replacements").string(),
                                                    Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
            has_replacements = true;
        }
        replacements.replace_document(docid, doc);
        // Every version counts, as with one writer (merge_bulk() copies the counts).
        detail::add_spellings(replacements, doc);
        return docid;
    }
};

struct IndexWriter::Impl {
    std::string path;
    IndexWriterOptions options;
    int open_flags = 0;  ///< flags the database was opened with (reused after compaction)
    bool fresh = false;  ///< the index held no document (and never had one) when opened
    detail::LshLayout layout;  ///< the index's near-duplicate band layout (its metadata)
    Xapian::WritableDatabase db;
    std::unique_ptr<detail::DocumentBuilder> builder;
    std::unique_ptr<AnalysisPool> pool;  ///< null when threads == 1
    std::unique_ptr<BulkBuild> bulk;     ///< while a parallel bulk build is under way
    std::optional<CompactionResult> merged;  ///< what merging the bulk build did
    /// Documents are built against this empty database (every article starts
    /// as its own story); write() then assigns the real cluster.
    Xapian::WritableDatabase empty{std::string(), Xapian::DB_BACKEND_INMEMORY};

    // Look-ups never touch `db`: on a WritableDatabase with uncommitted
    // changes every postlist opened flushes part of the change buffer, which
    // made id and near-duplicate look-ups cost more than indexing itself.
    // They go to the last commit (read-only) plus a small in-memory index of
    // what was written since.
    Xapian::Database committed;                ///< the index as of the last commit
    Xapian::WritableDatabase since_commit;     ///< cluster stubs of documents written since
    Xapian::Database lookup;                   ///< committed + since_commit
    std::unordered_set<std::string> pending_ids;  ///< id terms written since the last commit

    std::size_t pending = 0;
    std::size_t pending_text_bytes = 0;
    std::size_t buffer_budget = 0;       ///< text bytes per commit allowed by memory_limit (0 = no limit)
    unsigned bulk_writers = 0;           ///< segment writer threads of a bulk build
    IndexWriterStats stats;

    void reset_lookup() {
        if (committed.get_doccount() == 0 && committed.get_lastdocid() == 0) {
            committed = Xapian::Database(bulk ? bulk->lookup_path() : path);
        } else {
            committed.reopen();
        }
        since_commit = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
        lookup = Xapian::Database();
        lookup.add_database(committed);
        lookup.add_database(since_commit);
        pending_ids.clear();
    }

    Xapian::Document build(Article& article) { return builder->build(article, empty); }

    /// The story cluster of @p doc (built against `empty`), against everything written so far.
    void assign_cluster(Xapian::Document& doc, const std::string& id) {
        detail::Signature sig = detail::unserialise(doc.get_value(schema::slot_signature));
        if (sig.empty()) return;
        // Documents are built with the current layout's band terms; an older index keeps its own.
        if (!(layout == detail::LshLayout{})) detail::set_band_terms(doc, sig, layout);
        std::string cluster = detail::assign_cluster(lookup, sig, id, nullptr, layout);
        if (cluster == id) return;
        doc.remove_term(detail::cluster_term(id));
        doc.add_boolean_term(detail::cluster_term(cluster));
        doc.add_value(schema::slot_cluster, cluster);
    }

    UpsertResult write(const std::string& id, Xapian::Document& doc, std::size_t text_bytes) {
        std::string id_term = detail::id_term(id);
        bool existed = pending_ids.count(id_term) != 0 || committed.term_exists(id_term);
        if (options.detect_duplicates) assign_cluster(doc, id);
        const Xapian::Document stub =
            options.detect_duplicates || bulk ? cluster_stub(doc, id_term) : Xapian::Document();
        if (options.detect_duplicates) since_commit.add_document(stub);
        if (bulk) {
            bulk->write(id_term, doc, stub, existed);
        } else {
            if (existed) {
                db.replace_document(id_term, doc);
            } else {
                db.add_document(doc);
            }
            detail::add_spellings(db, doc);
        }
        pending_ids.insert(std::move(id_term));
        ++(existed ? stats.replaced : stats.added);
        ++pending;
        pending_text_bytes += text_bytes;
        if (pending >= options.batch_size || over_memory_budget()) flush();
        return existed ? UpsertResult::replaced : UpsertResult::added;
    }

    bool over_memory_budget() {
        if (options.memory_limit == 0) return false;
        // A bulk build holds the batch being built plus one per segment writer,
        // each as documents and then in Xapian's buffer.
        if (pending_text_bytes >= (bulk ? buffer_budget / (2 * (bulk_writers + 1)) : buffer_budget)) return true;
        // The estimate is calibrated on news text (text with more distinct words
        // per byte needs twice as much): check the real figure every 32 articles
        // (~10 us against ~2 ms of indexing each), keeping a fifth for the commit.
        // A bulk build keeps more back: each segment writer's buffer still grows after the check.
        const std::size_t threshold = bulk ? options.memory_limit / 20 * 13 : options.memory_limit / 5 * 4;
        if (pending % 32 != 0 || resident_bytes() <= threshold) return false;
        // Segment writers free memory in their own threads' heaps, which glibc
        // keeps for reuse unless asked to return it.
        if (bulk) ::malloc_trim(0);
        return true;
    }

    void flush() {
        try {
            if (bulk) {
                bulk->stubs.commit();
                if (!bulk->segment.empty()) bulk->writers->submit(std::exchange(bulk->segment, {}));
            } else {
                db.commit();
            }
            reset_lookup();
        } catch (const Xapian::Error& e) {
            detail::rethrow_index_error(e, path, "committing");
        }
        ++stats.commits;
        pending = 0;
        pending_text_bytes = 0;
    }

    /// Writes every document the pool has finished, in order; all of them if @p all.
    void drain(bool all) {
        if (!pool) return;
        Built built;
        while (pool->next(built, all)) write_built(built);
    }

    /// Ends a bulk build: waits for the segment writers, merges the (empty)
    /// index and every segment into one compact database next to it, applies
    /// the replacements, syncs it and swaps it in with one atomic rename; the
    /// writer then goes on as a plain single writer on the merged index.
    void merge_bulk() {
        namespace fs = std::filesystem;
        BulkBuild& b = *bulk;
        CompactionResult result;
        const std::vector<fs::path> segments = b.writers->finish();
        b.writers.reset();
        // The writer threads' heaps are free now: give them back before the
        // merge needs its own (memory_limit counts the whole process).
        ::malloc_trim(0);
        const Xapian::doccount expected = b.stubs.get_doccount();
        const Xapian::docid last = b.stubs.get_lastdocid();
        if (b.has_replacements) b.replacements.commit();
        if (!segments.empty()) {
            const fs::path merged_path = b.dir / "merged";
            Xapian::Database sources(path);  // no documents, but the index's metadata
            for (const fs::path& segment : segments) {
                result.bytes_before += directory_bytes(segment);
                sources.add_database(Xapian::Database(segment.string()));
            }
            // Disjoint docid ranges (SegmentWriters): no renumbering needed.
            unsigned flags = Xapian::DBCOMPACT_NO_RENUMBER;
            if (segments.size() > 3) flags |= Xapian::DBCOMPACT_MULTIPASS;
            sources.compact(merged_path.string(), flags);
            {
                Xapian::WritableDatabase merged(merged_path.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
                if (b.has_replacements) {
                    for (auto it = b.replacements.postlist_begin(""); it != b.replacements.postlist_end(""); ++it) {
                        merged.replace_document(*it, b.replacements.get_document(*it));
                    }
                    for (auto it = b.replacements.spellings_begin(); it != b.replacements.spellings_end(); ++it) {
                        merged.add_spelling(*it, it.get_termfreq());
                    }
                }
                merged.commit();
                if (merged.get_doccount() != expected || merged.get_lastdocid() != last) {
                    throw IndexError(IndexError::Kind::other, path,
                                     "merging the parallel build gave " + std::to_string(merged.get_doccount()) +
                                         " articles instead of " + std::to_string(expected));
                }
            }
            sync_directory(merged_path.string());
            const fs::path target = index_directory(path);
            // One atomic step: the path holds the empty index until it holds the full one.
            if (::renameat2(AT_FDCWD, merged_path.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
                const int error = errno;
                throw IndexError(IndexError::Kind::io, path,
                                 std::string("cannot swap in the merged index: ") + std::strerror(error));
            }
            sync_parent(target);
            result.bytes_after = directory_bytes(target);
            result.compacted = true;
            // The empty index (and this writer's lock) now live at merged_path.
            db = Xapian::WritableDatabase(path, open_flags);
        }
        bulk.reset();
        merged = result;
        fresh = false;
        committed = Xapian::Database();
        reset_lookup();
    }

    void write_built(Built& built) {
        if (built.error) std::rethrow_exception(built.error);
        try {
            write(built.id, built.doc, built.text_bytes);
        } catch (const Xapian::Error& e) {
            detail::rethrow_index_error(e, path, "adding article \"" + built.id + "\"");
        }
    }
};

IndexWriter::IndexWriter(const std::filesystem::path& path, IndexWriterOptions options)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path.string();
    impl_->options = options;
    int flags = Xapian::DB_CREATE_OR_OPEN;
    if (!options.sync) flags |= Xapian::DB_NO_SYNC;
    if (options.wait_for_lock) flags |= Xapian::DB_RETRY_LOCK;
    try {
        impl_->db = open_writable(impl_->path, flags);
        impl_->open_flags = (flags & ~Xapian::DB_CREATE_OR_OPEN) | Xapian::DB_OPEN;
        impl_->fresh = impl_->db.get_doccount() == 0 && impl_->db.get_lastdocid() == 0;
        std::string version = impl_->db.get_metadata(std::string(schema::meta_schema_version));
        AnalyzerSettings settings = options.analyzer;
        if (version.empty()) {
            if (impl_->db.get_doccount() != 0) {
                throw IndexError(IndexError::Kind::other, impl_->path,
                                 "is a Xapian database but not a newsdex index (no schema version)");
            }
            impl_->db.set_metadata(std::string(schema::meta_schema_version), std::to_string(schema::version));
            impl_->db.set_metadata(std::string(schema::meta_analyzer), settings.serialise());
            impl_->db.set_metadata(detail::meta_lsh_layout, detail::layout_name(impl_->layout));
            impl_->db.commit();
        } else {
            detail::check_schema_version(impl_->path, version);
            if (version != std::to_string(schema::version)) {
                // Older articles store their body and entity facets differently;
                // the searcher reads both, but one index is written one way.
                throw IndexError(IndexError::Kind::version, impl_->path,
                                 "index has schema version " + version + " but this newsdex writes version " +
                                     std::to_string(schema::version) +
                                     "; it can still be searched, but to add articles rebuild it into a new index");
            }
            const std::string layout = impl_->db.get_metadata(detail::meta_lsh_layout);
            if (layout.empty()) {
                impl_->layout = detail::legacy_lsh_layout;
            } else if (auto parsed = detail::parse_layout(layout)) {
                impl_->layout = *parsed;
            } else {
                throw IndexError(IndexError::Kind::other, impl_->path,
                                 "has an unknown near-duplicate band layout \"" + layout + "\"");
            }
            settings = AnalyzerSettings::unserialise(impl_->db.get_metadata(std::string(schema::meta_analyzer)));
        }
        impl_->builder = std::make_unique<detail::DocumentBuilder>(Analyzer(settings), options);
        impl_->reset_lookup();
        unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
        // Articles in flight: enough to keep every thread busy while the writer
        // commits, few enough not to matter for memory.
        const std::size_t in_flight = 64 * threads;
        if (options.memory_limit) {
            const std::size_t base_resident = resident_bytes();
            // Keep a quarter (at least 64 MB) for Xapian's commit, articles in
            // flight and allocator slack; the rest may hold buffered changes.
            std::size_t reserve = std::max<std::size_t>(options.memory_limit / 4, std::size_t(64) << 20);
            std::size_t used = base_resident + reserve;
            std::size_t room = options.memory_limit > used ? options.memory_limit - used : 0;
            impl_->buffer_budget = std::max<std::size_t>(room / buffer_bytes_per_text_byte, std::size_t(1) << 20);
        }
        if (threads > 1) impl_->pool = std::make_unique<AnalysisPool>(threads, impl_->builder->analyzer(), options, in_flight);
        // Under a tight memory limit the fixed cost of each extra writer (its
        // own tables, buffer and batch in flight) would leave too little for
        // batches: e2e.memory_limit peaked at 101 MB with 2 writers against
        // 86 MB with one at --memory 100M.
        const bool room_for_writers =
            options.memory_limit == 0 || options.memory_limit >= min_memory_per_writer * threads;
        if (threads > 1 && options.parallel_writers && impl_->fresh && room_for_writers) {
            namespace fs = std::filesystem;
            const fs::path target = index_directory(impl_->path);
            std::error_code ec;
            // The merge is swapped in with a rename next to the index: a plain directory only.
            if (!fs::is_symlink(target, ec) && fs::is_directory(target, ec)) {
                impl_->bulk_writers = threads;
                impl_->bulk = std::make_unique<BulkBuild>(swap_path_beside(target), threads);
                impl_->committed = Xapian::Database();
                impl_->reset_lookup();
            }
        }
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, impl_->path, "opening for writing");
    }
}

IndexWriter::~IndexWriter() {
    if (!impl_) return;
    try {
        impl_->drain(true);
        if (impl_->bulk) {
            impl_->flush();
            impl_->merge_bulk();
        } else if (impl_->pending) {
            impl_->db.commit();
        }
    } catch (...) {
        // A destructor must not throw; callers who care call commit() first.
    }
    impl_->pool.reset();
    impl_->bulk.reset();
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

UpsertResult IndexWriter::upsert(Article article) {
    if (article.id.empty()) article.id = content_id(article);
    if (impl_->pool) {
        Built built;
        while (impl_->pool->full() && impl_->pool->next(built, true)) impl_->write_built(built);
        impl_->pool->submit(std::move(article));
        impl_->drain(false);
        return UpsertResult::queued;
    }
    try {
        std::size_t text_bytes = article.title.size() + article.body.size();
        Xapian::Document doc = impl_->build(article);
        return impl_->write(article.id, doc, text_bytes);
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, impl_->path, "adding article \"" + article.id + "\"");
    }
}

void IndexWriter::commit() {
    impl_->drain(true);
    impl_->flush();
    if (impl_->bulk) {
        try {
            impl_->merge_bulk();
        } catch (const Xapian::Error& e) {
            detail::rethrow_index_error(e, impl_->path, "merging the parallel build");
        }
    } else if (!impl_->options.sync) {
        sync_directory(impl_->path);
    }
}

CompactionResult IndexWriter::compact_fresh_build() {
    namespace fs = std::filesystem;
    Impl& w = *impl_;
    CompactionResult result;
    if (w.bulk) commit();
    if (w.merged) {
        // A parallel build was merged (and so compacted) by commit().
        if (w.options.compact_min_articles != 0 && w.stats.added >= w.options.compact_min_articles) return *w.merged;
        return result;
    }
    if (!w.fresh || w.options.compact_min_articles == 0) return result;
    impl_->drain(true);
    if (w.stats.added < w.options.compact_min_articles) return result;
    commit();  // durable before anything else happens

    const fs::path target = index_directory(w.path);
    std::error_code ec;
    if (fs::is_symlink(target, ec) || !fs::is_directory(target, ec)) {
        result.skipped = "the index is not a plain directory";
        return result;
    }
    // A leftover from a run that died mid-compaction is ours to remove: we hold the lock.
    const fs::path temp = swap_path_beside(target);
    fs::remove_all(temp, ec);
    result.bytes_before = directory_bytes(target);
    auto give_up = [&](std::string why) {
        std::error_code ignored;
        fs::remove_all(temp, ignored);
        result.skipped = std::move(why);
        return result;
    };
    try {
        Xapian::Database source(w.path);
        source.compact(temp.string(), Xapian::DBCOMPACT_NO_RENUMBER);
        Xapian::Database check(temp.string());
        const std::string version_key(schema::meta_schema_version);
        if (check.get_doccount() != source.get_doccount() || check.get_lastdocid() != source.get_lastdocid() ||
            check.get_metadata(version_key) != source.get_metadata(version_key)) {
            return give_up("the compacted copy does not match the index");
        }
    } catch (const Xapian::Error& e) {
        // The index itself is complete and untouched (disk full while copying, ...).
        return give_up("compacting failed: " + e.get_description());
    }
    sync_directory(temp.string());
    // One atomic step: the path holds the old index until it holds the new one.
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
        int error = errno;
        return give_up(std::string("cannot swap directories atomically here: ") + std::strerror(error));
    }
    sync_parent(target);
    // The old index (and this writer's lock) now live at `temp`: move over to the new one.
    try {
        Xapian::WritableDatabase reopened(w.path, w.open_flags);
        w.db = std::move(reopened);
        w.committed = Xapian::Database();
        w.reset_lookup();
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, w.path, "reopening after compaction");
    }
    fs::remove_all(temp, ec);
    result.bytes_after = directory_bytes(target);
    result.compacted = true;
    return result;
}

IndexWriterStats IndexWriter::stats() const { return impl_->stats; }

std::size_t IndexWriter::article_count() const {
    return impl_->bulk ? impl_->bulk->stubs.get_doccount() : impl_->db.get_doccount();
}

}  // namespace newsdex
