#include "extractors/documents/line_table.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "core/utf8.h"
#include "extractors/documents/dates.h"
#include "extractors/documents/letter_text.h"
#include "validators/glyph_model.h"

namespace verdeelscan {
namespace {

// One token of a line with a position on the column axis: a box centre (x),
// a tab-cell index, or a character centre, depending on the layout.
struct Token {
  std::string text;
  size_t begin = 0, end = 0;  // byte range in the line text
  double pos = 0;
};

enum class Axis { kNone, kBoxes, kTabs, kChars };

bool HasBoxes(const TextLine& line) {
  if (line.words.empty()) return false;
  for (const Word& w : line.words)
    if (w.box.empty()) return false;
  return true;
}

// Byte ranges of the dates in a line, which are never table numbers
// ("Realisatie per 1-7-2025", "per 1 juli 2025").
std::vector<std::pair<size_t, size_t>> DateRanges(const std::string& text) {
  std::vector<std::pair<size_t, size_t>> out;
  for (const DateMatch& d : FindDutchDates(MendNumericDates(text))) out.push_back({d.begin, d.end});
  return out;
}

bool InRanges(const std::vector<std::pair<size_t, size_t>>& r, size_t b, size_t e) {
  for (const auto& [rb, re] : r)
    if (b < re && e > rb) return true;
  return false;
}

// Tokens of a line on the axis the layout offers. Dates are dropped.
std::vector<Token> Tokenise(const TextLine& line, Axis axis) {
  std::vector<Token> out;
  const std::string& t = line.text;
  auto dates = DateRanges(t);
  if (axis == Axis::kBoxes) {
    size_t from = 0;
    // Without a scan's debris at the line's edges ("AMV 0 0 OO", the "OO"
    // 600 px right of the last cell, read at 0.00).
    for (const Word* word : ReaderWords(line)) {
      const Word& w = *word;
      size_t at = t.find(w.text, from);
      size_t b = at == std::string::npos ? from : at;
      size_t e = b + w.text.size();
      if (at != std::string::npos) from = e;
      if (InRanges(dates, b, e)) continue;
      out.push_back({w.text, b, e, (w.box.x0 + w.box.x1) / 2.0});
    }
    return out;
  }
  int cell = 0;
  for (size_t i = 0; i < t.size();) {
    if (t[i] == '\t') {
      ++cell;
      ++i;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(t[i])) || t[i] == '|' || t[i] == '*') {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < t.size() && t[i] != '\t' && t[i] != '|' && t[i] != '*' &&
           !std::isspace(static_cast<unsigned char>(t[i])))
      ++i;
    if (InRanges(dates, b, i)) continue;
    double pos = axis == Axis::kTabs ? cell : (b + i) / 2.0;
    out.push_back({t.substr(b, i - b), b, i, pos});
  }
  return out;
}

// A table number: digits with O/o and l/I read as 0/1 and thousands dots, or
// a token the glyph model reads as one number at the cost of one glyph
// ("l74", "s0"). Anything else is not a number.
std::optional<long> ReadNumber(std::string_view tok, std::string* note) {
  while (!tok.empty() && (tok.back() == ',' || tok.back() == ';' || tok.back() == ')'))
    tok.remove_suffix(1);
  // A bracket, or a quote a scan glued before the digits ("„0").
  for (bool stripped = true; stripped && !tok.empty();) {
    stripped = false;
    for (std::string_view mark : {"(", "'", "\"", "`", "„", "‚", "“", "‘"}) {
      if (tok.substr(0, mark.size()) == mark) {
        tok.remove_prefix(mark.size());
        stripped = true;
      }
    }
  }
  if (tok.empty()) return std::nullopt;
  bool only_number_chars = true;
  int real = 0;
  for (char c : tok) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++real;
    } else if (!(c == 'O' || c == 'o' || c == 'l' || c == 'I' || c == '.')) {
      only_number_chars = false;
    }
  }
  if (only_number_chars && (real > 0 || tok == "O" || tok == "o")) {
    std::optional<long> v = ParseDutchNumber(tok);
    if (v) {
      // The whole token must have been read ("1.2" is not a table number).
      std::string digits_only;
      for (char c : tok)
        if (c != '.') digits_only += c;
      if (std::to_string(*v).size() <= digits_only.size()) return v;
    }
  }
  if (real > 0 && LooksNumeric(tok)) {
    std::vector<Reading> r = NumberReadings(tok);
    // One glyph repair, and no other reading as cheap: the letter is damage,
    // and which digit it stands for is not in doubt.
    if (!r.empty() && r[0].cost <= 1 && (r.size() < 2 || r[1].cost > r[0].cost)) {
      if (note) *note = r[0].reason;
      return r[0].value;
    }
  }
  return std::nullopt;
}

