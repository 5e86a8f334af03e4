#include "core/work_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace verdeelscan {
namespace {

// Counts the calls running at once and remembers the most seen.
struct Concurrency {
  std::atomic<int> now{0}, most{0};
  void Enter() {
    const int n = ++now;
    int seen = most.load();
    while (n > seen && !most.compare_exchange_weak(seen, n)) {
    }
  }
  void Leave() { --now; }
};

void Sleep(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

TEST(WorkPool, EveryIndexOnceOnSeveralThreads) {
  WorkPool pool(4);
  EXPECT_EQ(pool.threads(), 4);
  std::vector<std::atomic<int>> calls(40);
  std::mutex mu;
  std::set<std::thread::id> threads;
  Concurrency c;
  pool.ParallelFor(40, 4, [&](int i) {
    c.Enter();
    ++calls[size_t(i)];
    {
      std::lock_guard<std::mutex> lock(mu);
      threads.insert(std::this_thread::get_id());
    }
    Sleep(5);
    c.Leave();
    return true;
  });
  for (const auto& n : calls) EXPECT_EQ(n.load(), 1);
  EXPECT_GT(threads.size(), 1u);
  EXPECT_LE(c.most.load(), 4);
}

TEST(WorkPool, MaxThreadsBoundsOneLoop) {
  WorkPool pool(4);
  Concurrency c;
  pool.ParallelFor(20, 2, [&](int) {
    c.Enter();
    Sleep(5);
    c.Leave();
    return true;
  });
  EXPECT_LE(c.most.load(), 2);
}

TEST(WorkPool, StopsClaimingAfterFalseButFinishesEarlierIndices) {
  WorkPool pool(3);
  std::vector<std::atomic<int>> calls(100);
  pool.ParallelFor(100, 3, [&](int i) {
    ++calls[size_t(i)];
    if (i == 10) return false;
    Sleep(2);
    return true;
  });
  for (int i = 0; i <= 10; ++i) EXPECT_EQ(calls[size_t(i)].load(), 1) << i;
  int after = 0;
  for (int i = 11; i < 100; ++i) {
    EXPECT_LE(calls[size_t(i)].load(), 1) << i;
    after += calls[size_t(i)].load();
  }
  // Only indices the other threads claimed before they saw 10 fail: on an
  // idle machine at most 2, but a thread preempted between claiming 10 and
  // failing lets the others go on for as long as it waits, so the bound is
  // loose; without the stop all 89 would run.
  EXPECT_LT(after, 30);
}

TEST(WorkPool, ExceptionIsRethrownToTheCaller) {
  WorkPool pool(2);
  EXPECT_THROW(pool.ParallelFor(10, 2,
                                [&](int i) -> bool {
                                  if (i == 3) throw std::runtime_error("page 4");
                                  return true;
                                }),
               std::runtime_error);
  // The pool still works afterwards.
  std::atomic<int> n{0};
  pool.ParallelFor(5, 2, [&](int) { return ++n, true; });
  EXPECT_EQ(n.load(), 5);
}

// A batch: a loop over files whose bodies each loop over their pages on the
// same pool. Every page runs once, no more pages run at once than the pool
// has threads, and the threads that run out of files help with the pages of
// the files still running (here: one long file among short ones).
TEST(WorkPool, NestedLoopsShareTheThreads) {
  WorkPool pool(3);
  const std::vector<int> pages_of = {12, 1, 1, 1};
  std::vector<std::vector<std::atomic<int>>> calls;
  for (int n : pages_of) calls.emplace_back(size_t(n));
  Concurrency pages;
  std::mutex mu;
  std::set<std::thread::id> long_file_threads;
  pool.ParallelFor(int(pages_of.size()), 3, [&](int file) {
    pool.ParallelFor(pages_of[size_t(file)], 3, [&](int page) {
      pages.Enter();
      ++calls[size_t(file)][size_t(page)];
      if (file == 0) {
        std::lock_guard<std::mutex> lock(mu);
        long_file_threads.insert(std::this_thread::get_id());
      }
      Sleep(10);
      pages.Leave();
      return true;
    });
    return true;
  });
  for (const auto& file : calls) {
    for (const auto& n : file) EXPECT_EQ(n.load(), 1);
  }
  EXPECT_LE(pages.most.load(), 3);
  EXPECT_GT(long_file_threads.size(), 1u);
}

TEST(WorkPool, OneThreadRunsInOrderOnTheCaller) {
  WorkPool pool(1);
  std::vector<int> order;
  const auto caller = std::this_thread::get_id();
  pool.ParallelFor(5, 4, [&](int i) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    order.push_back(i);
    return true;
  });
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace verdeelscan
