// verdeelscan: command-line entry point. See README.md for the commands.
//
// Exit codes (documented in --help):
//   0  every record was written (some may be needs_review),
//   1  usage error (bad option, no input),
//   2  at least one input failed; its record (status "failed", with an
//      "error" saying why) is still printed, and the other inputs still are.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "core/record.h"
#include "extractors/letters/classify.h"
#include "pipeline/batch.h"
#include "pipeline/extract.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitSomeFailed = 2;

int RunExtract(const std::vector<std::string>& files, const std::string& format,
               const std::set<std::string>& kinds, const verdeelscan::ExtractOptions& options) {
  using verdeelscan::Record;
  std::vector<Record> records;
  bool any_failed = false;
  for (const std::string& f : files) {
    std::vector<Record> rs = verdeelscan::ExtractFile(f, options);
    for (Record& r : rs) {
      const bool failed = r.status == verdeelscan::RecordStatus::kFailed;
      any_failed |= failed;
      // A failed record is always printed: a filter never hides an error.
      if (!kinds.empty() && !failed && !kinds.count(r.kind)) continue;
      if (format == "jsonl") {
        // Stream as we go: a long batch shows progress and loses nothing.
        std::cout << verdeelscan::ToJson(r).dump() << '\n' << std::flush;
      } else {
        records.push_back(std::move(r));
      }
    }
  }
  if (format == "json") {
    nlohmann::json out;
    if (records.size() == 1) {
      out = verdeelscan::ToJson(records[0]);
    } else {
      out = nlohmann::json::array();
      for (const Record& r : records) out.push_back(verdeelscan::ToJson(r));
    }
    std::cout << out.dump(2) << '\n';
  }
  return any_failed ? kExitSomeFailed : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "verdeelscan: reads Dutch asylum-allocation documents (Woo releases: OCR text dumps, "
      "PDFs, scans), repairs OCR damage with the arithmetic the tables must obey, and prints "
      "records in which every number is proven consistent or flagged for review.\n\n"
      "Exit codes: 0 all records written (even needs_review); 1 usage error; 2 some input "
      "failed (its record is still printed with status \"failed\" and an \"error\")."};
  app.require_subcommand(1);

  CLI::App* extract = app.add_subcommand(
      "extract", "Extract records from files and print them on standard output.");
  std::vector<std::string> files;
  std::string format = "json";
  verdeelscan::ExtractOptions options;
  extract->add_option("FILE", files, "Input files: text dumps (.txt), PDFs, page images.")
      ->required();
  extract
      ->add_option("--format", format,
                   "json: one object for one record, an array for several; "
                   "jsonl: one object per line, printed as each input completes.")
      ->check(CLI::IsMember({"json", "jsonl"}))
      ->capture_default_str();
  std::set<std::string> kinds;
  extract
      ->add_option("--kind", kinds,
                   "Print only records of this kind (repeatable), e.g. --kind verdeelbesluit "
                   "for the besluit of a Woo bundle; failed records are always printed.")
      ->check(CLI::IsMember(verdeelscan::RecordKinds()));
  extract
      ->add_option("--dpi", options.dpi,
                   "Rendering resolution for scanned PDFs (300 suits Tesseract; lower is faster).")
      ->check(CLI::Range(72, 600))
      ->capture_default_str();
  extract
      ->add_option("--max-file-bytes", options.max_file_bytes,
                   "Refuse larger files with a failed record instead of reading them.")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  extract
      ->add_option("--max-text-bytes", options.max_text_bytes,
                   "Refuse larger text dumps with a failed record (time and memory grow "
                   "linearly with a text's size; see README.md for the budget).")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  extract
      ->add_option("--max-page-pixels", options.max_page_pixels,
                   "Pixel budget per rendered page: larger pages are rendered at a lower DPI, "
                   "and refused (a failed record) when that would be below 100 DPI.")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  CLI::App* batch = app.add_subcommand(
      "batch",
      "Process files and directories (recursively) into an output folder: records.jsonl, "
      "catalogue.sqlite, allocations.csv, review.csv, allocations.xlsx. Resumable: rerunning "
      "skips files already catalogued with the same sha256. Exit 0 when every file has a final "
      "record (some may be failed), 2 when the batch itself could not run.");
  verdeelscan::BatchOptions batch_options;
  batch->add_option("INPUT", batch_options.inputs, "Files and directories.")->required();
  batch->add_option("--out", batch_options.out_dir, "Output folder (created if needed).")
      ->required();
  batch
      ->add_option("-j,--jobs", batch_options.jobs,
                   "Documents processed in parallel; 0 = number of cores. Memory grows with it.")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  batch
      ->add_option("--max-pages", batch_options.extract.max_pages,
                   "Refuse documents with more pages (a failed record, not a crash).")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  batch
      ->add_option("--max-text-bytes", batch_options.extract.max_text_bytes,
                   "Refuse larger text dumps with a failed record (see README.md for the budget).")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  batch->add_option("--dpi", batch_options.extract.dpi, "Rendering resolution for scanned PDFs.")
      ->check(CLI::Range(72, 600))
      ->capture_default_str();
  batch
      ->add_option("--max-page-pixels", batch_options.extract.max_page_pixels,
                   "Pixel budget per rendered page: larger pages are rendered at a lower DPI, "
                   "and refused (a failed record) when that would be below 100 DPI.")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  bool no_searchable = false;
  batch->add_flag("--no-searchable-pdf", no_searchable,
                  "Do not write OUT/NAME.searchable.pdf (page images + invisible OCR text) for "
                  "scanned inputs.");
  bool no_reread = false;
  batch->add_flag("--no-reread", no_reread,
                  "Skip the digits-only second OCR of doubtful table cells (faster; more tables "
                  "left for review).");

  CLI::App* merge = app.add_subcommand(
      "merge",
      "Merge the output folders of batch shards (e.g. one per machine) into one catalogue and "
      "one set of exports.");
  std::vector<std::string> merge_dirs;
  std::string merge_out;
  merge->add_option("DIR", merge_dirs, "Batch output folders.")->required();
  merge->add_option("--out", merge_out, "Merged output folder.")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (*extract) return RunExtract(files, format, kinds, options);
  if (*batch) {
    batch_options.progress = isatty(STDERR_FILENO) != 0;
    batch_options.searchable_pdf = !no_searchable;
    batch_options.extract.reread_doubtful_cells = !no_reread;
    auto summary = verdeelscan::RunBatch(batch_options);
    if (!summary.ok()) {
      std::cerr << "batch could not run: " << summary.status().ToString() << '\n';
      return kExitSomeFailed;
    }
    std::cerr << summary->ToString();
    return kExitOk;
  }
  if (*merge) {
    auto n = verdeelscan::MergeBatches(merge_dirs, merge_out);
    if (!n.ok()) {
      std::cerr << "merge failed: " << n.status().ToString() << '\n';
      return kExitSomeFailed;
    }
    std::cerr << "merged catalogue holds " << *n << " files\n";
    return kExitOk;
  }
  return kExitUsage;
}
