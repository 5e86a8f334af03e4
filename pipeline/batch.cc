#include "pipeline/batch.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

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
    << tables_review << " need review\n  seconds: " << seconds << '\n';
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
  std::atomic<size_t> next{0};
  std::mutex mu;  // guards catalogue, jsonl, summary, progress
  Status write_error;
  long pages_done = 0;

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
          continue;
        }
      }
      const auto t0 = Clock::now();
      std::vector<Record> records = ExtractFile(path, opt.extract);
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
      pages_done += e.pages;
      if (opt.progress) {
        const double el = std::chrono::duration<double>(Clock::now() - start).count();
        const long done = summary.files_done + summary.files_skipped;
        const double left = summary.files_done > 0
                                ? el / summary.files_done * static_cast<double>(files.size() - done)
                                : 0;
        std::fprintf(stderr, "\r%ld/%zu files, %ld pages, %.1f pages/s, ~%.0f s left   ", done,
                     files.size(), pages_done, el > 0 ? pages_done / el : 0.0, left);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int k = 0; k < jobs; ++k) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  if (opt.progress) std::fprintf(stderr, "\n");
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
