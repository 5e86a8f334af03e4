// The whole extraction of one input file: detect its type, ingest it, split
// it into documents, classify each, extract fields and tables, repair and
// validate. Never throws and never loses an input: whatever goes wrong comes
// back as a record with status "failed" and an error that says why.
#ifndef VERDEELSCAN_PIPELINE_EXTRACT_H_
#define VERDEELSCAN_PIPELINE_EXTRACT_H_

#include <string>
#include <vector>

#include "core/record.h"
#include "extractors/ingest/ingest.h"
#include "validators/cost_model.h"

namespace verdeelscan {

// Everything that changes how one file is read, each field declared once:
// how PDFs and page images become pages is ScanOptions (render DPI, pixel
// budgets, page limit, tessdata, page threads, progress;
// extractors/ingest/ingest.h documents each with its trade-off), and the
// rest is below. The CLI declares one flag per field (AddExtractFlags in
// pipeline/main.cc) for every command that reads files.
struct ExtractOptions {
  // How PDFs and page images are read (text dumps ignore it).
  ScanOptions scan;
  // Files larger than this are refused (a failed record, not a crash): a
  // bound on what one file can cost before its type is known. Text dumps
  // have their own, lower bound below (they are read into memory whole).
  long max_file_bytes = 512L * 1024 * 1024;
  // Text dumps larger than this are refused (a failed record naming this
  // limit and --max-text-bytes). Below it a text costs about 0.5-1.1 s of
  // CPU and 11-25 MB of memory per MB (README.md, "Big text inputs"): 32 MB
  // is at most ~35 s and ~800 MB, while an OCR dump of a 1,000-page release is
  // about 3 MB. Raise it for a bigger file on a machine with the memory.
  long max_text_bytes = 32L * 1024 * 1024;
  // A second, digits-only OCR of the doubtful cells of a table that would
  // otherwise need review (one page render plus ~20 ms per cell; never the
  // whole page again). Off: faster, more tables left to review.
  bool reread_doubtful_cells = true;
  // The file's sha256 when the caller has already computed it (the batch does,
  // to skip finished files); "" = computed here. Saves reading a file twice.
  std::string sha256;
  // "" = none; else the searchable, archival PDF of a scanned input
  // (extractors/ingest/searchable_pdf.h: the input's own page images with an
  // invisible text layer, PDF/A-2B, the records' kind, province, date and
  // reference in its XMP), written after the records are made. Not written
  // for text dumps and PDFs whose pages all have a text layer. A failure to
  // write it is an ingest note on every record, never a failed record.
  std::string searchable_pdf;
  // "" = none; else a plain-text sidecar: every page's text, pages
  // separated by a form feed (PDFs and page images; a text dump is its own
  // text and gets none).
  std::string sidecar;
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
