#include "extractors/tables/table_dump.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "extractors/documents/dates.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace verdeelscan {
namespace {

// Work budget (solver steps) for deciding which numeric block is which column,
// over all assignments together: about 1-2 s on one core at worst.
constexpr uint64_t kColumnSearchSteps = 12'000'000;

// A table over more page parts than this reads every part in the first
// part's block order (6^parts combinations would be too many to score).
constexpr size_t kMaxPartsWithOwnOrder = 3;

enum class HeaderWord { kNone, kGemeente, kRegulier, kAmv, kTotaal, kFiller };

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// False for an empty line or one of stray rulings and punctuation ("|", ","),
// which carry nothing.
bool HasAlnum(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// The words that carry something: cell separators ("Buren | 396 | 113 |
// 509 |") and stray punctuation are not tokens.
std::vector<std::string> ContentWords(const std::string& s) {
  std::vector<std::string> out = Words(s);
  out.erase(
      std::remove_if(out.begin(), out.end(), [](const std::string& w) { return !HasAlnum(w); }),
      out.end());
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool Near(const std::string& folded, const char* word, int limit) {
  return OcrEditCostAtMost(folded, word, limit);
}

// "Artikel II" (or a damaged "Artike1") ends the table's article.
bool StartsWithArtikel(const std::vector<std::string>& content_words) {
  return !content_words.empty() && Near(FoldName(content_words[0]), "artikel", 8);
}

// The reference number under "Kenmerk" on a continuation page: a line of one
// number of six digits or more, which no cell has.
bool IsReferenceNumber(const std::vector<std::string>& content_words) {
  return content_words.size() == 1 && content_words[0].size() >= 6 &&
         std::all_of(content_words[0].begin(), content_words[0].end(), ::isdigit);
}

HeaderWord ClassifyHeaderWord(const std::string& word) {
  std::string f = FoldName(word);
  if (f.empty()) return HeaderWord::kFiller;  // punctuation such as "-" or "|"
  if (Near(f, "gemeente", 12) || Near(f, "gemeenten", 12)) return HeaderWord::kGemeente;
  if (Near(f, "reguliere", 12) || Near(f, "regulier", 10)) return HeaderWord::kRegulier;
  if (Near(f, "amv", 4) || Near(f, "amvopvangplaatsen", 24)) return HeaderWord::kAmv;
  if (Near(f, "totaal", 8)) return HeaderWord::kTotaal;
  // The long form of amv: "alleenstaande minderjarige vreemdelingen (amv)".
  if (Near(f, "alleenstaande", 12) || Near(f, "minderjarige", 12) || Near(f, "vreemdelingen", 12))
    return HeaderWord::kAmv;
  // "Aantal reguliere opvangplaatsen", "Naam gemeente", "Totaal aantal".
  if (Near(f, "aantal", 6) || f == "naam") return HeaderWord::kFiller;
  // "opvangplaatsen", also merged and damaged: "oovanoolaatsenoovanqplaatsen".
  if (f.size() >= 7 &&
      (f.find("plaats") != std::string::npos || f.find("aatsen") != std::string::npos ||
       Near(f, "opvangplaatsen", 30) || Near(f, "plaatsen", 12))) {
    return HeaderWord::kFiller;
  }
  return HeaderWord::kNone;
}

// Header words of a line, or empty when the line is not a header line.
std::vector<HeaderWord> HeaderLine(const std::string& line) {
  std::vector<HeaderWord> out;
  bool meaningful = false, has_word = false;
  for (const std::string& w : ContentWords(line)) {
    HeaderWord h = ClassifyHeaderWord(w);
    if (h == HeaderWord::kNone) return {};
    if (h != HeaderWord::kFiller) meaningful = true;
    if (!FoldName(w).empty()) has_word = true;  // not mere punctuation
    out.push_back(h);
  }
  if (!has_word) return {};
  if (!meaningful) {
    // A line of only "opvangplaatsen" words still belongs to the header.
    return out.empty() ? out : std::vector<HeaderWord>{HeaderWord::kFiller};
  }
  return out;
}

// Splits a run of tokens into numeric tokens, gluing "1." + "943" back into
// the Dutch thousands form "1.943".
std::vector<std::string> NumericTokens(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (i + 1 < words.size() && w.size() <= 4 && (w.back() == '.' || w.back() == ',') &&
        words[i + 1].size() == 3 && LooksNumeric(w) && LooksNumeric(words[i + 1])) {
      w += words[++i];
    }
    out.push_back(w);
  }
  return out;
}

// A token made only of digits and digit-like glyphs ("o", "Lg", "5g"): a
// damaged number, where a word would have other letters ("De" has an e).
bool GlyphsOnly(const std::string& token) {
  GlyphModelOptions strict;
  strict.allow_indels = false;
  strict.max_unknown_symbols = 0;
  return !NumberReadings(token, strict).empty();
}

// The label of the table's own Totaal row: "Totaal", "Eindtotaal", also
// with the province ("Totaal provincie Noord-Brabant", "Totaal Overijssel",
// "Totaal generaal"). "Totaal opvangplaatsen" is a column header, not this.
bool IsTotalLabel(const std::string& text) {
  const std::vector<std::string> w = ContentWords(text);
  if (w.empty()) return false;
  const std::string f0 = FoldName(w[0]);
  if (!Near(f0, "totaal", 8) && !Near(f0, "eindtotaal", 10)) return false;
  if (w.size() == 1) return true;
  size_t k = 1;
  if (Near(FoldName(w[k]), "provincie", 8)) ++k;
  if (k == w.size()) return true;
  if (k + 1 == w.size() && Near(FoldName(w[k]), "generaal", 8)) return true;
  std::string rest;
  for (; k < w.size(); ++k) rest += (rest.empty() ? "" : " ") + w[k];
  return !MatchProvince(rest).empty();
}

// The furniture of a continuation page of a Dutch government letter, which
// OCR puts wherever the page broke: "Pagina 2 van 5", "- 2 -", and the side
// column's "Datum" / "20 december 2024" / "Kenmerk" / "6015733". A table that
// runs over two pages has it between its parts. Only a line that is nothing
// but furniture counts; no table line looks like one.
bool IsPageFurniture(const std::string& text) {
  const std::vector<std::string> w = Words(text);
  if (w.empty()) return false;
  auto number_like = [](const std::string& t) { return !NumberReadings(t).empty(); };
  const std::string f0 = FoldName(w[0]);
  // "Pagina 2 van 5", "Pagina 2", "Blad 2/5".
  if ((Near(f0, "pagina", 8) || f0 == "blad") && w.size() >= 2 && w.size() <= 4) {
    bool rest_ok = number_like(w[1]) || w[1].find('/') != std::string::npos;
    for (size_t i = 2; i < w.size() && rest_ok; ++i) {
      const std::string fi = FoldName(w[i]);
      rest_ok = fi == "van" || fi == "of" || w[i] == "/" || number_like(w[i]);
    }
    if (rest_ok) return true;
  }
  // "- 2 -".
  if (w.size() == 3 && (w[0] == "-" || w[0] == "\u2013" || w[0] == "\u2014") && w[2] == w[0] &&
      number_like(w[1]))
    return true;
  // The side column's labels, alone or with their value on the same line.
  size_t label_words = 0;
  bool date_label = false;
  if (Near(f0, "datum", 4)) {
    label_words = 1;
    date_label = true;
  } else if (Near(f0, "kenmerk", 8) || Near(f0, "referentie", 8)) {
    label_words = 1;
  } else if (w.size() >= 2 && (f0 == "ons" || f0 == "uw" || f0 == "onze") &&
             (Near(FoldName(w[1]), "kenmerk", 8) || Near(FoldName(w[1]), "referentie", 8))) {
    label_words = 2;
  }
  std::string rest;
  for (size_t i = label_words; i < w.size(); ++i) rest += (rest.empty() ? "" : " ") + w[i];
  if (label_words > 0 && rest.empty()) return true;
  if (label_words > 0 && !date_label) return w.size() == label_words + 1;  // "Kenmerk 6015733"
  // A date on its own line ("20 december 2024"), or after "Datum".
  const std::vector<DateMatch> dates = FindDutchDates(rest);
  return dates.size() == 1 && dates[0].begin == 0 && dates[0].end == rest.size() &&
         MonthOf(Words(rest).size() == 3 ? Words(rest)[1] : "") != 0;
}

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

bool LooksLikeProse(const std::string& text) {
  std::vector<std::string> w = ContentWords(text);
  return w.size() >= 5;
}

// Classifies a line; nullopt for a line that ends the table (prose).
std::optional<Item> ClassifyLine(const TextLine& line, int index) {
  std::string text = Trim(line.text);
  Item item{Item::kName, text, {}, {}, index, line.line_no, 0};
  // A lone dash is a cell printed as nil ("Alphen-Chaam 20 - 20"), or a
  // hyphen set apart from a name; the numeric runs below tell which.
  std::vector<std::string> words;
  for (std::string& w : Words(text)) {
    if (HasAlnum(w) || IsNilDash(w)) words.push_back(std::move(w));
  }
  if (std::none_of(words.begin(), words.end(), [](const std::string& w) { return HasAlnum(w); }))
    return std::nullopt;
  // Numeric tokens at either end: a row "Almelo 468 0 468", "28 Almere 77
  // 105" (the name between numbers), or numbers only.
  // A token of one or two digit-like letters ("o", "Lg") counts as a damaged
  // number when its run of number-like tokens holds a real number ("476 o
  // 47b", "Roerdalen O O 0", "Haaksbergen 0 o o"); no municipality name is
  // that short.
  std::vector<bool> numeric(words.size(), false);
  for (size_t a = 0; a < words.size();) {
    auto glyphs_only = [&](size_t i) {
      return IsNilDash(words[i]) || (words[i].size() <= 2 && GlyphsOnly(words[i]));
    };
    // A run of two or more one-glyph cells ("Sluis – – –", "Tholen o o o",
    // "Bernheze – Z Z") is numbers too: no name has two one-letter words in
    // a row.
    auto one_glyph = [&](size_t i) {
      return IsNilDash(words[i]) || (words[i].size() == 1 && GlyphsOnly(words[i]));
    };
    size_t b = a;
    bool anchored = false, all_one_glyph = true;
    while (b < words.size() && (LooksNumeric(words[b]) || glyphs_only(b))) {
      anchored = anchored || LooksNumeric(words[b]);
      all_one_glyph = all_one_glyph && one_glyph(b);
      ++b;
    }
    if (b - a >= 2 && all_one_glyph) anchored = true;
    for (size_t i = a; i < b; ++i) numeric[i] = anchored;
    a = b == a ? a + 1 : b;
  }
  size_t lead = 0;
  while (lead < words.size() && numeric[lead]) ++lead;
  if (lead == words.size()) {
    item.kind = Item::kNumbers;
    item.numbers = NumericTokens(words);
    return item;
  }
  size_t k = words.size();
  while (k > lead && numeric[k - 1]) --k;
  std::vector<std::string> before = NumericTokens({words.begin(), words.begin() + lead});
  std::vector<std::string> after = NumericTokens({words.begin() + k, words.end()});
  if (before.size() + after.size() >= 2) {
    item.kind = Item::kRow;
    item.numbers = before;
    item.numbers.insert(item.numbers.end(), after.begin(), after.end());
    item.name_pos = static_cast<int>(before.size());
    std::ostringstream name;
    for (size_t i = lead; i < k; ++i) name << (i > lead ? " " : "") << words[i];
    item.text = name.str();
    return item;
  }
  if (!IsTotalLabel(text)) {
    item.header = HeaderLine(text);
    if (!item.header.empty()) {
      item.kind = Item::kHeader;
      return item;
    }
  }
  // "verdeeld:" ends the prose that announces the table; no name ends so.
  if (LooksLikeProse(text) || text.back() == ':') return std::nullopt;
  item.kind = Item::kName;
  return item;
}

// A name possibly continued on the next line(s).
struct NameEntry {
  std::string text;
  int line_index, line_no;
};

// Joins continuation lines into names: a parenthesised suffix "(O. )" always,
// and two lines when only their join matches a municipality ("Hof van" +
// "Twente").
std::vector<NameEntry> JoinNames(const std::vector<NameEntry>& parts, std::string_view province) {
  std::vector<NameEntry> out;
  for (size_t i = 0; i < parts.size(); ++i) {
    NameEntry cur = parts[i];
    while (i + 1 < parts.size() && !parts[i + 1].text.empty() && parts[i + 1].text[0] == '(') {
      cur.text += " " + parts[++i].text;
    }
    // Joined only when the join matches better than either line alone:
    // "Utrechtse" alone is close to "Utrecht", but "Utrechtse" + "Heuvelrug"
    // is a municipality exactly; two real names never join (each matches at
    // cost 0, which no join beats).
    if (i + 1 < parts.size() && !IsTotalLabel(parts[i + 1].text)) {
      const std::string joined = cur.text + " " + parts[i + 1].text;
      const NameMatch j = MatchMunicipality(joined, province);
      auto worse = [&](const std::string& part) {
        const NameMatch alone = MatchMunicipality(part, province);
        return !alone.municipality || alone.cost > j.cost;
      };
      if (j.municipality && worse(cur.text) && worse(parts[i + 1].text)) {
        cur.text = joined;
        ++i;
      }
    }
    out.push_back(cur);
  }
  return out;
}

struct NumberCell {
  std::string text;
  int line_index, line_no;
};

struct Block {
  std::vector<NumberCell> cells;
  std::set<int> hints;  // columns named by the header right before the block
};

int HintColumn(HeaderWord h) {
  switch (h) {
    case HeaderWord::kRegulier:
      return kRegulier;
    case HeaderWord::kAmv:
      return kAmv;
    case HeaderWord::kTotaal:
      return kTotaal;
    default:
      return -1;
  }
}

RawCell MakeCell(const NumberCell& n) {
  RawCell c;
  c.text = n.text;
  c.present = true;
  c.where.line = n.line_no;
  c.where.page = 1;
  return c;
}

// "Emmen 210 20 2 30": a space inside a number makes a row one number too
// long. When exactly one join of two neighbouring short tokens leaves three
// numbers of which one is the sum of the other two (whichever column is
// which), returns the joined numbers and the join as printed ("2 30").
std::optional<std::pair<std::vector<std::string>, std::string>> JoinSplitNumber(
    const std::vector<std::string>& numbers, size_t want) {
  if (want != 3 || numbers.size() != 4) return std::nullopt;
  std::optional<std::pair<std::vector<std::string>, std::string>> found;
  int ways = 0;
  for (size_t i = 0; i + 1 < numbers.size(); ++i) {
    const std::string joined = numbers[i] + numbers[i + 1];
    if (joined.size() > 4) continue;
    std::vector<std::string> out(numbers.begin(), numbers.begin() + i);
    out.push_back(joined);
    out.insert(out.end(), numbers.begin() + i + 2, numbers.end());
    std::array<long, 3> v{};
    bool readable = true;
    for (size_t k = 0; k < 3 && readable; ++k) {
      std::vector<Reading> r = CellReadings(out[k]);
      readable = !r.empty();
      if (readable) v[k] = r.front().value;
    }
    if (!readable) continue;
    std::sort(v.begin(), v.end());
    if (v[0] + v[1] != v[2]) continue;
    ++ways;
    found = std::make_pair(out, numbers[i] + " " + numbers[i + 1]);
  }
  if (ways != 1) return std::nullopt;
  return found;
}

// "4 479": a thousands separator lost to a space splits a number in two.
// Glues such pairs (1-2 digits without a leading zero, then exactly 3 digits)
// until `numbers` holds `want` tokens, when exactly one choice of pairs does;
// nullopt otherwise. The arithmetic still has to accept the glued values.
std::optional<std::vector<std::string>> GlueThousands(const std::vector<std::string>& numbers,
                                                      size_t want) {
  auto digits = [](const std::string& t) {
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  auto gluable = [&](size_t i) {
    const std::string &a = numbers[i], &b = numbers[i + 1];
    return digits(a) && digits(b) && a.size() <= 2 && a[0] != '0' && b.size() == 3;
  };
  if (numbers.size() <= want || numbers.size() - want > numbers.size() / 2) return std::nullopt;
  std::vector<std::vector<size_t>> ways;  // start indexes of the glued pairs
  std::vector<size_t> chosen;
  auto search = [&](auto&& self, size_t from, size_t left) -> void {
    if (ways.size() > 1) return;
    if (left == 0) {
      ways.push_back(chosen);
      return;
    }
    for (size_t i = from; i + 1 < numbers.size(); ++i) {
      if (!gluable(i)) continue;
      chosen.push_back(i);
      self(self, i + 2, left - 1);
      chosen.pop_back();
    }
  };
  search(search, 0, numbers.size() - want);
  if (ways.size() != 1) return std::nullopt;
  std::vector<std::string> out;
  for (size_t i = 0, w = 0; i < numbers.size(); ++i) {
    if (w < ways[0].size() && ways[0][w] == i) {
      out.push_back(numbers[i] + numbers[i + 1]);
      ++i;
      ++w;
    } else {
      out.push_back(numbers[i]);
    }
  }
  return out;
}

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

// A table dumped column by column, items [begin, end) of one page: a block of
// names and blocks of numbers, in any order.
ColumnPart ReadColumnPart(const std::vector<Item>& items, size_t begin, size_t end,
                          std::string_view province, std::vector<std::string>& problems) {
  std::vector<NameEntry> name_parts;
  std::vector<Block> blocks;
  std::optional<std::vector<std::string>> total_row;  // "Totaal 5787 538 6325" on one line
  std::set<int> pending_hints;
  bool total_label = false;
  size_t ambiguous_total_block = SIZE_MAX;  // the block a row label may have mis-hinted
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
          blocks.push_back(Block{{}, pending_hints});
          pending_hints.clear();
        }
        for (const std::string& n : it.numbers) {
          blocks.back().cells.push_back({n, it.line_index, it.line_no});
        }
        last_was_number = true;
        break;
      case Item::kName:
        if (IsTotalLabel(it.text)) {
          // "Totaal" after names labels the sum row; before numbers it heads a column.
          // After names it may also head the next block: the block sizes
          // decide below (n names, or n names + a Totaal row).
          if (!name_parts.empty() && !last_was_number) {
            total_label = true;
            ambiguous_total_block = blocks.size();
          }
          pending_hints = {kTotaal};
        } else if (!total_label) {
          name_parts.push_back({it.text, it.line_index, it.line_no});
        }
        last_was_number = false;
        break;
      case Item::kRow:
        // A name with its numbers on one line, in a table dumped by column:
        // the table's own Totaal row, or something no block accounts for.
        if (IsTotalLabel(it.text) && !total_row) {
          total_row = it.numbers;
        } else {
          problems.push_back("line " + std::to_string(it.line_no) + " ('" + it.text +
                             "' with numbers) does not fit a table dumped column by column");
        }
        last_was_number = false;
        break;
    }
  }

