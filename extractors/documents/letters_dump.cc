// letters_dump FILE...: the segments of each text file with their kind,
// evidence and letter fields, as JSON records (one per segment).
#include <iostream>

#include "extractors/documents/letters.h"
#include "extractors/ingest/text_dump.h"

int main(int argc, char** argv) {
  using namespace verdeelscan;
  int rc = 0;
  for (int a = 1; a < argc; ++a) {
    StatusOr<TextDocument> doc = LoadTextDump(argv[a]);
    if (!doc.ok()) {
      std::cerr << argv[a] << ": " << doc.status().ToString() << "\n";
      rc = 2;
      continue;
    }
    std::vector<Record> records;
    for (const Segment& s : SplitAndClassify(*doc)) {
      Record r;
      r.source.file = argv[a];
      r.source.media = doc->media;
      ExtractLetterFields(*doc, s, r);
      records.push_back(std::move(r));
    }
    CrossCheckRecords(records);
    for (const Record& r : records) std::cout << ToJson(r).dump(2) << "\n";
  }
  return rc;
}
