#include "extractors/documents/kinds/registry.h"

#include <vector>

#include "extractors/documents/kinds/entries.h"

namespace verdeelscan {
namespace {

const std::vector<KindEntry>& Entries() {
  static const std::vector<KindEntry>* entries = [] {
    auto* v = new std::vector<KindEntry>;
    // The tie-break order of classification (see AllKinds).
    v->push_back(kinds::VerdeelbesluitEntry());
    v->push_back(kinds::IbtBriefEntry());
    v->push_back(kinds::KamerbriefEntry());
    v->push_back(kinds::BegeleidendeBriefEntry());
    v->push_back(kinds::PrtVerslagEntry());
    v->push_back(kinds::InformatieberichtEntry());
    v->push_back(kinds::EmailEntry());
    v->push_back(kinds::UnknownEntry());
    return v;
  }();
  return *entries;
}

}  // namespace

const KindEntry& Kind(DocumentKind kind) {
  for (const KindEntry& e : Entries()) {
    if (e.kind == kind) return e;
  }
  return Entries().back();  // the unknown kind; unreachable while every kind has an entry
}

std::span<const KindEntry> AllKinds() { return Entries(); }

}  // namespace verdeelscan
