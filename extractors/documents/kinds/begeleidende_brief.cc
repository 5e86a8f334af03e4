// The cover letter (begeleidende brief) sent with a verdeelbesluit: its
// letter head, the province addressed, its title and signatory, and, in a
// letter to one gemeente, the task it states.
#include <re2/re2.h>

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "extractors/documents/dates.h"
#include "extractors/documents/kinds/entries.h"
#include "extractors/documents/kinds/letter_fields.h"
#include "extractors/documents/letter_text.h"
#include "validators/glyph_model.h"
#include "validators/name_matcher.h"

namespace verdeelscan::kinds {
namespace {

using nlohmann::json;

void BegeleidendeBrief(const TextDocument& doc, const Segment& s, FieldOut& out) {
  Record& r = out.record;
  JoinedText j = JoinLines(doc, s.first, s.last);
  LetterHead(doc, s, out, {.date = true});
  // The province addressed: "Aanbieding verdeelbesluit provincie Overijssel",
  // "colleges van burgemeesters en wethouders van de provincie Overijssel".
  static const RE2 kProv("(?i)" + FuzzyPattern("provincie") +
                         "\\s+([^\\s,;.]+(?:\\s+[^\\s,;.]+)?)");
  re2::StringPiece in(j.text), cand;
  std::map<std::string, int> votes;
  std::string first_found;
  while (RE2::FindAndConsume(&in, kProv, &cand)) {
    std::string c = Squash(cand);
    std::string p = MatchProvince(c);
    if (p.empty()) {
      size_t sp = c.find(' ');
      if (sp != std::string::npos) p = MatchProvince(c.substr(0, sp));
    }
    if (p.empty()) continue;
    if (first_found.empty()) first_found = p;
    ++votes[p];
  }
  if (votes.size() == 1) {
    r.meta["province"] = first_found;
  } else if (votes.size() > 1) {
    // Several provinces named: the letter's own heading decides, else nothing.
    out.Missing("meta.province");
    json names = json::array();
    for (const auto& [p, n] : votes) names.push_back(p);
    r.meta["provinces_mentioned"] = names;
  } else {
    out.Missing("meta.province");
  }
  if (!j.starts.empty()) {
    static const RE2 kHeading("^" + FuzzyPattern("aanbieding verdeelbesluit"));
    for (size_t k = 0; k < std::min<size_t>(j.starts.size(), 3); ++k) {
      std::string_view line(j.text.data() + j.Begin(k), j.End(k) - j.Begin(k));
      if (RE2::PartialMatch(line, kHeading)) {
        std::string title = Squash(line);
        if (k + 1 < j.starts.size()) {
          std::string_view nx(j.text.data() + j.Begin(k + 1), j.End(k + 1) - j.Begin(k + 1));
          if (nx.size() < 40 && RE2::PartialMatch(nx, "(?i)^pro[vu]incie"))
            title += " " + Squash(nx);
        }
        r.meta["title"] = title;
        break;
      }
    }
  }
  Signatory(doc, s, out, /*required=*/false);
  r.extra["figures"] = Figures(doc, j);
  // A cover letter to one gemeente states its task: "Voor uw gemeente
  // betekent dit een taak van 197 reguliere opvangplaatsen en 0
  // amv-opvangplaatsen".
  AddressedGemeente(doc, s, out, /*required=*/false);
  // A photocopy reads the a of amv as "&" ("42 &mv-opvangplaatsen"), which
  // the line's reading may drop as a speck before its first word. Office
  // scans of lettergen seed 11300 read the m's first stroke as an r ("20
  // armv-opvangplaatsen") and a speck before a wrapped "amv" as a hyphen
  // ("40" / "-amv-opvangplaatsen"): the task was unread.
  // "van" may lose its n's second stroke ("een taak var 309 reguliere", a
  // photocopy of seed 11307: the task neither read nor unread).
  static const std::string kTaakVan =
      FuzzyPattern("taak") + "\\s*(?:" + FuzzyPattern("van") + "|v[aà]r)";
  static const RE2 kTaak("(?i)" + kTaakVan + "\\s*(\\S+)\\s*" + FuzzyPattern("reguliere") +
                         "[\\s\\S]{0,40}?" + FuzzyPattern("en") +
                         "\\s*(\\S+)\\s*(?:[-–.,'‘’`]\\s*)?(?:" + FuzzyPattern("amv") + "|&?" +
                         FuzzyPattern("mv") + "|armv)");
  // The task stated, however damaged the rest: when kTaak cannot read it,
  // it is unread, not absent (the letter was valid without it).
  static const RE2 kTaakStated("(?i)" + kTaakVan + "\\s*\\S+\\s*" + FuzzyPattern("reguliere"));
  re2::StringPiece reg, amv;
  if (!RE2::PartialMatch(j.text, kTaak, &reg, &amv) && RE2::PartialMatch(j.text, kTaakStated))
    out.Missing("taak");
  if (!reg.empty()) {
    json taak = json::object();
    // Each number is judged like the letter head's fields (field_confidence.h):
    // a scan's 0 read as 6 is a valid-looking wrong task.
    for (auto [key, piece] : {std::pair{"regulier", reg}, std::pair{"amv", amv}}) {
      std::string raw = Trim(std::string(piece));
      // The whole token is the number: ParseDutchNumber reads a prefix, and
      // "1?7" (a mark for a digit) is not 1.
      const bool whole = raw.find_first_not_of("0123456789.,OolI") == std::string::npos;
      std::optional<long> v = whole ? ParseDutchNumber(raw) : std::nullopt;
      if (!v) {
        out.Missing(std::string("taak.") + key);  // the other one alone is no task
        continue;
      }
      taak[key] = *v;
      out.ReadAt(std::string("taak.") + key, FieldType::kNumber,
                 j.LineAt(piece.data() - j.text.data()), raw, std::to_string(*v));
    }
    if (!taak.empty()) r.extra["taak"] = taak;
  }
}

}  // namespace

KindEntry BegeleidendeBriefEntry() {
  KindEntry e;
  e.kind = DocumentKind::kBegeleidendeBrief;
  AddCue(e, "heading: Aanbieding verdeelbesluit provincie", 4, 1,
         AtLineStart(FuzzyPattern("aanbieding verdeelbesluit provincie")));
  AddCue(e, "salutation: Geachte Commissaris van de Koning", 4, 1,
         Anywhere(FuzzyPattern("geachte commissaris van de koning")));
  AddCue(e, "address: Commissaris van de Koning", 2, 1,
         Anywhere(FuzzyPattern("commissaris van de koning")));
  AddCue(e, "address: colleges van burgemeesters en wethouders", 2, 1,
         Anywhere(FuzzyPattern("colleges van burgemeesters en")));
  AddCue(e, "phrase: het besluit voor uw provincie", 2, 1,
         Anywhere(FuzzyPattern("besluit voor uw provincie")));
  AddCue(e, "phrase: Hierbij ontvangt u het verdeelbesluit", 3, 1,
         Anywhere(FuzzyPattern("hierbij ontvangt u het verdeelbesluit")));
  AddCue(e, "phrase: deze begeleidende brief", 2, 1,
         Anywhere(FuzzyPattern("deze begeleidende brief")));
  e.read_fields = BegeleidendeBrief;
  return e;
}

}  // namespace verdeelscan::kinds
