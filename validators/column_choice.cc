#include "validators/column_choice.h"

#include <algorithm>
#include <climits>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

namespace verdeelscan {
namespace {

// CellReadings of a cell text, remembered per thread (a bounded number): the
// column search builds solver rows for every assignment it scores, from the
// same cells each time, and the glyph model was a quarter of its time. Only
// readings under the default glyph model are remembered.
std::vector<Reading> CellReadingsFor(const std::string& text, const GlyphModelOptions& glyph) {
  if (!(glyph == GlyphModelOptions{})) return CellReadings(text, glyph);
  constexpr size_t kRemembered = 8192;
  thread_local std::unordered_map<std::string, std::vector<Reading>> remembered;
  if (auto it = remembered.find(text); it != remembered.end()) return it->second;
  if (remembered.size() >= kRemembered) remembered.clear();
  return remembered.emplace(text, CellReadings(text)).first->second;
}

// One candidate as scored.
struct Scored {
  const ColumnAssignment* candidate;
  int cost = INT_MAX;
  int lower_bound = 0;  // on `cost`; INT_MAX: no consistent reading at all
  const std::vector<std::vector<int>>& perms() const { return candidate->blocks_to_columns; }
  const RawTable& table() const { return candidate->table; }
  int hint_agreement() const { return candidate->header_agreement; }
  int amv_smaller() const { return candidate->amv_smaller_parts; }
};

// The search over all candidates, sharing one step budget.
class ColumnSearch {
 public:
  ColumnSearch(const TableReadings& readings, const std::array<ColumnTarget, kColumnCount>& stated,
               const CostModel& costs)
      : readings_(readings),
        stated_(stated),
        costs_(costs),
        solver_(NoOverrides(costs.solver)),
        steps_left_(costs.column_search_steps) {
    for (const ColumnAssignment& c : readings.candidates) scored_.push_back(Scored{&c});
  }

  std::vector<Scored>& Run();
  bool unproven() const { return unproven_; }

 private:
  void Solve(Scored& sc, SolverOptions o);
  void BoundByParts();
  int ShallowSearches();

