#include "extractors/ingest/text_encoding.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "core/utf8.h"

namespace verdeelscan {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// UTF-16 without a mark: Latin text has a NUL as the high byte of nearly
// every code unit, so one parity of bytes is nearly all NUL and the other
// nearly none.
TextEncoding Utf16ByNuls(std::string_view head) {
  const size_t n = std::min<size_t>(head.size(), 4096) & ~size_t(1);
  if (n < 16) return TextEncoding::kUtf8;
  size_t nul[2] = {0, 0};
  for (size_t i = 0; i < n; ++i)
    if (head[i] == '\0') ++nul[i % 2];
  const size_t half = n / 2;
  if (nul[1] * 10 >= half * 9 && nul[0] * 20 <= half) return TextEncoding::kUtf16Le;
  if (nul[0] * 10 >= half * 9 && nul[1] * 20 <= half) return TextEncoding::kUtf16Be;
  return TextEncoding::kUtf8;
}

// Whether `s` holds a well-formed UTF-8 sequence of two or more bytes.
bool HasMultiByteUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x80) continue;
    if (WellFormedUtf8Length(s, i) > 1) return true;
  }
  return false;
}

// Whether single-byte text looks like a language in Latin script: control
// bytes (not tab, line or page breaks) are at most 1% of it and bytes above
// ASCII at most 30% (Dutch has a few percent, French or Frisian more; random
// bytes have half).
bool LooksLikeLatinText(std::string_view s) {
  size_t control = 0, high = 0;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      ++high;
    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
      ++control;
    }
  }
  return control * 100 <= s.size() && high * 10 <= s.size() * 3;
}

// Whether a byte above ASCII is, in Windows-1252, a letter of a Latin
// alphabet or the punctuation and signs word processors put in text (quotes,
// dashes, ellipsis, euro, section, degree, no-break space).
bool Windows1252TextByte(unsigned char c) {
  if (c >= 0xC0) return c != 0xD7 && c != 0xF7;  // letters, not × and ÷
  static constexpr unsigned char kSigns[] = {
      0x80, 0x82, 0x84, 0x85, 0x8A, 0x8C, 0x8E, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
      0x9A, 0x9C, 0x9E, 0x9F, 0xA0, 0xA7, 0xA9, 0xAB, 0xB0, 0xB2, 0xB3, 0xB7, 0xBB, 0xBD};
  return std::find(std::begin(kSigns), std::end(kSigns), c) != std::end(kSigns);
}

// Whether every run of bytes above ASCII reads as Windows-1252 text: at most
// two in a row ("ë", "„…"), each a letter or a sign of text. Damaged UTF-8
// fails this: an overlong "\xC0\xAF" (À¯) or a surrogate "\xED\xA0\x80"
// (three in a row).
bool PlausibleWindows1252(std::string_view s) {
  size_t run = 0;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      run = 0;
      continue;
    }
    if (++run > 2 || !Windows1252TextByte(c)) return false;
  }
  return true;
}

}  // namespace

const char* ToString(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kUtf8Bom:
      return "UTF-8 with a byte-order mark";
    case TextEncoding::kUtf16Le:
      return "UTF-16LE";
    case TextEncoding::kUtf16Be:
      return "UTF-16BE";
    case TextEncoding::kWindows1252:
      return "Windows-1252";
  }
  return "UTF-8";
}

TextEncoding SniffTextEncoding(std::string_view head, bool cut) {
  if (StartsWith(head, "\xEF\xBB\xBF")) return TextEncoding::kUtf8Bom;
  if (StartsWith(head, "\xFF\xFE")) return TextEncoding::kUtf16Le;
  if (StartsWith(head, "\xFE\xFF")) return TextEncoding::kUtf16Be;
  if (head.find('\0') != std::string_view::npos) return Utf16ByNuls(head);
  if (InvalidUtf8Bytes(head, cut) > 0 && !HasMultiByteUtf8(head) && LooksLikeLatinText(head) &&
      PlausibleWindows1252(head)) {
    return TextEncoding::kWindows1252;
  }
  return TextEncoding::kUtf8;
}

std::string DecodeToUtf8(std::string_view bytes, TextEncoding from) {
  const char* codepage = nullptr;
  switch (from) {
    case TextEncoding::kUtf8:
      return std::string(bytes);
    case TextEncoding::kUtf8Bom:
      return std::string(bytes.substr(std::min<size_t>(3, bytes.size())));
    case TextEncoding::kUtf16Le:
      codepage = "UTF-16LE";
      if (StartsWith(bytes, "\xFF\xFE")) bytes.remove_prefix(2);
      break;
    case TextEncoding::kUtf16Be:
      codepage = "UTF-16BE";
      if (StartsWith(bytes, "\xFE\xFF")) bytes.remove_prefix(2);
      break;
    case TextEncoding::kWindows1252:
      codepage = "windows-1252";
      break;
  }
  // ICU counts in int32_t; a text that large is over every text limit.
  if (bytes.size() > size_t(INT32_MAX)) return std::string(bytes);
  // ICU's converters substitute U+FFFD for what does not decode.
  const icu::UnicodeString text(bytes.data(), int32_t(bytes.size()), codepage);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace verdeelscan
