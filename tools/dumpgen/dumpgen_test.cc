#include "tools/dumpgen/dumpgen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "pipeline/extract.h"
#include "tools/dumpgen/eval.h"
#include "validators/reference.h"

namespace verdeelscan {
namespace {

TEST(Dumpgen, SameSeedSameDocument) {
  for (uint64_t seed : {1u, 2u, 77u, 1234u}) {
    GeneratedDump a = Generate(seed), b = Generate(seed);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.text, b.text);
    EXPECT_EQ(a.truth, b.truth);
  }
  EXPECT_NE(Generate(1).text, Generate(2).text);
}

// The truth must be a table any careful reader could defend: rows of the
// named province with real codes, alphabetical, each row adding up, the
// stated figures equal to the column sums.
TEST(Dumpgen, TruthIsArithmeticallyConsistent) {
  const Reference& ref = Reference::Default();
  for (uint64_t seed = 100; seed < 400; ++seed) {
    GeneratedDump d = Generate(seed);
    const auto& t = d.truth;
    SCOPED_TRACE(d.name);
    ASSERT_EQ(t["kind"], "verdeelbesluit");
    const std::string province = t["province"];
    const auto& rows = t["allocations"];
    ASSERT_GE(rows.size(), std::min<size_t>(8, ref.InProvince(province).size()));
    if (d.truth["generator"]["full_province"].get<bool>()) {
      ASSERT_EQ(rows.size(), ref.InProvince(province).size());
    } else {
      ASSERT_LE(rows.size(), 40u);
    }
    long sum_r = 0, sum_a = 0;
    for (const auto& r : rows) {
      const Municipality* m = ref.ByCode(r["cbs_code"].get<std::string>());
      ASSERT_NE(m, nullptr);
      EXPECT_EQ(m->name, r["gemeente"]);
      EXPECT_EQ(m->province, province);
      long reg = r["regulier"], amv = r["amv"], tot = r["totaal"];
      EXPECT_GE(reg, 0);
      EXPECT_LE(reg, 900);
      EXPECT_GE(amv, 0);
      EXPECT_LE(amv, 120);
      EXPECT_EQ(reg + amv, tot);
      sum_r += reg;
      sum_a += amv;
    }
    EXPECT_EQ(t["generator"]["column_sums"]["regulier"], sum_r);
    EXPECT_EQ(t["generator"]["column_sums"]["amv"], sum_a);
    const auto& st = t["stated"];
    if (st.contains("opgave")) {
      EXPECT_EQ(st["opgave"]["regulier"], sum_r);
      EXPECT_EQ(st["opgave"]["amv"], sum_a);
    }
    if (st.contains("restopgave")) {
      EXPECT_EQ(
          st["overgenomen"]["regulier"].get<long>() + st["restopgave"]["regulier"].get<long>(),
          sum_r);
      EXPECT_EQ(st["overgenomen"]["amv"].get<long>() + st["restopgave"]["amv"].get<long>(), sum_a);
    }
    EXPECT_NE(d.text.find("Artikel I"), std::string::npos);
  }
}

// Every logged damage is in the text, and valid-looking damage (swaps and
// dropped digits) never hits two cells of one row.
TEST(Dumpgen, DamageIsWhereTheLogSaysAndBounded) {
  int glyph = 0, swap = 0, name = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    GeneratedDump d = Generate(seed);
    std::set<int> valid_looking_rows;
    int swaps_here = 0;
    for (const auto& e : d.truth["generator"]["damage"]) {
      const std::string kind = e["kind"], to = e["to"];
      if (kind != "name") {
        EXPECT_NE(d.text.find(to), std::string::npos) << d.name << " " << to;
      }
      glyph += kind == "glyph";
      name += kind == "name";
      if (kind == "swap" || kind == "drop") {
        EXPECT_TRUE(valid_looking_rows.insert(e["row"].get<int>()).second) << d.name;
        swaps_here += kind == "swap";
      }
    }
    EXPECT_LE(swaps_here, DumpGenOptions{}.max_digit_swaps) << d.name;
    swap += swaps_here;
  }
  EXPECT_GT(glyph, 200);
  EXPECT_GT(swap, 20);
  EXPECT_GT(name, 50);
}

