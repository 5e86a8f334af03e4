// The batch catalogue: one SQLite file (DIR/catalogue.sqlite) holding one row
// per input file and the records it yielded. It is the single source of truth
// of a batch: records.jsonl, the CSVs and the workbook are all regenerated from
// it, so a batch killed at any moment (kill -9) and rerun ends with every file
// recorded exactly once. A file and its records are written in ONE transaction;
// a file is skipped on rerun when its path is catalogued with the same sha256.
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
};

class Catalogue {
 public:
  // Opens or creates the catalogue at `path`.
  static StatusOr<std::unique_ptr<Catalogue>> Open(const std::string& path);
  ~Catalogue();
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

  // True when `path` is catalogued with this sha256 (the work is done).
  bool Has(const std::string& path, const std::string& sha256);
  // Replaces whatever was known about entry.path, atomically.
  Status Put(const FileEntry& entry, const std::vector<nlohmann::json>& records);
  // Every record, ordered by file path and position in the file.
  Status ForEachRecord(const std::function<void(const nlohmann::json&)>& fn);
  Status ForEachFile(const std::function<void(const FileEntry&)>& fn);
  long FileCount();
  // Copies every file (and its records) of another catalogue not yet here.
  Status MergeFrom(const std::string& other_path);

 private:
  explicit Catalogue(sqlite3* db) : db_(db) {}
  Status Exec(const std::string& sql);
  sqlite3* db_;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_CATALOGUE_H_
