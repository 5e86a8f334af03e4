// The registry of document kinds: one entry per DocumentKind with the cues
// that classify a document as that kind and the reader of its fields. Each
// kind lives in a file of its own in this folder (ibt_brief.cc,
// prt_verslag.cc, ...); classify.cc scores a document against every entry's
// cues and fields.cc calls the winner's field reader.
//
// Adding a kind: its enumerator and name in core/document_kind.h, a file here
// that builds its KindEntry, and one line in registry.cc (the position there
// is the tie-break order of classification).
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_REGISTRY_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_REGISTRY_H_

#include <re2/re2.h>

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/document_kind.h"
#include "core/record.h"
#include "extractors/documents/letters.h"

namespace verdeelscan {

// One weighted cue: a heading, an address line, a label or a fixed phrase,
// matched OCR-tolerantly in the segment's joined text (letter_text.h).
struct Cue {
  std::string label;  // evidence text: "heading: Besluit van de Minister"
  int weight = 0;
  int max_hits = 1;  // a cue counts at most this often
  std::unique_ptr<RE2> re;
};

// What kind of value a field holds: how its doubt is judged and what can
// confirm it (kinds/field_confidence.h).
// kText: a name or address (no second reading catches a wrong letter: a
// high confidence floor); kTitle: a subject or title, whose domain words are
// repaired afterwards (the floor of numbers); kTopic: an agenda item, judged
// as a name is (nothing repairs its words) but opening with a capital as a
// title does.
enum class FieldType { kIdentifier, kDate, kNumber, kText, kTitle, kTopic };

// Where a field a reader took from the page was read: its name in the record
// ("meta.reference"), the 0-based doc line and the text as read there, and
// the value the record holds (digits, ISO date, number as text).
struct FieldSource {
  std::string field;
  FieldType type = FieldType::kIdentifier;
  int line = -1;
  std::string raw;
  std::string value;
};

// A number, identifier or date's day the page shows where the reader
// looked, but that the recogniser read as no number ("65/97/14" for a
// reference 6579714, ">" for the count 2, "al" for an IBT cell's 51, "1/7"
// for the 17 of "17 maart 2024"): where it is, for a digits-only second look
// at its words on a scan (pipeline/extract.cc). The field is also Missing
// until that look reads it.
struct IllegibleField {
  std::string field;                    // "meta.reference", "ibt.realisatie.amv"
  FieldType type = FieldType::kNumber;  // kNumber, kIdentifier or kDate
  int line = -1;                        // 0-based doc line
  std::string raw;                      // as read there
  std::string month = {};               // kDate: "2024-03", completed by the day read
};

// What a field reader produced: values land in the record, names of required
// fields it could not read in `unread` (in the order they were looked for),
// and where each identifier, date and number was read in `sources` (its
// recogniser confidence is judged after the reader, for every kind alike).
struct FieldOut {
  Record& record;
  std::vector<std::string> unread;
  std::vector<FieldSource> sources = {};
  std::vector<IllegibleField> illegible = {};
  void Missing(const std::string& field) { unread.push_back(field); }
  void ReadAt(std::string field, FieldType type, int line, std::string raw, std::string value) {
    sources.push_back({std::move(field), type, line, std::move(raw), std::move(value)});
  }
  void Illegible(std::string field, FieldType type, int line, std::string raw,
                 std::string month = {}) {
    illegible.push_back({std::move(field), type, line, std::move(raw), std::move(month)});
  }
};

// Reads a kind's fields from doc.lines[seg.first..seg.last] into out.record.
using FieldReader = void (*)(const TextDocument& doc, const Segment& seg, FieldOut& out);

struct KindEntry {
  DocumentKind kind = DocumentKind::kUnknown;
  std::vector<Cue> cues;
  // Evidence put before the cues when this entry wins; the unknown kind's
  // cues recognise a Woo grounds page, which is filler, not a document.
  std::string verdict_note;
  FieldReader read_fields = nullptr;  // nullptr: no fields of its own
  // Headings with which a document of this kind may open without a
  // letterhead ("Inleiding en doel" for an informatiebericht), each matched
  // against one whole line. The split cuts a file there when the text from
  // the heading on reads as this kind and the text before it is a document
  // of another kind or of none: a bulletin after a letter is not swallowed.
  std::vector<std::unique_ptr<RE2>> openings;
  // False when the record's status is set elsewhere (the verdeelbesluit's
  // table is read and checked by the pipeline).
  bool sets_status = true;
};

// The entry of `kind`; every DocumentKind has exactly one.
const KindEntry& Kind(DocumentKind kind);

// Every entry in tie-break order: when two kinds score the same, the one
// listed first wins (a besluit quoted in a cover letter still leaves the
// letter a letter only when its own cues outweigh).
std::span<const KindEntry> AllKinds();

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_REGISTRY_H_
