#include "tools/dumpgen/dumpgen.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <random>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "validators/reference.h"

namespace verdeelscan {
namespace {

// Spaces inside a token that line wrapping must keep together ("5. 787",
// "2O december"); replaced by ' ' when the line is written.
constexpr char kGlue = '\x1f';

// std::uniform_int_distribution differs between standard libraries; the
// engine's raw output does not. Ranges are mapped by hand so that a seed
// means the same document everywhere (the committed samples depend on it).
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL) {}
  uint64_t Next() { return engine_(); }
  int Int(int lo, int hi) {  // inclusive
    if (hi <= lo) return lo;
    return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Next() % v.size()];
  }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (int i = static_cast<int>(v.size()) - 1; i > 0; --i) std::swap(v[i], v[Int(0, i)]);
  }

 private:
  std::mt19937_64 engine_;
};

struct Row {
  const Municipality* m = nullptr;
  long regulier = 0, amv = 0;
  long totaal() const { return regulier + amv; }
};

enum Field { kName = 0, kRegulier = 1, kAmv = 2, kTotaal = 3 };
const char* FieldName(int f) {
  static const char* kNames[] = {"gemeente", "regulier", "amv", "totaal"};
  return kNames[f];
}

// ---------------------------------------------------------------- output --

// Collects the dump line by line. OCR dumps of scans are full of empty lines
// and trailing blanks; both are sprinkled here at the configured rate.
class Writer {
 public:
  Writer(Rng& rng, const DumpGenOptions& o) : rng_(rng), o_(o) {}

  void Line(std::string s) {
    for (char& c : s)
      if (c == kGlue) c = ' ';
    if (rng_.Chance(0.5)) s += ' ';
    out_ += s;
    out_ += '\n';
    if (rng_.Chance(o_.blank_line_rate)) out_ += '\n';
  }
  void Blank(int n = 1) { out_.append(n, '\n'); }

  // Prose as OCR breaks it: lines of a few words, now and then a lone comma
  // or apostrophe where the scanner saw a speck.
  void Paragraph(std::string_view text) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && text[i] == ' ') ++i;
      size_t j = i;
      while (j < text.size() && text[j] != ' ') ++j;
      if (j > i) words.emplace_back(text.substr(i, j - i));
      i = j;
    }
    size_t w = 0;
    while (w < words.size()) {
      int n = rng_.Chance(0.3) ? rng_.Int(1, 3) : rng_.Int(4, 12);
      std::string line;
      for (int k = 0; k < n && w < words.size(); ++k, ++w) {
        if (!line.empty()) line += ' ';
        line += words[w];
        if (rng_.Chance(0.03)) line += rng_.Chance(0.7) ? " ," : "'";
      }
      Line(line);
    }
    Blank();
  }

  const std::string& text() const { return out_; }

 private:
  Rng& rng_;
  const DumpGenOptions& o_;
  std::string out_;
};

// --------------------------------------------------------------- numbers --

// 5787 as "5787", "5.787" or the OCR-broken "5. 787".
std::string Thousands(long v, int style) {
  std::string d = std::to_string(v);
  if (v < 1000 || style == 0) return d;
  std::string out;
  int lead = static_cast<int>(d.size()) % 3;
  if (lead == 0) lead = 3;
  out = d.substr(0, lead);
  for (size_t i = lead; i < d.size(); i += 3) {
    out += style == 1 ? "." : std::string(".") + kGlue;
    out += d.substr(i, 3);
  }
  return out;
}

std::string ProseNumber(Rng& rng, long v) {
  double u = rng.Unit();
  return Thousands(v, u < 0.4 ? 0 : (u < 0.75 ? 1 : 2));
}

// Letters OCR engines read for digits in small print.
const std::vector<std::string>& GlyphsFor(char digit) {
  static const std::array<std::vector<std::string>, 10> kMap = {{
      {"o", "O"},                      // 0
      {"L", "l", "I", "t", "r", "i"},  // 1
      {"Z"},                           // 2
      {},                              // 3
      {"A"},                           // 4 (rare, see GlyphDamage)
      {"s", "S"},                      // 5
      {"G", "b"},                      // 6
      {},                              // 7
      {"B", "a"},                      // 8
      {"g", "q"},                      // 9
  }};
  return kMap[digit - '0'];
}

// One or two digits of `s` replaced by look-alike letters.
std::string GlyphDamage(Rng& rng, std::string s) {
  int hits = rng.Chance(0.15) ? 2 : 1;
  for (int h = 0; h < hits; ++h) {
    std::vector<size_t> pos;
    for (size_t i = 0; i < s.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) continue;
      if (GlyphsFor(s[i]).empty()) continue;
      if (s[i] == '4' && !rng.Chance(0.25)) continue;
      pos.push_back(i);
    }
    if (pos.empty()) break;
    size_t p = rng.Pick(pos);
    std::string g = rng.Pick(GlyphsFor(s[p]));
    s.replace(p, 1, g);
  }
  return s;
}

// A valid-looking misreading: one digit replaced by its usual confusion.
// Returns false when `s` has no digit that can be swapped without producing
// a leading zero.
bool DigitSwap(Rng& rng, std::string& s) {
  auto other = [](char c) -> char {
    switch (c) {
      case '1':
        return '7';
      case '7':
        return '1';
      case '3':
        return '8';
      case '5':
        return '6';
      case '6':
        return '5';
      case '0':
        return '8';
      case '8':
        return '3';  // 8 reads as 3 or 0; 0 only when not leading
      default:
        return 0;
    }
  };
  std::vector<std::pair<size_t, char>> cand;
  for (size_t i = 0; i < s.size(); ++i) {
    char o = other(s[i]);
    if (!o) continue;
    cand.push_back({i, o});
    if (s[i] == '8' && (i > 0 || s.size() == 1)) cand.push_back({i, '0'});
  }
  if (cand.empty()) return false;
  auto [p, c] = rng.Pick(cand);
  s[p] = c;
  return true;
}

