// The positioned-words table reader (table_layout.h). Pages, rows, the
// header band and the number columns are in layout_pages.cc; this file keeps
// the reader's own steps (row splitting, the walk down the rows, continuation
// pages, and the readings of a table without a header, which run that walk
// once per naming of the columns) together, over the team's 800 lines,
// because they all share the Reader state and read in the order the table is
// read.
#include "extractors/tables/table_layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"
#include "core/utf8.h"
#include "extractors/tables/columns.h"
#include "extractors/tables/layout_pages.h"
#include "validators/name_matcher.h"

namespace verdeelscan {
namespace {

using namespace layout_reader;  // NOLINT: the reader's own internals

enum class RowKind { kData, kNameOnly, kNumbersOnly, kTotal, kHeader, kProse, kEmpty };

struct CellWords {
  std::vector<const PWord*> words;
  const PWord* leading_stroke = nullptr;  // see RawCell::leading_stroke
};

// A visual row split into the name and the number columns.
struct SplitRow {
  RowKind kind = RowKind::kEmpty;
  const VRow* row = nullptr;
  const Page* page = nullptr;
  std::vector<const PWord*> name;
  std::vector<CellWords> cells;  // parallel to Header::columns (gemeente's stays empty)
  std::vector<std::string> problems;
  // Thin one-glyph words dropped as specks or rulings: a leading 1 split off
  // from its number may be among them (AttachLeadingStrokes).
  std::vector<const PWord*> strokes;
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

class Reader {
 public:
  Reader(const std::vector<Page>& pages, int header_page, const Header& header,
         std::string_view province)
      : pages_(pages), hp_(header_page), header_(header), province_(province) {}

  // Walks the rows below the header (and onto the next pages) and builds the
  // table. `columns` may be the header's or refined ones.
  RawTable Read(const std::vector<HeaderColumn>& columns) {
    columns_ = columns;
    walk_ = Walk{};
    RawTable t = StartTable();
    for (size_t p = hp_; p < pages_.size() && !walk_.ended; ++p) ReadPage(p, t);
    Flush(walk_.pending, t);
    return t;
  }

 private:
  // Where the walk down the rows is.
  struct Walk {
    std::optional<SplitRow> pending;  // a name whose numbers may sit on the next line
    double last_y = 0;
    bool have_last = false, ended = false;
    std::vector<double> pitches;
    bool seen_row_on_page = false;
    std::string nameless_problem;  // the note on the last row taken without a name
  };

  // Two lines closer than this share of the row pitch are not two rows.
  static constexpr double kSplitRowPitch = 0.6;

  // The row of page p being judged, and where it stands on its page.
  struct RowAt {
    const Page& page;
    size_t p;
    int r;
    const VRow& vr;
    const SplitRow& s;
    double pitch;
    bool footer_zone, header_zone, far;
  };

  enum class Step { kTake, kSkip, kStop };

  // The table's horizontal extent, its columns and the notes on them.
  RawTable StartTable() {
    // The table's horizontal extent: its columns, with room for long names
    // when the gemeente column is the last one.
    const double h = pages_[hp_].h;
    left_ = 1e18, right_ = -1e18;
    for (const HeaderColumn& c : columns_)
      left_ = std::min(left_, c.x0), right_ = std::max(right_, c.x1);
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
    return t;
  }

  // The first row of page p to read: below the header on the header's page,
  // below a repeated header on a continuation page.
  int FirstRowOf(size_t p, RawTable& t) {
    const Page& page = pages_[p];
    if (static_cast<int>(p) == hp_) return header_.last_row + 1;
    walk_.have_last = false;
    // A repeated header: the continuation starts below it, and whatever
    // stands above it (running head, page number) is not the table.
    for (int r = 0; r < std::min<int>(8, page.rows.size()); ++r) {
      if (std::optional<Header> again = TryHeader(page, r)) {
        t.notes.push_back("repeated header on page " + std::to_string(page.page) + " skipped");
        return again->last_row + 1;
      }
    }
    return 0;
  }

