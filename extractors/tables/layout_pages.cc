// Positioned words into pages of deskewed visual rows, and the header band.
#include "extractors/tables/layout_pages.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

#include "core/text.h"
#include "core/utf8.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace verdeelscan::layout_reader {

// ASCII letters plus accented Latin letters (UTF-8 lead bytes C3..C5: â, é,
// ĳ); typographic marks such as "„" or "…" (E2 ..) are not letters.
int CountLetters(const std::string& s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](unsigned char c) {
    return std::isalpha(c) || (c >= 0xC3 && c <= 0xC5);
  }));
}

// Ruling remnants and stray marks that carry no text at all: "|", "_", "„".
// A dash is kept: in a number column it may stand for nothing or zero.
bool IsJunk(const std::string& s) {
  if (s.empty() || s.size() > 9 || s == "-") return false;
  // No letter or digit at all: ASCII alphanumerics and accented Latin
  // letters (UTF-8 lead bytes C3..C5: â, é, ÿ) are what words are made of.
  return std::none_of(s.begin(), s.end(),
                      [](unsigned char c) { return std::isalnum(c) || (c >= 0xC3 && c <= 0xC5); });
}

namespace {

// OcrEditCost is ×10 per edit; OCR confusions cost less. The limits allow
// about one arbitrary edit in short words and two in long ones.
bool Near(const std::string& folded, const char* word, int limit) {
  return OcrEditCost(folded, word) <= limit;
}

// "amvopvangplaatsen": a keyword glued to "(opvang)plaatsen". The keyword
// must be the word's own prefix so that a bare "opvangplaatsen" never counts.
bool Compound(const std::string& f, const char* keyword, int limit) {
  const size_t n = std::string_view(keyword).size();
  for (size_t len = n > 1 ? n - 1 : n; len <= n + 1 && len < f.size(); ++len) {
    if (!Near(f.substr(0, len), keyword, limit)) continue;
    const std::string rest = f.substr(len);
    if (rest.find(kPlacesPart) != std::string::npos) return true;
    for (const PlacesSpelling& p : kPlacesWords)
      if (Near(rest, p.folded, p.limit)) return true;
  }
  return false;
}

// A column word of columns.h, at this reader's tolerance.
HeaderWord ColumnWord(const std::string& f) {
  for (const HeaderSpelling& s : kColumnHeaderWords) {
    if (s.layout_limit == kNotMatched) continue;
    // "Amwv-": four letters may be "amv" with one glyph gained.
    const int limit = s.column == kAmv && f.size() >= 4 && std::string_view(s.folded) == "amv"
                          ? kAmvLayoutLimitFourLetters
                          : s.layout_limit;
    if (Near(f, s.folded, limit) || (s.layout_compound && Compound(f, s.folded, s.layout_limit)))
      return HeaderWordOf(s.column);
  }
  return HeaderWord::kNone;
}

bool IsPlacesWord(const std::string& f) {
  if (static_cast<int>(f.size()) < kPlacesMinLengthLayout) return false;
  if (f.find(kPlacesPart) != std::string::npos || f.find(kPlacesPartDamaged) != std::string::npos)
    return true;
  for (const PlacesSpelling& p : kPlacesWords)
    if (Near(f, p.folded, p.limit)) return true;
  return false;
}

}  // namespace

HeaderWord ClassifyHeaderWord(const std::string& word) {
  if (HasDigit(word) && CountLetters(word) < 3) return HeaderWord::kNone;
  std::string f;
  for (char c : FoldName(word))
    if (c >= 'a' && c <= 'z') f += c;
  if (Utf8CodePoints(word) == 1 && !std::isdigit(static_cast<unsigned char>(word[0]))) {
    return HeaderWord::kFiller;  // a speck or a stray glyph
  }
  if (f.empty()) return IsJunk(word) || word == "-" ? HeaderWord::kFiller : HeaderWord::kNone;
  // Specks read as one or two letters ("ij", "ee") next to header words.
  if (f.size() <= 2 && word.size() <= 3 && !Near(f, "amv", kAmvLayoutLimit))
    return HeaderWord::kFiller;
  if (HeaderWord h = ColumnWord(f); h != HeaderWord::kNone) return h;
  if (IsPlacesWord(f)) return HeaderWord::kPlaatsen;
  for (const HeaderSpelling& s : kFillerHeaderWords) {
    if (s.layout_limit != kNotMatched && Near(f, s.folded, s.layout_limit))
      return HeaderWord::kFiller;
  }
  return HeaderWord::kNone;
}

