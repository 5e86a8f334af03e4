// Archivist batch mode: many files in, one output folder, resumable.
//
// Inputs are files and directories (walked recursively; directory symlinks are
// not followed, so a symlink loop cannot trap the walk). Every input file gets
// exactly one catalogue row and its records, including the ones that fail
// (status "failed", with the reason). Nothing about one file can stop the
// batch: an exception while reading it or exporting its records becomes that
// file's failed record, and the others go on.
//
// Reruns (a killed run, an older version's folder, new options) finish what is
// missing and regenerate every output. A file is skipped when the catalogue
// holds its content (sha256, not its path string) read by this version with
// the same options that affect it (see RelevantOptions) and every output it
// should have (its searchable PDF) exists. The same file under another path
// spelling (samples/x and $PWD/samples/x) is skipped; an identical copy at
// another path is catalogued as a duplicate of the first path (no records
// of its own, status "duplicate").
//
// The output folder is locked (flock on OUT/.lock) for the whole batch or
// merge: a second batch into it is refused, naming the pid that holds it, or
// waits for it with `wait_for_lock`.
// Work runs on one pool of `jobs` threads (core/work_pool.h): one file per
// thread at a time, and a thread that runs out of files helps the files still
// being read with their pages; memory is bounded by `jobs` pages in flight
// (plus one OCR engine, ~60 MB, per thread, reused for every file).
#ifndef VERDEELSCAN_PIPELINE_BATCH_H_
#define VERDEELSCAN_PIPELINE_BATCH_H_

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
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
  // How each file is read. The batch sets the per-file fields itself
  // (sha256, scan.page_threads, scan.on_page, and searchable_pdf and sidecar
  // when `searchable_pdf` below is on): leave them at their defaults.
  ExtractOptions extract;
  // Progress line on stderr (files and pages done of total, pages per second,
  // time left); the CLI turns it on only for a terminal.
  bool progress = false;
  // Called once per file read, with its catalogue entry's path, status and
  // pages, under the batch's lock (keep it short): the CLI's --verbose lines.
  std::function<void(const std::string& path, const std::string& status, int pages)> on_file;
  // For every scanned input (PDF without text layer, page image), write
  // OUT/NAME.searchable.pdf (PDF/A-2B: the input's own page images with an
  // invisible text layer from the OCR; ExtractOptions::searchable_pdf) and
  // OUT/NAME.searchable.txt (the text of every page).
  bool searchable_pdf = true;
  // Wait for another batch holding the output folder instead of refusing.
  bool wait_for_lock = false;
  // Reads one file (injection point for tests; default ExtractFile). May
  // throw: the exception becomes the file's failed record.
  std::function<std::vector<Record>(const std::string& path, const ExtractOptions&)> reader;
  // Extra exporter called with every record (see RecordHook in
  // pipeline/exports.h). May throw: the record's file then fails.
  std::function<void(const nlohmann::json& record)> on_record;
};

struct BatchSummary {
  long files_seen = 0, files_skipped = 0, files_done = 0;
  long files_duplicate = 0;  // identical copies of a file at another path
  // Inputs of this run whose file (or, for a duplicate, its original) is
  // failed, in this run or before: the batch exits 2 when it is not 0.
  long files_failed = 0;
  std::map<std::string, long> files_by_status;
  std::map<std::string, long> documents_by_kind;
  long tables_repaired = 0, tables_review = 0, tables_valid = 0;
  long tables_reviewed = 0;  // decided by a reviewer (apply-review)
  long pages_processed = 0;  // pages of the files processed in this run
  // OCR, digits-only and orientation engines this run initialised: a few
  // per thread (each is reused for every file its thread reads).
  long tesseract_engines = 0;
  double seconds = 0;
  std::string ToString() const;
};

// The number of threads `-j N` asks for: N, or the machine's cores for 0.
int JobsOrCores(int jobs);

// Error only when the batch itself cannot run (output folder not writable,
// catalogue damaged, folder locked by another batch); bad inputs are records,
// not errors.
StatusOr<BatchSummary> RunBatch(const BatchOptions& options);

// The reading options that can change the records of a file of this media
// and status, as JSON text (what the catalogue stores per file): none for a
// text dump read, the rendering options for PDFs and images, all of them for
// a file that failed (a larger limit may let it through).
std::string RelevantOptions(const std::string& media, const std::string& status,
                            const ExtractOptions& options);

// How bad a record status is, for a file's worst status: failed 4 >
// needs_review 3 > reviewed 2 > repaired 1 > valid 0. A reviewed table ranks
// above a repaired one: it needed a person, not only arithmetic.
int RecordStatusSeverity(const std::string& status);

// Takes DIR's lock as a batch does (DIR/.lock; refused, naming the holder,
// while a batch or merge runs there), for the commands that change a batch
// folder (apply-review). The lock goes with the last copy of the handle.
StatusOr<std::shared_ptr<void>> LockBatchFolder(const std::string& dir);

struct MergeSummary {
  long files = 0;         // files in the merged catalogue
  long files_failed = 0;  // of which failed: merge exits 2
};

// Merges the catalogues of several batch output folders (shards run on other
// machines) into `out_dir`, and writes its exports. A damaged shard is refused
// by name and nothing is written.
StatusOr<MergeSummary> MergeBatches(const std::vector<std::string>& dirs,
                                    const std::string& out_dir);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_BATCH_H_
