// Structure-aware libFuzzer target for the text path (ExtractText: loading,
// UTF-8 repair, classification, prose and toelichting fields, the dump table
// reader, repair and validation, JSON). The fuzzer's bytes do not go in as
// text: they drive a generator that assembles what OCR of real Woo releases
// looks like when it goes wrong: a sideways page read as text (one or two
// letters per line), digits mixed with letters, municipality names broken by
// the OCR, table fragments (header words, blocks of numbers, Totaal rows,
// pipe tables, nil dashes), page furniture, very long lines, huge numbers,
// empty and repeated lines, and raw bytes (also invalid UTF-8). Mutating a
// byte changes a choice of the generator, so the fuzzer explores shapes of
// documents rather than spellings of bytes.
//
// Any crash, sanitizer report, timeout or out-of-memory is a bug: whatever
// tokens reach the dump reader, it must give a record. ToJson(...).dump()
// throws on invalid UTF-8, so an uncaught exception there is a bug too.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "pipeline/extract.h"
#include "validators/reference.h"

namespace {

using verdeelscan::Reference;

// The generated text stays below this many bytes: the text path is linear,
// and a bigger text only makes each run slower.
constexpr size_t kMaxText = 256 * 1024;

const char* const kProse[] = {
    "Besluit van Gedeputeerde Staten van Overijssel",
    "houdende de verdeling van opvangplaatsen over gemeenten (verdeelbesluit)",
    "Gelet op artikel 2, derde lid, van de Wet gemeentelijke taak mogelijk maken "
    "asielopvangvoorzieningen;",
    "Artikel I",
    "Artikel II",
    "Artike1 1",
    "De opvangplaatsen worden als volgt over de gemeenten verdeeld:",
    "verdeeld:",
    "Toelichting",
    "De provinciale opgave bedraagt 5.787 reguliere opvangplaatsen en 538 amv-opvangplaatsen.",
    "Van de opgave zijn 1.200 plaatsen reeds gerealiseerd, de restopgave is 4.587.",
    "Zwolle, 20 december 2024",
    "Gedeputeerde Staten van Overijssel,",
    "de secretaris, de voorzitter,",
    "Tabel 1: Verdeling asielopvangplaatsen over gemeenten",
    "Dit besluit treedt in werking met ingang van de dag na publicatie in het Provinciaal Blad.",
    "Geachte heer, mevrouw,",
    "Hoogachtend,",
    "Onderwerp: Verdeelbesluit asielopvang",
    "Provinciaal Blad 2024, nr. 12345",
};

const char* const kHeaderWords[] = {
    "Gemeente",
    "Gemeenten",
    "Naam gemeente",
    "Reguliere",
    "Regulier",
    "opvangplaatsen",
    "Amv-",
    "Amv",
    "amv-opvangplaatsen",
    "Totaal",
    "Totaal aantal",
    "Aantal",
    "oovanoolaatsenoovanqplaatsen",
    "Reguliere opvangplaatsen",
    "Amv-opvangplaatsen",
    "alleenstaande minderjarige vreemdelingen (amv)",
    "Gerneente",
    "Tctaal",
    "Reguliere Amv Totaal",
    "Gemeente Reguliere opvangplaatsen Amv-opvangplaatsen Totaal",
    "|",
    ",",
    "-",
    "—",
};

const char* const kFurniture[] = {
    "Pagina 2 van 3",       "Pagina 1", "Blad 2/5", "- 2 -",       "Datum",
    "20 december 2024",     "Kenmerk",  "6015733",  "Ons kenmerk", "Uw referentie",
    "Datum 1 januari 2025", "\f",
};

// Letters OCR confuses with digits and the other way round.
const char kConfusables[] = "oOlLIiSsBbZzgqGTt|!";
const char* const kDashes[] = {"-", "–", "—", "‐", "−"};

class Generator {
 public:
  explicit Generator(const uint8_t* data, size_t size) : in_(data, size) {}

