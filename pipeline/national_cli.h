// The `national` subcommand of the CLI (pipeline/national.h does the work).
#ifndef VERDEELSCAN_PIPELINE_NATIONAL_CLI_H_
#define VERDEELSCAN_PIPELINE_NATIONAL_CLI_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace verdeelscan {

struct NationalCommand {
  CLI::App* app = nullptr;
  std::vector<std::string> inputs;  // batch folders or .jsonl files
  std::string format = "text";
  std::string out_dir;
};

// Adds `national DIR... [--format text|json|csv] [--out DIR]` to `app`.
std::unique_ptr<NationalCommand> AddNationalCommand(CLI::App& app);

// Exit 0 every check passes (findings and missing references allowed), 2 some
// check fails, 3 an input cannot be read or an output written.
int RunNationalCommand(const NationalCommand& command);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_NATIONAL_CLI_H_
