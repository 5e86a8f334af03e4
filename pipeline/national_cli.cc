#include "pipeline/national_cli.h"

#include <filesystem>
#include <iostream>

#include "pipeline/national.h"

namespace verdeelscan {

std::unique_ptr<NationalCommand> AddNationalCommand(CLI::App& app) {
  auto command = std::make_unique<NationalCommand>();
  command->app = app.add_subcommand(
      "national",
      "Consolidate the verdeelbesluiten of batch folders per cycle: every province's besluit "
      "found, its opgave against the reference, its allocations against its opgave, every "
      "municipality accounted for exactly once, the provinces against the national "
      "capaciteitsraming. Exit 0 every check passes (findings allowed), 2 a check fails, 3 an "
      "input cannot be read.");
  command->app
      ->add_option("DIR", command->inputs,
                   "Batch output folders (their records.jsonl) or records .jsonl files.")
      ->required();
  command->app
      ->add_option("--format", command->format,
                   "text: a table per cycle and the failing checks; json: everything; csv: "
                   "national.csv.")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  command->app->add_option("--out", command->out_dir,
                           "Also write national.csv and allocations_national.csv here.");
  return command;
}

int RunNationalCommand(const NationalCommand& command) {
  std::vector<nlohmann::json> records;
  for (const std::string& input : command.inputs) {
    auto read = ReadRecordsJsonl(input);
    if (!read.ok()) {
      std::cerr << "national: " << read.status().ToString() << '\n';
      return 3;
    }
    for (nlohmann::json& r : *read) records.push_back(std::move(r));
  }
  const NationalReport report = BuildNationalReport(records);
  if (command.format == "json") {
    std::cout << ToJson(report).dump(2) << '\n';
  } else if (command.format == "csv") {
    std::cout << NationalCsv(report);
  } else {
    std::cout << NationalText(report);
  }
  if (!command.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(command.out_dir, ec);
    if (Status s = WriteNationalFiles(records, command.out_dir); !s.ok()) {
      std::cerr << "national: " << s.ToString() << '\n';
      return 3;
    }
  }
  return report.AnyFail() ? 2 : 0;
}

}  // namespace verdeelscan
