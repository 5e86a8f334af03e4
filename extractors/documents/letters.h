// Every document of a Woo release as a typed record: splitting a file into
// its documents (bundles such as seed 001: e-mails, a verdeelbesluit with its
// toelichting, the minister's cover letter, the Woo grounds page), classifying
// each from its content with the cues that matched as evidence, listing its
// Woo redactions, and reading the fields of each kind of letter:
//   kamerbrief, prt_verslag, informatiebericht, ibt_brief, begeleidende_brief,
//   email (the verdeelbesluit's table is the pipeline's job). Each kind's cues
//   and field reader are its entry in the registry (kinds/registry.h).
// All of it works on a TextDocument (text dumps, PDF text layers, OCR), never
// on a file format. A field that cannot be read is absent and listed in
// record.extra["unread_fields"]; nothing is guessed.
// Cost: linear in the lines of the file for the split, plus a handful of RE2
// searches per segment; no allocation beyond the record.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTERS_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTERS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/document_kind.h"
#include "core/record.h"

namespace verdeelscan {

struct Segment {
  int first = 0, last = 0;  // 0-based indexes into doc.lines, inclusive
  DocumentKind kind = DocumentKind::kUnknown;
  std::vector<std::string> evidence;  // cues that matched, e.g. "heading: Besluit van de Minister"
  // An unknown segment whose text still carries cues of a known kind, too few
  // to read it as one (a scan damaged its header): that kind, its score and
  // evidence. Such a record is held for review, never `valid`.
  std::optional<DocumentKind> near_kind;
  int near_score = 0;
  std::vector<std::string> near_evidence;
  // Set only on a segment made by EnforceCoverage: what the split lost or
  // doubled (a bug of the split, reported as a failing "split.coverage"
  // check rather than a line lost).
  std::string coverage_breach;
};

// Splits a file's TextDocument into documents in file order; every line
// belongs to exactly one segment (filler like Woo cover or grounds pages may be
// its own "unknown" segment). A file that is one document gives one segment.
// A document opens at an anchor (a letterhead, a besluit's or minutes'
// heading, an e-mail header, a grounds page) or at a kind's opening heading
// (kinds/registry.h: KindEntry::openings) when the text from there reads as
// that kind and the text before as another kind or none. The result always
// passes CoverageBreaches (EnforceCoverage mends and marks a breach).
std::vector<Segment> SplitAndClassify(const TextDocument& doc);

// The coverage invariant of a split of `doc`: the segments lie in file
// order, none is empty, the first starts at line 0, each starts on the line
// after the one before ends and the last ends at the last line, so every
// line is in exactly one segment. Returns one message per breach, none when
// the invariant holds.
std::vector<std::string> CoverageBreaches(const TextDocument& doc,
                                          const std::vector<Segment>& segments);

// Makes `segments` cover `doc` exactly: a stretch in no segment becomes an
// unknown segment of its own, a stretch in two stays with the first, each
// marked in Segment::coverage_breach. Returns the breaches it mended.
std::vector<std::string> EnforceCoverage(const TextDocument& doc, std::vector<Segment>& segments);

// The pages of a scanned or PDF file (1..pages) that lie in no record's page
// range (source.first_page..last_page), in order; none for text dumps.
std::vector<int> PagesInNoRecord(const std::vector<Record>& records, int pages);

struct Redaction {
  std::string ground;  // "5.1.2e", or "" when the text gives none
  int line = 0;        // 0-based index into doc.lines
  std::string text;    // the marker as found: "(geanonimiseerd)", "5.1.2e"
};

// The Woo redactions inside a segment, in line order.
std::vector<Redaction> FindRedactions(const TextDocument& doc, const Segment& seg);

// Fills record.kind, record.meta / record.extra / record.checks (and
// record.status: needs_review when a check fails or a required field is
// unread) for every kind EXCEPT verdeelbesluit, whose table the pipeline
// reads; for a verdeelbesluit only evidence and redactions are added. Always
// sets record.extra["evidence"] and record.extra["redactions"], and
// record.source.first_line/last_line (1-based line numbers of the segment).
void ExtractLetterFields(const TextDocument& doc, const Segment& seg, Record& record);

// Checks that span documents of one batch or bundle, added to the records
// concerned:
//  - an ibt_brief whose gemeente has an allocation in a verdeelbesluit record:
//    its wettelijke taak (regulier, amv) must equal that allocation
//    ("ibt.taak_matches_verdeelbesluit", on the IBT record);
//  - a begeleidende_brief and a verdeelbesluit of the same province: the dates
//    must agree ("cover_letter.date_matches_besluit", on the besluit record).
// A disagreement is a finding (the sources contradict each other).
void CrossCheckRecords(std::vector<Record>& records);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTERS_H_
