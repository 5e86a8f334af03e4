// The report or minutes of a provinciale regietafel (PRT verslag): title,
// meeting date and location, the provinces present and online, the actions
// agreed with their owners, and the next meeting (date, time, agenda).
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "extractors/documents/dates.h"
#include "extractors/documents/kinds/entries.h"
#include "extractors/documents/kinds/letter_fields.h"
#include "extractors/documents/letter_text.h"
#include "validators/name_matcher.h"

namespace verdeelscan::kinds {
namespace {

using nlohmann::json;

// Title, meeting date (a date in the title block, else a "Datum" field) and
// location. Returns the meeting date ("" when unread).
std::string ReadPrtHead(const TextDocument& doc, const Segment& s, const JoinedText& j,
                        FieldOut& out) {
  Record& r = out.record;
  r.meta["title"] = Squash(std::string_view(j.text).substr(j.Begin(0), j.End(0) - j.Begin(0)));
  std::string meeting, raw;
  int line = -1;
  const size_t head_end = j.End(std::min<size_t>(j.starts.size(), 6) - 1);
  {
    std::vector<DateMatch> d = FindDutchDates(std::string_view(j.text).substr(0, head_end));
    if (!d.empty()) {
      meeting = d.front().iso;
      raw = d.front().raw;
      line = j.LineAt(d.front().begin);
    } else if (auto ld = LabelledDate(doc, s, &raw)) {
      meeting = ld->first;
      line = ld->second;
    }
  }
  if (!meeting.empty()) {
    r.meta["date"] = meeting;
    out.ReadAt("meta.date", FieldType::kDate, line, raw, meeting);
  } else {
    out.Missing("meta.date");
    if (std::optional<IllegibleDay> day =
            FindIllegibleDay(std::string_view(j.text).substr(0, head_end))) {
      PostIllegibleDate(*day, j.LineAt(day->begin), out);
    } else {
      IllegibleLabelledDay(doc, s, out);
    }
  }
  bool have_location = false;
  for (const char* label : {"locatie", "plaats", "vergaderlocatie", "locatie/plaats"}) {
    for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, label, 1)) {
      if (lv.value.empty() || lv.value.size() > 80) continue;
      // A place name ends in no mark: a dash after it is a scan's speck
      // ("Provinciehuis Haarlem -" on a photocopy, read `valid`).
      std::string location = lv.value;
      static const RE2 kTrailingMarks(R"((?:\s|[-,;:.]|–|—)+$)");
      RE2::Replace(&location, kTrailingMarks, "");
      location = Trim(location, " ,;:.");  // and marks before it
      // "’s-Hertogenbosch", "‘s-Gravenhage": the official names write a
      // straight apostrophe.
      static const RE2 kCurlyS("(?:‘|’|`)s-");
      RE2::GlobalReplace(&location, kCurlyS, "'s-");
      r.meta["location"] = location;
      // A name, judged by its words' confidence as the signatory's is.
      out.ReadAt("meta.location", FieldType::kText, lv.line, location, location);
      have_location = true;
      break;
    }
    if (have_location) break;
  }
  if (!have_location) out.Missing("meta.location");
  return meeting;
}

// The provinces in an entry that names none as a whole, word by word (two
// words first: "Noord Holland"): a lost separator joins two names
// ("Oveujssel Zuid-Holland", "Nootd-Holland Flevoland", a photocopy of
// lettergen seed 10417, lost both lists' names). The words that name no
// province go to `leftover`, space-joined.
std::vector<std::string> ProvincesWordByWord(const std::string& entry, std::string* leftover) {
  static const RE2 kWord(R"((\S+))");
  std::vector<std::string> words;
  re2::StringPiece in(entry);
  for (std::string w; RE2::FindAndConsume(&in, kWord, &w);) words.push_back(w);
  std::vector<std::string> found;
  for (size_t i = 0; i < words.size();) {
    std::string p = i + 1 < words.size() ? MatchProvince(words[i] + " " + words[i + 1]) : "";
    if (!p.empty()) {
      found.push_back(p);
      i += 2;
      continue;
    }
    p = MatchProvince(Trim(words[i], " \t-–:,.()"));
    if (!p.empty()) {
      found.push_back(p);
    } else {
      *leftover += (leftover->empty() ? "" : " ") + words[i];
    }
    ++i;
  }
  return found;
}

