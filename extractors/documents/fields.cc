// Fields per kind of letter (see letters.h). Each reader works on the joined
// text of its segment (letter_text.h) so that OCR line breaks do not matter,
// and maps every value back to its line.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

#include "extractors/documents/dates.h"
#include "extractors/documents/letter_text.h"
#include "extractors/documents/letters.h"
#include "extractors/documents/line_table.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"
#include "validators/reference.h"

namespace verdeelscan {
namespace {

using nlohmann::json;

// What one reader produced: values land in the record, names of required
// fields it could not read in `unread`.
struct Out {
  Record& record;
  std::vector<std::string> unread;
  void Missing(const std::string& field) { unread.push_back(field); }
};

int LineNo(const TextDocument& doc, int index) {
  if (index < 0 || index >= static_cast<int>(doc.lines.size())) return 0;
  return doc.lines[index].line_no;
}

std::string Trim(std::string s, const char* chars = " \t\n,;:.") {
  size_t b = s.find_first_not_of(chars);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(chars);
  return s.substr(b, e - b + 1);
}

// ---------------------------------------------------------------- letter head

// Labels that start a letter-head field; a value never runs into one.
const RE2& HeadLabel() {
  static const RE2 re("^(?:" + FuzzyPattern("datum") + "|" + FuzzyPattern("betreft") + "|" +
                      FuzzyPattern("onze referentie") + "|" + FuzzyPattern("uw referentie") + "|" +
                      FuzzyPattern("uw brief") + "|" + FuzzyPattern("bijlage") + "|" +
                      FuzzyPattern("kenmerk") + "|" + FuzzyPattern("geachte") + "|" +
                      FuzzyPattern("contactpersoon") + ")\\b");
  return re;
}

// The first "Datum" field whose value (on its line or the next few) is a date.
std::optional<std::pair<std::string, int>> LabelledDate(const TextDocument& doc, const Segment& s) {
  for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, "datum", 3)) {
    std::vector<DateMatch> d = FindDutchDates(lv.value);
    if (!d.empty()) return std::make_pair(d.front().iso, lv.line);
  }
  // No "Datum" field: the dateline of a letter ("Den Haag, 9 april 2026",
  // "'s-Gravenhage, 20 december 2024") on a short line of its own.
  static const RE2 kDateline(R"(^[A-Z'‘’][\p{L}'‘’ -]{2,25},\s*[0-9OolI])");
  for (int i = s.first; i <= s.last; ++i) {
    std::string line = Squash(CleanLine(doc.lines[i].text));
    if (line.size() > 45 || !RE2::PartialMatch(line, kDateline)) continue;
    std::vector<DateMatch> d = FindDutchDates(line);
    if (!d.empty()) return std::make_pair(d.front().iso, i);
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, int>> Reference(const TextDocument& doc, const Segment& s) {
  for (const char* label : {"onze referentie", "ons kenmerk", "kenmerk", "referentie"}) {
    for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, label, 1)) {
      std::string first_token = lv.value.substr(0, lv.value.find(' '));
      std::string digits = ReferenceDigits(first_token);
      if (!digits.empty()) return std::make_pair(digits, lv.line);
    }
  }
  return std::nullopt;
}

// "Betreft" with its continuation lines (a subject wraps onto the next line
// of the letter head; a blank line or another label ends it).
std::optional<std::pair<std::string, int>> Subject(const TextDocument& doc, const Segment& s) {
  for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, "betreft", 1)) {
    std::string v = lv.value;
    if (v.empty() || RE2::PartialMatch(v, HeadLabel())) continue;
    if (lv.line == lv.label_line) {
      for (int k = lv.line + 1; k <= s.last && k <= lv.line + 3; ++k) {
        std::string next = Squash(CleanLine(doc.lines[k].text));
        if (next.empty() || RE2::PartialMatch(next, HeadLabel())) break;
        v += " " + next;
      }
    }
    return std::make_pair(Squash(v), lv.line);
  }
  return std::nullopt;
}

// "Faber- Van de Klashorst" → "Faber-Van de Klashorst".
std::string TidyName(std::string s) {
  s = Squash(s);
  static const RE2 kHyphen(R"(\s*-\s+|\s+-\s*)");
  RE2::GlobalReplace(&s, kHyphen, "-");
  return Trim(s, " ,;");
}

// The signature block: the last "De Minister van ..." (or staatssecretaris,
// directeur) line of the segment and the name below it. A redacted name is
// no name.
void Signatory(const TextDocument& doc, const Segment& s, Out& out, bool required) {
  static const RE2 kRole(
      "(?i)^(?:de\\s+)?(?:minister|staatssecretaris|directeur|secretaris-generaal|"
      "commissaris)\\b");
  static const RE2 kName(
      R"(^(?:(?i:drs|dr|mr|ir|prof|ing)\.?\s+)?(?:[A-Z]\.\s*){1,4}\s*(?:(?:van|de|der|den|ter|ten|te|het)\s+)*[A-Z][\p{L}'’-]+|^(?i:drs|dr|mr|ir)\.?\s+[A-Z]|^[A-Z][\p{Ll}]+(?:\s+(?:van|de|der|den|ter|ten))*\s+[A-Z][\p{L}'’-]+$)");
  static const RE2 kParticle(R"(^(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en)\b)");
  for (int i = s.last; i >= s.first; --i) {
    std::string role = Squash(CleanLine(doc.lines[i].text));
    if (role.size() > 90 || !RE2::PartialMatch(role, kRole)) continue;
    int from = i + 1;
    // "De Minister van" / "Asiel en Migratie": the role wraps.
    static const RE2 kOpenEnd(R"((?i)\b(?:van|voor|en)$)");
    if (RE2::PartialMatch(role, kOpenEnd)) {
      while (from <= s.last && IsBlankLine(doc.lines[from].text)) ++from;
      if (from <= s.last) role += " " + Squash(CleanLine(doc.lines[from++].text));
    }
    for (int k = from; k <= s.last && k <= i + 8; ++k) {
      std::string name = Squash(CleanLine(doc.lines[k].text));
      if (name.empty()) continue;
      if (name.find("geanonimiseerd") != std::string::npos) break;
      if (!RE2::PartialMatch(name, kName)) continue;
      // A name broken over two lines ("M. H. M. Faber -" / "van de Klashorst").
      int next = k + 1;
      while (next <= s.last && IsBlankLine(doc.lines[next].text)) ++next;
      if (next <= s.last) {
        std::string cont = Squash(CleanLine(doc.lines[next].text));
        if (!cont.empty() && (name.back() == '-' || name.back() == ',') &&
            RE2::PartialMatch(cont, kParticle))
          name += " " + cont;
        else if (RE2::PartialMatch(cont, kParticle) && cont.size() < 30 &&
                 std::count(cont.begin(), cont.end(), ' ') <= 3)
          name += " " + cont;
      }
      out.record.meta["signatory"] = TidyName(name);
      out.record.meta["signatory_role"] = Trim(role, " ,;");
      return;
    }
  }
  if (required) out.Missing("meta.signatory");
}

// --------------------------------------------------------------------- figures

