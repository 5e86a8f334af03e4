// The national report's forms: JSON, national.csv, allocations_national.csv,
// a text report and an XLSX sheet, and reading records.jsonl (national.h).
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/utf8.h"
#include "pipeline/exports.h"
#include "pipeline/exports_xlsx.h"
#include "pipeline/national.h"

namespace verdeelscan {
namespace {

using json = nlohmann::json;

json Opt(const std::optional<long>& v) { return v ? json(*v) : json(nullptr); }

json FiguresJson(const Figures& f) {
  return {{"regulier", Opt(f.regulier)}, {"amv", Opt(f.amv)}, {"totaal", Opt(f.totaal)}};
}

json CheckJson(const NationalCheck& c) {
  json j = {{"id", c.id}, {"subject", c.subject}, {"status", c.status}};
  if (!c.province.empty()) j["province"] = c.province;
  if (!c.expected.is_null()) j["expected"] = c.expected;
  if (!c.actual.is_null()) j["actual"] = c.actual;
  if (!c.detail.empty()) j["detail"] = c.detail;
  return j;
}

// "besluit.found=pass; allocations.sum=fail" (province checks only, in order).
std::string CheckList(const std::vector<NationalCheck>& checks, bool problems_only) {
  std::string out;
  for (const NationalCheck& c : checks) {
    const bool problem = c.status == "fail" || c.status == "finding";
    if (problems_only && !problem) continue;
    if (!out.empty()) out += problems_only ? " | " : "; ";
    out += problems_only
               ? c.status + " " + c.id + " " + c.subject + ": " + c.detail
               : c.id + (c.id.rfind("gemeente.", 0) == 0 ? " " + c.subject : "") + "=" + c.status;
  }
  return out;
}

// One table for national.csv and the XLSX sheet: numbers stay numbers.
std::vector<std::vector<json>> NationalRows(const NationalReport& report) {
  std::vector<std::vector<json>> rows = {{"cycle",
                                          "province",
                                          "role",
                                          "file",
                                          "pages",
                                          "date",
                                          "reference",
                                          "status",
                                          "opgave_regulier",
                                          "opgave_amv",
                                          "opgave_totaal",
                                          "reference_regulier",
                                          "reference_amv",
                                          "reference_totaal",
                                          "allocated_regulier",
                                          "allocated_amv",
                                          "allocated_totaal",
                                          "overgenomen_restopgave_regulier",
                                          "overgenomen_restopgave_amv",
                                          "overgenomen_restopgave_totaal",
                                          "municipalities",
                                          "accounted",
                                          "checks",
                                          "problems"}};
  auto figures = [](std::vector<json>& row, const Figures& f) {
    row.insert(row.end(), {Opt(f.regulier), Opt(f.amv), Opt(f.totaal)});
  };
  for (const NationalCycle& c : report.cycles) {
    for (const ProvinceSummary& p : c.provinces) {
      std::vector<BesluitSeen> seen = p.besluiten;
      if (seen.empty()) seen.push_back({"", "", "", "", "", "missing"});
      for (const BesluitSeen& b : seen) {
        std::vector<json> row = {c.cycle, p.province, b.role,      b.file,
                                 b.pages, b.date,     b.reference, b.status};
        const bool main_row = b.role == "counted" || b.role == "missing";
        for (const Figures* f :
             {&p.stated, &p.reference, &p.allocated, &p.overgenomen_plus_restopgave}) {
          figures(row, main_row ? *f : Figures{});
        }
        row.insert(row.end(), {main_row ? json(p.municipalities) : json(nullptr),
                               main_row ? json(p.accounted) : json(nullptr),
                               main_row ? CheckList(p.checks, false) : "",
                               main_row ? CheckList(p.checks, true) : ""});
        rows.push_back(row);
      }
    }
    std::vector<json> row = {c.cycle, "Nederland", "national", "", "", "", "", ""};
    figures(row, c.stated_total);
    figures(row, Figures{std::nullopt, std::nullopt, c.national_reference});
    figures(row, Figures{});
    figures(row, Figures{});
    long municipalities = 0, accounted = 0;
    for (const ProvinceSummary& p : c.provinces) {
      municipalities += p.municipalities;
      accounted += p.accounted;
    }
    row.insert(row.end(),
               {municipalities, accounted, CheckList(c.checks, false), CheckList(c.checks, true)});
    rows.push_back(row);
  }
  return rows;
}

// RFC 4180, as allocations.csv (CsvRecord: CRLF after every record).
std::string ToCsv(const std::vector<std::vector<json>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    std::vector<std::string> fields;
    for (const json& v : row)
      fields.push_back(v.is_number()   ? CsvNumber(v)
                       : v.is_string() ? CsvField(v.get<std::string>())
                                       : std::string());
    out += CsvRecord(fields);
  }
  return out;
}

Status WriteFile(const std::string& path, const std::string& text) {
  {
    std::ofstream out(path + ".tmp", std::ios::binary);
    out << text;
    out.close();
    if (!out) return Status::IOError("cannot write " + path + ".tmp");
  }
  if (std::rename((path + ".tmp").c_str(), path.c_str()) != 0) {
    return Status::IOError("cannot rename " + path + ".tmp");
  }
  return Status::OK();
}

std::string Pad(std::string s, size_t width) {
  // Width in characters, not bytes (Fryslân).
  const size_t chars = Utf8CodePoints(s);
  if (chars < width) s.append(width - chars, ' ');
  return s;
}

std::string Cell(const std::optional<long>& v) { return v ? std::to_string(*v) : "-"; }

}  // namespace