  const TableReadings& readings_;
  const std::array<ColumnTarget, kColumnCount>& stated_;
  const CostModel& costs_;
  // Choosing columns asks which assignment adds up: a cell derived because
  // no reading fits (SolverOptions::override_cost) would make every
  // assignment add up, so the choice is made without it.
  static SolverOptions NoOverrides(SolverOptions o) {
    o.override_cost = 0;
    return o;
  }
  const SolverOptions solver_;
  uint64_t steps_left_;
  bool unproven_ = false;
  std::vector<Scored> scored_;
};

void ColumnSearch::Solve(Scored& sc, SolverOptions o) {
  o.max_steps = std::min<uint64_t>(o.max_steps, steps_left_);
  Solution s = SolveTable(SolverRowsFor(sc.table(), costs_.glyph),
                          TargetsFor(sc.table(), stated_, costs_.glyph), o);
  steps_left_ -= std::min(steps_left_, s.steps);
  if (s.outcome == Solution::Outcome::kUnique || s.outcome == Solution::Outcome::kTie)
    sc.cost = s.cost;
  if (s.outcome == Solution::Outcome::kBudgetExceeded) unproven_ = true;
}

// Each part's own rows (row arithmetic only, no column sums) bound an
// assignment's cost from below, cheaply. Assignments are tried cheapest bound
// first, and one whose bound exceeds the best cost found is ruled out without
// a search: still exact. With several page parts the assignments multiply;
// with one, a wrong assignment whose rows do not add up is otherwise costly
// to refute under the column sums.
void ColumnSearch::BoundByParts() {
  const std::vector<size_t>& part_rows = readings_.part_rows;
  std::map<std::pair<size_t, std::vector<int>>, int> part_bound;
  for (Scored& sc : scored_) {
    size_t first_row = 0;
    for (size_t p = 0; p < part_rows.size() && sc.lower_bound != INT_MAX; ++p) {
      const size_t rows = part_rows[p];
      auto [it, fresh] = part_bound.try_emplace({p, sc.perms()[p]}, 0);
      if (fresh) {
        RawTable alone = sc.table();
        alone.total_row.reset();
        alone.rows.assign(sc.table().rows.begin() + first_row,
                          sc.table().rows.begin() + first_row + rows);
        SolverOptions o = solver_;
        o.max_steps = steps_left_;
        Solution s = SolveTable(SolverRowsFor(alone, costs_.glyph), {}, o);
        steps_left_ -= std::min(steps_left_, s.steps);
        if (s.outcome == Solution::Outcome::kInfeasible) it->second = INT_MAX;
        if (s.outcome == Solution::Outcome::kUnique || s.outcome == Solution::Outcome::kTie)
          it->second = s.cost;
      }
      sc.lower_bound = it->second == INT_MAX ? INT_MAX : sc.lower_bound + it->second;
      first_row += rows;
    }
  }
}

// Shallow searches at growing depth: a table that needs a deeper repair
// (cost 12 where the first round stops at 8) is found before the hopeless
// assignments have been searched deep, which is what exhausts the budget.
// Returns the best cost found, INT_MAX when none.
int ColumnSearch::ShallowSearches() {
  int best_cost = INT_MAX;
  for (int extra : costs_.column_search_depths) {
    SolverOptions shallow = solver_;
    shallow.max_extra_cost = extra;
    for (Scored& sc : scored_) {
      if (sc.lower_bound == INT_MAX || (best_cost != INT_MAX && sc.lower_bound > best_cost))
        continue;
      if (sc.cost == INT_MAX) Solve(sc, shallow);
      best_cost = std::min(best_cost, sc.cost);
    }
    if (best_cost != INT_MAX) break;
  }
  return best_cost;
}

// Scores each assignment by its cheapest consistent reading. A wrong
// assignment usually has none, and proving that at the full repair budget is
// slow; so first search every assignment shallowly, then search the others
// only up to the best cost found (a costlier one can never win).
std::vector<Scored>& ColumnSearch::Run() {
  BoundByParts();
  // Cheapest bound first; among equal bounds the likeliest (header words,
  // then amv the smaller column), so the shared budget is spent where the
  // answer usually is.
  std::stable_sort(scored_.begin(), scored_.end(), [](const Scored& a, const Scored& b) {
    if (a.lower_bound != b.lower_bound) return a.lower_bound < b.lower_bound;
    if (a.hint_agreement() != b.hint_agreement()) return a.hint_agreement() > b.hint_agreement();
    return a.amv_smaller() > b.amv_smaller();
  });
  const int best_cost = ShallowSearches();
  unproven_ = false;  // a shallow search may stop early; only the deep one counts
  SolverOptions deep = solver_;
  if (best_cost != INT_MAX) deep.max_total_cost = best_cost;
  for (Scored& sc : scored_) {
    if (sc.lower_bound == INT_MAX || (best_cost != INT_MAX && sc.lower_bound > best_cost)) continue;
    if (sc.cost == INT_MAX) Solve(sc, deep);
  }
  // Cheapest first; among equal cost, more header agreement, then amv smaller.
  std::sort(scored_.begin(), scored_.end(), [](const Scored& a, const Scored& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    if (a.hint_agreement() != b.hint_agreement()) return a.hint_agreement() > b.hint_agreement();
    return a.amv_smaller() > b.amv_smaller();
  });
  return scored_;
}

// "block 1=amv, block 2=regulier, block 3=totaal", per page part when the
// parts differ.
std::string Describe(const Scored& s) {
  auto order = [](const std::vector<int>& perm) {
    std::string d;
    for (size_t k = 0; k < perm.size(); ++k) {
      d += (k ? ", " : "") + std::string("block ") + std::to_string(k + 1) + "=" +
           ColumnName(perm[k]);
    }
    return d;
  };
  const auto& perms = s.perms();
  if (std::all_of(perms.begin(), perms.end(),
                  [&](const std::vector<int>& p) { return p == perms[0]; }))
    return order(perms[0]) + (perms.size() > 1 ? " on every page part" : "");
  std::string d;
  for (size_t p = 0; p < perms.size(); ++p) {
    d += (p ? "; " : "") + std::string("page part ") + std::to_string(p + 1) + ": " +
         order(perms[p]);
  }
  return d;
}

}  // namespace

RawTable ChooseColumns(const TableReadings& readings,
                       const std::array<ColumnTarget, kColumnCount>& stated,
                       const CostModel& costs) {
  if (readings.candidates.empty()) return readings.table;  // alignment_problems say why
  ColumnSearch search(readings, stated, costs);
  const std::vector<Scored>& scored = search.Run();
  const Scored& best = scored[0];
  RawTable result = best.table();
  if (best.cost == INT_MAX) {
    result.notes.push_back("no column assignment makes the table consistent; kept " +
                           Describe(best));
    result.alignment_problems.push_back("columns could not be identified by arithmetic");
    return result;
  }
  result.notes.push_back("columns by arithmetic (repair cost " + std::to_string(best.cost) +
                         "): " + Describe(best));
  if (search.unproven()) {
    result.alignment_problems.push_back(
        "column assignment not proven: the search budget ran out before every other "
        "assignment was ruled out");
  }
  if (scored.size() > 1 && scored[1].cost == best.cost) {
    const Scored& second = scored[1];
    if (second.hint_agreement() != best.hint_agreement()) {
      result.notes.push_back("tie with " + Describe(second) + " broken by the header words");
    } else if (second.amv_smaller() != best.amv_smaller()) {
      result.notes.push_back("tie with " + Describe(second) +
                             " broken by magnitude (amv column much smaller than regulier)");
    } else {
      result.alignment_problems.push_back("column assignment ambiguous: " + Describe(best) +
                                          " or " + Describe(second));
    }
  }
  return result;
}

// A stroke split off before the number (RawCell::leading_stroke) as its
// leading 1: the cheapest reading of the number with a 1 in front, at the
// glyph model's leading_stroke_cost on top.
static void AddLeadingStrokeReading(const RawCell& raw, const GlyphModelOptions& glyph,
                                    std::vector<Reading>& readings) {
  if (raw.leading_stroke.empty() || readings.empty()) return;
  const Reading& best =
      *std::min_element(readings.begin(), readings.end(),
                        [](const Reading& a, const Reading& b) { return a.cost < b.cost; });
  if (best.value < 0 || best.value >= 1000) return;  // a 1 before four digits is no amount
  const long value = std::stol("1" + std::to_string(best.value));
  if (value > glyph.max_value) return;
  Reading stroke{value, best.cost + glyph.leading_stroke_cost,
                 "the stroke '" + raw.leading_stroke + "' before '" + raw.text +
                     "' read as its leading 1" + (best.reason.empty() ? "" : "; " + best.reason)};
  auto it = std::find_if(readings.begin(), readings.end(),
                         [&](const Reading& x) { return x.value == value; });
  if (it == readings.end()) {
    readings.push_back(std::move(stroke));
  } else if (stroke.cost < it->cost) {
    *it = std::move(stroke);
  }
}

std::vector<SolverRow> SolverRowsFor(const RawTable& table, const GlyphModelOptions& glyph) {
  std::vector<SolverRow> rows;
  for (const RawRow& r : table.rows) {
    SolverRow sr;
    for (int c = 0; c < kColumnCount; ++c) {
      SolverCell& cell = sr.cells[c];
      cell.absent = !table.column_present[c];
      if (cell.absent || !r.cells[c].present) continue;
      cell.readings = CellReadingsFor(r.cells[c].text, glyph);
      AddLeadingStrokeReading(r.cells[c], glyph, cell.readings);
      // The recogniser's own alternatives compete with the glyph model; a value
      // offered by both keeps the cheaper cost.
      for (const Reading& alt : r.cells[c].recogniser_readings) {
        auto it = std::find_if(cell.readings.begin(), cell.readings.end(),
                               [&](const Reading& x) { return x.value == alt.value; });
        if (it == cell.readings.end()) {
          cell.readings.push_back(alt);
        } else if (alt.cost < it->cost) {
          *it = alt;
        }
      }
    }
    rows.push_back(std::move(sr));
  }
  return rows;
}

namespace {

// A sum stated in the prose of a scan is OCR'd too: "1.610" reads as "| 610"
// on a fax when the leading 1 breaks from its dot. When the table's own
// Totaal row reads, as printed, a value that the stated number becomes under
// the glyph model (a lost or gained glyph, a look-alike), the stated source
// takes that value too, at the model's cost: the document's two statements
// then agree, and the rows must still add up to both. The column_sum check
// against the stated number as read still fails, so such a table goes to
// review with the disagreement shown; it is never silently "repaired".
void LetStatedSumsMeetTotalRow(ColumnTarget& target, size_t stated_sources,
                               const std::vector<Reading>& total_row,
                               const GlyphModelOptions& glyph) {
  if (total_row.empty() || total_row.front().cost != 0) return;
  const long printed = total_row.front().value;
  for (size_t k = 0; k < stated_sources && k < target.sources.size(); ++k) {
    std::vector<Reading>& source = target.sources[k];
    if (source.size() != 1 || source.front().cost != 0 || source.front().value == printed) continue;
    for (const Reading& r : NumberReadings(std::to_string(source.front().value), glyph)) {
      if (r.value != printed) continue;
      source.push_back(
          Reading{r.value, r.cost,
                  "stated sum read " + std::to_string(source.front().value) + ": " + r.reason});
    }
  }
}

}  // namespace

std::array<ColumnTarget, kColumnCount> TargetsFor(
    const RawTable& table, const std::array<ColumnTarget, kColumnCount>& stated,
    const GlyphModelOptions& glyph) {
  std::array<ColumnTarget, kColumnCount> targets = stated;
  if (table.total_row) {
    for (int c = 0; c < kColumnCount; ++c) {
      const RawCell& cell = table.total_row->cells[c];
      if (!cell.present) continue;
      std::vector<Reading> readings = CellReadings(cell.text, glyph);
      if (readings.empty()) continue;
      LetStatedSumsMeetTotalRow(targets[c], stated[c].sources.size(), readings, glyph);
      targets[c].sources.push_back(std::move(readings));
    }
  }
  return targets;
}

}  // namespace verdeelscan
