#include "extractors/tables/table_dump.h"

#include <gtest/gtest.h>

#include "extractors/ingest/text_dump.h"
#include "validators/column_choice.h"

namespace verdeelscan {
namespace {

std::array<ColumnTarget, kColumnCount> Stated(long regulier, long amv) {
  std::array<ColumnTarget, kColumnCount> t;
  t[kRegulier].sources.push_back({Reading{regulier, 0, ""}});
  t[kAmv].sources.push_back({Reading{amv, 0, ""}});
  t[kTotaal].sources.push_back({Reading{regulier + amv, 0, ""}});
  return t;
}

// The reader, then the column choice, as the pipeline runs them.
StatusOr<RawTable> ReadAndChoose(const TextDocument& doc, int first, int last,
                                 std::string_view province,
                                 const std::array<ColumnTarget, kColumnCount>& stated) {
  const CostModel costs;
  StatusOr<TableReadings> r =
      ReadDumpTable(doc, first, last, province, costs.max_parts_with_own_order);
  if (!r.ok()) return r.status();
  return ChooseColumns(*r, stated, costs);
}

StatusOr<RawTable> Read(const std::string& text,
                        const std::array<ColumnTarget, kColumnCount>& stated,
                        const std::string& province = "Overijssel") {
  StatusOr<TextDocument> d = TextDocumentFromString(text);
  EXPECT_TRUE(d.ok());
  return ReadAndChoose(*d, 0, static_cast<int>(d->lines.size()) - 1, province, stated);
}

TEST(ReadDumpTable, Seed001ColumnWise) {
  StatusOr<TextDocument> d =
      LoadTextDump(std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/seeds/001_6cd23678e9073bd3.txt");
  ASSERT_TRUE(d.ok());
  StatusOr<RawTable> t = ReadAndChoose(*d, 204, 479, "Overijssel", Stated(5787, 538));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 25u);
  EXPECT_TRUE(t->alignment_problems.empty());
  EXPECT_EQ(t->rows[0].name.text, "Almelo");
  EXPECT_EQ(t->rows[9].name.text, "Henqelo (O. )");  // joined over two lines
  // Blocks in the dump: regulier, totaal, then names, then amv.
  EXPECT_EQ(t->rows[2].cells[kRegulier].text, "L42");
  EXPECT_EQ(t->rows[2].cells[kTotaal].text, "168");
  EXPECT_EQ(t->rows[2].cells[kAmv].text, "26");
  EXPECT_EQ(t->rows[24].cells[kAmv].text, "103");
  EXPECT_FALSE(t->total_row.has_value());  // "Totaal" there is a column header
}

TEST(ReadDumpTable, RowWiseWithTotaalRow) {
  StatusOr<RawTable> t = Read(
      "Gemeente Reguliere opvangplaatsen Amv-opvangplaatsen Totaal\n"
      "Almelo 468 0 468\n"
      "Dalfsen L42 26 168\n"
      "Hof van Twente 157 30 187\n"
      "Totaal 767 56 823\n",
      {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[2].name.text, "Hof van Twente");
  EXPECT_EQ(t->rows[1].cells[kRegulier].text, "L42");
  ASSERT_TRUE(t->total_row.has_value());
  EXPECT_EQ(t->total_row->cells[kTotaal].text, "823");
}

// Regression: a table with cell separators ("| Almelo | 40 | 10 | 50 |") lost
// its header, because the line's last token "|" is no number and "|" folds to
// a letter; the order then came from magnitude alone. The header words decide
// here even against magnitude (this table's amv column is the larger one).
TEST(ReadDumpTable, CellSeparatorsDoNotHideTheHeader) {
  StatusOr<RawTable> t = Read(
      "| Gemeente | Amv-opvangplaatsen | Reguliere opvangplaatsen | Totaal |\n"
      "|---|---|---|---|\n"
      "| Almelo | 40 | 1O | 50 |\n"
      "| Dalfsen | 62 | 4 | 66 |\n"
      "| Ommen | 30 | 2 | 32 |\n"
      "| Totaal | 132 | 16 | 148 |\n",
      {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_TRUE(t->alignment_problems.empty());
  EXPECT_EQ(t->rows[0].name.text, "Almelo");
  EXPECT_EQ(t->rows[0].cells[kAmv].text, "40");
  EXPECT_EQ(t->rows[0].cells[kRegulier].text, "1O");
  ASSERT_TRUE(t->total_row.has_value());
  EXPECT_EQ(t->total_row->cells[kAmv].text, "132");
}

// Nil printed as a dash, in a row and in a column block, and a Totaal row
// labelled with its province: the dash is a cell (not lost, which shifted
// the row), the label is not a municipality.
TEST(ReadDumpTable, DashIsNilAndTotaalRowNamesItsProvince) {
  StatusOr<RawTable> rows = Read(
      "Gemeente Reguliere opvangplaatsen Amv-opvangplaatsen Totaal\n"
      "Alphen-Chaam 20 - 20\n"
      "Bergen op Zoom 2O0 18 218\n"
      "Geldrop-Mierlo 90 \u2014 90\n"
      "Totaal provincie Noord-Brabant 310 18 328\n",
      {}, "Noord-Brabant");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->rows.size(), 3u);
  EXPECT_TRUE(rows->alignment_problems.empty());
  EXPECT_EQ(rows->rows[0].cells[kAmv].text, "-");
  EXPECT_EQ(rows->rows[0].cells[kTotaal].text, "20");
  ASSERT_TRUE(rows->total_row.has_value());
  EXPECT_EQ(rows->total_row->cells[kTotaal].text, "328");

  StatusOr<RawTable> columns = Read(
      "Gemeente\nAlphen-Chaam\nBergen op Zoom\nGeldrop-Mierlo\nTotaal Noord-Brabant\n"
      "Reguliere\n20\n2O0\n90\n310\n"
      "Amv\n-\n18\n\u2014\n18\n"
      "Totaal\n20\n218\n90\n328\n",
      {}, "Noord-Brabant");
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  ASSERT_EQ(columns->rows.size(), 3u);
  EXPECT_TRUE(columns->alignment_problems.empty());
  EXPECT_EQ(columns->rows[0].cells[kAmv].text, "-");
  EXPECT_EQ(columns->rows[2].cells[kAmv].text, "\u2014");
  EXPECT_EQ(columns->rows[2].cells[kTotaal].text, "90");
  ASSERT_TRUE(columns->total_row.has_value());
  EXPECT_EQ(columns->total_row->cells[kAmv].text, "18");
}

// Header wordings other than the seed's: "Aantal ...", the long form of amv
// spread over several words. The header, not magnitude, orders the columns
// (here amv is printed first and is the larger column).
TEST(ReadDumpTable, LongerHeaderWordings) {
  for (const char* header :
       {"Gemeente  Aantal amv-opvangplaatsen  Aantal reguliere opvangplaatsen  Totaal aantal",
        "Naam gemeente  Alleenstaande minderjarige vreemdelingen (amv)  Regulier  Totaal"}) {
    StatusOr<RawTable> t = Read(std::string(header) +
                                    "\n"
                                    "Almelo 40 1O 50\n"
                                    "Dalfsen 62 4 66\n"
                                    "Ommen 30 2 32\n"
                                    "Totaal 132 16 148\n",
                                {});
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    ASSERT_EQ(t->rows.size(), 3u) << header;
    EXPECT_EQ(t->rows[0].cells[kAmv].text, "40") << header;
    EXPECT_EQ(t->rows[0].cells[kRegulier].text, "1O") << header;
  }
}

// A space inside a number ("2 30") makes a row one number too long: the one
// join that makes the row add up is taken; with none or several, the row
// stays an alignment problem for review.
TEST(ReadDumpTable, NumberSplitBySpaceJoinedByTheRowSum) {
  StatusOr<RawTable> t = Read(
      "Gemeente Reguliere Amv Totaal\n"
      "Almelo 468 0 468\n"
      "Dalfsen 142 26 1 68\n"
      "Ommen 84 16 100\n",
      {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_TRUE(t->alignment_problems.empty());
  EXPECT_EQ(t->rows[1].cells[kTotaal].text, "168");

  // "1 6": 142 + 26 = 168 can't be had from any join; a trailing footnote
  // mark "1" joins into nothing that adds up either.
  for (const char* row : {"Dalfsen 142 26 1 6\n", "Dalfsen 142 26 168 1\n"}) {
    StatusOr<RawTable> u = Read(std::string("Gemeente Reguliere Amv Totaal\n"
                                            "Almelo 468 0 468\n") +
                                    row + "Ommen 84 16 100\n",
                                {});
    ASSERT_TRUE(u.ok()) << u.status().ToString();
    EXPECT_FALSE(u->alignment_problems.empty()) << row;
  }
}

// A row of nil dashes or one-glyph cells is a row, not a name ("Sluis - -
// -", generated dump s80150); a dash right under the Totaal column's
// header opens its block (s80056).
TEST(ReadDumpTable, RowsOfOneGlyphCellsAndDashUnderTotaal) {
  StatusOr<RawTable> rows = Read(
      "Gemeente Reguliere Amv Totaal\n"
      "Almelo 468 0 468\n"
      "| Borne | \u2013 | \u2013 | \u2013 |\n"
      "Dalfsen - Z Z\n"
      "Ommen 84 16 100\n",
      {});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->rows.size(), 4u);
  EXPECT_TRUE(rows->alignment_problems.empty());
  EXPECT_EQ(rows->rows[1].name.text, "Borne");
  EXPECT_EQ(rows->rows[2].name.text, "Dalfsen");
  EXPECT_EQ(rows->rows[2].cells[kTotaal].text, "Z");

  StatusOr<RawTable> columns = Read(
      "Gemeente\nAlmelo\nBorne\nOmmen\n"
      "Totaal\n-\n468\n100\n"
      "Regulier\n-\n468\n84\n"
      "Amv\n-\n0\n16\n",
      Stated(552, 16));
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  ASSERT_EQ(columns->rows.size(), 3u);
  EXPECT_TRUE(columns->alignment_problems.empty());
  EXPECT_EQ(columns->rows[0].cells[kTotaal].text, "-");
  EXPECT_EQ(columns->rows[2].cells[kTotaal].text, "100");
}

// A row-wise line that does not fit the common shape is split again: a short
// name read as damaged numbers ("Aa" looks like 88) goes back into the name,
// a damaged number read into the name ("Midden-Drenthe B") back to the
// numbers (generated dump s70151).
TEST(ReadDumpTable, RowSplitAgainInTheCommonShape) {
  StatusOr<RawTable> t = Read(
      "Totaal Regulier Gemeente Amv\n"
      "66 6r Aa en Hunze 5\n"
      "387 387 Borger-Odoorn 0\n"
      "25 17 Midden-Drenthe B\n"
      "83 83 Tynaarlo 0\n",
      {}, "Drenthe");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_TRUE(t->alignment_problems.empty());
  EXPECT_EQ(t->rows[0].name.text, "Aa en Hunze");
  EXPECT_EQ(t->rows[0].cells[kRegulier].text, "6r");
  EXPECT_EQ(t->rows[2].name.text, "Midden-Drenthe");
  EXPECT_EQ(t->rows[2].cells[kAmv].text, "B");
}

// A row-wise table whose first page printed no header, and whose
// continuation page repeats it: the rows above the header, with the page's
// furniture between, belong to the table (generated dump s80184).
TEST(ReadDumpTable, RowsAboveTheFirstHeaderBelongToTheTable) {
  StatusOr<RawTable> t = Read(
      "worden als volgt over de gemeenten verdeeld:\n"
      "| Almelo | 468 | 0 | 468 |\n"
      "| Hof van | 157 | 30 | 187 |\n"
      "Twente\n"
      "| Borne | 0 | 0 | o |\n"
      "\n"
      "Pagina 3 van 9\n"
      "Kenmerk\n"
      "6015733\n"
      "| Gemeente | Reguliere opvangplaatsen | Amv-opvangplaatsen | Totaal |\n"
      "| Dalfsen | 142 | 26 | 168 |\n"
      "| Ommen | 84 | 16 | 100 |\n"
      "| Zwolle | 545 | 103 | 648 |\n",
      Stated(1396, 175));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 6u);
  EXPECT_TRUE(t->alignment_problems.empty());
  EXPECT_EQ(t->rows[0].name.text, "Almelo");
  EXPECT_EQ(t->rows[1].name.text, "Hof van Twente");  // broken name above the header
  EXPECT_EQ(t->rows[2].cells[kTotaal].text, "o");
  EXPECT_EQ(t->rows[5].name.text, "Zwolle");
}

// No header at all: the first row's name began on the line above
// ("Hengelo" / "(O. ) 425 0 425"; generated dump s70273 had "Beek" / "(L.)").
TEST(ReadDumpTable, FirstRowNameBegunAboveTheRows) {
  StatusOr<RawTable> t = Read(
      "worden als volgt over de gemeenten verdeeld:\n"
      "Hengelo\n"
      "(O. ) 425 0 425\n"
      "Almelo 468 0 468\n"
      "Ommen 84 16 100\n",
      Stated(977, 16));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_TRUE(t->alignment_problems.empty());
  EXPECT_EQ(t->rows[0].name.text, "Hengelo (O.");  // a lone ")" carries nothing
}

// Generated dumps s90021, s90274, s90131: a nil dash alone after the name
// ("| - | - | Nieuwkoop | - |"), a dash under its header with a stray comma
// line between, and the first column dumped above the names with no header.
TEST(ReadDumpTable, DashesAroundNamesAndAColumnAboveTheNames) {
  StatusOr<RawTable> rows = Read(
      "Totaal Regulier Gemeente Amv\n"
      "| 468 | 468 | Almelo | 0 |\n"
      "| - | - | Borne | - |\n"
      "| 100 | 84 | Ommen | 16 |\n"
      "| 168 | 142 | Dalfsen | 26 |\n",
      {});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->rows.size(), 4u);
  EXPECT_TRUE(rows->alignment_problems.empty());
  EXPECT_EQ(rows->rows[1].name.text, "Borne");
  EXPECT_EQ(rows->rows[1].cells[kAmv].text, "-");

  StatusOr<RawTable> columns = Read(
      "worden als volgt over de gemeenten verdeeld:\n"
      "468\n0\n100\n168\n"
      "Almelo\nBorne\nOmmen\nDalfsen\n"
      "Amv-opvangplaatsen\n-\n,\n-\n16\n26\n"
      "Reguliere opvangplaatsen\n468\n-\n84\n142\n",
      Stated(694, 42));
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  ASSERT_EQ(columns->rows.size(), 4u);
  EXPECT_TRUE(columns->alignment_problems.empty());
  EXPECT_EQ(columns->rows[0].cells[kTotaal].text, "468");
  EXPECT_EQ(columns->rows[1].cells[kAmv].text, "-");
  EXPECT_EQ(columns->rows[3].cells[kTotaal].text, "168");
}

// Regression (generated dump s100111, a silent error): no header, and the
// first row was cut off from the others by a broken name ("Groningen" /
// "(gemeente) ..."); the row of zeros left out changed no sum. It belongs to
// the table; a row above the table that still cannot be joined is flagged.
TEST(ReadDumpTable, RowOfZerosAboveABrokenNameIsNotLost) {
  StatusOr<RawTable> t = Read(
      "worden als volgt over de gemeenten verdeeld:\n"
      "Eemsdelta | O | 8 | 0\n"
      "Groningen\n"
      "(gemeente) | 250 | 24 | 274\n"
      "Het Hogeland | 293 | 73 | 366\n"
      "Pekela | 26 | 4 | 3O\n"
      "Totaal | 569 | 101 | 670\n",
      {}, "Groningen");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].name.text, "Eemsdelta");
  EXPECT_EQ(t->rows[1].name.text, "Groningen (gemeente)");