  ColumnPart part;
  part.names = JoinNames(name_parts, province);
  const size_t n = part.names.size();
  // A line of two numbers in a block may be one number split by a lost
  // thousands separator ("4 479"): in a column dump one line is one cell.
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
      part.notes.insert(part.notes.end(), glue_notes.begin(), glue_notes.end());
    }
  }
  if (total_label) {
    // "Totaal" right after the names: a Totaal row only if every block has
    // room for it (n + 1 numbers per column) and not otherwise.
    auto fits = [&](size_t per) {
      if (per == 0 || blocks.empty()) return false;
      for (const Block& b : blocks)
        if (b.cells.size() % per != 0) return false;
      return true;
    };
    if (fits(n) && !fits(n + 1)) total_label = false;
  }
  if (total_label && ambiguous_total_block < blocks.size()) {
    blocks[ambiguous_total_block].hints.erase(kTotaal);  // it labelled the row
  }
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
  if (total_row) {
    // Its numbers are in the page's column order, which the blocks' dump
    // order need not follow: they are labelled by their own arithmetic
    // (totaal = the sum of the other two, amv the smaller of those).
    const Item* row = nullptr;
    for (size_t k = begin; k < end && !row; ++k) {
      if (items[k].kind == Item::kRow && IsTotalLabel(items[k].text)) row = &items[k];
    }
    std::vector<long> v;
    for (const std::string& t : *total_row) {
      if (auto r = BestReading(t)) v.push_back(r->value);
    }
    int tot = -1, found = 0;
    if (v.size() == 3 && !part.total_cells) {
      for (int k = 0; k < 3; ++k) {
        if (v[k] == v[(k + 1) % 3] + v[(k + 2) % 3]) {
          tot = k;
          ++found;
        }
      }
    }
    const int x = (tot + 1) % 3, y = (tot + 2) % 3;
    if (found != 1 || v[x] == v[y]) {
      problems.push_back("line " + std::to_string(row->line_no) +
                         ": a Totaal row whose numbers cannot be told apart");
    } else {
      const int amv = v[x] < v[y] ? x : y, regulier = amv == x ? y : x;
      part.total_cells.emplace(3);
      part.total_in_column_order = true;
      auto cell = [&](int k) { return NumberCell{(*total_row)[k], row->line_index, row->line_no}; };
      (*part.total_cells)[kRegulier] = cell(regulier);
      (*part.total_cells)[kAmv] = cell(amv);
      (*part.total_cells)[kTotaal] = cell(tot);
    }
  }
  return part;
}

