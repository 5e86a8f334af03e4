// The searchable PDF/A on the samples: the input's own page images pass
// through, the OCR words sit where the page shows them (turned and skewed
// pages too), the PDF/A-2B parts are there, and failures leave nothing behind.
#define POINTERHOLDER_TRANSITION 4

#include "extractors/ingest/searchable_pdf.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/ingest/ingest.h"

namespace verdeelscan {
namespace {

const std::string kFormats = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/formats/";
const std::string kScans = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/scans/";

// Each input is read once per process, at 200 DPI (fast enough for CI).
const TextDocument& Read(const std::string& path) {
  static std::map<std::string, TextDocument> cache;
  auto it = cache.find(path);
  if (it == cache.end()) {
    ScanOptions opts;
    opts.dpi = 200;
    auto doc = LoadScan(path, opts);
    EXPECT_TRUE(doc.ok()) << path << ": " << doc.status().ToString();
    it = cache.emplace(path, doc.ok() ? *doc : TextDocument{}).first;
  }
  return it->second;
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/vs_searchable_" + std::to_string(::getpid()) + "_" + name;
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string Utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// What a reader (poppler, as pdftotext) finds on each page: text and word
// boxes in points of the page as shown (its /Rotate applied).
struct ShownPage {
  double width = 0, height = 0;
  std::string text;
  std::vector<std::pair<std::string, poppler::rectf>> words;
};

std::vector<ShownPage> ReadShown(const std::string& path) {
  std::vector<ShownPage> out;
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(path));
  if (!pdf) return out;
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    ShownPage p;
    const bool sideways = page->orientation() == poppler::page::landscape ||
                          page->orientation() == poppler::page::seascape;
    p.width = sideways ? page->page_rect().height() : page->page_rect().width();
    p.height = sideways ? page->page_rect().width() : page->page_rect().height();
    p.text = Utf8(page->text());
    for (const poppler::text_box& box : page->text_list()) {
      p.words.emplace_back(Utf8(box.text()), box.bbox());
    }
    out.push_back(std::move(p));
  }
  return out;
}

const Word* FindWord(const TextDocument& doc, const std::string& text, int page = 1) {
  for (const TextLine& line : doc.lines) {
    for (const Word& w : line.words) {
      if (line.page == page && w.text == text) return &w;
    }
  }
  return nullptr;
}

// Each of `words` is in the PDF's text of `page`, where the OCR found it:
// its box centre within `tolerance` points of the OCR box's centre.
void ExpectWordsWhereOcrFoundThem(const TextDocument& doc, const ShownPage& shown, int page,
                                  const std::vector<std::string>& words, double tolerance = 4) {
  const double pt = 72.0 / doc.dpi;
  for (const std::string& text : words) {
    const Word* ocr = FindWord(doc, text, page);
    ASSERT_NE(ocr, nullptr) << text;
    const poppler::rectf* box = nullptr;
    for (const auto& [word, b] : shown.words) {
      if (word == text) box = &b;
    }
    ASSERT_NE(box, nullptr) << text << " not in the PDF's text";
    EXPECT_NEAR((box->left() + box->right()) / 2, (ocr->box.x0 + ocr->box.x1) / 2.0 * pt, tolerance)
        << text;
    EXPECT_NEAR((box->top() + box->bottom()) / 2, (ocr->box.y0 + ocr->box.y1) / 2.0 * pt, tolerance)
        << text;
  }
}

// The share of the document's words of 3+ characters the PDF's text holds.
double WordsFound(const TextDocument& doc, const std::vector<ShownPage>& shown) {
  int words = 0, found = 0;
  for (const TextLine& line : doc.lines) {
    for (const Word& w : line.words) {
      if (w.text.size() < 3 || line.page > int(shown.size())) continue;
      ++words;
      found += shown[size_t(line.page - 1)].text.find(w.text) != std::string::npos;
    }
  }
  return words == 0 ? 0 : double(found) / words;
}

// Inflates zlib data (a Flate layer over an image's own encoding).
std::string Inflate(const std::string& data) {
  std::string out(data.size() * 4 + 1024, '\0');
  while (true) {
    uLongf size = out.size();
    const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                              reinterpret_cast<const Bytef*>(data.data()), uLong(data.size()));
    if (rc == Z_BUF_ERROR) {
      out.resize(out.size() * 2);
      continue;
    }
    out.resize(rc == Z_OK ? size : 0);
    return out;
  }
}

