// Tests of PDF / image ingestion on the committed samples in samples/formats/
// (made by scan_make_samples; truth.json says what each one contains).
// OCR runs at 200 DPI or at the images' own resolution, each sample is OCR'd
// once per test binary (Cached) to keep the target within seconds; that
// cache is why these tests share one file of ~1,250 lines.
#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "extractors/ingest/cleanup.h"
#include "extractors/ingest/ingest.h"
#include "extractors/ingest/ocr.h"
#include "extractors/ingest/orientation.h"
#include "extractors/ingest/pix.h"

namespace verdeelscan {
namespace {

const std::string kDir = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/";

const nlohmann::json& Truth() {
  static const nlohmann::json truth = [] {
    std::ifstream in(kDir + "truth.json");
    return nlohmann::json::parse(in);
  }();
  return truth;
}

ScanOptions TestOptions() {
  ScanOptions opts;
  opts.dpi = 200;  // fast enough for CI, still reads 10 pt digits
  return opts;
}

// Each sample is ingested once per process with the test options.
const TextDocument& Cached(const std::string& name) {
  static std::map<std::string, TextDocument> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    auto doc = LoadScan(kDir + name, TestOptions());
    EXPECT_TRUE(doc.ok()) << name << ": " << doc.status().ToString();
    it = cache.emplace(name, doc.ok() ? *doc : TextDocument{}).first;
  }
  return it->second;
}

const Word* FindWord(const TextDocument& doc, const std::string& text, int page = 0) {
  for (const TextLine& line : doc.lines) {
    if (page != 0 && line.page != page) continue;
    for (const Word& w : line.words) {
      if (w.text == text) return &w;
    }
  }
  return nullptr;
}

const TextLine* FindLineStartingWith(const TextDocument& doc, const std::string& first) {
  for (const TextLine& line : doc.lines) {
    if (!line.words.empty() && line.words[0].text == first) return &line;
  }
  return nullptr;
}

// Numeric cells of the truth table found, in order, at the end of the row
// line that starts with the municipality's first word.
int NumericCellsRight(const TextDocument& doc, int* rows_found) {
  int right = 0;
  *rows_found = 0;
  for (const auto& row : Truth()["table_rows"]) {
    const std::string name = row["gemeente"];
    const TextLine* line = FindLineStartingWith(doc, name.substr(0, name.find(' ')));
    if (line == nullptr || line->words.size() < 4) continue;
    ++*rows_found;
    const size_t n = line->words.size();
    const std::string want[3] = {std::to_string(int(row["regulier"])),
                                 std::to_string(int(row["amv"])),
                                 std::to_string(int(row["totaal"]))};
    for (int k = 0; k < 3; ++k) right += line->words[n - 3 + k].text == want[k];
  }
  return right;
}

void ExpectBoxesInsidePages(const TextDocument& doc) {
  ASSERT_EQ(int(doc.page_info.size()), doc.pages);
  for (const TextLine& line : doc.lines) {
    ASSERT_GE(line.page, 1);
    ASSERT_LE(line.page, doc.pages);
    const PageInfo& info = doc.page_info[line.page - 1];
    EXPECT_EQ(info.page, line.page);
    for (const Word& w : line.words) {
      EXPECT_FALSE(w.box.empty()) << w.text;
      EXPECT_GE(w.box.x0, -2) << w.text;
      EXPECT_GE(w.box.y0, -2) << w.text;
      EXPECT_LE(w.box.x1, info.width + 2) << w.text;
      EXPECT_LE(w.box.y1, info.height + 2) << w.text;
      EXPECT_GE(w.confidence, 0.0);
      EXPECT_LE(w.confidence, 1.0);
      // A line's box covers its words.
      EXPECT_LE(line.box.x0, w.box.x0);
      EXPECT_GE(line.box.x1, w.box.x1);
    }
  }
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/vs_scan_" + std::to_string(::getpid()) + "_" + name;
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// ---------------------------------------------------------------- sniffing

TEST(SniffFile, UsesMagicBytesNotExtensions) {
  EXPECT_EQ(*SniffFile(kDir + "table_text.pdf"), FileType::kPdf);
  EXPECT_EQ(*SniffFile(kDir + "table_scan.pdf"), FileType::kPdf);
  EXPECT_EQ(*SniffFile(kDir + "png_named.pdf"), FileType::kPng);
  EXPECT_EQ(*SniffFile(kDir + "table_skewed.png"), FileType::kPng);
  EXPECT_EQ(*SniffFile(kDir + "letter.jpg"), FileType::kJpeg);
  EXPECT_EQ(*SniffFile(kDir + "letters.tif"), FileType::kTiff);
  EXPECT_EQ(*SniffFile(kDir + "truth.json"), FileType::kText);
  EXPECT_EQ(
      *SniffFile(std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/seeds/001_6cd23678e9073bd3.txt"),
      FileType::kText);
}

TEST(SniffFile, JunkEmptyMissingAndDirectories) {
  const std::string junk = TempPath("junk.txt");
  WriteBytes(junk, std::string("\x00\x01\x02\xff\xfe binary", 12));
  EXPECT_EQ(*SniffFile(junk), FileType::kUnknown);

  const std::string prefixed = TempPath("prefixed.bin");
  WriteBytes(prefixed, "garbage before the header\n%PDF-1.4\n");
  EXPECT_EQ(*SniffFile(prefixed), FileType::kPdf);

  const std::string empty = TempPath("empty.pdf");
  WriteBytes(empty, "");
  auto st = SniffFile(empty);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(st.status().message(), "empty file");

  EXPECT_EQ(SniffFile(TempPath("does_not_exist")).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(SniffFile(::testing::TempDir()).status().code(), Status::Code::kIOError);
}

// -------------------------------------------------------------- bad PDFs

TEST(LoadPdf, EncryptedZeroPagesTruncatedAndCorrupt) {
  auto enc = LoadPdf(kDir + "encrypted.pdf", TestOptions());
  ASSERT_FALSE(enc.ok());
  EXPECT_EQ(enc.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(enc.status().message().find("encrypted PDF"), std::string::npos);

  auto zero = LoadPdf(kDir + "zero_pages.pdf", TestOptions());
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(zero.status().message(), "PDF has no pages");

  auto cut = LoadPdf(kDir + "truncated.pdf", TestOptions());
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), Status::Code::kCorruption);
  EXPECT_NE(cut.status().message().find("truncated"), std::string::npos);

  const std::string junk = TempPath("junk.pdf");
  WriteBytes(junk, "%PDF-1.4\nthis is not a PDF body at all\n%%EOF\n");
  auto bad = LoadPdf(junk, TestOptions());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kCorruption);

  const std::string empty = TempPath("empty2.pdf");
  WriteBytes(empty, "");
  EXPECT_EQ(LoadPdf(empty, TestOptions()).status().code(), Status::Code::kNotFound);

  // A PNG named .pdf is not read as a PDF.
  EXPECT_EQ(LoadPdf(kDir + "png_named.pdf", TestOptions()).status().code(),
            Status::Code::kInvalidArgument);
}

TEST(LoadImage, PageLimitRefusesBeforeOcr) {
  ScanOptions opts = TestOptions();
  opts.max_pages = 1;
  auto doc = LoadImage(kDir + "letters.tif", opts);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kResourceExhausted);
}

// ------------------------------------------------------ born-digital PDF

TEST(LoadPdf, TextLayerGivesPositionedWordsWithoutOcr) {
  ScanStats stats;
  auto doc = LoadPdf(kDir + "table_text.pdf", TestOptions(), &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media, "pdf-text");
  EXPECT_EQ(doc->pages, 1);
  EXPECT_EQ(doc->dpi, 200);
  EXPECT_EQ(stats.pages_ocr, 0);
  ASSERT_EQ(doc->page_info.size(), 1u);
  EXPECT_TRUE(doc->page_info[0].has_text_layer);
  EXPECT_EQ(doc->page_info[0].width, 1653);  // 595 pt at 200 DPI
  EXPECT_EQ(doc->page_info[0].height, 2339);
  ExpectBoxesInsidePages(*doc);

  // Ligatures broken by the ToUnicode map (Ɵ, ﬁ) are repaired.
  for (const auto& want : Truth()["table_text.pdf"]["contains"]) {
    EXPECT_NE(FindWord(*doc, want), nullptr) << want;
  }
  for (const TextLine& line : doc->lines) {
    EXPECT_EQ(line.text.find("\xC6\x9F"), std::string::npos) << line.text;      // Ɵ
    EXPECT_EQ(line.text.find("\xEF\xAC\x81"), std::string::npos) << line.text;  // ﬁ
  }
  // Every table row is one line in reading order, numbers exact.
  int rows = 0;
  EXPECT_EQ(NumericCellsRight(*doc, &rows), 75);
  EXPECT_EQ(rows, 25);
  // Geometry: the name column starts 5 pt right of the 72 pt border.
  const Word* dalfsen = FindWord(*doc, "Dalfsen");
  ASSERT_NE(dalfsen, nullptr);
  EXPECT_NEAR(dalfsen->box.x0, 77 * 200 / 72.0, 3);
  const Word* totaal = FindWord(*doc, "6.325");
  ASSERT_NE(totaal, nullptr);
  EXPECT_GT(totaal->box.x0, dalfsen->box.x1);
  EXPECT_GT(totaal->box.y0, dalfsen->box.y1);
}

TEST(LoadPdf, TextLayerPagesReportTheirRulings) {
  auto doc = LoadPdf(kDir + "table_text.pdf", TestOptions());
  ASSERT_TRUE(doc.ok());
  const auto& rulings = doc->page_info[0].rulings;
  int horizontal = 0, vertical = 0;
  bool top_border = false;
  const double px = 200 / 72.0;  // pixels per point
  for (const BBox& r : rulings) {
    if (r.x1 - r.x0 > r.y1 - r.y0) {
      ++horizontal;
      // The generator draws the table's top border at y = 720 pt (from the
      // bottom of an 842 pt page), from x = 72 to 540 pt.
      top_border |= std::abs((r.y0 + r.y1) / 2.0 - (842 - 720) * px) < 4 &&
                    std::abs(r.x0 - 72 * px) < 5 && std::abs(r.x1 - 540 * px) < 5;
    } else {
      ++vertical;
    }
  }
  EXPECT_EQ(horizontal, 28);
  EXPECT_EQ(vertical, 5);
  EXPECT_TRUE(top_border);
}

TEST(LoadPdf, ForcedOcrOfAHugePageRendersWithinThePixelBudget) {
  ScanOptions opts = TestOptions();
  opts.force_ocr = true;
  opts.max_page_pixels = 1'500'000;  // A4 at 200 DPI is 3.9 Mpixel → ~124 DPI
  ScanStats stats;
  auto doc = LoadPdf(kDir + "table_text.pdf", opts, &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media, "pdf-scanned");
  EXPECT_EQ(stats.pages_ocr, 1);
  ASSERT_EQ(stats.notes.size(), 1u);
  EXPECT_NE(stats.notes[0].find("DPI instead of 200"), std::string::npos) << stats.notes[0];
  EXPECT_EQ(doc->page_info[0].width, 1653);  // still the 200 DPI frame
  auto layer = LoadPdf(kDir + "table_text.pdf", TestOptions());
  ASSERT_TRUE(layer.ok());
  for (const char* word : {"Dalfsen", "Zwolle"}) {
    const Word* ocr = FindWord(*doc, word);
    const Word* text = FindWord(*layer, word);
    ASSERT_NE(ocr, nullptr) << word;
    ASSERT_NE(text, nullptr) << word;
    EXPECT_NEAR(ocr->box.x0, text->box.x0, 8) << word;
    EXPECT_NEAR((ocr->box.y0 + ocr->box.y1) / 2.0, (text->box.y0 + text->box.y1) / 2.0, 10) << word;
  }
}

// ------------------------------------------------------------ scanned PDF

TEST(LoadPdf, ScannedPdfIsRenderedAndOcrd) {
  const TextDocument& doc = Cached("table_scan.pdf");
  EXPECT_EQ(doc.media, "pdf-scanned");
  EXPECT_EQ(doc.pages, 1);
  EXPECT_EQ(doc.dpi, 200);
  ASSERT_EQ(doc.page_info.size(), 1u);
  EXPECT_FALSE(doc.page_info[0].has_text_layer);
  EXPECT_EQ(doc.page_info[0].width, 1653);
  ExpectBoxesInsidePages(doc);
  int rows = 0;
  const int cells = NumericCellsRight(doc, &rows);
  EXPECT_GE(rows, 23);             // a name or two may be misread (Borne → Bome)
  EXPECT_GE(cells, 3 * rows - 2);  // numbers read right in the rows found
  EXPECT_NE(FindWord(doc, "5.787"), nullptr);
  EXPECT_NE(FindWord(doc, "6015733"), nullptr);

  // The grid: 27 rows + 1 → 28 horizontal rulings, 5 vertical.
  int horizontal = 0, vertical = 0;
  for (const BBox& r : doc.page_info[0].rulings) {
    (r.x1 - r.x0 > r.y1 - r.y0 ? horizontal : vertical)++;
  }
  EXPECT_EQ(horizontal, 28);
  EXPECT_EQ(vertical, 5);

  // OCR boxes agree with the text layer of the same page (same 200 DPI frame).
  auto text = LoadPdf(kDir + "table_text.pdf", TestOptions());
  ASSERT_TRUE(text.ok());
  for (const char* word : {"Dalfsen", "Zwolle", "5.787", "648"}) {
    const Word* ocr = FindWord(doc, word);
    const Word* layer = FindWord(*text, word);
    ASSERT_NE(ocr, nullptr) << word;
    ASSERT_NE(layer, nullptr) << word;
    EXPECT_NEAR(ocr->box.x0, layer->box.x0, 6) << word;
    EXPECT_NEAR(ocr->box.x1, layer->box.x1, 8) << word;
    EXPECT_NEAR((ocr->box.y0 + ocr->box.y1) / 2.0, (layer->box.y0 + layer->box.y1) / 2.0, 8)
        << word;
  }
}

// ------------------------------------------------------ deskew and images

TEST(LoadImage, SkewedPageIsStraightenedAndBoxesMapBack) {
  const TextDocument& doc = Cached("table_skewed.png");
  const auto& truth = Truth()["table_skewed.png"];
  EXPECT_EQ(doc.media, "image");
  EXPECT_EQ(doc.dpi, 200);
  ASSERT_EQ(doc.page_info.size(), 1u);
  EXPECT_NEAR(doc.page_info[0].deskew_degrees, double(truth["deskew_degrees"]), 0.3);
  ExpectBoxesInsidePages(doc);
  int rows = 0;
  const int cells = NumericCellsRight(doc, &rows);
  EXPECT_GE(rows, 23);
  EXPECT_GE(cells, 3 * rows - 2);

  // Where the generator's rotation put a word: rotate its unskewed text-layer
  // position (same layout, 200 DPI) clockwise about the image centre.
  auto text = LoadPdf(kDir + "table_text.pdf", TestOptions());
  ASSERT_TRUE(text.ok());
  const double theta = double(truth["rotated_degrees"]) * M_PI / 180.0;
  const double cx = doc.page_info[0].width / 2, cy = doc.page_info[0].height / 2;
  for (const char* word : {"Almelo", "Zwolle", "Totaal"}) {
    const Word* ocr = FindWord(doc, word);
    const Word* layer = FindWord(*text, word);
    ASSERT_NE(ocr, nullptr) << word;
    ASSERT_NE(layer, nullptr) << word;
    const double sx = layer->box.x0 - cx, sy = (layer->box.y0 + layer->box.y1) / 2.0 - cy;
    const double ex = cx + sx * std::cos(theta) - sy * std::sin(theta);
    const double ey = cy + sx * std::sin(theta) + sy * std::cos(theta);
    // The OCR box is axis-aligned around the tilted word: its left-middle
    // point lies near the tilted word's left-middle point.
    EXPECT_NEAR(ocr->box.x0, ex, 10) << word;
    EXPECT_NEAR((ocr->box.y0 + ocr->box.y1) / 2.0, ey, 12) << word;
  }
}

TEST(LoadImage, MultiPageTiffGivesOnePagePerFrame) {
  const TextDocument& doc = Cached("letters.tif");
  const auto& truth = Truth()["letters.tif"];
  EXPECT_EQ(doc.media, "image");
  EXPECT_EQ(doc.pages, 2);
  EXPECT_EQ(doc.dpi, 200);
  ExpectBoxesInsidePages(doc);
  for (int page = 1; page <= 2; ++page) {
    for (const auto& want : truth["page_words"][page - 1]) {
      EXPECT_NE(FindWord(doc, want, page), nullptr) << want << " on page " << page;
    }
  }
  // Lines are in reading order page by page; a paragraph break (an empty
  // line, as a text dump has one) keeps the number of the line before it.
  int last_page = 0, last_line = 0, breaks = 0;
  for (const TextLine& line : doc.lines) {
    if (line.page != last_page) {
      EXPECT_EQ(line.page, last_page + 1);
      last_page = line.page;
      last_line = 0;
    }
    if (line.text.empty()) {
      EXPECT_TRUE(line.words.empty());
      EXPECT_EQ(line.line_no, last_line);
      ++breaks;
      continue;
    }
    EXPECT_EQ(line.line_no, last_line + 1);
    last_line = line.line_no;
  }
  EXPECT_GT(breaks, 0) << "a letter's paragraphs are apart on the page";
}

TEST(LoadImage, NoisyJpegAtItsOwnResolution) {
  const TextDocument& doc = Cached("letter.jpg");
  EXPECT_EQ(doc.dpi, 150);
  ExpectBoxesInsidePages(doc);
  for (const auto& want : Truth()["letter.jpg"]["contains"]) {
    EXPECT_NE(FindWord(doc, want), nullptr) << want;
  }
}

// Degraded copies of table_skewed.png (200 DPI), written once per process.
// A fax: 1 bit, thresholded dark (thin strokes break), 1,500 toner specks of
// 1-3 px, CCITT G4 at 200 DPI.
const std::string& SpeckledFaxPage() {
  static const std::string path = [] {
    QuietLeptonica();
    PixPtr page(pixRead((kDir + "table_skewed.png").c_str()));
    PixPtr gray(pixConvertTo8(page.get(), 0));
    PixPtr binary(pixThresholdToBinary(gray.get(), 100));
    unsigned state = 12345;
    auto next = [&state](int n) {
      state = state * 1103515245u + 12345u;
      return int((state >> 8) % unsigned(n));
    };
    const int w = pixGetWidth(binary.get()), h = pixGetHeight(binary.get());
    for (int k = 0; k < 1500; ++k) {
      const int side = 1 + next(3);
      pixRasterop(binary.get(), next(w - 4), next(h - 4), side, side, PIX_SET, nullptr, 0, 0);
    }
    pixSetResolution(binary.get(), 200, 200);
    const std::string out = TempPath("fax.tif");
    pixWriteTiff(out.c_str(), binary.get(), IFF_TIFF_G4, "w");
    return out;
  }();
  return path;
}

// The page at 40% of its size with its 200 DPI tag kept: text as small as
// 4-5 pt at 200 DPI (a capital ~8 px high).
const std::string& TinyTextPage() {
  static const std::string path = [] {
    QuietLeptonica();
    PixPtr page(pixRead((kDir + "table_skewed.png").c_str()));
    PixPtr gray(pixConvertTo8(page.get(), 0));
    PixPtr small(pixScaleGrayLI(gray.get(), 0.4f, 0.4f));
    pixSetResolution(small.get(), 200, 200);
    const std::string out = TempPath("tiny.png");
    pixWrite(out.c_str(), small.get(), IFF_PNG);
    return out;
  }();
  return path;
}

// Words of one or two characters that are neither letters nor digits: what
// specks become when the recogniser reads them.
int SpeckWords(const TextDocument& doc) {
  int n = 0;
  for (const TextLine& line : doc.lines) {
    for (const Word& w : line.words) {
      if (w.text.size() <= 2 && !std::isalnum(static_cast<unsigned char>(w.text[0]))) ++n;
    }
  }
  return n;
}

TEST(LoadImage, SpeckledOneBitFaxIsCleanedNotRebinarised) {
  auto doc = LoadScan(SpeckledFaxPage(), TestOptions());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->dpi, 200);
  ExpectBoxesInsidePages(*doc);
  int rows = 0;
  const int right = NumericCellsRight(*doc, &rows);
  // Measured: 23 of 25 rows, 55 of 75 cells, 6 speck words. Sauvola over the
  // 1-bit page without speck removal or upscaling read 5 rows, 3 cells and 49
  // speck words.
  EXPECT_GE(rows, 20);
  EXPECT_GE(right, 45);
  EXPECT_LE(SpeckWords(*doc), 15);
}

