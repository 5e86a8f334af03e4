// qpdf 11: std::shared_ptr rather than its deprecated PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include "extractors/ingest/searchable_pdf.h"

#include <leptonica/allheaders.h>
#include <sys/stat.h>
#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <exception>
#include <map>
#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/markup.h"

namespace verdeelscan {

// Built into the binary at build time (searchable_pdf_assets.cc, made by
// CMake from the Debian files): Tesseract's glyphless font (libtesseract5's
// pdf.ttf) and the sRGB profile of icc-profiles-free.
extern const unsigned char kGlyphlessFont[];
extern const unsigned long kGlyphlessFontSize;
extern const unsigned char kSrgbProfile[];
extern const unsigned long kSrgbProfileSize;

namespace {

constexpr const char* kFontName = "/VsGlyphLessFont";
constexpr double kGlyphAdvance = 0.5;  // pdf.ttf's one glyph: 500 of 1000 units

std::string Bytes(const unsigned char* data, unsigned long size) {
  return std::string(reinterpret_cast<const char*>(data), size_t(size));
}

// A number for a content stream: 2 decimals (1/7200 inch), no exponent,
// no trailing zeros (the text layer is most of what the PDF adds).
std::string Num(double v) {
  char text[48];
  std::snprintf(text, sizeof text, "%.2f", std::fabs(v) < 5e-3 ? 0.0 : v);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

// ------------------------------------------------------------ the font

// Identity-H codes are UTF-16 code units; every code maps to glyph 1 of
// pdf.ttf, and ToUnicode maps each code to itself, so copying text gives the
// words back. Tesseract's PDF renderer uses the same construction.
QPDFObjectHandle MakeFont(QPDF& pdf) {
  std::string to_gid(65536 * 2, '\0');
  for (size_t i = 1; i < to_gid.size(); i += 2) to_gid[i] = 1;
  QPDFObjectHandle cid_to_gid = pdf.newStream(to_gid);
  QPDFObjectHandle font_file = pdf.newStream(Bytes(kGlyphlessFont, kGlyphlessFontSize));
  font_file.getDict().replaceKey("/Length1", QPDFObjectHandle::newInteger(kGlyphlessFontSize));
  QPDFObjectHandle descriptor = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] "
      "/ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>"));
  descriptor.replaceKey("/FontFile2", font_file);
  QPDFObjectHandle cid_font = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"));
  cid_font.replaceKey("/FontDescriptor", descriptor);
  cid_font.replaceKey("/CIDToGIDMap", cid_to_gid);
  const std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
      "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  QPDFObjectHandle font = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>"));
  font.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({cid_font}));
  font.replaceKey("/ToUnicode", pdf.newStream(cmap));
  return font;
}

// The code points of UTF-8 text (ingestion's text is valid UTF-8; a stray
// byte stands for itself).
std::vector<char32_t> CodePoints(const std::string& text) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    const int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    char32_t c = extra == 0 ? b : char32_t(b & (0x3F >> extra));
    size_t k = 1;
    for (; k <= size_t(extra) && i + k < text.size(); ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) break;
      c = (c << 6) | (next & 0x3F);
    }
    if (k != size_t(extra) + 1) c = b, k = 1;
    out.push_back(c);
    i += k;
  }
  return out;
}

// UTF-8 → UTF-16BE code units in hex (the font's codes); count = code units.
std::string Utf16Hex(const std::string& text, int* count) {
  std::string hex;
  *count = 0;
  auto unit = [&](unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04X", v & 0xFFFF);
    hex += buf;
    ++*count;
  };
  for (char32_t c : CodePoints(text)) {
    if (c >= 0x10000) {
      const unsigned v = unsigned(c) - 0x10000;
      unit(0xD800 + (v >> 10));
      unit(0xDC00 + (v & 0x3FF));
    } else {
      unit(unsigned(c));
    }
  }
  return hex;
}

// ------------------------------------------------------------ the layer

