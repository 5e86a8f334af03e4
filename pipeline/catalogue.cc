#include "pipeline/catalogue.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "pipeline/exports_besluit.h"

namespace verdeelscan {
namespace {

// RAII for prepared statements.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return s_; }
  void Text(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Int(int i, long v) { sqlite3_bind_int64(s_, i, v); }
  void Real(int i, double v) { sqlite3_bind_double(s_, i, v); }
  std::string ColText(int i) {
    const unsigned char* t = sqlite3_column_text(s_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  sqlite3_stmt* s_ = nullptr;
  int rc_;
};

// Version 4. Version 1 had neither user_version nor the last four columns of
// files, version 2 neither records.machine_json nor reviews, version 3
// neither allocations nor runs; Open adds them (ALTER TABLE, CREATE TABLE,
// allocations filled from the records) and sets user_version.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS files(
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER,
  media TEXT,
  pages INTEGER,
  status TEXT NOT NULL,
  error TEXT,
  seconds REAL,
  options TEXT,
  version TEXT,
  artefacts TEXT,
  duplicate_of TEXT);
CREATE TABLE IF NOT EXISTS records(
  path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  kind TEXT,
  status TEXT,
  json TEXT NOT NULL,
  machine_json TEXT,
  PRIMARY KEY(path, idx));
CREATE INDEX IF NOT EXISTS files_by_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS reviews(
  seq INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  record TEXT NOT NULL,
  row INTEGER NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  gemeente_raw TEXT,
  action TEXT,
  decided_at TEXT,
  previous TEXT,
  reviewer TEXT,
  saved_at TEXT,
  applied_at TEXT,
  decisions_sha256 TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reviews_by_path ON reviews(path);
CREATE TABLE IF NOT EXISTS allocations(
  path TEXT NOT NULL,
  idx INTEGER NOT NULL,
  row INTEGER NOT NULL,
  province TEXT NOT NULL,
  besluit_date TEXT NOT NULL,
  reference TEXT NOT NULL,
  document_id TEXT NOT NULL,
  status TEXT NOT NULL,
  gemeente TEXT NOT NULL,
  raw_gemeente TEXT NOT NULL,
  cbs_code TEXT NOT NULL,
  regulier INTEGER,
  amv INTEGER,
  totaal INTEGER,
  page INTEGER,
  PRIMARY KEY(path, idx, row));
CREATE INDEX IF NOT EXISTS allocations_by_besluit
  ON allocations(province, besluit_date, reference);
CREATE INDEX IF NOT EXISTS allocations_by_code ON allocations(cbs_code);
CREATE TABLE IF NOT EXISTS runs(
  seq INTEGER PRIMARY KEY,
  command TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  version TEXT NOT NULL,
  options TEXT NOT NULL,
  files_seen INTEGER,
  files_done INTEGER,
  files_skipped INTEGER,
  files_failed INTEGER,
  records INTEGER,
  allocations INTEGER);
)sql";

// Columns added since version 1, per table (ALTER TABLE ADD COLUMN).
constexpr const char* kNewColumns[] = {"options", "version", "artefacts", "duplicate_of"};
constexpr const char* kNewRecordColumns[] = {"machine_json"};

constexpr const char* kRecovery =
    ". Move it aside (mv catalogue.sqlite catalogue.sqlite.damaged) and run the batch again: "
    "every input is read again into a new catalogue (README.md, 'A damaged catalogue')";

// The columns of `table` in schema `schema` ("main" or an attached one).
std::vector<std::string> Columns(sqlite3* db, const std::string& schema, const std::string& table) {
  std::vector<std::string> out;
  Stmt q(db, ("PRAGMA " + schema + ".table_info(" + table + ")").c_str());
  if (!q.ok()) return out;
  while (sqlite3_step(q.get()) == SQLITE_ROW) out.push_back(q.ColText(1));
  return out;
}

// "" when PRAGMA quick_check finds nothing wrong, else what it found (or the
// error that kept it from running, e.g. "file is not a database").
std::string QuickCheck(sqlite3* db, const std::string& schema) {
  Stmt q(db, ("PRAGMA " + schema + ".quick_check").c_str());
  if (!q.ok()) return sqlite3_errmsg(db);
  std::string found;
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    std::string line;  // the report on one line: "; " between findings
    for (char c : q.ColText(0)) line += c == '\n' ? std::string("; ") : std::string(1, c);
    if (line != "ok" && found.size() < 400) found += (found.empty() ? "" : "; ") + line;
  }
  if (rc != SQLITE_DONE && found.empty()) found = sqlite3_errmsg(db);
  return found;
}

StatusOr<int> UserVersion(sqlite3* db, const std::string& schema) {
  Stmt q(db, ("PRAGMA " + schema + ".user_version").c_str());
  if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) {
    return Status::Corruption(std::string("cannot read the schema version: ") + sqlite3_errmsg(db));
  }
  return static_cast<int>(sqlite3_column_int(q.get(), 0));
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

StatusOr<std::unique_ptr<Catalogue>> Catalogue::Open(const std::string& path) {
  sqlite3* db = nullptr;
  // URIs are on (for MergeFrom's read-only ATTACH): a plain path must not
  // look like one.
  const std::string file = path.rfind("file:", 0) == 0 ? "./" + path : path;
  if (sqlite3_open_v2(file.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
                      nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IOError("cannot open catalogue " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 10000);
  std::unique_ptr<Catalogue> c(new Catalogue(db, path));
  // Damage first: a catalogue read in part would silently drop files.
  if (std::string damage = QuickCheck(db, "main"); !damage.empty()) {
    return Status::Corruption("catalogue " + path + " is damaged (" + damage + ")" + kRecovery);
  }
  StatusOr<int> version = UserVersion(db, "main");
  if (!version.ok())
    return Status::Corruption("catalogue " + path + ": " + version.status().message());
  if (*version > kSchemaVersion) {
    return Status::Unsupported("catalogue " + path + " has schema version " +
                               std::to_string(*version) +
                               ", written by a newer verdeelscan (this " + "one reads up to " +
                               std::to_string(kSchemaVersion) + ")");
  }
  if (Status s = c->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !s.ok()) return s;
  if (*version < kSchemaVersion) {
    // Older catalogue (or a new file): its tables as they are, plus what is
    // missing, in one transaction.
    if (Status s = c->Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    Status s = c->Exec(kSchema);
    const std::vector<std::string> have = Columns(db, "main", "files");
    for (const char* col : kNewColumns) {
      if (s.ok() && !Contains(have, col)) {
        s = c->Exec(std::string("ALTER TABLE files ADD COLUMN ") + col + " TEXT");
      }
    }
    const std::vector<std::string> record_columns = Columns(db, "main", "records");
    for (const char* col : kNewRecordColumns) {
      if (s.ok() && !Contains(record_columns, col)) {
        s = c->Exec(std::string("ALTER TABLE records ADD COLUMN ") + col + " TEXT");
      }
    }
    if (s.ok() && *version < 4) s = c->RefillAllocations();
    if (s.ok()) s = c->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    if (s.ok()) s = c->Exec("COMMIT");
    if (!s.ok()) {
      c->Exec("ROLLBACK").IgnoreError();  // the first error is the one to report
      return s;
    }
  }
  return c;
}

Status Catalogue::Verify(const std::string& path) {
  sqlite3* db = nullptr;
  const std::string file = path.rfind("file:", 0) == 0 ? "./" + path : path;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IOError("cannot open catalogue " + path + ": " + msg);
  }
  Status result;
  if (std::string damage = QuickCheck(db, "main"); !damage.empty()) {
    result = Status::Corruption("catalogue " + path + " is damaged (" + damage + ")");
  } else if (StatusOr<int> v = UserVersion(db, "main"); !v.ok()) {
    result = Status::Corruption("catalogue " + path + ": " + v.status().message());
  } else if (*v > kSchemaVersion) {
    result = Status::Unsupported("catalogue " + path + " has schema version " + std::to_string(*v) +
                                 ", written by a newer verdeelscan");
  } else if (!Contains(Columns(db, "main", "files"), "sha256")) {
    result = Status::Corruption(path + " is not a verdeelscan catalogue");
  }
  sqlite3_close(db);
  return result;
}

Catalogue::~Catalogue() { sqlite3_close(db_); }

Status Catalogue::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError("catalogue " + path_ + ": " + msg);
  }
  return Status::OK();
}

Status Catalogue::Error(const std::string& what) {
  const int rc = sqlite3_errcode(db_);
  const std::string msg = "catalogue " + path_ + ": " + what + ": " + sqlite3_errmsg(db_);
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) return Status::Corruption(msg + kRecovery);
  return Status::IOError(msg);
}

namespace {

constexpr const char* kFileColumns =
    "path, sha256, size, media, pages, status, error, seconds, options, version, artefacts, "
    "duplicate_of";

FileEntry ReadEntry(Stmt& q) {
  FileEntry e;
  e.path = q.ColText(0);
  e.sha256 = q.ColText(1);
  e.size = sqlite3_column_int64(q.get(), 2);
  e.media = q.ColText(3);
  e.pages = sqlite3_column_int(q.get(), 4);
  e.status = q.ColText(5);
  e.error = q.ColText(6);
  e.seconds = sqlite3_column_double(q.get(), 7);
  e.options = q.ColText(8);
  e.version = q.ColText(9);
  e.artefacts = q.ColText(10);
  e.duplicate_of = q.ColText(11);
  return e;
}

}  // namespace

StatusOr<FileEntry> Catalogue::Find(const std::string& path) {
  Stmt q(db_, (std::string("SELECT ") + kFileColumns + " FROM files WHERE path = ?").c_str());
  if (!q.ok()) return Error("find");
  q.Text(1, path);
  const int rc = sqlite3_step(q.get());
  if (rc == SQLITE_ROW) return ReadEntry(q);
  if (rc == SQLITE_DONE) return Status::NotFound(path);
  return Error("find");
}

StatusOr<std::string> Catalogue::OriginalWithSha(const std::string& sha256) {
  if (sha256.empty()) return std::string();
  Stmt q(db_,
         "SELECT path FROM files WHERE sha256 = ? AND COALESCE(duplicate_of, '') = '' ORDER BY "
         "path LIMIT 1");
  if (!q.ok()) return Error("find by sha256");
  q.Text(1, sha256);
  const int rc = sqlite3_step(q.get());
  if (rc == SQLITE_ROW) return q.ColText(0);
  if (rc == SQLITE_DONE) return std::string();
  return Error("find by sha256");
}

Status Catalogue::Put(const FileEntry& e, const std::vector<nlohmann::json>& records,
                      const std::vector<nlohmann::json>& machine) {
  Status s = Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s;
  s = PutRows(e, records, machine);
  if (!s.ok()) {
    Exec("ROLLBACK").IgnoreError();  // the first error is the one to report
    return s;
  }
  return Exec("COMMIT");
}

Status Catalogue::PutReviewed(const std::vector<FileRecords>& files,
                              const std::vector<ReviewRow>& reviews) {
  Status s = Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s;
  for (const FileRecords& f : files) {
    if (s.ok()) s = PutRows(f.entry, f.records, f.machine);
  }
  for (const ReviewRow& r : reviews) {
    if (s.ok()) s = AddReview(r);
  }
  if (!s.ok()) {
    Exec("ROLLBACK").IgnoreError();  // the first error is the one to report
    return s;
  }
  return Exec("COMMIT");
}

namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json ParseOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

}  // namespace

