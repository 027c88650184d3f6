#include "matching/identifiers/us_ssn.h"

#include "gtest/gtest.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {
namespace {

TEST(CheckUsSsn, AcceptsAssignableNumbers) {
  struct Case {
    const char* input;
    const char* normalized;
  };
  const Case cases[] = {
      {"536-22-1234", "536221234"},          {"536221234", "536221234"},
      {"001-01-0001", "001010001"},          {"665-99-9999", "665999999"},
      {"667-01-0001", "667010001"},          {"899-99-9999", "899999999"},
      {"５３６ ２２ １２３４", "536221234"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckUsSsn(c.input);
    EXPECT_TRUE(check.valid) << c.input << ": " << check.problem;
    EXPECT_EQ(check.scheme, IdScheme::kUsSsn) << c.input;
    EXPECT_EQ(check.normalized, c.normalized) << c.input;
  }
}

TEST(CheckUsSsn, NeverAssignedPartsAreExplained) {
  struct Case {
    const char* input;
    const char* problem;
  };
  const Case cases[] = {
      {"000-12-3456", "SSN area 000 is never assigned"},
      {"666-12-3456", "SSN area 666 is never assigned"},
      {"900-12-3456", "SSN area 900 is never assigned"},
      {"999-12-3456", "SSN area 999 is never assigned"},
      {"536-00-1234", "SSN group 00 is never assigned"},
      {"536-22-0000", "SSN serial 0000 is never assigned"},
      {"078-05-1120", "SSN was voided after use in advertising"},
      {"219-09-9999", "SSN was voided after use in advertising"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckUsSsn(c.input);
    EXPECT_EQ(check.scheme, IdScheme::kUsSsn) << c.input;
    EXPECT_FALSE(check.valid) << c.input;
    EXPECT_EQ(check.problem, c.problem) << c.input;
  }
}

TEST(CheckUsSsn, OtherShapesAreNotSsns) {
  for (const char* input : {"", "536-22-123", "536-22-12345", "53A-22-1234"}) {
    const IdentifierCheck check = CheckUsSsn(input);
    EXPECT_EQ(check.scheme, IdScheme::kUnknown) << input;
    EXPECT_EQ(check.problem, "SSN has 9 digits") << input;
  }
}

}  // namespace
}  // namespace mdm::matching
