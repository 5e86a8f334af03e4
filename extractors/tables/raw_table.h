// An allocation table as read, before any repair: the hand-off between the
// table readers (text dumps: table_dump.h; positioned words from PDFs and
// OCR: table_layout.h) and the validators (the column choice,
// validators/column_choice.h, and the repair stage, pipeline/verdeelbesluit.h).
#ifndef VERDEELSCAN_EXTRACTORS_TABLES_RAW_TABLE_H_
#define VERDEELSCAN_EXTRACTORS_TABLES_RAW_TABLE_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "extractors/tables/columns.h"
#include "validators/glyph_model.h"

namespace verdeelscan {

struct RawCell {
  std::string text;      // exactly as read ("L42"); empty when nothing was read
  bool present = false;  // false: the cell was not found at all
  CellProvenance where;
  // Alternative readings offered by the recogniser itself (LSTM choices or a
  // digits-only re-read), with their own costs. Merged with the glyph model.
  std::vector<Reading> recogniser_readings;
  // A thin upright stroke ("|", "Ï", "l") the recogniser split off just
  // before the number, as read: on 1-bit pages the leading 1 of "1.937"
  // breaks away from its thousands dot. The repair may read it as the
  // number's leading 1 at GlyphModelOptions::leading_stroke_cost; `text`
  // stays the number as read. Empty when there is none.
  std::string leading_stroke;
};

// Column order everywhere: regulier, amv, totaal (columns.h).
struct RawRow {
  RawCell name;
  std::array<RawCell, kColumnCount> cells;
};

struct RawTable {
  std::vector<RawRow> rows;
  std::optional<RawRow> total_row;  // the table's own "Totaal" row, if printed
  // False for a column the table does not have (e.g. no totaal column).
  std::array<bool, kColumnCount> column_present = {true, true, true};
  // How the reader decided (column order, blocks, header hints): for review.
  std::vector<std::string> notes;
  // Set when the reader could not align names with numbers with certainty
  // (e.g. 24 names but 25 numbers). The record must then go to review.
  std::vector<std::string> alignment_problems;
  int first_line = 0, last_line = 0;  // text inputs
  int first_page = 0, last_page = 0;  // paged inputs
};

// One way to read a table whose columns the reader cannot name by itself (a
// text dump gives numeric blocks in any order): which column each numeric
// block is, the table read that way, and the evidence the reader saw for it.
// The arithmetic decides among candidates (validators/column_choice.h); the
// evidence only breaks ties.
struct ColumnAssignment {
  // Per page part: blocks_to_columns[p][k] is the column (columns.h) of the
  // part's k-th numeric block in dump order.
  std::vector<std::vector<int>> blocks_to_columns;
  RawTable table;  // the rows and Totaal row under this assignment
  // Blocks whose header words name the assigned column, minus blocks whose
  // header words name another one.
  int header_agreement = 0;
  // Page parts where the amv column sums to less than half the regulier
  // column (amv is the much smaller column in every province).
  int amv_smaller_parts = 0;
};

// What a reader found: the table as far as it is certain, and the candidate
// column assignments when it could not name the columns itself.
struct TableReadings {
  // Lines, notes and alignment problems that hold whatever the assignment;
  // the rows themselves when `candidates` is empty.
  RawTable table;
  // Rows of each page part, in order: the parts' rows follow one another in
  // every candidate's table.
  std::vector<size_t> part_rows;
  // Every assignment worth scoring, in the reader's order. Empty when the
  // columns cannot be assigned at all (alignment_problems say why).
  std::vector<ColumnAssignment> candidates;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_TABLES_RAW_TABLE_H_
