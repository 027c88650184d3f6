#include "matching/identifiers/isbn10.h"

#include <string>

#include "gtest/gtest.h"
#include "matching/identifiers/gtin.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {
namespace {

// Check: weights 10..2 on the first nine digits; the check makes the total
// (with weight 1) divisible by 11. 0-306-40615-?: 0+27+0+42+24+0+24+3+10 =
// 130, 130 mod 11 = 9, check 11 - 9 = 2.
TEST(CheckIsbn10, AcceptsValidNumbersAndNormalizesToTheirGtin) {
  struct Case {
    const char* input;
    const char* normalized;
  };
  const Case cases[] = {
      {"0-306-40615-2", "09780306406157"},
      {"0306406152", "09780306406157"},
      {"080442957X", "09780804429573"},
      {"0-8044-2957-x", "09780804429573"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckIsbn10(c.input);
    EXPECT_TRUE(check.valid) << c.input << ": " << check.problem;
    EXPECT_EQ(check.scheme, IdScheme::kIsbn10) << c.input;
    EXPECT_EQ(check.normalized, c.normalized) << c.input;
  }
}

TEST(CheckIsbn10, ComparesEqualToTheBooksEan13) {
  EXPECT_EQ(CheckIsbn10("0-306-40615-2").normalized,
            CheckGtin("978-0-306-40615-7").normalized);
}

TEST(CheckIsbn10, EverySingleCharacterSubstitutionIsInvalid) {
  const std::string valid = "080442957X";
  for (size_t i = 0; i < valid.size(); ++i) {
    for (char c : std::string("0123456789X")) {
      if (c == valid[i] || (c == 'X' && i != 9)) continue;
      std::string changed = valid;
      changed[i] = c;
      EXPECT_FALSE(CheckIsbn10(changed).valid) << changed;
    }
  }
}

TEST(CheckIsbn10, FailedOrMismatchedFormats) {
  const IdentifierCheck wrong = CheckIsbn10("0-306-40615-3");
  EXPECT_EQ(wrong.scheme, IdScheme::kIsbn10);
  EXPECT_FALSE(wrong.valid);
  EXPECT_EQ(wrong.normalized, "0306406153");
  EXPECT_EQ(wrong.problem, "check digit should be 2");

  EXPECT_EQ(CheckIsbn10("0804429570").problem, "check digit should be X");

  for (const char* input : {"030640615", "03064061522", "X306406152"}) {
    EXPECT_EQ(CheckIsbn10(input).scheme, IdScheme::kUnknown) << input;
  }
}

}  // namespace
}  // namespace mdm::matching
