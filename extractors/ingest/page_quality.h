// Did OCR read the page at all? Measures of one OCR'd page taken from the
// words the recogniser produced, and the verdict the pipeline acts on.
//
// A page OCR cannot read (turned 90 or 180 degrees, black, a dirty
// photocopy, a photograph, another script) still yields "words": specks and
// shapes read as letters. Two cheap measures tell them from text:
//  - the mean recogniser confidence of the page's words (0..1), and
//  - the share of plausible words: a number ("5.787", "20-12-2024"), a word
//    of a small Dutch list (dutch_words.txt) or of a municipality name
//    (reference/), or a token that passes a letter-pattern test (letters of
//    the Latin script in one case pattern, a vowel, no letter three times in
//    a row, no run of more than six consonants). The pattern accepts any
//    Latin-script prose (English, German), so a readable manual stays readable.
// Calibrated on generated pages of every class (tools/pagegen/quality_pages.py;
// figures in extractors/ingest/README.md): the thresholds below sit between the
// worst readable page and the best unreadable one, with a margin each side.
//
// A page with no words at all is blank, not garbage: a blank page in a bundle
// (the back of a sheet, a separator) is normal. A page with only a few words
// (fewer than kMinWordsToJudge: a page number, a stamp, specks of dust) is
// not judged: too few words for a share to mean anything.
//
// Before OCR, the page image itself (MeasurePageImage): a page with no
// paper showing (black: the lid open) or with little of it (uniform noise, a
// photograph) is unreadable without being read, so it costs neither OCR of
// noise (seconds: Tesseract reads every speck) nor orientation detection.
// Measured on a copy sampled down to 75 DPI (every n-th pixel, not averaged,
// so that noise keeps its spread of grey levels): the paper level is
// the brightest 5% of the page, paper is every pixel within 48 grey levels of
// it. Calibrated on generated pages and the sweeps (extractors/ingest/README.md):
// text pages, faxes, photocopies and pages with redaction bars and dark
// borders show 0.84-1.00 paper, noise and photographs 0.25-0.32, a black page
// has a paper level of 29-45 against 200-255 for any page with paper.
//
// Cost: one pass over the page's words (microseconds); the lexicon is built
// once per process. The image measure: a grayscale copy and a reduction
// (milliseconds).
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PAGE_QUALITY_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PAGE_QUALITY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "extractors/ingest/pix.h"

namespace verdeelscan {

// A page with fewer words than this is not judged (blank or nearly blank).
constexpr int kMinWordsToJudge = 8;
// Below either threshold a judged page is unreadable.
constexpr double kMinMeanWordConfidence = 0.62;
constexpr double kMinPlausibleWordShare = 0.60;

// True for a word that looks like a word or number of a document (see above).
bool IsPlausibleWord(std::string_view word);

// Fills info->mean_word_confidence, word_count and plausible_word_share from
// the words of `lines` on page info->page. A page without words gets
// word_count 0 and both measures 0.
void MeasurePageQuality(const std::vector<TextLine>& lines, PageInfo* info);

// "" when the page reads, is blank or nearly blank, or was not measured (a
// text-layer page); else why it does not read, e.g.
// "mean word confidence 0.21, 4% plausible words (of 143)", or, for a page
// judged from its image alone, PageInfo::unreadable_image.
std::string UnreadablePageReason(const PageInfo& info);

// A page's image before OCR: its paper level (0..255) and the share of the
// page (0..1) within kPaperBand grey levels of it.
struct PageImageMeasures {
  int paper_level = 255;
  double paper_share = 1;
};
constexpr int kPaperBand = 48;
// Below this paper level the page is black; below this share of paper, noise
// or a photograph.
constexpr int kMinPaperLevel = 100;
constexpr double kMinPaperShare = 0.5;

// Measures `page` (any depth, at `dpi`); a page Leptonica cannot convert
// measures as all paper (it is then read as usual).
PageImageMeasures MeasurePageImage(Pix* page, int dpi);

// "" when the image may hold text (it is then read); else why it cannot, e.g.
// "no paper showing (paper level 19: a black page; judged from the image
// alone)".
std::string UnreadableImageReason(const PageImageMeasures& m);

// True when a page read as it stood is plainly upright text, so that
// orientation detection can be skipped (ScanOptions): at least
// kMinWordsToJudge words, mean word confidence >= min_word_confidence and
// plausible share >= min_plausible_share. A page turned 90 or 180 degrees,
// noise, a photograph or a page of a few words never is.
bool ReadsAsUpright(const PageInfo& info, double min_word_confidence, double min_plausible_share);

// True when reading `a` is better than reading `b` of the same page (e.g.
// as it stood, and turned as orientation detection suggested): `a` has
// enough words to judge and a higher mean word confidence. The recogniser's
// confidence separates upright from turned text by a wide margin (0.76-0.96
// against 0.30-0.49 on the calibration pages), so it arbitrates when OSD is
// wrong about a page of poor print.
bool ReadsBetter(const PageInfo& a, const PageInfo& b);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PAGE_QUALITY_H_