  StatusOr<RawTable> cut = Read(
      "worden als volgt over de gemeenten verdeeld:\n"
      "Eemsdelta 0 0 0\n"
      "een regel die geen rij is en lang genoeg\n"
      "Het Hogeland 293 73 366\n"
      "Pekela 26 4 30\n"
      "Oldambt 225 0 225\n",
      {}, "Groningen");
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  EXPECT_EQ(cut->rows.size(), 3u);
  ASSERT_FALSE(cut->alignment_problems.empty());
  EXPECT_NE(cut->alignment_problems[0].find("above the table"), std::string::npos)
      << cut->alignment_problems[0];
}

// Without header words, the column order must come from the arithmetic.
TEST(ReadDumpTable, ColumnOrderFromArithmetic) {
  // Printed order: totaal, amv, regulier.
  StatusOr<RawTable> t = Read(
      "Gemeente\nAlmelo\nDalfsen\nOmmen\nZwolle\n"
      "Totaal\n468\n168\n100\n648\n"
      "Amv\n0\n26\n16\n103\n"
      "Reguliere\n468\n142\n84\n545\n",
      Stated(1239, 145));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[3].cells[kRegulier].text, "545");
  EXPECT_EQ(t->rows[3].cells[kAmv].text, "103");
  EXPECT_EQ(t->rows[3].cells[kTotaal].text, "648");
}

