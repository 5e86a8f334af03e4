// A table dumped row by row ("Almelo 468 0 468" per line), over any number of
// pages.
#include <algorithm>
#include <cctype>
#include <map>

#include "extractors/tables/dump_reader.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace verdeelscan::dump_reader {
namespace {

// The shape most rows have: how many numbers, and how many of them before the
// name.
struct RowShape {
  size_t width = 0;
  int name_pos = 0;
};

RowShape CommonShape(const std::vector<Item*>& rows) {
  RowShape shape;
  // The width is the number of numbers most rows have; a row with more may
  // hold a number split by a lost thousands separator ("Amsterdam 4 100 379
  // 4 479").
  std::map<size_t, int> widths;
  for (const Item* r : rows) ++widths[r->numbers.size()];
  size_t& width = shape.width;
  for (const auto& [w, count] : widths) {
    if (width == 0 || count > widths[width] || (count == widths[width] && w > width)) width = w;
  }
  std::map<int, int> positions;
  for (const Item* r : rows) ++positions[r->name_pos];
  shape.name_pos = rows.front()->name_pos;
  for (const auto& [pos, count] : positions) {
    if (count > positions[shape.name_pos]) shape.name_pos = pos;
  }
  return shape;
}

// Where most rows have their name. A row that does not fit that shape may
// have a damaged number read as part of its name ("o Leusden 0 0" where rows
// read "47 Amersfoort 65 18"; "Midden-Drenthe B" where they end in their
// amv), or a short name read as damaged numbers ("66 6r Aa en Hunze 5": "Aa"
// looks like "88"). The row's tokens are split again in the common shape when
// every token that becomes a number is made only of digit glyphs, and every
// token that becomes part of the name has no digit and the name is then a
// municipality.
void ReshapeRows(const std::vector<Item*>& rows, const RowShape& shape, std::string_view province,
                 std::vector<std::string>& notes) {
  const size_t width = shape.width;
  const int name_pos = shape.name_pos;
  // The common position and the common width are two separate majorities
  // and may describe a shape no row has (most rows with three numbers before
  // the name, most rows with two numbers: a sideways page read as text). No
  // row can be split into a shape whose name comes after all its numbers.
  if (static_cast<size_t>(name_pos) > width) return;
  for (Item* r : rows) {
    if (r->name_pos == name_pos && r->numbers.size() == width) continue;
    std::vector<std::string> tokens(r->numbers.begin(), r->numbers.begin() + r->name_pos);
    const size_t name_begin = tokens.size();
    for (std::string& w : Words(r->text)) tokens.push_back(std::move(w));
    const size_t name_end = tokens.size();
    tokens.insert(tokens.end(), r->numbers.begin() + r->name_pos, r->numbers.end());
    if (tokens.size() <= width) continue;
    const size_t new_begin = static_cast<size_t>(name_pos);
    const size_t new_end = tokens.size() - (width - new_begin);
    if (new_end <= new_begin) continue;
    bool ok = true, into_name = false;
    for (size_t i = 0; i < tokens.size() && ok; ++i) {
      const bool was_name = i >= name_begin && i < name_end;
      const bool is_name = i >= new_begin && i < new_end;
      if (was_name && !is_name)
        ok = IsNilDash(tokens[i]) || (tokens[i].size() <= 3 && GlyphsOnly(tokens[i]));
      if (!was_name && is_name) {
        into_name = true;
        ok = std::none_of(tokens[i].begin(), tokens[i].end(),
                          [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      }
    }
    std::string name;
    for (size_t i = new_begin; i < new_end; ++i) name += (name.empty() ? "" : " ") + tokens[i];
    if (!ok || (into_name && !MatchMunicipality(name, province).municipality)) continue;
    r->numbers.assign(tokens.begin(), tokens.begin() + new_begin);
    r->numbers.insert(r->numbers.end(), tokens.begin() + new_end, tokens.end());
    r->name_pos = name_pos;
    r->text = name;
    notes.push_back("line " + std::to_string(r->line_no) +
                    (into_name ? ": a name read as damaged numbers, moved back"
                               : ": a damaged number read as part of the name, moved back"));
  }
}

// A row with more numbers than the common width: a number split by a space.
void GlueRowNumbers(const std::vector<Item*>& rows, size_t width, std::vector<std::string>& notes) {
  for (Item* r : rows) {
    if (r->numbers.size() <= width) continue;
    if (auto g = GlueThousands(r->numbers, width)) {
      r->numbers = *g;
      notes.push_back("line " + std::to_string(r->line_no) +
                      ": numbers split by a space read as thousands");
    } else if (auto j = JoinSplitNumber(r->numbers, width)) {
      notes.push_back("line " + std::to_string(r->line_no) + ": '" + j->second +
                      "' read as one number split by a space (only that join makes the "
                      "row add up)");
      r->numbers = j->first;
    }
  }
}

// Column hints from the header line's word order.
std::vector<std::set<int>> HeaderHints(const std::vector<Item>& items, size_t width) {
  std::vector<std::set<int>> hints(width);
  for (const Item& it : items) {
    if (it.kind != Item::kHeader) continue;
    std::vector<int> order;
    for (HeaderWord h : it.header) {
      // Several words may name one column ("alleenstaande minderjarige
      // vreemdelingen (amv)").
      if (HintColumn(h) >= 0 && (order.empty() || order.back() != HintColumn(h)))
        order.push_back(HintColumn(h));
    }
    if (order.size() == width) {
      for (size_t k = 0; k < width; ++k) hints[k] = {order[k]};
    }
  }
  return hints;
}

// Name parts on lines of their own, joined to the row below or above.
struct NameJoins {
  std::map<int, std::string> prefix;  // row line index -> name part before it
  std::map<int, std::string> suffix;  // row line index -> name part after it
};

// Between the first and the last row, a line that is not a row means a row
// was broken or lost by the OCR: the rows cannot be trusted to be all.
void UnreadLinesAmongRows(const TextDocument& doc, const Region& region, int first_row,
                          int last_row, std::vector<std::string>& problems) {
  // A line there that was not read at all (taken for prose) may be a row.
  // Page furniture was read, and skipped.
  std::set<int> read = region.furniture_lines;
  for (const Item& it : region.items) read.insert(it.line_index);
  for (int li = first_row; li <= last_row; ++li) {
    const std::string& t = doc.lines[li].text;
    if (read.count(li) || !HasAlnum(t)) continue;
    problems.push_back("line " + std::to_string(doc.lines[li].line_no) + " ('" + Trim(t) +
                       "') lies among the rows but could not be read");
  }
}

// A name broken over two lines: the part on a line of its own joins the row
// below ("De Ronde" / "Venen 319 42 361", "Hengelo" / "(O. ) 425 0 425") or
// above ("Hollands 80 12 92" / "Kroon") when only the joined name is a
// municipality of the province. Any other line among the rows is a problem.
NameJoins JoinNamesToRows(const std::vector<Item>& items, int first_row, int last_row,
                          std::string_view province, std::vector<std::string>& problems) {
  NameJoins j;
  auto joins = [&](const std::string& joined, const std::string& row_name) {
    if (!MatchMunicipality(joined, province).municipality) return false;
    const NameMatch alone = MatchMunicipality(row_name, province);
    return !alone.municipality || alone.cost > 0;
  };
  for (size_t k = 0; k < items.size(); ++k) {
    const Item& it = items[k];
    if (it.kind == Item::kRow || it.kind == Item::kHeader) continue;
    if (it.kind == Item::kName && IsTotalLabel(it.text)) continue;
    if (it.kind == Item::kName && k + 1 < items.size() && items[k + 1].kind == Item::kRow &&
        !j.prefix.count(items[k + 1].line_index) &&
        ((!items[k + 1].text.empty() && items[k + 1].text[0] == '(') ||
         joins(it.text + " " + items[k + 1].text, items[k + 1].text))) {
      j.prefix[items[k + 1].line_index] = it.text;
      continue;
    }
    if (it.kind == Item::kName && k > 0 && items[k - 1].kind == Item::kRow &&
        !j.suffix.count(items[k - 1].line_index) &&
        joins(items[k - 1].text + " " + it.text, items[k - 1].text)) {
      j.suffix[items[k - 1].line_index] = it.text;
      continue;
    }
    if (it.line_index < first_row || it.line_index > last_row) continue;
    problems.push_back("line " + std::to_string(it.line_no) + " ('" + it.text +
                       "') lies among the rows but is not a row");
  }
  return j;
}

// The rows into the part's names and columns (the Totaal row apart).
void FillPart(const std::vector<Item*>& rows, const RowShape& shape, const NameJoins& joins,
              ColumnPart& part, std::vector<std::string>& problems) {
  const size_t width = shape.width;
  for (const Item* r : rows) {
    if (r->name_pos != shape.name_pos) {
      problems.push_back("line " + std::to_string(r->line_no) +
                         " has its name in another position than the first row");
    }
  }
  for (const Item* r : rows) {
    std::vector<NumberCell> cells;
    for (const std::string& n : r->numbers) cells.push_back({n, r->line_index, r->line_no});
    if (cells.size() != width) {
      problems.push_back("line " + std::to_string(r->line_no) + " has " +
                         std::to_string(cells.size()) + " numbers, other rows " +
                         std::to_string(width));
      cells.resize(width, NumberCell{"", r->line_index, r->line_no});
    }
    if (IsTotalLabel(r->text)) {
      part.total_cells = cells;
      continue;
    }
    std::string name = r->text;
    if (auto p = joins.prefix.find(r->line_index); p != joins.prefix.end())
      name = p->second + " " + name;
    if (auto p = joins.suffix.find(r->line_index); p != joins.suffix.end()) name += " " + p->second;
    part.names.push_back({name, r->line_index, r->line_no});
    for (size_t k = 0; k < width; ++k) part.columns[k].push_back(cells[k]);
  }
}

}  // namespace

ColumnPart ReadRowWise(const TextDocument& doc, const Region& region, std::string_view province,
                       RawTable& table) {
  const std::vector<Item>& items = region.items;
  ColumnPart part;
  // Copies: a row's numbers and name may be mended below.
  std::vector<Item> row_items;
  for (const Item& it : items) {
    if (it.kind == Item::kRow) row_items.push_back(it);
  }
  std::vector<Item*> rows;
  for (Item& r : row_items) rows.push_back(&r);
  table.notes.push_back("row-wise dump: " + std::to_string(rows.size()) + " rows");
  const RowShape shape = CommonShape(rows);
  ReshapeRows(rows, shape, province, table.notes);
  GlueRowNumbers(rows, shape.width, table.notes);
  part.columns.assign(shape.width, {});
  part.hints = HeaderHints(items, shape.width);
  const int first_row = rows.front()->line_index, last_row = rows.back()->line_index;
  UnreadLinesAmongRows(doc, region, first_row, last_row, table.alignment_problems);
  const NameJoins joins =
      JoinNamesToRows(items, first_row, last_row, province, table.alignment_problems);
  FillPart(rows, shape, joins, part, table.alignment_problems);
  return part;
}

}  // namespace verdeelscan::dump_reader