  std::string Run() {
    while (in_.remaining_bytes() > 0 && out_.size() < kMaxText) {
      switch (in_.ConsumeIntegralInRange<int>(0, 17)) {
        case 0:
          Line(Pick(kProse));
          break;
        case 1:
          Line(Name());
          break;
        case 2:
          Line(Header());
          break;
        case 3:
          NumbersBlock();
          break;
        case 4:
          Line(Row());
          break;
        case 5:
          Line(TotaalRow());
          break;
        case 6:
          Line(Pick(kDashes));
          break;
        case 7:
          SidewaysPage();
          break;
        case 8:
          LongLine();
          break;
        case 9:
          Line("");
          break;
        case 10:
          RepeatLast();
          break;
        case 11:
          Line(Pick(kFurniture));
          break;
        case 12:
          RawBytes();
          break;
        case 13:
          Line(MixedToken() + " " + MixedToken());
          break;
        case 14:
          Table();
          break;
        case 15:
          Line(PipeRow());
          break;
        case 16:
          NameBrokenOverLines();
          break;
        case 17:
          Line(Number());
          break;
      }
    }
    return out_;
  }

 private:
  template <size_t N>
  const char* Pick(const char* const (&list)[N]) {
    return list[in_.ConsumeIntegralInRange<size_t>(0, N - 1)];
  }

  void Line(const std::string& s) {
    out_ += s;
    out_ += in_.ConsumeBool() ? "\n" : "\r\n";
    last_ = s;
  }

  // A municipality's name, sometimes damaged as OCR damages it: a letter
  // dropped, doubled or replaced by a look-alike, a space lost or added.
  std::string Name() {
    const auto& all = Reference::Default().municipalities();
    std::string name = all[in_.ConsumeIntegralInRange<size_t>(0, all.size() - 1)].name;
    const int damage = in_.ConsumeIntegralInRange<int>(0, 4);
    for (int d = 0; d < damage && !name.empty(); ++d) {
      const size_t at = in_.ConsumeIntegralInRange<size_t>(0, name.size() - 1);
      switch (in_.ConsumeIntegralInRange<int>(0, 4)) {
        case 0:
          name.erase(at, 1);
          break;
        case 1:
          name.insert(at, 1, name[at]);
          break;
        case 2:
          name[at] = kConfusables[in_.ConsumeIntegralInRange<size_t>(0, sizeof kConfusables - 2)];
          break;
        case 3:
          name.insert(at, " ");
          break;
        case 4:
          name.insert(at, std::to_string(in_.ConsumeIntegralInRange<int>(0, 9)));
          break;
      }
    }
    return name;
  }

  // A cell: a clean number, Dutch thousands, a huge or negative number, a
  // number damaged into letters, a nil dash.
  std::string Number() {
    switch (in_.ConsumeIntegralInRange<int>(0, 7)) {
      case 0:
        return std::to_string(in_.ConsumeIntegralInRange<int>(0, 999));
      case 1:
        return std::to_string(in_.ConsumeIntegralInRange<int>(1, 9)) + "." +
               std::to_string(in_.ConsumeIntegralInRange<int>(100, 999));
      case 2:
        return std::to_string(in_.ConsumeIntegral<uint64_t>()) +
               std::to_string(in_.ConsumeIntegral<uint64_t>());  // 40 digits
      case 3:
        return "-" + std::to_string(in_.ConsumeIntegralInRange<int>(0, 99999));
      case 4:
        return MixedToken();
      case 5:
        return Pick(kDashes);
      case 6:
        return std::string(
            1, kConfusables[in_.ConsumeIntegralInRange<size_t>(0, sizeof kConfusables - 2)]);
      default:
        return std::to_string(in_.ConsumeIntegralInRange<int>(0, 99)) + " " +
               std::to_string(in_.ConsumeIntegralInRange<int>(0, 999));  // split by a space
    }
  }

  // Digits mixed with letters: "L42", "4a7b", "2I", "l0O", "5g".
  std::string MixedToken() {
    std::string t;
    const int n = in_.ConsumeIntegralInRange<int>(1, 6);
    for (int i = 0; i < n; ++i) {
      t += in_.ConsumeBool()
               ? static_cast<char>('0' + in_.ConsumeIntegralInRange<int>(0, 9))
               : kConfusables[in_.ConsumeIntegralInRange<size_t>(0, sizeof kConfusables - 2)];
    }
    return t;
  }

  std::string Header() {
    std::string h;
    const int n = in_.ConsumeIntegralInRange<int>(1, 5);
    for (int i = 0; i < n; ++i) h += (i ? " " : "") + std::string(Pick(kHeaderWords));
    return h;
  }

  void NumbersBlock() {
    const int n = in_.ConsumeIntegralInRange<int>(1, 40);
    for (int i = 0; i < n && out_.size() < kMaxText; ++i) Line(Number());
  }

