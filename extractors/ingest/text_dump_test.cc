#include "extractors/ingest/text_dump.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace verdeelscan {
namespace {

const std::string kSeed001 =
    std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/seeds/001_6cd23678e9073bd3.txt";

TEST(RepairLigatures, BrokenTextLayerLigatures) {
  // Seed 002's text layer: Ɵ for ti, Ʃ for tt, Ō for ft.
  EXPECT_EQ(RepairLigatures("coördinaƟe"), "coördinatie");
  EXPECT_EQ(RepairLigatures("toegezeƩe"), "toegezette");
  EXPECT_EQ(RepairLigatures("heeŌ gezegd"), "heeft gezegd");
  EXPECT_EQ(RepairLigatures("ﬁnanciën"), "financiën");
  EXPECT_EQ(RepairLigatures("ﬂexibel ﬀ ﬃ ﬄ ﬅ ﬆ"), "flexibel ff ffi ffl ft st");
  EXPECT_EQ(RepairLigatures("opvanglocaƟes en acƟe"), "opvanglocaties en actie");
  // Other non-ASCII text passes through untouched.
  EXPECT_EQ(RepairLigatures("Fryslân – één"), "Fryslân – één");
  EXPECT_EQ(RepairLigatures(""), "");
}

TEST(TextDocumentFromString, LinesAreNumberedAndRepaired) {
  StatusOr<TextDocument> d = TextDocumentFromString("eerste\r\n\nderde regel met aƩentie\n");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->media, "text");
  EXPECT_EQ(d->pages, 1);
  ASSERT_EQ(d->lines.size(), 3u);
  EXPECT_EQ(d->lines[0].text, "eerste");  // CR dropped
  EXPECT_EQ(d->lines[1].text, "");
  EXPECT_EQ(d->lines[2].text, "derde regel met attentie");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(d->lines[i].line_no, i + 1);
    EXPECT_EQ(d->lines[i].page, 1);
  }
}

TEST(TextDocumentFromString, FormFeedStartsANewPage) {
  StatusOr<TextDocument> d = TextDocumentFromString("pagina een\n\fpagina twee\nnog twee\n\fdrie");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->pages, 3);
  ASSERT_EQ(d->lines.size(), 4u);
  EXPECT_EQ(d->lines[0].page, 1);
  EXPECT_EQ(d->lines[1].page, 2);
  EXPECT_EQ(d->lines[1].text, "pagina twee");  // the form feed itself is gone
  EXPECT_EQ(d->lines[2].page, 2);
  EXPECT_EQ(d->lines[3].page, 3);
  EXPECT_EQ(d->lines[3].line_no, 4);  // line numbers run on across pages
}

TEST(TextDocumentFromString, NulBytesAreCorruption) {
  StatusOr<TextDocument> d = TextDocumentFromString(std::string("PK\x03\x04\0\0binary", 12));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Status::Code::kCorruption);
}

TEST(TextDocumentFromString, MostlyInvalidUtf8IsCorruption) {
  std::string junk;
  for (int i = 0; i < 200; ++i) junk += static_cast<char>(0x80 + (i * 37) % 0x7f);
  StatusOr<TextDocument> d = TextDocumentFromString(junk);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Status::Code::kCorruption);
}

TEST(TextDocumentFromString, EmptyIsNotFound) {
  for (const char* text : {"", "\n\n", "   \t \n \n"}) {
    StatusOr<TextDocument> d = TextDocumentFromString(text);
    ASSERT_FALSE(d.ok()) << '"' << text << '"';
    EXPECT_EQ(d.status().code(), Status::Code::kNotFound);
  }
}

TEST(LoadTextDump, MissingFileIsIOError) {
  StatusOr<TextDocument> d = LoadTextDump("/nonexistent/verdeelscan/geen_bestand.txt");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Status::Code::kIOError);
  EXPECT_NE(d.status().message().find("geen_bestand.txt"), std::string::npos);
}

TEST(LoadTextDump, ReadsAFileLikeAString) {
  const std::string path = testing::TempDir() + "text_dump_test_" +
                           std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                           ".txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "Verdeelbesluit\n\fBijlage met ﬁguren\n";
  }
  StatusOr<TextDocument> d = LoadTextDump(path);
  std::remove(path.c_str());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->lines.size(), 2u);
  EXPECT_EQ(d->lines[1].text, "Bijlage met figuren");
  EXPECT_EQ(d->lines[1].page, 2);
}

TEST(LoadTextDump, Seed001) {
  StatusOr<TextDocument> d = LoadTextDump(kSeed001);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  // `wc -l` says 1970; allow a final line without newline.
  EXPECT_GE(d->lines.size(), 1970u);
  EXPECT_LE(d->lines.size(), 1971u);
  EXPECT_EQ(d->lines.front().line_no, 1);
  EXPECT_EQ(d->lines.back().line_no, static_cast<int>(d->lines.size()));
  // The table header of the verdeelbesluit sits where the dump puts it.
  bool found = false;
  for (const TextLine& l : d->lines) {
    if (l.text.rfind("Tabel 7: Verdeling asielopvangplaatsen", 0) == 0) {
      EXPECT_EQ(l.line_no, 257);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(LoadTextDump, Seed002LigaturesAllRepaired) {
  StatusOr<TextDocument> d =
      LoadTextDump(std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/seeds/002_f41cd4942328ae8a.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_GE(d->lines.size(), 33u);
  EXPECT_EQ(d->lines[3].text.rfind("Locatie: Provinciehuis Utrecht", 0), 0u) << d->lines[3].text;
  EXPECT_NE(d->lines[32].text.find("heeft gezegd"), std::string::npos) << d->lines[32].text;
  for (const TextLine& l : d->lines) {
    for (const char* lig : {"Ɵ", "Ʃ", "Ō"}) {
      EXPECT_EQ(l.text.find(lig), std::string::npos) << "line " << l.line_no << ": " << l.text;
    }
  }
}

}  // namespace
}  // namespace verdeelscan