// National and provincial figures stated in prose: a number written with a
// thousands separator ("96.000", "82. 000"), or a plain number followed by a
// word for places ("90000 plekken"). Dates, references, postcodes and years
// do not qualify.
json Figures(const TextDocument& doc, const JoinedText& j) {
  static const RE2 kNum(
      R"((?i)(?:^|[^\d.,/\w])((?:bijna|ongeveer|circa|ca\.|ruim|meer dan|minder dan|zo'n|nagenoeg|totaal)\s+)?(\d{1,3}(?:[.,] ?\d{3})+|\d{4,6})(?:[^\d.,]|$))");
  static const RE2 kUnit(
      R"((?i)^\s*(?:\S+\s+)?(?:asiel)?(?:opvang)?(?:plek|plaats|opvang|asielzoek))");
  json figures = json::array();
  std::set<std::pair<long, size_t>> seen;
  re2::StringPiece in(j.text);
  re2::StringPiece qual, num;
  while (RE2::FindAndConsume(&in, kNum, &qual, &num)) {
    const size_t at = num.data() - j.text.data();
    std::optional<long> v = ParseDutchNumber(num);
    if (!v) continue;
    const bool grouped = std::string_view(num).find_first_of(".,") != std::string_view::npos;
    std::string_view after(j.text.data() + at + num.size(),
                           std::min<size_t>(40, j.text.size() - at - num.size()));
    if (!grouped && !RE2::PartialMatch(after, kUnit)) continue;
    if (*v < 1000) continue;
    if (!grouped && *v >= 1990 && *v <= 2100) continue;  // a year ("tot en met 2026")
    auto [sb, se] = SentenceAround(j.text, at);
    if (!seen.insert({*v, sb}).second) continue;
    json f = {{"value", *v},
              {"sentence", Squash(std::string_view(j.text).substr(sb, se - sb))},
              {"line", LineNo(doc, j.LineAt(at))}};
    if (!qual.empty()) f["qualifier"] = Squash(qual);
    figures.push_back(f);
    // FindAndConsume resumed after the number's trailing character; fine.
  }
  return figures;
}

// ----------------------------------------------------------------- kamerbrief

// The letter head the kinds share: date, reference and subject. A field the
// kind requires is listed as unread when it cannot be read.
struct HeadFields {
  bool date = false, reference = false, subject = false;  // required?
};
void LetterHead(const TextDocument& doc, const Segment& s, Out& out, HeadFields required) {
  Record& r = out.record;
  if (auto d = LabelledDate(doc, s))
    r.meta["date"] = d->first;
  else if (required.date)
    out.Missing("meta.date");
  if (auto ref = Reference(doc, s))
    r.meta["reference"] = ref->first;
  else if (required.reference)
    out.Missing("meta.reference");
  if (auto sub = Subject(doc, s))
    r.meta["subject"] = sub->first;
  else if (required.subject)
    out.Missing("meta.subject");
}

void Kamerbrief(const TextDocument& doc, const Segment& s, Out& out) {
  Record& r = out.record;
  LetterHead(doc, s, out, {.date = true, .reference = true, .subject = true});
  std::optional<long> stated;
  for (const char* label : {"bijlagen", "bijlage(n)", "bijlage"}) {
    for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, label, 1)) {
      // The value is a bare count ("13"); "1. Overzicht ..." is a list item.
      std::string tok;
      if (!RE2::FullMatch(lv.value, R"(([0-9OolI]{1,3})\.?)", &tok)) continue;
      if (std::optional<long> n = ParseDutchNumber(tok)) {
        stated = n;
        break;
      }
    }
    if (stated) break;
  }
  if (stated)
    r.meta["attachments"] = *stated;
  else
    out.Missing("meta.attachments");

  // Listed attachments: "Bijlage 1: ...", or an enumerated list under a
  // "Bijlagen:" heading. Only when the letter lists them is the count checked.
  static const RE2 kNumbered(R"((?i)^\s*bijlage\s+(\d{1,2})\b)");
  static const RE2 kListHead(R"((?i)^\s*bijlage(?:n|\(n\))?\s*:?\s*$)");
  static const RE2 kItem(R"(^\s*(?:\d{1,2}[.)]|[-•–*·])\s+\S)");
  std::set<int> numbered;
  int listed = 0;
  for (int i = s.first; i <= s.last; ++i) {
    std::string t = CleanLine(doc.lines[i].text);
    int n = 0;
    if (RE2::PartialMatch(t, kNumbered, &n)) numbered.insert(n);
    if (RE2::FullMatch(t, kListHead)) {
      int items = 0;
      for (int k = i + 1; k <= s.last; ++k) {
        std::string it = CleanLine(doc.lines[k].text);
        if (IsBlankLine(it)) {
          if (items > 0 && k + 1 <= s.last && !RE2::PartialMatch(doc.lines[k + 1].text, kItem))
            break;
          continue;
        }
        if (!RE2::PartialMatch(it, kItem)) break;
        ++items;
      }
      listed = std::max(listed, items);
    }
  }
  listed = std::max(listed, static_cast<int>(numbered.size()));
  if (listed > 0) {
    r.meta["attachments_listed"] = listed;
    if (stated) {
      Check c;
      c.id = "kamerbrief.attachments";
      c.expected = *stated;
      c.actual = listed;
      c.status = *stated == listed ? CheckStatus::kPass : CheckStatus::kFinding;
      c.detail = *stated == listed
                     ? "the stated number of attachments equals the attachments listed"
                     : "the letter states " + std::to_string(*stated) + " attachments but lists " +
                           std::to_string(listed);
      r.checks.push_back(c);
    }
  }
  Signatory(doc, s, out, /*required=*/true);
  r.extra["figures"] = Figures(doc, JoinLines(doc, s.first, s.last));
}

// ------------------------------------------------------------------ IBT letter

// A municipality whose official name or alias folds to exactly `name`. An
// exact name is never in doubt, even when an OCR look-alike exists ("Emmen"
// and "Ommen", which MatchMunicipality rightly refuses to choose between
// for damaged text).
const Municipality* ExactMunicipality(std::string_view name) {
  const std::string f = FoldName(name);
  if (f.empty()) return nullptr;
  for (const Municipality& m : Reference::Default().municipalities()) {
    if (FoldName(m.name) == f) return &m;
    for (const std::string& a : m.aliases)
      if (FoldName(a) == f) return &m;
  }
  return nullptr;
}

