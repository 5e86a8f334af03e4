// A scanned page's own image, found by PdfPageImages (pdf_pages.h) and
// decoded by DecodeEmbeddedImage, must be the page poppler shows: same
// orientation (placement matrix flips and quarter turns, /Rotate, crop box),
// same polarity (CCITT /BlackIs1, 1-bit gray), same pixels. Each case builds
// a one-page PDF with qpdf around a synthetic page, renders it with poppler at
// the image's own resolution and compares pixel by pixel. Pages that are not
// one plain whole-page image must be left to the renderer.
#define POINTERHOLDER_TRANSITION 4

#include "extractors/ingest/pdf_images.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <unistd.h>
#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <string>

#include "extractors/ingest/ingest.h"
#include "extractors/ingest/pdf_pages.h"

namespace verdeelscan {
namespace {

constexpr int kDpi = 100;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/vs_pdf_images_" + std::to_string(::getpid()) + "_" + name;
}

// A page that looks different under every flip and turn: a black bar top
// left, a grey block bottom right, a thin black frame line along the left.
PixPtr SyntheticPage(int w, int h) {
  PixPtr pix(pixCreate(w, h, 8));
  pixSetAllArbitrary(pix.get(), 255);
  pixRasterop(pix.get(), w / 20, h / 12, w / 3, h / 14, PIX_CLR, nullptr, 0, 0);
  BOX* box = boxCreate(w * 3 / 4, h * 5 / 6, w / 6, h / 10);
  pixSetInRectArbitrary(pix.get(), box, 96);
  boxDestroy(&box);
  pixRasterop(pix.get(), 3, h / 4, 2, h / 2, PIX_CLR, nullptr, 0, 0);
  return pix;
}

enum class Encoding { kRawGray, kFlateGray, kFlateRgb, kJpeg, kFlateBits, kG4, kG4BlackIs1 };

// The image XObject of `page` (8 bpp) in the given encoding.
QPDFObjectHandle ImageStream(QPDF& pdf, Pix* page, Encoding encoding) {
  const int w = pixGetWidth(page), h = pixGetHeight(page);
  std::string dict = "<< /Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " +
                     std::to_string(h);
  std::string data;
  if (encoding == Encoding::kJpeg) {
    l_uint8* bytes = nullptr;
    size_t size = 0;
    pixWriteMemJpeg(&bytes, &size, page, 95, 0);
    data.assign(reinterpret_cast<char*>(bytes), size);
    lept_free(bytes);
    dict += " /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode >>";
  } else if (encoding == Encoding::kG4 || encoding == Encoding::kG4BlackIs1) {
    PixPtr bits(pixConvertTo1(page, 128));
    // With /BlackIs1 true the stored bits are inverted (as Pillow writes).
    if (encoding == Encoding::kG4BlackIs1) pixInvert(bits.get(), bits.get());
    L_COMP_DATA* cid = nullptr;
    pixGenerateCIData(bits.get(), L_G4_ENCODE, 0, 0, &cid);
    data.assign(reinterpret_cast<char*>(cid->datacomp), cid->nbytescomp);
    l_CIDataDestroy(&cid);
    dict +=
        " /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter [/CCITTFaxDecode] "
        "/DecodeParms [<< /K -1 /Columns " +
        std::to_string(w) + " /Rows " + std::to_string(h) +
        (encoding == Encoding::kG4BlackIs1 ? " /BlackIs1 true" : "") + " >>] >>";
  } else {
    const bool rgb = encoding == Encoding::kFlateRgb, bits = encoding == Encoding::kFlateBits;
    const int row = bits ? (w + 7) / 8 : w * (rgb ? 3 : 1);
    data.assign(size_t(row) * h, '\0');
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        l_uint32 v = 0;
        pixGetPixel(page, x, y, &v);
        char* out = &data[size_t(y) * row];
        if (bits) {
          if (v >= 128) out[x / 8] = char(out[x / 8] | (0x80 >> (x % 8)));  // 1 = white
        } else if (rgb) {
          out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = char(v);
        } else {
          out[x] = char(v);
        }
      }
    }
    dict += std::string(" /BitsPerComponent ") + (bits ? "1" : "8") + " /ColorSpace " +
            (rgb ? "/DeviceRGB" : "/DeviceGray");
    if (encoding != Encoding::kRawGray) {
      uLongf size = compressBound(uLong(data.size()));
      std::string packed(size, '\0');
      compress(reinterpret_cast<Bytef*>(packed.data()), &size,
               reinterpret_cast<const Bytef*>(data.data()), uLong(data.size()));
      packed.resize(size);
      data = packed;
      dict += " /Filter /FlateDecode";
    }
    dict += " >>";
  }
  QPDFObjectHandle image = pdf.newStream(data);
  QPDFObjectHandle parsed = QPDFObjectHandle::parse(dict);
  for (const std::string& key : parsed.getKeys())
    image.getDict().replaceKey(key, parsed.getKey(key));
  return image;
}

