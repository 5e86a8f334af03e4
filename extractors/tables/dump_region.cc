// Where the table of a text dump lies: from the first header line followed by
// numbers (or the first run of rows) to the first prose line after it, with
// the blocks and rows dumped before the header, and the page furniture of a
// table that runs over several pages.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "extractors/tables/dump_reader.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace verdeelscan::dump_reader {
namespace {

// ClassifyLine of each line, once: the search for the table's start looks up
// to 80 lines ahead of every header line, and a page of repeated header lines
// (fuzzed OCR garbage) classified the same lines thousands of times.
class Lines {
 public:
  Lines(const TextDocument& doc, int first, int last, std::string_view province)
      : doc(doc),
        first(first),
        last(std::min(last, static_cast<int>(doc.lines.size()) - 1)),
        province(province) {}

  const std::optional<Item>& Classify(int i) {
    auto [it, inserted] = classified_.try_emplace(i);
    if (inserted) it->second = ClassifyLine(doc.lines[i], i);
    return it->second;
  }
  std::string Text(int i) const { return Trim(doc.lines[i].text); }

  const TextDocument& doc;
  const int first, last;
  const std::string_view province;

 private:
  // Only the lines asked about: a cache the size of the whole document, made
  // for every table region, cost a file of many documents time and memory
  // quadratic in its length (300 releases in one dump: 92 CPU seconds).
  // Node-based, so the references Classify returns stay valid.
  std::unordered_map<int, std::optional<Item>> classified_;
};

// The first row's name may have begun on the line above ("Beek" / "(L.) 94 0
// 94"): that line joins when the joined name is a municipality and the row's
// part alone is not one exactly.
int WithNameAbove(Lines& lines, int row_line) {
  int first_row = row_line, above = row_line - 1;
  while (first_row < lines.last && lines.Text(first_row).empty()) ++first_row;
  while (above >= lines.first && lines.Text(above).empty()) --above;
  if (above < lines.first) return row_line;
  std::optional<Item> name = lines.Classify(above);
  std::optional<Item> row = lines.Classify(first_row);
  if (!name || name->kind != Item::kName || !row || row->kind != Item::kRow) return row_line;
  const NameMatch alone = MatchMunicipality(row->text, lines.province);
  if (MatchMunicipality(name->text + " " + row->text, lines.province).municipality &&
      (!alone.municipality || alone.cost > 0))
    return above;
  return row_line;
}

// The first header line followed by numbers before any prose; else the first
// run of at least three row lines ("Almelo 468 0 468"). -1: none.
int FindStart(Lines& lines) {
  for (int i = lines.first; i <= lines.last; ++i) {
    std::string t = lines.Text(i);
    if (t.empty()) continue;
    // A line of filler words only ("asielopvangplaatsen" in the prose) does
    // not open a table; a column word must.
    const std::vector<HeaderWord> header = HeaderLine(t);
    if (header.empty() || std::all_of(header.begin(), header.end(),
                                      [](HeaderWord h) { return h == HeaderWord::kFiller; }))
      continue;
    // Its numbers follow before any prose: "verdeling per" / "gemeente" /
    // "2024;" / "Besluit" / "Artikel I" / prose is no table.
    int numbers = 0;
    for (int j = i + 1; j <= std::min(lines.last, i + 80) && numbers < 3; ++j) {
      std::string u = lines.Text(j);
      if (!HasAlnum(u)) continue;  // empty, or a stray ruling
      const std::vector<std::string> w = ContentWords(u);
      if (!lines.Classify(j) || StartsWithArtikel(w)) break;
      if (LooksNumeric(w.back())) ++numbers;
    }
    if (numbers >= 3) return i;
  }
  for (int i = lines.first; i <= lines.last; ++i) {
    int rows_seen = 0;
    for (int j = i; j <= lines.last && j < i + 12 && rows_seen < 3; ++j) {
      if (lines.Text(j).empty()) continue;
      std::optional<Item> it = lines.Classify(j);
      if (!it || it->kind != Item::kRow) break;
      ++rows_seen;
    }
    if (rows_seen >= 3) return WithNameAbove(lines, i);
  }
  return -1;
}

// Blocks dumped before the first header: a column of numbers ("verdeeld:" /
// 34 / 884 / ... / "Gemeente"), or the names with their header lost
// ("verdeeld:" / "Borne" / "Dalfsen" / ... / "Totaal opvangplaatsen"). The
// block of at least three lines right above the header joins the region;
// block sizes and the arithmetic still have to fit.
int WithBlocksAbove(Lines& lines, int start) {
  int numeric = 0, names = 0, matched = 0;
  int earliest_numeric = start;  // top of the numbers right above the header
  int earliest_matched = start;  // top of the names that are municipalities
  // A block of numbers right above those names (the first column dumped
  // before the names, with no header of its own).
  int numbers_above_names = 0, earliest_above_names = start;
  for (int k = start - 1; k >= lines.first; --k) {
    std::string t = lines.Text(k);
    if (!HasAlnum(t)) continue;  // empty, or a stray ruling
    std::optional<Item> it = lines.Classify(k);
    if (!it || (it->kind != Item::kNumbers && it->kind != Item::kName)) break;
    if (StartsWithArtikel(ContentWords(t))) break;
    // "O", "Lg": a damaged short number reads as a name; it continues the block.
    const bool short_glyphs = it->kind == Item::kName && t.size() <= 4 &&
                              t.find(' ') == std::string::npos && GlyphsOnly(t);
    if (it->kind == Item::kNumbers || short_glyphs) {
      if (names > 0) {
        numbers_above_names += short_glyphs ? 1 : static_cast<int>(it->numbers.size());
        earliest_above_names = k;
        continue;
      }
      ++numeric;
      earliest_numeric = k;
    } else {
      if (numbers_above_names > 0) break;  // names above those numbers: another region
      if (numeric > 0 && names == 0 && numeric < 3) break;
      ++names;
      if (MatchMunicipality(t, lines.province).municipality) {
        ++matched;
        earliest_matched = k;
      }
    }
  }
  // Names must mostly be municipalities: a broken caption ("Tabel" / "1:
  // Verdeling asielopvangplaatsen" / "over gemeenten") is not a block, and
  // the block starts at its first municipality.
  if (names >= 3 && 3 * matched >= 2 * names) {
    // Numbers above the names join when there are about as many as names
    // (a name broken over two lines counts twice; a Totaal row adds one).
    if (numbers_above_names >= 3 && numbers_above_names >= names - 2 &&
        numbers_above_names <= names + 1)
      return earliest_above_names;
    return earliest_matched;
  }
  if (numeric >= 3) return earliest_numeric;
  return start;
}

// Rows printed before the first header: a row-wise table whose first page
// has no header line and whose continuation page repeats it. Rows right above
// the header, page furniture between them, join the region; so do rows above
// a run of rows that a broken name interrupted ("Eemsdelta 0 0 0" /
// "Groningen" / "(gemeente) 250 24 274": a lost row of zeros leaves every sum
// intact, so nothing else would notice it; generated dump s100111).
int WithRowsAbove(Lines& lines, int start) {
  int rows_above = 0, earliest_row = start;
  for (int k = start - 1; k >= lines.first; --k) {
    const std::string t = lines.Text(k);
    if (!HasAlnum(t) || IsPageFurniture(t)) continue;
    if (IsReferenceNumber(ContentWords(t))) continue;
    // A name broken over two lines ("| Alphen | 841 | 59 | 900 |" / "aan
    // den Rijn") leaves a short name line among the rows.
    std::optional<Item> it = lines.Classify(k);
    if (!it || (it->kind != Item::kRow && it->kind != Item::kName)) break;
    if (it->kind == Item::kName) {
      if (ContentWords(t).size() > 3 || rows_above == 0) break;
      continue;
    }
    ++rows_above;
    earliest_row = k;
  }
  return rows_above >= 1 ? WithNameAbove(lines, earliest_row) : start;
}

// Whether the next line with content after line i is numbers.
bool NumbersFollow(Lines& lines, int i) {
  for (int j = i + 1; j <= lines.last; ++j) {
    const std::string u = lines.Text(j);
    if (IsNilDash(u)) return true;
    if (!HasAlnum(u)) continue;  // empty, or a stray ruling or comma
    std::optional<Item> next = lines.Classify(j);
    return next && next->kind == Item::kNumbers;
  }
  return false;
}

// The region's items from `start` to the prose line that ends the table;
// returns that line, or -1 when none did.
int CollectItems(Lines& lines, Region& region) {
  std::vector<Item>& items = region.items;
  int previous_line = -1;  // the last line with content
  for (int i = region.start; i <= lines.last; ++i) {
    std::string t = lines.Text(i);
    if (t.empty()) continue;
    // A lone dash continuing a column of numbers, or opening one (under its
    // header, "Totaal", or right after the names), is a cell printed as nil;
    // a hyphen broken off "Amv-" or a name is not: words follow it.
    if (IsNilDash(t) && !items.empty() &&
        (items.back().kind == Item::kNumbers || NumbersFollow(lines, i))) {
      previous_line = i;
      items.push_back(Item{Item::kNumbers, t, {t}, {}, i, lines.doc.lines[i].line_no, 0});
      continue;
    }
    // Stray rulings and punctuation ("|", ",") carry nothing.
    if (!HasAlnum(t)) continue;
    std::vector<std::string> w = ContentWords(t);
    if (StartsWithArtikel(w) && items.size() > 3) break;
    const bool reference_under_label =
        region.furniture_lines.count(previous_line) && IsReferenceNumber(w);
    previous_line = i;
    if (reference_under_label || IsPageFurniture(t)) {
      region.furniture_lines.insert(i);
      if (!items.empty()) region.part_starts.insert(items.size());
      continue;
    }
    std::optional<Item> item = lines.Classify(i);
    if (!item) {
      if (items.size() > 3) return i;
      continue;
    }
    items.push_back(std::move(*item));
  }
  return -1;
}

// Short tokens made only of digit-like letters ("Lg", "O", "o") next to
// numbers are damaged numbers, not names: nothing else in a block of numbers
// is that short. A run of them ("Nieuwegein" / "o" / "o" / "13") goes whole.
void GlyphTokensToNumbers(std::vector<Item>& items, std::string_view province) {
  auto glyph_token = [&](const Item& it) {
    return it.kind == Item::kName && it.text.size() <= 4 &&
           it.text.find(' ') == std::string::npos && GlyphsOnly(it.text) &&
           !MatchMunicipality(it.text, province).municipality;
  };
  for (size_t k = 0; k < items.size();) {
    size_t e = k;
    while (e < items.size() && glyph_token(items[e])) ++e;
    if (e == k) {
      ++k;
      continue;
    }
    const bool prev_num = k > 0 && items[k - 1].kind == Item::kNumbers;
    const bool next_num = e < items.size() && items[e].kind == Item::kNumbers;
    if (prev_num || next_num) {
      for (size_t j = k; j < e; ++j) {
        items[j].kind = Item::kNumbers;
        items[j].numbers = {items[j].text};
      }
    }
    k = e;
  }
}

// A row or the Totaal row shortly after the line that ended the table: that
// line was probably a damaged row, and rows after it are not read.
void RowsAfterEnd(Lines& lines, int end_line, std::vector<std::string>& problems) {
  int seen = 0;
  for (int j = end_line + 1; j <= lines.last && seen < 4; ++j) {
    const std::string t = lines.Text(j);
    if (t.empty()) continue;
    ++seen;
    if (StartsWithArtikel(ContentWords(t))) break;
    std::optional<Item> after = lines.Classify(j);
    if (after && after->kind == Item::kRow) {
      problems.push_back("the table seems to go on after line " +
                         std::to_string(lines.doc.lines[end_line].line_no) + " ('" +
                         lines.Text(end_line) + "'), which could not be read");
      break;
    }
  }
}

// Likewise a municipality's row shortly above where the table was taken to
// start: it was left out, and a row of zeros left out changes no sum.
void RowAboveStart(Lines& lines, int start, std::vector<std::string>& problems) {
  int seen = 0;
  for (int j = start - 1; j >= lines.first && seen < 6; --j) {
    const std::string t = lines.Text(j);
    if (!HasAlnum(t) || IsPageFurniture(t)) continue;
    ++seen;
    if (t.back() == ':' || StartsWithArtikel(ContentWords(t))) break;
    std::optional<Item> above = lines.Classify(j);
    if (above && above->kind == Item::kRow && !IsTotalLabel(above->text) &&
        MatchMunicipality(above->text, lines.province).municipality) {
      problems.push_back("line " + std::to_string(lines.doc.lines[j].line_no) + " ('" + t +
                         "') above the table looks like its row");
      break;
    }
  }
}

}  // namespace

std::optional<Region> FindRegion(const TextDocument& doc, int first, int last,
                                 std::string_view province) {
  Lines lines(doc, first, last, province);
  Region region;
  region.start = FindStart(lines);
  if (region.start < 0) return std::nullopt;
  region.start = WithBlocksAbove(lines, region.start);
  region.start = WithRowsAbove(lines, region.start);
  const int end_line = CollectItems(lines, region);
  GlyphTokensToNumbers(region.items, province);
  if (end_line >= 0) RowsAfterEnd(lines, end_line, region.alignment_problems);
  RowAboveStart(lines, region.start, region.alignment_problems);
  return region;
}

}  // namespace verdeelscan::dump_reader
