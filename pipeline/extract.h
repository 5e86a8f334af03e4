// The whole extraction of one input file: detect its type, ingest it, split
// it into documents, classify each, extract fields and tables, repair and
// validate. Never throws and never loses an input: whatever goes wrong comes
// back as a record with status "failed" and an error that says why.
#ifndef VERDEELSCAN_PIPELINE_EXTRACT_H_
#define VERDEELSCAN_PIPELINE_EXTRACT_H_

#include <functional>
#include <string>
#include <vector>

#include "core/record.h"
#include "validators/cost_model.h"

namespace verdeelscan {

struct ExtractOptions {
  // Rendering resolution for scanned PDFs. 300 is what Tesseract is trained
  // for; 200 halves OCR time at some accuracy cost on small print.
  int dpi = 300;
  // Pages larger than this many pixels (after rendering) are downscaled to fit;
  // protects memory on poster-sized pages.
  long max_page_pixels = 60'000'000;
  // Decoding budget per image page, checked on the file's header before
  // decoding (see ScanOptions::max_decode_pixels).
  long max_decode_pixels = 100'000'000;
  // Files larger than this are refused (a failed record, not a crash).
  long max_file_bytes = 512L * 1024 * 1024;
  // Text dumps larger than this are refused (a failed record naming this
  // limit and --max-text-bytes). Below it a text costs about 0.5-1.1 s of
  // CPU and 11-25 MB of memory per MB (README.md, "Big text inputs"): 32 MB
  // is at most ~35 s and ~800 MB, while an OCR dump of a 1,000-page release is
  // about 3 MB. Raise it for a bigger file on a machine with the memory.
  long max_text_bytes = 32L * 1024 * 1024;
  // Documents with more pages are refused; bounds the time one file can take.
  int max_pages = 2000;
  // A second, digits-only OCR of the doubtful cells of a table that would
  // otherwise need review (one page render plus ~20 ms per cell; never the
  // whole page again). Off: faster, more tables left to review.
  bool reread_doubtful_cells = true;
  // When set, a scanned input's page images with an invisible text layer from
  // the same OCR pass are written there (archivists' searchable copy).
  std::string searchable_pdf;
  // The file's sha256 when the caller has already computed it (the batch does,
  // to skip finished files); "" = computed here. Saves reading a file twice.
  std::string sha256;
  // Tesseract's tessdata folder; "" = the installed default.
  std::string tessdata;
  // Pages of one PDF or image read in parallel (see ScanOptions::page_threads:
  // ~60 MB and one page bitmap per thread). The batch sets it when there are
  // fewer files than jobs.
  int page_threads = 1;
  // Progress: called after each page of a PDF or image is read (see
  // ScanOptions::on_page).
  std::function<void(int page, int pages)> on_page;
  // Every repair cost and search budget (validators/cost_model.h); the
  // defaults are what the sweeps are calibrated to.
  CostModel costs;
};

// One or more records for the file at `path` (several when it bundles several
// documents). Always at least one record.
std::vector<Record> ExtractFile(const std::string& path, const ExtractOptions& options = {});

// The same for text already in memory (tests, fuzzing): treated as a text dump.
std::vector<Record> ExtractText(const std::string& text, const std::string& display_name);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_EXTRACT_H_
