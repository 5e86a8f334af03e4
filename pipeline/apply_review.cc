#include "pipeline/apply_review.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/batch.h"
#include "pipeline/exports.h"
#include "pipeline/sha256.h"
#include "pipeline/verdeelbesluit.h"
#include "validators/reference.h"

namespace verdeelscan {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "verdeelscan-review-decisions";

bool IsNumberField(const std::string& f) { return f == "regulier" || f == "amv" || f == "totaal"; }

// ------------------------------------------------------ the file's shape

Status Refuse(const std::string& why) { return Status::InvalidArgument(why); }

// A string member of a decision; absent is "" when `optional`.
StatusOr<std::string> StringMember(const json& d, const char* key, const std::string& where,
                                   bool optional = false) {
  auto it = d.find(key);
  if (it == d.end() || it->is_null()) {
    if (optional) return std::string();
    return Refuse(where + ": \"" + key + "\" is missing");
  }
  if (!it->is_string()) return Refuse(where + ": \"" + key + "\" must be a string");
  return it->get<std::string>();
}

StatusOr<ReviewDecision> ParseDecision(const json& d, size_t index) {
  const std::string where = "decision " + std::to_string(index);
  if (!d.is_object()) return Refuse(where + " is not an object");
  ReviewDecision out;
  ASSIGN_OR_RETURN(out.record, StringMember(d, "record", where));
  ASSIGN_OR_RETURN(out.file, StringMember(d, "file", where, true));
  ASSIGN_OR_RETURN(out.gemeente_raw, StringMember(d, "gemeente_raw", where));
  ASSIGN_OR_RETURN(out.field, StringMember(d, "field", where));
  ASSIGN_OR_RETURN(out.action, StringMember(d, "action", where));
  ASSIGN_OR_RETURN(out.decided_at, StringMember(d, "decided_at", where, true));
  const std::string cell = where + " (record " + out.record + ")";
  auto row = d.find("row");
  if (row == d.end() || !row->is_number_integer() || row->get<long>() < 0)
    return Refuse(cell + ": \"row\" must be a non-negative integer");
  out.row = row->get<long>();
  if (!IsNumberField(out.field) && out.field != "gemeente") {
    return Refuse(cell + ": unknown field \"" + out.field +
                  "\" (regulier, amv, totaal or gemeente)");
  }
  if (out.action != "accept" && out.action != "edit")
    return Refuse(cell + ": unknown action \"" + out.action + "\" (accept or edit)");
  auto value = d.find("value");
  if (value == d.end()) return Refuse(cell + ": \"value\" is missing");
  out.value = *value;
  if (IsNumberField(out.field) && (!value->is_number_integer() || value->get<long>() < 0)) {
    return Refuse(cell + " row " + std::to_string(out.row) + " " + out.field + ": value " +
                  value->dump() + " is not a non-negative integer");
  }
  if (out.field == "gemeente" &&
      (!value->is_string() || !Reference::Default().ByCode(value->get<std::string>()))) {
    return Refuse(cell + " row " + std::to_string(out.row) + " gemeente: value " + value->dump() +
                  " is not a CBS code of the 2024 list (\"GM0148\")");
  }
  return out;
}

// Two decisions on one cell must agree (the page writes one per cell).
Status CheckOneValuePerCell(const std::vector<ReviewDecision>& decisions) {
  std::map<std::tuple<std::string, long, std::string>, json> seen;
  for (const ReviewDecision& d : decisions) {
    auto [it, fresh] = seen.emplace(std::make_tuple(d.record, d.row, d.field), d.value);
    if (!fresh && it->second != d.value) {
      return Refuse("record " + d.record + " row " + std::to_string(d.row) + " " + d.field +
                    ": two decisions with different values (" + it->second.dump() + " and " +
                    d.value.dump() + ")");
    }
  }
  return Status::OK();
}

}  // namespace

