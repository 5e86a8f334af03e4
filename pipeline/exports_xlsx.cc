#include "pipeline/exports_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "core/record.h"
#include "core/utf8.h"
#include "extractors/tables/columns.h"
#include "pipeline/exports_fields.h"
#include "pipeline/national.h"

namespace verdeelscan {

using nlohmann::json;
using namespace exports;  // NOLINT(google-build-using-namespace): the field helpers

namespace {

// Valid UTF-8 (the workbook is XML) without control characters other than
// tab and newline (XML 1.0 forbids them).
std::string CellText(const std::string& s) {
  std::string out;
  for (char c : ValidUtf8(s))
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
  return out;
}

size_t Chars(const std::string& s) { return Utf8CodePoints(s); }

// A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ ,
// unique in the workbook.
lxw_worksheet* AddSheet(lxw_workbook* wb, std::string name, int serial) {
  for (char& c : name)
    if (std::string("[]:*?/\\").find(c) != std::string::npos) c = '_';
  name = CellText(name);
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

// The besluit key's columns, first on the province, Summary and Corrections
// sheets (and, in this order, in allocations.csv).
const std::vector<std::string> kKeyHeader = {"province", "besluit_date", "reference", "document_id",
                                             "status"};

}  // namespace

std::string exports::PlainText(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const json& item : v) out += (out.empty() ? "" : "; ") + PlainText(item);
    return out;
  }
  if (v.is_object()) {
    std::string out;
    for (const auto& [key, item] : v.items())
      out += (out.empty() ? "" : ", ") + key + ": " + PlainText(item);
    return out;
  }
  return v.dump();
}