// Each page's images in their own encoding: the image filter (the last
// one) and the data under it (a Flate layer over a JPEG removed).
struct PageImage {
  std::string filter;
  std::string data;
  bool deflated = false;  // a Flate layer over the image's own encoding
};

std::vector<std::vector<PageImage>> Images(const std::string& path) {
  std::vector<std::vector<PageImage>> out;
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.processFile(path.c_str());
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
    std::vector<PageImage> images;
    for (auto& [name, image] : page.getImages()) {
      QPDFObjectHandle filter = image.getDict().getKey("/Filter");
      PageImage one;
      const auto raw = image.getRawStreamData();
      one.data.assign(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
      if (filter.isArray() && filter.getArrayNItems() == 2 &&
          filter.getArrayItem(0).getName() == "/FlateDecode") {
        one.data = Inflate(one.data);
        one.deflated = true;
      }
      if (filter.isArray()) filter = filter.getArrayItem(filter.getArrayNItems() - 1);
      one.filter = filter.isName() ? filter.getName() : "";
      images.push_back(std::move(one));
    }
    out.push_back(std::move(images));
  }
  return out;
}

int PageRotate(const std::string& path, int index) {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.processFile(path.c_str());
  QPDFObjectHandle rotate =
      QPDFPageDocumentHelper(pdf).getAllPages()[size_t(index)].getAttribute("/Rotate", false);
  return rotate.isInteger() ? int(rotate.getIntValue()) : 0;
}

