// The national report over twelve besluiten built as records (the record
// contract), one per province of 2024, that together account for every
// municipality of the reference: every check passes except the 96,002 against
// 96,000 finding, and each mutation gives exactly the failing check naming it.
//
// The records are built directly rather than generated as text dumps and
// read: the generator draws its provinces and figures at random, so it cannot
// guarantee that twelve dumps cover all 342 municipalities with the reference
// figures. The reading of besluiten is tested elsewhere; this tests the
// consolidation of what was read.
#include "pipeline/national.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "validators/reference.h"

namespace verdeelscan {
namespace {

using json = nlohmann::json;

json Allocation(const Municipality& m, long regulier, long amv) {
  return {{"gemeente", m.name}, {"cbs_code", m.cbs_code},   {"regulier", regulier},
          {"amv", amv},         {"totaal", regulier + amv}, {"raw", {{"gemeente", m.name}}}};
}

// A proven besluit of `province` stating the reference opgave (split as the
// reference has it, else 8% amv), its rows sharing it out evenly.
json Besluit(const std::string& province, const std::string& date, const std::string& reference) {
  const Reference& ref = Reference::Default();
  const ProvincialOpgave* o = ref.OpgaveFor(province);
  const long totaal = *o->totaal;
  const long amv = o->amv ? *o->amv : totaal * 8 / 100;
  const long regulier = totaal - amv;
  const std::vector<const Municipality*> ms = ref.InProvince(province);
  const long n = static_cast<long>(ms.size());
  json allocations = json::array();
  for (long i = 0; i < n; ++i) {
    allocations.push_back(Allocation(*ms[i], regulier / n + (i < regulier % n ? 1 : 0),
                                     amv / n + (i < amv % n ? 1 : 0)));
  }
  const long over_r = regulier * 2 / 3, over_a = amv / 2;
  return {{"schema_version", 1},
          {"source",
           {{"file", "besluit_" + province + ".pdf"},
            {"media", "pdf-text"},
            {"pages", 3},
            {"page_range", {1, 3}}}},
          {"kind", "verdeelbesluit"},
          {"status", "valid"},
          {"meta", {{"province", province}, {"date", date}, {"reference", reference}}},
          {"stated",
           {{"opgave", {{"regulier", regulier}, {"amv", amv}}},
            {"overgenomen", {{"regulier", over_r}, {"amv", over_a}}},
            {"restopgave", {{"regulier", regulier - over_r}, {"amv", amv - over_a}}}}},
          {"allocations", allocations},
          {"checks", json::array()}};
}

json& Row(json& besluit, const std::string& gemeente) {
  for (json& a : besluit["allocations"]) {
    if (a["gemeente"] == gemeente) return a;
  }
  throw std::runtime_error("no row " + gemeente);
}

void AddTo(json& row, long regulier, long amv) {
  row["regulier"] = row["regulier"].get<long>() + regulier;
  row["amv"] = row["amv"].get<long>() + amv;
  row["totaal"] = row["totaal"].get<long>() + regulier + amv;
}

// Spreads a change of the column sums over the rows other than `skip`
// (never below zero), so that only the membership of a table changes.
void Compensate(json& besluit, long regulier, long amv, const std::string& skip) {
  for (json& row : besluit["allocations"]) {
    if (row["gemeente"] == skip) continue;
    const long r = std::max(regulier, -row["regulier"].get<long>());
    const long a = std::max(amv, -row["amv"].get<long>());
    AddTo(row, r, a);
    regulier -= r;
    amv -= a;
    if (regulier == 0 && amv == 0) return;
  }
}

// Removes `gemeente`'s row and returns it.
json TakeRow(json& besluit, const std::string& gemeente) {
  json& rows = besluit["allocations"];
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i]["gemeente"] != gemeente) continue;
    json row = rows[i];
    rows.erase(i);
    return row;
  }
  throw std::runtime_error("no row " + gemeente);
}

class NationalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int n = 0;
    for (const std::string& p : Reference::Default().provinces()) {
      besluiten_[p] = Besluit(p, "2024-12-20", "60157" + std::to_string(10 + n++));
    }
    // Zeeland leaves Noord-Beveland out of its table and names it as
    // excluded with its ground; Middelburg carries its share.
    json& zeeland = besluiten_["Zeeland"];
    const json excluded = TakeRow(zeeland, "Noord-Beveland");
    AddTo(Row(zeeland, "Middelburg"), excluded["regulier"], excluded["amv"]);
    zeeland["toelichting"]["excluded"] = {{{"gemeente", "Noord-Beveland"},
                                           {"cbs_code", excluded["cbs_code"]},
                                           {"raw", "Noord-Beveland"},
                                           {"ground", "asielopvang (azc)"}}};
  }

  NationalReport Report() const {
    std::vector<json> records;
    for (const auto& [p, r] : besluiten_) records.push_back(r);
    records.insert(records.end(), extra_.begin(), extra_.end());
    return BuildNationalReport(records);
  }

  // "id [subject]" of every check with this status.
  static std::set<std::string> With(const NationalReport& r, const std::string& status) {
    std::set<std::string> out;
    for (const NationalCheck& c : r.AllChecks()) {
      if (c.status == status) out.insert(c.id + " [" + c.subject + "]");
    }
    return out;
  }

  static const MunicipalityAllocation& Allocated(const NationalReport& r, const std::string& g) {
    for (const MunicipalityAllocation& a : r.cycles.at(0).allocations) {
      if (a.gemeente == g) return a;
    }
    throw std::runtime_error("no allocation " + g);
  }

  // Moves `gemeente` (with its figures) from one besluit to another; with
  // `compensate`, the other rows take up the difference so that only the
  // membership changes.
  void Move(const std::string& gemeente, const std::string& from, const std::string& to,
            bool compensate) {
    json row = TakeRow(besluiten_[from], gemeente);
    besluiten_[to]["allocations"].push_back(row);
    if (!compensate) return;
    Compensate(besluiten_[from], row["regulier"], row["amv"], gemeente);
    Compensate(besluiten_[to], -row["regulier"].get<long>(), -row["amv"].get<long>(), gemeente);
  }

  std::map<std::string, json> besluiten_;
  std::vector<json> extra_;
};

const std::set<std::string> kNationalFinding = {"national.opgave [Nederland]"};

TEST_F(NationalTest, TwelveBesluitenPassEveryCheckButTheNationalFinding) {
  const NationalReport r = Report();
  ASSERT_EQ(r.cycles.size(), 1u);
  EXPECT_EQ(r.cycles[0].cycle, "2024");
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{});
  EXPECT_EQ(With(r, "finding"), kNationalFinding);
  const NationalCheck& national = r.cycles[0].checks.at(0);
  EXPECT_EQ(national.expected, 96000);
  EXPECT_EQ(national.actual, 96002);
  EXPECT_NE(national.detail.find("12 provincial reference figures add up to 96002"),
            std::string::npos);
  // Twelve provinces, all 342 municipalities accounted for.
  long accounted = 0;
  for (const ProvinceSummary& p : r.cycles[0].provinces) {
    accounted += p.accounted;
    EXPECT_EQ(p.accounted, p.municipalities) << p.province;
  }
  EXPECT_EQ(r.cycles[0].provinces.size(), 12u);
  EXPECT_EQ(accounted, 342);
  ASSERT_EQ(r.cycles[0].allocations.size(), 342u);
  const MunicipalityAllocation& dalfsen = Allocated(r, "Dalfsen");
  EXPECT_EQ(dalfsen.province, "Overijssel");
  EXPECT_EQ(dalfsen.totaal, *dalfsen.regulier + *dalfsen.amv);
  EXPECT_EQ(dalfsen.status, "valid");
  const MunicipalityAllocation& excluded = Allocated(r, "Noord-Beveland");
  EXPECT_FALSE(excluded.totaal.has_value());
  EXPECT_EQ(excluded.note, "excluded: asielopvang (azc)");
}

TEST_F(NationalTest, RemovingOneProvincesBesluitFailsOnlyItsBesluitFound) {
  besluiten_.erase("Groningen");
  const NationalReport r = Report();
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{"besluit.found [Groningen]"});
  EXPECT_EQ(With(r, "finding"), std::set<std::string>{});
  EXPECT_EQ(r.cycles[0].checks.at(0).status, "incomplete");
  EXPECT_EQ(Allocated(r, "Groningen").note, "no verdeelbesluit of Groningen found");
}

