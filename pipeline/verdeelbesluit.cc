#include "pipeline/verdeelbesluit.h"

#include <algorithm>
#include <set>

#include "validators/column_choice.h"
#include "validators/cost_model.h"
#include "validators/name_matcher.h"
#include "validators/reference.h"

namespace verdeelscan {
namespace {

using nlohmann::json;

void AddCheck(Record& r, std::string id, CheckStatus status, json expected, json actual,
              std::string detail = {}) {
  r.checks.push_back(
      {std::move(id), status, std::move(expected), std::move(actual), std::move(detail)});
}

std::optional<long> Component(const SplitFigure& f, int column) {
  if (column == kRegulier) return f.regulier;
  if (column == kAmv) return f.amv;
  if (f.regulier && f.amv) return *f.regulier + *f.amv;
  return std::nullopt;
}

// ------------------------------------------------------------------ the prose

// The toelichting's own arithmetic and counts, from what the record holds
// of it. A contradiction here is in the source and no reading of the table
// can mend it: a finding.
void AddProseChecks(Record& r) {
  for (int c : {kRegulier, kAmv}) {
    auto o = Component(r.opgave, c), g = Component(r.overgenomen, c),
         rest = Component(r.restopgave, c);
    if (!o || !g || !rest) continue;
    const bool ok = *g + *rest == *o;
    AddCheck(r, std::string("stated.overgenomen_plus_restopgave.") + ColumnName(c),
             ok ? CheckStatus::kPass : CheckStatus::kFinding, *o, *g + *rest,
             ok ? "" : "the toelichting's overgenomen + restopgave differ from its opgave");
  }
  if (!r.toelichting) return;
  const ToelichtingLists& t = *r.toelichting;
  auto count_check = [&](const char* type, const std::optional<long>& stated, bool regulier) {
    if (!stated || !t.receivers) return;
    long listed = 0;
    bool annotated = false;
    for (const NamedGemeente& m : *t.receivers) annotated |= m.regulier || m.amv;
    for (const NamedGemeente& m : *t.receivers)
      if (!annotated || (regulier ? m.regulier : m.amv)) ++listed;
    const bool ok = listed == *stated;
    AddCheck(r, std::string("restopgave.count.") + type,
             ok ? CheckStatus::kPass : CheckStatus::kFinding, *stated, listed,
             ok ? ""
                : "the toelichting says the " + std::string(type) + " restopgave went to " +
                      std::to_string(*stated) + " gemeenten, but its list names " +
                      std::to_string(listed));
  };
  count_check("regulier", t.stated_receiver_counts.regulier, true);
  count_check("amv", t.stated_receiver_counts.amv, false);

  if (t.excluded && t.receivers) {
    json both = json::array();
    for (const NamedGemeente& e : *t.excluded)
      for (const NamedGemeente& m : *t.receivers)
        if (e.cbs_code == m.cbs_code) both.push_back(e.gemeente);
    AddCheck(r, "restopgave.excluded_not_receiving",
             both.empty() ? CheckStatus::kPass : CheckStatus::kFinding, json::array(), both,
             both.empty() ? "" : "listed both as excluded from and as receiving the restopgave");
  }
}

std::vector<NamedGemeente> Named(const std::vector<NameMention>& list) {
  std::vector<NamedGemeente> out;
  for (const NameMention& m : list) {
    out.push_back(
        {m.municipality->name, m.municipality->cbs_code, m.raw, m.regulier, m.amv, m.note});
  }
  return out;
}

ToelichtingLists ToelichtingOf(const BesluitProse& prose) {
  ToelichtingLists lists;
  if (prose.has_exclusions) lists.excluded = Named(prose.excluded);
  if (prose.has_receivers) lists.receivers = Named(prose.receivers);
  lists.stated_receiver_counts = {prose.stated_receivers_regulier, prose.stated_receivers_amv};
  return lists;
}

// The checks on the prose alone, from what the record holds of it.
void AddMetaAndProseChecks(Record& r) {
  if (r.besluit_meta.province.empty()) {
    AddCheck(r, "meta.province", CheckStatus::kFail, "a province", nullptr,
             "the province could not be read; names were matched against all municipalities");
  }
  AddProseChecks(r);
}

// What the prose states: meta, the stated figures, the toelichting's lists,
// and the checks on the prose alone.
void TakeProse(const BesluitProse& prose, Record& r) {
  r.besluit_meta = {prose.province, prose.date, prose.reference};
  r.opgave = prose.opgave;
  r.overgenomen = prose.overgenomen;
  r.restopgave = prose.restopgave;
  r.toelichting = ToelichtingOf(prose);
  AddMetaAndProseChecks(r);
}

// ----------------------------------------------------------- solving the table

std::string TargetSource(int stated_sources, size_t source_index) {
  return static_cast<int>(source_index) < stated_sources ? "the opgave stated in the toelichting"
                                                         : "the table's Totaal row";
}

// The table as read and what the exact solver made of it: what every stage
// after the solver reads.
struct SolvedTable {
  const RawTable& table;
  std::array<ColumnTarget, kColumnCount> stated;  // the column sums the prose states
  std::vector<SolverRow> rows;                    // the solver's input: every cell's readings
  Solution solution;
  // Unique or tie: every cell has a chosen value.
  bool solved() const {
    return solution.outcome == Solution::Outcome::kUnique ||
           solution.outcome == Solution::Outcome::kTie;
  }
};

SolvedTable Solve(const RawTable& t, const BesluitProse& prose, const CostModel& costs) {
  SolvedTable s{t, StatedTargets(prose), SolverRowsFor(t, costs.glyph), {}};
  SolverOptions options = costs.solver;
  options.near_tie_margin = costs.near_tie_margin;
  options.runner_up_window = costs.runner_up_window;
  s.solution = SolveTable(s.rows, TargetsFor(t, s.stated), options);
  return s;
}

TableReading DescribeReading(const SolvedTable& s) {
  const RawTable& t = s.table;
  TableReading reading;
  reading.notes = t.notes;
  reading.solver_outcome = ToString(s.solution.outcome);
  reading.solver_cost = s.solution.cost;
  if (s.solution.runner_up_gap > 0) {
    reading.notes.push_back("the next consistent reading costs " +
                            std::to_string(s.solution.runner_up_gap) + " more");
  }
  reading.first_line = t.first_line;
  reading.last_line = t.last_line;
  reading.first_page = t.first_page;
  reading.last_page = t.last_page;
  reading.alignment_problems = t.alignment_problems;
  return reading;
}

// ------------------------------------------------------------------ the names

// Each row's name matched to the CBS list of the province, with the names
// that "settled" an ambiguous one (quoted, for its correction's reason).
struct RowNames {
  std::vector<NameMatch> matches;
  std::vector<std::string> settled_by;
};

// Names first: a name ambiguous on its own ("Edc": Ede or Epe) is matched
// again without the municipalities the other rows matched, since a table
// lists each one once.
RowNames MatchRowNames(const RawTable& t, const std::string& province) {
  RowNames names;
  std::set<std::string> others;  // codes the rows matched on their own
  for (const RawRow& raw : t.rows) {
    names.matches.push_back(MatchMunicipality(raw.name.text, province));
    if (names.matches.back().municipality) {
      others.insert(names.matches.back().municipality->cbs_code);
    }
  }
  names.settled_by.resize(t.rows.size());  // names the other rows took
  for (size_t i = 0; i < t.rows.size(); ++i) {
    NameMatch& first = names.matches[i];
    if (first.municipality || first.reason.rfind("ambiguous", 0) != 0) continue;
    NameMatch m = MatchMunicipality(t.rows[i].name.text, province, others);
    if (!m.municipality) continue;
    std::string& settled = names.settled_by[i];
    for (const std::string& code : others) {
      const Municipality* taken = Reference::Default().ByCode(code);
      if (taken && OcrEditCost(FoldName(t.rows[i].name.text), FoldName(taken->name)) <
                       m.cost + std::max(10, m.cost / 2))
        settled += (settled.empty() ? "" : ", ") + ("'" + taken->name + "'");
    }
    first = m;
  }
  return names;
}

// What the allocations add up to, and the rows the table checks name.
struct TableTally {
  std::array<long, kColumnCount> sums = {0, 0, 0};
  json unmatched = json::array();   // rows whose name matched no gemeente
  json duplicates = json::array();  // gemeenten named by two rows
  json bad_rows = json::array();    // rows where regulier + amv != totaal
};

// The tally of the allocations as they are (read, repaired or decided);
// `unmatched` is the list the name matching made (names.matched).
TableTally TallyOf(const std::vector<Allocation>& allocations, json unmatched) {
  TableTally tally;
  tally.unmatched = std::move(unmatched);
  std::set<std::string> seen_codes;
  for (const Allocation& a : allocations) {
    const std::array<long, kColumnCount> v = {a.regulier, a.amv, a.totaal};
    for (int c = 0; c < kColumnCount; ++c) tally.sums[c] += v[c];
    if (v[0] + v[1] != v[2]) {
      auto raw = a.raw.find("gemeente");
      tally.bad_rows.push_back(!a.gemeente.empty()  ? a.gemeente
                               : raw != a.raw.end() ? raw->second
                                                    : std::string());
    }
    if (!a.cbs_code.empty() && !seen_codes.insert(a.cbs_code).second)
      tally.duplicates.push_back(a.gemeente);
  }
  return tally;
}

// A row's allocation with its name: the official name (a correction when
// the text differed), or the name doubtful and the row listed as unmatched
// by its place in the table and the source, so a reviewer finds it without
// the (damaged) name.
Allocation NamedAllocation(const RawRow& raw, size_t i, const NameMatch& m,
                           const std::string& settled_by, json& unmatched) {
  Allocation a;
  a.raw["gemeente"] = raw.name.text;
  a.provenance["gemeente"] = raw.name.where;
  if (!m.municipality) {
    a.doubtful.push_back("gemeente");
    json where = {{"row", static_cast<long>(i + 1)}, {"raw", raw.name.text}, {"reason", m.reason}};
    where["page"] = raw.name.where.page;
    if (raw.name.where.line > 0) where["line"] = raw.name.where.line;
    unmatched.push_back(where);
    return a;
  }
  a.gemeente = m.municipality->name;
  a.cbs_code = m.municipality->cbs_code;
  if (m.cost > 0) {
    a.corrections.push_back(
        {"gemeente", raw.name.text, a.gemeente,
         "name matched to the CBS 2024 list (OCR-aware edit cost " + std::to_string(m.cost) +
             ", next best " + std::to_string(m.runner_up_cost) +
             (settled_by.empty()
                  ? ")"
                  : "; " + settled_by + " also close, but another row of the table)")});
  }
  return a;
}

// ---------------------------------------------------------------- the numbers

// Why the solver chose `ch` for cell (i, c): its own reason and, when the
// cell's cheapest reading on its own was something else, which constraint
// rejected that reading.
std::string CorrectionReason(const SolvedTable& s, size_t i, int c) {
  const Solution& sol = s.solution;
  const ChosenCell& ch = sol.rows[i][c];
  // Derived though it had readings: none of them fit the row (the solver's
  // override); derived without any: nothing in the cell could be read.
  if (ch.derived && !s.rows[i].cells[c].readings.empty())
    return "read '" + s.table.rows[i].cells[c].text +
           "', which no reading makes fit; derived from regulier + amv = totaal";
  if (ch.derived) return "unreadable; derived from regulier + amv = totaal";
  std::string why = ch.reason;
  const std::vector<Reading>& readings = s.rows[i].cells[c].readings;
  if (readings.empty() || readings.front().value == ch.value) return why;
  std::array<long, kColumnCount> alt = {sol.rows[i][0].value, sol.rows[i][1].value,
                                        sol.rows[i][2].value};
  alt[c] = readings.front().value;
  std::vector<std::string> broken;
  if (alt[0] + alt[1] != alt[2]) broken.push_back("regulier + amv = totaal");
  // Whether the column sum would still hold with the other reading is
  // only known once all rows are solved; the sums are final here.
  if (sol.targets[c]) {
    broken.push_back("the column sum " + std::string(ColumnName(c)) + " = " +
                     std::to_string(sol.targets[c]->value) + " (" +
                     TargetSource(static_cast<int>(s.stated[c].sources.size()), 0) + ")");
  }
  why += "; the reading " + std::to_string(readings.front().value) + " breaks ";
  for (size_t b = 0; b < broken.size(); ++b) why += (b ? " and " : "") + broken[b];
  if (broken.empty()) why += "the column sums";
  return why;
}

// The readings of cell (i, c) the solver weighed, for a reviewer: the values
// equally cheap tables give it (a tie), then the cell's own cheapest
// readings, at most kMaxAlternatives in all.
constexpr size_t kMaxAlternatives = 6;
std::vector<CellAlternative> AlternativesOf(const SolvedTable& s, size_t i, int c) {
  const std::vector<Reading>& readings = s.rows[i].cells[c].readings;
  std::vector<CellAlternative> out;
  const auto known = [&](long v) {
    return std::any_of(out.begin(), out.end(),
                       [&](const CellAlternative& a) { return a.value == v; });
  };
  if (s.solved()) {
    for (long v : s.solution.rows[i][c].equally_cheap) {
      CellAlternative alt{v, -1, "derived from regulier + amv = totaal", true};
      for (const Reading& r : readings) {
        if (r.value == v) {
          alt.cost = r.cost;
          alt.reason = r.reason;
          break;
        }
      }
      out.push_back(alt);
    }
  }
  // The glyph model lists readings by kind of repair; a reviewer wants the
  // cheapest first.
  std::vector<Reading> cheapest = readings;
  std::stable_sort(cheapest.begin(), cheapest.end(),
                   [](const Reading& a, const Reading& b) { return a.cost < b.cost; });
  for (const Reading& r : cheapest) {
    if (out.size() >= kMaxAlternatives) break;
    if (!known(r.value)) out.push_back({r.value, r.cost, r.reason, false});
  }
  return out;
}

// Row i's three values into `a`, with where they were read, the corrections
// the solver made and the cells it left in doubt. With no consistent
// reading each cell gets its cheapest reading, doubtful, and a reviewer
// decides.
void FillNumbers(const SolvedTable& s, size_t i, Allocation& a) {
  const RawTable& t = s.table;
  const RawRow& raw = t.rows[i];
  std::array<long, kColumnCount> v = {0, 0, 0};
  for (int c = 0; c < kColumnCount; ++c) {
    const std::string field = ColumnName(c);
    const RawCell& cell = raw.cells[c];
    if (cell.present) {
      a.raw[field] = cell.text;
      a.provenance[field] = cell.where;
    }
    if (!s.solved()) {
      const std::vector<Reading>& readings = s.rows[i].cells[c].readings;
      if (!readings.empty()) v[c] = readings.front().value;
      a.doubtful.push_back(field);
      continue;
    }
    const ChosenCell& ch = s.solution.rows[i][c];
    v[c] = ch.value;
    if (ch.doubtful) a.doubtful.push_back(field);
    if (!t.column_present[c]) continue;  // derived column, nothing was printed
    if (ch.derived || ch.cost > 0) {
      a.corrections.push_back(
          {field, cell.present ? cell.text : "", v[c], CorrectionReason(s, i, c)});
    }
  }
  for (int c = 0; c < kColumnCount; ++c) {
    const std::string field = ColumnName(c);
    const bool corrected = std::any_of(a.corrections.begin(), a.corrections.end(),
                                       [&](const Correction& k) { return k.field == field; });
    const bool doubtful =
        std::find(a.doubtful.begin(), a.doubtful.end(), field) != a.doubtful.end();
    if (!corrected && !doubtful) continue;
    std::vector<CellAlternative> alternatives = AlternativesOf(s, i, c);
    if (!alternatives.empty()) a.alternatives[field] = std::move(alternatives);
  }
  if (!s.solved() && t.column_present[kTotaal] == false) v[kTotaal] = v[kRegulier] + v[kAmv];
  a.regulier = v[kRegulier];
  a.amv = v[kAmv];
  a.totaal = v[kTotaal];
}

// One allocation per row of the table, in its order.
TableTally AddAllocations(const SolvedTable& s, const std::string& province, Record& r) {
  const RawTable& t = s.table;
  const RowNames names = MatchRowNames(t, province);
  json unmatched = json::array();
  for (size_t i = 0; i < t.rows.size(); ++i) {
    Allocation a = NamedAllocation(t.rows[i], i, names.matches[i], names.settled_by[i], unmatched);
    FillNumbers(s, i, a);
    r.allocations.push_back(std::move(a));
  }
  return TallyOf(r.allocations, std::move(unmatched));
}

// ----------------------------------------------------------------- the checks

// The table's shape and its rows' own arithmetic.
void AddRowChecks(size_t rows, const std::vector<std::string>& alignment_problems,
                  const TableTally& tally, Record& r) {
  AddCheck(r, "table.rows", rows == 0 ? CheckStatus::kFail : CheckStatus::kPass, nullptr,
           static_cast<long>(rows));
  AddCheck(r, "table.alignment",
           alignment_problems.empty() ? CheckStatus::kPass : CheckStatus::kFail, json::array(),
           alignment_problems);
  AddCheck(r, "row_sum", tally.bad_rows.empty() ? CheckStatus::kPass : CheckStatus::kFail,
           json::array(), tally.bad_rows, "regulier + amv = totaal on every row");
}

// What the table's own Totaal row states for one column: the value read
// there (a number; the raw text when it could not be read) and the check's
// sentence. The record keeps it only in its totaal_row check.
struct PrintedTotal {
  json stated;
  std::string detail;
};
using PrintedTotals = std::array<std::optional<PrintedTotal>, kColumnCount>;

PrintedTotals PrintedTotalsOf(const SolvedTable& s) {
  const RawTable& t = s.table;
  PrintedTotals out;
  for (int c = 0; c < kColumnCount; ++c) {
    if (!t.total_row || !t.total_row->cells[c].present) continue;
    const RawCell& cell = t.total_row->cells[c];
    const std::optional<ChosenTarget>& target = s.solution.targets[c];
    std::optional<long> printed;
    if (s.solved() && target && !target->source_costs.empty()) {
      printed = target->value;
    } else if (auto b = BestReading(cell.text)) {
      printed = b->value;
    }
    out[c] =
        PrintedTotal{printed ? json(*printed) : json(cell.text),
                     "the table's own Totaal row (raw '" + cell.text + "') against the column sum"};
  }
  return out;
}

// The column sums the toelichting states (opgave, else overgenomen +
// restopgave), per column.
std::array<std::optional<long>, kColumnCount> StatedSums(const Record& r) {
  std::array<std::optional<long>, kColumnCount> out;
  for (int c = 0; c < kColumnCount; ++c) {
    out[c] = Component(r.opgave, c);
    if (out[c]) continue;
    auto g = Component(r.overgenomen, c), rest = Component(r.restopgave, c);
    if (g && rest) out[c] = *g + *rest;
  }
  return out;
}

// Each column's sum against the opgave the prose states and against the
// table's own Totaal row; a failure when nothing states the sums at all.
void AddColumnChecks(const std::array<std::optional<long>, kColumnCount>& stated,
                     const PrintedTotals& printed, const std::array<long, kColumnCount>& sums,
                     Record& r) {
  bool any_target = false;
  for (int c = 0; c < kColumnCount; ++c) {
    const std::string field = ColumnName(c);
    if (stated[c]) {
      any_target = true;
      AddCheck(r, "column_sum." + field,
               *stated[c] == sums[c] ? CheckStatus::kPass : CheckStatus::kFail, *stated[c], sums[c],
               "column sum against the opgave stated in the toelichting");
    }
    if (printed[c]) {
      any_target = true;
      const json& total = printed[c]->stated;
      const bool ok = total.is_number_integer() && total.get<long>() == sums[c];
      AddCheck(r, "totaal_row." + field, ok ? CheckStatus::kPass : CheckStatus::kFail, total,
               sums[c], printed[c]->detail);
    }
  }
  if (!any_target) {
    AddCheck(r, "column_sum.target", CheckStatus::kFail, "a stated opgave or a Totaal row", nullptr,
             "nothing states the column sums, so a valid-looking wrong digit cannot be excluded");
  }
}

// `outcome` is the solver's (ToString(Solution::Outcome)). A reviewer who
// decided every cell the solver left open settles a tie or an inconsistent
// reading: the check then passes, its `actual` still the solver's outcome.
void AddRepairUniqueCheck(const std::string& outcome, bool settled_by_reviewer, Record& r) {
  CheckStatus s = CheckStatus::kFail;
  std::string detail;
  if (outcome == ToString(Solution::Outcome::kUnique)) {
    s = CheckStatus::kPass;
  } else if (settled_by_reviewer) {
    s = CheckStatus::kPass;
    detail = "the reviewer decided every cell the repair search left open";
  } else if (outcome == ToString(Solution::Outcome::kTie)) {
    detail = "several readings are equally or nearly as cheap; the doubtful cells are marked";
  } else if (outcome == ToString(Solution::Outcome::kInfeasible)) {
    detail = "no reading within the repair budget makes the table consistent";
  } else {
    detail = "the repair search exceeded its memory budget";
  }
  AddCheck(r, "repair.unique", s, "unique", outcome, detail);
}

// A repair is only proven when the arithmetic pins every change. Changing
// a valid-looking digit (a look-alike, a lost or extra glyph, an unreadable
// cell) is cheap to make up and the row equation pins at most one such
// change per row; many of them means the table as read is probably not the
// table printed (a lost row, shifted columns), whatever the sums say.
void AddPlausibleCheck(int strong, const json& rows_with_two, int max_strong, Record& r) {
  const bool plausible = strong <= max_strong && rows_with_two.empty();
  AddCheck(r, "repair.plausible", plausible ? CheckStatus::kPass : CheckStatus::kFail,
           "at most " + std::to_string(max_strong) +
               " changed valid-looking digits, at most one per row",
           json{{"changed_cells", strong}, {"rows_with_several", rows_with_two}},
           plausible ? ""
                     : "too many valid-looking digits would have to change for the table to add "
                       "up; the table as read is probably incomplete or misaligned");
}

void AddRepairPlausibleCheck(const SolvedTable& s, const CostModel& costs, Record& r) {
  const RawTable& t = s.table;
  const Solution& sol = s.solution;
  int strong = 0;
  json rows_with_two = json::array();
  for (size_t i = 0; i < sol.rows.size(); ++i) {
    int in_row = 0;
    for (int c = 0; c < kColumnCount; ++c) {
      const ChosenCell& ch = sol.rows[i][c];
      if (!t.column_present[c]) continue;
      if (ch.derived || ch.cost >= costs.strong_correction_cost) ++in_row;
    }
    strong += in_row;
    if (in_row >= 2)
      rows_with_two.push_back(r.allocations[i].gemeente.empty() ? t.rows[i].name.text
                                                                : r.allocations[i].gemeente);
  }
  // Without all three columns no row equation pins a change: only a column
  // sum does, and any cell of the column could absorb it (40 read for 20 in
  // one row balances 8 read for 0 in another). No such change is proven.
  const bool rows_checked =
      t.column_present[kRegulier] && t.column_present[kAmv] && t.column_present[kTotaal];
  AddPlausibleCheck(strong, rows_with_two, rows_checked ? costs.max_strong_corrections : 0, r);
}

void AddNameChecks(const TableTally& tally, Record& r) {
  AddCheck(r, "names.matched", tally.unmatched.empty() ? CheckStatus::kPass : CheckStatus::kFail,
           json::array(), tally.unmatched, "every gemeente matched to the CBS 2024 list");
  if (!tally.duplicates.empty()) {
    AddCheck(r, "names.unique", CheckStatus::kFail, json::array(), tally.duplicates,
             "a gemeente appears twice in the table");
  }
}

// Receivers of the restopgave must have places of that type in the table.
void AddReceiverChecks(Record& r) {
  if (!r.toelichting || !r.toelichting->receivers) return;
  json missing = json::array(), not_in_table = json::array();
  for (const NamedGemeente& m : *r.toelichting->receivers) {
    auto it = std::find_if(r.allocations.begin(), r.allocations.end(),
                           [&](const Allocation& a) { return a.cbs_code == m.cbs_code; });
    if (it == r.allocations.end()) {
      not_in_table.push_back(m.gemeente);
    } else if ((m.regulier && it->regulier == 0) || (m.amv && it->amv == 0)) {
      missing.push_back(m.gemeente + " (no places of the type it received)");
    }
  }
  // A receiver missing from the table is a row the reading lost, far more
  // often than a decision that forgot one: review, not a finding.
  AddCheck(r, "restopgave.receivers_listed_in_table",
           not_in_table.empty() ? CheckStatus::kPass : CheckStatus::kFail, json::array(),
           not_in_table, "every receiver of the restopgave is a row of the table");
  AddCheck(r, "restopgave.receivers_in_table",
           missing.empty() ? CheckStatus::kPass : CheckStatus::kFinding, json::array(), missing,
           "every receiver of the restopgave has places of that type in the table");
}

// The reference figures are evidence, not truth: a disagreement is a finding.
void AddReferenceCheck(const std::string& province, const std::array<long, kColumnCount>& sums,
                       Record& r) {
  const ProvincialOpgave* ref = Reference::Default().OpgaveFor(province);
  if (!ref) return;
  json expected = json::object(), actual = json::object();
  bool agree = true;
  const std::optional<long> ref_values[3] = {ref->regulier, ref->amv, ref->totaal};
  for (int c = 0; c < kColumnCount; ++c) {
    if (!ref_values[c]) continue;
    expected[ColumnName(c)] = *ref_values[c];
    actual[ColumnName(c)] = sums[c];
    agree &= *ref_values[c] == sums[c];
  }
  if (!expected.empty()) {
    AddCheck(r, "reference.provinciale_opgave", agree ? CheckStatus::kPass : CheckStatus::kFinding,
             expected, actual, "source: " + ref->source);
  }
}

// ----------------------------------------------------------------- the status

// needs_review when any check fails, else reviewed when a reviewer decided
// any cell, else repaired when anything was corrected, else valid.
RecordStatus StatusFromChecks(const Record& r) {
  bool failed_check = false, corrected = false, reviewed = false;
  for (const Check& c : r.checks) failed_check |= c.status == CheckStatus::kFail;
  for (const Allocation& a : r.allocations) {
    corrected |= !a.corrections.empty();
    for (const Correction& c : a.corrections) reviewed |= c.by_reviewer();
  }
  if (failed_check) return RecordStatus::kNeedsReview;
  if (reviewed) return RecordStatus::kReviewed;
  return corrected ? RecordStatus::kRepaired : RecordStatus::kValid;
}

}  // namespace

std::array<ColumnTarget, kColumnCount> StatedTargets(const BesluitProse& p) {
  std::array<ColumnTarget, kColumnCount> t;
  for (int c = 0; c < kColumnCount; ++c) {
    std::optional<long> v = Component(p.opgave, c);
    if (!v) {
      // No opgave stated: overgenomen + restopgave is what the minister
      // distributed, so the columns must reach that sum too.
      auto g = Component(p.overgenomen, c), rest = Component(p.restopgave, c);
      if (g && rest) v = *g + *rest;
    }
    if (v) t[c].sources.push_back({Reading{*v, 0, ""}});
  }
  return t;
}

bool DecidedByReviewer(const Allocation& a, const std::string& field) {
  return std::any_of(a.corrections.begin(), a.corrections.end(),
                     [&](const Correction& c) { return c.by_reviewer() && c.field == field; });
}

namespace {

bool IsDoubtful(const Allocation& a, const std::string& field) {
  return std::find(a.doubtful.begin(), a.doubtful.end(), field) != a.doubtful.end();
}

// Adds `field` to the row's doubtful cells, once, unless a reviewer decided it.
void MarkDoubtful(Allocation& a, const std::string& field) {
  if (!IsDoubtful(a, field) && !DecidedByReviewer(a, field)) a.doubtful.push_back(field);
}

// A totaal the table does not print is regulier + amv: when either of those
// is doubtful, so is the sum (a reviewer who fixes the amv must see that the
// totaal moves with it).
bool TotaalDerivedFromDoubtful(const Allocation& a) {
  if (a.raw.count("totaal") > 0) return false;
  return IsDoubtful(a, "regulier") || IsDoubtful(a, "amv");
}

// Whether a repair of the row changed a digit it had read as a digit ("117"
// made 111, "0)" made 6, a digit lost or gained), not only a letter or
// symbol read as the digit it stands for ("L42" made 142, "O" made 0).
bool ChangedAReadDigit(const Allocation& a) {
  for (const Correction& c : a.corrections) {
    if (c.field == "gemeente" || c.by_reviewer() || !c.to.is_number_integer()) continue;
    std::string read;
    for (char ch : c.from)
      if (ch != '.' && ch != ',' && ch != ' ') read += ch;
    const std::string now = std::to_string(c.to.get<long>());
    const bool has_digit = std::any_of(read.begin(), read.end(), [](char ch) {
      return std::isdigit(static_cast<unsigned char>(ch)) != 0;
    });
    if (!has_digit) continue;
    if (read.size() != now.size()) return true;
    for (size_t k = 0; k < read.size(); ++k) {
      if (std::isdigit(static_cast<unsigned char>(read[k])) && read[k] != now[k]) return true;
    }
  }
  return false;
}

// In a table that needs review nothing is proven, so no repair is either:
// every cell a repair changed, and every cell of a row whose regulier + amv
// is not its totaal, is doubtful, for the reviewer to confirm. Where the
// repair changed a digit it had read, the row's other numbers are doubtful
// too: which of them to change was the repair's choice ("111 0 117" made
// 111 0 111 where the page says 777 0 777), and unproven, the ones it kept
// may be the wrong ones. (A repair in a valid or repaired table is proven by
// the checks and stays a correction.)
void MarkUnprovenCellsDoubtful(Record& r) {
  for (Allocation& a : r.allocations) {
    auto mark = [&a](const std::string& field) { MarkDoubtful(a, field); };
    for (const Correction& c : a.corrections) {
      if (c.field != "gemeente") mark(c.field);
    }
    if (a.regulier + a.amv != a.totaal || ChangedAReadDigit(a)) {
      for (int c = 0; c < kColumnCount; ++c) mark(ColumnName(c));
    }
    if (TotaalDerivedFromDoubtful(a)) mark("totaal");
  }
}

// With nothing stating the column sums (column_sum.target fails), a row
// whose totaal was not read is checked by nothing at all: a valid-looking
// wrong digit there ("59" for 55 on a fax) passes every check. Its cells the
// recogniser was unsure of are doubtful, so that the review names them.
void MarkUncheckedUnsureCellsDoubtful(Record& r, double min_confidence) {
  const bool no_target = std::any_of(r.checks.begin(), r.checks.end(), [](const Check& c) {
    return c.id == "column_sum.target" && c.status == CheckStatus::kFail;
  });
  if (!no_target) return;
  for (Allocation& a : r.allocations) {
    if (a.raw.count("totaal") > 0 && a.raw.count("regulier") > 0 && a.raw.count("amv") > 0)
      continue;  // regulier + amv = totaal checks the row
    auto mark = [&a](const std::string& field) { MarkDoubtful(a, field); };
    bool unsure = false;
    for (int c = 0; c < kColumnCount; ++c) {
      const std::string field = ColumnName(c);
      auto where = a.provenance.find(field);
      if (a.raw.count(field) == 0 || where == a.provenance.end()) continue;
      if (where->second.confidence >= min_confidence) continue;
      unsure = true;
      mark(field);
    }
    // A cell derived from an unsure one (the totaal of a table without that
    // column) is as doubtful as its source.
    for (int c = 0; c < kColumnCount && unsure; ++c) {
      if (a.raw.count(ColumnName(c)) == 0) mark(ColumnName(c));
    }
  }
}

}  // namespace

void BuildVerdeelbesluit(const BesluitProse& prose, const StatusOr<RawTable>& table, Record& r,
                         const CostModel& costs) {
  r.kind = DocumentKind::kVerdeelbesluit;
  TakeProse(prose, r);
  if (!table.ok()) {
    AddCheck(r, "table.found", CheckStatus::kFail, "an allocation table", nullptr,
             table.status().ToString());
    r.status = RecordStatus::kNeedsReview;
    return;
  }
  const SolvedTable solved = Solve(*table, prose, costs);
  r.table = DescribeReading(solved);
  const TableTally tally = AddAllocations(solved, prose.province, r);
  AddRowChecks(table->rows.size(), table->alignment_problems, tally, r);
  AddColumnChecks(StatedSums(r), PrintedTotalsOf(solved), tally.sums, r);
  AddRepairUniqueCheck(ToString(solved.solution.outcome), false, r);
  if (solved.solved()) AddRepairPlausibleCheck(solved, costs, r);
  AddNameChecks(tally, r);
  AddReceiverChecks(r);
  AddReferenceCheck(prose.province, tally.sums, r);
  r.status = StatusFromChecks(r);
  if (r.status == RecordStatus::kNeedsReview) {
    MarkUnprovenCellsDoubtful(r);
    MarkUncheckedUnsureCellsDoubtful(r, costs.unchecked_cell_min_confidence);
  }
}

}  // namespace verdeelscan