bool QpdfCheckClean(const std::string& path) {
  const std::string command = "qpdf --check '" + path + "' > /dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

std::string Write(const std::string& input, const std::string& name,
                  const SearchablePdfInfo& info = {}) {
  const std::string out = TempPath(name);
  std::remove(out.c_str());
  const Status st = WriteSearchablePdf(input, Read(input), info, out);
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_FALSE(Exists(out + ".part"));
  return out;
}

TEST(SearchablePdf, ScannedPdfKeepsItsOwnPageImageUnderTheWords) {
  const std::string input = kFormats + "table_scan.pdf";
  const std::string out = Write(input, "table_scan.pdf");
  EXPECT_TRUE(QpdfCheckClean(out));
  // The very image of the input, byte for byte: nothing re-encoded (a JPEG
  // that deflates well gets a lossless Flate layer over its own bytes).
  const auto before = Images(input), after = Images(out);
  ASSERT_EQ(after.size(), 1u);
  ASSERT_EQ(after[0].size(), 1u);
  EXPECT_EQ(after[0][0].data, before[0][0].data);
  EXPECT_EQ(after[0][0].filter, before[0][0].filter);
  const std::vector<ShownPage> shown = ReadShown(out);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_NEAR(shown[0].width, 595, 1);
  EXPECT_NEAR(shown[0].height, 842, 1);
  const TextDocument& doc = Read(input);
  EXPECT_GE(WordsFound(doc, shown), 0.95);
  ExpectWordsWhereOcrFoundThem(doc, shown[0], 1, {"Dalfsen", "Zwolle", "5.787", "648"});
  // Only a little more than the input: the text, the font and the profile.
  EXPECT_LT(FileBytes(out).size(), FileBytes(input).size() + 40'000);
  std::remove(out.c_str());
}

// The page has /Rotate 90 and OSD turned it 270 more to stand upright: the
// output page carries /Rotate 0 over the same image, and the words are where
// the upright page shows them.
TEST(SearchablePdf, TurnedPdfPageCarriesTheTurnNotANewImage) {
  const std::string input = kFormats + "table_scan_rotate90.pdf";
  ASSERT_EQ(PageRotate(input, 0), 90);
  const TextDocument& doc = Read(input);
  ASSERT_EQ(doc.page_info[0].rotation_degrees, 270);
  const std::string out = Write(input, "rotate90.pdf");
  EXPECT_TRUE(QpdfCheckClean(out));
  EXPECT_EQ(PageRotate(out, 0), 0);
  EXPECT_EQ(Images(out)[0][0].data, Images(input)[0][0].data);
  const std::vector<ShownPage> shown = ReadShown(out);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_NEAR(shown[0].width, 595, 1);  // upright A4
  ExpectWordsWhereOcrFoundThem(doc, shown[0], 1, {"Dalfsen", "Zwolle", "5.787"});
  std::remove(out.c_str());
}

// A sideways landscape scan (no /Rotate): OSD's quarter turn becomes the
// output page's /Rotate.
TEST(SearchablePdf, SidewaysScanGetsARotateAndItsWordsUpright) {
  const std::string input = kFormats + "sideways_landscape_scan.pdf";
  const TextDocument& doc = Read(input);
  ASSERT_FALSE(doc.page_info.empty());
  const int turn = doc.page_info[0].rotation_degrees;
  ASSERT_NE(turn, 0);
  const std::string out = Write(input, "sideways.pdf");
  EXPECT_EQ(PageRotate(out, 0), (PageRotate(input, 0) + turn) % 360);
  const std::vector<ShownPage> shown = ReadShown(out);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_NEAR(shown[0].width, doc.page_info[0].width * 72.0 / doc.dpi, 2);
  EXPECT_GE(WordsFound(doc, shown), 0.9);
  // Long words that occur once on the page, so each names one place.
  std::map<std::string, int> count;
  for (const TextLine& line : doc.lines) {
    for (const Word& w : line.words) ++count[w.text];
  }
  std::vector<std::string> words;
  for (const auto& [text, n] : count) {
    if (n == 1 && text.size() >= 7 && words.size() < 5 &&
        text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
            std::string::npos)
      words.push_back(text);
  }
  ASSERT_GE(words.size(), 3u);
  ExpectWordsWhereOcrFoundThem(doc, shown[0], 1, words);
  std::remove(out.c_str());
}

// A skewed PNG: a Flate image of the original pixels (lossless, not the
// straightened page), the words along the skew where the OCR found them.
TEST(SearchablePdf, SkewedPngIsEmbeddedLosslesslyWithItsWords) {
  const std::string input = kFormats + "table_skewed.png";
  const TextDocument& doc = Read(input);
  ASSERT_GT(std::abs(doc.page_info[0].deskew_degrees), 0.5);
  const std::string out = Write(input, "skewed.pdf");
  EXPECT_TRUE(QpdfCheckClean(out));
  const auto images = Images(out);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0][0].filter, "/FlateDecode");
  const std::vector<ShownPage> shown = ReadShown(out);
  EXPECT_NEAR(shown[0].width, doc.page_info[0].width * 72.0 / doc.dpi, 1);
  EXPECT_GE(WordsFound(doc, shown), 0.95);
  ExpectWordsWhereOcrFoundThem(doc, shown[0], 1, {"Almelo", "Zwolle", "5.787"}, 6);
  std::remove(out.c_str());
}

// An upside-down page image: the PDF page holds the image as scanned, with
// /Rotate 180, and the words lie where the upright page shows them.
TEST(SearchablePdf, UpsideDownImageIsShownUprightByRotate) {
  const std::string upright_path = kFormats + "table_skewed.png";
  Pix* page = pixRead(upright_path.c_str());
  ASSERT_NE(page, nullptr);
  Pix* turned = pixRotateOrth(page, 2);
  pixSetResolution(turned, 200, 200);
  const std::string input = TempPath("upside_down.png");
  ASSERT_EQ(pixWrite(input.c_str(), turned, IFF_PNG), 0);
  pixDestroy(&turned);
  pixDestroy(&page);
  const TextDocument& doc = Read(input);
  ASSERT_EQ(doc.page_info[0].rotation_degrees, 180);
  const std::string out = Write(input, "upside_down.pdf");
  EXPECT_EQ(PageRotate(out, 0), 180);
  const std::vector<ShownPage> shown = ReadShown(out);
  EXPECT_NEAR(shown[0].width, 595, 2);
  EXPECT_NEAR(shown[0].height, 842, 2);
  EXPECT_GE(WordsFound(doc, shown), 0.95);
  ExpectWordsWhereOcrFoundThem(doc, shown[0], 1, {"Almelo", "Zwolle", "5.787"}, 6);
  std::remove(out.c_str());
  std::remove(input.c_str());
}

