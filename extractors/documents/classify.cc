#include "extractors/documents/classify.h"

#include <re2/re2.h>

#include <algorithm>
#include <vector>

#include "core/document_kind.h"
#include "extractors/documents/kinds/registry.h"
#include "extractors/documents/letter_text.h"

namespace verdeelscan {
namespace {

constexpr int kMinScore = kMinKindScore;

struct KindScore {
  int score = 0;
  std::vector<std::string> evidence;
};

// The score of `entry`'s cues in the joined text, with the evidence of every
// hit ("heading: Besluit van de Minister (line 12)").
KindScore Score(const TextDocument& doc, const JoinedText& j, const KindEntry& entry) {
  KindScore s;
  for (const Cue& c : entry.cues) {
    size_t pos = 0;
    int hits = 0;
    re2::StringPiece m;
    while (hits < c.max_hits && pos <= j.text.size() &&
           c.re->Match(j.text, pos, j.text.size(), RE2::UNANCHORED, &m, 1)) {
      size_t at = m.data() - j.text.data();
      ++hits;
      s.score += c.weight;
      int line = j.LineAt(at);
      s.evidence.push_back(c.label + " (line " + std::to_string(doc.lines[line].line_no) + ")");
      pos = at + std::max<size_t>(m.size(), 1);
    }
  }
  return s;
}

}  // namespace

void ClassifySegment(const TextDocument& doc, Segment& seg) {
  JoinedText j = JoinLines(doc, seg.first, seg.last);
  const KindEntry* best = nullptr;
  KindScore best_score;
  // Strictly greater: on a tie the entry listed first keeps the lead.
  for (const KindEntry& entry : AllKinds()) {
    KindScore s = Score(doc, j, entry);
    if (s.score > best_score.score) {
      best_score = std::move(s);
      best = &entry;
    }
  }
  seg.evidence.clear();
  seg.kind = DocumentKind::kUnknown;
  seg.near_kind.reset();
  seg.near_score = 0;
  seg.near_evidence.clear();
  if (best != nullptr && best_score.score < kMinScore && best->kind != DocumentKind::kUnknown) {
    seg.near_kind = best->kind;
    seg.near_score = best_score.score;
    seg.near_evidence = std::move(best_score.evidence);
    return;
  }
  if (best == nullptr || best_score.score < kMinScore) return;
  seg.kind = best->kind;
  seg.evidence = std::move(best_score.evidence);
  if (!best->verdict_note.empty()) seg.evidence.insert(seg.evidence.begin(), best->verdict_note);
}

std::vector<std::string> RecordKinds() {
  std::vector<std::string> kinds;
  for (const DocumentKindName& k : kDocumentKinds) kinds.emplace_back(k.name);
  return kinds;
}

}  // namespace verdeelscan
