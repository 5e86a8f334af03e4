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
// Cost: one pass over the page's words (microseconds); the lexicon is built
// once per process.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_PAGE_QUALITY_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_PAGE_QUALITY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

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
// "mean word confidence 0.21, 4% plausible words (of 143)".
std::string UnreadablePageReason(const PageInfo& info);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_PAGE_QUALITY_H_
