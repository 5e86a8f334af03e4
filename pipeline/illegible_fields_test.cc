#include "pipeline/illegible_fields.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace verdeelscan {
namespace {

using nlohmann::json;

// A record held for one illegible field, as the readers leave it.
Record HeldFor(const std::string& field) {
  Record r;
  r.status = RecordStatus::kNeedsReview;
  r.extra["unread_fields"] = {field};
  return r;
}

const json kDay = {
    {"field", "meta.date"}, {"type", "date"}, {"line", 2}, {"raw", "1/7"}, {"month", "2024-03"}};

TEST(IllegibleFields, ADaysDigitsCompleteItsMonth) {
  Record r = HeldFor("meta.date");
  TakeIllegibleReading(kDay, CellReading{"17", 0.9}, 0.8, r);
  EXPECT_EQ(r.meta["date"], "2024-03-17");
  EXPECT_FALSE(r.extra.contains("unread_fields"));
  ASSERT_EQ(r.checks.size(), 1u);
  EXPECT_EQ(r.checks[0].id, "field.illegible_reread");
  EXPECT_EQ(r.checks[0].status, CheckStatus::kFail);
  EXPECT_EQ(r.checks[0].actual["raw"], "1/7");
  EXPECT_EQ(r.checks[0].actual["reread"], "17");
  EXPECT_EQ(r.status, RecordStatus::kNeedsReview);
}

TEST(IllegibleFields, AReadingThatDoesNotFitOrIsUnsureChangesNothing) {
  json february = kDay;
  february["month"] = "2024-02";
  for (const auto& [asked, text, confidence] : std::vector<std::tuple<json, std::string, double>>{
           {february, "31", 0.95},  // no 31 February
           {kDay, "171", 0.95},     // no day of three digits
           {kDay, "17", 0.5}}) {    // unsure
    Record r = HeldFor("meta.date");
    TakeIllegibleReading(asked, CellReading{text, confidence}, 0.8, r);
    EXPECT_FALSE(r.meta.contains("date")) << text;
    EXPECT_TRUE(r.checks.empty()) << text;
    EXPECT_EQ(r.extra["unread_fields"], json({"meta.date"})) << text;
  }
}

TEST(IllegibleFields, NumbersAndReferencesLandWhereTheFieldLives) {
  const json cell = {{"field", "ibt.realisatie.amv"}, {"type", "number"}, {"raw", "al"}};
  EXPECT_EQ(IllegibleValue(cell, "51"), 51);
  EXPECT_TRUE(IllegibleValue(cell, "1234567").is_null());
  const json reference = {{"field", "meta.reference"}, {"type", "identifier"}, {"raw", "65/97/14"}};
  EXPECT_EQ(IllegibleValue(reference, "6579714"), "6579714");
  EXPECT_TRUE(IllegibleValue(reference, "657").is_null());

  Record r = HeldFor("ibt.realisatie.amv");
  r.extra["ibt"]["realisatie"]["regulier"] = 34;
  TakeIllegibleReading(cell, CellReading{"51", 0.9}, 0.8, r);
  EXPECT_EQ(r.extra["ibt"]["realisatie"], json({{"regulier", 34}, {"amv", 51}}));
  EXPECT_EQ(&FieldSlot(r, "meta.reference"), &r.meta["reference"]);

  // An optional field (a cover letter's reference) is in no "unread_fields":
  // none is made ("unread_fields": null in the record's JSON).
  Record optional;
  TakeIllegibleReading(reference, CellReading{"6579714", 0.9}, 0.8, optional);
  EXPECT_EQ(optional.meta["reference"], "6579714");
  EXPECT_FALSE(optional.extra.contains("unread_fields")) << optional.extra.dump();
}

}  // namespace
}  // namespace verdeelscan
