/// @file searcher_pool.hpp
/// A fixed number of Searchers (one per worker: a Searcher serves one thread)
/// and a bounded queue of requests waiting for one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "newsdex/searcher.hpp"

namespace newsdex::server {

class SearcherPool {
  public:
    /** Opens @p workers Searchers over @p indexes.
     *  @param queue_limit how many requests may wait for a free Searcher
     *  @throws IndexError as Searcher does; UsageError for 0 workers. */
    SearcherPool(const std::vector<std::filesystem::path>& indexes, unsigned workers, unsigned queue_limit,
                 const SearcherOptions& options = {});

    /// A Searcher lent to one request; given back when the lease ends.
    class Lease {
      public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher);
        ~Lease();
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Searcher& operator*() const { return *searcher_; }
        Searcher* operator->() const { return searcher_.get(); }

      private:
        SearcherPool* pool_;
        std::unique_ptr<Searcher> searcher_;
    };

    enum class Refusal { none, queue_full, waited_too_long };

    /// A free Searcher, waiting up to @p wait for one; none (and why) when
    /// queue_limit requests already wait or the wait runs out.
    std::unique_ptr<Lease> acquire(std::chrono::milliseconds wait, Refusal& refusal);

    struct Load {
        unsigned workers = 0;
        unsigned busy = 0;
        unsigned waiting = 0;
        unsigned queue_limit = 0;
    };
    Load load() const;

  private:
    void give_back(std::unique_ptr<Searcher> searcher);

    mutable std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<Searcher>> free_;
    unsigned workers_;
    unsigned queue_limit_;
    unsigned waiting_ = 0;
};

}  // namespace newsdex::server