// The gemeente a letter is addressed to: "Aan het college van B&W van de
// gemeente Hilversum", else the town of the postal address when it is itself
// exactly a municipality's name.
void AddressedGemeente(const TextDocument& doc, const Segment& s, Out& out, bool required) {
  static const RE2 kGemeente("(?i)" + FuzzyPattern("gemeente") + "\\s*([^\\n,;]{2,60})");
  static const RE2 kCollege("(?i)" + FuzzyPattern("college"));
  // "Aan het college van Hilversum": no "gemeente" printed.
  static const RE2 kCollegeVan(
      "(?i)" + FuzzyPattern("college van") +
      "\\s*(?:(?:b\\s*&\\s*w|burgemeesters?\\s+en\\s+wethouders)\\s+van\\s+)?(?:de\\s+)?"
      "([^\\n,;]{2,60})");
  static const RE2 kPostal(R"(^\s*\d{4}\s?[A-Z]{2}\s+(\S.*)$)");
  JoinedText j = JoinLines(doc, s.first, s.last);
  const size_t head_lines = std::min<size_t>(j.starts.size(), 30);
  auto try_words = [&](const std::string& text) -> const Municipality* {
    std::vector<std::string> words;
    for (size_t b = 0, e; b < text.size(); b = e + 1) {
      e = text.find(' ', b);
      if (e == std::string::npos) e = text.size();
      if (e > b) words.push_back(text.substr(b, e - b));
    }
    // Exact names first (any length), then OCR-tolerant matching.
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t n = std::min<size_t>(words.size(), 4); n >= 1; --n) {
        std::string cand;
        for (size_t w = 0; w < n; ++w) cand += (w ? " " : "") + words[w];
        const std::string c = Trim(cand, " ,.;:");
        if (pass == 0) {
          if (const Municipality* exact = ExactMunicipality(c)) return exact;
        } else if (NameMatch m = MatchMunicipality(c); m.municipality) {
          return m.municipality;
        }
      }
    }
    return static_cast<const Municipality*>(nullptr);
  };
  for (size_t k = 0; k < head_lines; ++k) {
    std::string line = Squash(std::string_view(j.text).substr(j.Begin(k), j.End(k) - j.Begin(k)));
    std::string rest;
    if (!RE2::PartialMatch(line, kCollege)) continue;
    // "Aan het college van B&W" / "van de gemeente Oss": the address wraps.
    // OCR dumps spread it over up to four lines ("Aan het" / "college van" /
    // "burgemeester en" / "wethouders van de gemeente Rhenen").
    for (size_t n = k + 1; n < j.starts.size() && n <= k + 3; ++n) {
      std::string next = Squash(std::string_view(j.text).substr(j.Begin(n), j.End(n) - j.Begin(n)));
      if (RE2::PartialMatch(next, HeadLabel())) break;
      line += " " + next;
      if (RE2::PartialMatch(line, kGemeente)) break;
    }
    if (!RE2::PartialMatch(line, kGemeente, &rest) && !RE2::PartialMatch(line, kCollegeVan, &rest))
      continue;
    if (const Municipality* m = try_words(Squash(rest))) {
      out.record.meta["gemeente"] = m->name;
      out.record.meta["cbs_code"] = m->cbs_code;
      return;
    }
  }
  for (size_t k = 0; k < head_lines; ++k) {
    std::string line = Squash(std::string_view(j.text).substr(j.Begin(k), j.End(k) - j.Begin(k)));
    std::string town;
    if (!RE2::FullMatch(line, kPostal, &town)) continue;
    if (const Municipality* m = ExactMunicipality(Trim(town))) {
      out.record.meta["gemeente"] = m->name;
      out.record.meta["cbs_code"] = m->cbs_code;
      out.record.meta["gemeente_from"] = "postal address";
      return;
    }
  }
  if (required) {
    out.Missing("meta.gemeente");
    out.Missing("meta.cbs_code");
  }
}

// A single small number in running text ("trede 2", "trede l").
std::optional<long> SmallNumber(std::string_view tok) {
  while (!tok.empty() && std::ispunct(static_cast<unsigned char>(tok.back()))) tok.remove_suffix(1);
  if (tok.empty() || tok.size() > 2) return std::nullopt;
  if (std::optional<long> v = ParseDutchNumber(tok)) return v;
  if (tok == "l" || tok == "I") return 1;
  return std::nullopt;
}

