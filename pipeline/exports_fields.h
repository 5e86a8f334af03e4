// Defensive field access for the exporters: records come from the catalogue,
// which may hold records of older versions or of merged shards. Any field may
// be missing or of another type; none of these throws.
#ifndef VERDEELSCAN_PIPELINE_EXPORTS_FIELDS_H_
#define VERDEELSCAN_PIPELINE_EXPORTS_FIELDS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace verdeelscan::exports {

inline const nlohmann::json& Get(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

// Only a string counts (for names compared with others: a number is not one).
inline std::string StringOf(const nlohmann::json& j, const char* key) {
  const nlohmann::json& v = Get(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}

inline const nlohmann::json& ArrayOf(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  const nlohmann::json& v = Get(j, key);
  return v.is_array() ? v : kEmpty;
}

inline long IntOf(const nlohmann::json& j, const char* key, long fallback) {
  const nlohmann::json& v = Get(j, key);
  if (v.is_number_integer()) return v.get<long>();
  if (v.is_number()) return static_cast<long>(v.get<double>());
  return fallback;
}

inline std::string FileOf(const nlohmann::json& rec) {
  return StringOf(Get(rec, "source"), "file");
}

// A value as a person reads it in a cell: a string as is, a number as
// written, a list as its items joined by "; ", an object as "key: value"
// pairs joined by ", " (never JSON syntax); null is "".
std::string PlainText(const nlohmann::json& v);

// The verdeelbesluiten among the records an output was given, for the
// national picture (pipeline/national.h), which needs them all at once.
class BesluitCollector {
 public:
  void Render(const nlohmann::json& rec) {
    pending_.reset();
    if (StringOf(rec, "kind") == "verdeelbesluit") pending_ = rec;
  }
  void Add() {
    if (pending_) besluiten_.push_back(std::move(*pending_));
    pending_.reset();
  }
  const std::vector<nlohmann::json>& besluiten() const { return besluiten_; }

 private:
  std::optional<nlohmann::json> pending_;
  std::vector<nlohmann::json> besluiten_;
};

}  // namespace verdeelscan::exports

#endif  // VERDEELSCAN_PIPELINE_EXPORTS_FIELDS_H_