StatusOr<std::vector<json>> ReadRecordsJsonl(const std::string& dir_or_file) {
  std::string path = dir_or_file;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) path += "/records.jsonl";
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path + " (a batch folder has records.jsonl)");
  std::vector<json> records;
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::Corruption(path + " line " + std::to_string(number) + " is not a JSON record");
    }
    records.push_back(std::move(j));
  }
  return records;
}

json ToJson(const NationalReport& report) {
  json cycles = json::array();
  for (const NationalCycle& c : report.cycles) {
    json provinces = json::array();
    for (const ProvinceSummary& p : c.provinces) {
      json besluiten = json::array(), checks = json::array();
      for (const BesluitSeen& b : p.besluiten) {
        besluiten.push_back({{"file", b.file},
                             {"pages", b.pages},
                             {"date", b.date},
                             {"reference", b.reference},
                             {"status", b.status},
                             {"role", b.role}});
      }
      for (const NationalCheck& k : p.checks) checks.push_back(CheckJson(k));
      provinces.push_back(
          {{"province", p.province},
           {"besluiten", besluiten},
           {"opgave", FiguresJson(p.stated)},
           {"reference", FiguresJson(p.reference)},
           {"allocated", FiguresJson(p.allocated)},
           {"overgenomen_plus_restopgave", FiguresJson(p.overgenomen_plus_restopgave)},
           {"municipalities", p.municipalities},
           {"accounted", p.accounted},
           {"checks", checks}});
    }
    json checks = json::array();
    for (const NationalCheck& k : c.checks) checks.push_back(CheckJson(k));
    cycles.push_back({{"cycle", c.cycle},
                      {"provinces", provinces},
                      {"national",
                       {{"opgave", FiguresJson(c.stated_total)},
                        {"capaciteitsraming", Opt(c.national_reference)},
                        {"checks", checks}}}});
  }
  return {{"cycles", cycles}, {"unplaced", report.unplaced}};
}

std::string NationalCsv(const NationalReport& report) { return ToCsv(NationalRows(report)); }

std::string AllocationsNationalCsv(const NationalReport& report) {
  std::vector<std::vector<json>> rows = {{"cycle", "cbs_code", "gemeente", "province", "regulier",
                                          "amv", "totaal", "besluit_reference", "besluit_date",
                                          "document_id", "status", "note"}};
  for (const NationalCycle& c : report.cycles) {
    for (const MunicipalityAllocation& a : c.allocations) {
      rows.push_back({c.cycle, a.cbs_code, a.gemeente, a.province, Opt(a.regulier), Opt(a.amv),
                      Opt(a.totaal), a.besluit_reference, a.besluit_date, a.document_id, a.status,
                      a.note});
    }
  }
  return ToCsv(rows);
}

