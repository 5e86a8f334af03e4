#include "extractors/documents/line_table.h"

#include <gtest/gtest.h>

#include <sstream>
#include <tuple>

#include "extractors/ingest/text_dump.h"

namespace verdeelscan {
namespace {

TextDocument Doc(const std::string& text) {
  StatusOr<TextDocument> d = TextDocumentFromString(text);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? *d : TextDocument{};
}

const LineTableSpec kIbt{{"wettelijke taak", "realisatie"}, {"regulier", "amv"}};

std::optional<long> Cell(const LineTable& t, int row, int col) { return t.cells[row][col].value; }

// A word as a scan read it: its text, box and the recogniser's confidence.
using OcrWord = std::tuple<std::string, BBox, double>;

// Appends a line of OCR'd words to `d`.
void AddOcrLine(TextDocument& d, const std::vector<OcrWord>& words) {
  TextLine l;
  for (const auto& [w, box, confidence] : words) {
    l.words.push_back({w, box, confidence, {}});
    l.text += (l.text.empty() ? "" : " ") + w;
  }
  d.lines.push_back(l);
}

TEST(LineTable, TabSeparatedAsInSeed004) {
  TextDocument d =
      Doc("de cijfers als volgt:\n\n\tWettelijke taak\tRealisatie per 1-7-2025\n"
          "Regulier\t434\t174\nAMV\t0\t0\n\nUit deze cijfers blijkt dat ...\n");
  auto t = ReadLineTable(d, 0, static_cast<int>(d.lines.size()) - 1, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->layout, "tabs");
  EXPECT_EQ(t->header_line, 2);
  EXPECT_EQ(Cell(*t, 0, 0), 434);
  EXPECT_EQ(Cell(*t, 0, 1), 174);
  EXPECT_EQ(Cell(*t, 1, 0), 0);
  EXPECT_EQ(Cell(*t, 1, 1), 0);
}

TEST(LineTable, ColumnOrderComesFromTheHeaderNotTheCues) {
  TextDocument d =
      Doc("Realisatie per 1 juli 2025    Wettelijke taak\nRegulier   120    300\nAMV   5   10\n");
  auto t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Cell(*t, 0, 0), 300);  // wettelijke taak
  EXPECT_EQ(Cell(*t, 0, 1), 120);  // realisatie
  EXPECT_EQ(Cell(*t, 1, 0), 10);
  EXPECT_EQ(Cell(*t, 1, 1), 5);
}

// A thousands point a scan lost ("1 349" for 1.349, lettergen seed 5902,
// photocopy: the "1" was the wettelijke taak, valid): one number more than
// the columns, and the closest pair of a 1-3 digit and a 3 digit group is
// one number, the correction noted. Groups a column's gap apart stay apart.
TEST(LineTable, ThousandsPointLostBetweenTwoGroupsJoinsThem) {
  TextDocument d = Doc(
      "Wettelijke taak     Realisatie per 1-7-2025\nRegulier   1 349     809\nAMV   42     25\n");
  auto t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Cell(*t, 0, 0), 1349);
  EXPECT_EQ(Cell(*t, 0, 1), 809);
  EXPECT_NE(t->cells[0][0].note.find("thousands point lost"), std::string::npos);
  TextDocument even =
      Doc("Wettelijke taak     Realisatie per 1-7-2025\nRegulier   1     349     809\nAMV   42     "
          "25\n");
  auto u = ReadLineTable(even, 0, 2, kIbt);
  ASSERT_TRUE(u.has_value());
  EXPECT_NE(Cell(*u, 0, 0), 1349) << "three numbers evenly apart are not joined";
  // Nor placed by position: which of the three is a speck or half a number
  // nothing says, and the row is left unread (held, named).
  EXPECT_FALSE(u->cells[0][0].value.has_value());
  EXPECT_FALSE(u->cells[0][1].value.has_value());
  // Both columns' points lost ("Regulier 1 263 1 389", a clean scan of
  // lettergen seed 8604: both read as 1, valid).
  TextDocument both = Doc(
      "Wettelijke taak     Realisatie per 1-7-2025\nRegulier   1 263     1 389\nAMV   22     24\n");
  auto b = ReadLineTable(both, 0, 2, kIbt);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(Cell(*b, 0, 0), 1263);
  EXPECT_EQ(Cell(*b, 0, 1), 1389);
  EXPECT_NE(b->cells[0][1].note.find("thousands point lost"), std::string::npos);
}