// Regression (generated dump s20048): the regulier block came before the
// "Gemeente" header and was lost, and the two blocks left (amv, totaal) were
// read as amv and regulier, made to fit by two look-alike changes.
TEST(ReadDumpTable, NumbersAboveTheHeaderBelongToTheTable) {
  StatusOr<RawTable> t = Read(
      "worden als volgt over de gemeenten verdeeld:\n"
      "34\n884\nO\n379\n"
      "Gemeente\nAlmelo\nDalfsen\nOmmen\nZwolle\n"
      "Amv-\nopvangplaatsen\n13\n55\n0\n42\n"
      "47\n939\n0\n421\n",
      Stated(1297, 110));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[1].cells[kRegulier].text, "884");
  EXPECT_EQ(t->rows[2].cells[kRegulier].text, "O");
  EXPECT_EQ(t->rows[3].cells[kTotaal].text, "421");
}

TEST(ReadDumpTable, TwoBlocksMayBeAmvAndTotaal) {
  StatusOr<RawTable> t = Read(
      "Gemeente\nAlmelo\nDalfsen\nOmmen\n"
      "Amv-\nopvangplaatsen\n13\n55\n0\n"
      "47\n939\n737\n",
      Stated(1655, 68));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_FALSE(t->column_present[kRegulier]);
  EXPECT_TRUE(t->column_present[kAmv]);
  EXPECT_TRUE(t->column_present[kTotaal]);
  EXPECT_EQ(t->rows[2].cells[kTotaal].text, "737");
}

