#include "pipeline/batch.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "extractors/ingest/ingest.h"
#include "pipeline/catalogue.h"
#include "pipeline/exports.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;

std::vector<nlohmann::json> ReadJsonl(const fs::path& p) {
  std::vector<nlohmann::json> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
  return out;
}

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
  EXPECT_EQ(s->files_failed, 4);  // the batch exits 2
  EXPECT_EQ(s->tables_repaired, 1);
  const std::string csv = Slurp(root_ / "out" / "allocations.csv");
  EXPECT_NE(csv.find("Overijssel,2024-12-20,6015733,"), std::string::npos);
  EXPECT_NE(csv.find(",repaired,Dalfsen,GM0148,142,26,168,"), std::string::npos);
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
  StatusOr<MergeSummary> n = MergeBatches(
      {(root_ / "shard1").string(), (root_ / "shard2").string()}, (root_ / "merged").string());
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->files, 9);
  EXPECT_EQ(n->files_failed, 4);
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
// numbers, with the besluit's province in its XMP, and OUT/NAME.searchable.txt
// with the same text; a text dump gets neither.
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
  std::ifstream pdf_in(pdf, std::ios::binary);
  const std::string pdf_bytes((std::istreambuf_iterator<char>(pdf_in)),
                              std::istreambuf_iterator<char>());
  EXPECT_NE(pdf_bytes.find("<woo:province>Flevoland</woo:province>"), std::string::npos);
  EXPECT_NE(pdf_bytes.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
  std::ifstream sidecar(root_ / "out" / "scan001_flevoland.searchable.txt");
  const std::string sidecar_text((std::istreambuf_iterator<char>(sidecar)),
                                 std::istreambuf_iterator<char>());
  for (const char* want : {"Almere", "Lelystad", "Zeewolde"})
    EXPECT_NE(sidecar_text.find(want), std::string::npos) << want << " not in the sidecar";
  EXPECT_FALSE(fs::exists(root_ / "out" / "004_d3d8332728886765.searchable.txt"));
}

TEST_F(BatchTest, UnwritableOutputIsABatchError) {
  BatchOptions o = Options("out");
  o.out_dir = "/proc/verdeelscan-cannot-write-here";
  EXPECT_FALSE(RunBatch(o).ok());
}

fs::path Source(const std::string& rel) { return fs::path(VERDEELSCAN_SOURCE_DIR) / rel; }

// Regression: a verdeelbesluit with a name no municipality
// matches aborted the cross-check export (gemeente: null). The allocation now
// leaves gemeente and cbs_code out, keeps the text in raw, and the record is
// needs_review with the row named; every export takes it.
TEST_F(BatchTest, UnmatchedNameIsReviewedNotFatal) {
  fs::copy_file(Source("samples/regressions/besluit_unmatched_name.txt"),
                root_ / "in" / "besluit_unmatched_name.txt");
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files_done, 10);
  int unmatched = 0;
  for (const nlohmann::json& r : ReadJsonl(root_ / "out" / "records.jsonl")) {
    if (r["source"]["file"].get<std::string>().find("unmatched") == std::string::npos) continue;
    EXPECT_EQ(r["status"], "needs_review");
    for (const nlohmann::json& a : r["allocations"]) {
      EXPECT_FALSE(a.contains("gemeente") && a["gemeente"].is_null());
      if (a.contains("gemeente")) continue;
      ++unmatched;
      EXPECT_FALSE(a.contains("cbs_code"));
      EXPECT_FALSE(a["raw"]["gemeente"].get<std::string>().empty());
      EXPECT_NE(std::find(a["doubtful"].begin(), a["doubtful"].end(), "gemeente"),
                a["doubtful"].end());
    }
    bool named = false;
    for (const nlohmann::json& c : r["checks"]) {
      if (c["id"] != "names.matched") continue;
      EXPECT_EQ(c["status"], "fail");
      for (const nlohmann::json& row : c["actual"])
        named = named || (row.contains("row") && row.contains("raw") && row.contains("line"));
    }
    EXPECT_TRUE(named) << r["checks"].dump();
  }
  EXPECT_GE(unmatched, 1);
  EXPECT_NE(Slurp(root_ / "out" / "review.csv").find("besluit_unmatched_name.txt"),
            std::string::npos);
}

