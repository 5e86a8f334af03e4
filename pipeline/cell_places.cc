#include "pipeline/cell_places.h"

#include <algorithm>

namespace verdeelscan {

CellProvenance UnreadCellPlace(const RawTable& table, size_t i, int c) {
  CellProvenance where;
  BBox row;
  for (const RawCell& other : table.rows[i].cells) {
    if (!other.present || other.where.box.empty()) continue;
    if (row.empty()) {
      row = other.where.box;
      where.page = other.where.page;
    } else if (other.where.page == where.page) {
      row.y0 = std::min(row.y0, other.where.box.y0);
      row.y1 = std::max(row.y1, other.where.box.y1);
    }
  }
  // A row none of whose numbers was read: its name gives the line.
  const RawCell& name = table.rows[i].name;
  if (row.empty() && name.present && !name.where.box.empty()) {
    row = name.where.box;
    where.page = name.where.page;
  }
  if (row.empty()) return where;
  BBox column;
  for (const RawRow& r : table.rows) {
    const RawCell& cell = r.cells[c];
    if (!cell.present || cell.where.box.empty() || cell.where.page != where.page) continue;
    if (column.empty()) column = cell.where.box;
    column.x0 = std::min(column.x0, cell.where.box.x0);
    column.x1 = std::max(column.x1, cell.where.box.x1);
  }
  if (column.empty()) return where;
  where.box = BBox{column.x0, row.y0, column.x1, row.y1};
  where.confidence = 0;
  return where;
}

CellProvenance RereadPlace(const RawTable& table, size_t i, int c) {
  const RawCell& cell = table.rows[i].cells[c];
  const bool read = cell.present && !cell.where.box.empty();
  CellProvenance where = read ? cell.where : UnreadCellPlace(table, i, c);
  if (where.box.empty()) return where;
  auto usable = [&](const RawCell& o) {
    return o.present && !o.where.box.empty() && o.where.page == where.page;
  };
  const BBox own = where.box;
  // The column around the cell: neighbours that overlap it across.
  BBox column = own;
  int height = 0;  // the tallest neighbour: a whole number's height
  const size_t lo = i >= 2 ? i - 2 : 0, hi = std::min(table.rows.size(), i + 3);
  for (size_t k = lo; k < hi; ++k) {
    const RawCell& n = table.rows[k].cells[c];
    if (k == i || !usable(n)) continue;
    if (std::min(own.x1, n.where.box.x1) <= std::max(own.x0, n.where.box.x0)) continue;
    column.x0 = std::min(column.x0, n.where.box.x0);
    column.x1 = std::max(column.x1, n.where.box.x1);
    height = std::max(height, n.where.box.y1 - n.where.box.y0);
  }
  // A cell read at a number's height keeps its own box, damaged or not
  // ("Zn" for 74 re-read from the whole column lost its 4 to the blank
  // beside it): only a box lower than its neighbours' numbers is a part.
  if (read && (own.y1 - own.y0) * 5 >= height * 4) return where;
  BBox& b = where.box;
  b.x0 = column.x0;
  b.x1 = column.x1;
  for (const RawCell& o : table.rows[i].cells) {
    if (!usable(o)) continue;
    if (std::min(own.y1, o.where.box.y1) <= std::max(own.y0, o.where.box.y0)) continue;
    b.y0 = std::min(b.y0, o.where.box.y0);
    b.y1 = std::max(b.y1, o.where.box.y1);
  }
  // A box lower than a whole number (a part, or a row placed from one) grows
  // about its middle to the neighbours' height.
  if (const int grow = height - (b.y1 - b.y0); grow > 0) {
    b.y0 -= grow / 2 + grow % 2;
    b.y1 += grow / 2;
  }
  return where;
}

}  // namespace verdeelscan
