// An allocation table as read, before any repair: the hand-off between the
// table readers (text dumps: table_dump.h; positioned words from PDFs and
// OCR: scan/) and the repair stage (pipeline/verdeelbesluit.h).
#ifndef VERDEELSCAN_EXTRACTORS_TABLES_RAW_TABLE_H_
#define VERDEELSCAN_EXTRACTORS_TABLES_RAW_TABLE_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "validators/glyph_model.h"

namespace verdeelscan {

struct RawCell {
  std::string text;      // exactly as read ("L42"); empty when nothing was read
  bool present = false;  // false: the cell was not found at all
  CellProvenance where;
  // Alternative readings offered by the recogniser itself (LSTM choices or a
  // digits-only re-read), with their own costs. Merged with the glyph model.
  std::vector<Reading> recogniser_readings;
};

// Column order everywhere: regulier, amv, totaal (see validators/table_solver.h).
struct RawRow {
  RawCell name;
  std::array<RawCell, 3> cells;
};

struct RawTable {
  std::vector<RawRow> rows;
  std::optional<RawRow> total_row;  // the table's own "Totaal" row, if printed
  // False for a column the table does not have (e.g. no totaal column).
  std::array<bool, 3> column_present = {true, true, true};
  // How the reader decided (column order, blocks, header hints): for review.
  std::vector<std::string> notes;
  // Set when the reader could not align names with numbers with certainty
  // (e.g. 24 names but 25 numbers). The record must then go to review.
  std::vector<std::string> alignment_problems;
  int first_line = 0, last_line = 0;  // text inputs
  int first_page = 0, last_page = 0;  // paged inputs
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_TABLES_RAW_TABLE_H_
