#include "matching/date_parser.h"

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(ParseDate, AcceptsCommonForms) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"1985-03-07", "1985-03-07"},
      {"1985/3/7", "1985-03-07"},
      {"19850307", "1985-03-07"},
      {"07031985", "1985-03-07"},
      {"07/03/1985", "1985-03-07"},
      {"7.3.1985", "1985-03-07"},
      {"03/25/1985", "1985-03-25"},
      {"25/03/1985", "1985-03-25"},
      {"1985年3月7日", "1985-03-07"},
      {"7 March 1985", "1985-03-07"},
      {"March 7, 1985", "1985-03-07"},
      {"07-Mar-1985", "1985-03-07"},
      {"1985-03-07T10:20:00Z", "1985-03-07"},
      {" 2000-02-29 ", "2000-02-29"},
  };
  for (const Case& c : cases) {
    std::optional<CivilDate> date = ParseDate(c.input);
    ASSERT_TRUE(date.has_value()) << c.input;
    EXPECT_EQ(FormatIsoDate(*date), c.expected) << c.input;
  }
}

TEST(ParseDate, UnparseableOrImpossibleDatesAreMissing) {
  const char* cases[] = {
      "",         "unknown",  "31/02/1985", "1900-02-29", "1985-13-01",
      "85-03-07", "12/13/14", "1985",       "0000-00-00", "Smarch 7 1985"};
  for (const char* input : cases) {
    EXPECT_FALSE(ParseDate(input).has_value()) << input;
  }
}

}  // namespace
}  // namespace mdm::matching
