#include "validators/domain_vocabulary.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <set>
#include <unordered_set>

#include "validators/cost_model.h"
#include "validators/name_matcher.h"
#include "validators/reference.h"

namespace verdeelscan {
namespace {

// The vocabulary. Sources: the terms of the domain (the Spreidingswet and
// its cycle: capaciteitsraming, opgave, verdeelbesluit, PRT, COA, IBT, amv),
// the headings, agenda items and title words of the seed documents (the PRT
// verslag's "Vervolgbijeenkomst", "Plekken boven de opgave", "Interbestuurlijk
// Toezicht"; the informatiebericht's "Inleiding en doel"; the letter heads'
// labels) and the usual items of a Dutch meeting agenda (Opening,
// Mededelingen, Rondvraag, Sluiting), and the offices and redaction marker of
// the e-mails' senders. Province and municipality names come
// from the reference data (reference/gemeenten_2024.csv), not from here.
// Inflected forms are listed as words of their own: a plural is never
// "repaired" to its singular.
constexpr const char* kAcronyms[] = {"PRT", "COA", "IBT", "AZC", "CdK",  "BZK",  "VNG",
                                     "IPO", "IND", "amv", "Woo", "AenM", "JenV", "SW"};
constexpr const char* kWords[] = {
    "Spreidingswet",
    "Spreidingswetgeving",
    "asielopvang",
    "asielopvangvoorzieningen",
    "opvang",
    "opvangplekken",
    "opvangopgave",
    "opvangvoorzieningen",
    "plekken",
    "plek",
    "plaatsen",
    "opgave",
    "opgaven",
    "restopgave",
    "provinciale",
    "provinciaal",
    "regietafel",
    "regietafels",
    "afstemmingsoverleg",
    "overleg",
    "verdeelbesluit",
    "verdeelbesluiten",
    "verdeling",
    "indicatieve",
    "capaciteitsraming",
    "toelichting",
    "regulier",
    "reguliere",
    "alleenstaande",
    "minderjarige",
    "vreemdelingen",
    "interbestuurlijk",
    "toezicht",
    "interventieladder",
    "wettelijke",
    "realisatie",
    "peildatum",
    "trede",
    "gemeente",
    "gemeenten",
    // The Spreidingswet's own name: "Wet gemeentelijke taak mogelijk maken
    // asielopvangvoorzieningen" ("gerneentelijke", an office scan of
    // lettergen seed 11614, held unrepaired).
    "gemeentelijk",
    "gemeentelijke",
    "provincie",
    "provincies",
    "verslag",
    "notulen",
    "agenda",
    "opening",
    "mededelingen",
    "rondvraag",
    "sluiting",
    "vervolgbijeenkomst",
    "vervolgsessie",
    "vervolgoverleg",
    "bijeenkomst",
    "aanwezig",
    "afwezig",
    "actiepunten",
    "actielijst",
    "besluitenlijst",
    "vaststellen",
    "vaststelling",
    "communicatie",
    "bezwaar",
    "beroep",
    "evaluatie",
    "informatiebericht",
    "inleiding",
    "uitruil",
    "samenvoegen",
    "aanbieding",
    "begeleidende",
    "kamerbrief",
    "ministerie",
    "minister",
    "staatssecretaris",
    "migratie",
    "asiel",
    "betreft",
    "referentie",
    "kenmerk",
    "bijlage",
    "bijlagen",
    "datum",
    "onderwerp",
    "provinciehuis",
    "gemeentehuis",
    "stadhuis",
    // The senders and recipients of a Woo release's e-mails: an office and
    // the marker of a redacted name ("Secretariaat (geanonimiseerd)").
    "secretariaat",
    "griffie",
    "geanonimiseerd",
};
// Real words one glyph away from an acronym, and words of letters that must
// never be taken for one ("CDA" beside "COA").
constexpr const char* kProtected[] = {"CDA",  "VVD",  "PVV", "D66", "BBB",  "NSC", "JA21", "SGP",
                                      "PvdA", "GL",   "SP",  "CU",  "DENK", "IPR", "PRO",  "BRP",
                                      "ICT",  "IBAN", "COB", "OBT", "ZZP",  "BTW"};

// Cost units of validators/name_matcher.h: 10 one arbitrary edit, 4 one OCR
// confusion.
constexpr int kConfusable = CostModel{}.name_confusable_cost;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Vocabulary {
  std::unordered_set<std::string> exact;  // lower-case: every word, name and protected word
  std::vector<std::string> acronyms;
  std::vector<std::pair<std::string, std::string>> words;   // folded, as printed
  std::vector<std::pair<std::string, std::string>> places;  // folded, as printed
};

const Vocabulary& Vocab() {
  static const Vocabulary v = [] {
    Vocabulary x;
    for (const char* a : kAcronyms) {
      x.acronyms.push_back(a);
      x.exact.insert(Lower(a));
    }
    for (const char* w : kWords) {
      x.words.push_back({FoldName(w), w});
      x.exact.insert(Lower(w));
    }
    for (const char* p : kProtected) x.exact.insert(Lower(p));
    const Reference& ref = Reference::Default();
    for (const std::string& p : ref.provinces()) {
      x.words.push_back({FoldName(p), p});
      x.exact.insert(Lower(p));
    }
    for (const Municipality& m : ref.municipalities()) {
      x.exact.insert(Lower(m.name));
      for (const std::string& a : m.aliases) x.exact.insert(Lower(a));
      // Names of one word only: a title word is one word.
      if (m.name.find_first_of(" -") == std::string::npos)
        x.places.push_back({FoldName(m.name), m.name});
    }
    return x;
  }();
  return v;
}

// Glyph confusions of print between an acronym's letters (case-sensitive).
bool AcronymGlyphs(char seen, char meant) {
  static const char* kPairs[] = {"IT", "lT", "1T", "Il", "I1", "l1", "O0", "Z2", "S5", "B8", "OQ"};
  for (const char* p : kPairs)
    if ((p[0] == seen && p[1] == meant) || (p[1] == seen && p[0] == meant)) return true;
  return false;
}

bool UpperLike(std::string_view t) {
  return std::all_of(t.begin(), t.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == 'l';
  });
}

std::optional<WordRepair> RepairAcronym(std::string_view token) {
  if (token.size() < 2 || token.size() > 4) return std::nullopt;
  // "arnv" for "amv": m split in r + n; "anv": m read as n.
  const std::string low = Lower(token);
  if (low == "arnv" || low == "anv")
    return WordRepair{std::string(token), "amv",
                      "domain word " + std::string(token) + "→amv (glyph m)"};
  if (!UpperLike(token)) return std::nullopt;
  std::optional<WordRepair> found;
  for (const std::string& a : Vocab().acronyms) {
    if (a.size() != token.size() || !UpperLike(a)) continue;
    int diffs = 0;
    char seen = 0, meant = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] == token[i]) continue;
      if (!AcronymGlyphs(token[i], a[i])) diffs = 99;
      ++diffs;
      seen = token[i];
      meant = a[i];
    }
    if (diffs != 1) continue;
    if (found) return std::nullopt;  // two acronyms as close: none is meant
    found = WordRepair{std::string(token), a,
                       "domain word " + std::string(token) + "→" + a + " (glyph " +
                           std::string(1, seen) + "→" + std::string(1, meant) + ")"};
  }
  return found;
}

