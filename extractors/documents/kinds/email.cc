// An e-mail (thread) in a Woo release: the header of every message (from,
// to, sent, subject) and the newest message's fields as the record's meta.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractors/documents/dates.h"
#include "extractors/documents/kinds/entries.h"
#include "extractors/documents/kinds/letter_fields.h"
#include "extractors/documents/letter_text.h"
#include "validators/cost_model.h"
#include "validators/domain_vocabulary.h"
#include "validators/name_matcher.h"

namespace verdeelscan::kinds {
namespace {

using nlohmann::json;

struct Header {
  int line = -1;
  std::map<std::string, std::string> fields;  // from, to, cc, sent, subject
  std::map<std::string, int> lines;           // the doc line each field starts on
};

// The lines of headers whose colons a scan read as other marks or lost
// (letter_text.h DamagedEmailHeader): their labels are read loosely.
std::set<int> DamagedHeaderLines(const TextDocument& doc, const Segment& s) {
  std::vector<int> index;  // doc line of each non-blank line
  std::vector<std::string> text;
  for (int i = s.first; i <= s.last; ++i) {
    std::string line = Squash(CleanLine(doc.lines[i]));
    if (line.empty()) continue;
    index.push_back(i);
    text.push_back(std::move(line));
  }
  std::set<int> out;
  for (size_t k = 0; k < text.size(); ++k) {
    std::vector<std::string> next(text.begin() + k, text.begin() + std::min(text.size(), k + 7));
    std::vector<size_t> block;
    if (!DamagedEmailHeader(next, &block)) continue;
    for (size_t b : block) out.insert(index[k + b]);
  }
  return out;
}

// A header label with a speck read as an accent on a letter ("Âan: Visser,
// A. <...>", a clean scan of lettergen seed 5900): the line matched by
// `label_pattern` with its label folded (name_matcher.h FoldName).
bool AccentedLabel(const std::string& line, const RE2& label_pattern, std::string* label,
                   std::string* value) {
  const size_t colon = line.find(':');
  if (colon == std::string::npos || colon > 20) return false;
  const std::string_view read(line.data(), colon);
  if (std::all_of(read.begin(), read.end(), [](char c) { return (c & 0x80) == 0; }))
    return false;  // no letter outside ASCII: the pattern has judged the line as it is
  return RE2::FullMatch(FoldName(read) + line.substr(colon), label_pattern, label, value);
}

std::vector<Header> EmailHeaders(const TextDocument& doc, const Segment& s) {
  static const RE2 kLabel(
      R"((?i)^(van|from|verzonden|sent|datum|date|aan|to|cc|bcc|onderwerp|subject|bijlagen|attachments)\s*:\s*(.*)$)");
  const std::set<int> damaged = DamagedHeaderLines(doc, s);
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
  const int gap = ParagraphGap(doc, s.first, s.last);
  int blanks = 0;  // blank lines before this one
  for (int i = s.first; i <= s.last; ++i) {
    std::string line = Squash(CleanLine(doc.lines[i]));
    if (line.empty()) {
      ++blanks;
      continue;
    }
    const bool after_break = blanks >= gap;
    blanks = 0;
    std::string label, value;
    const bool strict =
        RE2::FullMatch(line, kLabel, &label, &value) || AccentedLabel(line, kLabel, &label, &value);
    const bool loose = !strict && damaged.count(i) && LooseEmailLabel(line, &label, &value);
    if (strict || loose) {
      std::string f = field_of(label);
      // A loose label of a field the header already holds is prose that
      // opens with the label's word ("Aan de provinciale regietafels ...",
      // a photocopy of lettergen seed 6906: its next line ran into the
      // addressee, valid).
      if (loose && f != "from" && cur.fields.count(f)) {
        field.clear();
        continue;
      }
      if (f == "from" && cur.line >= 0) {
        out.push_back(cur);
        cur = Header{};
      }
      if (cur.line < 0) cur.line = i;
      field = f;
      cont = 0;
      if (!cur.fields.count(f)) {
        cur.fields[f] = value;
        cur.lines[f] = i;
      }
      continue;
    }
    if (field.empty()) continue;
    // The body begins: a salutation ("Goedemiddag ,", "Beste Rikus"), or a
    // paragraph break after a value (a scan's gap above "Zie bijlage"). A
    // value printed under its bare label ("Van" / "Secretariaat") is no
    // wrap and may stand after a gap.
    static const RE2 kSalutation(
        R"((?i)^(?:goede(?:morgen|middag|navond)|beste|hoi|hallo|geachte|dag\s)\b)");
    if (RE2::PartialMatch(line, kSalutation) || (after_break && !cur.fields[field].empty())) {
      field.clear();
      continue;
    }
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
    if (field == "sent") {
      if (cont < 3 && RE2::FullMatch(line, kSentPart) && MentionsDate(line)) {
        std::string& v = cur.fields[field];
        if (v.empty()) cur.lines[field] = i;
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
      if (v.empty()) cur.lines[field] = i;
      v += (v.empty() ? "" : " ") + line;
      ++cont;
    } else {
      field.clear();
    }
  }
  if (cur.line >= 0) out.push_back(cur);
  return out;
}

// An address in angle brackets whose closing bracket a scan read as another
// mark ("<l.smit@minaenm.nl=", "...nl)"): the mark is mended to ">" when the
// address before it is whole (local@domain.tld), with the change in
// `corrections`. An address still open, or not shaped like one, is returned
// in `malformed` for review.
std::string MendAddress(const std::string& field, std::string value, json& corrections,
                        bool* malformed) {
  static const RE2 kOpenAddress(
      R"(<([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})((?:[=)\]}»›7]>?)?)$)");
  static const RE2 kWellFormed(R"(<[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}>)");
  const size_t open = value.rfind('<');
  *malformed = false;
  auto mend = [&](std::string fixed, const char* reason) {
    corrections.push_back({{"field", field}, {"from", value}, {"to", fixed}, {"reason", reason}});
    value = std::move(fixed);
  };
  // Nothing after a closing bracket belongs to the sender or recipient:
  // marks there are a scan's debris ("<a.visser@provincie.nl>.", "...nl>-"
  // on a photocopy of lettergen seed 10817, valid as read; a redaction's
  // "(geanonimiseerd).", a photocopy of seed 11808).
  static constexpr const char* kDebrisMarks = " .,;:'`\"=)]}-_~|";
  for (const char bracket : {'>', ')'}) {
    const size_t close = value.rfind(bracket);
    if (close != std::string::npos && close + 1 < value.size() &&
        value.find_first_not_of(kDebrisMarks, close + 1) == std::string::npos) {
      mend(value.substr(0, close + 1),
           bracket == '>' ? "a mark after the address" : "a mark after the bracket");
      break;
    }
  }
  // Only an address: "<geanonimiseerd>" and other redactions are not.
  if (open == std::string::npos || value.find('@', open) == std::string::npos) return value;
  // An address is plain ASCII: an accented letter in it is a speck over a
  // letter ("provincië.nl").
  if (std::string plain = PlainLetters(value.substr(open)); plain != value.substr(open))
    mend(value.substr(0, open) + plain, "an accent in the address, a speck over its letter");
  // What is still not ASCII is a symbol no address has ("@®minaenm.nl"): a
  // speck read as one. The address's words keep their confidence, so a
  // doubted reading stays held (field_confidence.h).
  std::string ascii = value.substr(0, open);
  for (size_t k = open; k < value.size(); ++k)
    if (static_cast<unsigned char>(value[k]) < 0x80) ascii += value[k];
  if (ascii != value) mend(ascii, "a symbol in the address, a speck read as one");
  // An address holds no comma: one between two of its letters or digits is
  // its point with a speck's tail ("<s,vandijk@", an office scan of lettergen
  // seed 11408).
  static const RE2 kCommaInside(R"(([\w]),+([\w]))");
  std::string pointed = value.substr(open);
  if (RE2::GlobalReplace(&pointed, kCommaInside, "\\1.\\2") > 0)
    mend(value.substr(0, open) + pointed, "a comma in the address, its point read with a tail");
  // An address holds no white space: a scan's gap inside it ("<p.jansen@
  // provincie.nl>") is closed, with the change recorded. A gap between two
  // letters may have eaten a character: after the initial the display name
  // spells ("Bakker, J <j bakker@...>") it is the point of "j.bakker";
  // elsewhere nothing says what was lost, and the address is held.
  if (value.find_first_of(" \t", open) != std::string::npos) {
    std::string closed = value.substr(0, open);
    const std::string addr = value.substr(open);
    for (size_t k = 0; k < addr.size(); ++k) {
      const char c = addr[k];
      if (c != ' ' && c != '\t') {
        closed += c;
        continue;
      }
      const size_t next = addr.find_first_not_of(" \t", k);
      const char before = closed.back(), after = next == std::string::npos ? '>' : addr[next];
      if (!std::isalnum(static_cast<unsigned char>(before)) ||
          !std::isalnum(static_cast<unsigned char>(after)))
        continue;
      const size_t word = closed.find_last_of("<.", closed.size() - 1);
      const std::string initial = closed.substr(word + 1);
      static const RE2 kInitialOfName(R"(,\s*([A-Za-z])\b)");
      std::string named;
      // After the "@" a domain without a dot yet, and a top-level domain
      // after the gap ("@provincie nl>"): the gap is the dot.
      static const RE2 kTopLevel(R"(^[A-Za-z]{2,6}(?:[=)\]}»›7]?>?)$)");
      const size_t at = closed.find('@', open);
      if (closed.find('@', open) == std::string::npos && initial.size() == 1 &&
          RE2::PartialMatch(value.substr(0, open), kInitialOfName, &named) &&
          std::tolower(static_cast<unsigned char>(named[0])) ==
              std::tolower(static_cast<unsigned char>(initial[0]))) {
        closed += '.';
      } else if (at != std::string::npos && closed.find('.', at) == std::string::npos &&
                 RE2::FullMatch(addr.substr(next), kTopLevel)) {
        closed += '.';
      } else {
        *malformed = true;
        return value;
      }
    }
    mend(closed, "white space inside the address");
  }
  if (RE2::PartialMatch(value.substr(open), kWellFormed)) return value;
  std::string address, mark;
  if (RE2::FullMatch(value.substr(open), kOpenAddress, &address, &mark)) {
    std::string fixed = value.substr(0, open) + "<" + address + ">";
    corrections.push_back(
        {{"field", field},
         {"from", value},
         {"to", fixed},
         {"reason", mark.empty() ? std::string("closing bracket of the address lost")
                                 : "closing bracket of the address read as '" + mark + "'"}});
    return fixed;
  }
  *malformed = true;
  return value;
}

// `t`'s letters, lower case.
std::string LowerLetters(std::string_view t) {
  std::string out;
  for (char c : t)
    if (std::isalpha(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The point after a sender's or recipient's initial read as a comma, a low
// quote or an underscore ("M‚ <", "M_ <", "H_<": the space before the
// address restored too), mended before the address is
// (MendAddress reads "H_ <h meijer@..." by the initial, a clean scan of
// lettergen seed 8108: the gap was not closed).
std::string MendInitialPoint(const std::string& field, std::string value, json& corrections) {
  static const RE2 kInitialPoint(R"(^([^,<]+,\s*[A-Z])(?:,|‚|·|;|:|_)\s*<)");
  // The space between the point and the address lost ("H.<h.meijer@...",
  // photocopies of seed 8308 and 8317).
  static const RE2 kNoSpace(R"(^([^,<]+,\s*[A-Z]\.)<)");
  const std::string before = value;
  const char* reason = RE2::Replace(&value, kInitialPoint, "\\1. <")
                           ? "the point after the initial read as another mark"
                       : RE2::Replace(&value, kNoSpace, "\\1 <")
                           ? "the space before the address lost"
                           : nullptr;
  if (reason)
    corrections.push_back({{"field", field}, {"from", before}, {"to", value}, {"reason", reason}});
  return value;
}

// The address's initial a scan read as a look-alike of the display name's
// ("Smit, L. <i.smit@...>", an office scan of lettergen seed 11415: l read
// as i), when the address spells the surname: the display name's capital is
// the larger glyph, so the address's letter is mended to it (with the change
// in `corrections`). Another letter is another person's address; left.
std::string MendAddressInitial(const std::string& field, std::string value, char initial,
                               json& corrections) {
  static constexpr int kOneConfusion = CostModel{}.name_confusable_cost;
  const size_t letter = value.rfind('<') + 1;
  const char read = value[letter];
  if (read == initial ||
      !OcrEditCostAtMost(std::string(1, read), std::string(1, initial), kOneConfusion))
    return value;
  std::string fixed = value;
  fixed[letter] = initial;
  corrections.push_back({{"field", field},
                         {"from", value},
                         {"to", fixed},
                         {"reason", std::string("the address's initial read as '") + read +
                                        "', a look-alike of the name's"}});
  return fixed;
}

// A sender's or recipient's initial that a scan read as a mark ("Bakker, |.
// <j.bakker@...>"): the address spells the initial and the surname, so when
// its surname is the display name's, the initial is taken from it (with the
// change in `corrections`). An initial that is no letter and cannot be
// mended so is returned in `malformed`.
std::string MendInitial(const std::string& field, std::string value, json& corrections,
                        bool* malformed) {
  // The point lost ("Bakker, J <j.bakker@...>"): restored when the address
  // starts with that initial and a point, as every address of the kind does.
  static const RE2 kInitialNoPoint(R"(^([^,<]+,\s*([A-Z]))(\s+<)([a-z])\.)");
  std::string head, cap, gap, low;
  std::string before = value;
  if (RE2::PartialMatch(value, kInitialNoPoint, &head, &cap, &gap, &low) &&
      std::tolower(static_cast<unsigned char>(cap[0])) == low[0]) {
    value = head + "." + value.substr(head.size());
    corrections.push_back({{"field", field},
                           {"from", before},
                           {"to", value},
                           {"reason", "the point after the initial lost; the address spells it"}});
  }
  static const RE2 kNameInitial(R"(^([^,<]+),\s*([^\s<.])\.\s*<([A-Za-z])\.([\w-]+)@)");
  std::string surname, initial, letter, local;
  if (!RE2::PartialMatch(value, kNameInitial, &surname, &initial, &letter, &local)) return value;
  const std::string folded = LowerLetters(surname);
  const std::string local_letters = LowerLetters(local);
  // The address spells the surname: one letter apart ("Muider" and
  // "r.mulder") one of the two is misread, and nothing says which.
  if (folded.size() == local_letters.size() && folded != local_letters) {
    int differ = 0;
    for (size_t k = 0; k < folded.size(); ++k) differ += folded[k] != local_letters[k];
    if (differ == 1) *malformed = true;
  }
  const unsigned char glyph = static_cast<unsigned char>(initial[0]);
  if (initial.size() == 1 && std::isupper(glyph) && folded == local_letters)
    return MendAddressInitial(field, value, static_cast<char>(std::tolower(glyph)), corrections);
  if (initial.size() != 1 || !(std::ispunct(glyph) || std::isdigit(glyph))) return value;
  if (folded != local_letters) {
    *malformed = true;
    return value;
  }
  const size_t at = value.find(',') + 1;
  const size_t i = value.find(initial, at);
  std::string fixed = value;
  fixed.replace(
      i, initial.size(),
      std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(letter[0])))));
  corrections.push_back(
      {{"field", field},
       {"from", value},
       {"to", fixed},
       {"reason", "the initial read as '" + initial + "', spelled by the address"}});
  return fixed;
}

// The newest message's date, judged like a letter head's (field_confidence.h).
void RegisterDate(const std::vector<Header>& headers, FieldOut& out) {
  for (const Header& h : headers) {
    auto sent = h.fields.find("sent");
    if (sent == h.fields.end()) continue;
    std::vector<DateMatch> d = FindDutchDates(Squash(sent->second));
    if (d.empty()) continue;
    out.ReadAt("meta.date", FieldType::kDate, h.lines.at("sent"), d.front().raw, d.front().iso);
    return;
  }
}

// The sender, recipient and subject the record's meta takes (the first
// message that carries each), judged by their words (field_confidence.h): a
// name has no arithmetic to catch a misread letter, and a subject is a
// title like a letter's ("... regietafel Drenthe 7", a photocopy of
// lettergen seed 8315: a speck read as a figure, unnamed).
void RegisterHeaderFields(const std::vector<Header>& headers, const json& messages, FieldOut& out) {
  for (const char* f : {"from", "to", "subject"})
    for (size_t k = 0; k < messages.size() && k < headers.size(); ++k) {
      if (!messages[k].contains(f)) continue;
      const FieldType type =
          std::string_view(f) == "subject" ? FieldType::kTitle : FieldType::kText;
      out.ReadAt(std::string("meta.") + f, type, headers[k].lines.at(f),
                 Squash(headers[k].fields.at(f)), messages[k][f].get<std::string>());
      break;
    }
}

// The name before a sender's or recipient's address with its domain words
// repaired ("Secretarlaat (geanonimiseerd)": an office, not a person's
// name; validators/domain_vocabulary.h changes no word that is a word of its
// own or a name), each repair in `corrections`. The address is left as read.
std::string RepairDisplayName(const std::string& field, const std::string& value,
                              json& corrections) {
  const size_t open = value.find('<');
  std::string name = value.substr(0, open);
  // "van Dijk; S.": a comma a scan read as a semicolon between the surname
  // and the initials (lettergen seed 5819, office: valid with the semicolon).
  static const RE2 kSemicolonBeforeInitials(R"(^([^;]*\S)\s*;\s*(\p{Lu}\.))");
  bool changed = false;
  if (RE2::Replace(&name, kSemicolonBeforeInitials, "\\1, \\2")) {
    corrections.push_back({{"field", field},
                           {"from", value.substr(0, open)},
                           {"to", name},
                           {"reason", "the comma before the initials, read as a semicolon"}});
    changed = true;
  }
  std::vector<WordRepair> repairs;
  const std::string fixed = RepairDomainWords(name, &repairs);
  for (const WordRepair& w : repairs)
    corrections.push_back({{"field", field}, {"from", w.from}, {"to", w.to}, {"reason", w.reason}});
  if (repairs.empty() && !changed) return value;
  return fixed + (open == std::string::npos ? "" : value.substr(open));
}

// True when `a` and `b` differ by exactly one character inserted, deleted
// or replaced.
bool OneEditApart(const std::string& a, const std::string& b) {
  if (a == b || (a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > 1) return false;
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  const std::string& longer = a.size() > b.size() ? a : b;
  const std::string& shorter = a.size() > b.size() ? b : a;
  return longer.substr(i + 1) == shorter.substr(i);
}

// An address of a thread's header: "Jansen, P. <p.jansen@example.nl>" in
// messages[k].to.
struct ThreadAddress {
  std::string field;  // "messages.0.to"
  std::string meta;   // "meta.to" when the record's own field holds the same, else ""
  std::string name;   // what stands before the address, as read
  std::string local, domain;

  // The record's field when it holds the address, else the message's.
  const std::string& RecordField() const { return meta.empty() ? field : meta; }
  // Both: "meta.to (messages.0.to)", or "messages.2.to".
  std::string BothFields() const { return meta.empty() ? field : meta + " (" + field + ")"; }
};

// Every message's sender, addressee and cc with an address in angle brackets.
std::vector<ThreadAddress> ThreadAddresses(const Record& r) {
  static const RE2 kAddress(R"(^([^<]*)<([^<>\s]+)@([^<>\s]+)>)");
  std::vector<ThreadAddress> out;
  const json& messages = r.extra["messages"];
  for (size_t k = 0; k < messages.size(); ++k)
    for (const char* f : {"from", "to", "cc"}) {
      ThreadAddress a;
      if (!messages[k].contains(f) || !RE2::PartialMatch(messages[k][f].get<std::string>(),
                                                         kAddress, &a.name, &a.local, &a.domain))
        continue;
      a.field = "messages." + std::to_string(k) + "." + f;
      if (r.meta.contains(f) && r.meta[f] == messages[k][f]) a.meta = std::string("meta.") + f;
      out.push_back(std::move(a));
    }
  return out;
}

// A thread spells its people's addresses more than once. Two addresses one
// character apart ("<pjansen@example.nl>" in one header, "<p.jansen@...>" in
// the next, lettergen seed 5203: the point lost on the page) after the same
// name are one address misread in one of them, and nothing says which: both
// are held for review, named: by the record's field too when it holds one of
// them (an office scan of lettergen seed 10319 named only "messages.0.from").
void CheckAddressesSpelledTwice(Record& r) {
  struct Seen {
    std::string field, named, name, address;  // named: BothFields; name: its letters
  };
  std::vector<Seen> seen;
  for (const ThreadAddress& a : ThreadAddresses(r)) {
    std::string address = a.local + "@" + a.domain;
    for (char& c : address) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    seen.push_back({a.field, a.BothFields(), LowerLetters(a.name), address});
  }
  // The same name: "Bakker, J." and "Bakker, M." may well be j.bakker@ and
  // m.bakker@.
  for (size_t a = 0; a < seen.size(); ++a)
    for (size_t b = a + 1; b < seen.size(); ++b) {
      if (seen[a].name != seen[b].name || !OneEditApart(seen[a].address, seen[b].address)) continue;
      Check c;
      c.id = "email.address_spelled_twice";
      c.status = CheckStatus::kFail;
      c.actual = {{"fields", {seen[a].field, seen[b].field}},
                  {"values", {seen[a].address, seen[b].address}}};
      c.detail = seen[a].named + " '" + seen[a].address + "' and " + seen[b].named + " '" +
                 seen[b].address +
                 "', the same name's, are one character apart: one address, misread in one of "
                 "them";
      r.checks.push_back(c);
    }
}

// How an address's local part spells the name before it ("van Dijk, S."):
// the initials, a point and the surname ("s.vandijk"), or the two joined
// ("svandijk"); "" when it spells neither.
std::string AddressForm(const std::string& name, const std::string& local) {
  const size_t comma = name.find(',');
  if (comma == std::string::npos) return "";
  const std::string surname = LowerLetters(std::string_view(name).substr(0, comma));
  const std::string initials = LowerLetters(std::string_view(name).substr(comma + 1));
  if (surname.empty() || initials.empty()) return "";
  if (local == initials + "." + surname) return "point";
  if (local == initials + surname) return "joined";
  return "";
}

// The addresses of one domain in one thread follow one form. One that joins
// the initial to the surname where another of its domain puts a point
// between them ("<pjansen@example.nl>" beside "<s.vandijk@example.nl>", an
// office scan of lettergen seed 7813, valid) has perhaps lost its point on
// the page: held for review, named. Nothing is changed: "pjansen" is an
// address too.
void CheckAddressForms(Record& r) {
  std::vector<std::pair<ThreadAddress, std::string>> seen;  // with its form
  for (ThreadAddress& a : ThreadAddresses(r)) {
    std::string form = AddressForm(a.name, a.local);
    if (!form.empty()) seen.emplace_back(std::move(a), std::move(form));
  }
  for (const auto& entry : seen) {
    if (entry.second != "joined") continue;
    const ThreadAddress& joined = entry.first;
    const auto pointed = std::find_if(seen.begin(), seen.end(), [&](const auto& other) {
      return other.second == "point" && other.first.domain == joined.domain;
    });
    if (pointed == seen.end()) continue;
    const ThreadAddress& p = pointed->first;
    Check c;
    c.id = "email.address_form";
    c.status = CheckStatus::kFail;
    c.actual = {{"field", joined.RecordField()}, {"value", joined.local + "@" + joined.domain}};
    c.detail = joined.RecordField() + " '" + joined.local + "@" + joined.domain +
               "' joins the initials to the surname where " + p.RecordField() + " '" + p.local +
               "@" + p.domain +
               "' of the same domain puts a point between them: a point may be lost";
    r.checks.push_back(c);
  }
}

void Email(const TextDocument& doc, const Segment& s, FieldOut& out) {
  Record& r = out.record;
  std::vector<Header> headers = EmailHeaders(doc, s);
  json messages = json::array();
  json corrections = json::array();
  std::vector<std::string> malformed;
  for (const Header& h : headers) {
    json m = {{"line", LineNo(doc, h.line)}};
    for (const auto& [k, v] : h.fields) {
      std::string val = Squash(v);
      if (val.empty()) continue;
      if (k == "from" || k == "to" || k == "cc") {
        bool bad = false;
        const std::string field = "messages." + std::to_string(messages.size()) + "." + k;
        val = MendInitialPoint(field, val, corrections);
        val = MendAddress(field, val, corrections, &bad);
        if (!bad) val = MendInitial(field, val, corrections, &bad);
        if (bad) malformed.push_back(k);
        val = RepairDisplayName(field, val, corrections);
      }
      // A reply's or forward's prefix whose colon a scan lost ("RE Verslag").
      // Or read as a point or comma ("RE. Verslag"), or followed by a speck
      // read as a dash ("RE:-Verslag", an office scan of lettergen seed 7112,
      // valid).
      static const RE2 kBarePrefix(
          R"(^((?i:re|fw|fwd|wg|antw))(?:\s*[.,;:]?\s*[-–_~]\s*|\s*[.,;]\s*|\s+)(\S))");
      if (k == "subject" && RE2::PartialMatch(val, kBarePrefix)) {
        std::string fixed = val;
        RE2::Replace(&fixed, kBarePrefix, "\\1: \\2");
        corrections.push_back(
            {{"field", "messages." + std::to_string(messages.size()) + ".subject"},
             {"from", val},
             {"to", fixed},
             {"reason",
              "the colon after the reply prefix, lost on the page or a speck beside it"}});
        val = fixed;
      }
      // A subject is a title, not a sentence: a point or comma after it is a
      // scan's speck ("Uitruil opvangplekken Noord-Holland.", seed 5506).
      if (k == "subject")
        while (!val.empty() && std::strchr(".,;:", val.back()) != nullptr) val.pop_back();
      m[k] = val;
      if (k == "sent") {
        std::vector<DateMatch> d = FindDutchDates(val);
        if (!d.empty()) m["date"] = d.front().iso;
      }
    }
    messages.push_back(m);
  }
  r.extra["messages"] = messages;
  if (!corrections.empty()) r.extra["corrections"] = corrections;
  RegisterDate(headers, out);
  RegisterHeaderFields(headers, messages, out);
  // The record's meta: the newest message's (it comes first in a printed
  // thread). A field it lacks is unread, not the older message's: a printed
  // header always has its sender, addressee, subject and date, so a lacking
  // one had its label damaged on the page ("Âan." on a clean scan of
  // lettergen seed 6701 lost the addressee, valid; on seed 5900 the older
  // message's addressee stood in).
  for (const char* f : {"from", "to", "subject", "date"}) {
    if (messages.empty()) break;
    if (messages[0].contains(f))
      r.meta[f] = messages[0][f];
    else
      out.Missing(std::string("meta.") + f);
  }
  for (const std::string& f : malformed) {
    Check c;
    c.id = "email.address";
    c.status = CheckStatus::kFail;
    c.actual = {{"field", "meta." + f}, {"value", r.meta.value(f, json())}};
    c.detail = "meta." + f +
               ": an address in angle brackets is not closed, not shaped like local@domain, or "
               "spells the name one letter apart: "
               "a character of it may be misread";
    r.checks.push_back(c);
  }
  CheckAddressesSpelledTwice(r);
  CheckAddressForms(r);
  // A header was read but no message names its sender: the sender's line
  // was misread beyond reading ("Van! van Dijk" before its loose reading).
  if (!r.meta.contains("from") && !headers.empty()) out.Missing("meta.from");
  if (!r.meta.contains("date")) out.Missing("meta.date");
  if (!r.meta.contains("subject")) out.Missing("meta.subject");
}

}  // namespace

KindEntry EmailEntry() {
  KindEntry e;
  e.kind = DocumentKind::kEmail;
  // A "Van:" line and a header label after it. The later label's colon may
  // be read as a point or comma (lettergen 8004 and 8015, clean scans of one
  // font: "Van:" kept its colon, "Verzonden." and "Aan." did not); the
  // "Van:" at a line's start is what makes it a header. Or the later
  // labels lost their marks altogether ("Verzonden dinsdag 21 maart",
  // "Onderwerp Uitruil ...", a clean scan of lettergen seed 10515: an
  // unknown record): Verzonden and Onderwerp before a value are labels
  // still; a bare "Aan" may open prose.
  AddCue(e, "header: Van:/Verzonden:", 5, 2,
         std::make_unique<RE2>("(?mi)^(?:van|from)\\s*:[\\s\\S]{0,400}?^(?:(?:verzonden|sent|"
                               "onderwerp|subject|aan|to)\\s*[:.,;]|(?:verzonden|sent|onderwerp|"
                               "subject)\\s+\\S)"));
  // The header of a scan that read its colons as points or lost them: the
  // labels Van (with a mark that is not a colon, or an address), Verzonden/
  // Aan and Onderwerp/Aan/CC opening lines in order (a scan puts blank
  // lines between the fields where it saw gaps); or a bare Van ("Van",
  // "Van 5 12e") with all of Verzonden (dated), Aan and Onderwerp after it (as
  // letter_text.h DamagedEmailHeader). A "Van:" line is the cue above's:
  // this one must not claim a misread where there is none.
  AddCue(e, "header: Van/Verzonden/Onderwerp (marks misread)", 5, 1,
         std::make_unique<RE2>(
             "(?mi)^(?:van|from)(?:\\s*[.;,!]\\s*\\S|\\s+[^\\n]*@)[^\\n]*\\n(?:[^\\n]*\\n){0,4}?"
             "(?:verzonden|sent|aan|to)\\s*[.;,:]?\\s+\\S[^\\n]*\\n(?:[^\\n]*\\n){0,4}?"
             "(?:onderwerp|subject|aan|to|cc)\\s*[.;,:]?\\s+\\S|"
             "^(?:van|from)\\b[^\\n:]*\\n(?:[^\\n]*\\n){0,4}?"
             "(?:verzonden|sent)\\s*[.;,:]?\\s+[^\\n]*\\d[^\\n]*\\n(?:[^\\n]*\\n){0,4}?"
             "(?:aan|to)\\s*[.;,:]?\\s+\\S[^\\n]*\\n(?:[^\\n]*\\n){0,4}?"
             "(?:onderwerp|subject)\\s*[.;,:]?\\s+\\S"));
  AddCue(e, "header: Onderwerp:", 2, 1, std::make_unique<RE2>("(?mi)^(?:onderwerp|subject)\\s*:"));
  AddCue(e, "closing: Met vriendelijke groet", 1, 1,
         Anywhere(FuzzyPattern("met vriendelijke groet")));
  e.read_fields = Email;
  return e;
}

}  // namespace verdeelscan::kinds
