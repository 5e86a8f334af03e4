// Dutch dates in running text, tolerant of OCR damage: "20 december 2024",
// "2O december 2O24" (O for 0), "20 decembet 2024" (damaged month),
// "9 april 2026", "20-12-2024", "1 juli 2025". Returned as ISO 8601.
#ifndef VERDEELSCAN_EXTRACTORS_DOCUMENTS_DATES_H_
#define VERDEELSCAN_EXTRACTORS_DOCUMENTS_DATES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verdeelscan {

struct DateMatch {
  std::string iso;   // "2024-12-20"
  size_t begin = 0;  // byte offsets of the match in the searched text
  size_t end = 0;
  std::string raw;  // the text as found
};

// Every date in `text`, in order of appearance. Invalid calendar dates
// (31 februari) are skipped.
std::vector<DateMatch> FindDutchDates(std::string_view text);

// 1..12 for a (possibly damaged) Dutch month name ("decembet", "mel") or its
// abbreviation ("jul.", "sept"), 0 otherwise: one OCR edit at most, none
// beyond look-alikes for short names.
int MonthOf(std::string_view token);

// A date whose day the page damaged beyond reading: "1/7 maart 2024" (a 17
// whose 7 a clean scan of lettergen seed 11811 read with a slash), the day
// a digit with marks, the month (MonthOf) and year legible. For a
// digits-only second look at the day's word (kinds::IllegibleField).
struct IllegibleDay {
  std::string day;  // as read: "1/7"
  int month = 0;    // 1..12
  int year = 0;
  size_t begin = 0;  // byte offsets of the day in the searched text
};

// The first date in `text` with an illegible day and no legible date
// before it.
std::optional<IllegibleDay> FindIllegibleDay(std::string_view text);

// True when `text` says when something happened: it holds a digit, a
// weekday (Dutch or English) or a month name (MonthOf). An e-mail header's
// "Verzonden" value does; a line of prose that opens with "Verzonden" rarely.
bool MentionsDate(std::string_view text);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_DOCUMENTS_DATES_H_
