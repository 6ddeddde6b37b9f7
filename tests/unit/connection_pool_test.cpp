// The HTTP server's connection threads: every connection is run once, at most
// pending_limit wait for a thread, and the acceptor waits for room beyond that.
#include "connection_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

using newsdex::server::ConnectionPool;
using namespace std::chrono_literals;

TEST(ConnectionPool, RunsEveryConnectionOnce) {
    std::atomic<int> runs{0};
    {
        ConnectionPool pool(3, 4);
        for (int i = 0; i < 100; ++i) pool.enqueue([&runs] { ++runs; });
        pool.shutdown();
    }
    EXPECT_EQ(runs.load(), 100);
}

TEST(ConnectionPool, AcceptorWaitsWhenThePendingConnectionsAreFull) {
    ConnectionPool pool(1, 2);
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> done{0};
    auto slow = [released, &done] {
        released.wait();
        ++done;
    };
    pool.enqueue(slow);  // picked up by the one thread, which then waits
    while (pool.pending() != 0) std::this_thread::sleep_for(1ms);
    pool.enqueue(slow);
    pool.enqueue(slow);
    EXPECT_EQ(pool.pending(), 2u);
    std::atomic<bool> fourth_accepted{false};
    std::thread acceptor([&] {
        pool.enqueue(slow);
        fourth_accepted = true;
    });
    std::this_thread::sleep_for(100ms);
    EXPECT_FALSE(fourth_accepted.load()) << "a third pending connection was queued past the limit of 2";
    EXPECT_EQ(pool.pending(), 2u);
    release.set_value();
    acceptor.join();
    EXPECT_TRUE(fourth_accepted.load());
    pool.shutdown();
    EXPECT_EQ(done.load(), 4);
}

TEST(ConnectionPool, ShutdownFinishesThePendingConnections) {
    std::atomic<int> runs{0};
    ConnectionPool pool(1, 8);
    for (int i = 0; i < 8; ++i) {
        pool.enqueue([&runs] {
            std::this_thread::sleep_for(2ms);
            ++runs;
        });
    }
    pool.shutdown();
    EXPECT_EQ(runs.load(), 8);
    pool.enqueue([&runs] { ++runs; });  // after shutdown: run at once, not lost
    EXPECT_EQ(runs.load(), 9);
}