// Regression (generated dump s20032): "o" for 0 between two numbers broke the
// row; a short name of digit-like letters at a row's edge stays a name.
TEST(ReadDumpTable, GlyphOnlyTokenBetweenNumbersIsANumber) {
  StatusOr<RawTable> t = Read(
      "Gemeente Reguliere opvangplaatsen Amv-opvangplaatsen Totaal\n"
      "Bernheze 120 10 130\n"
      "Lelystad 476 o 47b\n"
      "Oss 512 30 542\n",
      {}, "Noord-Brabant");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_TRUE(t->alignment_problems.empty());
  EXPECT_EQ(t->rows[1].cells[kAmv].text, "o");
  EXPECT_EQ(t->rows[1].cells[kTotaal].text, "47b");
  EXPECT_EQ(t->rows[2].name.text, "Oss");
  EXPECT_EQ(t->rows[2].cells[kRegulier].text, "512");
}

// Regression (generated dump s20002): a row the reader cannot take for a row
// ended the table, and the rows after it were lost without a word (a zero row
// leaves the sums intact). Now the table is flagged.
TEST(ReadDumpTable, RowsAfterAnUnreadableLineAreNotLostSilently) {
  StatusOr<RawTable> t = Read(
      "Gemeente Reguliere opvangplaatsen Amv-opvangplaatsen Totaal\n"
      "Almelo 468 0 468\n"
      "Dalfsen 142 26 168\n"
      "Ommen 84 16 100\n"
      "Raalte 175 33 208\n"
      "Hier staat een regel die de lezer niet als rij herkent, zoals een zin.\n"
      "Zwolle 545 103 648\n",
      {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->rows.size(), 4u);
  ASSERT_FALSE(t->alignment_problems.empty());
  EXPECT_NE(t->alignment_problems[0].find("go on after"), std::string::npos)
      << t->alignment_problems[0];
}

// Regressions (generated dumps s20009, s20051, s20019): a name broken over
// two lines joins the row below or above when only the join is a
// municipality; a run of damaged zeros reaching the row's end is numbers.
TEST(ReadDumpTable, NamesBrokenOverTwoLinesAndRunsOfDamagedZeros) {
  StatusOr<RawTable> t = Read(
      "Gemeente Reguliere opvangplaatsen Amv-opvangplaatsen Totaal\n"
      "De Ronde\n"
      "Venen 319 42 361\n"
      "Utrecht 573 60 633\n"
      "Utrechtse 134 30 164\n"
      "Heuvelrug\n"
      "Woerden O O 0\n",
      {}, "Utrecht");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].name.text, "De Ronde Venen");
  EXPECT_EQ(t->rows[1].name.text, "Utrecht");
  EXPECT_EQ(t->rows[2].name.text, "Utrechtse Heuvelrug");
  EXPECT_EQ(t->rows[3].cells[kRegulier].text, "O");
  EXPECT_EQ(t->rows[3].cells[kTotaal].text, "0");
}