TEST(LoadImage, TinyTextIsUpscaledBeforeRecognitionBoxesStayInPagePixels) {
  auto doc = LoadScan(TinyTextPage(), TestOptions());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->dpi, 200);
  ASSERT_EQ(doc->page_info.size(), 1u);
  // The page's frame is the file's pixels, whatever the OCR worked at.
  EXPECT_EQ(doc->page_info[0].width, int(std::lround(1653 * 0.4)));
  ExpectBoxesInsidePages(*doc);
  int rows = 0;
  const int right = NumericCellsRight(*doc, &rows);
  // Measured: 24 of 25 rows, 41 of 75 cells; read at the size it has, 18
  // rows and 4 cells.
  EXPECT_GE(rows, 21);
  EXPECT_GE(right, 30);
}

TEST(LoadImage, NumericWordsCarryLstmAlternatives) {
  // Over the OCR'd samples, numeric words get alternatives from the LSTM:
  // different texts, probabilities in (0, 1], likeliest first.
  int with_alternatives = 0;
  for (const char* name : {"letter.jpg", "table_scan.pdf", "letters.tif"}) {
    for (const TextLine& line : Cached(name).lines) {
      for (const Word& w : line.words) {
        double last = 1.0;
        for (const WordAlternative& alt : w.alternatives) {
          EXPECT_NE(alt.text, w.text);
          EXPECT_GT(alt.confidence, 0.0);
          EXPECT_LE(alt.confidence, last + 1e-12);
          last = alt.confidence;
        }
        with_alternatives += !w.alternatives.empty();
      }
    }
  }
  EXPECT_GE(with_alternatives, 10);
}