StatusOr<ReviewDecisions> ParseReviewDecisions(const std::string& bytes) {
  const json j = json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Refuse("the decisions file is not a JSON object");
  if (j.value("format", json()) != kFormat)
    return Refuse(std::string("the decisions file's \"format\" must be \"") + kFormat + "\"");
  if (j.value("version", json()) != 1)
    return Refuse("the decisions file's \"version\" must be 1 (this verdeelscan reads version 1)");
  ReviewDecisions out;
  out.sha256 = Sha256Hex(bytes);
  ASSIGN_OR_RETURN(out.reviewer, StringMember(j, "reviewer", "the decisions file", true));
  ASSIGN_OR_RETURN(out.saved_at, StringMember(j, "saved_at", "the decisions file", true));
  auto list = j.find("decisions");
  if (list == j.end() || !list->is_array())
    return Refuse("the decisions file has no \"decisions\" array");
  for (size_t i = 0; i < list->size(); ++i) {
    ASSIGN_OR_RETURN(ReviewDecision d, ParseDecision((*list)[i], i));
    out.decisions.push_back(std::move(d));
  }
  RETURN_IF_ERROR(CheckOneValuePerCell(out.decisions));
  return out;
}

std::string RecordKey(const SourceInfo& s) {
  std::string key = s.sha256 + ":";
  if (s.first_page > 0)
    return key + "p" + std::to_string(s.first_page) + "-" + std::to_string(s.last_page);
  if (s.first_line > 0)
    return key + "l" + std::to_string(s.first_line) + "-" + std::to_string(s.last_line);
  return key + "all";
}