// From the upright page frame (pixels, origin top left, y down) to the
// page's default user space, for a page box [llx lly urx ury] shown turned
// clockwise by `rotate` degrees (its own /Rotate plus the turn OCR made).
struct PageFrame {
  double llx = 0, lly = 0, urx = 0, ury = 0;
  int rotate = 0;                   // 0, 90, 180, 270
  double x_scale = 1, y_scale = 1;  // points per upright pixel

  // The user-space point of upright pixel (x, y).
  void Map(double x, double y, double* ux, double* uy) const {
    const double width = urx - llx, height = ury - lly;
    const double u = x * x_scale, v = y * y_scale;  // points, upright frame
    double p = u, q = v;                            // points, unrotated, y down
    if (rotate == 90) {
      p = v;
      q = height - u;
    } else if (rotate == 180) {
      p = width - u;
      q = height - v;
    } else if (rotate == 270) {
      p = width - v;
      q = u;
    }
    *ux = llx + p;
    *uy = ury - q;
  }
};

PageFrame MakeFrame(double llx, double lly, double urx, double ury, int rotate,
                    const PageInfo& info) {
  PageFrame f{std::min(llx, urx), std::min(lly, ury), std::max(llx, urx), std::max(lly, ury),
              ((rotate % 360) + 360) % 360};
  const bool sideways = f.rotate == 90 || f.rotate == 270;
  const double upright_w = sideways ? f.ury - f.lly : f.urx - f.llx;
  const double upright_h = sideways ? f.urx - f.llx : f.ury - f.lly;
  f.x_scale = upright_w / std::max(1, info.width);
  f.y_scale = upright_h / std::max(1, info.height);
  return f;
}

// One word's invisible text: its box's centre, the page's skew (the words
// run at +deskew degrees, counter-clockwise, on the unstraightened page), the
// box's true width and height once the skew is taken out, the glyphs
// stretched to that width.
std::string WordText(const Word& word, const PageFrame& frame, double skew_degrees) {
  int units = 0;
  const std::string hex = Utf16Hex(word.text, &units);
  if (units == 0 || word.box.empty()) return "";
  const double box_w = (word.box.x1 - word.box.x0) * frame.x_scale;
  const double box_h = (word.box.y1 - word.box.y0) * frame.y_scale;
  double r = skew_degrees * M_PI / 180.0;
  double c = std::cos(r), s = std::sin(r);
  const double denominator = c * c - s * s;
  double w = box_w, h = box_h;
  if (denominator > 0.5) {  // an axis-aligned box around a tilted word
    w = (box_w * c - box_h * std::fabs(s)) / denominator;
    h = (box_h * c - box_w * std::fabs(s)) / denominator;
  }
  if (w <= 0.5 || h <= 0.5) {  // a short word on a steep skew: the plain box
    w = box_w, h = box_h, c = 1, s = 0, r = 0;
  }
  // The centre in upright points (y up from the frame's bottom is not
  // needed: the frame maps pixels, the text matrix works in user space).
  double cx, cy, ox, oy, ex, ey;
  frame.Map((word.box.x0 + word.box.x1) / 2.0, (word.box.y0 + word.box.y1) / 2.0, &cx, &cy);
  // Text direction and "up" in user space: map a unit step in the upright
  // frame (y down there, so "up" is -y) through the frame's rotation.
  frame.Map(0, 0, &ox, &oy);
  double rx, ry, dx, dy;
  frame.Map(1 / frame.x_scale, 0, &rx, &ry);
  frame.Map(0, -1 / frame.y_scale, &dx, &dy);
  const double ax = rx - ox, ay = ry - oy;  // upright +x, one point
  const double bx = dx - ox, by = dy - oy;  // upright up, one point
  // Along the skewed baseline and perpendicular to it.
  const double tx = c * ax + s * bx, ty = c * ay + s * by;
  const double nx = -s * ax + c * bx, ny = -s * ay + c * by;
  ex = cx - tx * w / 2 - nx * h / 2;
  ey = cy - ty * w / 2 - ny * h / 2;
  const double stretch = w / (units * kGlyphAdvance);
  return Num(tx * stretch) + " " + Num(ty * stretch) + " " + Num(nx * h) + " " + Num(ny * h) + " " +
         Num(ex) + " " + Num(ey) + " Tm <" + hex + "> Tj\n";
}

