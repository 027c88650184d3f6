#include "matching/identifiers/gtin.h"

#include <string>

#include "gtest/gtest.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {
namespace {

// Check digit: weights 3, 1, 3, ... from the right of the payload. For
// 400638133393: 3*3+9+3*3+3+3*3+1+3*8+3+3*6+0+3*0+4 = 89 -> 1.
TEST(CheckGtin, AcceptsPublishedNumbers) {
  struct Case {
    const char* input;
    IdScheme scheme;
    const char* normalized;
  };
  const Case cases[] = {
      {"4006381333931", IdScheme::kGtin13, "04006381333931"},
      {"036000291452", IdScheme::kGtin12, "00036000291452"},  // UPC-A.
      {"0036000291452", IdScheme::kGtin13, "00036000291452"},
      {"00036000291452", IdScheme::kGtin14, "00036000291452"},
      {"96385074", IdScheme::kGtin8, "00000096385074"},            // EAN-8.
      {"978-0-306-40615-7", IdScheme::kGtin13, "09780306406157"},  // ISBN-13.
      {"4 006381 333931", IdScheme::kGtin13, "04006381333931"},
      {"４００６３８１３３３９３１", IdScheme::kGtin13, "04006381333931"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckGtin(c.input);
    EXPECT_TRUE(check.valid) << c.input << ": " << check.problem;
    EXPECT_EQ(check.scheme, c.scheme) << c.input;
    EXPECT_EQ(check.normalized, c.normalized) << c.input;
  }
}

TEST(CheckGtin, EverySingleDigitSubstitutionIsInvalid) {
  for (const std::string valid :
       {"4006381333931", "036000291452", "96385074", "00036000291452"}) {
    for (size_t i = 0; i < valid.size(); ++i) {
      for (char c = '0'; c <= '9'; ++c) {
        if (c == valid[i]) continue;
        std::string changed = valid;
        changed[i] = c;
        const IdentifierCheck check = CheckGtin(changed);
        EXPECT_NE(check.scheme, IdScheme::kUnknown) << changed;
        EXPECT_FALSE(check.valid) << changed;
      }
    }
  }
}

TEST(CheckGtin, FailedRulesAreExplained) {
  struct Case {
    const char* input;
    const char* problem;
  };
  const Case cases[] = {
      {"4006381333932", "check digit should be 1"},
      {"036000291453", "check digit should be 2"},
      {"0000000000000", "all-zero GTIN is a placeholder"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckGtin(c.input);
    EXPECT_NE(check.scheme, IdScheme::kUnknown) << c.input;
    EXPECT_FALSE(check.valid) << c.input;
    EXPECT_EQ(check.problem, c.problem) << c.input;
  }
}

TEST(CheckGtin, OtherLengthsAndLettersAreNotGtins) {
  const char* cases[] = {"",
                         "1234567",
                         "123456789",
                         "12345678901",
                         "123456789012345",
                         "40063813339A1",
                         "ISBN 978-0-306-40615-7"};
  for (const char* input : cases) {
    const IdentifierCheck check = CheckGtin(input);
    EXPECT_EQ(check.scheme, IdScheme::kUnknown) << input;
    EXPECT_FALSE(check.valid) << input;
    EXPECT_NE(check.problem, "") << input;
  }
}

}  // namespace
}  // namespace mdm::matching
