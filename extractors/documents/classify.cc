#include "extractors/documents/classify.h"

#include <re2/re2.h>

#include <memory>
#include <vector>

#include "extractors/documents/letter_text.h"

namespace verdeelscan {
namespace {

struct Cue {
  const char* kind;
  const char* label;  // evidence text: "heading: Besluit van de Minister"
  int weight;
  int max_hits;  // a cue counts at most this often
  std::unique_ptr<RE2> re;
};

// (?m) so that ^ anchors at every line start of the joined text.
std::unique_ptr<RE2> LineStart(const std::string& fuzzy) {
  return std::make_unique<RE2>("(?m)^" + fuzzy);
}
std::unique_ptr<RE2> Anywhere(const std::string& fuzzy) { return std::make_unique<RE2>(fuzzy); }

const std::vector<Cue>& Cues() {
  static const std::vector<Cue>* cues = [] {
    auto* v = new std::vector<Cue>;
    auto add = [&](const char* kind, const char* label, int w, int max, std::unique_ptr<RE2> re) {
      v->push_back({kind, label, w, max, std::move(re)});
    };
    const std::string F_besluit = FuzzyPattern("besluit van de minister");
    add("verdeelbesluit", "heading: Besluit van de Minister", 5, 1, LineStart(F_besluit));
    add("verdeelbesluit", "phrase: houdende de verdeling van asielopvangplaatsen", 3, 1,
        Anywhere(FuzzyPattern("houdende de verdeling van asielopvang")));
    add("verdeelbesluit", "phrase: als volgt over de gemeenten verdeeld", 3, 1,
        Anywhere(FuzzyPattern("als volgt over de gemeenten verdeeld")));
    add("verdeelbesluit", "phrase: aangehaald als Verdeelbesluit", 3, 1,
        Anywhere(FuzzyPattern("aangehaald als") + "\\s*:?\\s*" + FuzzyPattern("verdeelbesluit")));
    add("verdeelbesluit", "heading: Artikel I", 1, 1,
        std::make_unique<RE2>("(?mi)^\\s*artikel\\s*[i1l]\\s*$"));

    add("kamerbrief", "address: Aan de Voorzitter van de Tweede Kamer", 5, 1,
        Anywhere(FuzzyPattern("aan de voorzitter van de") + "\\s*(?:" + FuzzyPattern("tweede") +
                 "|" + FuzzyPattern("eerste") + ")\\s*" + FuzzyPattern("kamer")));
    add("kamerbrief", "address: Staten-Generaal", 2, 1, Anywhere(FuzzyPattern("staten-generaal")));

    add("ibt_brief", "subject: Brief interbestuurlijk toezicht", 4, 1,
        Anywhere(FuzzyPattern("brief interbestuurlijk toezicht")));
    add("ibt_brief", "phrase: interventieladder", 3, 1,
        Anywhere(FuzzyPattern("interventieladder")));
    add("ibt_brief", "phrase: ingeschaald op trede", 3, 1,
        Anywhere(CuePattern("ingeschaald|geplaatst|ingedeeld") + "\\s*" + CuePattern("op|in") +
                 "\\s*" + CuePattern("trede|fase")));
    add("ibt_brief", "phrase: interbestuurlijk toezicht", 1, 1,
        Anywhere(FuzzyPattern("interbestuurlijk toezicht")));
    add("ibt_brief", "phrase: trede N", 2, 1,
        std::make_unique<RE2>("(?i)\\bt[rt]?[eéc]{1,2}de\\s*[1-6lI]\\b"));
    add("ibt_brief", "label: Peildatum", 1, 1, Anywhere(FuzzyPattern("peildatum")));
    add("ibt_brief", "table: Wettelijke taak / Realisatie per", 2, 1,
        Anywhere(CuePattern("wettelijke taak|taakstelling") + "[\\s\\S]{0,40}" +
                 CuePattern("realisatie|gerealiseerd")));

    add("prt_verslag", "title: Verslag", 3, 1,
        std::make_unique<RE2>("\\A\\s*(?:" + FuzzyPattern("verslag") + "|" +
                              FuzzyPattern("notulen") + ")"));
    add("prt_verslag", "label: Aanwezig", 3, 1, LineStart(FuzzyPattern("aanwezig") + "\\s*:?"));
    add("prt_verslag", "label: Actie", 2, 2, Anywhere(FuzzyPattern("actie") + "\\s*:"));
    add("prt_verslag", "phrase: afstemmingsoverleg / regietafel", 1, 1,
        Anywhere("(?:" + FuzzyPattern("afstemmingsoverleg") + "|" + FuzzyPattern("regietafel") +
                 ")"));
    add("prt_verslag", "heading: Vervolgbijeenkomst", 1, 1,
        LineStart(FuzzyPattern("vervolgbijeenkomst")));

    add("informatiebericht", "phrase: dit informatiebericht", 5, 1,
        Anywhere(FuzzyPattern("dit informatiebericht")));
    add("informatiebericht", "title: Informatiebericht", 5, 1,
        LineStart(FuzzyPattern("informatiebericht") + "\\s*$"));

    add("begeleidende_brief", "heading: Aanbieding verdeelbesluit provincie", 4, 1,
        LineStart(FuzzyPattern("aanbieding verdeelbesluit provincie")));
    add("begeleidende_brief", "salutation: Geachte Commissaris van de Koning", 4, 1,
        Anywhere(FuzzyPattern("geachte commissaris van de koning")));
    add("begeleidende_brief", "address: Commissaris van de Koning", 2, 1,
        Anywhere(FuzzyPattern("commissaris van de koning")));
    add("begeleidende_brief", "address: colleges van burgemeesters en wethouders", 2, 1,
        Anywhere(FuzzyPattern("colleges van burgemeesters en")));
    add("begeleidende_brief", "phrase: het besluit voor uw provincie", 2, 1,
        Anywhere(FuzzyPattern("besluit voor uw provincie")));
    add("begeleidende_brief", "phrase: Hierbij ontvangt u het verdeelbesluit", 3, 1,
        Anywhere(FuzzyPattern("hierbij ontvangt u het verdeelbesluit")));
    add("begeleidende_brief", "phrase: deze begeleidende brief", 2, 1,
        Anywhere(FuzzyPattern("deze begeleidende brief")));

    add("email", "header: Van:/Verzonden:", 5, 2,
        std::make_unique<RE2>("(?mi)^(?:van|from)\\s*:[\\s\\S]{0,400}?^(?:verzonden|sent|"
                              "onderwerp|subject|aan|to)\\s*:"));
    add("email", "header: Onderwerp:", 2, 1,
        std::make_unique<RE2>("(?mi)^(?:onderwerp|subject)\\s*:"));
    add("email", "closing: Met vriendelijke groet", 1, 1,
        Anywhere(FuzzyPattern("met vriendelijke groet")));

    add("woo_grounds", "heading: Toelichting grondslagen", 5, 1,
        LineStart(FuzzyPattern("toelichting grondslagen")));
    add("woo_grounds", "phrase: secties die onleesbaar zijn gemaakt", 3, 1,
        Anywhere(FuzzyPattern("onleesbaar zijn gemaakt")));
    return v;
  }();
  return *cues;
}

// Ties go to the kind named first: a besluit quoted in a cover letter still
// leaves the letter a letter only when its own cues outweigh.
const char* const kPriority[] = {
    "verdeelbesluit", "ibt_brief",         "kamerbrief", "begeleidende_brief",
    "prt_verslag",    "informatiebericht", "email",      "woo_grounds"};
constexpr int kMinScore = 3;

struct Scored {
  std::map<std::string, int> score;
  std::map<std::string, std::vector<std::string>> evidence;
};

Scored Score(const TextDocument& doc, const Segment& seg) {
  Scored s;
  JoinedText j = JoinLines(doc, seg.first, seg.last);
  for (const Cue& c : Cues()) {
    size_t pos = 0;
    int hits = 0;
    re2::StringPiece m;
    while (hits < c.max_hits && pos <= j.text.size() &&
           c.re->Match(j.text, pos, j.text.size(), RE2::UNANCHORED, &m, 1)) {
      size_t at = m.data() - j.text.data();
      ++hits;
      s.score[c.kind] += c.weight;
      int line = j.LineAt(at);
      s.evidence[c.kind].push_back(std::string(c.label) + " (line " +
                                   std::to_string(doc.lines[line].line_no) + ")");
      pos = at + std::max<size_t>(m.size(), 1);
    }
  }
  return s;
}

}  // namespace

std::map<std::string, int> KindScores(const TextDocument& doc, const Segment& seg) {
  return Score(doc, seg).score;
}

void ClassifySegment(const TextDocument& doc, Segment& seg) {
  Scored s = Score(doc, seg);
  std::string best;
  int best_score = 0;
  for (const char* k : kPriority) {
    auto it = s.score.find(k);
    if (it != s.score.end() && it->second > best_score) {
      best_score = it->second;
      best = k;
    }
  }
  seg.evidence.clear();
  if (best.empty() || best_score < kMinScore) {
    seg.kind = "unknown";
    return;
  }
  seg.evidence = s.evidence[best];
  seg.kind = best == "woo_grounds" ? "unknown" : best;
  if (best == "woo_grounds") seg.evidence.insert(seg.evidence.begin(), "Woo grounds page");
}

std::vector<std::string> RecordKinds() {
  std::vector<std::string> kinds;
  for (const char* k : kPriority) {
    if (std::string(k) != "woo_grounds") kinds.push_back(k);  // reported as "unknown"
  }
  kinds.push_back("unknown");
  return kinds;
}

}  // namespace verdeelscan