int HeaderKind(HeaderWord h) { return ColumnOf(h); }

bool NumberLike(const std::string& t) {
  // One glyph: a number when the glyph model reads it cheaply as a digit
  // ("o" 0, "l" 1, "B" 8), a speck otherwise ("e", "Ì").
  if (Utf8CodePoints(t) == 1) {
    std::optional<Reading> r = BestReading(t);
    return r && r->cost <= 2;
  }
  if (LooksNumeric(t)) return true;
  // Short damaged tokens such as "[:]" or "(9)" for one digit.
  return HasDigit(t) && CountLetters(t) <= 1 && t.size() <= 8;
}

bool GlyphNumber(const std::string& t) {
  if (t.size() < 2 || t.size() > 7 || IsTotalLabel(t)) return false;
  int glyphs = 0;
  for (char c : t) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isdigit(u) || c == '.' || c == ',') continue;
    // Lower-case letters stay prose: "de", "is", "tot" under a number column
    // end the table.
    if (!std::isupper(u) || !BestReading(std::string(1, c))) return false;
    ++glyphs;
  }
  std::optional<Reading> r = BestReading(t);
  return glyphs > 0 && r && r->cost <= glyphs;
}

bool IsTotalLabel(const std::string& name) {
  std::string f = FoldName(name);
  return !f.empty() && Near(f, "totaal", 8);
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

namespace {

// The page's words into visual rows, top to bottom, each left to right.
void GroupIntoRows(Page& page) {
  // Rows from words of ordinary height first; a box much taller than the
  // text (a speck merged into the glyphs, a smudge) or much smaller (a
  // dot) has an unreliable centre, so it joins afterwards the row whose
  // centre it spans or lies nearest to.
  std::vector<const PWord*> order, odd;
  for (const PWord& w : page.words) {
    // Barely recognised short words ("EE" at 15%) are usually specks too.
    const bool sure = w.word->confidence >= 0.4 || CountLetters(w.word->text) >= 4;
    (w.h >= 0.5 * page.h && w.h <= 1.5 * page.h && sure ? order : odd).push_back(&w);
  }
  std::sort(order.begin(), order.end(),
            [](const PWord* a, const PWord* b) { return a->yc < b->yc; });
  for (const PWord* w : order) {
    if (page.rows.empty() || w->yc - page.rows.back().y > 0.45 * page.h) {
      page.rows.push_back(VRow{});
    }
    VRow& r = page.rows.back();
    r.words.push_back(w);
    r.y += (w->yc - r.y) / r.words.size();
  }
  std::vector<VRow> extra;
  for (const PWord* w : odd) {
    VRow* best = nullptr;
    double best_d = std::max(0.6 * page.h, w->h / 2);
    for (VRow& r : page.rows) {
      const double d = std::abs(r.y - w->yc);
      if (d <= best_d) best_d = d, best = &r;
    }
    if (best) {
      best->words.push_back(w);
      continue;
    }
    VRow own;
    own.words.push_back(w);
    own.y = w->yc;
    extra.push_back(own);
  }
  // Odd boxes far from every row (a whole line recognised with swollen
  // boxes) form rows among themselves.
  std::sort(extra.begin(), extra.end(), [](const VRow& a, const VRow& b) { return a.y < b.y; });
  std::vector<VRow> merged;
  for (VRow& r : extra) {
    if (!merged.empty() && r.y - merged.back().y <= 0.45 * page.h) {
      VRow& m = merged.back();
      m.words.push_back(r.words.front());
      m.y += (r.y - m.y) / m.words.size();
    } else {
      merged.push_back(std::move(r));
    }
  }
  for (VRow& r : merged) page.rows.push_back(std::move(r));
  std::sort(page.rows.begin(), page.rows.end(),
            [](const VRow& a, const VRow& b) { return a.y < b.y; });
  for (VRow& r : page.rows) {
    std::sort(r.words.begin(), r.words.end(),
              [](const PWord* a, const PWord* b) { return a->x0 < b->x0; });
  }
}

}  // namespace

// Pages of the range with their words, skew and visual rows.
std::vector<Page> BuildPages(const TextDocument& doc, int first, int last) {
  std::vector<Page> pages;
  std::vector<std::vector<const TextLine*>> lines_of;
  for (int i = first; i <= last; ++i) {
    const TextLine& line = doc.lines[i];
    if (pages.empty() || pages.back().page != line.page) {
      pages.push_back(Page{});
      pages.back().page = line.page;
      lines_of.emplace_back();
    }
    lines_of.back().push_back(&line);
  }
  for (size_t p = 0; p < pages.size(); ++p) {
    Page& page = pages[p];
    std::vector<double> heights, slopes;
    double max_y = 0;
    for (const TextLine* line : lines_of[p]) {
      for (const Word& w : line->words) {
        if (w.box.empty() || w.text.empty()) continue;
        heights.push_back(w.box.y1 - w.box.y0);
        max_y = std::max<double>(max_y, w.box.y1);
      }
    }
    page.h = std::max(1.0, Median(heights));
    // Skew from the text lines themselves: the recogniser groups a row on the
    // straightened image, but its boxes are mapped back to the page as
    // rendered, so a tilted page gives tilted rows. The median line slope is
    // robust against the odd badly grouped line.
    for (const TextLine* line : lines_of[p]) {
      double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, lo = 1e18, hi = -1e18;
      for (const Word& w : line->words) {
        if (w.box.empty()) continue;
        const double x = (w.box.x0 + w.box.x1) / 2.0, y = (w.box.y0 + w.box.y1) / 2.0;
        n += 1, sx += x, sy += y, sxx += x * x, sxy += x * y;
        lo = std::min(lo, x), hi = std::max(hi, x);
      }
      if (n < 2 || hi - lo < 4 * page.h) continue;
      const double den = n * sxx - sx * sx;
      if (den <= 0) continue;
      slopes.push_back((n * sxy - sx * sy) / den);
    }
    if (slopes.size() >= 3) page.slope = std::clamp(Median(slopes), -0.09, 0.09);
    for (const PageInfo& info : doc.page_info) {
      if (info.page == page.page && info.height > 0) page.height = info.height;
    }
    if (page.height <= 0) page.height = max_y * 1.02;
    for (const TextLine* line : lines_of[p]) {
      for (const Word& w : line->words) {
        if (w.box.empty() || w.text.empty()) continue;
        PWord pw;
        pw.word = &w;
        pw.line_no = line->line_no;
        // Undo the page's rotation to first order: rows lose their slope and
        // columns their lean (a 2° tilt moves a column ~35 px sideways per
        // 1000 px down, enough to push numbers under the next header).
        const double yc = (w.box.y0 + w.box.y1) / 2.0;
        pw.x0 = w.box.x0 + page.slope * yc, pw.x1 = w.box.x1 + page.slope * yc;
        pw.h = w.box.y1 - w.box.y0;
        pw.yc = yc - page.slope * (w.box.x0 + w.box.x1) / 2.0;
        page.words.push_back(pw);
      }
    }
    GroupIntoRows(page);
  }
  return pages;
}

bool HasColumn(const Header& h, int kind) {
  return std::any_of(h.columns.begin(), h.columns.end(),
                     [&](const HeaderColumn& c) { return c.kind == kind; });
}

// Header words of a visual row; nullopt when the row holds other words.
std::optional<std::vector<HeaderWord>> HeaderRow(const VRow& row) {
  std::vector<HeaderWord> out;
  int unknown = 0, keywords = 0, short_unknown = 0, long_header_words = 0;
  for (const PWord* w : row.words) {
    HeaderWord h = ClassifyHeaderWord(w->word->text);
    if (h == HeaderWord::kNone) {
      ++unknown;
      if (Utf8CodePoints(w->word->text) <= 2) ++short_unknown;
    }
    if (h != HeaderWord::kNone && h != HeaderWord::kFiller && h != HeaderWord::kPlaatsen) {
      ++keywords;
    }
    if (h != HeaderWord::kNone && Utf8CodePoints(w->word->text) >= 4) ++long_header_words;
    out.push_back(h);
  }
  // One unreadable word is tolerated in a row that is clearly a header, or
  // one speck of a character or two ("| 5 Amv- Reguliere |") beside two
  // header keywords, or beside two long header words of any kind (the middle
  // line "5 opvang- opvang-" of a header split over three lines).
  const int tolerated =
      keywords >= 3 || ((keywords >= 2 || long_header_words >= 2) && short_unknown == unknown) ? 1
                                                                                               : 0;
  if (unknown > tolerated) return std::nullopt;
  if (out.empty()) return std::nullopt;
  return out;
}

// A header whose gemeente word was misread ("Genieente") still has that
// word beside its number columns: the one unread word of a header band (a
// row tolerates one) that lies wholly left or wholly right of every named
// column and is a word, not a speck, names the gemeente column. Without it
// the table's extent ended at the last number column and the names of a
// gemeente column printed last lost every word but their first.
void NameColumnByElimination(const std::vector<const PWord*>& unread, Header& hd) {
  if (HasColumn(hd, kGemeente) || unread.size() != 1 || hd.columns.empty()) return;
  const PWord* w = unread.front();
  if (CountLetters(w->word->text) < 4) return;
  double lo = 1e18, hi = -1e18;
  for (const HeaderColumn& c : hd.columns) lo = std::min(lo, c.x0), hi = std::max(hi, c.x1);
  if (w->x0 < hi && w->x1 > lo) return;
  HeaderColumn c{kGemeente, w->x0, w->x1};
  c.key_x = w->xc();
  hd.columns.push_back(c);
  hd.notes.push_back("header column gemeente identified by elimination (its word '" +
                     w->word->text + "' was illegible)");
}

// Tries a header band starting at visual row r of the page.
std::optional<Header> TryHeader(const Page& page, int r) {
  if (!HeaderRow(page.rows[r])) return std::nullopt;
  Header hd;
  hd.first_row = hd.last_row = r;
  struct HW {
    const PWord* w;
    HeaderWord kind;
    int row;
  };
  std::vector<HW> words;
  for (int k = r; k < static_cast<int>(page.rows.size()); ++k) {
    if (page.rows[k].y - page.rows[r].y > kHeaderBandHeight * page.h) break;
    std::optional<std::vector<HeaderWord>> kinds = HeaderRow(page.rows[k]);
    if (!kinds) break;
    hd.last_row = k;
    for (size_t i = 0; i < kinds->size(); ++i)
      words.push_back({page.rows[k].words[i], (*kinds)[i], k});
  }
  // Keyword words open columns; the first of each kind wins.
  for (const HW& w : words) {
    const int kind = HeaderKind(w.kind);
    if (kind == kUnknownColumn) continue;
    if (HasColumn(hd, kind)) {
      hd.notes.push_back(std::string("header word '") + w.w->word->text + "' repeats column " +
                         ColumnName(kind) + "; first kept");
      continue;
    }
    HeaderColumn c{kind, w.w->x0, w.w->x1};
    c.key_x = w.w->xc();
    hd.columns.push_back(c);
  }
  // "opvangplaatsen" words belong to the column above or below them (two-line
  // header) or to the keyword just left of them (one-line header).
  std::vector<HeaderColumn> orphans;
  for (const HW& w : words) {
    if (w.kind != HeaderWord::kPlaatsen) continue;
    HeaderColumn* best = nullptr;
    double best_overlap = 0;
    int overlapped = 0;
    for (HeaderColumn& c : hd.columns) {
      if (c.kind == kGemeente) continue;
      const double ov = std::min(c.x1, w.w->x1) - std::max(c.x0, w.w->x0);
      overlapped += ov > 0;
      if (ov > best_overlap) best_overlap = ov, best = &c;
    }
    // Over two columns ("Aantal opvangplaatsen" spanning regulier and amv, or
    // two "opvangplaatsen" read as one word): it belongs to neither alone.
    if (overlapped >= 2) continue;
    if (!best) {
      double best_gap = 2.0 * page.h;
      for (HeaderColumn& c : hd.columns) {
        if (c.kind == kGemeente || c.kind == kTotaal) continue;
        const double gap = w.w->x0 - c.x1;
        if (gap >= 0 && gap < best_gap) best_gap = gap, best = &c;
      }
    }
    if (best) {
      best->x0 = std::min(best->x0, w.w->x0), best->x1 = std::max(best->x1, w.w->x1);
      continue;
    }
    bool merged = false;
    for (HeaderColumn& o : orphans) {
      if (std::min(o.x1, w.w->x1) > std::max(o.x0, w.w->x0)) {
        o.x0 = std::min(o.x0, w.w->x0), o.x1 = std::max(o.x1, w.w->x1), merged = true;
      }
    }
    if (!merged) orphans.push_back(HeaderColumn{kUnknownColumn, w.w->x0, w.w->x1});
  }
  for (HeaderColumn& o : orphans) o.key_x = o.xc();
  const bool reg = HasColumn(hd, kRegulier), amv = HasColumn(hd, kAmv);
  if (orphans.size() == 1 && reg != amv) {
    // Only "...plaatsen" was legible: the one missing places column it is.
    orphans[0].kind = reg ? kAmv : kRegulier;
    hd.notes.push_back(std::string("header column ") + ColumnName(orphans[0].kind) +
                       " identified by elimination (its first word was illegible)");
  }
  for (const HeaderColumn& o : orphans) hd.columns.push_back(o);
  {
    std::vector<const PWord*> unread;
    for (const HW& w : words)
      if (w.kind == HeaderWord::kNone) unread.push_back(w.w);
    NameColumnByElimination(unread, hd);
  }
  const bool gem = HasColumn(hd, kGemeente);
  const bool tot = HasColumn(hd, kTotaal);
  const bool named_places = HasColumn(hd, kRegulier) && HasColumn(hd, kAmv);
  if (!named_places || (!gem && !tot)) return std::nullopt;
  // In the order of the words that name the columns: a places word run
  // together over two columns widens one of them over its neighbour.
  std::sort(hd.columns.begin(), hd.columns.end(),
            [](const HeaderColumn& a, const HeaderColumn& b) { return a.key_x < b.key_x; });
  return hd;
}

namespace {

// The numbers of a visual row that may be a table row: two or more numbers
// and few other words (a sentence's numbers are not in columns). Empty for
// any other row.
std::vector<const PWord*> RowNumbers(const VRow& row) {
  std::vector<const PWord*> numbers;
  int words = 0;
  for (const PWord* w : row.words) {
    const std::string& t = w->word->text;
    if (!NumberLike(t)) {
      ++words;
    } else if (HasDigit(t)) {
      numbers.push_back(w);
    }
  }
  if (numbers.size() < 2 || words > 6) numbers.clear();
  return numbers;
}

// A column of numbers: the x-run that the numbers of many rows cover, and
// the extents of the numbers that stand in it.
struct NumberColumn {
  double core0 = 0, core1 = 0;
  std::vector<double> lefts, rights;
  double x0 = 0, x1 = 0;
  double xc() const { return (x0 + x1) / 2; }
};

// The share of the number rows that must cover an x for it to be inside a
// column. A column's numbers, right-aligned or centred, all cover its core;
// the gap between two columns is covered only by a stray (a date below the
// table, a tick read as a digit), whatever the header above says.
constexpr double kColumnCoverShare = 0.3;

// The columns of numbers below the header: runs of x covered by the numbers
// of at least kColumnCoverShare of the number rows, left to right, each with
// the extents of its numbers (the extreme tenth on each side ignored: a stray
// must not widen a column).
std::vector<NumberColumn> FindNumberColumns(const std::vector<Page>& pages, int hp,
                                            const Header& hd, size_t* number_rows) {
  std::vector<std::vector<const PWord*>> rows;
  double lo = 1e18, hi = -1e18;
  for (size_t p = hp; p < pages.size(); ++p) {
    const Page& page = pages[p];
    for (int r = static_cast<int>(p) == hp ? hd.last_row + 1 : 0;
         r < static_cast<int>(page.rows.size()); ++r) {
      std::vector<const PWord*> numbers = RowNumbers(page.rows[r]);
      if (numbers.empty()) continue;
      for (const PWord* w : numbers) lo = std::min(lo, w->x0), hi = std::max(hi, w->x1);
      rows.push_back(std::move(numbers));
    }
  }
  *number_rows = rows.size();
  if (rows.size() < 2) return {};
  const int origin = static_cast<int>(std::floor(lo));
  const int width = static_cast<int>(std::ceil(hi)) - origin + 1;
  std::vector<int> cover(width, 0), last_row(width, -1);
  for (size_t i = 0; i < rows.size(); ++i) {
    for (const PWord* w : rows[i]) {
      const int a = static_cast<int>(std::floor(w->x0)) - origin;
      const int b = static_cast<int>(std::ceil(w->x1)) - origin;
      for (int x = std::max(a, 0); x < std::min(b, width); ++x) {
        if (last_row[x] != static_cast<int>(i)) last_row[x] = static_cast<int>(i), ++cover[x];
      }
    }
  }
  const int threshold = std::max(
      2, static_cast<int>(std::ceil(kColumnCoverShare * static_cast<double>(rows.size()))));
  std::vector<NumberColumn> columns;
  for (int x = 0; x < width; ++x) {
    if (cover[x] < threshold) continue;
    if (columns.empty() || columns.back().core1 < origin + x - 1) {
      columns.push_back(NumberColumn{});
      columns.back().core0 = origin + x;
    }
    columns.back().core1 = origin + x + 1;
  }
  for (const std::vector<const PWord*>& row : rows) {
    for (const PWord* w : row) {
      NumberColumn* best = nullptr;
      double best_overlap = 0;
      for (NumberColumn& c : columns) {
        const double ov = std::min(c.core1, w->x1) - std::max(c.core0, w->x0);
        if (ov > best_overlap) best_overlap = ov, best = &c;
      }
      if (best) best->lefts.push_back(w->x0), best->rights.push_back(w->x1);
    }
  }
  // A column whose covering numbers each overlap a neighbouring column more
  // (a wide word spanning two cores) holds no number of its own: it is no
  // column (its extents would be read from an empty list).
  columns.erase(std::remove_if(columns.begin(), columns.end(),
                               [](const NumberColumn& c) { return c.lefts.empty(); }),
                columns.end());
  for (NumberColumn& c : columns) {
    std::sort(c.lefts.begin(), c.lefts.end());
    std::sort(c.rights.begin(), c.rights.end());
    const size_t k = c.lefts.size() / 10;
    c.x0 = std::min(c.core0, c.lefts[k]);
    c.x1 = std::max(c.core1, c.rights[c.rights.size() - 1 - k]);
  }
  return columns;
}

// Pairs the smaller of two left-to-right sequences with part of the larger,
// keeping both orders, at the least total distance: pairs[k] is the index in
// `b` of a[k]'s partner. Requires a.size() <= b.size() (at most 4 each).
std::vector<int> PairInOrder(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<int> best, chosen;
  double best_cost = 1e300;
  auto search = [&](auto&& self, size_t k, size_t from, double cost) -> void {
    if (k == a.size()) {
      if (cost < best_cost) best_cost = cost, best = chosen;
      return;
    }
    for (size_t j = from; j + (a.size() - k) <= b.size(); ++j) {
      chosen.push_back(static_cast<int>(j));
      self(self, k + 1, j + 1, cost + std::abs(a[k] - b[j]));
      chosen.pop_back();
    }
  };
  search(search, 0, 0, 0.0);
  return best;
}

std::string Span(const HeaderColumn& c) {
  return std::to_string(static_cast<int>(c.x0)) + ".." + std::to_string(static_cast<int>(c.x1));
}

// The numeric kind no header word named, when exactly one is missing.
int MissingKind(const std::vector<HeaderColumn>& named) {
  int missing = kUnknownColumn, count = 0;
  for (int k = 0; k < kColumnCount; ++k) {
    if (std::none_of(named.begin(), named.end(),
                     [&](const HeaderColumn& c) { return c.kind == k; }))
      missing = k, ++count;
  }
  return count == 1 ? missing : kUnknownColumn;
}

}  // namespace

// The number columns are where the numbers stand, found from the numbers of
// many rows (FindNumberColumns); the header only names them, its words taken
// in order: a header is often left-aligned or centred over right-aligned
// numbers, on two lines whose second line sits between the columns, or run
// together over two columns by OCR, so its words' x-ranges say little about
// where a column's numbers are, and a header word never merges two columns.
std::vector<HeaderColumn> ColumnsFromNumbers(const std::vector<Page>& pages, int hp,
                                             const Header& hd, std::vector<std::string>* notes,
                                             std::vector<std::string>* problems) {
  size_t number_rows = 0;
  const std::vector<NumberColumn> found = FindNumberColumns(pages, hp, hd, &number_rows);
  if (found.empty()) return hd.columns;
  std::vector<HeaderColumn> out, named;
  for (const HeaderColumn& c : hd.columns) (c.kind == kGemeente ? out : named).push_back(c);
  std::vector<double> found_x, named_x;
  for (const NumberColumn& f : found) found_x.push_back(f.xc());
  for (const HeaderColumn& c : named) named_x.push_back(c.key_x);
  // partner[i]: the header column naming found[i], or -1.
  std::vector<int> partner(found.size(), -1);
  if (found.size() <= named.size()) {
    std::vector<int> pairs = PairInOrder(found_x, named_x);
    for (size_t i = 0; i < found.size(); ++i) partner[i] = pairs[i];
  } else {
    std::vector<int> pairs = PairInOrder(named_x, found_x);
    for (size_t k = 0; k < named.size(); ++k) partner[pairs[k]] = static_cast<int>(k);
  }
  const int missing = MissingKind(named);
  const size_t unnamed = std::count(partner.begin(), partner.end(), -1);
  std::vector<bool> used(named.size(), false);
  std::string spans;
  for (size_t i = 0; i < found.size(); ++i) {
    HeaderColumn c;
    if (partner[i] >= 0) {
      c = named[partner[i]];
      used[partner[i]] = true;
    } else {
      c.kind = unnamed == 1 ? missing : kUnknownColumn;
      notes->push_back("a column of numbers at x=" + std::to_string(static_cast<int>(found[i].x0)) +
                       ".." + std::to_string(static_cast<int>(found[i].x1)) +
                       " has no header word; taken for " + ColumnName(c.kind));
    }
    // The header words' own extent stays part of the column: a word there
    // that is not a number is prose, and a number there that is no column's
    // is a problem, not a speck.
    c.nx0 = found[i].x0, c.nx1 = found[i].x1;
    c.x0 = partner[i] >= 0 ? std::min(c.x0, c.nx0) : c.nx0;
    c.x1 = partner[i] >= 0 ? std::max(c.x1, c.nx1) : c.nx1;
    c.key_x = found[i].xc();
    spans += std::string(spans.empty() ? "" : ", ") + ColumnName(c.kind) + " x " + Span(c);
    out.push_back(c);
  }
  for (size_t k = 0; k < named.size(); ++k) {
    if (used[k]) continue;
    notes->push_back(std::string("header column ") + ColumnName(named[k].kind) +
                     " has no column of numbers below it");
    out.push_back(named[k]);
  }
  std::sort(out.begin(), out.end(),
            [](const HeaderColumn& a, const HeaderColumn& b) { return a.key_x < b.key_x; });
  notes->push_back("number columns from where the numbers of " + std::to_string(number_rows) +
                   " rows stand, named by the header in order: " + spans);
  // The numbers of neighbouring columns must not overlap.
  for (size_t i = 1; i < out.size(); ++i) {
    if (!out[i].has_numbers() || !out[i - 1].has_numbers()) continue;
    if (out[i].nx0 < out[i - 1].nx1) {
      problems->push_back(std::string("columns ") + ColumnName(out[i - 1].kind) + " (x " +
                          Span(out[i - 1]) + ") and " + ColumnName(out[i].kind) + " (x " +
                          Span(out[i]) + ") overlap");
    }
  }
  return out;
}

}  // namespace verdeelscan::layout_reader
