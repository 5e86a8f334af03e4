// Owning handle for Leptonica images (Pix), so that every early return frees
// the page bitmap. A 300 DPI A4 page is ~8.7 Mpixel (8.7 MB gray, 35 MB RGB);
// the pipeline keeps at most a few of these alive, one page at a time.
// Internal to extractors/scan.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PIX_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PIX_H_

#include <leptonica/allheaders.h>

#include <memory>

namespace verdeelscan {

struct PixDeleter {
  void operator()(Pix* pix) const {
    if (pix != nullptr) pixDestroy(&pix);
  }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Leptonica prints warnings to stderr on its own (e.g. for unreadable files);
// we report failures as Status values instead, so silence it once per process.
void QuietLeptonica();

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PIX_H_
