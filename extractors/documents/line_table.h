// A small labelled table inside a letter, read from TextLines: a header line
// naming the columns ("Wettelijke taak | Realisatie per 1-7-2025") and rows
// that start with a label and carry one number per column ("Regulier 434
// 174"). The IBT letter's taak/realisatie table is the case in point, but the
// reader knows nothing about IBT: the caller names the column and row cues.
//
// It accepts the layouts such tables arrive in:
//  - tab-separated cells (born-digital text layers, seed 004);
//  - space-aligned columns (pdftotext -layout);
//  - words with boxes (OCR, PDF text layers): columns by x position;
//  - OCR'd lines where a row's label and its numbers sit on consecutive lines
//    ("AMV\n0\n0").
// Column order comes from the header (by box x, by tab cell, by character
// offset), never from the caller's cue order, so "Realisatie | Wettelijke
// taak" is read right. A cell that cannot be placed or read is left without a
// value (and noted), never guessed. Cost: linear in the lines of the range.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_LINE_TABLE_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_LINE_TABLE_H_

#include <optional>
#include <string>
#include <vector>

#include "core/document.h"

namespace verdeelscan {

struct LineTableSpec {
  // One cue per column, matched with FuzzyPattern ("wettelijke taak");
  // "|" separates alternative wordings ("wettelijke taak|opgave").
  std::vector<std::string> column_cues;
  // One cue per row label ("regulier", "amv"). A row whose label matches none
  // is skipped.
  std::vector<std::string> row_cues;
  // How many non-blank lines below the header rows may start.
  int max_lines_after_header = 14;
};

struct LineTableCell {
  std::string raw;            // token as read; "" when absent
  std::optional<long> value;  // parsed; absent when unreadable
  int line = -1;              // 0-based doc line
  std::string note;           // e.g. "glyph l→1" when repaired by the glyph model
};

struct LineTable {
  int header_line = -1;  // 0-based doc line of the (first) header line
  // For each column cue: its printed column index, -1 when not in the header.
  std::vector<int> column_of_cue;
  // cells[row_cue][column_cue]; a row that was not found has no values.
  std::vector<std::vector<LineTableCell>> cells;
  std::vector<int> row_line;  // doc line of each row cue's label, -1 if absent
  std::vector<std::string> notes;
  std::string layout;  // "tabs", "boxes", "aligned", "tokens", "stacked"
};

// Finds the table in doc.lines[first..last] (0-based, inclusive). Nothing
// when no header carries at least two of the column cues.
std::optional<LineTable> ReadLineTable(const TextDocument& doc, int first, int last,
                                       const LineTableSpec& spec);

// The same cells written as labelled values, one per line: "Wettelijke taak
// regulier 434", "Realisatie regulier 174" (short letters, OCR'd forms). A
// line counts when its label names exactly one column cue and one row cue and
// one number follows. layout is "labelled"; nothing when no line qualifies.
std::optional<LineTable> ReadLabelledValues(const TextDocument& doc, int first, int last,
                                            const LineTableSpec& spec);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_LINE_TABLE_H_