TEST(LoadScan, PngNamedPdfIsReadAsImage) {
  const TextDocument& doc = Cached("png_named.pdf");
  EXPECT_EQ(doc.media, "image");
  for (const auto& want : Truth()["png_named.pdf"]["contains"]) {
    EXPECT_NE(FindWord(doc, want), nullptr) << want;
  }
}

TEST(LoadImage, HugePagesAreDownscaledButBoxesStayInPagePixels) {
  const TextDocument& full = Cached("png_named.pdf");
  ScanOptions opts = TestOptions();
  opts.max_page_pixels = 500'000;  // the page has 1167x700 = 817k pixels
  ScanStats stats;
  auto doc = LoadImage(kDir + "png_named.pdf", opts, &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(stats.notes.size(), 1u);
  EXPECT_NE(stats.notes[0].find("downscaled"), std::string::npos);
  EXPECT_EQ(doc->dpi, 200);
  EXPECT_EQ(doc->page_info[0].width, 1167);
  EXPECT_EQ(doc->page_info[0].height, 700);
  const Word* small = FindWord(*doc, "5.787");
  const Word* big = FindWord(full, "5.787");
  ASSERT_NE(small, nullptr);
  ASSERT_NE(big, nullptr);
  EXPECT_NEAR(small->box.x0, big->box.x0, 4);
  EXPECT_NEAR(small->box.y0, big->box.y0, 4);
  EXPECT_NEAR(small->box.x1, big->box.x1, 4);
}

TEST(LoadImage, EachThreadUsesItsOwnEngine) {
  const TextDocument& reference = Cached("png_named.pdf");
  std::string texts[2];
  std::thread a([&] {
    auto d = LoadImage(kDir + "png_named.pdf", TestOptions());
    if (d.ok())
      for (const auto& l : d->lines) texts[0] += l.text + "\n";
  });
  std::thread b([&] {
    auto d = LoadImage(kDir + "png_named.pdf", TestOptions());
    if (d.ok())
      for (const auto& l : d->lines) texts[1] += l.text + "\n";
  });
  a.join();
  b.join();
  std::string want;
  for (const auto& l : reference.lines) want += l.text + "\n";
  EXPECT_EQ(texts[0], want);
  EXPECT_EQ(texts[1], want);
}

// ------------------------------------------------------- page threads

std::string BoxString(const BBox& b) {
  return "[" + std::to_string(b.x0) + "," + std::to_string(b.y0) + "," + std::to_string(b.x1) +
         "," + std::to_string(b.y1) + "]";
}

// Everything ingestion produced, field by field: text, pages, line numbers,
// boxes, confidences, alternatives, page info (rulings, deskew) and notes.
void ExpectSameIngestion(const TextDocument& a, const ScanStats& as, const TextDocument& b,
                         const ScanStats& bs) {
  EXPECT_EQ(a.media, b.media);
  EXPECT_EQ(a.pages, b.pages);
  EXPECT_EQ(a.dpi, b.dpi);
  ASSERT_EQ(a.lines.size(), b.lines.size());
  for (size_t i = 0; i < a.lines.size(); ++i) {
    const TextLine& x = a.lines[i];
    const TextLine& y = b.lines[i];
    SCOPED_TRACE("line " + std::to_string(i) + ": " + x.text);
    EXPECT_EQ(x.page, y.page);
    EXPECT_EQ(x.line_no, y.line_no);
    EXPECT_EQ(x.text, y.text);
    EXPECT_EQ(BoxString(x.box), BoxString(y.box));
    ASSERT_EQ(x.words.size(), y.words.size());
    for (size_t k = 0; k < x.words.size(); ++k) {
      const Word& v = x.words[k];
      const Word& w = y.words[k];
      EXPECT_EQ(v.text, w.text);
      EXPECT_EQ(BoxString(v.box), BoxString(w.box)) << v.text;
      EXPECT_EQ(v.confidence, w.confidence) << v.text;
      ASSERT_EQ(v.alternatives.size(), w.alternatives.size()) << v.text;
      for (size_t j = 0; j < v.alternatives.size(); ++j) {
        EXPECT_EQ(v.alternatives[j].text, w.alternatives[j].text) << v.text;
        EXPECT_EQ(v.alternatives[j].confidence, w.alternatives[j].confidence) << v.text;
      }
    }
  }
  ASSERT_EQ(a.page_info.size(), b.page_info.size());
  for (size_t i = 0; i < a.page_info.size(); ++i) {
    const PageInfo& x = a.page_info[i];
    const PageInfo& y = b.page_info[i];
    SCOPED_TRACE("page_info " + std::to_string(i));
    EXPECT_EQ(x.page, int(i) + 1);
    EXPECT_EQ(x.page, y.page);
    EXPECT_EQ(x.width, y.width);
    EXPECT_EQ(x.height, y.height);
    EXPECT_EQ(x.deskew_degrees, y.deskew_degrees);
    EXPECT_EQ(x.has_text_layer, y.has_text_layer);
    ASSERT_EQ(x.rulings.size(), y.rulings.size());
    for (size_t k = 0; k < x.rulings.size(); ++k) {
      EXPECT_EQ(BoxString(x.rulings[k]), BoxString(y.rulings[k]));
    }
  }
  EXPECT_EQ(as.pages_ocr, bs.pages_ocr);
  EXPECT_EQ(as.pages_text_layer, bs.pages_text_layer);
  EXPECT_EQ(as.notes, bs.notes);
}

// A 6-page PDF of distinct pages, one of them born-digital (page 3):
// samples/scans scan000 (2 scanned pages), table_text.pdf (text layer),
// scan002 (2 scanned pages), table_scan.pdf (1 scanned page). Built once with
// qpdf; "" when that fails, and the tests that need it fail (never skip).
const char kNeedQpdf[] =
    "cannot build the 6-page PDF with /usr/bin/qpdf: install Debian's qpdf (tools/install-deps.sh)";
const std::string& SixPagePdf() {
  static const std::string path = [] {
    const char* qpdf = "/usr/bin/qpdf";
    if (::access(qpdf, X_OK) != 0) return std::string();
    const std::string scans = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/scans/";
    const std::string out = TempPath("six_pages.pdf");
    const std::string cmd = std::string(qpdf) + " --empty --pages '" + scans +
                            "scan000_limburg.pdf' '" + kDir + "table_text.pdf' '" + scans +
                            "scan002_noord-brabant.pdf' '" + kDir + "table_scan.pdf' -- '" + out +
                            "'";
    return std::system(cmd.c_str()) == 0 ? out : std::string();
  }();
  return path;
}

// The input pages of SixPagePdf() that are OCR'd (page 3 has a text layer).
constexpr int kSixPagesOcrd[] = {1, 2, 4, 5, 6};

struct Ingestion {
  StatusOr<TextDocument> doc = Status::NotFound("not run");
  ScanStats stats;
};

Ingestion Ingest(const std::string& path, ScanOptions opts, int page_threads) {
  opts.page_threads = page_threads;
  Ingestion out;
  out.doc = LoadScan(path, opts, &out.stats);
  return out;
}

TEST(LoadScan, PageThreadsGiveTheSameDocumentAsSerial) {
  // Multi-page TIFF (image path) and a 2-page scanned PDF.
  for (const std::string& path : {kDir + "letters.tif", std::string(VERDEELSCAN_SOURCE_DIR) +
                                                            "/samples/scans/scan000_limburg.pdf"}) {
    SCOPED_TRACE(path);
    const Ingestion serial = Ingest(path, TestOptions(), 1);
    const Ingestion parallel = Ingest(path, TestOptions(), 2);
    ASSERT_TRUE(serial.doc.ok()) << serial.doc.status().ToString();
    ASSERT_TRUE(parallel.doc.ok()) << parallel.doc.status().ToString();
    EXPECT_EQ(serial.doc->pages, 2);
    EXPECT_EQ(serial.stats.pages_ocr, 2);
    EXPECT_GT(serial.doc->lines.size(), 4u);
    ExpectSameIngestion(*serial.doc, serial.stats, *parallel.doc, parallel.stats);
  }
}

// Options for SixPagePdf(): a pixel budget below A4 at 200 DPI, so every
// scanned page is rendered smaller and noted (the notes' page order is
// checked too), and OCR is quicker.
ScanOptions SixPageOptions() {
  ScanOptions opts = TestOptions();
  opts.max_page_pixels = 3'000'000;
  return opts;
}

// SixPagePdf() ingested serially with SixPageOptions(), once per process.
const Ingestion& SixPageSerial() {
  static const Ingestion serial = Ingest(SixPagePdf(), SixPageOptions(), 1);
  return serial;
}

TEST(LoadPdf, PageThreadsOnAMixedSixPagePdfGiveTheSameDocumentAndNotes) {
  ASSERT_FALSE(SixPagePdf().empty()) << kNeedQpdf;
  const Ingestion& serial = SixPageSerial();
  ASSERT_TRUE(serial.doc.ok()) << serial.doc.status().ToString();
  EXPECT_EQ(serial.doc->pages, 6);
  EXPECT_EQ(serial.stats.pages_ocr, 5);
  EXPECT_EQ(serial.stats.pages_text_layer, 1);
  ASSERT_EQ(serial.stats.notes.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(
        serial.stats.notes[i].rfind("page " + std::to_string(kSixPagesOcrd[i]) + " rendered", 0),
        0u)
        << serial.stats.notes[i];
  }
  const Ingestion parallel = Ingest(SixPagePdf(), SixPageOptions(), 3);
  ASSERT_TRUE(parallel.doc.ok()) << parallel.doc.status().ToString();
  ExpectSameIngestion(*serial.doc, serial.stats, *parallel.doc, parallel.stats);
}

TEST(LoadPdf, PageThreadsReturnTheFirstFailure) {
  ASSERT_FALSE(SixPagePdf().empty()) << kNeedQpdf;
  // No traineddata: every OCR'd page fails (the text-layer page 3 does not).
  // That is the installation's fault, not the pages': the file fails (no
  // record of five unread pages) with page 1's error, as in a serial run.
  ScanOptions opts = TestOptions();
  opts.tessdata = TempPath("no_tessdata");
  const Ingestion serial = Ingest(SixPagePdf(), opts, 1);
  ASSERT_FALSE(serial.doc.ok());
  EXPECT_EQ(serial.doc.status().code(), Status::Code::kNotFound);
  for (int threads : {2, 6}) {
    const Ingestion parallel = Ingest(SixPagePdf(), opts, threads);
    ASSERT_FALSE(parallel.doc.ok());
    EXPECT_EQ(parallel.doc.status().code(), serial.doc.status().code());
    EXPECT_EQ(parallel.doc.status().message(), serial.doc.status().message());
  }
}

TEST(RereadCells, DigitsOnlySecondReadingOfCellCrops) {
  // On the skewed page (crops are straightened by the page's deskew angle)
  // and the JPEG-damaged scanned PDF, the digits engine reads every numeric
  // cell of the table as the truth says.
  for (const char* name : {"table_skewed.png", "table_scan.pdf"}) {
    const TextDocument& doc = Cached(name);
    std::vector<CellRequest> cells;
    std::vector<std::string> want;
    for (const auto& row : Truth()["table_rows"]) {
      const std::string gemeente = row["gemeente"];
      const TextLine* line = FindLineStartingWith(doc, gemeente.substr(0, gemeente.find(' ')));
      if (line == nullptr || line->words.size() < 4) continue;
      const size_t n = line->words.size();
      const int values[3] = {row["regulier"], row["amv"], row["totaal"]};
      for (int k = 0; k < 3; ++k) {
        cells.push_back(CellRequest{line->page, line->words[n - 3 + k].box});
        want.push_back(std::to_string(values[k]));
      }
    }
    ASSERT_GE(cells.size(), 60u) << name;
    auto readings = RereadCells(kDir + name, doc, cells, TestOptions());
    ASSERT_TRUE(readings.ok()) << readings.status().ToString();
    ASSERT_EQ(readings->size(), cells.size());
    int right = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
      const CellReading& r = (*readings)[i];
      right += r.text == want[i];
      EXPECT_GE(r.confidence, 0.0);
      EXPECT_LE(r.confidence, 1.0);
      for (const auto& alt : r.alternatives) {
        EXPECT_EQ(alt.text.find_first_not_of("0123456789."), std::string::npos) << alt.text;
      }
    }
    EXPECT_GE(right, int(cells.size()) - 2) << name;
  }
  auto bad = RereadCells(kDir + "table_scan.pdf", Cached("table_scan.pdf"),
                         {CellRequest{2, BBox{0, 0, 10, 10}}}, TestOptions());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
}

