// Positioned words into pages of deskewed visual rows, and the header band.
#include "extractors/tables/layout_pages.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

#include "validators/name_matcher.h"

namespace verdeelscan::layout_reader {

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

int HeaderKind(HeaderWord h) { return ColumnOf(h); }

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

}  // namespace verdeelscan::layout_reader
