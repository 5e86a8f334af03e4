#include "validators/glyph_model.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace verdeelscan {
namespace {

struct DigitOption {
  char digit;  // '0'..'9'
  int cost;
  std::string reason;
  bool lookalike = false;  // counts against max_lookalikes
};

// Digits that OCR confuses with one another in common fonts.
const char* LookAlikes(char d) {
  switch (d) {
    case '0':
      return "869";
    case '1':
      return "74";
    case '2':
      return "7";
    case '3':
      return "85";
    case '4':
      return "19";
    case '5':
      return "63";
    case '6':
      return "580";
    case '7':
      return "12";
    case '8':
      return "3609";
    case '9':
      return "804";
  }
  return "";
}

// Glyphs that stand for a digit: primary reading first, then an alternative.
struct GlyphEntry {
  char primary;
  char alternative;  // 0 when none
};

std::optional<GlyphEntry> GlyphFor(char c) {
  switch (c) {
    case 'L':
    case 'l':
    case 'I':
    case 'i':
    case 't':
    case 'r':
    case '|':
    case '!':
    case 'j':
    case 'J':
    case ']':
    case '[':
    case 'f':
    case '/':
      return GlyphEntry{'1', 0};
    case 'T':
      return GlyphEntry{'7', '1'};
    case 's':
    case 'S':
    case '$':
      return GlyphEntry{'5', 0};
    case 'B':
      return GlyphEntry{'8', '3'};
    case 'a':
      return GlyphEntry{'8', 0};
    case '&':
      return GlyphEntry{'8', 0};
    case 'o':
    case 'O':
    case 'D':
    case 'Q':
    case 'U':
    case 'u':
      return GlyphEntry{'0', 0};
    case 'Z':
    case 'z':
      return GlyphEntry{'2', 0};
    case 'G':
    case 'b':
      return GlyphEntry{'6', 0};
    case 'g':
    case 'q':
      return GlyphEntry{'9', 0};
    case 'A':
      return GlyphEntry{'4', 0};
    case '?':
      return GlyphEntry{'7', 0};
  }
  return std::nullopt;
}

// Splits a UTF-8 string into code points (as byte strings).
std::vector<std::string> Symbols(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    n = std::min(n, s.size() - i);
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

bool IsDigitLike(const std::string& sym) {
  return sym.size() == 1 && (std::isdigit(static_cast<unsigned char>(sym[0])) || GlyphFor(sym[0]));
}

// Removes whitespace, wrapping punctuation and Dutch thousands separators.
std::vector<std::string> NormalizeSymbols(std::string_view raw) {
  std::vector<std::string> syms;
  for (std::string& s : Symbols(raw)) {
    if (s.size() == 1 && std::isspace(static_cast<unsigned char>(s[0]))) continue;
    syms.push_back(std::move(s));
  }
  auto is_noise = [](const std::string& s) {
    return s == "." || s == "," || s == "'" || s == "\"" || s == ":" || s == ";" || s == "’" ||
           s == "‘" || s == "-" || s == "_" || s == "(" || s == ")" || s == "*";
  };
  while (!syms.empty() && is_noise(syms.back())) syms.pop_back();
  while (!syms.empty() && is_noise(syms.front())) syms.erase(syms.begin());
  // A '.' or ',' followed by exactly three digit-like symbols (then the end or
  // another separator) is a thousands separator: "5.787", "1.936".
  std::vector<std::string> out;
  for (size_t i = 0; i < syms.size(); ++i) {
    if ((syms[i] == "." || syms[i] == ",") && i > 0) {
      size_t j = i + 1;
      while (j < syms.size() && IsDigitLike(syms[j])) ++j;
      bool next_is_sep = j == syms.size() || syms[j] == "." || syms[j] == ",";
      if (j - i - 1 == 3 && next_is_sep) continue;
    }
    out.push_back(syms[i]);
  }
  return out;
}

struct Partial {
  std::string digits;
  int cost = 0;
  int lookalikes = 0;
  std::vector<std::string> reasons;
};

std::string JoinReasons(const std::vector<std::string>& reasons) {
  std::string out;
  for (const std::string& r : reasons) {
    if (!out.empty()) out += ", ";
    out += r;
  }
  return out;
}

// A glyph's digit may itself be a look-alike of the printed one: "7o1" for
// 791 (a 9 whose tail faded reads as "o", which stands for 0 first). Priced
// as the glyph plus a look-alike, and counted as one, so that only the
// arithmetic takes it.
void AddGlyphLookAlikes(const std::string& sym, char primary, const GlyphModelOptions& opt,
                        std::vector<DigitOption>& options) {
  for (const char* p = LookAlikes(primary); *p; ++p) {
    bool known = false;
    for (const DigitOption& o : options) known = known || o.digit == *p;
    if (known) continue;
    options.push_back({*p, opt.glyph_cost + opt.lookalike_cost,
                       "glyph " + sym + "→" + primary + ", look-alike " + primary + "→" + *p,
                       true});
  }
}

// A lone 0 whose oval the recogniser split into brackets around its inner
// dot or slash (a dotted or slashed zero, "0" in Liberation Mono): "(5)",
// "(9)", "le)", "[.]". Table cells hold no brackets, so a short token with a
// bracket at either end may be that 0. Priced as an ambiguous glyph: the
// bracket is certainly damage, whether the middle is a digit is the doubt.
bool MayBeBracketedZero(std::string_view raw) {
  std::vector<std::string> syms;
  for (std::string& s : Symbols(raw)) {
    if (s.size() == 1 && std::isspace(static_cast<unsigned char>(s[0]))) continue;
    syms.push_back(std::move(s));
  }
  if (syms.size() < 2 || syms.size() > 3) return false;
  auto opens = [](const std::string& s) { return s == "(" || s == "[" || s == "{"; };
  auto closes = [](const std::string& s) { return s == ")" || s == "]" || s == "}"; };
  return opens(syms.front()) || closes(syms.back());
}

}  // namespace

bool IsNilDash(std::string_view token) {
  return token == "-" || token == "\u2013" || token == "\u2014" || token == "\u2212";
}

std::vector<Reading> CellReadings(std::string_view raw, const GlyphModelOptions& options) {
  if (IsNilDash(raw)) return {Reading{0, 0, ""}};
  return NumberReadings(raw, options);
}

// NumberReadings() without the bracketed zero.
static std::vector<Reading> PlainNumberReadings(std::string_view raw,
                                                const GlyphModelOptions& opt) {
  std::vector<std::string> syms = NormalizeSymbols(raw);
  if (syms.empty() || syms.size() > 8) return {};

  // Options per symbol.
  std::vector<std::vector<DigitOption>> per_symbol;
  int unknown = 0, digits = 0;
  for (const std::string& s : syms) {
    std::vector<DigitOption> options;
    if (s.size() == 1 && std::isdigit(static_cast<unsigned char>(s[0]))) {
      ++digits;
      options.push_back({s[0], 0, ""});
      for (const char* p = LookAlikes(s[0]); *p; ++p) {
        options.push_back(
            {*p, opt.lookalike_cost, std::string("look-alike ") + s + "→" + *p, true});
      }
    } else if (auto g = s.size() == 1 ? GlyphFor(s[0]) : std::nullopt) {
      options.push_back({g->primary, opt.glyph_cost, "glyph " + s + "→" + g->primary});
      if (g->alternative) {
        options.push_back(
            {g->alternative, opt.alt_glyph_cost, "glyph " + s + "→" + g->alternative});
      }
      AddGlyphLookAlikes(s, g->primary, opt, options);
    } else {
      ++unknown;
      for (char d = '0'; d <= '9'; ++d) {
        options.push_back({d, opt.unknown_symbol_cost, "unknown symbol " + s + "→" + d});
      }
      options.push_back({0, opt.unknown_symbol_cost, "spurious symbol " + s + " dropped"});
    }
    per_symbol.push_back(std::move(options));
  }
  if (unknown > opt.max_unknown_symbols || digits + static_cast<int>(syms.size()) - unknown == 0) {
    return {};
  }

  // Depth-first enumeration, pruned by cost and look-alike count.
  std::vector<Partial> complete;
  std::vector<Partial> stack = {Partial{}};
  for (size_t i = 0; i < per_symbol.size(); ++i) {
    std::vector<Partial> next;
    for (const Partial& p : stack) {
      for (const DigitOption& o : per_symbol[i]) {
        const bool is_lookalike = o.lookalike;
        if (p.cost + o.cost > opt.max_cost) continue;
        if (is_lookalike && p.lookalikes + 1 > opt.max_lookalikes) continue;
        Partial q = p;
        if (o.digit) q.digits += o.digit;
        q.cost += o.cost;
        if (is_lookalike) ++q.lookalikes;
        if (!o.reason.empty()) q.reasons.push_back(o.reason);
        next.push_back(std::move(q));
      }
    }
    stack = std::move(next);
  }
  complete = std::move(stack);

  // Glyphs lost or gained, applied to the cheapest plain reading.
  if (opt.allow_indels && !complete.empty()) {
    auto cheapest =
        std::min_element(complete.begin(), complete.end(),
                         [](const Partial& a, const Partial& b) { return a.cost < b.cost; });
    Partial base = *cheapest;
    if (base.cost + opt.indel_cost <= opt.max_cost && !base.digits.empty()) {
      for (size_t pos = 0; pos < base.digits.size(); ++pos) {
        Partial q = base;
        q.digits.erase(pos, 1);
        q.cost += opt.indel_cost;
        q.reasons.push_back(std::string("extra glyph ") + base.digits[pos] + " dropped");
        if (!q.digits.empty()) complete.push_back(std::move(q));
      }
      for (size_t pos = 0; pos <= base.digits.size(); ++pos) {
        for (char d = '0'; d <= '9'; ++d) {
          Partial q = base;
          q.digits.insert(q.digits.begin() + pos, d);
          q.cost += opt.indel_cost;
          q.reasons.push_back(std::string("lost glyph ") + d + " restored");
          complete.push_back(std::move(q));
        }
      }
    }
  }

  std::map<long, Reading> best;
  for (Partial& p : complete) {
    if (p.digits.empty() || p.digits.size() > 7) continue;
    // A leading zero on a multi-digit number is itself suspicious.
    if (p.digits.size() > 1 && p.digits[0] == '0') {
      p.cost += opt.alt_glyph_cost;
      p.reasons.push_back("leading zero");
    }
    if (p.cost > opt.max_cost) continue;
    long value = std::stol(p.digits);
    if (value > opt.max_value) continue;
    auto it = best.find(value);
    if (it == best.end() || p.cost < it->second.cost) {
      best[value] = Reading{value, p.cost, JoinReasons(p.reasons)};
    }
  }
  std::vector<Reading> out;
  out.reserve(best.size());
  for (auto& [v, r] : best) out.push_back(std::move(r));
  std::stable_sort(out.begin(), out.end(),
                   [](const Reading& a, const Reading& b) { return a.cost < b.cost; });
  if (out.size() > opt.max_readings) out.resize(opt.max_readings);
  return out;
}

std::vector<Reading> NumberReadings(std::string_view raw, const GlyphModelOptions& opt) {
  std::vector<Reading> out = PlainNumberReadings(raw, opt);
  if (!MayBeBracketedZero(raw) || opt.alt_glyph_cost > opt.max_cost) return out;
  auto zero = std::find_if(out.begin(), out.end(), [](const Reading& r) { return r.value == 0; });
  if (zero != out.end() && zero->cost <= opt.alt_glyph_cost) return out;
  if (zero != out.end()) out.erase(zero);
  out.push_back(Reading{0, opt.alt_glyph_cost, "brackets around a dot: an oval 0"});
  std::stable_sort(out.begin(), out.end(),
                   [](const Reading& a, const Reading& b) { return a.cost < b.cost; });
  if (out.size() > opt.max_readings) out.resize(opt.max_readings);
  return out;
}

std::optional<Reading> BestReading(std::string_view raw, const GlyphModelOptions& options) {
  std::vector<Reading> r = NumberReadings(raw, options);
  if (r.empty()) return std::nullopt;
  return r.front();
}

bool LooksNumeric(std::string_view token) {
  std::vector<std::string> syms = NormalizeSymbols(token);
  if (syms.empty() || syms.size() > 7) return false;
  int digits = 0, glyphs = 0, other = 0;
  for (const std::string& s : syms) {
    if (s.size() == 1 && std::isdigit(static_cast<unsigned char>(s[0]))) {
      ++digits;
    } else if (s.size() == 1 && GlyphFor(s[0])) {
      ++glyphs;
    } else {
      ++other;
    }
  }
  if (digits == 0) return false;
  if (other > 1 || (other == 1 && digits < 2)) return false;
  return glyphs <= 2;
}

std::optional<long> ParseDutchNumber(std::string_view text) {
  std::string digits;
  size_t i = 0;
  bool grouped = false;
  auto digit_at = [&](size_t k) -> char {
    if (k >= text.size()) return 0;
    char c = text[k];
    if (std::isdigit(static_cast<unsigned char>(c))) return c;
    if (c == 'O' || c == 'o') return '0';
    if (c == 'l' || c == 'I') return '1';
    return 0;
  };
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  // A number normally starts with a real digit. An O for 0 may start one too
  // (an amv cell "O"), but only as a whole token: "Op", "Ook" are words. l/I
  // never start one: "I", "II" are Roman numerals in prose.
  const bool letter_start = i < text.size() && (text[i] == 'O' || text[i] == 'o');
  if (!digit_at(i) || (!letter_start && !std::isdigit(static_cast<unsigned char>(text[i])))) {
    return std::nullopt;
  }
  while (i < text.size()) {
    if (char d = digit_at(i)) {
      digits += d;
      ++i;
      continue;
    }
    // "5.787", "1. 936": separator, optional single space, exactly 3 digits.
    if ((text[i] == '.' || text[i] == ',') && (digits.size() <= 3 || grouped)) {
      size_t j = i + 1;
      if (j < text.size() && text[j] == ' ') ++j;
      size_t k = j;
      while (digit_at(k)) ++k;
      if (k - j == 3) {
        for (size_t m = j; m < k; ++m) digits += digit_at(m);
        i = k;
        grouped = true;  // further groups may follow ("1.234.567")
        continue;
      }
    }
    break;
  }
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  if (letter_start && i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) {
    return std::nullopt;
  }
  return std::stol(digits);
}

}  // namespace verdeelscan