// The provinces named in one attendance entry or line: "Noord-Brabant –
// (name)", "J. Jansen (provincie Drenthe)", "Provincie Utrecht (voorzitter)":
// the part before a dash or bracket, the bracketed part, and what follows a
// dash. The parts of a line that name no province go to `*unnamed` when
// given. A colon between two names is a semicolon misread ("Gelderland;
// Zeeland: Limburg", a photocopy of lettergen seed 6406, lost Limburg).
std::vector<std::string> ProvincesIn(const std::string& text,
                                     std::vector<std::string>* unnamed = nullptr) {
  static const RE2 kSplit(R"(\s*(?:,|;|:\s|\s+en\s+)\s*)");
  static const RE2 kProvincie(R"((?i)^\s*(?:de\s+)?provincie\s+)");
  std::vector<std::string> out_list;
  std::string t = text;
  RE2::GlobalReplace(&t, kSplit, "|");
  size_t b = 0;
  while (b <= t.size()) {
    size_t e = t.find('|', b);
    if (e == std::string::npos) e = t.size();
    const std::string whole = t.substr(b, e - b);
    std::vector<std::string> cands;
    std::string head = whole;
    for (const char* dash : {" –", " -", "–", "("}) {
      size_t d = head.find(dash);
      if (d != std::string::npos && d > 2) head = head.substr(0, d);
    }
    cands.push_back(head);
    size_t open = whole.find('('), close = whole.find(')');
    if (open != std::string::npos && close != std::string::npos && close > open)
      cands.push_back(whole.substr(open + 1, close - open - 1));
    for (const char* dash : {" – ", " - "}) {
      size_t d = whole.find(dash);
      if (d != std::string::npos) cands.push_back(whole.substr(d + std::strlen(dash)));
    }
    bool named = false;
    for (std::string part : cands) {
      RE2::Replace(&part, kProvincie, "");
      part = Trim(part, " \t-–:,.()");
      if (part.empty() || part.size() > 30) continue;
      std::string p = MatchProvince(part);
      if (!p.empty()) {
        out_list.push_back(p);
        named = true;
        break;
      }
    }
    std::string rest = Trim(whole, " \t-–:,.()");
    if (!named) {
      std::string leftover;
      std::vector<std::string> split = ProvincesWordByWord(rest, &leftover);
      if (!split.empty()) {
        out_list.insert(out_list.end(), split.begin(), split.end());
        rest = Trim(leftover, " \t-–:,.()");
      }
    }
    if (!named && unnamed != nullptr && !rest.empty()) unnamed->push_back(rest);
    b = e + 1;
  }
  return out_list;
}

// Whether a line that opens with an attendance label's word is the label:
// it opens with a capital, or a colon follows the word. A wrapped sentence
// opening "aanwezigen worden zorgen geuit ..." is prose (lettergen seed
// 8803, text: read as a second "Aanwezig" list, its next line's owner
// "Provincie Zeeland" taken for one more province).
bool IsListLabel(std::string_view line, std::string_view rest) {
  if (line.empty() || line.size() < rest.size()) return false;
  if (line.front() < 'a' || line.front() > 'z') return true;
  return line.substr(0, line.size() - rest.size()).find(':') != std::string_view::npos;
}

// Whether what follows an attendance label on its line is meant as entries:
// letters, not a further label ("Aanwezig: Vertegenwoordigers PRT:") and not
// "geen" or "n.v.t." (no one).
bool ListsSomeone(const std::string& rest) {
  static const RE2 kNoOne(R"((?i)^\W*(?:geen|niemand|n\.?v\.?t)\b.*)");
  static const RE2 kLetters(R"(\p{L}.*\p{L}.*\p{L}.*\p{L})");
  const std::string entries = Trim(rest, " \t-–,.()");
  return !entries.empty() && entries.back() != ':' && RE2::PartialMatch(entries, kLetters) &&
         !RE2::FullMatch(entries, kNoOne);
}