TEST(LineTable, SpaceAlignedMissingCellIsPlacedByPositionOrLeftOpen) {
  TextDocument d =
      Doc("              Wettelijke taak        Realisatie\n"
          "Regulier                  1.234              1.301\n"
          "AMV                                             50\n");
  auto t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->layout, "aligned");
  EXPECT_EQ(Cell(*t, 0, 0), 1234);
  EXPECT_EQ(Cell(*t, 0, 1), 1301);
  EXPECT_FALSE(Cell(*t, 1, 0).has_value());  // nothing printed: not guessed
  EXPECT_EQ(Cell(*t, 1, 1), 50);
  EXPECT_FALSE(t->notes.empty());
}

TEST(LineTable, OcrLinesWithStackedHeaderAndNumbersBelowTheLabel) {
  TextDocument d =
      Doc("Wettelijke taak\n\nRealisatie per 1-7-2025\n\nRegulier\n\n88\n\n41\n\nAMV\n\n6\n\nO\n\n"
          "Uit deze cijfers blijkt\n");
  auto t = ReadLineTable(d, 0, static_cast<int>(d.lines.size()) - 1, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->layout, "stacked");
  EXPECT_EQ(Cell(*t, 0, 0), 88);
  EXPECT_EQ(Cell(*t, 0, 1), 41);
  EXPECT_EQ(Cell(*t, 1, 0), 6);
  EXPECT_EQ(Cell(*t, 1, 1), 0);  // "O" read as 0
}

TEST(LineTable, WordsWithBoxesUseXPositions) {
  // Header printed right-to-left relative to the cues; one AMV cell missing.
  TextDocument d;
  auto line = [&](std::vector<std::pair<std::string, int>> words) {
    TextLine l;
    for (auto& [w, x] : words) {
      Word word;
      word.text = w;
      word.box = {x, 100, x + 10 * static_cast<int>(w.size()), 120};
      l.words.push_back(word);
      l.text += (l.text.empty() ? "" : " ") + w;
    }
    d.lines.push_back(l);
  };
  line({{"Realisatie", 400}, {"Wettelijke", 700}, {"taak", 810}});
  line({{"Regulier", 50}, {"17", 440}, {"230", 760}});
  line({{"AMV", 50}, {"9", 770}});
  auto t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->layout, "boxes");
  EXPECT_EQ(Cell(*t, 0, 0), 230);
  EXPECT_EQ(Cell(*t, 0, 1), 17);
  EXPECT_EQ(Cell(*t, 1, 0), 9);
  EXPECT_FALSE(Cell(*t, 1, 1).has_value());
}

TEST(LineTable, SpecksAtARowsEdgesAreNoPartOfIt) {
  // "’ Regulier 1.478 886": an office scan of lettergen seed 4500 read a
  // speck in the margin before the label; the row was not found.
  TextDocument d;
  auto line = [&d](const std::vector<OcrWord>& words) { AddOcrLine(d, words); };
  line({{"Wettelijke", {554, 2339, 774, 2387}, 0.96},
        {"taak", {790, 2338, 888, 2375}, 0.95},
        {"Realisatie", {951, 2334, 1166, 2373}, 0.92}});
  line({{"’", {38, 2439, 44, 2446}, 0.0},
        {"Regulier", {312, 2433, 495, 2480}, 0.96},
        {"1.478", {558, 2431, 681, 2468}, 0.90},
        {"886", {951, 2427, 1034, 2463}, 0.96}});
  // And debris far right of the last cell (seed 5101: "AMV - 0 0 OO", the
  // "OO" 620 px away at 0.00): the row's numbers were not read.
  line({{"AMV", {310, 2525, 411, 2561}, 0.97},
        {"0", {557, 2523, 582, 2558}, 0.77},
        {"0", {952, 2518, 977, 2553}, 0.76},
        {"OO", {1537, 2515, 1615, 2573}, 0.0}});
  auto t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Cell(*t, 0, 0), 1478);
  EXPECT_EQ(Cell(*t, 0, 1), 886);
  EXPECT_EQ(Cell(*t, 1, 0), 0);
  EXPECT_EQ(Cell(*t, 1, 1), 0);
}