// An exporter (and CrossCheckRecords behind it) reads every field
// defensively: records the contract allows, and damaged ones from an older
// version's catalogue, never throw.
TEST(ExportsTest, CrossChecksAndRenderingTakeOddRecords) {
  std::vector<nlohmann::json> records = {
      nlohmann::json::parse(R"({"kind":"verdeelbesluit","status":"needs_review",
        "meta":{"province":null},"source":{"file":"a.txt","lines":[1,"x"]},
        "allocations":[{"gemeente":null,"cbs_code":null,"regulier":"12","amv":null,
                        "raw":{"gemeente":"Xyz"},"doubtful":["gemeente"]},
                       {"cbs_code":"GM0402","regulier":5,"amv":1}]})"),
      nlohmann::json::parse(R"({"kind":"ibt_brief","meta":{"cbs_code":402},
        "ibt":{"wettelijke_taak":{"regulier":"many"}}})"),
      nlohmann::json::parse(R"({"kind":7,"source":"not an object","checks":{"id":1}})"),
      nlohmann::json::parse(R"([1,2,3])")};
  EXPECT_NO_THROW(AddCrossFileChecks(records));
  for (const nlohmann::json& r : records) {
    if (!r.is_object()) {
      EXPECT_ANY_THROW(CheckExportable(r, {}));  // not a record: its file fails
      continue;
    }
    EXPECT_NO_THROW(CheckExportable(r, {})) << r.dump();
  }
}

// Whatever reading or exporting one file throws becomes that
// file's failed record with the message; every other file is in the outputs.
TEST_F(BatchTest, ThrowingReaderAndExporterFailOnlyTheirFile) {
  // Contents of their own (an identical copy would be a duplicate, not read).
  std::ofstream(root_ / "in" / "reader_throws.txt") << "reader throws\n";
  std::ofstream(root_ / "in" / "reader_throws_int.txt") << "reader throws an int\n";
  fs::copy_file(Source("samples/dumps/dump_s25_noord-holland.txt"),
                root_ / "in" / "exporter_throws.txt");
  BatchOptions o = Options("out");
  o.reader = [](const std::string& path, const ExtractOptions& eo) -> std::vector<Record> {
    if (path.find("reader_throws_int") != std::string::npos) throw 42;
    if (path.find("reader_throws") != std::string::npos) throw std::runtime_error("reader boom");
    return ExtractFile(path, eo);
  };
  o.on_record = [](const nlohmann::json& r) {
    const nlohmann::json& file = r["source"]["file"];
    if (file.get<std::string>().find("exporter_throws") != std::string::npos &&
        r["status"] != "failed")
      throw std::logic_error("exporter boom");
  };
  StatusOr<BatchSummary> s = RunBatch(o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files_seen, 12);
  EXPECT_EQ(s->files_done, 12);
  EXPECT_EQ(s->files_failed, 4 + 3);
  std::map<std::string, std::string> error_of;
  int others = 0;
  for (const nlohmann::json& r : ReadJsonl(root_ / "out" / "records.jsonl")) {
    const std::string file = fs::path(r["source"]["file"].get<std::string>()).filename();
    if (r["status"] == "failed") error_of[file] = r.value("error", "");
    if (file.find("throws") == std::string::npos) ++others;
  }
  EXPECT_EQ(others, 12);  // every record of the other files, as in a clean run
  EXPECT_NE(error_of["reader_throws.txt"].find("reader boom"), std::string::npos);
  EXPECT_NE(error_of["reader_throws_int.txt"].find("not a std::exception"), std::string::npos);
  EXPECT_NE(error_of["exporter_throws.txt"].find("exporter boom"), std::string::npos);
  EXPECT_NE(Slurp(root_ / "out" / "allocations.csv").find("Dalfsen"), std::string::npos);
}

