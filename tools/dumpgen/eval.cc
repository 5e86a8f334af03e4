#include "tools/dumpgen/eval.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;

std::string KindOf(const nlohmann::json& truth) {
  return truth.value("kind", std::string("verdeelbesluit"));
}

int SharedCodes(const Record& r, const std::set<std::string>& codes) {
  int n = 0;
  for (const Allocation& a : r.allocations) n += codes.count(a.cbs_code);
  return n;
}

std::set<std::string> TruthCodes(const nlohmann::json& truth) {
  std::set<std::string> codes;
  for (const auto& a : truth.value("allocations", nlohmann::json::array()))
    codes.insert(a.value("cbs_code", std::string()));
  return codes;
}

bool Claims(const Record& r) {
  return r.status == RecordStatus::kValid || r.status == RecordStatus::kRepaired;
}

}  // namespace

const Record* PickRecord(const std::vector<Record>& records, const nlohmann::json& truth) {
  const std::string kind = KindOf(truth);
  const std::set<std::string> codes = TruthCodes(truth);
  const Record* best = nullptr;
  int best_shared = -1;
  for (const Record& r : records) {
    if (ToString(r.kind) != kind) continue;
    int shared = SharedCodes(r, codes);
    if (shared > best_shared) best = &r, best_shared = shared;
  }
  return best;
}

DocScore ScoreRecords(const nlohmann::json& truth, const std::vector<Record>& records) {
  DocScore s;
  const Record* rec = PickRecord(records, truth);
  const auto& rows = truth.value("allocations", nlohmann::json::array());
  s.rows_total = static_cast<int>(rows.size());
  s.cells_total = 4 * s.rows_total;
  s.status = rec ? ToString(rec->status) : "absent";

  bool other_claims = false;
  for (const Record& r : records) {
    if (&r == rec || ToString(r.kind) != KindOf(truth) || r.allocations.empty()) continue;
    ++s.extra_records;
    other_claims |= Claims(r);
  }
  if (!rec) {
    s.exact = s.rows_total == 0 && s.extra_records == 0;
    s.silent = other_claims;
    return s;
  }

  // Record rows by CBS code; a code seen twice, or no code, is an extra row.
  std::map<std::string, const Allocation*> by_code;
  for (const Allocation& a : rec->allocations) {
    if (a.cbs_code.empty() || by_code.count(a.cbs_code)) {
      ++s.extra_rows;
      continue;
    }
    by_code[a.cbs_code] = &a;
  }
  std::set<std::string> used;
  for (const auto& t : rows) {
    const std::string code = t.value("cbs_code", std::string());
    auto it = by_code.find(code);
    if (it == by_code.end()) continue;  // a missing row: all 4 cells wrong
    used.insert(code);
    const Allocation& a = *it->second;
    int right = (a.gemeente == t.value("gemeente", std::string())) +
                (a.regulier == t.value("regulier", -1L)) + (a.amv == t.value("amv", -1L)) +
                (a.totaal == t.value("totaal", -1L));
    s.cells_right += right;
    s.rows_right += right == 4;
  }
  for (const auto& [code, a] : by_code)
    if (!used.count(code)) ++s.extra_rows;

  s.exact = s.cells_right == s.cells_total && s.extra_rows == 0 && s.extra_records == 0;
  s.silent = (Claims(*rec) && !s.exact) || other_claims;
  return s;
}

std::string TruthPathFor(const std::string& input) {
  fs::path p(input);
  return (p.parent_path() / (p.stem().string() + ".truth.json")).string();
}

StatusOr<DocScore> EvaluateFile(const std::string& path, const ExtractOptions& options) {
  const std::string truth_path = TruthPathFor(path);
  std::ifstream in(truth_path);
  if (!in) return Status::NotFound("no ground truth " + truth_path + " beside " + path);
  nlohmann::json truth = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (truth.is_discarded() || !truth.is_object() || !truth.contains("allocations") ||
      !truth["allocations"].is_array())
    return Status::Corruption(truth_path + " is not a truth file (JSON with allocations)");

  auto t0 = std::chrono::steady_clock::now();
  std::vector<Record> records = ExtractFile(path, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  DocScore s = ScoreRecords(truth, records);
  s.name = path;
  s.seconds = seconds;
  return s;
}

StatusOr<std::vector<std::string>> CollectInputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const std::string f = it->path().string();
        if (f.size() >= 11 && f.compare(f.size() - 11, 11, ".truth.json") == 0) continue;
        if (fs::exists(TruthPathFor(f), ec)) found.push_back(f);
      }
      if (ec) return Status::IOError("cannot list " + p + ": " + ec.message());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      return Status::NotFound("no such file or directory: " + p);
    }
  }
  return out;
}

EvalTotals Summarise(const std::vector<DocScore>& scores) {
  EvalTotals t;
  for (const DocScore& s : scores) {
    ++t.docs;
    t.exact += s.exact;
    t.needs_review += s.status == "needs_review";
    t.failed += s.status == "failed";
    t.absent += s.status == "absent";
    t.silent += s.silent;
    t.cells_right += s.cells_right;
    t.cells_total += s.cells_total;
    t.rows_right += s.rows_right;
    t.rows_total += s.rows_total;
    t.seconds += s.seconds;
  }
  return t;
}

nlohmann::json ToJson(const DocScore& s) {
  return {{"name", s.name},
          {"status", s.status},
          {"cells_right", s.cells_right},
          {"cells_total", s.cells_total},
          {"rows_right", s.rows_right},
          {"rows_total", s.rows_total},
          {"extra_rows", s.extra_rows},
          {"extra_records", s.extra_records},
          {"exact", s.exact},
          {"silent", s.silent},
          {"seconds", s.seconds}};
}

nlohmann::json ToJson(const EvalTotals& t) {
  return {{"docs", t.docs},
          {"exact", t.exact},
          {"needs_review", t.needs_review},
          {"failed", t.failed},
          {"absent", t.absent},
          {"silent_errors", t.silent},
          {"cells_right", t.cells_right},
          {"cells_total", t.cells_total},
          {"cells_right_pct", t.cells_pct()},
          {"rows_right", t.rows_right},
          {"rows_total", t.rows_total},
          {"seconds", t.seconds},
          {"seconds_per_doc", t.seconds_per_doc()}};
}

std::string FormatReport(const std::vector<DocScore>& scores, const EvalTotals& t) {
  std::ostringstream out;
  char buf[512];
  for (const DocScore& s : scores) {
    std::snprintf(buf, sizeof buf, "%-48s %-12s cells %4d/%-4d exact %-3s SILENT %-3s %7.3fs",
                  s.name.c_str(), s.status.c_str(), s.cells_right, s.cells_total,
                  s.exact ? "yes" : "no", s.silent ? "YES" : "no", s.seconds);
    out << buf;
    if (s.extra_rows) out << "  extra rows " << s.extra_rows;
    if (s.extra_records) out << "  extra records " << s.extra_records;
    out << '\n';
  }
  std::snprintf(buf, sizeof buf,
                "TOTAL docs %d | cells right %ld/%ld (%.2f%%) | rows right %ld/%ld | docs exact "
                "%d/%d | needs_review %d | failed %d | absent %d | silent errors %d | %.3f s/doc\n",
                t.docs, t.cells_right, t.cells_total, t.cells_pct(), t.rows_right, t.rows_total,
                t.exact, t.docs, t.needs_review, t.failed, t.absent, t.silent, t.seconds_per_doc());
  out << buf;
  return out.str();
}

}  // namespace verdeelscan