void IbtBrief(const TextDocument& doc, const Segment& s, Out& out) {
  Record& r = out.record;
  LetterHead(doc, s, out, {.date = true, .reference = true});
  AddressedGemeente(doc, s, out, /*required=*/true);
  Signatory(doc, s, out, /*required=*/false);

  json ibt = json::object();
  // The taak/realisatie table, as printed or transposed.
  std::optional<long> taak[2], real[2];
  // Wordings seen or to be expected in these letters; the header decides
  // the column order.
  const std::string kTaak = "wettelijke taak|taakstelling|opgave",
                    kReal = "realisatie|gerealiseerd", kReg = "regulier|reguliere", kAmv = "amv";
  LineTableSpec spec{{kTaak, kReal}, {kReg, kAmv}};
  std::optional<LineTable> t = ReadLineTable(doc, s.first, s.last, spec);
  bool transposed = false;
  auto complete = [](const std::optional<LineTable>& tab) {
    if (!tab) return 0;
    int n = 0;
    for (const auto& row : tab->cells)
      for (const auto& c : row) n += c.value.has_value();
    return n;
  };
  if (complete(t) < 4) {
    LineTableSpec tspec{{kReg, kAmv}, {kTaak, kReal}};
    std::optional<LineTable> tt = ReadLineTable(doc, s.first, s.last, tspec);
    if (complete(tt) > complete(t)) {
      t = tt;
      transposed = true;
    }
  }
  // Short letters state the cells as labelled values instead of a table.
  if (complete(t) < 4) {
    std::optional<LineTable> lv = ReadLabelledValues(doc, s.first, s.last, spec);
    if (complete(lv) > complete(t)) {
      t = lv;
      transposed = false;
    }
  }
  json corrections = json::array();
  if (t) {
    for (int row = 0; row < 2; ++row) {
      for (int col = 0; col < 2; ++col) {
        const LineTableCell& c = t->cells[row][col];
        // Index as [taak/realisatie][regulier/amv].
        int what = transposed ? row : col, cat = transposed ? col : row;
        if (c.value) (what == 0 ? taak : real)[cat] = *c.value;
        if (!c.note.empty())
          corrections.push_back({{"line", LineNo(doc, c.line)},
                                 {"from", c.raw},
                                 {"to", *c.value},
                                 {"reason", c.note}});
      }
    }
    json table = {{"layout", t->layout},
                  {"header_line", LineNo(doc, t->header_line)},
                  {"transposed", transposed}};
    if (!t->notes.empty()) table["notes"] = t->notes;
    ibt["table"] = table;
    // The peildatum is usually in the header ("Realisatie per 1-7-2025").
    for (int k = t->header_line; t->layout != "labelled" && k <= t->header_line + 2 && k <= s.last;
         ++k) {
      std::vector<DateMatch> d = FindDutchDates(MendNumericDates(doc.lines[k].text));
      if (!d.empty()) {
        ibt["peildatum"] = d.front().iso;
        break;
      }
    }
  }
  if (!corrections.empty()) ibt["corrections"] = corrections;
  const char* cat_names[] = {"regulier", "amv"};
  for (int w = 0; w < 2; ++w) {
    const char* key = w == 0 ? "wettelijke_taak" : "realisatie";
    json o = json::object();
    for (int c = 0; c < 2; ++c) {
      const std::optional<long>& v = (w == 0 ? taak : real)[c];
      if (v)
        o[cat_names[c]] = *v;
      else
        out.Missing(std::string("ibt.") + key + "." + cat_names[c]);
    }
    if (!o.empty()) ibt[key] = o;
  }

  JoinedText j = JoinLines(doc, s.first, s.last);
  if (!ibt.contains("peildatum")) {
    // "de realisatie van asielopvangplekken op 1 juli 2025".
    static const RE2 kContext("(?i)(?:" + FuzzyPattern("realisatie") + "|" +
                              FuzzyPattern("te voldoen") + "|" + FuzzyPattern("peildatum") + "|" +
                              FuzzyPattern("stand van zaken") + ")");
    for (const DateMatch& d : FindDutchDates(j.text)) {
      // The cue must be in the date's own sentence; the letter's date is
      // never the peildatum.
      if (r.meta.contains("date") && r.meta["date"] == d.iso) continue;
      size_t from =
          std::max(d.begin > 120 ? d.begin - 120 : 0, SentenceAround(j.text, d.begin).first);
      if (RE2::PartialMatch(std::string_view(j.text).substr(from, d.begin - from), kContext)) {
        ibt["peildatum"] = d.iso;
        break;
      }
    }
  }
  if (!ibt.contains("peildatum")) out.Missing("ibt.peildatum");

  // "trede", also with a lost or doubled glyph ("tede", "trecle").
  static const std::string kTrede = "(?:" + FuzzyPattern("trede") + "|t[eé]de|tr[eé]{1,2}cl[eé])";
  // The trede the gemeente is placed on ("ingeschaald op trede 2"), not the
  // one it may be raised to ("opschaling naar trede 3").
  static const RE2 kPlaced("(?i)(?:" + FuzzyPattern("ingeschaald") + "|" +
                           FuzzyPattern("geplaatst") + "|" + FuzzyPattern("ingedeeld") +
                           "|bevindt\\s*zich|valt)\\s*"
                           "(?:\\S+\\s+){0,3}?(?:[o0]p|in)\\s*(?:" +
                           kTrede + "|" + FuzzyPattern("fase") + "|" + FuzzyPattern("stap") +
                           ")\\s*(\\S{1,3})");
  static const RE2 kAnyTrede("(?i)(\\S+)\\s+" + kTrede + "\\s*(\\S{1,3})");
  std::set<long> placed;
  {
    re2::StringPiece in(j.text), tok;
    while (RE2::FindAndConsume(&in, kPlaced, &tok))
      if (auto v = SmallNumber(tok)) placed.insert(*v);
  }
  if (placed.empty()) {
    re2::StringPiece in(j.text), before, tok;
    while (RE2::FindAndConsume(&in, kAnyTrede, &before, &tok)) {
      std::string b = Squash(before);
      std::transform(b.begin(), b.end(), b.begin(), ::tolower);
      if (b == "naar" || b == "volgende" || b == "hogere" || b == "tot") continue;
      if (auto v = SmallNumber(tok)) placed.insert(*v);
    }
  }
  std::optional<long> trede;
  if (placed.size() == 1) {
    trede = *placed.begin();
    ibt["trede"] = *trede;
  } else {
    out.Missing("ibt.trede");
    if (placed.size() > 1)
      ibt["trede_candidates"] = std::vector<long>(placed.begin(), placed.end());
  }

  // The verdict the letter states.
  const std::string kNiet = FuzzyPattern("niet"),
                    kDeels = FuzzyPattern("gedeeltelijk") + "|" + FuzzyPattern("deels");
  static const RE2 kVerdict(
      "(?i)" + FuzzyPattern("gemeente") +
      "\\s*(?:(?:nog|al|ook|thans|momenteel|daarmee)\\s+)?(?:(" + kNiet + "|" + kDeels + "|" +
      FuzzyPattern("volledig") + "|wel|ruimschoots)\\s*)?" + FuzzyPattern("voldoet") +
      "(?:\\s*(?:(?:daarmee|hiermee|dus|nog|momenteel|thans|op dit moment)\\s*)?(" + kNiet + "|" +
      kDeels + ")(?:\\s+(volledig|geheel))?\\b)?");
  static const RE2 kNietRe("^(?:" + kNiet + ")$"), kDeelsRe("^(?:" + kDeels + ")$");
  std::set<std::string> verdicts;
  std::string verdict_text;
  {
    re2::StringPiece in(j.text), pre, post, fully;
    const char* start = in.data();
    // "Indien uw gemeente niet voldoet ...": a condition, not a verdict.
    static const RE2 kCondition(
        R"((?i)\b(?:indien|als|wanneer|mocht|zodra|tenzij|of)\b[^.]{0,40}$)");
    while (RE2::FindAndConsume(&in, kVerdict, &pre, &post, &fully)) {
      size_t at = in.data() - start;
      size_t from = at > 160 ? at - 160 : 0;
      std::string_view before = std::string_view(j.text).substr(from, at - from);
      size_t g = before.rfind("emeente");
      if (g == std::string_view::npos) g = before.rfind("EMEENTE");
      if (g != std::string_view::npos && RE2::PartialMatch(before.substr(0, g), kCondition))
        continue;
      // "voldoet niet volledig": not fully, which may be partly or not at
      // all; the letter's wording does not settle it.
      if (!fully.empty()) {
        verdicts.insert("ambiguous: voldoet niet " + std::string(fully));
        continue;
      }
      auto is = [](re2::StringPiece w, const RE2& re) {
        return !w.empty() && RE2::FullMatch(Squash(std::string(w)), re);
      };
      std::string v = is(pre, kNietRe) || is(post, kNietRe)     ? "voldoet niet"
                      : is(pre, kDeelsRe) || is(post, kDeelsRe) ? "voldoet gedeeltelijk"
                                                                : "voldoet";
      verdicts.insert(v);
      size_t end = in.data() - start;
      auto [sb, se] = SentenceAround(j.text, end > 0 ? end - 1 : 0);
      if (verdict_text.empty()) verdict_text = Squash(std::string_view(j.text).substr(sb, se - sb));
    }
  }
  std::optional<std::string> verdict;
  if (verdicts.size() == 1) {
    verdict = *verdicts.begin();
    ibt["verdict"] = *verdict;
    ibt["verdict_sentence"] = verdict_text;
  } else {
    out.Missing("ibt.verdict");
  }
  r.extra["ibt"] = ibt;

  if (verdict && taak[0] && taak[1] && real[0] && real[1]) {
    // What the numbers say: every category with a task met → voldoet;
    // nothing realised of any task → voldoet niet; otherwise partly.
    long due = 0, met = 0;
    bool all_met = true;
    for (int c = 0; c < 2; ++c) {
      if (*taak[c] <= 0) continue;
      due += *taak[c];
      met += std::min(*real[c], *taak[c]);
      if (*real[c] < *taak[c]) all_met = false;
    }
    std::string expected = all_met ? "voldoet" : met == 0 ? "voldoet niet" : "voldoet gedeeltelijk";
    Check c;
    c.id = "ibt.verdict";
    c.expected = expected;
    c.actual = *verdict;
    c.status = expected == *verdict ? CheckStatus::kPass : CheckStatus::kFail;
    c.detail = "wettelijke taak " + std::to_string(*taak[0]) + "/" + std::to_string(*taak[1]) +
               ", realisatie " + std::to_string(*real[0]) + "/" + std::to_string(*real[1]) +
               " (regulier/amv) means '" + expected + "'; the letter says '" + *verdict + "'";
    r.checks.push_back(c);
    (void)due;
  }
  if (trede) {
    Check c;
    c.id = "ibt.trede_on_ladder";
    c.expected = json::array({1, 6});
    c.actual = *trede;
    c.status = *trede >= 1 && *trede <= 6 ? CheckStatus::kPass : CheckStatus::kFail;
    c.detail = "the intervention ladder has steps 1 to 6";
    r.checks.push_back(c);
  }
}

// ---------------------------------------------------------------- PRT verslag

