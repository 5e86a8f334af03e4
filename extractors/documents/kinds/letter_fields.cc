#include "extractors/documents/kinds/letter_fields.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "extractors/documents/dates.h"
#include "extractors/documents/kinds/field_confidence.h"
#include "extractors/documents/letters.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"
#include "validators/reference.h"

namespace verdeelscan::kinds {

using nlohmann::json;

int LineNo(const TextDocument& doc, int index) {
  if (index < 0 || index >= static_cast<int>(doc.lines.size())) return 0;
  return doc.lines[index].line_no;
}

std::string Trim(std::string s, const char* chars) {
  size_t b = s.find_first_not_of(chars);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(chars);
  return s.substr(b, e - b + 1);
}

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
std::optional<std::pair<std::string, int>> LabelledDate(const TextDocument& doc, const Segment& s,
                                                        std::string* raw) {
  for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, "datum", 3)) {
    std::vector<DateMatch> d = FindDutchDates(lv.value);
    if (d.empty()) continue;
    if (raw) *raw = d.front().raw;
    return std::make_pair(d.front().iso, lv.line);
  }
  // No "Datum" field: the dateline of a letter ("Den Haag, 9 april 2026",
  // "'s-Gravenhage, 20 december 2024") on a short line of its own.
  static const RE2 kDateline(R"(^[A-Z'‘’][\p{L}'‘’ -]{2,25},\s*[0-9OolI])");
  for (int i = s.first; i <= s.last; ++i) {
    std::string line = Squash(CleanLine(doc.lines[i]));
    if (line.size() > 45 || !RE2::PartialMatch(line, kDateline)) continue;
    std::vector<DateMatch> d = FindDutchDates(line);
    if (d.empty()) continue;
    if (raw) *raw = d.front().raw;
    return std::make_pair(d.front().iso, i);
  }
  return std::nullopt;
}

namespace {

// The digits of a reference token a scan damaged ("6/93520", "/820367": a 7
// read as a slash): the recogniser's likeliest alternative reading of
// its word that is a reference of as many characters. The field judge
// (field_confidence.h) holds such a value for review. "" when none.
std::string ReferenceFromAlternatives(const TextLine& line, const std::string& token) {
  for (const Word* w : WordsHolding(line, token)) {
    if (w->text.size() != token.size()) continue;
    for (const WordAlternative& a : w->alternatives) {
      std::string digits = ReferenceDigits(a.text);
      if (!digits.empty() && a.text.size() == token.size()) return digits;
    }
  }
  return "";
}

// The first token of `value` that holds a letter or a digit: a scan puts
// marks before a value ("… 7122660 ,", an office scan of lettergen seed
// 6705, lost its reference).
std::string FirstWordToken(const std::string& value) {
  size_t at = 0;
  while (at < value.size()) {
    const size_t end = std::min(value.find(' ', at), value.size());
    const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    if (std::any_of(value.begin() + at, value.begin() + end, alnum))
      return value.substr(at, end - at);
    at = end + 1;
  }
  return "";
}

// Digits, a gap, digits on a scanned line: one number the scan split
// ("69561 04" for 6956104, a clean scan of lettergen seed 7901, gave 69561,
// valid). Joined into `digits`, with the gap kept in `token` (the raw
// reading), which makes the field doubtful (field_confidence.cc,
// SplitDigits). A text dump's line has no confidence to hold it by, and
// keeps its first number.
void JoinSplitDigits(const TextLine& line, const std::string& value, std::string* token,
                     std::string* digits) {
  static const RE2 kSplitDigits(R"(^\s*(\d{2,})\s(\d{1,5})(?:\s|$))");
  std::string head, tail;
  if (!IsOcrLine(line) || !RE2::PartialMatch(value, kSplitDigits, &head, &tail) || head != *token)
    return;
  *token = head + " " + tail;
  *digits = head + tail;
}

constexpr const char* kReferenceLabels[] = {"onze referentie", "ons kenmerk", "kenmerk",
                                            "referentie"};

// The reference's digits and 0-based line; `raw` receives it as printed.
std::optional<std::pair<std::string, int>> Reference(const TextDocument& doc, const Segment& s,
                                                     std::string* raw) {
  for (const char* label : kReferenceLabels) {
    for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, label, 1)) {
      std::string first_token = FirstWordToken(lv.value);
      std::string digits = ReferenceDigits(first_token);
      JoinSplitDigits(doc.lines[lv.line], lv.value, &first_token, &digits);
      if (digits.empty() || MarkInNumber(first_token)) {
        const std::string alternative = ReferenceFromAlternatives(doc.lines[lv.line], first_token);
        if (!alternative.empty()) digits = alternative;
      }
      if (digits.empty()) continue;
      *raw = first_token;
      return std::make_pair(digits, lv.line);
    }
  }
  return std::nullopt;
}

