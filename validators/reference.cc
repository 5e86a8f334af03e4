#include "validators/reference.h"

#include <algorithm>
#include <sstream>

namespace verdeelscan {
namespace reference_data {
extern const char kGemeentenCsv[];
extern const char kOpgaveCsv[];
}  // namespace reference_data

namespace {

// RFC 4180 fields of one line (quotes, doubled quotes).
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

std::vector<std::vector<std::string>> CsvRows(const char* text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    if (line.empty()) continue;
    rows.push_back(CsvFields(line));
  }
  return rows;
}

std::optional<long> OptionalNumber(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return std::stol(s);
}

}  // namespace

const Reference& Reference::Default() {
  static const Reference* ref = [] {
    auto* r = new Reference;
    for (const auto& f : CsvRows(reference_data::kGemeentenCsv)) {
      if (f.size() < 3) continue;
      Municipality m{f[0], f[1], f[2], {}};
      if (f.size() > 3 && !f[3].empty()) {
        std::istringstream aliases(f[3]);
        std::string a;
        while (std::getline(aliases, a, ';')) {
          if (!a.empty()) m.aliases.push_back(a);
        }
      }
      if (std::find(r->provinces_.begin(), r->provinces_.end(), m.province) ==
          r->provinces_.end()) {
        r->provinces_.push_back(m.province);
      }
      r->municipalities_.push_back(std::move(m));
    }
    for (const auto& f : CsvRows(reference_data::kOpgaveCsv)) {
      if (f.size() < 5) continue;
      r->opgave_.push_back(
          {f[0], OptionalNumber(f[1]), OptionalNumber(f[2]), OptionalNumber(f[3]), f[4]});
    }
    return r;
  }();
  return *ref;
}

std::vector<const Municipality*> Reference::InProvince(std::string_view province) const {
  std::vector<const Municipality*> out;
  for (const Municipality& m : municipalities_) {
    if (province.empty() || m.province == province) out.push_back(&m);
  }
  return out;
}

const Municipality* Reference::ByCode(std::string_view cbs_code) const {
  for (const Municipality& m : municipalities_) {
    if (m.cbs_code == cbs_code) return &m;
  }
  return nullptr;
}

const ProvincialOpgave* Reference::OpgaveFor(std::string_view province) const {
  for (const ProvincialOpgave& o : opgave_) {
    if (o.province == province) return &o;
  }
  return nullptr;
}

}  // namespace verdeelscan
