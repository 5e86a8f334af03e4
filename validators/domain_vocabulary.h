// The words of the domain (PRT, amv, Spreidingswet, COA, agenda words such
// as Rondvraag and Vervolgbijeenkomst, province and municipality names) and
// an OCR-aware matcher that repairs a damaged one in a title, heading or
// agenda item ("PRI-overleg" → "PRT-overleg", "Piekken" → "Plekken"), as
// name_matcher.h does for municipality cells.
//
// Repairing a word that was right is a silent error, so the matcher is
// deliberately narrow:
//  - a word that is itself a vocabulary word, a municipality or province
//    name, or a protected word (CDA beside COA) is never changed;
//  - an acronym (PRT, COA, IBT, AZC) is repaired only through one glyph
//    confusion of print (I/T, I/l/1, O/0, Z/2, S/5, B/8) in an upper-case
//    token of the same length;
//  - a longer domain word only through OCR confusions (c/e, l/i, rn/m: at
//    most two, validators/name_matcher.h's costs, no arbitrary edit), and
//    only when no other word of the vocabulary is as close;
//  - a municipality name only from a capitalised token of seven letters or
//    more, one confusion away (a shorter name has Dutch words one confusion
//    away: "Leren" and "Laren", "dienen" and "Diemen").
#ifndef VERDEELSCAN_VALIDATORS_DOMAIN_VOCABULARY_H_
#define VERDEELSCAN_VALIDATORS_DOMAIN_VOCABULARY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verdeelscan {

// One repaired word.
struct WordRepair {
  std::string from, to;
  std::string reason;  // "domain word PRI→PRT (glyph I→T)"
};

// What the words of a field are: a title's words may be anything, so only a
// municipality name of seven letters or more is repaired there (a shorter
// capitalised word one confusion from a name is as likely a surname); a place
// (a meeting's location, "Provinciehuis Amhem") expects a municipality, and
// names of five letters or more are repaired.
enum class WordsOf { kTitle, kPlace };

// The vocabulary word `token` (one word, no spaces or hyphens) stands for,
// when it is an OCR-damaged form of one; nullopt when it is a word of its
// own or nothing is clearly meant. The repair keeps the token's case style
// ("PIEKKEN" → "PLEKKEN", "piekken" → "plekken").
std::optional<WordRepair> RepairDomainWord(std::string_view token, WordsOf field = WordsOf::kTitle);

// `text` with every damaged domain word repaired (words are split at white
// space, hyphens and slashes; punctuation around a word is kept). Each
// repair is appended to `repairs`.
std::string RepairDomainWords(std::string_view text, std::vector<WordRepair>* repairs,
                              WordsOf field = WordsOf::kTitle);

// True when `token` is a word of the vocabulary as printed (case-insensitive).
bool IsDomainWord(std::string_view token);

// The vocabulary word (no place name) that `token`, itself none, is one
// arbitrary edit or two OCR confusions from; "" when none. Not a repair: a
// capitalised word the recogniser's dictionary lacks may be a name, but one
// this close to a word of the domain ("Secretartaat", t for i, a photocopy
// of lettergen seed 9114) is more likely that word damaged, and a reader
// judging a field's words holds it. Words of six letters or more.
std::string NearDomainWord(std::string_view token);

// The vocabulary word or one-word place name written with accents whose
// letters `token`, plain ASCII, spells without them ("Fryslân" for
// "Fryslan"); "" otherwise. Not a repair: in a text dump the plain form is a
// spelling (RepairDomainWord keeps it), but a recogniser drops an accent
// that a photocopy made faint (lettergen seed 10205), so a reader judging a
// scanned field's words holds it.
std::string AccentedDomainWord(std::string_view token);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_VALIDATORS_DOMAIN_VOCABULARY_H_
