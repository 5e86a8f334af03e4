// Building the national report from records (see national.h). The outputs
// (CSV, text, JSON, XLSX) are in national_output.cc.
#include "pipeline/national.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/exports_besluit.h"
#include "validators/reference.h"

namespace verdeelscan {
namespace national_reference_data {
extern const char kCapaciteitsramingCsv[];
}  // namespace national_reference_data

namespace {

using json = nlohmann::json;

// reference/provinciale_opgave_2024.csv holds the figures of this cycle only.
constexpr const char* kProvincialReferenceCycle = "2024";

struct Capaciteitsraming {
  std::string cycle, published;
  std::optional<long> totaal;
};

// RFC 4180 fields of one line (quotes, doubled quotes).
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

const std::vector<Capaciteitsraming>& Ramingen() {
  static const std::vector<Capaciteitsraming> all = [] {
    std::vector<Capaciteitsraming> out;
    std::istringstream in(national_reference_data::kCapaciteitsramingCsv);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const std::vector<std::string> f = CsvFields(line);
      if (f.size() < 3 || f[0].empty()) continue;
      Capaciteitsraming r{f[0], f[1], std::nullopt};
      if (!f[2].empty()) r.totaal = std::stol(f[2]);
      out.push_back(r);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.published < b.published; });
    return out;
  }();
  return all;
}

std::string Str(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const json& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

std::optional<long> Number(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number_integer()) return std::nullopt;
  return j[key].get<long>();
}

const json& Member(const json& j, const char* key) {
  static const json kNull;
  return j.is_object() && j.contains(key) ? j[key] : kNull;
}

Figures Split(const json& split) {
  Figures f{Number(split, "regulier"), Number(split, "amv"), std::nullopt};
  if (f.regulier && f.amv) f.totaal = *f.regulier + *f.amv;
  return f;
}

Figures StatedFigure(const json& rec, const char* which) {
  return Split(Member(Member(rec, "stated"), which));
}

Figures ColumnSums(const json& rec) {
  Figures f{0, 0, 0};
  for (const json& a : Member(rec, "allocations")) {
    *f.regulier += Number(a, "regulier").value_or(0);
    *f.amv += Number(a, "amv").value_or(0);
    *f.totaal += Number(a, "totaal").value_or(0);
  }
  return f;
}

bool Proven(const std::string& status) {
  return status == "valid" || status == "repaired" || status == "reviewed";
}

int StatusRank(const std::string& status) {
  return Proven(status) ? 2 : status == "needs_review" ? 1 : 0;
}

std::string PagesOf(const json& rec) {
  const json& src = Member(rec, "source");
  for (const char* key : {"page_range", "lines"}) {
    const json& r = Member(src, key);
    if (r.is_array() && r.size() == 2 && r[0].is_number() && r[1].is_number()) {
      return std::string(key[0] == 'p' ? "pages " : "lines ") + r[0].dump() + "-" + r[1].dump();
    }
  }
  return "";
}

json FiguresJson(const Figures& f) {
  json j = json::object();
  if (f.regulier) j["regulier"] = *f.regulier;
  if (f.amv) j["amv"] = *f.amv;
  if (f.totaal) j["totaal"] = *f.totaal;
  return j;
}

// The components that both figures have, and those of them that differ.
struct Comparison {
  int compared = 0;
  std::string differences;  // "totaal: 6335 against 6325; ..."
};

Comparison Compare(const Figures& actual, const Figures& expected) {
  Comparison c;
  const std::pair<const char*, std::pair<std::optional<long>, std::optional<long>>> parts[] = {
      {"regulier", {actual.regulier, expected.regulier}},
      {"amv", {actual.amv, expected.amv}},
      {"totaal", {actual.totaal, expected.totaal}}};
  for (const auto& [name, values] : parts) {
    if (!values.first || !values.second) continue;
    ++c.compared;
    if (*values.first == *values.second) continue;
    if (!c.differences.empty()) c.differences += "; ";
    c.differences += std::string(name) + " " + std::to_string(*values.first) + " against " +
                     std::to_string(*values.second);
  }
  return c;
}