struct PageSpec {
  std::string cm;            // placement matrix, "" = the image as the page box
  int rotate = 0;            // /Rotate
  std::string media, crop;   // page boxes ("" = the image's size, none)
  std::string content_tail;  // more content after the image
  std::string image_keys;    // more keys for the image dictionary
  int images = 1;            // image draws
};

// Writes a one-page PDF of `stored` (the image as stored) and returns its path.
std::string WritePdf(const std::string& name, Pix* stored, Encoding encoding,
                     const PageSpec& spec) {
  QPDF pdf;
  pdf.emptyPDF();
  const double w_pt = pixGetWidth(stored) * 72.0 / kDpi, h_pt = pixGetHeight(stored) * 72.0 / kDpi;
  const std::string size = std::to_string(w_pt) + " 0 0 " + std::to_string(h_pt) + " 0 0";
  QPDFObjectHandle image = ImageStream(pdf, stored, encoding);
  if (!spec.image_keys.empty()) {
    QPDFObjectHandle extra = QPDFObjectHandle::parse(spec.image_keys);
    for (const std::string& key : extra.getKeys())
      image.getDict().replaceKey(key, extra.getKey(key));
  }
  std::string content;
  for (int i = 0; i < spec.images; ++i) {
    content += "q " + (spec.cm.empty() ? size : spec.cm) + " cm /Im0 Do Q\n";
  }
  content += spec.content_tail;
  const std::string media = spec.media.empty()
                                ? "[0 0 " + std::to_string(w_pt) + " " + std::to_string(h_pt) + "]"
                                : spec.media;
  QPDFObjectHandle page = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /Page /MediaBox " + media + (spec.crop.empty() ? "" : " /CropBox " + spec.crop) +
      " /Rotate " + std::to_string(spec.rotate) + " >>"));
  QPDFObjectHandle resources = QPDFObjectHandle::parse("<< /XObject << >> >>");
  resources.getKey("/XObject").replaceKey("/Im0", image);
  page.replaceKey("/Resources", resources);
  page.replaceKey("/Contents", pdf.newStream(content));
  QPDFPageDocumentHelper(pdf).addPage(page, false);
  const std::string path = TempPath(name + ".pdf");
  QPDFWriter writer(pdf, path.c_str());
  writer.write();
  return path;
}

// The page as poppler shows it at kDpi, 8 bpp.
PixPtr Render(const std::string& path) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) return nullptr;
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image image = renderer.render_page(page.get(), kDpi, kDpi);
  PixPtr pix(pixCreate(image.width(), image.height(), 8));
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(image.const_data() +
                                                             size_t(y) * image.bytes_per_row());
    for (int x = 0; x < image.width(); ++x) pixSetPixel(pix.get(), x, y, row[x]);
  }
  return pix;
}

// The decoded image, found and decoded as ingestion does; nullptr when Find
// leaves the page to the renderer (the reason in *why).
PixPtr Decode(const std::string& path, std::string* why) {
  auto images = PdfPageImages::Open(path);
  EXPECT_TRUE(images.ok()) << images.status().ToString();
  if (!images.ok()) return nullptr;
  std::optional<EmbeddedPageImage> found = (*images)->Find(0, 100'000'000, why);
  if (!found) return nullptr;
  auto pix = DecodeEmbeddedImage(*found);
  EXPECT_TRUE(pix.ok()) << pix.status().ToString();
  if (!pix.ok()) return nullptr;
  EXPECT_NEAR(pixGetWidth(pix->get()) / found->page_width_in, kDpi, 1.0);
  EXPECT_NEAR(pixGetHeight(pix->get()) / found->page_height_in, kDpi, 1.0);
  return PixPtr(pixConvertTo8(pix->get(), 0));
}

