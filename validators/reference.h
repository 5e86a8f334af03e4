// Reference data compiled into the binary (from reference/, see
// reference/SOURCES.md): the 342 municipalities of 2024 with CBS codes and
// provinces, and the stated provincial opgave per province.
#ifndef VERDEELSCAN_VALIDATORS_REFERENCE_H_
#define VERDEELSCAN_VALIDATORS_REFERENCE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verdeelscan {

struct Municipality {
  std::string cbs_code;  // "GM0148"
  std::string name;      // official CBS 2024 name, "Dalfsen"
  std::string province;  // "Overijssel", "Fryslân"
  std::vector<std::string> aliases;  // "Hengelo (O.)", "Den Haag", ...
};

struct ProvincialOpgave {
  std::string province;
  std::optional<long> regulier, amv, totaal;
  std::string source;
};

class Reference {
 public:
  // The compiled-in data; parsed once, thread-safe.
  static const Reference& Default();

  const std::vector<Municipality>& municipalities() const { return municipalities_; }
  std::vector<const Municipality*> InProvince(std::string_view province) const;
  const Municipality* ByCode(std::string_view cbs_code) const;
  // The 12 official province names.
  const std::vector<std::string>& provinces() const { return provinces_; }
  const ProvincialOpgave* OpgaveFor(std::string_view province) const;

 private:
  std::vector<Municipality> municipalities_;
  std::vector<std::string> provinces_;
  std::vector<ProvincialOpgave> opgave_;
};

}  // namespace verdeelscan

#endif  // VERDEELSCAN_VALIDATORS_REFERENCE_H_
