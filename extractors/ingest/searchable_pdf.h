// The searchable, archival PDF of one scanned input: the input's own page
// images with an invisible text layer from the OCR, as PDF/A-2B.
//
// - PDF input: the original file, every page as it was (images pass through
//   untouched: JBIG2, CCITT, JPEG, JPEG 2000), with the words of each OCR'd
//   page laid over it in the page's own frame. A page OCR turned upright gets
//   /Rotate, never a re-encoded image. Text-layer pages stay as they are.
// - Image input (PNG, JPEG, TIFF incl. multi-page): one PDF page per image
//   page at its own size and resolution; a JPEG file passes through (DCT), a
//   1-bit page is CCITT G4, anything else Flate (lossless).
// - PDF/A-2B: XMP metadata (title, dates, producer, pdfaid part 2 /
//   conformance B, the Woo metadata in an extension schema), an sRGB
//   OutputIntent (icc-profiles-free's sRGB.icc, built in), Tesseract's
//   glyphless font (pdf.ttf, built in) embedded, no encryption.
//
// The words come from the TextDocument ingestion made of the same file: each
// word box (page pixels at PageInfo width/height, upright frame, deskew
// undone) is mapped back to the page's user space, and its text is drawn in
// rendering mode 3 (invisible) along the page's skew, stretched to the box.
// Cost: milliseconds a page (no rendering, no image re-encoding except for
// PNG/TIFF pages); memory of the image file's pages while writing.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_SEARCHABLE_PDF_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_SEARCHABLE_PDF_H_

#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace verdeelscan {

// What the XMP metadata says about the document besides the PDF/A markers.
// Empty fields are left out.
struct SearchablePdfInfo {
  std::string title;     // dc:title (default: the input's file name)
  std::string producer;  // pdf:Producer, xmp:CreatorTool
  // Woo metadata (the records read from the file): document kinds (a bundle
  // has several, joined by ", "), and the besluit's province, date (ISO
  // 8601) and reference where one was read.
  std::string kind, province, date, reference;
};

// Writes `out` for `input` (a PDF or page image that LoadScan read into
// `doc`). Written to OUT.part first and renamed, so a failure leaves no
// partial file. Errors: Unsupported when no page was OCR'd (a PDF
// whose pages all have a text layer is already searchable), InvalidArgument
// when `out` is the input, IOError / Corruption from qpdf or Leptonica.
Status WriteSearchablePdf(const std::string& input, const TextDocument& doc,
                          const SearchablePdfInfo& info, const std::string& out);

// The plain text of every page (the sidecar): each page's lines in reading
// order, one a line, pages separated by a form feed (as pdftotext writes).
std::string PageTexts(const TextDocument& doc);

// The XMP packet WriteSearchablePdf embeds (exposed for tests). `when` is an
// ISO 8601 timestamp.
std::string XmpPacket(const SearchablePdfInfo& info, const std::string& when);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_SEARCHABLE_PDF_H_
