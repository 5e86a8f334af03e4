// verdeelscan: command-line entry point. See README.md for the commands.
//
// Exit codes, the same for extract, batch, merge and apply-review (documented
// in --help):
//   0  every input was read (some records may be needs_review),
//   1  usage error (bad option, no input; apply-review: a decisions file or
//      decision refused, nothing written),
//   2  at least one input failed; its record (status "failed", with an
//      "error" saying why) is still written, and the other inputs still are,
//   3  the batch or merge could not run at all (output folder not writable,
//      damaged catalogue, folder locked by another batch).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/record.h"
#include "core/status.h"
#include "extractors/documents/classify.h"
#include "pipeline/apply_review.h"
#include "pipeline/batch.h"
#include "pipeline/exports.h"
#include "pipeline/extract.h"
#include "pipeline/national_cli.h"
#include "pipeline/review_page.h"
#include "pipeline/version.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitSomeFailed = 2;
constexpr int kExitCannotRun = 3;

// One file's records; whatever reading it throws is its failed record.
std::vector<verdeelscan::Record> ReadOneFile(const std::string& path,
                                             const verdeelscan::ExtractOptions& options) {
  try {
    std::vector<verdeelscan::Record> rs = verdeelscan::ExtractFile(path, options);
    if (!rs.empty()) return rs;
  } catch (...) {
    verdeelscan::Record r;
    r.source.file = path;
    r.status = verdeelscan::RecordStatus::kFailed;
    r.error = "reading failed: " + verdeelscan::ExceptionMessage(std::current_exception());
    return {r};
  }
  verdeelscan::Record r;
  r.source.file = path;
  r.status = verdeelscan::RecordStatus::kFailed;
  r.error = "no record was read";
  return {r};
}

// The record as JSON; a record that cannot be serialised is replaced by a
// failed record of its file (never an abort).
nlohmann::json RecordJson(const verdeelscan::Record& r) {
  try {
    return verdeelscan::ToJson(r);
  } catch (...) {
    verdeelscan::Record failed;
    failed.source = r.source;
    failed.status = verdeelscan::RecordStatus::kFailed;
    failed.error =
        "cannot write the record: " + verdeelscan::ExceptionMessage(std::current_exception());
    return verdeelscan::ToJson(failed);
  }
}

// The reading options (ExtractOptions), declared once for every command that
// reads files, so that their names, defaults, ranges and help cannot drift
// apart between commands.
void AddExtractFlags(CLI::App* cmd, verdeelscan::ExtractOptions* o) {
  cmd->add_option("--dpi", o->scan.dpi,
                  "Rendering resolution for scanned PDFs (300 suits Tesseract; lower is faster).")
      ->check(CLI::Range(72, 600))
      ->capture_default_str();
  cmd->add_option("--max-file-bytes", o->max_file_bytes,
                  "Refuse larger files with a failed record instead of reading them.")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-text-bytes", o->max_text_bytes,
                  "Refuse larger text dumps with a failed record (time and memory grow "
                  "linearly with a text's size; see README.md for the budget).")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-pages", o->scan.max_pages,
                  "Refuse documents with more pages (a failed record, not a crash).")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-page-pixels", o->scan.max_page_pixels,
                  "Pixel budget per rendered page: larger pages are rendered at a lower DPI, "
                  "and refused (a failed record) when that would be below 100 DPI.")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-decode-pixels", o->scan.max_decode_pixels,
                  "Decoding budget per image page (PNG, JPEG, TIFF), checked on the header: a "
                  "larger JPEG is decoded at 1/2, 1/4 or 1/8 size, a larger PNG or TIFF page is "
                  "refused (a failed record). Peak memory is up to ~7 bytes per pixel.")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag_callback(
      "--no-reread", [o] { o->reread_doubtful_cells = false; },
      "Skip the digits-only second OCR of doubtful table cells (faster; more tables left for "
      "review).");
}

struct ExtractCommand {
  std::vector<std::string> files;
  std::string format = "json";
  std::set<std::string> kinds;
  std::string review_html;
  verdeelscan::ExtractOptions options;
};

