// Pages scanned sideways or upside down: which way is up, and turning the
// page (and its boxes) upright before it is read.
//
// - OCR'd pages: Tesseract's orientation and script detection (OSD, the
//   legacy classifier of osd.traineddata, Debian: tesseract-ocr-osd) through
//   the C++ API, on a reduced grayscale copy of the page. The page is then
//   turned by a multiple of 90° (Leptonica pixRotateOrth, lossless) and read
//   once, upright.
// - Text-layer pages: poppler reports each word's writing direction; a page
//   whose words mostly run sideways has its boxes turned into the upright
//   frame (no OSD, no rendering).
//
// Cost: see OrientationOptions and extractors/ingest/README.md (measured).
// Thread-safety: an OsdEngine is not thread-safe; ThreadOsdEngine hands each
// thread its own, created once and reused for every page (Init loads
// osd.traineddata, ~10 MB, once per thread).
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_ORIENTATION_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_ORIENTATION_H_

#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "extractors/ingest/pix.h"

namespace tesseract {
class TessBaseAPI;
}  // namespace tesseract

namespace verdeelscan {

struct OrientationOptions {
  std::string tessdata;  // "" = Tesseract's compiled-in default path
  // OSD reads a copy of the page reduced to at most this resolution: its
  // classifier looks at character shapes at x-height ~ 10-20 px, which 150
  // DPI still gives for 10 pt text (at 100 DPI sideways tables were missed).
  int detect_dpi = 150;
  // A turn is applied only when OSD's orientation confidence (the margin of
  // the best orientation over the next) reaches this. Lower turns pages on
  // weak evidence (an upright page turned by mistake loses its whole table);
  // higher leaves real sideways pages with little text unturned.
  double min_confidence = 1.5;
  // Two passes: a quick OSD pass over at most 100 characters (~0.13 s CPU
  // against ~0.29 s for the full 250) settles a page it finds upright with
  // at least this confidence; every other page gets the full pass, and only
  // the full pass turns a page. On the rotation sweep's 46 PNG/TIFF pages the
  // quick and full verdicts agreed on every page; the quick pass's
  // confidence was 4.7-8.8 on upright tables and 2.0 on a short letter
  // (which gets the full pass). 0 = the full pass only.
  double quick_upright_confidence = 4.0;
};

// Which way a page stands.
struct Orientation {
  // Clockwise turn (0, 90, 180, 270) that makes the page upright; 0 when OSD
  // could not decide or was not confident enough.
  int degrees = 0;
  // OSD's own figure for its best orientation (0 when it found too little
  // text to decide); also set when below OrientationOptions::min_confidence.
  double confidence = 0;
  int detected_degrees = 0;  // OSD's best guess, whatever its confidence
  bool decided = false;      // OSD found enough characters to judge
};

class OsdEngine {
 public:
  // NotFound when osd.traineddata is missing (Debian: tesseract-ocr-osd).
  static StatusOr<std::unique_ptr<OsdEngine>> Create(const std::string& tessdata);
  ~OsdEngine();
  OsdEngine(const OsdEngine&) = delete;
  OsdEngine& operator=(const OsdEngine&) = delete;

  // Orientation of `page` (any depth, at `dpi`), judged on a grayscale copy
  // reduced to options.detect_dpi. Never fails on a page with no text: that
  // page is left as it is (decided = false).
  Orientation Detect(Pix* page, int dpi, const OrientationOptions& options);

 private:
  OsdEngine();
  // One DetectOrientationScript on at most 5 x min_characters characters.
  bool RunOsd(Pix* gray, int dpi, const char* min_characters, int* degrees, float* confidence);
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

// The calling thread's OSD engine for this tessdata directory, created on
// first use and kept for the thread's lifetime.
StatusOr<OsdEngine*> ThreadOsdEngine(const std::string& tessdata);

// `page` turned clockwise by `degrees` (a multiple of 90; 0 = a copy).
// nullptr only when Leptonica cannot allocate.
PixPtr TurnClockwise(Pix* page, int degrees);

// `box` on a page of `width` x `height` pixels, in the frame of that page
// turned clockwise by `degrees` (a multiple of 90).
BBox TurnBoxClockwise(const BBox& box, int degrees, int width, int height);

// One text-layer word's writing direction as poppler's text_box::rotation
// reports it (0 = left to right, 1 = top to bottom, 2 = upside down, 3 =
// bottom to top) and its length in characters.
struct WordDirection {
  int rotation = 0;
  int chars = 0;
};

// The clockwise turn that makes a text-layer page upright: the direction of
// the majority (by characters) of its words, 0 when no direction has more
// than half of them.
int TextLayerTurn(const std::vector<WordDirection>& words);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_ORIENTATION_H_
