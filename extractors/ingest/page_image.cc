#include "extractors/ingest/page_image.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace verdeelscan {
namespace {

StatusOr<std::string> EncodePng(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemPng(&data, &size, pix, 0.0f) != 0 || data == nullptr) {
    return Status::ResourceExhausted("cannot encode an image as PNG");
  }
  std::string out(reinterpret_cast<const char*>(data), size);
  std::free(data);
  return out;
}

// `pix` (8 bpp) scaled by `factor`: area mapping for a real reduction (it
// refuses factors of 0.7 and more), linear interpolation otherwise; the
// input when 1.
PixPtr Scaled(Pix* pix, float factor) {
  if (std::fabs(factor - 1.0f) < 0.01f) return PixPtr(pixClone(pix));
  return PixPtr(factor < 0.7f ? pixScaleAreaMap(pix, factor, factor)
                              : pixScaleGrayLI(pix, factor, factor));
}

}  // namespace

StatusOr<std::string> CropPng(const UprightPage& page, const BBox& box, int margin, int height) {
  if (!page.gray) return Status::InvalidArgument("no page image");
  const double s = page.scale;
  const int w = pixGetWidth(page.gray.get()), h = pixGetHeight(page.gray.get());
  const int x0 = std::max(0, int(std::floor((box.x0 - margin) * s)));
  const int y0 = std::max(0, int(std::floor((box.y0 - margin) * s)));
  const int x1 = std::min(w, int(std::ceil((box.x1 + margin) * s)));
  const int y1 = std::min(h, int(std::ceil((box.y1 + margin) * s)));
  if (box.empty() || x1 - x0 < 1 || y1 - y0 < 1) {
    return Status::InvalidArgument("the box lies off the page");
  }
  BOX* b = boxCreate(x0, y0, x1 - x0, y1 - y0);
  PixPtr crop(pixClipRectangle(page.gray.get(), b, nullptr));
  boxDestroy(&b);
  if (!crop) return Status::ResourceExhausted("cannot crop the page");
  if (height > 0) {
    const float f = std::min(2.0f, float(height) / float(y1 - y0));
    PixPtr scaled = Scaled(crop.get(), f);
    if (scaled) crop = std::move(scaled);
  }
  return EncodePng(crop.get());
}

StatusOr<std::string> ThumbnailPng(const UprightPage& page, int width) {
  if (!page.gray) return Status::InvalidArgument("no page image");
  const float f = float(width) / float(std::max(1, int(pixGetWidth(page.gray.get()))));
  PixPtr small = Scaled(page.gray.get(), std::min(1.0f, f));
  if (!small) return Status::ResourceExhausted("cannot scale the page");
  return EncodePng(small.get());
}

}  // namespace verdeelscan
