#include "pipeline/extract.h"

#include <re2/re2.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "extractors/documents/kinds/field_confidence.h"
#include "extractors/documents/letters.h"
#include "extractors/documents/toelichting.h"
#include "extractors/ingest/ingest.h"
#include "extractors/ingest/page_quality.h"
#include "extractors/ingest/searchable_pdf.h"
#include "extractors/ingest/text_dump.h"
#include "extractors/tables/table_dump.h"
#include "extractors/tables/table_layout.h"
#include "pipeline/cell_places.h"
#include "pipeline/content_description.h"
#include "pipeline/illegible_fields.h"
#include "pipeline/sha256.h"
#include "pipeline/verdeelbesluit.h"
#include "pipeline/version.h"
#include "validators/column_choice.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;

Record FailedRecord(SourceInfo source, const Status& status) {
  Record r;
  r.source = std::move(source);
  r.status = RecordStatus::kFailed;
  r.error = status.ToString();
  return r;
}

SourceInfo SourceFor(const TextDocument& doc, SourceInfo source) {
  source.media = doc.media;
  source.pages = doc.pages;
  source.dpi = doc.dpi;
  for (const PageInfo& info : doc.page_info) {
    if (info.rotation_degrees != 0) source.rotations.push_back({info.page, info.rotation_degrees});
  }
  return source;
}

// Where a segment lies in its file: lines for text dumps, pages otherwise.
void SetRange(const TextDocument& doc, int first, int last, Record& r) {
  if (doc.media == "text") {
    r.source.first_line = doc.lines[first].line_no;
    r.source.last_line = doc.lines[last].line_no;
    r.source.first_page = r.source.last_page = 0;
  } else {
    r.source.first_line = r.source.last_line = 0;
    r.source.first_page = doc.lines[first].page;
    r.source.last_page = doc.lines[last].page;
  }
}

bool IsScanned(const TextDocument& doc) {
  return doc.media == "pdf-scanned" || doc.media == "image";
}

// The table of a verdeelbesluit among doc.lines[first..last]: positioned words
// go through the geometric reader, text dumps (and positioned pages whose
// table the geometric reader cannot find) through the dump reader; the
// arithmetic chooses among either reader's candidate column assignments.
StatusOr<RawTable> ReadTable(const TextDocument& doc, int first, int last,
                             const BesluitProse& prose, const CostModel& costs) {
  if (doc.media != "text") {
    // Under a header the header names the columns (no candidates); a table
    // with no header gets one candidate per naming, chosen by the arithmetic.
    StatusOr<TableReadings> positioned =
        ReadPositionedTableReadings(doc, first, last, prose.province);
    if (positioned.ok()) return ChooseColumns(*positioned, StatedTargets(prose), costs);
    if (positioned.status().code() != Status::Code::kNotFound) return positioned.status();
  }
  StatusOr<TableReadings> readings =
      ReadDumpTable(doc, first, last, prose.province, costs.max_parts_with_own_order);
  if (!readings.ok()) return readings.status();
  return ChooseColumns(*readings, StatedTargets(prose), costs);
}

// Readings of a digits-only re-read of a cell, as solver candidates: the
// re-read text at the cost the layout reader gives recogniser alternatives
// (see extractors/tables/table_layout.h), plus its own alternatives.
std::vector<Reading> RereadReadings(const CellReading& reread) {
  std::vector<Reading> out;
  if (reread.text.empty()) return out;
  Word w;
  w.text = reread.text;
  w.confidence = reread.confidence;
  w.alternatives.push_back({reread.text, reread.confidence});
  for (const WordAlternative& a : reread.alternatives) w.alternatives.push_back(a);
  for (Reading r : AlternativeReadings(w)) {
    r.reason = "digits-only re-read of the cell read '" + reread.text + "'" +
               (r.reason.empty() ? "" : "; " + r.reason);
    out.push_back(std::move(r));
  }
  return out;
}