Status Catalogue::AddReview(const ReviewRow& r) {
  Stmt ins(db_,
           "INSERT INTO reviews(path, record, row, field, value, gemeente_raw, action, "
           "decided_at, previous, reviewer, saved_at, applied_at, decisions_sha256) "
           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  ins.Text(1, r.path);
  ins.Text(2, r.record);
  ins.Int(3, r.row);
  ins.Text(4, r.field);
  ins.Text(5, Dump(r.value));
  ins.Text(6, r.gemeente_raw);
  ins.Text(7, r.action);
  ins.Text(8, r.decided_at);
  ins.Text(9, Dump(r.previous));
  ins.Text(10, r.reviewer);
  ins.Text(11, r.saved_at);
  ins.Text(12, r.applied_at);
  ins.Text(13, r.decisions_sha256);
  if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) return Error("insert review");
  return Status::OK();
}

StatusOr<std::vector<ReviewRow>> Catalogue::ReviewsOf(const std::string& path) {
  Stmt q(db_,
         "SELECT path, record, row, field, value, gemeente_raw, action, decided_at, previous, "
         "reviewer, saved_at, applied_at, decisions_sha256 FROM reviews WHERE path = ? "
         "ORDER BY seq");
  if (!q.ok()) return Error("read reviews");
  q.Text(1, path);
  std::vector<ReviewRow> out;
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    ReviewRow r;
    r.path = q.ColText(0);
    r.record = q.ColText(1);
    r.row = sqlite3_column_int64(q.get(), 2);
    r.field = q.ColText(3);
    r.value = ParseOrNull(q.ColText(4));
    r.gemeente_raw = q.ColText(5);
    r.action = q.ColText(6);
    r.decided_at = q.ColText(7);
    r.previous = ParseOrNull(q.ColText(8));
    r.reviewer = q.ColText(9);
    r.saved_at = q.ColText(10);
    r.applied_at = q.ColText(11);
    r.decisions_sha256 = q.ColText(12);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Error("read reviews");
  return out;
}

