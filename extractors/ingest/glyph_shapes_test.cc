#include "extractors/ingest/glyph_shapes.h"

#include <gtest/gtest.h>

#include <string>

#include "extractors/ingest/pix.h"

namespace verdeelscan {
namespace {

// The reference "7707079" as a clean scan of lettergen seed 11517 printed
// it (samples/formats/README.md), which Tesseract read as "7107079" at 0.96.
PixPtr ReferenceCrop() {
  const std::string path =
      std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/glyphs_7707079.png";
  PixPtr gray(pixRead(path.c_str()));
  EXPECT_NE(gray, nullptr) << path;
  return gray ? PixPtr(pixConvertTo1(gray.get(), 128)) : nullptr;
}

TEST(SameShapeReadApart, TwoSevensReadAsSevenAndOneAreNamed) {
  PixPtr crop = ReferenceCrop();
  ASSERT_NE(crop, nullptr);
  EXPECT_EQ(SameShapeReadApart(crop.get(), "7107079"), "'7' and '1'");
  EXPECT_EQ(SameShapeReadApart(crop.get(), "7707079"), "") << "the right reading: 7, 0, 9 differ";
  EXPECT_EQ(SameShapeReadApart(crop.get(), "770.7079"), "") << "a point is no glyph of full height";
}

TEST(SameShapeReadApart, NoVerdictWhenGlyphsAndCharactersDoNotPair) {
  PixPtr crop = ReferenceCrop();
  ASSERT_NE(crop, nullptr);
  EXPECT_EQ(SameShapeReadApart(crop.get(), "710707"), "") << "six characters, seven glyphs";
  EXPECT_EQ(SameShapeReadApart(crop.get(), ""), "");
  EXPECT_EQ(SameShapeReadApart(nullptr, "71"), "");
}

// Two glyphs drawn from rectangles: the same bar twice, and a bar beside an
// L of the same size, which shares only the bar's ink.
TEST(SameShapeReadApart, OnlyGlyphsOfOneShapeCount) {
  PixPtr same(pixCreate(80, 50, 1));
  pixRasterop(same.get(), 10, 5, 8, 40, PIX_SET, nullptr, 0, 0);
  pixRasterop(same.get(), 40, 5, 8, 40, PIX_SET, nullptr, 0, 0);
  EXPECT_EQ(SameShapeReadApart(same.get(), "17"), "'1' and '7'");
  PixPtr different(pixCreate(80, 50, 1));
  pixRasterop(different.get(), 10, 5, 20, 40, PIX_SET, nullptr, 0, 0);
  pixRasterop(different.get(), 40, 5, 6, 40, PIX_SET, nullptr, 0, 0);
  pixRasterop(different.get(), 40, 39, 20, 6, PIX_SET, nullptr, 0, 0);
  EXPECT_EQ(SameShapeReadApart(different.get(), "8L"), "");
}

}  // namespace
}  // namespace verdeelscan
