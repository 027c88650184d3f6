// How two calendar dates differ, in the ways dates of birth get mistyped:
// days apart, day and month swapped (US vs European order), same year, and
// how many digits differ.
//
//   CompareDates({1985, 3, 7}, {1985, 7, 3})
//       -> days_apart = 118, day_month_swapped = true, same_year = true,
//          same_year_month = false, digit_edits = 2     ("19850307" vs
//                                                         "19850703")
//   CompareDates({1985, 3, 7}, {1958, 3, 7})
//       -> days_apart = 9862, digit_edits = 2, nothing else
//
// Day counts are exact in the proleptic Gregorian calendar (leap years every
// fourth year except centuries not divisible by 400), computed arithmetically
// without any time library.
//
// Cost: constant; a handful of integer operations and one Levenshtein over
// two 8-digit strings on the stack; no allocation. Pure; thread-safe.
#ifndef MDM_MATCHING_COMPARATORS_DATE_DISTANCE_H_
#define MDM_MATCHING_COMPARATORS_DATE_DISTANCE_H_

#include <cstdint>

namespace mdm::matching {

// A calendar date. Valid dates have month 1..12 and day 1..days-in-month; the
// functions below also accept out-of-range fields without undefined behaviour
// (day 0 is the last day of the previous month, month 13 is next January's
// month, and so on), but their results then say little.
struct YearMonthDay {
  int year = 0;
  int month = 0;
  int day = 0;

  friend bool operator==(const YearMonthDay&, const YearMonthDay&) = default;
};

struct DateComparison {
  int64_t days_apart = 0;  // |days(a) - days(b)|, >= 0
  // a.month == b.day && a.day == b.month && a.year == b.year && a != b.
  bool day_month_swapped = false;
  bool same_year = false;
  bool same_year_month = false;  // same year and month
  // Levenshtein distance between the "YYYYMMDD" digit strings (years with
  // more than four digits, or negative, are written out in full).
  int digit_edits = 0;
};

DateComparison CompareDates(const YearMonthDay& a, const YearMonthDay& b);

// Days from 1970-01-01 to `date` (negative before it). Exact for valid dates.
//
//   DaysSinceEpoch({1970, 1, 1}) == 0
//   DaysSinceEpoch({2000, 3, 1}) - DaysSinceEpoch({2000, 2, 28}) == 2
int64_t DaysSinceEpoch(const YearMonthDay& date);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_COMPARATORS_DATE_DISTANCE_H_
