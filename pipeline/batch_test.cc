#include "pipeline/batch.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "extractors/scan/ingest.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("verdeelscan_batch_" + std::to_string(getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "in" / "sub");
    const fs::path seeds = fs::path(VERDEELSCAN_SOURCE_DIR) / "samples" / "seeds";
    for (const auto& e : fs::directory_iterator(seeds))
      if (e.path().extension() == ".txt")
        fs::copy_file(e.path(), root_ / "in" / e.path().filename());
    std::ofstream(root_ / "in" / "empty.txt").close();
    std::ofstream(root_ / "in" / "junk.txt") << std::string("\0\1\2\3binary", 10);
    std::ofstream(root_ / "in" / "sub" / "truncated.pdf") << "%PDF-1.4\n1 0 obj <<";
    fs::create_symlink("loop", root_ / "in" / "sub" / "loop");
  }
  void TearDown() override { fs::remove_all(root_); }

  BatchOptions Options(const std::string& out, std::vector<std::string> inputs = {}) {
    BatchOptions o;
    o.inputs = inputs.empty() ? std::vector<std::string>{(root_ / "in").string()} : inputs;
    o.out_dir = (root_ / out).string();
    o.jobs = 2;
    return o;
  }

  fs::path root_;
};

TEST_F(BatchTest, EveryFileGetsExactlyOneFinalStatus) {
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files_seen, 9);  // 5 seeds + empty + junk + truncated + loop
  EXPECT_EQ(s->files_done, 9);
  EXPECT_EQ(s->files_by_status.at("failed"), 4);
  EXPECT_EQ(s->tables_repaired, 1);
  const std::string csv = Slurp(root_ / "out" / "allocations.csv");
  EXPECT_NE(csv.find("Overijssel,Dalfsen,GM0148,142,26,168,repaired"), std::string::npos);
  // One line per record in records.jsonl, every one a JSON object.
  std::ifstream in(root_ / "out" / "records.jsonl");
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    EXPECT_TRUE(nlohmann::json::parse(line, nullptr, false).is_object());
  }
  EXPECT_EQ(lines, 12);  // seed 001 is a bundle of 4 documents; 8 documents + 4 failed files
  EXPECT_TRUE(fs::file_size(root_ / "out" / "allocations.xlsx") > 1000);
}

TEST_F(BatchTest, RerunSkipsDoneFilesAndRepairsInterruptedOutputs) {
  ASSERT_TRUE(RunBatch(Options("out")).ok());
  const std::string jsonl = Slurp(root_ / "out" / "records.jsonl");
  const std::string csv = Slurp(root_ / "out" / "allocations.csv");
  // What a kill -9 between the catalogue commit and the exports leaves: a
  // half-written CSV and a record appended twice.
  { std::ofstream(root_ / "out" / "allocations.csv") << "province,gem"; }
  {
    std::ofstream app(root_ / "out" / "records.jsonl", std::ios::app);
    app << jsonl.substr(0, jsonl.find('\n') + 1);
  }
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->files_skipped, 9);
  EXPECT_EQ(s->files_done, 0);
  EXPECT_EQ(Slurp(root_ / "out" / "allocations.csv"), csv);
  EXPECT_EQ(Slurp(root_ / "out" / "records.jsonl"), jsonl);
}

TEST_F(BatchTest, MergedShardsEqualOneRun) {
  ASSERT_TRUE(RunBatch(Options("whole")).ok());
  const fs::path in = root_ / "in";
  ASSERT_TRUE(RunBatch(Options("shard1", {(in / "001_6cd23678e9073bd3.txt").string(),
                                          (in / "junk.txt").string()}))
                  .ok());
  ASSERT_TRUE(RunBatch(Options("shard2", {(in / "000_93a39c1515279e85.txt").string(),
                                          (in / "002_f41cd4942328ae8a.txt").string(),
                                          (in / "003_d6549a67190a724b.txt").string(),
                                          (in / "004_d3d8332728886765.txt").string(),
                                          (in / "empty.txt").string(), (in / "sub").string()}))
                  .ok());
  StatusOr<long> n = MergeBatches({(root_ / "shard1").string(), (root_ / "shard2").string()},
                                  (root_ / "merged").string());
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 9);
  EXPECT_EQ(Slurp(root_ / "merged" / "allocations.csv"),
            Slurp(root_ / "whole" / "allocations.csv"));
  EXPECT_EQ(Slurp(root_ / "merged" / "records.jsonl"), Slurp(root_ / "whole" / "records.jsonl"));
}

// The IBT letter (seed 004, Hilversum) and a Noord-Holland verdeelbesluit in
// another file: the IBT record's checks compare its wettelijke taak with the
// besluit's allocation of Hilversum (here they differ: a finding).
TEST_F(BatchTest, IbtLetterIsCheckedAgainstABesluitInAnotherFile) {
  fs::copy_file(
      fs::path(VERDEELSCAN_SOURCE_DIR) / "samples" / "dumps" / "dump_s25_noord-holland.txt",
      root_ / "in" / "besluit_nh.txt");
  ASSERT_TRUE(RunBatch(Options("out")).ok());
  std::ifstream in(root_ / "out" / "records.jsonl");
  std::string line;
  int compared = 0;
  while (std::getline(in, line)) {
    nlohmann::json r = nlohmann::json::parse(line);
    if (r.value("kind", "") != "ibt_brief") continue;
    for (const nlohmann::json& c : r["checks"]) {
      if (c["id"] != "ibt.taak_matches_verdeelbesluit") continue;
      ++compared;
      EXPECT_EQ(c["expected"]["regulier"], 610);
      EXPECT_EQ(c["expected"]["amv"], 120);
      EXPECT_EQ(c["actual"]["regulier"], 434);
      EXPECT_EQ(c["status"], "finding");
    }
  }
  EXPECT_EQ(compared, 1);
}

// A scanned input gets OUT/NAME.searchable.pdf whose text layer (read back by
// our own PDF ingestion, as pdftotext would) holds the table's names and
// numbers; a text dump gets none.
TEST_F(BatchTest, ScannedInputGetsASearchablePdf) {
  fs::copy_file(fs::path(VERDEELSCAN_SOURCE_DIR) / "samples" / "scans" / "scan001_flevoland.pdf",
                root_ / "in" / "scan001_flevoland.pdf");
  ASSERT_TRUE(RunBatch(Options("out")).ok());
  const fs::path pdf = root_ / "out" / "scan001_flevoland.searchable.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  EXPECT_FALSE(fs::exists(root_ / "out" / "004_d3d8332728886765.searchable.pdf"));
  StatusOr<TextDocument> doc = LoadScan(pdf.string(), ScanOptions{});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media, "pdf-text");
  std::string text;
  for (const TextLine& l : doc->lines) text += l.text + "\n";
  for (const char* want : {"Almere", "Lelystad", "Zeewolde"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " not in\n" << text;
  const nlohmann::json truth = nlohmann::json::parse(std::ifstream(
      fs::path(VERDEELSCAN_SOURCE_DIR) / "samples" / "scans" / "scan001_flevoland.truth.json"));
  const std::string almere_regulier =
      std::to_string(truth["allocations"][0]["regulier"].get<long>());
  EXPECT_NE(text.find(almere_regulier), std::string::npos) << almere_regulier;
}

TEST_F(BatchTest, UnwritableOutputIsABatchError) {
  BatchOptions o = Options("out");
  o.out_dir = "/proc/verdeelscan-cannot-write-here";
  EXPECT_FALSE(RunBatch(o).ok());
}

}  // namespace
}  // namespace verdeelscan
