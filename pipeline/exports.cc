#include "pipeline/exports.h"

#include <xlsxwriter.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <vector>

#include "extractors/documents/letters.h"

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
  return StringOf(rec, "kind") == "verdeelbesluit" && (s == "valid" || s == "repaired");
}

Status Commit(const std::string& tmp, const std::string& final_path) {
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

// One record's share of every export, rendered in memory first: a record
// that cannot be rendered is replaced whole, and never leaves half its rows.
struct SheetRow {
  std::string gemeente, cbs_code, status, file;
  std::array<double, 3> numbers{};
  std::array<std::string, 3> comments;
  double page = 1;
};

struct Rendered {
  std::string jsonl;
  std::string allocations_csv, review_csv;
  std::vector<std::array<std::string, 8>> summary_rows;
  std::string province;  // sheet of the rows below
  std::vector<SheetRow> sheet_rows;
};

Rendered Render(const json& rec, const RecordHook& hook) {
  if (!rec.is_object()) throw std::runtime_error("a record that is not a JSON object");
  if (hook) hook(rec);
  Rendered out;
  out.jsonl = SafeDump(rec);
  const std::string file = FileOf(rec), status = StringOf(rec, "status"),
                    kind = StringOf(rec, "kind");
  const std::string province = ProvinceOf(rec);
  // Summary: one line per check (or one for a record without checks).
  const json& checks = ArrayOf(rec, "checks");
  if (checks.empty())
    out.summary_rows.push_back({file, kind, status, "", "", "", "", TextOf(rec, "error")});
  for (const json& c : checks) {
    out.summary_rows.push_back({file, kind, status, TextOf(c, "id"), TextOf(c, "status"),
                                TextOf(c, "expected"), TextOf(c, "actual"), TextOf(c, "detail")});
  }
  if (kind != "verdeelbesluit") return out;
  std::string failed;
  for (const json& c : checks)
    if (StringOf(c, "status") == "fail") failed += (failed.empty() ? "" : ";") + TextOf(c, "id");
  out.province = province.empty() ? "Unknown province" : province;
  const bool publishable = Publishable(rec);
  for (const json& a : ArrayOf(rec, "allocations")) {
    const long page = IntOf(a, "page", 1);
    if (publishable) {
      out.allocations_csv += CsvField(province) + ',' + CsvField(TextOf(a, "gemeente")) + ',' +
                             CsvField(TextOf(a, "cbs_code")) + ',' + CsvNumber(Get(a, "regulier")) +
                             ',' + CsvNumber(Get(a, "amv")) + ',' + CsvNumber(Get(a, "totaal")) +
                             ',' + CsvField(status) + ',' + CsvField(file) + ',' +
                             std::to_string(page) + '\n';
      SheetRow row;
      row.gemeente = TextOf(a, "gemeente");
      row.cbs_code = TextOf(a, "cbs_code");
      row.status = status;
      row.file = file;
      row.page = static_cast<double>(page);
      const char* fields[] = {"regulier", "amv", "totaal"};
      for (int k = 0; k < 3; ++k) {
        row.numbers[k] = NumberOf(a, fields[k]);
        for (const json& c : ArrayOf(a, "corrections")) {
          if (StringOf(c, "field") == fields[k]) {
            row.comments[k] += "read '" + TextOf(c, "from") + "' -> " + TextOf(c, "to") + ": " +
                               TextOf(c, "reason") + "\n";
          }
        }
      }
      out.sheet_rows.push_back(std::move(row));
    } else if (status == "needs_review") {
      std::string doubtful;
      for (const json& d : ArrayOf(a, "doubtful"))
        doubtful += (doubtful.empty() ? "" : ";") + Str(d);
      out.review_csv += CsvField(province) + ',' + CsvField(TextOf(a, "gemeente")) + ',' +
                        CsvField(TextOf(Get(a, "raw"), "gemeente")) + ',' +
                        CsvField(TextOf(a, "cbs_code")) + ',' + CsvNumber(Get(a, "regulier")) +
                        ',' + CsvNumber(Get(a, "amv")) + ',' + CsvNumber(Get(a, "totaal")) + ',' +
                        CsvField(doubtful) + ',' + CsvField(failed) + ',' + CsvField(file) + ',' +
                        std::to_string(page) + '\n';
    }
  }
  return out;
}

// Render, or the failed record standing for it when rendering throws.
Rendered RenderOrFail(const json& rec, const RecordHook& hook) {
  try {
    return Render(rec, hook);
  } catch (...) {
    const std::string why = "export failed: " + ExceptionMessage(std::current_exception());
    // The failed record is rendered without the hook: it must go out.
    return Render(FailedRecordLike(rec, why), RecordHook());
  }
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

void CheckExportable(const json& record, const RecordHook& hook) { (void)Render(record, hook); }

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

Status WriteExports(Catalogue& catalogue, const std::string& dir, const RecordHook& hook) {
  const std::string jsonl = dir + "/records.jsonl", alloc = dir + "/allocations.csv",
                    review = dir + "/review.csv", xlsx = dir + "/allocations.xlsx";
  std::vector<json> records;
  Status s = catalogue.ForEachRecord([&](const json& rec) { records.push_back(rec); });
  if (!s.ok()) return s;
  AddCrossFileChecks(records);

  std::ofstream out_jsonl(jsonl + ".tmp"), out_alloc(alloc + ".tmp"), out_review(review + ".tmp");
  if (!out_jsonl || !out_alloc || !out_review) return Status::IOError("cannot write in " + dir);
  out_alloc << "province,gemeente,cbs_code,regulier,amv,totaal,status,source_file,page\n";
  out_review << "province,gemeente,raw_gemeente,cbs_code,regulier,amv,totaal,doubtful,"
                "failed_checks,source_file,page\n";

  lxw_workbook* wb = workbook_new((xlsx + ".tmp").c_str());
  if (!wb) return Status::IOError("cannot create " + xlsx);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* repaired = workbook_add_format(wb);
  format_set_bg_color(repaired, 0xFFE699);  // amber: a repaired cell
  lxw_worksheet* summary = AddSheet(wb, "Summary", 0);
  const char* summary_head[] = {"file",         "kind",     "status", "check",
                                "check status", "expected", "actual", "detail"};
  for (int c = 0; c < 8; ++c) worksheet_write_string(summary, 0, c, summary_head[c], bold);
  int summary_row = 1;
  struct ProvinceSheet {
    lxw_worksheet* ws = nullptr;
    int row = 0;
  };
  std::map<std::string, ProvinceSheet> sheets;

  for (const json& rec : records) {
    const Rendered r = RenderOrFail(rec, hook);
    out_jsonl << r.jsonl << '\n';
    out_alloc << r.allocations_csv;
    out_review << r.review_csv;
    for (const auto& cells : r.summary_rows) {
      for (int k = 0; k < 8; ++k)
        worksheet_write_string(summary, summary_row, k, Xml(cells[k]).c_str(), nullptr);
      ++summary_row;
    }
    if (r.sheet_rows.empty()) continue;
    ProvinceSheet& sh = sheets[r.province];
    if (!sh.ws) {
      sh.ws = AddSheet(wb, r.province, static_cast<int>(sheets.size()));
      if (!sh.ws) return Status::IOError("cannot add a worksheet to " + xlsx);
      const char* head[] = {"gemeente", "cbs_code", "regulier",    "amv",
                            "totaal",   "status",   "source_file", "page"};
      for (int c = 0; c < 8; ++c) worksheet_write_string(sh.ws, 0, c, head[c], bold);
      sh.row = 1;
    }
    for (const SheetRow& row : r.sheet_rows) {
      worksheet_write_string(sh.ws, sh.row, 0, Xml(row.gemeente).c_str(), nullptr);
      worksheet_write_string(sh.ws, sh.row, 1, Xml(row.cbs_code).c_str(), nullptr);
      for (int k = 0; k < 3; ++k) {
        const bool corrected = !row.comments[k].empty();
        worksheet_write_number(sh.ws, sh.row, 2 + k, row.numbers[k],
                               corrected ? repaired : nullptr);
        if (corrected) worksheet_write_comment(sh.ws, sh.row, 2 + k, Xml(row.comments[k]).c_str());
      }
      worksheet_write_string(sh.ws, sh.row, 5, Xml(row.status).c_str(), nullptr);
      worksheet_write_string(sh.ws, sh.row, 6, Xml(row.file).c_str(), nullptr);
      worksheet_write_number(sh.ws, sh.row, 7, row.page, nullptr);
      ++sh.row;
    }
  }
  out_jsonl.close();
  out_alloc.close();
  out_review.close();
  if (!out_jsonl || !out_alloc || !out_review) {
    workbook_close(wb);
    return Status::IOError("cannot write the exports in " + dir + " (disk full?)");
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return Status::IOError("cannot write " + xlsx);
  for (const std::string& f : {jsonl, alloc, review, xlsx}) {
    Status c = Commit(f + ".tmp", f);
    if (!c.ok()) return c;
  }
  return Status::OK();
}

}  // namespace verdeelscan