CLI::App* AddExtractCommand(CLI::App& app, ExtractCommand* c) {
  CLI::App* cmd = app.add_subcommand(
      "extract", "Extract records from files and print them on standard output.");
  cmd->add_option("FILE", c->files, "Input files: text dumps (.txt), PDFs, page images.")
      ->required();
  cmd->add_option("--format", c->format,
                  "json: one object for one record, an array for several; "
                  "jsonl: one object per line, printed as each input completes.")
      ->check(CLI::IsMember({"json", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--kind", c->kinds,
                  "Print only records of this kind (repeatable), e.g. --kind verdeelbesluit "
                  "for the besluit of a Woo bundle; failed records are always printed.")
      ->check(CLI::IsMember(verdeelscan::RecordKinds()));
  cmd->add_option("--review-html", c->review_html,
                  "Also write the review page of the input's records to this file (one input; "
                  "see README.md, \"The review page\").");
  cmd->add_option("--searchable-pdf", c->options.searchable_pdf,
                  "Also write the input's searchable PDF/A-2B to this file: its own page images "
                  "with the OCR text as an invisible layer (one scanned input; see README.md, "
                  "\"Searchable PDF\").");
  cmd->add_option("--sidecar", c->options.sidecar,
                  "Also write the plain text of every page to this file, pages separated by a "
                  "form feed (one input).");
  AddExtractFlags(cmd, &c->options);
  return cmd;
}

int RunExtract(const ExtractCommand& c) {
  using verdeelscan::Record;
  std::vector<std::unique_ptr<verdeelscan::Exporter>> out;
  out.push_back(verdeelscan::JsonExporter(std::cout, c.format == "jsonl"));
  (void)out[0]->Begin();  // standard output: nothing to open, never fails
  for (const auto& [flag, value] : {std::pair{"--searchable-pdf", &c.options.searchable_pdf},
                                    std::pair{"--sidecar", &c.options.sidecar}}) {
    if (!value->empty() && c.files.size() != 1) {
      std::cerr << "extract: " << flag << " takes exactly one input file\n";
      return kExitUsage;
    }
  }
  if (!c.review_html.empty()) {
    if (c.files.size() != 1) {
      std::cerr << "extract: --review-html takes exactly one input file\n";
      return kExitUsage;
    }
    out.push_back(verdeelscan::ReviewPageExporter(c.review_html));
    (void)out[1]->Begin();  // writes nothing before Finish
  }
  // The named outputs as they were before: a file left from an earlier run
  // must not pass for this run's.
  auto stamp = [](const std::string& path) {
    std::error_code ec;
    return path.empty() ? std::filesystem::file_time_type{}
                        : std::filesystem::last_write_time(path, ec);
  };
  const auto pdf_before = stamp(c.options.searchable_pdf);
  const auto sidecar_before = stamp(c.options.sidecar);
  bool any_failed = false;
  for (const std::string& f : c.files) {
    for (const Record& r : ReadOneFile(f, c.options)) {
      const bool failed = r.status == verdeelscan::RecordStatus::kFailed;
      any_failed |= failed;
      // A failed record is always printed: a filter never hides an error.
      if (!c.kinds.empty() && !failed && !c.kinds.count(std::string(ToString(r.kind)))) continue;
      const nlohmann::json rec = RecordJson(r);
      for (const auto& o : out) {
        o->Render(rec);
        o->Add();
      }
    }
  }
  // Standard output: the exit code speaks of the inputs, not of the reader
  // of the output (a closed pipe loses what it did not read).
  (void)out[0]->Finish();
  // An output asked for by name and not made (the record's ingest_notes
  // say why: not a scan, every page has a text layer, a write error).
  bool missing = false;
  for (const auto& [asked, before] : {std::pair{&c.options.searchable_pdf, pdf_before},
                                      std::pair{&c.options.sidecar, sidecar_before}}) {
    std::error_code ec;
    if (!asked->empty() && !any_failed &&
        (!std::filesystem::is_regular_file(*asked, ec) || stamp(*asked) == before)) {
      std::cerr << "extract: " << *asked << " was not written (see the record's ingest_notes)\n";
      missing = true;
    }
  }
  if (missing) return kExitCannotRun;
  if (out.size() > 1) {
    verdeelscan::Status written = out[1]->Finish();
    if (written.ok()) written = out[1]->Commit();
    if (!written.ok()) {
      std::cerr << "extract: " << written.message() << "\n";
      return kExitCannotRun;
    }
  }
  return any_failed ? kExitSomeFailed : kExitOk;
}

struct BatchCommand {
  verdeelscan::BatchOptions options;
  bool no_searchable = false;
};

CLI::App* AddBatchCommand(CLI::App& app, BatchCommand* c) {
  CLI::App* cmd = app.add_subcommand(
      "batch",
      "Process files and directories (recursively) into an output folder: records.jsonl, "
      "catalogue.sqlite, allocations.csv, review.csv, allocations.xlsx. Resumable: rerunning "
      "skips files whose content (sha256) is catalogued, read by this version with the same "
      "options and with every output present; an identical copy at another path is noted as a "
      "duplicate. Exit 0 every file read, 2 some file failed (its record says why), 1 usage, 3 "
      "the batch could not run (folder not writable, damaged catalogue, locked by another "
      "batch).");
  verdeelscan::BatchOptions& o = c->options;
  cmd->add_option("INPUT", o.inputs, "Files and directories.")->required();
  cmd->add_option("--out", o.out_dir, "Output folder (created if needed).")->required();
  cmd->add_option("-j,--jobs", o.jobs,
                  "Documents processed in parallel; 0 = number of cores. Memory grows with it.")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  AddExtractFlags(cmd, &o.extract);
  cmd->add_flag("--no-searchable-pdf", c->no_searchable,
                "Do not write OUT/NAME.searchable.pdf (page images + invisible OCR text) for "
                "scanned inputs.");
  cmd->add_flag("--wait", o.wait_for_lock,
                "When another batch holds the output folder, wait for it to finish instead of "
                "exiting 3.");
  return cmd;
}

int RunBatchCommand(BatchCommand& c) {
  c.options.progress = isatty(STDERR_FILENO) != 0;
  c.options.searchable_pdf = !c.no_searchable;
  auto summary = verdeelscan::RunBatch(c.options);
  if (!summary.ok()) {
    std::cerr << "batch could not run: " << summary.status().ToString() << '\n';
    return kExitCannotRun;
  }
  std::cerr << summary->ToString();
  return summary->files_failed > 0 ? kExitSomeFailed : kExitOk;
}

struct MergeCommand {
  std::vector<std::string> dirs;
  std::string out;
};

CLI::App* AddMergeCommand(CLI::App& app, MergeCommand* c) {
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Merge the output folders of batch shards (e.g. one per machine) into one catalogue and "
      "one set of exports. Exit 0 every file read, 2 some file failed, 3 a shard is damaged or "
      "the merge could not run.");
  cmd->add_option("DIR", c->dirs, "Batch output folders.")->required();
  cmd->add_option("--out", c->out, "Merged output folder.")->required();
  return cmd;
}

int RunMerge(const MergeCommand& c) {
  auto n = verdeelscan::MergeBatches(c.dirs, c.out);
  if (!n.ok()) {
    std::cerr << "merge failed: " << n.status().ToString() << '\n';
    return kExitCannotRun;
  }
  std::cerr << "merged catalogue holds " << n->files << " files (" << n->files_failed
            << " failed)\n";
  return n->files_failed > 0 ? kExitSomeFailed : kExitOk;
}

struct ApplyReviewCommand {
  std::string dir;
  std::string decisions;
};

CLI::App* AddApplyReviewCommand(CLI::App& app, ApplyReviewCommand* c) {
  CLI::App* cmd = app.add_subcommand(
      "apply-review",
      "Apply a reviewer's decisions (the JSON file review.html saves) to a batch output folder: "
      "each decided cell becomes a correction with reason \"reviewer\", every check runs again, "
      "a table whose checks all pass becomes \"reviewed\", and every export is written again. "
      "All or nothing: a decision that does not fit (unknown record, row out of range, another "
      "gemeente in the row, a value that is not an integer) or that breaks a sum is refused "
      "with the reason and nothing is written (exit 1). Applying the same file again changes "
      "nothing. Exit 3 when the folder cannot be read or written (locked by a batch, damaged "
      "catalogue).");
  cmd->add_option("DIR", c->dir, "Batch output folder (holds catalogue.sqlite).")->required();
  cmd->add_option("DECISIONS", c->decisions, "The decisions file (JSON).")->required();
  return cmd;
}

int RunApplyReview(const ApplyReviewCommand& c) {
  auto summary = verdeelscan::ApplyReview(c.dir, c.decisions);
  if (!summary.ok()) {
    const auto code = summary.status().code();
    const bool refused = code == verdeelscan::Status::Code::kInvalidArgument ||
                         code == verdeelscan::Status::Code::kNotFound;
    std::cerr << (refused ? "apply-review: " : "apply-review could not run: ")
              << summary.status().message() << '\n';
    return refused ? kExitUsage : kExitCannotRun;
  }
  std::cerr << summary->decisions << " decisions; " << summary->records_changed
            << " records changed, " << summary->records_reviewed << " now reviewed";
  if (summary->records_changed == 0) std::cerr << " (all applied before: nothing written)";
  std::cerr << '\n';
  for (const std::string& open : summary->still_open) std::cerr << "  " << open << '\n';
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "verdeelscan: reads Dutch asylum-allocation documents (Woo releases: OCR text dumps, "
      "PDFs, scans), repairs OCR damage with the arithmetic the tables must obey, and prints "
      "records in which every number is proven consistent or flagged for review.\n\n"
      "Exit codes (extract, batch and merge): 0 every input read (records may be "
      "needs_review); 1 usage error; 2 some input failed (its record is still written, with "
      "status \"failed\" and an \"error\"); 3 the batch or merge could not run (output folder "
      "not writable, damaged catalogue, folder locked by another batch). apply-review: 0 "
      "applied, 1 refused (nothing written), 3 the folder could not be read or written."};
  app.set_version_flag("--version", std::string("verdeelscan ") + verdeelscan::kVersion);
  app.require_subcommand(1);
  ExtractCommand extract_args;
  CLI::App* extract = AddExtractCommand(app, &extract_args);
  BatchCommand batch_args;
  CLI::App* batch = AddBatchCommand(app, &batch_args);
  MergeCommand merge_args;
  CLI::App* merge = AddMergeCommand(app, &merge_args);
  ApplyReviewCommand apply_review_args;
  CLI::App* apply_review = AddApplyReviewCommand(app, &apply_review_args);

  const auto national = verdeelscan::AddNationalCommand(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (*national->app) return verdeelscan::RunNationalCommand(*national);
  if (*extract) return RunExtract(extract_args);
  if (*batch) return RunBatchCommand(batch_args);
  if (*merge) return RunMerge(merge_args);
  if (*apply_review) return RunApplyReview(apply_review_args);
  return kExitUsage;
}
