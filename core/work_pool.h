// One pool of threads for every stage of a run (files of a batch, pages of a
// file, re-reads of doubtful cells), so that `-j N` means N threads in all,
// however the work nests.
//
// Why a small pool of our own rather than TBB (one task_arena with nested
// parallel_for): what we run are few, long tasks (a page is ~1 s of OCR),
// where TBB's work stealing gains nothing, and a TBB thread waiting in a
// nested parallel_for may steal a page of ANOTHER file, so the pages (and
// page images) in flight would no longer be bounded by the threads. Here a
// thread that waits for its loop runs nothing else: at most one page per
// thread is in flight, and memory stays bounded by `threads` pages. Each
// worker lives for the whole run, so its thread_local Tesseract engines are
// initialised once and reused across files (ocr.h ThreadOcrEngine).
//
// ParallelFor posts "helpers" to the queue (first in, first out) and works
// through the loop itself. An idle worker that takes a helper joins the loop;
// a helper that comes after the loop is done returns at once. So a batch's
// file loop keeps every thread on files first, and the threads that run out
// of files help the files still running with their pages.
#ifndef VERDEELSCAN_CORE_WORK_POOL_H_
#define VERDEELSCAN_CORE_WORK_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace verdeelscan {

class WorkPool {
 public:
  // `threads` (at least 1) threads work: threads - 1 workers started here,
  // and the thread that calls ParallelFor is the other one. Workers that
  // cannot be started (the system's thread limit) are done without.
  explicit WorkPool(int threads);
  // Joins the workers; tasks still queued are dropped (only helpers of
  // finished loops can be: ParallelFor waits for what it needs).
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Workers plus the calling thread.
  int threads() const { return int(workers_.size()) + 1; }

  // Calls body(i) for every i in [0, count), each once, on the calling thread
  // and on at most max_threads - 1 workers that are (or become) idle before
  // the loop ends; returns when every call that started has returned. Indices
  // are claimed in increasing order. When body returns false, no further
  // index is claimed (those already claimed still finish), so everything
  // before the first failure in index order has run, as in a serial loop. An
  // exception from body stops the loop the same way and is rethrown here.
  void ParallelFor(int count, int max_threads, const std::function<bool(int)>& body);

 private:
  void Post(std::function<void()> task);
  void WorkerLoop();

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_CORE_WORK_POOL_H_