// The token after a reference label that Reference could not read: mostly
// digits, marks among them ("65/97/14", an office scan of lettergen seed
// 11710 read each 7 of 6579714 as "/"), and its 0-based line.
std::optional<std::pair<std::string, int>> IllegibleReference(const TextDocument& doc,
                                                              const Segment& s) {
  for (const char* label : kReferenceLabels)
    for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, label, 1)) {
      const std::string token = FirstWordToken(lv.value);
      const auto digits = std::count_if(token.begin(), token.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
      });
      if (digits >= 4 && digits * 3 >= static_cast<long>(token.size()) * 2)
        return std::make_pair(token, lv.line);
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
        std::string next = Squash(CleanLine(doc.lines[k]));
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

// The initials opening a signature line (after a title) with a dot each,
// where a scan lost some ("E van der Burg", "M H.M Faber", "MHM. Faber",
// "DM van Weel"): one to four capitals, each followed by a mark, a space or
// the next capital, then a particle or a capitalised surname. The dots are
// put the way the line spaces them ("M. H. Faber" stays spaced). A run
// holding "IJ" (one initial or two?) and a line whose initials all keep
// their dots are left as read.
std::string DotInitials(const std::string& line) {
  static const RE2 kTitle(R"(^((?i:drs|dr|mr|ir|prof|ing)\.?\s+))");
  static const RE2 kSurname(R"(^(?:(?:van|de|der|den|ter|ten|te)\s|\p{Lu}\p{Ll}))");
  std::string title;
  re2::StringPiece rest(line);
  RE2::Consume(&rest, kTitle, &title);
  const std::string_view tail(rest.data(), rest.size());
  std::string initials;
  bool every_dot = true, spaced = false;
  size_t p = 0;
  auto upper = [&](size_t i) { return i < tail.size() && tail[i] >= 'A' && tail[i] <= 'Z'; };
  auto lower = [&](size_t i) { return i < tail.size() && tail[i] >= 'a' && tail[i] <= 'z'; };
  while (upper(p) && !lower(p + 1) && initials.size() < 4) {
    initials += tail[p++];
    // The dot, or what a scan made of it: a comma, a low quote ("E,‚ van"),
    // a colon or a hyphen ("M.H.M: Faber", "M.H.M-Faber").
    static const RE2 kDotMarks(R"(^(?:[.,:;'`-]|‚|’|·)+)");
    re2::StringPiece marks(tail.data() + p, tail.size() - p);
    const bool dot = RE2::Consume(&marks, kDotMarks);
    every_dot = every_dot && dot && tail[p] == '.';
    p = marks.data() - tail.data();
    size_t spaces = 0;
    while (p < tail.size() && tail[p] == ' ') ++p, ++spaces;
    if (dot && spaces > 0 && upper(p) && !lower(p + 1)) spaced = true;
    if (!dot && spaces == 0 && !upper(p)) return line;  // "E-mail", "A/B"
  }
  if (initials.empty() || every_dot || initials.find("IJ") != std::string::npos) return line;
  if (p >= tail.size() || !RE2::PartialMatch(tail.substr(p), kSurname)) return line;
  std::string dotted;
  for (char c : initials) dotted += std::string(1, c) + (spaced ? ". " : ".");
  if (!spaced) dotted += " ";
  return title + dotted + std::string(tail.substr(p));
}

