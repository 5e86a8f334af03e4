// Developer tool: runs ingestion on one file and prints what it read (lines,
// optionally words with boxes, confidences, alternatives and whether the
// recogniser's dictionary knows them) and the time spent per stage. Used for
// the measurements in README.md.
//
// Usage: scan_dump FILE [--dpi N] [--psm N] [--no-deskew] [--no-rulings]
//                       [--no-alternatives] [--force-ocr] [--reread] [--words] [--quiet]
//                       [--implausible]
//                       [--searchable-pdf OUT.pdf] [--page-threads N]
//                       [--no-orientation] [--osd-every-page] [--osd-dpi N]
//                       [--osd-min-confidence X] [--read-unreadable-images]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "extractors/ingest/ingest.h"
#include "extractors/ingest/page_quality.h"
#include "extractors/ingest/searchable_pdf.h"

namespace {

using namespace verdeelscan;

struct Args {
  ScanOptions opts;
  std::string searchable_pdf;  // written after reading (searchable_pdf.h)
  bool words = false, quiet = false, reread = false, implausible = false;
  std::string path;
};

// False (after saying why on stderr) for an unknown option or no file.
bool ParseArgs(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--dpi" && i + 1 < argc) {
      a.opts.dpi = std::atoi(argv[++i]);
    } else if (arg == "--page-threads" && i + 1 < argc) {
      a.opts.page_threads = std::atoi(argv[++i]);
    } else if (arg == "--psm" && i + 1 < argc) {
      a.opts.page_seg_mode = std::atoi(argv[++i]);
    } else if (arg == "--no-deskew") {
      a.opts.deskew = false;
    } else if (arg == "--no-rulings") {
      a.opts.remove_rulings = false;
    } else if (arg == "--no-alternatives") {
      a.opts.ocr_alternatives = false;
    } else if (arg == "--searchable-pdf" && i + 1 < argc) {
      a.searchable_pdf = argv[++i];
    } else if (arg == "--read-unreadable-images") {
      a.opts.skip_unreadable_images = false;
    } else if (arg == "--osd-every-page") {
      a.opts.osd_every_page = true;
    } else if (arg == "--no-orientation") {
      a.opts.detect_orientation = false;
    } else if (arg == "--osd-dpi" && i + 1 < argc) {
      a.opts.osd_dpi = std::atoi(argv[++i]);
    } else if (arg == "--osd-min-confidence" && i + 1 < argc) {
      a.opts.osd_min_confidence = std::atof(argv[++i]);
    } else if (arg == "--force-ocr") {
      a.opts.force_ocr = true;
    } else if (arg == "--reread") {
      a.reread = true;
    } else if (arg == "--words") {
      a.words = true;
    } else if (arg == "--implausible") {
      a.implausible = true;
    } else if (arg == "--quiet") {
      a.quiet = true;
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "unknown option %s\n", arg.c_str());
      return false;
    } else {
      a.path = arg;
    }
  }
  if (a.path.empty()) {
    std::fprintf(stderr,
                 "usage: scan_dump FILE [--dpi N] [--psm N] [--no-deskew] [--no-rulings] "
                 "[--no-alternatives] [--force-ocr] [--reread] [--words] [--implausible] [--quiet] "
                 "[--searchable-pdf OUT.pdf] [--page-threads N] [--no-orientation] "
                 "[--osd-dpi N] [--osd-min-confidence X]\n");
    return false;
  }
  return true;
}

// The lines read, and with --words each word with its box, confidence and
// alternatives.
void PrintLines(const TextDocument& doc, bool words) {
  for (const TextLine& line : doc.lines) {
    std::printf("p%d l%-3d [%d,%d,%d,%d] %s\n", line.page, line.line_no, line.box.x0, line.box.y0,
                line.box.x1, line.box.y1, line.text.c_str());
    if (!words) continue;
    for (const Word& w : line.words) {
      std::printf("    %-20s [%d,%d,%d,%d] conf %.2f", w.text.c_str(), w.box.x0, w.box.y0, w.box.x1,
                  w.box.y1, w.confidence);
      if (!w.known_word) std::printf("  not-in-dictionary");
      for (const auto& alt : w.alternatives) {
        std::printf("  alt %s %.3g", alt.text.c_str(), alt.confidence);
      }
      std::printf("\n");
    }
  }
}

