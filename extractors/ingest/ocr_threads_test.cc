// Tesseract on the run's pool of threads (core/work_pool.h): its own OpenMP
// threads stay off, and each thread initialises its engines (page OCR,
// orientation, digits-only re-read) once and reuses them for every file.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/work_pool.h"
#include "extractors/ingest/ingest.h"
#include "extractors/ingest/ocr.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;

const std::string kFormats = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/";
const std::string kScans = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/scans/";

// Threads of this process now (the kernel's list, /proc/self/task).
int ThreadsNow() {
  int n = 0;
  for ([[maybe_unused]] const auto& task : fs::directory_iterator("/proc/self/task")) ++n;
  return n;
}

ScanOptions PoolOptions(WorkPool* pool) {
  ScanOptions opts;
  opts.dpi = 200;  // quick, still reads the digits
  opts.pool = pool;
  opts.page_threads = pool->threads();
  return opts;
}

// Debian's libtesseract runs its LSTM in OpenMP regions of up to 10
// threads; libgomp keeps a team's threads alive for the next region, so
// had any region of the two pages run in parallel, the process would hold
// more threads than the pool's after the OCR.
TEST(OcrThreads, TesseractStartsNoOpenMpThreadsOnThePool) {
  WorkPool pool(2);
  const int with_pool = ThreadsNow();
  auto doc = LoadScan(kFormats + "letters.tif", PoolOptions(&pool));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->pages, 2);
  EXPECT_GT(doc->lines.size(), 4u);
  EXPECT_EQ(ThreadsNow(), with_pool);
}

// Reading a second file on the same pool initialises no engine: the threads
// keep theirs. Nor does re-reading cells a second time (the digits-only
// engine is kept as well).
TEST(OcrThreads, EnginesAreInitialisedOncePerThreadAndReusedAcrossFiles) {
  WorkPool pool(2);
  const ScanOptions opts = PoolOptions(&pool);
  auto first = LoadScan(kFormats + "letters.tif", opts);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const long after_first = TesseractEnginesInitialised();
  auto second = LoadScan(kScans + "scan000_limburg.pdf", opts);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(second->pages, 2);
  EXPECT_EQ(TesseractEnginesInitialised(), after_first);

  // A cell on each page of the second file, read twice.
  std::vector<CellRequest> cells;
  for (const TextLine& line : second->lines) {
    if (!line.words.empty() && (cells.empty() || cells.back().page != line.page)) {
      cells.push_back({line.page, line.words.front().box});
    }
  }
  ASSERT_EQ(cells.size(), 2u);
  auto reread = RereadCells(kScans + "scan000_limburg.pdf", *second, cells, opts);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  const long after_reread = TesseractEnginesInitialised();
  EXPECT_GT(after_reread, after_first);  // the digits-only engines are new
  auto again = RereadCells(kScans + "scan000_limburg.pdf", *second, cells, opts);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(TesseractEnginesInitialised(), after_reread);
  for (size_t i = 0; i < cells.size(); ++i) {
    EXPECT_EQ((*again)[i].text, (*reread)[i].text);
  }
}

// Tesseract's OpenMP regions come to our serial entry points
// (serial_openmp.h), not libgomp's: the process's global lookup, which
// Tesseract's calls go through, finds the definitions in this binary first.
// This test names none of them, so that only the OCR engine's reference
// brings them into the binary, as in verdeelscan itself.
TEST(OcrThreads, OpenMpRegionsRunOnTheSerialEntryPoints) {
  Dl_info self{}, found{};
  ASSERT_NE(dladdr(reinterpret_cast<void*>(&ThreadsNow), &self), 0);
  for (const char* name : {"GOMP_parallel", "GOMP_parallel_sections", "GOMP_sections_next",
                           "GOMP_sections_end_nowait"}) {
    void* symbol = dlsym(RTLD_DEFAULT, name);
    ASSERT_NE(symbol, nullptr) << name;
    ASSERT_NE(dladdr(symbol, &found), 0) << name;
    EXPECT_STREQ(found.dli_fname, self.dli_fname) << name << " comes from " << found.dli_fname;
  }
}

}  // namespace
}  // namespace verdeelscan
