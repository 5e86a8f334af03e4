// Text with positions: the common currency between ingestion (text dumps,
// PDF text layers, OCR) and the field extractors. Every extractor works on a
// TextDocument, never on a file format, so the same code serves all media.
#ifndef VERDEELSCAN_CORE_DOCUMENT_H_
#define VERDEELSCAN_CORE_DOCUMENT_H_

#include <string>
#include <vector>

namespace verdeelscan {

// [x0, y0, x1, y1] in pixels of the rendered page (at TextDocument::dpi).
struct BBox {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// One alternative reading the recogniser offered for a word, with its own
// probability-derived cost (lower is likelier). Empty for text dumps.
struct WordAlternative {
  std::string text;
  double confidence = 0;  // 0..1
};

struct Word {
  std::string text;
  BBox box;                 // empty for text dumps
  double confidence = 1.0;  // 0..1; 1 for text layers and dumps
  // The recogniser's next readings, likeliest first: for words that may be
  // numbers or names (extractors/ingest/ocr.h), else none.
  std::vector<WordAlternative> alternatives;
  // False when OCR read a word of letters that its language's dictionary
  // does not hold, whole or as a compound of two of its words ("boveri" for
  // "boven"): a misreading the confidence may not show. True for text dumps
  // and layers, and for numbers, codes and words of one or two letters.
  bool known_word = true;
};

struct TextLine {
  std::string text;  // the whole line, words joined by single spaces
  int page = 1;      // 1-based
  int line_no = 0;   // 1-based line number in the source (text dumps) or page
  BBox box;
  std::vector<Word> words;  // may be empty for text dumps (derive by splitting)
};

// What page cleanup learned about one rendered page (scans and PDFs).
struct PageInfo {
  int page = 1;               // 1-based
  int width = 0, height = 0;  // pixels at TextDocument::dpi
  double deskew_degrees = 0;  // rotation applied to straighten the page
  std::vector<BBox> rulings;  // detected ruling lines (table borders)
  bool has_text_layer = false;
  // Orientation: the page was turned clockwise by this many degrees (0, 90,
  // 180 or 270) to stand upright before it was read; every box of the page is
  // in the upright frame.
  int rotation_degrees = 0;
  // How well the page read (OCR'd pages; -1 = not measured): the mean
  // recogniser confidence over its words (0..1), the number of words, and the
  // share of words that look like words of a document (0..1).
  double mean_word_confidence = -1;
  int word_count = 0;
  double plausible_word_share = -1;
  // Why the page was judged unreadable from its image alone, before OCR (a
  // black page, noise, a photograph; extractors/ingest/page_quality.h), or
  // why it could not be read at all ("not read: " and the error: a damaged
  // image, one over the decoding budget): it was not OCR'd and has no words.
  // Empty for every page that was read.
  std::string unreadable_image;
  // The page could not be read at all (unreadable_image says why): it has no
  // image anyone could look at, so outputs made from the page images (the
  // searchable PDF of an image file) put a blank page in its place.
  bool not_read = false;
};

// Where a document came from and what it looks like.
struct TextDocument {
  std::string media;  // "text", "pdf-text", "pdf-scanned", "image"
  int pages = 1;
  int dpi = 0;                      // 0 for text dumps
  std::vector<TextLine> lines;      // in reading order, page by page
  std::vector<PageInfo> page_info;  // empty for text dumps
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_CORE_DOCUMENT_H_
