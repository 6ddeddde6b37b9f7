/// @file sharded_writer.cpp
/// Writing a sharded index: the stub, routing, one analysis pool, clusters across shards.
#include "sharded_writer.hpp"

#include <xapian.h>

#include <algorithm>
#include <limits>
#include <system_error>
#include <thread>

#include "band_table.hpp"
#include "index_writer_impl.hpp"
#include "newsdex/error.hpp"
#include "newsdex/shards.hpp"
#include "shard_stub.hpp"
#include "xapian_errors.hpp"

namespace newsdex::detail {

namespace fs = std::filesystem;

namespace {

/// Adds one shard's compaction to the whole index's (sizes add up; a skip is reported).
void add_compaction(CompactionResult& total, const CompactionResult& one) {
    total.compacted = total.compacted || one.compacted;
    total.bytes_before += one.bytes_before;
    total.bytes_after += one.bytes_after;
    if (!one.skipped.empty()) total.skipped = one.skipped;
}

}  // namespace

std::size_t shards_to_write(const fs::path& path, unsigned requested) {
    const std::size_t existing = sharded_index_count(path);
    if (existing != 0) {
        if (requested != 0 && requested != existing) {
            throw UsageError(path.string() + ": the index has " + std::to_string(existing) + " shards, not " +
                             std::to_string(requested) +
                             " (articles are routed to a shard by a hash of their id and the shard count, so the "
                             "count is fixed when the index is created; to change it, build a new index)");
        }
        return existing;
    }
    if (requested <= 1) return 0;
    std::error_code ec;
    if (fs::exists(path, ec) && !(fs::is_directory(path, ec) && fs::is_empty(path, ec))) {
        throw UsageError(path.string() + ": already holds an index of one database (or other files); a sharded index of " +
                             std::to_string(requested) + " shards needs a new or empty directory");
    }
    return requested;
}

ShardedWriter::ShardedWriter(const fs::path& dir, std::size_t count, const IndexWriterOptions& options)
    : options_(options) {
    std::error_code ec;
    if (sharded_index_count(dir) != 0) {
        // All shards missing: a run that died after writing the stub; create
        // them. Some missing: refuse, or a new empty shard would hide the real one.
        std::size_t present = 0;
        for (std::size_t i = 0; i < count; ++i) present += fs::exists(shard_path(dir, i), ec) ? 1 : 0;
        for (std::size_t i = 0; present != 0 && i < count; ++i) {
            if (!fs::exists(shard_path(dir, i), ec)) {
                throw IndexError(IndexError::Kind::unavailable, shard_path(dir, i).string(),
                                 "shard missing (listed in " + (dir / shard_stub_name).string() +
                                     "); restore it before writing to the index");
            }
        }
    } else {
        fs::create_directories(dir, ec);
        if (ec) throw IndexError(IndexError::Kind::unwritable, dir.string(), "cannot create the index directory: " + ec.message());
        // The stub first: a crash before the shards exist leaves an index
        // whose shards a searcher reports missing and the next run creates.
        write_shard_stub(dir, count);
    }
    IndexWriterOptions shard_options = options;
    shard_options.shards = 0;
    shard_options.threads = 1;               // the pool below analyses for every shard
    shard_options.parallel_writers = false;  // one Xapian writer per shard already writes in parallel to N files
    shard_options.batch_size = std::numeric_limits<std::size_t>::max();  // count_written() commits
    shard_options.memory_limit = options.memory_limit / count;
    shard_options.compact_min_articles = options.compact_min_articles ? 1 : 0;  // the whole index decides
    // One budget for the near-duplicate tables of all shards.
    const std::size_t band_budget = options.band_table_bytes ? options.band_table_bytes
                                    : options.memory_limit   ? options.memory_limit / 8
                                                             : default_band_table_bytes;
    shard_options.band_table_bytes = std::max<std::size_t>(1, band_budget / count);
    shards_.reserve(count);
    for (std::size_t i = 0; i < count; ++i) open_shard(dir, i, count, shard_options);

    if (options.detect_duplicates) {
        // A near-duplicate can have any id, so it can be in any shard: look in
        // all, and take the closest, as one index would.
        for (std::size_t i = 0; i < count; ++i) {
            shard(i).cluster_lookup = [this, i](const Signature& sig, const std::string& id, Xapian::docid own_docid) {
                return closest_cluster(i, sig, id, own_docid);
            };
        }
    }
    const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    if (threads > 1) pool_ = std::make_unique<AnalysisPool>(threads, shard(0).builder->analyzer(), options, 64 * threads);
}

void ShardedWriter::open_shard(const fs::path& dir, std::size_t i, std::size_t count,
                               const IndexWriterOptions& shard_options) {
    shards_.emplace_back(shard_path(dir, i), shard_options);
    IndexWriter::Impl& s = shard(i);
    const std::string expected = std::to_string(i) + "/" + std::to_string(count);
    try {
        const std::string found = s.db.get_metadata(meta_shard);
        if (found.empty()) {
            if (s.db.get_doccount() != 0) {
                throw IndexError(IndexError::Kind::other, s.path,
                                 "holds articles but is not marked as a shard; the stub lists it as shard " + expected);
            }
            s.db.set_metadata(meta_shard, expected);
            s.db.set_metadata(meta_shard_hash, shard_hash_name);
            s.db.commit();
        } else if (found != expected) {
            throw IndexError(IndexError::Kind::other, s.path,
                             "is shard " + found + " but the stub lists it as shard " + expected +
                                 " (was the stub file edited?)");
        } else if (s.db.get_metadata(meta_shard_hash) != shard_hash_name) {
            throw IndexError(IndexError::Kind::other, s.path,
                             "routes ids with \"" + s.db.get_metadata(meta_shard_hash) + "\", which this newsdex does not know");
        }
    } catch (const Xapian::Error& e) {
        rethrow_index_error(e, s.path, "opening shard " + expected);
    }
}

ShardedWriter::~ShardedWriter() {
    try {
        drain(true);
    } catch (...) {
        // As ~IndexWriter: callers who care call commit() first. Each shard commits in its destructor.
    }
    pool_.reset();
}

std::string ShardedWriter::closest_cluster(std::size_t own_shard, const Signature& sig, const std::string& id,
                                           Xapian::docid own_docid) const {
    // Every version of an article is in its own shard, so only there is an
    // earlier version to be ignored. Equal similarities go to the lower shard
    // (one index would take the candidate sharing more bands, then the older).
    NearDuplicateMatch best;
    for (std::size_t s = 0; s < shards_.size(); ++s) {
        const IndexWriter::Impl& other = shard(s);
        NearDuplicateMatch match = closest_near_duplicate(other.committed, other.recent, other.recent_has_all, sig,
                                                          s == own_shard ? own_docid : 0, nullptr, other.layout);
        if (!match.cluster.empty() && match.similarity > best.similarity) best = std::move(match);
    }
    return best.cluster.empty() ? id : best.cluster;
}

IndexWriter::Impl& ShardedWriter::shard(std::size_t i) const { return *shards_[i].impl_; }

IndexWriter::Impl& ShardedWriter::shard_for(const std::string& id) const { return shard(shard_of(id, shards_.size())); }

UpsertResult ShardedWriter::upsert(Article article) {
    if (article.id.empty()) article.id = content_id(article);
    if (pool_) {
        Built built;
        while (pool_->full() && pool_->next(built, true)) write_built(built);
        pool_->submit(std::move(article));
        drain(false);
        return UpsertResult::queued;
    }
    IndexWriter::Impl& s = shard_for(article.id);
    UpsertResult result;
    try {
        const std::size_t text_bytes = article.title.size() + article.body.size();
        Xapian::Document doc = s.build(article);
        result = s.write(article.id, doc, text_bytes);
    } catch (const Xapian::Error& e) {
        rethrow_index_error(e, s.path, "adding article \"" + article.id + "\"");
    }
    count_written();
    return result;
}

void ShardedWriter::write_built(Built& built) {
    shard_for(built.id).write_built(built);
    count_written();
}

void ShardedWriter::drain(bool all) {
    if (!pool_) return;
    Built built;
    while (pool_->next(built, all)) write_built(built);
}

void ShardedWriter::count_written() {
    if (++since_commit_ < options_.batch_size) return;
    for (std::size_t i = 0; i < shards_.size(); ++i) shard(i).flush();
    since_commit_ = 0;
}

bool ShardedWriter::remove(const std::string& id) {
    drain(true);  // in input order after what is queued
    IndexWriter::Impl& s = shard_for(id);
    bool removed = false;
    try {
        removed = s.remove(id);
    } catch (const Xapian::Error& e) {
        rethrow_index_error(e, s.path, "deleting article \"" + id + "\"");
    }
    count_written();
    return removed;
}

CompactionResult ShardedWriter::compact() {
    commit();
    CompactionResult result;
    for (IndexWriter& writer : shards_) add_compaction(result, writer.compact());
    return result;
}

void ShardedWriter::commit() {
    drain(true);
    for (IndexWriter& writer : shards_) writer.commit();
    since_commit_ = 0;
}

CompactionResult ShardedWriter::compact_fresh_build() {
    commit();
    CompactionResult result;
    if (options_.compact_min_articles == 0 || stats().added < options_.compact_min_articles) return result;
    for (IndexWriter& writer : shards_) add_compaction(result, writer.compact_fresh_build());
    return result;
}

IndexWriterStats ShardedWriter::stats() const {
    IndexWriterStats total;
    for (const IndexWriter& writer : shards_) {
        const IndexWriterStats one = writer.stats();
        total.added += one.added;
        total.replaced += one.replaced;
        total.removed += one.removed;
        total.not_found += one.not_found;
        total.commits = std::max(total.commits, one.commits);
    }
    return total;
}

std::size_t ShardedWriter::article_count() const {
    std::size_t total = 0;
    for (const IndexWriter& writer : shards_) total += writer.article_count();
    return total;
}

}  // namespace newsdex::detail
