#include "extractors/ingest/glyph_shapes.h"

#include <algorithm>
#include <vector>

#include "extractors/ingest/pix.h"

namespace verdeelscan {
namespace {

struct Glyph {
  int x = 0, y = 0, w = 0, h = 0;
  PixPtr pix;  // the component alone, clipped to its box
};

// The glyphs of `binary` left to right: its 8-connected components, without
// specks lower than a third of the tallest.
std::vector<Glyph> GlyphsOf(Pix* binary) {
  std::vector<Glyph> out;
  Pixa* parts = nullptr;
  Boxa* boxes = pixConnComp(binary, &parts, 8);
  if (boxes == nullptr || parts == nullptr) {
    boxaDestroy(&boxes);
    pixaDestroy(&parts);
    return out;
  }
  int tallest = 0;
  for (int i = 0; i < pixaGetCount(parts); ++i) {
    l_int32 x, y, w, h;
    pixaGetBoxGeometry(parts, i, &x, &y, &w, &h);
    tallest = std::max(tallest, h);
    out.push_back({x, y, w, h, PixPtr(pixaGetPix(parts, i, L_CLONE))});
  }
  boxaDestroy(&boxes);
  pixaDestroy(&parts);
  std::erase_if(out, [&](const Glyph& g) { return g.h * 3 < tallest; });
  std::sort(out.begin(), out.end(), [](const Glyph& a, const Glyph& b) { return a.x < b.x; });
  return out;
}

int Ink(Pix* pix) {
  l_int32 count = 0;
  pixCountPixels(pix, &count, nullptr);
  return count;
}

// |A∩B|² / (|A|·|B|) with B shifted by (dx, dy) against A.
double Overlap(const Glyph& a, const Glyph& b, int dx, int dy, int ink_a, int ink_b) {
  long common = 0;
  for (int y = 0; y < a.h; ++y)
    for (int x = 0; x < a.w; ++x) {
      const int bx = x + dx, by = y + dy;
      if (bx < 0 || by < 0 || bx >= b.w || by >= b.h) continue;
      l_uint32 va = 0, vb = 0;
      pixGetPixel(a.pix.get(), x, y, &va);
      pixGetPixel(b.pix.get(), bx, by, &vb);
      common += (va != 0 && vb != 0);
    }
  return double(common) * double(common) / (double(ink_a) * double(ink_b));
}

bool SameShape(const Glyph& a, const Glyph& b) {
  if (std::abs(a.w - b.w) > 1 || std::abs(a.h - b.h) > 1) return false;
  const int ink_a = Ink(a.pix.get()), ink_b = Ink(b.pix.get());
  if (ink_a == 0 || ink_b == 0) return false;
  double best = 0;
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) best = std::max(best, Overlap(a, b, dx, dy, ink_a, ink_b));
  return best >= kSameShapeScore;
}

}  // namespace

std::string SameShapeReadApart(Pix* binary, const std::string& text) {
  if (binary == nullptr || pixGetDepth(binary) != 1) return "";
  std::string chars;  // the characters that are glyphs of full height: not a point
  for (char c : text)
    if (c != '.' && c != ',' && c != ' ') chars += c;
  const std::vector<Glyph> glyphs = GlyphsOf(binary);
  if (glyphs.size() != chars.size() || glyphs.size() < 2) return "";
  for (size_t i = 0; i < glyphs.size(); ++i)
    for (size_t j = i + 1; j < glyphs.size(); ++j)
      if (chars[i] != chars[j] && SameShape(glyphs[i], glyphs[j]))
        return "'" + std::string(1, chars[i]) + "' and '" + std::string(1, chars[j]) + "'";
  return "";
}

}  // namespace verdeelscan