TEST(Dumpgen, ZeroRatesMeanNoDamage) {
  DumpGenOptions o;
  o.glyph_damage_rate = o.digit_swap_table_rate = o.dropped_digit_rate = o.name_damage_rate = 0;
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    GeneratedDump d = Generate(seed, o);
    EXPECT_TRUE(d.truth["generator"]["damage"].empty()) << d.name;
  }
  // Full-province tables, page breaks and the printing styles are layout,
  // not damage.
  o.full_province_rate = o.page_break_rate = 1;
  o.nil_dash_rate = o.total_label_province_rate = o.cell_separator_rate = 1;
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    GeneratedDump d = Generate(seed, o);
    EXPECT_TRUE(d.truth["generator"]["damage"].empty()) << d.name;
  }
}

// Whether a document uses any of the printing styles (nil dash, province
// total label, cell separators).
bool UsesPrintingStyle(const nlohmann::json& gen) {
  return !gen["nil_dash"].is_null() || !gen["total_label"].is_null() ||
         gen["cell_separators"].get<bool>();
}

// Full-province tables, page breaks and the printing styles draw from
// streams of their own: a document that has none of them is the one made
// with all their rates at 0 (so the committed samples and earlier sweeps
// stay reproducible).
TEST(Dumpgen, DocumentsWithoutPagesOrFullProvinceUnchanged) {
  DumpGenOptions off;
  off.full_province_rate = off.page_break_rate = 0;
  off.nil_dash_rate = off.total_label_province_rate = off.cell_separator_rate = 0;
  int plain = 0;
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    GeneratedDump d = Generate(seed);
    const auto& gen = d.truth["generator"];
    if (gen["pages"] != 1 || gen["full_province"].get<bool>() || UsesPrintingStyle(gen)) continue;
    ++plain;
    GeneratedDump e = Generate(seed, off);
    EXPECT_EQ(d.text, e.text) << d.name;
    EXPECT_EQ(d.truth, e.truth) << d.name;
  }
  EXPECT_GT(plain, 30);
}

// The same for the printing styles alone: with only their rates at 0, every
// document that used none of them is unchanged, pages and all; and raising
// the rates never changes a page break, a full-province table or a style
// already drawn.
TEST(Dumpgen, DocumentsWithoutPrintingStylesUnchanged) {
  DumpGenOptions off;
  off.nil_dash_rate = off.total_label_province_rate = off.cell_separator_rate = 0;
  DumpGenOptions all;
  all.nil_dash_rate = all.total_label_province_rate = all.cell_separator_rate = 1;
  int plain = 0;
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    GeneratedDump d = Generate(seed);
    const auto& gen = d.truth["generator"];
    const GeneratedDump styled = Generate(seed, all);
    const auto& all_gen = styled.truth["generator"];
    EXPECT_EQ(gen["pages"], all_gen["pages"]) << d.name;
    EXPECT_EQ(gen["full_province"], all_gen["full_province"]) << d.name;
    if (!gen["nil_dash"].is_null()) {
      EXPECT_EQ(gen["nil_dash"], all_gen["nil_dash"]) << d.name;
    }
    if (!gen["total_label"].is_null()) {  // "Totaal" or "Totaa1" may differ, not the rest
      EXPECT_EQ(gen["total_label"].get<std::string>().substr(6),
                all_gen["total_label"].get<std::string>().substr(6))
          << d.name;
    }
    // (A nil dash changes the damage drawn after it, and so maybe the layout.)
    if (gen["cell_separators"].get<bool>() && all_gen["layout"] == "rows") {
      EXPECT_TRUE(all_gen["cell_separators"].get<bool>()) << d.name;
      EXPECT_EQ(gen["ruling_line"], all_gen["ruling_line"]) << d.name;
    }
    if (UsesPrintingStyle(gen)) continue;
    ++plain;
    GeneratedDump e = Generate(seed, off);
    EXPECT_EQ(d.text, e.text) << d.name;
    EXPECT_EQ(d.truth, e.truth) << d.name;
  }
  EXPECT_GT(plain, 40);
}

