#include "extractors/documents/dates.h"

#include <re2/re2.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "validators/name_matcher.h"

namespace verdeelscan {
namespace {

const char* const kMonths[] = {"januari",   "februari", "maart",    "april",
                               "mei",       "juni",     "juli",     "augustus",
                               "september", "oktober",  "november", "december"};

struct Token {
  std::string text;
  size_t begin, end;
};

// True when a token ends at `i`: a space, or the point or comma after a
// number that a scan joined to the next word ("24 augustus 2025.aan het
// ministerie", a photocopy of lettergen seed 6310, took the year from
// elsewhere).
bool TokenEndsAt(std::string_view s, size_t i) {
  if (std::isspace(static_cast<unsigned char>(s[i]))) return true;
  return i >= 2 && (s[i - 1] == '.' || s[i - 1] == ',') &&
         std::isdigit(static_cast<unsigned char>(s[i - 2])) &&
         std::isalpha(static_cast<unsigned char>(s[i]));
}

// The bytes of the one mark (a hyphen, quote or point, ASCII or UTF-8) that
// `s` opens with; 0 when it opens with a letter or digit.
size_t MarkLength(std::string_view s) {
  if (s.empty() || std::isalnum(static_cast<unsigned char>(s[0]))) return 0;
  const size_t n = WellFormedUtf8Length(s, 0);
  // A two-byte sequence here is a letter ("é"), not a mark.
  return n == 2 ? 0 : n;
}

std::vector<Token> Tokens(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t b = i;
    while (i < s.size() && (i == b || !TokenEndsAt(s, i))) ++i;
    if (i > b) out.push_back({std::string(s.substr(b, i - b)), b, i});
  }
  return out;
}

// Digits in a date token, reading O/o as 0 and l/I as 1; trailing punctuation
// ignored. -1 when the token is not a number of 1..max_len digits.
int DigitValue(std::string_view t, size_t max_len) {
  while (!t.empty() && std::ispunct(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  while (!t.empty() && std::ispunct(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  if (t.empty() || t.size() > max_len) return -1;
  int v = 0, real_digits = 0;
  for (char c : t) {
    int d;
    if (std::isdigit(static_cast<unsigned char>(c))) {
      d = c - '0';
      ++real_digits;
    } else if (c == 'O' || c == 'o') {
      d = 0;
    } else if (c == 'l' || c == 'I') {
      d = 1;
    } else {
      return -1;
    }
    v = v * 10 + d;
  }
  return real_digits > 0 ? v : -1;
}

// The year of a date token, also when a scan joined the time to it
// ("2025-14:15" in "22 januari 2025-14:15") or, by a speck read as a hyphen
// or comma, the next word ("vóór 3 februari 2026-aan het ministerie", a
// photocopy of lettergen seed 11402: the year taken from the letter's other
// date, 2024, valid); -1 when it is none.
int YearValue(std::string_view t) {
  static const RE2 kYearAndMore(R"(^([0-9]{4})[-,](?:[0-9]{1,2}[:.][0-9]{2}|\p{Ll}+)$)");
  std::string year;
  if (RE2::FullMatch(t, kYearAndMore, &year)) return std::stoi(year);
  return DigitValue(t, 4);
}

// A calendar date within the years our documents can carry (std::chrono knows
// the month lengths and leap years).
bool ValidDate(int y, int m, int d) {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  return std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m),
                                     std::chrono::day(d))
      .ok();
}

std::string Iso(int y, int m, int d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

int MonthOf(std::string_view token) {
  // The abbreviations letters print ("13 jul. 2025", "3 sept 2024"), with
  // the mark after them or what a scan made of it ("jul:" for "juli").
  static constexpr std::string_view kAbbreviations[] = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                                        "jul", "aug", "sep", "okt", "nov", "dec"};
  std::string_view bare = token;
  while (!bare.empty() && std::string_view(".:;,").find(bare.back()) != std::string_view::npos)
    bare.remove_suffix(1);
  std::string lower(bare);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "sept") return 9;
  for (int m = 0; m < 12; ++m)
    if (lower == kAbbreviations[m]) return m + 1;
  std::string folded = FoldName(token);
  if (folded.size() < 3) return 0;
  int best = 0, best_cost = 1 << 20;
  for (int m = 0; m < 12; ++m) {
    int cost = OcrEditCost(folded, kMonths[m]);
    if (cost < best_cost) {
      best_cost = cost;
      best = m + 1;
    }
  }
  // One arbitrary edit at most ("decembet"), and none for short names ("mei").
  const int limit = folded.size() <= 4 ? 4 : 10;
  return best_cost <= limit ? best : 0;
}

std::vector<DateMatch> FindDutchDates(std::string_view text) {
  std::vector<DateMatch> out;
  std::vector<Token> tokens = Tokens(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    // "20 december 2024"
    if (i + 2 < tokens.size()) {
      int d = DigitValue(tokens[i].text, 2);
      int m = d > 0 ? MonthOf(tokens[i + 1].text) : 0;
      int y = m > 0 ? YearValue(tokens[i + 2].text) : -1;
      if (y >= 0 && ValidDate(y, m, d)) {
        out.push_back(
            {Iso(y, m, d), tokens[i].begin, tokens[i + 2].end,
             std::string(text.substr(tokens[i].begin, tokens[i + 2].end - tokens[i].begin))});
        i += 2;
        continue;
      }
    }
    // "17-april 2024", "14september 2025", "26'juli 2026": a scan read the
    // space after the day as a hyphen or a speck's mark, or lost it.
    const std::string& t = tokens[i].text;
    size_t dash = t.find('-');
    if (dash == std::string::npos) {
      dash = t.find_first_not_of("0123456789");
      if (dash != std::string::npos && !std::isalpha(static_cast<unsigned char>(t[dash])) &&
          MarkLength(std::string_view(t).substr(dash)) == 0)
        dash = std::string::npos;
    }
    if (i + 1 < tokens.size() && dash != std::string::npos && dash >= 1 && dash <= 2) {
      const size_t month_at = dash + MarkLength(std::string_view(t).substr(dash));
      int day = DigitValue(std::string_view(t).substr(0, dash), 2);
      int month = day > 0 ? MonthOf(std::string_view(t).substr(month_at)) : 0;
      int year = month > 0 ? YearValue(tokens[i + 1].text) : -1;
      if (year >= 0 && ValidDate(year, month, day)) {
        out.push_back(
            {Iso(year, month, day), tokens[i].begin, tokens[i + 1].end,
             std::string(text.substr(tokens[i].begin, tokens[i + 1].end - tokens[i].begin))});
        ++i;
        continue;
      }
    }
    // "20-12-2024" or "20/12/2024"
    int d = 0, m = 0, y = 0;
    char s1 = 0, s2 = 0;
    if (std::sscanf(t.c_str(), "%2d%c%2d%c%4d", &d, &s1, &m, &s2, &y) == 5 && s1 == s2 &&
        (s1 == '-' || s1 == '/') && ValidDate(y, m, d)) {
      out.push_back({Iso(y, m, d), tokens[i].begin, tokens[i].end, t});
    }
  }
  return out;
}

std::optional<IllegibleDay> FindIllegibleDay(std::string_view text) {
  // A digit and marks, or a mark and a digit: "1/7", "1?", "/7", "2|1".
  static const RE2 kDamagedDate(
      R"((?:^|\s)(\d[^\s\p{L}\d]{1,2}\d?|[^\s\p{L}\d]\d{1,2})\s+(\p{L}{3,12})\.?\s+((?:19|20)\d\d)\b)");
  const std::vector<DateMatch> legible = FindDutchDates(text);
  re2::StringPiece in(text.data(), text.size()), day, month;
  int year = 0;
  while (RE2::FindAndConsume(&in, kDamagedDate, &day, &month, &year)) {
    const size_t at = static_cast<size_t>(day.data() - text.data());
    if (!legible.empty() && legible.front().begin < at) return std::nullopt;
    const int m = MonthOf(std::string_view(month.data(), month.size()));
    if (m > 0) return IllegibleDay{std::string(day.data(), day.size()), m, year, at};
  }
  return std::nullopt;
}

bool MentionsDate(std::string_view text) {
  static const RE2 kDigitOrWeekday(
      R"((?i)\d|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|)"
      R"(wednesday|thursday|friday|saturday|sunday)");
  if (RE2::PartialMatch(text, kDigitOrWeekday)) return true;
  static const RE2 kWord(R"((\p{L}+))");
  re2::StringPiece in(text.data(), text.size()), word;
  while (RE2::FindAndConsume(&in, kWord, &word))
    if (MonthOf(std::string_view(word.data(), word.size())) > 0) return true;
  return false;
}

}  // namespace verdeelscan
