// A second opinion on a PDF's pages, from qpdf (libqpdf), for the files whose
// page tree lies.
//
// Poppler trusts the page tree's /Count: a PDF whose root says /Count 0 but
// holds a page reads as "no pages", one that says /Count 1 over three pages
// reads as one page (two pages silently lost), and one that says /Count 5
// over one page fails at page 2. qpdf walks the /Kids themselves. When the
// two disagree, the page tree is rebuilt (every page object the tree reaches,
// in order, as direct kids of the root, with /Count set to their number and
// inherited attributes pushed down to each page) and the rebuilt file is
// handed to poppler from memory.
//
// Cost: counting is ~1 ms on the samples (qpdf parses lazily and reads only
// the page tree); a rebuild rewrites the file in memory (one copy of the
// file, ~30-50 ms for a 1 MB scan), and happens only when the counts differ.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PDF_PAGES_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PDF_PAGES_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace verdeelscan {

// The number of page objects reachable through the page tree's /Kids,
// ignoring every /Count. Corruption when qpdf cannot read the file.
StatusOr<int> CountPageObjects(const std::string& path);

// The bytes of `path` with its page tree rebuilt as described above.
StatusOr<std::vector<char>> RebuildPageTree(const std::string& path);

// The one image that is a scanned page's whole content, as the file stores it
// (PdfPageImages::Find), and how it stands on the page as displayed.
struct EmbeddedPageImage {
  enum class Encoding {
    kJpeg,     // DCTDecode bytes as stored
    kCcittG4,  // CCITTFaxDecode /K < 0 bytes as stored
    kSamples,  // decoded samples (no filter, or Flate/LZW/RunLength decoded by qpdf)
  };
  Encoding encoding = Encoding::kSamples;
  std::string data;
  int width = 0, height = 0;  // as stored
  int bits = 8;               // per component: 8, or 1 (gray only)
  int components = 1;         // 1 (gray) or 3 (RGB)
  bool black_is_1 = false;    // CCITT /BlackIs1
  // From the stored orientation to the page as displayed (the placement
  // matrix and /Rotate): transpose first, then the flips.
  bool transpose = false, flip_lr = false, flip_tb = false;
  // The page (crop box) as displayed, in inches: after /Rotate.
  double page_width_in = 0, page_height_in = 0;
};

// Finds, per page, the image a scanned page consists of, so that ingestion
// can decode it at its own resolution instead of rendering the page. A page
// qualifies when its content stream does nothing but place one image XObject
// (q, Q, cm, Do and graphics-state operators that paint nothing), the
// placement is axis-aligned (flipped or turned by quarter turns is fine) and
// covers the crop box, the page has no annotations, the image has no mask,
// soft mask or /Decode array, its colour space is DeviceGray, DeviceRGB or an
// ICC profile of 1 or 3 components, and its encoding is one we decode
// (DCTDecode, CCITT G4, or a generalized filter qpdf undoes: Flate, LZW,
// RunLength, ASCII; 8-bit gray or RGB, 1-bit gray). Everything else (JBIG2,
// JPX, CMYK, Indexed, text or vector content, several images) is rendered.
// Thread-safe: one qpdf document shared under a lock; Find copies the bytes
// out, so decoding happens outside it.
// Cost: opening parses the cross-reference table (~1 ms); Find parses one
// content stream and copies one image stream (ms; a Flate image is inflated).
// An image's size as its dictionary states it, in stored pixels.
struct ImageExtent {
  long width = 0, height = 0;
  double pixels() const { return double(width) * double(height); }
};

class PdfPageImages {
 public:
  static StatusOr<std::unique_ptr<PdfPageImages>> Open(const std::string& path);
  ~PdfPageImages();
  PdfPageImages(const PdfPageImages&) = delete;
  PdfPageImages& operator=(const PdfPageImages&) = delete;

  // Page `index` (0-based)'s image, or nullopt with the reason in *why_not
  // (when given): the page is then rendered. Images above `max_pixels`
  // stored pixels are left to the renderer's pixel budget.
  std::optional<EmbeddedPageImage> Find(int index, long max_pixels, std::string* why_not);

  // The largest image page `index` draws, as the dictionaries state it: its
  // image XObjects, those of the forms it uses, and their masks. For the
  // decoding budget before rendering: poppler reads every row an image
  // claims, so a damaged /Height of 2^31 held one page's render for hours.
  // {0, 0} when the page has no image or qpdf cannot read it.
  ImageExtent LargestImage(int index);

  // True when page `index` shows images and every one it draws directly is
  // 1-bit (/ImageMask, /BitsPerComponent 1, or CCITT or JBIG2 encoded): a fax
  // or a 1-bit scan. Poppler renders such an image smoothed into grey, so
  // ingestion cuts the render back to 1 bit and cleans it as the 1-bit page
  // it is (cleanup.h). False when qpdf cannot read the page's resources.
  // Cost: the page's resource dictionaries (~1 ms).
  bool AllImagesBilevel(int index);

 private:
  struct State;
  PdfPageImages();
  std::mutex mu_;
  std::unique_ptr<State> state_;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PDF_PAGES_H_
