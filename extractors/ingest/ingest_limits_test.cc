// What ingestion refuses, repairs or reports, on fresh instances made here:
// PDFs whose page tree's /Count lies (edited copies of samples/formats'
// born-digital page, so no OCR is needed), image pages beyond the decoding
// budget (refused from the header, or a JPEG decoded at a reduced size), and
// images whose pixel data is damaged. Each error must say what happened.
#define POINTERHOLDER_TRANSITION 4  // qpdf 11: std::shared_ptr

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>
#include <sstream>
#include <string>

#include "extractors/ingest/ingest.h"
#include "extractors/ingest/pix.h"

namespace verdeelscan {
namespace {

const std::string kDir = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/";

std::string TempPath(const std::string& name) {
  static const std::string dir = [] {
    std::string templ = ::testing::TempDir() + "ingest_limits_XXXXXX";
    return std::string(mkdtemp(templ.data())) + "/";
  }();
  return dir + name;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

bool HasWord(const TextDocument& doc, const std::string& text, int page) {
  for (const TextLine& line : doc.lines) {
    if (line.page != page) continue;
    for (const Word& w : line.words) {
      if (w.text.find(text) != std::string::npos) return true;
    }
  }
  return false;
}

bool HasNote(const ScanStats& stats, const std::string& part) {
  for (const std::string& note : stats.notes) {
    if (note.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string Notes(const ScanStats& stats) {
  std::string out;
  for (const std::string& note : stats.notes) out += note + "\n";
  return out;
}

// table_text.pdf (one born-digital page) with its page tree's /Count set to
// `count`; the digit keeps its width, so the cross-reference offsets hold.
std::string PdfWithCount(char count) {
  std::string pdf = ReadBytes(kDir + "table_text.pdf");
  const size_t at = pdf.find("/Count 1");
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(pdf.find("/Count 1", at + 1), std::string::npos) << "one page tree node";
  pdf[at + 7] = count;
  const std::string path = TempPath(std::string("count_") + count + ".pdf");
  WriteBytes(path, pdf);
  return path;
}

// ------------------------------------------------------------ PDF page trees

TEST(PdfPageTree, CountZeroOverARealPageIsReadNotNoPages) {
  ScanStats stats;
  auto doc = LoadPdf(PdfWithCount('0'), ScanOptions{}, &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();  // was NotFound("PDF has no pages")
  EXPECT_EQ(doc->pages, 1);
  EXPECT_TRUE(HasWord(*doc, "Dalfsen", 1));
  EXPECT_TRUE(HasNote(stats, "the page tree says 0 page(s) but the file holds 1 page object(s)"))
      << Notes(stats);
}

TEST(PdfPageTree, CountBeyondThePagesReadsThePagesThereAre) {
  ScanStats stats;
  auto doc = LoadPdf(PdfWithCount('5'), ScanOptions{}, &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();  // was Corruption("PDF page 2 is unreadable")
  EXPECT_EQ(doc->pages, 1);
  EXPECT_TRUE(HasWord(*doc, "Dalfsen", 1));
  EXPECT_TRUE(HasNote(stats, "says 5 page(s) but the file holds 1")) << Notes(stats);
}

// Three pages under /Count 1: poppler alone reads one and two are lost
// without a word.
TEST(PdfPageTree, CountBelowThePagesLosesNone) {
  const std::string path = TempPath("three_count_1.pdf");
  {
    QPDF qpdf;
    qpdf.processFile((kDir + "table_text.pdf").c_str());
    QPDFObjectHandle page = qpdf.getAllPages().at(0);
    for (int i = 0; i < 2; ++i) qpdf.addPage(qpdf.makeIndirectObject(page.shallowCopy()), false);
    qpdf.getRoot().getKey("/Pages").replaceKey("/Count", QPDFObjectHandle::newInteger(1));
    QPDFWriter writer(qpdf, path.c_str());
    writer.write();
  }
  ScanStats stats;
  auto doc = LoadPdf(path, ScanOptions{}, &stats);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->pages, 3);
  for (int page = 1; page <= 3; ++page) EXPECT_TRUE(HasWord(*doc, "Dalfsen", page)) << page;
  EXPECT_TRUE(HasNote(stats, "says 1 page(s) but the file holds 3")) << Notes(stats);
  EXPECT_EQ(CountPages(path), 3);
}

TEST(PdfPageTree, AnEmptyPageTreeStillHasNoPages) {
  auto doc = LoadPdf(kDir + "zero_pages.pdf", ScanOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(doc.status().message(), "PDF has no pages");
}

// ------------------------------------------------------------ decoding budget

std::string WriteImage(Pix* pix, int format, const std::string& name) {
  const std::string path = TempPath(name);
  EXPECT_EQ(pixWrite(path.c_str(), pix, format), 0);
  return path;
}

TEST(ImageBudget, ValidPngAndTiffBeyondTheBudgetAreRefusedNamingTheLimitNotCorrupt) {
  PixPtr gray(pixCreate(2000, 1500, 8));
  pixSetAllArbitrary(gray.get(), 255);
  PixPtr bilevel(pixCreate(2000, 1500, 1));
  const std::string png = WriteImage(gray.get(), IFF_PNG, "big.png");
  const std::string tiff = WriteImage(bilevel.get(), IFF_TIFF_G4, "big.tif");
  ScanOptions opts;
  opts.max_decode_pixels = 1'000'000;
  for (const std::string& path : {png, tiff}) {
    auto doc = LoadImage(path, opts);
    ASSERT_FALSE(doc.ok()) << path;
    EXPECT_EQ(doc.status().code(), Status::Code::kResourceExhausted) << path;
    const std::string& message = doc.status().message();
    EXPECT_NE(message.find("2000 x 1500 pixels"), std::string::npos) << message;
    EXPECT_NE(message.find("decoding budget of 1 Mpixel"), std::string::npos) << message;
    EXPECT_NE(message.find("--max-decode-pixels"), std::string::npos) << message;
    EXPECT_EQ(message.find("corrupt"), std::string::npos) << message;
  }
  // Within the budget the same files read.
  opts.max_decode_pixels = 3'000'000;
  EXPECT_TRUE(LoadImage(png, opts).ok());
}

const Word* FindWord(const TextDocument& doc, const std::string& text) {
  for (const TextLine& line : doc.lines) {
    for (const Word& w : line.words) {
      if (w.text == text) return &w;
    }
  }
  return nullptr;
}

// A JPEG beyond the budget is decoded at half size by libjpeg; its boxes are
// still in the pixels of the full page.
TEST(ImageBudget, JpegBeyondTheBudgetIsDecodedReducedWithBoxesInTheFullFrame) {
  PixPtr page(pixRead((kDir + "table_skewed.png").c_str()));
  ASSERT_NE(page, nullptr);
  const std::string jpeg = WriteImage(page.get(), IFF_JFIF_JPEG, "page.jpg");
  const int w = pixGetWidth(page.get()), h = pixGetHeight(page.get());
  auto full = LoadImage(jpeg, ScanOptions{});
  ASSERT_TRUE(full.ok()) << full.status().ToString();

  ScanOptions opts;
  opts.max_decode_pixels = long(w) * h / 3;  // 1/2 size fits, full size does not
  ScanStats stats;
  auto reduced = LoadImage(jpeg, opts, &stats);
  ASSERT_TRUE(reduced.ok()) << reduced.status().ToString();
  EXPECT_TRUE(HasNote(stats, "decoded at 1/2 size")) << Notes(stats);
  ASSERT_EQ(reduced->page_info.size(), 1u);
  EXPECT_EQ(reduced->page_info[0].width, w);
  EXPECT_EQ(reduced->page_info[0].height, h);
  EXPECT_EQ(reduced->dpi, full->dpi);
  const Word* a = FindWord(*full, "Totaal");
  const Word* b = FindWord(*reduced, "Totaal");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_NEAR(a->box.x0, b->box.x0, 12);
  EXPECT_NEAR(a->box.y0, b->box.y0, 12);
  EXPECT_NEAR(a->box.x1, b->box.x1, 12);
  EXPECT_NEAR(a->box.y1, b->box.y1, 12);
}

TEST(ImageBudget, DamagedPixelDataIsCalledCorrupt) {
  std::string png = ReadBytes(kDir + "table_skewed.png");
  const size_t idat = png.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  for (size_t i = idat + 200; i < idat + 2200 && i < png.size(); ++i) png[i] = char(i * 131);
  const std::string path = TempPath("damaged.png");
  WriteBytes(path, png);
  auto doc = LoadImage(path, ScanOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kCorruption);
  const std::string& message = doc.status().message();
  EXPECT_EQ(message.rfind("corrupt png: the pixel data of page 1", 0), 0u) << message;
  EXPECT_EQ(message.find("budget"), std::string::npos) << message;
}

}  // namespace
}  // namespace verdeelscan
