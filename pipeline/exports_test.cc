#include "pipeline/exports.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "pipeline/extract.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSeedDir = std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/seeds/";

// Seed 001 (a bundle: e-mails, the Overijssel besluit, a cover letter) as
// stored records.
std::vector<json> SeedRecords() {
  std::vector<json> out;
  for (const Record& r : ExtractFile(kSeedDir + "001_6cd23678e9073bd3.txt")) {
    out.push_back(ToJson(r));
  }
  return out;
}

// An output that keeps what it was given, and refuses (throws on) the
// records of one kind.
class Recorder : public Exporter {
 public:
  explicit Recorder(std::string refused_kind = "") : refused_kind_(std::move(refused_kind)) {}
  Status Begin() override {
    begun = true;
    return Status::OK();
  }
  void Render(const json& rec) override {
    if (!refused_kind_.empty() && rec.value("kind", "") == refused_kind_)
      throw std::runtime_error("refused " + refused_kind_);
    pending_ = rec;
  }
  void Add() override { added.push_back(pending_); }
  Status Finish() override {
    finished = true;
    return Status::OK();
  }
  Status Commit() override {
    committed = finished;
    return Status::OK();
  }
  bool begun = false, finished = false, committed = false;
  std::vector<json> added;

 private:
  std::string refused_kind_;
  json pending_;
};

TEST(Export, EveryRecordReachesEveryOutputInOrder) {
  const std::vector<json> records = SeedRecords();
  ASSERT_GE(records.size(), 3u);
  std::vector<std::unique_ptr<Exporter>> outputs;
  outputs.push_back(std::make_unique<Recorder>());
  outputs.push_back(std::make_unique<Recorder>());
  ASSERT_TRUE(Export(records, outputs).ok());
  for (const auto& o : outputs) {
    const auto& r = static_cast<const Recorder&>(*o);
    EXPECT_TRUE(r.begun && r.finished && r.committed);
    EXPECT_EQ(r.added, records);
  }
}

// A record one output cannot render goes out as its failed record in every
// output, so the outputs never disagree on which records they hold.
TEST(Export, ARecordOneOutputRefusesIsFailedInAll) {
  const std::vector<json> records = SeedRecords();
  std::vector<std::unique_ptr<Exporter>> outputs;
  outputs.push_back(std::make_unique<Recorder>());
  outputs.push_back(std::make_unique<Recorder>("verdeelbesluit"));
  ASSERT_TRUE(Export(records, outputs).ok());
  const auto& all = static_cast<const Recorder&>(*outputs[0]).added;
  const auto& refusing = static_cast<const Recorder&>(*outputs[1]).added;
  ASSERT_EQ(all.size(), records.size());
  EXPECT_EQ(all, refusing);
  int failed = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i]["kind"] != "verdeelbesluit") {
      EXPECT_EQ(all[i], records[i]);
      continue;
    }
    ++failed;
    EXPECT_EQ(all[i]["status"], "failed");
    EXPECT_EQ(all[i]["source"], records[i]["source"]);
    EXPECT_NE(all[i]["error"].get<std::string>().find("refused verdeelbesluit"), std::string::npos);
  }
  EXPECT_EQ(failed, 1);
}

TEST(Export, HookThrowingFailsTheRecord) {
  const std::vector<json> records = SeedRecords();
  std::vector<std::unique_ptr<Exporter>> outputs;
  outputs.push_back(std::make_unique<Recorder>());
  ASSERT_TRUE(Export(records, outputs, [](const json& r) {
                if (r.value("kind", "") == "email") throw std::runtime_error("no e-mail");
              }).ok());
  const auto& added = static_cast<const Recorder&>(*outputs[0]).added;
  ASSERT_EQ(added.size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(added[i]["status"],
              records[i]["kind"] == "email" ? json("failed") : records[i]["status"]);
  }
}

TEST(JsonExporter, OneRecordIsAnObjectSeveralAnArrayJsonlALinePerRecord) {
  const std::vector<json> records = SeedRecords();
  auto run = [](const std::vector<json>& rs, bool jsonl) {
    std::ostringstream out;
    std::vector<std::unique_ptr<Exporter>> outputs;
    outputs.push_back(JsonExporter(out, jsonl));
    EXPECT_TRUE(Export(rs, outputs).ok());
    return out.str();
  };
  EXPECT_EQ(run({records[0]}, false), records[0].dump(2) + "\n");
  EXPECT_EQ(run(records, false), json(records).dump(2) + "\n");
  EXPECT_EQ(run({}, false), "[]\n");
  std::string lines;
  for (const json& r : records) lines += r.dump() + "\n";
  EXPECT_EQ(run(records, true), lines);
}

