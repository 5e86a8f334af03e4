// The OpenMP entry points Debian's libtesseract calls, run serially in the
// calling thread (serial_openmp.h says why).
#include "extractors/ingest/serial_openmp.h"

namespace {

// The sections of the `parallel sections` region this thread is running:
// GOMP_sections_next hands them out one by one, 1..count, then 0.
thread_local unsigned next_section = 0;
thread_local unsigned section_count = 0;

}  // namespace

extern "C" {

void GOMP_parallel(void (*fn)(void*), void* data, unsigned /*num_threads*/, unsigned /*flags*/) {
  fn(data);
}

void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned /*num_threads*/, unsigned count,
                            unsigned /*flags*/) {
  // Regions do not nest in Tesseract; saved anyway, so that one that did
  // would hand out its own sections and then the outer ones again.
  const unsigned outer_next = next_section, outer_count = section_count;
  next_section = 1;
  section_count = count;
  fn(data);
  next_section = outer_next;
  section_count = outer_count;
}

unsigned GOMP_sections_next(void) {
  if (next_section == 0 || next_section > section_count) return 0;
  return next_section++;
}

void GOMP_sections_end_nowait(void) {}

}  // extern "C"

namespace verdeelscan {

bool SerialOpenMpLinked() { return true; }

}  // namespace verdeelscan