  void ReadPage(size_t p, RawTable& t) {
    const Page& page = pages_[p];
    const double h = page.h;
    const int start = FirstRowOf(p, t);
    walk_.seen_row_on_page = false;
    for (int r = start; r < static_cast<int>(page.rows.size()) && !walk_.ended; ++r) {
      const VRow& vr = page.rows[r];
      SplitRow s = Split(vr, page);
      const double pitch = walk_.pitches.empty() ? 1.8 * h : Median(walk_.pitches);
      const RowAt at{page,
                     p,
                     r,
                     vr,
                     s,
                     pitch,
                     vr.y > 0.88 * page.height,
                     vr.y < 0.12 * page.height,
                     walk_.have_last && vr.y - walk_.last_y > 3.2 * pitch};
      if (s.kind == RowKind::kHeader) {
        if (static_cast<int>(p) != hp_ || !t.rows.empty()) {
          t.notes.push_back("repeated header on page " + std::to_string(page.page) + " skipped");
        }
        // Skip the rest of the band as well.
        while (r + 1 < static_cast<int>(page.rows.size()) && HeaderRow(page.rows[r + 1]) &&
               page.rows[r + 1].y - vr.y < kHeaderBandHeight * h) {
          ++r;
        }
        continue;
      }
      if (s.kind == RowKind::kEmpty) continue;
      const Step step = Judge(at, t);
      if (step == Step::kSkip) continue;
      if (step == Step::kStop) break;
      Take(at, t);
    }
  }

  bool TableLike(const SplitRow& s) const {
    return s.kind == RowKind::kData || s.kind == RowKind::kNumbersOnly ||
           s.kind == RowKind::kTotal ||
           (s.kind == RowKind::kNameOnly && IsMunicipality(s.name_text()));
  }

  // Whether the walk takes the row, skips it, or ends the table there.
  Step Judge(const RowAt& at, RawTable& t) {
    const SplitRow& s = at.s;
    const Page& page = at.page;
    if (ContinuesName(at, t)) return Step::kSkip;
    if (StrayMark(at)) {
      t.notes.push_back("page " + std::to_string(page.page) + ": stray mark '" + RowText(at.vr) +
                        "' between two rows skipped");
      return Step::kSkip;
    }
    const bool table_like = TableLike(s);
    // At the top of a continuation page a running head ("Verdeelbesluit
    // Overijssel 2024") can look like a row with one number: before the
    // first real row there, a row must name a municipality.
    if (table_like && static_cast<int>(at.p) != hp_ && !walk_.seen_row_on_page && at.header_zone &&
        s.kind != RowKind::kTotal && !IsMunicipality(s.name_text())) {
      if (s.numbers() <= 1 && (s.name.size() >= 2 || s.name.empty())) {
        t.notes.push_back("page " + std::to_string(page.page) + ": '" + RowText(at.vr) +
                          "' above the continued table taken for a running head");
        return Step::kSkip;
      }
      t.alignment_problems.push_back("page " + std::to_string(page.page) + ": first line '" +
                                     RowText(at.vr) +
                                     "' read as a row although its name is no municipality");
    }
    if (!table_like) return JudgeNotTableLike(at, t);
    // A page number ("Pagina 1", "- 1 -") has one number at most; a line
    // with more is kept as a row even in the footer zone.
    if (at.footer_zone && s.kind != RowKind::kTotal && s.numbers() <= 1 &&
        !IsMunicipality(s.name_text())) {
      t.notes.push_back("page " + std::to_string(page.page) + ": '" + RowText(at.vr) +
                        "' in the footer taken for a page number");
      return Step::kSkip;
    }
    if (s.kind == RowKind::kNumbersOnly && at.footer_zone) {
      t.notes.push_back("page " + std::to_string(page.page) + ": '" + RowText(at.vr) +
                        "' in the footer taken for a page number");
      return Step::kSkip;
    }
    if (at.far) {
      if (at.footer_zone) return Step::kSkip;
      walk_.ended = true;  // a table does not resume after a large gap on the same page
      if (s.kind == RowKind::kData && IsMunicipality(s.name_text())) {
        t.alignment_problems.push_back("page " + std::to_string(page.page) + ": '" +
                                       RowText(at.vr) +
                                       "' looks like a row but stands after a large gap");
      }
      return Step::kStop;
    }
    return Step::kTake;
  }

