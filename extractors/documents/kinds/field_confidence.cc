#include "extractors/documents/kinds/field_confidence.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <optional>
#include <span>
#include <sstream>
#include <vector>

#include "core/text.h"
#include "core/utf8.h"
#include "extractors/documents/dates.h"
#include "extractors/documents/letter_text.h"
#include "validators/cost_model.h"
#include "validators/domain_vocabulary.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace verdeelscan::kinds {
namespace {

using nlohmann::json;

constexpr double kMinConfidence = CostModel{}.field_min_confidence;
constexpr double kLookalikeConfidence = CostModel{}.field_lookalike_confidence;
constexpr double kTextConfidence = CostModel{}.field_text_min_confidence;
constexpr double kIdentifierAlternative = CostModel{}.field_identifier_alternative_probability;
constexpr double kNumberAlternative = CostModel{}.field_number_alternative_probability;
constexpr double kNameAlternative = CostModel{}.field_name_alternative_probability;

// `s` without punctuation around it ("7938793," → "7938793").
std::string_view Core(std::string_view s) {
  auto punct = [](char c) {
    return std::ispunct(static_cast<unsigned char>(c)) ||
           std::isspace(static_cast<unsigned char>(c));
  };
  while (!s.empty() && punct(s.front())) s.remove_prefix(1);
  while (!s.empty() && punct(s.back())) s.remove_suffix(1);
  return s;
}

double Round2(double v) { return std::round(v * 100) / 100; }

// How far below its line's typical confidence a number or date may be read
// before it is doubtful even above the absolute floors: a scan's "24" for
// "21" was read at 0.81 among words read at 0.96 (lettergen office scan),
// while right values sit within a few hundredths of their line.
constexpr double kOutlierMargin = 0.12;

// Dutch's articles and prepositions, and "en": no compound joins one with a
// hyphen (SpeckForSpace), and each is a small word a title writes.
constexpr std::string_view kArticlesAndPrepositions[] = {
    "de", "het", "een", "en", "van", "op", "in", "te", "voor", "met", "aan", "bij", "uit", "tot"};
// The other short words a title writes (MisreadSmallWord).
constexpr std::string_view kOtherSmallWords[] = {
    "al",  "ca",  "er",  "is",  "na",  "nr",  "nu",  "of",  "om",  "uw",  "ze",
    "zo",  "dan", "dat", "die", "hoe", "hun", "mee", "mei", "nog", "ons", "ook",
    "per", "ten", "ter", "toe", "via", "wat", "wel", "wet", "wie", "zij"};

// Every small word a title writes, in its two lists.
constexpr std::span<const std::string_view> kSmallWords[] = {kArticlesAndPrepositions,
                                                             kOtherSmallWords};

bool IsSmallWord(std::string_view word) {
  return std::ranges::any_of(
      kSmallWords, [&](auto words) { return std::ranges::find(words, word) != words.end(); });
}

// `words` as one RE2 alternation, in a group.
std::string Alternation(std::span<const std::string_view> words) {
  std::string out = "(";
  for (std::string_view w : words) out.append(out.size() > 1 ? "|" : "").append(w);
  return out + ")";
}

// The median confidence of the line's words of two or more characters
// (specks and lone marks say little); 0 when there are fewer than three.
double LineMedianConfidence(const TextLine& line) {
  std::vector<double> c;
  for (const Word& w : line.words)
    if (w.text.size() >= 2) c.push_back(w.confidence);
  if (c.size() < 3) return 0;
  std::nth_element(c.begin(), c.begin() + c.size() / 2, c.end());
  return c[c.size() / 2];
}

// The lowest confidence of `words`; 1 when there are none.
double MinConfidence(const std::vector<const Word*>& words) {
  double c = 1.0;
  for (const Word* w : words) c = std::min(c, w->confidence);
  return c;
}

// The phrase naming a rival reading of a field: "the recogniser also read it
// as '757' (probability 0.17)", with `what` after the reading when given.
std::string AlsoReadAs(const std::string& reading, double probability,
                       const std::string& what = "") {
  std::ostringstream p;
  p << std::setprecision(2) << probability;
  return "the recogniser also read it as '" + reading + "' (" + (what.empty() ? "" : what + ", ") +
         "probability " + p.str() + ")";
}

// Why an identifier read from one word is in doubt whatever its confidence:
// the word as read is no reference or holds a mark (the reader took the
// value from one of the recogniser's alternatives, "6/93520" for 6793520,
// or dropped a mark, "/820367"), or an alternative
// reading of it is another reference at least kIdentifierAlternative likely
// ("7147049" with "1147049" at 0.067). "" when neither.
std::string IdentifierRival(const std::vector<const Word*>& words, const std::string& value) {
  if (words.size() != 1) return "";
  const Word& w = *words.front();
  if (ReferenceDigits(Core(w.text)) != value || MarkInNumber(w.text))
    return "read as '" + w.text + "', the value is the recogniser's alternative reading";
  for (const WordAlternative& a : w.alternatives) {
    const std::string digits = ReferenceDigits(Core(a.text));
    if (digits.empty() || digits == value || a.confidence < kIdentifierAlternative) continue;
    return AlsoReadAs(digits, a.confidence);
  }
  return "";
}

// Why a number read from one word is in doubt whatever its confidence: an
// alternative reading with as many characters, all digits, is another number
// at least kNumberAlternative likely ("157" with "757" at 0.174). "" when
// none.
std::string NumberRival(const std::vector<const Word*>& words, const std::string& value) {
  if (words.size() != 1) return "";
  const std::string_view read = Core(words.front()->text);
  for (const WordAlternative& a : words.front()->alternatives) {
    const std::string_view other = Core(a.text);
    if (a.confidence < kNumberAlternative || other.size() != read.size() || other == value ||
        other.find_first_not_of("0123456789") != std::string_view::npos)
      continue;
    return AlsoReadAs(std::string(other), a.confidence);
  }
  return "";
}

// Whether the parts of `read` (split at hyphens) where `other` differs are
// all domain words as read: "PRT-secretarissen" against "PRI-secretarissen"
// (a right owner of lettergen seed 10507 held for the rival "PRI").
bool DiffersOnlyInDomainWords(std::string_view read, std::string_view other) {
  const auto parts = [](std::string_view t) {
    std::vector<std::string_view> out;
    for (size_t b = 0;;) {
      const size_t e = t.find('-', b);
      out.push_back(t.substr(b, e == std::string_view::npos ? e : e - b));
      if (e == std::string_view::npos) return out;
      b = e + 1;
    }
  };
  const std::vector<std::string_view> a = parts(read), b = parts(other);
  if (a.size() != b.size()) return IsDomainWord(Core(read));
  for (size_t i = 0; i < a.size(); ++i)
    if (FoldName(a[i]) != FoldName(b[i]) && !IsDomainWord(Core(a[i]))) return false;
  return true;
}

// Why a name is in doubt whatever its confidence: the recogniser's next
// reading of one of its words spells other letters, accents and marks
// aside, at least kNameAlternative likely ("Marren" with "Morren" at
// 2.9e-4). A part that spells a domain word as read is confirmed by the
// vocabulary, and a reading with a digit is no name's. "" when none.
std::string NameRival(const std::vector<const Word*>& words, const FieldSource& src) {
  for (const Word* w : words) {
    const size_t at = src.raw.find(w->text);
    if (at == std::string::npos) continue;
    for (const WordAlternative& a : w->alternatives) {
      if (a.confidence < kNameAlternative || HasDigit(a.text) ||
          FoldName(a.text) == FoldName(w->text) || DiffersOnlyInDomainWords(w->text, a.text))
        continue;
      std::string other = src.raw;
      other.replace(at, w->text.size(), a.text);
      return AlsoReadAs(other, a.confidence);
    }
  }
  return "";
}

// Why a date is in doubt whatever its confidence: an alternative reading of
// one of its words, at least kIdentifierAlternative likely, makes another
// date ("4-7-2025" read at 0.88 for 1-7-2025 had "1-7-2025" at 0.033, a clean
// scan of lettergen seed 6315; the right numeric dates of seeds 6200 and 6300
// had no other date among their alternatives above 3.2e-7). "" when none.
std::string DateRival(const std::vector<const Word*>& words, const FieldSource& src) {
  for (const Word* w : words) {
    const size_t at = src.raw.find(w->text);
    if (at == std::string::npos) continue;
    for (const WordAlternative& a : w->alternatives) {
      if (a.confidence < kIdentifierAlternative) continue;
      std::string other = src.raw;
      other.replace(at, w->text.size(), a.text);
      const std::vector<DateMatch> d = FindDutchDates(MendNumericDates(other));
      if (d.empty() || d.front().iso == src.value) continue;
      return AlsoReadAs(other, a.confidence, d.front().iso);
    }
  }
  return "";
}

// The words of a text field that are neither words of the recogniser's
// dictionary (Word::known_word) nor words of the domain, quoted: a misreading
// its confidence did not show ("Plekken boveri de opgave", "boveri" at 0.92
// among words at 0.93-0.96, an office scan of lettergen seed 6000). Only
// lower-case words, or hyphenated ones with a lower-case part, judged by that
// part ("PRT-secretanssen"): a capitalised word may be a name the dictionary
// lacks. But a title capitalises its first word as a title, not as a name:
// with `title`, its first word with a lower-case letter ("Verslag" after
// "RE:") is judged too ("Uitrui opvangplekken Zeeland", a photocopied e-mail
// of lettergen seed 8700, valid). A capitalised word near a word of the
// domain is judged as well (NearDomainWord: "Secretartaat", a photocopied
// e-mail of lettergen seed 9114, valid).
std::string UnknownWords(const std::vector<const Word*>& words, bool title) {
  auto lower_case_part = [](std::string_view core) {
    for (size_t i = 0; i < core.size(); ++i)
      if ((i == 0 || core[i - 1] == '-') && std::islower(static_cast<unsigned char>(core[i])))
        return true;
    return false;
  };
  auto has_lower = [](std::string_view core) {
    return std::any_of(core.begin(), core.end(),
                       [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  };
  std::string out;
  bool first_word = title;  // the title's first word with a lower-case letter is still ahead
  for (const Word* w : words) {
    const std::string_view core = Core(w->text);
    const bool judged = lower_case_part(core) || (first_word && has_lower(core));
    if (has_lower(core)) first_word = false;
    if (w->known_word || core.empty() || IsDomainWord(core)) continue;
    if (!judged && NearDomainWord(core).empty()) continue;
    out += (out.empty() ? "'" : ", '") + std::string(core) + "'";
  }
  return out;
}

// A text, title or topic field (names, places, subjects, agenda items):
// judged by its words.
bool IsText(const FieldSource& src) {
  return src.type == FieldType::kText || src.type == FieldType::kTitle ||
         src.type == FieldType::kTopic;
}

// Fields no repair follows (names, places, topics): a wrong letter stays, so
// their words must be read more surely than a title's or a number's.
bool NeedsNameConfidence(const FieldSource& src) {
  return src.type == FieldType::kText || src.type == FieldType::kTopic;
}

// True when some reading of the same value on another line of the segment
// was recognised with confidence; `where` then names its line.
bool ConfirmedElsewhere(const TextDocument& doc, const Segment& seg, const FieldSource& src,
                        std::string* where) {
  for (int i = seg.first; i <= seg.last; ++i) {
    if (i == src.line) continue;
    const TextLine& line = doc.lines[i];
    std::vector<std::string> raws;
    if (src.type == FieldType::kDate) {
      for (const DateMatch& d : FindDutchDates(MendNumericDates(line.text)))
        if (d.iso == src.value) raws.push_back(d.raw);
    } else if (IsText(src)) {
      if (line.text.find(src.raw) != std::string::npos) raws.push_back(src.raw);
    } else {
      for (const Word& w : line.words) {
        std::string_view t = Core(w.text);
        const bool same = src.type == FieldType::kIdentifier
                              ? ReferenceDigits(t) == src.value
                              : src.value.size() >= 2 && ParseDutchNumber(t) &&
                                    std::to_string(*ParseDutchNumber(t)) == src.value;
        if (same) raws.emplace_back(t);
      }
    }
    for (const std::string& raw : raws) {
      std::vector<const Word*> words = WordsHolding(line, raw);
      // A confirming reading is itself sure: confident, and (a number) all
      // digits as printed.
      const bool clean = src.type == FieldType::kDate || IsText(src) ||
                         raw.find_first_not_of("0123456789.") == std::string::npos;
      const double sure = NeedsNameConfidence(src) ? kTextConfidence : kLookalikeConfidence;
      if (words.empty() || MinConfidence(words) < sure || !clean) continue;
      *where = "line " + std::to_string(line.line_no);
      return true;
    }
  }
  return false;
}

// `title` without a quote mark at one end whose pair is not at the other:
// a speck ("‘Aanbieding verdeelbesluiten", a photocopy of lettergen seed
// 6100). A quoted title keeps its quotes, and an elision keeps its
// apostrophe ("'s-Hertogenbosch", "’t Zandt").
std::string WithoutUnpairedQuote(std::string_view title) {
  static const RE2 kOpening(R"(^(?:['`"]|‘|’|‚|“|”|„)\s*)");
  static const RE2 kClosing(R"(\s*(?:['`"]|‘|’|“|”)$)");
  static const RE2 kElision(R"(^(?:'|’|‘)[st][\s-])");
  const re2::StringPiece in(title.data(), title.size());
  if (RE2::PartialMatch(in, kElision)) return std::string(title);
  std::string out(title);
  if (!RE2::PartialMatch(in, kClosing)) RE2::Replace(&out, kOpening, "");
  if (!RE2::PartialMatch(in, kOpening)) RE2::Replace(&out, kClosing, "");
  return out;
}

