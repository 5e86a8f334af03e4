#include "extractors/ingest/orientation.h"

#include <tesseract/baseapi.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "extractors/ingest/ocr.h"

namespace verdeelscan {
namespace {

// OSD classifies up to 5x min_characters_to_try character blobs: the quick
// pass 100 (~0.13 s CPU), the full pass Tesseract's default 250 (~0.29 s).
constexpr const char* kQuickCharacters = "20";
constexpr const char* kFullCharacters = "50";

// The long side of an A4 page at 150 DPI.
constexpr int kMinLongSide = 1750;

int NormalizedDegrees(int degrees) { return ((degrees % 360) + 360) % 360; }

// DetectOrientationScript reports the orientation the page was found in as
// a counter-clockwise angle (Tesseract's orientation ids 0..3 = 0, 90, 180,
// 270; osdetect.h says so for OSResults::orientations, and `tesseract
// --psm 0` prints it as "Orientation in degrees" next to "Rotate", the turn
// that undoes it). The turn that makes the page upright is its opposite.
// Checked on real pages in scan_test (OrientationTest).
int UprightTurn(int detected_degrees) { return NormalizedDegrees(360 - detected_degrees); }

}  // namespace

OsdEngine::OsdEngine() : api_(std::make_unique<tesseract::TessBaseAPI>()) {}

OsdEngine::~OsdEngine() {
  if (api_) api_->End();
}

StatusOr<std::unique_ptr<OsdEngine>> OsdEngine::Create(const std::string& tessdata) {
  std::unique_ptr<OsdEngine> engine(new OsdEngine());
  auto& api = *engine->api_;
  const auto lock = LockTesseractInit(api);
  const char* datapath = tessdata.empty() ? nullptr : tessdata.c_str();
  // osd.traineddata holds only a legacy (shape classifier) model.
  if (api.Init(datapath, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
    return Status::NotFound(std::string("Tesseract's orientation model osd.traineddata not found") +
                            (tessdata.empty() ? "" : " in " + tessdata) +
                            " (Debian: tesseract-ocr-osd; or turn orientation detection off)");
  }
  api.SetPageSegMode(tesseract::PSM_OSD_ONLY);
  return engine;
}

bool OsdEngine::RunOsd(Pix* gray, int dpi, const char* min_characters, int* degrees,
                       float* confidence) {
  auto& api = *api_;
  // A member parameter of this engine's Tesseract (no process-wide state).
  api.SetVariable("min_characters_to_try", min_characters);
  api.SetImage(gray);
  api.SetSourceResolution(std::max(1, dpi));
  float script_confidence = 0;
  const char* script = nullptr;
  // False when the page has too few characters to judge (a blank page, a
  // photograph): such a page is left as it is.
  const bool found = api.DetectOrientationScript(degrees, confidence, &script, &script_confidence);
  api.Clear();
  return found;
}

Orientation OsdEngine::Detect(Pix* page, int dpi, const OrientationOptions& options) {
  Orientation out;
  if (page == nullptr) return out;
  PixPtr gray(pixConvertTo8(page, 0));
  if (!gray) return out;
  // Reduced to detect_dpi, but never below kMinLongSide pixels on the long
  // side: an image whose resolution tag is missing or wrong (a 200 DPI scan
  // taken for 300) must not be reduced past legibility.
  const int long_side = std::max(pixGetWidth(gray.get()), pixGetHeight(gray.get()));
  const double f = std::max(double(std::max(50, options.detect_dpi)) / std::max(1, dpi),
                            double(kMinLongSide) / std::max(1, long_side));
  if (f < 0.95) {
    // pixScale area-maps below 0.7 (thin strokes stay gray instead of
    // vanishing between sampled pixels) and interpolates above.
    PixPtr reduced(pixScale(gray.get(), float(f), float(f)));
    if (!reduced) return out;
    gray = std::move(reduced);
    dpi = std::max(1, int(std::lround(dpi * f)));
  }
  // A quick pass on at most 100 characters; its verdict stands when it finds
  // the page upright with quick_upright_confidence. Anything else (a turned
  // page, an unsure verdict) is judged again on up to 250 characters, so a
  // page is only ever turned on the full pass's word.
  int degrees = 0;
  float confidence = 0;
  bool found = false;
  if (options.quick_upright_confidence > 0) {
    found = RunOsd(gray.get(), dpi, kQuickCharacters, &degrees, &confidence);
    if (found && degrees == 0 && confidence >= options.quick_upright_confidence) {
      out.decided = true;
      out.confidence = confidence;
      return out;
    }
  }
  found = RunOsd(gray.get(), dpi, kFullCharacters, &degrees, &confidence);
  if (!found || !std::isfinite(confidence)) return out;
  out.decided = true;
  out.detected_degrees = UprightTurn(degrees);
  out.confidence = confidence;
  if (out.detected_degrees != 0 && confidence >= options.min_confidence) {
    out.degrees = out.detected_degrees;
  }
  return out;
}

StatusOr<OsdEngine*> ThreadOsdEngine(const std::string& tessdata) {
  thread_local std::map<std::string, std::unique_ptr<OsdEngine>> engines;
  auto found = engines.find(tessdata);
  if (found != engines.end()) return found->second.get();
  auto engine = OsdEngine::Create(tessdata);
  if (!engine.ok()) return engine.status();
  OsdEngine* raw = engine->get();
  engines[tessdata] = std::move(*engine);
  return raw;
}

PixPtr TurnClockwise(Pix* page, int degrees) {
  if (page == nullptr) return nullptr;
  return PixPtr(pixRotateOrth(page, NormalizedDegrees(degrees) / 90));
}

BBox TurnBoxClockwise(const BBox& b, int degrees, int width, int height) {
  switch (NormalizedDegrees(degrees)) {
    case 90:  // (x, y) -> (height - y, x)
      return BBox{height - b.y1, b.x0, height - b.y0, b.x1};
    case 180:  // (x, y) -> (width - x, height - y)
      return BBox{width - b.x1, height - b.y1, width - b.x0, height - b.y0};
    case 270:  // (x, y) -> (y, width - x)
      return BBox{b.y0, width - b.x1, b.y1, width - b.x0};
    default:
      return b;
  }
}

int TextLayerTurn(const std::vector<WordDirection>& words) {
  std::array<long, 4> chars{};
  long total = 0;
  for (const WordDirection& w : words) {
    const int r = ((w.rotation % 4) + 4) % 4;
    chars[size_t(r)] += std::max(0, w.chars);
    total += std::max(0, w.chars);
  }
  for (int r = 1; r < 4; ++r) {
    // Rotation r = text turned r quarter turns clockwise (1: running top to
    // bottom); turning the page back r quarters counter-clockwise stands it
    // upright.
    if (2 * chars[size_t(r)] > total) return NormalizedDegrees(-90 * r);
  }
  return 0;
}

}  // namespace verdeelscan