// Where the parts lie: with names undamaged and no prose around the table
// that names municipalities, the last row before each break is named before
// the break's furniture and the first row after it between that furniture
// and the next (or the end of the table), for both layouts.
TEST(Dumpgen, PageFurnitureBetweenTheRowsOfTheBreak) {
  DumpGenOptions o;
  o.page_break_rate = 1;
  o.min_rows = 12;
  o.name_damage_rate = 0;
  o.emails_rate = o.toelichting_rate = o.cover_letter_rate = 0;
  std::set<std::string> layouts;
  int breaks = 0;
  for (uint64_t seed = 1; seed <= 80; ++seed) {
    GeneratedDump d = Generate(seed, o);
    SCOPED_TRACE(d.name);
    const auto& gen = d.truth["generator"];
    const auto& rows = d.truth["allocations"];
    if (rows.size() < 12) {
      EXPECT_EQ(gen["pages"], 1);
      continue;
    }
    ASSERT_GE(gen["pages"].get<int>(), 2);
    ASSERT_EQ(gen["page_breaks"].size() + 1, gen["pages"].get<size_t>());
    ASSERT_EQ(gen["page_furniture"].size(), gen["page_breaks"].size());
    layouts.insert(gen["layout"].get<std::string>());
    // A name is printed whole or broken at a blank or before "(": its first
    // word is always on one line.
    auto first_word = [&](int row) {
      const std::string name = rows[row]["gemeente"];
      return name.substr(0, name.find(' '));
    };
    // Where each break's furniture begins and ends in the text.
    size_t from = d.text.find("Artikel I");
    ASSERT_NE(from, std::string::npos);
    std::vector<size_t> begins, ends;
    for (const auto& lines : gen["page_furniture"]) {
      std::vector<std::string> words;
      for (const auto& l : lines)
        if (!l.get<std::string>().empty()) words.push_back(l);
      ASSERT_FALSE(words.empty());
      size_t b = d.text.find(words.front(), from);
      ASSERT_NE(b, std::string::npos) << words.front();
      size_t e = d.text.find(words.back(), b);
      ASSERT_NE(e, std::string::npos) << words.back();
      begins.push_back(b);
      ends.push_back(e + words.back().size());
      from = ends.back();
    }
    const size_t table_end = d.text.find("Artikel", from);
    ASSERT_NE(table_end, std::string::npos);
    for (size_t k = 0; k < begins.size(); ++k) {
      const int at = gen["page_breaks"][k];
      const std::string before = first_word(at - 1), after = first_word(at);
      const size_t part_start = k == 0 ? d.text.find("Artikel I") : ends[k - 1];
      const size_t next_end = k + 1 < begins.size() ? begins[k + 1] : table_end;
      EXPECT_LT(d.text.find(before, part_start), begins[k]) << before << " before break " << k;
      EXPECT_LT(d.text.find(after, ends[k]), next_end) << after << " after break " << k;
      ++breaks;
    }
  }
  EXPECT_EQ(layouts.size(), 2u);
  EXPECT_GT(breaks, 40);
}