TEST(MayBeNumber, NumericLookingAndDamagedDigitTokens) {
  EXPECT_TRUE(MayBeNumber("142"));
  EXPECT_TRUE(MayBeNumber("L42"));  // LooksNumeric
  EXPECT_TRUE(MayBeNumber("5.787"));
  EXPECT_TRUE(MayBeNumber("[:]"));  // a slashed zero read as brackets
  EXPECT_TRUE(MayBeNumber("(9)"));
  EXPECT_FALSE(MayBeNumber("Almelo"));
  EXPECT_FALSE(MayBeNumber("Totaal"));
  EXPECT_FALSE(MayBeNumber("de"));
  EXPECT_FALSE(MayBeNumber(""));
}

// ------------------------------------------------------------ components

TEST(GroupWordsIntoLines, RebuildsRowsFromColumnOrder) {
  // A text layer that lists a table column by column.
  auto word = [](const char* t, int x, int y) {
    Word w;
    w.text = t;
    w.box = BBox{x, y, x + 40, y + 20};
    return w;
  };
  std::vector<Word> words = {word("Almelo", 10, 100), word("Borne", 10, 130), word("468", 200, 101),
                             word("0", 200, 131),     word("0", 300, 99),     word("0", 300, 129)};
  auto lines = GroupWordsIntoLines(words, 3);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "Almelo 468 0");
  EXPECT_EQ(lines[1].text, "Borne 0 0");
  EXPECT_EQ(lines[1].page, 3);
  EXPECT_EQ(lines[1].line_no, 2);
  EXPECT_EQ(lines[0].box.x0, 10);
  EXPECT_EQ(lines[0].box.x1, 340);
}