  // A row, its name anywhere among its numbers: "Almelo 468 0 468", "28
  // Almere 77 105", a row with too many or too few numbers.
  std::string Row() {
    const int numbers = in_.ConsumeIntegralInRange<int>(0, 6);
    const int name_at = in_.ConsumeIntegralInRange<int>(0, numbers);
    std::string row;
    for (int i = 0; i <= numbers; ++i) {
      if (!row.empty()) row += " ";
      row += i == name_at ? Name() : Number();
    }
    return row;
  }

  std::string TotaalRow() {
    static const char* const kLabels[] = {
        "Totaal",          "Eindtotaal", "Totaal provincie Overijssel",
        "Totaal generaal", "Tota al",    "Totaal Zeeland"};
    std::string row = Pick(kLabels);
    const int numbers = in_.ConsumeIntegralInRange<int>(0, 4);
    for (int i = 0; i < numbers; ++i) row += " " + Number();
    return row;
  }

  std::string PipeRow() {
    std::string row = "| " + Name();
    const int numbers = in_.ConsumeIntegralInRange<int>(0, 4);
    for (int i = 0; i < numbers; ++i) row += " | " + Number();
    return row + (in_.ConsumeBool() ? " |" : "");
  }

  // A page read sideways: every line one or two letters (or a digit).
  void SidewaysPage() {
    const int n = in_.ConsumeIntegralInRange<int>(1, 200);
    for (int i = 0; i < n && out_.size() < kMaxText; ++i) {
      std::string l;
      const int len = in_.ConsumeIntegralInRange<int>(1, 2);
      for (int k = 0; k < len; ++k) {
        const int c = in_.ConsumeIntegralInRange<int>(0, 2);
        l += c == 0 ? static_cast<char>('a' + in_.ConsumeIntegralInRange<int>(0, 25))
             : c == 1
                 ? static_cast<char>('0' + in_.ConsumeIntegralInRange<int>(0, 9))
                 : kConfusables[in_.ConsumeIntegralInRange<size_t>(0, sizeof kConfusables - 2)];
      }
      Line(l);
    }
  }

  // A whole table: optional header, then rows or column blocks.
  void Table() {
    if (in_.ConsumeBool()) Line(Header());
    const int rows = in_.ConsumeIntegralInRange<int>(1, 60);
    if (in_.ConsumeBool()) {
      for (int i = 0; i < rows && out_.size() < kMaxText; ++i)
        Line(in_.ConsumeBool() ? Row() : PipeRow());
    } else {
      for (int i = 0; i < rows && out_.size() < kMaxText; ++i) Line(Name());
      const int blocks = in_.ConsumeIntegralInRange<int>(0, 4);
      for (int b = 0; b < blocks; ++b) {
        if (in_.ConsumeBool()) Line(Header());
        const int cells = rows + in_.ConsumeIntegralInRange<int>(-2, 2);
        for (int i = 0; i < cells && out_.size() < kMaxText; ++i) Line(Number());
      }
    }
    if (in_.ConsumeBool()) Line(TotaalRow());
  }

  void NameBrokenOverLines() {
    std::string name = Name();
    const size_t at = name.empty() ? 0 : in_.ConsumeIntegralInRange<size_t>(0, name.size());
    Line(name.substr(0, at));
    Line(name.substr(at) +
         (in_.ConsumeBool() ? " " + Number() + " " + Number() + " " + Number() : ""));
  }

  void LongLine() {
    const std::string unit = in_.ConsumeBool() ? Number() + " " : Name() + " ";
    const size_t times = in_.ConsumeIntegralInRange<size_t>(1, 20000);
    std::string l;
    for (size_t i = 0; i < times && out_.size() + l.size() < kMaxText; ++i) l += unit;
    Line(l);
  }

  void RepeatLast() {
    const int n = in_.ConsumeIntegralInRange<int>(1, 300);
    const std::string again = last_;
    for (int i = 0; i < n && out_.size() < kMaxText; ++i) Line(again);
  }

  // Bytes as they come: invalid UTF-8, control characters, a NUL.
  void RawBytes() { Line(in_.ConsumeRandomLengthString(64)); }

  FuzzedDataProvider in_;
  std::string out_, last_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = Generator(data, size).Run();
  // DUMP_READER_PRINT=1 dump_reader_fuzzer ARTEFACT: the text an input stands for.
  static const bool print = std::getenv("DUMP_READER_PRINT") != nullptr;
  if (print) std::fwrite(text.data(), 1, text.size(), stdout);
  for (const verdeelscan::Record& r : verdeelscan::ExtractText(text, "fuzz.txt")) {
    (void)verdeelscan::ToJson(r).dump();
  }
  return 0;
}
