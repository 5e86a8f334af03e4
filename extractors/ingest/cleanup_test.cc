// Tests of the page cleanup's artefact handling (cleanup.h, artefacts.h) on
// drawn pages and on a real page of samples/formats/: masks take away bars,
// borders, punch holes and coloured ink and never text; 1-bit pages lose
// their specks, not their punctuation; small text is measured.
#include "extractors/ingest/cleanup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>

#include "extractors/ingest/artefacts.h"
#include "extractors/ingest/pix.h"

namespace verdeelscan {
namespace {

const std::string kDir = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/";

long BlackIn(Pix* binary, int x, int y, int w, int h) {
  Box* box = boxCreate(x, y, w, h);
  PixPtr part(pixClipRectangle(binary, box, nullptr));
  boxDestroy(&box);
  l_int32 black = 0;
  pixCountPixels(part.get(), &black, nullptr);
  return black;
}

PixPtr WhitePage(int w, int h, int depth) {
  PixPtr page(pixCreate(w, h, depth));
  if (depth == 1) {
    pixClearAll(page.get());  // 0 = white in 1 bpp
  } else {
    pixSetAll(page.get());
  }
  return page;
}

// Black "text": strokes 4 px wide, like 12 pt digits at 300 DPI.
void DrawStrokes(Pix* page, int x, int y, int count) {
  for (int k = 0; k < count; ++k) {
    const int x0 = x + k * 30;
    pixRenderLine(page, x0, y, x0, y + 30, 4, L_CLEAR_PIXELS);
    pixRenderLine(page, x0, y, x0 + 16, y, 4, L_CLEAR_PIXELS);
  }
}

CleanupOptions At(int dpi) {
  CleanupOptions opts;
  opts.dpi = dpi;
  opts.deskew = false;
  return opts;
}

TEST(CleanPageImage, RedactionBarBorderAndPunchHolesAreMaskedTextIsNot) {
  QuietLeptonica();
  PixPtr page = WhitePage(1200, 900, 8);
  pixRasterop(page.get(), 300, 200, 500, 50, PIX_CLR, nullptr, 0, 0);  // redaction bar
  pixRasterop(page.get(), 0, 0, 30, 900, PIX_CLR, nullptr, 0, 0);      // dark border
  for (int y : {300, 600}) {
    // Punch holes: dark disks of radius 40.
    for (int dy = -40; dy <= 40; ++dy) {
      for (int dx = -40; dx <= 40; ++dx) {
        if (dx * dx + dy * dy <= 1600) pixSetPixel(page.get(), 100 + dx, y + dy, 20);
      }
    }
  }
  DrawStrokes(page.get(), 300, 400, 10);
  auto clean = CleanPageImage(page.get(), 1.0, At(300));
  ASSERT_TRUE(clean.ok());
  Pix* binary = clean->binary.get();
  EXPECT_GT(clean->masked_pixels, 500L * 50);
  // Before masking, Sauvola left each dark area's outline (an "O" for a hole).
  EXPECT_EQ(BlackIn(binary, 290, 190, 520, 70), 0);
  EXPECT_EQ(BlackIn(binary, 0, 0, 40, 900), 0);
  EXPECT_EQ(BlackIn(binary, 55, 255, 90, 90), 0);
  EXPECT_EQ(BlackIn(binary, 55, 555, 90, 90), 0);
  // The strokes are all there.
  const long strokes = BlackIn(binary, 290, 390, 320, 50);
  CleanupOptions unmasked = At(300);
  unmasked.mask_artefacts = false;
  auto plain = CleanPageImage(page.get(), 1.0, unmasked);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(strokes, BlackIn(plain->binary.get(), 290, 390, 320, 50));
  EXPECT_GT(BlackIn(plain->binary.get(), 290, 190, 520, 70), 500);
}

TEST(CleanPageImage, ColouredInkIsMaskedBlackTextCrossingItStays) {
  QuietLeptonica();
  PixPtr page = WhitePage(1000, 600, 32);
  // A red stamp's frame and a blue tick...
  Box* frame = boxCreate(500, 100, 400, 150);
  pixRenderBoxArb(page.get(), frame, 6, 200, 30, 40);
  boxDestroy(&frame);
  pixRenderLineArb(page.get(), 150, 330, 320, 280, 6, 30, 50, 170);
  // ...over black strokes.
  PixPtr black_only = WhitePage(1000, 600, 32);
  for (Pix* p : {page.get(), black_only.get()}) {
    for (int k = 0; k < 8; ++k)
      pixRenderLineArb(p, 160 + 30 * k, 280, 160 + 30 * k, 330, 4, 0, 0, 0);
  }
  auto clean = CleanPageImage(page.get(), 1.0, At(300));
  auto reference = CleanPageImage(black_only.get(), 1.0, At(300));
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(reference.ok());
  EXPECT_EQ(BlackIn(clean->binary.get(), 480, 80, 440, 190), 0);  // the stamp is gone
  // The strokes the tick crosses keep (almost) all their ink, and the tick
  // between them is gone.
  const long with_tick = BlackIn(clean->binary.get(), 140, 260, 280, 90);
  const long without = BlackIn(reference->binary.get(), 140, 260, 280, 90);
  EXPECT_GE(with_tick, without * 95 / 100);
  EXPECT_LE(with_tick, without * 105 / 100);
}

// A half-transparent ballpoint tick after JPEG compression: pale blue
// (120, 130, 175), saturation 55, grey enough for Sauvola to keep it as ink
// on a page with grey paper. Read with the stroke it crossed, "169" became
// "99" on a generated page. The tick is painted out; the black strokes it
// crosses stay black.
TEST(MaskColouredInk, PaleTickIsMaskedBlackStrokesStay) {
  QuietLeptonica();
  PixPtr page = WhitePage(1000, 600, 32);
  // Half-transparent ink over black stays black: the strokes are drawn last.
  pixRenderLineArb(page.get(), 150, 330, 320, 280, 6, 120, 130, 175);
  for (int k = 0; k < 8; ++k)
    pixRenderLineArb(page.get(), 160 + 30 * k, 280, 160 + 30 * k, 330, 4, 0, 0, 0);
  PixPtr gray(pixConvertRGBToLuminance(page.get()));
  ASSERT_TRUE(gray);
  auto darkest_between_strokes = [&] {
    l_uint32 darkest = 255;
    for (int x = 150; x < 320; ++x) {
      if ((x - 160 + 6) % 30 < 12) continue;  // a stroke and its fringe
      for (int y = 270; y < 340; ++y) {
        l_uint32 v = 255;
        pixGetPixel(gray.get(), x, y, &v);
        darkest = std::min(darkest, v);
      }
    }
    return darkest;
  };
  ASSERT_LT(darkest_between_strokes(), 160u);  // the tick is there
  EXPECT_GT(MaskColouredInk(page.get(), gray.get(), 300), 0);
  EXPECT_EQ(darkest_between_strokes(), 255u);  // and gone
  for (int k = 0; k < 8; ++k) {
    l_uint32 v = 255;
    pixGetPixel(gray.get(), 160 + 30 * k, 300, &v);
    EXPECT_LT(v, 60u) << "stroke " << k;
  }
}

// table_skewed.png cleaned at 200 DPI with deskew into *a, and again into *b
// with `change` applied to the options: one cleanup step against its absence.
void CleanSkewedTableTwice(const std::function<void(CleanupOptions&)>& change, CleanPage* a,
                           CleanPage* b) {
  QuietLeptonica();
  PixPtr page(pixRead((kDir + "table_skewed.png").c_str()));
  ASSERT_TRUE(page);
  CleanupOptions first = At(200);
  first.deskew = true;
  CleanupOptions second = first;
  change(second);
  auto cleaned_a = CleanPageImage(page.get(), 1.0, first);
  auto cleaned_b = CleanPageImage(page.get(), 1.0, second);
  ASSERT_TRUE(cleaned_a.ok());
  ASSERT_TRUE(cleaned_b.ok());
  *a = std::move(*cleaned_a);
  *b = std::move(*cleaned_b);
}

TEST(CleanPageImage, PageWithoutArtefactsIsUnchangedByTheMasks) {
  CleanPage masked, unmasked;
  ASSERT_NO_FATAL_FAILURE(CleanSkewedTableTwice([](CleanupOptions& o) { o.mask_artefacts = false; },
                                                &masked, &unmasked));
  const CleanPage* a = &masked;
  const CleanPage* b = &unmasked;
  EXPECT_EQ(a->masked_pixels, 0);
  l_int32 same = 0;
  pixEqual(a->binary.get(), b->binary.get(), &same);
  EXPECT_TRUE(same);
}

TEST(CleanPageImage, OneBitPageLosesSpecksKeepsPunctuationAndIsNotRebinarised) {
  QuietLeptonica();
  PixPtr page = WhitePage(1200, 900, 1);
  for (int row = 0; row < 6; ++row) {
    const int y = 100 + row * 100;
    for (int k = 0; k < 20; ++k) {
      // Digit-like blocks with a thin (2 px) stroke, and a full stop (2x2)
      // 3 px after every fifth one.
      const int x = 100 + k * 45;
      pixRasterop(page.get(), x, y, 2, 28, PIX_SET, nullptr, 0, 0);
      pixRasterop(page.get(), x, y, 16, 2, PIX_SET, nullptr, 0, 0);
      pixRasterop(page.get(), x + 14, y, 2, 28, PIX_SET, nullptr, 0, 0);
      if (k % 5 == 4) pixRasterop(page.get(), x + 19, y + 26, 2, 2, PIX_SET, nullptr, 0, 0);
    }
  }
  // Toner specks in the white space between the rows.
  int specks = 0;
  for (int y = 150; y < 700; y += 100) {
    for (int x = 120; x < 1100; x += 97, ++specks) {
      pixRasterop(page.get(), x, y, 1 + specks % 3, 1 + specks % 2, PIX_SET, nullptr, 0, 0);
    }
  }
  auto clean = CleanPageImage(page.get(), 1.0, At(200));
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->bilevel);
  EXPECT_EQ(clean->specks_removed, specks);
  Pix* binary = clean->binary.get();
  for (int y = 150; y < 700; y += 100) EXPECT_EQ(BlackIn(binary, 100, y - 10, 1000, 20), 0) << y;
  // The full stops stay, and the thin strokes keep their width.
  EXPECT_GE(BlackIn(binary, 100 + 4 * 45 + 18, 124, 5, 6), 4);
  EXPECT_GE(BlackIn(binary, 100, 110, 2, 10), 20);
}

TEST(CleanPageImage, OneBitPageLosesTheFragmentsOfABrokenRulingNotTheDigitsTouchingIt) {
  QuietLeptonica();
  // A fax's ruling (3 px) broken into long pieces and short dashes, with a
  // one-pixel sliver just above it where a staircase step was deskewed, and
  // a digit's stroke standing on it.
  PixPtr page = WhitePage(1200, 900, 1);
  for (int row = 0; row < 3; ++row) {
    for (int k = 0; k < 30; ++k) {
      pixRasterop(page.get(), 150 + k * 30, 200 + 50 * row, 4, 30, PIX_SET, nullptr, 0, 0);
    }
  }
  const int y = 500;
  for (auto [x0, x1] : {std::pair{100, 400}, {420, 460}, {480, 800}, {820, 850}, {870, 1100}}) {
    pixRasterop(page.get(), x0, y, x1 - x0, 3, PIX_SET, nullptr, 0, 0);
  }
  pixRasterop(page.get(), 300, y - 3, 40, 1, PIX_SET, nullptr, 0, 0);   // the sliver
  pixRasterop(page.get(), 600, y - 30, 5, 30, PIX_SET, nullptr, 0, 0);  // a digit's stroke
  auto clean = CleanPageImage(page.get(), 1.0, At(300));
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(clean->bilevel);
  Pix* binary = clean->binary.get();
  // Nothing of the ruling is left, the dashes and the sliver included...
  EXPECT_EQ(BlackIn(binary, 90, y - 6, 500, 15), 0);
  EXPECT_EQ(BlackIn(binary, 610, y - 6, 500, 15), 0);
  // ...and the stroke above it stays, as does the text.
  EXPECT_GE(BlackIn(binary, 600, y - 30, 5, 27), 5 * 26);
  EXPECT_EQ(BlackIn(binary, 150, 200, 900, 130), BlackIn(page.get(), 150, 200, 900, 130));
  // Without the ruling search the dashes are there.
  CleanupOptions keep = At(300);
  keep.remove_rulings = false;
  auto plain = CleanPageImage(page.get(), 1.0, keep);
  ASSERT_TRUE(plain.ok());
  EXPECT_GT(BlackIn(plain->binary.get(), 420, y, 40, 3), 100);
}

TEST(CleanPageImage, LightPhotocopyIsStretchedAndKeepsItsStrokesWhole) {
  QuietLeptonica();
  // Grey strokes (level 150) on grey paper (215), as a light photocopy has them.
  PixPtr page(pixCreate(1200, 900, 8));
  pixSetAllArbitrary(page.get(), 215);
  for (int row = 0; row < 8; ++row) {
    for (int k = 0; k < 20; ++k) {
      const int x = 100 + k * 50, y = 100 + row * 90;
      for (int dy = 0; dy < 40; ++dy) {
        for (int dx = 0; dx < 5; ++dx) {
          pixSetPixel(page.get(), x + dx, y + dy, 150);
          pixSetPixel(page.get(), x + dx + 15, y + dy, 150);
        }
        if (dy < 5) {
          for (int dx = 0; dx < 20; ++dx) pixSetPixel(page.get(), x + dx, y + dy, 150);
        }
      }
    }
  }
  auto clean = CleanPageImage(page.get(), 1.0, At(300));
  CleanupOptions plain_options = At(300);
  plain_options.stretch_contrast = false;
  auto plain = CleanPageImage(page.get(), 1.0, plain_options);
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(clean->stretched);
  // Each stroke column is 5 x 40 = 200 pixels: whole when stretched.
  const long ink = 8 * 20 * (2 * 200 + 10 * 5);
  EXPECT_GE(BlackIn(clean->binary.get(), 0, 0, 1200, 900), ink * 95 / 100);
  EXPECT_LE(BlackIn(clean->binary.get(), 0, 0, 1200, 900), ink * 105 / 100);
  EXPECT_LT(BlackIn(plain->binary.get(), 0, 0, 1200, 900), ink * 80 / 100);
  // A page with black ink on white paper is not touched.
  PixPtr sharp = WhitePage(600, 400, 8);
  DrawStrokes(sharp.get(), 100, 100, 10);
  PixPtr copy(pixCopy(nullptr, sharp.get()));
  EXPECT_FALSE(StretchLowContrast(sharp.get()));
  l_int32 same = 0;
  pixEqual(sharp.get(), copy.get(), &same);
  EXPECT_TRUE(same);
}

// A light photocopy's last page: three lines of grey ink (the signature of
// lettergen seed 5204, ~0.1% of the page) on grainy paper. The darkest half
// percent is paper there, so the page was not stretched and read no word at
// all; its ink is the darkest 0.05%. Grain alone, as strong, is no ink.
TEST(StretchLowContrast, APageOfAFewLinesIsStretchedGrainAloneIsNot) {
  QuietLeptonica();
  auto grainy = [](int spread) {
    PixPtr page(pixCreate(2480, 3506, 8));
    unsigned seed = 7;
    for (int y = 0; y < 3506; ++y)
      for (int x = 0; x < 2480; ++x) {
        seed = seed * 1103515245u + 12345u;  // a fixed sequence: the test repeats
        pixSetPixel(page.get(), x, y,
                    228 + static_cast<int>((seed >> 16) % (2 * spread + 1)) - spread);
      }
    return page;
  };
  PixPtr page = grainy(4);
  for (int line = 0; line < 3; ++line)
    for (int k = 0; k < 40; ++k)
      for (int dy = 0; dy < 30; ++dy)
        for (int dx = 0; dx < 6; ++dx)
          pixSetPixel(page.get(), 260 + k * 20 + dx, 300 + line * 60 + dy, 170);
  EXPECT_TRUE(StretchLowContrast(page.get()));
  l_uint32 stroke = 255;
  pixGetPixel(page.get(), 262, 310, &stroke);
  EXPECT_LT(stroke, 100u) << "the grey ink is made dark";
  PixPtr blank = grainy(14);
  EXPECT_FALSE(StretchLowContrast(blank.get())) << "a blank page's grain";
}

// A light photocopy's grey speckle thresholds to black dots once the page
// is stretched; Tesseract took dots at a line's start for a word and gave
// them the line's first word. Isolated specks go, a full stop beside its
// glyph stays, and without the option the specks are there.
TEST(CleanPageImage, LightPhotocopyLosesItsIsolatedSpecksNotItsFullStops) {
  QuietLeptonica();
  PixPtr page(pixCreate(1200, 900, 8));
  pixSetAllArbitrary(page.get(), 212);
  auto fill = [&](int x, int y, int w, int h) {
    for (int dy = 0; dy < h; ++dy)
      for (int dx = 0; dx < w; ++dx) pixSetPixel(page.get(), x + dx, y + dy, 125);
  };
  for (int row = 0; row < 8; ++row) {
    for (int k = 0; k < 20; ++k) {
      const int x = 100 + k * 50, y = 100 + row * 90;
      fill(x, y, 5, 40), fill(x + 15, y, 5, 40), fill(x, y, 20, 5);
      if (k % 5 == 4) fill(x + 24, y + 35, 5, 5);  // a full stop 4 px after it
    }
  }
  // Specks of 3 to 6 px in the white space between the rows.
  int specks = 0;
  for (int y = 160; y < 760; y += 90) {
    for (int x = 130; x < 1100; x += 97, ++specks) fill(x, y, 3 + specks % 4, 3 + specks % 4);
  }
  auto clean = CleanPageImage(page.get(), 1.0, At(300));
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(clean->stretched);
  EXPECT_EQ(clean->specks_removed, specks);
  Pix* binary = clean->binary.get();
  for (int y = 160; y < 760; y += 90) EXPECT_EQ(BlackIn(binary, 100, y - 4, 1050, 16), 0) << y;
  EXPECT_GE(BlackIn(binary, 100 + 4 * 50 + 24, 135, 5, 5), 20);  // the full stop
  CleanupOptions keep = At(300);
  keep.despeckle_stretched = false;
  auto speckled = CleanPageImage(page.get(), 1.0, keep);
  ASSERT_TRUE(speckled.ok());
  EXPECT_EQ(speckled->specks_removed, 0);
  EXPECT_GT(BlackIn(speckled->binary.get(), 100, 156, 1050, 16), 0);
}

TEST(CleanPageImage, LightPhotocopyWithAFadedPatchKeepsTheStrokesInThePatch) {
  QuietLeptonica();
  // Grey strokes (130) on grey paper (215); in the lower right quarter the
  // toner faded to 190, 25 levels from the paper (without the tile stretch
  // Sauvola keeps 15% of their ink).
  PixPtr page(pixCreate(1200, 900, 8));
  pixSetAllArbitrary(page.get(), 215);
  for (int row = 0; row < 8; ++row) {
    for (int k = 0; k < 20; ++k) {
      const int x = 100 + k * 50, y = 100 + row * 90;
      const int ink = row >= 4 && k >= 10 ? 190 : 130;
      for (int dy = 0; dy < 40; ++dy) {
        for (int dx = 0; dx < 5; ++dx) {
          pixSetPixel(page.get(), x + dx, y + dy, ink);
          pixSetPixel(page.get(), x + dx + 15, y + dy, ink);
        }
        if (dy < 5) {
          for (int dx = 0; dx < 20; ++dx) pixSetPixel(page.get(), x + dx, y + dy, ink);
        }
      }
    }
  }
  auto clean = CleanPageImage(page.get(), 1.0, At(300));
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->stretched);
  // 4 rows of 10 glyphs of 2 x 200 + 10 x 5 pixels in the patch: whole.
  const long faded = 4 * 10 * (2 * 200 + 10 * 5);
  EXPECT_GE(BlackIn(clean->binary.get(), 580, 440, 600, 400), faded * 90 / 100);
  EXPECT_LE(BlackIn(clean->binary.get(), 580, 440, 600, 400), faded * 110 / 100);
  // The paper between the glyphs stays white.
  EXPECT_EQ(BlackIn(clean->binary.get(), 0, 0, 1200, 90), 0);
}