// A file is skipped by content, not by the path string; an
// identical copy at another path is catalogued as a duplicate, not read.
TEST_F(BatchTest, RerunSkipsByContentAndNotesCopies) {
  ASSERT_TRUE(RunBatch(Options("out")).ok());
  const std::string jsonl = Slurp(root_ / "out" / "records.jsonl");
  // The same folder spelt another way.
  StatusOr<BatchSummary> again =
      RunBatch(Options("out", {(root_ / "in" / "sub" / ".." / ".." / "in").string()}));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->files_done, 0);
  EXPECT_EQ(again->files_skipped, 9);
  EXPECT_EQ(Slurp(root_ / "out" / "records.jsonl"), jsonl);
  // A copy elsewhere: noted as a duplicate of the first path, no records.
  fs::create_directories(root_ / "copies");
  fs::copy_file(root_ / "in" / "004_d3d8332728886765.txt", root_ / "copies" / "ibt_copy.txt");
  StatusOr<BatchSummary> copy = RunBatch(Options("out", {(root_ / "copies").string()}));
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->files_duplicate, 1);
  EXPECT_EQ(copy->files_done, 0);
  EXPECT_EQ(copy->files_failed, 0);
  auto cat = Catalogue::Open((root_ / "out" / "catalogue.sqlite").string());
  ASSERT_TRUE(cat.ok());
  StatusOr<FileEntry> dup = (*cat)->Find((root_ / "copies" / "ibt_copy.txt").string());
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(dup->status, "duplicate");
  EXPECT_EQ(dup->duplicate_of, (root_ / "in" / "004_d3d8332728886765.txt").string());
  int ibt = 0;
  for (const nlohmann::json& r : ReadJsonl(root_ / "out" / "records.jsonl"))
    ibt += r["kind"] == "ibt_brief";
  EXPECT_EQ(ibt, 1);
}

// An output folder inside the input folder is not read as input on a rerun
// (its catalogue, lock and exports would otherwise become records).
TEST_F(BatchTest, OutputFolderInsideTheInputIsNotAnInput) {
  BatchOptions o = Options("in/out");
  StatusOr<BatchSummary> first = RunBatch(o);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->files_seen, 9);
  StatusOr<BatchSummary> again = RunBatch(o);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->files_seen, 9);
  EXPECT_EQ(again->files_skipped, 9);
}

// Two identical copies in one run, read by two workers at once: one is read,
// the other is its duplicate, and the documents are in the outputs once.
TEST_F(BatchTest, CopiesInOneRunAreReadOnce) {
  fs::remove_all(root_ / "in");
  fs::create_directories(root_ / "in");
  const fs::path seed = Source("samples/seeds/001_6cd23678e9073bd3.txt");
  for (const char* n : {"a.txt", "b.txt", "c.txt", "d.txt"}) fs::copy_file(seed, root_ / "in" / n);
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->files_done, 1);
  EXPECT_EQ(s->files_duplicate, 3);
  EXPECT_EQ(ReadJsonl(root_ / "out" / "records.jsonl").size(), 4u);  // one bundle of 4 documents
  StatusOr<BatchSummary> again = RunBatch(Options("out"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->files_skipped, 4);
  EXPECT_EQ(ReadJsonl(root_ / "out" / "records.jsonl").size(), 4u);
}

