// The record contract (docs/record.md) as value types, and its JSON form.
// Every stage fills part of a Record; pipeline/ serialises it through ToJson.
//
// Which part of a Record holds what:
//  - every kind: source, kind, status, error, checks;
//  - a verdeelbesluit: typed parts only. besluit_meta (JSON "meta"), the
//    stated figures opgave / overgenomen / restopgave (JSON "stated"),
//    allocations, table (JSON "table": how the table was read and repaired)
//    and toelichting (JSON "toelichting": the municipalities its prose
//    names). Its "unread_fields" are the besluit_meta fields left empty.
//  - the letter kinds (kamerbrief, ibt_brief, prt_verslag, informatiebericht,
//    begeleidende_brief, email, unknown): `meta` and `extra`, JSON bags whose
//    keys each kind's field reader chooses (extractors/documents/fields.cc;
//    docs/record.md lists them). Their content is open: a letter states what
//    it states.
//  - `extra` also carries the blocks every kind may have: "evidence" (why
//    the classifier chose the kind), "redactions", "ingest_notes",
//    "reread_error". ToJson merges `extra` into the top level last.
#ifndef VERDEELSCAN_CORE_RECORD_H_
#define VERDEELSCAN_CORE_RECORD_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/document_kind.h"
#include "core/status.h"

