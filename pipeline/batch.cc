#include "pipeline/batch.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/work_pool.h"
#include "extractors/ingest/ingest.h"
#include "extractors/ingest/ocr.h"
#include "pipeline/apply_review.h"
#include "pipeline/catalogue.h"
#include "pipeline/exports.h"
#include "pipeline/progress.h"
#include "pipeline/sha256.h"
#include "pipeline/version.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Every file under the inputs, sorted, each once. A path that cannot be
// walked is still returned: extraction then records why it failed. The
// output folder is left out when it lies inside an input folder (`batch .
// --out out`): its catalogue, lock and searchable PDFs are not inputs.
std::vector<std::string> CollectInputs(const std::vector<std::string>& inputs,
                                       const std::string& out_dir) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(in, ec))) {
      fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        files.push_back(in);
        continue;
      }
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::error_code e2;
        const fs::file_status st = it->symlink_status(e2);
        if (fs::is_directory(st)) {
          if (fs::equivalent(it->path(), out_dir, e2)) it.disable_recursion_pending();
          continue;
        }
        files.push_back(it->path().string());
      }
    } else {
      files.push_back(in);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

// The file's sha256 ("" when unreadable or too large: extraction says why).
std::string FileSha(const std::string& path, long max_bytes) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec || static_cast<long>(size) > max_bytes) return "";
  return FileSha256(path);
}

constexpr const char* kSearchableSuffix = ".searchable.pdf";

// "NAME.searchable.pdf" for an input: the file's stem (as UTF-8), made unique with a
// digest of its path when another input (of this run, or catalogued before)
// has the same stem, and cut (at a character boundary, digest added) so that
// the name (and that of the partial file) fits the file system's 255 bytes.
std::string SearchableName(const std::string& path, bool stem_shared) {
  constexpr size_t kNameMax = 255;
  std::string stem = fs::path(path).stem().string();
  const std::string digest = "." + Sha256Hex(path).substr(0, 8);
  // An output name is UTF-8 (the catalogue keeps it in JSON, archivists'
  // tools show it): invalid bytes become U+FFFD, and the digest keeps it
  // apart from another input that differs only there.
  if (const std::string valid = ValidUtf8(stem); valid != stem) {
    stem = valid;
    stem_shared = true;
  }
  // Room for the suffix and for ".part" of the file being written
  // (extractors/ingest/searchable_pdf.h: NAME.searchable.pdf.part).
  const size_t room =
      kNameMax - std::string(kSearchableSuffix).size() - std::string(".part").size();
  if (stem.size() > room) {
    stem.resize(room - digest.size());
    while (!stem.empty() && (static_cast<unsigned char>(stem.back()) & 0xC0) == 0x80)
      stem.pop_back();  // a continuation byte: drop the whole character
    if (!stem.empty() && static_cast<unsigned char>(stem.back()) >= 0xC0) stem.pop_back();
    stem_shared = true;
  }
  if (stem_shared) stem += digest;
  return stem + kSearchableSuffix;
}

// The sidecar beside a searchable PDF: NAME.searchable.txt (same length).
std::string SidecarName(const std::string& searchable) {
  return searchable.substr(0, searchable.size() - 4) + ".txt";
}

