#include "pipeline/verdeelbesluit.h"

#include <gtest/gtest.h>

namespace verdeelscan {
namespace {

RawCell Cell(const std::string& text) {
  RawCell c;
  c.text = text;
  c.present = !text.empty();
  return c;
}

RawRow Row(const std::string& name, const std::string& r, const std::string& a,
           const std::string& t) {
  RawRow row;
  row.name = Cell(name);
  row.cells = {Cell(r), Cell(a), Cell(t)};
  return row;
}

BesluitProse Prose(std::optional<long> regulier, std::optional<long> amv) {
  BesluitProse p;
  p.province = "Overijssel";
  p.date = "2024-12-20";
  p.reference = "6015733";
  p.opgave.regulier = regulier;
  p.opgave.amv = amv;
  return p;
}

const Check* FindCheck(const Record& r, const std::string& id) {
  for (const Check& c : r.checks)
    if (c.id == id) return &c;
  return nullptr;
}

TEST(BuildVerdeelbesluit, CleanTableIsValid) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Dalfsen", "142", "26", "168")};
  Record r;
  BuildVerdeelbesluit(Prose(610, 26), t, r);
  EXPECT_EQ(r.status, RecordStatus::kValid);
  ASSERT_EQ(r.allocations.size(), 2u);
  EXPECT_EQ(r.allocations[1].cbs_code, "GM0148");
  EXPECT_TRUE(r.allocations[1].corrections.empty());
}

TEST(BuildVerdeelbesluit, GlyphDamageIsRepairedAndExplained) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Dalfeen", "L42", "26", "168")};
  Record r;
  BuildVerdeelbesluit(Prose(610, 26), t, r);
  EXPECT_EQ(r.status, RecordStatus::kRepaired);
  const Allocation& a = r.allocations[1];
  EXPECT_EQ(a.regulier, 142);
  EXPECT_EQ(a.gemeente, "Dalfsen");
  EXPECT_EQ(a.raw.at("gemeente"), "Dalfeen");
  ASSERT_EQ(a.corrections.size(), 2u);  // the name and the number
}

// Two rows are each internally consistent, but one of them carries two
// valid-looking wrong digits; both repairs cost the same. Nothing may be
// chosen silently.
TEST(BuildVerdeelbesluit, TieGoesToReviewWithDoubtfulCells) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Dinkelland", "729", "24", "753"),
            Row("Raalte", "729", "24", "753")};
  Record r;
  // True table: one of the two rows should read 129/153 or 175/208.
  BuildVerdeelbesluit(Prose(468 + 729 + 729 - 600, 48), t, r);
  EXPECT_EQ(r.status, RecordStatus::kNeedsReview);
  EXPECT_EQ(FindCheck(r, "repair.unique")->status, CheckStatus::kFail);
  EXPECT_FALSE(r.allocations[1].doubtful.empty());
  EXPECT_FALSE(r.allocations[2].doubtful.empty());
  EXPECT_TRUE(r.allocations[0].doubtful.empty());
}

TEST(BuildVerdeelbesluit, InconsistentTableGoesToReview) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Dalfsen", "142", "26", "168")};
  Record r;
  BuildVerdeelbesluit(Prose(5000, 26), t, r);  // unreachable opgave
  EXPECT_EQ(r.status, RecordStatus::kNeedsReview);
  EXPECT_EQ(FindCheck(r, "column_sum.regulier")->status, CheckStatus::kFail);
  EXPECT_FALSE(r.allocations[0].doubtful.empty());
}

TEST(BuildVerdeelbesluit, WithoutAnyColumnTargetNothingIsProven) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Dalfsen", "142", "26", "168")};
  Record r;
  BuildVerdeelbesluit(Prose(std::nullopt, std::nullopt), t, r);
  EXPECT_EQ(r.status, RecordStatus::kNeedsReview);
  EXPECT_EQ(FindCheck(r, "column_sum.target")->status, CheckStatus::kFail);
}

