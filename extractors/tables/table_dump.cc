#include "extractors/tables/table_dump.h"

#include <algorithm>
#include <set>

#include "extractors/tables/columns.h"
#include "extractors/tables/dump_reader.h"
#include "validators/glyph_model.h"

namespace verdeelscan {
namespace {

using dump_reader::ColumnPart;
using dump_reader::Item;
using dump_reader::NumberCell;

// Two blocks may be any two of the three columns (a block can be lost to the
// OCR): all six ordered pairs compete, the third column derived. Three
// blocks: the six orders of the three columns.
std::vector<std::vector<int>> BlockOrders(size_t n_columns) {
  std::vector<std::vector<int>> orders;
  if (n_columns == 3 || n_columns == 2) {
    std::vector<int> all{kRegulier, kAmv, kTotaal};
    do {
      std::vector<int> cols(all.begin(), all.begin() + n_columns);
      if (std::find(orders.begin(), orders.end(), cols) == orders.end()) orders.push_back(cols);
    } while (std::next_permutation(all.begin(), all.end()));
  }
  return orders;
}

// Up to `max_parts_with_own_order` page parts, every combination of orders
// (at most 216); more parts share one order. All parts must have the same
// columns.
std::vector<std::vector<std::vector<int>>> Assignments(size_t n_parts, size_t n_columns,
                                                       size_t max_parts_with_own_order) {
  const std::vector<std::vector<int>> orders = BlockOrders(n_columns);
  std::vector<std::vector<std::vector<int>>> assignments;
  for (const std::vector<int>& first : orders) {
    if (n_parts > max_parts_with_own_order) {
      assignments.emplace_back(n_parts, first);
      continue;
    }
    std::vector<std::vector<std::vector<int>>> partial = {{first}};
    for (size_t p = 1; p < n_parts; ++p) {
      std::vector<std::vector<std::vector<int>>> longer;
      for (const auto& prefix : partial) {
        for (const std::vector<int>& next : orders) {
          if (std::set<int>(first.begin(), first.end()) != std::set<int>(next.begin(), next.end()))
            continue;
          longer.push_back(prefix);
          longer.back().push_back(next);
        }
      }
      partial = std::move(longer);
    }
    assignments.insert(assignments.end(), partial.begin(), partial.end());
  }
  return assignments;
}

// One part's rows (and its Totaal row) into `t` under the column order `cols`.
void AddPartRows(const ColumnPart& part, const std::vector<int>& cols, RawTable& t) {
  for (size_t i = 0; i < part.names.size(); ++i) {
    RawRow row;
    row.name.text = part.names[i].text;
    row.name.present = true;
    row.name.where.line = part.names[i].line_no;
    for (size_t k = 0; k < part.columns.size(); ++k) {
      if (i < part.columns[k].size() && !part.columns[k][i].text.empty()) {
        row.cells[cols[k]] = dump_reader::MakeCell(part.columns[k][i]);
      }
    }
    t.rows.push_back(std::move(row));
  }
  if (part.total_cells) {
    RawRow total;
    total.name.text = "Totaal";
    for (size_t k = 0; k < part.total_cells->size(); ++k) {
      const int column = part.total_in_column_order ? static_cast<int>(k) : cols[k];
      if (!(*part.total_cells)[k].text.empty())
        total.cells[column] = dump_reader::MakeCell((*part.total_cells)[k]);
    }
    t.total_row = total;
  }
}

// The table read under one assignment, with the evidence for it.
ColumnAssignment Candidate(const RawTable& base, const std::vector<ColumnPart>& parts,
                           const std::vector<std::vector<int>>& perms) {
  ColumnAssignment a;
  a.blocks_to_columns = perms;
  a.table = base;
  RawTable& t = a.table;
  t.column_present = {false, false, false};
  for (int c : perms[0]) t.column_present[c] = true;
  for (size_t p = 0; p < parts.size(); ++p) {
    const ColumnPart& part = parts[p];
    const std::vector<int>& cols = perms[p];
    AddPartRows(part, cols, t);
    for (size_t k = 0; k < part.columns.size(); ++k) {
      if (part.hints[k].size() == 1 && part.hints[k].count(cols[k])) ++a.header_agreement;
      if (part.hints[k].size() == 1 && !part.hints[k].count(cols[k])) --a.header_agreement;
    }
    long sums[kColumnCount] = {0, 0, 0};
    for (size_t k = 0; k < part.columns.size(); ++k) {
      for (const NumberCell& c : part.columns[k]) {
        if (auto r = BestReading(c.text)) sums[cols[k]] += r->value;
      }
    }
    if (!t.column_present[kRegulier]) sums[kRegulier] = sums[kTotaal] - sums[kAmv];
    if (!t.column_present[kAmv]) sums[kAmv] = sums[kTotaal] - sums[kRegulier];
    if (2 * sums[kAmv] < sums[kRegulier]) ++a.amv_smaller_parts;
  }
  return a;
}

}  // namespace

StatusOr<TableReadings> ReadDumpTable(const TextDocument& doc, int first, int last,
                                      std::string_view province, size_t max_parts_with_own_order) {
  std::optional<dump_reader::Region> region = dump_reader::FindRegion(doc, first, last, province);
  if (!region)
    return Status::NotFound("no allocation table header (Gemeente/Reguliere/Amv/Totaal) found");
  const std::vector<Item>& items = region->items;
  TableReadings out;
  RawTable& table = out.table;
  table.alignment_problems = region->alignment_problems;
  table.first_line = doc.lines[region->start].line_no;
  table.last_line = items.empty() ? table.first_line : items.back().line_no;

  // Row-wise ("Almelo 468 0 468" per line) or column-wise (blocks).
  size_t row_items = 0, name_items = 0;
  for (const Item& it : items) {
    if (it.kind == Item::kRow) ++row_items;
    if (it.kind == Item::kName && !dump_reader::IsTotalLabel(it.text)) ++name_items;
  }
  std::vector<ColumnPart> parts;
  if (row_items >= name_items && row_items > 0) {
    parts.push_back(dump_reader::ReadRowWise(doc, *region, province, table));
  } else {
    parts = dump_reader::ReadColumnParts(*region, province, table);
  }
  if (!region->furniture_lines.empty()) {
    std::string lines;
    for (int li : region->furniture_lines) lines += " " + std::to_string(doc.lines[li].line_no);
    table.notes.push_back("page furniture skipped at line(s)" + lines);
  }
  size_t n_names = 0;
  for (const ColumnPart& p : parts) n_names += p.names.size();
  if (n_names == 0) return Status::NotFound("allocation table has no municipality names");
  const size_t n_columns = parts[0].columns.size();
  if (n_columns < 2 || n_columns > static_cast<size_t>(kColumnCount)) {
    table.alignment_problems.push_back("found " + std::to_string(n_columns) +
                                       " numeric columns; expected regulier, amv and totaal");
  }
  for (const ColumnPart& p : parts) out.part_rows.push_back(p.names.size());
  // Which numeric block is which column: every assignment is a candidate.
  // Each page part has its own block order (OCR may read the columns of page
  // 2 in another order): every combination competes.
  for (const auto& perms : Assignments(parts.size(), n_columns, max_parts_with_own_order))
    out.candidates.push_back(Candidate(table, parts, perms));
  return out;
}

}  // namespace verdeelscan
