// The batch catalogue: one SQLite file (DIR/catalogue.sqlite) holding one row
// per input file and the records it yielded. It is the single source of truth
// of a batch: records.jsonl, the CSVs and the workbook are all regenerated from
// it, so a batch killed at any moment (kill -9) and rerun ends with every file
// recorded exactly once. A file and its records are written in ONE transaction.
// Each file row also keeps what decides whether a rerun may skip it (see
// pipeline/batch.cc): the reading options and program version it was read
// with, the outputs (artefacts) it should have, and for an identical copy of a
// file catalogued under another path, that path (duplicate_of; no records).
//
// A reviewer's decisions (`verdeelscan apply-review`, pipeline/apply_review.h)
// are kept beside the machine's reading: a reviewed record's row holds the
// record as reviewed (`json`, what every export shows) and as the machine
// read it (`machine_json`), and the table `reviews` holds every decision
// applied, with who decided it and when, and the sha256 of its decisions
// file (a batch that reads the file again applies them again).
//
// For analysts (plain SQL, no JSON): the table `allocations` holds one row
// per allocation of every verdeelbesluit record, keyed like allocations.csv
// (province, besluit_date, reference, document_id, status; see
// pipeline/exports_besluit.h), kept in step with `records` in the same
// transaction; `runs` holds one row per batch or merge run (when, program
// version, options, counts). The schema is in README.md ("The catalogue").
//
// Schema version (PRAGMA user_version): 4. A version-1 catalogue (before
// options, version, artefacts and duplicate_of), version-2 one (before
// machine_json and reviews) or version-3 one (before allocations and runs;
// its allocations are filled from its records) is upgraded in place when
// opened; a newer one is refused. Open runs PRAGMA quick_check and refuses a
// damaged catalogue (Corruption naming the file) instead of reading part of it.
//
// Thread-compatible, not thread-safe: callers serialise writes (pipeline/batch).
// Cost: one small transaction per input file.
#ifndef VERDEELSCAN_PIPELINE_CATALOGUE_H_
#define VERDEELSCAN_PIPELINE_CATALOGUE_H_

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"

struct sqlite3;

namespace verdeelscan {

struct FileEntry {
  std::string path;
  std::string sha256;
  long size = 0;
  std::string media;
  int pages = 0;
  // Worst record status: failed > needs_review > reviewed > repaired > valid
  // (a reviewed table needed a person; a repaired one only arithmetic).
  std::string status;
  std::string error;
  double seconds = 0;
  std::string options;       // reading options that affect this file (JSON)
  std::string version;       // verdeelscan version that read it
  std::string artefacts;     // outputs it should have, names in the folder (JSON array)
  std::string duplicate_of;  // path of the identical file catalogued first; "" = none
};

// A record as stored: `machine` is the record as read before a reviewer
// changed it (null when no reviewer did).
struct StoredRecord {
  std::string path;
  long idx = 0;
  nlohmann::json json;
  nlohmann::json machine;
};

// One decision of a reviewer, as applied (a row of `reviews`): the decision
// as its file gave it (pipeline/apply_review.h), the value the cell held
// before, who and when, and the decisions file's sha256.
struct ReviewRow {
  std::string path;    // the record's file (files.path)
  std::string record;  // the record's key: "<sha256>:p1-2"
  long row = 0;        // 0-based index into the allocations
  std::string field, gemeente_raw, action, decided_at;
  nlohmann::json value, previous;
  std::string reviewer, saved_at, applied_at, decisions_sha256;
};

// One run of `batch` or `merge` (a row of `runs`).
struct RunRow {
  std::string command;                  // "batch" or "merge"
  std::string started_at, finished_at;  // ISO 8601 UTC
  std::string version;                  // verdeelscan version
  std::string options;                  // the run's options (JSON object)
  long files_seen = 0, files_done = 0, files_skipped = 0, files_failed = 0;
  long records = 0, allocations = 0;  // in the catalogue after the run
};

// A file's entry and records to store, with each record's machine reading
// (null when not reviewed).
struct FileRecords {
  FileEntry entry;
  std::vector<nlohmann::json> records;
  std::vector<nlohmann::json> machine;
};

class Catalogue {
 public:
  // Opens or creates the catalogue at `path`, upgrading an older schema.
  // Corruption when it is damaged or not a catalogue, Unsupported when a newer
  // verdeelscan wrote it.
  static StatusOr<std::unique_ptr<Catalogue>> Open(const std::string& path);
  static constexpr int kSchemaVersion = 4;
  // Opens `path` read-only and checks it as Open would, changing nothing
  // (merge checks every shard before merging any).
  static Status Verify(const std::string& path);
  ~Catalogue();
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

  // The entry of `path`; NotFound when it has none.
  StatusOr<FileEntry> Find(const std::string& path);
  // The path of a file with this content that holds the records (not itself
  // a duplicate); "" when there is none or sha256 is "".
  StatusOr<std::string> OriginalWithSha(const std::string& sha256);
  // Replaces whatever was known about entry.path, atomically. `machine`
  // (empty, or one per record): the records as read before a reviewer's
  // decisions, null for a record no reviewer changed.
  Status Put(const FileEntry& entry, const std::vector<nlohmann::json>& records,
             const std::vector<nlohmann::json>& machine = {});
  // Replaces the records of several files and adds the decisions that made
  // them, in ONE transaction: all or nothing.
  Status PutReviewed(const std::vector<FileRecords>& files, const std::vector<ReviewRow>& reviews);
  // Every record with its machine reading, ordered as ForEachRecord.
  Status ForEachStoredRecord(const std::function<void(const StoredRecord&)>& fn);
  // The decisions applied to the records of `path`, in the order applied.
  StatusOr<std::vector<ReviewRow>> ReviewsOf(const std::string& path);
  // Every record, ordered by file path and position in the file. An error
  // (a database error, a record that is not JSON) stops the walk and is
  // returned: callers must not take a partial walk for the whole.
  Status ForEachRecord(const std::function<void(const nlohmann::json&)>& fn);
  Status ForEachFile(const std::function<void(const FileEntry&)>& fn);
  StatusOr<long> FileCount();
  // Records and allocation rows in the catalogue.
  StatusOr<long> RecordCount();
  StatusOr<long> AllocationCount();
  // Adds a row to `runs` (counts of records and allocations filled in here).
  Status AddRun(RunRow run);
  // Every run, oldest first.
  StatusOr<std::vector<RunRow>> Runs();
  // Copies every file (and its records) of another catalogue not yet here;
  // refuses (naming it) a damaged one or one of a newer schema. Files whose
  // content is already here under another path become duplicates.
  Status MergeFrom(const std::string& other_path);

 private:
  Catalogue(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Exec(const std::string& sql);
  Status Error(const std::string& what);
  Status PutRows(const FileEntry& entry, const std::vector<nlohmann::json>& records,
                 const std::vector<nlohmann::json>& machine);
  Status AddReview(const ReviewRow& review);
  Status AddAllocations(const std::string& path, long idx, const nlohmann::json& record);
  // Rebuilds `allocations` from `records` (an upgraded or merged catalogue).
  Status RefillAllocations();
  sqlite3* db_;
  std::string path_;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_CATALOGUE_H_