// A signature line as printed where a scan made commas of the dots after a
// title or an initial ("Drs, K Morren", "M.H.M, Faber-Van de Klashorst": a
// name has no comma after a lone capital or a title), lost the dots of the
// initials (DotInitials), ran two particles together ("E. vander Burg"), or
// read a speck as a hyphen after the initials ("A.B.-de Vries") or after a
// particle ("A.B. de-Vries", a photocopy of lettergen seed 11110, valid), or
// as a mark after an initial's dot ("K.‚ Morren").
std::string MendSignatureLine(std::string line) {
  static const RE2 kTitleComma(R"(^((?i:drs|dr|mr|ir|prof|ing)),(\s))");
  static const RE2 kInitialComma(R"((^|[\s.])([A-Z]),(\s))");
  static const RE2 kMergedParticles(R"(\b(van)(der|den|de)(\s+\p{Lu}))");
  // A speck between the initials and the particle read as a hyphen ("A.B.-de
  // Vries"): a double name joins surnames, never initials to a particle.
  static const RE2 kHyphenAfterInitials(R"(([A-Z]\.)\s*-\s*((?:van|de|der|den|ter|ten|te)\s))");
  RE2::Replace(&line, kTitleComma, "\\1.\\2");
  RE2::GlobalReplace(&line, kInitialComma, "\\1\\2.\\3");
  // The particles apart first: an initial that lost its dot is known by the
  // particle after it ("E vander Burg", an office scan of lettergen seed
  // 11713, lost the signatory).
  RE2::Replace(&line, kMergedParticles, "\\1 \\2\\3");
  line = DotInitials(line);
  RE2::Replace(&line, kHyphenAfterInitials, "\\1 \\2");
  // A particle stands apart from the surname it precedes: a double name
  // joins surnames ("Faber-Van de Klashorst"), never a particle to the next.
  static const RE2 kHyphenAfterParticle(R"((^|[\s.])(van|de|der|den|ter|ten|te)\s*-\s*(\p{Lu}))");
  RE2::GlobalReplace(&line, kHyphenAfterParticle, "\\1\\2 \\3");
  // A speck after an initial's dot read as a mark ("Drs. K.‚ Morren").
  static const RE2 kMarkAfterDot(R"((\b[A-Z]\.)(?:[,'`]|‚|’)+(\s))");
  RE2::GlobalReplace(&line, kMarkAfterDot, "\\1\\2");
  // A speck after the surname read as a full stop or a quote mark ("M.H.M.
  // Faber-Van de Klashorst.", a photocopy of lettergen seed 6000; "Mr. A.B.
  // de Vries’", an office scan of seed 6712): a name ends in its surname's
  // letters (a comma there is kept: it marks a name wrapped onto the next
  // line), also where the speck stands apart ("E. van der Burg .").
  static const RE2 kMarkAfterSurname(R"((\p{Ll}{3})\s*(?:[.;:'`"]|’|‘|”|“)+$)");
  RE2::Replace(&line, kMarkAfterSurname, "\\1");
  return line;
}

// The dots a signature's initials and title are printed with, where a scan
// lost them or made commas of them ("Mr A.B de Vries" → "Mr. A.B. de
// Vries", "Drs, K Morren" → "Drs. K. Morren"): a run of dotted initials ends
// in a dot, and so does a title abbreviation before a name and a lone
// initial after a title. `read` is the name as the page gave it; the change
// goes into `corrections`.
std::string RestoreNameDots(const std::string& read, const std::string& name, json& corrections) {
  static const RE2 kOpenInitials(R"(\b((?:[A-Z]\.){1,3}[A-Z])(\s+\p{L}))");
  static const RE2 kTitle(R"(^((?i:drs|dr|mr|ir|prof|ing))(\s+[A-Z]))");
  static const RE2 kTitleInitial(R"(^((?i:drs|dr|mr|ir|prof|ing)\.\s+[A-Z])(\s+\p{Lu}))");
  std::string fixed = name;
  RE2::GlobalReplace(&fixed, kOpenInitials, "\\1.\\2");
  RE2::Replace(&fixed, kTitle, "\\1.\\2");
  RE2::Replace(&fixed, kTitleInitial, "\\1.\\2");
  if (fixed != read)
    corrections.push_back(
        {{"field", "meta.signatory"},
         {"from", read},
         {"to", fixed},
         {"reason",
          "the dots of initials or a title, or the space between particles, lost on the page, "
          "or a speck read as a mark"}});
  return fixed;
}

}  // namespace

