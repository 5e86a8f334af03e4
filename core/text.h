// Small predicates and trims on text that more than one layer uses (the table
// reader, the letter readers): one definition each, so that "a digit" or
// "white space" means the same in both. ASCII only, as the characters they
// test for are ASCII; the bytes of UTF-8 sequences are never taken for them.
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
