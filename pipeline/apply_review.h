// A reviewer's decisions back into a batch folder: `verdeelscan apply-review
// DIR DECISIONS.json`.
//
// The decisions file is what the review page (review.html) saves; its format
// is a contract between the two:
//   {"format": "verdeelscan-review-decisions", "version": 1,
//    "reviewer": "J. Jansen",             (optional, may be "")
//    "saved_at": "2026-12-05T13:10:00Z",
//    "decisions": [{"record": "<sha256>:p1-2", "file": "scans/x.pdf", "row": 7,
//                   "gemeente_raw": "Dalfsen", "field": "regulier", "value": 142,
//                   "action": "accept", "decided_at": "2026-12-05T13:09:41Z"}]}
// `record` is the record's key (RecordKey), `row` a 0-based index into its
// allocations, `gemeente_raw` that row's raw.gemeente (a row that no longer
// holds it is refused: the folder changed since the page was written),
// `field` one of regulier, amv, totaal (an integer `value`) or gemeente (a
// CBS code), `action` accept (the value the page proposed) or edit.
//
// Each decision becomes a correction {"field", "from" (the value before),
// "to", "reason": "reviewer", "reviewer", "decided_at"} and takes the cell
// out of `doubtful` (a gemeente decision sets gemeente and cbs_code from the
// CBS list); then every check of the record runs again
// (RecheckVerdeelbesluit) and a table whose checks all pass is `reviewed`.
//
// All or nothing: a decision that breaks a sum is refused, naming the
// record, row, field, check and expected/actual, and nothing is written:
//  - a row with a decided number must add up (regulier + amv = totaal);
//  - a sum check (row_sum, column_sum.*, totaal_row.*) that passed before
//    must pass after;
//  - a table left with no doubtful cell must pass every sum check.
// Applying the same decisions again changes nothing (and writes nothing); a
// second review starts from the first one's result. The catalogue keeps the
// machine reading beside the reviewed record and every decision applied
// (pipeline/catalogue.h); every export is written again from it.
#ifndef VERDEELSCAN_PIPELINE_APPLY_REVIEW_H_
#define VERDEELSCAN_PIPELINE_APPLY_REVIEW_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/record.h"
#include "core/status.h"
#include "pipeline/catalogue.h"

namespace verdeelscan {

struct ReviewDecision {
  std::string record;  // the record's key (RecordKey)
  std::string file;    // source.file, informational
  long row = 0;        // 0-based index into the allocations
  std::string gemeente_raw;
  std::string field;     // regulier, amv, totaal, gemeente
  nlohmann::json value;  // an integer; for gemeente the CBS code ("GM0148")
  std::string action;    // accept, edit
  std::string decided_at;
};

struct ReviewDecisions {
  std::string reviewer, saved_at;
  std::string sha256;  // of the file's bytes
  std::vector<ReviewDecision> decisions;
};

// The decisions file, checked for its shape (format, version, every
// decision's fields and types); InvalidArgument naming what is wrong.
StatusOr<ReviewDecisions> ParseReviewDecisions(const std::string& bytes);

// A record's key: source.sha256 + ":" + "p<first>-<last>" (page_range), or
// "l<first>-<last>" (lines), or "all" (a file's only record without either).
std::string RecordKey(const SourceInfo& source);

// Applies `decisions` (all of one record, from one file; `reviewer` decided
// them) to `r` and runs its checks again. InvalidArgument (naming the
// record, row, field and, for a broken sum, the check with expected and
// actual) when a decision does not fit the record or breaks a sum: `r` is
// then unchanged. `changed` says whether any decision changed the record
// (false when all were applied before).
Status ApplyDecisions(Record& r, const std::vector<ReviewDecision>& decisions,
                      const std::string& reviewer, bool& changed);

struct ApplyReviewSummary {
  long decisions = 0;                   // in the file
  long records_changed = 0;             // records a decision changed
  long records_reviewed = 0;            // of those, now `reviewed`
  std::vector<std::string> still_open;  // changed records still needs_review: key and why
};

// apply-review: applies the decisions file at `decisions_path` to the batch
// folder `dir` (its catalogue, then every export). Holds the folder's lock
// like a batch. InvalidArgument when the file or a decision is refused
// (nothing written); NotFound when there is no file or no catalogue; other
// errors when the folder cannot be read or written.
StatusOr<ApplyReviewSummary> ApplyReview(const std::string& dir, const std::string& decisions_path);

// A batch that reads a file again (a new version, other options) applies the
// decisions stored for it again, decisions file by decisions file in the
// order they were applied, to `records` (its new reading; `js` their JSON,
// `machine` gets the machine JSON of each record a decision changed, else
// null). A decisions file that no longer fits (another reading, a row that
// moved) is not dropped silently: the records get a failing check
// review.reapplied saying why, so they need review.
void ReapplyReviews(const std::vector<ReviewRow>& reviews, std::vector<Record>& records,
                    std::vector<nlohmann::json>& js, std::vector<nlohmann::json>& machine);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_APPLY_REVIEW_H_
