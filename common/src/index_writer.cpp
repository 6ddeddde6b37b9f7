/// @file index_writer.cpp
/// IndexWriter: opening an index, upserts in input order, story clusters,
/// the memory budget and commits. Parallel builds are in bulk_build.cpp,
/// compaction in compaction.cpp, file operations in index_files.cpp.
#include "newsdex/index_writer.hpp"

#include <xapian.h>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <thread>
#include <utility>

#include "index_files.hpp"
#include "index_writer_impl.hpp"
#include "transliteration.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "sharded_writer.hpp"
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

/// Bytes of Xapian's in-memory change buffer per byte of article text, measured
/// on Reuters-21578 (positional terms, stems, title terms, stored data). Used to
/// commit before memory_limit is reached.
constexpr std::size_t buffer_bytes_per_text_byte = 12;

/// Memory for the band table of a build into an empty index without memory_limit
/// (else an eighth of it): ~500 bytes an article, so about a million articles.
constexpr std::size_t default_band_budget = detail::default_band_table_bytes;

/// Parallel writers only when memory_limit allows at least this much per writer.
constexpr std::size_t min_memory_per_writer = std::size_t(256) << 20;

}  // namespace

void IndexWriter::Impl::spill_band_table() {
    recent_has_all = false;
    if (!bulk) return;  // the index itself has every band term
    // The look-up database has held only id terms: give it what the table knew.
    recent.for_each([&](std::uint32_t docid, const detail::Signature& sig, const std::string& cluster) {
        Xapian::Document stub = bulk->stubs.get_document(docid);
        detail::add_near_duplicate_data(stub, sig, cluster, layout);
        bulk->stubs.replace_document(docid, stub);
    });
    bulk->stubs.commit();
}

void IndexWriter::Impl::reset_lookup() {
    // Past its budget the table spills: the last commit then holds all it had.
    if (recent_has_all && !recent.empty() && recent.memory_bytes() > band_budget) spill_band_table();
    if (committed.get_doccount() == 0 && committed.get_lastdocid() == 0) {
        committed = Xapian::Database(bulk ? bulk->lookup_path() : path);
    } else {
        committed.reopen();
    }
    if (!recent_has_all) recent = detail::BandTable(layout);
    pending_ids.clear();
    pending_removals.clear();
}

bool IndexWriter::Impl::holds(const std::string& id_term) const {
    return pending_ids.count(id_term) != 0 ||
           (pending_removals.count(id_term) == 0 && committed.term_exists(id_term));
}

bool IndexWriter::Impl::remove(const std::string& id) {
    const std::string id_term = detail::id_term(id);
    if (!holds(id_term)) {
        ++stats.not_found;
        return false;
    }
    // The writable database sees its own uncommitted documents.
    for (auto it = db.postlist_begin(id_term); it != db.postlist_end(id_term); ++it) {
        detail::remove_spellings(db, db.get_document(*it));
        // Later copies must not join a cluster through it (nor through its committed version).
        recent.remove(*it);
    }
    db.delete_document(id_term);
    pending_ids.erase(id_term);
    pending_removals.insert(id_term);
    ++stats.removed;
    if (++pending >= options.batch_size) flush();
    return true;
}

detail::Signature IndexWriter::Impl::assign_cluster(Xapian::Document& doc, const std::string& id,
                                                    Xapian::docid own_docid) {
    detail::Signature sig = detail::unserialise(doc.get_value(schema::slot_signature));
    if (sig.empty()) return sig;
    // Documents are built with the current layout's band terms; an older index keeps its own.
    if (!(layout == detail::LshLayout{})) detail::set_band_terms(doc, sig, layout);
    std::string cluster = cluster_lookup ? cluster_lookup(sig, id, own_docid)
                                         : detail::assign_cluster(committed, recent, recent_has_all, sig, id,
                                                                  own_docid, nullptr, layout);
    if (cluster == id) return sig;
    doc.remove_term(detail::cluster_term(id));
    doc.add_boolean_term(detail::cluster_term(cluster));
    doc.add_value(schema::slot_cluster, cluster);
    return sig;
}

UpsertResult IndexWriter::Impl::write(const std::string& id, Xapian::Document& doc, std::size_t text_bytes) {
    std::string id_term = detail::id_term(id);
    Xapian::docid own_docid = 0;
    if (auto it = pending_ids.find(id_term); it != pending_ids.end()) {
        own_docid = it->second;
    } else if (pending_removals.count(id_term) == 0) {
        if (auto posting = committed.postlist_begin(id_term); posting != committed.postlist_end(id_term)) {
            own_docid = *posting;
        }
    }
    const bool existed = own_docid != 0;
    detail::Signature sig;
    std::string cluster;
    if (options.detect_duplicates) {
        sig = assign_cluster(doc, id, own_docid);
        cluster = doc.get_value(schema::slot_cluster);
    }
    Xapian::docid docid;
    if (bulk) {
        // While the band table has every article, the look-up database needs only ids.
        Xapian::Document stub;
        if (recent_has_all) {
            stub.add_boolean_term(id_term);
        } else {
            stub = detail::cluster_stub(doc, id_term);
        }
        docid = bulk->write(id_term, doc, stub, existed);
    } else {
        docid = existed ? db.replace_document(id_term, doc) : db.add_document(doc);
        detail::add_spellings(db, doc);
    }
    if (options.detect_duplicates) recent.add(docid, sig, cluster);
    pending_ids[std::move(id_term)] = docid;
    ++(existed ? stats.replaced : stats.added);
    ++pending;
    pending_text_bytes += text_bytes;
    if (pending >= options.batch_size || over_memory_budget()) flush();
    return existed ? UpsertResult::replaced : UpsertResult::added;
}

