#include "matching/comparators/date_distance.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

bool IsLeap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

YearMonthDay Next(YearMonthDay d) {
  if (++d.day > DaysInMonth(d.year, d.month)) {
    d.day = 1;
    if (++d.month > 12) {
      d.month = 1;
      ++d.year;
    }
  }
  return d;
}

TEST(DaysSinceEpoch, KnownDays) {
  struct Case {
    YearMonthDay date;
    int64_t days;
  };
  const Case cases[] = {
      {{1970, 1, 1}, 0},       {{1969, 12, 31}, -1},   {{2000, 1, 1}, 10957},
      {{2000, 3, 1}, 11017},   {{1900, 3, 1}, -25508}, {{1, 1, 1}, -719162},
      {{2400, 2, 29}, 157113}, {{1985, 3, 7}, 5544},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DaysSinceEpoch(c.date), c.days)
        << c.date.year << "-" << c.date.month << "-" << c.date.day;
  }
}

TEST(DaysSinceEpoch, CountsEveryDayFrom1600To2400) {
  YearMonthDay date{1600, 1, 1};
  int64_t expected = DaysSinceEpoch(date);
  EXPECT_EQ(expected, -135140);
  while (date.year < 2401) {
    ASSERT_EQ(DaysSinceEpoch(date), expected)
        << date.year << "-" << date.month << "-" << date.day;
    date = Next(date);
    ++expected;
  }
}

TEST(DaysSinceEpoch, OutOfRangeFieldsCarry) {
  EXPECT_EQ(DaysSinceEpoch({1985, 13, 1}), DaysSinceEpoch({1986, 1, 1}));
  EXPECT_EQ(DaysSinceEpoch({1985, 0, 1}), DaysSinceEpoch({1984, 12, 1}));
  EXPECT_EQ(DaysSinceEpoch({1985, 3, 0}), DaysSinceEpoch({1985, 2, 28}));
}

TEST(CompareDates, LeapDaysCountAcrossFebruary) {
  struct Case {
    YearMonthDay a;
    YearMonthDay b;
    int64_t days;
  };
  const Case cases[] = {
      {{2000, 2, 28}, {2000, 3, 1}, 2},  // 2000 is a leap year
      {{1900, 2, 28}, {1900, 3, 1}, 1},  // 1900 is not
      {{2004, 2, 28}, {2004, 3, 1}, 2},   {{2023, 2, 28}, {2023, 3, 1}, 1},
      {{2023, 12, 31}, {2024, 1, 1}, 1},  {{2000, 1, 1}, {2001, 1, 1}, 366},
      {{1900, 1, 1}, {1901, 1, 1}, 365},  {{2024, 2, 29}, {2028, 2, 29}, 1461},
      {{1985, 3, 7}, {1958, 3, 7}, 9862},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CompareDates(c.a, c.b).days_apart, c.days);
    EXPECT_EQ(CompareDates(c.b, c.a).days_apart, c.days);
  }
}

TEST(CompareDates, DetectsDayMonthSwap) {
  const DateComparison swapped = CompareDates({1985, 3, 7}, {1985, 7, 3});
  EXPECT_TRUE(swapped.day_month_swapped);
  EXPECT_TRUE(swapped.same_year);
  EXPECT_FALSE(swapped.same_year_month);
  EXPECT_EQ(swapped.days_apart, 118);
  EXPECT_EQ(swapped.digit_edits, 2);  // "19850307" vs "19850703"
}

TEST(CompareDates, FlagsOnlyWhatHolds) {
  struct Case {
    YearMonthDay a;
    YearMonthDay b;
    bool swapped;
    bool same_year;
    bool same_year_month;
    int digit_edits;
  };
  const Case cases[] = {
      // Equal dates, even with day == month, are not a swap.
      {{1985, 3, 3}, {1985, 3, 3}, false, true, true, 0},
      {{1985, 3, 7}, {1985, 3, 7}, false, true, true, 0},
      // Swap needs the same year.
      {{1985, 3, 7}, {1986, 7, 3}, false, false, false, 3},
      {{1985, 3, 7}, {1985, 3, 8}, false, true, true, 1},
      {{1985, 3, 7}, {1958, 3, 7}, false, false, false, 2},
      {{1985, 12, 1}, {1985, 1, 12}, true, true, false, 4},
      {{1985, 11, 1}, {1985, 1, 11}, true, true, false, 2},
  };
  for (const Case& c : cases) {
    const DateComparison r = CompareDates(c.a, c.b);
    EXPECT_EQ(r.day_month_swapped, c.swapped) << c.a.month << "/" << c.a.day;
    EXPECT_EQ(r.same_year, c.same_year);
    EXPECT_EQ(r.same_year_month, c.same_year_month);
    EXPECT_EQ(r.digit_edits, c.digit_edits)
        << c.a.year << "-" << c.a.month << "-" << c.a.day << " vs " << c.b.year
        << "-" << c.b.month << "-" << c.b.day;
  }
}

TEST(CompareDates, WritesUnusualYearsInFull) {
  // "-0001" + "0101" vs "0001" + "0101": one deletion.
  EXPECT_EQ(CompareDates({-1, 1, 1}, {1, 1, 1}).digit_edits, 1);
  // "12345" + "0101" vs "2345" + "0101".
  EXPECT_EQ(CompareDates({12345, 1, 1}, {2345, 1, 1}).digit_edits, 1);
}

}  // namespace
}  // namespace mdm::matching
