// Where a table cell stands on its page when the first reading did not say,
// or said only in part: for the digits-only second look at doubtful cells
// (pipeline/extract.cc) and for the provenance of a cell read that way.
#ifndef VERDEELSCAN_PIPELINE_CELL_PLACES_H_
#define VERDEELSCAN_PIPELINE_CELL_PLACES_H_

#include <cstddef>

#include "core/record.h"
#include "extractors/tables/raw_table.h"

namespace verdeelscan {

// Where an unread cell of row `i`, column `c` would stand: the row's height
// (its other numeric cells on that page, else its name) and the column's
// width (the cells of that column on the same page). Empty when either is
// unknown.
CellProvenance UnreadCellPlace(const RawTable& table, size_t i, int c);

// The crop a cell is re-read from: its own box (or UnreadCellPlace) widened
// to the whole cell. A cell the first pass read in part ("DW" for the 21 of
// 211, "22" for 222) has a box around that part, and re-read from it the
// digits engine sees the same part again. Across: the column's extent in the
// two rows above and below that overlap it (not the whole page: a skewed
// page shifts a column along the rows). Down: the row's other numbers on its
// line, and at least the height of the neighbours' numbers. A cell read as
// high as its neighbours' numbers (at least 4/5) keeps its box.
CellProvenance RereadPlace(const RawTable& table, size_t i, int c);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_CELL_PLACES_H_