// `title` with the specks that stand where a space was read as that space:
//  - an apostrophe between two runs of three letters or more ("Uitvoering
//    Wet gemeentelijke'taak", an office scan of lettergen seed 9207, valid):
//    Dutch writes one inside a word only before a plural's or a
//    contraction's letter ("auto's", "zo'n") or after one ("d'Hondt");
//  - a hyphen that joins a word to an article, a preposition or "en"
//    ("Plekken boven-de opgave", a photocopy of lettergen seed 9307, valid):
//    Dutch joins no compound so ("op- en afschalen" has its space);
//  - a point or comma joining two lower-case words of three letters or more
//    into one ("Capaciteitsraming en provinciale.opgave", a photocopy of
//    lettergen seed 9413): no word is written so, and a web address such as
//    "opvang.nl" ends in a shorter domain;
//  - a point or comma joining a word to a capitalised word, both of three
//    letters or more ("Provinciehuis.Maastricht", a photocopy of lettergen
//    seed 11000, held without the location named): a sentence's point has a
//    space after it, and an abbreviation ("Min.BZK") is shorter.
std::string SpeckForSpace(std::string_view title) {
  static const RE2 kBetweenWords(R"((\pL{3})(?:'|’|`)(\pL{3}))");
  static const std::string kSmallWord = Alternation(kArticlesAndPrepositions);
  static const RE2 kHyphenBeforeSmallWord(R"((\p{Ll}{2})-)" + kSmallWord + R"((\s|$))");
  static const RE2 kHyphenAfterSmallWord(R"((^|\s))" + kSmallWord + R"(-(\p{Ll}{2}))");
  std::string out(title);
  RE2::GlobalReplace(&out, kBetweenWords, "\\1 \\2");
  RE2::GlobalReplace(&out, kHyphenBeforeSmallWord, "\\1 \\2\\3");
  RE2::GlobalReplace(&out, kHyphenAfterSmallWord, "\\1\\2 \\3");
  static const RE2 kPointInWord(R"((^|\s)(\p{Ll}{3,})[.,](\p{Ll}{3,})(\s|$))");
  RE2::GlobalReplace(&out, kPointInWord, "\\1\\2 \\3\\4");
  static const RE2 kPointBeforeCapital(R"((\pL{3})[.,](\p{Lu}\p{Ll}{2}))");
  RE2::GlobalReplace(&out, kPointBeforeCapital, "\\1 \\2");
  return out;
}

