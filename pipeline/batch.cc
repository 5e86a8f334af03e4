#include "pipeline/batch.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "extractors/scan/ingest.h"
#include "pipeline/catalogue.h"
#include "pipeline/exports.h"
#include "pipeline/sha256.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Every file under the inputs, sorted, each once. A path that cannot be
// walked is still returned: extraction then records why it failed.
std::vector<std::string> CollectInputs(const std::vector<std::string>& inputs) {
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
        if (fs::is_directory(st)) continue;
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

// "NAME.searchable.pdf" for every input: the file's stem, made unique with a
// digest of its path when two inputs share a stem (same name in two folders).
std::vector<std::string> SearchableNames(const std::vector<std::string>& files) {
  std::map<std::string, int> stems;
  for (const std::string& f : files) ++stems[fs::path(f).stem().string()];
  std::vector<std::string> out;
  for (const std::string& f : files) {
    std::string stem = fs::path(f).stem().string();
    if (stems[stem] > 1) stem += "." + Sha256Hex(f).substr(0, 8);
    out.push_back(stem + ".searchable.pdf");
  }
  return out;
}

// The progress line: only ever written by one thread at a time (under the
// batch mutex) and at most a few times a second.
class Progress {
 public:
  Progress(bool on, size_t files, long pages) : on_(on), files_(files), pages_(pages) {}
  void Update(long files_done, long pages_done, bool force = false) {
    if (!on_) return;
    const auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const double el = std::chrono::duration<double>(now - start_).count();
    const double rate = el > 0 ? pages_done / el : 0;
    std::fprintf(stderr, "\r%ld/%zu files, %ld/%ld pages, %.2f pages/s", files_done, files_,
                 pages_done, pages_, rate);
    if (rate > 0 && pages_ > pages_done) {
      std::fprintf(stderr, ", ~%.0f s left", (pages_ - pages_done) / rate);
    }
    std::fprintf(stderr, "   ");
  }
  void Finish() {
    if (on_) std::fprintf(stderr, "\n");
  }

 private:
  bool on_;
  size_t files_;
  long pages_;
  Clock::time_point start_ = Clock::now(), last_{};
};

int Severity(const std::string& status) {
  if (status == "failed") return 3;
  if (status == "needs_review") return 2;
  if (status == "repaired") return 1;
  return 0;
}

}  // namespace

std::string BatchSummary::ToString() const {
  std::ostringstream o;
  o << "files: " << files_seen << " seen, " << files_done << " processed, " << files_skipped
    << " already done\n  by status:";
  for (const auto& [k, v] : files_by_status) o << ' ' << k << '=' << v;
  o << "\n  documents by kind:";
  for (const auto& [k, v] : documents_by_kind) o << ' ' << k << '=' << v;
  o << "\n  tables: " << tables_valid << " valid, " << tables_repaired << " repaired, "
    << tables_review << " need review\n  pages processed: " << pages_processed
    << "\n  seconds: " << seconds;
  if (seconds > 0 && pages_processed > 0) o << " (" << pages_processed / seconds << " pages/s)";
  o << '\n';
  return o.str();
}

