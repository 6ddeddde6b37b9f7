/// @file connection_pool.cpp
#include "connection_pool.hpp"

#include <algorithm>
#include <utility>

namespace newsdex::server {

ConnectionPool::ConnectionPool(std::size_t threads, std::size_t pending_limit)
    : pending_limit_(std::max<std::size_t>(1, pending_limit)) {
    threads = std::max<std::size_t>(1, threads);
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

ConnectionPool::~ConnectionPool() { shutdown(); }

void ConnectionPool::enqueue(std::function<void()> connection) {
    std::unique_lock lock(mutex_);
    // Waiting here blocks httplib's accept loop: a server asked to stop meanwhile
    // stops once a thread has picked up a connection (each is bounded by the
    // read and write timeouts), which makes room.
    room_.wait(lock, [this] { return pending_.size() < pending_limit_ || shutting_down_; });
    if (shutting_down_) {
        lock.unlock();
        connection();  // answers or closes the socket, which would otherwise leak
        return;
    }
    pending_.push_back(std::move(connection));
    work_.notify_one();
}

void ConnectionPool::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (shutting_down_ && threads_.empty()) return;
        shutting_down_ = true;
    }
    work_.notify_all();
    room_.notify_all();
    for (std::thread& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
    threads_.clear();
}

std::size_t ConnectionPool::pending() const {
    std::lock_guard lock(mutex_);
    return pending_.size();
}

void ConnectionPool::run() {
    for (;;) {
        std::function<void()> connection;
        {
            std::unique_lock lock(mutex_);
            work_.wait(lock, [this] { return !pending_.empty() || shutting_down_; });
            if (pending_.empty()) return;  // shutting down, and nothing left to answer
            connection = std::move(pending_.front());
            pending_.pop_front();
        }
        room_.notify_one();
        connection();
    }
}

}  // namespace newsdex::server
