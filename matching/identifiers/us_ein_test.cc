#include "matching/identifiers/us_ein.h"

#include <set>
#include <string>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {
namespace {

TEST(CheckUsEin, AcceptsEveryAssignedPrefixAndNoOther) {
  // From the IRS table "How EINs are assigned and valid EIN prefixes".
  const std::set<int> unassigned = {0,  7,  8,  9,  17, 18, 19, 28, 29,
                                    49, 69, 70, 78, 79, 89, 96, 97};
  for (int prefix = 0; prefix < 100; ++prefix) {
    const std::string ein = absl::StrFormat("%02d-1234567", prefix);
    const IdentifierCheck check = CheckUsEin(ein);
    EXPECT_EQ(check.scheme, IdScheme::kUsEin) << ein;
    EXPECT_EQ(check.valid, unassigned.count(prefix) == 0) << ein;
  }
}

TEST(CheckUsEin, NormalizesToNineDigits) {
  struct Case {
    const char* input;
    const char* normalized;
  };
  const Case cases[] = {
      {"12-3456789", "123456789"},
      {"123456789", "123456789"},
      {" 12 3456789 ", "123456789"},
      {"１２－３４５６７８９", "123456789"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckUsEin(c.input);
    EXPECT_TRUE(check.valid) << c.input;
    EXPECT_EQ(check.normalized, c.normalized) << c.input;
  }
}

TEST(CheckUsEin, UnassignedPrefixIsExplained) {
  const IdentifierCheck check = CheckUsEin("07-3456789");
  EXPECT_EQ(check.scheme, IdScheme::kUsEin);
  EXPECT_FALSE(check.valid);
  EXPECT_EQ(check.problem, "EIN prefix 07 is not assigned by the IRS");
}

TEST(CheckUsEin, OtherShapesAreNotEins) {
  for (const char* input : {"", "12-345678", "12-34567890", "12-345678A"}) {
    const IdentifierCheck check = CheckUsEin(input);
    EXPECT_EQ(check.scheme, IdScheme::kUnknown) << input;
    EXPECT_EQ(check.problem, "EIN has 9 digits") << input;
  }
}

}  // namespace
}  // namespace mdm::matching