// The numeric cells of a table worth a second, digits-only recognition: those
// the repair stage doubts or changed, those the OCR read with low confidence
// or as something other than a clean number, and cells of a printed column the
// first pass did not read at all in a row whose other numbers it did read. At
// most `limit` cells, and at most `page_limit` on any one page.
std::vector<std::pair<size_t, int>> CellsToReread(const RawTable& table, const Record& record,
                                                  size_t limit, size_t page_limit) {
  std::vector<std::pair<size_t, int>> out;
  std::map<int, size_t> per_page;
  const bool aligned = record.allocations.size() == table.rows.size();
  for (size_t i = 0; i < table.rows.size() && out.size() < limit; ++i) {
    for (int c = 0; c < kColumnCount && out.size() < limit; ++c) {
      const RawCell& cell = table.rows[i].cells[c];
      int page = cell.where.page;
      bool doubt = false;
      if (!cell.present || cell.where.box.empty()) {
        if (!table.column_present[c]) continue;
        const CellProvenance place = UnreadCellPlace(table, i, c);
        if (place.box.empty()) continue;
        page = place.page;
        doubt = true;
      } else {
        doubt = cell.where.confidence < 0.80;
        std::optional<long> v = ParseDutchNumber(cell.text);
        if (!v || std::to_string(*v) != cell.text) doubt = true;
        if (aligned) {
          const Allocation& a = record.allocations[i];
          const std::string field = ColumnName(c);
          doubt = doubt || std::count(a.doubtful.begin(), a.doubtful.end(), field) > 0;
          for (const Correction& k : a.corrections) doubt = doubt || k.field == field;
        }
      }
      if (!doubt || per_page[page] >= page_limit) continue;
      ++per_page[page];
      out.push_back({i, c});
    }
  }
  return out;
}

// A re-read of a cell the first pass did not read at all becomes that cell,
// only when the digits engine is sure of it: an unread cell can still be
// derived from its row's arithmetic, a doubtful reading would take that away.
constexpr double kMinConfidenceForUnreadCell = 0.80;

struct ScanContext {
  std::string path;  // the scanned file, for re-reading cells
  ScanOptions scan;
  bool reread = false;
};

Record VerdeelbesluitRecord(const TextDocument& doc, int first, int last, const SourceInfo& source,
                            const ScanContext* scan, const CostModel& costs) {
  Record r;
  r.source = source;
  BesluitProse prose = ReadBesluitProse(doc, first, last);
  StatusOr<RawTable> table = ReadTable(doc, first, last, prose, costs);
  BuildVerdeelbesluit(prose, table, r, costs);
  if (scan && scan->reread && table.ok() && r.status == RecordStatus::kNeedsReview &&
      IsScanned(doc)) {
    // One second look at the doubtful cells, digits only, never the whole page.
    std::vector<std::pair<size_t, int>> cells =
        CellsToReread(*table, r, costs.max_reread_cells, costs.max_reread_cells_per_page);
    std::vector<CellRequest> requests;
    for (auto [i, c] : cells) {
      const CellProvenance w = RereadPlace(*table, i, c);
      requests.push_back({w.page, w.box});
    }
    if (!requests.empty()) {
      StatusOr<std::vector<CellReading>> reread =
          RereadCells(scan->path, doc, requests, scan->scan);
      if (reread.ok()) {
        RawTable second = *table;
        int offered = 0;
        for (size_t k = 0; k < cells.size(); ++k) {
          auto [i, c] = cells[k];
          RawCell& cell = second.rows[i].cells[c];
          const CellReading& reading = (*reread)[k];
          if (!cell.present || cell.where.box.empty()) {
            if (reading.confidence < kMinConfidenceForUnreadCell) continue;
            cell.present = true;
            cell.text.clear();
            cell.where = UnreadCellPlace(*table, i, c);
            cell.where.confidence = reading.confidence;
          }
          std::vector<Reading> more = RereadReadings(reading);
          offered += !more.empty();
          cell.recogniser_readings.insert(cell.recogniser_readings.end(), more.begin(), more.end());
        }
        second.notes.push_back("digits-only re-read of " + std::to_string(cells.size()) +
                               " doubtful cells (" + std::to_string(offered) + " gave readings)");
        Record again;
        again.source = source;
        BuildVerdeelbesluit(prose, second, again, costs);
        r = std::move(again);
      } else {
        r.extra["reread_error"] = reread.status().ToString();
      }
    }
  }
  return r;
}