// A table dumped row by row ("Almelo 468 0 468" per line), over any number of
// pages. Notes and alignment problems go to `table`.
ColumnPart ReadRowWise(const TextDocument& doc, const std::vector<Item>& items,
                       const std::set<int>& furniture_lines, std::string_view province,
                       RawTable& table) {
  ColumnPart part;
  // Copies: a row's numbers and name may be mended below.
  std::vector<Item> row_items;
  for (const Item& it : items) {
    if (it.kind == Item::kRow) row_items.push_back(it);
  }
  std::vector<Item*> rows;
  for (Item& r : row_items) rows.push_back(&r);
  // Row-wise dump: "Almelo 468 0 468" per line.
  table.notes.push_back("row-wise dump: " + std::to_string(rows.size()) + " rows");
  // The width is the number of numbers most rows have; a row with more may
  // hold a number split by a lost thousands separator ("Amsterdam 4 100 379
  // 4 479").
  std::map<size_t, int> widths;
  for (const Item* r : rows) ++widths[r->numbers.size()];
  size_t width = 0;
  for (const auto& [w, count] : widths) {
    if (width == 0 || count > widths[width] || (count == widths[width] && w > width)) width = w;
  }
  // Where most rows have their name. A row that does not fit that shape
  // may have a damaged number read as part of its name ("o Leusden 0 0" where
  // rows read "47 Amersfoort 65 18"; "Midden-Drenthe B" where they end in
  // their amv), or a short name read as damaged numbers ("66 6r Aa en Hunze
  // 5": "Aa" looks like "88"). The row's tokens are split again in the common
  // shape when every token that becomes a number is made only of digit
  // glyphs, and every token that becomes part of the name has no digit and
  // the name is then a municipality.
  std::map<int, int> positions;
  for (const Item* r : rows) ++positions[r->name_pos];
  int name_pos = rows.front()->name_pos;
  for (const auto& [pos, count] : positions) {
    if (count > positions[name_pos]) name_pos = pos;
  }
  // The common position and the common width are two separate majorities
  // and may describe a shape no row has (most rows with three numbers before
  // the name, most rows with two numbers: a sideways page read as text). No
  // row can be split into a shape whose name comes after all its numbers.
  const bool shape_possible = static_cast<size_t>(name_pos) <= width;
  for (Item* r : rows) {
    if (!shape_possible) break;
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
    table.notes.push_back("line " + std::to_string(r->line_no) +
                          (into_name ? ": a name read as damaged numbers, moved back"
                                     : ": a damaged number read as part of the name, moved back"));
  }
  for (Item* r : rows) {
    if (r->numbers.size() <= width) continue;
    if (auto g = GlueThousands(r->numbers, width)) {
      r->numbers = *g;
      table.notes.push_back("line " + std::to_string(r->line_no) +
                            ": numbers split by a space read as thousands");
    } else if (auto j = JoinSplitNumber(r->numbers, width)) {
      table.notes.push_back("line " + std::to_string(r->line_no) + ": '" + j->second +
                            "' read as one number split by a space (only that join makes the "
                            "row add up)");
      r->numbers = j->first;
    }
  }
  part.columns.assign(width, {});
  part.hints.assign(width, {});
  // Column hints from the header line's word order.
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
      for (size_t k = 0; k < width; ++k) part.hints[k] = {order[k]};
    }
  }
  // Between the first and the last row, a line that is not a row means a
  // row was broken or lost by the OCR: the rows cannot be trusted to be all.
  std::map<int, std::string> joined_prefix;  // row line index -> name part before it
  std::map<int, std::string> joined_suffix;  // row line index -> name part after it
  {
    const int first_row = rows.front()->line_index, last_row = rows.back()->line_index;
    // A line there that was not read at all (taken for prose) may be a row.
    // Page furniture was read, and skipped.
    std::set<int> read = furniture_lines;
    for (const Item& it : items) read.insert(it.line_index);
    for (int li = first_row; li <= last_row; ++li) {
      const std::string& t = doc.lines[li].text;
      if (read.count(li) || !HasAlnum(t)) continue;
      table.alignment_problems.push_back("line " + std::to_string(doc.lines[li].line_no) + " ('" +
                                         Trim(t) + "') lies among the rows but could not be read");
    }
    // A name broken over two lines: the part on a line of its own joins the
    // row below ("De Ronde" / "Venen 319 42 361", "Hengelo" / "(O. ) 425 0
    // 425") or above ("Hollands 80 12 92" / "Kroon") when only the joined
    // name is a municipality of the province.
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
          !joined_prefix.count(items[k + 1].line_index) &&
          ((!items[k + 1].text.empty() && items[k + 1].text[0] == '(') ||
           joins(it.text + " " + items[k + 1].text, items[k + 1].text))) {
        joined_prefix[items[k + 1].line_index] = it.text;
        continue;
      }
      if (it.kind == Item::kName && k > 0 && items[k - 1].kind == Item::kRow &&
          !joined_suffix.count(items[k - 1].line_index) &&
          joins(items[k - 1].text + " " + it.text, items[k - 1].text)) {
        joined_suffix[items[k - 1].line_index] = it.text;
        continue;
      }
      if (it.line_index < first_row || it.line_index > last_row) continue;
      table.alignment_problems.push_back("line " + std::to_string(it.line_no) + " ('" + it.text +
                                         "') lies among the rows but is not a row");
    }
  }
  for (const Item* r : rows) {
    if (r->name_pos != name_pos) {
      table.alignment_problems.push_back("line " + std::to_string(r->line_no) +
                                         " has its name in another position than the first row");
    }
  }
  for (const Item* r : rows) {
    std::vector<NumberCell> cells;
    for (const std::string& n : r->numbers) cells.push_back({n, r->line_index, r->line_no});
    if (cells.size() != width) {
      table.alignment_problems.push_back("line " + std::to_string(r->line_no) + " has " +
                                         std::to_string(cells.size()) + " numbers, other rows " +
                                         std::to_string(width));
      cells.resize(width, NumberCell{"", r->line_index, r->line_no});
    }
    if (IsTotalLabel(r->text)) {
      part.total_cells = cells;
      continue;
    }
    std::string name = r->text;
    if (auto p = joined_prefix.find(r->line_index); p != joined_prefix.end())
      name = p->second + " " + name;
    if (auto p = joined_suffix.find(r->line_index); p != joined_suffix.end())
      name += " " + p->second;
    part.names.push_back({name, r->line_index, r->line_no});
    for (size_t k = 0; k < width; ++k) part.columns[k].push_back(cells[k]);
  }
  return part;
}

}  // namespace