TEST(PageTransform, InvertsRotationAndScale) {
  PageTransform t;
  t.scale = 0.5;
  t.radians = 2.0 * M_PI / 180.0;
  t.cx = 500;
  t.cy = 700;
  // Forward: a nominal point p is at s*p in the working image, then rotated.
  const double px = 300, py = 900;
  const double wx = px * t.scale - t.cx, wy = py * t.scale - t.cy;
  const double rx = t.cx + wx * std::cos(t.radians) - wy * std::sin(t.radians);
  const double ry = t.cy + wx * std::sin(t.radians) + wy * std::cos(t.radians);
  BBox back = t.ToPage(BBox{int(std::lround(rx)), int(std::lround(ry)), int(std::lround(rx)) + 1,
                            int(std::lround(ry)) + 1});
  EXPECT_NEAR(back.x0, px, 3);
  EXPECT_NEAR(back.y0, py, 3);
}

TEST(CleanPageImage, FindsAndErasesRulingsButKeepsFilledBars) {
  QuietLeptonica();
  PixPtr page(pixCreate(1200, 900, 8));
  pixSetAll(page.get());  // white
  for (int y = 100; y <= 700; y += 100) {
    pixRenderLine(page.get(), 100, y, 1100, y, 3, L_CLEAR_PIXELS);
  }
  for (int x : {100, 500, 1100}) pixRenderLine(page.get(), x, 100, x, 700, 3, L_CLEAR_PIXELS);
  // A redaction bar: thick, so not a ruling.
  pixRasterop(page.get(), 200, 780, 600, 60, PIX_CLR, nullptr, 0, 0);
  CleanupOptions opts;
  opts.dpi = 300;
  // The ruling finder alone never takes a bar for a ruling; with the
  // artefact masks on, the bar is masked before binarisation (cleanup_test).
  opts.mask_artefacts = false;
  auto clean = CleanPageImage(page.get(), 1.0, opts);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean->deskew_degrees, 0);
  EXPECT_EQ(clean->rulings.size(), 7u + 3u);
  l_int32 black = 0;
  auto clip = [&](int x, int y, int w, int h) {
    Box* box = boxCreate(x, y, w, h);
    PixPtr part(pixClipRectangle(clean->binary.get(), box, nullptr));
    boxDestroy(&box);
    return part;
  };
  PixPtr grid = clip(0, 0, 1200, 760);
  pixCountPixels(grid.get(), &black, nullptr);
  EXPECT_LT(black, 50);  // the grid is gone
  PixPtr bar = clip(200, 780, 600, 60);
  pixCountPixels(bar.get(), &black, nullptr);
  EXPECT_GT(black, 600 * 60 / 2);  // the bar stays
}