// The signature block: the last "De Minister van ..." (or staatssecretaris,
// directeur) line of the segment and the name below it. A redacted name is
// no name.
void Signatory(const TextDocument& doc, const Segment& s, FieldOut& out, bool required) {
  // Matched OCR-tolerantly: "De Stáatssecretaris" (seed 5515) lost its name.
  static const RE2 kRole("(?i)^(?:de\\s+)?(?:" + FuzzyPattern("minister") + "|" +
                         FuzzyPattern("staatssecretaris") + "|" + FuzzyPattern("directeur") + "|" +
                         FuzzyPattern("secretaris-generaal") + "|" + FuzzyPattern("commissaris") +
                         ")\\b");
  static const RE2 kName(
      R"(^(?:(?i:drs|dr|mr|ir|prof|ing)\.?\s+)?(?:[A-Z]\.\s*){1,4}\s*(?:(?:van|de|der|den|ter|ten|te|het)\s+)*[A-Z][\p{L}'’-]+|^(?i:drs|dr|mr|ir)\.?\s+[A-Z]|^[A-Z][\p{Ll}]+(?:\s+(?:van|de|der|den|ter|ten))*\s+[A-Z][\p{L}'’-]+$)");
  static const RE2 kParticle(R"(^(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en)\b)");
  // A signature block's role line ("De Minister van Asiel en Migratie,"):
  // short, ending in a comma or without a full stop. When one is printed but
  // no name below it is read (a scan broke the name), the name is unread
  // even where the kind does not require one: a letter signed is not
  // `valid` without its signatory.
  static const RE2 kSignatureRole("(?i)^(?:de\\s+)?(?:" + FuzzyPattern("minister") + "|" +
                                  FuzzyPattern("staatssecretaris") + ")\\b[^.]{0,60},?$");
  bool signed_block = false, redacted = false;
  int signature_line = s.last + 1;
  for (int i = s.last; i >= s.first; --i) {
    std::string role = Squash(CleanLine(doc.lines[i]));
    if (role.size() > 90 || !RE2::PartialMatch(role, kRole)) continue;
    if (!signed_block && RE2::FullMatch(role, kSignatureRole)) {
      signed_block = true;
      signature_line = i;
    }
    int from = i + 1;
    // "De Minister van" / "Asiel en Migratie": the role wraps.
    static const RE2 kOpenEnd(R"((?i)\b(?:van|voor|en)$)");
    if (RE2::PartialMatch(role, kOpenEnd)) {
      while (from <= s.last && IsBlankLine(doc.lines[from].text)) ++from;
      if (from <= s.last) role += " " + Squash(CleanLine(doc.lines[from++]));
    }
    for (int k = from; k <= s.last && k <= i + 8; ++k) {
      std::string read = Squash(CleanLine(doc.lines[k]));
      std::string name = MendSignatureLine(read);
      if (name.empty()) continue;
      if (name.find("geanonimiseerd") != std::string::npos) {
        redacted = true;
        break;
      }
      if (!RE2::PartialMatch(name, kName)) continue;
      // A name broken over two lines ("M. H. M. Faber -" / "van de Klashorst").
      int next = k + 1;
      while (next <= s.last && IsBlankLine(doc.lines[next].text)) ++next;
      if (next <= s.last) {
        std::string cont = Squash(CleanLine(doc.lines[next]));
        const bool wrapped = !cont.empty() && (name.back() == '-' || name.back() == ',') &&
                             RE2::PartialMatch(cont, kParticle);
        if (wrapped || (RE2::PartialMatch(cont, kParticle) && cont.size() < 30 &&
                        std::count(cont.begin(), cont.end(), ' ') <= 3)) {
          name += " " + cont;
          read += " " + cont;
        }
      }
      json& corrections = out.record.extra["corrections"];
      if (!corrections.is_array()) corrections = json::array();
      out.record.meta["signatory"] = RestoreNameDots(TidyName(read), TidyName(name), corrections);
      out.ReadAt("meta.signatory", FieldType::kText, k, Squash(CleanLine(doc.lines[k])),
                 out.record.meta["signatory"].get<std::string>());
      if (corrections.empty()) out.record.extra.erase("corrections");
      out.record.meta["signatory_role"] = Trim(role, " ,;");
      return;
    }
  }
  // A letter that closes ("Met vriendelijke groet,", "Hoogachtend,") is
  // signed below it even when its role line was not read ("…__De Minister",
  // seed 5414; a photocopy's last page read no word, seed 5204): no name
  // read is then a name missed, not an unsigned letter.
  static const RE2 kClosing("(?i)^(?:" + FuzzyPattern("met vriendelijke groet") + "|" +
                            FuzzyPattern("hoogachtend") + "|" + FuzzyPattern("met hoogachting") +
                            ")\\W*$");
  for (int i = s.last; !signed_block && i >= s.first; --i)
    if (RE2::FullMatch(Squash(CleanLine(doc.lines[i])), kClosing)) {
      signed_block = true;
      signature_line = i;
    }
  // A Woo redaction in the signature block ("Migratie , 5.1.2e") is the
  // name withheld, not a name the reader missed.
  for (const Redaction& r :
       signed_block && !redacted ? FindRedactions(doc, s) : std::vector<Redaction>{})
    redacted = redacted || r.line >= signature_line;
  if (required || (signed_block && !redacted)) out.Missing("meta.signatory");
}

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

