// qpdf 11: std::shared_ptr rather than its deprecated PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include "extractors/ingest/pdf_pages.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <new>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <set>
#include <utility>

namespace verdeelscan {
namespace {

// qpdf reports damage by throwing (QPDFExc, std::runtime_error) and prints
// warnings unless told not to; we report both as Status values.
void Open(QPDF& qpdf, const std::string& path) {
  qpdf.setSuppressWarnings(true);
  qpdf.processFile(path.c_str());
}

bool HasName(QPDFObjectHandle filter, const std::string& name) {
  if (filter.isName()) return filter.getName() == name;
  if (!filter.isArray()) return false;
  for (int i = 0; i < filter.getArrayNItems(); ++i) {
    if (HasName(filter.getArrayItem(i), name)) return true;
  }
  return false;
}

bool IsBilevelImage(QPDFObjectHandle image) {
  QPDFObjectHandle dict = image.getDict();
  QPDFObjectHandle mask = dict.getKey("/ImageMask");
  if (mask.isBool() && mask.getBoolValue()) return true;
  QPDFObjectHandle bits = dict.getKey("/BitsPerComponent");
  if (bits.isInteger() && bits.getIntValue() == 1) return true;
  QPDFObjectHandle filter = dict.getKey("/Filter");
  return HasName(filter, "/CCITTFaxDecode") || HasName(filter, "/JBIG2Decode");
}

}  // namespace

StatusOr<int> CountPageObjects(const std::string& path) {
  try {
    QPDF qpdf;
    Open(qpdf, path);
    return int(qpdf.getAllPages().size());
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("qpdf cannot read the page tree: ") + e.what());
  }
}

StatusOr<std::vector<char>> RebuildPageTree(const std::string& path) {
  try {
    QPDF qpdf;
    Open(qpdf, path);
    const std::vector<QPDFObjectHandle> pages = qpdf.getAllPages();
    // /MediaBox, /Resources, /Rotate, /CropBox may sit on an intermediate
    // /Pages node that the flat tree leaves out: copy them onto the pages.
    qpdf.pushInheritedAttributesToPage();
    QPDFObjectHandle root = qpdf.getRoot().getKey("/Pages");
    if (!root.isDictionary()) return Status::Corruption("the catalog has no /Pages dictionary");
    for (QPDFObjectHandle page : pages) page.replaceKey("/Parent", root);
    root.replaceKey("/Kids", QPDFObjectHandle::newArray(pages));
    root.replaceKey("/Count", QPDFObjectHandle::newInteger(static_cast<long long>(pages.size())));
    QPDFWriter writer(qpdf);
    writer.setOutputMemory();
    writer.write();
    std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    const char* data = reinterpret_cast<const char*>(buffer->getBuffer());
    return std::vector<char>(data, data + buffer->getSize());
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory rebuilding the PDF's page tree");
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("qpdf cannot rebuild the page tree: ") + e.what());
  }
}

}  // namespace verdeelscan

// ------------------------------------------------------------ page images

namespace verdeelscan {
namespace {

// A PDF matrix [a b c d e f]: (x, y) -> (a x + c y + e, b x + d y + f).
using Matrix = std::array<double, 6>;

// m applied first, then n (PDF's "m × n").
Matrix Multiply(const Matrix& m, const Matrix& n) {
  return {m[0] * n[0] + m[1] * n[2],        m[0] * n[1] + m[1] * n[3],
          m[2] * n[0] + m[3] * n[2],        m[2] * n[1] + m[3] * n[3],
          m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]};
}

// Walks a page's content stream: the CTM of every image drawn, and whether
// anything else paints (text, paths, inline images, shadings, forms) or an
// operator is one we do not know to be harmless.
class PlacementFinder : public QPDFObjectHandle::ParserCallbacks {
 public:
  std::vector<std::pair<std::string, Matrix>> draws;  // XObject name, CTM at Do
  bool other_content = false;

  void handleObject(QPDFObjectHandle obj) override {
    if (!obj.isOperator()) {
      if (obj.isInlineImage()) other_content = true;
      operands_.push_back(obj);
      return;
    }
    const std::string op = obj.getOperatorValue();
    if (op == "q") {
      stack_.push_back(ctm_);
    } else if (op == "Q") {
      if (!stack_.empty()) ctm_ = stack_.back(), stack_.pop_back();
    } else if (op == "cm") {
      Matrix m{};
      bool numeric = operands_.size() == 6;
      for (size_t i = 0; numeric && i < 6; ++i) {
        numeric = operands_[i].isNumber();
        if (numeric) m[i] = operands_[i].getNumericValue();
      }
      if (numeric) {
        ctm_ = Multiply(m, ctm_);
      } else {
        other_content = true;
      }
    } else if (op == "Do" && operands_.size() == 1 && operands_[0].isName()) {
      draws.emplace_back(operands_[0].getName(), ctm_);
    } else if (!kHarmless.count(op)) {
      other_content = true;
    }
    operands_.clear();
  }
  void handleEOF() override {}

