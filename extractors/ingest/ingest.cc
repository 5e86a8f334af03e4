// Ingestion of PDFs and page images (ingest.h). One file of ~1,100 lines
// because its stages share one private page pipeline (PageImage, PageResult,
// the page threads) that no other file should see. In file order: reading a
// page (turn upright, clean up, OCR) and running the pages on threads; opening and rendering a PDF;
// opening and decoding an image within its pixel budget; sniffing a file;
// LoadPdf / LoadImage / LoadScan; re-reading doubtful cells; grouping a text
// layer's words into lines. Split it by these stages, with a private header
// for the page pipeline, when one of them grows.
#include "extractors/ingest/ingest.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "core/utf8.h"
#include "core/work_pool.h"
#include "extractors/ingest/artefacts.h"
#include "extractors/ingest/cleanup.h"
#include "extractors/ingest/glyph_shapes.h"
#include "extractors/ingest/ocr.h"
#include "extractors/ingest/orientation.h"
#include "extractors/ingest/page_bands.h"
#include "extractors/ingest/page_image.h"
#include "extractors/ingest/page_quality.h"
#include "extractors/ingest/pdf_images.h"
#include "extractors/ingest/pdf_pages.h"
#include "extractors/ingest/pix.h"
#include "extractors/ingest/text_dump.h"
#include "extractors/ingest/text_encoding.h"

namespace verdeelscan {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A page with fewer text-layer words than this is treated as a scan: Woo
// portals stamp page numbers or redaction grounds as text onto image pages.
constexpr int kMinTextLayerWords = 3;

void QuietPoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string ToUtf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Copies a poppler argb32 image into a 32 bpp RGB Pix.
PixPtr ToColourPix(const poppler::image& image) {
  const int w = image.width(), h = image.height();
  PixPtr pix(pixCreate(w, h, 32));
  if (!pix) return nullptr;
  const l_int32 wpl = pixGetWpl(pix.get());
  l_uint32* data = pixGetData(pix.get());
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(image.const_data() +
                                                             size_t(y) * image.bytes_per_row());
    l_uint32* line = data + size_t(y) * wpl;
    for (int x = 0; x < w; ++x) {
      const unsigned char* p = row + 4 * x;  // little-endian argb32: B G R A
      composeRGBPixel(p[2], p[1], p[0], line + x);
    }
  }
  return pix;
}

// Copies a poppler gray8 (or any) image into an 8 bpp Pix.
PixPtr ToPix(const poppler::image& image) {
  const int w = image.width(), h = image.height();
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) return nullptr;
  const l_int32 wpl = pixGetWpl(pix.get());
  l_uint32* data = pixGetData(pix.get());
  const char* src = image.const_data();
  const int stride = image.bytes_per_row();
  const bool gray = image.format() == poppler::image::format_gray8;
  for (int y = 0; y < h; ++y) {
    const unsigned char* row = reinterpret_cast<const unsigned char*>(src + size_t(y) * stride);
    l_uint32* line = data + size_t(y) * wpl;
    for (int x = 0; x < w; ++x) {
      int v;
      if (gray) {
        v = row[x];
      } else {  // argb32 / rgb24 little-endian: B G R (A)
        const int bpp = image.format() == poppler::image::format_argb32 ? 4 : 3;
        const unsigned char* p = row + x * bpp;
        v = (p[0] * 29 + p[1] * 150 + p[2] * 77) >> 8;
      }
      SET_DATA_BYTE(line, x, v);
    }
  }
  return pix;
}

// DPI at which a page of `w_in` x `h_in` inches fits the pixel budget.
// Pages that only fit the pixel budget below this resolution are refused.
constexpr int kMinReadableDpi = 100;

int FitDpi(double w_in, double h_in, int dpi, long max_pixels) {
  const double pixels = (w_in * dpi) * (h_in * dpi);
  if (pixels <= double(max_pixels)) return dpi;
  return std::max(1, int(std::floor(dpi * std::sqrt(double(max_pixels) / pixels))));
}

Status CheckPdfTrailer(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff tail = std::min<std::streamoff>(size, 2048);
  in.seekg(size - tail);
  std::string buf(size_t(tail), '\0');
  in.read(buf.data(), tail);
  if (buf.find("%%EOF") == std::string::npos) {
    return Status::Corruption("truncated PDF: no %%EOF end-of-file marker in the last " +
                              std::to_string(tail) + " bytes of " + std::to_string(size));
  }
  return Status::OK();
}

// One page bitmap at the working resolution, and how it relates to the
// nominal frame (opts.dpi).
struct PageImage {
  PixPtr pix;
  int nominal_dpi = 0;  // the frame of every bbox of this page
  int work_dpi = 0;     // the resolution of pix
  double scale = 1.0;   // work / nominal
};

// What processing one page produced, merged into the document in page order
// (MergePages), so that the result does not depend on which thread finished
// first.
struct PageResult {
  Status status;
  bool ocr = false;             // OCR'd; false = read from the text layer
  int nominal_dpi = 0;          // images: the page's own DPI
  std::vector<TextLine> lines;  // this page's, line_no from 1
  PageInfo info;
  std::vector<std::string> notes;  // rendering / decoding
  double render_seconds = 0, cleanup_seconds = 0, ocr_seconds = 0;
  double osd_seconds = 0;
  bool osd_run = false;           // orientation detection judged the page
  bool read_twice = false;        // read as it stood, then turned and read again
  bool image_unreadable = false;  // judged unreadable from its image, not OCR'd
};

// What the page threads of one ingestion share.
struct PageShared {
  const ScanOptions* opts = nullptr;
};

std::string OneDecimal(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

// OSD's verdict on `image` as it stands (ScanOptions::detect_orientation),
// judged on a reduced copy; its time goes to result->osd_seconds and the page
// counts as one that ran orientation detection.
StatusOr<Orientation> JudgeOrientation(const PageImage& image, const ScanOptions& opts,
                                       PageResult* result) {
  const auto start = Clock::now();
  auto osd = ThreadOsdEngine(opts.tessdata);
  if (!osd.ok()) return osd.status();
  OrientationOptions options;
  options.tessdata = opts.tessdata;
  options.detect_dpi = opts.osd_dpi;
  options.min_confidence = opts.osd_min_confidence;
  const Orientation found = (*osd)->Detect(image.pix.get(), image.work_dpi, options);
  result->osd_run = true;
  result->osd_seconds += SecondsSince(start);
  return found;
}

// `image` turned clockwise by `degrees` (lossless), so that cleanup, OCR and
// every box see the page upright. The quarter turn counts as orientation time.
Status TurnImage(PageImage* image, int degrees, int page, PageResult* result) {
  const auto start = Clock::now();
  PixPtr upright = TurnClockwise(image->pix.get(), degrees);
  if (!upright) {
    return Status::ResourceExhausted("cannot turn page " + std::to_string(page) + " upright");
  }
  image->pix = std::move(upright);
  result->osd_seconds += SecondsSince(start);
  return Status::OK();
}

std::string TurnedNote(const Orientation& found, int page) {
  return "page " + std::to_string(page) + " turned " + std::to_string(found.degrees) +
         " degrees clockwise to stand upright (orientation confidence " +
         OneDecimal(found.confidence) + ")";
}

// A verdict too unsure to turn the page: said, and the page read as it is.
void NoteUnsureVerdict(const Orientation& found, int page, const ScanOptions& opts,
                       PageResult* result) {
  if (found.degrees != 0 || found.detected_degrees == 0) return;
  result->notes.push_back("page " + std::to_string(page) +
                          " may stand turned (orientation detection suggests " +
                          std::to_string(found.detected_degrees) + " degrees at confidence " +
                          OneDecimal(found.confidence) + ", below " +
                          OneDecimal(opts.osd_min_confidence) + "): read as it is");
}

}  // namespace

CleanupOptions CleanupOptionsFor(const ScanOptions& opts, int dpi) {
  CleanupOptions cleanup;
  cleanup.dpi = dpi;
  cleanup.deskew = opts.deskew;
  cleanup.remove_rulings = opts.remove_rulings;
  cleanup.max_pixels = opts.max_page_pixels;
  cleanup.mask_artefacts = opts.mask_artefacts;
  cleanup.stretch_contrast = opts.mask_artefacts;
  cleanup.bilevel_cleanup = opts.bilevel_cleanup;
  cleanup.min_glyph_px = opts.min_glyph_px;
  if (opts.min_glyph_px == 0) cleanup.min_glyph_px_bilevel = 0;
  // Sauvola's threshold map at half resolution (cleanup.h; ~0.2 s CPU less
  // on a 300 DPI grey page). Measured alone on the fresh13 sweep (40
  // documents per class): cells right clean 2652 = 2652, office 2648 ->
  // 2649, photocopy 2642 -> 2643, lowres 2649 -> 2650, fax 2642 = 2642,
  // artefacts 2642 -> 2641 of 2652; 0 silent.
  cleanup.reduced_threshold_map = true;
  return cleanup;
}