  // A mark alone between two rows, off their baselines (a tick or a speck
  // read as "4" or "1/"): no row has a single short word.
  bool StrayMark(const RowAt& at) const {
    const VRow& vr = at.vr;
    if (vr.words.size() != 1 || Utf8CodePoints(vr.words[0]->word->text) > 2) return false;
    if (!walk_.have_last || vr.y - walk_.last_y > 0.7 * at.pitch) return false;
    const int next = at.r + 1;
    return next < static_cast<int>(at.page.rows.size()) &&
           at.page.rows[next].y - vr.y < 0.7 * at.pitch;
  }

  // A row that does not look like the table's: a wrapped name, a running
  // head or page number, a line between the header and the first row, or the
  // table's end.
  Step JudgeNotTableLike(const RowAt& at, RawTable& t) {
    const SplitRow& s = at.s;
    const Page& page = at.page;
    // A wrapped name: "Súdwest-" on the row, "Fryslân" below it.
    if (!at.far && NameGoesOn(page, at.r, s)) return Step::kTake;
    if (at.footer_zone ||
        (!walk_.seen_row_on_page && static_cast<int>(at.p) != hp_ && at.header_zone)) {
      return Step::kSkip;  // running head or page number
    }
    if (t.rows.empty() && static_cast<int>(at.p) == hp_ && !walk_.pending) {
      // Between the header and the first row. A skipped line that holds
      // numbers under the number columns may be a lost row: say so.
      if (s.numbers() > 0) {
        t.alignment_problems.push_back("page " + std::to_string(page.page) + ": line '" +
                                       RowText(at.vr) +
                                       "' below the header, with numbers, not read as a row");
      }
      return Step::kSkip;
    }
    if (MarkBetweenRows(at)) {
      t.notes.push_back("page " + std::to_string(page.page) + ": line of marks '" + RowText(at.vr) +
                        "' between two rows skipped");
      return Step::kSkip;
    }
    walk_.ended = true;
    LookAhead(page, at.r, t);
    return Step::kStop;
  }

  // A pen line under a row, a tick or a smear read as a line of letters
  // ("_— ne Ennn sen eel"): no digit, no municipality, and the next line is
  // a row no further below the last row than the table's row pitch allows,
  // so no row can be hidden in it. A damaged row would hold a number or
  // take up a row of its own.
  bool MarkBetweenRows(const RowAt& at) {
    if (!walk_.have_last || at.r + 1 >= static_cast<int>(at.page.rows.size())) return false;
    for (const PWord* w : at.vr.words)
      if (HasDigit(w->word->text)) return false;
    if (IsMunicipality(at.s.name_text())) return false;
    const VRow& next = at.page.rows[at.r + 1];
    const double pitch = walk_.pitches.empty() ? std::max(at.pitch, PitchBelow(at)) : at.pitch;
    if (next.y - walk_.last_y > 1.4 * pitch) return false;
    return RowOrTotalBelow(at.page, at.r + 1);
  }

  // Whether line k of the page is a row naming a municipality, or the Totaal row.
  bool RowOrTotalBelow(const Page& page, int k) {
    const SplitRow below = Split(page.rows[k], page);
    return (below.kind == RowKind::kData || below.kind == RowKind::kTotal) &&
           (below.kind == RowKind::kTotal || IsMunicipality(below.name_text()));
  }

  // Under the table's first row no pitch is measured yet, and the guess
  // from the word height (1.8 heights) is short for a table printed with
  // generous spacing (2.5 heights, seen on a scan with an underline under
  // its first row). There the two rows below the line give the pitch; 0 when
  // two rows do not follow it.
  double PitchBelow(const RowAt& at) {
    const int k = at.r + 1;
    if (k + 1 >= static_cast<int>(at.page.rows.size())) return 0;
    if (!RowOrTotalBelow(at.page, k) || !RowOrTotalBelow(at.page, k + 1)) return 0;
    return at.page.rows[k + 1].y - at.page.rows[k].y;
  }

