#include "extractors/ingest/page_quality.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <unordered_set>

#include "validators/reference.h"

namespace verdeelscan {

namespace dutch_words_data {
extern const char kDutchWords[];  // dutch_words.txt, compiled in (CMakeLists.txt)
}

namespace {

// Decodes UTF-8; false on an invalid sequence (never a plausible word).
bool DecodeUtf8(std::string_view s, std::u32string* out) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const int extra = c < 0x80           ? 0
                      : (c >> 5) == 0x6  ? 1
                      : (c >> 4) == 0xE  ? 2
                      : (c >> 3) == 0x1E ? 3
                                         : -1;
    if (extra < 0 || i + extra >= s.size() + (extra == 0)) return false;
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k <= extra; ++k) {
      const unsigned char d = s[i + k];
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    out->push_back(cp);
    i += extra + 1;
  }
  return true;
}

std::string EncodeUtf8(std::u32string_view s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// Letters of the Latin script as Dutch and its neighbours write them: ASCII,
// Latin-1 (é, ë, ü, ç, ...) and Latin Extended-A (ĳ, ł, š, ...).
bool IsLatinLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  if (c >= 0xC0 && c <= 0xFF) return c != 0xD7 && c != 0xF7;
  return c >= 0x100 && c <= 0x17F;
}

bool IsUpper(char32_t c) {
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  return c >= 0x100 && c <= 0x17F && c % 2 == 0;
}

char32_t ToLower(char32_t c) {
  if (!IsUpper(c)) return c;
  return c < 0x100 ? c + 0x20 : c + 1;
}

bool IsVowel(char32_t c) {
  c = ToLower(c);
  static const std::u32string_view kVowels = U"aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿ";
  return kVowels.find(c) != std::u32string_view::npos;
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

std::u32string Lower(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) c = ToLower(c);
  return out;
}

// The Dutch word list and every word of every municipality name and alias,
// lowercased ("'s-hertogenbosch", "hertogenbosch", "súdwest-fryslân", ...).
const std::unordered_set<std::string>& Lexicon() {
  static const std::unordered_set<std::string>* lexicon = [] {
    auto* set = new std::unordered_set<std::string>;
    std::istringstream in(dutch_words_data::kDutchWords);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream words(line);
      std::string w;
      while (words >> w) set->insert(w);
    }
    auto add_name = [&](const std::string& name) {
      std::u32string cps;
      if (!DecodeUtf8(name, &cps)) return;
      std::u32string word;
      for (char32_t c : cps) {
        if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == ',') {
          if (!word.empty()) set->insert(EncodeUtf8(Lower(word)));
          word.clear();
        } else {
          word += c;
        }
      }
      if (!word.empty()) set->insert(EncodeUtf8(Lower(word)));
      set->insert(EncodeUtf8(Lower(cps)));
    };
    for (const Municipality& m : Reference::Default().municipalities()) {
      add_name(m.name);
      for (const std::string& alias : m.aliases) add_name(alias);
    }
    for (const std::string& province : Reference::Default().provinces()) add_name(province);
    return set;
  }();
  return *lexicon;
}

// "zwolle", "Zwolle", "ZWOLLE", "IJsselstein"; not "zWOLLE" or "ZwOlle".
bool SaneCase(std::u32string_view word) {
  size_t upper = 0, letters = 0;
  for (char32_t c : word) {
    letters += IsLatinLetter(c);
    upper += IsUpper(c);
  }
  if (upper == 0 || upper == letters) return true;
  const size_t leading = word.size() >= 2 && word[0] == 'I' && word[1] == 'J' ? 2 : 1;
  if (upper != leading) return false;
  for (size_t i = 0; i < leading; ++i) {
    if (!IsUpper(word[i])) return false;
  }
  return true;
}

// In the lexicon, written in a case pattern a document would use.
bool InLexicon(std::u32string_view word) {
  return !word.empty() && SaneCase(word) && Lexicon().count(EncodeUtf8(Lower(word))) > 0;
}

