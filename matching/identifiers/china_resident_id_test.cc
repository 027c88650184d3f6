#include "matching/identifiers/china_resident_id.h"

#include <string>

#include "gtest/gtest.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {
namespace {

// Check characters: sum of digit * (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2),
// check = "10X98765432"[sum mod 11]. For 11010519491231002:
// 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167, 167 mod 11 = 2 -> X.
TEST(CheckChinaResidentId, AcceptsValidNumbers) {
  struct Case {
    const char* input;
    const char* normalized;
  };
  const Case cases[] = {
      // The GB 11643-1999 example.
      {"11010519491231002X", "11010519491231002X"},
      {"11010519491231002x", "11010519491231002X"},
      {"110105 19491231 002X", "11010519491231002X"},
      {"１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"},
      // 28+36+0+15+0+0+2+9+54+0+0+27+0+35+8+8+6 = 228, mod 11 = 8 -> 4.
      {"440300199003071234", "440300199003071234"},
      // Leap day in 2000, and both ends of the accepted year range.
      {"110105200002290013", "110105200002290013"},
      {"11010519000101001X", "11010519000101001X"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckChinaResidentId(c.input);
    EXPECT_TRUE(check.valid) << c.input << ": " << check.problem;
    EXPECT_EQ(check.scheme, IdScheme::kChinaResidentId) << c.input;
    EXPECT_EQ(check.normalized, c.normalized) << c.input;
  }
}

TEST(CheckChinaResidentId, EverySingleDigitSubstitutionIsInvalid) {
  for (const std::string valid : {"11010519491231002X", "440300199003071234"}) {
    for (size_t i = 0; i < valid.size(); ++i) {
      for (char c : std::string("0123456789X")) {
        if (c == valid[i] || (c == 'X' && i != 17)) continue;
        std::string changed = valid;
        changed[i] = c;
        EXPECT_FALSE(CheckChinaResidentId(changed).valid) << changed;
      }
    }
  }
}

TEST(CheckChinaResidentId, FailedRulesAreExplained) {
  struct Case {
    const char* input;  // All but the first have a correct check character.
    const char* problem;
  };
  const Case cases[] = {
      {"110105194912310021", "check digit should be X"},
      {"110105194902300020", "birth date 19490230 is not a real date"},
      {"110105190002290017", "birth date 19000229 is not a real date"},
      {"110105189912310015", "birth year 1899 is outside 1900..2100"},
      {"110105210101010012", "birth year 2101 is outside 1900..2100"},
      {"990105194912310023",
       "address code 990105 is not in a province-level "
       "region"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckChinaResidentId(c.input);
    EXPECT_EQ(check.scheme, IdScheme::kChinaResidentId) << c.input;
    EXPECT_FALSE(check.valid) << c.input;
    EXPECT_EQ(check.problem, c.problem) << c.input;
  }
}

TEST(CheckChinaResidentId, FifteenDigitFormIsUpgradedButNeverValid) {
  const IdentifierCheck check = CheckChinaResidentId("110105491231002");
  EXPECT_EQ(check.scheme, IdScheme::kChinaResidentId);
  EXPECT_FALSE(check.valid);
  EXPECT_EQ(check.normalized, "11010519491231002X");
  EXPECT_EQ(check.problem, "15-digit form has no check digit");

  const IdentifierCheck bad_date = CheckChinaResidentId("110105490230002");
  EXPECT_EQ(bad_date.scheme, IdScheme::kChinaResidentId);
  EXPECT_FALSE(bad_date.valid);
  EXPECT_EQ(bad_date.problem, "birth date 19490230 is not a real date");
}

TEST(CheckChinaResidentId, OtherShapesAreNotResidentIds) {
  const char* cases[] = {
      "",
      "11010519491231002",    // 17 characters.
      "11010519491231002XX",  // 19.
      "1101051949123100XX",   // X before the last place.
      "11010519491231002Y",   // Y is no check character.
      "11010549123100X",      // 15 with a letter.
      "91350100M000100Y43",   // A USCC.
  };
  for (const char* input : cases) {
    const IdentifierCheck check = CheckChinaResidentId(input);
    EXPECT_EQ(check.scheme, IdScheme::kUnknown) << input;
    EXPECT_FALSE(check.valid) << input;
    EXPECT_NE(check.problem, "") << input;
  }
}

}  // namespace
}  // namespace mdm::matching
