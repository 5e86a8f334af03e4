// Reads a verdeelbesluit allocation table from positioned words (OCR of a
// scan, or a PDF text layer): the geometric counterpart of table_dump.h.
//
// The reader finds the header (Gemeente / Reguliere opvangplaatsen /
// Amv-opvangplaatsen / Totaal, in any column order, on one or two lines,
// OCR-damaged words tolerated), takes the columns from the header words'
// x-ranges refined by the x-distribution of the numbers below them, groups
// words into rows by their baseline after removing the page's skew, and walks
// down the page and onto the next one while rows keep fitting the columns.
// The table's own "Totaal" row becomes RawTable::total_row; a repeated header
// on a later page is skipped. Where a word cannot be placed in one column with
// certainty (two numbers in one cell, a number between columns, numbers
// without a name) the reader records it in RawTable::alignment_problems and
// never guesses: the record then goes to review.
//
// Recogniser alternatives (Word::alternatives) become RawCell::recogniser_readings
// with cost = round(4 * (1 - confidence)) clipped to 1..4 (a choice the
// recogniser itself gave 90% costs 1, one it gave 10% costs 4), plus the glyph
// model's cost when the alternative is itself not a clean number. The primary
// reading is not repeated there: the repair stage reads RawCell::text itself.
//
// Cost: O(W log W) in the W words of the range (sorting and one pass per
// page); no recognition, no allocation beyond the output.
#ifndef VERDEELSCAN_EXTRACTORS_TABLES_TABLE_LAYOUT_H_
#define VERDEELSCAN_EXTRACTORS_TABLES_TABLE_LAYOUT_H_

#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "extractors/tables/raw_table.h"
#include "validators/glyph_model.h"

namespace verdeelscan {

// Finds the verdeelbesluit allocation table among doc.lines[first..last]
// (0-based, inclusive) and reads it into a RawTable (extractors/tables/raw_table.h).
// `province` (official name, may be empty) is used only to recognise a row
// whose numbers are all missing by its municipality name. NotFound when there
// is no such table (no header, or a header with no rows below it, or no word
// carries a box).
StatusOr<RawTable> ReadPositionedTable(const TextDocument& doc, int first, int last,
                                       std::string_view province);

// The same table as readings for the column choice (validators/column_choice.h:
// ChooseColumns). Under a header the header names the columns in order and
// there are no candidates (TableReadings::table is the table). A table with
// no header at all (rows of a municipality's name and two or three numbers)
// gets its columns from the numbers and one candidate per naming of them,
// for the arithmetic to choose. NotFound as ReadPositionedTable.
StatusOr<TableReadings> ReadPositionedTableReadings(const TextDocument& doc, int first, int last,
                                                    std::string_view province);

// The recogniser's alternatives of one word as solver readings (see the cost
// rule above). Alternatives that are not numbers are dropped. Exposed for tests.
std::vector<Reading> AlternativeReadings(const Word& word);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_TABLES_TABLE_LAYOUT_H_
