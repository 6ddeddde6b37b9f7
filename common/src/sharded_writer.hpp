/// @file sharded_writer.hpp
/// An IndexWriter over a sharded index: one writer per shard, articles routed
/// by shard_of(id), analysed and clustered in input order across all shards
/// (library-internal).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <vector>

#include <xapian.h>

#include <string>

#include "analysis_pool.hpp"
#include "near_duplicates.hpp"
#include "newsdex/index_writer.hpp"

namespace newsdex::detail {

/** How many shards IndexWriter(@p path) writes: 0 for one plain database
 *  (@p requested 0 or 1 and no sharded index at @p path), else the existing
 *  count or @p requested for a new index.
 *  @throws UsageError when @p requested differs from an existing sharded index's count;
 *  IndexError when @p requested > 1 and @p path already holds something else. */
/// Bytes of near-duplicate tables of an index when neither band_table_bytes nor memory_limit says.
inline constexpr std::size_t default_band_table_bytes = std::size_t(512) << 20;

std::size_t shards_to_write(const std::filesystem::path& path, unsigned requested);

/// Every shard is a plain single-threaded IndexWriter; this class owns the
/// one analysis pool, so documents reach their shards in input order, and
/// gives every shard's near-duplicate look-up all shards to search, so story
/// clusters are the ones a single index would assign.
class ShardedWriter {
  public:
    /// Creates the directory and stub for a new index, opens (or creates) every shard.
    /// @throws IndexError when a shard is locked, unwritable, or not the shard the stub says.
    ShardedWriter(const std::filesystem::path& dir, std::size_t count, const IndexWriterOptions& options);
    ~ShardedWriter();
    ShardedWriter(const ShardedWriter&) = delete;
    ShardedWriter& operator=(const ShardedWriter&) = delete;

    UpsertResult upsert(Article article);
    bool remove(const std::string& id);
    void commit();
    CompactionResult compact_fresh_build();
    /// Compacts every shard in place (IndexWriter::compact()); sizes add up.
    CompactionResult compact();
    IndexWriterStats stats() const;
    std::size_t article_count() const;
    std::size_t shard_count() const { return shards_.size(); }

  private:
    IndexWriter::Impl& shard(std::size_t i) const;
    IndexWriter::Impl& shard_for(const std::string& id) const;
    void open_shard(const std::filesystem::path& dir, std::size_t i, std::size_t count,
                    const IndexWriterOptions& shard_options);
    void write_built(Built& built);
    /// The cluster of the closest near-duplicate of @p sig in any shard (else
    /// @p id), for an article of shard @p own_shard whose earlier version there is @p own_docid.
    std::string closest_cluster(std::size_t own_shard, const Signature& sig, const std::string& id,
                                Xapian::docid own_docid) const;
    void drain(bool all);
    /// Commits every shard together every batch_size articles (one batch boundary for the whole index).
    void count_written();

    IndexWriterOptions options_;
    std::vector<IndexWriter> shards_;
    std::unique_ptr<AnalysisPool> pool_;
    std::size_t since_commit_ = 0;
};

}  // namespace newsdex::detail
