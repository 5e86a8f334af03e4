// The page-quality check on whole files (extract.cc's AddPageQualityChecks):
// a page OCR cannot read sends its record to review with a check naming the
// page; a readable non-document stays valid; a blank page in a bundle is
// normal; a table turned upside down never passes as a valid "unknown".
// And what ingestion had to do to read a file is said on its records.
// Files are made fresh here from committed samples and generated pages.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "extractors/ingest/ingest.h"
#include "extractors/ingest/pix.h"
#include "pipeline/extract.h"

namespace verdeelscan {
namespace {

const std::string kDir = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/";

std::string TempPath(const std::string& name) {
  static const std::string dir = [] {
    std::string templ = ::testing::TempDir() + "extract_quality_XXXXXX";
    return std::string(mkdtemp(templ.data())) + "/";
  }();
  return dir + name;
}

// Uniform noise, the same on every run.
PixPtr NoisePage(int w, int h) {
  PixPtr pix(pixCreate(w, h, 8));
  uint32_t state = 5;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      state = state * 1664525u + 1013904223u;
      SET_DATA_BYTE(data + y * wpl, x, (state >> 8) & 0xFF);
    }
  }
  pixSetResolution(pix.get(), 200, 200);
  return pix;
}

PixPtr WhitePage(int w, int h) {
  PixPtr pix(pixCreate(w, h, 8));
  pixSetAllArbitrary(pix.get(), 250);
  pixSetResolution(pix.get(), 200, 200);
  return pix;
}

// A two-page TIFF: page 1 of samples/formats/letters.tif, then `second`.
std::string LetterThen(Pix* second, const std::string& name) {
  PixPtr letter(pixReadTiff((kDir + "letters.tif").c_str(), 0));
  EXPECT_NE(letter, nullptr);
  const std::string path = TempPath(name);
  EXPECT_EQ(pixWriteTiff(path.c_str(), letter.get(), IFF_TIFF_G4, "w"), 0);
  EXPECT_EQ(pixWriteTiff(path.c_str(), second, IFF_TIFF_ZIP, "a"), 0);
  return path;
}

const Check* FindCheck(const Record& r, const std::string& id) {
  for (const Check& c : r.checks) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

// The failing page_quality checks of a file's records.
std::vector<const Check*> FailedPageChecks(const std::vector<Record>& records) {
  std::vector<const Check*> out;
  for (const Record& r : records) {
    const Check* c = FindCheck(r, "page_quality");
    if (c != nullptr && c->status == CheckStatus::kFail) {
      EXPECT_EQ(r.status, RecordStatus::kNeedsReview) << ToString(r.kind);
      out.push_back(c);
    }
  }
  return out;
}

TEST(ExtractPageQuality, AnUnreadablePageSendsItsRecordToReviewNamingThePage) {
  PixPtr noise = NoisePage(900, 640);
  const std::vector<Record> records = ExtractFile(LetterThen(noise.get(), "letter_noise.tif"));
  ASSERT_FALSE(records.empty());
  const std::vector<const Check*> failed = FailedPageChecks(records);
  ASSERT_EQ(failed.size(), 1u);
  const std::string& detail = failed[0]->detail;
  // Judged from its image alone (not OCR'd: noise costs Tesseract seconds).
  EXPECT_NE(detail.find("page 2: only "), std::string::npos) << detail;
  EXPECT_NE(detail.find("noise or a photograph"), std::string::npos) << detail;
  EXPECT_EQ(detail.find("page 1:"), std::string::npos) << "page 1 reads: " << detail;
  ASSERT_TRUE(failed[0]->actual.is_array());
}

TEST(ExtractPageQuality, ABlankPageInABundleIsNormal) {
  PixPtr blank = WhitePage(900, 640);
  const std::vector<Record> records = ExtractFile(LetterThen(blank.get(), "letter_blank.tif"));
  ASSERT_FALSE(records.empty());
  EXPECT_TRUE(FailedPageChecks(records).empty());
  const Check* c = FindCheck(records[0], "page_quality");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status, CheckStatus::kPass);
}

TEST(ExtractPageQuality, AScannedManualIsAReadableUnknownDocument) {
  const std::vector<Record> records = ExtractFile(kDir + "page_english_manual.png");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].kind, DocumentKind::kUnknown);
  EXPECT_EQ(records[0].status, RecordStatus::kValid);
  const Check* c = FindCheck(records[0], "page_quality");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status, CheckStatus::kPass);
}

TEST(ExtractPageQuality, AnotherScriptIsNotValid) {
  const std::vector<Record> records = ExtractFile(kDir + "page_russian.png");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].status, RecordStatus::kNeedsReview);
  EXPECT_EQ(FailedPageChecks(records).size(), 1u);
}