struct Header {
  int first_line = -1, last_line = -1;
  std::vector<int> rank;    // per cue: printed column index, -1 absent
  std::vector<double> pos;  // per cue: position on the axis
  Axis axis = Axis::kNone;
  int found = 0;
};

// Where the cues of `spec` sit in lines [i, j] taken together.
Header MatchHeader(const TextDocument& doc, int i, int j,
                   const std::vector<std::unique_ptr<RE2>>& cues) {
  Header h;
  h.first_line = i;
  h.last_line = j;
  const size_t n = cues.size();
  h.rank.assign(n, -1);
  h.pos.assign(n, 0);
  const bool single = i == j;
  Axis axis = Axis::kNone;
  if (single && HasBoxes(doc.lines[i])) {
    axis = Axis::kBoxes;
  } else if (single && doc.lines[i].text.find('\t') != std::string::npos) {
    axis = Axis::kTabs;
  } else if (single && doc.lines[i].text.find("  ") != std::string::npos) {
    axis = Axis::kChars;
  } else if (!single) {
    bool boxes = true;
    for (int k = i; k <= j; ++k)
      if (!IsBlankLine(doc.lines[k].text) && !HasBoxes(doc.lines[k])) boxes = false;
    if (boxes) axis = Axis::kBoxes;
  }
  h.axis = axis;
  // (line, offset) of each cue, for the printed order.
  std::vector<std::pair<long, size_t>> where(n, {-1, 0});
  for (size_t c = 0; c < n; ++c) {
    for (int k = i; k <= j; ++k) {
      const std::string& t = doc.lines[k].text;
      re2::StringPiece in(t), m;
      if (!RE2::PartialMatch(in, *cues[c], &m)) continue;
      size_t b = m.data() - t.data(), e = b + m.size();
      where[c] = {k, b};
      ++h.found;
      if (axis == Axis::kBoxes) {
        // Centre of the words the cue covers.
        double x0 = 1e18, x1 = -1e18;
        for (const Token& tok : Tokenise(doc.lines[k], Axis::kBoxes)) {
          if (tok.end <= b || tok.begin >= e) continue;
          x0 = std::min(x0, tok.pos);
          x1 = std::max(x1, tok.pos);
        }
        if (x1 >= x0) h.pos[c] = (x0 + x1) / 2;
      } else if (axis == Axis::kTabs) {
        h.pos[c] = static_cast<double>(std::count(t.begin(), t.begin() + b, '\t'));
      } else {
        h.pos[c] = (b + e) / 2.0;
      }
      break;
    }
  }
  // Printed order: by position when the axis has one, else by reading order.
  std::vector<size_t> order;
  for (size_t c = 0; c < n; ++c)
    if (where[c].first >= 0) order.push_back(c);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (axis != Axis::kNone && axis != Axis::kChars) return h.pos[a] < h.pos[b];
    if (axis == Axis::kChars) return h.pos[a] < h.pos[b];
    return where[a] < where[b];
  });
  for (size_t r = 0; r < order.size(); ++r) h.rank[order[r]] = static_cast<int>(r);
  return h;
}