namespace {

// One reading of a page: its lines and page info with the quality measures.
struct PageReading {
  std::vector<TextLine> lines;
  PageInfo info;
};

// Bands a page is cut into for recognition (page_bands.h): two, so that a
// one-page file keeps two cores busy. Not more: every band also costs a
// Tesseract layout pass and, on a thread that has none yet, an engine
// (~0.3 s CPU, ~60 MB). Only in single-block segmentation (PSM 6), where a
// band is read as the whole page would be.
constexpr int kPageBands = 2;

// Rows [top, top + rows) of `pix`, a copy.
PixPtr CropRows(Pix* pix, int top, int rows) {
  BOX* box = boxCreate(0, top, pixGetWidth(pix), rows);
  PixPtr crop(box != nullptr ? pixClipRectangle(pix, box, nullptr) : nullptr);
  boxDestroy(&box);
  return crop;
}

// Recognises the cleaned page band by band (each band on a thread of the
// pool, with that thread's engine) and appends its lines in reading order.
Status RecognizeInBands(const CleanPage& clean, int dpi, int page, const OcrOptions& ocr,
                        const ScanOptions& opts, std::vector<TextLine>* lines) {
  const std::vector<PageBand> bands =
      ocr.page_seg_mode == 6 ? CutIntoBands(clean.binary.get(), kPageBands, std::max(4, dpi / 25))
                             : std::vector<PageBand>{{0, pixGetHeight(clean.binary.get())}};
  std::vector<BandReading> readings(bands.size());
  std::vector<Status> status(bands.size());
  const auto read_band = [&](int i) {
    const PageBand& band = bands[size_t(i)];
    auto engine = LeaseOcrEngine(ocr);
    if (!engine.ok()) {
      status[size_t(i)] = engine.status();
      return false;
    }
    PixPtr rows = bands.size() == 1 ? PixPtr(pixClone(clean.binary.get()))
                                    : CropRows(clean.binary.get(), band.top, band.rows);
    if (!rows) {
      status[size_t(i)] =
          Status::ResourceExhausted("out of memory for page " + std::to_string(page));
      return false;
    }
    status[size_t(i)] = (*engine)->RecognizeBand(rows.get(), band.top, dpi, page, clean.transform,
                                                 &readings[size_t(i)]);
    return status[size_t(i)].ok();
  };
  if (opts.pool != nullptr && bands.size() > 1) {
    opts.pool->ParallelFor(int(bands.size()), int(bands.size()), read_band);
  } else {
    for (size_t i = 0; i < bands.size() && read_band(int(i)); ++i) {
    }
  }
  for (const Status& st : status) {
    if (!st.ok()) return st;
  }
  AppendPageLines(std::move(readings), lines);
  return Status::OK();
}

// Cleanup + one OCR pass of `image` as it stands (page `page`, 1-based); the
// seconds go to `result`.
StatusOr<PageReading> ReadPageOnce(const PageImage& image, int page, const ScanOptions& opts,
                                   PageResult* result) {
  OcrOptions ocr;
  ocr.tessdata = opts.tessdata;
  ocr.alternatives = opts.ocr_alternatives;
  ocr.page_seg_mode = opts.page_seg_mode;
  // Off (ocr.h): measured alone on the fresh13 sweep (40 documents per class),
  // every class kept or gained cells without it (lowres 2649 -> 2651 of
  // 2652, photocopy 2642 -> 2646, office 2648 -> 2649; 0 silent), and it
  // costs ~8% of the OCR.
  ocr.try_inverted_lines = false;

  // While the page is cleaned, an idle thread of the pool loads the engines
  // its bands will be read with (RecognizeInBands), so that the cleaning
  // thread need not load its own after the cleanup (bench/results.txt: within
  // the bench's noise). With no idle thread, the band readers lease (or
  // make) theirs. Only a page that cannot be cut leaves an engine unused,
  // free for the next page.
  std::optional<StatusOr<CleanPage>> clean;
  const auto clean_or_warm = [&](int task) {
    if (task == 1) {
      PrepareOcrEngines(ocr, kPageBands);  // a failure is reported when a band is read
      return true;
    }
    auto t0 = Clock::now();
    clean.emplace(
        CleanPageImage(image.pix.get(), image.scale, CleanupOptionsFor(opts, image.work_dpi)));
    result->cleanup_seconds += SecondsSince(t0);
    return true;
  };
  if (opts.pool != nullptr) {
    opts.pool->ParallelFor(2, 2, clean_or_warm);
  } else {
    clean_or_warm(0);
  }
  if (!clean->ok()) return clean->status();
  CleanPage& cleaned = **clean;

  PageReading reading;
  auto t1 = Clock::now();
  Status st = RecognizeInBands(cleaned, image.work_dpi, page, ocr, opts, &reading.lines);
  result->ocr_seconds += SecondsSince(t1);
  if (!st.ok()) return st;

  PageInfo& info = reading.info;
  info.page = page;
  info.width = int(std::lround(pixGetWidth(image.pix.get()) / image.scale));
  info.height = int(std::lround(pixGetHeight(image.pix.get()) / image.scale));
  info.deskew_degrees = cleaned.deskew_degrees;
  info.rulings = std::move(cleaned.rulings);
  info.has_text_layer = false;
  MeasurePageQuality(reading.lines, &info);
  return reading;
}

// `reading` becomes the page's, turned by `degrees` to stand upright.
Status KeepReading(PageReading reading, int degrees, PageResult* result) {
  // Every page's words stay in memory until the whole file is read: none
  // keeps the spare capacity its vectors grew while it was recognised.
  for (TextLine& line : reading.lines) {
    line.words.shrink_to_fit();
    result->lines.push_back(std::move(line));
  }
  result->lines.shrink_to_fit();
  result->info = std::move(reading.info);
  result->info.rotation_degrees = degrees;
  result->ocr = true;
  return Status::OK();
}

// A page whose image shows no paper or little of it (black, noise, a
// photograph; page_quality.h) is not read: it gets its page info with the
// reason, no words, and no OCR or orientation detection. False (nothing
// done) for every other page.
bool SkipUnreadableImage(const PageImage& image, int page, PageResult* result) {
  const auto start = Clock::now();
  const std::string why = UnreadableImageReason(MeasurePageImage(image.pix.get(), image.work_dpi));
  result->cleanup_seconds += SecondsSince(start);
  if (why.empty()) return false;
  PageInfo& info = result->info;
  info.page = page;
  info.width = int(std::lround(pixGetWidth(image.pix.get()) / image.scale));
  info.height = int(std::lround(pixGetHeight(image.pix.get()) / image.scale));
  info.has_text_layer = false;
  info.mean_word_confidence = 0;
  info.word_count = 0;
  info.plausible_word_share = 0;
  info.unreadable_image = why;
  result->ocr = true;  // a scanned page, judged without OCR
  result->image_unreadable = true;
  return true;
}

// Orientation first, on every page (ScanOptions::osd_every_page): OSD judges
// the page, it is turned when OSD is sure, then read once.
Status JudgeThenRead(PageImage image, int page, const ScanOptions& opts, PageResult* result) {
  ASSIGN_OR_RETURN(const Orientation found, JudgeOrientation(image, opts, result));
  if (found.degrees != 0) {
    RETURN_IF_ERROR(TurnImage(&image, found.degrees, page, result));
    result->notes.push_back(TurnedNote(found, page));
  }
  NoteUnsureVerdict(found, page, opts, result);
  ASSIGN_OR_RETURN(PageReading reading, ReadPageOnce(image, page, opts, result));
  return KeepReading(std::move(reading), found.degrees, result);
}

// Read first, judge after (the default): the page is read as it stands; a
// reading that is plainly upright text (ReadsAsUpright), or a blank page, is
// kept without orientation detection. Otherwise OSD judges the page; when it is sure the
// page stands turned, the page is turned and read again, and the turned
// reading is kept unless the page read better as it stood (OSD wrong on an
// upright page of poor print).
Status ReadThenJudge(PageImage image, int page, const ScanOptions& opts, PageResult* result) {
  ASSIGN_OR_RETURN(PageReading as_is, ReadPageOnce(image, page, opts, result));
  // A page that reads as plain text needs no turn; one without a single
  // word is blank (a turned page of text reads as garbage words, not none).
  if (as_is.info.word_count == 0 || ReadsAsUpright(as_is.info, opts.upright_min_word_confidence,
                                                   opts.upright_min_plausible_share)) {
    return KeepReading(std::move(as_is), 0, result);
  }
  ASSIGN_OR_RETURN(const Orientation found, JudgeOrientation(image, opts, result));
  NoteUnsureVerdict(found, page, opts, result);
  if (found.degrees == 0) return KeepReading(std::move(as_is), 0, result);
  RETURN_IF_ERROR(TurnImage(&image, found.degrees, page, result));
  ASSIGN_OR_RETURN(PageReading turned, ReadPageOnce(image, page, opts, result));
  result->read_twice = true;
  if (ReadsBetter(as_is.info, turned.info)) {
    char figures[96];
    std::snprintf(figures, sizeof figures, "mean word confidence %.2f against %.2f",
                  turned.info.mean_word_confidence, as_is.info.mean_word_confidence);
    result->notes.push_back("page " + std::to_string(page) +
                            " read as it is: orientation detection suggests turning it " +
                            std::to_string(found.degrees) + " degrees (confidence " +
                            OneDecimal(found.confidence) + "), but turned it reads worse (" +
                            figures + ")");
    return KeepReading(std::move(as_is), 0, result);
  }
  result->notes.push_back(TurnedNote(found, page));
  return KeepReading(std::move(turned), found.degrees, result);
}

// Orientation, cleanup + OCR of page `index` (0-based; at image.work_dpi,
// which is image.scale times the nominal DPI) into `result`: lines and page
// info, in the upright frame.
Status OcrPage(PageImage image, int index, const PageShared& shared, PageResult* result) {
  const ScanOptions& opts = *shared.opts;
  const int page = index + 1;
  if (opts.skip_unreadable_images && SkipUnreadableImage(image, page, result)) {
    return Status::OK();
  }
  if (!opts.detect_orientation) {
    ASSIGN_OR_RETURN(PageReading reading, ReadPageOnce(image, page, opts, result));
    return KeepReading(std::move(reading), 0, result);
  }
  if (opts.osd_every_page) return JudgeThenRead(std::move(image), page, opts, result);
  return ReadThenJudge(std::move(image), page, opts, result);
}

// Calls body(i) for i in [0, count) on the run's pool (opts.pool), on at
// most opts.page_threads of its threads, or on a pool of page_threads
// threads made for this call when there is none (core/work_pool.h: indices
// in increasing order; after body returns false no further index starts).
void ForEachPage(const ScanOptions& opts, int count, const std::function<bool(int)>& body) {
  const int threads = std::clamp(opts.page_threads, 1, std::max(1, count));
  if (opts.pool != nullptr) {
    opts.pool->ParallelFor(count, threads, body);
    return;
  }
  WorkPool local(threads);
  local.ParallelFor(count, threads, body);
}

// Runs process(index, &results[index]) for every page (ForEachPage). Threads
// pull the next page index from a shared counter, so at most one page per
// thread is in flight (rendered, cleaned, OCR'd) and nothing is rendered
// ahead. A page that fails does not stop the others: its status stays in its
// result (MergePages keeps it as a page that was not read). When a page is
// done, opts.on_page is called (from the thread that did it).
std::vector<PageResult> ProcessPages(int pages, const ScanOptions& opts,
                                     const std::function<Status(int, PageResult*)>& process) {
  std::vector<PageResult> results(size_t(std::max(0, pages)));
  ForEachPage(opts, pages, [&](int index) {
    PageResult& result = results[size_t(index)];
    result.status = process(index, &result);
    if (opts.on_page) opts.on_page(index + 1, pages);
    return true;
  });
  return results;
}

// What stands for a page that could not be read at all (its image damaged,
// over the decoding budget, not renderable): no words, and the reason, which
// the page-quality check reports on the record holding the page.
PageInfo FailedPage(int page, const Status& why) {
  PageInfo info;
  info.page = page;
  info.mean_word_confidence = 0;
  info.word_count = 0;
  info.plausible_word_share = 0;
  info.unreadable_image = "not read: " + why.message();
  info.not_read = true;
  return info;
}

// A page's own damage (its image corrupt, over the decoding budget, not
// renderable) is that page's; any other error (no traineddata, a bad option,
// the system refusing) is the run's, and fails the file.
bool IsPageDamage(const Status& s) {
  return s.code() == Status::Code::kCorruption || s.code() == Status::Code::kResourceExhausted;
}

// Folds the page results into `doc` and `stats` in page order, exactly as a
// serial run appends them. Images: doc->dpi is the first read page's, later
// pages at another DPI are noted. A failed page is kept as a page that was not
// read (FailedPage, and a note), so one damaged page of a release does not
// lose the others; only when no page could be read does the file fail, with
// the first page's error. Any other failure fails the file: the first in page
// order, as in a serial run.
Status MergePages(std::vector<PageResult>& results, bool image, TextDocument* doc,
                  ScanStats* stats) {
  Status first_failure;
  bool any_read = false;
  for (size_t i = 0; i < results.size(); ++i) {
    PageResult& r = results[i];
    const int page = int(i) + 1;
    for (auto& note : r.notes) stats->notes.push_back(std::move(note));
    stats->render_seconds += r.render_seconds;
    stats->cleanup_seconds += r.cleanup_seconds;
    stats->ocr_seconds += r.ocr_seconds;
    stats->osd_seconds += r.osd_seconds;
    if (!r.status.ok() && !IsPageDamage(r.status)) return r.status;
    if (!r.status.ok()) {
      if (first_failure.ok()) first_failure = r.status;
      stats->notes.push_back("page " + std::to_string(page) +
                             " was not read: " + r.status.message());
      doc->page_info.push_back(FailedPage(page, r.status));
      ++stats->pages_failed;
      continue;
    }
    if (image) {
      if (!any_read) {
        doc->dpi = r.nominal_dpi;
      } else if (r.nominal_dpi > 0 && r.nominal_dpi != doc->dpi) {
        stats->notes.push_back("page " + std::to_string(page) + " is " +
                               std::to_string(r.nominal_dpi) +
                               " DPI; its boxes are in its own pixels");
      }
    }
    any_read = true;
    if (r.info.rotation_degrees != 0) ++stats->pages_turned;
    if (r.osd_run) ++stats->pages_osd;
    if (r.read_twice) ++stats->pages_read_twice;
    if (r.image_unreadable) ++stats->pages_unreadable_image;
    for (auto& line : r.lines) doc->lines.push_back(std::move(line));
    doc->page_info.push_back(std::move(r.info));
    if (r.ocr) {
      ++stats->pages_ocr;
    } else {
      ++stats->pages_text_layer;
    }
  }
  return any_read || results.empty() ? Status::OK() : first_failure;
}

// Opens and vets a PDF: magic bytes, trailer, encryption, page count. A page
// tree whose /Count disagrees with the page objects its /Kids hold is rebuilt
// (pdf_pages.h) and the rebuild noted in `notes` (when given).
StatusOr<std::unique_ptr<poppler::document>> OpenPdf(const std::string& path,
                                                     const ScanOptions& opts,
                                                     std::vector<std::string>* notes = nullptr) {
  auto type = SniffFile(path);
  if (!type.ok()) return type.status();
  if (*type != FileType::kPdf) {
    return Status::InvalidArgument(path + " is not a PDF (content is " + FileTypeName(*type) + ")");
  }
  if (opts.dpi < 36 || opts.dpi > 1200) {
    return Status::InvalidArgument("dpi must be within 36..1200, got " + std::to_string(opts.dpi));
  }
  if (Status st = CheckPdfTrailer(path); !st.ok()) return st;
  QuietPoppler();
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(path));
  if (!pdf) return Status::Corruption("corrupt PDF: poppler cannot parse " + path);
  if (pdf->is_locked()) {
    return Status::Unsupported("encrypted PDF: a password is required to open it");
  }
  if (pdf->is_encrypted()) {
    // Readable without a password, but its owner restricts use; we do not
    // strip restrictions on the author's behalf.
    return Status::Unsupported("encrypted PDF: protected by an owner password (restricted)");
  }
  int pages = pdf->pages();
  // Poppler believes the page tree's /Count; qpdf counts the pages the tree
  // really holds. A file qpdf cannot read keeps poppler's reading.
  StatusOr<int> objects = CountPageObjects(path);
  if (objects.ok() && *objects != std::max(pages, 0)) {
    const std::string said = "the page tree says " + std::to_string(pages) +
                             " page(s) but the file holds " + std::to_string(*objects) +
                             " page object(s)";
    if (*objects == 0) return Status::NotFound("PDF has no pages (" + said + ")");
    StatusOr<std::vector<char>> rebuilt = RebuildPageTree(path);
    if (!rebuilt.ok()) return Status::Corruption(said + "; " + rebuilt.status().message());
    poppler::byte_array bytes(rebuilt->begin(), rebuilt->end());
    rebuilt->clear();
    std::unique_ptr<poppler::document> repaired(poppler::document::load_from_data(&bytes));
    if (!repaired || repaired->pages() != *objects) {
      return Status::Corruption(said + "; poppler cannot read the rebuilt page tree");
    }
    pdf = std::move(repaired);
    pages = *objects;
    if (notes != nullptr)
      notes->push_back(said + ": read all " + std::to_string(pages) +
                       " through a rebuilt page tree");
  }
  if (pages <= 0) return Status::NotFound("PDF has no pages");
  if (pages > opts.max_pages) {
    return Status::ResourceExhausted("PDF has " + std::to_string(pages) +
                                     " pages, more than the limit of " +
                                     std::to_string(opts.max_pages));
  }