// The batch's files: written whole under their final names, nothing left
// under a temporary one.
TEST(BatchExporters, WriteEveryFileAndLeaveNoTemporary) {
  const fs::path dir =
      fs::temp_directory_path() / ("verdeelscan_exports_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<json> records = SeedRecords();
  ASSERT_TRUE(Export(records, BatchExporters(dir.string())).ok());
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  EXPECT_EQ(names, (std::set<std::string>{"records.jsonl", "allocations.csv", "review.csv",
                                          "allocations.xlsx", "national.csv",
                                          "allocations_national.csv", "review.html"}));
  std::ifstream alloc(dir / "allocations.csv");
  std::string header, row;
  std::getline(alloc, header);
  // RFC 4180: every record ends with CRLF; the besluit key comes first.
  EXPECT_EQ(header,
            "province,besluit_date,reference,document_id,status,gemeente,cbs_code,regulier,amv,"
            "totaal,source_file,page,also_in\r");
  int rows = 0;
  while (std::getline(alloc, row)) rows += row.rfind("Overijssel,", 0) == 0;
  EXPECT_EQ(rows, 25);  // seed 001's repaired Overijssel table
  fs::remove_all(dir);
}

// Seed 001's besluit in a bundle, again as a single file, as an amended
// besluit, and as another reading with the same key but one number changed.
TEST(BesluitCopies, OneBesluitInTwoFilesIsOneAmendedAndOtherReadingsAreKept) {
  json bundle;
  for (const json& r : SeedRecords())
    if (r["kind"] == "verdeelbesluit") bundle = r;
  ASSERT_FALSE(bundle.is_null());
  EXPECT_EQ(DocumentId(bundle), bundle["source"]["sha256"].get<std::string>().substr(0, 16) + ":l" +
                                    bundle["source"]["lines"][0].dump() + "-" +
                                    bundle["source"]["lines"][1].dump());
  json single = bundle;
  single["source"]["file"] = "single.txt";
  single["source"]["sha256"] = std::string(64, 'a');
  json amended = single;
  amended["source"]["file"] = "amended.txt";
  amended["source"]["sha256"] = std::string(64, 'b');
  amended["meta"]["date"] = "2025-02-14";
  json other = single;
  other["source"]["file"] = "other.txt";
  other["source"]["sha256"] = std::string(64, 'c');
  other["allocations"][0]["regulier"] = other["allocations"][0]["regulier"].get<int>() + 1;
  const BesluitCopies copies({bundle, single, amended, other});
  // Path order: the bundle's absolute path comes first and gives the rows.
  ASSERT_EQ(bundle["source"]["file"].get<std::string>()[0], '/');
  EXPECT_TRUE(copies.Shown(bundle));
  EXPECT_FALSE(copies.Shown(single));
  EXPECT_EQ(copies.ShownAs(single), DocumentId(bundle));
  ASSERT_EQ(copies.AlsoIn(bundle).size(), 1u);
  EXPECT_EQ(copies.AlsoIn(bundle)[0], "single.txt (" + DocumentId(single) + ")");
  EXPECT_EQ(DocumentId(single).substr(0, 17), std::string(16, 'a') + ":");
  EXPECT_TRUE(copies.Shown(amended));
  EXPECT_TRUE(copies.Shown(other));
  EXPECT_TRUE(copies.AlsoIn(amended).empty());
  // A record that needs review is never a copy (its rows are in review.csv).
  json doubtful = single;
  doubtful["status"] = "needs_review";
  doubtful["source"]["file"] = "a_doubtful.txt";
  EXPECT_TRUE(BesluitCopies({single, doubtful}).Shown(doubtful));
}

TEST(Csv, Rfc4180RecordsEndWithCrlfAndQuoteWhatNeedsIt) {
  EXPECT_EQ(CsvRecord({CsvField("a,b"), CsvField("say \"x\""), CsvField("two\nlines"),
                       CsvNumber(json(5787))}),
            "\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",5787\r\n");
}

TEST(BatchExporters, AnUnwritableFolderIsAnErrorNotACrash) {
  EXPECT_FALSE(Export(SeedRecords(), BatchExporters("/proc/verdeelscan-not-writable")).ok());
}

}  // namespace
}  // namespace verdeelscan
