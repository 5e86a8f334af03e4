// Field readers that letters of several kinds share: the letter head (date,
// reference, subject), the signature block, the gemeente addressed, and
// figures stated in prose. Each works on the segment's lines or joined text
// (letter_text.h) so that OCR line breaks do not matter, and maps every value
// back to its line.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_LETTER_FIELDS_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_LETTER_FIELDS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "core/document.h"
#include "extractors/documents/dates.h"
#include "extractors/documents/kinds/registry.h"
#include "extractors/documents/letter_text.h"

namespace verdeelscan::kinds {

// The 1-based line number of doc.lines[index]; 0 when out of range.
int LineNo(const TextDocument& doc, int index);

// `s` without leading and trailing `chars`.
std::string Trim(std::string s, const char* chars = " \t\n,;:.");

// Labels that start a letter-head field; a value never runs into one.
const RE2& HeadLabel();

// The first "Datum" field whose value is a date, else the dateline of a
// letter ("Den Haag, 9 april 2026"): the ISO date and its 0-based line.
// `raw`, when given, receives the date as printed.
std::optional<std::pair<std::string, int>> LabelledDate(const TextDocument& doc, const Segment& s,
                                                        std::string* raw = nullptr);

// A letter's date whose day the page damaged ("1/7 maart 2024", dates.h
// FindIllegibleDay), found on 0-based doc line `line`: posted to
// out.Illegible as meta.date, with its year and month.
void PostIllegibleDate(const IllegibleDay& day, int line, FieldOut& out);

// A "Datum" field whose day the page damaged: PostIllegibleDate.
void IllegibleLabelledDay(const TextDocument& doc, const Segment& s, FieldOut& out);

// The letter head the kinds share: date, reference and subject. A field the
// kind requires is listed as unread when it cannot be read.
struct HeadFields {
  bool date = false, reference = false, subject = false;  // required?
};
void LetterHead(const TextDocument& doc, const Segment& s, FieldOut& out, HeadFields required);

// The signature block: meta.signatory and meta.signatory_role.
void Signatory(const TextDocument& doc, const Segment& s, FieldOut& out, bool required);

// The gemeente a letter is addressed to: meta.gemeente and meta.cbs_code.
void AddressedGemeente(const TextDocument& doc, const Segment& s, FieldOut& out, bool required);

// National and provincial figures stated in prose, with their sentences.
nlohmann::json Figures(const TextDocument& doc, const JoinedText& j);

}  // namespace verdeelscan::kinds

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_LETTER_FIELDS_H_