TEST(CombineSymbolChoices, KBestProductOfSymbolSoftmax) {
  // Ratings are -log p: "1" vs "7" differ by ln(4), so p(7) = 0.2.
  std::vector<std::vector<std::pair<std::string, float>>> symbols = {
      {{"1", 1.0f}, {"7", 1.0f + float(std::log(4.0))}}, {{"4", 0.5f}}, {{"2", 0.2f}}};
  auto alts = CombineSymbolChoices(symbols, "142", 5);
  ASSERT_EQ(alts.size(), 1u);
  EXPECT_EQ(alts[0].text, "742");
  EXPECT_NEAR(alts[0].confidence, 0.2, 1e-6);
  EXPECT_TRUE(CombineSymbolChoices({}, "x", 5).empty());
}

// ------------------------------------------------ pages turned sideways

// `upright`'s words `words` at the same place in `doc` (both in the upright
// page's frame), within `tolerance` pixels.
void ExpectSameBoxes(const TextDocument& doc, const TextDocument& upright,
                     const std::vector<std::string>& words, int tolerance,
                     const std::string& label) {
  for (const std::string& word : words) {
    const Word* got = FindWord(doc, word);
    const Word* want = FindWord(upright, word);
    ASSERT_NE(want, nullptr) << word;
    ASSERT_NE(got, nullptr) << label << ": " << word;
    EXPECT_NEAR(got->box.x0, want->box.x0, tolerance) << label << ": " << word;
    EXPECT_NEAR(got->box.y0, want->box.y0, tolerance) << label << ": " << word;
    EXPECT_NEAR(got->box.x1, want->box.x1, tolerance) << label << ": " << word;
    EXPECT_NEAR(got->box.y1, want->box.y1, tolerance) << label << ": " << word;
  }
}

