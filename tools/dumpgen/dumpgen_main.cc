// verdeelscan-dumpgen: writes generated verdeelbesluit text dumps with their
// ground truth (NAME.txt + NAME.truth.json). Document i of a run uses seed
// S + i, so any single document can be regenerated from its name.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tools/dumpgen/dumpgen.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate damaged verdeelbesluit text dumps with ground truth"};
  uint64_t seed = 1;
  int count = 10;
  std::string out_dir;
  verdeelscan::DumpGenOptions o;
  app.add_option("--seed", seed, "seed of the first document");
  app.add_option("--count", count, "number of documents")->check(CLI::Range(1, 1000000));
  app.add_option("--out", out_dir, "output directory")->required();
  app.add_option("--glyph-rate", o.glyph_damage_rate, "per numeric cell");
  app.add_option("--swap-table-rate", o.digit_swap_table_rate, "per table");
  app.add_option("--max-swaps", o.max_digit_swaps, "valid-looking swaps per table at most");
  app.add_option("--drop-rate", o.dropped_digit_rate, "per numeric cell");
  app.add_option("--name-rate", o.name_damage_rate, "per name");
  app.add_option("--min-rows", o.min_rows, "rows per table at least");
  app.add_option("--max-rows", o.max_rows, "rows per table at most");
  app.add_option("--emails-rate", o.emails_rate, "e-mails before the besluit");
  app.add_option("--cover-letter-rate", o.cover_letter_rate, "a cover letter after the besluit");
  app.add_option("--row-wise-rate", o.row_wise_rate, "row-wise instead of column blocks");
  app.add_option("--totaal-row-rate", o.totaal_row_rate, "table has its Totaal row");
  app.add_option("--stated-rate", o.stated_opgave_rate, "toelichting states the opgave");
  app.add_option("--full-province-rate", o.full_province_rate,
                 "table lists every municipality of the province");
  app.add_option("--page-break-rate", o.page_break_rate,
                 "a table of 12 rows or more runs over two or three pages");
  app.add_option("--page-order-change-rate", o.page_order_change_rate,
                 "a continuation page lays its blocks out in another order");
  app.add_option("--nil-dash-rate", o.nil_dash_rate, "a table prints its zeros as a dash");
  app.add_option("--total-label-province-rate", o.total_label_province_rate,
                 "the Totaal row is labelled 'Totaal (provincie) <Province>'");
  app.add_option("--cell-separator-rate", o.cell_separator_rate,
                 "a row-wise table prints pipe-table lines '| a | b | c | d |'");
  CLI11_PARSE(app, argc, argv);

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "cannot create %s: %s\n", out_dir.c_str(), ec.message().c_str());
    return 1;
  }
  for (int i = 0; i < count; ++i) {
    verdeelscan::GeneratedDump d = verdeelscan::Generate(seed + i, o);
    const auto base = std::filesystem::path(out_dir) / d.name;
    std::ofstream txt(base.string() + ".txt", std::ios::binary);
    txt << d.text;
    std::ofstream truth(base.string() + ".truth.json", std::ios::binary);
    truth << d.truth.dump(1) << '\n';
    if (!txt || !truth) {
      std::fprintf(stderr, "cannot write %s\n", base.c_str());
      return 1;
    }
  }
  std::printf("wrote %d documents to %s\n", count, out_dir.c_str());
  return 0;
}