// A big province's table over two or three pages: the continuation page's
// furniture lies between the parts, every row is still in the text and in
// the truth, and the Totaal row (if any) only ends the last part.
TEST(Dumpgen, TablesOverSeveralPages) {
  DumpGenOptions o;
  o.page_break_rate = 1;
  o.full_province_rate = 1;
  const Reference& ref = Reference::Default();
  int three_pages = 0, changed_order = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    GeneratedDump d = Generate(seed, o);
    SCOPED_TRACE(d.name);
    const auto& gen = d.truth["generator"];
    const size_t n = d.truth["allocations"].size();
    ASSERT_EQ(n, ref.InProvince(d.truth["province"].get<std::string>()).size());
    if (n < 12) {
      EXPECT_EQ(gen["pages"], 1);
      continue;
    }
    ASSERT_EQ(gen["pages"], n >= 36 ? 3 : 2);
    if (gen["pages"] == 3) ++three_pages;
    int previous = 0;
    for (const auto& b : gen["page_breaks"]) {
      EXPECT_GE(b.get<int>() - previous, 4);
      previous = b.get<int>();
    }
    EXPECT_GE(static_cast<int>(n) - previous, 4);
    // The furniture stands in the text between the last row before the break
    // and the first row after it.
    const auto& rows = d.truth["allocations"];
    for (size_t k = 0; k < gen["page_breaks"].size(); ++k) {
      const int at = gen["page_breaks"][k];
      std::string furniture;
      for (const auto& l : gen["page_furniture"][k])
        if (!l.get<std::string>().empty()) furniture = l.get<std::string>();
      ASSERT_FALSE(furniture.empty());
      const size_t where = d.text.find(furniture, d.text.find("Artikel I"));
      ASSERT_NE(where, std::string::npos) << furniture;
      if (gen["layout"] == "rows") {
        // Row-wise: the first name after the break comes after the furniture
        // (names may be damaged, so look for the undamaged truth only if present).
        const std::string after = rows[at]["gemeente"];
        const size_t name_at = d.text.find(after, where);
        if (d.text.find(after) != std::string::npos) {
          EXPECT_NE(name_at, std::string::npos);
        }
      }
    }
    if (gen["layout"] == "columns") {
      const auto& orders = gen["page_block_orders"];
      ASSERT_EQ(orders.size(), gen["pages"].get<size_t>());
      for (size_t k = 1; k < orders.size(); ++k)
        if (orders[k] != orders[0]) ++changed_order;
    }
  }
  EXPECT_GT(three_pages, 0);
  EXPECT_GT(changed_order, 0);
}

// The table's part of the text: from "Artikel I" to the "Artikel" / "II"
// that follows it.
std::string TableRegion(const std::string& text) {
  const size_t from = text.find("Artikel I");
  if (from == std::string::npos) return "";
  const size_t to = text.find("Artikel", from + 9);
  return text.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

std::vector<std::string> Tokens(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find('\n', i);
    if (j == std::string::npos) j = s.size();
    std::string l = s.substr(i, j - i);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out.push_back(l);
    i = j + 1;
  }
  return out;
}

// How many cells of the truth (the Totaal row's included, when printed)
// are 0.
int ZeroCells(const nlohmann::json& truth) {
  int zeros = 0;
  for (const auto& r : truth["allocations"])
    for (const char* f : {"regulier", "amv", "totaal"}) zeros += r[f].get<long>() == 0;
  const auto& gen = truth["generator"];
  if (gen["totaal_row"].get<bool>()) {
    const long r = gen["column_sums"]["regulier"], a = gen["column_sums"]["amv"];
    zeros += (r == 0) + (a == 0) + (r + a == 0);
  }
  return zeros;
}