// Fraction of pixels whose grey differs by more than 64 levels.
double Mismatch(Pix* a, Pix* b) {
  EXPECT_EQ(pixGetWidth(a), pixGetWidth(b));
  EXPECT_EQ(pixGetHeight(a), pixGetHeight(b));
  if (pixGetWidth(a) != pixGetWidth(b) || pixGetHeight(a) != pixGetHeight(b)) return 1.0;
  long off = 0;
  for (int y = 0; y < pixGetHeight(a); ++y) {
    for (int x = 0; x < pixGetWidth(a); ++x) {
      l_uint32 va = 0, vb = 0;
      pixGetPixel(a, x, y, &va);
      pixGetPixel(b, x, y, &vb);
      if (std::abs(int(va) - int(vb)) > 64) ++off;
    }
  }
  return double(off) / (double(pixGetWidth(a)) * pixGetHeight(a));
}

void ExpectAsRendered(const std::string& name, Pix* stored, Encoding encoding,
                      const PageSpec& spec) {
  const std::string path = WritePdf(name, stored, encoding, spec);
  std::string why;
  PixPtr decoded = Decode(path, &why);
  ASSERT_TRUE(decoded) << name << ": " << why;
  PixPtr rendered = Render(path);
  ASSERT_TRUE(rendered);
  EXPECT_LT(Mismatch(decoded.get(), rendered.get()), 0.002) << name;
  std::remove(path.c_str());
}

TEST(PdfImages, EveryEncodingDecodesToThePageAsShown) {
  PixPtr page = SyntheticPage(400, 600);
  ExpectAsRendered("raw", page.get(), Encoding::kRawGray, {});
  ExpectAsRendered("flate", page.get(), Encoding::kFlateGray, {});
  ExpectAsRendered("rgb", page.get(), Encoding::kFlateRgb, {});
  ExpectAsRendered("jpeg", page.get(), Encoding::kJpeg, {});
  ExpectAsRendered("bits", page.get(), Encoding::kFlateBits, {});
  ExpectAsRendered("g4", page.get(), Encoding::kG4, {});
  ExpectAsRendered("g4-black-is-1", page.get(), Encoding::kG4BlackIs1, {});
}

TEST(PdfImages, OneBitImagesStayOneBit) {
  PixPtr page = SyntheticPage(400, 600);
  for (Encoding e : {Encoding::kG4, Encoding::kG4BlackIs1, Encoding::kFlateBits}) {
    const std::string path = WritePdf("depth", page.get(), e, {});
    auto images = PdfPageImages::Open(path);
    ASSERT_TRUE(images.ok());
    auto found = (*images)->Find(0, 100'000'000, nullptr);
    ASSERT_TRUE(found);
    auto pix = DecodeEmbeddedImage(*found);
    ASSERT_TRUE(pix.ok());
    EXPECT_EQ(pixGetDepth(pix->get()), 1);
    // The black bar top left is black (1) in Leptonica's 1 bpp.
    l_uint32 v = 0;
    pixGetPixel(pix->get(), 400 / 20 + 5, 600 / 12 + 5, &v);
    EXPECT_EQ(v, 1u);
    std::remove(path.c_str());
  }
}

// A colour JPEG page (a scan with a blue ballpoint tick, a red stamp) stays
// in colour: the cleanup tells stamps and ticks from text by saturation
// (artefacts.h). Decoded grey, a tick across "169" was read with it as "99".
TEST(PdfImages, ColourJpegStaysInColour) {
  PixPtr page(pixConvertTo32(SyntheticPage(400, 600).get()));
  ASSERT_TRUE(page);
  BOX* tick = boxCreate(100, 300, 120, 20);
  pixSetInRectArbitrary(page.get(), tick, 0x4050b000);  // R 64, G 80, B 176
  boxDestroy(&tick);
  PageSpec spec;
  spec.image_keys = "<< /ColorSpace /DeviceRGB >>";
  const std::string path = WritePdf("colour", page.get(), Encoding::kJpeg, spec);
  auto images = PdfPageImages::Open(path);
  ASSERT_TRUE(images.ok());
  auto found = (*images)->Find(0, 100'000'000, nullptr);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->components, 3);
  auto pix = DecodeEmbeddedImage(*found);
  ASSERT_TRUE(pix.ok()) << pix.status().ToString();
  ASSERT_EQ(pixGetDepth(pix->get()), 32);
  l_int32 r = 0, g = 0, b = 0;
  pixGetRGBPixel(pix->get(), 160, 310, &r, &g, &b);
  EXPECT_GT(b - r, 70);  // still blue
  std::remove(path.c_str());
}

