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

// See CostModel::strong_correction_cost and max_strong_corrections.
constexpr int kStrongCorrectionCost = CostModel{}.strong_correction_cost;
constexpr int kMaxStrongCorrections = CostModel{}.max_strong_corrections;

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

// The toelichting's own arithmetic and counts. A contradiction here is in
// the source and no reading of the table can mend it: a finding.
void AddProseChecks(const BesluitProse& p, Record& r) {
  for (int c : {kRegulier, kAmv}) {
    auto o = Component(p.opgave, c), g = Component(p.overgenomen, c),
         rest = Component(p.restopgave, c);
    if (!o || !g || !rest) continue;
    const bool ok = *g + *rest == *o;
    AddCheck(r, std::string("stated.overgenomen_plus_restopgave.") + ColumnName(c),
             ok ? CheckStatus::kPass : CheckStatus::kFinding, *o, *g + *rest,
             ok ? "" : "the toelichting's overgenomen + restopgave differ from its opgave");
  }
  auto count_check = [&](const char* type, const std::optional<long>& stated, bool regulier) {
    if (!stated || !p.has_receivers) return;
    long listed = 0;
    bool annotated = false;
    for (const NameMention& m : p.receivers) annotated |= m.regulier || m.amv;
    for (const NameMention& m : p.receivers)
      if (!annotated || (regulier ? m.regulier : m.amv)) ++listed;
    const bool ok = listed == *stated;
    AddCheck(r, std::string("restopgave.count.") + type,
             ok ? CheckStatus::kPass : CheckStatus::kFinding, *stated, listed,
             ok ? ""
                : "the toelichting says the " + std::string(type) + " restopgave went to " +
                      std::to_string(*stated) + " gemeenten, but its list names " +
                      std::to_string(listed));
  };
  count_check("regulier", p.stated_receivers_regulier, true);
  count_check("amv", p.stated_receivers_amv, false);

  if (p.has_exclusions && p.has_receivers) {
    json both = json::array();
    for (const NameMention& e : p.excluded)
      for (const NameMention& m : p.receivers)
        if (e.municipality == m.municipality) both.push_back(e.municipality->name);
    AddCheck(r, "restopgave.excluded_not_receiving",
             both.empty() ? CheckStatus::kPass : CheckStatus::kFinding, json::array(), both,
             both.empty() ? "" : "listed both as excluded from and as receiving the restopgave");
  }
}

json MentionsToJson(const std::vector<NameMention>& list, bool with_types) {
  json out = json::array();
  for (const NameMention& m : list) {
    json j = {
        {"gemeente", m.municipality->name}, {"cbs_code", m.municipality->cbs_code}, {"raw", m.raw}};
    if (with_types) {
      j["regulier"] = m.regulier;
      j["amv"] = m.amv;
    }
    if (!m.note.empty()) j["ground"] = m.note;
    out.push_back(j);
  }
  return out;
}

std::string TargetSource(int stated_sources, size_t source_index) {
  return static_cast<int>(source_index) < stated_sources ? "the opgave stated in the toelichting"
                                                         : "the table's Totaal row";
}

}  // namespace

