/// @file index_writer_impl.hpp
/// The state of an IndexWriter, shared by the files that implement it
/// (library-internal): index_writer.cpp (opening, upserts, story clusters,
/// the memory budget, commits), bulk_build.cpp (parallel builds into an empty
/// index) and compaction.cpp (compacting and swapping a rebuilt copy in).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analysis_pool.hpp"
#include "band_table.hpp"
#include "document_builder.hpp"
#include "near_duplicates.hpp"
#include "newsdex/index_writer.hpp"
#include "segment_writers.hpp"

namespace newsdex {

namespace detail {

/// A small stand-in for a document written since the last commit: just what
/// assign_cluster() reads (id term, band terms, signature and cluster values).
Xapian::Document cluster_stub(const Xapian::Document& doc, const std::string& id_term);

/// A bulk build into an empty index (IndexWriterOptions::parallel_writers):
/// documents go to segment databases written in parallel next to the index,
/// merged into it at commit(); the serial writer keeps only what id and
/// near-duplicate look-ups need, as stubs at the documents' final docids.
struct BulkBuild {
    std::filesystem::path dir;              ///< ".NAME.newsdex-compact" next to the index
    Xapian::WritableDatabase stubs;         ///< cluster_stub() of every document, at its docid
    Xapian::WritableDatabase replacements;  ///< later versions of ids already written in this build
    bool has_replacements = false;
    Segment segment;                        ///< documents since the last flush
    std::unique_ptr<SegmentWriters> writers;

    BulkBuild(std::filesystem::path build_dir, unsigned threads);
    ~BulkBuild();
    BulkBuild(const BulkBuild&) = delete;
    BulkBuild& operator=(const BulkBuild&) = delete;

    std::string lookup_path() const { return (dir / "lookup").string(); }

    /// Stands in for add_document()/replace_document() on the index: @return the docid.
    Xapian::docid write(const std::string& id_term, Xapian::Document& doc, const Xapian::Document& stub,
                        bool existed);
};

}  // namespace detail

struct IndexWriter::Impl {
    std::string path;
    IndexWriterOptions options;
    int open_flags = 0;  ///< flags the database was opened with (reused after a swap)
    bool fresh = false;  ///< the index held no document (and never had one) when opened
    detail::LshLayout layout;  ///< the index's near-duplicate band layout (its metadata)
    Xapian::WritableDatabase db;
    std::unique_ptr<detail::DocumentBuilder> builder;
    std::unique_ptr<detail::AnalysisPool> pool;  ///< null when threads == 1
    std::unique_ptr<detail::BulkBuild> bulk;     ///< while a parallel bulk build is under way
    std::optional<CompactionResult> merged;      ///< what merging the bulk build did
    /// Documents are built against this empty database (every article starts
    /// as its own story); write() then assigns the real cluster.
    Xapian::WritableDatabase empty{std::string(), Xapian::DB_BACKEND_INMEMORY};

    // Look-ups never touch `db`: on a WritableDatabase with uncommitted
    // changes every postlist opened flushes part of the change buffer, which
    // made id and near-duplicate look-ups cost more than indexing itself.
    // They go to the last commit (read-only) plus the in-memory band table.
    Xapian::Database committed;  ///< the index (or a bulk build's stubs) as of the last commit
    /// Signatures, bands and clusters of the articles written since the last
    /// commit or, while recent_has_all, since the index was empty: then a
    /// near-duplicate look-up is hash probes only, and its cost does not grow
    /// with the index. Past band_budget bytes it keeps only what came since the last commit.
    detail::BandTable recent;
    bool recent_has_all = false;
    std::size_t band_budget = 0;
    /// Id terms written since the last commit, with their docids.
    std::unordered_map<std::string, Xapian::docid> pending_ids;
    std::unordered_set<std::string> pending_removals;  ///< id terms deleted since the last commit
    /// Set for a shard of a sharded index: near-duplicate look-ups search
    /// every shard (a near-duplicate can have any id, so be in any shard);
    /// else they search this index's committed + recent.
    std::function<std::string(const detail::Signature& sig, const std::string& id, Xapian::docid own_docid)>
        cluster_lookup;
    /// Set for a sharded index: every call goes to it, the rest is unused.
    std::unique_ptr<detail::ShardedWriter> sharded;

    std::size_t pending = 0;
    std::size_t pending_text_bytes = 0;
    std::size_t buffer_budget = 0;       ///< text bytes per commit allowed by memory_limit (0 = no limit)
    unsigned bulk_writers = 0;           ///< segment writer threads of a bulk build
    IndexWriterStats stats;

    // index_writer.cpp
    /// Checks or writes the schema metadata; @return the analyzer settings to index with.
    AnalyzerSettings open_schema();
    /// Records the cross-script key version in a new or older index; refuses keys of another version.
    void check_cross_script_keys();
    /// The analysis pool, the memory budget and (into an empty index) the bulk build.
    void start_threads();
    /// Reopens `committed` after a commit; the band table then keeps only
    /// what comes next, unless it still holds every article (recent_has_all).
    void reset_lookup();
    /// Ends recent_has_all: a bulk build's look-up database gets the band terms,
    /// signatures and clusters of every article in the table, and is committed.
    void spill_band_table();
    Xapian::Document build(Article& article) { return builder->build(article, empty); }
    /// The story cluster of @p doc (built against `empty`) against everything
    /// written so far, set in @p doc; @p own_docid is the article's earlier version (0: none).
    /// @return the document's signature (empty if it has none).
    detail::Signature assign_cluster(Xapian::Document& doc, const std::string& id, Xapian::docid own_docid);
    UpsertResult write(const std::string& id, Xapian::Document& doc, std::size_t text_bytes);
    bool over_memory_budget();
    /// Whether @p id_term names an article, counting changes since the last commit.
    bool holds(const std::string& id_term) const;
    bool remove(const std::string& id);
    void flush();
    /// Writes every document the pool has finished, in order; all of them if @p all.
    void drain(bool all);
    void write_built(detail::Built& built);

    // bulk_build.cpp
    /// Ends a bulk build: waits for the segment writers, merges the (empty)
    /// index and every segment into one compact database next to it, applies
    /// the replacements, syncs it and swaps it in; the writer then goes on as
    /// a plain single writer on the merged index.
    void merge_bulk();

    // compaction.cpp
    /// Swaps the complete database at @p built in for the index (detail::swap_in)
    /// and reopens the writer on it; the old index is left at @p built.
    /// @return empty, or why the swap is impossible here (then nothing changed).
    /// @throws IndexError if reopening fails.
    [[nodiscard]] std::string swap_in_and_reopen(const std::filesystem::path& built);
    /// Compacts the committed index into a sibling directory, checks the copy
    /// and swaps it in; where that is impossible, says why in `skipped`.
    CompactionResult compact_in_place();
};

}  // namespace newsdex
