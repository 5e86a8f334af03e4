#include "extractors/documents/letter_text.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/text.h"
#include "core/utf8.h"
#include "extractors/documents/dates.h"
#include "validators/name_matcher.h"

namespace verdeelscan {
namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// 1..31 for a day token ("3", "O1", "l5"), else 0.
int DayOf(std::string_view t) {
  while (!t.empty() && std::ispunct(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  while (!t.empty() && std::ispunct(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  if (t.empty() || t.size() > 2) return 0;
  int v = 0, real = 0;
  for (char c : t) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      v = v * 10 + (c - '0');
      ++real;
    } else if (c == 'O' || c == 'o') {
      v = v * 10;
    } else if (c == 'l' || c == 'I') {
      v = v * 10 + 1;
    } else {
      return 0;
    }
  }
  return real > 0 && v >= 1 && v <= 31 ? v : 0;
}

bool IsSentenceEnd(std::string_view text, size_t i) {
  if (i >= text.size() || (text[i] != '.' && text[i] != '!' && text[i] != '?')) return false;
  size_t j = i + 1;
  if (j >= text.size()) return true;
  if (!IsSpace(text[j])) return false;
  while (j < text.size() && IsSpace(text[j])) ++j;
  if (j >= text.size()) return true;
  unsigned char c = text[j];
  // Upper-case ASCII, an opening quote, or a multi-byte capital (É, Ó).
  return std::isupper(c) || c == '"' || c == '\'' || c == '(' || c >= 0xC3;
}

}  // namespace

std::string CleanLine(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '*') continue;  // markdown emphasis
    out += line[i];
  }
  size_t b = 0;
  while (b < out.size() && (out[b] == ' ' || out[b] == '\t')) ++b;
  // Leading quote marks and heading hashes are decoration.
  size_t k = b;
  while (k < out.size() && (out[k] == '>' || out[k] == '#')) ++k;
  if (k > b && (k == out.size() || out[k] == ' ')) b = k;
  while (b < out.size() && (out[b] == ' ' || out[b] == '\t')) ++b;
  out.erase(0, b);
  while (!out.empty() && IsSpace(out.back())) out.pop_back();
  return out;
}

namespace {

// True when every character of `text` is a mark a speck of dust or toner is
// read as: ASCII punctuation or one of the quotes, dashes and dots below.
bool OnlyMarks(std::string_view text) {
  static const std::string_view kMarks[] = {"‚", "„", "‘", "’", "“", "”", "°", "·",
                                            "—", "–", "•", "¦", "«", "»", "…"};
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) return false;
      ++i;
      continue;
    }
    bool mark = false;
    for (std::string_view m : kMarks)
      if (text.substr(i, m.size()) == m) {
        i += m.size();
        mark = true;
        break;
      }
    if (!mark) return false;
  }
  return true;
}

// A speck on a scan read as a word: no larger than 0.3 of the line's letter
// height (a real dash or full stop standing alone is wider or sits with its
// word), and marks only, or one character the recogniser doubted.
// On a line without letters (height 0) a doubted mark is a speck.
bool IsSpeck(const Word& w, double height) {
  if (w.box.empty() || w.confidence >= 1.0) return false;
  if (height <= 0) return OnlyMarks(w.text) && w.confidence < 0.5;
  const int size = std::max(w.box.x1 - w.box.x0, w.box.y1 - w.box.y0);
  if (size > 0.3 * height) return false;
  return OnlyMarks(w.text) || (Utf8CodePoints(w.text) == 1 && w.confidence < 0.5);
}

// Bytes of specks glued to the front of a line's first word ("___2.",
// "“_2500", "„Utrecht" read with low confidence, "‘De"): a run of marks that
// holds an underscore, that the recogniser doubted, or of quotes only,
// before a letter or digit.
size_t GluedSpeckPrefix(const Word& w) {
  static const std::string_view kQuotes[] = {"'", "\"", "`", "‘", "’", "“", "”", "„", "‚"};
  std::string_view t = w.text;
  size_t b = 0;
  bool underscore = false, quotes_only = true;
  while (b < t.size() && !std::isalnum(static_cast<unsigned char>(t[b]))) {
    size_t len = 1;
    while (b + len < t.size() && (static_cast<unsigned char>(t[b + len]) & 0xC0) == 0x80) ++len;
    if (!OnlyMarks(t.substr(b, len))) return 0;
    underscore = underscore || t[b] == '_';
    quotes_only = quotes_only && std::find(std::begin(kQuotes), std::end(kQuotes),
                                           t.substr(b, len)) != std::end(kQuotes);
    b += len;
  }
  if (b == 0 || b == t.size()) return 0;
  // A quote before a line's first word is dropped however sure the
  // recogniser was ("‘De Minister van", "“Online:"): the readers match
  // labels and headings from the line's start and need no quote marks.
  return underscore || quotes_only || w.confidence < 0.5 ? b : 0;
}

