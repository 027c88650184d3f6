#include "matching/comparators/date_distance.h"

#include <cstdint>
#include <string_view>

#include "matching/comparators/levenshtein.h"

namespace mdm::matching {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Writes `value` in decimal, zero-padded to `width` digits, with a leading
// '-' when negative. Returns the number of characters written (<= 21).
size_t WriteDecimal(int64_t value, size_t width, char32_t* out) {
  char32_t digits[20];
  size_t n = 0;
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value)
                                 : static_cast<uint64_t>(value);
  do {
    digits[n++] = U'0' + static_cast<char32_t>(magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (n < width) digits[n++] = U'0';
  size_t written = 0;
  if (value < 0) out[written++] = U'-';
  while (n > 0) out[written++] = digits[--n];
  return written;
}

// "YYYYMMDD" on the stack. The buffer holds the widest int fields.
struct DigitString {
  explicit DigitString(const YearMonthDay& date) {
    size_t n = WriteDecimal(date.year, 4, text);
    n += WriteDecimal(date.month, 2, text + n);
    n += WriteDecimal(date.day, 2, text + n);
    size = n;
  }
  std::u32string_view view() const { return {text, size}; }

  char32_t text[3 * 21];
  size_t size;
};

}  // namespace

int64_t DaysSinceEpoch(const YearMonthDay& date) {
  // Normalize the month into 1..12, carrying into the year.
  int64_t year = int64_t{date.year} + FloorDiv(int64_t{date.month} - 1, 12);
  const int64_t month =
      int64_t{date.month} - 1 - 12 * FloorDiv(int64_t{date.month} - 1, 12) + 1;
  // Count years from March 1, so that a leap day is the last day of its
  // year and the length of every month before it is fixed.
  if (month <= 2) --year;
  // The Gregorian calendar repeats every 400 years (146097 days).
  const int64_t era = FloorDiv(year, 400);
  const int64_t year_of_era = year - era * 400;       // 0..399
  const int64_t month_from_march = (month + 9) % 12;  // March = 0
  // Month lengths from March run 31 30 31 30 31 | 31 30 31 30 31 | 31 28/29,
  // which (153 * m + 2) / 5 sums exactly.
  const int64_t day_of_year =
      (153 * month_from_march + 2) / 5 + int64_t{date.day} - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  // 0000-03-01 is 719468 days before 1970-01-01.
  return era * 146097 + day_of_era - 719468;
}

DateComparison CompareDates(const YearMonthDay& a, const YearMonthDay& b) {
  DateComparison result;
  const int64_t delta = DaysSinceEpoch(a) - DaysSinceEpoch(b);
  result.days_apart = delta < 0 ? -delta : delta;
  result.same_year = a.year == b.year;
  result.same_year_month = result.same_year && a.month == b.month;
  result.day_month_swapped =
      result.same_year && a.month == b.day && a.day == b.month && !(a == b);
  result.digit_edits =
      Levenshtein(DigitString(a).view(), DigitString(b).view());
  return result;
}

}  // namespace mdm::matching
