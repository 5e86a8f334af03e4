// allocations.xlsx, a workbook a person can use at once: on every sheet the
// header row frozen and bold, an autofilter over the table, columns as wide
// as their text (up to a limit), numbers as numbers, codes (CBS, document
// ids) as text, and no JSON in any cell (lists and objects are written as
// plain text: "a; b", "key: value").
//
// Sheets, in order: Summary (every check of every record, with the besluit
// key), one sheet per province (the allocations of publishable tables, each
// besluit's rows once, repaired cells highlighted with their corrections as
// comments), Corrections (every correction of every verdeelbesluit, the
// reviewer's decisions included), National (pipeline/national.h).
#ifndef VERDEELSCAN_PIPELINE_EXPORTS_XLSX_H_
#define VERDEELSCAN_PIPELINE_EXPORTS_XLSX_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/exports.h"
#include "pipeline/exports_besluit.h"

struct lxw_worksheet;
struct lxw_format;

namespace verdeelscan {

// One sheet being written: a header row, then rows; Finish sets the widths,
// freezes the header and puts an autofilter over what was written.
class SheetWriter {
 public:
  SheetWriter() = default;
  SheetWriter(lxw_worksheet* ws, lxw_format* bold, const std::vector<std::string>& header);
  bool ok() const { return ws_ != nullptr; }
  // Cells of the current row. Text is made valid UTF-8 without control
  // characters; an empty text leaves the cell empty.
  void Text(int col, const std::string& text, lxw_format* format = nullptr);
  void Number(int col, double value, lxw_format* format = nullptr);
  // A number as a number, anything else as PlainText.
  void Value(int col, const nlohmann::json& value);
  void Comment(int col, const std::string& text);
  void NextRow() { ++row_; }
  void Finish();

 private:
  void Widen(int col, size_t chars);
  lxw_worksheet* ws_ = nullptr;
  int row_ = 1;
  std::vector<size_t> widths_;
};

// The workbook exporter writing DIR/allocations.xlsx; `copies` says which
// besluit records are copies of another (their rows are not repeated).
std::unique_ptr<Exporter> XlsxExporter(const std::string& dir,
                                       std::shared_ptr<const BesluitCopies> copies);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_EXPORTS_XLSX_H_