// One digit lost ("142" → "42"); never leaves a leading zero or nothing.
bool DropDigit(Rng& rng, std::string& s) {
  if (s.size() < 2) return false;
  std::vector<size_t> cand;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 0 && s[1] == '0') continue;
    cand.push_back(i);
  }
  if (cand.empty()) return false;
  s.erase(rng.Pick(cand), 1);
  return true;
}

// ----------------------------------------------------------------- names --

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every spelling of every municipality, lower case: a damaged name that
// lands on one of these would be a different, valid name, which no reader
// could undo, so such damage is not generated.
const std::set<std::string>& AllSpellings() {
  static const std::set<std::string> kAll = [] {
    std::set<std::string> s;
    for (const Municipality& m : Reference::Default().municipalities()) {
      s.insert(Lower(m.name));
      for (const std::string& a : m.aliases) s.insert(Lower(a));
    }
    return s;
  }();
  return kAll;
}

std::string NameDamage(Rng& rng, const std::string& name) {
  static const std::vector<std::pair<std::string, std::string>> kSubs = {
      {"ij", "ii"}, {"g", "q"},  {"p", "D"}, {"e", "c"}, {"l", "I"}, {"rn", "m"},
      {"s", "e"},   {"m", "rn"}, {"i", "l"}, {"a", "e"}, {"o", "a"}, {"n", "ri"}};
  for (int attempt = 0; attempt < 4; ++attempt) {
    std::string s = name;
    int hits = rng.Chance(0.2) ? 2 : 1;
    for (int h = 0; h < hits; ++h) {
      std::vector<std::pair<size_t, size_t>> cand;  // position, substitution
      for (size_t k = 0; k < kSubs.size(); ++k) {
        const std::string& from = kSubs[k].first;
        for (size_t p = s.find(from, 1); p != std::string::npos; p = s.find(from, p + 1))
          cand.push_back({p, k});
      }
      if (cand.empty()) break;
      auto [p, k] = rng.Pick(cand);
      s.replace(p, kSubs[k].first.size(), kSubs[k].second);
    }
    if (s != name && !AllSpellings().count(Lower(s))) return s;
  }
  return name;
}

// How the table prints a municipality: its official name, or the alias with
// the province tag that the ministry's tables use ("Hengelo (O.)"), with the
// OCR's habit of a blank before the closing parenthesis.
std::string DisplayName(Rng& rng, const Municipality& m) {
  std::string s = m.name;
  for (const std::string& a : m.aliases) {
    if (a.rfind(m.name + " (", 0) == 0 && a.back() == ')' && rng.Chance(0.7)) {
      s = a;
      break;
    }
  }
  if (rng.Chance(0.3)) {
    size_t p = s.find(".)");
    if (p != std::string::npos) s.replace(p, 2, ". )");
  }
  return s;
}

// A name as one or two dump lines: "Hengelo" / "(O. )", or a long name
// broken at a blank.
std::vector<std::string> SplitName(Rng& rng, const std::string& s, double rate) {
  size_t paren = s.find(" (");
  if (paren != std::string::npos && rng.Chance(rate * 1.5))
    return {s.substr(0, paren), s.substr(paren + 1)};
  if (s.size() >= 14 && rng.Chance(rate * 0.5)) {
    std::vector<size_t> blanks;  // never inside "(Z. )": it wraps as a whole
    for (size_t i = 1; i + 1 < std::min(s.size(), paren); ++i)
      if (s[i] == ' ') blanks.push_back(i);
    if (!blanks.empty()) {
      size_t b = rng.Pick(blanks);
      return {s.substr(0, b), s.substr(b + 1)};
    }
  }
  return {s};
}

std::string Slug(std::string s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == 0xC3 && i + 1 < s.size()) {  // â, ú, ...: keep the base letter
      unsigned char d = s[++i];
      out += (d >= 0xA0 && d <= 0xA5) ? 'a' : (d >= 0xB9 && d <= 0xBC) ? 'u' : 'x';
    } else if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  return out;
}

// ------------------------------------------------------------ the table --

struct CellText {
  std::string text;
  std::string damage;  // "", "glyph", "swap", "drop" (for the generator block)
  bool nil = false;    // a 0 printed as the table's nil dash: never damaged
};

// How the table is printed besides its damage (DumpGenOptions: nil_dash_rate,
// total_label_province_rate, cell_separator_rate); all drawn from the style
// stream in Generate.
struct TableStyle {
  std::string nil_dash;          // printed for 0; "" prints "0"
  std::string total_suffix;      // after "Totaal" in the Totaal row: " provincie X", " X" or ""
  bool cell_separators = false;  // row-wise lines as "| a | b | c | d |"
  bool ruling_line = false;      // with separators: "|---|---|---|---|" under the header
};

// Column headers as OCR renders them, from clean to badly damaged.
std::string HeaderFor(Rng& rng, Field f) {
  static const std::vector<std::string> kNameH = {"Gemeente", "Gemeente",  "Gemeente",
                                                  "Gemcente", "Gemeenten", "Gerneente"};
  static const std::vector<std::string> kReg = {"Reguliere opvangplaatsen",
                                                "Reguliere opvangplaatsen",
                                                "Reguliere oovanqplaatsen",
                                                "Reguliere opvanqplaatsen",
                                                "Regulier",
                                                "Reguliere",
                                                "Requliere opvangpIaatsen"};
  static const std::vector<std::string> kAmvH = {"Amv-opvangplaatsen",
                                                 "Amv-opvangplaatsen",
                                                 "Amv- opvangplaatsen",
                                                 "Amv- oovanoolaatsen",
                                                 "AMV",
                                                 "Amv",
                                                 "Arnv-opvangplaatsen"};
  static const std::vector<std::string> kTot = {"Totaal", "Totaal", "Totaal",
                                                "Totaa1", "TotaaI", "Totaal opvangplaatsen"};
  switch (f) {
    case kName:
      return rng.Pick(kNameH);
    case kRegulier:
      return rng.Pick(kReg);
    case kAmv:
      return rng.Pick(kAmvH);
    case kTotaal:
      return rng.Pick(kTot);
  }
  return "";
}

