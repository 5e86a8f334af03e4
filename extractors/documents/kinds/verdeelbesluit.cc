// The minister's verdeelbesluit: only its document-level cues live here. Its
// table is read by extractors/tables and repaired and checked by the
// pipeline (pipeline/verdeelbesluit.cc), which also sets the record's status.
#include <re2/re2.h>

#include "extractors/documents/kinds/entries.h"
#include "extractors/documents/letter_text.h"

namespace verdeelscan::kinds {

KindEntry VerdeelbesluitEntry() {
  KindEntry e;
  e.kind = DocumentKind::kVerdeelbesluit;
  AddCue(e, "heading: Besluit van de Minister", 5, 1,
         AtLineStart(FuzzyPattern("besluit van de minister")));
  AddCue(e, "phrase: houdende de verdeling van asielopvangplaatsen", 3, 1,
         Anywhere(FuzzyPattern("houdende de verdeling van asielopvang")));
  AddCue(e, "phrase: als volgt over de gemeenten verdeeld", 3, 1,
         Anywhere(FuzzyPattern("als volgt over de gemeenten verdeeld")));
  AddCue(e, "phrase: aangehaald als Verdeelbesluit", 3, 1,
         Anywhere(FuzzyPattern("aangehaald als") + "\\s*:?\\s*" + FuzzyPattern("verdeelbesluit")));
  AddCue(e, "heading: Artikel I", 1, 1, std::make_unique<RE2>("(?mi)^\\s*artikel\\s*[i1l]\\s*$"));
  e.sets_status = false;  // the pipeline owns the table and the status
  return e;
}

}  // namespace verdeelscan::kinds