// Attendance lists: provinces under "Aanwezig:" and "Online:".
void ReadAttendance(const TextDocument& doc, const Segment& s, json& prt, FieldOut& out) {
  static const RE2 kPresent("^" + FuzzyPattern("aanwezig") + "\\s*:?\\s*(.*)$");
  static const RE2 kOnline("^(?:" + FuzzyPattern("online") + "|" +
                           FuzzyPattern("digitaal aanwezig") + "|" + FuzzyPattern("via teams") +
                           ")\\s*:?\\s*(.*)$");
  static const RE2 kOtherLabel(R"(^[^:]{1,40}:\s*(.*)$)");
  std::vector<std::string> present, online;
  struct Entry {
    std::string field, text;
    int line_no;
    bool label = false;  // a label no list has, before provinces
  };
  std::vector<Entry> unread_entries;
  std::vector<std::string>* target = nullptr;
  // The field of the list being read, as a check names it.
  const auto list_field = [&] { return target == &present ? "prt.present" : "prt.online"; };
  int quiet = 0;
  // A paragraph break ends a list that has names: what follows is another
  // list under its own label, or prose that may name provinces too.
  const int gap = ParagraphGap(doc, s.first, s.last);
  int blanks = 0;
  for (int i = s.first; i <= s.last; ++i) {
    std::string line = Squash(CleanLine(doc.lines[i]));
    if (line.empty()) {
      if (++blanks >= gap && target != nullptr && !target->empty()) target = nullptr;
      continue;
    }
    const bool after_blank = blanks > 0;
    blanks = 0;
    std::string rest;
    bool label_line = true;
    if (RE2::FullMatch(line, kPresent, &rest) && IsListLabel(line, rest)) {
      target = &present;
      quiet = 0;
    } else if (RE2::FullMatch(line, kOnline, &rest) && IsListLabel(line, rest)) {
      target = &online;
      quiet = 0;
    } else if (target) {
      label_line = false;
      if (line.size() > 80) break;  // prose: the lists are over
      std::string after;
      if (RE2::FullMatch(line, kOtherLabel, &after) && ProvincesIn(line).empty()) {
        // "Vertegenwoordigers PRT:" introduces provinces; "COA:" ends them.
        if (target == &present && present.empty()) {
          rest = after;
        } else {
          target = nullptr;
          continue;
        }
      } else if (RE2::FullMatch(line, kOtherLabel, &after) && !target->empty()) {
        // A label read past matching before provinces, under a list that
        // has names ("Onuline: Utrecht", a photocopy of lettergen seed 8400:
        // Utrecht counted as present, the online list unnamed): the
        // provinces are taken where they are, and both lists named.
        unread_entries.push_back({list_field(),
                                  Trim(line.substr(0, line.size() - after.size()), " :"),
                                  doc.lines[i].line_no, true});
        rest = after;
      } else {
        rest = line;
      }
    } else {
      continue;
    }
    std::vector<std::string> unnamed;
    std::vector<std::string> found = ProvincesIn(rest, &unnamed);
    if (found.empty() && label_line && ListsSomeone(rest)) {
      // The label's own line holds entries and not one of them is read:
      // the whole list may be lost.
      unread_entries.push_back({list_field(), Trim(rest, " \t-–:,.()"), doc.lines[i].line_no});
    }
    if (found.empty()) {
      // A line that names no province after a blank line ends a list that
      // has names, whatever the paragraph gap: a dump whose lines are
      // mostly set apart by blanks (gap 2) ran on over "Rondvraag" into
      // the paragraph after it (lettergen seed 10105, text).
      ++quiet;
      if (target && !target->empty() && (after_blank || quiet > 3)) target = nullptr;
      continue;
    }
    quiet = 0;
    // A line that names provinces and also something that is none: an entry
    // a scan damaged past matching, perhaps a province lost.
    for (const std::string& u : unnamed)
      unread_entries.push_back({list_field(), u, doc.lines[i].line_no});
    for (const std::string& p : found)
      if (std::find(target->begin(), target->end(), p) == target->end()) target->push_back(p);
  }
  if (!present.empty())
    prt["present"] = present;
  else
    out.Missing("prt.present");
  if (!online.empty()) prt["online"] = online;
  for (const Entry& e : unread_entries) {
    Check c;
    c.id = "prt.attendance";
    c.status = CheckStatus::kFail;
    c.expected = {{"field", e.field}, {"entries", "provinces"}};
    c.actual = {{"field", e.field}, {"entry", e.text}, {"line", e.line_no}};
    c.detail = e.label
                   ? e.field + ": the label '" + e.text + "' (line " + std::to_string(e.line_no) +
                         ") is no attendance list's label; its provinces may belong to "
                         "another list (prt.present, prt.online)"
                   : e.field + ": the entry '" + e.text + "' (line " + std::to_string(e.line_no) +
                         ") names no province among those it lists; a province may be lost";
    out.record.checks.push_back(std::move(c));
  }
}