// Digits-only second reading of every numeric-looking word.
void PrintRereads(const std::string& path, const TextDocument& doc, const ScanOptions& opts) {
  std::vector<CellRequest> cells;
  std::vector<const Word*> sources;
  for (const TextLine& line : doc.lines) {
    for (const Word& w : line.words) {
      if (!MayBeNumber(w.text)) continue;
      cells.push_back(CellRequest{line.page, w.box});
      sources.push_back(&w);
    }
  }
  auto readings = RereadCells(path, doc, cells, opts);
  if (!readings.ok()) {
    std::printf("reread error: %s\n", readings.status().ToString().c_str());
  } else {
    for (size_t i = 0; i < cells.size(); ++i) {
      const CellReading& r = (*readings)[i];
      std::printf("reread p%d [%d,%d,%d,%d] %s (%.2f) -> %s (%.2f)", cells[i].page, cells[i].box.x0,
                  cells[i].box.y0, cells[i].box.x1, cells[i].box.y1, sources[i]->text.c_str(),
                  sources[i]->confidence, r.text.c_str(), r.confidence);
      for (const auto& alt : r.alternatives) {
        std::printf("  alt %s %.3g", alt.text.c_str(), alt.confidence);
      }
      if (!r.same_shape_read_apart.empty())
        std::printf("  same shape read as %s", r.same_shape_read_apart.c_str());
      std::printf("\n");
    }
  }
}

// Each page's geometry and quality; with `implausible` the words the
// page-quality check's word test rejects.
void PrintPages(const TextDocument& doc, bool implausible) {
  for (const PageInfo& p : doc.page_info) {
    std::printf("page %d: %dx%d px, turned %d deg, deskew %.2f deg, %zu rulings, text layer %s\n",
                p.page, p.width, p.height, p.rotation_degrees, p.deskew_degrees, p.rulings.size(),
                p.has_text_layer ? "yes" : "no");
    if (p.mean_word_confidence >= 0) {
      const std::string why = UnreadablePageReason(p);
      std::printf("page %d quality: %d words, mean confidence %.3f, plausible %.3f: %s\n", p.page,
                  p.word_count, p.mean_word_confidence, p.plausible_word_share,
                  why.empty() ? "readable" : ("UNREADABLE (" + why + ")").c_str());
    }
    if (implausible) {  // what the page-quality check's word test rejects
      for (const TextLine& line : doc.lines) {
        for (const Word& w : line.words) {
          if (line.page == p.page && !IsPlausibleWord(w.text)) {
            std::printf("  implausible p%d: '%s' (conf %.2f)\n", p.page, w.text.c_str(),
                        w.confidence);
          }
        }
      }
    }
  }
}

void PrintSummary(const TextDocument& doc, const ScanStats& stats) {
  for (const std::string& note : stats.notes) std::printf("note: %s\n", note.c_str());
  std::printf(
      "media %s, %d pages at %d DPI, %zu lines; seconds: total %.2f render %.2f cleanup %.2f "
      "ocr %.2f orientation %.3f (%d judged, %d turned, %d read twice) (%.2f s/page OCR'd), "
      "%d unreadable images not OCR'd, %d pages not read\n",
      doc.media.c_str(), doc.pages, doc.dpi, doc.lines.size(), stats.total_seconds,
      stats.render_seconds, stats.cleanup_seconds, stats.ocr_seconds, stats.osd_seconds,
      stats.pages_osd, stats.pages_turned, stats.pages_read_twice,
      stats.pages_ocr > 0
          ? (stats.cleanup_seconds + stats.ocr_seconds + stats.render_seconds + stats.osd_seconds) /
                stats.pages_ocr
          : 0.0,
      stats.pages_unreadable_image, stats.pages_failed);
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (!ParseArgs(argc, argv, a)) return 1;
  ScanStats stats;
  auto doc = LoadScan(a.path, a.opts, &stats);
  if (!doc.ok()) {
    std::printf("error: %s\n", doc.status().ToString().c_str());
    return 2;
  }
  if (!a.quiet) PrintLines(*doc, a.words);
  if (a.reread) PrintRereads(a.path, *doc, a.opts);
  PrintPages(*doc, a.implausible);
  PrintSummary(*doc, stats);
  if (!a.searchable_pdf.empty()) {
    const auto start = std::chrono::steady_clock::now();
    const Status st = WriteSearchablePdf(a.path, *doc, SearchablePdfInfo{}, a.searchable_pdf);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("searchable PDF %s: %s (%.3f s)\n", a.searchable_pdf.c_str(),
                st.ok() ? "written" : st.ToString().c_str(), took.count());
  }
  return 0;
}