TEST(Orientation, TurnedImagesReadAsUprightInTheUprightFrame) {
  // The skewed table page turned by each quarter turn (a sideways or upside
  // down scan): OSD finds the turn back, the page is read once upright, the
  // table reads as the upright page does and every box is where it is on the
  // upright page.
  const TextDocument& upright = Cached("table_skewed.png");
  int upright_rows = 0;
  const int upright_cells = NumericCellsRight(upright, &upright_rows);
  QuietLeptonica();
  PixPtr page(pixRead((kDir + "table_skewed.png").c_str()));
  ASSERT_NE(page, nullptr);
  for (int turned : {90, 180, 270}) {
    const std::string label = "turned " + std::to_string(turned);
    PixPtr input = TurnClockwise(page.get(), turned);
    ASSERT_NE(input, nullptr);
    pixSetResolution(input.get(), 200, 200);
    const std::string path = TempPath("turned" + std::to_string(turned) + ".png");
    ASSERT_EQ(pixWrite(path.c_str(), input.get(), IFF_PNG), 0);
    ScanOptions opts = TestOptions();
    ScanStats stats;
    auto doc = LoadScan(path, opts, &stats);
    std::remove(path.c_str());
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    ASSERT_EQ(doc->page_info.size(), 1u);
    const PageInfo& info = doc->page_info[0];
    EXPECT_EQ(info.rotation_degrees, (360 - turned) % 360) << label;
    EXPECT_EQ(stats.pages_turned, 1) << label;
    EXPECT_GT(stats.osd_seconds, 0.0);
    EXPECT_EQ(stats.pages_ocr, 1) << label;
    // Read as it stood (garbage), judged by OSD, turned and read again.
    EXPECT_EQ(stats.pages_osd, 1) << label;
    EXPECT_EQ(stats.pages_read_twice, 1) << label;
    EXPECT_EQ(info.width, upright.page_info[0].width) << label;
    EXPECT_EQ(info.height, upright.page_info[0].height) << label;
    EXPECT_NEAR(info.deskew_degrees, upright.page_info[0].deskew_degrees, 0.1) << label;
    ExpectBoxesInsidePages(*doc);
    int rows = 0;
    EXPECT_GE(NumericCellsRight(*doc, &rows), upright_cells - 1) << label;
    EXPECT_GE(rows, upright_rows - 1) << label;
    // A known cell's box is in the upright page's frame: the turn back is
    // lossless, so the pixels, and the boxes, are the upright page's.
    ExpectSameBoxes(*doc, upright, {"Almelo", "Dalfsen", "Zwolle", "Totaal"}, 3, label);
  }
}

TEST(Orientation, AnUprightPageThatReadsSkipsOrientationDetection) {
  // Read first, judge after: the upright table reads as plain text, so OSD
  // never runs on it; judged first on every page (the former default), the
  // page is found upright and read the same.
  ScanStats stats;
  auto doc = LoadScan(kDir + "table_skewed.png", TestOptions(), &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(stats.pages_osd, 0);
  EXPECT_EQ(stats.pages_read_twice, 0);
  EXPECT_EQ(stats.osd_seconds, 0.0);
  EXPECT_EQ(doc->page_info[0].rotation_degrees, 0);
  ScanOptions every_page = TestOptions();
  every_page.osd_every_page = true;
  ScanStats judged;
  auto first = LoadScan(kDir + "table_skewed.png", every_page, &judged);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(judged.pages_osd, 1);
  EXPECT_EQ(first->page_info[0].rotation_degrees, 0);
  ASSERT_EQ(first->lines.size(), doc->lines.size());
  for (size_t i = 0; i < doc->lines.size(); ++i) {
    EXPECT_EQ(first->lines[i].text, doc->lines[i].text) << "line " << i;
  }
}

TEST(Orientation, ScannedPdfPageWithARotateAttributeIsReadUpright) {
  // table_scan.pdf with /Rotate 90: viewers (and poppler's renderer) show
  // the page sideways. It is turned back and read upright; boxes, and the
  // digits-only re-read of cells (which renders the page again), are in the
  // upright frame.
  const TextDocument& upright = Cached("table_scan.pdf");
  int upright_rows = 0;
  const int upright_cells = NumericCellsRight(upright, &upright_rows);
  const std::string path = kDir + "table_scan_rotate90.pdf";
  auto doc = LoadScan(path, TestOptions());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media, "pdf-scanned");
  ASSERT_EQ(doc->page_info.size(), 1u);
  EXPECT_EQ(doc->page_info[0].rotation_degrees, 270);
  EXPECT_EQ(doc->page_info[0].width, upright.page_info[0].width);
  EXPECT_EQ(doc->page_info[0].height, upright.page_info[0].height);
  int rows = 0;
  EXPECT_GE(NumericCellsRight(*doc, &rows), upright_cells - 1);
  EXPECT_GE(rows, upright_rows - 1);
  ExpectSameBoxes(*doc, upright, {"Dalfsen", "Zwolle", "5.787"}, 3, "rotate 90");

  const TextLine* dalfsen = FindLineStartingWith(*doc, "Dalfsen");
  ASSERT_NE(dalfsen, nullptr);
  ASSERT_GE(dalfsen->words.size(), 4u);
  std::vector<CellRequest> cells;
  for (size_t k = dalfsen->words.size() - 3; k < dalfsen->words.size(); ++k) {
    cells.push_back(CellRequest{1, dalfsen->words[k].box});
  }
  auto readings = RereadCells(path, *doc, cells, TestOptions());
  ASSERT_TRUE(readings.ok()) << readings.status().ToString();
  ASSERT_EQ(readings->size(), 3u);
  EXPECT_EQ((*readings)[0].text, "142");
  EXPECT_EQ((*readings)[1].text, "26");
  EXPECT_EQ((*readings)[2].text, "168");
}

