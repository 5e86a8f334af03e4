// Archivist batch mode: many files in, one output folder, resumable.
//
// Inputs are files and directories (walked recursively; directory symlinks are
// not followed, so a symlink loop cannot trap the walk). Every input file gets
// exactly one catalogue row and its records, including the ones that fail
// (status "failed", with the reason). Files already catalogued with the same
// sha256 are skipped, so rerunning a killed batch finishes it.
// Work runs on `jobs` threads: one file per thread at a time, and when there
// are fewer files than jobs, the pages of a file on several threads; memory is
// bounded by `jobs` pages in flight (plus one OCR engine, ~60 MB, per thread).
#ifndef VERDEELSCAN_PIPELINE_BATCH_H_
#define VERDEELSCAN_PIPELINE_BATCH_H_

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/extract.h"

namespace verdeelscan {

struct BatchOptions {
  std::vector<std::string> inputs;
  std::string out_dir;
  // Parallel documents. 0 = number of cores.
  int jobs = 0;
  ExtractOptions extract;
  // Progress line on stderr (files and pages done of total, pages per second,
  // time left); the CLI turns it on only for a terminal.
  bool progress = false;
  // For every scanned input (PDF without text layer, page image), write
  // OUT/NAME.searchable.pdf: the page images with an invisible text layer
  // from the same OCR pass (~0.03 s and ~0.7 MB a page at 300 DPI).
  bool searchable_pdf = true;
};

struct BatchSummary {
  long files_seen = 0, files_skipped = 0, files_done = 0;
  std::map<std::string, long> files_by_status;
  std::map<std::string, long> documents_by_kind;
  long tables_repaired = 0, tables_review = 0, tables_valid = 0;
  long pages_processed = 0;  // pages of the files processed in this run
  double seconds = 0;
  std::string ToString() const;
};

// Error only when the batch itself cannot run (output folder or catalogue not
// writable); bad inputs are records, not errors.
StatusOr<BatchSummary> RunBatch(const BatchOptions& options);

// Merges the catalogues of several batch output folders (shards run on other
// machines) into `out_dir`, and writes its exports.
StatusOr<long> MergeBatches(const std::vector<std::string>& dirs, const std::string& out_dir);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_BATCH_H_