// Options that affect a file's reading make a rerun read it
// again; options that do not (DPI for a text dump) keep it.
TEST_F(BatchTest, RerunWithOtherOptionsRereadsWhatTheyAffect) {
  ASSERT_TRUE(RunBatch(Options("out")).ok());
  BatchOptions o = Options("out");
  o.extract.scan.dpi = 200;
  StatusOr<BatchSummary> s = RunBatch(o);
  ASSERT_TRUE(s.ok());
  // The 5 seeds were read as text: DPI does not touch them. The failed ones
  // (empty, junk, truncated PDF, loop) are tried again.
  EXPECT_EQ(s->files_skipped, 5);
  EXPECT_EQ(s->files_done, 4);
  EXPECT_EQ(RelevantOptions("text", "valid", o.extract), "{}");
  EXPECT_NE(RelevantOptions("pdf-scanned", "valid", o.extract).find("\"dpi\":200"),
            std::string::npos);
  ExtractOptions no_reread = o.extract;
  no_reread.reread_doubtful_cells = false;
  EXPECT_NE(RelevantOptions("image", "valid", o.extract),
            RelevantOptions("image", "valid", no_reread));
}

// The same for a scanned PDF: --dpi and --no-reread change its reading, so a
// rerun with either reads it again (and records the DPI it was read at);
// the same options again skip it.
TEST_F(BatchTest, RerunOfAScanWithOtherDpiOrRereadReadsItAgain) {
  fs::remove_all(root_ / "in");
  fs::create_directories(root_ / "in");
  fs::copy_file(Source("samples/formats/table_scan.pdf"), root_ / "in" / "table_scan.pdf");
  BatchOptions o = Options("out");
  o.searchable_pdf = false;
  ASSERT_TRUE(RunBatch(o).ok());
  o.extract.scan.dpi = 150;
  StatusOr<BatchSummary> dpi = RunBatch(o);
  ASSERT_TRUE(dpi.ok());
  EXPECT_EQ(dpi->files_done, 1);
  for (const nlohmann::json& r : ReadJsonl(root_ / "out" / "records.jsonl"))
    EXPECT_EQ(r["source"]["dpi"], 150);
  StatusOr<BatchSummary> same = RunBatch(o);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->files_skipped, 1);
  o.extract.reread_doubtful_cells = false;
  StatusOr<BatchSummary> reread = RunBatch(o);
  ASSERT_TRUE(reread.ok());
  EXPECT_EQ(reread->files_done, 1);
  // Asking for the searchable PDF it was read without: read again to make it.
  o.searchable_pdf = true;
  StatusOr<BatchSummary> pdf = RunBatch(o);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->files_done, 1);
  EXPECT_TRUE(fs::is_regular_file(root_ / "out" / "table_scan.searchable.pdf"));
}

// A folder left by an older version (catalogue schema 1,
// without the options/version/artefacts columns) and a crash (outputs gone)
// is finished: the files are read again by this version, and every output is
// regenerated as a clean run makes it.
TEST_F(BatchTest, OlderCatalogueIsUpgradedAndEveryOutputRegenerated) {
  ASSERT_TRUE(RunBatch(Options("clean")).ok());
  ASSERT_TRUE(RunBatch(Options("out")).ok());
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((root_ / "out" / "catalogue.sqlite").c_str(), &db), SQLITE_OK);
    for (const char* sql :
         {"DROP INDEX files_by_sha", "ALTER TABLE files DROP COLUMN options",
          "ALTER TABLE files DROP COLUMN version", "ALTER TABLE files DROP COLUMN artefacts",
          "ALTER TABLE files DROP COLUMN duplicate_of", "PRAGMA user_version = 0",
          // The seed's file name, not the test folder's (which holds the
          // pid: "_" alone would match any character of it).
          "DELETE FROM records WHERE path LIKE '%/003!_%' ESCAPE '!'",
          "DELETE FROM files WHERE path LIKE '%/003!_%' ESCAPE '!'"})
      ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
  }
  // merge takes a shard of the older schema as it is (and does not change it).
  StatusOr<MergeSummary> m = MergeBatches({(root_ / "out").string()}, (root_ / "m").string());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->files, 8);
  EXPECT_EQ(m->files_failed, 4);
  for (const char* f : {"records.jsonl", "allocations.csv", "allocations.xlsx"})
    fs::remove(root_ / "out" / f);
  { std::ofstream(root_ / "out" / "review.csv.tmp") << "half"; }
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files_done, 9);  // older version: everything is read again
  for (const char* f : {"records.jsonl", "allocations.csv", "review.csv"})
    EXPECT_EQ(Slurp(root_ / "out" / f), Slurp(root_ / "clean" / f)) << f;
  EXPECT_TRUE(fs::exists(root_ / "out" / "allocations.xlsx"));
  StatusOr<BatchSummary> third = RunBatch(Options("out"));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->files_skipped, 9);
}