 private:
  // Graphics state that paints nothing and cannot hide the image.
  inline static const std::set<std::string> kHarmless = {"w", "J", "j", "M", "d", "ri", "i"};
  Matrix ctm_{1, 0, 0, 1, 0, 0};
  std::vector<Matrix> stack_;
  std::vector<QPDFObjectHandle> operands_;
};

// The filters of a stream, in order.
std::vector<std::string> FilterNames(QPDFObjectHandle filter) {
  std::vector<std::string> out;
  if (filter.isName()) out.push_back(filter.getName());
  if (filter.isArray()) {
    for (int i = 0; i < filter.getArrayNItems(); ++i) {
      QPDFObjectHandle item = filter.getArrayItem(i);
      out.push_back(item.isName() ? item.getName() : "?");
    }
  }
  return out;
}

// The decode parameters of the stream's first filter.
QPDFObjectHandle FirstDecodeParms(QPDFObjectHandle dict) {
  QPDFObjectHandle parms = dict.getKey("/DecodeParms");
  if (parms.isArray() && parms.getArrayNItems() > 0) parms = parms.getArrayItem(0);
  return parms.isDictionary() ? parms : QPDFObjectHandle::newDictionary();
}

// Components of a colour space we decode: 1 or 3, else 0.
int ColourComponents(QPDFObjectHandle space) {
  if (space.isName()) {
    if (space.getName() == "/DeviceGray") return 1;
    if (space.getName() == "/DeviceRGB") return 3;
    return 0;
  }
  if (space.isArray() && space.getArrayNItems() == 2 && space.getArrayItem(0).isName() &&
      space.getArrayItem(0).getName() == "/ICCBased" && space.getArrayItem(1).isStream()) {
    QPDFObjectHandle n = space.getArrayItem(1).getDict().getKey("/N");
    if (n.isInteger() && (n.getIntValue() == 1 || n.getIntValue() == 3))
      return int(n.getIntValue());
  }
  return 0;
}

// A default /Decode array ([0 1] per component) changes nothing.
bool DefaultDecode(QPDFObjectHandle decode) {
  if (decode.isNull()) return true;
  if (!decode.isArray()) return false;
  for (int i = 0; i < decode.getArrayNItems(); ++i) {
    QPDFObjectHandle v = decode.getArrayItem(i);
    if (!v.isNumber() || std::fabs(v.getNumericValue() - (i % 2)) > 1e-6) return false;
  }
  return true;
}

std::string BufferString(const std::shared_ptr<Buffer>& buffer) {
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

// Filters qpdf undoes itself (its "generalized" decode level).
bool GeneralizedFilter(const std::string& name) {
  return name == "/FlateDecode" || name == "/LZWDecode" || name == "/RunLengthDecode" ||
         name == "/ASCIIHexDecode" || name == "/ASCII85Decode";
}

// The image's encoding and bytes into `out`; "" when done, else why not.
std::string ReadImageData(QPDFObjectHandle image, long max_pixels, EmbeddedPageImage* out) {
  QPDFObjectHandle dict = image.getDict();
  QPDFObjectHandle mask = dict.getKey("/ImageMask");
  if ((mask.isBool() && mask.getBoolValue()) || !dict.getKey("/Mask").isNull() ||
      !dict.getKey("/SMask").isNull()) {
    return "the image is masked";
  }
  if (!DefaultDecode(dict.getKey("/Decode"))) return "the image has a /Decode array";
  QPDFObjectHandle w = dict.getKey("/Width"), h = dict.getKey("/Height");
  QPDFObjectHandle bits = dict.getKey("/BitsPerComponent");
  if (!w.isInteger() || !h.isInteger() || !bits.isInteger()) return "the image has no size";
  out->width = int(std::clamp<long long>(w.getIntValue(), 0, 1 << 20));
  out->height = int(std::clamp<long long>(h.getIntValue(), 0, 1 << 20));
  out->bits = int(bits.getIntValue());
  if (out->width < 16 || out->height < 16) return "the image is tiny";
  if (double(out->width) * out->height > double(max_pixels)) {
    return "the image exceeds the decoding budget";
  }
  out->components = ColourComponents(dict.getKey("/ColorSpace"));
  if (out->components == 0) return "the image's colour space is not gray or RGB";
  if (out->bits != 8 && !(out->bits == 1 && out->components == 1)) {
    return "the image has " + std::to_string(out->bits) + " bits per component";
  }
  const std::vector<std::string> filters = FilterNames(dict.getKey("/Filter"));
  const bool generalized = std::all_of(filters.begin(), filters.end(), GeneralizedFilter);
  if (filters.size() == 1 && filters[0] == "/DCTDecode" && out->bits == 8) {
    out->encoding = EmbeddedPageImage::Encoding::kJpeg;
    out->data = BufferString(image.getRawStreamData());
    return "";
  }
  if (filters.size() == 1 && filters[0] == "/CCITTFaxDecode" && out->bits == 1) {
    QPDFObjectHandle parms = FirstDecodeParms(dict);
    QPDFObjectHandle k = parms.getKey("/K"), columns = parms.getKey("/Columns");
    QPDFObjectHandle black = parms.getKey("/BlackIs1"), align = parms.getKey("/EncodedByteAlign");
    if (!k.isInteger() || k.getIntValue() >= 0) return "CCITT Group 3 data";
    if (align.isBool() && align.getBoolValue()) return "byte-aligned CCITT data";
    const long long cols = columns.isInteger() ? columns.getIntValue() : 1728;
    if (cols != out->width) return "CCITT /Columns differ from the image's width";
    out->black_is_1 = black.isBool() && black.getBoolValue();
    out->encoding = EmbeddedPageImage::Encoding::kCcittG4;
    out->data = BufferString(image.getRawStreamData());
    return "";
  }
  if (!generalized) return "the image's encoding is rendered, not decoded here";
  out->encoding = EmbeddedPageImage::Encoding::kSamples;
  out->data = BufferString(image.getStreamData(qpdf_dl_generalized));
  const size_t row = (size_t(out->width) * out->components * out->bits + 7) / 8;
  if (out->data.size() < row * size_t(out->height)) return "the image's samples are short";
  return "";
}

// A display direction (x right, y down) turned clockwise by `quarters`.
std::pair<double, double> TurnClockwise(std::pair<double, double> v, int quarters) {
  for (int i = 0; i < quarters; ++i) v = {-v.second, v.first};
  return v;
}

// How the image placed by `ctm` stands on the page (crop box `box`, shown
// turned clockwise by `rotate`): "" when it covers the box axis-aligned,
// with its orientation in `out`; else why not.
std::string Place(const Matrix& ctm, const QPDFObjectHandle::Rectangle& box, int rotate,
                  EmbeddedPageImage* out) {
  const double a = ctm[0], b = ctm[1], c = ctm[2], d = ctm[3], e = ctm[4], f = ctm[5];
  const double scale = std::max({std::fabs(a), std::fabs(b), std::fabs(c), std::fabs(d)});
  const bool straight = std::fabs(b) < 1e-3 * scale && std::fabs(c) < 1e-3 * scale;
  const bool sideways = std::fabs(a) < 1e-3 * scale && std::fabs(d) < 1e-3 * scale;
  if (!straight && !sideways) return "the image is placed skewed";
  // The unit square's corners in user space.
  const double xs[4] = {e, e + a, e + c, e + a + c}, ys[4] = {f, f + b, f + d, f + b + d};
  const double x0 = *std::min_element(xs, xs + 4), x1 = *std::max_element(xs, xs + 4);
  const double y0 = *std::min_element(ys, ys + 4), y1 = *std::max_element(ys, ys + 4);
  const double bw = box.urx - box.llx, bh = box.ury - box.lly;
  const double tx = std::max(1.5, 0.01 * std::fabs(bw)), ty = std::max(1.5, 0.01 * std::fabs(bh));
  if (std::fabs(x0 - std::min(box.llx, box.urx)) > tx ||
      std::fabs(x1 - std::max(box.llx, box.urx)) > tx ||
      std::fabs(y0 - std::min(box.lly, box.ury)) > ty ||
      std::fabs(y1 - std::max(box.lly, box.ury)) > ty) {
    return "the image does not cover the page";
  }
  // One stored pixel to the right (column) and down (row), on the page as
  // shown before /Rotate (x right, y down): u runs along (a, b), and a row
  // down is v decreasing (image row 0 is v = 1).
  const int quarters = ((rotate / 90) % 4 + 4) % 4;
  auto col = TurnClockwise({a, -b}, quarters), row = TurnClockwise({-c, d}, quarters);
  out->transpose = std::fabs(col.second) > std::fabs(col.first);
  if (out->transpose) std::swap(col, row);
  out->flip_lr = col.first < 0;
  out->flip_tb = row.second < 0;
  const double w_in = std::fabs(bw) / 72.0, h_in = std::fabs(bh) / 72.0;
  out->page_width_in = quarters % 2 ? h_in : w_in;
  out->page_height_in = quarters % 2 ? w_in : h_in;
  return "";
}

// A stated dimension: a number clamped to [0, 2^40] (a real counts by its
// value, as poppler reads it); 0 when absent or not a number.
long StatedDimension(QPDFObjectHandle dict, const char* key) {
  QPDFObjectHandle v = dict.getKey(key);
  if (!v.isNumber()) return 0;
  return long(std::clamp(v.getNumericValue(), 0.0, double(1LL << 40)));
}

ImageExtent StatedExtent(QPDFObjectHandle image) {
  if (!image.isStream()) return {};
  QPDFObjectHandle dict = image.getDict();
  return {StatedDimension(dict, "/Width"), StatedDimension(dict, "/Height")};
}

}  // namespace

struct PdfPageImages::State {
  QPDF qpdf;
  std::vector<QPDFObjectHandle> pages;
};

PdfPageImages::PdfPageImages() : state_(std::make_unique<State>()) {}
PdfPageImages::~PdfPageImages() = default;

StatusOr<std::unique_ptr<PdfPageImages>> PdfPageImages::Open(const std::string& path) {
  try {
    std::unique_ptr<PdfPageImages> out(new PdfPageImages());
    verdeelscan::Open(out->state_->qpdf, path);
    // /Rotate, /CropBox and /Resources may be inherited from a /Pages node.
    out->state_->qpdf.pushInheritedAttributesToPage();
    out->state_->pages = out->state_->qpdf.getAllPages();
    return out;
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("qpdf cannot read the pages: ") + e.what());
  }
}

