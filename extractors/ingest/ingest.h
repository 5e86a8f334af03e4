// Ingestion of PDFs (born-digital and scanned) and page images (PNG, JPEG,
// TIFF incl. multi-page) into a TextDocument of positioned words.
//
// - Born-digital pages: the PDF text layer through poppler-cpp (no OCR), word
//   boxes converted to pixels at opts.dpi, ligatures repaired.
// - Pages without a text layer and images: rendered / decoded one page at a
//   time, cleaned with Leptonica (cleanup.h: grayscale, deskew, Sauvola,
//   ruling lines) and read once by Tesseract (ocr.h).
// Every bbox is in pixels of the page as rendered at TextDocument::dpi, even
// when a huge page was processed downscaled (boxes are mapped back).
//
// Cost: OCR dominates (seconds per 300 DPI A4 page, see README.md); text-layer
// pages cost milliseconds. Memory is bounded by ScanOptions::page_threads
// pages: a page bitmap is freed before its thread renders the next page.
// Thread-safe: each thread uses its own Tesseract engine (created once per
// thread, reused across pages).
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_INGEST_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_INGEST_H_

#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "extractors/ingest/cleanup.h"
#include "extractors/ingest/ocr.h"

namespace verdeelscan {

class WorkPool;  // core/work_pool.h

enum class FileType { kText, kPdf, kPng, kJpeg, kTiff, kUnknown };

// "text", "pdf", "png", "jpeg", "tiff", "unknown".
const char* FileTypeName(FileType type);

// By magic bytes, not extension: a PNG named .pdf is a PNG. kText for valid
// UTF-8 without NUL bytes (in the first 64 KiB), kUnknown otherwise.
// Missing file → NotFound, empty file → NotFound("empty file"), unreadable
// (permissions, a directory) → IOError.
StatusOr<FileType> SniffFile(const std::string& path);

struct ScanOptions {
  // Render resolution for PDF pages without a text layer, and the pixel frame
  // of every bbox. 300 is what Tesseract is trained for (x-height ~20-30 px for
  // 10-12 pt text); 200 is ~2x faster and still reads 10 pt digits; below 150
  // small digits start to merge (3↔8, 5↔6).
  int dpi = 300;
  // Larger pages are downscaled to fit (the reduction is reported in
  // ScanStats::notes; boxes are still given at `dpi`). 60 Mpixel ≈ A2 at 300 DPI.
  long max_page_pixels = 60'000'000;
  // Decoding budget of an image page (PNG, JPEG, TIFF), checked on the
  // file's header before any pixel is decoded: a larger JPEG is decoded at
  // 1/2, 1/4 or 1/8 size (libjpeg scales while decoding), a larger PNG or
  // TIFF page is refused (ResourceExhausted naming the size and this limit).
  // Decoding costs up to ~7 bytes per pixel at its peak (colour PNG: libpng's
  // rows plus Leptonica's 32 bpp image), so 100 Mpixel bounds a page at
  // ~0.7 GB; an A1 sheet scanned at 300 DPI (70 Mpixel) fits. A PDF page
  // drawing an image that states more pixels is refused before rendering
  // (poppler would decode every row the image claims, however damaged).
  long max_decode_pixels = 100'000'000;
  // A PDF page that fits only below 100 DPI is refused (ResourceExhausted):
  // its digits would merge and nothing reliable could be read.
  // Documents with more pages are refused (ResourceExhausted): bounds the
  // time one file can take (OCR costs seconds a page).
  int max_pages = 2000;
  bool ocr_alternatives = true;  // LSTM choices for numeric words
  std::string tessdata;          // "" = Tesseract default (Debian path)
  // Tesseract page segmentation mode. 6 (one uniform block) reads table rows
  // as lines; 3 (automatic layout) splits tables into columns and, measured
  // on samples/formats, drops whole columns of numbers once rulings are erased.
  int page_seg_mode = 6;
  bool deskew = true;
  bool remove_rulings = true;
  // Degraded pages (cleanup.h, artefacts.h): stamps, ticks, redaction bars,
  // punch holes and dark borders painted to the background before
  // binarisation; 1-bit pages (faxes) kept 1-bit, specks removed, broken
  // strokes closed; small text (median glyph below min_glyph_px, 0 = never)
  // upscaled before recognition. Off only to compare (tests, measurements).
  bool mask_artefacts = true;
  bool bilevel_cleanup = true;
  int min_glyph_px = 16;
  // Image-only PDF pages whose content is one image covering the page are
  // read from that image at its own resolution (downscaled to `dpi` when
  // finer) instead of being rendered (pdf_pages.h, pdf_images.h); other
  // pages are rendered. Off only to compare (tests, measurements).
  bool embedded_images = true;
  // OCR every PDF page, even those with a text layer (for layers that are
  // garbage, e.g. a bad earlier OCR); the text layer is then ignored.
  bool force_ocr = false;
  // Also find ruling lines on text-layer pages (born-digital tables), from a
  // quick render at ruling_dpi: ~0.1 s a page, no OCR.
  bool text_page_rulings = true;
  int ruling_dpi = 100;
  // A page whose image shows no paper or little of it (a black page, noise,
  // a photograph; page_quality.h, MeasurePageImage) is judged unreadable
  // without OCR or orientation detection (milliseconds instead of the 5-13 s
  // Tesseract spends reading specks); the page_quality check fails on it as
  // it does on a page that read as garbage. Off only to compare.
  bool skip_unreadable_images = true;
  // Pages scanned sideways or upside down are turned upright (a lossless
  // quarter turn; the turn is PageInfo::rotation_degrees and every box is in
  // the upright frame) by Tesseract's orientation detection (OSD;
  // orientation.h), which judges a copy reduced to osd_dpi and turns a page
  // only when at least osd_min_confidence sure. Text-layer pages are turned
  // by their words' own writing direction (no OSD).
  // Which pages OSD judges: unless osd_every_page, read first, judge after.
  // The page is read as it stands; a reading that is plainly upright text
  // (ReadsAsUpright: at least kMinWordsToJudge words, mean word confidence
  // >= upright_min_word_confidence, plausible share >=
  // upright_min_plausible_share) is kept and OSD never runs; so is a blank
  // page (no words at all: turned text reads as garbage words). Any other page
  // (few words, poor print, turned, noise) is judged by OSD; a page it finds
  // turned is turned and read again, and the better of the two readings
  // (ReadsBetter) is kept. Trade-off, measured (extractors/ingest/README.md):
  // an upright page that reads saves OSD (~0.15-0.4 s CPU, a fifth of a
  // page); a turned page costs one extra cleanup + OCR pass of the page as
  // it stood (~1 s); a poor upright page costs what it cost before. Off
  // (detect_orientation = false), a turned page is read as it is and its
  // table is lost (garbage text), so turn it off only for inputs known to be
  // upright. A missing osd.traineddata fails a page that needs OSD (NotFound,
  // naming the Debian package) rather than reading it unchecked.
  bool detect_orientation = true;
  // Resolution of the copy OSD judges. 150 keeps 10 pt text at x-height
  // ~10 px, which OSD's classifier still reads (sideways tables: confidence
  // ~7); at the page's own 200 DPI the confidence is ~18 for about the same
  // CPU; at 100 DPI sideways tables were no longer recognised (0.0-0.6).
  int osd_dpi = 150;
  // OSD's confidence (its best orientation's margin over the next) needed to
  // turn a page. Lower turns pages on weak evidence (an upright page turned by
  // mistake loses its table); higher leaves sideways pages with little text
  // unturned. Measured: correct verdicts on tables 5-20, on a short noisy
  // letter 1.7-2.0; see the sweep in README.md for upright pages.
  double osd_min_confidence = 1.5;
  // OSD on every OCR'd page before it is read (the former default: ~0.15 s
  // CPU on an upright page, ~0.45 s on a turned one, plus the grayscale
  // copy), instead of only on pages whose first reading is not plainly
  // upright text. Off = read first, judge after (above).
  bool osd_every_page = false;
  // A first reading at least this good is kept without OSD (with at least
  // kMinWordsToJudge words). Set above page_quality.h's unreadable thresholds
  // (0.62, 0.60) with a margin: a page turned 90 or 180 degrees reads at
  // mean word confidence 0.30-0.49 (page_quality.h's calibration); an upright
  // page below these only pays OSD, as every page did before.
  double upright_min_word_confidence = 0.70;
  double upright_min_plausible_share = 0.75;
  // Pages of ONE document processed at once, each on its own thread (the
  // calling thread is one of them): a scanned PDF or multi-page TIFF uses
  // that many cores. Output is identical to the serial path (lines,
  // page_info and notes in page order; OCR of a page does not depend on the
  // other pages). Trade-off: up to page_threads times faster on OCR-bound
  // pages, but only with that many idle cores; memory ≈ page_threads pages in
  // flight plus one Tesseract engine per extra thread (~60 MB, ~0.3 s CPU to
  // load: once per thread of `pool`, or on each call without one; the calling
  // thread keeps its own). Measured on
  // a 10-page 300 DPI scan: peak RSS 93 MB with 1 thread, 156 MB with 2,
  // 205 MB with 3. PDF rendering is serialised (one poppler document, cheap
  // next to OCR). 1 = serial;
  // values above the page count are capped to it. Pointless when batch -j
  // already keeps every core busy with other files.
  int page_threads = 1;
  // The run's one pool of threads (core/work_pool.h), shared with the other
  // stages (a batch's files): the pages run on it, on at most page_threads
  // of its threads, and so do the two bands of each page's OCR (page_bands.h;
  // an idle thread reads the second) and the re-reads of doubtful cells (one
  // page per thread). nullptr = a pool of page_threads threads for this file only
  // (threads started and joined per file, each loading its own Tesseract).
  WorkPool* pool = nullptr;
  // Called after each page is read (page 1-based, pages in the file): progress
  // displays. With page_threads > 1 it is called from the worker threads,
  // possibly concurrently and out of page order. Must be cheap and thread-safe
  // (the batch's progress callback takes the batch mutex).
  std::function<void(int page, int pages)> on_page;
};

// What ingestion noticed and how long it took; optional out-parameter. The
// per-stage seconds are summed over pages, so with page_threads > 1 they are
// thread time (can exceed total_seconds, which is wall time); time spent
// waiting for another thread (the renderer lock) is in none of them.
struct ScanStats {
  std::vector<std::string> notes;  // e.g. "page 3 downscaled to 212 DPI (pixel budget)"
  int pages_ocr = 0;               // pages that went through OCR
  int pages_text_layer = 0;        // pages read from the PDF text layer
  double render_seconds = 0;       // PDF rendering / image decoding
  double cleanup_seconds = 0;      // Leptonica cleanup
  double ocr_seconds = 0;          // Tesseract recognition
  double osd_seconds = 0;          // orientation detection and turning pages upright
  int pages_turned = 0;            // pages turned upright (PageInfo::rotation_degrees != 0)
  int pages_osd = 0;               // pages orientation detection judged
  int pages_read_twice = 0;        // pages read as they stood, then turned and read again
  int pages_unreadable_image = 0;  // pages judged unreadable from their image (not OCR'd)
  int pages_failed = 0;            // pages that could not be read at all (notes say why)
  double total_seconds = 0;
};

// pdf-text (every page has a text layer) or pdf-scanned (at least one page
// rendered and OCR'd). Encrypted/locked → Unsupported("encrypted PDF ..."),
// zero pages → NotFound("PDF has no pages"), truncated/corrupt → Corruption.
// The cleanup a scanned page at `dpi` gets under `opts`: ingestion's one
// mapping from reading options to cleanup options (cleanup.h), also used by
// the developer tool that times the cleanup steps.
CleanupOptions CleanupOptionsFor(const ScanOptions& opts, int dpi);

StatusOr<TextDocument> LoadPdf(const std::string& path, const ScanOptions& opts,
                               ScanStats* stats = nullptr);

// PNG/JPEG/TIFF (multi-page TIFF = several pages) through Leptonica, then
// OCR; media "image". The DPI is the image's own resolution tag when it has a
// plausible one (70..1200), else opts.dpi (noted in stats).
StatusOr<TextDocument> LoadImage(const std::string& path, const ScanOptions& opts,
                                 ScanStats* stats = nullptr);

// Sniffs and dispatches to LoadPdf / LoadImage; Unsupported for other types
// (text dumps go through extractors/ingest/text_dump.h).
StatusOr<TextDocument> LoadScan(const std::string& path, const ScanOptions& opts,
                                ScanStats* stats = nullptr);

// Pages of a PDF or page image without reading them (progress displays);
// 0 for text, unreadable or invalid files. Cost: opening the file (ms).
int CountPages(const std::string& path);

// A cell the repair stage doubts: its page (1-based) and box in the
// document's page pixels (a Word::box from the same ingestion).
struct CellRequest {
  int page = 1;
  BBox box;
};

// The second, digits-only recognition of doubtful cells (never OCR a whole
// page twice): each page holding a request is rendered /
// decoded again with the same options as ingestion (so boxes line up), each
// cell is cropped with a small margin, straightened by the page's deskew
// angle, upscaled to ~40 px digit height, binarised, and read by a separate
// Tesseract engine restricted to "0123456789." as a single line. Readings come
// back in request order, with their own LSTM alternatives. `doc` is the
// TextDocument ingestion produced from `path` with `opts`.
// Cost: one page render per page involved (~0.05-0.2 s) plus ~10-30 ms per cell.
StatusOr<std::vector<CellReading>> RereadCells(const std::string& path, const TextDocument& doc,
                                               const std::vector<CellRequest>& cells,
                                               const ScanOptions& opts);

// Groups positioned words (one page) into lines in reading order: words whose
// vertical extents overlap by at least half the smaller height share a line;
// lines top to bottom, words left to right. Used for PDF text layers, whose
// own order follows the content stream (column by column in many tables).
std::vector<TextLine> GroupWordsIntoLines(std::vector<Word> words, int page);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_INGEST_H_