// Actions: "… zet deze mogelijkheden op een rijtje. Actie: Team SW".
// `label_at` receives the offset in `j.text` of each label read.
json ReadActions(const TextDocument& doc, const JoinedText& j, std::vector<size_t>& label_at) {
  // "Actie: X", or "Actie X" ending its paragraph where a scan lost the
  // colon (small marks vanish on a light page) or read it as another mark
  // ("Actie. COA", "Actie; COA": photocopies of lettergen seed 6000): the
  // label capitalised, the owner at most three words. Before its colon the
  // label may have lost a letter ("Acte:", a photocopy of seed 6505). The
  // colon may be read as two marks with no space after them ("Actie'.COA",
  // a photocopy of seed 8012: the action was lost, unnamed).
  // The label starts a word: after no letter or digit. Not RE2's \b, which
  // knows ASCII letters only and so no word that starts with a speck's
  // accent ("Âctie: AenM", a clean scan of seed 8603: the action lost).
  static const RE2 kAction("(?:^|[^\\pL\\d])((?i:" + CuePattern("actiehouder") + "|" +
                           FuzzyPatternOneLost("actie") +
                           ")\\s*:|Actie(?:\\s*[.;,'’]{1,2}\\s*|\\s))");
  json actions = json::array();
  re2::StringPiece in(j.text), m;
  while (RE2::FindAndConsume(&in, kAction, &m)) {
    size_t at = m.data() - j.text.data();
    size_t ob = at + m.size();
    label_at.push_back(at);
    if (m.data()[m.size() - 1] != ':') {
      size_t end = j.text.find("\n\n", ob);
      if (end == std::string::npos) end = j.text.size();
      const std::string owner = Squash(std::string_view(j.text).substr(ob, end - ob));
      if (owner.empty() || owner.size() > 40 || std::count(owner.begin(), owner.end(), ' ') > 2)
        continue;
    }
    while (ob < j.text.size() && std::isspace(static_cast<unsigned char>(j.text[ob]))) ++ob;
    size_t oe = ob;
    while (oe < j.text.size() && j.text[oe] != '\n' &&
           !(j.text[oe] == '.' &&
             (oe + 1 == j.text.size() || std::isspace(static_cast<unsigned char>(j.text[oe + 1])))))
      ++oe;
    // An owner wrapped onto a short last line of its paragraph
    // ("Communicatie SW in" / "samenwerking met").
    if (oe < j.text.size() && j.text[oe] == '\n' && oe + 1 < j.text.size() &&
        j.text[oe + 1] != '\n') {
      size_t ne = j.text.find('\n', oe + 1);
      if (ne == std::string::npos) ne = j.text.size();
      std::string nx = Squash(std::string_view(j.text).substr(oe + 1, ne - oe - 1));
      // The last line of its paragraph: a break follows, or (a dump whose
      // blank lines are too many to count one as a break) it is the line
      // right after the action's and a blank line follows it.
      const int action_line = j.LineAt(oe - 1), next_line = j.LineAt(oe + 1);
      const bool blank_after = next_line + 1 >= static_cast<int>(doc.lines.size()) ||
                               IsBlankLine(doc.lines[next_line + 1].text);
      const bool paragraph_end = ne == j.text.size() ||
                                 (ne + 1 < j.text.size() && j.text[ne + 1] == '\n') ||
                                 (next_line == action_line + 1 && blank_after);
      if (paragraph_end && !nx.empty() && std::count(nx.begin(), nx.end(), ' ') < 4 &&
          nx.find('.') == std::string::npos)
        oe = ne;
    }
    std::string owner = Squash(Trim(std::string(j.text.substr(ob, oe - ob)), " ,;:.\n"));
    size_t p = at;
    while (p > 0 && std::isspace(static_cast<unsigned char>(j.text[p - 1]))) --p;
    if (p > 0 && j.text[p - 1] == '.') --p;
    size_t sb = SentenceAround(j.text, p > 0 ? p - 1 : 0).first;
    std::string text = Squash(std::string_view(j.text).substr(sb, at - sb));
    json a = {{"owner", owner},
              {"text", text},
              {"line", LineNo(doc, j.LineAt(at))},
              {"doc_line", j.LineAt(ob < j.text.size() ? ob : at)}};
    if (owner.empty()) a.erase("owner");
    actions.push_back(a);
  }
  return actions;
}

// A word that opens a sentence, looks like an action's label and is followed
// by a short owner ending its sentence, where no action was read: an action
// a scan damaged past reading ("Actie'.COA" and "Âctie: AenM", photocopies
// of lettergen seeds 8012 and 8603, were lost with nothing to tell; "Actre
// COA", seed 9104). Like the label: within two edits of "Actie" when its
// "A" is kept, OCR's confusions cheaper, else within one. A scan may also
// lose the point before the label ("per regio Actis COA", a photocopy of
// seed 10810): a capitalised such word inside a sentence counts too when its
// owner ends the paragraph. Each is a failing check naming prt.actions;
// nothing is guessed.
void NoteUnreadActionLabels(const TextDocument& doc, const JoinedText& j,
                            const std::vector<size_t>& label_at, FieldOut& out) {
  static const RE2 kWord(R"((\S+))");
  // A short capitalised owner, ending its sentence or, after a label
  // inside a sentence, its paragraph.
  static const std::string kShortOwner = R"(\s*(\p{Lu}[^.\n]{0,40}?)\s*)";
  static const RE2 kOwnerEndingSentence(kShortOwner + R"((?:\.\s|\.?\n\n|\.?$))");
  static const RE2 kOwnerEndingParagraph(kShortOwner + R"(\.?\s*(?:\n\n|$))");
  re2::StringPiece in(j.text), word;
  while (RE2::FindAndConsume(&in, kWord, &word)) {
    const size_t at = word.data() - j.text.data();
    const std::string label = FoldName(std::string_view(word.data(), word.size()));
    // Its first letter kept, or one edit in all: "Lacatie:" is a location.
    const bool like = label.size() >= 4 && label.size() <= 6 &&
                      OcrEditCostAtMost(label, "actie", label[0] == 'a' ? 20 : 10);
    if (!like) continue;
    const bool opens_sentence = SentenceAround(j.text, at).first == at;
    if (!opens_sentence && word[0] != 'A') continue;
    // "Actief beleid is nodig." is prose; "Acties: COA" a damaged label.
    static const RE2 kMarkedEnd(R"([:;,.'’]$)");
    const bool marked = RE2::PartialMatch(word, kMarkedEnd);
    if ((label == "actief" || label == "acties") && !marked) continue;
    const bool read = std::any_of(label_at.begin(), label_at.end(),
                                  [&](size_t l) { return l + 3 >= at && l <= at + 3; });
    re2::StringPiece rest(in), owner;
    if (read ||
        !RE2::Consume(&rest, opens_sentence ? kOwnerEndingSentence : kOwnerEndingParagraph,
                      &owner) ||
        std::count(owner.begin(), owner.end(), ' ') > 4)
      continue;
    const int line_no = LineNo(doc, j.LineAt(at));
    Check c;
    c.id = "prt.actions";
    c.status = CheckStatus::kFail;
    c.expected = {{"field", "prt.actions"}, {"label", "Actie:"}};
    c.actual = {{"field", "prt.actions"}, {"read", word.as_string()}, {"line", line_no}};
    c.detail = "prt.actions: '" + word.as_string() + " " + owner.as_string() + "' (line " +
               std::to_string(line_no) +
               ") looks like an action's label and owner, but no action was read there; an "
               "action may be lost";
    out.record.checks.push_back(std::move(c));
  }
}

