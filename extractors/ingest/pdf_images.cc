#include "extractors/ingest/pdf_images.h"

#include <cstdint>
#include <cstring>
#include <utility>

namespace verdeelscan {
namespace {

void Put16(std::string& out, uint16_t v) {
  out += char(v & 0xFF);
  out += char(v >> 8);
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, uint16_t(v & 0xFFFF));
  Put16(out, uint16_t(v >> 16));
}

// One IFD entry of type SHORT (3) or LONG (4) with a single value.
void Entry(std::string& out, uint16_t tag, uint16_t type, uint32_t value) {
  Put16(out, tag);
  Put16(out, type);
  Put32(out, 1);
  if (type == 3) {
    Put16(out, uint16_t(value));
    Put16(out, 0);
  } else {
    Put32(out, value);
  }
}

// 8 bpp gray from the decoded samples (8-bit gray or RGB, 1-bit gray).
PixPtr SamplesToPix(const EmbeddedPageImage& image) {
  const int w = image.width, h = image.height;
  const size_t row = (size_t(w) * image.components * image.bits + 7) / 8;
  const auto* src = reinterpret_cast<const unsigned char*>(image.data.data());
  PixPtr pix(pixCreate(w, h, image.bits == 1 ? 1 : 8));
  if (!pix) return nullptr;
  const l_int32 wpl = pixGetWpl(pix.get());
  l_uint32* data = pixGetData(pix.get());
  for (int y = 0; y < h; ++y) {
    const unsigned char* in = src + size_t(y) * row;
    l_uint32* line = data + size_t(y) * wpl;
    if (image.bits == 1) {
      // PDF DeviceGray: 0 is black; Leptonica 1 bpp: 1 is black. Rows are
      // packed most significant bit first in both.
      std::memset(line, 0, size_t(wpl) * 4);
      for (int x = 0; x < w; ++x) {
        if (((in[x >> 3] >> (7 - (x & 7))) & 1) == 0) SET_DATA_BIT(line, x);
      }
    } else if (image.components == 1) {
      for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, in[x]);
    } else {
      for (int x = 0; x < w; ++x) {
        const unsigned char* p = in + 3 * x;
        SET_DATA_BYTE(line, x, (p[0] * 77 + p[1] * 151 + p[2] * 28) >> 8);
      }
    }
  }
  return pix;
}

// Decodes the stored image in its stored orientation.
StatusOr<PixPtr> DecodeStored(const EmbeddedPageImage& image) {
  const auto* bytes = reinterpret_cast<const l_uint8*>(image.data.data());
  PixPtr pix;
  switch (image.encoding) {
    case EmbeddedPageImage::Encoding::kJpeg: {
      l_int32 w = 0, h = 0, spp = 0, ycck = 0, cmyk = 0;
      if (readHeaderMemJpeg(bytes, image.data.size(), &w, &h, &spp, &ycck, &cmyk) != 0 ||
          w != image.width || h != image.height || spp != image.components || cmyk || ycck) {
        return Status::Corruption("the JPEG's header disagrees with the PDF's image");
      }
      l_int32 warnings = 0;
      // A colour page stays in colour: stamps and ticks are told from the
      // text by their saturation (artefacts.h).
      pix.reset(pixReadMemJpeg(bytes, image.data.size(), 0, 1, &warnings, 0));
      break;
    }
    case EmbeddedPageImage::Encoding::kCcittG4: {
      const std::string tiff = G4Tiff(image.data, image.width, image.height, image.black_is_1);
      pix.reset(pixReadMemTiff(reinterpret_cast<const l_uint8*>(tiff.data()), tiff.size(), 0));
      break;
    }
    case EmbeddedPageImage::Encoding::kSamples:
      pix = SamplesToPix(image);
      break;
  }
  if (!pix || pixGetWidth(pix.get()) != image.width || pixGetHeight(pix.get()) != image.height) {
    return Status::Corruption("the page's image does not decode");
  }
  if (pixGetColormap(pix.get()) != nullptr) {
    pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
    if (!pix) return Status::ResourceExhausted("cannot convert the page's image");
  }
  return pix;
}

}  // namespace

std::string G4Tiff(const std::string& g4, int width, int height, bool black_is_1) {
  constexpr uint32_t kEntries = 8;
  const uint32_t ifd_size = 2 + 12 * kEntries + 4;
  const uint32_t data_offset = 8 + ifd_size;
  std::string out = "II*";
  out += '\0';
  Put32(out, 8);  // the IFD follows the header; the strip follows the IFD
  Put16(out, kEntries);
  Entry(out, 256, 4, uint32_t(width));      // ImageWidth
  Entry(out, 257, 4, uint32_t(height));     // ImageLength
  Entry(out, 258, 3, 1);                    // BitsPerSample
  Entry(out, 259, 3, 4);                    // Compression: CCITT T.6 (G4)
  Entry(out, 262, 3, black_is_1 ? 1 : 0);   // Photometric: MinIsBlack / MinIsWhite
  Entry(out, 273, 4, data_offset);          // StripOffsets
  Entry(out, 278, 4, uint32_t(height));     // RowsPerStrip
  Entry(out, 279, 4, uint32_t(g4.size()));  // StripByteCounts
  Put32(out, 0);                            // no next IFD
  out += g4;
  return out;
}

StatusOr<PixPtr> DecodeEmbeddedImage(const EmbeddedPageImage& image) {
  QuietLeptonica();
  auto decoded = DecodeStored(image);
  if (!decoded.ok()) return decoded.status();
  PixPtr pix = std::move(*decoded);
  if (image.transpose) {
    // A transpose is a clockwise quarter turn mirrored left to right.
    PixPtr turned(pixRotate90(pix.get(), 1));
    if (turned) turned.reset(pixFlipLR(nullptr, turned.get()));
    if (!turned) return Status::ResourceExhausted("cannot turn the page's image");
    pix = std::move(turned);
  }
  if (image.flip_lr && image.flip_tb) {
    pix.reset(pixRotate180(nullptr, pix.get()));
  } else if (image.flip_lr) {
    pix.reset(pixFlipLR(nullptr, pix.get()));
  } else if (image.flip_tb) {
    pix.reset(pixFlipTB(nullptr, pix.get()));
  }
  if (!pix) return Status::ResourceExhausted("cannot turn the page's image");
  return pix;
}

}  // namespace verdeelscan
