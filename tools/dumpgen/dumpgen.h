// Generator of damaged verdeelbesluit text dumps with ground truth.
//
// Each call builds one synthetic Woo release the way real ones look after OCR
// (see samples/seeds/001_*.txt): optional e-mails, the besluit prose, the
// allocation table dumped column by column or row by row with glyph damage,
// the toelichting with its stated figures and municipality lists, and an
// optional cover letter. The truth (NAME.truth.json, the format described in
// samples/dumps/README.md) records the undamaged table.
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

  // Per document: the table lists every municipality of the province, as the
  // real besluiten do (Noord-Brabant 56 rows, Gelderland 51), whatever
  // min_rows and max_rows say. Long tables are where block alignment and page
  // breaks hurt; a higher rate leaves fewer of the small tables that test
  // the arithmetic repairs, and makes a sweep slower.
  double full_province_rate = 0.15;
  // Per document whose table has 12 rows or more: the table runs over two
  // pages (three from 36 rows), broken at random rows (each part >= 4 rows),
  // with a continuation page's furniture in between ("Pagina 2 van 5",
  // "Datum" / the date, "Kenmerk" / the reference, "- 2 -", blank lines;
  // a furniture word mildly damaged now and then). Column-wise tables repeat
  // their blocks and headers per page; row-wise ones may repeat the header
  // line. The truth still holds the whole table. 0.3 resembles how often a
  // big province's table is broken in the releases; much more would make
  // one-page tables, still the common case, rare in a sweep.
  double page_break_rate = 0.3;
  // Per later page of a column-wise table that runs over pages: its blocks
  // come in another order than the first page's (OCR reads each page on its
  // own). Usually a page is read like the one before, so this is the
  // exception; at 1 every page's order is a surprise.
  double page_order_change_rate = 0.3;

  // Styles of printing the table that real dumps show besides the plain one;
  // layout, not damage. Each is drawn from a stream of its own (see
  // Generate), so a document without them is the one made with these at 0.
  //
  // Per table: every cell whose true value is 0 (Totaal row included) is
  // printed as a lone dash, one of "-", en dash, em dash for the whole
  // table, and takes no digit damage. Some releases print nil this way
  // throughout; much more than 0.15 would leave too few tables whose zeros
  // can be misread as "o" or "8".
  double nil_dash_rate = 0.15;
  // Per table with a Totaal row: the row is labelled "Totaal provincie
  // <Province>" or "Totaal <Province>" (even odds) instead of "Totaal", on one
  // line. A label naming the province looks like a municipality row to a
  // careless reader; 0.3 keeps the plain label the common case.
  double total_label_province_rate = 0.3;
  // Per row-wise table: its lines carry cell separators as a markdown / pipe
  // table does ("| Almelo | 468 | 0 | 468 |"), the header line too, which
  // is then one line and followed by a ruling line "|---|---|---|---|" with
  // even odds. A name broken over two lines keeps its carried part bare; a
  // stray token on such a line is a "," (a "|" would be an empty cell).
  // Converters that emit markdown produce this for every table they see;
  // 0.2 keeps the OCR-style lines the common case.
  double cell_separator_rate = 0.2;
};

// The "generator" block of the truth records how the dump was made: layout,
// block or column order, every damage applied, and the table's pages:
// "full_province" (bool), "pages" (number of parts, 1 when unbroken),
// "page_breaks" (index into "allocations" of the first row of each later
// part), "page_furniture" (per break, the lines written between the parts,
// "" for a blank line), and for column-wise tables "page_block_orders" and
// "page_merged_headers" (per page), for row-wise ones "page_headers" (per
// page: a header line printed). The printing styles: "nil_dash" (the dash
// printed for 0, or null), "total_label" (the Totaal row's label when it
// names the province, or null), "cell_separators" (bool) and "ruling_line"
// (bool: the separators' header line is followed by "|---|---|...").
struct GeneratedDump {
  std::string name;      // file stem, "dump_s42_overijssel"
  std::string text;      // the OCR-like dump
  nlohmann::json truth;  // shared truth format (+ a "generator" block)
};

// Deterministic: the same (seed, options) gives the same dump. Full-province
// tables and page breaks draw from a stream of their own, so a document that
// has neither is the same as with both rates at 0; likewise the printing
// styles (nil dash, province total label, cell separators) from a third.
GeneratedDump Generate(uint64_t seed, const DumpGenOptions& options = {});

}  // namespace verdeelscan

#endif  // VERDEELSCAN_TOOLS_DUMPGEN_DUMPGEN_H_