// An exclusive lock on DIR/.lock for the lifetime of the object (flock: the
// kernel drops it when the process dies, so a killed batch leaves no stale
// lock). The holder's pid is written into the file for the refusal message.
class FolderLock {
 public:
  static StatusOr<std::unique_ptr<FolderLock>> Take(const std::string& dir, bool exclusive,
                                                    bool wait, const std::string& what) {
    const std::string path = dir + "/.lock";
    const int fd =
        ::open(path.c_str(), (exclusive ? O_RDWR | O_CREAT : O_RDONLY) | O_CLOEXEC, 0644);
    if (fd < 0) {
      if (!exclusive && errno == ENOENT) return std::make_unique<FolderLock>(-1);  // never locked
      return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
    }
    const int mode = (exclusive ? LOCK_EX : LOCK_SH) | (wait ? 0 : LOCK_NB);
    while (::flock(fd, mode) != 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      char pid[32] = {0};
      const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
      ::close(fd);
      std::string holder = n > 0 ? std::string(pid, n) : "";
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
      if (err == EWOULDBLOCK) {
        return Status::IOError(what + " " + dir + " is in use by another batch or merge" +
                               (holder.empty() ? "" : " (pid " + holder + ")") +
                               "; wait for it to finish, or rerun with --wait");
      }
      return Status::IOError("cannot lock " + path + ": " + std::strerror(err));
    }
    if (exclusive) {
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The lock holds all the same; only the message of a refused batch
        // lacks the pid.
      }
    }
    return std::make_unique<FolderLock>(fd, exclusive);
  }
  explicit FolderLock(int fd, bool exclusive = false) : fd_(fd), exclusive_(exclusive) {}
  ~FolderLock() {
    if (fd_ < 0) return;
    // The pid goes with the lock: a later holder that is not a batch (flock
    // in a script) must not be reported under this process's pid.
    if (exclusive_ && ::ftruncate(fd_, 0) != 0) {
    }
    ::close(fd_);  // releases the lock
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_;
  bool exclusive_;
};

bool IsScannedMedia(const std::string& media) { return media == "pdf-scanned" || media == "image"; }

// The record that stands for a file whose reading threw.
Record ReaderFailure(const std::string& path, const std::string& sha, const std::string& why) {
  Record r;
  r.source.file = path;
  r.source.sha256 = sha;
  r.status = RecordStatus::kFailed;
  r.error = why;
  return r;
}

}  // namespace

