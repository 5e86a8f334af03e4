// Where a cleaned page image is cut into horizontal bands that the
// recogniser reads one by one, so that the bands of one page can be read on
// several threads at once.
//
// Why: a one-page file, which is what an auditor most often runs `extract`
// on, otherwise keeps one core busy and the others idle for the whole OCR
// (~0.7 s of a page's ~1.2 s). A cut runs along rows without any ink (the
// space between two text lines or table rows), so no glyph is split; each
// band is then read with the same single-block segmentation as a whole page.
// The cuts depend on the image alone, never on the number of threads, so a
// page reads the same with -j 1 as with -j 8.
//
// Cost: one count of the ink per row (milliseconds); each band is a copy of
// its rows of the 1-bit image (~1 MB for a 300 DPI A4 page).
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PAGE_BANDS_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PAGE_BANDS_H_

#include <vector>

#include "extractors/ingest/pix.h"

namespace verdeelscan {

// A band of `rows` rows of the page image, starting at row `top`.
struct PageBand {
  int top = 0;
  int rows = 0;
};

// The bands `binary` (1 bpp, the cleaned page) is read in: at most `bands`,
// cut at the middle of a run of at least `min_gap` ink-free rows, each cut
// the one nearest its share of the page's inked height (the rows from the
// first to the last row with ink), and only where a cut lies within the
// middle half of that share (so no band is a sliver). One band (the whole
// image) when no such run exists: a page of one block of dense text, or a
// vertical ruling or margin speckle that crosses every row.
std::vector<PageBand> CutIntoBands(Pix* binary, int bands, int min_gap);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PAGE_BANDS_H_