std::string ShortHeader(Rng& rng, Field f) {
  switch (f) {
    case kName:
      return rng.Chance(0.8) ? "Gemeente" : "Gemcente";
    case kRegulier:
      return rng.Chance(0.7) ? "Reguliere" : "Regulier";
    case kAmv:
      return rng.Chance(0.7) ? "Amv-" : "Amv";
    case kTotaal:
      return rng.Chance(0.8) ? "Totaal" : "Totaa1";
  }
  return "";
}

std::string OpvangWord(Rng& rng) {
  static const std::vector<std::string> kWords = {
      "opvangplaatsen", "oovanoolaatsen", "oovanqplaatsen", "opvanqplaatsen", "opvangpIaatsen"};
  return rng.Pick(kWords);
}

std::string Stray(Rng& rng) { return rng.Chance(0.6) ? "|" : ","; }

struct TableText {
  // cells[row][field]: the printed (possibly damaged) text; the Totaal row,
  // when present, is the last entry.
  std::vector<std::array<CellText, 4>> cells;
  bool totaal_row = false;
};

TableText DamageTable(Rng& rng, const DumpGenOptions& o, const std::vector<Row>& rows,
                      bool totaal_row, const TableStyle& style, nlohmann::json& log) {
  TableText t;
  t.totaal_row = totaal_row;
  // A true 0 in a table that prints nil as a dash.
  auto nil = [&](CellText& c, long value) {
    if (value != 0 || style.nil_dash.empty()) return;
    c.text = style.nil_dash;
    c.nil = true;
  };
  long sum_r = 0, sum_a = 0;
  for (const Row& r : rows) {
    std::array<CellText, 4> c;
    c[kName].text = DisplayName(rng, *r.m);
    c[kRegulier].text = std::to_string(r.regulier);
    c[kAmv].text = std::to_string(r.amv);
    c[kTotaal].text = Thousands(r.totaal(), rng.Chance(0.5) ? 1 : 0);
    nil(c[kRegulier], r.regulier);
    nil(c[kAmv], r.amv);
    nil(c[kTotaal], r.totaal());
    t.cells.push_back(c);
    sum_r += r.regulier;
    sum_a += r.amv;
  }
  const int n = static_cast<int>(rows.size());

  // Valid-looking damage (swap, dropped digit): at most one cell per row, so
  // that the row equation always shows where it is.
  std::vector<bool> row_touched(n, false);
  int swaps = rng.Chance(o.digit_swap_table_rate) ? rng.Int(1, std::max(1, o.max_digit_swaps)) : 0;
  if (o.max_digit_swaps <= 0) swaps = 0;
  for (int s = 0, tries = 0; s < swaps && tries < 50; ++tries) {
    int i = rng.Int(0, n - 1);
    if (row_touched[i]) continue;
    Field f = static_cast<Field>(rng.Int(1, 3));
    CellText& c = t.cells[i][f];
    if (c.nil || c.text.find('.') != std::string::npos) continue;
    std::string before = c.text;
    if (!DigitSwap(rng, c.text)) continue;
    c.damage = "swap";
    row_touched[i] = true;
    log.push_back(
        {{"row", i}, {"field", FieldName(f)}, {"kind", "swap"}, {"from", before}, {"to", c.text}});
    ++s;
  }
  for (int i = 0; i < n; ++i) {
    for (int f = kRegulier; f <= kTotaal; ++f) {
      if (row_touched[i]) break;
      CellText& c = t.cells[i][f];
      if (c.text.find('.') != std::string::npos || !rng.Chance(o.dropped_digit_rate) || c.nil)
        continue;
      std::string before = c.text;
      if (!DropDigit(rng, c.text)) continue;
      c.damage = "drop";
      row_touched[i] = true;
      log.push_back({{"row", i},
                     {"field", FieldName(f)},
                     {"kind", "drop"},
                     {"from", before},
                     {"to", c.text}});
    }
  }
  if (totaal_row) {
    std::array<CellText, 4> c;
    c[kName].text = (rng.Chance(0.85) ? "Totaal" : "Totaa1") + style.total_suffix;
    int thousands = rng.Chance(0.5) ? 1 : 0;
    c[kRegulier].text = Thousands(sum_r, thousands);
    c[kAmv].text = Thousands(sum_a, thousands);
    c[kTotaal].text = Thousands(sum_r + sum_a, thousands);
    nil(c[kRegulier], sum_r);
    nil(c[kAmv], sum_a);
    nil(c[kTotaal], sum_r + sum_a);
    t.cells.push_back(c);
  }
  // Letters for digits and damaged names: visible damage, anywhere.
  for (size_t i = 0; i < t.cells.size(); ++i) {
    bool is_total = totaal_row && i + 1 == t.cells.size();
    for (int f = kRegulier; f <= kTotaal; ++f) {
      CellText& c = t.cells[i][f];
      // One kind of damage per cell keeps the log (and a post-mortem) exact.
      if (!rng.Chance(o.glyph_damage_rate) || !c.damage.empty() || c.nil) continue;
      std::string before = c.text;
      c.text = GlyphDamage(rng, c.text);
      if (c.text == before) continue;
      if (c.damage.empty()) c.damage = "glyph";
      log.push_back({{"row", static_cast<int>(i)},
                     {"field", FieldName(f)},
                     {"kind", "glyph"},
                     {"from", before},
                     {"to", c.text}});
    }
    if (!is_total && rng.Chance(o.name_damage_rate)) {
      std::string before = t.cells[i][kName].text;
      t.cells[i][kName].text = NameDamage(rng, before);
      if (t.cells[i][kName].text != before)
        log.push_back({{"row", static_cast<int>(i)},
                       {"field", FieldName(kName)},
                       {"kind", "name"},
                       {"from", before},
                       {"to", t.cells[i][kName].text}});
    }
  }
  return t;
}

// How the table runs over pages: rows [0, breaks[0]) on the first page,
// [breaks[0], breaks[1]) on the next, and so on; the Totaal row, when there
// is one, ends the last part. Before each later part comes the continuation
// page's furniture (lines; "" is a blank line).
struct TablePages {
  std::vector<int> breaks;
  std::vector<std::vector<std::string>> furniture;
};

