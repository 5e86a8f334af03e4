// Reads a verdeelbesluit's allocation table from a plain OCR text dump.
//
// OCR of a scanned table often comes out column by column (seed 001): a block
// of names, and blocks of numbers, in any order, separated by damaged or
// merged headers ("Amv- Reguliere / oovanoolaatsenoovanqplaatsen"). Or row by
// row ("Almelo 468 0 468"). This reader finds the blocks, aligns them by row,
// and returns every assignment of numeric blocks to columns as a candidate
// reading with its evidence (header words, magnitudes). It never decides by
// arithmetic: validators/column_choice.h does (the only assignment in which
// regulier + amv = totaal row by row, and whose column sums meet the stated
// opgave), with the evidence only as tie-breakers. Where it cannot align names
// with numbers it says so in RawTable::alignment_problems rather than
// guessing. A table over several pages comes with the continuation page's
// furniture between its parts ("Pagina 2 van 3", "Datum" / "20 december
// 2024", "Kenmerk" / reference): that is skipped, and a column-wise dump is
// read page part by page part.
//
// The stages live in dump_lines.cc, dump_region.cc, dump_rows.cc and
// dump_columns.cc (see dump_reader.h).
//
// Cost: linear in the lines of the region, plus one table copy per candidate
// (at most 6; with a table over two pages, each page part may have its own
// block order: up to three parts, at most 216).
#ifndef VERDEELSCAN_EXTRACTORS_TABLES_TABLE_DUMP_H_
#define VERDEELSCAN_EXTRACTORS_TABLES_TABLE_DUMP_H_

#include <cstddef>
#include <string_view>

#include "core/document.h"
#include "core/status.h"
#include "extractors/tables/raw_table.h"

namespace verdeelscan {

// Reads the table found within lines [first, last] (0-based indexes into
// doc.lines, inclusive). `province` (official name, may be empty) restricts
// name matching. A table over more than `max_parts_with_own_order` page parts
// reads every part in the first part's block order (6^parts combinations
// would be too many to score; CostModel::max_parts_with_own_order). NotFound
// when there is no table in the range.
StatusOr<TableReadings> ReadDumpTable(const TextDocument& doc, int first, int last,
                                      std::string_view province, size_t max_parts_with_own_order);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_TABLES_TABLE_DUMP_H_
