// Calendar dates from the forms people and systems write them in.
//
//   ParseDate("1985-03-07")        -> 1985-03-07
//   ParseDate("19850307")          -> 1985-03-07
//   ParseDate("07/03/1985")        -> 1985-03-07   (day first when ambiguous)
//   ParseDate("03/25/1985")        -> 1985-03-25   (25 cannot be a month)
//   ParseDate("1985年3月7日")       -> 1985-03-07
//   ParseDate("7 March 1985")      -> 1985-03-07
//   ParseDate("1985-03-07T10:00Z") -> 1985-03-07
//   ParseDate("31/02/1985")        -> nullopt      (no such day)
//
// Years are 1000..2999; two-digit years are not accepted. Pure; thread-safe.
#ifndef MDM_MATCHING_DATE_PARSER_H_
#define MDM_MATCHING_DATE_PARSER_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend bool operator==(const CivilDate& a, const CivilDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

std::optional<CivilDate> ParseDate(absl::string_view text);

// "YYYY-MM-DD".
std::string FormatIsoDate(const CivilDate& date);

// True when the date exists in the proleptic Gregorian calendar.
bool IsValidDate(int year, int month, int day);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_DATE_PARSER_H_
