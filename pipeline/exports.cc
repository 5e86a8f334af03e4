#include "pipeline/exports.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "extractors/documents/letters.h"
#include "extractors/tables/columns.h"
#include "pipeline/exports_besluit.h"
#include "pipeline/exports_fields.h"
#include "pipeline/exports_xlsx.h"
#include "pipeline/national.h"
#include "pipeline/review_page.h"

namespace verdeelscan {
namespace {

using nlohmann::json;
using namespace exports;  // NOLINT(google-build-using-namespace): the field helpers

std::string Str(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return SafeDump(v);
}

std::string TextOf(const json& j, const char* key) { return Str(Get(j, key)); }

Status CommitFile(const std::string& tmp, const std::string& final_path) {
  if (std::rename(tmp.c_str(), final_path.c_str()) != 0)
    return Status::IOError("cannot write " + final_path);
  return Status::OK();
}

// What CrossCheckRecords (extractors/letters) needs of a stored record, with
// every field it reads checked for type (it calls get<> on them).
Record CrossCheckView(const json& rec) {
  Record r;
  r.kind = ParseDocumentKind(StringOf(rec, "kind")).value_or(DocumentKind::kUnknown);
  for (const char* key : {"province", "date", "cbs_code", "gemeente"}) {
    const std::string v = StringOf(Get(rec, "meta"), key);
    if (!v.empty()) r.meta[key] = v;
  }
  r.besluit_meta = {StringOf(Get(rec, "meta"), "province"), StringOf(Get(rec, "meta"), "date"), ""};
  r.source.file = FileOf(rec);
  const json& lines = Get(Get(rec, "source"), "lines");
  if (lines.is_array() && lines.size() == 2 && lines[0].is_number_integer() &&
      lines[1].is_number_integer()) {
    r.source.first_line = lines[0].get<int>();
    r.source.last_line = lines[1].get<int>();
  }
  const std::string status = StringOf(rec, "status");
  r.status = status == "needs_review" ? RecordStatus::kNeedsReview
             : status == "failed"     ? RecordStatus::kFailed
                                      : RecordStatus::kValid;
  // The ibt letter's wettelijke taak and a cover letter's taak: numbers only.
  auto numbers = [](const json& from) {
    json out = json::object();
    for (const char* f : {"regulier", "amv"})
      if (Get(from, f).is_number_integer()) out[f] = from[f];
    return out;
  };
  if (Get(rec, "ibt").is_object() && Get(rec["ibt"], "wettelijke_taak").is_object())
    r.extra["ibt"] = {{"wettelijke_taak", numbers(rec["ibt"]["wettelijke_taak"])}};
  if (Get(rec, "taak").is_object()) r.extra["taak"] = numbers(rec["taak"]);
  for (const json& a : ArrayOf(rec, "allocations")) {
    // An unmatched name (no cbs_code) cannot be compared with a letter.
    if (StringOf(a, "cbs_code").empty() || !Get(a, "regulier").is_number_integer() ||
        !Get(a, "amv").is_number_integer())
      continue;
    Allocation x;
    x.gemeente = StringOf(a, "gemeente");
    x.cbs_code = StringOf(a, "cbs_code");
    x.regulier = a["regulier"].get<long>();
    x.amv = a["amv"].get<long>();
    x.totaal = IntOf(a, "totaal", x.regulier + x.amv);
    r.allocations.push_back(x);
  }
  return r;
}

bool IsBesluit(const json& rec) { return StringOf(rec, "kind") == "verdeelbesluit"; }

// A file written as PATH.tmp and renamed to PATH on Commit.
class FileOutput {
 public:
  explicit FileOutput(std::string path) : path_(std::move(path)) {}
  bool Open() {
    out_.open(path_ + ".tmp");
    return static_cast<bool>(out_);
  }
  std::ofstream& stream() { return out_; }
  bool Close() {
    out_.close();
    return static_cast<bool>(out_);
  }
  Status Commit() const { return CommitFile(path_ + ".tmp", path_); }