// The reasons a field is in doubt whatever its confidence, each as the
// phrase the check's detail gives for it; "" when the reason does not hold.

// A subject, title or agenda item opens with a capital: one read in lower
// case lost its capital's shape on the page ("aanbieding verdeelbesluiten"
// at 0.9, a photocopy of lettergen seed 6100; agenda item "interbestuurlijk
// Toezicht", a photocopy of seed 9718), and may have lost more.
std::string LowerCaseTitle(const FieldSource& src) {
  const std::string title = WithoutUnpairedQuote(src.value);
  const bool titled = src.type == FieldType::kTitle || src.type == FieldType::kTopic;
  const bool lower =
      titled && !title.empty() && std::islower(static_cast<unsigned char>(title.front()));
  return lower ? "it opens in lower case, where a title opens with a capital" : "";
}

// A written-out date whose day holds a mark ("2/ augustus 2025" for 27
// augustus, a photocopy of lettergen seed 6200, read as the 2nd): a digit
// damaged into the mark.
std::string MarkedDay(const FieldSource& src) {
  const std::string_view day = std::string_view(src.raw).substr(0, src.raw.find(' '));
  const bool marked = src.type == FieldType::kDate && day.size() < src.raw.size() && !day.empty() &&
                      std::isdigit(static_cast<unsigned char>(day[0])) && MarkInNumber(day);
  return marked ? "its day holds a mark, a digit may be damaged" : "";
}

