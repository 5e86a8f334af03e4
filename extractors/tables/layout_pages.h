// The pages of the layout reader (table_layout.h): positioned words into
// deskewed visual rows, header words, and the header band. Shared by
// layout_pages.cc and table_layout.cc; not for use elsewhere.
#ifndef VERDEELSCAN_EXTRACTORS_TABLES_LAYOUT_PAGES_H_
#define VERDEELSCAN_EXTRACTORS_TABLES_LAYOUT_PAGES_H_

#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "extractors/tables/columns.h"

namespace verdeelscan::layout_reader {

// ASCII letters plus accented Latin letters.
int CountLetters(const std::string& s);
// Ruling remnants and stray marks that carry no text at all: "|", "_", "„".
bool IsJunk(const std::string& s);
// A header word of columns.h, at this reader's tolerance.
HeaderWord ClassifyHeaderWord(const std::string& word);
// The column kind (columns.h) a header word names, or kUnknownColumn.
int HeaderKind(HeaderWord h);
// The label of a Totaal row.
bool IsTotalLabel(const std::string& name);

template <typename W>
std::string FirstRealWord(const std::vector<W>& words) {
  // The first word of three or more letters: a speck read as "Oe" may stand
  // before "Totaal".
  for (const auto& w : words)
    if (CountLetters(w->word->text) >= 3) return w->word->text;
  return words.empty() ? std::string() : words.front()->word->text;
}

// A word positioned on its page, its coordinates corrected for the page's
// skew (the reported boxes stay as read).
struct PWord {
  const Word* word = nullptr;
  int line_no = 0;
  double x0 = 0, x1 = 0, yc = 0, h = 0;  // yc: centre, skew removed
  double xc() const { return (x0 + x1) / 2; }
};

// Words that share a baseline (after skew correction), left to right.
struct VRow {
  std::vector<const PWord*> words;
  double y = 0;  // mean corrected centre
};

struct Page {
  int page = 1;
  double height = 0;  // pixels; for the header and footer zones
  double slope = 0;   // dy/dx of text lines (skew)
  double h = 0;       // median word height
  std::vector<PWord> words;
  std::vector<VRow> rows;
};

double Median(std::vector<double> v);
// Pages of the range with their words, skew and visual rows.
std::vector<Page> BuildPages(const TextDocument& doc, int first, int last);

struct HeaderColumn {
  int kind = kUnknownColumn;
  double x0 = 0, x1 = 0;  // header words, later widened by the numbers below
  // Where the column's numbers lie (empty until known): neighbouring header
  // words may touch, the numbers of two columns never do.
  double nx0 = 0, nx1 = -1;
  // The centre of the word that named the column: its place in the header's
  // order. x0..x1 may grow by an "opvangplaatsen" that OCR ran together over
  // two columns; this does not.
  double key_x = 0;
  double xc() const { return (x0 + x1) / 2; }
  bool has_numbers() const { return nx1 >= nx0; }
};

// How far down (in word heights) a header band reaches from its first line:
// four lines, as a header whose words are broken over three lines in a cell
// ("Reguliere / opvang- / plaatsen") with "Gemeente" and "Totaal" on the
// last has.
inline constexpr double kHeaderBandHeight = 5.0;

struct Header {
  int first_row = 0, last_row = 0;    // visual rows of the page
  std::vector<HeaderColumn> columns;  // gemeente (if read) and number columns
  std::vector<std::string> notes;
};

// A word this reader takes for a number: a clean or damaged number ("[:]"),
// or one glyph that the glyph model reads cheaply as a digit ("o", "l", "B").
bool NumberLike(const std::string& t);

// A number every damaged glyph of which the recogniser read as an upper-case
// look-alike letter ("LIS1" and "LSI" for 1.151 on a light photocopy), each
// glyph read cheaply as one digit. Under a number column it is a number to
// repair, not a word of prose that ends the table.
bool GlyphNumber(const std::string& t);

// The table's columns below the header hd on page hp: the number columns
// where the numbers stand over many rows, named by the header's words in
// order (left to right), and the header's gemeente column. Notes say how;
// problems what could not be placed with certainty.
std::vector<HeaderColumn> ColumnsFromNumbers(const std::vector<Page>& pages, int hp,
                                             const Header& hd, std::vector<std::string>* notes,
                                             std::vector<std::string>* problems);

bool HasColumn(const Header& h, int kind);
// Header words of a visual row; nullopt when the row holds other words.
std::optional<std::vector<HeaderWord>> HeaderRow(const VRow& row);
// Tries a header band starting at visual row r of the page.
std::optional<Header> TryHeader(const Page& page, int r);

}  // namespace verdeelscan::layout_reader

#endif  // VERDEELSCAN_EXTRACTORS_TABLES_LAYOUT_PAGES_H_