// A table printing nil as a dash: one lone dash per true 0, in both layouts,
// and no "0" left (with no damage that could make one).
TEST(Dumpgen, NilDashForEveryZeroCell) {
  DumpGenOptions o;
  o.nil_dash_rate = 1;
  o.page_break_rate = 0;  // "- 2 -" would be dashes of its own
  o.glyph_damage_rate = o.digit_swap_table_rate = o.dropped_digit_rate = 0;
  std::set<std::string> layouts, dashes;
  int zeros_seen = 0;
  for (uint64_t seed = 1; seed <= 80; ++seed) {
    GeneratedDump d = Generate(seed, o);
    SCOPED_TRACE(d.name);
    const auto& gen = d.truth["generator"];
    ASSERT_TRUE(gen["nil_dash"].is_string());
    const std::string dash = gen["nil_dash"];
    EXPECT_TRUE(dash == "-" || dash == "\xE2\x80\x93" || dash == "\xE2\x80\x94") << dash;
    dashes.insert(dash);
    layouts.insert(gen["layout"].get<std::string>());
    int dash_tokens = 0, zero_tokens = 0;
    for (const std::string& t : Tokens(TableRegion(d.text))) {
      dash_tokens += t == dash;
      zero_tokens += t == "0";
    }
    EXPECT_EQ(dash_tokens, ZeroCells(d.truth));
    EXPECT_EQ(zero_tokens, 0);
    zeros_seen += dash_tokens;
  }
  EXPECT_EQ(layouts.size(), 2u);
  EXPECT_EQ(dashes.size(), 3u);
  EXPECT_GT(zeros_seen, 200);

  // With damage, a dash is never damaged: no log entry is on a true 0.
  o = DumpGenOptions{};
  o.nil_dash_rate = 1;
  o.glyph_damage_rate = 0.5;
  o.digit_swap_table_rate = 1;
  for (uint64_t seed = 1; seed <= 80; ++seed) {
    GeneratedDump d = Generate(seed, o);
    const auto& rows = d.truth["allocations"];
    const auto& sums = d.truth["generator"]["column_sums"];
    for (const auto& e : d.truth["generator"]["damage"]) {
      const std::string field = e["field"];
      if (field == "gemeente") continue;
      const size_t row = e["row"];
      long value;
      if (row < rows.size()) {
        value = rows[row][field];
      } else {  // the Totaal row
        const long r = sums["regulier"], a = sums["amv"];
        value = field == "regulier" ? r : field == "amv" ? a : r + a;
      }
      EXPECT_NE(value, 0) << d.name << " row " << row << " " << field;
    }
  }
}

// The Totaal row labelled with its province, whole on one line, in both
// layouts; only where there is a Totaal row.
TEST(Dumpgen, TotalLabelNamesTheProvince) {
  DumpGenOptions o;
  o.total_label_province_rate = 1;
  o.totaal_row_rate = 1;
  std::set<std::string> layouts;
  int with_provincie = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    GeneratedDump d = Generate(seed, o);
    SCOPED_TRACE(d.name);
    const auto& gen = d.truth["generator"];
    ASSERT_TRUE(gen["total_label"].is_string());
    const std::string label = gen["total_label"], province = d.truth["province"];
    const std::string word = label.substr(0, 7);
    EXPECT_TRUE(word == "Totaal " || word == "Totaa1 ") << label;
    std::string rest = label.substr(7);
    if (rest.rfind("provincie ", 0) == 0) {
      ++with_provincie;
      rest = rest.substr(10);
    }
    EXPECT_TRUE(rest == province || (province == "Frysl\xC3\xA2n" && rest == "Fryslan")) << label;
    const std::string layout = gen["layout"];
    layouts.insert(layout);
    bool found = false;
    for (const std::string& l : Lines(TableRegion(d.text))) {
      if (layout == "columns")
        found |= l == label;  // its own line in the names block
      else
        found |= l.find(label) != std::string::npos;  // a cell of the row's line
    }
    EXPECT_TRUE(found) << label;
  }
  EXPECT_EQ(layouts.size(), 2u);
  EXPECT_GT(with_provincie, 10);
  EXPECT_LT(with_provincie, 50);

  o.totaal_row_rate = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed)
    EXPECT_TRUE(Generate(seed, o).truth["generator"]["total_label"].is_null());
}