// A fax without a Totaal column or row whose opgave sentence did not read:
// nothing checks its cells, and "59" for 55 read at 0.76 passed unnamed. The
// cells read unsure are now doubtful; the sure ones are not.
TEST(BuildVerdeelbesluit, UncheckedUnsureCellsAreDoubtful) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", ""), Row("Zwolle", "269", "59", "")};
  t.column_present[kTotaal] = false;
  for (RawRow& row : t.rows)
    for (RawCell& cell : row.cells) cell.where.confidence = 0.96;
  t.rows[1].cells[kAmv].where.confidence = 0.76;
  Record r;
  BuildVerdeelbesluit(Prose(std::nullopt, std::nullopt), t, r);
  ASSERT_EQ(r.status, RecordStatus::kNeedsReview);
  ASSERT_EQ(r.allocations.size(), 2u);
  EXPECT_TRUE(r.allocations[0].doubtful.empty());
  // Its totaal, derived from it, with it.
  EXPECT_EQ(r.allocations[1].doubtful, (std::vector<std::string>{"amv", "totaal"}));

  // A stated opgave checks the columns: no such doubt.
  Record checked;
  BuildVerdeelbesluit(Prose(737, 59), t, checked);
  EXPECT_TRUE(checked.allocations[1].doubtful.empty());
}

TEST(BuildVerdeelbesluit, TotaalRowIsCheckedNotEmitted) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Dalfsen", "142", "26", "168")};
  t.total_row = Row("Totaal", "610", "26", "636");
  Record r;
  BuildVerdeelbesluit(Prose(std::nullopt, std::nullopt), t, r);
  EXPECT_EQ(r.status, RecordStatus::kValid);
  EXPECT_EQ(r.allocations.size(), 2u);
  EXPECT_EQ(FindCheck(r, "totaal_row.totaal")->status, CheckStatus::kPass);
}

TEST(BuildVerdeelbesluit, TotaalRowContradictingTheOpgaveGoesToReview) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Dalfsen", "142", "26", "168")};
  t.total_row = Row("Totaal", "910", "26", "936");
  Record r;
  BuildVerdeelbesluit(Prose(610, 26), t, r);
  EXPECT_EQ(r.status, RecordStatus::kNeedsReview);
}

TEST(BuildVerdeelbesluit, UnmatchedNameIsFlaggedNotGuessed) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Xqzzyborg", "142", "26", "168")};
  Record r;
  BuildVerdeelbesluit(Prose(610, 26), t, r);
  EXPECT_EQ(r.status, RecordStatus::kNeedsReview);
  EXPECT_TRUE(r.allocations[1].gemeente.empty());
  EXPECT_EQ(r.allocations[1].doubtful.front(), "gemeente");
  EXPECT_EQ(FindCheck(r, "names.matched")->status, CheckStatus::kFail);
}

// A repair is proven only by a table whose checks pass. In a table that
// needs review (here: a name no municipality matches) the repaired cell is
// doubtful too, so a reviewer sees it (before, only the name was marked and
// a wrong repair such as 111 read as 11 passed unremarked).
TEST(BuildVerdeelbesluit, RepairsInATableThatNeedsReviewAreDoubtful) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Xqzzyborg", "L42", "26", "168")};
  Record r;
  BuildVerdeelbesluit(Prose(610, 26), t, r);
  ASSERT_EQ(r.status, RecordStatus::kNeedsReview);
  const Allocation& a = r.allocations[1];
  EXPECT_EQ(a.regulier, 142);
  ASSERT_EQ(a.corrections.size(), 1u);
  EXPECT_EQ(a.corrections[0].field, "regulier");
  EXPECT_EQ(a.doubtful, (std::vector<std::string>{"gemeente", "regulier"}));
  EXPECT_TRUE(r.allocations[0].doubtful.empty());  // read as printed
}

// Sweep fax-037 (seed 99700): "111 0 117" for 777 0 777 became 111 0 111,
// the totaal's valid-looking 7 changed. In a table that needs review the
// row's kept numbers are as likely wrong as the changed one: all doubtful.
// A letter read as its digit ("L42" above) does not make the row doubtful.
TEST(BuildVerdeelbesluit, ALookAlikeRepairInATableThatNeedsReviewDoubtsTheRow) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Xqzzyborg", "111", "0", "117")};
  Record r;
  BuildVerdeelbesluit(Prose(579, 0), t, r);
  ASSERT_EQ(r.status, RecordStatus::kNeedsReview);
  const Allocation& a = r.allocations[1];
  EXPECT_EQ(a.totaal, 111);
  EXPECT_EQ(a.doubtful, (std::vector<std::string>{"gemeente", "totaal", "regulier", "amv"}));
  EXPECT_TRUE(r.allocations[0].doubtful.empty());
}

