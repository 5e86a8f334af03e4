#include "validators/column_choice.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace verdeelscan {
namespace {

RawCell Cell(const std::string& text) {
  RawCell c;
  c.text = text;
  c.present = true;
  return c;
}

// A candidate reading of the blocks `blocks` (in dump order, one string per
// row each) under the column order `order`, with its evidence.
ColumnAssignment Candidate(const std::vector<std::vector<std::string>>& blocks,
                           const std::vector<int>& order, int header_agreement,
                           int amv_smaller_parts) {
  ColumnAssignment a;
  a.blocks_to_columns = {order};
  a.header_agreement = header_agreement;
  a.amv_smaller_parts = amv_smaller_parts;
  for (size_t i = 0; i < blocks[0].size(); ++i) {
    RawRow row;
    row.name = Cell("Gemeente " + std::to_string(i + 1));
    for (size_t k = 0; k < blocks.size(); ++k) row.cells[order[k]] = Cell(blocks[k][i]);
    a.table.rows.push_back(row);
  }
  return a;
}

TableReadings Readings(std::vector<ColumnAssignment> candidates) {
  TableReadings r;
  r.part_rows = {candidates.front().table.rows.size()};
  r.candidates = std::move(candidates);
  return r;
}

const std::array<ColumnTarget, kColumnCount> kNothingStated{};

bool HasNoteContaining(const RawTable& t, const std::string& part) {
  for (const std::string& n : t.notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

TEST(ChooseColumns, ArithmeticOutranksHeaderWords) {
  // Blocks: totaal, regulier, amv. Only that order makes every row add up;
  // the header words (wrongly) favour reading them in print order.
  const std::vector<std::vector<std::string>> blocks = {
      {"468", "165", "90"}, {"400", "142", "61"}, {"68", "23", "29"}};
  TableReadings r = Readings({Candidate(blocks, {kRegulier, kAmv, kTotaal}, 3, 1),
                              Candidate(blocks, {kTotaal, kRegulier, kAmv}, -1, 1)});
  RawTable t = ChooseColumns(r, kNothingStated);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells[kTotaal].text, "468");
  EXPECT_EQ(t.rows[0].cells[kRegulier].text, "400");
  EXPECT_EQ(t.rows[0].cells[kAmv].text, "68");
  EXPECT_TRUE(t.alignment_problems.empty());
  EXPECT_TRUE(HasNoteContaining(
      t, "columns by arithmetic (repair cost 0): block 1=totaal, block 2=regulier, block 3=amv"));
}

TEST(ChooseColumns, CheaperRepairWins) {
  // "L42" read as 142 (a glyph, cost 1) makes the rows add up in print order;
  // swapping regulier and totaal would need far dearer changes.
  const std::vector<std::vector<std::string>> blocks = {
      {"L42", "300"}, {"26", "20"}, {"168", "320"}};
  TableReadings r = Readings({Candidate(blocks, {kTotaal, kAmv, kRegulier}, 0, 0),
                              Candidate(blocks, {kRegulier, kAmv, kTotaal}, 0, 0)});
  RawTable t = ChooseColumns(r, kNothingStated);
  EXPECT_EQ(t.rows[0].cells[kRegulier].text, "L42");
  EXPECT_TRUE(HasNoteContaining(t, "repair cost 1"));
  EXPECT_TRUE(t.alignment_problems.empty());
}

TEST(ChooseColumns, TieBrokenByHeaderWords) {
  // Regulier and amv swapped both add up, and nothing is stated: only the
  // header words can tell.
  const std::vector<std::vector<std::string>> blocks = {{"10", "4"}, {"50", "20"}, {"60", "24"}};
  TableReadings r = Readings({Candidate(blocks, {kRegulier, kAmv, kTotaal}, 1, 1),
                              Candidate(blocks, {kAmv, kRegulier, kTotaal}, 3, 0)});
  RawTable t = ChooseColumns(r, kNothingStated);
  EXPECT_EQ(t.rows[0].cells[kAmv].text, "10");
  EXPECT_EQ(t.rows[0].cells[kRegulier].text, "50");
  EXPECT_TRUE(HasNoteContaining(t, "broken by the header words"));
  EXPECT_TRUE(t.alignment_problems.empty());
}

TEST(ChooseColumns, TieBrokenByMagnitude) {
  const std::vector<std::vector<std::string>> blocks = {{"10", "4"}, {"50", "20"}, {"60", "24"}};
  TableReadings r = Readings({Candidate(blocks, {kRegulier, kAmv, kTotaal}, 0, 0),
                              Candidate(blocks, {kAmv, kRegulier, kTotaal}, 0, 1)});
  RawTable t = ChooseColumns(r, kNothingStated);
  EXPECT_EQ(t.rows[0].cells[kRegulier].text, "50");
  EXPECT_TRUE(HasNoteContaining(t, "broken by magnitude"));
}

TEST(ChooseColumns, StatedSumsDecideWhatRowsCannot) {
  // Both orders add up row by row; the stated opgave (regulier 70) is met
  // only when the second block is regulier.
  const std::vector<std::vector<std::string>> blocks = {{"10", "4"}, {"50", "20"}, {"60", "24"}};
  std::array<ColumnTarget, kColumnCount> stated;
  stated[kRegulier].sources.push_back({Reading{70, 0, ""}});
  stated[kAmv].sources.push_back({Reading{14, 0, ""}});
  TableReadings r = Readings({Candidate(blocks, {kRegulier, kAmv, kTotaal}, 3, 1),
                              Candidate(blocks, {kAmv, kRegulier, kTotaal}, 0, 0)});
  RawTable t = ChooseColumns(r, stated);
  EXPECT_EQ(t.rows[0].cells[kRegulier].text, "50");
  EXPECT_FALSE(HasNoteContaining(t, "tie"));
}

TEST(ChooseColumns, FullTieIsAnAlignmentProblem) {
  const std::vector<std::vector<std::string>> blocks = {{"10", "4"}, {"50", "20"}, {"60", "24"}};
  TableReadings r = Readings({Candidate(blocks, {kRegulier, kAmv, kTotaal}, 0, 1),
                              Candidate(blocks, {kAmv, kRegulier, kTotaal}, 0, 1)});
  RawTable t = ChooseColumns(r, kNothingStated);
  ASSERT_EQ(t.alignment_problems.size(), 1u);
  EXPECT_NE(t.alignment_problems[0].find("column assignment ambiguous"), std::string::npos);
}

TEST(ChooseColumns, NoConsistentAssignmentIsSaid) {
  const std::vector<std::vector<std::string>> blocks = {{"10", "4"}, {"50", "20"}, {"99", "99"}};
  TableReadings r = Readings({Candidate(blocks, {kRegulier, kAmv, kTotaal}, 0, 0)});
  CostModel costs;
  costs.glyph.max_lookalikes = 0;
  costs.glyph.allow_indels = false;
  RawTable t = ChooseColumns(r, kNothingStated, costs);
  EXPECT_TRUE(HasNoteContaining(t, "no column assignment makes the table consistent"));
  ASSERT_EQ(t.alignment_problems.size(), 1u);
  EXPECT_EQ(t.alignment_problems[0], "columns could not be identified by arithmetic");
}

TEST(ChooseColumns, NoCandidatesGiveTheReadersTable) {
  TableReadings r;
  r.table.alignment_problems.push_back(
      "found 4 numeric columns; expected regulier, amv and totaal");
  RawTable t = ChooseColumns(r, kNothingStated);
  EXPECT_EQ(t.alignment_problems, r.table.alignment_problems);
  EXPECT_TRUE(t.rows.empty());
}

TEST(SolverRowsFor, MergesRecogniserReadingsAtTheirCheaperCost) {
  RawTable t;
  RawRow row;
  row.cells[kRegulier] = Cell("L42");
  row.cells[kRegulier].recogniser_readings.push_back({142, 0, "recogniser"});
  row.cells[kRegulier].recogniser_readings.push_back({742, 3, "recogniser"});
  row.cells[kAmv] = Cell("26");
  t.rows.push_back(row);
  t.column_present[kTotaal] = false;
  std::vector<SolverRow> rows = SolverRowsFor(t);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].cells[kTotaal].absent);
  const auto& readings = rows[0].cells[kRegulier].readings;
  auto find = [&](long v) {
    return std::find_if(readings.begin(), readings.end(),
                        [&](const Reading& r) { return r.value == v; });
  };
  ASSERT_NE(find(142), readings.end());
  EXPECT_EQ(find(142)->cost, 0);
  ASSERT_NE(find(742), readings.end());
  EXPECT_EQ(find(742)->cost, 3);
}

