// A table dumped column by column: a block of names and blocks of numbers, in
// any order, page part by page part.
#include <algorithm>
#include <climits>
#include <cstdint>

#include "extractors/tables/columns.h"
#include "extractors/tables/dump_reader.h"
#include "validators/glyph_model.h"

namespace verdeelscan::dump_reader {
namespace {

struct Block {
  std::vector<NumberCell> cells;
  std::set<int> hints;  // columns named by the header right before the block
};

// What the items of one page part hold, before its blocks are cut into columns.
struct PartItems {
  std::vector<NameEntry> name_parts;
  std::vector<Block> blocks;
  std::optional<std::vector<std::string>> total_row;  // "Totaal 5787 538 6325" on one line
  bool total_label = false;
  size_t ambiguous_total_block = SIZE_MAX;  // the block a row label may have mis-hinted
};

PartItems CollectPartItems(const std::vector<Item>& items, size_t begin, size_t end,
                           std::vector<std::string>& problems) {
  PartItems p;
  std::set<int> pending_hints;
  bool last_was_number = false;
  for (size_t k = begin; k < end; ++k) {
    const Item& it = items[k];
    switch (it.kind) {
      case Item::kHeader:
        // A line of filler words ("opvangplaatsen" under "Amv-") continues
        // the header above it; a line naming a column starts a new one.
        if (std::any_of(it.header.begin(), it.header.end(),
                        [](HeaderWord h) { return HintColumn(h) >= 0; }))
          pending_hints.clear();
        for (HeaderWord h : it.header) {
          if (HintColumn(h) >= 0) pending_hints.insert(HintColumn(h));
        }
        last_was_number = false;
        break;
      case Item::kNumbers:
        if (!last_was_number) {
          p.blocks.push_back(Block{{}, pending_hints});
          pending_hints.clear();
        }
        for (const std::string& n : it.numbers) {
          p.blocks.back().cells.push_back({n, it.line_index, it.line_no});
        }
        last_was_number = true;
        break;
      case Item::kName:
        if (IsTotalLabel(it.text)) {
          // "Totaal" after names labels the sum row; before numbers it heads a column.
          // After names it may also head the next block: the block sizes
          // decide below (n names, or n names + a Totaal row).
          if (!p.name_parts.empty() && !last_was_number) {
            p.total_label = true;
            p.ambiguous_total_block = p.blocks.size();
          }
          pending_hints = {kTotaal};
        } else if (!p.total_label) {
          p.name_parts.push_back({it.text, it.line_index, it.line_no});
        }
        last_was_number = false;
        break;
      case Item::kRow:
        // A name with its numbers on one line, in a table dumped by column:
        // the table's own Totaal row, or something no block accounts for.
        if (IsTotalLabel(it.text) && !p.total_row) {
          p.total_row = it.numbers;
        } else {
          problems.push_back("line " + std::to_string(it.line_no) + " ('" + it.text +
                             "' with numbers) does not fit a table dumped column by column");
        }
        last_was_number = false;
        break;
    }
  }
  return p;
}

// A line of two numbers in a block may be one number split by a lost
// thousands separator ("4 479"): in a column dump one line is one cell.
void GlueBlockThousands(std::vector<Block>& blocks, size_t n, std::vector<std::string>& notes) {
  for (Block& b : blocks) {
    if (n == 0) continue;
    std::vector<NumberCell> glued;
    std::vector<std::string> glue_notes;
    for (size_t k = 0; k < b.cells.size();) {
      size_t e = k;
      while (e < b.cells.size() && b.cells[e].line_index == b.cells[k].line_index) ++e;
      std::vector<std::string> line;
      for (size_t j = k; j < e; ++j) line.push_back(b.cells[j].text);
      if (auto one = GlueThousands(line, 1); line.size() == 2 && one) {
        glued.push_back({(*one)[0], b.cells[k].line_index, b.cells[k].line_no});
        glue_notes.push_back("line " + std::to_string(b.cells[k].line_no) +
                             ": numbers split by a space read as thousands");
      } else {
        glued.insert(glued.end(), b.cells.begin() + k, b.cells.begin() + e);
      }
      k = e;
    }
    if (glued.size() != b.cells.size() && (glued.size() % n == 0 || glued.size() % (n + 1) == 0)) {
      b.cells = std::move(glued);
      notes.insert(notes.end(), glue_notes.begin(), glue_notes.end());
    }
  }
}

// "Totaal" right after the names: a Totaal row only if every block has room
// for it (n + 1 numbers per column) and not otherwise.
bool TotalLabelStands(const std::vector<Block>& blocks, size_t n) {
  auto fits = [&](size_t per) {
    if (per == 0 || blocks.empty()) return false;
    for (const Block& b : blocks)
      if (b.cells.size() % per != 0) return false;
    return true;
  };
  return !(fits(n) && !fits(n + 1));
}

// Cuts each block into columns of `per_column` cells (a block may hold
// several columns dumped one after the other).
void CutBlocks(const std::vector<Block>& blocks, size_t n, bool total_label, ColumnPart& part,
               std::vector<std::string>& problems) {
  const size_t per_column = n + (total_label ? 1 : 0);
  for (const Block& b : blocks) {
    if (per_column == 0 || b.cells.size() % per_column != 0) {
      problems.push_back("a block of " + std::to_string(b.cells.size()) + " numbers (line " +
                         std::to_string(b.cells.front().line_no) + ") does not fit " +
                         std::to_string(n) + " names" + (total_label ? " and a Totaal row" : ""));
      continue;
    }
    for (size_t k = 0; k < b.cells.size() / per_column; ++k) {
      part.columns.emplace_back(b.cells.begin() + k * per_column,
                                b.cells.begin() + (k + 1) * per_column);
      part.hints.push_back(b.cells.size() == per_column ? b.hints : std::set<int>{});
    }
  }
  if (total_label) {
    part.total_cells.emplace();
    for (auto& col : part.columns) {
      part.total_cells->push_back(col.back());
      col.pop_back();
    }
  }
}

// A Totaal row on one line. Its numbers are in the page's column order, which
// the blocks' dump order need not follow: they are labelled by their own
// arithmetic (totaal = the sum of the other two, amv the smaller of those).
void ReadTotalRowLine(const std::vector<Item>& items, size_t begin, size_t end,
                      const std::vector<std::string>& total_row, ColumnPart& part,
                      std::vector<std::string>& problems) {
  const Item* row = nullptr;
  for (size_t k = begin; k < end && !row; ++k) {
    if (items[k].kind == Item::kRow && IsTotalLabel(items[k].text)) row = &items[k];
  }
  std::vector<long> v;
  for (const std::string& t : total_row) {
    if (auto r = BestReading(t)) v.push_back(r->value);
  }
  int tot = -1, found = 0;
  if (v.size() == static_cast<size_t>(kColumnCount) && !part.total_cells) {
    for (int k = 0; k < kColumnCount; ++k) {
      if (v[k] == v[(k + 1) % kColumnCount] + v[(k + 2) % kColumnCount]) {
        tot = k;
        ++found;
      }
    }
  }
  const int x = (tot + 1) % kColumnCount, y = (tot + 2) % kColumnCount;
  if (found != 1 || v[x] == v[y]) {
    problems.push_back("line " + std::to_string(row->line_no) +
                       ": a Totaal row whose numbers cannot be told apart");
    return;
  }
  const int amv = v[x] < v[y] ? x : y, regulier = amv == x ? y : x;
  part.total_cells.emplace(kColumnCount);
  part.total_in_column_order = true;
  auto cell = [&](int k) { return NumberCell{total_row[k], row->line_index, row->line_no}; };
  (*part.total_cells)[kRegulier] = cell(regulier);
  (*part.total_cells)[kAmv] = cell(amv);
  (*part.total_cells)[kTotaal] = cell(tot);
}

// Whether items [b, e) hold names and numbers of their own (a page part).
bool CompletePart(const std::vector<Item>& items, size_t b, size_t e) {
  bool has_name = false, has_numbers = false;
  for (size_t k = b; k < e; ++k) {
    has_name = has_name || (items[k].kind == Item::kName && !IsTotalLabel(items[k].text));
    has_numbers = has_numbers || items[k].kind == Item::kNumbers;
  }
  return has_name && has_numbers;
}

}  // namespace

ColumnPart ReadColumnPart(const std::vector<Item>& items, size_t begin, size_t end,
                          std::string_view province, std::vector<std::string>& problems) {
  PartItems p = CollectPartItems(items, begin, end, problems);
  ColumnPart part;
  part.names = JoinNames(p.name_parts, province);
  const size_t n = part.names.size();
  GlueBlockThousands(p.blocks, n, part.notes);
  if (p.total_label) p.total_label = TotalLabelStands(p.blocks, n);
  if (p.total_label && p.ambiguous_total_block < p.blocks.size()) {
    p.blocks[p.ambiguous_total_block].hints.erase(kTotaal);  // it labelled the row
  }
  CutBlocks(p.blocks, n, p.total_label, part, problems);
  if (p.total_row) ReadTotalRowLine(items, begin, end, *p.total_row, part, problems);
  return part;
}

std::vector<ColumnPart> ReadColumnParts(const Region& region, std::string_view province,
                                        RawTable& table) {
  const std::vector<Item>& items = region.items;
  // One part per page: a part needs names and numbers of its own, so
  // furniture before the table's end, or a page with only a Totaal row,
  // does not split it.
  std::vector<size_t> bounds{0};
  for (size_t k : region.part_starts) {
    if (k > bounds.back() && k < items.size()) bounds.push_back(k);
  }
  bounds.push_back(items.size());
  for (size_t k = 1; k + 1 < bounds.size();) {
    if (!CompletePart(items, bounds[k - 1], bounds[k]) ||
        !CompletePart(items, bounds[k], bounds[k + 1])) {
      bounds.erase(bounds.begin() + k);
    } else {
      ++k;
    }
  }
  std::vector<ColumnPart> parts;
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    parts.push_back(
        ReadColumnPart(items, bounds[k], bounds[k + 1], province, table.alignment_problems));
  }
  std::string shape = "column-wise dump: ";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (parts.size() > 1)
      shape += (k ? "; page part " : "page part ") + std::to_string(k + 1) + ": ";
    shape += std::to_string(parts[k].names.size()) + " names, " +
             std::to_string(parts[k].columns.size()) + " numeric columns";
  }
  table.notes.push_back(shape);
  for (const ColumnPart& p : parts)
    table.notes.insert(table.notes.end(), p.notes.begin(), p.notes.end());
  for (size_t k = 0; k + 1 < parts.size(); ++k) {
    if (parts[k].total_cells) {
      table.alignment_problems.push_back("a Totaal row before the last page part of the table");
    }
  }
  for (size_t k = 1; k < parts.size(); ++k) {
    if (parts[k].columns.size() != parts[0].columns.size()) {
      table.alignment_problems.push_back(
          "page part " + std::to_string(k + 1) + " has " + std::to_string(parts[k].columns.size()) +
          " numeric columns, the first part " + std::to_string(parts[0].columns.size()));
      parts.resize(1);  // the other parts cannot be aligned; the record goes to review
      break;
    }
  }
  return parts;
}

}  // namespace verdeelscan::dump_reader
