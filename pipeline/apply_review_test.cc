#include "pipeline/apply_review.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/batch.h"
#include "pipeline/extract.h"
#include "pipeline/verdeelbesluit.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSamples = fs::path(VERDEELSCAN_SOURCE_DIR) / "samples";
const fs::path kSeed001 = kSamples / "seeds" / "001_6cd23678e9073bd3.txt";
const fs::path kUnmatched = kSamples / "regressions" / "besluit_unmatched_name.txt";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The text inputs of samples/ (the scans and formats: tests/apply_review_test).
std::vector<fs::path> TextSamples() {
  std::vector<fs::path> out;
  for (const char* dir : {"seeds", "dumps", "letters", "regressions"})
    for (const auto& e : fs::directory_iterator(kSamples / dir))
      if (e.path().extension() == ".txt") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

Record Besluit(const fs::path& path) {
  for (Record& r : ExtractFile(path.string(), {}))
    if (r.kind == DocumentKind::kVerdeelbesluit) return r;
  ADD_FAILURE() << "no verdeelbesluit in " << path;
  return {};
}

size_t RowOf(const Record& r, const std::string& gemeente) {
  for (size_t i = 0; i < r.allocations.size(); ++i)
    if (r.allocations[i].gemeente == gemeente) return i;
  ADD_FAILURE() << gemeente << " not in the table";
  return 0;
}

ReviewDecision Decide(const Record& r, size_t row, const std::string& field, json value) {
  ReviewDecision d;
  d.record = RecordKey(r.source);
  d.file = r.source.file;
  d.row = static_cast<long>(row);
  d.gemeente_raw = r.allocations[row].raw.at("gemeente");
  d.field = field;
  d.value = std::move(value);
  d.action = "edit";
  d.decided_at = "2026-12-05T13:09:41Z";
  return d;
}

const Check* FindCheck(const Record& r, const std::string& id) {
  for (const Check& c : r.checks)
    if (c.id == id) return &c;
  return nullptr;
}

// ToJson(RecordFromJson(j)) == j over every record the text samples yield,
// and running the checks again on a record no reviewer touched changes
// nothing: the recheck is the same code as the first check.
TEST(RecordFromJson, EveryRecordOfTheTextSamplesReadsBackAndChecksTheSame) {
  int records = 0, besluiten = 0;
  for (const fs::path& path : TextSamples()) {
    for (const Record& machine : ExtractFile(path.string(), {})) {
      SCOPED_TRACE(path.filename().string() + " " + std::string(ToString(machine.kind)));
      const json j = ToJson(machine);
      StatusOr<Record> back = RecordFromJson(json::parse(j.dump()));
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_EQ(ToJson(*back), j);
      RecheckVerdeelbesluit(*back);
      EXPECT_EQ(ToJson(*back), j);
      ++records;
      besluiten += machine.kind == DocumentKind::kVerdeelbesluit;
    }
  }
  EXPECT_GT(records, 40);
  EXPECT_GT(besluiten, 15);
}

TEST(RecordFromJson, AFieldOfTheWrongTypeIsNamed) {
  json j = ToJson(Besluit(kSeed001));
  j["allocations"][3]["regulier"] = "142";
  StatusOr<Record> r = RecordFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("allocations.3.regulier"), std::string::npos)
      << r.status().message();
}