// "13.00 - 15.00 uur" → "13:00-15:00", "10.30" → "10:30"; "" when none.
// The end of a range may carry a comma a scan made of its point ("9.00-11,00"),
// its dash a long one, and in a range the start's point too ("9,00-11 00").
// `raw` receives the time as printed ("10.00-12.00").
// A scan that loses small marks reads the points as spaces ("13 00-15 00
// uur", "9 00-11.00"): taken only as a range, where two such pairs cannot be
// another number. `half_read` is set when only one end of a range was read,
// or when hours are printed ("... 00 uur") that no shape here reads.
std::string TimeOfDay(const std::string& sentence, std::string* raw = nullptr,
                      bool* half_read = nullptr) {
  static const RE2 kTime(
      R"((?:^|[^\d.])((\d{1,2})[.:](\d{2})\s*(?:uur\s*)?(?:(?:[-–—]|tot)\s*(\d{1,2})[.:,](\d{2}))?))");
  static const RE2 kSpacedRange(
      R"((?:^|[^\d.])((\d{1,2})[.:, ](\d{2})\s*[-–—]\s*(\d{1,2})[.:, ](\d{2}))(?:\D|$))");
  // Hours a scan damaged beyond these shapes ("9,00-11 00 uur" before the
  // comma was allowed, a photocopy of lettergen seed 7011: no time, valid).
  static const RE2 kHoursLeft(R"(\d\W{0,2}\d{2}\s*uur\b)");
  std::string whole, a, b, c, d;
  const bool found = RE2::PartialMatch(sentence, kTime, &whole, &a, &b, &c, &d);
  if ((!found || c.empty()) && !RE2::PartialMatch(sentence, kSpacedRange, &whole, &a, &b, &c, &d)) {
    if (!found) {
      if (half_read && RE2::PartialMatch(sentence, kHoursLeft)) *half_read = true;
      return "";
    }
    // One time with a dash beside it is a range half read ("9 00-11.00":
    // "11.00" alone would be taken): no time, and the caller holds it.
    static const RE2 kDashBefore(R"([-–—]\s*$)"), kDashAfter(R"(^\s*(?:uur\s*)?[-–—])");
    const size_t at = sentence.find(whole);
    if (at != std::string::npos &&
        (RE2::PartialMatch(std::string_view(sentence).substr(0, at), kDashBefore) ||
         RE2::PartialMatch(std::string_view(sentence).substr(at + whole.size()), kDashAfter))) {
      if (half_read) *half_read = true;
      return "";
    }
  }
  if (raw) *raw = Squash(whole);
  int h1 = std::stoi(a), m1 = std::stoi(b);
  int h2 = c.empty() ? -1 : std::stoi(c), m2 = d.empty() ? -1 : std::stoi(d);
  // A time read out of the clock's range ("14.90-16.00 uur", an office scan
  // of lettergen seed 9303: no time, valid) had a digit damaged: no time
  // either way, and the caller holds it; neither end is taken alone.
  const bool end_out = h2 >= 0 && (h2 >= 24 || m2 < 0 || m2 >= 60);
  if (h1 >= 24 || m1 >= 60 || end_out) {
    if (half_read) *half_read = true;
    return "";
  }
  char buf[64];
  if (h2 >= 0)
    std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", h1 % 100, m1 % 100, h2 % 100, m2 % 100);
  else
    std::snprintf(buf, sizeof buf, "%02d:%02d", h1 % 100, m1 % 100);
  return buf;
}