TEST(Orientation, TextLayerPageShownUpsideDownIsReadUpright) {
  // table_text.pdf with /Rotate 180: poppler reports the words upside down
  // in the page as shown; their boxes are turned into the upright frame
  // (no OCR), so the page reads exactly as the upright one.
  auto upright = LoadPdf(kDir + "table_text.pdf", TestOptions());
  ASSERT_TRUE(upright.ok());
  ScanStats stats;
  auto doc = LoadPdf(kDir + "table_text_rotate180.pdf", TestOptions(), &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media, "pdf-text");
  EXPECT_EQ(stats.pages_ocr, 0);
  ASSERT_EQ(doc->page_info.size(), 1u);
  EXPECT_EQ(doc->page_info[0].rotation_degrees, 180);
  EXPECT_EQ(doc->page_info[0].width, 1653);
  EXPECT_EQ(doc->page_info[0].height, 2339);
  int rows = 0;
  EXPECT_EQ(NumericCellsRight(*doc, &rows), 75);
  EXPECT_EQ(rows, 25);
  ExpectSameBoxes(*doc, *upright, {"Dalfsen", "Zwolle", "5.787", "6.325"}, 2, "rotate 180");
  // The rulings come from a render turned the same way.
  EXPECT_EQ(doc->page_info[0].rulings.size(), upright->page_info[0].rulings.size());

  // Switched off, the page is taken as shown: upside down, rows out of order.
  ScanOptions off = TestOptions();
  off.detect_orientation = false;
  auto as_shown = LoadPdf(kDir + "table_text_rotate180.pdf", off);
  ASSERT_TRUE(as_shown.ok());
  EXPECT_EQ(as_shown->page_info[0].rotation_degrees, 0);
  EXPECT_LT(NumericCellsRight(*as_shown, &rows), 75);
}

// A one-page PDF (A4 landscape, Helvetica) whose text lines run from bottom
// to top: a portrait page set sideways in a landscape frame, no /Rotate.
std::string SidewaysTextPdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 14 Tf\n";
  for (size_t i = 0; i < lines.size(); ++i) {
    // Text direction up the page (rotated 90° counter-clockwise), each line
    // further right, as the upright page's lines go further down.
    content += "0 1 -1 0 " + std::to_string(100 + 24 * i) + " 80 Tm (" + lines[i] + ") Tj\n";
  }
  content += "ET\n";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

TEST(Orientation, TextLayerRunningSidewaysIsTurnedUpright) {
  const std::vector<std::string> rows = {"Gemeente Regulier Amv Totaal", "Almelo 468 0 468",
                                         "Dalfsen 142 26 168", "Totaal 610 26 636"};
  const std::string path = TempPath("sideways_text.pdf");
  WriteBytes(path, SidewaysTextPdf(rows));
  ScanStats stats;
  auto doc = LoadPdf(path, TestOptions(), &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media, "pdf-text");
  ASSERT_EQ(doc->page_info.size(), 1u);
  const PageInfo& info = doc->page_info[0];
  EXPECT_EQ(info.rotation_degrees, 90);
  EXPECT_EQ(info.width, int(std::lround(595 * 200 / 72.0)));  // portrait once upright
  EXPECT_EQ(info.height, int(std::lround(842 * 200 / 72.0)));
  ExpectBoxesInsidePages(*doc);
  ASSERT_EQ(doc->lines.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(doc->lines[i].text, rows[i]);
  // Upright: the first line is at the top, 100 pt from the landscape frame's
  // left edge, and starts 80 pt from the upright page's left edge.
  const Word* gemeente = FindWord(*doc, "Gemeente");
  ASSERT_NE(gemeente, nullptr);
  EXPECT_NEAR(gemeente->box.x0, 80 * 200 / 72.0, 3);
  EXPECT_LT(gemeente->box.y1, 110 * 200 / 72.0);
  std::remove(path.c_str());
}

TEST(Orientation, SidewaysLandscapeScanIsReadUpright) {
  // A portrait verdeelbesluit scanned sideways into a landscape image-only
  // PDF (the input that crashed the dump reader when its sideways OCR text
  // was taken for a table dump).
  ScanStats stats;
  auto doc = LoadScan(kDir + "sideways_landscape_scan.pdf", TestOptions(), &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->page_info.size(), 1u);
  const PageInfo& info = doc->page_info[0];
  EXPECT_EQ(info.rotation_degrees, 90);
  EXPECT_LT(info.width, info.height);  // portrait once upright
  ExpectBoxesInsidePages(*doc);
  // Rows read left to right (the scanner's dark edge, now on the left,
  // comes out as a "|" before some rows).
  std::string text;
  for (const TextLine& line : doc->lines) text += line.text + "\n";
  for (const char* row : {"Borsele 152 29 181", "Vlissingen 280 32 312", "Totaal 1827 217 2044"}) {
    EXPECT_NE(text.find(row), std::string::npos) << row << " in\n" << text;
  }
}

}  // namespace
}  // namespace verdeelscan
