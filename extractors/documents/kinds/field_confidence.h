// After a letter's reader: how sure the recogniser was of each identifier,
// date and number it took from the page, and the domain words of its titles
// and agenda repaired.
//
// Why: a scanned letter's reference read "1938793" for "7938793" is a valid-
// looking wrong value that no check of the letter catches. Each field the
// reader registered (FieldOut::ReadAt) gets the confidence of the words it
// was read from (the lowest) and the look-alike glyphs among its characters;
// a doubtful one (validators/cost_model.h, field_min_confidence and
// field_lookalike_confidence) makes the record need review with a
// "field.confidence" check naming it, unless another reading in the document
// confirms it (the same reference or date read elsewhere with confidence).
// Text dumps and text layers (confidence 1) get no such block and no check.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_FIELD_CONFIDENCE_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_FIELD_CONFIDENCE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "extractors/documents/kinds/registry.h"

namespace verdeelscan::kinds {

// The look-alike glyphs of `raw` (each once, in order): characters that OCR
// confuses with a digit that would make another valid value.
std::string LookalikeGlyphs(std::string_view raw);

// True when a number word holds a mark other than closing punctuation: a
// digit a scan misread ("6/93520", "/820367" where 7 was printed).
bool MarkInNumber(std::string_view token);

// The words of `line` that hold `raw` (each white-space token of raw matched
// to a word containing it, or contained in it); empty for a line without
// words (text dumps).
std::vector<const Word*> WordsHolding(const TextLine& line, std::string_view raw);

// Judges every field in out.sources: record.extra["field_confidence"] (OCR'd
// fields only) and a failing "field.confidence" check per doubtful,
// unconfirmed field.
void JudgeFieldConfidence(const TextDocument& doc, const Segment& seg, FieldOut& out);

// Repairs OCR-damaged domain words (validators/domain_vocabulary.h) in the
// record's titles, places and agenda items: meta.title, meta.subject,
// meta.location ("Provinciehùis"), prt.next_meeting.agenda and the actions'
// owners; each change in record.extra["corrections"]
// ({field, from, to, reason}).
void RepairTitleWords(Record& record);

// A check "field.confidence" that failed for `field`, confirmed afterwards
// by another record (the besluit's date): it passes, says why, and the record
// is valid again when nothing else holds it back.
void ConfirmField(Record& record, const std::string& field, const std::string& by);

}  // namespace verdeelscan::kinds

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_FIELD_CONFIDENCE_H_