std::array<ColumnTarget, 3> StatedTargets(const BesluitProse& p) {
  std::array<ColumnTarget, 3> t;
  for (int c = 0; c < 3; ++c) {
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

void BuildVerdeelbesluit(const BesluitProse& prose, const StatusOr<RawTable>& table, Record& r) {
  r.kind = "verdeelbesluit";
  json unread = json::array();
  if (!prose.province.empty())
    r.meta["province"] = prose.province;
  else
    unread.push_back("province");
  if (!prose.date.empty())
    r.meta["date"] = prose.date;
  else
    unread.push_back("date");
  if (!prose.reference.empty())
    r.meta["reference"] = prose.reference;
  else
    unread.push_back("reference");
  if (!unread.empty()) r.extra["unread_fields"] = unread;
  r.opgave = prose.opgave;
  r.overgenomen = prose.overgenomen;
  r.restopgave = prose.restopgave;
  if (prose.province.empty()) {
    AddCheck(r, "meta.province", CheckStatus::kFail, "a province", nullptr,
             "the province could not be read; names were matched against all municipalities");
  }
  AddProseChecks(prose, r);
  json toel = json::object();
  if (prose.has_exclusions) toel["excluded"] = MentionsToJson(prose.excluded, false);
  if (prose.has_receivers) toel["receivers"] = MentionsToJson(prose.receivers, true);
  if (prose.stated_receivers_regulier || prose.stated_receivers_amv) {
    json counts = json::object();
    if (prose.stated_receivers_regulier) counts["regulier"] = *prose.stated_receivers_regulier;
    if (prose.stated_receivers_amv) counts["amv"] = *prose.stated_receivers_amv;
    toel["stated_receiver_counts"] = counts;
  }
  if (!toel.empty()) r.extra["toelichting"] = toel;

  if (!table.ok()) {
    AddCheck(r, "table.found", CheckStatus::kFail, "an allocation table", nullptr,
             table.status().ToString());
    r.status = RecordStatus::kNeedsReview;
    return;
  }
  const RawTable& t = *table;
  const std::array<ColumnTarget, 3> stated = StatedTargets(prose);
  const std::vector<SolverRow> rows = SolverRowsFor(t);
  const std::array<ColumnTarget, 3> targets = TargetsFor(t, stated);
  const Solution sol = SolveTable(rows, targets);
  const bool solved =
      sol.outcome == Solution::Outcome::kUnique || sol.outcome == Solution::Outcome::kTie;

  json table_info = {{"notes", t.notes},
                     {"solver", {{"outcome", ToString(sol.outcome)}, {"cost", sol.cost}}}};
  if (t.first_line > 0) table_info["lines"] = {t.first_line, t.last_line};
  if (t.first_page > 0) table_info["pages"] = {t.first_page, t.last_page};
  if (!t.alignment_problems.empty()) table_info["alignment_problems"] = t.alignment_problems;
  r.extra["table"] = table_info;

  // Allocations.
  std::set<std::string> seen_codes;
  json unmatched = json::array(), duplicates = json::array(), bad_rows = json::array();
  std::array<long, 3> sums = {0, 0, 0};
  // Names first: a name ambiguous on its own ("Edc": Ede or Epe) is matched
  // again without the municipalities the other rows matched, since a table
  // lists each one once.
  std::vector<NameMatch> matches;
  std::set<std::string> others;  // codes the rows matched on their own
  for (const RawRow& raw : t.rows) {
    matches.push_back(MatchMunicipality(raw.name.text, prose.province));
    if (matches.back().municipality) others.insert(matches.back().municipality->cbs_code);
  }
  std::vector<std::string> settled_by(t.rows.size());  // names the other rows took
  for (size_t i = 0; i < t.rows.size(); ++i) {
    if (matches[i].municipality || matches[i].reason.rfind("ambiguous", 0) != 0) continue;
    NameMatch m = MatchMunicipality(t.rows[i].name.text, prose.province, others);
    if (!m.municipality) continue;
    for (const std::string& code : others) {
      const Municipality* taken = Reference::Default().ByCode(code);
      if (taken && OcrEditCost(FoldName(t.rows[i].name.text), FoldName(taken->name)) <
                       m.cost + std::max(10, m.cost / 2))
        settled_by[i] += (settled_by[i].empty() ? "" : ", ") + ("'" + taken->name + "'");
    }
    matches[i] = m;
  }
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const RawRow& raw = t.rows[i];
    Allocation a;
    a.raw["gemeente"] = raw.name.text;
    a.provenance["gemeente"] = raw.name.where;
    const NameMatch& m = matches[i];
    if (m.municipality) {
      a.gemeente = m.municipality->name;
      a.cbs_code = m.municipality->cbs_code;
      if (m.cost > 0) {
        a.corrections.push_back(
            {"gemeente", raw.name.text, a.gemeente,
             "name matched to the CBS 2024 list (OCR-aware edit cost " + std::to_string(m.cost) +
                 ", next best " + std::to_string(m.runner_up_cost) +
                 (settled_by[i].empty()
                      ? ")"
                      : "; " + settled_by[i] + " also close, but another row of the table)")});
      }
      if (!seen_codes.insert(a.cbs_code).second) duplicates.push_back(a.gemeente);
    } else {
      a.doubtful.push_back("gemeente");
      // The row is named by its place in the table and in the source, so a
      // reviewer finds it without the (damaged) name.
      json where = {
          {"row", static_cast<long>(i + 1)}, {"raw", raw.name.text}, {"reason", m.reason}};
      where["page"] = raw.name.where.page;
      if (raw.name.where.line > 0) where["line"] = raw.name.where.line;
      unmatched.push_back(where);
    }
    std::array<long, 3> v = {0, 0, 0};
    for (int c = 0; c < 3; ++c) {
      const std::string field = ColumnName(c);
      const RawCell& cell = raw.cells[c];
      if (cell.present) {
        a.raw[field] = cell.text;
        a.provenance[field] = cell.where;
      }
      if (solved) {
        const ChosenCell& ch = sol.rows[i][c];
        v[c] = ch.value;
        if (ch.doubtful) a.doubtful.push_back(field);
        if (!t.column_present[c]) continue;  // derived column, nothing was printed
        if (ch.derived || ch.cost > 0) {
          std::string why =
              ch.derived ? "unreadable; derived from regulier + amv = totaal" : ch.reason;
          const std::vector<Reading>& readings = rows[i].cells[c].readings;
          if (!ch.derived && !readings.empty() && readings.front().value != ch.value) {
            // The cheapest reading on its own was something else: say which
            // constraint rejected it.
            std::array<long, 3> alt = {sol.rows[i][0].value, sol.rows[i][1].value,
                                       sol.rows[i][2].value};
            alt[c] = readings.front().value;
            std::vector<std::string> broken;
            if (alt[0] + alt[1] != alt[2]) broken.push_back("regulier + amv = totaal");
            // Whether the column sum would still hold with the other reading is
            // only known once all rows are solved; the sums are final here.
            if (sol.targets[c]) {
              broken.push_back("the column sum " + field + " = " +
                               std::to_string(sol.targets[c]->value) + " (" +
                               TargetSource(static_cast<int>(stated[c].sources.size()), 0) + ")");
            }
            why += "; the reading " + std::to_string(readings.front().value) + " breaks ";
            for (size_t b = 0; b < broken.size(); ++b) why += (b ? " and " : "") + broken[b];
            if (broken.empty()) why += "the column sums";
          }
          a.corrections.push_back({field, cell.present ? cell.text : "", v[c], why});
        }
      } else {
        // No consistent reading: report the cheapest reading of each cell and
        // let a reviewer decide.
        const std::vector<Reading>& readings = rows[i].cells[c].readings;
        if (!readings.empty()) v[c] = readings.front().value;
        a.doubtful.push_back(field);
      }
    }
    if (!solved && t.column_present[kTotaal] == false) v[kTotaal] = v[kRegulier] + v[kAmv];
    a.regulier = v[kRegulier];
    a.amv = v[kAmv];
    a.totaal = v[kTotaal];
    for (int c = 0; c < 3; ++c) sums[c] += v[c];
    if (v[0] + v[1] != v[2]) bad_rows.push_back(a.gemeente.empty() ? raw.name.text : a.gemeente);
    r.allocations.push_back(std::move(a));
  }

  // Checks on the table.
  AddCheck(r, "table.rows", t.rows.empty() ? CheckStatus::kFail : CheckStatus::kPass, nullptr,
           static_cast<long>(t.rows.size()));
  AddCheck(r, "table.alignment",
           t.alignment_problems.empty() ? CheckStatus::kPass : CheckStatus::kFail, json::array(),
           t.alignment_problems);
  AddCheck(r, "row_sum", bad_rows.empty() ? CheckStatus::kPass : CheckStatus::kFail, json::array(),
           bad_rows, "regulier + amv = totaal on every row");
  bool any_target = false;
  for (int c = 0; c < 3; ++c) {
    const std::string field = ColumnName(c);
    if (!stated[c].sources.empty()) {
      any_target = true;
      const long expected = stated[c].sources[0][0].value;
      AddCheck(r, "column_sum." + field,
               expected == sums[c] ? CheckStatus::kPass : CheckStatus::kFail, expected, sums[c],
               "column sum against the opgave stated in the toelichting");
    }
    if (t.total_row && t.total_row->cells[c].present) {
      any_target = true;
      const RawCell& cell = t.total_row->cells[c];
      std::optional<long> printed;
      if (solved && sol.targets[c] && !sol.targets[c]->source_costs.empty()) {
        printed = sol.targets[c]->value;
      } else if (auto b = BestReading(cell.text)) {
        printed = b->value;
      }
      AddCheck(r, "totaal_row." + field,
               printed && *printed == sums[c] ? CheckStatus::kPass : CheckStatus::kFail,
               printed ? json(*printed) : json(cell.text), sums[c],
               "the table's own Totaal row (raw '" + cell.text + "') against the column sum");
    }
  }
  if (!any_target) {
    AddCheck(r, "column_sum.target", CheckStatus::kFail, "a stated opgave or a Totaal row", nullptr,
             "nothing states the column sums, so a valid-looking wrong digit cannot be excluded");
  }
  {
    CheckStatus s = CheckStatus::kPass;
    std::string detail;
    switch (sol.outcome) {
      case Solution::Outcome::kUnique:
        break;
      case Solution::Outcome::kTie:
        s = CheckStatus::kFail;
        detail = "several readings are equally cheap; the doubtful cells are marked";
        break;
      case Solution::Outcome::kInfeasible:
        s = CheckStatus::kFail;
        detail = "no reading within the repair budget makes the table consistent";
        break;
      case Solution::Outcome::kBudgetExceeded:
        s = CheckStatus::kFail;
        detail = "the repair search exceeded its memory budget";
        break;
    }
    AddCheck(r, "repair.unique", s, "unique", ToString(sol.outcome), detail);
  }
  // A repair is only proven when the arithmetic pins every change. Changing
  // a valid-looking digit (a look-alike, a lost or extra glyph, an unreadable
  // cell) is cheap to make up and the row equation pins at most one such
  // change per row; many of them means the table as read is probably not the
  // table printed (a lost row, shifted columns), whatever the sums say.
  if (solved) {
    int strong = 0;
    json rows_with_two = json::array();
    for (size_t i = 0; i < sol.rows.size(); ++i) {
      int in_row = 0;
      for (int c = 0; c < 3; ++c) {
        const ChosenCell& ch = sol.rows[i][c];
        if (!t.column_present[c]) continue;
        if (ch.derived || ch.cost >= kStrongCorrectionCost) ++in_row;
      }
      strong += in_row;
      if (in_row >= 2)
        rows_with_two.push_back(r.allocations[i].gemeente.empty() ? t.rows[i].name.text
                                                                  : r.allocations[i].gemeente);
    }
    const bool plausible = strong <= kMaxStrongCorrections && rows_with_two.empty();
    AddCheck(r, "repair.plausible", plausible ? CheckStatus::kPass : CheckStatus::kFail,
             "at most " + std::to_string(kMaxStrongCorrections) +
                 " changed valid-looking digits, at most one per row",
             json{{"changed_cells", strong}, {"rows_with_several", rows_with_two}},
             plausible ? ""
                       : "too many valid-looking digits would have to change for the table to add "
                         "up; the table as read is probably incomplete or misaligned");
  }
  AddCheck(r, "names.matched", unmatched.empty() ? CheckStatus::kPass : CheckStatus::kFail,
           json::array(), unmatched, "every gemeente matched to the CBS 2024 list");
  if (!duplicates.empty()) {
    AddCheck(r, "names.unique", CheckStatus::kFail, json::array(), duplicates,
             "a gemeente appears twice in the table");
  }

  // Receivers of the restopgave must have places of that type in the table.
  if (prose.has_receivers) {
    json missing = json::array(), not_in_table = json::array();
    for (const NameMention& m : prose.receivers) {
      auto it = std::find_if(r.allocations.begin(), r.allocations.end(), [&](const Allocation& a) {
        return a.cbs_code == m.municipality->cbs_code;
      });
      if (it == r.allocations.end()) {
        not_in_table.push_back(m.municipality->name);
      } else if ((m.regulier && it->regulier == 0) || (m.amv && it->amv == 0)) {
        missing.push_back(m.municipality->name + " (no places of the type it received)");
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
  if (const ProvincialOpgave* ref = Reference::Default().OpgaveFor(prose.province)) {
    json expected = json::object(), actual = json::object();
    bool agree = true;
    const std::optional<long> ref_values[3] = {ref->regulier, ref->amv, ref->totaal};
    for (int c = 0; c < 3; ++c) {
      if (!ref_values[c]) continue;
      expected[ColumnName(c)] = *ref_values[c];
      actual[ColumnName(c)] = sums[c];
      agree &= *ref_values[c] == sums[c];
    }
    if (!expected.empty()) {
      AddCheck(r, "reference.provinciale_opgave",
               agree ? CheckStatus::kPass : CheckStatus::kFinding, expected, actual,
               "source: " + ref->source);
    }
  }

  bool failed_check = false, corrected = false;
  for (const Check& c : r.checks) failed_check |= c.status == CheckStatus::kFail;
  for (const Allocation& a : r.allocations) corrected |= !a.corrections.empty();
  r.status = failed_check ? RecordStatus::kNeedsReview
                          : (corrected ? RecordStatus::kRepaired : RecordStatus::kValid);
}

}  // namespace verdeelscan