namespace {

// CellReadings of a cell text, remembered per thread (a bounded number): the
// column search builds solver rows for every assignment it scores, from the
// same cells each time, and the glyph model was a quarter of its time.
const std::vector<Reading>& RememberedCellReadings(const std::string& text) {
  constexpr size_t kRemembered = 8192;
  thread_local std::unordered_map<std::string, std::vector<Reading>> remembered;
  if (auto it = remembered.find(text); it != remembered.end()) return it->second;
  if (remembered.size() >= kRemembered) remembered.clear();
  return remembered.emplace(text, CellReadings(text)).first->second;
}

}  // namespace

std::vector<SolverRow> SolverRowsFor(const RawTable& table) {
  std::vector<SolverRow> rows;
  for (const RawRow& r : table.rows) {
    SolverRow sr;
    for (int c = 0; c < 3; ++c) {
      SolverCell& cell = sr.cells[c];
      cell.absent = !table.column_present[c];
      if (cell.absent || !r.cells[c].present) continue;
      cell.readings = RememberedCellReadings(r.cells[c].text);
      // The recogniser's own alternatives compete with the glyph model; a value
      // offered by both keeps the cheaper cost.
      for (const Reading& alt : r.cells[c].recogniser_readings) {
        auto it = std::find_if(cell.readings.begin(), cell.readings.end(),
                               [&](const Reading& x) { return x.value == alt.value; });
        if (it == cell.readings.end()) {
          cell.readings.push_back(alt);
        } else if (alt.cost < it->cost) {
          *it = alt;
        }
      }
    }
    rows.push_back(std::move(sr));
  }
  return rows;
}

