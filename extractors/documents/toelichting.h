// Prose fields of a verdeelbesluit: province, date, reference, and from the
// toelichting the stated opgave / overgenomen / restopgave (regulier and amv),
// the municipalities excluded from the restopgave, those that received it
// (with the type: regulier, amv or both) and the stated counts ("verdeeld over
// 16 gemeenten"). Works on joined text, tolerant of OCR damage ("1. 936",
// "2O december 2O24", "Dlnkelland (regullcr en amv)").
// Cost: linear in the text, plus name matching per candidate word span.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_TOELICHTING_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_TOELICHTING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/record.h"
#include "validators/name_matcher.h"

namespace verdeelscan {

// A municipality mentioned in running text.
struct NameMention {
  std::string raw;  // as read
  const Municipality* municipality = nullptr;
  bool regulier = false;  // receivers: which restopgave it received
  bool amv = false;
  std::string note;           // excluded: the ground given ("asielopvang")
  size_t begin = 0, end = 0;  // byte offsets in the searched text
};

struct BesluitProse {
  std::string province;   // official name, "" when not found
  std::string date;       // ISO
  std::string reference;  // "6015733"
  SplitFigure opgave, overgenomen, restopgave;
  // "verdeeld over 16 gemeenten": stated number of receivers per type.
  std::optional<long> stated_receivers_regulier, stated_receivers_amv;
  bool has_exclusions = false, has_receivers = false;
  std::vector<NameMention> excluded;
  std::vector<NameMention> receivers;
};

// Lines [first, last] (0-based, inclusive) of a verdeelbesluit.
BesluitProse ReadBesluitProse(const TextDocument& doc, int first, int last);

// Municipalities mentioned in `text`, in order (each word span at most once).
std::vector<NameMention> FindMunicipalities(std::string_view text, std::string_view province);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_TOELICHTING_H_
