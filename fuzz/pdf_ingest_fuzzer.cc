// libFuzzer target: PDF ingestion (extractors/scan LoadPdf: trailer checks,
// poppler parsing and rendering, Leptonica cleanup, Tesseract OCR, text-layer
// words) on arbitrary bytes. Any crash, hang or sanitizer report is a bug: a
// broken PDF must become an error Status, never a crash.
//
// LoadPdf takes a path, so the bytes go into one anonymous in-memory file per
// process (memfd_create), rewritten for every input and opened through
// /proc/self/fd/N; no disk traffic, nothing left behind. If memfd_create is
// unavailable, a temp file made once with mkstemp is rewritten instead.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "extractors/ingest/ingest.h"

namespace {

struct InputFile {
  int fd = -1;
  std::string path;
};

InputFile MakeInputFile() {
  InputFile f;
  f.fd = memfd_create("pdf_ingest_fuzzer", MFD_CLOEXEC);
  if (f.fd >= 0) {
    f.path = "/proc/self/fd/" + std::to_string(f.fd);
    return f;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string name = std::string(tmp && *tmp ? tmp : "/tmp") + "/pdf_ingest_fuzzer.XXXXXX";
  f.fd = mkstemp(name.data());
  if (f.fd < 0) {
    std::perror("pdf_ingest_fuzzer: memfd_create and mkstemp failed");
    std::abort();
  }
  f.path = name;
  return f;
}

// Replaces the file's content with `data`.
bool Rewrite(const InputFile& f, const uint8_t* data, size_t size) {
  if (ftruncate(f.fd, 0) != 0) return false;
  size_t done = 0;
  while (done < size) {
    ssize_t n = pwrite(f.fd, data + done, size - done, off_t(done));
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

verdeelscan::ScanOptions FuzzOptions() {
  verdeelscan::ScanOptions opts;
  // Tuned for executions per second, not for reading quality: the code paths
  // are the same at any resolution, only the pixel counts change.
  // - dpi 50: the default 300 makes an A4 page 8.7 Mpixel and its cleanup
  //   and OCR take seconds; at 50 it is 0.24 Mpixel and a fraction of a
  //   second (measured: 2-16 executions/s under ASan on the seed corpus).
  opts.dpi = 50;
  // - max_pages 3: a mutated /Count or page tree can claim thousands of pages;
  //   beyond three the rest is the same loop again (more pages are refused
  //   with ResourceExhausted, which is itself a path worth covering).
  opts.max_pages = 3;
  // - max_page_pixels 2 Mpixel: mutated MediaBoxes are often huge; the
  //   downscaling path is still exercised, but a page never costs more than
  //   a small render and OCR (and stays far below -rss_limit_mb).
  opts.max_page_pixels = 2'000'000;
  // - no LSTM alternatives: a second pass over numeric words' choices that
  //   costs time per word and has nothing to do with parsing the PDF.
  opts.ocr_alternatives = false;
  // - no ruling render on text-layer pages: a second render of every
  //   born-digital page (at ruling_dpi) which would double their cost; the
  //   same rendering and cleanup code runs for scanned pages anyway.
  opts.text_page_rulings = false;
  // page_threads stays 1: libFuzzer runs one input at a time, and threads
  // would only make reports harder to reproduce.
  return opts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const InputFile file = MakeInputFile();
  static const verdeelscan::ScanOptions opts = FuzzOptions();
  if (!Rewrite(file, data, size)) {
    std::perror("pdf_ingest_fuzzer: cannot write the input file");
    std::abort();
  }
  verdeelscan::ScanStats stats;
  // An error Status is a fine outcome; only crashes and sanitizer reports count.
  auto doc = verdeelscan::LoadPdf(file.path, opts, &stats);
  if (doc.ok()) {
    // Read everything back so that ASan sees any bad word or string.
    size_t bytes = 0;
    for (const auto& line : doc->lines) {
      bytes += line.text.size();
      for (const auto& word : line.words) bytes += word.text.size();
    }
    for (const auto& note : stats.notes) bytes += note.size();
    volatile size_t sink = bytes;
    (void)sink;
  }
  return 0;
}
