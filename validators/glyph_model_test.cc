#include "validators/glyph_model.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace verdeelscan {
namespace {

// The reading of `value` among the readings of `raw`, if the model offers it.
std::optional<Reading> ReadingFor(std::string_view raw, long value,
                                  const GlyphModelOptions& options = {}) {
  for (const Reading& r : NumberReadings(raw, options)) {
    if (r.value == value) return r;
  }
  return std::nullopt;
}

// Seed 001 damages single cells with one letter each: the cheapest reading is
// the intended number, at exactly one glyph's cost.
struct GlyphCase {
  const char* raw;
  long value;
};

class SingleGlyphTest : public ::testing::TestWithParam<GlyphCase> {};

TEST_P(SingleGlyphTest, CheapestReadingIsTheIntendedNumberAtGlyphCost) {
  const GlyphCase& c = GetParam();
  const GlyphModelOptions options;
  std::vector<Reading> readings = NumberReadings(c.raw, options);
  ASSERT_FALSE(readings.empty()) << c.raw;
  EXPECT_EQ(readings.front().value, c.value) << c.raw;
  EXPECT_EQ(readings.front().cost, options.glyph_cost) << c.raw;
  EXPECT_NE(readings.front().reason.find("glyph"), std::string::npos) << readings.front().reason;
  // The intended value is the only reading at that cost: a one-glyph repair
  // must not be ambiguous on its own.
  ASSERT_GT(readings.size(), 1u);
  EXPECT_GT(readings[1].cost, readings.front().cost) << c.raw << " -> " << readings[1].value;
}

INSTANTIATE_TEST_SUITE_P(Seed001Cells, SingleGlyphTest,
                         ::testing::Values(GlyphCase{"L42", 142}, GlyphCase{"s50", 550},
                                           GlyphCase{"t07", 107}, GlyphCase{"a4", 84},
                                           GlyphCase{"B4", 84}, GlyphCase{"r37", 137},
                                           GlyphCase{"14t", 141}, GlyphCase{"2I", 21},
                                           GlyphCase{"L87", 187}, GlyphCase{"t27", 127},
                                           GlyphCase{"L92", 192}));

// Office scans (Liberation Sans, 200 dpi, 1.6° skew): "791" read as "7o1".
// The 9 is reachable as the glyph's digit changed by a look-alike, priced as
// both, and never below the glyph's own digit or a plain look-alike.
TEST(NumberReadings, GlyphDigitMayBeALookAlike) {
  const GlyphModelOptions options;
  std::optional<Reading> r = ReadingFor("7o1", 791, options);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->cost, options.glyph_cost + options.lookalike_cost);
  EXPECT_NE(r->reason.find("o→0, look-alike 0→9"), std::string::npos) << r->reason;
  EXPECT_EQ(BestReading("7o1", options)->value, 701);
  // It counts as a look-alike: with none allowed it is not offered.
  GlyphModelOptions strict = options;
  strict.max_lookalikes = 0;
  EXPECT_FALSE(ReadingFor("7o1", 791, strict).has_value());
}

// A dotted zero (Liberation Mono) in a cell of its own read as "(5)" or "(9)",
// a plain one on a skewed page as "le)": 0 is offered at an ambiguous glyph's
// cost; what the middle says stays the cheapest reading.
TEST(NumberReadings, BracketedTokenMayBeAnOvalZero) {
  const GlyphModelOptions options;
  for (const char* raw : {"(5)", "(9)", "le)", "[.]", "()"}) {
    std::optional<Reading> zero = ReadingFor(raw, 0, options);
    ASSERT_TRUE(zero.has_value()) << raw;
    EXPECT_EQ(zero->cost, options.alt_glyph_cost) << raw;
    EXPECT_NE(zero->reason.find("oval 0"), std::string::npos) << zero->reason;
  }
  EXPECT_EQ(BestReading("(5)", options)->value, 5);
  EXPECT_EQ(BestReading("(5)", options)->cost, 0);
  // No bracket, or a longer number: no such reading beyond the usual ones.
  EXPECT_FALSE(ReadingFor("5", 0, options).has_value());
  EXPECT_FALSE(ReadingFor("(215)", 0, options).has_value());
}

TEST(NumberReadings, TwoGlyphsPayTwice) {
  const GlyphModelOptions options;
  std::optional<Reading> best = BestReading("to4", options);
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(best->value, 104);
  EXPECT_EQ(best->cost, 2 * options.glyph_cost);
  EXPECT_NE(best->reason.find("t→1"), std::string::npos) << best->reason;
  EXPECT_NE(best->reason.find("o→0"), std::string::npos) << best->reason;
}

