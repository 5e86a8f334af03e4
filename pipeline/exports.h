// The outputs made from records, each one Exporter (below):
//   records.jsonl    every record (the record contract), in path order;
//   allocations.csv  for the allocation engine: only valid/repaired/reviewed
//                    tables, every row keyed by its besluit, one besluit
//                    found in several files once (pipeline/exports_besluit.h);
//   review.csv       needs_review tables, with the doubtful cells named;
//   allocations.xlsx for auditors and analysts: a summary sheet with every
//                    check, one sheet per province, a corrections sheet
//                    (pipeline/exports_xlsx.h);
//   review.html      for auditors: every repaired or doubtful cell beside
//                    the crop of the page it was read from, keyboard review
//                    and a decisions file (pipeline/review_page.h);
//   standard output  extract's JSON or JSONL (JsonExporter on std::cout).
// A batch's files are all regenerated from the catalogue
// (pipeline/catalogue.h) so that they are identical however the batch got
// there (one run, a killed and resumed run, or merged shards). Each file is
// written to NAME.tmp and renamed once every output is complete, so a reader
// never sees half. A new output is one more Exporter, added to
// BatchExporters.
//
// Not exporters: the catalogue (the batch's store, from which these are
// regenerated; it keeps a file's bookkeeping, not only its records) and the
// searchable PDF (made page by page during OCR from the page images, which
// no record holds; ScanOptions::searchable_pdf).
#ifndef VERDEELSCAN_PIPELINE_EXPORTS_H_
#define VERDEELSCAN_PIPELINE_EXPORTS_H_

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/catalogue.h"
#include "pipeline/exports_besluit.h"

namespace verdeelscan {

// An extra exporter called with every record before it is written (tests
// inject a throwing one; a site may add its own output). It may throw.
using RecordHook = std::function<void(const nlohmann::json& record)>;

// One output made from records. Every record goes to every exporter in two
// steps, so that it goes out whole in every output or not at all: Render
// (may throw; the record is then replaced by its failed record in every
// output) and Add. Exporters read records defensively: a field missing or of
// another type is an empty cell, never an exception.
class Exporter {
 public:
  virtual ~Exporter() = default;
  // Opens the output; an error when it cannot be written.
  virtual Status Begin() = 0;
  // This output's share of `record`, in memory until Add; replaces the share
  // rendered before. May throw.
  virtual void Render(const nlohmann::json& record) = 0;
  // Writes the share rendered last.
  virtual void Add() = 0;
  // Completes the output (a file still under its temporary name); an error
  // when it could not be written.
  virtual Status Finish() = 0;
  // Makes a finished output visible (a file renamed to its final name);
  // called once every output has finished.
  virtual Status Commit() { return Status::OK(); }
};

// The batch's output files in `dir` (records.jsonl, allocations.csv,
// review.csv, allocations.xlsx with its National sheet, national.csv and
// allocations_national.csv, review.html), in that order.
// `copies` says which besluit records are copies of another, whose rows are
// not repeated (none when null).
std::vector<std::unique_ptr<Exporter>> BatchExporters(
    const std::string& dir, std::shared_ptr<const BesluitCopies> copies = nullptr);

// extract's output on `out`: JSONL (one record per line, flushed as it is
// added), or JSON (at Finish: one object for one record, else an array).
std::unique_ptr<Exporter> JsonExporter(std::ostream& out, bool jsonl);

// Every record through every output: Begin, then Render and Add per record
// (`hook` first; a record that cannot be rendered, or that `hook` throws on,
// goes out as a failed record of its file naming the error), then Finish and
// Commit. An error only when an output cannot be written.
Status Export(const std::vector<nlohmann::json>& records,
              const std::vector<std::unique_ptr<Exporter>>& outputs, const RecordHook& hook = {});

// Records go out with the checks that span files of the batch added
// (AddCrossFileChecks), so an IBT letter in one file is compared with the
// verdeelbesluit in another, through BatchExporters and Export. An error is
// returned only when a file cannot be written or the catalogue cannot be read.
Status WriteExports(Catalogue& catalogue, const std::string& dir, const RecordHook& hook = {});

// Renders `record` through every per-record exporter into nothing, and calls
// `hook`: throws what an export of it would throw. The batch calls it before
// cataloguing a file, so an export error becomes that file's failed record.
void CheckExportable(const nlohmann::json& record, const RecordHook& hook);

// The failed record that stands for `record` when it cannot be read or
// exported: same source, status "failed", error `why`.
nlohmann::json FailedRecordLike(const nlohmann::json& record, const std::string& why);

// json::dump that never throws: a string that is not UTF-8 is written with
// U+FFFD (a last safety net; names are made lossless before, see ToJson).
std::string SafeDump(const nlohmann::json& j, int indent = -1);

// The cross-document checks of extractors/letters (CrossCheckRecords: an IBT
// letter's wettelijke taak against the gemeente's allocation, a cover letter's
// date against its besluit) over stored records of different files; a check
// already made inside one file is not repeated.
void AddCrossFileChecks(std::vector<nlohmann::json>& records);

// A text cell of a CSV: a leading = + - @, tab or CR gets a leading ' so that
// a spreadsheet shows it as text instead of running it as a formula (OWASP
// "CSV injection"), then RFC 4180 quoting. Numbers go through CsvNumber and
// are never prefixed (a negative number stays a number).
std::string CsvField(const std::string& s);
// A JSON number as a CSV number; any other value is a text cell (CsvField).
std::string CsvNumber(const nlohmann::json& v);
// One CSV record: the fields (already CsvField/CsvNumber) joined by commas,
// ended by CRLF (RFC 4180).
std::string CsvRecord(const std::vector<std::string>& fields);
// allocations.csv's columns: the besluit key (province, besluit_date,
// reference, document_id, status), then gemeente, cbs_code, regulier, amv,
// totaal, source_file, page and also_in (the other files holding the same
// besluit: "file (document_id)", joined by "; ").
std::vector<std::string> AllocationsCsvHeader();

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_EXPORTS_H_