TEST_F(NationalTest, AMunicipalityListedTwiceFailsNamingIt) {
  json& overijssel = besluiten_["Overijssel"];
  const json dalfsen = Row(overijssel, "Dalfsen");
  overijssel["allocations"].push_back(dalfsen);
  Compensate(overijssel, -dalfsen["regulier"].get<long>(), -dalfsen["amv"].get<long>(), "Dalfsen");
  const NationalReport r = Report();
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{"gemeente.duplicate [Dalfsen (GM0148)]"});
  EXPECT_EQ(With(r, "finding"), kNationalFinding);
  EXPECT_FALSE(Allocated(r, "Dalfsen").totaal.has_value());
}

TEST_F(NationalTest, AMunicipalityInAnotherProvincesBesluitFailsNamingIt) {
  Move("Dalfsen", "Overijssel", "Gelderland", /*compensate=*/true);
  const NationalReport r = Report();
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{"gemeente.wrong_province [Dalfsen (GM0148)]"});
  EXPECT_EQ(With(r, "finding"), kNationalFinding);
  // Not also "missing" from Overijssel: it is accounted for, in the wrong place.
  for (const NationalCheck& c : r.AllChecks()) {
    if (c.id == "gemeente.wrong_province") {
      EXPECT_EQ(c.province, "Gelderland");
    }
  }
}

TEST_F(NationalTest, AMoveWithItsFiguresAlsoBreaksBothProvincesSums) {
  Move("Dalfsen", "Overijssel", "Gelderland", /*compensate=*/false);
  const NationalReport r = Report();
  EXPECT_EQ(With(r, "fail"),
            (std::set<std::string>{"allocations.sum [Gelderland]", "allocations.sum [Overijssel]",
                                   "gemeente.wrong_province [Dalfsen (GM0148)]"}));
}

TEST_F(NationalTest, AMunicipalityNeitherAllocatedNorExcludedFailsNamingIt) {
  const json raalte = TakeRow(besluiten_["Overijssel"], "Raalte");
  Compensate(besluiten_["Overijssel"], raalte["regulier"], raalte["amv"], "Raalte");
  const NationalReport r = Report();
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{"gemeente.missing [Raalte (GM0177)]"});
}

TEST_F(NationalTest, ChangingOneTotalFailsTheProvincesSum) {
  AddTo(Row(besluiten_["Overijssel"], "Dalfsen"), 10, 0);
  const NationalReport r = Report();
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{"allocations.sum [Overijssel]"});
  for (const NationalCheck& c : r.AllChecks()) {
    if (c.status != "fail") continue;
    EXPECT_EQ(c.detail,
              "allocations against the stated opgave: regulier 5797 against 5787; totaal 6335 "
              "against 6325");
  }
}

TEST_F(NationalTest, AnAmendedBesluitIsCountedAndItsDifferencesListed) {
  json amended = besluiten_["Overijssel"];
  amended["meta"]["date"] = "2025-03-01";  // still the 2024 cycle
  amended["meta"]["reference"] = "6200001";
  amended["source"]["file"] = "wijzigingsbesluit_Overijssel.pdf";
  AddTo(Row(amended, "Dalfsen"), 5, 0);
  AddTo(Row(amended, "Raalte"), -5, 0);
  extra_.push_back(amended);
  const NationalReport r = Report();
  ASSERT_EQ(r.cycles.size(), 1u);
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{});
  EXPECT_EQ(With(r, "finding"),
            (std::set<std::string>{"besluit.amended [Overijssel]", "national.opgave [Nederland]"}));
  for (const ProvinceSummary& p : r.cycles[0].provinces) {
    if (p.province != "Overijssel") continue;
    ASSERT_EQ(p.besluiten.size(), 2u);
    EXPECT_EQ(p.besluiten[0].role, "superseded");
    EXPECT_EQ(p.besluiten[1].role, "counted");
    EXPECT_EQ(p.besluiten[1].reference, "6200001");
    for (const NationalCheck& c : p.checks) {
      if (c.id != "besluit.amended") continue;
      EXPECT_NE(c.detail.find("Dalfsen "), std::string::npos) << c.detail;
      EXPECT_NE(c.detail.find("Raalte "), std::string::npos) << c.detail;
      EXPECT_EQ(c.detail.find("Zwolle"), std::string::npos) << c.detail;
    }
  }
  const json& dalfsen_before = Row(besluiten_["Overijssel"], "Dalfsen");
  EXPECT_EQ(Allocated(r, "Dalfsen").regulier, dalfsen_before["regulier"].get<long>() + 5);
  EXPECT_EQ(Allocated(r, "Dalfsen").besluit_reference, "6200001");
}