// Bounds of the parts in t.cells: part k is [b[k], b[k + 1]).
std::vector<size_t> PartBounds(const TableText& t, const TablePages& pages) {
  std::vector<size_t> b = {0};
  for (int r : pages.breaks) b.push_back(static_cast<size_t>(r));
  b.push_back(t.cells.size());
  return b;
}

void WriteFurniture(const std::vector<std::string>& lines, Writer& w) {
  for (const std::string& l : lines) {
    if (l.empty())
      w.Blank();
    else
      w.Line(l);
  }
}

nlohmann::json OrderJson(const std::vector<Field>& order) {
  nlohmann::json j = nlohmann::json::array();
  for (Field f : order) j.push_back(FieldName(f));
  return j;
}

// One page's share of a column-wise table: a block per field in `order`
// holding rows [from, to) of t.cells, each under its own header or all under
// a merged pair of header lines at the top. Returns whether merged.
bool WriteColumnPart(Rng& rng, const DumpGenOptions& o, const TableText& t, size_t from, size_t to,
                     const std::vector<Field>& order, Writer& w) {
  bool merged = rng.Chance(0.35);
  std::array<bool, 4> header{};
  if (merged) {
    // "Amv- Reguliere" / "oovanoolaatsenoovanqplaatsen": the two numeric
    // headers side by side, in the page's order, not the dump's.
    bool amv_first = rng.Chance(0.5);
    Field a = amv_first ? kAmv : kRegulier, b = amv_first ? kRegulier : kAmv;
    w.Line(ShortHeader(rng, a) + " " + ShortHeader(rng, b));
    w.Line(OpvangWord(rng) + OpvangWord(rng));
    header[kName] = rng.Chance(0.85);
    header[kTotaal] = rng.Chance(0.7);
  } else {
    header[kName] = rng.Chance(0.9);
    header[kRegulier] = rng.Chance(0.9);
    header[kAmv] = rng.Chance(0.9);
    header[kTotaal] = rng.Chance(0.7);
  }
  for (Field f : order) {
    if (header[f]) {
      std::string h = HeaderFor(rng, f);
      size_t sp = h.find(' ');
      if (sp != std::string::npos && rng.Chance(0.4)) {
        w.Line(h.substr(0, sp));
        w.Line(h.substr(sp + 1));
      } else {
        w.Line(h);
      }
    }
    for (size_t i = from; i < to; ++i) {
      const auto& row = t.cells[i];
      if (f == kName && t.totaal_row && i + 1 == t.cells.size()) {
        w.Line(row[kName].text);  // "Totaal" or the province's label, whole
      } else if (f == kName) {
        for (const std::string& part : SplitName(rng, row[kName].text, 0.4)) w.Line(part);
      } else {
        w.Line(row[f].text);
      }
      if (rng.Chance(o.stray_token_rate)) w.Line(Stray(rng));
    }
    w.Blank();
  }
  return merged;
}

// The table dumped column by column, the way OCR of seed 001 reads it: one
// block per column, blocks in any order, headers per block or merged into a
// damaged pair of lines at the top. A table over several pages is dumped
// page by page, each page its own set of blocks; later pages keep the first
// page's block order unless page_order_change_rate says otherwise (drawn
// from `page_rng`, as everything about pages is).
void WriteColumnBlocks(Rng& rng, Rng& page_rng, const DumpGenOptions& o, const TableText& t,
                       const TablePages& pages, Writer& w, nlohmann::json& gen) {
  std::vector<Field> order = {kName, kRegulier, kAmv, kTotaal};
  rng.Shuffle(order);
  const std::vector<size_t> bounds = PartBounds(t, pages);
  nlohmann::json orders = nlohmann::json::array(), merged = nlohmann::json::array();
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    std::vector<Field> page_order = order;
    if (k > 0) {
      WriteFurniture(pages.furniture[k - 1], w);
      if (page_rng.Chance(o.page_order_change_rate))
        while (page_order == order) page_rng.Shuffle(page_order);
    }
    merged.push_back(WriteColumnPart(rng, o, t, bounds[k], bounds[k + 1], page_order, w));
    orders.push_back(OrderJson(page_order));
  }
  gen["layout"] = "columns";
  gen["block_order"] = OrderJson(order);
  gen["merged_header"] = merged[0];
  gen["page_block_orders"] = orders;
  gen["page_merged_headers"] = merged;
}

