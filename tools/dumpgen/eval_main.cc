// verdeelscan-eval: scores extraction against ground truth for every input
// with a NAME.truth.json beside it. A measuring tool: exits 0 whatever the
// scores, 2 when an input cannot be evaluated at all, and with
// --fail-on-silent 3 when a silent error was seen (for CTest).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "tools/dumpgen/eval.h"

int main(int argc, char** argv) {
  CLI::App app{"Score verdeelscan against ground truth (NAME.truth.json beside each input)"};
  std::vector<std::string> paths;
  bool json = false, quiet = false, fail_on_silent = false;
  int dpi = 300;
  app.add_option("paths", paths, "files or directories")->required();
  app.add_flag("--json", json, "print JSON (documents + totals)");
  app.add_flag("--quiet", quiet, "totals only");
  app.add_flag("--fail-on-silent", fail_on_silent, "exit 3 when a silent error was seen");
  app.add_option("--dpi", dpi, "rendering DPI for scanned PDFs");
  CLI11_PARSE(app, argc, argv);

  auto inputs = verdeelscan::CollectInputs(paths);
  if (!inputs.ok()) {
    std::cerr << inputs.status().ToString() << '\n';
    return 2;
  }
  if (inputs->empty()) {
    std::cerr << "no inputs with a .truth.json beside them\n";
    return 2;
  }
  verdeelscan::ExtractOptions options;
  options.scan.dpi = dpi;
  std::vector<verdeelscan::DocScore> scores;
  int unusable = 0;
  for (const std::string& in : *inputs) {
    auto s = verdeelscan::EvaluateFile(in, options);
    if (!s.ok()) {
      std::cerr << in << ": " << s.status().ToString() << '\n';
      ++unusable;
      continue;
    }
    scores.push_back(*s);
  }
  verdeelscan::EvalTotals totals = verdeelscan::Summarise(scores);
  if (json) {
    nlohmann::json out = {{"documents", nlohmann::json::array()},
                          {"totals", verdeelscan::ToJson(totals)}};
    if (!quiet)
      for (const auto& s : scores) out["documents"].push_back(verdeelscan::ToJson(s));
    std::cout << out.dump(1) << '\n';
  } else {
    std::string report =
        verdeelscan::FormatReport(quiet ? std::vector<verdeelscan::DocScore>{} : scores, totals);
    std::cout << report;
  }
  if (unusable) return 2;
  if (fail_on_silent && totals.silent > 0) return 3;
  return 0;
}
