// Generator of damaged verdeelbesluit text dumps with ground truth.
//
// Each call builds one synthetic Woo release the way real ones look after OCR
// (see samples/seeds/001_*.txt): optional e-mails, the besluit prose, the
// allocation table dumped column by column or row by row with glyph damage,
// the toelichting with its stated figures and municipality lists, and an
// optional cover letter. The truth (shared truth format,
// /work/briefs/truth_format.md) records the undamaged table.
//
// It is written from the document side only: nothing here knows how the
// reader works, so the measured accuracy is an honest out-of-sample figure.
//
// Cost: one document is a few kilobytes of text and takes well under a
// millisecond; output depends only on (seed, options), on every platform
// (own integer-range mapping over std::mt19937_64, no std distributions).
#ifndef VERDEELSCAN_TOOLS_DUMPGEN_DUMPGEN_H_
#define VERDEELSCAN_TOOLS_DUMPGEN_DUMPGEN_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace verdeelscan {

// Rates are probabilities in [0, 1]. The defaults resemble seed 001.
struct DumpGenOptions {
  int min_rows = 8;  // rows per table (capped by the province's size)
  int max_rows = 40;

  // Per numeric cell: letters for digits (1→l, 5→s, 8→B, 0→o, ...). Letters
  // never look like a valid number, so this damage is always visible.
  double glyph_damage_rate = 0.15;
  // Per table: the chance that it carries valid-looking digit swaps
  // (1↔7, 3↔8, 5↔6, 0↔8), and how many at most. Only the column sums expose
  // such a swap, so more than 1–2 per table makes any reading ambiguous.
  double digit_swap_table_rate = 0.3;
  int max_digit_swaps = 1;
  // Per numeric cell of two or more digits: one digit lost.
  double dropped_digit_rate = 0.01;
  // Per municipality name (table and lists): g→q, ij→ii, p→D, e→c, l→I, ...
  double name_damage_rate = 0.15;
  // Per document: dates printed with letter O for zero ("2O december 2O24").
  double date_o_rate = 0.5;
  // Per table line: a stray "|" or "," token.
  double stray_token_rate = 0.03;
  // Per line: an extra blank line after it.
  double blank_line_rate = 0.5;

  // Per document: which optional parts are present.
  double totaal_row_rate = 0.5;      // the table's own Totaal row
  double stated_opgave_rate = 0.75;  // the toelichting's "heeft een opgave van"
  double toelichting_rate = 0.9;     // the toelichting at all
  double emails_rate = 0.4;          // e-mails before the besluit
  double cover_letter_rate = 0.4;    // a cover letter after it
  double row_wise_rate = 0.4;        // row-wise table instead of column blocks
};

struct GeneratedDump {
  std::string name;      // file stem, "dump_s42_overijssel"
  std::string text;      // the OCR-like dump
  nlohmann::json truth;  // shared truth format (+ a "generator" block)
};

// Deterministic: the same (seed, options) gives the same dump.
GeneratedDump Generate(uint64_t seed, const DumpGenOptions& options = {});

}  // namespace verdeelscan

#endif  // VERDEELSCAN_TOOLS_DUMPGEN_DUMPGEN_H_
