/// @file analysis_pool.cpp
/// The analysis threads of IndexWriter.
#include "analysis_pool.hpp"

#include "document_builder.hpp"

namespace newsdex::detail {

AnalysisPool::AnalysisPool(unsigned threads, const Analyzer& analyzer, const IndexWriterOptions& options,
                           std::size_t max_in_flight)
    : max_in_flight_(max_in_flight) {
    for (unsigned i = 0; i < threads; ++i) {
        workers_.emplace_back([this, analyzer, options] { work(analyzer, options); });
    }
}

AnalysisPool::~AnalysisPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    for (auto& t : workers_) t.join();
}

bool AnalysisPool::full() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return next_seq_ - next_out_ >= max_in_flight_;
}

bool AnalysisPool::empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return next_seq_ == next_out_;
}

void AnalysisPool::submit(Article article) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.emplace_back(next_seq_++, std::move(article));
    }
    work_ready_.notify_one();
}

bool AnalysisPool::next(Built& out, bool wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (next_out_ == next_seq_) return false;
    auto ready = [&] { return done_.count(next_out_) != 0; };
    if (!ready()) {
        if (!wait) return false;
        result_ready_.wait(lock, ready);
    }
    auto it = done_.find(next_out_);
    out = std::move(it->second);
    done_.erase(it);
    ++next_out_;
    return true;
}

void AnalysisPool::work(Analyzer analyzer, IndexWriterOptions options) {
    DocumentBuilder builder(std::move(analyzer), options);
    Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        auto [seq, article] = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        Built built;
        built.id = article.id;
        built.text_bytes = article.title.size() + article.body.size();
        try {
            built.doc = builder.build(article, empty);
        } catch (...) {
            built.error = std::current_exception();
        }
        lock.lock();
        done_.emplace(seq, std::move(built));
        result_ready_.notify_all();
    }
}

}  // namespace newsdex::detail
