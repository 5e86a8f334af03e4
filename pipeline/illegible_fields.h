// What a digits-only second look makes of a letter's illegible field: a
// number, reference or date's day a reader found where it looked but the
// page's recogniser read as no number (kinds::IllegibleField, posted in a
// record's "illegible_fields"). pipeline/extract.cc asks for the looks, one
// OCR of the field's word box each, on scans only.
#ifndef VERDEELSCAN_PIPELINE_ILLEGIBLE_FIELDS_H_
#define VERDEELSCAN_PIPELINE_ILLEGIBLE_FIELDS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/record.h"
#include "extractors/ingest/ocr.h"

namespace verdeelscan {

// Where a field's value lives in a record: "meta.reference" in r.meta,
// "ibt.realisatie.amv" in r.extra["ibt"]["realisatie"]["amv"].
nlohmann::json& FieldSlot(Record& r, const std::string& field);

// The value a re-read's digits give an entry of "illegible_fields", null
// when they do not fit it: a number of at most six digits, an identifier of
// the five to ten a reference has, a day of the entry's "month" ("2024-03"
// and "17" give "2024-03-17"; "2024-02" and "31" nothing).
nlohmann::json IllegibleValue(const nlohmann::json& asked, const std::string& digits);

// A reading that fits the field and is read with at least `min_confidence`
// becomes its value, and the record is held (needs_review): one reading,
// nothing to prove it. A failing check "field.illegible_reread" names the
// field and both readings; the field leaves "unread_fields".
void TakeIllegibleReading(const nlohmann::json& asked, const CellReading& reading,
                          double min_confidence, Record& r);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_ILLEGIBLE_FIELDS_H_
