#include "extractors/ingest/cleanup.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>

#include "extractors/ingest/artefacts.h"

namespace verdeelscan {

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

BBox PageTransform::ToPage(const BBox& box) const {
  // Inverse of Leptonica's area-map rotation (rotateAMGrayLow): a working
  // pixel at offset (dx, dy) from the centre came from the source offset
  // (dx cos + dy sin, -dx sin + dy cos).
  const double c = std::cos(radians), s = std::sin(radians);
  const double xs[2] = {double(box.x0), double(box.x1)};
  const double ys[2] = {double(box.y0), double(box.y1)};
  double minx = 1e18, miny = 1e18, maxx = -1e18, maxy = -1e18;
  for (double x : xs) {
    for (double y : ys) {
      const double dx = x - cx, dy = y - cy;
      const double sx = (cx + dx * c + dy * s) / scale;
      const double sy = (cy - dx * s + dy * c) / scale;
      minx = std::min(minx, sx);
      maxx = std::max(maxx, sx);
      miny = std::min(miny, sy);
      maxy = std::max(maxy, sy);
    }
  }
  return BBox{int(std::floor(minx)), int(std::floor(miny)), int(std::ceil(maxx)),
              int(std::ceil(maxy))};
}

namespace {

// This thread's CPU time: the step costs stay true on a machine busy with
// other work, where wall time grows with the load.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
  }
};

// Adds the seconds since `start` to *sum and restarts the clock.
void Lap(Clock::time_point* start, double* sum) {
  const Clock::time_point now = Clock::now();
  *sum += now - *start;
  *start = now;
}

// Fraction of black pixels of `binary` inside the rectangle (clipped).
double InkDensity(Pix* binary, int x, int y, int w, int h) {
  const int x0 = std::max(0, x), y0 = std::max(0, y);
  const int x1 = std::min<int>(pixGetWidth(binary), x + w);
  const int y1 = std::min<int>(pixGetHeight(binary), y + h);
  if (x1 <= x0 || y1 <= y0) return 0;
  BOX* box = boxCreate(x0, y0, x1 - x0, y1 - y0);
  l_int32 count = 0;
  pixCountPixelsInRect(binary, box, &count, nullptr);
  boxDestroy(&box);
  return double(count) / (double(x1 - x0) * (y1 - y0));
}