// 1-bit TIFF pages become CCITT G4 images, one PDF page per TIFF page, and a
// JPEG passes through as the file's own bytes (DCT).
TEST(SearchablePdf, TiffPagesAreG4AndAJpegPassesThrough) {
  const std::string tiff = kScans + "scan003_fryslan.tif";
  const std::string out = Write(tiff, "fryslan.pdf");
  EXPECT_TRUE(QpdfCheckClean(out));
  const auto images = Images(out);
  ASSERT_EQ(images.size(), size_t(Read(tiff).pages));
  for (const auto& page : images) EXPECT_EQ(page[0].filter, "/CCITTFaxDecode");
  const std::vector<ShownPage> shown = ReadShown(out);
  EXPECT_GE(WordsFound(Read(tiff), shown), 0.95);
  ExpectWordsWhereOcrFoundThem(Read(tiff), shown[0], 1, {"Ameland", "Harlingen"});
  std::remove(out.c_str());

  const std::string jpeg = kFormats + "letter.jpg";
  const std::string jout = Write(jpeg, "letter.pdf");
  const auto jimages = Images(jout);
  ASSERT_EQ(jimages.size(), 1u);
  EXPECT_EQ(jimages[0][0].filter, "/DCTDecode");
  EXPECT_EQ(jimages[0][0].data, FileBytes(jpeg));
  EXPECT_LT(FileBytes(jout).size(), FileBytes(jpeg).size() + 20'000);
  EXPECT_NE(ReadShown(jout)[0].text.find("Hilversum"), std::string::npos);
  std::remove(jout.c_str());
}

// PDF/A-2B's document parts, checked on the file (veraPDF is not in Debian):
// the XMP packet with the PDF/A markers and the Woo metadata, Info in
// agreement, an sRGB OutputIntent with an ICC profile, the font embedded,
// no encryption.
TEST(SearchablePdf, ArchivalPartsArePresent) {
  SearchablePdfInfo info;
  info.kind = "verdeelbesluit";
  info.province = "Overijssel";
  info.date = "2024-12-20";
  info.reference = "6015733";
  info.producer = "verdeelscan test";
  const std::string out = Write(kFormats + "table_scan.pdf", "archival.pdf", info);
  QPDF pdf;
  pdf.processFile(out.c_str());
  EXPECT_FALSE(pdf.isEncrypted());
  QPDFObjectHandle root = pdf.getRoot();
  QPDFObjectHandle metadata = root.getKey("/Metadata");
  ASSERT_TRUE(metadata.isStream());
  EXPECT_FALSE(metadata.getDict().hasKey("/Filter"));  // PDF/A: XMP not compressed
  const auto xmp_buffer = metadata.getRawStreamData();
  const std::string xmp(reinterpret_cast<const char*>(xmp_buffer->getBuffer()),
                        xmp_buffer->getSize());
  for (const char* want :
       {"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
        "<rdf:li xml:lang=\"x-default\">table_scan.pdf</rdf:li>", "<woo:province>Overijssel<",
        "<woo:date>2024-12-20<", "<woo:reference>6015733<", "<woo:kind>verdeelbesluit<",
        "<pdf:Producer>verdeelscan test<", "<xmp:CreateDate>", "<pdfaSchema:prefix>woo<"}) {
    EXPECT_NE(xmp.find(want), std::string::npos) << want;
  }
  QPDFObjectHandle doc_info = pdf.getTrailer().getKey("/Info");
  EXPECT_EQ(doc_info.getKey("/Title").getUTF8Value(), "table_scan.pdf");
  EXPECT_EQ(doc_info.getKey("/Producer").getUTF8Value(), "verdeelscan test");

  QPDFObjectHandle intents = root.getKey("/OutputIntents");
  ASSERT_TRUE(intents.isArray());
  ASSERT_EQ(intents.getArrayNItems(), 1);
  QPDFObjectHandle intent = intents.getArrayItem(0);
  EXPECT_EQ(intent.getKey("/S").getName(), "/GTS_PDFA1");
  QPDFObjectHandle profile = intent.getKey("/DestOutputProfile");
  ASSERT_TRUE(profile.isStream());
  EXPECT_EQ(profile.getDict().getKey("/N").getIntValue(), 3);
  const auto icc = profile.getStreamData();
  ASSERT_GT(icc->getSize(), 128u);
  const std::string head(reinterpret_cast<const char*>(icc->getBuffer()), 128);
  EXPECT_EQ(head.substr(36, 4), "acsp");  // an ICC profile
  EXPECT_EQ(head.substr(16, 4), "RGB ");  // of RGB

  QPDFPageObjectHelper page = QPDFPageDocumentHelper(pdf).getAllPages()[0];
  QPDFObjectHandle fonts = page.getAttribute("/Resources", false).getKey("/Font");
  ASSERT_TRUE(fonts.isDictionary());
  ASSERT_EQ(fonts.getKeys().size(), 1u);
  QPDFObjectHandle font = fonts.getKey(*fonts.getKeys().begin());
  QPDFObjectHandle descendant = font.getKey("/DescendantFonts").getArrayItem(0);
  QPDFObjectHandle file = descendant.getKey("/FontDescriptor").getKey("/FontFile2");
  ASSERT_TRUE(file.isStream());
  EXPECT_GT(file.getStreamData()->getSize(), 100u);
  EXPECT_TRUE(font.getKey("/ToUnicode").isStream());
  EXPECT_EQ(FileBytes(out).substr(0, 8), "%PDF-1.6");
  std::remove(out.c_str());
}

TEST(SearchablePdf, TextLayerPdfIsAlreadySearchable) {
  const std::string out = TempPath("text.pdf");
  const std::string input = kFormats + "table_text.pdf";
  const Status st = WriteSearchablePdf(input, Read(input), {}, out);
  EXPECT_EQ(st.code(), Status::Code::kUnsupported);
  EXPECT_NE(st.message().find("already searchable"), std::string::npos) << st.message();
  EXPECT_FALSE(Exists(out));
}

TEST(SearchablePdf, FailuresLeaveNoFileAndNeverTouchTheInput) {
  const std::string input = kFormats + "table_scan.pdf";
  const std::string out = TempPath("no_such_dir") + "/out.pdf";
  const Status st = WriteSearchablePdf(input, Read(input), {}, out);
  EXPECT_EQ(st.code(), Status::Code::kIOError) << st.ToString();
  EXPECT_FALSE(Exists(out));
  EXPECT_FALSE(Exists(out + ".part"));
  // Never over the input.
  const std::string copy = TempPath("self.pdf");
  std::ofstream(copy, std::ios::binary) << FileBytes(input);
  const Status self = WriteSearchablePdf(copy, Read(input), {}, copy);
  EXPECT_EQ(self.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(FileBytes(copy), FileBytes(input));
  std::remove(copy.c_str());
}

TEST(PageTexts, EveryPageSeparatedByAFormFeed) {
  TextDocument doc;
  doc.pages = 3;
  doc.lines = {{"Verdeelbesluit", 1, 1, {}, {}},
               {"Overijssel 2024", 1, 2, {}, {}},
               {"Totaal 5.787", 3, 1, {}, {}}};
  EXPECT_EQ(PageTexts(doc), "Verdeelbesluit\nOverijssel 2024\n\f\fTotaal 5.787\n");
}

}  // namespace
}  // namespace verdeelscan
