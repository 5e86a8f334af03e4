#include "extractors/ingest/page_bands.h"

#include <leptonica/allheaders.h>

#include <cstdlib>
#include <optional>

namespace verdeelscan {
namespace {

// Black pixels in each row of `binary`; empty on failure.
std::vector<int> InkPerRow(Pix* binary) {
  std::vector<int> ink;
  l_int32* tab = makePixelSumTab8();
  NUMA* counts = pixCountPixelsByRow(binary, tab);
  LEPT_FREE(tab);
  if (counts == nullptr) return ink;
  const int n = numaGetCount(counts);
  ink.resize(size_t(n));
  for (int i = 0; i < n; ++i) {
    l_int32 v = 0;
    numaGetIValue(counts, i, &v);
    ink[size_t(i)] = v;
  }
  numaDestroy(&counts);
  return ink;
}

// Middles of the runs of at least `min_gap` ink-free rows between `first`
// and `last` (rows with ink).
std::vector<int> GapMiddles(const std::vector<int>& ink, int first, int last, int min_gap) {
  std::vector<int> middles;
  int run_start = -1;
  for (int y = first; y <= last; ++y) {
    if (ink[size_t(y)] == 0) {
      if (run_start < 0) run_start = y;
      continue;
    }
    if (run_start >= 0 && y - run_start >= min_gap) middles.push_back((run_start + y) / 2);
    run_start = -1;
  }
  return middles;
}

}  // namespace

std::vector<PageBand> CutIntoBands(Pix* binary, int bands, int min_gap) {
  const int height = binary != nullptr ? pixGetHeight(binary) : 0;
  const std::vector<PageBand> whole{PageBand{0, height}};
  if (binary == nullptr || pixGetDepth(binary) != 1 || bands < 2) return whole;
  const std::vector<int> ink = InkPerRow(binary);
  if (int(ink.size()) != height) return whole;
  int first = 0, last = height - 1;
  while (first < height && ink[size_t(first)] == 0) ++first;
  while (last > first && ink[size_t(last)] == 0) --last;
  if (first >= last) return whole;
  const std::vector<int> gaps = GapMiddles(ink, first, last, std::max(1, min_gap));
  const double share = double(last - first) / bands;
  std::vector<int> cuts;
  for (int k = 1; k < bands; ++k) {
    const double target = first + share * k;
    std::optional<int> best;
    for (int middle : gaps) {
      if (std::abs(middle - target) > share / 4) continue;
      if (!best || std::abs(middle - target) < std::abs(*best - target)) best = middle;
    }
    if (best) cuts.push_back(*best);
  }
  std::vector<PageBand> out;
  int top = 0;
  for (int cut : cuts) {
    out.push_back(PageBand{top, cut - top});
    top = cut;
  }
  out.push_back(PageBand{top, height - top});
  return out;
}

}  // namespace verdeelscan