// Regression (generated dump s20022): "asielopvangplaatsen" alone on a line of
// the prose was taken for the table's header, and the table started there.
TEST(ReadDumpTable, FillerWordInTheProseDoesNotOpenTheTable) {
  StatusOr<RawTable> t = Read(
      "houdende de verdeling van\n"
      "asielopvangplaatsen\n"
      "in het kader van de wet gemeentelijke taak\n"
      "worden als volgt over de gemeenten verdeeld:\n"
      "Reguliere opvangplaatsen\n468\n142\n84\n545\n"
      "Amv\n0\n26\n16\n103\n"
      "Gemeente\nAlmelo\nDalfsen\nOmmen\nZwolle\n"
      "Totaal\n468\n168\n100\n648\n",
      Stated(1239, 145));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[3].cells[kTotaal].text, "648");
}

TEST(ReadDumpTable, NoTableIsNotFound) {
  StatusOr<RawTable> t = Read("Geachte heer,\nHierbij ontvangt u de stukken.\n", {});
  EXPECT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Status::Code::kNotFound);
}

// A table over two pages: the continuation page's furniture (side column
// "Datum" / date / "Kenmerk" / reference, page number) lies between the
// parts, and OCR read page 2's blocks in another order than page 1's.
TEST(ReadDumpTable, ColumnWiseOverTwoPagesWithOwnBlockOrders) {
  StatusOr<RawTable> t = Read(
      "Gemeente\nAlmelo\nBorne\nDalfsen\nDeventer\n"
      "Reguliere\n468\n0\nL42\n550\n"
      "Amv\n0\n0\n26\n0\n"
      "Totaal\n468\n0\n168\n550\n"
      "Datum\n2O december 2O24\nKenmerk\n6015733\nPagina 2 van 4\n"
      "Totaal\n100\n100\n208\n648\n"
      "Gemeente\nOmmen\nStaphorst\nRaalte\nZwolle\n"
      "Amv\n16\n16\n33\n103\n"
      "Reguliere\n84\n84\n175\n545\n",
      Stated(2048, 194));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 8u);
  EXPECT_EQ(t->rows[2].cells[kRegulier].text, "L42");
  EXPECT_EQ(t->rows[4].name.text, "Ommen");
  EXPECT_EQ(t->rows[6].cells[kRegulier].text, "175");
  EXPECT_EQ(t->rows[6].cells[kAmv].text, "33");
  EXPECT_EQ(t->rows[6].cells[kTotaal].text, "208");
  EXPECT_EQ(t->rows[7].cells[kTotaal].text, "648");
}

