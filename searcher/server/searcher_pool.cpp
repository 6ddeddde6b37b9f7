/// @file searcher_pool.cpp
/// SearcherPool: lend Searchers to requests, refuse beyond the queue limit.
#include "searcher_pool.hpp"

#include "newsdex/error.hpp"

namespace newsdex::server {

SearcherPool::SearcherPool(const std::vector<std::filesystem::path>& indexes, unsigned workers, unsigned queue_limit,
                           const SearcherOptions& options)
    : workers_(workers), queue_limit_(queue_limit) {
    if (workers == 0) throw UsageError("--workers must be at least 1");
    for (unsigned i = 0; i < workers; ++i) free_.push_back(std::make_unique<Searcher>(indexes, options));
}

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
    : pool_(&pool), searcher_(std::move(searcher)) {}

SearcherPool::Lease::~Lease() {
    if (searcher_) pool_->give_back(std::move(searcher_));
}

std::unique_ptr<SearcherPool::Lease> SearcherPool::acquire(std::chrono::milliseconds wait, Refusal& refusal) {
    std::unique_lock<std::mutex> lock(mutex_);
    refusal = Refusal::none;
    if (free_.empty()) {
        if (waiting_ >= queue_limit_) {
            refusal = Refusal::queue_full;
            return nullptr;
        }
        ++waiting_;
        const bool got = freed_.wait_for(lock, wait, [&] { return !free_.empty(); });
        --waiting_;
        if (!got) {
            refusal = Refusal::waited_too_long;
            return nullptr;
        }
    }
    std::unique_ptr<Searcher> searcher = std::move(free_.back());
    free_.pop_back();
    return std::make_unique<Lease>(*this, std::move(searcher));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        free_.push_back(std::move(searcher));
    }
    freed_.notify_one();
}

SearcherPool::Load SearcherPool::load() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return {workers_, workers_ - static_cast<unsigned>(free_.size()), waiting_, queue_limit_};
}

}  // namespace newsdex::server
