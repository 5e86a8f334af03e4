#include "core/markup.h"

#include <gtest/gtest.h>

namespace verdeelscan {
namespace {

TEST(EscapeMarkup, EscapesWhatEndsTextOrAttributes) {
  EXPECT_EQ(EscapeMarkup("Verslag PRT <Gelderland> & \"Utrecht\""),
            "Verslag PRT &lt;Gelderland&gt; &amp; &quot;Utrecht&quot;");
  EXPECT_EQ(EscapeMarkup("Súdwest-Fryslân 'x'"), "Súdwest-Fryslân 'x'");
}

TEST(EscapeMarkup, DropsControlCharactersXmlForbidsKeepsLineBreaks) {
  EXPECT_EQ(EscapeMarkup(std::string("a\x01"
                                     "b\x0c"
                                     "c\x1f",
                                     6)),
            "abc");
  EXPECT_EQ(EscapeMarkup(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(EscapeMarkup("regel 1\r\nregel\t2"), "regel 1\r\nregel\t2");
}

}  // namespace
}  // namespace verdeelscan
