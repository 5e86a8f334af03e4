#include "extractors/documents/toelichting.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "extractors/documents/dates.h"
#include "validators/glyph_model.h"

namespace verdeelscan {
namespace {

// A page number at a page break ("Pagina 1", "Pagina 2 van 3", "- 2 -",
// "-2-"): the last line of a page or the first of the next. Joined into the
// prose it would be read as a figure of a sentence the page broke ("3.047
// reguliere Pagina 1 opvangplaatsen en 225": the amv figure 1).
bool IsPageNumberAtBreak(const TextDocument& doc, int i) {
  const int n = static_cast<int>(doc.lines.size());
  const int page = doc.lines[i].page;
  const bool at_break =
      (i + 1 < n && doc.lines[i + 1].page != page) || (i > 0 && doc.lines[i - 1].page != page);
  if (!at_break) return false;
  static const RE2 kPageNumber(
      R"((?i)^\s*(?:(?:pa[gq]\S{2,4}|blad)\s+\d+(?:\s*(?:van|/)\s*\d+)?|[-\x{2013}\x{2014}]\s*\d+\s*[-\x{2013}\x{2014}])\s*$)");
  return RE2::FullMatch(doc.lines[i].text, kPageNumber);
}

// The lines joined by single spaces, table rulings ("|") and page numbers at
// page breaks dropped, so that phrases broken over lines by the OCR ("opgave
// |van ||5787") or over pages read as prose.
std::string JoinProse(const TextDocument& doc, int first, int last) {
  std::string out;
  for (int i = std::max(first, 0); i <= last && i < static_cast<int>(doc.lines.size()); ++i) {
    if (IsPageNumberAtBreak(doc, i)) continue;
    for (char c : doc.lines[i].text) {
      char d = (c == '|' || c == '\t' || c == '\r') ? ' ' : c;
      if (d == ' ' && (out.empty() || out.back() == ' ')) continue;
      out += d;
    }
    if (!out.empty() && out.back() != ' ') out += ' ';
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

struct NumberAt {
  long value = 0;
  size_t begin = 0, end = 0;
};

// The first number starting in text[from, limit): "5787", "5.787", "1. 936".
std::optional<NumberAt> NextNumber(std::string_view text, size_t from, size_t limit) {
  limit = std::min(limit, text.size());
  for (size_t p = from; p < limit; ++p) {
    if (!IsDigit(text[p])) continue;
    if (p > 0 && std::isalpha(static_cast<unsigned char>(text[p - 1]))) continue;  // "5.1.2e", "M2"
    std::optional<long> v = ParseDutchNumber(text.substr(p, 16));
    if (!v) continue;
    size_t e = p;
    while (e < text.size()) {
      if (IsDigit(text[e])) {
        ++e;
      } else if ((text[e] == '.' || text[e] == ',') && e + 1 < text.size()) {
        size_t j = e + 1 + (text[e + 1] == ' ' ? 1 : 0);
        if (j + 3 <= text.size() && IsDigit(text[j]) && IsDigit(text[j + 1]) &&
            IsDigit(text[j + 2]) && (j + 3 == text.size() || !IsDigit(text[j + 3]))) {
          e = j + 3;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    return NumberAt{*v, p, e};
  }
  return std::nullopt;
}

enum class Kind { kNone, kRegulier, kAmv };

// "regulier", "reguliere", and their OCR damage ("reguller", "regultar",
// "regallar"); "amv", "arnv", "a mv" (two tokens, handled by callers).
bool IsRegulierWord(std::string_view lower_token) {
  std::string f = FoldName(lower_token);
  return f.size() >= 5 && f.rfind("reg", 0) == 0 && f.find("regio") != 0;
}
bool IsAmvWord(std::string_view lower_token) {
  std::string f = FoldName(lower_token);
  if (f.rfind("amv", 0) == 0 || f.rfind("arnv", 0) == 0) return true;
  return f == "amy" || f == "anv";
}

// The kind of the first type word in text[from, limit).
Kind KindAfter(std::string_view lower, size_t from, size_t limit) {
  limit = std::min(limit, lower.size());
  size_t i = from;
  while (i < limit) {
    while (i < limit && lower[i] == ' ') ++i;
    size_t b = i;
    while (i < limit && lower[i] != ' ') ++i;
    if (i == b) break;
    std::string_view tok = lower.substr(b, i - b);
    if (IsRegulierWord(tok)) return Kind::kRegulier;
    if (IsAmvWord(tok)) return Kind::kAmv;
    // "amv-opvangplaatsen" folds to "amvopvangplaatsen": covered by IsAmvWord.
  }
  return Kind::kNone;
}

// The kind of the LAST type word in text[from, to).
Kind KindBefore(std::string_view lower, size_t from, size_t to) {
  Kind found = Kind::kNone;
  size_t i = from;
  while (i < to) {
    while (i < to && lower[i] == ' ') ++i;
    size_t b = i;
    while (i < to && lower[i] != ' ') ++i;
    if (i == b) break;
    std::string_view tok = lower.substr(b, i - b);
    if (IsRegulierWord(tok)) found = Kind::kRegulier;
    if (IsAmvWord(tok)) found = Kind::kAmv;
  }
  return found;
}

// "5 754 reguliere": one number whose thousands dot the OCR lost (or printed
// with a space), not two: one to three digits, one space, exactly three
// digits. Two figures of the sentence are never written side by side, and a
// wrong join is caught by the column sums it is checked against.
bool IsLostThousandsSeparator(std::string_view text, const NumberAt& first,
                              const NumberAt& second) {
  const size_t digits = first.end - first.begin;
  return second.begin == first.end + 1 && text[first.end] == ' ' && digits >= 1 && digits <= 3 &&
         first.value < 1000 && second.end - second.begin == 3 && second.value < 1000;
}

// Reads "<N> reguliere opvangplaatsen en <M> amv-opvangplaatsen" starting
// near `from`: up to two numbers, each typed by the type word that follows it.
// When only one of two numbers is typed, the other gets the other type (the
// sentence always names both kinds); when neither is, nothing is guessed.
SplitFigure ReadFigurePair(std::string_view text, std::string_view lower, size_t from) {
  SplitFigure fig;
  const size_t window_end = std::min(text.size(), from + 260);
  std::optional<NumberAt> first = NextNumber(text, from, std::min(window_end, from + 60));
  if (!first) return fig;
  std::optional<NumberAt> second = NextNumber(text, first->end, window_end);
  if (second && IsLostThousandsSeparator(text, *first, *second)) {
    first = NumberAt{first->value * 1000 + second->value, first->begin, second->end};
    second = NextNumber(text, first->end, window_end);
  }
  const size_t first_type_limit = second ? second->begin : first->end + 50;
  Kind k1 = KindAfter(lower, first->end, first_type_limit);
  Kind k2 = second ? KindAfter(lower, second->end, second->end + 50) : Kind::kNone;
  if (second && k1 == Kind::kNone && k2 == Kind::kNone) return fig;
  if (second && k1 == Kind::kNone) k1 = k2 == Kind::kRegulier ? Kind::kAmv : Kind::kRegulier;
  if (second && k2 == Kind::kNone) k2 = k1 == Kind::kRegulier ? Kind::kAmv : Kind::kRegulier;
  auto put = [&](Kind k, long v) {
    if (k == Kind::kRegulier && !fig.regulier) fig.regulier = v;
    if (k == Kind::kAmv && !fig.amv) fig.amv = v;
  };
  put(k1, first->value);
  if (second && k2 != k1) put(k2, second->value);
  return fig;
}

// The first keyword match followed by a readable figure pair.
SplitFigure FigureAfter(std::string_view text, std::string_view lower, const RE2& keyword) {
  re2::StringPiece input(lower.data(), lower.size());
  re2::StringPiece match;
  size_t offset = 0;
  while (offset < lower.size() &&
         keyword.Match(input, offset, lower.size(), RE2::UNANCHORED, &match, 1)) {
    size_t end = match.data() - lower.data() + match.size();
    SplitFigure fig = ReadFigurePair(text, lower, end);
    if (fig.any()) return fig;
    offset = end;
  }
  return {};
}

struct Token {
  std::string text;  // punctuation at both ends stripped
  size_t begin = 0, end = 0;
  bool closes = false;     // ended in ")": closes an annotation
  bool separator = false;  // ended in "," or ";": names do not continue past it
};

std::vector<Token> Tokenize(std::string_view s, size_t base = 0) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i == b) break;
    std::string_view raw = s.substr(b, i - b);
    Token t;
    t.closes = raw.find(')') != std::string_view::npos;
    t.separator = raw.back() == ',' || raw.back() == ';' || raw.back() == ':';
    size_t x = 0, y = raw.size();
    auto strip = [](char c) {
      return std::string_view("()[],;:.'\"`").find(c) != std::string_view::npos;
    };
    while (x < y && strip(raw[x])) ++x;
    while (y > x && strip(raw[y - 1])) --y;
    t.text = std::string(raw.substr(x, y - x));
    t.begin = base + b;
    t.end = base + i;
    out.push_back(std::move(t));
  }
  return out;
}

bool IsStopWord(const std::string& lower) {
  static const std::set<std::string> kStop = {
      "en",  "an",   "van", "de",   "het", "gemeente", "gemeenten", "in",  "op",
      "te",  "voor", "met", "over", "is",  "zijn",     "die",       "dat", "een",
      "uit", "bij",  "tot", "of",   "om",  "aan",      "en/of"};
  return kStop.count(lower) > 0;
}

bool IsTypeToken(const std::vector<Token>& toks, size_t i) {
  std::string l = Lower(toks[i].text);
  if (IsRegulierWord(l) || IsAmvWord(l)) return true;
  // "a mv" split by the OCR.
  if (l == "a" && i + 1 < toks.size() && FoldName(toks[i + 1].text).rfind("mv", 0) == 0)
    return true;
  if (FoldName(l) == "mv" && i > 0 && Lower(toks[i - 1].text) == "a") return true;
  return false;
}

}  // namespace

std::vector<NameMention> FindMunicipalities(std::string_view text, std::string_view province) {
  std::vector<NameMention> out;
  std::vector<Token> toks = Tokenize(text);
  size_t i = 0;
  while (i < toks.size()) {
    const std::string lower = Lower(toks[i].text);
    if (toks[i].text.size() < 2 || IsStopWord(lower) || IsTypeToken(toks, i) ||
        IsDigit(toks[i].text[0])) {
      ++i;
      continue;
    }
    // Try spans of 1..3 tokens; the cheapest accepted match wins, the longer
    // on equal cost ("Hof van Twente" over "Hof").
    NameMatch best;
    size_t best_len = 0;
    std::string joined;
    for (size_t k = 0; k < 3 && i + k < toks.size(); ++k) {
      const Token& t = toks[i + k];
      if (k > 0 && (IsTypeToken(toks, i + k) || IsDigit(t.text.empty() ? 'x' : t.text[0]))) break;
      if (t.text.empty()) break;
      joined += (k ? " " : "") + t.text;
      NameMatch m = MatchMunicipality(joined, province);
      // Prose is full of words that are not names: accept only close matches.
      const int strict = std::max(10, static_cast<int>(FoldName(joined).size()) * 2);
      if (m.municipality && m.cost <= strict && (!best.municipality || m.cost <= best.cost)) {
        best = m;
        best_len = k + 1;
      }
      if (t.separator || t.closes) break;
    }
    if (!best.municipality) {
      ++i;
      continue;
    }
    NameMention mention;
    mention.municipality = best.municipality;
    mention.begin = toks[i].begin;
    mention.end = toks[i + best_len - 1].end;
    mention.raw = std::string(text.substr(mention.begin, mention.end - mention.begin));
    out.push_back(std::move(mention));
    i += best_len;
  }
  return out;
}

namespace {

// Attaches "(regulier en amv)" annotations to the names of a receivers list.
// An annotation belongs to the name before it, unless that name already has
// one (the OCR sometimes moves the annotation in front of its name: "...
// (regulier en amv) regulier en amv) Losser"), in which case it belongs to
// the next name.
void AnnotateReceivers(std::string_view region, size_t base, std::vector<NameMention>& names) {
  std::vector<Token> toks = Tokenize(region, base);
  struct Annotation {
    size_t begin = 0;
    bool regulier = false, amv = false;
  };
  std::vector<Annotation> notes;
  std::optional<Annotation> cur;
  for (size_t i = 0; i < toks.size(); ++i) {
    const std::string l = Lower(toks[i].text);
    const bool type = IsTypeToken(toks, i);
    const bool connector = l == "en" || l == "an" || l.empty();
    if (type) {
      if (!cur) cur = Annotation{toks[i].begin};
      if (IsRegulierWord(l))
        cur->regulier = true;
      else
        cur->amv = true;
    } else if (!connector && cur) {
      notes.push_back(*cur);
      cur.reset();
    }
    if (cur && toks[i].closes) {
      notes.push_back(*cur);
      cur.reset();
    }
  }
  if (cur) notes.push_back(*cur);

  std::vector<bool> typed(names.size(), false);
  for (const Annotation& a : notes) {
    int before = -1;
    for (size_t n = 0; n < names.size(); ++n)
      if (names[n].end <= a.begin) before = static_cast<int>(n);
    int target = -1;
    if (before >= 0 && !typed[before]) {
      target = before;
    } else if (before + 1 < static_cast<int>(names.size()) && !typed[before + 1]) {
      target = before + 1;
    }
    if (target < 0) continue;
    typed[target] = true;
    names[target].regulier = a.regulier;
    names[target].amv = a.amv;
  }
}

std::optional<size_t> Find(const RE2& re, std::string_view lower, size_t from,
                           size_t* end = nullptr) {
  if (from >= lower.size()) return std::nullopt;
  re2::StringPiece input(lower.data(), lower.size());
  re2::StringPiece match;
  if (!re.Match(input, from, lower.size(), RE2::UNANCHORED, &match, 1)) return std::nullopt;
  if (end) *end = match.data() - lower.data() + match.size();
  return match.data() - lower.data();
}

// Province ("over de provincie Overijssel", "Verdeelbesluit Overijssel
// 2024"), date and reference of the besluit.
void ReadBesluitHead(const std::string& text, const std::string& lower, BesluitProse& p) {
  {
    static const RE2 kProvince(R"((?:provincie|verdeelbesluit)\s+([a-zâ\-]+(?:[ \-][a-z]+)?))");
    re2::StringPiece input(lower);
    std::string words;
    while (RE2::FindAndConsume(&input, kProvince, &words)) {
      std::string found = MatchProvince(words);
      if (found.empty()) {
        size_t sp = words.find_first_of(" -");
        if (sp != std::string::npos) found = MatchProvince(words.substr(0, sp));
      }
      if (!found.empty()) {
        p.province = found;
        break;
      }
    }
  }
  // Date: the first date after the heading "Besluit van de Minister ...".
  {
    static const RE2 kHeading(R"(besluit\s+van\s+de\s+minister)");
    size_t from = Find(kHeading, lower, 0).value_or(0);
    std::vector<DateMatch> dates = FindDutchDates(std::string_view(text).substr(from));
    if (dates.empty()) dates = FindDutchDates(text);
    if (!dates.empty()) p.date = dates.front().iso;
  }
  // Reference: "nr. 6015733", "nr , 6015733", "kenmerk 6015733".
  {
    static const RE2 kRef(R"((?:\bnr|nummer|kenmerk)[\s.,:'’]*([0-9]{5,9})\b)");
    std::string ref;
    if (RE2::PartialMatch(lower, kRef, &ref)) p.reference = ref;
  }
}

// "verdeeld over 16 gemeenten": typed by the last type word before it.
// Returns the end of the last such statement (npos when none).
size_t ReadStatedCounts(const std::string& lower, BesluitProse& p) {
  static const RE2 kCount(R"(verdeeld\s+over\s+([0-9]{1,3})\s+gemeenten)");
  size_t counts_end = std::string::npos;
  re2::StringPiece input(lower.data(), lower.size());
  re2::StringPiece m[2];
  size_t offset = 0;
  while (kCount.Match(input, offset, lower.size(), RE2::UNANCHORED, m, 2)) {
    const size_t b = m[0].data() - lower.data();
    const long n = std::stol(std::string(m[1]));
    Kind k = KindBefore(lower, b > 90 ? b - 90 : 0, b);
    if (k == Kind::kRegulier && !p.stated_receivers_regulier) p.stated_receivers_regulier = n;
    if (k == Kind::kAmv && !p.stated_receivers_amv) p.stated_receivers_amv = n;
    offset = b + m[0].size();
    counts_end = offset;
  }
  return counts_end;
}

// Excluded municipalities: "... de volgende gemeenten uitgesloten:" up to
// "De restopgave is verdeeld over ...". Sub-headings ("Uitsluiting vanwege
// ...") give the ground. Returns where the list ends (0 when there is none).
size_t ReadExcluded(const std::string& text, const std::string& lower, BesluitProse& p) {
  static const RE2 kExclStart(R"(volgende\s+gemeenten\s+uitgesloten)");
  static const RE2 kExclEnd(R"(restopgave\s+is\s+verdeeld|verdeeld\s+over\s+[0-9])");
  size_t s_end;
  if (!Find(kExclStart, lower, 0, &s_end)) return 0;
  p.has_exclusions = true;
  size_t e = Find(kExclEnd, lower, s_end).value_or(lower.size());
  const std::string_view region = std::string_view(text).substr(s_end, e - s_end);
  std::vector<NameMention> found = FindMunicipalities(region, p.province);
  // Sub-heading offsets in the region.
  static const RE2 kGround(R"(uitslu\w*\s+(?:vanwe\w+\s+)?([^,;]*?)\s+gemeente\b)");
  std::vector<std::pair<size_t, std::string>> grounds;
  {
    const std::string lregion = Lower(region);
    re2::StringPiece input(lregion.data(), lregion.size());
    re2::StringPiece m[2];
    size_t off = 0;
    while (kGround.Match(input, off, lregion.size(), RE2::UNANCHORED, m, 2)) {
      grounds.emplace_back(m[0].data() - lregion.data(), std::string(m[1]));
      off = m[0].data() - lregion.data() + m[0].size();
    }
  }
  for (NameMention& n : found) {
    for (const auto& [at, ground] : grounds)
      if (at <= n.begin) n.note = ground;
    n.begin += s_end;
    n.end += s_end;
    auto same = std::find_if(p.excluded.begin(), p.excluded.end(), [&](const NameMention& x) {
      return x.municipality == n.municipality;
    });
    if (same == p.excluded.end()) {
      p.excluded.push_back(n);
    } else if (!n.note.empty() && same->note.find(n.note) == std::string::npos) {
      same->note += same->note.empty() ? n.note : "; " + n.note;
    }
  }
  return e;
}

// Receivers: after the stated counts (or after "over de volgende
// gemeenten"), up to the minister's signature.
void ReadReceivers(const std::string& text, const std::string& lower, size_t counts_end,
                   size_t excl_end_pos, BesluitProse& p) {
  static const RE2 kRecvStart(R"(over\s+de\s+volgende\s+\S+)");
  static const RE2 kSignature(R"(\bde\s+m[il1]n[il1]st[ae]r\b)");
  size_t r_start = std::string::npos;
  if (counts_end != std::string::npos) {
    r_start = counts_end;
    // Skip the sentence announcing the list, however damaged.
    static const RE2 kVolgende(R"(v\w*lg\w*nde\s+\S+)");
    size_t vol_end;
    if (auto v = Find(kVolgende, lower, counts_end, &vol_end); v && *v < counts_end + 300)
      r_start = vol_end;
  } else if (size_t e; Find(kRecvStart, lower, excl_end_pos, &e)) {
    r_start = e;
  }
  if (r_start == std::string::npos) return;
  size_t r_end = Find(kSignature, lower, r_start).value_or(lower.size());
  const std::string_view region = std::string_view(text).substr(r_start, r_end - r_start);
  std::vector<NameMention> found = FindMunicipalities(region, p.province);
  for (NameMention& n : found) {
    n.begin += r_start;
    n.end += r_start;
  }
  AnnotateReceivers(region, r_start, found);
  p.has_receivers = !found.empty();
  p.receivers = std::move(found);
}

}  // namespace

BesluitProse ReadBesluitProse(const TextDocument& doc, int first, int last) {
  BesluitProse p;
  const std::string text = JoinProse(doc, first, last);
  const std::string lower = Lower(text);
  ReadBesluitHead(text, lower, p);

  // "opgave van" as a light photocopy reads it: one vowel of each word may
  // be damaged ("opguve", "opqave", "vun"); the figures after it still have
  // to read as a regulier/amv pair.
  static const RE2 kOpgave(R"(\b[o0]p[gq][a-z]v[a-z]\s+v[a-z]n\b)");
  static const RE2 kOvergenomen(R"(\buit\s+op\b)");
  static const RE2 kRest(R"(rest[o0]p[gq][a-z]v[a-z]\s+v[a-z]n\b)");
  p.opgave = FigureAfter(text, lower, kOpgave);
  p.overgenomen = FigureAfter(text, lower, kOvergenomen);
  p.restopgave = FigureAfter(text, lower, kRest);
  const size_t counts_end = ReadStatedCounts(lower, p);
  const size_t excl_end_pos = ReadExcluded(text, lower, p);
  ReadReceivers(text, lower, counts_end, excl_end_pos, p);
  return p;
}

}  // namespace verdeelscan