// Three pages in the middle of a real catalogue overwritten
// with garbage. The rerun refuses the folder with an error naming it (no
// "already done", no records.jsonl regenerated from the readable part), and
// merge names the shard it refuses.
TEST_F(BatchTest, DamagedCatalogueIsAClearErrorNotAPartialSuccess) {
  const std::string seed = Slurp(root_ / "in" / "001_6cd23678e9073bd3.txt");
  fs::create_directories(root_ / "many");
  for (int i = 0; i < 12; ++i)
    std::ofstream(root_ / "many" / ("bundle_" + std::to_string(i) + ".txt"))
        << seed << "\nkopie " << i << "\n";
  BatchOptions o = Options("out", {(root_ / "many").string()});
  ASSERT_TRUE(RunBatch(o).ok());
  const fs::path db = root_ / "out" / "catalogue.sqlite";
  const std::string jsonl = Slurp(root_ / "out" / "records.jsonl");
  const long pages = static_cast<long>(fs::file_size(db)) / 4096;
  ASSERT_GE(pages, 12) << "catalogue too small to damage in the middle";
  std::cerr << "catalogue of " << pages << " pages; pages " << pages / 2 - 1 << ".."
            << pages / 2 + 1 << " overwritten\n";
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((pages / 2 - 1) * 4096);
    const std::string garbage(3 * 4096, '\xA5');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  StatusOr<BatchSummary> s = RunBatch(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kCorruption) << s.status().ToString();
  EXPECT_NE(s.status().message().find(db.string()), std::string::npos) << s.status().ToString();
  EXPECT_NE(s.status().message().find("aside"), std::string::npos);  // how to recover
  EXPECT_EQ(Slurp(root_ / "out" / "records.jsonl"), jsonl);          // nothing regenerated
  // merge refuses it by name, before merging anything.
  ASSERT_TRUE(RunBatch(Options("good")).ok());
  StatusOr<MergeSummary> m =
      MergeBatches({(root_ / "good").string(), (root_ / "out").string()}, (root_ / "m").string());
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("shard " + (root_ / "out").string()), std::string::npos)
      << m.status().ToString();
  EXPECT_FALSE(fs::exists(root_ / "m" / "records.jsonl"));
  // The documented recovery: move it aside and rerun.
  fs::rename(db, root_ / "out" / "catalogue.sqlite.damaged");
  fs::remove(root_ / "out" / "catalogue.sqlite-wal");
  fs::remove(root_ / "out" / "catalogue.sqlite-shm");
  StatusOr<BatchSummary> again = RunBatch(o);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->files_done, 12);
  EXPECT_EQ(Slurp(root_ / "out" / "records.jsonl"), jsonl);
}