// The box of the words of `raw` on the line numbered `line_no` in `seg`.
std::optional<CellRequest> WordsBox(const TextDocument& doc, const Segment& seg, int line_no,
                                    const std::string& raw) {
  for (int i = seg.first; i <= seg.last; ++i) {
    if (doc.lines[i].line_no != line_no) continue;
    std::vector<const Word*> words = kinds::WordsHolding(doc.lines[i], raw);
    // A word of marks only (">" for a count of 2) is no token WordsHolding
    // matches: the word that is `raw`.
    for (size_t k = 0; words.empty() && k < doc.lines[i].words.size(); ++k)
      if (doc.lines[i].words[k].text == raw) words.push_back(&doc.lines[i].words[k]);
    BBox box{INT_MAX, INT_MAX, 0, 0};
    for (const Word* w : words)
      box = {std::min(box.x0, w->box.x0), std::min(box.y0, w->box.y0), std::max(box.x1, w->box.x1),
             std::max(box.y1, w->box.y1)};
    if (!box.empty()) return CellRequest{doc.lines[i].page, box};
  }
  return std::nullopt;
}

// A letter's number or digits-only identifier read from a scan, and what a
// digits-only second look at its words' box made of it.
struct SecondLook {
  std::string field;
  std::string raw;           // as the page's recogniser read it
  bool held = false;         // its "field.confidence" check failed
  bool confirmable = false;  // a number (not an identifier) without a rival reading
};

// Digits of a number as read, without its thousands points.
std::string DigitsOf(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '.'), text.end());
  return text;
}

// The check that holds a field the second look read otherwise.
Check RereadDisagrees(const SecondLook& look, int line_no, const CellReading& reading) {
  Check c;
  c.id = "field.reread";
  c.status = CheckStatus::kFail;
  c.expected = {{"field", look.field}, {"reread", look.raw}};
  c.actual = {{"field", look.field},
              {"raw", look.raw},
              {"reread", reading.text},
              {"confidence", std::round(reading.confidence * 100) / 100}};
  c.detail = look.field + " was read as '" + look.raw + "' (line " + std::to_string(line_no) +
             "); a digits-only re-read of its box gives '" + reading.text +
             "': two readings, confirm it on the page";
  return c;
}

// The failing check of a number two of whose glyphs have one shape on the
// page but were read as different digits (glyph_shapes.h).
Check ShapesReadApart(const SecondLook& look, int line_no, const CellReading& reading) {
  Check c;
  c.id = "field.glyph_shapes";
  c.status = CheckStatus::kFail;
  c.expected = {{"field", look.field}, {"glyphs", "one character per shape"}};
  c.actual = {
      {"field", look.field}, {"raw", look.raw}, {"read_apart", reading.same_shape_read_apart}};
  c.detail = look.field + " was read as '" + look.raw + "' (line " + std::to_string(line_no) +
             "), but two of its glyphs have one shape on the page and were read as " +
             reading.same_shape_read_apart + ": one of them is misread, confirm it on the page";
  return c;
}

// What the letters of one file ask a second, digits-only look at, gathered
// in one list so that each page is rendered once however many records and
// fields ask (a bundle's letters, their numbers and illegible fields).
struct LetterLooks {
  struct Number {
    size_t record;
    SecondLook look;
  };
  struct Illegible {
    size_t record;
    nlohmann::json field;  // an entry of the record's "illegible_fields"
  };
  std::vector<Number> numbers;
  std::vector<Illegible> illegible;
  std::vector<CellRequest> requests;  // the numbers' boxes, then the illegible fields'
};

// Every number and digits-only identifier a letter took from a scan gets a
// second, independent reading: a digits-only look at its words' box, as a
// table's doubtful cells get. The recogniser can be sure and wrong ("71" at
// 0.85 for a printed 77, lettergen 7803's IBT realisatie), and a letter has
// no sums to tell; two engines that disagree do. Costs: a line-sized OCR per
// field, for scans only; at most costs.max_reread_cells a record.
void AskForLetterNumbers(const TextDocument& doc, const std::vector<Segment>& segments,
                         const std::vector<Record>& records, const CostModel& costs,
                         LetterLooks& looks) {
  static const RE2 kNumber(R"([0-9][0-9.]*)");
  for (size_t k = 0; k < records.size() && k < segments.size(); ++k) {
    const Record& r = records[k];
    if (r.kind == DocumentKind::kVerdeelbesluit || !r.extra.contains("field_confidence")) continue;
    std::set<std::string> held;
    for (const Check& c : r.checks)
      if (c.id == "field.confidence" && c.status == CheckStatus::kFail)
        held.insert(c.actual.value("field", ""));
    size_t asked = 0;
    for (const auto& [field, value] : r.extra["field_confidence"].items()) {
      const std::string raw = value.value("raw", "");
      if (!RE2::FullMatch(raw, kNumber) || field.find("date") != std::string::npos) continue;
      auto req = WordsBox(doc, segments[k], value.value("line", -1), raw);
      if (!req || asked >= costs.max_reread_cells) continue;
      const bool identifier = field == "meta.reference";
      looks.numbers.push_back(
          {k, {field, raw, held.count(field) > 0, !identifier && !value.contains("rival")}});
      looks.requests.push_back(*req);
      ++asked;
    }
  }
}