std::array<ColumnTarget, 3> TargetsFor(const RawTable& table,
                                       const std::array<ColumnTarget, 3>& stated) {
  std::array<ColumnTarget, 3> targets = stated;
  if (table.total_row) {
    for (int c = 0; c < 3; ++c) {
      const RawCell& cell = table.total_row->cells[c];
      if (!cell.present) continue;
      std::vector<Reading> readings = CellReadings(cell.text);
      if (!readings.empty()) targets[c].sources.push_back(std::move(readings));
    }
  }
  return targets;
}

StatusOr<RawTable> ReadDumpTable(const TextDocument& doc, int first, int last,
                                 std::string_view province,
                                 const std::array<ColumnTarget, 3>& stated) {
  // ClassifyLine of each line, once: the search for the table's start looks
  // up to 80 lines ahead of every header line, and a page of repeated header
  // lines (fuzzed OCR garbage) classified the same lines thousands of times.
  std::vector<std::optional<std::optional<Item>>> classified(doc.lines.size());
  auto classify = [&](int i) -> const std::optional<Item>& {
    if (!classified[i]) classified[i] = ClassifyLine(doc.lines[i], i);
    return *classified[i];
  };
  last = std::min(last, static_cast<int>(doc.lines.size()) - 1);
  // 1. The region: from the first header line followed by numbers, to the
  //    first prose line after the table's content.
  // The first row's name may have begun on the line above ("Beek" /
  // "(L.) 94 0 94"): that line joins when the joined name is a municipality
  // and the row's part alone is not one exactly.
  auto WithNameAbove = [&](int row_line) {
    int first_row = row_line, above = row_line - 1;
    while (first_row < last && Trim(doc.lines[first_row].text).empty()) ++first_row;
    while (above >= first && Trim(doc.lines[above].text).empty()) --above;
    if (above < first) return row_line;
    std::optional<Item> name = classify(above);
    std::optional<Item> row = classify(first_row);
    if (!name || name->kind != Item::kName || !row || row->kind != Item::kRow) return row_line;
    const NameMatch alone = MatchMunicipality(row->text, province);
    if (MatchMunicipality(name->text + " " + row->text, province).municipality &&
        (!alone.municipality || alone.cost > 0))
      return above;
    return row_line;
  };
  int start = -1;
  for (int i = first; i <= last && start < 0; ++i) {
    std::string t = Trim(doc.lines[i].text);
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
    for (int j = i + 1; j <= std::min(last, i + 80) && numbers < 3; ++j) {
      std::string u = Trim(doc.lines[j].text);
      if (!HasAlnum(u)) continue;  // empty, or a stray ruling
      const std::vector<std::string> w = ContentWords(u);
      if (!classify(j) || StartsWithArtikel(w)) break;
      if (LooksNumeric(w.back())) ++numbers;
    }
    if (numbers >= 3) start = i;
  }
  if (start < 0) {
    // No header: a run of at least three row lines ("Almelo 468 0 468").
    for (int i = first; i <= last && start < 0; ++i) {
      int rows_seen = 0;
      for (int j = i; j <= last && j < i + 12 && rows_seen < 3; ++j) {
        if (Trim(doc.lines[j].text).empty()) continue;
        std::optional<Item> it = classify(j);
        if (!it || it->kind != Item::kRow) break;
        ++rows_seen;
      }
      if (rows_seen >= 3) start = i;
    }
    if (start >= 0) start = WithNameAbove(start);
  }
  if (start < 0)
    return Status::NotFound("no allocation table header (Gemeente/Reguliere/Amv/Totaal) found");
  // Blocks dumped before the first header: a column of numbers ("verdeeld:" /
  // 34 / 884 / ... / "Gemeente"), or the names with their header lost
  // ("verdeeld:" / "Borne" / "Dalfsen" / ... / "Totaal opvangplaatsen"). The
  // block of at least three lines right above the header joins the region;
  // block sizes and the arithmetic still have to fit.
  {
    int k = start - 1, numeric = 0, names = 0, matched = 0;
    int earliest_numeric = start;  // top of the numbers right above the header
    int earliest_matched = start;  // top of the names that are municipalities
    // A block of numbers right above those names (the first column dumped
    // before the names, with no header of its own).
    int numbers_above_names = 0, earliest_above_names = start;
    for (; k >= first; --k) {
      std::string t = Trim(doc.lines[k].text);
      if (!HasAlnum(t)) continue;  // empty, or a stray ruling
      std::optional<Item> it = classify(k);
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
        if (MatchMunicipality(t, province).municipality) {
          ++matched;
          earliest_matched = k;
        }
      }
    }
    // Names must mostly be municipalities: a broken caption ("Tabel" / "1:
    // Verdeling asielopvangplaatsen" / "over gemeenten") is not a block, and
    // the block starts at its first municipality.
    if (names >= 3 && 3 * matched >= 2 * names) {
      start = earliest_matched;
      // Numbers above the names join when there are about as many as names
      // (a name broken over two lines counts twice; a Totaal row adds one).
      if (numbers_above_names >= 3 && numbers_above_names >= names - 2 &&
          numbers_above_names <= names + 1)
        start = earliest_above_names;
    } else if (numeric >= 3) {
      start = earliest_numeric;
    }
  }
  // Rows printed before the first header: a row-wise table whose first page
  // has no header line and whose continuation page repeats it. Rows right
  // above the header, page furniture between them, join the region; so do
  // rows above a run of rows that a broken name interrupted ("Eemsdelta 0 0
  // 0" / "Groningen" / "(gemeente) 250 24 274": a lost row of zeros leaves
  // every sum intact, so nothing else would notice it; generated dump
  // s100111).
  {
    int rows_above = 0, earliest_row = start;
    for (int k = start - 1; k >= first; --k) {
      const std::string t = Trim(doc.lines[k].text);
      if (!HasAlnum(t) || IsPageFurniture(t)) continue;
      if (IsReferenceNumber(ContentWords(t))) continue;
      // A name broken over two lines ("| Alphen | 841 | 59 | 900 |" / "aan
      // den Rijn") leaves a short name line among the rows.
      std::optional<Item> it = classify(k);
      if (!it || (it->kind != Item::kRow && it->kind != Item::kName)) break;
      if (it->kind == Item::kName) {
        if (ContentWords(t).size() > 3 || rows_above == 0) break;
        continue;
      }
      ++rows_above;
      earliest_row = k;
    }
    if (rows_above >= 1) start = WithNameAbove(earliest_row);
  }

  std::vector<Item> items;
  int end_line = -1;  // the prose line that ended the table, if one did
  // Page furniture inside the region: the table runs over several pages, and
  // a new part starts at items[k] for every k in part_starts.
  std::set<int> furniture_lines;
  std::set<size_t> part_starts;
  int previous_line = -1;  // the last line with content
  // Whether the next line with content after line i is numbers.
  auto numbers_follow = [&](int i) {
    for (int j = i + 1; j <= last; ++j) {
      const std::string u = Trim(doc.lines[j].text);
      if (IsNilDash(u)) return true;
      if (!HasAlnum(u)) continue;  // empty, or a stray ruling or comma
      std::optional<Item> next = classify(j);
      return next && next->kind == Item::kNumbers;
    }
    return false;
  };
  for (int i = start; i <= last; ++i) {
    std::string t = Trim(doc.lines[i].text);
    if (t.empty()) continue;
    // A lone dash continuing a column of numbers, or opening one (under its
    // header, "Totaal", or right after the names), is a cell printed as nil;
    // a hyphen broken off "Amv-" or a name is not: words follow it.
    if (IsNilDash(t) && !items.empty() &&
        (items.back().kind == Item::kNumbers || numbers_follow(i))) {
      previous_line = i;
      items.push_back(Item{Item::kNumbers, t, {t}, {}, i, doc.lines[i].line_no, 0});
      continue;
    }
    // Stray rulings and punctuation ("|", ",") carry nothing.
    if (!HasAlnum(t)) continue;
    std::vector<std::string> w = ContentWords(t);
    if (StartsWithArtikel(w) && items.size() > 3) break;
    const bool reference_under_label = furniture_lines.count(previous_line) && IsReferenceNumber(w);
    previous_line = i;
    if (reference_under_label || IsPageFurniture(t)) {
      furniture_lines.insert(i);
      if (!items.empty()) part_starts.insert(items.size());
      continue;
    }
    std::optional<Item> item = classify(i);
    if (!item) {
      if (items.size() > 3) {
        end_line = i;
        break;
      }
      continue;
    }
    items.push_back(std::move(*item));
  }

  // Short tokens made only of digit-like letters ("Lg", "O", "o") next to
  // numbers are damaged numbers, not names: nothing else in a block of
  // numbers is that short. A run of them ("Nieuwegein" / "o" / "o" / "13")
  // goes whole.
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

  RawTable table;
  // A row or the Totaal row shortly after the line that ended the table: that
  // line was probably a damaged row, and rows after it are not read.
  if (end_line >= 0) {
    int seen = 0;
    for (int j = end_line + 1; j <= last && seen < 4; ++j) {
      const std::string t = Trim(doc.lines[j].text);
      if (t.empty()) continue;
      ++seen;
      if (StartsWithArtikel(ContentWords(t))) break;
      std::optional<Item> after = classify(j);
      if (after && after->kind == Item::kRow) {
        table.alignment_problems.push_back(
            "the table seems to go on after line " + std::to_string(doc.lines[end_line].line_no) +
            " ('" + Trim(doc.lines[end_line].text) + "'), which could not be read");
        break;
      }
    }
  }
  // Likewise a municipality's row shortly above where the table was taken to
  // start: it was left out, and a row of zeros left out changes no sum.
  {
    int seen = 0;
    for (int j = start - 1; j >= first && seen < 6; --j) {
      const std::string t = Trim(doc.lines[j].text);
      if (!HasAlnum(t) || IsPageFurniture(t)) continue;
      ++seen;
      if (t.back() == ':' || StartsWithArtikel(ContentWords(t))) break;
      std::optional<Item> above = classify(j);
      if (above && above->kind == Item::kRow && !IsTotalLabel(above->text) &&
          MatchMunicipality(above->text, province).municipality) {
        table.alignment_problems.push_back("line " + std::to_string(doc.lines[j].line_no) + " ('" +
                                           t + "') above the table looks like its row");
        break;
      }
    }
  }
  table.first_line = doc.lines[start].line_no;
  table.last_line = items.empty() ? table.first_line : items.back().line_no;

  // 2. Row-wise ("Almelo 468 0 468" per line) or column-wise (blocks).
  size_t row_items = 0, name_items = 0;
  for (const Item& it : items) {
    if (it.kind == Item::kRow) ++row_items;
    if (it.kind == Item::kName && !IsTotalLabel(it.text)) ++name_items;
  }
  std::vector<ColumnPart> parts;
  if (row_items >= name_items && row_items > 0) {
    parts.push_back(ReadRowWise(doc, items, furniture_lines, province, table));
  } else {
    // One part per page: a part needs names and numbers of its own, so
    // furniture before the table's end, or a page with only a Totaal row,
    // does not split it.
    std::vector<size_t> bounds{0};
    for (size_t k : part_starts) {
      if (k > bounds.back() && k < items.size()) bounds.push_back(k);
    }
    bounds.push_back(items.size());
    auto complete = [&](size_t b, size_t e) {
      bool has_name = false, has_numbers = false;
      for (size_t k = b; k < e; ++k) {
        has_name = has_name || (items[k].kind == Item::kName && !IsTotalLabel(items[k].text));
        has_numbers = has_numbers || items[k].kind == Item::kNumbers;
      }
      return has_name && has_numbers;
    };
    for (size_t k = 1; k + 1 < bounds.size();) {
      if (!complete(bounds[k - 1], bounds[k]) || !complete(bounds[k], bounds[k + 1])) {
        bounds.erase(bounds.begin() + k);
      } else {
        ++k;
      }
    }
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
        table.alignment_problems.push_back("page part " + std::to_string(k + 1) + " has " +
                                           std::to_string(parts[k].columns.size()) +
                                           " numeric columns, the first part " +
                                           std::to_string(parts[0].columns.size()));
        parts.resize(1);  // the other parts cannot be aligned; the record goes to review
        break;
      }
    }
  }
  if (!furniture_lines.empty()) {
    std::string lines;
    for (int li : furniture_lines) lines += " " + std::to_string(doc.lines[li].line_no);
    table.notes.push_back("page furniture skipped at line(s)" + lines);
  }
  size_t n_names = 0;
  for (const ColumnPart& p : parts) n_names += p.names.size();
  if (n_names == 0) return Status::NotFound("allocation table has no municipality names");
  const size_t n_columns = parts[0].columns.size();
  if (n_columns < 2 || n_columns > 3) {
    table.alignment_problems.push_back("found " + std::to_string(n_columns) +
                                       " numeric columns; expected regulier, amv and totaal");
  }

  // 3. Which numeric column is which: try every assignment, keep the cheapest
  //    consistent one. Header hints and magnitudes only break exact ties.
  //    Each page part has its own block order (OCR may read the columns of
  //    page 2 in another order): every combination competes.
  struct Scored {
    std::vector<std::vector<int>> perms;  // per part: perms[p][k] = column of block k
    int cost;
    int hint_agreement;
    int amv_smaller;  // parts whose amv column is much smaller than regulier
    RawTable table;
    int lower_bound = 0;  // on `cost`; INT_MAX: no consistent reading at all
  };
  std::vector<Scored> scored;
  // Two blocks may be any two of the three columns (a block can be lost to
  // the OCR): all six ordered pairs compete, the third column derived.
  std::vector<std::vector<int>> orders;
  if (n_columns == 3 || n_columns == 2) {
    std::vector<int> all{0, 1, 2};
    do {
      std::vector<int> cols(all.begin(), all.begin() + n_columns);
      if (std::find(orders.begin(), orders.end(), cols) == orders.end()) orders.push_back(cols);
    } while (std::next_permutation(all.begin(), all.end()));
  }
  // Up to three page parts, every combination of orders (at most 216); more
  // parts share one order. All parts must have the same columns.
  std::vector<std::vector<std::vector<int>>> assignments;
  for (const std::vector<int>& first : orders) {
    if (parts.size() > kMaxPartsWithOwnOrder) {
      assignments.emplace_back(parts.size(), first);
      continue;
    }
    std::vector<std::vector<std::vector<int>>> partial = {{first}};
    for (size_t p = 1; p < parts.size(); ++p) {
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
  for (const std::vector<std::vector<int>>& perms : assignments) {
    RawTable t = table;
    t.column_present = {false, false, false};
    for (int c : perms[0]) t.column_present[c] = true;
    int hint = 0, amv_smaller = 0;
    for (size_t p = 0; p < parts.size(); ++p) {
      const ColumnPart& part = parts[p];
      const std::vector<int>& cols = perms[p];
      for (size_t i = 0; i < part.names.size(); ++i) {
        RawRow row;
        row.name.text = part.names[i].text;
        row.name.present = true;
        row.name.where.line = part.names[i].line_no;
        for (size_t k = 0; k < part.columns.size(); ++k) {
          if (i < part.columns[k].size() && !part.columns[k][i].text.empty()) {
            row.cells[cols[k]] = MakeCell(part.columns[k][i]);
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
            total.cells[column] = MakeCell((*part.total_cells)[k]);
        }
        t.total_row = total;
      }
      for (size_t k = 0; k < part.columns.size(); ++k) {
        if (part.hints[k].size() == 1 && part.hints[k].count(cols[k])) ++hint;
        if (part.hints[k].size() == 1 && !part.hints[k].count(cols[k])) --hint;
      }
      long sums[3] = {0, 0, 0};
      for (size_t k = 0; k < part.columns.size(); ++k) {
        for (const NumberCell& c : part.columns[k]) {
          if (auto r = BestReading(c.text)) sums[cols[k]] += r->value;
        }
      }
      if (!t.column_present[kRegulier]) sums[kRegulier] = sums[kTotaal] - sums[kAmv];
      if (!t.column_present[kAmv]) sums[kAmv] = sums[kTotaal] - sums[kRegulier];
      if (2 * sums[kAmv] < sums[kRegulier]) ++amv_smaller;
    }
    scored.push_back({perms, INT_MAX, hint, amv_smaller, std::move(t)});
  }
  // Score each assignment by its cheapest consistent reading. A wrong
  // assignment usually has none, and proving that at the full repair budget
  // is slow; so first search every assignment shallowly, then search the
  // others only up to the best cost found (a costlier one can never win).
  // All assignments share one work budget, so a hopeless table costs a
  // bounded time; an assignment left unproven by the budget makes the choice
  // doubtful, never silently taken.
  uint64_t steps_left = kColumnSearchSteps;
  bool unproven = false;
  auto solve = [&](Scored& sc, SolverOptions o) {
    o.max_steps = std::min<uint64_t>(o.max_steps, steps_left);
    Solution s = SolveTable(SolverRowsFor(sc.table), TargetsFor(sc.table, stated), o);
    steps_left -= std::min(steps_left, s.steps);
    if (s.outcome == Solution::Outcome::kUnique || s.outcome == Solution::Outcome::kTie)
      sc.cost = s.cost;
    if (s.outcome == Solution::Outcome::kBudgetExceeded) unproven = true;
  };
  // Each part's own rows (row arithmetic only, no column sums) bound an
  // assignment's cost from below, cheaply. Assignments are tried cheapest
  // bound first, and one whose bound exceeds the best cost found is ruled
  // out without a search: still exact. With several page parts the
  // assignments multiply; with one, a wrong assignment whose rows do not
  // add up is otherwise costly to refute under the column sums.
  {
    std::map<std::pair<size_t, std::vector<int>>, int> part_bound;
    for (Scored& sc : scored) {
      size_t first_row = 0;
      for (size_t p = 0; p < parts.size() && sc.lower_bound != INT_MAX; ++p) {
        const size_t rows = parts[p].names.size();
        auto [it, fresh] = part_bound.try_emplace({p, sc.perms[p]}, 0);
        if (fresh) {
          RawTable alone = sc.table;
          alone.total_row.reset();
          alone.rows.assign(sc.table.rows.begin() + first_row,
                            sc.table.rows.begin() + first_row + rows);
          SolverOptions o;
          o.max_steps = steps_left;
          Solution s = SolveTable(SolverRowsFor(alone), {}, o);
          steps_left -= std::min(steps_left, s.steps);
          if (s.outcome == Solution::Outcome::kInfeasible) it->second = INT_MAX;
          if (s.outcome == Solution::Outcome::kUnique || s.outcome == Solution::Outcome::kTie)
            it->second = s.cost;
        }
        sc.lower_bound = it->second == INT_MAX ? INT_MAX : sc.lower_bound + it->second;
        first_row += rows;
      }
    }
  }
  // Cheapest bound first; among equal bounds the likeliest (header words,
  // then amv the smaller column), so the shared budget is spent where the
  // answer usually is.
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    if (a.lower_bound != b.lower_bound) return a.lower_bound < b.lower_bound;
    if (a.hint_agreement != b.hint_agreement) return a.hint_agreement > b.hint_agreement;
    return a.amv_smaller > b.amv_smaller;
  });
  // Shallow searches at growing depth: a table that needs a deeper repair
  // (cost 12 where the first round stops at 8) is found before the hopeless
  // assignments have been searched deep, which is what exhausts the budget.
  int best_cost = INT_MAX;
  for (int extra : {8, 16, 24}) {
    SolverOptions shallow;
    shallow.max_extra_cost = extra;
    for (Scored& sc : scored) {
      if (sc.lower_bound == INT_MAX || (best_cost != INT_MAX && sc.lower_bound > best_cost))
        continue;
      if (sc.cost == INT_MAX) solve(sc, shallow);
      best_cost = std::min(best_cost, sc.cost);
    }
    if (best_cost != INT_MAX) break;
  }
  unproven = false;  // a shallow search may stop early; only the deep one counts
  SolverOptions deep;
  if (best_cost != INT_MAX) deep.max_total_cost = best_cost;
  for (Scored& sc : scored) {
    if (sc.lower_bound == INT_MAX || (best_cost != INT_MAX && sc.lower_bound > best_cost)) continue;
    if (sc.cost == INT_MAX) solve(sc, deep);
  }
  if (scored.empty()) {
    return table;  // alignment_problems say why
  }
  // Cheapest first; among equal cost, more header agreement, then amv smaller.
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    if (a.hint_agreement != b.hint_agreement) return a.hint_agreement > b.hint_agreement;
    return a.amv_smaller > b.amv_smaller;
  });
  const Scored& best = scored[0];
  RawTable result = best.table;
  auto describe = [&](const Scored& s) {
    auto order = [](const std::vector<int>& perm) {
      std::string d;
      for (size_t k = 0; k < perm.size(); ++k) {
        d += (k ? ", " : "") + std::string("block ") + std::to_string(k + 1) + "=" +
             ColumnName(perm[k]);
      }
      return d;
    };
    if (std::all_of(s.perms.begin(), s.perms.end(),
                    [&](const std::vector<int>& p) { return p == s.perms[0]; }))
      return order(s.perms[0]) + (s.perms.size() > 1 ? " on every page part" : "");
    std::string d;
    for (size_t p = 0; p < s.perms.size(); ++p) {
      d += (p ? "; " : "") + std::string("page part ") + std::to_string(p + 1) + ": " +
           order(s.perms[p]);
    }
    return d;
  };
  if (best.cost == INT_MAX) {
    result.notes.push_back("no column assignment makes the table consistent; kept " +
                           describe(best));
    result.alignment_problems.push_back("columns could not be identified by arithmetic");
    return result;
  }
  result.notes.push_back("columns by arithmetic (repair cost " + std::to_string(best.cost) +
                         "): " + describe(best));
  if (unproven) {
    result.alignment_problems.push_back(
        "column assignment not proven: the search budget ran out before every other "
        "assignment was ruled out");
  }
  if (scored.size() > 1 && scored[1].cost == best.cost) {
    const Scored& second = scored[1];
    if (second.hint_agreement != best.hint_agreement) {
      result.notes.push_back("tie with " + describe(second) + " broken by the header words");
    } else if (second.amv_smaller != best.amv_smaller) {
      result.notes.push_back("tie with " + describe(second) +
                             " broken by magnitude (amv column much smaller than regulier)");
    } else {
      result.alignment_problems.push_back("column assignment ambiguous: " + describe(best) +
                                          " or " + describe(second));
    }
  }
  return result;
}

}  // namespace verdeelscan