// The table dumped row by row ("Almelo 468 0 468"), columns possibly in
// another order, then with a header line naming them. A table over several
// pages has the continuation furniture between its parts, and each later
// part under a repeated header line with probability 0.7.
void WriteRows(Rng& rng, Rng& page_rng, const DumpGenOptions& o, const TableText& t,
               const TablePages& pages, const TableStyle& style, Writer& w, nlohmann::json& gen) {
  std::vector<Field> order = {kName, kRegulier, kAmv, kTotaal};
  bool standard = rng.Chance(0.6);
  if (!standard) {
    std::vector<Field> nums = {kRegulier, kAmv, kTotaal};
    rng.Shuffle(nums);
    int name_at = rng.Chance(0.8) ? 0 : rng.Int(1, 3);
    order = nums;
    order.insert(order.begin() + name_at, kName);
    standard = order == std::vector<Field>{kName, kRegulier, kAmv, kTotaal};
  }
  gen["layout"] = "rows";
  gen["column_order"] = OrderJson(order);

  auto header_line = [&](bool two_line) {
    if (style.cell_separators) {  // one line of cells, however the words are drawn
      std::string l = "|", ruling = "|";
      for (Field f : order) {
        std::string h = two_line ? ShortHeader(rng, f) : HeaderFor(rng, f);
        if (two_line && (f == kRegulier || f == kAmv)) h += " " + OpvangWord(rng);
        l += " " + h + " |";
        ruling += "---|";
      }
      w.Line(l);
      if (style.ruling_line) w.Line(ruling);
    } else if (two_line) {  // first words, then the rest
      std::string l1, l2;
      for (Field f : order) {
        l1 += (l1.empty() ? "" : " ") + ShortHeader(rng, f);
        if (f == kRegulier || f == kAmv) l2 += (l2.empty() ? "" : " ") + OpvangWord(rng);
      }
      w.Line(l1);
      w.Line(l2);
    } else {
      std::string l;
      for (Field f : order) l += (l.empty() ? "" : " ") + HeaderFor(rng, f);
      w.Line(l);
    }
  };
  const bool first_header = !standard || rng.Chance(0.6);
  // A repeated header is printed in the first one's style.
  const bool two_line =
      first_header ? rng.Chance(0.3) : (!pages.breaks.empty() && page_rng.Chance(0.3));
  if (first_header) header_line(two_line);
  nlohmann::json headers = nlohmann::json::array({first_header});

  std::string sep = rng.Chance(0.2) ? " | " : (rng.Chance(0.2) ? "  " : " ");
  if (style.cell_separators) sep = " | ";
  const std::vector<size_t> bounds = PartBounds(t, pages);
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    if (k > 0) {
      WriteFurniture(pages.furniture[k - 1], w);
      bool h = page_rng.Chance(0.7);
      if (h) header_line(two_line);
      headers.push_back(h);
    }
    for (size_t i = bounds[k]; i < bounds[k + 1]; ++i) {
      const auto& row = t.cells[i];
      const bool total = t.totaal_row && i + 1 == t.cells.size();  // its label is never broken
      std::vector<std::string> name =
          total ? std::vector<std::string>{row[kName].text} : SplitName(rng, row[kName].text, 0.25);
      bool tail_below = name.size() == 2 && rng.Chance(0.5);  // "(O.)" on the next line
      std::string line;
      std::string carried;
      for (Field f : order) {
        std::string cell = row[f].text;
        if (f == kName && name.size() == 2) {
          cell = tail_below ? name[0] : name[1];
          carried = tail_below ? name[1] : name[0];
        }
        if (!line.empty()) line += sep;
        line += cell;
        if (rng.Chance(o.stray_token_rate)) {
          // Between cell separators a speck's "|" would be one more (empty)
          // cell, not a speck: there it is read as ",".
          std::string stray = Stray(rng);
          line += " " + (style.cell_separators ? std::string(",") : stray);
        }
      }
      if (style.cell_separators) line = "| " + line + " |";
      if (!carried.empty() && !tail_below) w.Line(carried);
      w.Line(line);
      if (!carried.empty() && tail_below) w.Line(carried);
    }
  }
  w.Blank();
  gen["page_headers"] = headers;
}

// ---------------------------------------------------------------- prose --

const char* kMonths[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                         "juli",    "augustus", "september", "oktober", "november", "december"};

struct Date {
  int y, m, d;
  std::string Iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  // "20 december 2024", with kGlue between the parts; zeros as letter O
  // when the scan was poor.
  std::string Dutch(bool o_for_zero) const {
    std::string s = std::to_string(d) + kGlue + kMonths[m - 1] + kGlue + std::to_string(y);
    if (o_for_zero)
      for (char& c : s)
        if (c == '0') c = 'O';
    return s;
  }
};

// "A , B , C en D" for the excluded-municipality lists.
std::string Enumerate(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s += (i + 1 == names.size()) ? " en " : " , ";
    s += names[i];
  }
  return s;
}

const std::vector<std::string>& FillerSentences() {
  static const std::vector<std::string> kFiller = {
      "Dank voor je bericht van vanmorgen.",
      "Hierbij stuur ik je het besluit zoals wij het vandaag hebben ontvangen.",
      "Kun je nagaan of de aantallen overeenkomen met wat in de PRT is afgesproken?",
      "Wij hebben op dit moment 45 plekken in voorbereiding op de locatie aan de 5.1.2e.",
      "Het college wordt in de vergadering van 14 januari geinformeerd.",
      "Zie ook de bijlage , pagina 3 en 4.",
      "Graag bespreken we dit in het overleg van donderdag om 10.00 uur.",
      "De raad heeft in november een motie aangenomen over de opvang van 60 amv.",
      "Met vriendelijke groet ,",
      "Ik heb het stuk doorgestuurd naar de portefeuillehouder.",
      "Er volgt nog een reactie van het COA over de locatie.",
      "Het verslag van de regietafel is op 31 oktober verzonden.",
  };
  return kFiller;
}

void WriteEmails(Rng& rng, const std::string& province, const std::string& gemeente, Writer& w) {
  int n = rng.Int(1, 3);
  static const char* kDays[] = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"};
  for (int i = 0; i < n; ++i) {
    w.Line("Van: 5.1.2e");
    w.Line("Verzonden: " + std::string(kDays[rng.Int(0, 4)]) + " " +
           std::to_string(rng.Int(16, 23)) + " december 2024 " + std::to_string(rng.Int(8, 17)) +
           ":" + std::to_string(rng.Int(10, 59)));
    w.Line("Aan: 5.1.2e");
    w.Line("CC: 5.1.2e");
    w.Line(std::string("Onderwerp: ") + (i + 1 < n ? "RE: " : "") + "Verdeelbesluit provincie " +
           province);
    w.Blank();
    w.Paragraph("Goedemiddag ,");
    std::string body;
    for (int k = rng.Int(2, 5); k > 0; --k) body += rng.Pick(FillerSentences()) + " ";
    w.Paragraph(body);
    w.Paragraph("5.1.2e Gemeente " + gemeente);
    w.Blank(2);
  }
}

