#include "extractors/ingest/text_encoding.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <random>
#include <string>

#include "extractors/ingest/text_dump.h"

namespace verdeelscan {
namespace {

// `utf8` in `codepage`, by ICU: the bytes an exporting program writes.
std::string Encode(const std::string& utf8, const char* codepage) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  std::string out(size_t(text.extract(0, text.length(), nullptr, 0, codepage)), '\0');
  text.extract(0, text.length(), out.data(), int32_t(out.size()), codepage);
  return out;
}

const std::string kDutch =
    "Verdeelbesluit provincie Fryslân\nGemeente Súdwest-Fryslân 148 12 160\n"
    "De financiële middelen, één keer per jaar.\n";

TEST(SniffTextEncoding, MarksAndPlainText) {
  EXPECT_EQ(SniffTextEncoding("Gemeente Almelo 200 22 222\n"), TextEncoding::kUtf8);
  EXPECT_EQ(SniffTextEncoding(kDutch), TextEncoding::kUtf8);
  EXPECT_EQ(SniffTextEncoding("\xEF\xBB\xBF" + kDutch), TextEncoding::kUtf8Bom);
  EXPECT_EQ(SniffTextEncoding("\xFF\xFE" + Encode(kDutch, "UTF-16LE")), TextEncoding::kUtf16Le);
  EXPECT_EQ(SniffTextEncoding("\xFE\xFF" + Encode(kDutch, "UTF-16BE")), TextEncoding::kUtf16Be);
}

TEST(SniffTextEncoding, Utf16WithoutAMarkByItsNulBytes) {
  EXPECT_EQ(SniffTextEncoding(Encode(kDutch, "UTF-16LE")), TextEncoding::kUtf16Le);
  EXPECT_EQ(SniffTextEncoding(Encode(kDutch, "UTF-16BE")), TextEncoding::kUtf16Be);
  // Binary data with NUL bytes is not UTF-16 (and stays refused as binary).
  std::string binary;
  std::mt19937 rng(5);
  for (int i = 0; i < 4096; ++i) binary += char(rng() % 4 == 0 ? 0 : rng() % 256);
  EXPECT_EQ(SniffTextEncoding(binary), TextEncoding::kUtf8);
}

TEST(SniffTextEncoding, Windows1252OnlyWithoutAnyUtf8Sequence) {
  EXPECT_EQ(SniffTextEncoding(Encode(kDutch, "windows-1252")), TextEncoding::kWindows1252);
  // A UTF-8 text with one damaged byte stays UTF-8: its accents are whole.
  EXPECT_EQ(SniffTextEncoding(kDutch + "kapot \xC0 byte\n"), TextEncoding::kUtf8);
}

TEST(DecodeToUtf8, EveryEncodingGivesTheSameText) {
  EXPECT_EQ(DecodeToUtf8(Encode(kDutch, "windows-1252"), TextEncoding::kWindows1252), kDutch);
  EXPECT_EQ(DecodeToUtf8("\xFF\xFE" + Encode(kDutch, "UTF-16LE"), TextEncoding::kUtf16Le), kDutch);
  EXPECT_EQ(DecodeToUtf8(Encode(kDutch, "UTF-16BE"), TextEncoding::kUtf16Be), kDutch);
  EXPECT_EQ(DecodeToUtf8("\xEF\xBB\xBF" + kDutch, TextEncoding::kUtf8Bom), kDutch);
  EXPECT_EQ(DecodeToUtf8(kDutch, TextEncoding::kUtf8), kDutch);
}

TEST(DecodeToUtf8, WhatDoesNotDecodeBecomesReplacementCharacters) {
  // An odd last byte and a lone surrogate in UTF-16.
  EXPECT_EQ(DecodeToUtf8(std::string("a\0b", 3), TextEncoding::kUtf16Le), "a\xEF\xBF\xBD");
  EXPECT_EQ(DecodeToUtf8(std::string("a\0\0\xD8"
                                     "b\0",
                                     6),
                         TextEncoding::kUtf16Le),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(ReadTextDump, AWindowsExportReadsAsItsUtf8Original) {
  for (const char* codepage : {"UTF-16LE", "UTF-16BE", "windows-1252"}) {
    auto dump = ReadTextDump(Encode(kDutch, codepage));
    ASSERT_TRUE(dump.ok()) << codepage << ": " << dump.status().ToString();
    EXPECT_NE(dump->encoding, TextEncoding::kUtf8) << codepage;
    EXPECT_TRUE(dump->repaired_lines.empty()) << codepage;
    ASSERT_EQ(dump->doc.lines.size(), 3u) << codepage;
    EXPECT_EQ(dump->doc.lines[1].text, "Gemeente Súdwest-Fryslân 148 12 160") << codepage;
    EXPECT_EQ(dump->doc.lines[2].line_no, 3) << codepage;
  }
}

TEST(ReadTextDump, JunkIsNotWindows1252Text) {
  std::string junk;
  std::mt19937 rng(9);
  for (int i = 0; i < 2000; ++i) junk += char(1 + rng() % 255);
  EXPECT_FALSE(ReadTextDump(junk).ok());
}

}  // namespace
}  // namespace verdeelscan
