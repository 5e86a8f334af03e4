#include "core/utf8.h"

#include <gtest/gtest.h>
#include <unicode/ustring.h>

#include <random>
#include <string>
#include <vector>

namespace verdeelscan {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(Utf8, WellFormedSequencesOfEveryLength) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Súdwest-Fryslân – één €"));  // 2- and 3-byte forms
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));         // U+1F600, 4 bytes
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));         // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));             // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));             // U+E000, just above them
  EXPECT_EQ(WellFormedUtf8Length("a\xC3\xA9", 1), 2u);
}

TEST(Utf8, OverlongFormsAreInvalid) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));       // U+0800: the first 3-byte one
}

TEST(Utf8, SurrogatesAreInvalid) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
}

TEST(Utf8, CodePointsAboveTheLastAreInvalid) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF7\xBF\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));  // old 5-byte form
  EXPECT_FALSE(IsValidUtf8("\xFE"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8, TruncatedSequencesAreInvalid) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));  // € cut after two bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82 Almelo"));  // cut inside a line
}

TEST(Utf8, StrayContinuationBytesAreInvalid) {
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("Almelo \xBF 468"));
  EXPECT_FALSE(IsValidUtf8("\xC3\xA9\xA9"));  // é followed by one too many
}

TEST(Utf8, Latin1BytesAreInvalid) {
  EXPECT_FALSE(IsValidUtf8("Fryslân in Latin-1: Frysl\xE2n"));
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));
}

TEST(RepairUtf8, EachMaximalInvalidSubpartBecomesOneReplacement) {
  // Unicode's "substitution of maximal subparts": a lead byte with the
  // continuation bytes that fit it is one error; a byte that fits nothing is one.
  Utf8Repair r = RepairUtf8(
      "a\xE2\x82"
      "b");  // truncated €
  EXPECT_EQ(r.text, "a" + kFffd + "b");
  EXPECT_EQ(r.replaced, 1u);
  EXPECT_EQ(r.invalid_bytes, 2u);

  r = RepairUtf8("\xC0\xAF");  // overlong: C0 is never a lead, AF is stray
  EXPECT_EQ(r.text, kFffd + kFffd);
  EXPECT_EQ(r.replaced, 2u);

  r = RepairUtf8("\xED\xA0\x80x");  // a surrogate: ED does not take A0
  EXPECT_EQ(r.text, kFffd + kFffd + kFffd + "x");

  r = RepairUtf8("\xF4\x90\x80\x80");  // above U+10FFFF
  EXPECT_EQ(r.text, kFffd + kFffd + kFffd + kFffd);

  r = RepairUtf8("Almelo \x80\x80 468");  // stray continuation bytes
  EXPECT_EQ(r.text, "Almelo " + kFffd + kFffd + " 468");

  r = RepairUtf8("caf\xE9 au lait");  // Latin-1 é: E9 announces 3 bytes, ' ' does not fit
  EXPECT_EQ(r.text, "caf" + kFffd + " au lait");
  EXPECT_EQ(r.replaced, 1u);
}

TEST(RepairUtf8, ValidTextComesBackUnchanged) {
  const std::string text = "Súdwest-Fryslân 126 8 134 \xF0\x9F\x98\x80";
  Utf8Repair r = RepairUtf8(text);
  EXPECT_EQ(r.text, text);
  EXPECT_EQ(r.replaced, 0u);
  EXPECT_EQ(r.invalid_bytes, 0u);
}

TEST(RepairUtf8, ResultIsAlwaysValid) {
  // Every two-byte string, and each followed by a third byte from a spread.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (int c : {0x00, 0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xE0, 0xED, 0xF4, 0xFF}) {
        const std::string s{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        const Utf8Repair r = RepairUtf8(s);
        ASSERT_TRUE(IsValidUtf8(r.text)) << a << " " << b << " " << c;
        EXPECT_EQ(r.invalid_bytes == 0, IsValidUtf8(s));
      }
    }
  }
}

TEST(InvalidUtf8Bytes, CountsOnlyBadBytesAndForgivesACutAtTheReadLimit) {
  EXPECT_EQ(InvalidUtf8Bytes("plain ASCII"), 0u);
  EXPECT_EQ(InvalidUtf8Bytes("Frysl\xC3\xA2n"), 0u);
  EXPECT_EQ(InvalidUtf8Bytes("a\xC0\xAF b\xFF"), 3u);
  // The head of a file cut inside "€": not an error of the file ...
  EXPECT_EQ(InvalidUtf8Bytes("prijs \xE2\x82", /*truncated_by_caller=*/true), 0u);
  // ... but at the true end of a text it is.
  EXPECT_EQ(InvalidUtf8Bytes("prijs \xE2\x82"), 2u);
  // A byte that can never start a sequence is bad even at the read limit.
  EXPECT_EQ(InvalidUtf8Bytes("prijs \xC0", true), 1u);
}

// ICU as the oracle: its UTF-8 conversion substitutes U+FFFD for each
// maximal subpart of an ill-formed sequence, the Unicode practice RepairUtf8
// follows. Ours stays for the hot path (no UTF-16 round trip, the count of
// bad bytes the file sniffing needs); this test holds the two to one answer
// on bytes chosen to hit every lead, continuation and boundary case.
std::u16string IcuRepair(const std::string& s, int32_t* substitutions) {
  std::vector<UChar> out(s.size() + 1);
  int32_t length = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8WithSub(out.data(), int32_t(out.size()), &length, s.data(), int32_t(s.size()),
                       0xFFFD, substitutions, &err);
  EXPECT_FALSE(U_FAILURE(err)) << u_errorName(err);
  return std::u16string(reinterpret_cast<const char16_t*>(out.data()), size_t(length));
}

std::u16string ToUtf16(const std::string& valid) {
  int32_t ignored = 0;
  return IcuRepair(valid, &ignored);
}

TEST(Utf8CodePoints, CountsCharactersNotBytes) {
  EXPECT_EQ(Utf8CodePoints(""), 0u);
  EXPECT_EQ(Utf8CodePoints("Fryslân"), 7u);      // â is two bytes
  EXPECT_EQ(Utf8CodePoints("\u2018Actie"), 6u);  // a quote of three bytes
  EXPECT_EQ(Utf8CodePoints("\U0001F600"), 1u);   // four bytes
  EXPECT_EQ(Utf8CodePoints("één"), 3u);
}

TEST(Utf8, RepairAgreesWithIcuOnGeneratedBytes) {
  // Bytes that matter: ASCII, every lead class, continuations at the edges
  // of their ranges (overlongs, surrogates, above U+10FFFF), never-valid bytes.
  const unsigned char kBytes[] = {'a',  ' ',  0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                  0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xED, 0xEE,
                                  0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
  std::mt19937 rng(20261205);
  std::uniform_int_distribution<size_t> pick(0, sizeof(kBytes) - 1), length(0, 12);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (size_t n = length(rng); n > 0; --n) s += char(kBytes[pick(rng)]);
    int32_t icu_substitutions = 0;
    const std::u16string icu = IcuRepair(s, &icu_substitutions);
    const Utf8Repair ours = RepairUtf8(s);
    ASSERT_EQ(ToUtf16(ours.text), icu) << "round " << round;
    ASSERT_EQ(ours.replaced, size_t(icu_substitutions)) << "round " << round;
    ASSERT_EQ(IsValidUtf8(s), icu_substitutions == 0) << "round " << round;
  }
}

}  // namespace
}  // namespace verdeelscan