// Long thin straight runs of ink: the opening with a 1-pixel-thick bar of
// `length` keeps only runs at least that long, which text never has (a
// 12 pt capital is ~0.17 inch). Components thicker than `max_thickness` are
// filled areas (redaction bars, logos), not rulings, and are left alone.
// `found` (when given) gets the lines in working pixels.
void FindLines(Pix* binary, Pix* gray, bool horizontal, int length, int max_thickness,
               const PageTransform& transform, std::vector<BBox>* rulings, Pix* erase_mask,
               std::vector<BBox>* found = nullptr) {
  // Scanning breaks thin lines into dashes (noise, JPEG, a 2 px line at 150
  // DPI), and Sauvola drops the faint parts. So lines are looked for in the
  // gray image after a grayscale opening along the line direction (dark
  // dashes spread over the light gaps), thresholded permissively. Text turns
  // into thick bars there, which the thickness test below rejects.
  // The search runs at half resolution (a 2x2 minimum keeps 1 px lines):
  // measured 4x cheaper than at full resolution on a 300 DPI page.
  const int f = length >= 60 ? 2 : 1;
  PixPtr reduced(f == 2 ? pixScaleGrayMinMax2(gray, L_CHOOSE_MIN) : pixClone(gray));
  if (!reduced) return;
  const int rlength = length / f;
  const int bridge = (std::max(3, rlength / 10) / 2) * 2 + 1;  // odd
  // Thresholding commutes with flat morphology: the pixels darker than 200
  // after a grayscale opening are those of the binary closing of the pixels
  // darker than 200. The binary closing works on 32 pixels a word, the
  // grayscale opening on one byte at a time (it was a fifth of the cleanup's
  // CPU on the bench's release folder).
  PixPtr dark_pixels(pixConvertTo1(reduced.get(), 200));
  reduced.reset();
  if (!dark_pixels) return;
  PixPtr dark(horizontal ? pixCloseSafeBrick(nullptr, dark_pixels.get(), bridge, 1)
                         : pixCloseSafeBrick(nullptr, dark_pixels.get(), 1, bridge));
  dark_pixels.reset();
  if (!dark) return;
  PixPtr opened(horizontal ? pixOpenCompBrick(nullptr, dark.get(), rlength, 1)
                           : pixOpenCompBrick(nullptr, dark.get(), 1, rlength));
  dark.reset();
  if (!opened) return;
  BOXA* boxa = pixConnComp(opened.get(), nullptr, 8);
  opened.reset();
  if (boxa == nullptr) return;
  PixPtr keep(erase_mask != nullptr ? pixCreateTemplate(binary) : nullptr);
  const int n = boxaGetCount(boxa);
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h) != 0) continue;
    // Back to full resolution; the half-resolution pixel covers f pixels.
    x *= f;
    y *= f;
    w *= f;
    h *= f;
    const int thickness = horizontal ? h : w;
    const int extent = horizontal ? w : h;
    if (extent < length || thickness > max_thickness) continue;
    // Bridging can also fuse the baseline serifs of a text line into a long
    // thin run. A ruling has (almost) no ink right beside it along its
    // length, a text baseline has letter bodies above it.
    const int band = std::max(2, length / 40);
    const int gap = 2;
    const double density_a = horizontal ? InkDensity(binary, x, y - gap - band, w, band)
                                        : InkDensity(binary, x - gap - band, y, band, h);
    const double density_b = horizontal ? InkDensity(binary, x, y + h + gap, w, band)
                                        : InkDensity(binary, x + w + gap, y, band, h);
    if (std::max(density_a, density_b) > 0.15) continue;
    rulings->push_back(transform.ToPage(BBox{x, y, x + w, y + h}));
    if (found != nullptr) found->push_back(BBox{x, y, x + w, y + h});
    // The erase band: the line's box, one pixel thicker on each side for
    // anti-aliasing fringes.
    if (keep) {
      if (horizontal) {
        pixRasterop(keep.get(), x, y - 1, w, h + 2, PIX_SET, nullptr, 0, 0);
      } else {
        pixRasterop(keep.get(), x - 1, y, w + 2, h, PIX_SET, nullptr, 0, 0);
      }
    }
  }
  boxaDestroy(&boxa);
  if (keep) {
    // Only ink inside the bands: the dashes of the line, not the bridged gaps.
    pixAnd(keep.get(), keep.get(), binary);
    pixOr(erase_mask, erase_mask, keep.get());
  }
}

// Erases what is left of broken rulings on a 1-bit page. A fax cuts a thin
// ruling into dashes and, once the page is deskewed, its staircase steps
// leave one-pixel slivers just outside the erased band; both are too short
// for the line search, and Tesseract reads them as words ("OO", "DO") or glues
// them to the digits beside them ("_40"). Removed: every connected component
// of the ink left after `erase_mask` that lies entirely within a band around
// a found line (`tolerance` across it, `reach` along it beyond its ends).
// Ink that leaves the band (a digit touching the ruling) is kept whole.
void EraseRulingFragments(Pix* binary, const std::vector<BBox>& horizontal,
                          const std::vector<BBox>& vertical, int tolerance, int reach,
                          Pix* erase_mask) {
  if (horizontal.empty() && vertical.empty()) return;
  PixPtr bands(pixCreateTemplate(binary));
  if (!bands) return;
  for (const BBox& b : horizontal) {
    pixRasterop(bands.get(), b.x0 - reach, b.y0 - tolerance, b.x1 - b.x0 + 2 * reach,
                b.y1 - b.y0 + 2 * tolerance, PIX_SET, nullptr, 0, 0);
  }
  for (const BBox& b : vertical) {
    pixRasterop(bands.get(), b.x0 - tolerance, b.y0 - reach, b.x1 - b.x0 + 2 * tolerance,
                b.y1 - b.y0 + 2 * reach, PIX_SET, nullptr, 0, 0);
  }
  PixPtr ink(pixSubtract(nullptr, binary, erase_mask));
  if (!ink) return;
  // Ink outside the bands grows back through its own components: what it
  // does not reach lies wholly inside a band.
  PixPtr outside(pixSubtract(nullptr, ink.get(), bands.get()));
  if (!outside) return;
  PixPtr anchored(pixSeedfillBinary(nullptr, outside.get(), ink.get(), 8));
  if (!anchored) return;
  pixSubtract(ink.get(), ink.get(), anchored.get());
  pixOr(erase_mask, erase_mask, ink.get());
}

}  // namespace