  return pdf;
}

// Holds `mu` (when not null) for its scope; adds the time spent waiting for
// it to *waited.
class TimedLock {
 public:
  TimedLock(std::mutex* mu, double* waited) : mu_(mu) {
    if (mu_ == nullptr) return;
    const auto start = Clock::now();
    mu_->lock();
    if (waited != nullptr) *waited += SecondsSince(start);
  }
  ~TimedLock() {
    if (mu_ != nullptr) mu_->unlock();
  }
  TimedLock(const TimedLock&) = delete;
  TimedLock& operator=(const TimedLock&) = delete;

 private:
  std::mutex* mu_;
};

// Renders PDF page `index` (0-based) at opts.dpi, or lower to fit the pixel
// budget (noted). Page threads share one poppler::document, which is not
// thread-safe: every use of it (the page, the renderer) happens under
// `poppler_mu` when given; the copy into a Pix is done outside.
StatusOr<PageImage> RenderPdfPage(poppler::document& pdf, int index, const ScanOptions& opts,
                                  std::vector<std::string>* notes, std::mutex* poppler_mu = nullptr,
                                  double* waited = nullptr, bool colour = false) {
  const int page_no = index + 1;
  PageImage out;
  poppler::image image;
  {
    TimedLock lock(poppler_mu, waited);
    std::unique_ptr<poppler::page> page(pdf.create_page(index));
    if (!page) return Status::Corruption("PDF page " + std::to_string(page_no) + " is unreadable");
    const poppler::rectf rect = page->page_rect(poppler::crop_box);
    if (rect.width() <= 0 || rect.height() <= 0) {
      return Status::Corruption("PDF page " + std::to_string(page_no) + " has an empty page box");
    }
    out.nominal_dpi = opts.dpi;
    out.work_dpi =
        FitDpi(rect.width() / 72.0, rect.height() / 72.0, opts.dpi, opts.max_page_pixels);
    if (out.work_dpi < std::min(opts.dpi, kMinReadableDpi)) {
      // Below this, digits merge: an OCR that reads nothing would be a silent loss.
      return Status::ResourceExhausted(
          "PDF page " + std::to_string(page_no) + " (" +
          std::to_string(int(std::lround(rect.width() / 72.0 * 25.4))) + " x " +
          std::to_string(int(std::lround(rect.height() / 72.0 * 25.4))) +
          " mm) exceeds the pixel budget of " + std::to_string(opts.max_page_pixels) +
          " pixels: it would have to be rendered at " + std::to_string(out.work_dpi) +
          " DPI, below the readable minimum of " + std::to_string(kMinReadableDpi));
    }
    if (out.work_dpi != opts.dpi && notes != nullptr) {
      notes->push_back("page " + std::to_string(page_no) + " rendered at " +
                       std::to_string(out.work_dpi) + " DPI instead of " +
                       std::to_string(opts.dpi) + " (pixel budget " +
                       std::to_string(opts.max_page_pixels) + ")");
    }
    out.scale = double(out.work_dpi) / opts.dpi;
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(colour ? poppler::image::format_argb32
                                     : poppler::image::format_gray8);
    image = renderer.render_page(page.get(), out.work_dpi, out.work_dpi);
  }
  if (!image.is_valid()) {
    return Status::Corruption("PDF page " + std::to_string(page_no) + " cannot be rendered");
  }
  out.pix =
      colour && image.format() == poppler::image::format_argb32 ? ToColourPix(image) : ToPix(image);
  if (!out.pix)
    return Status::ResourceExhausted("out of memory for page " + std::to_string(page_no));
  return out;
}

