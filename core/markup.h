// Text placed inside XML or HTML markup (the searchable PDF's XMP metadata,
// the review page): one escape for both, so that a title with "&" or a control
// character from OCR cannot break either document.
#ifndef VERDEELSCAN_CORE_MARKUP_H_
#define VERDEELSCAN_CORE_MARKUP_H_

#include <string>
#include <string_view>

namespace verdeelscan {

// `text` with &, <, > and " escaped, for element content and double-quoted
// attribute values. Control characters XML 1.0 forbids (all below U+0020 but
// tab, line feed and carriage return) are dropped: an XMP packet holding one
// is not well-formed, and in HTML they are parse errors that show as nothing.
std::string EscapeMarkup(std::string_view text);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_CORE_MARKUP_H_