// What the second look at a letter's number does:
//  - The same digits, two of whose glyphs have one shape but were read as
//    different digits, hold the record with a "field.glyph_shapes" check.
//  - The same digits, read with the confidence a number needs, confirm a
//    number held for its confidence (kinds::ConfirmField). An identifier is
//    not confirmed by its glyphs, nor a number the recogniser already read
//    two ways (a "rival": the second look weighs the same glyphs again).
//  - Other digits, read with the confidence any field needs (a sure "11"
//    against the recogniser's "71" is as much a doubt as a sure "77"), hold
//    the record with a "field.reread" check naming the field and both
//    readings. The value is not changed: two readings, neither proven.
void WeighNumberLook(const SecondLook& look, const CellReading& reading, const CostModel& costs,
                     Record& r) {
  const std::string digits = DigitsOf(reading.text);
  nlohmann::json& value = r.extra["field_confidence"][look.field];
  // The same digits, two of them one shape read apart: whatever either
  // reading's confidence, one digit is wrong (a clean scan of lettergen
  // seed 11517 read its reference 7707079 as 7107079 at 0.96, twice).
  if (!digits.empty() && digits == DigitsOf(look.raw) && !reading.same_shape_read_apart.empty()) {
    value["doubtful"] = true;
    r.checks.push_back(ShapesReadApart(look, value.value("line", -1), reading));
    if (r.status == RecordStatus::kValid) r.status = RecordStatus::kNeedsReview;
    return;
  }
  if (digits.empty() || reading.confidence < costs.field_min_confidence) return;
  if (digits != DigitsOf(look.raw)) {
    value["reread"] = reading.text;
    value["doubtful"] = true;
    r.checks.push_back(RereadDisagrees(look, value.value("line", -1), reading));
    if (r.status == RecordStatus::kValid) r.status = RecordStatus::kNeedsReview;
  } else if (look.held && look.confirmable &&
             reading.confidence >= costs.field_lookalike_confidence) {
    kinds::ConfirmField(r, look.field,
                        "a digits-only re-read of its box (confidence " +
                            std::to_string(reading.confidence).substr(0, 4) + ")");
  }
}

// A number or identifier a reader found where it looked but could not read
// as one (kinds::IllegibleField: an IBT cell's 51 read as "al", a reference
// 6579714 read as "65/97/14") gets one digits-only look at its words' box,
// as a besluit's unread cell does.
void AskForIllegibleFields(const TextDocument& doc, const std::vector<Segment>& segments,
                           const std::vector<Record>& records, LetterLooks& looks) {
  for (size_t k = 0; k < records.size() && k < segments.size(); ++k) {
    const Record& r = records[k];
    if (!r.extra.contains("illegible_fields")) continue;
    for (const nlohmann::json& f : r.extra["illegible_fields"])
      if (auto req = WordsBox(doc, segments[k], f.value("line", -1), f.value("raw", ""))) {
        looks.illegible.push_back({k, f});
        looks.requests.push_back(*req);
      }
  }
}

// The second looks of a scanned file's letters, in one RereadCells call.
void ReadLettersAgain(const TextDocument& doc, const std::vector<Segment>& segments,
                      const ScanContext& scan, const CostModel& costs,
                      std::vector<Record>& records) {
  LetterLooks looks;
  AskForLetterNumbers(doc, segments, records, costs, looks);
  AskForIllegibleFields(doc, segments, records, looks);
  if (looks.requests.empty()) return;
  StatusOr<std::vector<CellReading>> reread =
      RereadCells(scan.path, doc, looks.requests, scan.scan);
  if (!reread.ok()) return;
  size_t next = 0;
  for (const LetterLooks::Number& n : looks.numbers)
    WeighNumberLook(n.look, (*reread)[next++], costs, records[n.record]);
  for (const LetterLooks::Illegible& f : looks.illegible)
    TakeIllegibleReading(f.field, (*reread)[next++], kMinConfidenceForUnreadCell,
                         records[f.record]);
}

