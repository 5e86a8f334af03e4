#include "extractors/ingest/dictionary_words.h"

#include <tesseract/baseapi.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

namespace verdeelscan {
namespace {

// A letter, or a byte of a character beyond ASCII (é, ë: Dutch words carry
// them).
bool IsLetter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// Whether `word` is a word of `api`'s dictionary as it stands.
bool Valid(tesseract::TessBaseAPI& api, const std::string& word) {
  return api.IsValidWord(word.c_str()) != 0;
}

// Whether one recognition slip away from `word` lies a word of the
// dictionary: a letter for another, or one of the recogniser's classic
// splits and merges (n/ri, m/rn, d/cl, ...). Letters beyond ASCII are left
// as read.
bool NearDictionaryWord(tesseract::TessBaseAPI& api, const std::string& word) {
  for (size_t i = 0; i < word.size(); ++i) {
    if (!std::islower(static_cast<unsigned char>(word[i]))) continue;
    std::string other = word;
    for (char c = 'a'; c <= 'z'; ++c) {
      if (c == word[i]) continue;
      other[i] = c;
      if (Valid(api, other)) return true;
    }
  }
  static constexpr std::pair<std::string_view, std::string_view> kSlips[] = {
      {"n", "ri"}, {"n", "rn"}, {"m", "rn"}, {"m", "ni"}, {"m", "in"},
      {"h", "li"}, {"d", "cl"}, {"w", "vv"}, {"u", "ii"}};
  for (const auto& [one, two] : kSlips) {
    for (const auto& [from, to] : {std::pair{one, two}, std::pair{two, one}}) {
      for (size_t at = word.find(from); at != std::string::npos; at = word.find(from, at + 1)) {
        std::string other = word;
        other.replace(at, from.size(), to);
        if (Valid(api, other)) return true;
      }
    }
  }
  return false;
}

// Whether `word`, letters only, is a word of the recogniser's dictionary or
// two of its words joined: Dutch writes compounds as one word
// ("vervolgsessie"), perhaps joined by an "s" ("verdelingsbesluit"). The cut
// falls on a character boundary: a first part of three letters or more
// ("wet"), a second of four or more (the dictionary holds many three-letter
// fragments: "boveri" would be "bov" and "eri"). The dictionary holds odd
// words too, so a compound one slip away from a word of its own is rather
// that word misread: "secretanssen" is "secret" + "anssen", and
// "secretarissen" with "ri" read as "n" (a photocopy, lettergen seed 6615).
bool InDictionary(tesseract::TessBaseAPI& api, const std::string& word) {
  if (Valid(api, word)) return true;
  for (size_t cut = 3; cut + 4 <= word.size(); ++cut) {
    if ((static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80 || !Valid(api, word.substr(0, cut)))
      continue;
    const bool joined =
        Valid(api, word.substr(cut)) ||
        (word[cut] == 's' && cut + 5 <= word.size() && Valid(api, word.substr(cut + 1)));
    if (joined) return !NearDictionaryWord(api, word);
  }
  return false;
}

// Whether the parts of a hyphenated word that a dictionary can judge are its
// words: the lower-case parts of four letters or more. A capitalised part is
// a name or an abbreviation ("PRT-secretarissen", "Noord-Brabant"), and so is
// a short one ("amv-opvangplaatsen", "azc-locatie"); "e-mail"'s "e" is too
// short to judge. "PRT-secretanssen" (a photocopy of lettergen seed 6615) is
// judged by "secretanssen".
bool KnownParts(tesseract::TessBaseAPI& api, std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('-', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = text.substr(start, end - start);
    const bool judged = part.size() >= 4 && std::islower(static_cast<unsigned char>(part[0])) &&
                        std::all_of(part.begin(), part.end(), IsLetter);
    if (judged && !InDictionary(api, std::string(part))) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

bool DictionaryKnows(tesseract::TessBaseAPI& api, std::string_view text) {
  while (!text.empty() && !IsLetter(text.front())) text.remove_prefix(1);
  while (!text.empty() && !IsLetter(text.back())) text.remove_suffix(1);
  // "—" is three bytes beyond ASCII, no word.
  const auto ascii_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  if (std::count_if(text.begin(), text.end(), ascii_letter) < 3) return true;
  if (text.find('-') != std::string_view::npos) {
    const auto letter_or_hyphen = [](char c) { return c == '-' || IsLetter(c); };
    return !std::all_of(text.begin(), text.end(), letter_or_hyphen) || KnownParts(api, text);
  }
  return !std::all_of(text.begin(), text.end(), IsLetter) || InDictionary(api, std::string(text));
}

}  // namespace verdeelscan
