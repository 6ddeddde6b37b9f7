#include "segment_writers.hpp"

#include <cstdio>

namespace newsdex::detail {

namespace {

/// Unprefixed words of three bytes or more: what the spelling table holds.
bool spelling_term(const std::string& term) {
    auto first = static_cast<unsigned char>(term[0]);
    return term.size() >= 3 && ((first >= 'a' && first <= 'z') || first >= 0xC0);
}

}  // namespace

void add_spellings(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if (spelling_term(*t)) db.add_spelling(*t);
    }
}

void add_spellings_of_terms(Xapian::WritableDatabase& db, const Xapian::Database& terms) {
    // Terms are sorted bytewise: spelling words start at 'a'..'z' or a UTF-8 lead byte >= 0xC0,
    // so the prefixed families (upper case) and digit-first words are skipped, not read.
    auto t = terms.allterms_begin();
    t.skip_to("a");
    for (; t != terms.allterms_end(); ++t) {
        const auto first = static_cast<unsigned char>((*t)[0]);
        if (first > 'z' && first < 0xC0) {
            t.skip_to("\xC0");
            if (t == terms.allterms_end()) break;
        }
        if (spelling_term(*t)) db.add_spelling(*t, t.get_termfreq());
    }
}

void remove_spellings(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if (spelling_term(*t)) db.remove_spelling(*t);
    }
}

SegmentWriters::SegmentWriters(std::filesystem::path dir, unsigned threads)
    : dir_(std::move(dir)), max_queued_(threads) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

SegmentWriters::~SegmentWriters() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    work_ready_.notify_all();
    for (auto& t : threads_) t.join();
}

void SegmentWriters::rethrow_error() {
    if (error_) std::rethrow_exception(error_);
}

void SegmentWriters::submit(Segment segment) {
    std::unique_lock<std::mutex> lock(mutex_);
    // At most one segment per writer in flight (queued or being written): bounds memory.
    progress_.wait(lock, [&] { return error_ || queue_.size() + busy_ < max_queued_; });
    rethrow_error();
    char name[32];
    std::snprintf(name, sizeof name, "segment-%06zu", paths_.size());
    queue_.emplace_back(paths_.size(), std::move(segment));
    paths_.push_back(dir_ / name);
    lock.unlock();
    work_ready_.notify_one();
}

std::vector<std::filesystem::path> SegmentWriters::finish() {
    std::unique_lock<std::mutex> lock(mutex_);
    progress_.wait(lock, [&] { return error_ || (queue_.empty() && busy_ == 0); });
    rethrow_error();
    return paths_;
}

void SegmentWriters::work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        auto [number, segment] = std::move(queue_.front());
        queue_.pop_front();
        const std::filesystem::path path = paths_[number];
        ++busy_;
        lock.unlock();
        progress_.notify_all();  // room in the queue
        std::exception_ptr error;
        try {
            // No sync: the merged index is synced once, and a crash loses only
            // segments that were never part of the live index.
            Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
            for (auto& [docid, doc] : segment) {
                // Spellings are not added here: merge_bulk() makes them once from the merged terms.
                db.replace_document(docid, doc);
                doc = Xapian::Document();  // its copy is in Xapian's buffer now
            }
            segment.clear();
            db.commit();
            db.close();
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        --busy_;
        if (error && !error_) error_ = error;
        progress_.notify_all();
    }
}

}  // namespace newsdex::detail