TEST(NumberReadings, AmbiguousGlyphPrefersPrimaryDigit) {
  const GlyphModelOptions options;
  // B is usually 8, sometimes 3: both are offered, the 3 at the higher cost.
  std::optional<Reading> as34 = ReadingFor("B4", 34, options);
  ASSERT_TRUE(as34.has_value());
  EXPECT_EQ(as34->cost, options.alt_glyph_cost);
  EXPECT_GT(as34->cost, ReadingFor("B4", 84, options)->cost);
}

// A table cell printed as a lone dash is nil: 0 and nothing else. A ruling of
// several dashes is no number, nor is a lone dash outside a cell.
TEST(CellReadings, LoneDashIsNil) {
  for (const char* dash : {"-", "\u2013", "\u2014", "\u2212"}) {
    std::vector<Reading> readings = CellReadings(dash);
    ASSERT_EQ(readings.size(), 1u) << dash;
    EXPECT_EQ(readings[0].value, 0);
    EXPECT_EQ(readings[0].cost, 0);
  }
  EXPECT_TRUE(CellReadings("---").empty());
  EXPECT_TRUE(CellReadings("\u2014\u2014").empty());
  EXPECT_TRUE(NumberReadings("-").empty());
  EXPECT_EQ(CellReadings("L42").front().value, 142);
  EXPECT_FALSE(IsNilDash("-5"));
}

TEST(NumberReadings, CleanNumberIsFreeAndLookAlikeCostsMore) {
  const GlyphModelOptions options;
  std::vector<Reading> readings = NumberReadings("729", options);
  ASSERT_FALSE(readings.empty());
  EXPECT_EQ(readings.front().value, 729);
  EXPECT_EQ(readings.front().cost, 0);
  EXPECT_EQ(readings.front().reason, "");
  std::optional<Reading> as129 = ReadingFor("729", 129, options);
  ASSERT_TRUE(as129.has_value()) << "Dinkelland's 129 must be reachable from the printed 729";
  EXPECT_EQ(as129->cost, options.lookalike_cost);
  EXPECT_GT(as129->cost, readings.front().cost);
  EXPECT_NE(as129->reason.find("look-alike 7→1"), std::string::npos) << as129->reason;
  // Raalte: 775 printed for 175.
  std::optional<Reading> as175 = ReadingFor("775", 175, options);
  ASSERT_TRUE(as175.has_value());
  EXPECT_EQ(as175->cost, options.lookalike_cost);
}

TEST(NumberReadings, ThousandsSeparatorIsNotDamage) {
  std::optional<Reading> best = BestReading("5.787");
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(best->value, 5787);
  EXPECT_EQ(best->cost, 0);
  best = BestReading(" 96.000 ");
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(best->value, 96000);
  EXPECT_EQ(best->cost, 0);
}

TEST(NumberReadings, UnreadableJunkHasNoReadings) {
  EXPECT_TRUE(NumberReadings("").empty());
  EXPECT_TRUE(NumberReadings("   ").empty());
  EXPECT_TRUE(NumberReadings("-").empty());
  EXPECT_TRUE(NumberReadings("#%#").empty());       // three unknown symbols
  EXPECT_TRUE(NumberReadings("Gemeente").empty());  // a word, not a number
  EXPECT_TRUE(NumberReadings("123456789012").empty());
  EXPECT_FALSE(BestReading("#%#").has_value());
}

TEST(NumberReadings, OneUnknownSymbolIsTolerated) {
  const GlyphModelOptions options;
  // "1#2": the unknown symbol may be any digit, or spurious.
  std::vector<Reading> readings = NumberReadings("1#2", options);
  ASSERT_FALSE(readings.empty());
  EXPECT_EQ(readings.front().cost, options.unknown_symbol_cost);
  EXPECT_TRUE(ReadingFor("1#2", 12, options).has_value());
  EXPECT_TRUE(ReadingFor("1#2", 152, options).has_value());
}

TEST(NumberReadings, MaxValueRespected) {
  GlyphModelOptions options;
  options.max_value = 500;
  std::vector<Reading> readings = NumberReadings("729", options);
  ASSERT_FALSE(readings.empty());
  for (const Reading& r : readings) EXPECT_LE(r.value, 500) << r.reason;
  EXPECT_TRUE(ReadingFor("729", 129, options).has_value());
  EXPECT_FALSE(ReadingFor("729", 729, options).has_value());
}

