// The encodings text dumps arrive in besides UTF-8: a Windows export in
// UTF-16 (with or without its byte-order mark), and older Dutch dumps in
// Windows-1252 ("Frysl\xE2n"). Read as UTF-8 the first looks binary and is
// refused, the second turns every accented letter into U+FFFD and sends the
// record to review; decoded, both read as the UTF-8 dump would.
// Cost: one pass to sniff; decoding (ICU) one more, only for those files.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_TEXT_ENCODING_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_TEXT_ENCODING_H_

#include <string>
#include <string_view>

namespace verdeelscan {

enum class TextEncoding {
  kUtf8,         // also the default when nothing else fits
  kUtf8Bom,      // UTF-8 behind EF BB BF: the mark is dropped
  kUtf16Le,      // FF FE, or NUL in every other byte from the second
  kUtf16Be,      // FE FF, or NUL in every other byte from the first
  kWindows1252,  // not UTF-8, and not one well-formed multi-byte sequence in it
};

// The name a note gives: "UTF-8", "UTF-16LE", "Windows-1252", ...
const char* ToString(TextEncoding e);

// Which encoding `head` (the file's first bytes; `cut` when the file goes on)
// is in. UTF-16 without a mark is recognised by its NUL bytes: at least 90%
// of the even or odd bytes of the first 4 KiB are NUL and almost none of the
// others (text in a Latin script). Windows-1252 is chosen only for text that
// is not valid UTF-8 and holds no well-formed multi-byte UTF-8 sequence at
// all, and looks like Latin-script text (few control bytes, at most 30% above
// ASCII, each of those a letter or a sign of text, at most two in a row): a
// UTF-8 file with a few damaged bytes stays UTF-8 (each bad byte then
// becomes U+FFFD, as before), and binary junk stays junk.
TextEncoding SniffTextEncoding(std::string_view head, bool cut = false);

// `bytes` in `from` as UTF-8. Sequences that do not decode (an odd last byte
// of UTF-16, a lone surrogate)
// become U+FFFD; the five bytes Windows-1252 leaves undefined pass as the C1
// controls of the same value, as in WHATWG's mapping. kUtf8 returns the bytes
// unchanged.
std::string DecodeToUtf8(std::string_view bytes, TextEncoding from);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_TEXT_ENCODING_H_
