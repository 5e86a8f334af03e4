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
  // Sauvola's threshold map computed at half resolution and applied at full
  // resolution (about a third of the binarisation's CPU; stroke edges may
  // move by a pixel). Off: the map at full resolution, as before.
  bool reduced_threshold_map = true;
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
  // Artefacts painted to the background before binarisation (artefacts.h):
  // coloured ink (stamps, ticks; colour pages) and solid dark regions
  // (redaction bars, punch holes, dark borders).
  bool mask_artefacts = true;
  // Low-contrast pages (light photocopies) stretched to black ink on white
  // paper before anything else (artefacts.h, StretchLowContrast).
  bool stretch_contrast = true;
  // Stretched pages lose their isolated specks after binarisation.
  bool despeckle_stretched = true;
  // 1-bit pages (faxes, CCITT; or grayscale pages that are in effect 1-bit)
  // keep their own black and white: no second (Sauvola) binarisation, toner
  // specks removed, and (close_bilevel_strokes) one-pixel breaks in strokes
  // closed.
  bool bilevel_cleanup = true;
  bool close_bilevel_strokes = true;
  // Pages not upscaled by their DPI whose median glyph height (digits,
  // capitals, x-height letters together) is below min_glyph_px (1-bit pages:
  // min_glyph_px_bilevel) are upscaled so that it becomes target_glyph_px (at
  // most 3x): Tesseract then sees capitals of ~30 px. Small text, a page whose
  // resolution tag is wrong, a 200 DPI fax (median ~20 px). 0 = never. 10-12
  // pt text at 300 DPI measures 25-30 px: clean 300 DPI pages are not touched.
  int min_glyph_px = 16;
  int min_glyph_px_bilevel = 24;
  int target_glyph_px = 30;
};

struct CleanPage {
  PixPtr binary;              // 1 bpp, deskewed, rulings erased: what OCR reads
  PixPtr gray;                // 8 bpp, same size and frame as binary (only with keep_gray)
  double deskew_degrees = 0;  // rotation applied (clockwise positive)
  std::vector<BBox> rulings;  // in nominal page pixels (through ToPage)
  PageTransform transform;    // cleaned image → nominal page pixels
  // What the cleanup did, for notes and tests.
  bool bilevel = false;    // read as a 1-bit page (no Sauvola)
  bool stretched = false;  // low contrast stretched (StretchLowContrast)
  int specks_removed = 0;  // toner specks (1-bit pages, stretched photocopies)
  long masked_pixels = 0;  // painted to the background (artefacts.h)
  int glyph_height = 0;    // median glyph height measured (0 = not measured)
  double upscale = 1.0;    // interpolation applied before binarisation
  // Seconds each step took (this thread's CPU time), to measure what each
  // costs (tools: cleanup_steps). gray: conversion to 8 bpp, and for 1-bit
  // pages the specks and stroke closing; glyphs: measuring the median glyph
  // height; upscale: the interpolation itself.
  struct StepSeconds {
    double gray = 0, contrast = 0, masks = 0, glyphs = 0, upscale = 0, deskew = 0, binarise = 0,
           rulings = 0;
  } seconds;
};

// `page` may be of any depth (1, 8, 32 bpp, colormapped). `scale` is the
// working-to-nominal ratio the caller already applied (downscaling of huge
// pages). Fails only on Leptonica allocation failures (ResourceExhausted).
StatusOr<CleanPage> CleanPageImage(Pix* page, double scale, const CleanupOptions& options);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_CLEANUP_H_