bool IndexWriter::Impl::over_memory_budget() {
    if (options.memory_limit == 0) return false;
    // A bulk build holds the batch being built plus one per segment writer,
    // each as documents and then in Xapian's buffer.
    if (pending_text_bytes >= (bulk ? buffer_budget / (2 * (bulk_writers + 1)) : buffer_budget)) return true;
    // The estimate is calibrated on news text (text with more distinct words
    // per byte needs twice as much): check the real figure every 32 articles
    // (~10 us against ~2 ms of indexing each), keeping a fifth for the commit.
    // A bulk build keeps more back: each segment writer's buffer still grows after the check.
    const std::size_t threshold = bulk ? options.memory_limit / 20 * 13 : options.memory_limit / 5 * 4;
    if (pending % 32 != 0 || detail::resident_bytes() <= threshold) return false;
    // Segment writers free memory in their own threads' heaps, which glibc
    // keeps for reuse unless asked to return it.
    if (bulk) ::malloc_trim(0);
    return true;
}

void IndexWriter::Impl::flush() {
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

void IndexWriter::Impl::drain(bool all) {
    if (!pool) return;
    detail::Built built;
    while (pool->next(built, all)) write_built(built);
}

void IndexWriter::Impl::write_built(detail::Built& built) {
    if (built.error) std::rethrow_exception(built.error);
    try {
        write(built.id, built.doc, built.text_bytes);
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, path, "adding article \"" + built.id + "\"");
    }
}

AnalyzerSettings IndexWriter::Impl::open_schema() {
    std::string version = db.get_metadata(std::string(schema::meta_schema_version));
    if (version.empty()) {
        if (db.get_doccount() != 0) {
            throw IndexError(IndexError::Kind::other, path,
                             "is a Xapian database but not a newsdex index (no schema version)");
        }
        db.set_metadata(std::string(schema::meta_schema_version), std::to_string(schema::version));
        db.set_metadata(std::string(schema::meta_analyzer), options.analyzer.serialise());
        db.set_metadata(detail::meta_lsh_layout, detail::layout_name(layout));
        db.set_metadata(std::string(schema::meta_cross_script), std::string(detail::cross_script_key_version));
        db.commit();
        return options.analyzer;
    }
    detail::check_schema_version(path, version);
    if (version != std::to_string(schema::version)) {
        // Older articles store their body and entity facets differently;
        // the searcher reads both, but one index is written one way.
        throw IndexError(IndexError::Kind::version, path,
                         "index has schema version " + version + " but this newsdex writes version " +
                             std::to_string(schema::version) +
                             "; it can still be searched, but to add articles rebuild it into a new index");
    }
    check_cross_script_keys();
    const std::string layout_text = db.get_metadata(detail::meta_lsh_layout);
    if (layout_text.empty()) {
        layout = detail::legacy_lsh_layout;
    } else if (auto parsed = detail::parse_layout(layout_text)) {
        layout = *parsed;
    } else {
        throw IndexError(IndexError::Kind::other, path,
                         "has an unknown near-duplicate band layout \"" + layout_text + "\"");
    }
    return AnalyzerSettings::unserialise(db.get_metadata(std::string(schema::meta_analyzer)));
}

void IndexWriter::Impl::check_cross_script_keys() {
    const std::string key(schema::meta_cross_script);
    const std::string found = db.get_metadata(key);
    const std::string ours(detail::cross_script_key_version);
    // An index from before cross-script keys gets them from now on (its older
    // articles when re-indexed); one whose keys another version made would
    // hold two kinds that no query meets at once.
    if (found.empty()) {
        db.set_metadata(key, ours);
    } else if (found != ours) {
        throw IndexError(IndexError::Kind::version, path,
                         "index has cross-script name keys of version " + found + " but this newsdex makes version " +
                             ours + "; it can still be searched, but to add articles rebuild it into a new index");
    }
}