SheetWriter::SheetWriter(lxw_worksheet* ws, lxw_format* bold,
                         const std::vector<std::string>& header)
    : ws_(ws), widths_(header.size(), 0) {
  if (!ws_) return;
  for (size_t c = 0; c < header.size(); ++c) {
    worksheet_write_string(ws_, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
    Widen(static_cast<int>(c), header[c].size() + 2);  // room for the filter button
  }
}

void SheetWriter::Widen(int col, size_t chars) {
  if (col >= static_cast<int>(widths_.size())) widths_.resize(col + 1, 0);
  widths_[col] = std::max(widths_[col], chars);
}

void SheetWriter::Text(int col, const std::string& text, lxw_format* format) {
  const std::string cell = CellText(text);
  if (!ws_ || cell.empty()) return;
  worksheet_write_string(ws_, row_, col, cell.c_str(), format);
  size_t longest = 0, line = 0;  // the widest line of a multi-line cell
  for (const char c : cell) {
    line = c == '\n' ? 0 : line + ((static_cast<unsigned char>(c) & 0xC0) != 0x80);
    longest = std::max(longest, line);
  }
  Widen(col, longest);
}

void SheetWriter::Number(int col, double value, lxw_format* format) {
  if (!ws_) return;
  worksheet_write_number(ws_, row_, col, value, format);
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  Widen(col, Chars(text) + 1);
}

void SheetWriter::Value(int col, const json& value) {
  if (value.is_number())
    Number(col, value.get<double>());
  else
    Text(col, PlainText(value));
}

void SheetWriter::Comment(int col, const std::string& text) {
  if (ws_) worksheet_write_comment(ws_, row_, col, CellText(text).c_str());
}

void SheetWriter::Finish() {
  if (!ws_) return;
  for (size_t c = 0; c < widths_.size(); ++c) {
    const double width = static_cast<double>(std::clamp<size_t>(widths_[c] + 1, 6, 60));
    worksheet_set_column(ws_, c, c, width, nullptr);
  }
  worksheet_freeze_panes(ws_, 1, 0);
  if (!widths_.empty())
    worksheet_autofilter(ws_, 0, 0, std::max(row_ - 1, 0),
                         static_cast<lxw_col_t>(widths_.size() - 1));
}

namespace {

// The key's five cells, from column 0.
void WriteKey(SheetWriter& sheet, const BesluitKey& key) {
  sheet.Text(0, key.province);
  sheet.Text(1, key.date);
  sheet.Text(2, key.reference);
  sheet.Text(3, key.document_id);
  sheet.Text(4, key.status);
}

std::vector<std::string> WithKey(std::vector<std::string> rest) {
  std::vector<std::string> header = kKeyHeader;
  header.insert(header.end(), rest.begin(), rest.end());
  return header;
}

// One record's share of the workbook, made by Render and written by Add.
struct WorkbookShare {
  struct Check {
    std::string id, status, detail;
    json expected, actual;
  };
  struct Row {
    json allocation;
    std::array<std::string, kColumnCount> comments;
  };
  struct Correction {
    json allocation, correction;
  };
  BesluitKey key;
  std::string file, kind, error, also_in;
  std::vector<Check> checks;
  std::string province_sheet;  // "" when the record has no rows there
  std::vector<Row> rows;
  std::vector<Correction> corrections;
};

constexpr const char* kNumberFields[] = {"regulier", "amv", "totaal"};

WorkbookShare ShareOf(const json& rec, const BesluitCopies& copies) {
  WorkbookShare share;
  share.key = BesluitKeyOf(rec);
  share.file = FileOf(rec);
  share.kind = StringOf(rec, "kind");
  share.error = StringOf(rec, "error");
  for (const json& c : ArrayOf(rec, "checks")) {
    share.checks.push_back({StringOf(c, "id"), StringOf(c, "status"), StringOf(c, "detail"),
                            Get(c, "expected"), Get(c, "actual")});
  }
  if (share.kind != "verdeelbesluit") return share;
  for (const json& a : ArrayOf(rec, "allocations"))
    for (const json& c : ArrayOf(a, "corrections")) share.corrections.push_back({a, c});
  if (!PublishableBesluit(rec) || !copies.Shown(rec)) return share;
  share.province_sheet = share.key.province.empty() ? "Unknown province" : share.key.province;
  std::string also_in;
  for (const std::string& other : copies.AlsoIn(rec))
    also_in += (also_in.empty() ? "" : "; ") + other;
  share.also_in = also_in;
  for (const json& a : ArrayOf(rec, "allocations")) {
    WorkbookShare::Row row{a, {}};
    for (int k = 0; k < kColumnCount; ++k) {
      for (const json& c : ArrayOf(a, "corrections")) {
        if (StringOf(c, "field") != kNumberFields[k]) continue;
        row.comments[k] += "read '" + PlainText(Get(c, "from")) + "' -> " +
                           PlainText(Get(c, "to")) + ": " + PlainText(Get(c, "reason")) + "\n";
      }
    }
    share.rows.push_back(std::move(row));
  }
  return share;
}

class XlsxFile : public Exporter {
 public:
  XlsxFile(const std::string& dir, std::shared_ptr<const BesluitCopies> copies)
      : path_(dir + "/allocations.xlsx"), copies_(std::move(copies)) {}
  ~XlsxFile() override {
    if (wb_) workbook_close(wb_);  // an export abandoned half way
  }
  XlsxFile(const XlsxFile&) = delete;
  XlsxFile& operator=(const XlsxFile&) = delete;

  Status Begin() override;
  void Render(const json& rec) override {
    besluiten_.Render(rec);
    share_ = ShareOf(rec, *copies_);
  }
  void Add() override;
  Status Finish() override;
  Status Commit() override {
    if (std::rename((path_ + ".tmp").c_str(), path_.c_str()) != 0)
      return Status::IOError("cannot write " + path_);
    return Status::OK();
  }

 private:
  void AddSummary();
  void AddProvinceRows();
  void AddCorrections();

  std::string path_;
  std::shared_ptr<const BesluitCopies> copies_;
  lxw_workbook* wb_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* repaired_ = nullptr;
  SheetWriter summary_;
  std::map<std::string, SheetWriter> provinces_;
  std::vector<WorkbookShare> all_corrections_;
  Status error_;  // a sheet that could not be added
  WorkbookShare share_;
  BesluitCollector besluiten_;
};

Status XlsxFile::Begin() {
  wb_ = workbook_new((path_ + ".tmp").c_str());
  if (!wb_) return Status::IOError("cannot create " + path_);
  bold_ = workbook_add_format(wb_);
  format_set_bold(bold_);
  repaired_ = workbook_add_format(wb_);
  format_set_bg_color(repaired_, 0xFFE699);  // amber: a repaired cell
  summary_ = SheetWriter(
      AddSheet(wb_, "Summary", 0), bold_,
      WithKey({"file", "kind", "check", "check_status", "expected", "actual", "detail"}));
  return Status::OK();
}

void XlsxFile::AddSummary() {
  const WorkbookShare& s = share_;
  auto common = [&] {
    WriteKey(summary_, s.key);
    summary_.Text(5, s.file);
    summary_.Text(6, s.kind);
  };
  if (s.checks.empty()) {  // a record without checks still has its row
    common();
    summary_.Text(11, s.error);
    summary_.NextRow();
  }
  for (const WorkbookShare::Check& c : s.checks) {
    common();
    summary_.Text(7, c.id);
    summary_.Text(8, c.status);
    summary_.Value(9, c.expected);
    summary_.Value(10, c.actual);
    summary_.Text(11, c.detail);
    summary_.NextRow();
  }
}

void XlsxFile::AddProvinceRows() {
  if (share_.province_sheet.empty() || share_.rows.empty()) return;
  auto [it, fresh] = provinces_.try_emplace(share_.province_sheet);
  SheetWriter& sheet = it->second;
  if (fresh) {
    sheet = SheetWriter(AddSheet(wb_, share_.province_sheet, static_cast<int>(provinces_.size())),
                        bold_,
                        WithKey({"gemeente", "cbs_code", "regulier", "amv", "totaal", "source_file",
                                 "page", "also_in"}));
    if (!sheet.ok()) error_ = Status::IOError("cannot add a worksheet to " + path_);
  }
  for (const WorkbookShare::Row& row : share_.rows) {
    WriteKey(sheet, share_.key);
    sheet.Text(5, StringOf(row.allocation, "gemeente"));
    sheet.Text(6, StringOf(row.allocation, "cbs_code"));
    for (int k = 0; k < kColumnCount; ++k) {
      const json& v = Get(row.allocation, kNumberFields[k]);
      const bool corrected = !row.comments[k].empty();
      if (v.is_number()) sheet.Number(7 + k, v.get<double>(), corrected ? repaired_ : nullptr);
      if (corrected) sheet.Comment(7 + k, row.comments[k]);
    }
    sheet.Text(10, share_.file);
    sheet.Number(11, static_cast<double>(IntOf(row.allocation, "page", 1)));
    sheet.Text(12, share_.also_in);
    sheet.NextRow();
  }
}

void XlsxFile::Add() {
  besluiten_.Add();
  if (!error_.ok()) return;  // the export fails at Finish
  AddSummary();
  AddProvinceRows();
  if (!share_.corrections.empty()) all_corrections_.push_back(share_);
}

// Corrections come after the province sheets, so the sheet goes in last.
void XlsxFile::AddCorrections() {
  SheetWriter sheet(AddSheet(wb_, "Corrections", 0), bold_,
                    WithKey({"gemeente", "cbs_code", "raw_gemeente", "field", "from", "to",
                             "reason", "reviewer", "decided_at", "source_file", "page"}));
  for (const WorkbookShare& s : all_corrections_) {
    for (const WorkbookShare::Correction& c : s.corrections) {
      WriteKey(sheet, s.key);
      sheet.Text(5, StringOf(c.allocation, "gemeente"));
      sheet.Text(6, StringOf(c.allocation, "cbs_code"));
      sheet.Text(7, StringOf(Get(c.allocation, "raw"), "gemeente"));
      sheet.Text(8, StringOf(c.correction, "field"));
      sheet.Value(9, Get(c.correction, "from"));
      sheet.Value(10, Get(c.correction, "to"));
      sheet.Text(11, StringOf(c.correction, "reason"));
      sheet.Text(12, StringOf(c.correction, "reviewer"));
      sheet.Text(13, StringOf(c.correction, "decided_at"));
      sheet.Text(14, s.file);
      sheet.Number(15, static_cast<double>(IntOf(c.allocation, "page", 1)));
      sheet.NextRow();
    }
  }
  sheet.Finish();
}

Status XlsxFile::Finish() {
  if (!error_.ok()) return error_;
  summary_.Finish();
  for (auto& [name, sheet] : provinces_) sheet.Finish();
  AddCorrections();
  AddNationalSheet(wb_, besluiten_.besluiten());
  const lxw_error closed = workbook_close(wb_);
  wb_ = nullptr;
  return closed == LXW_NO_ERROR ? Status::OK() : Status::IOError("cannot write " + path_);
}

}  // namespace

std::unique_ptr<Exporter> XlsxExporter(const std::string& dir,
                                       std::shared_ptr<const BesluitCopies> copies) {
  if (!copies) copies = std::make_shared<BesluitCopies>();
  return std::make_unique<XlsxFile>(dir, std::move(copies));
}

}  // namespace verdeelscan