std::optional<EmbeddedPageImage> PdfPageImages::Find(int index, long max_pixels,
                                                     std::string* why_not) {
  std::string why;
  std::lock_guard<std::mutex> lock(mu_);
  try {
    if (index < 0 || index >= int(state_->pages.size())) {
      why = "qpdf does not see this page";
    } else {
      QPDFPageObjectHelper page(state_->pages[size_t(index)]);
      QPDFObjectHandle annots = page.getObjectHandle().getKey("/Annots");
      PlacementFinder finder;
      if (annots.isArray() && annots.getArrayNItems() > 0) {
        why = "the page has annotations";
      } else {
        page.parseContents(&finder);
        if (finder.other_content || finder.draws.size() != 1) why = "the page is not one image";
      }
      std::map<std::string, QPDFObjectHandle> images;
      if (why.empty()) images = page.getImages();
      auto it = why.empty() ? images.find(finder.draws[0].first) : images.end();
      if (why.empty() && it == images.end()) why = "the page draws a form, not an image";
      EmbeddedPageImage out;
      if (why.empty()) why = ReadImageData(it->second, max_pixels, &out);
      if (why.empty()) {
        QPDFObjectHandle box = page.getCropBox(false, false);
        QPDFObjectHandle rotate = page.getObjectHandle().getKey("/Rotate");
        if (!box.isRectangle()) why = "the page has no page box";
        if (why.empty()) {
          why = Place(finder.draws[0].second, box.getArrayAsRectangle(),
                      rotate.isInteger() ? int(rotate.getIntValue()) : 0, &out);
        }
      }
      if (why.empty()) return out;
    }
  } catch (const std::exception& e) {
    why = std::string("qpdf cannot read the page's image: ") + e.what();
  }
  if (why_not != nullptr) *why_not = why;
  return std::nullopt;
}