TEST(PdfImages, PlacementFlipsTurnsRotateAndCropBoxAreFollowed) {
  PixPtr page = SyntheticPage(400, 600);
  const double w = 400 * 72.0 / kDpi, h = 600 * 72.0 / kDpi;
  auto num = [](double v) { return std::to_string(v); };
  PageSpec flip_tb;
  flip_tb.cm = num(w) + " 0 0 " + num(-h) + " 0 " + num(h);
  ExpectAsRendered("flip-tb", page.get(), Encoding::kFlateGray, flip_tb);
  PageSpec flip_lr;
  flip_lr.cm = num(-w) + " 0 0 " + num(h) + " " + num(w) + " 0";
  ExpectAsRendered("flip-lr", page.get(), Encoding::kG4, flip_lr);
  // Stored 400 x 600, shown turned a quarter counter-clockwise on a
  // landscape page (600 x 400 pixels).
  PageSpec sideways;
  sideways.cm = "0 " + num(w) + " " + num(-h) + " 0 " + num(h) + " 0";
  sideways.media = "[0 0 " + num(h) + " " + num(w) + "]";
  ExpectAsRendered("sideways", page.get(), Encoding::kJpeg, sideways);
  for (int rotate : {90, 180, 270}) {
    PageSpec turned;
    turned.rotate = rotate;
    ExpectAsRendered("rotate" + std::to_string(rotate), page.get(), Encoding::kFlateGray, turned);
    turned.cm = flip_tb.cm;
    ExpectAsRendered("rotate-flip" + std::to_string(rotate), page.get(), Encoding::kG4BlackIs1,
                     turned);
  }
  // The image placed at (50, 60) on a larger media box, the crop box around it.
  PageSpec cropped;
  cropped.cm = num(w) + " 0 0 " + num(h) + " 50 60";
  cropped.media = "[0 0 500 700]";
  cropped.crop = "[50 60 " + num(50 + w) + " " + num(60 + h) + "]";
  ExpectAsRendered("crop", page.get(), Encoding::kFlateGray, cropped);
}

TEST(PdfImages, PagesThatAreNotOnePlainImageAreRendered) {
  PixPtr page = SyntheticPage(400, 600);
  const double w = 400 * 72.0 / kDpi, h = 600 * 72.0 / kDpi;
  auto num = [](double v) { return std::to_string(v); };
  struct Case {
    std::string name;
    PageSpec spec;
    Encoding encoding = Encoding::kFlateGray;
  };
  Case cases[8];
  cases[0].name = "text";
  cases[0].spec.content_tail = "BT /F1 12 Tf 10 10 Td (5.1.2e) Tj ET\n";
  cases[1].name = "path";
  cases[1].spec.content_tail = "0 0 50 50 re f\n";
  cases[2].name = "two-images";
  cases[2].spec.images = 2;
  cases[3].name = "half-page";
  cases[3].spec.cm = num(w / 2) + " 0 0 " + num(h) + " 0 0";
  cases[4].name = "skewed";
  cases[4].spec.cm =
      num(w * 0.99) + " " + num(w * 0.1) + " " + num(-h * 0.1) + " " + num(h * 0.99) + " 0 0";
  cases[5].name = "decode";
  cases[5].spec.image_keys = "<< /Decode [1 0] >>";
  cases[6].name = "smask";
  cases[6].spec.image_keys = "<< /SMask 7 >>";
  cases[7].name = "indexed";
  cases[7].spec.image_keys = "<< /ColorSpace [/Indexed /DeviceRGB 1 <000000FFFFFF>] >>";
  for (const Case& c : cases) {
    const std::string path = WritePdf(c.name, page.get(), c.encoding, c.spec);
    std::string why;
    EXPECT_FALSE(Decode(path, &why)) << c.name;
    EXPECT_FALSE(why.empty()) << c.name;
    std::remove(path.c_str());
  }
}

