// Glyphs of one shape read as different characters. A recogniser can read
// the second of two identical glyphs as another character with full
// confidence ("7707079" read "7107079" at 0.96, twice, on a clean scan of
// lettergen seed 11517: no alternative, no low confidence, valid). Printed
// text sets one character with one glyph, so two connected components of
// the same size and nearly the same pixels that were read as different
// characters prove one of them misread, without saying which.
// Cost: one connected-component pass over a cell crop (a few thousand
// pixels) and a small pixel comparison per pair of glyphs.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_GLYPH_SHAPES_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_GLYPH_SHAPES_H_

#include <leptonica/allheaders.h>

#include <string>

namespace verdeelscan {

// How alike two glyph bitmaps must be to count as one shape: the share of
// their ink they have in common, |A∩B|² / (|A|·|B|), at the best shift of
// at most one pixel. Checked on 6,362 digit re-reads of 360 letter scans
// (lettergen seeds 11400-11500, clean to photocopy): the 8 pairs it found
// were each a real misread. Below it there is no verdict: one glyph printed
// twice on a damaged scan may score lower and go unnoticed, as before.
inline constexpr double kSameShapeScore = 0.9;

// For `binary` (1 bpp, ink = 1), a crop holding one line of characters
// read as `text`: "'7' and '1'" when two of its glyphs have one shape but
// were read as those different characters, else "". No verdict ("") when
// the crop's glyphs (connected components at least a third of the tallest's
// height) do not pair one to one with `text`'s characters: touching or
// broken glyphs say nothing about shape.
std::string SameShapeReadApart(Pix* binary, const std::string& text);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_GLYPH_SHAPES_H_
