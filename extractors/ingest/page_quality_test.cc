// Tests of the page-quality measures and verdict (page_quality.h): the word
// test on its own, and OCR of freshly generated pages of each class (noise,
// black, a photograph-like image, a page upside down, another script) next
// to readable pages (a table, an English manual, a blank page). Pages are
// small (about half an A4 at 200 DPI) so the whole binary takes seconds.
#include "extractors/ingest/page_quality.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "extractors/ingest/cleanup.h"
#include "extractors/ingest/ingest.h"
#include "extractors/ingest/ocr.h"
#include "extractors/ingest/pix.h"

namespace verdeelscan {
namespace {

const std::string kDir = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/";

std::string TempPath(const std::string& name) {
  static const std::string dir = [] {
    std::string templ = ::testing::TempDir() + "page_quality_XXXXXX";
    return std::string(mkdtemp(templ.data())) + "/";
  }();
  return dir + name;
}

// Deterministic pseudo-random numbers: a page is the same on every run.
class Lcg {
 public:
  explicit Lcg(uint32_t seed) : state_(seed) {}
  int Next(int bound) {
    state_ = state_ * 1664525u + 1013904223u;
    return int((state_ >> 8) % uint32_t(bound));
  }

 private:
  uint32_t state_;
};

// An 8 bpp page whose pixel (x, y) is `value(x, y)` clamped to 0..255.
template <typename F>
PixPtr MakePage(int w, int h, F value) {
  PixPtr pix(pixCreate(w, h, 8));
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      SET_DATA_BYTE(data + y * wpl, x, std::clamp(value(x, y), 0, 255));
    }
  }
  pixSetResolution(pix.get(), 200, 200);
  return pix;
}

// Noise and black pages are small (Tesseract is slow on noise); the
// photograph is an A5 page at 200 DPI: a smaller one gives fewer words than
// kMinWordsToJudge, and a page with a few words is not judged.
constexpr int kW = 900, kH = 640;
constexpr int kA5W = 1169, kA5H = 827;

PixPtr NoisePage() {
  Lcg rng(7);
  return MakePage(kW, kH, [&](int, int) { return rng.Next(256); });
}

// A scan with the lid open: nearly black with sensor noise.
PixPtr BlackPage() {
  Lcg rng(11);
  return MakePage(kW, kH, [&](int, int) { return 12 + rng.Next(24); });
}

// Smooth shading, concentric bands and objects, grain: what a photograph of
// a room or a face looks like to a binariser.
PixPtr PhotoPage() {
  Lcg rng(13);
  return MakePage(kA5W, kA5H, [&](int x, int y) {
    const double r = std::hypot(x - 420.0, y - 380.0);
    const double shade = 60 * std::sin(x / 97.0) * std::cos(y / 131.0);
    const int band = int(r / 37) % 2 == 0 ? 50 : -50;
    const bool object = std::hypot(x - 900.0, y - 600.0) < 180;
    return 128 + int(shade) + band + (object ? -90 : 0) + rng.Next(40) - 20;
  });
}

PixPtr BlankPage() {
  Lcg rng(17);
  return MakePage(kW, kH, [&](int, int) { return 240 + rng.Next(10); });
}

std::string WritePng(Pix* pix, const std::string& name) {
  const std::string path = TempPath(name);
  EXPECT_EQ(pixWrite(path.c_str(), pix, IFF_PNG), 0);
  return path;
}

// The page as ingestion measures it (LoadImage: cleanup, OCR, measures).
PageInfo MeasuredByIngestion(const std::string& path, const ScanOptions& opts = ScanOptions{},
                             ScanStats* stats = nullptr) {
  auto doc = LoadImage(path, opts, stats);
  EXPECT_TRUE(doc.ok()) << path << ": " << doc.status().ToString();
  if (!doc.ok() || doc->page_info.empty()) return PageInfo{};
  return doc->page_info[0];
}

// The page as the OCR reads it without any orientation detection: cleanup
// and recognition as ingestion does them, then the measures. The check must
// catch a turned page even where nothing turned it upright.
PageInfo MeasuredWithoutOrientation(Pix* page, int dpi) {
  CleanupOptions cleanup;
  cleanup.dpi = dpi;
  auto clean = CleanPageImage(page, 1.0, cleanup);
  EXPECT_TRUE(clean.ok());
  auto engine = LeaseOcrEngine(OcrOptions{});
  EXPECT_TRUE(engine.ok());
  PageInfo info;
  if (!clean.ok() || !engine.ok()) return info;
  std::vector<TextLine> lines;
  EXPECT_TRUE((*engine)->RecognizePage(clean->binary.get(), dpi, 1, clean->transform, &lines).ok());
  MeasurePageQuality(lines, &info);
  return info;
}

// ------------------------------------------------------------ word test

