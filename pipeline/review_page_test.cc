#include "pipeline/review_page.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "extractors/ingest/ocr.h"
#include "extractors/ingest/page_image.h"
#include "pipeline/extract.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSamples = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/";

std::vector<json> RecordsOf(const std::string& path) {
  std::vector<json> out;
  for (const Record& r : ExtractFile(path)) out.push_back(ToJson(r));
  return out;
}

// The view model inside a page (the JSON of #review-data).
json ViewOf(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"review-data\">";
  const size_t from = html.find(open);
  const size_t to = html.find("</script>", from);
  EXPECT_NE(from, std::string::npos);
  EXPECT_NE(to, std::string::npos);
  return json::parse(html.substr(from + open.size(), to - from - open.size()));
}

const json* BesluitOf(const std::vector<json>& records) {
  for (const json& r : records)
    if (r.value("kind", "") == "verdeelbesluit") return &r;
  return nullptr;
}

TEST(RecordKey, PageRangeLinesOrAll) {
  EXPECT_EQ(RecordKey({{"source", {{"sha256", "ab"}, {"page_range", {1, 2}}, {"lines", {3, 9}}}}}),
            "ab:p1-2");
  EXPECT_EQ(RecordKey({{"source", {{"sha256", "ab"}, {"lines", {212, 1487}}}}}), "ab:l212-1487");
  EXPECT_EQ(RecordKey({{"source", {{"sha256", "ab"}}}}), "ab:all");
  EXPECT_EQ(RecordKey(json::array()), ":all");  // never throws on a damaged record
}

// Seed 001 as a text dump: the repaired Overijssel table, every corrected
// cell with its source lines, the toelichting's receiver count as a finding.
TEST(ReviewPage, TextDumpShowsSourceLinesAndFindings) {
  const std::vector<json> records = RecordsOf(kSamples + "seeds/001_6cd23678e9073bd3.txt");
  const std::string html = ReviewPageHtml(records);
  EXPECT_NE(html.find("verdeelscan-review-decisions"), std::string::npos);  // the script is in
  EXPECT_NE(html.find("td.cell"), std::string::npos);                       // the style is in
  const json view = ViewOf(html);
  ASSERT_EQ(view["tables"].size(), 1u);
  const json& table = view["tables"][0];
  EXPECT_EQ(table["province"], "Overijssel");
  EXPECT_EQ(table["status"], "repaired");
  int corrected = 0;
  for (const json& row : table["rows"]) {
    for (const auto& [field, cell] : row["cells"].items()) {
      ++corrected;
      ASSERT_TRUE(cell.contains("lines")) << row["gemeente"] << " " << field;
      // The line holds the reading (its first word: a name may go on).
      const std::string raw = cell["raw"].get<std::string>();
      const std::string first_word = raw.substr(0, raw.find(' '));
      bool hit = false;
      for (const json& l : cell["lines"])
        hit = hit || (l[0] == cell["line"] &&
                      l[1].get<std::string>().find(first_word) != std::string::npos);
      EXPECT_TRUE(hit) << "line " << cell["line"] << " does not hold " << cell["raw"];
    }
  }
  EXPECT_GT(corrected, 0);
  bool count_finding = false;
  for (const json& f : view["findings"])
    count_finding |= f["id"].get<std::string>().rfind("restopgave.count.", 0) == 0;
  EXPECT_TRUE(count_finding);
  EXPECT_EQ(view["summary"]["tables"]["repaired"], 1);
}

// The JSON inside the page never ends its <script> early.
TEST(ReviewPage, ScriptEndInDataIsEscaped) {
  json rec = {{"kind", "unknown"},
              {"status", "failed"},
              {"error", "</script><b>x</b>"},
              {"source", {{"file", "x.pdf"}, {"sha256", "00"}}}};
  const std::string html = ReviewPageHtml({rec});
  EXPECT_EQ(html.find("</script><b>"), std::string::npos);
  EXPECT_EQ(ViewOf(html)["missing"][0]["why"], "unreadable file: </script><b>x</b>");
}

// A cell with no box (nothing was read there) is cropped where it should be,
// from its row and its column; a record whose source file is gone says so
// instead of a crop.
TEST(ReviewPage, UnreadCellsAndMissingSources) {
  json rec = RecordsOf(kSamples + "scans/scan001_flevoland.pdf")[0];
  rec["status"] = "needs_review";
  json& unread = rec["allocations"][1];
  unread["bbox"].erase("amv");
  unread["doubtful"] = json::array({"amv"});
  json view = ViewOf(ReviewPageHtml({rec}));
  ASSERT_EQ(view["tables"].size(), 1u);
  const json& cell = view["tables"][0]["rows"][1]["cells"]["amv"];
  EXPECT_TRUE(cell.value("box_estimated", false));
  EXPECT_TRUE(cell.contains("img")) << cell.value("img_error", "");
  const json& row_box = unread["bbox"]["regulier"];
  EXPECT_LE(cell["box"][1], row_box[1]);  // the row's height
  EXPECT_GE(cell["box"][3], row_box[3]);

  rec["source"]["file"] = "/nonexistent/scan.pdf";
  view = ViewOf(ReviewPageHtml({rec}));
  const json& gone = view["tables"][0]["rows"][1]["cells"]["amv"];
  EXPECT_FALSE(gone.contains("img"));
  EXPECT_NE(gone.value("img_error", "").find("cannot be read"), std::string::npos);
}

