// Developer evaluation of the scan path on generated scans (scangen.py):
// ingestion and OCR (extractors/scan), the positioned table reader
// (extractors/layout), prose fields and the repair stage, exactly as the
// pipeline chains them, scored against NAME.truth.json by the rules of
// the shared truth format (cells right by cbs_code, docs exact, silent errors).
// It also scores the table as read before repair, to show what the reader
// itself got right. Used by tools/scangen/sweep.sh when build/verdeelscan-eval
// is not there or does not read scans yet.
//
// Pages turned by scangen.py --rotations: the truth's "rotations" (pages turned
// and the clockwise turn that stands each upright) is compared with the
// record's source.rotations, and the totals are also given per variant
// (generator.variant: r0, r90, r180, r270, p90, ...), so that a sweep of the
// same documents upright and turned shows what turning costs.
// Real-world sweeps (scangen.py --quality/--artefacts/--headers/--orders):
// one line per quality class (QUALITY), per artefact (ARTEFACT; a document
// counts under every artefact it carries, and under "none" when it carries
// none), per header style (HEADER) and per column order (ORDER), read from the
// truth's generator block; absent for truths that do not record them.
//
// A file whose records hold no verdeelbesluit although the truth has one is
// silently missing (a silent error) unless a record says failed or
// needs_review.
//
// Usage: scangen_eval DIR|FILE... [--dpi N] [--no-reread] [--no-ocr-timing]
// Cost: one OCR pass per page (the dominant cost), one solver run per document;
// the OCR timing reads every file a second time (--no-ocr-timing skips it).
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

#include "extractors/documents/toelichting.h"
#include "extractors/ingest/ingest.h"
#include "extractors/tables/table_layout.h"
#include "pipeline/extract.h"
#include "pipeline/verdeelbesluit.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace fs = std::filesystem;
using namespace verdeelscan;

namespace {

struct Totals {
  int docs = 0, exact = 0, silent = 0, review_not_exact = 0, failed = 0, review = 0;
  int missing = 0;         // no verdeelbesluit record, and no record says why (silent)
  int rotation_wrong = 0;  // source.rotations differs from the truth's turned pages
  long cells = 0, cells_right = 0, raw_cells_right = 0, rows = 0, rows_right = 0;
  // In needs_review records: wrong cells (of rows found), and those of them
  // the record does not name doubtful (a reviewer would not look there).
  long review_wrong = 0, review_wrong_unmarked = 0;
  int pages = 0;
  double seconds = 0, ocr_seconds = 0, osd_seconds = 0;