std::string Named(const Municipality& m) { return m.name + " (" + m.cbs_code + ")"; }

BesluitSeen Seen(const json& rec, const std::string& role) {
  const json& meta = Member(rec, "meta");
  return {Str(Member(rec, "source"), "file"),
          PagesOf(rec),
          Str(meta, "date"),
          Str(meta, "reference"),
          Str(rec, "status"),
          role};
}

// Allocation figures by CBS code (or raw name for an unmatched row).
std::map<std::string, Figures> ByMunicipality(const json& rec) {
  std::map<std::string, Figures> out;
  for (const json& a : Member(rec, "allocations")) {
    std::string key = Str(a, "gemeente");
    if (key.empty()) key = Str(Member(a, "raw"), "gemeente");
    out[key] = {Number(a, "regulier"), Number(a, "amv"), Number(a, "totaal")};
  }
  return out;
}

std::string OneFigure(const std::optional<long>& v) { return v ? std::to_string(*v) : "-"; }

std::string FiguresText(const Figures& f) {
  return OneFigure(f.regulier) + "/" + OneFigure(f.amv) + "/" + OneFigure(f.totaal);
}

// "Dalfsen 142/26/168 -> 150/26/176; ..." for the rows that differ, the
// first `limit` of them named.
std::string AllocationDifferences(const json& before, const json& after, size_t limit = 8) {
  const std::map<std::string, Figures> a = ByMunicipality(before), b = ByMunicipality(after);
  std::set<std::string> names;
  for (const auto& [name, f] : a) names.insert(name);
  for (const auto& [name, f] : b) names.insert(name);
  std::string out;
  size_t differing = 0;
  for (const std::string& name : names) {
    auto ia = a.find(name), ib = b.find(name);
    const std::string from = ia == a.end() ? "absent" : FiguresText(ia->second);
    const std::string to = ib == b.end() ? "absent" : FiguresText(ib->second);
    if (from == to || ++differing > limit) continue;
    if (!out.empty()) out += "; ";
    out += name + " " + from + " -> " + to;
  }
  if (differing > limit) out += "; and " + std::to_string(differing - limit) + " more";
  return out;
}

bool SameAllocations(const json& a, const json& b) {
  return AllocationDifferences(a, b, 0).empty() && Str(a, "status") == Str(b, "status");
}

struct ProvinceInput {
  std::vector<const json*> records;
  const json* counted = nullptr;
};

NationalCheck Check(const std::string& id, const std::string& province, const std::string& status,
                    json expected, json actual, std::string detail) {
  return {
      id, province, province, status, std::move(expected), std::move(actual), std::move(detail)};
}

