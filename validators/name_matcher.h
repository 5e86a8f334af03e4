// Matches damaged municipality and province names ("Haaksberqen", "KamDen",
// "Riissen-Holten", "Henqelo (O. )") to official names, with an OCR-aware edit
// distance: substitutions that OCR commonly makes (g/q, ij/ii, m/rn, l/i, e/c,
// a/o, D/p, ...) cost less than arbitrary ones. A name is only accepted when it
// is close enough AND clearly closer than the runner-up; otherwise it is
// reported unmatched, never guessed.
#ifndef VERDEELSCAN_VALIDATORS_NAME_MATCHER_H_
#define VERDEELSCAN_VALIDATORS_NAME_MATCHER_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "validators/reference.h"

namespace verdeelscan {

// Lower-case ASCII fold: diacritics removed ("Fryslân"→"fryslan"), punctuation
// and spaces dropped, "ij"/"ÿ" kept as is.
std::string FoldName(std::string_view s);

// `s` with each accented letter as its plain letter, the case kept ("provincië"
// → "provincie"), folded as FoldName folds it; everything else as it is.
std::string PlainLetters(std::string_view s);

// OCR-aware weighted edit distance between two folded strings (costs ×10:
// 10 = one arbitrary edit, less for common OCR confusions).
int OcrEditCost(std::string_view a, std::string_view b);

// OcrEditCost(a, b) <= limit, decided without the whole table when the cost
// is clearly over the limit (as it is for most words tested against a header
// word): stops once every path so far costs more than `limit`.
bool OcrEditCostAtMost(std::string_view a, std::string_view b, int limit);

struct NameMatch {
  const Municipality* municipality = nullptr;  // null when not accepted
  int cost = 0;                                // OcrEditCost to the best name or alias
  int runner_up_cost = 0;                      // next-best municipality (for the margin)
  std::string matched_form;                    // which name/alias matched
  std::string reason;                          // why rejected, or "exact"/"OCR-aware match"
};

// Matches among the municipalities of `province` (all 342 when empty),
// leaving out those whose CBS code is in `excluded`: a table lists each
// municipality once, so the names other rows already matched can settle a
// name that is otherwise ambiguous ("Edc": Ede or Epe, where Epe is a row).
NameMatch MatchMunicipality(std::string_view raw, std::string_view province = {},
                            const std::set<std::string>& excluded = {});

// The official province name for a damaged one ("overijssel", "Fryslan",
// "Noord Holland"), or "" when none is clearly meant.
std::string MatchProvince(std::string_view raw);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_VALIDATORS_NAME_MATCHER_H_
