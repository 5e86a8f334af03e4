// The national picture: the verdeelbesluiten of one cycle, consolidated over
// the twelve provinces and checked against the national figures.
//
// Input is records as the record contract has them (records.jsonl of one or
// more batch folders), so the report depends only on that stable contract.
// Per cycle (the capaciteitsraming in force on the besluit's date, see
// reference/capaciteitsraming.csv; the calendar year of the date when no
// cycle is known) it answers: has every province's besluit been found, does
// its opgave match the reference, do its allocations add up to its opgave,
// do overgenomen + restopgave make the opgave, is every municipality of the
// country accounted for exactly once (allocated, or excluded with its
// ground), and do the provinces add up to the national estimate.
//
// Check statuses: "pass"; "fail" (the consolidated picture is wrong here);
// "finding" (sources contradict each other, e.g. a besluit against the
// reference, or the provincial figures against the national one; reported,
// never smoothed over); "no_reference" (no reference figure for this cycle or
// province); "not_stated" (the besluit does not state the figure);
// "incomplete" (a national sum over provinces of which some have no besluit,
// whose absence is the failing check).
#ifndef VERDEELSCAN_PIPELINE_NATIONAL_H_
#define VERDEELSCAN_PIPELINE_NATIONAL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

struct lxw_workbook;

namespace verdeelscan {

struct NationalCheck {
  std::string id;        // "besluit.found", "allocations.sum", "gemeente.missing", ...
  std::string province;  // "" for a national check
  std::string subject;   // what it names: a province, or "Dalfsen (GM0148)"
  std::string status;    // see the file comment
  nlohmann::json expected, actual;
  std::string detail;
};

struct Figures {
  std::optional<long> regulier, amv, totaal;
  bool any() const { return regulier || amv || totaal; }
};

// One verdeelbesluit record seen for a province and cycle.
struct BesluitSeen {
  std::string file, pages, date, reference, status;
  // "counted"; "superseded" (an earlier besluit, amended by the counted one);
  // "copy" (the same besluit read from another file, same figures);
  // "other_reading" (same date, other figures or a weaker status).
  std::string role;
};

struct ProvinceSummary {
  std::string province;
  std::vector<BesluitSeen> besluiten;  // in date order
  Figures stated;                      // the counted besluit's opgave (totaal = regulier + amv)
  Figures reference;                   // the reference figure of the cycle, if any
  Figures allocated;                   // the counted besluit's column sums
  Figures overgenomen_plus_restopgave;
  long municipalities = 0;  // in the reference list for this province
  long accounted = 0;       // of which allocated or excluded exactly once here
  std::vector<NationalCheck> checks;
};

// One row of allocations_national.csv: the allocation engine's input.
struct MunicipalityAllocation {
  std::string cbs_code, gemeente, province;
  std::optional<long> regulier, amv, totaal;  // only from a proven table
  std::string besluit_reference, besluit_date, status;
  std::string document_id;  // the besluit's record (pipeline/exports_besluit.h)
  std::string note;         // why there is no proven figure
};

struct NationalCycle {
  std::string cycle;  // "2024"
  std::vector<ProvinceSummary> provinces;
  std::vector<NationalCheck> checks;  // national ones
  Figures stated_total;               // sum of the provinces' opgave
  std::optional<long> national_reference;
  std::vector<MunicipalityAllocation> allocations;
};

struct NationalReport {
  std::vector<NationalCycle> cycles;
  // Verdeelbesluit records that cannot be placed (no date or no province).
  std::vector<std::string> unplaced;
  // Every check of every cycle, provinces first.
  std::vector<NationalCheck> AllChecks() const;
  bool AnyFail() const;
};

// The cycle of a besluit dated `iso_date` ("2024-12-20"): the latest
// capaciteitsraming published on or before it, else the date's year; "" when
// the date cannot be read.
std::string CycleOf(const std::string& iso_date);

NationalReport BuildNationalReport(const std::vector<nlohmann::json>& records);

// The records of a batch folder (DIR/records.jsonl) or of a .jsonl file. A
// line that is not a JSON object is an error naming the file and line.
StatusOr<std::vector<nlohmann::json>> ReadRecordsJsonl(const std::string& dir_or_file);

nlohmann::json ToJson(const NationalReport& report);
// national.csv: per cycle one row per besluit seen (the counted one with the
// province's figures and checks), then the national row.
std::string NationalCsv(const NationalReport& report);
// allocations_national.csv: per cycle one row per municipality.
std::string AllocationsNationalCsv(const NationalReport& report);
// A plain-text report for a terminal.
std::string NationalText(const NationalReport& report);

// Writes DIR/national.csv and DIR/allocations_national.csv (each through
// NAME.tmp and a rename) for `records`.
Status WriteNationalFiles(const std::vector<nlohmann::json>& records, const std::string& dir);
// Adds a "National" sheet (every province row and check) to a workbook.
void AddNationalSheet(lxw_workbook* workbook, const std::vector<nlohmann::json>& records);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_NATIONAL_H_
