// The besluit's key on every tabular row (allocations.csv, review.csv, the
// workbook, the catalogue's `allocations` table), and which records are the
// same besluit read from two files.
//
// A row of allocations says which besluit it comes from: province, the
// besluit's date and reference (as the document states them), a stable
// document id (the first 16 hex digits of the source file's sha256 and the
// record's page or line range: "1f3a…:p3-5", "dffe…:l212-1487"; ":all" when
// the record has no range) and the record's status.
//
// The same besluit found in two files (a Woo bundle and the single besluit)
// is one besluit: two publishable verdeelbesluit records with the same
// province, date and reference and the same allocations (every row's
// municipality and numbers) are copies; the first in path order gives the
// rows, the others are listed beside them ("also_in"). Two besluiten of one
// province with another date or reference (an amended besluit) are both kept;
// their rows are told apart by date and reference. Two readings with the same
// key but other allocations are both kept too (told apart by document id):
// choosing between them is a person's work.
#ifndef VERDEELSCAN_PIPELINE_EXPORTS_BESLUIT_H_
#define VERDEELSCAN_PIPELINE_EXPORTS_BESLUIT_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace verdeelscan {

struct BesluitKey {
  std::string province, date, reference, document_id, status;
};

// The document id of a record: "<sha256[:16]>:p3-5", ":l212-1487" or ":all".
std::string DocumentId(const nlohmann::json& record);
// The key of any record (fields it lacks are "").
BesluitKey BesluitKeyOf(const nlohmann::json& record);

// valid, repaired or reviewed verdeelbesluit: its rows go to allocations.csv.
bool PublishableBesluit(const nlohmann::json& record);

// Which publishable besluit records are copies of another (see above).
class BesluitCopies {
 public:
  BesluitCopies() = default;  // every record stands alone
  explicit BesluitCopies(const std::vector<nlohmann::json>& records);
  // False for a copy whose rows another record gives.
  bool Shown(const nlohmann::json& record) const;
  // The other copies of a shown record: "file (document id)", in path order.
  std::vector<std::string> AlsoIn(const nlohmann::json& record) const;
  // The document id whose rows stand for `record` (its own when shown).
  std::string ShownAs(const nlohmann::json& record) const;

 private:
  std::map<std::string, std::string> copy_of_;  // copy's identity -> shown document id
  std::map<std::string, std::vector<std::string>> also_in_;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_EXPORTS_BESLUIT_H_