 private:
  std::string path_;
  std::ofstream out_;
};

// The message of a batch output file that cannot be opened or completed.
Status CannotOpen(const std::string& dir) { return Status::IOError("cannot write in " + dir); }
Status CannotComplete(const std::string& dir) {
  return Status::IOError("cannot write the exports in " + dir + " (disk full?)");
}

// records.jsonl: every record on one line.
class JsonlFile : public Exporter {
 public:
  explicit JsonlFile(const std::string& dir) : dir_(dir), file_(dir + "/records.jsonl") {}
  Status Begin() override { return file_.Open() ? Status::OK() : CannotOpen(dir_); }
  void Render(const json& rec) override { line_ = SafeDump(rec); }
  void Add() override { file_.stream() << line_ << '\n'; }
  Status Finish() override { return file_.Close() ? Status::OK() : CannotComplete(dir_); }
  Status Commit() override { return file_.Commit(); }

 private:
  std::string dir_;
  FileOutput file_;
  std::string line_;
};

// A CSV file by RFC 4180: UTF-8, a header record, CRLF after every record,
// fields quoted when they hold a comma, quote or line break (CsvField); then
// the rows `rows` makes of each record.
class CsvFile : public Exporter {
 public:
  using Rows = std::function<std::string(const json& rec)>;
  CsvFile(const std::string& dir, const std::string& name, const std::vector<std::string>& header,
          Rows rows)
      : dir_(dir), file_(dir + "/" + name), rows_(std::move(rows)) {
    std::vector<std::string> cells;
    for (const std::string& h : header) cells.push_back(CsvField(h));
    header_ = CsvRecord(cells);
  }
  Status Begin() override {
    if (!file_.Open()) return CannotOpen(dir_);
    file_.stream() << header_;
    return Status::OK();
  }
  void Render(const json& rec) override { rows_of_record_ = rows_(rec); }
  void Add() override { file_.stream() << rows_of_record_; }
  Status Finish() override { return file_.Close() ? Status::OK() : CannotComplete(dir_); }
  Status Commit() override { return file_.Commit(); }