// `phrase` when `src` is a text whose value `re` matches, else "".
std::string TextMatching(const FieldSource& src, const RE2& re, const char* phrase) {
  return IsText(src) && RE2::PartialMatch(src.value, re) ? phrase : "";
}

// A text that ends in a lone figure or mark ("Team SW 7", an office scan of
// lettergen seed 6200): a tick or speck beside the line read as a glyph.
std::string LoneTail(const FieldSource& src) {
  static const RE2 kLoneTail(R"(\s(?:\d|[^\p{L}\d\s])$)");
  return TextMatching(src, kLoneTail,
                      "it ends in a lone figure or mark, perhaps a tick or speck read as one");
}

// A text that holds a glyph no name, title, place or address is written with
// ("Team S\V" for "Team SW", a photocopy of lettergen seed 7512, read at
// 0.93): a letter broken into strokes or a speck read as a symbol.
std::string StrayGlyph(const FieldSource& src) {
  static constexpr std::string_view kStray[] = {"\\", "|", "{", "}", "^", "~", "©",
                                                "®",  "¢", "§", "¬", "¦", "¥"};
  if (!IsText(src)) return "";
  for (std::string_view glyph : kStray)
    if (src.value.find(glyph) != std::string::npos)
      return "it holds '" + std::string(glyph) + "', a glyph no name or title is written with";
  return "";
}