// True when an agenda line is prose that closes the list rather than a topic:
// topics are short noun phrases ("Bezwaar en beroep"), while the line after the
// list is a sentence ("Vragen kunnen gesteld worden via de mail: x@y.nl", "De
// agenda volgt per mail."). Needed where the gap before it is not seen: a dump
// with a blank after most lines counts only double blanks as breaks, so a
// single blank there does not end the list.
bool ClosesAgenda(const std::string& item) {
  static const RE2 kAddress(R"((?i)[\w.-]+@[\w-]+\.\w|https?://|www\.)");
  static const RE2 kLabelledSentence(R"(^(?:\S+\s+){4,}\S+\s*:\s+\S)");
  static const RE2 kSentenceEnd(R"(^(?:\S+\s+){4,}\S+[.!?]$)");
  return RE2::PartialMatch(item, kAddress) || RE2::PartialMatch(item, kLabelledSentence) ||
         RE2::PartialMatch(item, kSentenceEnd);
}

// A line the agenda may go on with past a paragraph break: a short topic,
// capitalised, no sentence (a photocopy of lettergen seed 10019 saw a gap
// after the first item, "Planning verdeelbesluiten .", where the page has
// none, and lost "Bezwaar en beroep", valid).
bool LooksLikeAgendaItem(const std::string& line) {
  static const RE2 kTopic(R"(^\p{Lu}[^.!?:;]{2,58}$)");
  return RE2::FullMatch(line, kTopic) && !ClosesAgenda(line);
}

// Agenda items: the short lines after "... agenda:" from byte `wb` on, up to a
// paragraph break or a line of prose (ClosesAgenda). `lines` receives each
// item's doc line. `after_break` receives the line after a break that ended
// the list when it looks like one more item (LooksLikeAgendaItem), else "".
// "agenda" as OCR reads it, also with one letter misread as any other
// ("agende", a photocopy of lettergen seed 11816: its agenda went unread and
// unnamed): the word announces a list only at the end of its line.
std::string AgendaWord() {
  const std::string word = "agenda";
  std::string p = "(?:" + FuzzyPattern(word);
  for (size_t k = 0; k < word.size(); ++k)
    p += "|(?i:" + word.substr(0, k) + ")\\p{L}(?i:" + word.substr(k + 1) + ")";
  return p + ")";
}

json Agenda(const JoinedText& j, size_t wb, bool* announced, std::vector<int>* lines,
            std::string* after_break) {
  // The marks a scan makes of the announcement's colon.
  static const std::string kColonAsRead = "\\s*[:;?!.,]";
  static const RE2 kAgenda("((?:" + AgendaWord() + kColonAsRead + "|(?i:voor|op)\\s+(?i:de)\\s+" +
                           AgendaWord() + ")\\s*\\n)");
  json agenda = json::array();
  re2::StringPiece rest(j.text.data() + wb, j.text.size() - wb), am;
  // Announced: "... voor de agenda:" however the line was read (a scan may
  // join the items onto it, or read its colon as a semicolon, a question
  // mark, a full stop or a comma, or lose it: "agenda?", "agenda.",
  // "agenda," (a photocopy of lettergen seed 9714: no agenda, valid), "voor
  // de agenda" at the end of its line). The items after it are short lines; prose
  // closes the list (ClosesAgenda).
  static const RE2 kAnnounced("(?im)(?:" + AgendaWord() + kColonAsRead + "|" +
                              FuzzyPattern("voor de ") + AgendaWord() + "\\s*$)");
  *announced = RE2::PartialMatch(rest.substr(0, 600), kAnnounced);
  if (!RE2::PartialMatch(rest, kAgenda, &am)) return agenda;
  size_t p = (am.data() - j.text.data()) + am.size();
  while (p < j.text.size()) {
    size_t e = j.text.find('\n', p);
    if (e == std::string::npos) e = j.text.size();
    std::string item = Squash(std::string_view(j.text).substr(p, e - p));
    if (item.empty() || item.size() > 100 || ClosesAgenda(item)) break;
    // A topic is no sentence: a point or comma after it is punctuation of the
    // list or a scan's speck ("Communicatie openbaar maken verdeelbesluiten.").
    while (!item.empty() && std::strchr(".,;:", item.back()) != nullptr) item.pop_back();
    // Nor is a point inside it before a lower-case word ("Stand. van zaken
    // realisatie", seed 5511 office, valid): a speck.
    static const RE2 kInnerPoint(R"((\p{L})\.(\s+\p{Ll}))");
    RE2::GlobalReplace(&item, kInnerPoint, "\\1\\2");
    if (item.empty()) break;
    agenda.push_back(item);
    lines->push_back(j.LineAt(p));
    if (e + 1 < j.text.size() && j.text[e + 1] == '\n') {  // paragraph ends
      size_t b = e + 1;
      while (b < j.text.size() && j.text[b] == '\n') ++b;
      const size_t be = std::min(j.text.find('\n', b), j.text.size());
      const std::string next_line = Squash(std::string_view(j.text).substr(b, be - b));
      if (LooksLikeAgendaItem(next_line)) *after_break = next_line;
      break;
    }
    p = e + 1;
  }
  return agenda;
}

