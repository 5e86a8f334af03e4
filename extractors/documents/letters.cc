// Splitting a file into documents, classifying them, and Woo redactions.
// The cues and field readers of each kind are in kinds/ (the registry),
// what every record shares and the cross-document checks in fields.cc.
#include "extractors/documents/letters.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "extractors/documents/classify.h"
#include "extractors/documents/kinds/registry.h"
#include "extractors/documents/letter_text.h"

namespace verdeelscan {
namespace {

// What kind of document a start anchor opens.
// kOpening: a kind's opening heading (KindEntry::openings). It cuts nothing by
// itself (CutAtOpenings decides) but ends an e-mail thread: a message after
// it is a new e-mail, not the next message of the one before.
enum class AnchorType {
  kBesluit,
  kCover,
  kEmail,
  kGrounds,
  kLetterhead,
  kVerslag,
  kBulletin,
  kOpening
};

struct Anchor {
  int line = 0;       // 0-based doc line where the document starts
  size_t joined = 0;  // index of that line among the joined lines
  AnchorType type;
  // Of a letterhead: its return address ("Retouradres ..."), which is
  // printed above the addressee ("Aan het college van ...").
  bool return_address = false;
  // Of an e-mail: it opens with a reply whose header is not printed, after a
  // message that closed. A thread's messages each carry a header, so this
  // is another thread (CutsFromAnchors cuts there).
  bool new_thread = false;
};

// True when `re` (anchored with ^) matches at the start of joined line k; the
// match may run on over the next lines (OCR breaks headings: "Besluit , van"
// / "de Minister van").
bool StartsWith(const JoinedText& j, size_t k, const RE2& re, size_t lines = 1) {
  size_t last = std::min(j.starts.size(), k + lines) - 1;
  std::string_view text(j.text.data() + j.Begin(k), j.End(last) - j.Begin(k));
  return RE2::PartialMatch(SkipDebris(text), re);
}

// Joined lines k, k + 1, ... (at most n), each as its own string without
// the debris before its first word.
std::vector<std::string> NextLines(const JoinedText& j, size_t k, size_t n) {
  std::vector<std::string> out;
  for (size_t m = k; m < j.starts.size() && m < k + n; ++m)
    out.emplace_back(SkipDebris({j.text.data() + j.Begin(m), j.End(m) - j.Begin(m)}));
  return out;
}

// The text of joined lines [k, k + n).
std::string_view Window(const JoinedText& j, size_t k, size_t n) {
  size_t b = j.Begin(k);
  size_t last = std::min(j.starts.size(), k + n);
  size_t e = last == 0 ? b : j.End(last - 1);
  return std::string_view(j.text.data() + b, e - b);
}

// A title on a line of its own, not a sentence wrapped onto the next line
// ("... wordt in dit" / "informatiebericht toegelicht."): no closing
// punctuation, and the line before does not end in a word that wants a noun.
bool TitleLine(const JoinedText& j, size_t k) {
  static const RE2 kSentenceEnd(R"([.,;]\s*$)");
  static const RE2 kOpenEnd(R"((?i)\b(?:dit|dat|het|de|deze|een|van|in|ons|uw)\s*$)");
  if (RE2::PartialMatch(Window(j, k, 1), kSentenceEnd)) return false;
  return k == 0 || !RE2::PartialMatch(Window(j, k - 1, 1), kOpenEnd);
}

// True when joined line k holds debris alone (specks read as ".", at the
// foot of a page). Such a line opens nothing: the heading after it does, on
// its own line and page. StartsWith skips debris, even over a line break,
// and the cover letter of bundlegen 8505 started at its page's last speck,
// on the page before.
bool DebrisOnly(const JoinedText& j, size_t k) {
  return SkipDebris(Window(j, k, 1)).find_first_not_of(" \t\n") == std::string_view::npos;
}

// An e-mail header's sender label ("Van:", "From:") and its other labels,
// for the anchors and for the reply above a quoted header.
const RE2& EmailFromLabel() {
  static const RE2 re(R"((?i)^(?:van|from)\s*:)");
  return re;
}
const RE2& EmailFieldLabel() {
  static const RE2 re(R"((?i)^(?:verzonden|aan|onderwerp|datum|cc|sent|to|subject|date)\s*:)");
  return re;
}

// A message's closing line: "Groet,", "Met vriendelijke groet," and at most
// three capitalised words of a name after it.
const RE2& EmailClosing() {
  static const RE2 re(
      "(?i)^(?:met\\s+)?(?:vriendelijke\\s+|hartelijke\\s+)?(?:" + FuzzyPattern("groet") + "|" +
      FuzzyPattern("groeten") + ")\\s*[,.]?(?:\\s+\\p{Lu}\\S*){0,3}\\s*$");
  return re;
}

// True when a message closes on a joined line in [from, to).
bool ClosesBetween(const JoinedText& j, size_t from, size_t to) {
  for (size_t m = from; m < to; ++m)
    if (StartsWith(j, m, EmailClosing())) return true;
  return false;
}

// Where the message above an e-mail header starts, when the header at
// joined line `header` is the quoted message of a reply written above it
// (seed 001: "Zie bijgaande stukken ter kennisneming. ... Groet, Rikus",
// then "Van: ..."); `header` when there is none. Such a reply ends in an
// informal closing ("Groet,", "Met vriendelijke groet,") and a name on the
// line or two right above the header, and opens with an e-mail's opening
// words ("Zie bijgaande", "Beste", "Hoi", "Goedemorgen", "Ter info") at the
// start of a line at most kReplyLines lines above the closing, not above
// `first` (the line after the last one where something else was found to
// begin) nor above another e-mail header or closing: the furthest such line
// up is where it starts.
// Without an opening the reply stays with the document before it, as
// before: nothing in the text (a dump puts a blank line after every
// fragment) marks where it begins.
size_t TopPostedReplyStart(const JoinedText& j, size_t header, size_t first) {
  constexpr size_t kReplyLines = 30;
  // Phrases that begin an opening (no word end: "bijgaande", "bijlagen"),
  // then greetings that are whole words ("Beste", not "Bestemming").
  static const RE2 kOpening("(?i)^(?:" +
                            CuePattern("zie bijgaand|zie bijlage|zie onderstaand|"
                                       "zie hieronder|bijgaand|ter info") +
                            "|(?:" + CuePattern("beste|hoi|hallo|goedemorgen|goedemiddag|fyi") +
                            ")\\b)");

  size_t closing = header;
  for (size_t back = 1; back <= 2 && back <= header; ++back) {
    if (StartsWith(j, header - back, EmailClosing())) closing = header - back;
  }
  if (closing == header) return header;
  size_t start = header;
  for (size_t m = closing; m > first && closing - m < kReplyLines; --m) {
    if (StartsWith(j, m - 1, EmailFromLabel()) || StartsWith(j, m - 1, EmailFieldLabel()) ||
        StartsWith(j, m - 1, EmailClosing()))
      break;  // the message above, its header or its end
    // Over three lines: a dump breaks "Zie" / "bijgaande" apart.
    if (StartsWith(j, m - 1, kOpening, 3)) start = m - 1;
  }
  return start;
}

std::vector<Anchor> FindAnchors(const JoinedText& j) {
  static const RE2 kBesluit("^" + FuzzyPattern("besluit van de minister"));
  static const RE2 kBesluitBody("(?i)houdende|gelet\\s*op|artikel\\s*[i1l]\\b");
  static const RE2 kMinisterie("^" + FuzzyPattern("ministerie van"));
  static const RE2 kCover("^" + FuzzyPattern("aanbieding verdeelbesluit") + "(?:[^e]|$)");
  static const RE2 kLetterCue("^(?:" + FuzzyPattern("datum") + "|" + FuzzyPattern("betreft") + "|" +
                              FuzzyPattern("geacht") + ")");

  static const RE2 kSenderLabel(R"((?i)^(?:van|from)\b)");

  static const RE2 kGrounds("^(?:" + FuzzyPattern("toelichting grondslagen") + "|" +
                            FuzzyPattern("in dit document kunt u secties") + ")");
  // A photocopy's specks also add a letter inside the word ("Retoufradres",
  // "Retoutradres"): one may stand between its two parts.
  // A letter of the word read as another ("Retburadres", a photocopy of
  // lettergen seed 6902: the line became a record of its own; its R read as
  // K, "Ketouradres", a photocopy of seed 8605), or its end read as other
  // letters ("Retourautes", a photocopy of seed 9909), is still the return
  // address when a postbus follows, as it always does: a word of its length
  // opening with its R (or a K) before "Postbus".
  static const std::string kRetouradres = "(?:" + FuzzyPattern("retou") + "\\S?" +
                                          FuzzyPattern("radres") + "|[RrKk]\\S{6,11}\\s+" +
                                          FuzzyPattern("postbus") + ")";
  static const RE2 kReturnAddress("^" + kRetouradres);
  static const RE2 kLetterhead(
      "^(?:" + kRetouradres + "|" + FuzzyPattern("aan de voorzitter van de tweede kamer") + "|" +
      FuzzyPattern("aan het college van") + "|" + FuzzyPattern("aan de colleges van") + ")");
  static const RE2 kVerslag("^(?:" + FuzzyPattern("verslag") + "|" + FuzzyPattern("notulen") + ")");
  // The attendance label ("Aanwezig", "Aanwezigen:"), not prose wrapped to
  // open a line ("aanwezigen worden ...", a scan of lettergen seed 7805).
  static const RE2 kAanwezig("(?m)^" + FuzzyPattern("aanwezig") + "(?:\\b|en\\s*[:;])");
  static const RE2 kBulletin("^" + BulletinTitlePattern());

  std::vector<Anchor> out;
  const size_t n = j.starts.size();
  for (size_t k = 0; k < n; ++k) {
    int line = j.lines[k];
    if (DebrisOnly(j, k)) continue;
    if (StartsWith(j, k, kBesluit, 5) && RE2::PartialMatch(Window(j, k, 25), kBesluitBody)) {
      size_t start = k;
      for (size_t b = k; b > 0 && b + 3 >= k; --b)
        if (StartsWith(j, b - 1, kMinisterie)) start = b - 1;
      out.push_back({j.lines[start], start, AnchorType::kBesluit});
      continue;
    }
    if (StartsWith(j, k, kCover, 3)) {
      bool letter = false;
      for (size_t m = k + 1; m < n && m <= k + 12; ++m) {
        if (StartsWith(j, m, kBesluit, 5)) break;
        if (StartsWith(j, m, kLetterCue)) {
          letter = true;
          break;
        }
      }
      if (letter) out.push_back({line, k, AnchorType::kCover});
      continue;
    }
    bool labelled_header = false;  // "Van:" and a field label with its colon
    if (StartsWith(j, k, EmailFromLabel()))
      for (size_t m = k + 1; m < n && m <= k + 10 && !labelled_header; ++m)
        labelled_header = StartsWith(j, m, EmailFieldLabel());
    if (labelled_header) {
      const size_t start = TopPostedReplyStart(j, k, out.empty() ? 0 : out.back().joined + 1);
      Anchor a{j.lines[start], start, AnchorType::kEmail};
      // A reply above its quoted header, after a message of the thread
      // before that closed (a bundle's e-mail, then seed 001's thread
      // whose top message has no header: bundlegen 8206).
      a.new_thread = start < k && !out.empty() && out.back().type == AnchorType::kEmail &&
                     ClosesBetween(j, out.back().joined, start);
      out.push_back(a);
      continue;
    }
    // A header whose colons a scan misread or lost ("Van. Bakker, J <...>",
    // "Onderwerp Vraag", a bare "Van"), or lost after "Van:" only
    // ("Verzonden.", "Aan.", a clean scan of lettergen seed 8108: the thread
    // was cut at its second message): kinds/email.cc reads it so.
    // (Only a "Van"/"From" line can open one: the lines are copied for it.)
    if (StartsWith(j, k, kSenderLabel) && DamagedEmailHeader(NextLines(j, k, 7))) {
      out.push_back({line, k, AnchorType::kEmail});
      continue;
    }
    if (StartsWith(j, k, kGrounds, 3)) {
      out.push_back({line, k, AnchorType::kGrounds});
      continue;
    }
    if (StartsWith(j, k, kLetterhead, 4)) {
      out.push_back({line, k, AnchorType::kLetterhead, StartsWith(j, k, kReturnAddress)});
      continue;
    }
    // A title, not prose wrapped onto the line ("... plan en het" /
    // "verslag. Het provinciaal verslag heeft ...": a sentence ends inside).
    static const RE2 kSentenceInside(R"([.!?]\s+\p{Lu})");
    std::string_view l = Window(j, k, 1);
    if (l.size() <= 80 && StartsWith(j, k, kVerslag) && TitleLine(j, k) &&
        !RE2::PartialMatch(l, kSentenceInside) && RE2::PartialMatch(Window(j, k, 14), kAanwezig)) {
      out.push_back({line, k, AnchorType::kVerslag});
      continue;
    }
    if (StartsWith(j, k, kBulletin) && TitleLine(j, k)) {
      out.push_back({line, k, AnchorType::kBulletin});
      continue;
    }
    for (const KindEntry& entry : AllKinds())
      for (const auto& re : entry.openings)
        if (StartsWith(j, k, *re) && (out.empty() || out.back().joined != k))
          out.push_back({line, k, AnchorType::kOpening});
  }
  return out;
}

struct Cut {
  int line;
  size_t joined;
  AnchorType type;
};

// Cut points. A document's own parts do not cut it: the letterhead block
// (return address, addressee, sender column) spans a dozen lines, and the
// messages of one e-mail thread stay together. But a letterhead has one
// return address above one addressee: a second of either, or a return
// address below the addressee, opens the next letter (short letters, a
// scanned page of a few lines, follow one another within a dozen lines).
std::vector<Cut> CutsFromAnchors(const std::vector<Anchor>& anchors) {
  std::vector<Cut> cuts;
  bool seen_return = false, seen_addressee = false;  // in the current letterhead
  bool opening_seen = false;  // a kind's opening heading since the current cut
  auto note = [&](const Anchor& a) {
    if (a.type != AnchorType::kLetterhead) return;
    (a.return_address ? seen_return : seen_addressee) = true;
  };
  for (const Anchor& a : anchors) {
    if (a.type == AnchorType::kOpening) {
      opening_seen = true;
      continue;
    }
    if (!cuts.empty()) {
      const Cut& cur = cuts.back();
      if (a.line <= cur.line) continue;
      // One e-mail thread (unless another kind's heading came between), one
      // grounds page.
      if (a.type == cur.type && ((a.type == AnchorType::kEmail && !opening_seen && !a.new_thread) ||
                                 a.type == AnchorType::kGrounds))
        continue;
      const bool letter_part = a.type == AnchorType::kLetterhead || a.type == AnchorType::kCover;
      // Minutes open with their title and attendance, never a letterhead:
      // a letterhead after a verslag's title opens the next document (a
      // short verslag followed by a letter).
      const bool cur_letter = cur.type == AnchorType::kLetterhead ||
                              cur.type == AnchorType::kCover || cur.type == AnchorType::kBulletin;
      const bool next_letter = a.type == AnchorType::kLetterhead &&
                               (a.return_address ? seen_return || seen_addressee : seen_addressee);
      if (letter_part && cur_letter && a.joined - cur.joined <= 15 && !next_letter) {
        note(a);
        continue;
      }
    }
    cuts.push_back({a.line, a.joined, a.type});
    seen_return = seen_addressee = opening_seen = false;
    note(a);
  }
  return cuts;
}

// True when lines [first, last] hold no word: no run of three letters or
// digits, only blanks and the marks and stray letters specks are read as.
bool HoldsNoWord(const TextDocument& doc, int first, int last) {
  static const RE2 kWord(R"([\pL\pN]{3})");
  for (int i = first; i <= last; ++i)
    if (RE2::PartialMatch(doc.lines[i].text, kWord)) return false;
  return true;
}

bool AllBlank(const TextDocument& doc, int first, int last) {
  for (int i = first; i <= last; ++i)
    if (!IsBlankLine(doc.lines[i].text)) return false;
  return true;
}

// The kind `entry` opens at joined line k inside `seg` (k's line after its
// first): one of the entry's opening headings is there, the text from it on
// reads as that kind, and the text before it is not blank and reads as
// another kind or none. Fills `head` and `rest` when it does.
bool OpensAt(const TextDocument& doc, const JoinedText& j, size_t k, const KindEntry& entry,
             const Segment& seg, Segment& head, Segment& rest) {
  const int line = j.lines[k];
  if (DebrisOnly(j, k)) return false;  // the heading after it opens, as in FindAnchors
  bool heading = false;
  for (const auto& re : entry.openings) heading = heading || StartsWith(j, k, *re);
  if (!heading || AllBlank(doc, seg.first, line - 1)) return false;
  rest = Segment{line, seg.last};
  ClassifySegment(doc, rest);
  if (rest.kind != entry.kind) return false;
  head = Segment{seg.first, line - 1};
  ClassifySegment(doc, head);
  return head.kind != entry.kind;
}

// Cuts the segments at the kinds' opening headings (KindEntry::openings): a
// document without a letterhead (seed 003 opens with "Inleiding en doel")
// that follows another is its own document, not the tail of the one before.
void CutAtOpenings(const TextDocument& doc, const JoinedText& j, std::vector<Segment>& segs) {
  std::vector<Segment> out;
  size_t k = 0;
  for (Segment seg : segs) {
    while (k < j.lines.size() && j.lines[k] <= seg.first) ++k;
    for (; k < j.lines.size() && j.lines[k] <= seg.last; ++k) {
      for (const KindEntry& entry : AllKinds()) {
        Segment head, rest;
        if (entry.openings.empty() || !OpensAt(doc, j, k, entry, seg, head, rest)) continue;
        head.evidence.insert(head.evidence.begin(),
                             "ends where a " + std::string(ToString(entry.kind)) + " opens (line " +
                                 std::to_string(doc.lines[rest.first].line_no) + ")");
        rest.evidence.insert(rest.evidence.begin(), "opening heading of a " +
                                                        std::string(ToString(entry.kind)) +
                                                        " after a document of another kind");
        out.push_back(std::move(head));
        seg = std::move(rest);
        break;
      }
    }
    out.push_back(std::move(seg));
  }
  segs = std::move(out);
}

}  // namespace

std::vector<std::string> CoverageBreaches(const TextDocument& doc,
                                          const std::vector<Segment>& segments) {
  std::vector<std::string> out;
  const int n = static_cast<int>(doc.lines.size());
  auto no = [&](int i) { return std::to_string(i < n ? doc.lines[i].line_no : i + 1); };
  int next = 0;  // the first line no segment has covered yet
  for (const Segment& s : segments) {
    if (s.first > s.last || s.first < 0 || s.last >= n) {
      out.push_back("a segment of lines " + std::to_string(s.first + 1) + "-" +
                    std::to_string(s.last + 1) + " is empty or outside the file");
      continue;
    }
    if (s.first > next)
      out.push_back("lines " + no(next) + "-" + no(s.first - 1) + " are in no document");
    if (s.first < next)
      out.push_back("lines " + no(s.first) + "-" + no(std::min(next, s.last + 1) - 1) +
                    " are in two documents");
    next = std::max(next, s.last + 1);
  }
  if (next < n) out.push_back("lines " + no(next) + "-" + no(n - 1) + " are in no document");
  return out;
}

std::vector<std::string> EnforceCoverage(const TextDocument& doc, std::vector<Segment>& segments) {
  std::vector<std::string> breaches = CoverageBreaches(doc, segments);
  if (breaches.empty()) return breaches;
  const int n = static_cast<int>(doc.lines.size());
  std::vector<Segment> out;
  int next = 0;
  auto lost = [&](int first, int last) {
    Segment u{first, last};
    u.coverage_breach = "left lines " + std::to_string(doc.lines[first].line_no) + "-" +
                        std::to_string(doc.lines[last].line_no) + " in no document";
    u.evidence.push_back("coverage breach: " + u.coverage_breach);
    out.push_back(std::move(u));
  };
  for (Segment s : segments) {
    if (s.first > s.last || s.first < 0 || s.last >= n) continue;
    if (s.first > next) lost(next, s.first - 1);
    if (s.first < next) {
      if (s.last < next) continue;  // wholly inside the segment before
      s.coverage_breach = "put lines " + std::to_string(doc.lines[s.first].line_no) + "-" +
                          std::to_string(doc.lines[next - 1].line_no) + " in two documents";
      s.first = next;
    }
    next = s.last + 1;
    out.push_back(std::move(s));
  }
  if (next < n) lost(next, n - 1);
  segments = std::move(out);
  return breaches;
}

std::vector<int> PagesInNoRecord(const std::vector<Record>& records, int pages) {
  std::vector<int> out;
  for (int p = 1; p <= pages; ++p) {
    bool held = false;
    for (const Record& r : records)
      held =
          held || (r.source.first_page > 0 && r.source.first_page <= p && p <= r.source.last_page);
    if (!held) out.push_back(p);
  }
  return out;
}

std::vector<Segment> SplitAndClassify(const TextDocument& doc) {
  std::vector<Segment> out;
  const int n = static_cast<int>(doc.lines.size());
  if (n == 0) return out;
  JoinedText j = JoinLines(doc, 0, n - 1);
  std::vector<Anchor> anchors = FindAnchors(j);

  std::vector<Cut> cuts = CutsFromAnchors(anchors);

  std::vector<std::pair<int, bool>> starts;  // (first line, opened by an anchor)
  if (cuts.empty() || cuts.front().line > 0) starts.push_back({0, false});
  for (const Cut& c : cuts) starts.push_back({c.line, true});
  for (size_t s = 0; s < starts.size(); ++s) {
    Segment seg;
    seg.first = starts[s].first;
    seg.last = s + 1 < starts.size() ? starts[s + 1].first - 1 : n - 1;
    out.push_back(seg);
  }
  for (Segment& s : out) ClassifySegment(doc, s);

  // A leading stretch without an anchor: blank lines, specks a scan read as
  // marks and letters ("ha. :" above a photocopy's title, lettergen seed
  // 11400: an unknown record of its own), or the body of the newest message
  // of an e-mail thread whose header was cut off (seed 001), belongs to the
  // document that follows when it is not a document itself.
  if (out.size() >= 2 && !starts[0].second) {
    const bool no_word = HoldsNoWord(doc, out[0].first, out[0].last);
    // A Woo cover or inventory page is filler of its own, not a message body.
    static const RE2 kWooCover(
        R"((?i)\bwo[o0]\b|\bwob\b|inventaris|documentnummer|openbaarmaking)");
    const bool woo_cover =
        RE2::PartialMatch(JoinLines(doc, out[0].first, out[0].last).text, kWooCover);
    if (no_word || (out[0].kind == DocumentKind::kUnknown && out[1].kind == DocumentKind::kEmail &&
                    !woo_cover)) {
      out[1].first = out[0].first;
      out.erase(out.begin());
      ClassifySegment(doc, out[0]);
    }
  }
  CutAtOpenings(doc, j, out);
  for (const std::string& breach : EnforceCoverage(doc, out))
    std::fprintf(stderr, "verdeelscan: split coverage breach (a bug): %s\n", breach.c_str());
  return out;
}

std::vector<Redaction> FindRedactions(const TextDocument& doc, const Segment& seg) {
  static const RE2 kMarker(R"((?i)([\(\[]?\s*ge[a@]non[iy1l]m[iy1l]se[e3]rd\s*[\)\]]?|█+))");
  // Woo (5.1.1a-e, 5.1.2a-i, 5.1.5, 5.2) and older Wob (10.1c, 10.2e, 11.1)
  // grounds written next to a blacked-out passage.
  static const RE2 kGround(
      R"((?i)(?:^|[^\w.])((?:5\.1\.[12]|10\.[12])\s?\.?\s?[a-i]|5\.1\.[345]|5\.2|11\.1)(?:[^\w.]|$))");
  static const RE2 kArticle(
      R"((?i)(?:art(?:ikel)?\.?|lid|tabel|paragraaf|par\.|hoofdstuk|figuur|bijlage)\s*$)");
  std::vector<Redaction> out;
  for (int i = std::max(seg.first, 0); i <= seg.last && i < static_cast<int>(doc.lines.size());
       ++i) {
    const std::string& t = doc.lines[i].text;
    std::vector<std::string> grounds;
    re2::StringPiece in(t), g;
    while (RE2::FindAndConsume(&in, kGround, &g)) {
      std::string_view before(t.data(), g.data() - t.data());
      if (RE2::PartialMatch(before, kArticle)) continue;  // "artikel 5.2" is a citation
      std::string norm;
      for (char c : g)
        if (c != ' ') norm += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      // "5.1.2.e" → "5.1.2e"
      if (norm.size() >= 2 && norm[norm.size() - 2] == '.' && std::isalpha(norm.back()))
        norm.erase(norm.size() - 2, 1);
      grounds.push_back(norm);
    }
    re2::StringPiece m_in(t), m;
    size_t used = 0;
    while (RE2::FindAndConsume(&m_in, kMarker, &m)) {
      Redaction r;
      r.line = i;
      r.text = Squash(m);
      if (used < grounds.size()) r.ground = grounds[used++];
      out.push_back(r);
    }
    for (; used < grounds.size(); ++used) out.push_back({grounds[used], i, grounds[used]});
  }
  return out;
}

}  // namespace verdeelscan