// An embedded image finer than the work DPI by more than this is scaled down
// to it: recognition gains nothing from the extra pixels (a 400 DPI scan
// read at 300 measured the same), cleanup and OCR cost grows with them.
constexpr double kMuchFinerThanWorkDpi = 1.2;

// The page's own image (PdfPageImages, DecodeEmbeddedImage) as a PageImage
// in the nominal frame (opts.dpi): at the image's resolution, scaled down to
// opts.dpi when much finer and to the pixel budget (noted as a render
// would be); nullopt when the page must be rendered (no single whole-page
// image, an encoding we leave to poppler, non-square pixels, below 100 DPI,
// a decoding failure).
std::optional<PageImage> EmbeddedPdfPage(PdfPageImages* images, int index, const ScanOptions& opts,
                                         std::vector<std::string>* notes, bool* colour) {
  if (images == nullptr || !opts.embedded_images) return std::nullopt;
  std::optional<EmbeddedPageImage> found = images->Find(index, opts.max_decode_pixels, nullptr);
  if (!found || found->page_width_in <= 0 || found->page_height_in <= 0) return std::nullopt;
  // A rendered colour page is rendered in colour, for the ink masks.
  *colour = found->components == 3;
  auto decoded = DecodeEmbeddedImage(*found);
  if (!decoded.ok()) return std::nullopt;
  PageImage out;
  out.pix = std::move(*decoded);
  const double dpi_x = pixGetWidth(out.pix.get()) / found->page_width_in;
  const double dpi_y = pixGetHeight(out.pix.get()) / found->page_height_in;
  if (std::fabs(dpi_x - dpi_y) > 0.02 * dpi_x || dpi_x < kMinReadableDpi) return std::nullopt;
  double target = dpi_x > opts.dpi * kMuchFinerThanWorkDpi ? double(opts.dpi) : dpi_x;
  if (pixGetDepth(out.pix.get()) != 1 && dpi_x < opts.dpi * 0.99) {
    // A grey or colour image coarser than the work DPI is rendered, as before: read at
    // its own 200 DPI, scanned letters lost words ("gemeenten" read
    // "gerneenten", samples/seeds scanned: 3 differences) and the sweep an
    // office table; interpolated up by Leptonica instead of poppler, 9
    // differences. 1-bit scans stay at their own resolution: there the
    // cleanup's whole-factor upscale read better (fax 8 -> 9 of 12 exact).
    return std::nullopt;
  }
  const int fit = FitDpi(found->page_width_in, found->page_height_in, int(std::floor(target)),
                         opts.max_page_pixels);
  if (fit < int(std::floor(target))) {
    if (fit < std::min(opts.dpi, kMinReadableDpi)) return std::nullopt;  // the render refuses it
    target = fit;
    if (notes != nullptr) {
      notes->push_back("page " + std::to_string(index + 1) + " rendered at " + std::to_string(fit) +
                       " DPI instead of " + std::to_string(int(std::lround(dpi_x))) +
                       " (pixel budget " + std::to_string(opts.max_page_pixels) + ")");
    }
  }
  if (std::fabs(target - dpi_x) > dpi_x * 0.01) {
    const float factor = float(target / dpi_x);
    if (pixGetDepth(out.pix.get()) == 1) {
      // Averaged down, then cut at the middle again: the page stays 1-bit.
      PixPtr gray(pixScaleToGray(out.pix.get(), factor));
      out.pix.reset(gray ? pixConvertTo1(gray.get(), 128) : nullptr);
    } else {
      out.pix.reset(pixScale(out.pix.get(), factor, factor));
    }
    if (!out.pix) return std::nullopt;
  }
  out.nominal_dpi = opts.dpi;
  out.scale = pixGetWidth(out.pix.get()) / (found->page_width_in * opts.dpi);
  out.work_dpi = std::max(1, int(std::lround(opts.dpi * out.scale)));
  return out;
}

// Page `index` as ingestion reads it: its own image when it is one
// (EmbeddedPdfPage), else rendered (RenderPdfPage). `*embedded` says which.
StatusOr<PageImage> ReadPdfPage(poppler::document& pdf, PdfPageImages* images, int index,
                                const ScanOptions& opts, std::vector<std::string>* notes,
                                bool* embedded, std::mutex* poppler_mu = nullptr,
                                double* waited = nullptr) {
  bool colour = false;
  std::optional<PageImage> own = EmbeddedPdfPage(images, index, opts, notes, &colour);
  *embedded = own.has_value();
  if (own) return std::move(*own);
  return RenderPdfPage(pdf, index, opts, notes, poppler_mu, waited, colour);
}

struct ImageInfo {
  FileType type = FileType::kUnknown;
  int pages = 1;
};

