// Where a paragraph or block ends on an OCR'd page, from the page's layout,
// carried into the document model the way a text dump carries it: an empty
// TextLine between paragraphs. The letter readers (extractors/documents) end
// a list or a paragraph at a blank line; with the same empty line on scans
// they need no second code path, and every reader that skips blank lines
// (the table readers read positioned words, an empty line has none) is
// unaffected.
//
// Evidence, per page, on the straightened image the recogniser read:
//  - the vertical distance between consecutive baselines (the line pitch).
//    The page's usual pitch is its lower third (the pitch inside paragraphs;
//    a lower quantile rather than the median so that a page of many short
//    paragraphs keeps its usual pitch), at least one line height. A pitch
//    larger than that by kBreakExcess line heights ends a paragraph: a blank
//    line, or the half-line space word processors put between paragraphs.
//  - a new text block of the recogniser's page layout (RIL_BLOCK), which
//    only page segmentation modes with layout analysis produce.
// Tesseract's own paragraphs (RIL_PARA) are not used: they come from
// indentation and from short last lines, so a list of short items ("Bezwaar
// en beroep", "Interbestuurlijk Toezicht") comes out as one paragraph per
// item, where a text dump has none between them.
//
// Cost: one sort of the page's pitches (microseconds).
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PARAGRAPH_BREAKS_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PARAGRAPH_BREAKS_H_

#include <cstddef>
#include <vector>

#include "core/document.h"

namespace verdeelscan {

// One recognised text line on the image the recogniser read (pixels, y down).
struct LineGeometry {
  int top = 0, bottom = 0;    // the line's box
  int baseline = 0;           // the baseline's row (the box bottom when unknown)
  bool starts_block = false;  // the recogniser opened a new text block here
};

// Extra pitch, in line heights, that ends a paragraph. A half-line paragraph
// space is about 0.6 line heights (a line's box is ~1.1 times the font size,
// its pitch ~1.35 times); baseline noise is a few pixels, under 0.15.
inline constexpr double kBreakExcess = 0.35;

// For each line of a page (in reading order), true when a paragraph or block
// ends before it. The first line is never a break (a page break is not
// evidence of one).
std::vector<bool> ParagraphBreaks(const std::vector<LineGeometry>& lines);

// Inserts an empty TextLine before each line lines[first + i] with
// breaks[i] true (i > 0). The empty line has the page of the line after it,
// no words, no box, and the line number of the line before it (OCR'd pages
// number their text lines; an empty line takes no number of its own, so the
// lines keep their numbers).
void InsertBreakLines(std::vector<TextLine>* lines, size_t first, const std::vector<bool>& breaks);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PARAGRAPH_BREAKS_H_
