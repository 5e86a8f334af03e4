#include "pipeline/catalogue.h"

#include <sqlite3.h>

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

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS files(
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER,
  media TEXT,
  pages INTEGER,
  status TEXT NOT NULL,
  error TEXT,
  seconds REAL);
CREATE TABLE IF NOT EXISTS records(
  path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  kind TEXT,
  status TEXT,
  json TEXT NOT NULL,
  PRIMARY KEY(path, idx));
)sql";

}  // namespace

StatusOr<std::unique_ptr<Catalogue>> Catalogue::Open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IOError("cannot open catalogue " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 10000);
  std::unique_ptr<Catalogue> c(new Catalogue(db));
  Status s = c->Exec(kSchema);
  if (!s.ok()) return s;
  return c;
}

Catalogue::~Catalogue() { sqlite3_close(db_); }

Status Catalogue::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError("catalogue: " + msg);
  }
  return Status::OK();
}

bool Catalogue::Has(const std::string& path, const std::string& sha256) {
  Stmt q(db_, "SELECT 1 FROM files WHERE path = ? AND sha256 = ?");
  if (!q.ok()) return false;
  q.Text(1, path);
  q.Text(2, sha256);
  return sqlite3_step(q.get()) == SQLITE_ROW;
}

Status Catalogue::Put(const FileEntry& e, const std::vector<nlohmann::json>& records) {
  Status s = Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s;
  auto fail = [&](const std::string& what) {
    std::string msg = sqlite3_errmsg(db_);
    Exec("ROLLBACK");
    return Status::IOError("catalogue " + what + ": " + msg);
  };
  {
    Stmt del(db_, "DELETE FROM records WHERE path = ?");
    del.Text(1, e.path);
    if (!del.ok() || sqlite3_step(del.get()) != SQLITE_DONE) return fail("delete");
  }
  {
    Stmt ins(db_,
             "INSERT OR REPLACE INTO files(path, sha256, size, media, pages, status, error, "
             "seconds) VALUES(?,?,?,?,?,?,?,?)");
    ins.Text(1, e.path);
    ins.Text(2, e.sha256);
    ins.Int(3, e.size);
    ins.Text(4, e.media);
    ins.Int(5, e.pages);
    ins.Text(6, e.status);
    ins.Text(7, e.error);
    ins.Real(8, e.seconds);
    if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) return fail("insert file");
  }
  for (size_t i = 0; i < records.size(); ++i) {
    Stmt ins(db_, "INSERT INTO records(path, idx, kind, status, json) VALUES(?,?,?,?,?)");
    ins.Text(1, e.path);
    ins.Int(2, static_cast<long>(i));
    ins.Text(3, records[i].value("kind", ""));
    ins.Text(4, records[i].value("status", ""));
    ins.Text(5, records[i].dump());
    if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) return fail("insert record");
  }
  return Exec("COMMIT");
}

Status Catalogue::ForEachRecord(const std::function<void(const nlohmann::json&)>& fn) {
  Stmt q(db_, "SELECT json FROM records ORDER BY path, idx");
  if (!q.ok()) return Status::IOError(sqlite3_errmsg(db_));
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    nlohmann::json j = nlohmann::json::parse(q.ColText(0), nullptr, false);
    if (!j.is_discarded()) fn(j);
  }
  return Status::OK();
}

Status Catalogue::ForEachFile(const std::function<void(const FileEntry&)>& fn) {
  Stmt q(db_,
         "SELECT path, sha256, size, media, pages, status, error, seconds FROM files ORDER BY "
         "path");
  if (!q.ok()) return Status::IOError(sqlite3_errmsg(db_));
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    FileEntry e;
    e.path = q.ColText(0);
    e.sha256 = q.ColText(1);
    e.size = sqlite3_column_int64(q.get(), 2);
    e.media = q.ColText(3);
    e.pages = sqlite3_column_int(q.get(), 4);
    e.status = q.ColText(5);
    e.error = q.ColText(6);
    e.seconds = sqlite3_column_double(q.get(), 7);
    fn(e);
  }
  return Status::OK();
}

long Catalogue::FileCount() {
  Stmt q(db_, "SELECT COUNT(*) FROM files");
  if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) return -1;
  return sqlite3_column_int64(q.get(), 0);
}

Status Catalogue::MergeFrom(const std::string& other_path) {
  std::string quoted;
  for (char c : other_path) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  Status s = Exec("ATTACH DATABASE '" + quoted + "' AS other");
  if (!s.ok()) return s;
  s = Exec(
      "BEGIN IMMEDIATE;"
      "INSERT OR IGNORE INTO records SELECT r.* FROM other.records r "
      "  WHERE r.path NOT IN (SELECT path FROM files);"
      "INSERT OR IGNORE INTO files SELECT * FROM other.files;"
      "COMMIT;");
  if (!s.ok()) Exec("ROLLBACK");
  Exec("DETACH DATABASE other");
  return s;
}

}  // namespace verdeelscan