// The repair in the token's case style.
std::string InCaseOf(std::string_view token, const std::string& word) {
  std::string out = word;
  const bool all_upper = token.size() > 1 && std::none_of(token.begin(), token.end(), [](char c) {
                           return std::islower(static_cast<unsigned char>(c));
                         });
  const bool capital = !token.empty() && std::isupper(static_cast<unsigned char>(token[0]));
  if (all_upper) {
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (capital) {
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  } else if (!std::isupper(static_cast<unsigned char>(word[0])) || word.size() < 2) {
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  }
  return out;
}

// The closest entry of `list` within `limit`, when no other is as close.
std::optional<std::string> Closest(const std::string& folded,
                                   const std::vector<std::pair<std::string, std::string>>& list,
                                   int limit) {
  int best = INT_MAX, second = INT_MAX;
  const std::string* best_word = nullptr;
  for (const auto& [f, w] : list) {
    const size_t diff =
        f.size() > folded.size() ? f.size() - folded.size() : folded.size() - f.size();
    if (diff > 2) continue;
    const int cost = OcrEditCost(folded, f);
    if (cost < best) {
      second = best;
      best = cost;
      best_word = &w;
    } else if (cost < second) {
      second = cost;
    }
  }
  if (best_word == nullptr || best > limit || second <= best) return std::nullopt;
  return *best_word;
}

}  // namespace