// Vets a page image: magic bytes, page count. Each page's size is checked
// against the decoding budget from its header before it is decoded
// (ReadImagePage).
StatusOr<ImageInfo> OpenImage(const std::string& path, const ScanOptions& opts) {
  QuietLeptonica();
  auto type = SniffFile(path);
  if (!type.ok()) return type.status();
  ImageInfo info;
  info.type = *type;
  if (info.type != FileType::kPng && info.type != FileType::kJpeg && info.type != FileType::kTiff) {
    return Status::InvalidArgument(path + " is not a PNG, JPEG or TIFF image (content is " +
                                   FileTypeName(info.type) + ")");
  }
  if (info.type == FileType::kTiff) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return Status::IOError("cannot read " + path + ": " + std::strerror(errno));
    l_int32 n = 0;
    const bool ok = tiffGetCount(f, &n) == 0;
    std::fclose(f);
    if (!ok || n <= 0) return Status::Corruption("corrupt TIFF: cannot count its pages");
    info.pages = n;
  }
  if (info.pages > opts.max_pages) {
    return Status::ResourceExhausted("TIFF has " + std::to_string(info.pages) +
                                     " pages, more than the limit of " +
                                     std::to_string(opts.max_pages));
  }
  // Page 1's header now, so that a file that is no image at all fails early.
  l_int32 format = 0, hw = 0, hh = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeader(path.c_str(), &format, &hw, &hh, &bps, &spp, &cmap) != 0) {
    return Status::Corruption(std::string("corrupt ") + FileTypeName(info.type) +
                              ": cannot read the image header");
  }
  return info;
}

// What a page's header says, read without decoding the pixels.
struct PageHeader {
  int width = 0, height = 0;
  int bits = 0;  // bits per sample times samples per pixel
};

StatusOr<PageHeader> ReadPageHeader(const std::string& path, const ImageInfo& info, int index) {
  l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
  const bool ok =
      info.type == FileType::kTiff
          ? readHeaderTiff(path.c_str(), index, &w, &h, &bps, &spp, &res, &cmap, &format) == 0
          : pixReadHeader(path.c_str(), &format, &w, &h, &bps, &spp, &cmap) == 0;
  if (!ok || w <= 0 || h <= 0) {
    return Status::Corruption(std::string("corrupt ") + FileTypeName(info.type) +
                              ": cannot read the header of page " + std::to_string(index + 1));
  }
  return PageHeader{w, h, bps * std::max(1, spp)};
}

std::string Megapixels(double pixels) {
  return std::to_string(int(std::lround(pixels / 1e6))) + " Mpixel";
}

// The JPEG reduction (1, 2, 4 or 8: libjpeg scales while decoding, at no
// extra cost) that brings `pixels` within `budget`; 0 when none does.
int JpegReduction(double pixels, long budget) {
  for (int r : {1, 2, 4, 8}) {
    if (pixels / (double(r) * r) <= double(budget)) return r;
  }
  return 0;
}

// Decodes page `index` (0-based) of an image file within the decoding budget
// (ScanOptions::max_decode_pixels, checked on the header first: a JPEG is
// decoded at a reduced size, a PNG or TIFF page is refused), then downscales
// it to the pixel budget (noted). The nominal DPI is the image's resolution
// tag when plausible, else opts.dpi.
StatusOr<PageImage> ReadImagePage(const std::string& path, const ImageInfo& info, int index,
                                  const ScanOptions& opts, std::vector<std::string>* notes) {
  const int page_no = index + 1;
  const std::string type = FileTypeName(info.type);
  auto header = ReadPageHeader(path, info, index);
  if (!header.ok()) return header.status();
  const double header_pixels = double(header->width) * header->height;
  const std::string size =
      std::to_string(header->width) + " x " + std::to_string(header->height) + " pixels";
  int reduction = 1;
  if (header_pixels > double(opts.max_decode_pixels)) {
    reduction =
        info.type == FileType::kJpeg ? JpegReduction(header_pixels, opts.max_decode_pixels) : 0;
    if (reduction == 0) {
      return Status::ResourceExhausted(
          type + " page " + std::to_string(page_no) + " of " + size + " (" +
          Megapixels(header_pixels) + ") exceeds the decoding budget of " +
          Megapixels(double(opts.max_decode_pixels)) +
          " per page (raise it with --max-decode-pixels)" +
          (info.type == FileType::kJpeg ? ", even decoded at 1/8 size"
                                        : "; a " + type + " cannot be decoded at a reduced size"));
    }
  }
  PageImage out;
  l_int32 xres = 0, yres = 0;
  if (info.type == FileType::kTiff) {
    out.pix.reset(pixReadTiff(path.c_str(), index));
  } else if (info.type == FileType::kJpeg) {
    l_int32 warnings = 0;
    out.pix.reset(pixReadJpeg(path.c_str(), 0, reduction, &warnings, 0));
    // The file's own density: a reduced decode must not change the page's DPI.
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
      fgetJpegResolution(f, &xres, &yres);
      std::fclose(f);
    }
  } else {
    out.pix.reset(pixRead(path.c_str()));
  }
  if (!out.pix) {
    // The header was read and the size is within budget, so the pixel data
    // itself is damaged (a decoder short of memory at this size is unlikely,
    // but possible on a loaded machine: say so when the page is large).
    const double megabytes = header_pixels / (double(reduction) * reduction) * 4 / 1e6;
    return Status::Corruption("corrupt " + type + ": the pixel data of page " +
                              std::to_string(page_no) + " (" + size + ") cannot be decoded" +
                              (megabytes > 500 ? " (or " + std::to_string(int(megabytes)) +
                                                     " MB of memory could not be had)"
                                               : ""));
  }
  if (info.type != FileType::kJpeg) pixGetResolution(out.pix.get(), &xres, &yres);
  const bool plausible = xres >= 70 && xres <= 1200;
  out.nominal_dpi = plausible ? xres : opts.dpi;
  if (!plausible && notes != nullptr) {
    notes->push_back("page " + std::to_string(page_no) + " has no usable resolution tag; assumed " +
                     std::to_string(opts.dpi) + " DPI");
  }
  // Work pixels per nominal (file) pixel.
  out.scale = double(pixGetWidth(out.pix.get())) / header->width;
  if (reduction > 1 && notes != nullptr) {
    notes->push_back("page " + std::to_string(page_no) + " (" + size + ") decoded at 1/" +
                     std::to_string(reduction) + " size (decoding budget " +
                     Megapixels(double(opts.max_decode_pixels)) + ")");
  }
  const double pixels = double(pixGetWidth(out.pix.get())) * pixGetHeight(out.pix.get());
  if (pixels > double(opts.max_page_pixels)) {
    const double factor = std::sqrt(double(opts.max_page_pixels) / pixels);
    PixPtr gray(pixConvertTo8(out.pix.get(), 0));
    out.pix.reset();  // the full-size page goes before the scaled copy is made
    PixPtr small(gray ? pixScale(gray.get(), float(factor), float(factor)) : nullptr);
    if (!small)
      return Status::ResourceExhausted("cannot downscale page " + std::to_string(page_no));
    out.pix = std::move(small);
    out.scale *= factor;
    if (notes != nullptr) {
      notes->push_back("page " + std::to_string(page_no) + " downscaled by " +
                       std::to_string(out.scale) + " (pixel budget " +
                       std::to_string(opts.max_page_pixels) + ")");
    }
  }
  out.work_dpi = std::max(1, int(std::lround(out.nominal_dpi * out.scale)));
  return out;
}

}  // namespace

const char* FileTypeName(FileType type) {
  switch (type) {
    case FileType::kText:
      return "text";
    case FileType::kPdf:
      return "pdf";
    case FileType::kPng:
      return "png";
    case FileType::kJpeg:
      return "jpeg";
    case FileType::kTiff:
      return "tiff";
    case FileType::kUnknown:
      return "unknown";
  }
  return "unknown";
}

