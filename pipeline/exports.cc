#include "pipeline/exports.h"

#include <xlsxwriter.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "extractors/documents/letters.h"
#include "extractors/tables/columns.h"
#include "pipeline/national.h"
#include "pipeline/review_page.h"

namespace verdeelscan {
namespace {

using nlohmann::json;

// Defensive field access: records come from the catalogue, which may hold
// records of older versions or of merged shards. Any field may be missing or
// of another type; none of these throws.
const json& Get(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::string Str(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return SafeDump(v);
}

std::string TextOf(const json& j, const char* key) { return Str(Get(j, key)); }

// Only a string counts (for names compared with others: a number is not one).
std::string StringOf(const json& j, const char* key) {
  const json& v = Get(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}

const json& ArrayOf(const json& j, const char* key) {
  static const json kEmpty = json::array();
  const json& v = Get(j, key);
  return v.is_array() ? v : kEmpty;
}

long IntOf(const json& j, const char* key, long fallback) {
  const json& v = Get(j, key);
  if (v.is_number_integer()) return v.get<long>();
  if (v.is_number()) return static_cast<long>(v.get<double>());
  return fallback;
}

double NumberOf(const json& j, const char* key) {
  const json& v = Get(j, key);
  return v.is_number() ? v.get<double>() : 0.0;
}

std::string FileOf(const json& rec) { return StringOf(Get(rec, "source"), "file"); }

bool Publishable(const json& rec) {
  const std::string s = StringOf(rec, "status");
  return StringOf(rec, "kind") == "verdeelbesluit" &&
         (s == "valid" || s == "repaired" || s == "reviewed");
}

Status CommitFile(const std::string& tmp, const std::string& final_path) {
  if (std::rename(tmp.c_str(), final_path.c_str()) != 0)
    return Status::IOError("cannot write " + final_path);
  return Status::OK();
}

std::string ProvinceOf(const json& rec) { return StringOf(Get(rec, "meta"), "province"); }

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

// A CSV file: a header line, then the rows `rows` makes of each record.
class CsvFile : public Exporter {
 public:
  using Rows = std::string (*)(const json& rec);
  CsvFile(const std::string& dir, const std::string& name, std::string header, Rows rows)
      : dir_(dir), file_(dir + "/" + name), header_(std::move(header)), rows_(rows) {}
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

// allocations.csv: the allocations of valid, repaired and reviewed tables.
std::string AllocationRows(const json& rec) {
  std::string rows;
  if (!IsBesluit(rec) || !Publishable(rec)) return rows;
  const std::string province = ProvinceOf(rec), status = StringOf(rec, "status"),
                    file = FileOf(rec);
  for (const json& a : ArrayOf(rec, "allocations")) {
    rows += CsvField(province) + ',' + CsvField(TextOf(a, "gemeente")) + ',' +
            CsvField(TextOf(a, "cbs_code")) + ',' + CsvNumber(Get(a, "regulier")) + ',' +
            CsvNumber(Get(a, "amv")) + ',' + CsvNumber(Get(a, "totaal")) + ',' + CsvField(status) +
            ',' + CsvField(file) + ',' + std::to_string(IntOf(a, "page", 1)) + '\n';
  }
  return rows;
}

// review.csv: the allocations of tables that need review, with the doubtful
// cells and the failed checks named.
std::string ReviewRows(const json& rec) {
  std::string rows;
  if (!IsBesluit(rec) || Publishable(rec) || StringOf(rec, "status") != "needs_review") return rows;
  std::string failed;
  for (const json& c : ArrayOf(rec, "checks"))
    if (StringOf(c, "status") == "fail") failed += (failed.empty() ? "" : ";") + TextOf(c, "id");
  const std::string province = ProvinceOf(rec), file = FileOf(rec);
  for (const json& a : ArrayOf(rec, "allocations")) {
    std::string doubtful;
    for (const json& d : ArrayOf(a, "doubtful")) doubtful += (doubtful.empty() ? "" : ";") + Str(d);
    rows += CsvField(province) + ',' + CsvField(TextOf(a, "gemeente")) + ',' +
            CsvField(TextOf(Get(a, "raw"), "gemeente")) + ',' + CsvField(TextOf(a, "cbs_code")) +
            ',' + CsvNumber(Get(a, "regulier")) + ',' + CsvNumber(Get(a, "amv")) + ',' +
            CsvNumber(Get(a, "totaal")) + ',' + CsvField(doubtful) + ',' + CsvField(failed) + ',' +
            CsvField(file) + ',' + std::to_string(IntOf(a, "page", 1)) + '\n';
  }
  return rows;
}

// The workbook only takes valid UTF-8 (it is XML).
std::string Xml(const std::string& s) { return ValidUtf8(s); }

// A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ ,
// unique in the workbook.
lxw_worksheet* AddSheet(lxw_workbook* wb, std::string name, int serial) {
  for (char& c : name)
    if (std::string("[]:*?/\\").find(c) != std::string::npos) c = '_';
  name = Xml(name);
  if (name.size() > 31) {
    name.resize(31);
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80)
      name.pop_back();  // no half character
    if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (!ws) ws = workbook_add_worksheet(wb, ("Sheet " + std::to_string(serial)).c_str());
  return ws;
}

// allocations.xlsx: a summary sheet with one row per check (or one for a
// record without checks), and one sheet per province with the allocations of
// valid and repaired tables, repaired cells highlighted with their
// corrections as comments.
// The verdeelbesluiten among the records an output was given, for the
// national picture (pipeline/national.h), which needs them all at once.
class BesluitCollector {
 public:
  void Render(const json& rec) {
    pending_.reset();
    if (rec.is_object() && rec.value("kind", json()) == "verdeelbesluit") pending_ = rec;
  }
  void Add() {
    if (pending_) besluiten_.push_back(std::move(*pending_));
    pending_.reset();
  }
  const std::vector<json>& besluiten() const { return besluiten_; }

 private:
  std::optional<json> pending_;
  std::vector<json> besluiten_;
};

class XlsxFile : public Exporter {
 public:
  explicit XlsxFile(const std::string& dir) : path_(dir + "/allocations.xlsx") {}
  ~XlsxFile() override {
    if (wb_) workbook_close(wb_);  // an export abandoned half way
  }
  XlsxFile(const XlsxFile&) = delete;
  XlsxFile& operator=(const XlsxFile&) = delete;

  Status Begin() override;
  void Render(const json& rec) override;
  void Add() override;
  Status Finish() override {
    if (!error_.ok()) return error_;
    AddNationalSheet(wb_, besluiten_.besluiten());
    const lxw_error closed = workbook_close(wb_);
    wb_ = nullptr;
    return closed == LXW_NO_ERROR ? Status::OK() : Status::IOError("cannot write " + path_);
  }
  Status Commit() override { return CommitFile(path_ + ".tmp", path_); }

 private:
  // One allocation row of a province sheet.
  struct SheetRow {
    std::string gemeente, cbs_code, status, file;
    std::array<double, kColumnCount> numbers{};
    std::array<std::string, kColumnCount> comments;
    double page = 1;
  };
  struct ProvinceSheet {
    lxw_worksheet* ws = nullptr;
    int row = 0;
  };
  static SheetRow RowOf(const json& a, const std::string& status, const std::string& file);
  void AddSheetRow(ProvinceSheet& sh, const SheetRow& row);

  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* repaired_ = nullptr;
  lxw_worksheet* summary_ = nullptr;
  int summary_row_ = 1;
  Status error_;  // a sheet that could not be added
  std::map<std::string, ProvinceSheet> sheets_;
  // The share of the record rendered last.
  std::vector<std::array<std::string, 8>> summary_rows_;
  std::string province_;  // sheet of the rows below
  std::vector<SheetRow> sheet_rows_;
  BesluitCollector besluiten_;
};

Status XlsxFile::Begin() {
  wb_ = workbook_new((path_ + ".tmp").c_str());
  if (!wb_) return Status::IOError("cannot create " + path_);
  bold_ = workbook_add_format(wb_);
  format_set_bold(bold_);
  repaired_ = workbook_add_format(wb_);
  format_set_bg_color(repaired_, 0xFFE699);  // amber: a repaired cell
  summary_ = AddSheet(wb_, "Summary", 0);
  const char* summary_head[] = {"file",         "kind",     "status", "check",
                                "check status", "expected", "actual", "detail"};
  for (int c = 0; c < 8; ++c) worksheet_write_string(summary_, 0, c, summary_head[c], bold_);
  return Status::OK();
}

XlsxFile::SheetRow XlsxFile::RowOf(const json& a, const std::string& status,
                                   const std::string& file) {
  SheetRow row;
  row.gemeente = TextOf(a, "gemeente");
  row.cbs_code = TextOf(a, "cbs_code");
  row.status = status;
  row.file = file;
  row.page = static_cast<double>(IntOf(a, "page", 1));
  const char* fields[] = {"regulier", "amv", "totaal"};
  for (int k = 0; k < kColumnCount; ++k) {
    row.numbers[k] = NumberOf(a, fields[k]);
    for (const json& c : ArrayOf(a, "corrections")) {
      if (StringOf(c, "field") == fields[k]) {
        row.comments[k] += "read '" + TextOf(c, "from") + "' -> " + TextOf(c, "to") + ": " +
                           TextOf(c, "reason") + "\n";
      }
    }
  }
  return row;
}

void XlsxFile::Render(const json& rec) {
  besluiten_.Render(rec);
  summary_rows_.clear();
  sheet_rows_.clear();
  const std::string file = FileOf(rec), status = StringOf(rec, "status"),
                    kind = StringOf(rec, "kind");
  const json& checks = ArrayOf(rec, "checks");
  if (checks.empty())
    summary_rows_.push_back({file, kind, status, "", "", "", "", TextOf(rec, "error")});
  for (const json& c : checks) {
    summary_rows_.push_back({file, kind, status, TextOf(c, "id"), TextOf(c, "status"),
                             TextOf(c, "expected"), TextOf(c, "actual"), TextOf(c, "detail")});
  }
  if (kind != "verdeelbesluit") return;
  const std::string province = ProvinceOf(rec);
  province_ = province.empty() ? "Unknown province" : province;
  if (!Publishable(rec)) return;
  for (const json& a : ArrayOf(rec, "allocations")) sheet_rows_.push_back(RowOf(a, status, file));
}

void XlsxFile::AddSheetRow(ProvinceSheet& sh, const SheetRow& row) {
  worksheet_write_string(sh.ws, sh.row, 0, Xml(row.gemeente).c_str(), nullptr);
  worksheet_write_string(sh.ws, sh.row, 1, Xml(row.cbs_code).c_str(), nullptr);
  for (int k = 0; k < kColumnCount; ++k) {
    const bool corrected = !row.comments[k].empty();
    worksheet_write_number(sh.ws, sh.row, 2 + k, row.numbers[k], corrected ? repaired_ : nullptr);
    if (corrected) worksheet_write_comment(sh.ws, sh.row, 2 + k, Xml(row.comments[k]).c_str());
  }
  worksheet_write_string(sh.ws, sh.row, 5, Xml(row.status).c_str(), nullptr);
  worksheet_write_string(sh.ws, sh.row, 6, Xml(row.file).c_str(), nullptr);
  worksheet_write_number(sh.ws, sh.row, 7, row.page, nullptr);
  ++sh.row;
}

void XlsxFile::Add() {
  besluiten_.Add();
  if (!error_.ok()) return;  // the export fails at Finish
  for (const auto& cells : summary_rows_) {
    for (int k = 0; k < 8; ++k)
      worksheet_write_string(summary_, summary_row_, k, Xml(cells[k]).c_str(), nullptr);
    ++summary_row_;
  }
  if (sheet_rows_.empty()) return;
  ProvinceSheet& sh = sheets_[province_];
  if (!sh.ws) {
    sh.ws = AddSheet(wb_, province_, static_cast<int>(sheets_.size()));
    if (!sh.ws) {
      error_ = Status::IOError("cannot add a worksheet to " + path_);
      return;
    }
    const char* head[] = {"gemeente", "cbs_code", "regulier",    "amv",
                          "totaal",   "status",   "source_file", "page"};
    for (int c = 0; c < 8; ++c) worksheet_write_string(sh.ws, 0, c, head[c], bold_);
    sh.row = 1;
  }
  for (const SheetRow& row : sheet_rows_) AddSheetRow(sh, row);
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

std::vector<std::unique_ptr<Exporter>> BatchExporters(const std::string& dir) {
  std::vector<std::unique_ptr<Exporter>> out;
  out.push_back(std::make_unique<JsonlFile>(dir));
  out.push_back(std::make_unique<CsvFile>(
      dir, "allocations.csv",
      "province,gemeente,cbs_code,regulier,amv,totaal,status,source_file,page\n", AllocationRows));
  out.push_back(std::make_unique<CsvFile>(dir, "review.csv",
                                          "province,gemeente,raw_gemeente,cbs_code,regulier,amv,"
                                          "totaal,doubtful,failed_checks,source_file,page\n",
                                          ReviewRows));
  out.push_back(std::make_unique<XlsxFile>(dir));
  out.push_back(std::make_unique<NationalFiles>(dir));
  out.push_back(ReviewPageExporter(dir + "/review.html"));
  return out;
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
  return Export(records, BatchExporters(dir), hook);
}

}  // namespace verdeelscan