double LetterHeight(const TextLine& line) {
  std::vector<int> heights;
  for (const Word& w : line.words)
    if (!w.box.empty() && !OnlyMarks(w.text)) heights.push_back(w.box.y1 - w.box.y0);
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

// Debris a scan leaves after a line's last word: a stray colon, comma, full
// stop or quote standing alone ("Zeeland :", "<m.deboer@example.nl> . .").
// A mark that belongs to the line is written against its word; dashes,
// brackets and question marks are left, for they can stand alone.
bool IsTrailingDebris(const Word& w) {
  static const std::string_view kDebris[] = {":", ";", ",", ".", "'", "`", "\"",
                                             "‚", "„", "‘", "’", "“", "”", "·"};
  std::string_view t = w.text;
  if (t.empty() || w.box.empty() || w.confidence >= 1.0) return false;
  while (!t.empty()) {
    bool found = false;
    for (std::string_view d : kDebris) {
      if (t.substr(0, d.size()) == d) {
        t.remove_prefix(d.size());
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// A word at the edge of a line (`edge`, beside its neighbour `inner`) that
// is a scan's debris, not text: barely read (Tesseract below 0.3) and marks
// only, much lower than the line's letters (a speck in the margin read
// "oe"), or at the end of the line standing apart (more than 4 letter
// heights from its neighbour: "Datum IE" with the "IE" 1100 px away, "<...>
// ee"); or, however confidently read, a speck-sized word far from the rest
// ("de Vries ij", 5 px, 1700 px away). A word with a digit is never debris
// here (a table's row label and cells stand far apart, and a lone number may
// be read with little confidence: its doubt is judged as a field's), nor is
// a second column's word read with confidence, or a list's dash. Leading
// underscores and low points are debris however confidently read.
bool IsStrayEdgeWord(const Word& inner, const Word& edge, double height, bool trailing) {
  constexpr double kBarelyRead = 0.3, kApart = 4, kFarApart = 8;  // in letter heights
  if (height <= 0 || edge.box.empty() || inner.box.empty()) return false;
  if (std::any_of(edge.text.begin(), edge.text.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return false;
  const double gap = trailing ? edge.box.x0 - inner.box.x1 : inner.box.x0 - edge.box.x1;
  const int size = std::max(edge.box.x1 - edge.box.x0, edge.box.y1 - edge.box.y0);
  if (size <= 0.3 * height && gap > kFarApart * height) return true;
  // Underscores and low points do not open a printed line ("_ _ Locatie:",
  // read at 0.34; "… 1. Gemeenten", an ellipsis at 0.56 before the first
  // agreement of lettergen seed 11509, office, lost the list): specks in the
  // margin, however read.
  static const RE2 kNeverLeading(R"(^(?:[_.,]|‚|…)+$)");
  if (!trailing && RE2::FullMatch(edge.text, kNeverLeading)) return true;
  if (edge.confidence >= kBarelyRead) return false;
  return OnlyMarks(edge.text) || edge.box.y1 - edge.box.y0 < 0.5 * height ||
         (trailing && gap > kApart * height);
}

// [begin, end) of the words ReaderText keeps whole or in part: from the
// first one that is not leading debris up to the last one that is not
// trailing debris. The lead is judged first: a word stands apart from a
// speck in the margin (". Online:", the point 200 px to the left), not from
// the text; and a speck before debris does not shield it ("„ _ Van:").
std::pair<size_t, size_t> KeptRange(const TextLine& line, double height) {
  size_t begin = 0, end = line.words.size();
  while (begin + 1 < end &&
         (IsSpeck(line.words[begin], height) ||
          IsStrayEdgeWord(line.words[begin + 1], line.words[begin], height, false)))
    ++begin;
  while (end > begin + 1 &&
         (IsTrailingDebris(line.words[end - 1]) ||
          IsStrayEdgeWord(line.words[end - 2], line.words[end - 1], height, true)))
    --end;
  return {begin, end};
}

}  // namespace

std::vector<const Word*> ReaderWords(const TextLine& line) {
  std::vector<const Word*> out;
  if (!IsOcrLine(line)) {
    for (const Word& w : line.words) out.push_back(&w);
    return out;
  }
  const double height = LetterHeight(line);
  auto [begin, end] = KeptRange(line, height);
  for (size_t i = begin; i < end; ++i)
    if (!IsSpeck(line.words[i], height)) out.push_back(&line.words[i]);
  return out;
}

std::string ReaderText(const TextLine& line) {
  if (!IsOcrLine(line)) return line.text;
  std::string out;
  for (const Word* w : ReaderWords(line)) {
    std::string_view t = w->text;
    if (out.empty()) t.remove_prefix(GluedSpeckPrefix(*w));
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::string CleanLine(const TextLine& line) { return CleanLine(ReaderText(line)); }

bool IsBlankLine(std::string_view line) {
  for (char c : line)
    if (!IsSpace(c)) return false;
  return true;
}

std::string Squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool LooseEmailLabel(std::string_view line, std::string* label, std::string* value) {
  static const RE2 kLoose(
      R"((?i)^(van|from|verzonden|sent|aan|to|cc|bcc|onderwerp|subject)(?:\s*[.;,:!]?\s+(\S.*)|\s*[.;,:!]?)$)");
  std::string read = Squash(line);
  // A speck read as an accent on the label's letter ("Âan. Meijer", a clean
  // scan of lettergen seed 6701): the label is judged folded.
  const size_t label_end = std::min(read.find_first_of(" .;,:!"), read.size());
  if (std::any_of(read.begin(), read.begin() + label_end, [](char c) { return (c & 0x80) != 0; }))
    read = FoldName(read.substr(0, label_end)) + read.substr(label_end);
  std::string l, v;
  if (!RE2::FullMatch(read, kLoose, &l, &v)) return false;
  std::transform(l.begin(), l.end(), l.begin(), ::tolower);
  if (label) *label = l;
  if (value) *value = v;
  return true;
}

bool DamagedEmailHeader(const std::vector<std::string>& lines, std::vector<size_t>* block) {
  std::string label;
  if (lines.empty() || !LooseEmailLabel(lines[0], &label, nullptr)) return false;
  if (label != "van" && label != "from") return false;
  static const RE2 kSenderShape(R"((?i)^(?:van|from)\s*[.;,:!]|@)");
  const bool marked = RE2::PartialMatch(lines[0], kSenderShape);
  // One field, however it is labelled: "Aan" and "To" are the same field.
  auto field = [](const std::string& l) -> std::string {
    if (l == "sent") return "verzonden";
    if (l == "to") return "aan";
    if (l == "bcc") return "cc";
    if (l == "subject") return "onderwerp";
    return l;
  };
  std::set<std::string> fields;
  bool dated = false;  // the Verzonden field holds a date
  std::vector<size_t> labelled = {0};
  for (size_t k = 1; k < lines.size() && k <= 6; ++k) {
    std::string l, value;
    if (!LooseEmailLabel(lines[k], &l, &value)) continue;
    if (l == "van" || l == "from") break;
    fields.insert(field(l));
    labelled.push_back(k);
    if (field(l) == "verzonden")
      dated = MentionsDate(value.empty() && k + 1 < lines.size() ? lines[k + 1] : value);
  }
  const bool header =
      marked ? fields.size() >= 2
             // Without a mark, the header must also say when it was sent and what about.
             : fields.size() >= 3 && dated && fields.count("onderwerp") > 0;
  if (!header) return false;
  if (block) *block = std::move(labelled);
  return true;
}

int JoinedText::LineAt(size_t offset) const {
  if (starts.empty()) return -1;
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  size_t k = it == starts.begin() ? 0 : static_cast<size_t>(it - starts.begin()) - 1;
  return lines[k];
}

size_t JoinedText::End(size_t k) const {
  size_t e = k + 1 < starts.size() ? starts[k + 1] : text.size();
  while (e > starts[k] && (text[e - 1] == '\n')) --e;
  return e;
}

namespace {

// True when `next` goes on with the sentence `prev` left open: `prev` ends in
// a letter, digit or comma and `next` opens with a lower-case letter ("Voor
// uw" / "gemeente zijn ..."). Headings and list items never do.
bool WrapsASentence(std::string_view prev, std::string_view next) {
  prev = StripSpace(prev);
  next = StripSpace(next);
  if (prev.empty() || next.empty()) return false;
  const unsigned char last = static_cast<unsigned char>(prev.back());
  const bool open = std::isalnum(last) || last == ',' || last >= 0x80;
  return open && next.front() >= 'a' && next.front() <= 'z';
}

}  // namespace

int ParagraphGap(const TextDocument& doc, int first, int last) {
  first = std::max(first, 0);
  last = std::min(last, static_cast<int>(doc.lines.size()) - 1);
  int gaps = 0, blank_gaps = 0, wraps = 0, blank_wraps = 0, run = 0;
  const TextLine* prev = nullptr;
  for (int i = first; i <= last; ++i) {
    if (IsBlankLine(doc.lines[i].text)) {
      ++run;
      continue;
    }
    if (IsBlankLine(CleanLine(doc.lines[i]))) continue;  // specks only: no line
    // A page read from its image or text layer has a blank line only where
    // its layout breaks a paragraph (ingest/paragraph_breaks.h).
    if (!doc.lines[i].box.empty()) return 1;
    if (prev != nullptr) {
      ++gaps;
      if (run > 0) ++blank_gaps;
      if (WrapsASentence(prev->text, doc.lines[i].text)) {
        ++wraps;
        if (run > 0) ++blank_wraps;
      }
    }
    prev = &doc.lines[i];
    run = 0;
  }
  // Where sentences wrap, their wraps tell: a dump that sets every line apart
  // has blanks inside sentences. Many short paragraphs (headings, labels,
  // one-line actions) also put a blank after most lines, with none inside a
  // sentence (lettergen seed 10105: one blank did not end the online list).
  if (wraps > 0) return blank_wraps * 2 > wraps ? 2 : 1;
  return gaps > 0 && blank_gaps * 2 > gaps ? 2 : 1;
}

JoinedText JoinLines(const TextDocument& doc, int first, int last) {
  JoinedText j;
  first = std::max(first, 0);
  last = std::min(last, static_cast<int>(doc.lines.size()) - 1);
  const int gap = ParagraphGap(doc, first, last);
  int run = 0;
  for (int i = first; i <= last; ++i) {
    std::string clean = CleanLine(doc.lines[i]);
    if (IsBlankLine(clean)) {
      if (IsBlankLine(doc.lines[i].text)) ++run;  // a line of specks is no line
      continue;
    }
    if (!j.text.empty()) j.text += run >= gap ? "\n\n" : "\n";
    run = 0;
    j.starts.push_back(j.text.size());
    j.lines.push_back(i);
    j.text += clean;
  }
  return j;
}

std::string FuzzyPattern(std::string_view phrase) {
  std::string p = "(?i)";
  for (size_t i = 0; i < phrase.size(); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(phrase[i])));
    char next = i + 1 < phrase.size()
                    ? static_cast<char>(std::tolower(static_cast<unsigned char>(phrase[i + 1])))
                    : 0;
    if (c == 'i' && next == 'j') {
      p += "(?:ij|ii|ji|lj|il|y|ÿ|i|l)";
      ++i;
      continue;
    }
    // A vowel may follow a speck read as an accented copy of it ("De
    // Míinister", an office scan of lettergen seed 6712, lost its signatory).
    switch (c) {
      case ' ':
        p += kFuzzyWordGap;
        break;
      case 'a':
        p += "[àáâä]?[aàáâä]";
        break;
      case 'e':
        p += "[éèêë]?[eéèêëc]";
        break;
      case 'i':
        p += "[íìîï]?[iíìîïl1!|]";
        break;
      case 'l':
        p += "[l1i|t]";
        break;
      case 'o':
        p += "[óòôö]?[o0óòôöq]";
        break;
      case 'g':
        p += "[gq]";
        break;
      case 's':
        p += "[s5]";
        break;
      case 'u':
        p += "[úùûü]?[uúùûüv]";
        break;
      case 'v':
        p += "[vuy]";
        break;
      case 'm':
        p += "(?:m|rn|nn|in)";
        break;
      case 'n':
        // An n broken into two strokes reads "ri", "ii" or "rr" ("agerrda",
        // a photocopy of lettergen seed 5900).
        p += "(?:[nu]|r[ri]|ii)";
        break;
      case 'r':
        p += "[rt]";
        break;
      case 't':
        p += "[tlf]";
        break;
      case '-':
        p += "[-–\\s]*";
        break;
      case '.':
        p += "\\.?\\s*";
        break;
      default:
        p += RE2::QuoteMeta(std::string(1, phrase[i]));
    }
  }
  return p;
}

std::string BulletinTitlePattern() {
  return "(?-i:[I1l|])" + FuzzyPatternOneGap("nformatiebericht") + "(?:\\s+[^.,;:\\n]{1,60})?\\s*$";
}

std::string CuePattern(std::string_view cue) {
  std::string out = "(?:";
  size_t b = 0;
  for (int n = 0;; ++n) {
    size_t e = cue.find('|', b);
    if (n) out += "|";
    out += FuzzyPattern(cue.substr(b, e == std::string_view::npos ? e : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out + ")";
}

std::string FuzzyPatternOneGap(std::string_view word) {
  std::string out = "(?:" + FuzzyPattern(word);
  for (size_t at = 1; at < word.size(); ++at)
    out += "|" + FuzzyPattern(word.substr(0, at)) + " " + FuzzyPattern(word.substr(at));
  return out + ")";
}

std::string FuzzyPatternOneLost(std::string_view word) {
  std::string out = "(?:" + FuzzyPattern(word);
  for (size_t lost = 1; lost < word.size(); ++lost) {
    std::string shorter(word);
    shorter.erase(lost, 1);
    out += "|" + FuzzyPattern(shorter);
  }
  return out + ")";
}

std::pair<size_t, size_t> SentenceAround(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t begin = 0;
  for (size_t j = offset; j > 0; --j) {
    size_t i = j - 1;
    if (i + 1 < text.size() && text[i] == '\n' && text[i + 1] == '\n' && i + 1 < offset) {
      begin = i + 2;
      break;
    }
    if (i + 1 <= offset && i < offset && IsSentenceEnd(text, i) && i + 1 < offset) {
      begin = i + 1;
      break;
    }
  }
  while (begin < text.size() && IsSpace(text[begin])) ++begin;
  size_t end = text.size();
  for (size_t k = offset; k < text.size(); ++k) {
    if (text[k] == '\n' && k + 1 < text.size() && text[k + 1] == '\n') {
      end = k;
      break;
    }
    if (IsSentenceEnd(text, k)) {
      end = k + 1;
      break;
    }
  }
  return {begin, std::max(begin, end)};
}

bool IsOcrLine(const TextLine& line) {
  return std::any_of(line.words.begin(), line.words.end(),
                     [](const Word& w) { return !w.box.empty() && w.confidence < 1.0; });
}

std::string_view SkipDebris(std::string_view text) {
  static const RE2 kDebris(R"(^(?:\S\s+)?(?:[\s|!:;,.'"`*#>\-_~]|“|”|‘|’|„|‚|…|©|•|«|»){1,4}\s*)");
  re2::StringPiece rest(text.data(), text.size());
  if (RE2::Consume(&rest, kDebris)) text = std::string_view(rest.data(), rest.size());
  return text;
}

std::vector<LabelValue> FindLabelValues(const TextDocument& doc, int first, int last,
                                        std::string_view label, int max_value_lines) {
  std::vector<LabelValue> out;
  // A scan reads the label's colon as a semicolon ("Locatie; Provinciehuis"),
  // and may lose the space before a number ("Bijlagen1": an office scan of
  // lettergen seed 11411); no label ends in a digit.
  const RE2 re("^" + FuzzyPattern(label) + "(?:\\s*[:;])?(?:\\s+(.*)|([0-9].*))?$");
  if (!re.ok()) return out;
  first = std::max(first, 0);
  last = std::min(last, static_cast<int>(doc.lines.size()) - 1);
  for (int i = first; i <= last; ++i) {
    const std::string clean = CleanLine(doc.lines[i]);
    const std::string_view text = SkipDebris(clean);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    std::string rest, glued;
    if (!RE2::FullMatch(text, re, &rest, &glued)) continue;
    if (rest.empty()) rest = glued;
    LabelValue lv;
    lv.label_line = i;
    rest = Squash(rest);
    // Marks alone after the label are no value ("… Datum .…", the value on
    // the next line: an office scan of lettergen seed 6705).
    if (OnlyMarks(rest)) rest.clear();
    if (!rest.empty()) {
      lv.value = rest;
      lv.line = i;
    } else {
      int taken = 0;
      for (int k = i + 1; k <= last && k <= i + 6 && taken < max_value_lines; ++k) {
        std::string v = Squash(CleanLine(doc.lines[k]));
        if (v.empty()) {
          if (taken > 0) break;
          continue;
        }
        if (lv.line < 0) lv.line = k;
        if (!lv.value.empty()) lv.value += ' ';
        lv.value += v;
        ++taken;
      }
    }
    out.push_back(std::move(lv));
  }
  return out;
}

std::string ReferenceDigits(std::string_view token, size_t min_digits) {
  while (!token.empty() && std::ispunct(static_cast<unsigned char>(token.front())))
    token.remove_prefix(1);
  while (!token.empty() && std::ispunct(static_cast<unsigned char>(token.back())))
    token.remove_suffix(1);
  std::string digits;
  size_t real = 0;
  for (char c : token) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      ++real;
    } else if (c == 'O' || c == 'o') {
      digits += '0';
    } else if (c == 'l' || c == 'I') {
      digits += '1';
    } else {
      return "";
    }
  }
  if (digits.size() < min_digits || real * 2 < digits.size()) return "";
  return digits;
}

std::string MendNumericDates(std::string_view text) {
  static const RE2 kShape(
      R"((?:^|[^\w])([0-9OolI]{1,2}[-/][0-9OolI]{1,2}[-/][0-9OolI]{4})(?:[^\w]|$))");
  std::string out(text);
  re2::StringPiece in(out), m;
  while (RE2::FindAndConsume(&in, kShape, &m)) {
    size_t b = m.data() - out.data();
    int real = 0;
    for (size_t k = b; k < b + m.size(); ++k)
      real += std::isdigit(static_cast<unsigned char>(out[k])) != 0;
    if (real < 3) continue;  // mostly letters: not a damaged date
    for (size_t k = b; k < b + m.size(); ++k) {
      char& c = out[k];
      if (c == 'O' || c == 'o') c = '0';
      if (c == 'l' || c == 'I') c = '1';
    }
  }
  return out;
}

std::vector<DayMonth> FindDayMonths(std::string_view text) {
  std::vector<DayMonth> out;
  struct Tok {
    size_t b, e;
  };
  std::vector<Tok> toks;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t b = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > b) toks.push_back({b, i});
  }
  for (size_t k = 0; k + 1 < toks.size(); ++k) {
    int d = DayOf(text.substr(toks[k].b, toks[k].e - toks[k].b));
    if (!d) continue;
    std::string_view m = text.substr(toks[k + 1].b, toks[k + 1].e - toks[k + 1].b);
    while (!m.empty() && std::ispunct(static_cast<unsigned char>(m.back()))) m.remove_suffix(1);
    if (m.empty() || !std::isalpha(static_cast<unsigned char>(m[0]))) continue;
    int month = MonthOf(m);
    if (!month) continue;
    // A year printed after the month: a legible one makes a full date
    // (FindDutchDates), and an illegible one ("3 februari 2026aan") is still
    // the date's own, so a year taken from context would be a valid-looking
    // wrong one.
    static const RE2 kYearLike(R"(^[12][0-9OoIl]{3})");
    if (k + 2 < toks.size() &&
        RE2::PartialMatch(text.substr(toks[k + 2].b, toks[k + 2].e - toks[k + 2].b), kYearLike))
      continue;
    out.push_back({d, month, toks[k].b, toks[k + 1].b + m.size()});
  }
  return out;
}

}  // namespace verdeelscan
