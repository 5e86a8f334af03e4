#include "core/record.h"

#include <algorithm>

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
    case RecordStatus::kReviewed:
      return "reviewed";
  }
  return "failed";
}

std::optional<RecordStatus> ParseRecordStatus(std::string_view name) {
  for (RecordStatus s : {RecordStatus::kValid, RecordStatus::kRepaired, RecordStatus::kNeedsReview,
                         RecordStatus::kFailed, RecordStatus::kReviewed})
    if (name == ToString(s)) return s;
  return std::nullopt;
}

std::optional<CheckStatus> ParseCheckStatus(std::string_view name) {
  for (CheckStatus s : {CheckStatus::kPass, CheckStatus::kFail, CheckStatus::kFinding})
    if (name == ToString(s)) return s;
  return std::nullopt;
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
    nlohmann::json jc = {{"field", c.field}, {"from", c.from}, {"to", c.to}, {"reason", c.reason}};
    if (c.by_reviewer()) {
      jc["from"] = c.previous;
      jc["reviewer"] = c.reviewer;
      jc["decided_at"] = c.decided_at;
    }
    corr.push_back(jc);
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

// ------------------------------------------------------------ RecordFromJson

namespace verdeelscan {
namespace {

using nlohmann::json;

// A typed key of the wrong type: thrown inside RecordFromJson, returned as
// its InvalidArgument.
struct WrongType {
  std::string path, want;
};

const json* Find(const json& o, const char* key) {
  if (!o.is_object()) return nullptr;
  auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

std::string Text(const json& o, const char* key, const std::string& path) {
  const json* v = Find(o, key);
  if (!v || v->is_null()) return "";
  if (!v->is_string()) throw WrongType{path + "." + key, "a string"};
  return v->get<std::string>();
}

long Integer(const json& v, const std::string& path) {
  if (!v.is_number_integer()) throw WrongType{path, "an integer"};
  return v.get<long>();
}

long Integer(const json& o, const char* key, const std::string& path, long absent = 0) {
  const json* v = Find(o, key);
  return v ? Integer(*v, path + "." + key) : absent;
}

// [first, last] of integers, or absent.
bool Range(const json& o, const char* key, const std::string& path, int& first, int& last) {
  const json* v = Find(o, key);
  if (!v) return false;
  if (!v->is_array() || v->size() != 2) throw WrongType{path + "." + key, "[first, last]"};
  first = static_cast<int>(Integer((*v)[0], path + "." + key));
  last = static_cast<int>(Integer((*v)[1], path + "." + key));
  return true;
}

const json& Object(const json& o, const char* key, const std::string& path) {
  static const json kEmpty = json::object();
  const json* v = Find(o, key);
  if (!v) return kEmpty;
  if (!v->is_object()) throw WrongType{path + "." + key, "an object"};
  return *v;
}

const json& Array(const json& o, const char* key, const std::string& path) {
  static const json kEmpty = json::array();
  const json* v = Find(o, key);
  if (!v) return kEmpty;
  if (!v->is_array()) throw WrongType{path + "." + key, "an array"};
  return *v;
}

std::vector<std::string> Strings(const json& o, const char* key, const std::string& path) {
  std::vector<std::string> out;
  for (const json& s : Array(o, key, path)) {
    if (!s.is_string()) throw WrongType{path + "." + key, "an array of strings"};
    out.push_back(s.get<std::string>());
  }
  return out;
}

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

SourceInfo SourceFromJson(const json& j) {
  const std::string path = "source";
  SourceInfo s;
  s.file = Text(j, "file", path);
  if (const std::string bytes = Text(j, "file_bytes", path); !bytes.empty()) s.file = Unhex(bytes);
  s.sha256 = Text(j, "sha256", path);
  s.media = Text(j, "media", path);
  s.pages = static_cast<int>(Integer(j, "pages", path));
  s.dpi = static_cast<int>(Integer(j, "dpi", path));
  Range(j, "lines", path, s.first_line, s.last_line);
  Range(j, "page_range", path, s.first_page, s.last_page);
  for (const json& r : Array(j, "rotations", path)) {
    s.rotations.push_back({static_cast<int>(Integer(r, "page", path + ".rotations")),
                           static_cast<int>(Integer(r, "degrees", path + ".rotations"))});
  }
  return s;
}

std::optional<long> OptionalInteger(const json& o, const char* key, const std::string& path) {
  const json* v = Find(o, key);
  if (!v) return std::nullopt;
  return Integer(*v, path + "." + key);
}

SplitFigure SplitFromJson(const json& o, const char* key, const std::string& path) {
  const json& f = Object(o, key, path);
  return {OptionalInteger(f, "regulier", path + "." + key),
          OptionalInteger(f, "amv", path + "." + key)};
}

Correction CorrectionFromJson(const json& j, const std::string& path) {
  Correction c;
  c.field = Text(j, "field", path);
  c.reason = Text(j, "reason", path);
  if (const json* to = Find(j, "to")) c.to = *to;
  if (c.by_reviewer()) {
    if (const json* from = Find(j, "from")) c.previous = *from;
    c.reviewer = Text(j, "reviewer", path);
    c.decided_at = Text(j, "decided_at", path);
  } else {
    c.from = Text(j, "from", path);
  }
  return c;
}

BBox BoxFromJson(const json& v, const std::string& path) {
  if (!v.is_array() || v.size() != 4) throw WrongType{path, "[x0, y0, x1, y1]"};
  return {static_cast<int>(Integer(v[0], path)), static_cast<int>(Integer(v[1], path)),
          static_cast<int>(Integer(v[2], path)), static_cast<int>(Integer(v[3], path))};
}

// Provenance per field: every field with a confidence, bbox or line; the
// row's page on each (ToJson writes one page per row).
void ProvenanceFromJson(const json& j, const std::string& path, Allocation& a) {
  const int page = static_cast<int>(Integer(j, "page", path, 1));
  for (const char* key : {"confidence", "bbox", "line"}) {
    for (const auto& [field, v] : Object(j, key, path).items()) {
      CellProvenance& p = a.provenance[field];
      p.page = page;
      const std::string where = path + "." + key + "." + field;
      if (std::string(key) == "confidence") {
        if (!v.is_number()) throw WrongType{where, "a number"};
        p.confidence = v.get<double>();
      } else if (std::string(key) == "bbox") {
        p.box = BoxFromJson(v, where);
      } else {
        p.line = static_cast<int>(Integer(v, where));
      }
    }
  }
}

// The readings the solver weighed, per field (ToJson writes "cost" only for a
// reading of its own and "equally_cheap" only when true).
void AlternativesFromJson(const json& j, const std::string& path, Allocation& a) {
  for (const auto& [field, list] : Object(j, "alternatives", path).items()) {
    const std::string where = path + ".alternatives." + field;
    if (!list.is_array()) throw WrongType{where, "an array"};
    for (const json& r : list) {
      CellAlternative alt;
      alt.value = Integer(r, "value", where);
      alt.cost = static_cast<int>(Integer(r, "cost", where, -1));
      alt.reason = Text(r, "reason", where);
      if (const json* cheap = Find(r, "equally_cheap")) {
        if (!cheap->is_boolean()) throw WrongType{where + ".equally_cheap", "a boolean"};
        alt.equally_cheap = cheap->get<bool>();
      }
      a.alternatives[field].push_back(alt);
    }
  }
}

Allocation AllocationFromJson(const json& j, const std::string& path) {
  Allocation a;
  a.gemeente = Text(j, "gemeente", path);
  a.cbs_code = Text(j, "cbs_code", path);
  a.regulier = Integer(j, "regulier", path);
  a.amv = Integer(j, "amv", path);
  a.totaal = Integer(j, "totaal", path);
  ProvenanceFromJson(j, path, a);
  for (const auto& [field, v] : Object(j, "raw", path).items()) {
    if (!v.is_string()) throw WrongType{path + ".raw." + field, "a string"};
    a.raw[field] = v.get<std::string>();
  }
  for (const json& c : Array(j, "corrections", path))
    a.corrections.push_back(CorrectionFromJson(c, path + ".corrections"));
  a.doubtful = Strings(j, "doubtful", path);
  AlternativesFromJson(j, path, a);
  return a;
}

TableReading TableFromJson(const json& j) {
  const std::string path = "table";
  TableReading t;
  t.notes = Strings(j, "notes", path);
  const json& solver = Object(j, "solver", path);
  t.solver_outcome = Text(solver, "outcome", path + ".solver");
  t.solver_cost = static_cast<int>(Integer(solver, "cost", path + ".solver"));
  Range(j, "lines", path, t.first_line, t.last_line);
  Range(j, "pages", path, t.first_page, t.last_page);
  t.alignment_problems = Strings(j, "alignment_problems", path);
  return t;
}

std::optional<std::vector<NamedGemeente>> NamedFromJson(const json& o, const char* key,
                                                        const std::string& path) {
  if (!Find(o, key)) return std::nullopt;
  std::vector<NamedGemeente> out;
  const std::string where = path + "." + key;
  for (const json& g : Array(o, key, path)) {
    NamedGemeente n;
    n.gemeente = Text(g, "gemeente", where);
    n.cbs_code = Text(g, "cbs_code", where);
    n.raw = Text(g, "raw", where);
    if (const json* r = Find(g, "regulier")) n.regulier = r->is_boolean() && r->get<bool>();
    if (const json* m = Find(g, "amv")) n.amv = m->is_boolean() && m->get<bool>();
    n.ground = Text(g, "ground", where);
    out.push_back(n);
  }
  return out;
}

ToelichtingLists ToelichtingFromJson(const json& j) {
  const std::string path = "toelichting";
  ToelichtingLists t;
  t.excluded = NamedFromJson(j, "excluded", path);
  t.receivers = NamedFromJson(j, "receivers", path);
  t.stated_receiver_counts = SplitFromJson(j, "stated_receiver_counts", path);
  return t;
}

Check CheckFromJson(const json& j) {
  Check c;
  c.id = Text(j, "id", "checks");
  std::optional<CheckStatus> status = ParseCheckStatus(Text(j, "status", "checks"));
  if (!status) throw WrongType{"checks." + c.id + ".status", "pass, fail or finding"};
  c.status = *status;
  if (const json* e = Find(j, "expected")) c.expected = *e;
  if (const json* a = Find(j, "actual")) c.actual = *a;
  c.detail = Text(j, "detail", "checks");
  return c;
}

// The verdeelbesluit's typed parts (its meta fields, stated figures, table,
// toelichting, allocations); `done` collects the keys they took.
void BesluitFromJson(const json& j, Record& r, std::vector<std::string>& done) {
  for (const char* key : {"province", "date", "reference"}) {
    if (!r.meta.contains(key) || !r.meta[key].is_string()) continue;
    std::string& field = std::string(key) == "province" ? r.besluit_meta.province
                         : std::string(key) == "date"   ? r.besluit_meta.date
                                                        : r.besluit_meta.reference;
    field = r.meta[key].get<std::string>();
    r.meta.erase(key);
  }
  const json& stated = Object(j, "stated", "");
  r.opgave = SplitFromJson(stated, "opgave", "stated");
  r.overgenomen = SplitFromJson(stated, "overgenomen", "stated");
  r.restopgave = SplitFromJson(stated, "restopgave", "stated");
  if (Find(j, "table")) r.table = TableFromJson(Object(j, "table", ""));
  if (Find(j, "toelichting")) r.toelichting = ToelichtingFromJson(Object(j, "toelichting", ""));
  const json& allocations = Array(j, "allocations", "");
  for (size_t i = 0; i < allocations.size(); ++i)
    r.allocations.push_back(AllocationFromJson(allocations[i], "allocations." + std::to_string(i)));
  done.insert(done.end(), {"unread_fields", "stated", "table", "toelichting", "allocations"});
}

Record RecordFromJsonOrThrow(const json& j) {
  Record r;
  r.source = SourceFromJson(Object(j, "source", ""));
  const std::string kind = Text(j, "kind", "");
  r.kind = ParseDocumentKind(kind).value_or(DocumentKind::kUnknown);
  if (std::optional<RecordStatus> s = ParseRecordStatus(Text(j, "status", ""))) {
    r.status = *s;
  } else {
    throw WrongType{"status", "a record status"};
  }
  r.error = Text(j, "error", "");
  r.meta = Object(j, "meta", "");
  std::vector<std::string> done = {"schema_version", "source", "kind",  "status",
                                   "error",          "meta",   "checks"};
  if (r.kind == DocumentKind::kVerdeelbesluit) BesluitFromJson(j, r, done);
  for (const json& c : Array(j, "checks", "")) r.checks.push_back(CheckFromJson(c));
  for (const auto& [key, v] : j.items())
    if (std::find(done.begin(), done.end(), key) == done.end()) r.extra[key] = v;
  return r;
}

}  // namespace

StatusOr<Record> RecordFromJson(const json& j) {
  if (!j.is_object()) return Status::InvalidArgument("a record must be a JSON object");
  try {
    return RecordFromJsonOrThrow(j);
  } catch (const WrongType& e) {
    return Status::InvalidArgument("record field " + e.path + ": expected " + e.want);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("record: ") + e.what());
  }
}

}  // namespace verdeelscan