StatusOr<FileType> SniffFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound("no such file: " + path);
    return Status::IOError("cannot stat " + path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status::IOError(path + " is a directory");
  if (!S_ISREG(st.st_mode)) return Status::IOError(path + " is not a regular file");
  if (st.st_size == 0) return Status::NotFound("empty file");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IOError("cannot read " + path + ": " + std::strerror(errno));
  std::string head(64 * 1024, '\0');
  const size_t n = std::fread(head.data(), 1, head.size(), f);
  const bool read_error = std::ferror(f) != 0;
  std::fclose(f);
  if (read_error) return Status::IOError("cannot read " + path);
  head.resize(n);
  if (n == 0) return Status::NotFound("empty file");
  auto starts = [&](std::string_view magic) { return head.compare(0, magic.size(), magic) == 0; };
  if (starts("\x89PNG\r\n\x1a\n")) return FileType::kPng;
  if (starts("\xFF\xD8\xFF")) return FileType::kJpeg;
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) {
    return FileType::kTiff;
  }
  // The PDF header may follow some junk; readers accept it within 1 KiB.
  const size_t pdf = head.find("%PDF-");
  if (pdf != std::string::npos && pdf < 1024) return FileType::kPdf;
  // Text in UTF-16 (a Windows export, with NUL bytes) or Windows-1252 (most
  // bytes above ASCII not valid UTF-8): ReadTextDump decodes it.
  const bool cut = n == head.size() && static_cast<off_t>(n) < st.st_size;
  if (SniffTextEncoding(head, cut) != TextEncoding::kUtf8) return FileType::kText;
  // Text: no NUL byte and at most 5% of the bytes not valid UTF-8 (strictly:
  // overlong forms and surrogates count), the rule ReadTextDump applies to
  // the whole file, which then replaces the few bad sequences by U+FFFD. A
  // sequence cut by the 64 KiB read limit is not held against the file.
  if (head.find('\0') == std::string::npos && InvalidUtf8Bytes(head, cut) * 20 <= n)
    return FileType::kText;
  return FileType::kUnknown;
}

namespace {

// A page whose images state more pixels than the decoding budget
// (ScanOptions::max_decode_pixels) is refused before poppler touches it, as
// an image file of that size is: poppler reads every row an image claims,
// and a damaged /Height of 2^31 held one page's render for hours (found by
// mutating the image dictionaries of scanned PDFs).
Status WithinDecodingBudget(PdfPageImages* images, int index, const ScanOptions& opts) {
  if (images == nullptr) return Status::OK();
  const ImageExtent largest = images->LargestImage(index);
  if (largest.pixels() <= double(opts.max_decode_pixels)) return Status::OK();
  return Status::ResourceExhausted(
      "PDF page " + std::to_string(index + 1) + " holds an image of " +
      std::to_string(largest.width) + " x " + std::to_string(largest.height) + " pixels (" +
      Megapixels(largest.pixels()) + "), beyond the decoding budget of " +
      Megapixels(double(opts.max_decode_pixels)) + " per page (raise it with --max-decode-pixels)");
}

// One page of a PDF into `result`: from its text layer (at least
// kMinTextLayerWords words, unless force_ocr) or rendered and OCR'd.
// `poppler_mu` serialises every use of the shared poppler::document.
Status ProcessPdfPage(poppler::document& pdf, std::mutex* poppler_mu, PdfPageImages* images,
                      int index, bool bilevel_image, const PageShared& shared, PageResult* result) {
  const ScanOptions& opts = *shared.opts;
  const int page_no = index + 1;
  if (Status st = WithinDecodingBudget(images, index, opts); !st.ok()) return st;
  const double px_per_pt = opts.dpi / 72.0;
  double waited = 0;  // for the poppler lock: not render time
  auto t0 = Clock::now();
  std::vector<Word> words;
  std::vector<WordDirection> directions;
  PageInfo& info = result->info;
  poppler::image ruling_image;
  const int rdpi = std::min(opts.ruling_dpi, opts.dpi);
  {
    TimedLock lock(poppler_mu, &waited);
    std::unique_ptr<poppler::page> page(pdf.create_page(index));
    if (!page) return Status::Corruption("PDF page " + std::to_string(page_no) + " is unreadable");
    const poppler::rectf rect = page->page_rect(poppler::crop_box);
    if (rect.width() <= 0 || rect.height() <= 0) {
      return Status::Corruption("PDF page " + std::to_string(page_no) + " has an empty page box");
    }
    for (const poppler::text_box& box :
         opts.force_ocr ? std::vector<poppler::text_box>{} : page->text_list()) {
      std::string text = RepairLigatures(ToUtf8(box.text()));
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      const poppler::rectf r = box.bbox();
      Word w;
      w.text = std::move(text);
      w.box = BBox{int(std::floor(r.left() * px_per_pt)), int(std::floor(r.top() * px_per_pt)),
                   int(std::ceil(r.right() * px_per_pt)), int(std::ceil(r.bottom() * px_per_pt))};
      w.confidence = 1.0;
      directions.push_back(WordDirection{box.rotation(), int(w.text.size())});
      words.push_back(std::move(w));
    }
    if (!opts.force_ocr && int(words.size()) >= kMinTextLayerWords) {
      info.page = page_no;
      // Rotated pages (/Rotate 90, 270) are laid out landscape.
      const bool landscape = page->orientation() == poppler::page::landscape ||
                             page->orientation() == poppler::page::seascape;
      const double w_pt = landscape ? rect.height() : rect.width();
      const double h_pt = landscape ? rect.width() : rect.height();
      info.width = int(std::lround(w_pt * px_per_pt));
      info.height = int(std::lround(h_pt * px_per_pt));
      info.has_text_layer = true;
      if (opts.text_page_rulings) {
        poppler::page_renderer renderer;
        renderer.set_image_format(poppler::image::format_gray8);
        ruling_image = renderer.render_page(page.get(), rdpi, rdpi);
      }
    }
  }
  if (info.has_text_layer) {
    // Text running sideways or upside down on the page as displayed: its
    // boxes (and the ruling render) are turned into the upright frame.
    const int turn = opts.detect_orientation ? TextLayerTurn(directions) : 0;
    if (turn != 0) {
      for (Word& w : words) w.box = TurnBoxClockwise(w.box, turn, info.width, info.height);
      if (turn != 180) std::swap(info.width, info.height);
      info.rotation_degrees = turn;
      result->notes.push_back("page " + std::to_string(page_no) + " turned " +
                              std::to_string(turn) +
                              " degrees clockwise to stand upright (its text layer runs that way)");
    }
    result->lines = GroupWordsIntoLines(std::move(words), page_no);
    PixPtr pix = ruling_image.is_valid() ? ToPix(ruling_image) : nullptr;
    if (pix && turn != 0) pix = TurnClockwise(pix.get(), turn);
    if (pix) {
      CleanupOptions cleanup;
      cleanup.dpi = rdpi;
      cleanup.deskew = false;  // born-digital pages are straight
      // Only the rulings are wanted: no masks, no 1-bit handling, no text measure.
      cleanup.mask_artefacts = false;
      cleanup.stretch_contrast = false;
      cleanup.bilevel_cleanup = false;
      cleanup.min_glyph_px = 0;
      auto clean = CleanPageImage(pix.get(), double(rdpi) / opts.dpi, cleanup);
      if (clean.ok()) info.rulings = std::move(clean->rulings);
    }
    result->render_seconds += SecondsSince(t0) - waited;
    return Status::OK();
  }

  // No usable text layer: the page's own image when it is one, else
  // rendered at the DPI that fits the pixel budget.
  bool embedded = false;
  auto image =
      ReadPdfPage(pdf, images, index, opts, &result->notes, &embedded, poppler_mu, &waited);
  if (!image.ok()) return image.status();
  if (!embedded && bilevel_image && opts.bilevel_cleanup) {
    // A fax in a PDF: poppler smooths its 1-bit image into grey; cut back to
    // the black and white it has, the cleanup then treats it as 1-bit.
    PixPtr binary(pixConvertTo1(image->pix.get(), 128));
    if (binary) image->pix = std::move(binary);
  }
  result->render_seconds += SecondsSince(t0) - waited;
  return OcrPage(std::move(*image), index, shared, result);
}

}  // namespace

StatusOr<TextDocument> LoadPdf(const std::string& path, const ScanOptions& opts, ScanStats* stats) {
  ScanStats local;
  if (stats == nullptr) stats = &local;
  const auto start = Clock::now();
  auto opened = OpenPdf(path, opts, &stats->notes);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<poppler::document> pdf = std::move(*opened);
  const int pages = pdf->pages();

  TextDocument doc;
  doc.pages = pages;
  doc.dpi = opts.dpi;
  const PageShared shared{&opts};
  // One poppler::document for all page threads, used under this lock, rather
  // than one document per thread: poppler-cpp documents are not thread-safe,
  // and rendering a scanned page (decoding its JPEG, ~0.05 s) is small next to
  // its OCR (~1 s), so the lock costs little and keeps poppler's global state
  // (fonts, caches) single-threaded.
  std::mutex poppler_mu;
  // Pages that are one image are read from it; every page's images are held
  // to the decoding budget; 1-bit pages (faxes) get the 1-bit cleanup. None
  // of that when qpdf cannot read the file: poppler renders every page.
  StatusOr<std::unique_ptr<PdfPageImages>> images = PdfPageImages::Open(path);
  PdfPageImages* page_images = images.ok() ? images->get() : nullptr;
  std::vector<PageResult> results = ProcessPages(pages, opts, [&](int index, PageResult* result) {
    const bool bilevel_image =
        opts.bilevel_cleanup && page_images != nullptr && page_images->AllImagesBilevel(index);
    return ProcessPdfPage(*pdf, &poppler_mu, page_images, index, bilevel_image, shared, result);
  });
  if (Status st = MergePages(results, /*image=*/false, &doc, stats); !st.ok()) {
    return st;
  }
  results.clear();
  doc.media = stats->pages_ocr > 0 ? "pdf-scanned" : "pdf-text";
  stats->total_seconds += SecondsSince(start);
  return doc;
}

