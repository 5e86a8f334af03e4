#include "pipeline/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace verdeelscan {

ProgressLine::ProgressLine(bool on, size_t files, long pages)
    : on_(on), files_(files), pages_(pages) {}

bool ProgressLine::StderrIsTerminal() { return isatty(STDERR_FILENO) != 0; }

void ProgressLine::Update(long files_done, long pages_done, bool force) {
  if (!on_) return;
  const auto now = Clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? pages_done / elapsed : 0;
  char line[160];
  int n = pages_ > 0
              ? std::snprintf(line, sizeof line, "%ld/%zu files, %ld/%ld pages, %.2f pages/s",
                              files_done, files_, pages_done, pages_, rate)
              : std::snprintf(line, sizeof line, "%ld/%zu files, %ld pages", files_done, files_,
                              pages_done);
  if (rate > 0 && pages_ > pages_done && n > 0 && n < static_cast<int>(sizeof line)) {
    n += std::snprintf(line + n, sizeof line - n, ", ~%.0f s left", (pages_ - pages_done) / rate);
  }
  const size_t width = n > 0 ? std::min<size_t>(n, sizeof line - 1) : 0;
  // Pad over what a longer previous line left on the terminal.
  std::fprintf(stderr, "\r%s%*s", line, static_cast<int>(drawn_ > width ? drawn_ - width : 0), "");
  drawn_ = std::max(drawn_, width);
  std::fflush(stderr);
}

void ProgressLine::Finish() {
  if (!on_) return;
  on_ = false;
  if (drawn_ > 0) std::fprintf(stderr, "\r%*s\r", static_cast<int>(drawn_), "");
  std::fflush(stderr);
}

}  // namespace verdeelscan
