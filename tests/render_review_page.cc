// render_review_page RECORDS.jsonl OUT.html: the review page of stored
// records (one per line), for the browser test's large generated page
// (tests/review_page_browser_test.py). Exit 1 on a bad argument or record.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/review_page.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: render_review_page RECORDS.jsonl OUT.html\n";
    return 1;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 1;
  }
  std::vector<nlohmann::json> records;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    nlohmann::json rec = nlohmann::json::parse(line, nullptr, false);
    if (rec.is_discarded()) {
      std::cerr << "not JSON: line " << records.size() + 1 << "\n";
      return 1;
    }
    records.push_back(std::move(rec));
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << verdeelscan::ReviewPageHtml(records);
  out.close();
  if (!out) {
    std::cerr << "cannot write " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
