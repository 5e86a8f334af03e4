// The stages of the text dump reader (table_dump.h), shared by its files and
// its tests; not for use elsewhere.
//
//   dump_lines.cc    words and lines: what a line of the dump is (header,
//                    numbers, a name, a whole row), names broken over lines,
//                    numbers broken by a space, page furniture;
//   dump_region.cc   where the table lies: its first and last line, its items,
//                    the page parts it runs over;
//   dump_rows.cc     a table dumped row by row;
//   dump_columns.cc  a table dumped column by column, one page part at a time;
//   table_dump.cc    the candidate readings (every column assignment) of the
//                    parts, with their evidence.
#ifndef VERDEELSCAN_EXTRACTORS_TABLES_DUMP_READER_H_
#define VERDEELSCAN_EXTRACTORS_TABLES_DUMP_READER_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"
#include "extractors/tables/columns.h"
#include "extractors/tables/raw_table.h"

namespace verdeelscan::dump_reader {

// --- words (dump_lines.cc) ---

std::vector<std::string> Words(const std::string& s);
// False for an empty line or one of stray rulings and punctuation ("|", ",").
bool HasAlnum(std::string_view s);
// The words that carry something (no cell separators or stray punctuation).
std::vector<std::string> ContentWords(const std::string& s);
std::string Trim(const std::string& s);
// "Artikel II" (or a damaged "Artike1") ends the table's article.
bool StartsWithArtikel(const std::vector<std::string>& content_words);
// The reference number under "Kenmerk" on a continuation page.
bool IsReferenceNumber(const std::vector<std::string>& content_words);
// Header words of a line, or empty when the line is not a header line.
std::vector<HeaderWord> HeaderLine(const std::string& line);
// The column a header word names, or -1.
int HintColumn(HeaderWord h);
// A token made only of digits and digit-like glyphs ("o", "Lg", "5g").
bool GlyphsOnly(const std::string& token);
// The label of the table's own Totaal row.
bool IsTotalLabel(const std::string& text);
// A line that is nothing but a continuation page's furniture.
bool IsPageFurniture(const std::string& text);

// --- lines (dump_lines.cc) ---

// One meaningful line of the table region.
struct Item {
  enum Kind { kHeader, kNumbers, kName, kRow } kind;
  std::string text;                  // name or whole line
  std::vector<std::string> numbers;  // kNumbers, kRow
  std::vector<HeaderWord> header;    // kHeader
  int line_index;                    // index into doc.lines
  int line_no;
  int name_pos;  // kRow: how many numbers precede the name
};

// Classifies a line; nullopt for a line that ends the table (prose).
std::optional<Item> ClassifyLine(const TextLine& line, int index);

// A name possibly continued on the next line(s).
struct NameEntry {
  std::string text;
  int line_index, line_no;
};
// Joins continuation lines into names ("Hof van" + "Twente").
std::vector<NameEntry> JoinNames(const std::vector<NameEntry>& parts, std::string_view province);

struct NumberCell {
  std::string text;
  int line_index, line_no;
};
RawCell MakeCell(const NumberCell& n);

// "Emmen 210 20 2 30": the one join of two tokens that makes the row add up,
// with the join as printed.
std::optional<std::pair<std::vector<std::string>, std::string>> JoinSplitNumber(
    const std::vector<std::string>& numbers, size_t want);
// "4 479": pairs glued back into thousands until `want` tokens remain.
std::optional<std::vector<std::string>> GlueThousands(const std::vector<std::string>& numbers,
                                                      size_t want);

// --- the region (dump_region.cc) ---

struct Region {
  int start = -1;           // index into doc.lines of the table's first line
  std::vector<Item> items;  // the table's lines, in order
  // Page furniture inside the region: the table runs over several pages, and
  // a new part may start at items[k] for every k in part_starts.
  std::set<int> furniture_lines;
  std::set<size_t> part_starts;
  // Doubts about the region's ends (a row left out above or below).
  std::vector<std::string> alignment_problems;
};

// The table within doc.lines[first..last]; nullopt when there is none.
std::optional<Region> FindRegion(const TextDocument& doc, int first, int last,
                                 std::string_view province);

// --- parts (dump_rows.cc, dump_columns.cc) ---

// One page's part of an allocation table as dumped: its names in order, its
// numeric columns in dump order with the columns named by the header right
// before each, and the Totaal row if the part ends with one. A table on one
// page is one part; a row-wise dump is always one part.
struct ColumnPart {
  std::vector<NameEntry> names;
  std::vector<std::vector<NumberCell>> columns;
  std::vector<std::set<int>> hints;
  std::optional<std::vector<NumberCell>> total_cells;
  // total_cells indexed by column (regulier, amv, totaal), not by block.
  bool total_in_column_order = false;
  std::vector<std::string> notes;  // how the part was read, for review
};

// A table dumped row by row, over any number of pages. Notes and alignment
// problems go to `table`.
ColumnPart ReadRowWise(const TextDocument& doc, const Region& region, std::string_view province,
                       RawTable& table);

// A table dumped column by column, items [begin, end) of one page.
ColumnPart ReadColumnPart(const std::vector<Item>& items, size_t begin, size_t end,
                          std::string_view province, std::vector<std::string>& problems);

// The page parts of a column-wise dump, each read; notes and problems about
// how they fit together go to `table`.
std::vector<ColumnPart> ReadColumnParts(const Region& region, std::string_view province,
                                        RawTable& table);

}  // namespace verdeelscan::dump_reader

#endif  // VERDEELSCAN_EXTRACTORS_TABLES_DUMP_READER_H_
