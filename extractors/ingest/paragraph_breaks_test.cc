#include "extractors/ingest/paragraph_breaks.h"

#include <gtest/gtest.h>

#include <vector>

namespace verdeelscan {
namespace {

// Lines of height 30 at pitch 40 (a 10 pt font at 300 dpi, 1.35 spacing),
// with `extra` pixels of space added before line i.
std::vector<LineGeometry> Page(int count, const std::vector<std::pair<int, int>>& extra) {
  std::vector<LineGeometry> out;
  int baseline = 300;
  for (int i = 0; i < count; ++i) {
    for (const auto& [at, px] : extra)
      if (at == i) baseline += px;
    out.push_back(LineGeometry{baseline - 24, baseline + 6, baseline, false});
    baseline += 40;
  }
  return out;
}

TEST(ParagraphBreaks, HalfLineSpaceEndsAParagraphEvenPixelsOfNoiseDoNot) {
  std::vector<LineGeometry> page = Page(10, {{4, 20}, {7, 40}});
  page[2].baseline += 3;  // baseline noise
  std::vector<bool> b = ParagraphBreaks(page);
  ASSERT_EQ(b.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(b[i], i == 4 || i == 7) << i;
}

TEST(ParagraphBreaks, DoubleSpacedPageBreaksOnlyAtTheWiderGaps) {
  // A text dump of a PDF printed: a half-line after every line, a full line
  // between paragraphs. The usual pitch is the half-line spaced one.
  std::vector<std::pair<int, int>> extra;
  for (int i = 1; i < 12; ++i) extra.push_back({i, i == 5 || i == 9 ? 40 : 20});
  std::vector<bool> b = ParagraphBreaks(Page(12, extra));
  for (int i = 0; i < 12; ++i) EXPECT_EQ(b[i], i == 5 || i == 9) << i;
}

TEST(ParagraphBreaks, ManyShortParagraphsKeepTheirBreaks) {
  // Half the gaps are paragraph gaps: the median pitch would be a break.
  std::vector<std::pair<int, int>> extra = {{2, 30}, {4, 30}, {6, 30}, {8, 30}, {9, 30}};
  std::vector<bool> b = ParagraphBreaks(Page(11, extra));
  for (int i = 0; i < 11; ++i) EXPECT_EQ(b[i], i == 2 || i == 4 || i == 6 || i == 8 || i == 9) << i;
}

TEST(ParagraphBreaks, NewBlockBreaksAndFirstLineNever) {
  std::vector<LineGeometry> page = Page(5, {{0, 500}});
  page[0].starts_block = true;
  page[3].starts_block = true;
  std::vector<bool> b = ParagraphBreaks(page);
  EXPECT_EQ(b, (std::vector<bool>{false, false, false, true, false}));
  EXPECT_EQ(ParagraphBreaks(Page(2, {{1, 200}})), (std::vector<bool>{false, false}))
      << "one pitch is no measure of the usual one";
  EXPECT_TRUE(ParagraphBreaks({}).empty());
}

TEST(ParagraphBreaks, LineAboveThePreviousIsNoBreak) {
  std::vector<LineGeometry> page = Page(6, {});
  page[3].baseline = page[2].baseline - 5;  // a fragment of the same row
  page[4].baseline = page[3].baseline + 40;
  page[5].baseline = page[4].baseline + 40;
  for (bool b : ParagraphBreaks(page)) EXPECT_FALSE(b);
}

TEST(InsertBreakLines, EmptyLinesOnlyInThePageRangeNumberedLikeTheLineBefore) {
  std::vector<TextLine> lines;
  lines.push_back(TextLine{"earlier page", 1, 7, {}, {}});
  for (int i = 1; i <= 4; ++i)
    lines.push_back(TextLine{"line " + std::to_string(i), 2, i, {10, 10 * i, 50, 10 * i + 8}, {}});
  InsertBreakLines(&lines, 1, {false, false, true, true});
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0].text, "earlier page");
  EXPECT_EQ(lines[2].text, "line 2");
  EXPECT_EQ(lines[3].text, "");
  EXPECT_TRUE(lines[3].words.empty());
  EXPECT_TRUE(lines[3].box.empty());
  EXPECT_EQ(lines[3].page, 2);
  EXPECT_EQ(lines[3].line_no, 2);
  EXPECT_EQ(lines[4].text, "line 3");
  EXPECT_EQ(lines[4].line_no, 3);
  EXPECT_EQ(lines[5].text, "");
  EXPECT_EQ(lines[6].text, "line 4");
}

}  // namespace
}  // namespace verdeelscan
