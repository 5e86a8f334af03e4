#include "extractors/documents/kinds/registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "extractors/documents/classify.h"
#include "extractors/documents/letters.h"
#include "extractors/ingest/text_dump.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kLetters = fs::path(VERDEELSCAN_SOURCE_DIR) / "samples" / "letters";

TEST(KindRegistry, EveryKindHasExactlyOneEntry) {
  std::map<DocumentKind, int> entries;
  for (const KindEntry& e : AllKinds()) ++entries[e.kind];
  EXPECT_EQ(AllKinds().size(), kDocumentKinds.size());
  for (const DocumentKindName& k : kDocumentKinds) {
    EXPECT_EQ(entries[k.kind], 1) << k.name;
    EXPECT_EQ(Kind(k.kind).kind, k.kind) << k.name;
    EXPECT_FALSE(Kind(k.kind).cues.empty()) << k.name << " has no cues";
    for (const Cue& c : Kind(k.kind).cues) {
      EXPECT_TRUE(c.re->ok()) << k.name << ": " << c.label;
      EXPECT_GT(c.weight, 0) << k.name << ": " << c.label;
      EXPECT_GE(c.max_hits, 1) << k.name << ": " << c.label;
    }
  }
}

TEST(KindRegistry, TieBreakOrderIsTheContractOrder) {
  // On equal scores the entry listed first wins; the contract lists the
  // kinds in that order (and the CLI offers them so).
  ASSERT_EQ(AllKinds().size(), kDocumentKinds.size());
  for (size_t i = 0; i < kDocumentKinds.size(); ++i)
    EXPECT_EQ(AllKinds()[i].kind, kDocumentKinds[i].kind) << kDocumentKinds[i].name;
  std::vector<std::string> names = RecordKinds();
  ASSERT_EQ(names.size(), kDocumentKinds.size());
  for (size_t i = 0; i < names.size(); ++i) EXPECT_EQ(names[i], kDocumentKinds[i].name);
}

// The registry's cues classify every committed sample as its expectations
// say: the same kinds, on the same line ranges, and classifying a segment
// again gives the same verdict with evidence for every known kind.
TEST(KindRegistry, ClassifiesTheLetterSamplesAsExpected) {
  int files = 0, segments = 0;
  for (const auto& e : fs::directory_iterator(kLetters)) {
    const std::string name = e.path().filename().string();
    if (name.size() <= 14 || name.substr(name.size() - 14) != ".expected.json") continue;
    SCOPED_TRACE(name);
    ++files;
    json truth = json::parse(std::ifstream(e.path()));
    StatusOr<TextDocument> doc =
        LoadTextDump((kLetters / truth["file"].get<std::string>()).string());
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    std::vector<Segment> segs = SplitAndClassify(*doc);
    const json& want = truth["segments"];
    ASSERT_EQ(segs.size(), want.size());
    for (size_t i = 0; i < segs.size(); ++i) {
      ++segments;
      EXPECT_EQ(ToString(segs[i].kind), want[i]["kind"].get<std::string>()) << "segment " << i;
      if (want[i].contains("lines")) {
        EXPECT_EQ(doc->lines[segs[i].first].line_no, want[i]["lines"][0].get<int>());
        EXPECT_EQ(doc->lines[segs[i].last].line_no, want[i]["lines"][1].get<int>());
      }
      Segment again{segs[i].first, segs[i].last, DocumentKind::kUnknown, {}};
      ClassifySegment(*doc, again);
      EXPECT_EQ(again.kind, segs[i].kind) << "segment " << i;
      EXPECT_EQ(again.evidence, segs[i].evidence) << "segment " << i;
      if (again.kind != DocumentKind::kUnknown) {
        EXPECT_FALSE(again.evidence.empty());
      }
    }
  }
  EXPECT_GE(files, 15);
  EXPECT_GE(segments, files);
}

TEST(KindRegistry, WooGroundsPageIsUnknownWithItsGroundsRead) {
  // Seed 001 ends with the Woo grounds page: filler, recognised as such.
  StatusOr<TextDocument> doc =
      LoadTextDump((kLetters.parent_path() / "seeds" / "001_6cd23678e9073bd3.txt").string());
  ASSERT_TRUE(doc.ok());
  std::vector<Segment> segs = SplitAndClassify(*doc);
  ASSERT_EQ(segs.size(), 4u);
  EXPECT_EQ(segs[3].kind, DocumentKind::kUnknown);
  ASSERT_FALSE(segs[3].evidence.empty());
  EXPECT_EQ(segs[3].evidence[0], Kind(DocumentKind::kUnknown).verdict_note);
  Record r;
  ExtractLetterFields(*doc, segs[3], r);
  EXPECT_EQ(r.kind, DocumentKind::kUnknown);
  ASSERT_TRUE(r.extra.contains("woo_grounds"));
  EXPECT_EQ(r.extra["woo_grounds"][0]["ground"], "5.1.2e");
}

}  // namespace
}  // namespace verdeelscan