TEST(IsPlausibleWord, DutchWordsNamesNumbersAndCodes) {
  for (const char* w : {"gemeente",
                        "Gemeente",
                        "GEMEENTE",
                        "opvangplaatsen,",
                        "(regulier)",
                        "amv-opvangplaatsen",
                        "'s-Hertogenbosch",
                        "Súdwest-Fryslân",
                        "IJsselstein",
                        "auto's",
                        "en/of",
                        "opvang-",
                        "5.787",
                        "20-12-2024",
                        "12,5%",
                        "€",
                        "-",
                        "GM0148",
                        "1e",
                        "3de",
                        "COA",
                        "II",
                        "u",
                        "Dalfsen.",
                        "the",
                        "installation",
                        "Artikel"}) {
    EXPECT_TRUE(IsPlausibleWord(w)) << w;
  }
}

TEST(IsPlausibleWord, ShapesReadAsLettersAreNot) {
  for (const char* w : {"|", ".", "_", "~", "ll|", "B3Q", "xkcdtfghq", "aaaa", "eeeee", "gEMEENte",
                        "nepBoro", "1.2..3", "Ð¾Ñ", "q", "%%", "\xff\xfe"}) {
    EXPECT_FALSE(IsPlausibleWord(w)) << w;
  }
}

// ------------------------------------------------------------ verdict

TEST(UnreadablePageReason, ThresholdsBlankPagesAndTextLayers) {
  PageInfo info;
  EXPECT_EQ(UnreadablePageReason(info), "") << "not measured (a text-layer page)";
  info.mean_word_confidence = 0;
  info.word_count = 0;
  info.plausible_word_share = 0;
  EXPECT_EQ(UnreadablePageReason(info), "") << "a blank page is not garbage";
  info.word_count = kMinWordsToJudge - 1;
  EXPECT_EQ(UnreadablePageReason(info), "") << "too few words to judge (a stamp, specks)";
  info.word_count = 143;
  info.mean_word_confidence = 0.21;
  info.plausible_word_share = 0.04;
  EXPECT_EQ(UnreadablePageReason(info), "mean word confidence 0.21, 4% plausible words (of 143)");
  info.mean_word_confidence = kMinMeanWordConfidence + 0.01;
  info.plausible_word_share = kMinPlausibleWordShare + 0.01;
  EXPECT_EQ(UnreadablePageReason(info), "");
  info.plausible_word_share = kMinPlausibleWordShare - 0.01;
  EXPECT_NE(UnreadablePageReason(info), "") << "either measure alone flags the page";
}

// ------------------------------------------------------------ OCR'd pages

TEST(PageQuality, NoiseBlackAndPhotographPagesAreUnreadable) {
  struct Case {
    const char* name;
    PixPtr page;
  };
  Case cases[] = {{"noise", NoisePage()}, {"black", BlackPage()}, {"photo", PhotoPage()}};
  for (Case& c : cases) {
    const std::string path = WritePng(c.page.get(), std::string(c.name) + ".png");
    // Judged from the image alone: no OCR, no words, and unreadable.
    ScanStats stats;
    const PageInfo info = MeasuredByIngestion(path, ScanOptions{}, &stats);
    EXPECT_EQ(info.word_count, 0) << c.name;
    EXPECT_NE(info.unreadable_image, "") << c.name;
    EXPECT_EQ(UnreadablePageReason(info), info.unreadable_image) << c.name;
    EXPECT_EQ(stats.pages_unreadable_image, 1) << c.name;
    EXPECT_EQ(stats.pages_osd, 0) << c.name;
    EXPECT_EQ(stats.ocr_seconds, 0.0) << c.name;
    // Read all the same (the image check off), the OCR's words say so too.
    ScanOptions read_all;
    read_all.skip_unreadable_images = false;
    read_all.detect_orientation = false;  // OSD on noise adds seconds, not evidence
    const PageInfo read = MeasuredByIngestion(path, read_all);
    EXPECT_GE(read.word_count, kMinWordsToJudge) << c.name << ": the OCR reads shapes as words";
    EXPECT_LT(read.mean_word_confidence, kMinMeanWordConfidence) << c.name;
    EXPECT_EQ(read.unreadable_image, "") << c.name;
    EXPECT_NE(UnreadablePageReason(read), "") << c.name;
  }
}

