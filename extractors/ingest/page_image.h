// The page images a record's boxes refer to, made again after ingestion (the
// review page shows each doubtful cell beside the pixels it was read from,
// long after ingestion freed its page bitmaps).
//
// RenderUprightPage renders or decodes a page with the ingestion code itself
// (ingest.cc: the same PDF renderer, image decoder and pixel budgets), turned
// upright by the record's rotation, so that a record's `bbox` (pixels of the
// upright page at source.dpi) lands on the same pixels ingestion read.
// Deskewing is not applied: ingestion maps its boxes back to the unstraightened
// page. CropPng and ThumbnailPng encode parts of such a page as PNG.
//
// Cost: one page render or decode (~0.05-0.3 s at 300 DPI, ~9 MB for A4 gray);
// a crop is a few ms and ~1-3 KB of PNG.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PAGE_IMAGE_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PAGE_IMAGE_H_

#include <string>

#include "core/document.h"
#include "core/status.h"
#include "extractors/ingest/ingest.h"
#include "extractors/ingest/pix.h"

namespace verdeelscan {

// One page, upright, 8 bpp gray. `scale` maps the box frame to these pixels:
// a box [x0, y0, x1, y1] at `dpi` covers [x0 * scale, ...] here (1 unless the
// page had to be rendered or decoded smaller to fit a pixel budget).
struct UprightPage {
  PixPtr gray;
  int dpi = 0;  // the nominal resolution: the frame of every bbox
  double scale = 1.0;
};

// Page `page` (1-based) of the PDF or page image at `path`, rendered at `dpi`
// (PDFs; an image keeps its own resolution tag, as in ingestion; 0 = opts.dpi)
// and turned clockwise by `degrees` (0, 90, 180, 270: the record's
// source.rotations entry for the page). Errors: the file's own (missing,
// corrupt, encrypted), a page out of range (InvalidArgument), a bad angle.
StatusOr<UprightPage> RenderUprightPage(const std::string& path, int page, int dpi, int degrees,
                                        const ScanOptions& opts = {});

// The PNG of `box` (in the page's bbox frame) with `margin` frame pixels
// around it, scaled so that the crop is `height` pixels high (0 = as is, and
// never enlarged more than 2x). InvalidArgument when the box lies off the page.
StatusOr<std::string> CropPng(const UprightPage& page, const BBox& box, int margin, int height);

// The whole page as a PNG `width` pixels wide.
StatusOr<std::string> ThumbnailPng(const UprightPage& page, int width);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PAGE_IMAGE_H_