// Reads the next meeting's date (year from the meeting when not printed),
// time and agenda from text [wb, we) into `next`, and where the date and
// time were read. False when it holds no day and month.
bool NextMeetingIn(const JoinedText& j, size_t wb, size_t we, const std::string& meeting,
                   json& next, FieldSource& date_src, FieldSource& time_src) {
  std::string_view win = std::string_view(j.text).substr(wb, we - wb);
  std::string iso, raw;
  bool inferred = false;
  size_t date_at = 0;
  std::vector<DateMatch> full = FindDutchDates(win);
  std::vector<DayMonth> dm = FindDayMonths(win);
  if (!full.empty() && (dm.empty() || full.front().begin <= dm.front().begin)) {
    iso = full.front().iso;
    raw = full.front().raw;
    date_at = full.front().begin;
  } else if (!dm.empty() && meeting.size() == 10) {
    int year = std::stoi(meeting.substr(0, 4));
    int mmonth = std::stoi(meeting.substr(5, 2));
    if (dm.front().month < mmonth) ++year;  // "3 januari" after a December meeting
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, dm.front().month % 100,
                  dm.front().day % 100);
    iso = buf;
    inferred = true;
    date_at = dm.front().begin;
    raw = std::string(win.substr(dm.front().begin, dm.front().end - dm.front().begin));
  }
  // A day and month whose year cannot be known (the meeting's own date
  // unread: "1/7 maart 2024", a clean scan of lettergen seed 11811) still
  // place the next meeting: its time and agenda are read, its date named
  // unread.
  if (iso.empty() && dm.empty()) return false;
  if (iso.empty()) {
    next["date_unread"] = true;
    date_at = dm.front().begin;
  } else {
    next["date"] = iso;
    date_src = {"prt.next_meeting.date", FieldType::kDate, j.LineAt(wb + date_at), raw, iso};
  }
  if (inferred) next["year_from"] = "meeting date";
  auto [sb, se] = SentenceAround(j.text, wb + date_at);
  std::string sentence = Squash(std::string_view(j.text).substr(sb, se - sb));
  next["text"] = sentence;
  std::string time_raw;
  bool half_read = false;
  std::string time = TimeOfDay(sentence, &time_raw, &half_read);
  if (half_read) next["time_unread"] = true;
  if (!time.empty()) {
    next["time"] = time;
    // Judged as a number: "10.06-12.00" read for 10.00 is a valid-looking
    // wrong time. Its line is where it is printed, else the date's.
    const size_t at = j.text.find(time_raw.substr(0, time_raw.find(' ')), sb);
    time_src = {"prt.next_meeting.time", FieldType::kNumber,
                at != std::string::npos && at < se ? j.LineAt(at) : date_src.line, time_raw, time};
  }
  bool announced = false;
  std::vector<int> agenda_lines;
  std::string after_break;
  json agenda = Agenda(j, wb, &announced, &agenda_lines, &after_break);
  if (!agenda.empty()) {
    next["agenda"] = agenda;
    next["agenda_lines"] = agenda_lines;  // doc lines, for the field sources
    if (!after_break.empty()) next["agenda_may_go_on"] = after_break;
  }
  // "... voor de agenda:" with no item read: unread, not an empty agenda.
  if (announced && agenda.empty()) next["agenda_unread"] = true;
  return true;
}

// The next meeting: the paragraph under a "Vervolgbijeenkomst" heading,
// else a sentence about the next meeting that carries a date ("Team SW zal
// hier de volgende bijeenkomst ..." has none and is passed over). Empty when
// none is found. `date_src` and `time_src` are where its date and time were
// read.
json ReadNextMeeting(const JoinedText& j, const std::string& meeting, FieldSource& date_src,
                     FieldSource& time_src) {
  static const RE2 kNextHeading(
      "(?i)^(?:" + FuzzyPattern("vervolgbijeenkomst") + "|" + FuzzyPattern("volgende bijeenkomst") +
      "|" + FuzzyPattern("volgend overleg") + "|" + FuzzyPattern("volgende vergadering") + "|" +
      FuzzyPattern("vervolgoverleg") + ")\\s*:?\\s*$");
  static const RE2 kNextCue(
      "(?i)(" + FuzzyPattern("vervolgbijeenkomst") + "|" + FuzzyPattern("volgende bijeenkomst") +
      "|" + FuzzyPattern("volgend overleg") + "|" + FuzzyPattern("volgende vergadering") + "|" +
      FuzzyPattern("vervolgsessie") + "|" + FuzzyPattern("vervolgoverleg") + ")");
  json next = json::object();
  for (size_t k = 0; k < j.starts.size() && next.empty(); ++k) {
    std::string_view line(j.text.data() + j.Begin(k), j.End(k) - j.Begin(k));
    if (!RE2::FullMatch(line, kNextHeading)) continue;
    size_t wb = j.End(k);
    size_t we = j.text.find("\n\n", wb + 2);
    if (we == std::string::npos || we - wb > 400) we = std::min(j.text.size(), wb + 400);
    NextMeetingIn(j, wb, we, meeting, next, date_src, time_src);
  }
  if (next.empty()) {
    re2::StringPiece in(j.text), m;
    while (next.empty() && RE2::FindAndConsume(&in, kNextCue, &m)) {
      auto [sb, se] = SentenceAround(j.text, m.data() - j.text.data());
      NextMeetingIn(j, sb, se, meeting, next, date_src, time_src);
    }
  }
  return next;
}

