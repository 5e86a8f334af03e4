// The files a batch leaves for its users, all regenerated from the catalogue
// (pipeline/catalogue.h) so that they are identical however the batch got
// there (one run, a killed and resumed run, or merged shards):
//   records.jsonl    every record (the record contract), in path order;
//   allocations.csv  for the allocation engine: only valid/repaired tables;
//   review.csv       needs_review tables, with the doubtful cells named;
//   allocations.xlsx for auditors: one sheet per province, repaired cells
//                    highlighted with their corrections as comments, and a
//                    summary sheet with every check.
// Each file is written to NAME.tmp and renamed, so a reader never sees half.
#ifndef VERDEELSCAN_PIPELINE_EXPORTS_H_
#define VERDEELSCAN_PIPELINE_EXPORTS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/catalogue.h"

namespace verdeelscan {

// Records go out with the checks that span files of the batch added
// (AddCrossFileChecks), so an IBT letter in one file is compared with the
// verdeelbesluit in another.
Status WriteExports(Catalogue& catalogue, const std::string& dir);

// The cross-document checks of extractors/letters (CrossCheckRecords: an IBT
// letter's wettelijke taak against the gemeente's allocation, a cover letter's
// date against its besluit) over stored records of different files; a check
// already made inside one file is not repeated.
void AddCrossFileChecks(std::vector<nlohmann::json>& records);

// CSV field quoting (RFC 4180).
std::string CsvField(const std::string& s);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_EXPORTS_H_