// The content stream of one page's text layer; "" when it has no words.
std::string TextLayer(const TextDocument& doc, const PageInfo& info, const PageFrame& frame) {
  std::string words;
  for (const TextLine& line : doc.lines) {
    if (line.page != info.page) continue;
    for (const Word& word : line.words) words += WordText(word, frame, info.deskew_degrees);
  }
  if (words.empty()) return "";
  return std::string("BT\n3 Tr\n") + kFontName + " 1 Tf\n" + words + "ET\n";
}

void AddFontResource(QPDFObjectHandle page, QPDFObjectHandle font) {
  QPDFObjectHandle resources = page.getKey("/Resources");
  if (!resources.isDictionary()) {
    resources = QPDFObjectHandle::newDictionary();
    page.replaceKey("/Resources", resources);
  }
  QPDFObjectHandle fonts = resources.getKey("/Font");
  if (!fonts.isDictionary()) {
    fonts = QPDFObjectHandle::newDictionary();
    resources.replaceKey("/Font", fonts);
  }
  fonts.replaceKey(kFontName, font);
}

const PageInfo* OcrInfo(const TextDocument& doc, int page) {
  for (const PageInfo& info : doc.page_info) {
    if (info.page == page && !info.has_text_layer) return &info;
  }
  return nullptr;
}

// ------------------------------------------------------------ PDF input

void LayerOverPdf(QPDF& pdf, const TextDocument& doc) {
  QPDFPageDocumentHelper helper(pdf);
  helper.pushInheritedAttributesToPage();
  std::vector<QPDFPageObjectHelper> pages = helper.getAllPages();
  QPDFObjectHandle font = MakeFont(pdf);
  for (size_t i = 0; i < pages.size(); ++i) {
    const PageInfo* info = OcrInfo(doc, int(i) + 1);
    if (info == nullptr) continue;
    QPDFObjectHandle page = pages[i].getObjectHandle();
    // Poppler rendered the crop box, turned by the page's own /Rotate.
    QPDFObjectHandle box = pages[i].getCropBox(false, true);
    if (!box.isRectangle()) box = pages[i].getMediaBox(true);
    const QPDFObjectHandle::Rectangle rect = box.getArrayAsRectangle();
    QPDFObjectHandle rotate_key = page.getKey("/Rotate");
    const int own_rotate = rotate_key.isInteger() ? int(rotate_key.getIntValue()) : 0;
    const int rotate = (((own_rotate + info->rotation_degrees) % 360) + 360) % 360;
    const PageFrame frame = MakeFrame(rect.llx, rect.lly, rect.urx, rect.ury, rotate, *info);
    const std::string layer = TextLayer(doc, *info, frame);
    if (rotate != own_rotate) page.replaceKey("/Rotate", QPDFObjectHandle::newInteger(rotate));
    if (layer.empty()) continue;
    // The page's own content in q..Q, so whatever state it leaves behind
    // (a cm, a clip) does not move the words.
    pages[i].addPageContents(pdf.newStream("q\n"), true);
    pages[i].addPageContents(pdf.newStream("\nQ\n" + layer), false);
    AddFontResource(page, font);
  }
}

// ------------------------------------------------------------ image input

using CompDataPtr = std::unique_ptr<L_COMP_DATA, void (*)(L_COMP_DATA*)>;

void DestroyCompData(L_COMP_DATA* cid) { l_CIDataDestroy(&cid); }

