#include "extractors/documents/dates.h"

#include <gtest/gtest.h>

namespace verdeelscan {
namespace {

// The first date in `text`, if any.
std::optional<std::string> ParseDutchDate(std::string_view text) {
  std::vector<DateMatch> all = FindDutchDates(text);
  if (all.empty()) return std::nullopt;
  return all.front().iso;
}

TEST(ParseDutchDate, WrittenOutMonths) {
  EXPECT_EQ(ParseDutchDate("20 december 2024"), "2024-12-20");
  EXPECT_EQ(ParseDutchDate("9 april 2026"), "2026-04-09");
  EXPECT_EQ(ParseDutchDate("1 juli 2025"), "2025-07-01");
  EXPECT_EQ(ParseDutchDate("31 januari 2024"), "2024-01-31");
  EXPECT_EQ(ParseDutchDate("1 mei 2024"), "2024-05-01");
  EXPECT_EQ(ParseDutchDate("Den Haag, 23 December 2024"), "2024-12-23");
}

TEST(ParseDutchDate, OcrDamage) {
  EXPECT_EQ(ParseDutchDate("2O december 2O24"), "2024-12-20");  // O for 0
  EXPECT_EQ(ParseDutchDate("20 decembet 2024"), "2024-12-20");  // damaged month
  EXPECT_EQ(ParseDutchDate("l april 2026"), std::nullopt);      // no real digit in the day
  EXPECT_EQ(ParseDutchDate("1l juli 2025"), "2025-07-11");
  // The space after the day read as a hyphen (lettergen seed 4600, office).
  EXPECT_EQ(ParseDutchDate("Datum 17-april 2024"), "2024-04-17");
  EXPECT_EQ(ParseDutchDate("14september 2025"), "2025-09-14");
  EXPECT_EQ(ParseDutchDate("dinsdag 22 januari 2025-14:15"), "2025-01-22") << "the time joined";
  EXPECT_EQ(ParseDutchDate("22 januari 2025-1415"), std::nullopt);
  // The next word joined by a speck (a photocopy of lettergen seed 11402).
  EXPECT_EQ(ParseDutchDate("vóór 3 februari 2026-aan het ministerie"), "2026-02-03");
  EXPECT_EQ(ParseDutchDate("3 februari 2026,dat"), "2026-02-03");
  EXPECT_EQ(ParseDutchDate("1-7-2025 april 2024"), "2025-07-01") << "a numeric date is not a day";
}

TEST(ParseDutchDate, AbbreviatedMonths) {
  EXPECT_EQ(ParseDutchDate("13 jul. 2025"), "2025-07-13");
  EXPECT_EQ(ParseDutchDate("3 sept 2024"), "2024-09-03");
  EXPECT_EQ(ParseDutchDate("1 Mrt 2024"), "2024-03-01");
  // "juli" whose i a photocopy read as a colon (lettergen seed 6000): the
  // deadline was lost and the record valid.
  EXPECT_EQ(ParseDutchDate("vóór 13 jul: 2025 aan"), "2025-07-13");
  EXPECT_EQ(ParseDutchDate("13 ju 2025"), std::nullopt);
  EXPECT_EQ(ParseDutchDate("13 Jan. Jansen"), std::nullopt) << "no year after it";
}

TEST(ParseDutchDate, Numeric) {
  EXPECT_EQ(ParseDutchDate("20-12-2024"), "2024-12-20");
  EXPECT_EQ(ParseDutchDate("op 1/7/2025."), "2025-07-01");
  EXPECT_EQ(ParseDutchDate("20-12/2024"), std::nullopt);  // mixed separators
}

TEST(ParseDutchDate, InvalidDatesSkipped) {
  EXPECT_EQ(ParseDutchDate("31 februari 2024"), std::nullopt);
  EXPECT_EQ(ParseDutchDate("29 februari 2023"), std::nullopt);
  EXPECT_EQ(ParseDutchDate("29 februari 2024"), "2024-02-29");  // leap year
  EXPECT_EQ(ParseDutchDate("29 februari 2100"), std::nullopt);  // a century, not a leap year
  EXPECT_EQ(ParseDutchDate("31 april 2024"), std::nullopt);
  EXPECT_EQ(ParseDutchDate("31-04-2024"), std::nullopt);
  EXPECT_EQ(ParseDutchDate("0 mei 2024"), std::nullopt);
  // An invalid date does not hide a valid one after it.
  EXPECT_EQ(ParseDutchDate("31 februari 2024 of 1 maart 2024"), "2024-03-01");
}

TEST(ParseDutchDate, NotDates) {
  EXPECT_EQ(ParseDutchDate(""), std::nullopt);
  EXPECT_EQ(ParseDutchDate("5787 regulier en 538 amv"), std::nullopt);
  EXPECT_EQ(ParseDutchDate("20 gemeenten 2024"), std::nullopt);  // not a month
  EXPECT_EQ(ParseDutchDate("Artikel 5.1.2e"), std::nullopt);
}

TEST(FindDutchDates, SeveralInOrderWithOffsets) {
  const std::string text =
      "Besluit van 2O december 2O24, in werking per 1 juli 2025; brief 20-12-2024 en 9 april 2026.";
  std::vector<DateMatch> dates = FindDutchDates(text);
  ASSERT_EQ(dates.size(), 4u);
  const char* iso[] = {"2024-12-20", "2025-07-01", "2024-12-20", "2026-04-09"};
  const char* raw[] = {"2O december 2O24,", "1 juli 2025;", "20-12-2024", "9 april 2026."};
  for (size_t i = 0; i < dates.size(); ++i) {
    EXPECT_EQ(dates[i].iso, iso[i]) << i;
    EXPECT_EQ(dates[i].raw, raw[i]) << i;
    EXPECT_EQ(text.substr(dates[i].begin, dates[i].end - dates[i].begin), dates[i].raw) << i;
    if (i > 0) {
      EXPECT_GT(dates[i].begin, dates[i - 1].end) << i;
    }
  }
  EXPECT_EQ(dates[0].begin, text.find("2O december"));
  EXPECT_EQ(dates[3].begin, text.find("9 april"));
}

TEST(FindDutchDates, AYearJoinedToTheNextWord) {
  // A photocopy of lettergen seed 6310 lost the space after the year's
  // point ("uiterlijk 24 augustus 2025.aan het ministerie"): the deadline
  // took its year from the page's other date.
  std::vector<DateMatch> dates = FindDutchDates("uiterlijk 24 augustus 2025.aan het ministerie");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].iso, "2025-08-24");
  EXPECT_EQ(dates[0].raw, "24 augustus 2025.");
  // A number with its decimals is no such join.
  EXPECT_TRUE(FindDutchDates("24 augustus 2025,5").empty());
}

