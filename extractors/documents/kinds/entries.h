// Inside the kind registry: the factory of each kind's entry (one per file in
// this folder) and the helpers they build their cues with.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_ENTRIES_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_ENTRIES_H_

#include <memory>
#include <string>

#include "extractors/documents/kinds/registry.h"

namespace verdeelscan::kinds {

KindEntry VerdeelbesluitEntry();
KindEntry IbtBriefEntry();
KindEntry KamerbriefEntry();
KindEntry BegeleidendeBriefEntry();
KindEntry PrtVerslagEntry();
KindEntry InformatieberichtEntry();
KindEntry EmailEntry();
KindEntry UnknownEntry();

// `pattern` anchored at every line start of the joined text ((?m)^).
inline std::unique_ptr<RE2> AtLineStart(const std::string& pattern) {
  return std::make_unique<RE2>("(?m)^" + pattern);
}
// `pattern` anywhere in the joined text.
inline std::unique_ptr<RE2> Anywhere(const std::string& pattern) {
  return std::make_unique<RE2>(pattern);
}

// Appends a cue to `entry`.
inline void AddCue(KindEntry& entry, const char* label, int weight, int max_hits,
                   std::unique_ptr<RE2> re) {
  entry.cues.push_back({label, weight, max_hits, std::move(re)});
}

}  // namespace verdeelscan::kinds

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_KINDS_ENTRIES_H_
