// An information bulletin to municipalities (informatiebericht): its date,
// the numbered agreements it lists, the deadlines it sets and the figures it
// states.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/documents/dates.h"
#include "extractors/documents/kinds/entries.h"
#include "extractors/documents/kinds/letter_fields.h"
#include "extractors/documents/letter_text.h"

namespace verdeelscan::kinds {
namespace {

using nlohmann::json;

// Dates that are deadlines: "uiterlijk 1 juni", "vóór 1 juli 2025" (also
// with a speck read as a mark after the cue: "vóór. 26 september"). A date
// without a year takes the year of the nearest dated mention before it (else
// after it); without any, it is not reported.
// The words that set a deadline, before its date (a group for RE2). "vóór"
// also with one of its vowels misread ("vbór", a photocopy of lettergen seed
// 6100, lost a deadline and the record was valid); "uiterlijk" OCR-tolerant
// ("ùiterlijk", an office scan of seed 6915, the same).
const std::string& DeadlineCue() {
  static const std::string cue =
      "(?:" + FuzzyPattern("uiterlijk") +
      R"(|v(?:[oóòö0]{1,2}|[oóòö0][^\s\d]|[^\s\d][oóòö0])r|tot\s+en\s+met|uiterst|deadline\s*:?|niet\s+later\s+dan|ten\s+laatste\s+op))";
  return cue;
}

json Deadlines(const TextDocument& doc, const JoinedText& j) {
  static const RE2 kBefore("(?i)" + DeadlineCue() + R"(\s*(?:op\s+)?(?:[.,;:'`]|‚)?\s*$)");
  json out = json::array();
  std::vector<DateMatch> full = FindDutchDates(j.text);
  struct D {
    size_t begin, end;
    std::string iso;
    bool inferred;
  };  // raw text: j.text[begin, end)
  std::vector<D> all;
  for (const DateMatch& d : full) all.push_back({d.begin, d.end, d.iso, false});
  for (const DayMonth& dm : FindDayMonths(j.text)) {
    bool overlaps = false;
    for (const DateMatch& d : full)
      if (dm.begin < d.end && dm.end > d.begin) overlaps = true;
    if (overlaps) continue;
    // Year from the nearest full date before, else after.
    int year = 0;
    for (const DateMatch& d : full)
      if (d.begin < dm.begin) year = std::stoi(d.iso.substr(0, 4));
    if (!year)
      for (const DateMatch& d : full)
        if (d.begin > dm.begin) {
          year = std::stoi(d.iso.substr(0, 4));
          break;
        }
    if (!year) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, dm.month, dm.day);
    all.push_back({dm.begin, dm.end, buf, true});
  }
  std::sort(all.begin(), all.end(), [](const D& a, const D& b) { return a.begin < b.begin; });
  for (const D& d : all) {
    size_t from = d.begin > 30 ? d.begin - 30 : 0;
    std::string_view before = std::string_view(j.text).substr(from, d.begin - from);
    if (!RE2::PartialMatch(before, kBefore)) continue;
    auto [sb, se] = SentenceAround(j.text, d.begin);
    json x = {{"date", d.iso},
              {"what", Squash(std::string_view(j.text).substr(sb, se - sb))},
              {"line", LineNo(doc, j.LineAt(d.begin))},
              {"doc_line", j.LineAt(d.begin)},
              {"raw", j.text.substr(d.begin, d.end - d.begin)}};
    if (d.inferred) x["year_from"] = "context";
    out.push_back(x);
  }
  return out;
}

// True when `before` (the text up to a list) ends announcing agreements:
// "... de volgende afspraken:", the colon possibly lost on the page.
bool Announces(std::string_view before) {
  static const RE2 kIntro("(?i)afspraken\\s*[:;.]?\\s*$");
  return RE2::PartialMatch(Squash(before.substr(before.size() > 200 ? before.size() - 200 : 0)),
                           kIntro);
}

// A deadline's cue before a month whose day could not be read as one
// ("vóór 1/7 maart 2025", seed 5417 office: the 17 read as "1/7"): Deadlines
// cannot report it, and the record would be valid one deadline short. Each
// such place on a line where no deadline was read fails a check that names
// it.
void CheckUnreadDeadlines(const TextDocument& doc, const JoinedText& j, Record& r) {
  // The cue, a token where the day should be, and a month name (dates.h
  // MonthOf, which also knows damaged ones); the day may be joined to the
  // month by a mark ("26'juli", a photocopy of lettergen seed 6514).
  static const RE2 kCueBeforeMonth(
      "(?i)(" + DeadlineCue() +
      R"re(\s*(?:op\s+)?(?:[.,;:]\s*)?(?:\S{1,6}\s+|[^\s\p{L}]{1,6})(\p{L}+)))re");
  std::set<int> read_lines;
  for (const json& d : r.extra["deadlines"]) read_lines.insert(d["doc_line"].get<int>());
  re2::StringPiece in(j.text), m, month;
  while (RE2::FindAndConsume(&in, kCueBeforeMonth, &m, &month)) {
    if (MonthOf(std::string_view(month.data(), month.size())) == 0) continue;
    const int line = j.LineAt(m.data() - j.text.data());
    if (read_lines.count(line) || read_lines.count(j.LineAt(m.data() + m.size() - j.text.data())))
      continue;
    Check c;
    c.id = "informatiebericht.deadline_unread";
    c.status = CheckStatus::kFail;
    c.expected = "every deadline's date read";
    c.actual = {{"field", "deadlines"}, {"line", LineNo(doc, line)}, {"text", std::string(m)}};
    c.detail = "deadlines: '" + std::string(m) + "' (line " + std::to_string(LineNo(doc, line)) +
               ") sets a deadline whose date could not be read";
    r.checks.push_back(std::move(c));
  }
}

// A numbered item of a list in a JoinedText.
struct ListItem {
  int n;
  size_t begin;
  size_t text;  // where its words begin, after the number and its mark
};

// The number the recogniser also read for a word it read as a letter and a
// mark ("A." at 0.66, its alternative "4." at 0.41): none when no
// alternative of a word `label` on doc line `line` is a number and a mark.
std::optional<int> NumberAmongAlternatives(const TextLine& line, std::string_view label) {
  static const RE2 kNumberAndMark(R"((\d{1,2})[.)])");
  int n = 0;
  for (const Word& w : line.words)
    if (w.text == label)
      for (const WordAlternative& alt : w.alternatives)
        if (RE2::FullMatch(alt.text, kNumberAndMark, &n)) return n;
  return std::nullopt;
}

// Items whose number the page read as a letter but the recogniser also as
// the number that continues the list before it ("A. Het ministerie ..."
// after item 3, with "4." among its readings: an office scan of lettergen
// seed 11411 lost its fourth agreement). Added to `items`, in text order.
void AddItemsReadAsLetters(const TextDocument& doc, const JoinedText& j,
                           std::vector<ListItem>& items) {
  static const RE2 kLetterItem(R"((?m)^((\p{L}[.)])\s+)\p{Lu})");
  re2::StringPiece in(j.text), whole, label;
  while (RE2::FindAndConsume(&in, kLetterItem, &whole, &label)) {
    const size_t at = static_cast<size_t>(whole.data() - j.text.data());
    std::optional<int> n = NumberAmongAlternatives(doc.lines[j.LineAt(at)], label);
    const ListItem* before = nullptr;
    for (const ListItem& it : items)
      if (it.begin < at && (before == nullptr || it.begin > before->begin)) before = &it;
    if (n && before != nullptr && before->n + 1 == *n) {
      items.push_back({*n, at, at + whole.size()});
      std::sort(items.begin(), items.end(),
                [](const ListItem& a, const ListItem& b) { return a.begin < b.begin; });
    }
  }
}

// The numbered list after "... de volgende afspraken:" (else the first
// numbered list of two or more items).
// `gap` receives a note when a numbered item close after the list's last
// does not continue it ("9." read where 5. is printed; a new list starts at
// 1): the list may hold
// more agreements than were read.
json Agreements(const TextDocument& doc, const JoinedText& j, std::string* gap) {
  std::vector<ListItem> items;
  {
    re2::StringPiece in(j.text);
    const char* base = j.text.data();
    // A scan may read an item's point as a comma ("4, Provincies ..."): a
    // comma marks an item only where it continues a list or, as its first
    // before a capital, follows the list's announcement ("1, Het
    // ministerie ...", photocopies of lettergen seeds 8308 and 8316: no
    // agreement read); not a "1," elsewhere. Or it
    // may lose the point ("1 Gemeenten kunnen ..." on a photocopy): a bare
    // number before a capital is an item only where it continues a list or,
    // as its first, follows the list's announcement (not "12 gemeenten" or
    // "3 De" wrapped in prose). Or it may lose the space after the point
    // ("2.Gemeenten", a photocopy of lettergen seed 6100): a point before a
    // capital is an item on the same terms ("1.5 miljoen" is none). A colon
    // or semicolon is a comma's like ("5: Om de ...", an office scan of
    // lettergen seed 6813, lost the last agreement).
    static const RE2 kItemCap(R"((?m)^((\d{1,2})([.),:;]?)(\s*))(\S))");
    re2::StringPiece whole, mark, space, first;
    int n = 0;
    while (RE2::FindAndConsume(&in, kItemCap, &whole, &n, &mark, &space, &first)) {
      const size_t at = static_cast<size_t>(whole.data() - base);
      const bool continues = !items.empty() && items.back().n + 1 == n;
      const bool opens_list =
          std::isupper(static_cast<unsigned char>(first[0])) &&
          (continues || (n == 1 && Announces(std::string_view(j.text).substr(0, at))));
      if (space.empty() && (mark.empty() || !opens_list)) continue;
      if ((mark == "," || mark == ":" || mark == ";") && !continues && !opens_list) continue;
      if (mark.empty() && !opens_list) continue;
      items.push_back({n, at, at + whole.size()});
    }
    // The first item's 1 read as a letter ("l. Provincies ...", an office
    // scan of lettergen seed 8117: no agreement read): an item where the
    // list's announcement is right above it (not "I. Inleiding", a heading).
    static const RE2 kLetterOne(R"((?m)^([lI|][.)]\s+)\p{Lu})");
    in = re2::StringPiece(j.text);
    while (RE2::FindAndConsume(&in, kLetterOne, &whole)) {
      const size_t at = static_cast<size_t>(whole.data() - base);
      if (Announces(std::string_view(j.text).substr(0, at)))
        items.push_back({1, at, at + whole.size()});
    }
    std::sort(items.begin(), items.end(),
              [](const ListItem& a, const ListItem& b) { return a.begin < b.begin; });
    AddItemsReadAsLetters(doc, j, items);
  }
  // Runs of consecutive numbering starting at 1.
  std::vector<std::vector<ListItem>> runs;
  for (const ListItem& it : items) {
    if (it.n == 1)
      runs.push_back({it});
    else if (!runs.empty() && runs.back().back().n + 1 == it.n)
      runs.back().push_back(it);
  }
  const std::vector<ListItem>* chosen = nullptr;
  for (const auto& run : runs) {
    if (Announces(std::string_view(j.text).substr(0, run.front().begin))) {
      chosen = &run;
      break;
    }
  }
  if (!chosen)
    for (const auto& run : runs)
      if (run.size() >= 2) {
        chosen = &run;
        break;
      }
  json out = json::array();
  if (!chosen) return out;
  constexpr size_t kNear = 600;  // bytes: where the list's next item would be
  const ListItem& last = chosen->back();
  for (const ListItem& it : items)
    if (it.begin > last.begin && it.begin - last.begin <= kNear && it.n != last.n + 1 &&
        it.n != 1) {
      *gap = "an item numbered " + std::to_string(it.n) + " (line " +
             std::to_string(LineNo(doc, j.LineAt(it.begin))) + ") follows item " +
             std::to_string(last.n) + ": the list may hold more agreements than were read";
      break;
    }
  // A line of the last item that opens like an item whose number the page
  // damaged (">. Gemeenten melden ...", a clean scan of lettergen seed 6200,
  // for "5."; "Á. Om de ...", a photocopy of seed 6501, for "4."; a number
  // with a comma, colon or semicolon, or none, that does not continue the
  // list: "9 Gemeenten melden ..." for "5.", a photocopy of seed 7019): the
  // list may go on.
  static const RE2 kDamagedNumber(R"((?m)^([^\s\d\p{L}][.),]?|\p{L}[.)]|\d{1,2}[,:;]?)\s+\p{Lu})");
  if (gap->empty()) {
    size_t end = j.text.find("\n\n", last.begin);
    if (end == std::string::npos) end = j.text.size();
    const size_t from = j.text.find('\n', last.begin);  // the item's second line on
    re2::StringPiece label;
    if (from < end && RE2::PartialMatch(re2::StringPiece(j.text.data() + from + 1, end - from - 1),
                                        kDamagedNumber, &label))
      *gap = "a line opening with '" + std::string(label.data(), label.size()) + "' (line " +
             std::to_string(LineNo(doc, j.LineAt(size_t(label.data() - j.text.data())))) +
             ") follows item " + std::to_string(last.n) +
             " like an item whose number was not read: the list may hold more agreements than "
             "were read";
  }
  for (size_t k = 0; k < chosen->size(); ++k) {
    size_t b = (*chosen)[k].begin;
    size_t e;
    if (k + 1 < chosen->size()) {
      e = (*chosen)[k + 1].begin;
    } else {
      e = j.text.find("\n\n", b);
      if (e == std::string::npos) e = j.text.size();
    }
    const size_t t = std::min((*chosen)[k].text, e);
    const std::string text = Squash(std::string_view(j.text).substr(t, e - t));
    out.push_back({{"number", (*chosen)[k].n}, {"text", text}, {"line", LineNo(doc, j.LineAt(b))}});
  }
  return out;
}

void Informatiebericht(const TextDocument& doc, const Segment& s, FieldOut& out) {
  Record& r = out.record;
  JoinedText j = JoinLines(doc, s.first, s.last);
  std::string raw_date;
  if (auto d = LabelledDate(doc, s, &raw_date)) {
    r.meta["date"] = d->first;
    out.ReadAt("meta.date", FieldType::kDate, d->second, raw_date, d->first);
  }
  std::string gap;
  json agreements = Agreements(doc, j, &gap);
  if (agreements.empty()) out.Missing("agreements");
  if (!gap.empty()) {
    Check c;
    c.id = "informatiebericht.agreements";
    c.status = CheckStatus::kFail;
    c.expected = "the numbered agreements in order";
    c.actual = {{"agreements_read", agreements.size()}};
    c.detail = gap;
    r.checks.push_back(std::move(c));
  }
  r.extra["agreements"] = agreements;
  r.extra["deadlines"] = Deadlines(doc, j);
  CheckUnreadDeadlines(doc, j, r);
  // Each deadline's date is judged like the letter head's (field_confidence.h):
  // a scan's 1 read as 4 is a valid-looking wrong day.
  for (size_t k = 0; k < r.extra["deadlines"].size(); ++k) {
    const json& d = r.extra["deadlines"][k];
    out.ReadAt("deadlines." + std::to_string(k) + ".date", FieldType::kDate,
               d["doc_line"].get<int>(), d["raw"].get<std::string>(), d["date"].get<std::string>());
  }
  for (json& d : r.extra["deadlines"]) {
    d.erase("doc_line");
    d.erase("raw");
  }
  r.extra["figures"] = Figures(doc, j);
}

}  // namespace