int JobsOrCores(int jobs) {
  return jobs > 0 ? jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int RecordStatusSeverity(const std::string& status) {
  if (status == "failed") return 4;
  if (status == "needs_review") return 3;
  if (status == "reviewed") return 2;
  if (status == "repaired") return 1;
  return 0;
}

StatusOr<std::shared_ptr<void>> LockBatchFolder(const std::string& dir) {
  StatusOr<std::unique_ptr<FolderLock>> lock =
      FolderLock::Take(dir, /*exclusive=*/true, /*wait=*/false, "batch folder");
  if (!lock.ok()) return lock.status();
  return std::shared_ptr<void>(std::move(*lock));
}

std::string BatchSummary::ToString() const {
  std::ostringstream o;
  o << "files: " << files_seen << " seen, " << files_done << " processed, " << files_skipped
    << " already done";
  if (files_duplicate > 0) o << ", " << files_duplicate << " copies of another input";
  if (files_failed > 0) o << "; " << files_failed << " failed (their records say why)";
  o << "\n  by status:";
  for (const auto& [k, v] : files_by_status) o << ' ' << k << '=' << v;
  o << "\n  documents by kind:";
  for (const auto& [k, v] : documents_by_kind) o << ' ' << k << '=' << v;
  o << "\n  tables: " << tables_valid << " valid, " << tables_repaired << " repaired, ";
  if (tables_reviewed > 0) o << tables_reviewed << " reviewed, ";
  o << tables_review << " need review\n  pages processed: " << pages_processed
    << "\n  seconds: " << seconds;
  if (seconds > 0 && pages_processed > 0) o << " (" << pages_processed / seconds << " pages/s)";
  if (tesseract_engines > 0) o << "\n  Tesseract engines initialised: " << tesseract_engines;
  o << '\n';
  return o.str();
}

std::string RelevantOptions(const std::string& media, const std::string& status,
                            const ExtractOptions& o) {
  nlohmann::json j = nlohmann::json::object();
  const bool failed = status == "failed" || media.empty();
  if (media == "text" && !failed) return SafeDump(j);  // nothing changes a dump's reading
  j["dpi"] = o.scan.dpi;                               // bbox coordinates are in pixels at this DPI
  j["max_page_pixels"] = o.scan.max_page_pixels;
  j["max_decode_pixels"] = o.scan.max_decode_pixels;  // a reduced JPEG decode moves every box
  j["max_pages"] = o.scan.max_pages;
  if (IsScannedMedia(media) || media == "pdf" || failed) j["reread"] = o.reread_doubtful_cells;
  if (failed) {  // a larger limit may let the file through
    j["max_file_bytes"] = o.max_file_bytes;
    j["max_text_bytes"] = o.max_text_bytes;
  }
  return SafeDump(j);
}

namespace {

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The catalogue's row of this batch run (Catalogue::AddRun): its options are
// the reading options that can change any file's records, and the batch's own.
RunRow BatchRun(const BatchOptions& opt, const BatchSummary& summary, const std::string& started) {
  nlohmann::json options = nlohmann::json::parse(RelevantOptions("", "failed", opt.extract));
  options["jobs"] = opt.jobs;
  options["searchable_pdf"] = opt.searchable_pdf;
  options["inputs"] = opt.inputs;
  RunRow run;
  run.command = "batch";
  run.started_at = started;
  run.finished_at = UtcNow();
  run.version = kVersion;
  run.options = SafeDump(options);
  run.files_seen = summary.files_seen;
  run.files_done = summary.files_done;
  run.files_skipped = summary.files_skipped;
  run.files_failed = summary.files_failed;
  return run;
}

// Everything the workers share; one mutex guards it all.
struct BatchState {
  BatchState(const BatchOptions& o, Catalogue& c) : opt(o), catalogue(c) {}
  const BatchOptions& opt;
  Catalogue& catalogue;
  std::mutex mu;
  BatchSummary summary;
  Status write_error;
  long pages_done = 0;
  ProgressLine* progress = nullptr;
  WorkPool* pool = nullptr;  // the run's threads, for files and their pages
  std::map<std::string, std::string> artefact_owner;  // searchable PDF name -> path
  std::map<std::string, int> stems;                   // stems of this run's inputs
  std::vector<std::string> final_status;              // per input, after the run
  std::map<std::string, std::string> by_normal;       // absolute normal path -> catalogue path
  std::map<std::string, std::string> in_flight;       // sha256 -> path being read in this run
};

// final_status of a copy whose original may still be in flight.
constexpr const char* kDuplicateOf = "duplicate of ";

std::vector<std::string> ArtefactNames(const std::string& artefacts) {
  std::vector<std::string> out;
  nlohmann::json j = nlohmann::json::parse(artefacts, nullptr, false);
  if (!j.is_array()) return out;
  for (const nlohmann::json& a : j)
    if (a.is_string()) out.push_back(a.get<std::string>());
  return out;
}

// Why a catalogued file must be read again ("" = it need not): another
// version read it, options that affect it changed, or an output it should
// have is missing.
std::string StaleBecause(const FileEntry& e, const BatchOptions& opt) {
  if (e.version != kVersion) {
    return "read by verdeelscan " + (e.version.empty() ? std::string("(older)") : e.version);
  }
  if (e.options != RelevantOptions(e.media, e.status, opt.extract)) return "options changed";
  const std::vector<std::string> artefacts = ArtefactNames(e.artefacts);
  if (opt.searchable_pdf && IsScannedMedia(e.media) && artefacts.size() < 2)
    return "no searchable PDF and sidecar yet";
  for (const std::string& a : artefacts) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(opt.out_dir) / a, ec)) return a + " is missing";
  }
  return "";
}