void IndexWriter::Impl::start_threads() {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    unsigned threads = options.threads ? options.threads : cores;
    // Articles in flight: enough to keep every thread busy while the writer
    // commits, few enough not to matter for memory.
    const std::size_t in_flight = 64 * threads;
    if (options.memory_limit) {
        const std::size_t base_resident = detail::resident_bytes();
        // Keep a quarter (at least 64 MB) for Xapian's commit, articles in
        // flight and allocator slack; the rest may hold buffered changes.
        std::size_t reserve = std::max<std::size_t>(options.memory_limit / 4, std::size_t(64) << 20);
        std::size_t used = base_resident + reserve;
        std::size_t room = options.memory_limit > used ? options.memory_limit - used : 0;
        buffer_budget = std::max<std::size_t>(room / buffer_bytes_per_text_byte, std::size_t(1) << 20);
    }
    if (threads > 1) pool = std::make_unique<detail::AnalysisPool>(threads, builder->analyzer(), options, in_flight);
    // Under a tight memory limit the fixed cost of each extra writer (its
    // own tables, buffer and batch in flight) would leave too little for
    // batches: e2e.memory_limit peaked at 101 MB with 2 writers against
    // 86 MB with one at --memory 100M.
    // More segment writers than cores only add buffers (and their flushes) that
    // wait for a core: Reuters x1 with --threads 4 on two cores took 1.08x the
    // CPU of --threads 2 and 415 MB instead of 255 (BENCHMARKS.md). Segments
    // are batches whatever the writer count, so the index is the same.
    const unsigned writers = std::min(threads, cores);
    const bool room_for_writers = options.memory_limit == 0 || options.memory_limit >= min_memory_per_writer * writers;
    // The merge is swapped in with a rename next to the index: a plain directory only.
    const std::filesystem::path target = detail::index_directory(path);
    if (threads > 1 && options.parallel_writers && fresh && room_for_writers && detail::swappable(target)) {
        bulk_writers = writers;
        bulk = std::make_unique<detail::BulkBuild>(detail::swap_path_beside(target), writers);
        committed = Xapian::Database();
        reset_lookup();
    }
}

IndexWriter::IndexWriter(const std::filesystem::path& path, IndexWriterOptions options)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path.string();
    impl_->options = options;
    if (const std::size_t shards = detail::shards_to_write(path, options.shards); shards != 0) {
        impl_->sharded = std::make_unique<detail::ShardedWriter>(path, shards, options);
        return;
    }
    int flags = Xapian::DB_CREATE_OR_OPEN;
    if (!options.sync) flags |= Xapian::DB_NO_SYNC;
    if (options.wait_for_lock) flags |= Xapian::DB_RETRY_LOCK;
    try {
        impl_->db = detail::open_writable(impl_->path, flags);
        impl_->open_flags = (flags & ~Xapian::DB_CREATE_OR_OPEN) | Xapian::DB_OPEN;
        impl_->fresh = impl_->db.get_doccount() == 0 && impl_->db.get_lastdocid() == 0;
        AnalyzerSettings settings = impl_->open_schema();
        impl_->builder = std::make_unique<detail::DocumentBuilder>(Analyzer(settings), options);
        // Into an empty index every article the look-ups can find is one this writer wrote.
        impl_->recent = detail::BandTable(impl_->layout);
        impl_->recent_has_all = impl_->fresh && options.detect_duplicates;
        impl_->band_budget = options.band_table_bytes    ? options.band_table_bytes
                             : options.memory_limit ? options.memory_limit / 8
                                                    : default_band_budget;
        impl_->reset_lookup();
        impl_->start_threads();
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, impl_->path, "opening for writing");
    }
}

IndexWriter::~IndexWriter() {
    if (!impl_) return;
    if (impl_->sharded) {
        impl_->sharded.reset();  // each shard commits what it holds
        return;
    }
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
    if (impl_->sharded) return impl_->sharded->upsert(std::move(article));
    if (article.id.empty()) article.id = content_id(article);
    if (impl_->pool) {
        detail::Built built;
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
    if (impl_->sharded) return impl_->sharded->commit();
    impl_->drain(true);
    impl_->flush();
    if (impl_->bulk) {
        try {
            impl_->merge_bulk();
        } catch (const Xapian::Error& e) {
            detail::rethrow_index_error(e, impl_->path, "merging the parallel build");
        }
    } else if (!impl_->options.sync) {
        detail::sync_directory(impl_->path);
    }
}

bool IndexWriter::remove(const std::string& id) {
    if (impl_->sharded) return impl_->sharded->remove(id);
    // In input order after what is queued; a bulk build is merged first, so
    // the deletion applies to the index itself.
    impl_->drain(true);
    if (impl_->bulk) commit();
    try {
        return impl_->remove(id);
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, impl_->path, "deleting article \"" + id + "\"");
    }
}

IndexWriterStats IndexWriter::stats() const { return impl_->sharded ? impl_->sharded->stats() : impl_->stats; }

std::size_t IndexWriter::shard_count() const { return impl_->sharded ? impl_->sharded->shard_count() : 1; }

std::size_t IndexWriter::article_count() const {
    if (impl_->sharded) return impl_->sharded->article_count();
    return impl_->bulk ? impl_->bulk->stubs.get_doccount() : impl_->db.get_doccount();
}

}  // namespace newsdex