TEST(ReadDumpTable, RowWiseOverTwoPages) {
  StatusOr<RawTable> t = Read(
      "Gemeente Reguliere Amv Totaal\n"
      "Almelo 468 0 468\n"
      "Dalfsen L42 26 168\n"
      "\n- 2 -\n\nDatum 20 december 2024\n"
      "Gemeente Reguliere Amv Totaal\n"
      "Ommen 84 16 100\n"
      "Zwolle 545 103 648\n",
      Stated(1239, 145));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[2].name.text, "Ommen");
}

// Only furniture is skipped: any other line among the rows may be a broken
// row and still sends the table to review.
TEST(ReadDumpTable, OtherLinesAmongRowsStayAProblem) {
  StatusOr<RawTable> t = Read(
      "Gemeente Reguliere Amv Totaal\n"
      "Almelo 468 0 468\n"
      "Dalfsen L42 26 168\n"
      "Directie Migratie\n"
      "Ommen 84 16 100\n"
      "Zwolle 545 103 648\n",
      Stated(1239, 145));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_FALSE(t->alignment_problems.empty());
}

// A Totaal row on one line after column blocks: its numbers are in the page's
// order, not the blocks', so they are labelled by their own arithmetic.
TEST(ReadDumpTable, OneLineTotaalRowAfterColumnBlocks) {
  StatusOr<RawTable> t = Read(
      "Gemeente\nAlmelo\nDalfsen\nOmmen\nZwolle\n"
      "Totaal\n468\n168\n100\n648\n"
      "Amv\n0\n26\n16\n103\n"
      "Reguliere\n468\n142\n84\n545\n"
      "Totaal 1239 145 1384\n",
      {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  ASSERT_TRUE(t->total_row.has_value());
  EXPECT_EQ(t->total_row->cells[kRegulier].text, "1239");
  EXPECT_EQ(t->total_row->cells[kAmv].text, "145");
  EXPECT_EQ(t->total_row->cells[kTotaal].text, "1384");
  EXPECT_EQ(t->rows[3].cells[kRegulier].text, "545");
}

// "4 479": a thousands separator lost to a space. In a column dump a line is
// one cell; in a row the numbers most rows have decide.
TEST(ReadDumpTable, NumbersSplitByALostThousandsSeparator) {
  StatusOr<RawTable> cols = Read(
      "Gemeente\nAmsterdam\nHaarlem\nZaanstad\n"
      "Reguliere\n4 100\n880\n749\n"
      "Amv\n379\n83\n69\n"
      "Totaal\n4 479\n963\n818\n",
      Stated(5729, 531), "Noord-Holland");
  ASSERT_TRUE(cols.ok()) << cols.status().ToString();
  EXPECT_TRUE(cols->alignment_problems.empty()) << cols->alignment_problems[0];
  ASSERT_EQ(cols->rows.size(), 3u);
  EXPECT_EQ(cols->rows[0].cells[kRegulier].text, "4100");
  EXPECT_EQ(cols->rows[0].cells[kTotaal].text, "4479");

  StatusOr<RawTable> rows = Read(
      "Gemeente Reguliere Amv Totaal\n"
      "Amsterdam 4 100 379 4 479\n"
      "Haarlem 880 83 963\n"
      "Zaanstad 749 69 818\n",
      Stated(5729, 531), "Noord-Holland");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_TRUE(rows->alignment_problems.empty()) << rows->alignment_problems[0];
  EXPECT_EQ(rows->rows[0].cells[kRegulier].text, "4100");
  EXPECT_EQ(rows->rows[0].cells[kAmv].text, "379");
  EXPECT_EQ(rows->rows[0].cells[kTotaal].text, "4479");
  // "880 83 963" must not be glued: it already has the rows' width.
  EXPECT_EQ(rows->rows[1].cells[kRegulier].text, "880");
}

// Regression (generated dump s40026): the prose broke as "als volgt over de" /
// "gemeenten" / "verdeeld:"; the lone "gemeenten" opened the table and
// "verdeeld:" was taken for the first name, so the "Totaal" header after it
// looked like a Totaal row label and every real name was dropped.
TEST(ReadDumpTable, ProseLineEndingInAColonIsNoName) {
  StatusOr<RawTable> t = Read(
      "als volgt over de\n\ngemeenten\n\nverdeeld:\n\n"
      "Totaal\n468\n168\n100\n648\n"
      "Gemeente\nAlmelo\nDalfsen\nOmmen\nZwolle\n"
      "Amv\n0\n26\n16\n103\n"
      "Reguliere\n468\n142\n84\n545\n",
      Stated(1239, 145));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].name.text, "Almelo");
  EXPECT_EQ(t->rows[3].cells[kTotaal].text, "648");
}

