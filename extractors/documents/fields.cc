// A document's record from its segment: what every kind shares (kind, line
// range, evidence, redactions, status) here, the kind's own fields through
// the registry (kinds/), and the checks that span the documents of a batch or
// bundle.
#include <re2/re2.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <set>

#include "core/document_kind.h"
#include "extractors/documents/classify.h"
#include "extractors/documents/kinds/field_confidence.h"
#include "extractors/documents/kinds/letter_fields.h"
#include "extractors/documents/kinds/registry.h"
#include "extractors/documents/letters.h"

namespace verdeelscan {
namespace {

using kinds::LineNo;
using nlohmann::json;

}  // namespace

void ExtractLetterFields(const TextDocument& doc, const Segment& seg, Record& record) {
  FieldOut out{record, {}, {}};
  record.kind = seg.kind;
  record.source.first_line = LineNo(doc, seg.first);
  record.source.last_line = LineNo(doc, seg.last);
  record.extra["evidence"] = seg.evidence;
  json reds = json::array();
  for (const Redaction& rd : FindRedactions(doc, seg)) {
    json x = {{"line", LineNo(doc, rd.line)}, {"text", rd.text}};
    x["ground"] = rd.ground.empty() ? json(nullptr) : json(rd.ground);
    reds.push_back(x);
  }
  record.extra["redactions"] = reds;

  const KindEntry& entry = Kind(seg.kind);
  if (entry.read_fields != nullptr) entry.read_fields(doc, seg, out);
  kinds::JudgeFieldConfidence(doc, seg, out);
  kinds::RepairTitleWords(record);
  if (!seg.coverage_breach.empty()) {
    // A bug of the split, never a silent loss: the stretch is kept and shown.
    Check c;
    c.id = "split.coverage";
    c.status = CheckStatus::kFail;
    c.expected = "every line of the file in exactly one record";
    c.actual = seg.coverage_breach;
    c.detail = "the split of the file into documents " + seg.coverage_breach;
    record.checks.push_back(c);
  }
  if (seg.kind == DocumentKind::kUnknown && seg.near_kind) {
    // A known kind's cues, too few to read the document as one: a scan that
    // damaged an e-mail's header leaves its closing; no reader completed it.
    Check c;
    c.id = "classify.kind_cues";
    c.status = CheckStatus::kFail;
    c.expected = "a kind read with a score of at least " + std::to_string(kMinKindScore);
    c.actual = {{"kind", std::string(ToString(*seg.near_kind))},
                {"score", seg.near_score},
                {"evidence", seg.near_evidence}};
    c.detail = "the text carries cues of a " + std::string(ToString(*seg.near_kind)) +
               " too few to read it as one: its header or heading may be damaged";
    record.checks.push_back(c);
  }
  if (!entry.sets_status) {
    if (!seg.coverage_breach.empty() && record.status != RecordStatus::kFailed)
      record.status = RecordStatus::kNeedsReview;
    return;
  }

  if (!out.unread.empty()) record.extra["unread_fields"] = out.unread;
  for (const IllegibleField& f : out.illegible) {
    json entry = {{"field", f.field},
                  {"type", f.type == FieldType::kIdentifier ? "identifier"
                           : f.type == FieldType::kDate     ? "date"
                                                            : "number"},
                  {"line", LineNo(doc, f.line)},
                  {"raw", f.raw}};
    if (!f.month.empty()) entry["month"] = f.month;
    record.extra["illegible_fields"].push_back(std::move(entry));
  }
  bool failed = std::any_of(record.checks.begin(), record.checks.end(),
                            [](const Check& c) { return c.status == CheckStatus::kFail; });
  if (record.status != RecordStatus::kFailed)
    record.status =
        failed || !out.unread.empty() ? RecordStatus::kNeedsReview : RecordStatus::kValid;
}

namespace {

// Where a record starts in its file: its first line (text) or first page.
int PositionInFile(const Record& r) {
  return r.source.first_line > 0 ? r.source.first_line : r.source.first_page;
}

// Of `candidates` (indexes into `records`), those the record at `self` is
// checked against: every candidate from another file (in a batch the besluit
// of a letter's gemeente is usually a file of its own), and of those in its
// own file only the nearest. One file may bundle many besluits and letters
// (a Woo release, a concatenated export): each letter belongs with its
// neighbour, and comparing every pair made the checks, and the time, grow
// with the square of the file (a 10 MB text of 350 bundles gave 42 MB of JSON).
std::vector<size_t> CheckPartners(const std::vector<Record>& records, size_t self,
                                  const std::vector<size_t>& candidates) {
  std::vector<size_t> out;
  size_t nearest = SIZE_MAX;
  long nearest_distance = LONG_MAX;
  for (size_t k : candidates) {
    if (k == self) continue;
    if (records[k].source.file != records[self].source.file) {
      out.push_back(k);
      continue;
    }
    const long d =
        std::labs(static_cast<long>(PositionInFile(records[k])) - PositionInFile(records[self]));
    if (d < nearest_distance) {
      nearest_distance = d;
      nearest = k;
    }
  }
  if (nearest != SIZE_MAX) out.push_back(nearest);
  std::sort(out.begin(), out.end());
  return out;
}

// A letter's doubtful date (field.confidence) that is the date of a
// verdeelbesluit it is checked against is confirmed by it: a cover letter
// is dated the day of its besluit.
void ConfirmDatesByBesluits(std::vector<Record>& records) {
  std::vector<size_t> besluits;
  for (size_t k = 0; k < records.size(); ++k)
    if (records[k].kind == DocumentKind::kVerdeelbesluit && !records[k].besluit_meta.date.empty())
      besluits.push_back(k);
  for (size_t i = 0; i < records.size(); ++i) {
    Record& r = records[i];
    if (r.kind == DocumentKind::kVerdeelbesluit || !r.meta.contains("date")) continue;
    for (size_t b : CheckPartners(records, i, besluits)) {
      if (r.meta["date"] != records[b].besluit_meta.date) continue;
      kinds::ConfirmField(r, "meta.date",
                          "the date of the verdeelbesluit " + records[b].besluit_meta.province);
    }
  }
}

}  // namespace

void CrossCheckRecords(std::vector<Record>& records) {
  // Indexes first: the besluits that allocate to each gemeente, the cover
  // letters of each province.
  std::map<std::string, std::vector<size_t>> besluits_by_code;
  std::map<std::string, std::vector<size_t>> covers_by_province;
  for (size_t k = 0; k < records.size(); ++k) {
    const Record& r = records[k];
    if (r.kind == DocumentKind::kVerdeelbesluit) {
      std::set<std::string> codes;
      for (const Allocation& a : r.allocations) {
        if (!a.cbs_code.empty()) codes.insert(a.cbs_code);
      }
      for (const std::string& c : codes) besluits_by_code[c].push_back(k);
    }
    if (r.kind == DocumentKind::kBegeleidendeBrief && r.meta.contains("province") &&
        r.meta["province"].is_string() && r.meta.contains("date") && r.meta["date"].is_string())
      covers_by_province[r.meta["province"].get<std::string>()].push_back(k);
  }
  auto besluits_for = [&](const std::string& code) -> const std::vector<size_t>& {
    static const std::vector<size_t> kNone;
    auto it = besluits_by_code.find(code);
    return it == besluits_by_code.end() ? kNone : it->second;
  };
  for (size_t i = 0; i < records.size(); ++i) {
    Record& ibt = records[i];
    if (ibt.kind != DocumentKind::kIbtBrief || !ibt.meta.contains("cbs_code")) continue;
    const json* taak = nullptr;
    if (ibt.extra.contains("ibt") && ibt.extra["ibt"].contains("wettelijke_taak"))
      taak = &ibt.extra["ibt"]["wettelijke_taak"];
    if (!taak) continue;
    const std::string code = ibt.meta["cbs_code"].get<std::string>();
    for (size_t b : CheckPartners(records, i, besluits_for(code))) {
      const Record& besluit = records[b];
      for (const Allocation& a : besluit.allocations) {
        if (a.cbs_code != code) continue;
        json expected = {{"regulier", a.regulier}, {"amv", a.amv}};
        json actual = json::object();
        bool equal = true;
        for (const char* f : {"regulier", "amv"}) {
          if (!taak->contains(f)) {
            equal = false;
            continue;
          }
          actual[f] = (*taak)[f];
          if ((*taak)[f].get<long>() != expected[f].get<long>()) equal = false;
        }
        Check c;
        c.id = "ibt.taak_matches_verdeelbesluit";
        c.expected = expected;
        c.actual = actual;
        c.status = equal ? CheckStatus::kPass : CheckStatus::kFinding;
        std::string where = !besluit.besluit_meta.province.empty() ? besluit.besluit_meta.province
                                                                   : besluit.source.file;
        c.detail =
            std::string(equal ? "equals" : "differs from") + " the allocation of " + a.gemeente +
            " in the verdeelbesluit " + where +
            (besluit.status == RecordStatus::kNeedsReview ? " (that table needs review)" : "");
        ibt.checks.push_back(c);
        if (equal) {
          const std::string by = "the allocation in the verdeelbesluit " + where;
          kinds::ConfirmField(ibt, "ibt.wettelijke_taak.regulier", by);
          kinds::ConfirmField(ibt, "ibt.wettelijke_taak.amv", by);
        }
      }
    }
  }
  // A cover letter to one gemeente: the task it states against the besluit.
  for (size_t i = 0; i < records.size(); ++i) {
    Record& cover = records[i];
    if (cover.kind != DocumentKind::kBegeleidendeBrief || !cover.meta.contains("cbs_code") ||
        !cover.extra.contains("taak"))
      continue;
    const std::string code = cover.meta["cbs_code"].get<std::string>();
    const json& taak = cover.extra["taak"];
    for (size_t b : CheckPartners(records, i, besluits_for(code))) {
      for (const Allocation& a : records[b].allocations) {
        if (a.cbs_code != code) continue;
        json expected = {{"regulier", a.regulier}, {"amv", a.amv}};
        bool equal = true;
        for (const char* f : {"regulier", "amv"})
          if (!taak.contains(f) || taak[f].get<long>() != expected[f].get<long>()) equal = false;
        Check c;
        c.id = "cover_letter.taak_matches_verdeelbesluit";
        c.expected = expected;
        c.actual = taak;
        c.status = equal ? CheckStatus::kPass : CheckStatus::kFinding;
        c.detail = std::string(equal ? "equals" : "differs from") + " the allocation of " +
                   a.gemeente + " in the verdeelbesluit";
        cover.checks.push_back(c);
        if (equal) {
          const std::string by = "the allocation of " + a.gemeente + " in the verdeelbesluit";
          kinds::ConfirmField(cover, "taak.regulier", by);
          kinds::ConfirmField(cover, "taak.amv", by);
        }
      }
    }
  }
  for (size_t b = 0; b < records.size(); ++b) {
    Record& besluit = records[b];
    if (besluit.kind != DocumentKind::kVerdeelbesluit || besluit.besluit_meta.province.empty() ||
        besluit.besluit_meta.date.empty())
      continue;
    auto covers = covers_by_province.find(besluit.besluit_meta.province);
    if (covers == covers_by_province.end()) continue;
    for (size_t k : CheckPartners(records, b, covers->second)) {
      const Record& cover = records[k];
      Check c;
      c.id = "cover_letter.date_matches_besluit";
      c.expected = cover.meta["date"];
      c.actual = besluit.besluit_meta.date;
      c.status = c.expected == c.actual ? CheckStatus::kPass : CheckStatus::kFinding;
      c.detail = "the cover letter (lines " + std::to_string(cover.source.first_line) + "-" +
                 std::to_string(cover.source.last_line) + ") dates the besluit " +
                 c.expected.get<std::string>();
      besluit.checks.push_back(c);
    }
  }
  ConfirmDatesByBesluits(records);
}

}  // namespace verdeelscan