 private:
  std::string dir_;
  FileOutput file_;
  std::string header_;
  Rows rows_;
  std::string rows_of_record_;
};

// The besluit key's cells (pipeline/exports_besluit.h), first on every row.
std::vector<std::string> KeyCells(const json& rec) {
  const BesluitKey key = BesluitKeyOf(rec);
  return {CsvField(key.province), CsvField(key.date), CsvField(key.reference),
          CsvField(key.document_id), CsvField(key.status)};
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// allocations.csv: the allocations of valid, repaired and reviewed tables,
// each besluit's once (a copy in another file is named in also_in).
std::string AllocationRows(const json& rec, const BesluitCopies& copies) {
  std::string rows;
  if (!PublishableBesluit(rec) || !copies.Shown(rec)) return rows;
  const std::vector<std::string> key = KeyCells(rec);
  const std::string file = CsvField(FileOf(rec)), also_in = CsvField(Joined(copies.AlsoIn(rec)));
  for (const json& a : ArrayOf(rec, "allocations")) {
    std::vector<std::string> cells = key;
    cells.insert(cells.end(),
                 {CsvField(StringOf(a, "gemeente")), CsvField(StringOf(a, "cbs_code")),
                  CsvNumber(Get(a, "regulier")), CsvNumber(Get(a, "amv")),
                  CsvNumber(Get(a, "totaal")), file, std::to_string(IntOf(a, "page", 1)), also_in});
    rows += CsvRecord(cells);
  }
  return rows;
}

// review.csv: the allocations of tables that need review, with the doubtful
// cells and the failed checks named.
std::string ReviewRows(const json& rec) {
  std::string rows;
  if (!IsBesluit(rec) || StringOf(rec, "status") != "needs_review") return rows;
  std::string failed;
  for (const json& c : ArrayOf(rec, "checks"))
    if (StringOf(c, "status") == "fail") failed += (failed.empty() ? "" : ";") + TextOf(c, "id");
  const std::vector<std::string> key = KeyCells(rec);
  const std::string file = CsvField(FileOf(rec));
  for (const json& a : ArrayOf(rec, "allocations")) {
    std::string doubtful;
    for (const json& d : ArrayOf(a, "doubtful")) doubtful += (doubtful.empty() ? "" : ";") + Str(d);
    std::vector<std::string> cells = key;
    cells.insert(cells.end(),
                 {CsvField(StringOf(a, "gemeente")), CsvField(StringOf(Get(a, "raw"), "gemeente")),
                  CsvField(StringOf(a, "cbs_code")), CsvNumber(Get(a, "regulier")),
                  CsvNumber(Get(a, "amv")), CsvNumber(Get(a, "totaal")), CsvField(doubtful),
                  CsvField(failed), file, std::to_string(IntOf(a, "page", 1))});
    rows += CsvRecord(cells);
  }
  return rows;
}

// extract's JSON or JSONL on a stream.
class JsonStream : public Exporter {
 public:
  JsonStream(std::ostream& out, bool jsonl) : out_(out), jsonl_(jsonl) {}
  Status Begin() override { return Status::OK(); }
  void Render(const json& rec) override { last_ = rec; }
  void Add() override {
    if (!jsonl_) {
      all_.push_back(std::move(last_));
      return;
    }
    // Streamed as each input completes: a long run shows progress and loses
    // nothing.
    out_ << SafeDump(last_) << '\n' << std::flush;
  }
  Status Finish() override {
    if (jsonl_) return Status::OK();
    const json out = all_.size() == 1 ? all_[0] : json(all_);
    out_ << SafeDump(out, 2) << '\n';
    return Status::OK();
  }

 private:
  std::ostream& out_;
  bool jsonl_;
  json last_;
  std::vector<json> all_;
};

// The record's share of every output, or, when rendering it throws, that of
// the failed record standing for it (rendered without the hook: it must go
// out).
void RenderOrFail(const json& rec, const std::vector<std::unique_ptr<Exporter>>& outputs,
                  const RecordHook& hook) {
  try {
    if (!rec.is_object()) throw std::runtime_error("a record that is not a JSON object");
    if (hook) hook(rec);
    for (const auto& o : outputs) o->Render(rec);
  } catch (...) {
    const json failed =
        FailedRecordLike(rec, "export failed: " + ExceptionMessage(std::current_exception()));
    for (const auto& o : outputs) o->Render(failed);
  }
}

}  // namespace

std::string SafeDump(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

json FailedRecordLike(const json& record, const std::string& why) {
  json source = Get(record, "source").is_object() ? record["source"] : json::object();
  json out = {{"schema_version", 1},    {"source", source}, {"kind", "unknown"},
              {"status", "failed"},     {"error", why},     {"meta", json::object()},
              {"checks", json::array()}};
  return out;
}

void CheckExportable(const json& record, const RecordHook& hook) {
  if (!record.is_object()) throw std::runtime_error("a record that is not a JSON object");
  if (hook) hook(record);
  for (const auto& o : BatchExporters("")) o->Render(record);
}

void AddCrossFileChecks(std::vector<json>& records) {
  std::vector<Record> views;
  views.reserve(records.size());
  for (const json& rec : records) views.push_back(CrossCheckView(rec));
  std::vector<size_t> before(views.size());
  for (size_t i = 0; i < views.size(); ++i) before[i] = views[i].checks.size();
  try {
    CrossCheckRecords(views);
  } catch (...) {
    // The views are type-checked, so this is a bug; records go out without
    // the checks that span files rather than not at all.
    return;
  }
  for (size_t i = 0; i < views.size(); ++i) {
    if (!records[i].is_object()) continue;
    json& checks = records[i]["checks"];
    if (!checks.is_array()) checks = json::array();
    for (size_t k = before[i]; k < views[i].checks.size(); ++k) {
      json c = ToJson(views[i].checks[k]);
      // A pair inside one file was already checked at extraction.
      bool known = false;
      for (const json& have : checks)
        known =
            known || (Get(have, "id") == c["id"] && Get(have, "expected") == Get(c, "expected") &&
                      Get(have, "actual") == Get(c, "actual"));
      if (!known) checks.push_back(c);
    }
  }
}

std::string CsvField(const std::string& text) {
  std::string s = text;
  if (!s.empty() && std::string("=+-@\t\r").find(s[0]) != std::string::npos) s = "'" + s;
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string CsvNumber(const json& v) {
  if (v.is_number()) return v.dump();
  return CsvField(Str(v));
}

// national.csv and allocations_national.csv: the besluiten of every record,
// consolidated per province and cycle (pipeline/national.h).
class NationalFiles : public Exporter {
 public:
  explicit NationalFiles(std::string dir) : dir_(std::move(dir)) {}
  Status Begin() override { return Status::OK(); }
  void Render(const json& rec) override { besluiten_.Render(rec); }
  void Add() override { besluiten_.Add(); }
  Status Finish() override { return Status::OK(); }
  Status Commit() override { return WriteNationalFiles(besluiten_.besluiten(), dir_); }

 private:
  std::string dir_;
  BesluitCollector besluiten_;
};

std::vector<std::unique_ptr<Exporter>> BatchExporters(const std::string& dir,
                                                      std::shared_ptr<const BesluitCopies> copies) {
  if (!copies) copies = std::make_shared<BesluitCopies>();
  std::vector<std::unique_ptr<Exporter>> out;
  out.push_back(std::make_unique<JsonlFile>(dir));
  out.push_back(std::make_unique<CsvFile>(
      dir, "allocations.csv", AllocationsCsvHeader(),
      [copies](const json& rec) { return AllocationRows(rec, *copies); }));
  out.push_back(std::make_unique<CsvFile>(
      dir, "review.csv",
      std::vector<std::string>{"province", "besluit_date", "reference", "document_id", "status",
                               "gemeente", "raw_gemeente", "cbs_code", "regulier", "amv", "totaal",
                               "doubtful", "failed_checks", "source_file", "page"},
      ReviewRows));
  out.push_back(XlsxExporter(dir, copies));
  out.push_back(std::make_unique<NationalFiles>(dir));
  out.push_back(ReviewPageExporter(dir + "/review.html"));
  return out;
}

std::vector<std::string> AllocationsCsvHeader() {
  return {"province", "besluit_date", "reference", "document_id", "status", "gemeente", "cbs_code",
          "regulier", "amv",          "totaal",    "source_file", "page",   "also_in"};
}

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
  return out + "\r\n";
}

std::unique_ptr<Exporter> JsonExporter(std::ostream& out, bool jsonl) {
  return std::make_unique<JsonStream>(out, jsonl);
}

Status Export(const std::vector<json>& records,
              const std::vector<std::unique_ptr<Exporter>>& outputs, const RecordHook& hook) {
  for (const auto& o : outputs) {
    if (Status s = o->Begin(); !s.ok()) return s;
  }
  for (const json& rec : records) {
    RenderOrFail(rec, outputs, hook);
    for (const auto& o : outputs) o->Add();
  }
  for (const auto& o : outputs) {
    if (Status s = o->Finish(); !s.ok()) return s;
  }
  for (const auto& o : outputs) {
    if (Status s = o->Commit(); !s.ok()) return s;
  }
  return Status::OK();
}

Status WriteExports(Catalogue& catalogue, const std::string& dir, const RecordHook& hook) {
  std::vector<json> records;
  Status s = catalogue.ForEachRecord([&](const json& rec) { records.push_back(rec); });
  if (!s.ok()) return s;
  AddCrossFileChecks(records);
  return Export(records, BatchExporters(dir, std::make_shared<BesluitCopies>(records)), hook);
}

}  // namespace verdeelscan
