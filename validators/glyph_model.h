// The glyph-confusion model: what a damaged numeric token could have said.
//
// OCR turns "142" into "L42", "550" into "s50", and, worse, "129" into "729":
// a valid-looking wrong digit. Given the raw text of a cell, NumberReadings()
// lists every value it could plausibly stand for, each with an integer cost
// (how much damage that reading assumes) and a human-readable reason. The
// repair engine (table_solver.h) then picks the cheapest combination of
// readings that obeys the table's arithmetic.
//
// Costs are small integers so that ties are exact. The defaults encode:
//  - a letter inside a number is certainly damage, so its mapping to a digit is
//    cheap (only *which* digit is in question);
//  - changing a digit that looks valid is expensive: it is only worth it when
//    the arithmetic demands it;
//  - dropping or inserting a whole glyph is more expensive still.
// Cost: linear in the number of readings produced (bounded by max_readings).
#ifndef VERDEELSCAN_VALIDATORS_GLYPH_MODEL_H_
#define VERDEELSCAN_VALIDATORS_GLYPH_MODEL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verdeelscan {

struct Reading {
  long value = 0;
  int cost = 0;        // 0 = read as printed
  std::string reason;  // "" for cost 0; else e.g. "glyph L→1, look-alike 7→1"
};

struct GlyphModelOptions {
  // A letter or symbol that commonly stands for one digit (L→1, s→5, a→8).
  int glyph_cost = 1;
  // The less likely digit for an ambiguous glyph (B→3 rather than B→8).
  int alt_glyph_cost = 2;
  // One printed digit replaced by a look-alike (1↔7, 3↔8, 5↔6, 0↔8, ...).
  // Expensive on purpose: only arithmetic should make us change a valid digit.
  int lookalike_cost = 4;
  // At most this many look-alike substitutions per cell (each pays in full).
  int max_lookalikes = 2;
  // A glyph lost or gained (e.g. "14" for "141", "1441" for "141").
  int indel_cost = 7;
  bool allow_indels = true;
  // An unknown symbol read as any digit. Cells with more than
  // max_unknown_symbols such symbols are unreadable (no readings).
  int unknown_symbol_cost = 6;
  int max_unknown_symbols = 1;
  // Readings costlier than this are not produced.
  int max_cost = 14;
  // A thin upright stroke the recogniser split off just before a number
  // ("|" or "Ï" before "937" where the page says "1.937": a 1-bit page broke
  // the leading 1 from its thousands dot) read as that number's leading 1.
  // Between a glyph and a look-alike: the stroke is certainly there, whether
  // it is a digit of this number is the doubt; only the arithmetic takes it.
  int leading_stroke_cost = 2;
  // Hard cap on readings per cell; the cheapest are kept.
  size_t max_readings = 200;
  // Largest plausible value of a cell.
  long max_value = 999999;

  bool operator==(const GlyphModelOptions&) const = default;
};

// All plausible values of a numeric token, cheapest first, at most one reading
// per value (the cheapest). Empty when the token cannot be a number at all.
std::vector<Reading> NumberReadings(std::string_view raw, const GlyphModelOptions& options = {});

// The cheapest reading only, if any.
std::optional<Reading> BestReading(std::string_view raw, const GlyphModelOptions& options = {});

// True for a cell printed as a lone dash ("-", "–", "—", "−"): the Dutch
// table convention for nil.
bool IsNilDash(std::string_view token);

// The readings of a table cell: a nil dash is 0 at no cost (the raw text keeps
// the dash; the arithmetic still has to hold), anything else is read by
// NumberReadings(). Kept apart from NumberReadings() because a lone dash
// elsewhere (a speck on a scan, a hyphen in prose) is no number.
std::vector<Reading> CellReadings(std::string_view raw, const GlyphModelOptions& options = {});

// True when the token looks like a (possibly damaged) number rather than a
// word: mostly digits or digit-like glyphs, short. "L42", "s50", "to4" yes;
// "Almelo", "Totaal" no.
bool LooksNumeric(std::string_view token);

// Strict Dutch number parsing for prose: "5787", "5.787", "1. 936", "96.000"
// (a dot or comma followed by exactly three digits is a thousands separator).
// O/o and l/I inside digit runs are read as 0 and 1; a token may start with O/o
// when it is the whole token ("O" -> 0). No other repair.
std::optional<long> ParseDutchNumber(std::string_view text);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_VALIDATORS_GLYPH_MODEL_H_