std::string Normal(const std::string& path) {
  std::error_code ec;
  const fs::path abs = fs::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

// The catalogue's path for the file at `path` when it is catalogued under
// another spelling of the same file (samples/x, ./samples/x, $PWD/samples/x,
// a hard link), else `path`.
std::string CatalogueKey(BatchState& st, const std::string& path, const std::string& sha) {
  if (st.catalogue.Find(path).ok()) return path;
  if (auto it = st.by_normal.find(Normal(path)); it != st.by_normal.end()) return it->second;
  StatusOr<std::string> original = st.catalogue.OriginalWithSha(sha);
  std::error_code ec;
  if (original.ok() && !original->empty() && fs::equivalent(path, *original, ec)) return *original;
  return path;
}

// Decides, under the state's mutex, whether input `path` needs reading, and
// the catalogue path it is kept under (`key`); when it needs no reading,
// accounts for it.
bool NeedsReading(BatchState& st, size_t i, const std::string& path, const std::string& sha,
                  std::string& key) {
  key = CatalogueKey(st, path, sha);
  StatusOr<FileEntry> entry = st.catalogue.Find(key);
  if (!entry.ok() && entry.status().code() != Status::Code::kNotFound) {
    if (st.write_error.ok()) st.write_error = entry.status();
    return false;
  }
  auto skip = [&](const std::string& status) {
    ++st.summary.files_skipped;
    st.final_status[i] = status;
    return false;
  };
  auto status_of = [&](const std::string& p) {
    StatusOr<FileEntry> e = st.catalogue.Find(p);
    return e.ok() ? e->status : std::string("failed");
  };
  if (entry.ok()) {
    if (entry->sha256 != sha) return true;  // the content changed
    if (!entry->duplicate_of.empty()) {
      StatusOr<std::string> original = st.catalogue.OriginalWithSha(sha);
      if (original.ok() && !original->empty()) return skip(status_of(*original));
      return true;  // its original is gone: this copy is read
    }
    return StaleBecause(*entry, st.opt).empty() ? skip(entry->status) : true;
  }
  StatusOr<std::string> original = st.catalogue.OriginalWithSha(sha);
  if (!original.ok()) {
    if (st.write_error.ok()) st.write_error = original.status();
    return false;
  }
  if (original->empty() && !sha.empty()) {
    // A copy being read by another worker of this run is the original.
    auto claim = st.in_flight.find(sha);
    if (claim != st.in_flight.end()) *original = claim->second;
  }
  if (original->empty()) {
    if (!sha.empty()) st.in_flight.emplace(sha, key);
    return true;
  }
  // An identical copy at another path: noted, not read again.
  FileEntry dup;
  dup.path = path;
  dup.sha256 = sha;
  std::error_code size_ec;
  dup.size = static_cast<long>(fs::file_size(path, size_ec));
  if (size_ec) dup.size = 0;
  dup.status = "duplicate";
  dup.duplicate_of = *original;
  dup.version = kVersion;
  if (Status s = st.catalogue.Put(dup, {}); !s.ok()) {
    if (st.write_error.ok()) st.write_error = s;
    return false;
  }
  ++st.summary.files_duplicate;
  st.final_status[i] = kDuplicateOf + *original;  // its status is known at the end
  return false;
}

// Reads one file into its records, as JSON, each checked exportable. Never
// throws: whatever the reader or an exporter throws is the file's failed
// record.
std::vector<nlohmann::json> ReadFile(const BatchOptions& opt, const std::string& path,
                                     const ExtractOptions& eo, std::vector<Record>& records) {
  try {
    records = opt.reader ? opt.reader(path, eo) : ExtractFile(path, eo);
    if (records.empty()) records.push_back(ReaderFailure(path, eo.sha256, "no record was read"));
  } catch (...) {
    records = {ReaderFailure(path, eo.sha256,
                             "reading failed: " + ExceptionMessage(std::current_exception()))};
  }
  std::vector<nlohmann::json> js;
  try {
    for (const Record& r : records) {
      js.push_back(ToJson(r));
      CheckExportable(js.back(), opt.on_record);
    }
  } catch (...) {
    const std::string why = "export failed: " + ExceptionMessage(std::current_exception());
    Record failed = ReaderFailure(path, eo.sha256, why);
    if (!records.empty()) failed.source = records.front().source;
    records = {failed};
    js = {ToJson(failed)};
  }
  return js;
}

// The searchable PDF or sidecar a scanned file should have is missing: the
// record says so (an error and a failing check, so it is needs_review at
// least) and the file is failed, so the batch exits 2 and a rerun makes it.
void MarkMissingArtefact(const std::string& name, nlohmann::json& rec) {
  const bool sidecar = name.size() > 4 && name.substr(name.size() - 4) == ".txt";
  const std::string why = (sidecar ? "sidecar " : "searchable PDF ") + name + " was not written";
  rec["error"] = rec.contains("error") && rec["error"].is_string()
                     ? rec["error"].get<std::string>() + "; " + why
                     : why;
  if (!rec["checks"].is_array()) rec["checks"] = nlohmann::json::array();
  rec["checks"].push_back({{"id", sidecar ? "artefact.sidecar" : "artefact.searchable_pdf"},
                           {"status", "fail"},
                           {"expected", name},
                           {"detail", why + " (disk full, name too long, or not writable); a "
                                            "rerun of the batch makes it"}});
  if (rec.value("status", "") != "failed") rec["status"] = "needs_review";
}

void ProcessFile(BatchState& st, size_t i, const std::string& path) {
  const BatchOptions& opt = st.opt;
  const std::string sha = FileSha(path, opt.extract.max_file_bytes);
  std::string searchable, key;
  {
    std::lock_guard<std::mutex> lock(st.mu);
    if (!NeedsReading(st, i, path, sha, key)) {
      st.pages_done += opt.progress ? CountPages(path) : 0;
      return;
    }
    if (opt.searchable_pdf) {
      const std::string stem = fs::path(path).stem().string();
      std::string name = SearchableName(path, st.stems[stem] > 1);
      auto owner = st.artefact_owner.find(name);
      if (owner != st.artefact_owner.end() && owner->second != key)
        name = SearchableName(path, true);
      st.artefact_owner[name] = key;
      searchable = name;
    }
  }
  const auto t0 = Clock::now();
  ExtractOptions eo = opt.extract;
  eo.sha256 = sha;
  eo.scan.pool = st.pool;
  eo.scan.page_threads = st.pool->threads();
  if (!searchable.empty()) {
    eo.searchable_pdf = opt.out_dir + "/" + searchable;
    eo.sidecar = opt.out_dir + "/" + SidecarName(searchable);
  }
  eo.scan.on_page = [&](int, int) {
    std::lock_guard<std::mutex> lock(st.mu);
    ++st.pages_done;
    st.progress->Update(st.summary.files_done + st.summary.files_skipped, st.pages_done);
  };
  std::vector<Record> records;
  std::vector<nlohmann::json> js = ReadFile(opt, path, eo, records);
  // A file read again keeps its reviewer's decisions (pipeline/apply_review.h).
  std::vector<nlohmann::json> machine;
  StatusOr<std::vector<ReviewRow>> reviews = std::vector<ReviewRow>();
  {
    std::lock_guard<std::mutex> lock(st.mu);
    reviews = st.catalogue.ReviewsOf(key);
  }
  if (!reviews.ok()) {
    std::lock_guard<std::mutex> lock(st.mu);
    if (st.write_error.ok()) st.write_error = reviews.status();
    return;
  }
  ReapplyReviews(*reviews, records, js, machine);
  const Record& first = records.front();
  FileEntry e;
  e.path = key;
  e.sha256 = first.source.sha256.empty() ? sha : first.source.sha256;
  std::error_code size_ec;
  e.size = static_cast<long>(fs::file_size(path, size_ec));
  if (size_ec) e.size = 0;
  e.media = first.source.media;
  e.pages = first.source.pages;
  e.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  e.version = kVersion;
  std::string artefact_error;
  if (!searchable.empty() && IsScannedMedia(e.media)) {
    const std::string sidecar = SidecarName(searchable);
    e.artefacts = SafeDump(nlohmann::json::array({searchable, sidecar}));
    for (const std::string& name : {searchable, sidecar}) {
      std::error_code ec;
      if (fs::is_regular_file(fs::path(opt.out_dir) / name, ec)) continue;
      for (nlohmann::json& j : js) MarkMissingArtefact(name, j);
      if (artefact_error.empty()) artefact_error = name + " was not written";
    }
  }
  std::string worst = "valid";
  for (const nlohmann::json& j : js) {
    const std::string status = j.value("status", "failed");
    if (RecordStatusSeverity(status) > RecordStatusSeverity(worst)) worst = status;
    if (status == "failed" && e.error.empty()) e.error = j.value("error", "failed");
  }
  if (!artefact_error.empty()) {
    worst = "failed";
    if (e.error.empty()) e.error = artefact_error;
  }
  e.status = worst;
  e.options = RelevantOptions(e.media, e.status, opt.extract);
  std::lock_guard<std::mutex> lock(st.mu);
  if (Status s = st.catalogue.Put(e, js, machine); !s.ok()) {
    if (st.write_error.ok()) st.write_error = s;
    return;
  }
  ++st.summary.files_done;
  st.summary.pages_processed += e.pages;
  st.final_status[i] = e.status;
  st.progress->Update(st.summary.files_done + st.summary.files_skipped, st.pages_done, true);
  if (opt.on_file) opt.on_file(e.path, e.status, e.pages);
}

// The file's failed record when its bookkeeping threw (never expected).
void RecordUnexpectedFailure(BatchState& st, size_t i, const std::string& path,
                             const std::string& why) {
  std::lock_guard<std::mutex> lock(st.mu);
  Record r = ReaderFailure(path, "", "batch error: " + why);
  FileEntry e;
  e.path = path;
  e.status = "failed";
  e.error = r.error;
  e.version = kVersion;
  if (Status s = st.catalogue.Put(e, {ToJson(r)}); !s.ok()) {
    if (st.write_error.ok()) st.write_error = s;
    return;
  }
  ++st.summary.files_done;
  st.final_status[i] = "failed";
}

}  // namespace