StatusOr<TextDocument> LoadImage(const std::string& path, const ScanOptions& opts,
                                 ScanStats* stats) {
  ScanStats local;
  if (stats == nullptr) stats = &local;
  const auto start = Clock::now();
  auto info = OpenImage(path, opts);
  if (!info.ok()) return info.status();
  const int pages = info->pages;

  TextDocument doc;
  doc.media = "image";
  doc.pages = pages;
  const PageShared shared{&opts};
  // Each page is decoded from the file on its own (Leptonica opens it per
  // call), so page threads need no lock here.
  std::vector<PageResult> results = ProcessPages(pages, opts, [&](int index, PageResult* result) {
    auto t0 = Clock::now();
    auto image = ReadImagePage(path, *info, index, opts, &result->notes);
    if (!image.ok()) return image.status();
    result->nominal_dpi = image->nominal_dpi;
    result->render_seconds += SecondsSince(t0);
    return OcrPage(std::move(*image), index, shared, result);
  });
  if (Status st = MergePages(results, /*image=*/true, &doc, stats); !st.ok()) {
    return st;
  }
  results.clear();
  stats->total_seconds += SecondsSince(start);
  return doc;
}

int CountPages(const std::string& path) {
  auto type = SniffFile(path);
  if (!type.ok()) return 0;
  ScanOptions any;
  any.max_pages = std::numeric_limits<int>::max();
  switch (*type) {
    case FileType::kPdf: {
      auto pdf = OpenPdf(path, any);
      return pdf.ok() ? (*pdf)->pages() : 0;
    }
    case FileType::kPng:
    case FileType::kJpeg:
    case FileType::kTiff: {
      auto info = OpenImage(path, any);
      return info.ok() ? info->pages : 0;
    }
    default:
      return 0;
  }
}

StatusOr<TextDocument> LoadScan(const std::string& path, const ScanOptions& opts,
                                ScanStats* stats) {
  auto type = SniffFile(path);
  if (!type.ok()) return type.status();
  switch (*type) {
    case FileType::kPdf:
      return LoadPdf(path, opts, stats);
    case FileType::kPng:
    case FileType::kJpeg:
    case FileType::kTiff:
      return LoadImage(path, opts, stats);
    default:
      return Status::Unsupported(std::string("not a PDF or page image (content is ") +
                                 FileTypeName(*type) + ")");
  }
}

namespace {

// How one cell crop is prepared for the digits engine. The first is the
// plain one; the others are tried only when it reads nothing or reads with
// doubt: bigger with broken strokes closed (faxes, light photocopies), and a
// fixed mid-level threshold (faint digits Otsu splits from a noisy ground).
struct CropPreparation {
  float digit_px;  // the cell's height is scaled to this
  bool mid_level;  // threshold halfway between the crop's darkest and lightest
  int close;       // closing brick after binarisation (0 = none)
};
constexpr CropPreparation kCropPreparations[] = {{40, false, 0}, {56, false, 3}, {40, true, 0}};
// A first reading at least this confident is kept without trying the others.
constexpr double kConfidentCellReading = 0.90;

// The crop of `work_box` (with a small margin) straightened by the page's
// deskew angle; nullptr when the box lies off the page.
PixPtr StraightCellCrop(Pix* gray, const BBox& work_box, double deskew_degrees) {
  const int h = std::max(1, work_box.y1 - work_box.y0);
  const int mx = std::max(3, h / 3), my = std::max(2, h / 6);
  const int x0 = std::max(0, work_box.x0 - mx), y0 = std::max(0, work_box.y0 - my);
  const int x1 = std::min<int>(pixGetWidth(gray), work_box.x1 + mx);
  const int y1 = std::min<int>(pixGetHeight(gray), work_box.y1 + my);
  if (x1 - x0 < 2 || y1 - y0 < 2) return nullptr;
  BOX* box = boxCreate(x0, y0, x1 - x0, y1 - y0);
  PixPtr crop(pixClipRectangle(gray, box, nullptr));
  boxDestroy(&box);
  if (!crop) return nullptr;
  if (std::fabs(deskew_degrees) > 0.01) {
    PixPtr rotated(pixRotate(crop.get(), float(deskew_degrees * M_PI / 180.0), L_ROTATE_AREA_MAP,
                             L_BRING_IN_WHITE, 0, 0));
    if (rotated) crop = std::move(rotated);
  }
  return crop;
}

// One straightened cell crop (StraightCellCrop), cleaned for the digits
// engine: upscaled so a digit is ~digit_px high (Tesseract's LSTM sees 36 px
// line images anyway, and small crops binarise better bigger), binarised,
// white border.
PixPtr PrepareCellCrop(Pix* straight, int cell_height, const CropPreparation& how) {
  PixPtr crop(pixClone(straight));
  const float f = std::clamp(how.digit_px / std::max(1, cell_height), 1.0f, 6.0f);
  if (f > 1.01f) {
    PixPtr big(pixScaleGrayLI(crop.get(), f, f));
    if (big) crop = std::move(big);
  }
  PIX* binary = nullptr;
  const int w = pixGetWidth(crop.get()), ch = pixGetHeight(crop.get());
  if (how.mid_level) {
    l_int32 darkest = 0, lightest = 255;
    pixGetExtremeValue(crop.get(), 1, L_SELECT_MIN, nullptr, nullptr, nullptr, &darkest);
    pixGetExtremeValue(crop.get(), 1, L_SELECT_MAX, nullptr, nullptr, nullptr, &lightest);
    binary = pixThresholdToBinary(crop.get(), std::max(1, (darkest + lightest + 1) / 2));
  } else if (w < 16 || ch < 16 ||
             pixOtsuAdaptiveThreshold(crop.get(), w, ch, 0, 0, 0.1f, nullptr, &binary) != 0) {
    binary = nullptr;
  }
  crop.reset(binary != nullptr ? binary : pixConvertTo1(crop.get(), 160));
  if (!crop) return nullptr;
  if (how.close > 0) {
    PixPtr closed(pixCloseSafeBrick(nullptr, crop.get(), how.close, how.close));
    if (closed) crop = std::move(closed);
  }
  return PixPtr(pixAddBorder(crop.get(), 12, 0));  // 0 = white in 1 bpp
}

// Reads one cell with the preparations in turn until one is confident; the
// likeliest reading is the text, the other preparations' different readings
// join its alternatives at their own confidence.
StatusOr<CellReading> ReadCellCrop(OcrEngine& engine, Pix* gray, const BBox& work_box,
                                   double deskew_degrees) {
  CellReading best;
  PixPtr straight = StraightCellCrop(gray, work_box, deskew_degrees);
  if (!straight) return best;  // empty reading: the box lies off the page
  std::vector<CellReading> readings;
  std::vector<PixPtr> crops;
  for (const CropPreparation& how : kCropPreparations) {
    PixPtr crop = PrepareCellCrop(straight.get(), work_box.y1 - work_box.y0, how);
    if (!crop) continue;
    auto reading = engine.RecognizeCrop(crop.get(), 300);
    if (!reading.ok()) return reading.status();
    readings.push_back(std::move(*reading));
    crops.push_back(std::move(crop));
    if (readings.size() == 1 && !readings[0].text.empty() &&
        readings[0].confidence >= kConfidentCellReading) {
      break;
    }
  }
  for (size_t k = 0; k < readings.size(); ++k) {
    const CellReading& r = readings[k];
    if (!r.text.empty() && (best.text.empty() || r.confidence > best.confidence)) {
      best = r;
      best.same_shape_read_apart = SameShapeReadApart(crops[k].get(), r.text);
    }
  }
  for (const CellReading& r : readings) {
    if (r.text.empty() || r.text == best.text) continue;
    const bool known = std::any_of(best.alternatives.begin(), best.alternatives.end(),
                                   [&](const WordAlternative& a) { return a.text == r.text; });
    if (!known) best.alternatives.push_back({r.text, r.confidence});
  }
  std::stable_sort(best.alternatives.begin(), best.alternatives.end(),
                   [](const WordAlternative& a, const WordAlternative& b) {
                     return a.confidence > b.confidence;
                   });
  return best;
}

}  // namespace

