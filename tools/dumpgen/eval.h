// Scores the product against ground truth: for every input NAME.<ext> with
// NAME.truth.json beside it (shared truth format, any media: text dumps,
// scans, PDFs), runs ExtractFile and compares the record of the truth's kind
// cell by cell (name, regulier, amv, totaal per row, matched by CBS code).
//
// A "silent error" is a record that claims `valid` or `repaired` while its
// table is not exactly the truth: the one outcome the product must never
// produce. A `needs_review` record that is wrong is flagged, hence fine.
//
// Cost: the extraction itself (milliseconds for a text dump, seconds for a
// scanned page) plus a linear pass over the rows.
#ifndef VERDEELSCAN_TOOLS_DUMPGEN_EVAL_H_
#define VERDEELSCAN_TOOLS_DUMPGEN_EVAL_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/record.h"
#include "core/status.h"
#include "pipeline/extract.h"

namespace verdeelscan {

struct DocScore {
  std::string name;    // the input as given
  std::string status;  // the record's status; "absent" when no record of the truth's kind
  int cells_right = 0, cells_total = 0;  // 4 cells per truth row
  int rows_right = 0, rows_total = 0;    // rows with all 4 cells right
  int extra_rows = 0;                    // record rows that match no truth row (or repeat one)
  int extra_records = 0;                 // further records of the truth's kind that carry a table
  bool exact = false;                    // every cell right, no extra rows, no extra records
  bool silent = false;                   // claimed valid/repaired while not exact
  double seconds = 0;                    // extraction wall time
};

// The record to score among those extracted from one input: the one of
// `kind` sharing the most CBS codes with `truth`; nullptr when none.
const Record* PickRecord(const std::vector<Record>& records, const nlohmann::json& truth);

// Scores `records` (all records of one input) against `truth`.
DocScore ScoreRecords(const nlohmann::json& truth, const std::vector<Record>& records);

// "dir/a.pdf" -> "dir/a.truth.json".
std::string TruthPathFor(const std::string& input);

// Reads the truth beside `path`, extracts `path`, scores. An error means the
// input cannot be evaluated at all (no or unreadable truth).
StatusOr<DocScore> EvaluateFile(const std::string& path, const ExtractOptions& options = {});

// Files and directories to inputs: a directory contributes (recursively)
// every file that has a truth beside it; a file is taken as is.
StatusOr<std::vector<std::string>> CollectInputs(const std::vector<std::string>& paths);

struct EvalTotals {
  int docs = 0, exact = 0, needs_review = 0, failed = 0, absent = 0, silent = 0;
  long cells_right = 0, cells_total = 0, rows_right = 0, rows_total = 0;
  double seconds = 0;
  double cells_pct() const { return cells_total ? 100.0 * cells_right / cells_total : 0; }
  double seconds_per_doc() const { return docs ? seconds / docs : 0; }
};

EvalTotals Summarise(const std::vector<DocScore>& scores);
nlohmann::json ToJson(const DocScore& s);
nlohmann::json ToJson(const EvalTotals& t);
// One line per document, then the totals, for humans.
std::string FormatReport(const std::vector<DocScore>& scores, const EvalTotals& totals);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_TOOLS_DUMPGEN_EVAL_H_
