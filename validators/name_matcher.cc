#include "validators/name_matcher.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <unordered_map>

#include "core/utf8.h"
#include "validators/cost_model.h"

namespace verdeelscan {
namespace {

// Cost units: 10 = one arbitrary edit (validators/cost_model.h). Compile-time
// constants: every tolerance in the readers is counted in these units.
constexpr int kEdit = CostModel{}.name_edit_cost;
constexpr int kConfusable = CostModel{}.name_confusable_cost;

// Single-character confusions that OCR makes in Latin print (after folding).
bool Confusable(char a, char b) {
  static const char* kPairs[] = {"gq", "ij", "il", "lt", "ec", "ao", "dp", "nh", "uv",
                                 "ft", "rt", "ce", "oe", "bh", "li", "jl", "ae", "kx",
                                 "ck", "yv", "nu", "oq", "db", "cg", "sz", "mn", "rn"};
  for (const char* p : kPairs) {
    if ((p[0] == a && p[1] == b) || (p[0] == b && p[1] == a)) return true;
  }
  return false;
}

// Two characters read as one, or one as two: "rn"→"m", "ri"→"n", "cl"→"d", "vv"→"w", "ii"→"ü".
bool ConfusablePair(char x, char y, char single) {
  static const std::array<std::array<char, 3>, 7> kSplits = {{{'r', 'n', 'm'},
                                                              {'r', 'i', 'n'},
                                                              {'c', 'l', 'd'},
                                                              {'v', 'v', 'w'},
                                                              {'l', 'i', 'h'},
                                                              {'i', 'n', 'm'},
                                                              {'n', 'n', 'm'}}};
  for (const auto& s : kSplits) {
    if (s[0] == x && s[1] == y && s[2] == single) return true;
  }
  return false;
}

// What a letter outside ASCII folds to: ICU's compatibility decomposition
// (NFKD: "é" is e + accent, the ligature "ĳ" is i + j, "ﬁ" is f + i) with the
// marks dropped and the case folded, so that every accented Latin letter,
// capital or not, folds without a table of our own. What is left that is not
// an ASCII letter ("ø", "ß", symbols) folds to nothing, as punctuation does.
std::string FoldNonAscii(UChar32 cp) {
  // OCR's own substitutions, which no decomposition knows: "ij" read as "ÿ",
  // "e" read as "€"; quotes are punctuation.
  if (cp == 0x00FF) return "ij";
  if (cp == 0x20AC) return "e";
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  if (U_FAILURE(err)) return "";
  icu::UnicodeString parts;
  nfkd->normalize(icu::UnicodeString(cp), parts, err);
  if (U_FAILURE(err)) return "";
  std::string out;
  for (int32_t k = 0; k < parts.length();) {
    const UChar32 part = u_foldCase(parts.char32At(k), U_FOLD_CASE_DEFAULT);
    k += U16_LENGTH(parts.char32At(k));
    if (part < 0x80 && std::isalpha(part)) out += static_cast<char>(part);
  }
  return out;
}

// Folds one UTF-8 code point starting at s[i]; advances i past it (one byte
// when it is malformed, which folds to nothing).
std::string FoldCodePoint(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  if (c < 0x80) {
    ++i;
    if (std::isalpha(c)) return std::string(1, static_cast<char>(std::tolower(c)));
    // Digits and strokes inside a name are OCR damage of letters.
    if (c == '1' || c == '/' || c == '|' || c == '!') return "l";
    if (c == '0') return "o";
    if (c == '5') return "s";
    return "";
  }
  const size_t n = WellFormedUtf8Length(s, i);
  if (n == 0) {
    ++i;
    return "";
  }
  UChar32 cp = 0;
  int32_t offset = 0;
  U8_NEXT_UNSAFE(reinterpret_cast<const uint8_t*>(s.data() + i), offset, cp);
  i += n;
  return FoldNonAscii(cp);
}

}  // namespace

std::string PlainLetters(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t n = static_cast<unsigned char>(s[i]) < 0x80 ? 1 : WellFormedUtf8Length(s, i);
    if (n <= 1) {
      out += s[i++];
      continue;
    }
    UChar32 cp = 0;
    int32_t offset = 0;
    U8_NEXT_UNSAFE(reinterpret_cast<const uint8_t*>(s.data() + i), offset, cp);
    std::string plain = FoldNonAscii(cp);
    // A letter that folds to one plain letter; anything else stays as read.
    if (plain.size() == 1 && cp != 0x00FF && cp != 0x20AC) {
      if (u_isupper(cp))
        plain[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(plain[0])));
      out += plain;
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

namespace {

struct Candidate {
  const Municipality* m;
  int cost;
  std::string form;
};

}  // namespace

std::string FoldName(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) out += FoldCodePoint(s, i);
  return out;
}

namespace {

// The table of OcrEditCost, filled row by row; with `limit` >= 0 it stops
// once every entry that can still lead to (n, m) costs more than `limit`
// and returns limit + 1.
int OcrEditCostBounded(std::string_view a, std::string_view b, int limit) {
  const size_t n = a.size(), m = b.size();
  // Each character of length difference costs at least 2 (an insert or
  // delete 10, a confusable pair 4 for one, "rri" for m 4 for two).
  if (limit >= 0 && 2 * static_cast<long>(n > m ? n - m : m - n) > limit) return limit + 1;
  // One flat table, reused by the thread: this runs for every municipality
  // against every name cell, and a table per call was most of its time.
  thread_local std::vector<int> table;
  table.assign((n + 1) * (m + 1), INT_MAX / 2);
  auto d = [&](size_t i, size_t j) -> int& { return table[i * (m + 1) + j]; };
  d(0, 0) = 0;
  for (size_t i = 0; i <= n; ++i) {
    for (size_t j = 0; j <= m; ++j) {
      int cur = d(i, j);
      if (cur >= INT_MAX / 2) continue;
      if (i < n) d(i + 1, j) = std::min(d(i + 1, j), cur + kEdit);
      if (j < m) d(i, j + 1) = std::min(d(i, j + 1), cur + kEdit);
      if (i < n && j < m) {
        int sub = a[i] == b[j] ? 0 : Confusable(a[i], b[j]) ? kConfusable : kEdit;
        d(i + 1, j + 1) = std::min(d(i + 1, j + 1), cur + sub);
      }
      if (i + 1 < n && j < m && ConfusablePair(a[i], a[i + 1], b[j])) {
        d(i + 2, j + 1) = std::min(d(i + 2, j + 1), cur + kConfusable);
      }
      if (j + 1 < m && i < n && ConfusablePair(b[j], b[j + 1], a[i])) {
        d(i + 1, j + 2) = std::min(d(i + 1, j + 2), cur + kConfusable);
      }
      // "rri" for m: the m split in r + n, and the n in r + i ("Roerrriond").
      if (i + 2 < n && j < m && b[j] == 'm' && a[i] == 'r' && a[i + 1] == 'r' && a[i + 2] == 'i') {
        d(i + 3, j + 1) = std::min(d(i + 3, j + 1), cur + kConfusable);
      }
    }
    // Rows up to i are final; every later entry grows from rows i+1..i+3.
    if (limit >= 0 && i < n) {
      int lowest = INT_MAX / 2;
      for (size_t r = i + 1; r <= std::min(n, i + 3); ++r)
        for (size_t j = 0; j <= m; ++j) lowest = std::min(lowest, d(r, j));
      if (lowest > limit) return limit + 1;
    }
  }
  return d(n, m);
}

}  // namespace

int OcrEditCost(std::string_view a, std::string_view b) { return OcrEditCostBounded(a, b, -1); }

bool OcrEditCostAtMost(std::string_view a, std::string_view b, int limit) {
  return limit >= 0 && OcrEditCostBounded(a, b, limit) <= limit;
}

namespace {

NameMatch MatchOnce(std::string_view raw, std::string_view province,
                    const std::set<std::string>& excluded) {
  NameMatch result;
  const std::string folded = FoldName(raw);
  if (folded.size() < 2) {
    result.reason = "too short to match";
    return result;
  }
  std::vector<Candidate> best;  // best form per municipality
  for (const Municipality* m : Reference::Default().InProvince(province)) {
    if (excluded.count(m->cbs_code)) continue;
    Candidate c{m, INT_MAX, ""};
    auto consider = [&](const std::string& form) {
      int cost = OcrEditCost(folded, FoldName(form));
      if (cost < c.cost) {
        c.cost = cost;
        c.form = form;
      }
    };
    consider(m->name);
    for (const std::string& a : m->aliases) consider(a);
    best.push_back(c);
  }
  if (best.empty()) {
    result.reason = "no municipalities known for province '" + std::string(province) + "'";
    return result;
  }
  std::sort(best.begin(), best.end(),
            [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
  result.cost = best[0].cost;
  result.matched_form = best[0].form;
  result.runner_up_cost = best.size() > 1 ? best[1].cost : INT_MAX / 2;
  // Up to ~0.3 arbitrary edits per character, and clearly better than the next.
  const int limit = std::max(12, static_cast<int>(folded.size()) * 3);
  const int margin = std::max(kEdit, result.cost / 2);
  if (result.cost > limit) {
    result.reason = "closest is '" + best[0].m->name + "' at edit cost " +
                    std::to_string(result.cost) + ", over the limit " + std::to_string(limit);
    return result;
  }
  // An exact spelling wins unless another name is spelled exactly so too
  // ("Ede" next to "Epe" is not ambiguous; a damaged "Epe" may be).
  const bool unique_exact = result.cost == 0 && result.runner_up_cost > 0;
  if (!unique_exact && result.runner_up_cost - result.cost < margin) {
    result.reason = "ambiguous between '" + best[0].m->name + "' and '" + best[1].m->name + "'";
    return result;
  }
  result.municipality = best[0].m;
  result.reason = result.cost == 0 ? "exact" : "OCR-aware match";
  return result;
}

// Words of one or two characters at either end of a cell that match nothing
// are usually debris of a ruling line or a neighbouring cell ("Urk ij", "| Epe").
std::string_view WithoutStrayEnds(std::string_view raw) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
    return v;
  };
  std::string_view v = trim(raw);
  for (;;) {
    const size_t sp = v.rfind(' ');
    if (sp == std::string_view::npos || v.size() - sp - 1 > 2) break;
    v = trim(v.substr(0, sp));
  }
  for (;;) {
    const size_t sp = v.find(' ');
    if (sp == std::string_view::npos || sp > 2) break;
    v = trim(v.substr(sp + 1));
  }
  return v;
}

NameMatch MatchMunicipalityUncached(std::string_view raw, std::string_view province,
                                    const std::set<std::string>& excluded) {
  NameMatch result = MatchOnce(raw, province, excluded);
  if (result.municipality) return result;
  const std::string_view core = WithoutStrayEnds(raw);
  if (core.size() == raw.size() || core.size() < 3) return result;
  NameMatch retry = MatchOnce(core, province, excluded);
  if (!retry.municipality) return result;
  retry.reason += " after dropping the stray characters around '" + std::string(core) + "'";
  return retry;
}

}  // namespace

NameMatch MatchMunicipality(std::string_view raw, std::string_view province,
                            const std::set<std::string>& excluded) {
  if (!excluded.empty()) return MatchMunicipalityUncached(raw, province, excluded);
  // The same cell text is matched again and again: by the table readers while
  // they decide where names begin and end, by the record builder, and for
  // every copy of a line OCR repeated (a garbage page of one line many times
  // took seconds: each match costs an edit distance against 342 names). The
  // answer depends only on the text and the province; remembered per thread,
  // a bounded number of them.
  constexpr size_t kRemembered = 4096;
  thread_local std::unordered_map<std::string, NameMatch> remembered;
  std::string key(province);
  key += '\0';
  key += raw;
  if (auto it = remembered.find(key); it != remembered.end()) return it->second;
  NameMatch result = MatchMunicipalityUncached(raw, province, excluded);
  if (remembered.size() >= kRemembered) remembered.clear();
  remembered.emplace(std::move(key), result);
  return result;
}

std::string MatchProvince(std::string_view raw) {
  static const std::pair<const char*, const char*> kAliases[] = {{"Friesland", "Fryslân"},
                                                                 {"Fryslan", "Fryslân"}};
  const std::string folded = FoldName(raw);
  if (folded.size() < 4) return "";
  std::string best;
  int best_cost = INT_MAX, second = INT_MAX;
  auto consider = [&](const std::string& form, const std::string& official) {
    int cost = OcrEditCost(folded, FoldName(form));
    if (cost < best_cost) {
      if (official != best) second = best_cost;
      best_cost = cost;
      best = official;
    } else if (official != best && cost < second) {
      second = cost;
    }
  };
  for (const std::string& p : Reference::Default().provinces()) consider(p, p);
  for (const auto& [alias, official] : kAliases) consider(alias, official);
  const int limit = std::max(10, static_cast<int>(folded.size()) * 3);
  if (best_cost > limit || second - best_cost < kEdit) return "";
  return best;
}

}  // namespace verdeelscan