namespace {

// --------------------------------------------------- one record's decisions

std::string NameOf(const Allocation& a) {
  if (!a.gemeente.empty()) return a.gemeente;
  auto raw = a.raw.find("gemeente");
  return raw == a.raw.end() ? std::string() : raw->second;
}

std::string Where(const Record& r, const ReviewDecision& d) {
  std::string row =
      "record " + RecordKey(r.source) + " (" + r.source.file + ") row " + std::to_string(d.row);
  if (d.row >= 0 && d.row < static_cast<long>(r.allocations.size()))
    row += " (" + NameOf(r.allocations[d.row]) + ")";
  return row + " " + d.field;
}

// The decision fits the record: a table, the row exists and holds the name
// the page saw, a gemeente of the table's province.
Status Fits(const Record& r, const ReviewDecision& d) {
  if (r.kind != DocumentKind::kVerdeelbesluit || !r.table)
    return Refuse("record " + RecordKey(r.source) + " (" + r.source.file +
                  ") has no allocation table to decide");
  if (d.row >= static_cast<long>(r.allocations.size())) {
    return Refuse(Where(r, d) + ": row out of range (the table has " +
                  std::to_string(r.allocations.size()) + " rows, 0 to " +
                  std::to_string(static_cast<long>(r.allocations.size()) - 1) + ")");
  }
  const Allocation& a = r.allocations[d.row];
  auto raw = a.raw.find("gemeente");
  const std::string held = raw == a.raw.end() ? "" : raw->second;
  if (held != d.gemeente_raw) {
    return Refuse(Where(r, d) + ": gemeente_raw mismatch: the row holds '" + held + "', not '" +
                  d.gemeente_raw + "' (the folder changed since the review page was written)");
  }
  if (d.field == "gemeente") {
    const Municipality* m = Reference::Default().ByCode(d.value.get<std::string>());
    const std::string& province = r.besluit_meta.province;
    if (m && !province.empty() && m->province != province)
      return Refuse(Where(r, d) + ": " + m->cbs_code + " (" + m->name + ") lies in " + m->province +
                    ", not in " + province);
  }
  return Status::OK();
}

long& Cell(Allocation& a, const std::string& field) {
  return field == "regulier" ? a.regulier : field == "amv" ? a.amv : a.totaal;
}

long CellValue(const Allocation& a, const std::string& field) {
  return field == "regulier" ? a.regulier : field == "amv" ? a.amv : a.totaal;
}

// The decision applied before: the cell holds it, and a reviewer correction
// of the same decision is there.
bool AlreadyApplied(const Allocation& a, const ReviewDecision& d, const std::string& reviewer,
                    const json& to) {
  const bool holds = d.field == "gemeente" ? a.cbs_code == d.value.get<std::string>()
                                           : CellValue(a, d.field) == d.value.get<long>();
  if (!holds) return false;
  return std::any_of(a.corrections.begin(), a.corrections.end(), [&](const Correction& c) {
    return c.by_reviewer() && c.field == d.field && c.to == to && c.reviewer == reviewer &&
           c.decided_at == d.decided_at;
  });
}

// Applies one decision to its cell; false when it was applied before.
bool ApplyOne(Allocation& a, const ReviewDecision& d, const std::string& reviewer) {
  Correction c;
  c.field = d.field;
  c.reason = kReviewerReason;
  c.reviewer = reviewer;
  c.decided_at = d.decided_at;
  if (d.field == "gemeente") {
    const Municipality* m = Reference::Default().ByCode(d.value.get<std::string>());
    c.to = m->name;
    if (AlreadyApplied(a, d, reviewer, c.to)) return false;
    c.previous = a.gemeente;
    a.gemeente = m->name;
    a.cbs_code = m->cbs_code;
  } else {
    c.to = d.value.get<long>();
    if (AlreadyApplied(a, d, reviewer, c.to)) return false;
    c.previous = Cell(a, d.field);
    Cell(a, d.field) = d.value.get<long>();
  }
  a.corrections.push_back(std::move(c));
  a.doubtful.erase(std::remove(a.doubtful.begin(), a.doubtful.end(), d.field), a.doubtful.end());
  return true;
}

bool IsSumCheck(const std::string& id) {
  return id == "row_sum" || id.rfind("column_sum.", 0) == 0 || id.rfind("totaal_row.", 0) == 0;
}

const Check* FindCheck(const Record& r, const std::string& id) {
  for (const Check& c : r.checks)
    if (c.id == id) return &c;
  return nullptr;
}

bool AnyDoubtful(const Record& r) {
  return std::any_of(r.allocations.begin(), r.allocations.end(),
                     [](const Allocation& a) { return !a.doubtful.empty(); });
}

std::string Describe(const Check& c) {
  return c.id + ": expected " + c.expected.dump() + ", actual " + c.actual.dump();
}

// The decisions of a column (the check's field; every decided number for a
// check on rows), for the refusal's message.
std::string DecisionsOn(const Record& after, const std::vector<ReviewDecision>& decisions,
                        const std::string& check_id) {
  const size_t dot = check_id.find('.');
  const std::string column = dot == std::string::npos ? "" : check_id.substr(dot + 1);
  std::string out;
  for (const ReviewDecision& d : decisions) {
    if (!IsNumberField(d.field) || (!column.empty() && d.field != column)) continue;
    out += (out.empty() ? "" : "; ") + Where(after, d) + " = " + d.value.dump();
  }
  return out.empty() ? "record " + RecordKey(after.source) + " (" + after.source.file + ")" : out;
}

// The refusal when the decisions break a sum, else OK (see the header).
Status CheckSums(const Record& before, const Record& after,
                 const std::vector<ReviewDecision>& decisions) {
  for (const ReviewDecision& d : decisions) {
    if (!IsNumberField(d.field)) continue;
    const Allocation& a = after.allocations[d.row];
    if (a.regulier + a.amv != a.totaal) {
      return Refuse("refused: " + Where(after, d) + " = " + d.value.dump() +
                    " breaks row_sum: expected regulier + amv = totaal, actual " +
                    std::to_string(a.regulier) + " + " + std::to_string(a.amv) + " = " +
                    std::to_string(a.regulier + a.amv) + ", totaal " + std::to_string(a.totaal) +
                    "; nothing was written");
    }
  }
  const bool decided = !AnyDoubtful(after);
  for (const Check& c : after.checks) {
    if (!IsSumCheck(c.id) || c.status != CheckStatus::kFail) continue;
    const Check* was = FindCheck(before, c.id);
    const bool passed_before = was && was->status == CheckStatus::kPass;
    if (!passed_before && !decided) continue;
    return Refuse(
        "refused: " + DecisionsOn(after, decisions, c.id) + " breaks " + Describe(c) +
        (passed_before ? " (it passed before)" : " (no doubtful cell is left to explain it)") +
        "; nothing was written");
  }
  return Status::OK();
}

}  // namespace

Status ApplyDecisions(Record& r, const std::vector<ReviewDecision>& decisions,
                      const std::string& reviewer, bool& changed) {
  changed = false;
  for (const ReviewDecision& d : decisions) RETURN_IF_ERROR(Fits(r, d));
  Record after = r;
  for (const ReviewDecision& d : decisions)
    changed |= ApplyOne(after.allocations[d.row], d, reviewer);
  if (!changed) return Status::OK();
  RecheckVerdeelbesluit(after);
  RETURN_IF_ERROR(CheckSums(r, after, decisions));
  r = std::move(after);
  return Status::OK();
}