void WriteCoverLetter(Rng& rng, const std::string& province, const Row& row, Writer& w) {
  w.Line("Aanbieding verdeelbesluit");
  w.Line("provincie " + province);
  w.Blank();
  w.Paragraph("Aan het college van burgemeester en wethouders van de gemeente " + row.m->name);
  w.Paragraph("Geacht college , Hierbij ontvangt u het verdeelbesluit voor de provincie " +
              province +
              " op grond van artikel 5 van de Wet gemeentelijke taak mogelijk maken "
              "asielopvangvoorzieningen. Het besluit is tevens gepubliceerd in de Staatscourant.");
  if (rng.Chance(0.6))
    w.Paragraph("Voor uw gemeente betekent dit een taak van " + std::to_string(row.regulier) +
                " reguliere opvangplaatsen en " + std::to_string(row.amv) + " amv-opvangplaatsen.");
  std::string body;
  for (int k = rng.Int(1, 3); k > 0; --k) body += rng.Pick(FillerSentences()) + " ";
  w.Paragraph(body);
  w.Paragraph("De Minister van Asiel en Migratie , 5.1.2e");
}

// Where a table of `rows` rows breaks over pages (page_break_rate), and the
// continuation page's furniture before each later part, in the style of a
// government letter's OCR (seed 001): the side column ("Datum" / the date,
// "Kenmerk" / the reference) and a page number, in some order, with blank
// lines; a furniture word mildly damaged now and then.
TablePages PlanPages(Rng& page_rng, const DumpGenOptions& o, int rows, const Date& date,
                     bool o_for_zero, const std::string& reference) {
  TablePages pages;
  if (rows < 12 || !page_rng.Chance(o.page_break_rate)) return pages;
  const int parts = rows >= 36 ? 3 : 2;
  // Each part at least 4 rows: break k falls in its own share of the rows.
  int from = 4;
  for (int k = 1; k < parts; ++k) {
    const int to = rows - 4 * (parts - k);
    const int at = page_rng.Int(std::max(from, rows * k / parts - rows / (2 * parts)),
                                std::min(to, rows * k / parts + rows / (2 * parts)));
    pages.breaks.push_back(at);
    from = at + 4;
  }
  const int total_pages = 2 + parts + page_rng.Int(0, 5);
  auto damaged = [&](std::string word) {
    if (page_rng.Chance(0.3)) {
      static const std::pair<char, char> kSwaps[] = {
          {'g', 'q'}, {'a', 'e'}, {'e', 'c'}, {'i', 'l'}};
      const auto& s = kSwaps[page_rng.Int(0, 3)];
      if (size_t at = word.find(s.first); at != std::string::npos) word[at] = s.second;
    }
    return word;
  };
  for (int k = 1; k < parts; ++k) {
    const int page = 1 + k + page_rng.Int(0, 1);
    std::vector<std::vector<std::string>> groups;
    if (page_rng.Chance(0.7)) {
      std::string day = date.Dutch(o_for_zero && page_rng.Chance(0.5));
      std::replace(day.begin(), day.end(), kGlue, ' ');
      groups.push_back({damaged("Datum"), "", day});
    }
    if (page_rng.Chance(0.5)) groups.push_back({damaged("Kenmerk"), "", reference});
    switch (page_rng.Int(0, 3)) {
      case 0:
      case 1:
        groups.push_back({damaged("Pagina") + " " + std::to_string(page) + " van " +
                          std::to_string(total_pages)});
        break;
      case 2:
        groups.push_back({"- " + std::to_string(page) + " -"});
        break;
      default:
        break;  // no page number
    }
    if (groups.empty()) groups.push_back({damaged("Pagina") + " " + std::to_string(page)});
    page_rng.Shuffle(groups);
    std::vector<std::string> lines = {""};
    for (const auto& g : groups) {
      lines.insert(lines.end(), g.begin(), g.end());
      lines.push_back("");
    }
    pages.furniture.push_back(lines);
  }
  return pages;
}

}  // namespace