StatusOr<BatchSummary> RunBatch(const BatchOptions& opt) {
  const auto start = Clock::now();
  const std::string started_at = UtcNow();
  std::error_code ec;
  fs::create_directories(opt.out_dir, ec);
  if (!fs::is_directory(opt.out_dir)) {
    return Status::IOError("cannot create output folder " + opt.out_dir);
  }
  StatusOr<std::unique_ptr<FolderLock>> lock =
      FolderLock::Take(opt.out_dir, /*exclusive=*/true, opt.wait_for_lock, "output folder");
  if (!lock.ok()) return lock.status();
  StatusOr<std::unique_ptr<Catalogue>> cat = Catalogue::Open(opt.out_dir + "/catalogue.sqlite");
  if (!cat.ok()) return cat.status();
  Catalogue& catalogue = **cat;
  // The outputs are rewritten from the catalogue first: whatever a killed
  // run left half-written is replaced, nothing is doubled.
  if (Status s = WriteExports(catalogue, opt.out_dir, opt.on_record); !s.ok()) return s;

  const std::vector<std::string> files = CollectInputs(opt.inputs, opt.out_dir);
  BatchState st(opt, catalogue);
  st.summary.files_seen = static_cast<long>(files.size());
  st.final_status.assign(files.size(), "");
  for (const std::string& f : files) ++st.stems[fs::path(f).stem().string()];
  Status walk = catalogue.ForEachFile([&](const FileEntry& f) {
    for (const std::string& a : ArtefactNames(f.artefacts)) st.artefact_owner[a] = f.path;
    st.by_normal.emplace(Normal(f.path), f.path);
  });
  if (!walk.ok()) return walk;
  const int jobs = JobsOrCores(opt.jobs);
  long total_pages = 0;
  if (opt.progress) {
    for (const std::string& f : files) total_pages += CountPages(f);
  }
  ProgressLine progress(opt.progress, files.size(), total_pages);
  st.progress = &progress;
  // One pool of `jobs` threads for files and pages (core/work_pool.h):
  // parallel over files first; a thread that runs out of files helps the
  // files still being read with their pages, so a batch of few large files
  // uses every thread too, and at most `jobs` pages are in flight.
  WorkPool pool(jobs);
  st.pool = &pool;
  const long engines_before = TesseractEnginesInitialised();
  pool.ParallelFor(static_cast<int>(files.size()), jobs, [&](int k) {
    const size_t i = static_cast<size_t>(k);
    {
      std::lock_guard<std::mutex> l(st.mu);
      if (!st.write_error.ok()) return false;  // the catalogue failed: stop cleanly
    }
    try {
      ProcessFile(st, i, files[i]);
    } catch (...) {
      // ReadFile already turns reading and exporting errors into records;
      // this is the last net for the bookkeeping around it.
      RecordUnexpectedFailure(st, i, files[i], ExceptionMessage(std::current_exception()));
    }
    return true;
  });
  st.summary.tesseract_engines = TesseractEnginesInitialised() - engines_before;
  progress.Finish();
  if (!st.write_error.ok()) return st.write_error;

  // Final exports and the summary, from the catalogue (all runs together).
  BatchSummary& summary = st.summary;
  if (Status s = WriteExports(catalogue, opt.out_dir, opt.on_record); !s.ok()) return s;
  for (const std::string& status : st.final_status) {
    std::string final = status;
    if (final.rfind(kDuplicateOf, 0) == 0) {
      StatusOr<FileEntry> original = catalogue.Find(final.substr(std::string(kDuplicateOf).size()));
      final = original.ok() ? original->status : "failed";
    }
    summary.files_failed += final == "failed";
  }
  Status files_walk =
      catalogue.ForEachFile([&](const FileEntry& f) { ++summary.files_by_status[f.status]; });
  if (!files_walk.ok()) return files_walk;
  Status records_walk = catalogue.ForEachRecord([&](const nlohmann::json& r) {
    const std::string kind = r.value("kind", nlohmann::json()).is_string()
                                 ? r["kind"].get<std::string>()
                                 : std::string("unknown");
    ++summary.documents_by_kind[kind];
    if (kind != "verdeelbesluit") return;
    const nlohmann::json status = r.value("status", nlohmann::json());
    if (status == "repaired") ++summary.tables_repaired;
    if (status == "needs_review") ++summary.tables_review;
    if (status == "valid") ++summary.tables_valid;
    if (status == "reviewed") ++summary.tables_reviewed;
  });
  if (!records_walk.ok()) return records_walk;
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (Status s = catalogue.AddRun(BatchRun(opt, summary, started_at)); !s.ok()) return s;
  return summary;
}