namespace {

// Where RereadCells gets its pages again: the PDF (one poppler document for
// every thread, used under `poppler_mu`) or the image file.
struct RereadSource {
  std::string path;
  std::unique_ptr<poppler::document> pdf;
  std::unique_ptr<PdfPageImages> page_images;  // pages read from their own image, as ingestion did
  ImageInfo image_info;
  std::mutex poppler_mu;
};

// The page as ingestion read it (turned upright when it was), in grey with
// the artefacts masked as for the first reading.
StatusOr<PageImage> RereadPageImage(RereadSource& source, const TextDocument& doc, int page,
                                    const ScanOptions& opts, double* deskew) {
  bool embedded = false;
  auto image = source.pdf ? ReadPdfPage(*source.pdf, source.page_images.get(), page - 1, opts,
                                        nullptr, &embedded, &source.poppler_mu)
                          : ReadImagePage(source.path, source.image_info, page - 1, opts, nullptr);
  if (!image.ok()) return image.status();
  int turn = 0;
  for (const PageInfo& info : doc.page_info) {
    if (info.page == page) {
      *deskew = info.deskew_degrees;
      turn = info.has_text_layer ? 0 : info.rotation_degrees;
    }
  }
  if (turn != 0) {
    // Ingestion read this page turned upright: its boxes are in that frame.
    image->pix = TurnClockwise(image->pix.get(), turn);
    if (!image->pix) return Status::ResourceExhausted("cannot turn page upright");
  }
  PixPtr gray(pixConvertTo8(image->pix.get(), 0));
  if (!gray) return Status::ResourceExhausted("cannot convert page to grayscale");
  if (opts.mask_artefacts) {
    // As for the first reading: a tick across a cell, a punch hole or a
    // redaction bar beside it must not enter the crop.
    MaskColouredInk(image->pix.get(), gray.get(), image->work_dpi);
    MaskSolidDark(gray.get(), image->work_dpi);
  }
  image->pix = std::move(gray);
  return image;
}

// Re-reads the cells `wanted` (indices into `cells`, all on `page`) into
// `out`, with this thread's digits-only engine.
Status RereadPageCells(RereadSource& source, const TextDocument& doc, int page,
                       const std::vector<size_t>& wanted, const std::vector<CellRequest>& cells,
                       const ScanOptions& opts, std::vector<CellReading>* out) {
  OcrOptions ocr;
  ocr.tessdata = opts.tessdata;
  ocr.alternatives = true;
  ocr.page_seg_mode = 7;  // a single text line
  ocr.char_whitelist = "0123456789.";
  ocr.try_inverted_lines = true;  // as measured for the crops (ocr.h)
  auto engine = LeaseOcrEngine(ocr);
  if (!engine.ok()) return engine.status();
  double deskew = 0;
  auto image = RereadPageImage(source, doc, page, opts, &deskew);
  if (!image.ok()) return image.status();
  for (size_t i : wanted) {
    const BBox& b = cells[i].box;
    const double s = image->scale;
    const BBox work{int(std::floor(b.x0 * s)), int(std::floor(b.y0 * s)), int(std::ceil(b.x1 * s)),
                    int(std::ceil(b.y1 * s))};
    auto reading = ReadCellCrop(**engine, image->pix.get(), work, deskew);
    if (!reading.ok()) return reading.status();
    (*out)[i] = std::move(*reading);
  }
  return Status::OK();
}

}  // namespace

StatusOr<std::vector<CellReading>> RereadCells(const std::string& path, const TextDocument& doc,
                                               const std::vector<CellRequest>& cells,
                                               const ScanOptions& opts) {
  std::vector<CellReading> out(cells.size());
  if (cells.empty()) return out;
  // The pages holding requests, in page order, with their cells.
  std::map<int, std::vector<size_t>> by_page;
  for (size_t i = 0; i < cells.size(); ++i) {
    const CellRequest& c = cells[i];
    if (c.page < 1 || c.page > doc.pages) {
      return Status::InvalidArgument("cell on page " + std::to_string(c.page) + " of " +
                                     std::to_string(doc.pages));
    }
    by_page[c.page].push_back(i);
  }
  auto type = SniffFile(path);
  if (!type.ok()) return type.status();
  RereadSource source;
  source.path = path;
  if (*type == FileType::kPdf) {
    auto opened = OpenPdf(path, opts);
    if (!opened.ok()) return opened.status();
    source.pdf = std::move(*opened);
    if (opts.embedded_images) {
      // The pages ingestion read from their own image are read from it again.
      auto images = PdfPageImages::Open(path);
      if (images.ok()) source.page_images = std::move(*images);
    }
  } else {
    auto info = OpenImage(path, opts);
    if (!info.ok()) return info.status();
    source.image_info = *info;
  }
  // One page per thread of the run's pool; each cell's reading depends only
  // on its page and box, so the readings are the same for any -j.
  const std::vector<std::pair<int, std::vector<size_t>>> pages(by_page.begin(), by_page.end());
  std::vector<Status> page_status(pages.size());
  ForEachPage(opts, int(pages.size()), [&](int k) {
    page_status[size_t(k)] = RereadPageCells(source, doc, pages[size_t(k)].first,
                                             pages[size_t(k)].second, cells, opts, &out);
    return page_status[size_t(k)].ok();
  });
  for (const Status& st : page_status) {
    if (!st.ok()) return st;
  }
  return out;
}

std::vector<TextLine> GroupWordsIntoLines(std::vector<Word> words, int page) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    const int ca = a.box.y0 + a.box.y1, cb = b.box.y0 + b.box.y1;
    return ca != cb ? ca < cb : a.box.x0 < b.box.x0;
  });
  std::vector<TextLine> lines;
  int y0 = 0, y1 = 0;  // vertical extent of the current line
  for (Word& w : words) {
    bool same = false;
    if (!lines.empty()) {
      const int overlap = std::min(y1, w.box.y1) - std::max(y0, w.box.y0);
      const int smaller = std::min(y1 - y0, w.box.y1 - w.box.y0);
      same = overlap * 2 >= std::max(1, smaller);
    }
    if (!same) {
      lines.push_back(TextLine{});
      lines.back().page = page;
      y0 = w.box.y0;
      y1 = w.box.y1;
    } else {
      y0 = std::min(y0, w.box.y0);
      y1 = std::max(y1, w.box.y1);
    }
    lines.back().words.push_back(std::move(w));
  }
  int line_no = 0;
  for (TextLine& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
    line.line_no = ++line_no;
    for (const Word& w : line.words) {
      if (!line.text.empty()) line.text += ' ';
      line.text += w.text;
      if (line.box.empty()) {
        line.box = w.box;
      } else {
        line.box = BBox{std::min(line.box.x0, w.box.x0), std::min(line.box.y0, w.box.y0),
                        std::max(line.box.x1, w.box.x1), std::max(line.box.y1, w.box.y1)};
      }
    }
  }
  return lines;
}

// Declared in page_image.h; here because it renders with ingestion's own
// (file-local) renderer and decoder, so that its pixels are ingestion's.
StatusOr<UprightPage> RenderUprightPage(const std::string& path, int page, int dpi, int degrees,
                                        const ScanOptions& opts) {
  if (degrees % 90 != 0 || degrees < 0 || degrees >= 360) {
    return Status::InvalidArgument("a page turns by 0, 90, 180 or 270 degrees, not " +
                                   std::to_string(degrees));
  }
  ScanOptions o = opts;
  if (dpi > 0) o.dpi = dpi;
  auto type = SniffFile(path);
  if (!type.ok()) return type.status();
  StatusOr<PageImage> image = Status::InvalidArgument("");
  const auto out_of_range = [&](int pages) {
    return Status::InvalidArgument("page " + std::to_string(page) + " of " + std::to_string(pages) +
                                   " in " + path);
  };
  if (*type == FileType::kPdf) {
    auto pdf = OpenPdf(path, o);
    if (!pdf.ok()) return pdf.status();
    if (page < 1 || page > (*pdf)->pages()) return out_of_range((*pdf)->pages());
    image = RenderPdfPage(**pdf, page - 1, o, nullptr);
  } else {
    auto info = OpenImage(path, o);
    if (!info.ok()) return info.status();
    if (page < 1 || page > info->pages) return out_of_range(info->pages);
    image = ReadImagePage(path, *info, page - 1, o, nullptr);
  }
  if (!image.ok()) return image.status();
  if (degrees != 0) {
    image->pix = TurnClockwise(image->pix.get(), degrees);
    if (!image->pix) return Status::ResourceExhausted("cannot turn page upright");
  }
  UprightPage out;
  out.gray.reset(pixConvertTo8(image->pix.get(), 0));
  if (!out.gray) return Status::ResourceExhausted("cannot convert page to grayscale");
  out.dpi = image->nominal_dpi;
  out.scale = image->scale;
  return out;
}

}  // namespace verdeelscan