// "5.787", "20-12-2024", "12,5%", "€ 1.234,-", "2024/25": digits with single
// separators between them, an optional sign or currency before and a percent
// after.
bool IsNumber(std::u32string_view w) {
  if (!w.empty() && (w.front() == U'€' || w.front() == U'§' || w.front() == '+' ||
                     w.front() == '-' || w.front() == U'±')) {
    w.remove_prefix(1);
  }
  if (w.size() >= 2 && w.substr(w.size() - 2) == U",-") w.remove_suffix(2);
  if (!w.empty() && (w.back() == '%' || w.back() == U'‰')) w.remove_suffix(1);
  if (w.empty() || !IsDigit(w.front()) || !IsDigit(w.back())) return false;
  bool after_separator = false;
  for (char32_t c : w) {
    if (IsDigit(c)) {
      after_separator = false;
    } else if (c == '.' || c == ',' || c == ':' || c == '/' || c == '-' || c == U'–') {
      if (after_separator) return false;
      after_separator = true;
    } else {
      return false;
    }
  }
  return true;
}

// "GM0148", "A4" (a code), "1e", "3de", "21ste" (an ordinal).
bool IsCodeOrOrdinal(std::u32string_view w) {
  size_t letters = 0;
  while (letters < w.size() && w[letters] >= 'A' && w[letters] <= 'Z') ++letters;
  if (letters >= 1 && letters <= 3 && letters < w.size() && w.size() - letters <= 6) {
    bool digits = true;
    for (size_t i = letters; i < w.size(); ++i) digits &= IsDigit(w[i]);
    if (digits) return true;
  }
  size_t digits = 0;
  while (digits < w.size() && IsDigit(w[digits])) ++digits;
  if (digits == 0 || digits > 4) return false;
  const std::u32string_view suffix = w.substr(digits);
  return suffix == U"e" || suffix == U"de" || suffix == U"ste" || suffix == U"x";
}

// One part of a word (between hyphens): letters in one case pattern that a
// Latin-script language could spell.
bool LooksLikeWordPart(std::u32string_view part) {
  if (part.empty()) return false;
  for (char32_t c : part) {
    if (!IsLatinLetter(c)) return false;
  }
  if (!SaneCase(part)) return false;
  size_t upper = 0;
  for (char32_t c : part) upper += IsUpper(c);
  const bool all_upper = upper == part.size();
  if (part.size() == 1) return false;  // single letters only from the lexicon
  int consonant_run = 0, vowel_run = 0, repeat = 1;
  bool vowel = false;
  for (size_t i = 0; i < part.size(); ++i) {
    const bool v = IsVowel(part[i]);
    vowel |= v;
    consonant_run = v ? 0 : consonant_run + 1;
    vowel_run = v ? vowel_run + 1 : 0;
    repeat = i > 0 && ToLower(part[i]) == ToLower(part[i - 1]) ? repeat + 1 : 1;
    if (consonant_run > 6 || vowel_run > 4 || repeat > 2) return false;
  }
  // Abbreviations ("COA", "IND", "BRP") may lack a vowel.
  return vowel || (all_upper && part.size() <= 5);
}

bool IsPlausiblePart(std::u32string_view part) {
  // "'s-Hertogenbosch", "auto's"
  if (!part.empty() && (part.front() == '\'' || part.front() == U'’')) part.remove_prefix(1);
  if (part.size() > 2 && (part[part.size() - 2] == '\'' || part[part.size() - 2] == U'’') &&
      part.back() == 's') {
    part.remove_suffix(2);
  }
  return InLexicon(part) || LooksLikeWordPart(part);
}

}  // namespace

bool IsPlausibleWord(std::string_view raw) {
  std::u32string cps;
  if (raw.empty() || !DecodeUtf8(raw, &cps)) return false;
  std::u32string_view w = cps;
  // Underscores and bars are often ruling remnants glued to a word.
  static const std::u32string_view kOpening = U"([{\"'‘“„«‹_|";
  static const std::u32string_view kClosing = U")]}\"'’”»›.,;:!?…_|";
  // A lone dash (a nil in a table), ampersand, section or euro sign.
  if (w.size() == 1 && std::u32string_view(U"-–—&§€%•").find(w[0]) != std::u32string_view::npos) {
    return true;
  }
  while (!w.empty() && kOpening.find(w.front()) != std::u32string_view::npos) w.remove_prefix(1);
  while (!w.empty() && kClosing.find(w.back()) != std::u32string_view::npos) {
    w.remove_suffix(1);
  }
  if (w.empty()) return false;  // only punctuation: a speck read as "." or "|"
  if (InLexicon(w) || IsNumber(w) || IsCodeOrOrdinal(w)) return true;
  // Compounds and word breaks: "amv-opvangplaatsen", "en/of", "opvang-".
  size_t start = 0;
  int parts = 0;
  for (size_t i = 0; i <= w.size(); ++i) {
    if (i < w.size() && w[i] != '-' && w[i] != '/' && w[i] != U'–') continue;
    const std::u32string_view part = w.substr(start, i - start);
    const bool trailing_break = part.empty() && i == w.size() && parts > 0;
    if (!trailing_break && !IsPlausiblePart(part)) return false;
    ++parts;
    start = i + 1;
  }
  return true;
}