// Pages without a line of text (blank, or nothing OCR could read) lie
// between the line ranges of the records: each goes to the record before it
// (the first record for leading ones), so that every page of the file is in
// a record. A page still in none is a bug, reported on the first record.
void HoldEveryPage(const TextDocument& doc, std::vector<Record>& records) {
  if (doc.media == "text" || records.empty() || doc.pages <= 0) return;
  for (size_t i = 0; i < records.size(); ++i) {
    SourceInfo& s = records[i].source;
    if (s.first_page <= 0) continue;
    if (i == 0) s.first_page = 1;
    const int next = i + 1 < records.size() ? records[i + 1].source.first_page : doc.pages + 1;
    if (next > s.last_page + 1) s.last_page = next - 1;
  }
  const std::vector<int> lost = PagesInNoRecord(records, doc.pages);
  if (lost.empty()) return;
  Check c;
  c.id = "split.page_coverage";
  c.status = CheckStatus::kFail;
  c.expected = "every page of the file in a record";
  c.actual = {{"pages_in_no_record", lost}};
  c.detail = "the split of the file into documents left pages in no record (a bug)";
  records.front().checks.push_back(c);
  if (records.front().status != RecordStatus::kFailed)
    records.front().status = RecordStatus::kNeedsReview;
}

// Whether a table found without a besluit heading is an allocation table:
// at least two of its rows, or a quarter of them, name a municipality. OCR
// damage leaves most names matchable (name_matcher.h), so a real table of
// any length passes; a manual's table of contents or a screenshot of code
// (lines ending in numbers) matches none.
size_t MunicipalityRows(const std::vector<Allocation>& rows) {
  return size_t(std::count_if(rows.begin(), rows.end(),
                              [](const Allocation& a) { return !a.gemeente.empty(); }));
}
bool NamesMunicipalities(const std::vector<Allocation>& rows) {
  const size_t named = MunicipalityRows(rows);
  return named >= 2 || named * 4 >= rows.size();
}

// The record of a document whose only table names no municipality: it is
// not read as a besluit, and a reviewer is told in case it is one whose
// names are all unreadable.
void NoteTableOfOtherNames(size_t rows, size_t named, Record& r) {
  Check c;
  c.id = "table.names";
  c.status = CheckStatus::kFail;
  c.expected =
      "a table without a besluit heading is read as an allocation table when its rows "
      "name municipalities";
  c.actual = {{"rows", rows}, {"rows_naming_a_municipality", named}};
  c.detail = "a table of " + std::to_string(rows) + " rows ending in numbers, " +
             std::to_string(named) +
             " of them naming a municipality: not read as an allocation table (if it is one, "
             "its names are unreadable)";
  r.checks.push_back(std::move(c));
  if (r.status != RecordStatus::kFailed) r.status = RecordStatus::kNeedsReview;
}

// One record per document of the file, in file order, with the checks that
// span documents (an IBT letter against the besluit's allocation, a cover
// letter's date against the besluit's).
std::vector<Record> FromTextDocument(const TextDocument& doc, const SourceInfo& source,
                                     const ScanContext* scan, const CostModel& costs) {
  std::vector<Record> out;
  if (doc.lines.empty()) {
    Record r;
    r.source = source;
    r.kind = DocumentKind::kUnknown;
    r.status = RecordStatus::kNeedsReview;
    r.extra["evidence"] = nlohmann::json::array();
    r.extra["unread_fields"] = {"text: no text found in the document"};
    out.push_back(std::move(r));
    return out;
  }
  std::vector<Segment> segments = SplitAndClassify(doc);
  const bool any_besluit = std::any_of(segments.begin(), segments.end(), [](const Segment& s) {
    return s.kind == DocumentKind::kVerdeelbesluit;
  });
  for (const Segment& seg : segments) {
    Record r;
    if (seg.kind == DocumentKind::kVerdeelbesluit) {
      r = VerdeelbesluitRecord(doc, seg.first, seg.last, source, scan, costs);
      ExtractLetterFields(doc, seg, r);
    } else if (!any_besluit && seg.kind == DocumentKind::kUnknown) {
      // No besluit heading: a bare allocation table still counts as one.
      r = VerdeelbesluitRecord(doc, seg.first, seg.last, source, scan, costs);
      const size_t rows = r.allocations.size();
      if (rows > 0 && !NamesMunicipalities(r.allocations)) {
        // A table of contents, a price list, code: lines ending in numbers,
        // but (nearly) no municipality among its names.
        const size_t named = MunicipalityRows(r.allocations);
        r = Record{};
        r.source = source;
        ExtractLetterFields(doc, seg, r);
        NoteTableOfOtherNames(rows, named, r);
      } else if (rows > 0) {
        Segment as_table = seg;
        as_table.kind = DocumentKind::kVerdeelbesluit;
        as_table.evidence.push_back("an allocation table (gemeente | regulier | amv | totaal)");
        ExtractLetterFields(doc, as_table, r);
      } else {
        r = Record{};
        r.source = source;
        ExtractLetterFields(doc, seg, r);
      }
    } else {
      r.source = source;
      ExtractLetterFields(doc, seg, r);
    }
    SetRange(doc, seg.first, seg.last, r);
    out.push_back(std::move(r));
  }
  HoldEveryPage(doc, out);
  if (scan && scan->reread && IsScanned(doc)) {
    ReadLettersAgain(doc, segments, *scan, costs, out);
  }
  CrossCheckRecords(out);
  return out;
}

