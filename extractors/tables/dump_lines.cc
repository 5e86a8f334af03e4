// Words and lines of a text dump: what each line of a table region is.
#include <algorithm>
#include <cctype>
#include <sstream>

#include "extractors/documents/dates.h"
#include "extractors/tables/columns.h"
#include "extractors/tables/dump_reader.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace verdeelscan::dump_reader {

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

namespace {

bool Near(const std::string& folded, const char* word, int limit) {
  return OcrEditCostAtMost(folded, word, limit);
}

}  // namespace

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

namespace {

// A header word of columns.h, at this reader's tolerance.
HeaderWord ClassifyHeaderWord(const std::string& word) {
  std::string f = FoldName(word);
  if (f.empty()) return HeaderWord::kFiller;  // punctuation such as "-" or "|"
  for (const HeaderSpelling& s : kColumnHeaderWords) {
    if (s.dump_limit != kNotMatched && Near(f, s.folded, s.dump_limit))
      return HeaderWordOf(s.column);
  }
  for (const HeaderSpelling& s : kFillerHeaderWords) {
    if (s.dump_limit == kNotMatched) continue;
    // A limit of 0 is an exact match ("naam", not "naan").
    if (s.dump_limit == 0 ? f == s.folded : Near(f, s.folded, s.dump_limit))
      return HeaderWord::kFiller;
  }
  // "opvangplaatsen", also merged and damaged: "oovanoolaatsenoovanqplaatsen".
  if (static_cast<int>(f.size()) >= kPlacesMinLengthDump) {
    if (f.find(kPlacesPart) != std::string::npos || f.find(kPlacesPartDamaged) != std::string::npos)
      return HeaderWord::kFiller;
    for (const PlacesSpelling& p : kPlacesWords)
      if (Near(f, p.folded, p.limit)) return HeaderWord::kFiller;
  }
  return HeaderWord::kNone;
}

}  // namespace

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

namespace {

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

}  // namespace

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

namespace {

bool LooksLikeProse(const std::string& text) {
  std::vector<std::string> w = ContentWords(text);
  return w.size() >= 5;
}

}  // namespace

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

int HintColumn(HeaderWord h) {
  const int column = ColumnOf(h);
  return column >= 0 ? column : -1;  // only the numeric columns are hints
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
  constexpr size_t kColumns = kColumnCount;
  if (want != kColumns || numbers.size() != kColumns + 1) return std::nullopt;
  std::optional<std::pair<std::vector<std::string>, std::string>> found;
  int ways = 0;
  for (size_t i = 0; i + 1 < numbers.size(); ++i) {
    const std::string joined = numbers[i] + numbers[i + 1];
    if (joined.size() > 4) continue;
    std::vector<std::string> out(numbers.begin(), numbers.begin() + i);
    out.push_back(joined);
    out.insert(out.end(), numbers.begin() + i + 2, numbers.end());
    std::array<long, kColumnCount> v{};
    bool readable = true;
    for (size_t k = 0; k < kColumns && readable; ++k) {
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
}  // namespace verdeelscan::dump_reader