Status Catalogue::PutRows(const FileEntry& e, const std::vector<nlohmann::json>& records,
                          const std::vector<nlohmann::json>& machine) {
  auto fail = [&](const std::string& what) { return Error(what); };
  for (const char* sql :
       {"DELETE FROM records WHERE path = ?", "DELETE FROM allocations WHERE path = ?"}) {
    Stmt del(db_, sql);
    del.Text(1, e.path);
    if (!del.ok() || sqlite3_step(del.get()) != SQLITE_DONE) return fail("delete");
  }
  {
    Stmt ins(db_, (std::string("INSERT OR REPLACE INTO files(") + kFileColumns +
                   ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?)")
                      .c_str());
    ins.Text(1, e.path);
    ins.Text(2, e.sha256);
    ins.Int(3, e.size);
    ins.Text(4, e.media);
    ins.Int(5, e.pages);
    ins.Text(6, e.status);
    ins.Text(7, e.error);
    ins.Real(8, e.seconds);
    ins.Text(9, e.options);
    ins.Text(10, e.version);
    ins.Text(11, e.artefacts);
    ins.Text(12, e.duplicate_of);
    if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) return fail("insert file");
  }
  for (size_t i = 0; i < records.size(); ++i) {
    Stmt ins(db_,
             "INSERT INTO records(path, idx, kind, status, json, machine_json) "
             "VALUES(?,?,?,?,?,?)");
    const nlohmann::json& r = records[i];
    auto str = [&](const char* key) {
      return r.is_object() && r.contains(key) && r[key].is_string() ? r[key].get<std::string>()
                                                                    : std::string();
    };
    ins.Text(1, e.path);
    ins.Int(2, static_cast<long>(i));
    ins.Text(3, str("kind"));
    ins.Text(4, str("status"));
    ins.Text(5, Dump(r));
    if (i < machine.size() && !machine[i].is_null()) ins.Text(6, Dump(machine[i]));
    if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) return fail("insert record");
    if (Status s = AddAllocations(e.path, static_cast<long>(i), r); !s.ok()) return s;
  }
  return Status::OK();
}