GeneratedDump Generate(uint64_t seed, const DumpGenOptions& o) {
  Rng rng(seed);
  // Full-province tables and page breaks draw from their own stream: a
  // document with neither is the same as before these options existed.
  Rng page_rng(seed ^ 0x5DEECE66DULL);
  // So do the printing styles, each from draws of its own made up front:
  // whether one fires depends on its rate alone.
  Rng style_rng(seed ^ 0xC2B2AE3D27D4EB4FULL);
  const double nil_draw = style_rng.Unit();
  const int dash_kind = style_rng.Int(0, 2);
  const double label_draw = style_rng.Unit();
  const bool label_provincie = style_rng.Chance(0.5);
  const double separator_draw = style_rng.Unit();
  const bool ruling_line = style_rng.Chance(0.5);
  const Reference& ref = Reference::Default();
  const std::string province = rng.Pick(ref.provinces());

  // --- the table's content --------------------------------------------
  std::vector<const Municipality*> pool = ref.InProvince(province);
  rng.Shuffle(pool);
  int lo = std::min<int>(o.min_rows, pool.size());
  int hi = std::min<int>(std::max(o.max_rows, o.min_rows), pool.size());
  const int rows_drawn = rng.Int(lo, hi);
  const bool full_province = page_rng.Chance(o.full_province_rate);
  if (!full_province) pool.resize(rows_drawn);
  // Alphabetical as the ministry prints it: "'s-Gravenhage" under G.
  auto key = [](const Municipality* m) {
    std::string k = Lower(m->name);
    if (k.rfind("'s-", 0) == 0 || k.rfind("'s ", 0) == 0) k = k.substr(3);
    return k;
  };
  std::sort(pool.begin(), pool.end(),
            [&](const Municipality* a, const Municipality* b) { return key(a) < key(b); });

  // Regulier spans 0–900 and skews low; amv is a fraction of it, capped at
  // 120, zero for about a third of the rows (national ratio about 1:11).
  std::vector<Row> rows;
  for (const Municipality* m : pool) {
    Row r;
    r.m = m;
    double u = rng.Unit();
    if (u < 0.08) {
      r.regulier = 0;
    } else {
      r.regulier =
          std::lround(std::exp(std::log(15.0) + rng.Unit() * (std::log(900.0) - std::log(15.0))));
      r.regulier = std::min<long>(900, r.regulier);
    }
    if (rng.Chance(0.35) || (r.regulier == 0 && rng.Chance(0.6))) {
      r.amv = 0;
    } else {
      r.amv = std::min<long>(120,
                             std::lround(r.regulier * (0.05 + 0.25 * rng.Unit())) + rng.Int(0, 12));
    }
    rows.push_back(r);
  }
  long opg_r = 0, opg_a = 0;
  for (const Row& r : rows) opg_r += r.regulier, opg_a += r.amv;

  Date date{2024, 12, 20};
  if (rng.Chance(0.3)) date.d = rng.Int(16, 23);
  const bool o_for_zero = rng.Chance(o.date_o_rate);
  std::string reference = "601" + std::to_string(rng.Int(1000, 9999));
  // OCR sometimes loses the circumflex of Fryslân.
  std::string prov_text = province;
  if (province == "Fryslân" && rng.Chance(0.2)) prov_text = "Fryslan";

  nlohmann::json gen = {{"seed", seed}};
  nlohmann::json damage = nlohmann::json::array();
  const bool totaal_row = rng.Chance(o.totaal_row_rate);
  TableStyle style;
  // Hyphen, en dash, em dash (UTF-8 spelled out: the same bytes everywhere).
  static const char* kDashes[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94"};
  if (nil_draw < o.nil_dash_rate) style.nil_dash = kDashes[dash_kind];
  if (totaal_row && label_draw < o.total_label_province_rate)
    style.total_suffix = (label_provincie ? " provincie " : " ") + prov_text;
  TableText table = DamageTable(rng, o, rows, totaal_row, style, damage);

  // --- the dump ----------------------------------------------------------
  Writer w(rng, o);
  if (rng.Chance(o.emails_rate)) WriteEmails(rng, prov_text, rng.Pick(rows).m->name, w);

  w.Line("Ministerie van Asiel en Migratie");
  w.Blank();
  // The title is one printed line that wraps at the page edge (seed 001:
  // "Besluit van de Minister van Asiel en" / "Migratie"); only a poor scan
  // breaks it elsewhere.
  std::string title = "Besluit van de Minister van Asiel en Migratie";
  if (rng.Chance(0.15)) {
    w.Paragraph(title);
  } else if (rng.Chance(0.6)) {
    w.Line("Besluit van de Minister van Asiel en");
    w.Line("Migratie");
  } else {
    w.Line(title);
  }
  w.Paragraph(std::string(rng.Chance(0.5) ? ", " : "") + "van " + date.Dutch(o_for_zero) +
              (rng.Chance(0.5) ? "' nr , " : " , nr. ") + reference +
              " , houdende de verdeling van asielopvangplaatsen in het kader van de wet "
              "gemeentelijke taak mogelijk maken asielopvangvoorzieningen over de provincie " +
              prov_text);
  w.Paragraph("De Minister van Asiel en Migratie ,");
  w.Paragraph(
      "Gelet op artikel 5 van de Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen "
      ", de Beleidsregel verdeelbesluiten en de Capaciteitsraming , provinciale opvangopgave en "
      "indicatieve verdeling per gemeente 2024;");
  w.Line(rng.Chance(0.7) ? "Besluit" : "Beslu it");
  w.Blank();
  w.Line("Artikel I");
  w.Blank();
  w.Paragraph("De asielopvangplaatsen uit de provinciale opvangopgave van de provincie " +
              prov_text +
              " , zoals bekendgemaakt op 31 januari 2024 , worden als volgt over de gemeenten "
              "verdeeld:");
  if (rng.Chance(0.8))
    w.Paragraph("Tabel " + std::to_string(rng.Int(1, 12)) +
                ": Verdeling asielopvangplaatsen over gemeenten");

  const TablePages pages =
      PlanPages(page_rng, o, static_cast<int>(rows.size()), date, o_for_zero, reference);
  const bool row_wise = rng.Chance(o.row_wise_rate);
  style.cell_separators = row_wise && separator_draw < o.cell_separator_rate;
  style.ruling_line = style.cell_separators && ruling_line;
  if (row_wise)
    WriteRows(rng, page_rng, o, table, pages, style, w, gen);
  else
    WriteColumnBlocks(rng, page_rng, o, table, pages, w, gen);
  gen["full_province"] = full_province;
  gen["pages"] = static_cast<int>(pages.breaks.size()) + 1;
  gen["page_breaks"] = pages.breaks;
  gen["page_furniture"] = pages.furniture;
  gen["nil_dash"] = style.nil_dash.empty() ? nlohmann::json() : nlohmann::json(style.nil_dash);
  gen["total_label"] = style.total_suffix.empty() ? nlohmann::json()
                                                  : nlohmann::json(table.cells.back()[kName].text);
  gen["cell_separators"] = style.cell_separators;
  gen["ruling_line"] = style.ruling_line;

  w.Line("Artikel");
  w.Line("II");
  w.Paragraph("Dit besluit wordt aangehaald als: Verdeelbesluit " + prov_text + " 2024");
  w.Line("'s-Gravenhage, " + date.Dutch(o_for_zero && rng.Chance(0.7)));
  w.Paragraph("De Minister van Asiel en Migratie , (geanonimiseerd)");

  nlohmann::json stated = nlohmann::json::object();
  if (rng.Chance(o.toelichting_rate)) {
    w.Line("Toelichting");
    w.Blank();
    w.Paragraph(
        "Op 31 oktober 2024 heeft de Commissaris van de Koning , in lijn met artikel 4 , tweede "
        "lid van de wet , verslag uitgebracht van het overleg dat heeft plaatsgevonden aan de "
        "PRT. Uit dit verslag blijkt dat de gemeenten in de provincie " +
        prov_text +
        " niet tot een volledig sluitende verdeling zijn gekomen van het aantal opvangplaatsen "
        "dat zij volgens de provinciale opvangopgave moeten realiseren.");
    std::string lower_prov = prov_text;
    if (rng.Chance(0.15)) lower_prov[0] = static_cast<char>(std::tolower(lower_prov[0]));
    if (rng.Chance(o.stated_opgave_rate)) {
      w.Paragraph("De provincie " + lower_prov + " heeft een opgave van " +
                  ProseNumber(rng, opg_r) + " reguliere opvangplaatsen en " +
                  ProseNumber(rng, opg_a) + " amv-opvangplaatsen.");
      stated["opgave"] = {{"regulier", opg_r}, {"amv", opg_a}};
    }
    // What the PRT already covered, and what the minister had to distribute.
    long ov_r = std::lround(opg_r * (0.4 + 0.55 * rng.Unit()));
    long ov_a = std::lround(opg_a * (0.1 + 0.8 * rng.Unit()));
    if (opg_r > 0) ov_r = std::min(ov_r, opg_r - 1);
    if (opg_a > 0) ov_a = std::min(ov_a, opg_a - 1);
    long rest_r = opg_r - ov_r, rest_a = opg_a - ov_a;
    if (rng.Chance(0.85)) {
      w.Paragraph(
          "Na het overnemen van de opvangplaatsen die aangeboden worden en het toevoegen van "
          "opvangplaatsen die voortkomen uit kansrijke initiatieven uit het verslag , komt de "
          "provincie " +
          prov_text + " uit op " + ProseNumber(rng, ov_r) + " reguliere opvangplaatsen en " +
          ProseNumber(rng, ov_a) +
          " amv-opvangplaatsen. Om te komen tot een sluitende verdeling van de provinciale "
          "opvangopgave moet er een restopgave van " +
          ProseNumber(rng, rest_r) + " reguliere opvangplaatsen en " + ProseNumber(rng, rest_a) +
          " amv-opvangplaatsen worden ingevuld.");
      stated["overgenomen"] = {{"regulier", ov_r}, {"amv", ov_a}};
      stated["restopgave"] = {{"regulier", rest_r}, {"amv", rest_a}};
    }
    // Who received part of the restopgave, and who was left out.
    std::vector<int> with_r, with_a;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
      if (rows[i].regulier > 0) with_r.push_back(i);
      if (rows[i].amv > 0) with_a.push_back(i);
    }
    rng.Shuffle(with_r);
    rng.Shuffle(with_a);
    with_r.resize(rest_r > 0
                      ? rng.Int(std::min<int>(1, with_r.size()), std::min<int>(20, with_r.size()))
                      : 0);
    with_a.resize(rest_a > 0
                      ? rng.Int(std::min<int>(1, with_a.size()), std::min<int>(20, with_a.size()))
                      : 0);
    std::set<int> rset(with_r.begin(), with_r.end()), aset(with_a.begin(), with_a.end());
    std::vector<std::string> excluded;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i)
      if (!rset.count(i) && !aset.count(i) && excluded.size() < 7 && rng.Chance(0.5))
        excluded.push_back(rng.Chance(o.name_damage_rate) ? NameDamage(rng, rows[i].m->name)
                                                          : rows[i].m->name);
    if (!excluded.empty()) {
      w.Paragraph("Bij de verdeling van de restopgave zijn de volgende gemeenten uitgesloten:");
      w.Paragraph(
          rng.Chance(0.5)
              ? "Uitsluiting vanwege realisatie aantal opvangplaatsen indicatieve verdeling"
              : "Uitsluitino vanweoe realisatie aantal opvanqplaatsen indicatieve verdelino");
      w.Paragraph("Gemeente " + Enumerate(excluded));
    }
    if (!rset.empty() || !aset.empty()) {
      w.Paragraph(
          "De restopgave is verdeeld over een aantal gemeenten volgens de methode die in "
          "hoofdstuk 2 is toegelicht. In totaal is de restopgave reguliere opvangplaatsen "
          "verdeeld over " +
          std::to_string(rset.size()) +
          " gemeenten en de restopgave amv-opvangplaatsen verdeeld over " +
          std::to_string(aset.size()) +
          " gemeenten , Sommige gemeenten hebben voor beide type opvangplaatsen een deel van de "
          "restopgave gekregen.");
      w.Line(rng.Chance(0.5) ? "De restopgave is verdeeld over de volgende gemeenten:"
                             : "Ds rostopgave ls vcrdecld over de volgende gGmeont€nl");
      static const std::vector<std::string> kReg = {"regulier", "regulier", "reguller",
                                                    "regulter", "regullcr", "regallar"};
      static const std::vector<std::string> kAmvW = {"amv", "amv", "arnv", "a mv"};
      for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        bool r = rset.count(i), a = aset.count(i);
        if (!r && !a) continue;
        std::string name =
            rng.Chance(o.name_damage_rate) ? NameDamage(rng, rows[i].m->name) : rows[i].m->name;
        std::string note = r && a ? rng.Pick(kReg) + " en " + rng.Pick(kAmvW)
                                  : (r ? rng.Pick(kReg) : rng.Pick(kAmvW));
        std::string item = name + " (" + note + ")";
        if (rng.Chance(0.5)) {
          size_t sp = item.find(" (");
          w.Line(item.substr(0, sp));
          w.Line(item.substr(sp + 1));
        } else {
          w.Line(item);
        }
      }
      w.Blank();
      gen["verdeeld_over"] = {{"regulier", rset.size()}, {"amv", aset.size()}};
    }
    w.Paragraph("De Minister van Asiel en Migratie , M.H.M. Faber");
  }
  if (rng.Chance(o.cover_letter_rate)) WriteCoverLetter(rng, prov_text, rng.Pick(rows), w);

  // --- the truth ---------------------------------------------------------
  GeneratedDump out;
  out.name = "dump_s" + std::to_string(seed) + "_" + Slug(province);
  out.text = w.text();
  nlohmann::json allocations = nlohmann::json::array();
  for (const Row& r : rows)
    allocations.push_back({{"gemeente", r.m->name},
                           {"cbs_code", r.m->cbs_code},
                           {"regulier", r.regulier},
                           {"amv", r.amv},
                           {"totaal", r.totaal()}});
  gen["totaal_row"] = totaal_row;
  gen["damage"] = damage;
  gen["column_sums"] = {{"regulier", opg_r}, {"amv", opg_a}};
  out.truth = {{"kind", "verdeelbesluit"}, {"province", province}, {"date", date.Iso()},
               {"reference", reference},   {"stated", stated},     {"allocations", allocations},
               {"generator", gen}};
  return out;
}

}  // namespace verdeelscan