  void Add(const Totals& o) {
    docs += o.docs, exact += o.exact, silent += o.silent, review_not_exact += o.review_not_exact;
    review += o.review;
    failed += o.failed, missing += o.missing, rotation_wrong += o.rotation_wrong;
    cells += o.cells, cells_right += o.cells_right, raw_cells_right += o.raw_cells_right;
    rows += o.rows, rows_right += o.rows_right, pages += o.pages;
    review_wrong += o.review_wrong, review_wrong_unmarked += o.review_wrong_unmarked;
    seconds += o.seconds, ocr_seconds += o.ocr_seconds, osd_seconds += o.osd_seconds;
  }
};

// "p1:180 p2:180": turned pages, as the truth or a record lists them.
std::string RotationList(const std::vector<std::pair<int, int>>& turned) {
  std::string out;
  for (const auto& [page, degrees] : turned) {
    if (!out.empty()) out += ' ';
    out += "p" + std::to_string(page) + ":" + std::to_string(degrees);
  }
  return out.empty() ? "none" : out;
}

std::string InputFor(const fs::path& truth) {
  std::string stem = truth.string();
  stem = stem.substr(0, stem.size() - std::string(".truth.json").size());
  for (const char* ext : {".pdf", ".png", ".tif", ".tiff", ".jpg"}) {
    if (fs::exists(stem + ext)) return stem + ext;
  }
  return "";
}

// How scangen.py made the document (its truth's generator block), for the
// per-group lines. Empty when the truth does not say.
struct Groups {
  std::string variant = "-", quality, header, order;
  std::vector<std::string> artefacts;
};

Groups GroupsOf(const nlohmann::json& truth) {
  Groups g;
  if (!truth.contains("generator")) return g;
  const nlohmann::json& gen = truth["generator"];
  auto text = [&](const char* key) {
    return gen.contains(key) && gen[key].is_string() ? gen[key].get<std::string>() : "";
  };
  if (gen.contains("variant")) g.variant = text("variant");
  g.quality = text("quality");
  g.header = text("header");
  g.order = text("order_style");
  if (gen.contains("artefacts") && gen["artefacts"].is_array()) {
    for (const auto& a : gen["artefacts"]) g.artefacts.push_back(a.get<std::string>());
    if (g.artefacts.empty()) g.artefacts.push_back("none");
  }
  return g;
}

// SCANGEN_EVAL_VERBOSE: the record's error, table notes, allocations with
// their corrections, and the checks that did not pass.
void PrintVerbose(const Record& record) {
  if (!record.error.empty()) std::printf("  error: %s\n", record.error.c_str());
  if (record.extra.contains("table"))
    std::printf("  table: %s\n", ToJson(record).value("table", nlohmann::json()).dump().c_str());
  for (const Allocation& a : record.allocations) {
    std::string fixes;
    for (const Correction& c : a.corrections)
      fixes += " " + c.field + ":" + c.from + "->" + c.to.dump();
    std::printf("  alloc %-24s %-7s %5ld %5ld %5ld%s%s\n", a.gemeente.c_str(), a.cbs_code.c_str(),
                a.regulier, a.amv, a.totaal, fixes.c_str(), a.doubtful.empty() ? "" : " DOUBTFUL");
  }
  for (const Check& c : record.checks) {
    if (c.status != CheckStatus::kPass) {
      std::printf("  check %s %s: %s\n", c.id.c_str(), ToString(c.status), c.detail.c_str());
    }
  }
}

// " runner-up +N" when the repair stage reported how much dearer the next
// consistent reading is (pipeline/verdeelbesluit.cc's table note; within
// --runner-up-window or the near-tie margin), " runner-up none" when no other
// reading was within it, "" for a record without a solved table.
std::string RunnerUp(const Record& record) {
  if (!record.table) return "";
  const std::string& outcome = record.table->solver_outcome;
  if (outcome != "unique" && outcome != "tie") return "";
  const std::string key = "the next consistent reading costs ";
  for (const std::string& n : record.table->notes) {
    if (n.rfind(key, 0) != 0) continue;
    return " runner-up +" + n.substr(key.size(), n.find(' ', key.size()) - key.size());
  }
  return outcome == "tie" ? " runner-up +0" : " runner-up none";
}

// Scores one document into `tot` (a fresh Totals; the caller adds it up).
void Evaluate(const fs::path& truth_path, const ExtractOptions& extract_opts, bool measure_ocr,
              Totals& tot, Groups* groups) {
  const std::string input = InputFor(truth_path);
  if (input.empty()) return;
  std::ifstream in(truth_path);
  nlohmann::json truth = nlohmann::json::parse(in);
  *groups = GroupsOf(truth);
  // The product's own path (pipeline/extract.h): ingestion, OCR, table,
  // repair, the digits-only re-read of doubtful cells. The OCR share comes
  // from a separate ingestion-only timing of the same file.
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Record> records = ExtractFile(input, extract_opts);
  const auto t1 = std::chrono::steady_clock::now();
  Record record;
  bool found = false;
  for (Record& r : records) {
    if (r.kind == DocumentKind::kVerdeelbesluit || r.status == RecordStatus::kFailed) {
      record = r;
      found = true;
      break;
    }
  }
  if (!found) {
    // The table vanished into another kind: loud only when a record says
    // needs_review (a failed record was picked above).
    bool review = false;
    for (const Record& r : records) review |= r.status == RecordStatus::kNeedsReview;
    record = records.empty() ? Record{} : records.front();
    record.status = review ? RecordStatus::kNeedsReview : RecordStatus::kValid;
    record.allocations.clear();
    if (!review) tot.missing = 1;
  }
  // Pages turned: truth against the record's source (within its pages).
  std::vector<std::pair<int, int>> want, got_turns;
  if (truth.contains("rotations")) {
    for (const auto& t : truth["rotations"]) {
      want.emplace_back(t["page"].get<int>(), t["degrees"].get<int>());
    }
  }
  for (const SourceInfo::Rotation& t : record.source.rotations) {
    got_turns.emplace_back(t.page, t.degrees);
  }
  const bool rotation_right = want == got_turns;
  ScanStats stats;
  ScanOptions ingest_only;
  ingest_only.dpi = extract_opts.scan.dpi;
  StatusOr<TextDocument> doc =
      measure_ocr ? LoadScan(input, ingest_only, &stats) : Status::NotFound("not measured");
  const double secs = std::chrono::duration<double>(t1 - t0).count();
  const double ocr = stats.total_seconds;
  tot.osd_seconds += stats.osd_seconds;
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
    if (record.status != RecordStatus::kNeedsReview) continue;
    const std::pair<const char*, bool> fields[] = {
        {"gemeente", a.gemeente == t["gemeente"].get<std::string>()},
        {"regulier", a.regulier == t["regulier"]},
        {"amv", a.amv == t["amv"]},
        {"totaal", a.totaal == t["totaal"]}};
    for (const auto& [field, ok] : fields) {
      if (ok) continue;
      ++tot.review_wrong;
      tot.review_wrong_unmarked +=
          std::find(a.doubtful.begin(), a.doubtful.end(), field) == a.doubtful.end();
    }
  }
  const bool exact = right == cells && record.allocations.size() == rows.size();
  const bool trusted =
      record.status == RecordStatus::kValid || record.status == RecordStatus::kRepaired;
  // The table as read, before repair: row i against truth row i.
  // Cells as read, before repair: the allocation's raw text equals the truth.
  int raw_right = 0;
  if (record.allocations.size() == rows.size()) {
    for (size_t i = 0; i < rows.size(); ++i) {
      const Allocation& a = record.allocations[i];
      raw_right += a.cbs_code == rows[i]["cbs_code"].get<std::string>();
      for (const char* key : {"regulier", "amv", "totaal"}) {
        auto it = a.raw.find(key);
        if (it == a.raw.end()) {
          raw_right += std::string(key) == "totaal";  // an absent totaal column is derived
          continue;
        }
        std::string digits;
        for (char ch : it->second)
          if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
        raw_right += digits == std::to_string(rows[i][key].get<long>()) &&
                     ParseDutchNumber(it->second) == rows[i][key].get<long>();
      }
    }
  }
  tot.docs++;
  tot.exact += exact;
  tot.silent += (trusted && !exact) || tot.missing;
  tot.rotation_wrong += !rotation_right;
  tot.review_not_exact += record.status == RecordStatus::kNeedsReview && !exact;
  tot.review += record.status == RecordStatus::kNeedsReview;
  tot.failed += record.status == RecordStatus::kFailed;
  tot.cells += cells, tot.cells_right += right, tot.raw_cells_right += raw_right;
  tot.rows += rows.size(), tot.rows_right += rows_right;
  const int pages = record.source.pages;
  tot.pages += pages;
  tot.seconds += secs, tot.ocr_seconds += ocr;
  std::printf(
      "%-40s %-12s p=%d rows %zu/%zu cells %d/%d raw %d/%d %s%s turned %s%s %.1fs (ocr %.1fs)%s\n",
      fs::path(input).filename().c_str(), ToString(record.status), pages, record.allocations.size(),
      rows.size(), right, cells, raw_right, cells, exact ? "EXACT" : "-",
      tot.missing ? " SILENT-MISSING" : (trusted && !exact ? " SILENT-ERROR" : ""),
      RotationList(got_turns).c_str(),
      rotation_right ? "" : (" ROTATION-WRONG (truth " + RotationList(want) + ")").c_str(), secs,
      ocr, RunnerUp(record).c_str());
  if (std::getenv("SCANGEN_EVAL_VERBOSE")) PrintVerbose(record);
}

