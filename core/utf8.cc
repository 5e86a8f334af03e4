#include "core/utf8.h"

#include <algorithm>

namespace verdeelscan {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

unsigned char At(std::string_view s, size_t i) { return static_cast<unsigned char>(s[i]); }

// The sequence length a lead byte announces (0: not a lead byte), and the
// range its first continuation byte must lie in; the others are 80..BF.
// Table 3-7 of the Unicode standard.
struct Lead {
  size_t length;
  unsigned char second_lo, second_hi;
};

Lead LeadOf(unsigned char c) {
  if (c < 0x80) return {1, 0, 0};
  if (c >= 0xC2 && c <= 0xDF) return {2, 0x80, 0xBF};
  if (c == 0xE0) return {3, 0xA0, 0xBF};  // below A0: overlong
  if (c == 0xED) return {3, 0x80, 0x9F};  // A0..BF: surrogates D800..DFFF
  if (c >= 0xE1 && c <= 0xEF) return {3, 0x80, 0xBF};
  if (c == 0xF0) return {4, 0x90, 0xBF};  // below 90: overlong
  if (c >= 0xF1 && c <= 0xF3) return {4, 0x80, 0xBF};
  if (c == 0xF4) return {4, 0x80, 0x8F};  // 90 and up: above U+10FFFF
  return {0, 0, 0};                       // 80..BF stray continuation, C0/C1 overlong, F5..FF
}

// How many bytes from s[i] match the sequence its lead byte announces
// (the lead byte counts as one); equals lead.length when well formed.
size_t MatchingPrefix(std::string_view s, size_t i, const Lead& lead) {
  if (lead.length == 0) return 0;
  size_t n = 1;
  while (n < lead.length && i + n < s.size()) {
    const unsigned char c = At(s, i + n);
    const bool fits = n == 1 ? c >= lead.second_lo && c <= lead.second_hi : (c & 0xC0) == 0x80;
    if (!fits) break;
    ++n;
  }
  return n;
}

}  // namespace

size_t WellFormedUtf8Length(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  const Lead lead = LeadOf(At(s, i));
  return MatchingPrefix(s, i, lead) == lead.length ? lead.length : 0;
}

size_t InvalidUtf8Length(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  const size_t n = MatchingPrefix(s, i, LeadOf(At(s, i)));
  return n == 0 ? 1 : n;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    // ASCII runs are the common case: no table lookups.
    if (At(s, i) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = WellFormedUtf8Length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

Utf8Repair RepairUtf8(std::string_view s) {
  Utf8Repair out;
  if (IsValidUtf8(s)) {
    out.text = std::string(s);
    return out;
  }
  out.text.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size();) {
    const size_t n = WellFormedUtf8Length(s, i);
    if (n > 0) {
      out.text.append(s.substr(i, n));
      i += n;
      continue;
    }
    const size_t bad = InvalidUtf8Length(s, i);
    out.text.append(kReplacement);
    ++out.replaced;
    out.invalid_bytes += bad;
    i += bad;
  }
  return out;
}

size_t InvalidUtf8Bytes(std::string_view s, bool truncated_by_caller) {
  size_t bad = 0;
  for (size_t i = 0; i < s.size();) {
    if (At(s, i) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = WellFormedUtf8Length(s, i);
    if (n > 0) {
      i += n;
      continue;
    }
    const size_t invalid = InvalidUtf8Length(s, i);
    // A sequence that would be whole but for the end of what was read.
    const bool cut_by_read = truncated_by_caller && i + invalid == s.size() && invalid > 0 &&
                             invalid < LeadOf(At(s, i)).length;
    if (!cut_by_read) bad += invalid;
    i += invalid;
  }
  return bad;
}

size_t Utf8CodePoints(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace verdeelscan
