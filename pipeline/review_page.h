// review.html: the auditor's review page. One self-contained HTML file (its
// script, style and images inside it; no server, no network) that shows every
// repaired or doubtful table cell beside the crop of the page image it was
// read from (or, for a text dump, the source line), with the raw reading, the
// value chosen, the reason and the readings the solver weighed; the column
// sums and the failing checks; unmatched names with candidates; tables not
// found and unreadable pages (a thumbnail and why); and findings. The
// reviewer walks the doubtful cells with the keyboard, accepts or types a
// value, and saves a decisions file (format below), which `apply-review`
// turns into corrections with reason "reviewer".
//
// The decisions file (JSON, "format": "verdeelscan-review-decisions",
// "version": 1): {"reviewer", "saved_at", "decisions": [{"record", "file",
// "row", "gemeente_raw", "field", "value", "action", "decided_at"}]}, where
// "record" is RecordKey (below), "row" the 0-based allocation index and
// "value" an integer (a CBS code for "gemeente"); README.md describes it.
//
// The page's script and style are pipeline/review_page.js and .css, compiled
// in at build time (CMake), so the program needs no file at run time.
//
// Crops: each page of a scanned or born-digital input is rendered again from
// source.file (extractors/ingest/page_image.h), once per page, when the file
// still has the record's sha256; otherwise the cell says why it has no crop.
// Cost: one page render per page holding a crop (~0.1-0.3 s) and ~2-4 KB of
// HTML per cell.
#ifndef VERDEELSCAN_PIPELINE_REVIEW_PAGE_H_
#define VERDEELSCAN_PIPELINE_REVIEW_PAGE_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/exports.h"

namespace verdeelscan {

struct ReviewPageOptions {
  std::string title = "verdeelscan review";
  int crop_height = 36;       // pixels of a cell crop in the page
  int crop_margin = 6;        // bbox-frame pixels around the cell
  int thumbnail_width = 240;  // pages without a table, unreadable pages
};

// A record's key in a decisions file: source.sha256 + ":" + "p<first>-<last>"
// (source.page_range), else "l<first>-<last>" (source.lines), else "all".
std::string RecordKey(const nlohmann::json& record);

// The review page of `records` (records as exported: the record contract).
std::string ReviewPageHtml(const std::vector<nlohmann::json>& records,
                           const ReviewPageOptions& options = {});

// The exporter writing `path` (a batch's DIR/review.html, extract's
// --review-html FILE). It keeps the records it is given and builds the page
// at Finish (rendering crops then), so Render stays cheap.
std::unique_ptr<Exporter> ReviewPageExporter(const std::string& path,
                                             const ReviewPageOptions& options = {});

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_REVIEW_PAGE_H_
