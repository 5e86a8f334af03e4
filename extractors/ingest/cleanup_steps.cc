// Developer tool: what each cleanup step (cleanup.h) costs on the pages of
// scanned PDFs, as ingestion runs it. Each page is read from its own image
// (pdf_images.h; pages that are not one whole-page image are skipped and
// counted) at its own resolution, and cleaned with ingestion's default
// options. Prints one line per page and the seconds per step summed over all
// pages, per page and as a share of the cleanup. Used for the measurements in
// extractors/ingest/README.md and bench/README.md.
//
// Page images (TIFF, PNG, JPEG) are cleaned at their resolution tag.
//
// Usage: cleanup_steps FILE.pdf|FILE.tif... [--no-deskew] [--quiet]
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "extractors/ingest/cleanup.h"
#include "extractors/ingest/ingest.h"
#include "extractors/ingest/pdf_images.h"
#include "extractors/ingest/pdf_pages.h"

namespace {

using namespace verdeelscan;

struct Sums {
  CleanPage::StepSeconds steps;
  double total = 0;
  int pages = 0, skipped = 0, bilevel = 0, upscaled = 0, deskewed = 0;
  void Add(const CleanPage& page, double seconds) {
    const CleanPage::StepSeconds& s = page.seconds;
    steps.gray += s.gray, steps.contrast += s.contrast, steps.masks += s.masks;
    steps.glyphs += s.glyphs, steps.upscale += s.upscale, steps.deskew += s.deskew;
    steps.binarise += s.binarise, steps.rulings += s.rulings;
    total += seconds;
    ++pages;
    bilevel += page.bilevel;
    upscaled += page.upscale > 1.01;
    deskewed += page.deskew_degrees != 0;
  }
};

// CPU seconds of this thread: other work on the machine does not count.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// Ingestion's cleanup options for a page at `dpi` (ScanOptions defaults).
CleanupOptions IngestionOptions(int dpi, bool deskew) {
  ScanOptions scan;
  scan.deskew = scan.deskew && deskew;
  return CleanupOptionsFor(scan, dpi);
}

void TimePage(const std::string& path, int index, Pix* pix, int dpi, bool deskew, bool quiet,
              Sums* sums) {
  const double start = ThreadCpuSeconds();
  auto clean = CleanPageImage(pix, 1.0, IngestionOptions(dpi, deskew));
  const double seconds = ThreadCpuSeconds() - start;
  if (!clean.ok()) return;
  sums->Add(*clean, seconds);
  if (quiet) return;
  const CleanPage::StepSeconds& s = clean->seconds;
  std::printf(
      "%s p%d: %d dpi %d bpp%s%s deskew %.2f; seconds %.3f: gray %.3f contrast %.3f masks %.3f "
      "glyphs %.3f upscale %.3f deskew %.3f binarise %.3f rulings %.3f\n",
      path.c_str(), index + 1, dpi, pixGetDepth(pix), clean->bilevel ? " bilevel" : "",
      clean->upscale > 1.01 ? (" upscaled x" + std::to_string(clean->upscale)).c_str() : "",
      clean->deskew_degrees, seconds, s.gray, s.contrast, s.masks, s.glyphs, s.upscale, s.deskew,
      s.binarise, s.rulings);
}

// The pages of a TIFF (or the one page of a PNG or JPEG) at their own
// resolution tag (300 DPI when it has none).
void CleanImageFile(const std::string& path, bool deskew, bool quiet, Sums* sums) {
  const bool tiff = path.size() > 4 && (path.ends_with(".tif") || path.ends_with(".tiff"));
  for (int index = 0;; ++index) {
    PixPtr pix(tiff         ? pixReadTiff(path.c_str(), index)
               : index == 0 ? pixRead(path.c_str())
                            : nullptr);
    if (!pix) return;
    const int res = pixGetXRes(pix.get());
    TimePage(path, index, pix.get(), res >= 70 && res <= 1200 ? res : 300, deskew, quiet, sums);
  }
}

void CleanFile(const std::string& path, bool deskew, bool quiet, Sums* sums) {
  if (!path.ends_with(".pdf")) {
    CleanImageFile(path, deskew, quiet, sums);
    return;
  }
  auto images = PdfPageImages::Open(path);
  if (!images.ok()) {
    std::printf("%s: %s\n", path.c_str(), images.status().ToString().c_str());
    return;
  }
  for (int index = 0;; ++index) {
    std::string why;
    auto found = (*images)->Find(index, ScanOptions{}.max_decode_pixels, &why);
    if (!found) {
      if (why != "qpdf does not see this page") ++sums->skipped;
      if (why == "qpdf does not see this page") return;
      continue;
    }
    auto pix = DecodeEmbeddedImage(*found);
    if (!pix.ok()) {
      ++sums->skipped;
      continue;
    }
    const int dpi = int(pixGetWidth(pix->get()) / found->page_width_in + 0.5);
    TimePage(path, index, pix->get(), dpi, deskew, quiet, sums);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  bool deskew = true, quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--no-deskew") {
      deskew = false;
    } else if (a == "--quiet") {
      quiet = true;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "usage: cleanup_steps FILE.pdf|FILE.tif... [--no-deskew] [--quiet]\n");
      return 1;
    } else {
      files.push_back(a);
    }
  }
  Sums sums;
  for (const std::string& f : files) CleanFile(f, deskew, quiet, &sums);
  const CleanPage::StepSeconds& s = sums.steps;
  const double n = std::max(1, sums.pages), t = std::max(1e-9, sums.total);
  std::printf("pages %d (skipped %d: not one image), bilevel %d, upscaled %d, deskewed %d\n",
              sums.pages, sums.skipped, sums.bilevel, sums.upscaled, sums.deskewed);
  std::printf("cleanup seconds a page: total %.3f", sums.total / n);
  const std::pair<const char*, double> steps[] = {
      {"gray", s.gray},         {"contrast", s.contrast}, {"masks", s.masks},
      {"glyphs", s.glyphs},     {"upscale", s.upscale},   {"deskew", s.deskew},
      {"binarise", s.binarise}, {"rulings", s.rulings}};
  for (const auto& [name, v] : steps) std::printf(", %s %.3f (%.0f%%)", name, v / n, 100 * v / t);
  std::printf("\n");
  return 0;
}
