// Prose helpers shared by the letter extractors: a range of TextLines joined
// into one searchable string that remembers which line every byte came from,
// OCR-tolerant phrase patterns, sentence and paragraph bounds, and "label
// value" fields of letter heads ("Datum 9 april 2026", "Onze referentie" with
// the number on the next line).
//
// Why joined text: OCR dumps break phrases over lines at random ("Besluit van
// de Minister van Asiel en\nMigratie", one word per line in e-mails), so cues
// must be matched across line ends, yet every hit must map back to a line for
// the record's provenance. Cost: linear in the text of the range; patterns are
// compiled once per call site (static RE2).
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTER_TEXT_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTER_TEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace verdeelscan {

// A line with markdown decoration ("**", leading "#", ">" quote marks) and
// trailing white space removed. Tabs and inner runs of spaces are kept: they
// separate table columns.
std::string CleanLine(std::string_view line);

// The text of a line as the letter readers take it. For an OCR'd line (words
// with boxes and recogniser confidences) without the specks of dust and toner
// a scan adds, read as stray marks (". samenwerking met ’", "Vervolgbijeenkomst
// :", "___2. Gevolg") or as a barely read word apart from the line's others
// ("Datum IE", "oe Regulier"); other lines as they are. CleanLine(TextLine) is
// CleanLine of it.
std::string ReaderText(const TextLine& line);

// The words of an OCR'd line that ReaderText keeps (the first possibly with
// specks glued to its front), for readers that place words by their boxes;
// every word of other lines.
std::vector<const Word*> ReaderWords(const TextLine& line);
std::string CleanLine(const TextLine& line);

// True when the line has no visible characters.
bool IsBlankLine(std::string_view line);

// Lines [first, last] of a document, non-blank ones joined with "\n", or with
// "\n\n" where a paragraph break was seen (see ParagraphGap).
struct JoinedText {
  std::string text;
  std::vector<size_t> starts;  // byte offset of each joined line
  std::vector<int> lines;      // its 0-based index in doc.lines
  // The doc.lines index of the line holding byte `offset`.
  int LineAt(size_t offset) const;
  // Byte range [begin, end) of joined line k.
  size_t Begin(size_t k) const { return starts[k]; }
  size_t End(size_t k) const;
};

// How many consecutive blank lines make a paragraph break in this range.
// Text dumps of PDFs often put an empty line after *every* line (seed 003);
// there only a run of two or more blanks separates paragraphs. Such a dump is
// told by blanks inside its wrapped sentences (or, where no sentence wraps in
// the range, by a blank after most lines). On pages read
// from an image or a text layer (lines with a box) every blank is a break.
int ParagraphGap(const TextDocument& doc, int first, int last);

JoinedText JoinLines(const TextDocument& doc, int first, int last);

// A case-insensitive RE2 pattern for `phrase` that tolerates common OCR
// damage: spaces may be missing or be line breaks, o/0, i/l/1, e/c, g/q,
// s/5, m/rn, n/ri/rr confusions, and an accent a speck put on a vowel
// ("Rêtouradres") or an accented copy a speck put before it ("Míinister").
// Other characters are escaped. Not anchored.
std::string FuzzyPattern(std::string_view phrase);

// What FuzzyPattern allows between two words: OCR drops spaces and strews
// punctuation between words ("Besluit , van , de Minister", "Aan de
// Voorzitter-van", "de Tweede ‘Kamer": a photocopy of lettergen seed 10404
// lost its kind to a speck read as an opening quote).
inline constexpr std::string_view kFuzzyWordGap = "[\\s,.;:'‘’`-]*";

// The title line of an information bulletin, "Informatiebericht" alone or with
// its topic ("Informatiebericht uitruil en samenvoegen"): a capital first, at
// most 60 characters of topic and no sentence mark in it. A photocopy of
// lettergen seed 6813 read "dit infornmatiebericht" in the body, and the
// bulletin had no other cue than its titled first line. The word may be
// spaced apart once (FuzzyPatternOneGap). Anchored at the end ($), not at
// the start.
std::string BulletinTitlePattern();

// FuzzyPattern for each "|"-separated alternative of `cue`, as one group
// ("wettelijke taak|opgave").
std::string CuePattern(std::string_view cue);

// FuzzyPattern for `word` and for `word` with any one letter but its first
// lost ("Acte:" for "Actie:", a photocopy of lettergen seed 6505), as one
// group. Only for a word whose context makes it unmistakable (a label before
// its colon): a lost letter makes many words out of short ones.
std::string FuzzyPatternOneLost(std::string_view word);

// FuzzyPattern(word), or the word with a gap between two of its letters: a
// scan that spaced a long word apart ("Infor matiebericht", a photocopy of
// lettergen seed 11015: the bulletin was an unknown record).
std::string FuzzyPatternOneGap(std::string_view word);

// Sentence bounds [begin, end) around byte `offset` of `text`: a sentence
// ends at . ! ? followed by white space and an upper-case letter (so "96.000"
// and "1. 936" do not end one), or at a paragraph break ("\n\n").
std::pair<size_t, size_t> SentenceAround(std::string_view text, size_t offset);

// White space collapsed to single spaces, trimmed.
std::string Squash(std::string_view s);

// A line read from an image: its words carry boxes and the recogniser's
// confidences (a text dump's or text layer's do not).
bool IsOcrLine(const TextLine& line);

// Debris a scan leaves before a heading (a ruling read as "|", quotes,
// bullets, low quotes: "| Besluit van de Minister", "„> Retouradres", a
// photocopy of lettergen seed 8617) is skipped, and so is one stray
// glyph before such debris: a photocopy reads the return address's arrow as
// "7 > Retouradres" (lettergen seeds 6703, 6714: the line became a record of
// its own). A stray glyph alone is not skipped ("1 Besluit" stays).
std::string_view SkipDebris(std::string_view text);

// A "label value" field of a letter head. The value is the rest of the label's
// line, or when that is empty the next non-blank line(s) (two-column letter
// heads put the value under the label). `line` is the 0-based doc line of the
// value. Labels are matched with FuzzyPattern at the start of a line, after
// any debris (SkipDebris).
struct LabelValue {
  std::string value;
  int label_line = -1;
  int line = -1;
};
std::vector<LabelValue> FindLabelValues(const TextDocument& doc, int first, int last,
                                        std::string_view label, int max_value_lines = 1);

// Digits of a reference number, reading O/o as 0 and l/I as 1 (OCR damage),
// when `token` is mostly digits and at least `min_digits` long; else "".
std::string ReferenceDigits(std::string_view token, size_t min_digits = 5);

// `text` with OCR damage inside numeric dates mended ("l-7-2O25" →
// "1-7-2025"): O/o read as 0 and l/I as 1, only in tokens shaped like
// d-m-yyyy or d/m/yyyy. Byte offsets are unchanged. (extractors/documents/dates.h
// tolerates O and l in written-out dates but not in numeric ones.)
std::string MendNumericDates(std::string_view text);

// A label of an e-mail header read without its colon or with another mark
// ("Van. Bakker <...>", "Van! van Dijk", "Onderwerp Vraag", a bare "Van"
// whose value is on the next line, "Âan." with a speck read as an accent).
// Fills the label lower-cased ("van", "verzonden", ...) and the
// value ("" when the line holds the label alone). Only a block that
// DamagedEmailHeader accepts may be read so: prose opens lines with "Aan".
bool LooseEmailLabel(std::string_view line, std::string* label, std::string* value);

// True when `lines`, a "Van"/"From" line and the non-blank lines after it,
// open an e-mail header a scan damaged. Prose does not have the shape: a
// sender's line that keeps a mark after its label or an address, followed
// within six lines by the labels of two other fields; or a sender's line
// with neither ("Van", "Van 5 12e") followed by three (of Verzonden, Aan, CC,
// Onderwerp), among them a Verzonden that holds a date and an Onderwerp.
// `block`, when given, receives the indexes of the labelled lines, the
// sender's first.
bool DamagedEmailHeader(const std::vector<std::string>& lines,
                        std::vector<size_t>* block = nullptr);

// A Dutch date without a year ("1 juni", "3 oktober"): month 1..12 and day,
// tolerant of damaged month names. Used with a year taken from context, so a
// day and month followed by a year, legible or not ("3 februari 2026aan"), is
// none.
struct DayMonth {
  int day = 0, month = 0;
  size_t begin = 0, end = 0;
};
std::vector<DayMonth> FindDayMonths(std::string_view text);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTER_TEXT_H_