// The header that starts at line i: on that line, or stacked over up to
// three non-blank lines (a run of short lines that each name a column).
// found < 2 when line i starts none.
Header HeaderAt(const TextDocument& doc, int i, int last,
                const std::vector<std::unique_ptr<RE2>>& col_re,
                const std::vector<std::unique_ptr<RE2>>& row_re) {
  Header h = MatchHeader(doc, i, i, col_re);
  auto cell_line = [&](int k) {
    if (Squash(CleanLine(doc.lines[k].text)).size() > 40) return false;
    return std::any_of(col_re.begin(), col_re.end(),
                       [&](const auto& re) { return RE2::PartialMatch(doc.lines[k].text, *re); });
  };
  if (h.found >= 2 || !cell_line(i)) return h;
  int j = i, taken = 1;
  while (taken < 3 && j < last) {
    ++j;
    if (IsBlankLine(doc.lines[j].text)) continue;
    ++taken;
    if (!cell_line(j)) break;
    // A stacked header never holds a row label followed by numbers.
    if (std::any_of(row_re.begin(), row_re.end(),
                    [&](const auto& re) { return RE2::PartialMatch(doc.lines[j].text, *re); }))
      break;
    Header hh = MatchHeader(doc, i, j, col_re);
    if (hh.found >= 2) return hh;
  }
  return h;
}

std::string LayoutName(const Header& h) {
  switch (h.axis) {
    case Axis::kBoxes:
      return "boxes";
    case Axis::kTabs:
      return "tabs";
    case Axis::kChars:
      return "aligned";
    default:
      return h.first_line == h.last_line ? "tokens" : "stacked";
  }
}

using NumberCells = std::vector<std::pair<Token, LineTableCell>>;

// A row's cells where a scan damaged some beyond reading ("AMV 47 al" for
// 47 and 51, "Regulier 0) 0"): after the label, as many short tokens as the
// table has columns, each a number or a word of at most three characters.
// A damaged one is a cell with its text and no value (its box may be read
// again, pipeline/extract.cc), so that the others keep their columns. Empty
// when the row has no such shape: the label is never a cell, and a longer
// word ("Regulier opvang 12") ends the run.
NumberCells WithDamagedCells(const std::vector<Token>& toks, int k, size_t printed) {
  if (toks.size() < printed + 1) return {};
  NumberCells out;
  bool damaged = false;
  for (size_t t = toks.size() - printed; t < toks.size(); ++t) {
    std::string note;
    std::optional<long> v = ReadNumber(toks[t].text, &note);
    if (!v && Utf8CodePoints(toks[t].text) > 3) return {};
    damaged = damaged || !v;
    out.push_back({toks[t], LineTableCell{toks[t].text, v, k, note}});
  }
  return damaged ? out : NumberCells{};
}

// More numbers than the row has columns, where a scan lost thousands points
// ("Regulier 1 349 809" for 1.349 and 809, lettergen seed 5902, photocopy:
// the "1" was taken as the wettelijke taak; "Regulier 1 263 1 389" for 1.263
// and 1.389, a clean scan of seed 8604: both read as 1, valid). Each extra
// number is one lost point: as many adjacent pairs of a group of 1-3 digits
// and a group of exactly 3, standing closest together and sharing no
// number, become one number each, the correction noted, when each stands at
// most half as far apart as any other two numbers of the row (the space of
// a lost point, not a column's gap). Unchanged otherwise.
void JoinLostThousandsPoints(NumberCells& nums, size_t printed) {
  if (nums.size() <= printed || nums.size() > 2 * printed) return;
  const size_t needed = nums.size() - printed;
  static const RE2 kHead(R"([1-9][0-9]{0,2})");
  static const RE2 kGroup(R"([0-9]{3})");
  auto gap = [&](size_t i) { return std::fabs(nums[i + 1].first.pos - nums[i].first.pos); };
  std::vector<size_t> pairs;  // i: nums[i] and nums[i + 1] may be one number
  for (size_t i = 0; i + 1 < nums.size(); ++i)
    if (RE2::FullMatch(nums[i].first.text, kHead) && RE2::FullMatch(nums[i + 1].first.text, kGroup))
      pairs.push_back(i);
  std::stable_sort(pairs.begin(), pairs.end(), [&](size_t a, size_t b) { return gap(a) < gap(b); });
  std::vector<size_t> chosen;
  for (size_t i : pairs) {
    if (chosen.size() == needed) break;
    const bool overlaps = std::any_of(chosen.begin(), chosen.end(),
                                      [&](size_t c) { return c + 1 == i || i + 1 == c || c == i; });
    if (!overlaps) chosen.push_back(i);
  }
  if (chosen.size() != needed) return;
  double widest = 0, other = 1e18;
  for (size_t i = 0; i + 1 < nums.size(); ++i) {
    const bool joined = std::find(chosen.begin(), chosen.end(), i) != chosen.end();
    if (joined)
      widest = std::max(widest, gap(i));
    else
      other = std::min(other, gap(i));
  }
  if (widest * 2 > other) return;
  std::sort(chosen.rbegin(), chosen.rend());  // erase from the right
  for (size_t i : chosen) {
    LineTableCell& head = nums[i].second;
    const Token& tail = nums[i + 1].first;
    head.note = "thousands point lost between '" + head.raw + "' and '" + tail.text + "'";
    head.raw += " " + tail.text;
    head.value = *head.value * 1000 + *nums[i + 1].second.value;
    nums[i].first.end = tail.end;
    nums.erase(nums.begin() + static_cast<long>(i) + 1);
  }
}

