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

nlohmann::json ToJson(const Record& r) {
  nlohmann::json j;
  j["schema_version"] = 1;
  nlohmann::json src = {{"file", nullptr},
                        {"sha256", r.source.sha256},
                        {"media", r.source.media},
                        {"pages", r.source.pages}};
  PutFileName(r.source.file, src);
  if (r.source.dpi > 0) src["dpi"] = r.source.dpi;
  if (r.source.first_line > 0) src["lines"] = {r.source.first_line, r.source.last_line};
  if (r.source.first_page > 0) src["page_range"] = {r.source.first_page, r.source.last_page};
  nlohmann::json rotations = nlohmann::json::array();
  for (const SourceInfo::Rotation& turned : r.source.rotations) {
    const bool in_range = r.source.first_page <= 0 ||
                          (turned.page >= r.source.first_page && turned.page <= r.source.last_page);
    if (turned.degrees != 0 && in_range) {
      rotations.push_back({{"page", turned.page}, {"degrees", turned.degrees}});
    }
  }
  if (!rotations.empty()) src["rotations"] = rotations;
  j["source"] = src;
  j["kind"] = r.kind;
  j["status"] = ToString(r.status);
  if (!r.error.empty()) j["error"] = r.error;
  j["meta"] = r.meta;
  if (r.opgave.any() || r.overgenomen.any() || r.restopgave.any()) {
    nlohmann::json stated = nlohmann::json::object();
    if (r.opgave.any()) stated["opgave"] = SplitToJson(r.opgave);
    if (r.overgenomen.any()) stated["overgenomen"] = SplitToJson(r.overgenomen);
    if (r.restopgave.any()) stated["restopgave"] = SplitToJson(r.restopgave);
    j["stated"] = stated;
  }
  if (r.kind == "verdeelbesluit" || !r.allocations.empty()) {
    nlohmann::json allocs = nlohmann::json::array();
    for (const Allocation& a : r.allocations) {
      nlohmann::json ja;
      // An unmatched name has no official name and no code: both are left
      // out (never null); the text as read stays in raw.gemeente and
      // "gemeente" is in doubtful (README.md, record contract).
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
      allocs.push_back(ja);
    }
    j["allocations"] = allocs;
  }
  nlohmann::json checks = nlohmann::json::array();
  for (const Check& c : r.checks) checks.push_back(ToJson(c));
  j["checks"] = checks;
  for (const auto& [k, v] : r.extra.items()) j[k] = v;
  return j;
}

}  // namespace verdeelscan
