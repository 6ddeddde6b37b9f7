/// @file connection_pool.hpp
/// The threads that read and answer HTTP connections, with a bound on the
/// connections accepted but not yet picked up.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace newsdex::server {

/// cpp-httplib's own ThreadPool queues every accepted connection, without a
/// limit, however far behind its threads are. This pool holds at most
/// @p pending_limit of them; beyond that, the accepting thread waits for room,
/// so further connections wait in the kernel's listen backlog (a bounded
/// queue that costs the server no memory) until a thread is free.
class ConnectionPool final : public httplib::TaskQueue {
  public:
    ConnectionPool(std::size_t threads, std::size_t pending_limit);
    ~ConnectionPool() override;
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    void enqueue(std::function<void()> connection) override;
    void shutdown() override;

    /// Connections accepted and not yet picked up by a thread (for tests).
    std::size_t pending() const;

  private:
    void run();

    const std::size_t pending_limit_;
    mutable std::mutex mutex_;
    std::condition_variable work_;  // a connection is pending, or shutting down
    std::condition_variable room_;  // a connection was picked up
    std::deque<std::function<void()>> pending_;
    bool shutting_down_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace newsdex::server