TEST(CleanPageImage, ThresholdMapAtHalfResolutionKeepsTheInkOfAFullResolutionMap) {
  CleanPage reduced, full;
  ASSERT_NO_FATAL_FAILURE(CleanSkewedTableTwice(
      [](CleanupOptions& o) { o.reduced_threshold_map = false; }, &reduced, &full));
  const CleanPage* a = &reduced;
  const CleanPage* b = &full;
  ASSERT_EQ(pixGetWidth(a->binary.get()), pixGetWidth(b->binary.get()));
  ASSERT_EQ(pixGetHeight(a->binary.get()), pixGetHeight(b->binary.get()));
  EXPECT_EQ(a->deskew_degrees, b->deskew_degrees);
  l_int32 ink = 0, differ = 0;
  pixCountPixels(b->binary.get(), &ink, nullptr);
  PixPtr xored(pixXor(nullptr, a->binary.get(), b->binary.get()));
  pixCountPixels(xored.get(), &differ, nullptr);
  ASSERT_GT(ink, 10000);
  // Not the same pixels (the map is coarser), but the same strokes: the
  // pixels that differ are a few percent of the ink, on stroke edges.
  EXPECT_GT(differ, 0);
  EXPECT_LT(differ, ink * 3 / 100);
}

TEST(CleanPageImage, ThresholdMapAtHalfResolutionFollowsUnevenPaper) {
  QuietLeptonica();
  // Paper darkening from 240 on the left to 120 on the right (a shadow), ink
  // 120 levels darker than the paper beside it: no global threshold keeps the
  // strokes on the left black and the paper on the right white at once.
  PixPtr page(pixCreate(1200, 900, 8));
  for (int y = 0; y < 900; ++y) {
    for (int x = 0; x < 1200; ++x) pixSetPixel(page.get(), x, y, 240 - x / 10);
  }
  for (int k = 0; k < 20; ++k) {
    const int x = 100 + k * 50;
    for (int y = 400; y < 440; ++y) {
      for (int dx = 0; dx < 5; ++dx) pixSetPixel(page.get(), x + dx, y, 120 - (x + dx) / 10);
    }
  }
  CleanupOptions opts = At(300);
  opts.stretch_contrast = false;
  opts.mask_artefacts = false;
  auto clean = CleanPageImage(page.get(), 1.0, opts);
  ASSERT_TRUE(clean.ok());
  EXPECT_GE(BlackIn(clean->binary.get(), 0, 400, 1200, 40), 20 * 5 * 40 * 95 / 100);
  EXPECT_LE(BlackIn(clean->binary.get(), 0, 400, 1200, 40), 20 * 5 * 40 * 105 / 100);
  EXPECT_EQ(BlackIn(clean->binary.get(), 0, 0, 1200, 300), 0);
}

