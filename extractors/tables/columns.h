// The one column vocabulary of an allocation table: which columns there are,
// their names in records and notes, and every spelling of their header words
// the readers know.
//
// To teach the readers a new header spelling, add it to kColumnHeaderWords
// (or kFillerHeaderWords) with the tolerance each reader should match it at.
//
// The two readers match header words differently, on purpose, and each must
// keep matching exactly as it did (their output is pinned by the sweeps):
//  - the dump reader (table_dump.h) sees plain OCR text, where a header line
//    is told from a name line only by its words, so it is stricter (regulier
//    at 10-12 edit cost, amv at 4) and knows the long form of amv
//    ("alleenstaande minderjarige vreemdelingen") and the filler "naam";
//  - the layout reader (table_layout.h) sees positioned words under a header
//    already located on the page, so it is more tolerant (regulier 12-14, amv
//    5, or 10 for a four-letter read with a glyph gained), knows
//    "gemeentenaam", and matches a keyword glued to "(opvang)plaatsen"
//    ("amvopvangplaatsen") by splitting it, where the dump reader lists that
//    one compound as a word of its own.
// A spelling with kNotMatched for a reader is not one that reader knows.
// Tolerances are OCR edit costs (validators/name_matcher.h, OcrEditCost: 10
// per arbitrary edit, less for an OCR confusion).
#ifndef VERDEELSCAN_EXTRACTORS_TABLES_COLUMNS_H_
#define VERDEELSCAN_EXTRACTORS_TABLES_COLUMNS_H_

namespace verdeelscan {

// The numeric columns, in the order every array over the column set uses
// (RawRow::cells, the solver's rows and targets, the record's allocations).
enum Column : int { kRegulier = 0, kAmv = 1, kTotaal = 2 };
inline constexpr int kColumnCount = 3;

// Column kinds the readers give header words beyond the numeric ones.
inline constexpr int kGemeente = -1;       // the municipality name column
inline constexpr int kUnknownColumn = -2;  // a header column no word names
inline constexpr int kFillerWord = -3;     // a header word that names no column

// The column's name in records, checks and notes ("regulier", ...).
constexpr const char* ColumnName(int column) {
  switch (column) {
    case kRegulier:
      return "regulier";
    case kAmv:
      return "amv";
    case kTotaal:
      return "totaal";
    case kGemeente:
      return "gemeente";
    default:
      return "unidentified";
  }
}

// What a word of a header line is to a reader: a column's word, the
// "(opvang)plaatsen" that follows one (only the layout reader tells it
// apart), a filler, or no header word at all.
enum class HeaderWord { kNone, kGemeente, kRegulier, kAmv, kTotaal, kPlaatsen, kFiller };

// The header word that names `column` (kFiller for the filler kinds).
constexpr HeaderWord HeaderWordOf(int column) {
  switch (column) {
    case kGemeente:
      return HeaderWord::kGemeente;
    case kRegulier:
      return HeaderWord::kRegulier;
    case kAmv:
      return HeaderWord::kAmv;
    case kTotaal:
      return HeaderWord::kTotaal;
    default:
      return HeaderWord::kFiller;
  }
}

// The column a header word names: kGemeente, a numeric column, or
// kUnknownColumn for the words that name none (the inverse of HeaderWordOf).
constexpr int ColumnOf(HeaderWord h) {
  switch (h) {
    case HeaderWord::kGemeente:
      return kGemeente;
    case HeaderWord::kRegulier:
      return kRegulier;
    case HeaderWord::kAmv:
      return kAmv;
    case HeaderWord::kTotaal:
      return kTotaal;
    default:
      return kUnknownColumn;
  }
}

// A reader does not match this spelling at all.
inline constexpr int kNotMatched = -1;

struct HeaderSpelling {
  int column;          // kRegulier, kAmv, kTotaal, kGemeente or kFillerWord
  const char* folded;  // the spelling as FoldName gives it: lower case, no marks
  int dump_limit;      // largest edit cost the dump reader accepts, or kNotMatched
  int layout_limit;    // the same for the layout reader
  // The layout reader also matches the word glued to "(opvang)plaatsen"
  // ("reguliereopvangplaatsen"), within layout_limit for the keyword part.
  bool layout_compound = false;
};

// "amv" in the layout reader, also where it tells a speck ("ij") from a
// short column word.
inline constexpr int kAmvLayoutLimit = 5;

// The words that name a column, in the order the readers try them (the first
// match wins, so a damaged word close to two spellings takes the earlier one).
inline constexpr HeaderSpelling kColumnHeaderWords[] = {
    {kGemeente, "gemeente", 12, 12},
    {kGemeente, "gemeenten", 12, 12},
    {kGemeente, "gemeentenaam", kNotMatched, 12},
    {kRegulier, "reguliere", 12, 14, true},
    {kRegulier, "regulier", 10, 12},
    // "Amv-", "Arnv-"; the layout reader widens its limit for four-letter
    // reads (kAmvLayoutLimitFourLetters).
    {kAmv, "amv", 4, kAmvLayoutLimit, true},
    {kAmv, "amvopvangplaatsen", 24, kNotMatched},
    {kTotaal, "totaal", 8, 8, true},
    // The long form of amv: "alleenstaande minderjarige vreemdelingen (amv)".
    {kAmv, "alleenstaande", 12, kNotMatched},
    {kAmv, "minderjarige", 12, kNotMatched},
    {kAmv, "vreemdelingen", 12, kNotMatched},
};

// "Amwv-": a four-letter read of "amv" with one glyph gained, in the layout
// reader (where it sits in a located header; in a dump it could be any word).
inline constexpr int kAmvLayoutLimitFourLetters = 10;

// Words of a header that name no column: "Aantal reguliere opvangplaatsen",
// "Naam gemeente", "Totaal aantal". A limit of 0 is an exact match.
inline constexpr HeaderSpelling kFillerHeaderWords[] = {
    {kFillerWord, "aantal", 6, 8},
    {kFillerWord, "naam", 0, kNotMatched},
    // "opvang-": "opvangplaatsen" broken over two lines in a header cell.
    {kFillerWord, "opvang", kNotMatched, 6},
};

// "opvangplaatsen" under or after a column word, also merged and damaged
// ("oovanoolaatsenoovanqplaatsen"): a folded word at least this long that
// holds kPlacesPart or kPlacesPartDamaged or is near one of kPlacesWords. The
// dump reader takes it as filler; the layout reader gives it to the column
// above or below it. The rest of a layout compound ("amv" + "plaatsen") is
// tested without kPlacesPartDamaged.
inline constexpr int kPlacesMinLengthDump = 7;
inline constexpr int kPlacesMinLengthLayout = 6;
inline constexpr const char* kPlacesPart = "plaats";
inline constexpr const char* kPlacesPartDamaged = "aatsen";  // "oolaatsen"
struct PlacesSpelling {
  const char* folded;
  int limit;  // the same for both readers
};
inline constexpr PlacesSpelling kPlacesWords[] = {{"opvangplaatsen", 30}, {"plaatsen", 12}};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_TABLES_COLUMNS_H_