void PrintTotals(const char* label, const Totals& tot) {
  std::printf(
      "%s docs %d: exact %d, silent errors %d (missing %d), needs_review not exact %d, failed %d; "
      "cells right %ld/%ld (%.2f%%), rows right %ld/%ld; table as read (before repair) "
      "%ld/%ld cells (%.2f%%); rotations wrong %d; %d pages, %.2f s/page (OCR+ingest %.2f "
      "s/page, orientation %.3f s/page)\n",
      label, tot.docs, tot.exact, tot.silent, tot.missing, tot.review_not_exact, tot.failed,
      tot.cells_right, tot.cells, 100.0 * tot.cells_right / std::max(1L, tot.cells), tot.rows_right,
      tot.rows, tot.raw_cells_right, tot.cells,
      100.0 * tot.raw_cells_right / std::max(1L, tot.cells), tot.rotation_wrong, tot.pages,
      tot.seconds / std::max(1, tot.pages), tot.ocr_seconds / std::max(1, tot.pages),
      tot.osd_seconds / std::max(1, tot.pages));
}

// One group's line: "QUALITY fax docs 6 exact 4 cells 700/712 (98.31%) needs_review 2 silent 0".
void PrintGroup(const std::string& kind, const std::string& name, const Totals& tot) {
  std::printf("%-8s %-12s docs %d exact %d cells %ld/%ld (%.2f%%) needs_review %d silent %d\n",
              kind.c_str(), name.c_str(), tot.docs, tot.exact, tot.cells_right, tot.cells,
              100.0 * tot.cells_right / std::max(1L, tot.cells), tot.review, tot.silent);
}

