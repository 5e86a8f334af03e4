// A letter to parliament (kamerbrief): its letter head, the attachments it
// states and lists, the signatory, and the figures it states.
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "extractors/documents/dates.h"
#include "extractors/documents/kinds/entries.h"
#include "extractors/documents/kinds/letter_fields.h"
#include "extractors/documents/letter_text.h"
#include "validators/glyph_model.h"

namespace verdeelscan::kinds {
namespace {

using nlohmann::json;

constexpr const char* kCountLabels[] = {"bijlagen", "bijlage(n)", "bijlage"};

// The count under a "Bijlagen" label read as one mark or a short token
// without a word: an office scan of lettergen seed 11601 read the lone "2"
// as ">" (its alternatives: "»", then "2") between two specks, and the line
// went as debris; seed 11602 read a 1 as "Î". Looked for in the raw line
// below the label; a dash there is no count but "none".
std::optional<LabelValue> IllegibleCount(const TextDocument& doc, const Segment& s) {
  static const RE2 kWord(R"((\S+))");
  static const RE2 kSpeck(R"([.,'‘’‚:;`]+)");
  static const RE2 kCountShape(R"([^\s\-–—]{1,3})"), kTwoLetters(R"(\pL\pL)");
  for (const char* label : kCountLabels)
    for (LabelValue lv : FindLabelValues(doc, s.first, s.last, label, 1)) {
      int k = lv.label_line + 1;
      while (k <= s.last && IsBlankLine(doc.lines[k].text)) ++k;
      if (lv.line == lv.label_line || k > s.last) continue;
      // One short token, and nothing else on the line but specks.
      re2::StringPiece rest(doc.lines[k].text);
      std::string word, count;
      int tokens = 0;
      while (RE2::FindAndConsume(&rest, kWord, &word))
        if (!RE2::FullMatch(word, kSpeck)) {
          count = word;
          ++tokens;
        }
      if (tokens != 1 || !RE2::FullMatch(count, kCountShape) ||
          RE2::PartialMatch(count, kTwoLetters))
        continue;
      return LabelValue{count, lv.label_line, k};
    }
  return std::nullopt;
}

void Kamerbrief(const TextDocument& doc, const Segment& s, FieldOut& out) {
  Record& r = out.record;
  LetterHead(doc, s, out, {.date = true, .reference = true, .subject = true});
  std::optional<long> stated;
  for (const char* label : kCountLabels) {
    for (const LabelValue& lv : FindLabelValues(doc, s.first, s.last, label, 1)) {
      // The value is a bare count ("13"); "1. Overzicht ..." is a list item.
      std::string tok;
      if (!RE2::FullMatch(lv.value, R"(([0-9OolI]{1,3})\.?)", &tok)) continue;
      if (std::optional<long> n = ParseDutchNumber(tok)) {
        stated = n;
        // Judged like every number read from a page (field_confidence.h): a
        // "2" a scan read as "5" at confidence 0.29 was a valid count.
        out.ReadAt("meta.attachments", FieldType::kNumber, lv.line, tok, std::to_string(*n));
        break;
      }
    }
    if (stated) break;
  }
  if (stated) {
    r.meta["attachments"] = *stated;
  } else {
    out.Missing("meta.attachments");
    if (std::optional<LabelValue> count = IllegibleCount(doc, s))
      out.Illegible("meta.attachments", FieldType::kNumber, count->line, count->value);
  }

  // Listed attachments: "Bijlage 1: ...", or an enumerated list under a
  // "Bijlagen:" heading. Only when the letter lists them is the count checked.
  static const RE2 kNumbered(R"((?i)^\s*bijlage\s+(\d{1,2})\b)");
  static const RE2 kListHead(R"((?i)^\s*bijlage(?:n|\(n\))?\s*:?\s*$)");
  static const RE2 kItem(R"(^\s*(?:\d{1,2}[.)]|[-•–*·])\s+\S)");
  std::set<int> numbered;
  int listed = 0;
  for (int i = s.first; i <= s.last; ++i) {
    std::string t = CleanLine(doc.lines[i]);
    int n = 0;
    if (RE2::PartialMatch(t, kNumbered, &n)) numbered.insert(n);
    if (RE2::FullMatch(t, kListHead)) {
      int items = 0;
      for (int k = i + 1; k <= s.last; ++k) {
        std::string it = CleanLine(doc.lines[k]);
        if (IsBlankLine(it)) {
          if (items > 0 && k + 1 <= s.last && !RE2::PartialMatch(doc.lines[k + 1].text, kItem))
            break;
          continue;
        }
        if (!RE2::PartialMatch(it, kItem)) break;
        ++items;
      }
      listed = std::max(listed, items);
    }
  }
  listed = std::max(listed, static_cast<int>(numbered.size()));
  if (listed > 0) {
    r.meta["attachments_listed"] = listed;
    if (stated) {
      Check c;
      c.id = "kamerbrief.attachments";
      c.expected = *stated;
      c.actual = listed;
      c.status = *stated == listed ? CheckStatus::kPass : CheckStatus::kFinding;
      c.detail = *stated == listed
                     ? "the stated number of attachments equals the attachments listed"
                     : "the letter states " + std::to_string(*stated) + " attachments but lists " +
                           std::to_string(listed);
      r.checks.push_back(c);
    }
  }
  Signatory(doc, s, out, /*required=*/true);
  r.extra["figures"] = Figures(doc, JoinLines(doc, s.first, s.last));
}

}  // namespace

KindEntry KamerbriefEntry() {
  KindEntry e;
  e.kind = DocumentKind::kKamerbrief;
  // The addressee's title may be misread past any glyph rule ("Voorziuer", a
  // photocopy of lettergen seed 8012: an unknown record): "Aan de", one
  // word of a title's length, and "van de Tweede Kamer" are the address. Or
  // "Aan" may be ("Adn de Voorzitter", an office scan of seed 8905): any
  // three letters opening a line before "de Voorzitter van de Tweede Kamer"
  // (prose's "met de voorzitter van ..." stands inside a line).
  const std::string gap(kFuzzyWordGap);
  // Latin letters, not \pL: every \pL is a large automaton, and with a dozen
  // optional gaps the cue outgrew RE2's DFA budget (logged "DFA out of
  // memory" and fell back to the slow engine).
  const std::string letter = "[A-Za-zÀ-ÿ]";
  const std::string chamber = gap + FuzzyPattern("van de") + gap + "(?:" + FuzzyPattern("tweede") +
                              "|" + FuzzyPattern("eerste") + ")" + gap + FuzzyPattern("kamer");
  AddCue(e, "address: Aan de Voorzitter van de Tweede Kamer", 5, 1,
         Anywhere("(?:" + FuzzyPattern("aan de") + gap + "(?:" + FuzzyPattern("voorzitter") + "|" +
                  letter + "{6,14})" + chamber + "|(?m:^)" + letter + "{3}" + gap +
                  FuzzyPattern("de") + gap + FuzzyPattern("voorzitter") + chamber + ")"));
  AddCue(e, "address: Staten-Generaal", 2, 1, Anywhere(FuzzyPattern("staten-generaal")));
  e.read_fields = Kamerbrief;
  return e;
}

}  // namespace verdeelscan::kinds