// The image measure on its own: pages with text or paper pass, whatever
// their print (a fax, a photocopy, redaction bars); black, noise and a
// photograph do not.
TEST(PageImage, PaperShowsOnTextAndBlankPagesNotOnNoiseBlackOrPhotographs) {
  PixPtr table(pixRead((kDir + "table_skewed.png").c_str()));
  ASSERT_NE(table, nullptr);
  PixPtr fax(pixReadTiff((kDir + "letters.tif").c_str(), 0));
  ASSERT_NE(fax, nullptr);
  struct Case {
    const char* name;
    Pix* page;
    bool paper;
  };
  PixPtr blank = BlankPage(), noise = NoisePage(), black = BlackPage(), photo = PhotoPage();
  const Case cases[] = {{"table", table.get(), true},  {"1-bit letters", fax.get(), true},
                        {"blank", blank.get(), true},  {"noise", noise.get(), false},
                        {"black", black.get(), false}, {"photo", photo.get(), false}};
  for (const Case& c : cases) {
    const PageImageMeasures m = MeasurePageImage(c.page, 200);
    EXPECT_EQ(UnreadableImageReason(m).empty(), c.paper)
        << c.name << ": paper level " << m.paper_level << ", paper share " << m.paper_share;
    if (c.paper) {  // with a margin
      EXPECT_GE(m.paper_share, kMinPaperShare + 0.3) << c.name;
      EXPECT_GE(m.paper_level, kMinPaperLevel + 100) << c.name;
    } else {
      EXPECT_TRUE(m.paper_share <= kMinPaperShare - 0.15 || m.paper_level <= kMinPaperLevel - 40)
          << c.name << ": paper level " << m.paper_level << ", paper share " << m.paper_share;
    }
  }
  EXPECT_NE(UnreadableImageReason(MeasurePageImage(black.get(), 200)).find("a black page"),
            std::string::npos);
  EXPECT_NE(UnreadableImageReason(MeasurePageImage(noise.get(), 200)).find("noise or a photograph"),
            std::string::npos);
}

// Which first readings skip orientation detection, and which of two
// readings of a page is kept.
TEST(ReadsAsUpright, OnlyPlainlyReadableTextWithEnoughWords) {
  PageInfo info;
  info.word_count = 200;
  info.mean_word_confidence = 0.93;
  info.plausible_word_share = 0.98;
  EXPECT_TRUE(ReadsAsUpright(info, 0.70, 0.75));
  info.mean_word_confidence = 0.45;  // a table upside down
  EXPECT_FALSE(ReadsAsUpright(info, 0.70, 0.75));
  info.mean_word_confidence = 0.93;
  info.plausible_word_share = 0.6;
  EXPECT_FALSE(ReadsAsUpright(info, 0.70, 0.75));
  info.plausible_word_share = 1.0;
  info.word_count = kMinWordsToJudge - 1;  // a stamp: too few words to tell
  EXPECT_FALSE(ReadsAsUpright(info, 0.70, 0.75));

  PageInfo as_is, turned;
  as_is.word_count = 150;
  as_is.mean_word_confidence = 0.66;
  turned.word_count = 160;
  turned.mean_word_confidence = 0.41;
  EXPECT_TRUE(ReadsBetter(as_is, turned)) << "OSD wrong on a poor upright page";
  EXPECT_FALSE(ReadsBetter(turned, as_is));
  as_is.word_count = 3;
  EXPECT_FALSE(ReadsBetter(as_is, turned)) << "a few words say nothing";
}

TEST(PageQuality, ABlankPageIsBlankNotGarbage) {
  const PageInfo info = MeasuredByIngestion(WritePng(BlankPage().get(), "blank.png"));
  EXPECT_EQ(info.word_count, 0);
  EXPECT_EQ(UnreadablePageReason(info), "");
}

TEST(PageQuality, ATablePageReadsAndUpsideDownItDoesNot) {
  PixPtr page(pixRead((kDir + "table_skewed.png").c_str()));
  ASSERT_NE(page, nullptr);
  const PageInfo upright = MeasuredWithoutOrientation(page.get(), 200);
  EXPECT_GE(upright.mean_word_confidence, kMinMeanWordConfidence + 0.1);
  EXPECT_GE(upright.plausible_word_share, kMinPlausibleWordShare + 0.1);
  EXPECT_EQ(UnreadablePageReason(upright), "");

  PixPtr turned(pixRotate180(nullptr, page.get()));
  const PageInfo upside_down = MeasuredWithoutOrientation(turned.get(), 200);
  EXPECT_GE(upside_down.word_count, kMinWordsToJudge);
  EXPECT_NE(UnreadablePageReason(upside_down), "")
      << "confidence " << upside_down.mean_word_confidence << ", plausible "
      << upside_down.plausible_word_share;
}

TEST(PageQuality, AnotherScriptIsUnreadableAnEnglishManualReads) {
  const PageInfo russian = MeasuredByIngestion(kDir + "page_russian.png");
  EXPECT_LT(russian.plausible_word_share, kMinPlausibleWordShare);
  EXPECT_NE(UnreadablePageReason(russian), "");

  const PageInfo english = MeasuredByIngestion(kDir + "page_english_manual.png");
  EXPECT_GE(english.word_count, 100);
  EXPECT_GE(english.mean_word_confidence, 0.9);
  EXPECT_GE(english.plausible_word_share, 0.95);
  EXPECT_EQ(UnreadablePageReason(english), "");
}

}  // namespace
}  // namespace verdeelscan
