// libFuzzer target: the whole text-dump path (loading, finding a besluit,
// prose fields, table reading, repair) on arbitrary bytes. Any crash, hang or
// sanitizer report is a bug: bad input must become a record, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // the repair search is budgeted, not the fuzzer's patience
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<verdeelscan::Record> records = verdeelscan::ExtractText(text, "fuzz.txt");
  for (const verdeelscan::Record& r : records) (void)verdeelscan::ToJson(r).dump();
  return 0;
}