// One image page compressed for the PDF: a JPEG file as it is (DCT), a
// 1-bit page CCITT G4, anything else Flate.
StatusOr<CompDataPtr> CompressPage(const std::string& path, int format, int index) {
  L_COMP_DATA* cid = nullptr;
  if (format == IFF_JFIF_JPEG) {
    if (l_generateCIDataForPdf(path.c_str(), nullptr, 0, &cid) != 0 || cid == nullptr) {
      return Status::Corruption("cannot read the JPEG data of " + path);
    }
    return CompDataPtr(cid, DestroyCompData);
  }
  Pix* pix = format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 ||
                     format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP ||
                     format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
                     format == IFF_TIFF_JPEG
                 ? pixReadTiff(path.c_str(), index)
                 : pixRead(path.c_str());
  if (pix == nullptr) {
    return Status::Corruption("cannot decode page " + std::to_string(index + 1) + " of " + path);
  }
  if (pixGetDepth(pix) == 32) pixSetSpp(pix, 3);  // the alpha channel is not a page's
  const int type = pixGetDepth(pix) == 1 ? L_G4_ENCODE : L_FLATE_ENCODE;
  const int failed = pixGenerateCIData(pix, type, 0, 0, &cid);
  pixDestroy(&pix);
  if (failed != 0 || cid == nullptr) {
    return Status::Corruption("cannot compress page " + std::to_string(index + 1) + " of " + path);
  }
  return CompDataPtr(cid, DestroyCompData);
}

std::string HexDigits(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (std::isxdigit(static_cast<unsigned char>(ch))) out += ch;
  }
  return out;
}

QPDFObjectHandle ImageXObject(QPDF& pdf, const L_COMP_DATA& cid) {
  QPDFObjectHandle image =
      pdf.newStream(std::string(reinterpret_cast<const char*>(cid.datacomp), cid.nbytescomp));
  QPDFObjectHandle dict = image.getDict();
  std::ostringstream d;
  d << "<< /Type /XObject /Subtype /Image /Width " << cid.w << " /Height " << cid.h
    << " /BitsPerComponent " << cid.bps;
  if (cid.ncolors > 0 && cid.cmapdatahex != nullptr) {
    d << " /ColorSpace [/Indexed /DeviceRGB " << cid.ncolors - 1 << " <"
      << HexDigits(cid.cmapdatahex) << ">]";
  } else {
    d << " /ColorSpace "
      << (cid.spp == 1   ? "/DeviceGray"
          : cid.spp == 4 ? "/DeviceCMYK"
                         : "/DeviceRGB");
  }
  if (cid.type == L_JPEG_ENCODE) {
    d << " /Filter /DCTDecode";
  } else if (cid.type == L_G4_ENCODE) {
    d << " /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns " << cid.w << " /Rows " << cid.h
      << (cid.minisblack ? " /BlackIs1 true" : "") << " >>";
  } else {
    d << " /Filter /FlateDecode";
    if (cid.predictor) {
      d << " /DecodeParms << /Predictor 14 /Colors " << (cid.ncolors > 0 ? 1 : cid.spp)
        << " /BitsPerComponent " << cid.bps << " /Columns " << cid.w << " >>";
    }
  }
  d << " >>";
  QPDFObjectHandle parsed = QPDFObjectHandle::parse(d.str());
  for (const std::string& key : parsed.getKeys()) dict.replaceKey(key, parsed.getKey(key));
  return image;
}

// Gives QPDFWriter a page's compressed image when it writes it, compressed
// again from the input then: a multi-page image's compressed pages (1-2 MB
// each for a grey 300 DPI page) are never all in memory at once. Costs a
// second compression per page (the first one tells the image's dictionary).
class CompressOnWrite : public QPDFObjectHandle::StreamDataProvider {
 public:
  CompressOnWrite(std::string input, int format) : input_(std::move(input)), format_(format) {}
  void Add(QPDFObjGen og, int index) { pages_[og] = index; }
  void provideStreamData(QPDFObjGen const& og, Pipeline* pipeline) override {
    auto cid = CompressPage(input_, format_, pages_.at(og));
    // The same input compressed the same way a moment ago: a failure now
    // (the file changed meanwhile) fails the write, never a silent page.
    if (!cid.ok()) throw std::runtime_error(cid.status().message());
    pipeline->write((*cid)->datacomp, (*cid)->nbytescomp);
    pipeline->finish();
  }

 private:
  std::string input_;
  int format_;
  std::map<QPDFObjGen, int> pages_;
};