namespace {

const nlohmann::json& Member(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::string MemberText(const nlohmann::json& j, const char* key) {
  const nlohmann::json& v = Member(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}

}  // namespace

Status Catalogue::AddAllocations(const std::string& path, long idx, const nlohmann::json& r) {
  if (MemberText(r, "kind") != "verdeelbesluit") return Status::OK();
  const nlohmann::json& allocations = Member(r, "allocations");
  if (!allocations.is_array()) return Status::OK();
  const BesluitKey key = BesluitKeyOf(r);
  for (size_t row = 0; row < allocations.size(); ++row) {
    const nlohmann::json& a = allocations[row];
    Stmt ins(db_,
             "INSERT INTO allocations(path, idx, row, province, besluit_date, reference, "
             "document_id, status, gemeente, raw_gemeente, cbs_code, regulier, amv, totaal, page) "
             "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.Text(1, path);
    ins.Int(2, idx);
    ins.Int(3, static_cast<long>(row));
    int col = 4;
    for (const std::string* v :
         {&key.province, &key.date, &key.reference, &key.document_id, &key.status})
      ins.Text(col++, *v);
    ins.Text(9, MemberText(a, "gemeente"));
    ins.Text(10, MemberText(Member(a, "raw"), "gemeente"));
    ins.Text(11, MemberText(a, "cbs_code"));
    col = 12;
    for (const char* f : {"regulier", "amv", "totaal", "page"}) {
      const nlohmann::json& v = Member(a, f);
      if (v.is_number_integer()) ins.Int(col, v.get<long>());  // else NULL: not read
      ++col;
    }
    if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) return Error("insert allocation");
  }
  return Status::OK();
}

Status Catalogue::RefillAllocations() {
  if (Status s = Exec("DELETE FROM allocations"); !s.ok()) return s;
  std::vector<std::tuple<std::string, long, nlohmann::json>> records;
  {
    Stmt q(db_, "SELECT path, idx, json FROM records WHERE kind = 'verdeelbesluit'");
    if (!q.ok()) return Error("read records");
    while (sqlite3_step(q.get()) == SQLITE_ROW) {
      nlohmann::json j = nlohmann::json::parse(q.ColText(2), nullptr, false);
      if (!j.is_discarded())
        records.emplace_back(q.ColText(0), sqlite3_column_int64(q.get(), 1), j);
    }
  }
  for (const auto& [path, idx, j] : records) {
    if (Status s = AddAllocations(path, idx, j); !s.ok()) return s;
  }
  return Status::OK();
}

namespace {

StatusOr<long> Count(sqlite3* db, const char* sql) {
  Stmt q(db, sql);
  if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) return Status::IOError(sqlite3_errmsg(db));
  return static_cast<long>(sqlite3_column_int64(q.get(), 0));
}

}  // namespace

StatusOr<long> Catalogue::RecordCount() { return Count(db_, "SELECT COUNT(*) FROM records"); }
StatusOr<long> Catalogue::AllocationCount() {
  return Count(db_, "SELECT COUNT(*) FROM allocations");
}

Status Catalogue::AddRun(RunRow run) {
  ASSIGN_OR_RETURN(run.records, RecordCount());
  ASSIGN_OR_RETURN(run.allocations, AllocationCount());
  Stmt ins(db_,
           "INSERT INTO runs(command, started_at, finished_at, version, options, files_seen, "
           "files_done, files_skipped, files_failed, records, allocations) "
           "VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  ins.Text(1, run.command);
  ins.Text(2, run.started_at);
  ins.Text(3, run.finished_at);
  ins.Text(4, run.version);
  ins.Text(5, run.options);
  const long counts[] = {run.files_seen,   run.files_done, run.files_skipped,
                         run.files_failed, run.records,    run.allocations};
  for (int k = 0; k < 6; ++k) ins.Int(6 + k, counts[k]);
  if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) return Error("insert run");
  return Status::OK();
}

StatusOr<std::vector<RunRow>> Catalogue::Runs() {
  Stmt q(db_,
         "SELECT command, started_at, finished_at, version, options, files_seen, files_done, "
         "files_skipped, files_failed, records, allocations FROM runs ORDER BY seq");
  if (!q.ok()) return Error("read runs");
  std::vector<RunRow> out;
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    RunRow r{q.ColText(0), q.ColText(1), q.ColText(2), q.ColText(3), q.ColText(4)};
    long* counts[] = {&r.files_seen,   &r.files_done, &r.files_skipped,
                      &r.files_failed, &r.records,    &r.allocations};
    for (int k = 0; k < 6; ++k) *counts[k] = sqlite3_column_int64(q.get(), 5 + k);
    out.push_back(std::move(r));
  }
  return out;
}