namespace {

// The page as grayscale, with its artefacts masked; for a 1-bit page (or a
// grayscale page that is in effect 1-bit) its own black and white, specks
// removed and broken strokes closed, as 0/255 grayscale. `binary` gets that
// 1-bit image (nullptr for other pages).
StatusOr<PixPtr> PrepareGray(Pix* page, int dpi, const CleanupOptions& options, CleanPage* out,
                             PixPtr* binary) {
  Clock::time_point lap = Clock::now();
  PixPtr gray(pixConvertTo8(page, 0));
  if (!gray) return Status::ResourceExhausted("cannot convert page to grayscale");
  if (options.bilevel_cleanup) {
    // A 1 bpp page that is mostly black (a failed scan) goes the grey way,
    // so that the recogniser sees its shapes and the page is judged unreadable.
    if (pixGetDepth(page) == 1 && IsBilevel(gray.get())) {
      binary->reset(pixCopy(nullptr, page));
    } else if (pixGetDepth(page) != 1 && IsBilevel(gray.get())) {
      binary->reset(pixConvertTo1(gray.get(), 128));
    }
  }
  if (*binary) {
    out->bilevel = true;
    // Specks up to ~1/60 inch (toner, fax line noise); full stops and i-dots
    // beside their letters stay.
    out->specks_removed = RemoveSpecks(binary->get(), dpi, std::max(2, dpi / 60));
    if (options.close_bilevel_strokes) {
      PixPtr closed(pixCloseSafeBrick(nullptr, binary->get(), 2, 2));
      if (closed) *binary = std::move(closed);
    }
    PixPtr cleaned(pixConvertTo8(binary->get(), 0));
    if (!cleaned) return Status::ResourceExhausted("cannot convert page to grayscale");
    gray = std::move(cleaned);
  }
  // A light photocopy's grey ink is made black first, so that Sauvola keeps
  // its strokes whole and the dark masks see its bars and holes as dark.
  Lap(&lap, &out->seconds.gray);
  if (!*binary && options.stretch_contrast) out->stretched = StretchLowContrast(gray.get());
  Lap(&lap, &out->seconds.contrast);
  if (options.mask_artefacts) {
    if (!*binary) out->masked_pixels += MaskColouredInk(page, gray.get(), dpi);
    out->masked_pixels += MaskSolidDark(gray.get(), dpi);
  }
  Lap(&lap, &out->seconds.masks);
  return gray;
}

// The interpolation factor for the page: pages below upscale_below_dpi go to
// upscale_to_dpi (150 DPI scans); other pages whose glyphs are small (a 200
// DPI fax, a wrong resolution tag) to target_glyph_px; within max_pixels.
// A greyscale page at 300 dpi or more holds no text too small to read: a
// small median glyph there is noise (speckle, a dark photocopy), and scaling
// such a page up three times made Tesseract spend over 18 CPU minutes on one
// generated office page. Its text is read at the page's own size.
constexpr int kGlyphUpscaleBelowDpi = 300;

float UpscaleFactor(Pix* gray, Pix* binary, int dpi, const CleanupOptions& options,
                    CleanPage* out) {
  float upscale = 1.0f;
  if (options.upscale_below_dpi > 0 && dpi < options.upscale_below_dpi) {
    upscale = float(options.upscale_to_dpi) / dpi;
  } else if (options.min_glyph_px > 0 && (binary != nullptr || dpi < kGlyphUpscaleBelowDpi)) {
    // 1-bit strokes are cut at the pixel grid; interpolated up they reach the
    // recogniser with smooth edges, so 1-bit pages are upscaled sooner.
    const int min_glyph = binary != nullptr ? options.min_glyph_px_bilevel : options.min_glyph_px;
    PixPtr quick(binary != nullptr ? pixClone(binary) : pixConvertTo1(gray, 160));
    out->glyph_height = MedianGlyphHeight(quick.get(), dpi);
    if (out->glyph_height > 0 && out->glyph_height < min_glyph) {
      upscale = std::min(3.0f, float(options.target_glyph_px) / out->glyph_height);
      // A 1-bit page by a whole factor: every pixel becomes the same square,
      // so strokes keep one width (by 1.5 the diagonal of a clean 7 came out
      // thinner than its bar and read as "/").
      if (binary != nullptr) upscale = std::ceil(upscale);
    }
  }
  if (options.max_pixels > 0) {
    const double pixels = double(pixGetWidth(gray)) * pixGetHeight(gray);
    upscale = std::min(upscale, float(std::sqrt(double(options.max_pixels) / pixels)));
  }
  return upscale;
}

// The skew of `gray`'s text lines in degrees (clockwise positive), 0 when
// it is below min_deskew_degrees or pixFindSkew is not sure enough. Measured
// on a thresholded copy; the sweep runs on a reduced image, but at most down
// to ~75 DPI so that lines of 10 pt text survive the reduction. Measured on
// the page as it is read (after any upscale): measuring a fax or a 150 DPI
// page before its upscale is cheaper but moved angles by 0.01-0.2 degrees
// and lost a fax table and 8 lowres cells on the sweeps.
double MeasureSkew(Pix* gray, int dpi, const CleanupOptions& options) {
  PixPtr quick(pixConvertTo1(gray, 160));
  const int redsweep = dpi >= 300 ? 4 : dpi >= 150 ? 2 : 1;
  const int redsearch = std::max(1, redsweep / 2);
  l_float32 angle = 0, conf = 0;
  if (quick &&
      pixFindSkewSweepAndSearch(quick.get(), &angle, &conf, redsweep, redsearch, 7.0f, 1.0f,
                                0.01f) == 0 &&
      conf >= options.min_skew_confidence && std::fabs(angle) >= options.min_deskew_degrees) {
    return angle;
  }
  return 0;
}

// Rotates `gray` by `angle` degrees (when not 0).
void Deskew(PixPtr& gray, double angle, CleanPage* out) {
  if (angle == 0) return;
  const double radians = angle * M_PI / 180.0;
  PixPtr rotated(pixRotate(gray.get(), float(radians), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  if (rotated) {
    gray = std::move(rotated);
    out->deskew_degrees = angle;
    out->transform.radians = radians;
  }
}

constexpr float kSauvolaK = 0.34f;

// Tiles along a side of `extent` pixels: ~1000 pixels each, none smaller
// than Sauvola's window allows.
int SauvolaTiles(int extent, int whsize) {
  return std::max(1, std::min(extent / 1000, (extent - 1) / (2 * whsize + 3)));
}

// Sauvola's threshold map computed on the page reduced 2x (area map: the
// local means are kept) and applied to every pixel of the full page. The
// threshold varies over ~1/15 inch, so half resolution loses nothing it
// needs; the statistics (the integral images are most of Sauvola's cost) run
// on a quarter of the pixels. Measured on 300 DPI pages: 0.29 -> 0.10 s CPU,
// 0.4-0.8% of the ink pixels differ, all on stroke edges. nullptr when the
// page is too small to reduce (the caller thresholds at full size).
PixPtr SauvolaFromReducedMap(Pix* gray, int dpi) {
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  const int whsize = std::max(7, dpi / 30);
  if (w < 4 * (2 * whsize + 3) || h < 4 * (2 * whsize + 3)) return nullptr;
  PixPtr reduced(pixScaleAreaMap2(gray));
  if (!reduced) return nullptr;
  const int rw = pixGetWidth(reduced.get()), rh = pixGetHeight(reduced.get());
  PIX* map = nullptr;
  if (pixSauvolaBinarizeTiled(reduced.get(), whsize, kSauvolaK, SauvolaTiles(rw, whsize),
                              SauvolaTiles(rh, whsize), &map, nullptr) != 0 ||
      map == nullptr) {
    return nullptr;
  }
  PixPtr half_map(map);
  PixPtr expanded(pixExpandReplicate(half_map.get(), 2));
  if (!expanded) return nullptr;
  // An odd side loses its last pixel in the reduction: repeat the edge.
  PixPtr full_map(pixAddRepeatedBorder(expanded.get(), 0, w - pixGetWidth(expanded.get()), 0,
                                       h - pixGetHeight(expanded.get())));
  if (!full_map || pixGetWidth(full_map.get()) != w || pixGetHeight(full_map.get()) != h) {
    return nullptr;
  }
  return PixPtr(pixVarThresholdToBinary(gray, full_map.get()));
}

// Sauvola: window ~1/15 inch (a glyph stroke plus its surroundings); k=0.34
// is Sauvola's own choice. Tiles keep the integral images small. A 1-bit
// page's (interpolated, rotated) grayscale is only cut at the middle: its
// black and white were decided by the scanner, a second adaptive threshold
// would only eat its thin strokes.
StatusOr<PixPtr> Binarise(Pix* gray, int dpi, bool bilevel, bool reduced_threshold_map) {
  if (bilevel) {
    PixPtr binary(pixConvertTo1(gray, 128));
    if (!binary) return Status::ResourceExhausted("cannot binarise page");
    return binary;
  }
  if (reduced_threshold_map) {
    if (PixPtr binary = SauvolaFromReducedMap(gray, dpi)) return binary;
  }
  const int whsize = std::max(7, dpi / 15);
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  PIX* binary = nullptr;
  if (pixSauvolaBinarizeTiled(gray, whsize, kSauvolaK, SauvolaTiles(w, whsize),
                              SauvolaTiles(h, whsize), nullptr, &binary) != 0 ||
      binary == nullptr) {
    // Tiny images (smaller than the window) fall back to a fixed threshold.
    binary = pixConvertTo1(gray, 160);
    if (binary == nullptr) return Status::ResourceExhausted("cannot binarise page");
  }
  return PixPtr(binary);
}

}  // namespace

StatusOr<CleanPage> CleanPageImage(Pix* page, double scale, const CleanupOptions& options) {
  QuietLeptonica();
  if (page == nullptr) return Status::InvalidArgument("no page image");
  int dpi = std::max(50, options.dpi);
  CleanPage out;
  out.transform.scale = scale;
  PixPtr bilevel;
  auto prepared = PrepareGray(page, dpi, options, &out, &bilevel);
  if (!prepared.ok()) return prepared.status();
  PixPtr gray = std::move(*prepared);

  // Small text is interpolated up before binarisation: at 150 DPI a 10 pt
  // digit is ~10 px high and Sauvola + Tesseract's layout analysis merge
  // strokes; interpolated to ~300 DPI they stay apart.
  Clock::time_point lap = Clock::now();
  const float upscale = UpscaleFactor(gray.get(), bilevel.get(), dpi, options, &out);
  bilevel.reset();
  Lap(&lap, &out.seconds.glyphs);
  if (upscale > 1.01f) {
    PixPtr big(pixScaleGrayLI(gray.get(), upscale, upscale));
    if (big) {
      gray = std::move(big);
      out.transform.scale *= upscale;
      out.upscale = upscale;
      dpi = int(std::lround(dpi * upscale));
    }
  }
  Lap(&lap, &out.seconds.upscale);
  if (options.deskew) Deskew(gray, MeasureSkew(gray.get(), dpi, options), &out);
  out.transform.cx = pixGetWidth(gray.get()) / 2;
  out.transform.cy = pixGetHeight(gray.get()) / 2;
  Lap(&lap, &out.seconds.deskew);

  auto binary = Binarise(gray.get(), dpi, out.bilevel, options.reduced_threshold_map);
  if (!binary.ok()) return binary.status();
  out.binary = std::move(*binary);
  // A light photocopy's grey speckle, once stretched, thresholds to black
  // dots; at the start of a line Tesseract took them for a word and gave it
  // the line's first word ("Het Hogeland" came back as "Hogeland"). Isolated
  // specks go, as on 1-bit pages; dots beside glyphs stay. Up to ~1/40 inch:
  // a 150 DPI speck of 3 px is 6-7 px once upscaled, and one beside a "0"
  // made it "0." reaching out of its column.
  if (out.stretched && options.despeckle_stretched) {
    out.specks_removed += RemoveSpecks(out.binary.get(), dpi, std::max(2, dpi / 40));
  }
  Lap(&lap, &out.seconds.binarise);

  PixPtr erase(options.remove_rulings ? pixCreateTemplate(out.binary.get()) : nullptr);
  const int max_thickness = std::max(3, dpi / 25);
  std::vector<BBox> lines_h, lines_v;
  FindLines(out.binary.get(), gray.get(), /*horizontal=*/true, std::max(30, dpi / 2), max_thickness,
            out.transform, &out.rulings, erase.get(), &lines_h);
  FindLines(out.binary.get(), gray.get(), /*horizontal=*/false, std::max(20, dpi / 3),
            max_thickness, out.transform, &out.rulings, erase.get(), &lines_v);
  if (erase && out.bilevel) {
    EraseRulingFragments(out.binary.get(), lines_h, lines_v, std::max(2, dpi / 100),
                         std::max(30, dpi / 2), erase.get());
  }
  if (options.keep_gray) {
    out.gray = std::move(gray);
  } else {
    gray.reset();
  }
  if (erase) pixSubtract(out.binary.get(), out.binary.get(), erase.get());
  Lap(&lap, &out.seconds.rulings);
  return out;
}

}  // namespace verdeelscan
