// The repair-and-validate stage of a verdeelbesluit: from its prose fields and
// its table as read (from a text dump or from positioned words, it does not
// matter) to a record whose every number is either proven consistent or
// flagged for review.
//
// What it does, in order:
//  1. column targets from the toelichting (opgave; else overgenomen +
//     restopgave) and the table's own Totaal row;
//  2. the exact solver (validators/table_solver.h) picks the cheapest
//     consistent reading of the table and says whether it is unique;
//  3. names are matched to the CBS list of the province;
//  4. checks: row and column sums, Totaal row, the toelichting's own
//     arithmetic and counts (contradictions in the source are findings),
//     the receivers and the table, the reference provincial opgave;
//  5. status: valid, repaired (unique cheapest repair, every check passes),
//     needs_review (any check fails, any doubt).
// Cost: one solver run (see table_solver.h) plus name matching per row.
#ifndef VERDEELSCAN_PIPELINE_VERDEELBESLUIT_H_
#define VERDEELSCAN_PIPELINE_VERDEELBESLUIT_H_

#include "core/record.h"
#include "core/status.h"
#include "extractors/documents/toelichting.h"
#include "extractors/tables/raw_table.h"
#include "validators/cost_model.h"
#include "validators/table_solver.h"

namespace verdeelscan {

// Column sums the prose states: opgave, or overgenomen + restopgave.
std::array<ColumnTarget, kColumnCount> StatedTargets(const BesluitProse& prose);

// Fills `record` (kind, besluit_meta, stated figures, toelichting, table,
// allocations, checks, status; docs/record.md). `table` is the table as read,
// or the reason none could be read. `costs` prices the repairs and bounds
// the search (validators/cost_model.h).
void BuildVerdeelbesluit(const BesluitProse& prose, const StatusOr<RawTable>& table, Record& record,
                         const CostModel& costs = {});

// Runs every check of a verdeelbesluit record again on what it holds now
// (after a reviewer changed cells, pipeline/apply_review.h), with the code
// BuildVerdeelbesluit uses, and sets its status: needs_review when a check
// fails, reviewed when a reviewer decided cells and every check passes. What
// the record does not hold is taken from its checks as they were: the
// table's own Totaal row (totaal_row.*), why a name did not match
// (names.matched), the solver's outcome (table.solver). Once a reviewer has
// decided any cell, the check review.complete lists the cells still
// doubtful. Checks of other stages (page_quality, ...) are kept as they are.
// On a record no reviewer touched, it changes nothing.
void RecheckVerdeelbesluit(Record& r, const CostModel& costs = {});

// True when a reviewer decided `field` ("regulier", ..., "gemeente") of `a`.
bool DecidedByReviewer(const Allocation& a, const std::string& field);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_VERDEELBESLUIT_H_
