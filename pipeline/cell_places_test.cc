#include "pipeline/cell_places.h"

#include <gtest/gtest.h>

#include <string>

namespace verdeelscan {
namespace {

RawCell At(const std::string& text, BBox box, int page = 1) {
  RawCell c;
  c.text = text;
  c.present = true;
  c.where.page = page;
  c.where.box = box;
  return c;
}

// Three rows of a table, numbers 30 px high, columns regulier x 500..580,
// amv 700..740, totaal 900..980, rows 100 px apart from y 1000.
RawTable ThreeRows() {
  RawTable t;
  for (int r = 0; r < 3; ++r) {
    const int y = 1000 + 100 * r;
    RawRow row;
    row.name = At("Zeist", {100, y + 5, 200, y + 40});
    row.cells[kRegulier] = At("211", {500, y, 580, y + 30});
    row.cells[kAmv] = At("0", {700, y, 740, y + 30});
    row.cells[kTotaal] = At("211", {900, y, 980, y + 30});
    t.rows.push_back(row);
  }
  return t;
}

// Sweep office-028 (seed 99700): the first pass read Zeist's totaal 211 as
// "DW", a box around its first two digits, and nothing of its regulier and
// amv. Re-read from that box the digits engine read "21"; from the whole
// cell, 211.
TEST(RereadPlace, APartlyReadCellIsReReadWhole) {
  RawTable t = ThreeRows();
  t.rows[1].cells[kTotaal] = At("DW", {900, 1108, 940, 1126});
  const CellProvenance p = RereadPlace(t, 1, kTotaal);
  EXPECT_EQ(p.box.x0, 900);
  EXPECT_EQ(p.box.x1, 980);
  EXPECT_LE(p.box.y0, 1102);
  EXPECT_GE(p.box.y1, 1130);
  EXPECT_EQ(p.box.y1 - p.box.y0, 30);
}

// A cell read at its neighbours' height keeps its box, clean ("22") or
// damaged ("Zn" for 74: re-read from the whole column, sweep fax-011 of seed
// 99800 lost its 4); the same cell read lower than them grows.
TEST(RereadPlace, AWholeCellKeepsItsBox) {
  RawTable t = ThreeRows();
  const CellProvenance p = RereadPlace(t, 1, kRegulier);
  EXPECT_EQ(p.box.x0, 500);
  EXPECT_EQ(p.box.y0, 1100);
  EXPECT_EQ(p.box.x1, 580);
  EXPECT_EQ(p.box.y1, 1130);
  t.rows[1].cells[kTotaal] = At("22", {930, 1100, 980, 1130});
  EXPECT_EQ(RereadPlace(t, 1, kTotaal).box.x0, 930);
  t.rows[1].cells[kTotaal] = At("Zn", {930, 1100, 980, 1130});
  EXPECT_EQ(RereadPlace(t, 1, kTotaal).box.x0, 930);
  t.rows[1].cells[kTotaal] = At("Zn", {930, 1106, 980, 1126});
  EXPECT_EQ(RereadPlace(t, 1, kTotaal).box.x0, 900);
}

// A column far from the cell (another column's numbers two rows down) does
// not widen it: only neighbours that overlap the cell across count.
TEST(RereadPlace, OnlyOverlappingNeighboursWidenTheCell) {
  RawTable t = ThreeRows();
  t.rows[2].cells[kAmv] = At("0", {1200, 1200, 1240, 1230});
  const CellProvenance p = RereadPlace(t, 1, kAmv);
  EXPECT_EQ(p.box.x0, 700);
  EXPECT_EQ(p.box.x1, 740);
}

TEST(UnreadCellPlace, ARowWithNoNumberReadStandsOnItsName) {
  RawTable t = ThreeRows();
  t.rows[1].cells = {};
  const CellProvenance p = UnreadCellPlace(t, 1, kAmv);
  ASSERT_FALSE(p.box.empty());
  EXPECT_EQ(p.box.x0, 700);
  EXPECT_EQ(p.box.x1, 740);
  EXPECT_EQ(p.box.y0, 1105);
  EXPECT_EQ(p.box.y1, 1140);
  // And its re-read crop is as high as the neighbours' numbers at least.
  const CellProvenance r = RereadPlace(t, 1, kAmv);
  EXPECT_GE(r.box.y1 - r.box.y0, 35);
}

TEST(UnreadCellPlace, NothingToStandOnIsEmpty) {
  RawTable t = ThreeRows();
  t.rows[1].cells = {};
  t.rows[1].name = RawCell{};
  EXPECT_TRUE(UnreadCellPlace(t, 1, kAmv).box.empty());
}

}  // namespace
}  // namespace verdeelscan
