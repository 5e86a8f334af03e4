// Content classification of one document (a Segment of a file): each kind of
// the registry (kinds/registry.h) has weighted cues (headings, address lines,
// labels, fixed phrases), matched OCR-tolerantly across line ends; the kind
// with the highest score wins when it reaches a minimum, else unknown. The
// cues that matched for the winner become the segment's evidence, so a
// reviewer sees why.
// Cost: one pass of a few dozen RE2 searches over the segment's text.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_CLASSIFY_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_CLASSIFY_H_

#include <string>
#include <vector>

#include "core/document.h"
#include "extractors/documents/letters.h"

namespace verdeelscan {

// A kind wins only with at least this score.
inline constexpr int kMinKindScore = 3;

// Sets seg.kind and seg.evidence from doc.lines[seg.first..seg.last]; an
// unknown segment with some cues of a known kind gets seg.near_kind.
void ClassifySegment(const TextDocument& doc, Segment& seg);

// Every kind a record can have, by its contract name (kDocumentKinds).
std::vector<std::string> RecordKinds();

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_CLASSIFY_H_