// Regression (generated dumps s40131, s40184): a name broken over two lines
// whose first part alone is close to another municipality ("Utrechtse" ~
// "Utrecht") was not joined, so the names outnumbered every numeric block.
TEST(ReadDumpTable, BrokenNameJoinsWhenTheJoinMatchesBetter) {
  StatusOr<RawTable> t = Read(
      "Gemeente\nUtrecht\nUtrechtse\nHeuvelrug\nZeist\n"
      "Reguliere\n900\n200\n300\n"
      "Amv\n90\n20\n30\n"
      "Totaal\n990\n220\n330\n",
      Stated(1400, 140), "Utrecht");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].name.text, "Utrecht");  // a real name never joins the next
  EXPECT_EQ(t->rows[1].name.text, "Utrechtse Heuvelrug");
}

// Regression (generated dump s40027): the name in the second column. "De" of
// "De Bilt" was taken for a damaged number (no digit glyph is an e), and a
// damaged leading zero "o" was read as part of the name "o Leusden".
TEST(ReadDumpTable, RowsWithTheNameInTheMiddle) {
  StatusOr<RawTable> t = Read(
      "Reguliere Gemeente Totaal Amv\n"
      "47 Amersfoort 65 18\n"
      "164 De Bilt 217 53\n"
      "o Leusden 0 0\n"
      "835 Lopik 955 120\n",
      Stated(1046, 191), "Utrecht");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[1].name.text, "De Bilt");
  EXPECT_EQ(t->rows[1].cells[kTotaal].text, "217");
  EXPECT_EQ(t->rows[2].name.text, "Leusden");
  EXPECT_EQ(t->rows[2].cells[kRegulier].text, "o");
}

// Regression (generated dump s40079): "gemeente" in the preamble ("verdeling
// per" / "gemeente" / "2024;") opened the table, and the real table after
// "Artikel I" and its prose was never read.
TEST(ReadDumpTable, HeaderWordInThePreambleDoesNotOpenTheTable) {
  StatusOr<RawTable> t = Read(
      "provinciale opvangopgave en indicatieve\n\nverdeling per\n\ngemeente\n\n2024;\n\n"
      "Besluit\n\nArtikel I\n\n"
      "De asielopvangplaatsen uit de provinciale opvangopgave van de provincie\n"
      "Flevoland , zoals bekendgemaakt op 31 januari 2024 , worden als\n\n"
      "Gemeente\nAlmere\nLelystad\nUrk\n"
      "Reguliere\n500\n300\n100\n"
      "Amv\n50\n30\n10\n"
      "Totaal\n550\n330\n110\n",
      Stated(900, 90), "Flevoland");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].name.text, "Almere");
  EXPECT_EQ(t->rows[2].cells[kTotaal].text, "110");
}

// Regression (generated dumps s40293, s40239): the names came before any
// header (their "Gemeente" lost) and the first header was "Totaal": the names
// were left outside the table.
TEST(ReadDumpTable, NamesAboveTheFirstHeaderBelongToTheTable) {
  StatusOr<RawTable> t = Read(
      "worden als volgt over de gemeenten verdeeld:\n"
      "Tabel 4: Verdeling asielopvangplaatsen over gemeenten\n"
      "Almelo\nDalfsen\nOmmen\nZwolle\n"
      "Totaal\nopvangplaatsen\n468\n168\n100\n648\n"
      "Amv\n0\n26\n16\n103\n"
      "Reguliere\n468\n142\n84\n545\n",
      Stated(1239, 145));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].name.text, "Almelo");
  EXPECT_EQ(t->rows[3].cells[kTotaal].text, "648");
  EXPECT_EQ(t->rows[3].cells[kRegulier].text, "545");
}

// A broken caption above the header is no names block.
TEST(ReadDumpTable, BrokenCaptionAboveTheHeaderIsNoNames) {
  StatusOr<RawTable> t = Read(
      "gemeenten verdeeld:\n\nTabel\n1: Verdeling asielopvangplaatsen\nover gemeenten\n\n"
      "Gemeente\nAlmelo\nDalfsen\nOmmen\nZwolle\n"
      "Totaal\n468\n168\n100\n648\n"
      "Amv\n0\n26\n16\n103\n"
      "Reguliere\n468\n142\n84\n545\n",
      Stated(1239, 145));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].name.text, "Almelo");
}

