// `verdeelscan apply-review` as a reviewer uses it, through the CLI, on a
// committed scan that needs review (samples/scans/scan004_gelderland.tif, whose
// truth is known: two equally cheap readings of its table, Culemborg 11/18 with
// West Betuwe 990/990 or 111/118 with 890/890, and two names the OCR damaged,
// "Bel" for Tiel and "Zuphea" for Zutphen):
//  - a batch over the scans and samples/formats, whose every record reads
//    back through RecordFromJson unchanged and whose checks run again
//    unchanged (RecheckVerdeelbesluit on a record no reviewer touched);
//  - a decision that breaks a column sum is refused, exit 1, and the
//    catalogue and every export stay byte-identical;
//  - decisions setting the doubtful cells to the truth make the table
//    `reviewed` and equal to its truth in records.jsonl and allocations.csv;
//  - the same decisions again write nothing;
//  - a batch rerun keeps the reviewed record (the file is skipped), and one
//    that reads the file again applies the decisions again.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/record.h"
#include "pipeline/verdeelbesluit.h"
#include "tests/cli_run.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSamples = fs::path(VERDEELSCAN_SOURCE_DIR) / "samples";
const char* kScan = "scan004_gelderland.tif";

using cli_run::CommandResult;

CommandResult RunCli(const std::string& command) { return cli_run::RunCommand(command + " 2>&1"); }

std::string Quoted(const fs::path& path) { return cli_run::ShellQuoted(path.string()); }

std::string Bin() { return Quoted(VERDEELSCAN_BINARY); }

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<json> Jsonl(const fs::path& p) {
  std::vector<json> out;
  std::istringstream in(ReadFile(p));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

// The folder's catalogue and exports, byte for byte.
std::map<std::string, std::string> Outputs(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const char* name : {"catalogue.sqlite", "records.jsonl", "allocations.csv", "review.csv",
                           "allocations.xlsx", "national.csv", "allocations_national.csv"}) {
    out[name] = ReadFile(dir / name);
  }
  return out;
}

const json* ScanRecord(const std::vector<json>& records) {
  for (const json& r : records)
    if (r["source"]["file"].get<std::string>().find(kScan) != std::string::npos &&
        r["kind"] == "verdeelbesluit")
      return &r;
  return nullptr;
}

std::string Key(const json& r) {
  const json& s = r["source"];
  return s["sha256"].get<std::string>() + ":p" + std::to_string(s["page_range"][0].get<int>()) +
         "-" + std::to_string(s["page_range"][1].get<int>());
}

json Decision(const json& r, size_t row, const std::string& field, const json& value) {
  const json& a = r["allocations"][row];
  return {{"record", Key(r)},
          {"file", r["source"]["file"]},
          {"row", row},
          {"gemeente_raw", a["raw"]["gemeente"]},
          {"field", field},
          {"value", value},
          {"action",
           a.value(field == "gemeente" ? "cbs_code" : field, json()) == value ? "accept" : "edit"},
          {"decided_at", "2026-12-05T13:09:41Z"}};
}

fs::path WriteDecisions(const fs::path& dir, const std::string& name, const json& decisions) {
  const json file = {{"format", "verdeelscan-review-decisions"},
                     {"version", 1},
                     {"reviewer", "J. Jansen"},
                     {"saved_at", "2026-12-05T13:10:00Z"},
                     {"decisions", decisions}};
  const fs::path p = dir / name;
  std::ofstream(p) << file.dump(2);
  return p;
}

class ApplyReviewCli : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_ = fs::temp_directory_path() / ("apply_review_test_" + std::to_string(::getpid()));
    fs::remove_all(tmp_);
    fs::create_directories(tmp_ / "in");
    fs::copy(kSamples / "scans", tmp_ / "in" / "scans");
    fs::copy(kSamples / "formats", tmp_ / "in" / "formats");
    out_ = tmp_ / "out";
    const CommandResult batch = RunCli(Bin() + " batch " + Quoted(tmp_ / "in") + " --out " +
                                       Quoted(out_) + " --no-searchable-pdf -j 2");
    ASSERT_TRUE(batch.exit_code == 0 || batch.exit_code == 2) << batch.out;
  }
  void TearDown() override { fs::remove_all(tmp_); }
  fs::path tmp_, out_;
};

