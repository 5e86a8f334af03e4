// The kinds of document a Woo release holds, as one enum: the record's "kind"
// field, the classifier's verdict and the key of the kind registry
// (extractors/documents/). Adding a kind means one enumerator here, its name
// in kDocumentKinds, and its entry in the registry.
#ifndef VERDEELSCAN_CORE_DOCUMENT_KIND_H_
#define VERDEELSCAN_CORE_DOCUMENT_KIND_H_

#include <array>
#include <optional>
#include <string_view>

namespace verdeelscan {

enum class DocumentKind {
  kVerdeelbesluit,     // the minister's distribution decision for one province
  kIbtBrief,           // a supervision (interbestuurlijk toezicht) letter
  kKamerbrief,         // a letter to parliament
  kBegeleidendeBrief,  // the cover letter sent with a besluit
  kPrtVerslag,         // report or minutes of a provinciale regietafel
  kInformatiebericht,  // an information bulletin to municipalities
  kEmail,              // an e-mail (thread) in the release
  kUnknown,            // matches no kind: kept as a record of its own
};

struct DocumentKindName {
  DocumentKind kind;
  std::string_view name;  // the record contract's spelling
};

// Every kind with its name, in the order above (also the CLI's order).
inline constexpr std::array<DocumentKindName, 8> kDocumentKinds = {{
    {DocumentKind::kVerdeelbesluit, "verdeelbesluit"},
    {DocumentKind::kIbtBrief, "ibt_brief"},
    {DocumentKind::kKamerbrief, "kamerbrief"},
    {DocumentKind::kBegeleidendeBrief, "begeleidende_brief"},
    {DocumentKind::kPrtVerslag, "prt_verslag"},
    {DocumentKind::kInformatiebericht, "informatiebericht"},
    {DocumentKind::kEmail, "email"},
    {DocumentKind::kUnknown, "unknown"},
}};

constexpr std::string_view ToString(DocumentKind kind) {
  for (const DocumentKindName& k : kDocumentKinds) {
    if (k.kind == kind) return k.name;
  }
  return "unknown";
}

// The kind spelled `name`; nullopt for a name the contract does not have.
constexpr std::optional<DocumentKind> ParseDocumentKind(std::string_view name) {
  for (const DocumentKindName& k : kDocumentKinds) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

}  // namespace verdeelscan

#endif  // VERDEELSCAN_CORE_DOCUMENT_KIND_H_