// The record a page belongs to: the one whose page range holds it, else the
// last one that starts before it (a page with no words lies in no range),
// else the first.
size_t RecordOfPage(const std::vector<Record>& records, int page) {
  size_t owner = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const SourceInfo& s = records[i].source;
    if (s.first_page <= 0) continue;
    if (page >= s.first_page && page <= s.last_page) return i;
    if (s.first_page <= page) owner = i;
  }
  return owner;
}

// The page-quality check (extractors/ingest/page_quality.h) on every record of
// a document with OCR'd pages: it fails, and the record goes to review, when
// one of its pages did not read (turned, black, noise, a photograph, another
// script), whatever the record's kind: a verdeelbesluit on an unreadable
// page must not pass as a valid "unknown". Blank pages pass.
void AddPageQualityChecks(const TextDocument& doc, std::vector<Record>& records) {
  if (records.empty()) return;
  std::vector<std::vector<const PageInfo*>> pages(records.size());
  for (const PageInfo& info : doc.page_info) {
    if (info.mean_word_confidence < 0) continue;  // a text-layer page: not OCR'd
    pages[RecordOfPage(records, info.page)].push_back(&info);
  }
  for (size_t i = 0; i < records.size(); ++i) {
    if (pages[i].empty()) continue;
    Record& r = records[i];
    nlohmann::json actual = nlohmann::json::array();
    std::string unreadable;
    bool guess_why = false;
    for (const PageInfo* info : pages[i]) {
      actual.push_back(
          {{"page", info->page},
           {"words", info->word_count},
           {"mean_word_confidence", std::round(info->mean_word_confidence * 1000) / 1000},
           {"plausible_word_share", std::round(info->plausible_word_share * 1000) / 1000}});
      const std::string why = UnreadablePageReason(*info);
      if (why.empty()) continue;
      guess_why |= !info->not_read;  // a page that failed says why itself
      if (!unreadable.empty()) unreadable += "; ";
      unreadable += "page " + std::to_string(info->page) + ": " + why;
    }
    const nlohmann::json expected = {{"min_words_to_judge", kMinWordsToJudge},
                                     {"min_mean_word_confidence", kMinMeanWordConfidence},
                                     {"min_plausible_word_share", kMinPlausibleWordShare}};
    if (unreadable.empty()) {
      r.checks.push_back({"page_quality", CheckStatus::kPass, expected, actual,
                          "every OCR'd page read as text (or is blank)"});
      continue;
    }
    r.checks.push_back({"page_quality", CheckStatus::kFail, expected, actual,
                        "OCR could not read " + unreadable +
                            (guess_why ? " (a page turned, black, noisy, a photograph or in "
                                         "another script?)"
                                       : "")});
    if (r.status != RecordStatus::kFailed) r.status = RecordStatus::kNeedsReview;
  }
}

