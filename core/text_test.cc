#include "core/text.h"

#include <gtest/gtest.h>

namespace verdeelscan {
namespace {

TEST(StripSpace, RemovesWhiteSpaceAtBothEndsOnly) {
  EXPECT_EQ(StripSpace("  Actie: COA \t\n"), "Actie: COA");
  EXPECT_EQ(StripSpace("\n\n"), "");
  EXPECT_EQ(StripSpace(""), "");
  // A non-breaking space (UTF-8 C2 A0) is a character of the text, not ASCII
  // white space: kept, and no byte of it is cut.
  EXPECT_EQ(StripSpace("\xc2\xa0x "), "\xc2\xa0x");
}

TEST(HasDigit, FindsAnAsciiDigitAnywhere) {
  EXPECT_TRUE(HasDigit("GM1904"));
  EXPECT_TRUE(HasDigit("7"));
  EXPECT_FALSE(HasDigit("Morren"));
  EXPECT_FALSE(HasDigit(""));
  // Superscript two (U+00B2) and Arabic-Indic digits are not ASCII digits.
  EXPECT_FALSE(HasDigit("m\xc2\xb2 \xd9\xa3"));
}

}  // namespace
}  // namespace verdeelscan