namespace verdeelscan {

// kReviewed: a table that needed review, whose every doubtful cell a
// reviewer decided (`verdeelscan apply-review`) and whose every check then
// passes (docs/record.md, "Statuses").
enum class RecordStatus { kValid, kRepaired, kNeedsReview, kFailed, kReviewed };
const char* ToString(RecordStatus s);
std::optional<RecordStatus> ParseRecordStatus(std::string_view name);

enum class CheckStatus { kPass, kFail, kFinding };
const char* ToString(CheckStatus s);
std::optional<CheckStatus> ParseCheckStatus(std::string_view name);

// One check the document must obey. `expected`/`actual` are JSON so that a
// check can compare numbers, counts or lists.
struct Check {
  std::string id;  // "column_sum.regulier", "restopgave.count.amv", ...
  CheckStatus status = CheckStatus::kPass;
  nlohmann::json expected;
  nlohmann::json actual;
  std::string detail;  // one sentence for humans
};

// The reason of a correction a reviewer decided (pipeline/apply_review.h).
inline constexpr const char* kReviewerReason = "reviewer";

struct Correction {
  std::string field;  // "regulier", "amv", "totaal", "gemeente"
  std::string from;   // raw text
  nlohmann::json to;  // integer for numbers, string for names
  std::string reason;
  // A reviewer's decision (reason kReviewerReason) says who and when, and
  // what the cell held before it (an integer, or the official name, "" for
  // none): JSON "from" is then that value, not raw text.
  std::string reviewer = {}, decided_at = {};
  nlohmann::json previous = nullptr;
  bool by_reviewer() const { return reason == kReviewerReason; }
};

// Where a value was read: a page and pixel box (scans), or a line (text).
struct CellProvenance {
  int page = 1;
  int line = 0;  // text inputs: 1-based line number in the file
  BBox box;      // scans and PDFs
  double confidence = 1.0;
};

// A reading of one cell the repair solver weighed (JSON "alternatives").
struct CellAlternative {
  long value = 0;
  int cost = -1;               // the reading's own cost (0 = as printed); -1 = derived from the row
  std::string reason;          // why the cell could read so ("" as printed)
  bool equally_cheap = false;  // some cheapest table reads the cell so (a tie)
};

struct Allocation {
  std::string gemeente;  // official CBS name; empty when unmatched
  std::string cbs_code;  // "GM0148"; empty when unmatched
  long regulier = 0, amv = 0, totaal = 0;
  std::map<std::string, std::string> raw;            // field -> text as read
  std::map<std::string, CellProvenance> provenance;  // field -> where
  std::vector<Correction> corrections;
  std::vector<std::string> doubtful;  // fields a reviewer must look at
  // Corrected and doubtful fields: the readings the solver weighed, the
  // equally cheap ones (a tie) first, then the cell's cheapest readings.
  std::map<std::string, std::vector<CellAlternative>> alternatives;
};

struct SplitFigure {
  std::optional<long> regulier, amv;
  bool any() const { return regulier || amv; }
};

// A verdeelbesluit's JSON "meta": what its heading and signature state. An
// empty field could not be read; it is then named in "unread_fields".
struct VerdeelbesluitMeta {
  std::string province;   // official name: "Overijssel"
  std::string date;       // ISO 8601: "2024-12-20"
  std::string reference;  // the decision's number: "6015733"
  // The names of the empty fields, in the order above.
  std::vector<std::string> Unread() const;
};

// A municipality the toelichting names: excluded from the restopgave, or one
// that received a share of it.
struct NamedGemeente {
  std::string gemeente;  // official CBS name
  std::string cbs_code;
  std::string raw;        // as read
  bool regulier = false;  // receivers: which restopgave it received
  bool amv = false;
  std::string ground;  // excluded: the ground given ("asielopvang"), may be empty
};

// A verdeelbesluit's JSON "toelichting": the lists its prose gives. A list
// is absent (nullopt) when the prose has none, empty when it has one that
// names no municipality we know.
struct ToelichtingLists {
  std::optional<std::vector<NamedGemeente>> excluded;
  std::optional<std::vector<NamedGemeente>> receivers;  // JSON with regulier/amv flags
  SplitFigure stated_receiver_counts;                   // "verdeeld over 16 gemeenten"
  bool empty() const { return !excluded && !receivers && !stated_receiver_counts.any(); }
};

// A verdeelbesluit's JSON "table": how its table was read and repaired.
struct TableReading {
  std::vector<std::string> notes;     // the reader's and the re-read's remarks
  std::string solver_outcome;         // "unique", "tie", "infeasible", "budget_exceeded"
  int solver_cost = 0;                // total cost of the chosen repair
  int first_line = 0, last_line = 0;  // text inputs: the table's lines
  int first_page = 0, last_page = 0;  // paged inputs: the table's pages
  std::vector<std::string> alignment_problems;
};

struct SourceInfo {
  std::string file;
  std::string sha256;
  std::string media;  // text, pdf-text, pdf-scanned, image
  int pages = 0;
  int dpi = 0;
  int first_line = 0, last_line = 0;  // text inputs: the record's line range
  int first_page = 0, last_page = 0;
  // Pages (1-based) that were turned clockwise by `degrees` (90, 180, 270)
  // to stand upright before they were read; every bbox is in the upright
  // frame. Only turned pages; JSON "rotations" lists those within the
  // record's page_range.
  struct Rotation {
    int page = 1;
    int degrees = 0;
  };
  std::vector<Rotation> rotations;
};

struct Record {
  SourceInfo source;
  DocumentKind kind = DocumentKind::kUnknown;  // JSON: its contract name
  RecordStatus status = RecordStatus::kValid;
  std::string error;  // set when status is kFailed
  // JSON "meta": besluit_meta for a verdeelbesluit, `meta` for every other
  // kind (a key in both would be written from besluit_meta).
  VerdeelbesluitMeta besluit_meta;
  nlohmann::json meta = nlohmann::json::object();
  SplitFigure opgave, overgenomen, restopgave;  // stated in the toelichting
  std::vector<Allocation> allocations;
  std::vector<Check> checks;
  std::optional<TableReading> table;            // verdeelbesluit with a table
  std::optional<ToelichtingLists> toelichting;  // verdeelbesluit
  // Open blocks ("prt", "ibt", "figures", "evidence", ...; see the top of
  // this file), merged into the top level of the JSON object.
  nlohmann::json extra = nlohmann::json::object();
};

// `s` with every byte that is not part of well-formed UTF-8 replaced by
// U+FFFD (what the JSON writer accepts).
std::string ValidUtf8(const std::string& s);

nlohmann::json ToJson(const Check& c);
nlohmann::json ToJson(const Record& r);

// The Record a ToJson object describes (a stored record read back: the
// catalogue keeps JSON): ToJson(*RecordFromJson(j)) == j for every record
// ToJson writes. Keys it does not type go to `extra`; a typed key of the
// wrong type is an InvalidArgument naming it.
StatusOr<Record> RecordFromJson(const nlohmann::json& j);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_CORE_RECORD_H_