// Row-wise tables as pipe tables: every row's line and every header line is
// "| a | b | c | d |", a ruling line follows each header when the block says
// so, and only a broken name's carried part is bare. Column-wise tables
// never get separators.
TEST(Dumpgen, CellSeparatorsOnEveryRowLine) {
  DumpGenOptions o;
  o.cell_separator_rate = 1;
  o.row_wise_rate = 1;
  o.stray_token_rate = 0.2;
  int rulings = 0, broken_names = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    GeneratedDump d = Generate(seed, o);
    SCOPED_TRACE(d.name);
    const auto& gen = d.truth["generator"];
    ASSERT_EQ(gen["layout"], "rows");
    ASSERT_TRUE(gen["cell_separators"].get<bool>());
    const bool ruling = gen["ruling_line"];
    int headers = 0;
    for (const auto& h : gen["page_headers"]) headers += h.get<bool>();
    int piped = 0, ruled = 0;
    for (const std::string& l : Lines(TableRegion(d.text))) {
      if (l == "|---|---|---|---|") {
        ++ruled;
        continue;
      }
      if (l.empty() || l[0] != '|') continue;
      ++piped;
      EXPECT_EQ(l.substr(0, 2), "| ") << l;
      EXPECT_EQ(l.substr(l.size() - 2), " |") << l;
      EXPECT_EQ(std::count(l.begin(), l.end(), '|'), 5) << l;
    }
    const int rows =
        static_cast<int>(d.truth["allocations"].size()) + gen["totaal_row"].get<bool>();
    EXPECT_EQ(piped, rows + headers);
    EXPECT_EQ(ruled, ruling ? headers : 0);
    rulings += ruled > 0;
    // A name broken over two lines: one line bare, the other in the row.
    for (const std::string& l : Lines(TableRegion(d.text)))
      broken_names += !l.empty() && l.front() == '(';
  }
  EXPECT_GT(rulings, 5);
  EXPECT_GT(broken_names, 0);

  o.row_wise_rate = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed)
    EXPECT_FALSE(Generate(seed, o).truth["generator"]["cell_separators"].get<bool>());
}

TEST(Dumpgen, CoversAllProvincesAndLayouts) {
  std::set<std::string> provinces, layouts;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    GeneratedDump d = Generate(seed);
    provinces.insert(d.truth["province"].get<std::string>());
    layouts.insert(d.truth["generator"]["layout"].get<std::string>());
  }
  EXPECT_EQ(provinces.size(), 12u);
  EXPECT_EQ(layouts.size(), 2u);
}

// ------------------------------------------------------------- scoring --

Record RecordFromTruth(const nlohmann::json& truth, RecordStatus status) {
  Record r;
  r.kind = DocumentKind::kVerdeelbesluit;
  r.status = status;
  for (const auto& t : truth["allocations"]) {
    Allocation a;
    a.gemeente = t["gemeente"];
    a.cbs_code = t["cbs_code"];
    a.regulier = t["regulier"];
    a.amv = t["amv"];
    a.totaal = t["totaal"];
    r.allocations.push_back(a);
  }
  return r;
}

TEST(DumpgenEval, ScoresCellsRowsAndSilentErrors) {
  const nlohmann::json truth = Generate(5).truth;
  const int n = static_cast<int>(truth["allocations"].size());

  DocScore s = ScoreRecords(truth, {RecordFromTruth(truth, RecordStatus::kRepaired)});
  EXPECT_TRUE(s.exact);
  EXPECT_FALSE(s.silent);
  EXPECT_EQ(s.cells_right, 4 * n);
  EXPECT_EQ(s.rows_right, n);

  Record wrong = RecordFromTruth(truth, RecordStatus::kValid);
  wrong.allocations[1].amv += 7;
  s = ScoreRecords(truth, {wrong});
  EXPECT_FALSE(s.exact);
  EXPECT_TRUE(s.silent);
  EXPECT_EQ(s.cells_right, 4 * n - 1);
  EXPECT_EQ(s.rows_right, n - 1);

  wrong.status = RecordStatus::kNeedsReview;  // flagged: wrong but not silent
  s = ScoreRecords(truth, {wrong});
  EXPECT_FALSE(s.silent);
  EXPECT_EQ(s.status, "needs_review");

  Record missing = RecordFromTruth(truth, RecordStatus::kValid);
  missing.allocations.pop_back();
  s = ScoreRecords(truth, {missing});
  EXPECT_EQ(s.cells_right, 4 * (n - 1));
  EXPECT_TRUE(s.silent);

  Record extra = RecordFromTruth(truth, RecordStatus::kValid);
  extra.allocations.push_back(extra.allocations[0]);  // a repeated row
  s = ScoreRecords(truth, {extra});
  EXPECT_EQ(s.cells_right, 4 * n);
  EXPECT_EQ(s.extra_rows, 1);
  EXPECT_FALSE(s.exact);
  EXPECT_TRUE(s.silent);

  Record letter;
  letter.kind = DocumentKind::kBegeleidendeBrief;
  s = ScoreRecords(truth, {letter});
  EXPECT_EQ(s.status, "absent");
  EXPECT_EQ(s.cells_right, 0);
  EXPECT_FALSE(s.silent);
}

