/// @file analysis_pool.hpp
/// Articles analysed into Xapian documents on N threads, handed back in input
/// order (library-internal; used by IndexWriter when threads > 1).
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "newsdex/article.hpp"
#include "newsdex/index_writer.hpp"

namespace newsdex::detail {

/// An article on its way through the analysis threads.
struct Built {
    std::string id;
    std::size_t text_bytes = 0;
    Xapian::Document doc;
    std::exception_ptr error;  ///< what building it threw, rethrown by the writer in order
};

/// Analysis in parallel, results handed back in input order.
///
/// Each worker owns a DocumentBuilder (Analyzer, ICU state) and builds documents
/// against an empty in-memory database, as the single-threaded path does, so
/// every article starts as its own story cluster; the writer then assigns the
/// real cluster in input order, so the index does not depend on the thread count.
class AnalysisPool {
  public:
    /// @p threads workers; at most @p max_in_flight articles queued or done but not taken.
    AnalysisPool(unsigned threads, const Analyzer& analyzer, const IndexWriterOptions& options,
                 std::size_t max_in_flight);
    ~AnalysisPool();
    AnalysisPool(const AnalysisPool&) = delete;
    AnalysisPool& operator=(const AnalysisPool&) = delete;

    bool full() const;
    bool empty() const;
    void submit(Article article);

    /// The next document in input order: waits for it if @p wait, else returns
    /// false when it is not ready yet (or nothing is queued).
    bool next(Built& out, bool wait);

  private:
    void work(Analyzer analyzer, IndexWriterOptions options);

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

}  // namespace newsdex::detail