// Totals per quality class, artefact, header style and column order.
struct GroupTotals {
  std::map<std::string, Totals> quality, artefact, header, order;

  void Add(const Groups& g, const Totals& one) {
    if (!g.quality.empty()) quality[g.quality].Add(one);
    for (const std::string& a : g.artefacts) artefact[a].Add(one);
    if (!g.header.empty()) header[g.header].Add(one);
    if (!g.order.empty()) order[g.order].Add(one);
  }

  void Print() const {
    for (const auto& [name, t] : quality) PrintGroup("QUALITY", name, t);
    for (const auto& [name, t] : artefact) PrintGroup("ARTEFACT", name, t);
    for (const auto& [name, t] : header) PrintGroup("HEADER", name, t);
    for (const auto& [name, t] : order) PrintGroup("ORDER", name, t);
  }
};

}  // namespace

int main(int argc, char** argv) {
  ExtractOptions opts;
  bool measure_ocr = true;
  std::vector<fs::path> truths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--dpi" && i + 1 < argc) {
      opts.scan.dpi = std::atoi(argv[++i]);
    } else if (a == "--near-tie-margin" && i + 1 < argc) {
      opts.costs.near_tie_margin = std::atoi(argv[++i]);
    } else if (a == "--runner-up-window" && i + 1 < argc) {
      opts.costs.runner_up_window = std::atoi(argv[++i]);
    } else if (a == "--no-reread") {
      opts.reread_doubtful_cells = false;
    } else if (a == "--no-ocr-timing") {
      measure_ocr = false;
    } else if (fs::is_directory(a)) {
      for (const auto& e : fs::directory_iterator(a)) {
        const std::string p = e.path().string();
        if (p.size() > 11 && p.substr(p.size() - 11) == ".truth.json") truths.push_back(e.path());
      }
    } else if (a.size() > 11 && a.substr(a.size() - 11) == ".truth.json") {
      truths.push_back(a);
    } else {
      std::fprintf(
          stderr,
          "usage: scangen_eval DIR|NAME.truth.json... [--dpi N] [--no-reread] [--no-ocr-timing] "
          "[--near-tie-margin N] [--runner-up-window N]\n");
      return 1;
    }
  }
  std::sort(truths.begin(), truths.end());
  Totals tot;
  std::map<std::string, Totals> by_variant;
  GroupTotals groups;
  for (const fs::path& t : truths) {
    Totals one;
    Groups g;
    Evaluate(t, opts, measure_ocr, one, &g);
    if (one.docs == 0) continue;
    tot.Add(one);
    by_variant[g.variant].Add(one);
    groups.Add(g, one);
  }
  if (tot.docs == 0) {
    std::fprintf(stderr, "no NAME.truth.json with an input next to it\n");
    return 1;
  }
  if (by_variant.size() > 1 || by_variant.count("-") == 0) {
    for (const auto& [variant, t] : by_variant) PrintTotals(("VARIANT " + variant).c_str(), t);
  }
  groups.Print();
  std::printf("DOUBTFUL wrong cells in needs_review records %ld, not named doubtful %ld\n",
              tot.review_wrong, tot.review_wrong_unmarked);
  PrintTotals("TOTAL", tot);
  return tot.silent == 0 ? 0 : 3;
}
