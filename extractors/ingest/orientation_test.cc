// Orientation detection (OSD) on real page images from samples/formats/, turned
// by each quarter turn in the test, and the box and text-layer geometry that
// goes with turning a page upright.
#include "extractors/ingest/orientation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <string>

namespace verdeelscan {
namespace {

const std::string kDir = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/";

double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

PixPtr ReadSample(const std::string& name) {
  QuietLeptonica();
  PixPtr pix(pixRead((kDir + name).c_str()));
  EXPECT_NE(pix, nullptr) << name;
  return pix;
}

TEST(OsdEngine, FindsTheTurnThatStandsEachPageUpright) {
  // A ruled table page (200 DPI, skewed 1.5°) and a noisy 150 DPI letter,
  // each turned clockwise by k quarter turns: OSD must say that a turn of
  // 360 - k stands it upright, and 0 for the page as it is.
  auto engine = ThreadOsdEngine("");
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const OrientationOptions options;
  for (const auto& [name, dpi] : {std::pair{"table_skewed.png", 200}, {"letter.jpg", 150}}) {
    PixPtr page = ReadSample(name);
    ASSERT_NE(page, nullptr);
    for (int turned : {0, 90, 180, 270}) {
      PixPtr input = TurnClockwise(page.get(), turned);
      ASSERT_NE(input, nullptr);
      const double start = ThreadCpuMs();
      const Orientation found = (*engine)->Detect(input.get(), dpi, options);
      const double ms = ThreadCpuMs() - start;
      EXPECT_TRUE(found.decided) << name << " turned " << turned;
      EXPECT_EQ(found.degrees, (360 - turned) % 360) << name << " turned " << turned;
      EXPECT_GE(found.confidence, options.min_confidence) << name << " turned " << turned;
      // Bounded cost (CPU time: wall time depends on the machine's load):
      // measured ~0.3 s, well under the page's OCR.
      EXPECT_LT(ms, 1500) << name;
    }
  }
  // The same thread gets the same engine back (Init once per thread).
  auto again = ThreadOsdEngine("");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *engine);
}

TEST(OsdEngine, WrongResolutionTagDoesNotReduceThePagePastLegibility) {
  // The 200 DPI table page taken for 600 DPI (a wrong tag): reducing it to
  // "150 DPI" would leave 50 DPI; the reduced copy keeps an A4 page's long
  // side at 150 DPI instead.
  auto engine = ThreadOsdEngine("");
  ASSERT_TRUE(engine.ok());
  PixPtr page = ReadSample("table_skewed.png");
  ASSERT_NE(page, nullptr);
  PixPtr sideways = TurnClockwise(page.get(), 90);
  const Orientation found = (*engine)->Detect(sideways.get(), 600, OrientationOptions{});
  EXPECT_EQ(found.degrees, 270);
}

TEST(OsdEngine, LandscapePageWithUprightTextStaysAsItIs) {
  // A legitimately landscape page (a wide sheet): the table page's upper
  // 1500 rows set twice side by side on an A4 landscape canvas. OSD judges
  // the text, not the page's shape.
  auto engine = ThreadOsdEngine("");
  ASSERT_TRUE(engine.ok());
  PixPtr page = ReadSample("table_skewed.png");
  ASSERT_NE(page, nullptr);
  PixPtr gray(pixConvertTo8(page.get(), 0));
  PixPtr landscape(pixCreate(2339, 1654, 8));
  pixSetAll(landscape.get());
  const int w = std::min(pixGetWidth(gray.get()), 2339 / 2);
  pixRasterop(landscape.get(), 0, 80, w, 1500, PIX_SRC, gray.get(), 0, 0);
  pixRasterop(landscape.get(), 2339 / 2, 80, w, 1500, PIX_SRC, gray.get(), 0, 0);
  const Orientation found = (*engine)->Detect(landscape.get(), 200, OrientationOptions{});
  EXPECT_TRUE(found.decided);
  EXPECT_EQ(found.degrees, 0);
  PixPtr sideways = TurnClockwise(landscape.get(), 270);  // now portrait, text sideways
  EXPECT_EQ((*engine)->Detect(sideways.get(), 200, OrientationOptions{}).degrees, 90);
}

TEST(OsdEngine, BlankPageIsLeftAsItIs) {
  PixPtr blank(pixCreate(1654, 2339, 8));
  pixSetAll(blank.get());  // white
  auto engine = ThreadOsdEngine("");
  ASSERT_TRUE(engine.ok());
  const Orientation found = (*engine)->Detect(blank.get(), 200, OrientationOptions{});
  EXPECT_FALSE(found.decided);
  EXPECT_EQ(found.degrees, 0);
}

TEST(OsdEngine, MissingModelNamesThePackage) {
  auto engine = OsdEngine::Create(::testing::TempDir());
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), Status::Code::kNotFound);
  EXPECT_NE(engine.status().message().find("tesseract-ocr-osd"), std::string::npos);
}

