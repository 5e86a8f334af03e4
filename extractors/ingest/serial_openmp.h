// Serial stand-ins for the four libgomp entry points that Debian's
// libtesseract calls (GOMP_parallel, GOMP_parallel_sections,
// GOMP_sections_next, GOMP_sections_end_nowait), defined in every binary
// that links vs_ingest.
//
// Why: Tesseract's LSTM opens an OpenMP region for every time step of every
// text line. We run pages in parallel one level up and keep Tesseract's
// regions serial (ocr.cc, SerializeOpenMp), but libgomp still builds and
// tears down a one-thread team for each region: measured 4% of a batch's CPU
// in libgomp alone (perf, 15 scanned pages), for no work done. Defined in the
// executable, these definitions come before libgomp's in the dynamic
// linker's search order, so Tesseract calls them instead; each runs the
// region's body once in the calling thread, as a team of one would.
// omp_get_num_threads() and omp_get_thread_num() (libgomp's) then answer 1
// and 0, as for a team of one.
//
// What it costs: nothing in the process may rely on OpenMP running these
// regions in parallel. Ours does not use OpenMP; Tesseract's regions are
// serial anyway. A Tesseract built against another OpenMP runtime (LLVM's
// libomp: __kmpc_* entry points) or without OpenMP never calls these.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_SERIAL_OPENMP_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_SERIAL_OPENMP_H_

extern "C" {
void GOMP_parallel(void (*fn)(void*), void* data, unsigned num_threads, unsigned flags);
void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned num_threads, unsigned count,
                            unsigned flags);
unsigned GOMP_sections_next(void);
void GOMP_sections_end_nowait(void);
}

namespace verdeelscan {

// Called by the OCR engine so that the linker takes this file from the
// static library into every binary that recognises text (an archive member
// nobody references is left out, and libtesseract's references do not count).
bool SerialOpenMpLinked();

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_SERIAL_OPENMP_H_