Status PagesFromImage(QPDF& pdf, const std::string& input, const TextDocument& doc) {
  const int format = [&] {
    l_int32 f = IFF_UNKNOWN;
    findFileFormat(input.c_str(), &f);
    return int(f);
  }();
  QPDFObjectHandle font = MakeFont(pdf);
  QPDFPageDocumentHelper helper(pdf);
  auto on_write = std::make_shared<CompressOnWrite>(input, format);
  for (const PageInfo& info : doc.page_info) {
    if (info.not_read) {  // no image to show: a blank A4 page keeps the page numbers
      QPDFObjectHandle blank = pdf.makeIndirectObject(
          QPDFObjectHandle::parse("<< /Type /Page /MediaBox [0 0 595 842] >>"));
      helper.addPage(QPDFPageObjectHelper(blank), false);
      continue;
    }
    auto cid = CompressPage(input, format, info.page - 1);
    if (!cid.ok()) return cid.status();
    const L_COMP_DATA& c = **cid;
    // The page's size from its own pixels at the document's resolution, the
    // frame every box is in (LoadImage: the image's tag, or --dpi).
    const int dpi = doc.dpi > 0 ? doc.dpi : 300;
    const int res = c.res >= 70 && c.res <= 1200 ? c.res : dpi;
    const double width = c.w * 72.0 / res, height = c.h * 72.0 / res;
    const PageFrame frame = MakeFrame(0, 0, width, height, info.rotation_degrees, info);
    std::string content = "q " + Num(width) + " 0 0 " + Num(height) + " 0 0 cm /Im0 Do Q\n" +
                          TextLayer(doc, info, frame);
    QPDFObjectHandle page = pdf.makeIndirectObject(QPDFObjectHandle::parse(
        "<< /Type /Page /MediaBox [0 0 " + Num(width) + " " + Num(height) + "] >>"));
    page.replaceKey("/Contents", pdf.newStream(content));
    QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
    QPDFObjectHandle xobjects = QPDFObjectHandle::newDictionary();
    QPDFObjectHandle image = ImageXObject(pdf, c);
    if (doc.page_info.size() > 1) {
      // Only the dictionary stays; the data comes again at write time.
      on_write->Add(image.getObjGen(), info.page - 1);
      image.replaceStreamData(on_write, image.getDict().getKey("/Filter"),
                              image.getDict().getKey("/DecodeParms"));
    }
    xobjects.replaceKey("/Im0", image);
    resources.replaceKey("/XObject", xobjects);
    page.replaceKey("/Resources", resources);
    AddFontResource(page, font);
    if (info.rotation_degrees != 0) {
      page.replaceKey("/Rotate", QPDFObjectHandle::newInteger(info.rotation_degrees));
    }
    helper.addPage(QPDFPageObjectHelper(page), false);
  }
  return Status::OK();
}

// ------------------------------------------------------------ size

// Deflate at level 9; "" when zlib fails.
std::string Deflate(const std::string& data) {
  uLongf size = compressBound(uLong(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(data.data()), uLong(data.size()), 9) != Z_OK) {
    return "";
  }
  out.resize(size);
  return out;
}

// Gives QPDFWriter the Flate-wrapped copy of a JPEG stream when it writes
// that stream, deflated then from a shallow copy of the original (its bytes
// are read from the input file again): the deflated copies of a release's
// page images are never all in memory at once, so the writer's memory does
// not grow with the page count.
class DeflateOnWrite : public QPDFObjectHandle::StreamDataProvider {
 public:
  void Add(QPDFObjGen og, const QPDFObjectHandle& original) { originals_[og] = original; }
  void provideStreamData(QPDFObjGen const& og, Pipeline* pipeline) override {
    const auto raw = originals_.at(og).getRawStreamData();
    const std::string packed =
        Deflate(std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()));
    pipeline->write(reinterpret_cast<const unsigned char*>(packed.data()), packed.size());
    pipeline->finish();
  }

 private:
  std::map<QPDFObjGen, QPDFObjectHandle> originals_;
};

