// The serial OpenMP entry points (serial_openmp.h) run a region as a team
// of one would: its body once, a `sections` region's sections each once and
// in order, all in the calling thread.
#include "extractors/ingest/serial_openmp.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace verdeelscan {
namespace {

struct Seen {
  std::vector<unsigned> sections;
  std::thread::id thread;
};

void TakeSections(void* data) {
  auto* seen = static_cast<Seen*>(data);
  seen->thread = std::this_thread::get_id();
  for (unsigned id = GOMP_sections_next(); id != 0; id = GOMP_sections_next()) {
    seen->sections.push_back(id);
  }
  GOMP_sections_end_nowait();
}

TEST(SerialOpenMp, SectionsRunEachOnceInOrderInTheCallingThread) {
  Seen seen;
  GOMP_parallel_sections(&TakeSections, &seen, /*num_threads=*/4, /*count=*/3, /*flags=*/0);
  EXPECT_EQ(seen.sections, (std::vector<unsigned>{1, 2, 3}));
  EXPECT_EQ(seen.thread, std::this_thread::get_id());
  EXPECT_EQ(GOMP_sections_next(), 0u);  // none outside a region
}

TEST(SerialOpenMp, ARegionsBodyRunsOnce) {
  int runs = 0;
  GOMP_parallel([](void* data) { ++*static_cast<int*>(data); }, &runs, /*num_threads=*/4,
                /*flags=*/0);
  EXPECT_EQ(runs, 1);
}

}  // namespace
}  // namespace verdeelscan