TEST_F(ApplyReviewCli, DecisionsToTheTruthMakeTheTableReviewedAndABrokenSumIsRefused) {
  const std::vector<json> records = Jsonl(out_ / "records.jsonl");
  // Every record of the samples reads back unchanged, and checking a record
  // no reviewer touched again changes nothing.
  for (const json& j : records) {
    SCOPED_TRACE(j["source"]["file"].dump());
    StatusOr<Record> r = RecordFromJson(j);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(ToJson(*r), j);
    RecheckVerdeelbesluit(*r);
    EXPECT_EQ(ToJson(*r), j);
  }
  const json* found = ScanRecord(records);
  ASSERT_NE(found, nullptr);
  const json scan = *found;
  ASSERT_EQ(scan["status"], "needs_review") << scan.dump(1);
  const json truth = json::parse(ReadFile(kSamples / "scans" / "scan004_gelderland.truth.json"));
  ASSERT_EQ(scan["allocations"].size(), truth["allocations"].size());

  // The decisions a reviewer makes: every doubtful cell set to the truth.
  json good = json::array();
  for (size_t i = 0; i < scan["allocations"].size(); ++i) {
    const json& a = scan["allocations"][i];
    if (!a.contains("doubtful")) continue;
    for (const json& f : a["doubtful"]) {
      const std::string field = f.get<std::string>();
      good.push_back(Decision(scan, i, field,
                              truth["allocations"][i][field == "gemeente" ? "cbs_code" : field]));
    }
  }
  ASSERT_GT(good.size(), 0u);

  // A decision that keeps its row adding up but breaks the column sums.
  size_t row = 0;
  const json& a0 = scan["allocations"][row];
  const fs::path breaking =
      WriteDecisions(tmp_, "breaking.json",
                     {Decision(scan, row, "regulier", a0["regulier"].get<long>() + 10),
                      Decision(scan, row, "totaal", a0["totaal"].get<long>() + 10)});
  const auto before = Outputs(out_);
  const CommandResult refused =
      RunCli(Bin() + " apply-review " + Quoted(out_) + " " + Quoted(breaking));
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_TRUE(refused.out.find("column_sum.regulier") != std::string::npos ||
              refused.out.find("totaal_row.regulier") != std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("expected"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("row 0"), std::string::npos) << refused.out;
  EXPECT_EQ(Outputs(out_), before) << "a refused decision must write nothing";

  // The reviewer's decisions: reviewed, equal to the truth.
  const fs::path decisions = WriteDecisions(tmp_, "decisions.json", good);
  const CommandResult applied =
      RunCli(Bin() + " apply-review " + Quoted(out_) + " " + Quoted(decisions));
  ASSERT_EQ(applied.exit_code, 0) << applied.out;
  const std::vector<json> after_review = Jsonl(out_ / "records.jsonl");
  const json* reviewed = ScanRecord(after_review);
  ASSERT_NE(reviewed, nullptr);
  // Every record, the reviewed one with its reviewer's corrections, by the
  // record's JSON Schema (docs/record.schema.json).
  const CommandResult schema = RunCli(
      "python3 " + Quoted(fs::path(VERDEELSCAN_SOURCE_DIR) / "tests" / "record_schema_test.py") +
      " --build " + Quoted(fs::path(VERDEELSCAN_BINARY).parent_path()) + " --source " +
      Quoted(fs::path(VERDEELSCAN_SOURCE_DIR)) + " --jsonl " + Quoted(out_ / "records.jsonl"));
  EXPECT_EQ(schema.exit_code, 0) << schema.out;
  EXPECT_EQ((*reviewed)["status"], "reviewed") << (*reviewed)["checks"].dump(1);
  std::string csv_rows;
  for (size_t i = 0; i < truth["allocations"].size(); ++i) {
    const json& t = truth["allocations"][i];
    const json& a = (*reviewed)["allocations"][i];
    for (const char* f : {"gemeente", "cbs_code", "regulier", "amv", "totaal"})
      EXPECT_EQ(a[f], t[f]) << "row " << i << " " << f;
    EXPECT_FALSE(a.contains("doubtful")) << "row " << i;
    csv_rows += truth["province"].get<std::string>() + ",reviewed," +
                t["gemeente"].get<std::string>() + "," + t["cbs_code"].get<std::string>() + "," +
                t["regulier"].dump() + "," + t["amv"].dump() + "," + t["totaal"].dump() + ",";
  }
  // allocations.csv: the reviewed table's rows, equal to the truth.
  std::string allocations = ReadFile(out_ / "allocations.csv"), reviewed_rows;
  std::istringstream lines(allocations);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(kScan) == std::string::npos) continue;
    // province,besluit_date,reference,document_id,status,gemeente,cbs_code,
    // regulier,amv,totaal,...: the province, then status to totaal.
    const size_t status = line.find(",reviewed,");
    size_t end = status + 1;
    for (int field = 0; field < 6 && end != std::string::npos; ++field)
      end = line.find(',', end) + 1;
    reviewed_rows += line.substr(0, line.find(',') + 1) + line.substr(status + 1, end - status - 1);
  }
  EXPECT_EQ(reviewed_rows, csv_rows);
  EXPECT_EQ(ReadFile(out_ / "review.csv").find(kScan), std::string::npos);

  // The same file again: nothing written.
  const auto after = Outputs(out_);
  const CommandResult again =
      RunCli(Bin() + " apply-review " + Quoted(out_) + " " + Quoted(decisions));
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(Outputs(out_), after);

  // A batch rerun skips the file and keeps the reviewed record.
  const CommandResult rerun = RunCli(Bin() + " batch " + Quoted(tmp_ / "in") + " --out " +
                                     Quoted(out_) + " --no-searchable-pdf -j 2");
  ASSERT_TRUE(rerun.exit_code == 0 || rerun.exit_code == 2) << rerun.out;
  const std::vector<json> after_rerun = Jsonl(out_ / "records.jsonl");
  ASSERT_NE(ScanRecord(after_rerun), nullptr);
  EXPECT_EQ(*ScanRecord(after_rerun), *reviewed);

  // A batch that reads the file again (as a new version would) applies the
  // decisions again: the same reviewed record.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((out_ / "catalogue.sqlite").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE files SET version = 'older' WHERE path LIKE '%scan004%'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const CommandResult reread = RunCli(Bin() + " batch " + Quoted(tmp_ / "in") + " --out " +
                                      Quoted(out_) + " --no-searchable-pdf -j 2");
  ASSERT_TRUE(reread.exit_code == 0 || reread.exit_code == 2) << reread.out;
  EXPECT_NE(reread.out.find("1 reviewed"), std::string::npos) << reread.out;
  const std::vector<json> after_reread = Jsonl(out_ / "records.jsonl");
  ASSERT_NE(ScanRecord(after_reread), nullptr);
  EXPECT_EQ(*ScanRecord(after_reread), *reviewed);
}

}  // namespace
}  // namespace verdeelscan