void PrtVerslag(const TextDocument& doc, const Segment& s, Out& out) {
  Record& r = out.record;
  JoinedText j = JoinLines(doc, s.first, s.last);
  if (j.starts.empty()) return;
  r.meta["title"] = Squash(std::string_view(j.text).substr(j.Begin(0), j.End(0) - j.Begin(0)));
  // The meeting date: a date in the title block, else a "Datum" field.
  std::string meeting;
  {
    size_t head_end = j.End(std::min<size_t>(j.starts.size(), 6) - 1);
    std::vector<DateMatch> d = FindDutchDates(std::string_view(j.text).substr(0, head_end));
    if (!d.empty())
      meeting = d.front().iso;
    else if (auto ld = LabelledDate(doc, s))
      meeting = ld->first;
  }
  if (!meeting.empty())
    r.meta["date"] = meeting;
  else
    out.Missing("meta.date");
  bool have_location = false;
  for (const char* label : {"locatie", "plaats", "vergaderlocatie", "locatie/plaats"}) {
    for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, label, 1)) {
      if (lv.value.empty() || lv.value.size() > 80) continue;
      r.meta["location"] = Trim(lv.value, " ,;:.");
      have_location = true;
      break;
    }
    if (have_location) break;
  }
  if (!have_location) out.Missing("meta.location");

  // Attendance lists: provinces under "Aanwezig:" and "Online:".
  static const RE2 kPresent("^" + FuzzyPattern("aanwezig") + "\\s*:?\\s*(.*)$");
  static const RE2 kOnline("^(?:" + FuzzyPattern("online") + "|" +
                           FuzzyPattern("digitaal aanwezig") + "|" + FuzzyPattern("via teams") +
                           ")\\s*:?\\s*(.*)$");
  static const RE2 kOtherLabel(R"(^[^:]{1,40}:\s*(.*)$)");
  static const RE2 kSplit(R"(\s*(?:,|;|\s+en\s+)\s*)");
  auto provinces_in = [](const std::string& text) {
    std::vector<std::string> out_list;
    std::string t = text;
    RE2::GlobalReplace(&t, kSplit, "|");
    size_t b = 0;
    while (b <= t.size()) {
      size_t e = t.find('|', b);
      if (e == std::string::npos) e = t.size();
      const std::string whole = t.substr(b, e - b);
      // "Noord-Brabant – (name)", "J. Jansen (provincie Drenthe)",
      // "Provincie Utrecht (voorzitter)": the part before a dash or bracket,
      // the bracketed part, and what follows a dash.
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
      static const RE2 kProvincie(R"((?i)^\s*(?:de\s+)?provincie\s+)");
      for (std::string part : cands) {
        RE2::Replace(&part, kProvincie, "");
        part = Trim(part, " \t-–:,.()");
        if (part.empty() || part.size() > 30) continue;
        std::string p = MatchProvince(part);
        if (!p.empty()) {
          out_list.push_back(p);
          break;
        }
      }
      b = e + 1;
    }
    return out_list;
  };
  std::vector<std::string> present, online;
  std::vector<std::string>* target = nullptr;
  int quiet = 0;
  for (int i = s.first; i <= s.last; ++i) {
    std::string line = Squash(CleanLine(doc.lines[i].text));
    if (line.empty()) continue;
    std::string rest;
    if (RE2::FullMatch(line, kPresent, &rest)) {
      target = &present;
      quiet = 0;
    } else if (RE2::FullMatch(line, kOnline, &rest)) {
      target = &online;
      quiet = 0;
    } else if (target) {
      if (line.size() > 80) break;  // prose: the lists are over
      std::string after;
      if (RE2::FullMatch(line, kOtherLabel, &after) && provinces_in(line).empty()) {
        // "Vertegenwoordigers PRT:" introduces provinces; "COA:" ends them.
        if (target == &present && present.empty()) {
          rest = after;
        } else {
          target = nullptr;
          continue;
        }
      } else {
        rest = line;
      }
    } else {
      continue;
    }
    std::vector<std::string> found = provinces_in(rest);
    if (found.empty()) {
      if (++quiet > 3 && target && !target->empty()) target = nullptr;
      continue;
    }
    quiet = 0;
    for (const std::string& p : found)
      if (std::find(target->begin(), target->end(), p) == target->end()) target->push_back(p);
  }
  json prt = json::object();
  if (!present.empty())
    prt["present"] = present;
  else
    out.Missing("prt.present");
  if (!online.empty()) prt["online"] = online;

  // Actions: "… zet deze mogelijkheden op een rijtje. Actie: Team SW".
  static const RE2 kAction("(?i)(" + CuePattern("actiehouder|actie") + "\\s*:)");
  json actions = json::array();
  {
    re2::StringPiece in(j.text), m;
    while (RE2::FindAndConsume(&in, kAction, &m)) {
      size_t at = m.data() - j.text.data();
      size_t ob = at + m.size();
      while (ob < j.text.size() && std::isspace(static_cast<unsigned char>(j.text[ob]))) ++ob;
      size_t oe = ob;
      while (oe < j.text.size() && j.text[oe] != '\n' &&
             !(j.text[oe] == '.' && (oe + 1 == j.text.size() ||
                                     std::isspace(static_cast<unsigned char>(j.text[oe + 1])))))
        ++oe;
      // An owner wrapped onto a short last line of its paragraph
      // ("Communicatie SW in" / "samenwerking met").
      if (oe < j.text.size() && j.text[oe] == '\n' && oe + 1 < j.text.size() &&
          j.text[oe + 1] != '\n') {
        size_t ne = j.text.find('\n', oe + 1);
        if (ne == std::string::npos) ne = j.text.size();
        std::string nx = Squash(std::string_view(j.text).substr(oe + 1, ne - oe - 1));
        const bool paragraph_end =
            ne == j.text.size() || (ne + 1 < j.text.size() && j.text[ne + 1] == '\n');
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
      json a = {{"owner", owner}, {"text", text}, {"line", LineNo(doc, j.LineAt(at))}};
      if (owner.empty()) a.erase("owner");
      actions.push_back(a);
    }
  }
  prt["actions"] = actions;

  // The next meeting: the paragraph under a "Vervolgbijeenkomst" heading,
  // else a sentence about the next meeting that carries a date ("Team SW zal
  // hier de volgende bijeenkomst ..." has none and is passed over).
  static const RE2 kNextHeading(
      "(?i)^(?:" + FuzzyPattern("vervolgbijeenkomst") + "|" + FuzzyPattern("volgende bijeenkomst") +
      "|" + FuzzyPattern("volgend overleg") + "|" + FuzzyPattern("volgende vergadering") + "|" +
      FuzzyPattern("vervolgoverleg") + ")\\s*:?\\s*$");
  static const RE2 kNextCue(
      "(?i)(" + FuzzyPattern("vervolgbijeenkomst") + "|" + FuzzyPattern("volgende bijeenkomst") +
      "|" + FuzzyPattern("volgend overleg") + "|" + FuzzyPattern("volgende vergadering") + "|" +
      FuzzyPattern("vervolgsessie") + "|" + FuzzyPattern("vervolgoverleg") + ")");
  static const RE2 kTime(
      R"((?:^|[^\d.])(\d{1,2})[.:](\d{2})\s*(?:uur\s*)?(?:(?:[-–]|tot)\s*(\d{1,2})[.:](\d{2}))?)");
  json next = json::object();
  // Reads the date (year from the meeting when not printed), time and agenda
  // from text [wb, we). False when it holds no date.
  auto try_window = [&](size_t wb, size_t we) {
    std::string_view win = std::string_view(j.text).substr(wb, we - wb);
    std::string iso;
    bool inferred = false;
    size_t date_at = 0;
    std::vector<DateMatch> full = FindDutchDates(win);
    std::vector<DayMonth> dm = FindDayMonths(win);
    if (!full.empty() && (dm.empty() || full.front().begin <= dm.front().begin)) {
      iso = full.front().iso;
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
    }
    if (iso.empty()) return false;
    next["date"] = iso;
    if (inferred) next["year_from"] = "meeting date";
    auto [sb, se] = SentenceAround(j.text, wb + date_at);
    std::string sentence = Squash(std::string_view(j.text).substr(sb, se - sb));
    next["text"] = sentence;
    std::string a, b, c, d;
    if (RE2::PartialMatch(sentence, kTime, &a, &b, &c, &d)) {
      int h1 = std::stoi(a), m1 = std::stoi(b);
      int h2 = c.empty() ? -1 : std::stoi(c), m2 = d.empty() ? -1 : std::stoi(d);
      if (h1 < 24 && m1 < 60) {
        char buf[64];
        if (h2 >= 0 && h2 < 24 && m2 >= 0 && m2 < 60)
          std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", h1 % 100, m1 % 100, h2 % 100,
                        m2 % 100);
        else
          std::snprintf(buf, sizeof buf, "%02d:%02d", h1 % 100, m1 % 100);
        next["time"] = buf;
      }
    }
    // Agenda items: the short lines after "... agenda:".
    static const RE2 kAgenda("(?i)(agenda\\s*:\\s*\\n)");
    re2::StringPiece rest(j.text.data() + wb, j.text.size() - wb), am;
    if (RE2::PartialMatch(rest, kAgenda, &am)) {
      size_t p = (am.data() - j.text.data()) + am.size();
      json agenda = json::array();
      while (p < j.text.size()) {
        size_t e = j.text.find('\n', p);
        if (e == std::string::npos) e = j.text.size();
        std::string item = Squash(std::string_view(j.text).substr(p, e - p));
        if (item.empty() || item.size() > 100) break;
        agenda.push_back(item);
        if (e + 1 < j.text.size() && j.text[e + 1] == '\n') break;  // paragraph ends
        p = e + 1;
      }
      if (!agenda.empty()) next["agenda"] = agenda;
    }
    return true;
  };
  for (size_t k = 0; k < j.starts.size() && next.empty(); ++k) {
    std::string_view line(j.text.data() + j.Begin(k), j.End(k) - j.Begin(k));
    if (!RE2::FullMatch(line, kNextHeading)) continue;
    size_t wb = j.End(k);
    size_t we = j.text.find("\n\n", wb + 2);
    if (we == std::string::npos || we - wb > 400) we = std::min(j.text.size(), wb + 400);
    try_window(wb, we);
  }
  if (next.empty()) {
    re2::StringPiece in(j.text), m;
    while (next.empty() && RE2::FindAndConsume(&in, kNextCue, &m)) {
      auto [sb, se] = SentenceAround(j.text, m.data() - j.text.data());
      try_window(sb, se);
    }
  }
  if (!next.empty())
    prt["next_meeting"] = next;
  else
    out.Missing("prt.next_meeting");
  r.extra["prt"] = prt;
}

