// Every repair cost and search budget of verdeelscan in one place.
//
// A repair is a reading of the table that assumes some OCR damage; each
// assumption has an integer cost, and the cheapest consistent reading wins
// (validators/table_solver.h). The costs encode how much more likely one kind
// of damage is than another; the budgets bound the time a hopeless table can
// take. Carried the way LevelDB carries its Options: ExtractOptions::costs
// (pipeline/extract.h) is passed down to the column choice, the solver and the
// repair stage; the defaults are what every sweep and test is calibrated to.
//
// To add a cost: a member here with its default and a comment on what
// raising or lowering it trades, then read it where the decision is made.
#ifndef VERDEELSCAN_VALIDATORS_COST_MODEL_H_
#define VERDEELSCAN_VALIDATORS_COST_MODEL_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "validators/glyph_model.h"
#include "validators/table_solver.h"

namespace verdeelscan {

struct CostModel {
  // --- Reading a damaged number (validators/glyph_model.h) ---
  //
  // glyph.glyph_cost (1): a letter standing for a digit (L→1, s→5). Cheap:
  //   a letter in a number is certainly damage, only which digit is in doubt.
  // glyph.alt_glyph_cost (2): the less likely digit of an ambiguous glyph.
  // glyph.lookalike_cost (4): a valid-looking digit changed (1↔7, 3↔8).
  //   Expensive so that only the arithmetic can make us do it; lower it and
  //   valid tables get "repaired" into other valid tables.
  // glyph.max_lookalikes (2): look-alike changes per cell.
  // glyph.indel_cost (7): a glyph lost or gained ("14" for "141"). Above a
  //   look-alike: a dropped digit changes the magnitude.
  // glyph.unknown_symbol_cost (6), glyph.max_unknown_symbols (1): a symbol
  //   read as any digit; more such symbols make the cell unreadable.
  // glyph.leading_stroke_cost (2): a stroke split off before a number read as
  //   its leading 1 ("|" + "937" for 1.937 on a fax); the positioned reader
  //   offers it as a recogniser reading. Lower it and a speck beside a
  //   number could add a thousand; raise it above two indels (14) and a
  //   table that lost two leading ones prefers restoring glyphs elsewhere.
  // glyph.max_cost (14), glyph.max_readings (200), glyph.max_value: bounds on
  //   the readings per cell (more readings: deeper repairs, slower search).
  GlyphModelOptions glyph;

  // --- The exact repair search (validators/table_solver.h) ---
  //
  // solver.unreadable_cost (9): a cell derived from its row because nothing
  //   in it could be read; above an indel, below two look-alikes.
  // solver.override_cost (13), solver.override_pair_max_cost (2): a cell
  //   that was read but fits the row under no reading ("111" printed 777)
  //   derived from the other two when they read at cost 2 or less. Above
  //   three look-alikes: only where nothing cheaper adds up.
  // solver.max_extra_cost (40): how far above the cheapest per-row reading
  //   the search goes before it calls the table inconsistent. Higher finds
  //   deeper repairs and costs time on hopeless tables.
  // solver.max_states (3 M, ~40 bytes each) and solver.max_steps (8 M, 1-3 s
  //   on one core): memory and time per table; a table that needs more goes
  //   to review instead of stalling a batch.
  SolverOptions solver;
  // The repair stage's solver.near_tie_margin: a repaired table is proven
  // only when every other consistent reading costs more than this above the
  // cheapest; otherwise it goes to review with the cells where the two
  // readings differ doubtful (and re-read digits-only). Two compensating
  // misreads (a look-alike or recogniser alternative in one row balanced by
  // one in another, every row and column still adding up) make a wrong
  // reading that the damage priced a little below the truth. Higher: more
  // such near-ties caught, more right repairs sent to review; 0: exact ties
  // only.
  // Calibrated on the seed-97000 development sweeps (40 documents each,
  // scangen_eval --runner-up-window 12): right repairs had their next
  // reading at +2 (one fax table, two glyph priors deciding), +5, then +7 or
  // more (fax); +7 or more (photocopy). The one wrong repair seen (a fax:
  // 279->273 and (iS)->15 in one row balanced by 661->667 beside a misread 23
  // in another) lay 1-2 below the truth, its repairs built from recogniser
  // alternatives (cost 1-4 each) and glyph readings (1-2). 2 catches that;
  // it sends the +2 table to review too (doubtful cells named, values right).
  int near_tie_margin = 2;
  // Measurement only (scangen_eval --runner-up-window): how far above the
  // cheapest the repair stage looks for the next reading to report it.
  int runner_up_window = 0;

  // --- Choosing the columns of a text dump (validators/column_choice.h) ---
  //
  // Work budget (solver steps) over all candidate column assignments
  // together: about 1-2 s on one core at worst. An assignment left unproven
  // when it runs out makes the choice doubtful (review), never silently taken.
  uint64_t column_search_steps = 12'000'000;
  // The shallow searches' max_extra_cost, at growing depth: a table that needs
  // a deeper repair is found before the hopeless assignments have been
  // searched deep (which is what exhausts the budget). Lower first depths
  // save time on clean tables; too low and every round comes up empty.
  std::array<int, 3> column_search_depths = {8, 16, 24};
  // A table over more page parts than this reads every part in the first
  // part's block order: 6^parts combinations would be too many to score.
  size_t max_parts_with_own_order = 3;