StatusOr<MergeSummary> MergeBatches(const std::vector<std::string>& dirs,
                                    const std::string& out_dir) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (!fs::is_directory(out_dir)) return Status::IOError("cannot create output folder " + out_dir);
  StatusOr<std::unique_ptr<FolderLock>> lock =
      FolderLock::Take(out_dir, /*exclusive=*/true, /*wait=*/false, "output folder");
  if (!lock.ok()) return lock.status();
  // Every shard is checked before anything is merged: a refused shard leaves
  // the output as it was.
  std::vector<std::unique_ptr<FolderLock>> shard_locks;
  for (const std::string& d : dirs) {
    const std::string path = d + "/catalogue.sqlite";
    if (!fs::exists(path)) return Status::NotFound("no catalogue in " + d);
    StatusOr<std::unique_ptr<FolderLock>> shared =
        FolderLock::Take(d, /*exclusive=*/false, /*wait=*/false, "shard");
    if (!shared.ok()) return shared.status();
    shard_locks.push_back(std::move(*shared));
    if (Status s = Catalogue::Verify(path); !s.ok()) {
      return Status(s.code() == Status::Code::kCorruption
                        ? Status::Corruption("merge refuses shard " + d + ": " + s.message() +
                                             "; rerun that shard's batch after moving its "
                                             "catalogue.sqlite aside")
                        : s);
    }
  }
  const std::string started_at = UtcNow();
  StatusOr<std::unique_ptr<Catalogue>> cat = Catalogue::Open(out_dir + "/catalogue.sqlite");
  if (!cat.ok()) return cat.status();
  for (const std::string& d : dirs) {
    if (Status s = (*cat)->MergeFrom(d + "/catalogue.sqlite"); !s.ok()) return s;
  }
  if (Status s = WriteExports(**cat, out_dir); !s.ok()) return s;
  MergeSummary summary;
  Status walk = (*cat)->ForEachFile([&](const FileEntry& f) {
    ++summary.files;
    summary.files_failed += f.status == "failed";
  });
  if (!walk.ok()) return walk;
  RunRow run;
  run.command = "merge";
  run.started_at = started_at;
  run.finished_at = UtcNow();
  run.version = kVersion;
  run.options = SafeDump(nlohmann::json{{"shards", dirs}});
  run.files_seen = summary.files;
  run.files_failed = summary.files_failed;
  if (Status s = (*cat)->AddRun(run); !s.ok()) return s;
  return summary;
}

}  // namespace verdeelscan
