// Developer evaluation of the scan path on generated scans (scangen.py):
// ingestion and OCR (extractors/scan), the positioned table reader
// (extractors/layout), prose fields and the repair stage, exactly as the
// pipeline chains them, scored against NAME.truth.json by the rules of
// the shared truth format (cells right by cbs_code, docs exact, silent errors).
// It also scores the table as read before repair, to show what the reader
// itself got right. Used by tools/scangen/sweep.sh when build/verdeelscan-eval
// is not there or does not read scans yet.
//
// Usage: scangen_eval DIR|FILE... [--dpi N]
// Cost: one OCR pass per page (the dominant cost), one solver run per document.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "extractors/layout/table_layout.h"
#include "extractors/scan/ingest.h"
#include "extractors/toelichting.h"
#include "pipeline/verdeelbesluit.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace fs = std::filesystem;
using namespace verdeelscan;

namespace {

struct Totals {
  int docs = 0, exact = 0, silent = 0, review_not_exact = 0, failed = 0;
  long cells = 0, cells_right = 0, raw_cells_right = 0, rows = 0, rows_right = 0;
  int pages = 0;
  double seconds = 0, ocr_seconds = 0;
};

std::string InputFor(const fs::path& truth) {
  std::string stem = truth.string();
  stem = stem.substr(0, stem.size() - std::string(".truth.json").size());
  for (const char* ext : {".pdf", ".png", ".tif", ".tiff", ".jpg"}) {
    if (fs::exists(stem + ext)) return stem + ext;
  }
  return "";
}

void Evaluate(const fs::path& truth_path, const ScanOptions& opts, Totals& tot) {
  const std::string input = InputFor(truth_path);
  if (input.empty()) return;
  std::ifstream in(truth_path);
  nlohmann::json truth = nlohmann::json::parse(in);
  const auto t0 = std::chrono::steady_clock::now();
  ScanStats stats;
  StatusOr<TextDocument> doc = LoadScan(input, opts, &stats);
  const auto t1 = std::chrono::steady_clock::now();
  Record record;
  StatusOr<RawTable> table = Status::NotFound("not read");
  if (doc.ok() && !doc->lines.empty()) {
    const int last = static_cast<int>(doc->lines.size()) - 1;
    BesluitProse prose = ReadBesluitProse(*doc, 0, last);
    table = ReadPositionedTable(*doc, 0, last, prose.province);
    BuildVerdeelbesluit(prose, table, record);
  } else {
    record.status = RecordStatus::kFailed;
    record.error = doc.ok() ? "no text" : doc.status().ToString();
  }
  const auto t2 = std::chrono::steady_clock::now();
  const double secs = std::chrono::duration<double>(t2 - t0).count();
  const double ocr = std::chrono::duration<double>(t1 - t0).count();

  // Record vs truth, by cbs_code (4 cells per truth row).
  std::map<std::string, const Allocation*> got;
  for (const Allocation& a : record.allocations) got[a.cbs_code] = &a;
  const auto& rows = truth["allocations"];
  int cells = 0, right = 0, rows_right = 0;
  for (const auto& t : rows) {
    cells += 4;
    auto it = got.find(t["cbs_code"].get<std::string>());
    if (it == got.end()) continue;
    const Allocation& a = *it->second;
    int r = (a.gemeente == t["gemeente"].get<std::string>()) + (a.regulier == t["regulier"]) +
            (a.amv == t["amv"]) + (a.totaal == t["totaal"]);
    right += r;
    rows_right += r == 4;
  }
  const bool exact = right == cells && record.allocations.size() == rows.size();
  const bool trusted =
      record.status == RecordStatus::kValid || record.status == RecordStatus::kRepaired;
  // The table as read, before repair: row i against truth row i.
  int raw_right = 0;
  if (table.ok()) {
    const std::string province = truth["province"];
    for (size_t i = 0; i < rows.size() && i < table->rows.size(); ++i) {
      const RawRow& r = table->rows[i];
      NameMatch m = MatchMunicipality(r.name.text, province);
      raw_right += m.municipality && m.municipality->cbs_code == rows[i]["cbs_code"];
      const char* keys[3] = {"regulier", "amv", "totaal"};
      for (int c = 0; c < 3; ++c) {
        if (!table->column_present[c]) {
          raw_right += c == 2;  // an absent totaal column is derived, not read
          continue;
        }
        std::optional<long> v =
            r.cells[c].present ? ParseDutchNumber(r.cells[c].text) : std::nullopt;
        std::string digits;
        for (char ch : r.cells[c].text)
          if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
        const long got = v.value_or(-1);
        raw_right +=
            got >= 0 && got == rows[i][keys[c]].get<long>() && std::to_string(got) == digits;
      }
    }
  }
  tot.docs++;
  tot.exact += exact;
  tot.silent += trusted && !exact;
  tot.review_not_exact += record.status == RecordStatus::kNeedsReview && !exact;
  tot.failed += record.status == RecordStatus::kFailed;
  tot.cells += cells, tot.cells_right += right, tot.raw_cells_right += raw_right;
  tot.rows += rows.size(), tot.rows_right += rows_right;
  const int pages = doc.ok() ? doc->pages : 0;
  tot.pages += pages;
  tot.seconds += secs, tot.ocr_seconds += ocr;
  std::printf(
      "%-40s %-12s p=%d rows %zu/%zu cells %d/%d raw %d/%d %s%s align=%zu %.1fs (ocr %.1fs)\n",
      fs::path(input).filename().c_str(), ToString(record.status), pages, record.allocations.size(),
      rows.size(), right, cells, raw_right, cells, exact ? "EXACT" : "-",
      trusted && !exact ? " SILENT-ERROR" : "", table.ok() ? table->alignment_problems.size() : 0,
      secs, ocr);
  if (std::getenv("SCANGEN_EVAL_VERBOSE")) {
    if (!table.ok()) std::printf("  table: %s\n", table.status().ToString().c_str());
    if (table.ok()) {
      for (const std::string& n : table->notes) std::printf("  note: %s\n", n.c_str());
      for (const std::string& n : table->alignment_problems)
        std::printf("  problem: %s\n", n.c_str());
      for (size_t i = 0; i < table->rows.size(); ++i) {
        const RawRow& r = table->rows[i];
        std::printf("  row %2zu %-24s %8s %8s %8s\n", i, r.name.text.c_str(),
                    r.cells[0].text.c_str(), r.cells[1].text.c_str(), r.cells[2].text.c_str());
      }
    }
    for (const Allocation& a : record.allocations) {
      std::string fixes;
      for (const Correction& c : a.corrections)
        fixes += " " + c.field + ":" + c.from + "->" + c.to.dump();
      std::printf("  alloc %-24s %-7s %5ld %5ld %5ld%s%s\n", a.gemeente.c_str(), a.cbs_code.c_str(),
                  a.regulier, a.amv, a.totaal, fixes.c_str(),
                  a.doubtful.empty() ? "" : " DOUBTFUL");
    }
    for (const Check& c : record.checks) {
      if (c.status != CheckStatus::kPass) {
        std::printf("  check %s %s: %s\n", c.id.c_str(), ToString(c.status), c.detail.c_str());
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  ScanOptions opts;
  std::vector<fs::path> truths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--dpi" && i + 1 < argc) {
      opts.dpi = std::atoi(argv[++i]);
    } else if (fs::is_directory(a)) {
      for (const auto& e : fs::directory_iterator(a)) {
        const std::string p = e.path().string();
        if (p.size() > 11 && p.substr(p.size() - 11) == ".truth.json") truths.push_back(e.path());
      }
    } else if (a.size() > 11 && a.substr(a.size() - 11) == ".truth.json") {
      truths.push_back(a);
    } else {
      std::fprintf(stderr, "usage: scangen_eval DIR|NAME.truth.json... [--dpi N]\n");
      return 1;
    }
  }
  std::sort(truths.begin(), truths.end());
  Totals tot;
  for (const fs::path& t : truths) Evaluate(t, opts, tot);
  if (tot.docs == 0) {
    std::fprintf(stderr, "no NAME.truth.json with an input next to it\n");
    return 1;
  }
  std::printf(
      "TOTAL docs %d: exact %d, silent errors %d, needs_review not exact %d, failed %d; "
      "cells right %ld/%ld (%.2f%%), rows right %ld/%ld; table as read (before repair) "
      "%ld/%ld cells (%.2f%%); %d pages, %.2f s/page (OCR+ingest %.2f s/page)\n",
      tot.docs, tot.exact, tot.silent, tot.review_not_exact, tot.failed, tot.cells_right, tot.cells,
      100.0 * tot.cells_right / std::max(1L, tot.cells), tot.rows_right, tot.rows,
      tot.raw_cells_right, tot.cells, 100.0 * tot.raw_cells_right / std::max(1L, tot.cells),
      tot.pages, tot.seconds / std::max(1, tot.pages), tot.ocr_seconds / std::max(1, tot.pages));
  return tot.silent == 0 ? 0 : 3;
}
