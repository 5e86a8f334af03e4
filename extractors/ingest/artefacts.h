// What a degraded page carries besides its text, removed before binarisation
// and OCR (cleanup.h calls these): coloured ink (received-stamps, ballpoint
// ticks), solid dark regions (Woo redaction bars, punch holes, a photocopier's
// dark border), toner specks on 1-bit pages; and the measures the cleanup
// decides by (is the page already bilevel, how tall is its text).
//
// Why: Sauvola turns a solid dark area into its outline (a bar becomes a
// rectangle, a punch hole an "O"), which Tesseract reads as words and which
// breaks a table row into two lines; a stamp over the prose becomes letters;
// a tick across a row glues strokes to its digits. Painted to the background
// before binarisation, they are simply not there for the reader.
//
// Never text ink: black or grey text has no saturation, and no text stroke
// holds a solid square of dpi/20 pixels (a bold 12 pt stroke is ~dpi/50), so
// a page without artefacts comes out unchanged (tested).
//
// Cost on a 300 DPI A4 page, measured on this machine: the dark-region search
// ~15 ms (at half resolution), the colour mask ~60 ms (colour pages only), the
// speck removal ~30 ms (1-bit pages only), the glyph-height estimate ~40 ms.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_ARTEFACTS_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_ARTEFACTS_H_

#include "extractors/ingest/pix.h"

namespace verdeelscan {

// Paints the pixels of `gray` (8 bpp, same size as `colour`) white where
// `colour` (32 bpp RGB) holds saturated ink: max(r,g,b) - min(r,g,b) at least
// `min_saturation`, slightly widened for anti-aliased fringes. Pixels where
// coloured ink crosses black text stay dark (no saturation), so a tick over a
// digit leaves the digit. Returns the number of pixels painted; 0 for a page
// that is not 32 bpp.
// The level: a half-transparent ballpoint tick on a JPEG page (chroma
// subsampled) keeps a saturation of only 40..70 (measured on generated office
// pages: 98% of its pixels), where black and grey text stays under 30.
long MaskColouredInk(Pix* colour, Pix* gray, int dpi, int min_saturation = 40);

// Paints solid dark regions of `gray` (8 bpp) white: areas darker than
// `dark_level` that hold a solid square of side ~dpi/20 (redaction bars,
// punch holes, dark borders), widened by a few pixels for their fringe.
// Nothing is painted when such areas cover more than 30% of the page (a black
// page or a photograph is not an artefact: it must be judged unreadable).
// Returns the number of pixels painted.
long MaskSolidDark(Pix* gray, int dpi, int dark_level = 110);

// A light photocopy (grey ink on grey paper) stretched in place so that its
// ink is black and its paper white: Sauvola's threshold sits at ~0.7 of the
// local mean, so grey-on-grey strokes fall on both sides of it and break
// apart. Pages whose darkest ink (0.5% rank) and paper (median) are at least
// `min_contrast` apart, or whose median is darker than 170 (not paper: noise,
// a photograph), are left exactly as they are. Returns whether the page was
// stretched.
bool StretchLowContrast(Pix* gray, int min_contrast = 150);

// True when `gray` (8 bpp) is in effect a 1-bit image (a fax, or a 1-bit scan
// saved as grayscale): fewer than 1% of its pixels are mid-grey, and most
// are paper (a black page has no mid-grey either).
bool IsBilevel(Pix* gray);

// Removes toner specks from a 1 bpp image in place: connected components no
// larger than `max_speck` pixels in both directions that lie farther than
// ~dpi/25 from any larger component (so the dots of "i", full stops and
// thousands dots beside their digits stay). Returns the specks removed.
int RemoveSpecks(Pix* binary, int dpi, int max_speck);

// The median height in pixels of glyph-sized connected components of a 1 bpp
// image (components 4 px .. dpi/4 high, not much wider than high): about the
// height of a digit or capital in a text page. 0 when fewer than 50 glyphs.
int MedianGlyphHeight(Pix* binary, int dpi);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_ARTEFACTS_H_