TEST(Artefacts, BilevelAndGlyphHeightMeasures) {
  QuietLeptonica();
  PixPtr page(pixRead((kDir + "table_skewed.png").c_str()));
  ASSERT_TRUE(page);
  PixPtr gray(pixConvertTo8(page.get(), 0));
  EXPECT_FALSE(IsBilevel(gray.get()));
  PixPtr binary(pixConvertTo1(gray.get(), 128));
  PixPtr back(pixConvertTo8(binary.get(), 0));
  EXPECT_TRUE(IsBilevel(back.get()));
  // A light photocopy page of a few lines: paper, and under 1% of pixels
  // mid-grey, all of it ink. Not bilevel, or a threshold at the middle wipes
  // its text (lettergen seed 5003, the signature page of a photocopy).
  PixPtr light(pixCreate(1200, 1600, 8));
  pixSetAllArbitrary(light.get(), 235);
  for (int x = 100; x < 700; x += 12)
    for (int y = 200; y < 230; ++y)
      for (int dx = 0; dx < 4; ++dx) pixSetPixel(light.get(), x + dx, y, 150);
  EXPECT_FALSE(IsBilevel(light.get()));
  // 10-12 pt text at 200 DPI: digits and capitals ~20 px, x-height ~13.
  const int full = MedianGlyphHeight(binary.get(), 200);
  EXPECT_GE(full, 12);
  EXPECT_LE(full, 24);
  PixPtr half(pixScale(gray.get(), 0.5f, 0.5f));
  PixPtr half_binary(pixConvertTo1(half.get(), 128));
  EXPECT_NEAR(MedianGlyphHeight(half_binary.get(), 200), full / 2.0, 2.0);
}

}  // namespace
}  // namespace verdeelscan
