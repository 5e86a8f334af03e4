// The progress line on a terminal: files and pages done of all, pages per
// second and the time left, redrawn in place at most four times a second and
// erased at the end, so that what follows on the terminal starts clean. Off
// (every call a no-op) when standard error is not a terminal, or when the user
// asked for quiet: a pipe or a log file never receives carriage returns.
//
// Not thread-safe: callers serialise Update (the batch under its mutex).
#ifndef VERDEELSCAN_PIPELINE_PROGRESS_H_
#define VERDEELSCAN_PIPELINE_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <string>

namespace verdeelscan {

class ProgressLine {
 public:
  // `files` and `pages` are the totals (pages 0 when unknown, e.g. text
  // dumps only: then only files and pages done are shown).
  ProgressLine(bool on, size_t files, long pages);
  ~ProgressLine() { Finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void Update(long files_done, long pages_done, bool force = false);
  // Erases the line; later Updates draw nothing.
  void Finish();

  // Whether standard error is a terminal (the default for `on`).
  static bool StderrIsTerminal();

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  size_t files_;
  long pages_;
  size_t drawn_ = 0;  // characters of the line on the terminal now
  Clock::time_point start_ = Clock::now(), last_{};
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_PROGRESS_H_
