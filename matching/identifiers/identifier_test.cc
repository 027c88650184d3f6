#include "matching/identifiers/identifier.h"

#include <string>

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(NormalizeIdentifier, StripsSeparatorsFoldsWidthAndUpperCases) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"", ""},
      {" ９１３５-0100m ", "91350100M"},
      {"de 136.695.976", "DE136695976"},
      {"12/34\t56\n78", "12345678"},
      {"ＡＢＣ－１２３", "ABC123"},      // Full-width hyphen too.
      {"AB\u3000C\u00A0D", "ABCD"},      // Ideographic and no-break spaces.
      {"12\u201334\u221256", "123456"},  // En dash, minus sign.
      {"粤B-12345", "粤B12345"},         // Other characters are kept.
      {"a#b", "A#B"},
      {"\xff"
       "1",
       "\xff"
       "1"},  // Ill-formed UTF-8 is kept.
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeIdentifier(c.input), c.expected) << c.input;
  }
}

TEST(IdSchemeName, NamesEveryScheme) {
  struct Case {
    IdScheme scheme;
    const char* name;
  };
  const Case cases[] = {
      {IdScheme::kUnknown, "unknown"},
      {IdScheme::kChinaUscc, "cn_uscc"},
      {IdScheme::kChinaResidentId, "cn_resident_id"},
      {IdScheme::kGtin8, "gtin8"},
      {IdScheme::kGtin12, "gtin12"},
      {IdScheme::kGtin13, "gtin13"},
      {IdScheme::kGtin14, "gtin14"},
      {IdScheme::kUsEin, "us_ein"},
      {IdScheme::kUsSsn, "us_ssn"},
      {IdScheme::kEuVat, "eu_vat"},
      {IdScheme::kIsbn10, "isbn10"},
  };
  for (const Case& c : cases) EXPECT_EQ(IdSchemeName(c.scheme), c.name);
}

struct ClassifyCase {
  const char* input;
  IdentifierHint hint;
  IdScheme scheme;
  bool valid;
  const char* normalized;
};

void ExpectClassified(const ClassifyCase& c) {
  const IdentifierCheck check = ClassifyIdentifier(c.input, c.hint);
  EXPECT_EQ(IdSchemeName(check.scheme), IdSchemeName(c.scheme)) << c.input;
  EXPECT_EQ(check.valid, c.valid) << c.input << ": " << check.problem;
  EXPECT_EQ(check.normalized, c.normalized) << c.input;
}

TEST(ClassifyIdentifier, AnyHintGoesByShape) {
  using enum IdScheme;
  constexpr IdentifierHint kAny = IdentifierHint::kAny;
  const ClassifyCase cases[] = {
      {"91350100M000100Y43", kAny, kChinaUscc, true, "91350100M000100Y43"},
      {"９１３５０１００Ｍ０００１００Ｙ４３", kAny, kChinaUscc, true,
       "91350100M000100Y43"},
      {"91350100M000100Y44", kAny, kChinaUscc, false, "91350100M000100Y44"},
      {"11010519491231002X", kAny, kChinaResidentId, true,
       "11010519491231002X"},
      // A mistyped resident id is reported as one, not as a bad USCC.
      {"110105194912310021", kAny, kChinaResidentId, false,
       "110105194912310021"},
      {"4006381333931", kAny, kGtin13, true, "04006381333931"},
      {"96385074", kAny, kGtin8, true, "00000096385074"},
      {"12-3456789", kAny, kUsEin, true, "123456789"},
      {"536-22-1234", kAny, kUsSsn, true, "536221234"},
      {"DE 136 695 976", kAny, kEuVat, true, "DE136695976"},
      {"GR094259216", kAny, kEuVat, true, "EL094259216"},
  };
  for (const ClassifyCase& c : cases) ExpectClassified(c);
}

TEST(ClassifyIdentifier, AnyHintLeavesAmbiguousShapesUnknown) {
  using enum IdScheme;
  constexpr IdentifierHint kAny = IdentifierHint::kAny;
  const ClassifyCase cases[] = {
      {"536221234", kAny, kUnknown, false, "536221234"},  // EIN or SSN?
      {"110105491231002", kAny, kUnknown, false, "110105491231002"},
      {"0306406152", kAny, kUnknown, false, "0306406152"},
      {"hello world", kAny, kUnknown, false, "HELLOWORLD"},
      {"", kAny, kUnknown, false, ""},
      {"粤B-12345", kAny, kUnknown, false, "粤B12345"},
      {"DE13669597", kAny, kUnknown, false, "DE13669597"},
  };
  for (const ClassifyCase& c : cases) {
    ExpectClassified(c);
    EXPECT_EQ(ClassifyIdentifier(c.input, c.hint).problem, "") << c.input;
  }
}

TEST(ClassifyIdentifier, HintsNarrowAndOrderTheSchemes) {
  using enum IdScheme;
  using enum IdentifierHint;
  const ClassifyCase cases[] = {
      {"536221234", kTax, kUsEin, true, "536221234"},
      {"536-22-1234", kTax, kUsSsn, true, "536221234"},
      {"91350100M000100Y43", kTax, kChinaUscc, true, "91350100M000100Y43"},
      {"11010519491231002X", kTax, kChinaResidentId, true,
       "11010519491231002X"},
      {"FR 40 303 265 045", kTax, kEuVat, true, "FR40303265045"},
      {"4006381333931", kTax, kUnknown, false, "4006381333931"},
      {"91350100M000100Y43", kRegistration, kChinaUscc, true,
       "91350100M000100Y43"},
      {"FR83404833048", kRegistration, kEuVat, true, "FR83404833048"},
      {"12-3456789", kRegistration, kUnknown, false, "123456789"},
      {"11010519491231002X", kNationalId, kChinaResidentId, true,
       "11010519491231002X"},
      {"110105491231002", kNationalId, kChinaResidentId, false,
       "11010519491231002X"},
      {"536221234", kNationalId, kUsSsn, true, "536221234"},
      {"91350100M000100Y43", kNationalId, kUnknown, false,
       "91350100M000100Y43"},
      {"0-306-40615-2", kGtin, kIsbn10, true, "09780306406157"},
      {"036000291452", kGtin, kGtin12, true, "00036000291452"},
      {"12345", kGtin, kUnknown, false, "12345"},
  };
  for (const ClassifyCase& c : cases) ExpectClassified(c);
}

TEST(ClassifyIdentifier, ValidSchemeWinsOverAnEarlierFormatMatch) {
  // Shaped like a resident id (17 digits, birth date 19900101), so tried as
  // one first; its resident-id check digit would be 0, but it is a valid
  // USCC (enterprise, Fujian).
  const IdentifierCheck check =
      ClassifyIdentifier("913501199001010003", IdentifierHint::kAny);
  EXPECT_EQ(check.scheme, IdScheme::kChinaUscc);
  EXPECT_TRUE(check.valid);
}

TEST(ClassifyIdentifier, FailedMatchCarriesItsProblem) {
  const IdentifierCheck check =
      ClassifyIdentifier("4006381333932", IdentifierHint::kGtin);
  EXPECT_EQ(check.scheme, IdScheme::kGtin13);
  EXPECT_FALSE(check.valid);
  EXPECT_EQ(check.normalized, "04006381333932");
  EXPECT_EQ(check.problem, "check digit should be 1");
}

}  // namespace
}  // namespace mdm::matching