KindEntry InformatieberichtEntry() {
  KindEntry e;
  e.kind = DocumentKind::kInformatiebericht;
  // The word may be spaced apart once ("dit informatiebet icht", a photocopy
  // of lettergen seed 11210 under seed 003's heading: an unknown record).
  AddCue(e, "phrase: dit informatiebericht", 5, 1,
         Anywhere(FuzzyPattern("dit ") + FuzzyPatternOneGap("informatiebericht")));
  AddCue(e, "title: Informatiebericht", 5, 1, AtLineStart(BulletinTitlePattern()));
  // The bulletin's structure, for when a scan damaged the word itself ("dit
  // informatiebsericht", a photocopy of lettergen seed 7017, under seed 003's
  // opening heading: an unknown record, valid). Each alone stays below the
  // kind's score, so an unknown record with one is held for review.
  AddCue(e, "heading: Inleiding en doel", 2, 1,
         AtLineStart(FuzzyPattern("inleiding en doel") + "\\s*:?\\s*$"));
  AddCue(e, "phrase: de volgende afspraken", 2, 1,
         Anywhere(FuzzyPattern("de volgende afspraken") + "\\s*[:.]"));
  e.read_fields = Informatiebericht;
  // Seed 003 opens with its first section heading, no letterhead and no title.
  e.openings.push_back(std::make_unique<RE2>("^(?:" + FuzzyPattern("inleiding en doel") + "|" +
                                             FuzzyPattern("inleiding") + "|" +
                                             FuzzyPattern("informatiebericht") + ")\\s*:?\\s*$"));
  return e;
}

}  // namespace verdeelscan::kinds