namespace {

// ------------------------------------------------------- the batch folder

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

StatusOr<std::string> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read the decisions file " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One file of the folder as stored, typed where a decision touches it.
struct FolderFile {
  std::vector<StoredRecord> stored;
};

std::string WorstStatus(const std::vector<json>& records) {
  std::string worst = "valid";
  for (const json& j : records) {
    const std::string s = j.value("status", "failed");
    if (RecordStatusSeverity(s) > RecordStatusSeverity(worst)) worst = s;
  }
  return worst;
}

ReviewRow RowOf(const ReviewDecision& d, const std::string& path, const ReviewDecisions& file,
                const Allocation& before, const std::string& applied_at) {
  ReviewRow row;
  row.path = path;
  row.record = d.record;
  row.row = d.row;
  row.field = d.field;
  row.gemeente_raw = d.gemeente_raw;
  row.action = d.action;
  row.decided_at = d.decided_at;
  row.value = d.value;
  row.previous = d.field == "gemeente" ? json(before.gemeente) : json(CellValue(before, d.field));
  row.reviewer = file.reviewer;
  row.saved_at = file.saved_at;
  row.applied_at = applied_at;
  row.decisions_sha256 = file.sha256;
  return row;
}

// What applying the file to the folder's records gives: the files to store
// again and the decisions to add. Nothing when every decision was applied
// before.
struct Outcome {
  std::vector<FileRecords> files;
  std::vector<ReviewRow> reviews;
  ApplyReviewSummary summary;
};

// Applies the decisions of one record; adds to `out`'s reviews and summary.
Status ApplyToStored(const ReviewDecisions& file, const std::vector<ReviewDecision>& mine,
                     StoredRecord& stored, const std::string& applied_at, Outcome& out) {
  ASSIGN_OR_RETURN(Record r, RecordFromJson(stored.json));
  const Record before = r;
  bool changed = false;
  RETURN_IF_ERROR(ApplyDecisions(r, mine, file.reviewer, changed));
  if (!changed) return Status::OK();
  for (const ReviewDecision& d : mine)
    out.reviews.push_back(RowOf(d, stored.path, file, before.allocations[d.row], applied_at));
  if (stored.machine.is_null()) stored.machine = stored.json;
  stored.json = ToJson(r);
  ++out.summary.records_changed;
  if (r.status == RecordStatus::kReviewed) {
    ++out.summary.records_reviewed;
  } else {
    std::string why;
    for (const Check& c : r.checks)
      if (c.status == CheckStatus::kFail) why += (why.empty() ? "" : ", ") + c.id;
    out.summary.still_open.push_back(RecordKey(r.source) + " (" + r.source.file +
                                     "): still needs review (" + why + ")");
  }
  return Status::OK();
}

StatusOr<Outcome> ApplyToCatalogue(Catalogue& catalogue, const ReviewDecisions& file) {
  std::map<std::string, FolderFile> files;                      // by path
  std::map<std::string, std::pair<std::string, size_t>> where;  // key -> path, index
  const Status walk = catalogue.ForEachStoredRecord([&](const StoredRecord& s) {
    FolderFile& f = files[s.path];
    StatusOr<Record> r = RecordFromJson(s.json);
    if (r.ok()) where.emplace(RecordKey(r->source), std::make_pair(s.path, f.stored.size()));
    f.stored.push_back(s);
  });
  RETURN_IF_ERROR(walk);
  std::map<std::string, std::vector<ReviewDecision>> by_record;
  std::vector<std::string> order;
  for (const ReviewDecision& d : file.decisions) {
    if (!where.count(d.record)) {
      return Refuse("unknown record key " + d.record + (d.file.empty() ? "" : " (" + d.file + ")") +
                    ": no record of this folder has it");
    }
    if (by_record[d.record].empty()) order.push_back(d.record);
    by_record[d.record].push_back(d);
  }
  Outcome out;
  out.summary.decisions = static_cast<long>(file.decisions.size());
  const std::string applied_at = NowUtc();
  std::set<std::string> touched;
  for (const std::string& key : order) {
    auto [path, index] = where[key];
    const long before = out.summary.records_changed;
    RETURN_IF_ERROR(
        ApplyToStored(file, by_record[key], files[path].stored[index], applied_at, out));
    if (out.summary.records_changed > before) touched.insert(path);
  }
  for (const std::string& path : touched) {
    ASSIGN_OR_RETURN(FileEntry entry, catalogue.Find(path));
    FileRecords f{entry, {}, {}};
    for (const StoredRecord& s : files[path].stored) {
      f.records.push_back(s.json);
      f.machine.push_back(s.machine);
    }
    if (f.entry.status != "failed") f.entry.status = WorstStatus(f.records);
    out.files.push_back(std::move(f));
  }
  return out;
}

}  // namespace