  // Takes the row into the table.
  void Take(const RowAt& at, RawTable& t) {
    if (JoinsSplitRow(at, t)) return;
    const SplitRow& s = at.s;
    const Page& page = at.page;
    const VRow& vr = at.vr;
    if (!walk_.seen_row_on_page && static_cast<int>(at.p) != hp_) {
      t.notes.push_back("table continues on page " + std::to_string(page.page));
    }
    if (walk_.have_last && s.kind != RowKind::kNumbersOnly)
      walk_.pitches.push_back(vr.y - walk_.last_y);
    walk_.seen_row_on_page = true;
    walk_.have_last = true;
    walk_.last_y = vr.y;
    t.last_page = page.page;
    std::optional<SplitRow>& pending = walk_.pending;
    switch (s.kind) {
      case RowKind::kTotal:
        Flush(pending, t);
        t.total_row = MakeRow(s, page);
        walk_.ended = true;
        break;
      case RowKind::kNameOnly:
        Flush(pending, t);
        pending = s;
        break;
      case RowKind::kNumbersOnly:
        if (pending && pending->row && vr.y - pending->row->y < 1.6 * at.pitch) {
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
          walk_.nameless_problem = t.alignment_problems.back();
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

  // One row read as two lines: a box swollen by a tick, an underline or a
  // speck moves its word's centre, so that the name with some of the cells
  // stands on one line and the other cells, nameless, on a line just above or
  // below. The two are one row when they stand closer than the row pitch
  // allows two rows to, and the nameless line's numbers fill exactly cells
  // the named line lacks (no column holds a number from both). Returns
  // whether the row was joined to the table's last row.
  bool JoinsSplitRow(const RowAt& at, RawTable& t) {
    const SplitRow& s = at.s;
    if (s.kind != RowKind::kData && s.kind != RowKind::kNumbersOnly) return false;
    if (walk_.pending || !walk_.have_last || t.rows.empty()) return false;
    if (at.vr.y - walk_.last_y > kSplitRowPitch * at.pitch) return false;
    RawRow& last = t.rows.back();
    if (last.name.present && last.name.where.page != at.page.page) return false;
    const bool last_nameless = last.name.text.empty();
    if ((s.kind == RowKind::kNumbersOnly) == last_nameless) return false;
    if (!HasDigits(s) && s.kind == RowKind::kNumbersOnly) return false;
    int filled = 0;
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (s.cells[c].words.empty()) continue;
      const int kind = columns_[c].kind;
      if (kind < 0 || last.cells[kind].present) return false;
      ++filled;
    }
    if (filled == 0) return false;
    const RawRow add = MakeRow(s, at.page);
    if (last_nameless) last.name = add.name;
    for (int k = 0; k < kColumnCount; ++k)
      if (add.cells[k].present) last.cells[k] = add.cells[k];
    if (last_nameless) {
      auto& problems = t.alignment_problems;
      auto it = std::find(problems.rbegin(), problems.rend(), walk_.nameless_problem);
      if (it != problems.rend()) problems.erase(std::next(it).base());
      walk_.last_y = at.vr.y;  // the named line stands for the row
    }
    t.notes.push_back("page " + std::to_string(at.page.page) + ": '" + RowText(at.vr) +
                      "' joined to the row above it, whose other cells it holds");
    AddProblems(s, t);
    return true;
  }

  static bool HasDigits(const SplitRow& s) {
    for (const CellWords& c : s.cells)
      for (const PWord* w : c.words)
        if (HasDigit(w->word->text)) return true;
    return false;
  }

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
    if (!IsMunicipality(before) && IsMunicipality(before + " " + more)) return true;
    // "Hof van" + "Twente": each part alone may be close to a municipality
    // (the whole one), the two together are closer.
    if (before.empty() || CountLetters(more) < 3) return false;
    const NameMatch joined = MatchMunicipality(before + " " + more, province_);
    if (!joined.municipality) return false;
    for (const std::string& part : {before, more}) {
      const NameMatch alone = MatchMunicipality(part, province_);
      if (alone.municipality && alone.cost <= joined.cost) return false;
    }
    return true;
  }

  // A name alone on its line that is the first part of a municipality's
  // name ("Hof van"): its rest follows within two rows (the numbers may
  // stand between the two lines, in a cell centred on both).
  bool NameGoesOn(const Page& page, int r, const SplitRow& s) {
    if (s.kind != RowKind::kNameOnly) return false;
    for (int k = r + 1; k < std::min<int>(r + 3, page.rows.size()); ++k) {
      if (page.rows[k].y - page.rows[r].y > 2.5 * page.h) break;
      const SplitRow next = Split(page.rows[k], page);
      if (next.kind == RowKind::kNameOnly && AppendsToName(s.name_text(), next.name_text()))
        return true;
    }
    return false;
  }

  // The rest of a name broken over two lines, below a row or below a name
  // that waits for its numbers.
  bool ContinuesName(const RowAt& at, RawTable& t) {
    const SplitRow& s = at.s;
    if (s.kind != RowKind::kNameOnly || at.far || !walk_.seen_row_on_page) return false;
    std::optional<SplitRow>& pending = walk_.pending;
    if (pending && AppendsToName(pending->name_text(), s.name_text())) {
      pending->name.insert(pending->name.end(), s.name.begin(), s.name.end());
    } else if (!pending && !t.rows.empty() &&
               AppendsToName(t.rows.back().name.text, s.name_text())) {
      AppendName(t.rows.back(), s);
    } else {
      return false;
    }
    t.notes.push_back("name continued on the next line: '" + s.name_text() + "'");
    return true;
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
    if (IsHeaderBand(vr)) {
      s.kind = RowKind::kHeader;
      return s;
    }
    int prose_words = 0;
    for (const PWord* w : vr.words) PlaceWord(w, page, s, prose_words);
    DropSpecks(page, s);
    AttachLeadingStrokes(page, s);
    SetKind(s, prose_words);
    if (s.kind == RowKind::kData || s.kind == RowKind::kNumbersOnly || s.kind == RowKind::kTotal)
      NoteCellsOutOfPlace(page, s);
    return s;
  }

  // A header line: two or more header keywords.
  static bool IsHeaderBand(const VRow& vr) {
    if (!HeaderRow(vr)) return false;
    int keywords = 0;
    for (const PWord* w : vr.words) {
      HeaderWord hw = ClassifyHeaderWord(w->word->text);
      keywords += hw == HeaderWord::kGemeente || hw == HeaderWord::kRegulier ||
                  hw == HeaderWord::kAmv || hw == HeaderWord::kTotaal ||
                  hw == HeaderWord::kPlaatsen;
    }
    return keywords >= 2;
  }

  // One word of a row into the name, a number cell, or a problem.
  void PlaceWord(const PWord* w, const Page& page, SplitRow& s, int& prose_words) const {
    const double pad = 0.6 * page.h;
    const std::string& text = w->word->text;
    if (IsStrokeGlyph(text) && (IsJunk(text) || !NumberLike(text))) s.strokes.push_back(w);
    if (IsJunk(text)) return;
    // One glyph that is not a digit ("Ì", "e") is a speck, not a word.
    if (Utf8CodePoints(text) == 1 && !NumberLike(text)) return;
    // Specks in the margins, beside the table.
    if (w->x1 < left_ || w->x0 > right_) return;
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
          if (inside < 0 || std::abs(x - columns_[c].xc()) < std::abs(x - columns_[inside].xc())) {
            inside = static_cast<int>(c);
          }
          ++inside_count;
        }
      }
    }
    const bool numeric = NumberLike(text);
    // Outside the number columns a lone glyph is a speck: no name is one letter.
    if (inside < 0 && Utf8CodePoints(text) == 1) return;
    if (inside >= 0) {
      if (!numeric && CountLetters(text) >= 3 && !GlyphNumber(text)) {
        ++prose_words;  // a word, not a number, under a number column
        return;
      }
      if (inside_count > 1 && numeric) {
        s.problems.push_back("number '" + text + "' lies under two columns");
      }
      s.cells[inside].words.push_back(w);
      return;
    }
    if (!numeric) {
      s.name.push_back(w);
      return;
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
  static void DropSpecks(const Page& page, SplitRow& s) {
    for (CellWords& cell : s.cells) {
      auto number = [](const PWord* w) {
        return NumberLike(w->word->text) || GlyphNumber(w->word->text);
      };
      if (std::none_of(cell.words.begin(), cell.words.end(), number)) continue;
      std::erase_if(cell.words, [&](const PWord* w) { return !number(w); });
      // A thin or barely recognised lone glyph beside a real number is a
      // speck read as a digit ("7" from a scratch), not a second number.
      const double h = page.h;
      auto speck = [h](const PWord* w) {
        return Utf8CodePoints(w->word->text) == 1 &&
               (w->x1 - w->x0 < 0.45 * h || w->word->confidence < 0.3);
      };
      const bool real = std::any_of(cell.words.begin(), cell.words.end(), [&](const PWord* w) {
        return !speck(w) && HasDigit(w->word->text);
      });
      if (!real || cell.words.size() <= 1) continue;
      for (const PWord* w : cell.words)
        if (speck(w) && IsStrokeGlyph(w->word->text)) s.strokes.push_back(w);
      std::erase_if(cell.words, speck);
    }
  }

  // One glyph that is a thin upright stroke: how the recogniser reads a lone
  // 1 ("|", "l", "I", "Ï", "]").
  static bool IsStrokeGlyph(const std::string& t) {
    static const std::string_view kStrokes[] = {"|", "l", "I", "1", "i", "!", "[", "]",
                                                "Ï", "Ì", "Í", "ì", "í", "ï", "¦"};
    return std::find(std::begin(kStrokes), std::end(kStrokes), t) != std::end(kStrokes);
  }

  // A stroke just left of a cell's number, as tall as its digits and no
  // wider than one: on a 1-bit page the leading 1 of "1.937" breaks off
  // from its thousands dot and comes back as "|" beside "937". The cell
  // keeps "937"; the stroke is offered to the repair as a leading 1.
  static void AttachLeadingStrokes(const Page& page, SplitRow& s) {
    for (CellWords& cell : s.cells) {
      if (cell.words.empty()) continue;
      const PWord* first = cell.words.front();
      if (!HasDigit(first->word->text)) continue;
      for (const PWord* st : s.strokes) {
        const double gap = first->x0 - st->x1;
        if (gap < -0.1 * page.h || gap > 0.9 * page.h) continue;
        if (st->x1 - st->x0 > 0.6 * page.h || st->h < 0.7 * first->h) continue;
        if (std::abs(st->yc - first->yc) > 0.3 * page.h) continue;
        cell.leading_stroke = st;
      }
    }
  }

  // What the row is, from where its words went.
  void SetKind(SplitRow& s, int prose_words) const {
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
  }

  // Two separate numbers in one cell, or numbers under an unnamed column:
  // the columns are not where we think.
  void NoteCellsOutOfPlace(const Page& page, SplitRow& s) const {
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

  RawCell MakeCell(const std::vector<const PWord*>& words, int page,
                   const PWord* leading_stroke = nullptr) const {
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
    if (leading_stroke != nullptr) {
      // The box holds the stroke too, so that a re-read of the cell sees it.
      cell.leading_stroke = leading_stroke->word->text;
      Grow(cell.where.box, leading_stroke->word->box);
    }
    return cell;
  }

  RawRow MakeRow(const SplitRow& s, const Page& page) {
    RawRow row;
    row.name = MakeCell(s.name, page.page);
    for (size_t c = 0; c < columns_.size(); ++c) {
      const int kind = columns_[c].kind;
      if (kind < 0) continue;
      row.cells[kind] = MakeCell(s.cells[c].words, page.page, s.cells[c].leading_stroke);
    }
    return row;
  }

  const std::vector<Page>& pages_;
  int hp_;
  const Header& header_;
  std::string_view province_;
  std::vector<HeaderColumn> columns_;
  double left_ = -1e18, right_ = 1e18;
  Walk walk_;
};

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

namespace {

// The pages of the range; NotFound when no word carries a box.
StatusOr<std::vector<Page>> PagesOf(const TextDocument& doc, int first, int last) {
  first = std::max(first, 0);
  last = std::min(last, static_cast<int>(doc.lines.size()) - 1);
  if (first > last) return Status::NotFound("empty line range");
  std::vector<Page> pages = BuildPages(doc, first, last);
  bool any = false;
  for (const Page& p : pages) any = any || !p.words.empty();
  if (!any) return Status::NotFound("no positioned words (the range carries no word boxes)");
  return pages;
}

// The reader's table with its column notes and problems, summary and lines.
RawTable Finish(RawTable table, const std::vector<std::string>& notes,
                const std::vector<std::string>& problems) {
  table.notes.insert(table.notes.begin() + std::min<size_t>(1, table.notes.size()), notes.begin(),
                     notes.end());
  table.alignment_problems.insert(table.alignment_problems.begin(), problems.begin(),
                                  problems.end());
  table.notes.push_back("positioned table: " + std::to_string(table.rows.size()) + " rows, pages " +
                        std::to_string(table.first_page) + "-" + std::to_string(table.last_page) +
                        (table.total_row ? ", Totaal row" : ", no Totaal row"));
  // Lines of the table (1-based source lines) for reviewers of text layers.
  table.first_line = table.rows.front().name.where.line;
  table.last_line =
      table.total_row ? table.total_row->name.where.line : table.rows.back().name.where.line;
  return table;
}

// The table below the first header that has rows under it.
StatusOr<RawTable> ReadUnderHeader(const std::vector<Page>& pages, std::string_view province,
                                   bool* saw_header) {
  *saw_header = false;
  for (size_t p = 0; p < pages.size(); ++p) {
    for (int r = 0; r < static_cast<int>(pages[p].rows.size()); ++r) {
      std::optional<Header> header = TryHeader(pages[p], r);
      if (!header) continue;
      *saw_header = true;
      std::vector<std::string> notes, problems;
      std::vector<HeaderColumn> columns =
          ColumnsFromNumbers(pages, static_cast<int>(p), *header, &notes, &problems);
      Reader reader(pages, static_cast<int>(p), *header, province);
      RawTable table = reader.Read(columns);
      if (table.rows.empty()) {
        r = header->last_row;
        continue;
      }
      return Finish(std::move(table), notes, problems);
    }
  }
  return Status::NotFound(*saw_header ? "allocation table header found but no rows below it"
                                      : "no allocation table header (Gemeente/Reguliere/Amv/"
                                        "Totaal) among the positioned words");
}

// A visual row that reads as a table row without any header: a
// municipality's name and two or three numbers. Returns the name's words.
std::vector<const PWord*> HeaderlessRowName(const VRow& row, std::string_view province) {
  std::vector<const PWord*> name;
  int numbers = 0;
  for (const PWord* w : row.words) {
    const std::string& t = w->word->text;
    if (IsJunk(t)) continue;
    if (NumberLike(t) && HasDigit(t)) {
      ++numbers;
    } else if (CountLetters(t) > 0) {
      name.push_back(w);
    }
  }
  if (numbers < 2 || numbers > kColumnCount || name.empty() || name.size() > 6) return {};
  std::string text;
  for (const PWord* w : name) text += (text.empty() ? "" : " ") + w->word->text;
  if (CountLetters(text) < 3 || !MatchMunicipality(text, province).municipality) return {};
  return name;
}

// Where a table without a header starts: the first of three rows that read
// as table rows within four visual rows of each other, as a header that ends
// just above it, with the gemeente column where those rows' names are.
std::optional<std::pair<int, Header>> FindHeaderlessTable(const std::vector<Page>& pages,
                                                          std::string_view province) {
  for (size_t p = 0; p < pages.size(); ++p) {
    const Page& page = pages[p];
    std::vector<int> hits;
    double x0 = 1e18, x1 = -1e18;
    for (int r = 0; r < static_cast<int>(page.rows.size()); ++r) {
      std::vector<const PWord*> name = HeaderlessRowName(page.rows[r], province);
      if (name.empty()) continue;
      if (!hits.empty() && r - hits.back() > 4) hits.clear(), x0 = 1e18, x1 = -1e18;
      hits.push_back(r);
      x0 = std::min(x0, name.front()->x0), x1 = std::max(x1, name.back()->x1);
      if (hits.size() < 3) continue;
      Header hd;
      hd.first_row = hd.last_row = hits.front() - 1;
      HeaderColumn gemeente{kGemeente, x0, x1};
      gemeente.key_x = gemeente.xc();
      hd.columns.push_back(gemeente);
      std::string first_row;
      for (const PWord* w : page.rows[hits[0]].words)
        first_row += (first_row.empty() ? "" : " ") + w->word->text;
      hd.notes.push_back("no header: the table starts at '" + first_row + "'");
      return std::make_pair(static_cast<int>(p), hd);
    }
  }
  return std::nullopt;
}

// Every naming of `count` number columns, left to right: each column a
// different numeric kind (with two columns, the third kind is absent).
std::vector<std::vector<int>> Namings(size_t count) {
  std::vector<std::vector<int>> out;
  std::vector<int> kinds = {kRegulier, kAmv, kTotaal};
  do {
    std::vector<int> naming(kinds.begin(), kinds.begin() + count);
    if (std::find(out.begin(), out.end(), naming) == out.end()) out.push_back(naming);
  } while (std::next_permutation(kinds.begin(), kinds.end()));
  return out;
}

// Whether the amv column sums to less than half the regulier column, as it
// does in every province (a tie-break for the column choice).
bool AmvSmaller(const RawTable& t) {
  long sums[kColumnCount] = {0, 0, 0};
  for (const RawRow& row : t.rows) {
    for (int c = 0; c < kColumnCount; ++c) {
      if (!row.cells[c].present) continue;
      if (std::optional<Reading> r = BestReading(row.cells[c].text)) sums[c] += r->value;
    }
  }
  if (!t.column_present[kRegulier]) sums[kRegulier] = sums[kTotaal] - sums[kAmv];
  if (!t.column_present[kAmv]) sums[kAmv] = sums[kTotaal] - sums[kRegulier];
  return 2 * sums[kAmv] < sums[kRegulier];
}

// A table without a header: its number columns from the numbers, and one
// candidate per naming of them, for the arithmetic to choose among.
StatusOr<TableReadings> ReadHeaderless(const std::vector<Page>& pages, std::string_view province) {
  std::optional<std::pair<int, Header>> found = FindHeaderlessTable(pages, province);
  if (!found) return Status::NotFound("no allocation table among the positioned words");
  const auto& [hp, header] = *found;
  std::vector<std::string> notes, problems;
  Header unnamed = header;
  const std::vector<HeaderColumn> columns =
      ColumnsFromNumbers(pages, hp, unnamed, &notes, &problems);
  std::vector<size_t> numeric;
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].kind != kGemeente) numeric.push_back(i);
  if (numeric.size() < 2 || numeric.size() > static_cast<size_t>(kColumnCount))
    return Status::NotFound(
        "a list of municipalities with numbers, but not in two or three columns");
  TableReadings out;
  for (const std::vector<int>& naming : Namings(numeric.size())) {
    std::vector<HeaderColumn> named = columns;
    for (size_t k = 0; k < numeric.size(); ++k) named[numeric[k]].kind = naming[k];
    std::vector<std::string> naming_notes = notes;
    naming_notes.push_back("columns named by arithmetic, not by a header");
    RawTable table = Reader(pages, hp, header, province).Read(named);
    if (table.rows.empty()) continue;
    ColumnAssignment a;
    a.blocks_to_columns = {naming};
    a.table = Finish(std::move(table), naming_notes, problems);
    a.amv_smaller_parts = AmvSmaller(a.table) ? 1 : 0;
    out.candidates.push_back(std::move(a));
  }
  if (out.candidates.empty()) return Status::NotFound("no rows in a table without a header");
  out.table = out.candidates.front().table;
  out.part_rows = {out.table.rows.size()};
  return out;
}

}  // namespace

StatusOr<RawTable> ReadPositionedTable(const TextDocument& doc, int first, int last,
                                       std::string_view province) {
  ASSIGN_OR_RETURN(std::vector<Page> pages, PagesOf(doc, first, last));
  bool saw_header = false;
  return ReadUnderHeader(pages, province, &saw_header);
}

StatusOr<TableReadings> ReadPositionedTableReadings(const TextDocument& doc, int first, int last,
                                                    std::string_view province) {
  ASSIGN_OR_RETURN(std::vector<Page> pages, PagesOf(doc, first, last));
  bool saw_header = false;
  StatusOr<RawTable> under_header = ReadUnderHeader(pages, province, &saw_header);
  if (under_header.ok()) {
    TableReadings out;
    out.table = std::move(under_header).value();
    out.part_rows = {out.table.rows.size()};
    return out;
  }
  if (saw_header) return under_header.status();
  return ReadHeaderless(pages, province);
}

}  // namespace verdeelscan