// A fax (Flevoland): the toelichting's "1.610" and "1.732" read as "| 610" and
// "732" (the leading 1 broke from its dot), the table's Totaal row as printed.
// Every row adds up to the Totaal row; the stated sums meet it through one
// restored glyph each, so the table solves as printed instead of failing.
TEST(TargetsFor, StatedSumsMeetThePrintedTotalRow) {
  RawTable t;
  const std::vector<std::array<const char*, 3>> rows = {{"136", "18", "154"}, {"623", "0", "623"},
                                                        {"213", "34", "247"}, {"221", "31", "252"},
                                                        {"202", "0", "202"},  {"215", "39", "254"}};
  for (const auto& r : rows) {
    RawRow row;
    for (int c = 0; c < kColumnCount; ++c) row.cells[c] = Cell(r[c]);
    t.rows.push_back(row);
  }
  t.total_row = RawRow{};
  t.total_row->cells[kRegulier] = Cell("1.610");
  t.total_row->cells[kAmv] = Cell("122");
  t.total_row->cells[kTotaal] = Cell("1.732");
  std::array<ColumnTarget, kColumnCount> stated;
  stated[kRegulier].sources.push_back({Reading{610, 0, ""}});
  stated[kAmv].sources.push_back({Reading{122, 0, ""}});
  stated[kTotaal].sources.push_back({Reading{732, 0, ""}});

  const GlyphModelOptions glyph;
  std::array<ColumnTarget, kColumnCount> targets = TargetsFor(t, stated, glyph);
  ASSERT_EQ(targets[kRegulier].sources.size(), 2u);
  const std::vector<Reading>& prose = targets[kRegulier].sources[0];
  ASSERT_EQ(prose.size(), 2u);
  EXPECT_EQ(prose[1].value, 1610);
  EXPECT_EQ(prose[1].cost, glyph.indel_cost);
  EXPECT_NE(prose[1].reason.find("stated sum read 610"), std::string::npos) << prose[1].reason;
  // Where prose and Totaal row agree nothing is added.
  EXPECT_EQ(targets[kAmv].sources[0].size(), 1u);

  Solution s = SolveTable(SolverRowsFor(t, glyph), targets);
  ASSERT_EQ(s.outcome, Solution::Outcome::kUnique);
  EXPECT_EQ(s.targets[kRegulier]->value, 1610);
  EXPECT_EQ(s.rows[0][kAmv].value, 18);

  // A damaged Totaal row (not read as printed) pulls nothing: the prose's
  // number is then the better witness.
  t.total_row->cells[kRegulier] = Cell("l.610");
  EXPECT_EQ(TargetsFor(t, stated, glyph)[kRegulier].sources[0].size(), 1u);
}

}  // namespace
}  // namespace verdeelscan