// The numbers of the row labelled on line k: the trailing run of numeric
// tokens (the rest is label), else, when the label stands alone, `printed`
// numbers one per line below it. Sets *axis to kNone for the latter, and
// *last_line to the last line read.
NumberCells RowNumbers(const TextDocument& doc, int k, int last, size_t printed, Axis* axis,
                       int* last_line, bool* stacked_below) {
  const TextLine& line = doc.lines[k];
  std::vector<Token> toks = Tokenise(line, *axis == Axis::kNone ? Axis::kChars : *axis);
  // Marks are no cells: a scan's debris after the last number ("Regulier 345
  // 379 .", "AMV 0 0 ‚") or a ruled table's borders read as "|" between them.
  auto is_mark = [](const Token& t) {
    return std::none_of(t.text.begin(), t.text.end(),
                        [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  };
  toks.erase(std::remove_if(toks.begin(), toks.end(), is_mark), toks.end());
  NumberCells nums;
  for (size_t t = toks.size(); t-- > 0;) {
    std::string note;
    std::optional<long> v = ReadNumber(toks[t].text, &note);
    if (!v) break;
    LineTableCell cell;
    cell.raw = toks[t].text;
    cell.value = v;
    cell.line = k;
    cell.note = note;
    nums.insert(nums.begin(), {toks[t], cell});
  }
  *last_line = k;
  *stacked_below = false;
  JoinLostThousandsPoints(nums, printed);
  if (nums.size() < printed) {
    NumberCells damaged = WithDamagedCells(toks, k, printed);
    if (!damaged.empty()) return damaged;
  }
  if (!nums.empty()) return nums;
  // Row label alone on its line: its numbers follow one per line.
  int m = k + 1;
  NumberCells stacked;
  for (; m <= last && stacked.size() < printed; ++m) {
    if (IsBlankLine(doc.lines[m].text)) continue;
    std::vector<Token> lt = Tokenise(doc.lines[m], Axis::kChars);
    std::string note;
    std::optional<long> v = lt.size() == 1 ? ReadNumber(lt[0].text, &note) : std::nullopt;
    if (!v) break;
    LineTableCell cell{lt[0].text, v, m, note};
    stacked.push_back({lt[0], cell});
  }
  if (stacked.size() != printed) return nums;
  *axis = Axis::kNone;
  *last_line = m - 1;
  *stacked_below = true;
  return stacked;
}

// Puts a row's numbers into its cells: in printed order when there is one
// per printed column, else (fewer) each by position, only where one column is
// clearly nearest and not taken twice. Returns the note for the table ("" for
// none).
std::string PlaceNumbers(const NumberCells& nums, const Header& h, Axis axis, size_t ncols,
                         size_t printed, std::vector<LineTableCell>& out) {
  if (nums.size() == printed) {
    for (size_t c = 0; c < ncols; ++c)
      if (h.rank[c] >= 0) out[c] = nums[h.rank[c]].second;
    return "";
  }
  const std::string counts =
      std::to_string(nums.size()) + " numbers for " + std::to_string(printed) + " columns";
  // More numbers than columns (after lost thousands points are joined): a
  // number split or a speck read as one, and nothing says which; placed by
  // position, "1 263 1 389" gave 1 and 1, valid (lettergen seed 8604 before
  // both points were joined). The row is left unread.
  if (nums.empty() || axis == Axis::kNone || nums.size() > printed) return counts + "; not read";
  std::vector<int> owner(ncols, -1);
  bool clash = false;
  for (size_t t = 0; t < nums.size(); ++t) {
    double best = 1e18, second = 1e18;
    size_t bc = ncols;
    for (size_t c = 0; c < ncols; ++c) {
      if (h.rank[c] < 0) continue;
      double d = std::fabs(nums[t].first.pos - h.pos[c]);
      if (d < best) {
        second = best;
        best = d;
        bc = c;
      } else if (d < second) {
        second = d;
      }
    }
    if (bc == ncols || (second < 1e17 && second - best < 1.0) || owner[bc] >= 0) {
      clash = true;
      continue;
    }
    owner[bc] = static_cast<int>(t);
  }
  for (size_t c = 0; c < ncols; ++c)
    if (owner[c] >= 0) out[c] = nums[owner[c]].second;
  return counts + ", placed by position" + (clash ? " (some could not be placed)" : "");
}

// The rows below header h, read into `table`. Returns how many were found.
int ReadRows(const TextDocument& doc, int last, const LineTableSpec& spec, const Header& h,
             const std::vector<std::unique_ptr<RE2>>& row_re, LineTable& table) {
  const size_t ncols = spec.column_cues.size();
  const size_t printed = static_cast<size_t>(h.found);
  int seen_lines = 0, rows_found = 0;
  for (int k = h.last_line + 1; k <= last && seen_lines < spec.max_lines_after_header; ++k) {
    const TextLine& line = doc.lines[k];
    if (IsBlankLine(line.text)) continue;
    ++seen_lines;
    // Markdown and ruled tables put "|" before the label; a scan's speck
    // before it ("’ Regulier") is dropped as the letter readers drop it.
    std::string label_text = CleanLine(line);
    std::replace(label_text.begin(), label_text.end(), '|', ' ');
    size_t which = row_re.size();
    for (size_t r = 0; r < row_re.size(); ++r) {
      if (table.row_line[r] < 0 && RE2::PartialMatch(label_text, *row_re[r])) {
        which = r;
        break;
      }
    }
    if (which == row_re.size()) {
      // Prose after the rows ends the table.
      if (rows_found > 0 && Squash(line.text).size() > 60) break;
      continue;
    }
    table.row_line[which] = k;
    ++rows_found;
    Axis axis = h.axis;
    if (axis == Axis::kBoxes && !HasBoxes(line)) axis = Axis::kNone;
    if (axis == Axis::kTabs && line.text.find('\t') == std::string::npos) axis = Axis::kNone;
    int row_end = k;
    bool stacked_below = false;
    NumberCells nums = RowNumbers(doc, k, last, printed, &axis, &row_end, &stacked_below);
    if (stacked_below) {
      table.notes.push_back("row '" + spec.row_cues[which] + "': numbers on the lines below");
      k = row_end;
    }
    std::string note = PlaceNumbers(nums, h, axis, ncols, printed, table.cells[which]);
    if (!note.empty()) table.notes.push_back("row '" + spec.row_cues[which] + "': " + note);
    if (rows_found == static_cast<int>(row_re.size())) break;
  }
  return rows_found;
}

}  // namespace

std::optional<LineTable> ReadLineTable(const TextDocument& doc, int first, int last,
                                       const LineTableSpec& spec) {
  first = std::max(first, 0);
  last = std::min(last, static_cast<int>(doc.lines.size()) - 1);
  const size_t ncols = spec.column_cues.size();
  if (ncols < 2) return std::nullopt;
  std::vector<std::unique_ptr<RE2>> col_re, row_re;
  for (const std::string& c : spec.column_cues)
    col_re.push_back(std::make_unique<RE2>("(" + CuePattern(c) + ")"));
  for (const std::string& r : spec.row_cues)
    row_re.push_back(std::make_unique<RE2>("^\\s*(" + CuePattern(r) + ")"));

  // The header whose rows give the most cells, of equals the one nearest its
  // first row: a short line of prose naming two cues ("opgave die per
  // provincie" / "gerealiseerd moet worden.") may stand above the table
  // within reach of its rows, and read them in its own column order
  // (samples/letters/ibt_lettergen_s5612_prose_names_the_cues: the two
  // regulier figures swapped).
  std::optional<LineTable> best;
  size_t best_cells = 0;
  int best_gap = 0;
  for (int i = first; i <= last; ++i) {
    // A header is a short line; prose that happens to name two cues is not one.
    if (IsBlankLine(doc.lines[i].text) || Squash(CleanLine(doc.lines[i].text)).size() > 80)
      continue;
    Header h = HeaderAt(doc, i, last, col_re, row_re);
    if (h.found < 2) continue;
    LineTable table;
    table.header_line = h.first_line;
    table.column_of_cue = h.rank;
    table.cells.assign(spec.row_cues.size(), std::vector<LineTableCell>(ncols));
    table.row_line.assign(spec.row_cues.size(), -1);
    table.layout = LayoutName(h);
    if (ReadRows(doc, last, spec, h, row_re, table) == 0) continue;  // a header with no rows
    size_t cells = 0;
    for (const auto& row : table.cells)
      for (const LineTableCell& c : row) cells += c.value.has_value();
    int first_row = last + 1;
    for (int line : table.row_line)
      if (line >= 0) first_row = std::min(first_row, line);
    const int gap = first_row - h.first_line;
    if (best && (cells < best_cells || (cells == best_cells && gap >= best_gap))) continue;
    best_cells = cells;
    best_gap = gap;
    best = std::move(table);
  }
  return best;
}

std::optional<LineTable> ReadLabelledValues(const TextDocument& doc, int first, int last,
                                            const LineTableSpec& spec) {
  first = std::max(first, 0);
  last = std::min(last, static_cast<int>(doc.lines.size()) - 1);
  const size_t ncols = spec.column_cues.size(), nrows = spec.row_cues.size();
  std::vector<std::unique_ptr<RE2>> col_re, row_re;
  for (const std::string& c : spec.column_cues)
    col_re.push_back(std::make_unique<RE2>(CuePattern(c)));
  for (const std::string& r : spec.row_cues) row_re.push_back(std::make_unique<RE2>(CuePattern(r)));
  LineTable table;
  table.layout = "labelled";
  table.cells.assign(nrows, std::vector<LineTableCell>(ncols));
  table.row_line.assign(nrows, -1);
  table.column_of_cue.assign(ncols, -1);
  int found = 0;
  for (int k = first; k <= last; ++k) {
    const TextLine& line = doc.lines[k];
    if (IsBlankLine(line.text) || Squash(line.text).size() > 80) continue;
    std::vector<Token> toks = Tokenise(line, Axis::kChars);
    if (toks.size() < 2) continue;
    std::string note;
    std::optional<long> v = ReadNumber(toks.back().text, &note);
    if (!v) continue;
    // Exactly one number: "Regulier 434 174" is a table row, not a value.
    if (ReadNumber(toks[toks.size() - 2].text, nullptr)) continue;
    std::string label = line.text.substr(0, toks.back().begin);
    std::vector<size_t> cols, rows;
    for (size_t c = 0; c < ncols; ++c)
      if (RE2::PartialMatch(label, *col_re[c])) cols.push_back(c);
    for (size_t r = 0; r < nrows; ++r)
      if (RE2::PartialMatch(label, *row_re[r])) rows.push_back(r);
    if (cols.size() != 1 || rows.size() != 1) continue;
    LineTableCell& cell = table.cells[rows[0]][cols[0]];
    if (cell.value) {
      table.notes.push_back("'" + spec.row_cues[rows[0]] + "/" + spec.column_cues[cols[0]] +
                            "' given twice; both dropped");
      cell = LineTableCell{};
      continue;
    }
    cell = LineTableCell{toks.back().text, v, k, note};
    if (table.header_line < 0) table.header_line = k;
    if (table.row_line[rows[0]] < 0) table.row_line[rows[0]] = k;
    ++found;
  }
  if (found == 0) return std::nullopt;
  return table;
}

}  // namespace verdeelscan