Status Catalogue::ForEachStoredRecord(const std::function<void(const StoredRecord&)>& fn) {
  Stmt q(db_, "SELECT path, idx, json, machine_json FROM records ORDER BY path, idx");
  if (!q.ok()) return Error("read records");
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    StoredRecord r;
    r.path = q.ColText(0);
    r.idx = sqlite3_column_int64(q.get(), 1);
    r.json = nlohmann::json::parse(q.ColText(2), nullptr, false);
    if (r.json.is_discarded()) {
      return Status::Corruption("catalogue " + path_ + ": record " + std::to_string(r.idx) +
                                " of " + r.path + " is not JSON" + kRecovery);
    }
    r.machine = ParseOrNull(q.ColText(3));
    fn(r);
  }
  if (rc != SQLITE_DONE) return Error("read records");
  return Status::OK();
}

Status Catalogue::ForEachRecord(const std::function<void(const nlohmann::json&)>& fn) {
  Stmt q(db_, "SELECT path, idx, json FROM records ORDER BY path, idx");
  if (!q.ok()) return Error("read records");
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    nlohmann::json j = nlohmann::json::parse(q.ColText(2), nullptr, false);
    if (j.is_discarded()) {
      return Status::Corruption("catalogue " + path_ + ": record " + q.ColText(1) + " of " +
                                q.ColText(0) + " is not JSON" + kRecovery);
    }
    fn(j);
  }
  if (rc != SQLITE_DONE) return Error("read records");
  return Status::OK();
}