bool IsDomainWord(std::string_view token) { return Vocab().exact.count(Lower(token)) > 0; }

std::string NearDomainWord(std::string_view token) {
  if (IsDomainWord(token)) return "";
  const std::string folded = FoldName(token);
  if (folded.size() < 6) return "";
  constexpr int kOneEdit = CostModel{}.name_edit_cost;
  for (const auto& [f, w] : Vocab().words) {
    const size_t diff =
        f.size() > folded.size() ? f.size() - folded.size() : folded.size() - f.size();
    if (diff <= 1 && f != folded && OcrEditCostAtMost(folded, f, kOneEdit)) return w;
  }
  return "";
}

std::string AccentedDomainWord(std::string_view token) {
  const auto ascii = [](std::string_view w) {
    return std::all_of(w.begin(), w.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  };
  if (token.size() < 4 || !ascii(token)) return "";
  const std::string folded = FoldName(token);
  for (const auto* list : {&Vocab().words, &Vocab().places})
    for (const auto& [f, w] : *list)
      if (f == folded && !ascii(w)) return w;
  return "";
}

std::optional<WordRepair> RepairDomainWord(std::string_view token, WordsOf field) {
  if (token.empty() || IsDomainWord(token)) return std::nullopt;
  if (std::all_of(token.begin(), token.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return std::nullopt;
  if (auto a = RepairAcronym(token)) return a;
  const std::string folded = FoldName(token);
  // The same letters without the accents ("Fryslan" for "Fryslân") is a
  // spelling, not damage; digits for letters ("0verijssel") are damage, and
  // so is an accent the word does not have ("Bezwaär": a speck over the a).
  // `spelling` says the token is plain letters, so only a missing accent can
  // tell it from its word.
  const bool has_digit = std::any_of(token.begin(), token.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  const bool plain = std::all_of(token.begin(), token.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  const bool spelling = !has_digit && plain;
  if (folded.size() < 5) return std::nullopt;
  if (auto w = Closest(folded, Vocab().words, 2 * kConfusable)) {
    std::string to = InCaseOf(token, *w);
    if (Lower(to) == Lower(token) || (spelling && FoldName(to) == folded)) return std::nullopt;
    return WordRepair{std::string(token), to,
                      "domain word " + std::string(token) + "→" + to + " (OCR confusion)"};
  }
  const size_t min_place_letters = field == WordsOf::kPlace ? 5 : 7;
  if (folded.size() >= min_place_letters && std::isupper(static_cast<unsigned char>(token[0]))) {
    if (auto p = Closest(folded, Vocab().places, kConfusable)) {
      if (Lower(*p) == Lower(token) || (spelling && FoldName(*p) == folded)) return std::nullopt;
      return WordRepair{std::string(token), *p,
                        "municipality name " + std::string(token) + "→" + *p + " (OCR confusion)"};
    }
  }
  return std::nullopt;
}

namespace {

// The length in bytes of the quote, dash or guillemet that starts at `i`
// (U+2010-U+201F, U+00AB, U+00BB), 0 for anything else: punctuation around a
// word, not a letter of it ("‘Aanbieding", a photocopy of lettergen seed
// 6100, was taken for one word and its capital lost in the repair).
size_t PunctuationAt(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
  };
  if (byte(i) == 0xE2 && byte(i + 1) == 0x80 && byte(i + 2) >= 0x90 && byte(i + 2) <= 0x9F)
    return 3;
  if (byte(i) == 0xC2 && (byte(i + 1) == 0xAB || byte(i + 1) == 0xBB)) return 2;
  return 0;
}

}  // namespace

std::string RepairDomainWords(std::string_view text, std::vector<WordRepair>* repairs,
                              WordsOf field) {
  std::string out;
  size_t i = 0;
  auto is_word_char = [&text](size_t k) {
    const auto c = static_cast<unsigned char>(text[k]);
    return (std::isalnum(c) || c >= 0x80) && PunctuationAt(text, k) == 0;
  };
  while (i < text.size()) {
    if (!is_word_char(i)) {
      const size_t n = std::max<size_t>(1, PunctuationAt(text, i));
      out += text.substr(i, n);
      i += n;
      continue;
    }
    size_t e = i;
    while (e < text.size() && is_word_char(e)) ++e;
    // "!" and "|" after or inside a word, and ":" inside one, are the
    // look-alikes of an l or an i ("regietafe!", "Provinciehu:s"): read so
    // when that makes the word a domain word.
    auto mark = [&](size_t k) {
      const char c = text[k];
      return c == '!' || c == '|' ||
             (c == ':' && k + 1 < text.size() &&
              std::isalpha(static_cast<unsigned char>(text[k + 1])));
    };
    size_t marked = e;
    while (marked < text.size() && (mark(marked) || (marked > e && is_word_char(marked)))) ++marked;
    std::optional<WordRepair> glyph;
    for (char letter : {'l', 'i'}) {
      if (marked == e || glyph) break;
      const std::string seen(text.substr(i, marked - i));
      std::string as_letter = seen;
      for (char& c : as_letter)
        if (c == '!' || c == '|' || c == ':') c = letter;
      if (IsDomainWord(as_letter))
        glyph = WordRepair{seen, as_letter,
                           "domain word " + seen + "→" + as_letter + " (glyph " + letter + ")"};
    }
    if (glyph) {
      out += glyph->to;
      if (repairs) repairs->push_back(*glyph);
      i = marked;
      continue;
    }
    std::string_view token = text.substr(i, e - i);
    // A scan's gap inside a word ("Spreidings wet", a photocopy of lettergen
    // seed 7209): a token that is no domain word, followed after one space by
    // a word that completes one, is that word split.
    if (!IsDomainWord(token) && e + 1 < text.size() && text[e] == ' ' && is_word_char(e + 1)) {
      size_t f = e + 1;
      while (f < text.size() && is_word_char(f)) ++f;
      const std::string joined = std::string(token) + std::string(text.substr(e + 1, f - e - 1));
      if (IsDomainWord(joined)) {
        const WordRepair split{std::string(text.substr(i, f - i)), joined,
                               "domain word " + joined + " split by a gap"};
        out += joined;
        if (repairs) repairs->push_back(split);
        i = f;
        continue;
      }
    }
    // A name joined by a hyphen is one word of the vocabulary ("Provincie
    // Noord-Holtand", an office scan of lettergen seed 11603, valid: neither
    // "Noord" nor "Holtand" is near a word of it alone).
    size_t compound = e;
    while (compound + 1 < text.size() && text[compound] == '-' && is_word_char(compound + 1)) {
      ++compound;
      while (compound < text.size() && is_word_char(compound)) ++compound;
    }
    if (compound > e) {
      if (std::optional<WordRepair> r = RepairDomainWord(text.substr(i, compound - i), field)) {
        out += r->to;
        if (repairs) repairs->push_back(*r);
        i = compound;
        continue;
      }
    }
    std::optional<WordRepair> r = RepairDomainWord(token, field);
    if (r) {
      out += r->to;
      if (repairs) repairs->push_back(*r);
    } else {
      out += token;
    }
    i = e;
  }
  return out;
}

}  // namespace verdeelscan