// ---------------------------------------------------------- informatiebericht

// Dates that are deadlines: "uiterlijk 1 juni", "vóór 1 juli 2025". A date
// without a year takes the year of the nearest dated mention before it (else
// after it); without any, it is not reported.
json Deadlines(const TextDocument& doc, const JoinedText& j) {
  static const RE2 kBefore(
      R"((?i)(?:uiterlijk|v[oó]{1,2}r|tot\s+en\s+met|uiterst|deadline\s*:?|niet\s+later\s+dan|ten\s+laatste\s+op)\s*(?:op\s+)?$)");
  json out = json::array();
  std::vector<DateMatch> full = FindDutchDates(j.text);
  struct D {
    size_t begin, end;
    std::string iso;
    bool inferred;
  };
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
              {"line", LineNo(doc, j.LineAt(d.begin))}};
    if (d.inferred) x["year_from"] = "context";
    out.push_back(x);
  }
  return out;
}

// The numbered list after "... de volgende afspraken:" (else the first
// numbered list of two or more items).
json Agreements(const TextDocument& doc, const JoinedText& j) {
  static const RE2 kItem(R"((?m)^(\d{1,2})[.)]\s+\S)");
  struct Item {
    int n;
    size_t begin;
  };
  std::vector<Item> items;
  {
    re2::StringPiece in(j.text);
    const char* base = j.text.data();
    re2::StringPiece m;
    static const RE2 kItemCap(R"((?m)^((\d{1,2})[.)]\s+)\S)");
    re2::StringPiece whole;
    int n = 0;
    while (RE2::FindAndConsume(&in, kItemCap, &whole, &n)) {
      items.push_back({n, static_cast<size_t>(whole.data() - base)});
    }
    (void)m;
    (void)kItem;
  }
  // Runs of consecutive numbering starting at 1.
  std::vector<std::vector<Item>> runs;
  for (const Item& it : items) {
    if (it.n == 1)
      runs.push_back({it});
    else if (!runs.empty() && runs.back().back().n + 1 == it.n)
      runs.back().push_back(it);
  }
  static const RE2 kIntro("(?i)afspraken\\s*:\\s*$");
  const std::vector<Item>* chosen = nullptr;
  for (const auto& run : runs) {
    size_t from = run.front().begin > 200 ? run.front().begin - 200 : 0;
    std::string_view before = std::string_view(j.text).substr(from, run.front().begin - from);
    std::string b = Squash(before);
    if (RE2::PartialMatch(b, kIntro)) {
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
  for (size_t k = 0; k < chosen->size(); ++k) {
    size_t b = (*chosen)[k].begin;
    size_t e;
    if (k + 1 < chosen->size()) {
      e = (*chosen)[k + 1].begin;
    } else {
      e = j.text.find("\n\n", b);
      if (e == std::string::npos) e = j.text.size();
    }
    std::string text = Squash(std::string_view(j.text).substr(b, e - b));
    // Drop the item number itself.
    size_t sp = text.find(' ');
    text = sp == std::string::npos ? "" : text.substr(sp + 1);
    out.push_back({{"number", (*chosen)[k].n}, {"text", text}, {"line", LineNo(doc, j.LineAt(b))}});
  }
  return out;
}

void Informatiebericht(const TextDocument& doc, const Segment& s, Out& out) {
  Record& r = out.record;
  JoinedText j = JoinLines(doc, s.first, s.last);
  if (auto d = LabelledDate(doc, s)) r.meta["date"] = d->first;
  json agreements = Agreements(doc, j);
  if (agreements.empty()) out.Missing("agreements");
  r.extra["agreements"] = agreements;
  r.extra["deadlines"] = Deadlines(doc, j);
  r.extra["figures"] = Figures(doc, j);
}

// ----------------------------------------------------------- cover letter

void BegeleidendeBrief(const TextDocument& doc, const Segment& s, Out& out) {
  Record& r = out.record;
  JoinedText j = JoinLines(doc, s.first, s.last);
  LetterHead(doc, s, out, {.date = true});
  // The province addressed: "Aanbieding verdeelbesluit provincie Overijssel",
  // "colleges van burgemeesters en wethouders van de provincie Overijssel".
  static const RE2 kProv("(?i)" + FuzzyPattern("provincie") +
                         "\\s+([^\\s,;.]+(?:\\s+[^\\s,;.]+)?)");
  re2::StringPiece in(j.text), cand;
  std::map<std::string, int> votes;
  std::string first_found;
  while (RE2::FindAndConsume(&in, kProv, &cand)) {
    std::string c = Squash(cand);
    std::string p = MatchProvince(c);
    if (p.empty()) {
      size_t sp = c.find(' ');
      if (sp != std::string::npos) p = MatchProvince(c.substr(0, sp));
    }
    if (p.empty()) continue;
    if (first_found.empty()) first_found = p;
    ++votes[p];
  }
  if (votes.size() == 1) {
    r.meta["province"] = first_found;
  } else if (votes.size() > 1) {
    // Several provinces named: the letter's own heading decides, else nothing.
    out.Missing("meta.province");
    json names = json::array();
    for (const auto& [p, n] : votes) names.push_back(p);
    r.meta["provinces_mentioned"] = names;
  } else {
    out.Missing("meta.province");
  }
  if (!j.starts.empty()) {
    static const RE2 kHeading("^" + FuzzyPattern("aanbieding verdeelbesluit"));
    for (size_t k = 0; k < std::min<size_t>(j.starts.size(), 3); ++k) {
      std::string_view line(j.text.data() + j.Begin(k), j.End(k) - j.Begin(k));
      if (RE2::PartialMatch(line, kHeading)) {
        std::string title = Squash(line);
        if (k + 1 < j.starts.size()) {
          std::string_view nx(j.text.data() + j.Begin(k + 1), j.End(k + 1) - j.Begin(k + 1));
          if (nx.size() < 40 && RE2::PartialMatch(nx, "(?i)^pro[vu]incie"))
            title += " " + Squash(nx);
        }
        r.meta["title"] = title;
        break;
      }
    }
  }
  Signatory(doc, s, out, /*required=*/false);
  r.extra["figures"] = Figures(doc, j);
  // A cover letter to one gemeente states its task: "Voor uw gemeente
  // betekent dit een taak van 197 reguliere opvangplaatsen en 0
  // amv-opvangplaatsen".
  AddressedGemeente(doc, s, out, /*required=*/false);
  static const RE2 kTaak("(?i)" + FuzzyPattern("taak van") + "\\s*(\\S+)\\s*" +
                         FuzzyPattern("reguliere") + "[\\s\\S]{0,40}?" + FuzzyPattern("en") +
                         "\\s*(\\S+)\\s*" + FuzzyPattern("amv"));
  std::string reg, amv;
  if (RE2::PartialMatch(j.text, kTaak, &reg, &amv)) {
    json taak = json::object();
    if (auto v = ParseDutchNumber(Trim(reg))) taak["regulier"] = *v;
    if (auto v = ParseDutchNumber(Trim(amv))) taak["amv"] = *v;
    if (!taak.empty()) r.extra["taak"] = taak;
  }
}

// ---------------------------------------------------------------------- email

struct Header {
  int line = -1;
  std::map<std::string, std::string> fields;  // from, to, cc, sent, subject
};

std::vector<Header> EmailHeaders(const TextDocument& doc, const Segment& s) {
  static const RE2 kLabel(
      R"((?i)^(van|from|verzonden|sent|datum|date|aan|to|cc|bcc|onderwerp|subject|bijlagen|attachments)\s*:\s*(.*)$)");
  auto field_of = [](std::string l) -> std::string {
    std::transform(l.begin(), l.end(), l.begin(), ::tolower);
    if (l == "van" || l == "from") return "from";
    if (l == "verzonden" || l == "sent" || l == "datum" || l == "date") return "sent";
    if (l == "aan" || l == "to") return "to";
    if (l == "onderwerp" || l == "subject") return "subject";
    if (l == "bijlagen" || l == "attachments") return "attachments";
    return l;
  };
  static const RE2 kContinuation(R"(^[^/:\d]{1,40}$|^\S*<[^>]*@[^>]*>?\S*$|^[^:/]*@[^:/]*$)");
  std::vector<Header> out;
  Header cur;
  std::string field;
  int cont = 0;
  for (int i = s.first; i <= s.last; ++i) {
    std::string line = Squash(CleanLine(doc.lines[i].text));
    if (line.empty()) continue;
    std::string label, value;
    if (RE2::FullMatch(line, kLabel, &label, &value)) {
      std::string f = field_of(label);
      if (f == "from" && cur.line >= 0) {
        out.push_back(cur);
        cur = Header{};
      }
      if (cur.line < 0) cur.line = i;
      field = f;
      cont = 0;
      if (!cur.fields.count(f)) cur.fields[f] = value;
      continue;
    }
    if (field.empty()) continue;
    // A value wraps onto short lines (OCR breaks "Secretariaat / Burgemeester
    // / Dalfsen / <burgemeester@dalfsen.nl>"); prose ends it.
    const bool closed = !cur.fields[field].empty() && cur.fields[field].back() == '>';
    // Redaction marks do not count against a continuation.
    std::string words = line;
    static const RE2 kRedacted(R"(\(?geanonimiseerd\)?)");
    RE2::GlobalReplace(&words, kRedacted, "");
    words = Squash(words);
    int nwords =
        words.empty() ? 0 : 1 + static_cast<int>(std::count(words.begin(), words.end(), ' '));
    static const RE2 kSentPart(R"((?i)^[\w:.,/ ]{1,30}$)");
    static const RE2 kDateish(
        R"((?i)\d|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)");
    if (field == "sent") {
      if (cont < 3 && RE2::FullMatch(line, kSentPart) && RE2::PartialMatch(line, kDateish)) {
        std::string& v = cur.fields[field];
        v += (v.empty() ? "" : " ") + line;
        ++cont;
      } else {
        field.clear();
      }
    } else if (!closed && cont < 4 && nwords <= 3 &&
               (words.empty() || (RE2::FullMatch(words, kContinuation) &&
                                  // "Zie bijlage.", "Beste collega,": prose.
                                  std::string(".,;:!?").find(words.back()) == std::string::npos))) {
      std::string& v = cur.fields[field];
      v += (v.empty() ? "" : " ") + line;
      ++cont;
    } else {
      field.clear();
    }
  }
  if (cur.line >= 0) out.push_back(cur);
  return out;
}

void Email(const TextDocument& doc, const Segment& s, Out& out) {
  Record& r = out.record;
  std::vector<Header> headers = EmailHeaders(doc, s);
  json messages = json::array();
  for (const Header& h : headers) {
    json m = {{"line", LineNo(doc, h.line)}};
    for (const auto& [k, v] : h.fields) {
      std::string val = Squash(v);
      if (val.empty()) continue;
      m[k] = val;
      if (k == "sent") {
        std::vector<DateMatch> d = FindDutchDates(val);
        if (!d.empty()) m["date"] = d.front().iso;
      }
    }
    messages.push_back(m);
  }
  r.extra["messages"] = messages;
  // The record's meta: the first message that carries each field (the
  // newest message comes first in a printed thread).
  for (const char* f : {"from", "to", "subject", "date"}) {
    for (const json& m : messages) {
      if (m.contains(f)) {
        r.meta[f] = m[f];
        break;
      }
    }
  }
  if (!r.meta.contains("date")) out.Missing("meta.date");
  if (!r.meta.contains("subject")) out.Missing("meta.subject");
}

// ------------------------------------------------------------- Woo grounds

json WooGrounds(const TextDocument& doc, const Segment& s) {
  static const RE2 kGround(
      R"((?i)^\s*(?:([A-Z])\s+)?art(?:ikel)?\.?\s*(\d{1,2}\.\d)\s*(?:,\s*)?lid\s*(\d)\s*(?:,\s*)?(?:sub|onder)\s*([a-z])\b)");
  json out = json::array();
  for (int i = s.first; i <= s.last; ++i) {
    std::string key, art, lid, sub;
    if (!RE2::PartialMatch(doc.lines[i].text, kGround, &key, &art, &lid, &sub)) continue;
    json g = {{"ground", art + "." + lid + sub},
              {"line", LineNo(doc, i)},
              {"text", Squash(doc.lines[i].text)}};
    if (!key.empty()) g["key"] = key;
    out.push_back(g);
  }
  return out;
}

}  // namespace

void ExtractLetterFields(const TextDocument& doc, const Segment& seg, Record& record) {
  Out out{record, {}};
  record.kind = ParseDocumentKind(seg.kind).value_or(DocumentKind::kUnknown);
  record.source.first_line = LineNo(doc, seg.first);
  record.source.last_line = LineNo(doc, seg.last);
  record.extra["evidence"] = seg.evidence;
  json reds = json::array();
  for (const Redaction& rd : FindRedactions(doc, seg)) {
    json x = {{"line", LineNo(doc, rd.line)}, {"text", rd.text}};
    x["ground"] = rd.ground.empty() ? json(nullptr) : json(rd.ground);
    reds.push_back(x);
  }
  record.extra["redactions"] = reds;

  if (seg.kind == "kamerbrief")
    Kamerbrief(doc, seg, out);
  else if (seg.kind == "ibt_brief")
    IbtBrief(doc, seg, out);
  else if (seg.kind == "prt_verslag")
    PrtVerslag(doc, seg, out);
  else if (seg.kind == "informatiebericht")
    Informatiebericht(doc, seg, out);
  else if (seg.kind == "begeleidende_brief")
    BegeleidendeBrief(doc, seg, out);
  else if (seg.kind == "email")
    Email(doc, seg, out);
  else if (seg.kind == "unknown") {
    json g = WooGrounds(doc, seg);
    if (!g.empty()) record.extra["woo_grounds"] = g;
  }
  if (seg.kind == "verdeelbesluit") return;  // the pipeline owns status and table

  if (!out.unread.empty()) record.extra["unread_fields"] = out.unread;
  bool failed = std::any_of(record.checks.begin(), record.checks.end(),
                            [](const Check& c) { return c.status == CheckStatus::kFail; });
  if (record.status != RecordStatus::kFailed)
    record.status =
        failed || !out.unread.empty() ? RecordStatus::kNeedsReview : RecordStatus::kValid;
}

namespace {

// Where a record starts in its file: its first line (text) or first page.
int PositionInFile(const Record& r) {
  return r.source.first_line > 0 ? r.source.first_line : r.source.first_page;
}

// Of `candidates` (indexes into `records`), those the record at `self` is
// checked against: every candidate from another file (in a batch the besluit
// of a letter's gemeente is usually a file of its own), and of those in its
// own file only the nearest. One file may bundle many besluits and letters
// (a Woo release, a concatenated export): each letter belongs with its
// neighbour, and comparing every pair made the checks, and the time, grow
// with the square of the file (a 10 MB text of 350 bundles gave 42 MB of JSON).
std::vector<size_t> CheckPartners(const std::vector<Record>& records, size_t self,
                                  const std::vector<size_t>& candidates) {
  std::vector<size_t> out;
  size_t nearest = SIZE_MAX;
  long nearest_distance = LONG_MAX;
  for (size_t k : candidates) {
    if (k == self) continue;
    if (records[k].source.file != records[self].source.file) {
      out.push_back(k);
      continue;
    }
    const long d =
        std::labs(static_cast<long>(PositionInFile(records[k])) - PositionInFile(records[self]));
    if (d < nearest_distance) {
      nearest_distance = d;
      nearest = k;
    }
  }
  if (nearest != SIZE_MAX) out.push_back(nearest);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void CrossCheckRecords(std::vector<Record>& records) {
  // Indexes first: the besluits that allocate to each gemeente, the cover
  // letters of each province.
  std::map<std::string, std::vector<size_t>> besluits_by_code;
  std::map<std::string, std::vector<size_t>> covers_by_province;
  for (size_t k = 0; k < records.size(); ++k) {
    const Record& r = records[k];
    if (r.kind == DocumentKind::kVerdeelbesluit) {
      std::set<std::string> codes;
      for (const Allocation& a : r.allocations) {
        if (!a.cbs_code.empty()) codes.insert(a.cbs_code);
      }
      for (const std::string& c : codes) besluits_by_code[c].push_back(k);
    }
    if (r.kind == DocumentKind::kBegeleidendeBrief && r.meta.contains("province") &&
        r.meta["province"].is_string() && r.meta.contains("date") && r.meta["date"].is_string())
      covers_by_province[r.meta["province"].get<std::string>()].push_back(k);
  }
  auto besluits_for = [&](const std::string& code) -> const std::vector<size_t>& {
    static const std::vector<size_t> kNone;
    auto it = besluits_by_code.find(code);
    return it == besluits_by_code.end() ? kNone : it->second;
  };
  for (size_t i = 0; i < records.size(); ++i) {
    Record& ibt = records[i];
    if (ibt.kind != DocumentKind::kIbtBrief || !ibt.meta.contains("cbs_code")) continue;
    const json* taak = nullptr;
    if (ibt.extra.contains("ibt") && ibt.extra["ibt"].contains("wettelijke_taak"))
      taak = &ibt.extra["ibt"]["wettelijke_taak"];
    if (!taak) continue;
    const std::string code = ibt.meta["cbs_code"].get<std::string>();
    for (size_t b : CheckPartners(records, i, besluits_for(code))) {
      const Record& besluit = records[b];
      for (const Allocation& a : besluit.allocations) {
        if (a.cbs_code != code) continue;
        json expected = {{"regulier", a.regulier}, {"amv", a.amv}};
        json actual = json::object();
        bool equal = true;
        for (const char* f : {"regulier", "amv"}) {
          if (!taak->contains(f)) {
            equal = false;
            continue;
          }
          actual[f] = (*taak)[f];
          if ((*taak)[f].get<long>() != expected[f].get<long>()) equal = false;
        }
        Check c;
        c.id = "ibt.taak_matches_verdeelbesluit";
        c.expected = expected;
        c.actual = actual;
        c.status = equal ? CheckStatus::kPass : CheckStatus::kFinding;
        std::string where = !besluit.besluit_meta.province.empty() ? besluit.besluit_meta.province
                                                                   : besluit.source.file;
        c.detail =
            std::string(equal ? "equals" : "differs from") + " the allocation of " + a.gemeente +
            " in the verdeelbesluit " + where +
            (besluit.status == RecordStatus::kNeedsReview ? " (that table needs review)" : "");
        ibt.checks.push_back(c);
      }
    }
  }
  // A cover letter to one gemeente: the task it states against the besluit.
  for (size_t i = 0; i < records.size(); ++i) {
    Record& cover = records[i];
    if (cover.kind != DocumentKind::kBegeleidendeBrief || !cover.meta.contains("cbs_code") ||
        !cover.extra.contains("taak"))
      continue;
    const std::string code = cover.meta["cbs_code"].get<std::string>();
    const json& taak = cover.extra["taak"];
    for (size_t b : CheckPartners(records, i, besluits_for(code))) {
      for (const Allocation& a : records[b].allocations) {
        if (a.cbs_code != code) continue;
        json expected = {{"regulier", a.regulier}, {"amv", a.amv}};
        bool equal = true;
        for (const char* f : {"regulier", "amv"})
          if (!taak.contains(f) || taak[f].get<long>() != expected[f].get<long>()) equal = false;
        Check c;
        c.id = "cover_letter.taak_matches_verdeelbesluit";
        c.expected = expected;
        c.actual = taak;
        c.status = equal ? CheckStatus::kPass : CheckStatus::kFinding;
        c.detail = std::string(equal ? "equals" : "differs from") + " the allocation of " +
                   a.gemeente + " in the verdeelbesluit";
        cover.checks.push_back(c);
      }
    }
  }
  for (size_t b = 0; b < records.size(); ++b) {
    Record& besluit = records[b];
    if (besluit.kind != DocumentKind::kVerdeelbesluit || besluit.besluit_meta.province.empty() ||
        besluit.besluit_meta.date.empty())
      continue;
    auto covers = covers_by_province.find(besluit.besluit_meta.province);
    if (covers == covers_by_province.end()) continue;
    for (size_t k : CheckPartners(records, b, covers->second)) {
      const Record& cover = records[k];
      Check c;
      c.id = "cover_letter.date_matches_besluit";
      c.expected = cover.meta["date"];
      c.actual = besluit.besluit_meta.date;
      c.status = c.expected == c.actual ? CheckStatus::kPass : CheckStatus::kFinding;
      c.detail = "the cover letter (lines " + std::to_string(cover.source.first_line) + "-" +
                 std::to_string(cover.source.last_line) + ") dates the besluit " +
                 c.expected.get<std::string>();
      besluit.checks.push_back(c);
    }
  }
}

}  // namespace verdeelscan