// A second batch into a folder another one holds is refused
// with the holder's pid (the CLI exits 3; tests/cli_test.sh runs two
// processes), or waits with wait_for_lock.
TEST_F(BatchTest, LockedFolderIsRefusedWithTheHolder) {
  fs::create_directories(root_ / "out");
  const int fd = ::open((root_ / "out" / ".lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, "4242\n", 5), 5);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("in use by another batch"), std::string::npos)
      << s.status().ToString();
  EXPECT_NE(s.status().message().find("pid 4242"), std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "out" / "catalogue.sqlite"));
  ::close(fd);
  EXPECT_TRUE(RunBatch(Options("out")).ok());
}

// A file name that is not UTF-8 (byte 0xFF) is carried
// losslessly: source.file with U+FFFD, source.file_bytes the exact bytes.
TEST_F(BatchTest, NonUtf8FileNameIsCarriedLosslessly) {
  const std::string name = std::string("besluit_") + '\xff' + ".txt";
  fs::copy_file(Source("samples/dumps/dump_s25_noord-holland.txt"), root_ / "in" / name);
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files_done, 10);
  bool found = false;
  for (const nlohmann::json& r : ReadJsonl(root_ / "out" / "records.jsonl")) {
    if (!r["source"].contains("file_bytes")) continue;
    found = true;
    const std::string full = (root_ / "in" / name).string();
    std::string hex;
    for (unsigned char c : full) {
      char b[3];
      std::snprintf(b, sizeof b, "%02x", c);
      hex += b;
    }
    EXPECT_EQ(r["source"]["file_bytes"], hex);
    EXPECT_NE(r["source"]["file"].get<std::string>().find("besluit_\xEF\xBF\xBD.txt"),
              std::string::npos);
  }
  EXPECT_TRUE(found);
  EXPECT_NE(Slurp(root_ / "out" / "allocations.csv").find("besluit_\xEF\xBF\xBD.txt"),
            std::string::npos);
}

// Spreadsheet formulas in file names are neutralised in
// every CSV text cell; numbers stay numbers.
TEST(ExportsTest, CsvTextCellsCannotBeFormulas) {
  EXPECT_EQ(CsvField("=1+2.txt"), "'=1+2.txt");
  EXPECT_EQ(CsvField("@SUM(1).txt"), "'@SUM(1).txt");
  EXPECT_EQ(CsvField("-4+4.txt"), "'-4+4.txt");
  EXPECT_EQ(CsvField("+31"), "'+31");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  EXPECT_EQ(CsvField("Dalfsen"), "Dalfsen");
  EXPECT_EQ(CsvNumber(nlohmann::json(-4)), "-4");
  EXPECT_EQ(CsvNumber(nlohmann::json("-4")), "'-4");  // text that looks like a number
}

TEST_F(BatchTest, FormulaFileNamesAreTextInEveryCsv) {
  const fs::path dump = Source("samples/dumps/dump_s25_noord-holland.txt");
  fs::create_directories(root_ / "f");
  const std::string text = Slurp(dump);
  for (const char* n : {"=1+2.txt", "@SUM(1).txt", "-4+4.txt"})
    std::ofstream(root_ / "f" / n) << text << "\n" << n << "\n";  // each its own content
  // Relative names, as a user typing them in the folder would give them.
  const fs::path cwd = fs::current_path();
  fs::current_path(root_ / "f");
  BatchOptions o;
  o.inputs = {"=1+2.txt", "@SUM(1).txt", "-4+4.txt"};
  o.out_dir = (root_ / "out").string();
  o.jobs = 1;
  StatusOr<BatchSummary> s = RunBatch(o);
  fs::current_path(cwd);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  for (const char* csv : {"allocations.csv", "review.csv"}) {
    std::ifstream in(root_ / "out" / csv);
    std::string line;
    while (std::getline(in, line)) {
      size_t start = 0;
      for (size_t comma; start <= line.size(); start = comma + 1) {
        comma = line.find(',', start);
        if (comma == std::string::npos) comma = line.size();
        const std::string cell = line.substr(start, comma - start);
        if (!cell.empty() && std::string("=+@\t\r").find(cell[0]) != std::string::npos)
          ADD_FAILURE() << csv << ": formula cell " << cell;
        if (!cell.empty() && cell[0] == '-' &&
            cell.find_first_not_of("-0123456789") != std::string::npos)
          ADD_FAILURE() << csv << ": formula cell " << cell;
      }
    }
  }
  const std::string alloc = Slurp(root_ / "out" / "allocations.csv");
  // One besluit in three files: its rows once, from the first in path order,
  // the other two named in also_in (its cell neutralised as a whole).
  for (const char* want : {",'-4+4.txt,", ",'=1+2.txt (", "; @SUM(1).txt ("})
    EXPECT_NE(alloc.find(want), std::string::npos) << want << " not in\n" << alloc;
}

