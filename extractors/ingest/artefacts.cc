#include "extractors/ingest/artefacts.h"

#include <algorithm>
#include <vector>

namespace verdeelscan {
namespace {

long CountOn(Pix* binary) {
  l_int32 count = 0;
  if (binary == nullptr || pixCountPixels(binary, &count, nullptr) != 0) return 0;
  return count;
}

// max(r,g,b) - min(r,g,b) per pixel of a 32 bpp image: 0 for grey and black.
PixPtr Saturation(Pix* rgb) {
  PixPtr r(pixGetRGBComponent(rgb, COLOR_RED));
  PixPtr g(pixGetRGBComponent(rgb, COLOR_GREEN));
  PixPtr b(pixGetRGBComponent(rgb, COLOR_BLUE));
  if (!r || !g || !b) return nullptr;
  PixPtr high(pixMinOrMax(nullptr, r.get(), g.get(), L_CHOOSE_MAX));
  PixPtr low(pixMinOrMax(nullptr, r.get(), g.get(), L_CHOOSE_MIN));
  if (!high || !low) return nullptr;
  pixMinOrMax(high.get(), high.get(), b.get(), L_CHOOSE_MAX);
  pixMinOrMax(low.get(), low.get(), b.get(), L_CHOOSE_MIN);
  return PixPtr(pixSubtractGray(nullptr, high.get(), low.get()));
}

}  // namespace

long MaskColouredInk(Pix* colour, Pix* gray, int dpi, int min_saturation) {
  if (colour == nullptr || gray == nullptr) return 0;
  PixPtr rgb;
  if (pixGetDepth(colour) == 32) {
    rgb.reset(pixClone(colour));
  } else if (PIXCMAP* cmap = pixGetColormap(colour); cmap != nullptr) {
    l_int32 has_colour = 0;
    pixcmapHasColor(cmap, &has_colour);
    if (has_colour) rgb.reset(pixConvertTo32(colour));
  }
  if (!rgb || pixGetWidth(rgb.get()) != pixGetWidth(gray) ||
      pixGetHeight(rgb.get()) != pixGetHeight(gray)) {
    return 0;
  }
  PixPtr saturation = Saturation(rgb.get());
  rgb.reset();
  if (!saturation) return 0;
  // 1 where saturated: pixThresholdToBinary sets the pixels below the level.
  PixPtr ink(pixThresholdToBinary(saturation.get(), min_saturation));
  saturation.reset();
  if (!ink) return 0;
  pixInvert(ink.get(), ink.get());
  if (CountOn(ink.get()) == 0) return 0;
  // Widened over the anti-aliased fringe, but never onto dark neutral pixels:
  // where a tick crosses a digit, the digit's ink stays.
  const int widen = std::max(3, dpi / 100) | 1;
  PixPtr paint(pixDilateBrick(nullptr, ink.get(), widen, widen));
  PixPtr dark(pixThresholdToBinary(gray, 110));
  if (!paint || !dark) return 0;
  pixSubtract(dark.get(), dark.get(), ink.get());  // dark and not coloured: text
  pixSubtract(paint.get(), paint.get(), dark.get());
  pixSetMasked(gray, paint.get(), 255);
  return CountOn(paint.get());
}

long MaskSolidDark(Pix* gray, int dpi, int dark_level) {
  if (gray == nullptr || pixGetDepth(gray) != 8) return 0;
  if (pixGetWidth(gray) < 8 || pixGetHeight(gray) < 8) return 0;
  // Half resolution, keeping the lighter pixel of each 2x2: a solid area stays
  // dark, a text stroke only thins. 4x cheaper than at full resolution.
  PixPtr half(pixScaleGrayMinMax2(gray, L_CHOOSE_MAX));
  if (!half) return 0;
  PixPtr dark(pixThresholdToBinary(half.get(), dark_level));
  half.reset();
  if (!dark) return 0;
  // No text stroke holds a square of side dpi/20 (here halved); a bar, a
  // punch hole and a border do.
  const int side = std::max(4, dpi / 40);
  PixPtr solid(pixOpenBrick(nullptr, dark.get(), side, side));
  dark.reset();
  if (!solid) return 0;
  // Bars, holes and borders cover a small part of a page. A page that is
  // mostly solid dark is a failed scan (black, a photograph): it must reach
  // the recogniser as it is and be judged unreadable, never pass as blank.
  const long area = long(pixGetWidth(solid.get())) * pixGetHeight(solid.get());
  const long dark_area = CountOn(solid.get());
  if (dark_area == 0 || dark_area * 10 > area * 3) return 0;
  // Over the fringe (anti-aliasing, the rounded rim of a hole): ~dpi/75.
  const int widen = (std::max(1, dpi / 150) * 2) | 1;
  PixPtr wide(pixDilateBrick(nullptr, solid.get(), widen, widen));
  solid.reset();
  if (!wide) return 0;
  PixPtr full(pixExpandBinaryPower2(wide.get(), 2));
  if (!full) return 0;
  pixSetMasked(gray, full.get(), 255);
  return CountOn(full.get());
}

bool StretchLowContrast(Pix* gray, int min_contrast) {
  if (gray == nullptr || pixGetDepth(gray) != 8) return false;
  l_uint32 darkest = 0, median = 255;
  if (pixGetRankValue(gray, 2, 0.005f, &darkest) != 0 ||
      pixGetRankValue(gray, 2, 0.5f, &median) != 0) {
    return false;
  }
  // A page of a few lines (a letter's last page, its signature) has under
  // half a percent of ink: its ink level is then the darkest 0.05%, when
  // that stands apart from the paper's own grain (at least three times as
  // far below the paper as the darkest 2%). Grain alone (a blank page's
  // noise) has no such tail: stretching it made 4900 "words" of a blank
  // page and 27 s of OCR.
  if (int(median) - int(darkest) < 24) {
    l_uint32 tail = 0, grain = 0;
    if (pixGetRankValue(gray, 2, 0.0005f, &tail) != 0 ||
        pixGetRankValue(gray, 2, 0.02f, &grain) != 0)
      return false;
    if (int(median) - int(tail) >= 3 * std::max(1, int(median) - int(grain))) darkest = tail;
  }
  const int ink = int(darkest), paper = int(median);
  // Too little contrast, or none at all (a blank page): nothing to stretch.
  if (paper - ink >= min_contrast || paper - ink < 24) return false;
  // A photocopy is mostly light paper; a page whose median is mid-grey is
  // noise or a photograph, which stretching only turns into more shapes for
  // the recogniser to chew on (measured: 6x the OCR time on such pages).
  if (paper < 170) return false;
  if (pixGammaTRC(gray, gray, 1.0f, ink, paper) == nullptr) return false;
  // Toner fades in patches: there the ink stays light grey after the global
  // stretch, and Sauvola (threshold ~0.7 of the local mean) breaks or drops
  // its strokes ("671" read as "GTI"). Each tile of about a quarter inch (an
  // A4 page is ~8.3 inch wide) is stretched again between its own darkest and
  // lightest pixel; tiles of paper alone (less than kMinTileContrast between
  // them) take their neighbours' range, so paper noise is not blown up.
  constexpr int kMinTileContrast = 60;
  const int tile = std::max(8, int(pixGetWidth(gray)) / 33);
  pixContrastNorm(gray, gray, tile, tile, kMinTileContrast, 2, 2);
  return true;
}

bool IsBilevel(Pix* gray) {
  if (gray == nullptr || pixGetDepth(gray) != 8) return false;
  NUMA* histogram = pixGetGrayHistogram(gray, 2);
  if (histogram == nullptr) return false;
  double total = 0, ink = 0, darker_than_middle = 0, middle = 0, light = 0;
  for (int v = 0; v < 256; ++v) {
    l_float32 n = 0;
    numaGetFValue(histogram, v, &n);
    total += n;
    if (v <= 207) ink += n;
    if (v < 128) darker_than_middle += n;
    if (v >= 48 && v <= 207) middle += n;
    if (v > 207) light += n;
  }
  numaDestroy(&histogram);
  // Mostly paper: a black page (a scan with the lid open) has no mid-grey
  // either, but is not a 1-bit text page. And a fair share of its ink
  // darker than the middle, where it is thresholded: a light photocopy page
  // of a few lines has under 1% mid-grey too, 0.2% of it darker than 128,
  // and the threshold wiped its text (a letter's signature page read as
  // blank, lettergen seed 5003). A 150 DPI page's thin strokes are mostly
  // grey edges, 38-62% of them darker than the middle on the pages of the
  // scan sweeps: a fifth is the bar.
  return total > 0 && middle / total < 0.01 && light / total > 0.5 && 5 * darker_than_middle > ink;
}

int RemoveSpecks(Pix* binary, int dpi, int max_speck) {
  if (binary == nullptr || pixGetDepth(binary) != 1) return 0;
  l_int32 changed = 0;
  PixPtr small(pixSelectBySize(binary, max_speck, max_speck, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE,
                               &changed));
  if (!small) return 0;
  PixPtr large(pixSubtract(nullptr, binary, small.get()));
  if (!large) return 0;
  // Small components near larger ones are punctuation (full stops, the dots
  // of i and j, a thousands dot between digits): kept.
  const int reach = std::max(3, dpi / 25) | 1;
  PixPtr near(pixDilateBrick(nullptr, large.get(), reach, reach));
  large.reset();
  if (!near) return 0;
  PixPtr seed(pixAnd(nullptr, small.get(), near.get()));
  near.reset();
  if (!seed) return 0;
  PixPtr kept(pixSeedfillBinary(nullptr, seed.get(), small.get(), 8));
  if (!kept) return 0;
  PixPtr specks(pixSubtract(nullptr, small.get(), kept.get()));
  if (!specks) return 0;
  l_int32 count = 0;
  pixCountConnComp(specks.get(), 8, &count);
  pixSubtract(binary, binary, specks.get());
  return count;
}

int MedianGlyphHeight(Pix* binary, int dpi) {
  if (binary == nullptr || pixGetDepth(binary) != 1) return 0;
  BOXA* boxes = pixConnCompBB(binary, 8);
  if (boxes == nullptr) return 0;
  std::vector<int> heights;
  const int n = boxaGetCount(boxes);
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h) != 0) continue;
    if (h >= 4 && h <= std::max(8, dpi / 4) && w >= 2 && w <= 3 * h) heights.push_back(h);
  }
  boxaDestroy(&boxes);
  if (heights.size() < 50) return 0;
  auto middle = heights.begin() + long(heights.size() / 2);
  std::nth_element(heights.begin(), middle, heights.end());
  return *middle;
}

}  // namespace verdeelscan