// The crop of a cell holds its digits: every number cell of a committed scan
// sample is cropped as the page does it, and a digits-only OCR of the crop
// reads the value the record holds for it (read as printed, so equal to the
// text of the cell).
TEST(ReviewPage, CropOfACellHoldsItsDigits) {
  const std::string path = kSamples + "scans/scan001_flevoland.pdf";
  const std::vector<json> records = RecordsOf(path);
  const json* besluit = BesluitOf(records);
  ASSERT_NE(besluit, nullptr);
  const json& source = (*besluit)["source"];
  OcrOptions digits;
  digits.page_seg_mode = 7;
  digits.char_whitelist = "0123456789";
  digits.alternatives = false;
  auto engine = OcrEngine::Create(digits);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  int checked = 0, read = 0;
  for (const json& a : (*besluit)["allocations"]) {
    const int page = a["page"].get<int>();
    auto upright = RenderUprightPage(path, page, source["dpi"].get<int>(), 0);
    ASSERT_TRUE(upright.ok()) << upright.status().message();
    for (const char* f : {"regulier", "amv", "totaal"}) {
      if (!a["bbox"].contains(f)) continue;
      const json& b = a["bbox"][f];
      auto png = CropPng(*upright, {b[0], b[1], b[2], b[3]}, 2, 48);
      ASSERT_TRUE(png.ok());
      PixPtr pix(pixReadMem(reinterpret_cast<const l_uint8*>(png->data()), png->size()));
      ASSERT_TRUE(pix);
      auto reading = (*engine)->RecognizeCrop(pix.get(), 300);
      ASSERT_TRUE(reading.ok());
      ++checked;
      read += reading->text == std::to_string(a[f].get<long>());
    }
  }
  EXPECT_GE(checked, 12);
  EXPECT_GE(read, checked - 1) << read << " of " << checked << " crops read as their value";
}

// A batch's exports include review.html, and the crops of a scanned input
// are in it.
TEST(ReviewPage, ExporterWritesThePageWithCrops) {
  const fs::path dir = fs::temp_directory_path() / ("vs_review_" + std::to_string(getpid()));
  fs::create_directories(dir);
  // A tie between equally cheap repairs, and two names that match nothing.
  const std::vector<json> records = RecordsOf(kSamples + "scans/scan004_gelderland.tif");
  ASSERT_TRUE(Export(records, BatchExporters(dir.string())).ok());
  std::ifstream in(dir / "review.html");
  const std::string html((std::istreambuf_iterator<char>(in)), {});
  const json view = ViewOf(html);
  ASSERT_EQ(view["tables"].size(), 1u);
  EXPECT_EQ(view["tables"][0]["status"], "needs_review");
  int crops = 0, doubtful = 0, ties = 0;
  for (const json& row : view["tables"][0]["rows"])
    for (const auto& [field, cell] : row["cells"].items()) {
      EXPECT_TRUE(cell.contains("img")) << cell.value("img_error", "");
      crops += cell.contains("img");
      doubtful += cell["doubtful"].get<bool>();
      for (const json& alt : cell["alternatives"]) ties += alt.value("equally_cheap", false);
    }
  EXPECT_GT(doubtful, 0);
  // A tie offers the equally cheap readings; a table without one offers none.
  const json& solver = records[0]["table"]["solver"];
  EXPECT_EQ(ties > 0, solver["outcome"] == "tie") << solver.dump();
  EXPECT_GT(crops, 0);
  // Every unmatched name comes with reference candidates; Zutphen's damaged
  // name ("Zuphea", "Zwphen": how the OCR reads it varies) proposes Zutphen.
  int unmatched = 0;
  bool zutphen = false;
  for (const json& row : view["tables"][0]["rows"]) {
    if (!row.value("gemeente", std::string()).empty()) continue;
    ++unmatched;
    EXPECT_FALSE(row["candidates"].empty()) << row["raw_gemeente"];
    if (!row["candidates"].empty() && row["candidates"][0]["name"] == "Zutphen") zutphen = true;
  }
  EXPECT_GT(unmatched, 0);
  EXPECT_TRUE(zutphen) << "the damaged Zutphen proposes Zutphen first";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace verdeelscan
