// Small predicates and trims on text that every layer uses (tables, letters,
// validators): one definition each, so that "a digit" or "white space" means
// the same in the table reader as in the letter readers. ASCII only, as the
// characters they test for are ASCII; bytes of UTF-8 sequences pass through.
#ifndef VERDEELSCAN_CORE_TEXT_H_
#define VERDEELSCAN_CORE_TEXT_H_

#include <string_view>

namespace verdeelscan {

// `s` without the ASCII white space (space, tab, line breaks) at either end.
std::string_view StripSpace(std::string_view s);

// Whether `s` holds an ASCII digit anywhere.
bool HasDigit(std::string_view s);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_CORE_TEXT_H_