// A JPEG image stream (DCTDecode alone) wrapped in Flate when that saves at
// least 5%: scanners' JPEGs with standard Huffman tables often lose 15-25%.
// The JPEG bytes inside stay exactly the input's (lossless; allowed in
// PDF/A). What OCRmyPDF's output does too. The deflated bytes are made here
// only to be measured, and again when the file is written (DeflateOnWrite).
void DeflateJpeg(QPDFObjectHandle image, const std::shared_ptr<DeflateOnWrite>& on_write) {
  QPDFObjectHandle dict = image.getDict();
  QPDFObjectHandle filter = dict.getKey("/Filter");
  if (filter.isArray() && filter.getArrayNItems() == 1) filter = filter.getArrayItem(0);
  if (!filter.isName() || filter.getName() != "/DCTDecode") return;
  size_t jpeg_size = 0, packed_size = 0;
  {
    const auto raw = image.getRawStreamData();
    jpeg_size = raw->getSize();
    packed_size =
        Deflate(std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()))
            .size();
  }
  if (packed_size == 0 || packed_size > jpeg_size * 0.95) return;
  QPDFObjectHandle parms = dict.getKey("/DecodeParms");
  if (parms.isArray() && parms.getArrayNItems() == 1) parms = parms.getArrayItem(0);
  on_write->Add(image.getObjGen(), image.copyStream());
  image.replaceStreamData(on_write,
                          QPDFObjectHandle::newArray({QPDFObjectHandle::newName("/FlateDecode"),
                                                      QPDFObjectHandle::newName("/DCTDecode")}),
                          parms.isDictionary()
                              ? QPDFObjectHandle::newArray({QPDFObjectHandle::newNull(), parms})
                              : QPDFObjectHandle::newNull());
}

void DeflateJpegs(QPDF& pdf) {
  auto on_write = std::make_shared<DeflateOnWrite>();
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
    for (auto& [name, image] : page.getImages()) DeflateJpeg(image, on_write);
  }
}

// ------------------------------------------------------------ PDF/A

// Now as ISO 8601 (XMP) and as a PDF date (the Info dictionary), in UTC.
void Now(std::string* iso, std::string* pdf_date) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  *iso = buf;
  std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%S+00'00'", &tm);
  *pdf_date = buf;
}

// PDF/A-2B's document-level parts: XMP, Info in agreement with it, the
// sRGB OutputIntent. Whatever metadata the input had is replaced.
void MakeArchival(QPDF& pdf, const SearchablePdfInfo& info) {
  std::string iso, pdf_date;
  Now(&iso, &pdf_date);
  QPDFObjectHandle root = pdf.getRoot();
  QPDFObjectHandle xmp = pdf.newStream(XmpPacket(info, iso));
  xmp.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  xmp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  root.replaceKey("/Metadata", xmp);
  QPDFObjectHandle profile = pdf.newStream(Bytes(kSrgbProfile, kSrgbProfileSize));
  profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
  QPDFObjectHandle intent = QPDFObjectHandle::parse(
      "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
      "/RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) >>");
  intent.replaceKey("/DestOutputProfile", profile);
  root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({pdf.makeIndirectObject(intent)}));
  QPDFObjectHandle info_dict = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
  info_dict.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(info.title));
  info_dict.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(info.producer));
  info_dict.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString(info.producer));
  info_dict.replaceKey("/CreationDate", QPDFObjectHandle::newString(pdf_date));
  info_dict.replaceKey("/ModDate", QPDFObjectHandle::newString(pdf_date));
  pdf.getTrailer().replaceKey("/Info", info_dict);
  // Scripts and actions are not allowed in PDF/A.
  root.removeKey("/OpenAction");
  root.removeKey("/AA");
}

Status Write(QPDF& pdf, const std::string& out) {
  const std::string part = out + ".part";
  try {
    QPDFWriter writer(pdf, part.c_str());
    writer.setPreserveEncryption(false);
    writer.setMinimumPDFVersion("1.6");  // object streams; PDF/A-2 allows up to 1.7
    writer.setObjectStreamMode(qpdf_o_generate);
    writer.setCompressStreams(true);
    writer.write();
  } catch (const std::exception& e) {
    std::remove(part.c_str());
    return Status::IOError(std::string("cannot write ") + part + ": " + e.what());
  }
  if (std::rename(part.c_str(), out.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(part.c_str());
    return Status::IOError("cannot rename " + part + " to " + out + ": " + why);
  }
  return Status::OK();
}

bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

}  // namespace

