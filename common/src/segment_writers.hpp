/// @file segment_writers.hpp
/// Parallel Xapian writers for bulk builds: each batch of documents becomes
/// its own small database ("segment"), written by one of N threads (library-internal).
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace newsdex::detail {

/// Documents with the docids they must have in the final index.
using Segment = std::vector<std::pair<Xapian::docid, Xapian::Document>>;

/// Writes segments concurrently into @p dir/segment-NNNNNN, each a new glass
/// database holding its documents at their given docids (so the segments'
/// docid ranges are disjoint and Database::compact(DBCOMPACT_NO_RENUMBER)
/// merges them into one index with exactly those docids).
class SegmentWriters {
  public:
    /// @p threads writers; at most that many segments are queued or being written.
    SegmentWriters(std::filesystem::path dir, unsigned threads);
    /// Stops the writers (segments still queued are dropped).
    ~SegmentWriters();
    SegmentWriters(const SegmentWriters&) = delete;
    SegmentWriters& operator=(const SegmentWriters&) = delete;

    /// Queues @p segment (blocks while the queue is full).
    /// @throws the first error a writer hit (Xapian::Error, std::bad_alloc ...).
    void submit(Segment segment);

    /// Waits until every queued segment is committed; @return their paths in submission order.
    /// @throws the first error a writer hit.
    std::vector<std::filesystem::path> finish();

  private:
    void work();
    void rethrow_error();  ///< with mutex_ held

    const std::filesystem::path dir_;
    const std::size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable progress_;
    std::deque<std::pair<std::size_t, Segment>> queue_;
    std::vector<std::filesystem::path> paths_;
    std::size_t busy_ = 0;
    bool stopping_ = false;
    std::exception_ptr error_;
    std::vector<std::thread> threads_;
};

/// Feeds "did you mean" (Searcher): each unprefixed word of @p doc once.
void add_spellings(Xapian::WritableDatabase& db, const Xapian::Document& doc);

/// Adds to @p db the spellings add_spellings() would have made for every
/// document of @p terms: each spelling word once per document holding it (its
/// term frequency), in one pass over the terms (a bulk build's merge: no
/// writer adds spellings per document).
void add_spellings_of_terms(Xapian::WritableDatabase& db, const Xapian::Database& terms);

/// Takes back what add_spellings() added for @p doc (when it is deleted).
void remove_spellings(Xapian::WritableDatabase& db, const Xapian::Document& doc);

}  // namespace newsdex::detail
