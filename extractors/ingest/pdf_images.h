// Decoding a scanned PDF page's own image (pdf_pages.h, PdfPageImages) into
// the page as displayed, so that ingestion reads the scan's pixels at the
// scan's resolution instead of rendering the page with poppler.
//
// Why: rendering re-samples the image to the work DPI (300) through poppler's
// smoothing, which costs time (a 2 MB JPEG page ~0.1-0.2 s, plus the copy
// into a Pix) and, for 1-bit scans, turns the scanner's black and white into
// grey that ingestion then has to cut back. The image itself is what the
// scanner saw.
// Cost: one JPEG or G4 decode (tens of ms for an A4 page) and at most one
// transpose or flip.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PDF_IMAGES_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PDF_IMAGES_H_

#include <string>

#include "core/status.h"
#include "extractors/ingest/pdf_pages.h"
#include "extractors/ingest/pix.h"

namespace verdeelscan {

// The image as displayed on its page (flips, quarter turns of its placement
// and of /Rotate applied): 1 bpp (1 = black) for 1-bit images, 32 bpp RGB for
// a colour JPEG (the cleanup masks coloured ink, stamps and ticks, before it
// goes grey), else 8 bpp grayscale (RGB samples through the same luminance
// weights poppler uses for its gray renders). Corruption when the data does
// not decode to the size the PDF states; the caller then renders the page
// instead.
StatusOr<PixPtr> DecodeEmbeddedImage(const EmbeddedPageImage& image);

// A minimal little-endian TIFF holding one CCITT G4 strip of `width` x
// `height` (PhotometricInterpretation MinIsBlack when `black_is_1`, which
// Leptonica reads as the PDF shows it), for pixReadMemTiff. Exposed for tests.
std::string G4Tiff(const std::string& g4, int width, int height, bool black_is_1);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PDF_IMAGES_H_
