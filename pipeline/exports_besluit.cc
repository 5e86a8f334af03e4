#include "pipeline/exports_besluit.h"

#include <algorithm>
#include <tuple>

#include "pipeline/review_page.h"

namespace verdeelscan {
namespace {

using nlohmann::json;

const json& Get(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::string StringOf(const json& j, const char* key) {
  const json& v = Get(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}

// A record's identity within one export: its file and full key (two records
// never share both; the catalogue keeps one copy of identical files).
std::string Identity(const json& rec) {
  return StringOf(Get(rec, "source"), "file") + '\n' + RecordKey(rec);
}

// The allocations as a comparable value: per row the municipality (code, or
// the name when unmatched) and the three numbers, sorted.
std::vector<std::string> AllocationSignature(const json& rec) {
  std::vector<std::string> rows;
  const json& allocations = Get(rec, "allocations");
  if (!allocations.is_array()) return rows;
  for (const json& a : allocations) {
    std::string who = StringOf(a, "cbs_code");
    if (who.empty()) who = StringOf(a, "gemeente");
    if (who.empty()) who = "raw:" + StringOf(Get(a, "raw"), "gemeente");
    std::string row = who;
    for (const char* f : {"regulier", "amv", "totaal"}) row += '|' + Get(a, f).dump();
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

std::string DocumentId(const json& record) {
  const std::string key = RecordKey(record);  // "<sha256>:p3-5"
  const size_t colon = key.rfind(':');
  const std::string sha = key.substr(0, colon), range = key.substr(colon);
  return sha.substr(0, std::min<size_t>(16, sha.size())) + range;
}

BesluitKey BesluitKeyOf(const json& record) {
  const json& meta = Get(record, "meta");
  return {StringOf(meta, "province"), StringOf(meta, "date"), StringOf(meta, "reference"),
          DocumentId(record), StringOf(record, "status")};
}

bool PublishableBesluit(const json& record) {
  const std::string s = StringOf(record, "status");
  return StringOf(record, "kind") == "verdeelbesluit" &&
         (s == "valid" || s == "repaired" || s == "reviewed");
}

BesluitCopies::BesluitCopies(const std::vector<json>& records) {
  using Group = std::tuple<std::string, std::string, std::string, std::vector<std::string>>;
  std::map<Group, const json*> first;
  // Path order, so the shown copy does not depend on the order given.
  std::vector<const json*> ordered;
  for (const json& r : records)
    if (PublishableBesluit(r)) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const json* a, const json* b) { return Identity(*a) < Identity(*b); });
  for (const json* r : ordered) {
    const BesluitKey key = BesluitKeyOf(*r);
    Group group{key.province, key.date, key.reference, AllocationSignature(*r)};
    auto [it, inserted] = first.emplace(std::move(group), r);
    if (inserted) continue;
    copy_of_[Identity(*r)] = DocumentId(*it->second);
    also_in_[Identity(*it->second)].push_back(StringOf(Get(*r, "source"), "file") + " (" +
                                              key.document_id + ")");
  }
}

bool BesluitCopies::Shown(const json& record) const {
  return copy_of_.find(Identity(record)) == copy_of_.end();
}

std::vector<std::string> BesluitCopies::AlsoIn(const json& record) const {
  auto it = also_in_.find(Identity(record));
  return it == also_in_.end() ? std::vector<std::string>{} : it->second;
}

std::string BesluitCopies::ShownAs(const json& record) const {
  auto it = copy_of_.find(Identity(record));
  return it == copy_of_.end() ? DocumentId(record) : it->second;
}

}  // namespace verdeelscan
