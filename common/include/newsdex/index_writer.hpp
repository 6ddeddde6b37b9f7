/// @file index_writer.hpp
/// IndexWriter: creates or opens a newsdex index and upserts articles into it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "newsdex/analyzer.hpp"
#include "newsdex/article.hpp"

namespace newsdex {

struct IndexWriterOptions {
    AnalyzerSettings analyzer;       ///< used when creating; an existing index keeps its own
    bool extract_entities = true;    ///< run the entity extractor on each article
    bool detect_duplicates = true;   ///< near-duplicate story clustering
    std::size_t batch_size = 2000;   ///< articles per commit
    bool sync = true;                ///< false: DB_NO_SYNC (bulk builds; last commit still syncs)
    bool wait_for_lock = false;      ///< wait for another writer instead of failing
};

enum class UpsertResult { added, replaced };

/// Writes articles into one index. Not thread-safe; one writer per index.
class IndexWriter {
  public:
    /// Opens (or creates) the index at @p path.
    /// @throws IndexError (locked, unwritable, newer schema, corrupt).
    IndexWriter(const std::filesystem::path& path, IndexWriterOptions options = {});
    /// Commits pending articles (errors are swallowed here; call commit() to see them).
    ~IndexWriter();
    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;

    /// Adds @p article, replacing any article with the same id. Commits every
    /// batch_size articles. Fills in a missing id (stable hash of the content).
    /// @throws IndexError on a database failure (disk full, ...).
    UpsertResult upsert(Article article);

    /// Makes everything added so far durable and visible to searchers.
    void commit();

    /// Number of articles in the index (committed or not).
    std::size_t article_count() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The id given to an article that has none: a stable hash of title and body
/// ("h" + 16 hex digits).
std::string content_id(const Article& article);

}  // namespace newsdex