// Seed 001 is repaired; a reviewer confirming a cell makes it reviewed.
TEST(ApplyDecisions, AConfirmedCellIsAReviewerCorrectionAndTheTableIsReviewed) {
  Record r = Besluit(kSeed001);
  ASSERT_EQ(r.status, RecordStatus::kRepaired);
  const size_t dalfsen = RowOf(r, "Dalfsen");
  bool changed = false;
  ASSERT_TRUE(ApplyDecisions(r, {Decide(r, dalfsen, "regulier", 142)}, "J. Jansen", changed).ok());
  EXPECT_TRUE(changed);
  EXPECT_EQ(r.status, RecordStatus::kReviewed);
  const Correction& c = r.allocations[dalfsen].corrections.back();
  EXPECT_EQ(ToJson(r)["allocations"][dalfsen]["corrections"].back(),
            json({{"field", "regulier"},
                  {"from", 142},
                  {"to", 142},
                  {"reason", "reviewer"},
                  {"reviewer", "J. Jansen"},
                  {"decided_at", "2026-12-05T13:09:41Z"}}));
  EXPECT_TRUE(c.by_reviewer());
  const Check* complete = FindCheck(r, "review.complete");
  ASSERT_NE(complete, nullptr);
  EXPECT_EQ(complete->status, CheckStatus::kPass);
  // The finding of seed 001 (15 receivers stated, 16 listed) stays a finding.
  ASSERT_NE(FindCheck(r, "restopgave.count.amv"), nullptr);
  EXPECT_EQ(FindCheck(r, "restopgave.count.amv")->status, CheckStatus::kFinding);
  // The same decision again changes nothing.
  const json once = ToJson(r);
  ASSERT_TRUE(ApplyDecisions(r, {Decide(r, dalfsen, "regulier", 142)}, "J. Jansen", changed).ok());
  EXPECT_FALSE(changed);
  EXPECT_EQ(ToJson(r), once);
}