// A text that ends in a hyphen ("D.M. van Weel-", a photocopy of lettergen
// seed 7807, valid): a speck beside the last letter, or a double name running
// on to a line not read. Either way the value is not sure.
std::string HyphenEnd(const FieldSource& src) {
  static const RE2 kHyphenEnd(R"(\p{L}\s?(?:-|‐|–)$)");
  return TextMatching(src, kHyphenEnd,
                      "it ends in a hyphen: a speck, or a name running on to a line not read");
}

// A word of three letters or fewer carrying an accent ("Bezwaar èn beroep", a
// photocopy of lettergen seed 8104, valid): Dutch marks emphasis so in prose,
// not in a name, title or agenda item, and a speck over a vowel reads the
// same. "één", the numeral, is written so and is left alone.
std::string ShortAccentedWord(const FieldSource& src) {
  static const RE2 kShortAccented(
      R"((?:^|[\s(])(\pL{0,2}[àáâäèéêëìíîïòóôöùúûü]\pL{0,2})(?:$|[\s,.;:)]))");
  if (!IsText(src)) return "";
  re2::StringPiece in(src.value);
  std::string word;
  while (RE2::FindAndConsume(&in, kShortAccented, &word))
    if (Utf8CodePoints(word) <= 3 && word != "één" && word != "eén" && word != "Eén" &&
        word != "Één")
      return "its word '" + word + "' carries an accent a speck may have put there";
  return "";
}

// A text whose word spells a domain word without its accents ("Agenda PRT
// Fryslan", a photocopy of lettergen seed 10205, valid): on a page the
// recogniser may have dropped a faint accent.
std::string AccentLost(const FieldSource& src) {
  if (!IsText(src)) return "";
  static const RE2 kWord(R"((\p{L}+))");
  re2::StringPiece in(src.value);
  std::string word;
  while (RE2::FindAndConsume(&in, kWord, &word)) {
    const std::string accented = AccentedDomainWord(word);
    if (!accented.empty())
      return "its word '" + word + "' is '" + accented +
             "' without its accent, which a scan may lose";
  }
  return "";
}

// A subject or title with a point after a word of five letters or more and a
// lower-case word after it ("Vraag. over het verdeelbesluit", a photocopy of
// lettergen seed 10911): a title is one phrase, and an abbreviation ("nr.",
// "t.a.v.", "incl.") is shorter, so the point is a speck.
std::string PointInsideTitle(const FieldSource& src) {
  static const RE2 kPointInside(R"(\pL{5,}\.\s+\p{Ll})");
  if (src.type != FieldType::kTitle) return "";
  return RE2::PartialMatch(src.value, kPointInside)
             ? "a point inside it ends no sentence, perhaps a speck read as one"
             : "";
}

// A short lower-case word of a subject, title or agenda item that is none of
// the small words Dutch writes in one but a single OCR confusion from one
// ("Stand var zaken" at 0.79, a photocopy of lettergen seed 11000: r for n):
// the small word misread. Words of the domain ("amv") are words.
std::string MisreadSmallWord(const FieldSource& src) {
  static constexpr int kOneConfusion = CostModel{}.name_confusable_cost;
  if (src.type != FieldType::kTitle && src.type != FieldType::kTopic) return "";
  static const RE2 kShortWord(R"((?:^|[\s(])([a-z]{2,3})(?:$|[\s,.;:)]))");
  re2::StringPiece in(src.value);
  std::string word;
  while (RE2::FindAndConsume(&in, kShortWord, &word)) {
    if (IsDomainWord(word) || IsSmallWord(word)) continue;
    for (auto words : kSmallWords)
      for (std::string_view small : words)
        if (small.size() == word.size() && OcrEditCostAtMost(word, small, kOneConfusion))
          return "its word '" + word + "' is no word a title writes, but '" + std::string(small) +
                 "' misread";
  }
  return "";
}