// Lines of a text dump that held invalid UTF-8 (replaced by U+FFFD on
// reading): a failing check on each record whose lines include them, since a
// name or number there may have lost a character. Lists at most
// kListedLines line numbers; the count is always whole.
void NoteRepairedEncoding(const std::vector<int>& repaired_lines, Record& r) {
  constexpr size_t kListedLines = 20;
  std::vector<int> mine;
  for (int line : repaired_lines) {
    if (line >= r.source.first_line && line <= r.source.last_line) mine.push_back(line);
  }
  if (mine.empty()) return;
  Check c;
  c.id = "text.encoding";
  c.status = CheckStatus::kFail;
  c.expected = "valid UTF-8";
  c.actual = {{"lines_repaired", mine.size()},
              {"lines",
               std::vector<int>(mine.begin(), mine.begin() + std::min(mine.size(), kListedLines))}};
  std::string lines;
  for (size_t k = 0; k < mine.size() && k < kListedLines; ++k)
    lines += (k ? ", " : "") + std::to_string(mine[k]);
  if (mine.size() > kListedLines)
    lines += " and " + std::to_string(mine.size() - kListedLines) + " more";
  c.detail = "bytes that are not valid UTF-8 replaced by U+FFFD on line(s) " + lines +
             ": a character there may be lost";
  r.checks.push_back(std::move(c));
  if (r.status == RecordStatus::kValid || r.status == RecordStatus::kRepaired)
    r.status = RecordStatus::kNeedsReview;
}

// A text dump that was not in UTF-8 (UTF-16, Windows-1252) and was decoded:
// a finding on every record, so that a reader of the record knows where its
// characters came from; the text itself is whole.
void NoteDecodedEncoding(TextEncoding encoding, Record& r) {
  if (encoding == TextEncoding::kUtf8 || encoding == TextEncoding::kUtf8Bom) return;
  Check c;
  c.id = "text.decoded";
  c.status = CheckStatus::kFinding;
  c.expected = "UTF-8";
  c.actual = ToString(encoding);
  c.detail = std::string("the text file is in ") + ToString(encoding) + ", not UTF-8: read as " +
             ToString(encoding) + " (line numbers as in the file)";
  r.checks.push_back(std::move(c));
}

std::vector<Record> FromText(const std::string& bytes, SourceInfo source, const CostModel& costs) {
  StatusOr<TextDump> dump = ReadTextDump(bytes);
  source.media = "text";
  if (!dump.ok()) return {FailedRecord(source, dump.status())};
  std::vector<Record> records =
      FromTextDocument(dump->doc, SourceFor(dump->doc, source), nullptr, costs);
  for (Record& r : records) {
    NoteDecodedEncoding(dump->encoding, r);
    NoteRepairedEncoding(dump->repaired_lines, r);
  }
  return records;
}

// What the searchable PDF's XMP says about the file: the kinds of its
// records, and the first verdeelbesluit's province, date and reference.
SearchablePdfInfo ArchivalInfo(const std::string& path, const std::vector<Record>& records) {
  SearchablePdfInfo info;
  info.title = fs::path(path).filename().string();
  info.producer = std::string("verdeelscan ") + kVersion;
  std::set<std::string> seen;
  for (const Record& r : records) {
    const std::string kind = std::string(ToString(r.kind));
    if (r.status != RecordStatus::kFailed && seen.insert(kind).second) {
      info.kind += (info.kind.empty() ? "" : ", ") + kind;
    }
    if (r.kind == DocumentKind::kVerdeelbesluit && info.province.empty()) {
      info.province = r.besluit_meta.province;
      info.date = r.besluit_meta.date;
      info.reference = r.besluit_meta.reference;
    }
  }
  return info;
}

// Every record of the file learns what did not work out.
void NoteOnAll(const std::string& note, std::vector<Record>& records) {
  for (Record& r : records) {
    nlohmann::json& notes = r.extra["ingest_notes"];
    if (!notes.is_array()) notes = nlohmann::json::array();
    notes.push_back(note);
  }
}

// The sidecar (ExtractOptions::sidecar), written whole to PATH.part and
// renamed, so a reader never sees half a file.
void WriteSidecar(const TextDocument& doc, const std::string& path, std::vector<Record>& records) {
  const std::string part = path + ".part";
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out << PageTexts(doc);
    out.close();
    if (out) {
      if (std::rename(part.c_str(), path.c_str()) == 0) return;
    }
  }
  const std::string why = std::strerror(errno);
  std::remove(part.c_str());
  NoteOnAll("sidecar " + path + " not written: " + why, records);
}

// The searchable PDF and the sidecar (ExtractOptions), after the records.
void WriteArtefacts(const std::string& path, const TextDocument& doc, const ExtractOptions& options,
                    std::vector<Record>& records) {
  if (!options.searchable_pdf.empty()) {
    const Status st =
        WriteSearchablePdf(path, doc, ArchivalInfo(path, records), options.searchable_pdf);
    if (!st.ok())
      NoteOnAll("searchable PDF " + options.searchable_pdf + " not written: " + st.message(),
                records);
  }
  if (!options.sidecar.empty()) WriteSidecar(doc, options.sidecar, records);
}

