// Plain-text OCR dumps as Woo portals publish them (seed 001): loading into a
// TextDocument, with the checks that keep junk out (binary data, empty files).
// Cost: one pass over the file.
#ifndef VERDEELSCAN_EXTRACTORS_TEXT_DUMP_H_
#define VERDEELSCAN_EXTRACTORS_TEXT_DUMP_H_

#include <string>
#include <string_view>

#include "core/document.h"
#include "core/status.h"

namespace verdeelscan {

// Repairs ligatures that broken PDF text layers leave behind: Ɵ→ti, Ʃ→tt,
// Ō→ft (seed 002), and the Unicode ligature code points ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ.
std::string RepairLigatures(std::string_view text);

// One TextLine per input line (1-based line_no; a form feed starts a new
// page), ligatures repaired. Fails with Corruption on binary data (NUL bytes
// or mostly invalid UTF-8) and NotFound on an empty text.
StatusOr<TextDocument> TextDocumentFromString(std::string_view text);

// The same for a file; IOError when it cannot be read.
StatusOr<TextDocument> LoadTextDump(const std::string& path);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_TEXT_DUMP_H_