// An identifier read as digits, a gap and digits (letter_fields.cc joins
// them): a digit may be lost in the gap, or the gap hold a speck.
std::string SplitDigits(const FieldSource& src) {
  const bool split = src.type == FieldType::kIdentifier && src.raw.find(' ') != std::string::npos;
  return split ? "its digits are split by a gap on the page: a digit may be lost there" : "";
}

std::string TwoDigits(double v) { return std::to_string(Round2(v)).substr(0, 4); }

// The failing check of a doubtful field that nothing confirms; `reasons` are
// the phrases of the doubts beyond its confidence and look-alikes.
Check DoubtfulFieldCheck(const FieldSource& src, const TextLine& line, double confidence,
                         double floor, const std::string& lookalikes, const std::string& unknown,
                         const std::vector<std::string>& reasons) {
  Check c;
  c.id = "field.confidence";
  c.status = CheckStatus::kFail;
  c.expected = {
      {"field", src.field},
      {"min_confidence", confidence < floor || lookalikes.empty() ? floor : kLookalikeConfidence}};
  c.actual = {{"field", src.field},
              {"value", src.value},
              {"raw", src.raw},
              {"confidence", Round2(confidence)}};
  if (!lookalikes.empty()) c.actual["lookalikes"] = lookalikes;
  if (!unknown.empty()) c.actual["unknown_words"] = unknown;
  c.detail = src.field + " '" + src.raw + "' (line " + std::to_string(line.line_no) +
             ") was read with confidence " + TwoDigits(confidence);
  if (!lookalikes.empty())
    c.detail += "; its look-alike characters " + lookalikes +
                " may be misread (1/7, 0/8, 5/6, l/1, O/0, S/5, B/8)";
  for (const std::string& reason : reasons) c.detail += "; " + reason;
  c.detail += "; nothing else in the document confirms it";
  return c;
}

// Judges one field; adds its block to `block` and a failing check when it is
// doubtful and unconfirmed.
void JudgeOne(const TextDocument& doc, const Segment& seg, const FieldSource& src, json& block,
              Record& record) {
  if (src.line < 0 || src.line >= static_cast<int>(doc.lines.size())) return;
  const TextLine& line = doc.lines[src.line];
  std::vector<const Word*> words = WordsHolding(line, src.raw);
  const bool text = IsText(src);
  const std::string unknown = text ? UnknownWords(words, src.type == FieldType::kTitle) : "";
  // The value's words were not found on its line (a date split over two
  // lines): the line's own words stand for it.
  if (words.empty())
    for (const Word& w : line.words) words.push_back(&w);
  if (words.empty()) return;  // a text dump: no confidence to judge
  const double confidence = MinConfidence(words);
  if (confidence >= 1.0) return;  // a text layer
  const std::string lookalikes = text ? std::string() : LookalikeGlyphs(src.raw);
  const double floor = NeedsNameConfidence(src) ? kTextConfidence : kMinConfidence;
  const double typical = LineMedianConfidence(line);
  const std::string rival = src.type == FieldType::kIdentifier ? IdentifierRival(words, src.value)
                            : src.type == FieldType::kDate     ? DateRival(words, src)
                            : src.type == FieldType::kNumber   ? NumberRival(words, src.value)
                            : NeedsNameConfidence(src)         ? NameRival(words, src)
                                                               : "";

  // A glyph no name is written with, read the same way elsewhere, is the
  // same misreading of the same letter ("Team S\\V" twice in a photocopy of
  // lettergen seed 11907, the owner confirmed by the prose above it, valid):
  // no confirmation.
  const std::string stray = StrayGlyph(src);
  std::vector<std::string> reasons;
  if (!text && confidence < typical - kOutlierMargin)
    reasons.push_back("well below its line's typical " + TwoDigits(typical));
  if (!rival.empty()) reasons.push_back(rival);
  if (!unknown.empty()) reasons.push_back(unknown + " is no word of the recogniser's dictionary");
  for (std::string reason :
       {LowerCaseTitle(src), MarkedDay(src), LoneTail(src), stray, HyphenEnd(src), SplitDigits(src),
        ShortAccentedWord(src), AccentLost(src), PointInsideTitle(src), MisreadSmallWord(src)})
    if (!reason.empty()) reasons.push_back(std::move(reason));
  const bool doubtful = !reasons.empty() || confidence < floor ||
                        (!lookalikes.empty() && confidence < kLookalikeConfidence);

  json f = {{"confidence", Round2(confidence)}, {"line", line.line_no}, {"raw", src.raw}};
  if (!lookalikes.empty()) f["lookalikes"] = lookalikes;
  if (!unknown.empty()) f["unknown_words"] = unknown;
  if (!rival.empty()) f["rival"] = rival;
  f["doubtful"] = doubtful;
  std::string where;
  if (doubtful && stray.empty() && ConfirmedElsewhere(doc, seg, src, &where)) {
    f["confirmed_by"] = "the same value read with confidence on " + where;
  } else if (doubtful) {
    record.checks.push_back(
        DoubtfulFieldCheck(src, line, confidence, floor, lookalikes, unknown, reasons));
  }
  block[src.field] = f;
}

}  // namespace