std::string NationalText(const NationalReport& report) {
  std::ostringstream out;
  for (const NationalCycle& c : report.cycles) {
    out << "Cycle " << c.cycle << " (capaciteitsraming "
        << (c.national_reference ? std::to_string(*c.national_reference) : "no reference") << ")\n"
        << Pad("province", 14) << Pad("besluit (date, reference, status)", 44) << Pad("opgave", 8)
        << Pad("ref.", 8) << Pad("alloc.", 8) << Pad("gemeenten", 10) << "checks\n";
    for (const ProvinceSummary& p : c.provinces) {
      std::string besluit = "none found";
      for (const BesluitSeen& b : p.besluiten) {
        if (b.role == "counted") besluit = b.date + " " + b.reference + " " + b.status;
      }
      if (p.besluiten.size() > 1) besluit += " (+" + std::to_string(p.besluiten.size() - 1) + ")";
      int fails = 0, findings = 0;
      for (const NationalCheck& k : p.checks) {
        fails += k.status == "fail";
        findings += k.status == "finding";
      }
      out << Pad(p.province, 14) << Pad(besluit, 44) << Pad(Cell(p.stated.totaal), 8)
          << Pad(Cell(p.reference.totaal), 8) << Pad(Cell(p.allocated.totaal), 8)
          << Pad(std::to_string(p.accounted) + "/" + std::to_string(p.municipalities), 10)
          << (fails + findings == 0
                  ? std::string("pass")
                  : std::to_string(fails) + " fail, " + std::to_string(findings) + " finding")
          << '\n';
    }
    out << Pad("Nederland", 58) << Pad(Cell(c.stated_total.totaal), 8)
        << Pad(Cell(c.national_reference), 26);
    for (const NationalCheck& k : c.checks) out << k.status;
    out << '\n';
    std::vector<NationalCheck> checks;
    for (const ProvinceSummary& p : c.provinces)
      checks.insert(checks.end(), p.checks.begin(), p.checks.end());
    checks.insert(checks.end(), c.checks.begin(), c.checks.end());
    bool header = false;
    for (const NationalCheck& k : checks) {
      if (k.status != "fail" && k.status != "finding") continue;
      if (!header) out << "Failing checks and findings:\n";
      header = true;
      out << "  " << k.status << " " << k.id << " [" << k.subject << "] " << k.detail << '\n';
    }
    if (!header) out << "Every check passes.\n";
  }
  for (const std::string& u : report.unplaced) out << "Not placed: " << u << '\n';
  if (report.cycles.empty()) out << "No verdeelbesluit found.\n";
  return out.str();
}

Status WriteNationalFiles(const std::vector<json>& records, const std::string& dir) {
  std::string national, allocations;
  try {  // the report reads records defensively; this is the last safety net
    const NationalReport report = BuildNationalReport(records);
    national = NationalCsv(report);
    allocations = AllocationsNationalCsv(report);
  } catch (...) {
    return Status::Corruption("cannot build the national report: " +
                              ExceptionMessage(std::current_exception()));
  }
  if (Status s = WriteFile(dir + "/national.csv", national); !s.ok()) return s;
  return WriteFile(dir + "/allocations_national.csv", allocations);
}

void AddNationalSheet(lxw_workbook* workbook, const std::vector<json>& records) {
  std::vector<std::vector<json>> rows;
  try {  // a report that cannot be built leaves the sheet saying so
    rows = NationalRows(BuildNationalReport(records));
  } catch (...) {
    rows = {{"cannot build the national report: " + ExceptionMessage(std::current_exception())}};
  }
  std::vector<std::string> header;
  for (const json& h : rows.front()) header.push_back(h.is_string() ? h.get<std::string>() : "");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  // Frozen header, autofilter and widths as on the batch's other sheets.
  SheetWriter sheet(workbook_add_worksheet(workbook, "National"), bold, header);
  for (size_t r = 1; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) sheet.Value(static_cast<int>(c), rows[r][c]);
    sheet.NextRow();
  }
  sheet.Finish();
}

}  // namespace verdeelscan
