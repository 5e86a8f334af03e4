// Chooses among a reader's candidate column assignments by arithmetic.
//
// A text dump gives numeric blocks in any order (extractors/tables/
// table_dump.h returns every assignment of blocks to columns as a candidate).
// The right one is the assignment whose cheapest consistent reading (regulier
// + amv = totaal on every row, column sums meeting the stated opgave and the
// table's Totaal row) is cheapest; header words, then magnitudes (amv the
// much smaller column), break exact ties only. When the arithmetic cannot
// decide, the chosen table carries an alignment problem saying so and the
// record goes to review.
//
// Algorithm: each page part's own rows bound an assignment's cost from below
// (row arithmetic only, cheap); assignments are searched cheapest bound first,
// shallowly at growing depth (CostModel::column_search_depths), then deeply up
// to the best cost found, so a costlier one is ruled out without a full
// search: still exact. All searches share CostModel::column_search_steps.
//
// Cost: at most that many solver steps (about 1-2 s on one core).
#ifndef VERDEELSCAN_VALIDATORS_COLUMN_CHOICE_H_
#define VERDEELSCAN_VALIDATORS_COLUMN_CHOICE_H_

#include <array>
#include <vector>

#include "extractors/tables/columns.h"
#include "extractors/tables/raw_table.h"
#include "validators/cost_model.h"
#include "validators/table_solver.h"

namespace verdeelscan {

// The chosen candidate's table, with a note on how it was chosen; the
// readings' own table when there are no candidates. `stated` holds column
// sums known from the prose.
RawTable ChooseColumns(const TableReadings& readings,
                       const std::array<ColumnTarget, kColumnCount>& stated,
                       const CostModel& costs = {});

// Solver input for a raw table: glyph-model readings merged with the
// recogniser's own readings for every cell. Shared by the column choice and
// the repair stage.
std::vector<SolverRow> SolverRowsFor(const RawTable& table, const GlyphModelOptions& glyph = {});

// Column targets from `stated` plus the table's Totaal row.
std::array<ColumnTarget, kColumnCount> TargetsFor(
    const RawTable& table, const std::array<ColumnTarget, kColumnCount>& stated,
    const GlyphModelOptions& glyph = {});

}  // namespace verdeelscan

#endif  // VERDEELSCAN_VALIDATORS_COLUMN_CHOICE_H_