bool MarkInNumber(std::string_view token) {
  while (!token.empty() && std::string_view(".,;:").find(token.back()) != std::string_view::npos)
    token.remove_suffix(1);
  return std::any_of(token.begin(), token.end(),
                     [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); });
}

std::string LookalikeGlyphs(std::string_view raw) {
  static constexpr std::string_view kLookalikes = "1705865lOSBoIs";
  std::string out;
  // Only tokens that are (damaged) numbers: the "l" of "april" is a letter.
  for (size_t b = 0; b < raw.size();) {
    size_t e = raw.find(' ', b);
    if (e == std::string_view::npos) e = raw.size();
    std::string_view token = raw.substr(b, e - b);
    b = e + 1;
    const bool numeric =
        token.find_first_of("0123456789") != std::string_view::npos || LooksNumeric(Core(token));
    if (!numeric) continue;
    for (char c : token)
      if (kLookalikes.find(c) != std::string_view::npos && out.find(c) == std::string::npos)
        out += c;
  }
  return out;
}

std::vector<const Word*> WordsHolding(const TextLine& line, std::string_view raw) {
  std::vector<const Word*> out;
  size_t next = 0;  // tokens are matched in order
  for (size_t b = 0; b < raw.size();) {
    size_t e = raw.find(' ', b);
    if (e == std::string_view::npos) e = raw.size();
    std::string_view token = Core(raw.substr(b, e - b));
    b = e + 1;
    if (token.empty()) continue;
    // The word that is the token, else (a token of three characters or
    // more) one that holds it or that it holds: a short token ("1") is in
    // many words.
    for (int pass = 0; pass < 2; ++pass) {
      if (pass == 1 && token.size() < 3) break;
      size_t found = line.words.size();
      for (size_t k = next; k < line.words.size() && found == line.words.size(); ++k) {
        std::string_view w = Core(line.words[k].text);
        if (w.empty()) continue;
        if (pass == 0 ? w == token
                      : w.find(token) != std::string_view::npos ||
                            (w.size() >= 2 && token.find(w) != std::string_view::npos))
          found = k;
      }
      if (found == line.words.size()) continue;
      out.push_back(&line.words[found]);
      next = found + 1;
      break;
    }
  }
  return out;
}

void JudgeFieldConfidence(const TextDocument& doc, const Segment& seg, FieldOut& out) {
  json block = json::object();
  for (const FieldSource& src : out.sources) JudgeOne(doc, seg, src, block, out.record);
  if (!block.empty()) out.record.extra["field_confidence"] = block;
}

// A W that OCR split into a backslash and a V ("Team S\\V" for Team SW, a
// photocopy of lettergen seed 11907, valid; "\\Vet" for Wet): no Dutch
// word holds a backslash.
std::string MendSplitW(std::string text) {
  static const RE2 kUpper(R"(\\V)"), kLower(R"(\\v)");
  RE2::GlobalReplace(&text, kUpper, "W");
  RE2::GlobalReplace(&text, kLower, "w");
  return text;
}

