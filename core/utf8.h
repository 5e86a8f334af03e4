// Strict UTF-8 (RFC 3629, Unicode ch. 3 "well-formed UTF-8 byte sequences"):
// what the JSON writer accepts, and nothing more. OCR dumps from Woo portals
// come in every state: Latin-1 bytes in an otherwise UTF-8 file, overlong
// forms and encoded surrogates from broken converters, a sequence cut off at
// the end of a file. Text is checked here in full before anything reads it.
#ifndef VERDEELSCAN_CORE_UTF8_H_
#define VERDEELSCAN_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace verdeelscan {

// The length of the well-formed UTF-8 sequence at s[i] (1..4), or 0 when the
// bytes there are not one: a stray continuation byte, C0/C1/F5..FF, an
// overlong form (E0 80..9F, F0 80..8F), a surrogate (ED A0..BF), a code point
// above U+10FFFF (F4 90..), or a sequence cut short.
size_t WellFormedUtf8Length(std::string_view s, size_t i);

// The length of the maximal invalid subpart at s[i], where
// WellFormedUtf8Length(s, i) == 0: the bytes that one U+FFFD replaces
// (Unicode's "substitution of maximal subparts", what browsers and ICU do):
// a valid lead byte with the continuation bytes that fit it, else one byte.
size_t InvalidUtf8Length(std::string_view s, size_t i);

// The characters of `s`, counted as the bytes that do not continue a
// sequence (for well-formed text, its code points): widths and short-word
// tests in characters, not bytes ("Fryslân" is 7).
size_t Utf8CodePoints(std::string_view s);

// True when every byte of `s` belongs to a well-formed sequence.
bool IsValidUtf8(std::string_view s);

struct Utf8Repair {
  std::string text;          // `s` with each invalid subpart replaced by U+FFFD
  size_t replaced = 0;       // how many U+FFFD were put in
  size_t invalid_bytes = 0;  // how many bytes they replaced
};

// Replaces every maximal invalid subpart of `s` by U+FFFD (EF BF BD). The
// result is always valid UTF-8; valid input comes back unchanged.
Utf8Repair RepairUtf8(std::string_view s);

// Counts the bytes of `s` that are not part of a well-formed sequence; a
// sequence cut off by the end of `s` counts only when `s` is the whole text
// (`truncated_by_caller` false), not when the caller read only its head.
size_t InvalidUtf8Bytes(std::string_view s, bool truncated_by_caller = false);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_CORE_UTF8_H_
