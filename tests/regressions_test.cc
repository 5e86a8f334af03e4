// Every input of samples/regressions/ once crashed verdeelscan (see the
// README there). Run as a user runs it, through the CLI: `extract` on each
// must end normally (no signal, exit below 128) with valid JSON on stdout, and
// one `batch` over the whole folder must finish (exit 0 or 2) with a record
// for every file. nlohmann's parser rejects invalid UTF-8, so the JSON check
// also proves that nothing invalid reached the writer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/cli_run.h"

namespace {

namespace fs = std::filesystem;

const fs::path kRegressions = fs::path(VERDEELSCAN_SOURCE_DIR) / "samples" / "regressions";

using verdeelscan::cli_run::CommandResult;
using verdeelscan::cli_run::RunCommand;

std::string Quoted(const std::string& s) { return verdeelscan::cli_run::ShellQuoted(s); }

std::vector<fs::path> Inputs() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kRegressions)) {
    if (e.is_regular_file() && e.path().filename() != "README.md") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Regressions, FolderHoldsTheInputs) {
  // The six inputs that once broke the tool; more may be added, none may go.
  std::set<std::string> names;
  for (const fs::path& p : Inputs()) names.insert(p.filename().string());
  for (const char* want : {"rotated_page_segfault.pdf", "rotated_page_bad_alloc.pdf",
                           "dump_overlong_utf8.txt", "dump_surrogate_utf8.txt",
                           "dump_invalid_byte_after_64k.txt", "besluit_unmatched_name.txt"}) {
    EXPECT_TRUE(names.count(want)) << want << " is missing from " << kRegressions;
  }
}

TEST(Regressions, ExtractNeverCrashesAndPrintsValidJson) {
  for (const fs::path& input : Inputs()) {
    SCOPED_TRACE(input.filename().string());
    const CommandResult run =
        RunCommand(Quoted(VERDEELSCAN_BINARY) + " extract " + Quoted(input) + " 2>/dev/null");
    EXPECT_LT(run.exit_code, 128) << "killed by signal " << run.exit_code - 128;
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 2) << "exit " << run.exit_code;
    nlohmann::json j;
    ASSERT_NO_THROW(j = nlohmann::json::parse(run.out)) << run.out.substr(0, 300);
    ASSERT_FALSE(j.empty());
    const nlohmann::json& first = j.is_array() ? j[0] : j;
    EXPECT_TRUE(first.contains("status"));
  }
}

TEST(Regressions, BatchOverTheFolderRecordsEveryFile) {
  const fs::path out =
      fs::temp_directory_path() / ("vs_regressions_batch_" + std::to_string(::getpid()));
  fs::remove_all(out);
  const CommandResult run =
      RunCommand(Quoted(VERDEELSCAN_BINARY) + " batch " + Quoted(kRegressions) + " --out " +
                 Quoted(out) + " -j 2 --no-searchable-pdf 2>&1");
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 2) << "exit " << run.exit_code << "\n"
                                                        << run.out;
  std::ifstream in(out / "records.jsonl");
  ASSERT_TRUE(in) << "no records.jsonl\n" << run.out;
  std::set<std::string> recorded;
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json r;
    ASSERT_NO_THROW(r = nlohmann::json::parse(line)) << line.substr(0, 300);
    recorded.insert(fs::path(r["source"]["file"].get<std::string>()).filename().string());
  }
  for (const fs::path& input : Inputs()) {
    EXPECT_TRUE(recorded.count(input.filename().string()))
        << input.filename() << " has no record in records.jsonl";
  }
  fs::remove_all(out);
}

}  // namespace
