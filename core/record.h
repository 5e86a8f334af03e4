// The record contract of ../shared/DOMAIN.md as value types, and its JSON
// form. Every stage fills part of a Record; pipeline/ serialises it.
#ifndef VERDEELSCAN_CORE_RECORD_H_
#define VERDEELSCAN_CORE_RECORD_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"

namespace verdeelscan {

enum class RecordStatus { kValid, kRepaired, kNeedsReview, kFailed };
const char* ToString(RecordStatus s);

enum class CheckStatus { kPass, kFail, kFinding };
const char* ToString(CheckStatus s);

// One check the document must obey. `expected`/`actual` are JSON so that a
// check can compare numbers, counts or lists.
struct Check {
  std::string id;  // "column_sum.regulier", "restopgave.count.amv", ...
  CheckStatus status = CheckStatus::kPass;
  nlohmann::json expected;
  nlohmann::json actual;
  std::string detail;  // one sentence for humans
};

struct Correction {
  std::string field;  // "regulier", "amv", "totaal", "gemeente"
  std::string from;   // raw text
  nlohmann::json to;  // integer for numbers, string for names
  std::string reason;
};

// Where a value was read: a page and pixel box (scans), or a line (text).
struct CellProvenance {
  int page = 1;
  int line = 0;  // text inputs: 1-based line number in the file
  BBox box;      // scans and PDFs
  double confidence = 1.0;
};

struct Allocation {
  std::string gemeente;  // official CBS name; empty when unmatched
  std::string cbs_code;  // "GM0148"; empty when unmatched
  long regulier = 0, amv = 0, totaal = 0;
  std::map<std::string, std::string> raw;            // field -> text as read
  std::map<std::string, CellProvenance> provenance;  // field -> where
  std::vector<Correction> corrections;
  std::vector<std::string> doubtful;  // fields a reviewer must look at
};

struct SplitFigure {
  std::optional<long> regulier, amv;
  bool any() const { return regulier || amv; }
};

struct SourceInfo {
  std::string file;
  std::string sha256;
  std::string media;  // text, pdf-text, pdf-scanned, image
  int pages = 0;
  int dpi = 0;
  int first_line = 0, last_line = 0;  // text inputs: the record's line range
  int first_page = 0, last_page = 0;
  // Pages (1-based) that were turned clockwise by `degrees` (90, 180, 270)
  // to stand upright before they were read; every bbox is in the upright
  // frame. Only turned pages; JSON "rotations" lists those within the
  // record's page_range.
  struct Rotation {
    int page = 1;
    int degrees = 0;
  };
  std::vector<Rotation> rotations;
};

struct Record {
  SourceInfo source;
  std::string kind = "unknown";
  RecordStatus status = RecordStatus::kValid;
  std::string error;  // set when status is kFailed
  nlohmann::json meta = nlohmann::json::object();
  SplitFigure opgave, overgenomen, restopgave;  // stated in the toelichting
  std::vector<Allocation> allocations;
  std::vector<Check> checks;
  // Kind-specific blocks ("prt", "ibt", "figures", "evidence", ...), merged
  // into the top level of the JSON object.
  nlohmann::json extra = nlohmann::json::object();
};

// `s` with every byte that is not part of well-formed UTF-8 replaced by
// U+FFFD (what the JSON writer accepts).
std::string ValidUtf8(const std::string& s);

nlohmann::json ToJson(const Check& c);
nlohmann::json ToJson(const Record& r);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_CORE_RECORD_H_