void PrtVerslag(const TextDocument& doc, const Segment& s, FieldOut& out) {
  JoinedText j = JoinLines(doc, s.first, s.last);
  if (j.starts.empty()) return;
  const std::string meeting = ReadPrtHead(doc, s, j, out);
  json prt = json::object();
  ReadAttendance(doc, s, prt, out);
  std::vector<size_t> label_at;
  prt["actions"] = ReadActions(doc, j, label_at);
  NoteUnreadActionLabels(doc, j, label_at, out);
  // Who takes an action is a name: judged by its words' confidence.
  for (size_t k = 0; k < prt["actions"].size(); ++k) {
    json& a = prt["actions"][k];
    const int line = a["doc_line"].get<int>();
    a.erase("doc_line");
    if (!a.contains("owner")) continue;
    const std::string owner = a["owner"].get<std::string>();
    out.ReadAt("prt.actions." + std::to_string(k) + ".owner", FieldType::kText, line, owner, owner);
  }
  FieldSource date_src, time_src;
  json next = ReadNextMeeting(j, meeting, date_src, time_src);
  if (!next.empty()) {
    prt["next_meeting"] = next;
    // Judged like the meeting's own date: a scan's 5 read as 9 is a valid-
    // looking wrong day.
    if (date_src.line >= 0) out.sources.push_back(date_src);
    if (time_src.line >= 0 && next.contains("time")) out.sources.push_back(time_src);
    // An agenda item is text with no second reading to catch a misread
    // letter ("Planring verdeelbesluiten" at 0.64): judged as a name is, and
    // opening with a capital as a title does (kTopic).
    for (size_t k = 0; next.contains("agenda") && k < next["agenda"].size(); ++k) {
      const std::string item = next["agenda"][k].get<std::string>();
      out.ReadAt("prt.next_meeting.agenda." + std::to_string(k), FieldType::kTopic,
                 next["agenda_lines"][k].get<int>(), item, item);
    }
    prt["next_meeting"].erase("agenda_lines");
    if (next.contains("agenda_unread")) {
      prt["next_meeting"].erase("agenda_unread");
      out.Missing("prt.next_meeting.agenda");
    }
    if (next.contains("agenda_may_go_on")) {
      Check c;
      c.id = "prt.next_meeting.agenda";
      c.status = CheckStatus::kFail;
      c.expected = {{"field", "prt.next_meeting.agenda"},
                    {"ends", "at prose or the section's end"}};
      c.actual = {{"field", "prt.next_meeting.agenda"}, {"after_gap", next["agenda_may_go_on"]}};
      c.detail =
          "prt.next_meeting.agenda: the list ends at a gap on the page, and the line after "
          "it ('" +
          next["agenda_may_go_on"].get<std::string>() +
          "') reads as one more item; an item may be lost";
      out.record.checks.push_back(std::move(c));
      prt["next_meeting"].erase("agenda_may_go_on");
    }
    if (next.contains("time_unread")) {
      prt["next_meeting"].erase("time_unread");
      out.Missing("prt.next_meeting.time");
    }
    if (next.contains("date_unread")) {
      prt["next_meeting"].erase("date_unread");
      out.Missing("prt.next_meeting.date");
    }
  } else {
    out.Missing("prt.next_meeting");
  }
  out.record.extra["prt"] = prt;
}

}  // namespace

KindEntry PrtVerslagEntry() {
  KindEntry e;
  e.kind = DocumentKind::kPrtVerslag;
  AddCue(e, "title: Verslag", 3, 1,
         std::make_unique<RE2>("\\A\\s*(?:" + FuzzyPattern("verslag") + "|" +
                               FuzzyPattern("notulen") + ")"));
  AddCue(e, "label: Aanwezig", 3, 1, AtLineStart(FuzzyPattern("aanwezig") + "\\s*:?"));
  AddCue(e, "label: Actie", 2, 2, Anywhere(FuzzyPattern("actie") + "\\s*:"));
  AddCue(e, "phrase: afstemmingsoverleg / regietafel", 1, 1,
         Anywhere("(?:" + FuzzyPattern("afstemmingsoverleg") + "|" + FuzzyPattern("regietafel") +
                  ")"));
  AddCue(e, "heading: Vervolgbijeenkomst", 1, 1, AtLineStart(FuzzyPattern("vervolgbijeenkomst")));
  e.read_fields = PrtVerslag;
  return e;
}

}  // namespace verdeelscan::kinds
