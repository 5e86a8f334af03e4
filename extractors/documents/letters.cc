// Splitting a file into documents, classifying them, and Woo redactions.
// The cues and field readers of each kind are in kinds/ (the registry),
// what every record shares and the cross-document checks in fields.cc.
#include "extractors/documents/letters.h"

#include <re2/re2.h>

#include <algorithm>
#include <memory>

#include "extractors/documents/classify.h"
#include "extractors/documents/letter_text.h"

namespace verdeelscan {
namespace {

// What kind of document a start anchor opens.
enum class AnchorType { kBesluit, kCover, kEmail, kGrounds, kLetterhead, kVerslag, kBulletin };

struct Anchor {
  int line = 0;       // 0-based doc line where the document starts
  size_t joined = 0;  // index of that line among the joined lines
  AnchorType type;
};

// True when `re` (anchored with ^) matches at the start of joined line k; the
// match may run on over the next lines (OCR breaks headings: "Besluit , van"
// / "de Minister van").
// Debris a scan leaves before a heading (a ruling read as "|", quotes,
// bullets: "| Besluit van de Minister") is skipped.
bool StartsWith(const JoinedText& j, size_t k, const RE2& re, size_t lines = 1) {
  size_t last = std::min(j.starts.size(), k + lines) - 1;
  std::string_view text(j.text.data() + j.Begin(k), j.End(last) - j.Begin(k));
  static const RE2 kDebris(R"(^(?:[\s|!:;,.'"`*#>\-_~]|“|”|‘|’|…|©|•|«|»){1,4}\s*)");
  re2::StringPiece rest(text.data(), text.size());
  if (RE2::Consume(&rest, kDebris)) text = std::string_view(rest.data(), rest.size());
  return RE2::PartialMatch(text, re);
}

// The text of joined lines [k, k + n).
std::string_view Window(const JoinedText& j, size_t k, size_t n) {
  size_t b = j.Begin(k);
  size_t last = std::min(j.starts.size(), k + n);
  size_t e = last == 0 ? b : j.End(last - 1);
  return std::string_view(j.text.data() + b, e - b);
}

std::vector<Anchor> FindAnchors(const JoinedText& j) {
  static const RE2 kBesluit("^" + FuzzyPattern("besluit van de minister"));
  static const RE2 kBesluitBody("(?i)houdende|gelet\\s*op|artikel\\s*[i1l]\\b");
  static const RE2 kMinisterie("^" + FuzzyPattern("ministerie van"));
  static const RE2 kCover("^" + FuzzyPattern("aanbieding verdeelbesluit") + "(?:[^e]|$)");
  static const RE2 kLetterCue("^(?:" + FuzzyPattern("datum") + "|" + FuzzyPattern("betreft") + "|" +
                              FuzzyPattern("geacht") + ")");
  static const RE2 kEmailFrom(R"((?i)^(?:van|from)\s*:)");
  static const RE2 kEmailField(
      R"((?i)^(?:verzonden|aan|onderwerp|datum|cc|sent|to|subject|date)\s*:)");
  static const RE2 kGrounds("^(?:" + FuzzyPattern("toelichting grondslagen") + "|" +
                            FuzzyPattern("in dit document kunt u secties") + ")");
  static const RE2 kLetterhead("^(?:" + FuzzyPattern("retouradres") + "|" +
                               FuzzyPattern("aan de voorzitter van de tweede kamer") + "|" +
                               FuzzyPattern("aan het college van") + "|" +
                               FuzzyPattern("aan de colleges van") + ")");
  static const RE2 kVerslag("^(?:" + FuzzyPattern("verslag") + "|" + FuzzyPattern("notulen") + ")");
  static const RE2 kAanwezig("(?m)^" + FuzzyPattern("aanwezig"));
  static const RE2 kBulletin("^" + FuzzyPattern("informatiebericht") + "\\s*\\S{0,40}$");

  std::vector<Anchor> out;
  const size_t n = j.starts.size();
  for (size_t k = 0; k < n; ++k) {
    int line = j.lines[k];
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
    if (StartsWith(j, k, kEmailFrom)) {
      for (size_t m = k + 1; m < n && m <= k + 10; ++m) {
        if (StartsWith(j, m, kEmailField)) {
          out.push_back({line, k, AnchorType::kEmail});
          break;
        }
      }
      continue;
    }
    if (StartsWith(j, k, kGrounds, 3)) {
      out.push_back({line, k, AnchorType::kGrounds});
      continue;
    }
    if (StartsWith(j, k, kLetterhead, 4)) {
      out.push_back({line, k, AnchorType::kLetterhead});
      continue;
    }
    std::string_view l = Window(j, k, 1);
    if (l.size() <= 80 && StartsWith(j, k, kVerslag) &&
        RE2::PartialMatch(Window(j, k, 14), kAanwezig)) {
      out.push_back({line, k, AnchorType::kVerslag});
      continue;
    }
    if (StartsWith(j, k, kBulletin)) out.push_back({line, k, AnchorType::kBulletin});
  }
  return out;
}

}  // namespace

std::vector<Segment> SplitAndClassify(const TextDocument& doc) {
  std::vector<Segment> out;
  const int n = static_cast<int>(doc.lines.size());
  if (n == 0) return out;
  JoinedText j = JoinLines(doc, 0, n - 1);
  std::vector<Anchor> anchors = FindAnchors(j);

  // Cut points. A document's own parts do not cut it: the letterhead block
  // (return address, addressee, sender column) spans a dozen lines, and the
  // messages of one e-mail thread stay together.
  struct Cut {
    int line;
    size_t joined;
    AnchorType type;
  };
  std::vector<Cut> cuts;
  for (const Anchor& a : anchors) {
    if (!cuts.empty()) {
      const Cut& cur = cuts.back();
      if (a.line <= cur.line) continue;
      // One e-mail thread, one grounds page.
      if (a.type == cur.type && (a.type == AnchorType::kEmail || a.type == AnchorType::kGrounds))
        continue;
      const bool letter_part = a.type == AnchorType::kLetterhead || a.type == AnchorType::kCover;
      const bool cur_letter = cur.type == AnchorType::kLetterhead ||
                              cur.type == AnchorType::kCover || cur.type == AnchorType::kVerslag ||
                              cur.type == AnchorType::kBulletin;
      if (letter_part && cur_letter && a.joined - cur.joined <= 15) continue;
    }
    cuts.push_back({a.line, a.joined, a.type});
  }

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

  // A leading stretch without an anchor: blank lines, or the body of the
  // newest message of an e-mail thread whose header was cut off (seed 001),
  // belongs to the document that follows when it is not a document itself.
  if (out.size() >= 2 && !starts[0].second) {
    bool blank = true;
    for (int i = out[0].first; i <= out[0].last; ++i)
      if (!IsBlankLine(doc.lines[i].text)) blank = false;
    // A Woo cover or inventory page is filler of its own, not a message body.
    static const RE2 kWooCover(
        R"((?i)\bwo[o0]\b|\bwob\b|inventaris|documentnummer|openbaarmaking)");
    const bool woo_cover =
        RE2::PartialMatch(JoinLines(doc, out[0].first, out[0].last).text, kWooCover);
    if (blank || (out[0].kind == DocumentKind::kUnknown && out[1].kind == DocumentKind::kEmail &&
                  !woo_cover)) {
      out[1].first = out[0].first;
      out.erase(out.begin());
      ClassifySegment(doc, out[0]);
    }
  }
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
