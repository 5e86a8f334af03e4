// A document of no known kind. Its cues recognise a Woo grounds page (the
// list of grounds on which passages were made unreadable): filler, kept as an
// unknown record, whose grounds are read.
#include <re2/re2.h>

#include <string>

#include "extractors/documents/kinds/entries.h"
#include "extractors/documents/kinds/letter_fields.h"
#include "extractors/documents/letter_text.h"

namespace verdeelscan::kinds {
namespace {

using nlohmann::json;

json WooGrounds(const TextDocument& doc, const Segment& s) {
  static const RE2 kGround(
      R"((?i)^\s*(?:([A-Z])\s+)?art(?:ikel)?\.?\s*(\d{1,2}\.\d)\s*(?:,\s*)?lid\s*(\d)\s*(?:,\s*)?(?:sub|onder)\s*([a-z])\b)");
  json out = json::array();
  for (int i = s.first; i <= s.last; ++i) {
    std::string key, art, lid, sub;
    if (!RE2::PartialMatch(doc.lines[i].text, kGround, &key, &art, &lid, &sub)) continue;
    json g = {{"ground", art + "." + lid + sub},
              {"line", LineNo(doc, i)},
              {"text", Squash(doc.lines[i].text)}};
    if (!key.empty()) g["key"] = key;
    out.push_back(g);
  }
  return out;
}

void WooGroundsFields(const TextDocument& doc, const Segment& s, FieldOut& out) {
  json g = WooGrounds(doc, s);
  if (!g.empty()) out.record.extra["woo_grounds"] = g;
}

}  // namespace

KindEntry UnknownEntry() {
  KindEntry e;
  e.kind = DocumentKind::kUnknown;
  AddCue(e, "heading: Toelichting grondslagen", 5, 1,
         AtLineStart(FuzzyPattern("toelichting grondslagen")));
  AddCue(e, "phrase: secties die onleesbaar zijn gemaakt", 3, 1,
         Anywhere(FuzzyPattern("onleesbaar zijn gemaakt")));
  e.verdict_note = "Woo grounds page";
  e.read_fields = WooGroundsFields;
  return e;
}

}  // namespace verdeelscan::kinds