Status Catalogue::ForEachFile(const std::function<void(const FileEntry&)>& fn) {
  Stmt q(db_, (std::string("SELECT ") + kFileColumns + " FROM files ORDER BY path").c_str());
  if (!q.ok()) return Error("read files");
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) fn(ReadEntry(q));
  if (rc != SQLITE_DONE) return Error("read files");
  return Status::OK();
}

StatusOr<long> Catalogue::FileCount() {
  Stmt q(db_, "SELECT COUNT(*) FROM files");
  if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) return Error("count files");
  return static_cast<long>(sqlite3_column_int64(q.get(), 0));
}

Status Catalogue::MergeFrom(const std::string& other_path) {
  // Read-only: merging never changes a shard. The path goes into a URI
  // (RFC 3986 escapes) inside an SQL string ('' escapes).
  std::string uri = "file:";
  for (char c : other_path) {
    if (c == '%' || c == '?' || c == '#') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
      uri += hex;
    } else {
      uri += c;
    }
  }
  uri += "?mode=ro";
  std::string quoted;
  for (char c : uri) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  Status s = Exec("ATTACH DATABASE '" + quoted + "' AS other");
  if (!s.ok()) return s;
  auto refuse = [&](Status why) {
    Exec("DETACH DATABASE other").IgnoreError();  // `why` is the error to report
    return why;
  };
  if (std::string damage = QuickCheck(db_, "other"); !damage.empty()) {
    return refuse(Status::Corruption("catalogue " + other_path + " is damaged (" + damage +
                                     "); merge refuses it: rerun that shard's batch into a new "
                                     "folder"));
  }
  StatusOr<int> version = UserVersion(db_, "other");
  if (!version.ok())
    return refuse(Status::Corruption(other_path + ": " + version.status().message()));
  if (*version > kSchemaVersion) {
    return refuse(Status::Unsupported("catalogue " + other_path +
                                      " was written by a newer verdeelscan (schema " +
                                      std::to_string(*version) + ")"));
  }
  // The columns both have (an older shard lacks the newest ones).
  const std::vector<std::string> theirs = Columns(db_, "other", "files");
  if (!Contains(theirs, "path") || !Contains(theirs, "sha256")) {
    return refuse(Status::Corruption(other_path + " is not a verdeelscan catalogue"));
  }
  std::string cols;
  for (const std::string& c : Columns(db_, "main", "files"))
    if (Contains(theirs, c)) cols += (cols.empty() ? "" : ", ") + c;
  // A version-3 shard's machine readings and reviewers' decisions come too.
  const bool reviewed_shard = Contains(Columns(db_, "other", "records"), "machine_json");
  const std::string machine = reviewed_shard ? "r.machine_json" : "NULL";
  const std::string review_columns =
      "path, record, row, field, value, gemeente_raw, action, decided_at, previous, reviewer, "
      "saved_at, applied_at, decisions_sha256";
  const std::string reviews =
      Columns(db_, "other", "reviews").empty()
          ? std::string()
          : "INSERT INTO reviews(" + review_columns + ") SELECT " + review_columns +
                " FROM other.reviews WHERE path NOT IN (SELECT path FROM files) ORDER BY seq;";
  // A shard's own runs come along (a version-3 shard has none).
  const std::string run_columns =
      "command, started_at, finished_at, version, options, files_seen, files_done, "
      "files_skipped, files_failed, records, allocations";
  const std::string runs = Columns(db_, "other", "runs").empty()
                               ? std::string()
                               : "INSERT INTO runs(" + run_columns + ") SELECT " + run_columns +
                                     " FROM other.runs ORDER BY seq;";
  s = Exec(
      "BEGIN IMMEDIATE;"
      "INSERT OR IGNORE INTO records(path, idx, kind, status, json, machine_json) "
      "  SELECT r.path, r.idx, r.kind, r.status, r.json, " +
      machine +
      " FROM other.records r "
      "  WHERE r.path NOT IN (SELECT path FROM files);" +
      reviews + "INSERT OR IGNORE INTO files(" + cols + ") SELECT " + cols +
      " FROM other.files;"
      // The same content under two paths (from two shards): the first path
      // keeps the records, the other becomes its duplicate.
      "UPDATE files SET duplicate_of = (SELECT MIN(f.path) FROM files f WHERE f.sha256 = "
      "  files.sha256 AND f.path < files.path AND COALESCE(f.duplicate_of, '') = ''), "
      "  status = 'duplicate' "
      "  WHERE sha256 <> '' AND COALESCE(duplicate_of, '') = '' AND EXISTS(SELECT 1 FROM files f "
      "  WHERE f.sha256 = files.sha256 AND f.path < files.path AND COALESCE(f.duplicate_of, '') = "
      "  '');"
      "DELETE FROM records WHERE path IN (SELECT path FROM files WHERE COALESCE(duplicate_of, '') "
      "  <> '');" +
      runs);
  // The merged records' allocation rows, from the records themselves (a
  // shard of an older schema has none), in the same transaction.
  if (s.ok()) s = RefillAllocations();
  if (s.ok()) s = Exec("COMMIT");
  // Cleanup: the merge's own error, if any, is the one to report.
  if (!s.ok()) Exec("ROLLBACK").IgnoreError();
  Exec("DETACH DATABASE other").IgnoreError();
  if (!s.ok()) return Status::IOError("merging " + other_path + ": " + s.message());
  return s;
}

}  // namespace verdeelscan
