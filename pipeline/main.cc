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
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/record.h"
#include "core/status.h"
#include "core/work_pool.h"
#include "extractors/documents/classify.h"
#include "pipeline/apply_review.h"
#include "pipeline/batch.h"
#include "pipeline/exports.h"
#include "pipeline/extract.h"
#include "pipeline/national_cli.h"
#include "pipeline/progress.h"
#include "pipeline/review_page.h"
#include "pipeline/version.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitSomeFailed = 2;
constexpr int kExitCannotRun = 3;

// -q / -v, given before or after the command: quiet prints errors only (no
// progress line, no summary); verbose adds a line per file or record read.
enum class Verbosity { kQuiet, kNormal, kVerbose };

struct GlobalFlags {
  int quiet = 0;
  int verbose = 0;
  Verbosity level() const {
    if (quiet > 0) return Verbosity::kQuiet;
    return verbose > 0 ? Verbosity::kVerbose : Verbosity::kNormal;
  }
};

// Standard input ("-") saved to a temporary file, for the readers need a
// file they can seek in (a PDF's cross-reference table is at its end).
// Removed when the object goes.
class StdinFile {
 public:
  StdinFile() = default;
  ~StdinFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  StdinFile(const StdinFile&) = delete;
  StdinFile& operator=(const StdinFile&) = delete;

  // The temporary file's path, or an error message in `error`.
  std::string Save(std::string* error) {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/verdeelscan-stdin-XXXXXX";
    const int fd = ::mkstemp(templ.data());
    if (fd < 0) {
      *error = "cannot make a temporary file for standard input in " +
               templ.substr(0, templ.rfind('/')) + " (set TMPDIR to a writable folder)";
      return "";
    }
    path_ = templ;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(STDIN_FILENO, buf, sizeof buf)) > 0) {
      if (::write(fd, buf, static_cast<size_t>(n)) != n) {
        ::close(fd);
        *error = "cannot save standard input to " + path_ + " (disk full?)";
        return "";
      }
    }
    ::close(fd);
    if (n < 0) {
      *error = "cannot read standard input";
      return "";
    }
    return path_;
  }

 private:
  std::string path_;
};

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

// A whole number in [lo, hi], with a message that says what to give instead
// (CLI11's own says only "Value ... not in range").
CLI::Validator WholeNumberIn(long long lo, long long hi, const std::string& hint) {
  return CLI::Validator(
      [lo, hi, hint](std::string& value) -> std::string {
        long long v = 0;
        size_t used = 0;
        try {
          v = std::stoll(value, &used);
        } catch (...) {
          used = 0;
        }
        if (used == 0 || used != value.size()) {
          return "'" + value + "' is not a whole number; " + hint;
        }
        if (v < lo || v > hi) return value + " is out of range; " + hint;
        return "";
      },
      hi == std::numeric_limits<long long>::max()
          ? "INT >= " + std::to_string(lo)
          : "INT in [" + std::to_string(lo) + " - " + std::to_string(hi) + "]");
}

constexpr long long kNoLimit = std::numeric_limits<long long>::max();

