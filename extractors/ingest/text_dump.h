// Plain-text OCR dumps as Woo portals publish them (seed 001): loading into a
// TextDocument, with the checks that keep junk out (binary data, empty files).
// Cost: one pass over the file.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_TEXT_DUMP_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_TEXT_DUMP_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "extractors/ingest/text_encoding.h"

namespace verdeelscan {

// Repairs ligatures that broken PDF text layers leave behind: Ɵ→ti, Ʃ→tt,
// Ō→ft (seed 002), and the Unicode ligature code points ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ.
std::string RepairLigatures(std::string_view text);

// A text dump as read: its lines, and which of them held bytes that are not
// valid UTF-8 (each invalid sequence replaced by U+FFFD).
struct TextDump {
  TextDocument doc;
  std::vector<int> repaired_lines;  // 1-based line numbers, ascending
  size_t replaced_sequences = 0;    // U+FFFD put in over the whole text
  // What the bytes were in (text_encoding.h): other than UTF-8, the text was
  // decoded to UTF-8 first, its lines numbered as in the file.
  TextEncoding encoding = TextEncoding::kUtf8;
};

// One TextLine per input line (1-based line_no; a form feed starts a new
// page), ligatures repaired. The whole text is checked as UTF-8: a file that
// is mostly text keeps its lines, each invalid sequence (overlong form,
// surrogate, code point above U+10FFFF, truncated sequence, stray
// continuation byte, Latin-1 byte) replaced by U+FFFD and its line listed in
// repaired_lines, so nothing invalid reaches the JSON writer. Fails with
// Corruption on binary data (a NUL byte, or more than 5% of the bytes not
// valid UTF-8) and NotFound on an empty text. A text in UTF-16 or
// Windows-1252 (SniffTextEncoding) is decoded to UTF-8 first.
StatusOr<TextDump> ReadTextDump(std::string_view text);

// ReadTextDump's document alone.
StatusOr<TextDocument> TextDocumentFromString(std::string_view text);

// The same for a file; IOError when it cannot be read.
StatusOr<TextDocument> LoadTextDump(const std::string& path);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_TEXT_DUMP_H_