// ------------------------------------------------------- checks run again

namespace verdeelscan {
namespace {

// The checks BuildVerdeelbesluit makes (the others come from other stages:
// page_quality, text.encoding, the cross-document checks, the batch's).
bool IsBesluitCheck(const std::string& id) {
  for (const char* prefix :
       {"meta.province", "stated.", "restopgave.", "table.", "row_sum", "column_sum.",
        "totaal_row.", "repair.", "names.", "reference.", "review.complete"}) {
    if (id.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

const Check* FindCheck(const std::vector<Check>& checks, const std::string& id) {
  for (const Check& c : checks)
    if (c.id == id) return &c;
  return nullptr;
}

bool AnyReviewerDecision(const Record& r) {
  for (const Allocation& a : r.allocations)
    for (const Correction& c : a.corrections)
      if (c.by_reviewer()) return true;
  return false;
}

bool AnyNumberDoubtful(const Record& r) {
  for (const Allocation& a : r.allocations)
    for (const std::string& f : a.doubtful)
      if (f != "gemeente") return true;
  return false;
}

// The Totaal row as its checks state it (the record keeps it nowhere else).
PrintedTotals PrintedTotalsFrom(const std::vector<Check>& old) {
  PrintedTotals out;
  for (int c = 0; c < kColumnCount; ++c) {
    if (const Check* k = FindCheck(old, "totaal_row." + std::string(ColumnName(c))))
      out[c] = PrintedTotal{k->expected, k->detail};
  }
  return out;
}

// The rows names.matched listed that still have no gemeente (a reviewer's
// decision gives a row its gemeente), with the matcher's reasons.
json StillUnmatched(const std::vector<Check>& old, const Record& r) {
  json out = json::array();
  const Check* k = FindCheck(old, "names.matched");
  if (!k || !k->actual.is_array()) return out;
  for (const json& row : k->actual) {
    const long n = row.is_object() && row.contains("row") && row["row"].is_number_integer()
                       ? row["row"].get<long>()
                       : 0;
    if (n >= 1 && n <= static_cast<long>(r.allocations.size()) &&
        !r.allocations[n - 1].cbs_code.empty())
      continue;
    out.push_back(row);
  }
  return out;
}

// repair.plausible counts the changes the repair search made. Once a
// reviewer has decided cells, those are no longer the machine's: the check
// counts the number corrections no decision replaced. The record does not
// keep which of them changed a valid-looking digit, so each counts (an upper
// bound); a check that passed keeps passing (decisions only take changes
// away), and in a needs_review table every corrected cell is doubtful, so a
// table whose every doubtful cell is decided has none left.
void RecheckPlausible(const Check& before, const CostModel& costs, Record& r) {
  if (before.status != CheckStatus::kFail || !AnyReviewerDecision(r)) {
    r.checks.push_back(before);
    return;
  }
  int changed = 0;
  json rows_with_two = json::array();
  for (const Allocation& a : r.allocations) {
    int in_row = 0;
    for (int c = 0; c < kColumnCount; ++c) {
      const std::string field = ColumnName(c);
      if (DecidedByReviewer(a, field)) continue;
      in_row += std::any_of(a.corrections.begin(), a.corrections.end(),
                            [&](const Correction& k) { return k.field == field; });
    }
    changed += in_row;
    if (in_row >= 2) {
      auto raw = a.raw.find("gemeente");
      rows_with_two.push_back(!a.gemeente.empty()  ? a.gemeente
                              : raw != a.raw.end() ? raw->second
                                                   : std::string());
    }
  }
  AddPlausibleCheck(changed, rows_with_two, costs.max_strong_corrections, r);
}

// Once a reviewer has decided any cell: the cells still doubtful, which the
// reviewer has yet to decide (1-based rows, as in names.matched).
void AddReviewCompleteCheck(Record& r) {
  json open = json::array();
  for (size_t i = 0; i < r.allocations.size(); ++i) {
    const Allocation& a = r.allocations[i];
    for (const std::string& f : a.doubtful) {
      auto raw = a.raw.find("gemeente");
      open.push_back({{"row", static_cast<long>(i + 1)},
                      {"gemeente", !a.gemeente.empty()  ? a.gemeente
                                   : raw != a.raw.end() ? raw->second
                                                        : std::string()},
                      {"field", f}});
    }
  }
  AddCheck(r, "review.complete", open.empty() ? CheckStatus::kPass : CheckStatus::kFail,
           json::array(), open,
           open.empty() ? "every doubtful cell was decided by a reviewer"
                        : "doubtful cells the reviewer has not decided yet");
}

}  // namespace

void RecheckVerdeelbesluit(Record& r, const CostModel& costs) {
  if (r.kind != DocumentKind::kVerdeelbesluit || !r.table) return;
  const std::vector<Check> before = std::move(r.checks);
  r.checks.clear();
  AddMetaAndProseChecks(r);
  const TableTally tally = TallyOf(r.allocations, StillUnmatched(before, r));
  AddRowChecks(r.allocations.size(), r.table->alignment_problems, tally, r);
  AddColumnChecks(StatedSums(r), PrintedTotalsFrom(before), tally.sums, r);
  const bool reviewed = AnyReviewerDecision(r);
  AddRepairUniqueCheck(r.table->solver_outcome, reviewed && !AnyNumberDoubtful(r), r);
  if (const Check* plausible = FindCheck(before, "repair.plausible"))
    RecheckPlausible(*plausible, costs, r);
  AddNameChecks(tally, r);
  AddReceiverChecks(r);
  AddReferenceCheck(r.besluit_meta.province, tally.sums, r);
  if (reviewed) AddReviewCompleteCheck(r);
  // As BuildVerdeelbesluit: its own checks decide whether a repair is
  // unproven; other stages' checks (added after it) only the status.
  if (StatusFromChecks(r) == RecordStatus::kNeedsReview) MarkUnprovenCellsDoubtful(r);
  for (const Check& c : before)
    if (!IsBesluitCheck(c.id)) r.checks.push_back(c);
  r.status = StatusFromChecks(r);
}

}  // namespace verdeelscan