std::vector<Record> ExtractFileUnguarded(const std::string& path, const ExtractOptions& options) {
  SourceInfo source;
  source.file = path;
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    const int err = errno;
    Status s = err == ENOENT  ? Status::NotFound("no such file")
               : err == ELOOP ? Status::IOError("symbolic link loop")
                              : Status::IOError(std::strerror(err));
    return {FailedRecord(source, s)};
  }
  if (S_ISDIR(st.st_mode)) return {FailedRecord(source, Status::InvalidArgument("is a directory"))};
  if (!S_ISREG(st.st_mode)) {
    return {FailedRecord(source, Status::InvalidArgument("not a regular file"))};
  }
  if (st.st_size > options.max_file_bytes) {
    return {
        FailedRecord(source, Status::ResourceExhausted("file of " + std::to_string(st.st_size) +
                                                       " bytes exceeds the limit of " +
                                                       std::to_string(options.max_file_bytes)))};
  }
  StatusOr<FileType> type = SniffFile(path);
  if (!type.ok()) return {FailedRecord(source, type.status())};
  if (*type == FileType::kUnknown) {
    source.sha256 = FileSha256(path);
    const std::string what = DescribeContent(path);
    return {FailedRecord(
        source, Status::Unsupported(
                    "binary content that is not a PDF, PNG, JPEG or TIFF image nor a text dump "
                    "(UTF-8, UTF-16 or Windows-1252)" +
                    (what.empty() ? std::string() : " (libmagic: " + what + ")") +
                    "; convert it to PDF or an image first"))};
  }
  if (*type == FileType::kText) {
    if (st.st_size > options.max_text_bytes) {
      source.media = "text";
      return {FailedRecord(
          source, Status::ResourceExhausted(
                      "text dump of " + std::to_string(st.st_size) +
                      " bytes exceeds the text limit of " + std::to_string(options.max_text_bytes) +
                      " bytes (raise it with --max-text-bytes; time and memory grow with the "
                      "size, see README.md)"))};
    }
    // One buffer of the file's size: a stream copy would hold it twice.
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return {FailedRecord(source,
                           Status::IOError("cannot open: " + std::string(std::strerror(errno))))};
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad()) return {FailedRecord(source, Status::IOError("read error"))};
    bytes.resize(static_cast<size_t>(in.gcount()));
    source.sha256 = options.sha256.empty() ? Sha256Hex(bytes) : options.sha256;
    return FromText(bytes, source, options.costs);
  }
  source.sha256 = options.sha256.empty() ? FileSha256(path) : options.sha256;
  source.media = *type == FileType::kPdf ? "pdf" : "image";
  ScanContext scan;
  scan.path = path;
  scan.scan = options.scan;
  scan.reread = options.reread_doubtful_cells;
  ScanStats stats;
  StatusOr<TextDocument> doc = LoadScan(path, options.scan, &stats);
  if (!doc.ok()) return {FailedRecord(source, doc.status())};
  std::vector<Record> records =
      FromTextDocument(*doc, SourceFor(*doc, source), &scan, options.costs);
  AddPageQualityChecks(*doc, records);
  // What ingestion had to do to read the file (a rebuilt page tree, a page
  // decoded at reduced size or downscaled, a resolution assumed): the
  // reader of a record must not have to guess.
  if (!stats.notes.empty()) {
    for (Record& r : records) r.extra["ingest_notes"] = stats.notes;
  }
  WriteArtefacts(path, *doc, options, records);
  return records;
}

}  // namespace

std::vector<Record> ExtractFile(const std::string& path, const ExtractOptions& options) {
  // The promise of extract.h (never throws, always a record) holds even for
  // a reader bug or memory running out on one file: that file is failed.
  try {
    return ExtractFileUnguarded(path, options);
  } catch (...) {
    SourceInfo source;
    source.file = path;
    source.sha256 = options.sha256;
    return {FailedRecord(source, Status::Corruption("reading failed: " +
                                                    ExceptionMessage(std::current_exception())))};
  }
}

std::vector<Record> ExtractText(const std::string& text, const std::string& display_name) {
  SourceInfo source;
  source.file = display_name;
  source.sha256 = Sha256Hex(text);
  if (text.empty()) return {FailedRecord(source, Status::NotFound("empty file (0 bytes)"))};
  return FromText(text, source, CostModel{});
}

}  // namespace verdeelscan