// Orders the besluiten, picks the counted one (latest date, best status),
// gives each its role and adds the checks about which one counts.
void ChooseCounted(ProvinceSummary& p, ProvinceInput& in) {
  auto later = [](const json* a, const json* b) {
    const std::string da = Str(Member(*a, "meta"), "date"), db = Str(Member(*b, "meta"), "date");
    if (da != db) return da < db;
    const int ra = StatusRank(Str(*a, "status")), rb = StatusRank(Str(*b, "status"));
    if (ra != rb) return ra > rb;
    return Str(Member(*a, "source"), "file") < Str(Member(*b, "source"), "file");
  };
  std::stable_sort(in.records.begin(), in.records.end(), later);
  const std::string last_date = Str(Member(*in.records.back(), "meta"), "date");
  const json* earlier = nullptr;  // the best reading of the latest earlier date
  for (const json* r : in.records) {
    const std::string date = Str(Member(*r, "meta"), "date");
    if (date == last_date) {
      if (!in.counted) in.counted = r;
    } else if (!earlier || Str(Member(*earlier, "meta"), "date") != date) {
      earlier = r;
    }
  }
  for (const json* r : in.records) {
    std::string role = "superseded";
    if (r == in.counted) {
      role = "counted";
    } else if (Str(Member(*r, "meta"), "date") == last_date) {
      role = SameAllocations(*r, *in.counted) ? "copy" : "other_reading";
      if (role == "other_reading" && Proven(Str(*r, "status")) &&
          StatusRank(Str(*r, "status")) == StatusRank(Str(*in.counted, "status"))) {
        const std::string ref_a = Str(Member(*in.counted, "meta"), "reference"),
                          ref_b = Str(Member(*r, "meta"), "reference");
        const std::string what = ref_a == ref_b
                                     ? "two proven readings of the besluit " + ref_a + " differ"
                                     : "two besluiten (" + ref_a + ", " + ref_b + ")";
        p.checks.push_back(
            Check("besluit.conflict", p.province, "fail",
                  Str(Member(*in.counted, "source"), "file"), Str(Member(*r, "source"), "file"),
                  what + " of the same date " + last_date + ": which counts is not known; " +
                      AllocationDifferences(*in.counted, *r)));
      }
    }
    p.besluiten.push_back(Seen(*r, role));
  }
  if (earlier) {
    const std::string diff = AllocationDifferences(*earlier, *in.counted);
    p.checks.push_back(
        Check("besluit.amended", p.province, diff.empty() ? "pass" : "finding",
              Str(Member(*earlier, "meta"), "date"), last_date,
              "the besluit of " + last_date + " is counted, the one of " +
                  Str(Member(*earlier, "meta"), "date") + " is superseded" +
                  (diff.empty() ? "; the allocations are the same" : "; differences: " + diff)));
  }
}

// Opgave against the reference, allocations against the opgave, overgenomen
// plus restopgave against the opgave.
void AddFigureChecks(ProvinceSummary& p, const json& rec) {
  const std::string& prov = p.province;
  const Comparison ref = Compare(p.stated, p.reference);
  if (!p.reference.any()) {
    p.checks.push_back(Check("opgave.reference", prov, "no_reference", nullptr,
                             FiguresJson(p.stated), "no reference figure for this cycle"));
  } else if (ref.compared == 0) {
    p.checks.push_back(Check("opgave.reference", prov, "not_stated", FiguresJson(p.reference),
                             nullptr, "the besluit states no opgave to compare"));
  } else {
    p.checks.push_back(Check("opgave.reference", prov, ref.differences.empty() ? "pass" : "finding",
                             FiguresJson(p.reference), FiguresJson(p.stated),
                             ref.differences.empty()
                                 ? "the stated opgave matches the reference"
                                 : "besluit against reference: " + ref.differences));
  }
  Figures target = p.stated;
  std::string target_name = "the stated opgave";
  if (!target.any() && p.overgenomen_plus_restopgave.any()) {
    target = p.overgenomen_plus_restopgave;
    target_name = "overgenomen + restopgave (no opgave stated)";
  }
  const Comparison sum = Compare(p.allocated, target);
  p.checks.push_back(Check("allocations.sum", prov,
                           sum.compared == 0         ? "not_stated"
                           : sum.differences.empty() ? "pass"
                                                     : "fail",
                           FiguresJson(target), FiguresJson(p.allocated),
                           sum.compared == 0 ? "the besluit states no opgave to add up to"
                           : sum.differences.empty()
                               ? "the allocations add up to " + target_name
                               : "allocations against " + target_name + ": " + sum.differences));
  const Comparison split = Compare(p.overgenomen_plus_restopgave, p.stated);
  p.checks.push_back(
      Check("opgave.split", prov,
            split.compared == 0         ? "not_stated"
            : split.differences.empty() ? "pass"
                                        : "finding",
            FiguresJson(p.stated), FiguresJson(p.overgenomen_plus_restopgave),
            split.compared == 0 ? "overgenomen, restopgave or opgave not stated"
            : split.differences.empty()
                ? "overgenomen + restopgave make the opgave"
                : "overgenomen + restopgave against the opgave: " + split.differences));
  const std::string status = Str(rec, "status");
  std::string failing;
  for (const json& c : Member(rec, "checks")) {
    if (Str(c, "status") == "fail") failing += (failing.empty() ? "" : ", ") + Str(c, "id");
  }
  p.checks.push_back(Check(
      "besluit.status", prov, Proven(status) ? "pass" : "fail", "valid or repaired", status,
      Proven(status)
          ? "the counted table is proven consistent"
          : "the counted table is " + status + (failing.empty() ? "" : " (" + failing + ")")));
}

