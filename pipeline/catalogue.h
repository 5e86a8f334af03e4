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
// Schema version (PRAGMA user_version): 2. A version-1 catalogue (before
// options, version, artefacts and duplicate_of) is upgraded in place when
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
  std::string status;  // worst record status: failed > needs_review > repaired > valid
  std::string error;
  double seconds = 0;
  std::string options;       // reading options that affect this file (JSON)
  std::string version;       // verdeelscan version that read it
  std::string artefacts;     // outputs it should have, names in the folder (JSON array)
  std::string duplicate_of;  // path of the identical file catalogued first; "" = none
};

class Catalogue {
 public:
  // Opens or creates the catalogue at `path`, upgrading an older schema.
  // Corruption when it is damaged or not a catalogue, Unsupported when a newer
  // verdeelscan wrote it.
  static StatusOr<std::unique_ptr<Catalogue>> Open(const std::string& path);
  static constexpr int kSchemaVersion = 2;
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
  // Replaces whatever was known about entry.path, atomically.
  Status Put(const FileEntry& entry, const std::vector<nlohmann::json>& records);
  // Every record, ordered by file path and position in the file. An error
  // (a database error, a record that is not JSON) stops the walk and is
  // returned: callers must not take a partial walk for the whole.
  Status ForEachRecord(const std::function<void(const nlohmann::json&)>& fn);
  Status ForEachFile(const std::function<void(const FileEntry&)>& fn);
  StatusOr<long> FileCount();
  // Copies every file (and its records) of another catalogue not yet here;
  // refuses (naming it) a damaged one or one of a newer schema. Files whose
  // content is already here under another path become duplicates.
  Status MergeFrom(const std::string& other_path);

 private:
  Catalogue(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Exec(const std::string& sql);
  Status Error(const std::string& what);
  sqlite3* db_;
  std::string path_;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_CATALOGUE_H_