StatusOr<ApplyReviewSummary> ApplyReview(const std::string& dir,
                                         const std::string& decisions_path) {
  ASSIGN_OR_RETURN(std::string bytes, ReadBytes(decisions_path));
  ASSIGN_OR_RETURN(ReviewDecisions file, ParseReviewDecisions(bytes));
  const std::string catalogue_path = dir + "/catalogue.sqlite";
  if (!std::filesystem::is_regular_file(catalogue_path))
    return Status::NotFound("no catalogue in " + dir + " (is it a batch output folder?)");
  ASSIGN_OR_RETURN(std::shared_ptr<void> lock, LockBatchFolder(dir));
  ASSIGN_OR_RETURN(std::unique_ptr<Catalogue> catalogue, Catalogue::Open(catalogue_path));
  ASSIGN_OR_RETURN(Outcome outcome, ApplyToCatalogue(*catalogue, file));
  if (outcome.files.empty()) return outcome.summary;  // applied before: nothing to write
  RETURN_IF_ERROR(catalogue->PutReviewed(outcome.files, outcome.reviews));
  RETURN_IF_ERROR(WriteExports(*catalogue, dir));
  return outcome.summary;
}

namespace {

// ------------------------------------------------------- a batch's re-read

ReviewDecision DecisionOf(const ReviewRow& row) {
  ReviewDecision d;
  d.record = row.record;
  d.row = row.row;
  d.gemeente_raw = row.gemeente_raw;
  d.field = row.field;
  d.value = row.value;
  d.action = row.action;
  d.decided_at = row.decided_at;
  return d;
}

// The decisions of one application (one decisions file applied at one
// moment), in the order applied.
struct Application {
  std::string sha256, reviewer;
  std::vector<ReviewDecision> decisions;
};

std::vector<Application> Applications(const std::vector<ReviewRow>& reviews) {
  std::vector<Application> out;
  std::string last;
  for (const ReviewRow& row : reviews) {
    const std::string id = row.decisions_sha256 + "@" + row.applied_at;
    if (out.empty() || id != last) out.push_back({row.decisions_sha256, row.reviewer, {}});
    last = id;
    out.back().decisions.push_back(DecisionOf(row));
  }
  return out;
}

void AddReapplyFailure(Record& r, const Application& a, const std::string& why) {
  r.checks.push_back({"review.reapplied", CheckStatus::kFail, a.sha256, nullptr,
                      "the decisions of " + (a.reviewer.empty() ? "a reviewer" : a.reviewer) +
                          " (decisions file sha256 " + a.sha256 +
                          ") do not fit this reading of the file: " + why +
                          "; review the table again"});
  if (r.status != RecordStatus::kFailed) r.status = RecordStatus::kNeedsReview;
}

}  // namespace

void ReapplyReviews(const std::vector<ReviewRow>& reviews, std::vector<Record>& records,
                    std::vector<json>& js, std::vector<json>& machine) {
  machine.assign(records.size(), nullptr);
  if (reviews.empty() || records.empty()) return;
  std::vector<bool> touched(records.size(), false);
  for (const Application& a : Applications(reviews)) {
    std::map<std::string, std::vector<ReviewDecision>> by_record;
    for (const ReviewDecision& d : a.decisions) by_record[d.record].push_back(d);
    for (const auto& [record_key, mine] : by_record) {
      const std::string& key = record_key;  // a binding a lambda may capture
      auto it = std::find_if(records.begin(), records.end(),
                             [&](const Record& r) { return RecordKey(r.source) == key; });
      if (it == records.end()) {
        AddReapplyFailure(records.front(), a, "no record has the key " + key);
        touched[0] = true;
        continue;
      }
      const size_t i = static_cast<size_t>(it - records.begin());
      bool changed = false;
      Status s = ApplyDecisions(*it, mine, a.reviewer, changed);
      if (!s.ok()) AddReapplyFailure(*it, a, s.message());
      touched[i] = touched[i] || changed || !s.ok();
    }
  }
  for (size_t i = 0; i < records.size(); ++i) {
    if (!touched[i]) continue;
    machine[i] = js[i];
    js[i] = ToJson(records[i]);
  }
}

}  // namespace verdeelscan