ProvinceSummary BuildProvince(const std::string& cycle, const std::string& province,
                              ProvinceInput& in) {
  ProvinceSummary p;
  p.province = province;
  const Reference& ref = Reference::Default();
  p.municipalities = static_cast<long>(ref.InProvince(province).size());
  if (const ProvincialOpgave* o = ref.OpgaveFor(province);
      o && cycle == kProvincialReferenceCycle) {
    p.reference = {o->regulier, o->amv, o->totaal};
  }
  if (in.records.empty()) {
    p.checks.push_back(Check("besluit.found", province, "fail", "a verdeelbesluit", 0,
                             "no verdeelbesluit of " + province + " for cycle " + cycle));
    return p;
  }
  ChooseCounted(p, in);
  const json& rec = *in.counted;
  p.checks.insert(p.checks.begin(),
                  Check("besluit.found", province, "pass", "a verdeelbesluit",
                        static_cast<long>(in.records.size()), Str(Member(rec, "source"), "file")));
  p.stated = StatedFigure(rec, "opgave");
  p.allocated = ColumnSums(rec);
  const Figures over = StatedFigure(rec, "overgenomen"), rest = StatedFigure(rec, "restopgave");
  auto add = [](const std::optional<long>& a, const std::optional<long>& b) {
    return a && b ? std::optional<long>(*a + *b) : std::nullopt;
  };
  p.overgenomen_plus_restopgave = {add(over.regulier, rest.regulier), add(over.amv, rest.amv),
                                   add(over.totaal, rest.totaal)};
  AddFigureChecks(p, rec);
  return p;
}

struct Occurrence {
  std::string province;  // the besluit's
  const json* allocation;
  const json* record;
};

ProvinceSummary* FindProvince(NationalCycle& cycle, const std::string& name) {
  for (ProvinceSummary& p : cycle.provinces) {
    if (p.province == name) return &p;
  }
  return nullptr;
}

void AddMunicipalityCheck(NationalCycle& cycle, const std::string& province, const std::string& id,
                          const Municipality& m, json actual, const std::string& detail) {
  ProvinceSummary* p = FindProvince(cycle, province);
  if (!p) return;
  p->checks.push_back({id, province, Named(m), "fail", m.province, std::move(actual), detail});
}

std::string Where(const std::vector<Occurrence>& occ) {
  std::string out;
  for (const Occurrence& o : occ) {
    if (!out.empty()) out += "; ";
    out += "the besluit of " + o.province + " (" + Str(Member(*o.record, "source"), "file") + ")";
  }
  return out;
}