void MeasurePageQuality(const std::vector<TextLine>& lines, PageInfo* info) {
  int words = 0, plausible = 0;
  double confidence = 0;
  for (const TextLine& line : lines) {
    if (line.page != info->page) continue;
    for (const Word& w : line.words) {
      ++words;
      confidence += w.confidence;
      plausible += IsPlausibleWord(w.text);
    }
  }
  info->word_count = words;
  info->mean_word_confidence = words > 0 ? confidence / words : 0;
  info->plausible_word_share = words > 0 ? double(plausible) / words : 0;
}

PageImageMeasures MeasurePageImage(Pix* page, int dpi) {
  PageImageMeasures m;
  if (page == nullptr) return m;
  PixPtr gray(pixConvertTo8(page, 0));
  if (!gray) return m;
  const float f = std::min(1.0f, 75.0f / float(std::max(1, dpi)));
  if (f < 0.95f) {
    // Sampled, not averaged: averaging would turn noise into even grey
    // that passes for paper.
    PixPtr reduced(pixScaleBySampling(gray.get(), f, f));
    if (!reduced) return m;
    gray = std::move(reduced);
  }
  NUMA* histogram = pixGetGrayHistogram(gray.get(), 1);
  if (histogram == nullptr) return m;
  std::array<double, 256> counts{};
  double total = 0;
  for (int v = 0; v < 256 && v < numaGetCount(histogram); ++v) {
    float c = 0;
    numaGetFValue(histogram, v, &c);
    counts[size_t(v)] = c;
    total += c;
  }
  numaDestroy(&histogram);
  if (total <= 0) return m;
  double below = 0;
  int level = 255;
  for (int v = 0; v < 256; ++v) {
    below += counts[size_t(v)];
    if (below >= 0.95 * total) {
      level = v;
      break;
    }
  }
  double paper = 0;
  for (int v = std::max(0, level - kPaperBand); v < 256; ++v) paper += counts[size_t(v)];
  m.paper_level = level;
  m.paper_share = paper / total;
  return m;
}

std::string UnreadableImageReason(const PageImageMeasures& m) {
  char buf[160];
  if (m.paper_level < kMinPaperLevel) {
    std::snprintf(buf, sizeof buf,
                  "no paper showing (paper level %d: a black page; judged from the image alone)",
                  m.paper_level);
    return buf;
  }
  if (m.paper_share < kMinPaperShare) {
    std::snprintf(
        buf, sizeof buf,
        "only %d%% of the page is paper (noise or a photograph; judged from the image alone)",
        int(std::lround(100 * m.paper_share)));
    return buf;
  }
  return "";
}

bool ReadsAsUpright(const PageInfo& info, double min_word_confidence, double min_plausible_share) {
  return info.word_count >= kMinWordsToJudge && info.mean_word_confidence >= min_word_confidence &&
         info.plausible_word_share >= min_plausible_share;
}

bool ReadsBetter(const PageInfo& a, const PageInfo& b) {
  return a.word_count >= kMinWordsToJudge && a.mean_word_confidence > b.mean_word_confidence;
}

std::string UnreadablePageReason(const PageInfo& info) {
  if (!info.unreadable_image.empty()) return info.unreadable_image;
  if (info.mean_word_confidence < 0 || info.word_count < kMinWordsToJudge) return "";
  const bool unsure = info.mean_word_confidence < kMinMeanWordConfidence;
  const bool implausible = info.plausible_word_share < kMinPlausibleWordShare;
  if (!unsure && !implausible) return "";
  char buf[160];
  std::snprintf(buf, sizeof buf, "mean word confidence %.2f, %d%% plausible words (of %d)",
                info.mean_word_confidence, int(std::lround(100 * info.plausible_word_share)),
                info.word_count);
  return buf;
}

}  // namespace verdeelscan