void PostIllegibleDate(const IllegibleDay& day, int line, FieldOut& out) {
  char month[8];
  std::snprintf(month, sizeof month, "%04d-%02d", day.year, day.month);
  out.Illegible("meta.date", FieldType::kDate, line, day.day, month);
}

void IllegibleLabelledDay(const TextDocument& doc, const Segment& s, FieldOut& out) {
  for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, "datum", 1))
    if (std::optional<IllegibleDay> day = FindIllegibleDay(lv.value)) {
      PostIllegibleDate(*day, lv.line, out);
      return;
    }
}

// Date, reference and subject; see letter_fields.h.
void LetterHead(const TextDocument& doc, const Segment& s, FieldOut& out, HeadFields required) {
  Record& r = out.record;
  std::string raw;
  if (auto d = LabelledDate(doc, s, &raw)) {
    r.meta["date"] = d->first;
    out.ReadAt("meta.date", FieldType::kDate, d->second, raw, d->first);
  } else {
    IllegibleLabelledDay(doc, s, out);
    if (required.date) out.Missing("meta.date");
  }
  if (auto ref = Reference(doc, s, &raw)) {
    r.meta["reference"] = ref->first;
    out.ReadAt("meta.reference", FieldType::kIdentifier, ref->second, raw, ref->first);
  } else {
    if (auto illegible = IllegibleReference(doc, s))
      out.Illegible("meta.reference", FieldType::kIdentifier, illegible->second, illegible->first);
    if (required.reference) out.Missing("meta.reference");
  }
  if (auto sub = Subject(doc, s)) {
    // A quote mark without its pair is trimmed with the other title
    // repairs (RepairTitleWords).
    r.meta["subject"] = sub->first;
    // Judged by its words' confidence (lettergen seed 5813, photocopy:
    // "provinciale re jietafels", words at 0.59 and 0.38, was valid).
    out.ReadAt("meta.subject", FieldType::kTitle, sub->second, sub->first, sub->first);
  } else if (required.subject)
    out.Missing("meta.subject");
}

// The gemeente a letter is addressed to: "Aan het college van B&W van de
// gemeente Hilversum" (or any line opening with "Aan" that names a
// gemeente: a photocopy of lettergen seed 6902 read "Aan het callege"), else
// the town of the addressee's postal address when it is itself exactly a
// municipality's name. The sender's address in the letterhead is no
// addressee's: the same letter then gave the ministry's "2511 DP Den Haag",
// valid.
void AddressedGemeente(const TextDocument& doc, const Segment& s, FieldOut& out, bool required) {
  static const RE2 kGemeente("(?i)" + FuzzyPattern("gemeente") + "\\s*([^\\n,;]{2,60})");
  static const std::string kAanLine = "^" + FuzzyPattern("aan") + "\\s";
  static const RE2 kAddressee("(?i)" + kAanLine);
  // Prose opens lines with "Aan" too ("Aan de provinciale regietafels ..."):
  // such a line must name "gemeente" and a capitalised name after it.
  static const RE2 kCollege("(?i)" + FuzzyPattern("college") + "|" + kAanLine + ".{0,80}" +
                            FuzzyPattern("gemeente") + "\\s+(?-i:\\p{Lu})");
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
  auto line_at = [&j](size_t k) {
    return Squash(std::string_view(j.text).substr(j.Begin(k), j.End(k) - j.Begin(k)));
  };
  for (size_t k = 0; k < head_lines; ++k) {
    std::string line = line_at(k);
    std::string town;
    if (!RE2::FullMatch(line, kPostal, &town)) continue;
    bool addressee = false;  // an "Aan ..." line at most three lines above
    for (size_t a = k >= 3 ? k - 3 : 0; a < k; ++a)
      addressee = addressee || RE2::PartialMatch(line_at(a), kAddressee);
    if (!addressee) continue;
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

}  // namespace verdeelscan::kinds
