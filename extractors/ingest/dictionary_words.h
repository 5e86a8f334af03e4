// Whether a word the recogniser read is a word of its language: the
// recogniser's own dictionary (Tesseract's word lists for the loaded
// language, asked through TessBaseAPI::IsValidWord), with Dutch compounds and
// hyphenated words judged by their parts. The letter readers take a text
// field's unknown words as a sign of a misreading its confidence did not show
// (extractors/documents/kinds/field_confidence.cc, Word::known_word).
//
// Cost: a handful of dictionary lookups for a word the dictionary holds; for
// a compound, one lookup per cut and, when a cut joins two words, one per
// letter substitution (26 per letter): about 340 lookups for a word of
// thirteen letters, each a walk of the word through Tesseract's DAWG
// (measured 0.7 ms for "vervolgsessie" on this 2-core machine under load).
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_DICTIONARY_WORDS_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_DICTIONARY_WORDS_H_

#include <string_view>

namespace tesseract {
class TessBaseAPI;
}

namespace verdeelscan {

// True when `text` (marks around it ignored) is a word of `api`'s dictionary,
// two of its words joined (a compound, "vervolgsessie", "verdelingsbesluit")
// unless one recognition slip away lies a word of the dictionary itself
// ("secretanssen" for "secretarissen"), or a hyphenated word whose lower-case
// parts are ("PRT-overleg"). Also true for what no dictionary judges: fewer
// than three ASCII letters, or characters other than letters and hyphens
// (numbers, codes, addresses, marks). `api` must be initialised.
[[nodiscard]] bool DictionaryKnows(tesseract::TessBaseAPI& api, std::string_view text);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_DICTIONARY_WORDS_H_
