#include "extractors/tables/table_layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "extractors/tables/columns.h"
#include "validators/name_matcher.h"

namespace verdeelscan {
namespace {

enum class HeaderWord { kNone, kGemeente, kRegulier, kAmv, kTotaal, kPlaatsen, kFiller };

int Utf8Length(const std::string& s) {
  return static_cast<int>(
      std::count_if(s.begin(), s.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

bool HasDigit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

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

HeaderWord HeaderWordOf(int column) {
  switch (column) {
    case kGemeente:
      return HeaderWord::kGemeente;
    case kRegulier:
      return HeaderWord::kRegulier;
    case kAmv:
      return HeaderWord::kAmv;
    case kTotaal:
      return HeaderWord::kTotaal;
    default:
      return HeaderWord::kFiller;
  }
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

HeaderWord ClassifyHeaderWord(const std::string& word) {
  if (HasDigit(word) && CountLetters(word) < 3) return HeaderWord::kNone;
  std::string f;
  for (char c : FoldName(word))
    if (c >= 'a' && c <= 'z') f += c;
  if (Utf8Length(word) == 1 && !std::isdigit(static_cast<unsigned char>(word[0]))) {
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

int HeaderKind(HeaderWord h) {
  switch (h) {
    case HeaderWord::kGemeente:
      return kGemeente;
    case HeaderWord::kRegulier:
      return kRegulier;
    case HeaderWord::kAmv:
      return kAmv;
    case HeaderWord::kTotaal:
      return kTotaal;
    default:
      return kUnknownColumn;
  }
}

template <typename W>
std::string FirstRealWord(const std::vector<W>& words) {
  // The first word of three or more letters: a speck read as "Oe" may stand
  // before "Totaal".
  for (const auto& w : words)
    if (CountLetters(w->word->text) >= 3) return w->word->text;
  return words.empty() ? std::string() : words.front()->word->text;
}

bool IsTotalLabel(const std::string& name) {
  std::string f = FoldName(name);
  return !f.empty() && Near(f, "totaal", 8);
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

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

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
  return pages;
}

struct HeaderColumn {
  int kind = kUnknownColumn;
  double x0 = 0, x1 = 0;  // header words, later widened by the numbers below
  // Where the column's numbers lie (empty until known): neighbouring header
  // words may touch, the numbers of two columns never do.
  double nx0 = 0, nx1 = -1;
  double xc() const { return (x0 + x1) / 2; }
  bool has_numbers() const { return nx1 >= nx0; }
};

struct Header {
  int first_row = 0, last_row = 0;  // visual rows of the page
  std::vector<HeaderColumn> columns;      // gemeente (if read) and number columns
  std::vector<std::string> notes;
};

bool HasColumn(const Header& h, int kind) {
  return std::any_of(h.columns.begin(), h.columns.end(),
                     [&](const HeaderColumn& c) { return c.kind == kind; });
}

// Header words of a visual row; nullopt when the row holds other words.
std::optional<std::vector<HeaderWord>> HeaderRow(const VRow& row) {
  std::vector<HeaderWord> out;
  int unknown = 0, keywords = 0, short_unknown = 0;
  for (const PWord* w : row.words) {
    HeaderWord h = ClassifyHeaderWord(w->word->text);
    if (h == HeaderWord::kNone) {
      ++unknown;
      if (Utf8Length(w->word->text) <= 2) ++short_unknown;
    }
    if (h != HeaderWord::kNone && h != HeaderWord::kFiller && h != HeaderWord::kPlaatsen) {
      ++keywords;
    }
    out.push_back(h);
  }
  // One unreadable word is tolerated in a row that is clearly a header, or
  // one speck of a character or two ("| 5 Amv- Reguliere |") beside two
  // header keywords.
  const int tolerated = keywords >= 3 || (keywords >= 2 && short_unknown == unknown) ? 1 : 0;
  if (unknown > tolerated) return std::nullopt;
  if (out.empty()) return std::nullopt;
  return out;
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
    if (page.rows[k].y - page.rows[r].y > 3.5 * page.h) break;
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
    hd.columns.push_back(HeaderColumn{kind, w.w->x0, w.w->x1});
  }
  // "opvangplaatsen" words belong to the column above or below them (two-line
  // header) or to the keyword just left of them (one-line header).
  std::vector<HeaderColumn> orphans;
  for (const HW& w : words) {
    if (w.kind != HeaderWord::kPlaatsen) continue;
    HeaderColumn* best = nullptr;
    double best_overlap = 0;
    for (HeaderColumn& c : hd.columns) {
      if (c.kind == kGemeente) continue;
      const double ov = std::min(c.x1, w.w->x1) - std::max(c.x0, w.w->x0);
      if (ov > best_overlap) best_overlap = ov, best = &c;
    }
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
  const bool reg = HasColumn(hd, kRegulier), amv = HasColumn(hd, kAmv);
  if (orphans.size() == 1 && reg != amv) {
    // Only "...plaatsen" was legible: the one missing places column it is.
    orphans[0].kind = reg ? kAmv : kRegulier;
    hd.notes.push_back(std::string("header column ") + ColumnName(orphans[0].kind) +
                       " identified by elimination (its first word was illegible)");
  }
  for (const HeaderColumn& o : orphans) hd.columns.push_back(o);
  const bool gem = HasColumn(hd, kGemeente);
  const bool tot = HasColumn(hd, kTotaal);
  const bool named_places = HasColumn(hd, kRegulier) && HasColumn(hd, kAmv);
  if (!named_places || (!gem && !tot)) return std::nullopt;
  std::sort(hd.columns.begin(), hd.columns.end(),
            [](const HeaderColumn& a, const HeaderColumn& b) { return a.x0 < b.x0; });
  return hd;
}

enum class RowKind { kData, kNameOnly, kNumbersOnly, kTotal, kHeader, kProse, kEmpty };

struct CellWords {
  std::vector<const PWord*> words;
};

// A visual row split into the name and the number columns.
struct SplitRow {
  RowKind kind = RowKind::kEmpty;
  const VRow* row = nullptr;
  const Page* page = nullptr;
  std::vector<const PWord*> name;
  std::vector<CellWords> cells;  // parallel to Header::columns (gemeente's stays empty)
  std::vector<std::string> problems;
  std::string name_text() const {
    std::string s;
    for (const PWord* w : name) s += (s.empty() ? "" : " ") + w->word->text;
    return s;
  }
  int numbers() const {
    int n = 0;
    for (const CellWords& c : cells) n += !c.words.empty();
    return n;
  }
};

bool NumberLike(const std::string& t) {
  // One glyph: a number when the glyph model reads it cheaply as a digit
  // ("o" 0, "l" 1, "B" 8), a speck otherwise ("e", "Ì").
  if (Utf8Length(t) == 1) {
    std::optional<Reading> r = BestReading(t);
    return r && r->cost <= 2;
  }
  if (LooksNumeric(t)) return true;
  // Short damaged tokens such as "[:]" or "(9)" for one digit.
  return HasDigit(t) && CountLetters(t) <= 1 && t.size() <= 8;
}

class Reader {
 public:
  Reader(const std::vector<Page>& pages, int header_page, const Header& header,
         std::string_view province)
      : pages_(pages), hp_(header_page), header_(header), province_(province) {}

  // Walks the rows below the header (and onto the next pages) and builds the
  // table. `columns` may be the header's or refined ones.
  RawTable Read(const std::vector<HeaderColumn>& columns) {
    columns_ = columns;
    // The table's horizontal extent: its columns, with room for long names
    // when the gemeente column is the last one.
    const double h = pages_[hp_].h;
    left_ = 1e18, right_ = -1e18;
    for (const HeaderColumn& c : columns_) left_ = std::min(left_, c.x0), right_ = std::max(right_, c.x1);
    left_ -= 2 * h;
    right_ += columns_.back().kind == kGemeente ? 14 * h : 2 * h;
    RawTable t;
    t.notes = header_.notes;
    for (int k = 0; k < kColumnCount; ++k) {
      t.column_present[k] = std::any_of(columns_.begin(), columns_.end(),
                                        [&](const HeaderColumn& c) { return c.kind == k; });
    }
    {
      std::string order;
      for (const HeaderColumn& c : columns_)
        order += (order.empty() ? "" : " | ") + std::string(ColumnName(c.kind));
      t.notes.push_back("layout columns by header position: " + order);
    }
    const Page& hpage = pages_[hp_];
    if (std::abs(hpage.slope) > 1e-4) {
      t.notes.push_back("page " + std::to_string(hpage.page) + " rows straightened for a skew of " +
                        Fixed(std::atan(hpage.slope) * 180 / M_PI, 2) + " degrees");
    }
    t.first_page = t.last_page = hpage.page;
    std::optional<SplitRow> pending;  // a name whose numbers may sit on the next line
    double last_y = 0;
    bool have_last = false, ended = false;
    std::vector<double> pitches;
    for (size_t p = hp_; p < pages_.size() && !ended; ++p) {
      const Page& page = pages_[p];
      const double h = page.h;
      int start = 0;
      if (static_cast<int>(p) == hp_) {
        start = header_.last_row + 1;
      } else {
        have_last = false;
        // A repeated header: the continuation starts below it, and whatever
        // stands above it (running head, page number) is not the table.
        for (int r = 0; r < std::min<int>(8, page.rows.size()); ++r) {
          if (std::optional<Header> again = TryHeader(page, r)) {
            t.notes.push_back("repeated header on page " + std::to_string(page.page) + " skipped");
            start = again->last_row + 1;
            break;
          }
        }
      }
      bool seen_row_on_page = false;
      for (int r = start; r < static_cast<int>(page.rows.size()) && !ended; ++r) {
        const VRow& vr = page.rows[r];
        SplitRow s = Split(vr, page);
        const double pitch = pitches.empty() ? 1.8 * h : Median(pitches);
        const bool footer_zone = vr.y > 0.88 * page.height;
        const bool header_zone = vr.y < 0.12 * page.height;
        const bool far = have_last && vr.y - last_y > 3.2 * pitch;
        if (s.kind == RowKind::kHeader) {
          if (static_cast<int>(p) != hp_ || !t.rows.empty()) {
            t.notes.push_back("repeated header on page " + std::to_string(page.page) + " skipped");
          }
          // Skip the rest of the band as well.
          while (r + 1 < static_cast<int>(page.rows.size()) && HeaderRow(page.rows[r + 1]) &&
                 page.rows[r + 1].y - vr.y < 3.5 * h) {
            ++r;
          }
          continue;
        }
        if (s.kind == RowKind::kEmpty) continue;
        bool table_like = s.kind == RowKind::kData || s.kind == RowKind::kNumbersOnly ||
                          s.kind == RowKind::kTotal ||
                          (s.kind == RowKind::kNameOnly && IsMunicipality(s.name_text()));
        // At the top of a continuation page a running head ("Verdeelbesluit
        // Overijssel 2024") can look like a row with one number: before the
        // first real row there, a row must name a municipality.
        if (table_like && static_cast<int>(p) != hp_ && !seen_row_on_page && header_zone &&
            s.kind != RowKind::kTotal && !IsMunicipality(s.name_text())) {
          if (s.numbers() <= 1 && (s.name.size() >= 2 || s.name.empty())) {
            t.notes.push_back("page " + std::to_string(page.page) + ": '" + RowText(vr) +
                              "' above the continued table taken for a running head");
            continue;
          }
          t.alignment_problems.push_back("page " + std::to_string(page.page) + ": first line '" +
                                         RowText(vr) +
                                         "' read as a row although its name is no municipality");
        }
        if (!table_like) {
          // A wrapped name: "Súdwest-" on the row, "Fryslân" below it.
          if (s.kind == RowKind::kNameOnly && !t.rows.empty() && !far && seen_row_on_page &&
              AppendsToName(t.rows.back().name.text, s.name_text())) {
            AppendName(t.rows.back(), s);
            t.notes.push_back("name continued on the next line: '" + t.rows.back().name.text + "'");
            continue;
          }
          if (footer_zone || (!seen_row_on_page && static_cast<int>(p) != hp_ && header_zone)) {
            continue;  // running head or page number
          }
          if (t.rows.empty() && static_cast<int>(p) == hp_ && !pending) {
            // Between the header and the first row. A skipped line that holds
            // numbers under the number columns may be a lost row: say so.
            if (s.numbers() > 0) {
              t.alignment_problems.push_back("page " + std::to_string(page.page) + ": line '" +
                                             RowText(vr) +
                                             "' below the header, with numbers, not read as a row");
            }
            continue;
          }
          ended = true;
          LookAhead(page, r, t);
          break;
        }
        // A page number ("Pagina 1", "- 1 -") has one number at most; a line
        // with more is kept as a row even in the footer zone.
        if (footer_zone && s.kind != RowKind::kTotal && s.numbers() <= 1 &&
            !IsMunicipality(s.name_text())) {
          t.notes.push_back("page " + std::to_string(page.page) + ": '" + RowText(vr) +
                            "' in the footer taken for a page number");
          continue;
        }
        if (s.kind == RowKind::kNumbersOnly && footer_zone) {
          t.notes.push_back("page " + std::to_string(page.page) + ": '" + RowText(vr) +
                            "' in the footer taken for a page number");
          continue;
        }
        if (far) {
          if (footer_zone) continue;
          ended = true;  // a table does not resume after a large gap on the same page
          if (s.kind == RowKind::kData && IsMunicipality(s.name_text())) {
            t.alignment_problems.push_back("page " + std::to_string(page.page) + ": '" +
                                           RowText(vr) +
                                           "' looks like a row but stands after a large gap");
          }
          break;
        }
        if (!seen_row_on_page && static_cast<int>(p) != hp_) {
          t.notes.push_back("table continues on page " + std::to_string(page.page));
        }
        if (have_last && s.kind != RowKind::kNumbersOnly) pitches.push_back(vr.y - last_y);
        seen_row_on_page = true;
        have_last = true;
        last_y = vr.y;
        t.last_page = page.page;
        switch (s.kind) {
          case RowKind::kTotal:
            Flush(pending, t);
            t.total_row = MakeRow(s, page);
            ended = true;
            break;
          case RowKind::kNameOnly:
            Flush(pending, t);
            pending = s;
            break;
          case RowKind::kNumbersOnly:
            if (pending && pending->row && vr.y - pending->row->y < 1.6 * pitch) {
              SplitRow merged = s;
              merged.name = pending->name;
              pending.reset();
              t.notes.push_back("name '" + merged.name_text() + "' on the line above its numbers");
              t.rows.push_back(MakeRow(merged, page));
              AddProblems(merged, t);
            } else {
              Flush(pending, t);
              t.rows.push_back(MakeRow(s, page));
              t.alignment_problems.push_back("page " + std::to_string(page.page) +
                                             ": numbers without a municipality name at y=" +
                                             std::to_string(static_cast<int>(vr.y)));
              AddProblems(s, t);
            }
            break;
          case RowKind::kData:
            Flush(pending, t);
            t.rows.push_back(MakeRow(s, page));
            AddProblems(s, t);
            break;
          default:
            break;
        }
      }
    }
    Flush(pending, t);
    return t;
  }

 private:
  // The table ended at row r of the page. If rows like table rows follow
  // closely, the line that ended it may have been a damaged row: review.
  void LookAhead(const Page& page, int r, RawTable& t) {
    for (int k = r + 1; k < std::min<int>(r + 4, page.rows.size()); ++k) {
      SplitRow next = Split(page.rows[k], page);
      if (next.kind == RowKind::kData && IsMunicipality(next.name_text())) {
        t.alignment_problems.push_back("page " + std::to_string(page.page) +
                                       ": the table seems to "
                                       "end at '" +
                                       RowText(page.rows[r]) + "' but '" + RowText(page.rows[k]) +
                                       "' below looks like a row");
        return;
      }
    }
  }

  static std::string RowText(const VRow& vr) {
    std::string s;
    for (const PWord* w : vr.words) s += (s.empty() ? "" : " ") + w->word->text;
    return s;
  }

  static std::string Fixed(double v, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
  }

  // Whether a name reads as a municipality of the province, for deciding
  // where the table ends. A name that is close to one but ambiguous between
  // two ("Epe" / "Ede") still counts: it is a row, its match is for review.
  bool IsMunicipality(const std::string& name) const {
    if (CountLetters(name) < 3) return false;
    NameMatch m = MatchMunicipality(name, province_);
    return m.municipality != nullptr || m.cost == 0;
  }

  bool AppendsToName(const std::string& before, const std::string& more) const {
    return !IsMunicipality(before) && IsMunicipality(before + " " + more);
  }

  void AppendName(RawRow& row, const SplitRow& s) const {
    for (const PWord* w : s.name) {
      row.name.text += " " + w->word->text;
      Grow(row.name.where.box, w->word->box);
      row.name.where.confidence = std::min(row.name.where.confidence, w->word->confidence);
    }
  }

  static void Grow(BBox& b, const BBox& w) {
    if (b.empty()) {
      b = w;
      return;
    }
    b.x0 = std::min(b.x0, w.x0), b.y0 = std::min(b.y0, w.y0);
    b.x1 = std::max(b.x1, w.x1), b.y1 = std::max(b.y1, w.y1);
  }

  void Flush(std::optional<SplitRow>& pending, RawTable& t) {
    if (!pending) return;
    t.rows.push_back(MakeRow(*pending, *pending->page));
    t.notes.push_back("row '" + pending->name_text() + "' has no numbers");
    pending.reset();
  }

  // Distance from x to an interval (0 inside).
  static double Dist(double x, double a, double b) { return x < a ? a - x : (x > b ? x - b : 0); }

  SplitRow Split(const VRow& vr, const Page& page) {
    SplitRow s;
    s.row = &vr;
    s.page = &page;
    s.cells.resize(columns_.size());
    const double pad = 0.6 * page.h;
    if (HeaderRow(vr)) {
      int keywords = 0;
      for (const PWord* w : vr.words) {
        HeaderWord hw = ClassifyHeaderWord(w->word->text);
        keywords += hw == HeaderWord::kGemeente || hw == HeaderWord::kRegulier ||
                    hw == HeaderWord::kAmv || hw == HeaderWord::kTotaal ||
                    hw == HeaderWord::kPlaatsen;
      }
      if (keywords >= 2) {
        s.kind = RowKind::kHeader;
        return s;
      }
    }
    int prose_words = 0;
    for (const PWord* w : vr.words) {
      const std::string& text = w->word->text;
      if (IsJunk(text)) continue;
      // One glyph that is not a digit ("Ì", "e") is a speck, not a word.
      if (Utf8Length(text) == 1 && !NumberLike(text)) continue;
      // Specks in the margins, beside the table.
      if (w->x1 < left_ || w->x0 > right_) continue;
      const double x = w->xc();
      // The number column whose numbers' extent holds the word's centre;
      // else the one whose (padded) header-and-numbers interval does.
      int inside = -1, inside_count = 0;
      for (size_t c = 0; c < columns_.size(); ++c) {
        if (!columns_[c].has_numbers()) continue;
        if (Dist(x, columns_[c].nx0 - pad / 2, columns_[c].nx1 + pad / 2) == 0) {
          inside = static_cast<int>(c);
          ++inside_count;
        }
      }
      if (inside_count != 1) {
        inside = -1, inside_count = 0;
        for (size_t c = 0; c < columns_.size(); ++c) {
          if (columns_[c].kind == kGemeente) continue;
          if (Dist(x, columns_[c].x0 - pad, columns_[c].x1 + pad) == 0) {
            if (inside < 0 ||
                std::abs(x - columns_[c].xc()) < std::abs(x - columns_[inside].xc())) {
              inside = static_cast<int>(c);
            }
            ++inside_count;
          }
        }
      }
      const bool numeric = NumberLike(text);
      // Outside the number columns a lone glyph is a speck: no name is one letter.
      if (inside < 0 && Utf8Length(text) == 1) continue;
      if (inside >= 0) {
        if (!numeric && CountLetters(text) >= 3) {
          ++prose_words;  // a word, not a number, under a number column
          continue;
        }
        if (inside_count > 1 && numeric) {
          s.problems.push_back("number '" + text + "' lies under two columns");
        }
        s.cells[inside].words.push_back(w);
        continue;
      }
      if (!numeric) {
        s.name.push_back(w);
        continue;
      }
      // A number outside every number column: part of the name when it sits
      // in the name column ("Hengelo (O.)"), else a stray we must not place.
      int nearest = -1;
      double nd = std::numeric_limits<double>::max(), gem_d = std::numeric_limits<double>::max();
      for (size_t c = 0; c < columns_.size(); ++c) {
        const double d = Dist(x, columns_[c].x0, columns_[c].x1);
        if (columns_[c].kind == kGemeente) {
          gem_d = d;
        } else if (d < nd) {
          nd = d, nearest = static_cast<int>(c);
        }
      }
      const bool in_name_region = NameRegion(x);
      if (in_name_region && (gem_d <= nd || !HasDigitRun(text, 2))) {
        s.name.push_back(w);
      } else if (nearest >= 0 && nd < 2.0 * page.h) {
        s.cells[nearest].words.push_back(w);
        s.problems.push_back("number '" + text + "' outside its column (nearest: " +
                             ColumnName(columns_[nearest].kind) + ")");
      } else {
        s.problems.push_back("number '" + text + "' could not be placed in any column");
      }
    }
    // A speck read as "ee" or "„" beside a number is not part of the cell.
    for (CellWords& cell : s.cells) {
      const bool has_number = std::any_of(cell.words.begin(), cell.words.end(),
                                          [](const PWord* w) { return NumberLike(w->word->text); });
      if (!has_number) continue;
      std::erase_if(cell.words, [](const PWord* w) { return !NumberLike(w->word->text); });
      // A thin or barely recognised lone glyph beside a real number is a
      // speck read as a digit ("7" from a scratch), not a second number.
      const double h = page.h;
      auto speck = [h](const PWord* w) {
        return Utf8Length(w->word->text) == 1 &&
               (w->x1 - w->x0 < 0.45 * h || w->word->confidence < 0.3);
      };
      const bool real = std::any_of(cell.words.begin(), cell.words.end(), [&](const PWord* w) {
        return !speck(w) && HasDigit(w->word->text);
      });
      if (real && cell.words.size() > 1) std::erase_if(cell.words, speck);
    }
    const int numbers = s.numbers();
    const std::string name = s.name_text();
    // One stray word under a number column does not make a row prose when
    // the row otherwise reads as name + numbers; two do.
    if (prose_words > 1 || (prose_words == 1 && (s.numbers() == 0 || s.name.empty())) ||
        s.name.size() > 6) {
      s.kind = RowKind::kProse;
    } else if (numbers > 0 && !name.empty() && IsTotalLabel(FirstRealWord(s.name))) {
      s.kind = RowKind::kTotal;
    } else if (numbers > 0 && !name.empty()) {
      s.kind = RowKind::kData;
      // "Artikel II" beside a speck read as "OO": without a single digit a
      // line is a row only when it names a municipality.
      bool digits = false;
      for (const CellWords& c : s.cells)
        for (const PWord* w : c.words) digits = digits || HasDigit(w->word->text);
      if (!digits && !IsMunicipality(name)) s.kind = RowKind::kNameOnly;
    } else if (numbers > 0) {
      s.kind = RowKind::kNumbersOnly;
      bool digits = false;
      for (const CellWords& c : s.cells)
        for (const PWord* w : c.words) digits = digits || HasDigit(w->word->text);
      if (!digits && s.problems.empty()) s.kind = RowKind::kEmpty;  // "O", "l" alone: specks
    } else if (!name.empty()) {
      s.kind = RowKind::kNameOnly;
      // "En", "ee", "Oe": specks read as a short word. No municipality name
      // has fewer than three letters.
      if (CountLetters(name) < 3 && s.problems.empty()) s.kind = RowKind::kEmpty;
    } else {
      s.kind = s.problems.empty() ? RowKind::kEmpty : RowKind::kProse;
    }
    if (s.kind == RowKind::kData || s.kind == RowKind::kNumbersOnly || s.kind == RowKind::kTotal) {
      // Two separate numbers in one cell: the columns are not where we think.
      for (size_t c = 0; c < s.cells.size(); ++c) {
        const auto& ws = s.cells[c].words;
        for (size_t i = 1; i < ws.size(); ++i) {
          const bool separate = ws[i]->x0 - ws[i - 1]->x1 > 1.0 * page.h &&
                                HasDigit(ws[i]->word->text) && HasDigit(ws[i - 1]->word->text);
          if (separate) {
            s.problems.push_back("two numbers ('" + ws[i - 1]->word->text + "', '" +
                                 ws[i]->word->text + "') in the " + ColumnName(columns_[c].kind) +
                                 " column");
          }
        }
        if (!ws.empty() && columns_[c].kind == kUnknownColumn) {
          s.problems.push_back("numbers under a header column that could not be identified");
        }
      }
    }
    return s;
  }

  static bool HasDigitRun(const std::string& t, int n) {
    int run = 0;
    for (unsigned char c : t) {
      run = std::isdigit(c) ? run + 1 : 0;
      if (run >= n) return true;
    }
    return false;
  }

  // True when x lies between the number columns that flank the gemeente column.
  bool NameRegion(double x) const {
    int g = -1;
    for (size_t c = 0; c < columns_.size(); ++c)
      if (columns_[c].kind == kGemeente) g = static_cast<int>(c);
    if (g < 0) return false;
    const double lo = g > 0 ? columns_[g - 1].x1 : -1e18;
    const double hi = g + 1 < static_cast<int>(columns_.size()) ? columns_[g + 1].x0 : 1e18;
    return x > lo && x < hi;
  }

  void AddProblems(const SplitRow& s, RawTable& t) const {
    for (const std::string& p : s.problems) {
      t.alignment_problems.push_back("row " + std::to_string(t.rows.size()) + " ('" +
                                     s.name_text() + "'): " + p);
    }
  }

  RawCell MakeCell(const std::vector<const PWord*>& words, int page) const {
    RawCell cell;
    if (words.empty()) return cell;
    cell.present = true;
    cell.where.page = page;
    cell.where.line = words.front()->line_no;
    cell.where.confidence = 1.0;
    for (const PWord* w : words) {
      cell.text += (cell.text.empty() ? "" : " ") + w->word->text;
      Grow(cell.where.box, w->word->box);
      cell.where.confidence = std::min(cell.where.confidence, w->word->confidence);
    }
    if (words.size() == 1) cell.recogniser_readings = AlternativeReadings(*words.front()->word);
    return cell;
  }

  RawRow MakeRow(const SplitRow& s, const Page& page) {
    RawRow row;
    row.name = MakeCell(s.name, page.page);
    for (size_t c = 0; c < columns_.size(); ++c) {
      const int kind = columns_[c].kind;
      if (kind < 0) continue;
      row.cells[kind] = MakeCell(s.cells[c].words, page.page);
    }
    return row;
  }

  const std::vector<Page>& pages_;
  int hp_;
  const Header& header_;
  std::string_view province_;
  std::vector<HeaderColumn> columns_;
  double left_ = -1e18, right_ = 1e18;
};

std::string Span(const HeaderColumn& c) {
  return std::to_string(static_cast<int>(c.x0)) + ".." + std::to_string(static_cast<int>(c.x1));
}

// The number columns where the numbers really are. Header words give the
// columns' order and rough place, but a header is often left-aligned or
// centred over numbers that are right-aligned, so a number can sit nearer to
// the next column's header than to its own. The numbers below the header are
// therefore grouped by their x-extents (words whose extents overlap share a
// column); the k-th group from the left is the k-th number column of the
// header. When the counts differ, a group joins the header column it overlaps
// or, failing that, the nearest one, and the doubt is noted.
std::vector<HeaderColumn> ColumnsFromNumbers(const std::vector<Page>& pages, int hp, const Header& hd,
                                       std::vector<std::string>* notes,
                                       std::vector<std::string>* problems) {
  struct Group {
    double x0, x1;
    std::vector<double> lefts, rights;
  };
  std::vector<std::pair<double, double>> spans;
  for (size_t p = hp; p < pages.size(); ++p) {
    const Page& page = pages[p];
    for (int r = static_cast<int>(p) == hp ? hd.last_row + 1 : 0;
         r < static_cast<int>(page.rows.size()); ++r) {
      int words = 0;
      for (const PWord* w : page.rows[r].words) words += !NumberLike(w->word->text);
      if (words > 6) continue;  // prose: its numbers are not in columns
      for (const PWord* w : page.rows[r].words) {
        if (HasDigit(w->word->text) && NumberLike(w->word->text)) spans.push_back({w->x0, w->x1});
      }
    }
  }
  std::sort(spans.begin(), spans.end());
  std::vector<Group> groups;
  for (const auto& [x0, x1] : spans) {
    if (groups.empty() || x0 > groups.back().x1) groups.push_back(Group{x0, x1, {}, {}});
    Group& g = groups.back();
    g.x1 = std::max(g.x1, x1);
    g.lefts.push_back(x0), g.rights.push_back(x1);
  }
  size_t biggest = 0;
  for (const Group& g : groups) biggest = std::max(biggest, g.lefts.size());
  std::vector<Group> kept;
  for (Group& g : groups) {
    if (g.lefts.size() >= 3 && g.lefts.size() * 5 >= biggest) kept.push_back(std::move(g));
  }
  std::vector<HeaderColumn> out = hd.columns;
  std::vector<int> numeric;  // indexes of number columns in `out`, left to right
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].kind != kGemeente) numeric.push_back(static_cast<int>(i));
  auto widen = [](HeaderColumn& c, Group& g) {
    // The extreme 10% on each side are ignored: a stray word must not widen a column.
    std::sort(g.lefts.begin(), g.lefts.end());
    std::sort(g.rights.begin(), g.rights.end());
    const size_t k = g.lefts.size() / 10;
    c.nx0 = g.lefts[k];
    c.nx1 = g.rights[g.rights.size() - 1 - k];
    c.x0 = std::min(c.x0, c.nx0);
    c.x1 = std::max(c.x1, c.nx1);
  };
  if (kept.size() == numeric.size()) {
    for (size_t k = 0; k < kept.size(); ++k) widen(out[numeric[k]], kept[k]);
    std::string spans;
    for (size_t k = 0; k < kept.size(); ++k) {
      spans += std::string(k ? ", " : "") + ColumnName(out[numeric[k]].kind) + " x " +
               Span(out[numeric[k]]);
    }
    notes->push_back("number columns from " + std::to_string(kept.size()) +
                     " groups of numbers, matched to the header in order: " + spans);
  } else {
    notes->push_back(std::to_string(kept.size()) + " groups of numbers under " +
                     std::to_string(numeric.size()) + " number headers");
    std::vector<HeaderColumn> header = out;
    for (Group& g : kept) {
      int best = -1;
      double best_score = -1e18, second = -1e18;
      for (int i : numeric) {
        const HeaderColumn& c = header[i];
        const double ov = std::min(c.x1, g.x1) - std::max(c.x0, g.x0);  // < 0: a gap
        if (ov > best_score) {
          second = best_score, best_score = ov, best = i;
        } else if (ov > second) {
          second = ov;
        }
      }
      if (best < 0) continue;
      if (best_score < 0 && second > 2 * best_score) {
        problems->push_back("a column of numbers at x=" + std::to_string(static_cast<int>(g.x0)) +
                            ".." + std::to_string(static_cast<int>(g.x1)) +
                            " lies between two header columns");
        continue;
      }
      widen(out[best], g);
    }
  }
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

}  // namespace

std::vector<Reading> AlternativeReadings(const Word& word) {
  std::vector<Reading> out;
  for (const WordAlternative& alt : word.alternatives) {
    // The recogniser's own belief, on the glyph model's integer scale: a 90%
    // alternative costs 1, a 10% one 4. Never 0: the printed reading (the
    // word's text) is the only free one.
    const int belief_cost =
        std::clamp(static_cast<int>(std::lround(4.0 * (1.0 - alt.confidence))), 1, 4);
    if (!LooksNumeric(alt.text)) continue;
    // A clean number ("129", "1.936") is taken as it stands; ParseDutchNumber
    // reads a prefix of prose, so its value must account for every digit.
    std::string digits;
    for (char c : alt.text) {
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digits += c;
      } else if (c != '.' && c != ',') {
        digits = "x";  // a glyph: leave it to the glyph model
        break;
      }
    }
    long value = 0;
    int extra = 0;
    std::string how = "recogniser alternative '" + alt.text + "'";
    const std::optional<long> parsed = ParseDutchNumber(alt.text);
    if (parsed.has_value() && std::to_string(parsed.value()) == digits) {
      value = parsed.value();
    } else {
      std::optional<Reading> r = BestReading(alt.text);
      if (!r) continue;
      value = r->value;
      extra = r->cost;
      if (!r->reason.empty()) how += ", " + r->reason;
    }
    char p[16];
    std::snprintf(p, sizeof p, "%.2f", alt.confidence);
    Reading reading{value, belief_cost + extra, how + " (p=" + p + ")"};
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Reading& x) { return x.value == reading.value; });
    if (it == out.end()) {
      out.push_back(std::move(reading));
    } else if (reading.cost < it->cost) {
      *it = std::move(reading);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Reading& a, const Reading& b) { return a.cost < b.cost; });
  return out;
}

StatusOr<RawTable> ReadPositionedTable(const TextDocument& doc, int first, int last,
                                       std::string_view province) {
  first = std::max(first, 0);
  last = std::min(last, static_cast<int>(doc.lines.size()) - 1);
  if (first > last) return Status::NotFound("empty line range");
  std::vector<Page> pages = BuildPages(doc, first, last);
  bool any = false;
  for (const Page& p : pages) any = any || !p.words.empty();
  if (!any) return Status::NotFound("no positioned words (the range carries no word boxes)");
  bool saw_header = false;
  for (size_t p = 0; p < pages.size(); ++p) {
    for (int r = 0; r < static_cast<int>(pages[p].rows.size()); ++r) {
      std::optional<Header> header = TryHeader(pages[p], r);
      if (!header) continue;
      saw_header = true;
      std::vector<std::string> notes, problems;
      std::vector<HeaderColumn> columns =
          ColumnsFromNumbers(pages, static_cast<int>(p), *header, &notes, &problems);
      Reader reader(pages, static_cast<int>(p), *header, province);
      RawTable table = reader.Read(columns);
      if (table.rows.empty()) {
        r = header->last_row;
        continue;
      }
      table.notes.insert(table.notes.begin() + 1, notes.begin(), notes.end());
      table.alignment_problems.insert(table.alignment_problems.begin(), problems.begin(),
                                      problems.end());
      table.notes.push_back("positioned table: " + std::to_string(table.rows.size()) +
                            " rows, pages " + std::to_string(table.first_page) + "-" +
                            std::to_string(table.last_page) +
                            (table.total_row ? ", Totaal row" : ", no Totaal row"));
      // Lines of the table (1-based source lines) for reviewers of text layers.
      table.first_line = table.rows.front().name.where.line;
      table.last_line =
          table.total_row ? table.total_row->name.where.line : table.rows.back().name.where.line;
      return table;
    }
  }
  return Status::NotFound(saw_header ? "allocation table header found but no rows below it"
                                     : "no allocation table header (Gemeente/Reguliere/Amv/"
                                       "Totaal) among the positioned words");
}

}  // namespace verdeelscan
