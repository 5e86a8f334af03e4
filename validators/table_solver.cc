#include "validators/table_solver.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <numeric>
#include <unordered_map>

namespace verdeelscan {

const char* ToString(Solution::Outcome o) {
  switch (o) {
    case Solution::Outcome::kUnique:
      return "unique";
    case Solution::Outcome::kTie:
      return "tie";
    case Solution::Outcome::kInfeasible:
      return "infeasible";
    case Solution::Outcome::kBudgetExceeded:
      return "budget_exceeded";
  }
  return "?";
}

namespace {

constexpr int kInf = INT_MAX / 4;

// One consistent reading of a row.
struct Option {
  std::array<long, kColumnCount> value{};
  std::array<int, kColumnCount> reading{};  // index into the cell's readings, -1 derived
  int cost = 0;
};

constexpr size_t kMaxCellReadings = 48;

// Option::reading of a cell none of whose readings fits, derived instead.
constexpr int kOverridden = -2;

// The value column m must take for the other two: totaal = regulier + amv,
// regulier = totaal - amv, amv = totaal - regulier.
long DerivedValue(int m, const std::array<long, kColumnCount>& v) {
  return m == kTotaal     ? v[kRegulier] + v[kAmv]
         : m == kRegulier ? v[kTotaal] - v[kAmv]
                          : v[kTotaal] - v[kRegulier];
}

// A cell that no reading makes fit while the row's other two cells read
// cheaply ("111" where 777 is printed: three look-alikes, more than a cell
// may assume) is derived from them at SolverOptions::override_cost. Only the
// other cells' readings of at most override_pair_max_cost pair, so a row
// gains a handful of options, not thousands.
void AddOverrides(const SolverRow& row, const std::array<std::map<long, int>, kColumnCount>& index,
                  const SolverOptions& opt, std::vector<Option>& out) {
  if (opt.override_cost <= 0) return;
  for (int m = 0; m < kColumnCount; ++m) {
    const int c1 = (m + 1) % kColumnCount, c2 = (m + 2) % kColumnCount;
    for (const auto& [v1, k1] : index[c1]) {
      const int cost1 = row.cells[c1].readings[k1].cost;
      if (cost1 > opt.override_pair_max_cost) continue;
      for (const auto& [v2, k2] : index[c2]) {
        const int cost2 = row.cells[c2].readings[k2].cost;
        if (cost2 > opt.override_pair_max_cost) continue;
        Option o;
        o.value[c1] = v1;
        o.value[c2] = v2;
        o.value[m] = DerivedValue(m, o.value);
        if (o.value[m] < 0 || index[m].count(o.value[m])) continue;
        o.reading[c1] = k1;
        o.reading[c2] = k2;
        o.reading[m] = kOverridden;
        o.cost = cost1 + cost2 + opt.override_cost;
        out.push_back(o);
      }
    }
  }
}

// All consistent readings of a row: regulier + amv = totaal.
std::vector<Option> RowOptions(const SolverRow& row, const SolverOptions& opt) {
  std::vector<Option> out;
  std::array<std::map<long, int>, kColumnCount> index;  // value -> reading index
  int missing = 0, missing_col = -1;
  for (int c = 0; c < kColumnCount; ++c) {
    const SolverCell& cell = row.cells[c];
    if (cell.absent || cell.readings.empty()) {
      ++missing;
      missing_col = c;
      continue;
    }
    // A cell's cheapest kMaxCellReadings readings (all of them for any cell
    // that is a number with a few damaged glyphs): a token of garbage has up
    // to 200, and two such cells pair into 40,000 options per row, per
    // search, which made a table of garbage rows take minutes.
    std::vector<int> order(cell.readings.size());
    std::iota(order.begin(), order.end(), 0);
    if (order.size() > kMaxCellReadings) {
      std::stable_sort(order.begin(), order.end(),
                       [&](int x, int y) { return cell.readings[x].cost < cell.readings[y].cost; });
      order.resize(kMaxCellReadings);
    }
    for (int k : order) index[c].emplace(cell.readings[k].value, k);
  }
  if (missing > 1) return out;  // one equation cannot recover two cells
  auto cost_of = [&](int c, int k) { return row.cells[c].readings[k].cost; };
  if (missing == 0) {
    for (const auto& [r, kr] : index[kRegulier]) {
      for (const auto& [a, ka] : index[kAmv]) {
        auto it = index[kTotaal].find(r + a);
        if (it == index[kTotaal].end()) continue;
        Option o;
        o.value = {r, a, r + a};
        o.reading = {kr, ka, it->second};
        o.cost = cost_of(kRegulier, kr) + cost_of(kAmv, ka) + cost_of(kTotaal, it->second);
        out.push_back(o);
      }
    }
    AddOverrides(row, index, opt, out);
  } else {
    const int derive_cost = row.cells[missing_col].absent ? 0 : opt.unreadable_cost;
    int c1 = (missing_col + 1) % kColumnCount, c2 = (missing_col + 2) % kColumnCount;
    auto derived_of = [&](long v1, long v2) {
      std::array<long, kColumnCount> v{};
      v[c1] = v1;
      v[c2] = v2;
      return DerivedValue(missing_col, v);
    };
    // Two damaged cells of up to 200 readings each pair into 40,000 options;
    // only those within max_extra_cost of the row's cheapest can ever be
    // used (see the budget below), so the cheapest is found first and the
    // rest are never stored: a table of such rows took gigabytes.
    int cheapest = INT_MAX;
    for (const auto& [v1, k1] : index[c1]) {
      for (const auto& [v2, k2] : index[c2]) {
        if (derived_of(v1, v2) >= 0)
          cheapest = std::min(cheapest, cost_of(c1, k1) + cost_of(c2, k2) + derive_cost);
      }
    }
    for (const auto& [v1, k1] : index[c1]) {
      for (const auto& [v2, k2] : index[c2]) {
        if (cost_of(c1, k1) + cost_of(c2, k2) + derive_cost > cheapest + opt.max_extra_cost)
          continue;
        Option o;
        o.value[c1] = v1;
        o.value[c2] = v2;
        o.reading[c1] = k1;
        o.reading[c2] = k2;
        o.reading[missing_col] = -1;
        const long derived = DerivedValue(missing_col, o.value);
        if (derived < 0) continue;
        o.value[missing_col] = derived;
        o.cost = cost_of(c1, k1) + cost_of(c2, k2) + derive_cost;
        out.push_back(o);
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Option& a, const Option& b) { return a.cost < b.cost; });
  // A solution costs at most the rows' cheapest plus max_extra_cost, so an
  // option dearer than its row's cheapest by more is never taken.
  if (!out.empty()) {
    const int limit = out.front().cost + opt.max_extra_cost;
    out.erase(std::find_if(out.begin(), out.end(), [&](const Option& o) { return o.cost > limit; }),
              out.end());
  }
  return out;
}

// Which running sums the state must carry.
struct StateShape {
  bool has[kColumnCount] = {false, false, false};
  bool total_only = false;  // only the totaal sum is constrained
  bool track_r = false, track_a = false;

  explicit StateShape(const std::array<ColumnTarget, kColumnCount>& t) {
    for (int c = 0; c < kColumnCount; ++c) has[c] = t[c].known();
    total_only = has[kTotaal] && !has[kRegulier] && !has[kAmv];
    track_r = has[kRegulier] || has[kTotaal];
    track_a = has[kAmv] || has[kTotaal];
  }
  uint64_t Key(long a, long b) const {
    return (static_cast<uint64_t>(a) << 32) | static_cast<uint32_t>(b);
  }
  uint64_t Advance(uint64_t key, const Option& o) const {
    long k0 = static_cast<long>(key >> 32), k1 = static_cast<long>(key & 0xffffffffu);
    if (total_only) return Key(k0 + o.value[kTotaal], 0);
    return Key(track_r ? k0 + o.value[kRegulier] : 0, track_a ? k1 + o.value[kAmv] : 0);
  }
};

struct TargetCost {
  // Per column, per source: value -> (cost, reason).
  std::array<std::vector<std::map<long, const Reading*>>, kColumnCount> sources;

  explicit TargetCost(const std::array<ColumnTarget, kColumnCount>& t) {
    for (int c = 0; c < kColumnCount; ++c) {
      for (const auto& src : t[c].sources) {
        std::map<long, const Reading*> m;
        for (const Reading& r : src) {
          auto it = m.find(r.value);
          if (it == m.end() || r.cost < it->second->cost) m[r.value] = &r;
        }
        sources[c].push_back(std::move(m));
      }
    }
  }
  int Column(int c, long v) const {
    int total = 0;
    for (const auto& m : sources[c]) {
      auto it = m.find(v);
      if (it == m.end()) return kInf;
      total += it->second->cost;
    }
    return total;
  }
  // Cost of the final state, kInf when some target cannot be met.
  int Final(const StateShape& shape, uint64_t key) const {
    long k0 = static_cast<long>(key >> 32), k1 = static_cast<long>(key & 0xffffffffu);
    if (shape.total_only) return Column(kTotaal, k0);
    long sums[kColumnCount] = {k0, k1, k0 + k1};
    int total = 0;
    for (int c = 0; c < kColumnCount; ++c) {
      if (!shape.has[c]) continue;
      int cost = Column(c, sums[c]);
      if (cost >= kInf) return kInf;
      total += cost;
    }
    return total;
  }
};

struct Entry {
  int cost;
  int count;  // distinct tables reaching this state at `cost`, capped at 2
};
using Layer = std::unordered_map<uint64_t, Entry>;

// Range pruning: values are never negative, so a running sum that can no
// longer land inside [lo, hi] of its column's target is dead. lo/hi span the
// readings every source of the target allows; min_rest/max_rest are the
// smallest and largest sums the remaining rows can still add.
struct RangePrune {
  std::array<long, kColumnCount> lo{0, 0, 0}, hi{LONG_MAX, LONG_MAX, LONG_MAX};
  std::vector<std::array<long, kColumnCount>> min_rest, max_rest;

  RangePrune(const std::vector<std::vector<Option>>& options, const TargetCost& target_cost)
      : min_rest(options.size() + 1, {0, 0, 0}), max_rest(options.size() + 1, {0, 0, 0}) {
    for (int c = 0; c < kColumnCount; ++c) {
      for (const auto& m : target_cost.sources[c]) {
        if (m.empty()) continue;
        lo[c] = std::max(lo[c], m.begin()->first);
        hi[c] = std::min(hi[c], m.rbegin()->first);
      }
    }
    for (size_t i = options.size(); i-- > 0;) {
      for (int c = 0; c < kColumnCount; ++c) {
        long mn = LONG_MAX, mx = 0;
        for (const Option& o : options[i]) {
          mn = std::min(mn, o.value[c]);
          mx = std::max(mx, o.value[c]);
        }
        min_rest[i][c] = min_rest[i + 1][c] + mn;
        max_rest[i][c] = max_rest[i + 1][c] + mx;
      }
    }
  }

  bool Alive(const StateShape& shape, uint64_t key, size_t next_row) const {
    long k0 = static_cast<long>(key >> 32), k1 = static_cast<long>(key & 0xffffffffu);
    long sums[kColumnCount];
    if (shape.total_only) {
      sums[kTotaal] = k0;
    } else {
      sums[kRegulier] = k0;
      sums[kAmv] = k1;
      sums[kTotaal] = k0 + k1;
    }
    for (int c = 0; c < kColumnCount; ++c) {
      if (!shape.has[c]) continue;
      if (sums[c] + min_rest[next_row][c] > hi[c]) return false;
      if (sums[c] + max_rest[next_row][c] < lo[c]) return false;
    }
    return true;
  }
};

// One search over the rows' options: the forward pass at a cost budget, the
// backward pass, and reading off one cheapest table.
class Search {
 public:
  Search(const std::vector<SolverRow>& rows, const std::array<ColumnTarget, kColumnCount>& targets,
         const std::vector<std::vector<Option>>& options, const SolverOptions& opt, Solution& sol)
      : rows_(rows),
        targets_(targets),
        options_(options),
        opt_(opt),
        sol_(sol),
        n_(rows.size()),
        lower_bound_(n_ + 1, 0),
        shape_(targets),
        target_cost_(targets),
        prune_(options, target_cost_) {
    for (size_t i = n_; i-- > 0;) lower_bound_[i] = lower_bound_[i + 1] + options[i].front().cost;
  }

  // Widens the budget until a consistent table is proven cheapest.
  void Run();

 private:
  bool Forward(int budget);
  // The cheapest final cost and how many tables reach it (capped at 2).
  std::pair<int, int> Best() const;
  bool Backward(int limit);
  void ReadOff(int best, int count, int near);
  // The cheapest table costing at most `window` that reads row `i` otherwise
  // than `chosen` (kInf when none), and into `values` (when given) every value
  // the row's cells take in some table costing at most `window`.
  int RowAlternatives(size_t i, const std::array<long, kColumnCount>& chosen, int window,
                      std::array<std::vector<long>, kColumnCount>* values) const;
  void ProbeRunnerUp(int best, int window);

  const std::vector<SolverRow>& rows_;
  const std::array<ColumnTarget, kColumnCount>& targets_;
  const std::vector<std::vector<Option>>& options_;
  const SolverOptions& opt_;
  Solution& sol_;
  const size_t n_;
  std::vector<int> lower_bound_;  // cheapest possible cost of rows i..n-1
  const StateShape shape_;
  const TargetCost target_cost_;
  const RangePrune prune_;
  std::vector<Layer> layers_;
  // Cheapest completion from every stored state (the backward pass).
  std::vector<std::unordered_map<uint64_t, int>> rest_;
};

// The forward pass: every state reachable within `budget`. False when the
// search outgrew max_states or max_steps.
bool Search::Forward(int budget) {
  layers_ = std::vector<Layer>(n_ + 1);
  layers_[0][shape_.Key(0, 0)] = {0, 1};
  size_t stored = 1;
  for (size_t i = 0; i < n_; ++i) {
    for (const auto& [key, e] : layers_[i]) {
      for (const Option& o : options_[i]) {
        int cost = e.cost + o.cost;
        if (cost + lower_bound_[i + 1] > budget) break;  // options are sorted by cost
        if (++sol_.steps > opt_.max_steps) return false;
        uint64_t next = shape_.Advance(key, o);
        if (!prune_.Alive(shape_, next, i + 1)) continue;
        auto [it, inserted] = layers_[i + 1].try_emplace(next, Entry{cost, e.count});
        if (inserted) {
          ++stored;
        } else if (cost < it->second.cost) {
          it->second = {cost, e.count};
        } else if (cost == it->second.cost) {
          it->second.count = std::min(2, it->second.count + e.count);
        }
      }
    }
    if (stored > opt_.max_states) return false;
  }
  return true;
}

std::pair<int, int> Search::Best() const {
  int best = kInf, count = 0;
  for (const auto& [key, e] : layers_[n_]) {
    int t = target_cost_.Final(shape_, key);
    if (t >= kInf) continue;
    int total = e.cost + t;
    if (total < best) {
      best = total;
      count = e.count;
    } else if (total == best) {
      count = std::min(2, count + e.count);
    }
  }
  return {best, count};
}

// Cheapest completion from every stored state. Only states that can still
// lie on a table costing at most `limit` need it: their cost so far plus the
// cheapest possible rest must not exceed it. False when max_steps ran out.
bool Search::Backward(int limit) {
  rest_ = std::vector<std::unordered_map<uint64_t, int>>(n_ + 1);
  for (const auto& [key, e] : layers_[n_]) {
    int t = target_cost_.Final(shape_, key);
    if (t < kInf) rest_[n_][key] = t;
  }
  // When the steps run out, the rest of the row's states still count the step
  // that finds so (the budget's accounting depends on it).
  bool exceeded = false;
  for (size_t i = n_; i-- > 0 && !exceeded;) {
    for (const auto& [key, e] : layers_[i]) {
      if (e.cost + lower_bound_[i] > limit) continue;
      int g = kInf;
      for (const Option& o : options_[i]) {
        if (e.cost + o.cost + lower_bound_[i + 1] > limit) break;  // sorted by cost
        if (++sol_.steps > opt_.max_steps) {
          exceeded = true;
          break;
        }
        auto it = rest_[i + 1].find(shape_.Advance(key, o));
        if (it != rest_[i + 1].end()) g = std::min(g, o.cost + it->second);
      }
      if (g < kInf) rest_[i][key] = g;
    }
  }
  return !exceeded;
}

int Search::RowAlternatives(size_t i, const std::array<long, kColumnCount>& chosen, int window,
                            std::array<std::vector<long>, kColumnCount>* values) const {
  int other = kInf;
  for (const auto& [k, e] : layers_[i]) {
    auto g = rest_[i].find(k);
    if (g == rest_[i].end() || e.cost + g->second > window) continue;
    for (const Option& o : options_[i]) {
      if (e.cost + o.cost + lower_bound_[i + 1] > window) break;  // sorted by cost
      auto it = rest_[i + 1].find(shape_.Advance(k, o));
      if (it == rest_[i + 1].end() || e.cost + o.cost + it->second > window) continue;
      if (o.value != chosen) other = std::min(other, e.cost + o.cost + it->second);
      if (values) {
        for (int c = 0; c < kColumnCount; ++c) (*values)[c].push_back(o.value[c]);
      }
    }
  }
  return other;
}

// Measurement only (SolverOptions::runner_up_window): the cheapest other
// table up to `window`, searched on a step budget of its own, the outcome
// and the steps counted left as they were.
void Search::ProbeRunnerUp(int best, int window) {
  const uint64_t steps = sol_.steps;
  sol_.steps = 0;
  if (Forward(window) && Backward(window)) {
    int other = kInf;
    for (size_t i = 0; i < n_; ++i) {
      std::array<long, kColumnCount> chosen{};
      for (int c = 0; c < kColumnCount; ++c) chosen[c] = sol_.rows[i][c].value;
      other = std::min(other, RowAlternatives(i, chosen, window, nullptr));
    }
    if (other <= window) sol_.runner_up_gap = other - best;
  }
  sol_.steps = steps;
}

// Follows one cheapest table (the first in cost order) and marks every cell
// that another table costing at most `near` reads differently: with near =
// best, the cells where cheapest tables disagree; above it, also those where
// a nearly as cheap table does (SolverOptions::near_tie_margin).
void Search::ReadOff(int best, int count, int near) {
  sol_.cost = best;
  sol_.rows.resize(n_);
  uint64_t key = shape_.Key(0, 0);
  long sums[kColumnCount] = {0, 0, 0};
  int runner_up = count > 1 ? best : kInf;
  for (size_t i = 0; i < n_; ++i) {
    const int need = rest_[i].at(key);
    const Option* chosen = nullptr;
    for (const Option& o : options_[i]) {
      auto it = rest_[i + 1].find(shape_.Advance(key, o));
      if (it != rest_[i + 1].end() && o.cost + it->second == need) {
        chosen = &o;
        break;
      }
    }
    std::array<std::vector<long>, kColumnCount> near_values;
    runner_up = std::min(runner_up, RowAlternatives(i, chosen->value, near, &near_values));
    for (int c = 0; c < kColumnCount; ++c) {
      ChosenCell& cell = sol_.rows[i][c];
      cell.value = chosen->value[c];
      sums[c] += cell.value;
      if (chosen->reading[c] >= 0) {
        const Reading& r = rows_[i].cells[c].readings[chosen->reading[c]];
        cell.cost = r.cost;
        cell.reason = r.reason;
      } else if (chosen->reading[c] == kOverridden) {
        cell.derived = true;
        cell.cost = opt_.override_cost;
        cell.reason = "no reading of the cell fits; derived from row arithmetic";
      } else {
        cell.derived = true;
        cell.cost = rows_[i].cells[c].absent ? 0 : opt_.unreadable_cost;
        cell.reason = rows_[i].cells[c].absent ? "" : "unreadable; derived from row arithmetic";
      }
      auto& vals = near_values[c];
      cell.doubtful =
          std::any_of(vals.begin(), vals.end(), [&](long v) { return v != cell.value; });
      if (cell.doubtful) {
        std::sort(vals.begin(), vals.end());
        vals.erase(std::unique(vals.begin(), vals.end()), vals.end());
        cell.equally_cheap = vals;
      }
    }
    key = shape_.Advance(key, *chosen);
  }
  sol_.runner_up_gap = runner_up <= near ? runner_up - best : -1;
  sol_.outcome = runner_up <= near ? Solution::Outcome::kTie : Solution::Outcome::kUnique;
  for (int c = 0; c < kColumnCount; ++c) {
    if (!targets_[c].known()) continue;
    ChosenTarget t;
    t.value = sums[c];
    for (const auto& m : target_cost_.sources[c]) {
      const Reading* r = m.at(sums[c]);
      t.source_costs.push_back(r->cost);
      t.source_reasons.push_back(r->reason);
    }
    sol_.targets[c] = t;
  }
}

void Search::Run() {
  for (int extra : {0, 1, 2, 4, 8, 16, 32, 64}) {
    extra = std::min(extra, opt_.max_extra_cost);
    const int budget = std::min(lower_bound_[0] + extra, opt_.max_total_cost);
    if (budget < lower_bound_[0]) break;
    if (!Forward(budget)) {
      sol_.outcome = Solution::Outcome::kBudgetExceeded;
      return;
    }
    const auto [best, count] = Best();
    if (best > budget) {  // not proven cheapest at this budget: widen
      if (extra >= opt_.max_extra_cost || budget >= opt_.max_total_cost) break;
      continue;
    }
    // A nearly as cheap table must be proven absent too: search again up to
    // best + margin when this round's budget stopped short of it.
    const int near = best + std::max(0, opt_.near_tie_margin);
    if (near > budget && !Forward(near)) {
      sol_.outcome = Solution::Outcome::kBudgetExceeded;
      return;
    }
    if (!Backward(near)) {
      sol_.outcome = Solution::Outcome::kBudgetExceeded;
      return;
    }
    ReadOff(best, count, near);
    if (sol_.runner_up_gap < 0 && opt_.runner_up_window > near - best)
      ProbeRunnerUp(best, best + opt_.runner_up_window);
    return;
  }
  sol_.outcome = Solution::Outcome::kInfeasible;
}

}  // namespace

Solution SolveTable(const std::vector<SolverRow>& rows,
                    const std::array<ColumnTarget, kColumnCount>& targets,
                    const SolverOptions& opt) {
  Solution sol;
  std::vector<std::vector<Option>> options(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    options[i] = RowOptions(rows[i], opt);
    if (options[i].empty()) return sol;  // a row no reading can make consistent
  }
  Search(rows, targets, options, opt, sol).Run();
  return sol;
}

}  // namespace verdeelscan