std::string XmpPacket(const SearchablePdfInfo& info, const std::string& when) {
  std::ostringstream x;
  const std::string woo_ns = "urn:verdeelscan:ns:woo:1.0#";
  x << "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
    << "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
    << "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
    << "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
    << "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
    << "</rdf:Description>\n"
    << "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
    << "<dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
    << EscapeMarkup(info.title) << "</rdf:li></rdf:Alt></dc:title></rdf:Description>\n"
    << "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
    << "<xmp:CreateDate>" << when << "</xmp:CreateDate><xmp:ModifyDate>" << when
    << "</xmp:ModifyDate><xmp:MetadataDate>" << when << "</xmp:MetadataDate><xmp:CreatorTool>"
    << EscapeMarkup(info.producer) << "</xmp:CreatorTool></rdf:Description>\n"
    << "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
    << "<pdf:Producer>" << EscapeMarkup(info.producer) << "</pdf:Producer></rdf:Description>\n";
  // The Woo fields, with the extension schema PDF/A requires for properties
  // outside its predefined schemas.
  const std::pair<const char*, const std::string*> fields[] = {{"kind", &info.kind},
                                                               {"province", &info.province},
                                                               {"date", &info.date},
                                                               {"reference", &info.reference}};
  x << "<rdf:Description rdf:about=\"\" "
       "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
    << " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
    << " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">"
    << "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
    << "<pdfaSchema:schema>Woo release metadata read by verdeelscan</pdfaSchema:schema>"
    << "<pdfaSchema:namespaceURI>" << woo_ns << "</pdfaSchema:namespaceURI>"
    << "<pdfaSchema:prefix>woo</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>\n";
  for (const auto& [name, value] : fields) {
    x << "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>" << name
      << "</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>"
      << "<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>"
      << "the document's " << name << " as read</pdfaProperty:description></rdf:li>\n";
  }
  x << "</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>"
    << "</rdf:Description>\n"
    << "<rdf:Description rdf:about=\"\" xmlns:woo=\"" << woo_ns << "\">";
  for (const auto& [name, value] : fields) {
    if (!value->empty())
      x << "<woo:" << name << ">" << EscapeMarkup(*value) << "</woo:" << name << ">";
  }
  x << "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return x.str();
}

std::string PageTexts(const TextDocument& doc) {
  std::vector<std::string> pages(size_t(std::max(1, doc.pages)));
  for (const TextLine& line : doc.lines) {
    if (line.page < 1) continue;
    if (size_t(line.page) > pages.size()) pages.resize(size_t(line.page));
    pages[size_t(line.page) - 1] += line.text + "\n";
  }
  std::string out;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += '\f';
    out += pages[i];
  }
  return out;
}

Status WriteSearchablePdf(const std::string& input, const TextDocument& doc,
                          const SearchablePdfInfo& info, const std::string& out) {
  if (SameFile(input, out)) return Status::InvalidArgument("its path is the input file");
  bool any_ocr = false;
  for (const PageInfo& p : doc.page_info) any_ocr = any_ocr || !p.has_text_layer;
  if (!any_ocr) {
    return Status::Unsupported("every page has a text layer (already searchable)");
  }
  SearchablePdfInfo meta = info;
  if (meta.title.empty()) meta.title = input.substr(input.find_last_of('/') + 1);
  if (meta.producer.empty()) meta.producer = "verdeelscan";
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    if (doc.media == "image") {
      pdf.emptyPDF();
      if (Status st = PagesFromImage(pdf, input, doc); !st.ok()) return st;
    } else {
      pdf.processFile(input.c_str());
      LayerOverPdf(pdf, doc);
    }
    DeflateJpegs(pdf);
    MakeArchival(pdf, meta);
    return Write(pdf, out);
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("qpdf: ") + e.what());
  }
}

}  // namespace verdeelscan
