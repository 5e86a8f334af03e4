// libFuzzer target: the number readers (glyph model readings, Dutch number
// parsing, dates) on arbitrary short tokens.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/documents/dates.h"
#include "validators/glyph_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256) return 0;
  std::string_view s(reinterpret_cast<const char*>(data), size);
  for (const verdeelscan::Reading& r : verdeelscan::NumberReadings(s)) {
    if (r.value < 0) __builtin_trap();  // a cell count is never negative
  }
  (void)verdeelscan::ParseDutchNumber(s);
  (void)verdeelscan::LooksNumeric(s);
  (void)verdeelscan::FindDutchDates(s);
  return 0;
}
