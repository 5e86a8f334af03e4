#include "core/work_pool.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <system_error>
#include <utility>

namespace verdeelscan {
namespace {

// One ParallelFor's shared state. Owned jointly by the caller and its queued
// helpers: a helper that runs after the loop ended still finds it alive.
struct Loop {
  int count = 0;
  const std::function<bool(int)>* body = nullptr;  // valid until `closed`
  std::atomic<int> next{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::condition_variable idle;
  int active = 0;       // helpers inside Work
  bool closed = false;  // the caller is done: later helpers must not enter
  std::exception_ptr error;

  void Work() {
    while (!stop.load()) {
      const int index = next.fetch_add(1);
      if (index >= count) return;
      try {
        if (!(*body)(index)) stop = true;
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!error) error = std::current_exception();
        stop = true;
      }
    }
  }
};

}  // namespace

WorkPool::WorkPool(int threads) {
  for (int k = 1; k < threads; ++k) {
    try {
      workers_.emplace_back([this] { WorkerLoop(); });
    } catch (const std::system_error&) {
      break;  // no more threads available: go on with those we have
    }
  }
}

WorkPool::~WorkPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void WorkPool::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void WorkPool::WorkerLoop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void WorkPool::ParallelFor(int count, int max_threads, const std::function<bool(int)>& body) {
  if (count <= 0) return;
  auto loop = std::make_shared<Loop>();
  loop->count = count;
  loop->body = &body;
  const int helpers = std::min({max_threads, count, threads()}) - 1;
  for (int k = 0; k < helpers; ++k) {
    Post([loop] {
      {
        std::lock_guard<std::mutex> lock(loop->mu);
        if (loop->closed) return;
        ++loop->active;
      }
      loop->Work();
      std::lock_guard<std::mutex> lock(loop->mu);
      if (--loop->active == 0) loop->idle.notify_all();
    });
  }
  loop->Work();
  // This thread waits for the helpers inside the loop and runs nothing else
  // meanwhile (see the header: pages in flight stay bounded by the threads).
  std::unique_lock<std::mutex> lock(loop->mu);
  loop->closed = true;
  loop->idle.wait(lock, [&] { return loop->active == 0; });
  if (loop->error) std::rethrow_exception(loop->error);
}

}  // namespace verdeelscan
