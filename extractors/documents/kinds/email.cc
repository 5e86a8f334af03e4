// An e-mail (thread) in a Woo release: the header of every message (from,
// to, sent, subject) and the newest message's fields as the record's meta.
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "extractors/documents/dates.h"
#include "extractors/documents/kinds/entries.h"
#include "extractors/documents/kinds/letter_fields.h"
#include "extractors/documents/letter_text.h"

namespace verdeelscan::kinds {
namespace {

using nlohmann::json;

struct Header {
  int line = -1;
  std::map<std::string, std::string> fields;  // from, to, cc, sent, subject
};

std::vector<Header> EmailHeaders(const TextDocument& doc, const Segment& s) {
  static const RE2 kLabel(
      R"((?i)^(van|from|verzonden|sent|datum|date|aan|to|cc|bcc|onderwerp|subject|bijlagen|attachments)\s*:\s*(.*)$)");
  auto field_of = [](std::string l) -> std::string {
    std::transform(l.begin(), l.end(), l.begin(), ::tolower);
    if (l == "van" || l == "from") return "from";
    if (l == "verzonden" || l == "sent" || l == "datum" || l == "date") return "sent";
    if (l == "aan" || l == "to") return "to";
    if (l == "onderwerp" || l == "subject") return "subject";
    if (l == "bijlagen" || l == "attachments") return "attachments";
    return l;
  };
  static const RE2 kContinuation(R"(^[^/:\d]{1,40}$|^\S*<[^>]*@[^>]*>?\S*$|^[^:/]*@[^:/]*$)");
  std::vector<Header> out;
  Header cur;
  std::string field;
  int cont = 0;
  for (int i = s.first; i <= s.last; ++i) {
    std::string line = Squash(CleanLine(doc.lines[i]));
    if (line.empty()) continue;
    std::string label, value;
    if (RE2::FullMatch(line, kLabel, &label, &value)) {
      std::string f = field_of(label);
      if (f == "from" && cur.line >= 0) {
        out.push_back(cur);
        cur = Header{};
      }
      if (cur.line < 0) cur.line = i;
      field = f;
      cont = 0;
      if (!cur.fields.count(f)) cur.fields[f] = value;
      continue;
    }
    if (field.empty()) continue;
    // A value wraps onto short lines (OCR breaks "Secretariaat / Burgemeester
    // / Dalfsen / <burgemeester@dalfsen.nl>"); prose ends it.
    const bool closed = !cur.fields[field].empty() && cur.fields[field].back() == '>';
    // Redaction marks do not count against a continuation.
    std::string words = line;
    static const RE2 kRedacted(R"(\(?geanonimiseerd\)?)");
    RE2::GlobalReplace(&words, kRedacted, "");
    words = Squash(words);
    int nwords =
        words.empty() ? 0 : 1 + static_cast<int>(std::count(words.begin(), words.end(), ' '));
    static const RE2 kSentPart(R"((?i)^[\w:.,/ ]{1,30}$)");
    static const RE2 kDateish(
        R"((?i)\d|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)");
    if (field == "sent") {
      if (cont < 3 && RE2::FullMatch(line, kSentPart) && RE2::PartialMatch(line, kDateish)) {
        std::string& v = cur.fields[field];
        v += (v.empty() ? "" : " ") + line;
        ++cont;
      } else {
        field.clear();
      }
    } else if (!closed && cont < 4 && nwords <= 3 &&
               (words.empty() || (RE2::FullMatch(words, kContinuation) &&
                                  // "Zie bijlage.", "Beste collega,": prose.
                                  std::string(".,;:!?").find(words.back()) == std::string::npos))) {
      std::string& v = cur.fields[field];
      v += (v.empty() ? "" : " ") + line;
      ++cont;
    } else {
      field.clear();
    }
  }
  if (cur.line >= 0) out.push_back(cur);
  return out;
}

void Email(const TextDocument& doc, const Segment& s, FieldOut& out) {
  Record& r = out.record;
  std::vector<Header> headers = EmailHeaders(doc, s);
  json messages = json::array();
  for (const Header& h : headers) {
    json m = {{"line", LineNo(doc, h.line)}};
    for (const auto& [k, v] : h.fields) {
      std::string val = Squash(v);
      if (val.empty()) continue;
      m[k] = val;
      if (k == "sent") {
        std::vector<DateMatch> d = FindDutchDates(val);
        if (!d.empty()) m["date"] = d.front().iso;
      }
    }
    messages.push_back(m);
  }
  r.extra["messages"] = messages;
  // The record's meta: the first message that carries each field (the
  // newest message comes first in a printed thread).
  for (const char* f : {"from", "to", "subject", "date"}) {
    for (const json& m : messages) {
      if (m.contains(f)) {
        r.meta[f] = m[f];
        break;
      }
    }
  }
  if (!r.meta.contains("date")) out.Missing("meta.date");
  if (!r.meta.contains("subject")) out.Missing("meta.subject");
}

}  // namespace

KindEntry EmailEntry() {
  KindEntry e;
  e.kind = DocumentKind::kEmail;
  AddCue(e, "header: Van:/Verzonden:", 5, 2,
         std::make_unique<RE2>("(?mi)^(?:van|from)\\s*:[\\s\\S]{0,400}?^(?:verzonden|sent|"
                               "onderwerp|subject|aan|to)\\s*:"));
  AddCue(e, "header: Onderwerp:", 2, 1, std::make_unique<RE2>("(?mi)^(?:onderwerp|subject)\\s*:"));
  AddCue(e, "closing: Met vriendelijke groet", 1, 1,
         Anywhere(FuzzyPattern("met vriendelijke groet")));
  e.read_fields = Email;
  return e;
}

}  // namespace verdeelscan::kinds