// allocations_national.csv row of `m` and its checks: allocated exactly once
// in its own province's counted besluit, or excluded there with a ground.
MunicipalityAllocation Account(NationalCycle& cycle, const Municipality& m,
                               const std::vector<Occurrence>& occ, const json* own_besluit,
                               const std::map<std::string, std::string>& excluded) {
  MunicipalityAllocation row{m.cbs_code, m.name, m.province, {}, {}, {}, "", "", "", "", ""};
  ProvinceSummary* own = FindProvince(cycle, m.province);
  if (occ.size() > 1) {
    row.note = "listed " + std::to_string(occ.size()) + " times: " + Where(occ);
    AddMunicipalityCheck(cycle, m.province, "gemeente.duplicate", m, static_cast<long>(occ.size()),
                         Named(m) + " is " + row.note);
  } else if (occ.size() == 1 && occ[0].province != m.province) {
    row.note = "allocated in " + Where(occ) + ", not in its province " + m.province;
    AddMunicipalityCheck(cycle, occ[0].province, "gemeente.wrong_province", m, occ[0].province,
                         Named(m) + " belongs to " + m.province + " but is " + row.note);
  } else if (occ.size() == 1) {
    const json& rec = *occ[0].record;
    row.besluit_reference = Str(Member(rec, "meta"), "reference");
    row.besluit_date = Str(Member(rec, "meta"), "date");
    row.document_id = DocumentId(rec);
    row.status = Str(rec, "status");
    if (own) ++own->accounted;
    if (Proven(row.status)) {
      row.regulier = Number(*occ[0].allocation, "regulier");
      row.amv = Number(*occ[0].allocation, "amv");
      row.totaal = Number(*occ[0].allocation, "totaal");
    } else {
      row.note = "the besluit's table is " + row.status + ": no proven figure";
    }
  } else if (auto e = excluded.find(m.cbs_code); e != excluded.end()) {
    if (own) ++own->accounted;
    row.note = "excluded: " + (e->second.empty() ? std::string("no ground stated") : e->second);
  } else if (!own_besluit) {
    row.note = "no verdeelbesluit of " + m.province + " found";
  } else {
    row.note = "not in the besluit of " + m.province + " and not named as excluded";
    AddMunicipalityCheck(
        cycle, m.province, "gemeente.missing", m, nullptr,
        Named(m) + " is neither allocated nor excluded in the besluit of " + m.province);
  }
  if (own_besluit && row.besluit_reference.empty()) {
    row.besluit_reference = Str(Member(*own_besluit, "meta"), "reference");
    row.besluit_date = Str(Member(*own_besluit, "meta"), "date");
    row.document_id = DocumentId(*own_besluit);
    row.status = Str(*own_besluit, "status");
  }
  return row;
}

// Every municipality of the reference accounted for exactly once; rows that
// name no known municipality fail too.
void AccountMunicipalities(NationalCycle& cycle, std::map<std::string, ProvinceInput>& in) {
  std::map<std::string, std::vector<Occurrence>> occurrences;
  std::map<std::string, std::string> excluded;  // code -> ground, own province's besluit
  const Reference& ref = Reference::Default();
  for (auto& [province, input] : in) {
    if (!input.counted) continue;
    for (const json& a : Member(*input.counted, "allocations")) {
      const std::string code = Str(a, "cbs_code");
      if (!code.empty() && ref.ByCode(code)) {
        occurrences[code].push_back({province, &a, input.counted});
        continue;
      }
      const std::string raw = Str(Member(a, "raw"), "gemeente");
      ProvinceSummary* p = FindProvince(cycle, province);
      p->checks.push_back({"gemeente.unmatched", province, code.empty() ? raw : code, "fail",
                           "a municipality of the reference", raw,
                           "the row \"" + raw + "\" names no municipality of the reference"});
    }
    for (const json& e : Member(Member(*input.counted, "toelichting"), "excluded")) {
      const Municipality* m = ref.ByCode(Str(e, "cbs_code"));
      if (m && m->province == province) excluded[m->cbs_code] = Str(e, "ground");
    }
  }
  for (const Municipality& m : ref.municipalities()) {
    auto it = in.find(m.province);
    const json* own = it == in.end() ? nullptr : it->second.counted;
    cycle.allocations.push_back(Account(cycle, m, occurrences[m.cbs_code], own, excluded));
  }
}