// A table without a Totaal column: the totaal is regulier + amv. When the
// amv is a doubtful repair the derived totaal moves with it, so it is
// doubtful too (a wrong amv left a wrong totaal unmarked before).
TEST(BuildVerdeelbesluit, DerivedTotaalOfADoubtfulCellIsDoubtful) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", ""), Row("Xqzzyborg", "142", "2G", "")};
  t.column_present[kTotaal] = false;
  Record r;
  BuildVerdeelbesluit(Prose(610, 26), t, r);
  ASSERT_EQ(r.status, RecordStatus::kNeedsReview);
  const Allocation& a = r.allocations[1];
  EXPECT_EQ(a.amv, 26);
  EXPECT_EQ(a.totaal, 168);
  EXPECT_EQ(a.doubtful, (std::vector<std::string>{"gemeente", "amv", "totaal"}));
  EXPECT_TRUE(r.allocations[0].doubtful.empty());  // read as printed, nothing derived in doubt
}

TEST(BuildVerdeelbesluit, RepairsInAProvenTableAreCorrectionsNotDoubts) {
  RawTable t;
  t.rows = {Row("Almelo", "468", "0", "468"), Row("Zwolle", "L42", "26", "168")};
  Record r;
  BuildVerdeelbesluit(Prose(610, 26), t, r);
  ASSERT_EQ(r.status, RecordStatus::kRepaired);
  EXPECT_EQ(r.allocations[1].regulier, 142);
  EXPECT_EQ(r.allocations[1].corrections.size(), 1u);
  EXPECT_TRUE(r.allocations[1].doubtful.empty());
}

TEST(BuildVerdeelbesluit, MissingTableGoesToReviewWithTheReason) {
  Record r;
  BuildVerdeelbesluit(Prose(610, 26), StatusOr<RawTable>(Status::NotFound("no table")), r);
  EXPECT_EQ(r.status, RecordStatus::kNeedsReview);
  EXPECT_EQ(FindCheck(r, "table.found")->status, CheckStatus::kFail);
}

TEST(StatedTargets, FallsBackToOvergenomenPlusRestopgave) {
  BesluitProse p;
  p.overgenomen.regulier = 3851;
  p.restopgave.regulier = 1936;
  std::array<ColumnTarget, 3> t = StatedTargets(p);
  ASSERT_TRUE(t[kRegulier].known());
  EXPECT_EQ(t[kRegulier].sources[0][0].value, 5787);
  EXPECT_FALSE(t[kAmv].known());
}

// Regression (generated Gelderland dumps, seed 60017 and four others): "Edc"
// is as close to Ede as to Epe on its own, but Epe is another row of the
// table and a table lists each municipality once.
TEST(BuildVerdeelbesluit, AmbiguousNameSettledByTheOtherRows) {
  RawTable t;
  t.rows = {Row("Edc", "700", "19", "719"), Row("Epe", "100", "10", "110")};
  BesluitProse p = Prose(800, 29);
  p.province = "Gelderland";
  Record r;
  BuildVerdeelbesluit(p, t, r);
  EXPECT_EQ(r.status, RecordStatus::kRepaired);
  ASSERT_EQ(r.allocations.size(), 2u);
  EXPECT_EQ(r.allocations[0].gemeente, "Ede");
  ASSERT_EQ(r.allocations[0].corrections.size(), 1u);
  EXPECT_NE(r.allocations[0].corrections[0].reason.find("'Epe' also close, but another row"),
            std::string::npos)
      << r.allocations[0].corrections[0].reason;

  // Without Epe in the table nothing settles it: flagged, not guessed.
  RawTable alone;
  alone.rows = {Row("Edc", "700", "19", "719")};
  BesluitProse q = Prose(700, 19);
  q.province = "Gelderland";
  Record s;
  BuildVerdeelbesluit(q, alone, s);
  EXPECT_EQ(s.status, RecordStatus::kNeedsReview);
  EXPECT_TRUE(s.allocations[0].gemeente.empty());
}

}  // namespace
}  // namespace verdeelscan