TEST(NumberReadings, MaxCostAndCapRespected) {
  GlyphModelOptions options;
  options.max_cost = 4;
  for (const Reading& r : NumberReadings("L42", options)) EXPECT_LE(r.cost, 4);
  options = GlyphModelOptions{};
  options.max_readings = 5;
  std::vector<Reading> readings = NumberReadings("1234", options);
  EXPECT_EQ(readings.size(), 5u);
  EXPECT_EQ(readings.front().value, 1234);
}

TEST(NumberReadings, IndelsCanBeSwitchedOff) {
  GlyphModelOptions options;
  EXPECT_TRUE(ReadingFor("14", 141, options).has_value());  // a lost glyph
  options.allow_indels = false;
  EXPECT_FALSE(ReadingFor("14", 141, options).has_value());
}

TEST(NumberReadings, UniquePerValueAndSortedByCost) {
  for (const char* raw : {"L42", "729", "to4", "14t", "5.787", "B4", "1#2", "0", "2I", "103"}) {
    std::vector<Reading> readings = NumberReadings(raw);
    ASSERT_FALSE(readings.empty()) << raw;
    std::set<long> seen;
    for (size_t i = 0; i < readings.size(); ++i) {
      EXPECT_TRUE(seen.insert(readings[i].value).second) << raw << ": " << readings[i].value;
      EXPECT_GE(readings[i].value, 0) << raw;
      if (i > 0) {
        EXPECT_LE(readings[i - 1].cost, readings[i].cost) << raw << " at " << i;
      }
      // Only the reading as printed is free, and it explains nothing.
      EXPECT_EQ(readings[i].cost == 0, readings[i].reason.empty())
          << raw << " " << readings[i].value;
    }
  }
}

TEST(LooksNumeric, DamagedNumbersYes) {
  for (const char* t : {"L42", "s50", "to4", "0", "729", "14t", "2I", "5.787", "103"}) {
    EXPECT_TRUE(LooksNumeric(t)) << t;
  }
}

TEST(LooksNumeric, WordsNo) {
  for (const char* t : {"Almelo", "Totaal", "Gemeente", "en", "", "Ommen", "O.", "(O. )"}) {
    EXPECT_FALSE(LooksNumeric(t)) << t;
  }
}

TEST(ParseDutchNumber, PlainAndGrouped) {
  EXPECT_EQ(ParseDutchNumber("5787"), 5787);
  EXPECT_EQ(ParseDutchNumber("5.787"), 5787);
  EXPECT_EQ(ParseDutchNumber("1. 936"), 1936);
  EXPECT_EQ(ParseDutchNumber("96.000"), 96000);
  EXPECT_EQ(ParseDutchNumber("3. 851"), 3851);
  EXPECT_EQ(ParseDutchNumber("1.234.567"), 1234567);
  EXPECT_EQ(ParseDutchNumber("  538 "), 538);
}

TEST(ParseDutchNumber, LettersForDigits) {
  EXPECT_EQ(ParseDutchNumber("O"), 0);
  EXPECT_EQ(ParseDutchNumber("2O"), 20);
  EXPECT_EQ(ParseDutchNumber("1O.OOO"), 10000);
  EXPECT_EQ(ParseDutchNumber("l3"), std::nullopt);  // must not start a number in prose
}

TEST(ParseDutchNumber, Garbage) {
  EXPECT_EQ(ParseDutchNumber(""), std::nullopt);
  EXPECT_EQ(ParseDutchNumber("abc"), std::nullopt);
  EXPECT_EQ(ParseDutchNumber("-"), std::nullopt);
  EXPECT_EQ(ParseDutchNumber("x12"), std::nullopt);
  EXPECT_EQ(ParseDutchNumber("Op"), std::nullopt);
  EXPECT_EQ(ParseDutchNumber("Ook"), std::nullopt);
  EXPECT_EQ(ParseDutchNumber("1234567890"), std::nullopt);  // more than 9 digits
}

TEST(ParseDutchNumber, DecimalIsNotThousands) {
  // "1.5" has one digit after the dot: it is not 15.
  EXPECT_NE(ParseDutchNumber("1.5"), std::optional<long>(15));
  EXPECT_NE(ParseDutchNumber("2,50"), std::optional<long>(250));
  EXPECT_NE(ParseDutchNumber("1.2345"), std::optional<long>(12345));
}

}  // namespace
}  // namespace verdeelscan
