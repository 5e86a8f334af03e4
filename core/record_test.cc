#include "core/record.h"

#include <gtest/gtest.h>

namespace verdeelscan {
namespace {

using nlohmann::json;

// The typed parts of a verdeelbesluit come out under the contract's keys.
TEST(RecordJson, VerdeelbesluitTypedPartsKeepTheirContractKeys) {
  Record r;
  r.kind = DocumentKind::kVerdeelbesluit;
  r.besluit_meta = {"Overijssel", "", "6015733"};
  r.opgave = {5787, 538};
  r.table = TableReading{{"rows read row-wise"}, "unique", 8, 236, 330, 0, 0, {}};
  ToelichtingLists lists;
  lists.excluded = std::vector<NamedGemeente>{};
  lists.receivers = std::vector<NamedGemeente>{{"Dalfsen", "GM0148", "Dalfsen", true, false, ""}};
  lists.stated_receiver_counts.amv = 15;
  r.toelichting = lists;
  const json j = ToJson(r);
  EXPECT_EQ(j["kind"], "verdeelbesluit");
  EXPECT_EQ(j["meta"], json({{"province", "Overijssel"}, {"reference", "6015733"}}));
  EXPECT_EQ(j["unread_fields"], json({"date"}));
  EXPECT_EQ(j["stated"], json({{"opgave", {{"regulier", 5787}, {"amv", 538}}}}));
  EXPECT_EQ(j["allocations"], json::array());
  EXPECT_EQ(j["table"], json({{"notes", {"rows read row-wise"}},
                              {"solver", {{"outcome", "unique"}, {"cost", 8}}},
                              {"lines", {236, 330}}}));
  EXPECT_EQ(j["toelichting"], json({{"excluded", json::array()},
                                    {"receivers",
                                     {{{"gemeente", "Dalfsen"},
                                       {"cbs_code", "GM0148"},
                                       {"raw", "Dalfsen"},
                                       {"regulier", true},
                                       {"amv", false}}}},
                                    {"stated_receiver_counts", {{"amv", 15}}}}));
}

// A letter's meta is its open bag; no verdeelbesluit part appears.
TEST(RecordJson, LetterKindsKeepTheirOpenBags) {
  Record r;
  r.kind = DocumentKind::kBegeleidendeBrief;
  r.meta = {{"province", "Zuid-Holland"}, {"date", "2024-12-20"}};
  r.extra["taak"] = {{"regulier", 434}};
  const json j = ToJson(r);
  EXPECT_EQ(j["kind"], "begeleidende_brief");
  EXPECT_EQ(j["meta"], r.meta);
  EXPECT_EQ(j["taak"], r.extra["taak"]);
  for (const char* absent : {"unread_fields", "allocations", "stated", "table", "toelichting"})
    EXPECT_FALSE(j.contains(absent)) << absent;
}

TEST(RecordJson, EveryKindIsWrittenByItsContractName) {
  for (const DocumentKindName& k : kDocumentKinds) {
    Record r;
    r.kind = k.kind;
    EXPECT_EQ(ToJson(r)["kind"], std::string(k.name));
  }
  EXPECT_EQ(ToJson(Record{})["kind"], "unknown");
}

}  // namespace
}  // namespace verdeelscan