TEST(FindDutchDates, ADayJoinedToItsMonthByAMark) {
  // A photocopy of lettergen seed 6514 read "uiterlijk 26'juli 2026": the
  // deadline was lost, valid.
  for (const std::string day : {"26'juli", "26\u2019juli", "26-juli", "26juli", "26.juli"}) {
    std::vector<DateMatch> dates = FindDutchDates("uiterlijk " + day + " 2026 aan");
    ASSERT_EQ(dates.size(), 1u) << day;
    EXPECT_EQ(dates[0].iso, "2026-07-26") << day;
  }
}

// A clean scan of lettergen seed 11811 read a PRT verslag's "17 maart 2024"
// as "1/7 maart 2024": no date, and the next meeting lost its year.
TEST(FindIllegibleDay, ADayWithMarksBeforeALegibleMonthAndYear) {
  std::optional<IllegibleDay> d = FindIllegibleDay("Notulen\n1/7 maart 2024\nLocatie");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->day, "1/7");
  EXPECT_EQ(d->month, 3);
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->begin, 8u);
  EXPECT_EQ(FindIllegibleDay("vóór |7 rnaart 2025 melden")->day, "|7");
  // Legible dates, and numbers before no month, are not illegible days.
  EXPECT_FALSE(FindIllegibleDay("17 maart 2024").has_value());
  EXPECT_FALSE(FindIllegibleDay("1.5 miljoen 2024").has_value());
  EXPECT_FALSE(FindIllegibleDay("op 3 april 2024 en 1/7 maart 2024").has_value());
}

TEST(FindDutchDates, AcrossLineBreaks) {
  // Seed 001 breaks "31 januari 2024" over lines.
  std::vector<DateMatch> dates =
      FindDutchDates("zoals bekendgemaakt op 31 \n\njanuari 2024 , worden");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].iso, "2024-01-31");
}

}  // namespace
}  // namespace verdeelscan