TEST(ApplyDecisions, ADecisionThatBreaksASumIsRefusedAndChangesNothing) {
  Record r = Besluit(kSeed001);
  const json machine = ToJson(r);
  const size_t dalfsen = RowOf(r, "Dalfsen");
  bool changed = false;
  // The row: regulier alone.
  Status row = ApplyDecisions(r, {Decide(r, dalfsen, "regulier", 150)}, "", changed);
  EXPECT_EQ(row.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(row.message().find("row_sum"), std::string::npos) << row.message();
  EXPECT_NE(row.message().find("(Dalfsen) regulier"), std::string::npos) << row.message();
  // The column: the row adds up, the regulier column no longer does.
  Status column = ApplyDecisions(
      r, {Decide(r, dalfsen, "regulier", 150), Decide(r, dalfsen, "totaal", 176)}, "", changed);
  EXPECT_EQ(column.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(column.message().find("column_sum.regulier: expected 5787, actual 5795"),
            std::string::npos)
      << column.message();
  EXPECT_EQ(ToJson(r), machine);
}

TEST(ApplyDecisions, ADecisionThatDoesNotFitTheRecordIsRefused) {
  Record r = Besluit(kSeed001);
  bool changed = false;
  ReviewDecision out_of_range = Decide(r, 0, "amv", 1);
  out_of_range.row = 99;
  EXPECT_NE(ApplyDecisions(r, {out_of_range}, "", changed).message().find("out of range"),
            std::string::npos);
  ReviewDecision moved = Decide(r, 0, "amv", r.allocations[0].amv);
  moved.gemeente_raw = "Ommen";
  EXPECT_NE(ApplyDecisions(r, {moved}, "", changed).message().find("gemeente_raw mismatch"),
            std::string::npos);
  // Amsterdam is not a gemeente of Overijssel.
  EXPECT_NE(ApplyDecisions(r, {Decide(r, 0, "gemeente", "GM0363")}, "", changed)
                .message()
                .find("Noord-Holland"),
            std::string::npos);
}

TEST(ParseReviewDecisions, NamesWhatIsWrong) {
  auto error = [](const std::string& decision) {
    const std::string file =
        R"({"format": "verdeelscan-review-decisions", "version": 1, "decisions": [)" + decision +
        "]}";
    StatusOr<ReviewDecisions> d = ParseReviewDecisions(file);
    return d.ok() ? std::string("ok") : d.status().message();
  };
  const std::string good =
      R"({"record": "ab:l1-2", "row": 7, "gemeente_raw": "Dalfsen", "field": "regulier", )"
      R"("value": 142, "action": "accept", "decided_at": "2026-12-05T13:09:41Z"})";
  EXPECT_EQ(error(good), "ok");
  std::string text = good;
  text.replace(text.find("142"), 3, "\"142\"");
  EXPECT_NE(error(text).find("not a non-negative integer"), std::string::npos) << error(text);
  std::string field = good;
  field.replace(field.find("regulier"), 8, "aantal");
  EXPECT_NE(error(field).find("unknown field \"aantal\""), std::string::npos) << error(field);
  std::string code = good;
  code.replace(code.find("\"regulier\", \"value\": 142"), 24, R"("gemeente", "value": "GM9999")");
  EXPECT_NE(error(code).find("not a CBS code"), std::string::npos) << error(code);
  EXPECT_NE(error(good + "," + std::string(good).replace(good.find("142"), 3, "143"))
                .find("two decisions"),
            std::string::npos);
  EXPECT_FALSE(ParseReviewDecisions(R"({"format": "other", "version": 1})").ok());
}

// A table that needs review: an unmatched name, decided by the reviewer.
TEST(ApplyDecisions, AGemeenteDecisionTakesItsNameAndCodeFromTheCbsList) {
  Record r = Besluit(kUnmatched);
  ASSERT_EQ(r.status, RecordStatus::kNeedsReview);
  size_t row = 0;
  while (row < r.allocations.size() && !r.allocations[row].cbs_code.empty()) ++row;
  ASSERT_LT(row, r.allocations.size());
  bool changed = false;
  // Goes (GM0664): a Zeeland gemeente the table does not list.
  Status s = ApplyDecisions(r, {Decide(r, row, "gemeente", "GM0664")}, "", changed);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(r.allocations[row].gemeente, "Goes");
  EXPECT_EQ(r.allocations[row].cbs_code, "GM0664");
  const auto& doubtful = r.allocations[row].doubtful;
  EXPECT_EQ(std::count(doubtful.begin(), doubtful.end(), "gemeente"), 0);
  ASSERT_NE(FindCheck(r, "names.matched"), nullptr);
  EXPECT_EQ(FindCheck(r, "names.matched")->status, CheckStatus::kPass);
}

// A batch folder: apply, refuse with nothing written, apply again, a
// second review, a batch rerun that reads the file again.
class ApplyReviewFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("verdeelscan_review_" + std::to_string(getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
    fs::copy_file(kSeed001, root_ / "in" / kSeed001.filename());
    BatchOptions o;
    o.inputs = {(root_ / "in").string()};
    o.out_dir = out().string();
    o.jobs = 1;
    ASSERT_TRUE(RunBatch(o).ok());
    for (const json& j : Records())
      if (j["kind"] == "verdeelbesluit") besluit_ = *RecordFromJson(j);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path out() const { return root_ / "out"; }
  std::vector<json> Records() const {
    std::vector<json> out;
    std::istringstream in(Slurp(root_ / "out" / "records.jsonl"));
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }
  json StoredBesluit() const {
    for (const json& j : Records())
      if (j["kind"] == "verdeelbesluit") return j;
    return {};
  }
  std::string Write(const std::string& name, const std::vector<ReviewDecision>& decisions,
                    const std::string& reviewer = "J. Jansen") {
    json list = json::array();
    for (const ReviewDecision& d : decisions) {
      list.push_back({{"record", d.record},
                      {"file", d.file},
                      {"row", d.row},
                      {"gemeente_raw", d.gemeente_raw},
                      {"field", d.field},
                      {"value", d.value},
                      {"action", d.action},
                      {"decided_at", d.decided_at}});
    }
    const fs::path p = root_ / name;
    std::ofstream(p) << json({{"format", "verdeelscan-review-decisions"},
                              {"version", 1},
                              {"reviewer", reviewer},
                              {"saved_at", "2026-12-05T13:10:00Z"},
                              {"decisions", list}})
                            .dump(1);
    return p.string();
  }
  std::string Outputs() const {
    std::string all;
    for (const char* f : {"catalogue.sqlite", "records.jsonl", "allocations.csv", "review.csv"})
      all += Slurp(root_ / "out" / f) + "\n--\n";
    return all;
  }
  fs::path root_;
  Record besluit_;
};

TEST_F(ApplyReviewFolder, AppliesRefusesIsIdempotentAndASecondReviewStartsFromTheFirst) {
  const size_t dalfsen = RowOf(besluit_, "Dalfsen"), ommen = RowOf(besluit_, "Ommen");
  const std::string before = Outputs();
  const std::string breaking = Write("breaking.json", {Decide(besluit_, dalfsen, "regulier", 150),
                                                       Decide(besluit_, dalfsen, "totaal", 176)});
  StatusOr<ApplyReviewSummary> refused = ApplyReview(out().string(), breaking);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("column_sum.regulier"), std::string::npos);
  EXPECT_EQ(Outputs(), before);
  ReviewDecision unknown = Decide(besluit_, dalfsen, "regulier", 142);
  unknown.record = "0000:l1-2";
  StatusOr<ApplyReviewSummary> no_record =
      ApplyReview(out().string(), Write("unknown.json", {unknown}));
  EXPECT_NE(no_record.status().message().find("unknown record key 0000:l1-2"), std::string::npos);
  EXPECT_EQ(Outputs(), before);

  const std::string first = Write("first.json", {Decide(besluit_, dalfsen, "regulier", 142)});
  StatusOr<ApplyReviewSummary> applied = ApplyReview(out().string(), first);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(applied->records_reviewed, 1);
  EXPECT_EQ(StoredBesluit()["status"], "reviewed");
  EXPECT_NE(Slurp(out() / "allocations.csv").find(",reviewed,Dalfsen,GM0148,142,26,168,"),
            std::string::npos);
  const std::string once = Outputs();
  StatusOr<ApplyReviewSummary> again = ApplyReview(out().string(), first);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->records_changed, 0);
  EXPECT_EQ(Outputs(), once);

  // A second review, by another reviewer, starts from the first.
  const std::string second =
      Write("second.json", {Decide(besluit_, ommen, "amv", besluit_.allocations[ommen].amv)},
            "P. de Vries");
  ASSERT_TRUE(ApplyReview(out().string(), second).ok());
  const json reviewed = StoredBesluit();
  EXPECT_EQ(reviewed["allocations"][dalfsen]["corrections"].back()["reviewer"], "J. Jansen");
  EXPECT_EQ(reviewed["allocations"][ommen]["corrections"].back()["reviewer"], "P. de Vries");

  // The catalogue keeps the machine reading and both decisions.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((out() / "catalogue.sqlite").c_str(), &db), SQLITE_OK);
  auto one = [&](const char* sql) {
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &q, nullptr);
    std::string v = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0)
                        ? reinterpret_cast<const char*>(sqlite3_column_text(q, 0))
                        : "";
    sqlite3_finalize(q);
    return v;
  };
  EXPECT_EQ(one("SELECT COUNT(*) FROM reviews"), "2");
  EXPECT_EQ(one("SELECT reviewer FROM reviews ORDER BY seq LIMIT 1"), "J. Jansen");
  EXPECT_EQ(json::parse(one("SELECT machine_json FROM records WHERE kind = 'verdeelbesluit'")),
            ToJson(besluit_));
  EXPECT_EQ(one("SELECT status FROM records WHERE kind = 'verdeelbesluit'"), "reviewed");
  // A batch that reads the file again (as a new version would) applies both
  // decisions again.
  ASSERT_EQ(sqlite3_exec(db, "UPDATE files SET version = 'older'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  BatchOptions o;
  o.inputs = {(root_ / "in").string()};
  o.out_dir = out().string();
  StatusOr<BatchSummary> rerun = RunBatch(o);
  ASSERT_TRUE(rerun.ok());
  EXPECT_EQ(rerun->files_done, 1);
  EXPECT_EQ(rerun->tables_reviewed, 1);
  EXPECT_EQ(StoredBesluit(), reviewed);
}

// A decision that no longer fits a new reading of the file is not dropped
// silently: the record needs review with the check review.reapplied.
TEST_F(ApplyReviewFolder, AReadingTheDecisionsNoLongerFitIsFlagged) {
  const size_t dalfsen = RowOf(besluit_, "Dalfsen");
  ASSERT_TRUE(
      ApplyReview(out().string(), Write("d.json", {Decide(besluit_, dalfsen, "regulier", 142)}))
          .ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((out() / "catalogue.sqlite").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE reviews SET gemeente_raw = 'Ommen'; UPDATE files SET version = "
                         "'older'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  BatchOptions o;
  o.inputs = {(root_ / "in").string()};
  o.out_dir = out().string();
  ASSERT_TRUE(RunBatch(o).ok());
  const json j = StoredBesluit();
  EXPECT_EQ(j["status"], "needs_review");
  bool flagged = false;
  for (const json& c : j["checks"])
    flagged |= c["id"] == "review.reapplied" && c["status"] == "fail" &&
               c["detail"].get<std::string>().find("gemeente_raw mismatch") != std::string::npos;
  EXPECT_TRUE(flagged) << j["checks"].dump(1);
}

// merge carries a shard's reviewed records, machine readings and decisions.
TEST_F(ApplyReviewFolder, MergeKeepsTheReviews) {
  const size_t dalfsen = RowOf(besluit_, "Dalfsen");
  ASSERT_TRUE(
      ApplyReview(out().string(), Write("d.json", {Decide(besluit_, dalfsen, "regulier", 142)}))
          .ok());
  ASSERT_TRUE(MergeBatches({out().string()}, (root_ / "merged").string()).ok());
  EXPECT_EQ(Slurp(root_ / "merged" / "records.jsonl"), Slurp(out() / "records.jsonl"));
  StatusOr<std::unique_ptr<Catalogue>> merged =
      Catalogue::Open((root_ / "merged" / "catalogue.sqlite").string());
  ASSERT_TRUE(merged.ok());
  StatusOr<std::vector<ReviewRow>> reviews =
      (*merged)->ReviewsOf((root_ / "in" / kSeed001.filename()).string());
  ASSERT_TRUE(reviews.ok());
  ASSERT_EQ(reviews->size(), 1u);
  EXPECT_EQ((*reviews)[0].reviewer, "J. Jansen");
  EXPECT_EQ((*reviews)[0].previous, 142);
  int machine = 0;
  ASSERT_TRUE(
      (*merged)
          ->ForEachStoredRecord([&](const StoredRecord& r) { machine += !r.machine.is_null(); })
          .ok());
  EXPECT_EQ(machine, 1);
}

// A version-2 catalogue (before machine_json and reviews, allocations and
// runs) is upgraded in place when apply-review opens it.
TEST_F(ApplyReviewFolder, AVersion2CatalogueIsUpgraded) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((out() / "catalogue.sqlite").c_str(), &db), SQLITE_OK);
  for (const char* sql : {"DROP TABLE reviews", "ALTER TABLE records DROP COLUMN machine_json",
                          "DROP TABLE allocations", "DROP TABLE runs", "PRAGMA user_version = 2"})
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  sqlite3_close(db);
  const size_t dalfsen = RowOf(besluit_, "Dalfsen");
  StatusOr<ApplyReviewSummary> s =
      ApplyReview(out().string(), Write("d.json", {Decide(besluit_, dalfsen, "regulier", 142)}));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(StoredBesluit()["status"], "reviewed");
  ASSERT_EQ(sqlite3_open((out() / "catalogue.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(q, 0), Catalogue::kSchemaVersion);
  sqlite3_finalize(q);
  // The allocations table is filled from the stored records, the reviewed
  // cell as decided.
  sqlite3_prepare_v2(db, "SELECT status, regulier FROM allocations WHERE gemeente = 'Dalfsen'", -1,
                     &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 0))), "reviewed");
  EXPECT_EQ(sqlite3_column_int(q, 1), 142);
  sqlite3_finalize(q);
  sqlite3_close(db);
}

}  // namespace
}  // namespace verdeelscan
