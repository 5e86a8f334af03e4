// qpdf 11: std::shared_ptr rather than its deprecated PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include "extractors/ingest/pdf_pages.h"

#include <exception>
#include <memory>
#include <new>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

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

StatusOr<std::vector<bool>> BilevelImagePages(const std::string& path) {
  try {
    QPDF qpdf;
    Open(qpdf, path);
    std::vector<bool> out;
    for (QPDFObjectHandle page : qpdf.getAllPages()) {
      bool any = false, all = true;
      for (auto& [name, image] : QPDFPageObjectHelper(page).getImages()) {
        any = true;
        all = all && image.isStream() && IsBilevelImage(image);
      }
      out.push_back(any && all);
    }
    return out;
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("qpdf cannot read the pages' images: ") + e.what());
  }
}

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