TEST_F(NationalTest, TheSameBesluitInTwoFilesIsACopyNotADuplicate) {
  json copy = besluiten_["Utrecht"];
  copy["source"]["file"] = "woo_release_utrecht.pdf";
  extra_.push_back(copy);
  const NationalReport r = Report();
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{});
}

TEST_F(NationalTest, TwoProvenReadingsOfOneDateThatDifferConflict) {
  json other = besluiten_["Limburg"];
  other["source"]["file"] = "other_scan_limburg.pdf";
  json& first = other["allocations"][0];
  json& second = other["allocations"][1];
  AddTo(first, 3, 0);
  AddTo(second, -3, 0);
  extra_.push_back(other);
  EXPECT_EQ(With(Report(), "fail"), std::set<std::string>{"besluit.conflict [Limburg]"});
  // The same other reading left for review is shown, not counted: no conflict.
  extra_.back()["status"] = "needs_review";
  EXPECT_EQ(With(Report(), "fail"), std::set<std::string>{});
}

TEST_F(NationalTest, ATableLeftForReviewFailsItsStatusAndGivesNoFigures) {
  besluiten_["Drenthe"]["status"] = "needs_review";
  besluiten_["Drenthe"]["checks"] = {{{"id", "column_sum.regulier"}, {"status", "fail"}}};
  const NationalReport r = Report();
  EXPECT_EQ(With(r, "fail"), std::set<std::string>{"besluit.status [Drenthe]"});
  EXPECT_FALSE(Allocated(r, "Assen").regulier.has_value());
  EXPECT_NE(Allocated(r, "Assen").note.find("needs_review"), std::string::npos);
}

TEST(NationalCycleTest, TheCycleComesFromTheBesluitsDate) {
  EXPECT_EQ(CycleOf("2024-12-20"), "2024");
  EXPECT_EQ(CycleOf("2025-06-30"), "2024");  // an amendment within the cycle
  EXPECT_EQ(CycleOf("2026-03-01"), "2026");
  EXPECT_EQ(CycleOf("2023-11-01"), "2023");  // before any known estimate
  EXPECT_EQ(CycleOf("2031-01-01"), "2031");  // long after the last one
  EXPECT_EQ(CycleOf(""), "");
  EXPECT_EQ(CycleOf("20 december"), "");
}

TEST(NationalCycleTest, ACycleWithoutReferenceFiguresSaysNoReference) {
  json b = {{"kind", "verdeelbesluit"},
            {"status", "valid"},
            {"meta", {{"province", "Utrecht"}, {"date", "2026-12-18"}}},
            {"allocations", json::array()}};
  const NationalReport r = BuildNationalReport({b});
  ASSERT_EQ(r.cycles.size(), 1u);
  EXPECT_EQ(r.cycles[0].cycle, "2026");
  EXPECT_EQ(r.cycles[0].checks.at(0).status, "no_reference");
  for (const ProvinceSummary& p : r.cycles[0].provinces) {
    for (const NationalCheck& c : p.checks) {
      if (c.id == "opgave.reference") {
        EXPECT_EQ(c.status, "no_reference") << p.province;
      }
    }
  }
}

TEST(NationalFilesTest, ReadsABatchFolderAndWritesBothCsvFiles) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("national_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "records.jsonl");
    out << Besluit("Flevoland", "2024-12-20", "6015799").dump() << "\n"
        << json{{"kind", "email"}, {"status", "valid"}}.dump() << "\n";
  }
  auto records = ReadRecordsJsonl(dir.string());
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 2u);
  ASSERT_TRUE(WriteNationalFiles(*records, dir.string()).ok());
  std::ifstream national(dir / "national.csv"), allocations(dir / "allocations_national.csv");
  std::string line;
  int national_rows = 0, allocation_rows = 0;
  while (std::getline(national, line)) ++national_rows;
  while (std::getline(allocations, line)) ++allocation_rows;
  EXPECT_EQ(national_rows, 1 + 12 + 1);  // header, provinces, Nederland
  EXPECT_EQ(allocation_rows, 1 + 342);   // header, every municipality
  {
    std::ofstream out(dir / "records.jsonl", std::ios::app);
    out << "not json\n";
  }
  auto bad = ReadRecordsJsonl(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("line 3"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verdeelscan
