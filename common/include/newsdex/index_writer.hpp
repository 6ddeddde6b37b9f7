/// @file index_writer.hpp
/// IndexWriter: creates or opens a newsdex index and upserts articles into it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "newsdex/analyzer.hpp"
#include "newsdex/article.hpp"
#include "newsdex/entities.hpp"

namespace newsdex {

struct IndexWriterOptions {
    AnalyzerSettings analyzer;       ///< used when creating; an existing index keeps its own
    bool extract_entities = true;    ///< run the entity extractor on each article
    /// The extractor to run (e.g. EntityExtractor::builtin().with_aliases(...)); null = builtin().
    std::shared_ptr<const EntityExtractor> entity_extractor;
    bool detect_duplicates = true;   ///< near-duplicate story clustering
    /// Articles without a lang get the language detected from their text
    /// (CLD2) when the detector is confident, else the index's default
    /// language. When false they keep no lang (and are stemmed in the default).
    bool detect_language = true;
    std::size_t batch_size = 2000;   ///< articles per commit
    bool sync = true;                ///< false: DB_NO_SYNC (bulk builds; last commit still syncs)
    bool wait_for_lock = false;      ///< wait for another writer instead of failing
    /// Analysis threads (tokenising, entities, signatures); 0 = one per core.
    /// With more than 1, upsert() queues the article and returns
    /// UpsertResult::queued; docids and story clusters are still assigned in
    /// input order, so the index is the same as with 1 thread. Documents are
    /// written by one Xapian writer, or by this many (parallel_writers).
    unsigned threads = 1;
    /// With threads > 1, an index that is empty when opened is built by that
    /// many parallel Xapian writers (at most one per core), each writing whole batches into its own
    /// segment database next to the index; commit() merges them into the index
    /// (compacted) and swaps it in atomically. Until then nothing is visible at
    /// the path, so a crash (SIGKILL, power loss) loses the whole build but
    /// never leaves a partial index. Later additions use one writer, and so
    /// does a build whose memory_limit is under 256 MB per thread.
    bool parallel_writers = true;
    /// Approximate bound on the process's peak memory in bytes (0 = none):
    /// pending changes are committed early, before batch_size, to stay under it.
    std::size_t memory_limit = 0;
    /// Into an index that is empty when opened, near-duplicate look-ups use an
    /// in-memory table of every article written (~500 bytes each) as long as
    /// it stays under this many bytes (0 = an eighth of memory_limit, or 512 MB
    /// without one); past it the table is written out and look-ups read the
    /// index (or the bulk build's look-up database) again. Clusters are the same either way.
    std::size_t band_table_bytes = 0;
    /// compact_fresh_build() compacts only if the index was empty when opened
    /// and at least this many articles were added (0 = never).
    std::size_t compact_min_articles = 0;
    /// Shards of a new index (0 or 1: one database). With N > 1 the path
    /// becomes a directory of N shard databases (shard-000 ...) and a Xapian
    /// stub file XAPIANDB listing them, which Searcher (and Xapian) open as
    /// one; each article goes to shard_of(id, N) (shards.hpp). An existing
    /// sharded index is opened with its own count whatever this says (0), or
    /// refused if it says another one. Story clusters are assigned across
    /// all shards, as in one index. Shards are written by one Xapian writer
    /// each (no parallel_writers); threads still analyse for all of them.
    unsigned shards = 0;
};

/// What compact_fresh_build() did.
struct CompactionResult {
    bool compacted = false;
    std::uintmax_t bytes_before = 0;
    std::uintmax_t bytes_after = 0;
    std::string skipped;  ///< why not, when compaction was attempted but skipped (else empty)
};

enum class UpsertResult { added, replaced, queued };

namespace detail {
class ShardedWriter;
}

/// What an IndexWriter has written so far.
struct IndexWriterStats {
    std::size_t added = 0;
    std::size_t replaced = 0;
    std::size_t commits = 0;  ///< batches committed (including early ones for memory_limit)
    std::size_t removed = 0;    ///< articles deleted by remove()
    std::size_t not_found = 0;  ///< remove() calls for ids the index does not hold
};

/// Writes articles into one index. Not thread-safe to call from several
/// threads; one writer per index (it may use worker threads internally).
class IndexWriter {
  public:
    /// Opens (or creates) the index at @p path: one database, or a sharded
    /// index (IndexWriterOptions::shards).
    /// @throws IndexError (locked, unwritable, newer schema, corrupt; a
    /// sharded index whose shard is not the one its stub names);
    /// UsageError when options.shards differs from an existing sharded index's count.
    IndexWriter(const std::filesystem::path& path, IndexWriterOptions options = {});
    /// Commits pending articles (errors are swallowed here; call commit() to see them).
    ~IndexWriter();
    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;

    /// Adds @p article, replacing any article with the same id. Commits every
    /// batch_size articles. Fills in a missing id (stable hash of the content).
    /// @throws IndexError on a database failure (disk full, ...).
    UpsertResult upsert(Article article);

    /**
     * Deletes the article with id @p id (with its spelling counts). Story
     * clusters stay right: a cluster is named by the id of its first article,
     * and the other copies keep that name, so they still collapse together and
     * later copies still join them. Like upsert(), it takes effect at the next
     * commit (batch_size changes at most are pending), so a crash loses at most
     * that batch and never leaves a half-deleted article.
     * @return false, and counts it in stats().not_found, if no article has that id.
     * @throws IndexError on a database failure.
     */
    bool remove(const std::string& id);

    /// Makes everything added (or queued) so far durable and visible to searchers.
    /// @throws IndexError on a database failure, or the error an analysis thread hit.
    void commit();

    /// After a bulk build into an empty index (see IndexWriterOptions::compact_min_articles):
    /// commits, compacts the index into a sibling temporary directory, checks it,
    /// and swaps it in with one atomic rename (Linux renameat2 RENAME_EXCHANGE),
    /// so a crash at any point leaves either the old or the new index at the path.
    /// Where the swap is impossible (another file system type, not a directory)
    /// the index is left as it is. The writer stays usable afterwards.
    /// @throws IndexError on a database failure.
    CompactionResult compact_fresh_build();

    /// Compacts the index now, whatever it went through (updates, deletions):
    /// commits, then the same compaction and atomic swap as
    /// compact_fresh_build(). Searchers open on the old index keep reading it
    /// until they reopen. The writer stays usable afterwards.
    /// @throws IndexError on a database failure.
    CompactionResult compact();

    /// Counts of articles written (queued articles count once written).
    IndexWriterStats stats() const;

    /// Number of articles in the index (committed or not).
    std::size_t article_count() const;

    /// Number of shard databases (1 for an index of one database).
    std::size_t shard_count() const;

  private:
    friend class detail::ShardedWriter;  // writes documents it analysed into its shards' writers
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The id given to an article that has none: a stable hash of title and body
/// ("h" + 16 hex digits).
std::string content_id(const Article& article);

}  // namespace newsdex