// Regression (generated dump s60008): two damaged zeros "o" / "o" between the
// names and the amv block; only the second was next to a number, so the
// first became a 12th name.
TEST(ReadDumpTable, RunOfGlyphZerosAfterTheNamesIsNumbers) {
  StatusOr<RawTable> t = Read(
      "Reguliere\n468\n0\n142\n84\n"
      "Gemeente\nAlmelo\nBorne\nDalfsen\nOmmen\n"
      "o\no\n26\n16\n"
      "Totaal\n468\n0\n168\n100\n",
      Stated(694, 42));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].cells[kAmv].text, "o");
  EXPECT_EQ(t->rows[1].cells[kAmv].text, "o");
  EXPECT_EQ(t->rows[3].cells[kAmv].text, "16");
}

// Regression (generated dump s60103): names and a number block above the first
// header, with a stray "," among the numbers (it stopped the walk up) and a
// caption fragment "over gemeenten" above the names (it became a name).
TEST(ReadDumpTable, BlocksAboveTheHeaderPastStrayPunctuation) {
  StatusOr<RawTable> t = Read(
      "Tabel 8: Verdeling\nasielopvangplaatsen\nover gemeenten\n"
      "Almelo\nDalfsen\nOmmen\nZwolle\n"
      "468\n168\n,\n100\n648\n"
      "Reguliere\n468\n142\n84\n545\n"
      "Amv\n0\n26\n16\n103\n",
      Stated(1239, 145));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].name.text, "Almelo");
  EXPECT_EQ(t->rows[3].cells[kTotaal].text, "648");
}

TEST(ReadDumpTable, ThreePagePartsEachWithItsOwnBlockOrder) {
  StatusOr<RawTable> t = Read(
      "Gemeente\nAlmelo\nBorne\nDalfsen\n"
      "Reguliere\n468\n0\nL42\n"
      "Amv\n0\n0\n26\n"
      "Totaal\n468\n0\n168\n"
      "Pagina 2 van 4\n"
      "Totaal\n550\n100\n100\n"
      "Gemeente\nDeventer\nOmmen\nStaphorst\n"
      "Amv\n0\n16\n16\n"
      "Reguliere\n550\n84\n84\n"
      "- 3 -\n"
      "Amv\n33\n103\n"
      "Reguliere\n175\n545\n"
      "Gemeente\nRaalte\nZwolle\n"
      "Totaal\n208\n648\n",
      Stated(2048, 194));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->alignment_problems.empty()) << t->alignment_problems[0];
  ASSERT_EQ(t->rows.size(), 8u);
  EXPECT_EQ(t->rows[3].name.text, "Deventer");
  EXPECT_EQ(t->rows[3].cells[kRegulier].text, "550");
  EXPECT_EQ(t->rows[6].name.text, "Raalte");
  EXPECT_EQ(t->rows[6].cells[kRegulier].text, "175");
  EXPECT_EQ(t->rows[6].cells[kAmv].text, "33");
  EXPECT_EQ(t->rows[7].cells[kTotaal].text, "648");
}

// Regression (samples/regressions/rotated_page_segfault.pdf,
// rotated_page_bad_alloc.pdf): a sideways page read as text gave rows whose
// most common name position (after three numbers) lay past the most common
// row width (two numbers). Mending a row into that shape computed the name's
// end as size - (width - name_pos) in unsigned arithmetic: a read past the
// row's tokens (SIGSEGV) and a vector built from a negative range
// (std::bad_alloc). No row can take a shape that does not exist; the rows
// are read as they are and their mismatch goes to review.
TEST(ReadDumpTable, ImpossibleRowShapeIsNotMendedInto) {
  StatusOr<RawTable> t = Read(
      "1 2 3 Almelo\n"
      "4 5 6 Dalfsen\n"
      "7 8 9 Ommen\n"
      "Zwolle 10 11\n"
      "Deventer 12 13\n"
      "14 Kampen 15\n"
      "16 Hardenberg 17\n",
      {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 7u);
  EXPECT_EQ(t->rows[0].name.text, "Almelo");
  EXPECT_EQ(t->rows[3].name.text, "Zwolle");
  EXPECT_FALSE(t->alignment_problems.empty());
}

// The same shape with damaged one-glyph cells and a Totaal row: every row
// that does not fit keeps its own tokens.
TEST(ReadDumpTable, ImpossibleRowShapeWithGlyphCellsStaysInBounds) {
  StatusOr<RawTable> t = Read(
      "Gemeente Reguliere Amv Totaal\n"
      "1 2 3 Almelo o\n"
      "4 5 6 Dalfsen\n"
      "7 8 9 Ommen\n"
      "Lg Zwolle 10\n"
      "Deventer 12 13\n"
      "14 Kampen o o\n"
      "16 Hardenberg 17\n"
      "Totaal 1 2 3 4\n",
      {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_FALSE(t->alignment_problems.empty());
  for (const RawRow& r : t->rows) EXPECT_FALSE(r.name.text.empty());
}

}  // namespace
}  // namespace verdeelscan
