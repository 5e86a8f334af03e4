#include "core/record.h"

#include "core/utf8.h"

namespace verdeelscan {

const char* ToString(RecordStatus s) {
  switch (s) {
    case RecordStatus::kValid:
      return "valid";
    case RecordStatus::kRepaired:
      return "repaired";
    case RecordStatus::kNeedsReview:
      return "needs_review";
    case RecordStatus::kFailed:
      return "failed";
  }
  return "failed";
}

const char* ToString(CheckStatus s) {
  switch (s) {
    case CheckStatus::kPass:
      return "pass";
    case CheckStatus::kFail:
      return "fail";
    case CheckStatus::kFinding:
      return "finding";
  }
  return "fail";
}

namespace {

nlohmann::json SplitToJson(const SplitFigure& f) {
  nlohmann::json j = nlohmann::json::object();
  if (f.regulier) j["regulier"] = *f.regulier;
  if (f.amv) j["amv"] = *f.amv;
  return j;
}

nlohmann::json BoxToJson(const BBox& b) { return {b.x0, b.y0, b.x1, b.y1}; }

// A verdeelbesluit's meta: its typed fields that were read, over anything a
// stage put into the open bag.
nlohmann::json MetaToJson(const Record& r) {
  nlohmann::json meta = r.meta;
  if (r.kind != DocumentKind::kVerdeelbesluit) return meta;
  const VerdeelbesluitMeta& m = r.besluit_meta;
  if (!m.province.empty()) meta["province"] = m.province;
  if (!m.date.empty()) meta["date"] = m.date;
  if (!m.reference.empty()) meta["reference"] = m.reference;
  return meta;
}

nlohmann::json NamedToJson(const std::vector<NamedGemeente>& list, bool with_types) {
  nlohmann::json out = nlohmann::json::array();
  for (const NamedGemeente& g : list) {
    nlohmann::json j = {{"gemeente", g.gemeente}, {"cbs_code", g.cbs_code}, {"raw", g.raw}};
    if (with_types) {
      j["regulier"] = g.regulier;
      j["amv"] = g.amv;
    }
    if (!g.ground.empty()) j["ground"] = g.ground;
    out.push_back(j);
  }
  return out;
}

nlohmann::json ToelichtingToJson(const ToelichtingLists& t) {
  nlohmann::json j = nlohmann::json::object();
  if (t.excluded) j["excluded"] = NamedToJson(*t.excluded, false);
  if (t.receivers) j["receivers"] = NamedToJson(*t.receivers, true);
  if (t.stated_receiver_counts.any()) {
    j["stated_receiver_counts"] = SplitToJson(t.stated_receiver_counts);
  }
  return j;
}

nlohmann::json TableToJson(const TableReading& t) {
  nlohmann::json j = {{"notes", t.notes},
                      {"solver", {{"outcome", t.solver_outcome}, {"cost", t.solver_cost}}}};
  if (t.first_line > 0) j["lines"] = {t.first_line, t.last_line};
  if (t.first_page > 0) j["pages"] = {t.first_page, t.last_page};
  if (!t.alignment_problems.empty()) j["alignment_problems"] = t.alignment_problems;
  return j;
}

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates): the
// JSON writer's own decoder decides, so what passes here never aborts it.
bool IsUtf8(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// source.file and, for a name that is not UTF-8 (Linux allows any bytes),
// source.file_bytes: the exact name in hex, so nothing is lost; "file" then
// shows each invalid byte as U+FFFD.
void PutFileName(const std::string& name, nlohmann::json& src) {
  if (IsUtf8(name)) {
    src["file"] = name;
    return;
  }
  src["file"] = ValidUtf8(name);
  src["file_bytes"] = Hex(name);
}

}  // namespace

std::string ValidUtf8(const std::string& s) { return RepairUtf8(s).text; }

nlohmann::json ToJson(const Check& c) {
  nlohmann::json jc = {{"id", c.id}, {"status", ToString(c.status)}};
  if (!c.expected.is_null()) jc["expected"] = c.expected;
  if (!c.actual.is_null()) jc["actual"] = c.actual;
  if (!c.detail.empty()) jc["detail"] = c.detail;
  return jc;
}

std::vector<std::string> VerdeelbesluitMeta::Unread() const {
  std::vector<std::string> unread;
  if (province.empty()) unread.push_back("province");
  if (date.empty()) unread.push_back("date");
  if (reference.empty()) unread.push_back("reference");
  return unread;
}

namespace {

nlohmann::json SourceToJson(const SourceInfo& s) {
  nlohmann::json src = {
      {"file", nullptr}, {"sha256", s.sha256}, {"media", s.media}, {"pages", s.pages}};
  PutFileName(s.file, src);
  if (s.dpi > 0) src["dpi"] = s.dpi;
  if (s.first_line > 0) src["lines"] = {s.first_line, s.last_line};
  if (s.first_page > 0) src["page_range"] = {s.first_page, s.last_page};
  nlohmann::json rotations = nlohmann::json::array();
  for (const SourceInfo::Rotation& turned : s.rotations) {
    const bool in_range =
        s.first_page <= 0 || (turned.page >= s.first_page && turned.page <= s.last_page);
    if (turned.degrees != 0 && in_range) {
      rotations.push_back({{"page", turned.page}, {"degrees", turned.degrees}});
    }
  }
  if (!rotations.empty()) src["rotations"] = rotations;
  return src;
}

nlohmann::json AllocationToJson(const Allocation& a) {
  nlohmann::json ja;
  // An unmatched name has no official name and no code: both are left
  // out (never null); the text as read stays in raw.gemeente and
  // "gemeente" is in doubtful (docs/record.md).
  if (!a.gemeente.empty()) ja["gemeente"] = a.gemeente;
  if (!a.cbs_code.empty()) ja["cbs_code"] = a.cbs_code;
  ja["regulier"] = a.regulier;
  ja["amv"] = a.amv;
  ja["totaal"] = a.totaal;
  // Page, line and pixel provenance per field.
  int page = 0;
  nlohmann::json bbox = nlohmann::json::object(), conf = nlohmann::json::object(),
                 lines = nlohmann::json::object();
  for (const auto& [field, p] : a.provenance) {
    if (page == 0) page = p.page;
    if (!p.box.empty()) bbox[field] = BoxToJson(p.box);
    if (p.line > 0) lines[field] = p.line;
    conf[field] = p.confidence;
  }
  ja["page"] = page > 0 ? page : 1;
  if (!bbox.empty()) ja["bbox"] = bbox;
  if (!lines.empty()) ja["line"] = lines;
  ja["confidence"] = conf;
  ja["raw"] = a.raw;
  nlohmann::json corr = nlohmann::json::array();
  for (const Correction& c : a.corrections) {
    corr.push_back({{"field", c.field}, {"from", c.from}, {"to", c.to}, {"reason", c.reason}});
  }
  ja["corrections"] = corr;
  if (!a.doubtful.empty()) ja["doubtful"] = a.doubtful;
  nlohmann::json alternatives = nlohmann::json::object();
  for (const auto& [field, list] : a.alternatives) {
    nlohmann::json readings = nlohmann::json::array();
    for (const CellAlternative& alt : list) {
      nlohmann::json j = {{"value", alt.value}, {"reason", alt.reason}};
      if (alt.cost >= 0) j["cost"] = alt.cost;
      if (alt.equally_cheap) j["equally_cheap"] = true;
      readings.push_back(j);
    }
    if (!readings.empty()) alternatives[field] = readings;
  }
  if (!alternatives.empty()) ja["alternatives"] = alternatives;
  return ja;
}

}  // namespace

nlohmann::json ToJson(const Record& r) {
  nlohmann::json j;
  j["schema_version"] = 1;
  j["source"] = SourceToJson(r.source);
  j["kind"] = ToString(r.kind);
  j["status"] = ToString(r.status);
  if (!r.error.empty()) j["error"] = r.error;
  j["meta"] = MetaToJson(r);
  const bool besluit = r.kind == DocumentKind::kVerdeelbesluit;
  if (besluit) {
    const std::vector<std::string> unread = r.besluit_meta.Unread();
    if (!unread.empty()) j["unread_fields"] = unread;
  }
  if (r.opgave.any() || r.overgenomen.any() || r.restopgave.any()) {
    nlohmann::json stated = nlohmann::json::object();
    if (r.opgave.any()) stated["opgave"] = SplitToJson(r.opgave);
    if (r.overgenomen.any()) stated["overgenomen"] = SplitToJson(r.overgenomen);
    if (r.restopgave.any()) stated["restopgave"] = SplitToJson(r.restopgave);
    j["stated"] = stated;
  }
  if (besluit || !r.allocations.empty()) {
    nlohmann::json allocs = nlohmann::json::array();
    for (const Allocation& a : r.allocations) allocs.push_back(AllocationToJson(a));
    j["allocations"] = allocs;
  }
  if (r.table) j["table"] = TableToJson(*r.table);
  if (r.toelichting && !r.toelichting->empty())
    j["toelichting"] = ToelichtingToJson(*r.toelichting);
  nlohmann::json checks = nlohmann::json::array();
  for (const Check& c : r.checks) checks.push_back(ToJson(c));
  j["checks"] = checks;
  for (const auto& [k, v] : r.extra.items()) j[k] = v;
  return j;
}

}  // namespace verdeelscan
