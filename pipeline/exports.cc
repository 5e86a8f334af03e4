#include "pipeline/exports.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <vector>

#include "extractors/letters/letters.h"

namespace verdeelscan {
namespace {

using nlohmann::json;

std::string Str(const json& j) {
  if (j.is_null()) return "";
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

std::string FileOf(const json& rec) { return rec["source"].value("file", ""); }

bool Publishable(const json& rec) {
  const std::string s = rec.value("status", "");
  return rec.value("kind", "") == "verdeelbesluit" && (s == "valid" || s == "repaired");
}

Status Commit(const std::string& tmp, const std::string& final_path) {
  if (std::rename(tmp.c_str(), final_path.c_str()) != 0)
    return Status::IOError("cannot write " + final_path);
  return Status::OK();
}

std::string ProvinceOf(const json& rec) {
  return rec.contains("meta") ? rec["meta"].value("province", "") : "";
}

struct ProvinceSheet {
  lxw_worksheet* ws = nullptr;
  int row = 0;
};

// What CrossCheckRecords (extractors/letters) needs of a stored record.
Record CrossCheckView(const json& rec) {
  Record r;
  r.kind = rec.value("kind", "unknown");
  r.meta = rec.value("meta", json::object());
  r.source.file = FileOf(rec);
  r.source.first_line = rec["source"].contains("lines") ? rec["source"]["lines"][0].get<int>() : 0;
  r.source.last_line = rec["source"].contains("lines") ? rec["source"]["lines"][1].get<int>() : 0;
  const std::string status = rec.value("status", "");
  r.status = status == "needs_review" ? RecordStatus::kNeedsReview
             : status == "failed"     ? RecordStatus::kFailed
                                      : RecordStatus::kValid;
  for (const char* block : {"ibt", "taak"})
    if (rec.contains(block)) r.extra[block] = rec[block];
  for (const json& a : rec.value("allocations", json::array())) {
    if (!a.contains("cbs_code") || !a["regulier"].is_number() || !a["amv"].is_number()) continue;
    Allocation x;
    x.gemeente = a.value("gemeente", "");
    x.cbs_code = a.value("cbs_code", "");
    x.regulier = a["regulier"].get<long>();
    x.amv = a["amv"].get<long>();
    x.totaal = a.value("totaal", x.regulier + x.amv);
    r.allocations.push_back(x);
  }
  return r;
}

}  // namespace

void AddCrossFileChecks(std::vector<json>& records) {
  std::vector<Record> views;
  views.reserve(records.size());
  for (const json& rec : records) views.push_back(CrossCheckView(rec));
  std::vector<size_t> before(views.size());
  for (size_t i = 0; i < views.size(); ++i) before[i] = views[i].checks.size();
  CrossCheckRecords(views);
  for (size_t i = 0; i < views.size(); ++i) {
    json& checks = records[i]["checks"];
    if (!checks.is_array()) checks = json::array();
    for (size_t k = before[i]; k < views[i].checks.size(); ++k) {
      json c = ToJson(views[i].checks[k]);
      // A pair inside one file was already checked at extraction.
      bool known = false;
      for (const json& have : checks)
        known = known || (have.value("id", "") == c["id"] &&
                          have.value("expected", json()) == c.value("expected", json()) &&
                          have.value("actual", json()) == c.value("actual", json()));
      if (!known) checks.push_back(c);
    }
  }
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Status WriteExports(Catalogue& catalogue, const std::string& dir) {
  const std::string jsonl = dir + "/records.jsonl", alloc = dir + "/allocations.csv",
                    review = dir + "/review.csv", xlsx = dir + "/allocations.xlsx";
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
  lxw_worksheet* summary = workbook_add_worksheet(wb, "Summary");
  const char* summary_head[] = {"file",         "kind",     "status", "check",
                                "check status", "expected", "actual", "detail"};
  for (int c = 0; c < 8; ++c) worksheet_write_string(summary, 0, c, summary_head[c], bold);
  int summary_row = 1;
  std::map<std::string, ProvinceSheet> sheets;

  std::vector<json> records;
  Status s = catalogue.ForEachRecord([&](const json& rec) { records.push_back(rec); });
  if (!s.ok()) return s;
  AddCrossFileChecks(records);
  for (const json& rec : records) {
    out_jsonl << rec.dump() << '\n';
    const std::string file = FileOf(rec), status = rec.value("status", "");
    const std::string province = ProvinceOf(rec);
    // Summary: one line per check (or one for a record without checks).
    const json checks = rec.value("checks", json::array());
    if (checks.empty()) {
      worksheet_write_string(summary, summary_row, 0, file.c_str(), nullptr);
      worksheet_write_string(summary, summary_row, 1, rec.value("kind", "").c_str(), nullptr);
      worksheet_write_string(summary, summary_row, 2, status.c_str(), nullptr);
      worksheet_write_string(summary, summary_row, 7, rec.value("error", "").c_str(), nullptr);
      ++summary_row;
    }
    for (const json& c : checks) {
      const std::string cells[8] = {file,
                                    rec.value("kind", ""),
                                    status,
                                    Str(c["id"]),
                                    Str(c["status"]),
                                    Str(c.value("expected", json())),
                                    Str(c.value("actual", json())),
                                    Str(c.value("detail", json()))};
      for (int k = 0; k < 8; ++k)
        worksheet_write_string(summary, summary_row, k, cells[k].c_str(), nullptr);
      ++summary_row;
    }
    if (rec.value("kind", "") != "verdeelbesluit") continue;
    std::string failed;
    for (const json& c : checks)
      if (c.value("status", "") == "fail") failed += (failed.empty() ? "" : ";") + Str(c["id"]);
    for (const json& a : rec.value("allocations", json::array())) {
      const std::string page = std::to_string(a.value("page", 1));
      if (Publishable(rec)) {
        out_alloc << CsvField(province) << ',' << CsvField(Str(a["gemeente"])) << ','
                  << Str(a["cbs_code"]) << ',' << Str(a["regulier"]) << ',' << Str(a["amv"]) << ','
                  << Str(a["totaal"]) << ',' << status << ',' << CsvField(file) << ',' << page
                  << '\n';
        // Workbook sheet for the province (Excel caps names at 31 characters).
        const std::string name = province.empty() ? "Unknown province" : province.substr(0, 31);
        ProvinceSheet& sh = sheets[name];
        if (!sh.ws) {
          sh.ws = workbook_add_worksheet(wb, name.c_str());
          const char* head[] = {"gemeente", "cbs_code", "regulier",    "amv",
                                "totaal",   "status",   "source_file", "page"};
          for (int c = 0; c < 8; ++c) worksheet_write_string(sh.ws, 0, c, head[c], bold);
          sh.row = 1;
        }
        worksheet_write_string(sh.ws, sh.row, 0, Str(a["gemeente"]).c_str(), nullptr);
        worksheet_write_string(sh.ws, sh.row, 1, Str(a["cbs_code"]).c_str(), nullptr);
        const char* fields[] = {"regulier", "amv", "totaal"};
        for (int k = 0; k < 3; ++k) {
          std::string comment;
          for (const json& c : a.value("corrections", json::array())) {
            if (c.value("field", "") == fields[k]) {
              comment += "read '" + Str(c["from"]) + "' -> " + Str(c["to"]) + ": " +
                         Str(c["reason"]) + "\n";
            }
          }
          worksheet_write_number(sh.ws, sh.row, 2 + k, a.value(fields[k], 0.0),
                                 comment.empty() ? nullptr : repaired);
          if (!comment.empty()) worksheet_write_comment(sh.ws, sh.row, 2 + k, comment.c_str());
        }
        worksheet_write_string(sh.ws, sh.row, 5, status.c_str(), nullptr);
        worksheet_write_string(sh.ws, sh.row, 6, file.c_str(), nullptr);
        worksheet_write_number(sh.ws, sh.row, 7, a.value("page", 1), nullptr);
        ++sh.row;
      } else if (status == "needs_review") {
        std::string doubtful;
        for (const json& d : a.value("doubtful", json::array()))
          doubtful += (doubtful.empty() ? "" : ";") + Str(d);
        out_review << CsvField(province) << ',' << CsvField(Str(a["gemeente"])) << ','
                   << CsvField(a.contains("raw") ? Str(a["raw"].value("gemeente", json()))
                                                 : std::string())
                   << ',' << Str(a["cbs_code"]) << ',' << Str(a["regulier"]) << ',' << Str(a["amv"])
                   << ',' << Str(a["totaal"]) << ',' << CsvField(doubtful) << ','
                   << CsvField(failed) << ',' << CsvField(file) << ',' << page << '\n';
      }
    }
  }
  out_jsonl.close();
  out_alloc.close();
  out_review.close();
  if (workbook_close(wb) != LXW_NO_ERROR) return Status::IOError("cannot write " + xlsx);
  for (const std::string& f : {jsonl, alloc, review, xlsx}) {
    Status c = Commit(f + ".tmp", f);
    if (!c.ok()) return c;
  }
  return Status::OK();
}

}  // namespace verdeelscan