// A cell a scan damaged beyond reading (lettergen seed 5305, office: "AMV
// 47 al" for 47 and 51) left the whole row unread; the other cell keeps its
// column and the damaged one is an unread cell with its text (for a second
// look at its box). The label is never a cell, nor a longer word.
TEST(LineTable, ACellDamagedBeyondReadingKeepsItsNeighbourInItsColumn) {
  TextDocument d;
  auto line = [&d](const std::vector<OcrWord>& words) { AddOcrLine(d, words); };
  line({{"Wettelijke", {274, 3011, 457, 3055}, 0.95},
        {"taak", {470, 3011, 545, 3045}, 0.95},
        {"Realisatie", {601, 3010, 777, 3045}, 0.71}});
  line({{"Regulier", {275, 3065, 430, 3119}, 0.97},
        {"122", {647, 3071, 710, 3105}, 0.96},
        {"134", {995, 3070, 1060, 3103}, 0.87}});
  line({{"AMV", {275, 3128, 384, 3180}, 0.95},
        {"47", {660, 3131, 704, 3165}, 0.95},
        {"al", {999, 3130, 1040, 3163}, 0.58}});
  auto t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Cell(*t, 1, 0), 47);
  EXPECT_FALSE(Cell(*t, 1, 1).has_value());
  EXPECT_EQ(t->cells[1][1].raw, "al");
  // "AMV 47": one number (placed by its position as before); the label
  // makes no cell.
  d.lines.pop_back();
  line({{"AMV", {275, 3128, 384, 3180}, 0.95}, {"47", {660, 3131, 704, 3165}, 0.95}});
  t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  for (const LineTableCell& c : t->cells[1]) EXPECT_NE(c.raw, "AMV");
}

TEST(LineTable, GlyphDamageIsRepairedOnlyWhenUnambiguousAndNoted) {
  TextDocument d = Doc("\tWettelijke taak\tRealisatie\nRegulier\tl74\t2O0\nAMV\t?\t0\n");
  auto t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Cell(*t, 0, 0), 174);
  EXPECT_FALSE(t->cells[0][0].note.empty());
  EXPECT_EQ(Cell(*t, 0, 1), 200);
  // "?" is no number: the row has one number for two columns; tabs place it.
  EXPECT_FALSE(Cell(*t, 1, 0).has_value());
  EXPECT_EQ(Cell(*t, 1, 1), 0);
  // A low quote a scan glued before a digit (seed 4800, office: "AMV „0 0").
  t = ReadLineTable(Doc("\tWettelijke taak\tRealisatie\nRegulier\t246\t147\nAMV\t„0\t0\n"), 0, 2,
                    kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Cell(*t, 1, 0), 0);
}

TEST(LineTable, SingleSpacedOcrLinesUseTheHeaderOrder) {
  TextDocument d = Doc("Realisatie per 1-7-2025 Wettelijke taak\nRegulier 17 230\nAMV O 9\n");
  auto t = ReadLineTable(d, 0, 2, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->layout, "tokens");
  EXPECT_EQ(Cell(*t, 0, 0), 230);
  EXPECT_EQ(Cell(*t, 0, 1), 17);
  EXPECT_EQ(Cell(*t, 1, 0), 9);
  EXPECT_EQ(Cell(*t, 1, 1), 0);
}

TEST(LineTable, ProseNamingBothCuesIsNotAHeader) {
  TextDocument d =
      Doc("In deze brief leest u hoe de wettelijke taak en de realisatie van uw gemeente zich tot "
          "elkaar verhouden volgens de rapportage van de provincie.\nRegulier 5 6\n");
  EXPECT_FALSE(ReadLineTable(d, 0, 1, kIbt).has_value());
}

TEST(LineTable, TheHeaderWhoseRowsGiveTheMostCellsWins) {
  // A lettergen IBT letter (seed 4607): a short line of prose naming two
  // cues ("opgave", "gerealiseerd") stands above the table, and its first
  // row lies within reach of it.
  TextDocument d =
      Doc("opgave die per provincie gerealiseerd moet worden.\nEen zin.\n\n"
          "\tWettelijke taak\tRealisatie per 1-7-2025\nRegulier\t515\t0\nAMV\t25\t0\n");
  auto t = ReadLineTable(d, 0, 6, kIbt);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->header_line, 3);
  EXPECT_EQ(Cell(*t, 0, 0), 515);
  EXPECT_EQ(Cell(*t, 1, 0), 25);
  EXPECT_EQ(Cell(*t, 1, 1), 0);
}

TEST(LineTable, NoTableNoResult) {
  TextDocument d = Doc("Geacht college,\n\nDank voor uw brief.\n");
  EXPECT_FALSE(ReadLineTable(d, 0, 2, kIbt).has_value());
}

}  // namespace
}  // namespace verdeelscan