// An output the record promises (the searchable PDF of a
// scanned input) that cannot be written is an error on the record and a
// failed file (exit 2), and a rerun makes it. The obstacle here is a folder
// where the PDF should go (what a full disk or a read-only target does to the
// same code path: the rename fails).
TEST_F(BatchTest, MissingSearchablePdfIsAnErrorAndARerunMakesIt) {
  fs::remove_all(root_ / "in");
  fs::create_directories(root_ / "in");
  fs::copy_file(Source("samples/scans/scan001_flevoland.pdf"), root_ / "in" / "scan001.pdf");
  fs::create_directories(root_ / "out" / "scan001.searchable.pdf");
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files_failed, 1);
  std::vector<nlohmann::json> recs = ReadJsonl(root_ / "out" / "records.jsonl");
  ASSERT_FALSE(recs.empty());
  for (const nlohmann::json& r : recs) {
    EXPECT_NE(r["status"], "valid");
    EXPECT_NE(r.value("error", "").find("scan001.searchable.pdf"), std::string::npos) << r.dump();
    bool check = false;
    for (const nlohmann::json& c : r["checks"])
      check = check || (c["id"] == "artefact.searchable_pdf" && c["status"] == "fail");
    EXPECT_TRUE(check);
  }
  fs::remove(root_ / "out" / "scan001.searchable.pdf");
  StatusOr<BatchSummary> again = RunBatch(Options("out"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->files_done, 1);
  EXPECT_EQ(again->files_failed, 0);
  EXPECT_TRUE(fs::is_regular_file(root_ / "out" / "scan001.searchable.pdf"));
  for (const nlohmann::json& r : ReadJsonl(root_ / "out" / "records.jsonl"))
    EXPECT_FALSE(r.contains("error")) << r.dump();
  // And a third run has nothing to do.
  StatusOr<BatchSummary> third = RunBatch(Options("out"));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->files_skipped, 1);
}

// A name that fits the file system but not once ".searchable.pdf" is added,
// and is not UTF-8: the searchable PDF's name is made UTF-8 and cut to fit
// (with a digest), so it is written; the record keeps the exact name.
TEST_F(BatchTest, SearchablePdfOfAVeryLongNameFitsTheFileSystem) {
  fs::remove_all(root_ / "in");
  fs::create_directories(root_ / "in");
  const std::string stem(230, 'a');
  // 244 bytes, with a byte that is not UTF-8 (0xFF) before the cut.
  const std::string long_name = stem + "_\xFF\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9.pdf";
  ASSERT_LE(long_name.size(), 255u);
  fs::copy_file(Source("samples/scans/scan001_flevoland.pdf"), root_ / "in" / long_name);
  StatusOr<BatchSummary> s = RunBatch(Options("out"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files_failed, 0);
  int pdfs = 0;
  for (const auto& e : fs::directory_iterator(root_ / "out")) {
    const std::string n = e.path().filename().string();
    if (n.size() < 15 || n.substr(n.size() - 15) != ".searchable.pdf") continue;
    ++pdfs;
    EXPECT_LE(n.size(), 255u);
    EXPECT_EQ(n.rfind(stem.substr(0, 200), 0), 0u);
    EXPECT_EQ(ValidUtf8(n), n);  // cut at a character boundary
  }
  EXPECT_EQ(pdfs, 1);
  for (const nlohmann::json& r : ReadJsonl(root_ / "out" / "records.jsonl"))
    EXPECT_TRUE(r["source"].contains("file_bytes"));
}

}  // namespace
}  // namespace verdeelscan
