#include "pipeline/illegible_fields.h"

#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace verdeelscan {

nlohmann::json& FieldSlot(Record& r, const std::string& field) {
  const size_t dot = field.find('.');
  const std::string head = field.substr(0, dot);
  nlohmann::json& root = head == "meta" ? r.meta : r.extra[head];
  if (dot == std::string::npos) return root;
  std::string pointer = "/" + field.substr(dot + 1);
  std::replace(pointer.begin(), pointer.end(), '.', '/');
  return root[nlohmann::json::json_pointer(pointer)];
}

nlohmann::json IllegibleValue(const nlohmann::json& asked, const std::string& digits) {
  static const RE2 kNumber(R"(\d{1,6})"), kIdentifier(R"(\d{5,10})"), kDay(R"(\d{1,2})");
  const std::string type = asked.value("type", "number");
  if (type == "identifier")
    return RE2::FullMatch(digits, kIdentifier) ? nlohmann::json(digits) : nlohmann::json();
  if (type == "number")
    return RE2::FullMatch(digits, kNumber) ? nlohmann::json(std::stol(digits)) : nlohmann::json();
  int year = 0;
  unsigned month = 0, day = 0;
  if (!RE2::FullMatch(digits, kDay) ||
      std::sscanf(asked.value("month", "").c_str(), "%d-%u", &year, &month) != 2)
    return nullptr;
  day = static_cast<unsigned>(std::stoi(digits));
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  if (!date.ok()) return nullptr;
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", year, month, day);
  return iso;
}

void TakeIllegibleReading(const nlohmann::json& asked, const CellReading& reading,
                          double min_confidence, Record& r) {
  using nlohmann::json;
  const json value = IllegibleValue(asked, reading.text);
  if (value.is_null() || reading.confidence < min_confidence) return;
  const std::string field = asked["field"].get<std::string>();
  FieldSlot(r, field) = value;
  // An optional field (a cover letter's reference) was never unread: no key
  // is made for it.
  if (auto unread = r.extra.find("unread_fields"); unread != r.extra.end() && unread->is_array()) {
    unread->erase(std::remove(unread->begin(), unread->end(), json(field)), unread->end());
    if (unread->empty()) r.extra.erase(unread);
  }
  Check c;
  c.id = "field.illegible_reread";
  c.status = CheckStatus::kFail;
  c.expected = {{"field", field}, {"read_by", "the page's recogniser"}};
  c.actual = {{"field", field},
              {"raw", asked["raw"]},
              {"reread", reading.text},
              {"confidence", std::round(reading.confidence * 100) / 100}};
  c.detail = field + " was read as '" + asked["raw"].get<std::string>() + "' (line " +
             std::to_string(asked.value("line", -1)) +
             "); a digits-only re-read of its box gives " + reading.text +
             ", one reading: confirm it on the page";
  r.checks.push_back(c);
  if (r.status == RecordStatus::kValid) r.status = RecordStatus::kNeedsReview;
}

}  // namespace verdeelscan
