// For tests of the letter readers: what the pipeline does with a file's
// lines, without reading a file: one record per segment, then the
// cross-document checks, each record as its JSON.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTERS_TESTING_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTERS_TESTING_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "core/document.h"
#include "core/record.h"
#include "extractors/documents/letters.h"

namespace verdeelscan::letters_testing {

inline std::vector<nlohmann::json> ExtractRecordsJson(const TextDocument& doc) {
  std::vector<Record> records;
  for (const Segment& s : SplitAndClassify(doc)) {
    Record r;
    ExtractLetterFields(doc, s, r);
    records.push_back(std::move(r));
  }
  CrossCheckRecords(records);
  std::vector<nlohmann::json> out;
  for (const Record& r : records) out.push_back(ToJson(r));
  return out;
}

}  // namespace verdeelscan::letters_testing

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_LETTERS_TESTING_H_