// The reading options (ExtractOptions), declared once for every command that
// reads files, so that their names, defaults, ranges and help cannot drift
// apart between commands.
void AddExtractFlags(CLI::App* cmd, verdeelscan::ExtractOptions* o) {
  cmd->add_option("--dpi", o->scan.dpi,
                  "Rendering resolution for scanned PDFs (300 suits Tesseract; lower is faster).")
      ->check(WholeNumberIn(72, 600, "give 72 to 600 (300 suits Tesseract; lower is faster)"))
      ->capture_default_str();
  cmd->add_option("--max-file-bytes", o->max_file_bytes,
                  "Refuse larger files with a failed record instead of reading them.")
      ->check(WholeNumberIn(1, kNoLimit, "give a number of 1 or more"))
      ->capture_default_str();
  cmd->add_option("--max-text-bytes", o->max_text_bytes,
                  "Refuse larger text dumps with a failed record (time and memory grow "
                  "linearly with a text's size; see README.md for the budget).")
      ->check(WholeNumberIn(1, kNoLimit, "give a number of 1 or more"))
      ->capture_default_str();
  cmd->add_option("--max-pages", o->scan.max_pages,
                  "Refuse documents with more pages (a failed record, not a crash).")
      ->check(WholeNumberIn(1, kNoLimit, "give a number of 1 or more"))
      ->capture_default_str();
  cmd->add_option("--max-page-pixels", o->scan.max_page_pixels,
                  "Pixel budget per rendered page: larger pages are rendered at a lower DPI, "
                  "and refused (a failed record) when that would be below 100 DPI.")
      ->check(WholeNumberIn(1, kNoLimit, "give a number of 1 or more"))
      ->capture_default_str();
  cmd->add_option(
         "--max-decode-pixels", o->scan.max_decode_pixels,
         "Decoding budget per image page (PNG, JPEG, TIFF), checked on the header: a "
         "larger JPEG is decoded at 1/2, 1/4 or 1/8 size, a larger PNG or TIFF page is "
         "refused (a failed record), as is a PDF page drawing an image that states more pixels. "
         "Peak memory is up to ~7 bytes per pixel.")
      ->check(WholeNumberIn(1, kNoLimit, "give a number of 1 or more"))
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
  int jobs = 0;  // 0 = every core
  verdeelscan::ExtractOptions options;
};

CLI::App* AddExtractCommand(CLI::App& app, ExtractCommand* c) {
  CLI::App* cmd = app.add_subcommand(
      "extract", "Extract records from files and print them on standard output.");
  cmd->add_option("FILE", c->files,
                  "Input files: text dumps (.txt), PDFs, page images; - reads standard input.")
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
  cmd->add_option("-j,--jobs", c->jobs,
                  "Pages read in parallel (the pages of a file, one file after another, and the "
                  "two bands of a scanned page); 0 = number of cores. The output is the same for "
                  "any value; memory grows with it.")
      ->check(WholeNumberIn(0, kNoLimit, "give 0 (every core) or more"))
      ->capture_default_str();
  AddExtractFlags(cmd, &c->options);
  return cmd;
}

// One line per record on standard error (--verbose).
void PrintRecordLine(const std::string& shown_path, const verdeelscan::Record& r) {
  std::cerr << shown_path << ": " << ToString(r.kind) << ", " << ToString(r.status);
  if (r.source.pages > 0)
    std::cerr << ", " << r.source.pages << (r.source.pages == 1 ? " page" : " pages");
  if (!r.error.empty()) std::cerr << " (" << r.error << ")";
  std::cerr << '\n';
}

// The inputs as the readers see them: "-" becomes the saved standard input.
// Returns false (with the message printed) when "-" cannot be saved.
bool ResolveInputs(const std::vector<std::string>& files, StdinFile& stdin_file,
                   std::vector<std::string>& paths) {
  for (const std::string& f : files) {
    if (f != "-") {
      paths.push_back(f);
      continue;
    }
    std::string error;
    std::string saved = stdin_file.Save(&error);
    if (saved.empty()) {
      std::cerr << "extract: " << error << '\n';
      return false;
    }
    paths.push_back(saved);
  }
  return true;
}

