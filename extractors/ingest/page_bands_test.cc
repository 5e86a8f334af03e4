// Cutting a cleaned page into bands (page_bands.h) and joining what the
// bands read (ocr.h AppendPageLines), on synthetic 1-bit pages; the sweeps
// measure what banding does to recognition.
#include "extractors/ingest/page_bands.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <string>
#include <vector>

#include "extractors/ingest/ocr.h"

namespace verdeelscan {
namespace {

// A white 1-bit page of `width` x `height` with a black bar over rows
// [top, bottom) of every span given.
struct Rows {
  int top, bottom;
};
PixPtr PageWithInk(int width, int height, const std::vector<Rows>& inked) {
  PixPtr pix(pixCreate(width, height, 1));
  for (const Rows& r : inked) {
    pixRasterop(pix.get(), 10, r.top, width - 20, r.bottom - r.top, PIX_SET, nullptr, 0, 0);
  }
  return pix;
}

// Text lines of 30 rows every 50 rows from row 100 to ~row 2900.
std::vector<Rows> EvenLines(int from, int to) {
  std::vector<Rows> lines;
  for (int y = from; y + 30 <= to; y += 50) lines.push_back({y, y + 30});
  return lines;
}

bool Inked(Pix* pix, int row) {
  l_uint32 v = 0;
  for (int x = 0; x < pixGetWidth(pix); ++x) {
    pixGetPixel(pix, x, row, &v);
    if (v != 0) return true;
  }
  return false;
}

TEST(CutIntoBands, TwoBandsCutInTheGapNearestTheMiddleOfTheInk) {
  const PixPtr page = PageWithInk(1000, 3000, EvenLines(100, 2900));
  const std::vector<PageBand> bands = CutIntoBands(page.get(), 2, 12);
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_EQ(bands[0].top, 0);
  EXPECT_EQ(bands[1].top, bands[0].rows);
  EXPECT_EQ(bands[1].top + bands[1].rows, 3000);
  // In a gap (rows without ink on either side of the cut), near the middle.
  EXPECT_FALSE(Inked(page.get(), bands[1].top));
  EXPECT_FALSE(Inked(page.get(), bands[1].top - 1));
  EXPECT_NEAR(bands[1].top, 1500, 50);
}

TEST(CutIntoBands, GapsNarrowerThanAskedOrAPageOfOneBlockStayWhole) {
  // Lines 45 rows tall every 50: gaps of 5 rows, under the 12 asked for.
  std::vector<Rows> dense;
  for (int y = 100; y + 45 <= 2900; y += 50) dense.push_back({y, y + 45});
  const PixPtr tight = PageWithInk(1000, 3000, dense);
  EXPECT_EQ(CutIntoBands(tight.get(), 2, 12).size(), 1u);
  const PixPtr block = PageWithInk(1000, 3000, {{100, 2900}});
  EXPECT_EQ(CutIntoBands(block.get(), 2, 12).size(), 1u);
  const PixPtr blank(pixCreate(1000, 3000, 1));
  const std::vector<PageBand> whole = CutIntoBands(blank.get(), 2, 12);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].rows, 3000);
}

TEST(CutIntoBands, NoSliverWhenTheOnlyGapIsFarFromTheMiddle) {
  // Ink from 100 to 2900, its one gap at 400-460: far from the middle
  // (1500), so the page is not cut into a band of a few lines and the rest.
  const PixPtr page = PageWithInk(1000, 3000, {{100, 400}, {460, 2900}});
  EXPECT_EQ(CutIntoBands(page.get(), 2, 12).size(), 1u);
}

TEST(CutIntoBands, TheCutsDependOnTheImageAlone) {
  const PixPtr page = PageWithInk(1000, 3000, EvenLines(300, 2500));
  const std::vector<PageBand> first = CutIntoBands(page.get(), 2, 12);
  const std::vector<PageBand> again = CutIntoBands(page.get(), 2, 12);
  ASSERT_EQ(first.size(), again.size());
  for (size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].top, again[i].top);
}

// Lines of two bands join in order, numbered from 1, with the paragraph break
// that falls between the bands found as one inside a band would be.
TEST(AppendPageLines, BandsJoinNumberedWithTheBreakBetweenThem) {
  const auto line = [](const std::string& text) {
    TextLine l;
    l.page = 1;
    l.text = text;
    l.words.push_back(Word{});
    l.words.back().text = text;
    return l;
  };
  const auto at = [](int top, bool block) {
    LineGeometry g;
    g.top = top;
    g.bottom = top + 40;
    g.baseline = top + 32;
    g.starts_block = block;
    return g;
  };
  std::vector<BandReading> bands(2);
  for (int i = 0; i < 4; ++i) {
    bands[0].lines.push_back(line("a" + std::to_string(i)));
    bands[0].geometry.push_back(at(100 + 50 * i, i == 0));
  }
  // The second band starts after a blank line's space (a paragraph break),
  // and its first line opened a block of that band's own reading.
  for (int i = 0; i < 3; ++i) {
    bands[1].lines.push_back(line("b" + std::to_string(i)));
    bands[1].geometry.push_back(at(400 + 50 * i, i == 0));
  }
  std::vector<TextLine> lines;
  AppendPageLines(bands, &lines);
  ASSERT_EQ(lines.size(), 8u);  // 7 lines and one empty line between the bands
  EXPECT_EQ(lines[3].text, "a3");
  EXPECT_TRUE(lines[4].words.empty());
  EXPECT_EQ(lines[5].text, "b0");
  EXPECT_EQ(lines[5].line_no, 5);
  EXPECT_EQ(lines[7].line_no, 7);

  // Without the space, the band's own block start is no break of the page.
  bands[1].geometry.clear();
  for (int i = 0; i < 3; ++i) bands[1].geometry.push_back(at(300 + 50 * i, i == 0));
  lines.clear();
  AppendPageLines(bands, &lines);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[4].text, "b0");
}

}  // namespace
}  // namespace verdeelscan