// An image whose dictionary claims more rows than it holds (a damaged
// /Height of 2^31, here drawn as a 1-point flip so that the page is rendered)
// is measured as stated and the page refused before poppler decodes it: the
// render read every claimed row, for hours. Found by mutating scanned PDFs.
TEST(PdfImages, AnImageClaimingBillionsOfRowsIsRefusedBeforeRendering) {
  PixPtr page = SyntheticPage(400, 600);
  PageSpec spec;
  spec.cm = "-1 0 0 1 0 0";
  spec.image_keys = "<< /Height 2147483647 >>";
  const std::string path = WritePdf("claims-rows", page.get(), Encoding::kJpeg, spec);
  auto images = PdfPageImages::Open(path);
  ASSERT_TRUE(images.ok()) << images.status().ToString();
  const ImageExtent stated = (*images)->LargestImage(0);
  EXPECT_EQ(stated.width, 400);
  EXPECT_EQ(stated.height, 2147483647);
  ScanOptions opts;
  opts.dpi = 100;
  auto doc = LoadPdf(path, opts, nullptr);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kResourceExhausted) << doc.status().ToString();
  EXPECT_NE(doc.status().message().find("400 x 2147483647 pixels"), std::string::npos)
      << doc.status().ToString();
  std::remove(path.c_str());
}

// 1-bit pages (CCITT, 1 bit per component) are told from grey ones, also
// when the page draws more than its image (then it is rendered, and the
// render is cut back to 1 bit).
TEST(PdfImages, OneBitPagesAreToldFromGreyOnes) {
  PixPtr page = SyntheticPage(300, 200);
  PageSpec with_text;
  with_text.content_tail = "BT /F1 12 Tf (x) Tj ET\n";
  const struct {
    Encoding encoding;
    PageSpec spec;
    bool bilevel;
  } cases[] = {{Encoding::kG4, {}, true},
               {Encoding::kFlateBits, {}, true},
               {Encoding::kG4, with_text, true},
               {Encoding::kJpeg, {}, false},
               {Encoding::kFlateGray, with_text, false}};
  for (const auto& c : cases) {
    const std::string path = WritePdf("bilevel", page.get(), c.encoding, c.spec);
    auto images = PdfPageImages::Open(path);
    ASSERT_TRUE(images.ok()) << images.status().ToString();
    EXPECT_EQ((*images)->AllImagesBilevel(0), c.bilevel) << int(c.encoding);
    EXPECT_FALSE((*images)->AllImagesBilevel(1));  // no such page
    std::remove(path.c_str());
  }
}

// A plain page: the image's stored size; a page that is not there: none.
TEST(PdfImages, LargestImageIsTheStatedSize) {
  PixPtr page = SyntheticPage(300, 200);
  const std::string path = WritePdf("plain", page.get(), Encoding::kFlateGray, PageSpec{});
  auto images = PdfPageImages::Open(path);
  ASSERT_TRUE(images.ok());
  EXPECT_EQ((*images)->LargestImage(0).width, 300);
  EXPECT_EQ((*images)->LargestImage(0).height, 200);
  EXPECT_EQ((*images)->LargestImage(1).pixels(), 0.0);  // no such page
  std::remove(path.c_str());
}

TEST(PdfImages, G4TiffIsReadByLeptonica) {
  PixPtr page = SyntheticPage(200, 100);
  PixPtr bits(pixConvertTo1(page.get(), 128));
  L_COMP_DATA* cid = nullptr;
  ASSERT_EQ(pixGenerateCIData(bits.get(), L_G4_ENCODE, 0, 0, &cid), 0);
  const std::string g4(reinterpret_cast<char*>(cid->datacomp), cid->nbytescomp);
  l_CIDataDestroy(&cid);
  const std::string tiff = G4Tiff(g4, 200, 100, false);
  PixPtr back(pixReadMemTiff(reinterpret_cast<const l_uint8*>(tiff.data()), tiff.size(), 0));
  ASSERT_TRUE(back);
  l_int32 same = 0;
  pixEqual(back.get(), bits.get(), &same);
  EXPECT_TRUE(same);
  // Cut short, the data decodes to less than the page or not at all: never a crash.
  const std::string cut = G4Tiff(g4.substr(0, g4.size() / 3), 200, 100, false);
  PixPtr partial(pixReadMemTiff(reinterpret_cast<const l_uint8*>(cut.data()), cut.size(), 0));
  if (partial) {
    EXPECT_EQ(pixGetWidth(partial.get()), 200);
  }
}

}  // namespace
}  // namespace verdeelscan