TEST(TurnClockwise, QuarterTurnsSwapTheSidesAndAreLossless) {
  PixPtr page(pixCreate(30, 20, 8));
  pixSetAll(page.get());
  pixSetPixel(page.get(), 0, 0, 0);  // a black dot top left
  PixPtr quarter = TurnClockwise(page.get(), 90);
  ASSERT_NE(quarter, nullptr);
  EXPECT_EQ(pixGetWidth(quarter.get()), 20);
  EXPECT_EQ(pixGetHeight(quarter.get()), 30);
  l_uint32 v = 255;
  pixGetPixel(quarter.get(), 19, 0, &v);  // top left turns to top right
  EXPECT_EQ(v, 0u);
  PixPtr back = TurnClockwise(quarter.get(), 270);
  l_int32 same = 0;
  pixEqual(back.get(), page.get(), &same);
  EXPECT_TRUE(same);
}

TEST(TurnBoxClockwise, FollowsThePixelsOfTheTurnedPage) {
  // A box on a 300 x 200 page, and where TurnClockwise moves its pixels.
  const BBox box{10, 20, 50, 30};
  const int w = 300, h = 200;
  PixPtr page(pixCreate(w, h, 1));
  BOX* b = boxCreate(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  pixSetInRect(page.get(), b);
  boxDestroy(&b);
  for (int degrees : {0, 90, 180, 270}) {
    PixPtr turned = TurnClockwise(page.get(), degrees);
    BOX* ink = nullptr;
    ASSERT_EQ(pixClipToForeground(turned.get(), nullptr, &ink), 0);
    l_int32 x, y, bw, bh;
    boxGetGeometry(ink, &x, &y, &bw, &bh);
    boxDestroy(&ink);
    const BBox want = TurnBoxClockwise(box, degrees, w, h);
    EXPECT_EQ(want.x0, x) << degrees;
    EXPECT_EQ(want.y0, y) << degrees;
    EXPECT_EQ(want.x1, x + bw) << degrees;
    EXPECT_EQ(want.y1, y + bh) << degrees;
  }
}

TEST(TextLayerTurn, MajorityOfCharactersDecides) {
  EXPECT_EQ(TextLayerTurn({}), 0);
  EXPECT_EQ(TextLayerTurn({{0, 40}, {1, 5}}), 0);    // a sideways stamp on an upright page
  EXPECT_EQ(TextLayerTurn({{1, 40}, {0, 5}}), 270);  // top to bottom: turn back
  EXPECT_EQ(TextLayerTurn({{2, 40}}), 180);
  EXPECT_EQ(TextLayerTurn({{3, 40}, {0, 10}}), 90);  // bottom to top
  EXPECT_EQ(TextLayerTurn({{1, 20}, {3, 20}}), 0);   // no majority: left as it is
}

}  // namespace
}  // namespace verdeelscan