TEST(DumpgenEval, TruthPathBesideInput) {
  EXPECT_EQ(TruthPathFor("a/b/scan1.pdf"), "a/b/scan1.truth.json");
  EXPECT_EQ(TruthPathFor("dump_s1_utrecht.txt"), "dump_s1_utrecht.truth.json");
}

TEST(DumpgenEval, CommittedSamplesHaveTruth) {
  auto inputs = CollectInputs({VERDEELSCAN_SOURCE_DIR "/samples/dumps"});
  ASSERT_TRUE(inputs.ok()) << inputs.status().ToString();
  // 12 generated + the s20048 and seed001_two_pages regression samples
  EXPECT_EQ(inputs->size(), 14u);
}

// ---------------------------------------------------------- end to end --

// Generated dumps that a sweep found flagged for review although the
// document proves itself, each fixed in the reader: they must stay exact and
// proven. 70151: "Aa" of "Aa en Hunze" read as a number; 70244: a repair of
// cost 12 found only after hopeless column assignments had spent the budget
// (now: deepening rounds, and each assignment's rows bound its cost);
// 70273: "Beek" / "(L.) 94 0 94" above the first row; 80056: a nil dash
// under "Totaal"; 80145: a broken name among rows above the header; 80150:
// a row of nil dashes; 80184: rows above a header repeated on page 2;
// 100111 (was a silent error): a row of zeros above a broken name was lost.
TEST(DumpgenEndToEnd, RegressionSeedsExact) {
  for (uint64_t seed : {70151, 70244, 70273, 80056, 80145, 80150, 80184, 100111}) {
    GeneratedDump d = Generate(seed);
    DocScore s = ScoreRecords(d.truth, ExtractText(d.text, d.name + ".txt"));
    EXPECT_TRUE(s.exact && s.status == "repaired")
        << d.name << ": " << s.status << ", cells " << s.cells_right << "/" << s.cells_total;
  }
}

// 60 unseen dumps through the whole pipeline. The product may flag what it
// cannot prove (needs_review), but it must never claim a wrong table.
TEST(DumpgenEndToEnd, SixtyGeneratedDumpsNoSilentErrors) {
  std::vector<DocScore> scores;
  std::string silent_seeds;
  for (uint64_t seed = 9001; seed < 9061; ++seed) {
    GeneratedDump d = Generate(seed);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<Record> records = ExtractText(d.text, d.name + ".txt");
    DocScore s = ScoreRecords(d.truth, records);
    s.name = d.name;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s.silent) silent_seeds += " " + std::to_string(seed);
    if (s.seconds > 2) std::printf("slow: seed %llu %.1f s\n", (unsigned long long)seed, s.seconds);
    scores.push_back(s);
  }
  EvalTotals t = Summarise(scores);
  std::printf("%s", FormatReport({}, t).c_str());
  EXPECT_EQ(t.silent, 0) << "silent errors at seeds:" << silent_seeds;
}

}  // namespace
}  // namespace verdeelscan