StatusOr<BatchSummary> RunBatch(const BatchOptions& opt) {
  const auto start = Clock::now();
  std::error_code ec;
  fs::create_directories(opt.out_dir, ec);
  if (!fs::is_directory(opt.out_dir)) {
    return Status::IOError("cannot create output folder " + opt.out_dir);
  }
  StatusOr<std::unique_ptr<Catalogue>> cat = Catalogue::Open(opt.out_dir + "/catalogue.sqlite");
  if (!cat.ok()) return cat.status();
  Catalogue& catalogue = **cat;
  // records.jsonl is rewritten from the catalogue first: whatever a killed
  // run appended after its last commit is dropped, nothing is doubled.
  if (Status s = WriteExports(catalogue, opt.out_dir); !s.ok()) return s;
  std::ofstream jsonl(opt.out_dir + "/records.jsonl", std::ios::app);

  BatchSummary summary;
  const std::vector<std::string> files = CollectInputs(opt.inputs);
  summary.files_seen = static_cast<long>(files.size());
  const int jobs =
      opt.jobs > 0 ? opt.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Parallel over documents first; with fewer files than jobs, the spare
  // threads read the pages of each document in parallel.
  const int doc_workers =
      static_cast<int>(std::max<size_t>(1, std::min<size_t>(jobs, files.size())));
  const int page_threads = std::max(1, jobs / doc_workers);
  std::atomic<size_t> next{0};
  std::mutex mu;  // guards catalogue, jsonl, summary, progress
  Status write_error;
  long pages_done = 0;
  long total_pages = 0;
  if (opt.progress) {
    for (const std::string& f : files) total_pages += CountPages(f);
  }
  Progress progress(opt.progress, files.size(), total_pages);
  const std::vector<std::string> searchable = SearchableNames(files);

  auto worker = [&] {
    for (;;) {
      const size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      const std::string& path = files[i];
      const std::string sha = FileSha(path, opt.extract.max_file_bytes);
      {
        std::lock_guard<std::mutex> lock(mu);
        if (catalogue.Has(path, sha)) {  // "" = unreadable, recorded as failed
          ++summary.files_skipped;
          pages_done += opt.progress ? CountPages(path) : 0;
          continue;
        }
      }
      const auto t0 = Clock::now();
      ExtractOptions eo = opt.extract;
      eo.sha256 = sha;
      eo.page_threads = page_threads;
      if (opt.searchable_pdf) eo.searchable_pdf = opt.out_dir + "/" + searchable[i];
      eo.on_page = [&](int, int) {
        std::lock_guard<std::mutex> lock(mu);
        ++pages_done;
        progress.Update(summary.files_done + summary.files_skipped, pages_done);
      };
      std::vector<Record> records = ExtractFile(path, eo);
      const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
      FileEntry e;
      e.path = path;
      e.sha256 = records.front().source.sha256.empty() ? sha : records.front().source.sha256;
      std::error_code size_ec;
      e.size = static_cast<long>(fs::file_size(path, size_ec));
      if (size_ec) e.size = 0;
      e.media = records.front().source.media;
      e.pages = records.front().source.pages;
      e.seconds = secs;
      std::vector<nlohmann::json> js;
      std::string worst = "valid";
      for (const Record& r : records) {
        js.push_back(ToJson(r));
        const std::string st = ToString(r.status);
        if (Severity(st) > Severity(worst)) worst = st;
        if (r.status == RecordStatus::kFailed && e.error.empty()) e.error = r.error;
      }
      e.status = worst;
      std::lock_guard<std::mutex> lock(mu);
      if (Status s = catalogue.Put(e, js); !s.ok()) {
        if (write_error.ok()) write_error = s;
        continue;
      }
      for (const nlohmann::json& j : js) jsonl << j.dump() << '\n';
      jsonl.flush();
      ++summary.files_done;
      summary.pages_processed += e.pages;
      progress.Update(summary.files_done + summary.files_skipped, pages_done, true);
    }
  };
  std::vector<std::thread> pool;
  for (int k = 0; k < doc_workers; ++k) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  progress.Finish();
  jsonl.close();
  if (!write_error.ok()) return write_error;

  // Final exports and the summary, from the catalogue (all runs together).
  if (Status s = WriteExports(catalogue, opt.out_dir); !s.ok()) return s;
  catalogue.ForEachFile([&](const FileEntry& f) { ++summary.files_by_status[f.status]; });
  catalogue.ForEachRecord([&](const nlohmann::json& r) {
    ++summary.documents_by_kind[r.value("kind", "unknown")];
    if (r.value("kind", "") != "verdeelbesluit") return;
    const std::string st = r.value("status", "");
    if (st == "repaired") ++summary.tables_repaired;
    if (st == "needs_review") ++summary.tables_review;
    if (st == "valid") ++summary.tables_valid;
  });
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

StatusOr<long> MergeBatches(const std::vector<std::string>& dirs, const std::string& out_dir) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  StatusOr<std::unique_ptr<Catalogue>> cat = Catalogue::Open(out_dir + "/catalogue.sqlite");
  if (!cat.ok()) return cat.status();
  for (const std::string& d : dirs) {
    const std::string path = d + "/catalogue.sqlite";
    if (!fs::exists(path)) return Status::NotFound("no catalogue in " + d);
    if (Status s = (*cat)->MergeFrom(path); !s.ok()) return s;
  }
  if (Status s = WriteExports(**cat, out_dir); !s.ok()) return s;
  return (*cat)->FileCount();
}

}  // namespace verdeelscan