void RepairTitleWords(Record& record) {
  // A reader may have recorded corrections of its own (an e-mail address).
  json corrections = record.extra.contains("corrections") && record.extra["corrections"].is_array()
                         ? record.extra["corrections"]
                         : json::array();
  // `title`: a title or agenda item, where a quote mark without its pair is
  // a speck; a place or a role keeps what was read. `words`: what the
  // field's words are (a place expects a municipality name).
  auto repair = [&](json& value, const std::string& field, bool title,
                    WordsOf words = WordsOf::kTitle) {
    if (!value.is_string()) return;
    const std::string read = value.get<std::string>();
    const std::string whole_w = MendSplitW(read);
    if (whole_w != read)
      corrections.push_back({{"field", field},
                             {"from", read},
                             {"to", whole_w},
                             {"reason", "a W read as a backslash and a V"}});
    std::string trimmed = title ? WithoutUnpairedQuote(whole_w) : whole_w;
    if (trimmed != whole_w)
      corrections.push_back({{"field", field},
                             {"from", whole_w},
                             {"to", trimmed},
                             {"reason", "a quote mark at one end without its pair: a speck"}});
    const std::string spaced = title || words == WordsOf::kPlace ? SpeckForSpace(trimmed) : trimmed;
    if (spaced != trimmed)
      corrections.push_back({{"field", field},
                             {"from", trimmed},
                             {"to", spaced},
                             {"reason", "a mark between two words: a speck where the space was"}});
    trimmed = spaced;
    std::vector<WordRepair> repairs;
    std::string fixed = RepairDomainWords(trimmed, &repairs, words);
    for (const WordRepair& w : repairs)
      corrections.push_back(
          {{"field", field}, {"from", w.from}, {"to", w.to}, {"reason", w.reason}});
    value = fixed;
  };
  // A subject or title ends in a word, never in ":", ";" or "," ("Voortgang
  // uitvoering Spreidingswet:", an office scan of lettergen seed 9005,
  // valid), nor in a sentence's point after a whole word ("Uitvoering Wet
  // gemeentelijke taak.", seed 11710): a speck after its last letter. An
  // abbreviation keeps its point ("e.d.", "bijv."), and an agenda item may
  // end in a colon ("Mededelingen:").
  for (const char* key : {"title", "subject"}) {
    static const RE2 kTrailingMark(R"(\s*[:;,]$)");
    static const RE2 kPointAfterWord(R"((\s\p{Ll}{4,})\.$)");
    static const RE2 kAbbreviation(R"((?i).*\s(?:bijv|resp|incl|excl|betr|ongev)\.$)");
    if (!record.meta.contains(key) || !record.meta[key].is_string()) continue;
    json& value = record.meta[key];
    std::string text = value.get<std::string>();
    if (!RE2::Replace(&text, kTrailingMark, "") &&
        (RE2::FullMatch(text, kAbbreviation) || !RE2::Replace(&text, kPointAfterWord, "\\1")))
      continue;
    if (text.empty()) continue;
    corrections.push_back(
        {{"field", std::string("meta.") + key},
         {"from", value.get<std::string>()},
         {"to", text},
         {"reason", "a title does not end in a point, ':', ';' or ',': a speck"}});
    value = text;
  }
  for (const char* key : {"title", "subject", "location", "signatory_role"})
    if (record.meta.contains(key))
      repair(record.meta[key], std::string("meta.") + key,
             std::string_view(key) == "title" || std::string_view(key) == "subject",
             std::string_view(key) == "location" ? WordsOf::kPlace : WordsOf::kTitle);
  if (record.extra.contains("prt") && record.extra["prt"].contains("next_meeting")) {
    json& next = record.extra["prt"]["next_meeting"];
    if (next.contains("agenda") && next["agenda"].is_array())
      for (size_t k = 0; k < next["agenda"].size(); ++k)
        repair(next["agenda"][k], "prt.next_meeting.agenda." + std::to_string(k), true);
  }
  // Who takes an action is a name of the domain too ("PRT-secretarissen").
  if (record.extra.contains("prt") && record.extra["prt"].contains("actions") &&
      record.extra["prt"]["actions"].is_array()) {
    json& actions = record.extra["prt"]["actions"];
    for (size_t k = 0; k < actions.size(); ++k)
      if (actions[k].is_object() && actions[k].contains("owner"))
        repair(actions[k]["owner"], "prt.actions." + std::to_string(k) + ".owner", false);
  }
  if (!corrections.empty()) record.extra["corrections"] = corrections;
}

void ConfirmField(Record& record, const std::string& field, const std::string& by) {
  bool changed = false;
  for (Check& c : record.checks) {
    if (c.id != "field.confidence" || c.status != CheckStatus::kFail ||
        !c.actual.contains("field") || c.actual["field"] != field)
      continue;
    c.status = CheckStatus::kPass;
    c.detail += "; confirmed by " + by;
    changed = true;
  }
  if (!changed) return;
  if (record.extra.contains("field_confidence") && record.extra["field_confidence"].contains(field))
    record.extra["field_confidence"][field]["confirmed_by"] = by;
  const bool failing = std::any_of(record.checks.begin(), record.checks.end(),
                                   [](const Check& c) { return c.status == CheckStatus::kFail; });
  if (record.status == RecordStatus::kNeedsReview && !failing &&
      !record.extra.contains("unread_fields"))
    record.status = RecordStatus::kValid;
}

}  // namespace verdeelscan::kinds