int RunExtract(ExtractCommand& c, Verbosity verbosity) {
  using verdeelscan::Record;
  const int stdin_count = static_cast<int>(std::count(c.files.begin(), c.files.end(), "-"));
  if (stdin_count > 1 || (stdin_count == 1 && !c.review_html.empty())) {
    std::cerr << "extract: standard input (-) can be read once, and not with --review-html "
                 "(the review page reads its crops from the input file again): save it to a "
                 "file first\n";
    return kExitUsage;
  }
  if (!c.review_html.empty() && c.files.size() != 1) {
    std::cerr << "extract: --review-html takes exactly one input file\n";
    return kExitUsage;
  }
  for (const auto& [flag, value] : {std::pair{"--searchable-pdf", &c.options.searchable_pdf},
                                    std::pair{"--sidecar", &c.options.sidecar}}) {
    if (!value->empty() && c.files.size() != 1) {
      std::cerr << "extract: " << flag << " takes exactly one input file\n";
      return kExitUsage;
    }
  }
  StdinFile stdin_file;
  std::vector<std::string> paths;
  if (!ResolveInputs(c.files, stdin_file, paths)) return kExitCannotRun;

  std::vector<std::unique_ptr<verdeelscan::Exporter>> out;
  out.push_back(verdeelscan::JsonExporter(std::cout, c.format == "jsonl"));
  (void)out[0]->Begin();  // standard output: nothing to open, never fails
  if (!c.review_html.empty()) {
    out.push_back(verdeelscan::ReviewPageExporter(c.review_html));
    (void)out[1]->Begin();  // writes nothing before Finish
  }
  const bool show_progress =
      verbosity == Verbosity::kNormal && verdeelscan::ProgressLine::StderrIsTerminal();
  long total_pages = 0;
  for (const std::string& p : paths) total_pages += show_progress ? verdeelscan::CountPages(p) : 0;
  verdeelscan::ProgressLine progress(show_progress, paths.size(), total_pages);
  long files_done = 0, pages_done = 0;
  // Pages finish on the page threads: the progress line is drawn under a lock.
  std::mutex progress_mu;
  c.options.scan.on_page = [&](int, int) {
    std::lock_guard<std::mutex> lock(progress_mu);
    progress.Update(files_done, ++pages_done);
  };
  // One pool for the run (core/work_pool.h): its threads keep their
  // Tesseract engines from one file to the next.
  verdeelscan::WorkPool pool(verdeelscan::JobsOrCores(c.jobs));
  c.options.scan.pool = &pool;
  c.options.scan.page_threads = pool.threads();

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
  for (size_t i = 0; i < paths.size(); ++i) {
    for (Record& r : ReadOneFile(paths[i], c.options)) {
      if (c.files[i] == "-") r.source.file = "-";
      const bool failed = r.status == verdeelscan::RecordStatus::kFailed;
      any_failed |= failed;
      if (verbosity == Verbosity::kVerbose) PrintRecordLine(c.files[i], r);
      // A failed record is always printed: a filter never hides an error.
      if (!c.kinds.empty() && !failed && !c.kinds.count(std::string(ToString(r.kind)))) continue;
      const nlohmann::json rec = RecordJson(r);
      for (const auto& o : out) {
        o->Render(rec);
        o->Add();
      }
    }
    std::lock_guard<std::mutex> lock(progress_mu);
    progress.Update(++files_done, pages_done, true);
  }
  progress.Finish();
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
      ->check(WholeNumberIn(0, kNoLimit, "give 0 (every core) or more"))
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

int RunBatchCommand(BatchCommand& c, Verbosity verbosity) {
  // Verbose lines replace the progress line (the two would overwrite each
  // other on a terminal).
  c.options.progress =
      verbosity == Verbosity::kNormal && verdeelscan::ProgressLine::StderrIsTerminal();
  if (verbosity == Verbosity::kVerbose) {
    c.options.on_file = [](const std::string& path, const std::string& status, int pages) {
      std::cerr << path << ": " << status << ", " << pages << (pages == 1 ? " page\n" : " pages\n");
    };
  }
  c.options.searchable_pdf = !c.no_searchable;
  auto summary = verdeelscan::RunBatch(c.options);
  if (!summary.ok()) {
    std::cerr << "batch could not run: " << summary.status().ToString() << '\n';
    return kExitCannotRun;
  }
  if (verbosity != Verbosity::kQuiet) std::cerr << summary->ToString();
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
  GlobalFlags global;
  app.add_flag("-q,--quiet", global.quiet,
               "Print errors only: no progress line, no summary (before or after the command).");
  app.add_flag("-v,--verbose", global.verbose,
               "Also print a line per file (batch) or record (extract) read.");
  // The flags above are accepted after the command too: verdeelscan batch -q ...
  app.fallthrough();
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
  if (*extract) return RunExtract(extract_args, global.level());
  if (*batch) return RunBatchCommand(batch_args, global.level());
  if (*merge) return RunMerge(merge_args);
  if (*apply_review) return RunApplyReview(apply_review_args);
  return kExitUsage;
}