// Whether or not orientation detection turns the page upright first, the
// table is either read as a verdeelbesluit or its record goes to review: it
// never comes out as a valid record of an unknown kind.
TEST(ExtractPageQuality, ATableUpsideDownNeverPassesAsAValidUnknown) {
  PixPtr page(pixRead((kDir + "table_skewed.png").c_str()));
  ASSERT_NE(page, nullptr);
  PixPtr turned(pixRotate180(nullptr, page.get()));
  const std::string path = TempPath("table_upside_down.png");
  ASSERT_EQ(pixWrite(path.c_str(), turned.get(), IFF_PNG), 0);
  const std::vector<Record> records = ExtractFile(path);
  ASSERT_FALSE(records.empty());
  bool table_read = false;
  for (const Record& r : records) {
    EXPECT_FALSE(r.kind == DocumentKind::kUnknown && r.status == RecordStatus::kValid);
    table_read |= r.kind == DocumentKind::kVerdeelbesluit && r.allocations.size() >= 20;
  }
  if (!table_read) {
    EXPECT_FALSE(FailedPageChecks(records).empty());
  }
}

// A scanned release whose second page's image claims more rows than the
// decoding budget allows: page 1 is read and its record made; page 2 is named
// on that record (needs_review, page_quality) and in its ingest notes.
// Before, the whole file failed and every good page was lost with it.
TEST(ExtractPageQuality, OneDamagedPageDoesNotLoseTheOthers) {
  std::ifstream in(std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/scans/scan000_limburg.pdf",
                   std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string pdf = bytes.str();
  const size_t first = pdf.find("/Height 2338");
  const size_t second = pdf.find("/Height 2338", first + 1);
  ASSERT_NE(second, std::string::npos) << "page 2's image dictionary";
  pdf[second + 8] = '9';  // 1654 x 9338 pixels, as stated
  const std::string path = TempPath("page_2_over_budget.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  ExtractOptions options;
  options.scan.max_decode_pixels = 10'000'000;  // page 1 (3.9 Mpx) is within it
  const std::vector<Record> records = ExtractFile(path, options);
  ASSERT_FALSE(records.empty());
  EXPECT_NE(records[0].status, RecordStatus::kFailed) << records[0].error;
  EXPECT_EQ(records[0].kind, DocumentKind::kVerdeelbesluit);
  EXPECT_EQ(records[0].source.pages, 2);
  const std::vector<const Check*> failed = FailedPageChecks(records);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_NE(failed[0]->detail.find("page 2: not read: "), std::string::npos) << failed[0]->detail;
  EXPECT_NE(failed[0]->detail.find("1654 x 9338"), std::string::npos) << failed[0]->detail;
  ASSERT_TRUE(records[0].extra.contains("ingest_notes"));
  EXPECT_NE(records[0].extra["ingest_notes"].dump().find("page 2 was not read"), std::string::npos);
}

// The same in a page image: a two-page TIFF whose second page is over the
// decoding budget. The letter on page 1 is read, page 2 is named, and the
// searchable PDF keeps two pages (a blank one where page 2 cannot be shown).
TEST(ExtractPageQuality, AnImagePageOverTheBudgetIsNamedAndKeepsItsPlace) {
  PixPtr big = WhitePage(3000, 3000);
  ExtractOptions options;
  options.scan.max_decode_pixels = 4'000'000;  // page 1 is 1167 x 1653
  options.searchable_pdf = TempPath("letter_big.searchable.pdf");
  const std::vector<Record> records = ExtractFile(LetterThen(big.get(), "letter_big.tif"), options);
  ASSERT_FALSE(records.empty());
  EXPECT_NE(records[0].status, RecordStatus::kFailed) << records[0].error;
  EXPECT_NE(records[0].kind, DocumentKind::kUnknown);
  const std::vector<const Check*> failed = FailedPageChecks(records);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_NE(failed[0]->detail.find("page 2: not read: "), std::string::npos) << failed[0]->detail;
  EXPECT_EQ(failed[0]->detail.find("turned, black"), std::string::npos) << failed[0]->detail;
  EXPECT_EQ(CountPages(options.searchable_pdf), 2);
}

// When no page can be read the file fails, with the first page's reason.
TEST(ExtractPageQuality, AFileWithNoReadablePageFails) {
  ExtractOptions options;
  options.scan.max_decode_pixels = 1'000'000;
  const std::vector<Record> records = ExtractFile(
      std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/scans/scan000_limburg.pdf", options);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].status, RecordStatus::kFailed);
  EXPECT_NE(records[0].error.find("1654 x 2338"), std::string::npos) << records[0].error;
}

// A PDF whose page tree says /Count 0 over its one page is read, and its
// record says the page tree was rebuilt (before: "PDF has no pages").
TEST(ExtractIngestNotes, ARebuiltPageTreeIsSaidOnTheRecord) {
  std::ifstream in(kDir + "table_text.pdf", std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string pdf = bytes.str();
  const size_t at = pdf.find("/Count 1");
  ASSERT_NE(at, std::string::npos);
  pdf[at + 7] = '0';
  const std::string path = TempPath("count_0.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  const std::vector<Record> records = ExtractFile(path);
  ASSERT_FALSE(records.empty());
  EXPECT_NE(records[0].status, RecordStatus::kFailed) << records[0].error;
  EXPECT_EQ(records[0].source.pages, 1);
  ASSERT_TRUE(records[0].extra.contains("ingest_notes"));
  EXPECT_NE(records[0].extra["ingest_notes"].dump().find("the page tree says 0 page(s)"),
            std::string::npos);
}

}  // namespace
}  // namespace verdeelscan
