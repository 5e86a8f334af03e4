// Rebuilds a verdeelbesluit's allocation table from a plain OCR text dump.
//
// OCR of a scanned table often comes out column by column (seed 001): a block
// of names, and blocks of numbers, in any order, separated by damaged or
// merged headers ("Amv- Reguliere / oovanoolaatsenoovanqplaatsen"). Or row by
// row ("Almelo 468 0 468"). This reader finds the blocks, aligns them by row
// and decides which numeric block is which column from the arithmetic (the
// only assignment in which regulier + amv = totaal row by row, and whose
// column sums meet the stated opgave), with header words and magnitudes only
// as tie-breakers. When it cannot decide, it says so in the RawTable
// (alignment_problems) rather than guessing. A table over several pages comes
// with the continuation page's furniture between its parts ("Pagina 2 van 3",
// "Datum" / "20 december 2024", "Kenmerk" / reference): that is skipped, and a
// column-wise dump is read page part by page part.
//
// Cost: linear in the lines of the region, plus one repair-solver run per
// candidate column assignment (at most 6; with a table over two pages, each
// page part may have its own block order: up to three parts, at most 216,
// pruned exactly by a lower bound).
#ifndef VERDEELSCAN_EXTRACTORS_TABLES_TABLE_DUMP_H_
#define VERDEELSCAN_EXTRACTORS_TABLES_TABLE_DUMP_H_

#include <array>
#include <string_view>

#include "core/document.h"
#include "core/status.h"
#include "extractors/tables/raw_table.h"
#include "validators/table_solver.h"

namespace verdeelscan {

// Reads the table found within lines [first, last] (0-based indexes into
// doc.lines, inclusive). `province` (official name, may be empty) restricts
// name matching; `stated` holds column sums known from the prose.
// NotFound when there is no table in the range.
StatusOr<RawTable> ReadDumpTable(const TextDocument& doc, int first, int last,
                                 std::string_view province,
                                 const std::array<ColumnTarget, 3>& stated);

// Solver input for a raw table: glyph-model readings merged with the
// recogniser's own readings for every cell, and column targets from `stated`
// plus the table's Totaal row. Shared by the dump reader (to score column
// assignments) and the repair stage.
std::vector<SolverRow> SolverRowsFor(const RawTable& table);
std::array<ColumnTarget, 3> TargetsFor(const RawTable& table,
                                       const std::array<ColumnTarget, 3>& stated);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_TABLES_TABLE_DUMP_H_
