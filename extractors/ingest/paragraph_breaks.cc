#include "extractors/ingest/paragraph_breaks.h"

#include <algorithm>
#include <iterator>

namespace verdeelscan {
namespace {

double MedianHeight(const std::vector<LineGeometry>& lines) {
  std::vector<int> heights;
  for (const LineGeometry& g : lines)
    if (g.bottom > g.top) heights.push_back(g.bottom - g.top);
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

// The pitch inside paragraphs: the lower third of the positive pitches, at
// least one line height (0 when the page has fewer than two pitches).
double UsualPitch(const std::vector<LineGeometry>& lines, double height) {
  std::vector<int> pitches;
  for (size_t i = 1; i < lines.size(); ++i) {
    const int d = lines[i].baseline - lines[i - 1].baseline;
    if (d > 0) pitches.push_back(d);
  }
  if (pitches.size() < 2) return 0;
  std::sort(pitches.begin(), pitches.end());
  return std::max<double>(pitches[pitches.size() / 3], height);
}

}  // namespace

std::vector<bool> ParagraphBreaks(const std::vector<LineGeometry>& lines) {
  std::vector<bool> breaks(lines.size(), false);
  const double height = MedianHeight(lines);
  const double usual = UsualPitch(lines, height);
  for (size_t i = 1; i < lines.size(); ++i) {
    const int pitch = lines[i].baseline - lines[i - 1].baseline;
    const bool wide = usual > 0 && height > 0 && pitch >= usual + kBreakExcess * height;
    breaks[i] = lines[i].starts_block || wide;
  }
  return breaks;
}

void InsertBreakLines(std::vector<TextLine>* lines, size_t first, const std::vector<bool>& breaks) {
  if (first >= lines->size()) return;
  std::vector<TextLine> out;
  out.reserve(lines->size() - first + breaks.size());
  for (size_t i = first; i < lines->size(); ++i) {
    const size_t k = i - first;
    if (k > 0 && k < breaks.size() && breaks[k]) {
      TextLine empty;
      empty.page = (*lines)[i].page;
      empty.line_no = out.back().line_no;
      out.push_back(std::move(empty));
    }
    out.push_back(std::move((*lines)[i]));
  }
  lines->resize(first);
  std::move(out.begin(), out.end(), std::back_inserter(*lines));
}

}  // namespace verdeelscan