  // --- Matching names (validators/name_matcher.h) ---
  //
  // One arbitrary edit of a name: the unit every name and header-word
  // tolerance is counted in (extractors/tables/columns.h: 12 is about one
  // edit and a confusion), and the margin by which a match must beat the next
  // name. Changing it rescales every such tolerance.
  int name_edit_cost = 10;
  // One OCR confusion (c/e, rn/m, li/h): cheaper than an arbitrary edit, so
  // a damaged name matches its municipality rather than a neighbour's.
  int name_confusable_cost = 4;

  // --- Doubtful fields of letters (extractors/documents/kinds/field_confidence.h) ---
  //
  // An identifier, date or number a letter reader took from OCR'd words is
  // doubtful, and its record needs review unless the document confirms it,
  // when its words' confidence (Tesseract's, 0..1) is below
  // field_min_confidence, or below field_lookalike_confidence while it holds a
  // look-alike glyph (1/7, 0/8, 5/6, l/1, O/0, S/5, B/8: the misreadings that
  // give another valid-looking value, "1938793" for "7938793"). Raising
  // either sends more right fields to review (fewer documents fully right);
  // lowering them lets more misread ones through as valid (silent errors).
  // A reading elsewhere in the document at field_lookalike_confidence or
  // above confirms a doubtful one. Text dumps and text layers (confidence 1)
  // are never doubtful.
  //
  // Calibrated on scanned IBT letters and seeds (office quality): right
  // fields read 0.82-0.97, a lone "0" or "1" as low as 0.46 (Tesseract is
  // unsure of isolated glyphs), the misread "3001" for "300|" 0.45 and
  // "1201" 0.77.
  double field_min_confidence = 0.60;
  double field_lookalike_confidence = 0.80;
  // An identifier (a reference) is doubtful, however confidently read, when
  // the recogniser's own alternatives for its word (lstm_choice_mode, see
  // extractors/ingest/ocr.h) hold a different all-digit reference with at
  // least this probability: "7147049" read at 0.82 for 7747049 had
  // "1147049" at 0.067, "7183975" at 0.94 for 7783975 had "1183975" at
  // 6e-5, while the 38 right references of the same sweep (lettergen seed
  // 4500, office) had no digit alternative above 1.6e-6. A date is held the
  // same way when an alternative of one of its words makes another date
  // ("4-7-2025" at 0.88 had "1-7-2025" at 0.033; the right numeric dates of
  // lettergen seeds 6200 and 6300 had none above 3.2e-7). Lower sends more
  // right references to review; higher lets a 1/7 misread through as valid.
  double field_identifier_alternative_probability = 1e-5;
  // A number (an IBT table's cell, a count) is held the same way when an
  // alternative of its word with as many digits is another number at least
  // this likely; a digits-only re-read then does not confirm it (the same
  // recogniser weighing the same glyphs). "157" read at 0.80 for 757 had
  // "757" at 0.174 (an office scan of lettergen seed 6401); among ~290 table
  // numbers of the IBT letters of seeds 6300 and 6400 the right ones had
  // such alternatives up to 0.0046 ("7" with "1"). Higher lets a 1/7 misread
  // through as valid; lower sends more right cells to review. Alternatives
  // with a digit fewer or more are not counted: a right "1158" had "158" at
  // 0.999.
  double field_number_alternative_probability = 0.02;
  // A name or address (a signatory, an e-mail's sender) has no arithmetic or
  // second reading to catch a misread letter, and Tesseract reads a wrong
  // letter of a name with fair confidence ("Marren" for "Morren" at 0.82 on a
  // photocopy; right names on office scans 0.90-0.97): it is doubtful below
  // this.
  double field_text_min_confidence = 0.86;
  // A name is doubtful too, however confidently read, when the recogniser's
  // next reading of one of its words (a capitalised word;
  // extractors/ingest/ocr.h MayBeName) spells other letters with at
  // least this probability: "Marren" read at 0.91 for Morren had "Morren" at
  // 2.9e-4 (a photocopy of lettergen seed 10514), while the 246 right
  // signatory words of the kamerbrieven, IBT and cover letters of seeds
  // 10400 and 10500 (office and photocopy) had none above 1e-5; over the
  // 360 scans of seed 10500 it held no right record. Lower sends more right
  // names to review; higher lets a misread letter through.
  double field_name_alternative_probability = 1e-4;

  // --- Plausibility of a repair (pipeline/verdeelbesluit.cc) ---
  //
  // A correction at least this costly changed a digit that looked valid (a
  // look-alike, an unknown symbol, an indel).
  int strong_correction_cost = 4;
  // Seed 001 needs two such changes, each pinned by its own row and the
  // column sum. Beyond three the chance that a lost or shifted row is being
  // "repaired" away outweighs the gain: the table goes to review.
  int max_strong_corrections = 3;

  // A cell no check covers (no stated opgave, no Totaal row, and no totaal
  // read in its row) is doubtful in a record that needs review when the
  // recogniser read it below this confidence (pipeline/verdeelbesluit.cc).
  // The one such misread seen (a fax, "59" for 55) read 0.76; right cells of
  // office scans mostly read above 0.90. Higher: more right cells to confirm.
  double unchecked_cell_min_confidence = 0.80;

  // --- A second look at scanned cells (pipeline/extract.cc) ---
  //
  // Doubtful cells re-read digits-only per table (one page render plus ~20 ms
  // per cell). More cells: fewer tables left to review, longer runs on a bad
  // scan.
  size_t max_reread_cells = 80;
  // And per page: each re-read cell costs up to three digits-only readings
  // (ingest.h, RereadCells: ~20 ms each), so a page's second look stays
  // within ~2-3 s even on a page where everything is doubtful.
  size_t max_reread_cells_per_page = 50;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_VALIDATORS_COST_MODEL_H_