ImageExtent PdfPageImages::LargestImage(int index) {
  ImageExtent largest;
  auto consider = [&](QPDFObjectHandle image) {
    const ImageExtent e = StatedExtent(image);
    if (e.pixels() > largest.pixels()) largest = e;
  };
  std::lock_guard<std::mutex> lock(mu_);
  try {
    if (index < 0 || index >= int(state_->pages.size())) return largest;
    QPDFPageObjectHelper page(state_->pages[size_t(index)]);
    // Recursive: images in forms too (qpdf skips a form it has seen, so a
    // form that uses itself ends).
    page.forEachImage(true, [&](QPDFObjectHandle& image, QPDFObjectHandle&, const std::string&) {
      consider(image);
      consider(image.getDict().getKey("/SMask"));
      consider(image.getDict().getKey("/Mask"));
    });
  } catch (const std::exception&) {
    // Unreadable resources: poppler's own checks decide.
  }
  return largest;
}

bool PdfPageImages::AllImagesBilevel(int index) {
  std::lock_guard<std::mutex> lock(mu_);
  try {
    if (index < 0 || index >= int(state_->pages.size())) return false;
    bool any = false;
    for (auto& [name, image] : QPDFPageObjectHelper(state_->pages[size_t(index)]).getImages()) {
      if (!image.isStream() || !IsBilevelImage(image)) return false;
      any = true;
    }
    return any;
  } catch (const std::exception&) {
    return false;  // unreadable resources: the usual cleanup
  }
}

}  // namespace verdeelscan
