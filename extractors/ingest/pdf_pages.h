// A second opinion on a PDF's pages, from qpdf (libqpdf), for the files whose
// page tree lies.
//
// Poppler trusts the page tree's /Count: a PDF whose root says /Count 0 but
// holds a page reads as "no pages", one that says /Count 1 over three pages
// reads as one page (two pages silently lost), and one that says /Count 5
// over one page fails at page 2. qpdf walks the /Kids themselves. When the
// two disagree, the page tree is rebuilt (every page object the tree reaches,
// in order, as direct kids of the root, with /Count set to their number and
// inherited attributes pushed down to each page) and the rebuilt file is
// handed to poppler from memory.
//
// Cost: counting is ~1 ms on the samples (qpdf parses lazily and reads only
// the page tree); a rebuild rewrites the file in memory (one copy of the
// file, ~30-50 ms for a 1 MB scan), and happens only when the counts differ.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PDF_PAGES_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PDF_PAGES_H_

#include <string>
#include <vector>

#include "core/status.h"

namespace verdeelscan {

// The number of page objects reachable through the page tree's /Kids,
// ignoring every /Count. Corruption when qpdf cannot read the file.
StatusOr<int> CountPageObjects(const std::string& path);

// The bytes of `path` with its page tree rebuilt as described above.
StatusOr<std::vector<char>> RebuildPageTree(const std::string& path);

// Per page (in page order): true when the page shows images and every one
// of them is 1-bit (/ImageMask, /BitsPerComponent 1, or CCITT or JBIG2
// encoded): a fax or a 1-bit scan. Poppler renders such an image smoothed
// into grey, so ingestion cuts the render back to 1 bit and cleans it as the
// 1-bit page it is (cleanup.h). Corruption when qpdf cannot read the file.
// Cost: qpdf reads each page's resource dictionaries (~1 ms a page).
StatusOr<std::vector<bool>> BilevelImagePages(const std::string& path);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PDF_PAGES_H_
