// The exact repair solver: the cheapest reading of a whole allocation table
// that obeys its arithmetic, and whether that reading is the only cheapest one.
//
// Input: per row and column (regulier, amv, totaal) the candidate readings of
// the cell from the glyph model (value + cost), and per column the sums the
// table must reach (from the toelichting, the table's own Totaal row, or
// both; each source with its own candidate readings). Constraints:
//   regulier + amv = totaal on every row;
//   sum(regulier) = target regulier, sum(amv) = target amv,
//   sum(totaal) = target totaal, for every target that is known.
//
// Algorithm: dynamic programming over rows; the state is the running column
// sums that some target constrains. Each state keeps its cheapest cost and
// the number of distinct tables reaching it at that cost (capped at 2). A
// cost budget grows until a consistent table is found, so only states that
// can still lead to a cheapest table are stored. A backward pass then marks,
// per row, every option that lies on some cheapest table: a cell is doubtful
// when two cheapest tables give it different values. With a near-tie margin
// the search goes that far above the cheapest cost, and a table within it
// that reads some cell otherwise makes the outcome a tie too (two misreads
// that compensate each other can price a wrong table a little below the
// truth; only a clear gap proves the cheapest one).
//
// Cost: O(rows × states × options per row); memory bounded by
// SolverOptions::max_states, time by SolverOptions::max_steps. When a budget
// is exhausted the outcome says so
// and the caller must send the table to review.
#ifndef VERDEELSCAN_VALIDATORS_TABLE_SOLVER_H_
#define VERDEELSCAN_VALIDATORS_TABLE_SOLVER_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "extractors/tables/columns.h"
#include "validators/glyph_model.h"

namespace verdeelscan {

struct SolverCell {
  // Candidate readings. Empty means the cell could not be read: it may then be
  // derived from the row's arithmetic at SolverOptions::unreadable_cost.
  std::vector<Reading> readings;
  // The column does not exist in this table at all (e.g. no totaal column):
  // the value is derived from the row at no cost.
  bool absent = false;
};

struct SolverRow {
  std::array<SolverCell, kColumnCount> cells;
};

// All sources stating one column sum. Every source must agree with the chosen
// value; each pays the cost of its reading of it.
struct ColumnTarget {
  std::vector<std::vector<Reading>> sources;
  bool known() const { return !sources.empty(); }
};

struct SolverOptions {
  // Cost of deriving an unreadable cell from the other two.
  int unreadable_cost = 9;
  // Cost of deriving a cell that was read, but none of whose readings fits
  // the row, from the other two (each read at no more than
  // override_pair_max_cost). Above three look-alikes (12), which no cell may
  // assume, so it only wins where nothing cheaper adds up; lower it and a
  // row would rather discard a cell than repair two; 0 turns it off.
  int override_cost = 13;
  int override_pair_max_cost = 2;
  // How far above the cheapest per-row reading the search may go before it
  // declares the table inconsistent. Larger finds deeper repairs but costs
  // time on hopeless tables.
  int max_extra_cost = 40;
  // Absolute cap on the cost of a table worth finding: a caller comparing
  // alternatives (e.g. column assignments) sets it to the best cost it
  // already has, so hopeless alternatives stop early.
  int max_total_cost = 1 << 20;
  // Upper bound on stored DP states over all rows (memory ≈ 40 bytes each).
  size_t max_states = 3'000'000;
  // Upper bound on work: state×option steps over all widening rounds, the
  // backward pass included. About 3-6 M steps per second on one core; the
  // default keeps one table within 1-3 s, and a table that needs more goes to review
  // (kBudgetExceeded) instead of stalling a batch. A caller solving several
  // variants of one table shares one budget by passing what is left.
  uint64_t max_steps = 8'000'000;
  // A table is only proven when no other consistent reading costs within
  // this much of the cheapest: otherwise the outcome is kTie and the cells
  // where the two readings differ are doubtful. 0: only exact ties. The
  // repair stage takes it from CostModel::near_tie_margin (see there).
  int near_tie_margin = 0;
  // Measurement only: also find (and report in Solution::runner_up_gap) the
  // cheapest other reading up to this far above the cheapest, without
  // changing the outcome. Costs search time; 0 in the product.
  int runner_up_window = 0;
};

struct ChosenCell {
  long value = 0;
  int cost = 0;
  std::string reason;     // why this reading (empty when read as printed)
  bool derived = false;   // unreadable or absent, computed from the row
  bool doubtful = false;  // another cheapest table reads it differently
  // Doubtful cells: every value the cell takes in some cheapest table,
  // ascending (the readings a reviewer chooses between).
  std::vector<long> equally_cheap;
};

struct ChosenTarget {
  long value = 0;
  std::vector<int> source_costs;  // per source: cost of reading `value` there
  std::vector<std::string> source_reasons;
};

struct Solution {
  enum class Outcome {
    kUnique,          // exactly one cheapest consistent table
    kTie,             // several cheapest tables, or another within near_tie_margin:
                      // doubtful cells are marked
    kInfeasible,      // no consistent table within the cost budget
    kBudgetExceeded,  // the search outgrew max_states or max_steps
  };
  Outcome outcome = Outcome::kInfeasible;
  int cost = 0;
  uint64_t steps = 0;  // work done, whatever the outcome
  // kUnique/kTie: how much more the cheapest table that differs from the
  // chosen one costs (0 for an exact tie), -1 when none costs within
  // max(near_tie_margin, runner_up_window) of it.
  int runner_up_gap = -1;
  std::vector<std::array<ChosenCell, kColumnCount>> rows;  // empty unless kUnique/kTie
  std::array<std::optional<ChosenTarget>, kColumnCount> targets;
};

const char* ToString(Solution::Outcome o);

Solution SolveTable(const std::vector<SolverRow>& rows,
                    const std::array<ColumnTarget, kColumnCount>& targets,
                    const SolverOptions& options = {});

}  // namespace verdeelscan

#endif  // VERDEELSCAN_VALIDATORS_TABLE_SOLVER_H_