// The provinces' opgaven against the capaciteitsraming of the cycle.
void AddNationalChecks(NationalCycle& cycle) {
  long total = 0, reference_total = 0;
  int missing = 0, no_figure = 0, with_reference = 0;
  for (const ProvinceSummary& p : cycle.provinces) {
    if (p.besluiten.empty()) ++missing;
    const std::optional<long> t = p.stated.totaal ? p.stated.totaal : p.allocated.totaal;
    if (t) {
      total += *t;
    } else if (!p.besluiten.empty()) {
      ++no_figure;
    }
    if (p.reference.totaal) {
      reference_total += *p.reference.totaal;
      ++with_reference;
    }
  }
  cycle.stated_total.totaal = total;
  for (const Capaciteitsraming& r : Ramingen()) {
    if (r.cycle == cycle.cycle) cycle.national_reference = r.totaal;
  }
  const std::string ref_note = with_reference == 0
                                   ? ""
                                   : "; the " + std::to_string(with_reference) +
                                         " provincial reference figures add up to " +
                                         std::to_string(reference_total);
  NationalCheck c{"national.opgave", "", "Nederland", "", nullptr, total, ""};
  if (cycle.national_reference) c.expected = *cycle.national_reference;
  if (!cycle.national_reference) {
    c.status = "no_reference";
    c.detail = "no capaciteitsraming figure for cycle " + cycle.cycle;
  } else if (missing > 0 || no_figure > 0) {
    c.status = "incomplete";
    c.detail = std::to_string(missing) + " province(s) without a besluit, " +
               std::to_string(no_figure) + " without a figure: no national sum" + ref_note;
  } else {
    c.status = total == *cycle.national_reference ? "pass" : "finding";
    c.detail = "the provinces' opgaven add up to " + std::to_string(total) +
               ", the capaciteitsraming " + cycle.cycle + " is " +
               std::to_string(*cycle.national_reference) + ref_note;
  }
  cycle.checks.push_back(c);
}

}  // namespace

std::string CycleOf(const std::string& iso_date) {
  if (iso_date.size() < 10 || !std::all_of(iso_date.begin(), iso_date.begin() + 4, ::isdigit)) {
    return "";
  }
  std::string cycle = iso_date.substr(0, 4);
  for (const Capaciteitsraming& r : Ramingen()) {
    if (r.published <= iso_date.substr(0, 10)) cycle = r.cycle;
  }
  // A date before the first known estimate, or years after the last one,
  // is its own year: never silently placed in a known cycle.
  if (!Ramingen().empty() && iso_date.substr(0, 4) > cycle &&
      std::stoi(iso_date.substr(0, 4)) - std::stoi(cycle) >= 2) {
    cycle = iso_date.substr(0, 4);
  }
  return cycle;
}

NationalReport BuildNationalReport(const std::vector<json>& records) {
  NationalReport report;
  std::map<std::string, std::map<std::string, ProvinceInput>> by_cycle;
  for (const json& rec : records) {
    if (Str(rec, "kind") != "verdeelbesluit") continue;
    const std::string province = Str(Member(rec, "meta"), "province");
    const std::string cycle = CycleOf(Str(Member(rec, "meta"), "date"));
    if (province.empty() || cycle.empty()) {
      report.unplaced.push_back(Str(Member(rec, "source"), "file") + " " + PagesOf(rec) + ": no " +
                                (province.empty() ? "province" : "date") + " read (status " +
                                Str(rec, "status") + ")");
      continue;
    }
    by_cycle[cycle][province].records.push_back(&rec);
  }
  const Reference& ref = Reference::Default();
  for (auto& [cycle_name, provinces] : by_cycle) {
    NationalCycle cycle;
    cycle.cycle = cycle_name;
    std::vector<std::string> names = ref.provinces();
    for (const auto& [name, in] : provinces) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    for (const std::string& name : names) {
      cycle.provinces.push_back(BuildProvince(cycle_name, name, provinces[name]));
    }
    AccountMunicipalities(cycle, provinces);
    AddNationalChecks(cycle);
    report.cycles.push_back(std::move(cycle));
  }
  return report;
}

std::vector<NationalCheck> NationalReport::AllChecks() const {
  std::vector<NationalCheck> out;
  for (const NationalCycle& c : cycles) {
    for (const ProvinceSummary& p : c.provinces)
      out.insert(out.end(), p.checks.begin(), p.checks.end());
    out.insert(out.end(), c.checks.begin(), c.checks.end());
  }
  return out;
}

bool NationalReport::AnyFail() const {
  for (const NationalCheck& c : AllChecks()) {
    if (c.status == "fail") return true;
  }
  return false;
}

}  // namespace verdeelscan
