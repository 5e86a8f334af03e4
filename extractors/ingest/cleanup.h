// Page cleanup before OCR, through the Leptonica C API: grayscale, deskew,
// adaptive (Sauvola) binarisation, ruling-line detection and removal.
//
// Why each step: Tesseract's line finder assumes horizontal text, so a 1°
// skew over a 2000 px wide table row drifts 35 px, enough to merge rows;
// Sauvola thresholds locally, so photocopy shading and uneven scans do not
// swallow thin digits; table rulings are reported (the table reader uses
// them as column and row borders) and erased, because a glyph touching a
// ruling is often read as "1" or "|" glued to the number.
//
// Cost on a 300 DPI A4 page (8.7 Mpixel), measured on this 2-core machine:
// roughly 0.3-0.5 s, dominated by the rotation and the Sauvola integral
// images; memory a few page-sized buffers (gray 8.7 MB each), freed on return.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_CLEANUP_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_CLEANUP_H_

#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "extractors/ingest/pix.h"

namespace verdeelscan {

// Maps pixel coordinates of the cleaned (downscaled, deskewed) image back to
// the page as rendered at the document's nominal DPI, which is the frame every
// bbox in a TextDocument uses.
struct PageTransform {
  double scale = 1.0;         // working pixels per nominal pixel (<1 if downscaled)
  double radians = 0.0;       // rotation applied about the working image's centre
  double cx = 0.0, cy = 0.0;  // that centre, in working pixels

  // Axis-aligned box around the back-mapped corners of `box`.
  BBox ToPage(const BBox& box) const;
};

struct CleanupOptions {
  int dpi = 300;  // resolution of the working image (sizes of the filters)
  bool deskew = true;
  // Skews below this are not corrected: the rotation would blur glyphs for no
  // gain in line finding.
  double min_deskew_degrees = 0.1;
  // pixFindSkew's confidence below which the angle is not trusted (pages with
  // almost no text, or pure pictures). Leptonica's own pixDeskew uses 3.0.
  double min_skew_confidence = 3.0;
  bool remove_rulings = true;
  // Pages below this resolution are interpolated up to upscale_to_dpi before
  // binarisation and OCR (0 = never). Costs OCR time, buys digits at 150 DPI.
  int upscale_below_dpi = 200;
  int upscale_to_dpi = 300;
  // The upscaled page stays within this many pixels (0 = no limit): a huge
  // page that was decoded or rendered small to fit the pixel budget must not
  // be blown up to its full size again here.
  long max_pixels = 0;
  // Keep the grayscale page (after upscaling and deskew) in CleanPage::gray,
  // for the searchable PDF's page image. One more page-sized 8 bpp buffer
  // lives until the caller drops the CleanPage.
  bool keep_gray = false;
};

struct CleanPage {
  PixPtr binary;              // 1 bpp, deskewed, rulings erased: what OCR reads
  PixPtr gray;                // 8 bpp, same size and frame as binary (only with keep_gray)
  double deskew_degrees = 0;  // rotation applied (clockwise positive)
  std::vector<BBox> rulings;  // in nominal page pixels (through ToPage)
  PageTransform transform;    // cleaned image → nominal page pixels
};

// `page` may be of any depth (1, 8, 32 bpp, colormapped). `scale` is the
// working-to-nominal ratio the caller already applied (downscaling of huge
// pages). Fails only on Leptonica allocation failures (ResourceExhausted).
StatusOr<CleanPage> CleanPageImage(Pix* page, double scale, const CleanupOptions& options);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_CLEANUP_H_
